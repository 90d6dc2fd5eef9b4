//! The recompiler's OS side: executable code memory (never writable and executable at
//! once), each instance's 4 GiB guest window with guard pages, the `gs` base, and the
//! SIGSEGV/SIGBUS handler that turns a fault in generated code into a guest trap and
//! chains every other fault to the handler that was installed before ours.

use core::cell::Cell;
use core::ffi::c_void;
use core::ptr;
use std::sync::OnceLock;

use super::abi::{Context, ExitReason, BELOW, HOST};
use crate::blob::PAGE_SIZE;
use crate::validate::Program;

/// Size of the mapped context area at the bottom of the reservation.
const CONTEXT_AREA: usize = 0x10000;
/// Writable regions up to this size are zeroed in place when a window is reused; larger
/// ones are discarded (`MADV_DONTNEED`), which costs page faults when touched again.
const REFILL_IN_PLACE: usize = 1 << 20;
/// Unmapped bytes above the 4 GiB window (accesses reach at most 2 KiB past it).
const ABOVE: usize = 0x10000;
/// Total reservation per instance.
const RESERVATION: usize = BELOW + (1 << 32) + ABOVE;

/// Why the sandbox could not be set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxError(pub &'static str);

impl core::fmt::Display for SandboxError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "recompiler sandbox unavailable: {}", self.0)
    }
}

impl std::error::Error for SandboxError {}

/// Whether this host can run recompiled code: x86-64 Linux with BMI2 (register shifts
/// with RISC-V's masking) and user-space `wrgsbase`.
pub fn supported() -> Result<(), SandboxError> {
    if !std::arch::is_x86_feature_detected!("bmi2") {
        return Err(SandboxError("the CPU lacks BMI2"));
    }
    // SAFETY: getauxval has no preconditions.
    let hwcap2 = unsafe { libc::getauxval(libc::AT_HWCAP2) };
    // HWCAP2_FSGSBASE: the kernel allows rdgsbase/wrgsbase in user space.
    if hwcap2 & 2 == 0 {
        return Err(SandboxError("the kernel does not enable FSGSBASE"));
    }
    install_handler()
}

/// Executable memory holding one module's code.
pub struct CodeMemory {
    ptr: *mut u8,
    len: usize,
}

// SAFETY: the mapping is immutable (read + execute) after construction.
unsafe impl Send for CodeMemory {}
// SAFETY: as above; nothing mutates it.
unsafe impl Sync for CodeMemory {}

