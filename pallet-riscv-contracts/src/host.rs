//! The chain's side of the host functions: a frame's world on the chain ([`Runtime`],
//! the [`Ext`] that `rivet-host-env`'s table dispatches into). Decoding arguments,
//! limits, charging and the memory conventions are the table's; this is storage,
//! balances, nested frames and events. The call stack is reached through [`Calls`], so
//! this module does not depend on `exec.rs`, which drives frames and uses it.

use alloc::vec::Vec;

use frame_support::traits::fungible::Inspect;
use frame_support::traits::tokens::{Fortitude, Preservation};
use frame_support::traits::{Get, Time};
use rivet_executor::Instance;
use rivet_host_api::ReturnCode;
use rivet_host_env::{Bytes32, Ext, Fault, HashFn, HostCost, Nested};
use sp_runtime::traits::SaturatedConversion;

use crate::frame::{
    account_bytes, balance_from, balance_u128, contract_address, Frame, FrameEnd, FrameError,
};
use crate::primitives::EmittedEvent;
use crate::storage::{self, ContractInfo};
use crate::{BalanceOf, CodeHash, CodeInfoOf, Config, ContractInfoOf, Event, Pallet};

/// What host functions need of the call stack.
pub(crate) trait Calls<T: Config> {
    /// The transaction's signer.
    fn origin(&self) -> &T::AccountId;
    /// Keeps a debug message.
    fn debug_message(&mut self, message: &[u8]);
    /// Records an event for the dry run's result (dropped if the frame rolls back).
    fn emit(&mut self, event: EmittedEvent);
    /// Whether `address` may be entered now.
    fn may_enter(&self, address: &T::AccountId) -> bool;
    /// Sets whether the current frame may be re-entered (each call it makes says).
    fn set_reentry(&mut self, allowed: bool);
    /// Whether `address` is active below the current frame.
    fn is_active_below(&self, address: &T::AccountId) -> bool;
    /// Runs `frame` in its own storage transaction; how it ended and the gas it used.
    fn run(&mut self, frame: Frame<T>) -> (Result<FrameEnd<T>, FrameError>, u64);
    /// Moves `value` (nothing for zero).
    ///
    /// # Errors
    /// If the transfer fails.
    fn transfer(
        &self,
        from: &T::AccountId,
        to: &T::AccountId,
        value: BalanceOf<T>,
    ) -> Result<(), FrameError>;
}

/// One frame's world on the chain while it serves a host call.
pub(crate) struct Runtime<'a, T: Config> {
    pub stack: &'a mut dyn Calls<T>,
    pub frame: &'a Frame<T>,
    pub info: &'a mut ContractInfo<T>,
    pub inst: &'a mut dyn Instance,
}

impl<T: Config> Runtime<'_, T> {
    /// Re-reads this contract's info: a nested frame of the same contract (re-entrant,
    /// or a delegate call) may have changed it.
    fn refresh_info(&mut self) {
        if let Some(fresh) = storage::contract::<T>(&self.frame.address) {
            *self.info = fresh;
        }
    }

    /// Runs a nested frame; the caller pays the gas it used.
    fn nested(&mut self, frame: Frame<T>) -> Nested {
        let (result, gas_used) = self.stack.run(frame);
        let (code, output) = match result {
            Ok(FrameEnd::Returned(r)) if r.did_revert() => (ReturnCode::CalleeReverted, r.data),
            Ok(FrameEnd::Returned(r)) => (ReturnCode::Success, r.data),
            Ok(FrameEnd::Terminated(_)) => (ReturnCode::Success, Vec::new()),
            Err(FrameError::Dispatch(e)) => (dispatch_code::<T>(e), Vec::new()),
            Err(_) => (ReturnCode::CalleeTrapped, Vec::new()),
        };
        Nested { code, output, gas_used }
    }
}

