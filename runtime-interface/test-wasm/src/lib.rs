//! Drives Rivet's VM through the [`Engine`] trait and records everything it sees: the
//! same [`transcript`] runs natively on [`rivet_runtime_interface::Interpreted`] and,
//! compiled to Wasm and run by sc-executor, on [`rivet_runtime_interface::Native`]
//! (exported as `run`), so a test can compare the two byte for byte. It exercises every
//! `rivet_vm` host function: instantiate, call, resume, registers, gas, memory reads and
//! writes, memory reset, call errors and destroy.
//!
//! The program is `executor/guests/test-guest`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

use rivet_executor::isa::Reg;
use rivet_executor::{CallError, Exit, Limits, Outcome};
use rivet_runtime_interface::{encode_exit, Code, Engine};

/// One record: an exit, or bytes the host read, or a marker.
fn exit_record(r: Result<Exit, CallError>) -> Vec<u8> {
    match r {
        Ok(exit) => encode_exit(&exit).to_vec(),
        Err(CallError::UnknownExport) => b"unknown export".to_vec(),
        Err(CallError::TooManyArguments) => b"too many arguments".to_vec(),
        Err(CallError::NotSuspended) => b"not suspended".to_vec(),
    }
}

/// What running `code` (test-guest) on engine `E` looks like, one record per event.
pub fn transcript<E: Engine>(code: &[u8]) -> Vec<Vec<u8>> {
    let mut t = Vec::new();
    let mut inst =
        match E::instantiate(&mut Default::default(), Code::Bytes(code), &Limits::default()) {
            Ok(i) => i,
            Err(_) => return alloc::vec![b"refused".to_vec()],
        };
    t.push(exit_record(inst.call("fib", &[20], 1_000_000)));
    // host_roundtrip: fill_buffer (1) gets a pattern written into guest memory and 99 in
    // a0; emit_result (2) has its 4 bytes read back; gas is taken off by the host.
    let mut exit = inst.call("host_roundtrip", &[16], 1_000_000);
    loop {
        t.push(exit_record(exit));
        let Ok(Exit { outcome: Outcome::HostCall { number, args }, .. }) = exit else { break };
        match number {
            1 => {
                let pattern: Vec<u8> = (0..args[1] as u8).map(|i| i.wrapping_mul(37)).collect();
                t.push(alloc::vec![inst.write_memory(args[0], &pattern).is_ok() as u8]);
                // While suspended: the host reads back what it wrote, a write outside
                // the writable memory fails at once, and a register set reads back.
                let mut back = alloc::vec![0u8; pattern.len() + 2];
                let read = inst.read_memory(args[0].wrapping_sub(1), &mut back).is_ok();
                t.push([&[read as u8][..], &back].concat());
                t.push(alloc::vec![inst.write_memory(0xffff_fff0, &pattern).is_err() as u8]);
                inst.set_reg(Reg::A0, 99);
                t.push(inst.reg(Reg::A0).to_le_bytes().to_vec());
            }
            _ => {
                let mut out = [0u8; 4];
                t.push(alloc::vec![inst.read_memory(args[0], &mut out).is_ok() as u8]);
                t.push(out.to_vec());
            }
        }
        let left = inst.gas_left();
        inst.set_gas_left(left - 50);
        t.push(inst.reg(Reg::A1).to_le_bytes().to_vec());
        exit = inst.resume();
    }
    // Out of gas, a trap, and what the instance says afterwards.
    t.push(exit_record(inst.call("spin", &[], 5_000)));
    t.push(inst.pc().to_le_bytes().to_vec());
    t.push(exit_record(inst.call("panic_index", &[9], 10_000)));
    t.push(inst.gas_left().to_le_bytes().to_vec());
    // State persists across calls until the memory is reset.
    t.push(exit_record(inst.call("bss_write", &[5], 100_000)));
    t.push(exit_record(inst.call("bss_write", &[5], 100_000)));
    inst.reset_memory();
    t.push(exit_record(inst.call("bss_write", &[5], 100_000)));
    // Host accesses outside the guest's memory fail; calls that cannot start say why.
    let mut buf = [0u8; 8];
    t.push(alloc::vec![inst.read_memory(0, &mut buf).is_err() as u8]);
    t.push(alloc::vec![inst.write_memory(0xffff_fff0, &buf).is_err() as u8]);
    t.push(exit_record(inst.call("no_such_export", &[], 100)));
    t.push(exit_record(inst.resume()));
    drop(inst);
    // A second instance starts fresh.
    match E::instantiate(&mut Default::default(), Code::Bytes(code), &Limits::default()) {
        Ok(mut again) => t.push(exit_record(again.call("bss_write", &[5], 100_000))),
        Err(_) => t.push(b"refused".to_vec()),
    }
    t
}

#[cfg(not(feature = "std"))]
sp_core::wasm_export_functions! {
    fn run(code: Vec<u8>) -> Vec<Vec<u8>> {
        transcript::<rivet_runtime_interface::Native>(&code)
    }
}

/// Keeps sp-io, which gives the Wasm module its allocator and panic handler, linked.
#[cfg(not(feature = "std"))]
#[no_mangle]
pub fn import_sp_io() {
    sp_io::misc::print_utf8(&[]);
}
