//! Builds a crate to a Substrate runtime Wasm module the way substrate-wasm-builder's
//! output looks to the executor (`--cfg substrate_runtime`, MVP CPU features with
//! `core`/`alloc` rebuilt for them, imported memory, `__heap_base` exported) but without
//! its wasm-opt pass, so no C++ toolchain (binaryen) is needed. For tests and the node.

use std::path::{Path, PathBuf};

use crate::BuildError;

/// The rustflags of a runtime build.
const RUNTIME_FLAGS: [&str; 4] = [
    "--cfg=substrate_runtime",
    "-Ctarget-cpu=mvp",
    "-Clink-arg=--import-memory",
    "-Clink-arg=--export=__heap_base",
];

/// Builds the crate at `manifest` (a `cdylib` with a `std` default feature) for
/// `wasm32-unknown-unknown` without default features but with `features`, in release,
/// and returns the module. `lib_name` is the crate's library name (`rivet_runtime`).
///
/// # Errors
/// If cargo fails (its stderr) or the module is not where cargo puts it.
pub fn runtime_wasm(
    manifest: &Path,
    lib_name: &str,
    features: &[&str],
) -> Result<Vec<u8>, BuildError> {
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d).join("rivet-wasm"),
        _ => manifest.parent().unwrap_or(Path::new(".")).join("target/rivet-wasm"),
    };
    let mut cargo = crate::nested_cargo();
    cargo.args(["build", "--release", "--locked", "--no-default-features"]);
    if !features.is_empty() {
        cargo.arg("--features").arg(features.join(","));
    }
    let out = cargo
        .args(["--target", "wasm32-unknown-unknown", "-Zbuild-std=core,alloc"])
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target-dir")
        .arg(&target_dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_ENCODED_RUSTFLAGS", RUNTIME_FLAGS.join("\x1f"))
        .output()
        .map_err(BuildError::Spawn)?;
    if !out.status.success() {
        return Err(BuildError::Cargo(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let wasm = target_dir.join(format!("wasm32-unknown-unknown/release/{lib_name}.wasm"));
    std::fs::read(&wasm).map_err(|e| BuildError::Other(format!("{}: {e}", wasm.display())))
}
