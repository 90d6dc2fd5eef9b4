//! The reference interpreter: `no_std`, portable, and the oracle the recompiler is
//! checked against.
//!
//! A [`InterpretedModule`] pre-decodes the validated program once into a flat array of
//! [`Op`]s: registers become array indices (writes to `x0` go to a sink slot, so no op
//! has to test for it), branch and jump targets become op indices, `AUIPC` and link
//! values become constants, and every basic block begins with a `Charge` op carrying the
//! block's cost from [`crate::gas`]. The run loop then dispatches on a small enum.

use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::blob::RETURN_TO_HOST;
use crate::engine::{CallError, Exit, Instance, MemoryAccessError, Outcome, TrapKind};
use crate::gas::block_costs;
use crate::isa::{Reg, Visitor};
use crate::memory::Memory;
use crate::validate::Program;

/// Register-file slot that writes to `x0` are redirected to; never read.
const SINK: u8 = 16;
/// Register file size: 16 registers, the sink, and padding so that `index & 31` needs no
/// bounds check.
const REGS: usize = 32;
/// Not a valid indirect target.
const NO_TARGET: u32 = u32::MAX;

/// A pre-decoded operation. `a` and `b` are immediates whose meaning depends on `kind`.
#[derive(Clone, Copy, Debug)]
struct Op {
    kind: Kind,
    rd: u8,
    rs1: u8,
    rs2: u8,
    a: u32,
    b: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Block entry: charge `a` gas.
    Charge,
    /// `rd = a` (`LUI`, `AUIPC`).
    LoadImm,
    /// Charge `b` gas and go to op `a` (past the target block's `Charge`).
    Jump,
    /// `rd = b`; go to op `a`.
    JumpLink,
    /// Go to `(rs1 + a) & !1`; `rd = b`.
    Jalr,
    Beq,
    Bne,
    Blt,
    Bge,
    Bltu,
    Bgeu,
    Lb,
    Lh,
    Lw,
    Lbu,
    Lhu,
    Sb,
    Sh,
    Sw,
    Addi,
    Slti,
    Sltiu,
    Xori,
    Ori,
    Andi,
    Slli,
    Srli,
    Srai,
    Add,
    Sub,
    Sll,
    Slt,
    Sltu,
    Xor,
    Srl,
    Sra,
    Or,
    And,
    Mul,
    Mulh,
    Mulhsu,
    Mulhu,
    Div,
    Divu,
    Rem,
    Remu,
    Nop,
    Ecall,
    Ebreak,
    Unimp,
}

/// A program prepared for interpretation. Cheap to instantiate many times.
#[derive(Debug)]
pub struct InterpretedModule {
    program: Arc<Program>,
    ops: Vec<Op>,
    /// Guest address of each op (for a `Charge`, its block's first instruction).
    op_pc: Vec<u32>,
    /// For each 2-byte code slot, the op index to enter for an indirect jump there.
    indirect: Vec<u32>,
    /// For each instruction, the index of its first op (a block start's `Charge`).
    block_entry: Vec<u32>,
}

impl InterpretedModule {
    /// Pre-decodes a validated program. O(code size).
    pub fn new(program: Arc<Program>) -> InterpretedModule {
        let code = program.code();
        let costs = block_costs(&program);
        let addrs = program.addresses();
        let base = program.parts().code_base;
        let mut entry = Vec::with_capacity(code.len());
        let mut ops = Vec::with_capacity(code.len() * 5 / 4 + 1);
        let mut op_pc = Vec::with_capacity(ops.capacity());
        for (i, ci) in code.iter().enumerate() {
            entry.push(ops.len() as u32);
            if program.is_block_start(i) {
                ops.push(Op { kind: Kind::Charge, rd: 0, rs1: 0, rs2: 0, a: costs[i], b: 0 });
                op_pc.push(addrs[i]);
            }
            let next = addrs[i] + ci.size();
            ops.push(ci.inst.visit(&mut Lower { program: &program, index: i, next }));
            op_pc.push(addrs[i]);
        }
        // Second pass: instruction indices of direct targets → op indices. Branches and
        // plain jumps charge their target block themselves (cost in `b`) and enter it
        // past its `Charge` op, which saves a dispatch per taken branch; a `JumpLink`
        // needs `b` for the link value and enters through the `Charge` op.
        for op in &mut ops {
            if matches!(op.kind, Kind::Jump | Kind::JumpLink) || is_branch(op.kind) {
                let target =
                    program.index_of(op.a).expect("validated: targets are instructions; qed");
                if op.kind == Kind::JumpLink {
                    op.a = entry[target];
                } else {
                    op.a = entry[target] + 1;
                    op.b = costs[target];
                }
            }
        }
        let mut indirect = alloc::vec![NO_TARGET; (program.code_end() - base) as usize / 2];
        for (i, &addr) in addrs.iter().enumerate() {
            if program.is_indirect_target(i) {
                indirect[((addr - base) / 2) as usize] = entry[i];
            }
        }
        InterpretedModule { program, ops, op_pc, indirect, block_entry: entry }
    }

