//! # RISC-V contracts pallet
//!
//! Stores RV32EM contract code (Rivet program blobs) and dispatches calls to it. Contracts
//! run on Rivet's VM through [`Config::Engine`]: natively in the client through the
//! `rivet_vm` host functions ([`rivet_runtime_interface::Native`]), or on the interpreter
//! compiled into the runtime ([`rivet_runtime_interface::Interpreted`]); both give the same
//! results and gas.
//!
//! ## Calls
//! - [`Pallet::upload_code`] / [`Pallet::remove_code`]: store code (validated against
//!   [`Config::MaxCodeLen`] and the VM's limits, a deposit held from the uploader) and
//!   remove it again when no contract uses it.
//! - [`Pallet::instantiate_with_code`] / [`Pallet::instantiate`]: deploy a contract (its
//!   `deploy` export runs with the constructor input).
//! - [`Pallet::call`]: call a contract's `call` export.
//!
//! Each takes a gas limit (a [`Weight`] whose `ref_time` buys VM gas at
//! [`Config::RefTimePerGas`]) and, where storage may grow, a storage deposit limit.
//!
//! ## Semantics
//! Contracts see the host-call interface of `rivet-host-api` (implemented in [`host`]).
//! Every contract frame runs in its own storage transaction: a frame that traps, runs out
//! of gas or reverts leaves nothing behind (storage, balances, events, nested frames).
//! Contract storage lives in a child trie per contract; storage deposits are charged from
//! the origin and held on the contract's account, and refunded to whoever frees storage.
//! Re-entry into a contract is allowed only if that contract's own call said so; calls
//! nest at most [`Config::MaxCallDepth`] frames deep. Every limit a contract meets is in
//! [`limits`].
//!
//! [`Pallet::bare_call`], [`Pallet::bare_instantiate`] and [`Pallet::bare_upload_code`]
//! are the dry runs behind the [`ContractsApi`] runtime API.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod crypto;
mod exec;
mod frame;
pub mod gas;
mod host;
pub mod limits;
mod storage;
pub mod weights;

#[cfg(any(test, feature = "test-runtime"))]
pub mod mock;
#[cfg(any(test, feature = "test-runtime"))]
pub mod random_host_calls;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;

use frame_support::dispatch::{DispatchErrorWithPostInfo, PostDispatchInfo};
use frame_support::pallet_prelude::*;
use frame_support::traits::fungible::{Inspect, Mutate, MutateHold};
use frame_support::traits::Time;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

pub use pallet::*;
/// The client interface: dry-run API names and types.
pub use rivet_contracts_api as primitives;
pub use rivet_contracts_api::{
    Code, CodeHash, CodeUploadResult, ContractResult, EmittedEvent, ExecReturnValue,
    InstantiateReturnValue, StorageDeposit,
};
pub use storage::{CodeInfo, ContractInfo};
pub use weights::WeightInfo;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
    <<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

#[frame_support::pallet]
pub mod pallet {
    use super::*;

