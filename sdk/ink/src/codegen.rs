//! What `#[ink::contract]`'s generated code calls. Not for contracts to use directly.

use scale::Encode;

use crate::LangError;

pub use alloc::vec::Vec;

/// An `#[ink(event)]`: its topics (the data is its SCALE encoding).
pub trait Event: scale::Encode {
    /// Signature topic, then one per `#[ink(topic)]` field.
    fn topics(&self) -> Vec<[u8; 32]>;
}

/// A field's topic: its SCALE encoding zero-padded to 32 bytes, or BLAKE2b-256 of it if
/// longer.
pub fn topic<T: scale::Encode>(value: &T) -> [u8; 32] {
    let encoded = value.encode();
    if encoded.len() <= 32 {
        let mut out = [0u8; 32];
        out[..encoded.len()].copy_from_slice(&encoded);
        out
    } else {
        crate::env::hash_blake2_256(&encoded)
    }
}

/// `Self::env()`.
pub trait StaticEnv {
    /// The environment.
    fn env() -> crate::EnvAccess;
}

/// `self.env()`.
pub trait Env {
    /// The environment.
    fn env(self) -> crate::EnvAccess;
}

/// The storage key of the contract's root (ink!'s default root key, 0).
pub const ROOT_KEY: [u8; 4] = [0; 4];

/// Reads the call input: the 4-byte selector and the rest.
pub fn read_call() -> ([u8; 4], Vec<u8>) {
    let input = crate::env::input();
    if input.len() < 4 {
        return_unknown_selector();
    }
    ([input[0], input[1], input[2], input[3]], input[4..].to_vec())
}

/// Decodes a message's arguments; reverts with `CouldNotReadInput` if they do not decode.
pub fn decode_args<T: scale::Decode>(mut input: &[u8]) -> T {
    match T::decode(&mut input) {
        Ok(v) if input.is_empty() => v,
        _ => return_unknown_selector(),
    }
}

/// Loads the contract's storage.
pub fn load_root<T: scale::Decode>() -> T {
    let bytes = crate::env::get_storage(&ROOT_KEY).unwrap_or_else(|| crate::env::trap());
    T::decode(&mut &bytes[..]).unwrap_or_else(|_| crate::env::trap())
}

/// Stores the contract's storage.
pub fn store_root<T: scale::Encode>(value: &T) {
    crate::env::set_storage(&ROOT_KEY, &value.encode());
}

/// Returns `Ok(value)` (ink!'s `Result<T, LangError>` encoding).
pub fn return_ok<T: scale::Encode>(value: &T) -> ! {
    crate::env::return_value(0, &Ok::<&T, LangError>(value).encode())
}

/// Returns `Ok(value)`, reverting the call's changes if `revert` (a message that
/// returned `Err`, as ink! does).
pub fn return_message<T: scale::Encode>(value: &T, revert: bool) -> ! {
    let flags = if revert { rivet_host_api::RETURN_FLAG_REVERT } else { 0 };
    crate::env::return_value(flags, &Ok::<&T, LangError>(value).encode())
}

/// Reverts with `Err(LangError::CouldNotReadInput)`.
pub fn return_unknown_selector() -> ! {
    crate::env::return_value(
        rivet_host_api::RETURN_FLAG_REVERT,
        &Err::<(), LangError>(LangError::CouldNotReadInput).encode(),
    )
}

/// Traps if value was transferred to a non-payable message or constructor.
pub fn deny_payment() {
    if crate::env::transferred_value() != 0 {
        crate::env::trap();
    }
}
