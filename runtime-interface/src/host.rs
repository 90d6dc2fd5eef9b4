//! The `rivet_vm` host functions (version 1). A shipped signature is never edited: a
//! changed function gets `#[version(2)]` and the old one stays.
//!
//! Each function takes an instance handle from `instantiate`; the client's state is the
//! [`crate::ext::RivetVmExt`] extension, which the node (or a test) must register.
//! Results cross as plain integers, or are written into runtime buffers (exits as the
//! fixed 40-byte record of [`crate::encode_exit`]): no allocation in the runtime.

use sp_runtime_interface::pass_by::{PassFatPointerAndRead, PassFatPointerAndReadWrite};
use sp_runtime_interface::runtime_interface;

#[cfg(not(substrate_runtime))]
use crate::ext::{exit_or_code, limits_from_words, reg as register, RivetVmExt};

#[cfg(not(substrate_runtime))]
use sp_externalities::ExternalitiesExt;

#[cfg(not(substrate_runtime))]
fn vm<'a>(ext: &'a mut &mut dyn sp_externalities::Externalities) -> &'a mut RivetVmExt {
    ext.extension::<RivetVmExt>()
        .expect("rivet_vm host functions need the RivetVmExt extension registered; qed")
}

/// Reads a little-endian `u32` at word `i` of `b`.
#[cfg(not(substrate_runtime))]
fn word(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

/// Rivet's VM in the client.
#[runtime_interface]
pub trait RivetVm {
    /// Instantiates `code` under `limits` (six little-endian `u32`: code size, memory,
    /// stack, exports, imports, name length); a handle, or `u32::MAX` (invalid code) /
    /// `u32::MAX - 1` (refused).
    fn instantiate(
        &mut self,
        code: PassFatPointerAndRead<&[u8]>,
        limits: PassFatPointerAndRead<&[u8]>,
    ) -> u32 {
        if limits.len() != 24 {
            return crate::ext::REFUSED;
        }
        let limits = limits_from_words(core::array::from_fn(|i| word(limits, i)));
        vm(self).instantiate(code, &limits)
    }

    /// Calls `export` with all sixteen registers (64 bytes, little-endian) and `gas`;
    /// writes the exit into `exit` (40 bytes) and returns 0, or a call-error code.
    fn call(
        &mut self,
        handle: u32,
        export: PassFatPointerAndRead<&str>,
        regs: PassFatPointerAndRead<&[u8]>,
        gas: u64,
        exit: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        let (Ok(out), 64) = (<&mut [u8; crate::EXIT_LEN]>::try_from(exit), regs.len()) else {
            return 2;
        };
        let regs: [u32; 16] = core::array::from_fn(|i| word(regs, i));
        exit_or_code(vm(self).instance(handle).call_with_registers(export, regs, gas), out)
    }

    /// Resumes after a host call; the exit as for `call`.
    fn resume(&mut self, handle: u32, exit: PassFatPointerAndReadWrite<&mut [u8]>) -> u32 {
        let Ok(out) = <&mut [u8; crate::EXIT_LEN]>::try_from(exit) else { return 3 };
        exit_or_code(vm(self).instance(handle).resume(), out)
    }

    /// A register.
    fn reg(&mut self, handle: u32, number: u32) -> u32 {
        vm(self).instance(handle).reg(register(number))
    }

    /// Sets a register.
    fn set_reg(&mut self, handle: u32, number: u32, value: u32) {
        vm(self).instance(handle).set_reg(register(number), value)
    }

    /// The pc of the last exit.
    fn pc(&mut self, handle: u32) -> u32 {
        vm(self).instance(handle).pc()
    }

    /// Gas left.
    fn gas_left(&mut self, handle: u32) -> u64 {
        vm(self).instance(handle).gas_left()
    }

    /// Sets the gas left.
    fn set_gas_left(&mut self, handle: u32, gas: u64) {
        vm(self).instance(handle).set_gas_left(gas)
    }

    /// Reads guest memory into `out`; 0, or 1 if any byte is unmapped.
    fn read_memory(
        &mut self,
        handle: u32,
        addr: u32,
        out: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        vm(self).instance(handle).read_memory(addr, out).map_or(1, |()| 0)
    }

    /// Writes guest memory; 0, or 1 if any byte is unmapped or read-only.
    fn write_memory(&mut self, handle: u32, addr: u32, data: PassFatPointerAndRead<&[u8]>) -> u32 {
        vm(self).instance(handle).write_memory(addr, data).map_or(1, |()| 0)
    }

    /// Restores the instance's memory to the program's initial image.
    fn reset_memory(&mut self, handle: u32) {
        vm(self).instance(handle).reset_memory()
    }

    /// Frees the instance.
    fn destroy(&mut self, handle: u32) {
        vm(self).destroy(handle)
    }
}
