//! Engine selection: one [`Module`] type over both engines, so embedders choose by
//! configuration ([`EngineKind`]) and fall back to the interpreter where the
//! recompiler has no backend (not x86-64 Linux) or its sandbox cannot be set up.
//! Also [`CrossCheck`], an instance that runs both engines and compares every exit.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;

use crate::engine::{CallError, Exit, Instance, MemoryAccessError};
use crate::interpreter::InterpretedModule;
use crate::isa::Reg;
use crate::validate::Program;

/// Which engine to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EngineKind {
    /// The recompiler where it is available, else the interpreter.
    #[default]
    Auto,
    /// Always the interpreter.
    Interpreter,
    /// Always the recompiler; an error where it is unavailable.
    Recompiler,
}

impl core::str::FromStr for EngineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(EngineKind::Auto),
            "interpreter" => Ok(EngineKind::Interpreter),
            "recompiler" => Ok(EngineKind::Recompiler),
            _ => Err(format!("unknown engine `{s}` (auto, interpreter, recompiler)")),
        }
    }
}

/// A prepared program on one engine (cheap to clone: the compiled code is shared).
#[derive(Clone)]
pub enum Module {
    /// On the interpreter.
    Interpreted(Arc<InterpretedModule>),
    /// On the recompiler.
    #[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
    Recompiled(Arc<crate::recompiler::RecompiledModule>),
}

/// The recompiler was asked for but cannot run here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl core::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Module {
    /// Prepares `program` on the engine `kind` selects.
    ///
    /// # Errors
    /// Only for [`EngineKind::Recompiler`] where the recompiler is unavailable.
    pub fn new(program: Arc<Program>, kind: EngineKind) -> Result<Module, Unavailable> {
        #[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
        if kind != EngineKind::Interpreter {
            match crate::recompiler::RecompiledModule::new(program.clone()) {
                Ok(m) => return Ok(Module::Recompiled(Arc::new(m))),
                Err(e) if kind == EngineKind::Recompiler => {
                    return Err(Unavailable(format!("{e}")))
                }
                Err(_) => {}
            }
        }
        #[cfg(not(all(feature = "std", target_arch = "x86_64", target_os = "linux")))]
        if kind == EngineKind::Recompiler {
            return Err(Unavailable("the recompiler has no backend for this host".into()));
        }
        Ok(Module::Interpreted(Arc::new(InterpretedModule::new(program))))
    }

    /// Which engine this module runs on.
    pub fn kind(&self) -> EngineKind {
        match self {
            Module::Interpreted(_) => EngineKind::Interpreter,
            #[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
            Module::Recompiled(_) => EngineKind::Recompiler,
        }
    }

    /// The validated program.
    pub fn program(&self) -> &Arc<Program> {
        match self {
            Module::Interpreted(m) => m.program(),
            #[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
            Module::Recompiled(m) => m.program(),
        }
    }

    /// A fresh instance.
    ///
    /// # Errors
    /// If the recompiler cannot map the instance's memory.
    pub fn instantiate(&self) -> Result<Box<dyn Instance + Send>, Unavailable> {
        match self {
            Module::Interpreted(m) => Ok(Box::new(m.instantiate())),
            #[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
            Module::Recompiled(m) => {
                m.instantiate().map(|i| Box::new(i) as _).map_err(|e| Unavailable(format!("{e}")))
            }
        }
    }
}

/// Runs two instances in lockstep and panics on the first difference in an exit,
/// the registers, or the memory of the program's regions. For tests and fuzzing.
pub struct CrossCheck {
    a: Box<dyn Instance>,
    b: Box<dyn Instance>,
    /// Regions to compare after each exit: (start, length).
    regions: alloc::vec::Vec<(u32, usize)>,
}

impl CrossCheck {
    /// Compares `a` (the reference) against `b`, both instances of `program`.
    pub fn new(program: &Program, a: Box<dyn Instance>, b: Box<dyn Instance>) -> CrossCheck {
        let l = program.layout();
        let stack = crate::validate::mapped_size(l.stack_size) as u32;
        let regions = alloc::vec![
            (l.ro_base, crate::validate::mapped_size(l.ro_size) as usize),
            (l.rw_base, crate::validate::mapped_size(l.rw_size) as usize),
            (crate::blob::STACK_TOP - stack, stack as usize),
        ];
        CrossCheck { a, b, regions }
    }

    fn compare(
        &self,
        ea: Result<Exit, CallError>,
        eb: Result<Exit, CallError>,
    ) -> Result<Exit, CallError> {
        assert_eq!(ea, eb, "engines disagree on the exit");
        ea?;
        for i in 0..16 {
            let r = Reg::new(i).expect("0..16 are registers; qed");
            assert_eq!(self.a.reg(r), self.b.reg(r), "engines disagree on {r}");
        }
        assert_eq!(self.a.pc(), self.b.pc(), "engines disagree on the pc");
        for &(start, len) in &self.regions {
            let (mut x, mut y) = (alloc::vec![0; len], alloc::vec![0; len]);
            assert_eq!(
                self.a.read_memory(start, &mut x).is_ok(),
                self.b.read_memory(start, &mut y).is_ok()
            );
            assert!(x == y, "engines disagree on memory at {start:#x}");
        }
        ea
    }
}

impl Instance for CrossCheck {
    fn call_with_registers(
        &mut self,
        export: &str,
        regs: [u32; 16],
        gas: u64,
    ) -> Result<Exit, CallError> {
        let ea = self.a.call_with_registers(export, regs, gas);
        let eb = self.b.call_with_registers(export, regs, gas);
        self.compare(ea, eb)
    }
    fn resume(&mut self) -> Result<Exit, CallError> {
        let (ea, eb) = (self.a.resume(), self.b.resume());
        self.compare(ea, eb)
    }
    fn reg(&self, reg: Reg) -> u32 {
        self.a.reg(reg)
    }
    fn set_reg(&mut self, reg: Reg, value: u32) {
        self.a.set_reg(reg, value);
        self.b.set_reg(reg, value);
    }
    fn pc(&self) -> u32 {
        self.a.pc()
    }
    fn gas_left(&self) -> u64 {
        self.a.gas_left()
    }
    fn set_gas_left(&mut self, gas: u64) {
        self.a.set_gas_left(gas);
        self.b.set_gas_left(gas);
    }
    fn read_memory(&self, addr: u32, buf: &mut [u8]) -> Result<(), MemoryAccessError> {
        self.a.read_memory(addr, buf)
    }
    fn write_memory(&mut self, addr: u32, data: &[u8]) -> Result<(), MemoryAccessError> {
        let ra = self.a.write_memory(addr, data);
        assert_eq!(ra, self.b.write_memory(addr, data), "engines disagree on a host write");
        ra
    }
    fn reset_memory(&mut self) {
        self.a.reset_memory();
        self.b.reset_memory();
    }
}
