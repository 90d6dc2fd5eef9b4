//! The translation pass: a validated [`Program`] → x86-64 machine code, in one linear
//! pass over the instructions plus a patch pass over forward jumps.
//!
//! Conventions of the generated code:
//! - Guest `x1`–`x15` live in fifteen host registers ([`HOST`]); `x0` is not mapped:
//!   reads become immediates, writes are dropped. `rsp` stays the host stack, which the
//!   code uses only for temporaries (`push`/`pop`) and calls to shared stubs.
//! - `gs` points at guest address 0 of the instance's 4 GiB window, so a guest access
//!   is one instruction, `gs:[reg + imm]`, and the guard pages around the window and the
//!   unmapped pages inside it fault (see `sandbox.rs`). The instance's [`Context`]
//!   (gas, saved registers, exit reason) sits just below the window at `gs:[CTX_*]`.
//! - Every basic block starts with `sub qword [rsp], cost; jb out_of_gas`. While guest
//!   code runs, the gas counter lives in the host stack slot at `[rsp]` (the stack depth
//!   at every block start is the same): an `rsp`-relative slot gets the CPU's memory
//!   renaming, so the loop-carried dependency through the counter costs far less than
//!   through `gs:[CTX_GAS]`. Entry copies it from the context, exit copies it back.
//!
//! [`Context`]: super::sandbox::Context

use alloc::vec;
use alloc::vec::Vec;

use super::x64::{Alu, Asm, Cond, Mem, Shift, Size, R};
use crate::blob::RETURN_TO_HOST;
use crate::gas::block_costs;
use crate::isa::{Format, Instruction, Opcode, Reg};
use crate::validate::Program;

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

/// Offset of the context from guest address 0 (gs base). It is below the window, with
/// an unmapped guard between it and the window.
pub const CTX: i32 = -0x20000;
/// `gs:[CTX_GAS]`: gas left (u64).
pub const CTX_GAS: i32 = CTX;
/// `gs:[CTX_REGS + 8 * i]`: guest register `i` while the guest is not running.
pub const CTX_REGS: i32 = CTX + 8;
/// `gs:[CTX_HOST_RSP]`: host stack pointer to return to.
pub const CTX_HOST_RSP: i32 = CTX + 8 + 16 * 8;
/// `gs:[CTX_REASON]`: why the guest exited ([`ExitReason`]).
pub const CTX_REASON: i32 = CTX_HOST_RSP + 8;
/// `gs:[CTX_PC]`: guest pc of the exit.
pub const CTX_PC: i32 = CTX_REASON + 8;
/// `gs:[CTX_ARG]`: faulting address or jump target.
pub const CTX_ARG: i32 = CTX_PC + 8;
/// `gs:[CTX_JUMP]`: native address an indirect jump goes to (set by the JALR stub).
pub const CTX_JUMP: i32 = CTX_ARG + 8;

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

/// The result of compilation, before it is placed in executable memory.
pub struct Compiled {
    /// Machine code.
    pub code: Vec<u8>,
    /// Offset of the entry trampoline: `extern "sysv64" fn(target: u64)`.
    pub entry: usize,
    /// Offset of the common exit path (saves registers, returns to the host).
    pub exit_common: usize,
    /// Offset of the "returned to the host" exit.
    pub exit_finished: usize,
    /// Native offset of each instruction's block entry (gas stub) for block starts,
    /// `u32::MAX` for the others.
    pub block_entry: Vec<u32>,
    /// (native offset of the load/store instruction, guest instruction index), sorted.
    pub memory_sites: Vec<(u32, u32)>,
    /// Where the jump table's absolute address must be written (imm64 fields).
    pub table_address_fixups: Vec<usize>,
    /// (native offset after the `call` of a block's out-of-gas stub, instruction index
    /// of the block start), ascending: how the host finds the block that ran out.
    pub out_of_gas_sites: Vec<(u32, u32)>,
    /// Cost of each block (at its first instruction's index).
    pub block_costs: Vec<u32>,
}

const NONE: u32 = u32::MAX;

fn host(r: Reg) -> Option<R> {
    (r != Reg::ZERO).then(|| HOST[r.index()])
}

