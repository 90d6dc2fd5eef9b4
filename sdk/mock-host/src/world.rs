//! The other contracts: uploaded code, deployed contracts, and the nested calls and
//! instantiations that run them.
//!
//! While a contract calls another, its own state moves into [`World::contracts`] (so a
//! re-entrant call sees it) and the callee's state moves out into a fresh [`MockHost`]
//! frame; when the callee ends, both move back. A callee that fails or reverts leaves
//! nothing behind: the caller's whole state, every other contract included, is restored.

use std::collections::BTreeMap;
use std::sync::Arc;

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use rivet_executor::{EngineKind, Limits, Module, Program};
use rivet_host_api::{CallArgs, InstantiateArgs, ReturnCode, CALL_FLAG_ALLOW_REENTRY};

use crate::io::Io;
use crate::{AccountId, MockError, MockHost};

/// A deployed contract that is not the one being called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contract {
    /// Its code.
    pub code_hash: [u8; 32],
    /// Its storage.
    pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
    /// Its balance.
    pub balance: u128,
}

/// Everything outside the contract being called.
#[derive(Clone)]
pub struct World {
    /// Uploaded code by hash (BLAKE2b-256 of the blob), prepared for [`World::engine`].
    pub codes: BTreeMap<[u8; 32], Module>,
    /// Deployed contracts other than the current one.
    pub contracts: BTreeMap<AccountId, Contract>,
    /// The engine callees run on.
    pub engine: EngineKind,
    /// Most contract frames on the stack at once, the outermost call included.
    pub max_call_depth: usize,
    /// The frames below the current one, outermost first: (contract, allows re-entry).
    stack: Vec<(AccountId, bool)>,
}

impl Default for World {
    fn default() -> Self {
        World {
            codes: BTreeMap::new(),
            contracts: BTreeMap::new(),
            engine: EngineKind::Auto,
            // As pallet-contracts' default `CallStack` size.
            max_call_depth: 5,
            stack: Vec::new(),
        }
    }
}

impl core::fmt::Debug for World {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("World")
            .field("codes", &self.codes.keys().collect::<Vec<_>>())
            .field("contracts", &self.contracts)
            .field("engine", &self.engine)
            .field("stack", &self.stack)
            .finish()
    }
}

/// BLAKE2b-256.
fn blake2_256(data: &[u8]) -> [u8; 32] {
    Blake2b::<U32>::digest(data).into()
}

impl World {
    /// Validates and stores a blob; returns its code hash.
    ///
    /// # Errors
    /// If the blob does not validate or the engine cannot prepare it.
    pub fn upload(&mut self, blob: &[u8]) -> Result<[u8; 32], String> {
        let program = Program::from_bytes(blob, &Limits::default()).map_err(|e| e.to_string())?;
        let module = Module::new(Arc::new(program), self.engine).map_err(|e| e.to_string())?;
        let hash = blake2_256(blob);
        self.codes.insert(hash, module);
        Ok(hash)
    }

    /// The address a contract instantiated by `deployer` from `code_hash` with `input`
    /// and `salt` gets: BLAKE2b-256 of all four, concatenated.
    pub fn contract_address(
        deployer: &AccountId,
        code_hash: &[u8; 32],
        input: &[u8],
        salt: &[u8],
    ) -> AccountId {
        blake2_256(&[&deployer[..], code_hash, input, salt].concat())
    }

    /// Whether `account` is a frame below the current one.
    pub(crate) fn is_active(&self, account: &AccountId) -> bool {
        self.stack.iter().any(|(a, _)| a == account)
    }

    /// Adds `value` to `account`'s balance if it is a contract here.
    pub(crate) fn credit(&mut self, account: &AccountId, value: u128) {
        if let Some(c) = self.contracts.get_mut(account) {
            c.balance += value;
        }
    }
}

/// What a nested frame runs.
struct Frame {
    address: AccountId,
    code_hash: [u8; 32],
    value: u128,
    export: &'static str,
    input: Vec<u8>,
    gas: u64,
    allow_reentry: bool,
    /// A delegate call: `code_hash`'s code runs as this contract, with its caller and
    /// value.
    delegate: bool,
}

