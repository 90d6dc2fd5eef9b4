//! Differential testing: thousands of random valid programs (tests/common/randprog.rs)
//! run on the interpreter and the recompiler in lockstep (`CrossCheck`), which compares
//! outcome, pc, registers, memory and gas after every exit. The cargo-fuzz target
//! `differential` runs the same generator on fuzzer input.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

#[path = "common/randprog.rs"]
mod randprog;

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
        let (exit, host_calls) = randprog::run_both(&data, 200, 5000);
        if host_calls > 0 {
            *outcomes.entry("HostCall".to_string()).or_insert(0) += 1;
        }
        // Record what kinds of exits the generator reaches, to keep it honest.
        let key = format!("{:?}", exit.outcome).split([' ', '{', '(']).next().unwrap().to_string();
        *outcomes.entry(key).or_insert(0) += 1;
    }
    // Every kind of exit must be exercised.
    for kind in ["Finished", "HostCall", "OutOfGas", "Trap"] {
        assert!(
            outcomes.get(kind).copied().unwrap_or(0) > 30,
            "{kind} rarely reached: {outcomes:?}"
        );
    }
}
