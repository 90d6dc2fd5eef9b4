//! The off-chain test API, as `ink::env::test`: set up the chain a `#[ink::test]` runs
//! on and look at what the contract did. Generic over the [`Environment`] as ink!'s is
//! (`set_caller::<DefaultEnvironment>(accounts.bob)`).

use core::fmt::Debug;
use std::panic::UnwindSafe;

use super::api::convert;
use super::backend::{self, with, BLOCK_TIME};
use super::{Environment, Error, OffChainError, Result};
use crate::primitives::AccountId;

/// An event a contract emitted off-chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmittedEvent {
    /// Its topics, the signature topic first (if the event has one).
    pub topics: Vec<Vec<u8>>,
    /// Its SCALE-encoded fields.
    pub data: Vec<u8>,
}

/// The development accounts.
pub struct DefaultAccounts<E: Environment> {
    /// Alice: the default caller and callee, with 1,000,000.
    pub alice: E::AccountId,
    /// Bob, with 1,000.
    pub bob: E::AccountId,
    /// Charlie, with 1,000.
    pub charlie: E::AccountId,
    /// Django, with nothing.
    pub django: E::AccountId,
    /// Eve, with nothing.
    pub eve: E::AccountId,
    /// Frank, with nothing.
    pub frank: E::AccountId,
}

impl<E: Environment> Clone for DefaultAccounts<E> {
    fn clone(&self) -> Self {
        DefaultAccounts {
            alice: self.alice.clone(),
            bob: self.bob.clone(),
            charlie: self.charlie.clone(),
            django: self.django.clone(),
            eve: self.eve.clone(),
            frank: self.frank.clone(),
        }
    }
}

impl<E: Environment> Debug for DefaultAccounts<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DefaultAccounts")
            .field("alice", &self.alice)
            .field("bob", &self.bob)
            .finish_non_exhaustive()
    }
}

/// The development accounts: `[0x01; 32]` (Alice) to `[0x06; 32]` (Frank).
pub fn default_accounts<E: Environment>() -> DefaultAccounts<E> {
    let account = |byte: u8| convert::<E::AccountId>(&AccountId([byte; 32]));
    DefaultAccounts {
        alice: account(1),
        bob: account(2),
        charlie: account(3),
        django: account(4),
        eve: account(5),
        frank: account(6),
    }
}

/// Resets the chain to the state every test starts from, then runs `f` with the
/// development accounts.
///
/// # Errors
/// Whatever `f` returns.
pub fn run_test<E: Environment, F>(f: F) -> Result<()>
where
    F: FnOnce(DefaultAccounts<E>) -> Result<()>,
{
    with(|e| *e = backend::Engine::default());
    f(default_accounts::<E>())
}

/// Sets the caller of what the test calls next.
pub fn set_caller<E: Environment>(caller: E::AccountId) {
    let caller = convert(&caller);
    with(|e| e.caller = caller);
}

/// Sets the callee: the account of the contract the test calls (its storage and
/// balance).
pub fn set_callee<E: Environment>(callee: E::AccountId) {
    let callee = convert(&callee);
    with(|e| e.callee = callee);
}

/// The callee.
pub fn callee<E: Environment>() -> E::AccountId {
    convert(&with(|e| e.callee))
}

/// Marks `contract` as a contract (for `is_contract`).
pub fn set_contract<E: Environment>(contract: E::AccountId) {
    let contract = convert(&contract);
    with(|e| e.contracts.insert(contract));
}

/// Whether `contract` was marked as a contract.
pub fn is_contract<E: Environment>(contract: E::AccountId) -> bool {
    backend::is_contract(&convert(&contract))
}

/// Sets an account's balance.
///
/// # Panics
/// If `new_balance` is below the existential deposit and not zero, as ink!'s does.
pub fn set_account_balance<E: Environment>(account_id: E::AccountId, new_balance: E::Balance) {
    let balance: u128 = convert(&new_balance);
    let min = backend::MINIMUM_BALANCE;
    assert!(
        balance == 0 || balance >= min,
        "Balance must be at least [{min}]. Use 0 as balance to reap the account."
    );
    let account = convert(&account_id);
    with(|e| e.balances.insert(account, balance));
}

