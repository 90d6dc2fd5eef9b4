//! `rivet upload`, `instantiate`, `call` and `remove`: each dry-runs through the runtime
//! API first (so a failing extrinsic is not submitted and its gas is estimated), then
//! submits, waits for finalization and reports the events.

use std::path::{Path, PathBuf};

use clap::Args;
use codec::Decode;
use rivet_contracts_api::runtime_api as api;
use rivet_contracts_api::{
    Code, CodeHash, CodeUploadResult, ContractResult, EmittedEvent, ExecReturnValue,
    InstantiateReturnValue, StorageDeposit,
};
use scale_value::Value;
use serde_json::{json, Value as Json};
use sp_weights::Weight;

use super::abi::{parse_bytes, ContractAbi, Function};
use super::{parse_account, Chain, ChainArgs, Included, Report};

/// The contracts pallet's name in the runtime.
const PALLET: &str = "Contracts";

/// A failed command: what was learnt before the failure, and the failure.
type Failed = (Report, String);

/// The options every command that submits shares.
#[derive(Args)]
pub struct SubmitArgs {
    /// The most storage deposit the signer pays (plancks; default: no limit).
    #[arg(long)]
    pub storage_deposit_limit: Option<u128>,
    /// Only dry-run through the runtime API and report; submit nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub chain: ChainArgs,
}

/// Arguments of `rivet upload`.
#[derive(Args)]
pub struct UploadArgs {
    /// The contract's blob (`.rvt`, from `rivet build`) or bundle (`.contract`).
    pub blob: PathBuf,
    #[command(flatten)]
    pub submit: SubmitArgs,
}

/// Options of the commands that run a contract.
#[derive(Args)]
pub struct ExecArgs {
    /// Arguments, in SCALE value syntax: `true`, `42`, `"text"`, `0x0102`, an SS58
    /// address, `Some(5Grw…)`, `(1, 2)`.
    #[arg(long, num_args = 0.., allow_negative_numbers = true)]
    pub args: Vec<String>,
    /// Value to transfer to the contract (plancks).
    #[arg(long, default_value_t = 0)]
    pub value: u128,
    /// Gas limit as weight ref-time (default: what the dry run needs).
    #[arg(long)]
    pub gas: Option<u64>,
    /// Gas limit's proof size (default: what the dry run needs).
    #[arg(long)]
    pub proof_size: Option<u64>,
    #[command(flatten)]
    pub submit: SubmitArgs,
}

/// Arguments of `rivet instantiate`.
#[derive(Args)]
pub struct InstantiateArgs {
    /// The contract's bundle (`.contract`), or its blob (`.rvt`) or metadata (`.json`)
    /// with the other next to it; with `--data`, a blob alone will do.
    pub artifact: PathBuf,
    /// The constructor.
    #[arg(long, default_value = "new")]
    pub constructor: String,
    /// Constructor input in hex, sent as given instead of a constructor and its
    /// `--args`: for a contract without metadata. The blob's `deploy` export gets it.
    #[arg(long, conflicts_with = "args")]
    pub data: Option<String>,
    /// Salt for the contract's address (hex), to deploy the same code and arguments again.
    #[arg(long, default_value = "0x")]
    pub salt: String,
    #[command(flatten)]
    pub exec: ExecArgs,
}

/// Arguments of `rivet call`.
#[derive(Args)]
pub struct CallArgs {
    /// The contract's metadata (`.json` or `.contract`) or blob (`.rvt`, with the `.json`
    /// next to it); optional with `--data`, where it only decodes the events (if there
    /// is metadata) and maps a trap to its source (with the ELF beside the blob).
    pub artifact: Option<PathBuf>,
    /// The contract's address (SS58 or hex).
    #[arg(long)]
    pub contract: String,
    /// The message.
    #[arg(long, required_unless_present = "data")]
    pub message: Option<String>,
    /// Call data in hex, sent as given instead of a message and its `--args`: for a
    /// contract without metadata, or input the metadata does not describe. The result
    /// is shown in hex.
    #[arg(long, conflicts_with_all = ["message", "args"])]
    pub data: Option<String>,
    #[command(flatten)]
    pub exec: ExecArgs,
}