    /// The validated program.
    pub fn program(&self) -> &Arc<Program> {
        &self.program
    }

    /// A fresh instance with the program's initial memory.
    pub fn instantiate(self: &Arc<Self>) -> InterpretedInstance {
        InterpretedInstance {
            module: self.clone(),
            regs: [0; REGS],
            memory: Memory::new(&self.program),
            pc: 0,
            gas: 0,
            suspended: false,
        }
    }
}

fn is_branch(kind: Kind) -> bool {
    matches!(kind, Kind::Beq | Kind::Bne | Kind::Blt | Kind::Bge | Kind::Bltu | Kind::Bgeu)
}

/// The pre-decoder of one instruction (`index` in `program`, next instruction at
/// `next`): [`Visitor`] methods build its [`Op`]. Direct targets are left as addresses
/// for the caller to resolve.
struct Lower<'a> {
    program: &'a Program,
    index: usize,
    next: u32,
}

impl Lower<'_> {
    /// The instruction's address.
    fn pc(&self) -> u32 {
        self.program.addresses()[self.index]
    }
}

/// Register-file slot for a destination: writes to `x0` go to the sink.
fn dest(rd: Reg) -> u8 {
    if rd == Reg::ZERO {
        SINK
    } else {
        rd.index() as u8
    }
}

/// An op with `rd`, `rs1`, `rs2` (as register-file slots) and immediates `a`, `b`.
fn op(kind: Kind, rd: Reg, rs1: Reg, rs2: Reg, a: u32, b: u32) -> Op {
    Op { kind, rd: dest(rd), rs1: rs1.index() as u8, rs2: rs2.index() as u8, a, b }
}

fn r_op(kind: Kind, rd: Reg, rs1: Reg, rs2: Reg) -> Op {
    op(kind, rd, rs1, rs2, 0, 0)
}

fn i_op(kind: Kind, rd: Reg, rs1: Reg, imm: u32) -> Op {
    op(kind, rd, rs1, Reg::ZERO, imm, 0)
}

/// Visitor methods that map one format's operands onto one op constructor.
macro_rules! ops {
    ($($format:ident: $($method:ident => $kind:ident),* ;)*) => {
        $($(ops!(@ $format, $method, $kind);)*)*
    };
    (@ R, $method:ident, $kind:ident) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, rs2: Reg) -> Op {
            r_op(Kind::$kind, rd, rs1, rs2)
        }
    };
    (@ I, $method:ident, $kind:ident) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, imm: i32) -> Op {
            i_op(Kind::$kind, rd, rs1, imm as u32)
        }
    };
    (@ Shift, $method:ident, $kind:ident) => {
        fn $method(&mut self, rd: Reg, rs1: Reg, shamt: u32) -> Op {
            i_op(Kind::$kind, rd, rs1, shamt)
        }
    };
    (@ Load, $method:ident, $kind:ident) => {
        fn $method(&mut self, rd: Reg, base: Reg, offset: i32) -> Op {
            i_op(Kind::$kind, rd, base, offset as u32)
        }
    };
    (@ Store, $method:ident, $kind:ident) => {
        fn $method(&mut self, base: Reg, src: Reg, offset: i32) -> Op {
            op(Kind::$kind, Reg::ZERO, base, src, offset as u32, 0)
        }
    };
    (@ Branch, $method:ident, $kind:ident) => {
        fn $method(&mut self, rs1: Reg, rs2: Reg, offset: i32) -> Op {
            op(Kind::$kind, Reg::ZERO, rs1, rs2, self.pc().wrapping_add(offset as u32), 0)
        }
    };
    (@ None, $method:ident, $kind:ident) => {
        fn $method(&mut self) -> Op {
            op(Kind::$kind, Reg::ZERO, Reg::ZERO, Reg::ZERO, 0, 0)
        }
    };
}

