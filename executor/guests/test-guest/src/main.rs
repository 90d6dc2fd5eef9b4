//! Exports for `rivet-executor`'s guest-program tests. Each export's doc says what it
//! computes, so the tests can compute the expected result natively.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::hint::black_box;

use guest_rt::{export, host_call, import};

mod formulas;

export!(
    arith,
    fib,
    alloc_sum,
    dyn_shapes,
    fn_ptr,
    big_match,
    host_roundtrip,
    panic_index,
    spin,
    recurse_deep,
    data_addrs,
    bss_write,
    ro_read,
    noop
);
import!(1, "fill_buffer");
import!(2, "emit_result");

/// Returns `a.wrapping_mul(b) ^ (a >> 3) ^ b.rotate_left(7)` in the low word and, in the
/// high word, `a / b ^ a % b ^ (a as i32 / b as i32) as u32 ^ (a as i32 % b as i32) as u32`
/// with RISC-V division semantics (x / 0 = all ones, x % 0 = x, MIN / -1 = MIN, MIN % -1 = 0).
#[no_mangle]
pub extern "C" fn arith(a: u32, b: u32) -> u64 {
    let lo = a.wrapping_mul(b) ^ (a >> 3) ^ b.rotate_left(7);
    let (q, r) = if b == 0 { (u32::MAX, a) } else { (a / b, a % b) };
    let (sa, sb) = (a as i32, b as i32);
    let (sq, sr) = if sb == 0 { (-1, sa) } else { (sa.wrapping_div(sb), sa.wrapping_rem(sb)) };
    let hi = q ^ r ^ sq as u32 ^ sr as u32;
    lo as u64 | (hi as u64) << 32
}

/// The n-th Fibonacci number (fib(0) = 0, fib(1) = 1), computed by naive recursion.
#[no_mangle]
pub extern "C" fn fib(n: u32) -> u32 {
    if n < 2 {
        n
    } else {
        fib(n - 1).wrapping_add(fib(n - 2))
    }
}

/// With `v = [i * i for i in 0..n]` (wrapping), a map `i % 17 -> count` and a string of
/// `n` letters `'a' + i % 26`: returns `sum(v) + 1000 * map.len() + sum of the string's
/// bytes` (wrapping).
#[no_mangle]
pub extern "C" fn alloc_sum(n: u32) -> u32 {
    let v: Vec<u32> = (0..n).map(|i| i.wrapping_mul(i)).collect();
    let mut map = BTreeMap::new();
    let mut s = String::new();
    for i in 0..n {
        *map.entry(i % 17).or_insert(0u32) += 1;
        s.push((b'a' + (i % 26) as u8) as char);
    }
    let bytes: u32 = s.bytes().map(u32::from).sum();
    v.iter()
        .fold(0u32, |a, &x| a.wrapping_add(x))
        .wrapping_add(1000 * map.len() as u32)
        .wrapping_add(bytes)
}

trait Shape {
    fn area(&self) -> u32;
}
struct Square(u32);
struct Rect(u32, u32);
struct Tri(u32, u32);
impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}
impl Shape for Rect {
    fn area(&self) -> u32 {
        self.0 * self.1
    }
}
impl Shape for Tri {
    fn area(&self) -> u32 {
        self.0 * self.1 / 2
    }
}

/// For i in 0..n, a boxed shape by `i % 3`: Square(i), Rect(i, i + 1), Tri(i, i + 2);
/// returns the sum of their areas (through `dyn Shape`).
#[no_mangle]
pub extern "C" fn dyn_shapes(n: u32) -> u32 {
    let shapes: Vec<Box<dyn Shape>> = (0..n)
        .map(|i| -> Box<dyn Shape> {
            match i % 3 {
                0 => Box::new(Square(i)),
                1 => Box::new(Rect(i, i + 1)),
                _ => Box::new(Tri(i, i + 2)),
            }
        })
        .collect();
    black_box(&shapes).iter().map(|s| s.area()).sum()
}

fn double(x: u32) -> u32 {
    x.wrapping_mul(2)
}
fn square(x: u32) -> u32 {
    x.wrapping_mul(x)
}
fn negate(x: u32) -> u32 {
    x.wrapping_neg()
}
fn rotate(x: u32) -> u32 {
    x.rotate_left(5)
}

