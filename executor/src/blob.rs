//! Program blob format v2: the container the linker writes and the validator reads.
//!
//! ```text
//! blob     = magic "PVM\0" · tag "RVT" · version u8 (= 2) · section{7}
//! section  = id u8 · length varint · payload        (ids 1..=7, all present, in order)
//! 1 memory = ro_base · ro_size · rw_base · rw_size · stack_size          (varints)
//! 2 rodata = data                       3 rwdata = data
//! data     = (literal_len varint · literal bytes · zero_run varint)*   (zero runs cost ~1 byte)
//! 4 code   = code_base varint · instruction*
//! 5 jumps  = count · (first offset from code_base, then gaps to the previous target)*
//! 6 exports= count · (name_len · name · offset from code_base)*
//! 7 imports= count · (host-function number · name_len · name)*
//! ```
//!
//! An instruction is `op u8` (the [`Opcode`] discriminant; bit 7 set when the ELF had
//! the 16-bit compressed form, so the next instruction's address is 2 bytes on rather
//! than 4) followed by its operands by [`Format`]:
//! `R`: `rd|rs1<<4`, `rs2`; `I`/`Load`/`Jalr`: `rd|rs1<<4`, zigzag imm;
//! `Shift`: `rd|rs1<<4`, shamt; `Store`/`Branch`: `rs1|rs2<<4`, zigzag imm (branches:
//! offset / 2); `Upper`: `rd`, zigzag(imm >> 12); `Jal`: `rd`, zigzag(offset / 2);
//! `None`: nothing. Varints are unsigned LEB128 of at most 5 bytes, and must be minimal.
//!
//! Short forms (opcode bytes from [`SHORT_BASE`] on, see [`Short`]) encode the most
//! common instructions in one or two bytes, as RVC does for 16-bit code: `ret`,
//! `mv`, `addi`/`li` with 4-bit immediates, `lw`/`sw` relative to `sp`, register
//! operations whose destination is their first source, and loads/stores with offset 0.
//! The writer always uses a short form where one applies; the reader accepts both.

use alloc::string::String;
use alloc::vec::Vec;

use crate::isa::{Format, Instruction, Opcode, Reg};

/// The first four bytes of every blob. JavaScript tools (`@polkadot/api-contract`) accept
/// only code starting with `\0asm`, `PVM\0` or `\x7fELF`; PolkaVM blobs start with it too.
pub const MAGIC: [u8; 4] = *b"PVM\0";
/// The three bytes after [`MAGIC`]: they tell a Rivet blob from a PolkaVM one (whose
/// version byte, 0 or 1, follows its magic).
pub const TAG: [u8; 3] = *b"RVT";
/// The first four bytes of a format v1 blob (then version 1), recognised only to say
/// that it must be relinked.
pub(crate) const MAGIC_V1: [u8; 4] = *b"RVTB";
/// The blob version this crate reads and writes.
pub const VERSION: u8 = 2;
/// Guest page size: regions are aligned to it and separated by at least one of it.
pub const PAGE_SIZE: u32 = 0x1000;
/// One past the stack's highest byte; the stack grows down from here.
pub const STACK_TOP: u32 = 0xFFFF_0000;
/// The address `ra` holds when a call starts: jumping to it returns to the host.
pub const RETURN_TO_HOST: u32 = 0xFFFF_0000;

/// Section ids, in the order they must appear.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum SectionId {
    /// Memory layout.
    Memory = 1,
    /// Initial read-only data.
    RoData = 2,
    /// Initial read-write data.
    RwData = 3,
    /// Code.
    Code = 4,
    /// Valid indirect-jump targets.
    JumpTargets = 5,
    /// Exported entry points.
    Exports = 6,
    /// Host functions the program uses.
    Imports = 7,
}

impl SectionId {
    /// All sections in blob order.
    pub const ALL: [SectionId; 7] = [
        SectionId::Memory,
        SectionId::RoData,
        SectionId::RwData,
        SectionId::Code,
        SectionId::JumpTargets,
        SectionId::Exports,
        SectionId::Imports,
    ];
}

/// Where the data regions are. Sizes are in bytes; each region is mapped rounded up to
/// whole pages. The stack is `[STACK_TOP - stack_size rounded up, STACK_TOP)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct MemoryLayout {
    /// Base of read-only data.
    pub ro_base: u32,
    /// Size of read-only data.
    pub ro_size: u32,
    /// Base of read-write data (initialised part first, then zero-filled).
    pub rw_base: u32,
    /// Size of read-write data including its zero-filled part.
    pub rw_size: u32,
    /// Size of the stack.
    pub stack_size: u32,
}

