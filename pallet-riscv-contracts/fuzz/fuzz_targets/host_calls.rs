//! The contract host interface under random use: the input is the choices of
//! `pallet_riscv_contracts::random_host_calls`' generator (function numbers valid and
//! not, pointers at region edges and outside memory, lengths up to and past
//! `MAX_BUFFER`, nested self-calls with little gas, reverts), whose program is deployed
//! and called through the pallet on a test runtime on every engine: `Interpreted`, and
//! `Native` on the client's recompiler and interpreter. They must agree on the result,
//! output, gas, events, storage root and balances; a disagreement is a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pallet_riscv_contracts::random_host_calls::{agree_on_every_engine, Input};

fuzz_target!(|data: &[u8]| {
    agree_on_every_engine(&mut Input(data), 0);
});
