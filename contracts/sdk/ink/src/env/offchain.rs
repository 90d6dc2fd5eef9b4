//! The off-chain backend (`std`, `cargo test`): an in-memory chain per test thread with
//! ink!'s off-chain semantics, so that tests written for ink! pass unchanged.
//!
//! As in ink!'s engine: every test starts with Alice as caller *and* callee (the
//! contract's own account), Alice holding 1,000,000, Bob and Charlie 1,000, the others
//! nothing; storage belongs to the callee; a block advances the timestamp by 6; a
//! terminating contract panics with `(value, beneficiary).encode()` as the payload that
//! [`super::test::assert_contract_termination`] reads; calls to other contracts are not
//! supported.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::{AccountId, Balance, BlockNumber, Timestamp};

/// ink!'s off-chain existential deposit.
pub const MINIMUM_BALANCE: Balance = 1_000_000;
/// How far `advance_block` moves the timestamp.
pub const BLOCK_TIME: Timestamp = 6;

/// The off-chain chain of the current thread (each test has its own).
#[allow(missing_docs, reason = "plain fields named after what they hold")]
#[derive(Clone, Debug)]
pub struct Engine {
    pub caller: AccountId,
    pub callee: AccountId,
    pub value: Balance,
    pub balances: BTreeMap<AccountId, Balance>,
    pub contracts: BTreeSet<AccountId>,
    pub block_number: BlockNumber,
    pub timestamp: Timestamp,
    /// Storage by (contract, key).
    pub storage: BTreeMap<(AccountId, Vec<u8>), Vec<u8>>,
    /// Storage reads and writes by contract.
    pub reads: BTreeMap<AccountId, usize>,
    pub writes: BTreeMap<AccountId, usize>,
    pub events: Vec<super::test::EmittedEvent>,
    pub debug_messages: Vec<String>,
}

