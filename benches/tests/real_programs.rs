//! The benchmarks' real programs (published crates: SHA-256, Keccak-256, BLAKE2b,
//! secp256k1 ECDSA, a SCALE round trip) and kernels, built for RV32EM at `-O3` and at
//! the `-Oz` contracts ship, run on the interpreter and the recompiler in lockstep
//! (`CrossCheck` compares outcome, pc, registers, memory and gas after every exit). Each
//! result must be what the same source computes natively.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use std::sync::Arc;

use rivet_benches::{finished, guest_blob_profile};
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{CrossCheck, Instance, InterpretedModule, Limits, Program};
use rivet_toolchain::GuestTarget;

/// Export, argument (small: the interpreter runs every one), native result.
fn kernels() -> Vec<(&'static str, u32, u64)> {
    let mut sieve = vec![0u8; 4096];
    vec![
        ("sha256", 3, bench_kernels::sha256(3) as u64),
        ("keccak256", 3, bench_kernels::keccak256(3) as u64),
        ("blake2b", 3, bench_kernels::blake2b(3) as u64),
        ("ecdsa_verify", 2, bench_kernels::ecdsa_verify(2) as u64),
        ("scale_codec", 60, bench_kernels::scale_codec(60) as u64),
        ("prime_sieve", 4096, bench_kernels::prime_sieve(&mut sieve) as u64),
        ("hash_loop", 500, bench_kernels::hash_loop(500)),
        ("emulator", 5000, bench_kernels::emulator(5000) as u64),
        ("memcpy_alloc", 40, bench_kernels::memcpy_alloc(40) as u64),
    ]
}

#[test]
fn real_programs_agree_with_native_on_both_engines_in_lockstep() {
    for profile in ["release", "size"] {
        let (blob, _) = guest_blob_profile("bench-guest", GuestTarget::Rv32em, profile);
        let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
        let interp = Arc::new(InterpretedModule::new(program.clone()));
        let recomp = Arc::new(RecompiledModule::new(program.clone()).unwrap());
        for (name, arg, expected) in kernels() {
            let a = Box::new(interp.instantiate());
            let b = Box::new(recomp.instantiate().unwrap());
            let mut both = CrossCheck::new(&program, a, b);
            let exit = both.call(name, &[arg], u64::MAX).unwrap();
            let gas = u64::MAX - exit.gas_left;
            let mask = if name == "hash_loop" { u64::MAX } else { u32::MAX as u64 };
            assert_eq!(finished(exit, name) & mask, expected, "{name} ({profile})");
            assert!(gas > 1000, "{name} ({profile}) charged {gas} gas");
            // Out of gas one short of what it took: the same stop on both engines.
            let a = Box::new(interp.instantiate());
            let b = Box::new(recomp.instantiate().unwrap());
            let mut both = CrossCheck::new(&program, a, b);
            let exit = both.call(name, &[arg], gas - 1).unwrap();
            assert_eq!(exit.outcome, rivet_executor::Outcome::OutOfGas, "{name} ({profile})");
        }
    }
}
