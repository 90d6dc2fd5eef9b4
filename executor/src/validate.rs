//! The validator: blob bytes in, a [`Program`] out, or a [`BlobError`] that says what
//! is wrong and at which byte offset. Runs in O(blob size) in `no_std`, never panics,
//! and never allocates more than the blob's length or the configured [`Limits`] allow.
//! Engines only ever see a [`Program`].

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::blob::{
    page_round, unzigzag, BlobParts, CodeInstruction, Export, Import, MemoryLayout, SectionId,
    Short, MAGIC, MAGIC_V1, PAGE_SIZE, RETURN_TO_HOST, TAG, VERSION,
};
use crate::isa::{Format, Instruction, Opcode, Reg};

/// Configurable limits checked during validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum size of the code in its original (ELF) encoding, in bytes.
    pub max_code_size: u32,
    /// Maximum total mapped memory (read-only + read-write + stack, page rounded).
    pub max_memory: u32,
    /// Maximum stack size.
    pub max_stack: u32,
    /// Maximum number of exports.
    pub max_exports: u32,
    /// Maximum number of imports.
    pub max_imports: u32,
    /// Maximum length of an export or import name.
    pub max_name_len: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_code_size: 1 << 20,
            max_memory: 16 << 20,
            max_stack: 1 << 20,
            max_exports: 1024,
            max_imports: 256,
            max_name_len: 128,
        }
    }
}

