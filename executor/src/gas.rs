//! Gas: the versioned cost table and the visitor that sums each basic block's cost.
//! Both engines take their block costs from [`block_costs`], so they cannot disagree.

use alloc::vec::Vec;

use crate::isa::Opcode;
use crate::validate::Program;

/// The cost table's version. A change of any cost is a new version (consensus-critical).
pub const COST_TABLE_VERSION: u32 = 1;

/// The cost of one instruction under cost table v1.
///
/// 1 for every instruction except multiplication and division, priced from what they
/// cost the recompiler relative to an `add` (BENCHMARKS.md, "Cost table"): `mul` ≈ 3×,
/// the multiply-high family ≈ 6×, division and remainder 9–12×. (On the interpreter
/// every instruction is within 2× of an `add`, so these prices over-charge it a little,
/// never under-charge.) Any change is a new [`COST_TABLE_VERSION`].
pub const fn cost(op: Opcode) -> u32 {
    match op {
        Opcode::Lui | Opcode::Auipc | Opcode::Jal | Opcode::Jalr => 1,
        Opcode::Beq | Opcode::Bne | Opcode::Blt | Opcode::Bge | Opcode::Bltu | Opcode::Bgeu => 1,
        Opcode::Lb | Opcode::Lh | Opcode::Lw | Opcode::Lbu | Opcode::Lhu => 1,
        Opcode::Sb | Opcode::Sh | Opcode::Sw => 1,
        Opcode::Addi | Opcode::Slti | Opcode::Sltiu | Opcode::Xori | Opcode::Ori | Opcode::Andi => {
            1
        }
        Opcode::Slli | Opcode::Srli | Opcode::Srai => 1,
        Opcode::Add | Opcode::Sub | Opcode::Sll | Opcode::Slt | Opcode::Sltu => 1,
        Opcode::Xor | Opcode::Srl | Opcode::Sra | Opcode::Or | Opcode::And => 1,
        Opcode::Mul => 3,
        Opcode::Mulh | Opcode::Mulhsu | Opcode::Mulhu => 6,
        Opcode::Div | Opcode::Divu | Opcode::Rem | Opcode::Remu => 10,
        Opcode::Fence | Opcode::Ecall | Opcode::Ebreak | Opcode::Unimp => 1,
    }
}

/// For each instruction that starts a basic block, the cost of that block (the sum of
/// its instructions' costs up to the next block start); zero for the others.
pub fn block_costs(program: &Program) -> Vec<u32> {
    let code = program.code();
    let mut costs = alloc::vec![0u32; code.len()];
    let mut start = 0;
    for (i, ci) in code.iter().enumerate() {
        if program.is_block_start(i) {
            start = i;
        }
        costs[start] += cost(ci.inst.op);
    }
    costs
}
