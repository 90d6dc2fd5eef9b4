//! `rivet` against a real dev node, end to end: the node (`rivet-node`, built from
//! `node-template/node`) is started on free local ports; flipper and erc20 are built,
//! uploaded, deployed and called with the `rivet` chain commands, and the results,
//! events and balances checked. A second node with the interpreter syncs the first's
//! blocks and must reach the same state roots.
//!
//! The node binary is `$RIVET_NODE` (the test command sets it) or, if unset, built here
//! in `$CARGO_TARGET_DIR/node`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
/// The runtime's weight ref-time per unit of VM gas.
const REF_TIME_PER_GAS: u64 = 2000;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The node binary: `$RIVET_NODE`, or built once (in its own target dir).
fn node_binary() -> PathBuf {
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

/// A contract built by `rivet build`; the blob's path (its metadata is next to it).
fn contract(name: &str) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap();
    let out = target_dir().join("rivet-chain-tests");
    let blob = out.join(format!("{name}.rvt"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ink-examples").join(name);
    let o = rivet(&["build", dir.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "rivet build {name}: {}", text(&o.stderr));
    blob
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn rivet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rivet"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rivet runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A node process on free ports, killed when dropped (its log is printed if the test
/// failed).
struct Node {
    child: Child,
    rpc_port: u16,
    p2p_port: u16,
    log: PathBuf,
}

impl Node {
    fn start(name: &str, args: &[&str]) -> Node {
        let (rpc_port, p2p_port) = (free_port(), free_port());
        let log = target_dir().join("rivet-chain-tests").join(format!("{name}-{rpc_port}.log"));
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        let child = Command::new(node_binary())
            .args(["--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
            .args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the node starts");
        let node = Node { child, rpc_port, p2p_port, log };
        let start = Instant::now();
        while node.try_rpc("system_health", "[]").is_none() {
            assert!(start.elapsed() < Duration::from_secs(300), "{name} did not answer RPC");
            std::thread::sleep(Duration::from_millis(250));
        }
        node
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.rpc_port)
    }

    /// One JSON-RPC call over HTTP: its `result`, or `None` if the node is not up.
    fn try_rpc(&self, method: &str, params: &str) -> Option<Json> {
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
        json.get("result").cloned()
    }

    fn rpc(&self, method: &str, params: &str) -> Json {
        self.try_rpc(method, params).unwrap_or_else(|| panic!("{method} failed"))
    }

    fn best_number(&self) -> u64 {
        let header = self.rpc("chain_getHeader", "[]");
        u64::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16)
            .unwrap()
    }

    fn state_root(&self, number: u64) -> String {
        let hash = self.rpc("chain_getBlockHash", &format!("[{number}]"));
        let header = self.rpc("chain_getHeader", &format!("[{hash}]"));
        header["stateRoot"].as_str().unwrap().to_string()
    }

    /// `rivet <command> … --url <this node> --output-json`: the report, or the error.
    fn rivet(&self, args: &[&str]) -> Result<Json, (Json, String)> {
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

    fn ok(&self, args: &[&str]) -> Json {
        self.rivet(args).unwrap_or_else(|(_, e)| panic!("rivet {args:?}: {e}"))
    }

    /// The decoded result of a message's dry run.
    fn read(&self, meta: &Path, contract: &str, message: &str, args: &[&str]) -> String {
        let mut all =
            vec!["call", meta.to_str().unwrap(), "--contract", contract, "--message", message];
        all.push("--dry-run");
        if !args.is_empty() {
            all.push("--args");
            all.extend(args);
        }
        self.ok(&all)["result"].as_str().unwrap().to_string()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

fn events(report: &Json) -> Vec<String> {
    report["events"]
        .as_array()
        .map(|e| e.iter().map(|e| e.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn has_event(report: &Json, needle: &str) -> bool {
    events(report).iter().any(|e| e.contains(needle))
}

fn ref_time(report: &Json, key: &str) -> u64 {
    report[key]["refTime"].as_u64().unwrap_or_else(|| panic!("no {key} in {report}"))
}

#[test]
fn deploy_and_call_flipper_and_erc20_on_a_dev_node() {
    let flipper = contract("flipper");
    let erc20 = contract("erc20");
    let node = Node::start("dev", &["--dev"]);

    // Upload: a dry run gives the hash and deposit; a malformed blob is refused with the
    // validator's message, and nothing is submitted.
    let dry = node.ok(&["upload", flipper.to_str().unwrap(), "--dry-run"]);
    let code_hash = dry["codeHash"].as_str().unwrap().to_string();
    let mut bad = std::fs::read(&flipper).unwrap();
    bad.truncate(bad.len() / 2);
    let bad_path = flipper.with_file_name("truncated-flipper.rvt");
    std::fs::write(&bad_path, &bad).unwrap();
    let (_, error) = node.rivet(&["upload", bad_path.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::InvalidCode"), "{error}");
    let garbage = flipper.with_file_name("garbage.rvt");
    std::fs::write(&garbage, b"not a blob at all").unwrap();
    let (_, error) = node.rivet(&["upload", garbage.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::InvalidCode"), "{error}");
    let uploaded = node.ok(&["upload", flipper.to_str().unwrap()]);
    assert!(has_event(&uploaded, "Contracts::CodeStored"), "{uploaded}");
    assert_eq!(uploaded["codeHash"], code_hash.as_str());
    let (_, error) = node.rivet(&["upload", flipper.to_str().unwrap()]).unwrap_err();
    assert!(error.contains("Contracts::CodeAlreadyExists"), "{error}");

    // Flipper: deployed from the stored code, flipped, read back.
    let deployed = node.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let addr = deployed["contract"].as_str().unwrap().to_string();
    assert!(has_event(&deployed, "Contracts::Instantiated"), "{deployed}");
    assert_eq!(node.read(&flipper, &addr, "get", &[]), "false");
    let flipped =
        node.ok(&["call", flipper.to_str().unwrap(), "--contract", &addr, "--message", "flip"]);
    assert!(has_event(&flipped, "Contracts::Called"), "{flipped}");
    assert!(has_event(&flipped, "System::ExtrinsicSuccess"), "{flipped}");
    assert_eq!(node.read(&flipper, &addr, "get", &[]), "true");
    // Bad arguments are refused before anything is sent.
    let (_, error) = node
        .rivet(&["call", flipper.to_str().unwrap(), "--contract", &addr, "--message", "nope"])
        .unwrap_err();
    assert!(error.contains("no message `nope`") && error.contains("flip"), "{error}");
    let (_, error) = node
        .rivet(&["instantiate", flipper.to_str().unwrap(), "--args", "maybe", "--salt", "0x01"])
        .unwrap_err();
    assert!(error.contains("init_value"), "{error}");
    // The same code, arguments and salt give the same address: refused by the chain.
    let (_, error) =
        node.rivet(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]).unwrap_err();
    assert!(error.contains("Contracts::"), "{error}");
    // Code in use cannot be removed.
    let (_, error) = node.rivet(&["remove", &code_hash]).unwrap_err();
    assert!(error.contains("Contracts::CodeInUse"), "{error}");

    // ERC-20: uploaded with the instantiation; transfers move balances and emit events.
    let deployed = node.ok(&["instantiate", erc20.to_str().unwrap(), "--args", "1000000"]);
    let token = deployed["contract"].as_str().unwrap().to_string();
    assert!(has_event(&deployed, "Contracts::CodeStored"), "{deployed}");
    assert!(
        has_event(
            &deployed,
            &format!("Transfer {{ from: None, to: Some({ALICE}), value: 1000000 }}")
        ),
        "{deployed}"
    );
    assert_eq!(node.read(&erc20, &token, "total_supply", &[]), "1000000");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "1000000");

    // The dry run's gas estimate is what the call needs: one unit of VM gas less runs out
    // of gas on chain and changes nothing; the estimate itself succeeds.
    let transfer = [
        "call",
        erc20.to_str().unwrap(),
        "--contract",
        &token,
        "--message",
        "transfer",
        "--args",
        BOB,
        "250",
    ];
    let mut dry_args = transfer.to_vec();
    dry_args.push("--dry-run");
    let dry = node.ok(&dry_args);
    assert_eq!(dry["result"], "Ok(())");
    assert!(
        dry["events"][0].as_str().unwrap().contains(&format!("to: Some({BOB}), value: 250")),
        "{dry}"
    );
    let estimate = ref_time(&dry, "gasRequired");
    assert_eq!(estimate, ref_time(&dry, "gasConsumed"));
    assert_eq!(estimate % REF_TIME_PER_GAS, 0);
    let too_little = (estimate - REF_TIME_PER_GAS).to_string();
    let mut short = transfer.to_vec();
    short.extend(["--gas", &too_little]);
    let blocks_before = node.best_number();
    let (report, error) = node.rivet(&short).unwrap_err();
    assert!(error.contains("Contracts::OutOfGas"), "{error}");
    assert!(has_event(&report, "System::ExtrinsicFailed"), "{report}");
    assert!(node.best_number() > blocks_before, "the failed call is in a block");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "0");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "1000000");
    let exact = estimate.to_string();
    let mut enough = transfer.to_vec();
    enough.extend(["--gas", &exact]);
    let sent = node.ok(&enough);
    assert!(
        has_event(
            &sent,
            &format!("Transfer {{ from: Some({ALICE}), to: Some({BOB}), value: 250 }}")
        ),
        "{sent}"
    );
    assert!(has_event(&sent, "TransactionPayment::TransactionFeePaid"), "{sent}");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "250");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[ALICE]), "999750");
    // The node keeps producing blocks after the failure.
    let sent = node.ok(&transfer);
    assert!(sent["block"]["number"].as_u64().unwrap() > blocks_before + 1, "{sent}");
    assert_eq!(node.read(&erc20, &token, "balance_of", &[BOB]), "500");

    // A revert is reported with the contract's error, and nothing is submitted.
    let (report, error) = node
        .rivet(&[
            "call",
            erc20.to_str().unwrap(),
            "--contract",
            &token,
            "--message",
            "transfer",
            "--args",
            ALICE,
            "1",
            "--suri",
            "//Charlie",
        ])
        .unwrap_err();
    assert!(error.contains("reverted") && error.contains("InsufficientBalance"), "{error}");
    assert!(report.get("block").is_none(), "{report}");

    // Unused code is removed with its deposit released; the hash is then unknown.
    let bench = contract("incrementer");
    let up = node.ok(&["upload", bench.to_str().unwrap()]);
    let hash = up["codeHash"].as_str().unwrap().to_string();
    let removed = node.ok(&["remove", &hash]);
    assert!(has_event(&removed, "Contracts::CodeRemoved"), "{removed}");
    let (_, error) = node.rivet(&["remove", &hash]).unwrap_err();
    assert!(error.contains("Contracts::CodeNotFound"), "{error}");
}

#[test]
fn a_node_on_the_interpreter_syncs_the_recompiler_nodes_chain() {
    let flipper = contract("flipper");
    let author = Node::start("author", &["--dev", "--rivet-engine", "recompiler"]);
    let peer_id = author.rpc("system_localPeerId", "[]");
    let bootnode =
        format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", author.p2p_port, peer_id.as_str().unwrap());
    let follower = Node::start(
        "follower",
        &["--chain", "dev", "--rivet-engine", "interpreter", "--bootnodes", &bootnode],
    );

    let deployed = author.ok(&["instantiate", flipper.to_str().unwrap(), "--args", "false"]);
    let addr = deployed["contract"].as_str().unwrap().to_string();
    for _ in 0..3 {
        author.ok(&["call", flipper.to_str().unwrap(), "--contract", &addr, "--message", "flip"]);
    }
    let best = author.best_number();
    assert!(best >= 4, "one block per extrinsic");
    let start = Instant::now();
    while follower.best_number() < best {
        assert!(start.elapsed() < Duration::from_secs(180), "the follower did not sync");
        std::thread::sleep(Duration::from_millis(250));
    }
    for n in 1..=best {
        assert_eq!(author.state_root(n), follower.state_root(n), "state root of block #{n}");
    }
    // The follower executed the blocks itself, on the interpreter.
    let log = std::fs::read_to_string(&follower.log).unwrap();
    assert!(log.contains("engine Interpreter"), "{log}");
    assert!(log.contains(&format!("Imported #{best}")), "{log}");
}
