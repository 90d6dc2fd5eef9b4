//! Differential fuzzing: a valid random program built from the input (the generator of
//! `tests/common/randprog.rs`) runs on the interpreter and the recompiler in lockstep;
//! `CrossCheck` panics on any difference in outcome, pc, registers, memory or gas.
#![no_main]

#[path = "../../tests/common/randprog.rs"]
mod randprog;

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{CrossCheck, Instance, InterpretedModule, Limits, Outcome, Program};

fuzz_target!(|data: &[u8]| {
    let mut s = randprog::Source::new(data);
    let parts = randprog::program(&mut s, 200);
    let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).expect("generated programs are valid"));
    let a = Box::new(Arc::new(InterpretedModule::new(program.clone())).instantiate());
    let b = Box::new(Arc::new(RecompiledModule::new(program.clone()).unwrap()).instantiate().unwrap());
    let mut both = CrossCheck::new(&program, a, b);
    let args: Vec<u32> = (0..6).map(|_| s.u32()).collect();
    let mut exit = both.call("main", &args, 1 + s.below(20_000) as u64).unwrap();
    for _ in 0..8 {
        if !matches!(exit.outcome, Outcome::HostCall { .. }) {
            break;
        }
        both.set_reg(rivet_executor::isa::Reg::A0, s.u32());
        both.set_reg(rivet_executor::isa::Reg::A1, s.u32());
        exit = both.resume().unwrap();
    }
});
