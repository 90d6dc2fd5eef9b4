//! A contract that fails on purpose, one way per first input byte, for the tests of how
//! failures are reported (`cli/tests/diagnostics.rs`): `0` panics (`expect` on `None`),
//! `1` allocates more than `guest-rt`'s heap holds, `2` reads memory outside its own,
//! `3` jumps to an address the program does not declare as a jump target; anything else
//! returns. Each failing line carries a `line:` marker the tests look for.
#![no_std]
#![no_main]

extern crate alloc;

use core::hint::black_box;

use guest_rt::export;
use rivet_host_api::guest::{call as host, call_diverging};
use rivet_host_api::HostFn;

export!(deploy, call);

/// Nothing to set up.
#[no_mangle]
pub extern "C" fn deploy() {}

/// Fails as the first input byte says; see the crate docs.
#[no_mangle]
pub extern "C" fn call() {
    let mut input = [0u8; 4];
    let mut len = (input.len() as u32).to_le_bytes();
    host(HostFn::Input, [input.as_mut_ptr() as u32, len.as_mut_ptr() as u32, 0, 0, 0, 0]);
    match input[0] {
        0 => panics(),
        1 => runs_out_of_heap(),
        2 => reads_outside_memory(),
        3 => jumps_nowhere(),
        _ => {}
    }
    call_diverging(HostFn::SealReturn, [0, 0, 0, 0, 0, 0])
}

#[inline(never)]
fn panics() {
    let nothing: Option<u32> = black_box(None);
    black_box(nothing.expect("a value that is not there")); // line: panic
}

#[inline(never)]
fn runs_out_of_heap() {
    let big: alloc::vec::Vec<u8> = alloc::vec::Vec::with_capacity(black_box(1 << 20)); // line: heap
    black_box(big);
}

#[inline(never)]
fn reads_outside_memory() {
    let outside = black_box(0x8000_0000usize) as *const u32;
    // SAFETY: it is not safe: the VM traps on the read, which is the point.
    black_box(unsafe { core::ptr::read_volatile(outside) }); // line: memory
}

#[inline(never)]
fn jumps_nowhere() {
    // Two bytes into a function: not a jump target the program declares.
    let target = black_box(panics as *const () as usize + 2);
    // SAFETY: it is not safe: the VM traps on the jump, which is the point.
    let f: fn() = unsafe { core::mem::transmute::<usize, fn()>(target) };
    f(); // line: jump
}
