//! Shared test support: the list of engines every engine test runs on.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::sync::Arc;

use rivet_executor::{Instance, InterpretedModule, Program};

/// One engine under test.
pub struct Engine {
    /// Shown in failure messages.
    pub name: &'static str,
    prepare: fn(&Program) -> Box<dyn Instance>,
}

impl Engine {
    /// Prepares the program and instantiates it.
    pub fn instantiate(&self, program: &Program) -> Box<dyn Instance> {
        (self.prepare)(program)
    }
}

/// Every engine: the interpreter (the reference) and, where the host supports it,
/// the recompiler. On x86-64 Linux the recompiler must be available: a host that
/// cannot run it fails the tests instead of silently testing less.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine {
        name: "interpreter",
        prepare: |p| Box::new(Arc::new(InterpretedModule::new(Arc::new(p.clone()))).instantiate()),
    }];
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        use rivet_executor::recompiler::RecompiledModule;
        RecompiledModule::supported().expect("the recompiler runs on this host");
        engines.push(Engine {
            name: "recompiler",
            prepare: |p| {
                let module = Arc::new(RecompiledModule::new(Arc::new(p.clone())).unwrap());
                Box::new(module.instantiate().unwrap())
            },
        });
        // Both in lockstep, comparing registers, pc and memory after every exit.
        engines.push(Engine {
            name: "cross-check",
            prepare: |p| {
                let program = Arc::new(p.clone());
                let a = Box::new(Arc::new(InterpretedModule::new(program.clone())).instantiate());
                let b = Box::new(
                    Arc::new(RecompiledModule::new(program).unwrap()).instantiate().unwrap(),
                );
                Box::new(rivet_executor::CrossCheck::new(p, a, b))
            },
        });
    }
    engines
}
