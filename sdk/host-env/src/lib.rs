//! The host side of Rivet's contract interface (`rivet-host-api`), written once.
//!
//! [`host_functions!`] below is the table: every host function with its named, typed
//! parameters and what it does, in order — what it charges (always before it acts),
//! which limits it checks, what guest memory it reads and writes, and what it returns.
//! The macro generates [`dispatch`] from it, so no host decodes arguments or applies
//! the conventions itself. What differs between hosts is the world one call frame
//! sees — storage, balances, other contracts, events, and the price of each
//! [`HostCost`] — and that is the [`Ext`] trait, which the pallet's call stack and
//! the mock host (`rivet-mock-host`) implement.
#![no_std]

extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;

use rivet_executor::isa::Reg;
use rivet_executor::Instance;
use rivet_host_api::{
    CallArgs, HostFn, InstantiateArgs, ReturnCode, CALL_FLAG_ALLOW_REENTRY, MAX_BUFFER,
    MAX_EVENT_TOPICS, MAX_KEY_LEN,
};

/// A guest address.
pub type Ptr = u32;
/// A length in bytes (or a count, where the parameter's name says so).
pub type Len = u32;
/// An account id or a hash, as contracts see them.
pub type Bytes32 = [u8; 32];

/// What a host call costs, charged before it acts; each [`Ext`] prices them
/// ([`Ext::gas`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostCost {
    /// Any host call (the `ECALL` round trip): charged by every function.
    Base,
    /// Moving `n` bytes between guest memory and the host.
    Bytes(u32),
    /// A storage read of a value of up to `n` bytes.
    StorageRead(u32),
    /// A storage write of `n` bytes (key and value).
    StorageWrite(u32),
    /// Hashing `n` bytes with a hash function (each is priced from its own benchmark).
    Hash(HashFn, u32),
    /// An event with `topics` topics and `n` bytes of data.
    Event {
        /// Topics.
        topics: u32,
        /// Data bytes.
        len: u32,
    },
    /// A balance transfer (two account reads and writes).
    Transfer,
    /// Loading and preparing `n` bytes of code for a call frame (charged by the host
    /// when a frame starts, not by a host function).
    CodeLoad(u32),
    /// Setting up a nested call or instantiation frame.
    Frame,
    /// A frame's instance of a program mapping `n` pages of memory (read-only data,
    /// read-write data and stack): its address space (on the recompiler a 4 GiB window,
    /// reserved, mapped and unmapped when the module has no spare one), and each page,
    /// which the program may write and the node then has to fault in and zero (charged
    /// by the host when a frame starts, with `CodeLoad`).
    Instance(u32),
    /// Recovering a secp256k1 public key from a signature.
    EcdsaRecover,
    /// Decompressing a secp256k1 public key and hashing it to an Ethereum address.
    EcdsaToEthAddress,
    /// Verifying an sr25519 signature of `n` bytes.
    Sr25519Verify(u32),
}

/// Why a host call traps the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No host function has this number.
    UnknownFunction(u32),
    /// `len` bytes at `ptr` are not (writable) contract memory.
    Memory {
        /// The address.
        ptr: u32,
        /// The length.
        len: u32,
    },
    /// A buffer longer than [`MAX_BUFFER`].
    BufferTooLarge(u32),
    /// A storage key longer than [`MAX_KEY_LEN`].
    KeyTooLong(u32),
    /// More than [`MAX_EVENT_TOPICS`] topics.
    TooManyTopics(u32),
    /// Flags that must be zero are not.
    BadFlags(u32),
    /// The contract is also active lower in the call stack, so it cannot terminate.
    ActiveBelow,
    /// The contract already locks as many delegate dependencies as it may.
    TooManyDependencies,
}

