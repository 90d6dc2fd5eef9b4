//! What each host call is charged covers what it costs the node, on the dev runtime:
//! the charge in gas (`pallet_riscv_contracts::gas::price`, summed as `rivet-host-env`
//! charges a call), at the runtime's `RefTimePerGas`, against the pallet's benchmarks
//! as measured in the Wasm runtime through the node (`weights.rs`: times and database
//! accesses under the runtime's `DbWeight`). Per call for the calls whose work is
//! fixed, per byte (the slope up to `MAX_BUFFER`) for those that move data, per frame
//! for a nested call and per instance for memory. BENCHMARKS.md, "The cost of a host
//! call", has the figures; a benchmark run that finds a host call dearer fails this.

use frame_support::traits::Get;
use frame_support::weights::Weight;
use pallet_riscv_contracts::gas::{price, HashFn, HostCost};
use pallet_riscv_contracts::limits::MAX_BUFFER;
use pallet_riscv_contracts::weights::WeightInfo;
use rivet_runtime::Runtime;

type W = <Runtime as pallet_riscv_contracts::Config>::WeightInfo;

/// Picoseconds of weight that `gas` pays for.
fn ps(gas: u64) -> u64 {
    gas * <<Runtime as pallet_riscv_contracts::Config>::RefTimePerGas as Get<u64>>::get()
}

/// The charge of host costs together, in picoseconds.
fn charge(costs: &[HostCost]) -> u64 {
    ps(costs.iter().map(|c| price::<Runtime>(*c)).sum())
}

/// What a benchmark's component adds from 0 to `n`, in picoseconds.
fn cost(benchmark: fn(u32) -> Weight, n: u32) -> u64 {
    benchmark(n).ref_time() - benchmark(0).ref_time()
}

/// `charge` covers `cost`, saying by how much either way.
fn covers(what: &str, charge: u64, cost: u64) {
    let ratio = charge as f64 / cost as f64;
    assert!(charge >= cost, "{what}: charged {charge} ps, costs {cost} ps ({ratio:.2})");
    println!("{what}: charged {charge} ps, costs {cost} ps ({ratio:.2})");
}

#[test]
fn each_host_call_pays_for_itself() {
    use HostCost::*;
    covers("a host call (block_number)", charge(&[Base]), cost(W::seal_block_number, 1));
    for (f, benchmark, out) in [
        (HashFn::Blake2_256, W::seal_hash_blake2_256 as fn(u32) -> Weight, 32),
        (HashFn::Keccak256, W::seal_hash_keccak_256, 32),
        (HashFn::Sha2_256, W::seal_hash_sha2_256, 32),
    ] {
        // The hash, reading 1 KiB in and writing the digest out.
        let costs = [Base, Hash(f, 1024), Bytes(1024), Bytes(out)];
        covers(&format!("{f:?} of 1 KiB"), charge(&costs), cost(benchmark, 1));
    }
    covers("ecdsa_recover", charge(&[Base, EcdsaRecover]), cost(W::seal_ecdsa_recover, 1));
    covers(
        "ecdsa_to_eth_address",
        charge(&[Base, EcdsaToEthAddress]),
        cost(W::seal_ecdsa_to_eth_address, 1),
    );
    covers("sr25519_verify", charge(&[Base, Sr25519Verify(13)]), cost(W::seal_sr25519_verify, 1));
    // A nested call of the smallest contract (its code length counted as nothing: a
    // lower bound), reading its `CallArgs`, callee and value.
    let frame = [Base, Frame, CodeLoad(0), Instance(2), Bytes(40), Bytes(32), Bytes(16)];
    covers("a nested call", charge(&frame), cost(W::seal_call, 1));
    // Instances of the largest memory on the runtime's own interpreter.
    covers("an instance of 16 MiB", charge(&[Instance(4096)]), cost(W::interpreted_memory, 1));
}

#[test]
fn each_byte_a_host_call_moves_pays_for_itself() {
    use HostCost::*;
    let n = MAX_BUFFER;
    let more = |at_n: &[HostCost], at_0: &[HostCost]| charge(at_n) - charge(at_0);
    covers(
        "set_storage, per value byte",
        more(&[StorageWrite(32 + n), Bytes(n)], &[StorageWrite(32), Bytes(0)]),
        cost(W::seal_set_storage_per_byte, n),
    );
    covers(
        "get_storage, per value byte",
        more(&[Bytes(n), Bytes(n)], &[]),
        cost(W::seal_get_storage_per_byte, n),
    );
    covers(
        "deposit_event, per data byte",
        more(&[Event { topics: 4, len: n }, Bytes(n)], &[Event { topics: 4, len: 0 }]),
        cost(W::seal_deposit_event_per_byte, n),
    );
    covers(
        "debug_message, per byte",
        more(&[Bytes(n)], &[]),
        cost(W::seal_debug_message_per_byte, n),
    );
    covers("input, per byte", more(&[Bytes(n)], &[]), cost(W::seal_input_per_byte, n));
    covers("seal_return, per byte", more(&[Bytes(n)], &[]), cost(W::seal_return_per_byte, n));
}
