//! The node under abuse: a real dev node, contracts on the recompiler, given bad code,
//! bad calls and contracts that misbehave, then stopped with SIGINT and restarted. Each
//! probe must get a clear error where one is due and cost the signer the fee and nothing
//! else; blocks must keep coming and nothing may be lost. Probes go through the `rivet`
//! CLI (which refuses bad input before submitting, with the dry run's reason) and, where
//! the CLI refuses, as signed extrinsics submitted with subxt, to see what the chain does
//! with them.

mod support;

use std::path::PathBuf;

use scale_value::Value;
use serde_json::Value as Json;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::dev;
use support::client::{failure, fee_paid, submit, tx, Client};
use support::{call, contract, contract_call, guest, guest_with, Node, BOB, FLIPPER};

/// A node with contracts on the recompiler.
fn recompiler_node(name: &str) -> Node {
    Node::start(name, &["--dev", "--rivet-engine", "recompiler"])
}

/// `rivet <args>` against `node`; its error (stderr), which it must have.
fn refused(node: &Node, args: &[&str]) -> String {
    match node.rivet(args) {
        Ok(report) => panic!("rivet {args:?} succeeded: {report}"),
        Err((_, error)) => error,
    }
}

/// A contract's address from a `rivet instantiate` report.
fn address(report: &Json) -> String {
    report["contract"].as_str().unwrap_or_else(|| panic!("no contract in {report}")).into()
}

fn account(ss58: &str) -> AccountId32 {
    ss58.parse().unwrap()
}

/// Writes `bytes` next to the test's other blobs; its path.
fn blob_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = support::target_dir().join("rivet-chain-tests").join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Submits `call` signed by Alice and waits for it: its failure (`Pallet::Error`), and
/// checks that Alice paid the fee and nothing more.
async fn fails_for_the_fee(
    client: &Client,
    call: &subxt::transactions::DynamicPayload<Vec<Value>>,
) -> String {
    let alice = dev::alice();
    let before = client.free_balance(&alice, client.finalized().await.1).await;
    let events = submit(client, &alice, call, 0).await;
    let after = client.free_balance(&alice, client.finalized().await.1).await;
    let error = failure(client, &events).await.expect("the extrinsic failed");
    assert_eq!(before - after, fee_paid(&events), "{error}: the fee and nothing else");
    error
}

#[test]
fn bad_code_is_refused_with_its_error_and_costs_only_the_fee() {
    use frame_support::traits::Get;
    let max_code_len: u32 =
        <<rivet_runtime::Runtime as pallet_riscv_contracts::Config>::MaxCodeLen as Get<u32>>::get();
    let deep = std::fs::read(guest_with("deep-contract", &["--stack-size", "1048576"])).unwrap();
    let node = recompiler_node("bad-code");

    // The most memory the limits allow: the deep contract is within a page of it.
    let limits = rivet_executor::Limits::default();
    let program = rivet_executor::Program::from_bytes(&deep, &limits).unwrap();
    let mapped = program.layout().mapped_bytes();
    assert!(mapped + 4096 >= limits.max_memory as u64, "{mapped} bytes");
    // One page more than the limit: refused, with the validator's reason.
    let mut parts = rivet_executor::blob::BlobParts::from(&program);
    parts.layout.rw_size += (limits.max_memory as u64 - mapped) as u32 + 4096;
    let too_much = parts.to_bytes();
    let mut too_long = b"RVT".to_vec();
    too_long.resize(max_code_len as usize + 1, 0x5a);
    // Random bytes (BLAKE2 of a counter), and a real blob cut short.
    let random: Vec<u8> =
        (0..128u32).flat_map(|i| sp_crypto_hashing::blake2_256(&i.to_le_bytes())).collect();
    let truncated = &deep[..deep.len() / 2];
    let cases: [(&str, &[u8], &str); 5] = [
        ("random", &random, "Contracts::InvalidCode"),
        ("truncated", truncated, "Contracts::InvalidCode"),
        ("empty", &[], "Contracts::InvalidCode"),
        ("too-long", &too_long, "Contracts::CodeTooLarge"),
        ("too-much-memory", &too_much, "Contracts::InvalidCode"),
    ];
    for (name, code, expected) in cases {
        let path = blob_file(&format!("{name}.rvt"), code);
        let error = refused(&node, &["upload", path.to_str().unwrap()]);
        assert!(error.contains(expected), "{name}: {error}");
    }
    let error =
        refused(&node, &["upload", blob_file("too-much-memory.rvt", &too_much).to_str().unwrap()]);
    assert!(error.contains("memory"), "the validator says what: {error}");

    // Submitted anyway: the chain refuses each the same way, and keeps only the fee.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(&node).await;
        for (name, code, expected) in cases {
            let upload = tx(
                "Contracts",
                "upload_code",
                vec![Value::from_bytes(code), Value::unnamed_variant("None", [])],
            );
            let error = fails_for_the_fee(&client, &upload).await;
            assert_eq!(error, expected, "{name}");
        }
    });

    // Blocks keep coming: good code still goes in after all that.
    let before = node.best_number();
    let stored = node.ok(&["upload", blob_file("deep-contract.rvt", &deep).to_str().unwrap()]);
    assert!(stored["block"]["number"].as_u64().unwrap() > before, "{stored}");
}

