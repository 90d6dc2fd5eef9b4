//! A small RV32EM assembler (GNU syntax, labels, a few pseudo-instructions) for the
//! conformance vectors, tests and the CLI. The syntax is the one in
//! `executor/tests/vectors/FORMAT.md`; every instruction is emitted in 4-byte form.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::blob::CodeInstruction;
use crate::isa::{Format, Instruction, Opcode, Reg};

/// Assembled code.
#[derive(Clone, Debug, Default)]
pub struct Assembled {
    /// The instructions, starting at the base address given to [`assemble`].
    pub code: Vec<CodeInstruction>,
    /// Label addresses.
    pub labels: BTreeMap<String, u32>,
    /// Addresses named by `.jumptarget`, ascending.
    pub jump_targets: Vec<u32>,
}

/// An assembly error on a given line (1-based, relative to the source given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsmError {
    /// Line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl core::fmt::Display for AsmError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Source that writes `a0` to the first word of every 4 KiB page of `[from, to)` (a
/// frame's whole memory, say: what every page costs), as a loop labelled `label`; it
/// sets `t0` to the page size and uses `a1` and `a2`.
pub fn touch_pages(label: &str, from: u32, to: u32) -> String {
    format!(
        "  lui t0, 1\n  li a1, {from}\n  li a2, {to}\n{label}:\n  sw a0, 0(a1)\n  add a1, a1, t0\n  bltu a1, a2, {label}\n"
    )
}

/// Assembles `source` at `base` into the parts of a program with that memory layout,
/// exporting its first instruction as `main` (what tests, benchmarks and tools need to
/// run a snippet).
///
/// # Errors
/// As [`assemble`].
pub fn program_parts(
    source: &str,
    base: u32,
    layout: crate::blob::MemoryLayout,
) -> Result<crate::blob::BlobParts, AsmError> {
    let asm = assemble(source, base)?;
    Ok(crate::blob::BlobParts {
        layout,
        code_base: base,
        code: asm.code,
        jump_targets: asm.jump_targets,
        exports: alloc::vec![crate::blob::Export { name: "main".into(), address: base }],
        ..crate::blob::BlobParts::default()
    })
}

/// A contract assembled from `source` at `base`: its labels `deploy` and `call` are
/// its exports, and it imports `imports` (what the pallet's benchmarks and the hosts'
/// tests run).
///
/// # Errors
/// As [`assemble`]; a missing `deploy` or `call` label is reported as an unknown label.
pub fn contract_parts(
    source: &str,
    base: u32,
    layout: crate::blob::MemoryLayout,
    imports: Vec<crate::blob::Import>,
) -> Result<crate::blob::BlobParts, AsmError> {
    let asm = assemble(source, base)?;
    let export = |name: &str| {
        let address = *asm
            .labels
            .get(name)
            .ok_or_else(|| AsmError { line: 0, message: format!("no `{name}` label to export") })?;
        Ok(crate::blob::Export { name: name.into(), address })
    };
    Ok(crate::blob::BlobParts {
        layout,
        code_base: base,
        exports: alloc::vec![export("deploy")?, export("call")?],
        imports,
        code: asm.code,
        jump_targets: asm.jump_targets,
        ..crate::blob::BlobParts::default()
    })
}

/// One source statement after the first pass.
enum Stmt<'a> {
    Inst { line: usize, mnemonic: &'a str, operands: Vec<&'a str>, addr: u32 },
}

/// Assembles `source` at `base`.
///
/// # Errors
/// The first error found, with its line.
pub fn assemble(source: &str, base: u32) -> Result<Assembled, AsmError> {
    let mut out = Assembled::default();
    let mut stmts = Vec::new();
    let mut targets = Vec::new();
    let mut addr = base;
    for (n, raw) in source.lines().enumerate() {
        let line = n + 1;
        let text = raw.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        if let Some(label) = text.strip_suffix(':') {
            if out.labels.insert(label.trim().to_string(), addr).is_some() {
                return Err(AsmError { line, message: format!("label `{label}` defined twice") });
            }
            continue;
        }
        let (mnemonic, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let operands: Vec<&str> =
            rest.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        if mnemonic == ".jumptarget" {
            targets.push((line, operands.first().copied().unwrap_or("")));
            continue;
        }
        let size =
            4 * expansion_len(mnemonic, &operands).map_err(|message| AsmError { line, message })?;
        stmts.push(Stmt::Inst { line, mnemonic, operands, addr });
        addr = addr
            .checked_add(size)
            .ok_or_else(|| AsmError { line, message: "code exceeds the address space".into() })?;
    }
    for Stmt::Inst { line, mnemonic, operands, addr } in stmts {
        let ctx = Ctx { labels: &out.labels, addr };
        let insts =
            ctx.expand(mnemonic, &operands).map_err(|message| AsmError { line, message })?;
        out.code.extend(insts.into_iter().map(|inst| CodeInstruction { inst, compressed: false }));
    }
    for (line, name) in targets {
        let addr = *out
            .labels
            .get(name)
            .ok_or_else(|| AsmError { line, message: format!("unknown label `{name}`") })?;
        out.jump_targets.push(addr);
    }
    out.jump_targets.sort_unstable();
    out.jump_targets.dedup();
    Ok(out)
}

/// Number of instructions a mnemonic expands to.
fn expansion_len(mnemonic: &str, operands: &[&str]) -> Result<u32, String> {
    Ok(match mnemonic {
        "la" => 2,
        "li" => {
            let imm = parse_int(operands.get(1).copied().unwrap_or(""))?;
            if fits12(imm) {
                1
            } else {
                2
            }
        }
        _ => 1,
    })
}

fn fits12(v: i64) -> bool {
    (-2048..2048).contains(&v)
}

/// Parses a decimal or `0x` hex integer, optionally negative.
pub fn parse_int(s: &str) -> Result<i64, String> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let value = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) => i64::from_str_radix(hex, 16),
        None => digits.parse::<i64>(),
    }
    .map_err(|_| format!("invalid number `{s}`"))?;
    Ok(if neg { -value } else { value })
}

