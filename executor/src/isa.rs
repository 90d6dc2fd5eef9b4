//! The RV32EM instruction set, defined once.
//!
//! [`define_opcodes!`] lists every instruction the VM accepts with its mnemonic, operand
//! format and standard 32-bit encoding. Everything else is derived from that one table:
//! the raw RV32 decoder and encoder (used by the linker), the compact blob encoding
//! (`blob`), the assembler and disassembler, the gas table and the engines. The
//! engines' translations (the interpreter's pre-decoder, the recompiler's lowering)
//! implement the generated [`Visitor`], one method per instruction with typed operands;
//! the rest `match` on [`Opcode`] or [`Format`] exhaustively. Either way a new
//! instruction fails to compile until every engine handles it.

use core::fmt;

/// A guest register, `x0`–`x15` (RV32E has no others).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Reg(u8);

impl Reg {
    /// The hard-wired zero register.
    pub const ZERO: Reg = Reg(0);
    /// Return address.
    pub const RA: Reg = Reg(1);
    /// Stack pointer.
    pub const SP: Reg = Reg(2);
    /// `t0`: carries the host-function number of an `ECALL`.
    pub const T0: Reg = Reg(5);
    /// `s0`/`fp`: the frame pointer, when code keeps one.
    pub const S0: Reg = Reg(8);
    /// First argument / result register.
    pub const A0: Reg = Reg(10);
    /// Second argument / result register.
    pub const A1: Reg = Reg(11);
    /// The argument registers in order (RV32E has no `a6`/`a7`).
    pub const ARGS: [Reg; 6] = [Reg(10), Reg(11), Reg(12), Reg(13), Reg(14), Reg(15)];
    /// Number of registers in RV32E.
    pub const COUNT: usize = 16;

    /// The register with this number, if it exists in RV32E.
    pub const fn new(n: u32) -> Option<Reg> {
        if n < 16 {
            Some(Reg(n as u8))
        } else {
            None
        }
    }

    /// The register's number, 0–15.
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// ABI name, as the disassembler prints it.
    pub const fn name(self) -> &'static str {
        const NAMES: [&str; 16] = [
            "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
            "a4", "a5",
        ];
        NAMES[self.0 as usize]
    }

    /// Parses `x0`–`x15` or an ABI name (`fp` is `s0`).
    pub fn parse(s: &str) -> Option<Reg> {
        if s == "fp" {
            return Some(Reg(8));
        }
        if let Some(n) = s.strip_prefix('x') {
            return n.parse::<u32>().ok().and_then(Reg::new);
        }
        (0..16u8).map(Reg).find(|r| r.name() == s)
    }
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How an instruction's operands are laid out, in assembly and in both encodings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// `rd, rs1, rs2`
    R,
    /// `rd, rs1, imm` with a 12-bit signed immediate
    I,
    /// `rd, rs1, shamt` with `shamt` in 0..=31
    Shift,
    /// `rd, imm(rs1)`
    Load,
    /// `rs2, imm(rs1)`
    Store,
    /// `rs1, rs2, offset` (13-bit signed, even)
    Branch,
    /// `rd, imm20` (`imm` holds the value already shifted left by 12)
    Upper,
    /// `rd, offset` (21-bit signed, even)
    Jal,
    /// `rd, imm(rs1)`
    Jalr,
    /// no operands
    None,
}

/// The parameters of a [`Visitor`] method for each [`Format`].
macro_rules! visitor_method {
    ($method:ident, $doc:expr, R) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, rs1: Reg, rs2: Reg) -> Self::Output;
    };
    ($method:ident, $doc:expr, I) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, rs1: Reg, imm: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Shift) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, rs1: Reg, shamt: u32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Load) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, base: Reg, offset: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Store) => {
        #[doc = $doc]
        fn $method(&mut self, base: Reg, src: Reg, offset: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Branch) => {
        #[doc = $doc]
        fn $method(&mut self, rs1: Reg, rs2: Reg, offset: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Upper) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, value: u32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Jal) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, offset: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, Jalr) => {
        #[doc = $doc]
        fn $method(&mut self, rd: Reg, base: Reg, offset: i32) -> Self::Output;
    };
    ($method:ident, $doc:expr, None) => {
        #[doc = $doc]
        fn $method(&mut self) -> Self::Output;
    };
}

