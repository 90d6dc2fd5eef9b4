//! Rivet's ink!-compatible contract SDK. Contracts depend on it as `ink`
//! (`ink = { package = "rivet-ink", path = "…", default-features = false }`) and are
//! written as ink! 5 contracts; `rivet build` turns them into program blobs.
//!
//! On RV32E (`not(feature = "std")`) the environment is the host-call interface of
//! `rivet-host-api`; with `std` (off-chain `cargo test`) it is an in-memory test
//! environment set up through [`env::test`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use rivet_ink_macro::{contract, scale_derive, test};
pub use scale;

#[cfg(not(feature = "std"))]
pub use guest_rt::export;

pub mod codegen;
pub mod env;
mod primitives;
pub mod storage;

/// `ink::prelude`: the `alloc` types contracts use.
pub mod prelude {
    pub use alloc::{boxed, collections, format, string, vec};
}

pub use primitives::{AccountId, Hash};

/// The types ink! brings into every contract module.
pub mod env_types {
    pub use crate::primitives::{AccountId, Balance, BlockNumber, Hash, Timestamp};
}

pub use primitives::{Balance, BlockNumber, Timestamp};

/// Errors of the language itself, returned as `Err` in a message's
/// `Result<_, LangError>` encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, scale::Encode, scale::Decode)]
#[codec(crate = scale)]
pub enum LangError {
    /// The input could not be decoded, or the selector is unknown.
    CouldNotReadInput = 1,
}

/// `Self::env()` / `self.env()`: the contract's view of its environment.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnvAccess;

impl EnvAccess {
    /// The caller of this call.
    pub fn caller(&self) -> AccountId {
        env::caller()
    }
    /// The value transferred with this call.
    pub fn transferred_value(&self) -> Balance {
        env::transferred_value()
    }
    /// This contract's balance.
    pub fn balance(&self) -> Balance {
        env::balance()
    }
    /// The current block number.
    pub fn block_number(&self) -> BlockNumber {
        env::block_number()
    }
    /// The current block's timestamp (ms).
    pub fn block_timestamp(&self) -> Timestamp {
        env::block_timestamp()
    }
    /// This contract's account id.
    pub fn account_id(&self) -> AccountId {
        env::account_id()
    }
    /// Emits an `#[ink(event)]`.
    pub fn emit_event<E: codegen::Event>(&self, event: E) {
        env::deposit_event(&event.topics(), &scale::Encode::encode(&event));
    }
    /// BLAKE2b-256 of `input`.
    pub fn hash_blake2_256(&self, input: &[u8]) -> [u8; 32] {
        env::hash_blake2_256(input)
    }
}