/// Rounds a size up to whole pages, in u64 so that it cannot overflow.
pub fn page_round(size: u32) -> u64 {
    (size as u64).div_ceil(PAGE_SIZE as u64) * PAGE_SIZE as u64
}

impl MemoryLayout {
    /// Mapped read-only range `[start, end)`.
    pub fn ro_range(&self) -> (u64, u64) {
        (self.ro_base as u64, self.ro_base as u64 + page_round(self.ro_size))
    }
    /// Mapped read-write range `[start, end)`.
    pub fn rw_range(&self) -> (u64, u64) {
        (self.rw_base as u64, self.rw_base as u64 + page_round(self.rw_size))
    }
    /// Mapped stack range `[start, end)`.
    pub fn stack_range(&self) -> (u64, u64) {
        (STACK_TOP as u64 - page_round(self.stack_size).min(STACK_TOP as u64), STACK_TOP as u64)
    }
    /// Whether the host may read `[addr, addr + len)`: it lies entirely inside one
    /// mapped region (an empty range always may). Every engine's `read_memory` and the
    /// runtime's view of a suspended client instance use this one rule.
    pub fn is_readable(&self, addr: u32, len: usize) -> bool {
        self.is_writable(addr, len) || Self::inside(self.ro_range(), addr, len)
    }
    /// Whether the host may write `[addr, addr + len)`: it lies entirely inside the
    /// stack or the read-write region (an empty range always may).
    pub fn is_writable(&self, addr: u32, len: usize) -> bool {
        len == 0
            || Self::inside(self.stack_range(), addr, len)
            || Self::inside(self.rw_range(), addr, len)
    }
    fn inside((start, end): (u64, u64), addr: u32, len: usize) -> bool {
        let (a, e) = (addr as u64, addr as u64 + len as u64);
        start < end && a >= start && e <= end
    }
    /// Total mapped bytes.
    pub fn mapped_bytes(&self) -> u64 {
        page_round(self.ro_size) + page_round(self.rw_size) + page_round(self.stack_size)
    }
}

/// One instruction of the code section with its original size.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CodeInstruction {
    /// The (expanded) instruction.
    pub inst: Instruction,
    /// Whether the ELF had it in 16-bit compressed form (2 bytes instead of 4).
    pub compressed: bool,
}

impl CodeInstruction {
    /// Its size in the original code: 2 or 4.
    pub const fn size(&self) -> u32 {
        if self.compressed {
            2
        } else {
            4
        }
    }
}

/// An exported entry point.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Export {
    /// Name the embedder calls it by.
    pub name: String,
    /// Code address.
    pub address: u32,
}

/// A host function the program uses.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Import {
    /// Its number (the value of `t0` at the `ECALL`).
    pub number: u32,
    /// Its name, for diagnostics and for checking against the embedder's table.
    pub name: String,
}

/// The parts of a program, as the linker assembles them and the validator returns them.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct BlobParts {
    /// Data regions.
    pub layout: MemoryLayout,
    /// Initial read-only data (shorter than the region: the rest is zero).
    pub ro_data: Vec<u8>,
    /// Initial read-write data (shorter than the region: the rest is zero).
    pub rw_data: Vec<u8>,
    /// Address of the first instruction.
    pub code_base: u32,
    /// The instructions, in address order, without gaps.
    pub code: Vec<CodeInstruction>,
    /// Valid indirect-jump targets, ascending.
    pub jump_targets: Vec<u32>,
    /// Exported entry points.
    pub exports: Vec<Export>,
    /// Imported host functions.
    pub imports: Vec<Import>,
}

impl BlobParts {
    /// Size of the code in the ELF's encoding (2 or 4 bytes per instruction).
    pub fn code_size(&self) -> u32 {
        self.code.iter().map(CodeInstruction::size).sum()
    }

