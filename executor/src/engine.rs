//! The API every engine implements: module (validated, reusable) → instance →
//! call(export, args, gas) → [`Exit`] → resume. The interpreter is the reference; the
//! recompiler must produce the same [`Exit`], field by field, for every program.

use core::fmt;

use crate::isa::Reg;

/// Why execution stopped abnormally.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TrapKind {
    /// `UNIMP` (what a Rust panic compiles to).
    Unimp,
    /// `EBREAK`.
    Ebreak,
    /// A load or store outside the mapped regions, or a store to read-only data.
    InvalidMemoryAccess {
        /// Effective address of the access (its first byte).
        addr: u32,
    },
    /// An indirect jump to an address that is not a valid target.
    InvalidJump {
        /// Where the jump went (bit 0 cleared).
        target: u32,
    },
}

impl fmt::Display for TrapKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrapKind::Unimp => f.write_str("reached an `unimp` instruction (a Rust panic)"),
            TrapKind::Ebreak => f.write_str("reached an `ebreak` instruction"),
            TrapKind::InvalidMemoryAccess { addr } => write!(
                f,
                "accessed memory at {addr:#x}, outside the program's memory (or wrote to \
                 read-only data)"
            ),
            TrapKind::InvalidJump { target } => {
                write!(f, "jumped to {target:#x}, which is not a jump target the program declares")
            }
        }
    }
}

/// How a call (or a resumption) ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
    /// The code returned to the host.
    Finished {
        /// `a0` at the return.
        a0: u32,
        /// `a1` at the return.
        a1: u32,
    },
    /// An `ECALL`: execution is suspended until [`Instance::resume`].
    HostCall {
        /// `t0`: which host function.
        number: u32,
        /// `a0`–`a5`.
        args: [u32; 6],
    },
    /// A block cost more gas than was left; the block did not run.
    OutOfGas,
    /// Execution trapped at `pc`.
    Trap {
        /// What happened.
        kind: TrapKind,
        /// Address of the instruction that trapped.
        pc: u32,
    },
}

/// The return addresses of the calls that led to where `instance` stopped, innermost
/// first, read from the frame-pointer chain (`s0`: the caller's return address at
/// `fp - 4`, the caller's frame pointer at `fp - 8`, as RISC-V compilers lay out frame
/// records), at most `max`. Meaningful only for code built with frame pointers; the
/// walk stops at the first record that is not in memory, not aligned, or not above the
/// last (the stack grows down), so elsewhere it yields a few candidates at worst, which
/// a caller checks against the code (each must follow a call).
pub fn frame_chain(instance: &dyn Instance, max: usize) -> alloc::vec::Vec<u32> {
    let mut chain = alloc::vec::Vec::new();
    let mut fp = instance.reg(Reg::S0);
    while chain.len() < max && fp >= 8 && fp.is_multiple_of(4) {
        let mut record = [0u8; 8];
        if instance.read_memory(fp - 8, &mut record).is_err() {
            break;
        }
        let caller_fp = u32::from_le_bytes([record[0], record[1], record[2], record[3]]);
        let ra = u32::from_le_bytes([record[4], record[5], record[6], record[7]]);
        if ra == crate::blob::RETURN_TO_HOST || ra == 0 {
            break;
        }
        chain.push(ra);
        if caller_fp <= fp {
            break;
        }
        fp = caller_fp;
    }
    chain
}

/// An [`Outcome`] with the gas left at that point.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Exit {
    /// What happened.
    pub outcome: Outcome,
    /// Gas left.
    pub gas_left: u64,
}

/// A call that could not start.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallError {
    /// No export with that name.
    UnknownExport,
    /// More than six arguments (RV32E passes `a0`–`a5`).
    TooManyArguments,
    /// `resume` when the instance is not suspended at a host call.
    NotSuspended,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CallError::UnknownExport => "no export with that name",
            CallError::TooManyArguments => "at most six arguments can be passed",
            CallError::NotSuspended => "the instance is not suspended at a host call",
        })
    }
}

/// The host touched guest memory it may not: unmapped, or read-only for a write.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MemoryAccessError {
    /// First address of the access.
    pub addr: u32,
    /// Its length.
    pub len: u32,
}

impl fmt::Display for MemoryAccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid guest memory access of {} bytes at {:#x}", self.len, self.addr)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for CallError {}
#[cfg(feature = "std")]
impl std::error::Error for MemoryAccessError {}

/// Registers at the start of a call before arguments: zero, except `ra` =
/// [`crate::blob::RETURN_TO_HOST`] and `sp` = [`crate::blob::STACK_TOP`].
pub fn initial_registers() -> [u32; 16] {
    let mut regs = [0; 16];
    regs[Reg::RA.index()] = crate::blob::RETURN_TO_HOST;
    regs[Reg::SP.index()] = crate::blob::STACK_TOP;
    regs
}

/// A running copy of a module: registers, memory, gas and suspension state.
///
/// Memory persists across calls; registers are reset at each call to zero except
/// `ra` = [`crate::blob::RETURN_TO_HOST`], `sp` = [`crate::blob::STACK_TOP`] and the
/// arguments in `a0`–`a5`.
pub trait Instance {
    /// Starts a call of `export`. Abandons any suspended call.
    ///
    /// # Errors
    /// [`CallError`] if the export does not exist or there are too many arguments.
    fn call(&mut self, export: &str, args: &[u32], gas: u64) -> Result<Exit, CallError> {
        if args.len() > Reg::ARGS.len() {
            return Err(CallError::TooManyArguments);
        }
        let mut regs = initial_registers();
        for (r, &v) in Reg::ARGS.iter().zip(args) {
            regs[r.index()] = v;
        }
        self.call_with_registers(export, regs, gas)
    }
    /// Starts a call of `export` with every register given (`x0` is ignored); what
    /// [`Instance::call`] does after setting up [`initial_registers`] and the arguments.
    ///
    /// # Errors
    /// [`CallError::UnknownExport`] if the export does not exist.
    fn call_with_registers(
        &mut self,
        export: &str,
        regs: [u32; 16],
        gas: u64,
    ) -> Result<Exit, CallError>;
    /// Continues after a host call, at the instruction after the `ECALL`.
    ///
    /// # Errors
    /// [`CallError::NotSuspended`] unless the last exit was a host call.
    fn resume(&mut self) -> Result<Exit, CallError>;
    /// A register's value.
    fn reg(&self, reg: Reg) -> u32;
    /// Sets a register (writes to `x0` are ignored), e.g. the results of a host call.
    fn set_reg(&mut self, reg: Reg, value: u32);
    /// The address of the instruction that stopped execution last (the `ECALL`, the
    /// trapping instruction, or the first instruction of the block that ran out of gas).
    fn pc(&self) -> u32;
    /// Gas left.
    fn gas_left(&self) -> u64;
    /// Sets the gas left, e.g. after the host charged for a host call.
    fn set_gas_left(&mut self, gas: u64);
    /// Reads guest memory (any mapped region).
    ///
    /// # Errors
    /// If any byte is unmapped.
    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError>;
    /// Writes guest memory (writable regions only).
    ///
    /// # Errors
    /// If any byte is unmapped or read-only.
    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError>;
    /// Restores memory to the program's initial image.
    fn reset_memory(&mut self);
}