/// Shared out-of-line helpers for multiply-high, division and remainder. Operands are
/// pushed by the caller (`push a; push b; call`): `[rsp+8]` = b, `[rsp+16]` = a at
/// entry; the stub writes the result over `a`'s slot and preserves every register.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Helper {
    Mulh,
    Mulhsu,
    Mulhu,
    Div,
    Divu,
    Rem,
    Remu,
}

const HELPERS: [Helper; 7] = [
    Helper::Mulh,
    Helper::Mulhsu,
    Helper::Mulhu,
    Helper::Div,
    Helper::Divu,
    Helper::Rem,
    Helper::Remu,
];

/// Compiles a program. O(code size).
///
/// `metered: false` leaves out the gas stubs: only for measuring what metering costs
/// (benchmarks); such code must never run untrusted programs.
pub fn compile(program: &Program, metered: bool) -> Compiled {
    let mut c = Compiler::new(program);
    c.metered = metered;
    c.emit_runtime();
    c.emit_code();
    c.finish()
}

struct Compiler<'a> {
    program: &'a Program,
    asm: Asm,
    costs: Vec<u32>,
    entry: usize,
    exit_common: usize,
    exit_finished: usize,
    jalr_stub: usize,
    helpers: [usize; 7],
    table_address_fixups: Vec<usize>,
    block_entry: Vec<u32>,
    memory_sites: Vec<(u32, u32)>,
    /// (patch offset, target instruction index)
    jump_fixups: Vec<(usize, usize)>,
    /// (patch offset of the `jb`, instruction index of the block)
    gas_fixups: Vec<(usize, u32)>,
    out_of_gas: usize,
    out_of_gas_sites: Vec<(u32, u32)>,
    /// Whether to emit gas stubs.
    metered: bool,
}

impl<'a> Compiler<'a> {
    fn new(program: &'a Program) -> Self {
        let n = program.code().len();
        Compiler {
            program,
            asm: Asm { code: Vec::with_capacity(n * 24 + 4096) },
            costs: block_costs(program),
            entry: 0,
            exit_common: 0,
            exit_finished: 0,
            jalr_stub: 0,
            helpers: [0; 7],
            table_address_fixups: Vec::new(),
            block_entry: vec![NONE; n],
            memory_sites: Vec::new(),
            jump_fixups: Vec::new(),
            gas_fixups: Vec::new(),
            out_of_gas: 0,
            out_of_gas_sites: Vec::new(),
            metered: true,
        }
    }

    fn gs(disp: i32) -> Mem {
        Mem::gs(None, disp)
    }

    fn emit_runtime(&mut self) {
        let a = &mut self.asm;
        const CALLEE_SAVED: [R; 6] = [R::RBX, R::RBP, R::R12, R::R13, R::R14, R::R15];
        // Entry: save the host's callee-saved registers, remember rsp, load the guest
        // registers and `ret` into the target pushed last.
        self.entry = a.offset();
        for r in CALLEE_SAVED {
            a.push(r);
        }
        a.mov_m64_r(Self::gs(CTX_HOST_RSP), R::RSP);
        // The gas slot, then the target for `ret`.
        a.mov_r_m64(R::RAX, Self::gs(CTX_GAS));
        a.push(R::RAX);
        a.push(R::RDI);
        for (i, &host) in HOST.iter().enumerate().skip(1) {
            a.mov_r_m64(host, Self::gs(CTX_REGS + 8 * i as i32));
        }
        a.ret();
        // Common exit: save the guest registers, restore the host's and return.
        self.exit_common = a.offset();
        for (i, &host) in HOST.iter().enumerate().skip(1) {
            a.mov_m64_r(Self::gs(CTX_REGS + 8 * i as i32), host);
        }
        // Every exit path arrives at the block-start stack depth: `[rsp]` is gas.
        a.mov_r_m64(R::RAX, Mem::stack(0));
        a.mov_m64_r(Self::gs(CTX_GAS), R::RAX);
        a.mov_r_m64(R::RSP, Self::gs(CTX_HOST_RSP));
        for r in CALLEE_SAVED.iter().rev() {
            a.pop(*r);
        }
        a.ret();
        // Out of gas: the block's stub called here; its return address tells the host
        // which block it was (the host also gives back the subtracted cost).
        self.out_of_gas = a.offset();
        a.pop_m64(Self::gs(CTX_ARG));
        a.mov_m64_i32(Self::gs(CTX_REASON), ExitReason::OutOfGas as i32);
        a.jmp(self.exit_common);
        self.exit_finished = a.offset();
        a.mov_m64_i32(Self::gs(CTX_REASON), ExitReason::Finished as i32);
        a.jmp(self.exit_common);
        self.emit_jalr_stub();
        for (i, h) in HELPERS.iter().enumerate() {
            self.helpers[i] = self.asm.offset();
            self.emit_helper(*h);
        }
    }

