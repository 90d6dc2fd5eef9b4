//! The call stack: contract frames, each in its own storage transaction, with value
//! transfers, instantiation, termination, storage deposits and the gas that flows from
//! a caller's instance into its callee's.

use alloc::vec::Vec;

use frame_support::storage::{with_transaction, TransactionOutcome};
use frame_support::traits::fungible::{Inspect, InspectHold, Mutate, MutateHold};
use frame_support::traits::tokens::{Fortitude, Precision, Preservation, Restriction};
use frame_support::traits::Get;
use frame_support::weights::Weight;
use rivet_executor::{Instance, Outcome, TrapKind};
use rivet_runtime_interface::{Code, Engine, EngineError};
use sp_runtime::traits::Zero;
use sp_runtime::DispatchError;

use rivet_host_env::{Halt, HostCost, Next};

use crate::frame::{contract_address, Frame, FrameEnd, FrameError};
use crate::host::{Calls, Runtime};
use crate::primitives::EmittedEvent;
use crate::storage::{self, ContractInfo};
use crate::{
    BalanceOf, CodeHash, CodeInfoOf, Config, ContractInfoOf, ContractResult, Error, Event,
    ExecReturnValue, HoldReason, InstantiateReturnValue, Pallet, PristineCode, StorageDeposit,
};

/// Most return addresses a trap's debug message lists.
const TRAP_FRAMES: usize = 15;

/// One execution (an extrinsic or a dry run).
pub(crate) struct Stack<T: Config> {
    /// The signer.
    pub origin: T::AccountId,
    gas_limit: u64,
    gas_used: u64,
    deposit_limit: Option<BalanceOf<T>>,
    deposit: StorageDeposit<BalanceOf<T>>,
    /// Active contracts, outermost first, and whether each allows re-entry.
    frames: Vec<(T::AccountId, bool)>,
    /// Debug messages.
    pub debug: Vec<u8>,
    /// Events emitted by frames that did not roll back.
    pub emitted: Vec<EmittedEvent>,
    /// What the engine keeps between this execution's frames.
    programs: <T::Engine as Engine>::Programs,
}

impl<T: Config> Stack<T> {
    pub(crate) fn new(
        origin: T::AccountId,
        gas_limit: Weight,
        deposit_limit: Option<BalanceOf<T>>,
    ) -> Stack<T> {
        Stack {
            origin,
            gas_limit: Pallet::<T>::weight_to_gas(gas_limit),
            gas_used: 0,
            deposit_limit,
            deposit: StorageDeposit::default(),
            frames: Vec::new(),
            debug: Vec::new(),
            emitted: Vec::new(),
            programs: Default::default(),
        }
    }

    /// The outermost instantiation.
    pub(crate) fn instantiate_top(
        &mut self,
        value: BalanceOf<T>,
        code_hash: CodeHash,
        input: Vec<u8>,
        salt: Vec<u8>,
    ) -> Result<InstantiateReturnValue<T::AccountId>, DispatchError> {
        let origin = self.origin.clone();
        let address = contract_address::<T>(&origin, &code_hash, &input, &salt);
        let frame = Frame {
            address: address.clone(),
            caller: origin,
            value,
            input,
            gas: self.gas_limit,
            allow_reentry: false,
            instantiate: Some(code_hash),
            delegate: None,
        };
        let (result, used) = self.run(frame);
        self.gas_used = used;
        match result.map_err(FrameError::into_dispatch::<T>)? {
            FrameEnd::Returned(result) => {
                Ok(InstantiateReturnValue { result, account_id: address })
            }
            FrameEnd::Terminated(_) => Err(Error::<T>::ContractTrapped.into()),
        }
    }

    /// The outermost call.
    pub(crate) fn call_top(
        &mut self,
        dest: T::AccountId,
        value: BalanceOf<T>,
        input: Vec<u8>,
    ) -> Result<ExecReturnValue, DispatchError> {
        let frame = Frame {
            address: dest,
            caller: self.origin.clone(),
            value,
            input,
            gas: self.gas_limit,
            allow_reentry: false,
            instantiate: None,
            delegate: None,
        };
        let (result, used) = self.run(frame);
        self.gas_used = used;
        match result.map_err(FrameError::into_dispatch::<T>)? {
            FrameEnd::Returned(r) => Ok(r),
            FrameEnd::Terminated(_) => Ok(ExecReturnValue::default()),
        }
    }

