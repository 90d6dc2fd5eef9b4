//! Chain specifications: `dev` (one node sealing blocks on demand, the dev accounts
//! funded, Alice as sudo) and `local` (Alice, Bob and Charlie as validators: Aura and
//! GRANDPA).

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

/// The development chain.
pub fn development() -> Result<ChainSpec, String> {
    Ok(ChainSpec::builder(WASM_BINARY, Default::default())
        .with_name("Rivet Development")
        .with_id("rivet_dev")
        .with_chain_type(ChainType::Development)
        .with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
        .with_properties(properties())
        .build())
}

/// The local network: three validators on one machine.
pub fn local_testnet() -> Result<ChainSpec, String> {
    Ok(ChainSpec::builder(WASM_BINARY, Default::default())
        .with_name("Rivet Local Testnet")
        .with_id("rivet_local")
        .with_chain_type(ChainType::Local)
        .with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
        .with_properties(properties())
        .build())
}
