//! The recompiler's fault handler must coexist with handlers installed before it
//! (the node also runs wasmtime, which installs its own): faults that are not guest
//! accesses from generated code are passed on. This is its own test binary so that
//! the handler installed here is the one in place before the recompiler's.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]
#![allow(unsafe_code, reason = "installing a signal handler and faulting on purpose")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rivet_executor::asm::program_parts;
use rivet_executor::blob::MemoryLayout;
use rivet_executor::recompiler::RecompiledModule;
use rivet_executor::{Instance, Limits, Outcome, Program, TrapKind};

static PAGE: AtomicUsize = AtomicUsize::new(0);
static HANDLED: AtomicUsize = AtomicUsize::new(0);

extern "C" fn earlier_handler(_: i32, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    let page = PAGE.load(Ordering::SeqCst);
    // SAFETY: the kernel passes a valid siginfo to a SA_SIGINFO handler.
    let addr = unsafe { (*info).si_addr() } as usize;
    if addr & !0xfff == page {
        // Make the page accessible so the faulting read succeeds when retried.
        // SAFETY: `page` is the test's own mapping.
        unsafe {
            libc::mprotect(page as *mut libc::c_void, 4096, libc::PROT_READ | libc::PROT_WRITE)
        };
        HANDLED.fetch_add(1, Ordering::SeqCst);
    } else {
        std::process::abort();
    }
}

fn trapping_program() -> Program {
    let layout = MemoryLayout {
        ro_base: 0x20000,
        ro_size: 0x1000,
        rw_base: 0x30000,
        rw_size: 0x1000,
        stack_size: 0x1000,
    };
    let parts = program_parts("li a0, 0x50000\nlw a1, 0(a0)\nret", 0x10000, layout).unwrap();
    Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap()
}

#[test]
fn faults_outside_guest_code_reach_the_earlier_handler() {
    // SAFETY: installing a SA_SIGINFO handler for SIGSEGV, and mapping a test page.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = earlier_handler as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO;
        libc::sigemptyset(&mut action.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut()), 0);
        let page = libc::mmap(
            std::ptr::null_mut(),
            4096,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(page, libc::MAP_FAILED);
        PAGE.store(page as usize, Ordering::SeqCst);
    }
    // The recompiler installs its handler now, on top of the earlier one.
    let module = Arc::new(RecompiledModule::new(Arc::new(trapping_program())).unwrap());
    let mut instance = module.instantiate().unwrap();
    // A guest fault is the recompiler's: a trap, and the earlier handler never sees it.
    let exit = instance.call("main", &[], 100).unwrap();
    assert_eq!(
        exit.outcome,
        Outcome::Trap { kind: TrapKind::InvalidMemoryAccess { addr: 0x50000 }, pc: 0x10008 }
    );
    assert_eq!(HANDLED.load(Ordering::SeqCst), 0);
    // A fault in ordinary host code is passed on to the earlier handler.
    let page = PAGE.load(Ordering::SeqCst) as *const u32;
    // SAFETY: the read faults once; the earlier handler makes the page readable.
    let value = unsafe { std::ptr::read_volatile(page) };
    assert_eq!(value, 0);
    assert_eq!(HANDLED.load(Ordering::SeqCst), 1);
    // And guest faults still work afterwards.
    let exit = instance.call("main", &[], 100).unwrap();
    assert!(matches!(exit.outcome, Outcome::Trap { .. }));
}
