//! `rivet-executor`: Rivet's RV32EM virtual machine.
//!
//! - [`isa`]: the instruction set, defined once; [`compressed`]: C-extension expansion.
//! - [`blob`]: program blob format v2; [`validate`]: blob bytes → [`Program`].
//! - [`gas`]: the cost table and per-block costs.
//! - [`engine`]: the API engines implement; [`interpreter`]: the reference engine.
//! - [`linker`] (std): RV32E ELF → blob; [`asm`]: a small assembler for tests and tools.
//!
//! - [`recompiler`] (std, x86-64 Linux): the RV32EM → x86-64 recompiler.
//! - [`select`]: [`Module`] over both engines, [`EngineKind`] to choose, [`CrossCheck`].
//!
//! Everything but the linker and the recompiler is `no_std` + `alloc` and free of `unsafe`.
#![cfg_attr(not(feature = "std"), no_std)]
// Only the recompiler (x86-64, std) opts back in, with a reason.
#![deny(unsafe_code)]

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
#[cfg(all(feature = "std", target_arch = "x86_64", target_os = "linux"))]
pub mod recompiler;
pub mod select;
pub mod validate;

pub use blob::BlobParts;
pub use engine::{frame_chain, CallError, Exit, Instance, MemoryAccessError, Outcome, TrapKind};
pub use interpreter::{InterpretedInstance, InterpretedModule};
pub use select::{CrossCheck, EngineKind, Module};
pub use validate::{BlobError, BlobErrorKind, Limits, Program};