impl Visitor for Lower<'_> {
    type Output = Op;

    fn lui(&mut self, rd: Reg, value: u32) -> Op {
        i_op(Kind::LoadImm, rd, Reg::ZERO, value)
    }
    fn auipc(&mut self, rd: Reg, value: u32) -> Op {
        i_op(Kind::LoadImm, rd, Reg::ZERO, self.pc().wrapping_add(value))
    }
    fn jal(&mut self, rd: Reg, offset: i32) -> Op {
        let target = self.pc().wrapping_add(offset as u32);
        if rd == Reg::ZERO {
            op(Kind::Jump, rd, Reg::ZERO, Reg::ZERO, target, 0)
        } else {
            op(Kind::JumpLink, rd, Reg::ZERO, Reg::ZERO, target, self.next)
        }
    }
    fn jalr(&mut self, rd: Reg, base: Reg, offset: i32) -> Op {
        match self.program.known_jalr_target(self.index) {
            // A call whose target the instruction before gave (`auipc`+`jalr`): a
            // `JumpLink`, with the `jalr`'s `rd` and link value.
            Some(target) => {
                let target = self.program.addresses()[target];
                op(Kind::JumpLink, rd, Reg::ZERO, Reg::ZERO, target, self.next)
            }
            None => op(Kind::Jalr, rd, base, Reg::ZERO, offset as u32, self.next),
        }
    }

    ops! {
        Branch: beq => Beq, bne => Bne, blt => Blt, bge => Bge, bltu => Bltu, bgeu => Bgeu;
        Load: lb => Lb, lh => Lh, lw => Lw, lbu => Lbu, lhu => Lhu;
        Store: sb => Sb, sh => Sh, sw => Sw;
        I: addi => Addi, slti => Slti, sltiu => Sltiu, xori => Xori, ori => Ori, andi => Andi;
        Shift: slli => Slli, srli => Srli, srai => Srai;
        R: add => Add, sub => Sub, sll => Sll, slt => Slt, sltu => Sltu, xor => Xor,
            srl => Srl, sra => Sra, or => Or, and => And;
        R: mul => Mul, mulh => Mulh, mulhsu => Mulhsu, mulhu => Mulhu, div => Div,
            divu => Divu, rem => Rem, remu => Remu;
        None: fence => Nop, ecall => Ecall, ebreak => Ebreak, unimp => Unimp;
    }
}

/// An instance of an [`InterpretedModule`].
#[derive(Debug)]
pub struct InterpretedInstance {
    module: Arc<InterpretedModule>,
    regs: [u32; REGS],
    memory: Memory,
    /// Index of the op that stopped execution (or the next to run, when suspended).
    pc: usize,
    gas: u64,
    suspended: bool,
}

/// Signed division per the RISC-V spec: never traps.
#[inline(always)]
pub(crate) fn div(a: u32, b: u32) -> u32 {
    match (a as i32, b as i32) {
        (_, 0) => u32::MAX,
        (i32::MIN, -1) => a,
        (a, b) => (a / b) as u32,
    }
}

/// Signed remainder per the RISC-V spec.
#[inline(always)]
pub(crate) fn rem(a: u32, b: u32) -> u32 {
    match (a as i32, b as i32) {
        (_, 0) => a,
        (i32::MIN, -1) => 0,
        (a, b) => (a % b) as u32,
    }
}