impl core::fmt::Display for Fault {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Fault::UnknownFunction(n) => write!(f, "no host function has number {n}"),
            Fault::Memory { ptr, len } => {
                write!(f, "{len} bytes at {ptr:#x} are not the contract's (writable) memory")
            }
            Fault::BufferTooLarge(n) => write!(f, "a buffer of {n} bytes (at most {MAX_BUFFER})"),
            Fault::KeyTooLong(n) => write!(f, "a key of {n} bytes (at most {MAX_KEY_LEN})"),
            Fault::TooManyTopics(n) => write!(f, "{n} topics (at most {MAX_EVENT_TOPICS})"),
            Fault::BadFlags(flags) => write!(f, "flags {flags:#x} (must be 0)"),
            Fault::ActiveBelow => {
                f.write_str("the contract is also active lower in the call stack")
            }
            Fault::TooManyDependencies => f.write_str("too many delegate dependencies"),
        }
    }
}

/// How a host call ends the frame instead of resuming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The gas ran out (the instance's gas is then zero).
    OutOfGas,
    /// The contract trapped.
    Trap(Fault),
}

impl From<Fault> for Halt {
    fn from(f: Fault) -> Halt {
        Halt::Trap(f)
    }
}

/// What the frame does after a host call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Continue (the results are in `a0`/`a1`).
    Resume,
    /// End the frame with this output ([`rivet_host_api::RETURN_FLAG_REVERT`] in `flags`
    /// reverts it).
    Return {
        /// The flags.
        flags: u32,
        /// The output.
        data: Vec<u8>,
    },
    /// Remove the contract, sending what it holds to this account.
    Terminate(Bytes32),
}

/// How a nested frame ended, as its caller sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nested {
    /// `Success`, `CalleeReverted`, `CalleeTrapped`, or why it did not run.
    pub code: ReturnCode,
    /// Its output (`Success` and `CalleeReverted` only).
    pub output: Vec<u8>,
    /// The gas it used, which its caller pays.
    pub gas_used: u64,
}

impl Nested {
    /// A frame that did not run.
    pub fn refused(code: ReturnCode) -> Nested {
        Nested { code, output: Vec::new(), gas_used: 0 }
    }
}

/// The hash functions contracts can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashFn {
    /// BLAKE2b-256.
    Blake2_256,
    /// BLAKE2b-128.
    Blake2_128,
    /// Keccak-256.
    Keccak256,
    /// SHA2-256.
    Sha2_256,
}

/// The world of one call frame while it serves a host call: what a host provides.
/// Argument decoding, limits, charging and the memory conventions are [`dispatch`]'s.
pub trait Ext {
    /// The price of `cost` in gas.
    fn gas(&self, cost: HostCost) -> u64;
    /// The frame's instance: its memory, registers and gas.
    fn instance(&mut self) -> &mut dyn Instance;

    /// The call's input.
    fn input(&self) -> &[u8];
    /// Who called.
    fn caller(&self) -> Bytes32;
    /// This contract.
    fn address(&self) -> Bytes32;
    /// Whether the caller is the transaction's origin.
    fn caller_is_origin(&self) -> bool;
    /// The value sent with the call.
    fn value_transferred(&self) -> u128;
    /// What this contract can spend (its existential deposit stays).
    fn balance(&mut self) -> u128;
    /// The existential deposit.
    fn minimum_balance(&self) -> u128;
    /// The block number.
    fn block_number(&self) -> u32;
    /// The block's timestamp (ms).
    fn now(&self) -> u64;
    /// This contract's code hash.
    fn own_code_hash(&self) -> Bytes32;

    /// Whether debug messages are kept.
    fn debug_messages(&self) -> bool;
    /// Keeps a debug message.
    fn debug_message(&mut self, message: &[u8]);

    /// The value under `key` in this contract's storage.
    fn get_storage(&mut self, key: &[u8]) -> Option<Vec<u8>>;
    /// Writes (`Some`) or clears (`None`) `key`; the previous value's length.
    fn set_storage(&mut self, key: &[u8], value: Option<&[u8]>) -> Option<u32>;
    /// The length of the value under `key`.
    fn storage_len(&mut self, key: &[u8]) -> Option<u32>;

