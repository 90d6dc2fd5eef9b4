//! Minimal runtime for Rivet guest programs (`#![no_std]`, `#![no_main]` binaries):
//! a panic handler that traps, the [`export!`] and [`import!`] macros that fill the
//! `.rivet_exports`/`.rivet_imports` sections Rivet's linker reads, the `ECALL`
//! wrapper [`host_call`], and a bump allocator.
//!
//! **The heap.** With the default feature `allocator`, the global allocator is a
//! [`BumpHeap`] of [`HEAP_SIZE`] bytes (256 KiB) in `.bss`: allocation is a pointer
//! increment, freeing reclaims only the most recent block, and an allocation that does
//! not fit fails (a panic: `memory allocation of N bytes failed`). Every page of it
//! counts in the memory a call is charged for. A program that needs another size turns
//! the feature off (`default-features = false`, or ink!'s `no-allocator`) and declares
//! its own: `#[global_allocator] static HEAP: guest_rt::BumpHeap<{ 1 << 20 }> =
//! guest_rt::BumpHeap::new();`.
//!
//! **Debug builds** (`debug_assertions`, as `rivet build --profile debug` builds) say
//! why they stop through the debug-message host function (number 0; `rivet run` and dev
//! chains print them, [`debug::message`]): a panic's message and location, and an
//! allocation the heap cannot hold (`allocation of N bytes failed: heap of M bytes
//! exhausted`). Release builds carry none of it.
// Only for RV32E guests: on other targets the crate is empty (so that workspaces that
// also build for the host, like the SDK's, can depend on it).
#![cfg(target_arch = "riscv32")]
#![no_std]

mod allocator;
pub use allocator::{BumpHeap, HEAP_SIZE};

#[cfg(all(feature = "allocator", not(feature = "no-allocator")))]
#[global_allocator]
static HEAP: BumpHeap<HEAP_SIZE> = BumpHeap::new();

/// One record of `.rivet_exports`/`.rivet_imports`: `u32 · u8 length · name`, packed.
#[repr(C, packed)]
pub struct Record<const N: usize> {
    /// Code address (exports) or host-function number (imports).
    pub value: u32,
    /// Name length.
    pub len: u8,
    /// Name bytes.
    pub name: [u8; N],
}

/// An export record: like [`Record`] with a function pointer, which the linker
/// resolves with an `R_RISCV_32` relocation.
#[repr(C, packed)]
pub struct ExportRecord<const N: usize> {
    /// The exported function.
    pub function: unsafe extern "C" fn(),
    /// Name length.
    pub len: u8,
    /// Name bytes.
    pub name: [u8; N],
}

/// Copies a string into a fixed-size array (const context).
pub const fn name_bytes<const N: usize>(s: &str) -> [u8; N] {
    let bytes = s.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = bytes[i];
        i += 1;
    }
    out
}

/// Exports `extern "C"` functions under their own names:
/// `export!(fib, sieve);`. Each takes up to six `u32` (a0–a5) and returns `u64`
/// (a0 low, a1 high) or `u32`.
#[macro_export]
macro_rules! export {
    ($($f:ident),* $(,)?) => {$(
        const _: () = {
            const NAME: &str = stringify!($f);
            #[link_section = ".rivet_exports"]
            #[used]
            static RECORD: $crate::ExportRecord<{ NAME.len() }> = $crate::ExportRecord {
                // SAFETY: only the address is stored; the host calls it with the
                // function's own ABI.
                function: unsafe { core::mem::transmute::<*const (), unsafe extern "C" fn()>($f as *const ()) },
                len: NAME.len() as u8,
                name: $crate::name_bytes::<{ NAME.len() }>(NAME),
            };
        };
    )*};
}

/// Declares a host function the program uses: `import!(7, "fill_buffer");`.
#[macro_export]
macro_rules! import {
    ($number:expr, $name:literal) => {
        const _: () = {
            #[link_section = ".rivet_imports"]
            #[used]
            static RECORD: $crate::Record<{ $name.len() }> = $crate::Record {
                value: $number,
                len: $name.len() as u8,
                name: $crate::name_bytes::<{ $name.len() }>($name),
            };
        };
    };
}

/// Calls host function `number` with `args` in a0–a5; returns a0 | a1 << 32. (The
/// `ECALL` itself is defined once, in `rivet-host-api`.)
#[inline(always)]
pub fn host_call(number: u32, args: [u32; 6]) -> u64 {
    rivet_host_api::guest::ecall(number, args)
}

/// Traps the VM (`unimp`).
#[inline(always)]
pub fn trap() -> ! {
    // SAFETY: `unimp` ends execution with a trap; it never returns.
    unsafe { core::arch::asm!("unimp", options(noreturn, nomem, nostack)) }
}

#[cfg(not(feature = "no-panic-handler"))]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // A release build keeps no formatting machinery: a panic is a trap, and its message
    // would only cost size. A debug build says what and where first.
    #[cfg(debug_assertions)]
    match info.location() {
        Some(at) => debug::message(format_args!("panicked at {at}: {}", info.message())),
        None => debug::message(format_args!("panicked: {}", info.message())),
    }
    #[cfg(not(debug_assertions))]
    let _ = info;
    trap()
}

/// Messages of debug builds, through the debug-message host function (number 0:
/// `debug_message` on chains, `debug_log` in `rivet run`'s debug host).
#[cfg(debug_assertions)]
pub mod debug {
    /// The longest message sent; longer ones are cut.
    pub const MAX_MESSAGE: usize = 512;

    /// A message on the stack: formatting it allocates nothing (it may be about an
    /// allocation that failed).
    struct Buffer {
        bytes: [u8; MAX_MESSAGE],
        len: usize,
    }

    impl core::fmt::Write for Buffer {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let n = s.len().min(MAX_MESSAGE - self.len);
            self.bytes[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
            self.len += n;
            Ok(())
        }
    }

    /// Formats `args` and sends the message to the host.
    pub fn message(args: core::fmt::Arguments<'_>) {
        let mut buffer = Buffer { bytes: [0; MAX_MESSAGE], len: 0 };
        let _ = core::fmt::Write::write_fmt(&mut buffer, args);
        crate::host_call(0, [buffer.bytes.as_ptr() as u32, buffer.len as u32, 0, 0, 0, 0]);
    }
}
