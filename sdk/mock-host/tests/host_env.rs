//! The mock serves host calls through the same table as the pallet (`rivet-host-env`):
//! its limits and its order of charging are the chain's. Contracts here are assembled.

use std::sync::Arc;

use rivet_executor::asm::contract_parts;
use rivet_executor::blob::{Import, MemoryLayout};
use rivet_executor::{EngineKind, Limits, Module, Program};
use rivet_host_api::{HostFn, MAX_BUFFER};
use rivet_mock_host::{MockError, MockHost};

const CODE_BASE: u32 = 0x10000;
const DATA_BASE: u32 = 0x30000;

/// Runs `call` (assembly; `a0` points at a zeroed 64 KiB data page) with `gas` on both
/// engines; both must agree. The result and the host after it.
fn run(body: &str, imports: &[HostFn], gas: u64) -> (Result<u64, MockError>, MockHost) {
    let source = format!("deploy:\n  ret\ncall:\n  li a0, {DATA_BASE}\n{body}\n  ret\n");
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: DATA_BASE,
        rw_size: 0x10000,
        stack_size: 0x1000,
    };
    let imports =
        imports.iter().map(|f| Import { number: *f as u32, name: f.name().into() }).collect();
    let blob = contract_parts(&source, CODE_BASE, layout, imports).unwrap().to_bytes();
    let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
    let mut seen = None;
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let mut instance = Module::new(program.clone(), kind).unwrap().instantiate().unwrap();
        let mut host = MockHost::default();
        let r = host.call(&mut *instance, "call", &[], gas).map(|o| o.gas_used);
        if let Some((r0, h0)) = &seen {
            let h0: &MockHost = h0;
            assert_eq!((r0, &h0.storage), (&r, &host.storage), "engines disagree");
        }
        seen = Some((r, host));
    }
    seen.unwrap()
}

/// `set_storage` of a 32-byte key and a `len`-byte value from the data page.
fn set_storage(len: u32) -> String {
    format!(
        "  li t0, {}\n  li a1, 32\n  mv a2, a0\n  li a3, {len}\n  ecall",
        HostFn::SetStorage as u32
    )
}

#[test]
fn a_buffer_past_max_buffer_traps_before_anything_is_charged_or_read() {
    let (r, _) = run(&set_storage(MAX_BUFFER + 1), &[HostFn::SetStorage], 10_000_000);
    match r {
        Err(MockError::BadHostCall { function, reason }) => {
            assert_eq!(function, "set_storage");
            assert!(reason.contains(&format!("at most {MAX_BUFFER}")), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_host_call_is_charged_before_it_acts() {
    // Enough gas for the call and the key, not for all of the value's 4 KiB: out of gas,
    // and nothing written.
    let (full, host) = run(&set_storage(4096), &[HostFn::SetStorage], 1_000_000);
    let used = full.unwrap();
    assert_eq!(host.storage.len(), 1);
    let (short, host) = run(&set_storage(4096), &[HostFn::SetStorage], used - 100);
    assert_eq!(short, Err(MockError::OutOfGas));
    assert!(host.storage.is_empty());
    // A bad pointer after the charges: a precise error, nothing written.
    let bad = format!(
        "  li t0, {}\n  li a1, 32\n  li a2, 0x7fff0000\n  li a3, 8\n  ecall",
        HostFn::SetStorage as u32
    );
    let (r, host) = run(&bad, &[HostFn::SetStorage], 1_000_000);
    assert!(
        matches!(&r, Err(MockError::BadHostCall { reason, .. }) if reason.contains("0x7fff0000")),
        "{r:?}"
    );
    assert!(host.storage.is_empty());
}
