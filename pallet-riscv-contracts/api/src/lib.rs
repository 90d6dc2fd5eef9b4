//! The contracts pallet as clients see it, defined once for the pallet, the runtime and
//! the `rivet` CLI: the dry-run runtime API's function names and argument order
//! ([`runtime_api`]), the types it returns, and the code argument of instantiation. No
//! FRAME: a client builds this without the pallet.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::DispatchError;
use sp_weights::Weight;

/// A code hash: BLAKE2b-256 of the blob.
pub type CodeHash = sp_core::H256;

/// The `ContractsApi` runtime API: each function's `state_call` name and its arguments,
/// encoded in the order the API takes them (the pallet declares the API with these
/// types, in this order; the runtime's tests call it through these).
pub mod runtime_api {
    use super::*;

    /// `ContractsApi::call`.
    pub const CALL: &str = "ContractsApi_call";
    /// `ContractsApi::instantiate`.
    pub const INSTANTIATE: &str = "ContractsApi_instantiate";
    /// `ContractsApi::upload_code`.
    pub const UPLOAD_CODE: &str = "ContractsApi_upload_code";

    /// The arguments of [`CALL`].
    #[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
    pub struct CallArgs<AccountId, Balance> {
        /// Who calls.
        pub origin: AccountId,
        /// The contract.
        pub dest: AccountId,
        /// Value sent along.
        pub value: Balance,
        /// The gas limit (`None`: the most a block allows).
        pub gas_limit: Option<Weight>,
        /// The most storage deposit the origin pays (`None`: no limit).
        pub storage_deposit_limit: Option<Balance>,
        /// The call's input.
        pub input_data: Vec<u8>,
    }

    /// The arguments of [`INSTANTIATE`].
    #[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
    pub struct InstantiateArgs<AccountId, Balance> {
        /// Who deploys.
        pub origin: AccountId,
        /// The endowment.
        pub value: Balance,
        /// The gas limit (`None`: the most a block allows).
        pub gas_limit: Option<Weight>,
        /// The most storage deposit the origin pays (`None`: no limit).
        pub storage_deposit_limit: Option<Balance>,
        /// New code, or a stored code's hash.
        pub code: Code,
        /// The constructor's input.
        pub data: Vec<u8>,
        /// The salt of the address.
        pub salt: Vec<u8>,
    }

    /// The arguments of [`UPLOAD_CODE`].
    #[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
    pub struct UploadCodeArgs<AccountId, Balance> {
        /// Who uploads.
        pub origin: AccountId,
        /// The blob.
        pub code: Vec<u8>,
        /// The most deposit the origin pays (`None`: no limit).
        pub storage_deposit_limit: Option<Balance>,
    }
}

/// What a contract returned: `seal_return`'s flags (bit 0: reverted) and data.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
pub struct ExecReturnValue {
    /// `rivet_host_api::RETURN_FLAG_REVERT` or 0.
    pub flags: u32,
    /// The output.
    pub data: Vec<u8>,
}

impl ExecReturnValue {
    /// Whether the contract reverted (its changes were rolled back).
    pub fn did_revert(&self) -> bool {
        self.flags & rivet_host_api::RETURN_FLAG_REVERT != 0
    }
}

/// What an instantiation returned, and the new contract's address.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InstantiateReturnValue<AccountId> {
    /// The constructor's output.
    pub result: ExecReturnValue,
    /// The contract's address.
    pub account_id: AccountId,
}

/// The net storage deposit of an execution.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub enum StorageDeposit<Balance> {
    /// Refunded to the origin.
    Refund(Balance),
    /// Charged from the origin.
    Charge(Balance),
}

impl<Balance: Default> Default for StorageDeposit<Balance> {
    fn default() -> Self {
        StorageDeposit::Charge(Balance::default())
    }
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> StorageDeposit<Balance> {
    /// This plus a charge of `amount`.
    pub fn saturating_add_charge(self, amount: Balance) -> Self {
        match self {
            StorageDeposit::Charge(c) => StorageDeposit::Charge(c.saturating_add(amount)),
            StorageDeposit::Refund(r) if r >= amount => StorageDeposit::Refund(r - amount),
            StorageDeposit::Refund(r) => StorageDeposit::Charge(amount - r),
        }
    }
    /// This plus a refund of `amount`.
    pub fn saturating_add_refund(self, amount: Balance) -> Self {
        match self {
            StorageDeposit::Refund(r) => StorageDeposit::Refund(r.saturating_add(amount)),
            StorageDeposit::Charge(c) if c >= amount => StorageDeposit::Charge(c - amount),
            StorageDeposit::Charge(c) => StorageDeposit::Refund(amount - c),
        }
    }
    /// The amount charged (zero for a refund).
    pub fn charge_or_zero(&self) -> Balance {
        match self {
            StorageDeposit::Charge(c) => *c,
            StorageDeposit::Refund(_) => Balance::zero(),
        }
    }
}

/// An event a contract emitted during a dry run.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct EmittedEvent {
    /// The contract.
    pub contract: [u8; 32],
    /// Its topics.
    pub topics: Vec<[u8; 32]>,
    /// Its data.
    pub data: Vec<u8>,
}

/// What an execution did: gas, deposit, debug messages, contract events and result.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContractResult<R, Balance> {
    /// The weight the execution used.
    pub gas_consumed: Weight,
    /// The gas limit it needs to succeed (what it used, as no gas is refunded mid-way).
    pub gas_required: Weight,
    /// The net storage deposit.
    pub storage_deposit: StorageDeposit<Balance>,
    /// Debug messages of the contracts (if the chain prints them).
    pub debug_message: Vec<u8>,
    /// Events contracts emitted (empty if the execution failed).
    pub events: Vec<EmittedEvent>,
    /// The result: the contract's output, or why the execution failed.
    pub result: Result<R, DispatchError>,
}

impl<R, Balance: Default> ContractResult<R, Balance> {
    /// A result that failed before anything ran.
    pub fn failed(e: DispatchError) -> Self {
        ContractResult {
            gas_consumed: Weight::zero(),
            gas_required: Weight::zero(),
            storage_deposit: StorageDeposit::default(),
            debug_message: Vec::new(),
            events: Vec::new(),
            result: Err(e),
        }
    }
}

/// The code hash and deposit of an upload, or why it failed (with the validator's
/// message: what is wrong and at which offset).
pub type CodeUploadResult<Balance> = Result<(CodeHash, Balance), (DispatchError, Vec<u8>)>;

/// Code for an instantiation: new, or already stored.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub enum Code {
    /// Upload this blob first.
    Upload(Vec<u8>),
    /// Stored code.
    Existing(CodeHash),
}