/// What is wrong with a blob.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum BlobErrorKind {
    /// The blob does not start with [`MAGIC`].
    BadMagic,
    /// [`MAGIC`] not followed by [`TAG`]: a PolkaVM program blob (or something else
    /// starting with `PVM\0`), not a Rivet one.
    ForeignBlob,
    /// A version this crate does not read. A format v1 blob (magic `RVTB`) is reported
    /// as version 1 at offset 4.
    UnsupportedVersion(u8),
    /// The blob ends inside something.
    Truncated,
    /// A section id other than the one expected next.
    UnexpectedSection {
        /// The id that should be here.
        expected: u8,
        /// The id found.
        found: u8,
    },
    /// A section's contents end before its declared length.
    SectionOverrun,
    /// A section's contents do not fill its declared length.
    SectionTrailingBytes,
    /// Bytes after the last section.
    TrailingBytes,
    /// A varint longer than 5 bytes, over 32 bits, or not minimal.
    BadVarint,
    /// A region base not aligned to [`PAGE_SIZE`].
    UnalignedRegion(&'static str),
    /// Two regions (or a region and the code, or address 0) closer than one guard page.
    RegionsOverlap(&'static str, &'static str),
    /// A region extends beyond the 32-bit address space or into the stack's reserved top.
    RegionOutOfRange(&'static str),
    /// Mapped memory over the limit.
    MemoryLimit {
        /// Bytes requested.
        requested: u64,
        /// Bytes allowed.
        limit: u32,
    },
    /// Stack over the limit.
    StackLimit(u32),
    /// Initial data longer than its region.
    DataTooLong(&'static str),
    /// An unknown opcode byte.
    UnknownOpcode(u8),
    /// A register byte with bits set that name no register.
    BadRegister(u8),
    /// An immediate outside its format's range.
    ImmediateOutOfRange(i64),
    /// Code over the limit.
    CodeLimit(u32),
    /// Code section with no instructions.
    EmptyCode,
    /// Code that overflows the address space.
    CodeOutOfRange,
    /// A branch or jump to something that is not an instruction in this code.
    BadJumpTarget {
        /// Address of the branch.
        pc: u32,
        /// Where it goes.
        target: u32,
    },
    /// The last instruction can continue past the end of the code.
    FallsOffEnd,
    /// An indirect-jump target that is not an instruction start, or out of order.
    BadIndirectTarget(u32),
    /// An export name that is empty, too long, not UTF-8 or duplicated.
    BadName,
    /// An export address that is not an instruction start.
    BadExportAddress(u32),
    /// A host-function number listed twice.
    DuplicateImport(u32),
    /// More exports than allowed.
    TooManyExports(u32),
    /// More imports than allowed.
    TooManyImports(u32),
}

/// A blob validation error: what and where (byte offset into the blob).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BlobError {
    /// What is wrong.
    pub kind: BlobErrorKind,
    /// Byte offset into the blob where the problem was found.
    pub offset: usize,
}

impl fmt::Display for BlobErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use BlobErrorKind as K;
        match self {
            K::BadMagic => f.write_str("not a Rivet program blob (bad magic)"),
            K::ForeignBlob => {
                f.write_str("a PolkaVM program blob, not a Rivet one (PVM\\0 without the RVT tag)")
            }
            K::UnsupportedVersion(v) if *v < VERSION => write!(
                f,
                "unsupported blob version {v} (expected {VERSION}): a Rivet blob of an older \
                 format, relink the program with this rivet"
            ),
            K::UnsupportedVersion(v) => {
                write!(f, "unsupported blob version {v} (expected {VERSION})")
            }
            K::Truncated => f.write_str("blob is truncated"),
            K::UnexpectedSection { expected, found } => {
                write!(f, "expected section {expected}, found section {found}")
            }
            K::SectionOverrun => f.write_str("section contents run past its declared length"),
            K::SectionTrailingBytes => f.write_str("section has bytes after its contents"),
            K::TrailingBytes => f.write_str("bytes after the last section"),
            K::BadVarint => f.write_str("malformed or non-minimal varint"),
            K::UnalignedRegion(r) => write!(f, "{r} region is not page aligned"),
            K::RegionsOverlap(a, b) => write!(f, "{a} and {b} are not separated by a guard page"),
            K::RegionOutOfRange(r) => write!(f, "{r} region exceeds the address space"),
            K::MemoryLimit { requested, limit } => {
                write!(f, "memory of {requested} bytes exceeds the limit of {limit}")
            }
            K::StackLimit(s) => write!(f, "stack of {s} bytes exceeds the limit"),
            K::DataTooLong(r) => write!(f, "initial {r} data is larger than its region"),
            K::UnknownOpcode(b) => write!(f, "unknown opcode byte {b:#04x}"),
            K::BadRegister(b) => write!(f, "invalid register byte {b:#04x}"),
            K::ImmediateOutOfRange(v) => write!(f, "immediate {v} out of range"),
            K::CodeLimit(s) => write!(f, "code of {s} bytes exceeds the limit"),
            K::EmptyCode => f.write_str("code section is empty"),
            K::CodeOutOfRange => f.write_str("code exceeds the address space"),
            K::BadJumpTarget { pc, target } => {
                write!(f, "jump at {pc:#x} to {target:#x}, which is not an instruction")
            }
            K::FallsOffEnd => f.write_str("execution can run past the end of the code"),
            K::BadIndirectTarget(t) => write!(
                f,
                "indirect-jump target {t:#x} is not an instruction start in ascending order"
            ),
            K::BadName => f.write_str("name is empty, too long, duplicated or not UTF-8"),
            K::BadExportAddress(a) => {
                write!(f, "export address {a:#x} is not an instruction start")
            }
            K::DuplicateImport(n) => write!(f, "host function {n} imported twice"),
            K::TooManyExports(n) => write!(f, "{n} exports exceed the limit"),
            K::TooManyImports(n) => write!(f, "{n} imports exceed the limit"),
        }
    }
}

