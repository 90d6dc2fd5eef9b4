//! Where a Rivet program stopped, in its source: a trap's address to the function, file
//! and line, with the calls that led there.
//!
//! The map is the ELF the blob was linked from, kept beside it as `<name>.elf` by
//! `rivet build` and `rivet link` (its symbols and DWARF line tables; guests are built
//! with `debug = "line-tables-only"`). The blob keeps every ELF address, so a program
//! counter in a trap is an address in that ELF, and nothing of the map enters the blob
//! (the linker ignores debug sections). [`DebugMap::beside`] finds the map of a blob and
//! checks that it is the ELF the blob came from; [`DebugMap::places`] resolves where an
//! instance stopped, following the frame-pointer chain ([`rivet_executor::frame_chain`])
//! where the code keeps one (`rivet build --profile debug`).

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use object::read::elf::ElfFile32;
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{frame_chain, Instance, Program};

type Reader = gimli::EndianRcSlice<gimli::RunTimeEndian>;

/// Most frames a backtrace shows.
pub const MAX_FRAMES: usize = 16;

/// A program's symbols and line tables.
pub struct DebugMap {
    lines: addr2line::Context<Reader>,
    /// Function symbols: start, end, demangled name; sorted by start.
    symbols: Vec<(u32, u32, String)>,
    /// The executable section: its address and bytes (to tell return addresses).
    code: (u32, Vec<u8>),
}

impl fmt::Debug for DebugMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DebugMap({} function symbols)", self.symbols.len())
    }
}

/// One source location: a function, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The function (demangled), `??` if nothing names it.
    pub function: String,
    /// The source file, as the compiler recorded it.
    pub file: Option<String>,
    /// The line.
    pub line: Option<u32>,
}

impl Frame {
    /// Whether this is the runtime's machinery rather than the program's own code: the
    /// standard library (`core`, `alloc`) and `guest-rt` (its panic handler and
    /// allocator), told by the source file where there is one (DWARF names functions
    /// without their paths), else by the symbol's path.
    pub fn is_runtime(&self) -> bool {
        const FILES: [&str; 3] = ["/rustlib/src/rust/library/", "/guest-rt/src/", "/rust-src/"];
        const FUNCTIONS: [&str; 7] =
            ["core::", "alloc::", "<core::", "<alloc::", "guest_rt::", "rust_begin_unwind", "__r"];
        match &self.file {
            Some(file) => file.starts_with("/rustc/") || FILES.iter().any(|p| file.contains(p)),
            None => FUNCTIONS.iter().any(|p| self.function.starts_with(p)),
        }
    }
}

impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.function)?;
        if let Some(file) = &self.file {
            write!(f, " at {}", shorten(file))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
        }
        Ok(())
    }
}

/// A source path as short as it can be said: relative to the current directory when it
/// is under it, and the standard library's from `library/`.
fn shorten(file: &str) -> Cow<'_, str> {
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = Path::new(file).strip_prefix(&cwd) {
            return Cow::Owned(rel.display().to_string());
        }
    }
    let std =
        file.starts_with("/rustc/") || file.contains("/rust-src/") || file.contains("/rustlib/");
    match file.find("/library/") {
        Some(i) if std => Cow::Borrowed(&file[i + 1..]),
        _ => Cow::Borrowed(file),
    }
}

/// An address where execution was, and the source frames there (inlined functions
/// first, then the function they were inlined into).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The address: where execution stopped, or a call instruction on the way there.
    pub pc: u32,
    /// Its frames, innermost first (empty if the map knows nothing of the address).
    pub frames: Vec<Frame>,
}

impl DebugMap {
    /// The map at `<blob>.elf`, the path `rivet build` and `rivet link` write it to.
    pub fn path_beside(blob: &Path) -> PathBuf {
        blob.with_extension("elf")
    }