/// Arguments of `rivet remove`.
#[derive(Args)]
pub struct RemoveArgs {
    /// The code: its hash (`0x…`), or the blob whose code to remove.
    pub code: String,
    #[command(flatten)]
    pub chain: ChainArgs,
}

/// Arguments of `rivet encode`.
#[derive(Args)]
pub struct EncodeArgs {
    /// The contract's metadata (`.json` or `.contract`) or blob (`.rvt`, with the `.json`
    /// next to it).
    pub artifact: PathBuf,
    /// The message.
    #[arg(long, conflicts_with = "constructor", required_unless_present = "constructor")]
    pub message: Option<String>,
    /// The constructor.
    #[arg(long)]
    pub constructor: Option<String>,
    /// Arguments, as for `rivet call`.
    #[arg(long, num_args = 0.., allow_negative_numbers = true)]
    pub args: Vec<String>,
}

/// `rivet encode`: prints the call data (selector and arguments) in hex.
pub fn encode(args: &EncodeArgs) -> Result<(), String> {
    let abi = ContractAbi::load(&args.artifact)?;
    let function = match (&args.message, &args.constructor) {
        (Some(m), _) => abi.message(m)?,
        (None, Some(c)) => abi.constructor(c)?,
        (None, None) => return Err("give --message or --constructor".into()),
    };
    println!("0x{}", hex::encode(abi.encode_call(&function, &args.args)?));
    Ok(())
}

/// `rivet upload`.
pub async fn upload(args: &UploadArgs) -> Result<Report, Failed> {
    let mut report = Report::default();
    let code = read(&args.blob).map_err(|e| (Report::default(), e))?;
    let chain = Chain::connect(&args.submit.chain).await.map_err(|e| (Report::default(), e))?;
    let (hash, deposit) = match check_code(&chain, &code, args.submit.storage_deposit_limit).await {
        Ok(r) => r,
        Err(refused) => return Err((Report::default(), refused.describe(&chain).await)),
    };
    report.set("codeHash", format!("{hash:?}"));
    report.set("deposit", deposit.to_string());
    if args.submit.dry_run {
        return Ok(report);
    }
    let fields =
        vec![Value::from_bytes(&code), option(args.submit.storage_deposit_limit.map(Value::u128))];
    let included = chain.submit(PALLET, "upload_code", fields).await;
    finish(report, included, None).await
}