/// An account's balance.
///
/// # Errors
/// `OffChain(AccountNotFound)` if the account never had one.
pub fn get_account_balance<E: Environment>(account_id: E::AccountId) -> Result<E::Balance> {
    let account: AccountId = convert(&account_id);
    with(|e| e.balances.get(&account).copied())
        .map(|b| convert(&b))
        .ok_or(Error::OffChain(OffChainError::AccountNotFound))
}

/// Sets the value the next call transfers (it does not move any balance: see
/// [`transfer_in`]).
pub fn set_value_transferred<E: Environment>(value: E::Balance) {
    let value = convert(&value);
    with(|e| e.value = value);
}

/// Moves `value` from the caller to the callee and sets it as the value transferred.
pub fn transfer_in<E: Environment>(value: E::Balance) {
    let value: u128 = convert(&value);
    with(|e| {
        let caller = e.balances.get(&e.caller).copied().unwrap_or(0);
        let callee = e.balances.get(&e.callee).copied().unwrap_or(0);
        e.balances.insert(e.caller, caller - value);
        e.balances.insert(e.callee, callee + value);
        e.value = value;
    });
}

/// Sets the block number.
pub fn set_block_number<E: Environment>(value: E::BlockNumber) {
    let value = convert(&value);
    with(|e| e.block_number = value);
}

/// Sets the block's timestamp.
pub fn set_block_timestamp<E: Environment>(value: E::Timestamp) {
    let value = convert(&value);
    with(|e| e.timestamp = value);
}

/// Advances the chain by one block (the timestamp by ink!'s block time, 6).
pub fn advance_block<E: Environment>() {
    with(|e| {
        e.block_number += 1;
        e.timestamp += BLOCK_TIME;
    });
}

/// The events emitted so far, oldest first.
pub fn recorded_events() -> impl Iterator<Item = EmittedEvent> {
    with(|e| e.events.clone()).into_iter()
}

/// The debug messages printed so far.
pub fn recorded_debug_messages() -> impl Iterator<Item = String> {
    with(|e| e.debug_messages.clone()).into_iter()
}

/// How many storage reads and writes `account_id`'s contract made.
pub fn get_contract_storage_rw<E: Environment>(account_id: &E::AccountId) -> (usize, usize) {
    let account: AccountId = convert(account_id);
    with(|e| {
        (e.reads.get(&account).copied().unwrap_or(0), e.writes.get(&account).copied().unwrap_or(0))
    })
}

/// How many storage cells `account_id`'s contract holds.
///
/// # Errors
/// Never; the `Result` is ink!'s signature.
pub fn count_used_storage_cells<E: Environment>(account_id: &E::AccountId) -> Result<usize> {
    let account: AccountId = convert(account_id);
    Ok(with(|e| e.storage.keys().filter(|(a, _)| *a == account).count()))
}

/// Checks that `should_terminate` terminates the contract, sending
/// `expected_value_transferred_to_beneficiary` to `expected_beneficiary`.
///
/// # Panics
/// If it does not terminate, or terminates otherwise.
pub fn assert_contract_termination<E: Environment, F>(
    should_terminate: F,
    expected_beneficiary: E::AccountId,
    expected_value_transferred_to_beneficiary: E::Balance,
) where
    F: FnMut() + UnwindSafe,
    E::Balance: Debug,
{
    let payload =
        std::panic::catch_unwind(should_terminate).expect_err("contract did not terminate");
    let encoded = payload.downcast_ref::<Vec<u8>>().expect("the panic is not a termination");
    let (value, beneficiary): (E::Balance, Vec<u8>) =
        scale::Decode::decode(&mut &encoded[..]).expect("a termination payload");
    let beneficiary = <E::AccountId as scale::Decode>::decode(&mut &beneficiary[..])
        .expect("the beneficiary decodes");
    assert_eq!(value, expected_value_transferred_to_beneficiary);
    assert_eq!(beneficiary, expected_beneficiary);
}

/// `pay_with_call!(contract.message(args), amount)`: calls a payable message with
/// `amount` transferred in.
#[macro_export]
macro_rules! pay_with_call {
    ($contract:ident . $message:ident ( $( $params:expr ),* ) , $amount:expr) => {{
        $crate::env::test::transfer_in::<Environment>($amount);
        $contract.$message($ ($params) ,*)
    }}
}

pub use crate::pay_with_call;
