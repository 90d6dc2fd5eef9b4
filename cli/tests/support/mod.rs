//! A dev node for tests and benchmarks: `rivet-node` started on free local ports, with
//! JSON-RPC over HTTP, and `rivet` run against it. The node binary is `$RIVET_NODE` (the
//! test command sets it) or, if unset, built once in `$CARGO_TARGET_DIR/node`.

#![allow(dead_code)]

pub mod client;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

pub const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
pub const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
pub const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";
/// The dev runtime's weight ref-time per unit of VM gas.
pub fn ref_time_per_gas() -> u64 {
    use frame_support::traits::Get;
    <<rivet_runtime::Runtime as pallet_riscv_contracts::Config>::RefTimePerGas as Get<u64>>::get()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The node binary: `$RIVET_NODE`, or built once (in its own target dir).
pub fn node_binary() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("RIVET_NODE") {
            return PathBuf::from(bin);
        }
        let dir = target_dir().join("node");
        let manifest =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../node-template/node/Cargo.toml");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--locked", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", &dir)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the node failed");
        dir.join("debug/rivet-node")
    })
    .clone()
}

/// ink!'s flipper, as published.
pub const FLIPPER: &str = "upstream/ink-5.1.1/public/flipper";
/// ink!'s erc20, as published.
pub const ERC20: &str = "upstream/ink-5.1.1/public/erc20";
/// Rivet's counter (a payable incrementer that returns its value).
pub const COUNTER: &str = "examples/counter";

