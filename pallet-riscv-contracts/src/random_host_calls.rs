//! Random programs that make random host calls, run through the pallet on every engine
//! (`Interpreted`, and `Native` on the client's recompiler and interpreter), which must
//! agree on all of it: result, output, gas, events, storage root and balances.
//!
//! Each program's `call` makes a handful of host calls. Two programs in five are wild:
//! each call picks a function number (every function the chain has, and numbers it has
//! not) and arguments that are pointers at the edges of the contract's memory regions
//! and outside them, lengths up to and past `MAX_BUFFER`, values and small numbers. The
//! others are tame: pointers well inside the data page and small input lengths (where
//! `HostFn::reads` says an argument is one), so that calls get past their checks, and
//! two in three of them call themselves through a `CallArgs` in the data page (nesting
//! to the depth limit, with all, little or much gas, a value, re-entry mostly allowed).
//! Words stored into the data page first serve as lengths and output capacities. The
//! program then returns (or reverts with) a slice of its data page, so that what the
//! host wrote is seen too. About half the programs trap somewhere (a bad pointer, out of
//! gas, an unknown function), and the trap's point, gas and rolled-back state are
//! compared like a success.
//!
//! The test below draws 200 programs from a seeded generator; the fuzz target
//! `host_calls` (`pallet-riscv-contracts/fuzz`, feature `test-runtime`) draws them from
//! its input ([`Input`]), so that coverage steers them.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use codec::Encode;
use rivet_executor::asm::contract_parts;
use rivet_executor::blob::{Import, MemoryLayout};
use rivet_host_api::{HostFn, MAX_BUFFER};
use sp_runtime::AccountId32;

use crate::mock::*;
use crate::primitives::Code;

const CODE_BASE: u32 = 0x10000;
const DATA_BASE: u32 = 0x30000;
const DATA_SIZE: u32 = 0x2000;
const STACK_SIZE: u32 = 0x1000;
const STACK_TOP: u32 = 0xffff_0000;

/// Where the generator's choices come from: a seeded generator (the test) or a fuzzer's
/// input (the fuzz target `host_calls`, so that coverage steers the programs).
pub trait Choices {
    /// A number below `n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64;

    /// A word.
    fn word(&mut self) -> u32;

    /// One of `items`.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// xorshift64*: the same programs on every run.
#[cfg(test)]
struct Rng(u64);

#[cfg(test)]
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[cfg(test)]
impl Choices for Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn word(&mut self) -> u32 {
        self.next() as u32
    }
}

/// A fuzzer's input as choices: a byte per choice among up to 256, four per word or
/// larger choice, zeros once it is used up (so that every input is a program, and a
/// short one ends soon).
pub struct Input<'a>(pub &'a [u8]);

impl Input<'_> {
    fn take(&mut self, n: usize) -> u32 {
        let (now, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        now.iter().rev().fold(0, |w, &b| w << 8 | u32::from(b))
    }
}

impl Choices for Input<'_> {
    fn below(&mut self, n: u64) -> u64 {
        u64::from(self.take(if n <= 256 { 1 } else { 4 })) % n
    }

    fn word(&mut self) -> u32 {
        self.take(4)
    }
}

/// A pointer: mostly inside the data page, often at the edges of every region, and
/// outside memory.
fn pointer(rng: &mut impl Choices) -> u32 {
    let data_end = DATA_BASE + DATA_SIZE;
    let edges = [
        DATA_BASE,
        DATA_BASE + 4,
        DATA_BASE + 0x100,
        data_end - 1,
        data_end - 4,
        data_end - 32,
        data_end,
        STACK_TOP - STACK_SIZE,
        STACK_TOP - 64,
        STACK_TOP - 1,
        STACK_TOP,
        CODE_BASE,
        0,
        0xffff_fff0,
    ];
    match rng.below(3) {
        0 => rng.pick(&edges),
        _ => DATA_BASE + (rng.below(DATA_SIZE as u64 / 8) * 8) as u32,
    }
}

/// A length: small, exact sizes host functions use, and the limits.
fn length(rng: &mut impl Choices) -> u32 {
    rng.pick(&[0, 1, 4, 16, 32, 33, 64, 65, 100, 4096, MAX_BUFFER, MAX_BUFFER + 1, u32::MAX])
}

/// One argument of a host call.
fn argument(rng: &mut impl Choices) -> u32 {
    match rng.below(4) {
        0 | 1 => pointer(rng),
        2 => length(rng),
        _ => rng.word() & rng.pick(&[0, 1, 0xff, 0xffff_ffff]),
    }
}

