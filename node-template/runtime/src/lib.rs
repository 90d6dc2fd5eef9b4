//! Rivet's runtime: system, timestamp, balances, transaction payment, sudo, Aura and
//! GRANDPA with their keys in `pallet-session`, and `pallet-riscv-contracts` on the
//! client's VM (`Native`: the `rivet_vm` host functions), with the contracts' dry-run
//! API (`ContractsApi`) and genesis presets (`development`: one node sealing on demand;
//! `local_testnet`: Alice, Bob, Charlie and Dave producing blocks by Aura and finalizing
//! them by GRANDPA).
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` and `impl_runtime_apis!` generate undocumented items.
#![allow(missing_docs, reason = "FRAME's runtime macros generate undocumented items")]

extern crate alloc;

use alloc::vec::Vec;

use frame_support::derive_impl;
use frame_support::genesis_builder_helper::{build_state, get_preset};
use frame_support::traits::{
    ConstBool, ConstU128, ConstU16, ConstU32, ConstU64, OnTimestampSet, VariantCountOf,
};
use frame_support::weights::{ConstantMultiplier, IdentityFee, Weight};
use pallet_riscv_contracts::Code;
use pallet_riscv_contracts::{
    CodeUploadResult, ContractResult, ExecReturnValue, InstantiateReturnValue,
};
use pallet_transaction_payment::{
    ConstFeeMultiplier, FeeDetails, FungibleAdapter, Multiplier, RuntimeDispatchInfo,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaqueMetadata;
use sp_genesis_builder::PresetId;
use sp_runtime::traits::{BlakeTwo256, Block as BlockT, IdentifyAccount, NumberFor, Verify};
use sp_runtime::transaction_validity::{TransactionSource, TransactionValidity};
use sp_runtime::{generic, ApplyExtrinsicResult, ExtrinsicInclusionMode, MultiSignature};
use sp_version::RuntimeVersion;

pub mod db_weights;
pub mod genesis;

/// Signatures: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// Account ids: 32 bytes, what contracts see.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balances (contracts see them as `u128`).
pub type Balance = u128;
/// Account nonces.
pub type Nonce = u32;
/// Block numbers.
pub type BlockNumber = u32;
/// Hashes.
pub type Hash = sp_core::H256;

/// One token, in the smallest unit (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// The existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;
/// The address format: 42, Substrate's generic one (`5Grw…` for Alice), which the dev
/// tools print. The chain spec's `ss58Format` property says the same to wallets.
pub const SS58_PREFIX: u16 = 42;

/// A network's block time: one Aura slot, in milliseconds.
pub const SLOT_DURATION: u64 = 3_000;
/// Blocks per session (half an hour of slots); keys set by `session.setKeys` take effect
/// two sessions later.
pub const SESSION_PERIOD: BlockNumber = 600;

/// The runtime version.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: alloc::borrow::Cow::Borrowed("rivet"),
    impl_name: alloc::borrow::Cow::Borrowed("rivet"),
    authoring_version: 1,
    spec_version: 1,
    impl_version: 1,
    apis: RUNTIME_API_VERSIONS,
    transaction_version: 1,
    system_version: 1,
};

/// The transaction extensions, as a solochain's.
pub type TxExtension = (
    frame_system::CheckNonZeroSender<Runtime>,
    frame_system::CheckSpecVersion<Runtime>,
    frame_system::CheckTxVersion<Runtime>,
    frame_system::CheckGenesis<Runtime>,
    frame_system::CheckEra<Runtime>,
    frame_system::CheckNonce<Runtime>,
    frame_system::CheckWeight<Runtime>,
    pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
    frame_system::WeightReclaim<Runtime>,
);

/// Addresses in extrinsics.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// Block headers.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Extrinsics as they come in.
pub type UncheckedExtrinsic =
    generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// Blocks.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// What the node sees of blocks: extrinsics as opaque bytes.
pub mod opaque {
    /// An opaque block.
    pub type Block = sp_runtime::generic::Block<super::Header, sp_runtime::OpaqueExtrinsic>;
}

sp_runtime::impl_opaque_keys! {
    /// A validator's session keys: Aura's (sr25519) to author blocks, GRANDPA's (ed25519)
    /// to vote on finality. `author_rotateKeys` makes a set in the node's keystore and
    /// returns it for `session.setKeys`.
    pub struct SessionKeys {
        pub aura: Aura,
        pub grandpa: Grandpa,
    }
}

/// Dispatches to the pallets.
pub type Executive = frame_executive::Executive<
    Runtime,
    Block,
    frame_system::ChainContext<Runtime>,
    Runtime,
    AllPalletsWithSystem,
>;

frame_support::construct_runtime!(
    pub enum Runtime {
        System: frame_system = 0,
        Timestamp: pallet_timestamp = 1,
        Balances: pallet_balances = 2,
        TransactionPayment: pallet_transaction_payment = 3,
        Sudo: pallet_sudo = 4,
        Aura: pallet_aura = 5,
        Grandpa: pallet_grandpa = 6,
        Session: pallet_session = 7,
        Contracts: pallet_riscv_contracts = 10,
    }
);

frame_support::parameter_types! {
    pub const Version: RuntimeVersion = VERSION;
    /// Two seconds of compute per block, a quarter of it kept for operational
    /// extrinsics. No bound on proof size: a solo chain ships no proofs (as Substrate's
    /// solochain template); a bound of 5 MiB closed blocks of erc20 transfers at a tenth
    /// of their compute.
    pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
        frame_system::limits::BlockWeights::with_sensible_defaults(
            Weight::from_parts(2 * frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
            sp_runtime::Perbill::from_percent(75),
        );
    /// Weight is priced at a constant rate: one unit per picosecond, always. (FRAME's
    /// `()` update rule would turn the multiplier into zero after the first block and
    /// make weight free.)
    pub FeeMultiplier: Multiplier = Multiplier::from_u32(1);
    pub RuntimeBlockLength: frame_system::limits::BlockLength =
        frame_system::limits::BlockLength::builder().max_length(5 * 1024 * 1024).build();
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
    type Block = Block;
    type Version = Version;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type AccountId = AccountId;
    type Nonce = Nonce;
    type Hash = Hash;
    type AccountData = pallet_balances::AccountData<Balance>;
    type SS58Prefix = ConstU16<SS58_PREFIX>;
    /// The node stores its state in ParityDB: its weights, measured (`db_weights.rs`).
    type DbWeight = db_weights::ParityDbWeight;
    /// FRAME's reference weights, with this runtime's database weights (the solochain
    /// defaults, `()`, weigh database accesses as RocksDB's: 25 µs a read, 100 a write).
    type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
    type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = SlotOfTimestamp;
    /// No minimum: a dev node seals blocks as fast as transactions come. On a network,
    /// Aura's slots space them.
    type MinimumPeriod = ConstU64<0>;
    type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

/// Aura's check that a block's timestamp lies in the block's slot, on every chain whose
/// blocks carry slots. A dev node's blocks are sealed on demand and carry none (Aura's
/// current slot stays 0), so there the check is left out; once one block has carried a
/// slot, every later block is checked (one without a slot keeps the old slot and fails
/// it, and Aura's client rejects such blocks anyway).
pub struct SlotOfTimestamp;

impl OnTimestampSet<u64> for SlotOfTimestamp {
    fn on_timestamp_set(moment: u64) {
        if *pallet_aura::CurrentSlot::<Runtime>::get() != 0 {
            Aura::on_timestamp_set(moment);
        }
    }
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<32>;
    type AllowMultipleBlocksPerSlot = ConstBool<false>;
    type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_grandpa::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<32>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    /// No equivocation reports: the validator set is fixed (no staking to slash).
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

frame_support::parameter_types! {
    pub const SessionPeriod: BlockNumber = SESSION_PERIOD;
    pub const SessionOffset: BlockNumber = 0;
}

/// Sessions rotate keys, not validators: the set is the one in genesis (no staking), and
/// each of them may change its keys with `session.setKeys`.
impl pallet_session::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type ValidatorId = AccountId;
    type ValidatorIdOf = sp_runtime::traits::ConvertInto;
    type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
    type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
    type SessionManager = ();
    type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
    type Keys = SessionKeys;
    type DisablingStrategy = ();
    type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
    type Currency = Balances;
    /// Only validators set keys, and they are known: no deposit.
    type KeyDeposit = ConstU128<0>;
}

impl pallet_balances::Config for Runtime {
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ();
    type ReserveIdentifier = [u8; 8];
    type Balance = Balance;
    type RuntimeEvent = RuntimeEvent;
    type DustRemoval = ();
    type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
    type AccountStore = System;
    type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
    type FreezeIdentifier = RuntimeFreezeReason;
    type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
    type DoneSlashHandler = ();
}

impl pallet_transaction_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type OnChargeTransaction = FungibleAdapter<Balances, ()>;
    type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
    /// A picosecond of weight costs one unit (a millionth of a token per µs).
    type WeightToFee = IdentityFee<Balance>;
    type LengthToFee = ConstantMultiplier<Balance, ConstU128<1_000_000>>;
    type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
    type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_riscv_contracts::Config for Runtime {
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type Time = Timestamp;
    /// Contracts run in the client (its recompiler on x86-64).
    type Engine = rivet_runtime_interface::Native;
    type MaxCodeLen = ConstU32<{ 256 * 1024 }>;
    /// A hundred-thousandth of a token per stored byte, a hundredth per item.
    type DepositPerByte = ConstU128<{ UNIT / 100_000 }>;
    type DepositPerItem = ConstU128<{ UNIT / 100 }>;
    type MaxCallDepth = ConstU32<5>;
    /// Priced for the slowest engine a dev node may run, the client's interpreter
    /// (1,434 ps per gas measured in Wasm; ARCHITECTURE.md, "Pricing").
    type RefTimePerGas = ConstU64<1_500>;
    /// A dev chain: contracts' debug messages are logged.
    type DebugMessages = ConstBool<true>;
    type WeightInfo = pallet_riscv_contracts::weights::SubstrateWeight<Runtime>;
}

/// The gas limit of a dry run that names none: what one block allows an extrinsic.
fn dry_run_gas(limit: Option<Weight>) -> Weight {
    limit.unwrap_or_else(|| {
        RuntimeBlockWeights::get()
            .get(frame_support::dispatch::DispatchClass::Normal)
            .max_extrinsic
            .unwrap_or(RuntimeBlockWeights::get().max_block)
    })
}

impl_runtime_apis! {
    impl sp_api::Core<Block> for Runtime {
        fn version() -> RuntimeVersion {
            VERSION
        }
        fn execute_block(block: <Block as BlockT>::LazyBlock) {
            Executive::execute_block(block);
        }
        fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
            Executive::initialize_block(header)
        }
    }

    impl sp_api::Metadata<Block> for Runtime {
        fn metadata() -> OpaqueMetadata {
            OpaqueMetadata::new(Runtime::metadata().into())
        }
        fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
            Runtime::metadata_at_version(version)
        }
        fn metadata_versions() -> Vec<u32> {
            Runtime::metadata_versions()
        }
    }

    impl sp_block_builder::BlockBuilder<Block> for Runtime {
        fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
            Executive::apply_extrinsic(extrinsic)
        }
        fn finalize_block() -> <Block as BlockT>::Header {
            Executive::finalize_block()
        }
        fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
            data.create_extrinsics()
        }
        fn check_inherents(
            block: <Block as BlockT>::LazyBlock,
            data: sp_inherents::InherentData,
        ) -> sp_inherents::CheckInherentsResult {
            data.check_extrinsics(&block)
        }
    }

    impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
        fn validate_transaction(
            source: TransactionSource,
            tx: <Block as BlockT>::Extrinsic,
            block_hash: <Block as BlockT>::Hash,
        ) -> TransactionValidity {
            Executive::validate_transaction(source, tx, block_hash)
        }
    }

    impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
        fn offchain_worker(header: &<Block as BlockT>::Header) {
            Executive::offchain_worker(header)
        }
    }

    impl sp_session::SessionKeys<Block> for Runtime {
        fn generate_session_keys(
            owner: Vec<u8>,
            seed: Option<Vec<u8>>,
        ) -> sp_session::OpaqueGeneratedSessionKeys {
            SessionKeys::generate(&owner, seed).into()
        }
        fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, sp_core::crypto::KeyTypeId)>> {
            SessionKeys::decode_into_raw_public_keys(&encoded)
        }
    }

    impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
        fn slot_duration() -> sp_consensus_aura::SlotDuration {
            sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
        }
        fn authorities() -> Vec<AuraId> {
            pallet_aura::Authorities::<Runtime>::get().into_inner()
        }
    }

    impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
        fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
            Grandpa::grandpa_authorities()
        }
        fn current_set_id() -> sp_consensus_grandpa::SetId {
            Grandpa::current_set_id()
        }
        fn submit_report_equivocation_unsigned_extrinsic(
            _proof: sp_consensus_grandpa::EquivocationProof<<Block as BlockT>::Hash, NumberFor<Block>>,
            _key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
        ) -> Option<()> {
            None
        }
        fn generate_key_ownership_proof(
            _set_id: sp_consensus_grandpa::SetId,
            _authority_id: GrandpaId,
        ) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
            // No equivocation reports (`EquivocationReportSystem` is `()`), so no proofs.
            None
        }
    }

    impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
        fn account_nonce(account: AccountId) -> Nonce {
            System::account_nonce(account)
        }
    }

    impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
        fn query_info(uxt: <Block as BlockT>::Extrinsic, len: u32) -> RuntimeDispatchInfo<Balance> {
            TransactionPayment::query_info(uxt, len)
        }
        fn query_fee_details(uxt: <Block as BlockT>::Extrinsic, len: u32) -> FeeDetails<Balance> {
            TransactionPayment::query_fee_details(uxt, len)
        }
        fn query_weight_to_fee(weight: Weight) -> Balance {
            TransactionPayment::weight_to_fee(weight)
        }
        fn query_length_to_fee(length: u32) -> Balance {
            TransactionPayment::length_to_fee(length)
        }
    }

    impl pallet_riscv_contracts::ContractsApi<Block, AccountId, Balance> for Runtime {
        fn call(
            origin: AccountId,
            dest: AccountId,
            value: Balance,
            gas_limit: Option<Weight>,
            storage_deposit_limit: Option<Balance>,
            input_data: Vec<u8>,
        ) -> ContractResult<ExecReturnValue, Balance> {
            let gas = dry_run_gas(gas_limit);
            Contracts::bare_call(origin, dest, value, gas, storage_deposit_limit, input_data)
        }

        fn instantiate(
            origin: AccountId,
            value: Balance,
            gas_limit: Option<Weight>,
            storage_deposit_limit: Option<Balance>,
            code: Code,
            data: Vec<u8>,
            salt: Vec<u8>,
        ) -> ContractResult<InstantiateReturnValue<AccountId>, Balance> {
            let gas = dry_run_gas(gas_limit);
            Contracts::bare_instantiate(origin, value, gas, storage_deposit_limit, code, data, salt)
        }

        fn upload_code(
            origin: AccountId,
            code: Vec<u8>,
            storage_deposit_limit: Option<Balance>,
        ) -> CodeUploadResult<Balance> {
            Contracts::bare_upload_code(origin, code, storage_deposit_limit)
        }
    }

    impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
        fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
            build_state::<RuntimeGenesisConfig>(config)
        }
        fn get_preset(id: &Option<PresetId>) -> Option<Vec<u8>> {
            get_preset::<RuntimeGenesisConfig>(id, genesis::get_preset)
        }
        fn preset_names() -> Vec<PresetId> {
            genesis::preset_names()
        }
    }

    #[cfg(feature = "runtime-benchmarks")]
    impl frame_benchmarking::Benchmark<Block> for Runtime {
        fn benchmark_metadata(
            extra: bool,
        ) -> (Vec<frame_benchmarking::BenchmarkList>, Vec<frame_support::traits::StorageInfo>) {
            use frame_benchmarking::BenchmarkList;
            use frame_support::traits::StorageInfoTrait;
            let mut list = Vec::<BenchmarkList>::new();
            benches::list_benchmarks!(list, extra);
            (list, AllPalletsWithSystem::storage_info())
        }

        fn dispatch_benchmark(
            config: frame_benchmarking::BenchmarkConfig,
        ) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
            use frame_benchmarking::BenchmarkBatch;
            use frame_support::traits::WhitelistedStorageKeys;
            // Keys every block reads and writes anyway (block number, events, the
            // caller's account in the benchmarks) are not charged to the benchmark.
            let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
            let mut batches = Vec::<BenchmarkBatch>::new();
            let params = (&config, &whitelist);
            benches::add_benchmarks!(params, batches);
            Ok(batches)
        }
    }
}

/// The pallets `rivet-node benchmark pallet` can measure.
#[cfg(feature = "runtime-benchmarks")]
mod benches {
    frame_benchmarking::define_benchmarks!([pallet_riscv_contracts, Contracts]);
    pub use {add_benchmarks, list_benchmarks};
}