struct Ctx<'a> {
    labels: &'a BTreeMap<String, u32>,
    addr: u32,
}

impl Ctx<'_> {
    fn reg(&self, s: &str) -> Result<Reg, String> {
        Reg::parse(s).ok_or_else(|| format!("unknown register `{s}` (RV32E has x0-x15)"))
    }

    fn label_offset(&self, s: &str, pc: u32) -> Result<i32, String> {
        let target = match self.labels.get(s) {
            Some(&t) => t,
            None => return Err(format!("unknown label `{s}`")),
        };
        Ok(target.wrapping_sub(pc) as i32)
    }

    /// `imm(reg)`
    fn mem(&self, s: &str) -> Result<(i32, Reg), String> {
        let (imm, rest) =
            s.split_once('(').ok_or_else(|| format!("expected imm(reg), got `{s}`"))?;
        let reg = rest.strip_suffix(')').ok_or_else(|| format!("expected imm(reg), got `{s}`"))?;
        let imm = if imm.trim().is_empty() { 0 } else { parse_int(imm.trim())? };
        Ok((imm as i32, self.reg(reg.trim())?))
    }

    fn expand(&self, m: &str, ops: &[&str]) -> Result<Vec<Instruction>, String> {
        let z = Reg::ZERO;
        let want = |n: usize| -> Result<(), String> {
            if ops.len() == n {
                Ok(())
            } else {
                Err(format!("`{m}` takes {n} operands, got {}", ops.len()))
            }
        };
        let one = |op, rd, rs1, rs2, imm| Ok(alloc::vec![Instruction::new(op, rd, rs1, rs2, imm)]);
        match m {
            "nop" => {
                want(0)?;
                one(Opcode::Addi, z, z, z, 0)
            }
            "mv" => {
                want(2)?;
                one(Opcode::Addi, self.reg(ops[0])?, self.reg(ops[1])?, z, 0)
            }
            "ret" => {
                want(0)?;
                one(Opcode::Jalr, z, Reg::RA, z, 0)
            }
            "jr" => {
                want(1)?;
                one(Opcode::Jalr, z, self.reg(ops[0])?, z, 0)
            }
            "j" | "call" => {
                want(1)?;
                let rd = if m == "j" { z } else { Reg::RA };
                one(Opcode::Jal, rd, z, z, self.label_offset(ops[0], self.addr)?)
            }
            "beqz" | "bnez" => {
                want(2)?;
                let op = if m == "beqz" { Opcode::Beq } else { Opcode::Bne };
                one(op, z, self.reg(ops[0])?, z, self.label_offset(ops[1], self.addr)?)
            }
            "li" => {
                want(2)?;
                let rd = self.reg(ops[0])?;
                let v = parse_int(ops[1])?;
                if !(-(1i64 << 31)..(1i64 << 32)).contains(&v) {
                    return Err(format!("`li` value {v} does not fit in 32 bits"));
                }
                if fits12(v) {
                    return one(Opcode::Addi, rd, z, z, v as i32);
                }
                let (hi, lo) = split_hi_lo(v as u32);
                Ok(alloc::vec![
                    Instruction::new(Opcode::Lui, rd, z, z, hi),
                    Instruction::new(Opcode::Addi, rd, rd, z, lo),
                ])
            }
            "la" => {
                want(2)?;
                let rd = self.reg(ops[0])?;
                let (hi, lo) = split_hi_lo(self.label_offset(ops[1], self.addr)? as u32);
                Ok(alloc::vec![
                    Instruction::new(Opcode::Auipc, rd, z, z, hi),
                    Instruction::new(Opcode::Addi, rd, rd, z, lo),
                ])
            }
            _ => self.base(m, ops).map(|i| alloc::vec![i]),
        }
    }

    fn base(&self, m: &str, ops: &[&str]) -> Result<Instruction, String> {
        let op = Opcode::ALL
            .iter()
            .copied()
            .find(|o| o.mnemonic() == m)
            .ok_or_else(|| format!("unknown instruction `{m}`"))?;
        let n = match op.format() {
            Format::None => 0,
            Format::Load | Format::Store | Format::Upper | Format::Jal | Format::Jalr => 2,
            _ => 3,
        };
        if ops.len() != n {
            return Err(format!("`{m}` takes {n} operands, got {}", ops.len()));
        }
        let z = Reg::ZERO;
        let int = |s: &str| parse_int(s).map(|v| v as i32);
        let inst = match op.format() {
            Format::R => {
                Instruction::new(op, self.reg(ops[0])?, self.reg(ops[1])?, self.reg(ops[2])?, 0)
            }
            Format::I | Format::Shift => {
                Instruction::new(op, self.reg(ops[0])?, self.reg(ops[1])?, z, int(ops[2])?)
            }
            Format::Load | Format::Jalr => {
                let (imm, base) = self.mem(ops[1])?;
                Instruction::new(op, self.reg(ops[0])?, base, z, imm)
            }
            Format::Store => {
                let (imm, base) = self.mem(ops[1])?;
                Instruction::new(op, z, base, self.reg(ops[0])?, imm)
            }
            Format::Branch => {
                let off = self.label_offset(ops[2], self.addr)?;
                Instruction::new(op, z, self.reg(ops[0])?, self.reg(ops[1])?, off)
            }
            Format::Upper => {
                let v = parse_int(ops[1])?;
                if !(0..=0xfffff).contains(&v) {
                    return Err(format!("upper immediate {v:#x} is not 20 bits"));
                }
                Instruction::new(op, self.reg(ops[0])?, z, z, ((v as u32) << 12) as i32)
            }
            Format::Jal => {
                let off = self.label_offset(ops[1], self.addr)?;
                Instruction::new(op, self.reg(ops[0])?, z, z, off)
            }
            Format::None => Instruction::new(op, z, z, z, 0),
        };
        if !inst.imm_in_range() {
            return Err(format!("immediate {} out of range for `{m}`", inst.imm));
        }
        Ok(inst)
    }
}

