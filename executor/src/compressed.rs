//! Expansion of the C extension's 16-bit encodings (RV32, E registers) into the
//! equivalent 32-bit [`Instruction`]. Only the linker uses this: blobs store the
//! expanded instruction plus a flag that keeps its 2-byte size, so code addresses stay
//! those of the ELF.

use crate::isa::{DecodeError, Instruction, Opcode, Reg};

/// Expands one 16-bit instruction.
///
/// # Errors
/// Reserved encodings, floating-point loads/stores, RV64-only forms and registers above
/// x15 give a [`DecodeError`].
pub fn expand(half: u16) -> Result<Instruction, DecodeError> {
    let h = half as u32;
    let bit = |n: u32| (h >> n) & 1;
    let bits = |hi: u32, lo: u32| (h >> lo) & ((1 << (hi - lo + 1)) - 1);
    let unknown = DecodeError::UnknownCompressed(half);
    let full = |n: u32| Reg::new(n).ok_or(DecodeError::RegisterAbove15(n));
    // The 3-bit register fields name x8–x15.
    let short = |n: u32| Reg::new(8 + n).expect("8 + a 3-bit field is at most 15; qed");
    let sext = |value: u32, width: u32| ((value << (32 - width)) as i32) >> (32 - width);
    let inst = |op, rd, rs1, rs2, imm| Ok(Instruction::new(op, rd, rs1, rs2, imm));
    let z = Reg::ZERO;

    if half == 0 {
        // The all-zero halfword is defined to be illegal: it is what `c.unimp` emits.
        return inst(Opcode::Unimp, z, z, z, 0);
    }
    match (bits(1, 0), bits(15, 13)) {
        (0, 0) => {
            let imm = (bits(12, 11) << 4) | (bits(10, 7) << 6) | (bit(6) << 2) | (bit(5) << 3);
            if imm == 0 {
                return Err(unknown);
            }
            inst(Opcode::Addi, short(bits(4, 2)), Reg::SP, z, imm as i32)
        }
        (0, 2) | (0, 6) => {
            let imm = ((bits(12, 10) << 3) | (bit(6) << 2) | (bit(5) << 6)) as i32;
            let (a, base) = (short(bits(4, 2)), short(bits(9, 7)));
            if bits(15, 13) == 2 {
                inst(Opcode::Lw, a, base, z, imm)
            } else {
                inst(Opcode::Sw, z, base, a, imm)
            }
        }
        (0, 1 | 3 | 5 | 7) | (2, 1 | 3 | 5 | 7) => Err(DecodeError::FloatingPoint),
        (1, 0) => {
            let rd = full(bits(11, 7))?;
            inst(Opcode::Addi, rd, rd, z, sext((bit(12) << 5) | bits(6, 2), 6))
        }
        (1, 1) | (1, 5) => {
            let off = (bit(12) << 11)
                | (bit(11) << 4)
                | (bits(10, 9) << 8)
                | (bit(8) << 10)
                | (bit(7) << 6)
                | (bit(6) << 7)
                | (bits(5, 3) << 1)
                | (bit(2) << 5);
            let rd = if bits(15, 13) == 1 { Reg::RA } else { z };
            inst(Opcode::Jal, rd, z, z, sext(off, 12))
        }
        (1, 2) => {
            inst(Opcode::Addi, full(bits(11, 7))?, z, z, sext((bit(12) << 5) | bits(6, 2), 6))
        }
        (1, 3) => {
            let rd = full(bits(11, 7))?;
            if rd == Reg::SP {
                let imm = (bit(12) << 9)
                    | (bit(6) << 4)
                    | (bit(5) << 6)
                    | (bits(4, 3) << 7)
                    | (bit(2) << 5);
                if imm == 0 {
                    return Err(unknown);
                }
                inst(Opcode::Addi, Reg::SP, Reg::SP, z, sext(imm, 10))
            } else {
                let imm = (bit(12) << 17) | (bits(6, 2) << 12);
                if imm == 0 {
                    return Err(unknown);
                }
                inst(Opcode::Lui, rd, z, z, sext(imm, 18))
            }
        }
        (1, 4) => {
            let rd = short(bits(9, 7));
            match bits(11, 10) {
                0 | 1 if bit(12) == 1 => Err(unknown), // shamt[5] = 1 is RV64-only
                0 => inst(Opcode::Srli, rd, rd, z, bits(6, 2) as i32),
                1 => inst(Opcode::Srai, rd, rd, z, bits(6, 2) as i32),
                2 => inst(Opcode::Andi, rd, rd, z, sext((bit(12) << 5) | bits(6, 2), 6)),
                _ if bit(12) == 1 => Err(unknown),
                _ => {
                    let op =
                        [Opcode::Sub, Opcode::Xor, Opcode::Or, Opcode::And][bits(6, 5) as usize];
                    inst(op, rd, rd, short(bits(4, 2)), 0)
                }
            }
        }
        (1, 6) | (1, 7) => {
            let off = (bit(12) << 8)
                | (bits(11, 10) << 3)
                | (bits(6, 5) << 6)
                | (bits(4, 3) << 1)
                | (bit(2) << 5);
            let op = if bits(15, 13) == 6 { Opcode::Beq } else { Opcode::Bne };
            inst(op, z, short(bits(9, 7)), z, sext(off, 9))
        }
        (2, 0) => {
            if bit(12) == 1 {
                return Err(unknown);
            }
            let rd = full(bits(11, 7))?;
            inst(Opcode::Slli, rd, rd, z, bits(6, 2) as i32)
        }
        (2, 2) => {
            let rd = full(bits(11, 7))?;
            if rd == z {
                return Err(unknown);
            }
            let imm = (bit(12) << 5) | (bits(6, 4) << 2) | (bits(3, 2) << 6);
            inst(Opcode::Lw, rd, Reg::SP, z, imm as i32)
        }
        (2, 4) => {
            let (rd, rs2) = (full(bits(11, 7))?, full(bits(6, 2))?);
            match (bit(12), rd == z, rs2 == z) {
                (0, true, true) => Err(unknown),
                (0, false, true) => inst(Opcode::Jalr, z, rd, z, 0),
                (0, _, false) => inst(Opcode::Add, rd, z, rs2, 0),
                (_, true, true) => inst(Opcode::Ebreak, z, z, z, 0),
                (_, false, true) => inst(Opcode::Jalr, Reg::RA, rd, z, 0),
                (_, _, false) => inst(Opcode::Add, rd, rd, rs2, 0),
            }
        }
        (2, 6) => {
            let imm = (bits(12, 9) << 2) | (bits(8, 7) << 6);
            inst(Opcode::Sw, z, Reg::SP, full(bits(6, 2))?, imm as i32)
        }
        _ => Err(unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(half: u16) -> String {
        expand(half).map(|i| i.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn known_expansions() {
        // Encodings checked against GNU as (`-march=rv32emc -mabi=ilp32e`).
        assert_eq!(show(0x0000), "unimp");
        assert_eq!(show(0x0001), "addi zero, zero, 0"); // c.nop
        assert_eq!(show(0x1141), "addi sp, sp, -16"); // c.addi sp, -16
        assert_eq!(show(0xc606), "sw ra, 12(sp)"); // c.swsp ra, 12(sp)
        assert_eq!(show(0x40b2), "lw ra, 12(sp)"); // c.lwsp ra, 12(sp)
        assert_eq!(show(0x8082), "jalr zero, 0(ra)"); // c.jr ra (ret)
        assert_eq!(show(0x852e), "add a0, zero, a1"); // c.mv a0, a1
        assert_eq!(show(0x952e), "add a0, a0, a1"); // c.add a0, a1
        assert_eq!(show(0x9002), "ebreak"); // c.ebreak
        assert_eq!(show(0x4505), "addi a0, zero, 1"); // c.li a0, 1
        assert_eq!(show(0x6505), "lui a0, 0x1"); // c.lui a0, 1
        assert_eq!(show(0x757d), "lui a0, 0xfffff"); // c.lui a0, 0xfffff
        assert_eq!(show(0x4188), "lw a0, 0(a1)"); // c.lw a0, 0(a1)
        assert_eq!(show(0xc188), "sw a0, 0(a1)"); // c.sw a0, 0(a1)
        assert_eq!(show(0x0028), "addi a0, sp, 8"); // c.addi4spn a0, sp, 8
        assert_eq!(show(0x8d0d), "sub a0, a0, a1"); // c.sub a0, a1
        assert_eq!(show(0x8905), "andi a0, a0, 1"); // c.andi a0, 1
        assert_eq!(show(0x8105), "srli a0, a0, 1"); // c.srli a0, 1
        assert_eq!(show(0x8505), "srai a0, a0, 1"); // c.srai a0, 1
        assert_eq!(show(0x050a), "slli a0, a0, 2"); // c.slli a0, 2
        assert_eq!(show(0xa001), "jal zero, 0"); // c.j .
        assert_eq!(show(0xbffd), "jal zero, -2"); // c.j .-2
        assert_eq!(show(0xc109), "beq a0, zero, 2"); // c.beqz a0, .+2
        assert_eq!(show(0xdd75), "beq a0, zero, -4"); // c.beqz a0, .-4
        assert_eq!(show(0xe101), "bne a0, zero, 0"); // c.bnez a0, .
        assert_eq!(show(0x6141), "addi sp, sp, 16"); // c.addi16sp sp, 16
        assert_eq!(show(0x9502), "jalr ra, 0(a0)"); // c.jalr a0
    }

    #[test]
    fn rejects_registers_above_x15_and_reserved_forms() {
        assert!(matches!(expand(0x4841), Err(DecodeError::RegisterAbove15(16)))); // c.li a6, 16
        assert!(matches!(expand(0x2000), Err(DecodeError::FloatingPoint))); // c.fld
        assert!(matches!(expand(0x8002), Err(DecodeError::UnknownCompressed(_)))); // c.jr x0
        assert!(expand(0x1000 | 0x0002 | (1 << 7)).is_err()); // c.slli shamt[5]
        assert!(matches!(expand(0x0004), Err(DecodeError::UnknownCompressed(_))));
        // addi4spn 0
    }
}
