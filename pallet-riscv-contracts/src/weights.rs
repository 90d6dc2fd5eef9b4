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
    /// `vm_gas_interpreted`.
    fn vm_gas_interpreted(r: u32) -> Weight;
    /// `code_load_interpreted`.
    fn code_load_interpreted(c: u32) -> Weight;
    /// `code_load_native`.
    fn code_load_native(c: u32) -> Weight;
    /// `seal_set_storage`.
    fn seal_set_storage(r: u32) -> Weight;
    /// `seal_hash_blake2_256`.
    fn seal_hash_blake2_256(r: u32) -> Weight;
    /// `seal_deposit_event`.
    fn seal_deposit_event(r: u32) -> Weight;
    /// `seal_ecdsa_recover`.
    fn seal_ecdsa_recover(r: u32) -> Weight;
    /// `seal_ecdsa_to_eth_address`.
    fn seal_ecdsa_to_eth_address(r: u32) -> Weight;
    /// `seal_sr25519_verify`.
    fn seal_sr25519_verify(r: u32) -> Weight;
    /// `instantiate_with_code`.
    fn instantiate_with_code(c: u32, i: u32) -> Weight;
}

/// `upload_code`'s measured time.
fn measured_upload_code(c: u32) -> Weight {
    Weight::from_parts(9977200, 1000)
        .saturating_add(Weight::from_parts(3995, 0).saturating_mul(c.into()))
}

/// `remove_code`'s measured time.
fn measured_remove_code() -> Weight {
    Weight::from_parts(11737000, 1000)
}

/// `instantiate`'s measured time.
fn measured_instantiate(i: u32) -> Weight {
    Weight::from_parts(51554000, 10000)
        .saturating_add(Weight::from_parts(341, 0).saturating_mul(i.into()))
}

/// `call`'s measured time.
fn measured_call(i: u32) -> Weight {
    Weight::from_parts(5438000, 10000)
        .saturating_add(Weight::from_parts(58, 0).saturating_mul(i.into()))
}

/// `vm_gas`'s measured time.
fn measured_vm_gas(r: u32) -> Weight {
    Weight::from_parts(0, 0).saturating_add(Weight::from_parts(6124864, 0).saturating_mul(r.into()))
}

/// `seal_set_storage`'s measured time.
fn measured_seal_set_storage(r: u32) -> Weight {
    Weight::from_parts(6639799, 0)
        .saturating_add(Weight::from_parts(1775392, 0).saturating_mul(r.into()))
}

/// `seal_hash_blake2_256`'s measured time.
fn measured_seal_hash_blake2_256(r: u32) -> Weight {
    Weight::from_parts(7288599, 0)
        .saturating_add(Weight::from_parts(980176, 0).saturating_mul(r.into()))
}

/// `seal_deposit_event`'s measured time.
fn measured_seal_deposit_event(r: u32) -> Weight {
    Weight::from_parts(6251000, 0)
        .saturating_add(Weight::from_parts(2091659, 0).saturating_mul(r.into()))
}

/// `seal_ecdsa_recover`'s measured time.
fn measured_seal_ecdsa_recover(r: u32) -> Weight {
    Weight::from_parts(41380000, 0)
        .saturating_add(Weight::from_parts(38579570, 0).saturating_mul(r.into()))
}

/// `seal_ecdsa_to_eth_address`'s measured time.
fn measured_seal_ecdsa_to_eth_address(r: u32) -> Weight {
    Weight::from_parts(5040000, 0)
        .saturating_add(Weight::from_parts(7122800, 0).saturating_mul(r.into()))
}

/// `seal_sr25519_verify`'s measured time.
fn measured_seal_sr25519_verify(r: u32) -> Weight {
    Weight::from_parts(15930000, 0)
        .saturating_add(Weight::from_parts(37383540, 0).saturating_mul(r.into()))
}

/// `instantiate_with_code`'s measured time.
fn measured_instantiate_with_code(c: u32, i: u32) -> Weight {
    measured_upload_code(c).saturating_add(measured_instantiate(i))
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn upload_code(c: u32) -> Weight {
        measured_upload_code(c).saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn remove_code() -> Weight {
        measured_remove_code().saturating_add(T::DbWeight::get().reads_writes(2, 3))
    }
    fn instantiate(i: u32) -> Weight {
        measured_instantiate(i).saturating_add(T::DbWeight::get().reads_writes(5, 5))
    }
    fn call(i: u32) -> Weight {
        measured_call(i).saturating_add(T::DbWeight::get().reads_writes(4, 2))
    }
    fn vm_gas(r: u32) -> Weight {
        measured_vm_gas(r)
    }
    fn vm_gas_interpreted(r: u32) -> Weight {
        measured_vm_gas(r)
    }
    fn code_load_interpreted(c: u32) -> Weight {
        measured_upload_code(c)
    }
    fn code_load_native(c: u32) -> Weight {
        measured_upload_code(c)
    }
    fn seal_set_storage(r: u32) -> Weight {
        measured_seal_set_storage(r)
    }
    fn seal_hash_blake2_256(r: u32) -> Weight {
        measured_seal_hash_blake2_256(r)
    }
    fn seal_deposit_event(r: u32) -> Weight {
        measured_seal_deposit_event(r)
    }
    fn seal_ecdsa_recover(r: u32) -> Weight {
        measured_seal_ecdsa_recover(r)
    }
    fn seal_ecdsa_to_eth_address(r: u32) -> Weight {
        measured_seal_ecdsa_to_eth_address(r)
    }
    fn seal_sr25519_verify(r: u32) -> Weight {
        measured_seal_sr25519_verify(r)
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        measured_instantiate_with_code(c, i).saturating_add(T::DbWeight::get().reads_writes(7, 8))
    }
}

/// For tests: the measured times without database weights.
impl WeightInfo for () {
    fn upload_code(c: u32) -> Weight {
        measured_upload_code(c)
    }
    fn remove_code() -> Weight {
        measured_remove_code()
    }
    fn instantiate(i: u32) -> Weight {
        measured_instantiate(i)
    }
    fn call(i: u32) -> Weight {
        measured_call(i)
    }
    fn vm_gas(r: u32) -> Weight {
        measured_vm_gas(r)
    }
    fn vm_gas_interpreted(r: u32) -> Weight {
        measured_vm_gas(r)
    }
    fn code_load_interpreted(c: u32) -> Weight {
        measured_upload_code(c)
    }
    fn code_load_native(c: u32) -> Weight {
        measured_upload_code(c)
    }
    fn seal_set_storage(r: u32) -> Weight {
        measured_seal_set_storage(r)
    }
    fn seal_hash_blake2_256(r: u32) -> Weight {
        measured_seal_hash_blake2_256(r)
    }
    fn seal_deposit_event(r: u32) -> Weight {
        measured_seal_deposit_event(r)
    }
    fn seal_ecdsa_recover(r: u32) -> Weight {
        measured_seal_ecdsa_recover(r)
    }
    fn seal_ecdsa_to_eth_address(r: u32) -> Weight {
        measured_seal_ecdsa_to_eth_address(r)
    }
    fn seal_sr25519_verify(r: u32) -> Weight {
        measured_seal_sr25519_verify(r)
    }
    fn instantiate_with_code(c: u32, i: u32) -> Weight {
        measured_instantiate_with_code(c, i)
    }
}