    /// Sends `value` from this contract to `to`; whether it could.
    fn transfer(&mut self, to: &Bytes32, value: u128) -> bool;
    /// The code hash of the contract at `account`.
    fn code_hash(&mut self, account: &Bytes32) -> Option<Bytes32>;
    /// Whether `account` is a contract.
    fn is_contract(&mut self, account: &Bytes32) -> bool;
    /// Replaces this contract's code (`Success` or `CodeNotFound`).
    fn set_code_hash(&mut self, hash: &Bytes32) -> ReturnCode;
    /// Locks (`lock`) or unlocks the code under `hash` as a delegate dependency.
    ///
    /// # Errors
    /// [`Fault::TooManyDependencies`].
    fn lock_delegate_dependency(&mut self, hash: &Bytes32, lock: bool)
        -> Result<ReturnCode, Fault>;
    /// Whether this contract may terminate (it is not active lower in the stack).
    fn may_terminate(&self) -> bool;

    /// Calls `callee` with `input` and `value`, giving it `gas`.
    fn call(
        &mut self,
        callee: Bytes32,
        value: u128,
        input: Vec<u8>,
        gas: u64,
        allow_reentry: bool,
    ) -> Nested;
    /// Runs the code under `code_hash` as this contract, giving it `gas`.
    fn delegate_call(&mut self, code_hash: Bytes32, input: Vec<u8>, gas: u64) -> Nested;
    /// Deploys a contract from `code_hash`; the frame's end and the new address.
    fn instantiate(
        &mut self,
        code_hash: Bytes32,
        value: u128,
        input: Vec<u8>,
        salt: Vec<u8>,
        gas: u64,
    ) -> (Nested, Bytes32);
    /// Emits an event.
    fn deposit_event(&mut self, topics: Vec<Bytes32>, data: Vec<u8>);

    /// `hash` of `data`.
    fn hash(&self, hash: HashFn, data: &[u8]) -> Vec<u8>;
    /// The compressed key that signed `message_hash`.
    fn ecdsa_recover(&self, signature: &[u8; 65], message_hash: &[u8; 32]) -> Option<[u8; 33]>;
    /// The Ethereum address of a compressed secp256k1 key.
    fn ecdsa_to_eth_address(&self, key: &[u8; 33]) -> Option<[u8; 20]>;
    /// Whether `signature` of `message` is `key`'s.
    fn sr25519_verify(&self, signature: &[u8; 64], message: &[u8], key: &[u8; 32]) -> bool;
}

/// `Success` as a result.
const OK: ReturnCode = ReturnCode::Success;

/// One host call being served: the frame's world and the guest-memory conventions.
struct Env<'a, E: Ext + ?Sized> {
    ext: &'a mut E,
}

