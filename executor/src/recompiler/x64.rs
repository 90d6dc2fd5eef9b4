//! A small x86-64 instruction encoder: just the instructions the recompiler emits.
//! It knows nothing about the VM. Memory operands are always encoded with a SIB byte,
//! so every base register (including `rbp`, `r12`, `r13`, `rsp`) takes the same path,
//! and the shortest displacement that fits.

/// A general-purpose register, by hardware number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct R(pub u8);

#[allow(dead_code, reason = "the full register file, named for readability")]
impl R {
    pub const RAX: R = R(0);
    pub const RCX: R = R(1);
    pub const RDX: R = R(2);
    pub const RBX: R = R(3);
    pub const RSP: R = R(4);
    pub const RBP: R = R(5);
    pub const RSI: R = R(6);
    pub const RDI: R = R(7);
    pub const R8: R = R(8);
    pub const R9: R = R(9);
    pub const R10: R = R(10);
    pub const R11: R = R(11);
    pub const R12: R = R(12);
    pub const R13: R = R(13);
    pub const R14: R = R(14);
    pub const R15: R = R(15);

    fn low(self) -> u8 {
        self.0 & 7
    }
    fn high(self) -> u8 {
        self.0 >> 3
    }
}

/// A memory operand: `[seg: base + disp]`, or `[seg: disp]` without a base.
#[derive(Clone, Copy, Debug)]
pub struct Mem {
    /// Use the `gs` segment (guest memory and the VM context).
    pub gs: bool,
    /// Base register.
    pub base: Option<R>,
    /// Displacement.
    pub disp: i32,
}

impl Mem {
    /// `gs:[base + disp]`
    pub fn gs(base: Option<R>, disp: i32) -> Mem {
        Mem { gs: true, base, disp }
    }
    /// `[rsp + disp]`
    pub fn stack(disp: i32) -> Mem {
        Mem { gs: false, base: Some(R::RSP), disp }
    }
}

/// Condition codes (the low nibble of `Jcc`/`SETcc`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Cond {
    /// unsigned <
    B = 0x2,
    /// unsigned >=
    Ae = 0x3,
    /// ==
    E = 0x4,
    /// !=
    Ne = 0x5,
    /// unsigned >
    A = 0x7,
    /// signed <
    L = 0xc,
    /// signed >=
    Ge = 0xd,
    /// signed <=
    Le = 0xe,
    /// signed >
    G = 0xf,
}

/// Operand size of a memory access.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Size {
    /// 8 bits
    B,
    /// 16 bits
    W,
    /// 32 bits
    D,
}

/// ALU operations of the `81 /ext` and `01`-style families: (ext, reg-to-r/m opcode).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Alu {
    Add,
    Or,
    And,
    Sub,
    Xor,
    Cmp,
}

impl Alu {
    fn ext(self) -> u8 {
        match self {
            Alu::Add => 0,
            Alu::Or => 1,
            Alu::And => 4,
            Alu::Sub => 5,
            Alu::Xor => 6,
            Alu::Cmp => 7,
        }
    }
    fn rm_r_opcode(self) -> u8 {
        self.ext() * 8 + 1
    }
}

/// Shifts by an immediate (`C1 /ext`) and by a register (BMI2 `SHLX`/`SHRX`/`SARX`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shift {
    Shl,
    Shr,
    Sar,
}

/// The operand width of a memory-operand instruction, as its prefixes say it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Width {
    /// 32 bits (or the opcode's own 8 bits, with no 8-bit register operand).
    Dword,
    /// 64 bits: REX.W.
    Qword,
    /// 16 bits: the `66` prefix.
    Word,
    /// 8 bits with an 8-bit register operand, which needs REX for `spl`..`dil`.
    ByteReg,
}

/// One instruction's bytes (at most 15), written in place at the end of the code.
struct Enc<'a> {
    b: &'a mut [u8; 16],
    n: usize,
}

