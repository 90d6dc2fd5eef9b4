//! The engines side by side on the same Rust kernels: native, Rivet's interpreter,
//! Rivet's recompiler (with and without gas metering) and wasmi 2 on the same source
//! compiled to Wasm. Also preparation/compilation, one-shot and per-call costs, the
//! cost-table measurement and code sizes. Every table is from one run; BENCHMARKS.md
//! keeps the latest. Run: `cargo bench -p rivet-benches --bench engines` (`-- compile`:
//! compile time alone; `-- cache-miss`: the cost of a module-cache miss; `-- memory`:
//! the cost of a frame's memory).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rivet_benches::{
    finished, guest_blob, guest_blob_profile, median, per_iteration, us, wasm_guest,
};
use rivet_executor::asm::{program_parts, touch_pages};
use rivet_executor::blob::MemoryLayout;
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{Instance, InterpretedModule, Limits, Program};
use rivet_toolchain::GuestTarget;

const RUNS: usize = 7;

fn ratio(a: Duration, native: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / native.as_secs_f64())
}

/// The engines under test, prepared once.
struct Engines {
    interp: Arc<InterpretedModule>,
    recomp: Arc<RecompiledModule>,
    recomp_nogas: Arc<RecompiledModule>,
    wasm_engine: wasmi::Engine,
    wasm_module: wasmi::Module,
}

impl Engines {
    fn new(blob: &[u8], wasm: &[u8]) -> Engines {
        let program = Arc::new(Program::from_bytes(blob, &Limits::default()).unwrap());
        let wasm_engine = wasmi::Engine::default();
        let wasm_module = wasmi::Module::new(&wasm_engine, wasm).unwrap();
        Engines {
            interp: Arc::new(InterpretedModule::new(program.clone())),
            recomp: Arc::new(RecompiledModule::new(program.clone()).unwrap()),
            recomp_nogas: Arc::new(RecompiledModule::with_metering(program, false).unwrap()),
            wasm_engine,
            wasm_module,
        }
    }

    fn interp(&self, export: &str, arg: u32) -> u64 {
        finished(self.interp.instantiate().call(export, &[arg], u64::MAX).unwrap(), export)
    }

    fn recomp(&self, module: &Arc<RecompiledModule>, export: &str, arg: u32) -> u64 {
        finished(module.instantiate().unwrap().call(export, &[arg], u64::MAX).unwrap(), export)
    }

    fn wasmi(&self, export: &str, arg: u32, wide: bool) -> u64 {
        let mut store = wasmi::Store::new(&self.wasm_engine, ());
        let linker = wasmi::Linker::<()>::new(&self.wasm_engine);
        let instance = linker.instantiate_and_start(&mut store, &self.wasm_module).unwrap();
        if wide {
            let f = instance.get_typed_func::<i32, i64>(&store, export).unwrap();
            f.call(&mut store, arg as i32).unwrap() as u64
        } else {
            let f = instance.get_typed_func::<i32, i32>(&store, export).unwrap();
            f.call(&mut store, arg as i32).unwrap() as u32 as u64
        }
    }
}

type Native<'a> = Box<dyn FnMut(u32) -> u64 + 'a>;

