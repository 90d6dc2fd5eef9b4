//! Rivet's VM for the runtime: the [`Engine`] trait the pallet runs contracts through,
//! with two implementations that give the same results and gas — [`Interpreted`] (the
//! executor's interpreter compiled into the runtime) and [`Native`] (the `rivet_vm`
//! host functions, which run the client's recompiler, or its interpreter where there is
//! no recompiler backend).
//!
//! The host functions keep their state — compiled modules (cached by code hash and
//! limits) and live instances — in the [`ext::RivetVmExt`] externalities extension.
//! [`Native`] prepares an instance by code hash (the code crosses only on a cache miss)
//! and serves a host call with one crossing to resume, plus one per guest-memory read
//! (see [`update`]). An extension lives for one runtime call (the node creates one per
//! call), so no instance outlives the block that made it and nothing carries state from
//! one block to the next except the module cache, whose hits and misses never change
//! what is charged.
#![cfg_attr(not(feature = "std"), no_std)]
// Host functions (and so `ext`) need std unless this is a runtime build.
#[cfg(all(not(feature = "std"), not(substrate_runtime)))]
extern crate std;

extern crate alloc;

mod exit;
mod host;
mod native;
pub mod update;

// The client side; a runtime build (`--cfg substrate_runtime`, as
// substrate-wasm-builder sets) leaves it out.
#[cfg(not(substrate_runtime))]
pub mod ext;

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use alloc::vec::Vec;

pub use exit::{decode_exit, encode_exit, EXIT_LEN};
pub use host::rivet_vm;
pub use native::Native;
pub use rivet_executor::{Exit, Instance, Limits, Outcome, TrapKind};
pub use update::LAYOUT_LEN;

/// Most instances alive at once in one runtime call of the client: far above what the
/// pallet's call-depth limit needs, low enough that a runaway runtime cannot exhaust the
/// node.
pub const MAX_INSTANCES: usize = 256;

/// Handle value for "the code is not a valid program under the limits".
pub const INVALID_CODE: u32 = u32::MAX;
/// Handle value for "the client refuses" (too many instances, engine unavailable).
pub const REFUSED: u32 = u32::MAX - 1;
/// Handle value for "no module for this code hash yet: pass the code".
pub const NEED_CODE: u32 = u32::MAX - 2;

/// Why an engine could not instantiate code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The code is not a valid program under the limits (the first problem found).
    Invalid(rivet_executor::BlobError),
    /// The client refused: too many live instances, or no engine.
    Refused,
    /// The engine needed the code's bytes and there were none.
    Missing,
}

/// The code an engine instantiates: bytes at hand, or stored code named by its hash
/// (the BLAKE2-256 of its bytes), loaded only if the engine needs the bytes.
#[derive(Clone, Copy)]
pub enum Code<'a> {
    /// The bytes themselves.
    Bytes(&'a [u8]),
    /// Code stored under `hash`; `load` reads it.
    Stored {
        /// BLAKE2-256 of the code.
        hash: [u8; 32],
        /// Reads the code (`None`: not stored).
        load: &'a dyn Fn() -> Option<Vec<u8>>,
    },
}

impl Code<'_> {
    /// The code's hash.
    pub fn hash(&self) -> [u8; 32] {
        match self {
            Code::Bytes(b) => code_hash(b),
            Code::Stored { hash, .. } => *hash,
        }
    }

    /// The code's bytes (read from storage for stored code).
    ///
    /// # Errors
    /// [`EngineError::Missing`] if stored code is not there.
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, EngineError> {
        match self {
            Code::Bytes(b) => Ok(Cow::Borrowed(b)),
            Code::Stored { load, .. } => load().map(Cow::Owned).ok_or(EngineError::Missing),
        }
    }
}

/// The hash code is stored and cached under: BLAKE2-256, as the pallet's code hash.
pub fn code_hash(code: &[u8]) -> [u8; 32] {
    use blake2::digest::consts::U32;
    use blake2::{Blake2b, Digest};
    Blake2b::<U32>::digest(code).into()
}

/// How the runtime runs contract code. Both implementations give the same exits,
/// field by field, and the same gas.
pub trait Engine {
    /// What the engine keeps between the frames of one execution (the programs the
    /// runtime's interpreter has decoded; nothing for the client's engine, which keeps
    /// its modules itself).
    type Programs: Default;

    /// A fresh instance of `code` (a program the pallet validated at upload) under
    /// `limits`.
    ///
    /// # Errors
    /// If the code does not validate under `limits`, is missing, or the client refuses.
    fn instantiate(
        programs: &mut Self::Programs,
        code: Code<'_>,
        limits: &Limits,
    ) -> Result<Box<dyn Instance>, EngineError>;
}

/// `words` as the little-endian bytes they cross the host boundary as, into `out`
/// (`4 × words.len()` bytes).
pub(crate) fn put_words(out: &mut [u8], words: &[u32]) {
    for (chunk, w) in out.chunks_exact_mut(4).zip(words) {
        chunk.copy_from_slice(&w.to_le_bytes());
    }
}

/// The `N` little-endian words of `b`, if it is exactly `4 × N` bytes.
pub(crate) fn words<const N: usize>(b: &[u8]) -> Option<[u32; N]> {
    (b.len() == 4 * N).then(|| {
        core::array::from_fn(|i| {
            u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes; qed"))
        })
    })
}

/// The limits as the six words they cross the host boundary (and key caches) as.
pub fn limits_words(l: &Limits) -> [u32; 6] {
    [l.max_code_size, l.max_memory, l.max_stack, l.max_exports, l.max_imports, l.max_name_len]
}

/// The limits from their six words.
pub fn limits_from_words(w: [u32; 6]) -> Limits {
    Limits {
        max_code_size: w[0],
        max_memory: w[1],
        max_stack: w[2],
        max_exports: w[3],
        max_imports: w[4],
        max_name_len: w[5],
    }
}

/// The executor's interpreter inside the runtime: slower, needs no host support. A
/// program is decoded once per execution (a nested call of the same code reuses it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Interpreted;

/// The programs the runtime's interpreter decoded in one execution, by code hash and
/// limits.
pub type DecodedPrograms = BTreeMap<([u8; 32], [u32; 6]), Arc<rivet_executor::InterpretedModule>>;

impl Engine for Interpreted {
    type Programs = DecodedPrograms;

    fn instantiate(
        programs: &mut DecodedPrograms,
        code: Code<'_>,
        limits: &Limits,
    ) -> Result<Box<dyn Instance>, EngineError> {
        let key = (code.hash(), limits_words(limits));
        let module = match programs.get(&key) {
            Some(m) => m.clone(),
            None => {
                let program = rivet_executor::Program::from_bytes(&code.bytes()?, limits)
                    .map_err(EngineError::Invalid)?;
                let module = Arc::new(rivet_executor::InterpretedModule::new(Arc::new(program)));
                programs.insert(key, module.clone());
                module
            }
        };
        Ok(Box::new(module.instantiate()))
    }
}
