//! An in-memory implementation of Rivet's host-call interface (`rivet-host-api`): the
//! contract being called (its storage, balance and environment) and, in [`World`], the
//! other contracts and the code they can be instantiated from, with events, debug
//! messages and transfers recorded. For running contracts without a chain (`rivet run`,
//! SDK tests). It follows the interface's conventions exactly, so it doubles as an
//! executable reference of them; the pallet is the on-chain implementation.
//!
//! Cross-contract calls and instantiation run the callee on a fresh instance of its
//! module, with the same engine kind as [`World::engine`]; a failed or reverted call
//! rolls back everything it did, nested calls included.

use std::collections::BTreeMap;

use rivet_executor::engine::Instance;
use rivet_executor::{Outcome, TrapKind};
use rivet_host_api::{HostFn, RETURN_FLAG_REVERT};
use rivet_host_env::{Fault, Halt, Next};

mod ext;
mod world;

pub use world::{Contract, World};

/// An account id.
pub type AccountId = [u8; 32];

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The contract that emitted it.
    pub contract: AccountId,
    /// Its topics.
    pub topics: Vec<[u8; 32]>,
    /// Its data.
    pub data: Vec<u8>,
}

/// Gas the mock charges per host call: `base`, and `per_byte` for every byte moved
/// between guest memory and the host, each charged before the host acts (as the chain
/// charges).
#[derive(Clone, Copy, Debug)]
pub struct HostCosts {
    /// Per call.
    pub base: u64,
    /// Per byte read from or written to guest memory.
    pub per_byte: u64,
}

impl Default for HostCosts {
    fn default() -> Self {
        HostCosts { base: 100, per_byte: 1 }
    }
}

/// The contract's world.
#[derive(Clone, Debug)]
pub struct MockHost {
    /// Contract storage.
    pub storage: BTreeMap<Vec<u8>, Vec<u8>>,
    /// The caller of the current call.
    pub caller: AccountId,
    /// The origin of the transaction.
    pub origin: AccountId,
    /// The contract's own account.
    pub address: AccountId,
    /// Value transferred with the call.
    pub value_transferred: u128,
    /// The contract's balance.
    pub balance: u128,
    /// The existential deposit.
    pub minimum_balance: u128,
    /// Block number.
    pub block_number: u32,
    /// Timestamp (ms).
    pub now: u64,
    /// The contract's code hash.
    pub code_hash: [u8; 32],
    /// Events emitted by successful calls.
    pub events: Vec<Event>,
    /// Debug messages.
    pub debug_messages: Vec<String>,
    /// Transfers made by successful calls.
    pub transfers: Vec<(AccountId, u128)>,
    /// Host-call costs.
    pub costs: HostCosts,
    /// The other contracts and the uploaded code.
    pub world: World,
    /// The called program's symbols and line tables (the ELF beside its blob), to say
    /// where in the source a trap is ([`MockError::Trap`]'s `at`).
    pub debug_map: Option<std::rc::Rc<rivet_debuginfo::DebugMap>>,
}

impl Default for MockHost {
    fn default() -> Self {
        MockHost {
            storage: BTreeMap::new(),
            caller: [1; 32],
            origin: [1; 32],
            address: [2; 32],
            value_transferred: 0,
            balance: 1_000_000,
            minimum_balance: 1,
            block_number: 1,
            now: 1_700_000_000_000,
            code_hash: [3; 32],
            events: Vec::new(),
            debug_messages: Vec::new(),
            transfers: Vec::new(),
            costs: HostCosts::default(),
            world: World::default(),
            debug_map: None,
        }
    }
}

/// How a call ended, when it ended by the contract's choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallOutput {
    /// The data passed to `seal_return` (empty if the export just returned).
    pub data: Vec<u8>,
    /// Whether the contract reverted (its changes were rolled back).
    pub reverted: bool,
    /// The contract terminated itself in favour of this account.
    pub terminated: Option<AccountId>,
    /// Gas used, VM and host calls together.
    pub gas_used: u64,
}

/// A call that failed; all its changes were rolled back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MockError {
    /// The export does not exist.
    NoSuchExport(String),
    /// The contract trapped.
    Trap {
        /// What happened.
        kind: TrapKind,
        /// Where.
        pc: u32,
        /// Where in the source, when the host has the program's debug map
        /// ([`MockHost::debug_map`]): `in <function> at <file>:<line>`, then the
        /// backtrace, a line each (`rivet_debuginfo::describe`).
        at: Vec<String>,
    },
    /// The contract ran out of gas.
    OutOfGas,
    /// A host function number that does not exist.
    UnknownHostFunction(u32),
    /// A host call touched memory outside the contract's, or passed a bad argument.
    BadHostCall {
        /// Which function.
        function: &'static str,
        /// Why.
        reason: String,
    },
}