impl CodeMemory {
    /// Maps `code` read-write, lets `patch` fix absolute addresses, then makes it
    /// read + execute. It is never writable and executable at the same time.
    pub fn new(
        code: &[u8],
        patch: impl FnOnce(&mut [u8], usize),
    ) -> Result<CodeMemory, SandboxError> {
        let len = code.len().div_ceil(4096) * 4096;
        // SAFETY: an anonymous private mapping with no address hint. Populated: every
        // page is written next, and one call maps them all for far less than a page
        // fault each.
        let ptr = unsafe {
            libc::mmap(
                ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_POPULATE,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(SandboxError("mmap of code memory failed"));
        }
        let ptr = ptr as *mut u8;
        // SAFETY: the mapping is `len >= code.len()` bytes, writable and ours alone.
        let buf = unsafe { core::slice::from_raw_parts_mut(ptr, code.len()) };
        buf.copy_from_slice(code);
        patch(buf, ptr as usize);
        // SAFETY: same mapping; from now on it is read + execute only.
        if unsafe { libc::mprotect(ptr as *mut c_void, len, libc::PROT_READ | libc::PROT_EXEC) }
            != 0
        {
            // SAFETY: unmapping what we mapped.
            unsafe { libc::munmap(ptr as *mut c_void, len) };
            return Err(SandboxError("mprotect of code memory failed"));
        }
        Ok(CodeMemory { ptr, len })
    }

    /// Address of the first byte.
    pub fn base(&self) -> usize {
        self.ptr as usize
    }

    /// Length of the code.
    pub fn len(&self) -> usize {
        self.len
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // SAFETY: unmapping our own mapping; no instance outlives its module.
        unsafe { libc::munmap(self.ptr as *mut c_void, self.len) };
    }
}

/// One instance's address space: context, guards, and the 4 GiB guest window.
pub struct Window {
    base: *mut u8,
}

// SAFETY: the window is owned by one instance, which is `Send` but not shared.
unsafe impl Send for Window {}

impl Window {
    /// Reserves the window (nothing accessible) and maps the context.
    pub fn new() -> Result<Window, SandboxError> {
        // SAFETY: a fresh PROT_NONE reservation; MAP_NORESERVE since most is never used.
        let base = unsafe {
            libc::mmap(
                ptr::null_mut(),
                RESERVATION,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(SandboxError("cannot reserve 4 GiB of address space"));
        }
        let window = Window { base: base as *mut u8 };
        window.protect(0, CONTEXT_AREA, libc::PROT_READ | libc::PROT_WRITE)?;
        Ok(window)
    }

    fn protect(&self, offset: usize, len: usize, prot: i32) -> Result<(), SandboxError> {
        // SAFETY: the range is inside our reservation (callers pass page-rounded
        // ranges of the validated layout).
        let r = unsafe { libc::mprotect(self.base.add(offset) as *mut c_void, len, prot) };
        if r == 0 {
            Ok(())
        } else {
            Err(SandboxError("mprotect of guest memory failed"))
        }
    }

    /// Guest address 0 (the `gs` base).
    pub fn guest_base(&self) -> usize {
        self.base as usize + BELOW
    }

    /// The context.
    pub fn context(&self) -> *mut Context {
        self.base as *mut Context
    }

    /// Maps a region `[addr, addr + len)` (page-rounded) with `init` at its start.
    pub fn map_region(
        &self,
        addr: u32,
        len: u64,
        init: &[u8],
        writable: bool,
    ) -> Result<(), SandboxError> {
        if len == 0 {
            return Ok(());
        }
        let off = BELOW + addr as usize;
        let len = len as usize;
        self.protect(off, len, libc::PROT_READ | libc::PROT_WRITE)?;
        // SAFETY: just made readable and writable; discarding the pages makes them zero
        // again (anonymous private mapping), so a reset starts from the same image.
        unsafe {
            libc::madvise(self.base.add(off) as *mut c_void, len, libc::MADV_DONTNEED);
            ptr::copy_nonoverlapping(init.as_ptr(), self.base.add(off), init.len());
        }
        if !writable {
            self.protect(off, len, libc::PROT_READ)?;
        }
        Ok(())
    }

    /// Makes a region mapped by [`Window::map_region`] as it was mapped again — `init`
    /// at its start, zeros after — without unmapping it: small regions are overwritten
    /// in place (the pages stay, so the next instance takes no page faults and the
    /// process no TLB shoot-down), large ones discarded as `map_region` does.
    pub fn refill_region(&self, addr: u32, len: u64, init: &[u8]) {
        if len == 0 {
            return;
        }
        let off = BELOW + addr as usize;
        let len = len as usize;
        // SAFETY: the region was mapped readable and writable by `map_region` for this
        // layout (the caller refills only writable regions of the module it mapped).
        unsafe {
            if len <= REFILL_IN_PLACE {
                ptr::write_bytes(self.base.add(off), 0, len);
            } else {
                libc::madvise(self.base.add(off) as *mut c_void, len, libc::MADV_DONTNEED);
            }
            ptr::copy_nonoverlapping(init.as_ptr(), self.base.add(off), init.len());
        }
    }

    /// Zeroes the context, as a fresh window has it.
    pub fn clear_context(&self) {
        // SAFETY: the context area is mapped read-write for the window's lifetime.
        unsafe { ptr::write_bytes(self.base, 0, CONTEXT_AREA) };
    }

    /// Copies guest memory out; the caller has checked the range is mapped.
    pub fn read(&self, addr: u32, buf: &mut [u8]) {
        // SAFETY: the caller checked `[addr, addr + len)` is inside a mapped region.
        unsafe {
            ptr::copy_nonoverlapping(
                self.base.add(BELOW + addr as usize),
                buf.as_mut_ptr(),
                buf.len(),
            )
        }
    }

    /// Copies into guest memory; the caller has checked the range is writable.
    pub fn write(&self, addr: u32, data: &[u8]) {
        // SAFETY: the caller checked `[addr, addr + len)` is inside a writable region.
        unsafe {
            ptr::copy_nonoverlapping(
                data.as_ptr(),
                self.base.add(BELOW + addr as usize),
                data.len(),
            )
        }
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        // SAFETY: unmapping our own reservation.
        unsafe { libc::munmap(self.base as *mut c_void, RESERVATION) };
    }
}

/// What the fault handler needs to know about the call running on this thread.
pub struct ActiveCall {
    /// Code start and length.
    pub code: (usize, usize),
    /// (native offset, instruction index) of every load/store, sorted.
    pub sites: *const [(u32, u32)],
    /// The program (for the faulting instruction's operands).
    pub program: *const Program,
    /// Absolute address of the common exit.
    pub exit_common: usize,
    /// The instance's context.
    pub context: *mut Context,
}

thread_local! {
    static ACTIVE: Cell<*const ActiveCall> = const { Cell::new(ptr::null()) };
}

/// Runs generated code: sets `gs` to the window and the active call for the fault
/// handler, calls the entry trampoline with `target`, and restores both.
///
/// # Safety
/// `entry` must be the module's entry trampoline, `target` a block entry of the same
/// module, and `active` must describe that module and this instance's window.
pub unsafe fn run(entry: usize, target: usize, guest_base: usize, active: &ActiveCall) {
    ACTIVE.with(|a| a.set(active));
    let old: usize;
    // SAFETY: FSGSBASE is enabled (checked in `supported`); nothing in this process
    // relies on `gs` (x86-64 Linux uses `fs` for thread-local storage).
    unsafe {
        core::arch::asm!("rdgsbase {}", out(reg) old, options(nostack, preserves_flags));
        core::arch::asm!("wrgsbase {}", in(reg) guest_base, options(nostack, preserves_flags));
    }
    // SAFETY: the caller guarantees `entry` is an entry trampoline with this ABI; it
    // preserves the callee-saved registers and returns normally on every exit path.
    let f: extern "sysv64" fn(u64) = unsafe { core::mem::transmute(entry) };
    f(target as u64);
    // SAFETY: restoring the previous value.
    unsafe { core::arch::asm!("wrgsbase {}", in(reg) old, options(nostack, preserves_flags)) };
    ACTIVE.with(|a| a.set(ptr::null()));
}

/// The handlers that were installed before ours, for chaining.
struct Previous {
    segv: libc::sigaction,
    bus: libc::sigaction,
}

static PREVIOUS: OnceLock<Result<Previous, SandboxError>> = OnceLock::new();

fn install_handler() -> Result<(), SandboxError> {
    PREVIOUS
        .get_or_init(|| {
            // SAFETY: installs a SA_SIGINFO handler; the old actions are saved for chaining.
            unsafe {
                let mut action: libc::sigaction = core::mem::zeroed();
                action.sa_sigaction = on_fault as *const () as usize;
                action.sa_flags = libc::SA_SIGINFO | libc::SA_NODEFER | libc::SA_ONSTACK;
                libc::sigemptyset(&mut action.sa_mask);
                let mut segv: libc::sigaction = core::mem::zeroed();
                let mut bus: libc::sigaction = core::mem::zeroed();
                if libc::sigaction(libc::SIGSEGV, &action, &mut segv) != 0
                    || libc::sigaction(libc::SIGBUS, &action, &mut bus) != 0
                {
                    return Err(SandboxError("sigaction failed"));
                }
                Ok(Previous { segv, bus })
            }
        })
        .as_ref()
        .map(|_| ())
        .map_err(Clone::clone)
}

/// `ucontext` general-register index of each host register number.
const GREG: [i32; 16] = [
    libc::REG_RAX,
    libc::REG_RCX,
    libc::REG_RDX,
    libc::REG_RBX,
    libc::REG_RSP,
    libc::REG_RBP,
    libc::REG_RSI,
    libc::REG_RDI,
    libc::REG_R8,
    libc::REG_R9,
    libc::REG_R10,
    libc::REG_R11,
    libc::REG_R12,
    libc::REG_R13,
    libc::REG_R14,
    libc::REG_R15,
];

extern "C" fn on_fault(sig: i32, info: *mut libc::siginfo_t, uctx: *mut c_void) {
    // SAFETY: the kernel passes a valid ucontext to a SA_SIGINFO handler.
    if unsafe { handle_guest_fault(uctx as *mut libc::ucontext_t) } {
        return;
    }
    // SAFETY: forwarding the kernel's arguments to the previous handler.
    unsafe { chain(sig, info, uctx) }
}

/// If the fault is a guest access from generated code of the call running on this
/// thread, records the trap and resumes at the common exit.
///
/// # Safety
/// `uc` must be the ucontext of a signal delivered to this thread.
unsafe fn handle_guest_fault(uc: *mut libc::ucontext_t) -> bool {
    let Ok(active) = ACTIVE.try_with(|a| a.get()) else { return false };
    if active.is_null() {
        return false;
    }
    // SAFETY: `active` points at the `ActiveCall` of `run`, alive during the call, and
    // `uc` is valid (caller).
    unsafe {
        let active = &*active;
        let gregs = &mut (*uc).uc_mcontext.gregs;
        let rip = gregs[libc::REG_RIP as usize] as usize;
        let (start, len) = active.code;
        if rip < start || rip >= start + len {
            return false;
        }
        let sites = &*active.sites;
        let off = (rip - start) as u32;
        let Ok(i) = sites.binary_search_by_key(&off, |s| s.0) else { return false };
        let index = sites[i].1 as usize;
        let program = &*active.program;
        let inst = program.code()[index].inst;
        let base = if inst.rs1.index() == 0 {
            0
        } else {
            gregs[GREG[HOST[inst.rs1.index()].0 as usize] as usize] as u32
        };
        let ctx = &mut *active.context;
        ctx.reason = ExitReason::Memory as u64;
        ctx.pc = program.addresses()[index] as u64;
        ctx.arg = base.wrapping_add(inst.imm as u32) as u64;
        gregs[libc::REG_RIP as usize] = active.exit_common as i64;
    }
    true
}

/// Passes a fault that is not ours to the handler installed before.
///
/// # Safety
/// Arguments as the kernel passed them.
unsafe fn chain(sig: i32, info: *mut libc::siginfo_t, uctx: *mut c_void) {
    let Some(Ok(prev)) = PREVIOUS.get() else { return };
    let action = if sig == libc::SIGBUS { &prev.bus } else { &prev.segv };
    let handler = action.sa_sigaction;
    // SAFETY: calling or restoring the previous disposition, as the kernel would have.
    unsafe {
        if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
            // Restore it and return: the faulting instruction runs again and the default
            // action (a crash with the right signal) happens.
            libc::sigaction(sig, action, ptr::null_mut());
        } else if action.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(i32, *mut libc::siginfo_t, *mut c_void) =
                core::mem::transmute(handler);
            f(sig, info, uctx);
        } else {
            let f: extern "C" fn(i32) = core::mem::transmute(handler);
            f(sig);
        }
    }
}

/// Page-rounded size (u64).
pub fn round(size: u32) -> u64 {
    (size as u64).div_ceil(PAGE_SIZE as u64) * PAGE_SIZE as u64
}
