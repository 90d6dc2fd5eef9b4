//! Runs the pallet's `frame-benchmarking` benchmarks on the mock runtime and fits each
//! to `base + slope × component` by least squares over the medians of repeated runs;
//! prints the table, and with `--write` writes `src/weights.rs` from it.
//!
//! ```sh
//! cargo bench -p pallet-riscv-contracts --features runtime-benchmarks --bench weights [-- --write]
//! ```
//!
//! The extrinsics and host functions are measured on the interpreter compiled into the
//! runtime (the engine every node can run, so the weights hold for all of them); the
//! weight of VM gas is measured on every engine. Timing is native (not in Wasm) and the
//! mock's database is in memory, so database accesses are added from the runtime's
//! `DbWeight` by the generated functions, as FRAME's weights do.

#[allow(dead_code, reason = "the tests use more of the mock than the benchmarks do")]
mod mock {
    include!("../src/mock.rs");
}

use frame_benchmarking::{BenchmarkParameter, Benchmarking};
use mock::{new_test_ext, Test, TestEngine, ENGINES};
use pallet_riscv_contracts::benchmarking::benchmarks::time_benchmark;
use pallet_riscv_contracts::Pallet;

/// Component values per benchmark (evenly spaced, both ends included).
const STEPS: u32 = 5;
/// Runs per component value; the median counts.
const REPEATS: u32 = 9;

/// A fitted benchmark: picoseconds at component 0 and per unit of component.
struct Fit {
    name: String,
    component: Option<String>,
    base_ps: u64,
    slope_ps: u64,
}

/// Median extrinsic time (ns) at each component value.
fn measure(
    engine: TestEngine,
    name: &[u8],
    range: Option<(BenchmarkParameter, u32, u32)>,
) -> Vec<(u32, f64)> {
    let values: Vec<u32> = match range {
        Some((_, low, high)) => (0..STEPS).map(|i| low + (high - low) * i / (STEPS - 1)).collect(),
        None => vec![0],
    };
    values
        .into_iter()
        .map(|v| {
            let selected: Vec<_> = range.map(|(param, _, _)| (param, v)).into_iter().collect();
            let mut times: Vec<u128> = (0..REPEATS)
                .map(|_| {
                    new_test_ext(engine).execute_with(|| {
                        let name = String::from_utf8_lossy(name);
                        time_benchmark::<Test>(&name, &selected)
                            .unwrap_or_else(|e| panic!("{name}: {e:?}"))
                    })
                })
                .collect();
            times.sort_unstable();
            (v, times[times.len() / 2] as f64)
        })
        .collect()
}

/// Least squares `y = a + b x`, clamped at zero (time does not shrink with work).
fn fit(points: &[(u32, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    if points.len() < 2 {
        return (points[0].1, 0.0);
    }
    let mx = points.iter().map(|p| p.0 as f64).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 as f64 - mx) * (p.1 - my)).sum();
    let sxx: f64 = points.iter().map(|p| (p.0 as f64 - mx).powi(2)).sum();
    let b = if sxx == 0.0 { 0.0 } else { (sxy / sxx).max(0.0) };
    ((my - b * mx).max(0.0), b)
}

fn run(engine: TestEngine, meta: &frame_benchmarking::BenchmarkMetadata) -> Fit {
    let range = meta.components.first().copied();
    let points = measure(engine, &meta.name, range);
    let (a, b) = fit(&points);
    Fit {
        name: String::from_utf8_lossy(&meta.name).into_owned(),
        component: range.map(|(param, _, _)| format!("{param:?}")),
        base_ps: (a * 1000.0) as u64,
        slope_ps: (b * 1000.0) as u64,
    }
}

