//! Shared test support: the list of engines every engine test runs on.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::sync::Arc;

use rivet_executor::{InterpretedModule, Instance, Program};

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

/// Every engine: the interpreter (reference) now, the recompiler when it exists.
pub fn engines() -> Vec<Engine> {
    vec![Engine {
        name: "interpreter",
        prepare: |p| Box::new(Arc::new(InterpretedModule::new(Arc::new(p.clone()))).instantiate()),
    }]
}
