//! Rivet's VM for the runtime: the [`Engine`] trait the pallet runs contracts through,
//! with two implementations that give the same results and gas — [`Interpreted`] (the
//! executor's interpreter compiled into the runtime) and [`Native`] (the `rivet_vm`
//! host functions, which run the client's recompiler, or its interpreter where there is
//! no recompiler backend).
//!
//! The host functions keep their state — compiled modules (cached by code hash) and
//! live instances — in the [`ext::RivetVmExt`] externalities extension. An extension
//! lives for one runtime call (the node creates one per call), so no instance outlives
//! the block that made it and nothing carries state from one block to the next except
//! the module cache, whose hits and misses never change what is charged.
#![cfg_attr(not(feature = "std"), no_std)]
// Host functions (and so `ext`) need std unless this is a runtime build.
#[cfg(all(not(feature = "std"), not(substrate_runtime)))]
extern crate std;

extern crate alloc;

mod exit;
mod host;
mod native;

// The client side; a runtime build (`--cfg substrate_runtime`, as
// substrate-wasm-builder sets) leaves it out.
#[cfg(not(substrate_runtime))]
pub mod ext;

use alloc::boxed::Box;
use alloc::sync::Arc;

pub use exit::{decode_exit, encode_exit, EXIT_LEN};
pub use host::rivet_vm;
pub use native::Native;
pub use rivet_executor::{Exit, Instance, Limits, Outcome, TrapKind};

/// Why an engine could not instantiate code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The code is not a valid program under the limits (the first problem found).
    Invalid(rivet_executor::BlobError),
    /// The client refused: invalid code, or too many live instances.
    Refused,
}

/// How the runtime runs contract code. Both implementations give the same exits,
/// field by field, and the same gas.
pub trait Engine {
    /// A fresh instance of `code` (a program blob the pallet validated at upload).
    ///
    /// # Errors
    /// If the code does not validate under `limits`, or the client refuses.
    fn instantiate(code: &[u8], limits: &Limits) -> Result<Box<dyn Instance>, EngineError>;
}

/// The executor's interpreter inside the runtime: slower, needs no host support.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Interpreted;

impl Engine for Interpreted {
    fn instantiate(code: &[u8], limits: &Limits) -> Result<Box<dyn Instance>, EngineError> {
        let program =
            rivet_executor::Program::from_bytes(code, limits).map_err(EngineError::Invalid)?;
        let module = Arc::new(rivet_executor::InterpretedModule::new(Arc::new(program)));
        Ok(Box::new(module.instantiate()))
    }
}
