//! `ink::env::call`: cross-contract calls and instantiations, built as in ink! 5.
//!
//! ```text
//! let value: bool = build_call::<DefaultEnvironment>()
//!     .call(other)
//!     .transferred_value(10)
//!     .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("get"))))
//!     .returns::<bool>()
//!     .invoke();
//! ```
//!
//! `invoke`/`instantiate` trap the caller when the callee fails (as ink!'s panic does);
//! `try_invoke`/`try_instantiate` return the error instead. A callee that reverted
//! still returns its output, which decodes as the message's `Err` value. Rivet meters
//! one resource, gas: `gas_limit` and `ref_time_limit` set it (0 means all that is left),
//! `proof_size_limit` is accepted and has no effect.

use core::marker::PhantomData;

use alloc::vec::Vec;
use scale::{Decode, DecodeAll, Encode};

use super::Error;
use crate::{AccountId, Balance, Hash, MessageResult};

/// `ink::env::Environment`: the chain's types. Rivet has one, [`DefaultEnvironment`].
pub trait Environment {
    /// Account ids.
    type AccountId;
    /// Balances.
    type Balance;
    /// Hashes.
    type Hash;
    /// Timestamps.
    type Timestamp;
    /// Block numbers.
    type BlockNumber;
}

/// The environment of every Rivet chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultEnvironment {}

impl Environment for DefaultEnvironment {
    type AccountId = AccountId;
    type Balance = Balance;
    type Hash = Hash;
    type Timestamp = crate::Timestamp;
    type BlockNumber = crate::BlockNumber;
}

/// A contract reference that can be made from an account id (`ContractRef`s).
pub trait FromAccountId<E: Environment> {
    /// The reference to the contract at `account_id`.
    fn from_account_id(account_id: AccountId) -> Self;
}

/// How a call may proceed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallFlags {
    allow_reentry: bool,
}

impl CallFlags {
    /// No flags.
    pub const fn empty() -> Self {
        CallFlags { allow_reentry: false }
    }
    /// Whether the callee may call back into this contract.
    #[must_use]
    pub const fn set_allow_reentry(mut self, allow: bool) -> Self {
        self.allow_reentry = allow;
        self
    }
    /// Whether re-entry is allowed.
    pub const fn allow_reentry(&self) -> bool {
        self.allow_reentry
    }
    /// The host interface's flag bits.
    fn bits(&self) -> u32 {
        if self.allow_reentry {
            rivet_host_api::CALL_FLAG_ALLOW_REENTRY
        } else {
            0
        }
    }
}

/// A message's or constructor's 4-byte selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selector([u8; 4]);

impl Selector {
    /// The selector with these bytes (`ink::selector_bytes!("name")` computes them).
    pub const fn new(bytes: [u8; 4]) -> Self {
        Selector(bytes)
    }
    /// Its bytes.
    pub const fn to_bytes(&self) -> [u8; 4] {
        self.0
    }
}

/// A call's input: the selector, then the SCALE-encoded arguments in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutionInput {
    bytes: Vec<u8>,
}

impl ExecutionInput {
    /// Input for the entry point `selector`, without arguments yet.
    pub fn new(selector: Selector) -> Self {
        ExecutionInput { bytes: selector.0.to_vec() }
    }
    /// Appends an argument.
    #[must_use]
    pub fn push_arg<T: Encode>(mut self, arg: T) -> Self {
        arg.encode_to(&mut self.bytes);
        self
    }
    /// Input that is exactly `bytes` (selector included), for calls whose input was
    /// prepared elsewhere, such as a multisig's stored transaction.
    pub fn from_raw(bytes: Vec<u8>) -> Self {
        ExecutionInput { bytes }
    }
    /// The encoded input.
    pub fn encoded(&self) -> &[u8] {
        &self.bytes
    }
}

