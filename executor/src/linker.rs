//! The linker: an RV32E ELF executable built with `--emit-relocs` → [`BlobParts`].
//!
//! It keeps every address of the ELF: code stays at its addresses (compressed
//! instructions are expanded but keep their 2-byte size), data regions keep theirs
//! (their bases rounded down to a page). Valid indirect-jump targets come from
//! relocations whose target lies in code (function pointers, vtables, jump tables,
//! `la` of a code label) and from function symbols. Exports come from the
//! `.rivet_exports` section, imports from the optional `.rivet_imports` section; both
//! hold records `u32 (address or number) · u8 name length · name`.

use std::collections::BTreeSet;
use std::fmt;

use object::elf;
use object::read::elf::{ElfFile32, FileHeader};
use object::{
    Object, ObjectSection, ObjectSymbol, RelocationFlags, RelocationTarget, SectionFlags,
};

use crate::blob::{BlobParts, CodeInstruction, Export, Import, MemoryLayout, PAGE_SIZE};
use crate::compressed;
use crate::isa::{DecodeError, Instruction};
use crate::validate::{BlobError, Limits, Program};

/// Linker options.
#[derive(Clone, Debug)]
pub struct LinkerConfig {
    /// Stack size to declare in the blob.
    pub stack_size: u32,
    /// Limits the result is validated against.
    pub limits: Limits,
}

impl Default for LinkerConfig {
    fn default() -> Self {
        LinkerConfig { stack_size: 64 * 1024, limits: Limits::default() }
    }
}

