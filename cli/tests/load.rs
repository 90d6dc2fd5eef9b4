//! Transactions under load on real dev nodes, instant seal and manual seal: four
//! accounts sign hundreds of transactions as polkadot.js and subxt sign them (mortal:
//! polkadot.js for 64 blocks from the finalized head with the nonce from
//! `system_accountNextIndex`, subxt for 32 blocks from the current block with nonces it
//! counts itself) and submit them as fast as they can through `author_submitExtrinsic`,
//! `author_submitAndWatchExtrinsic` and `transaction_v1_broadcast`. Every one must be
//! included exactly once and succeed; balances and contract state must be exact. Weight
//! must be paid for: a contract call that burns most of a block pays for it as
//! `payment_queryFeeDetails` says, unused weight is refunded, and tips are charged.

mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use codec::{Compact, Decode};
use scale_value::Value;
use serde_json::Value as Json;
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::rpcs::client::rpc_params;
use subxt::rpcs::methods::legacy::TransactionStatus;
use subxt::utils::H256;
use subxt::PolkadotConfig;
use subxt_signer::sr25519::{dev, Keypair};
use support::client::{hash_of, signed, submit, tx, watch, Client};
use support::{call_data, contract, contract_call, Node, ERC20, FLIPPER};

/// What a balance transfer moves.
const AMOUNT: u128 = 1_000_000_000;

/// How a client signs: the era and where the nonce comes from.
#[derive(Clone, Copy, Debug)]
enum Signing {
    /// polkadot.js's default: mortal for 64 blocks from the finalized head, the nonce
    /// from `system_accountNextIndex` (which counts the pool's transactions).
    PolkadotJs,
    /// polkadot.js with `{ era: 0 }`: immortal, the nonce from `system_accountNextIndex`.
    PolkadotJsImmortal,
    /// subxt's default: mortal for 32 blocks from the current (finalized) block; the
    /// nonce counted by the client.
    Subxt,
}

/// How a transaction is submitted.
#[derive(Clone, Copy, Debug)]
enum Method {
    Submit,
    SubmitAndWatch,
    Broadcast,
}

const METHODS: [Method; 3] = [Method::Submit, Method::SubmitAndWatch, Method::Broadcast];

/// What an account sends, again and again.
#[derive(Clone, Copy, Debug)]
enum Action {
    /// erc20 `transfer(Eve, 1)`.
    Erc20ToEve,
    /// flipper `flip()`.
    Flip,
    /// `Balances::transfer_keep_alive(Ferdie, AMOUNT)`.
    PayFerdie,
}

fn pay(to: &Keypair, amount: u128) -> subxt::transactions::DynamicPayload<Vec<Value>> {
    let dest = Value::unnamed_variant("Id", [Value::from_bytes(to.public_key().0)]);
    tx("Balances", "transfer_keep_alive", vec![dest, Value::u128(amount)])
}

/// One account's burst of transactions, each signed and submitted before the next.
struct Burst<'a> {
    signer: &'a Keypair,
    signing: Signing,
    action: Action,
}

/// What a load run sent.
#[derive(Default)]
struct Sent {
    /// Every transaction's hash, with who sent it.
    hashes: HashMap<H256, usize>,
    /// Per account, how many.
    count: Vec<u64>,
    /// Per account, its nonce before the first.
    start_nonces: Vec<u64>,
}

struct Contracts {
    erc20: subxt::utils::AccountId32,
    flipper: subxt::utils::AccountId32,
    transfer_data: Vec<u8>,
    flip_data: Vec<u8>,
    gas: u64,
}