impl MockHost {
    /// `HostFn::Call`: runs another contract (or, re-entrantly, this one).
    pub(crate) fn call_contract(&mut self, io: &mut Io, args_ptr: u32) -> Result<u32, MockError> {
        let raw = io.read(args_ptr, CallArgs::SIZE as u32)?;
        let args = CallArgs::from_le_bytes(raw.as_slice().try_into().expect("SIZE bytes; qed"));
        let callee = io.account(args.callee_ptr)?;
        let value = io.balance(args.value_ptr)?;
        let input = io.read(args.input_ptr, args.input_len)?;
        let allow_reentry = args.flags & CALL_FLAG_ALLOW_REENTRY != 0;
        let Some(code_hash) = self.code_of(&callee) else {
            return Ok(ReturnCode::NotCallable as u32);
        };
        // Re-entry into a contract is allowed only if its own outgoing call said so.
        let denied = (callee == self.address && !allow_reentry)
            || self.world.stack.iter().any(|(a, allowed)| *a == callee && !allowed);
        if denied {
            return Ok(ReturnCode::ReentranceDenied as u32);
        }
        let gas = gas_for(io, args.gas_limit);
        let frame = Frame {
            address: callee,
            code_hash,
            value,
            export: "call",
            input,
            gas,
            allow_reentry,
            delegate: false,
        };
        let (code, output) = self.nested(io, frame)?;
        self.write_output(io, code, &output, args.output_ptr, args.output_len_ptr)
    }

    /// `HostFn::DelegateCall`: runs uploaded code as this contract.
    pub(crate) fn delegate_call(&mut self, io: &mut Io, a: [u32; 6]) -> Result<u32, MockError> {
        if a[0] != 0 {
            return Err(io.bad(format!("delegate call flags {:#x} (must be 0)", a[0])));
        }
        let code_hash: [u8; 32] = io.read(a[1], 32)?.try_into().expect("32 bytes; qed");
        let input = io.read(a[2], a[3])?;
        if !self.world.codes.contains_key(&code_hash) {
            return Ok(ReturnCode::CodeNotFound as u32);
        }
        let gas = gas_for(io, 0);
        let frame = Frame {
            address: self.address,
            code_hash,
            value: 0,
            export: "call",
            input,
            gas,
            allow_reentry: false,
            delegate: true,
        };
        let (code, output) = self.nested(io, frame)?;
        self.write_output(io, code, &output, a[4], a[5])
    }

    /// `HostFn::Instantiate`: deploys a contract from uploaded code.
    pub(crate) fn instantiate_contract(
        &mut self,
        io: &mut Io,
        args_ptr: u32,
    ) -> Result<u32, MockError> {
        let raw = io.read(args_ptr, InstantiateArgs::SIZE as u32)?;
        let args =
            InstantiateArgs::from_le_bytes(raw.as_slice().try_into().expect("SIZE bytes; qed"));
        let code_hash: [u8; 32] =
            io.read(args.code_hash_ptr, 32)?.try_into().expect("32 bytes; qed");
        let value = io.balance(args.value_ptr)?;
        let input = io.read(args.input_ptr, args.input_len)?;
        let salt = io.read(args.salt_ptr, args.salt_len)?;
        if !self.world.codes.contains_key(&code_hash) {
            return Ok(ReturnCode::CodeNotFound as u32);
        }
        let address = World::contract_address(&self.address, &code_hash, &input, &salt);
        if self.code_of(&address).is_some() {
            return Ok(ReturnCode::DuplicateContractAddress as u32);
        }
        let gas = gas_for(io, args.gas_limit);
        let frame = Frame {
            address,
            code_hash,
            value,
            export: "deploy",
            input,
            gas,
            allow_reentry: false,
            delegate: false,
        };
        let (code, output) = self.nested(io, frame)?;
        if code == ReturnCode::Success as u32 {
            io.write(args.address_out_ptr, &address)?;
        }
        self.write_output(io, code, &output, args.output_ptr, args.output_len_ptr)
    }

    /// A contract's code hash, wherever its state lives now.
    fn code_of(&self, account: &AccountId) -> Option<[u8; 32]> {
        if *account == self.address {
            return Some(self.code_hash);
        }
        self.world.contracts.get(account).map(|c| c.code_hash)
    }