impl Enc<'_> {
    fn byte(&mut self, b: u8) {
        self.b[self.n] = b;
        self.n += 1;
    }

    fn u32(&mut self, v: u32) {
        for b in v.to_le_bytes() {
            self.byte(b);
        }
    }

    /// REX prefix if needed (no 8-bit register operands).
    fn rex(&mut self, w: bool, reg: u8, base: u8) {
        let rex = 0x40 | (w as u8) << 3 | (reg >> 3) << 2 | (base >> 3);
        if rex != 0x40 {
            self.byte(rex);
        }
    }

    fn modrm_rr(&mut self, reg: u8, rm: u8) {
        self.byte(0xc0 | (reg & 7) << 3 | (rm & 7));
    }

    /// Appends the instruction to `code`: all 16 bytes, a copy of fixed size the
    /// compiler inlines, then the tail cut off (a copy of `n` bytes is a `memmove` call).
    /// ModRM + displacement for a memory operand: none for 0 (except with `rbp`/`r13`,
    /// whose "no displacement" form means something else), 8 bits when it fits, else
    /// 32 bits. A SIB byte only where the encoding needs one: a base of `rsp`/`r12`, or
    /// no base (an absolute `gs:` displacement).
    fn modrm_mem(&mut self, reg: u8, mem: Mem) {
        match mem.base {
            Some(base) => {
                let (mode, size) = if mem.disp == 0 && base.low() != 5 {
                    (0b00, 0)
                } else if (-128..128).contains(&mem.disp) {
                    (0b01, 1)
                } else {
                    (0b10, 4)
                };
                if base.low() == 4 {
                    self.byte(mode << 6 | (reg & 7) << 3 | 0b100); // rm=SIB
                    self.byte(0x24); // scale 0, no index, base rsp/r12
                } else {
                    self.byte(mode << 6 | (reg & 7) << 3 | base.low());
                }
                match size {
                    0 => {}
                    1 => self.byte(mem.disp as u8),
                    _ => self.u32(mem.disp as u32),
                }
            }
            None => {
                self.byte((reg & 7) << 3 | 0b100); // mod=00, rm=SIB
                self.byte(0x25); // no index, no base: disp32
                self.u32(mem.disp as u32);
            }
        }
    }
}

/// An assembler writing into a byte buffer.
#[derive(Default)]
pub struct Asm {
    /// The machine code so far.
    pub code: Vec<u8>,
}

impl Asm {
    /// Current offset.
    pub fn offset(&self) -> usize {
        self.code.len()
    }

    fn byte(&mut self, b: u8) {
        self.code.push(b);
    }

    fn u32(&mut self, v: u32) {
        self.code.extend_from_slice(&v.to_le_bytes());
    }

    /// REX prefix if needed. `byte_reg`: an 8-bit register operand 4–7 needs REX to mean
    /// `spl`..`dil` rather than `ah`..`bh`.
    fn rex(&mut self, w: bool, reg: u8, base: u8, byte_regs: &[u8]) {
        let needs_byte = byte_regs.iter().any(|&r| (4..8).contains(&r));
        let rex = 0x40 | (w as u8) << 3 | (reg >> 3) << 2 | (base >> 3);
        if rex != 0x40 || needs_byte {
            self.byte(rex);
        }
    }

    fn modrm_rr(&mut self, reg: u8, rm: u8) {
        self.byte(0xc0 | (reg & 7) << 3 | (rm & 7));
    }

    /// One instruction built by `f`, in place: 16 bytes are appended, `f` writes the
    /// instruction's bytes over them, and the rest is cut off. (Assembled on the stack
    /// and copied, the bytes were stored one by one and reloaded as one 16-byte word,
    /// which stalled store forwarding on every instruction.)
    fn emit(&mut self, f: impl FnOnce(&mut Enc)) {
        let len = self.code.len();
        self.code.extend_from_slice(&[0; 16]);
        let b = (&mut self.code[len..]).try_into().expect("16 bytes were appended; qed");
        let mut e = Enc { b, n: 0 };
        f(&mut e);
        let n = e.n;
        self.code.truncate(len + n);
    }

