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
use rivet_host_api::ReturnCode;
use rivet_host_env::Nested;

use crate::{AccountId, MockHost};

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

    /// The frames below the current one, outermost first: (contract, allows re-entry).
    pub(crate) fn stack(&self) -> &[(AccountId, bool)] {
        &self.stack
    }

    /// Adds `value` to `account`'s balance if it is a contract here.
    pub(crate) fn credit(&mut self, account: &AccountId, value: u128) {
        if let Some(c) = self.contracts.get_mut(account) {
            c.balance += value;
        }
    }
}

/// What a nested frame runs.
pub(crate) struct Frame {
    pub(crate) address: AccountId,
    pub(crate) code_hash: [u8; 32],
    pub(crate) value: u128,
    pub(crate) export: &'static str,
    pub(crate) input: Vec<u8>,
    pub(crate) gas: u64,
    pub(crate) allow_reentry: bool,
    /// A delegate call: `code_hash`'s code runs as this contract, with its caller and
    /// value.
    pub(crate) delegate: bool,
}

impl MockHost {
    /// A contract's code hash, wherever its state lives now.
    pub(crate) fn code_of(&self, account: &AccountId) -> Option<[u8; 32]> {
        if *account == self.address {
            return Some(self.code_hash);
        }
        self.world.contracts.get(account).map(|c| c.code_hash)
    }

    /// Runs `frame` on a fresh instance: how it ended and the gas it used (which the
    /// caller pays). A callee whose code cannot run traps, as on the chain.
    pub(crate) fn nested(&mut self, frame: Frame) -> Nested {
        if self.world.stack.len() + 2 > self.world.max_call_depth {
            return Nested::refused(ReturnCode::CallDepthExceeded);
        }
        if !self.can_send(frame.value) {
            return Nested::refused(ReturnCode::TransferFailed);
        }
        let Some(module) = self.world.codes.get(&frame.code_hash) else {
            return Nested::refused(ReturnCode::CodeNotFound);
        };
        let Ok(mut instance) = module.instantiate() else {
            return Nested::refused(ReturnCode::CalleeTrapped);
        };
        let snapshot = self.snapshot();
        let mut child = self.enter(&frame);
        let result = child.run(&mut *instance, frame.export, &frame.input, frame.gas);
        self.leave(child, &frame.address, result.as_ref().is_ok_and(|o| o.terminated.is_none()));
        let gas_used = frame.gas - instance.gas_left();
        let (code, output) = match result {
            Ok(out) if !out.reverted => {
                return Nested { code: ReturnCode::Success, output: out.data, gas_used }
            }
            Ok(out) => (ReturnCode::CalleeReverted, out.data),
            Err(_) => (ReturnCode::CalleeTrapped, Vec::new()),
        };
        self.restore(snapshot);
        Nested { code, output, gas_used }
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
            // The map is the called program's: another contract's code has its own.
            debug_map: None,
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
}
