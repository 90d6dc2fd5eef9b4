//! The raw counter contract (`executor/guests/raw-contract`, written directly against
//! `rivet-host-api`) on the mock host, on both engines: every host function it uses,
//! reverts and traps roll back, out of gas, termination; identical gas on both engines.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{EngineKind, Instance, Limits, Module, Program, TrapKind};
use rivet_host_api::ReturnCode;
use rivet_mock_host::{CallOutput, Event, MockError, MockHost};
use rivet_toolchain::{GuestBuild, GuestTarget};

fn program() -> Arc<Program> {
    static P: OnceLock<Arc<Program>> = OnceLock::new();
    P.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../executor/guests/raw-contract");
        let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32emc))
            .unwrap_or_else(|e| panic!("{e}"));
        let parts = link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap();
        Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap())
    })
    .clone()
}

/// Runs `calls` (export, input, gas) on a fresh deployment with each engine; checks that
/// both engines give the same results, gas and host state; returns one engine's.
fn scenario(calls: &[(&str, Vec<u8>, u64)]) -> (Vec<Result<CallOutput, MockError>>, MockHost) {
    let mut seen: Option<(Vec<Result<CallOutput, MockError>>, MockHost)> = None;
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let mut host = MockHost::default();
        let results: Vec<_> = calls
            .iter()
            .map(|(export, input, gas)| {
                host.call(&mut *instance as &mut dyn Instance, export, input, *gas)
            })
            .collect();
        if let Some((r, h)) = &seen {
            assert_eq!(r, &results, "engines disagree");
            assert_eq!(
                (&h.storage, h.balance, &h.events),
                (&host.storage, host.balance, &host.events)
            );
        }
        seen = Some((results, host));
    }
    seen.unwrap()
}

const GAS: u64 = 10_000_000;

fn call(input: &[u8]) -> (&'static str, Vec<u8>, u64) {
    ("call", input.to_vec(), GAS)
}

fn deploy(v: u32) -> (&'static str, Vec<u8>, u64) {
    ("deploy", v.to_le_bytes().to_vec(), GAS)
}

fn data(r: &Result<CallOutput, MockError>) -> Vec<u8> {
    let out = r.as_ref().unwrap();
    assert!(!out.reverted);
    out.data.clone()
}

#[test]
fn deploy_get_and_increment_with_events() {
    let (r, host) = scenario(&[deploy(5), call(&[0]), call(&[1, 3, 0, 0, 0]), call(&[0])]);
    assert_eq!(data(&r[1]), 5u32.to_le_bytes());
    assert_eq!(data(&r[2]), 8u32.to_le_bytes());
    assert_eq!(data(&r[3]), 8u32.to_le_bytes());
    assert_eq!(host.storage.get(&b"count"[..]), Some(&8u32.to_le_bytes().to_vec()));
    assert_eq!(
        host.events,
        vec![Event {
            contract: host.address,
            topics: vec![host.caller],
            data: 8u32.to_le_bytes().to_vec()
        }]
    );
    assert_eq!(host.debug_messages, vec!["incremented".to_string()]);
    assert!(r.iter().all(|r| r.as_ref().unwrap().gas_used > 0));
}

#[test]
fn revert_rolls_back_and_returns_data() {
    let (r, host) = scenario(&[deploy(5), call(&[2]), call(&[0])]);
    let out = r[1].as_ref().unwrap();
    assert!(out.reverted);
    assert_eq!(out.data, b"no");
    assert_eq!(data(&r[2]), 5u32.to_le_bytes(), "the revert's store of 999 is gone");
    assert_eq!(host.storage.get(&b"count"[..]), Some(&5u32.to_le_bytes().to_vec()));
}

#[test]
fn trap_and_out_of_gas_roll_back() {
    let (r, host) =
        scenario(&[deploy(5), call(&[6]), ("call", vec![1, 1, 0, 0, 0], 150), call(&[0])]);
    assert!(matches!(r[1], Err(MockError::Trap { kind: TrapKind::Unimp, .. })), "{:?}", r[1]);
    assert_eq!(r[2], Err(MockError::OutOfGas));
    assert_eq!(data(&r[3]), 5u32.to_le_bytes());
    assert!(host.events.is_empty());
}

#[test]
fn environment_and_hashes() {
    let (r, host) = scenario(&[deploy(0), call(&[3]), call(b"\x04abc")]);
    let env = data(&r[1]);
    assert_eq!(&env[..32], &host.caller);
    assert_eq!(&env[32..48], &host.value_transferred.to_le_bytes());
    assert_eq!(&env[48..52], &host.block_number.to_le_bytes());
    assert_eq!(&env[52..60], &host.now.to_le_bytes());
    let hashes = data(&r[2]);
    assert_eq!(&hashes[..32], Blake2b::<U32>::digest(b"abc").as_slice());
    assert_eq!(&hashes[32..64], sha3::Keccak256::digest(b"abc").as_slice());
    assert_eq!(&hashes[64..], sha2::Sha256::digest(b"abc").as_slice());
}

#[test]
fn transfers_and_termination() {
    let pay = |v: u128| {
        let mut input = vec![5];
        input.extend_from_slice(&v.to_le_bytes());
        call(&input)
    };
    let (r, host) = scenario(&[deploy(1), pay(100), pay(10_000_000), call(&[7])]);
    assert_eq!(data(&r[1]), (ReturnCode::Success as u32).to_le_bytes());
    assert_eq!(data(&r[2]), (ReturnCode::TransferFailed as u32).to_le_bytes());
    let out = r[3].as_ref().unwrap();
    assert_eq!(out.terminated, Some(host.caller));
    assert_eq!(host.transfers, vec![(host.caller, 100), (host.caller, 1_000_000 - 100)]);
    assert_eq!(host.balance, 0);
    assert!(host.storage.is_empty());
}

#[test]
fn unknown_export_is_an_error() {
    let (r, _) = scenario(&[("nope", vec![], GAS)]);
    assert_eq!(r[0], Err(MockError::NoSuchExport("nope".into())));
}
