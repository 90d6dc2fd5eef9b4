//! [`Exit`] across the host/runtime boundary as a fixed 40-byte record, so the host
//! writes it into a runtime buffer (no allocation, no codec):
//! `[tag u32][w0 u32]…[w6 u32][gas_left u64]`, little-endian, where the tag says which
//! outcome and the words are its fields (`Finished`: a0, a1; `HostCall`: number,
//! a0–a5; `Trap`: kind, pc, address or target).

use rivet_executor::{Exit, Outcome, TrapKind};

/// Bytes of an encoded exit.
pub const EXIT_LEN: usize = 40;

const FINISHED: u32 = 0;
const HOST_CALL: u32 = 1;
const OUT_OF_GAS: u32 = 2;
const TRAP: u32 = 3;

const UNIMP: u32 = 0;
const EBREAK: u32 = 1;
const INVALID_MEMORY_ACCESS: u32 = 2;
const INVALID_JUMP: u32 = 3;

/// Encodes `exit`.
pub fn encode_exit(exit: &Exit) -> [u8; EXIT_LEN] {
    let (tag, words): (u32, [u32; 7]) = match exit.outcome {
        Outcome::Finished { a0, a1 } => (FINISHED, [a0, a1, 0, 0, 0, 0, 0]),
        Outcome::HostCall { number, args } => {
            (HOST_CALL, [number, args[0], args[1], args[2], args[3], args[4], args[5]])
        }
        Outcome::OutOfGas => (OUT_OF_GAS, [0; 7]),
        Outcome::Trap { kind, pc } => {
            let (k, x) = match kind {
                TrapKind::Unimp => (UNIMP, 0),
                TrapKind::Ebreak => (EBREAK, 0),
                TrapKind::InvalidMemoryAccess { addr } => (INVALID_MEMORY_ACCESS, addr),
                TrapKind::InvalidJump { target } => (INVALID_JUMP, target),
            };
            (TRAP, [k, pc, x, 0, 0, 0, 0])
        }
    };
    let mut out = [0u8; EXIT_LEN];
    out[..4].copy_from_slice(&tag.to_le_bytes());
    for (i, w) in words.iter().enumerate() {
        out[4 + 4 * i..8 + 4 * i].copy_from_slice(&w.to_le_bytes());
    }
    out[32..].copy_from_slice(&exit.gas_left.to_le_bytes());
    out
}

/// Decodes what [`encode_exit`] wrote; `None` for anything else.
pub fn decode_exit(b: &[u8; EXIT_LEN]) -> Option<Exit> {
    let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let word = |i: usize| w(4 + 4 * i);
    let outcome = match w(0) {
        FINISHED => Outcome::Finished { a0: word(0), a1: word(1) },
        HOST_CALL => Outcome::HostCall {
            number: word(0),
            args: [word(1), word(2), word(3), word(4), word(5), word(6)],
        },
        OUT_OF_GAS => Outcome::OutOfGas,
        TRAP => {
            let kind = match word(0) {
                UNIMP => TrapKind::Unimp,
                EBREAK => TrapKind::Ebreak,
                INVALID_MEMORY_ACCESS => TrapKind::InvalidMemoryAccess { addr: word(2) },
                INVALID_JUMP => TrapKind::InvalidJump { target: word(2) },
                _ => return None,
            };
            Outcome::Trap { kind, pc: word(1) }
        }
        _ => return None,
    };
    let mut gas = [0u8; 8];
    gas.copy_from_slice(&b[32..]);
    Some(Exit { outcome, gas_left: u64::from_le_bytes(gas) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_round_trips() {
        let outcomes = [
            Outcome::Finished { a0: 1, a1: u32::MAX },
            Outcome::HostCall { number: 16, args: [1, 2, 3, 4, 5, 6] },
            Outcome::OutOfGas,
            Outcome::Trap { kind: TrapKind::Unimp, pc: 0x10000 },
            Outcome::Trap { kind: TrapKind::Ebreak, pc: 4 },
            Outcome::Trap { kind: TrapKind::InvalidMemoryAccess { addr: 0xffff_ffff }, pc: 8 },
            Outcome::Trap { kind: TrapKind::InvalidJump { target: 0x123 }, pc: 12 },
        ];
        for (i, outcome) in outcomes.into_iter().enumerate() {
            let exit = Exit { outcome, gas_left: u64::MAX - i as u64 };
            assert_eq!(decode_exit(&encode_exit(&exit)), Some(exit));
        }
    }

    #[test]
    fn garbage_does_not_decode() {
        let mut b = [0u8; EXIT_LEN];
        b[0] = 9;
        assert_eq!(decode_exit(&b), None);
        b[0] = TRAP as u8;
        b[4] = 7;
        assert_eq!(decode_exit(&b), None, "unknown trap kind");
    }
}