    /// What the execution used and returned.
    pub(crate) fn finish<R>(
        self,
        result: Result<R, DispatchError>,
    ) -> ContractResult<R, BalanceOf<T>> {
        let gas = Pallet::<T>::gas_to_weight(self.gas_used);
        let ok = result.is_ok();
        ContractResult {
            gas_consumed: gas,
            gas_required: gas,
            storage_deposit: if ok { self.deposit } else { StorageDeposit::default() },
            debug_message: self.debug,
            events: if ok { self.emitted } else { Vec::new() },
            result,
        }
    }

    /// Whether another frame fits under the depth limit.
    pub(crate) fn has_room(&self) -> bool {
        (self.frames.len() as u32) < T::MaxCallDepth::get()
    }

    /// The frame's work, inside its transaction.
    fn execute(&mut self, frame: &Frame<T>, used: &mut u64) -> Result<FrameEnd<T>, FrameError> {
        let mut info = match frame.instantiate {
            Some(code_hash) => self.create_contract(frame, code_hash)?,
            None => storage::contract::<T>(&frame.address).ok_or(Error::<T>::ContractNotFound)?,
        };
        if frame.instantiate.is_none() && frame.delegate.is_none() {
            self.transfer(&frame.caller, &frame.address, frame.value)?;
        }
        let code_hash = frame.delegate.unwrap_or(info.code_hash);
        // The charge is for the code's length whether or not the engine has it compiled;
        // the code itself is read only if the engine needs it.
        let code_len = CodeInfoOf::<T>::get(code_hash).ok_or(Error::<T>::CodeNotFound)?.code_len;
        let pages = storage::memory_pages::<T>(code_hash)?;
        let load = crate::gas::price::<T>(HostCost::CodeLoad(code_len))
            .saturating_add(crate::gas::price::<T>(HostCost::Instance(pages)));
        if load > frame.gas {
            *used = frame.gas;
            return Err(FrameError::OutOfGas);
        }
        let read = || PristineCode::<T>::get(code_hash).map(|c| c.into_inner());
        let code = Code::Stored { hash: code_hash.into(), load: &read };
        let mut instance = T::Engine::instantiate(&mut self.programs, code, &crate::limits::call())
            .map_err(|e| match e {
                EngineError::Missing => Error::<T>::CodeNotFound,
                _ => Error::<T>::EngineFailure,
            })?;
        let export = if frame.instantiate.is_some() { "deploy" } else { "call" };
        self.frames.push((frame.address.clone(), frame.allow_reentry));
        let end = self.drive(&mut *instance, frame, &mut info, export, frame.gas - load);
        self.frames.pop();
        *used = frame.gas - instance.gas_left();
        if let Err(FrameError::OutOfGas) = end {
            *used = frame.gas;
        }
        let end = end?;
        match frame.delegate {
            Some(code_hash) => Pallet::<T>::deposit_event(Event::DelegateCalled {
                contract: frame.address.clone(),
                code_hash,
            }),
            None if frame.instantiate.is_none() => Pallet::<T>::deposit_event(Event::Called {
                caller: frame.caller.clone(),
                contract: frame.address.clone(),
            }),
            None => {}
        }
        match end {
            FrameEnd::Terminated(beneficiary) => {
                self.terminate(&frame.address, &beneficiary)?;
                Ok(FrameEnd::Terminated(beneficiary))
            }
            FrameEnd::Returned(r) if r.did_revert() => Ok(FrameEnd::Returned(r)),
            FrameEnd::Returned(r) => {
                self.settle_deposit(&frame.address)?;
                Ok(FrameEnd::Returned(r))
            }
        }
    }

    /// Runs the export, serving host calls until it ends.
    fn drive(
        &mut self,
        instance: &mut dyn Instance,
        frame: &Frame<T>,
        info: &mut ContractInfo<T>,
        export: &str,
        gas: u64,
    ) -> Result<FrameEnd<T>, FrameError> {
        let mut exit = instance.call(export, &[], gas).map_err(|_| FrameError::Trapped)?;
        loop {
            match exit.outcome {
                Outcome::Finished { .. } => {
                    return Ok(FrameEnd::Returned(ExecReturnValue::default()))
                }
                Outcome::OutOfGas => return Err(FrameError::OutOfGas),
                Outcome::Trap { kind, pc } => {
                    if T::DebugMessages::get() {
                        let code = frame.delegate.unwrap_or(info.code_hash);
                        self.trap_message(code, kind, pc, instance);
                    }
                    return Err(FrameError::Trapped);
                }
                Outcome::HostCall { number, args } => {
                    let mut rt = Runtime { stack: self, frame, info, inst: instance };
                    match rivet_host_env::dispatch(&mut rt, number, args) {
                        Ok(Next::Resume) => {}
                        Ok(Next::Return { flags, data }) => {
                            return Ok(FrameEnd::Returned(ExecReturnValue { flags, data }))
                        }
                        Ok(Next::Terminate(to)) => return Ok(FrameEnd::Terminated(to.into())),
                        Err(Halt::OutOfGas) => return Err(FrameError::OutOfGas),
                        Err(Halt::Trap(fault)) => {
                            log::debug!(target: "runtime::riscv-contracts", "trapped: {fault}");
                            return Err(FrameError::Trapped);
                        }
                    }
                    exit = instance.resume().map_err(|_| FrameError::Trapped)?;
                }
            }
        }
    }

