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
//! one resource, gas: `gas_limit` and `ref_time_limit` set it (0 means all that is left);
//! `proof_size_limit` and `storage_deposit_limit` are accepted and have no effect (the
//! transaction's own deposit limit bounds the whole call tree).
//!
//! Of the call flags, the host implements `ALLOW_REENTRY`; the SDK implements the others
//! in the caller: `CLONE_INPUT` and `FORWARD_INPUT` send this call's input as the
//! callee's, `TAIL_CALL` ends this call with the callee's output and revert flag.

use core::marker::PhantomData;

use alloc::vec::Vec;
use scale::{Decode, DecodeAll, Encode};

use super::api::convert;
use super::{backend, Error};
use crate::primitives::{AccountId, Hash};
use crate::MessageResult;

pub use super::types::{DefaultEnvironment, Environment};

/// A contract reference that can be made from an account id (`ContractRef`s).
pub trait FromAccountId<E: Environment> {
    /// The reference to the contract at `account_id`.
    fn from_account_id(account_id: E::AccountId) -> Self;
}

/// How a call may proceed, as ink! 5's `CallFlags` (combine with `|`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallFlags(u32);

impl CallFlags {
    /// The callee's input is this call's input (which this contract can no longer read).
    pub const FORWARD_INPUT: CallFlags = CallFlags(0b0001);
    /// The callee's input is a copy of this call's input.
    pub const CLONE_INPUT: CallFlags = CallFlags(0b0010);
    /// This call ends with the callee's output and revert flag.
    pub const TAIL_CALL: CallFlags = CallFlags(0b0100);
    /// The callee may call back into this contract.
    pub const ALLOW_REENTRY: CallFlags = CallFlags(0b1000);

    /// No flags.
    pub const fn empty() -> Self {
        CallFlags(0)
    }
    /// The flags' bits (pallet-contracts' numbering).
    pub const fn bits(&self) -> u32 {
        self.0
    }
    /// Whether every flag of `other` is set.
    pub const fn contains(&self, other: CallFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Sets or clears `ALLOW_REENTRY`.
    #[must_use]
    pub const fn set_allow_reentry(self, allow: bool) -> Self {
        self.with(Self::ALLOW_REENTRY, allow)
    }
    /// Sets or clears `TAIL_CALL`.
    #[must_use]
    pub const fn set_tail_call(self, tail: bool) -> Self {
        self.with(Self::TAIL_CALL, tail)
    }
    /// Sets or clears `CLONE_INPUT`.
    #[must_use]
    pub const fn set_clone_input(self, clone: bool) -> Self {
        self.with(Self::CLONE_INPUT, clone)
    }
    /// Sets or clears `FORWARD_INPUT`.
    #[must_use]
    pub const fn set_forward_input(self, forward: bool) -> Self {
        self.with(Self::FORWARD_INPUT, forward)
    }
    const fn with(self, flag: CallFlags, on: bool) -> Self {
        if on {
            CallFlags(self.0 | flag.0)
        } else {
            CallFlags(self.0 & !flag.0)
        }
    }
    /// The host interface's flag bits (the host implements re-entry only).
    fn host_bits(&self) -> u32 {
        if self.contains(Self::ALLOW_REENTRY) {
            rivet_host_api::CALL_FLAG_ALLOW_REENTRY
        } else {
            0
        }
    }
}

impl core::ops::BitOr for CallFlags {
    type Output = CallFlags;
    fn bitor(self, other: CallFlags) -> CallFlags {
        CallFlags(self.0 | other.0)
    }
}

/// A message's or constructor's 4-byte selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
#[codec(crate = scale)]
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

impl From<[u8; 4]> for Selector {
    fn from(bytes: [u8; 4]) -> Self {
        Selector(bytes)
    }
}

/// Puts `selector` in place of the first four bytes of an encoded input.
fn replace_selector(input: &mut [u8], selector: Selector) {
    if let Some(head) = input.get_mut(..4) {
        head.copy_from_slice(&selector.0);
    }
}

/// Argument lists, as `ink::env::call::utils`.
pub mod utils {
    use alloc::vec::Vec;

    use scale::Encode;

    /// SCALE-encoded arguments in order, without a selector.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ArgumentList {
        pub(super) bytes: Vec<u8>,
    }

    /// An empty argument list.
    pub type EmptyArgumentList = ArgumentList;

