//! How many erc20 `transfer` calls per second the dev node includes.
//!
//! Starts a dev node (instant seal: a block as soon as transactions are ready, with
//! every ready transaction that fits), deploys erc20 with `rivet`, signs `N` transfers
//! from Alice to Bob offline (nonces in order), submits them all, and times from the
//! first submission until the last is in a block. Prints the rate, the blocks used and
//! the weight of one transfer (from its `System::ExtrinsicSuccess`).
//!
//! ```sh
//! RIVET_NODE=$CARGO_TARGET_DIR/node/release/rivet-node \
//!     cargo bench -p rivet-cli --bench throughput -- 2000
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use scale_value::Value;
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::{OnlineClient, PolkadotConfig};
use support::{contract, Node, BOB};

fn main() {
    let n: u64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let erc20 = contract("erc20");
    let node = Node::start("throughput", &["--dev"]);
    eprintln!("node: {}", support::node_binary().display());
    let deployed = node.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    // One transfer through `rivet`, for its weight and the gas the others get.
    let args = [
        "call",
        erc20.to_str().unwrap(),
        "--contract",
        &token,
        "--message",
        "transfer",
        "--args",
        BOB,
        "1",
    ];
    let one = node.ok(&args);
    let weight = &one["weightUsed"];
    let gas = one["gasRequired"]["refTime"].as_u64().unwrap();
    // The transfer's call data (selector + arguments), from a dry run's encoding.
    let data = transfer_data(&erc20, BOB, 1);

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
            let call = subxt::dynamic::tx(
                "Contracts",
                "call",
                vec![
                    Value::from_bytes(dest.0),
                    Value::u128(0),
                    Value::named_composite([
                        ("ref_time", Value::u128(gas.into())),
                        ("proof_size", Value::u128(0)),
                    ]),
                    Value::unnamed_variant("None", []),
                    Value::from_bytes(&data),
                ],
            );
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
            tx.submit().await.unwrap();
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
            }
            seen = best;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        (start.elapsed(), seen - start_block)
    });
    // All of them succeeded: Bob holds one token per transfer (plus the first).
    let bob = node.read(&erc20, &token, "balance_of", &[BOB]);
    assert_eq!(bob, (n + 1).to_string(), "every transfer succeeded");
    let rate = n as f64 / elapsed.as_secs_f64();
    println!(
        "erc20 transfers: {n} included in {:.2} s over {blocks} blocks: {rate:.0} per second",
        elapsed.as_secs_f64()
    );
    println!(
        "one transfer: weight ref_time {} proof_size {} (VM gas ref_time {gas})",
        weight["refTime"], weight["proofSize"]
    );
}

/// `transfer(to, value)`'s call data, from `rivet encode`.
fn transfer_data(erc20: &std::path::Path, to: &str, value: u128) -> Vec<u8> {
    let o = support::rivet(&[
        "encode",
        erc20.to_str().unwrap(),
        "--message",
        "transfer",
        "--args",
        to,
        &value.to_string(),
    ]);
    assert!(o.status.success(), "{}", support::text(&o.stderr));
    hex::decode(support::text(&o.stdout).trim().trim_start_matches("0x")).unwrap()
}
