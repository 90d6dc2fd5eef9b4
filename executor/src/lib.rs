//! `rivet-executor`: Rivet's RV32EM virtual machine.
//!
//! - [`isa`]: the instruction set, defined once; [`compressed`]: C-extension expansion.
//! - [`blob`]: program blob format v1; [`validate`]: blob bytes → [`Program`].
//! - [`gas`]: the cost table and per-block costs.
//! - [`engine`]: the API engines implement; [`interpreter`]: the reference engine.
//! - [`linker`] (std): RV32E ELF → blob; [`asm`]: a small assembler for tests and tools.
//!
//! Everything but the linker is `no_std` + `alloc` and free of `unsafe`.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod asm;
pub mod blob;
pub mod compressed;
pub mod engine;
pub mod gas;
pub mod interpreter;
pub mod isa;
#[cfg(feature = "std")]
pub mod linker;
mod memory;
pub mod validate;

pub use blob::BlobParts;
pub use engine::{CallError, Exit, Instance, MemoryAccessError, Outcome, TrapKind};
pub use interpreter::{InterpretedInstance, InterpretedModule};
pub use validate::{BlobError, BlobErrorKind, Limits, Program};
