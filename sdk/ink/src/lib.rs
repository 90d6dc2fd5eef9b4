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
    contract, scale_derive, selector_bytes, selector_id, test, trait_definition,
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

/// What a message call returns to its caller: the message's value, or the language
/// error that kept it from running.
pub type MessageResult<T> = Result<T, LangError>;

/// What a constructor returns to its instantiator.
pub type ConstructorResult<T> = Result<T, LangError>;

/// A contract reference that knows its account id (`ContractRef`s).
pub trait ToAccountId<E: env::Environment> {
    /// The contract's account id.
    fn to_account_id(&self) -> AccountId;
}

/// Errors of the language itself, returned as `Err` in a message's
/// `Result<_, LangError>` encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, scale::Encode, scale::Decode)]
#[codec(crate = scale)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
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
    /// The gas left.
    pub fn gas_left(&self) -> u64 {
        env::gas_left()
    }
    /// Emits an `#[ink(event)]`.
    pub fn emit_event<E: codegen::Event>(&self, event: E) {
        env::deposit_event(&event.topics(), &scale::Encode::encode(&event));
    }
    /// BLAKE2b-256 of `input`.
    pub fn hash_blake2_256(&self, input: &[u8]) -> [u8; 32] {
        env::hash_blake2_256(input)
    }
    /// `input` hashed with `H` (`ink::env::hash::{Blake2x256, Blake2x128, Sha2x256, Keccak256}`).
    pub fn hash_bytes<H: env::hash::HashOutput>(&self, input: &[u8]) -> H::Type {
        let mut out = H::Type::default();
        H::hash(input, &mut out);
        out
    }
    /// Transfers `value` from this contract to `to`.
    ///
    /// # Errors
    /// [`env::Error::TransferFailed`] if the balance does not allow it.
    pub fn transfer(&self, to: AccountId, value: Balance) -> Result<(), env::Error> {
        if env::transfer(&to, value) {
            Ok(())
        } else {
            Err(env::Error::TransferFailed)
        }
    }
    /// Removes this contract, sending its balance to `beneficiary`.
    pub fn terminate_contract(&self, beneficiary: AccountId) -> ! {
        env::terminate(&beneficiary)
    }
    /// Whether `account` is a contract.
    pub fn is_contract(&self, account: &AccountId) -> bool {
        env::is_contract(account)
    }
    /// Whether the caller is the origin of the transaction.
    pub fn caller_is_origin(&self) -> bool {
        env::caller_is_origin()
    }
    /// The code hash of `account`.
    ///
    /// # Errors
    /// [`env::Error::NotContract`] if it is not a contract.
    pub fn code_hash(&self, account: &AccountId) -> Result<Hash, env::Error> {
        env::code_hash(account).map(Hash).ok_or(env::Error::NotContract)
    }
    /// This contract's code hash.
    ///
    /// # Errors
    /// Never on Rivet; the `Result` is ink!'s signature.
    pub fn own_code_hash(&self) -> Result<Hash, env::Error> {
        Ok(Hash(env::own_code_hash()))
    }
    /// Replaces this contract's code.
    ///
    /// # Errors
    /// [`env::Error::CodeNotFound`] if no code has that hash.
    pub fn set_code_hash(&self, hash: &Hash) -> Result<(), env::Error> {
        if env::set_code_hash(&hash.0) {
            Ok(())
        } else {
            Err(env::Error::CodeNotFound)
        }
    }
}