    /// Reads a map from an ELF's bytes.
    ///
    /// # Errors
    /// If the bytes are not a 32-bit ELF or its debug information is malformed.
    pub fn from_elf(elf: &[u8]) -> Result<DebugMap, String> {
        let file = ElfFile32::<object::Endianness>::parse(elf).map_err(|e| e.to_string())?;
        let section = |id: gimli::SectionId| -> Result<Reader, String> {
            let data = file
                .section_by_name(id.name())
                .map(|s| s.uncompressed_data().map_err(|e| e.to_string()))
                .transpose()?
                .unwrap_or(Cow::Borrowed(&[]));
            Ok(Reader::new(Rc::from(&*data), gimli::RunTimeEndian::Little))
        };
        let dwarf = gimli::Dwarf::load(section)?;
        let lines = addr2line::Context::from_dwarf(dwarf).map_err(|e| e.to_string())?;
        let mut symbols: Vec<(u32, u32, String)> = file
            .symbols()
            .filter(|s| s.kind() == SymbolKind::Text && s.size() > 0)
            .filter_map(|s| {
                let name = s.name().ok()?;
                let start = s.address() as u32;
                Some((start, start + s.size() as u32, rustc_demangle::demangle(name).to_string()))
            })
            .collect();
        symbols.sort();
        let code = file
            .sections()
            .find(|s| s.kind() == object::SectionKind::Text && s.size() > 0)
            .and_then(|s| Some((s.address() as u32, s.data().ok()?.to_vec())))
            .unwrap_or_default();
        Ok(DebugMap { lines, symbols, code })
    }

    /// The map beside the blob at `blob_path`, if there is one: `None` when there is
    /// none, an error when there is one but it is not the ELF `program` was linked from
    /// (its code differs) or cannot be read.
    pub fn beside(blob_path: &Path, program: &Program) -> Option<Result<DebugMap, String>> {
        let path = DebugMap::path_beside(blob_path);
        let elf = std::fs::read(&path).ok()?;
        let check = || {
            let linked = link(&elf, &LinkerConfig::default())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let ours = program.parts();
            if linked.code_base != ours.code_base || linked.code != ours.code {
                return Err(format!(
                    "{} is not the ELF {} was linked from (rebuild to update both)",
                    path.display(),
                    blob_path.display()
                ));
            }
            DebugMap::from_elf(&elf).map_err(|e| format!("{}: {e}", path.display()))
        };
        Some(check())
    }

    /// The source frames at `pc`, innermost first: from the line tables where they
    /// cover it, else the function symbol alone; empty if neither does.
    pub fn frames(&self, pc: u32) -> Vec<Frame> {
        let mut out = Vec::new();
        if let Ok(mut frames) = self.lines.find_frames(u64::from(pc)).skip_all_loads() {
            while let Ok(Some(frame)) = frames.next() {
                let function = frame
                    .function
                    .as_ref()
                    .and_then(|f| f.demangle().ok().map(|n| n.into_owned()))
                    .or_else(|| self.symbol(pc).map(str::to_string))
                    .unwrap_or_else(|| "??".into());
                let (file, line) =
                    frame.location.map_or((None, None), |l| (l.file.map(str::to_string), l.line));
                out.push(Frame { function: strip_hash(&function), file, line });
            }
        }
        if out.is_empty() {
            if let Some(name) = self.symbol(pc) {
                out.push(Frame { function: strip_hash(name), file: None, line: None });
            }
        }
        out
    }

    /// The function symbol containing `pc`.
    fn symbol(&self, pc: u32) -> Option<&str> {
        let i = self.symbols.partition_point(|s| s.0 <= pc);
        let (start, end, name) = self.symbols.get(i.checked_sub(1)?)?;
        (*start <= pc && pc < *end).then_some(name.as_str())
    }

