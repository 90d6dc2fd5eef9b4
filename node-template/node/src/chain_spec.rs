//! Chain specifications: `dev` (one node, the dev accounts funded, Alice as sudo).

use sc_service::ChainType;

/// The runtime, built to Wasm by `build.rs`.
pub const WASM_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rivet_runtime.wasm"));

/// The chain specification type.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The development chain.
pub fn development() -> Result<ChainSpec, String> {
    let mut properties = sc_chain_spec::Properties::new();
    properties.insert("tokenSymbol".into(), "RVT".into());
    properties.insert("tokenDecimals".into(), 12.into());
    // Wallets (polkadot.js, apps) show addresses in the runtime's format: `5Grw…`.
    properties.insert("ss58Format".into(), rivet_runtime::SS58_PREFIX.into());
    Ok(ChainSpec::builder(WASM_BINARY, Default::default())
        .with_name("Rivet Development")
        .with_id("rivet_dev")
        .with_chain_type(ChainType::Development)
        .with_genesis_config_preset_name(sp_genesis_builder_dev())
        .with_properties(properties)
        .build())
}

/// The name of the development preset.
fn sp_genesis_builder_dev() -> &'static str {
    "development"
}