fn execution(e: &Engines) {
    let mut sieve = vec![0u8; 1 << 20];
    let cases: Vec<(&str, u32, Native, bool)> = vec![
        (
            "prime_sieve",
            1 << 20,
            Box::new(|n| bench_kernels::prime_sieve(&mut sieve[..n as usize]) as u64),
            false,
        ),
        ("hash_loop", 200_000, Box::new(bench_kernels::hash_loop), true),
        ("emulator", 1_000_000, Box::new(|n| bench_kernels::emulator(n) as u64), false),
        ("memcpy_alloc", 2_000, Box::new(|n| bench_kernels::memcpy_alloc(n) as u64), false),
    ];
    println!("| kernel | native (µs) | recompiler, gas | recompiler, no gas | interpreter, gas | wasmi 2 (no fuel) | recompiler vs wasmi |");
    println!("|---|---|---|---|---|---|---|");
    for (name, arg, mut native, wide) in cases {
        let mask = if wide { u64::MAX } else { u32::MAX as u64 };
        let expected = native(arg);
        assert_eq!(e.interp(name, arg) & mask, expected, "{name}: interpreter");
        assert_eq!(e.recomp(&e.recomp, name, arg) & mask, expected, "{name}: recompiler");
        assert_eq!(
            e.recomp(&e.recomp_nogas, name, arg) & mask,
            expected,
            "{name}: recompiler without gas"
        );
        assert_eq!(e.wasmi(name, arg, wide), expected, "{name}: wasmi");
        let t_native = median(RUNS, || native(black_box(arg)));
        let t_rec = median(RUNS, || e.recomp(&e.recomp, name, arg));
        let t_rec_nogas = median(RUNS, || e.recomp(&e.recomp_nogas, name, arg));
        let t_int = median(RUNS, || e.interp(name, arg));
        let t_wasmi = median(RUNS, || e.wasmi(name, arg, wide));
        println!(
            "| {name}({arg}) | {} | {} µs ({}) | {} µs ({}) | {} µs ({}) | {} µs ({}) | {:.1}× faster |",
            us(t_native),
            us(t_rec),
            ratio(t_rec, t_native),
            us(t_rec_nogas),
            ratio(t_rec_nogas, t_native),
            us(t_int),
            ratio(t_int, t_native),
            us(t_wasmi),
            ratio(t_wasmi, t_native),
            t_wasmi.as_secs_f64() / t_rec.as_secs_f64()
        );
    }
}

fn preparation(name: &str, blob: &[u8], code_size: usize, wasm: &[u8]) {
    let limits = Limits::default();
    let t_validate = median(51, || Program::from_bytes(blob, &limits).unwrap());
    let program = Arc::new(Program::from_bytes(blob, &limits).unwrap());
    let t_interp = median(51, || InterpretedModule::new(program.clone()));
    let t_recomp = median(51, || RecompiledModule::new(program.clone()).unwrap());
    let engine = wasmi::Engine::default();
    let t_wasmi = median(51, || wasmi::Module::new(&engine, wasm).unwrap());
    let recomp = Arc::new(RecompiledModule::new(program.clone()).unwrap());
    let interp = Arc::new(InterpretedModule::new(program));
    let t_inst_rec = median(51, || recomp.instantiate().unwrap());
    let t_inst_int = median(51, || interp.instantiate());
    let mb = |t: Duration, bytes: usize| bytes as f64 / t.as_secs_f64() / 1e6;
    println!("| {name}: step | time | throughput |");
    println!("|---|---|---|");
    println!(
        "| validate blob ({} bytes; {} bytes of RV32EM code) | {} µs | {:.0} MB/s of code |",
        blob.len(),
        code_size,
        us(t_validate),
        mb(t_validate, code_size)
    );
    println!(
        "| interpreter: pre-decode | {} µs | {:.0} MB/s of code |",
        us(t_interp),
        mb(t_interp, code_size)
    );
    println!(
        "| recompiler: compile ({} bytes of x86-64) | {} µs | {:.0} MB/s of code |",
        recomp.code_size(),
        us(t_recomp),
        mb(t_recomp, code_size)
    );
    println!(
        "| wasmi: `Module::new` ({} bytes of Wasm) | {} µs | {:.0} MB/s of Wasm |",
        wasm.len(),
        us(t_wasmi),
        mb(t_wasmi, wasm.len())
    );
    println!("| interpreter: instantiate | {} µs | |", us(t_inst_int));
    println!(
        "| recompiler: instantiate (a dropped instance's window, refilled) | {} µs | |",
        us(t_inst_rec)
    );
}

