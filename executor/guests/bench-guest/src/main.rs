//! The benchmark kernels as exports (see `bench-kernels`).
#![no_std]
#![no_main]

use guest_rt::export;

export!(prime_sieve, hash_loop, emulator, memcpy_alloc, noop);

/// The sieve's buffer: up to 1 MiB.
static mut SIEVE: [u8; 1 << 20] = [0; 1 << 20];

/// Primes below `n` (at most 2^20).
#[no_mangle]
pub extern "C" fn prime_sieve(n: u32) -> u32 {
    // SAFETY: single-threaded guest; the buffer is used only here.
    let buf = unsafe { &mut *core::ptr::addr_of_mut!(SIEVE) };
    bench_kernels::prime_sieve(&mut buf[..(n as usize).min(1 << 20)])
}

/// See `bench_kernels::hash_loop`.
#[no_mangle]
pub extern "C" fn hash_loop(iterations: u32) -> u64 {
    bench_kernels::hash_loop(iterations)
}

/// See `bench_kernels::emulator`.
#[no_mangle]
pub extern "C" fn emulator(steps: u32) -> u32 {
    bench_kernels::emulator(steps)
}

/// See `bench_kernels::memcpy_alloc`.
#[no_mangle]
pub extern "C" fn memcpy_alloc(rounds: u32) -> u32 {
    bench_kernels::memcpy_alloc(rounds)
}

/// Does nothing: per-call overhead.
#[no_mangle]
pub extern "C" fn noop() -> u32 {
    0
}