/// How each [`Signing`] signs.
impl Client {
    /// Signs `call` as `signing` does.
    async fn sign(
        &self,
        signer: &Keypair,
        signing: Signing,
        next_nonce: &mut u64,
        call: &subxt::transactions::DynamicPayload<Vec<Value>>,
    ) -> Vec<u8> {
        let account = signer.public_key().to_account_id();
        match signing {
            Signing::PolkadotJs | Signing::PolkadotJsImmortal => {
                let (number, hash) = self.finalized().await;
                let nonce = self.legacy.system_account_next_index(&account).await.unwrap();
                let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce);
                let params = match signing {
                    Signing::PolkadotJs => params.mortal_from_unchecked(64, number, hash),
                    _ => params.immortal(),
                }
                .build();
                let at = self.api.at_block(hash).await.unwrap();
                let mut tx = at.transactions().create_signable_offline(call, params).unwrap();
                tx.sign(signer).unwrap().into_encoded()
            }
            Signing::Subxt => {
                let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
                    .nonce(*next_nonce)
                    .build();
                *next_nonce += 1;
                let at = self.api.at_current_block().await.unwrap();
                let mut tx =
                    at.transactions().create_signable(call, &account, params).await.unwrap();
                tx.sign(signer).unwrap().into_encoded()
            }
        }
    }
}