/// A [`Visitor`] call with an instruction's operands as its format has them.
macro_rules! visit_call {
    ($v:ident, $method:ident, $i:ident, R) => {
        $v.$method($i.rd, $i.rs1, $i.rs2)
    };
    ($v:ident, $method:ident, $i:ident, I) => {
        $v.$method($i.rd, $i.rs1, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, Shift) => {
        $v.$method($i.rd, $i.rs1, $i.imm as u32)
    };
    ($v:ident, $method:ident, $i:ident, Load) => {
        $v.$method($i.rd, $i.rs1, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, Store) => {
        $v.$method($i.rs1, $i.rs2, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, Branch) => {
        $v.$method($i.rs1, $i.rs2, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, Upper) => {
        $v.$method($i.rd, $i.imm as u32)
    };
    ($v:ident, $method:ident, $i:ident, Jal) => {
        $v.$method($i.rd, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, Jalr) => {
        $v.$method($i.rd, $i.rs1, $i.imm)
    };
    ($v:ident, $method:ident, $i:ident, None) => {
        $v.$method()
    };
}

macro_rules! define_opcodes {
    ($($name:ident = $mnem:literal, $method:ident, $fmt:ident, $mask:literal, $match:literal;)*) => {
        /// Every RV32EM instruction the VM runs. The discriminant is the opcode byte of the
        /// compact blob encoding, so the order here is part of the blob format (v2).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[repr(u8)]
        pub enum Opcode { $(
            #[doc = concat!("`", $mnem, "`")]
            $name,
        )* }

        impl Opcode {
            /// All opcodes, in blob-encoding order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// Assembly mnemonic.
            pub const fn mnemonic(self) -> &'static str {
                match self { $(Opcode::$name => $mnem),* }
            }

            /// Operand format.
            pub const fn format(self) -> Format {
                match self { $(Opcode::$name => Format::$fmt),* }
            }

            /// `(mask, match)`: a 32-bit word is this instruction iff `word & mask == match`
            /// (operand fields aside, which the decoder checks separately).
            pub const fn raw_pattern(self) -> (u32, u32) {
                match self { $(Opcode::$name => ($mask, $match)),* }
            }
        }

        /// One method per instruction, its operands typed as its [`Format`] has them
        /// (branch and `JAL` offsets relative to the instruction, `Upper` values already
        /// shifted). What every engine's translation implements: a new instruction in
        /// the table is a missing method everywhere, never a silent fallback.
        pub trait Visitor {
            /// What a method returns.
            type Output;
            $(visitor_method!($method, concat!("`", $mnem, "`"), $fmt);)*
        }

        impl Instruction {
            /// Calls `v`'s method for this instruction with its operands.
            #[inline]
            pub fn visit<V: Visitor + ?Sized>(self, v: &mut V) -> V::Output {
                let i = self;
                match self.op { $(Opcode::$name => visit_call!(v, $method, i, $fmt),)* }
            }
        }
    };
}

define_opcodes! {
    Lui    = "lui",    lui,    Upper,  0x0000007f, 0x00000037;
    Auipc  = "auipc",  auipc,  Upper,  0x0000007f, 0x00000017;
    Jal    = "jal",    jal,    Jal,    0x0000007f, 0x0000006f;
    Jalr   = "jalr",   jalr,   Jalr,   0x0000707f, 0x00000067;
    Beq    = "beq",    beq,    Branch, 0x0000707f, 0x00000063;
    Bne    = "bne",    bne,    Branch, 0x0000707f, 0x00001063;
    Blt    = "blt",    blt,    Branch, 0x0000707f, 0x00004063;
    Bge    = "bge",    bge,    Branch, 0x0000707f, 0x00005063;
    Bltu   = "bltu",   bltu,   Branch, 0x0000707f, 0x00006063;
    Bgeu   = "bgeu",   bgeu,   Branch, 0x0000707f, 0x00007063;
    Lb     = "lb",     lb,     Load,   0x0000707f, 0x00000003;
    Lh     = "lh",     lh,     Load,   0x0000707f, 0x00001003;
    Lw     = "lw",     lw,     Load,   0x0000707f, 0x00002003;
    Lbu    = "lbu",    lbu,    Load,   0x0000707f, 0x00004003;
    Lhu    = "lhu",    lhu,    Load,   0x0000707f, 0x00005003;
    Sb     = "sb",     sb,     Store,  0x0000707f, 0x00000023;
    Sh     = "sh",     sh,     Store,  0x0000707f, 0x00001023;
    Sw     = "sw",     sw,     Store,  0x0000707f, 0x00002023;
    Addi   = "addi",   addi,   I,      0x0000707f, 0x00000013;
    Slti   = "slti",   slti,   I,      0x0000707f, 0x00002013;
    Sltiu  = "sltiu",  sltiu,  I,      0x0000707f, 0x00003013;
    Xori   = "xori",   xori,   I,      0x0000707f, 0x00004013;
    Ori    = "ori",    ori,    I,      0x0000707f, 0x00006013;
    Andi   = "andi",   andi,   I,      0x0000707f, 0x00007013;
    Slli   = "slli",   slli,   Shift,  0xfe00707f, 0x00001013;
    Srli   = "srli",   srli,   Shift,  0xfe00707f, 0x00005013;
    Srai   = "srai",   srai,   Shift,  0xfe00707f, 0x40005013;
    Add    = "add",    add,    R,      0xfe00707f, 0x00000033;
    Sub    = "sub",    sub,    R,      0xfe00707f, 0x40000033;
    Sll    = "sll",    sll,    R,      0xfe00707f, 0x00001033;
    Slt    = "slt",    slt,    R,      0xfe00707f, 0x00002033;
    Sltu   = "sltu",   sltu,   R,      0xfe00707f, 0x00003033;
    Xor    = "xor",    xor,    R,      0xfe00707f, 0x00004033;
    Srl    = "srl",    srl,    R,      0xfe00707f, 0x00005033;
    Sra    = "sra",    sra,    R,      0xfe00707f, 0x40005033;
    Or     = "or",     or,     R,      0xfe00707f, 0x00006033;
    And    = "and",    and,    R,      0xfe00707f, 0x00007033;
    Mul    = "mul",    mul,    R,      0xfe00707f, 0x02000033;
    Mulh   = "mulh",   mulh,   R,      0xfe00707f, 0x02001033;
    Mulhsu = "mulhsu", mulhsu, R,      0xfe00707f, 0x02002033;
    Mulhu  = "mulhu",  mulhu,  R,      0xfe00707f, 0x02003033;
    Div    = "div",    div,    R,      0xfe00707f, 0x02004033;
    Divu   = "divu",   divu,   R,      0xfe00707f, 0x02005033;
    Rem    = "rem",    rem,    R,      0xfe00707f, 0x02006033;
    Remu   = "remu",   remu,   R,      0xfe00707f, 0x02007033;
    // FENCE with any predecessor/successor set (and FENCE.TSO) is a no-op for one hart.
    Fence  = "fence",  fence,  None,   0x0000707f, 0x0000000f;
    Ecall  = "ecall",  ecall,  None,   0xffffffff, 0x00000073;
    Ebreak = "ebreak", ebreak, None,   0xffffffff, 0x00100073;
    // `csrrw x0, cycle, x0`: the canonical UNIMP, which is what `unimp` assembles to.
    Unimp  = "unimp",  unimp,  None,   0xffffffff, 0xc0001073;
}

impl Opcode {
    /// The opcode with this blob-encoding byte.
    pub fn from_u8(byte: u8) -> Option<Opcode> {
        Opcode::ALL.get(byte as usize).copied()
    }

    /// Whether control never continues at the next instruction unconditionally
    /// (jumps and traps). Branches and `ECALL` may continue there.
    pub const fn is_terminator(self) -> bool {
        matches!(self, Opcode::Jal | Opcode::Jalr | Opcode::Ebreak | Opcode::Unimp)
    }

    /// Whether this instruction ends a basic block: the next instruction starts a new one.
    pub const fn ends_block(self) -> bool {
        matches!(self.format(), Format::Branch | Format::Jal | Format::Jalr)
            || matches!(self, Opcode::Ecall | Opcode::Ebreak | Opcode::Unimp)
    }
}

/// One decoded instruction. Operands a format does not use are zero.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Instruction {
    /// What it does.
    pub op: Opcode,
    /// Destination register.
    pub rd: Reg,
    /// First source register.
    pub rs1: Reg,
    /// Second source register.
    pub rs2: Reg,
    /// Immediate, sign-extended; for `Upper` already shifted left by 12; for branches and
    /// `JAL` the byte offset from this instruction; for shifts the shift amount.
    pub imm: i32,
}

impl Instruction {
    /// An instruction with the given operands (unused ones must be zero).
    pub const fn new(op: Opcode, rd: Reg, rs1: Reg, rs2: Reg, imm: i32) -> Self {
        Instruction { op, rd, rs1, rs2, imm }
    }

    /// Checks the immediate against its format's range.
    pub fn imm_in_range(&self) -> bool {
        let imm = self.imm;
        match self.op.format() {
            Format::R | Format::None => imm == 0,
            Format::I | Format::Load | Format::Store | Format::Jalr => (-2048..2048).contains(&imm),
            Format::Shift => (0..32).contains(&imm),
            Format::Branch => (-4096..4096).contains(&imm) && imm % 2 == 0,
            Format::Jal => (-(1 << 20)..(1 << 20)).contains(&imm) && imm % 2 == 0,
            Format::Upper => imm & 0xfff == 0,
        }
    }

    /// Direct control-flow target (branches and `JAL`), given this instruction's address.
    pub fn direct_target(&self, pc: u32) -> Option<u32> {
        match self.op.format() {
            Format::Branch | Format::Jal => Some(pc.wrapping_add(self.imm as u32)),
            _ => None,
        }
    }

    /// Encodes as a standard 32-bit RISC-V instruction word.
    pub fn encode_raw(&self) -> u32 {
        let (_, base) = self.op.raw_pattern();
        let rd = (self.rd.0 as u32) << 7;
        let rs1 = (self.rs1.0 as u32) << 15;
        let rs2 = (self.rs2.0 as u32) << 20;
        let imm = self.imm as u32;
        match self.op.format() {
            Format::R => base | rd | rs1 | rs2,
            Format::I | Format::Load | Format::Jalr => base | rd | rs1 | (imm << 20),
            Format::Shift => base | rd | rs1 | ((imm & 0x1f) << 20),
            Format::Store => base | rs1 | rs2 | ((imm & 0x1f) << 7) | ((imm >> 5) << 25),
            Format::Branch => {
                base | rs1
                    | rs2
                    | (((imm >> 11) & 1) << 7)
                    | (((imm >> 1) & 0xf) << 8)
                    | (((imm >> 5) & 0x3f) << 25)
                    | (((imm >> 12) & 1) << 31)
            }
            Format::Upper => base | rd | (imm & 0xffff_f000),
            Format::Jal => {
                base | rd
                    | (((imm >> 12) & 0xff) << 12)
                    | (((imm >> 11) & 1) << 20)
                    | (((imm >> 1) & 0x3ff) << 21)
                    | (((imm >> 20) & 1) << 31)
            }
            Format::None => base,
        }
    }

    /// Decodes a standard 32-bit RISC-V instruction word.
    ///
    /// # Errors
    /// [`DecodeError`] says why the word is not an RV32EM instruction the VM accepts.
    pub fn decode_raw(word: u32) -> Result<Instruction, DecodeError> {
        if word & 3 != 3 {
            return Err(DecodeError::Compressed);
        }
        let op = Opcode::ALL
            .iter()
            .copied()
            .find(|op| {
                let (mask, value) = op.raw_pattern();
                word & mask == value
            })
            .ok_or_else(|| classify_unknown(word))?;
        let field = |shift: u32| (word >> shift) & 0x1f;
        let reg =
            |shift: u32| Reg::new(field(shift)).ok_or(DecodeError::RegisterAbove15(field(shift)));
        let s = word as i32;
        let (rd, rs1, rs2, imm) = match op.format() {
            Format::R => (reg(7)?, reg(15)?, reg(20)?, 0),
            Format::I | Format::Load | Format::Jalr => (reg(7)?, reg(15)?, Reg::ZERO, s >> 20),
            Format::Shift => (reg(7)?, reg(15)?, Reg::ZERO, field(20) as i32),
            Format::Store => (Reg::ZERO, reg(15)?, reg(20)?, ((s >> 25) << 5) | field(7) as i32),
            Format::Branch => {
                let imm = ((s >> 31) << 12)
                    | ((((word >> 7) & 1) << 11) as i32)
                    | ((((word >> 25) & 0x3f) << 5) as i32)
                    | ((((word >> 8) & 0xf) << 1) as i32);
                (Reg::ZERO, reg(15)?, reg(20)?, imm)
            }
            Format::Upper => (reg(7)?, Reg::ZERO, Reg::ZERO, (word & 0xffff_f000) as i32),
            Format::Jal => {
                let imm = ((s >> 31) << 20)
                    | ((word & 0x000f_f000) as i32)
                    | ((((word >> 20) & 1) << 11) as i32)
                    | ((((word >> 21) & 0x3ff) << 1) as i32);
                (reg(7)?, Reg::ZERO, Reg::ZERO, imm)
            }
            Format::None => (Reg::ZERO, Reg::ZERO, Reg::ZERO, 0),
        };
        Ok(Instruction { op, rd, rs1, rs2, imm })
    }
}

fn classify_unknown(word: u32) -> DecodeError {
    match word & 0x7f {
        0x73 => DecodeError::Csr,
        0x0f => DecodeError::FenceI,
        0x07 | 0x27 | 0x43 | 0x47 | 0x4b | 0x4f | 0x53 => DecodeError::FloatingPoint,
        0x2f => DecodeError::Atomic,
        0x57 => DecodeError::Vector,
        _ => DecodeError::Unknown(word),
    }
}

/// Why an instruction word is not accepted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DecodeError {
    /// A register number above 15 (RV32E has only x0–x15).
    RegisterAbove15(u32),
    /// A CSR instruction (other than `UNIMP`).
    Csr,
    /// `FENCE.I` (self-modifying code is not supported).
    FenceI,
    /// An F/D instruction.
    FloatingPoint,
    /// An A-extension instruction.
    Atomic,
    /// A V-extension instruction.
    Vector,
    /// A 16-bit encoding where a 32-bit one was expected.
    Compressed,
    /// A reserved or unknown compressed encoding.
    UnknownCompressed(u16),
    /// Anything else.
    Unknown(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::RegisterAbove15(r) => write!(f, "register x{r} does not exist in RV32E"),
            DecodeError::Csr => f.write_str("CSR instructions are not supported"),
            DecodeError::FenceI => f.write_str("FENCE.I is not supported"),
            DecodeError::FloatingPoint => {
                f.write_str("floating-point (F/D) instructions are not supported")
            }
            DecodeError::Atomic => f.write_str("atomic (A) instructions are not supported"),
            DecodeError::Vector => f.write_str("vector (V) instructions are not supported"),
            DecodeError::Compressed => f.write_str("unexpected compressed instruction"),
            DecodeError::UnknownCompressed(h) => {
                write!(f, "unknown compressed instruction {h:#06x}")
            }
            DecodeError::Unknown(w) => write!(f, "unknown instruction {w:#010x}"),
        }
    }
}

impl fmt::Display for Instruction {
    /// GNU assembler syntax with numeric branch offsets (`beq a0, a1, -8`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Instruction { op, rd, rs1, rs2, imm } = *self;
        let m = op.mnemonic();
        match op.format() {
            Format::R => write!(f, "{m} {rd}, {rs1}, {rs2}"),
            Format::I | Format::Shift => write!(f, "{m} {rd}, {rs1}, {imm}"),
            Format::Load | Format::Jalr => write!(f, "{m} {rd}, {imm}({rs1})"),
            Format::Store => write!(f, "{m} {rs2}, {imm}({rs1})"),
            Format::Branch => write!(f, "{m} {rs1}, {rs2}, {imm}"),
            Format::Upper => write!(f, "{m} {rd}, {:#x}", (imm as u32) >> 12),
            Format::Jal => write!(f, "{m} {rd}, {imm}"),
            Format::None => f.write_str(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u32) -> Reg {
        Reg::new(n).unwrap()
    }

    #[test]
    fn raw_round_trip_every_opcode() {
        for &op in Opcode::ALL {
            let imm = match op.format() {
                Format::R | Format::None => 0,
                Format::I | Format::Load | Format::Store | Format::Jalr => -1234,
                Format::Shift => 31,
                Format::Branch => -4096,
                Format::Upper => 0xfedc_b000u32 as i32,
                Format::Jal => 0xf_fffe - (1 << 20),
            };
            let (rd, rs1, rs2) = match op.format() {
                Format::R => (r(1), r(14), r(15)),
                Format::I | Format::Shift | Format::Load | Format::Jalr => (r(13), r(2), r(0)),
                Format::Store | Format::Branch => (r(0), r(9), r(15)),
                Format::Upper | Format::Jal => (r(15), r(0), r(0)),
                Format::None => (r(0), r(0), r(0)),
            };
            let inst = Instruction::new(op, rd, rs1, rs2, imm);
            assert!(inst.imm_in_range(), "{inst}");
            let word = inst.encode_raw();
            assert_eq!(Instruction::decode_raw(word), Ok(inst), "{op:?} {word:#010x}");
        }
    }

    #[test]
    fn known_encodings() {
        // Values from the RISC-V spec / GNU as.
        let add = Instruction::decode_raw(0x00b50633).unwrap(); // add a2, a0, a1
        assert_eq!(add.to_string(), "add a2, a0, a1");
        let lw = Instruction::decode_raw(0xffc42503).unwrap(); // lw a0, -4(s0)
        assert_eq!(lw.to_string(), "lw a0, -4(s0)");
        let ret = Instruction::decode_raw(0x00008067).unwrap();
        assert_eq!(ret.to_string(), "jalr zero, 0(ra)");
        assert_eq!(Instruction::decode_raw(0xc0001073).unwrap().op, Opcode::Unimp);
        assert_eq!(Instruction::decode_raw(0x00100073).unwrap().op, Opcode::Ebreak);
        assert_eq!(Instruction::decode_raw(0x0ff0000f).unwrap().op, Opcode::Fence);
    }

    #[test]
    fn rejects_what_rv32em_does_not_have() {
        // add x16, x0, x0
        assert_eq!(Instruction::decode_raw(0x00000833), Err(DecodeError::RegisterAbove15(16)));
        // csrrs a0, cycle, zero
        assert_eq!(Instruction::decode_raw(0xc0002573), Err(DecodeError::Csr));
        assert_eq!(Instruction::decode_raw(0x0000100f), Err(DecodeError::FenceI));
        // fadd.s
        assert_eq!(Instruction::decode_raw(0x00000053), Err(DecodeError::FloatingPoint));
        // lr.w
        assert_eq!(Instruction::decode_raw(0x1005202f), Err(DecodeError::Atomic));
        assert_eq!(Instruction::decode_raw(0x00000000), Err(DecodeError::Compressed));
        assert_eq!(Instruction::decode_raw(0xffffffff), Err(DecodeError::Unknown(0xffffffff)));
        // slli with bit 25 set (RV64 shamt) is not RV32.
        assert!(Instruction::decode_raw(0x02051513).is_err());
    }
}
