//! `ink::env`: the contract's environment, as ink! 5's `ink_env` presents it.
//!
//! Two backends sit behind the same functions: on-chain (RV32E) the host-call
//! interface of `rivet-host-api` ([`backend`] = `onchain.rs`), off-chain (`std`,
//! `cargo test`) an in-memory chain with ink!'s off-chain semantics (`offchain.rs`,
//! driven through [`test`]). The public functions are generic over the
//! [`Environment`] as ink!'s are; values cross the backend SCALE-encoded, so a custom
//! environment whose types encode like the default ones works unchanged.

#[cfg(all(not(feature = "std"), target_arch = "riscv32"))]
#[path = "onchain.rs"]
#[doc(hidden)]
pub mod backend;

#[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
#[path = "offchain.rs"]
#[doc(hidden)]
pub mod backend;

mod api;
pub mod call;
pub mod hash;
#[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
pub mod test;
mod types;

/// An `#[ink(event)]` / `#[ink::event]`: its topics (the data is its SCALE encoding), as
/// `ink::env::Event`.
pub trait Event: scale::Encode {
    /// The signature topic (`None` for an anonymous event).
    const SIGNATURE_TOPIC: Option<[u8; 32]>;
    /// The signature topic (unless anonymous), then one per `#[ink(topic)]` field.
    fn topics(&self) -> alloc::vec::Vec<[u8; 32]>;
}
pub use api::*;
pub use call::CallFlags;
pub use types::{
    Balance, BlockNumber, ContractEnv, DefaultEnvironment, Environment, Gas, NoChainExtension,
    Timestamp,
};

pub use crate::primitives::{AccountId, Clear, Hash};

#[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
pub use crate::pay_with_call;

/// The size of the buffer ink! encodes and decodes through (input, output, storage
/// values); Rivet's host grows buffers as needed, but values larger than this are
/// refused by the `try_` storage methods as they are by ink!.
pub const BUFFER_SIZE: usize = 16384;

/// `ink::env::Result`.
pub type Result<T> = core::result::Result<T, Error>;

/// The result codes of host functions, as `ink::env::ReturnErrorCode` (pallet-contracts'
/// numbering, and the codes Rivet's host adds after them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ReturnErrorCode {
    /// The call succeeded.
    Success = 0,
    /// The callee trapped; its changes were rolled back.
    CalleeTrapped = 1,
    /// The callee reverted.
    CalleeReverted = 2,
    /// No value under the key.
    KeyNotFound = 3,
    /// A transfer failed (insufficient balance, or below the existential deposit).
    TransferFailed = 5,
    /// No code under the hash.
    CodeNotFound = 7,
    /// The account is not a contract.
    NotCallable = 8,
    /// Debug messages are off.
    LoggingDisabled = 9,
    /// `call_runtime` failed (Rivet's pallet has no `call_runtime`).
    CallRuntimeFailed = 10,
    /// ECDSA recovery failed.
    EcdsaRecoveryFailed = 11,
    /// sr25519 verification failed.
    Sr25519VerifyFailed = 12,
    /// An XCM execution failed (Rivet has no XCM).
    XcmExecutionFailed = 13,
    /// An XCM send failed (Rivet has no XCM).
    XcmSendFailed = 14,
    /// The call would re-enter a contract that does not allow it (Rivet).
    ReentranceDenied = 110,
    /// The call-depth limit was reached (Rivet).
    CallDepthExceeded = 111,
    /// A contract with that address exists already: use another salt (Rivet).
    DuplicateContractAddress = 112,
    /// A code this SDK does not know.
    Unknown = u32::MAX,
}

impl From<rivet_host_api::ReturnCode> for ReturnErrorCode {
    fn from(code: rivet_host_api::ReturnCode) -> Self {
        use rivet_host_api::ReturnCode as C;
        match code {
            C::Success => Self::Success,
            C::CalleeTrapped => Self::CalleeTrapped,
            C::CalleeReverted => Self::CalleeReverted,
            C::KeyNotFound => Self::KeyNotFound,
            C::TransferFailed => Self::TransferFailed,
            C::CodeNotFound => Self::CodeNotFound,
            C::NotCallable => Self::NotCallable,
            C::LoggingDisabled => Self::LoggingDisabled,
            C::ReentranceDenied => Self::ReentranceDenied,
            C::CallDepthExceeded => Self::CallDepthExceeded,
            C::DuplicateContractAddress => Self::DuplicateContractAddress,
            C::EcdsaRecoveryFailed => Self::EcdsaRecoveryFailed,
            C::Sr25519VerifyFailed => Self::Sr25519VerifyFailed,
            C::BufferTooSmall => Self::Unknown,
        }
    }
}

