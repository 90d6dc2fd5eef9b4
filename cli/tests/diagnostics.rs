//! When a contract fails, Rivet says where and why (issue 16): `failing-contract`, built
//! with `rivet build --profile debug`, fails four ways — a panic, an allocation its heap
//! cannot hold, a read outside its memory, a jump to an undeclared target — and each is
//! reported with its function, source file and line (from the ELF kept beside the blob),
//! on both engines by `rivet run` (with its exit status) and through a dry run on a dev
//! node by `rivet call`.

mod support;

use serde_json::Value as Json;
use support::*;

/// The failures: input byte, the `line:` marker of the failing line, the function, the
/// trap's kind as `rivet run --output-json` names it, and a debug message it must print.
const FAILURES: [(u8, &str, &str, &str, Option<&str>); 4] = [
    (0, "panic", "panics", "unimp", Some("a value that is not there")),
    (
        1,
        "heap",
        "runs_out_of_heap",
        "unimp",
        Some("allocation of 1048576 bytes failed: heap of 262144 bytes exhausted"),
    ),
    (2, "memory", "reads_outside_memory", "invalidMemoryAccess", None),
    (3, "jump", "jumps_nowhere", "invalidJump", None),
];

/// The source of `failing-contract` and the line its `// line: <marker>` is on.
fn marked_line(marker: &str) -> u64 {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../executor/guests/failing-contract/src/lib.rs");
    let text = std::fs::read_to_string(source).unwrap();
    let tag = format!("// line: {marker}");
    text.lines().position(|l| l.ends_with(&tag)).unwrap_or_else(|| panic!("no {tag}")) as u64 + 1
}

fn failing_contract() -> std::path::PathBuf {
    guest_with("failing-contract", &["--profile", "debug"])
}

#[test]
fn rivet_run_says_where_each_failure_is_on_both_engines() {
    let blob = failing_contract();
    assert!(blob.with_extension("elf").is_file(), "the ELF is kept beside the blob");
    for engine in ["interpreter", "recompiler"] {
        for (input, marker, function, kind, message) in FAILURES {
            let input = format!("{input:02x}");
            let args =
                ["run", blob.to_str().unwrap(), "call", "--input", &input, "--engine", engine];
            let o = rivet(&[&args[..], &["--output-json"]].concat());
            assert_eq!(o.status.code(), Some(2), "{engine} {marker}: {}", text(&o.stderr));
            let report: Json = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(report["outcome"], "trapped", "{report}");
            let trap = &report["trapped"];
            assert_eq!(trap["kind"], kind, "{engine} {marker}: {report}");
            let at = &trap["location"];
            assert_eq!(at["function"], function, "{engine} {marker}: {report}");
            assert!(
                at["file"].as_str().unwrap().ends_with("failing-contract/src/lib.rs"),
                "{engine} {marker}: {report}"
            );
            assert_eq!(at["line"], marked_line(marker), "{engine} {marker}: {report}");
            // The frames lead back to the export.
            let frames = trap["backtrace"].as_array().unwrap();
            assert!(frames.iter().any(|f| f["function"] == "call"), "{engine} {marker}: {report}");
            if let Some(message) = message {
                let messages = report["debugMessages"].to_string();
                assert!(messages.contains(message), "{engine} {marker}: {messages}");
            }
            // For people: the same place in words.
            let o = rivet(&args);
            let said = text(&o.stdout);
            let place = format!("in {function} at ");
            assert!(said.contains("trapped: at 0x") && said.contains(&place), "{said}");
            assert!(said.contains(&format!("src/lib.rs:{}", marked_line(marker))), "{said}");
        }
    }
    // Something that does not fail exits 0.
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "09"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // A panic in a debug build says its message and where, first.
    let o = rivet(&["run", blob.to_str().unwrap(), "call", "--input", "00"]);
    let said = text(&o.stdout);
    let panicked = format!("panicked at failing-contract/src/lib.rs:{}:", marked_line("panic"));
    assert!(said.contains(&panicked), "{said}");
}

#[test]
fn dry_runs_on_a_dev_node_say_where_each_failure_is() {
    let blob = failing_contract();
    for engine in ["recompiler", "interpreter"] {
        let node =
            Node::start(&format!("diagnostics-{engine}"), &["--dev", "--rivet-engine", engine]);
        let deployed = node.ok(&["instantiate", blob.to_str().unwrap(), "--data", "0x"]);
        let contract = deployed["contract"].as_str().unwrap().to_string();
        for (input, marker, function, _, message) in FAILURES {
            let data = format!("0x{input:02x}");
            let args = ["call", blob.to_str().unwrap(), "--contract", &contract, "--data", &data];
            let (report, error) = match node.rivet(&[&args[..], &["--dry-run"]].concat()) {
                Ok(report) => panic!("{engine} {marker}: the dry run succeeded: {report}"),
                Err(failed) => failed,
            };
            assert!(error.contains("ContractTrapped"), "{engine} {marker}: {error}");
            let trap = report["trap"].as_str().unwrap_or_else(|| panic!("no trap: {report}"));
            let place = format!("in {function} at ");
            assert!(trap.contains(&place), "{engine} {marker}: {report}");
            let line = format!("failing-contract/src/lib.rs:{}", marked_line(marker));
            assert!(trap.contains(&line), "{engine} {marker}: {report}");
            let backtrace = report["backtrace"].to_string();
            assert!(backtrace.contains(" call at "), "{engine} {marker}: {report}");
            if let Some(message) = message {
                let messages = report["debugMessage"].as_str().unwrap();
                assert!(messages.contains(message), "{engine} {marker}: {messages}");
            }
        }
    }
}
