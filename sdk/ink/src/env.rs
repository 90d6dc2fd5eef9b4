//! The contract's environment: the host-call interface on-chain (RV32E), an in-memory
//! test environment off-chain (`std`), behind the same functions.

#[cfg(all(not(feature = "std"), target_arch = "riscv32"))]
mod imp {
    use alloc::vec;
    use alloc::vec::Vec;

    use rivet_host_api::guest::{call, call_diverging};
    use rivet_host_api::{HostFn, ReturnCode};

    use crate::{AccountId, Balance, BlockNumber, Timestamp};

    fn fixed<const N: usize>(f: HostFn) -> [u8; N] {
        let mut out = [0u8; N];
        call(f, [out.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
        out
    }

    /// Reads a variable-size output, growing the buffer if the host says so.
    fn variable(f: HostFn, a0: u32, a1: u32) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; 256];
        loop {
            let mut len = (buf.len() as u32).to_le_bytes();
            let code =
                call(f, [a0, a1, buf.as_mut_ptr() as u32, len.as_mut_ptr() as u32, 0, 0]) as u32;
            let len = u32::from_le_bytes(len) as usize;
            match ReturnCode::from_u32(code) {
                Some(ReturnCode::Success) => {
                    buf.truncate(len);
                    return Some(buf);
                }
                Some(ReturnCode::BufferTooSmall) => buf.resize(len, 0),
                _ => return None,
            }
        }
    }

