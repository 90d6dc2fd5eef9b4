//! Differential fuzzing: a valid random program built from the input (the generator of
//! `tests/common/randprog.rs`) runs on the interpreter and the recompiler in lockstep;
//! `CrossCheck` panics on any difference in outcome, pc, registers, memory or gas.
#![no_main]

#[path = "../../tests/common/randprog.rs"]
mod randprog;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    randprog::run_both(data, 200, 20_000);
});
