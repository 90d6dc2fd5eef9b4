//! Adversarial programs on every engine: every load and store width at every edge of
//! every region, wrap-around addresses, one huge basic block, and a megabyte of
//! branches. Expected outcomes come from the layout, not from an engine.

mod common;

use std::sync::Arc;

use rivet_executor::asm::program_parts;
use rivet_executor::blob::{MemoryLayout, STACK_TOP};
use rivet_executor::{Limits, Outcome, Program, TrapKind};

fn program(source: &str, layout: MemoryLayout, limits: &Limits) -> Program {
    let parts = program_parts(source, 0x10000, layout).unwrap();
    Program::from_bytes(&parts.to_bytes(), limits).unwrap()
}

const LAYOUT: MemoryLayout = MemoryLayout {
    ro_base: 0x20000,
    ro_size: 0x1000,
    rw_base: 0x30000,
    rw_size: 0x3000,
    stack_size: 0x2000,
};

/// Data above 2 MiB of code, for the big programs.
const FAR: MemoryLayout = MemoryLayout {
    ro_base: 0x40_0000,
    ro_size: 0x1000,
    rw_base: 0x50_0000,
    rw_size: 0x1000,
    stack_size: 0x1000,
};

/// Whether `[addr, addr + len)` lies in one region, and whether that region is writable.
fn mapped(addr: u64, len: u64) -> (bool, bool) {
    let regions = [
        (0x20000u64, 0x21000u64, false),
        (0x30000, 0x33000, true),
        (STACK_TOP as u64 - 0x2000, STACK_TOP as u64, true),
    ];
    for (start, end, writable) in regions {
        if addr >= start && addr + len <= end {
            return (true, writable);
        }
    }
    (false, false)
}

