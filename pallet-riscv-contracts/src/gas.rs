//! Host-function costs, in VM gas, defined once. Every host function charges its cost
//! first, before it reads or writes anything. Storage costs come from the runtime's
//! database weights; the rest are per call and per byte moved.

use frame_support::traits::Get;
use frame_support::weights::Weight;

use crate::Config;

/// What a host call costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostCost {
    /// Any host call (the `ECALL` round trip): charged by every function.
    Base,
    /// Moving `n` bytes between guest memory and the host.
    Bytes(u32),
    /// A storage read of a value of up to `n` bytes.
    StorageRead(u32),
    /// A storage write of `n` bytes (key and value).
    StorageWrite(u32),
    /// Hashing `n` bytes.
    Hash(u32),
    /// An event with `topics` topics and `n` bytes of data.
    Event {
        /// Topics.
        topics: u32,
        /// Data bytes.
        len: u32,
    },
    /// A balance transfer (two account reads and writes).
    Transfer,
    /// Loading and preparing `n` bytes of code for a call frame.
    CodeLoad(u32),
    /// Setting up a nested call or instantiation frame.
    Frame,
}

/// Gas per host call, whatever it does: the suspend/resume round trip.
const BASE: u64 = 100;
/// Gas per byte moved, hashed or prepared.
const PER_BYTE: u64 = 1;
/// Gas per byte hashed.
const HASH_PER_BYTE: u64 = 2;

impl HostCost {
    /// The cost in VM gas under `T`'s weights.
    pub fn gas<T: Config>(self) -> u64 {
        let db = T::DbWeight::get();
        let to_gas = |w: Weight| w.ref_time() / T::RefTimePerGas::get().max(1);
        let n = |n: u32| n as u64;
        match self {
            HostCost::Base => BASE,
            HostCost::Bytes(len) => PER_BYTE * n(len),
            HostCost::StorageRead(len) => to_gas(db.reads(1)) + PER_BYTE * n(len),
            HostCost::StorageWrite(len) => to_gas(db.reads_writes(1, 1)) + PER_BYTE * n(len),
            HostCost::Hash(len) => BASE + HASH_PER_BYTE * n(len),
            HostCost::Event { topics, len } => {
                to_gas(db.writes(1)) + BASE * n(topics) + PER_BYTE * n(len)
            }
            HostCost::Transfer => to_gas(db.reads_writes(2, 2)),
            HostCost::CodeLoad(len) => to_gas(db.reads(2)) + 4 * PER_BYTE * n(len),
            HostCost::Frame => to_gas(db.reads_writes(2, 1)) + 10 * BASE,
        }
    }
}