impl<E: Ext + ?Sized> Env<'_, E> {
    /// Takes `cost` from the contract's gas; running out ends the frame.
    fn charge(&mut self, cost: HostCost) -> Result<(), Halt> {
        let gas = self.ext.gas(cost);
        let inst = self.ext.instance();
        let left = inst.gas_left();
        if gas > left {
            inst.set_gas_left(0);
            return Err(Halt::OutOfGas);
        }
        inst.set_gas_left(left - gas);
        Ok(())
    }

    /// Traps unless `len` fits [`MAX_BUFFER`].
    fn bounded(len: Len) -> Result<(), Halt> {
        if len > MAX_BUFFER {
            return Err(Fault::BufferTooLarge(len).into());
        }
        Ok(())
    }

    /// Reads `len` bytes of guest memory at `ptr`, charging for them first.
    fn read(&mut self, ptr: Ptr, len: Len) -> Result<Vec<u8>, Halt> {
        Self::bounded(len)?;
        self.charge(HostCost::Bytes(len))?;
        let mut buf = vec![0; len as usize];
        self.ext.instance().read_memory(ptr, &mut buf).map_err(|_| Fault::Memory { ptr, len })?;
        Ok(buf)
    }

    /// A fixed-size read.
    fn read_array<const N: usize>(&mut self, ptr: Ptr) -> Result<[u8; N], Halt> {
        let v = self.read(ptr, N as u32)?;
        Ok(v.try_into().expect("read N bytes; qed"))
    }

    /// Writes `data` to guest memory at `ptr`, charging first.
    fn write(&mut self, ptr: Ptr, data: &[u8]) -> Result<(), Halt> {
        let len = data.len() as u32;
        self.charge(HostCost::Bytes(len))?;
        self.ext.instance().write_memory(ptr, data).map_err(|_| Fault::Memory { ptr, len })?;
        Ok(())
    }

    /// The variable-size output convention (see `rivet-host-api`).
    fn write_var(&mut self, out_ptr: Ptr, len_ptr: Ptr, data: &[u8]) -> Result<ReturnCode, Halt> {
        let capacity = u32::from_le_bytes(self.read_array::<4>(len_ptr)?);
        self.write(len_ptr, &(data.len() as u32).to_le_bytes())?;
        if data.len() as u64 > capacity as u64 {
            return Ok(ReturnCode::BufferTooSmall);
        }
        self.write(out_ptr, data)?;
        Ok(OK)
    }

    /// A storage key at `ptr`.
    fn key(&mut self, ptr: Ptr, len: Len) -> Result<Vec<u8>, Halt> {
        if len > MAX_KEY_LEN {
            return Err(Fault::KeyTooLong(len).into());
        }
        self.read(ptr, len)
    }

    /// A 16-byte little-endian balance at `ptr`.
    fn balance_at(&mut self, ptr: Ptr) -> Result<u128, Halt> {
        Ok(u128::from_le_bytes(self.read_array::<16>(ptr)?))
    }

    /// Hashes `len` bytes at `ptr` into `out_ptr`.
    fn hash(&mut self, f: HashFn, ptr: Ptr, len: Len, out_ptr: Ptr) -> Result<u32, Halt> {
        self.charge(HostCost::Hash(f, len))?;
        let data = self.read(ptr, len)?;
        let digest = self.ext.hash(f, &data);
        self.write(out_ptr, &digest)?;
        Ok(0)
    }

    /// The gas a callee may use: its limit, or all that is left (0 or over).
    fn callee_gas(&mut self, limit: u64) -> u64 {
        let left = self.ext.instance().gas_left();
        if limit == 0 || limit > left {
            left
        } else {
            limit
        }
    }

    /// The caller pays what the callee used; its output goes where the caller wants it.
    fn finish_nested(
        &mut self,
        nested: Nested,
        out_ptr: Ptr,
        len_ptr: Ptr,
    ) -> Result<ReturnCode, Halt> {
        let inst = self.ext.instance();
        inst.set_gas_left(inst.gas_left().saturating_sub(nested.gas_used));
        let has_output = matches!(nested.code, ReturnCode::Success | ReturnCode::CalleeReverted);
        if out_ptr == 0 || !has_output {
            return Ok(nested.code);
        }
        match self.write_var(out_ptr, len_ptr, &nested.output)? {
            OK => Ok(nested.code),
            other => Ok(other),
        }
    }
}

/// A host function's result, as it reaches the guest.
trait Finish {
    /// What the frame does next, with the value for `a0`/`a1`.
    fn finish(self) -> (Next, u64);
}

impl Finish for u64 {
    fn finish(self) -> (Next, u64) {
        (Next::Resume, self)
    }
}

impl Finish for u32 {
    fn finish(self) -> (Next, u64) {
        (Next::Resume, self as u64)
    }
}

impl Finish for bool {
    fn finish(self) -> (Next, u64) {
        (Next::Resume, self as u64)
    }
}

impl Finish for ReturnCode {
    fn finish(self) -> (Next, u64) {
        (Next::Resume, self as u64)
    }
}

impl Finish for Next {
    fn finish(self) -> (Next, u64) {
        (self, 0)
    }
}

/// `Some(len)` as the storage functions return it: the length, or `SENTINEL`.
fn len_or_sentinel(len: Option<u32>) -> u32 {
    len.unwrap_or(rivet_host_api::SENTINEL)
}