    impl ArgumentList {
        /// No arguments.
        pub fn empty() -> Self {
            ArgumentList::default()
        }
        /// Appends an argument.
        #[must_use]
        pub fn push_arg<T: Encode>(mut self, arg: T) -> Self {
            arg.encode_to(&mut self.bytes);
            self
        }
    }

    impl Encode for ArgumentList {
        fn size_hint(&self) -> usize {
            self.bytes.len()
        }
        fn encode_to<O: scale::Output + ?Sized>(&self, dest: &mut O) {
            dest.write(&self.bytes)
        }
    }

    /// What a call returns (the builders' `returns::<T>()`).
    #[derive(Clone, Copy, Debug, Default)]
    pub struct ReturnType<T>(core::marker::PhantomData<fn() -> T>);
}

/// A call's input: the selector, then the SCALE-encoded arguments in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutionInput {
    selector: Selector,
    args: utils::ArgumentList,
}

impl ExecutionInput {
    /// Input for the entry point `selector`, without arguments yet.
    pub fn new(selector: Selector) -> Self {
        ExecutionInput { selector, args: utils::ArgumentList::empty() }
    }
    /// Appends an argument.
    #[must_use]
    pub fn push_arg<T: Encode>(mut self, arg: T) -> Self {
        self.args = self.args.push_arg(arg);
        self
    }
    /// The encoded input.
    pub fn encoded(&self) -> Vec<u8> {
        self.encode()
    }
}

impl Encode for ExecutionInput {
    fn size_hint(&self) -> usize {
        4 + self.args.bytes.len()
    }
    fn encode_to<O: scale::Output + ?Sized>(&self, dest: &mut O) {
        dest.write(&self.selector.0);
        dest.write(&self.args.bytes);
    }
}

