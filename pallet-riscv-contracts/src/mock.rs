//! A test runtime with balances and the pallet, whose engine is chosen per test run:
//! the interpreter compiled into the runtime, or the client's VM through the host
//! functions (called natively here, with the extension registered on the externalities).
//! The pallet's tests use it, and so does the fuzz target `host_calls`
//! (`pallet-riscv-contracts/fuzz`), through the feature `test-runtime`.

use std::cell::Cell;

use frame_support::derive_impl;
use frame_support::traits::ConstU128;
use rivet_executor::{EngineKind, Instance, Limits};
use rivet_runtime_interface::ext::{Counters, ModuleCache, RivetVmExt};
use rivet_runtime_interface::{Code, Engine, EngineError, Interpreted, Native};
use sp_core::ConstU32;
use sp_runtime::traits::IdentityLookup;
use sp_runtime::{AccountId32, BuildStorage};

use crate as pallet_riscv_contracts;

type Block = frame_system::mocking::MockBlock<Test>;

/// The runtime's types (`construct_runtime!` writes no docs for them).
#[allow(missing_docs)]
mod runtime {
    // Named here: doc tests also see the crate itself under this name.
    use crate as pallet_riscv_contracts;

    frame_support::construct_runtime!(
        pub enum Test {
            System: frame_system,
            Balances: pallet_balances,
            Contracts: pallet_riscv_contracts,
        }
    );
}
pub use runtime::*;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountId = AccountId32;
    type Lookup = IdentityLookup<AccountId32>;
    type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type Balance = u128;
    type ExistentialDeposit = ConstU128<1>;
    type AccountStore = System;
    type RuntimeHoldReason = RuntimeHoldReason;
}

/// Which engine the current test run uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestEngine {
    /// `Interpreted`.
    Interpreted,
    /// `Native` on the client's recompiler.
    NativeRecompiler,
    /// `Native` on the client's interpreter.
    NativeInterpreter,
}

thread_local! {
    static ENGINE: Cell<TestEngine> = const { Cell::new(TestEngine::Interpreted) };
}

/// The engine the pallet runs on in tests: whichever the current run chose.
pub struct Switch;

impl Engine for Switch {
    type Programs = <Interpreted as Engine>::Programs;

    fn instantiate(
        programs: &mut Self::Programs,
        code: Code<'_>,
        limits: &Limits,
    ) -> Result<Box<dyn Instance>, EngineError> {
        match ENGINE.with(Cell::get) {
            TestEngine::Interpreted => Interpreted::instantiate(programs, code, limits),
            _ => Native::instantiate(&mut (), code, limits),
        }
    }
}

thread_local! {
    static COUNTERS: std::cell::RefCell<Counters> = Default::default();
}

/// The client VM's crossings and host calls in the current test's externalities.
pub fn counters() -> Counters {
    COUNTERS.with(|c| c.borrow().clone())
}

/// Block timestamps for the tests.
pub struct MockTime;

/// The timestamp contracts see.
pub const NOW: u64 = 1_700_000_000_000;

impl frame_support::traits::Time for MockTime {
    type Moment = u64;
    fn now() -> u64 {
        NOW
    }
}

/// One VM gas unit's weight in tests.
pub const REF_TIME_PER_GAS: u64 = 1_000;

impl pallet_riscv_contracts::Config for Test {
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type Time = MockTime;
    type Engine = Switch;
    type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
    type DepositPerByte = ConstU128<1>;
    type DepositPerItem = ConstU128<100>;
    type MaxCallDepth = ConstU32<5>;
    type RefTimePerGas = frame_support::traits::ConstU64<REF_TIME_PER_GAS>;
    type DebugMessages = frame_support::traits::ConstBool<true>;
    type WeightInfo = ();
}

/// Test accounts.
pub const ALICE: AccountId32 = AccountId32::new([1; 32]);
/// Another.
pub const BOB: AccountId32 = AccountId32::new([2; 32]);
/// A third, with nothing.
pub const CHARLIE: AccountId32 = AccountId32::new([3; 32]);

/// What every funded account starts with.
pub const ENDOWMENT: u128 = 1_000_000_000;

/// Fresh externalities: Alice and Bob funded, block 1, the client VM registered.
pub fn new_test_ext(engine: TestEngine) -> sp_io::TestExternalities {
    ENGINE.with(|e| e.set(engine));
    let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
    pallet_balances::GenesisConfig::<Test> {
        balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
        ..Default::default()
    }
    .assimilate_storage(&mut t)
    .unwrap();
    let mut ext = sp_io::TestExternalities::new(t);
    let kind = match engine {
        TestEngine::NativeInterpreter => EngineKind::Interpreter,
        _ => EngineKind::Recompiler,
    };
    let counters = Counters::default();
    COUNTERS.with(|c| *c.borrow_mut() = counters.clone());
    ext.register_extension(RivetVmExt::counted(kind, ModuleCache::new(16), counters));
    ext.execute_with(|| System::set_block_number(1));
    ext
}

/// Every engine, the reference first.
pub const ENGINES: [TestEngine; 3] =
    [TestEngine::Interpreted, TestEngine::NativeRecompiler, TestEngine::NativeInterpreter];

/// Runs `test` on a fresh chain per engine; every engine must return the same value
/// (results, gas, balances, events: whatever the test collects).
pub fn on_all_engines<R: PartialEq + std::fmt::Debug>(test: impl Fn() -> R) -> R {
    let mut seen: Option<R> = None;
    for engine in ENGINES {
        let r = new_test_ext(engine).execute_with(&test);
        if let Some(first) = &seen {
            assert_eq!(&r, first, "{engine:?} differs from the interpreter");
        } else {
            seen = Some(r);
        }
    }
    seen.expect("at least one engine; qed")
}
