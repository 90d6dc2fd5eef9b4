//! What crosses between runtime and client while a host call is served, so that
//! serving one costs a single crossing instead of one per register, gas and memory
//! access.
//!
//! **To the runtime, with the exit** ([`Reads`]): after the 40-byte exit record, the
//! guest memory the host function reads, as `rivet-host-api`'s table locates it
//! ([`rivet_host_api::HostFn::reads`]): `[count u32]`, then each range as
//! `[addr u32][len u32][bytes]`, as many as fit the runtime's buffer. What is not there
//! the runtime reads with a crossing, so the table only saves time: it never changes a
//! result.
//!
//! **To the client, with the resumption** ([`Update`]): what the host did to the
//! instance:
//! `[gas u64][mask u32][value u32 for each set bit of mask, x0 first]`, then each memory
//! write as `[addr u32][len u32][bytes]`, in the order the host made them; little-endian.
//!
//! The runtime checks each write against the program's layout before it buffers it
//! ([`rivet_executor::blob::MemoryLayout::is_writable`], the rule every engine applies),
//! so a bad write traps the contract at the same point, with the same gas, as on an
//! engine that writes at once.

use alloc::vec::Vec;

use rivet_executor::blob::MemoryLayout;
use rivet_executor::isa::Reg;
use rivet_executor::{Instance, Outcome};
use rivet_host_api::HostFn;

/// Bytes of the buffer an exit crosses in: the exit record, then the memory the host
/// call reads (up to 2 KiB, which covers keys, values, event data and inputs of
/// ordinary contracts).
pub const EXIT_BUFFER_LEN: usize = crate::EXIT_LEN + 4 + 2048;

/// Writes, after the exit record in `out`, the guest memory the host call `outcome`
/// stands for reads, as far as it is readable and fits.
pub fn write_reads(instance: &dyn Instance, outcome: &Outcome, out: &mut [u8]) {
    let start = crate::EXIT_LEN + 4;
    if out.len() < start {
        return;
    }
    let (mut at, mut count) = (start, 0u32);
    if let Outcome::HostCall { number, args } = outcome {
        for read in HostFn::from_u32(*number).map_or(&[][..], HostFn::reads) {
            let (addr, len) = read.range(args);
            let end = at as u64 + 8 + len;
            if len == 0 || end > out.len() as u64 {
                continue;
            }
            let end = end as usize;
            if instance.read_memory(addr, &mut out[at + 8..end]).is_ok() {
                out[at..at + 4].copy_from_slice(&addr.to_le_bytes());
                out[at + 4..at + 8].copy_from_slice(&(len as u32).to_le_bytes());
                (at, count) = (end, count + 1);
            }
        }
    }
    out[crate::EXIT_LEN..start].copy_from_slice(&count.to_le_bytes());
}

/// Guest memory the client sent with an exit, as `(addr, bytes)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    ranges: Vec<(u32, Vec<u8>)>,
}

impl Reads {
    /// The ranges after the exit record in `b` (none if malformed).
    pub fn decode(b: &[u8]) -> Reads {
        let mut ranges = Vec::new();
        let Some(mut rest) = b.get(crate::EXIT_LEN..) else { return Reads { ranges } };
        let Ok(count) = take::<4>(&mut rest).map(u32::from_le_bytes) else {
            return Reads { ranges };
        };
        let mut writes = Writes(rest);
        for _ in 0..count {
            let Some((addr, data)) = writes.next() else { break };
            ranges.push((addr, data.to_vec()));
        }
        Reads { ranges }
    }

    /// Fills `buf` from the range that holds all of `[addr, addr + buf.len())`; whether
    /// one did.
    pub fn read(&self, addr: u32, buf: &mut [u8]) -> bool {
        for (at, data) in &self.ranges {
            let off = addr.wrapping_sub(*at) as usize;
            if addr >= *at && off <= data.len() && data.len() - off >= buf.len() {
                buf.copy_from_slice(&data[off..off + buf.len()]);
                return true;
            }
        }
        false
    }
}

/// Bytes of a memory layout as it crosses: ro base and size, rw base and size, stack size.
pub const LAYOUT_LEN: usize = 20;

/// The layout as it crosses, into `out`.
pub fn encode_layout(l: &MemoryLayout, out: &mut [u8; LAYOUT_LEN]) {
    crate::put_words(out, &[l.ro_base, l.ro_size, l.rw_base, l.rw_size, l.stack_size]);
}

/// The layout [`encode_layout`] wrote.
pub fn decode_layout(b: &[u8; LAYOUT_LEN]) -> MemoryLayout {
    let [ro_base, ro_size, rw_base, rw_size, stack_size] =
        crate::words(b).expect("LAYOUT_LEN is five words; qed");
    MemoryLayout { ro_base, ro_size, rw_base, rw_size, stack_size }
}

/// The changes the host made to a suspended instance, in the order it made them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// The gas left.
    pub gas: u64,
    mask: u32,
    regs: [u32; 16],
    writes: Vec<u8>,
}

impl Update {
    /// No changes but the gas.
    pub fn new(gas: u64) -> Update {
        Update { gas, ..Update::default() }
    }

    /// Sets `reg` (writes to `x0` are dropped, as the engines drop them).
    pub fn set_reg(&mut self, reg: Reg, value: u32) {
        if reg.index() != 0 {
            self.mask |= 1 << reg.index();
            self.regs[reg.index()] = value;
        }
    }