/// Why an ELF cannot be linked.
#[derive(Debug)]
pub enum LinkError {
    /// Not a parseable ELF file.
    NotElf(String),
    /// An ELF, but not for 32-bit RISC-V.
    WrongMachine(String),
    /// Not built for RV32E (the `EF_RISCV_RVE` flag is missing) or uses a float ABI.
    NotRve(&'static str),
    /// A shared object or position-independent executable with dynamic relocations.
    Dynamic,
    /// Built without `--emit-relocs`.
    NoRelocations,
    /// No `.rivet_exports` section, or it is empty or malformed.
    Exports(String),
    /// The `.rivet_imports` section is malformed.
    Imports(String),
    /// No executable section, or several that are not contiguous.
    Code(String),
    /// An instruction the VM does not accept.
    Instruction {
        /// Its address.
        addr: u32,
        /// Why.
        error: DecodeError,
    },
    /// A relocation points into code but not at an instruction.
    BadCodeReference {
        /// Where it points.
        target: u32,
    },
    /// The data sections cannot be placed as the VM's memory model requires.
    Layout(String),
    /// The assembled blob fails validation.
    Invalid(BlobError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotElf(e) => write!(f, "not an ELF file: {e}"),
            LinkError::WrongMachine(m) => write!(f, "not a 32-bit RISC-V ELF: {m}"),
            LinkError::NotRve(why) => write!(f, "not an RV32E executable: {why}"),
            LinkError::Dynamic => f.write_str(
                "dynamic executables and relocations are not supported; link statically",
            ),
            LinkError::NoRelocations => {
                f.write_str("the ELF has no relocations: link with `--emit-relocs`")
            }
            LinkError::Exports(e) => write!(f, "exports: {e}"),
            LinkError::Imports(e) => write!(f, "imports: {e}"),
            LinkError::Code(e) => write!(f, "code: {e}"),
            LinkError::Instruction { addr, error } => {
                write!(f, "instruction at {addr:#x}: {error}")
            }
            LinkError::BadCodeReference { target } => {
                write!(f, "a relocation refers to code address {target:#x}, which is not an instruction start")
            }
            LinkError::Layout(e) => write!(f, "memory layout: {e}"),
            LinkError::Invalid(e) => write!(f, "the linked program is invalid: {e}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Links an ELF into blob parts (validated against `config.limits`).
///
/// # Errors
/// A [`LinkError`] saying what about the input is unsupported.
pub fn link(elf_bytes: &[u8], config: &LinkerConfig) -> Result<BlobParts, LinkError> {
    let rvc = check_header(elf_bytes)?;
    let file = ElfFile32::<object::Endianness>::parse(elf_bytes)
        .map_err(|e| LinkError::NotElf(e.to_string()))?;
    if file.sections().any(|s| s.name() == Ok(".dynamic"))
        || file.dynamic_symbols().next().is_some()
    {
        return Err(LinkError::Dynamic);
    }
    let (code_base, code_bytes) = code_section(&file)?;
    let code = decode_code(code_base, &code_bytes, rvc)?;
    let code_end = code_base + code_bytes.len() as u32;
    let starts: BTreeSet<u32> = instruction_starts(code_base, &code);
    let mut parts = BlobParts { code_base, code, ..BlobParts::default() };
    parts.jump_targets = indirect_targets(&file, code_base, code_end, &starts)?;
    parts.exports = read_exports(&file)?;
    parts.imports = read_imports(&file)?;
    for e in &parts.exports {
        if !starts.contains(&e.address) {
            return Err(LinkError::Exports(format!(
                "`{}` at {:#x} is not an instruction",
                e.name, e.address
            )));
        }
    }
    let (layout, ro, rw) = data_layout(&file, config)?;
    parts.layout = layout;
    parts.ro_data = ro;
    parts.rw_data = rw;
    Program::from_bytes(&parts.to_bytes(), &config.limits).map_err(LinkError::Invalid)?;
    Ok(parts)
}

/// Checks the header; returns whether the ELF may contain compressed instructions.
fn check_header(bytes: &[u8]) -> Result<bool, LinkError> {
    if bytes.len() < 52 || bytes[..4] != *b"\x7fELF" {
        return Err(LinkError::NotElf("bad magic or too short".into()));
    }
    if bytes[4] != elf::ELFCLASS32 {
        return Err(LinkError::WrongMachine("not a 32-bit ELF (ELFCLASS64)".into()));
    }
    if bytes[5] != elf::ELFDATA2LSB {
        return Err(LinkError::WrongMachine("not little-endian".into()));
    }
    let header = elf::FileHeader32::<object::Endianness>::parse(bytes)
        .map_err(|e| LinkError::NotElf(e.to_string()))?;
    let endian = object::Endianness::Little;
    let machine = header.e_machine(endian);
    if machine != elf::EM_RISCV {
        return Err(LinkError::WrongMachine(format!(
            "e_machine is {machine}, not RISC-V ({})",
            elf::EM_RISCV
        )));
    }
    let flags = header.e_flags(endian);
    if flags & elf::EF_RISCV_RVE == 0 {
        return Err(LinkError::NotRve(
            "the EF_RISCV_RVE flag is not set (build for riscv32em(c)-unknown-none-elf)",
        ));
    }
    if flags & elf::EF_RISCV_FLOAT_ABI != 0 {
        return Err(LinkError::NotRve("uses a hardware floating-point ABI"));
    }
    match header.e_type(endian) {
        elf::ET_EXEC => Ok(flags & elf::EF_RISCV_RVC != 0),
        elf::ET_DYN => Err(LinkError::Dynamic),
        t => Err(LinkError::NotElf(format!(
            "e_type {t} is not an executable (link the object first)"
        ))),
    }
}

fn is_alloc<'a>(s: &impl ObjectSection<'a>) -> (bool, bool, bool) {
    match s.flags() {
        SectionFlags::Elf { sh_flags } => (
            sh_flags & elf::SHF_ALLOC as u64 != 0,
            sh_flags & elf::SHF_WRITE as u64 != 0,
            sh_flags & elf::SHF_EXECINSTR as u64 != 0,
        ),
        _ => (false, false, false),
    }
}

fn code_section(file: &ElfFile32) -> Result<(u32, Vec<u8>), LinkError> {
    let mut exec: Vec<_> = file
        .sections()
        .filter(|s| {
            let (alloc, _, exec) = is_alloc(s);
            alloc && exec && s.size() > 0
        })
        .collect();
    exec.sort_by_key(|s| s.address());
    let first = exec.first().ok_or_else(|| LinkError::Code("no executable section".into()))?;
    let base = first.address() as u32;
    let mut bytes = Vec::new();
    for s in &exec {
        if s.address() != base as u64 + bytes.len() as u64 {
            return Err(LinkError::Code(format!(
                "executable sections are not contiguous at {:#x}",
                s.address()
            )));
        }
        bytes.extend_from_slice(s.data().map_err(|e| LinkError::Code(e.to_string()))?);
    }
    // Found by the `link` fuzz target: code placed at the top of the address space made
    // instruction addresses overflow.
    if base as u64 + bytes.len() as u64 > u32::MAX as u64 {
        return Err(LinkError::Code(format!(
            "the code at {base:#x} ({} bytes) runs past the end of the 32-bit address space",
            bytes.len()
        )));
    }
    Ok((base, bytes))
}

/// Decodes the code. Zero bytes from an instruction boundary to the end are padding,
/// not code (GNU as pads `.text` to its alignment with them; an all-zero word is no
/// instruction in any RISC-V encoding), and are left out.
fn decode_code(base: u32, bytes: &[u8], rvc: bool) -> Result<Vec<CodeInstruction>, LinkError> {
    let mut code = Vec::with_capacity(bytes.len() / 3);
    let mut off = 0usize;
    while off < bytes.len() {
        if bytes[off..].iter().all(|&b| b == 0) {
            break;
        }
        let addr = base + off as u32;
        let half = |o: usize| bytes.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let lo =
            half(off).ok_or(LinkError::Instruction { addr, error: DecodeError::Unknown(0) })?;
        let (inst, compressed) = if lo & 3 == 3 {
            let hi = half(off + 2)
                .ok_or(LinkError::Instruction { addr, error: DecodeError::Unknown(lo as u32) })?;
            let word = lo as u32 | (hi as u32) << 16;
            (Instruction::decode_raw(word), false)
        } else if rvc {
            (compressed::expand(lo), true)
        } else {
            // Without EF_RISCV_RVC, a 16-bit encoding is data or garbage in the code.
            (Err(DecodeError::Compressed), true)
        };
        let inst = inst.map_err(|error| LinkError::Instruction { addr, error })?;
        let ci = CodeInstruction { inst, compressed };
        off += ci.size() as usize;
        code.push(ci);
    }
    Ok(code)
}

fn instruction_starts(base: u32, code: &[CodeInstruction]) -> BTreeSet<u32> {
    let mut addr = base;
    code.iter()
        .map(|ci| {
            let a = addr;
            addr += ci.size();
            a
        })
        .collect()
}

/// Relocation types whose target is an address taken as data (not a direct branch).
fn takes_address(r_type: u32) -> bool {
    matches!(
        r_type,
        elf::R_RISCV_32
            | elf::R_RISCV_HI20
            | elf::R_RISCV_LO12_I
            | elf::R_RISCV_LO12_S
            | elf::R_RISCV_PCREL_HI20
            | elf::R_RISCV_ADD32
            | elf::R_RISCV_SET32
            | elf::R_RISCV_32_PCREL
    )
}

fn indirect_targets(
    file: &ElfFile32,
    code_base: u32,
    code_end: u32,
    starts: &BTreeSet<u32>,
) -> Result<Vec<u32>, LinkError> {
    let mut targets = BTreeSet::new();
    let mut any_relocations = false;
    for section in file.sections() {
        // Debug information (DWARF) refers to code all over, not to jump targets; what
        // it holds must not change the blob.
        if section.name().is_ok_and(|n| n.starts_with(".debug")) {
            continue;
        }
        for (_, reloc) in section.relocations() {
            any_relocations = true;
            let RelocationFlags::Elf { r_type } = reloc.flags() else { continue };
            let RelocationTarget::Symbol(idx) = reloc.target() else { continue };
            if !takes_address(r_type) {
                continue;
            }
            let Ok(symbol) = file.symbol_by_index(idx) else { continue };
            let target = (symbol.address() as i64 + reloc.addend()) as u32;
            if target < code_base || target >= code_end {
                continue;
            }
            if !starts.contains(&target) {
                return Err(LinkError::BadCodeReference { target });
            }
            targets.insert(target);
        }
    }
    if !any_relocations {
        return Err(LinkError::NoRelocations);
    }
    for symbol in file.symbols() {
        let addr = symbol.address() as u32;
        if symbol.kind() == object::SymbolKind::Text && starts.contains(&addr) {
            targets.insert(addr);
        }
    }
    Ok(targets.into_iter().collect())
}

/// Parses `u32 · u8 len · name` records.
fn records(data: &[u8]) -> Result<Vec<(u32, String)>, String> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if rest.len() < 5 {
            return Err("truncated record".into());
        }
        let value = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let len = rest[4] as usize;
        let name = rest.get(5..5 + len).ok_or("truncated name")?;
        let name = std::str::from_utf8(name).map_err(|_| "name is not UTF-8")?;
        out.push((value, name.to_string()));
        rest = &rest[5 + len..];
    }
    Ok(out)
}

fn read_exports(file: &ElfFile32) -> Result<Vec<Export>, LinkError> {
    let section = file.section_by_name(".rivet_exports").ok_or_else(|| {
        LinkError::Exports("no `.rivet_exports` section: export functions with `guest_rt::export!` and link with Rivet's linker script".into())
    })?;
    let data = section.data().map_err(|e| LinkError::Exports(e.to_string()))?;
    let exports: Vec<Export> = records(data)
        .map_err(LinkError::Exports)?
        .into_iter()
        .map(|(address, name)| Export { name, address })
        .collect();
    if exports.is_empty() {
        return Err(LinkError::Exports("the `.rivet_exports` section is empty".into()));
    }
    Ok(exports)
}

fn read_imports(file: &ElfFile32) -> Result<Vec<Import>, LinkError> {
    let Some(section) = file.section_by_name(".rivet_imports") else { return Ok(Vec::new()) };
    let data = section.data().map_err(|e| LinkError::Imports(e.to_string()))?;
    let mut imports: Vec<Import> = Vec::new();
    for (number, name) in records(data).map_err(LinkError::Imports)? {
        // The same import may be declared by several call sites; keep one.
        match imports.iter().find(|i| i.number == number) {
            Some(i) if i.name != name => {
                return Err(LinkError::Imports(format!(
                    "host function {number} is named both `{}` and `{name}`",
                    i.name
                )))
            }
            Some(_) => {}
            None => imports.push(Import { number, name }),
        }
    }
    imports.sort_by_key(|i| i.number);
    Ok(imports)
}

type Region = (u32, Vec<u8>, u32);

/// Rivet's own metadata sections: read by the linker, not guest memory. (The linker
/// script allocates them only so that they are roots of `--gc-sections`.)
fn is_metadata<'a>(s: &impl ObjectSection<'a>) -> bool {
    matches!(s.name(), Ok(".rivet_exports" | ".rivet_imports" | ".rivet_metadata"))
}

