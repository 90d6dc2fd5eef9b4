//! [`Native`]: the [`Engine`] whose instances live in the client, behind the `rivet_vm`
//! host functions. Each [`Instance`] method is one host call; the instance is destroyed
//! when dropped.

use alloc::boxed::Box;

use rivet_executor::isa::Reg;
use rivet_executor::{CallError, Exit, Instance, Limits, MemoryAccessError};

use crate::host::rivet_vm;
use crate::{decode_exit, Engine, EngineError, EXIT_LEN};

/// The client's engine, through the host functions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Native;

/// The limits as the words the host function takes.
fn limits_bytes(l: &Limits) -> [u8; 24] {
    let words =
        [l.max_code_size, l.max_memory, l.max_stack, l.max_exports, l.max_imports, l.max_name_len];
    let mut out = [0u8; 24];
    for (i, w) in words.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
    }
    out
}

impl Engine for Native {
    fn instantiate(code: &[u8], limits: &Limits) -> Result<Box<dyn Instance>, EngineError> {
        // Validate here too, so an invalid blob gets the same precise error from both
        // engines (the client validates again before compiling).
        rivet_executor::Program::from_bytes(code, limits).map_err(EngineError::Invalid)?;
        match rivet_vm::instantiate(code, &limits_bytes(limits)) {
            handle if handle >= u32::MAX - 1 => Err(EngineError::Refused),
            handle => Ok(Box::new(NativeInstance { handle })),
        }
    }
}

/// The call error a host function's code stands for (see `ext::call_error_code`).
fn call_error(code: u32) -> CallError {
    match code {
        1 => CallError::UnknownExport,
        2 => CallError::TooManyArguments,
        _ => CallError::NotSuspended,
    }
}

/// An instance in the client.
struct NativeInstance {
    handle: u32,
}

impl NativeInstance {
    fn exit(code: u32, out: &[u8; EXIT_LEN]) -> Result<Exit, CallError> {
        if code != 0 {
            return Err(call_error(code));
        }
        Ok(decode_exit(out).expect("the host encodes exits with `encode_exit`; qed"))
    }
}

impl Instance for NativeInstance {
    fn call_with_registers(
        &mut self,
        export: &str,
        regs: [u32; 16],
        gas: u64,
    ) -> Result<Exit, CallError> {
        let mut r = [0u8; 64];
        for (i, v) in regs.iter().enumerate() {
            r[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        let mut out = [0u8; EXIT_LEN];
        let code = rivet_vm::call(self.handle, export, &r, gas, &mut out);
        Self::exit(code, &out)
    }

    fn resume(&mut self) -> Result<Exit, CallError> {
        let mut out = [0u8; EXIT_LEN];
        let code = rivet_vm::resume(self.handle, &mut out);
        Self::exit(code, &out)
    }

    fn reg(&self, reg: Reg) -> u32 {
        rivet_vm::reg(self.handle, reg.index() as u32)
    }

    fn set_reg(&mut self, reg: Reg, value: u32) {
        rivet_vm::set_reg(self.handle, reg.index() as u32, value)
    }

    fn pc(&self) -> u32 {
        rivet_vm::pc(self.handle)
    }

    fn gas_left(&self) -> u64 {
        rivet_vm::gas_left(self.handle)
    }

    fn set_gas_left(&mut self, gas: u64) {
        rivet_vm::set_gas_left(self.handle, gas)
    }

    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        match rivet_vm::read_memory(self.handle, addr, buf) {
            0 => Ok(()),
            _ => Err(MemoryAccessError { addr, len: buf.len() as u32 }),
        }
    }

    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        match rivet_vm::write_memory(self.handle, addr, data) {
            0 => Ok(()),
            _ => Err(MemoryAccessError { addr, len: data.len() as u32 }),
        }
    }

    fn reset_memory(&mut self) {
        rivet_vm::reset_memory(self.handle)
    }
}

impl Drop for NativeInstance {
    fn drop(&mut self) {
        rivet_vm::destroy(self.handle)
    }
}