impl InterpretedInstance {
    /// Runs from `self.pc` until something stops execution.
    fn run(&mut self) -> Exit {
        let module = &*self.module;
        let ops = &module.ops[..];
        let regs = &mut self.regs;
        let mem = &mut self.memory;
        let mut gas = self.gas;
        let mut pc = self.pc;
        macro_rules! r {
            ($i:expr) => {
                regs[($i as usize) & (REGS - 1)]
            };
        }
        let outcome = loop {
            let op = ops[pc];
            macro_rules! set {
                ($v:expr) => {{
                    let v = $v;
                    r!(op.rd) = v;
                }};
            }
            // Taken: charge the target block (cost in `b`) and enter it past its `Charge`.
            macro_rules! jump_charged {
                () => {{
                    let cost = op.b as u64;
                    if gas < cost {
                        // Report the target block's start, as its `Charge` op would.
                        pc = op.a as usize - 1;
                        break Outcome::OutOfGas;
                    }
                    gas -= cost;
                    pc = op.a as usize;
                    continue;
                }};
            }
            macro_rules! branch {
                ($cond:expr) => {{
                    if $cond {
                        jump_charged!();
                    }
                }};
            }
            macro_rules! load {
                ($n:literal, $conv:expr) => {{
                    let addr = r!(op.rs1).wrapping_add(op.a);
                    match mem.load::<$n>(addr) {
                        Some(bytes) => set!($conv(bytes)),
                        None => {
                            break Outcome::Trap {
                                kind: TrapKind::InvalidMemoryAccess { addr },
                                pc: 0,
                            }
                        }
                    }
                }};
            }
            macro_rules! store {
                ($ty:ty) => {{
                    let addr = r!(op.rs1).wrapping_add(op.a);
                    if mem.store(addr, (r!(op.rs2) as $ty).to_le_bytes()).is_none() {
                        break Outcome::Trap {
                            kind: TrapKind::InvalidMemoryAccess { addr },
                            pc: 0,
                        };
                    }
                }};
            }
            let (x, y) = (r!(op.rs1), r!(op.rs2));
            match op.kind {
                Kind::Charge => {
                    let cost = op.a as u64;
                    if gas < cost {
                        break Outcome::OutOfGas;
                    }
                    gas -= cost;
                }
                Kind::LoadImm => set!(op.a),
                Kind::Jump => jump_charged!(),
                Kind::JumpLink => {
                    set!(op.b);
                    pc = op.a as usize;
                    continue;
                }
                Kind::Jalr => {
                    // A jump that traps has no effect: `rd` is written only on success.
                    let target = x.wrapping_add(op.a) & !1;
                    if target == RETURN_TO_HOST {
                        set!(op.b);
                        break Outcome::Finished { a0: r!(10), a1: r!(11) };
                    }
                    let slot = (target.wrapping_sub(module.program.parts().code_base) / 2) as usize;
                    match module.indirect.get(slot) {
                        Some(&t) if t != NO_TARGET => {
                            set!(op.b);
                            pc = t as usize;
                            continue;
                        }
                        _ => break Outcome::Trap { kind: TrapKind::InvalidJump { target }, pc: 0 },
                    }
                }
                Kind::Beq => branch!(x == y),
                Kind::Bne => branch!(x != y),
                Kind::Blt => branch!((x as i32) < (y as i32)),
                Kind::Bge => branch!((x as i32) >= (y as i32)),
                Kind::Bltu => branch!(x < y),
                Kind::Bgeu => branch!(x >= y),
                Kind::Lb => load!(1, |b: [u8; 1]| b[0] as i8 as u32),
                Kind::Lh => load!(2, |b| i16::from_le_bytes(b) as u32),
                Kind::Lw => load!(4, u32::from_le_bytes),
                Kind::Lbu => load!(1, |b: [u8; 1]| b[0] as u32),
                Kind::Lhu => load!(2, |b| u16::from_le_bytes(b) as u32),
                Kind::Sb => store!(u8),
                Kind::Sh => store!(u16),
                Kind::Sw => store!(u32),
                Kind::Addi => set!(x.wrapping_add(op.a)),
                Kind::Slti => set!(((x as i32) < (op.a as i32)) as u32),
                Kind::Sltiu => set!((x < op.a) as u32),
                Kind::Xori => set!(x ^ op.a),
                Kind::Ori => set!(x | op.a),
                Kind::Andi => set!(x & op.a),
                Kind::Slli => set!(x << op.a),
                Kind::Srli => set!(x >> op.a),
                Kind::Srai => set!(((x as i32) >> op.a) as u32),
                Kind::Add => set!(x.wrapping_add(y)),
                Kind::Sub => set!(x.wrapping_sub(y)),
                Kind::Sll => set!(x.wrapping_shl(y)),
                Kind::Slt => set!(((x as i32) < (y as i32)) as u32),
                Kind::Sltu => set!((x < y) as u32),
                Kind::Xor => set!(x ^ y),
                Kind::Srl => set!(x.wrapping_shr(y)),
                Kind::Sra => set!((x as i32).wrapping_shr(y) as u32),
                Kind::Or => set!(x | y),
                Kind::And => set!(x & y),
                Kind::Mul => set!(x.wrapping_mul(y)),
                Kind::Mulh => set!(((x as i32 as i64 * y as i32 as i64) >> 32) as u32),
                Kind::Mulhsu => set!(((x as i32 as i64).wrapping_mul(y as i64) >> 32) as u32),
                Kind::Mulhu => set!(((x as u64 * y as u64) >> 32) as u32),
                Kind::Div => set!(div(x, y)),
                Kind::Divu => set!(x.checked_div(y).unwrap_or(u32::MAX)),
                Kind::Rem => set!(rem(x, y)),
                Kind::Remu => set!(x.checked_rem(y).unwrap_or(x)),
                Kind::Nop => {}
                Kind::Ecall => {
                    let a = |i: usize| r!(10 + i);
                    break Outcome::HostCall {
                        number: r!(5),
                        args: [a(0), a(1), a(2), a(3), a(4), a(5)],
                    };
                }
                Kind::Ebreak => break Outcome::Trap { kind: TrapKind::Ebreak, pc: 0 },
                Kind::Unimp => break Outcome::Trap { kind: TrapKind::Unimp, pc: 0 },
            }
            pc += 1;
        };
        self.gas = gas;
        self.pc = pc;
        self.suspended = matches!(outcome, Outcome::HostCall { .. });
        let outcome = match outcome {
            Outcome::Trap { kind, .. } => Outcome::Trap { kind, pc: module.op_pc[pc] },
            other => other,
        };
        Exit { outcome, gas_left: gas }
    }
}