/// Splits a 32-bit value into a `LUI`/`AUIPC` upper part and a sign-extended low 12 bits.
fn split_hi_lo(v: u32) -> (i32, i32) {
    let lo = ((v << 20) as i32) >> 20;
    let hi = v.wrapping_sub(lo as u32) & 0xffff_f000;
    (hi as i32, lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembles_labels_and_pseudos() {
        let src = "start:\n li a0, 0x12345678\n la a1, start\n loop: addi a0, a0, -1\n bnez a0, loop\n ret\n.jumptarget loop";
        // `loop: addi` on one line is not a label line: this must fail.
        assert!(assemble(src, 0x10000).is_err());
        let src = "start:\n li a0, 0x12345678\n la a1, start\nloop:\n addi a0, a0, -1\n bnez a0, loop\n ret\n.jumptarget loop";
        let a = assemble(src, 0x10000).unwrap();
        assert_eq!(a.code.len(), 7);
        assert_eq!(a.labels["loop"], 0x10010);
        assert_eq!(a.jump_targets, [0x10010]);
        assert_eq!(a.code[5].inst.imm, -4);
        let text: Vec<String> = a.code.iter().map(|c| c.inst.to_string()).collect();
        assert_eq!(text[0], "lui a0, 0x12345");
        assert_eq!(text[1], "addi a0, a0, 1656");
        assert_eq!(text[2], "auipc a1, 0x0");
        assert_eq!(text[3], "addi a1, a1, -8");
    }

    #[test]
    fn hi_lo_split_handles_negative_low_parts() {
        for v in [0u32, 0x800, 0xfff, 0x7ff, 0xffff_ffff, 0x8000_0000, 0x1234_5fff] {
            let (hi, lo) = split_hi_lo(v);
            assert_eq!((hi as u32).wrapping_add(lo as u32), v);
            assert_eq!(hi & 0xfff, 0);
        }
    }

    #[test]
    fn rejects_rv32i_registers_and_bad_immediates() {
        assert!(assemble("add x16, x0, x0", 0).unwrap_err().message.contains("x16"));
        assert!(assemble("addi a0, a0, 2048", 0).is_err());
        assert!(assemble("slli a0, a0, 32", 0).is_err());
    }
}
