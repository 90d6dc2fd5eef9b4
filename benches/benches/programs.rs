//! Real programs nobody here wrote — RustCrypto's SHA-256, Keccak-256 and BLAKE2b,
//! `k256` ECDSA verification, a `parity-scale-codec` round trip — built
//! unmodified for native, RV32EM (`-O3` and the `-Oz` that contracts ship) and Wasm, on
//! every engine in one run; with `--features wasmtime`, Wasmtime (Cranelift) too, and
//! with `--features polkavm`, PolkaVM 0.37's recompiler and interpreter on the same
//! source built for its own target (`benches/polkavm-guest`; 64-bit, and 32-bit for one
//! row).
//!
//! Execution is measured interleaved: each iteration runs native, then every engine
//! once (instantiate + call), and the figure reported is the median over iterations of
//! each engine's time divided by that iteration's native time, so that a noisy
//! neighbour slows both sides of a ratio alike. Run:
//! `cargo bench -p rivet-benches --bench programs`; `-- <kernel>…` runs only those
//! kernels, `--engines=<prefix>,…` only the engines whose names start so (`interp`),
//! `--execution` only the execution table.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rivet_benches::{finished, guest_blob_profile, median, us, wasm_guest};
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{Instance, InterpretedModule, Limits, Program};
use rivet_toolchain::GuestTarget;

/// Interleaved iterations per kernel.
const ITERATIONS: usize = 15;

/// A kernel: export name, argument, native implementation.
struct Kernel {
    name: &'static str,
    arg: u32,
    native: fn(u32) -> u32,
}

const KERNELS: &[Kernel] = &[
    Kernel { name: "sha256", arg: 64, native: bench_kernels::sha256 },
    Kernel { name: "keccak256", arg: 64, native: bench_kernels::keccak256 },
    Kernel { name: "blake2b", arg: 64, native: bench_kernels::blake2b },
    Kernel { name: "ecdsa_verify", arg: 4, native: bench_kernels::ecdsa_verify },
    Kernel { name: "scale_codec", arg: 400, native: bench_kernels::scale_codec },
];

/// One way of running a kernel.
enum Engine {
    Rivet {
        interp: Option<Arc<InterpretedModule>>,
        recomp: Option<Arc<RecompiledModule>>,
    },
    Wasmi {
        engine: wasmi::Engine,
        module: wasmi::Module,
    },
    #[cfg(feature = "wasmtime")]
    Wasmtime {
        engine: wasmtime::Engine,
        module: wasmtime::Module,
        fuel: bool,
    },
    #[cfg(feature = "polkavm")]
    PolkaVm {
        pre: polkavm::InstancePre<()>,
        gas: bool,
    },
}

/// PolkaVM's engine for `backend` (one per process: it owns the sandbox workers).
#[cfg(feature = "polkavm")]
fn polkavm_engine(backend: polkavm::BackendKind) -> &'static polkavm::Engine {
    use std::sync::OnceLock;
    static COMPILER: OnceLock<polkavm::Engine> = OnceLock::new();
    static INTERPRETER: OnceLock<polkavm::Engine> = OnceLock::new();
    let cell = match backend {
        polkavm::BackendKind::Compiler => &COMPILER,
        polkavm::BackendKind::Interpreter => &INTERPRETER,
    };
    cell.get_or_init(|| {
        let mut config = polkavm::Config::new();
        config.set_backend(Some(backend));
        polkavm::Engine::new(&config).unwrap_or_else(|e| panic!("PolkaVM {backend:?}: {e}"))
    })
}

impl Engine {
    fn interpreter(blob: &[u8]) -> Engine {
        let program = Arc::new(Program::from_bytes(blob, &Limits::default()).unwrap());
        Engine::Rivet { interp: Some(Arc::new(InterpretedModule::new(program))), recomp: None }
    }

    fn recompiler(blob: &[u8], gas: bool) -> Engine {
        let program = Arc::new(Program::from_bytes(blob, &Limits::default()).unwrap());
        let module = RecompiledModule::with_metering(program, gas).unwrap();
        Engine::Rivet { interp: None, recomp: Some(Arc::new(module)) }
    }

    fn wasmi(wasm: &[u8]) -> Engine {
        let engine = wasmi::Engine::default();
        let module = wasmi::Module::new(&engine, wasm).unwrap();
        Engine::Wasmi { engine, module }
    }

    #[cfg(feature = "wasmtime")]
    fn wasmtime(wasm: &[u8], fuel: bool) -> Engine {
        let mut config = wasmtime::Config::new();
        config.consume_fuel(fuel);
        let engine = wasmtime::Engine::new(&config).unwrap();
        let module = wasmtime::Module::new(&engine, wasm).unwrap();
        Engine::Wasmtime { engine, module, fuel }
    }

