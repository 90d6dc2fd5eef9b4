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

use blake2::digest::consts::{U16, U32};
use blake2::{Blake2b, Digest};
use rivet_executor::engine::Instance;
use rivet_executor::isa::Reg;
use rivet_executor::{Outcome, TrapKind};
use rivet_host_api::{crypto, HostFn, ReturnCode, MAX_EVENT_TOPICS, RETURN_FLAG_REVERT, SENTINEL};

mod io;
mod world;

use io::Io;
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

/// Gas the mock charges per host call: `base + per_byte * bytes moved`.
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
    },
    /// The contract ran out of gas.
    OutOfGas,
    /// A host function number that does not exist.
    UnknownHostFunction(u32),
    /// The engine could not instantiate a callee.
    Engine(String),
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
            MockError::Trap { kind, pc } => write!(f, "the contract trapped at {pc:#x}: {kind:?}"),
            MockError::OutOfGas => f.write_str("the contract ran out of gas"),
            MockError::UnknownHostFunction(n) => write!(f, "unknown host function {n}"),
            MockError::Engine(e) => write!(f, "the engine failed: {e}"),
            MockError::BadHostCall { function, reason } => {
                write!(f, "host call `{function}` failed: {reason}")
            }
        }
    }
}

impl std::error::Error for MockError {}