fn one_shot_and_calls(blob: &[u8], wasm: &[u8]) {
    let limits = Limits::default();
    let arg = 10_000;
    let t_int = median(RUNS, || {
        let p = Arc::new(Program::from_bytes(blob, &limits).unwrap());
        finished(
            Arc::new(InterpretedModule::new(p))
                .instantiate()
                .call("emulator", &[arg], u64::MAX)
                .unwrap(),
            "",
        )
    });
    let t_rec = median(RUNS, || {
        let p = Arc::new(Program::from_bytes(blob, &limits).unwrap());
        let m = Arc::new(RecompiledModule::new(p).unwrap());
        finished(m.instantiate().unwrap().call("emulator", &[arg], u64::MAX).unwrap(), "")
    });
    let engine = wasmi::Engine::default();
    let t_wasmi = median(RUNS, || {
        let module = wasmi::Module::new(&engine, wasm).unwrap();
        let mut store = wasmi::Store::new(&engine, ());
        let instance =
            wasmi::Linker::<()>::new(&engine).instantiate_and_start(&mut store, &module).unwrap();
        instance
            .get_typed_func::<i32, i32>(&store, "emulator")
            .unwrap()
            .call(&mut store, arg as i32)
            .unwrap()
    });
    println!("| one shot: validate/prepare + instantiate + `emulator({arg})` | time |");
    println!("|---|---|");
    println!("| interpreter | {} µs |", us(t_int));
    println!("| recompiler | {} µs |", us(t_rec));
    println!("| wasmi | {} µs |", us(t_wasmi));
    println!();
    // Per-call overhead: a trivial export on a live instance.
    let p = Arc::new(Program::from_bytes(blob, &limits).unwrap());
    let mut int = Arc::new(InterpretedModule::new(p.clone())).instantiate();
    let mut rec = Arc::new(RecompiledModule::new(p).unwrap()).instantiate().unwrap();
    let module = wasmi::Module::new(&engine, wasm).unwrap();
    let mut store = wasmi::Store::new(&engine, ());
    let instance =
        wasmi::Linker::<()>::new(&engine).instantiate_and_start(&mut store, &module).unwrap();
    let noop = instance.get_typed_func::<(), i32>(&store, "noop").unwrap();
    let t_int = per_iteration(21, 10_000, || {
        black_box(int.call("noop", &[], 1000).unwrap());
    });
    let t_rec = per_iteration(21, 10_000, || {
        black_box(rec.call("noop", &[], 1000).unwrap());
    });
    let t_wasmi = per_iteration(21, 10_000, || {
        black_box(noop.call(&mut store, ()).unwrap());
    });
    let ns = |d: Duration| format!("{:.0} ns", d.as_secs_f64() * 1e9);
    println!("| per-call overhead (`noop` on a live instance) | time |");
    println!("|---|---|");
    println!("| interpreter | {} |", ns(t_int));
    println!("| recompiler | {} |", ns(t_rec));
    println!("| wasmi | {} |", ns(t_wasmi));
}

/// Interpreter and recompiler time per instruction for loops of 64 copies of one
/// instruction: the measurement behind the gas cost table.
fn cost_table() {
    println!("| instruction | interpreter ns / instruction | recompiler ns / instruction |");
    println!("|---|---|---|");
    for op in ["add", "mul", "mulh", "div", "divu", "rem", "lw", "sw"] {
        let body = match op {
            "lw" => "lw a2, 0(a3)".to_string(),
            "sw" => "sw a2, 0(a3)".to_string(),
            _ => format!("{op} a2, a2, a1"),
        };
        let code = format!(
            "li a3, 0x30000\nli a4, 10000\nloop:\n{}addi a4, a4, -1\nbnez a4, loop\nret\n",
            format!("{body}\n").repeat(64)
        );
        let layout = MemoryLayout {
            ro_base: 0x20000,
            ro_size: 0,
            rw_base: 0x30000,
            rw_size: 0x1000,
            stack_size: 0x1000,
        };
        let parts = program_parts(&code, 0x10000, layout).unwrap();
        let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap());
        let int = Arc::new(InterpretedModule::new(program.clone()));
        let rec = Arc::new(RecompiledModule::new(program).unwrap());
        let args = [0x1234_5678, 0x1357, 0x7654_3210];
        let t_int = median(RUNS, || int.instantiate().call("main", &args, u64::MAX).unwrap());
        let mut inst = rec.instantiate().unwrap();
        let t_rec = median(RUNS, || inst.call("main", &args, u64::MAX).unwrap());
        let per = |t: Duration| t.as_secs_f64() * 1e9 / (64.0 * 10_000.0);
        println!("| {op} | {:.2} | {:.3} |", per(t_int), per(t_rec));
    }
}

