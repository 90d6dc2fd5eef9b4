//! The local network on one machine (`rivet-node --chain local`: four validators, Aura
//! and GRANDPA), end to end: Alice's and Charlie's nodes run contracts on the recompiler,
//! Bob's and Dave's on the interpreter. erc20 is deployed through one node and called
//! through the others with `rivet`; every node must agree on every finalized block's hash
//! and state root. Then Bob's node is stopped: the other three go on producing blocks and
//! finalizing them (GRANDPA finalizes with more than two thirds of the votes: three of
//! four), and a transfer submitted meanwhile is finalized. Bob's node restarts from its
//! base path, catches up, and agrees with the others on every block again.

mod support;

use std::time::{Duration, Instant};

use support::{call, contract, Network, Node, ALICE, BOB, CHARLIE, ERC20, LOCAL_VALIDATORS};

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

/// Whether the node's log shows it authored a block.
fn authored(node: &Node) -> bool {
    let log = std::fs::read_to_string(&node.log).unwrap();
    log.contains("Pre-sealed block for proposal")
}

#[test]
fn validators_finalize_the_same_chain_and_go_on_finalizing_with_one_down() {
    let erc20 = contract(ERC20);
    let network = Network::start(&LOCAL_VALIDATORS);
    let [alice, bob, charlie, dave] = &network.nodes[..] else { unreachable!() };
    let all = [alice, bob, charlie, dave];

    // Deployed through Alice's node, transferred through Bob's, read through Charlie's and
    // Dave's.
    let deployed = alice.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    let sent = bob.ok(&call(&erc20, &token, "transfer", &[BOB, "250"]));
    assert!(sent["events"].to_string().contains("System::ExtrinsicSuccess"), "{sent}");
    assert_eq!(charlie.read(&erc20, &token, "balance_of", &[BOB]), "250");
    assert_eq!(dave.read(&erc20, &token, "balance_of", &[ALICE]), "999750");
    let included = sent["block"]["number"].as_u64().expect("the report names its block");
    let finalized = same_finalized_head(&all, included);
    agree_up_to(&all, finalized);
    // Blocks come from every validator (Aura's slots go round).
    for node in all {
        node.wait_until("the validator authors a block", Duration::from_secs(120), authored);
    }

    // Bob's node stops.
    let Network { nodes, bootnode } = network;
    let [alice, bob, charlie, dave]: [Node; 4] =
        nodes.try_into().unwrap_or_else(|_| unreachable!());
    let bob_log = bob.log.clone();
    let (status, bob_base) = bob.interrupt();
    assert!(status.success(), "Bob's node exits cleanly on SIGINT: {status}");
    let best_at_stop = alice.best_number();

    // The other three go on: a transfer submitted to Charlie's node is finalized (`rivet`
    // waits for that) ...
    let landed = charlie.ok(&call(&erc20, &token, "transfer", &[CHARLIE, "100"]));
    assert!(landed["events"].to_string().contains("System::ExtrinsicSuccess"), "{landed}");
    let landed = landed["block"]["number"].as_u64().unwrap();
    // ... and blocks past the stop are finalized on all three without Bob's vote.
    let up = [&alice, &charlie, &dave];
    let finalized_in_outage = same_finalized_head(&up, landed.max(best_at_stop + 2));
    agree_up_to(&up, finalized_in_outage);
    assert_eq!(dave.read(&erc20, &token, "balance_of", &[CHARLIE]), "100");

    // Bob's node restarts from its base path, catches up and agrees with the others.
    let bob = support::restart_validator(&bootnode, LOCAL_VALIDATORS[1], bob_base);
    let best = alice.best_number();
    bob.wait_until("Bob catches up", Duration::from_secs(180), |n| n.best_number() >= best);
    let all = [&alice, &bob, &charlie, &dave];
    let finalized = same_finalized_head(&all, best);
    agree_up_to(&all, finalized);
    assert_eq!(bob.read(&erc20, &token, "balance_of", &[CHARLIE]), "100");

    // Each node ran the contracts on its own engine.
    let logs = [&alice.log, &bob_log, &charlie.log, &dave.log];
    for (log, (_, engine)) in logs.into_iter().zip(LOCAL_VALIDATORS) {
        let text = std::fs::read_to_string(log).unwrap();
        let engine = if engine == "recompiler" { "Recompiler" } else { "Interpreter" };
        assert!(text.contains(&format!("engine {engine}")), "{}", log.display());
    }
}