    /// The call input data.
    pub fn input() -> Vec<u8> {
        let mut buf = vec![0u8; 1024];
        loop {
            let mut len = (buf.len() as u32).to_le_bytes();
            let code =
                call(HostFn::Input, [buf.as_mut_ptr() as u32, len.as_mut_ptr() as u32, 0, 0, 0, 0])
                    as u32;
            let len = u32::from_le_bytes(len) as usize;
            if code == ReturnCode::BufferTooSmall as u32 {
                buf.resize(len, 0);
                continue;
            }
            buf.truncate(len);
            return buf;
        }
    }
    /// Ends the call with `data` (`flags`: revert).
    pub fn return_value(flags: u32, data: &[u8]) -> ! {
        call_diverging(
            HostFn::SealReturn,
            [flags, data.as_ptr() as u32, data.len() as u32, 0, 0, 0],
        )
    }
    /// The value under `key`.
    pub fn get_storage(key: &[u8]) -> Option<Vec<u8>> {
        variable(HostFn::GetStorage, key.as_ptr() as u32, key.len() as u32)
    }
    /// Stores `value` under `key`.
    pub fn set_storage(key: &[u8], value: &[u8]) {
        call(
            HostFn::SetStorage,
            [
                key.as_ptr() as u32,
                key.len() as u32,
                value.as_ptr() as u32,
                value.len() as u32,
                0,
                0,
            ],
        );
    }
    /// The caller.
    pub fn caller() -> AccountId {
        AccountId(fixed(HostFn::Caller))
    }
    /// The contract's account id.
    pub fn account_id() -> AccountId {
        AccountId(fixed(HostFn::Address))
    }
    /// The value transferred with the call.
    pub fn transferred_value() -> Balance {
        Balance::from_le_bytes(fixed(HostFn::ValueTransferred))
    }
    /// The contract's balance.
    pub fn balance() -> Balance {
        Balance::from_le_bytes(fixed(HostFn::Balance))
    }
    /// The current block number.
    pub fn block_number() -> BlockNumber {
        call(HostFn::BlockNumber, [0; 6]) as u32
    }
    /// The current block's timestamp (ms).
    pub fn block_timestamp() -> Timestamp {
        call(HostFn::Now, [0; 6])
    }
    /// Traps the contract (a panic off-chain).
    pub fn trap() -> ! {
        guest_rt::trap()
    }
    /// Removes the value under `key`.
    pub fn clear_storage(key: &[u8]) {
        call(HostFn::ClearStorage, [key.as_ptr() as u32, key.len() as u32, 0, 0, 0, 0]);
    }
    /// Transfers `value` to `to`.
    pub fn transfer(to: &AccountId, value: Balance) -> bool {
        let v = value.to_le_bytes();
        call(HostFn::Transfer, [to.0.as_ptr() as u32, v.as_ptr() as u32, 0, 0, 0, 0]) as u32
            == ReturnCode::Success as u32
    }
    /// Removes the contract, sending its balance to `beneficiary`.
    pub fn terminate(beneficiary: &AccountId) -> ! {
        call_diverging(HostFn::Terminate, [beneficiary.0.as_ptr() as u32, 0, 0, 0, 0, 0])
    }
    /// Whether `account` is a contract.
    pub fn is_contract(account: &AccountId) -> bool {
        call(HostFn::IsContract, [account.0.as_ptr() as u32, 0, 0, 0, 0, 0]) as u32 == 1
    }
    /// Whether the caller is the origin of the transaction.
    pub fn caller_is_origin() -> bool {
        call(HostFn::CallerIsOrigin, [0; 6]) as u32 == 1
    }
    /// The code hash of `account`, if it is a contract.
    pub fn code_hash(account: &AccountId) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        let code = call(
            HostFn::CodeHash,
            [account.0.as_ptr() as u32, out.as_mut_ptr() as u32, 0, 0, 0, 0],
        ) as u32;
        (code == ReturnCode::Success as u32).then_some(out)
    }
    /// This contract's code hash.
    pub fn own_code_hash() -> [u8; 32] {
        fixed(HostFn::OwnCodeHash)
    }
    /// Replaces this contract's code; false if no code has that hash.
    pub fn set_code_hash(hash: &[u8; 32]) -> bool {
        call(HostFn::SetCodeHash, [hash.as_ptr() as u32, 0, 0, 0, 0, 0]) as u32
            == ReturnCode::Success as u32
    }
    /// A hash host function (`f`) of `input` into `out`.
    pub fn hash(f: HostFn, input: &[u8], out: &mut [u8]) {
        call(f, [input.as_ptr() as u32, input.len() as u32, out.as_mut_ptr() as u32, 0, 0, 0]);
    }
    /// Emits an event.
    pub fn deposit_event(topics: &[[u8; 32]], data: &[u8]) {
        let a = [
            topics.as_ptr() as u32,
            topics.len() as u32,
            data.as_ptr() as u32,
            data.len() as u32,
            0,
            0,
        ];
        call(HostFn::DepositEvent, a);
    }
    /// Room for a callee's output: cross-contract results are small, and the call has
    /// already happened when the host finds the buffer too small.
    const CALL_OUTPUT_CAPACITY: usize = 16 * 1024;

    /// The host's answer to a call or instantiation: the output on success or revert.
    fn call_result(code: u32, mut out: Vec<u8>, len: [u8; 4]) -> Result<Vec<u8>, super::Error> {
        match ReturnCode::from_u32(code) {
            Some(ReturnCode::Success | ReturnCode::CalleeReverted) => {
                out.truncate(u32::from_le_bytes(len) as usize);
                Ok(out)
            }
            Some(c) => Err(super::Error::from_return_code(c)),
            None => Err(super::Error::Unknown),
        }
    }

    /// Calls contract `callee` with `input`; the callee's output (also when it
    /// reverted, whose data the caller decodes).
    pub fn invoke_contract(
        flags: u32,
        callee: &AccountId,
        gas_limit: u64,
        value: Balance,
        input: &[u8],
    ) -> Result<Vec<u8>, super::Error> {
        let value = value.to_le_bytes();
        let mut out = vec![0u8; CALL_OUTPUT_CAPACITY];
        let mut len = (out.len() as u32).to_le_bytes();
        let args = rivet_host_api::CallArgs {
            flags,
            callee_ptr: callee.0.as_ptr() as u32,
            gas_limit,
            value_ptr: value.as_ptr() as u32,
            input_ptr: input.as_ptr() as u32,
            input_len: input.len() as u32,
            output_ptr: out.as_mut_ptr() as u32,
            output_len_ptr: len.as_mut_ptr() as u32,
            reserved: 0,
        };
        let code = call(HostFn::Call, [&args as *const _ as u32, 0, 0, 0, 0, 0]) as u32;
        call_result(code, out, len)
    }

    /// Instantiates a contract from `code_hash`; its address and the constructor's
    /// output.
    pub fn instantiate_contract(
        code_hash: &[u8; 32],
        gas_limit: u64,
        value: Balance,
        input: &[u8],
        salt: &[u8],
    ) -> Result<(AccountId, Vec<u8>), super::Error> {
        let value = value.to_le_bytes();
        let mut address = [0u8; 32];
        let mut out = vec![0u8; CALL_OUTPUT_CAPACITY];
        let mut len = (out.len() as u32).to_le_bytes();
        let args = rivet_host_api::InstantiateArgs {
            code_hash_ptr: code_hash.as_ptr() as u32,
            reserved: 0,
            gas_limit,
            value_ptr: value.as_ptr() as u32,
            input_ptr: input.as_ptr() as u32,
            input_len: input.len() as u32,
            salt_ptr: salt.as_ptr() as u32,
            salt_len: salt.len() as u32,
            address_out_ptr: address.as_mut_ptr() as u32,
            output_ptr: out.as_mut_ptr() as u32,
            output_len_ptr: len.as_mut_ptr() as u32,
        };
        let code = call(HostFn::Instantiate, [&args as *const _ as u32, 0, 0, 0, 0, 0]) as u32;
        call_result(code, out, len).map(|out| (AccountId(address), out))
    }

    /// The gas left.
    pub fn gas_left() -> u64 {
        call(HostFn::GasLeft, [0; 6])
    }

    /// BLAKE2b-256.
    pub fn hash_blake2_256(input: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        call(
            HostFn::HashBlake2_256,
            [input.as_ptr() as u32, input.len() as u32, out.as_mut_ptr() as u32, 0, 0, 0],
        );
        out
    }
}

