//! The code every block shares, emitted once per module ahead of the blocks: the entry
//! trampoline, the exits (common, finished, out of gas), the indirect-jump stub's slow
//! path, and the out-of-line multiply-high, division and remainder helpers.

use alloc::vec::Vec;

use super::abi::{
    gs, ExitReason, CTX_ARG, CTX_GAS, CTX_HOST_RSP, CTX_JUMP, CTX_REASON, CTX_REGS, HOST,
};
use super::x64::{Alu, Asm, Cond, Mem, Shift, R};
use crate::blob::RETURN_TO_HOST;
use crate::validate::Program;

/// Shared out-of-line helpers for multiply-high, division and remainder. Operands are
/// pushed by the caller (`push a; push b; call`): `[rsp+8]` = b, `[rsp+16]` = a at
/// entry; the stub writes the result over `a`'s slot and preserves every register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Helper {
    Mulh,
    Mulhsu,
    Mulhu,
    Div,
    Divu,
    Rem,
    Remu,
}

/// Every helper, in the order of `Compiler::helpers` (`Helper as usize`).
const HELPERS: [Helper; HELPER_COUNT] = [
    Helper::Mulh,
    Helper::Mulhsu,
    Helper::Mulhu,
    Helper::Div,
    Helper::Divu,
    Helper::Rem,
    Helper::Remu,
];

/// Number of helpers.
pub(super) const HELPER_COUNT: usize = 7;

/// Where the shared code is, for the blocks to call and jump to.
#[derive(Clone, Copy, Default)]
pub(super) struct Stubs {
    /// The entry trampoline: `extern "sysv64" fn(target: u64)`.
    pub(super) entry: usize,
    /// Saves the guest registers and gas, returns to the host.
    pub(super) exit_common: usize,
    /// "Returned to the host".
    pub(super) exit_finished: usize,
    /// Called by a block's gas stub when the block costs more than is left.
    pub(super) out_of_gas: usize,
    /// The indirect jump's slow path.
    pub(super) jalr: usize,
    /// The helpers, at `Helper as usize`.
    pub(super) helpers: [usize; HELPER_COUNT],
}

/// Emits the shared code at the start of `asm`. The jump table's address is not known
/// yet: where it must be written goes to `table_address_fixups`.
pub(super) fn emit(
    asm: &mut Asm,
    program: &Program,
    table_address_fixups: &mut Vec<usize>,
) -> Stubs {
    let mut e = Emitter { asm, program, table_address_fixups, stubs: Stubs::default() };
    e.emit_runtime();
    e.stubs
}

struct Emitter<'a> {
    asm: &'a mut Asm,
    program: &'a Program,
    table_address_fixups: &'a mut Vec<usize>,
    stubs: Stubs,
}

