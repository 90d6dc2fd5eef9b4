//! Differential testing: thousands of random valid programs (tests/common/randprog.rs)
//! run on the interpreter and the recompiler in lockstep (`CrossCheck`), which compares
//! outcome, pc, registers, memory and gas after every exit. The cargo-fuzz target
//! `differential` runs the same generator on fuzzer input.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

mod common;
#[path = "common/randprog.rs"]
mod randprog;

use std::sync::Arc;

use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{CrossCheck, Instance, InterpretedModule, Limits, Outcome, Program};

/// Runs one generated program on both engines; panics on any difference.
fn check(data: &[u8]) {
    let mut s = randprog::Source::new(data);
    let parts = randprog::program(&mut s, 200);
    let program = Program::from_bytes(&parts.to_bytes(), &Limits::default()).expect("generated programs are valid");
    let program = Arc::new(program);
    let a = Box::new(Arc::new(InterpretedModule::new(program.clone())).instantiate());
    let b = Box::new(Arc::new(RecompiledModule::new(program.clone()).unwrap()).instantiate().unwrap());
    let mut both = CrossCheck::new(&program, a, b);
    let args: Vec<u32> = (0..6).map(|_| s.u32()).collect();
    let mut exit = both.call("main", &args, 1 + s.below(5000) as u64).unwrap();
    for _ in 0..8 {
        if !matches!(exit.outcome, Outcome::HostCall { .. }) {
            break;
        }
        both.set_reg(rivet_executor::isa::Reg::A0, s.u32());
        both.set_reg(rivet_executor::isa::Reg::A1, s.u32());
        exit = both.resume().unwrap();
    }
}

#[test]
fn random_programs_agree_across_engines() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..3000 {
        let data: Vec<u8> = (0..1200)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        check(&data);
        // Record what kinds of exits the generator reaches, to keep it honest.
        let mut s = randprog::Source::new(&data);
        let parts = randprog::program(&mut s, 200);
        let p = Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap());
        let mut i = Arc::new(InterpretedModule::new(p)).instantiate();
        let args: Vec<u32> = (0..6).map(|_| s.u32()).collect();
        let e = i.call("main", &args, 1 + s.below(5000) as u64).unwrap();
        let key = format!("{:?}", e.outcome).split([' ', '{', '(']).next().unwrap().to_string();
        *outcomes.entry(key).or_insert(0) += 1;
    }
    // Every kind of exit must be exercised.
    for kind in ["Finished", "HostCall", "OutOfGas", "Trap"] {
        assert!(outcomes.get(kind).copied().unwrap_or(0) > 30, "{kind} rarely reached: {outcomes:?}");
    }
}
