//! Benchmark support: building the bench guest and timing closures. The benchmark
//! itself is `benches/engines.rs` (`cargo bench -p rivet-benches`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use rivet_executor::linker::{link, LinkerConfig};
use rivet_toolchain::{GuestBuild, GuestTarget};

/// Builds `executor/guests/<name>` for `target` and links it; returns the blob and the
/// ELF's `.text` size.
pub fn guest_blob(name: &str, target: GuestTarget) -> (Vec<u8>, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../executor/guests").join(name);
    let elfs = rivet_toolchain::build(&GuestBuild::new(dir, target)).unwrap_or_else(|e| panic!("{e}"));
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
