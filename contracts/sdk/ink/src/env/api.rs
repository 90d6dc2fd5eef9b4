//! The free functions of `ink::env`, generic over the [`Environment`] as ink!'s are.

use alloc::vec::Vec;

use scale::{Decode, Encode};

use super::hash::{CryptoHash, HashOutput};
use super::{backend, Environment, Error, Result, ReturnErrorCode, ReturnFlags};
use crate::primitives::AccountId;
use crate::storage::traits::Storable;

/// Room on the stack for the encoding of an environment value (accounts, hashes and
/// balances are at most 32 bytes), so that converting one allocates nothing: every
/// `caller()`/`balance()` goes through [`convert`], and guest-rt's allocator never frees.
struct Scratch {
    bytes: [u8; 64],
    len: usize,
    /// A value larger than `bytes` (only a custom environment's could be).
    spill: Option<Vec<u8>>,
}

impl scale::Output for Scratch {
    fn write(&mut self, data: &[u8]) {
        if let Some(spill) = &mut self.spill {
            spill.extend_from_slice(data);
        } else if let Some(room) = self.bytes.get_mut(self.len..self.len + data.len()) {
            room.copy_from_slice(data);
            self.len += data.len();
        } else {
            let mut spill = self.bytes[..self.len].to_vec();
            spill.extend_from_slice(data);
            self.spill = Some(spill);
        }
    }
}

/// `value` as the environment's type `T` (they encode alike).
pub(crate) fn convert<T: Decode>(value: &impl Encode) -> T {
    let mut scratch = Scratch { bytes: [0; 64], len: 0, spill: None };
    value.encode_to(&mut scratch);
    let encoded = scratch.spill.as_deref().unwrap_or(&scratch.bytes[..scratch.len]);
    T::decode(&mut &encoded[..])
        .unwrap_or_else(|_| panic!("a custom environment's types must encode as the default's"))
}

/// The caller of this call.
pub fn caller<E: Environment>() -> E::AccountId {
    convert(&backend::caller())
}

/// This contract's account id.
pub fn account_id<E: Environment>() -> E::AccountId {
    convert(&backend::account_id())
}

/// The value transferred with this call.
pub fn transferred_value<E: Environment>() -> E::Balance {
    convert(&backend::transferred_value())
}

/// This contract's balance.
pub fn balance<E: Environment>() -> E::Balance {
    convert(&backend::balance())
}

/// The current block number.
pub fn block_number<E: Environment>() -> E::BlockNumber {
    convert(&backend::block_number())
}

/// The current block's timestamp (ms).
pub fn block_timestamp<E: Environment>() -> E::Timestamp {
    convert(&backend::block_timestamp())
}

/// The gas left.
pub fn gas_left<E: Environment>() -> super::Gas {
    backend::gas_left()
}

/// The existential deposit.
pub fn minimum_balance<E: Environment>() -> E::Balance {
    convert(&backend::minimum_balance())
}

/// Emits an event.
pub fn emit_event<E: Environment, Evt: crate::env::Event>(event: Evt) {
    let topics = event.topics();
    debug_assert!(topics.len() <= E::MAX_EVENT_TOPICS, "more topics than the environment allows");
    backend::deposit_event(&topics, &event.encode());
}

/// Stores `value` under `key`; the size of the value it replaced, if any.
pub fn set_contract_storage<K: Encode, V: Storable>(key: &K, value: &V) -> Option<u32> {
    let mut bytes = Vec::new();
    value.encode(&mut bytes);
    backend::set_storage(&key.encode(), &bytes)
}

/// The value under `key`, if there is one.
///
/// # Errors
/// [`Error::Decode`] if the stored value does not decode as `R`.
pub fn get_contract_storage<K: Encode, R: Storable>(key: &K) -> Result<Option<R>> {
    match backend::get_storage(&key.encode()) {
        Some(bytes) => Ok(Some(R::decode(&mut &bytes[..])?)),
        None => Ok(None),
    }
}

/// Removes and returns the value under `key`.
///
/// # Errors
/// [`Error::Decode`] if the stored value does not decode as `R` (it is removed anyway).
pub fn take_contract_storage<K: Encode, R: Storable>(key: &K) -> Result<Option<R>> {
    match backend::take_storage(&key.encode()) {
        Some(bytes) => Ok(Some(R::decode(&mut &bytes[..])?)),
        None => Ok(None),
    }
}

/// The size of the value under `key`, if there is one.
pub fn contains_contract_storage<K: Encode>(key: &K) -> Option<u32> {
    backend::contains_storage(&key.encode())
}

/// Removes the value under `key`; the size of the value it removed, if any.
pub fn clear_contract_storage<K: Encode>(key: &K) -> Option<u32> {
    backend::clear_storage(&key.encode())
}

/// Removes this contract, sending its balance to `beneficiary`.
pub fn terminate_contract<E: Environment>(beneficiary: E::AccountId) -> ! {
    backend::terminate(&convert::<AccountId>(&beneficiary))
}

/// Transfers `value` from this contract to `destination`.
///
/// # Errors
/// `ReturnError(TransferFailed)` if the balance does not allow it.
pub fn transfer<E: Environment>(destination: E::AccountId, value: E::Balance) -> Result<()> {
    if backend::transfer(&convert(&destination), convert(&value)) {
        Ok(())
    } else {
        Err(Error::ReturnError(ReturnErrorCode::TransferFailed))
    }
}

