//! The ELF → blob linker on arbitrary bytes and on mutations of real ELFs (the seeds):
//! it must never panic, hang or allocate without bound (a malformed ELF gets a precise
//! error), and what it links must be a canonical blob: one that validates under the
//! limits it linked for and encodes again to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{BlobParts, Program};

fuzz_target!(|data: &[u8]| {
    let config = LinkerConfig::default();
    let Ok(parts) = link(data, &config) else { return };
    let blob = parts.to_bytes();
    let program = Program::from_bytes(&blob, &config.limits)
        .unwrap_or_else(|e| panic!("the linker produced a blob that does not validate: {e}"));
    // Not `assert_eq!`: its message would print both blobs.
    assert!(BlobParts::from(&program).to_bytes() == blob, "the linked blob is not canonical");
});