/// What a host call asks the run loop to do next.
enum Next {
    Resume,
    Return(Vec<u8>, bool),
    Terminate(AccountId),
}

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
    fn can_send(&self, value: u128) -> bool {
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
                Outcome::Trap { kind, pc } => return Err(MockError::Trap { kind, pc }),
                Outcome::HostCall { number, args } => {
                    let f =
                        HostFn::from_u32(number).ok_or(MockError::UnknownHostFunction(number))?;
                    match self.host_call(instance, f, args, input)? {
                        Next::Resume => {}
                        Next::Return(data, reverted) => {
                            return Ok(done(data, reverted, None, instance.gas_left()))
                        }
                        Next::Terminate(to) => {
                            return Ok(done(Vec::new(), false, Some(to), instance.gas_left()))
                        }
                    }
                    exit = instance.resume().expect("suspended at a host call; qed");
                }
            }
        }
    }

    fn host_call(
        &mut self,
        inst: &mut dyn Instance,
        f: HostFn,
        a: [u32; 6],
        input: &[u8],
    ) -> Result<Next, MockError> {
        let mut io = Io { inst, f, moved: 0 };
        let ok = ReturnCode::Success as u32;
        let result: u64 = match f {
            HostFn::DebugMessage => {
                let msg = io.read(a[0], a[1])?;
                self.debug_messages.push(String::from_utf8_lossy(&msg).into_owned());
                ok as u64
            }
            HostFn::Input => io.write_var(a[0], a[1], input)? as u64,
            HostFn::SealReturn => {
                let data = io.read(a[1], a[2])?;
                io.charge(self.costs)?;
                return Ok(Next::Return(data, a[0] & RETURN_FLAG_REVERT != 0));
            }
            HostFn::Caller => io.write(a[0], &self.caller).map(|_| 0)?,
            HostFn::Address => io.write(a[0], &self.address).map(|_| 0)?,
            HostFn::ValueTransferred => {
                io.write(a[0], &self.value_transferred.to_le_bytes()).map(|_| 0)?
            }
            HostFn::Balance => {
                // Spendable: the existential deposit stays, as on the chain.
                let spendable = self.balance.saturating_sub(self.minimum_balance);
                io.write(a[0], &spendable.to_le_bytes()).map(|_| 0)?
            }
            HostFn::MinimumBalance => {
                io.write(a[0], &self.minimum_balance.to_le_bytes()).map(|_| 0)?
            }
            HostFn::OwnCodeHash => io.write(a[0], &self.code_hash).map(|_| 0)?,
            HostFn::BlockNumber => self.block_number as u64,
            HostFn::Now => self.now,
            HostFn::GasLeft => io.inst.gas_left(),
            HostFn::GetStorage | HostFn::TakeStorage => {
                let key = io.key(a[0], a[1])?;
                match self.storage.get(&key).cloned() {
                    None => ReturnCode::KeyNotFound as u64,
                    Some(value) => {
                        let code = io.write_var(a[2], a[3], &value)?;
                        if f == HostFn::TakeStorage && code == ok {
                            self.storage.remove(&key);
                        }
                        code as u64
                    }
                }
            }
            HostFn::SetStorage => {
                let key = io.key(a[0], a[1])?;
                let value = io.read(a[2], a[3])?;
                self.storage.insert(key, value).map_or(SENTINEL, |v| v.len() as u32) as u64
            }
            HostFn::ClearStorage => {
                let key = io.key(a[0], a[1])?;
                self.storage.remove(&key).map_or(SENTINEL, |v| v.len() as u32) as u64
            }
            HostFn::ContainsStorage => {
                let key = io.key(a[0], a[1])?;
                self.storage.get(&key).map_or(SENTINEL, |v| v.len() as u32) as u64
            }
            HostFn::Transfer => {
                let to = io.account(a[0])?;
                let value = io.balance(a[1])?;
                if self.can_send(value) {
                    self.balance -= value;
                    self.world.credit(&to, value);
                    self.transfers.push((to, value));
                    ok as u64
                } else {
                    ReturnCode::TransferFailed as u64
                }
            }
            HostFn::Call => self.call_contract(&mut io, a[0])? as u64,
            HostFn::Instantiate => self.instantiate_contract(&mut io, a[0])? as u64,
            HostFn::DelegateCall => self.delegate_call(&mut io, a)? as u64,
            // The mock host never removes code, so a lock only needs the code to exist.
            HostFn::LockDelegateDependency => {
                let hash: [u8; 32] = io.read(a[0], 32)?.try_into().expect("32 bytes; qed");
                if self.world.codes.contains_key(&hash) {
                    ok as u64
                } else {
                    ReturnCode::CodeNotFound as u64
                }
            }
            HostFn::UnlockDelegateDependency => io.read(a[0], 32).map(|_| ok as u64)?,
            HostFn::SetCodeHash => {
                let hash: [u8; 32] = io.read(a[0], 32)?.try_into().expect("32 bytes; qed");
                if self.world.codes.contains_key(&hash) {
                    self.code_hash = hash;
                    ok as u64
                } else {
                    ReturnCode::CodeNotFound as u64
                }
            }
            HostFn::DepositEvent => {
                if a[1] > MAX_EVENT_TOPICS {
                    return Err(io.bad(format!("{} topics (at most {MAX_EVENT_TOPICS})", a[1])));
                }
                let raw = io.read(a[0], a[1] * 32)?;
                let topics =
                    raw.chunks(32).map(|c| c.try_into().expect("chunks of 32; qed")).collect();
                let data = io.read(a[2], a[3])?;
                self.events.push(Event { contract: self.address, topics, data });
                ok as u64
            }
            HostFn::EcdsaRecover => {
                let signature = io.read(a[0], 65)?.try_into().expect("65 bytes; qed");
                let hash = io.read(a[1], 32)?.try_into().expect("32 bytes; qed");
                match crypto::ecdsa_recover(&signature, &hash) {
                    Some(key) => io.write(a[2], &key).map(|_| 0)?,
                    None => ReturnCode::EcdsaRecoveryFailed as u64,
                }
            }
            HostFn::EcdsaToEthAddress => {
                let key = io.read(a[0], 33)?.try_into().expect("33 bytes; qed");
                match crypto::ecdsa_to_eth_address(&key) {
                    Some(address) => io.write(a[1], &address).map(|_| 0)?,
                    None => ReturnCode::EcdsaRecoveryFailed as u64,
                }
            }
            HostFn::Sr25519Verify => {
                let signature = io.read(a[0], 64)?.try_into().expect("64 bytes; qed");
                let key = io.read(a[1], 32)?.try_into().expect("32 bytes; qed");
                let message = io.read(a[2], a[3])?;
                if crypto::sr25519_verify(&signature, &message, &key) {
                    0
                } else {
                    ReturnCode::Sr25519VerifyFailed as u64
                }
            }
            HostFn::HashBlake2_256 => io.hash(a, |d| Blake2b::<U32>::digest(d).to_vec())?,
            HostFn::HashBlake2_128 => io.hash(a, |d| Blake2b::<U16>::digest(d).to_vec())?,
            HostFn::HashKeccak256 => io.hash(a, |d| sha3::Keccak256::digest(d).to_vec())?,
            HostFn::HashSha2_256 => io.hash(a, |d| sha2::Sha256::digest(d).to_vec())?,
            HostFn::Terminate => {
                let to = io.account(a[0])?;
                if self.world.is_active(&self.address) {
                    return Err(
                        io.bad("the contract is also active lower in the call stack".into())
                    );
                }
                io.charge(self.costs)?;
                self.world.credit(&to, self.balance);
                self.transfers.push((to, self.balance));
                self.balance = 0;
                self.storage.clear();
                return Ok(Next::Terminate(to));
            }
            HostFn::CodeHash => {
                let account = io.account(a[0])?;
                let hash = if account == self.address {
                    Some(self.code_hash)
                } else {
                    self.world.contracts.get(&account).map(|c| c.code_hash)
                };
                match hash {
                    Some(hash) => {
                        io.write(a[1], &hash)?;
                        ok as u64
                    }
                    None => ReturnCode::KeyNotFound as u64,
                }
            }
            HostFn::IsContract => {
                let account = io.account(a[0])?;
                (account == self.address || self.world.contracts.contains_key(&account)) as u64
            }
            HostFn::CallerIsOrigin => (self.caller == self.origin) as u64,
        };
        io.charge(self.costs)?;
        io.inst.set_reg(Reg::A0, result as u32);
        io.inst.set_reg(Reg::A1, (result >> 32) as u32);
        Ok(Next::Resume)
    }
}