impl fmt::Display for BlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid program blob at offset {:#x}: {}", self.offset, self.kind)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for BlobError {}

/// A validated program: what every engine takes.
#[derive(Clone, Debug)]
pub struct Program {
    parts: BlobParts,
    /// Address of each instruction, parallel to `parts.code`.
    addresses: Vec<u32>,
    /// For each 2-byte slot of code, the index of the instruction starting there, or
    /// `u32::MAX`.
    slot_to_index: Vec<u32>,
    /// Whether each instruction starts a basic block.
    block_start: Vec<bool>,
    /// Whether each instruction is a valid indirect-jump target.
    indirect_target: Vec<bool>,
}

/// No instruction starts at this slot.
const NO_INSTRUCTION: u32 = u32::MAX;

impl Program {
    /// Validates a blob.
    ///
    /// # Errors
    /// A [`BlobError`] for the first problem found, in blob order.
    pub fn from_bytes(bytes: &[u8], limits: &Limits) -> Result<Program, BlobError> {
        let mut r = Reader { bytes, pos: 0, end: bytes.len() };
        read_header(&mut r)?;
        let mut parts = BlobParts::default();
        let mut program = None;
        for id in SectionId::ALL {
            let at = r.pos;
            let found = r.u8()?;
            if found != id as u8 {
                let kind = BlobErrorKind::UnexpectedSection { expected: id as u8, found };
                return Err(BlobError { kind, offset: at });
            }
            let len = r.varint()? as usize;
            if len > r.end - r.pos {
                return Err(r.err(BlobErrorKind::Truncated));
            }
            let mut s = Reader { bytes, pos: r.pos, end: r.pos + len };
            match id {
                SectionId::Memory => parts.layout = read_layout(&mut s, limits)?,
                SectionId::RoData => {
                    parts.ro_data = read_data(&mut s, parts.layout.ro_size, "read-only")?
                }
                SectionId::RwData => {
                    parts.rw_data = read_data(&mut s, parts.layout.rw_size, "read-write")?
                }
                SectionId::Code => {
                    read_code(&mut s, &mut parts, limits)?;
                    program = Some(Program::index_code(core::mem::take(&mut parts), &s)?);
                }
                SectionId::JumpTargets => {
                    let p = program.as_mut().expect("code section precedes this one; qed");
                    p.read_jump_targets(&mut s)?;
                }
                SectionId::Exports => {
                    let p = program.as_mut().expect("code section precedes this one; qed");
                    p.read_exports(&mut s, limits)?;
                }
                SectionId::Imports => {
                    let p = program.as_mut().expect("code section precedes this one; qed");
                    p.parts.imports = read_imports(&mut s, limits)?;
                }
            }
            if s.pos != s.end {
                return Err(s.err(BlobErrorKind::SectionTrailingBytes));
            }
            r.pos = s.end;
        }
        if r.pos != bytes.len() {
            return Err(r.err(BlobErrorKind::TrailingBytes));
        }
        let mut program = program.expect("all sections were read; qed");
        program.finish_blocks();
        Ok(program)
    }

    /// The memory layout a blob declares, from its first bytes alone (the header and
    /// the memory section come first, in at most [`LAYOUT_PREFIX`] bytes): what a runtime
    /// that validated the blob at upload reads to price a call's memory without loading
    /// the code.
    ///
    /// # Errors
    /// As [`Program::from_bytes`] for the header and the memory section; `Truncated` if
    /// `prefix` ends before them.
    pub fn memory_layout(prefix: &[u8], limits: &Limits) -> Result<MemoryLayout, BlobError> {
        let mut r = Reader { bytes: prefix, pos: 0, end: prefix.len() };
        read_header(&mut r)?;
        let at = r.pos;
        let found = r.u8()?;
        if found != SectionId::Memory as u8 {
            let kind =
                BlobErrorKind::UnexpectedSection { expected: SectionId::Memory as u8, found };
            return Err(BlobError { kind, offset: at });
        }
        r.varint()?;
        read_layout(&mut r, limits)
    }

    fn index_code(parts: BlobParts, s: &Reader) -> Result<Program, BlobError> {
        let n = parts.code.len();
        let code_size = parts.code_size();
        let mut addresses = Vec::with_capacity(n);
        let mut slot_to_index = vec![NO_INSTRUCTION; (code_size / 2) as usize];
        let mut addr = parts.code_base;
        for (i, ci) in parts.code.iter().enumerate() {
            addresses.push(addr);
            slot_to_index[((addr - parts.code_base) / 2) as usize] = i as u32;
            addr += ci.size();
        }
        let mut p = Program {
            parts,
            addresses,
            slot_to_index,
            block_start: vec![false; n],
            indirect_target: vec![false; n],
        };
        // Direct targets must be instructions; they start blocks, as does whatever
        // follows a block-ending instruction. Return addresses are valid indirect targets.
        for i in 0..n {
            let inst = p.parts.code[i].inst;
            let pc = p.addresses[i];
            if let Some(target) = inst.direct_target(pc) {
                let t = p
                    .index_of(target)
                    .ok_or_else(|| s.err_at(BlobErrorKind::BadJumpTarget { pc, target }, s.end))?;
                p.block_start[t] = true;
            }
            if inst.op.ends_block() && i + 1 < n {
                p.block_start[i + 1] = true;
            }
            let is_call = matches!(inst.op, Opcode::Jal | Opcode::Jalr) && inst.rd != Reg::ZERO;
            if is_call && i + 1 < n {
                p.indirect_target[i + 1] = true;
            }
        }
        if !p.parts.code[n - 1].inst.op.is_terminator() {
            return Err(s.err_at(BlobErrorKind::FallsOffEnd, s.end));
        }
        p.block_start[0] = true;
        Ok(p)
    }