/// Applies `[x * 2, x * x, -x, x.rotate_left(5)][sel % 4]` through a function pointer.
#[no_mangle]
pub extern "C" fn fn_ptr(sel: u32, x: u32) -> u32 {
    let table: [fn(u32) -> u32; 4] = black_box([double, square, negate, rotate]);
    table[(sel % 4) as usize](x)
}

/// A 32-arm `match` on `k % 32` (a jump table): see `formulas::big_match`.
#[no_mangle]
#[inline(never)]
pub extern "C" fn big_match(k: u32, x: u32) -> u32 {
    formulas::big_match(k, x)
}

/// Asks host function 1 (`fill_buffer(ptr, len)`) to fill a `len`-byte buffer (`len`
/// capped at 256), computes FNV-1a-32 of it, sends the hash as 4 little-endian bytes to
/// host function 2 (`emit_result(ptr, 4)`), and returns `hash ^ host1's a0 result`.
#[no_mangle]
pub extern "C" fn host_roundtrip(len: u32) -> u32 {
    let len = len.min(256);
    let mut buf = [0u8; 256];
    let filled = host_call(1, [buf.as_mut_ptr() as u32, len, 0, 0, 0, 0]) as u32;
    let mut hash: u32 = 0x811c_9dc5;
    for &b in &buf[..len as usize] {
        hash = (hash ^ b as u32).wrapping_mul(0x0100_0193);
    }
    let out = hash.to_le_bytes();
    host_call(2, [out.as_ptr() as u32, 4, 0, 0, 0, 0]);
    hash ^ filled
}

/// Indexes a 4-element array at `i`: returns `i * 10` for i < 4, panics (traps) otherwise.
#[no_mangle]
pub extern "C" fn panic_index(i: u32) -> u32 {
    let table = black_box([0u32, 10, 20, 30]);
    table[i as usize]
}

/// Never returns: must end in OutOfGas.
#[no_mangle]
pub extern "C" fn spin() -> u32 {
    let mut x = 0u32;
    loop {
        // SAFETY: a volatile write to a local keeps the loop from being optimised out.
        unsafe { core::ptr::write_volatile(&mut x, x.wrapping_add(1)) };
    }
}

/// Recurses `n` levels with a 256-byte frame; returns the sum of the frames' checksums.
/// For large `n` it overflows the stack, which must trap at the guard page.
#[no_mangle]
pub extern "C" fn recurse_deep(n: u32) -> u32 {
    let mut frame = [0u8; 256];
    frame[(n % 256) as usize] = n as u8;
    let frame = black_box(frame);
    let below = if n == 0 { 0 } else { recurse_deep(n - 1) };
    below.wrapping_add(frame.iter().map(|&b| b as u32).sum::<u32>())
}

static mut COUNTER: u32 = 7;
static TABLE: [u32; 8] = [3, 1, 4, 1, 5, 9, 2, 6];
static mut ZEROED: [u32; 64] = [0; 64];

/// Returns the address of a `.data` static in the low word and of a `.rodata` static
/// in the high word.
#[no_mangle]
pub extern "C" fn data_addrs() -> u64 {
    let rw = core::ptr::addr_of!(COUNTER) as u32;
    let ro = black_box(&TABLE) as *const _ as u32;
    rw as u64 | (ro as u64) << 32
}

/// Adds `v` to `COUNTER` (initially 7) and stores it in a `.bss` array at `v % 64`;
/// returns the new counter plus the sum of the array. State persists across calls.
#[no_mangle]
pub extern "C" fn bss_write(v: u32) -> u32 {
    // SAFETY: guests are single-threaded and these statics are only used here.
    unsafe {
        let counter = &mut *core::ptr::addr_of_mut!(COUNTER);
        *counter = counter.wrapping_add(v);
        let zeroed = &mut *core::ptr::addr_of_mut!(ZEROED);
        zeroed[(v % 64) as usize] = *counter;
        counter.wrapping_add(zeroed.iter().fold(0u32, |a, &x| a.wrapping_add(x)))
    }
}

/// `TABLE[i % 8]` with `TABLE = [3, 1, 4, 1, 5, 9, 2, 6]` in read-only data.
#[no_mangle]
pub extern "C" fn ro_read(i: u32) -> u32 {
    black_box(&TABLE)[(i % 8) as usize]
}

/// Returns 0: for per-call overhead.
#[no_mangle]
pub extern "C" fn noop() -> u32 {
    0
}