    /// Says where a frame trapped, as a debug message (chains that keep them): the
    /// code, the address, what happened and the return addresses the frame-pointer
    /// chain shows, for tools to map to source lines with the contract's ELF (`rivet
    /// call --dry-run` does): `trapped at 0x… in code 0x…: …[; return addresses 0x… …]`.
    fn trap_message(&mut self, code: CodeHash, kind: TrapKind, pc: u32, instance: &dyn Instance) {
        use core::fmt::Write;
        let mut line = alloc::string::String::new();
        let _ = write!(line, "trapped at {pc:#x} in code 0x");
        for b in code.as_bytes() {
            let _ = write!(line, "{b:02x}");
        }
        let _ = write!(line, ": {kind}");
        let chain = rivet_executor::frame_chain(instance, TRAP_FRAMES);
        if !chain.is_empty() {
            line.push_str("; return addresses");
            for ra in chain {
                let _ = write!(line, " {ra:#x}");
            }
        }
        self.debug_message(line.as_bytes());
    }

    /// A new contract at `frame.address`: its info, its account (with the existential
    /// deposit from the origin), the endowment, and a reference on its code.
    fn create_contract(
        &mut self,
        frame: &Frame<T>,
        code_hash: CodeHash,
    ) -> Result<ContractInfo<T>, FrameError> {
        ensure_not(
            ContractInfoOf::<T>::contains_key(&frame.address),
            Error::<T>::DuplicateContract,
        )?;
        CodeInfoOf::<T>::try_mutate(code_hash, |c| {
            let c = c.as_mut().ok_or(Error::<T>::CodeNotFound)?;
            c.refcount += 1;
            Ok::<_, DispatchError>(())
        })?;
        let ed = T::Currency::minimum_balance();
        T::Currency::transfer(&self.origin, &frame.address, ed, Preservation::Preserve)
            .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)?;
        self.deposit = self.deposit.saturating_add_charge(ed);
        self.transfer(&frame.caller, &frame.address, frame.value)?;
        let info = ContractInfo::<T>::new(code_hash);
        ContractInfoOf::<T>::insert(&frame.address, &info);
        Pallet::<T>::deposit_event(Event::Instantiated {
            deployer: frame.caller.clone(),
            contract: frame.address.clone(),
            code_hash,
        });
        Ok(info)
    }

    /// Charges or refunds the difference between what `address`'s storage needs and
    /// what it holds.
    fn settle_deposit(&mut self, address: &T::AccountId) -> Result<(), FrameError> {
        let Some(mut info) = storage::contract::<T>(address) else { return Ok(()) };
        let required = info.required_deposit();
        let held = info.storage_deposit;
        let reason = HoldReason::StorageDepositReserve.into();
        if required > held {
            let charge = required - held;
            let total = self.deposit.saturating_add_charge(charge);
            if let Some(limit) = self.deposit_limit {
                ensure_not(
                    total.charge_or_zero() > limit,
                    Error::<T>::StorageDepositLimitExhausted,
                )?;
            }
            T::Currency::hold(&reason, &self.origin, charge)
                .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)?;
            T::Currency::transfer_on_hold(
                &reason,
                &self.origin,
                address,
                charge,
                Precision::Exact,
                Restriction::OnHold,
                Fortitude::Polite,
            )?;
            self.deposit = total;
            Pallet::<T>::deposit_event(Event::StorageDepositTransferred {
                from: self.origin.clone(),
                to: address.clone(),
                amount: charge,
            });
        } else if held > required {
            let refund = held - required;
            T::Currency::transfer_on_hold(
                &reason,
                address,
                &self.origin,
                refund,
                Precision::BestEffort,
                Restriction::Free,
                Fortitude::Polite,
            )?;
            self.deposit = self.deposit.saturating_add_refund(refund);
            Pallet::<T>::deposit_event(Event::StorageDepositTransferred {
                from: address.clone(),
                to: self.origin.clone(),
                amount: refund,
            });
        }
        info.storage_deposit = required;
        ContractInfoOf::<T>::insert(address, info);
        Ok(())
    }

    /// Removes the contract at `address`: storage, info, code reference, and every
    /// balance (free and held) goes to `beneficiary`.
    fn terminate(
        &mut self,
        address: &T::AccountId,
        beneficiary: &T::AccountId,
    ) -> Result<(), FrameError> {
        let info = ContractInfoOf::<T>::take(address).ok_or(Error::<T>::ContractNotFound)?;
        info.remove_storage();
        for code_hash in core::iter::once(&info.code_hash).chain(&info.delegate_dependencies) {
            CodeInfoOf::<T>::mutate(code_hash, |c| {
                if let Some(c) = c {
                    c.refcount = c.refcount.saturating_sub(1);
                }
            });
        }
        let reason = HoldReason::StorageDepositReserve.into();
        let held = T::Currency::balance_on_hold(&reason, address);
        if !held.is_zero() {
            T::Currency::release(&reason, address, held, Precision::BestEffort)?;
        }
        let all = T::Currency::balance(address);
        if address != beneficiary && !all.is_zero() {
            T::Currency::transfer(address, beneficiary, all, Preservation::Expendable)
                .map_err(|_| Error::<T>::TransferFailed)?;
        }
        Pallet::<T>::deposit_event(Event::Terminated {
            contract: address.clone(),
            beneficiary: beneficiary.clone(),
        });
        Ok(())
    }
}