#[test]
fn every_access_width_at_every_region_edge() {
    let mut addresses = Vec::new();
    for edge in [0x20000u32, 0x21000, 0x30000, 0x33000, STACK_TOP - 0x2000, STACK_TOP, 0, 0x10000] {
        for delta in -5i64..=4 {
            addresses.push((edge as i64 + delta) as u32);
        }
    }
    addresses.extend([u32::MAX, u32::MAX - 1, u32::MAX - 3, 0x8000_0000]);
    let limits = Limits::default();
    let mut checked = 0;
    for (op, width, store) in [
        ("lb", 1, false),
        ("lhu", 2, false),
        ("lw", 4, false),
        ("sb", 1, true),
        ("sh", 2, true),
        ("sw", 4, true),
    ] {
        // Base register set so that base + imm wraps for some addresses.
        for imm in [0i32, 7, -8] {
            let src = format!("{op} a1, {imm}(a0)\nret");
            let prog = program(&src, LAYOUT, &limits);
            for engine in common::engines() {
                for &addr in &addresses {
                    let base = addr.wrapping_sub(imm as u32);
                    let mut inst = engine.instantiate(&prog);
                    let exit = inst.call("main", &[base, 0x5a5a_5a5a], 100).unwrap();
                    let (ok, writable) = mapped(addr as u64, width);
                    let expect_ok = ok && (!store || writable);
                    let want = if expect_ok {
                        Outcome::Finished { a0: base, a1: exit_a1(&exit) }
                    } else {
                        Outcome::Trap { kind: TrapKind::InvalidMemoryAccess { addr }, pc: 0x10000 }
                    };
                    assert_eq!(
                        exit.outcome, want,
                        "[{}] {op} at {addr:#x} (imm {imm})",
                        engine.name
                    );
                    assert_eq!(exit.gas_left, 98, "[{}] {op} at {addr:#x}", engine.name);
                    if store && expect_ok {
                        let mut buf = vec![0; width as usize];
                        inst.read_memory(addr, &mut buf).unwrap();
                        assert!(
                            buf.iter().all(|&b| b == 0x5a),
                            "[{}] {op} at {addr:#x} wrote {buf:?}",
                            engine.name
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000);
}

fn exit_a1(exit: &rivet_executor::Exit) -> u32 {
    match exit.outcome {
        Outcome::Finished { a1, .. } => a1,
        _ => 0,
    }
}

#[test]
fn one_huge_basic_block() {
    let n = 100_000;
    let src = format!("{}ret\n", "addi a0, a0, 3\n".repeat(n));
    let limits = Limits::default();
    let prog = program(&src, FAR, &limits);
    for engine in common::engines() {
        let mut inst = engine.instantiate(&prog);
        // Exactly enough gas runs it all; one less runs nothing.
        let exit = inst.call("main", &[], n as u64 + 1).unwrap();
        assert_eq!(
            exit.outcome,
            Outcome::Finished { a0: 3 * n as u32, a1: 0 },
            "[{}]",
            engine.name
        );
        assert_eq!(exit.gas_left, 0);
        let exit = inst.call("main", &[], n as u64).unwrap();
        assert_eq!(exit.outcome, Outcome::OutOfGas, "[{}]", engine.name);
        assert_eq!((exit.gas_left, inst.reg(rivet_executor::isa::Reg::A0)), (n as u64, 0));
    }
}

#[test]
fn a_megabyte_of_branches() {
    // 2^18 branches, each to the next instruction: 2^18 blocks of one instruction.
    let n = 1 << 18;
    let mut src = String::with_capacity(n * 24);
    for i in 0..n {
        src.push_str(&format!("bne a0, a1, l{i}\nl{i}:\n"));
    }
    src.push_str("ret\n");
    let limits = Limits { max_code_size: 2 << 20, ..Limits::default() };
    let prog = Arc::new(program(&src, FAR, &limits));
    assert_eq!(prog.code().len(), n + 1);
    for engine in common::engines() {
        let mut inst = engine.instantiate(&prog);
        let exit = inst.call("main", &[1, 2], 10_000_000).unwrap();
        assert_eq!(exit.outcome, Outcome::Finished { a0: 1, a1: 2 }, "[{}]", engine.name);
        assert_eq!(exit.gas_left, 10_000_000 - n as u64 - 1, "[{}]", engine.name);
        // Running out in the middle stops at a block start.
        let exit = inst.call("main", &[1, 2], 1000).unwrap();
        assert_eq!(exit.outcome, Outcome::OutOfGas);
        assert_eq!((exit.gas_left, inst.pc()), (0, 0x10000 + 4 * 1000), "[{}]", engine.name);
    }
}

#[test]
fn instances_on_many_threads_at_once() {
    // Each thread runs its own instance of one shared module; `gs`, the active call and
    // the fault handler are per thread. Every thread also faults on purpose.
    let src = "loop:\naddi a0, a0, -1\nbnez a0, loop\nli a2, 0x50000\nlw a1, 0(a2)\nret";
    let prog = Arc::new(program(src, LAYOUT, &Limits::default()));
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let prog = prog.clone();
            std::thread::spawn(move || {
                for engine in common::engines() {
                    let mut inst = engine.instantiate(&prog);
                    for round in 0..50u32 {
                        let n = 1000 + t * 100 + round;
                        let exit = inst.call("main", &[n], 1_000_000).unwrap();
                        let Outcome::Trap {
                            kind: TrapKind::InvalidMemoryAccess { addr: 0x50000 },
                            ..
                        } = exit.outcome
                        else {
                            panic!("[{}] {exit:?}", engine.name)
                        };
                        assert_eq!(
                            exit.gas_left,
                            1_000_000 - 1 - 2 * n as u64 - 3,
                            "[{}]",
                            engine.name
                        );
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// A call as compilers write it, `auipc` then `jalr` off the register it set, whose target
/// both engines know before running: to a valid target it runs and charges as any jump
/// (the gas below is exact), to an invalid one it traps without linking, and a `jalr`
/// that starts a block (another path reaches it) keeps its run-time lookup.
#[test]
fn calls_through_auipc_and_jalr() {
    // 0x10000 mv s0, ra | 0x10004 auipc ra, 0 | 0x10008 jalr ra, OFF(ra) | 0x1000c addi
    // | 0x10010 mv ra, s0; ret | 0x10018 f: addi a0, a0, 100; ret
    let call = |off: i32| {
        format!(
            "mv s0, ra\nauipc ra, 0\njalr ra, {off}(ra)\naddi a0, a0, 1\nmv ra, s0\nret\n\
             f:\naddi a0, a0, 100\nret\n.jumptarget f\n"
        )
    };
    let limits = Limits::default();
    // Valid: f. Blocks: [mv, auipc, jalr] 3, [addi, mv, ret] 3, f: [addi, ret] 2.
    let valid = program(&call(0x14), LAYOUT, &limits);
    // Invalid: 0x10010 starts no block that may be jumped to indirectly.
    let invalid = program(&call(0xc), LAYOUT, &limits);
    // The `jalr` as a block start: a branch skips the `auipc` before it, so `ra` is what
    // the `lui` set (0x10000), and the target is not the one the `auipc` would give.
    let joined = program(
        "mv s0, ra\nlui ra, 0x10\nbeqz a0, j\nauipc ra, 0\nj:\njalr ra, 0x10(ra)\nmv ra, s0\nret\n\
         f:\naddi a0, a0, 100\nret\n.jumptarget f\n",
        LAYOUT,
        &limits,
    );
    for engine in common::engines() {
        let mut inst = engine.instantiate(&valid);
        let exit = inst.call("main", &[5], 8).unwrap();
        assert_eq!(exit.outcome, Outcome::Finished { a0: 106, a1: 0 }, "[{}]", engine.name);
        assert_eq!(exit.gas_left, 0, "[{}]", engine.name);
        let exit = inst.call("main", &[5], 7).unwrap();
        assert_eq!(exit.outcome, Outcome::OutOfGas, "[{}]", engine.name);
        assert_eq!(inst.pc(), 0x1000c, "[{}] stops at the block it cannot pay", engine.name);

        let mut inst = engine.instantiate(&invalid);
        let exit = inst.call("main", &[5], 100).unwrap();
        let trap = TrapKind::InvalidJump { target: 0x10010 };
        assert_eq!(exit.outcome, Outcome::Trap { kind: trap, pc: 0x10008 }, "[{}]", engine.name);
        assert_eq!(inst.reg(rivet_executor::isa::Reg::RA), 0x10004, "[{}]", engine.name);

        // a0 = 0: the branch is taken, `ra` is 0x10000, and the `jalr` jumps to itself,
        // which is no indirect target; from the `auipc` (a0 ≠ 0) it calls f at 0x1001c.
        let mut inst = engine.instantiate(&joined);
        let exit = inst.call("main", &[0], 100).unwrap();
        let trap = TrapKind::InvalidJump { target: 0x10010 };
        assert_eq!(exit.outcome, Outcome::Trap { kind: trap, pc: 0x10010 }, "[{}]", engine.name);
        let exit = inst.call("main", &[1], 100).unwrap();
        assert_eq!(exit.outcome, Outcome::Finished { a0: 101, a1: 0 }, "[{}]", engine.name);
    }
}
