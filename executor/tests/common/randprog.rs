//! Random but valid RV32EM programs for differential testing (tests and fuzzing):
//! arithmetic on all registers, loads and stores near every region edge, branches and
//! jumps both ways (loops end by running out of gas), calls, valid and invalid indirect
//! jumps, host calls and traps.

use std::sync::Arc;

use rivet_executor::blob::{BlobParts, CodeInstruction, Export, MemoryLayout};
use rivet_executor::isa::{Format, Instruction, Opcode, Reg};
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{CrossCheck, Exit, Instance, InterpretedModule, Limits, Outcome, Program};

/// Runs the program generated from `data` on the interpreter and the recompiler in
/// lockstep (`CrossCheck` panics on any difference), answering up to eight host calls
/// with results from `data`; returns the last exit and how many host calls there were.
pub fn run_both(data: &[u8], max_len: u32, max_gas: u32) -> (Exit, u32) {
    let mut s = Source::new(data);
    let parts = program(&mut s, max_len);
    let program = Program::from_bytes(&parts.to_bytes(), &Limits::default())
        .expect("generated programs are valid");
    let program = Arc::new(program);
    let a = Box::new(Arc::new(InterpretedModule::new(program.clone())).instantiate());
    let b =
        Box::new(Arc::new(RecompiledModule::new(program.clone()).unwrap()).instantiate().unwrap());
    let mut both = CrossCheck::new(&program, a, b);
    let args: Vec<u32> = (0..6).map(|_| s.u32()).collect();
    let mut exit = both.call("main", &args, 1 + s.below(max_gas) as u64).unwrap();
    let mut host_calls = 0;
    while host_calls < 8 && matches!(exit.outcome, Outcome::HostCall { .. }) {
        host_calls += 1;
        both.set_reg(Reg::A0, s.u32());
        both.set_reg(Reg::A1, s.u32());
        exit = both.resume().unwrap();
    }
    (exit, host_calls)
}

/// Reads decisions from fuzzer input (or a PRNG stream); zeros when exhausted.
pub struct Source<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Source<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Source { data, pos: 0 }
    }
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            0
        } else {
            (self.byte() as u32 | (self.byte() as u32) << 8) % n
        }
    }
    pub fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }
}

/// Interesting addresses: region edges and beyond.
const ADDRS: [u32; 12] = [
    0x20000, 0x20ffc, 0x21000, 0x1fffc, 0x30000, 0x31ffe, 0x32000, 0x10000, 0xfffef000, 0xfffefffc,
    0xffff0000, 0,
];

fn reg(s: &mut Source) -> Reg {
    Reg::new(s.below(16)).unwrap()
}