    fn read_jump_targets(&mut self, s: &mut Reader) -> Result<(), BlobError> {
        let count = s.varint()?;
        let mut prev: Option<u32> = None;
        for _ in 0..count {
            let at = s.pos;
            let delta = s.varint()?;
            let target = match prev {
                None => self.parts.code_base.checked_add(delta),
                Some(p) if delta > 0 => p.checked_add(delta),
                Some(_) => None,
            };
            let idx = target.and_then(|t| self.index_of(t)).ok_or_else(|| {
                let t = target.unwrap_or(u32::MAX);
                s.err_at(BlobErrorKind::BadIndirectTarget(t), at)
            })?;
            self.indirect_target[idx] = true;
            self.parts.jump_targets.push(self.addresses[idx]);
            prev = target;
        }
        Ok(())
    }

    fn read_exports(&mut self, s: &mut Reader, limits: &Limits) -> Result<(), BlobError> {
        let count = s.varint()?;
        if count > limits.max_exports {
            return Err(s.err(BlobErrorKind::TooManyExports(count)));
        }
        for _ in 0..count {
            let name = s.name(limits)?;
            if self.parts.exports.iter().any(|e| e.name == name) {
                return Err(s.err(BlobErrorKind::BadName));
            }
            let at = s.pos;
            let offset = s.varint()?;
            let address = self.parts.code_base.wrapping_add(offset);
            let idx = self
                .index_of(address)
                .filter(|_| address >= self.parts.code_base)
                .ok_or_else(|| s.err_at(BlobErrorKind::BadExportAddress(address), at))?;
            self.block_start[idx] = true;
            self.parts.exports.push(Export { name, address });
        }
        Ok(())
    }

    fn finish_blocks(&mut self) {
        for (start, &target) in self.block_start.iter_mut().zip(&self.indirect_target) {
            *start |= target;
        }
    }

    /// Index of the instruction at `addr`, if one starts there.
    pub fn index_of(&self, addr: u32) -> Option<usize> {
        let off = addr.checked_sub(self.parts.code_base)?;
        if off % 2 != 0 {
            return None;
        }
        match self.slot_to_index.get((off / 2) as usize) {
            Some(&i) if i != NO_INSTRUCTION => Some(i as usize),
            _ => None,
        }
    }