/// `rivet instantiate`.
pub async fn instantiate(args: &InstantiateArgs) -> Result<Report, Failed> {
    let fail = |e: String| (Report::default(), e);
    // With `--data`, metadata is optional: it only decodes the events.
    let (abi, constructor, code, data) = match &args.data {
        None => {
            let abi = ContractAbi::load(&args.artifact).map_err(fail)?;
            let code = abi.code().map_err(fail)?;
            let constructor = abi.constructor(&args.constructor).map_err(fail)?;
            let data = abi.encode_call(&constructor, &args.exec.args).map_err(fail)?;
            check_value(&constructor, args.exec.value).map_err(fail)?;
            (Some(abi), Some(constructor), code, data)
        }
        Some(hex) => {
            let data = parse_bytes(hex)
                .ok_or_else(|| fail(format!("--data `{hex}`: expected hex bytes, `0x…`")))?;
            let abi = ContractAbi::load(&args.artifact).ok();
            let code = match &abi {
                Some(abi) => abi.code().map_err(fail)?,
                None => read(&args.artifact).map_err(fail)?,
            };
            (abi, None, code, data)
        }
    };
    let salt =
        parse_bytes(&args.salt).ok_or_else(|| fail(format!("--salt `{}`: not hex", args.salt)))?;
    let chain = Chain::connect(&args.exec.submit.chain).await.map_err(fail)?;

    // Stored code is instantiated by hash; new code is uploaded with the instantiation.
    let hash = sp_crypto_hashing::blake2_256(&code);
    let stored = match check_code(&chain, &code, None).await {
        Ok(_) => false,
        Err(CodeRefused::Refused(e, _))
            if chain
                .error_name(&e)
                .await
                .is_some_and(|(n, _)| n == "Contracts::CodeAlreadyExists") =>
        {
            true
        }
        Err(refused) => return Err(fail(refused.describe(&chain).await)),
    };
    let exec = &args.exec;
    let code_arg = if stored { Code::Existing(hash.into()) } else { Code::Upload(code.clone()) };
    let dry: ContractResult<InstantiateReturnValue<sp_runtime::AccountId32>, u128> = chain
        .runtime_call(
            api::INSTANTIATE,
            api::InstantiateArgs {
                origin: chain.origin(),
                value: exec.value,
                gas_limit: given_gas(exec),
                storage_deposit_limit: exec.submit.storage_deposit_limit,
                code: code_arg,
                data: data.clone(),
                salt: salt.clone(),
            },
        )
        .await
        .map_err(fail)?;
    let mut report = Report::default();
    report.set("codeHash", format!("0x{}", hex::encode(hash)));
    let decode = abi.as_ref().zip(constructor.as_ref());
    let outcome = dry_run_report(
        &chain,
        decode,
        abi.as_ref(),
        Some(&args.artifact),
        &mut report,
        &dry,
        |r| &r.result,
    )
    .await;
    if let Ok(r) = &dry.result {
        report.set("contract", ss58(&r.account_id));
    }
    let gas = match submission_gas(exec, dry.gas_required, outcome) {
        Ok(gas) => gas,
        Err(e) => return Err((report, e)),
    };
    if exec.submit.dry_run {
        return Ok(report);
    }
    let common = [
        Value::u128(exec.value),
        weight(gas),
        option(exec.submit.storage_deposit_limit.map(Value::u128)),
    ];
    let included = if stored {
        let mut fields = common.to_vec();
        fields.extend([
            Value::from_bytes(hash),
            Value::from_bytes(&data),
            Value::from_bytes(&salt),
        ]);
        chain.submit(PALLET, "instantiate", fields).await
    } else {
        let mut fields = common.to_vec();
        fields.extend([
            Value::from_bytes(&code),
            Value::from_bytes(&data),
            Value::from_bytes(&salt),
        ]);
        chain.submit(PALLET, "instantiate_with_code", fields).await
    };
    finish(report, included, abi.as_ref()).await
}

