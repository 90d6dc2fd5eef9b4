//! The `rivet` command end to end: build a guest crate, inspect and run its blob on
//! both engines, run a contract on the mock host, and clear errors for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn rivet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rivet"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rivet runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out_dir() -> PathBuf {
    let base =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    base.join("rivet-cli-tests")
}

/// `rivet build` of a guest crate; returns the blob's path.
fn built(name: &str) -> PathBuf {
    static LOCK: OnceLock<std::sync::Mutex<()>> = OnceLock::new();
    let _guard = LOCK.get_or_init(Default::default).lock().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../executor/guests").join(name);
    let out = out_dir();
    let o = rivet(&["build", dir.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Linked"), "{}", stderr(&o));
    out.join(format!("{name}.rvt"))
}

#[test]
fn build_inspect_and_run_on_both_engines() {
    let blob = built("test-guest");
    let o = rivet(&["inspect", blob.to_str().unwrap(), "--disassemble"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in ["blob size", "fib", "fill_buffer", "jalr"] {
        assert!(text.contains(needle), "inspect output lacks `{needle}`:\n{text}");
    }
    let mut gas = Vec::new();
    for engine in ["interpreter", "recompiler"] {
        let o = rivet(&["run", blob.to_str().unwrap(), "fib", "20", "--engine", engine]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains("a0 = 6765"), "{text}");
        gas.push(text.lines().find(|l| l.starts_with("gas used:")).unwrap().to_string());
    }
    assert_eq!(gas[0], gas[1], "same gas on both engines");
}

#[test]
fn contract_on_the_mock_host() {
    let blob = built("raw-contract");
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "0x0103000000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("returned: 0x03000000"), "{text}");
    assert!(text.contains("debug: incremented"), "{text}");
    // A trap, a revert and an endless loop: each said in words and by the exit status.
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "06"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).contains("trapped: at 0x"), "{}", stdout(&o));
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "02"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stdout(&o).contains("reverted: 0x6e6f"), "{}", stdout(&o));
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "08", "--gas", "100000"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stdout(&o).contains("the gas limit of 100000 ran out"), "{}", stdout(&o));
}

#[test]
fn an_ink_contract_builds_to_a_blob_and_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../contracts/upstream/ink-5.1.1/public/flipper");
    let out = out_dir().join("flipper");
    let o = rivet(&["build", dir.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Metadata"), "{}", stderr(&o));
    let json = std::fs::read_to_string(out.join("flipper.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_str(&json).unwrap();
    // ink!'s metadata version 5, as cargo-contract writes it.
    assert_eq!(meta["version"], 5, "{json}");
    assert_eq!(meta["contract"]["name"], "flipper");
    assert_eq!(meta["contract"]["version"], "5.1.1");
    assert!(meta["source"]["language"].as_str().unwrap().starts_with("ink! 5.1"), "{json}");
    let code = std::fs::read(out.join("flipper.rvt")).unwrap();
    let hash = format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(&code)));
    assert_eq!(meta["source"]["hash"], hash.as_str(), "the code hash");
    let message = |name: &str| {
        let all = meta["spec"]["messages"].as_array().unwrap();
        all.iter().find(|m| m["label"] == name).cloned()
    };
    let ty = |id: &serde_json::Value| {
        meta["types"].as_array().unwrap().iter().find(|t| t["id"] == *id).unwrap()["type"].clone()
    };
    let flip = message("flip").unwrap();
    assert_eq!((&flip["selector"], &flip["mutates"]), (&"0x633aa551".into(), &true.into()));
    assert_eq!(flip["docs"][0], "Flips the current value of the Flipper's boolean.");
    // A message returns ink!'s `Result<T, LangError>`: `get`'s `T` is a bool.
    let get = message("get").unwrap();
    assert_eq!(get["returnType"]["displayName"], serde_json::json!(["ink", "MessageResult"]));
    let result = ty(&get["returnType"]["type"]);
    assert_eq!(result["path"], serde_json::json!(["Result"]), "{json}");
    let ok = &result["def"]["variant"]["variants"][0];
    assert_eq!(ok["name"], "Ok");
    assert_eq!(ty(&ok["fields"][0]["type"])["def"]["primitive"], "bool", "{json}");
    let new = &meta["spec"]["constructors"][0];
    assert_eq!(new["label"], "new");
    assert_eq!(new["args"][0]["type"]["displayName"], serde_json::json!(["bool"]));
    assert_eq!(ty(&new["args"][0]["type"]["type"])["def"]["primitive"], "bool");
    assert_eq!(meta["spec"]["environment"]["maxEventTopics"], 4);
    let field = &meta["storage"]["root"]["layout"]["struct"]["fields"][0];
    assert_eq!(
        (&field["name"], &field["layout"]["leaf"]["key"]),
        (&"value".into(), &"0x00000000".into())
    );
    // The bundle is the same document with the code in it.
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("flipper.contract")).unwrap()).unwrap();
    assert_eq!(bundle["source"]["wasm"], format!("0x{}", hex::encode(&code)).as_str());
    assert_eq!(bundle["spec"], meta["spec"]);
    // Its `get` after `deploy` needs storage from a deployment: a fresh mock host has
    // none, so the contract traps loading it, which `rivet run` reports.
    let o =
        rivet(&["run", out.join("flipper.rvt").to_str().unwrap(), "call", "--input", "2f865bd9"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).contains("trapped"), "{}", stdout(&o));
}

#[test]
fn bad_input_gives_clear_errors() {
    let o = rivet(&["run", "/nonexistent.rvt", "main"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("error: /nonexistent.rvt"), "{}", stderr(&o));

    let junk = out_dir().join("junk.rvt");
    std::fs::create_dir_all(out_dir()).unwrap();
    std::fs::write(&junk, b"not a blob").unwrap();
    let o = rivet(&["inspect", junk.to_str().unwrap()]);
    assert!(stderr(&o).contains("not a Rivet program blob (bad magic)"), "{}", stderr(&o));

    let blob = built("test-guest");
    let o = rivet(&["run", blob.to_str().unwrap(), "nope"]);
    assert!(
        stderr(&o).contains("cannot call `nope`") && stderr(&o).contains("fib"),
        "{}",
        stderr(&o)
    );
    let o = rivet(&["run", blob.to_str().unwrap(), "fib", "twenty"]);
    assert!(stderr(&o).contains("invalid number `twenty`"), "{}", stderr(&o));
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "abc"]);
    assert!(stderr(&o).contains("odd number of hex digits"), "{}", stderr(&o));

    let o = rivet(&["build", "/nonexistent/crate"]);
    assert!(stderr(&o).contains("no Cargo.toml in /nonexistent/crate"), "{}", stderr(&o));
    // A library crate that is not a contract is named as such, before anything builds.
    let lib = std::env::temp_dir().join(format!("rivet-not-a-contract-{}", std::process::id()));
    std::fs::create_dir_all(lib.join("src")).unwrap();
    std::fs::write(lib.join("Cargo.toml"), "[package]\nname = \"plain\"\nversion = \"0.1.0\"\n")
        .unwrap();
    std::fs::write(lib.join("src/lib.rs"), "pub fn f() {}\n").unwrap();
    let o = rivet(&["build", lib.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is not a contract"), "{}", stderr(&o));
    std::fs::remove_dir_all(&lib).unwrap();
    let o = rivet(&["link", junk.to_str().unwrap()]);
    assert!(stderr(&o).contains("not an ELF file"), "{}", stderr(&o));
}
