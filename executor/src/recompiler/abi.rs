//! The contract between generated code and the code that runs it: where each guest
//! register lives, where the instance's [`Context`] is and what it holds, and why the
//! guest stopped. `compile` emits code against it; `sandbox` and the module's instance
//! read and write the same context from Rust.
//!
//! - Guest `x1`–`x15` live in fifteen host registers ([`HOST`]); `x0` is not mapped:
//!   reads become immediates, writes are dropped. `rsp` stays the host stack, which the
//!   code uses only for temporaries (`push`/`pop`) and calls to shared stubs.
//! - `gs` points at guest address 0 of the instance's 4 GiB window, so a guest access
//!   is one instruction, `gs:[reg + imm]`, and the guard pages around the window and the
//!   unmapped pages inside it fault (see `sandbox.rs`). The [`Context`] sits [`BELOW`]
//!   bytes under the window, at `gs:[CTX + field offset]`; the offsets are the struct's
//!   own (`offset_of!`), so the two cannot drift apart.
//! - While guest code runs the gas counter lives in the host stack slot at `[rsp]` (see
//!   `compile.rs`); entry copies it from the context, exit copies it back.

use core::mem::offset_of;

use super::x64::{Mem, R};
use crate::isa::Reg;

/// Host register of each guest register (index = guest register number; `x0` unused).
pub const HOST: [R; 16] = [
    R::RAX, // x0: never used
    R::RBX, // ra
    R::RBP, // sp
    R::R12, // gp
    R::R13, // tp
    R::R14, // t0
    R::R15, // t1
    R::RSI, // t2
    R::RDI, // s0
    R::R8,  // s1
    R::RAX, // a0
    R::RDX, // a1
    R::RCX, // a2
    R::R9,  // a3
    R::R10, // a4
    R::R11, // a5
];

/// The host register of a guest register; `None` for `x0`, which has none.
pub fn host(r: Reg) -> Option<R> {
    (r != Reg::ZERO).then(|| HOST[r.index()])
}

/// Bytes below guest address 0: the context page(s), then an unmapped guard.
pub const BELOW: usize = 0x20000;

/// The context the generated code reads and writes at `gs:[CTX_*]`.
#[repr(C)]
pub struct Context {
    /// Gas left.
    pub gas: u64,
    /// Guest registers while the guest is not running.
    pub regs: [u64; 16],
    /// Host stack pointer of the running call.
    pub host_rsp: u64,
    /// Exit reason ([`ExitReason`] as a number).
    pub reason: u64,
    /// Guest pc of the exit.
    pub pc: u64,
    /// Faulting address or invalid jump target.
    pub arg: u64,
    /// Native target of the indirect jump in progress.
    pub jump: u64,
}

/// Offset of the context from guest address 0 (gs base): the bottom of the reservation,
/// with an unmapped guard between it and the window.
pub const CTX: i32 = -(BELOW as i32);

const fn field(offset: usize) -> i32 {
    CTX + offset as i32
}

/// `gs:[disp]`: a context field, or guest memory at a constant address.
pub fn gs(disp: i32) -> Mem {
    Mem::gs(None, disp)
}

/// `gs:[CTX_GAS]`: gas left (u64).
pub const CTX_GAS: i32 = field(offset_of!(Context, gas));
/// `gs:[CTX_REGS + 8 * i]`: guest register `i` while the guest is not running.
pub const CTX_REGS: i32 = field(offset_of!(Context, regs));
/// `gs:[CTX_HOST_RSP]`: host stack pointer to return to.
pub const CTX_HOST_RSP: i32 = field(offset_of!(Context, host_rsp));
/// `gs:[CTX_REASON]`: why the guest exited ([`ExitReason`]).
pub const CTX_REASON: i32 = field(offset_of!(Context, reason));
/// `gs:[CTX_PC]`: guest pc of the exit.
pub const CTX_PC: i32 = field(offset_of!(Context, pc));
/// `gs:[CTX_ARG]`: faulting address or jump target.
pub const CTX_ARG: i32 = field(offset_of!(Context, arg));
/// `gs:[CTX_JUMP]`: native address an indirect jump goes to (set by the JALR stub).
pub const CTX_JUMP: i32 = field(offset_of!(Context, jump));

/// Exit reasons written to `CTX_REASON`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(i32)]
pub enum ExitReason {
    /// Returned to the host.
    Finished = 0,
    /// `ECALL`.
    HostCall = 1,
    /// A block cost more than the gas left.
    OutOfGas = 2,
    /// `UNIMP`.
    Unimp = 3,
    /// `EBREAK`.
    Ebreak = 4,
    /// A memory fault (written by the signal handler).
    Memory = 5,
    /// An invalid indirect jump.
    Jump = 6,
}
