//! The contract host functions: `rivet-host-api`'s interface (version 1), implemented
//! once, each charging its cost ([`HostCost`]) before it touches anything. A host call
//! with bad arguments (memory outside the contract's, an oversized key, an unknown
//! number) traps the contract.

use alloc::vec;
use alloc::vec::Vec;

use frame_support::traits::fungible::Inspect;
use frame_support::traits::tokens::{Fortitude, Preservation};
use frame_support::traits::{Get, Time};
use rivet_executor::isa::Reg;
use rivet_executor::Instance;
use rivet_host_api::{
    CallArgs, HostFn, InstantiateArgs, ReturnCode, CALL_FLAG_ALLOW_REENTRY, SENTINEL,
};
use sp_runtime::traits::SaturatedConversion;

use crate::exec::{self, account_bytes, Frame, FrameEnd, FrameError, Stack};
use crate::gas::HostCost;
use crate::limits::{MAX_BUFFER, MAX_EVENT_TOPICS, MAX_KEY_LEN};
use crate::storage::{self, ContractInfo};
use crate::{CodeHash, CodeInfoOf, Config, ContractInfoOf, Event, ExecReturnValue, Pallet};

/// What the frame does after a host call.
pub(crate) enum Next<T: Config> {
    /// Continue.
    Resume,
    /// End the frame with this output.
    Return(ExecReturnValue),
    /// Remove the contract in favour of this account.
    Terminate(T::AccountId),
}

/// One frame's view of the host while it serves a host call.
pub(crate) struct Runtime<'a, T: Config> {
    pub stack: &'a mut Stack<T>,
    pub frame: &'a Frame<T>,
    pub info: &'a mut ContractInfo<T>,
    pub inst: &'a mut dyn Instance,
}

/// `Success` as the value a host function returns.
const OK: u64 = ReturnCode::Success as u64;

