//! Guest-memory access for one host call: reads and writes that turn a bad pointer into
//! [`MockError::BadHostCall`], the interface's output conventions, and the call's charge.

use rivet_executor::engine::Instance;
use rivet_host_api::{HostFn, ReturnCode, MAX_KEY_LEN};

use crate::{AccountId, HostCosts, MockError};

/// Guest-memory access for one host call, counting bytes for the charge.
pub(crate) struct Io<'a> {
    pub(crate) inst: &'a mut dyn Instance,
    pub(crate) f: HostFn,
    pub(crate) moved: u64,
}

impl Io<'_> {
    pub(crate) fn bad(&self, reason: String) -> MockError {
        MockError::BadHostCall { function: self.f.name(), reason }
    }

    pub(crate) fn read(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, MockError> {
        let mut buf = vec![0; len as usize];
        self.inst.read_memory(ptr, &mut buf).map_err(|e| self.bad(e.to_string()))?;
        self.moved += len as u64;
        Ok(buf)
    }

    pub(crate) fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), MockError> {
        self.inst.write_memory(ptr, data).map_err(|e| self.bad(e.to_string()))?;
        self.moved += data.len() as u64;
        Ok(())
    }

    /// The variable-size output convention; returns the `ReturnCode`.
    pub(crate) fn write_var(
        &mut self,
        out_ptr: u32,
        len_ptr: u32,
        data: &[u8],
    ) -> Result<u32, MockError> {
        let capacity = u32::from_le_bytes(self.read(len_ptr, 4)?.try_into().expect("4 bytes; qed"));
        self.write(len_ptr, &(data.len() as u32).to_le_bytes())?;
        if data.len() as u64 > capacity as u64 {
            return Ok(ReturnCode::BufferTooSmall as u32);
        }
        self.write(out_ptr, data)?;
        Ok(ReturnCode::Success as u32)
    }

    pub(crate) fn key(&mut self, ptr: u32, len: u32) -> Result<Vec<u8>, MockError> {
        if len > MAX_KEY_LEN {
            return Err(self.bad(format!("key of {len} bytes (at most {MAX_KEY_LEN})")));
        }
        self.read(ptr, len)
    }

    pub(crate) fn account(&mut self, ptr: u32) -> Result<AccountId, MockError> {
        Ok(self.read(ptr, 32)?.try_into().expect("32 bytes; qed"))
    }

    pub(crate) fn balance(&mut self, ptr: u32) -> Result<u128, MockError> {
        Ok(u128::from_le_bytes(self.read(ptr, 16)?.try_into().expect("16 bytes; qed")))
    }

    pub(crate) fn hash(
        &mut self,
        a: [u32; 6],
        f: impl Fn(&[u8]) -> Vec<u8>,
    ) -> Result<u64, MockError> {
        let data = self.read(a[0], a[1])?;
        self.write(a[2], &f(&data))?;
        Ok(0)
    }

    /// Charges the host call's gas; running out ends the call.
    pub(crate) fn charge(&mut self, costs: HostCosts) -> Result<(), MockError> {
        let cost = costs.base + costs.per_byte * self.moved;
        let left = self.inst.gas_left();
        if cost > left {
            self.inst.set_gas_left(0);
            return Err(MockError::OutOfGas);
        }
        self.inst.set_gas_left(left - cost);
        Ok(())
    }
}