/// `rounds` rounds of `per_round` transactions from each sender, all senders at once;
/// `author_submitAndWatchExtrinsic` watchers are followed until their transaction is
/// finalized.
async fn load(
    client: &Client,
    contracts: &Contracts,
    senders: &[Burst<'_>],
    rounds: usize,
    per_round: usize,
) -> Sent {
    let ferdie = dev::ferdie();
    let mut nonces = Vec::new();
    for s in senders {
        nonces.push(client.nonce(s.signer).await);
    }
    let start_nonces = nonces.clone();
    let mut sent = Sent { count: vec![0; senders.len()], start_nonces, ..Default::default() };
    let mut watchers = Vec::new();
    for round in 0..rounds {
        let bursts = senders.iter().zip(nonces.iter_mut()).enumerate().map(|(who, (s, nonce))| {
            let ferdie = &ferdie;
            async move {
                let mut out = Vec::new();
                for i in 0..per_round {
                    let call = match s.action {
                        Action::Erc20ToEve => {
                            contract_call(&contracts.erc20, contracts.gas, &contracts.transfer_data)
                        }
                        Action::Flip => {
                            contract_call(&contracts.flipper, contracts.gas, &contracts.flip_data)
                        }
                        Action::PayFerdie => pay(ferdie, AMOUNT),
                    };
                    let encoded = client.sign(s.signer, s.signing, nonce, &call).await;
                    // `transaction_v1_broadcast` hands the transaction to the pool after it
                    // answers, so a client that asks the node for its next nonce (as
                    // polkadot.js does) submits with the other two; one that counts its
                    // nonces itself uses all three.
                    let methods = match s.signing {
                        Signing::PolkadotJs | Signing::PolkadotJsImmortal => &METHODS[..2],
                        Signing::Subxt => &METHODS[..],
                    };
                    let method = methods[(round * per_round + i + who) % methods.len()];
                    let watcher = match method {
                        Method::Submit => {
                            let hash = client.legacy.author_submit_extrinsic(&encoded).await;
                            let hash = hash.unwrap_or_else(|e| {
                                panic!("{:?} {:?}: refused: {e:?}", s.signing, s.action)
                            });
                            assert_eq!(hash, hash_of(&encoded));
                            None
                        }
                        Method::SubmitAndWatch => {
                            let sub = client.legacy.author_submit_and_watch_extrinsic(&encoded);
                            Some(sub.await.unwrap_or_else(|e| {
                                panic!("{:?} {:?}: refused: {e:?}", s.signing, s.action)
                            }))
                        }
                        Method::Broadcast => {
                            // `null` means "not now": a node broadcasts at most 16
                            // transactions per connection until they are finalized.
                            let start = Instant::now();
                            loop {
                                let id = client.chain_head.transaction_v1_broadcast(&encoded);
                                let id = id.await.unwrap_or_else(|e| {
                                    panic!("{:?} {:?}: refused: {e:?}", s.signing, s.action)
                                });
                                if id.is_some() {
                                    break;
                                }
                                assert!(start.elapsed() < Duration::from_secs(60), "no broadcast");
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                            None
                        }
                    };
                    out.push((who, hash_of(&encoded), watcher));
                }
                out
            }
        });
        for burst in subxt::ext::futures::future::join_all(bursts).await {
            for (who, hash, watcher) in burst {
                assert!(sent.hashes.insert(hash, who).is_none(), "a transaction signed twice");
                sent.count[who] += 1;
                watchers.extend(watcher.map(|w| (hash, w)));
            }
        }
    }
    // Every watched transaction ends finalized, never dropped, usurped or invalid.
    let follow = watchers.into_iter().map(|(hash, mut sub)| async move {
        let mut seen = Vec::new();
        while let Some(status) = sub.next().await {
            let status = status.unwrap();
            let done = matches!(
                status,
                TransactionStatus::Finalized(_)
                    | TransactionStatus::Usurped(_)
                    | TransactionStatus::Dropped
                    | TransactionStatus::Invalid
                    | TransactionStatus::FinalityTimeout(_)
            );
            seen.push(format!("{status:?}"));
            if done {
                break;
            }
        }
        (hash, seen)
    });
    let follow = subxt::ext::futures::future::join_all(follow);
    let statuses = tokio::time::timeout(Duration::from_secs(180), follow)
        .await
        .expect("every watched transaction reaches a final status within 3 minutes");
    for (hash, seen) in statuses {
        assert!(seen.last().is_some_and(|s| s.starts_with("Finalized")), "{hash:?} ended {seen:?}");
    }
    sent
}

/// Waits until every sender's nonce has advanced by what it sent, then checks every
/// block since `from`: each transaction sent is in exactly one, and succeeded. Returns
/// what it found.
async fn check_included(client: &Client, senders: &[Burst<'_>], sent: &Sent, from: u64) -> Checked {
    let start = Instant::now();
    loop {
        let mut missing = Vec::new();
        for (i, s) in senders.iter().enumerate() {
            let now = client.nonce(s.signer).await;
            if now != sent.start_nonces[i] + sent.count[i] {
                missing.push(format!(
                    "{:?}: {} of {}",
                    s.action,
                    now - sent.start_nonces[i],
                    sent.count[i]
                ));
            }
        }
        if missing.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "not all transactions were included within 2 minutes: {missing:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (last, last_hash) = client.finalized().await;
    let mut included: HashMap<H256, u64> = HashMap::new();
    let mut fees = vec![0u128; senders.len()];
    let mut blocks = 0;
    let accounts: Vec<[u8; 32]> = senders.iter().map(|s| s.signer.public_key().0).collect();
    for number in from + 1..=last {
        let hash = client.legacy.chain_get_block_hash(Some(number.into())).await.unwrap().unwrap();
        let block = client.json("chain_getBlock", rpc_params![hash]).await;
        let extrinsics = block["block"]["extrinsics"].as_array().unwrap();
        let hashes: Vec<H256> = extrinsics
            .iter()
            .map(|x| hash_of(&hex::decode(x.as_str().unwrap().trim_start_matches("0x")).unwrap()))
            .collect();
        for h in &hashes {
            *included.entry(*h).or_default() += 1;
        }
        if hashes.iter().any(|h| sent.hashes.contains_key(h)) {
            blocks += 1;
        }
        let events = client.api.at_block(hash).await.unwrap().events().fetch().await.unwrap();
        for event in events.iter() {
            let event = event.unwrap();
            let name = format!("{}::{}", event.pallet_name(), event.event_name());
            let phase = event.phase();
            let index = match phase {
                subxt::events::Phase::ApplyExtrinsic(i) => Some(i as usize),
                _ => None,
            };
            let ours =
                index.and_then(|i| hashes.get(i)).is_some_and(|h| sent.hashes.contains_key(h));
            if ours && name == "System::ExtrinsicFailed" {
                panic!(
                    "a transaction failed in block #{number}: 0x{}",
                    hex::encode(event.field_bytes())
                );
            }
            if ours && name == "TransactionPayment::TransactionFeePaid" {
                let mut fields = event.field_bytes();
                let who = <[u8; 32]>::decode(&mut fields).unwrap();
                let fee = u128::decode(&mut fields).unwrap();
                if let Some(i) = accounts.iter().position(|a| *a == who) {
                    fees[i] += fee;
                }
            }
        }
    }
    for (hash, who) in &sent.hashes {
        let times = included.get(hash).copied().unwrap_or(0);
        assert_eq!(
            times, 1,
            "{:?}'s transaction {hash:?} is in {times} blocks",
            senders[*who].action
        );
    }
    Checked { fees, last: last_hash, blocks }
}

/// What [`check_included`] found.
struct Checked {
    /// The fees each sender paid.
    fees: Vec<u128>,
    /// The last block.
    last: H256,
    /// How many blocks held the transactions.
    blocks: usize,
}

/// Deploys erc20 (Alice holds the supply) and flipper with `rivet`.
fn deploy(node: &Node) -> Contracts {
    let erc20 = contract(ERC20);
    let flipper = contract(FLIPPER);
    let token = node.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000000"]);
    let flip = node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let eve = dev::eve().public_key().to_account_id().to_string();
    // The first transfer to Eve creates her entry: the costliest, so every later one
    // fits the gas it needed.
    let first = node.ok(&support::call(
        &erc20,
        token["contract"].as_str().unwrap(),
        "transfer",
        &[&eve, "1"],
    ));
    let gas = first["gasRequired"]["refTime"].as_u64().unwrap() * 2;
    Contracts {
        erc20: token["contract"].as_str().unwrap().parse().unwrap(),
        flipper: flip["contract"].as_str().unwrap().parse().unwrap(),
        transfer_data: call_data(&erc20, "transfer", &[&eve, "1"]),
        flip_data: call_data(&flipper, "flip", &[]),
        gas,
    }
}

/// Runs the load against `node` and checks everything it can.
fn every_transaction_is_included_once(
    node: &Node,
    contracts: &Contracts,
    rounds: usize,
    per_round: usize,
) {
    let erc20 = contract(ERC20);
    let flipper = contract(FLIPPER);
    let (alice, bob, charlie, dave, ferdie) =
        (dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::ferdie());
    let senders = [
        Burst { signer: &alice, signing: Signing::PolkadotJs, action: Action::Erc20ToEve },
        Burst { signer: &bob, signing: Signing::Subxt, action: Action::PayFerdie },
        Burst { signer: &charlie, signing: Signing::Subxt, action: Action::Flip },
        Burst { signer: &dave, signing: Signing::PolkadotJs, action: Action::PayFerdie },
    ];
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(node).await;
        let (from, from_hash) = client.finalized().await;
        let mut before = Vec::new();
        for who in [&bob, &dave, &ferdie] {
            before.push(client.free_balance(who, from_hash).await);
        }
        let sent = load(&client, contracts, &senders, rounds, per_round).await;
        let total: u64 = sent.count.iter().sum();
        assert_eq!(total as usize, senders.len() * rounds * per_round);
        let Checked { fees, last, .. } = check_included(&client, &senders, &sent, from).await;
        // Balances: Ferdie got every transfer; Bob and Dave paid them and their fees.
        let after = [
            client.free_balance(&bob, last).await,
            client.free_balance(&dave, last).await,
            client.free_balance(&ferdie, last).await,
        ];
        let (bob_n, dave_n) = (sent.count[1] as u128, sent.count[3] as u128);
        assert_eq!(after[0], before[0] - bob_n * AMOUNT - fees[1], "Bob's balance");
        assert_eq!(after[1], before[1] - dave_n * AMOUNT - fees[3], "Dave's balance");
        assert_eq!(after[2], before[2] + (bob_n + dave_n) * AMOUNT, "Ferdie's balance");
        assert!(fees[1] > 0 && fees[3] > 0, "transfers pay fees");
    });
    // Contract state: Eve holds one token per transfer (and the first one's), the flipper
    // was flipped once per transaction.
    let eve = dev::eve().public_key().to_account_id().to_string();
    let token = contracts.erc20.to_string();
    let held = node.read(&erc20, &token, "balance_of", &[&eve]);
    assert_eq!(held, (rounds * per_round + 1).to_string(), "Eve's erc20 balance");
    let flipped = node.read(&flipper, &contracts.flipper.to_string(), "get", &[]);
    assert_eq!(flipped, ((rounds * per_round) % 2 == 1).to_string(), "the flipper's state");
}

/// Four accounts flip the flipper as fast as polkadot.js lets them with immortal
/// transactions, each asking the node for its next nonce and submitting before the next:
/// every flip is included. (Before the node's fixes this stalled: blocks of one flip,
/// then the sealer took the pool for empty and no block came for minutes.)
fn immortal_flips_are_included(
    node: &Node,
    contracts: &Contracts,
    rounds: usize,
    per_round: usize,
) {
    let was = flipper_state(node, contracts);
    let signers = [dev::alice(), dev::bob(), dev::charlie(), dev::dave()];
    let senders = flippers(&signers, Signing::PolkadotJsImmortal);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(node).await;
        let (from, _) = client.finalized().await;
        let sent = load(&client, contracts, &senders, rounds, per_round).await;
        let checked = check_included(&client, &senders, &sent, from).await;
        eprintln!("{} immortal flips in {} blocks", sent.hashes.len(), checked.blocks);
    });
    assert_flipped(node, contracts, &was, signers.len() * rounds * per_round);
}