#[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
mod imp {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use crate::{AccountId, Balance, BlockNumber, Timestamp};

    /// The off-chain environment of the current thread (each test has its own).
    #[allow(missing_docs, reason = "plain fields named after what they hold")]
    pub struct TestEnv {
        pub caller: AccountId,
        pub account_id: AccountId,
        pub value: Balance,
        pub balances: BTreeMap<AccountId, Balance>,
        pub block_number: BlockNumber,
        pub timestamp: Timestamp,
        pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
        pub events: Vec<super::test::EmittedEvent>,
    }

    impl Default for TestEnv {
        fn default() -> Self {
            let accounts = super::test::default_accounts();
            TestEnv {
                caller: accounts.alice,
                account_id: AccountId([0xc0; 32]),
                value: 0,
                balances: BTreeMap::new(),
                block_number: 0,
                timestamp: 0,
                storage: BTreeMap::new(),
                events: Vec::new(),
            }
        }
    }

    thread_local! {
        /// This thread's environment.
        pub static ENV: RefCell<TestEnv> = RefCell::new(TestEnv::default());
    }

    fn with<R>(f: impl FnOnce(&mut TestEnv) -> R) -> R {
        ENV.with(|e| f(&mut e.borrow_mut()))
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
        with(|e| e.storage.get(key).cloned())
    }
    /// Stores `value` under `key`.
    pub fn set_storage(key: &[u8], value: &[u8]) {
        with(|e| e.storage.insert(key.to_vec(), value.to_vec()));
    }
    /// The caller.
    pub fn caller() -> AccountId {
        with(|e| e.caller)
    }
    /// The contract's account id.
    pub fn account_id() -> AccountId {
        with(|e| e.account_id)
    }
    /// The value transferred with the call.
    pub fn transferred_value() -> Balance {
        with(|e| e.value)
    }
    /// The contract's balance.
    pub fn balance() -> Balance {
        with(|e| e.balances.get(&e.account_id).copied().unwrap_or(0))
    }
    /// The current block number.
    pub fn block_number() -> BlockNumber {
        with(|e| e.block_number)
    }
    /// The current block's timestamp (ms).
    pub fn block_timestamp() -> Timestamp {
        with(|e| e.timestamp)
    }
    /// Traps the contract (a panic off-chain).
    pub fn trap() -> ! {
        panic!("the contract trapped")
    }

