//! Rivet's contract host-call interface (API version 1), defined once.
//!
//! A contract calls the host with `ECALL`: the host-function number in `t0`, arguments
//! in `a0`–`a5`, results in `a0` (and `a1` for 64-bit results). The pallet implements
//! exactly the functions of [`HostFn`]; the SDK calls them through [`guest`]; nothing
//! else defines them. A shipped number never changes meaning: a changed function gets
//! a new number and the old one stays.
//!
//! # Conventions
//! - Pointers and lengths are 32-bit guest addresses and byte counts.
//! - **Fixed-size outputs** (`AccountId` and `Hash`: 32 bytes; `Balance`: 16 bytes,
//!   little-endian `u128`) are written to `out_ptr`.
//! - **Variable-size outputs** use `out_ptr` and `out_len_ptr`: the guest stores its
//!   buffer's capacity (`u32`, little-endian) at `out_len_ptr`; the host writes the data
//!   and stores its length there. If the buffer is too small, the host writes nothing but
//!   the needed length and returns [`ReturnCode::BufferTooSmall`].
//! - Scalar results are returned in `a0` (`u32`) or `a0`/`a1` (`u64`, low word first).
//! - Functions with more than six arguments take a pointer to a `#[repr(C)]` struct
//!   ([`CallArgs`], [`InstantiateArgs`]).
//! - Storage `set`/`clear`/`contains` return the previous value's size, or
//!   [`SENTINEL`] when there was none.
//! - [`HostFn::SealReturn`] and [`HostFn::Terminate`] end the call; they never resume.
//! - Any memory access outside the contract's memory, or an unknown number, traps the
//!   contract (the call fails and is rolled back).
#![no_std]

/// The API version of this interface.
pub const API_VERSION: u32 = 1;

/// Returned by storage functions when there was no value.
pub const SENTINEL: u32 = u32::MAX;

/// Largest storage key, in bytes.
pub const MAX_KEY_LEN: u32 = 128;

/// Most topics an event may have.
pub const MAX_EVENT_TOPICS: u32 = 4;

/// Flag of [`HostFn::SealReturn`]: the call reverts (state changes are rolled back, the
/// data is still returned to the caller).
pub const RETURN_FLAG_REVERT: u32 = 1;

/// Largest buffer a single host call moves (input, output, storage value, event data,
/// signed message): bounds what one call can make the host allocate before gas runs
/// out. A longer one traps.
pub const MAX_BUFFER: u32 = 1 << 20;

/// Flag of [`CallArgs::flags`]: the callee may call back into this contract.
pub const CALL_FLAG_ALLOW_REENTRY: u32 = 1;

/// Guest memory a host function reads, as its arguments locate it: `len` bytes at the
/// address in argument `ptr` (0 for `a0`). Hosts may fetch these ranges with the host
/// call's exit, before they serve it; what the host reads beyond them (through
/// [`CallArgs`], say) it reads itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Read {
    /// The argument holding the address.
    pub ptr: u8,
    /// How long the range is.
    pub len: ReadLen,
}

/// The length of a [`Read`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadLen {
    /// A fixed number of bytes.
    Bytes(u32),
    /// The value of an argument, times a factor (event topics: count × 32).
    Arg(u8, u32),
}

impl Read {
    /// `len` bytes at argument `ptr`.
    pub const fn fixed(ptr: u8, len: u32) -> Read {
        Read { ptr, len: ReadLen::Bytes(len) }
    }

    /// As many bytes at argument `ptr` as argument `len` says.
    pub const fn sized(ptr: u8, len: u8) -> Read {
        Read { ptr, len: ReadLen::Arg(len, 1) }
    }

    /// The range `(address, length)` for a call's arguments `a0`–`a5` (the length in
    /// `u64`, so that it cannot overflow).
    pub const fn range(self, args: &[u32; 6]) -> (u32, u64) {
        let len = match self.len {
            ReadLen::Bytes(n) => n as u64,
            ReadLen::Arg(i, factor) => args[i as usize] as u64 * factor as u64,
        };
        (args[self.ptr as usize], len)
    }
}

