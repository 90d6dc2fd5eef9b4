//! The malformed-ELF corpus: each entry corrupts a real guest ELF (test-guest, built for
//! RV32EM by this test) in one way and states the linker error it must give.

use std::path::Path;
use std::sync::OnceLock;

use rivet_executor::linker::{link, LinkerConfig};
use rivet_toolchain::{GuestBuild, GuestTarget};

fn elf() -> &'static [u8] {
    static ELF: OnceLock<Vec<u8>> = OnceLock::new();
    ELF.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guests/test-guest");
        let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32em))
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::read(&elfs[0].path).unwrap()
    })
}

fn u16_at(b: &[u8], off: usize) -> usize {
    u16::from_le_bytes([b[off], b[off + 1]]) as usize
}
fn u32_at(b: &[u8], off: usize) -> usize {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap()) as usize
}

/// ELF32 section headers: (name, header offset, sh_type, sh_offset, sh_size).
fn sections(b: &[u8]) -> Vec<(String, usize, u32, usize, usize)> {
    let (shoff, shentsize, shnum, shstrndx) =
        (u32_at(b, 0x20), u16_at(b, 0x2e), u16_at(b, 0x30), u16_at(b, 0x32));
    let strtab = u32_at(b, shoff + shstrndx * shentsize + 0x10);
    (0..shnum)
        .map(|i| {
            let h = shoff + i * shentsize;
            let name_off = strtab + u32_at(b, h);
            let end = b[name_off..].iter().position(|&c| c == 0).unwrap();
            let name = String::from_utf8_lossy(&b[name_off..name_off + end]).into_owned();
            (name, h, u32_at(b, h + 4) as u32, u32_at(b, h + 0x10), u32_at(b, h + 0x14))
        })
        .collect()
}

fn section(b: &[u8], name: &str) -> (usize, usize, usize) {
    let s = sections(b).into_iter().find(|s| s.0 == name).unwrap_or_else(|| panic!("no {name}"));
    (s.1, s.3, s.4)
}

/// Replaces the first instruction of `.text` with `word`.
fn patch_first_instruction(b: &mut [u8], word: u32) {
    let (_, off, _) = section(b, ".text");
    b[off..off + 4].copy_from_slice(&word.to_le_bytes());
}

type Mutation = (&'static str, fn(&mut Vec<u8>), &'static str);

const CORPUS: &[Mutation] = &[
    ("empty file", |b| b.clear(), "not an ELF file: bad magic or too short"),
    ("truncated header", |b| b.truncate(40), "not an ELF file: bad magic or too short"),
    ("truncated sections", |b| b.truncate(2000), "not an ELF file"),
    ("not an ELF", |b| b[0] = b'M', "not an ELF file: bad magic"),
    ("64-bit class", |b| b[4] = 2, "not a 32-bit RISC-V ELF: not a 32-bit ELF (ELFCLASS64)"),
    ("big endian", |b| b[5] = 2, "not a 32-bit RISC-V ELF: not little-endian"),
    ("x86 machine", |b| b[0x12] = 3, "e_machine is 3, not RISC-V (243)"),
    ("RV32I, not RV32E", |b| b[0x24] &= !0x08, "the EF_RISCV_RVE flag is not set"),
    ("hard-float ABI", |b| b[0x24] |= 0x02, "uses a hardware floating-point ABI"),
    ("shared object", |b| b[0x10] = 3, "dynamic executables and relocations are not supported"),
    ("relocatable object", |b| b[0x10] = 1, "e_type 1 is not an executable"),
    (
        "uses x16",
        |b| patch_first_instruction(b, 0x0000_0833),
        "register x16 does not exist in RV32E",
    ),
    (
        "uses x31",
        |b| patch_first_instruction(b, 0x01f0_0033),
        "register x31 does not exist in RV32E",
    ),
    (
        "floating point",
        |b| patch_first_instruction(b, 0x0000_0053),
        "floating-point (F/D) instructions are not supported",
    ),
    (
        "CSR access",
        |b| patch_first_instruction(b, 0xc000_2573),
        "CSR instructions are not supported",
    ),
    (
        "atomic",
        |b| patch_first_instruction(b, 0x1005_202f),
        "atomic (A) instructions are not supported",
    ),
    ("FENCE.I", |b| patch_first_instruction(b, 0x0000_100f), "FENCE.I is not supported"),
    ("all-zero word", |b| patch_first_instruction(b, 0), "unexpected compressed instruction"),
    (
        "no export section",
        |b| {
            let (h, _, _) = section(b, ".rivet_exports");
            let strtab = section(b, ".shstrtab").1;
            let name = strtab + u32_at(b, h);
            b[name + 13] = b'z'; // .rivet_exports → .rivet_exportz
        },
        "no `.rivet_exports` section",
    ),
    (
        "empty export section",
        |b| {
            let (h, _, _) = section(b, ".rivet_exports");
            b[h + 0x14..h + 0x18].copy_from_slice(&0u32.to_le_bytes());
        },
        "the `.rivet_exports` section is empty",
    ),
    (
        "truncated export record",
        |b| {
            let (h, _, size) = section(b, ".rivet_exports");
            b[h + 0x14..h + 0x18].copy_from_slice(&(size as u32 - 1).to_le_bytes());
        },
        "exports: truncated",
    ),
    (
        "export not at an instruction",
        |b| {
            let (_, off, _) = section(b, ".rivet_exports");
            let addr = u32_at(b, off) as u32 + 1;
            b[off..off + 4].copy_from_slice(&addr.to_le_bytes());
        },
        "is not an instruction",
    ),
    (
        // Found by the `link` fuzz target (an overflow panic in debug builds).
        "code at the top of the address space",
        |b| {
            let (h, _, _) = section(b, ".text");
            // sh_addr
            b[h + 0xc..h + 0x10].copy_from_slice(&0xffff_ff00u32.to_le_bytes());
        },
        "runs past the end of the 32-bit address space",
    ),
    (
        "no relocations (no --emit-relocs)",
        |b| {
            for (_, h, ty, _, _) in sections(b) {
                if ty == 4 {
                    b[h + 4..h + 8].copy_from_slice(&1u32.to_le_bytes()); // SHT_RELA → SHT_PROGBITS
                }
            }
        },
        "link with `--emit-relocs`",
    ),
];