    /// Prefixes, opcode bytes, the memory operand and the immediate (`imm`, little-endian
    /// bytes, may be empty) of one instruction, written at once by [`Asm::emit`] (a third
    /// of what the compiler emits is loads and stores).
    fn mem_op(&mut self, width: Width, opcode: &[u8], reg: u8, mem: Mem, imm: &[u8]) {
        self.emit(|e| {
            if mem.gs {
                e.byte(0x65);
            }
            if width == Width::Word {
                e.byte(0x66);
            }
            let base = mem.base.map_or(0, R::high);
            let rex = 0x40 | ((width == Width::Qword) as u8) << 3 | (reg >> 3) << 2 | base;
            // An 8-bit register 4–7 needs REX to mean `spl`..`dil` rather than `ah`..`bh`.
            if rex != 0x40 || (width == Width::ByteReg && (4..8).contains(&reg)) {
                e.byte(rex);
            }
            for &b in opcode {
                e.byte(b);
            }
            e.modrm_mem(reg, mem);
            for &b in imm {
                e.byte(b);
            }
        });
    }

    /// `mov dst32, src32` (zero-extends into the 64-bit register).
    pub fn mov_rr32(&mut self, dst: R, src: R) {
        self.emit(|e| {
            e.rex(false, src.0, dst.0);
            e.byte(0x89);
            e.modrm_rr(src.0, dst.0);
        });
    }

    /// `mov dst32, imm32`.
    pub fn mov_ri32(&mut self, dst: R, imm: u32) {
        self.emit(|e| {
            e.rex(false, 0, dst.0);
            e.byte(0xb8 + dst.low());
            e.u32(imm);
        });
    }

    /// `xor dst32, dst32`.
    pub fn zero(&mut self, dst: R) {
        self.alu_rr32(Alu::Xor, dst, dst);
    }

    /// `op dst32, src32`.
    pub fn alu_rr32(&mut self, op: Alu, dst: R, src: R) {
        self.emit(|e| {
            e.rex(false, src.0, dst.0);
            e.byte(op.rm_r_opcode());
            e.modrm_rr(src.0, dst.0);
        });
    }

    /// `op dst32, imm32`.
    pub fn alu_ri32(&mut self, op: Alu, dst: R, imm: i32) {
        self.emit(|e| {
            e.rex(false, 0, dst.0);
            if (-128..128).contains(&imm) {
                e.byte(0x83);
                e.modrm_rr(op.ext(), dst.0);
                e.byte(imm as u8);
            } else {
                e.byte(0x81);
                e.modrm_rr(op.ext(), dst.0);
                e.u32(imm as u32);
            }
        });
    }

    /// `lea dst32, [base + disp]`: a 32-bit add that wraps and zero-extends.
    pub fn lea32(&mut self, dst: R, base: R, disp: i32) {
        let mem = Mem { gs: false, base: Some(base), disp };
        self.mem_op(Width::Dword, &[0x8d], dst.0, mem, &[]);
    }

    /// `neg dst32`.
    pub fn neg32(&mut self, dst: R) {
        self.emit(|e| {
            e.rex(false, 0, dst.0);
            e.byte(0xf7);
            e.modrm_rr(3, dst.0);
        });
    }

    /// `imul dst32, src32`.
    pub fn imul_rr32(&mut self, dst: R, src: R) {
        self.emit(|e| {
            e.rex(false, dst.0, src.0);
            e.byte(0x0f);
            e.byte(0xaf);
            e.modrm_rr(dst.0, src.0);
        });
    }

    /// Shift `dst32` by an immediate.
    pub fn shift_ri32(&mut self, op: Shift, dst: R, amount: u8) {
        let ext = match op {
            Shift::Shl => 4,
            Shift::Shr => 5,
            Shift::Sar => 7,
        };
        self.emit(|e| {
            e.rex(false, 0, dst.0);
            e.byte(0xc1);
            e.modrm_rr(ext, dst.0);
            e.byte(amount);
        });
    }

    /// BMI2 `shlx/shrx/sarx dst32, src32, count32` (count masked to 5 bits, like RISC-V).
    pub fn shiftx32(&mut self, op: Shift, dst: R, src: R, count: R) {
        let pp = match op {
            Shift::Shl => 0b01,
            Shift::Sar => 0b10,
            Shift::Shr => 0b11,
        };
        // VEX3: C4, [~R ~X ~B mmmmm=0F38], [W=0 ~vvvv L=0 pp], F7, ModRM(11, dst, src)
        self.byte(0xc4);
        self.byte((!dst.high() & 1) << 7 | 1 << 6 | (!src.high() & 1) << 5 | 0b00010);
        self.byte((!count.0 & 0xf) << 3 | pp);
        self.byte(0xf7);
        self.modrm_rr(dst.0, src.0);
    }

