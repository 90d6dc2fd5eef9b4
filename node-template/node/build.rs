//! Builds the runtime to Wasm (`rivet_toolchain::runtime_wasm`) and puts it where
//! `src/chain_spec.rs` includes it from; a node built with `runtime-benchmarks` gets a
//! runtime with the `Benchmark` API.

use std::path::Path;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/Cargo.toml");
    let features: &[&str] = if std::env::var_os("CARGO_FEATURE_RUNTIME_BENCHMARKS").is_some() {
        &["runtime-benchmarks"]
    } else {
        &[]
    };
    let wasm = rivet_toolchain::runtime_wasm(&manifest, "rivet_runtime", features)
        .unwrap_or_else(|e| panic!("building the runtime to Wasm: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("rivet_runtime.wasm");
    std::fs::write(&out, wasm).expect("OUT_DIR is writable");
    for dir in [
        "../runtime/src",
        "../../pallet-riscv-contracts/src",
        "../../runtime-interface/src",
        "../../executor/src",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