    /// The program's parts (layout, data, code, targets, exports, imports).
    pub fn parts(&self) -> &BlobParts {
        &self.parts
    }
    /// Memory layout.
    pub fn layout(&self) -> &MemoryLayout {
        &self.parts.layout
    }
    /// The instructions.
    pub fn code(&self) -> &[CodeInstruction] {
        &self.parts.code
    }
    /// Address of each instruction.
    pub fn addresses(&self) -> &[u32] {
        &self.addresses
    }
    /// Whether instruction `i` starts a basic block.
    pub fn is_block_start(&self, i: usize) -> bool {
        self.block_start[i]
    }
    /// Whether instruction `i` may be the target of an indirect jump.
    pub fn is_indirect_target(&self, i: usize) -> bool {
        self.indirect_target[i]
    }
    /// Where the `JALR` at instruction `i` goes, when that is known before running: the
    /// instruction before it, in the same block, set its base register to a constant
    /// (`auipc`/`lui`: how RISC-V compilers call a function, `auipc ra, hi; jalr ra,
    /// lo(ra)`), and the target is a valid indirect-jump target. The index of the
    /// target instruction; `None` if not known, or not valid (then the jump traps when
    /// it runs, as any other).
    pub fn known_jalr_target(&self, i: usize) -> Option<usize> {
        let jalr = self.parts.code.get(i)?.inst;
        if jalr.op != Opcode::Jalr || i == 0 || self.block_start[i] || jalr.rs1 == Reg::ZERO {
            return None;
        }
        let set = self.parts.code[i - 1].inst;
        let base = match set.op {
            Opcode::Auipc => self.addresses[i - 1].wrapping_add(set.imm as u32),
            Opcode::Lui => set.imm as u32,
            _ => return None,
        };
        if set.rd != jalr.rs1 {
            return None;
        }
        let target = self.index_of(base.wrapping_add(jalr.imm as u32) & !1)?;
        self.indirect_target[target].then_some(target)
    }
    /// Address of an export.
    pub fn export(&self, name: &str) -> Option<u32> {
        self.parts.exports.iter().find(|e| e.name == name).map(|e| e.address)
    }
    /// One past the last code address.
    pub fn code_end(&self) -> u32 {
        self.parts.code_base + 2 * self.slot_to_index.len() as u32
    }
}

/// Bytes of a blob that always hold its header and memory section (magic, tag, version,
/// section id and length, five varints of at most five bytes).
pub const LAYOUT_PREFIX: usize = 64;

/// Magic, tag and version.
fn read_header(r: &mut Reader) -> Result<(), BlobError> {
    let bytes = r.bytes;
    if bytes.starts_with(&MAGIC_V1) {
        // Format v1 had magic `RVTB` and version 1 at offset 4.
        return Err(r.err_at(BlobErrorKind::UnsupportedVersion(1), MAGIC.len()));
    }
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(r.err(BlobErrorKind::BadMagic));
    }
    r.pos = MAGIC.len();
    for &t in &TAG {
        if r.u8()? != t {
            return Err(r.err_at(BlobErrorKind::ForeignBlob, MAGIC.len()));
        }
    }
    let at = r.pos;
    let version = r.u8()?;
    if version != VERSION {
        return Err(r.err_at(BlobErrorKind::UnsupportedVersion(version), at));
    }
    Ok(())
}

fn read_layout(s: &mut Reader, limits: &Limits) -> Result<MemoryLayout, BlobError> {
    let at = s.pos;
    let layout = MemoryLayout {
        ro_base: s.varint()?,
        ro_size: s.varint()?,
        rw_base: s.varint()?,
        rw_size: s.varint()?,
        stack_size: s.varint()?,
    };
    let err = |kind| BlobError { kind, offset: at };
    for (name, base) in [("read-only", layout.ro_base), ("read-write", layout.rw_base)] {
        if base % PAGE_SIZE != 0 {
            return Err(err(BlobErrorKind::UnalignedRegion(name)));
        }
    }
    if layout.stack_size > limits.max_stack {
        return Err(err(BlobErrorKind::StackLimit(layout.stack_size)));
    }
    let requested = layout.mapped_bytes();
    if requested > limits.max_memory as u64 {
        return Err(err(BlobErrorKind::MemoryLimit { requested, limit: limits.max_memory }));
    }
    // Every mapped region keeps one unmapped page to each side, including below (so
    // address 0 stays unmapped) and the reserved return address above the stack.
    let regions = [
        ("read-only", layout.ro_range()),
        ("read-write", layout.rw_range()),
        ("stack", layout.stack_range()),
    ];
    for (i, &(a, (a0, a1))) in regions.iter().enumerate() {
        if a1 == a0 {
            continue;
        }
        if a0 < PAGE_SIZE as u64 || a1 > RETURN_TO_HOST as u64 {
            return Err(err(BlobErrorKind::RegionOutOfRange(a)));
        }
        for &(b, (b0, b1)) in &regions[i + 1..] {
            if b1 != b0 && a0 < b1 + PAGE_SIZE as u64 && b0 < a1 + PAGE_SIZE as u64 {
                return Err(err(BlobErrorKind::RegionsOverlap(a, b)));
            }
        }
    }
    Ok(layout)
}

fn read_data(s: &mut Reader, region: u32, name: &'static str) -> Result<Vec<u8>, BlobError> {
    let mut data = Vec::new();
    let limit = region as usize;
    while s.pos < s.end {
        let lit = s.varint()? as usize;
        let at = s.pos;
        let start = s.pos;
        s.take(lit)?;
        let zeros = s.varint()? as usize;
        if data.len() + lit + zeros > limit {
            return Err(s.err_at(BlobErrorKind::DataTooLong(name), at));
        }
        data.extend_from_slice(&s.bytes[start..start + lit]);
        data.resize(data.len() + zeros, 0);
    }
    // Trailing zeros are implicit (the region is zero-filled); dropping them makes the
    // parts canonical, so re-encoding gives the writer's bytes.
    let end = data.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
    data.truncate(end);
    Ok(data)
}