macro_rules! host_functions {
    ($($(#[doc = $doc:literal])* $name:ident = $number:literal, $text:literal
        $(, reads [$($read:expr),*])?;)*) => {
        /// Every host function, by number.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum HostFn {
            $($(#[doc = $doc])* $name = $number,)*
        }

        impl HostFn {
            /// All host functions, by number.
            pub const ALL: &'static [HostFn] = &[$(HostFn::$name),*];

            /// The function with this number.
            pub const fn from_u32(number: u32) -> Option<HostFn> {
                match number {
                    $($number => Some(HostFn::$name),)*
                    _ => None,
                }
            }

            /// Its name, as imports list it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(HostFn::$name => $text,)*
                }
            }

            /// The guest memory it reads, as its arguments locate it (the inputs it
            /// always reads; [`HostFn::Call`]'s and [`HostFn::Instantiate`]'s further
            /// buffers are located by their argument structs).
            pub const fn reads(self) -> &'static [Read] {
                match self {
                    $(HostFn::$name => {
                        const READS: &[Read] = &[$($($read),*)?];
                        READS
                    })*
                }
            }
        }
    };
}

host_functions! {
    /// `(ptr, len) -> ReturnCode`: a debug message (printed by dev nodes;
    /// `LoggingDisabled` elsewhere).
    DebugMessage = 0, "debug_message", reads [Read::sized(0, 1)];
    /// `(out_ptr, out_len_ptr) -> ReturnCode`: the call's input data.
    Input = 1, "input", reads [Read::fixed(1, 4)];
    /// `(flags, data_ptr, data_len) -> !`: ends the call with output data
    /// ([`RETURN_FLAG_REVERT`] to revert).
    SealReturn = 2, "seal_return", reads [Read::sized(1, 2)];
    /// `(out_ptr)`: the caller's account id.
    Caller = 3, "caller";
    /// `(out_ptr)`: this contract's account id.
    Address = 4, "address";
    /// `(out_ptr)`: the value transferred with this call.
    ValueTransferred = 5, "value_transferred";
    /// `(out_ptr)`: this contract's spendable balance: its free balance less the
    /// existential deposit (what a transfer can move; pallet-contracts' `balance`).
    Balance = 6, "balance";
    /// `() -> u32`: the current block number.
    BlockNumber = 7, "block_number";
    /// `() -> u64`: the current block's timestamp in milliseconds.
    Now = 8, "now";
    /// `() -> u64`: the gas left.
    GasLeft = 9, "gas_left";
    /// `(key_ptr, key_len, out_ptr, out_len_ptr) -> ReturnCode` (`KeyNotFound`).
    GetStorage = 10, "get_storage", reads [Read::sized(0, 1), Read::fixed(3, 4)];
    /// `(key_ptr, key_len, value_ptr, value_len) -> u32`: previous size or [`SENTINEL`].
    SetStorage = 11, "set_storage", reads [Read::sized(0, 1), Read::sized(2, 3)];
    /// `(key_ptr, key_len) -> u32`: previous size or [`SENTINEL`].
    ClearStorage = 12, "clear_storage", reads [Read::sized(0, 1)];
    /// `(key_ptr, key_len) -> u32`: size or [`SENTINEL`].
    ContainsStorage = 13, "contains_storage", reads [Read::sized(0, 1)];
    /// `(key_ptr, key_len, out_ptr, out_len_ptr) -> ReturnCode`: get and clear.
    TakeStorage = 14, "take_storage", reads [Read::sized(0, 1), Read::fixed(3, 4)];
    /// `(dest_ptr, value_ptr) -> ReturnCode` (`TransferFailed`).
    Transfer = 15, "transfer", reads [Read::fixed(0, 32), Read::fixed(1, 16)];
    /// `(args_ptr: *const CallArgs) -> ReturnCode`: call another contract.
    Call = 16, "call", reads [Read::fixed(0, CallArgs::SIZE as u32)];
    /// `(args_ptr: *const InstantiateArgs) -> ReturnCode`: instantiate a contract.
    Instantiate = 17, "instantiate", reads [Read::fixed(0, InstantiateArgs::SIZE as u32)];
    /// `(topics_ptr, topics_count, data_ptr, data_len)`: an event; topics are 32 bytes
    /// each, at most [`MAX_EVENT_TOPICS`].
    DepositEvent = 18, "deposit_event", reads [Read { ptr: 0, len: ReadLen::Arg(1, 32) }, Read::sized(2, 3)];
    /// `(in_ptr, in_len, out_ptr)`: BLAKE2b-256.
    HashBlake2_256 = 19, "hash_blake2_256", reads [Read::sized(0, 1)];
    /// `(in_ptr, in_len, out_ptr)`: Keccak-256.
    HashKeccak256 = 20, "hash_keccak_256", reads [Read::sized(0, 1)];
    /// `(in_ptr, in_len, out_ptr)`: SHA2-256.
    HashSha2_256 = 21, "hash_sha2_256", reads [Read::sized(0, 1)];
    /// `(in_ptr, in_len, out_ptr)`: BLAKE2b-128 (16 bytes).
    HashBlake2_128 = 22, "hash_blake2_128", reads [Read::sized(0, 1)];
    /// `(beneficiary_ptr) -> !`: removes this contract, sending its balance.
    Terminate = 23, "terminate", reads [Read::fixed(0, 32)];
    /// `(account_ptr, out_ptr) -> ReturnCode`: a contract's code hash (`KeyNotFound`).
    CodeHash = 24, "code_hash", reads [Read::fixed(0, 32)];
    /// `(out_ptr)`: this contract's code hash.
    OwnCodeHash = 25, "own_code_hash";
    /// `(account_ptr) -> u32`: 1 if the account is a contract.
    IsContract = 26, "is_contract", reads [Read::fixed(0, 32)];
    /// `() -> u32`: 1 if the caller is the origin of the transaction.
    CallerIsOrigin = 27, "caller_is_origin";
    /// `(code_hash_ptr) -> ReturnCode` (`CodeNotFound`): replaces this contract's code.
    SetCodeHash = 28, "set_code_hash", reads [Read::fixed(0, 32)];
    /// `(out_ptr)`: the existential deposit.
    MinimumBalance = 29, "minimum_balance";
    /// `(signature_ptr, message_hash_ptr, out_ptr) -> ReturnCode` (`EcdsaRecoveryFailed`):
    /// the compressed secp256k1 public key (33 bytes) that signed the 32-byte message
    /// hash; the signature is 65 bytes, `r ‖ s ‖ v` (v: 0, 1, 27 or 28).
    EcdsaRecover = 30, "ecdsa_recover", reads [Read::fixed(0, 65), Read::fixed(1, 32)];
    /// `(public_key_ptr, out_ptr) -> ReturnCode` (`EcdsaRecoveryFailed`): the Ethereum
    /// address (20 bytes: the last 20 of Keccak-256 of the uncompressed key) of a
    /// compressed secp256k1 public key (33 bytes).
    EcdsaToEthAddress = 31, "ecdsa_to_eth_address", reads [Read::fixed(0, 33)];
    /// `(signature_ptr, public_key_ptr, message_ptr, message_len) -> ReturnCode`
    /// (`Sr25519VerifyFailed`): whether the 64-byte sr25519 signature of the message
    /// (signing context `substrate`) is the 32-byte public key's.
    Sr25519Verify = 32, "sr25519_verify", reads [Read::fixed(0, 64), Read::fixed(1, 32), Read::sized(2, 3)];
    /// `(flags, code_hash_ptr, input_ptr, input_len, output_ptr, output_len_ptr) ->
    /// ReturnCode`: runs the code under that hash as this contract (its storage, address,
    /// balance, caller and value transferred), with all the gas left; output and codes
    /// as [`HostFn::Call`]'s (`CodeNotFound` if no code has that hash). `flags` must be 0.
    DelegateCall = 33, "delegate_call", reads [Read::fixed(1, 32), Read::sized(2, 3), Read::fixed(5, 4)];
    /// `(code_hash_ptr) -> ReturnCode` (`CodeNotFound`): keeps the code under that hash
    /// from being removed while this contract depends on it (for delegate calls).
    LockDelegateDependency = 34, "lock_delegate_dependency", reads [Read::fixed(0, 32)];
    /// `(code_hash_ptr) -> ReturnCode` (`KeyNotFound`): releases such a lock.
    UnlockDelegateDependency = 35, "unlock_delegate_dependency", reads [Read::fixed(0, 32)];
}

