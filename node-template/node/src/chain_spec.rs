//! Chain specifications: `dev` (one node sealing blocks on demand, the dev accounts
//! funded, Alice as sudo) and `local` (Alice, Bob, Charlie and Dave as validators: Aura
//! and GRANDPA).

use sc_service::ChainType;

/// The runtime, built to Wasm by `build.rs`.
pub const WASM_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rivet_runtime.wasm"));

/// The chain specification type.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets (polkadot.js, apps) are told of the token and addresses: `RVT`, 12
/// decimals, and addresses in the runtime's format (`5Grw…`).
fn properties() -> sc_chain_spec::Properties {
    let mut properties = sc_chain_spec::Properties::new();
    properties.insert("tokenSymbol".into(), "RVT".into());
    properties.insert("tokenDecimals".into(), 12.into());
    properties.insert("ss58Format".into(), rivet_runtime::SS58_PREFIX.into());
    properties
}

/// A chain of this runtime from one of its genesis presets.
fn chain(name: &str, id: &str, chain_type: ChainType, preset: &str) -> ChainSpec {
    ChainSpec::builder(WASM_BINARY, Default::default())
        .with_name(name)
        .with_id(id)
        .with_chain_type(chain_type)
        .with_genesis_config_preset_name(preset)
        .with_properties(properties())
        .build()
}

/// The development chain.
pub fn development() -> Result<ChainSpec, String> {
    let preset = sp_genesis_builder::DEV_RUNTIME_PRESET;
    Ok(chain("Rivet Development", "rivet_dev", ChainType::Development, preset))
}

/// The local network: four validators on one machine, so that one can be down.
pub fn local_testnet() -> Result<ChainSpec, String> {
    let preset = sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
    Ok(chain("Rivet Local Testnet", "rivet_local", ChainType::Local, preset))
}