/// The table. Each entry: the [`HostFn`] it serves, then the function with its
/// parameters in argument order (`a0`, `a1`, …) and its result type; the body runs after
/// [`HostCost::Base`] is charged. Results go to `a0` (and `a1` for 64 bits); a [`Next`]
/// other than `Resume` ends the frame.
macro_rules! host_functions {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident => fn $name:ident(&mut $this:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty
            $body:block
    )*) => {
        impl<E: Ext + ?Sized> Env<'_, E> {
            $(
                $(#[doc = $doc])*
                fn $name(&mut $this $(, $arg: $ty)*) -> Result<$ret, Halt> $body
            )*
        }

        /// Serves host call `number` with arguments `args` (`a0`–`a5`) in `ext`'s frame:
        /// charges, checks, reads and writes guest memory and sets `a0`/`a1` as the
        /// table says.
        ///
        /// # Errors
        /// [`Halt`]: the frame ends out of gas or trapped.
        pub fn dispatch<E: Ext + ?Sized>(
            ext: &mut E,
            number: u32,
            args: [u32; 6],
        ) -> Result<Next, Halt> {
            let mut env = Env { ext };
            env.charge(HostCost::Base)?;
            let f = HostFn::from_u32(number).ok_or(Fault::UnknownFunction(number))?;
            let (next, result) = match f {
                $(HostFn::$variant => {
                    let mut _regs = args.into_iter();
                    $(let $arg: $ty = _regs.next().expect("at most six arguments; qed");)*
                    env.$name($($arg),*)?.finish()
                })*
            };
            if next == Next::Resume {
                let inst = env.ext.instance();
                inst.set_reg(Reg::A0, result as u32);
                inst.set_reg(Reg::A1, (result >> 32) as u32);
            }
            Ok(next)
        }

        /// Each host function's parameter names, in argument order, as the table
        /// declares them.
        pub const PARAMETERS: &[(HostFn, &[&str])] =
            &[$((HostFn::$variant, &[$(stringify!($arg)),*])),*];
    };
}