/// Result codes of host functions that can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ReturnCode {
    /// It worked.
    Success = 0,
    /// The called contract trapped (or ran out of gas); its changes were rolled back.
    CalleeTrapped = 1,
    /// The called contract reverted; its output is available.
    CalleeReverted = 2,
    /// No value under that key (or the account is not a contract).
    KeyNotFound = 3,
    /// The output buffer is too small; the needed length was written.
    BufferTooSmall = 4,
    /// A value transfer failed (insufficient balance, below the existential deposit).
    TransferFailed = 5,
    /// No code under that hash.
    CodeNotFound = 7,
    /// The account is not a contract.
    NotCallable = 8,
    /// Debug messages are disabled on this chain.
    LoggingDisabled = 9,
    /// The call would re-enter a contract that does not allow it.
    ReentranceDenied = 10,
    /// The call-depth limit was reached.
    CallDepthExceeded = 11,
    /// A contract with that address already exists.
    DuplicateContractAddress = 12,
    /// The signature does not recover a public key (or the key is not a valid one).
    EcdsaRecoveryFailed = 13,
    /// The sr25519 signature is not valid for the message and key.
    Sr25519VerifyFailed = 14,
}

impl ReturnCode {
    /// The code with this value.
    pub const fn from_u32(value: u32) -> Option<ReturnCode> {
        Some(match value {
            0 => ReturnCode::Success,
            1 => ReturnCode::CalleeTrapped,
            2 => ReturnCode::CalleeReverted,
            3 => ReturnCode::KeyNotFound,
            4 => ReturnCode::BufferTooSmall,
            5 => ReturnCode::TransferFailed,
            7 => ReturnCode::CodeNotFound,
            8 => ReturnCode::NotCallable,
            9 => ReturnCode::LoggingDisabled,
            10 => ReturnCode::ReentranceDenied,
            11 => ReturnCode::CallDepthExceeded,
            12 => ReturnCode::DuplicateContractAddress,
            13 => ReturnCode::EcdsaRecoveryFailed,
            14 => ReturnCode::Sr25519VerifyFailed,
            _ => return None,
        })
    }
}

