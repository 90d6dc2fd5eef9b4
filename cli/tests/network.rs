//! A network of three validators on one machine (`rivet-node --chain local`: Aura and
//! GRANDPA), end to end: Alice's and Charlie's nodes run contracts on the recompiler,
//! Bob's on the interpreter. erc20 is deployed through one node and called through the
//! others with `rivet`; every node must agree on every finalized block's hash and state
//! root. Then Bob's node is stopped: the other two go on producing blocks and a transfer
//! submitted meanwhile lands in one. GRANDPA needs more than two thirds of the votes, which
//! with three validators is all three, so finality waits for Bob (a network that keeps
//! finalizing with a validator down needs four); once his node restarts from its base
//! path it catches up, finality resumes, and the transfer is finalized.

mod support;

use std::time::{Duration, Instant};

use support::{call, contract, Network, Node, ALICE, BOB, CHARLIE, ERC20};

const VALIDATORS: [support::Validator; 3] =
    [("alice", "recompiler"), ("bob", "interpreter"), ("charlie", "recompiler")];

/// Waits until every node's finalized head is the same block, at least `at_least`; that
/// block's number. Heads are read in quick succession; a round of GRANDPA finalizes on all
/// nodes within moments of each other, so they are caught equal between rounds.
fn same_finalized_head(nodes: &[&Node], at_least: u64) -> u64 {
    let start = Instant::now();
    loop {
        let heads: Vec<(u64, String)> = nodes.iter().map(|n| n.finalized()).collect();
        if heads[0].0 >= at_least && heads.iter().all(|h| *h == heads[0]) {
            return heads[0].0;
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "the nodes' finalized heads did not meet at #{at_least} or later: {heads:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every node has the same block hash and state root at every height up to `to`.
fn agree_up_to(nodes: &[&Node], to: u64) {
    for number in 1..=to {
        let first = nodes[0].block(number);
        for node in &nodes[1..] {
            assert_eq!(node.block(number), first, "block #{number} (hash, state root)");
        }
    }
}

#[test]
fn three_validators_finalize_the_same_chain_and_ride_out_a_validator_outage() {
    let erc20 = contract(ERC20);
    let network = Network::start(&VALIDATORS);
    let [alice, bob, charlie] = &network.nodes[..] else { unreachable!() };

    // Deployed through Alice's node, transferred through Bob's, read through Charlie's.
    let deployed = alice.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    let sent = bob.ok(&call(&erc20, &token, "transfer", &[BOB, "250"]));
    assert!(sent["events"].to_string().contains("System::ExtrinsicSuccess"), "{sent}");
    assert_eq!(charlie.read(&erc20, &token, "balance_of", &[BOB]), "250");
    assert_eq!(charlie.read(&erc20, &token, "balance_of", &[ALICE]), "999750");
    let included = sent["block"]["number"].as_u64().expect("the report names its block");
    let finalized = same_finalized_head(&[alice, bob, charlie], included);
    agree_up_to(&[alice, bob, charlie], finalized);
    // Blocks came from all three validators (Aura's slots go round).
    for node in [alice, bob, charlie] {
        let log = std::fs::read_to_string(&node.log).unwrap();
        assert!(
            log.contains("Pre-sealed block for proposal"),
            "{}: authored nothing",
            node.log.display()
        );
    }

    // Bob's node stops.
    let Network { nodes, bootnode } = network;
    let [alice_node, bob_node, charlie_node]: [Node; 3] =
        nodes.try_into().unwrap_or_else(|_| unreachable!());
    let bob_log = bob_node.log.clone();
    let (status, bob_base) = bob_node.interrupt();
    assert!(status.success(), "Bob's node exits cleanly on SIGINT: {status}");
    let best_at_stop = alice_node.best_number();
    let finalized_at_stop = alice_node.finalized().0;

    // A transfer submitted to Charlie's node during the outage: `rivet` waits for its block
    // to be finalized, so it runs alongside.
    let transfer = call(&erc20, &token, "transfer", &[CHARLIE, "100"]);
    let mut args: Vec<String> = transfer.iter().map(|a| a.to_string()).collect();
    args.extend(["--url".into(), charlie_node.url(), "--output-json".into()]);
    let outage_call = std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        support::rivet(&args)
    });
    // It lands in a block of the two remaining validators' chain ...
    alice_node.wait_until("the transfer lands", Duration::from_secs(120), |n| {
        n.read(&erc20, &token, "balance_of", &[CHARLIE]) == "100"
    });
    // ... which keeps growing, while nothing is finalized without Bob's vote.
    alice_node.wait_until(
        "two of three validators produce blocks",
        Duration::from_secs(120),
        |n| n.best_number() >= best_at_stop + 3,
    );
    let finalized_in_outage = alice_node.finalized().0;
    assert!(
        finalized_in_outage <= best_at_stop,
        "GRANDPA finalized #{finalized_in_outage} (best at the stop #{best_at_stop}) with \
         two of three votes"
    );
    assert!(!outage_call.is_finished(), "the transfer was reported before it was finalized");

    // Bob's node restarts from its base path, catches up, and finality resumes.
    let bob_node = support::restart_validator(&bootnode, VALIDATORS[1], bob_base);
    let best = alice_node.best_number();
    bob_node.wait_until("Bob catches up", Duration::from_secs(180), |n| n.best_number() >= best);
    let out = outage_call.join().unwrap();
    let report = support::text(&out.stdout);
    assert!(out.status.success(), "{report}{}", support::text(&out.stderr));
    assert!(report.contains("System::ExtrinsicSuccess"), "{report}");
    let landed: serde_json::Value = serde_json::from_str(&report).unwrap();
    let landed = landed["block"]["number"].as_u64().unwrap();
    assert!(landed > finalized_at_stop, "the transfer's block #{landed} came after the stop");
    let nodes = [&alice_node, &bob_node, &charlie_node];
    let finalized = same_finalized_head(&nodes, landed.max(best));
    agree_up_to(&nodes, finalized);
    assert_eq!(bob_node.read(&erc20, &token, "balance_of", &[CHARLIE]), "100");

    // Each node ran the contracts on its own engine.
    let engines = [(&alice_node.log, "Recompiler"), (&bob_log, "Interpreter")];
    for (log, engine) in engines.into_iter().chain([(&charlie_node.log, "Recompiler")]) {
        let text = std::fs::read_to_string(log).unwrap();
        assert!(text.contains(&format!("engine {engine}")), "{}", log.display());
    }
}