/// Every signer flips the flipper.
fn flippers(signers: &[Keypair], signing: Signing) -> Vec<Burst<'_>> {
    signers.iter().map(|signer| Burst { signer, signing, action: Action::Flip }).collect()
}

fn flipper_state(node: &Node, contracts: &Contracts) -> String {
    node.read(&contract(FLIPPER), &contracts.flipper.to_string(), "get", &[])
}

/// The flipper went from `was` through `flips` flips.
fn assert_flipped(node: &Node, contracts: &Contracts, was: &str, flips: usize) {
    let now = flipper_state(node, contracts);
    let expected = if flips.is_multiple_of(2) { was == "true" } else { was == "false" };
    assert_eq!(now, expected.to_string(), "the flipper after {flips} flips from {was}");
}

/// Transactions signed beforehand (nonces counted by the client, mortal for 64 blocks
/// from the finalized head) and submitted all at once, as a script replaying a batch
/// does: every one is included (`check_included` allows two minutes).
fn a_burst_is_included(node: &Node, contracts: &Contracts, per_account: usize) {
    let was = flipper_state(node, contracts);
    let signers = [dev::alice(), dev::bob(), dev::charlie(), dev::dave()];
    let senders = flippers(&signers, Signing::Subxt);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(node).await;
        let (from, hash) = client.finalized().await;
        let at = client.api.at_block(hash).await.unwrap();
        let flip = contract_call(&contracts.flipper, contracts.gas, &contracts.flip_data);
        let mut sent = Sent { count: vec![0; senders.len()], ..Default::default() };
        let mut signed = Vec::new();
        for (who, s) in senders.iter().enumerate() {
            let nonce = client.nonce(s.signer).await;
            sent.start_nonces.push(nonce);
            for i in 0..per_account as u64 {
                let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
                    .nonce(nonce + i)
                    .mortal_from_unchecked(64, from, hash)
                    .build();
                let mut tx = at.transactions().create_signable_offline(&flip, params).unwrap();
                let encoded = tx.sign(s.signer).unwrap().into_encoded();
                sent.hashes.insert(hash_of(&encoded), who);
                sent.count[who] += 1;
                signed.push(encoded);
            }
        }
        let start = Instant::now();
        let submissions = signed.iter().map(|x| client.legacy.author_submit_extrinsic(x));
        for result in subxt::ext::futures::future::join_all(submissions).await {
            result.unwrap_or_else(|e| panic!("a transaction of the burst was refused: {e:?}"));
        }
        let checked = check_included(&client, &senders, &sent, from).await;
        eprintln!(
            "a burst of {} flips included in {:?}, in {} blocks",
            signed.len(),
            start.elapsed(),
            checked.blocks
        );
    });
    assert_flipped(node, contracts, &was, signers.len() * per_account);
}