    /// Why the pallet holds funds.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// The deposit for stored code, held from its uploader.
        CodeUploadDepositReserve,
        /// Storage deposits of a contract, held on the contract's account.
        StorageDepositReserve,
    }

    #[pallet::config]
    pub trait Config: frame_system::Config<AccountId: From<[u8; 32]> + AsRef<[u8; 32]>> {
        /// The currency contracts hold and move.
        type Currency: Inspect<Self::AccountId, Balance: Into<u128> + TryFrom<u128>>
            + Mutate<Self::AccountId>
            + MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// The overarching hold reason.
        type RuntimeHoldReason: From<HoldReason>;
        /// Block timestamps for contracts (`now`).
        type Time: Time;
        /// How contract code runs: `Native` (the client's VM) or `Interpreted`.
        type Engine: rivet_runtime_interface::Engine;
        /// Largest code blob, in bytes.
        #[pallet::constant]
        type MaxCodeLen: Get<u32>;
        /// Deposit per byte of stored code or contract storage.
        #[pallet::constant]
        type DepositPerByte: Get<BalanceOf<Self>>;
        /// Deposit per stored item (a code blob, a contract, a storage entry).
        #[pallet::constant]
        type DepositPerItem: Get<BalanceOf<Self>>;
        /// Most contract frames on the stack at once, the outermost included.
        #[pallet::constant]
        type MaxCallDepth: Get<u32>;
        /// Weight (`ref_time`, picoseconds) of one unit of VM gas.
        #[pallet::constant]
        type RefTimePerGas: Get<u64>;
        /// Whether contracts' debug messages are printed (dev chains only).
        #[pallet::constant]
        type DebugMessages: Get<bool>;
        /// Weights of the extrinsics.
        type WeightInfo: WeightInfo;
    }

    #[pallet::pallet]
    pub struct Pallet<T>(_);

    /// Code blobs by hash.
    #[pallet::storage]
    pub type PristineCode<T: Config> =
        StorageMap<_, Identity, CodeHash, BoundedVec<u8, T::MaxCodeLen>>;

    /// Who uploaded each code blob, its deposit and how many contracts use it.
    #[pallet::storage]
    pub type CodeInfoOf<T: Config> = StorageMap<_, Identity, CodeHash, CodeInfo<T>>;

    /// Deployed contracts.
    #[pallet::storage]
    pub type ContractInfoOf<T: Config> =
        StorageMap<_, Blake2_128Concat, T::AccountId, ContractInfo<T>>;

    /// Counter that makes every contract's child trie id unique.
    #[pallet::storage]
    pub type TrieNonce<T: Config> = StorageValue<_, u64, ValueQuery>;

    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// Code was stored.
        CodeStored {
            /// Its hash.
            code_hash: CodeHash,
            /// The deposit held from the uploader.
            deposit_held: BalanceOf<T>,
            /// Who uploaded it.
            uploader: T::AccountId,
        },
        /// Code was removed.
        CodeRemoved {
            /// Its hash.
            code_hash: CodeHash,
            /// The deposit released to the remover.
            deposit_released: BalanceOf<T>,
            /// Who removed it.
            remover: T::AccountId,
        },
        /// A contract was deployed.
        Instantiated {
            /// Who deployed it (an account or a contract).
            deployer: T::AccountId,
            /// Its address.
            contract: T::AccountId,
            /// Its code.
            code_hash: CodeHash,
        },
        /// A contract was called (by an account or another contract).
        Called {
            /// Who called.
            caller: T::AccountId,
            /// The contract.
            contract: T::AccountId,
        },
        /// A contract emitted an event (its topics are the event record's topics).
        ContractEmitted {
            /// The contract.
            contract: T::AccountId,
            /// The event's data.
            data: Vec<u8>,
        },
        /// A contract removed itself.
        Terminated {
            /// The contract.
            contract: T::AccountId,
            /// Who got its balance.
            beneficiary: T::AccountId,
        },
        /// A contract replaced its code.
        ContractCodeUpdated {
            /// The contract.
            contract: T::AccountId,
            /// Its new code.
            new_code_hash: CodeHash,
            /// Its old code.
            old_code_hash: CodeHash,
        },
        /// A storage deposit moved: charged (from the origin to the contract) or refunded.
        StorageDepositTransferred {
            /// From.
            from: T::AccountId,
            /// To.
            to: T::AccountId,
            /// How much.
            amount: BalanceOf<T>,
        },
        /// A contract ran another code as itself (a delegate call).
        DelegateCalled {
            /// The contract.
            contract: T::AccountId,
            /// The code it ran.
            code_hash: CodeHash,
        },
    }

    #[pallet::error]
    pub enum Error<T> {
        /// The code is longer than `MaxCodeLen`.
        CodeTooLarge,
        /// The code is not a valid program blob (the dry run `bare_upload_code` says what
        /// and where).
        InvalidCode,
        /// The code imports a host function this chain does not have.
        UnknownImport,
        /// The code lacks the `deploy` or `call` export.
        MissingExport,
        /// That code is already stored.
        CodeAlreadyExists,
        /// No code under that hash.
        CodeNotFound,
        /// Contracts still use the code.
        CodeInUse,
        /// Only the uploader may remove code.
        NotCodeOwner,
        /// No contract at that address.
        ContractNotFound,
        /// A contract exists at the address already (use another salt).
        DuplicateContract,
        /// The contract trapped (a panic, an invalid memory access or jump, a bad host
        /// call); all its changes were rolled back.
        ContractTrapped,
        /// The contract reverted; all its changes were rolled back.
        ContractReverted,
        /// The gas limit was reached; all changes were rolled back.
        OutOfGas,
        /// A value transfer failed (balance, existential deposit).
        TransferFailed,
        /// The storage deposit would exceed the limit given.
        StorageDepositLimitExhausted,
        /// The origin cannot pay the storage deposit.
        StorageDepositNotEnoughFunds,
        /// Too many nested calls.
        MaxCallDepthReached,
        /// The call would re-enter a contract that does not allow it.
        ReentranceDenied,
        /// The engine could not run the code.
        EngineFailure,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn integrity_test() {
            if let Err(e) = crate::limits::check::<T>() {
                panic!("pallet-riscv-contracts: the limits do not fit the node: {e}");
            }
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Stores `code` and holds its deposit from the signer.
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::upload_code(code.len() as u32))]
        pub fn upload_code(
            origin: OriginFor<T>,
            code: Vec<u8>,
            storage_deposit_limit: Option<BalanceOf<T>>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::store_code(&who, code, storage_deposit_limit).map(|_| ())
        }

        /// Removes code no contract uses and releases its deposit (uploader only).
        #[pallet::call_index(1)]
        #[pallet::weight(T::WeightInfo::remove_code())]
        pub fn remove_code(origin: OriginFor<T>, code_hash: CodeHash) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let info = CodeInfoOf::<T>::get(code_hash).ok_or(Error::<T>::CodeNotFound)?;
            ensure!(info.owner == who, Error::<T>::NotCodeOwner);
            ensure!(info.refcount == 0, Error::<T>::CodeInUse);
            let released = T::Currency::release(
                &HoldReason::CodeUploadDepositReserve.into(),
                &who,
                info.deposit,
                frame_support::traits::tokens::Precision::BestEffort,
            )?;
            CodeInfoOf::<T>::remove(code_hash);
            PristineCode::<T>::remove(code_hash);
            Self::deposit_event(Event::CodeRemoved {
                code_hash,
                deposit_released: released,
                remover: who,
            });
            Ok(())
        }

        /// Uploads `code` and deploys a contract from it.
        #[pallet::call_index(2)]
        #[pallet::weight(
            T::WeightInfo::instantiate_with_code(code.len() as u32, data.len() as u32)
                .saturating_add(*gas_limit)
        )]
        pub fn instantiate_with_code(
            origin: OriginFor<T>,
            #[pallet::compact] value: BalanceOf<T>,
            gas_limit: Weight,
            storage_deposit_limit: Option<BalanceOf<T>>,
            code: Vec<u8>,
            data: Vec<u8>,
            salt: Vec<u8>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let base = T::WeightInfo::instantiate_with_code(code.len() as u32, data.len() as u32);
            let (code_hash, deposit) = Self::store_code(&who, code, storage_deposit_limit)
                .map_err(|e| with_weight(e, base))?;
            let limit = storage_deposit_limit.map(|l| l.saturating_sub(deposit));
            let r = Self::run_instantiate(who, value, gas_limit, limit, code_hash, data, salt);
            Self::post_info(
                base,
                r.gas_consumed,
                r.result.and_then(|v| fail_on_revert::<T>(&v.result)),
            )
        }

        /// Deploys a contract from stored code.
        #[pallet::call_index(3)]
        #[pallet::weight(
            T::WeightInfo::instantiate(data.len() as u32).saturating_add(*gas_limit)
        )]
        pub fn instantiate(
            origin: OriginFor<T>,
            #[pallet::compact] value: BalanceOf<T>,
            gas_limit: Weight,
            storage_deposit_limit: Option<BalanceOf<T>>,
            code_hash: CodeHash,
            data: Vec<u8>,
            salt: Vec<u8>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let base = T::WeightInfo::instantiate(data.len() as u32);
            let r = Self::run_instantiate(
                who,
                value,
                gas_limit,
                storage_deposit_limit,
                code_hash,
                data,
                salt,
            );
            Self::post_info(
                base,
                r.gas_consumed,
                r.result.and_then(|v| fail_on_revert::<T>(&v.result)),
            )
        }

        /// Calls the contract `dest` with `data`.
        #[pallet::call_index(4)]
        #[pallet::weight(T::WeightInfo::call(data.len() as u32).saturating_add(*gas_limit))]
        pub fn call(
            origin: OriginFor<T>,
            dest: T::AccountId,
            #[pallet::compact] value: BalanceOf<T>,
            gas_limit: Weight,
            storage_deposit_limit: Option<BalanceOf<T>>,
            data: Vec<u8>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let base = T::WeightInfo::call(data.len() as u32);
            let r = Self::run_call(who, dest, value, gas_limit, storage_deposit_limit, data);
            Self::post_info(base, r.gas_consumed, r.result.and_then(|v| fail_on_revert::<T>(&v)))
        }
    }
}

