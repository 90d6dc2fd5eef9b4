//! What `#[ink::contract]`'s generated code calls. Not for contracts to use directly.

use scale::Encode;

use crate::LangError;

pub use alloc::vec::Vec;

pub use crate::env::Event;

/// A field's topic: its SCALE encoding zero-padded to 32 bytes, or BLAKE2b-256 of it if
/// longer.
pub fn topic<T: scale::Encode>(value: &T) -> [u8; 32] {
    let encoded = value.encode();
    if encoded.len() <= 32 {
        let mut out = [0u8; 32];
        out[..encoded.len()].copy_from_slice(&encoded);
        out
    } else {
        let mut out = [0u8; 32];
        <crate::env::hash::Blake2x256 as crate::env::hash::CryptoHash>::hash(&encoded, &mut out);
        out
    }
}

/// A topic field's value as ink! publishes it: an `Option` field's inner value, `None`
/// as the zero topic. `AsOption(&field).value()` picks the inherent method for
/// `Option<T>` and [`AsOptionFallback`] for every other type.
pub struct AsOption<'a, T>(pub &'a T);

impl<'a, T> AsOption<'a, Option<T>> {
    /// The inner value.
    pub fn value(&self) -> Option<&'a T> {
        self.0.as_ref()
    }
}

/// [`AsOption`] for types that are not `Option`s.
pub trait AsOptionFallback<'a, T> {
    /// The value itself.
    fn value(&self) -> Option<&'a T>;
}

impl<'a, T> AsOptionFallback<'a, T> for AsOption<'a, T> {
    fn value(&self) -> Option<&'a T> {
        Some(self.0)
    }
}

/// The topic of a topic field's value ([`AsOption`]): `None` is all zeros.
pub fn topic_of<T: scale::Encode>(value: Option<&T>) -> [u8; 32] {
    value.map_or([0; 32], topic)
}

/// `Self::env()`.
pub trait StaticEnv {
    /// The environment.
    type EnvAccess;
    /// The environment.
    fn env() -> Self::EnvAccess;
}

/// `self.env()`.
pub trait Env {
    /// The environment.
    type EnvAccess;
    /// The environment.
    fn env(self) -> Self::EnvAccess;
}

/// The storage key of the contract's root (ink!'s default root key, 0).
pub const ROOT_KEY: [u8; 4] = [0; 4];

/// Reads the call input: the 4-byte selector and the rest.
pub fn read_call() -> ([u8; 4], Vec<u8>) {
    let input = crate::env::backend::input();
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
    let bytes =
        crate::env::backend::get_storage(&ROOT_KEY).unwrap_or_else(|| crate::env::backend::trap());
    T::decode(&mut &bytes[..]).unwrap_or_else(|_| crate::env::backend::trap())
}

/// Stores the contract's storage.
pub fn store_root<T: scale::Encode>(value: &T) {
    crate::env::backend::set_storage(&ROOT_KEY, &value.encode());
}

/// Returns `Ok(value)` (ink!'s `Result<T, LangError>` encoding).
pub fn return_ok<T: scale::Encode>(value: &T) -> ! {
    crate::env::backend::return_value(0, &Ok::<&T, LangError>(value).encode())
}

/// Returns `Ok(value)`, reverting the call's changes if `revert` (a message that
/// returned `Err`, as ink! does).
pub fn return_message<T: scale::Encode>(value: &T, revert: bool) -> ! {
    let flags = if revert { rivet_host_api::RETURN_FLAG_REVERT } else { 0 };
    crate::env::backend::return_value(flags, &Ok::<&T, LangError>(value).encode())
}

/// Reverts with `Err(LangError::CouldNotReadInput)`.
pub fn return_unknown_selector() -> ! {
    crate::env::backend::return_value(
        rivet_host_api::RETURN_FLAG_REVERT,
        &Err::<(), LangError>(LangError::CouldNotReadInput).encode(),
    )
}

/// Traps if value was transferred to a non-payable message or constructor.
pub fn deny_payment() {
    if crate::env::backend::transferred_value() != 0 {
        crate::env::backend::trap();
    }
}

/// `call()`/`call_mut()` of a contract reference: builders for its messages' calls, to
/// adjust (gas, value, flags) before `invoke`, as ink!'s `TraitCallBuilder`.
pub trait TraitCallBuilder {
    /// The call builders.
    type Builder;
    /// Builders for calls of `&self` messages.
    fn call(&self) -> Self::Builder;
    /// Builders for calls of `&mut self` messages.
    fn call_mut(&mut self) -> Self::Builder;
}

/// The reference type of an `#[ink::trait_definition]` (`ink::contract_ref!(Trait)`):
/// implemented for `dyn Trait`.
pub trait TraitRef {
    /// A contract reference whose methods call the trait's messages.
    type Ref;
}

/// `ink::contract_ref!(Trait, Env)`: Rivet makes trait references for the default
/// environment only.
#[diagnostic::on_unimplemented(
    message = "`ink::contract_ref!(Trait, Env)` with an environment: Rivet's trait references use the default environment; write `ink::contract_ref!(Trait)`"
)]
pub trait TraitRefIn<E> {
    /// The reference type.
    type Ref;
}
