//! The on-chain backend: the host-call interface of `rivet-host-api`.

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
        let code = call(f, [a0, a1, buf.as_mut_ptr() as u32, len.as_mut_ptr() as u32, 0, 0]) as u32;
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
    call_diverging(HostFn::SealReturn, [flags, data.as_ptr() as u32, data.len() as u32, 0, 0, 0])
}
/// The value under `key`.
pub fn get_storage(key: &[u8]) -> Option<Vec<u8>> {
    variable(HostFn::GetStorage, key.as_ptr() as u32, key.len() as u32)
}
/// Stores `value` under `key`; the size of the value it replaced, if any.
pub fn set_storage(key: &[u8], value: &[u8]) -> Option<u32> {
    let size = call(
        HostFn::SetStorage,
        [key.as_ptr() as u32, key.len() as u32, value.as_ptr() as u32, value.len() as u32, 0, 0],
    ) as u32;
    (size != rivet_host_api::SENTINEL).then_some(size)
}
/// The size of the value under `key`, if there is one.
pub fn contains_storage(key: &[u8]) -> Option<u32> {
    let size =
        call(HostFn::ContainsStorage, [key.as_ptr() as u32, key.len() as u32, 0, 0, 0, 0]) as u32;
    (size != rivet_host_api::SENTINEL).then_some(size)
}
/// Removes and returns the value under `key`.
pub fn take_storage(key: &[u8]) -> Option<Vec<u8>> {
    variable(HostFn::TakeStorage, key.as_ptr() as u32, key.len() as u32)
}
/// The existential deposit.
pub fn minimum_balance() -> Balance {
    Balance::from_le_bytes(fixed(HostFn::MinimumBalance))
}
/// Prints `message` on a dev node (ignored where debug messages are off).
pub fn debug_message(message: &str) {
    call(HostFn::DebugMessage, [message.as_ptr() as u32, message.len() as u32, 0, 0, 0, 0]);
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
/// Removes the value under `key`; the size of the value it removed, if any.
pub fn clear_storage(key: &[u8]) -> Option<u32> {
    let size =
        call(HostFn::ClearStorage, [key.as_ptr() as u32, key.len() as u32, 0, 0, 0, 0]) as u32;
    (size != rivet_host_api::SENTINEL).then_some(size)
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
    let code =
        call(HostFn::CodeHash, [account.0.as_ptr() as u32, out.as_mut_ptr() as u32, 0, 0, 0, 0])
            as u32;
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
/// The compressed public key that signed `hash` (`None`: the signature recovers none).
pub fn ecdsa_recover(signature: &[u8; 65], hash: &[u8; 32]) -> Option<[u8; 33]> {
    let mut out = [0u8; 33];
    let a = [signature.as_ptr() as u32, hash.as_ptr() as u32, out.as_mut_ptr() as u32, 0, 0, 0];
    (call(HostFn::EcdsaRecover, a) as u32 == ReturnCode::Success as u32).then_some(out)
}
/// The Ethereum address of a compressed public key (`None`: not a valid key).
pub fn ecdsa_to_eth_address(key: &[u8; 33]) -> Option<[u8; 20]> {
    let mut out = [0u8; 20];
    let a = [key.as_ptr() as u32, out.as_mut_ptr() as u32, 0, 0, 0, 0];
    (call(HostFn::EcdsaToEthAddress, a) as u32 == ReturnCode::Success as u32).then_some(out)
}
/// Whether `signature` is `key`'s sr25519 signature of `message`.
pub fn sr25519_verify(signature: &[u8; 64], message: &[u8], key: &[u8; 32]) -> bool {
    let a = [
        signature.as_ptr() as u32,
        key.as_ptr() as u32,
        message.as_ptr() as u32,
        message.len() as u32,
        0,
        0,
    ];
    call(HostFn::Sr25519Verify, a) as u32 == ReturnCode::Success as u32
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

/// The host's answer to a call or instantiation: the output on success or revert, and
/// whether the callee reverted.
fn call_result(code: u32, mut out: Vec<u8>, len: [u8; 4]) -> Result<(Vec<u8>, bool), super::Error> {
    match ReturnCode::from_u32(code) {
        Some(c @ (ReturnCode::Success | ReturnCode::CalleeReverted)) => {
            out.truncate(u32::from_le_bytes(len) as usize);
            Ok((out, c == ReturnCode::CalleeReverted))
        }
        Some(c) => Err(super::Error::from_return_code(c)),
        None => Err(super::Error::ReturnError(super::ReturnErrorCode::Unknown)),
    }
}

/// Calls contract `callee` with `input`; the callee's output (also when it
/// reverted, whose data the caller decodes) and whether it reverted.
pub fn invoke_contract(
    flags: u32,
    callee: &AccountId,
    gas_limit: u64,
    value: Balance,
    input: &[u8],
) -> Result<(Vec<u8>, bool), super::Error> {
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

/// Runs the code under `code_hash` as this contract; its output and whether it reverted.
pub fn invoke_contract_delegate(
    flags: u32,
    code_hash: &[u8; 32],
    input: &[u8],
) -> Result<(Vec<u8>, bool), super::Error> {
    let mut out = vec![0u8; CALL_OUTPUT_CAPACITY];
    let mut len = (out.len() as u32).to_le_bytes();
    let a = [
        flags,
        code_hash.as_ptr() as u32,
        input.as_ptr() as u32,
        input.len() as u32,
        out.as_mut_ptr() as u32,
        len.as_mut_ptr() as u32,
    ];
    let code = call(HostFn::DelegateCall, a) as u32;
    call_result(code, out, len)
}
/// Locks (`lock`) or unlocks the code under `code_hash` as a delegate dependency.
pub fn delegate_dependency(code_hash: &[u8; 32], lock: bool) -> ReturnCode {
    let f = if lock { HostFn::LockDelegateDependency } else { HostFn::UnlockDelegateDependency };
    let code = call(f, [code_hash.as_ptr() as u32, 0, 0, 0, 0, 0]) as u32;
    ReturnCode::from_u32(code).unwrap_or(ReturnCode::CodeNotFound)
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
    call_result(code, out, len).map(|(out, _reverted)| (AccountId(address), out))
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