/// Arguments of [`HostFn::Call`], laid out as in guest memory (`#[repr(C)]`, 40 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct CallArgs {
    /// [`CALL_FLAG_ALLOW_REENTRY`] or 0.
    pub flags: u32,
    /// Pointer to the callee's 32-byte account id.
    pub callee_ptr: u32,
    /// Gas the callee may use (0: all that is left).
    pub gas_limit: u64,
    /// Pointer to the 16-byte value to transfer.
    pub value_ptr: u32,
    /// Input data.
    pub input_ptr: u32,
    /// Input length.
    pub input_len: u32,
    /// Output buffer (may be 0 to discard the output).
    pub output_ptr: u32,
    /// Output capacity in, length out (see the crate docs).
    pub output_len_ptr: u32,
    /// Padding to a multiple of 8 bytes.
    pub reserved: u32,
}

/// Arguments of [`HostFn::Instantiate`] (`#[repr(C)]`, 48 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct InstantiateArgs {
    /// Pointer to the 32-byte code hash.
    pub code_hash_ptr: u32,
    /// Padding before the 64-bit field.
    pub reserved: u32,
    /// Gas the constructor may use (0: all that is left).
    pub gas_limit: u64,
    /// Pointer to the 16-byte endowment.
    pub value_ptr: u32,
    /// Constructor input.
    pub input_ptr: u32,
    /// Constructor input length.
    pub input_len: u32,
    /// Salt for the address.
    pub salt_ptr: u32,
    /// Salt length.
    pub salt_len: u32,
    /// Where to write the new contract's 32-byte account id.
    pub address_out_ptr: u32,
    /// Output buffer of the constructor (may be 0).
    pub output_ptr: u32,
    /// Output capacity in, length out.
    pub output_len_ptr: u32,
}

/// Reads a little-endian `u32` at `off`.
fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

/// Reads a little-endian `u64` at `off`.
fn u64_at(b: &[u8], off: usize) -> u64 {
    u32_at(b, off) as u64 | (u32_at(b, off + 4) as u64) << 32
}

impl CallArgs {
    /// Size in guest memory.
    pub const SIZE: usize = 40;

    /// Decodes the struct as the guest laid it out (the host reads guest memory as
    /// bytes; the field offsets are the same on RV32E and on 64-bit hosts).
    pub fn from_le_bytes(b: &[u8; Self::SIZE]) -> CallArgs {
        CallArgs {
            flags: u32_at(b, 0),
            callee_ptr: u32_at(b, 4),
            gas_limit: u64_at(b, 8),
            value_ptr: u32_at(b, 16),
            input_ptr: u32_at(b, 20),
            input_len: u32_at(b, 24),
            output_ptr: u32_at(b, 28),
            output_len_ptr: u32_at(b, 32),
            reserved: u32_at(b, 36),
        }
    }
}

