//! Functions whose source is shared by the guest (compiled to RV32EM) and the host
//! tests (compiled natively, `#[path]`-included), so the tests compare the VM against
//! native execution of the very same code.

/// A 32-arm `match` on `k % 32` (a jump table on RV32); arm `j` returns `f_j(x)`.
#[inline(never)]
pub fn big_match(k: u32, x: u32) -> u32 {
    match k % 32 {
        0 => x.wrapping_add(1),
        1 => x.wrapping_mul(3),
        2 => x ^ 0x55,
        3 => x.rotate_left(1),
        4 => x.wrapping_sub(7),
        5 => x >> 2,
        6 => x << 3,
        7 => !x,
        8 => x.wrapping_mul(x),
        9 => x | 0x100,
        10 => x & 0xff,
        11 => x.swap_bytes(),
        12 => x.count_ones(),
        13 => x.leading_zeros(),
        14 => x.trailing_zeros(),
        15 => x.wrapping_add(0x1234_5678),
        16 => x / 3,
        17 => x % 10,
        18 => x.rotate_right(9),
        19 => x.wrapping_mul(0x9e37_79b9),
        20 => x ^ (x >> 16),
        21 => x.reverse_bits(),
        22 => (x as i32 >> 4) as u32,
        23 => x.wrapping_add(x >> 1),
        24 => x.wrapping_sub(x << 2),
        25 => x ^ 0xdead_beef,
        26 => x / 7 + 1,
        27 => x.wrapping_mul(17).wrapping_add(5),
        28 => (x & 0xffff) << 16,
        29 => x.max(1000),
        30 => x.min(1000),
        _ => x.wrapping_neg().wrapping_add(3),
    }
}