/// Tame arguments for `f`: every argument a pointer well inside the data page, except
/// those its inputs' lengths come from (`HostFn::reads`), which are small; so that more
/// calls get past their checks and do their work.
fn tame_arguments(rng: &mut impl Choices, f: HostFn) -> [u32; 6] {
    let mut args = [0; 6];
    for a in &mut args {
        *a = DATA_BASE + 0x100 + (rng.below(0x1c0) * 8) as u32;
    }
    for read in f.reads() {
        if let rivet_host_api::ReadLen::Arg(i, factor) = read.len {
            args[i as usize] = rng.pick(&[0, 1, 4, 16, 32, 64]) / factor.min(32);
        }
    }
    args
}

/// The number of a host function: the chain's, and some it does not have.
fn function(rng: &mut impl Choices) -> u32 {
    if rng.below(10) == 0 {
        rng.pick(&[HostFn::ALL.len() as u32, 99, 0xffff_ffff])
    } else {
        rng.pick(HostFn::ALL) as u32
    }
}

/// The source of a random contract; `deploy` stores `seed` so that each is its own code.
/// Three programs in five take only tame arguments.
fn program(rng: &mut impl Choices, seed: u64) -> String {
    let tame = rng.below(5) < 3;
    let mut s = String::new();
    let _ = writeln!(s, "deploy:\n  li a0, {}\n  ret", seed as u32);
    s.push_str("call:\n");
    // Words in the data page: lengths and capacities at +0x100.., a `CallArgs` at +0x200
    // (flags, callee, gas limit, value, input, input length, output, output length).
    for _ in 0..rng.below(24) {
        let at = DATA_BASE + 0x100 + (rng.below(0x380) * 4) as u32;
        let word = if tame { rng.pick(&[0, 4, 32, 64, 256]) } else { argument(rng) };
        let _ = writeln!(s, "  li t1, {at}\n  li t2, {word}\n  sw t2, 0(t1)");
    }
    // Two tame programs in three call themselves: their own address at +0x40, a `CallArgs`
    // at +0x80 (re-entry mostly allowed; all the gas, a little, or a lot; a value of 0
    // or 1; some input; an output buffer with a capacity word), then `Call` among the
    // other host calls. The callee runs the same code, so calls nest to the depth limit.
    let nested = tame && rng.below(3) != 0;
    if nested {
        let d = DATA_BASE;
        let _ = writeln!(s, "  li t0, {}\n  li a0, {}\n  ecall", HostFn::Address as u32, d + 0x40);
        // Mostly all the gas (a frame's code and memory alone cost tens of thousands).
        let gas = rng.pick(&[0u32, 0, 0, 500, 50_000, 200_000]);
        let words = [
            (0x80, (rng.below(4) != 0) as u32),
            (0x84, d + 0x40),
            (0x88, gas),
            (0x8c, 0),
            (0x90, d + 0x60),
            (0x94, d + 0x100),
            (0x98, rng.pick(&[0, 1, 8, 64])),
            (0x9c, d + 0x200),
            (0xa0, d + 0x1f0),
            (0xa4, 0),
            (0x60, rng.below(2) as u32),
            (0x1f0, rng.pick(&[0, 4, 64])),
        ];
        for (off, word) in words {
            let _ = writeln!(s, "  li t1, {}\n  li t2, {word}\n  sw t2, 0(t1)", d + off);
        }
    }
    let calls = rng.below(6) + 1;
    let call_at = rng.below(calls);
    for i in 0..calls {
        if nested && i == call_at {
            let _ = writeln!(
                s,
                "  li t0, {}\n  li a0, {}\n  ecall",
                HostFn::Call as u32,
                DATA_BASE + 0x80
            );
            let _ = writeln!(s, "  li t1, {}\n  sw a0, 0(t1)", DATA_BASE + 0x3c);
            continue;
        }
        let (number, args) = if tame {
            let f = rng.pick(HostFn::ALL);
            (f as u32, tame_arguments(rng, f))
        } else {
            (function(rng), core::array::from_fn(|_| argument(rng)))
        };
        let _ = writeln!(s, "  li t0, {number}");
        for (reg, arg) in ["a0", "a1", "a2", "a3", "a4", "a5"].into_iter().zip(args) {
            let _ = writeln!(s, "  li {reg}, {arg}");
        }
        s.push_str("  ecall\n");
        // Keep what the host returned, for the output.
        let at = DATA_BASE + (rng.below(32) * 4) as u32;
        let _ = writeln!(s, "  li t1, {at}\n  sw a0, 0(t1)");
    }
    // Return, or revert with, a slice of the data page.
    let flags = rng.below(2) as u32;
    let _ = writeln!(
        s,
        "  li t0, {}\n  li a0, {flags}\n  li a1, {DATA_BASE}\n  li a2, {}\n  ecall\n  unimp",
        HostFn::SealReturn as u32,
        rng.pick(&[0u32, 64, 512])
    );
    s
}

