//! The client's side of the `rivet_vm` host functions: compiled modules, cached by code
//! hash and shared by every runtime call of the node, and the live instances of one
//! runtime call. The node registers a fresh [`RivetVmExt`] for each runtime call; tests
//! register one on their `TestExternalities`; any other runtime call gets
//! [`default_vm`].

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rivet_executor::blob::MemoryLayout;
use rivet_executor::isa::Reg;
use rivet_executor::{EngineKind, Exit, Instance, Limits, Module, Outcome, Program};

use crate::limits_from_words;

sp_externalities::decl_extension! {
    /// The Rivet VM of one runtime call.
    pub struct RivetVmExt(VmState);
}

impl RivetVmExt {
    /// A VM on `engine` that compiles through `cache`.
    pub fn new(engine: EngineKind, cache: ModuleCache) -> RivetVmExt {
        Self::counted(engine, cache, Counters::default())
    }

    /// The same, counting crossings and host calls in `counters`.
    pub fn counted(engine: EngineKind, cache: ModuleCache, counters: Counters) -> RivetVmExt {
        RivetVmExt(VmState { engine, cache, instances: Vec::new(), counters })
    }
}

/// The engine and cache of [`default_vm`]; unset: `auto` and a cache of its own.
static DEFAULT: Mutex<Option<(EngineKind, ModuleCache)>> = Mutex::new(None);

/// Modules the default cache holds.
const DEFAULT_CACHE_SIZE: usize = 64;

/// Sets the engine and cache that runtime calls registering no [`RivetVmExt`] get, as
/// tools that run the runtime with their own externalities do (`rivet-node benchmark
/// pallet` sets its `--rivet-engine` here).
pub fn set_default(engine: EngineKind, cache: ModuleCache) {
    *DEFAULT.lock().expect("no panics while the lock is held; qed") = Some((engine, cache));
}

/// A fresh VM of one runtime call on the default engine and cache ([`set_default`]).
pub fn default_vm() -> RivetVmExt {
    let mut default = DEFAULT.lock().expect("no panics while the lock is held; qed");
    let (engine, cache) = default
        .get_or_insert_with(|| (EngineKind::Auto, ModuleCache::new(DEFAULT_CACHE_SIZE)))
        .clone();
    RivetVmExt::new(engine, cache)
}

pub use crate::MAX_INSTANCES;

pub use crate::{INVALID_CODE, NEED_CODE, REFUSED};

/// Compiled modules by code hash and limits, bounded, oldest evicted first. Cheap to
/// clone (all clones share one cache). A module is only reused under the limits it was
/// validated with; a hit neither copies nor hashes the code.
#[derive(Clone)]
pub struct ModuleCache {
    inner: Arc<Mutex<CacheInner>>,
}

/// What a module is cached under: the code's hash and the limits' words.
type CacheKey = ([u8; 32], [u32; 6]);

struct CacheInner {
    capacity: usize,
    modules: HashMap<CacheKey, Module>,
    order: VecDeque<CacheKey>,
}

