//! Rust guest programs (`executor/guests/test-guest`), built by this test for
//! RV32EM and RV32EMC with build-std, linked, and run on every engine. Expected values
//! are computed natively from the exports' documented formulas.

mod common;
#[path = "../guests/test-guest/src/formulas.rs"]
mod formulas;

use std::path::Path;
use std::sync::OnceLock;

use rivet_executor::blob::{PAGE_SIZE, STACK_TOP};
use rivet_executor::isa::Reg;
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{Exit, Instance, Limits, Outcome, Program, TrapKind};
use rivet_toolchain::{GuestBuild, GuestTarget};

/// The test guest, linked, per target; built once per test binary.
fn program(target: GuestTarget) -> &'static Program {
    static EM: OnceLock<Program> = OnceLock::new();
    static EMC: OnceLock<Program> = OnceLock::new();
    let cell = match target {
        GuestTarget::Rv32em => &EM,
        GuestTarget::Rv32emc => &EMC,
    };
    cell.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guests/test-guest");
        let elfs =
            rivet_toolchain::build(&GuestBuild::new(dir, target)).unwrap_or_else(|e| panic!("{e}"));
        let elf = std::fs::read(&elfs[0].path).unwrap();
        let parts = link(&elf, &LinkerConfig::default()).unwrap_or_else(|e| panic!("{e}"));
        Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap()
    })
}

const TARGETS: [GuestTarget; 2] = [GuestTarget::Rv32em, GuestTarget::Rv32emc];
const GAS: u64 = 100_000_000;

/// Answers a host call: (instance, number, args).
type Host<'a> = dyn FnMut(&mut dyn Instance, u32, [u32; 6]) + 'a;

/// Runs `export(args)` on every engine and target; answers host calls with `host`.
/// Returns the exits, checking that all engines agree (outcome and gas) per target.
fn run_all(export: &str, args: &[u32], gas: u64, host: &mut Host) -> Vec<(String, Exit)> {
    let mut exits = Vec::new();
    for target in TARGETS {
        let mut first: Option<Exit> = None;
        for engine in common::engines() {
            let mut instance = engine.instantiate(program(target));
            let mut exit = instance.call(export, args, gas).unwrap();
            while let Outcome::HostCall { number, args } = exit.outcome {
                host(&mut *instance, number, args);
                exit = instance.resume().unwrap();
            }
            if let Some(f) = first {
                assert_eq!(f, exit, "{export}: engines disagree on {target:?}");
            }
            first = Some(exit);
            exits.push((format!("{}/{target:?}", engine.name), exit));
        }
    }
    exits
}

fn no_host(_: &mut dyn Instance, n: u32, _: [u32; 6]) {
    panic!("unexpected host call {n}");
}

/// The result of `export(args)` on every engine and target, which must all agree; a
/// `u64` export's result is `a0 | a1 << 32`, a `u32` export's is `a0` (a1 is garbage).
fn result(export: &str, args: &[u32], wide: bool) -> u64 {
    let exits = run_all(export, args, GAS, &mut no_host);
    let mut value = None;
    for (who, exit) in exits {
        let Outcome::Finished { a0, a1 } = exit.outcome else {
            panic!("{who}: {export}{args:?} → {exit:?}")
        };
        let v = if wide { a0 as u64 | (a1 as u64) << 32 } else { a0 as u64 };
        assert_eq!(*value.get_or_insert(v), v, "{who}: results differ between targets");
    }
    value.unwrap()
}

fn returns(export: &str, args: &[u32]) -> u64 {
    result(export, args, true)
}

fn returns32(export: &str, args: &[u32]) -> u32 {
    result(export, args, false) as u32
}

#[test]
fn arithmetic_matches_native() {
    let cases =
        [(7, 3), (0, 0), (5, 0), (0x8000_0000, u32::MAX), (u32::MAX, 2), (12345, 0xffff_fff9)];
    for (a, b) in cases {
        let lo = a.wrapping_mul(b) ^ (a >> 3) ^ b.rotate_left(7);
        let (q, r) = (a.checked_div(b).unwrap_or(u32::MAX), a.checked_rem(b).unwrap_or(a));
        let (sa, sb) = (a as i32, b as i32);
        let (sq, sr) = if sb == 0 { (-1, sa) } else { (sa.wrapping_div(sb), sa.wrapping_rem(sb)) };
        let hi = q ^ r ^ sq as u32 ^ sr as u32;
        assert_eq!(
            returns("arith", &[a, b]),
            lo as u64 | (hi as u64) << 32,
            "arith({a:#x}, {b:#x})"
        );
    }
}

#[test]
fn recursion() {
    fn fib(n: u32) -> u32 {
        (0..n).fold((0u32, 1u32), |(a, b), _| (b, a.wrapping_add(b))).0
    }
    for n in [0, 1, 2, 10, 20] {
        assert_eq!(returns32("fib", &[n]), fib(n), "fib({n})");
    }
}