impl std::fmt::Display for MockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MockError::NoSuchExport(e) => write!(f, "the contract has no export `{e}`"),
            MockError::Trap { kind, pc, at } => {
                write!(f, "the contract trapped at {pc:#x}: {kind}")?;
                at.iter().try_for_each(|line| write!(f, "\n  {line}"))
            }
            MockError::OutOfGas => f.write_str("the contract ran out of gas"),
            MockError::UnknownHostFunction(n) => write!(f, "unknown host function {n}"),
            MockError::BadHostCall { function, reason } => {
                write!(f, "host call `{function}` failed: {reason}")
            }
        }
    }
}

impl std::error::Error for MockError {}

/// The state a call may change, for rolling back: the contract's storage, balance and
/// code, the other contracts, and how many events and transfers there were.
struct Snapshot {
    storage: BTreeMap<Vec<u8>, Vec<u8>>,
    balance: u128,
    code_hash: [u8; 32],
    contracts: BTreeMap<AccountId, Contract>,
    events: usize,
    transfers: usize,
}

impl MockHost {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            storage: self.storage.clone(),
            balance: self.balance,
            code_hash: self.code_hash,
            contracts: self.world.contracts.clone(),
            events: self.events.len(),
            transfers: self.transfers.len(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.storage = s.storage;
        self.balance = s.balance;
        self.code_hash = s.code_hash;
        self.world.contracts = s.contracts;
        self.events.truncate(s.events);
        self.transfers.truncate(s.transfers);
    }

    /// Calls `export` of `instance` with `input` as the call's input data.
    ///
    /// # Errors
    /// Traps, out of gas and bad host calls; the host's state is then as before.
    pub fn call(
        &mut self,
        instance: &mut dyn Instance,
        export: &str,
        input: &[u8],
        gas: u64,
    ) -> Result<CallOutput, MockError> {
        let snapshot = self.snapshot();
        let result = self.run(instance, export, input, gas);
        match &result {
            Ok(out) if !out.reverted => {}
            _ => self.restore(snapshot),
        }
        result
    }

    /// Whether the contract can send `value` and keep the existential deposit.
    pub(crate) fn can_send(&self, value: u128) -> bool {
        value == 0 || (value <= self.balance && self.balance - value >= self.minimum_balance)
    }

    fn run(
        &mut self,
        instance: &mut dyn Instance,
        export: &str,
        input: &[u8],
        gas: u64,
    ) -> Result<CallOutput, MockError> {
        let mut exit =
            instance.call(export, &[], gas).map_err(|_| MockError::NoSuchExport(export.into()))?;
        loop {
            let done = |data, reverted, terminated, gas_left: u64| CallOutput {
                data,
                reverted,
                terminated,
                gas_used: gas - gas_left,
            };
            match exit.outcome {
                Outcome::Finished { .. } => {
                    return Ok(done(Vec::new(), false, None, exit.gas_left))
                }
                Outcome::OutOfGas => return Err(MockError::OutOfGas),
                Outcome::Trap { kind, pc } => {
                    let at = self.debug_map.as_ref().map_or_else(Vec::new, |map| {
                        rivet_debuginfo::describe(&map.places(instance, pc))
                    });
                    return Err(MockError::Trap { kind, pc, at });
                }
                Outcome::HostCall { number, args } => {
                    let mut ext = ext::Ctx { host: self, inst: instance, input };
                    match rivet_host_env::dispatch(&mut ext, number, args) {
                        Ok(Next::Resume) => {}
                        Ok(Next::Return { flags, data }) => {
                            let reverted = flags & RETURN_FLAG_REVERT != 0;
                            return Ok(done(data, reverted, None, instance.gas_left()));
                        }
                        Ok(Next::Terminate(to)) => {
                            self.terminate(to);
                            return Ok(done(Vec::new(), false, Some(to), instance.gas_left()));
                        }
                        Err(Halt::OutOfGas) => return Err(MockError::OutOfGas),
                        Err(Halt::Trap(Fault::UnknownFunction(n))) => {
                            return Err(MockError::UnknownHostFunction(n))
                        }
                        Err(Halt::Trap(fault)) => {
                            let function = HostFn::from_u32(number).map_or("?", HostFn::name);
                            return Err(MockError::BadHostCall {
                                function,
                                reason: fault.to_string(),
                            });
                        }
                    }
                    exit = instance.resume().expect("suspended at a host call; qed");
                }
            }
        }
    }

    /// Removes this contract: everything it holds goes to `to`.
    fn terminate(&mut self, to: AccountId) {
        self.world.credit(&to, self.balance);
        self.transfers.push((to, self.balance));
        self.balance = 0;
        self.storage.clear();
    }
}
