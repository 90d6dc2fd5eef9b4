//! The mock host says where in the source a contract trapped when it has the program's
//! debug map: `failing-contract`, built with the debug profile, fails four ways on both
//! engines, and each `MockError::Trap` names the function and line.

use std::path::Path;
use std::rc::Rc;

use rivet_debuginfo::DebugMap;
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{EngineKind, Limits, Module, Program};
use rivet_mock_host::{MockError, MockHost};
use rivet_toolchain::{GuestBuild, GuestTarget, Profile};

#[test]
fn a_trap_names_its_function_and_line_on_both_engines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../executor/guests/failing-contract");
    let source = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let line_of = |marker: &str| {
        let tag = format!("// line: {marker}");
        source.lines().position(|l| l.ends_with(&tag)).unwrap() + 1
    };
    let mut build = GuestBuild::new(&dir, GuestTarget::Rv32emc);
    build.tuned = Some(Profile::Debug);
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    let parts = link(&elf, &LinkerConfig::default()).unwrap();
    let program =
        std::sync::Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap());
    let map = Rc::new(DebugMap::from_elf(&elf).unwrap());
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        for (input, marker, function) in [
            (0u8, "panic", "panics"),
            (1, "heap", "runs_out_of_heap"),
            (2, "memory", "reads_outside_memory"),
            (3, "jump", "jumps_nowhere"),
        ] {
            let module = Module::new(program.clone(), kind).unwrap();
            let mut instance = module.instantiate().unwrap();
            let mut host = MockHost { debug_map: Some(map.clone()), ..MockHost::default() };
            let Err(error) = host.call(&mut *instance, "call", &[input], 10_000_000) else {
                panic!("{kind:?} {marker}: the call succeeded");
            };
            let MockError::Trap { at, .. } = &error else { panic!("{kind:?}: {error}") };
            let expected = format!("in {function} at ");
            assert!(at[0].starts_with(&expected), "{kind:?} {marker}: {error}");
            let line = format!("failing-contract/src/lib.rs:{}", line_of(marker));
            assert!(at[0].ends_with(&line), "{kind:?} {marker}: {error}");
            assert!(error.to_string().contains(&line), "{error}");
        }
    }
    // Without the map, the trap is still said, without a place.
    let module = Module::new(program, EngineKind::Interpreter).unwrap();
    let mut instance = module.instantiate().unwrap();
    let error = MockHost::default().call(&mut *instance, "call", &[2], 10_000_000).unwrap_err();
    assert!(matches!(&error, MockError::Trap { at, .. } if at.is_empty()), "{error}");
}