host_functions! {
    /// Keeps a debug message (`LoggingDisabled` where they are not kept).
    DebugMessage => fn debug_message(&mut self, ptr: Ptr, len: Len) -> ReturnCode {
        if !self.ext.debug_messages() {
            return Ok(ReturnCode::LoggingDisabled);
        }
        let message = self.read(ptr, len)?;
        self.ext.debug_message(&message);
        Ok(OK)
    }

    /// The call's input.
    Input => fn input(&mut self, out_ptr: Ptr, out_len_ptr: Ptr) -> ReturnCode {
        let input = self.ext.input().to_vec();
        self.write_var(out_ptr, out_len_ptr, &input)
    }

    /// Ends the frame with output.
    SealReturn => fn seal_return(&mut self, flags: u32, data_ptr: Ptr, data_len: Len) -> Next {
        let data = self.read(data_ptr, data_len)?;
        Ok(Next::Return { flags, data })
    }

    /// The caller's account.
    Caller => fn caller(&mut self, out_ptr: Ptr) -> u32 {
        let caller = self.ext.caller();
        self.write(out_ptr, &caller).map(|()| 0)
    }

    /// This contract's account.
    Address => fn address(&mut self, out_ptr: Ptr) -> u32 {
        let address = self.ext.address();
        self.write(out_ptr, &address).map(|()| 0)
    }

    /// The value sent with the call.
    ValueTransferred => fn value_transferred(&mut self, out_ptr: Ptr) -> u32 {
        let value = self.ext.value_transferred();
        self.write(out_ptr, &value.to_le_bytes()).map(|()| 0)
    }

    /// What this contract can spend.
    Balance => fn balance(&mut self, out_ptr: Ptr) -> u32 {
        self.charge(HostCost::StorageRead(16))?;
        let balance = self.ext.balance();
        self.write(out_ptr, &balance.to_le_bytes()).map(|()| 0)
    }

    /// The block number.
    BlockNumber => fn block_number(&mut self) -> u32 {
        Ok(self.ext.block_number())
    }

    /// The block's timestamp.
    Now => fn now(&mut self) -> u64 {
        Ok(self.ext.now())
    }

    /// The gas left (after this call's base charge).
    GasLeft => fn gas_left(&mut self) -> u64 {
        Ok(self.ext.instance().gas_left())
    }

    /// A storage value (`KeyNotFound`).
    GetStorage => fn get_storage(&mut self, key_ptr: Ptr, key_len: Len, out_ptr: Ptr, out_len_ptr: Ptr) -> ReturnCode {
        self.get_or_take(false, key_ptr, key_len, out_ptr, out_len_ptr)
    }

    /// Writes a storage value; the previous length or `SENTINEL`.
    SetStorage => fn set_storage(&mut self, key_ptr: Ptr, key_len: Len, value_ptr: Ptr, value_len: Len) -> u32 {
        let key = self.key(key_ptr, key_len)?;
        Self::bounded(value_len)?;
        self.charge(HostCost::StorageWrite(key_len + value_len))?;
        let value = self.read(value_ptr, value_len)?;
        Ok(len_or_sentinel(self.ext.set_storage(&key, Some(&value))))
    }

    /// Clears a storage value; the previous length or `SENTINEL`.
    ClearStorage => fn clear_storage(&mut self, key_ptr: Ptr, key_len: Len) -> u32 {
        let key = self.key(key_ptr, key_len)?;
        self.charge(HostCost::StorageWrite(key_len))?;
        Ok(len_or_sentinel(self.ext.set_storage(&key, None)))
    }

    /// A storage value's length or `SENTINEL`.
    ContainsStorage => fn contains_storage(&mut self, key_ptr: Ptr, key_len: Len) -> u32 {
        let key = self.key(key_ptr, key_len)?;
        self.charge(HostCost::StorageRead(0))?;
        Ok(len_or_sentinel(self.ext.storage_len(&key)))
    }

    /// Reads and clears a storage value (`KeyNotFound`).
    TakeStorage => fn take_storage(&mut self, key_ptr: Ptr, key_len: Len, out_ptr: Ptr, out_len_ptr: Ptr) -> ReturnCode {
        self.get_or_take(true, key_ptr, key_len, out_ptr, out_len_ptr)
    }

    /// Sends value (`TransferFailed`).
    Transfer => fn transfer(&mut self, to_ptr: Ptr, value_ptr: Ptr) -> ReturnCode {
        let to = self.read_array::<32>(to_ptr)?;
        let value = self.balance_at(value_ptr)?;
        self.charge(HostCost::Transfer)?;
        Ok(if self.ext.transfer(&to, value) { OK } else { ReturnCode::TransferFailed })
    }

    /// Calls a contract.
    Call => fn call(&mut self, args_ptr: Ptr) -> ReturnCode {
        self.charge(HostCost::Frame)?;
        let args = CallArgs::from_le_bytes(&self.read_array(args_ptr)?);
        let callee = self.read_array::<32>(args.callee_ptr)?;
        let value = self.balance_at(args.value_ptr)?;
        let input = self.read(args.input_ptr, args.input_len)?;
        let gas = self.callee_gas(args.gas_limit);
        let allow_reentry = args.flags & CALL_FLAG_ALLOW_REENTRY != 0;
        let nested = self.ext.call(callee, value, input, gas, allow_reentry);
        self.finish_nested(nested, args.output_ptr, args.output_len_ptr)
    }

    /// Deploys a contract.
    Instantiate => fn instantiate(&mut self, args_ptr: Ptr) -> ReturnCode {
        self.charge(HostCost::Frame)?;
        let args = InstantiateArgs::from_le_bytes(&self.read_array(args_ptr)?);
        let code_hash = self.read_array::<32>(args.code_hash_ptr)?;
        let value = self.balance_at(args.value_ptr)?;
        let input = self.read(args.input_ptr, args.input_len)?;
        let salt = self.read(args.salt_ptr, args.salt_len)?;
        let gas = self.callee_gas(args.gas_limit);
        let (nested, address) = self.ext.instantiate(code_hash, value, input, salt, gas);
        if nested.code == OK {
            self.write(args.address_out_ptr, &address)?;
        }
        self.finish_nested(nested, args.output_ptr, args.output_len_ptr)
    }

    /// Emits an event.
    DepositEvent => fn deposit_event(&mut self, topics_ptr: Ptr, topic_count: Len, data_ptr: Ptr, data_len: Len) -> u32 {
        if topic_count > MAX_EVENT_TOPICS {
            return Err(Fault::TooManyTopics(topic_count).into());
        }
        Self::bounded(data_len)?;
        self.charge(HostCost::Event { topics: topic_count, len: data_len })?;
        let raw = self.read(topics_ptr, topic_count * 32)?;
        let topics = raw.chunks(32).map(|c| c.try_into().expect("chunks of 32; qed")).collect();
        let data = self.read(data_ptr, data_len)?;
        self.ext.deposit_event(topics, data);
        Ok(0)
    }

    /// BLAKE2b-256.
    HashBlake2_256 => fn hash_blake2_256(&mut self, ptr: Ptr, len: Len, out_ptr: Ptr) -> u32 {
        self.hash(HashFn::Blake2_256, ptr, len, out_ptr)
    }

    /// Keccak-256.
    HashKeccak256 => fn hash_keccak_256(&mut self, ptr: Ptr, len: Len, out_ptr: Ptr) -> u32 {
        self.hash(HashFn::Keccak256, ptr, len, out_ptr)
    }

    /// SHA2-256.
    HashSha2_256 => fn hash_sha2_256(&mut self, ptr: Ptr, len: Len, out_ptr: Ptr) -> u32 {
        self.hash(HashFn::Sha2_256, ptr, len, out_ptr)
    }

    /// BLAKE2b-128.
    HashBlake2_128 => fn hash_blake2_128(&mut self, ptr: Ptr, len: Len, out_ptr: Ptr) -> u32 {
        self.hash(HashFn::Blake2_128, ptr, len, out_ptr)
    }

    /// Removes this contract in favour of the beneficiary.
    Terminate => fn terminate(&mut self, beneficiary_ptr: Ptr) -> Next {
        let beneficiary = self.read_array::<32>(beneficiary_ptr)?;
        if !self.ext.may_terminate() {
            return Err(Fault::ActiveBelow.into());
        }
        Ok(Next::Terminate(beneficiary))
    }

    /// A contract's code hash (`KeyNotFound`).
    CodeHash => fn code_hash(&mut self, account_ptr: Ptr, out_ptr: Ptr) -> ReturnCode {
        let account = self.read_array::<32>(account_ptr)?;
        self.charge(HostCost::StorageRead(32))?;
        match self.ext.code_hash(&account) {
            Some(hash) => self.write(out_ptr, &hash).map(|()| OK),
            None => Ok(ReturnCode::KeyNotFound),
        }
    }

    /// This contract's code hash.
    OwnCodeHash => fn own_code_hash(&mut self, out_ptr: Ptr) -> u32 {
        let hash = self.ext.own_code_hash();
        self.write(out_ptr, &hash).map(|()| 0)
    }

    /// Whether an account is a contract.
    IsContract => fn is_contract(&mut self, account_ptr: Ptr) -> bool {
        let account = self.read_array::<32>(account_ptr)?;
        self.charge(HostCost::StorageRead(0))?;
        Ok(self.ext.is_contract(&account))
    }

    /// Whether the caller is the transaction's origin.
    CallerIsOrigin => fn caller_is_origin(&mut self) -> bool {
        Ok(self.ext.caller_is_origin())
    }

    /// Replaces this contract's code (`CodeNotFound`).
    SetCodeHash => fn set_code_hash(&mut self, code_hash_ptr: Ptr) -> ReturnCode {
        let hash = self.read_array::<32>(code_hash_ptr)?;
        self.charge(HostCost::StorageWrite(64))?;
        Ok(self.ext.set_code_hash(&hash))
    }

    /// The existential deposit.
    MinimumBalance => fn minimum_balance(&mut self, out_ptr: Ptr) -> u32 {
        let minimum = self.ext.minimum_balance();
        self.write(out_ptr, &minimum.to_le_bytes()).map(|()| 0)
    }

    /// The key that signed a message hash (`EcdsaRecoveryFailed`).
    EcdsaRecover => fn ecdsa_recover(&mut self, signature_ptr: Ptr, message_hash_ptr: Ptr, out_ptr: Ptr) -> ReturnCode {
        self.charge(HostCost::EcdsaRecover)?;
        let signature = self.read_array::<65>(signature_ptr)?;
        let hash = self.read_array::<32>(message_hash_ptr)?;
        match self.ext.ecdsa_recover(&signature, &hash) {
            Some(key) => self.write(out_ptr, &key).map(|()| OK),
            None => Ok(ReturnCode::EcdsaRecoveryFailed),
        }
    }

    /// A compressed key's Ethereum address (`EcdsaRecoveryFailed`).
    EcdsaToEthAddress => fn ecdsa_to_eth_address(&mut self, key_ptr: Ptr, out_ptr: Ptr) -> ReturnCode {
        self.charge(HostCost::EcdsaToEthAddress)?;
        let key = self.read_array::<33>(key_ptr)?;
        match self.ext.ecdsa_to_eth_address(&key) {
            Some(address) => self.write(out_ptr, &address).map(|()| OK),
            None => Ok(ReturnCode::EcdsaRecoveryFailed),
        }
    }

    /// Verifies an sr25519 signature (`Sr25519VerifyFailed`).
    Sr25519Verify => fn sr25519_verify(&mut self, signature_ptr: Ptr, key_ptr: Ptr, message_ptr: Ptr, message_len: Len) -> ReturnCode {
        Self::bounded(message_len)?;
        self.charge(HostCost::Sr25519Verify(message_len))?;
        let signature = self.read_array::<64>(signature_ptr)?;
        let key = self.read_array::<32>(key_ptr)?;
        let message = self.read(message_ptr, message_len)?;
        Ok(if self.ext.sr25519_verify(&signature, &message, &key) {
            OK
        } else {
            ReturnCode::Sr25519VerifyFailed
        })
    }

    /// Runs stored code as this contract, with all the gas left.
    DelegateCall => fn delegate_call(&mut self, flags: u32, code_hash_ptr: Ptr, input_ptr: Ptr, input_len: Len, out_ptr: Ptr, out_len_ptr: Ptr) -> ReturnCode {
        self.charge(HostCost::Frame)?;
        if flags != 0 {
            return Err(Fault::BadFlags(flags).into());
        }
        let code_hash = self.read_array::<32>(code_hash_ptr)?;
        let input = self.read(input_ptr, input_len)?;
        let gas = self.callee_gas(0);
        let nested = self.ext.delegate_call(code_hash, input, gas);
        self.finish_nested(nested, out_ptr, out_len_ptr)
    }

    /// Locks code as a delegate dependency (`CodeNotFound`).
    LockDelegateDependency => fn lock_delegate_dependency(&mut self, code_hash_ptr: Ptr) -> ReturnCode {
        self.lock(code_hash_ptr, true)
    }

    /// Releases such a lock (`KeyNotFound`).
    UnlockDelegateDependency => fn unlock_delegate_dependency(&mut self, code_hash_ptr: Ptr) -> ReturnCode {
        self.lock(code_hash_ptr, false)
    }
}

