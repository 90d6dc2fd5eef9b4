//! The `rivet_vm` host functions. A shipped signature is never edited: a changed
//! function gets `#[version(2)]` and the old one stays (runtimes built before it call
//! the old one). `instantiate` (the code on every call) and `resume` version 1 (without
//! the host call's changes) are the old call path; `prepare`/`prepare_code`, `call` with
//! an exit buffer longer than the record, and `resume` version 2 are [`crate::Native`]'s.
//!
//! Each function takes an instance handle from `instantiate`; the client's state is the
//! [`crate::ext::RivetVmExt`] extension, which the node (or a test) registers. A runtime
//! call run by a tool that registers none (`benchmark pallet`, try-runtime) gets the
//! process's default VM ([`crate::ext::set_default`]) at its first `rivet_vm` call.
//! Results cross as plain integers, or are written into runtime buffers (exits as the
//! fixed 40-byte record of [`crate::encode_exit`]): no allocation in the runtime.

use sp_runtime_interface::pass_by::{PassFatPointerAndRead, PassFatPointerAndReadWrite};
use sp_runtime_interface::runtime_interface;

#[cfg(not(substrate_runtime))]
use crate::ext::{reg as register, RivetVmExt};
#[cfg(not(substrate_runtime))]
use crate::limits_from_words;

#[cfg(not(substrate_runtime))]
use sp_externalities::ExternalitiesExt;

#[cfg(not(substrate_runtime))]
fn vm<'a>(ext: &'a mut &mut dyn sp_externalities::Externalities) -> &'a mut RivetVmExt {
    if ext.extension::<RivetVmExt>().is_none() {
        ext.register_extension(crate::ext::default_vm())
            .expect("a runtime call's externalities take extensions; qed");
    }
    let vm = ext.extension::<RivetVmExt>().expect("registered above; qed");
    vm.crossed();
    vm
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
        match crate::words(limits) {
            Some(limits) => vm(self).instantiate(code, &limits_from_words(limits)),
            None => crate::ext::REFUSED,
        }
    }

    /// Instantiates the module the client keeps for `code_hash` (32 bytes) under
    /// `limits` (as for `instantiate`), writing the program's memory layout into
    /// `layout` (20 bytes: ro base and size, rw base and size, stack size); a handle, or
    /// `u32::MAX - 2` (no module: call `prepare_code`) / `u32::MAX - 1` (refused).
    fn prepare(
        &mut self,
        code_hash: PassFatPointerAndRead<&[u8]>,
        limits: PassFatPointerAndRead<&[u8]>,
        layout: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        vm(self).prepare_from(code_hash, None, limits, layout)
    }

    /// As `prepare`, with the code (whose BLAKE2-256 must be `code_hash`), compiled now
    /// if the client has no module for it; `u32::MAX` for code that does not validate.
    fn prepare_code(
        &mut self,
        code_hash: PassFatPointerAndRead<&[u8]>,
        code: PassFatPointerAndRead<&[u8]>,
        limits: PassFatPointerAndRead<&[u8]>,
        layout: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        vm(self).prepare_from(code_hash, Some(code), limits, layout)
    }

    /// Calls `export` with all sixteen registers (64 bytes, little-endian) and `gas`;
    /// writes the exit into `exit` and returns 0, or a call-error code. `exit` holds at
    /// least the 40-byte exit record; what room it has beyond that carries the guest
    /// memory a host call reads (`crate::update`; runtimes built before `prepare` pass
    /// exactly 40 bytes and get the record alone).
    fn call(
        &mut self,
        handle: u32,
        export: PassFatPointerAndRead<&str>,
        regs: PassFatPointerAndRead<&[u8]>,
        gas: u64,
        exit: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        vm(self).call(handle, export, regs, gas, exit)
    }

    /// Resumes after a host call; the exit as for `call`.
    fn resume(&mut self, handle: u32, exit: PassFatPointerAndReadWrite<&mut [u8]>) -> u32 {
        if exit.len() != crate::EXIT_LEN {
            return 3;
        }
        vm(self).resume(handle, None, exit)
    }

    /// Resumes after a host call, first applying what the host did while serving it
    /// (`update`, as `crate::update` encodes it: gas, registers, memory writes). The
    /// exit as for `call` version 2; or 4 if the update is malformed or writes outside
    /// the writable memory.
    #[version(2)]
    fn resume(
        &mut self,
        handle: u32,
        update: PassFatPointerAndRead<&[u8]>,
        exit: PassFatPointerAndReadWrite<&mut [u8]>,
    ) -> u32 {
        vm(self).resume(handle, Some(update), exit)
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
