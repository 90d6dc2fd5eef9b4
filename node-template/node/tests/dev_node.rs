//! The dev node for real: started on free local ports with manual seal, it produces
//! blocks, and its runtime answers contract dry runs over JSON-RPC (`state_call` of
//! `ContractsApi_upload_code`) on the client's VM: a real blob is accepted with its code
//! hash and deposit, a malformed one refused with the validator's message.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A node process, killed when dropped.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One JSON-RPC call over HTTP; the raw response body.
fn rpc(port: u16, method: &str, params: &str) -> Option<String> {
    let body = format!(r#"{{"id":1,"jsonrpc":"2.0","method":"{method}","params":{params}}}"#);
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let req = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    out.split("\r\n\r\n").nth(1).map(str::to_string)
}

/// The value of `"key":"…"` in a JSON text.
fn field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    json[start..].split('"').next()
}

fn compact_len(n: usize) -> Vec<u8> {
    match n {
        0..=63 => vec![(n as u8) << 2],
        64..=16383 => (((n as u16) << 2) | 1).to_le_bytes().to_vec(),
        _ => (((n as u32) << 2) | 2).to_le_bytes().to_vec(),
    }
}

/// `ContractsApi_upload_code(Alice, code, None)` as `state_call` parameters.
fn upload_params(code: &[u8]) -> String {
    // Alice's sr25519 public key.
    let mut args = hex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d").to_vec();
    args.extend(compact_len(code.len()));
    args.extend_from_slice(code);
    args.push(0);
    let hex: String = args.iter().map(|b| format!("{b:02x}")).collect();
    format!(r#"["ContractsApi_upload_code","0x{hex}"]"#)
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn flipper() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ink-examples/flipper");
    let build = rivet_toolchain::GuestBuild::new(dir, rivet_toolchain::GuestTarget::Rv32emc);
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    rivet_executor::linker::link(&elf, &Default::default()).unwrap().to_bytes()
}

#[test]
fn the_dev_node_makes_blocks_and_answers_contract_dry_runs() {
    let code = flipper();
    let (rpc_port, p2p_port) = (free_port(), free_port());
    let node = Node(
        Command::new(env!("CARGO_BIN_EXE_rivet-node"))
            .args(["--dev", "--tmp", "--consensus", "manual-seal-500", "--no-prometheus"])
            .args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the node starts"),
    );
    // Blocks: wait for #3.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut number = 0;
    while number < 3 {
        assert!(Instant::now() < deadline, "no block #3 within two minutes (at #{number})");
        std::thread::sleep(Duration::from_millis(300));
        let header = rpc(rpc_port, "chain_getHeader", "[]").unwrap_or_default();
        if let Some(n) = field(&header, "number") {
            number = u64::from_str_radix(n.trim_start_matches("0x"), 16).unwrap();
        }
    }
    // A real blob: Ok((code hash, deposit)), the hash being BLAKE2b-256 of the blob.
    let ok = rpc(rpc_port, "state_call", &upload_params(&code)).unwrap();
    let result =
        hex(field(&ok, "result").unwrap_or_else(|| panic!("{ok}")).trim_start_matches("0x"));
    assert_eq!(result[0], 0, "Ok: {ok}");
    assert_eq!(result.len(), 1 + 32 + 16, "hash and u128 deposit");
    // A malformed blob: Err((DispatchError, the validator's message)).
    let bad = rpc(rpc_port, "state_call", &upload_params(&[1, 2, 3])).unwrap();
    let result = hex(field(&bad, "result").unwrap().trim_start_matches("0x"));
    assert_eq!(result[0], 1, "Err: {bad}");
    let message = String::from_utf8_lossy(&result);
    assert!(message.contains("bad magic"), "{message}");
    drop(node);
}
