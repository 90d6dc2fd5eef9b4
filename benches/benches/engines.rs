//! The VM's engines against native code on the same Rust kernels, plus preparation,
//! validation and per-call costs. Prints Markdown tables; BENCHMARKS.md keeps the
//! latest. Run: `cargo bench -p rivet-benches --bench engines`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use rivet_benches::{guest_blob, median, per_iteration};
use rivet_executor::asm::assemble;
use rivet_executor::blob::{BlobParts, Export, MemoryLayout};
use rivet_executor::{Instance, InterpretedModule, Limits, Outcome, Program};
use rivet_toolchain::GuestTarget;

const RUNS: usize = 7;

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

fn run_export(module: &Arc<InterpretedModule>, export: &str, arg: u32) -> u64 {
    let mut instance = module.instantiate();
    let exit = instance.call(export, &[arg], u64::MAX).unwrap();
    match exit.outcome {
        Outcome::Finished { a0, a1 } => a0 as u64 | (a1 as u64) << 32,
        other => panic!("{export}: {other:?}"),
    }
}

fn kernels(module: &Arc<InterpretedModule>) {
    let mut sieve = vec![0u8; 1 << 20];
    type Native<'a> = Box<dyn FnMut(u32) -> u64 + 'a>;
    let cases: Vec<(&str, u32, Native, bool)> = vec![
        ("prime_sieve", 1 << 20, Box::new(|n| bench_kernels::prime_sieve(&mut sieve[..n as usize]) as u64), false),
        ("hash_loop", 200_000, Box::new(bench_kernels::hash_loop), true),
        ("emulator", 1_000_000, Box::new(|n| bench_kernels::emulator(n) as u64), false),
        ("memcpy_alloc", 2_000, Box::new(|n| bench_kernels::memcpy_alloc(n) as u64), false),
    ];
    println!("| kernel | argument | native (µs) | interpreter (µs) | interpreter / native | gas used |");
    println!("|---|---|---|---|---|---|");
    for (name, arg, mut native, wide) in cases {
        let expected = native(arg);
        let got = run_export(module, name, arg);
        let got = if wide { got } else { got & 0xffff_ffff };
        assert_eq!(got, expected, "{name}: the VM and native disagree");
        let t_native = median(RUNS, || native(black_box(arg)));
        let t_interp = median(RUNS, || run_export(module, name, arg));
        let mut instance = module.instantiate();
        let gas_used = u64::MAX - instance.call(name, &[arg], u64::MAX).unwrap().gas_left;
        println!(
            "| {name} | {arg} | {} | {} | {:.1}× | {gas_used} |",
            micros(t_native),
            micros(t_interp),
            t_interp.as_secs_f64() / t_native.as_secs_f64()
        );
    }
}

fn preparation(blob: &[u8], code_size: usize) {
    let limits = Limits::default();
    let t_validate = median(101, || Program::from_bytes(blob, &limits).unwrap());
    let program = Arc::new(Program::from_bytes(blob, &limits).unwrap());
    let t_prepare = median(101, || InterpretedModule::new(program.clone()));
    let module = Arc::new(InterpretedModule::new(program));
    let t_instantiate = median(101, || module.instantiate());
    let mut instance = module.instantiate();
    let t_call = per_iteration(21, 10_000, || {
        black_box(instance.call("noop", &[], 1_000).unwrap());
    });
    let mb = |t: Duration, bytes: usize| bytes as f64 / t.as_secs_f64() / 1e6;
    println!("| step | time | throughput |");
    println!("|---|---|---|");
    println!(
        "| validate blob ({} bytes, {} bytes of RV32EM code) | {} µs | {:.0} MB/s of blob, {:.0} MB/s of code |",
        blob.len(),
        code_size,
        micros(t_validate),
        mb(t_validate, blob.len()),
        mb(t_validate, code_size)
    );
    println!("| pre-decode for the interpreter | {} µs | {:.0} MB/s of code |", micros(t_prepare), mb(t_prepare, code_size));
    println!("| instantiate (memory image) | {} µs | |", micros(t_instantiate));
    println!("| call a trivial export (`noop`) | {:.0} ns | |", t_call.as_secs_f64() * 1e9);
}

/// Interpreter time per instruction of a loop of 64 copies of one instruction, for
/// the gas cost table.
fn cost_table() {
    println!("| instruction | interpreter ns / instruction |");
    println!("|---|---|");
    for op in ["add", "mul", "mulhu", "div", "divu", "rem", "lw", "sw"] {
        let body = match op {
            "lw" => "lw a2, 0(a3)".to_string(),
            "sw" => "sw a2, 0(a3)".to_string(),
            _ => format!("{op} a2, a0, a1"),
        };
        let code = format!("li a3, 0x30000\nli a4, 10000\nloop:\n{}addi a4, a4, -1\nbnez a4, loop\nret\n", format!("{body}\n").repeat(64));
        let asm = assemble(&code, 0x10000).unwrap();
        let parts = BlobParts {
            layout: MemoryLayout { ro_base: 0x20000, ro_size: 0, rw_base: 0x30000, rw_size: 0x1000, stack_size: 0x1000 },
            code_base: 0x10000,
            code: asm.code,
            exports: vec![Export { name: "main".into(), address: 0x10000 }],
            ..BlobParts::default()
        };
        let program = Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap();
        let module = Arc::new(InterpretedModule::new(Arc::new(program)));
        let t = median(RUNS, || module.instantiate().call("main", &[0x1234_5678, 0x1357], u64::MAX).unwrap());
        println!("| {op} | {:.2} |", t.as_secs_f64() * 1e9 / (64.0 * 10_000.0));
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let (blob, code_size) = guest_blob("bench-guest", GuestTarget::Rv32em);
    let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
    let module = Arc::new(InterpretedModule::new(program));
    println!("## Interpreter vs native (bench-guest, RV32EM, gas metered)\n");
    kernels(&module);
    println!("\n## Preparation and calls (bench-guest)\n");
    preparation(&blob, code_size);
    let (test_blob, test_code) = guest_blob("test-guest", GuestTarget::Rv32em);
    println!("\n## Preparation and calls (test-guest)\n");
    preparation(&test_blob, test_code);
    println!("\n## Cost table measurement (loops of 64 × one instruction)\n");
    cost_table();
}