#[test]
fn allocation_and_collections() {
    for n in [0u32, 1, 100, 1000] {
        let sum = (0..n).fold(0u32, |a, i| a.wrapping_add(i.wrapping_mul(i)));
        let letters: u32 = (0..n).map(|i| (b'a' + (i % 26) as u8) as u32).sum();
        let expected = sum.wrapping_add(1000 * n.min(17)).wrapping_add(letters);
        assert_eq!(returns32("alloc_sum", &[n]), expected, "alloc_sum({n})");
    }
}

#[test]
fn trait_objects_and_function_pointers() {
    for n in [0u32, 1, 10, 50] {
        let expected: u32 = (0..n)
            .map(|i| match i % 3 {
                0 => i * i,
                1 => i * (i + 1),
                _ => i * (i + 2) / 2,
            })
            .sum();
        assert_eq!(returns32("dyn_shapes", &[n]), expected, "dyn_shapes({n})");
    }
    for x in [0u32, 7, 0xdead_beef] {
        let want = [x.wrapping_mul(2), x.wrapping_mul(x), x.wrapping_neg(), x.rotate_left(5)];
        for sel in 0..8 {
            assert_eq!(
                returns32("fn_ptr", &[sel, x]),
                want[sel as usize % 4],
                "fn_ptr({sel}, {x})"
            );
        }
    }
}

#[test]
fn big_match_through_a_jump_table() {
    for k in 0..34 {
        for x in [0u32, 12345, 0x8000_0001] {
            assert_eq!(
                returns32("big_match", &[k, x]),
                formulas::big_match(k, x),
                "big_match({k}, {x:#x})"
            );
        }
    }
}

#[test]
fn host_calls_exchange_memory() {
    for len in [0u32, 1, 17, 256, 1000] {
        let mut emitted = Vec::new();
        let mut host = |inst: &mut dyn Instance, n: u32, args: [u32; 6]| match n {
            1 => {
                let data: Vec<u8> = (0..args[1]).map(|i| (i * 7 + 3) as u8).collect();
                inst.write_memory(args[0], &data).unwrap();
                inst.set_reg(Reg::A0, 0xabcd);
                inst.set_reg(Reg::A1, 0);
            }
            2 => {
                let mut buf = vec![0; args[1] as usize];
                inst.read_memory(args[0], &mut buf).unwrap();
                emitted.push(buf);
            }
            _ => panic!("unknown host call {n}"),
        };
        let exits = run_all("host_roundtrip", &[len], GAS, &mut host);
        let l = len.min(256);
        let hash = (0..l).fold(0x811c_9dc5u32, |h, i| {
            (h ^ ((i * 7 + 3) as u8) as u32).wrapping_mul(0x0100_0193)
        });
        for (who, exit) in &exits {
            assert!(
                matches!(exit.outcome, Outcome::Finished { a0, .. } if a0 == hash ^ 0xabcd),
                "{who}: {exit:?}"
            );
        }
        assert_eq!(emitted.len(), exits.len());
        assert!(emitted.iter().all(|e| e == &hash.to_le_bytes()), "len {len}");
    }
}

#[test]
fn a_panic_traps() {
    assert_eq!(returns32("panic_index", &[3]), 30);
    for (who, exit) in run_all("panic_index", &[4], GAS, &mut no_host) {
        assert!(
            matches!(exit.outcome, Outcome::Trap { kind: TrapKind::Unimp, .. }),
            "{who}: {exit:?}"
        );
        assert!(exit.gas_left > 0 && exit.gas_left < GAS);
    }
}

#[test]
fn an_endless_loop_runs_out_of_gas() {
    for gas in [0, 1, 1000, 123_457] {
        for (who, exit) in run_all("spin", &[], gas, &mut no_host) {
            assert_eq!(exit.outcome, Outcome::OutOfGas, "{who}");
            // Blocks of the loop are small: what is left is less than one block.
            assert!(exit.gas_left < 16, "{who}: {} left", exit.gas_left);
        }
    }
}

#[test]
fn deep_recursion_hits_the_stack_guard() {
    // A shallow recursion works...
    assert!(returns32("recurse_deep", &[10]) > 0);
    // ...a deep one faults just below the stack, without touching data.
    for (who, exit) in run_all("recurse_deep", &[100_000], GAS, &mut no_host) {
        let Outcome::Trap { kind: TrapKind::InvalidMemoryAccess { addr }, .. } = exit.outcome
        else {
            panic!("{who}: {exit:?}")
        };
        let stack_bottom = STACK_TOP - 64 * 1024;
        assert!(
            addr < stack_bottom && addr >= stack_bottom - PAGE_SIZE,
            "{who}: fault at {addr:#x}"
        );
    }
}

