//! The chain's types, as `ink::env::Environment` names them.

use crate::primitives::{AccountId, Clear, Hash};

/// Balances.
pub type Balance = u128;
/// Block numbers.
pub type BlockNumber = u32;
/// Timestamps (ms).
pub type Timestamp = u64;
/// Gas.
pub type Gas = u64;

/// `ink::env::Environment`: the chain's types. Rivet's host speaks the default ones
/// (32-byte accounts and hashes, `u128` balances, `u32` block numbers, `u64`
/// timestamps); a custom environment (`#[ink::contract(env = …)]`) may rename them or
/// change [`Environment::MAX_EVENT_TOPICS`], and its types must encode like these.
pub trait Environment: Clone {
    /// How many topics an event may have, its signature topic included.
    const MAX_EVENT_TOPICS: usize;
    /// Account ids.
    type AccountId: 'static
        + scale::Codec
        + Clone
        + PartialEq
        + Eq
        + Ord
        + AsRef<[u8]>
        + AsMut<[u8]>
        + core::fmt::Debug;
    /// Balances.
    type Balance: 'static + scale::Codec + Copy + Clone + PartialEq + Eq + Ord + Default;
    /// Hashes.
    type Hash: 'static
        + scale::Codec
        + Copy
        + Clone
        + Clear
        + PartialEq
        + Eq
        + Ord
        + AsRef<[u8]>
        + AsMut<[u8]>;
    /// Timestamps.
    type Timestamp: 'static + scale::Codec + Copy + Clone + PartialEq + Eq + Ord;
    /// Block numbers.
    type BlockNumber: 'static + scale::Codec + Copy + Clone + PartialEq + Eq + Ord;
    /// The chain extension (Rivet's pallet has none: [`NoChainExtension`]).
    type ChainExtension;
}

/// No chain extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub enum NoChainExtension {}

/// The environment of every Rivet chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub enum DefaultEnvironment {}

impl Environment for DefaultEnvironment {
    const MAX_EVENT_TOPICS: usize = rivet_host_api::MAX_EVENT_TOPICS as usize;
    type AccountId = AccountId;
    type Balance = Balance;
    type Hash = Hash;
    type Timestamp = Timestamp;
    type BlockNumber = BlockNumber;
    type ChainExtension = NoChainExtension;
}

/// The environment a contract (or a contract reference) is written for.
pub trait ContractEnv {
    /// The environment.
    type Env: Environment;
}