    /// Runs `frame` on a fresh instance; returns the return code and the output.
    fn nested(&mut self, io: &mut Io, frame: Frame) -> Result<(u32, Vec<u8>), MockError> {
        if self.world.stack.len() + 2 > self.world.max_call_depth {
            return Ok((ReturnCode::CallDepthExceeded as u32, Vec::new()));
        }
        if !self.can_send(frame.value) {
            return Ok((ReturnCode::TransferFailed as u32, Vec::new()));
        }
        let module = self
            .world
            .codes
            .get(&frame.code_hash)
            .ok_or_else(|| io.bad("the callee's code is gone".into()))?;
        let mut instance = module.instantiate().map_err(|e| MockError::Engine(e.to_string()))?;
        let snapshot = self.snapshot();
        let mut child = self.enter(&frame);
        let result = child.run(&mut *instance, frame.export, &frame.input, frame.gas);
        self.leave(child, &frame.address, result.as_ref().is_ok_and(|o| o.terminated.is_none()));
        let used = frame.gas - instance.gas_left();
        io.inst.set_gas_left(io.inst.gas_left() - used);
        let (code, output) = match result {
            Ok(out) if !out.reverted => return Ok((ReturnCode::Success as u32, out.data)),
            Ok(out) => (ReturnCode::CalleeReverted, out.data),
            Err(_) => (ReturnCode::CalleeTrapped, Vec::new()),
        };
        self.restore(snapshot);
        Ok((code as u32, output))
    }

    /// The callee's frame; this contract's state moves into the world meanwhile.
    fn enter(&mut self, frame: &Frame) -> MockHost {
        let me = Contract {
            code_hash: self.code_hash,
            storage: std::mem::take(&mut self.storage),
            balance: self.balance - frame.value,
        };
        let mut world = std::mem::take(&mut self.world);
        world.contracts.insert(self.address, me);
        let mut callee = world.contracts.remove(&frame.address).unwrap_or(Contract {
            code_hash: frame.code_hash,
            storage: BTreeMap::new(),
            balance: 0,
        });
        callee.balance += frame.value;
        world.stack.push((self.address, frame.allow_reentry));
        let (caller, value_transferred) = if frame.delegate {
            (self.caller, self.value_transferred)
        } else {
            (self.address, frame.value)
        };
        MockHost {
            storage: callee.storage,
            caller,
            origin: self.origin,
            address: frame.address,
            value_transferred,
            balance: callee.balance,
            minimum_balance: self.minimum_balance,
            block_number: self.block_number,
            now: self.now,
            code_hash: callee.code_hash,
            events: std::mem::take(&mut self.events),
            debug_messages: std::mem::take(&mut self.debug_messages),
            transfers: std::mem::take(&mut self.transfers),
            costs: self.costs,
            world,
        }
    }

    /// Back from the callee: its state returns to the world (unless it is gone), ours
    /// comes back out.
    fn leave(&mut self, child: MockHost, callee: &AccountId, keep_callee: bool) {
        let mut world = child.world;
        world.stack.pop();
        if keep_callee {
            let state = Contract {
                code_hash: child.code_hash,
                storage: child.storage,
                balance: child.balance,
            };
            world.contracts.insert(*callee, state);
        }
        let me = world.contracts.remove(&self.address).expect("inserted by `enter`; qed");
        self.storage = me.storage;
        self.balance = me.balance;
        self.code_hash = me.code_hash;
        self.world = world;
        self.events = child.events;
        self.debug_messages = child.debug_messages;
        self.transfers = child.transfers;
    }

    /// Writes a callee's output (if the caller wants it) and passes the code on.
    fn write_output(
        &mut self,
        io: &mut Io,
        code: u32,
        output: &[u8],
        out_ptr: u32,
        len_ptr: u32,
    ) -> Result<u32, MockError> {
        let has_output =
            code == ReturnCode::Success as u32 || code == ReturnCode::CalleeReverted as u32;
        if out_ptr == 0 || !has_output {
            return Ok(code);
        }
        match io.write_var(out_ptr, len_ptr, output)? {
            c if c == ReturnCode::Success as u32 => Ok(code),
            c => Ok(c),
        }
    }
}

/// The gas a callee may use: its limit, or all that is left (0 or over).
fn gas_for(io: &Io, limit: u64) -> u64 {
    let left = io.inst.gas_left();
    if limit == 0 || limit > left {
        left
    } else {
        limit
    }
}
