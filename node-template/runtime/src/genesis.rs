//! Genesis presets: `development` (the usual dev accounts funded, Alice as sudo).

use alloc::vec;
use alloc::vec::Vec;

use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

use crate::{BalancesConfig, RuntimeGenesisConfig, SudoConfig, UNIT};

/// What each dev account starts with: a million tokens.
pub const DEV_ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// The development preset as a JSON patch over the default genesis.
pub fn development() -> serde_json::Value {
    frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: Sr25519Keyring::iter()
                .map(|k| (k.to_account_id(), DEV_ENDOWMENT))
                .collect::<Vec<_>>(),
        },
        sudo: SudoConfig { key: Some(Sr25519Keyring::Alice.to_account_id()) },
    })
}

/// The preset named `id`, as JSON bytes.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
    let patch = match id.as_ref() {
        sp_genesis_builder::DEV_RUNTIME_PRESET
        | sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => development(),
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
