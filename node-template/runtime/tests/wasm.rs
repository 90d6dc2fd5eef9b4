//! The runtime compiled to Wasm (as a node runs it) and executed by sc-executor: its
//! version and genesis presets, and a contract uploaded, instantiated and called through
//! its `ContractsApi`, on both client engines, with the results and gas of the native
//! runtime.

use std::path::Path;
use std::sync::OnceLock;

use codec::{Decode, Encode};
use pallet_riscv_contracts::primitives::runtime_api::{
    self as api, CallArgs, InstantiateArgs, UploadCodeArgs,
};
use pallet_riscv_contracts::{
    Code, CodeUploadResult, ContractResult, ExecReturnValue, InstantiateReturnValue,
};
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::EngineKind;
use rivet_runtime::{AccountId, Balance, BalancesConfig, Runtime, RuntimeGenesisConfig};
use rivet_runtime_interface::ext::{ModuleCache, RivetVmExt};
use rivet_runtime_interface::rivet_vm;
use sc_executor::WasmExecutor;
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
use sp_runtime::BuildStorage;

type Executor = WasmExecutor<(sp_io::SubstrateHostFunctions, rivet_vm::HostFunctions)>;

fn runtime_wasm() -> &'static [u8] {
    static WASM: OnceLock<Vec<u8>> = OnceLock::new();
    WASM.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        rivet_toolchain::runtime_wasm(&manifest, "rivet_runtime", &[])
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn flipper() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../contracts/upstream/ink-5.1.1/public/flipper");
    let build = rivet_toolchain::GuestBuild::new(dir, rivet_toolchain::GuestTarget::Rv32emc);
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap().to_bytes()
}

const ALICE: [u8; 32] = [1; 32];

/// Genesis with Alice funded, the client VM on `kind`.
fn chain(kind: EngineKind) -> sp_io::TestExternalities {
    let storage = RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: vec![(AccountId::from(ALICE), 1_000_000 * rivet_runtime::UNIT)],
            ..Default::default()
        },
        ..Default::default()
    }
    .build_storage()
    .unwrap();
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.register_extension(RivetVmExt::new(kind, ModuleCache::new(8)));
    ext
}

/// Calls runtime API function `method` in the Wasm runtime (compiled once per test
/// binary: the executor caches it by hash, as a node does).
fn call_wasm<R: Decode>(ext: &mut sp_io::TestExternalities, method: &str, args: impl Encode) -> R {
    static EXECUTOR: OnceLock<Executor> = OnceLock::new();
    let executor = EXECUTOR.get_or_init(|| Executor::builder().build());
    let code = WrappedRuntimeCode(runtime_wasm().into());
    let hash = sp_io::hashing::blake2_256(runtime_wasm()).to_vec();
    let runtime_code = RuntimeCode { code_fetcher: &code, heap_pages: None, hash };
    let (out, _) =
        executor.call(&mut ext.ext(), &runtime_code, method, &args.encode(), CallContext::Offchain);
    let out = out.unwrap_or_else(|e| panic!("{method}: {e}"));
    R::decode(&mut &out[..]).unwrap_or_else(|e| panic!("{method}: {e}"))
}

/// ink!'s selector of `name`.
fn sel(name: &str) -> Vec<u8> {
    sp_io::hashing::blake2_256(name.as_bytes())[..4].to_vec()
}

/// What a session with flipper returns: deposit, gas and data of each step.
type Transcript = Vec<(u128, u64, Vec<u8>)>;

