//! The client's side of the `rivet_vm` host functions: compiled modules, cached by code
//! hash and shared by every runtime call of the node, and the live instances of one
//! runtime call. The node registers a fresh [`RivetVmExt`] for each runtime call; tests
//! register one on their `TestExternalities`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use rivet_executor::isa::Reg;
use rivet_executor::{EngineKind, Exit, Instance, Limits, Module, Program};

sp_externalities::decl_extension! {
    /// The Rivet VM of one runtime call.
    pub struct RivetVmExt(VmState);
}

impl RivetVmExt {
    /// A VM on `engine` that compiles through `cache`.
    pub fn new(engine: EngineKind, cache: ModuleCache) -> RivetVmExt {
        RivetVmExt(VmState { engine, cache, instances: Vec::new() })
    }
}

/// Most instances alive at once in one runtime call: far above what the pallet's
/// call-depth limit needs, low enough that a runaway runtime cannot exhaust the node.
pub const MAX_INSTANCES: usize = 256;

/// Handle value for "the code is not a valid program under the limits".
pub const INVALID_CODE: u32 = u32::MAX;
/// Handle value for "the client refuses" (too many instances, engine unavailable).
pub const REFUSED: u32 = u32::MAX - 1;

/// Compiled modules by code hash, bounded, oldest evicted first. Cheap to clone (all
/// clones share one cache). Keyed by the hash of code *and* limits, so a module is only
/// reused under the limits it was validated with.
#[derive(Clone)]
pub struct ModuleCache {
    inner: Arc<Mutex<CacheInner>>,
}

struct CacheInner {
    capacity: usize,
    modules: HashMap<[u8; 32], Module>,
    order: VecDeque<[u8; 32]>,
}

impl ModuleCache {
    /// A cache of at most `capacity` modules.
    pub fn new(capacity: usize) -> ModuleCache {
        let inner = CacheInner { capacity, modules: HashMap::new(), order: VecDeque::new() };
        ModuleCache { inner: Arc::new(Mutex::new(inner)) }
    }

    /// How many modules are cached.
    pub fn len(&self) -> usize {
        self.inner.lock().expect("no panics while the lock is held; qed").modules.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The module for `code` on `engine`: cached, or validated and compiled now.
    fn get(&self, code: &[u8], limits: &Limits, engine: EngineKind) -> Result<Module, u32> {
        let mut key_input = code.to_vec();
        for v in limits_words(limits) {
            key_input.extend_from_slice(&v.to_le_bytes());
        }
        let key: [u8; 32] = Blake2b::<U32>::digest(&key_input).into();
        let mut c = self.inner.lock().expect("no panics while the lock is held; qed");
        if let Some(m) = c.modules.get(&key) {
            return Ok(m.clone());
        }
        let program = Program::from_bytes(code, limits).map_err(|_| INVALID_CODE)?;
        let module = Module::new(Arc::new(program), engine).map_err(|_| REFUSED)?;
        if c.order.len() >= c.capacity {
            if let Some(old) = c.order.pop_front() {
                c.modules.remove(&old);
            }
        }
        c.order.push_back(key);
        c.modules.insert(key, module.clone());
        Ok(module)
    }
}

/// The limits as the six words the runtime passes.
pub fn limits_words(l: &Limits) -> [u32; 6] {
    [l.max_code_size, l.max_memory, l.max_stack, l.max_exports, l.max_imports, l.max_name_len]
}

/// The limits from the six words the runtime passes.
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

/// The state behind [`RivetVmExt`].
pub struct VmState {
    engine: EngineKind,
    cache: ModuleCache,
    instances: Vec<Option<Box<dyn Instance + Send>>>,
}

impl VmState {
    /// A new instance of `code`; its handle, or [`INVALID_CODE`] / [`REFUSED`].
    pub fn instantiate(&mut self, code: &[u8], limits: &Limits) -> u32 {
        let live = self.instances.iter().filter(|i| i.is_some()).count();
        if live >= MAX_INSTANCES {
            return REFUSED;
        }
        let module = match self.cache.get(code, limits, self.engine) {
            Ok(m) => m,
            Err(code) => return code,
        };
        let Ok(instance) = module.instantiate() else { return REFUSED };
        match self.instances.iter().position(Option::is_none) {
            Some(free) => {
                self.instances[free] = Some(instance);
                free as u32
            }
            None => {
                self.instances.push(Some(instance));
                (self.instances.len() - 1) as u32
            }
        }
    }

    /// The instance behind `handle`.
    ///
    /// # Panics
    /// If the handle is not live: the runtime passed a handle it never got or already
    /// destroyed, a bug in the runtime that must not go unnoticed.
    pub fn instance(&mut self, handle: u32) -> &mut (dyn Instance + Send) {
        match self.instances.get_mut(handle as usize) {
            Some(Some(i)) => &mut **i,
            _ => panic!("rivet_vm: no live instance {handle}"),
        }
    }

    /// Frees `handle` (a handle that is not live is ignored).
    pub fn destroy(&mut self, handle: u32) {
        if let Some(slot) = self.instances.get_mut(handle as usize) {
            *slot = None;
        }
    }

    /// Live instances.
    pub fn live(&self) -> usize {
        self.instances.iter().filter(|i| i.is_some()).count()
    }
}

/// The register with this number (0–15).
///
/// # Panics
/// For numbers above 15 (a runtime bug).
pub fn reg(number: u32) -> Reg {
    Reg::new(number).unwrap_or_else(|| panic!("rivet_vm: no register x{number}"))
}

/// Encodes a call's exit into `out` and returns 0, or returns its call error's code.
pub fn exit_or_code(
    r: Result<Exit, rivet_executor::CallError>,
    out: &mut [u8; crate::EXIT_LEN],
) -> u32 {
    match r {
        Ok(exit) => {
            *out = crate::encode_exit(&exit);
            0
        }
        Err(e) => call_error_code(e),
    }
}

/// A call error as the host functions report it (0 is success).
pub fn call_error_code(e: rivet_executor::CallError) -> u32 {
    match e {
        rivet_executor::CallError::UnknownExport => 1,
        rivet_executor::CallError::TooManyArguments => 2,
        rivet_executor::CallError::NotSuspended => 3,
    }
}