fn read_code(s: &mut Reader, parts: &mut BlobParts, limits: &Limits) -> Result<(), BlobError> {
    parts.code_base = s.varint()?;
    let mut size: u64 = 0;
    // Every instruction takes at least one byte, so this bounds the allocation.
    parts.code = Vec::with_capacity(s.end - s.pos);
    while s.pos < s.end {
        size += decode_instruction(s, &mut parts.code)? as u64;
        if size > limits.max_code_size as u64 {
            return Err(s.err(BlobErrorKind::CodeLimit(size.min(u32::MAX as u64) as u32)));
        }
    }
    if parts.code.is_empty() {
        return Err(s.err(BlobErrorKind::EmptyCode));
    }
    if !parts.code_base.is_multiple_of(2) || parts.code_base as u64 + size > RETURN_TO_HOST as u64 {
        return Err(s.err(BlobErrorKind::CodeOutOfRange));
    }
    let code = (parts.code_base as u64, parts.code_base as u64 + size);
    let l = &parts.layout;
    for (name, (r0, r1)) in
        [("read-only", l.ro_range()), ("read-write", l.rw_range()), ("stack", l.stack_range())]
    {
        if r1 != r0 && code.0 < r1 && r0 < code.1 {
            return Err(s.err(BlobErrorKind::RegionsOverlap("code", name)));
        }
    }
    Ok(())
}

/// Decodes one instruction of the compact encoding, checking every field, and appends
/// it to `code`; its size in the original code (2 or 4).
///
/// The instruction is built where it is stored: returned through a `Result`, it was
/// assembled on the stack byte by byte and reloaded as one word, a store-forwarding
/// stall that cost more than all the decoding.
fn decode_instruction(s: &mut Reader, code: &mut Vec<CodeInstruction>) -> Result<u32, BlobError> {
    let at = s.pos;
    let byte = s.u8()?;
    let compressed = byte & 0x80 != 0;
    let size = if compressed { 2 } else { 4 };
    if let Some(short) = Short::from_byte(byte & 0x7f) {
        let operand = if short.has_operand() { s.u8()? } else { 0 };
        code.push(CodeInstruction { inst: short.decode(operand), compressed });
        return Ok(size);
    }
    let op = Opcode::from_u8(byte & 0x7f)
        .ok_or_else(|| s.err_at(BlobErrorKind::UnknownOpcode(byte), at))?;
    let z = Reg::ZERO;
    let pair = |s: &mut Reader| -> Result<(Reg, Reg), BlobError> {
        let b = s.u8()?;
        Ok((Reg::new((b & 0xf) as u32).unwrap_or(z), Reg::new((b >> 4) as u32).unwrap_or(z)))
    };
    let single = |s: &mut Reader| -> Result<Reg, BlobError> {
        let b = s.u8()?;
        Reg::new(b as u32).ok_or_else(|| s.err_at(BlobErrorKind::BadRegister(b), s.pos - 1))
    };
    // An immediate scaled by `scale`, in `lo..hi`: each format's range (`imm_in_range`),
    // checked here on the value as read, not on a built instruction.
    let imm = |s: &mut Reader, scale: i64, lo: i64, hi: i64| -> Result<i32, BlobError> {
        let value = unzigzag(s.varint()?) as i64 * scale;
        if (lo..hi).contains(&value) {
            Ok(value as i32)
        } else {
            Err(s.err_at(BlobErrorKind::ImmediateOutOfRange(value), at))
        }
    };
    let (rd, rs1, rs2, imm): (Reg, Reg, Reg, i32) = match op.format() {
        Format::R => {
            let (rd, rs1) = pair(s)?;
            (rd, rs1, single(s)?, 0)
        }
        Format::I | Format::Load | Format::Jalr => {
            let (rd, rs1) = pair(s)?;
            (rd, rs1, z, imm(s, 1, -2048, 2048)?)
        }
        Format::Shift => {
            let (rd, rs1) = pair(s)?;
            let shamt = s.u8()?;
            if shamt >= 32 {
                return Err(s.err_at(BlobErrorKind::ImmediateOutOfRange(shamt as i64), at));
            }
            (rd, rs1, z, shamt as i32)
        }
        Format::Store => {
            let (rs1, rs2) = pair(s)?;
            (z, rs1, rs2, imm(s, 1, -2048, 2048)?)
        }
        Format::Branch => {
            let (rs1, rs2) = pair(s)?;
            (z, rs1, rs2, imm(s, 2, -4096, 4096)?)
        }
        Format::Upper => (single(s)?, z, z, imm(s, 1 << 12, i32::MIN as i64, 1 << 31)?),
        Format::Jal => (single(s)?, z, z, imm(s, 2, -(1 << 20), 1 << 20)?),
        Format::None => (z, z, z, 0),
    };
    code.push(CodeInstruction { inst: Instruction::new(op, rd, rs1, rs2, imm), compressed });
    debug_assert!(code.last().is_some_and(|c| c.inst.imm_in_range()), "imm_in_range's ranges");
    Ok(size)
}

