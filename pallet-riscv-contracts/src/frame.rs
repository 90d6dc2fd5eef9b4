//! What the call stack and the host functions share: a frame to run, how it ends, the
//! contract address a deployment gets, and contracts' view of accounts and balances.

use alloc::vec::Vec;

use sp_runtime::DispatchError;

use crate::{BalanceOf, CodeHash, Config, Error, ExecReturnValue};

/// How a frame ended by the contract's choice.
pub(crate) enum FrameEnd<T: Config> {
    /// `seal_return` (or the export returned: empty data).
    Returned(ExecReturnValue),
    /// The contract removed itself in favour of this account.
    Terminated(T::AccountId),
}

/// How a frame failed; everything it did was rolled back.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FrameError {
    /// It trapped, or a host call it made was invalid.
    Trapped,
    /// It ran out of gas.
    OutOfGas,
    /// It could not start or the host refused something (the reason).
    Dispatch(DispatchError),
}

impl From<DispatchError> for FrameError {
    fn from(e: DispatchError) -> Self {
        FrameError::Dispatch(e)
    }
}

impl<T: Config> From<Error<T>> for FrameError {
    fn from(e: Error<T>) -> Self {
        FrameError::Dispatch(e.into())
    }
}

impl FrameError {
    pub(crate) fn into_dispatch<T: Config>(self) -> DispatchError {
        match self {
            FrameError::Trapped => Error::<T>::ContractTrapped.into(),
            FrameError::OutOfGas => Error::<T>::OutOfGas.into(),
            FrameError::Dispatch(e) => e,
        }
    }
}

/// What a frame runs.
pub(crate) struct Frame<T: Config> {
    /// The contract.
    pub address: T::AccountId,
    /// Who calls it.
    pub caller: T::AccountId,
    /// Value sent along.
    pub value: BalanceOf<T>,
    /// The input.
    pub input: Vec<u8>,
    /// Gas it may use.
    pub gas: u64,
    /// Whether its own calls may re-enter it.
    pub allow_reentry: bool,
    /// `Some(code hash)` for an instantiation of that code.
    pub instantiate: Option<CodeHash>,
    /// `Some(code hash)` for a delegate call: that code runs as the contract at
    /// `address`, with the delegating frame's caller and value (nothing is transferred).
    pub delegate: Option<CodeHash>,
}

/// The 32 bytes of an account id.
pub(crate) fn account_bytes<T: Config>(a: &T::AccountId) -> [u8; 32] {
    *a.as_ref()
}

/// The address of a contract `deployer` instantiates from `code_hash`.
pub(crate) fn contract_address<T: Config>(
    deployer: &T::AccountId,
    code_hash: &CodeHash,
    input: &[u8],
    salt: &[u8],
) -> T::AccountId {
    let preimage = [&account_bytes::<T>(deployer)[..], code_hash.as_bytes(), input, salt];
    sp_io::hashing::blake2_256(&preimage.concat()).into()
}

/// The balance of an account as contracts see it (`u128`).
pub(crate) fn balance_u128<T: Config>(b: BalanceOf<T>) -> u128 {
    b.into()
}

/// A contract's `u128` as the chain's balance, if it fits.
pub(crate) fn balance_from<T: Config>(v: u128) -> Option<BalanceOf<T>> {
    BalanceOf::<T>::try_from(v).ok()
}