/// Upload, instantiate `new(true)`, `get`, `flip`, `get` through the runtime API, in
/// Wasm (`wasm`) or natively.
fn session(ext: &mut sp_io::TestExternalities, wasm: bool) -> Transcript {
    let alice = AccountId::from(ALICE);
    let code = flipper();
    let upload: CodeUploadResult<Balance> = if wasm {
        let args = UploadCodeArgs::<AccountId, Balance> {
            origin: alice.clone(),
            code: code.clone(),
            storage_deposit_limit: None,
        };
        call_wasm(ext, api::UPLOAD_CODE, args)
    } else {
        ext.execute_with(|| {
            rivet_runtime::Contracts::bare_upload_code(alice.clone(), code.clone(), None)
        })
    };
    let (code_hash, deposit) =
        upload.unwrap_or_else(|(e, m)| panic!("{e:?}: {}", String::from_utf8_lossy(&m)));
    let mut t = vec![(deposit, 0, code_hash.as_bytes().to_vec())];
    let new = [sel("new"), vec![1]].concat();
    let args = InstantiateArgs::<AccountId, Balance> {
        origin: alice.clone(),
        value: 0,
        gas_limit: None,
        storage_deposit_limit: None,
        code: Code::Existing(code_hash),
        data: new,
        salt: vec![7u8],
    };
    let r: ContractResult<InstantiateReturnValue<AccountId>, Balance> = if wasm {
        call_wasm(ext, api::INSTANTIATE, args)
    } else {
        let gas = sp_runtime::Weight::from_parts(1_000_000_000_000, u64::MAX);
        ext.execute_with(|| {
            let a = args;
            rivet_runtime::Contracts::bare_instantiate(
                a.origin, 0, gas, None, a.code, a.data, a.salt,
            )
        })
    };
    let contract = r.result.expect("the constructor runs").account_id;
    t.push((r.storage_deposit.charge_or_zero(), r.gas_consumed.ref_time(), contract.encode()));
    for message in ["get", "flip", "get"] {
        let args = CallArgs::<AccountId, Balance> {
            origin: alice.clone(),
            dest: contract.clone(),
            value: 0,
            gas_limit: None,
            storage_deposit_limit: None,
            input_data: sel(message),
        };
        let r: ContractResult<ExecReturnValue, Balance> = if wasm {
            call_wasm(ext, api::CALL, args)
        } else {
            let gas = sp_runtime::Weight::from_parts(1_000_000_000_000, u64::MAX);
            ext.execute_with(|| {
                rivet_runtime::Contracts::bare_call(
                    args.origin,
                    args.dest,
                    0,
                    gas,
                    None,
                    args.input_data,
                )
            })
        };
        let v = r.result.expect("the message runs");
        t.push((r.storage_deposit.charge_or_zero(), r.gas_consumed.ref_time(), v.data));
    }
    t
}

#[test]
fn the_wasm_runtime_reports_its_version_and_presets() {
    let mut ext = chain(EngineKind::Auto);
    let version: sp_version::RuntimeVersion = call_wasm(&mut ext, "Core_version", ());
    assert_eq!(version.spec_name, "rivet");
    assert_eq!(version, rivet_runtime::VERSION);
    let presets: Vec<sp_genesis_builder::PresetId> =
        call_wasm(&mut ext, "GenesisBuilder_preset_names", ());
    assert!(presets.contains(&sp_genesis_builder::DEV_RUNTIME_PRESET.into()), "{presets:?}");
    let dev: Option<Vec<u8>> = call_wasm(
        &mut ext,
        "GenesisBuilder_get_preset",
        Some(sp_genesis_builder::PresetId::from("development")),
    );
    let dev = String::from_utf8(dev.expect("the development preset")).unwrap();
    assert!(dev.contains("balances") && dev.contains("sudo"), "{dev}");
    // Session keys (Aura's and GRANDPA's) in genesis: Alice's on the dev chain, Alice's,
    // Bob's, Charlie's and Dave's on the local network.
    for (preset, validators) in [("development", 1), ("local_testnet", 4)] {
        let patch: Option<Vec<u8>> = call_wasm(
            &mut ext,
            "GenesisBuilder_get_preset",
            Some(sp_genesis_builder::PresetId::from(preset)),
        );
        let patch: serde_json::Value = serde_json::from_slice(&patch.unwrap()).unwrap();
        let keys = patch["session"]["keys"].as_array().expect("session keys");
        assert_eq!(keys.len(), validators, "{preset}: {keys:?}");
        for key in keys {
            assert!(key[2]["aura"].is_string() && key[2]["grandpa"].is_string(), "{key}");
        }
    }
}

#[test]
fn contracts_run_through_the_wasm_runtime_on_both_client_engines() {
    let native = session(&mut chain(EngineKind::Recompiler), false);
    assert_eq!(native[2].2, vec![0, 1], "get: Ok(true)");
    assert_eq!(native[4].2, vec![0, 0], "get after flip: Ok(false)");
    for kind in [EngineKind::Recompiler, EngineKind::Interpreter] {
        let wasm = session(&mut chain(kind), true);
        assert_eq!(wasm, native, "{kind:?}: the Wasm runtime differs from the native one");
    }
    // The runtime rejects a blob that is not a program, with the validator's message.
    let mut ext = chain(EngineKind::Auto);
    let args = UploadCodeArgs::<AccountId, Balance> {
        origin: AccountId::from(ALICE),
        code: vec![1u8, 2, 3],
        storage_deposit_limit: None,
    };
    let r: CodeUploadResult<Balance> = call_wasm(&mut ext, api::UPLOAD_CODE, args);
    let (_, message) = r.unwrap_err();
    assert!(String::from_utf8(message).unwrap().contains("magic"));
    let _ = Runtime::metadata();
}
