//! What each instruction becomes: the recompiler's implementation of the instruction
//! table's [`Visitor`], one method per instruction, on top of a few lowering helpers that
//! take the x86-64 operation as a typed argument (so no opcode is ever matched with a
//! fallback arm).

use super::abi::{gs, host, ExitReason, CTX_JUMP, CTX_PC};
use super::compile::{At, Compiler};
use super::stubs::Helper;
use super::x64::{Alu, Cond, Mem, Shift, Size, R};
use crate::isa::{Reg, Visitor};

/// An operation with an immediate: `rd = rs1 op imm`.
#[derive(Clone, Copy)]
enum ImmOp {
    Add,
    Slt,
    Sltu,
    Xor,
    Or,
    And,
}

/// A commutative register operation: `rd = rs1 op rs2`.
#[derive(Clone, Copy)]
enum Commutative {
    Alu(Alu),
    Mul,
}

impl Compiler<'_> {
    /// `rd = rs` (with `x0` as zero).
    fn mov(&mut self, rd: R, rs: Reg) {
        match host(rs) {
            Some(s) if s != rd => self.asm.mov_rr32(rd, s),
            Some(_) => {}
            None => self.asm.zero(rd),
        }
    }

    fn alu_imm(&mut self, op: ImmOp, rd: Reg, rs1: Reg, imm: i32) {
        let Some(d) = host(rd) else { return };
        let Some(s) = host(rs1) else {
            // Constant operands: fold.
            let v = match op {
                ImmOp::Add | ImmOp::Xor | ImmOp::Or => imm as u32,
                ImmOp::And => 0,
                ImmOp::Slt => (0 < imm) as u32,
                ImmOp::Sltu => (0 < imm as u32) as u32,
            };
            return self.asm.mov_ri32(d, v);
        };
        let alu = match op {
            ImmOp::Add if d == s => {
                if imm != 0 {
                    self.asm.alu_ri32(Alu::Add, d, imm);
                }
                return;
            }
            ImmOp::Add => return self.asm.lea32(d, s, imm),
            ImmOp::Slt | ImmOp::Sltu => {
                self.asm.alu_ri32(Alu::Cmp, s, imm);
                let cond = if matches!(op, ImmOp::Slt) { Cond::L } else { Cond::B };
                return self.asm.set_bool(cond, d);
            }
            ImmOp::Xor => Alu::Xor,
            ImmOp::Or => Alu::Or,
            ImmOp::And => Alu::And,
        };
        self.mov(d, rs1);
        self.asm.alu_ri32(alu, d, imm);
    }

    fn shift_imm(&mut self, shift: Shift, rd: Reg, rs1: Reg, shamt: u32) {
        let Some(d) = host(rd) else { return };
        self.mov(d, rs1);
        if shamt != 0 {
            self.asm.shift_ri32(shift, d, shamt as u8);
        }
    }

    fn commutative(&mut self, op: Commutative, rd: Reg, rs1: Reg, rs2: Reg) {
        let Some(d) = host(rd) else { return };
        match (host(rs1), host(rs2)) {
            (None, None) => self.asm.zero(d),
            (Some(x), None) | (None, Some(x)) => {
                if matches!(op, Commutative::Alu(Alu::And) | Commutative::Mul) {
                    self.asm.zero(d);
                } else if x != d {
                    self.asm.mov_rr32(d, x);
                }
            }
            (Some(x), Some(y)) => {
                // Operate on whichever source already is `d`.
                let other = if x == d {
                    y
                } else if y == d {
                    x
                } else {
                    self.asm.mov_rr32(d, x);
                    y
                };
                match op {
                    Commutative::Alu(alu) => self.asm.alu_rr32(alu, d, other),
                    Commutative::Mul => self.asm.imul_rr32(d, other),
                }
            }
        }
    }

    fn shift_reg(&mut self, shift: Shift, rd: Reg, rs1: Reg, rs2: Reg) {
        let Some(d) = host(rd) else { return };
        match (host(rs1), host(rs2)) {
            (None, _) => self.asm.zero(d),
            (Some(_), None) => self.mov(d, rs1),
            (Some(x), Some(y)) => self.asm.shiftx32(shift, d, x, y),
        }
    }

    fn set_less(&mut self, signed: bool, rd: Reg, rs1: Reg, rs2: Reg) {
        let Some(d) = host(rd) else { return };
        match (host(rs1), host(rs2)) {
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

    /// Multiply-high, division and remainder: a call to the shared helper.
    fn helper(&mut self, h: Helper, rd: Reg, rs1: Reg, rs2: Reg) {
        let Some(d) = host(rd) else { return };
        for src in [host(rs1), host(rs2)] {
            match src {
                Some(r) => self.asm.push(r),
                None => self.asm.push_i8(0),
            }
        }
        self.asm.call(self.stubs.helpers[h as usize]);
        self.asm.add_rsp(8);
        self.asm.pop(d);
    }

    fn load(&mut self, size: Size, signed: bool, rd: Reg, base: Reg, offset: i32) {
        let mem = Mem::gs(host(base), offset);
        self.memory_sites.push((self.asm.offset() as u32, self.at.index as u32));
        match host(rd) {
            Some(d) => self.asm.load(d, mem, size, signed),
            // A load into x0 still faults on a bad address.
            None => self.asm.probe(mem, size),
        }
    }

    fn store(&mut self, size: Size, base: Reg, src: Reg, offset: i32) {
        let mem = Mem::gs(host(base), offset);
        self.memory_sites.push((self.asm.offset() as u32, self.at.index as u32));
        match host(src) {
            Some(s) => self.asm.store(mem, s, size),
            None => self.asm.store_zero(mem, size),
        }
    }

    /// A conditional branch: `cond` for `rs1 op rs2`, `swapped` for the operands the
    /// other way round, `zeros` whether `0 op 0` holds.
    fn branch(&mut self, cond: Cond, swapped: Cond, zeros: bool, rs1: Reg, rs2: Reg, offset: i32) {
        let target = self.at.pc.wrapping_add(offset as u32);
        match (host(rs1), host(rs2)) {
            (None, None) => {
                if zeros {
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

    /// `JALR`: the target looked up in the jump table inline; the return to the host and
    /// invalid targets through the shared stub.
    fn indirect_jump(&mut self, rd: Reg, rs1: Reg, imm: i32) {
        let At { pc, next, .. } = self.at;
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
        a.mov_m64_r(gs(CTX_JUMP), R::RAX);
        a.pop(R::RCX);
        a.pop(R::RAX);
        if let Some(d) = host(rd) {
            a.mov_ri32(d, next);
        }
        a.jmp_m64(gs(CTX_JUMP));
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
        a.mov_m64_i32(gs(CTX_PC), pc as i32);
        a.call(self.stubs.jalr);
        // Valid target: drop the operand, link, and jump through the context slot (an
        // indirect `jmp`, which the branch predictor handles; a `ret` here would not
        // match any `call` and mispredict every time).
        a.add_rsp(8);
        if let Some(d) = host(rd) {
            a.mov_ri32(d, next);
        }
        a.jmp_m64(gs(CTX_JUMP));
    }
}

/// Visitor methods that pass one format's operands to a lowering helper, after the
/// helper's own leading arguments.
macro_rules! lowered {
    ($($format:ident: $($method:ident => $helper:ident($($arg:expr),*)),* ;)*) => {
        $($(lowered!(@ $format, $method, $helper, $($arg),*);)*)*
    };
    (@ Reg3, $method:ident, $helper:ident, $($arg:expr),*) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, rs2: Reg) {
            self.$helper($($arg,)* rd, rs1, rs2);
        }
    };
    (@ Imm, $method:ident, $helper:ident, $($arg:expr),*) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, imm: i32) {
            self.$helper($($arg,)* rd, rs1, imm);
        }
    };
    (@ Shift, $method:ident, $helper:ident, $($arg:expr),*) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, shamt: u32) {
            self.$helper($($arg,)* rd, rs1, shamt);
        }
    };
    (@ Branch, $method:ident, $helper:ident, $($arg:expr),*) => {
        fn $method(&mut self, rs1: Reg, rs2: Reg, offset: i32) {
            self.$helper($($arg,)* rs1, rs2, offset);
        }
    };
    (@ Exit, $method:ident, $helper:ident, $($arg:expr),*) => {
        fn $method(&mut self) {
            self.$helper($($arg,)* self.at.pc);
        }
    };
}

