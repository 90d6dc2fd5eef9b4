//! ink!'s published examples (`contracts/upstream/`) on a dev node: every example that
//! the table in `contracts/upstream/README.md` marks `pass` is built with `rivet build`
//! (RV32EMC), uploaded, instantiated, and its messages without arguments are dry-run.
//!
//! The constructor is the one the table's `Deploy` column names, with its arguments
//! (`code:<example>` stands for the code hash of that example, uploaded first; `upload`
//! alone means the example is code for others to use and is only uploaded); otherwise
//! the first constructor without arguments, or the first one with each argument set to
//! a default of its type (zero, `false`, empty, Alice's account). A dry run answers when
//! the node runs the message: its result, or the contract's own revert or trap (a
//! message may refuse the defaults, as `vesting`'s `release` does before its time).

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use support::{rivet, target_dir, text, Node, ALICE};

/// A row of the table.
struct Row {
    path: String,
    package: String,
    status: String,
    deploy: String,
}

fn upstream() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts/upstream")
}

fn rows() -> Vec<Row> {
    let table = std::fs::read_to_string(upstream().join("README.md")).unwrap();
    table
        .lines()
        .filter(|l| l.starts_with("| ink-"))
        .map(|l| {
            let cells: Vec<String> = l.split('|').map(|c| c.trim().to_string()).collect();
            Row {
                path: cells[1].clone(),
                package: cells[2].clone(),
                status: cells[3].clone(),
                deploy: cells[6].trim_matches('`').to_string(),
            }
        })
        .collect()
}