/// The gas setters both builders have: `gas_limit`, and ink! 5's `ref_time_limit` and
/// `proof_size_limit`.
macro_rules! gas_setters {
    ($who:literal) => {
        #[doc = concat!("The gas the ", $who, " may use (0: all that is left).")]
        #[must_use]
        pub fn gas_limit(mut self, gas: u64) -> Self {
            self.gas_limit = gas;
            self
        }
        /// ink! 5's name for the gas limit.
        #[must_use]
        pub fn ref_time_limit(self, gas: u64) -> Self {
            self.gas_limit(gas)
        }
        /// Accepted for ink! 5 compatibility; Rivet does not meter proof size.
        #[must_use]
        pub fn proof_size_limit(self, _limit: u64) -> Self {
            self
        }
    };
}

/// Starts building a call (`.call(account)` comes first).
pub fn build_call<E: Environment>() -> CallStart<E> {
    CallStart { _env: PhantomData }
}

/// A call builder before its callee is set.
#[derive(Clone, Copy, Debug)]
pub struct CallStart<E> {
    _env: PhantomData<E>,
}

impl<E: Environment> CallStart<E> {
    /// Calls the contract at `callee`.
    pub fn call(self, callee: AccountId) -> CallBuilder<E, ()> {
        CallBuilder {
            callee,
            gas_limit: 0,
            value: 0,
            flags: CallFlags::empty(),
            input: Vec::new(),
            _types: PhantomData,
        }
    }
    /// ink!'s version-1 call (gas limit only); the same as [`CallStart::call`] here.
    pub fn call_v1(self, callee: AccountId) -> CallBuilder<E, ()> {
        self.call(callee)
    }
}

/// A call being built; `R` is what the message returns.
#[derive(Clone, Debug)]
pub struct CallBuilder<E, R> {
    callee: AccountId,
    gas_limit: u64,
    value: Balance,
    flags: CallFlags,
    input: Vec<u8>,
    _types: PhantomData<fn() -> (E, R)>,
}

impl<E: Environment, R> CallBuilder<E, R> {
    gas_setters!("callee");
    /// Value sent with the call.
    #[must_use]
    pub fn transferred_value(mut self, value: Balance) -> Self {
        self.value = value;
        self
    }
    /// The call's flags.
    #[must_use]
    pub fn call_flags(mut self, flags: CallFlags) -> Self {
        self.flags = flags;
        self
    }
    /// The selector and arguments.
    #[must_use]
    pub fn exec_input(mut self, input: ExecutionInput) -> Self {
        self.input = input.bytes;
        self
    }
    /// What the message returns.
    pub fn returns<T>(self) -> CallBuilder<E, T> {
        CallBuilder {
            callee: self.callee,
            gas_limit: self.gas_limit,
            value: self.value,
            flags: self.flags,
            input: self.input,
            _types: PhantomData,
        }
    }
}

impl<E: Environment, R: Decode> CallBuilder<E, R> {
    /// Makes the call; the message's result, or the reason it could not run.
    ///
    /// # Errors
    /// The callee trapped, ran out of gas, does not exist, or its output does not
    /// decode as `R`; an `Err(LangError)` inside means the callee did not understand the
    /// input.
    pub fn try_invoke(self) -> Result<MessageResult<R>, Error> {
        let out = super::invoke_contract(
            self.flags.bits(),
            &self.callee,
            self.gas_limit,
            self.value,
            &self.input,
        )?;
        MessageResult::<R>::decode_all(&mut &out[..]).map_err(|_| Error::Decode)
    }
    /// Makes the call; traps (a panic off-chain) unless the message ran and returned.
    pub fn invoke(self) -> R {
        match self.try_invoke() {
            Ok(Ok(r)) => r,
            _ => super::trap(),
        }
    }
}

/// Starts building an instantiation of the contract behind the reference type `C`.
pub fn build_create<C>() -> CreateBuilder<C, C> {
    CreateBuilder {
        code_hash: Hash([0; 32]),
        gas_limit: 0,
        endowment: 0,
        input: Vec::new(),
        salt: Vec::new(),
        _types: PhantomData,
    }
}

