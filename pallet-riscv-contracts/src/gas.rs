//! Host-function costs, in VM gas, defined once. Every host function charges its cost
//! first, before it reads or writes anything. Database accesses are priced by the
//! runtime's `DbWeight`; the work around them (storage writes, hashing, events) by the
//! benchmarked weights (`weights.rs`); the rest per call and per byte moved.

use frame_support::traits::Get;
use frame_support::weights::Weight;

pub use rivet_host_env::{HashFn, HostCost};

use crate::weights::WeightInfo;
use crate::Config;

/// Gas per host call at least, and the unit of the flat parts of other costs (a
/// frame's, an event's per topic). What a host call costs beyond its work (the exit
/// from the VM, the runtime serving it, the resumption) is `seal_block_number`'s
/// weight per call, which [`HostCost::Base`] charges when it is more.
const BASE: u64 = 100;
/// Gas per byte moved, hashed or prepared.
const PER_BYTE: u64 = 1;
/// Gas per byte hashed.
const HASH_PER_BYTE: u64 = 2;
/// Weight (ps) per byte of code a frame loads: what preparing code the client has not
/// compiled costs at worst, charged on every call, since whether a node has the code
/// compiled is not known to the chain. Set from `code_load_native` in the Wasm runtime
/// through a recompiler node (256 KiB of branches: 6.4–7.3 ms, up to 27.9 ns a byte,
/// with the node's module cache full and evicting) plus 7 %; the runtime's interpreter
/// (`code_load_interpreted`, 12–17 ns a byte) and the client's (17 ns) cost less.
/// BENCHMARKS.md, "The cost of a cache miss".
pub const CODE_LOAD_PS_PER_BYTE: u64 = 30_000;

/// Weight (ps) per page (4 KiB) of memory a frame's program maps: what a page it writes
/// costs the client at worst, faulted in fresh and zeroed (a window or buffer the node
/// has not used yet, or a region too large to clear in place), charged for every page
/// the program declares, since it may write them all for a few gas each. Set from
/// `cargo bench -p rivet-benches --bench engines -- memory` (the most memory the limits
/// allow, every page written: 1.9–2.6 µs a page on the recompiler) plus 14 %.
/// BENCHMARKS.md, "The cost of memory".
pub const MEMORY_PS_PER_PAGE: u64 = 3_000_000;

/// Weight (ps) of a frame's instance apart from its pages: at worst, on the recompiler,
/// a fresh 4 GiB window (reserved, its context and regions mapped, unmapped when the
/// frame ends), which every frame of a module takes when the module has no spare window
/// — its first instance, and every frame past the spares a module keeps when a contract
/// calls itself. Set from `cargo bench -p rivet-benches --bench engines -- memory` (the
/// smallest program, a fresh window each time: 12.0 µs with the other core busy) plus
/// 25 %. BENCHMARKS.md, "The cost of memory".
pub const INSTANCE_PS: u64 = 15_000_000;

/// The weight one more iteration of a benchmark's loop adds: one host call's.
fn per_call(f: fn(u32) -> Weight) -> Weight {
    f(1).saturating_sub(f(0))
}

/// The cost in VM gas of `cost` under `T`'s weights.
pub fn price<T: Config>(cost: HostCost) -> u64 {
    let db = T::DbWeight::get();
    let to_gas = |w: Weight| w.ref_time() / T::RefTimePerGas::get().max(1);
    let n = |n: u32| n as u64;
    match cost {
        // Measured at 1.5–1.6 µs a call through the node: ten times the 100 gas
        // (150 ns) it was priced at before.
        HostCost::Base => to_gas(per_call(T::WeightInfo::seal_block_number)).max(BASE),
        HostCost::Bytes(len) => PER_BYTE * n(len),
        HostCost::StorageRead(len) => to_gas(db.reads(1)) + PER_BYTE * n(len),
        HostCost::StorageWrite(len) => {
            let work = to_gas(per_call(T::WeightInfo::seal_set_storage));
            to_gas(db.reads_writes(1, 1)) + work + PER_BYTE * n(len)
        }
        HostCost::Hash(f, len) => {
            // Benchmarked on 1 KiB inputs, each function on its own (Keccak costs half as
            // much again as BLAKE2b in the Wasm runtime); BLAKE2b-128 is BLAKE2b's work.
            let benchmark = match f {
                HashFn::Blake2_256 | HashFn::Blake2_128 => T::WeightInfo::seal_hash_blake2_256,
                HashFn::Keccak256 => T::WeightInfo::seal_hash_keccak_256,
                HashFn::Sha2_256 => T::WeightInfo::seal_hash_sha2_256,
            };
            let per_kib = to_gas(per_call(benchmark));
            BASE + (HASH_PER_BYTE * n(len)).max(per_kib * n(len) / 1024)
        }
        HostCost::Event { topics, len } => {
            // Benchmarked with two topics and 64 bytes of data.
            let event = to_gas(per_call(T::WeightInfo::seal_deposit_event));
            to_gas(db.writes(1)) + event + BASE * n(topics) + PER_BYTE * n(len)
        }
        HostCost::Transfer => to_gas(db.reads_writes(2, 2)),
        HostCost::CodeLoad(len) => {
            to_gas(db.reads(2)) + to_gas(Weight::from_parts(CODE_LOAD_PS_PER_BYTE * n(len), 0))
        }
        HostCost::Frame => to_gas(db.reads_writes(2, 1)) + 10 * BASE,
        HostCost::Instance(pages) => {
            to_gas(Weight::from_parts(INSTANCE_PS + MEMORY_PS_PER_PAGE * n(pages), 0))
        }
        HostCost::EcdsaRecover => to_gas(per_call(T::WeightInfo::seal_ecdsa_recover)),
        HostCost::EcdsaToEthAddress => to_gas(per_call(T::WeightInfo::seal_ecdsa_to_eth_address)),
        HostCost::Sr25519Verify(len) => {
            // Benchmarked on a 13-byte message; longer ones are hashed first, per byte.
            to_gas(per_call(T::WeightInfo::seal_sr25519_verify)) + HASH_PER_BYTE * n(len)
        }
    }
}