#[test]
fn every_malformed_elf_gives_its_error() {
    let good = elf();
    link(good, &LinkerConfig::default()).expect("the unmodified ELF links");
    let mut failures = Vec::new();
    for (name, mutate, expected) in CORPUS {
        let mut bytes = good.to_vec();
        mutate(&mut bytes);
        match link(&bytes, &LinkerConfig::default()) {
            Ok(_) => failures.push(format!("{name}: linked, expected `{expected}`")),
            Err(e) if e.to_string().contains(expected) => {}
            Err(e) => failures.push(format!("{name}: `{e}`, expected `{expected}`")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn linked_code_is_the_elf_code() {
    // Decoding the blob gives exactly the ELF's instruction words, at the same addresses.
    let good = elf();
    let parts = link(good, &LinkerConfig::default()).unwrap();
    let (_, off, size) = section(good, ".text");
    let words: Vec<u32> = good[off..off + size]
        .chunks(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let ours: Vec<u32> = parts.code.iter().map(|c| c.inst.encode_raw()).collect();
    assert_eq!(words, ours);
    assert_eq!(parts.code_base, 0x10000);
}

#[test]
fn too_little_memory_allowed_is_an_error() {
    let config = LinkerConfig {
        limits: rivet_executor::Limits { max_memory: 64 * 1024, ..Default::default() },
        ..Default::default()
    };
    let err = link(elf(), &config).unwrap_err().to_string();
    assert!(err.contains("memory"), "{err}");
}

/// A GNU-assembled RV32EM ELF whose `.text` ends in the assembler's zero padding
/// (`bad-input/gnu-as-padded-text.S`, built as its header says): the padding after the
/// last instruction is not code, so the program links and runs; zeros before an
/// instruction are still refused.
#[test]
fn zero_padding_after_the_last_instruction_is_not_code() {
    use std::sync::Arc;

    use rivet_executor::{EngineKind, Limits, Module, Outcome, Program};

    // On the heap: the ELF parser wants the header aligned, which `include_bytes!`'s
    // array is not guaranteed to be.
    let elf = &include_bytes!("bad-input/gnu-as-padded-text.elf").to_vec()[..];
    let (_, off, size) = section(elf, ".text");
    assert_eq!((size, &elf[off + 16..off + size]), (20, &[0u8; 4][..]), "4 bytes of padding");
    let parts = link(elf, &LinkerConfig::default()).unwrap();
    assert_eq!(parts.code.len(), 4, "li, li, ret, unimp");
    let program = Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap());
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let mut instance = Module::new(program.clone(), kind).unwrap().instantiate().unwrap();
        let exit = instance.call("main", &[], 1000).unwrap();
        assert!(matches!(exit.outcome, Outcome::Finished { a0: 7, a1: 0 }), "{kind:?}: {exit:?}");
    }
    // Zero the `ret`: zeros followed by an instruction are garbage in the code.
    let mut bad = elf.to_vec();
    bad[off + 8..off + 12].fill(0);
    let err = link(&bad, &LinkerConfig::default()).unwrap_err().to_string();
    assert!(err.contains("0x10008"), "{err}");
}