fn read_imports(s: &mut Reader, limits: &Limits) -> Result<Vec<Import>, BlobError> {
    let count = s.varint()?;
    if count > limits.max_imports {
        return Err(s.err(BlobErrorKind::TooManyImports(count)));
    }
    let mut imports: Vec<Import> = Vec::new();
    for _ in 0..count {
        let at = s.pos;
        let number = s.varint()?;
        if imports.iter().any(|i| i.number == number) {
            return Err(s.err_at(BlobErrorKind::DuplicateImport(number), at));
        }
        let name = s.name(limits)?;
        imports.push(Import { number, name });
    }
    Ok(imports)
}

/// A cursor over one section (or the whole blob) that turns running out of bytes into
/// errors at the right offset.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

impl Reader<'_> {
    fn err(&self, kind: BlobErrorKind) -> BlobError {
        BlobError { kind, offset: self.pos }
    }

    fn err_at(&self, kind: BlobErrorKind, offset: usize) -> BlobError {
        BlobError { kind, offset }
    }

    fn overrun(&self) -> BlobError {
        let kind = if self.end == self.bytes.len() {
            BlobErrorKind::Truncated
        } else {
            BlobErrorKind::SectionOverrun
        };
        self.err(kind)
    }

    fn u8(&mut self) -> Result<u8, BlobError> {
        if self.pos >= self.end {
            return Err(self.overrun());
        }
        self.pos += 1;
        Ok(self.bytes[self.pos - 1])
    }

    fn take(&mut self, n: usize) -> Result<&[u8], BlobError> {
        if n > self.end - self.pos {
            return Err(self.overrun());
        }
        self.pos += n;
        Ok(&self.bytes[self.pos - n..self.pos])
    }

    fn varint(&mut self) -> Result<u32, BlobError> {
        let at = self.pos;
        let mut value: u64 = 0;
        for i in 0..5 {
            let b = self.u8()?;
            value |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                // Minimal: a multi-byte varint must not end in a zero byte.
                if (i > 0 && b == 0) || value > u32::MAX as u64 {
                    break;
                }
                return Ok(value as u32);
            }
        }
        Err(self.err_at(BlobErrorKind::BadVarint, at))
    }

    fn name(&mut self, limits: &Limits) -> Result<String, BlobError> {
        let at = self.pos;
        let len = self.varint()?;
        if len == 0 || len > limits.max_name_len {
            return Err(self.err_at(BlobErrorKind::BadName, at));
        }
        let bytes = self.take(len as usize)?;
        core::str::from_utf8(bytes)
            .map(String::from)
            .map_err(|_| self.err_at(BlobErrorKind::BadName, at))
    }
}

/// Converts a program back to its parts for re-encoding (round trip).
impl From<&Program> for BlobParts {
    fn from(p: &Program) -> BlobParts {
        p.parts.clone()
    }
}

/// Mapped size of a region in bytes (re-exported for engines).
pub fn mapped_size(size: u32) -> u64 {
    page_round(size)
}