/// `rivet call`.
pub async fn call(args: &CallArgs) -> Result<Report, Failed> {
    let fail = |e: String| (Report::default(), e);
    // With `--data`, metadata is optional (as for `instantiate`): a blob alone still
    // maps a trap to its source with the ELF beside it.
    let abi = match (&args.data, args.artifact.as_deref()) {
        (Some(_), Some(artifact)) => ContractAbi::load(artifact).ok(),
        (_, artifact) => artifact.map(ContractAbi::load).transpose().map_err(fail)?,
    };
    let dest = parse_account(&args.contract).map_err(|e| fail(format!("--contract {e}")))?;
    let (message, data) = match (&args.message, &args.data, &abi) {
        (Some(name), _, Some(abi)) => {
            let message = abi.message(name).map_err(fail)?;
            let data = abi.encode_call(&message, &args.exec.args).map_err(fail)?;
            check_value(&message, args.exec.value).map_err(fail)?;
            (Some(message), data)
        }
        (Some(_), _, None) => {
            return Err(fail("--message needs the contract's metadata (or use --data)".into()))
        }
        (None, Some(hex), _) => {
            let data = parse_bytes(hex)
                .ok_or_else(|| fail(format!("--data `{hex}`: expected hex bytes, `0x…`")))?;
            (None, data)
        }
        (None, None, _) => unreachable!("clap requires --message or --data"),
    };
    let decode = abi.as_ref().zip(message.as_ref());
    let chain = Chain::connect(&args.exec.submit.chain).await.map_err(fail)?;
    let exec = &args.exec;
    let dry: ContractResult<ExecReturnValue, u128> = chain
        .runtime_call(
            api::CALL,
            api::CallArgs {
                origin: chain.origin(),
                dest: sp_runtime::AccountId32::new(dest.0),
                value: exec.value,
                gas_limit: given_gas(exec),
                storage_deposit_limit: exec.submit.storage_deposit_limit,
                input_data: data.clone(),
            },
        )
        .await
        .map_err(fail)?;
    let mut report = Report::default();
    let artifact = args.artifact.as_deref();
    let outcome =
        dry_run_report(&chain, decode, abi.as_ref(), artifact, &mut report, &dry, |r| r).await;
    let gas = match submission_gas(exec, dry.gas_required, outcome) {
        Ok(gas) => gas,
        Err(e) => return Err((report, e)),
    };
    if exec.submit.dry_run {
        return Ok(report);
    }
    if let Some(message) = message.as_ref().filter(|m| !m.mutates) {
        report.set(
            "note",
            format!(
                "`{}` does not change state; `--dry-run` reads it without a transaction",
                message.label
            ),
        );
    }
    let fields = vec![
        Value::from_bytes(dest.0),
        Value::u128(exec.value),
        weight(gas),
        option(exec.submit.storage_deposit_limit.map(Value::u128)),
        Value::from_bytes(&data),
    ];
    let included = chain.submit(PALLET, "call", fields).await;
    finish(report, included, abi.as_ref()).await
}

/// `rivet remove`.
pub async fn remove(args: &RemoveArgs) -> Result<Report, Failed> {
    let hash: [u8; 32] = if args.code.starts_with("0x") {
        parse_bytes(&args.code).and_then(|b| b.try_into().ok()).ok_or_else(|| {
            (Report::default(), format!("`{}`: a code hash is 32 bytes of hex", args.code))
        })?
    } else {
        sp_crypto_hashing::blake2_256(
            &read(Path::new(&args.code)).map_err(|e| (Report::default(), e))?,
        )
    };
    let chain = Chain::connect(&args.chain).await.map_err(|e| (Report::default(), e))?;
    let mut report = Report::default();
    report.set("codeHash", format!("0x{}", hex::encode(hash)));
    let included = chain.submit(PALLET, "remove_code", vec![Value::from_bytes(hash)]).await;
    finish(report, included, None).await
}

/// The dry run of `upload_code`: the code's hash and deposit, or why the chain refuses it
/// (with the validator's message for a malformed blob).
async fn check_code(
    chain: &Chain,
    code: &[u8],
    limit: Option<u128>,
) -> Result<(CodeHash, u128), CodeRefused> {
    let result: CodeUploadResult<u128> = chain
        .runtime_call(
            api::UPLOAD_CODE,
            api::UploadCodeArgs {
                origin: chain.origin(),
                code: code.to_vec(),
                storage_deposit_limit: limit,
            },
        )
        .await
        .map_err(CodeRefused::Unchecked)?;
    result.map_err(|(error, message)| CodeRefused::Refused(error, message))
}

/// Why `check_code` gave no hash.
enum CodeRefused {
    /// The dry run itself failed.
    Unchecked(String),
    /// The chain refuses the code: the error and the validator's message.
    Refused(sp_runtime::DispatchError, Vec<u8>),
}

impl CodeRefused {
    async fn describe(self, chain: &Chain) -> String {
        match self {
            CodeRefused::Unchecked(e) => e,
            CodeRefused::Refused(error, message) => {
                let mut text =
                    format!("the chain refuses the code: {}", chain.describe_error(&error).await);
                if !message.is_empty() {
                    text.push_str(&format!(" ({})", String::from_utf8_lossy(&message)));
                }
                text
            }
        }
    }
}

