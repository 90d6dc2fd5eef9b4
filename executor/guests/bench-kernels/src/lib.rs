//! Deterministic compute kernels, compiled both to RV32EM (bench-guest) and natively
//! (the benchmark's baseline), so the two run exactly the same source.
#![no_std]

extern crate alloc;

mod emulator;
mod real;

/// Defines the kernels as `extern "C"` exports (`prime_sieve`, `hash_loop`,
/// `emulator`, `memcpy_alloc`, the real programs of `real.rs`, `noop`), the same for
/// every guest (RV32EM, Wasm, PolkaVM) that runs them. Attributes given in brackets,
/// `exports!([#[polkavm_derive::polkavm_export]])`, go on every export.
#[macro_export]
macro_rules! exports {
    () => {
        $crate::exports!([]);
    };
    ([$($attr:tt)*]) => {
        /// The sieve's buffer: up to 1 MiB.
        static mut SIEVE: [u8; 1 << 20] = [0; 1 << 20];

        /// Primes below `n` (at most 2^20).
        $($attr)*
        #[no_mangle]
        pub extern "C" fn prime_sieve(n: u32) -> u32 {
            // SAFETY: single-threaded guest; the buffer is used only here.
            let buf = unsafe { &mut *core::ptr::addr_of_mut!(SIEVE) };
            $crate::prime_sieve(&mut buf[..(n as usize).min(1 << 20)])
        }

        /// See `bench_kernels::hash_loop`.
        $($attr)*
        #[no_mangle]
        pub extern "C" fn hash_loop(iterations: u32) -> u64 {
            $crate::hash_loop(iterations)
        }

        $crate::exports!(@u32 [$($attr)*] emulator, memcpy_alloc, sha256, keccak256, blake2b,
            ecdsa_verify, scale_codec);

        /// Does nothing: per-call overhead.
        $($attr)*
        #[no_mangle]
        pub extern "C" fn noop() -> u32 {
            0
        }
    };
    // Kernels that take one `u32` and return one, one at a time (the attributes and the
    // names are separate repetitions).
    (@u32 [$($attr:tt)*] $name:ident $(, $rest:ident)* $(,)?) => {
        #[doc = concat!("See `bench_kernels::", stringify!($name), "`.")]
        $($attr)*
        #[no_mangle]
        pub extern "C" fn $name(n: u32) -> u32 {
            $crate::$name(n)
        }

        $crate::exports!(@u32 [$($attr)*] $($rest),*);
    };
    (@u32 [$($attr:tt)*]) => {};
}

/// The allocator of the guests other than the RV32EM one (which has `guest-rt`'s): the
/// same kind, a bump allocator over a static 256 KiB heap that frees only the last
/// block, so that code sizes and allocation costs compare like for like. Use as
/// `#[global_allocator] static HEAP: BumpHeap = BumpHeap::new();`.
pub struct BumpHeap {
    memory: core::cell::UnsafeCell<[u8; BumpHeap::SIZE]>,
    next: core::cell::UnsafeCell<usize>,
}

impl BumpHeap {
    /// The heap's size, as `guest-rt`'s `HEAP_SIZE`.
    pub const SIZE: usize = 256 * 1024;

    /// An empty heap.
    #[allow(clippy::new_without_default, reason = "a `const` for a `static`")]
    pub const fn new() -> Self {
        BumpHeap {
            memory: core::cell::UnsafeCell::new([0; Self::SIZE]),
            next: core::cell::UnsafeCell::new(0),
        }
    }
}

// SAFETY: the guests are single-threaded; nothing runs concurrently with an allocation.
unsafe impl Sync for BumpHeap {}

// SAFETY: returns null when out of space; blocks never overlap because `next` only
// grows past handed-out blocks (and shrinks only back over the last one).
unsafe impl core::alloc::GlobalAlloc for BumpHeap {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        // SAFETY: single-threaded, see `Sync` above.
        let next = unsafe { &mut *self.next.get() };
        let base = self.memory.get() as usize;
        let start = (base + *next + layout.align() - 1) & !(layout.align() - 1);
        let end = start + layout.size();
        if end > base + Self::SIZE {
            return core::ptr::null_mut();
        }
        *next = end - base;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        // SAFETY: single-threaded, see `Sync` above.
        let next = unsafe { &mut *self.next.get() };
        let base = self.memory.get() as usize;
        if ptr as usize + layout.size() == base + *next {
            *next = ptr as usize - base;
        }
    }
}

pub use emulator::emulator;
pub use real::{blake2b, ecdsa_verify, keccak256, scale_codec, sha256};

/// Counts the primes below `buf.len()` with the sieve of Eratosthenes over `buf`.
pub fn prime_sieve(buf: &mut [u8]) -> u32 {
    let n = buf.len();
    buf.fill(1);
    let mut count = 0;
    for i in 2..n {
        if buf[i] != 0 {
            count += 1;
            // Saturating: on RV32, usize is 32 bits and i * i overflows for i > 65535.
            let mut j = i.saturating_mul(i);
            while j < n {
                buf[j] = 0;
                j += i;
            }
        }
    }
    count
}

/// A pure-integer hash loop: xorshift-generated words through SipHash-style rounds
/// (64-bit arithmetic, which RV32 has to emulate with pairs of registers).
pub fn hash_loop(iterations: u32) -> u64 {
    let (mut v0, mut v1, mut v2, mut v3) = (
        0x736f_6d65_7073_6575u64,
        0x646f_7261_6e64_6f6du64,
        0x6c79_6765_6e65_7261u64,
        0x7465_6462_7974_6573u64,
    );
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..iterations {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let m = (x as u64) << 32 | x.rotate_left(11) as u64;
        v3 ^= m;
        for _ in 0..2 {
            v0 = v0.wrapping_add(v1);
            v1 = v1.rotate_left(13) ^ v0;
            v0 = v0.rotate_left(32);
            v2 = v2.wrapping_add(v3);
            v3 = v3.rotate_left(16) ^ v2;
            v0 = v0.wrapping_add(v3);
            v3 = v3.rotate_left(21) ^ v0;
            v2 = v2.wrapping_add(v1);
            v1 = v1.rotate_left(17) ^ v2;
            v2 = v2.rotate_left(32);
        }
        v0 ^= m;
    }
    v0 ^ v1 ^ v2 ^ v3
}

/// Allocation and copying: per round, two vectors of up to 1 KiB are allocated
/// (with their final capacity, and freed in reverse order, so a bump allocator
/// reclaims them), filled, copied, rotated and checksummed.
pub fn memcpy_alloc(rounds: u32) -> u32 {
    use alloc::vec::Vec;
    let mut total = 0u32;
    for r in 0..rounds {
        let len = 64 + (r % 64) as usize * 16;
        let mut a: Vec<u8> = Vec::with_capacity(len);
        a.extend((0..len).map(|i| (i as u32 ^ r) as u8));
        let mut b: Vec<u8> = Vec::with_capacity(len + len / 2);
        b.extend_from_slice(&a);
        a.rotate_left(r as usize % len);
        b.extend_from_slice(&a[..len / 2]);
        total = b.iter().fold(total, |t, &x| t.rotate_left(1) ^ x as u32);
        drop(b);
        drop(a);
    }
    total
}
