//! How many erc20 `transfer` calls per second the dev node includes, and what building
//! a block costs per transfer beside the same number of balance transfers.
//!
//! Starts a dev node with a block every second (`--consensus manual-seal-1000`; each
//! block takes every ready transaction that fits its weight limits), deploys erc20 with
//! `rivet`, signs `N` transfers from Alice to Bob offline (nonces in order, the gas limit
//! from a dry run), submits them all, and times from the first submission until the
//! last is in a block. Every transfer must succeed. Then the same with
//! `Balances::transfer_keep_alive`. Prints the rates, the blocks used, the node's
//! proposing time per transaction of each and their ratio, and the weight of one
//! transfer (from its `System::ExtrinsicSuccess`).
//!
//! Each burst is timed until its last transaction is in a block and until that block is
//! finalized. With `network` instead of an engine, the node is the local network's
//! instead (`--chain local`: Alice's and Charlie's nodes on the recompiler, Bob's and
//! Dave's on the interpreter, Aura's 3 s slots and GRANDPA's finality); the transactions go
//! to Alice's node, and the proposing times are those of all four.
//!
//! ```sh
//! RIVET_NODE=$CARGO_TARGET_DIR/node/release/rivet-node \
//!     cargo bench -p rivet-cli --bench throughput -- 2000 [recompiler|interpreter|network]
//! ```
//!
//! With `RIVET_PERF_DIR=<dir>` (and `WASMTIME_PROFILING_STRATEGY=perfmap`, so that the
//! runtime's compiled code has names) each burst is also sampled with `perf record`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::{OnlineClient, PolkadotConfig};
use support::{contract, Network, Node, BOB, ERC20, FLIPPER};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(2000);
    let modes = ["recompiler", "interpreter", "network"];
    let mode = args.iter().find(|a| modes.contains(&a.as_str()));
    let mode = mode.map_or("recompiler", String::as_str);
    let erc20 = contract(ERC20);
    let nodes = if mode == "network" {
        Network::start(&support::LOCAL_VALIDATORS).nodes
    } else {
        let node_args = ["--dev", "--consensus", "manual-seal-1000", "--rivet-engine", mode];
        vec![Node::start("throughput", &node_args)]
    };
    let node = &nodes[0];
    eprintln!("node: {} ({mode})", support::node_binary().display());
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
    let dest: subxt::utils::AccountId32 = token.parse().unwrap();
    let transfers = (0..n).map(|_| support::contract_call(&dest, gas, &data)).collect();
    let erc20_run = runtime.block_on(burst(&nodes, transfers, "erc20"));
    // All of them succeeded: Bob holds one token per transfer (plus the first two).
    let bob = node.read(&erc20, &token, "balance_of", &[BOB]);
    assert_eq!(bob, (n + 2).to_string(), "every transfer succeeded");
    // The floor a contract call stands on: balance transfers, in the same node.
    let bob_id: subxt::utils::AccountId32 = BOB.parse().unwrap();
    let balances = (0..n).map(|_| balance_transfer(&bob_id)).collect();
    let balances_run = runtime.block_on(burst(&nodes, balances, "balances"));
    // A contract call that does next to nothing: flipper's `get` (one storage read).
    let flipper = contract(FLIPPER);
    let deployed = node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let flipper_at: subxt::utils::AccountId32 =
        deployed["contract"].as_str().unwrap().parse().unwrap();
    let get = support::call(&flipper, deployed["contract"].as_str().unwrap(), "get", &[]);
    let get_gas =
        node.ok(&[&get[..], &["--dry-run"]].concat())["gasRequired"]["refTime"].as_u64().unwrap();
    let get_data = support::call_data(&flipper, "get", &[]);
    let gets = (0..n).map(|_| support::contract_call(&flipper_at, get_gas, &get_data)).collect();
    let get_run = runtime.block_on(burst(&nodes, gets, "flipper-get"));

    for (what, run) in [
        ("erc20 transfers", &erc20_run),
        ("flipper gets", &get_run),
        ("balance transfers", &balances_run),
    ] {
        println!(
            "{what}: {n} included in {:.2} s over {} blocks: {:.0} per second; \
             finalized in {:.2} s: {:.0} per second; \
             block building (node log): {} in {} ms of proposing: {:.0} per second, {:.0} µs each",
            run.elapsed.as_secs_f64(),
            run.blocks,
            n as f64 / run.elapsed.as_secs_f64(),
            run.finalized.as_secs_f64(),
            n as f64 / run.finalized.as_secs_f64(),
            run.built,
            run.build_ms,
            run.built as f64 * 1000.0 / run.build_ms.max(1) as f64,
            run.build_ms as f64 * 1000.0 / run.built.max(1) as f64,
        );
    }
    let per = |r: &Run| r.build_ms as f64 / r.built.max(1) as f64;
    println!(
        "block building per erc20 transfer / per balance transfer: {:.2}×; per flipper get: {:.2}×",
        per(&erc20_run) / per(&balances_run),
        per(&get_run) / per(&balances_run)
    );
    println!(
        "one transfer: weight ref_time {} proof_size {} (VM gas ref_time {gas})",
        weight["refTime"], weight["proofSize"]
    );
}