fn sizes() {
    println!("| program | ELF .text RV32EM | ELF .text RV32EMC | blob (from RV32EMC) | Wasm |");
    println!("|---|---|---|---|---|");
    for profile in ["release", "size"] {
        let (_, em_text) = guest_blob_profile("bench-guest", GuestTarget::Rv32em, profile);
        let (blob, emc_text) = guest_blob_profile("bench-guest", GuestTarget::Rv32emc, profile);
        let wasm = wasm_guest(profile);
        let opt = if profile == "size" { "-Oz" } else { "-O3" };
        println!(
            "| bench kernels, {opt} | {em_text} | {emc_text} | {} | {} |",
            blob.len(),
            wasm.len()
        );
    }
}

/// Compile time of a program that is 1 MB of branches, and of one huge basic block:
/// linear-time compilation means the MB/s stay in the same range.
fn compile_scaling() {
    println!("| program | RV32EM code | compile time | throughput |");
    println!("|---|---|---|---|");
    for (name, body, count) in [
        ("1 MB of branches", "beq a0, a1, next\nnext:\n", 1 << 18),
        ("one basic block of 256 K adds", "add a0, a0, a1\n", 1 << 18),
    ] {
        let mut src = String::new();
        for i in 0..count {
            src.push_str(&body.replace("next", &format!("n{i}")));
        }
        src.push_str("ret\n");
        let layout =
            MemoryLayout { ro_base: 0, ro_size: 0, rw_base: 0, rw_size: 0, stack_size: 0x1000 };
        let parts = program_parts(&src, 0x10000, layout).unwrap();
        let size = parts.code_size() as usize;
        let limits = Limits { max_code_size: 4 << 20, ..Limits::default() };
        let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &limits).unwrap());
        let start = Instant::now();
        let m = RecompiledModule::new(program.clone()).unwrap();
        let once = start.elapsed();
        black_box(m);
        let t = median(5, || RecompiledModule::new(program.clone()).unwrap()).min(once);
        println!(
            "| {name} | {size} bytes | {} µs | {:.0} MB/s |",
            us(t),
            size as f64 / t.as_secs_f64() / 1e6
        );
    }
}

/// What a frame's memory costs the client at worst: a program that declares the most
/// memory the limits allow (16 MiB mapped: read-write data and a 1 MiB stack) and writes
/// one word to every page of it, instantiated afresh each time, beside its gas; per page,
/// what the pallet's `Memory` charge must cover (BENCHMARKS.md, "The cost of memory").
fn memory() {
    let limits = Limits::default();
    let stack = limits.max_stack;
    let rw = limits.max_memory - stack;
    let (rw_base, stack_base) = (0x20000u32, 0xffff_0000u32 - stack);
    let layout = MemoryLayout { ro_base: 0, ro_size: 0, rw_base, rw_size: rw, stack_size: stack };
    let src = format!(
        "{}{}ret\n",
        touch_pages("data", rw_base, rw_base + rw),
        touch_pages("stack", stack_base, 0xffff_0000)
    );
    let parts = program_parts(&src, 0x10000, layout).unwrap();
    let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &limits).unwrap());
    let pages = program.layout().mapped_bytes() / 4096;
    let recompiled = Arc::new(RecompiledModule::new(program.clone()).unwrap());
    let interpreted = Arc::new(InterpretedModule::new(program));
    let mut gas = 0;
    let t_rec = median(15, || {
        let mut instance = recompiled.instantiate().unwrap();
        let exit = instance.call("main", &[1], u64::MAX).unwrap();
        gas = u64::MAX - exit.gas_left;
        finished(exit, "recompiler")
    });
    let t_int = median(15, || {
        let exit = interpreted.instantiate().call("main", &[1], u64::MAX).unwrap();
        finished(exit, "interpreter")
    });
    println!("| {pages} pages, each written once ({gas} gas) | time | per page |");
    println!("|---|---|---|");
    for (engine, t) in [("recompiler", t_rec), ("interpreter", t_int)] {
        let per_page = t.as_secs_f64() * 1e9 / pages as f64;
        println!("| {engine}: instantiate + run | {} µs | {per_page:.0} ns |", us(t));
    }
}