/// `rivet build` of one example into its own directory; the blob's path, or the error.
fn build(row: &Row) -> Result<PathBuf, String> {
    let out = target_dir().join("rivet-upstream").join(&row.path);
    let dir = upstream().join(&row.path);
    let o = rivet(&["build", dir.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    if !o.status.success() {
        let error = text(&o.stderr);
        let last: Vec<&str> = error.lines().rev().take(12).collect();
        return Err(format!(
            "rivet build: {}",
            last.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(out.join(format!("{}.rvt", row.package)))
}

/// A default value of type `id` of the metadata's registry, in `rivet`'s argument syntax.
fn default_of(types: &[Json], id: u64) -> String {
    let ty = &types.iter().find(|t| t["id"] == id).expect("a type id of the registry")["type"];
    let path = ty["path"].as_array().map(|p| p.iter().filter_map(Json::as_str).collect::<Vec<_>>());
    if path.as_ref().and_then(|p| p.last()).is_some_and(|n| *n == "AccountId") {
        return ALICE.to_string();
    }
    let def = &ty["def"];
    let fields = |fields: &Json| -> String {
        let list = fields.as_array().cloned().unwrap_or_default();
        let values: Vec<String> =
            list.iter().map(|f| default_of(types, f["type"].as_u64().unwrap())).collect();
        match list.first().and_then(|f| f["name"].as_str()) {
            Some(_) => {
                let named: Vec<String> = list
                    .iter()
                    .zip(&values)
                    .map(|(f, v)| format!("{}: {v}", f["name"].as_str().unwrap()))
                    .collect();
                format!("{{ {} }}", named.join(", "))
            }
            None => format!("({})", values.join(", ")),
        }
    };
    if let Some(p) = def["primitive"].as_str() {
        return match p {
            "bool" => "false".into(),
            "str" => "\"\"".into(),
            "char" => "'a'".into(),
            _ => "0".into(),
        };
    }
    if def.get("composite").is_some() {
        return fields(&def["composite"]["fields"]);
    }
    if def.get("sequence").is_some() {
        return "()".into();
    }
    if let Some(array) = def.get("array") {
        let len = array["len"].as_u64().unwrap() as usize;
        let inner = array["type"].as_u64().unwrap();
        let byte =
            types.iter().find(|t| t["id"] == inner).unwrap()["type"]["def"]["primitive"] == "u8";
        if byte {
            return format!("0x{}", "00".repeat(len));
        }
        return format!("({})", vec![default_of(types, inner); len].join(", "));
    }
    if let Some(tuple) = def["tuple"].as_array() {
        let values: Vec<String> =
            tuple.iter().map(|t| default_of(types, t.as_u64().unwrap())).collect();
        return format!("({})", values.join(", "));
    }
    if def.get("compact").is_some() {
        return "0".into();
    }
    if let Some(variants) = def["variant"]["variants"].as_array() {
        let first = &variants[0];
        let name = first["name"].as_str().unwrap();
        return match first["fields"].as_array() {
            Some(f) if !f.is_empty() => format!("{name}{}", fields(&first["fields"])),
            _ => name.to_string(),
        };
    }
    panic!("no default for type {id}: {ty}")
}

/// The code hash of the example at `path` (built and uploaded once).
fn code_hash(node: &Node, hashes: &mut HashMap<String, String>, path: &str) -> String {
    if let Some(hash) = hashes.get(path) {
        return hash.clone();
    }
    let row = rows().into_iter().find(|r| r.path == path).expect("a `code:` example of the table");
    let blob = build(&row).unwrap_or_else(|e| panic!("{path}: {e}"));
    // The chain's code hash: BLAKE2b-256 of the blob.
    let hash =
        format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(&std::fs::read(&blob).unwrap())));
    // Two examples can be the same code (the two `updated-incrementer`s are).
    if let Err((_, error)) = node.rivet(&["upload", blob.to_str().unwrap()]) {
        assert!(error.contains("CodeAlreadyExists"), "upload {path}: {error}");
    }
    hashes.insert(path.to_string(), hash.clone());
    hash
}

/// The constructor to deploy with and its arguments.
fn constructor(
    row: &Row,
    meta: &Json,
    node: &Node,
    hashes: &mut HashMap<String, String>,
) -> (String, Vec<String>) {
    if !row.deploy.is_empty() {
        let mut words = row.deploy.split_whitespace().map(str::to_string);
        let name = words.next().unwrap();
        let args = words
            .map(|w| match w.strip_prefix("code:") {
                Some(path) => code_hash(node, hashes, path),
                None => w,
            })
            .collect();
        return (name, args);
    }
    let ctors = meta["spec"]["constructors"].as_array().unwrap();
    let types = meta["types"].as_array().cloned().unwrap_or_default();
    let no_args = ctors.iter().find(|c| c["args"].as_array().unwrap().is_empty());
    let ctor = no_args.unwrap_or(&ctors[0]);
    let args = ctor["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| default_of(&types, a["type"]["type"].as_u64().unwrap()))
        .collect();
    (ctor["label"].as_str().unwrap().to_string(), args)
}

#[test]
fn every_passing_example_builds_deploys_and_answers_on_a_dev_node() {
    let rows: Vec<Row> = rows().into_iter().filter(|r| r.status == "pass").collect();
    assert!(rows.len() >= 40, "the table lists the examples: {}", rows.len());
    let node = Node::start("upstream", &["--dev"]);
    let mut failures = Vec::new();
    let mut deployed = 0;
    let mut hashes = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let blob = match build(row) {
            Ok(blob) => blob,
            Err(e) => {
                failures.push(format!("{}: {e}", row.path));
                continue;
            }
        };
        let meta_path = blob.with_extension("json");
        let meta: Json = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
        if meta["spec"]["constructors"].as_array().is_none_or(Vec::is_empty) {
            failures.push(format!("{}: no constructors in its metadata", row.path));
            continue;
        }
        if row.deploy == "upload" {
            // Code for others (`set_code_hash` targets, delegatees): its constructors
            // refuse to run by design.
            code_hash(&node, &mut hashes, &row.path);
            deployed += 1;
            continue;
        }
        let (ctor, args) = constructor(row, &meta, &node, &mut hashes);
        let salt = format!("0x{i:04x}");
        let mut cmd = vec!["instantiate", blob.to_str().unwrap(), "--constructor", &ctor];
        cmd.extend(["--salt", &salt, "--args"]);
        cmd.extend(args.iter().map(String::as_str));
        let address = match node.rivet(&cmd) {
            Ok(report) => report["contract"].as_str().unwrap().to_string(),
            Err((_, error)) => {
                failures.push(format!("{}: instantiate {ctor} {args:?}: {error}", row.path));
                continue;
            }
        };
        deployed += 1;
        // Every message without arguments answers a dry run.
        for message in meta["spec"]["messages"].as_array().unwrap() {
            if !message["args"].as_array().unwrap().is_empty() {
                continue;
            }
            let label = message["label"].as_str().unwrap();
            let mut call = vec!["call", meta_path.to_str().unwrap(), "--contract", &address];
            call.extend(["--message", label, "--dry-run"]);
            match node.rivet(&call) {
                Ok(_) => {}
                // The contract's own answer to the defaults.
                Err((_, e)) if e.contains("reverted") || e.contains("ContractTrapped") => {}
                Err((_, error)) => failures.push(format!("{}: {label}: {error}", row.path)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} deployed; failures:\n{}",
        deployed,
        rows.len(),
        failures.join("\n")
    );
}