/// The call's input, decoded (on-chain only; the selector is part of it).
///
/// # Errors
/// [`Error::Decode`] if it does not decode as `T`.
pub fn decode_input<T: Decode>() -> Result<T> {
    Ok(T::decode(&mut &backend::input()[..])?)
}

/// Ends the call with `return_value` encoded as its output.
pub fn return_value<R: Encode>(flags: ReturnFlags, return_value: &R) -> ! {
    backend::return_value(flags.into_u32(), &return_value.encode())
}

/// A debug message (dev nodes print it; off-chain it goes to stdout).
pub fn debug_message(message: &str) {
    backend::debug_message(message)
}

/// `H` of `input`.
pub fn hash_bytes<H: CryptoHash>(input: &[u8], output: &mut <H as HashOutput>::Type) {
    H::hash(input, output)
}

/// `H` of the SCALE encoding of `input`.
pub fn hash_encoded<H: CryptoHash, T: Encode>(input: &T, output: &mut <H as HashOutput>::Type) {
    H::hash(&input.encode(), output)
}

/// The compressed secp256k1 public key (33 bytes) whose signature `r ‖ s ‖ v` of
/// `message_hash` this is, into `output`.
///
/// # Errors
/// `ReturnError(EcdsaRecoveryFailed)` if the signature recovers no key.
pub fn ecdsa_recover(
    signature: &[u8; 65],
    message_hash: &[u8; 32],
    output: &mut [u8; 33],
) -> Result<()> {
    let key = backend::ecdsa_recover(signature, message_hash)
        .ok_or(Error::ReturnError(ReturnErrorCode::EcdsaRecoveryFailed))?;
    *output = key;
    Ok(())
}

/// The Ethereum address of a compressed secp256k1 public key, into `output`.
///
/// # Errors
/// `ReturnError(EcdsaRecoveryFailed)` if `pubkey` is not a valid key.
pub fn ecdsa_to_eth_address(pubkey: &[u8; 33], output: &mut [u8; 20]) -> Result<()> {
    let address = backend::ecdsa_to_eth_address(pubkey)
        .ok_or(Error::ReturnError(ReturnErrorCode::EcdsaRecoveryFailed))?;
    *output = address;
    Ok(())
}

/// Checks that `signature` is `pub_key`'s sr25519 signature of `message`.
///
/// # Errors
/// `ReturnError(Sr25519VerifyFailed)` if it is not.
pub fn sr25519_verify(signature: &[u8; 64], message: &[u8], pub_key: &[u8; 32]) -> Result<()> {
    if backend::sr25519_verify(signature, message, pub_key) {
        Ok(())
    } else {
        Err(Error::ReturnError(ReturnErrorCode::Sr25519VerifyFailed))
    }
}

/// Whether `account` is a contract.
pub fn is_contract<E: Environment>(account: &E::AccountId) -> bool {
    backend::is_contract(&convert(account))
}

/// The code hash of the contract at `account`.
///
/// # Errors
/// `ReturnError(KeyNotFound)` if it is not a contract.
pub fn code_hash<E: Environment>(account: &E::AccountId) -> Result<E::Hash> {
    backend::code_hash(&convert(account))
        .map(|h| convert(&h))
        .ok_or(Error::ReturnError(ReturnErrorCode::KeyNotFound))
}

/// This contract's code hash.
///
/// # Errors
/// Never on Rivet; the `Result` is ink!'s signature.
pub fn own_code_hash<E: Environment>() -> Result<E::Hash> {
    Ok(convert(&backend::own_code_hash()))
}

/// Whether the caller is the origin of the transaction (not a contract).
pub fn caller_is_origin<E: Environment>() -> bool {
    backend::caller_is_origin()
}

/// Keeps the code under `code_hash` from being removed while this contract delegates to
/// it; traps if there is no such code.
pub fn lock_delegate_dependency<E: Environment>(code_hash: &E::Hash) {
    if backend::delegate_dependency(&convert(code_hash), true)
        != rivet_host_api::ReturnCode::Success
    {
        backend::trap()
    }
}

/// Releases [`lock_delegate_dependency`]'s lock; traps if there is none.
pub fn unlock_delegate_dependency<E: Environment>(code_hash: &E::Hash) {
    if backend::delegate_dependency(&convert(code_hash), false)
        != rivet_host_api::ReturnCode::Success
    {
        backend::trap()
    }
}

/// Replaces this contract's code with the code under `code_hash`.
///
/// # Errors
/// `ReturnError(CodeNotFound)` if there is no such code.
pub fn set_code_hash<E: Environment>(code_hash: &E::Hash) -> Result<()> {
    if backend::set_code_hash(&convert(code_hash)) {
        Ok(())
    } else {
        Err(Error::ReturnError(ReturnErrorCode::CodeNotFound))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convert_round_trips_small_and_large_values() {
        let account = AccountId([7; 32]);
        assert_eq!(convert::<[u8; 32]>(&account), [7; 32]);
        assert_eq!(convert::<u128>(&u128::MAX), u128::MAX);
        // Larger than the stack room: spilled to the heap, same result.
        let big: Vec<u8> = (0..=200).collect();
        assert_eq!(convert::<Vec<u8>>(&big), big);
    }
}
