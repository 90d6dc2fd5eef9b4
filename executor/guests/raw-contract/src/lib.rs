//! A counter contract written directly against the host-call interface, to exercise it
//! end to end on the VM (`sdk/mock-host/tests`).
//!
//! `deploy`: input = initial value (u32 LE), stored under key `b"count"`.
//! `call`: input[0] selects:
//! - 0 `get`: returns the count (u32 LE);
//! - 1 `inc`: adds input[1..5] (u32 LE), emits an event (topic: caller; data: new
//!   count), logs a debug message, returns the new count;
//! - 2 `fail`: stores 999 then reverts with data `b"no"`;
//! - 3 `env`: returns caller ‖ value (16) ‖ block number (4) ‖ now (8);
//! - 4 `hash`: returns blake2-256 ‖ keccak-256 ‖ sha2-256 of input[1..];
//! - 5 `pay`: transfers input[1..17] (u128 LE) to the caller, returns the ReturnCode;
//! - 6 `trap`: stores 7, then traps;
//! - 7 `bye`: terminates in favour of the caller;
//! - 8 `spin`: stores 1, then loops forever (it must run out of gas);
//! - 9 `peek`: returns the `u32` at the address input[1..5] (outside its memory: a trap);
//! - 10 `poke`: stores 2, then writes to the address input[1..5].
//!
//! It is a library crate, as ink! contracts are: `rivet build` links it as an
//! executable (`cargo rustc --lib --crate-type bin`).
#![no_std]
#![no_main]

use guest_rt::export;
use rivet_host_api::guest::{call as host, call_diverging};
use rivet_host_api::{HostFn, RETURN_FLAG_REVERT};

export!(deploy, call);

const KEY: &[u8] = b"count";

fn input(buf: &mut [u8]) -> usize {
    let mut len = (buf.len() as u32).to_le_bytes();
    host(HostFn::Input, [buf.as_mut_ptr() as u32, len.as_mut_ptr() as u32, 0, 0, 0, 0]);
    u32::from_le_bytes(len) as usize
}

fn ret(flags: u32, data: &[u8]) -> ! {
    call_diverging(HostFn::SealReturn, [flags, data.as_ptr() as u32, data.len() as u32, 0, 0, 0])
}

fn load() -> u32 {
    let mut out = [0u8; 4];
    let mut len = 4u32.to_le_bytes();
    let a = [
        KEY.as_ptr() as u32,
        KEY.len() as u32,
        out.as_mut_ptr() as u32,
        len.as_mut_ptr() as u32,
        0,
        0,
    ];
    host(HostFn::GetStorage, a);
    u32::from_le_bytes(out)
}

fn store(v: u32) {
    let b = v.to_le_bytes();
    host(HostFn::SetStorage, [KEY.as_ptr() as u32, KEY.len() as u32, b.as_ptr() as u32, 4, 0, 0]);
}

fn word(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Stores the initial count.
#[no_mangle]
pub extern "C" fn deploy() {
    let mut buf = [0u8; 4];
    input(&mut buf);
    store(word(&buf));
}

/// Dispatches on the first input byte.
#[no_mangle]
pub extern "C" fn call() {
    let mut buf = [0u8; 64];
    let n = input(&mut buf);
    let mut out = [0u8; 96];
    match buf[0] {
        0 => ret(0, &load().to_le_bytes()),
        1 => {
            let v = load().wrapping_add(word(&buf[1..5]));
            store(v);
            let mut caller = [0u8; 32];
            host(HostFn::Caller, [caller.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
            let data = v.to_le_bytes();
            host(HostFn::DepositEvent, [caller.as_ptr() as u32, 1, data.as_ptr() as u32, 4, 0, 0]);
            let msg = b"incremented";
            host(HostFn::DebugMessage, [msg.as_ptr() as u32, msg.len() as u32, 0, 0, 0, 0]);
            ret(0, &data)
        }
        2 => {
            store(999);
            ret(RETURN_FLAG_REVERT, b"no")
        }
        3 => {
            host(HostFn::Caller, [out.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
            host(HostFn::ValueTransferred, [out[32..].as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
            let block = host(HostFn::BlockNumber, [0; 6]) as u32;
            out[48..52].copy_from_slice(&block.to_le_bytes());
            let now = host(HostFn::Now, [0; 6]);
            out[52..60].copy_from_slice(&now.to_le_bytes());
            ret(0, &out[..60])
        }
        4 => {
            let data = &buf[1..n];
            for (i, f) in [HostFn::HashBlake2_256, HostFn::HashKeccak256, HostFn::HashSha2_256]
                .into_iter()
                .enumerate()
            {
                host(
                    f,
                    [
                        data.as_ptr() as u32,
                        data.len() as u32,
                        out[32 * i..].as_mut_ptr() as u32,
                        0,
                        0,
                        0,
                    ],
                );
            }
            ret(0, &out)
        }
        5 => {
            let mut caller = [0u8; 32];
            host(HostFn::Caller, [caller.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
            let code = host(
                HostFn::Transfer,
                [caller.as_ptr() as u32, buf[1..17].as_ptr() as u32, 0, 0, 0, 0],
            ) as u32;
            ret(0, &code.to_le_bytes())
        }
        6 => {
            store(7);
            guest_rt::trap()
        }
        8 => {
            store(1);
            let mut i = 0u32;
            loop {
                // SAFETY: a volatile write to a local keeps the loop from being removed.
                unsafe { core::ptr::write_volatile(&mut i, i.wrapping_add(1)) };
            }
        }
        9 => {
            let addr = word(&buf[1..5]) as usize as *const u32;
            // SAFETY: not sound on purpose: the VM must trap on an address outside the
            // contract's memory (that is what the test checks).
            let v = unsafe { core::ptr::read_volatile(addr) };
            ret(0, &v.to_le_bytes())
        }
        10 => {
            store(2);
            let addr = word(&buf[1..5]) as usize as *mut u32;
            // SAFETY: as for `peek`: the VM must trap.
            unsafe { core::ptr::write_volatile(addr, 0xdead_beef) };
            ret(0, &[])
        }
        _ => {
            let mut caller = [0u8; 32];
            host(HostFn::Caller, [caller.as_mut_ptr() as u32, 0, 0, 0, 0, 0]);
            call_diverging(HostFn::Terminate, [caller.as_ptr() as u32, 0, 0, 0, 0, 0])
        }
    }
}