/// An extrinsic whose contract reverted fails with `ContractReverted` (its changes are
/// rolled back either way; the dry run shows the returned data).
fn fail_on_revert<T: Config>(v: &ExecReturnValue) -> Result<(), DispatchError> {
    if v.did_revert() {
        Err(Error::<T>::ContractReverted.into())
    } else {
        Ok(())
    }
}

/// `e` with the weight the failed extrinsic used.
fn with_weight(e: DispatchError, weight: Weight) -> DispatchErrorWithPostInfo {
    DispatchErrorWithPostInfo {
        post_info: PostDispatchInfo { actual_weight: Some(weight), pays_fee: Pays::Yes },
        error: e,
    }
}

impl<T: Config> Pallet<T> {
    /// The weight of `gas` units of VM gas.
    pub fn gas_to_weight(gas: u64) -> Weight {
        Weight::from_parts(gas.saturating_mul(T::RefTimePerGas::get()), 0)
    }

    /// The VM gas a weight buys.
    pub fn weight_to_gas(weight: Weight) -> u64 {
        weight.ref_time() / T::RefTimePerGas::get().max(1)
    }

    fn post_info(
        base: Weight,
        gas_consumed: Weight,
        result: Result<(), DispatchError>,
    ) -> DispatchResultWithPostInfo {
        let actual = base.saturating_add(gas_consumed);
        let info = PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::Yes };
        result.map(|()| info).map_err(|e| with_weight(e, actual))
    }

    /// Validates and stores `code`, holding its deposit from `who`; its hash and deposit.
    fn store_code(
        who: &T::AccountId,
        code: Vec<u8>,
        deposit_limit: Option<BalanceOf<T>>,
    ) -> Result<(CodeHash, BalanceOf<T>), DispatchError> {
        let (code_hash, code) = storage::validate_code::<T>(code).map_err(|(e, _)| e)?;
        ensure!(!CodeInfoOf::<T>::contains_key(code_hash), Error::<T>::CodeAlreadyExists);
        let deposit = storage::code_deposit::<T>(code.len() as u32);
        if let Some(limit) = deposit_limit {
            ensure!(deposit <= limit, Error::<T>::StorageDepositLimitExhausted);
        }
        T::Currency::hold(&HoldReason::CodeUploadDepositReserve.into(), who, deposit)
            .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)?;
        let info =
            CodeInfo { owner: who.clone(), deposit, refcount: 0, code_len: code.len() as u32 };
        CodeInfoOf::<T>::insert(code_hash, info);
        PristineCode::<T>::insert(code_hash, code);
        Self::deposit_event(Event::CodeStored {
            code_hash,
            deposit_held: deposit,
            uploader: who.clone(),
        });
        Ok((code_hash, deposit))
    }

    /// Dry run of `upload_code`: the hash and deposit, or the precise validation error.
    pub fn bare_upload_code(
        origin: T::AccountId,
        code: Vec<u8>,
        storage_deposit_limit: Option<BalanceOf<T>>,
    ) -> CodeUploadResult<BalanceOf<T>> {
        if let Err((e, detail)) = storage::validate_code::<T>(code.clone()) {
            return Err((e, detail));
        }
        Self::store_code(&origin, code, storage_deposit_limit).map_err(|e| (e, Vec::new()))
    }

    /// Runs an instantiation; what it used and returned (the extrinsic and the dry run).
    fn run_instantiate(
        origin: T::AccountId,
        value: BalanceOf<T>,
        gas_limit: Weight,
        deposit_limit: Option<BalanceOf<T>>,
        code_hash: CodeHash,
        data: Vec<u8>,
        salt: Vec<u8>,
    ) -> ContractResult<InstantiateReturnValue<T::AccountId>, BalanceOf<T>> {
        let mut stack = exec::Stack::<T>::new(origin, gas_limit, deposit_limit);
        let result = stack.instantiate_top(value, code_hash, data, salt);
        stack.finish(result)
    }

    /// Runs a call; what it used and returned.
    fn run_call(
        origin: T::AccountId,
        dest: T::AccountId,
        value: BalanceOf<T>,
        gas_limit: Weight,
        deposit_limit: Option<BalanceOf<T>>,
        data: Vec<u8>,
    ) -> ContractResult<ExecReturnValue, BalanceOf<T>> {
        let mut stack = exec::Stack::<T>::new(origin, gas_limit, deposit_limit);
        let result = stack.call_top(dest, value, data);
        stack.finish(result)
    }

    /// Dry run of `call`: result, gas and deposit, without the extrinsic's failure rules
    /// (a reverted call is a successful dry run whose result says it reverted).
    pub fn bare_call(
        origin: T::AccountId,
        dest: T::AccountId,
        value: BalanceOf<T>,
        gas_limit: Weight,
        storage_deposit_limit: Option<BalanceOf<T>>,
        data: Vec<u8>,
    ) -> ContractResult<ExecReturnValue, BalanceOf<T>> {
        Self::run_call(origin, dest, value, gas_limit, storage_deposit_limit, data)
    }

    /// Dry run of `instantiate` (with `code` given: of `instantiate_with_code`).
    pub fn bare_instantiate(
        origin: T::AccountId,
        value: BalanceOf<T>,
        gas_limit: Weight,
        storage_deposit_limit: Option<BalanceOf<T>>,
        code: primitives::Code,
        data: Vec<u8>,
        salt: Vec<u8>,
    ) -> ContractResult<InstantiateReturnValue<T::AccountId>, BalanceOf<T>> {
        let (code_hash, deposit) = match code {
            primitives::Code::Existing(hash) => (hash, Zero::zero()),
            primitives::Code::Upload(code) => {
                match Self::store_code(&origin, code, storage_deposit_limit) {
                    Ok(r) => r,
                    Err(e) => return ContractResult::failed(e),
                }
            }
        };
        let limit = storage_deposit_limit.map(|l| l.saturating_sub(deposit));
        let mut r = Self::run_instantiate(origin, value, gas_limit, limit, code_hash, data, salt);
        r.storage_deposit = r.storage_deposit.saturating_add_charge(deposit);
        r
    }
}

