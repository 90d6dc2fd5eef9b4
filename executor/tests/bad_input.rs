//! The malformed-input corpus: every blob in `tests/bad-input/blobs.txt` must give
//! exactly its stated error (kind and offset), and every prefix and single-byte
//! corruption of a valid blob must be rejected or accepted without a panic. The fuzz
//! seeds (`fuzz/seeds/validate/*.rvt`) must be valid blobs of the current format.

use std::path::Path;

use rivet_executor::{Limits, Program};

struct Case {
    name: String,
    line: usize,
    error: String,
    bytes: Vec<u8>,
}

fn corpus() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input/blobs.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut cases: Vec<Case> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap().trim();
        if let Some(name) = line.strip_prefix("case ") {
            cases.push(Case {
                name: name.into(),
                line: n + 1,
                error: String::new(),
                bytes: vec![],
            });
        } else if let Some(e) = line.strip_prefix("error ") {
            cases.last_mut().unwrap().error = e.trim().into();
        } else if let Some(h) = line.strip_prefix("hex ") {
            let c = cases.last_mut().unwrap();
            c.bytes.extend(h.split_whitespace().map(|b| u8::from_str_radix(b, 16).unwrap()));
        } else {
            assert!(line.is_empty(), "blobs.txt:{}: cannot parse `{line}`", n + 1);
        }
    }
    cases
}

#[test]
fn every_malformed_blob_gives_its_error() {
    let cases = corpus();
    assert!(cases.len() >= 30, "corpus has only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = match Program::from_bytes(&c.bytes, &Limits::default()) {
            Ok(_) => "ok".to_string(),
            Err(e) => {
                // The message users see must name the offset too.
                assert!(e.to_string().contains(&format!("{:#x}", e.offset)), "{e}");
                format!("{:?} @ {}", e.kind, e.offset)
            }
        };
        if got != c.error {
            failures
                .push(format!("line {} {}: got `{got}`, expected `{}`", c.line, c.name, c.error));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn prefixes_and_corruptions_of_a_valid_blob_never_panic() {
    let valid = corpus().into_iter().find(|c| c.name == "valid_minimal").unwrap().bytes;
    let program = Program::from_bytes(&valid, &Limits::default()).unwrap();
    assert_eq!(rivet_executor::BlobParts::from(&program).to_bytes(), valid, "round trip");
    for len in 0..valid.len() {
        assert!(Program::from_bytes(&valid[..len], &Limits::default()).is_err(), "prefix {len}");
    }
    let mut accepted = 0;
    for i in 0..valid.len() {
        for value in 0..=255u8 {
            let mut bytes = valid.clone();
            bytes[i] = value;
            accepted += Program::from_bytes(&bytes, &Limits::default()).is_ok() as usize;
        }
    }
    // Some corruptions are valid programs (another register, another name); most are not.
    assert!(accepted < valid.len() * 256 / 2, "{accepted} corruptions accepted");
}

#[test]
fn header_errors_say_what_the_blob_is() {
    let message = |name: &str| {
        let case = corpus().into_iter().find(|c| c.name == name).unwrap();
        Program::from_bytes(&case.bytes, &Limits::default()).unwrap_err().to_string()
    };
    let v1 = message("v1_blob");
    assert!(v1.contains("version 1 (expected 2)") && v1.contains("relink"), "{v1}");
    let pvm = message("polkavm_blob");
    assert!(pvm.contains("PolkaVM program blob, not a Rivet one"), "{pvm}");
    let future = message("future_version");
    assert!(future.contains("version 3 (expected 2)") && !future.contains("relink"), "{future}");
    // What JavaScript tools check: the blob starts like PolkaVM code.
    let valid = corpus().into_iter().find(|c| c.name == "valid_minimal").unwrap().bytes;
    assert!(valid.starts_with(b"PVM\0RVT\x02"));
}

#[test]
fn fuzz_seeds_are_valid_blobs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/validate");
    let mut seeds = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        Program::from_bytes(&bytes, &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        seeds += 1;
    }
    assert!(seeds >= 2, "{seeds} seeds");
}

#[test]
fn the_memory_layout_is_read_from_a_blobs_first_bytes() {
    use rivet_executor::validate::LAYOUT_PREFIX;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/validate");
    let limits = Limits::default();
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let program = Program::from_bytes(&bytes, &limits).unwrap();
        let prefix = &bytes[..LAYOUT_PREFIX.min(bytes.len())];
        assert_eq!(Program::memory_layout(prefix, &limits).unwrap(), *program.layout());
        // Cut inside the memory section: an error, not a guess.
        let end = bytes.len().min(12);
        assert!(Program::memory_layout(&bytes[..end], &limits).is_err());
    }
    // The header's errors are the validator's.
    for case in
        corpus().into_iter().filter(|c| c.name.ends_with("_blob") || c.name == "future_version")
    {
        let full = Program::from_bytes(&case.bytes, &limits).unwrap_err();
        let prefix = Program::memory_layout(&case.bytes, &limits).unwrap_err();
        assert_eq!(prefix.kind, full.kind, "{}", case.name);
    }
}