    /// Serialises to blob bytes. The result is canonical: validating it and serialising
    /// the parts again gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&TAG);
        out.push(VERSION);
        for id in SectionId::ALL {
            let mut payload = Vec::new();
            self.write_section(id, &mut payload);
            out.push(id as u8);
            write_varint(&mut out, payload.len() as u32);
            out.extend_from_slice(&payload);
        }
        out
    }

    fn write_section(&self, id: SectionId, out: &mut Vec<u8>) {
        match id {
            SectionId::Memory => {
                let l = &self.layout;
                for v in [l.ro_base, l.ro_size, l.rw_base, l.rw_size, l.stack_size] {
                    write_varint(out, v);
                }
            }
            SectionId::RoData => write_data(out, &self.ro_data),
            SectionId::RwData => write_data(out, &self.rw_data),
            SectionId::Code => {
                write_varint(out, self.code_base);
                for ci in &self.code {
                    encode_instruction(out, ci);
                }
            }
            SectionId::JumpTargets => {
                write_varint(out, self.jump_targets.len() as u32);
                let mut prev = self.code_base;
                for &t in &self.jump_targets {
                    write_varint(out, t.wrapping_sub(prev));
                    prev = t;
                }
            }
            SectionId::Exports => {
                write_varint(out, self.exports.len() as u32);
                for e in &self.exports {
                    write_name(out, &e.name);
                    write_varint(out, e.address.wrapping_sub(self.code_base));
                }
            }
            SectionId::Imports => {
                write_varint(out, self.imports.len() as u32);
                for i in &self.imports {
                    write_varint(out, i.number);
                    write_name(out, &i.name);
                }
            }
        }
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_varint(out, name.len() as u32);
    out.extend_from_slice(name.as_bytes());
}

/// Zero runs shorter than this are cheaper as literals.
const MIN_ZERO_RUN: usize = 4;

fn write_data(out: &mut Vec<u8>, data: &[u8]) {
    // Trailing zeros are implicit: the region is zero-filled beyond the data.
    let end = data.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
    let data = &data[..end];
    let mut i = 0;
    while i < data.len() {
        // Literal: up to the next zero run long enough to be worth a run.
        let mut lit_end = i;
        while lit_end < data.len() {
            let run = data[lit_end..].iter().take_while(|&&b| b == 0).count();
            if run >= MIN_ZERO_RUN || lit_end + run == data.len() {
                break;
            }
            lit_end += run.max(1);
        }
        let zeros = data[lit_end..].iter().take_while(|&&b| b == 0).count();
        write_varint(out, (lit_end - i) as u32);
        out.extend_from_slice(&data[i..lit_end]);
        write_varint(out, zeros as u32);
        i = lit_end + zeros;
    }
}

/// First opcode byte of the short forms.
pub const SHORT_BASE: u8 = Opcode::ALL.len() as u8;

/// The short forms: one opcode byte each, plus at most one operand byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Short {
    /// `jalr zero, 0(ra)`; no operand byte.
    Ret,
    /// `add rd, zero, rs2`; operand `rd | rs2 << 4`.
    Mv,
    /// `addi rd, rd, imm` with imm in -8..=7; operand `rd | imm << 4`.
    AddiSelf,
    /// `addi rd, zero, imm` with imm in -8..=7; operand `rd | imm << 4`.
    Li,
    /// `lw rd, off(sp)` with off in 0, 4, ..., 60; operand `rd | off / 4 << 4`.
    LwSp,
    /// `sw rs2, off(sp)` with off in 0, 4, ..., 60; operand `rs2 | off / 4 << 4`.
    SwSp,
    /// `op rd, rd, rs2` for the n-th R-format opcode; operand `rd | rs2 << 4`.
    RSelf(u8),
    /// The n-th load/store opcode with offset 0; operand as in the long form.
    ZeroOffset(u8),
}

/// Number of R-format opcodes (18) and of load/store opcodes (8).
const R_COUNT: u8 = 18;
const MEM_COUNT: u8 = 8;

/// The R-format opcodes in `Opcode::ALL` order: `Short::RSelf(n)` is the n-th.
const R_OPS: [Opcode; R_COUNT as usize] = opcodes_of(false);
/// The load and store opcodes in `Opcode::ALL` order: `Short::ZeroOffset(n)` is the n-th.
const MEM_OPS: [Opcode; MEM_COUNT as usize] = opcodes_of(true);

