//! The x86-64 recompiler: one linear pass from a validated program to native code that
//! keeps every guest register in a host register and charges gas per basic block,
//! giving exactly the interpreter's outcomes and gas (checked by the same tests).
//!
//! - [`x64`]: an instruction encoder that knows nothing about the VM.
//! - [`abi`]: where guest registers live, the context's layout, exit reasons.
//! - [`compile`]: the translation pass: blocks, gas stubs, jumps and their patches.
//! - [`lower`]: each instruction's x86-64, as the instruction table's visitor.
//! - [`stubs`]: the shared code: entry, exits, the indirect-jump stub and the
//!   multiply-high, division and remainder helpers.
//! - [`sandbox`]: code memory, guest windows, `gs`, and the fault handler.
//!
//! This module and `sandbox` are the only `unsafe` code of the executor.
#![allow(unsafe_code, reason = "running generated code needs it; every block says why it is sound")]

mod abi;
mod compile;
mod lower;
mod sandbox;
mod stubs;
mod x64;

use alloc::sync::Arc;

pub use sandbox::SandboxError;

use crate::blob::{MemoryLayout, STACK_TOP};
use crate::engine::{CallError, Exit, Instance, MemoryAccessError, Outcome, TrapKind};
use crate::isa::Reg;
use crate::validate::Program;
use abi::ExitReason;
use sandbox::{round, ActiveCall, CodeMemory, Window};

/// A program compiled to x86-64. Instantiate it many times; it is never recompiled.
pub struct RecompiledModule {
    program: Arc<Program>,
    code: CodeMemory,
    entry: usize,
    exit_common: usize,
    block_entry: Vec<u32>,
    memory_sites: Vec<(u32, u32)>,
    out_of_gas_sites: Vec<(u32, u32)>,
    block_costs: Vec<u32>,
    /// Indirect-jump table: native address per 2-byte code slot (0: invalid), plus
    /// one last entry for the return-to-host address. The code embeds its address.
    _table: Box<[u64]>,
    /// Windows of dropped instances, mapped for this program's layout, for the next
    /// instances to reuse: mapping and unmapping a window costs page faults and, in a
    /// multi-threaded process, TLB shoot-downs on every core.
    spare: std::sync::Mutex<Vec<Window>>,
}

/// Most spare windows a module keeps.
const SPARE_WINDOWS: usize = 4;

impl core::fmt::Debug for RecompiledModule {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RecompiledModule({} bytes of code)", self.code.len())
    }
}

std::thread_local! {
    /// The buffer the last compilation on this thread wrote its code into, kept for the
    /// next: its pages are mapped already, and faulting a megabyte of fresh pages in
    /// cost about as much as compiling into them (`cargo bench -p rivet-benches --bench
    /// engines -- compile`).
    static CODE_BUFFER: core::cell::Cell<Vec<u8>> = const { core::cell::Cell::new(Vec::new()) };
}

/// The largest code buffer kept between compilations: enough for any program within
/// the default limits; a larger one is freed.
const KEPT_CODE_BUFFER: usize = 64 << 20;

impl RecompiledModule {
    /// Whether this host can run the recompiler.
    ///
    /// # Errors
    /// Why not (CPU features, kernel support, signal handler).
    pub fn supported() -> Result<(), SandboxError> {
        sandbox::supported()
    }

    /// Compiles a validated program.
    ///
    /// # Errors
    /// If the host cannot run recompiled code or memory cannot be mapped.
    pub fn new(program: Arc<Program>) -> Result<RecompiledModule, SandboxError> {
        Self::with_metering(program, true)
    }