impl Visitor for Compiler<'_> {
    type Output = ();

    fn lui(&mut self, rd: Reg, value: u32) {
        if let Some(d) = host(rd) {
            self.asm.mov_ri32(d, value);
        }
    }
    fn auipc(&mut self, rd: Reg, value: u32) {
        self.lui(rd, self.at.pc.wrapping_add(value));
    }
    fn jal(&mut self, rd: Reg, offset: i32) {
        if let Some(d) = host(rd) {
            self.asm.mov_ri32(d, self.at.next);
        }
        self.jump_to(self.at.pc.wrapping_add(offset as u32), None);
    }
    fn jalr(&mut self, rd: Reg, base: Reg, offset: i32) {
        // A call whose target the instruction before gave (`auipc`+`jalr`): a direct jump.
        match self.program.known_jalr_target(self.at.index) {
            Some(target) => {
                if let Some(d) = host(rd) {
                    self.asm.mov_ri32(d, self.at.next);
                }
                self.jump_to(self.program.addresses()[target], None);
            }
            None => self.indirect_jump(rd, base, offset),
        }
    }
    fn sub(&mut self, rd: Reg, rs1: Reg, rs2: Reg) {
        let Some(d) = host(rd) else { return };
        match (host(rs1), host(rs2)) {
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
        }
    }
    fn fence(&mut self) {}

    // Branches: the condition for `rs1 op rs2`, for the operands swapped, and whether
    // `0 op 0` holds (`0 >=u y` only when `y == 0`).
    lowered! {
        Branch: beq => branch(Cond::E, Cond::E, true), bne => branch(Cond::Ne, Cond::Ne, false),
            blt => branch(Cond::L, Cond::G, false), bge => branch(Cond::Ge, Cond::Le, true),
            bltu => branch(Cond::B, Cond::A, false), bgeu => branch(Cond::Ae, Cond::E, true);
        Imm: lb => load(Size::B, true), lh => load(Size::W, true), lw => load(Size::D, false),
            lbu => load(Size::B, false), lhu => load(Size::W, false);
        Imm: sb => store(Size::B), sh => store(Size::W), sw => store(Size::D);
        Imm: addi => alu_imm(ImmOp::Add), slti => alu_imm(ImmOp::Slt),
            sltiu => alu_imm(ImmOp::Sltu), xori => alu_imm(ImmOp::Xor),
            ori => alu_imm(ImmOp::Or), andi => alu_imm(ImmOp::And);
        Shift: slli => shift_imm(Shift::Shl), srli => shift_imm(Shift::Shr),
            srai => shift_imm(Shift::Sar);
        Reg3: add => commutative(Commutative::Alu(Alu::Add)),
            xor => commutative(Commutative::Alu(Alu::Xor)),
            or => commutative(Commutative::Alu(Alu::Or)),
            and => commutative(Commutative::Alu(Alu::And)), mul => commutative(Commutative::Mul),
            sll => shift_reg(Shift::Shl), srl => shift_reg(Shift::Shr),
            sra => shift_reg(Shift::Sar), slt => set_less(true), sltu => set_less(false);
        Reg3: mulh => helper(Helper::Mulh), mulhsu => helper(Helper::Mulhsu),
            mulhu => helper(Helper::Mulhu), div => helper(Helper::Div),
            divu => helper(Helper::Divu), rem => helper(Helper::Rem),
            remu => helper(Helper::Remu);
        Exit: ecall => exit(ExitReason::HostCall), ebreak => exit(ExitReason::Ebreak),
            unimp => exit(ExitReason::Unimp);
    }
}