impl Instance for InterpretedInstance {
    fn call_with_registers(
        &mut self,
        export: &str,
        regs: [u32; 16],
        gas: u64,
    ) -> Result<Exit, CallError> {
        let program = &self.module.program;
        let addr = program.export(export).ok_or(CallError::UnknownExport)?;
        let idx = program.index_of(addr).expect("validated: exports are instructions; qed");
        self.pc = self.module.block_entry[idx] as usize;
        self.regs = [0; REGS];
        self.regs[1..16].copy_from_slice(&regs[1..16]);
        self.gas = gas;
        Ok(self.run())
    }

    fn resume(&mut self) -> Result<Exit, CallError> {
        if !self.suspended {
            return Err(CallError::NotSuspended);
        }
        self.pc += 1;
        Ok(self.run())
    }

    fn reg(&self, reg: Reg) -> u32 {
        self.regs[reg.index()]
    }

    fn set_reg(&mut self, reg: Reg, value: u32) {
        if reg != Reg::ZERO {
            self.regs[reg.index()] = value;
        }
    }

    fn pc(&self) -> u32 {
        self.module.op_pc.get(self.pc).copied().unwrap_or(0)
    }

    fn gas_left(&self) -> u64 {
        self.gas
    }

    fn set_gas_left(&mut self, gas: u64) {
        self.gas = gas;
    }

    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        self.memory.read(addr, buf)
    }

    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        self.memory.write(addr, data)
    }

    fn reset_memory(&mut self) {
        self.memory = Memory::new(&self.module.program);
    }
}