    /// Compiles with or without gas metering. Unmetered code is for measuring what
    /// metering costs; never run untrusted programs without it.
    ///
    /// # Errors
    /// If the host cannot run recompiled code or memory cannot be mapped.
    pub fn with_metering(
        program: Arc<Program>,
        metered: bool,
    ) -> Result<RecompiledModule, SandboxError> {
        sandbox::supported()?;
        let compiled = compile::compile(&program, metered, CODE_BUFFER.take());
        let base = program.parts().code_base;
        let slots = ((program.code_end() - base) / 2) as usize;
        let mut table = vec![0u64; slots + 1].into_boxed_slice();
        let table_addr = table.as_ptr() as u64;
        let fixups = &compiled.table_address_fixups;
        let code = CodeMemory::new(&compiled.code, |buf, _| {
            for &at in fixups {
                buf[at..at + 8].copy_from_slice(&table_addr.to_le_bytes());
            }
        })?;
        let abs = |off: u32| code.base() as u64 + off as u64;
        for (i, &addr) in program.addresses().iter().enumerate() {
            if program.is_indirect_target(i) {
                table[((addr - base) / 2) as usize] = abs(compiled.block_entry[i]);
            }
        }
        table[slots] = abs(compiled.exit_finished as u32);
        if compiled.code.capacity() <= KEPT_CODE_BUFFER {
            CODE_BUFFER.set(compiled.code);
        }
        Ok(RecompiledModule {
            entry: code.base() + compiled.entry,
            exit_common: code.base() + compiled.exit_common,
            block_entry: compiled.block_entry,
            memory_sites: compiled.memory_sites,
            out_of_gas_sites: compiled.out_of_gas_sites,
            block_costs: compiled.block_costs,
            code,
            program,
            _table: table,
            spare: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// The validated program.
    pub fn program(&self) -> &Arc<Program> {
        &self.program
    }

    /// Size of the generated machine code.
    pub fn code_size(&self) -> usize {
        self.code.len()
    }

    /// A fresh instance with the program's initial memory.
    ///
    /// # Errors
    /// If the guest window cannot be reserved or mapped.
    pub fn instantiate(self: &Arc<Self>) -> Result<RecompiledInstance, SandboxError> {
        let spare = self.spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let reused = spare.is_some();
        let window = match spare {
            Some(w) => w,
            None => Window::new()?,
        };
        let mut instance = RecompiledInstance {
            module: self.clone(),
            window: core::mem::ManuallyDrop::new(window),
            resume_at: None,
            pc: 0,
        };
        if reused {
            instance.refill_memory();
        } else {
            instance.map_memory()?;
        }
        Ok(instance)
    }
}

/// An instance of a [`RecompiledModule`]. Its window goes back to the module when it is
/// dropped.
pub struct RecompiledInstance {
    module: Arc<RecompiledModule>,
    window: core::mem::ManuallyDrop<Window>,
    /// Instruction index to resume at after a host call.
    resume_at: Option<usize>,
    pc: u32,
}

impl Drop for RecompiledInstance {
    fn drop(&mut self) {
        // SAFETY: the window is taken once, here, and not used afterwards.
        let window = unsafe { core::mem::ManuallyDrop::take(&mut self.window) };
        let mut spare = self.module.spare.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < SPARE_WINDOWS {
            spare.push(window);
        }
    }
}

impl core::fmt::Debug for RecompiledInstance {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RecompiledInstance(pc {:#x})", self.pc)
    }
}

/// Access rights needed for a host memory access.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

impl RecompiledInstance {
    fn layout(&self) -> &MemoryLayout {
        self.module.program.layout()
    }

    fn map_memory(&mut self) -> Result<(), SandboxError> {
        let p = self.module.program.clone();
        let l = *p.layout();
        let stack_len = round(l.stack_size);
        self.window.map_region(l.ro_base, round(l.ro_size), &p.parts().ro_data, false)?;
        self.window.map_region(l.rw_base, round(l.rw_size), &p.parts().rw_data, true)?;
        self.window.map_region((STACK_TOP as u64 - stack_len) as u32, stack_len, &[], true)
    }

    /// A reused window's memory as a fresh one has it: the read-only region was never
    /// writable and stays; the writable ones get their initial image again, and the
    /// context is cleared.
    fn refill_memory(&mut self) {
        let p = self.module.program.clone();
        let l = *p.layout();
        let stack_len = round(l.stack_size);
        self.window.refill_region(l.rw_base, round(l.rw_size), &p.parts().rw_data);
        self.window.refill_region((STACK_TOP as u64 - stack_len) as u32, stack_len, &[]);
        self.window.clear_context();
    }

    fn context(&mut self) -> &mut abi::Context {
        // SAFETY: the context page is mapped read-write for the window's lifetime and
        // only this instance (on this thread) uses it.
        unsafe { &mut *self.window.context() }
    }

    /// Checks that `[addr, addr + len)` lies in one region with the needed rights.
    fn check(&self, addr: u32, len: usize, access: Access) -> Result<(), MemoryAccessError> {
        let ok = match access {
            Access::Read => self.layout().is_readable(addr, len),
            Access::Write => self.layout().is_writable(addr, len),
        };
        ok.then_some(()).ok_or(MemoryAccessError { addr, len: len as u32 })
    }

    fn run_from(&mut self, index: usize) -> Exit {
        let target = self.module.code.base() + self.module.block_entry[index] as usize;
        let active = ActiveCall {
            code: (self.module.code.base(), self.module.code.len()),
            sites: &self.module.memory_sites[..] as *const [(u32, u32)],
            program: &*self.module.program as *const Program,
            exit_common: self.module.exit_common,
            context: self.window.context(),
        };
        // SAFETY: `entry` and `target` belong to this module; `active` describes it and
        // this instance's window, which stays mapped for the call.
        unsafe { sandbox::run(self.module.entry, target, self.window.guest_base(), &active) };
        self.exit()
    }

    fn exit(&mut self) -> Exit {
        let module = self.module.clone();
        let ctx = self.context();
        if ctx.reason == ExitReason::OutOfGas as u64 {
            // `arg` is the return address of the block's out-of-gas stub; the block's
            // cost was subtracted and is given back (the block did not run).
            let site = (ctx.arg - module.code.base() as u64) as u32;
            let i = module
                .out_of_gas_sites
                .binary_search_by_key(&site, |s| s.0)
                .expect("out-of-gas exits come from a recorded stub; qed");
            let index = module.out_of_gas_sites[i].1 as usize;
            ctx.gas = ctx.gas.wrapping_add(module.block_costs[index] as u64);
            ctx.pc = module.program.addresses()[index] as u64;
        }
        let (reason, pc, arg, gas) = (ctx.reason, ctx.pc as u32, ctx.arg as u32, ctx.gas);
        let regs = ctx.regs;
        self.pc = pc;
        self.resume_at = None;
        let trap = |kind| Outcome::Trap { kind, pc };
        let outcome = match reason {
            r if r == ExitReason::Finished as u64 => {
                Outcome::Finished { a0: regs[10] as u32, a1: regs[11] as u32 }
            }
            r if r == ExitReason::HostCall as u64 => {
                let index =
                    self.module.program.index_of(pc).expect("an ECALL's pc is an instruction; qed");
                self.resume_at = Some(index + 1);
                let a = |i: usize| regs[10 + i] as u32;
                Outcome::HostCall {
                    number: regs[5] as u32,
                    args: [a(0), a(1), a(2), a(3), a(4), a(5)],
                }
            }
            r if r == ExitReason::OutOfGas as u64 => Outcome::OutOfGas,
            r if r == ExitReason::Unimp as u64 => trap(TrapKind::Unimp),
            r if r == ExitReason::Ebreak as u64 => trap(TrapKind::Ebreak),
            r if r == ExitReason::Memory as u64 => {
                trap(TrapKind::InvalidMemoryAccess { addr: arg })
            }
            _ => trap(TrapKind::InvalidJump { target: arg }),
        };
        Exit { outcome, gas_left: gas }
    }
}

impl Instance for RecompiledInstance {
    fn call_with_registers(
        &mut self,
        export: &str,
        regs: [u32; 16],
        gas: u64,
    ) -> Result<Exit, CallError> {
        let program = &self.module.program;
        let addr = program.export(export).ok_or(CallError::UnknownExport)?;
        let index = program.index_of(addr).expect("validated: exports are instructions; qed");
        let ctx = self.context();
        ctx.regs = [0; 16];
        for (slot, &value) in ctx.regs.iter_mut().zip(&regs).skip(1) {
            *slot = value as u64;
        }
        ctx.gas = gas;
        Ok(self.run_from(index))
    }

    fn resume(&mut self) -> Result<Exit, CallError> {
        let index = self.resume_at.take().ok_or(CallError::NotSuspended)?;
        Ok(self.run_from(index))
    }

    fn reg(&self, reg: Reg) -> u32 {
        // SAFETY: see `context`; a shared read.
        unsafe { (*self.window.context()).regs[reg.index()] as u32 }
    }

    fn set_reg(&mut self, reg: Reg, value: u32) {
        if reg != Reg::ZERO {
            self.context().regs[reg.index()] = value as u64;
        }
    }

    fn pc(&self) -> u32 {
        self.pc
    }

    fn gas_left(&self) -> u64 {
        // SAFETY: see `context`; a shared read.
        unsafe { (*self.window.context()).gas }
    }

    fn set_gas_left(&mut self, gas: u64) {
        self.context().gas = gas;
    }

    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        self.check(addr, buf.len(), Access::Read)?;
        self.window.read(addr, buf);
        Ok(())
    }

    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        self.check(addr, data.len(), Access::Write)?;
        self.window.write(addr, data);
        Ok(())
    }

    fn reset_memory(&mut self) {
        self.map_memory().expect("remapping regions that were mapped before succeeds; qed");
    }
}