    /// `[rsp+8]` holds the guest target; on success the stub stores the native address
    /// in `gs:[CTX_JUMP]` and returns; otherwise the call ends with an `InvalidJump` trap.
    fn emit_jalr_stub(&mut self) {
        let p = self.program;
        let code_base = p.parts().code_base;
        let slots = (p.code_end() - code_base) / 2;
        let a = &mut self.asm;
        self.jalr_stub = a.offset();
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
        a.mov_m64_r(Self::gs(CTX_JUMP), R::RAX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        a.ret();
        let invalid = a.offset();
        a.patch(invalid1, invalid);
        a.patch(invalid2, invalid);
        a.mov_r_m32(R::RCX, Mem::stack(24));
        a.mov_m64_r(Self::gs(CTX_ARG), R::RCX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        a.add_rsp(16);
        a.mov_m64_i32(Self::gs(CTX_REASON), ExitReason::Jump as i32);
        a.jmp(self.exit_common);
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

    fn emit_code(&mut self) {
        let p = self.program;
        for (i, ci) in p.code().iter().enumerate() {
            if p.is_block_start(i) {
                self.block_entry[i] = self.asm.offset() as u32;
            }
            if p.is_block_start(i) && self.metered {
                let at = self.asm.offset();
                self.asm.sub_m64_i32(Mem::stack(0), self.costs[i]);
                let jb = self.asm.jcc_fixup(Cond::B);
                debug_assert_eq!(self.asm.offset() - at, 14, "fixed-width gas stub");
                self.gas_fixups.push((jb, i as u32));
            }
            let pc = p.addresses()[i];
            let next = pc + ci.size();
            self.instruction(i, ci.inst, pc, next);
        }
        // Out-of-gas paths: one `call` each, identified by its return address.
        for (jb, index) in core::mem::take(&mut self.gas_fixups) {
            let a = &mut self.asm;
            let l = a.offset();
            a.patch(jb, l);
            a.call(self.out_of_gas);
            self.out_of_gas_sites.push((a.offset() as u32, index));
        }
        for (at, target) in core::mem::take(&mut self.jump_fixups) {
            let t = self.block_entry[target];
            debug_assert_ne!(t, NONE, "direct targets start blocks; qed");
            self.asm.patch(at, t as usize);
        }
    }

    fn exit(&mut self, reason: ExitReason, pc: u32) {
        self.asm.mov_m64_i32(Self::gs(CTX_PC), pc as i32);
        self.asm.mov_m64_i32(Self::gs(CTX_REASON), reason as i32);
        self.asm.jmp(self.exit_common);
    }

    fn jump_to(&mut self, target_pc: u32, cond: Option<Cond>) {
        let idx =
            self.program.index_of(target_pc).expect("validated: targets are instructions; qed");
        let at = match cond {
            Some(c) => self.asm.jcc_fixup(c),
            None => self.asm.jmp_fixup(),
        };
        self.jump_fixups.push((at, idx));
    }

    /// `rd = rs` (with `x0` as zero).
    fn mov(&mut self, rd: R, rs: Reg) {
        match host(rs) {
            Some(s) if s != rd => self.asm.mov_rr32(rd, s),
            Some(_) => {}
            None => self.asm.zero(rd),
        }
    }

    fn instruction(&mut self, index: usize, inst: Instruction, pc: u32, next: u32) {
        let Instruction { op, rd, rs1, rs2, imm } = inst;
        match op.format() {
            Format::Load => return self.load(index, op, rd, rs1, imm),
            Format::Store => return self.store(index, op, rs1, rs2, imm),
            Format::Branch => return self.branch(op, rs1, rs2, pc.wrapping_add(imm as u32)),
            _ => {}
        }
        match op {
            Opcode::Jal => {
                if let Some(d) = host(rd) {
                    self.asm.mov_ri32(d, next);
                }
                return self.jump_to(pc.wrapping_add(imm as u32), None);
            }
            Opcode::Jalr => return self.jalr(rd, rs1, imm, pc, next),
            Opcode::Ecall => return self.exit(ExitReason::HostCall, pc),
            Opcode::Ebreak => return self.exit(ExitReason::Ebreak, pc),
            Opcode::Unimp => return self.exit(ExitReason::Unimp, pc),
            Opcode::Fence => return,
            _ => {}
        }
        let Some(d) = host(rd) else { return };
        match op.format() {
            Format::Upper => {
                let v = if op == Opcode::Auipc { pc.wrapping_add(imm as u32) } else { imm as u32 };
                self.asm.mov_ri32(d, v);
            }
            Format::I => self.alu_imm(op, d, rs1, imm),
            Format::Shift => {
                self.mov(d, rs1);
                let s = match op {
                    Opcode::Slli => Shift::Shl,
                    Opcode::Srli => Shift::Shr,
                    _ => Shift::Sar,
                };
                if imm != 0 {
                    self.asm.shift_ri32(s, d, imm as u8);
                }
            }
            Format::R => self.alu_reg(op, d, rs1, rs2),
            _ => unreachable!("every other format returned above; qed"),
        }
    }

    fn alu_imm(&mut self, op: Opcode, d: R, rs1: Reg, imm: i32) {
        let Some(s) = host(rs1) else {
            // Constant operands: fold.
            let v = match op {
                Opcode::Addi | Opcode::Xori | Opcode::Ori => imm as u32,
                Opcode::Andi => 0,
                Opcode::Slti => (0 < imm) as u32,
                Opcode::Sltiu => (0 < imm as u32) as u32,
                _ => unreachable!("only I-format ALU opcodes come here; qed"),
            };
            return self.asm.mov_ri32(d, v);
        };
        match op {
            Opcode::Addi if d == s => {
                if imm != 0 {
                    self.asm.alu_ri32(Alu::Add, d, imm);
                }
            }
            Opcode::Addi => self.asm.lea32(d, s, imm),
            Opcode::Slti | Opcode::Sltiu => {
                self.asm.alu_ri32(Alu::Cmp, s, imm);
                self.asm.set_bool(if op == Opcode::Slti { Cond::L } else { Cond::B }, d);
            }
            _ => {
                let alu = match op {
                    Opcode::Xori => Alu::Xor,
                    Opcode::Ori => Alu::Or,
                    _ => Alu::And,
                };
                self.mov(d, rs1);
                self.asm.alu_ri32(alu, d, imm);
            }
        }
    }

    fn alu_reg(&mut self, op: Opcode, d: R, rs1: Reg, rs2: Reg) {
        let (a, b) = (host(rs1), host(rs2));
        let helper = |h: Helper| HELPERS.iter().position(|&x| x == h).expect("listed; qed");
        match op {
            Opcode::Add | Opcode::Xor | Opcode::Or | Opcode::And | Opcode::Mul => {
                let alu = match op {
                    Opcode::Add => Some(Alu::Add),
                    Opcode::Xor => Some(Alu::Xor),
                    Opcode::Or => Some(Alu::Or),
                    Opcode::And => Some(Alu::And),
                    _ => None,
                };
                match (a, b) {
                    (None, None) => self.asm.zero(d),
                    (Some(x), None) | (None, Some(x)) => {
                        if matches!(op, Opcode::And | Opcode::Mul) {
                            self.asm.zero(d);
                        } else if x != d {
                            self.asm.mov_rr32(d, x);
                        }
                    }
                    (Some(x), Some(y)) => {
                        // Commutative: operate on whichever source already is `d`.
                        let other = if x == d {
                            y
                        } else if y == d {
                            x
                        } else {
                            self.asm.mov_rr32(d, x);
                            y
                        };
                        match alu {
                            Some(alu) => self.asm.alu_rr32(alu, d, other),
                            None => self.asm.imul_rr32(d, other),
                        }
                    }
                }
            }
            Opcode::Sub => match (a, b) {
                (_, None) => self.mov(d, rs1),
                (None, Some(y)) => {
                    if y != d {
                        self.asm.mov_rr32(d, y);
                    }
                    self.asm.neg32(d);
                }
                (Some(x), Some(y)) if y == d && x != d => {
                    self.asm.neg32(d);
                    self.asm.alu_rr32(Alu::Add, d, x);
                }
                (Some(x), Some(y)) => {
                    if x != d {
                        self.asm.mov_rr32(d, x);
                    }
                    self.asm.alu_rr32(Alu::Sub, d, y);
                }
            },
            Opcode::Sll | Opcode::Srl | Opcode::Sra => {
                let s = match op {
                    Opcode::Sll => Shift::Shl,
                    Opcode::Srl => Shift::Shr,
                    _ => Shift::Sar,
                };
                match (a, b) {
                    (None, _) => self.asm.zero(d),
                    (Some(_), None) => self.mov(d, rs1),
                    (Some(x), Some(y)) => self.asm.shiftx32(s, d, x, y),
                }
            }
            Opcode::Slt | Opcode::Sltu => {
                let signed = op == Opcode::Slt;
                match (a, b) {
                    (None, None) => self.asm.zero(d),
                    (Some(x), None) => {
                        // x < 0
                        self.asm.alu_ri32(Alu::Cmp, x, 0);
                        self.asm.set_bool(if signed { Cond::L } else { Cond::B }, d);
                    }
                    (None, Some(y)) => {
                        // 0 < y
                        self.asm.alu_ri32(Alu::Cmp, y, 0);
                        self.asm.set_bool(if signed { Cond::G } else { Cond::Ne }, d);
                    }
                    (Some(x), Some(y)) => {
                        self.asm.cmp_rr32(x, y);
                        self.asm.set_bool(if signed { Cond::L } else { Cond::B }, d);
                    }
                }
            }
            _ => {
                let h = match op {
                    Opcode::Mulh => Helper::Mulh,
                    Opcode::Mulhsu => Helper::Mulhsu,
                    Opcode::Mulhu => Helper::Mulhu,
                    Opcode::Div => Helper::Div,
                    Opcode::Divu => Helper::Divu,
                    Opcode::Rem => Helper::Rem,
                    _ => Helper::Remu,
                };
                for src in [a, b] {
                    match src {
                        Some(r) => self.asm.push(r),
                        None => self.asm.push_i8(0),
                    }
                }
                self.asm.call(self.helpers[helper(h)]);
                self.asm.add_rsp(8);
                self.asm.pop(d);
            }
        }
    }

    fn mem_operand(rs1: Reg, imm: i32) -> Mem {
        Mem::gs(host(rs1), imm)
    }

    fn load(&mut self, index: usize, op: Opcode, rd: Reg, rs1: Reg, imm: i32) {
        let (size, signed) = match op {
            Opcode::Lb => (Size::B, true),
            Opcode::Lbu => (Size::B, false),
            Opcode::Lh => (Size::W, true),
            Opcode::Lhu => (Size::W, false),
            _ => (Size::D, false),
        };
        let mem = Self::mem_operand(rs1, imm);
        self.memory_sites.push((self.asm.offset() as u32, index as u32));
        match host(rd) {
            Some(d) => self.asm.load(d, mem, size, signed),
            // A load into x0 still faults on a bad address.
            None => self.asm.probe(mem, size),
        }
    }

    fn store(&mut self, index: usize, op: Opcode, rs1: Reg, rs2: Reg, imm: i32) {
        let size = match op {
            Opcode::Sb => Size::B,
            Opcode::Sh => Size::W,
            _ => Size::D,
        };
        let mem = Self::mem_operand(rs1, imm);
        self.memory_sites.push((self.asm.offset() as u32, index as u32));
        match host(rs2) {
            Some(s) => self.asm.store(mem, s, size),
            None => self.asm.store_zero(mem, size),
        }
    }

    fn branch(&mut self, op: Opcode, rs1: Reg, rs2: Reg, target: u32) {
        let (a, b) = (host(rs1), host(rs2));
        // Condition for `rs1 op rs2`, and the same with the operands swapped.
        let (cond, swapped) = match op {
            Opcode::Beq => (Cond::E, Cond::E),
            Opcode::Bne => (Cond::Ne, Cond::Ne),
            Opcode::Blt => (Cond::L, Cond::G),
            Opcode::Bge => (Cond::Ge, Cond::Le),
            Opcode::Bltu => (Cond::B, Cond::A),
            // 0 >=u y only when y == 0.
            _ => (Cond::Ae, Cond::E),
        };
        match (a, b) {
            (None, None) => {
                // 0 op 0: beq/bge/bgeu always, bne/blt/bltu never.
                if matches!(op, Opcode::Beq | Opcode::Bge | Opcode::Bgeu) {
                    self.jump_to(target, None);
                }
            }
            (Some(x), None) => {
                self.asm.alu_ri32(Alu::Cmp, x, 0);
                self.jump_to(target, Some(cond));
            }
            (None, Some(y)) => {
                self.asm.alu_ri32(Alu::Cmp, y, 0);
                self.jump_to(target, Some(swapped));
            }
            (Some(x), Some(y)) => {
                self.asm.cmp_rr32(x, y);
                self.jump_to(target, Some(cond));
            }
        }
    }

    fn jalr(&mut self, rd: Reg, rs1: Reg, imm: i32, pc: u32, next: u32) {
        let p = self.program;
        let code_base = p.parts().code_base;
        let a = &mut self.asm;
        // Fast path, inline: look the target up in the table with two saved registers.
        a.push(R::RAX);
        a.push(R::RCX);
        match host(rs1) {
            Some(r) => a.lea32(R::RAX, r, imm),
            None => a.mov_ri32(R::RAX, imm as u32),
        }
        a.alu_ri32(Alu::And, R::RAX, -2);
        a.alu_ri32(Alu::Sub, R::RAX, code_base as i32);
        a.alu_ri32(Alu::Cmp, R::RAX, (p.code_end() - code_base) as i32);
        // Outside the code (including the return-to-host address): the slow path.
        let slow1 = a.jcc_fixup(Cond::Ae);
        self.table_address_fixups.push(a.offset() + 2);
        a.mov_ri64(R::RCX, 0);
        // Table entry (8 bytes) per 2-byte slot: the byte offset times 4.
        a.load_indexed(R::RAX, R::RCX, R::RAX, 2);
        a.test64(R::RAX);
        let slow2 = a.jcc_fixup(Cond::E);
        a.mov_m64_r(Self::gs(CTX_JUMP), R::RAX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        if let Some(d) = host(rd) {
            a.mov_ri32(d, next);
        }
        a.jmp_m64(Self::gs(CTX_JUMP));
        // Slow path: the shared stub handles the return to the host and invalid targets.
        let slow = a.offset();
        a.patch(slow1, slow);
        a.patch(slow2, slow);
        a.pop(R::RCX);
        a.pop(R::RAX);
        match host(rs1) {
            Some(r) => a.push(r),
            None => a.push_i8(0),
        }
        if imm != 0 {
            a.alu_m32_i32(Alu::Add, Mem::stack(0), imm as u32);
        }
        a.alu_m32_i32(Alu::And, Mem::stack(0), !1);
        a.mov_m64_i32(Self::gs(CTX_PC), pc as i32);
        a.call(self.jalr_stub);
        // Valid target: drop the operand, link, and jump through the context slot (an
        // indirect `jmp`, which the branch predictor handles; a `ret` here would not
        // match any `call` and mispredict every time).
        a.add_rsp(8);
        if let Some(d) = host(rd) {
            a.mov_ri32(d, next);
        }
        a.jmp_m64(Self::gs(CTX_JUMP));
    }

    fn finish(mut self) -> Compiled {
        self.memory_sites.sort_unstable();
        Compiled {
            code: self.asm.code,
            entry: self.entry,
            exit_common: self.exit_common,
            exit_finished: self.exit_finished,
            block_entry: self.block_entry,
            memory_sites: self.memory_sites,
            table_address_fixups: self.table_address_fixups,
            out_of_gas_sites: self.out_of_gas_sites,
            block_costs: self.costs,
        }
    }
}