#[test]
fn instant_seal_includes_every_transaction_once() {
    // Archive: the check reads every block's events (a node keeps 256 blocks' state).
    let node = Node::start("load-instant", &["--dev", "--state-pruning", "archive"]);
    let contracts = deploy(&node);
    every_transaction_is_included_once(&node, &contracts, 6, 15);
    immortal_flips_are_included(&node, &contracts, 5, 10);
    a_burst_is_included(&node, &contracts, 50);
    weight_is_paid_for(&node);
}

#[test]
fn manual_seal_includes_every_transaction_once() {
    let args = ["--dev", "--state-pruning", "archive", "--consensus", "manual-seal-300"];
    let node = Node::start("load-manual", &args);
    let contracts = deploy(&node);
    every_transaction_is_included_once(&node, &contracts, 4, 15);
    a_burst_is_included(&node, &contracts, 50);
}

/// `payment_queryFeeDetails`'s inclusion fee: base, length and weight parts.
fn fee_details(json: &Json) -> (u128, u128, u128) {
    let part = |k: &str| {
        let v = &json["inclusionFee"][k];
        v.as_str()
            .map(|s| u128::from_str_radix(s.trim_start_matches("0x"), 16).unwrap())
            .or_else(|| v.as_u64().map(u128::from))
            .unwrap_or_else(|| panic!("no {k} in {json}"))
    };
    (part("baseFee"), part("lenFee"), part("adjustedWeightFee"))
}