    /// `cmp a32, b32` (flags of a - b).
    pub fn cmp_rr32(&mut self, a: R, b: R) {
        self.alu_rr32(Alu::Cmp, a, b);
    }

    /// `setcc dst8; movzx dst32, dst8`.
    pub fn set_bool(&mut self, cond: Cond, dst: R) {
        self.rex(false, 0, dst.0, &[dst.0]);
        self.code.extend_from_slice(&[0x0f, 0x90 | cond as u8]);
        self.modrm_rr(0, dst.0);
        self.rex(false, dst.0, dst.0, &[dst.0]);
        self.code.extend_from_slice(&[0x0f, 0xb6]);
        self.modrm_rr(dst.0, dst.0);
    }

    /// Load with sign or zero extension into `dst32`.
    pub fn load(&mut self, dst: R, mem: Mem, size: Size, signed: bool) {
        let opcode: &[u8] = match (size, signed) {
            (Size::B, false) => &[0x0f, 0xb6],
            (Size::B, true) => &[0x0f, 0xbe],
            (Size::W, false) => &[0x0f, 0xb7],
            (Size::W, true) => &[0x0f, 0xbf],
            (Size::D, _) => &[0x8b],
        };
        self.mem_op(Width::Dword, opcode, dst.0, mem, &[]);
    }

    /// `cmp size [mem], 0`: touches the memory without changing a register.
    pub fn probe(&mut self, mem: Mem, size: Size) {
        let (p66, opcode) = match size {
            Size::B => (false, 0x80),
            Size::W => (true, 0x83),
            Size::D => (false, 0x83),
        };
        self.mem_op(if p66 { Width::Word } else { Width::Dword }, &[opcode], 7, mem, &[0]);
    }

    /// Store the low bits of `src`.
    pub fn store(&mut self, mem: Mem, src: R, size: Size) {
        match size {
            Size::B => self.mem_op(Width::ByteReg, &[0x88], src.0, mem, &[]),
            Size::W => self.mem_op(Width::Word, &[0x89], src.0, mem, &[]),
            Size::D => self.mem_op(Width::Dword, &[0x89], src.0, mem, &[]),
        }
    }

    /// Store zero.
    pub fn store_zero(&mut self, mem: Mem, size: Size) {
        match size {
            Size::B => self.mem_op(Width::Dword, &[0xc6], 0, mem, &[0]),
            Size::W => self.mem_op(Width::Word, &[0xc7], 0, mem, &[0, 0]),
            Size::D => self.mem_op(Width::Dword, &[0xc7], 0, mem, &[0; 4]),
        }
    }

    /// `sub qword [mem], imm32` — the gas charge.
    pub fn sub_m64_i32(&mut self, mem: Mem, imm: u32) {
        self.mem_op(Width::Qword, &[0x81], 5, mem, &imm.to_le_bytes());
    }

    /// `mov qword [mem], imm32` (sign-extended).
    pub fn mov_m64_i32(&mut self, mem: Mem, imm: i32) {
        self.mem_op(Width::Qword, &[0xc7], 0, mem, &imm.to_le_bytes());
    }

    /// `mov qword [mem], src`.
    pub fn mov_m64_r(&mut self, mem: Mem, src: R) {
        self.mem_op(Width::Qword, &[0x89], src.0, mem, &[]);
    }

    /// `mov dst, qword [mem]`.
    pub fn mov_r_m64(&mut self, dst: R, mem: Mem) {
        self.mem_op(Width::Qword, &[0x8b], dst.0, mem, &[]);
    }

    /// `mov dst32, dword [mem]`.
    pub fn mov_r_m32(&mut self, dst: R, mem: Mem) {
        self.mem_op(Width::Dword, &[0x8b], dst.0, mem, &[]);
    }