/// An instantiation being built; `R` is what the constructor returns (`C`, or
/// `Result<C, E>` for a fallible constructor).
#[derive(Clone, Debug)]
pub struct CreateBuilder<C, R> {
    code_hash: Hash,
    gas_limit: u64,
    endowment: Balance,
    input: Vec<u8>,
    salt: Vec<u8>,
    _types: PhantomData<fn() -> (C, R)>,
}

impl<C, R> CreateBuilder<C, R> {
    /// The code to instantiate.
    #[must_use]
    pub fn code_hash(mut self, hash: Hash) -> Self {
        self.code_hash = hash;
        self
    }
    gas_setters!("constructor");
    /// Value given to the new contract.
    #[must_use]
    pub fn endowment(mut self, value: Balance) -> Self {
        self.endowment = value;
        self
    }
    /// The constructor's selector and arguments.
    #[must_use]
    pub fn exec_input(mut self, input: ExecutionInput) -> Self {
        self.input = input.bytes;
        self
    }
    /// Salt for the new contract's address (the same code, input and salt from the
    /// same deployer give the same address).
    #[must_use]
    pub fn salt_bytes<S: AsRef<[u8]>>(mut self, salt: S) -> Self {
        self.salt = salt.as_ref().to_vec();
        self
    }
    /// What the constructor returns.
    pub fn returns<T>(self) -> CreateBuilder<C, T> {
        CreateBuilder {
            code_hash: self.code_hash,
            gas_limit: self.gas_limit,
            endowment: self.endowment,
            input: self.input,
            salt: self.salt,
            _types: PhantomData,
        }
    }
}

/// What a constructor returning `Self` gives the instantiator: `C` itself, or for a
/// fallible constructor `Result<C, E>`.
pub trait ConstructorReturnType<C> {
    /// What `instantiate` returns.
    type Output;
    /// Decodes the constructor's output for the contract at `address`.
    ///
    /// # Errors
    /// If the output does not decode.
    fn from_output(address: AccountId, output: &[u8])
        -> Result<MessageResult<Self::Output>, Error>;
}

impl<C: FromAccountId<DefaultEnvironment>> ConstructorReturnType<C> for C {
    type Output = C;
    fn from_output(address: AccountId, output: &[u8]) -> Result<MessageResult<C>, Error> {
        let r = MessageResult::<()>::decode_all(&mut &output[..]).map_err(|_| Error::Decode)?;
        Ok(r.map(|()| C::from_account_id(address)))
    }
}

impl<C: FromAccountId<DefaultEnvironment>, E: Decode> ConstructorReturnType<C> for Result<C, E> {
    type Output = Result<C, E>;
    fn from_output(address: AccountId, output: &[u8]) -> Result<MessageResult<Self>, Error> {
        let r = MessageResult::<Result<(), E>>::decode_all(&mut &output[..])
            .map_err(|_| Error::Decode)?;
        Ok(r.map(|inner| inner.map(|()| C::from_account_id(address))))
    }
}

impl<C, R: ConstructorReturnType<C>> CreateBuilder<C, R> {
    /// Instantiates the contract; the constructor's result, or the reason it could not
    /// run.
    ///
    /// # Errors
    /// No such code, the constructor trapped or ran out of gas, the address is taken,
    /// or the output does not decode.
    pub fn try_instantiate(self) -> Result<MessageResult<R::Output>, Error> {
        let (address, out) = super::instantiate_contract(
            &self.code_hash.0,
            self.gas_limit,
            self.endowment,
            &self.input,
            &self.salt,
        )?;
        R::from_output(address, &out)
    }
    /// Instantiates the contract; traps (a panic off-chain) unless the constructor ran
    /// and returned.
    pub fn instantiate(self) -> R::Output {
        match self.try_instantiate() {
            Ok(Ok(r)) => r,
            _ => super::trap(),
        }
    }
}