    #[cfg(feature = "polkavm")]
    fn polkavm(blob: &[u8], backend: polkavm::BackendKind, gas: bool) -> Engine {
        let mut config = polkavm::ModuleConfig::new();
        config.set_gas_metering(gas.then_some(polkavm::GasMeteringKind::Sync));
        let module = polkavm::Module::new(polkavm_engine(backend), &config, blob.into()).unwrap();
        let pre = polkavm::Linker::new().instantiate_pre(&module).unwrap();
        Engine::PolkaVm { pre, gas }
    }

    /// Instantiates and calls `export(arg)`; the 32-bit result.
    fn run(&self, export: &str, arg: u32) -> u32 {
        match self {
            Engine::Rivet { interp: Some(m), .. } => {
                finished(m.instantiate().call(export, &[arg], u64::MAX).unwrap(), export) as u32
            }
            Engine::Rivet { recomp: Some(m), .. } => {
                let exit = m.instantiate().unwrap().call(export, &[arg], u64::MAX).unwrap();
                finished(exit, export) as u32
            }
            Engine::Rivet { .. } => unreachable!("an engine has a module"),
            Engine::Wasmi { engine, module } => {
                let mut store = wasmi::Store::new(engine, ());
                let linker = wasmi::Linker::<()>::new(engine);
                let instance = linker.instantiate_and_start(&mut store, module).unwrap();
                let f = instance.get_typed_func::<i32, i32>(&store, export).unwrap();
                f.call(&mut store, arg as i32).unwrap() as u32
            }
            #[cfg(feature = "wasmtime")]
            Engine::Wasmtime { engine, module, fuel } => {
                let mut store = wasmtime::Store::new(engine, ());
                if *fuel {
                    store.set_fuel(u64::MAX).unwrap();
                }
                let instance = wasmtime::Instance::new(&mut store, module, &[]).unwrap();
                let f = instance.get_typed_func::<i32, i32>(&mut store, export).unwrap();
                f.call(&mut store, arg as i32).unwrap() as u32
            }
            #[cfg(feature = "polkavm")]
            Engine::PolkaVm { pre, gas } => {
                let mut instance = pre.instantiate().unwrap();
                if *gas {
                    instance.set_gas(polkavm::Gas::MAX);
                }
                instance.call_typed_and_get_result::<u32, (u32,)>(&mut (), export, (arg,)).unwrap()
            }
        }
    }
}