    /// The call instruction that returns to `ra`, if the instruction before `ra` is one
    /// (`jal`/`jalr` linking `ra`, or their compressed forms): its address.
    pub fn call_before(&self, ra: u32) -> Option<u32> {
        let (base, code) = (&self.code.0, &self.code.1);
        let at = |addr: u32, len: usize| -> Option<u32> {
            let off = addr.checked_sub(*base)? as usize;
            let bytes = code.get(off..off + len)?;
            Some(bytes.iter().rev().fold(0, |w, &b| w << 8 | u32::from(b)))
        };
        if let Some(w) = at(ra.checked_sub(4)?, 4) {
            let (opcode, rd) = (w & 0x7f, (w >> 7) & 0x1f);
            if w & 3 == 3 && rd == 1 && (opcode == 0x6f || (opcode == 0x67 && (w >> 12) & 7 == 0)) {
                return Some(ra - 4);
            }
        }
        let h = at(ra.checked_sub(2)?, 2)?;
        // c.jalr (rs1 ≠ 0, rs2 = 0) and c.jal (RV32C).
        let c_jalr = h & 0xf07f == 0x9002 && (h >> 7) & 0x1f != 0;
        let c_jal = h & 0xe003 == 0x2001;
        (c_jalr || c_jal).then_some(ra - 2)
    }

    /// Where `instance` stopped (at `pc`), then each call on the way there that the
    /// frame-pointer chain shows and the code confirms (a return address that follows
    /// a call), at most [`MAX_FRAMES`] places.
    pub fn places(&self, instance: &dyn Instance, pc: u32) -> Vec<Place> {
        self.places_from(pc, &frame_chain(instance, MAX_FRAMES - 1))
    }

    /// [`DebugMap::places`] from a stop at `pc` and return addresses found earlier (a
    /// chain's [`TrapLine`]): those up to the first that does not follow a call.
    pub fn places_from(&self, pc: u32, return_addresses: &[u32]) -> Vec<Place> {
        let mut places = vec![Place { pc, frames: self.frames(pc) }];
        for &ra in return_addresses.iter().take(MAX_FRAMES - 1) {
            let Some(call) = self.call_before(ra) else { break };
            places.push(Place { pc: call, frames: self.frames(call) });
        }
        places
    }
}

/// A contracts pallet's debug message saying where a frame trapped (`trapped at 0x… in
/// code 0x…: …[; return addresses 0x… …]`, on chains that keep debug messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapLine {
    /// Where it trapped.
    pub pc: u32,
    /// The hash of the code that ran.
    pub code_hash: [u8; 32],
    /// What happened, in words.
    pub what: String,
    /// The frame-pointer chain's return addresses, innermost first.
    pub return_addresses: Vec<u32>,
}

impl TrapLine {
    /// Reads one line of a debug message; `None` if it is not a trap's.
    pub fn parse(line: &str) -> Option<TrapLine> {
        let rest = line.strip_prefix("trapped at 0x")?;
        let (pc, rest) = rest.split_once(" in code 0x")?;
        let pc = u32::from_str_radix(pc, 16).ok()?;
        let (hash, rest) = rest.split_once(": ")?;
        let mut code_hash = [0u8; 32];
        if hash.len() != 64 {
            return None;
        }
        for (i, byte) in code_hash.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hash[2 * i..2 * i + 2], 16).ok()?;
        }
        let (what, addresses) = match rest.split_once("; return addresses ") {
            Some((what, list)) => (what, list),
            None => (rest, ""),
        };
        let return_addresses = addresses
            .split_whitespace()
            .map(|a| u32::from_str_radix(a.strip_prefix("0x")?, 16).ok())
            .collect::<Option<Vec<u32>>>()?;
        Some(TrapLine { pc, code_hash, what: what.to_string(), return_addresses })
    }
}