/// A program of up to `max` instructions at 0x10000, with `main` exported at its start.
pub fn program(s: &mut Source, max: u32) -> BlobParts {
    let n = 4 + s.below(max);
    let mut code: Vec<Instruction> = Vec::new();
    let mut targets = Vec::new();
    let z = Reg::ZERO;
    while (code.len() as u32) < n && !s.exhausted() {
        let here = code.len() as i32;
        let kind = s.below(100);
        let op_of = |s: &mut Source, fmt: Format| {
            let ops: Vec<Opcode> =
                Opcode::ALL.iter().copied().filter(|o| o.format() == fmt).collect();
            ops[s.below(ops.len() as u32) as usize]
        };
        let inst = match kind {
            0..=29 => Instruction::new(op_of(s, Format::R), reg(s), reg(s), reg(s), 0),
            30..=44 => {
                let imm = (s.u32() as i32) >> 20;
                Instruction::new(op_of(s, Format::I), reg(s), reg(s), z, imm)
            }
            45..=49 => {
                Instruction::new(op_of(s, Format::Shift), reg(s), reg(s), z, s.below(32) as i32)
            }
            50..=54 => {
                // Point a register at an interesting address.
                let a = ADDRS[s.below(ADDRS.len() as u32) as usize];
                Instruction::new(Opcode::Lui, reg(s), z, z, (a & 0xffff_f000) as i32)
            }
            55..=56 => {
                Instruction::new(Opcode::Auipc, reg(s), z, z, (s.u32() & 0xffff_f000) as i32)
            }
            57..=66 => {
                let imm = ((s.u32() as i32) >> 20).clamp(-64, 64) * 4 / 4;
                let imm = if s.byte() & 1 == 0 { imm } else { -4 + (s.below(9) as i32) };
                Instruction::new(op_of(s, Format::Load), reg(s), reg(s), z, imm)
            }
            67..=74 => {
                let imm = -4 + s.below(9) as i32;
                Instruction::new(op_of(s, Format::Store), z, reg(s), reg(s), imm)
            }
            75..=84 => {
                let target = s.below(n) as i32;
                Instruction::new(op_of(s, Format::Branch), z, reg(s), reg(s), (target - here) * 4)
            }
            85..=88 => {
                let target = s.below(n) as i32;
                let rd = if s.byte() & 1 == 0 { z } else { Reg::new(1 + s.below(15)).unwrap() };
                Instruction::new(Opcode::Jal, rd, z, z, (target - here) * 4)
            }
            89..=92 => {
                // A jump to an instruction that may or may not be a valid target (or an
                // odd address), through `auipc` + `addi` + `jalr` (known at run time) or
                // through `auipc` + `jalr` as compilers write calls (known to the engines
                // before running, unless a branch makes the `jalr` a block start).
                let target = s.below(n) as i32;
                if s.byte() & 1 == 0 {
                    targets.push(0x10000 + 4 * target as u32);
                }
                let r = Reg::new(1 + s.below(15)).unwrap();
                code.push(Instruction::new(Opcode::Auipc, r, z, z, 0));
                let off = ((target - here) * 4 + s.below(3) as i32).clamp(-2048, 2047);
                if s.byte() & 1 == 0 {
                    code.push(Instruction::new(Opcode::Addi, r, r, z, off));
                    Instruction::new(Opcode::Jalr, reg(s), r, z, 0)
                } else {
                    Instruction::new(Opcode::Jalr, reg(s), r, z, off)
                }
            }
            93..=96 => Instruction::new(Opcode::Ecall, z, z, z, 0),
            97 => Instruction::new(Opcode::Ebreak, z, z, z, 0),
            98 => Instruction::new(Opcode::Unimp, z, z, z, 0),
            _ => Instruction::new(Opcode::Jalr, z, Reg::RA, z, 0),
        };
        code.push(inst);
    }
    // Branch targets past the end land on the final return.
    let len = code.len() as i32;
    for (i, inst) in code.iter_mut().enumerate() {
        if matches!(inst.op.format(), Format::Branch | Format::Jal) {
            let t = (i as i32 * 4 + inst.imm) / 4;
            if t > len || t < 0 {
                inst.imm = (len - i as i32) * 4;
            }
        }
    }
    code.push(Instruction::new(Opcode::Jalr, z, Reg::RA, z, 0));
    targets.retain(|&t| t < 0x10000 + 4 * code.len() as u32);
    targets.sort_unstable();
    targets.dedup();
    let mut ro = vec![0u8; 64];
    for b in ro.iter_mut() {
        *b = s.byte();
    }
    BlobParts {
        layout: MemoryLayout {
            ro_base: 0x20000,
            ro_size: 0x1000,
            rw_base: 0x30000,
            rw_size: 0x2000,
            stack_size: 0x1000,
        },
        ro_data: ro,
        rw_data: vec![1, 2, 3, 4],
        code_base: 0x10000,
        code: code.into_iter().map(|inst| CodeInstruction { inst, compressed: false }).collect(),
        jump_targets: targets,
        exports: vec![Export { name: "main".into(), address: 0x10000 }],
        imports: vec![],
    }
}
