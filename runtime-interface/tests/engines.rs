//! Both engines behind the runtime's `Engine` trait — `Interpreted` (the executor in the
//! runtime) and `Native` (the `rivet_vm` host functions, here called natively inside
//! `TestExternalities` with the extension registered, on the recompiler and on the
//! client's interpreter) — run the same contract calls with identical results, storage,
//! events and gas; bad code gets the same precise error; instances are bounded and freed.

use std::path::Path;
use std::sync::OnceLock;

use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{EngineKind, Limits};
use rivet_mock_host::MockHost;
use rivet_runtime_interface::ext::{ModuleCache, RivetVmExt, MAX_INSTANCES};
use rivet_runtime_interface::{Code, Engine, EngineError, Interpreted, Native};
use rivet_toolchain::{GuestBuild, GuestTarget};
use sp_io::TestExternalities;

/// The ink! flipper's blob, built as `rivet build` does.
fn flipper() -> &'static [u8] {
    static BLOB: OnceLock<Vec<u8>> = OnceLock::new();
    BLOB.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../contracts/upstream/ink-5.1.1/public/flipper");
        let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32emc))
            .unwrap_or_else(|e| panic!("{e}"));
        link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap().to_bytes()
    })
}

/// Externalities with the client's VM on `kind`.
fn externalities(kind: EngineKind, cache: &ModuleCache) -> TestExternalities {
    let mut t = TestExternalities::default();
    t.register_extension(RivetVmExt::new(kind, cache.clone()));
    t
}

/// Deploys flipper, flips it, reads it and sends a bad selector; what the host saw.
fn scenario<E: Engine>() -> (Vec<Vec<u8>>, MockHost) {
    let mut instance =
        E::instantiate(&mut Default::default(), Code::Bytes(flipper()), &Limits::default())
            .unwrap();
    let mut host = MockHost::default();
    let inputs: [(&str, &[u8]); 4] = [
        ("deploy", &[0x9b, 0xae, 0x9d, 0x5e, 1]),
        ("call", &[0x63, 0x3a, 0xa5, 0x51]),
        ("call", &[0x2f, 0x86, 0x5b, 0xd9]),
        ("call", &[1, 2, 3, 4]),
    ];
    let mut outputs = Vec::new();
    for (export, input) in inputs {
        let out = host.call(&mut *instance, export, input, 1_000_000).unwrap();
        outputs.push([&out.gas_used.to_le_bytes()[..], &out.data, &[out.reverted as u8]].concat());
    }
    (outputs, host)
}

#[test]
fn native_and_interpreted_engines_agree() {
    let (reference, host) = scenario::<Interpreted>();
    assert_eq!(reference[2][8..], [0, 0, 0], "Ok(false) after one flip, not reverted");
    for kind in [EngineKind::Recompiler, EngineKind::Interpreter] {
        let cache = ModuleCache::new(8);
        externalities(kind, &cache).execute_with(|| {
            let (outputs, native_host) = scenario::<Native>();
            assert_eq!(outputs, reference, "{kind:?}: outputs and gas");
            assert_eq!(native_host.storage, host.storage, "{kind:?}: storage");
            assert_eq!(native_host.events, host.events, "{kind:?}: events");
        });
        assert_eq!(cache.len(), 1, "one module, compiled once");
    }
}

#[test]
fn bad_code_is_refused_with_the_same_error_on_both_engines() {
    let mut bad = flipper().to_vec();
    bad[0] ^= 0xff;
    let interpreted =
        Interpreted::instantiate(&mut Default::default(), Code::Bytes(&bad), &Limits::default())
            .err()
            .unwrap();
    let cache = ModuleCache::new(8);
    let native = externalities(EngineKind::Auto, &cache).execute_with(|| {
        Native::instantiate(&mut (), Code::Bytes(&bad), &Limits::default()).err().unwrap()
    });
    assert!(matches!(interpreted, EngineError::Invalid(_)), "{interpreted:?}");
    assert_eq!(native, interpreted);
    // Over the limits: also the validator's error, from both.
    let tight = Limits { max_code_size: 64, ..Limits::default() };
    let interpreted =
        Interpreted::instantiate(&mut Default::default(), Code::Bytes(flipper()), &tight)
            .err()
            .unwrap();
    let native = externalities(EngineKind::Auto, &cache).execute_with(|| {
        Native::instantiate(&mut (), Code::Bytes(flipper()), &tight).err().unwrap()
    });
    assert_eq!(native, interpreted);
    assert!(cache.is_empty(), "nothing invalid is cached");
}

#[test]
fn instances_are_bounded_and_freed_on_drop() {
    let cache = ModuleCache::new(8);
    externalities(EngineKind::Auto, &cache).execute_with(|| {
        let live: Vec<_> = (0..MAX_INSTANCES)
            .map(|_| {
                Native::instantiate(&mut (), Code::Bytes(flipper()), &Limits::default()).unwrap()
            })
            .collect();
        let refused =
            Native::instantiate(&mut (), Code::Bytes(flipper()), &Limits::default()).err();
        assert_eq!(refused, Some(EngineError::Refused));
        drop(live);
        assert!(
            Native::instantiate(&mut (), Code::Bytes(flipper()), &Limits::default()).is_ok(),
            "freed on drop"
        );
    });
}

#[test]
fn a_runtime_call_without_the_extension_gets_the_default_vm() {
    let (reference, _) = scenario::<Interpreted>();
    let cache = ModuleCache::new(8);
    rivet_runtime_interface::ext::set_default(EngineKind::Interpreter, cache.clone());
    // As `benchmark pallet` runs the runtime: externalities that carry no `RivetVmExt`.
    let outputs = TestExternalities::default().execute_with(scenario::<Native>).0;
    assert_eq!(outputs, reference, "outputs and gas");
    assert_eq!(cache.len(), 1, "compiled through the default cache");
}