fn blob(source: &str) -> Vec<u8> {
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: DATA_BASE,
        rw_size: DATA_SIZE,
        stack_size: STACK_SIZE,
    };
    let imports = HostFn::ALL.iter().map(|f| Import { number: *f as u32, name: f.name().into() });
    contract_parts(source, CODE_BASE, layout, imports.collect())
        .unwrap_or_else(|e| panic!("{e}\n{source}"))
        .to_bytes()
}

/// What a run observed, to compare across engines.
#[derive(Debug, PartialEq)]
pub struct Observed {
    deployed: bool,
    dry_run: Result<(u32, Vec<u8>), String>,
    gas_consumed: u64,
    call: Result<(), String>,
    weight: Option<u64>,
    events: Vec<Vec<u8>>,
    /// `Called` events: more than one means the contract called itself.
    calls: usize,
    storage_root: Vec<u8>,
    balances: [u128; 2],
}

fn run(code: &[u8], input: &[u8]) -> Observed {
    let gas = frame_support::weights::Weight::from_parts(2_000_000 * REF_TIME_PER_GAS, 0);
    let r = Contracts::bare_instantiate(
        ALICE,
        1_000,
        gas,
        None,
        Code::Upload(code.to_vec()),
        vec![],
        vec![],
    );
    let Ok(deployed) = r.result else {
        return Observed {
            deployed: false,
            dry_run: Err(format!("{:?}", r.result.err())),
            gas_consumed: r.gas_consumed.ref_time(),
            call: Ok(()),
            weight: None,
            events: Vec::new(),
            calls: 0,
            storage_root: sp_io::storage::root(sp_runtime::StateVersion::V1),
            balances: [0; 2],
        };
    };
    let contract: AccountId32 = deployed.account_id;
    let dry = Contracts::bare_call(BOB, contract.clone(), 7, gas, None, input.to_vec());
    frame_system::Pallet::<Test>::reset_events();
    let call =
        Contracts::call(RuntimeOrigin::signed(BOB), contract.clone(), 7, gas, None, input.to_vec());
    Observed {
        deployed: true,
        dry_run: dry.result.map(|v| (v.flags, v.data)).map_err(|e| format!("{e:?}")),
        gas_consumed: dry.gas_consumed.ref_time(),
        weight: match &call {
            Ok(post) => post.actual_weight.map(|w| w.ref_time()),
            Err(e) => e.post_info.actual_weight.map(|w| w.ref_time()),
        },
        call: call.map(|_| ()).map_err(|e| format!("{:?}", e.error)),
        events: frame_system::Pallet::<Test>::events().iter().map(|e| e.event.encode()).collect(),
        calls: frame_system::Pallet::<Test>::events()
            .iter()
            .filter(|e| matches!(e.event, RuntimeEvent::Contracts(crate::Event::Called { .. })))
            .count(),
        storage_root: sp_io::storage::root(sp_runtime::StateVersion::V1),
        balances: [
            <Balances as frame_support::traits::fungible::Inspect<_>>::balance(&BOB),
            <Balances as frame_support::traits::fungible::Inspect<_>>::balance(&contract),
        ],
    }
}

/// One program from `choices` (its `deploy` returns `seed`), deployed and called with
/// some input on every engine, which must agree on everything observed (a panic if
/// not); returns what they observed.
pub fn agree_on_every_engine(choices: &mut impl Choices, seed: u64) -> Observed {
    let source = program(choices, seed);
    let code = blob(&source);
    let input: Vec<u8> = (0..choices.below(80)).map(|_| choices.word() as u8).collect();
    on_all_engines(|| run(&code, &input))
}

#[test]
fn random_host_calls_agree_on_every_engine() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut trapped, mut returned, mut nested) = (0, 0, 0);
    for seed in 0..200u64 {
        let observed = agree_on_every_engine(&mut rng, seed);
        nested += (observed.calls > 1) as usize;
        match &observed.dry_run {
            Ok(_) => returned += 1,
            Err(_) => trapped += 1,
        }
    }
    // Both kinds of ending are exercised, not only traps, and calls nest.
    assert!(returned >= 30 && trapped >= 30, "returned {returned}, trapped {trapped}");
    assert!(nested >= 10, "{nested} programs made nested calls");
}

#[test]
fn a_fuzzer_input_makes_a_program_and_an_empty_one_too() {
    // The empty input: every choice zero, a tame program of one host call.
    let empty = agree_on_every_engine(&mut Input(&[]), 0);
    assert!(empty.deployed);
    let mut bytes = [0u8; 512];
    let mut rng = Rng(7);
    bytes.iter_mut().for_each(|b| *b = rng.next() as u8);
    let some = agree_on_every_engine(&mut Input(&bytes), 0);
    assert_ne!(some, empty, "a different input makes a different program");
}