#[test]
fn bad_calls_and_misbehaving_contracts_fail_cleanly_and_the_node_carries_on() {
    let flipper = contract(FLIPPER);
    let raw = guest("raw-contract");
    let deep = guest_with("deep-contract", &["--stack-size", "1048576"]);
    let node = recompiler_node("bad-calls");
    let flip = address(&node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]));
    // raw-contract with a count of 5 (its modes: see its source).
    let counter =
        address(&node.ok(&["instantiate", raw.to_str().unwrap(), "--data", "0x05000000"]));
    let count = || {
        let report = node.ok(&["call", "--contract", &counter, "--data", "0x00", "--dry-run"]);
        report["result"].as_str().unwrap().to_string()
    };
    assert_eq!(count(), "0x05000000");
    let raw_call = |data: &str, extra: &[&str]| {
        let mut args = vec!["call", "--contract", &counter, "--data", data];
        args.extend(extra);
        node.rivet(&args)
    };

    // An endless loop runs out of gas: refused by the dry run; submitted with a gas
    // limit, it fails on chain, the fee is paid and its store is rolled back.
    let (_, error) = raw_call("0x08", &[]).unwrap_err();
    assert!(error.contains("Contracts::OutOfGas"), "{error}");
    let (report, error) = raw_call("0x08", &["--gas", "200000000"]).unwrap_err();
    assert!(error.contains("the extrinsic failed: Contracts::OutOfGas"), "{error}");
    assert!(report["events"].to_string().contains("TransactionFeePaid"), "{report}");
    assert_eq!(count(), "0x05000000");

    // Reads and writes outside the contract's memory trap (the recompiler's fault
    // handler inside the node), on chain too, and the node is unharmed.
    for (what, data) in [
        ("a read of address 0", "0x0900000000"),
        ("a read past the stack", "0x09f0ffffff"),
        ("a write of address 0", "0x0a00000000"),
        ("a write between the regions", "0x0a00000100"),
    ] {
        let (_, error) = raw_call(data, &[]).unwrap_err();
        assert!(error.contains("Contracts::ContractTrapped"), "{what}: {error}");
        let (_, error) = raw_call(data, &["--gas", "2000000000"]).unwrap_err();
        assert!(
            error.contains("the extrinsic failed: Contracts::ContractTrapped"),
            "{what}: {error}"
        );
    }
    assert_eq!(count(), "0x05000000", "the write mode's store was rolled back");
    let incremented = raw_call("0x0102000000", &[]).unwrap();
    assert!(incremented["events"].to_string().contains("ExtrinsicSuccess"), "{incremented}");
    assert_eq!(count(), "0x07000000");

    // A message that does not exist (ink! reverts), value to a message that takes none
    // (ink! panics): the CLI says so and sends nothing, and flipper is as it was.
    let (_, error) = node
        .rivet(&["call", flipper.to_str().unwrap(), "--contract", &flip, "--data", "0xdeadbeef"])
        .unwrap_err();
    assert!(error.contains("reverted"), "{error}");
    let flip_data = support::call_data(&flipper, "flip", &[]);
    let flip_hex = format!("0x{}", hex::encode(&flip_data));
    let (_, error) = node
        .rivet(&[
            "call",
            flipper.to_str().unwrap(),
            "--contract",
            &flip,
            "--data",
            &flip_hex,
            "--value",
            "1",
        ])
        .unwrap_err();
    assert!(error.contains("Contracts::ContractTrapped"), "ink! panics: {error}");
    let error = refused(
        &node,
        &call(&flipper, &flip, "flip", &[]).into_iter().chain(["--value", "1"]).collect::<Vec<_>>(),
    );
    assert!(error.contains("not payable"), "{error}");
    assert_eq!(node.read(&flipper, &flip, "get", &[]), "false");

    // No contract at the address: refused by the dry run, and by the chain.
    let (_, error) = node.rivet(&["call", "--contract", BOB, "--data", "0x00"]).unwrap_err();
    assert!(error.contains("Contracts::ContractNotFound"), "{error}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(&node).await;
        let error =
            fails_for_the_fee(&client, &contract_call(&account(BOB), 1_000_000_000, &[0])).await;
        assert_eq!(error, "Contracts::ContractNotFound");
        // A missing selector and value to `flip`, submitted anyway.
        let error = fails_for_the_fee(
            &client,
            &contract_call(&account(&flip), 10_000_000_000, &[0xde, 0xad, 0xbe, 0xef]),
        )
        .await;
        assert_eq!(error, "Contracts::ContractReverted");
        let paid =
            support::contract_call_with_value(&account(&flip), 1, 10_000_000_000, &flip_data);
        let error = fails_for_the_fee(&client, &paid).await;
        assert_eq!(error, "Contracts::ContractTrapped");
        // 1 MiB of input: more than a host call moves (`MAX_BUFFER`), so reading it traps.
        let big = vec![7u8; 1 << 20];
        let error =
            fails_for_the_fee(&client, &contract_call(&account(&flip), 10_000_000_000, &big)).await;
        assert_eq!(error, "Contracts::ContractTrapped");
    });
    assert_eq!(node.read(&flipper, &flip, "get", &[]), "false");

    // The most memory the limits allow, in every frame of the deepest call stack: each
    // frame maps its own 16 MiB and writes to every page, the innermost call is refused
    // for its depth, and the call succeeds on chain.
    use frame_support::traits::Get;
    let depth: u32 =
        <<rivet_runtime::Runtime as pallet_riscv_contracts::Config>::MaxCallDepth as Get<u32>>::get(
        );
    let deep = address(&node.ok(&["instantiate", deep.to_str().unwrap(), "--data", "0x"]));
    let expected = format!(
        "0x{}{}",
        hex::encode(depth.to_le_bytes()),
        hex::encode((rivet_host_api::ReturnCode::CallDepthExceeded as u32).to_le_bytes())
    );
    let dry = node.ok(&["call", "--contract", &deep, "--data", "0x", "--dry-run"]);
    assert_eq!(dry["result"], expected.as_str(), "{dry}");
    let done = node.ok(&["call", "--contract", &deep, "--data", "0x"]);
    assert!(done["events"].to_string().contains("ExtrinsicSuccess"), "{done}");

    // After all that the node still builds blocks and runs contracts.
    let before = node.best_number();
    node.ok(&call(&flipper, &flip, "flip", &[]));
    assert_eq!(node.read(&flipper, &flip, "get", &[]), "true");
    assert!(node.best_number() > before);
    let log = std::fs::read_to_string(&node.log).unwrap();
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn a_node_stopped_with_sigint_restarts_on_its_base_path_with_contracts_and_storage() {
    let flipper = contract(FLIPPER);
    let raw = guest("raw-contract");
    let node = recompiler_node("restart");
    let flip = address(&node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]));
    node.ok(&call(&flipper, &flip, "flip", &[]));
    let counter =
        address(&node.ok(&["instantiate", raw.to_str().unwrap(), "--data", "0x05000000"]));
    node.ok(&["call", "--contract", &counter, "--data", "0x0120000000"]);
    let best = node.best_number();
    let root = node.state_root(best);

    let (status, base) = node.interrupt();
    assert!(status.success(), "the node exits cleanly on SIGINT: {status}");
    let node = Node::start_in("restarted", Some(base), &["--dev", "--rivet-engine", "recompiler"]);
    assert_eq!(node.best_number(), best, "the chain is where it was");
    assert_eq!(node.state_root(best), root);
    assert_eq!(node.read(&flipper, &flip, "get", &[]), "true");
    let count = node.ok(&["call", "--contract", &counter, "--data", "0x00", "--dry-run"]);
    assert_eq!(count["result"], "0x25000000", "{count}");
    // And carries on from there.
    node.ok(&call(&flipper, &flip, "flip", &[]));
    assert_eq!(node.read(&flipper, &flip, "get", &[]), "false");
    assert!(node.best_number() > best);
}
