//! `Self::env()` / `self.env()`: the contract's view of its environment, as ink!'s
//! `EnvAccess`.

use core::marker::PhantomData;

use crate::env::hash::{CryptoHash, HashOutput};
use crate::env::{self, DefaultEnvironment, Environment, Result};

/// The environment `E` as a contract sees it.
pub struct EnvAccess<'a, E = DefaultEnvironment> {
    _marker: PhantomData<fn() -> &'a E>,
}

impl<E> Default for EnvAccess<'_, E> {
    fn default() -> Self {
        EnvAccess { _marker: PhantomData }
    }
}

impl<E> Clone for EnvAccess<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for EnvAccess<'_, E> {}

impl<E> core::fmt::Debug for EnvAccess<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("EnvAccess")
    }
}

impl<E: Environment> EnvAccess<'_, E> {
    /// The caller of this call.
    pub fn caller(self) -> E::AccountId {
        env::caller::<E>()
    }
    /// The value transferred with this call.
    pub fn transferred_value(self) -> E::Balance {
        env::transferred_value::<E>()
    }
    /// This contract's balance.
    pub fn balance(self) -> E::Balance {
        env::balance::<E>()
    }
    /// The current block number.
    pub fn block_number(self) -> E::BlockNumber {
        env::block_number::<E>()
    }
    /// The current block's timestamp (ms).
    pub fn block_timestamp(self) -> E::Timestamp {
        env::block_timestamp::<E>()
    }
    /// This contract's account id.
    pub fn account_id(self) -> E::AccountId {
        env::account_id::<E>()
    }
    /// The gas left.
    pub fn gas_left(self) -> env::Gas {
        env::gas_left::<E>()
    }
    /// The existential deposit.
    pub fn minimum_balance(self) -> E::Balance {
        env::minimum_balance::<E>()
    }
    /// Emits an event.
    pub fn emit_event<Evt: crate::env::Event>(self, event: Evt) {
        env::emit_event::<E, Evt>(event)
    }
    /// `H` of `input`.
    pub fn hash_bytes<H: CryptoHash>(self, input: &[u8]) -> <H as HashOutput>::Type {
        let mut out = <H as HashOutput>::Type::default();
        H::hash(input, &mut out);
        out
    }
    /// `H` of the SCALE encoding of `value`.
    pub fn hash_encoded<H: CryptoHash, V: scale::Encode>(
        self,
        value: &V,
    ) -> <H as HashOutput>::Type {
        let mut out = <H as HashOutput>::Type::default();
        env::hash_encoded::<H, V>(value, &mut out);
        out
    }
    /// Transfers `value` from this contract to `destination`.
    ///
    /// # Errors
    /// `ReturnError(TransferFailed)` if the balance does not allow it.
    pub fn transfer(self, destination: E::AccountId, value: E::Balance) -> Result<()> {
        env::transfer::<E>(destination, value)
    }
    /// Removes this contract, sending its balance to `beneficiary`.
    pub fn terminate_contract(self, beneficiary: E::AccountId) -> ! {
        env::terminate_contract::<E>(beneficiary)
    }
    /// The compressed public key whose signature of `message_hash` this is.
    ///
    /// # Errors
    /// `ReturnError(EcdsaRecoveryFailed)` if the signature recovers no key.
    pub fn ecdsa_recover(self, signature: &[u8; 65], message_hash: &[u8; 32]) -> Result<[u8; 33]> {
        let mut out = [0u8; 33];
        env::ecdsa_recover(signature, message_hash, &mut out)?;
        Ok(out)
    }
    /// The Ethereum address of a compressed public key.
    ///
    /// # Errors
    /// `ReturnError(EcdsaRecoveryFailed)` if `pubkey` is not a valid key.
    pub fn ecdsa_to_eth_address(self, pubkey: &[u8; 33]) -> Result<[u8; 20]> {
        let mut out = [0u8; 20];
        env::ecdsa_to_eth_address(pubkey, &mut out)?;
        Ok(out)
    }
    /// Checks an sr25519 signature.
    ///
    /// # Errors
    /// `ReturnError(Sr25519VerifyFailed)` if it is not `pub_key`'s of `message`.
    pub fn sr25519_verify(
        self,
        signature: &[u8; 64],
        message: &[u8],
        pub_key: &[u8; 32],
    ) -> Result<()> {
        env::sr25519_verify(signature, message, pub_key)
    }
    /// Whether `account` is a contract.
    pub fn is_contract(self, account: &E::AccountId) -> bool {
        env::is_contract::<E>(account)
    }
    /// Whether the caller is the origin of the transaction.
    pub fn caller_is_origin(self) -> bool {
        env::caller_is_origin::<E>()
    }
    /// The code hash of the contract at `account`.
    ///
    /// # Errors
    /// `ReturnError(KeyNotFound)` if it is not a contract.
    pub fn code_hash(self, account: &E::AccountId) -> Result<E::Hash> {
        env::code_hash::<E>(account)
    }
    /// This contract's code hash.
    ///
    /// # Errors
    /// Never on Rivet; the `Result` is ink!'s signature.
    pub fn own_code_hash(self) -> Result<E::Hash> {
        env::own_code_hash::<E>()
    }
    /// Keeps the code under `code_hash` from being removed while this contract
    /// delegates to it; traps if there is no such code.
    pub fn lock_delegate_dependency(self, code_hash: &E::Hash) {
        env::lock_delegate_dependency::<E>(code_hash)
    }
    /// Releases a delegate dependency; traps if there is none.
    pub fn unlock_delegate_dependency(self, code_hash: &E::Hash) {
        env::unlock_delegate_dependency::<E>(code_hash)
    }
    /// Replaces this contract's code.
    ///
    /// # Errors
    /// `ReturnError(CodeNotFound)` if there is no such code.
    pub fn set_code_hash(self, code_hash: &E::Hash) -> Result<()> {
        env::set_code_hash::<E>(code_hash)
    }
}

/// What Rivet's pallet does not have: `call_runtime`, XCM. Using them is a compile error
/// that names the missing runtime support.
#[diagnostic::on_unimplemented(
    message = "Rivet's contracts pallet has no `call_runtime` or XCM: contracts cannot dispatch runtime calls or XCM messages",
    label = "needs runtime support Rivet does not have"
)]
pub trait RuntimeSupportMissing {}

impl<E: Environment> EnvAccess<'_, E> {
    /// Not on Rivet: a compile error (its pallet has no `call_runtime`).
    ///
    /// # Errors
    /// Never returns: it does not compile.
    pub fn call_runtime<Call: RuntimeSupportMissing>(self, _call: &Call) -> Result<()> {
        unreachable!("RuntimeSupportMissing has no implementations")
    }
    /// Not on Rivet: a compile error (its pallet has no XCM).
    ///
    /// # Errors
    /// Never returns: it does not compile.
    pub fn xcm_execute<Msg: RuntimeSupportMissing>(self, _msg: &Msg) -> Result<()> {
        unreachable!("RuntimeSupportMissing has no implementations")
    }
    /// Not on Rivet: a compile error (its pallet has no XCM).
    ///
    /// # Errors
    /// Never returns: it does not compile.
    pub fn xcm_send<Dest: RuntimeSupportMissing, Msg>(
        self,
        _dest: &Dest,
        _msg: &Msg,
    ) -> Result<()> {
        unreachable!("RuntimeSupportMissing has no implementations")
    }
}