/// What an engine is made from, to time preparation and one-shot runs.
#[derive(Clone, Copy)]
enum Source<'a> {
    Interpreter(&'a [u8]),
    Recompiler(&'a [u8], bool),
    Wasmi(&'a [u8]),
    #[cfg(feature = "wasmtime")]
    Wasmtime(&'a [u8], bool),
    #[cfg(feature = "polkavm")]
    PolkaVm(&'a [u8], polkavm::BackendKind, bool),
}

impl Source<'_> {
    fn prepare(self) -> Engine {
        match self {
            Source::Interpreter(blob) => Engine::interpreter(blob),
            Source::Recompiler(blob, gas) => Engine::recompiler(blob, gas),
            Source::Wasmi(wasm) => Engine::wasmi(wasm),
            #[cfg(feature = "wasmtime")]
            Source::Wasmtime(wasm, fuel) => Engine::wasmtime(wasm, fuel),
            #[cfg(feature = "polkavm")]
            Source::PolkaVm(blob, backend, gas) => Engine::polkavm(blob, backend, gas),
        }
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = black_box(f());
    (start.elapsed(), out)
}

fn median_f64(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let engine_filter: Vec<String> = std::env::args()
        .filter_map(|a| {
            a.strip_prefix("--engines=").map(|e| e.split(',').map(String::from).collect::<Vec<_>>())
        })
        .flatten()
        .collect();
    let (o3, o3_code) = guest_blob_profile("bench-guest", GuestTarget::Rv32em, "release");
    let (oz, oz_code) = guest_blob_profile("bench-guest", GuestTarget::Rv32em, "size");
    let wasm_o3 = wasm_guest("release");
    let wasm_oz = wasm_guest("size");
    #[cfg(feature = "polkavm")]
    let (pvm_o3, pvm_oz, pvm32) = (
        rivet_benches::polkavm_guest("release", true),
        rivet_benches::polkavm_guest("size", true),
        rivet_benches::polkavm_guest("release", false),
    );
    #[allow(unused_mut, reason = "wasmtime's and PolkaVM's rows come with their features")]
    let mut sources: Vec<(&str, Source)> = vec![
        ("recompiler, gas", Source::Recompiler(&o3, true)),
        ("recompiler, no gas", Source::Recompiler(&o3, false)),
        ("recompiler, gas, -Oz", Source::Recompiler(&oz, true)),
        ("interpreter", Source::Interpreter(&o3)),
        ("interpreter, -Oz", Source::Interpreter(&oz)),
        ("wasmi 2", Source::Wasmi(&wasm_o3)),
        ("wasmi 2, -Oz", Source::Wasmi(&wasm_oz)),
    ];
    #[cfg(feature = "wasmtime")]
    sources.extend([
        ("wasmtime", Source::Wasmtime(&wasm_o3, false)),
        ("wasmtime, fuel", Source::Wasmtime(&wasm_o3, true)),
    ]);
    #[cfg(feature = "polkavm")]
    {
        use polkavm::BackendKind::{Compiler, Interpreter};
        sources.extend([
            ("polkavm, gas", Source::PolkaVm(&pvm_o3, Compiler, true)),
            ("polkavm, no gas", Source::PolkaVm(&pvm_o3, Compiler, false)),
            ("polkavm, gas, -Oz", Source::PolkaVm(&pvm_oz, Compiler, true)),
            ("polkavm interpreter", Source::PolkaVm(&pvm_o3, Interpreter, true)),
            // The same ISA width as Rivet's: what is left is the translation (and Zbb).
            ("polkavm 32-bit, gas", Source::PolkaVm(&pvm32, Compiler, true)),
        ]);
    }
    let sources: Vec<_> = sources
        .into_iter()
        .filter(|(name, _)| {
            engine_filter.is_empty() || engine_filter.iter().any(|f| name.starts_with(f.as_str()))
        })
        .collect();
    let execution_only = std::env::args().any(|a| a == "--execution");
    let engines: Vec<Engine> = sources.iter().map(|(_, s)| s.prepare()).collect();
    println!(
        "RV32EM code: {o3_code} bytes at -O3, {oz_code} at -Oz; Wasm: {} and {} bytes.\n",
        wasm_o3.len(),
        wasm_oz.len()
    );
    print!("| program | native |");
    for (name, _) in &sources {
        print!(" {name} |");
    }
    println!();
    println!("|---|---|{}", "---|".repeat(sources.len()));
    let mut one_shot_rows = Vec::new();
    for k in KERNELS.iter().filter(|k| only.is_empty() || only.iter().any(|o| o == k.name)) {
        let expected = (k.native)(k.arg);
        for ((name, _), e) in sources.iter().zip(&engines) {
            assert_eq!(e.run(k.name, k.arg), expected, "{}: {name}", k.name);
        }
        let mut native = Vec::new();
        let mut ratios = vec![Vec::new(); engines.len()];
        for _ in 0..ITERATIONS {
            let (t_native, _) = time(|| (k.native)(black_box(k.arg)));
            native.push(t_native);
            for (r, e) in ratios.iter_mut().zip(&engines) {
                let (t, _) = time(|| e.run(k.name, black_box(k.arg)));
                r.push(t.as_secs_f64() / t_native.as_secs_f64());
            }
        }
        native.sort();
        let t_native = native[native.len() / 2];
        print!("| {}({}) | {} µs |", k.name, k.arg, us(t_native));
        for r in ratios {
            print!(" {:.2}× |", median_f64(r));
        }
        println!();
        if execution_only {
            continue;
        }
        // One shot: prepare from the blob, instantiate, run once.
        let mut row = format!("| {}({}) |", k.name, k.arg);
        for (_, s) in &sources {
            let t = median(7, || s.prepare().run(k.name, k.arg));
            row += &format!(" {:.2}× |", t.as_secs_f64() / t_native.as_secs_f64());
        }
        one_shot_rows.push(row);
    }
    if execution_only {
        return;
    }
    println!("\nOne shot (prepare from the blob + instantiate + one call), × native:\n");
    print!("| program |");
    for (name, _) in &sources {
        print!(" {name} |");
    }
    println!();
    println!("|---|{}", "---|".repeat(sources.len()));
    for row in one_shot_rows {
        println!("{row}");
    }
    println!("\nPreparation (validate + compile, validate + pre-decode, `Module::new`):\n");
    println!("| engine | time | code |");
    println!("|---|---|---|");
    for (name, s) in &sources {
        let (bytes, what) = match s {
            Source::Interpreter(b) | Source::Recompiler(b, _) => {
                let code = if b.as_ptr() == o3.as_ptr() { o3_code } else { oz_code };
                (code, "bytes of RV32EM code")
            }
            Source::Wasmi(w) => (w.len(), "bytes of Wasm"),
            #[cfg(feature = "wasmtime")]
            Source::Wasmtime(w, _) => (w.len(), "bytes of Wasm"),
            #[cfg(feature = "polkavm")]
            Source::PolkaVm(b, ..) => {
                let blob = polkavm::ProgramBlob::parse(b.to_vec().into()).unwrap();
                (blob.code().len(), "bytes of PolkaVM code")
            }
        };
        let t = median(31, || s.prepare());
        println!(
            "| {name} | {} µs | {bytes} {what}, {:.0} MB/s |",
            us(t),
            bytes as f64 / t.as_secs_f64() / 1e6
        );
    }
}
