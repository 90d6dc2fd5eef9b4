//! The chain commands (`rivet upload | instantiate | call | remove`): a node's JSON-RPC
//! through `subxt`, extrinsics signed by a secret URI (`--suri //Alice`), dry runs
//! through the runtime's `ContractsApi`, chain errors named from the runtime's metadata.

pub mod abi;
mod commands;
mod report;

use std::str::FromStr;
use std::time::Duration;

use clap::Args;
use codec::{Decode, Encode};
use scale_value::Value;
use subxt::backend::BlockRef;
use subxt::client::OnlineClientAtBlock;
use subxt::config::RpcConfigFor;
use subxt::rpcs::{LegacyRpcMethods, RpcClient};
use subxt::utils::AccountId32;
use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

pub use commands::{
    call, encode, instantiate, remove, upload, CallArgs, EncodeArgs, InstantiateArgs, RemoveArgs,
    UploadArgs,
};
pub use report::Report;

/// How long to wait for an extrinsic to be included and finalized.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

/// Where the node is and who signs.
#[derive(Args, Clone)]
pub struct ChainArgs {
    /// The node's JSON-RPC endpoint (`ws://` for a local dev node).
    #[arg(long, default_value = "ws://127.0.0.1:9944")]
    pub url: String,
    /// The signer's secret URI: a dev account (`//Alice`), a mnemonic, or a hex seed,
    /// with optional `//hard`, `/soft` derivations and `///password`.
    #[arg(short, long, default_value = "//Alice")]
    pub suri: String,
    /// Print the outcome as one JSON object (for scripts).
    #[arg(long)]
    pub output_json: bool,
}

/// A connection to a node, with the signer.
pub struct Chain {
    api: OnlineClient<PolkadotConfig>,
    /// The node's own methods, on the same connection (`chain_getBlockHash`: the best
    /// block).
    rpc: LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>,
    signer: Keypair,
}

/// An event of an included extrinsic.
pub struct ChainEvent {
    /// `Pallet::Event`.
    pub name: String,
    /// Its fields as text.
    pub text: String,
    /// Its SCALE-encoded fields.
    pub field_bytes: Vec<u8>,
    /// Its topics.
    pub topics: Vec<[u8; 32]>,
}

/// An extrinsic in a finalized block.
pub struct Included {
    /// The block's hash.
    pub block_hash: String,
    /// The block's number.
    pub block_number: u64,
    /// The extrinsic's events, in order.
    pub events: Vec<ChainEvent>,
    /// Why it failed (the decoded dispatch error), if it did.
    pub failure: Option<String>,
    /// The weight it used (after refunds), from `System::ExtrinsicSuccess`/`Failed`.
    pub weight: Option<sp_weights::Weight>,
}

impl Chain {
    /// Connects to `args.url` and derives the signer from `args.suri`.
    pub async fn connect(args: &ChainArgs) -> Result<Chain, String> {
        let uri =
            SecretUri::from_str(&args.suri).map_err(|e| format!("--suri `{}`: {e}", args.suri))?;
        let signer = Keypair::from_uri(&uri).map_err(|e| format!("--suri `{}`: {e}", args.suri))?;
        let unreachable = |e: &dyn std::fmt::Display| {
            format!(
                "cannot connect to the node at {} (is it running? `scripts/dev-node.sh` starts one): {e}",
                args.url
            )
        };
        let client = RpcClient::from_insecure_url(&args.url).await.map_err(|e| unreachable(&e))?;
        let api = OnlineClient::<PolkadotConfig>::from_rpc_client(client.clone())
            .await
            .map_err(|e| unreachable(&e))?;
        Ok(Chain { api, rpc: LegacyRpcMethods::new(client), signer })
    }

    /// The signer's account.
    pub fn account(&self) -> AccountId32 {
        self.signer.public_key().to_account_id()
    }

    /// The signer's account as runtime type.
    pub fn origin(&self) -> sp_runtime::AccountId32 {
        sp_runtime::AccountId32::new(self.account().0)
    }

    /// The client at the node's best block, where dry runs run and transactions are
    /// made (their nonces read). On a network the finalized block lags it by a few
    /// blocks, and by every block while finality waits for a validator; a dev node's
    /// blocks are final at once.
    async fn at_best(&self) -> Result<OnlineClientAtBlock<PolkadotConfig>, String> {
        let best = self.rpc.chain_get_block_hash(None).await.map_err(|e| e.to_string())?;
        let best = best.ok_or("the node has no best block")?;
        self.api.at_block(BlockRef::from_hash(best)).await.map_err(|e| e.to_string())
    }

    /// Calls the runtime API function `name` (e.g. `ContractsApi_call`) at the best
    /// block and decodes its result.
    pub async fn runtime_call<R: Decode>(
        &self,
        name: &str,
        args: impl Encode,
    ) -> Result<R, String> {
        let at = self.at_best().await.map_err(|e| format!("{name}: {e}"))?;
        let bytes = at
            .runtime_apis()
            .call_raw(name, Some(&args.encode()))
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        R::decode(&mut &bytes[..]).map_err(|e| format!("{name}: cannot decode the result: {e}"))
    }

    /// A dispatch error as text, with the pallet error's name and documentation from the
    /// runtime's metadata (`Contracts::OutOfGas: The contract ran out of gas.`).
    pub async fn describe_error(&self, error: &sp_runtime::DispatchError) -> String {
        let sp_runtime::DispatchError::Module(m) = error else {
            return format!("{error:?}");
        };
        match self.error_name(error).await {
            Some((name, docs)) if docs.is_empty() => name,
            Some((name, docs)) => format!("{name}: {docs}"),
            None => format!("module error {} of pallet {}", m.error[0], m.index),
        }
    }

