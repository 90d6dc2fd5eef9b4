//! [`Native`]: the [`Engine`] whose instances live in the client, behind the `rivet_vm`
//! host functions.
//!
//! An instance is prepared by code hash: the client keeps compiled modules by (code
//! hash, limits), and the code crosses only when the client has no module for it. The
//! runtime does not validate code on a call (upload did; the client validates what it
//! compiles).
//!
//! While the guest is suspended in a host call, the runtime keeps the instance's gas,
//! the registers the host sets and the memory it writes (checked against the program's
//! layout, which the client reports at preparation), and hands them over with the
//! resumption; the client sends the guest memory the host call reads with its exit.
//! Serving a host call crosses once, to resume (plus once per read the host-function
//! table does not locate: the buffers behind `call`'s and `instantiate`'s argument
//! structs, or more than fits the exit buffer). The instance is destroyed when dropped.

use alloc::boxed::Box;

use rivet_executor::blob::MemoryLayout;
use rivet_executor::isa::Reg;
use rivet_executor::{CallError, Exit, Instance, Limits, MemoryAccessError, Outcome};

use crate::host::rivet_vm;
use crate::update::{decode_layout, Reads, Update, EXIT_BUFFER_LEN, LAYOUT_LEN};
use crate::{
    decode_exit, limits_words, Code, Engine, EngineError, EXIT_LEN, INVALID_CODE, NEED_CODE,
};

/// The client's engine, through the host functions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Native;

/// The limits as the words the host function takes.
fn limits_bytes(l: &Limits) -> [u8; 24] {
    let mut out = [0u8; 24];
    crate::put_words(&mut out, &limits_words(l));
    out
}

impl Engine for Native {
    type Programs = ();

    fn instantiate(
        (): &mut (),
        code: Code<'_>,
        limits: &Limits,
    ) -> Result<Box<dyn Instance>, EngineError> {
        let hash = code.hash();
        let words = limits_bytes(limits);
        let mut layout = [0u8; LAYOUT_LEN];
        let mut handle = rivet_vm::prepare(&hash, &words, &mut layout);
        if handle == NEED_CODE {
            let bytes = code.bytes()?;
            handle = rivet_vm::prepare_code(&hash, &bytes, &words, &mut layout);
            if handle == INVALID_CODE {
                // Only code that no longer validates (limits lowered since its upload)
                // gets here: the validator's precise error, as the interpreter gives it.
                let e = rivet_executor::Program::from_bytes(&bytes, limits).err();
                return Err(e.map_or(EngineError::Refused, EngineError::Invalid));
            }
        }
        if handle >= NEED_CODE {
            return Err(EngineError::Refused);
        }
        let layout = decode_layout(&layout);
        Ok(Box::new(NativeInstance { handle, layout, gas: None, suspended: None }))
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
    layout: MemoryLayout,
    /// The gas left as of the last exit (`None`: not known here yet).
    gas: Option<u64>,
    /// While suspended in a host call: its arguments (a0–a5 as they are), the memory
    /// the client sent with the exit, and what the host has done to the instance since.
    suspended: Option<Suspended>,
}

/// A host call being served.
struct Suspended {
    args: [u32; 6],
    reads: Reads,
    update: Update,
}

impl NativeInstance {
    /// Records an exit the client reported.
    fn exited(&mut self, code: u32, out: &[u8; EXIT_BUFFER_LEN]) -> Result<Exit, CallError> {
        self.suspended = None;
        if code != 0 {
            return Err(call_error(code));
        }
        let record = out.first_chunk::<EXIT_LEN>().expect("the buffer is longer; qed");
        let exit = decode_exit(record).expect("the host encodes exits with `encode_exit`; qed");
        self.gas = Some(exit.gas_left);
        if let Outcome::HostCall { args, .. } = exit.outcome {
            let reads = Reads::decode(out);
            self.suspended = Some(Suspended { args, reads, update: Update::new(exit.gas_left) });
        }
        Ok(exit)
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
        crate::put_words(&mut r, &regs);
        let mut out = [0u8; EXIT_BUFFER_LEN];
        let code = rivet_vm::call(self.handle, export, &r, gas, &mut out);
        self.exited(code, &out)
    }

    fn resume(&mut self) -> Result<Exit, CallError> {
        let Some(Suspended { update, .. }) = self.suspended.take() else {
            return Err(CallError::NotSuspended);
        };
        let mut out = [0u8; EXIT_BUFFER_LEN];
        let code = rivet_vm::resume(self.handle, &update.encode(), &mut out);
        self.exited(code, &out)
    }

    fn reg(&self, reg: Reg) -> u32 {
        if let Some(s) = &self.suspended {
            if let Some(v) = s.update.reg(reg) {
                return v;
            }
            if let Some(i) = Reg::ARGS.iter().position(|&r| r == reg) {
                return s.args[i];
            }
        }
        rivet_vm::reg(self.handle, reg.index() as u32)
    }

    fn set_reg(&mut self, reg: Reg, value: u32) {
        match &mut self.suspended {
            Some(s) => s.update.set_reg(reg, value),
            None => rivet_vm::set_reg(self.handle, reg.index() as u32, value),
        }
    }

    fn pc(&self) -> u32 {
        rivet_vm::pc(self.handle)
    }

    fn gas_left(&self) -> u64 {
        match (&self.suspended, self.gas) {
            (Some(s), _) => s.update.gas,
            (None, Some(gas)) => gas,
            (None, None) => rivet_vm::gas_left(self.handle),
        }
    }

    fn set_gas_left(&mut self, gas: u64) {
        match &mut self.suspended {
            Some(s) => s.update.gas = gas,
            None => {
                rivet_vm::set_gas_left(self.handle, gas);
                self.gas = Some(gas);
            }
        }
    }

    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        let error = MemoryAccessError { addr, len: buf.len() as u32 };
        if !self.layout.is_readable(addr, buf.len()) {
            return Err(error);
        }
        match &self.suspended {
            Some(s) => {
                if !s.reads.read(addr, buf) && rivet_vm::read_memory(self.handle, addr, buf) != 0 {
                    return Err(error);
                }
                s.update.overlay(addr, buf);
            }
            None => {
                if rivet_vm::read_memory(self.handle, addr, buf) != 0 {
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        if !self.layout.is_writable(addr, data.len()) {
            return Err(MemoryAccessError { addr, len: data.len() as u32 });
        }
        match &mut self.suspended {
            Some(s) => s.update.write(addr, data),
            None => {
                if rivet_vm::write_memory(self.handle, addr, data) != 0 {
                    return Err(MemoryAccessError { addr, len: data.len() as u32 });
                }
            }
        }
        Ok(())
    }

    fn reset_memory(&mut self) {
        if let Some(s) = &mut self.suspended {
            // The image replaces whatever the host wrote or the client sent; registers
            // and gas stay.
            s.update.discard_writes();
            s.reads = Reads::default();
        }
        rivet_vm::reset_memory(self.handle)
    }
}

impl Drop for NativeInstance {
    fn drop(&mut self) {
        rivet_vm::destroy(self.handle)
    }
}
