//! The benchmark kernels as Wasm exports, mirroring `executor/guests/bench-guest`,
//! with the same kind of runtime (a bump allocator, `bench_kernels::BumpHeap`, and a
//! panic that traps) so that code sizes compare like for like.
#![no_std]

#[global_allocator]
static HEAP: bench_kernels::BumpHeap = bench_kernels::BumpHeap::new();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

bench_kernels::exports!();