impl Emitter<'_> {
    fn emit_runtime(&mut self) {
        let a = &mut self.asm;
        const CALLEE_SAVED: [R; 6] = [R::RBX, R::RBP, R::R12, R::R13, R::R14, R::R15];
        // Entry: save the host's callee-saved registers, remember rsp, load the guest
        // registers and `ret` into the target pushed last.
        self.stubs.entry = a.offset();
        for r in CALLEE_SAVED {
            a.push(r);
        }
        a.mov_m64_r(gs(CTX_HOST_RSP), R::RSP);
        // The gas slot, then the target for `ret`.
        a.mov_r_m64(R::RAX, gs(CTX_GAS));
        a.push(R::RAX);
        a.push(R::RDI);
        for (i, &host) in HOST.iter().enumerate().skip(1) {
            a.mov_r_m64(host, gs(CTX_REGS + 8 * i as i32));
        }
        a.ret();
        // Common exit: save the guest registers, restore the host's and return.
        self.stubs.exit_common = a.offset();
        for (i, &host) in HOST.iter().enumerate().skip(1) {
            a.mov_m64_r(gs(CTX_REGS + 8 * i as i32), host);
        }
        // Every exit path arrives at the block-start stack depth: `[rsp]` is gas.
        a.mov_r_m64(R::RAX, Mem::stack(0));
        a.mov_m64_r(gs(CTX_GAS), R::RAX);
        a.mov_r_m64(R::RSP, gs(CTX_HOST_RSP));
        for r in CALLEE_SAVED.iter().rev() {
            a.pop(*r);
        }
        a.ret();
        // Out of gas: the block's stub called here; its return address tells the host
        // which block it was (the host also gives back the subtracted cost).
        self.stubs.out_of_gas = a.offset();
        a.pop_m64(gs(CTX_ARG));
        a.mov_m64_i32(gs(CTX_REASON), ExitReason::OutOfGas as i32);
        a.jmp(self.stubs.exit_common);
        self.stubs.exit_finished = a.offset();
        a.mov_m64_i32(gs(CTX_REASON), ExitReason::Finished as i32);
        a.jmp(self.stubs.exit_common);
        self.emit_jalr_stub();
        for h in HELPERS {
            self.stubs.helpers[h as usize] = self.asm.offset();
            self.emit_helper(h);
        }
    }

    /// `[rsp+8]` holds the guest target; on success the stub stores the native address
    /// in `gs:[CTX_JUMP]` and returns; otherwise the call ends with an `InvalidJump` trap.
    fn emit_jalr_stub(&mut self) {
        let p = self.program;
        let code_base = p.parts().code_base;
        let slots = (p.code_end() - code_base) / 2;
        let a = &mut self.asm;
        self.stubs.jalr = a.offset();
        a.push(R::RAX);
        a.push(R::RCX);
        a.mov_r_m32(R::RAX, Mem::stack(24));
        a.alu_ri32(Alu::Cmp, R::RAX, RETURN_TO_HOST as i32);
        let not_host = a.jcc_fixup(Cond::Ne);
        // The return-to-host address maps to the table's extra last slot.
        a.mov_ri32(R::RAX, slots);
        let to_lookup = a.jmp_fixup();
        let l_not_host = a.offset();
        a.patch(not_host, l_not_host);
        a.alu_ri32(Alu::Sub, R::RAX, code_base as i32);
        a.alu_ri32(Alu::Cmp, R::RAX, (p.code_end() - code_base) as i32);
        let invalid1 = a.jcc_fixup(Cond::Ae);
        a.shift_ri32(Shift::Shr, R::RAX, 1);
        let lookup = a.offset();
        a.patch(to_lookup, lookup);
        self.table_address_fixups.push(a.offset() + 2);
        a.mov_ri64(R::RCX, 0);
        a.load_indexed8(R::RAX, R::RCX, R::RAX);
        a.test64(R::RAX);
        let invalid2 = a.jcc_fixup(Cond::E);
        a.mov_m64_r(gs(CTX_JUMP), R::RAX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        a.ret();
        let invalid = a.offset();
        a.patch(invalid1, invalid);
        a.patch(invalid2, invalid);
        a.mov_r_m32(R::RCX, Mem::stack(24));
        a.mov_m64_r(gs(CTX_ARG), R::RCX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        a.add_rsp(16);
        a.mov_m64_i32(gs(CTX_REASON), ExitReason::Jump as i32);
        a.jmp(self.stubs.exit_common);
    }

    fn emit_helper(&mut self, h: Helper) {
        let a = &mut self.asm;
        a.push(R::RAX);
        a.push(R::RDX);
        // Now: [rsp+24] = b, [rsp+32] = a.
        let (sa, sb) = (Mem::stack(32), Mem::stack(24));
        let mut exits = Vec::new();
        match h {
            Helper::Mulhu | Helper::Mulh => {
                a.mov_r_m32(R::RAX, sa);
                a.muldiv_m32(if h == Helper::Mulhu { 4 } else { 5 }, sb);
                a.mov_rr32(R::RAX, R::RDX);
            }
            Helper::Mulhsu => {
                a.movsxd_r_m32(R::RAX, sa);
                a.mov_r_m32(R::RDX, sb);
                a.imul_rr64(R::RAX, R::RDX);
                a.shr_r64(R::RAX, 32);
            }
            Helper::Divu | Helper::Remu => {
                let rem = h == Helper::Remu;
                exits.push(Self::zero_divisor(a, rem, sa, sb));
                a.mov_r_m32(R::RAX, sa);
                a.zero(R::RDX);
                a.muldiv_m32(6, sb);
                if rem {
                    a.mov_rr32(R::RAX, R::RDX);
                }
            }
            Helper::Div | Helper::Rem => {
                let rem = h == Helper::Rem;
                exits.push(Self::zero_divisor(a, rem, sa, sb));
                // INT_MIN / -1 = INT_MIN, remainder 0 (idiv would fault).
                a.alu_m32_i32(Alu::Cmp, sb, u32::MAX);
                let normal1 = a.jcc_fixup(Cond::Ne);
                a.alu_m32_i32(Alu::Cmp, sa, 0x8000_0000);
                let normal2 = a.jcc_fixup(Cond::Ne);
                if rem {
                    a.zero(R::RAX);
                } else {
                    a.mov_ri32(R::RAX, 0x8000_0000);
                }
                exits.push(a.jmp_fixup());
                let l = a.offset();
                a.patch(normal1, l);
                a.patch(normal2, l);
                a.mov_r_m32(R::RAX, sa);
                a.cdq();
                a.muldiv_m32(7, sb);
                if rem {
                    a.mov_rr32(R::RAX, R::RDX);
                }
            }
        }
        let done = a.offset();
        for e in exits {
            a.patch(e, done);
        }
        // A 32-bit result in rax (upper half zero) over a's slot.
        a.mov_m64_r(sa, R::RAX);
        a.pop(R::RDX);
        a.pop(R::RAX);
        a.ret();
    }

    /// Division by zero: `x / 0` is all ones and `x % 0` is `x`, in `eax`. Emits the
    /// test and that result; returns the jump to patch to the helper's end, and leaves
    /// the non-zero path next.
    fn zero_divisor(a: &mut Asm, rem: bool, sa: Mem, sb: Mem) -> usize {
        a.alu_m32_i32(Alu::Cmp, sb, 0);
        let nonzero = a.jcc_fixup(Cond::Ne);
        if rem {
            a.mov_r_m32(R::RAX, sa);
        } else {
            a.mov_ri32(R::RAX, u32::MAX);
        }
        let exit = a.jmp_fixup();
        let l = a.offset();
        a.patch(nonzero, l);
        exit
    }
}