/// Weight costs what the fee API says, unused weight comes back, tips are charged.
fn weight_is_paid_for(node: &Node) {
    let raw = support::guest("raw-contract");
    let code = std::fs::read(&raw).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = Client::connect(node).await;
        let alice = dev::alice();
        // raw-contract (initial count 5); mode 8 stores, then spins until out of gas.
        let deploy = tx(
            "Contracts",
            "instantiate_with_code",
            vec![
                Value::u128(0),
                Value::named_composite([
                    ("ref_time", Value::u128(10_000_000_000)),
                    ("proof_size", Value::u128(0)),
                ]),
                Value::unnamed_variant("None", []),
                Value::from_bytes(&code),
                Value::from_bytes(5u32.to_le_bytes()),
                Value::from_bytes(b"fees"),
            ],
        );
        let events = submit(&client, &alice, &deploy, 0).await;
        let instantiated = events
            .iter()
            .find(|(name, _)| name == "Contracts::Instantiated")
            .expect("raw-contract deployed");
        // { deployer, contract, code_hash }
        let spinner = subxt::utils::AccountId32(instantiated.1[32..64].try_into().unwrap());

        // Most of a block: 1.25 s of its 2 s (an extrinsic may use up to 1.3 s: the
        // normal class's 75 % less the 10 % kept for block initialization), in whole
        // units of gas, as is half of it (less than a unit of gas is not gas: it is not
        // charged).
        let unit = 2 * support::ref_time_per_gas();
        let big: u64 = 1_250_000_000_000 / unit * unit;
        let spin = contract_call(&spinner, big, &[8]);
        let (paid, quoted, weight) = fee_paid(&client, &alice, &spin, 0).await;
        let (base, len, weight_fee) = quoted;
        assert!(
            weight_fee >= big as u128,
            "the weight fee {weight_fee} covers the gas limit {big}"
        );
        assert_eq!(paid, base + len + weight_fee, "a spin that uses all its gas pays the quote");
        assert!(weight.0 >= big, "the spin's weight {weight:?} includes its gas limit");
        // Twice the gas, twice the weight fee (the same base and length).
        let (paid_half, quoted_half, _) =
            fee_paid(&client, &alice, &contract_call(&spinner, big / 2, &[8]), 0).await;
        assert_eq!(quoted_half.0, base);
        assert_eq!(paid_half, quoted_half.0 + quoted_half.1 + quoted_half.2);
        let per_unit = (weight_fee - quoted_half.2) as f64 / (big / 2) as f64;
        assert!((per_unit - 1.0).abs() < 1e-9, "one unit per picosecond of weight, got {per_unit}");
        // A call that uses little of a large limit pays for what it used.
        let get = contract_call(&spinner, big, &[0]);
        let (paid_get, quoted_get, used) = fee_paid(&client, &alice, &get, 0).await;
        assert!(used.0 < big / 100, "a `get` uses little: {used:?}");
        // The events' weight includes the extrinsic base weight, which the base fee
        // prices (one unit per picosecond): the weight fee is for the rest.
        let dispatch_weight = used.0 as u128 - quoted_get.0;
        assert!(dispatch_weight < quoted_get.2, "unused gas is refunded");
        assert_eq!(paid_get, quoted_get.0 + quoted_get.1 + dispatch_weight);
        assert!(paid_get * 50 < paid, "a `get` costs far less than a spin: {paid_get} vs {paid}");
        // A tip is paid on top.
        let tip = 123_456_789u128;
        let (paid_tip, quoted_tip, used_tip) = fee_paid(&client, &alice, &get, tip).await;
        assert_eq!(paid_tip, quoted_tip.1 + used_tip.0 as u128 + tip);
    });
}

