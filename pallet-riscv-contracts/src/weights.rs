//! Weights of the extrinsics, besides the gas their contracts use (which the gas limit
//! pays for). `SubstrateWeight` is what runtimes use.
//!
//! These are provisional figures derived from the database weights of the storage each
//! extrinsic touches, not yet measured with `frame-benchmarking`.

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::Weight;

/// Weight functions of the pallet.
pub trait WeightInfo {
    /// `upload_code` of `c` bytes.
    fn upload_code(c: u32) -> Weight;
    /// `remove_code`.
    fn remove_code() -> Weight;
    /// `instantiate_with_code` of `c` bytes of code and `i` bytes of input.
    fn instantiate_with_code(c: u32, i: u32) -> Weight;
    /// `instantiate` with `i` bytes of input.
    fn instantiate(i: u32) -> Weight;
    /// `call` with `i` bytes of input.
    fn call(i: u32) -> Weight;
}

/// Weights from the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

/// Picoseconds per byte validated and hashed at upload (the validator runs at about
/// 300 MB/s: BENCHMARKS.md, "Preparation").
const VALIDATE_PER_BYTE: u64 = 4_000;
/// Picoseconds per input byte copied.
const INPUT_PER_BYTE: u64 = 200;
/// Fixed cost of an extrinsic's own logic.
const BASE: u64 = 20_000_000;

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn upload_code(c: u32) -> Weight {
        Weight::from_parts(BASE + VALIDATE_PER_BYTE * c as u64, c as u64 + 1_000)
            .saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn remove_code() -> Weight {
        Weight::from_parts(BASE, 1_000).saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        Self::upload_code(c).saturating_add(Self::instantiate(i))
    }
    fn instantiate(i: u32) -> Weight {
        Weight::from_parts(BASE + INPUT_PER_BYTE * i as u64, 10_000)
            .saturating_add(T::DbWeight::get().reads_writes(5, 5))
    }
    fn call(i: u32) -> Weight {
        Weight::from_parts(BASE + INPUT_PER_BYTE * i as u64, 10_000)
            .saturating_add(T::DbWeight::get().reads_writes(4, 2))
    }
}

/// For tests: the same figures with the unit database weights.
impl WeightInfo for () {
    fn upload_code(c: u32) -> Weight {
        Weight::from_parts(BASE + VALIDATE_PER_BYTE * c as u64, c as u64 + 1_000)
    }
    fn remove_code() -> Weight {
        Weight::from_parts(BASE, 1_000)
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        Self::upload_code(c).saturating_add(Self::instantiate(i))
    }
    fn instantiate(i: u32) -> Weight {
        Weight::from_parts(BASE + INPUT_PER_BYTE * i as u64, 10_000)
    }
    fn call(i: u32) -> Weight {
        Weight::from_parts(BASE + INPUT_PER_BYTE * i as u64, 10_000)
    }
}
