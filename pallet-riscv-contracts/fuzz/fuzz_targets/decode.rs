//! SCALE decoding of what the chain takes from outside: extrinsics (the dev runtime's
//! `UncheckedExtrinsic`, as the node decodes them, and its `RuntimeCall`s, the
//! contracts pallet's among them) and the arguments of the contracts pallet's runtime
//! API (`ContractsApi_call`, `_instantiate`, `_upload_code`, as `state_call` hands them
//! over). The first byte picks the type. Decoding must never panic, hang or allocate
//! without bound, and whatever decodes must encode to a value that decodes to itself.
#![no_main]

use codec::{Decode, DecodeLimit, Encode};
use libfuzzer_sys::fuzz_target;
use rivet_contracts_api::runtime_api::{CallArgs, InstantiateArgs, UploadCodeArgs};
use rivet_runtime::{AccountId, Balance, RuntimeCall, UncheckedExtrinsic};

/// The nesting the node allows when it decodes an extrinsic
/// (`sp_runtime::MAX_EXTRINSIC_DEPTH`'s value).
const MAX_DEPTH: u32 = 256;

fn round_trip<T: Decode + Encode + PartialEq + core::fmt::Debug>(bytes: &[u8]) {
    let Ok(value) = T::decode_with_depth_limit(MAX_DEPTH, &mut &bytes[..]) else { return };
    let encoded = value.encode();
    let again = T::decode_with_depth_limit(MAX_DEPTH, &mut &encoded[..])
        .unwrap_or_else(|e| panic!("a decoded value's encoding does not decode: {e}"));
    assert!(again == value, "a decoded value's encoding decodes to another value");
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    match kind % 5 {
        0 => round_trip::<UncheckedExtrinsic>(bytes),
        1 => round_trip::<RuntimeCall>(bytes),
        2 => round_trip::<CallArgs<AccountId, Balance>>(bytes),
        3 => round_trip::<InstantiateArgs<AccountId, Balance>>(bytes),
        _ => round_trip::<UploadCodeArgs<AccountId, Balance>>(bytes),
    }
});