/// The generated `weights.rs`.
fn weights_rs(fits: &[Fit], command: &str) -> String {
    let f = |name: &str| fits.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
    let mut out = String::new();
    out.push_str(&format!(
        "//! Weights of the extrinsics, besides the gas their contracts use (which the gas\n\
         //! limit pays for), and of VM gas and host functions, measured with the pallet's\n\
         //! `frame-benchmarking` benchmarks (`benchmarking.rs`) by `benches/weights.rs`:\n\
         //!\n\
         //! ```sh\n//! {command}\n//! ```\n\
         //!\n\
         //! GENERATED; do not edit by hand. Times are native on the in-runtime interpreter\n\
         //! (the engine every node can run); database accesses are added from the\n\
         //! runtime's `DbWeight`.\n\n\
         use core::marker::PhantomData;\n\n\
         use frame_support::traits::Get;\n\
         use frame_support::weights::Weight;\n\n"
    ));
    // (name, args, db reads, db writes, proof size)
    let shapes: [(&str, &str, u64, u64, u64); 12] = [
        ("upload_code", "c", 2, 3, 1_000),
        ("remove_code", "", 2, 3, 1_000),
        ("instantiate", "i", 5, 5, 10_000),
        ("call", "i", 4, 2, 10_000),
        ("vm_gas", "r", 0, 0, 0),
        ("seal_set_storage", "r", 0, 0, 0),
        ("seal_hash_blake2_256", "r", 0, 0, 0),
        ("seal_deposit_event", "r", 0, 0, 0),
        ("seal_ecdsa_recover", "r", 0, 0, 0),
        ("seal_ecdsa_to_eth_address", "r", 0, 0, 0),
        ("seal_sr25519_verify", "r", 0, 0, 0),
        ("instantiate_with_code", "c, i", 0, 0, 0),
    ];
    out.push_str("/// Weight functions of the pallet.\npub trait WeightInfo {\n");
    for (name, args, ..) in shapes {
        let params: Vec<String> =
            args.split(", ").filter(|a| !a.is_empty()).map(|a| format!("{a}: u32")).collect();
        out.push_str(&format!(
            "    /// `{name}`.\n    fn {name}({}) -> Weight;\n",
            params.join(", ")
        ));
    }
    out.push_str("}\n\n");
    // The measured times once; the two implementations add database weights or not.
    for (name, args, _, _, proof) in shapes {
        let params: Vec<String> =
            args.split(", ").filter(|a| !a.is_empty()).map(|a| format!("{a}: u32")).collect();
        out.push_str(&format!(
            "/// `{name}`'s measured time.\nfn measured_{name}({}) -> Weight {{\n",
            params.join(", ")
        ));
        if name == "instantiate_with_code" {
            out.push_str(
                "    measured_upload_code(c).saturating_add(measured_instantiate(i))\n}\n\n",
            );
            continue;
        }
        let fit = f(name);
        let mut body = format!("    Weight::from_parts({}, {proof})", fit.base_ps);
        if !args.is_empty() {
            body.push_str(&format!(
                ".saturating_add(Weight::from_parts({}, 0).saturating_mul({args}.into()))",
                fit.slope_ps
            ));
        }
        out.push_str(&format!("{body}\n}}\n\n"));
    }
    out.push_str("/// The measured weights, with the runtime's database weights.\npub struct SubstrateWeight<T>(PhantomData<T>);\n\n");
    for (with_db, header) in [(true, "impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {\n"), (false, "/// For tests: the measured times without database weights.\nimpl WeightInfo for () {\n")] {
        out.push_str(header);
        for (name, args, reads, writes, _) in shapes {
            let params: Vec<String> = args.split(", ").filter(|a| !a.is_empty()).map(|a| format!("{a}: u32")).collect();
            let call_args = args.to_string();
            let db = if with_db && (reads > 0 || writes > 0) {
                format!(".saturating_add(T::DbWeight::get().reads_writes({reads}, {writes}))")
            } else if with_db && name == "instantiate_with_code" {
                ".saturating_add(T::DbWeight::get().reads_writes(7, 8))".to_string()
            } else {
                String::new()
            };
            out.push_str(&format!("    fn {name}({}) -> Weight {{\n        measured_{name}({call_args}){db}\n    }}\n", params.join(", ")));
        }
        out.push_str("}\n\n");
    }
    out.trim_end().to_string() + "\n"
}

fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let metas = <Pallet<Test> as Benchmarking>::benchmarks(false);
    println!("| benchmark | component | base (µs) | per unit (ns) |\n|---|---|---|---|");
    let mut fits = Vec::new();
    for meta in &metas {
        let fit = run(TestEngine::Interpreted, meta);
        println!(
            "| {} | {} | {:.2} | {:.2} |",
            fit.name,
            fit.component.as_deref().unwrap_or("-"),
            fit.base_ps as f64 / 1e6,
            fit.slope_ps as f64 / 1e3
        );
        fits.push(fit);
    }
    // VM gas on every engine: `vm_gas(r)` runs r thousand iterations of a three-
    // instruction block (addi, addi, bnez): 3 gas per iteration, 3,000 per unit of r.
    let vm = metas.iter().find(|m| m.name == b"vm_gas").expect("the vm_gas benchmark");
    println!("\n| engine | ps per VM gas |\n|---|---|");
    for engine in ENGINES {
        let fit = run(engine, vm);
        println!("| {engine:?} | {:.0} |", fit.slope_ps as f64 / 3_000.0);
    }
    if write {
        let command = "cargo bench -p pallet-riscv-contracts --features runtime-benchmarks --bench weights -- --write";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/weights.rs");
        std::fs::write(path, weights_rs(&fits, command)).expect("src/weights.rs is writable");
        let formatted =
            std::process::Command::new("rustfmt").args(["--edition", "2021", path]).status();
        assert!(formatted.is_ok_and(|s| s.success()), "rustfmt {path}");
        println!("\nwrote {path}");
    }
}