/// What a fresh instance window costs: a program with the least memory (a page of data,
/// a page of stack) instantiated while its module has no spare window, so that each
/// instance reserves its 4 GiB window, maps its context and regions, and (past the
/// spares a module keeps) unmaps it when dropped. 64 instances at a time, held together
/// as nested frames and different contracts hold theirs; the module's spare windows are
/// taken out before each batch, untimed.
fn fresh_window() {
    const BATCH: u32 = 64;
    let layout =
        MemoryLayout { ro_base: 0, ro_size: 0, rw_base: 0x20000, rw_size: 4096, stack_size: 4096 };
    let parts = program_parts("ret\n", 0x10000, layout).unwrap();
    let limits = Limits::default();
    let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &limits).unwrap());
    let module = Arc::new(RecompiledModule::new(program.clone()).unwrap());
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            // Empty the module's spares (instances made now keep them until dropped).
            let spares: Vec<_> = (0..8).map(|_| module.instantiate().unwrap()).collect();
            let start = Instant::now();
            let held: Vec<_> = (0..BATCH).map(|_| module.instantiate().unwrap()).collect();
            drop(black_box(held));
            let t = start.elapsed();
            drop(spares);
            t / BATCH
        })
        .collect();
    times.sort();
    let reused = per_iteration(15, 1000, || drop(black_box(module.instantiate().unwrap())));
    let interpreted = Arc::new(InterpretedModule::new(program));
    let int = per_iteration(15, 1000, || drop(black_box(interpreted.instantiate())));
    println!("| instance of the smallest program (2 pages) | time |");
    println!("|---|---|");
    println!("| recompiler: a fresh window (reserve, map, unmap) | {} µs |", us(times[7]));
    println!("| recompiler: a spare window (refill) | {} µs |", us(reused));
    println!("| interpreter | {} µs |", us(int));
}

/// What a call costs the client when its code is not compiled yet — validating the blob,
/// then compiling it (recompiler) or pre-decoding it (interpreter), then instantiating —
/// for blobs of the largest size the dev runtime accepts (`MaxCodeLen`, 256 KiB), made of
/// instructions that are expensive to prepare; beside what the pallet charges every call
/// for its code (`CodeLoad`: two database reads, 7.0 µs each on the dev runtime's
/// ParityDB weights, and `CODE_LOAD_PS_PER_BYTE`, 30 ns, per blob byte).
fn cache_miss() {
    const MAX_CODE_LEN: usize = 256 * 1024;
    println!("| blob (256 KiB) | recompiler: validate + compile + instantiate | interpreter: validate + pre-decode + instantiate | `CodeLoad` charge | charge / recompiler | charge / interpreter |");
    println!("|---|---|---|---|---|---|");
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: 0x10_0000,
        rw_size: 0x1000,
        stack_size: 0x1000,
    };
    let build = |body: &str, count: usize| {
        let mut src = String::new();
        for i in 0..count {
            src.push_str(&body.replace("next", &format!("n{i}")));
        }
        src.push_str("ret\n");
        program_parts(&src, 0x10000, layout).unwrap().to_bytes()
    };
    for (name, body) in [
        ("branches", "beq a0, a1, next\nnext:\n"),
        ("loads and stores", "lw a2, 0(sp)\nsw a2, 4(sp)\n"),
        ("multiplies and divides", "mul a2, a0, a1\ndivu a3, a2, a1\n"),
    ] {
        let per = build(body, 1024).len() as f64 / 1024.0;
        let blob = build(body, (MAX_CODE_LEN as f64 / per) as usize - 16);
        assert!(blob.len() <= MAX_CODE_LEN, "{name}: {} bytes", blob.len());
        let limits = Limits::default();
        let prepare_rec = || {
            let program = Arc::new(Program::from_bytes(&blob, &limits).unwrap());
            Arc::new(RecompiledModule::new(program).unwrap()).instantiate().unwrap()
        };
        let prepare_int = || {
            let program = Arc::new(Program::from_bytes(&blob, &limits).unwrap());
            Arc::new(InterpretedModule::new(program)).instantiate()
        };
        let t_rec = median(5, prepare_rec);
        let t_int = median(5, prepare_int);
        let charge = Duration::from_nanos(2 * 6_967 + 30 * blob.len() as u64);
        println!(
            "| {name}, {} bytes | {} µs | {} µs | {} µs | {:.2} | {:.2} |",
            blob.len(),
            us(t_rec),
            us(t_int),
            us(charge),
            charge.as_secs_f64() / t_rec.as_secs_f64(),
            charge.as_secs_f64() / t_int.as_secs_f64(),
        );
    }
}