/// `Balances::transfer_keep_alive` of 1 to `dest`.
fn balance_transfer(
    dest: &subxt::utils::AccountId32,
) -> subxt::transactions::DynamicPayload<Vec<scale_value::Value>> {
    use scale_value::Value;
    let dest = Value::unnamed_variant("Id", [Value::from_bytes(dest.0)]);
    subxt::dynamic::tx("Balances", "transfer_keep_alive", vec![dest, Value::u128(1)])
}

/// How a burst went.
struct Run {
    /// Until the last transaction was in a block, and until that block was final.
    elapsed: Duration,
    finalized: Duration,
    blocks: u64,
    /// Transactions in the blocks the burst filled, and the node's milliseconds
    /// proposing them.
    built: u64,
    build_ms: u64,
}

/// Signs `calls` from Alice offline (nonces in order, immortal), submits them all to the
/// first of `nodes` and waits until every one is in a block, and then until that block is
/// finalized; none may fail. With `RIVET_PERF_DIR` set, the first node is sampled by
/// `perf record` meanwhile, into `<dir>/<label>.data`.
async fn burst(
    nodes: &[Node],
    calls: Vec<subxt::transactions::DynamicPayload<Vec<scale_value::Value>>>,
    label: &str,
) -> Run {
    let n = calls.len() as u64;
    let node = &nodes[0];
    let api = OnlineClient::<PolkadotConfig>::from_insecure_url(node.url()).await.unwrap();
    let alice = subxt_signer::sr25519::dev::alice();
    let at = api.at_current_block().await.unwrap();
    let first_nonce =
        at.transactions().account_nonce(&alice.public_key().to_account_id()).await.unwrap();
    let mut signed = Vec::new();
    for (i, call) in calls.iter().enumerate() {
        let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
            .nonce(first_nonce + i as u64)
            .immortal()
            .build();
        let mut tx = at.transactions().create_signable_offline(call, params).unwrap();
        signed.push(tx.sign(&alice).unwrap());
    }
    let perf = std::env::var_os("RIVET_PERF_DIR").map(|dir| {
        let out = std::path::Path::new(&dir).join(format!("{label}.data"));
        std::process::Command::new("perf")
            .args([
                "record",
                "-F",
                "4999",
                "-k",
                "realtime",
                "-q",
                "-p",
                &node.pid().to_string(),
                "-o",
            ])
            .arg(out)
            .spawn()
            .expect("perf runs")
    });
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
                        "a transaction failed in block #{number}: 0x{}",
                        hex::encode(event.field_bytes())
                    );
                }
            }
        }
        seen = best;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = start.elapsed();
    while node.finalized().0 < seen {
        assert!(start.elapsed() < Duration::from_secs(900), "block #{seen} was not finalized");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let finalized = start.elapsed();
    if let Some(mut perf) = perf {
        let pid = perf.id().to_string();
        std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap();
        perf.wait().unwrap();
    }
    let blocks = seen - start_block;
    let logs: Vec<String> =
        nodes.iter().map(|n| std::fs::read_to_string(&n.log).unwrap()).collect();
    let (built, build_ms) = block_building(&logs.concat(), start_block, seen);
    Run { elapsed, finalized, blocks, built, build_ms }
}

/// From the nodes' logs, the transactions in blocks `from + 1 ..= to` and the
/// milliseconds their authors spent proposing them (`Prepared block for proposing at N
/// (M ms) … extrinsics_count: K`).
fn block_building(text: &str, from: u64, to: u64) -> (u64, u64) {
    text.lines()
        .filter_map(|l| {
            let rest = l.split("Prepared block for proposing at ").nth(1)?;
            let number: u64 = rest.split_whitespace().next()?.parse().ok()?;
            let ms: u64 = rest.split(" ms)").next()?.rsplit('(').next()?.trim().parse().ok()?;
            let count: u64 = l.rsplit("extrinsics_count: ").next()?.trim().parse().ok()?;
            (from < number && number <= to).then_some((count - 1, ms))
        })
        .fold((0, 0), |(t, m), (c, ms)| (t + c, m + ms))
}
