//! The `rivet_vm` host functions through a real Wasm runtime: this crate compiled to
//! Wasm (as a runtime is: `--cfg substrate_runtime`, MVP features, imported memory) and
//! run by sc-executor with sp-io's and Rivet's host functions, on each client engine.
//! Its transcript (every exit, register, gas figure and memory access of a session with
//! test-guest) must equal the one the in-runtime interpreter gives natively.

use std::path::Path;

use codec::{Decode, Encode};
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::EngineKind;
use rivet_runtime_interface::ext::{ModuleCache, RivetVmExt};
use rivet_runtime_interface::{decode_exit, rivet_vm, Interpreted, Outcome, TrapKind, EXIT_LEN};
use sc_executor::WasmExecutor;
use sc_executor_common::runtime_blob::RuntimeBlob;

/// The Wasm module of this crate, built as a runtime is built.
fn wasm_module() -> Vec<u8> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    rivet_toolchain::runtime_wasm(&manifest, "rivet_vm_test_wasm", &[])
        .unwrap_or_else(|e| panic!("{e}"))
}

fn test_guest() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../executor/guests/test-guest");
    let build = rivet_toolchain::GuestBuild::new(dir, rivet_toolchain::GuestTarget::Rv32emc);
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    link(&elf, &LinkerConfig::default()).unwrap().to_bytes()
}

fn outcome(record: &[u8]) -> Outcome {
    let bytes: &[u8; EXIT_LEN] = record.try_into().expect("an exit record");
    decode_exit(bytes).expect("a valid exit").outcome
}

#[test]
fn host_functions_work_through_a_wasm_runtime_on_every_client_engine() {
    let code = test_guest();
    let expected = rivet_vm_test_wasm::transcript::<Interpreted>(&code);
    // The transcript itself says the session went as planned.
    assert!(matches!(outcome(&expected[0]), Outcome::Finished { a0: 6765, .. }), "fib(20)");
    assert!(matches!(outcome(&expected[1]), Outcome::HostCall { number: 1, .. }));
    assert!(expected.iter().any(|r| r.len() == EXIT_LEN && outcome(r) == Outcome::OutOfGas));
    assert!(expected.iter().any(|r| {
        r.len() == EXIT_LEN && matches!(outcome(r), Outcome::Trap { kind: TrapKind::Unimp, .. })
    }));
    assert!(expected.contains(&b"unknown export".to_vec()));
    let module = wasm_module();
    let executor =
        WasmExecutor::<(sp_io::SubstrateHostFunctions, rivet_vm::HostFunctions)>::builder().build();
    for kind in [EngineKind::Recompiler, EngineKind::Interpreter] {
        let cache = ModuleCache::new(4);
        let mut ext = sp_io::TestExternalities::default();
        ext.register_extension(RivetVmExt::new(kind, cache.clone()));
        let blob = RuntimeBlob::uncompress_if_needed(&module).unwrap();
        let out = executor
            .uncached_call(blob, &mut ext.ext(), false, "run", &code.encode())
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let got = Vec::<Vec<u8>>::decode(&mut &out[..]).unwrap();
        assert_eq!(got, expected, "{kind:?}: the Wasm runtime's transcript differs");
        assert_eq!(cache.len(), 1, "{kind:?}: both instances shared one compiled module");
    }
}

#[test]
fn a_missing_host_function_fails_loudly_and_a_missing_extension_gets_the_default_vm() {
    let module = wasm_module();
    // Without Rivet's host functions the module does not even instantiate.
    let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
    let mut ext = sp_io::TestExternalities::default();
    let blob = RuntimeBlob::uncompress_if_needed(&module).unwrap();
    let e = executor.uncached_call(blob, &mut ext.ext(), false, "run", &test_guest().encode());
    assert!(e.is_err());
    // With them but without the extension (as tools that run a runtime with their own
    // externalities call it: `benchmark pallet`, try-runtime), the first `rivet_vm` call
    // registers the process's default VM, and the session runs as on any engine.
    let code = test_guest();
    let expected = rivet_vm_test_wasm::transcript::<Interpreted>(&code);
    let cache = ModuleCache::new(4);
    rivet_runtime_interface::ext::set_default(EngineKind::Interpreter, cache.clone());
    let executor =
        WasmExecutor::<(sp_io::SubstrateHostFunctions, rivet_vm::HostFunctions)>::builder().build();
    let blob = RuntimeBlob::uncompress_if_needed(&module).unwrap();
    let out = executor.uncached_call(blob, &mut ext.ext(), false, "run", &code.encode()).unwrap();
    assert_eq!(Vec::<Vec<u8>>::decode(&mut &out[..]).unwrap(), expected);
    assert_eq!(cache.len(), 1, "compiled through the default cache");
}
