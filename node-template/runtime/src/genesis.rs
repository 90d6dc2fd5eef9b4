//! Genesis presets: `development` (one validator, Alice, whose node seals blocks on
//! demand) and `local_testnet` (Alice, Bob, Charlie and Dave, producing blocks by Aura
//! and finalizing them by GRANDPA). Both fund the usual dev accounts and make Alice sudo.

use alloc::vec;
use alloc::vec::Vec;

use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{BalancesConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, UNIT};

/// What each dev account starts with: a million tokens.
pub const DEV_ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// A preset whose validators are `validators`, each named by its dev keys: its sr25519
/// key (its account, and its Aura key) and its ed25519 key (its GRANDPA key), the keys
/// `rivet-node --alice` (`--bob`, …) puts in its keystore.
fn with_validators(validators: &[(Sr25519Keyring, Ed25519Keyring)]) -> serde_json::Value {
    let keys = validators
        .iter()
        .map(|&(sr, ed)| {
            let keys = SessionKeys { aura: sr.public().into(), grandpa: ed.public().into() };
            (sr.to_account_id(), sr.to_account_id(), keys)
        })
        .collect::<Vec<_>>();
    frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: Sr25519Keyring::iter()
                .map(|k| (k.to_account_id(), DEV_ENDOWMENT))
                .collect::<Vec<_>>(),
        },
        sudo: SudoConfig { key: Some(Sr25519Keyring::Alice.to_account_id()) },
        session: SessionConfig { keys },
    })
}

/// The development preset as a JSON patch over the default genesis: Alice validates.
pub fn development() -> serde_json::Value {
    with_validators(&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)])
}

/// The local network's preset: Alice, Bob, Charlie and Dave validate. Four, because
/// GRANDPA finalizes with more than two thirds of the votes: four validators finalize with
/// one of them down (three would need all three).
pub fn local_testnet() -> serde_json::Value {
    with_validators(&[
        (Sr25519Keyring::Alice, Ed25519Keyring::Alice),
        (Sr25519Keyring::Bob, Ed25519Keyring::Bob),
        (Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
        (Sr25519Keyring::Dave, Ed25519Keyring::Dave),
    ])
}

/// The preset named `id`, as JSON bytes.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
    let patch = match id.as_ref() {
        sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
        sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
        _ => return None,
    };
    Some(serde_json::to_string(&patch).expect("JSON values serialize; qed").into_bytes())
}

/// The presets there are.
pub fn preset_names() -> Vec<PresetId> {
    vec![
        PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
        PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
    ]
}