impl<T: Config> Calls<T> for Stack<T> {
    fn origin(&self) -> &T::AccountId {
        &self.origin
    }

    fn debug_message(&mut self, message: &[u8]) {
        self.debug.extend_from_slice(message);
        self.debug.push(b'\n');
    }

    fn emit(&mut self, event: EmittedEvent) {
        self.emitted.push(event);
    }

    /// Whether `address` may be entered now: not active, or every active frame of it
    /// allows re-entry.
    fn may_enter(&self, address: &T::AccountId) -> bool {
        self.frames.iter().all(|(a, allowed)| a != address || *allowed)
    }

    /// Sets whether the current frame may be re-entered (each call it makes says).
    fn set_reentry(&mut self, allowed: bool) {
        if let Some((_, flag)) = self.frames.last_mut() {
            *flag = allowed;
        }
    }

    /// Whether `address` is active below the current frame.
    fn is_active_below(&self, address: &T::AccountId) -> bool {
        let n = self.frames.len().saturating_sub(1);
        self.frames[..n].iter().any(|(a, _)| a == address)
    }

    /// Runs `frame` in its own storage transaction; how it ended and the gas it used.
    fn run(&mut self, frame: Frame<T>) -> (Result<FrameEnd<T>, FrameError>, u64) {
        if !self.has_room() {
            return (Err(Error::<T>::MaxCallDepthReached.into()), 0);
        }
        let deposit = self.deposit;
        let emitted = self.emitted.len();
        let mut used = 0;
        let result = with_transaction(|| {
            let r = self.execute(&frame, &mut used);
            let commit = matches!(&r, Ok(FrameEnd::Returned(v)) if !v.did_revert())
                || matches!(&r, Ok(FrameEnd::Terminated(_)));
            if commit {
                TransactionOutcome::Commit(Ok(r))
            } else {
                TransactionOutcome::Rollback(Ok(r))
            }
        });
        let result: Result<FrameEnd<T>, FrameError> =
            result.unwrap_or_else(|e: DispatchError| Err(e.into()));
        let committed = match &result {
            Ok(FrameEnd::Returned(v)) => !v.did_revert(),
            Ok(FrameEnd::Terminated(_)) => true,
            Err(_) => false,
        };
        if !committed {
            self.deposit = deposit;
            self.emitted.truncate(emitted);
        }
        (result, used)
    }

    /// Moves `value` (nothing for zero).
    fn transfer(
        &self,
        from: &T::AccountId,
        to: &T::AccountId,
        value: BalanceOf<T>,
    ) -> Result<(), FrameError> {
        if value.is_zero() || from == to {
            return Ok(());
        }
        T::Currency::transfer(from, to, value, Preservation::Preserve)
            .map(|_| ())
            .map_err(|_| Error::<T>::TransferFailed.into())
    }
}

/// `Err(e)` if `cond`.
fn ensure_not<T: Config>(cond: bool, e: Error<T>) -> Result<(), FrameError> {
    if cond {
        Err(FrameError::Dispatch(e.into()))
    } else {
        Ok(())
    }
}
