//! Rivet's ink!-compatible contract SDK. Contracts depend on it as `ink`
//! (`ink = { package = "rivet-ink", path = "…", default-features = false }`) and are
//! written as ink! 5 contracts; `rivet build` turns them into program blobs.
//!
//! On RV32E (`not(feature = "std")`) the environment is the host-call interface of
//! `rivet-host-api`; with `std` (off-chain `cargo test`) it is an in-memory test
//! environment set up through [`env::test`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use rivet_ink_macro::{
    blake2x256, chain_extension, contract, event, scale_derive, selector_bytes, selector_id,
    storage_item, test, trait_definition,
};
pub use scale;
#[cfg(feature = "std")]
pub use scale_info;

#[cfg(not(feature = "std"))]
pub use guest_rt::export;

pub mod codegen;
pub mod env;
#[cfg(feature = "std")]
pub mod metadata;
pub mod primitives;
pub mod reflect;
pub mod storage;

/// `ink::prelude`: the `alloc` types contracts use.
pub mod prelude {
    pub use alloc::{boxed, collections, format, string, vec};
}

pub use primitives::{AccountId, ConstructorResult, Hash, LangError, MessageResult};

/// The types ink! brings into every contract module.
pub mod env_types {
    pub use crate::env::{Balance, BlockNumber, Timestamp};
    pub use crate::primitives::{AccountId, Hash};
}

pub use env::{Balance, BlockNumber, Timestamp};

mod env_access;
pub use env_access::EnvAccess;

/// A contract reference that knows its account id (`ContractRef`s).
pub trait ToAccountId<E: env::Environment> {
    /// The contract's account id.
    fn to_account_id(&self) -> E::AccountId;
}

/// `ink::contract_ref!(Trait)`: the type of a reference to any contract that implements
/// the `#[ink::trait_definition]` `Trait` (made from an account id with `.into()`); its
/// methods call the contract's trait messages. Rivet supports the default environment.
#[macro_export]
macro_rules! contract_ref {
    ($trait:path) => {
        <dyn $trait as $crate::codegen::TraitRef>::Ref
    };
    ($trait:path, $env:ty) => {
        <dyn $trait as $crate::codegen::TraitRefIn<$env>>::Ref
    };
}

/// Registers an event's spec for `ink::metadata::collect_events` (off-chain builds only;
/// on-chain it expands to nothing). What the event macros emit.
#[cfg(feature = "std")]
#[doc(hidden)]
#[macro_export]
macro_rules! __register_event {
    ($spec:expr) => {
        const _: () = {
            #[$crate::metadata::linkme::distributed_slice($crate::metadata::EVENTS)]
            #[linkme(crate = $crate::metadata::linkme)]
            static SPEC: fn() -> $crate::metadata::EventSpec = || $spec;
        };
    };
}

/// Registers an event's spec (off-chain builds only: on-chain, nothing).
#[cfg(not(feature = "std"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __register_event {
    ($spec:expr) => {};
}