/// Collects allocated non-code sections into the read-only and read-write regions.
fn data_layout(
    file: &ElfFile32,
    config: &LinkerConfig,
) -> Result<(MemoryLayout, Vec<u8>, Vec<u8>), LinkError> {
    let mut ro: Vec<(u64, u64, Option<Vec<u8>>)> = Vec::new();
    let mut rw = Vec::new();
    for s in file.sections() {
        let (alloc, write, exec) = is_alloc(&s);
        if !alloc || exec || s.size() == 0 || is_metadata(&s) {
            continue;
        }
        let nobits = matches!(
            s.kind(),
            object::SectionKind::UninitializedData | object::SectionKind::UninitializedTls
        );
        let data = if nobits {
            None
        } else {
            Some(s.data().map_err(|e| LinkError::Layout(e.to_string()))?.to_vec())
        };
        let entry = (s.address(), s.size(), data);
        if write {
            rw.push(entry);
        } else {
            ro.push(entry);
        }
    }
    let max = config.limits.max_memory as u64;
    let (ro_base, ro_data, ro_size) = region("read-only", ro, max)?;
    let (rw_base, rw_data, rw_size) = region("read-write", rw, max)?;
    let layout = MemoryLayout { ro_base, ro_size, rw_base, rw_size, stack_size: config.stack_size };
    Ok((layout, ro_data, rw_data))
}

fn region(
    name: &str,
    mut sections: Vec<(u64, u64, Option<Vec<u8>>)>,
    max: u64,
) -> Result<Region, LinkError> {
    sections.sort_by_key(|s| s.0);
    let Some(first) = sections.first() else { return Ok((0, Vec::new(), 0)) };
    let base = first.0 & !(PAGE_SIZE as u64 - 1);
    let end = sections.iter().map(|s| s.0 + s.1).max().unwrap_or(base);
    if end - base > max {
        return Err(LinkError::Layout(format!(
            "{name} data spans {} bytes, over the memory limit of {max}",
            end - base
        )));
    }
    let size = u32::try_from(end - base)
        .map_err(|_| LinkError::Layout(format!("{name} data is too large")))?;
    let mut bytes = vec![0u8; size as usize];
    for (addr, len, data) in &sections {
        if let Some(data) = data {
            let off = (addr - base) as usize;
            bytes[off..off + *len as usize].copy_from_slice(data);
        }
    }
    Ok((base as u32, bytes, size))
}