/// `name` without the hashes rustc puts in symbol names: the legacy mangling's trailing
/// `::h0123456789abcdef`, the v0 mangling's crate disambiguators (`core[ac43…]::`).
fn strip_hash(name: &str) -> String {
    let name = match name.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            head
        }
        _ => name,
    };
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close {
            Some(close) if rest[open + 1..close].bytes().all(|b| b.is_ascii_hexdigit()) => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first frame of the program's own code among `places` (skipping the standard
/// library, the panic handler and the allocator), else the innermost frame there is.
pub fn blame(places: &[Place]) -> Option<&Frame> {
    let all = || places.iter().flat_map(|p| &p.frames);
    all().find(|f| !f.is_runtime()).or_else(|| all().next())
}

/// `places` as lines for people: the first frame of the program's own code as
/// `in <function> at <file>:<line>`, then the backtrace when there is more than one
/// frame, each as `<n>: <pc> <function> at <file>:<line>`.
pub fn describe(places: &[Place]) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(frame) = blame(places) {
        lines.push(format!("in {frame}"));
    }
    let frames: Vec<(u32, &Frame)> =
        places.iter().flat_map(|p| p.frames.iter().map(move |f| (p.pc, f))).collect();
    if frames.len() > 1 {
        lines.push("backtrace:".into());
        for (i, (pc, frame)) in frames.iter().enumerate() {
            lines.push(format!("  {i}: {pc:#x} {frame}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stripped_and_runtime_frames_told_apart() {
        assert_eq!(strip_hash("vault::withdraw::h0123456789abcdef"), "vault::withdraw");
        assert_eq!(strip_hash("vault::hello"), "vault::hello");
        assert_eq!(
            strip_hash("core[ac4344fe5bac1816]::option::expect_failed"),
            "core::option::expect_failed"
        );
        assert_eq!(strip_hash("<[u8] as Foo>::bar"), "<[u8] as Foo>::bar");
        let frame = |function: &str| Frame { function: function.into(), file: None, line: None };
        assert!(frame("core::panicking::panic_fmt").is_runtime());
        assert!(frame("guest_rt::panic").is_runtime());
        assert!(!frame("vault::Vault::withdraw").is_runtime());
        let at = |file: &str| Frame { function: "f".into(), file: Some(file.into()), line: None };
        assert!(at("/root/.rustup/toolchains/x/lib/rustlib/src/rust/library/core/src/ptr/mod.rs")
            .is_runtime());
        assert!(at("/work/main/contracts/guest-rt/src/lib.rs").is_runtime());
        assert!(!at("/work/vault/src/lib.rs").is_runtime());
        let places = [
            Place { pc: 8, frames: vec![frame("core::panicking::panic")] },
            Place { pc: 4, frames: vec![frame("vault::Vault::withdraw")] },
        ];
        assert_eq!(blame(&places).map(|f| f.function.as_str()), Some("vault::Vault::withdraw"));
        assert_eq!(describe(&places)[0], "in vault::Vault::withdraw");
        assert_eq!(describe(&places).len(), 4, "the place, a heading and two frames");
    }

    #[test]
    fn the_pallets_trap_lines_are_read_back() {
        let hash = "ab".repeat(32);
        let line = format!(
            "trapped at 0x1164e in code 0x{hash}: reached an `unimp` instruction (a Rust \
             panic); return addresses 0x10a0 0x1100"
        );
        let trap = TrapLine::parse(&line).expect("a trap line");
        assert_eq!(trap.pc, 0x1164e);
        assert_eq!(trap.code_hash, [0xab; 32]);
        assert_eq!(trap.what, "reached an `unimp` instruction (a Rust panic)");
        assert_eq!(trap.return_addresses, [0x10a0, 0x1100]);
        let bare = format!("trapped at 0x8 in code 0x{hash}: jumped to 0x3");
        assert_eq!(TrapLine::parse(&bare).map(|t| t.return_addresses.len()), Some(0));
        assert_eq!(TrapLine::parse("panicked at src/lib.rs:3:5: boom"), None);
        assert_eq!(TrapLine::parse("trapped at 0x8 in code 0x12: short hash"), None);
    }

    #[test]
    fn not_an_elf_is_an_error() {
        assert!(DebugMap::from_elf(b"not an elf").is_err());
    }
}