    /// Removes the value under `key`.
    pub fn clear_storage(key: &[u8]) {
        with(|e| e.storage.remove(key));
    }
    /// Transfers `value` to `to` from the contract's balance.
    pub fn transfer(to: &AccountId, value: Balance) -> bool {
        with(|e| {
            let me = e.account_id;
            let have = e.balances.get(&me).copied().unwrap_or(0);
            if have < value {
                return false;
            }
            e.balances.insert(me, have - value);
            *e.balances.entry(*to).or_insert(0) += value;
            true
        })
    }
    /// Off-chain, terminating panics with a recognisable message.
    pub fn terminate(beneficiary: &AccountId) -> ! {
        transfer(beneficiary, balance());
        panic!("contract terminated in favour of {beneficiary:?}")
    }
    /// Whether `account` is this contract (the only one off-chain).
    pub fn is_contract(account: &AccountId) -> bool {
        with(|e| e.account_id == *account)
    }
    /// Off-chain the caller is always the origin.
    pub fn caller_is_origin() -> bool {
        true
    }
    /// This contract's code hash (zeros off-chain) if `account` is this contract.
    pub fn code_hash(account: &AccountId) -> Option<[u8; 32]> {
        is_contract(account).then_some([0; 32])
    }
    /// Zeros off-chain.
    pub fn own_code_hash() -> [u8; 32] {
        [0; 32]
    }
    /// There is no other code off-chain.
    pub fn set_code_hash(_hash: &[u8; 32]) -> bool {
        false
    }
    /// Records an event.
    pub fn deposit_event(topics: &[[u8; 32]], data: &[u8]) {
        let event = super::test::EmittedEvent { topics: topics.to_vec(), data: data.to_vec() };
        with(|e| e.events.push(event));
    }
    /// BLAKE2b-256.
    pub fn hash_blake2_256(input: &[u8]) -> [u8; 32] {
        use blake2::digest::consts::U32;
        use blake2::{Blake2b, Digest};
        Blake2b::<U32>::digest(input).into()
    }

    /// Off-chain there are no other contracts to call (as in ink!'s off-chain
    /// environment): panics.
    pub fn invoke_contract(
        _flags: u32,
        _callee: &AccountId,
        _gas_limit: u64,
        _value: Balance,
        _input: &[u8],
    ) -> Result<Vec<u8>, super::Error> {
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

    pub(super) fn set(f: impl FnOnce(&mut TestEnv)) {
        with(f)
    }

    pub(super) fn get<R>(f: impl FnOnce(&TestEnv) -> R) -> R {
        ENV.with(|e| f(&e.borrow()))
    }
}

pub use imp::{
    account_id, balance, block_number, block_timestamp, caller, caller_is_origin, clear_storage,
    code_hash, deposit_event, gas_left, get_storage, hash_blake2_256, input, instantiate_contract,
    invoke_contract, is_contract, own_code_hash, return_value, set_code_hash, set_storage,
    terminate, transfer, transferred_value, trap,
};

pub mod call;

pub use call::{CallFlags, DefaultEnvironment, Environment};

/// Errors of environment functions, as `ink::env::Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// A transfer failed (insufficient balance or below the existential deposit).
    TransferFailed,
    /// The account is not a contract.
    NotContract,
    /// No code under that hash.
    CodeNotFound,
    /// The called contract trapped or ran out of gas; its changes were rolled back.
    CalleeTrapped,
    /// The called contract reverted (only from calls whose output is not decoded).
    CalleeReverted,
    /// The call would re-enter a contract that does not allow it.
    ReentranceDenied,
    /// The call-depth limit was reached.
    CallDepthExceeded,
    /// A contract with that address exists already (use another salt).
    DuplicateContractAddress,
    /// The callee's output did not decode as the expected type.
    Decode,
    /// The host answered with a code this SDK does not know.
    Unknown,
}

impl Error {
    /// The error a host [`rivet_host_api::ReturnCode`] stands for.
    pub fn from_return_code(code: rivet_host_api::ReturnCode) -> Error {
        use rivet_host_api::ReturnCode as C;
        match code {
            C::TransferFailed => Error::TransferFailed,
            C::NotCallable | C::KeyNotFound => Error::NotContract,
            C::CodeNotFound => Error::CodeNotFound,
            C::CalleeTrapped => Error::CalleeTrapped,
            C::CalleeReverted => Error::CalleeReverted,
            C::ReentranceDenied => Error::ReentranceDenied,
            C::CallDepthExceeded => Error::CallDepthExceeded,
            C::DuplicateContractAddress => Error::DuplicateContractAddress,
            C::Success | C::BufferTooSmall | C::LoggingDisabled => Error::Unknown,
        }
    }
}