impl InstantiateArgs {
    /// Size in guest memory.
    pub const SIZE: usize = 48;

    /// Decodes the struct as the guest laid it out.
    pub fn from_le_bytes(b: &[u8; Self::SIZE]) -> InstantiateArgs {
        InstantiateArgs {
            code_hash_ptr: u32_at(b, 0),
            reserved: u32_at(b, 4),
            gas_limit: u64_at(b, 8),
            value_ptr: u32_at(b, 16),
            input_ptr: u32_at(b, 20),
            input_len: u32_at(b, 24),
            salt_ptr: u32_at(b, 28),
            salt_len: u32_at(b, 32),
            address_out_ptr: u32_at(b, 36),
            output_ptr: u32_at(b, 40),
            output_len_ptr: u32_at(b, 44),
        }
    }
}

#[cfg(feature = "crypto")]
pub mod crypto;

/// The guest side: `ECALL` wrappers, only on RV32E targets.
#[cfg(target_arch = "riscv32")]
pub mod guest {
    use super::HostFn;

    /// Calls host function `f` with up to six arguments; returns `a0 | a1 << 32`.
    #[inline(always)]
    pub fn call(f: HostFn, args: [u32; 6]) -> u64 {
        ecall(f as u32, args)
    }

    /// `ECALL` with any number in `t0` (for embedders with host functions of their own,
    /// such as test hosts); returns `a0 | a1 << 32`.
    #[inline(always)]
    pub fn ecall(number: u32, args: [u32; 6]) -> u64 {
        let (lo, hi): (u32, u32);
        // SAFETY: `ecall` suspends the VM; the host may read and write guest memory the
        // arguments point to (hence no `nomem`) and sets a0/a1; no other register
        // changes.
        unsafe {
            core::arch::asm!(
                "ecall",
                in("t0") number,
                inlateout("a0") args[0] => lo,
                inlateout("a1") args[1] => hi,
                in("a2") args[2],
                in("a3") args[3],
                in("a4") args[4],
                in("a5") args[5],
                options(nostack),
            );
        }
        lo as u64 | (hi as u64) << 32
    }

    /// Calls a host function that never returns ([`HostFn::SealReturn`],
    /// [`HostFn::Terminate`]).
    #[inline(always)]
    pub fn call_diverging(f: HostFn, args: [u32; 6]) -> ! {
        call(f, args);
        // The host never resumes these; should one, trapping is the only safe answer.
        // SAFETY: `unimp` traps; it does not return.
        unsafe { core::arch::asm!("unimp", options(noreturn, nomem, nostack)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_are_unique_and_round_trip() {
        for (i, f) in HostFn::ALL.iter().enumerate() {
            assert_eq!(HostFn::from_u32(*f as u32), Some(*f));
            for g in &HostFn::ALL[i + 1..] {
                assert_ne!(*f as u32, *g as u32);
                assert_ne!(f.name(), g.name());
            }
        }
        assert_eq!(HostFn::from_u32(HostFn::ALL.len() as u32 + 100), None);
    }

    #[test]
    fn return_codes_round_trip() {
        for v in 0..20 {
            if let Some(c) = ReturnCode::from_u32(v) {
                assert_eq!(c as u32, v);
            }
        }
        assert_eq!(ReturnCode::from_u32(6), None);
    }

    #[test]
    fn argument_structs_decode_from_guest_bytes() {
        let mut b = [0u8; CallArgs::SIZE];
        for (i, x) in b.iter_mut().enumerate() {
            *x = i as u8;
        }
        let a = CallArgs::from_le_bytes(&b);
        assert_eq!(a.flags, 0x0302_0100);
        assert_eq!(a.gas_limit, 0x0f0e_0d0c_0b0a_0908);
        assert_eq!(a.output_len_ptr, 0x2322_2120);
        let mut b = [0u8; InstantiateArgs::SIZE];
        b[44] = 7;
        assert_eq!(InstantiateArgs::from_le_bytes(&b).output_len_ptr, 7);
    }

    #[test]
    fn argument_structs_have_the_documented_layout() {
        assert_eq!(core::mem::size_of::<CallArgs>(), 40);
        assert_eq!(core::mem::offset_of!(CallArgs, gas_limit), 8);
        assert_eq!(core::mem::size_of::<InstantiateArgs>(), 48);
        assert_eq!(core::mem::offset_of!(InstantiateArgs, gas_limit), 8);
    }
}