/// A contract of `contracts/` (`FLIPPER`, …) built by `rivet build`; the blob's path
/// (its metadata is next to it).
pub fn contract(path: &str) -> PathBuf {
    built(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts").join(path))
}

/// A guest program of `executor/guests` (`raw-contract`, say) built by `rivet build`.
pub fn guest(name: &str) -> PathBuf {
    guest_with(name, &[])
}

/// [`guest`] with more `rivet build` options (`--stack-size`, say).
pub fn guest_with(name: &str, options: &[&str]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../executor/guests").join(name);
    built_with(&dir, options)
}

fn built(dir: &Path) -> PathBuf {
    built_with(dir, &[])
}

fn built_with(dir: &Path, options: &[&str]) -> PathBuf {
    // Built once per test binary while the options stay the same: tests running in
    // parallel read what an earlier one built instead of rebuilding it under each other.
    // Each output name holds the options it was last built with.
    static BUILT: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap();
    let out = target_dir().join("rivet-chain-tests");
    let name = dir.file_name().unwrap().to_str().unwrap();
    let blob = out.join(format!("{name}.rvt"));
    let key = format!("{} {}", dir.display(), options.join(" "));
    if built.iter().any(|(n, k)| n == name && *k == key) {
        return blob;
    }
    let args = [&["build", dir.to_str().unwrap(), "--output", out.to_str().unwrap()], options];
    let o = rivet(&args.concat());
    assert!(o.status.success(), "rivet build {name}: {}", text(&o.stderr));
    built.retain(|(n, _)| n != name);
    built.push((name.to_string(), key));
    blob
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn rivet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rivet"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rivet runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A node process on free ports, killed when dropped (its log is printed if the test
/// failed).
pub struct Node {
    child: Child,
    /// The JSON-RPC port.
    pub rpc_port: u16,
    /// The p2p port.
    pub p2p_port: u16,
    /// The node's log file.
    pub log: PathBuf,
    /// The node's database directory.
    pub base: PathBuf,
    /// Whether to keep `base` when dropped (after [`Node::interrupt`]).
    keep_base: bool,
}

impl Node {
    pub fn start(name: &str, args: &[&str]) -> Node {
        Node::start_in(name, None, args)
    }

    /// A node on the database in `base` (one a node [`Node::interrupt`]ed left), or in a
    /// fresh directory.
    pub fn start_in(name: &str, base: Option<PathBuf>, args: &[&str]) -> Node {
        let node = Node::spawn_in(name, base, args);
        node.wait_for_rpc(name);
        node
    }

    /// [`Node::start_in`] without waiting for the node to answer.
    fn spawn_in(name: &str, base: Option<PathBuf>, args: &[&str]) -> Node {
        let (rpc_port, p2p_port) = (free_port(), free_port());
        let log = target_dir().join("rivet-chain-tests").join(format!("{name}-{rpc_port}.log"));
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        // Its own base path, removed on drop (`--tmp` is not, when the node is killed).
        let base = base.unwrap_or_else(|| log.with_extension("db"));
        let child = Command::new(node_binary())
            .arg("--base-path")
            .arg(&base)
            .args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
            .args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the node starts");
        Node { child, rpc_port, p2p_port, log, base, keep_base: false }
    }

    /// Waits until the node answers JSON-RPC.
    fn wait_for_rpc(&self, name: &str) {
        let start = Instant::now();
        while self.try_rpc("system_health", "[]").is_none() {
            assert!(start.elapsed() < Duration::from_secs(300), "{name} did not answer RPC");
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// The node's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the node as Ctrl-C does (SIGINT) and waits for it to exit; its exit status
    /// and its database directory, which is kept for [`Node::start_in`].
    pub fn interrupt(mut self) -> (std::process::ExitStatus, PathBuf) {
        let sent = Command::new("kill").args(["-INT", &self.pid().to_string()]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "the node did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(100));
        };
        self.keep_base = true;
        (status, self.base.clone())
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.rpc_port)
    }

    /// One JSON-RPC call over HTTP: its `result`, or `None` if the node is not up.
    pub fn try_rpc(&self, method: &str, params: &str) -> Option<Json> {
        let body = format!(r#"{{"id":1,"jsonrpc":"2.0","method":"{method}","params":{params}}}"#);
        let mut s = TcpStream::connect(("127.0.0.1", self.rpc_port)).ok()?;
        let req = format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.rpc_port,
            body.len()
        );
        s.write_all(req.as_bytes()).ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        let json: Json = serde_json::from_str(out.split("\r\n\r\n").nth(1)?).ok()?;
        if let Some(error) = json.get("error") {
            eprintln!("{method}: {error}");
        }
        json.get("result").cloned()
    }

    pub fn rpc(&self, method: &str, params: &str) -> Json {
        self.try_rpc(method, params).unwrap_or_else(|| panic!("{method} failed"))
    }

    pub fn best_number(&self) -> u64 {
        number_of(&self.rpc("chain_getHeader", "[]"))
    }

    pub fn state_root(&self, number: u64) -> String {
        self.block(number).1
    }

    /// Block `number` of the node's best chain: its hash and state root.
    pub fn block(&self, number: u64) -> (String, String) {
        let hash = self.rpc("chain_getBlockHash", &format!("[{number}]"));
        let header = self.rpc("chain_getHeader", &format!("[{hash}]"));
        (hash.as_str().unwrap().to_string(), header["stateRoot"].as_str().unwrap().to_string())
    }

    /// The node's finalized head: its number and hash.
    pub fn finalized(&self) -> (u64, String) {
        let hash = self.rpc("chain_getFinalizedHead", "[]");
        let header = self.rpc("chain_getHeader", &format!("[{hash}]"));
        (number_of(&header), hash.as_str().unwrap().to_string())
    }

    /// The node's libp2p address on loopback, for other nodes' `--bootnodes`.
    pub fn p2p_address(&self) -> String {
        let peer_id = self.rpc("system_localPeerId", "[]");
        format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, peer_id.as_str().unwrap())
    }

    /// Waits (up to `timeout`) until `done` holds for the node.
    pub fn wait_until(&self, what: &str, timeout: Duration, done: impl Fn(&Node) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < timeout, "{what}: not within {timeout:?}");
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// `rivet <command> … --url <this node> --output-json`: the report, or the error.
    pub fn rivet(&self, args: &[&str]) -> Result<Json, (Json, String)> {
        let url = self.url();
        let mut all = args.to_vec();
        all.extend(["--url", &url, "--output-json"]);
        let o = rivet(&all);
        let report = serde_json::from_str(&text(&o.stdout)).unwrap_or(Json::Null);
        if o.status.success() {
            Ok(report)
        } else {
            Err((report, text(&o.stderr)))
        }
    }

    pub fn ok(&self, args: &[&str]) -> Json {
        self.rivet(args).unwrap_or_else(|(_, e)| panic!("rivet {args:?}: {e}"))
    }

    /// The decoded result of a message's dry run.
    pub fn read(&self, meta: &Path, contract: &str, message: &str, args: &[&str]) -> String {
        let mut all = call(meta, contract, message, args);
        all.push("--dry-run");
        self.ok(&all)["result"].as_str().unwrap().to_string()
    }
}

/// A header's block number.
fn number_of(header: &Json) -> u64 {
    u64::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

/// A validator of the local network: its name (`--alice`) and the engine its node runs
/// contracts on.
pub type Validator<'a> = (&'a str, &'a str);

/// The local network's validators as the tests and benches run them: Alice's and
/// Charlie's nodes on the recompiler, Bob's and Dave's on the interpreter.
pub const LOCAL_VALIDATORS: [Validator; 4] = [
    ("alice", "recompiler"),
    ("bob", "interpreter"),
    ("charlie", "recompiler"),
    ("dave", "interpreter"),
];

/// The local network (`--chain local`): its validators on loopback, each on its own ports
/// and base path, the others booting from the first.
pub struct Network {
    /// The nodes, in the order of the validators given.
    pub nodes: Vec<Node>,
    /// Alice's address, for nodes (re)started later.
    pub bootnode: String,
}

impl Network {
    /// Starts `validators` together (the first is the others' bootnode: its peer id
    /// follows from its node key) and waits until every node has finalized a block.
    pub fn start(validators: &[Validator]) -> Network {
        let (first, rest) = validators.split_first().expect("a validator");
        let alice = Node::spawn_in(first.0, None, &strs(&validator_args(*first, None)));
        let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", alice.p2p_port, peer_id(first.0));
        let mut nodes = vec![alice];
        for &v in rest {
            nodes.push(Node::spawn_in(v.0, None, &strs(&validator_args(v, Some(&bootnode)))));
        }
        for (node, v) in nodes.iter().zip(validators) {
            node.wait_for_rpc(v.0);
            assert_eq!(node.rpc("system_localPeerId", "[]"), peer_id(v.0), "{}'s peer id", v.0);
        }
        for node in &nodes {
            node.wait_until("the network finalizes block #1", Duration::from_secs(180), |n| {
                n.finalized().0 >= 1
            });
        }
        Network { nodes, bootnode }
    }
}

/// Restarts a validator of a [`Network`] booting from `bootnode`, on the database its
/// stopped node left in `base`.
pub fn restart_validator(bootnode: &str, validator: Validator, base: PathBuf) -> Node {
    let args = validator_args(validator, Some(bootnode));
    Node::start_in(validator.0, Some(base), &strs(&args))
}

/// The dev validators' network keys (`--node-key`; README.md's), and the peer ids they
/// give.
const NODE_KEYS: [(&str, &str); 4] = [
    ("alice", "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"),
    ("bob", "12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD"),
    ("charlie", "12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x"),
    ("dave", "12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st"),
];

fn node_key_index(name: &str) -> usize {
    NODE_KEYS.iter().position(|(n, _)| *n == name).expect("a dev validator")
}

/// A dev validator's peer id.
fn peer_id(name: &str) -> &'static str {
    NODE_KEYS[node_key_index(name)].1
}

/// A validator node's arguments: `--chain local --<name> --rivet-engine <engine>`, its
/// network key, and the bootnode.
fn validator_args((name, engine): Validator, bootnode: Option<&str>) -> Vec<String> {
    let mut args = vec!["--chain".into(), "local".into(), format!("--{name}")];
    // A validator's node needs a network key of its own: the n-th validator's is n.
    args.extend(["--node-key".into(), format!("{:064x}", node_key_index(name) + 1)]);
    args.extend(["--rivet-engine".into(), engine.into()]);
    if let Some(bootnode) = bootnode {
        args.extend(["--bootnodes".into(), bootnode.into()]);
    }
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// A message's call data (selector and arguments) from `rivet encode`.
pub fn call_data(meta: &Path, message: &str, args: &[&str]) -> Vec<u8> {
    let o = encode(meta, "--message", message, args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    hex::decode(text(&o.stdout).trim().trim_start_matches("0x")).unwrap()
}

/// `rivet encode <meta> <--message|--constructor> <name> --args …`: its output.
pub fn encode(meta: &Path, kind: &str, name: &str, args: &[&str]) -> Output {
    rivet(&[&["encode", meta.to_str().unwrap(), kind, name, "--args"], args].concat())
}

/// `rivet call <meta> --contract <contract> --message <message> [--args …]`'s arguments.
pub fn call<'a>(
    meta: &'a Path,
    contract: &'a str,
    message: &'a str,
    args: &[&'a str],
) -> Vec<&'a str> {
    let mut all =
        vec!["call", meta.to_str().unwrap(), "--contract", contract, "--message", message];
    if !args.is_empty() {
        all.push("--args");
        all.extend(args);
    }
    all
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.keep_base {
            let _ = std::fs::remove_dir_all(&self.base);
        }
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("--- {} (last lines) ---", self.log.display());
            for line in tail.into_iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

/// `Contracts::call(dest, 0, gas_limit, None, data)` with `gas` as the ref-time limit.
pub fn contract_call(
    dest: &subxt::utils::AccountId32,
    gas: u64,
    data: &[u8],
) -> subxt::transactions::DynamicPayload<Vec<scale_value::Value>> {
    contract_call_with_value(dest, 0, gas, data)
}

/// [`contract_call`] transferring `value`.
pub fn contract_call_with_value(
    dest: &subxt::utils::AccountId32,
    value: u128,
    gas: u64,
    data: &[u8],
) -> subxt::transactions::DynamicPayload<Vec<scale_value::Value>> {
    use scale_value::Value;
    subxt::dynamic::tx(
        "Contracts",
        "call",
        vec![
            Value::from_bytes(dest.0),
            Value::u128(value),
            Value::named_composite([
                ("ref_time", Value::u128(gas.into())),
                ("proof_size", Value::u128(0)),
            ]),
            Value::unnamed_variant("None", []),
            Value::from_bytes(data),
        ],
    )
}