impl<T: Config> Runtime<'_, T> {
    /// Takes `cost` from the contract's gas; running out ends the frame.
    fn charge(&mut self, cost: HostCost) -> Result<(), FrameError> {
        let gas = cost.gas::<T>();
        let left = self.inst.gas_left();
        if gas > left {
            self.inst.set_gas_left(0);
            return Err(FrameError::OutOfGas);
        }
        self.inst.set_gas_left(left - gas);
        Ok(())
    }

    /// Reads `len` bytes of guest memory at `ptr`, charging for them first.
    fn read(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, FrameError> {
        if len > MAX_BUFFER {
            return Err(FrameError::Trapped);
        }
        self.charge(HostCost::Bytes(len))?;
        let mut buf = vec![0; len as usize];
        self.inst.read_memory(ptr, &mut buf).map_err(|_| FrameError::Trapped)?;
        Ok(buf)
    }

    /// A fixed-size read.
    fn read_array<const N: usize>(&mut self, ptr: u32) -> Result<[u8; N], FrameError> {
        let v = self.read(ptr, N as u32)?;
        Ok(v.try_into().expect("read N bytes; qed"))
    }

    /// Writes `data` to guest memory at `ptr`, charging first.
    fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), FrameError> {
        self.charge(HostCost::Bytes(data.len() as u32))?;
        self.inst.write_memory(ptr, data).map_err(|_| FrameError::Trapped)
    }

    /// The variable-size output convention (see `rivet-host-api`): the code to return.
    fn write_var(&mut self, out_ptr: u32, len_ptr: u32, data: &[u8]) -> Result<u64, FrameError> {
        let capacity = u32::from_le_bytes(self.read_array::<4>(len_ptr)?);
        self.write(len_ptr, &(data.len() as u32).to_le_bytes())?;
        if data.len() as u64 > capacity as u64 {
            return Ok(ReturnCode::BufferTooSmall as u64);
        }
        self.write(out_ptr, data)?;
        Ok(OK)
    }

    fn account(&mut self, ptr: u32) -> Result<T::AccountId, FrameError> {
        Ok(self.read_array::<32>(ptr)?.into())
    }

    fn balance(&mut self, ptr: u32) -> Result<u128, FrameError> {
        Ok(u128::from_le_bytes(self.read_array::<16>(ptr)?))
    }

    fn key(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, FrameError> {
        if len > MAX_KEY_LEN {
            return Err(FrameError::Trapped);
        }
        self.read(ptr, len)
    }

    /// Serves host call `number` with arguments `a`.
    pub(crate) fn dispatch(&mut self, number: u32, a: [u32; 6]) -> Result<Next<T>, FrameError> {
        self.charge(HostCost::Base)?;
        let f = HostFn::from_u32(number).ok_or(FrameError::Trapped)?;
        let result: u64 = match f {
            HostFn::SealReturn => {
                let data = self.read(a[1], a[2])?;
                return Ok(Next::Return(ExecReturnValue { flags: a[0], data }));
            }
            HostFn::Terminate => {
                let to = self.account(a[0])?;
                if self.stack.is_active_below(&self.frame.address) {
                    return Err(FrameError::Trapped);
                }
                return Ok(Next::Terminate(to));
            }
            HostFn::DebugMessage => self.debug_message(a)?,
            HostFn::Input => {
                let input = self.frame.input.clone();
                self.write_var(a[0], a[1], &input)?
            }
            HostFn::Caller => {
                self.write(a[0], &account_bytes::<T>(&self.frame.caller)).map(|_| 0)?
            }
            HostFn::Address => {
                self.write(a[0], &account_bytes::<T>(&self.frame.address)).map(|_| 0)?
            }
            HostFn::ValueTransferred => {
                let v = exec::balance_u128::<T>(self.frame.value);
                self.write(a[0], &v.to_le_bytes()).map(|_| 0)?
            }
            HostFn::Balance => {
                self.charge(HostCost::StorageRead(16))?;
                // What the contract can spend: its existential deposit stays (as
                // pallet-contracts reports it, and ink! contracts split it).
                let spendable = T::Currency::reducible_balance(
                    &self.frame.address,
                    Preservation::Preserve,
                    Fortitude::Polite,
                );
                let b = exec::balance_u128::<T>(spendable);
                self.write(a[0], &b.to_le_bytes()).map(|_| 0)?
            }
            HostFn::MinimumBalance => {
                let b = exec::balance_u128::<T>(T::Currency::minimum_balance());
                self.write(a[0], &b.to_le_bytes()).map(|_| 0)?
            }
            HostFn::BlockNumber => {
                frame_system::Pallet::<T>::block_number().saturated_into::<u32>() as u64
            }
            HostFn::Now => T::Time::now().saturated_into::<u64>(),
            HostFn::GasLeft => self.inst.gas_left(),
            HostFn::GetStorage | HostFn::TakeStorage => self.get_storage(f, a)?,
            HostFn::SetStorage => {
                let key = self.key(a[0], a[1])?;
                if a[3] > MAX_BUFFER {
                    return Err(FrameError::Trapped);
                }
                self.charge(HostCost::StorageWrite(a[1] + a[3]))?;
                let value = self.read(a[2], a[3])?;
                self.write_storage(&key, Some(&value)) as u64
            }
            HostFn::ClearStorage => {
                let key = self.key(a[0], a[1])?;
                self.charge(HostCost::StorageWrite(a[1]))?;
                self.write_storage(&key, None) as u64
            }
            HostFn::ContainsStorage => {
                let key = self.key(a[0], a[1])?;
                self.charge(HostCost::StorageRead(0))?;
                let len = frame_support::storage::child::len(&self.info.child_info(), &key);
                len.unwrap_or(SENTINEL) as u64
            }
            HostFn::Transfer => self.transfer(a)?,
            HostFn::Call => self.call(a[0])?,
            HostFn::DelegateCall => self.delegate_call(a)?,
            HostFn::LockDelegateDependency => self.lock_delegate_dependency(a[0], true)?,
            HostFn::UnlockDelegateDependency => self.lock_delegate_dependency(a[0], false)?,
            HostFn::Instantiate => self.instantiate(a[0])?,
            HostFn::DepositEvent => self.deposit_event(a)?,
            HostFn::EcdsaRecover => {
                self.charge(HostCost::EcdsaRecover)?;
                let signature = self.read_array::<65>(a[0])?;
                let hash = self.read_array::<32>(a[1])?;
                match sp_io::crypto::secp256k1_ecdsa_recover_compressed(&signature, &hash) {
                    Ok(key) => self.write(a[2], &key).map(|_| OK)?,
                    Err(_) => ReturnCode::EcdsaRecoveryFailed as u64,
                }
            }
            HostFn::EcdsaToEthAddress => {
                self.charge(HostCost::EcdsaToEthAddress)?;
                let key = self.read_array::<33>(a[0])?;
                match crate::crypto::eth_address(&key) {
                    Some(address) => self.write(a[1], &address).map(|_| OK)?,
                    None => ReturnCode::EcdsaRecoveryFailed as u64,
                }
            }
            HostFn::Sr25519Verify => {
                if a[3] > MAX_BUFFER {
                    return Err(FrameError::Trapped);
                }
                self.charge(HostCost::Sr25519Verify(a[3]))?;
                let signature = sp_core::sr25519::Signature::from_raw(self.read_array(a[0])?);
                let key = sp_core::sr25519::Public::from_raw(self.read_array(a[1])?);
                let message = self.read(a[2], a[3])?;
                if sp_io::crypto::sr25519_verify(&signature, &message, &key) {
                    OK
                } else {
                    ReturnCode::Sr25519VerifyFailed as u64
                }
            }
            HostFn::HashBlake2_256 => self.hash(a, |d| sp_io::hashing::blake2_256(d).to_vec())?,
            HostFn::HashBlake2_128 => self.hash(a, |d| sp_io::hashing::blake2_128(d).to_vec())?,
            HostFn::HashKeccak256 => self.hash(a, |d| sp_io::hashing::keccak_256(d).to_vec())?,
            HostFn::HashSha2_256 => self.hash(a, |d| sp_io::hashing::sha2_256(d).to_vec())?,
            HostFn::CodeHash => {
                let account = self.account(a[0])?;
                self.charge(HostCost::StorageRead(32))?;
                match storage::contract::<T>(&account) {
                    Some(c) => self.write(a[1], c.code_hash.as_bytes()).map(|_| OK)?,
                    None => ReturnCode::KeyNotFound as u64,
                }
            }
            HostFn::OwnCodeHash => {
                let hash = self.info.code_hash;
                self.write(a[0], hash.as_bytes()).map(|_| 0)?
            }
            HostFn::IsContract => {
                let account = self.account(a[0])?;
                self.charge(HostCost::StorageRead(0))?;
                ContractInfoOf::<T>::contains_key(&account) as u64
            }
            HostFn::CallerIsOrigin => (self.frame.caller == self.stack.origin) as u64,
            HostFn::SetCodeHash => self.set_code_hash(a[0])?,
        };
        self.inst.set_reg(Reg::A0, result as u32);
        self.inst.set_reg(Reg::A1, (result >> 32) as u32);
        Ok(Next::Resume)
    }

    fn debug_message(&mut self, a: [u32; 6]) -> Result<u64, FrameError> {
        if !T::DebugMessages::get() {
            return Ok(ReturnCode::LoggingDisabled as u64);
        }
        let msg = self.read(a[0], a[1])?;
        log::debug!(target: "runtime::riscv-contracts", "{}", alloc::string::String::from_utf8_lossy(&msg));
        self.stack.debug.extend_from_slice(&msg);
        self.stack.debug.push(b'\n');
        Ok(OK)
    }

    fn get_storage(&mut self, f: HostFn, a: [u32; 6]) -> Result<u64, FrameError> {
        let key = self.key(a[0], a[1])?;
        self.charge(HostCost::StorageRead(0))?;
        let Some(value) = self.info.read(&key) else { return Ok(ReturnCode::KeyNotFound as u64) };
        self.charge(HostCost::Bytes(value.len() as u32))?;
        let code = self.write_var(a[2], a[3], &value)?;
        if f == HostFn::TakeStorage && code == OK {
            self.charge(HostCost::StorageWrite(a[1]))?;
            self.write_storage(&key, None);
        }
        Ok(code)
    }

    /// Re-reads this contract's info: a nested frame of the same contract (re-entrant,
    /// or a delegate call) may have changed it.
    fn refresh_info(&mut self) {
        if let Some(fresh) = storage::contract::<T>(&self.frame.address) {
            *self.info = fresh;
        }
    }

    /// Writes this contract's storage and keeps its info current; the previous size or
    /// `SENTINEL`.
    fn write_storage(&mut self, key: &[u8], value: Option<&[u8]>) -> u32 {
        self.refresh_info();
        let old = self.info.write(key, value);
        ContractInfoOf::<T>::insert(&self.frame.address, &*self.info);
        old.unwrap_or(SENTINEL)
    }

    fn transfer(&mut self, a: [u32; 6]) -> Result<u64, FrameError> {
        let to = self.account(a[0])?;
        let value = self.balance(a[1])?;
        self.charge(HostCost::Transfer)?;
        let Some(value) = exec::balance_from::<T>(value) else {
            return Ok(ReturnCode::TransferFailed as u64);
        };
        match self.stack.transfer(&self.frame.address, &to, value) {
            Ok(()) => Ok(OK),
            Err(_) => Ok(ReturnCode::TransferFailed as u64),
        }
    }

    fn deposit_event(&mut self, a: [u32; 6]) -> Result<u64, FrameError> {
        if a[1] > MAX_EVENT_TOPICS || a[3] > MAX_BUFFER {
            return Err(FrameError::Trapped);
        }
        self.charge(HostCost::Event { topics: a[1], len: a[3] })?;
        let raw = self.read(a[0], a[1] * 32)?;
        let topics: Vec<[u8; 32]> =
            raw.chunks(32).map(|c| c.try_into().expect("chunks of 32; qed")).collect();
        let data = self.read(a[2], a[3])?;
        let contract = self.frame.address.clone();
        let hashes: Vec<T::Hash> = topics.iter().map(T::Hash::decode_from_topic).collect();
        frame_system::Pallet::<T>::deposit_event_indexed(
            &hashes,
            <T as frame_system::Config>::RuntimeEvent::from(Event::<T>::ContractEmitted {
                contract,
                data: data.clone(),
            }),
        );
        let contract = account_bytes::<T>(&self.frame.address);
        self.stack.emitted.push(crate::primitives::EmittedEvent { contract, topics, data });
        Ok(OK)
    }

    fn hash(&mut self, a: [u32; 6], f: impl Fn(&[u8]) -> Vec<u8>) -> Result<u64, FrameError> {
        self.charge(HostCost::Hash(a[1]))?;
        let data = self.read(a[0], a[1])?;
        self.write(a[2], &f(&data))?;
        Ok(0)
    }

    fn set_code_hash(&mut self, ptr: u32) -> Result<u64, FrameError> {
        let hash = CodeHash::from(self.read_array::<32>(ptr)?);
        self.charge(HostCost::StorageWrite(64))?;
        if !CodeInfoOf::<T>::contains_key(hash) {
            return Ok(ReturnCode::CodeNotFound as u64);
        }
        let old = self.info.code_hash;
        CodeInfoOf::<T>::mutate(hash, |c| c.as_mut().map(|c| c.refcount += 1));
        CodeInfoOf::<T>::mutate(old, |c| {
            c.as_mut().map(|c| c.refcount = c.refcount.saturating_sub(1))
        });
        self.refresh_info();
        self.info.code_hash = hash;
        ContractInfoOf::<T>::insert(&self.frame.address, &*self.info);
        Pallet::<T>::deposit_event(Event::ContractCodeUpdated {
            contract: self.frame.address.clone(),
            new_code_hash: hash,
            old_code_hash: old,
        });
        Ok(OK)
    }

    /// The gas a callee may use: its limit, or all that is left.
    fn callee_gas(&self, limit: u64) -> u64 {
        let left = self.inst.gas_left();
        if limit == 0 || limit > left {
            left
        } else {
            limit
        }
    }

    /// Runs a nested frame; its code and output. The caller pays the callee's gas.
    fn nested(&mut self, frame: Frame<T>) -> (u32, Vec<u8>) {
        let (result, used) = self.stack.run(frame);
        let left = self.inst.gas_left();
        self.inst.set_gas_left(left.saturating_sub(used));
        match result {
            Ok(FrameEnd::Returned(r)) if r.did_revert() => {
                (ReturnCode::CalleeReverted as u32, r.data)
            }
            Ok(FrameEnd::Returned(r)) => (ReturnCode::Success as u32, r.data),
            Ok(FrameEnd::Terminated(_)) => (ReturnCode::Success as u32, Vec::new()),
            Err(FrameError::Dispatch(e)) => (dispatch_code::<T>(e) as u32, Vec::new()),
            Err(_) => (ReturnCode::CalleeTrapped as u32, Vec::new()),
        }
    }

    /// Writes a callee's output if it has one and the caller wants it.
    fn output(&mut self, code: u32, out: &[u8], ptr: u32, len_ptr: u32) -> Result<u64, FrameError> {
        let has_output =
            code == ReturnCode::Success as u32 || code == ReturnCode::CalleeReverted as u32;
        if ptr == 0 || !has_output {
            return Ok(code as u64);
        }
        match self.write_var(ptr, len_ptr, out)? {
            OK => Ok(code as u64),
            other => Ok(other),
        }
    }

    fn call(&mut self, args_ptr: u32) -> Result<u64, FrameError> {
        self.charge(HostCost::Frame)?;
        let raw = self.read_array::<{ CallArgs::SIZE }>(args_ptr)?;
        let args = CallArgs::from_le_bytes(&raw);
        let callee = self.account(args.callee_ptr)?;
        let value = self.balance(args.value_ptr)?;
        let input = self.read(args.input_ptr, args.input_len)?;
        if !ContractInfoOf::<T>::contains_key(&callee) {
            return Ok(ReturnCode::NotCallable as u64);
        }
        // Re-entry into this contract (by the callee, or calling itself) is allowed
        // only with the flag; contracts lower in the stack decided for themselves.
        if let Some(top) = self.stack.top_flag() {
            *top = args.flags & CALL_FLAG_ALLOW_REENTRY != 0;
        }
        if !self.stack.may_enter(&callee) {
            return Ok(ReturnCode::ReentranceDenied as u64);
        }
        let Some(value) = exec::balance_from::<T>(value) else {
            return Ok(ReturnCode::TransferFailed as u64);
        };
        let frame = Frame {
            address: callee,
            caller: self.frame.address.clone(),
            value,
            input,
            gas: self.callee_gas(args.gas_limit),
            allow_reentry: false,
            instantiate: None,
            delegate: None,
        };
        let (code, out) = self.nested(frame);
        self.output(code, &out, args.output_ptr, args.output_len_ptr)
    }

    /// Runs stored code as this contract: same address, caller and value, all the gas
    /// left.
    fn delegate_call(&mut self, a: [u32; 6]) -> Result<u64, FrameError> {
        self.charge(HostCost::Frame)?;
        if a[0] != 0 {
            return Err(FrameError::Trapped);
        }
        let code_hash = CodeHash::from(self.read_array::<32>(a[1])?);
        let input = self.read(a[2], a[3])?;
        if !CodeInfoOf::<T>::contains_key(code_hash) {
            return Ok(ReturnCode::CodeNotFound as u64);
        }
        if let Some(top) = self.stack.top_flag() {
            *top = false;
        }
        let frame = Frame {
            address: self.frame.address.clone(),
            caller: self.frame.caller.clone(),
            value: self.frame.value,
            input,
            gas: self.callee_gas(0),
            allow_reentry: false,
            instantiate: None,
            delegate: Some(code_hash),
        };
        let (code, out) = self.nested(frame);
        self.refresh_info();
        self.output(code, &out, a[4], a[5])
    }

    /// Locks (`lock`) or unlocks a delegate dependency on the code at `ptr`: a reference on
    /// that code, so it cannot be removed while this contract delegates to it. Locking
    /// code already locked changes nothing; more than `MAX_DELEGATE_DEPENDENCIES` traps.
    fn lock_delegate_dependency(&mut self, ptr: u32, lock: bool) -> Result<u64, FrameError> {
        let hash = CodeHash::from(self.read_array::<32>(ptr)?);
        self.charge(HostCost::StorageWrite(64))?;
        self.refresh_info();
        let deps = &mut self.info.delegate_dependencies;
        let at = deps.iter().position(|h| *h == hash);
        let change: i64 = match (lock, at) {
            (true, Some(_)) => return Ok(OK),
            (true, None) => {
                if !CodeInfoOf::<T>::contains_key(hash) {
                    return Ok(ReturnCode::CodeNotFound as u64);
                }
                deps.try_push(hash).map_err(|_| FrameError::Trapped)?;
                1
            }
            (false, Some(i)) => {
                deps.remove(i);
                -1
            }
            (false, None) => return Ok(ReturnCode::KeyNotFound as u64),
        };
        CodeInfoOf::<T>::mutate(hash, |c| {
            if let Some(c) = c {
                c.refcount = c.refcount.saturating_add_signed(change);
            }
        });
        ContractInfoOf::<T>::insert(&self.frame.address, &*self.info);
        Ok(OK)
    }

    fn instantiate(&mut self, args_ptr: u32) -> Result<u64, FrameError> {
        self.charge(HostCost::Frame)?;
        let raw = self.read_array::<{ InstantiateArgs::SIZE }>(args_ptr)?;
        let args = InstantiateArgs::from_le_bytes(&raw);
        let code_hash = CodeHash::from(self.read_array::<32>(args.code_hash_ptr)?);
        let value = self.balance(args.value_ptr)?;
        let input = self.read(args.input_ptr, args.input_len)?;
        let salt = self.read(args.salt_ptr, args.salt_len)?;
        if !CodeInfoOf::<T>::contains_key(code_hash) {
            return Ok(ReturnCode::CodeNotFound as u64);
        }
        let address = Stack::<T>::contract_address(&self.frame.address, &code_hash, &input, &salt);
        if ContractInfoOf::<T>::contains_key(&address) {
            return Ok(ReturnCode::DuplicateContractAddress as u64);
        }
        let Some(value) = exec::balance_from::<T>(value) else {
            return Ok(ReturnCode::TransferFailed as u64);
        };
        if let Some(top) = self.stack.top_flag() {
            *top = false;
        }
        let frame = Frame {
            address: address.clone(),
            caller: self.frame.address.clone(),
            value,
            input,
            gas: self.callee_gas(args.gas_limit),
            allow_reentry: false,
            instantiate: Some(code_hash),
            delegate: None,
        };
        let (code, out) = self.nested(frame);
        if code == ReturnCode::Success as u32 {
            self.write(args.address_out_ptr, &account_bytes::<T>(&address))?;
        }
        self.output(code, &out, args.output_ptr, args.output_len_ptr)
    }
}

/// The host-interface code for a nested frame that could not run.
fn dispatch_code<T: Config>(e: sp_runtime::DispatchError) -> ReturnCode {
    use crate::Error;
    let is = |x: Error<T>| e == x.into();
    if is(Error::MaxCallDepthReached) {
        ReturnCode::CallDepthExceeded
    } else if is(Error::TransferFailed) {
        ReturnCode::TransferFailed
    } else if is(Error::CodeNotFound) {
        ReturnCode::CodeNotFound
    } else if is(Error::DuplicateContract) {
        ReturnCode::DuplicateContractAddress
    } else if is(Error::ContractNotFound) {
        ReturnCode::NotCallable
    } else {
        ReturnCode::CalleeTrapped
    }
}

/// Topics as the chain's hash type.
trait FromTopic {
    fn decode_from_topic(t: &[u8; 32]) -> Self;
}

impl<H: codec::Decode + Default> FromTopic for H {
    fn decode_from_topic(t: &[u8; 32]) -> Self {
        H::decode(&mut &t[..]).unwrap_or_default()
    }
}