/// The gas limit to submit with after a dry run: what the user gave, else what the dry
/// run needed; `Err` if the dry run failed, unless the user gave `--gas` (then the call
/// is submitted anyway) and asked for more than a dry run.
fn submission_gas(
    exec: &ExecArgs,
    required: Weight,
    outcome: Result<(), String>,
) -> Result<Weight, String> {
    match outcome {
        Err(e) if exec.gas.is_none() || exec.submit.dry_run => Err(e),
        _ => Ok(gas_limit(exec, required)),
    }
}

/// Reports a dry run (debug messages, with a trap's function, file and line where the
/// contract's ELF is beside `artifact`; gas, deposit, output, events); `Err` if the
/// execution failed or reverted, with the reason or revert data: decoded as
/// `function`'s where one is given, else in hex; events decoded by `abi` where given.
async fn dry_run_report<R>(
    chain: &Chain,
    function: Option<(&ContractAbi, &Function)>,
    abi: Option<&ContractAbi>,
    artifact: Option<&Path>,
    report: &mut Report,
    dry: &ContractResult<R, u128>,
    output: impl Fn(&R) -> &ExecReturnValue,
) -> Result<(), String> {
    if !dry.debug_message.is_empty() {
        let text = String::from_utf8_lossy(&dry.debug_message).into_owned();
        report.set("debugMessage", text.trim_end().to_string());
        for trap in text.lines().filter_map(rivet_debuginfo::TrapLine::parse) {
            trap_report(&trap, artifact, report);
        }
    }
    let r = match &dry.result {
        Ok(r) => r,
        // The gas and deposit of an execution that failed mean nothing.
        Err(e) => return Err(format!("the dry run failed: {}", chain.describe_error(e).await)),
    };
    report.set("gasConsumed", weight_json(dry.gas_consumed));
    report.set("gasRequired", weight_json(dry.gas_required));
    report.set(
        "storageDeposit",
        match dry.storage_deposit {
            StorageDeposit::Charge(c) => json!({ "charge": c.to_string() }),
            StorageDeposit::Refund(r) => json!({ "refund": r.to_string() }),
        },
    );
    let out = output(r);
    let (decoded, what) = match function {
        Some((abi, f)) => (abi.decode_output(f, &out.data), format!("`{}`", f.label)),
        None => (format!("0x{}", hex::encode(&out.data)), "the call".into()),
    };
    if out.did_revert() {
        report.set("reverted", decoded.clone());
        return Err(format!("{what} reverted: {decoded}"));
    }
    report.set("result", decoded);
    for e in &dry.events {
        report.push("events", contract_event(abi, e));
    }
    Ok(())
}

/// Where a trap happened, in the source: when the code that trapped is the blob of
/// `artifact` (the `.rvt` beside it) and its ELF is beside that, the trap's function,
/// file and line (`trap`) and the calls that led there (`backtrace`).
fn trap_report(trap: &rivet_debuginfo::TrapLine, artifact: Option<&Path>, report: &mut Report) {
    let Some(blob_path) = artifact.map(|a| a.with_extension("rvt")) else { return };
    let Ok(blob) = std::fs::read(&blob_path) else { return };
    if sp_crypto_hashing::blake2_256(&blob) != trap.code_hash {
        return;
    }
    let limits = rivet_executor::Limits::default();
    let Ok(program) = rivet_executor::Program::from_bytes(&blob, &limits) else { return };
    let map = match rivet_debuginfo::DebugMap::beside(&blob_path, &program) {
        Some(Ok(map)) => map,
        Some(Err(e)) => return report.set("trap", e),
        None => return,
    };
    let places = map.places_from(trap.pc, &trap.return_addresses);
    let mut lines = rivet_debuginfo::describe(&places).into_iter();
    if let Some(first) = lines.next() {
        report.set("trap", format!("{} {first}", trap.what));
    }
    for line in lines.filter(|l| l != "backtrace:") {
        report.push("backtrace", line.trim().to_string());
    }
}

