//! A small 16-bit CPU emulator: the branchy fetch/decode/dispatch work of an emulator
//! (like the NES emulator the design compares against), at a size that fits a kernel.
//!
//! The machine: 8 registers of 16 bits, a zero and a carry flag, 4 KiB of byte memory,
//! 16-bit instructions `op:4 a:3 b:3 imm:6`. The built-in program fills memory with a
//! pseudo-random sequence, bubble-sorts part of it and checksums it, forever; the
//! kernel runs a given number of instructions and returns a hash of the state.

const MEM: usize = 4096;

#[derive(Clone, Copy)]
#[repr(u8)]
#[allow(dead_code, reason = "the whole instruction set is listed; the program uses a subset")]
enum Op {
    Li = 0,   // a = imm (sign-extended)
    Addi = 1, // a += imm
    Add = 2,  // a += b, carry
    Sub = 3,  // a -= b, carry = borrow
    And = 4,
    Xor = 5,
    Shl = 6,  // a <<= imm & 15
    Shr = 7,  // a >>= imm & 15
    Ld = 8,   // a = mem[b + imm]
    St = 9,   // mem[b + imm] = a
    Cmp = 10, // flags of a - b
    Bz = 11,  // if zero: pc += imm
    Bnz = 12, // if !zero: pc += imm
    Bc = 13,  // if carry: pc += imm
    Mov = 14, // a = b
    Mul = 15, // a = a * b (low 16 bits)
}

const fn ins(op: Op, a: u16, b: u16, imm: i16) -> u16 {
    (op as u16) << 12 | a << 9 | b << 6 | (imm as u16 & 0x3f)
}

use Op::*;

/// r0 = 0; r1 = seed; fill mem[0..64] with an LCG; bubble-sort it; checksum into r7.
const PROGRAM: &[u16] = &[
    // 0: r2 = 0 (index), r3 = 63 (count)
    ins(Li, 2, 0, 0),
    ins(Li, 3, 0, 31),
    ins(Addi, 3, 0, 31),
    ins(Addi, 3, 0, 1),
    // 4: fill loop: r1 = r1 * 5 + 1 ; mem[r2] = r1 ; r2++ ; r3--
    ins(Li, 4, 0, 5),
    ins(Mul, 1, 4, 0),
    ins(Addi, 1, 0, 1),
    ins(St, 1, 2, 0),
    ins(Addi, 2, 0, 1),
    ins(Addi, 3, 0, -1),
    ins(Bnz, 0, 0, -7),
    // 11: outer sort loop: r5 = 63 passes
    ins(Li, 5, 0, 31),
    ins(Addi, 5, 0, 32),
    // 13: inner: r2 = 0, r3 = 63
    ins(Li, 2, 0, 0),
    ins(Li, 3, 0, 31),
    ins(Addi, 3, 0, 32),
    // 16: r4 = mem[r2], r6 = mem[r2 + 1]; if r6 < r4 swap
    ins(Ld, 4, 2, 0),
    ins(Ld, 6, 2, 1),
    ins(Cmp, 6, 4, 0),
    ins(Bc, 0, 0, 1),
    ins(Bz, 0, 0, 2),
    ins(St, 6, 2, 0),
    ins(St, 4, 2, 1),
    // 23: r2++, r3--, loop
    ins(Addi, 2, 0, 1),
    ins(Addi, 3, 0, -1),
    ins(Bnz, 0, 0, -10),
    ins(Addi, 5, 0, -1),
    ins(Bnz, 0, 0, -15),
    // 28: checksum: r7 ^= mem[i] << (i & 7) for i in 0..64
    ins(Li, 2, 0, 0),
    ins(Li, 3, 0, 31),
    ins(Addi, 3, 0, 33),
    ins(Ld, 4, 2, 0),
    ins(Shl, 4, 0, 3),
    ins(Xor, 7, 4, 0),
    ins(Addi, 2, 0, 1),
    ins(Addi, 3, 0, -1),
    ins(Bnz, 0, 0, -6),
    // 37: back to the start (r0 is 0, so Cmp r0, r0 sets zero)
    ins(Cmp, 0, 0, 0),
    ins(Bz, 0, 0, -39),
];

/// Runs `steps` instructions of the built-in program; returns a hash of registers and
/// memory.
pub fn emulator(steps: u32) -> u32 {
    let mut r = [0u16; 8];
    r[1] = 12345;
    let mut mem = [0u8; MEM];
    let (mut zero, mut carry) = (false, false);
    let mut pc: usize = 0;
    for _ in 0..steps {
        let word = PROGRAM[pc % PROGRAM.len()];
        pc += 1;
        let (a, b) = (((word >> 9) & 7) as usize, ((word >> 6) & 7) as usize);
        let imm = ((word << 10) as i16 >> 10) as u16;
        let addr = |base: u16| (base.wrapping_add(imm) as usize) % MEM;
        match word >> 12 {
            0 => r[a] = imm,
            1 => {
                r[a] = r[a].wrapping_add(imm);
                zero = r[a] == 0;
            }
            2 => {
                let (v, c) = r[a].overflowing_add(r[b]);
                (r[a], carry, zero) = (v, c, v == 0);
            }
            3 => {
                let (v, c) = r[a].overflowing_sub(r[b]);
                (r[a], carry, zero) = (v, c, v == 0);
            }
            4 => r[a] &= r[b],
            5 => r[a] ^= r[b],
            6 => r[a] <<= imm & 15,
            7 => r[a] >>= imm & 15,
            8 => r[a] = mem[addr(r[b])] as u16,
            9 => mem[addr(r[b])] = r[a] as u8,
            10 => {
                let (v, c) = r[a].overflowing_sub(r[b]);
                (carry, zero) = (c, v == 0);
            }
            11..=13 => {
                let take = match word >> 12 {
                    11 => zero,
                    12 => !zero,
                    _ => carry,
                };
                if take {
                    pc = pc.wrapping_add(imm as i16 as isize as usize);
                }
            }
            14 => r[a] = r[b],
            _ => r[a] = r[a].wrapping_mul(r[b]),
        }
        r[0] = 0;
    }
    let mut h: u32 = 0x811c_9dc5;
    for &v in r.iter() {
        h = (h ^ v as u32).wrapping_mul(0x0100_0193);
    }
    for &v in mem[..64].iter() {
        h = (h ^ v as u32).wrapping_mul(0x0100_0193);
    }
    h ^ pc as u32
}
