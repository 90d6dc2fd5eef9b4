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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("wasm-guest");
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => std::path::PathBuf::from(d).join("rivet-wasm"),
        None => dir.join("target"),
    };
    let status =
        std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(&dir)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR")
            .args([
                "build",
                "--quiet",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                profile,
                "--target-dir",
            ])
            .arg(&target_dir)
            .status()
            .expect("cargo runs");
    assert!(status.success(), "building the Wasm guest failed");
    std::fs::read(target_dir.join("wasm32-unknown-unknown").join(profile).join("wasm_guest.wasm"))
        .unwrap()
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
