//! A contract that takes the most memory the VM's limits allow and calls itself as deep
//! as the chain lets it, writing to every page of its memory in every frame: the
//! node-abuse tests (`cli/tests/abuse.rs`) run it on the recompiler node, where each
//! frame is an instance with its own reserved address space.
//!
//! Linked with the largest stack (`rivet build --stack-size 1048576`), `BIG` brings
//! the mapped total to within a page of `Limits::max_memory` (16 MiB). `deploy` does nothing.
//! `call` writes one byte to every page of `BIG` and of a stack buffer that fills most
//! of the stack, then calls itself (re-entry allowed, all the gas left) and returns
//! `depth ‖ code` (`u32` LE each): how many frames from this one down to the innermost,
//! and the return code of the innermost frame's own call (`CallDepthExceeded` at the
//! chain's `MaxCallDepth`).
#![no_std]
#![no_main]

use guest_rt::export;
use rivet_host_api::guest::{call as host, call_diverging};
use rivet_host_api::{CallArgs, HostFn, ReturnCode, CALL_FLAG_ALLOW_REENTRY};

export!(deploy, call);

/// The memory: 16 MiB less the 1 MiB stack and one page, for whatever else the
/// read-write region holds (nothing, as built: it allocates nothing, so `guest-rt`'s
/// heap is not linked in).
const BIG_SIZE: usize = (16 << 20) - (1 << 20) - 4096;
/// The stack buffer: the 1 MiB stack less 64 KiB for the frames around it.
const STACK_TOUCH: usize = (1 << 20) - (64 << 10);
const PAGE: usize = 4096;

static mut BIG: [u8; BIG_SIZE] = [0; BIG_SIZE];

/// Nothing to set up.
#[no_mangle]
pub extern "C" fn deploy() {}

/// Touches its memory, then recurses; see the crate docs.
#[no_mangle]
pub extern "C" fn call() {
    // SAFETY: single-threaded; `BIG` is only used here, through a raw pointer.
    let big = unsafe { &mut *core::ptr::addr_of_mut!(BIG) };
    for page in big.chunks_mut(PAGE) {
        // SAFETY: a volatile write to memory we own keeps the loop from being removed.
        unsafe { core::ptr::write_volatile(&mut page[0], 1) };
    }
    let mut stack = [0u8; STACK_TOUCH];
    for page in stack.chunks_mut(PAGE) {
        // SAFETY: as above.
        unsafe { core::ptr::write_volatile(&mut page[0], 1) };
    }
    core::hint::black_box(&mut stack);

    let mut me = [0u8; 32];
    host(HostFn::Address, [me.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
    let value = [0u8; 16];
    let mut out = [0u8; 8];
    let mut out_len = (out.len() as u32).to_le_bytes();
    let args = CallArgs {
        flags: CALL_FLAG_ALLOW_REENTRY,
        callee_ptr: me.as_ptr() as u32,
        gas_limit: 0,
        value_ptr: value.as_ptr() as u32,
        input_ptr: 0,
        input_len: 0,
        output_ptr: out.as_mut_ptr() as u32,
        output_len_ptr: out_len.as_mut_ptr() as u32,
        reserved: 0,
    };
    let code = host(HostFn::Call, [&args as *const CallArgs as u32, 0, 0, 0, 0, 0]) as u32;
    let (depth, innermost) = if code == ReturnCode::Success as u32 {
        let below = u32::from_le_bytes([out[0], out[1], out[2], out[3]]);
        (below + 1, u32::from_le_bytes([out[4], out[5], out[6], out[7]]))
    } else {
        (1, code)
    };
    let mut result = [0u8; 8];
    result[..4].copy_from_slice(&depth.to_le_bytes());
    result[4..].copy_from_slice(&innermost.to_le_bytes());
    call_diverging(HostFn::SealReturn, [0, result.as_ptr() as u32, 8, 0, 0, 0])
}