impl<T: Config> Ext for Runtime<'_, T> {
    fn gas(&self, cost: HostCost) -> u64 {
        crate::gas::price::<T>(cost)
    }

    fn instance(&mut self) -> &mut dyn Instance {
        &mut *self.inst
    }

    fn input(&self) -> &[u8] {
        &self.frame.input
    }

    fn caller(&self) -> Bytes32 {
        account_bytes::<T>(&self.frame.caller)
    }

    fn address(&self) -> Bytes32 {
        account_bytes::<T>(&self.frame.address)
    }

    fn caller_is_origin(&self) -> bool {
        self.frame.caller == *self.stack.origin()
    }

    fn value_transferred(&self) -> u128 {
        balance_u128::<T>(self.frame.value)
    }

    fn balance(&mut self) -> u128 {
        // What the contract can spend: its existential deposit stays (as pallet-contracts
        // reports it, and ink! contracts split it).
        let spendable = T::Currency::reducible_balance(
            &self.frame.address,
            Preservation::Preserve,
            Fortitude::Polite,
        );
        balance_u128::<T>(spendable)
    }

    fn minimum_balance(&self) -> u128 {
        balance_u128::<T>(T::Currency::minimum_balance())
    }

    fn block_number(&self) -> u32 {
        frame_system::Pallet::<T>::block_number().saturated_into::<u32>()
    }

    fn now(&self) -> u64 {
        T::Time::now().saturated_into::<u64>()
    }

    fn own_code_hash(&self) -> Bytes32 {
        self.info.code_hash.0
    }

    fn debug_messages(&self) -> bool {
        T::DebugMessages::get()
    }

    fn debug_message(&mut self, message: &[u8]) {
        log::debug!(
            target: "runtime::riscv-contracts",
            "{}",
            alloc::string::String::from_utf8_lossy(message)
        );
        self.stack.debug_message(message);
    }

    fn get_storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        self.info.read(key)
    }

    fn set_storage(&mut self, key: &[u8], value: Option<&[u8]>) -> Option<u32> {
        self.refresh_info();
        let old = self.info.write(key, value);
        ContractInfoOf::<T>::insert(&self.frame.address, &*self.info);
        old
    }

    fn storage_len(&mut self, key: &[u8]) -> Option<u32> {
        frame_support::storage::child::len(&self.info.child_info(), key)
    }

    fn transfer(&mut self, to: &Bytes32, value: u128) -> bool {
        let Some(value) = balance_from::<T>(value) else { return false };
        self.stack.transfer(&self.frame.address, &(*to).into(), value).is_ok()
    }

    fn code_hash(&mut self, account: &Bytes32) -> Option<Bytes32> {
        storage::contract::<T>(&(*account).into()).map(|c| c.code_hash.0)
    }

    fn is_contract(&mut self, account: &Bytes32) -> bool {
        ContractInfoOf::<T>::contains_key(T::AccountId::from(*account))
    }

    fn set_code_hash(&mut self, hash: &Bytes32) -> ReturnCode {
        let hash = CodeHash::from(*hash);
        if !CodeInfoOf::<T>::contains_key(hash) {
            return ReturnCode::CodeNotFound;
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
        ReturnCode::Success
    }

    /// A delegate dependency is a reference on that code, so it cannot be removed while
    /// this contract delegates to it. Locking code already locked changes nothing; more
    /// than `MAX_DELEGATE_DEPENDENCIES` traps.
    fn lock_delegate_dependency(
        &mut self,
        hash: &Bytes32,
        lock: bool,
    ) -> Result<ReturnCode, Fault> {
        let hash = CodeHash::from(*hash);
        self.refresh_info();
        let deps = &mut self.info.delegate_dependencies;
        let at = deps.iter().position(|h| *h == hash);
        let change: i64 = match (lock, at) {
            (true, Some(_)) => return Ok(ReturnCode::Success),
            (true, None) => {
                if !CodeInfoOf::<T>::contains_key(hash) {
                    return Ok(ReturnCode::CodeNotFound);
                }
                deps.try_push(hash).map_err(|_| Fault::TooManyDependencies)?;
                1
            }
            (false, Some(i)) => {
                deps.remove(i);
                -1
            }
            (false, None) => return Ok(ReturnCode::KeyNotFound),
        };
        CodeInfoOf::<T>::mutate(hash, |c| {
            if let Some(c) = c {
                c.refcount = c.refcount.saturating_add_signed(change);
            }
        });
        ContractInfoOf::<T>::insert(&self.frame.address, &*self.info);
        Ok(ReturnCode::Success)
    }

    fn may_terminate(&self) -> bool {
        !self.stack.is_active_below(&self.frame.address)
    }

    fn call(
        &mut self,
        callee: Bytes32,
        value: u128,
        input: Vec<u8>,
        gas: u64,
        allow_reentry: bool,
    ) -> Nested {
        let callee = T::AccountId::from(callee);
        if !ContractInfoOf::<T>::contains_key(&callee) {
            return Nested::refused(ReturnCode::NotCallable);
        }
        // Re-entry into this contract (by the callee, or calling itself) is allowed
        // only with the flag; contracts lower in the stack decided for themselves.
        self.stack.set_reentry(allow_reentry);
        if !self.stack.may_enter(&callee) {
            return Nested::refused(ReturnCode::ReentranceDenied);
        }
        let Some(value) = balance_from::<T>(value) else {
            return Nested::refused(ReturnCode::TransferFailed);
        };
        self.nested(Frame {
            address: callee,
            caller: self.frame.address.clone(),
            value,
            input,
            gas,
            allow_reentry: false,
            instantiate: None,
            delegate: None,
        })
    }

    /// Same address, caller and value; the contract's info is re-read after.
    fn delegate_call(&mut self, code_hash: Bytes32, input: Vec<u8>, gas: u64) -> Nested {
        let code_hash = CodeHash::from(code_hash);
        if !CodeInfoOf::<T>::contains_key(code_hash) {
            return Nested::refused(ReturnCode::CodeNotFound);
        }
        self.stack.set_reentry(false);
        let nested = self.nested(Frame {
            address: self.frame.address.clone(),
            caller: self.frame.caller.clone(),
            value: self.frame.value,
            input,
            gas,
            allow_reentry: false,
            instantiate: None,
            delegate: Some(code_hash),
        });
        self.refresh_info();
        nested
    }

    fn instantiate(
        &mut self,
        code_hash: Bytes32,
        value: u128,
        input: Vec<u8>,
        salt: Vec<u8>,
        gas: u64,
    ) -> (Nested, Bytes32) {
        let code_hash = CodeHash::from(code_hash);
        let address = contract_address::<T>(&self.frame.address, &code_hash, &input, &salt);
        let bytes = account_bytes::<T>(&address);
        if !CodeInfoOf::<T>::contains_key(code_hash) {
            return (Nested::refused(ReturnCode::CodeNotFound), bytes);
        }
        if ContractInfoOf::<T>::contains_key(&address) {
            return (Nested::refused(ReturnCode::DuplicateContractAddress), bytes);
        }
        let Some(value) = balance_from::<T>(value) else {
            return (Nested::refused(ReturnCode::TransferFailed), bytes);
        };
        self.stack.set_reentry(false);
        let nested = self.nested(Frame {
            address,
            caller: self.frame.address.clone(),
            value,
            input,
            gas,
            allow_reentry: false,
            instantiate: Some(code_hash),
            delegate: None,
        });
        (nested, bytes)
    }

    fn deposit_event(&mut self, topics: Vec<Bytes32>, data: Vec<u8>) {
        let hashes: Vec<T::Hash> = topics.iter().map(T::Hash::decode_from_topic).collect();
        frame_system::Pallet::<T>::deposit_event_indexed(
            &hashes,
            <T as frame_system::Config>::RuntimeEvent::from(Event::<T>::ContractEmitted {
                contract: self.frame.address.clone(),
                data: data.clone(),
            }),
        );
        let contract = account_bytes::<T>(&self.frame.address);
        self.stack.emit(EmittedEvent { contract, topics, data });
    }

    fn hash(&self, hash: HashFn, data: &[u8]) -> Vec<u8> {
        match hash {
            HashFn::Blake2_256 => sp_io::hashing::blake2_256(data).to_vec(),
            HashFn::Blake2_128 => sp_io::hashing::blake2_128(data).to_vec(),
            HashFn::Keccak256 => sp_io::hashing::keccak_256(data).to_vec(),
            HashFn::Sha2_256 => sp_io::hashing::sha2_256(data).to_vec(),
        }
    }

    fn ecdsa_recover(&self, signature: &[u8; 65], message_hash: &[u8; 32]) -> Option<[u8; 33]> {
        sp_io::crypto::secp256k1_ecdsa_recover_compressed(signature, message_hash).ok()
    }

    fn ecdsa_to_eth_address(&self, key: &[u8; 33]) -> Option<[u8; 20]> {
        crate::crypto::eth_address(key)
    }

    fn sr25519_verify(&self, signature: &[u8; 64], message: &[u8], key: &[u8; 32]) -> bool {
        let signature = sp_core::sr25519::Signature::from_raw(*signature);
        let key = sp_core::sr25519::Public::from_raw(*key);
        sp_io::crypto::sr25519_verify(&signature, message, &key)
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
