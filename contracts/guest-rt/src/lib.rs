//! Minimal runtime for Rivet guest programs (`#![no_std]`, `#![no_main]` binaries):
//! a panic handler that traps, the [`export!`] and [`import!`] macros that fill the
//! `.rivet_exports`/`.rivet_imports` sections Rivet's linker reads, the `ECALL`
//! wrapper [`host_call`], and a bump allocator.
// Only for RV32E guests: on other targets the crate is empty (so that workspaces that
// also build for the host, like the SDK's, can depend on it).
#![cfg(target_arch = "riscv32")]
#![no_std]

#[cfg(all(feature = "allocator", not(feature = "no-allocator")))]
mod allocator;

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
fn panic(_: &core::panic::PanicInfo) -> ! {
    // No formatting machinery: a panic is a trap, and its message would only cost size.
    trap()
}
