//! The benchmark kernels as Wasm exports, mirroring `executor/guests/bench-guest`,
//! with the same kind of runtime (a bump allocator, a panic that traps) so that code
//! sizes compare like for like.
#![no_std]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

struct Bump(UnsafeCell<usize>);

// SAFETY: Wasm here is single-threaded.
unsafe impl Sync for Bump {}

const HEAP: usize = 256 * 1024;
static mut HEAP_MEM: [u8; HEAP] = [0; HEAP];

#[global_allocator]
static ALLOC: Bump = Bump(UnsafeCell::new(0));

// SAFETY: blocks never overlap; null when out of space (as guest-rt's allocator).
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded.
        let next = unsafe { &mut *self.0.get() };
        let base = core::ptr::addr_of_mut!(HEAP_MEM) as usize;
        let start = (base + *next + layout.align() - 1) & !(layout.align() - 1);
        if start + layout.size() > base + HEAP {
            return core::ptr::null_mut();
        }
        *next = start + layout.size() - base;
        start as *mut u8
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: single-threaded.
        let next = unsafe { &mut *self.0.get() };
        let base = core::ptr::addr_of_mut!(HEAP_MEM) as usize;
        if ptr as usize + layout.size() == base + *next {
            *next = ptr as usize - base;
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

bench_kernels::exports!();
