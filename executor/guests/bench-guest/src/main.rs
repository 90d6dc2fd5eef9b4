//! The benchmark kernels as exports (see `bench-kernels`).
#![no_std]
#![no_main]

use guest_rt::export;

export!(
    prime_sieve,
    hash_loop,
    emulator,
    memcpy_alloc,
    sha256,
    keccak256,
    blake2b,
    ecdsa_verify,
    scale_codec,
    noop
);

bench_kernels::exports!();