impl<E: Ext + ?Sized> Env<'_, E> {
    /// `GetStorage` and `TakeStorage`: the value is charged per byte once it is known.
    fn get_or_take(
        &mut self,
        take: bool,
        key_ptr: Ptr,
        key_len: Len,
        out_ptr: Ptr,
        out_len_ptr: Ptr,
    ) -> Result<ReturnCode, Halt> {
        let key = self.key(key_ptr, key_len)?;
        self.charge(HostCost::StorageRead(0))?;
        let Some(value) = self.ext.get_storage(&key) else {
            return Ok(ReturnCode::KeyNotFound);
        };
        self.charge(HostCost::Bytes(value.len() as u32))?;
        let code = self.write_var(out_ptr, out_len_ptr, &value)?;
        if take && code == OK {
            self.charge(HostCost::StorageWrite(key_len))?;
            self.ext.set_storage(&key, None);
        }
        Ok(code)
    }

    /// Locks or unlocks a delegate dependency.
    fn lock(&mut self, code_hash_ptr: Ptr, lock: bool) -> Result<ReturnCode, Halt> {
        let hash = self.read_array::<32>(code_hash_ptr)?;
        self.charge(HostCost::StorageWrite(64))?;
        Ok(self.ext.lock_delegate_dependency(&hash, lock)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_serves_every_host_function_once() {
        let mut seen: Vec<HostFn> = PARAMETERS.iter().map(|(f, _)| *f).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), PARAMETERS.len(), "no function twice");
        assert_eq!(seen, HostFn::ALL.to_vec(), "every function");
        assert!(PARAMETERS.iter().all(|(_, p)| p.len() <= 6), "arguments fit a0-a5");
    }
}
