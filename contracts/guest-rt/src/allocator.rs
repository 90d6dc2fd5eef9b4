//! A bump allocator over a static heap in `.bss`: allocation is a pointer increment,
//! freeing only reclaims the most recent allocation. Enough for short contract calls.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

/// Heap size in bytes.
pub const HEAP_SIZE: usize = 256 * 1024;

struct Heap {
    memory: UnsafeCell<[u8; HEAP_SIZE]>,
    next: UnsafeCell<usize>,
}

// SAFETY: guests are single-threaded; nothing runs concurrently with an allocation.
unsafe impl Sync for Heap {}

#[global_allocator]
static HEAP: Heap = Heap { memory: UnsafeCell::new([0; HEAP_SIZE]), next: UnsafeCell::new(0) };

// SAFETY: returns null when out of space; blocks never overlap because `next` only
// grows past handed-out blocks (and shrinks only back over the last one).
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded, see `Sync` above.
        let next = unsafe { &mut *self.next.get() };
        let base = self.memory.get() as usize;
        let start = (base + *next + layout.align() - 1) & !(layout.align() - 1);
        let end = start + layout.size();
        if end > base + HEAP_SIZE {
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