    /// A pallet error's name (`Contracts::OutOfGas`) and documentation, from the
    /// runtime's metadata.
    pub async fn error_name(&self, error: &sp_runtime::DispatchError) -> Option<(String, String)> {
        let sp_runtime::DispatchError::Module(m) = error else { return None };
        let metadata = self.api.at_current_block().await.ok()?.metadata();
        let pallet = metadata.pallet_by_error_index(m.index)?;
        let variant = pallet.error_variant_by_index(m.error[0])?;
        let name = format!("{}::{}", pallet.name(), variant.name);
        Some((name, variant.docs.join(" ").trim().to_string()))
    }

    /// Signs `call` (pallet, function, arguments), submits it, waits until it is in a
    /// finalized block and returns its events, with the dispatch error if it failed.
    pub async fn submit(
        &self,
        pallet: &str,
        function: &str,
        fields: Vec<Value>,
    ) -> Result<Included, String> {
        let payload = subxt::dynamic::tx(pallet, function, fields);
        let at = self.at_best().await?;
        let progress = at
            .transactions()
            .sign_and_submit_then_watch_default(&payload, &self.signer)
            .await
            .map_err(|e| format!("the node refused the extrinsic {pallet}::{function}: {e}"))?;
        let in_block = tokio::time::timeout(INCLUSION_TIMEOUT, progress.wait_for_finalized())
            .await
            .map_err(|_| {
                format!("{pallet}::{function} was not finalized within {INCLUSION_TIMEOUT:?}")
            })?
            .map_err(|e| format!("{pallet}::{function}: {e}"))?;
        let block_hash = format!("{:?}", in_block.block_hash());
        let events = in_block.fetch_events().await.map_err(|e| e.to_string())?;
        let block_number = events_block_number(&self.api, in_block.block_hash()).await?;
        let metadata = at.metadata();
        let mut out = Vec::new();
        let mut failure = None;
        let mut weight = None;
        for event in events.iter() {
            let event = event.map_err(|e| format!("cannot decode an event: {e}"))?;
            let text = event_fields(
                &metadata,
                event.pallet_index(),
                event.event_index(),
                event.field_bytes(),
            )
            .unwrap_or_else(|| format!("0x{}", hex::encode(event.field_bytes())));
            let name = format!("{}::{}", event.pallet_name(), event.event_name());
            let mut fields = event.field_bytes();
            if name == "System::ExtrinsicFailed" {
                let error = sp_runtime::DispatchError::decode(&mut fields)
                    .map_err(|e| format!("cannot decode the dispatch error: {e}"))?;
                failure = Some(self.describe_error(&error).await);
            }
            if name == "System::ExtrinsicFailed" || name == "System::ExtrinsicSuccess" {
                // `dispatch_info` starts with the weight.
                weight = sp_weights::Weight::decode(&mut fields).ok();
            }
            out.push(ChainEvent {
                name,
                text,
                field_bytes: event.field_bytes().to_vec(),
                topics: event.topics().iter().map(|t| t.0).collect(),
            });
        }
        Ok(Included { block_hash, block_number, events: out, failure, weight })
    }
}

/// An event's fields as `{ name: value, … }`, decoded by the runtime's metadata.
fn event_fields(
    metadata: &subxt::Metadata,
    pallet: u8,
    index: u8,
    mut bytes: &[u8],
) -> Option<String> {
    let variant = metadata.pallet_by_event_index(pallet)?.event_variant_by_index(index)?;
    let mut fields = Vec::new();
    for field in &variant.fields {
        let value =
            scale_value::scale::decode_as_type(&mut bytes, field.ty.id, metadata.types()).ok()?;
        let text = abi::display_value(&value, Some(metadata.types()));
        fields.push(match &field.name {
            Some(name) => format!("{name}: {text}"),
            None => text,
        });
    }
    Some(format!("{{ {} }}", fields.join(", ")))
}

async fn events_block_number(
    api: &OnlineClient<PolkadotConfig>,
    hash: subxt::utils::H256,
) -> Result<u64, String> {
    let at = api.at_block(hash).await.map_err(|e| format!("block {hash:?}: {e}"))?;
    Ok(at.block_number())
}

/// Parses an account: SS58 (`5Grw…`) or 32 bytes in hex.
pub fn parse_account(text: &str) -> Result<AccountId32, String> {
    if let Some(bytes) = abi::parse_bytes(text).filter(|_| text.starts_with("0x")) {
        let bytes: [u8; 32] =
            bytes.try_into().map_err(|_| format!("`{text}`: an account id is 32 bytes"))?;
        return Ok(AccountId32(bytes));
    }
    AccountId32::from_str(text).map_err(|e| format!("`{text}` is not an SS58 address: {e}"))
}

/// Runs a chain command (which checks its input, then connects) on a fresh
/// single-threaded runtime and prints its report.
pub fn run<F>(args: &ChainArgs, command: F) -> Result<(), String>
where
    F: std::future::Future<Output = Result<Report, (Report, String)>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        match command.await {
            Ok(report) => {
                report.print(args.output_json);
                Ok(())
            }
            Err((report, error)) => {
                report.print(args.output_json);
                Err(error)
            }
        }
    })
}