impl ModuleCache {
    /// A cache of at most `capacity` modules.
    pub fn new(capacity: usize) -> ModuleCache {
        let inner = CacheInner { capacity, modules: HashMap::new(), order: VecDeque::new() };
        ModuleCache { inner: Arc::new(Mutex::new(inner)) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheInner> {
        self.inner.lock().expect("no panics while the lock is held; qed")
    }

    /// How many modules are cached.
    pub fn len(&self) -> usize {
        self.lock().modules.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cached module under `key`.
    fn get(&self, key: &CacheKey) -> Option<Module> {
        self.lock().modules.get(key).cloned()
    }

    /// Validates and compiles `code` (whose hash is `key.0`) and caches the module.
    fn compile(&self, key: CacheKey, code: &[u8], engine: EngineKind) -> Result<Module, u32> {
        let program =
            Program::from_bytes(code, &limits_from_words(key.1)).map_err(|_| INVALID_CODE)?;
        let module = Module::new(Arc::new(program), engine).map_err(|_| REFUSED)?;
        let mut c = self.lock();
        if c.modules.insert(key, module.clone()).is_none() {
            c.order.push_back(key);
        }
        while c.order.len() > c.capacity {
            if let Some(old) = c.order.pop_front() {
                c.modules.remove(&old);
            }
        }
        Ok(module)
    }
}

/// How often the runtime crossed into the client and how many host calls the guests
/// made: shared by every runtime call that registers the same counters.
#[derive(Clone, Default)]
pub struct Counters {
    crossings: Arc<AtomicU64>,
    host_calls: Arc<AtomicU64>,
}

impl Counters {
    /// `rivet_vm` host-function calls so far.
    pub fn crossings(&self) -> u64 {
        self.crossings.load(Ordering::Relaxed)
    }

    /// Guest host calls (`ECALL` exits) so far.
    pub fn host_calls(&self) -> u64 {
        self.host_calls.load(Ordering::Relaxed)
    }
}

/// The state behind [`RivetVmExt`].
pub struct VmState {
    engine: EngineKind,
    cache: ModuleCache,
    instances: Vec<Option<Box<dyn Instance + Send>>>,
    counters: Counters,
}

impl VmState {
    /// Counts one crossing from the runtime.
    pub fn crossed(&self) {
        self.counters.crossings.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts the exit if it is a host call.
    pub fn note_exit(&self, exit: &Result<Exit, rivet_executor::CallError>) {
        if let Ok(Exit { outcome: Outcome::HostCall { .. }, .. }) = exit {
            self.counters.host_calls.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// A new instance of the module cached for `code_hash` under `limits`: its handle
    /// and the program's memory layout, or [`NEED_CODE`] / [`REFUSED`].
    pub fn prepare(
        &mut self,
        code_hash: [u8; 32],
        limits: [u32; 6],
    ) -> Result<(u32, MemoryLayout), u32> {
        let module = self.cache.get(&(code_hash, limits)).ok_or(NEED_CODE)?;
        Ok((self.add(&module)?, *module.program().layout()))
    }

    /// A new instance of `code`, compiled now unless cached: as [`VmState::prepare`], or
    /// [`INVALID_CODE`] / [`REFUSED`] (also if `code` is not what `code_hash` names).
    pub fn prepare_code(
        &mut self,
        code_hash: [u8; 32],
        code: &[u8],
        limits: [u32; 6],
    ) -> Result<(u32, MemoryLayout), u32> {
        if crate::code_hash(code) != code_hash {
            return Err(REFUSED);
        }
        let key = (code_hash, limits);
        let module = match self.cache.get(&key) {
            Some(m) => m,
            None => self.cache.compile(key, code, self.engine)?,
        };
        Ok((self.add(&module)?, *module.program().layout()))
    }

    /// A new instance of `code` (version 1: the code is always passed); its handle, or
    /// [`INVALID_CODE`] / [`REFUSED`].
    pub fn instantiate(&mut self, code: &[u8], limits: &Limits) -> u32 {
        let words = crate::limits_words(limits);
        self.prepare_code(crate::code_hash(code), code, words).map_or_else(|e| e, |(h, _)| h)
    }

    /// `prepare` (no `code`) or `prepare_code` from the bytes that crossed: the handle,
    /// with the layout written to `layout`, or the error code.
    pub fn prepare_from(
        &mut self,
        code_hash: &[u8],
        code: Option<&[u8]>,
        limits: &[u8],
        layout: &mut [u8],
    ) -> u32 {
        let (Ok(hash), Some(limits), Ok(out)) = (
            <[u8; 32]>::try_from(code_hash),
            crate::words(limits),
            <&mut [u8; crate::LAYOUT_LEN]>::try_from(layout),
        ) else {
            return REFUSED;
        };
        let r = match code {
            None => self.prepare(hash, limits),
            Some(code) => self.prepare_code(hash, code, limits),
        };
        match r {
            Ok((handle, l)) => {
                crate::update::encode_layout(&l, out);
                handle
            }
            Err(code) => code,
        }
    }

    /// Calls `export` of instance `handle` with the registers that crossed (64 bytes)
    /// and writes the exit into `out`, with the memory a host call reads where `out`
    /// has room; 0, or a call-error code.
    pub fn call(
        &mut self,
        handle: u32,
        export: &str,
        regs: &[u8],
        gas: u64,
        out: &mut [u8],
    ) -> u32 {
        let (Some(regs), true) = (crate::words(regs), out.len() >= crate::EXIT_LEN) else {
            return 2;
        };
        let r = self.instance(handle).call_with_registers(export, regs, gas);
        self.exited(handle, r, out)
    }

    /// Resumes instance `handle`, first applying `update` if given; the exit as for
    /// [`VmState::call`], or 4 for an update that cannot be applied.
    pub fn resume(&mut self, handle: u32, update: Option<&[u8]>, out: &mut [u8]) -> u32 {
        if out.len() < crate::EXIT_LEN {
            return 3;
        }
        let instance = self.instance(handle);
        if update.is_some_and(|u| crate::update::apply(instance, u).is_err()) {
            return 4;
        }
        let r = instance.resume();
        self.exited(handle, r, out)
    }

    /// Counts and writes an exit, and the memory a host call reads.
    fn exited(
        &mut self,
        handle: u32,
        r: Result<Exit, rivet_executor::CallError>,
        out: &mut [u8],
    ) -> u32 {
        self.note_exit(&r);
        let (record, _) = out.split_first_chunk_mut().expect("checked by the caller; qed");
        let code = exit_or_code(r, record);
        if let Ok(exit) = r {
            crate::update::write_reads(self.instance(handle), &exit.outcome, out);
        }
        code
    }

    /// Instantiates `module`: the new handle, or [`REFUSED`].
    fn add(&mut self, module: &Module) -> Result<u32, u32> {
        if self.live() >= MAX_INSTANCES {
            return Err(REFUSED);
        }
        let instance = module.instantiate().map_err(|_| REFUSED)?;
        Ok(match self.instances.iter().position(Option::is_none) {
            Some(free) => {
                self.instances[free] = Some(instance);
                free as u32
            }
            None => {
                self.instances.push(Some(instance));
                (self.instances.len() - 1) as u32
            }
        })
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