/// Compile time of the bench guest (all kernels and real programs), 400 times: the best
/// (what the compiler costs when nothing else disturbs it) and the median; then
/// validation and compilation together, with the page faults they take.
fn compile_only() {
    let (blob, code_size) = guest_blob("bench-guest", GuestTarget::Rv32em);
    let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
    let mut times: Vec<Duration> = (0..400)
        .map(|_| {
            let start = Instant::now();
            black_box(RecompiledModule::new(program.clone()).unwrap());
            start.elapsed()
        })
        .collect();
    times.sort();
    let mb = |t: Duration| code_size as f64 / t.as_secs_f64() / 1e6;
    let code = RecompiledModule::new(program).unwrap().code_size();
    println!(
        "| bench guest, {code_size} bytes of RV32EM → {code} bytes of x86-64 | time | throughput |"
    );
    println!("|---|---|---|");
    println!("| best of 400 | {} µs | {:.0} MB/s |", us(times[0]), mb(times[0]));
    println!("| median of 400 | {} µs | {:.0} MB/s |", us(times[200]), mb(times[200]));
    // What a module-cache miss does: validate the blob and compile it, then (later) drop
    // the module; the allocator hands back and reuses memory as a node's would.
    let faults_before = minor_faults();
    let mut times: Vec<Duration> = (0..400)
        .map(|_| {
            let start = Instant::now();
            let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
            black_box(RecompiledModule::new(program).unwrap());
            start.elapsed()
        })
        .collect();
    let faults = (minor_faults() - faults_before) / 400;
    times.sort();
    println!(
        "| validate + compile, median of 400 | {} µs | {:.0} MB/s; {faults} page faults each |",
        us(times[200]),
        mb(times[200])
    );
}

/// The process's minor page faults so far (`/proc/self/stat`, field 10).
fn minor_faults() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux");
    // The command name (field 2) is parenthesised and may hold spaces: count after it.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    rest.split(' ').nth(7).and_then(|f| f.parse().ok()).expect("field 10 is minflt")
}

fn main() {
    if std::env::args().any(|a| a == "memory") {
        memory();
        println!();
        fresh_window();
        return;
    }
    if std::env::args().any(|a| a == "cache-miss") {
        cache_miss();
        return;
    }
    if std::env::args().any(|a| a == "compile") {
        compile_only();
        return;
    }
    let (blob, code_size) = guest_blob("bench-guest", GuestTarget::Rv32em);
    let wasm = wasm_guest("release");
    let engines = Engines::new(&blob, &wasm);
    println!("## Execution (bench-guest; ratios to native in parentheses)\n");
    execution(&engines);
    println!("\n## Preparation\n");
    preparation("bench-guest", &blob, code_size, &wasm);
    let (test_blob, test_code) = guest_blob("test-guest", GuestTarget::Rv32em);
    println!();
    preparation("test-guest", &test_blob, test_code, &wasm);
    println!("\n## One-shot and per-call costs\n");
    one_shot_and_calls(&blob, &wasm);
    println!("\n## Compile-time scaling\n");
    compile_scaling();
    println!("\n## The cost of a cache miss\n");
    cache_miss();
    println!("\n## Cost table measurement (loops of 64 × one instruction)\n");
    cost_table();
    println!("\n## Code size (bytes)\n");
    sizes();
}
