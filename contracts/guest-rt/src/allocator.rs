//! A bump allocator over a static heap in `.bss`: allocation is a pointer increment,
//! freeing only reclaims the most recent allocation. Enough for short contract calls.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

/// Size in bytes of the default heap (feature `allocator`).
pub const HEAP_SIZE: usize = 256 * 1024;

/// A bump allocator over `N` bytes: `#[global_allocator] static HEAP: BumpHeap<N> =
/// BumpHeap::new();` (what the feature `allocator` declares with [`HEAP_SIZE`]).
pub struct BumpHeap<const N: usize> {
    memory: UnsafeCell<[u8; N]>,
    next: UnsafeCell<usize>,
}

impl<const N: usize> BumpHeap<N> {
    /// An empty heap (zeroed: it lives in `.bss`).
    pub const fn new() -> BumpHeap<N> {
        BumpHeap { memory: UnsafeCell::new([0; N]), next: UnsafeCell::new(0) }
    }
}

impl<const N: usize> Default for BumpHeap<N> {
    fn default() -> BumpHeap<N> {
        BumpHeap::new()
    }
}

// SAFETY: guests are single-threaded; nothing runs concurrently with an allocation.
unsafe impl<const N: usize> Sync for BumpHeap<N> {}

// SAFETY: returns null when out of space; blocks never overlap because `next` only
// grows past handed-out blocks (and shrinks only back over the last one).
unsafe impl<const N: usize> GlobalAlloc for BumpHeap<N> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded, see `Sync` above.
        let next = unsafe { &mut *self.next.get() };
        let base = self.memory.get() as usize;
        let start = (base + *next + layout.align() - 1) & !(layout.align() - 1);
        // No overflow: a layout's size is at most `isize::MAX`, and the heap is low.
        let end = start + layout.size();
        if end > base + N {
            #[cfg(debug_assertions)]
            crate::debug::message(format_args!(
                "allocation of {} bytes failed: heap of {N} bytes exhausted",
                layout.size()
            ));
            return core::ptr::null_mut();
        }
        *next = end - base;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: single-threaded, see `Sync` above.
        let next = unsafe { &mut *self.next.get() };
        let base = self.memory.get() as usize;
        if ptr as usize + layout.size() == base + *next {
            *next = ptr as usize - base;
        }
    }
}