/// Hash functions for `EnvAccess::hash_bytes`, as `ink::env::hash`.
pub mod hash {
    /// A hash function.
    pub trait HashOutput {
        /// Its output.
        type Type: Default + AsMut<[u8]>;
        /// Hashes `input` into `out`.
        fn hash(input: &[u8], out: &mut Self::Type);
    }

    macro_rules! hashes {
        ($($name:ident, $len:literal, $host:ident, $native:expr;)*) => {$(
            #[doc = concat!("`", stringify!($name), "`.")]
            #[derive(Clone, Copy, Debug)]
            pub enum $name {}
            impl HashOutput for $name {
                type Type = [u8; $len];
                fn hash(input: &[u8], out: &mut [u8; $len]) {
                    #[cfg(all(not(feature = "std"), target_arch = "riscv32"))]
                    super::imp::hash(rivet_host_api::HostFn::$host, input, out);
                    #[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
                    out.copy_from_slice(&($native)(input));
                }
            }
        )*};
    }

    hashes! {
        Blake2x256, 32, HashBlake2_256, |i: &[u8]| { use blake2::Digest; blake2::Blake2b::<blake2::digest::consts::U32>::digest(i).to_vec() };
        Blake2x128, 16, HashBlake2_128, |i: &[u8]| { use blake2::Digest; blake2::Blake2b::<blake2::digest::consts::U16>::digest(i).to_vec() };
        Sha2x256, 32, HashSha2_256, |i: &[u8]| { use sha2::Digest; sha2::Sha256::digest(i).to_vec() };
        Keccak256, 32, HashKeccak256, |i: &[u8]| { use sha3::Digest; sha3::Keccak256::digest(i).to_vec() };
    }
}

/// The off-chain test environment, as `ink::env::test`.
#[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
pub mod test {
    use crate::{AccountId, Balance, BlockNumber};

    /// The usual development accounts.
    #[derive(Clone, Copy, Debug)]
    pub struct DefaultAccounts {
        /// Alice (the default caller).
        pub alice: AccountId,
        /// Bob.
        pub bob: AccountId,
        /// Charlie.
        pub charlie: AccountId,
        /// Django.
        pub django: AccountId,
        /// Eve.
        pub eve: AccountId,
        /// Frank.
        pub frank: AccountId,
    }

    /// The usual development accounts.
    pub fn default_accounts() -> DefaultAccounts {
        DefaultAccounts {
            alice: AccountId([0x01; 32]),
            bob: AccountId([0x02; 32]),
            charlie: AccountId([0x03; 32]),
            django: AccountId([0x04; 32]),
            eve: AccountId([0x05; 32]),
            frank: AccountId([0x06; 32]),
        }
    }

    /// Sets the caller of subsequent calls.
    pub fn set_caller(caller: AccountId) {
        super::imp::set(|e| e.caller = caller);
    }
    /// Sets the value transferred with subsequent calls.
    pub fn set_value_transferred(value: Balance) {
        super::imp::set(|e| e.value = value);
    }
    /// Sets an account's balance.
    pub fn set_account_balance(account: AccountId, balance: Balance) {
        super::imp::set(|e| {
            e.balances.insert(account, balance);
        });
    }
    /// Sets the block number.
    pub fn set_block_number(n: BlockNumber) {
        super::imp::set(|e| e.block_number = n);
    }
    /// Sets the contract's own account id.
    pub fn set_callee(account: AccountId) {
        super::imp::set(|e| e.account_id = account);
    }

    /// An event emitted off-chain.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct EmittedEvent {
        /// Its topics.
        pub topics: Vec<[u8; 32]>,
        /// Its SCALE-encoded data.
        pub data: Vec<u8>,
    }

    /// The events emitted so far in this test.
    pub fn recorded_events() -> Vec<EmittedEvent> {
        super::imp::get(|e| e.events.clone())
    }
}
