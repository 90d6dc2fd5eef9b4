//! How many erc20 `transfer` calls per second the dev node includes.
//!
//! Starts a dev node with a block every second (`--consensus manual-seal-1000`; each
//! block takes every ready transaction that fits its weight limits), deploys erc20 with
//! `rivet`, signs `N` transfers from Alice to Bob offline (nonces in order, the gas limit
//! from a dry run), submits them all, and times from the first submission until the
//! last is in a block. Every transfer must succeed. Prints the rate, the blocks used
//! and the weight of one transfer (from its `System::ExtrinsicSuccess`).
//!
//! ```sh
//! RIVET_NODE=$CARGO_TARGET_DIR/node/release/rivet-node \
//!     cargo bench -p rivet-cli --bench throughput -- 2000 [recompiler|interpreter]
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::{OnlineClient, PolkadotConfig};
use support::{contract, Node, BOB, ERC20};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(2000);
    let engine = args.iter().find(|a| ["recompiler", "interpreter"].contains(&a.as_str()));
    let engine = engine.map_or("recompiler", String::as_str);
    let erc20 = contract(ERC20);
    let node_args = ["--dev", "--consensus", "manual-seal-1000", "--rivet-engine", engine];
    let node = Node::start("throughput", &node_args);
    eprintln!("node: {} on the {engine}", support::node_binary().display());
    let deployed = node.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    // One transfer through `rivet`, for its weight and the gas the others get.
    let args = support::call(&erc20, &token, "transfer", &[BOB, "1"]);
    // The first transfer creates Bob's entry; the second is like all that follow.
    node.ok(&args);
    let one = node.ok(&args);
    let weight = &one["weightUsed"];
    let gas = one["gasRequired"]["refTime"].as_u64().unwrap();
    // The transfer's call data (selector + arguments), from a dry run's encoding.
    let data = support::call_data(&erc20, "transfer", &[BOB, "1"]);

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (elapsed, blocks) = runtime.block_on(async {
        let api = OnlineClient::<PolkadotConfig>::from_insecure_url(node.url()).await.unwrap();
        let alice = subxt_signer::sr25519::dev::alice();
        let at = api.at_current_block().await.unwrap();
        let first_nonce =
            at.transactions().account_nonce(&alice.public_key().to_account_id()).await.unwrap();
        let dest: subxt::utils::AccountId32 = token.parse().unwrap();
        let mut signed = Vec::new();
        for i in 0..n {
            let call = support::contract_call(&dest, gas, &data);
            let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
                .nonce(first_nonce + i)
                .immortal()
                .build();
            let mut tx = at.transactions().create_signable_offline(&call, params).unwrap();
            signed.push(tx.sign(&alice).unwrap());
        }
        let start_block = node.best_number();
        let start = Instant::now();
        for tx in &signed {
            let hex = format!("[\"0x{}\"]", hex::encode(tx.encoded()));
            node.rpc("author_submitExtrinsic", &hex);
        }
        // Count the extrinsics (less the timestamp inherent) in each new block.
        let mut included = 0;
        let mut seen = start_block;
        while included < n {
            assert!(start.elapsed() < Duration::from_secs(600), "only {included} of {n} included");
            let best = node.best_number();
            for number in seen + 1..=best {
                let hash = node.rpc("chain_getBlockHash", &format!("[{number}]"));
                let block = node.rpc("chain_getBlock", &format!("[{hash}]"));
                included += block["block"]["extrinsics"].as_array().unwrap().len() as u64 - 1;
                let hash: subxt::utils::H256 = hash.as_str().unwrap().parse().unwrap();
                let events = api.at_block(hash).await.unwrap().events().fetch().await.unwrap();
                for event in events.iter() {
                    let event = event.unwrap();
                    if event.event_name() == "ExtrinsicFailed" {
                        panic!(
                            "a transfer failed in block #{number}: 0x{}",
                            hex::encode(event.field_bytes())
                        );
                    }
                }
            }
            seen = best;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        (start.elapsed(), seen - start_block)
    });
    // All of them succeeded: Bob holds one token per transfer (plus the first two).
    let bob = node.read(&erc20, &token, "balance_of", &[BOB]);
    assert_eq!(bob, (n + 2).to_string(), "every transfer succeeded");
    let rate = n as f64 / elapsed.as_secs_f64();
    println!(
        "erc20 transfers: {n} included in {:.2} s over {blocks} blocks: {rate:.0} per second",
        elapsed.as_secs_f64()
    );
    let (built, build_ms) = block_building(&node.log, blocks);
    println!(
        "block building (node log): {built} transfers in {build_ms} ms of proposing: {:.0} per second of execution",
        built as f64 * 1000.0 / build_ms.max(1) as f64
    );
    println!(
        "one transfer: weight ref_time {} proof_size {} (VM gas ref_time {gas})",
        weight["refTime"], weight["proofSize"]
    );
}

/// From the node's log, the transactions in the last `blocks` blocks it proposed and
/// the milliseconds it spent proposing them (`Prepared block … (N ms) … extrinsics_count`).
fn block_building(log: &std::path::Path, blocks: u64) -> (u64, u64) {
    let text = std::fs::read_to_string(log).unwrap();
    let prepared: Vec<(u64, u64)> = text
        .lines()
        .filter(|l| l.contains("Prepared block for proposing"))
        .filter_map(|l| {
            let ms = l.split(" ms)").next()?.rsplit('(').next()?.trim().parse().ok()?;
            let count: u64 = l.rsplit("extrinsics_count: ").next()?.trim().parse().ok()?;
            Some((count - 1, ms))
        })
        .collect();
    let last = &prepared[prepared.len().saturating_sub(blocks as usize)..];
    last.iter().fold((0, 0), |(t, m), (c, ms)| (t + c, m + ms))
}
