//! The benchmark kernels as PolkaVM exports, mirroring `executor/guests/bench-guest`
//! and `benches/wasm-guest`, with the same kind of runtime (`bench_kernels::BumpHeap`,
//! a panic that traps).
#![no_std]
#![no_main]

#[global_allocator]
static HEAP: bench_kernels::BumpHeap = bench_kernels::BumpHeap::new();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // SAFETY: `unimp` traps; nothing follows.
    unsafe { core::arch::asm!("unimp", options(noreturn)) }
}

bench_kernels::exports!([#[polkavm_derive::polkavm_export]]);
