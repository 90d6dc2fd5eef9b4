//! A subxt client of a [`super::Node`], and signing, submitting and watching
//! transactions with it: what tests that build their own extrinsics share.

use codec::Decode;
use scale_value::Value;
use serde_json::Value as Json;
use subxt::config::{DefaultExtrinsicParamsBuilder, RpcConfigFor};
use subxt::rpcs::client::rpc_params;
use subxt::rpcs::methods::legacy::TransactionStatus;
use subxt::rpcs::{ChainHeadRpcMethods, LegacyRpcMethods, RpcClient};
use subxt::utils::H256;
use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;

use super::Node;

pub type Rpc = RpcConfigFor<PolkadotConfig>;

/// A node's clients: subxt's, and its raw, legacy and `chainHead` RPC methods.
pub struct Client {
    pub api: OnlineClient<PolkadotConfig>,
    pub rpc: RpcClient,
    pub legacy: LegacyRpcMethods<Rpc>,
    pub chain_head: ChainHeadRpcMethods<Rpc>,
}

impl Client {
    pub async fn connect(node: &Node) -> Client {
        let rpc = RpcClient::from_insecure_url(node.url()).await.unwrap();
        let api = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone()).await.unwrap();
        let legacy = LegacyRpcMethods::new(rpc.clone());
        let chain_head = ChainHeadRpcMethods::new(rpc.clone());
        Client { api, rpc, legacy, chain_head }
    }

    pub async fn finalized(&self) -> (u64, H256) {
        let hash = self.legacy.chain_get_finalized_head().await.unwrap();
        let header = self.legacy.chain_get_header(Some(hash)).await.unwrap().unwrap();
        (header.number, hash)
    }

    pub async fn nonce(&self, who: &Keypair) -> u64 {
        let at = self.api.at_current_block().await.unwrap();
        at.transactions().account_nonce(&who.public_key().to_account_id()).await.unwrap()
    }

    /// An account's free balance at `at`, from `System::Account`.
    pub async fn free_balance(&self, who: &Keypair, at: H256) -> u128 {
        let account = who.public_key().to_account_id().0;
        let mut key = sp_crypto_hashing::twox_128(b"System").to_vec();
        key.extend(sp_crypto_hashing::twox_128(b"Account"));
        key.extend(sp_crypto_hashing::blake2_128(&account));
        key.extend(account);
        let value: Option<String> = self
            .rpc
            .request("state_getStorage", rpc_params![format!("0x{}", hex::encode(key)), at])
            .await
            .unwrap();
        let bytes = hex::decode(value.unwrap().trim_start_matches("0x")).unwrap();
        // nonce, consumers, providers, sufficients (u32 each), then `free`.
        u128::decode(&mut &bytes[16..32]).unwrap()
    }

    pub async fn json(&self, method: &str, params: subxt::rpcs::client::RpcParams) -> Json {
        self.rpc.request(method, params).await.unwrap_or_else(|e| panic!("{method}: {e}"))
    }
}

/// `pallet::function(fields)`.
pub fn tx(
    pallet: &str,
    function: &str,
    fields: Vec<Value>,
) -> subxt::transactions::DynamicPayload<Vec<Value>> {
    subxt::dynamic::tx(pallet, function, fields)
}

/// A transaction's hash.
pub fn hash_of(encoded: &[u8]) -> H256 {
    H256(sp_crypto_hashing::blake2_256(encoded))
}

/// `call` signed by `who` with `tip`, immortal, at the nonce the node gives.
pub async fn signed(
    client: &Client,
    who: &Keypair,
    call: &subxt::transactions::DynamicPayload<Vec<Value>>,
    tip: u128,
) -> Vec<u8> {
    let nonce =
        client.legacy.system_account_next_index(&who.public_key().to_account_id()).await.unwrap();
    let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
        .nonce(nonce)
        .tip(tip)
        .immortal()
        .build();
    let at = client.api.at_current_block().await.unwrap();
    let mut tx = at.transactions().create_signable_offline(call, params).unwrap();
    tx.sign(who).unwrap().into_encoded()
}

/// Submits and watches until finalized: the extrinsic's events (name, fields).
pub async fn watch(client: &Client, encoded: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut sub = client.legacy.author_submit_and_watch_extrinsic(encoded).await.unwrap();
    let block = loop {
        match sub.next().await.expect("a final status").unwrap() {
            TransactionStatus::Finalized(block) => break block,
            TransactionStatus::Future
            | TransactionStatus::Ready
            | TransactionStatus::Broadcast(_)
            | TransactionStatus::InBlock(_) => {}
            other => panic!("the transaction ended {other:?}"),
        }
    };
    let hash = hash_of(encoded);
    let body = client.json("chain_getBlock", rpc_params![block]).await;
    let index = body["block"]["extrinsics"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| {
            hash_of(&hex::decode(x.as_str().unwrap().trim_start_matches("0x")).unwrap()) == hash
        })
        .unwrap();
    let events = client.api.at_block(block).await.unwrap().events().fetch().await.unwrap();
    events
        .iter()
        .map(|e| e.unwrap())
        .filter(
            |e| matches!(e.phase(), subxt::events::Phase::ApplyExtrinsic(i) if i as usize == index),
        )
        .map(|e| (format!("{}::{}", e.pallet_name(), e.event_name()), e.field_bytes().to_vec()))
        .collect()
}

/// Signs `call` ([`signed`]) and [`watch`]es it.
pub async fn submit(
    client: &Client,
    who: &Keypair,
    call: &subxt::transactions::DynamicPayload<Vec<Value>>,
    tip: u128,
) -> Vec<(String, Vec<u8>)> {
    let encoded = signed(client, who, call, tip).await;
    watch(client, &encoded).await
}

/// How an extrinsic whose events are `events` ([`watch`]) failed, as `Pallet::Error`
/// (`Contracts::OutOfGas`); `None` if it succeeded.
pub async fn failure(client: &Client, events: &[(String, Vec<u8>)]) -> Option<String> {
    let (_, fields) = events.iter().find(|(name, _)| name == "System::ExtrinsicFailed")?;
    let error = sp_runtime::DispatchError::decode(&mut &fields[..]).expect("a dispatch error");
    Some(match error {
        sp_runtime::DispatchError::Module(e) => {
            let at = client.api.at_current_block().await.unwrap();
            let metadata = at.metadata();
            let pallet = metadata.pallet_by_error_index(e.index).expect("a pallet");
            let variant = pallet.error_variant_by_index(e.error[0]).expect("an error");
            format!("{}::{}", pallet.name(), variant.name)
        }
        other => format!("{other:?}"),
    })
}

/// The fee an extrinsic whose events are `events` paid (`TransactionFeePaid`'s
/// `actual_fee`, tip included).
pub fn fee_paid(events: &[(String, Vec<u8>)]) -> u128 {
    let (_, fields) = events
        .iter()
        .find(|(name, _)| name == "TransactionPayment::TransactionFeePaid")
        .expect("a fee was paid");
    // { who: AccountId32, actual_fee: u128, tip: u128 }
    u128::decode(&mut &fields[32..48]).unwrap()
}