    /// The value set for `reg`, if any.
    pub fn reg(&self, reg: Reg) -> Option<u32> {
        (self.mask & (1 << reg.index()) != 0).then(|| self.regs[reg.index()])
    }

    /// Adds a write of `data` at `addr` (the caller checked it against the layout).
    pub fn write(&mut self, addr: u32, data: &[u8]) {
        self.writes.extend_from_slice(&addr.to_le_bytes());
        self.writes.extend_from_slice(&(data.len() as u32).to_le_bytes());
        self.writes.extend_from_slice(data);
    }

    /// Drops the buffered writes (the memory is being reset to its image).
    pub fn discard_writes(&mut self) {
        self.writes.clear();
    }

    /// Whether any register or memory is to change.
    pub fn is_empty(&self) -> bool {
        self.mask == 0 && self.writes.is_empty()
    }

    /// Shows the buffered writes in `buf`, read from guest memory at `addr`, as if they
    /// had been made.
    pub fn overlay(&self, addr: u32, buf: &mut [u8]) {
        let (start, end) = (addr as u64, addr as u64 + buf.len() as u64);
        for (at, data) in Writes(&self.writes) {
            let (w_start, w_end) = (at as u64, at as u64 + data.len() as u64);
            let (from, to) = (start.max(w_start), end.min(w_end));
            if from < to {
                buf[(from - start) as usize..(to - start) as usize]
                    .copy_from_slice(&data[(from - w_start) as usize..(to - w_start) as usize]);
            }
        }
    }

    /// The encoded update.
    pub fn encode(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(12 + 4 * self.mask.count_ones() as usize + self.writes.len());
        out.extend_from_slice(&self.gas.to_le_bytes());
        out.extend_from_slice(&self.mask.to_le_bytes());
        for (i, v) in self.regs.iter().enumerate() {
            if self.mask & (1 << i) != 0 {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&self.writes);
        out
    }
}

/// Why an encoded update could not be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadUpdate;

/// Applies an encoded update to `instance`: gas, registers, then the writes in order.
///
/// # Errors
/// If the bytes are not an update, or a write falls outside the writable memory (the
/// runtime checks writes before it sends them, so either is a runtime bug).
pub fn apply(instance: &mut dyn Instance, mut b: &[u8]) -> Result<(), BadUpdate> {
    let gas = u64::from_le_bytes(take::<8>(&mut b)?);
    let mask = u32::from_le_bytes(take::<4>(&mut b)?);
    if mask & !0xffff != 0 {
        return Err(BadUpdate);
    }
    instance.set_gas_left(gas);
    for i in 0..16 {
        if mask & (1 << i) != 0 {
            let v = u32::from_le_bytes(take::<4>(&mut b)?);
            let reg = Reg::new(i).expect("i < 16; qed");
            instance.set_reg(reg, v);
        }
    }
    let mut writes = Writes(b);
    for (addr, data) in &mut writes {
        instance.write_memory(addr, data).map_err(|_| BadUpdate)?;
    }
    if writes.0.is_empty() {
        Ok(())
    } else {
        Err(BadUpdate)
    }
}

fn take<const N: usize>(b: &mut &[u8]) -> Result<[u8; N], BadUpdate> {
    let (head, rest) = b.split_at_checked(N).ok_or(BadUpdate)?;
    *b = rest;
    Ok(head.try_into().expect("split at N; qed"))
}

/// The writes of an encoded update; stops at the first that does not parse (leaving
/// the rest in `.0`).
struct Writes<'a>(&'a [u8]);

impl<'a> Iterator for Writes<'a> {
    type Item = (u32, &'a [u8]);

    fn next(&mut self) -> Option<(u32, &'a [u8])> {
        let mut b = self.0;
        let addr = u32::from_le_bytes(take::<4>(&mut b).ok()?);
        let len = u32::from_le_bytes(take::<4>(&mut b).ok()?) as usize;
        let (data, rest) = b.split_at_checked(len)?;
        self.0 = rest;
        Some((addr, data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_shows_later_writes_over_earlier_ones() {
        let mut u = Update::new(7);
        u.write(100, &[1, 2, 3, 4]);
        u.write(102, &[9]);
        let mut buf = [0xee; 6];
        u.overlay(99, &mut buf);
        assert_eq!(buf, [0xee, 1, 2, 9, 4, 0xee]);
        let mut outside = [0xee; 2];
        u.overlay(104, &mut outside);
        assert_eq!(outside, [0xee; 2]);
    }

    #[test]
    fn registers_set_are_kept_but_x0() {
        let mut u = Update::new(0);
        u.set_reg(Reg::A0, 5);
        u.set_reg(Reg::new(0).unwrap(), 9);
        assert_eq!(u.reg(Reg::A0), Some(5));
        assert_eq!(u.reg(Reg::A1), None);
        assert_eq!(u.reg(Reg::new(0).unwrap()), None);
        assert!(!u.is_empty());
        // gas, mask, one register
        assert_eq!(u.encode().len(), 8 + 4 + 4);
    }

    #[test]
    fn truncated_writes_are_left_over() {
        let mut u = Update::new(0);
        u.write(8, &[1, 2]);
        let enc = u.encode();
        let writes = &enc[12..];
        let mut it = Writes(&writes[..writes.len() - 1]);
        assert_eq!(it.next(), None);
        assert_eq!(it.0.len(), writes.len() - 1, "nothing consumed");
    }
}
