//! Weights of the extrinsics, besides the gas their contracts use (which the gas
//! limit pays for), and of VM gas and host functions, measured with the pallet's
//! `frame-benchmarking` benchmarks (`benchmarking.rs`) by `benches/weights.rs`:
//!
//! ```sh
//! cargo bench -p pallet-riscv-contracts --features runtime-benchmarks --bench weights -- --write
//! ```
//!
//! GENERATED; do not edit by hand. Times are native on the in-runtime interpreter
//! (the engine every node can run); database accesses are added from the
//! runtime's `DbWeight`.

use core::marker::PhantomData;

use frame_support::traits::Get;
use frame_support::weights::Weight;

/// Weight functions of the pallet.
pub trait WeightInfo {
    /// `upload_code`.
    fn upload_code(c: u32) -> Weight;
    /// `remove_code`.
    fn remove_code() -> Weight;
    /// `instantiate`.
    fn instantiate(i: u32) -> Weight;
    /// `call`.
    fn call(i: u32) -> Weight;
    /// `vm_gas`.
    fn vm_gas(r: u32) -> Weight;
    /// `seal_set_storage`.
    fn seal_set_storage(r: u32) -> Weight;
    /// `seal_hash_blake2_256`.
    fn seal_hash_blake2_256(r: u32) -> Weight;
    /// `seal_deposit_event`.
    fn seal_deposit_event(r: u32) -> Weight;
    /// `instantiate_with_code`.
    fn instantiate_with_code(c: u32, i: u32) -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn upload_code(c: u32) -> Weight {
        Weight::from_parts(17101199, 1000)
            .saturating_add(Weight::from_parts(3531, 0).saturating_mul(c.into()))
            .saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn remove_code() -> Weight {
        Weight::from_parts(12038000, 1000).saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn instantiate(i: u32) -> Weight {
        Weight::from_parts(49180600, 10000)
            .saturating_add(Weight::from_parts(947, 0).saturating_mul(i.into()))
            .saturating_add(T::DbWeight::get().reads_writes(5, 5))
    }
    fn call(i: u32) -> Weight {
        Weight::from_parts(5368200, 10000)
            .saturating_add(Weight::from_parts(0, 0).saturating_mul(i.into()))
            .saturating_add(T::DbWeight::get().reads_writes(4, 2))
    }
    fn vm_gas(r: u32) -> Weight {
        Weight::from_parts(0, 0)
            .saturating_add(Weight::from_parts(5926976, 0).saturating_mul(r.into()))
    }
    fn seal_set_storage(r: u32) -> Weight {
        Weight::from_parts(14863999, 0)
            .saturating_add(Weight::from_parts(1394508, 0).saturating_mul(r.into()))
    }
    fn seal_hash_blake2_256(r: u32) -> Weight {
        Weight::from_parts(5335799, 0)
            .saturating_add(Weight::from_parts(965388, 0).saturating_mul(r.into()))
    }
    fn seal_deposit_event(r: u32) -> Weight {
        Weight::from_parts(19078000, 0)
            .saturating_add(Weight::from_parts(2336704, 0).saturating_mul(r.into()))
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        Self::upload_code(c).saturating_add(Self::instantiate(i))
    }
}

/// For tests: the same figures without database weights.
impl WeightInfo for () {
    fn upload_code(c: u32) -> Weight {
        Weight::from_parts(17101199, 1000)
            .saturating_add(Weight::from_parts(3531, 0).saturating_mul(c.into()))
    }
    fn remove_code() -> Weight {
        Weight::from_parts(12038000, 1000)
    }
    fn instantiate(i: u32) -> Weight {
        Weight::from_parts(49180600, 10000)
            .saturating_add(Weight::from_parts(947, 0).saturating_mul(i.into()))
    }
    fn call(i: u32) -> Weight {
        Weight::from_parts(5368200, 10000)
            .saturating_add(Weight::from_parts(0, 0).saturating_mul(i.into()))
    }
    fn vm_gas(r: u32) -> Weight {
        Weight::from_parts(0, 0)
            .saturating_add(Weight::from_parts(5926976, 0).saturating_mul(r.into()))
    }
    fn seal_set_storage(r: u32) -> Weight {
        Weight::from_parts(14863999, 0)
            .saturating_add(Weight::from_parts(1394508, 0).saturating_mul(r.into()))
    }
    fn seal_hash_blake2_256(r: u32) -> Weight {
        Weight::from_parts(5335799, 0)
            .saturating_add(Weight::from_parts(965388, 0).saturating_mul(r.into()))
    }
    fn seal_deposit_event(r: u32) -> Weight {
        Weight::from_parts(19078000, 0)
            .saturating_add(Weight::from_parts(2336704, 0).saturating_mul(r.into()))
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        Self::upload_code(c).saturating_add(Self::instantiate(i))
    }
}