    /// `op dword [mem], imm32` (`add`, `and`, `cmp`, ...).
    pub fn alu_m32_i32(&mut self, op: Alu, mem: Mem, imm: u32) {
        self.mem_op(Width::Dword, &[0x81], op.ext(), mem, &imm.to_le_bytes());
    }

    /// `div`/`idiv`/`mul`/`imul` of edx:eax by `dword [mem]` (`F7 /ext`).
    pub fn muldiv_m32(&mut self, ext: u8, mem: Mem) {
        self.mem_op(Width::Dword, &[0xf7], ext, mem, &[]);
    }

    /// `movsxd dst, dword [mem]`.
    pub fn movsxd_r_m32(&mut self, dst: R, mem: Mem) {
        self.mem_op(Width::Qword, &[0x63], dst.0, mem, &[]);
    }

    /// `imul dst64, src64`.
    pub fn imul_rr64(&mut self, dst: R, src: R) {
        self.rex(true, dst.0, src.0, &[]);
        self.code.extend_from_slice(&[0x0f, 0xaf]);
        self.modrm_rr(dst.0, src.0);
    }

    /// `shr dst64, imm8`.
    pub fn shr_r64(&mut self, dst: R, amount: u8) {
        self.rex(true, 0, dst.0, &[]);
        self.byte(0xc1);
        self.modrm_rr(5, dst.0);
        self.byte(amount);
    }

    /// `cdq` (sign-extend eax into edx).
    pub fn cdq(&mut self) {
        self.byte(0x99);
    }

    /// `push r64`.
    pub fn push(&mut self, r: R) {
        self.rex(false, 0, r.0, &[]);
        self.byte(0x50 + r.low());
    }

    /// `push imm8` (sign-extended to 64 bits).
    pub fn push_i8(&mut self, imm: i8) {
        self.byte(0x6a);
        self.byte(imm as u8);
    }

    /// `pop qword [mem]`.
    pub fn pop_m64(&mut self, mem: Mem) {
        self.mem_op(Width::Dword, &[0x8f], 0, mem, &[]);
    }

    /// `pop r64`.
    pub fn pop(&mut self, r: R) {
        self.rex(false, 0, r.0, &[]);
        self.byte(0x58 + r.low());
    }

    /// `add rsp, imm8`.
    pub fn add_rsp(&mut self, imm: i8) {
        self.code.extend_from_slice(&[0x48, 0x83, 0xc4, imm as u8]);
    }

    /// `jmp qword [mem]`.
    pub fn jmp_m64(&mut self, mem: Mem) {
        self.mem_op(Width::Dword, &[0xff], 4, mem, &[]);
    }

    /// `ret`.
    pub fn ret(&mut self) {
        self.byte(0xc3);
    }

    /// `jmp rel32` to `target` (an offset in this buffer).
    pub fn jmp(&mut self, target: usize) {
        self.byte(0xe9);
        self.rel32(target);
    }

    /// `call rel32` to `target`.
    pub fn call(&mut self, target: usize) {
        self.byte(0xe8);
        self.rel32(target);
    }

    /// `jmp rel32` whose target is patched later; returns the patch offset.
    pub fn jmp_fixup(&mut self) -> usize {
        self.emit(|e| {
            e.byte(0xe9);
            e.u32(0);
        });
        self.offset() - 4
    }

    /// `jcc rel32` whose target is patched later; returns the patch offset.
    pub fn jcc_fixup(&mut self, cond: Cond) -> usize {
        self.emit(|e| {
            e.byte(0x0f);
            e.byte(0x80 | cond as u8);
            e.u32(0);
        });
        self.offset() - 4
    }

    fn rel32(&mut self, target: usize) {
        let rel = target as i64 - (self.offset() as i64 + 4);
        self.u32(rel as i32 as u32);
    }

    /// Points the rel32 at `at` (from a `*_fixup`) to `target`.
    pub fn patch(&mut self, at: usize, target: usize) {
        let rel = (target as i64 - (at as i64 + 4)) as i32;
        self.code[at..at + 4].copy_from_slice(&rel.to_le_bytes());
    }

    /// `mov dst, imm64`.
    pub fn mov_ri64(&mut self, dst: R, imm: u64) {
        self.rex(true, 0, dst.0, &[]);
        self.byte(0xb8 + dst.low());
        self.code.extend_from_slice(&imm.to_le_bytes());
    }

