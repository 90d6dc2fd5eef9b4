//! Benchmark support: building the bench guest and timing closures. The benchmark
//! itself is `benches/engines.rs` (`cargo bench -p rivet-benches`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{Exit, Outcome};
use rivet_toolchain::{GuestBuild, GuestTarget};

/// Builds `executor/guests/<name>` for `target` and links it; returns the blob and the
/// ELF's `.text` size.
pub fn guest_blob(name: &str, target: GuestTarget) -> (Vec<u8>, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../executor/guests").join(name);
    let elfs =
        rivet_toolchain::build(&GuestBuild::new(dir, target)).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    let parts = link(&elf, &LinkerConfig { stack_size: 256 * 1024, ..LinkerConfig::default() })
        .unwrap_or_else(|e| panic!("{e}"));
    (parts.to_bytes(), parts.code_size() as usize)
}

/// Median wall time of `runs` runs of `f` after one warm-up run.
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Median time per iteration of `f`, timing batches of `batch` iterations.
pub fn per_iteration(runs: usize, batch: u32, mut f: impl FnMut()) -> Duration {
    median(runs, || {
        for _ in 0..batch {
            f();
        }
    }) / batch
}

/// Builds `benches/wasm-guest` for wasm32-unknown-unknown with `profile` (`release` or
/// `size`) and returns the module's bytes.
pub fn wasm_guest(profile: &str) -> Vec<u8> {
    let wasm = side_guest("wasm-guest", "wasm32-unknown-unknown", profile, &[]);
    std::fs::read(wasm.join("wasm_guest.wasm")).unwrap()
}

/// Builds `benches/polkavm-guest` for PolkaVM's 64-bit target (the default, which
/// PolkaVM recommends) or its 32-bit one — the JSON that `polkavm-linker` ships for
/// this rustc — with `profile`, links it with `polkavm-linker`, and returns the program
/// blob.
#[cfg(feature = "polkavm")]
pub fn polkavm_guest(profile: &str, is_64_bit: bool) -> Vec<u8> {
    let mut args = polkavm_linker::TargetJsonArgs::default();
    args.is_64_bit = is_64_bit;
    let target = polkavm_linker::target_json_path(args).unwrap_or_else(|e| panic!("{e}"));
    let out = side_guest(
        "polkavm-guest",
        target.to_str().expect("a UTF-8 path"),
        profile,
        // Custom target specs and build-std are unstable; as for the RV32EM guests.
        &["-Zbuild-std=core,alloc", "-Zjson-target-spec"],
    );
    let elf = std::fs::read(out.join("polkavm-guest")).unwrap();
    let mut config = polkavm_linker::Config::default();
    config.set_strip(true);
    // The stack the RV32EM bench guest is linked with (see `guest_blob`).
    config.set_min_stack_size(256 * 1024);
    polkavm_linker::program_from_elf(config, polkavm_linker::TargetInstructionSet::Latest, &elf)
        .unwrap_or_else(|e| panic!("linking the PolkaVM guest: {e}"))
}

/// Builds the crate `benches/<name>` (its own workspace) for `target` with `profile`
/// into `$CARGO_TARGET_DIR/rivet-<name>`; returns the directory of its artifacts.
fn side_guest(name: &str, target: &str, profile: &str, extra: &[&str]) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => std::path::PathBuf::from(d).join(format!("rivet-{name}")),
        None => dir.join("target"),
    };
    let status = rivet_toolchain::nested_cargo()
        .current_dir(&dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .args(["build", "--quiet", "--target", target, "--profile", profile])
        .args(extra)
        .arg("--target-dir")
        .arg(&target_dir)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building benches/{name} failed");
    let triple = Path::new(target).file_stem().expect("a target").to_owned();
    target_dir.join(triple).join(profile)
}

/// Like [`guest_blob`] with a cargo profile (`release`, `size`); returns the blob and
/// the ELF's `.text` size.
pub fn guest_blob_profile(name: &str, target: GuestTarget, profile: &str) -> (Vec<u8>, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../executor/guests").join(name);
    let mut build = GuestBuild::new(dir, target);
    build.profile = profile.into();
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    let parts = link(&elf, &LinkerConfig { stack_size: 256 * 1024, ..LinkerConfig::default() })
        .unwrap_or_else(|e| panic!("{e}"));
    (parts.to_bytes(), parts.code_size() as usize)
}

/// Microseconds with one decimal.
pub fn us(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

/// The result registers of a finished call as one 64-bit value (`a1:a0`); panics, naming
/// `what`, on any other outcome.
pub fn finished(exit: Exit, what: &str) -> u64 {
    match exit.outcome {
        Outcome::Finished { a0, a1 } => a0 as u64 | (a1 as u64) << 32,
        other => panic!("{what}: {other:?}"),
    }
}
