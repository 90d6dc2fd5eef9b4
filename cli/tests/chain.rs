//! `rivet` against a real dev node, end to end: the node (`rivet-node`, built from
//! `node-template/node`) is started on free local ports; flipper and erc20 are built,
//! uploaded, deployed and called with the `rivet` chain commands, and the results,
//! events and balances checked. A second node with the interpreter syncs the first's
//! blocks and must reach the same state roots.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value as Json;
use support::{call, contract, ref_time_per_gas, Node, ALICE, BOB, COUNTER, ERC20, FLIPPER};

fn events(report: &Json) -> Vec<String> {
    report["events"]
        .as_array()
        .map(|e| e.iter().map(|e| e.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn has_event(report: &Json, needle: &str) -> bool {
    events(report).iter().any(|e| e.contains(needle))
}

fn ref_time(report: &Json, key: &str) -> u64 {
    report[key]["refTime"].as_u64().unwrap_or_else(|| panic!("no {key} in {report}"))
}

#[test]
fn deploy_and_call_flipper_and_erc20_on_a_dev_node() {
    let flipper = contract(FLIPPER);
    let erc20 = contract(ERC20);
    let node = Node::start("dev", &["--dev"]);

    // Upload: a dry run gives the hash and deposit; a malformed blob is refused with the
    // validator's message, and nothing is submitted.
    let dry = node.ok(&["upload", flipper.to_str().unwrap(), "--dry-run"]);
    let code_hash = dry["codeHash"].as_str().unwrap().to_string();
    let mut bad = std::fs::read(&flipper).unwrap();
    bad.truncate(bad.len() / 2);
    let bad_path = flipper.with_file_name("truncated-flipper.rvt");
    std::fs::write(&bad_path, &bad).unwrap();
    let (_, error) = node.rivet(&["upload", bad_path.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::InvalidCode"), "{error}");
    let garbage = flipper.with_file_name("garbage.rvt");
    std::fs::write(&garbage, b"not a blob at all").unwrap();
    let (_, error) = node.rivet(&["upload", garbage.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::InvalidCode"), "{error}");
    let uploaded = node.ok(&["upload", flipper.to_str().unwrap()]);
    assert!(has_event(&uploaded, "Contracts::CodeStored"), "{uploaded}");
    // The deposit the dry run quoted is what the chain holds from Alice.
    let deposit = dry["deposit"].as_str().unwrap();
    assert!(
        has_event(&uploaded, &format!("deposit_held: {deposit}, uploader: {ALICE}")),
        "{uploaded}"
    );
    assert!(
        has_event(
            &uploaded,
            &format!("Contracts(CodeUploadDepositReserve), who: {ALICE}, amount: {deposit}")
        ),
        "{uploaded}"
    );
    assert_eq!(uploaded["codeHash"], code_hash.as_str());
    let (_, error) = node.rivet(&["upload", flipper.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::CodeAlreadyExists"), "{error}");

    // Flipper: deployed from the stored code, flipped, read back.
    let deployed = node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let addr = deployed["contract"].as_str().unwrap().to_string();
    assert!(has_event(&deployed, "Contracts::Instantiated"), "{deployed}");
    assert_eq!(node.read(&flipper, &addr, "get", &[]), "false");
    let flipped = node.ok(&call(&flipper, &addr, "flip", &[]));
    assert!(has_event(&flipped, "Contracts::Called"), "{flipped}");
    assert!(has_event(&flipped, "System::ExtrinsicSuccess"), "{flipped}");
    assert_eq!(node.read(&flipper, &addr, "get", &[]), "true");
    // Bad arguments are refused before anything is sent.
    let (_, error) = node.rivet(&call(&flipper, &addr, "nope", &[])).unwrap_err();
    assert!(error.contains("no message `nope`") && error.contains("flip"), "{error}");
    let (_, error) = node
        .rivet(&["instantiate", flipper.to_str().unwrap(), "--args", "maybe", "--salt", "0x01"])
        .unwrap_err();
    assert!(error.contains("init_value"), "{error}");
    // The same code, arguments and salt give the same address: refused by the chain.
    let (_, error) =
        node.rivet(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]).unwrap_err();
    assert!(error.contains("Contracts::"), "{error}");
    // Code in use cannot be removed.
    let (_, error) = node.rivet(&["remove", &code_hash]).unwrap_err();
    assert!(error.contains("Contracts::CodeInUse"), "{error}");

    // ERC-20: uploaded with the instantiation; transfers move balances and emit events.
    let deployed = node.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    assert!(has_event(&deployed, "Contracts::CodeStored"), "{deployed}");
    assert!(
        has_event(
            &deployed,
            &format!("Transfer {{ from: None, to: Some({ALICE}), value: 1000000 }}")
        ),
        "{deployed}"
    );
    assert_eq!(node.read(&erc20, &token, "total_supply", &[]), "1000000");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "1000000");

    // The dry run's gas estimate is what the call needs: one unit of VM gas less runs out
    // of gas on chain and changes nothing; the estimate itself succeeds.
    let transfer = call(&erc20, &token, "transfer", &[BOB, "250"]);
    let mut dry_args = transfer.to_vec();
    dry_args.push("--dry-run");
    let dry = node.ok(&dry_args);
    assert_eq!(dry["result"], "Ok(())");
    assert!(
        dry["events"][0].as_str().unwrap().contains(&format!("to: Some({BOB}), value: 250")),
        "{dry}"
    );
    let estimate = ref_time(&dry, "gasRequired");
    assert_eq!(estimate, ref_time(&dry, "gasConsumed"));
    assert_eq!(estimate % ref_time_per_gas(), 0);
    let too_little = (estimate - ref_time_per_gas()).to_string();
    let mut short = transfer.to_vec();
    short.extend(["--gas", &too_little]);
    let blocks_before = node.best_number();
    let (report, error) = node.rivet(&short).unwrap_err();
    assert!(error.contains("Contracts::OutOfGas"), "{error}");
    assert!(has_event(&report, "System::ExtrinsicFailed"), "{report}");
    assert!(node.best_number() > blocks_before, "the failed call is in a block");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "0");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "1000000");
    let exact = estimate.to_string();
    let mut enough = transfer.to_vec();
    enough.extend(["--gas", &exact]);
    let sent = node.ok(&enough);
    assert!(
        has_event(
            &sent,
            &format!("Transfer {{ from: Some({ALICE}), to: Some({BOB}), value: 250 }}")
        ),
        "{sent}"
    );
    assert!(has_event(&sent, "TransactionPayment::TransactionFeePaid"), "{sent}");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "250");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "999750");
    // The node keeps producing blocks after the failure.
    let sent = node.ok(&transfer);
    assert!(sent["block"]["number"].as_u64().unwrap() > blocks_before + 1, "{sent}");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "500");

    // A revert is reported with the contract's error, and nothing is submitted.
    let (report, error) = node
        .rivet(
            &[call(&erc20, &token, "transfer", &[ALICE, "1"]), vec!["--suri", "//Charlie"]]
                .concat(),
        )
        .unwrap_err();
    assert!(error.contains("reverted") && error.contains("InsufficientBalance"), "{error}");
    assert!(report.get("block").is_none(), "{report}");

    // Unused code is removed with its deposit released; the hash is then unknown.
    let bench = contract(COUNTER);
    let up = node.ok(&["upload", bench.to_str().unwrap()]);
    let hash = up["codeHash"].as_str().unwrap().to_string();
    let removed = node.ok(&["remove", &hash]);
    assert!(has_event(&removed, "Contracts::CodeRemoved"), "{removed}");
    let (_, error) = node.rivet(&["remove", &hash]).unwrap_err();
    assert!(error.contains("Contracts::CodeNotFound"), "{error}");
}

#[test]
fn a_node_on_the_interpreter_syncs_the_recompiler_nodes_chain() {
    let flipper = contract(FLIPPER);
    let author = Node::start("author", &["--dev", "--rivet-engine", "recompiler"]);
    let bootnode = author.p2p_address();
    let follower = Node::start(
        "follower",
        &["--chain", "dev", "--rivet-engine", "interpreter", "--bootnodes", &bootnode],
    );

    let deployed = author.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let addr = deployed["contract"].as_str().unwrap().to_string();
    for _ in 0..3 {
        author.ok(&call(&flipper, &addr, "flip", &[]));
    }
    let best = author.best_number();
    assert!(best >= 4, "one block per extrinsic");
    let start = Instant::now();
    while follower.best_number() < best {
        assert!(start.elapsed() < Duration::from_secs(180), "the follower did not sync");
        std::thread::sleep(Duration::from_millis(250));
    }
    for n in 1..=best {
        assert_eq!(author.state_root(n), follower.state_root(n), "state root of block #{n}");
    }
    // The follower executed the blocks itself, on the interpreter.
    let log = std::fs::read_to_string(&follower.log).unwrap();
    assert!(log.contains("engine Interpreter"), "{log}");
    assert!(log.contains(&format!("Imported #{best}")), "{log}");
}

#[test]
fn bad_input_is_refused_before_connecting_and_a_missing_node_is_named() {
    let flipper = contract(FLIPPER);
    // Nothing listens on port 1: input errors come first, then the connection error.
    let url = ["--url", "ws://127.0.0.1:1"];
    let o = support::rivet(&[call(&flipper, "x", "get", &[]), url.to_vec()].concat());
    assert!(support::text(&o.stderr).contains("--contract `x` is not an SS58 address"));
    let o = support::rivet(&[call(&flipper, ALICE, "get", &["1"]), url.to_vec()].concat());
    assert!(support::text(&o.stderr).contains("`get` takes no arguments, got 1"));
    let o = support::rivet(&["instantiate", "/nonexistent.rvt", url[0], url[1]]);
    assert!(support::text(&o.stderr).contains("/nonexistent.json"));
    let o = support::rivet(&["upload", flipper.to_str().unwrap(), url[0], url[1]]);
    assert!(!o.status.success());
    assert!(support::text(&o.stderr).contains("is it running?"), "{}", support::text(&o.stderr));
}

#[test]
fn encode_prints_call_data_by_the_metadata() {
    let flipper = contract(FLIPPER);
    let o = support::encode(&flipper, "--constructor", "new", &["true"]);
    assert!(o.status.success(), "{}", support::text(&o.stderr));
    assert_eq!(support::text(&o.stdout).trim(), "0x9bae9d5e01");
    let erc20 = contract(ERC20);
    let o = support::encode(&erc20, "--message", "transfer", &[BOB, "5"]);
    let expected = format!(
        "0x84a15da1{}05{}",
        "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48",
        "00".repeat(15)
    );
    assert_eq!(support::text(&o.stdout).trim(), expected);
    let o = support::encode(&erc20, "--message", "transfer", &[BOB, "-5"]);
    assert!(!o.status.success());
    assert!(support::text(&o.stderr).contains("argument `value`"), "{}", support::text(&o.stderr));
}