    /// `mov dst64, qword [base + index * 8]`.
    pub fn load_indexed8(&mut self, dst: R, base: R, index: R) {
        self.load_indexed(dst, base, index, 3);
    }

    /// `mov dst64, qword [base + index << scale_log2]`.
    pub fn load_indexed(&mut self, dst: R, base: R, index: R, scale_log2: u8) {
        self.rex(true, dst.0, base.0, &[]);
        if index.0 >= 8 {
            // REX.X for the index register.
            let last = self.code.len() - 1;
            self.code[last] |= 0x02;
        }
        self.byte(0x8b);
        self.byte((dst.low()) << 3 | 0b100); // mod=00, SIB
        self.byte(scale_log2 << 6 | index.low() << 3 | base.low());
        debug_assert!(base.low() != 5, "rbp/r13 as base needs a displacement");
    }

    /// `test a64, a64`.
    pub fn test64(&mut self, a: R) {
        self.rex(true, a.0, a.0, &[]);
        self.byte(0x85);
        self.modrm_rr(a.0, a.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(f: impl FnOnce(&mut Asm)) -> Vec<u8> {
        let mut a = Asm::default();
        f(&mut a);
        a.code
    }

    #[test]
    fn encodings_match_the_manual() {
        // Checked against GNU objdump.
        assert_eq!(bytes(|a| a.mov_rr32(R::RAX, R::R9)), [0x44, 0x89, 0xc8]); // mov eax, r9d
        assert_eq!(bytes(|a| a.alu_ri32(Alu::Add, R::RBX, 5)), [0x83, 0xc3, 0x05]); // add ebx, 5
        assert_eq!(
            bytes(|a| a.alu_ri32(Alu::Xor, R::R12, 0x1000)),
            [0x41, 0x81, 0xf4, 0, 0x10, 0, 0]
        );
        assert_eq!(
            bytes(|a| a.set_bool(Cond::L, R::RSI)),
            [0x40, 0x0f, 0x9c, 0xc6, 0x40, 0x0f, 0xb6, 0xf6]
        );
        assert_eq!(
            bytes(|a| a.shiftx32(Shift::Shl, R::RAX, R::RBX, R::RCX)),
            [0xc4, 0xe2, 0x71, 0xf7, 0xc3]
        );
        assert_eq!(bytes(|a| a.push(R::R15)), [0x41, 0x57]);
        assert_eq!(bytes(|a| a.sub_m64_i32(Mem::gs(None, -0x10000), 7)).len(), 13);
        // sub qword [rsp], 7 (no displacement; rsp as a base needs a SIB byte) and
        // mov eax, [rbp + 0] (needs a displacement; no SIB byte)
        assert_eq!(
            bytes(|a| a.sub_m64_i32(Mem::stack(0), 7)),
            [0x48, 0x81, 0x2c, 0x24, 7, 0, 0, 0]
        );
        assert_eq!(
            bytes(|a| a.mov_r_m32(R::RAX, Mem { gs: false, base: Some(R::RBP), disp: 0 })),
            [0x8b, 0x45, 0]
        );
        // pop qword gs:[disp32]
        assert_eq!(
            bytes(|a| a.pop_m64(Mem::gs(None, -8))),
            [0x65, 0x8f, 0x04, 0x25, 0xf8, 0xff, 0xff, 0xff]
        );
        // mov eax, gs:[r13 + 4]; r12 as a base needs the SIB byte, as rsp does
        assert_eq!(
            bytes(|a| a.load(R::RAX, Mem::gs(Some(R::R12), 4), Size::D, false)),
            [0x65, 0x41, 0x8b, 0x44, 0x24, 4]
        );
        assert_eq!(
            bytes(|a| a.load(R::RAX, Mem::gs(Some(R::R13), 4), Size::D, false)),
            [0x65, 0x41, 0x8b, 0x45, 4]
        );
        // mov gs:[rbx - 1], sil
        assert_eq!(
            bytes(|a| a.store(Mem::gs(Some(R::RBX), -1), R::RSI, Size::B)),
            [0x65, 0x40, 0x88, 0x73, 0xff]
        );
    }
}
