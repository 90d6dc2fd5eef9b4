//! The translation pass: a validated [`Program`] → x86-64 machine code, in one linear
//! pass over the instructions plus a patch pass over forward jumps. Where guest state
//! lives is `abi.rs`; what each instruction becomes is `lower.rs`; the shared code the
//! blocks call is `stubs.rs`.
//!
//! Every basic block starts with `sub qword [rsp], cost; jb out_of_gas`. While guest
//! code runs, the gas counter lives in the host stack slot at `[rsp]` (the stack depth at
//! every block start is the same): an `rsp`-relative slot gets the CPU's memory renaming,
//! so the loop-carried dependency through the counter costs far less than through
//! `gs:[CTX_GAS]`.

use alloc::vec;
use alloc::vec::Vec;

use super::abi::{gs, ExitReason, CTX_PC, CTX_REASON};
use super::stubs::{self, Stubs};
use super::x64::{Asm, Cond, Mem};
use crate::gas::block_costs;
use crate::validate::Program;

/// The result of compilation, before it is placed in executable memory.
pub struct Compiled {
    /// Machine code.
    pub code: Vec<u8>,
    /// Offset of the entry trampoline: `extern "sysv64" fn(target: u64)`.
    pub entry: usize,
    /// Offset of the common exit path (saves registers, returns to the host).
    pub exit_common: usize,
    /// Offset of the "returned to the host" exit.
    pub exit_finished: usize,
    /// Native offset of each instruction's block entry (gas stub) for block starts,
    /// `u32::MAX` for the others.
    pub block_entry: Vec<u32>,
    /// (native offset of the load/store instruction, guest instruction index), sorted.
    pub memory_sites: Vec<(u32, u32)>,
    /// Where the jump table's absolute address must be written (imm64 fields).
    pub table_address_fixups: Vec<usize>,
    /// (native offset after the `call` of a block's out-of-gas stub, instruction index
    /// of the block start), ascending: how the host finds the block that ran out.
    pub out_of_gas_sites: Vec<(u32, u32)>,
    /// Cost of each block (at its first instruction's index).
    pub block_costs: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// Compiles a program. O(code size). The code is written into `buffer` (cleared first):
/// a buffer kept from an earlier compilation has its pages already mapped, which a fresh
/// one would fault in one by one.
///
/// `metered: false` leaves out the gas stubs: only for measuring what metering costs
/// (benchmarks); such code must never run untrusted programs.
pub fn compile(program: &Program, metered: bool, buffer: Vec<u8>) -> Compiled {
    let mut c = Compiler::new(program, buffer);
    c.metered = metered;
    c.stubs = stubs::emit(&mut c.asm, program, &mut c.table_address_fixups);
    c.emit_code();
    c.finish()
}

/// The translation's state: the code so far, where the shared stubs are, and what is
/// left to patch. `stubs.rs` and `lower.rs` add to it.
pub(super) struct Compiler<'a> {
    pub(super) program: &'a Program,
    pub(super) asm: Asm,
    costs: Vec<u32>,
    /// Where the shared code is.
    pub(super) stubs: Stubs,
    pub(super) table_address_fixups: Vec<usize>,
    block_entry: Vec<u32>,
    pub(super) memory_sites: Vec<(u32, u32)>,
    /// (patch offset, target instruction index)
    jump_fixups: Vec<(usize, usize)>,
    /// (patch offset of the `jb`, instruction index of the block)
    gas_fixups: Vec<(usize, u32)>,
    out_of_gas_sites: Vec<(u32, u32)>,
    /// Whether to emit gas stubs.
    metered: bool,
    /// The instruction being lowered.
    pub(super) at: At,
}

/// Where the instruction being lowered is.
#[derive(Clone, Copy, Default)]
pub(super) struct At {
    /// Its index in the program.
    pub(super) index: usize,
    /// Its address.
    pub(super) pc: u32,
    /// The next instruction's address (the link value).
    pub(super) next: u32,
}

impl<'a> Compiler<'a> {
    fn new(program: &'a Program, mut code: Vec<u8>) -> Self {
        let n = program.code().len();
        // Branch-dense code takes about 28 bytes an instruction (gas stub, compare,
        // jump, out-of-gas call); most code far less. Reserving address space is
        // cheap, copying the code on a regrowth is not.
        code.clear();
        code.reserve(n * 32 + 4096);
        Compiler {
            program,
            asm: Asm { code },
            costs: block_costs(program),
            stubs: Stubs::default(),
            table_address_fixups: Vec::new(),
            block_entry: vec![NONE; n],
            memory_sites: Vec::new(),
            jump_fixups: Vec::new(),
            gas_fixups: Vec::new(),
            out_of_gas_sites: Vec::new(),
            metered: true,
            at: At::default(),
        }
    }

    fn emit_code(&mut self) {
        let p = self.program;
        for (i, ci) in p.code().iter().enumerate() {
            if p.is_block_start(i) {
                self.block_entry[i] = self.asm.offset() as u32;
            }
            if p.is_block_start(i) && self.metered {
                let at = self.asm.offset();
                self.asm.sub_m64_i32(Mem::stack(0), self.costs[i]);
                let jb = self.asm.jcc_fixup(Cond::B);
                debug_assert_eq!(self.asm.offset() - at, 14, "fixed-width gas stub");
                self.gas_fixups.push((jb, i as u32));
            }
            let pc = p.addresses()[i];
            self.at = At { index: i, pc, next: pc + ci.size() };
            ci.inst.visit(self);
        }
        // Out-of-gas paths: one `call` each, identified by its return address.
        for (jb, index) in core::mem::take(&mut self.gas_fixups) {
            let a = &mut self.asm;
            let l = a.offset();
            a.patch(jb, l);
            a.call(self.stubs.out_of_gas);
            self.out_of_gas_sites.push((a.offset() as u32, index));
        }
        for (at, target) in core::mem::take(&mut self.jump_fixups) {
            let t = self.block_entry[target];
            debug_assert_ne!(t, NONE, "direct targets start blocks; qed");
            self.asm.patch(at, t as usize);
        }
    }

    pub(super) fn exit(&mut self, reason: ExitReason, pc: u32) {
        self.asm.mov_m64_i32(gs(CTX_PC), pc as i32);
        self.asm.mov_m64_i32(gs(CTX_REASON), reason as i32);
        self.asm.jmp(self.stubs.exit_common);
    }

    pub(super) fn jump_to(&mut self, target_pc: u32, cond: Option<Cond>) {
        let idx =
            self.program.index_of(target_pc).expect("validated: targets are instructions; qed");
        let at = match cond {
            Some(c) => self.asm.jcc_fixup(c),
            None => self.asm.jmp_fixup(),
        };
        self.jump_fixups.push((at, idx));
    }

    fn finish(mut self) -> Compiled {
        self.memory_sites.sort_unstable();
        Compiled {
            code: self.asm.code,
            entry: self.stubs.entry,
            exit_common: self.stubs.exit_common,
            exit_finished: self.stubs.exit_finished,
            block_entry: self.block_entry,
            memory_sites: self.memory_sites,
            table_address_fixups: self.table_address_fixups,
            out_of_gas_sites: self.out_of_gas_sites,
            block_costs: self.costs,
        }
    }
}