/// The opcodes of format R (`mem: false`) or Load/Store (`mem: true`), in order; a
/// compile-time error unless there are exactly `N`.
const fn opcodes_of<const N: usize>(mem: bool) -> [Opcode; N] {
    let mut out = [Opcode::Unimp; N];
    let (mut i, mut n) = (0, 0);
    while i < Opcode::ALL.len() {
        let format = Opcode::ALL[i].format();
        let hit = if mem {
            matches!(format, Format::Load | Format::Store)
        } else {
            matches!(format, Format::R)
        };
        if hit {
            assert!(n < N, "more opcodes of the format than the short forms number");
            out[n] = Opcode::ALL[i];
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "fewer opcodes of the format than the short forms number");
    out
}

impl Short {
    /// Its opcode byte (before the compressed flag).
    pub fn byte(self) -> u8 {
        SHORT_BASE
            + match self {
                Short::Ret => 0,
                Short::Mv => 1,
                Short::AddiSelf => 2,
                Short::Li => 3,
                Short::LwSp => 4,
                Short::SwSp => 5,
                Short::RSelf(n) => 6 + n,
                Short::ZeroOffset(n) => 6 + R_COUNT + n,
            }
    }

    /// The short form with this opcode byte.
    pub fn from_byte(b: u8) -> Option<Short> {
        let n = b.checked_sub(SHORT_BASE)?;
        Some(match n {
            0 => Short::Ret,
            1 => Short::Mv,
            2 => Short::AddiSelf,
            3 => Short::Li,
            4 => Short::LwSp,
            5 => Short::SwSp,
            n if n < 6 + R_COUNT => Short::RSelf(n - 6),
            n if n < 6 + R_COUNT + MEM_COUNT => Short::ZeroOffset(n - 6 - R_COUNT),
            _ => return None,
        })
    }

    /// The short form of `i` and its operand byte, if one applies.
    pub fn of(i: &Instruction) -> Option<(Short, Option<u8>)> {
        let (rd, rs1, rs2) = (i.rd.index() as u8, i.rs1.index() as u8, i.rs2.index() as u8);
        let small = (-8..8).contains(&i.imm);
        let nibble = (i.imm as u8 & 0xf) << 4;
        let sp_slot = i.rs1 == Reg::SP && (0..64).contains(&i.imm) && i.imm % 4 == 0;
        match i.op {
            Opcode::Jalr if i.rd == Reg::ZERO && i.rs1 == Reg::RA && i.imm == 0 => {
                Some((Short::Ret, None))
            }
            Opcode::Add if i.rs1 == Reg::ZERO => Some((Short::Mv, Some(rd | rs2 << 4))),
            Opcode::Addi if i.rs1 == Reg::ZERO && small => Some((Short::Li, Some(rd | nibble))),
            Opcode::Addi if i.rd == i.rs1 && small => Some((Short::AddiSelf, Some(rd | nibble))),
            Opcode::Lw if sp_slot => Some((Short::LwSp, Some(rd | ((i.imm / 4) as u8) << 4))),
            Opcode::Sw if sp_slot => Some((Short::SwSp, Some(rs2 | ((i.imm / 4) as u8) << 4))),
            op if op.format() == Format::R && i.rd == i.rs1 => {
                let n = R_OPS.iter().position(|&o| o == op).expect("an R-format opcode; qed") as u8;
                Some((Short::RSelf(n), Some(rd | rs2 << 4)))
            }
            op if matches!(op.format(), Format::Load | Format::Store) && i.imm == 0 => {
                let n = MEM_OPS.iter().position(|&o| o == op).expect("a load/store opcode; qed");
                let n = n as u8;
                let operand =
                    if op.format() == Format::Load { rd | rs1 << 4 } else { rs1 | rs2 << 4 };
                Some((Short::ZeroOffset(n), Some(operand)))
            }
            _ => None,
        }
    }

    /// Whether this form is followed by an operand byte.
    pub fn has_operand(self) -> bool {
        self != Short::Ret
    }

    /// The instruction a short form with operand byte `b` stands for.
    pub fn decode(self, b: u8) -> Instruction {
        let lo = Reg::new((b & 0xf) as u32).expect("4 bits name a register; qed");
        let hi = Reg::new((b >> 4) as u32).expect("4 bits name a register; qed");
        let imm4 = ((b as i8) >> 4) as i32;
        let z = Reg::ZERO;
        match self {
            Short::Ret => Instruction::new(Opcode::Jalr, z, Reg::RA, z, 0),
            Short::Mv => Instruction::new(Opcode::Add, lo, z, hi, 0),
            Short::AddiSelf => Instruction::new(Opcode::Addi, lo, lo, z, imm4),
            Short::Li => Instruction::new(Opcode::Addi, lo, z, z, imm4),
            Short::LwSp => Instruction::new(Opcode::Lw, lo, Reg::SP, z, (b >> 4) as i32 * 4),
            Short::SwSp => Instruction::new(Opcode::Sw, z, Reg::SP, lo, (b >> 4) as i32 * 4),
            Short::RSelf(n) => Instruction::new(R_OPS[n as usize], lo, lo, hi, 0),
            Short::ZeroOffset(n) => {
                let op = MEM_OPS[n as usize];
                if op.format() == Format::Load {
                    Instruction::new(op, lo, hi, z, 0)
                } else {
                    Instruction::new(op, z, lo, hi, 0)
                }
            }
        }
    }
}

/// Appends the compact encoding of one instruction.
pub fn encode_instruction(out: &mut Vec<u8>, ci: &CodeInstruction) {
    let i = &ci.inst;
    let flag = if ci.compressed { 0x80 } else { 0 };
    if let Some((short, operand)) = Short::of(i) {
        out.push(short.byte() | flag);
        out.extend(operand);
        return;
    }
    out.push(i.op as u8 | flag);
    let pair = |a: crate::isa::Reg, b: crate::isa::Reg| (a.index() | (b.index() << 4)) as u8;
    match i.op.format() {
        Format::R => {
            out.push(pair(i.rd, i.rs1));
            out.push(i.rs2.index() as u8);
        }
        Format::I | Format::Load | Format::Jalr => {
            out.push(pair(i.rd, i.rs1));
            write_varint(out, zigzag(i.imm));
        }
        Format::Shift => {
            out.push(pair(i.rd, i.rs1));
            out.push(i.imm as u8);
        }
        Format::Store => {
            out.push(pair(i.rs1, i.rs2));
            write_varint(out, zigzag(i.imm));
        }
        Format::Branch => {
            out.push(pair(i.rs1, i.rs2));
            write_varint(out, zigzag(i.imm >> 1));
        }
        Format::Upper => {
            out.push(i.rd.index() as u8);
            write_varint(out, zigzag(i.imm >> 12));
        }
        Format::Jal => {
            out.push(i.rd.index() as u8);
            write_varint(out, zigzag(i.imm >> 1));
        }
        Format::None => {}
    }
}

/// Maps small negative and positive numbers to small unsigned ones.
pub const fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

/// Inverse of [`zigzag`].
pub const fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// Appends `v` as unsigned LEB128.
pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips() {
        for v in [0, 1, -1, 63, -64, 64, i32::MAX, i32::MIN, 2047, -2048] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn short_forms_round_trip_and_counts_match() {
        // (That R_OPS and MEM_OPS hold every opcode of their formats is checked when
        // they are evaluated, at compile time.)
        assert!(R_OPS.iter().all(|o| o.format() == Format::R));
        assert!(Short::ZeroOffset(MEM_COUNT - 1).byte() < 0x80);
        let r = |n| Reg::new(n).unwrap();
        let cases = [
            Instruction::new(Opcode::Jalr, r(0), r(1), r(0), 0),
            Instruction::new(Opcode::Add, r(10), r(0), r(11), 0),
            Instruction::new(Opcode::Addi, r(2), r(2), r(0), -8),
            Instruction::new(Opcode::Addi, r(15), r(0), r(0), 7),
            Instruction::new(Opcode::Lw, r(1), r(2), r(0), 60),
            Instruction::new(Opcode::Sw, r(0), r(2), r(8), 12),
            Instruction::new(Opcode::Remu, r(9), r(9), r(3), 0),
            Instruction::new(Opcode::Sb, r(0), r(4), r(5), 0),
            Instruction::new(Opcode::Lhu, r(6), r(7), r(0), 0),
        ];
        for inst in cases {
            let (short, operand) = Short::of(&inst).unwrap_or_else(|| panic!("{inst}"));
            assert_eq!(Short::from_byte(short.byte()), Some(short));
            assert_eq!(short.decode(operand.unwrap_or(0)), inst, "{short:?}");
        }
        // Not short: offset not a multiple of 4, immediate too big, rd != rs1.
        assert!(Short::of(&Instruction::new(Opcode::Lw, r(1), r(2), r(0), 2)).is_none());
        assert!(Short::of(&Instruction::new(Opcode::Addi, r(1), r(1), r(0), 8)).is_none());
        assert!(Short::of(&Instruction::new(Opcode::Sub, r(1), r(2), r(3), 0)).is_none());
    }

    #[test]
    fn zero_runs_are_cheap() {
        let mut data = alloc::vec![0u8; 100_000];
        data[0] = 1;
        data[50_000] = 2;
        data[99_000] = 3;
        let mut out = Vec::new();
        write_data(&mut out, &data);
        assert!(out.len() < 20, "{} bytes", out.len());
    }
}