/// Signs (immortal, with `tip`), asks `payment_queryFeeDetails`, submits and waits: the
/// fee paid (`TransactionFeePaid`), the quote, and the weight used.
async fn fee_paid(
    client: &Client,
    who: &Keypair,
    call: &subxt::transactions::DynamicPayload<Vec<Value>>,
    tip: u128,
) -> (u128, (u128, u128, u128), (u64, u64)) {
    let encoded = signed(client, who, call, tip).await;
    let hex = format!("0x{}", hex::encode(&encoded));
    let details = client.json("payment_queryFeeDetails", rpc_params![hex]).await;
    let quoted = fee_details(&details);
    let events = watch(client, &encoded).await;
    let fee = events.iter().find(|(n, _)| n == "TransactionPayment::TransactionFeePaid").unwrap();
    let mut fields = &fee.1[32..];
    let paid = u128::decode(&mut fields).unwrap();
    let tip_paid = u128::decode(&mut fields).unwrap();
    assert_eq!(tip_paid, tip);
    let done = events
        .iter()
        .find(|(n, _)| n == "System::ExtrinsicSuccess" || n == "System::ExtrinsicFailed")
        .unwrap();
    let weight = if done.0 == "System::ExtrinsicSuccess" {
        &done.1[..]
    } else {
        // The dispatch error comes first; the weight follows it.
        let mut rest = &done.1[..];
        sp_runtime::DispatchError::decode(&mut rest).unwrap();
        let at = done.1.len() - rest.len();
        &done.1[at..]
    };
    let mut weight = weight;
    let ref_time = Compact::<u64>::decode(&mut weight).unwrap().0;
    let proof_size = Compact::<u64>::decode(&mut weight).unwrap().0;
    (paid, quoted, (ref_time, proof_size))
}