/// What failed in the off-chain environment (`Error::OffChain`).
#[cfg(feature = "std")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffChainError {
    /// The account has no balance entry.
    AccountNotFound,
    /// The feature does not exist off-chain.
    Unimplemented,
}

/// Errors of environment functions, as `ink::env::Error`.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// A value did not decode.
    Decode(scale::Error),
    /// A value is larger than [`BUFFER_SIZE`].
    BufferTooSmall,
    /// Something only the off-chain environment refuses.
    #[cfg(feature = "std")]
    OffChain(OffChainError),
    /// The host's error code.
    ReturnError(ReturnErrorCode),
}

impl From<scale::Error> for Error {
    fn from(e: scale::Error) -> Self {
        Error::Decode(e)
    }
}

impl From<ReturnErrorCode> for Error {
    fn from(code: ReturnErrorCode) -> Self {
        Error::ReturnError(code)
    }
}

impl Error {
    /// The error a host [`rivet_host_api::ReturnCode`] stands for.
    pub fn from_return_code(code: rivet_host_api::ReturnCode) -> Error {
        Error::ReturnError(code.into())
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Decode(e) => write!(f, "decoding failed: {e}"),
            Error::BufferTooSmall => write!(f, "the value is larger than the buffer"),
            #[cfg(feature = "std")]
            Error::OffChain(e) => write!(f, "off-chain: {e:?}"),
            Error::ReturnError(code) => write!(f, "the host returned {code:?}"),
        }
    }
}

/// How a contract's call ends (`return_value`'s flags), as `ink::env::ReturnFlags`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReturnFlags {
    revert: bool,
}

impl ReturnFlags {
    /// The default (success), or `REVERT`.
    pub const REVERT: ReturnFlags = ReturnFlags { revert: true };

    /// Sets whether the call's changes are rolled back.
    #[must_use]
    pub fn set_reverted(mut self, reverted: bool) -> Self {
        self.revert = reverted;
        self
    }

    /// Whether the call's changes are rolled back.
    pub fn is_reverted(&self) -> bool {
        self.revert
    }

    /// The flags as the host takes them.
    pub fn into_u32(self) -> u32 {
        if self.revert {
            rivet_host_api::RETURN_FLAG_REVERT
        } else {
            0
        }
    }
}

/// `format!` for the `debug_print*` macros.
#[doc(hidden)]
pub use alloc::format;

/// Prints a formatted debug message: on-chain through the host's debug-message
/// function (shown by dev nodes and dry runs) in `std` and `ink-debug` builds, off-chain
/// to stdout (recorded for `test::recorded_debug_messages`). Compiled out otherwise.
#[cfg(any(feature = "std", feature = "ink-debug"))]
#[macro_export]
macro_rules! debug_print {
    ($($arg:tt)*) => ($crate::env::debug_message(&$crate::env::format!($($arg)*)));
}

/// [`debug_print!`] with a newline.
#[cfg(any(feature = "std", feature = "ink-debug"))]
#[macro_export]
macro_rules! debug_println {
    () => ($crate::debug_print!("\n"));
    ($($arg:tt)*) => ($crate::debug_print!("{}\n", $crate::env::format!($($arg)*)));
}

/// Debug messages are off: enable the `ink-debug` feature.
#[cfg(not(any(feature = "std", feature = "ink-debug")))]
#[macro_export]
macro_rules! debug_print {
    ($($arg:tt)*) => {};
}

/// Debug messages are off: enable the `ink-debug` feature.
#[cfg(not(any(feature = "std", feature = "ink-debug")))]
#[macro_export]
macro_rules! debug_println {
    ($($arg:tt)*) => {};
}

pub use crate::{debug_print, debug_println};
