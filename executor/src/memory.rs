//! Guest memory for the interpreter: the three regions of the layout as byte vectors,
//! with bounds-checked little-endian accesses. Anything outside them is unmapped.

use alloc::vec;
use alloc::vec::Vec;

use crate::blob::MemoryLayout;
use crate::engine::MemoryAccessError;
use crate::validate::{mapped_size, Program};

/// One mapped region.
#[derive(Clone, Debug)]
struct Region {
    base: u32,
    bytes: Vec<u8>,
}

impl Region {
    fn new(base: u32, size: u32, init: &[u8]) -> Region {
        let len = usize::try_from(mapped_size(size)).expect("sizes are limited by validation; qed");
        let mut bytes = vec![0; len];
        bytes[..init.len()].copy_from_slice(init);
        Region { base, bytes }
    }

    /// Offset of `[addr, addr + len)` in this region, if it lies entirely inside.
    #[inline(always)]
    fn offset(&self, addr: u32, len: usize) -> Option<usize> {
        let off = addr.wrapping_sub(self.base) as usize;
        // Written so that nothing can overflow, also where usize is 32 bits.
        (off < self.bytes.len() && self.bytes.len() - off >= len).then_some(off)
    }
}

/// The guest's memory.
#[derive(Clone, Debug)]
pub struct Memory {
    stack: Region,
    rw: Region,
    ro: Region,
}

impl Memory {
    /// Memory as the program's image describes it.
    pub fn new(program: &Program) -> Memory {
        let l: &MemoryLayout = program.layout();
        let p = program.parts();
        let stack_len = mapped_size(l.stack_size) as u32;
        Memory {
            stack: Region::new(crate::blob::STACK_TOP - stack_len, l.stack_size, &[]),
            rw: Region::new(l.rw_base, l.rw_size, &p.rw_data),
            ro: Region::new(l.ro_base, l.ro_size, &p.ro_data),
        }
    }

    /// Loads `N` bytes; `None` if any is unmapped.
    #[inline(always)]
    pub fn load<const N: usize>(&self, addr: u32) -> Option<[u8; N]> {
        // Explicit checks in order of how often guests touch each region.
        let region = if let Some(off) = self.stack.offset(addr, N) {
            (&self.stack, off)
        } else if let Some(off) = self.rw.offset(addr, N) {
            (&self.rw, off)
        } else {
            (&self.ro, self.ro.offset(addr, N)?)
        };
        let (r, off) = region;
        let mut out = [0; N];
        out.copy_from_slice(&r.bytes[off..off + N]);
        Some(out)
    }

    /// Stores `N` bytes; `None` if any is unmapped or read-only (nothing is written then).
    #[inline(always)]
    pub fn store<const N: usize>(&mut self, addr: u32, value: [u8; N]) -> Option<()> {
        let (r, off) = if let Some(off) = self.stack.offset(addr, N) {
            (&mut self.stack, off)
        } else {
            let off = self.rw.offset(addr, N)?;
            (&mut self.rw, off)
        };
        r.bytes[off..off + N].copy_from_slice(&value);
        Some(())
    }

    /// Host read of any length.
    ///
    /// # Errors
    /// If the range is not entirely inside one mapped region.
    pub fn read(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        for region in [&self.stack, &self.rw, &self.ro] {
            if let Some(off) = region.offset(addr, buf.len()) {
                buf.copy_from_slice(&region.bytes[off..off + buf.len()]);
                return Ok(());
            }
        }
        if buf.is_empty() {
            return Ok(());
        }
        Err(MemoryAccessError { addr, len: buf.len() as u32 })
    }

    /// Host write of any length.
    ///
    /// # Errors
    /// If the range is not entirely inside one writable region.
    pub fn write(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        for region in [&mut self.stack, &mut self.rw] {
            if let Some(off) = region.offset(addr, data.len()) {
                region.bytes[off..off + data.len()].copy_from_slice(data);
                return Ok(());
            }
        }
        if data.is_empty() {
            return Ok(());
        }
        Err(MemoryAccessError { addr, len: data.len() as u32 })
    }
}