sp_api::decl_runtime_apis! {
    #[allow(clippy::too_many_arguments, reason = "the extrinsics' arguments, as pallet-contracts' API")]
    /// Dry runs for clients: what a call, an instantiation or an upload would do, used,
    /// and cost, without submitting anything.
    pub trait ContractsApi<AccountId, Balance> where
        AccountId: codec::Codec,
        Balance: codec::Codec,
    {
        /// A dry run of `call`.
        fn call(
            origin: AccountId,
            dest: AccountId,
            value: Balance,
            gas_limit: Option<Weight>,
            storage_deposit_limit: Option<Balance>,
            input_data: Vec<u8>,
        ) -> ContractResult<ExecReturnValue, Balance>;

        /// A dry run of `instantiate` / `instantiate_with_code`.
        fn instantiate(
            origin: AccountId,
            value: Balance,
            gas_limit: Option<Weight>,
            storage_deposit_limit: Option<Balance>,
            code: primitives::Code,
            data: Vec<u8>,
            salt: Vec<u8>,
        ) -> ContractResult<InstantiateReturnValue<AccountId>, Balance>;

        /// A dry run of `upload_code`.
        fn upload_code(
            origin: AccountId,
            code: Vec<u8>,
            storage_deposit_limit: Option<Balance>,
        ) -> CodeUploadResult<Balance>;
    }
}