/// The gas setters both builders have: `gas_limit`, and ink! 5's `ref_time_limit`,
/// `proof_size_limit` and `storage_deposit_limit`.
macro_rules! limit_setters {
    ($who:literal, $balance:ty) => {
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
        /// Accepted for ink! 5 compatibility: the transaction's storage deposit limit
        /// bounds the whole call tree.
        #[must_use]
        pub fn storage_deposit_limit(self, _limit: $balance) -> Self {
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
    pub fn call(self, callee: E::AccountId) -> CallBuilder<E, ()> {
        CallBuilder {
            callee: convert(&callee),
            delegate: None,
            gas_limit: 0,
            value: 0,
            flags: CallFlags::empty(),
            input: Vec::new(),
            _types: PhantomData,
        }
    }
    /// ink!'s version-1 call (gas limit only); the same as [`CallStart::call`] here.
    pub fn call_v1(self, callee: E::AccountId) -> CallBuilder<E, ()> {
        self.call(callee)
    }
    /// A call of the given type (`Call::new(callee)`), as ink! 4 wrote it.
    pub fn call_type(self, call: Call<E>) -> CallBuilder<E, ()> {
        self.call(call.callee)
    }
    /// Runs the code under `code_hash` as this contract (a delegate call): its storage,
    /// address, caller and value; no value is sent and no gas limit applies.
    pub fn delegate(self, code_hash: E::Hash) -> CallBuilder<E, ()> {
        CallBuilder {
            callee: AccountId([0; 32]),
            delegate: Some(convert(&code_hash)),
            gas_limit: 0,
            value: 0,
            flags: CallFlags::empty(),
            input: Vec::new(),
            _types: PhantomData,
        }
    }
}

/// A plain call of the contract at an account (`call_type(Call::new(callee))`).
#[derive(Clone, Debug)]
pub struct Call<E: Environment> {
    callee: E::AccountId,
}

impl<E: Environment> Call<E> {
    /// A call of `callee`.
    pub fn new(callee: E::AccountId) -> Self {
        Call { callee }
    }
}

/// A call being built; `R` is what the message returns.
#[derive(Clone, Debug)]
pub struct CallBuilder<E, R> {
    callee: AccountId,
    /// A delegate call's code hash (`callee` is then unused).
    delegate: Option<[u8; 32]>,
    gas_limit: u64,
    value: u128,
    flags: CallFlags,
    input: Vec<u8>,
    _types: PhantomData<fn() -> (E, R)>,
}

/// A call with everything set (`CallBuilder::params`), as ink!'s `CallParams`.
pub type CallParams<E, R> = CallBuilder<E, R>;

impl<E: Environment, R> CallBuilder<E, R> {
    limit_setters!("callee", E::Balance);
    /// Value sent with the call.
    #[must_use]
    pub fn transferred_value(mut self, value: E::Balance) -> Self {
        self.value = convert(&value);
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
        self.input = input.encode();
        self
    }
    /// What the message returns.
    pub fn returns<T>(self) -> CallBuilder<E, T> {
        CallBuilder {
            callee: self.callee,
            delegate: self.delegate,
            gas_limit: self.gas_limit,
            value: self.value,
            flags: self.flags,
            input: self.input,
            _types: PhantomData,
        }
    }
    /// The finished call (ink!'s `CallParams`): invoke it with `invoke`/`try_invoke`.
    pub fn params(self) -> CallParams<E, R> {
        self
    }
    /// ink! 5's switch to a version-1 call (gas limit only); the same call here.
    pub fn call_v1(self) -> Self {
        self
    }
    /// Replaces the selector of the input.
    pub fn update_selector(&mut self, selector: Selector) {
        replace_selector(&mut self.input, selector);
    }
    /// The callee.
    pub fn callee(&self) -> E::AccountId {
        convert(&self.callee)
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
        let forwarded;
        let input = if self.flags.contains(CallFlags::CLONE_INPUT)
            || self.flags.contains(CallFlags::FORWARD_INPUT)
        {
            forwarded = backend::input();
            &forwarded
        } else {
            &self.input
        };
        let (out, reverted) = match &self.delegate {
            Some(code_hash) => backend::invoke_contract_delegate(0, code_hash, input)?,
            None => backend::invoke_contract(
                self.flags.host_bits(),
                &self.callee,
                self.gas_limit,
                self.value,
                input,
            )?,
        };
        if self.flags.contains(CallFlags::TAIL_CALL) {
            let flags = if reverted { rivet_host_api::RETURN_FLAG_REVERT } else { 0 };
            backend::return_value(flags, &out)
        }
        Ok(MessageResult::<R>::decode_all(&mut &out[..])?)
    }
    /// Makes the call; traps (a panic off-chain) unless the message ran and returned.
    pub fn invoke(self) -> R {
        match self.try_invoke() {
            Ok(Ok(r)) => r,
            _ => backend::trap(),
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
    endowment: u128,
    input: Vec<u8>,
    salt: Vec<u8>,
    _types: PhantomData<fn() -> (C, R)>,
}

/// An instantiation with everything set (`CreateBuilder::params`).
pub type CreateParams<C, R> = CreateBuilder<C, R>;

impl<C: super::ContractEnv, R> CreateBuilder<C, R> {
    /// The code to instantiate.
    #[must_use]
    pub fn code_hash(mut self, hash: <C::Env as Environment>::Hash) -> Self {
        self.code_hash = convert(&hash);
        self
    }
    limit_setters!("constructor", <C::Env as Environment>::Balance);
    /// Value given to the new contract.
    #[must_use]
    pub fn endowment(mut self, value: <C::Env as Environment>::Balance) -> Self {
        self.endowment = convert(&value);
        self
    }
    /// The constructor's selector and arguments.
    #[must_use]
    pub fn exec_input(mut self, input: ExecutionInput) -> Self {
        self.input = input.encode();
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
    /// The finished instantiation (ink!'s `CreateParams`).
    pub fn params(self) -> CreateParams<C, R> {
        self
    }
    /// ink! 5's switch to a version-1 instantiation (gas limit only); the same here.
    pub fn instantiate_v1(self) -> Self {
        self
    }
    /// Replaces the selector of the input.
    pub fn update_selector(&mut self, selector: Selector) {
        replace_selector(&mut self.input, selector);
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

impl<C: super::ContractEnv + FromAccountId<C::Env>> ConstructorReturnType<C> for C {
    type Output = C;
    fn from_output(address: AccountId, output: &[u8]) -> Result<MessageResult<C>, Error> {
        let r = MessageResult::<()>::decode_all(&mut &output[..])?;
        Ok(r.map(|()| C::from_account_id(convert(&address))))
    }
}

impl<C: super::ContractEnv + FromAccountId<C::Env>, E: Decode> ConstructorReturnType<C>
    for Result<C, E>
{
    type Output = Result<C, E>;
    fn from_output(address: AccountId, output: &[u8]) -> Result<MessageResult<Self>, Error> {
        let r = MessageResult::<Result<(), E>>::decode_all(&mut &output[..])?;
        Ok(r.map(|inner| inner.map(|()| C::from_account_id(convert(&address)))))
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
        let (address, out) = backend::instantiate_contract(
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
            _ => backend::trap(),
        }
    }
}
