//! An in-memory implementation of Rivet's host-call interface (`rivet-host-api`): one
//! contract, its storage, balance and environment, with events and debug messages
//! recorded. For running contracts without a chain (`rivet run`, SDK tests). It follows
//! the interface's conventions exactly, so it doubles as an executable reference of
//! them; the pallet is the on-chain implementation.
//!
//! Limits of the mock: there are no other contracts, so `call` answers `NotCallable`,
//! `instantiate` and `set_code_hash` answer `CodeNotFound`.

use std::collections::BTreeMap;

use blake2::digest::consts::{U16, U32};
use blake2::{Blake2b, Digest};
use rivet_executor::engine::Instance;
use rivet_executor::isa::Reg;
use rivet_executor::{Outcome, TrapKind};
use rivet_host_api::{
    HostFn, ReturnCode, MAX_EVENT_TOPICS, MAX_KEY_LEN, RETURN_FLAG_REVERT, SENTINEL,
};

/// An account id.
pub type AccountId = [u8; 32];

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
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

/// The state a call may change, for rolling back.
type Snapshot = (BTreeMap<Vec<u8>, Vec<u8>>, u128, usize, usize);

impl MockHost {
    fn snapshot(&self) -> Snapshot {
        (self.storage.clone(), self.balance, self.events.len(), self.transfers.len())
    }

    fn restore(&mut self, (storage, balance, events, transfers): Snapshot) {
        self.storage = storage;
        self.balance = balance;
        self.events.truncate(events);
        self.transfers.truncate(transfers);
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
            HostFn::Balance => io.write(a[0], &self.balance.to_le_bytes()).map(|_| 0)?,
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
                if value <= self.balance && self.balance - value >= self.minimum_balance {
                    self.balance -= value;
                    self.transfers.push((to, value));
                    ok as u64
                } else {
                    ReturnCode::TransferFailed as u64
                }
            }
            HostFn::Call => ReturnCode::NotCallable as u64,
            HostFn::Instantiate | HostFn::SetCodeHash => ReturnCode::CodeNotFound as u64,
            HostFn::DepositEvent => {
                if a[1] > MAX_EVENT_TOPICS {
                    return Err(io.bad(format!("{} topics (at most {MAX_EVENT_TOPICS})", a[1])));
                }
                let raw = io.read(a[0], a[1] * 32)?;
                let topics =
                    raw.chunks(32).map(|c| c.try_into().expect("chunks of 32; qed")).collect();
                let data = io.read(a[2], a[3])?;
                self.events.push(Event { topics, data });
                ok as u64
            }
            HostFn::HashBlake2_256 => io.hash(a, |d| Blake2b::<U32>::digest(d).to_vec())?,
            HostFn::HashBlake2_128 => io.hash(a, |d| Blake2b::<U16>::digest(d).to_vec())?,
            HostFn::HashKeccak256 => io.hash(a, |d| sha3::Keccak256::digest(d).to_vec())?,
            HostFn::HashSha2_256 => io.hash(a, |d| sha2::Sha256::digest(d).to_vec())?,
            HostFn::Terminate => {
                let to = io.account(a[0])?;
                io.charge(self.costs)?;
                self.transfers.push((to, self.balance));
                self.balance = 0;
                self.storage.clear();
                return Ok(Next::Terminate(to));
            }
            HostFn::CodeHash => {
                let account = io.account(a[0])?;
                if account == self.address {
                    io.write(a[1], &self.code_hash)?;
                    ok as u64
                } else {
                    ReturnCode::KeyNotFound as u64
                }
            }
            HostFn::IsContract => (io.account(a[0])? == self.address) as u64,
            HostFn::CallerIsOrigin => (self.caller == self.origin) as u64,
        };
        io.charge(self.costs)?;
        io.inst.set_reg(Reg::A0, result as u32);
        io.inst.set_reg(Reg::A1, (result >> 32) as u32);
        Ok(Next::Resume)
    }
}

/// Guest-memory access for one host call, counting bytes for the charge.
struct Io<'a> {
    inst: &'a mut dyn Instance,
    f: HostFn,
    moved: u64,
}

impl Io<'_> {
    fn bad(&self, reason: String) -> MockError {
        MockError::BadHostCall { function: self.f.name(), reason }
    }

    fn read(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, MockError> {
        let mut buf = vec![0; len as usize];
        self.inst.read_memory(ptr, &mut buf).map_err(|e| self.bad(e.to_string()))?;
        self.moved += len as u64;
        Ok(buf)
    }

    fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), MockError> {
        self.inst.write_memory(ptr, data).map_err(|e| self.bad(e.to_string()))?;
        self.moved += data.len() as u64;
        Ok(())
    }

    /// The variable-size output convention; returns the `ReturnCode`.
    fn write_var(&mut self, out_ptr: u32, len_ptr: u32, data: &[u8]) -> Result<u32, MockError> {
        let capacity = u32::from_le_bytes(self.read(len_ptr, 4)?.try_into().expect("4 bytes; qed"));
        self.write(len_ptr, &(data.len() as u32).to_le_bytes())?;
        if data.len() as u64 > capacity as u64 {
            return Ok(ReturnCode::BufferTooSmall as u32);
        }
        self.write(out_ptr, data)?;
        Ok(ReturnCode::Success as u32)
    }

    fn key(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, MockError> {
        if len > MAX_KEY_LEN {
            return Err(self.bad(format!("key of {len} bytes (at most {MAX_KEY_LEN})")));
        }
        self.read(ptr, len)
    }

    fn account(&mut self, ptr: u32) -> Result<AccountId, MockError> {
        Ok(self.read(ptr, 32)?.try_into().expect("32 bytes; qed"))
    }

    fn balance(&mut self, ptr: u32) -> Result<u128, MockError> {
        Ok(u128::from_le_bytes(self.read(ptr, 16)?.try_into().expect("16 bytes; qed")))
    }

    fn hash(&mut self, a: [u32; 6], f: impl Fn(&[u8]) -> Vec<u8>) -> Result<u64, MockError> {
        let data = self.read(a[0], a[1])?;
        self.write(a[2], &f(&data))?;
        Ok(0)
    }

    /// Charges the host call's gas; running out ends the call.
    fn charge(&mut self, costs: HostCosts) -> Result<(), MockError> {
        let cost = costs.base + costs.per_byte * self.moved;
        let left = self.inst.gas_left();
        if cost > left {
            self.inst.set_gas_left(0);
            return Err(MockError::OutOfGas);
        }
        self.inst.set_gas_left(left - cost);
        Ok(())
    }
}