#[test]
fn data_sections_are_placed_and_persist() {
    // Addresses differ between targets (code size moves the data), so check per target.
    for target in TARGETS {
        let l = program(target).layout();
        for engine in common::engines() {
            let exit = engine.instantiate(program(target)).call("data_addrs", &[], GAS).unwrap();
            let Outcome::Finished { a0: rw, a1: ro } = exit.outcome else { panic!("{exit:?}") };
            assert!((l.rw_base..l.rw_base + l.rw_size).contains(&rw), "{rw:#x} not in rw");
            assert!((l.ro_base..l.ro_base + l.ro_size).contains(&ro), "{ro:#x} not in ro");
        }
    }
    for i in 0..10 {
        assert_eq!(returns32("ro_read", &[i]), [3, 1, 4, 1, 5, 9, 2, 6][i as usize % 8]);
    }
    // State persists across calls of one instance.
    for engine in common::engines() {
        for target in TARGETS {
            let mut inst = engine.instantiate(program(target));
            let call = |inst: &mut Box<dyn Instance>, v| match inst
                .call("bss_write", &[v], GAS)
                .unwrap()
                .outcome
            {
                Outcome::Finished { a0, .. } => a0,
                o => panic!("{o:?}"),
            };
            assert_eq!(call(&mut inst, 5), 12 + 12);
            assert_eq!(call(&mut inst, 6), 18 + 12 + 18);
            inst.reset_memory();
            assert_eq!(call(&mut inst, 5), 12 + 12);
        }
    }
}

#[test]
fn host_memory_access_respects_the_layout() {
    for engine in common::engines() {
        let mut inst = engine.instantiate(program(GuestTarget::Rv32em));
        let l = *program(GuestTarget::Rv32em).layout();
        let mut b = [0u8; 4];
        assert!(inst.read_memory(l.ro_base, &mut b).is_ok());
        assert!(inst.write_memory(l.ro_base, &b).is_err(), "read-only data is not writable");
        assert!(inst.write_memory(l.rw_base, &[1, 2, 3, 4]).is_ok());
        assert!(inst.read_memory(0x10000, &mut b).is_err(), "code is not data");
        assert!(inst.read_memory(STACK_TOP - 2, &mut b).is_err(), "straddles the stack top");
        assert!(inst.write_memory(STACK_TOP - 4, &b).is_ok());
        assert!(inst.read_memory(0, &mut b).is_err());
    }
}

#[test]
fn calls_reject_unknown_exports_and_too_many_args() {
    for engine in common::engines() {
        let mut inst = engine.instantiate(program(GuestTarget::Rv32em));
        assert_eq!(
            inst.call("nope", &[], 10).unwrap_err(),
            rivet_executor::CallError::UnknownExport
        );
        assert_eq!(
            inst.call("noop", &[0; 7], 10).unwrap_err(),
            rivet_executor::CallError::TooManyArguments
        );
        assert_eq!(inst.resume().unwrap_err(), rivet_executor::CallError::NotSuspended);
    }
}

#[test]
fn compressed_and_uncompressed_builds_agree_and_round_trip() {
    let em = program(GuestTarget::Rv32em);
    let emc = program(GuestTarget::Rv32emc);
    assert!(emc.code().iter().any(|c| c.compressed), "the RVC build has compressed instructions");
    assert!(em.code().iter().all(|c| !c.compressed));
    for p in [em, emc] {
        let bytes = rivet_executor::BlobParts::from(p).to_bytes();
        let again = Program::from_bytes(&bytes, &Limits::default()).unwrap();
        assert_eq!(again.parts(), p.parts());
    }
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[test]
fn a_recompiler_window_reused_after_a_drop_starts_from_the_initial_image() {
    use rivet_executor::recompiler::RecompiledModule;
    use std::sync::Arc;
    let finished = |exit: Exit| match exit.outcome {
        Outcome::Finished { a0, .. } => a0,
        o => panic!("{o:?}"),
    };
    for target in TARGETS {
        let p = program(target);
        let module = Arc::new(RecompiledModule::new(Arc::new(p.clone())).unwrap());
        let stack_len = p.layout().stack_range().1 - p.layout().stack_range().0;
        let stack_base = (STACK_TOP as u64 - stack_len) as u32;
        let fresh_stack = vec![0u8; stack_len as usize];
        // Instances that dirty their data, bss and stack, then are dropped: their
        // windows become the module's spares.
        let mut dirty: Vec<_> = (0..3).map(|_| module.instantiate().unwrap()).collect();
        for inst in &mut dirty {
            assert_eq!(finished(inst.call("bss_write", &[5], GAS).unwrap()), 12 + 12);
            assert_eq!(finished(inst.call("bss_write", &[6], GAS).unwrap()), 18 + 12 + 18);
            finished(inst.call("recurse_deep", &[100], GAS).unwrap());
            let mut stack = fresh_stack.clone();
            inst.read_memory(stack_base, &mut stack).unwrap();
            assert_ne!(stack, fresh_stack, "the call used the stack");
        }
        drop(dirty);
        // The next instances reuse those windows and see the program's initial image.
        for _ in 0..4 {
            let mut inst = module.instantiate().unwrap();
            let mut stack = vec![1u8; stack_len as usize];
            inst.read_memory(stack_base, &mut stack).unwrap();
            assert_eq!(stack, fresh_stack, "{target:?}: the stack is zero again");
            assert_eq!(finished(inst.call("bss_write", &[5], GAS).unwrap()), 12 + 12);
        }
    }
}