/// A contract event for display, decoded by the metadata when it is this contract's.
fn contract_event(abi: Option<&ContractAbi>, e: &EmittedEvent) -> String {
    let contract = ss58_bytes(e.contract);
    match abi.and_then(|abi| Some((abi, abi.decode_event(&e.topics, &e.data)?))) {
        Some((abi, text)) => format!("{} {text} (from {contract})", abi.name),
        None => format!("0x{} (from {contract}, topics {})", hex::encode(&e.data), e.topics.len()),
    }
}

/// Adds an included extrinsic's block and events to the report; fails if it failed.
async fn finish(
    mut report: Report,
    included: Result<Included, String>,
    abi: Option<&ContractAbi>,
) -> Result<Report, Failed> {
    let included = match included {
        Ok(i) => i,
        Err(e) => return Err((report, e)),
    };
    report.set("block", json!({ "number": included.block_number, "hash": included.block_hash }));
    if let Some(w) = included.weight {
        report.set("weightUsed", weight_json(w));
    }
    for event in &included.events {
        let text = match (event.name.as_str(), abi) {
            ("Contracts::ContractEmitted", Some(abi)) => {
                match <([u8; 32], Vec<u8>)>::decode(&mut &event.field_bytes[..]) {
                    Ok((contract, data)) => {
                        let emitted = EmittedEvent { contract, topics: event.topics.clone(), data };
                        format!("{} {}", event.name, contract_event(Some(abi), &emitted))
                    }
                    Err(_) => format!("{} {}", event.name, event.text),
                }
            }
            _ => format!("{} {}", event.name, event.text),
        };
        report.push("events", text);
        if event.name == "Contracts::Instantiated" {
            if let Ok((_, contract)) = <([u8; 32], [u8; 32])>::decode(&mut &event.field_bytes[..]) {
                report.set("contract", ss58_bytes(contract));
            }
        }
    }
    match included.failure {
        Some(f) => Err((report, format!("the extrinsic failed: {f}"))),
        None => Ok(report),
    }
}

/// The code in a blob file, or in a `.contract` bundle.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path.extension().is_some_and(|e| e == "contract") {
        return ContractAbi::load(path)?.code();
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn check_value(f: &Function, value: u128) -> Result<(), String> {
    if value > 0 && !f.payable {
        return Err(format!("`{}` is not payable; it cannot take --value {value}", f.label));
    }
    Ok(())
}

/// The gas limit the user gave for the dry run (`None`: the chain's maximum).
fn given_gas(exec: &ExecArgs) -> Option<Weight> {
    exec.gas.map(|g| Weight::from_parts(g, exec.proof_size.unwrap_or(u64::MAX)))
}

/// The gas limit of the extrinsic: what the user gave, else what the dry run needed.
fn gas_limit(exec: &ExecArgs, required: Weight) -> Weight {
    Weight::from_parts(
        exec.gas.unwrap_or(required.ref_time()),
        exec.proof_size.unwrap_or(required.proof_size()),
    )
}

fn weight(w: Weight) -> Value {
    Value::named_composite([
        ("ref_time", Value::u128(w.ref_time().into())),
        ("proof_size", Value::u128(w.proof_size().into())),
    ])
}

fn weight_json(w: Weight) -> Json {
    json!({ "refTime": w.ref_time(), "proofSize": w.proof_size() })
}

fn option(v: Option<Value>) -> Value {
    match v {
        Some(v) => Value::unnamed_variant("Some", [v]),
        None => Value::unnamed_variant("None", []),
    }
}

fn ss58(account: &sp_runtime::AccountId32) -> String {
    ss58_bytes(account.clone().into())
}

fn ss58_bytes(bytes: [u8; 32]) -> String {
    subxt::utils::AccountId32(bytes).to_string()
}