impl Default for Engine {
    fn default() -> Self {
        let alice = AccountId([0x01; 32]);
        let mut balances = BTreeMap::new();
        for (byte, balance) in [(1, 1_000_000), (2, 1_000), (3, 1_000), (4, 0), (5, 0), (6, 0)] {
            balances.insert(AccountId([byte; 32]), balance);
        }
        Engine {
            caller: alice,
            callee: alice,
            value: 0,
            balances,
            contracts: BTreeSet::new(),
            block_number: 0,
            timestamp: 0,
            storage: BTreeMap::new(),
            reads: BTreeMap::new(),
            writes: BTreeMap::new(),
            events: Vec::new(),
            debug_messages: Vec::new(),
        }
    }
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

/// Runs `f` on this thread's engine.
pub fn with<R>(f: impl FnOnce(&mut Engine) -> R) -> R {
    ENGINE.with(|e| f(&mut e.borrow_mut()))
}

/// The call input data.
pub fn input() -> Vec<u8> {
    panic!("the call input exists only on-chain")
}
/// Ends the call with `data` (`flags`: revert).
pub fn return_value(_flags: u32, _data: &[u8]) -> ! {
    panic!("returning to the host exists only on-chain")
}
/// The value under `key`.
pub fn get_storage(key: &[u8]) -> Option<Vec<u8>> {
    with(|e| {
        *e.reads.entry(e.callee).or_default() += 1;
        e.storage.get(&(e.callee, key.to_vec())).cloned()
    })
}
/// Stores `value` under `key`; the size of the value it replaced, if any.
pub fn set_storage(key: &[u8], value: &[u8]) -> Option<u32> {
    with(|e| {
        *e.writes.entry(e.callee).or_default() += 1;
        e.storage.insert((e.callee, key.to_vec()), value.to_vec()).map(|v| v.len() as u32)
    })
}
/// The size of the value under `key`, if there is one.
pub fn contains_storage(key: &[u8]) -> Option<u32> {
    get_storage(key).map(|v| v.len() as u32)
}
/// Removes and returns the value under `key`.
pub fn take_storage(key: &[u8]) -> Option<Vec<u8>> {
    with(|e| {
        *e.writes.entry(e.callee).or_default() += 1;
        e.storage.remove(&(e.callee, key.to_vec()))
    })
}
/// Removes the value under `key`; the size of the value it removed, if any.
pub fn clear_storage(key: &[u8]) -> Option<u32> {
    take_storage(key).map(|v| v.len() as u32)
}
/// The caller.
pub fn caller() -> AccountId {
    with(|e| e.caller)
}
/// The contract's account id.
pub fn account_id() -> AccountId {
    with(|e| e.callee)
}
/// The value transferred with the call.
pub fn transferred_value() -> Balance {
    with(|e| e.value)
}
/// The contract's balance.
pub fn balance() -> Balance {
    with(|e| e.balances.get(&e.callee).copied().unwrap_or(0))
}
/// The current block number.
pub fn block_number() -> BlockNumber {
    with(|e| e.block_number)
}
/// The current block's timestamp (ms).
pub fn block_timestamp() -> Timestamp {
    with(|e| e.timestamp)
}
/// The existential deposit.
pub fn minimum_balance() -> Balance {
    MINIMUM_BALANCE
}
/// Traps the contract (a panic off-chain).
pub fn trap() -> ! {
    panic!("the contract trapped")
}
/// Transfers `value` to `to` from the contract's balance; false if it has too little.
pub fn transfer(to: &AccountId, value: Balance) -> bool {
    with(|e| {
        let me = e.callee;
        let have = e.balances.get(&me).copied().unwrap_or(0);
        if have < value {
            return false;
        }
        e.balances.insert(me, have - value);
        *e.balances.entry(*to).or_insert(0) += value;
        true
    })
}
/// Sends the contract's balance to `beneficiary` and panics with ink!'s termination
/// payload.
pub fn terminate(beneficiary: &AccountId) -> ! {
    let all = balance();
    transfer(beneficiary, all);
    let payload = scale::Encode::encode(&(all, scale::Encode::encode(beneficiary)));
    std::panic::panic_any(payload)
}
/// The compressed public key that signed `hash`, as the host computes it.
pub fn ecdsa_recover(signature: &[u8; 65], hash: &[u8; 32]) -> Option<[u8; 33]> {
    rivet_host_api::crypto::ecdsa_recover(signature, hash)
}
/// The Ethereum address of a compressed public key, as the host computes it.
pub fn ecdsa_to_eth_address(key: &[u8; 33]) -> Option<[u8; 20]> {
    rivet_host_api::crypto::ecdsa_to_eth_address(key)
}
/// Whether `signature` is `key`'s sr25519 signature of `message`, as the host checks it.
pub fn sr25519_verify(signature: &[u8; 64], message: &[u8], key: &[u8; 32]) -> bool {
    rivet_host_api::crypto::sr25519_verify(signature, message, key)
}
/// Whether `account` was registered as a contract (`test::set_contract`).
pub fn is_contract(account: &AccountId) -> bool {
    with(|e| e.contracts.contains(account))
}
/// Off-chain the caller is always the origin.
pub fn caller_is_origin() -> bool {
    true
}
/// Off-chain there is no code: panics, as ink!'s off-chain environment does.
pub fn code_hash(_account: &AccountId) -> Option<[u8; 32]> {
    panic!("the off-chain environment does not support `code_hash`")
}
/// Off-chain there is no code: panics, as ink!'s off-chain environment does.
pub fn own_code_hash() -> [u8; 32] {
    panic!("the off-chain environment does not support `own_code_hash`")
}
/// Off-chain there is no code: panics, as ink!'s off-chain environment does.
pub fn set_code_hash(_hash: &[u8; 32]) -> bool {
    panic!("the off-chain environment does not support `set_code_hash`")
}
/// Records an event.
pub fn deposit_event(topics: &[[u8; 32]], data: &[u8]) {
    let event = super::test::EmittedEvent {
        topics: topics.iter().map(|t| t.to_vec()).collect(),
        data: data.to_vec(),
    };
    with(|e| e.events.push(event));
}
/// Records and prints a debug message.
pub fn debug_message(message: &str) {
    print!("{message}");
    with(|e| e.debug_messages.push(message.to_owned()));
}
/// BLAKE2b-256.
pub fn hash_blake2_256(input: &[u8]) -> [u8; 32] {
    use blake2::digest::consts::U32;
    use blake2::{Blake2b, Digest};
    Blake2b::<U32>::digest(input).into()
}

/// Off-chain there are no other contracts to call (as in ink!'s off-chain
/// environment): panics.
/// Delegate calls need code, which the off-chain environment does not run (as ink!'s).
pub fn invoke_contract_delegate(
    _flags: u32,
    _code_hash: &[u8; 32],
    _input: &[u8],
) -> Result<(Vec<u8>, bool), super::Error> {
    panic!("the off-chain environment does not support delegated contract invocation")
}
/// Off-chain, locking a delegate dependency changes nothing (as ink!'s `unimplemented`
/// would not let the contract's tests run, it succeeds).
pub fn delegate_dependency(_code_hash: &[u8; 32], _lock: bool) -> rivet_host_api::ReturnCode {
    rivet_host_api::ReturnCode::Success
}
pub fn invoke_contract(
    _flags: u32,
    _callee: &AccountId,
    _gas_limit: u64,
    _value: Balance,
    _input: &[u8],
) -> Result<(Vec<u8>, bool), super::Error> {
    panic!("the off-chain environment does not support contract invocation")
}
/// Off-chain there is no code to instantiate: panics.
pub fn instantiate_contract(
    _code_hash: &[u8; 32],
    _gas_limit: u64,
    _value: Balance,
    _input: &[u8],
    _salt: &[u8],
) -> Result<(AccountId, Vec<u8>), super::Error> {
    panic!("the off-chain environment does not support contract instantiation")
}
/// Off-chain gas is unlimited.
pub fn gas_left() -> u64 {
    u64::MAX
}
