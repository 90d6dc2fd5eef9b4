//! Blob parser + validator on arbitrary bytes: it must never panic, hang or allocate
//! without bound, and whatever it accepts must round-trip and run without panicking.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use rivet_executor::{BlobParts, Instance, InterpretedModule, Limits, Program};

fuzz_target!(|data: &[u8]| {
    // Small limits keep every accepted program cheap to instantiate.
    let limits = Limits { max_memory: 1 << 20, max_stack: 1 << 16, ..Limits::default() };
    let Ok(program) = Program::from_bytes(data, &limits) else { return };
    let parts = BlobParts::from(&program);
    let again = Program::from_bytes(&parts.to_bytes(), &limits).expect("re-encoded blob validates");
    assert_eq!(BlobParts::from(&again), parts);
    let module = Arc::new(InterpretedModule::new(Arc::new(program)));
    let mut instance = module.instantiate();
    for export in &parts.exports {
        // Bounded gas bounds the run; host calls are answered with zeros a few times.
        let mut exit = instance.call(&export.name, &[1, 2, 3], 10_000).expect("export exists");
        for _ in 0..4 {
            if !matches!(exit.outcome, rivet_executor::Outcome::HostCall { .. }) {
                break;
            }
            exit = instance.resume().expect("suspended at a host call");
        }
    }
});
