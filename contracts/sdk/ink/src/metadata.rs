//! The contract metadata, made off-chain (`std`), in ink!'s metadata version 5 shape:
//! what cargo-contract writes, so that `@polkadot/api-contract`, the Contracts UI and
//! `rivet` all read it. `#[ink::contract]` defines, in `std` builds, a
//! `__rivet_generate_metadata` function that describes the contract as a [`ContractSpec`]
//! (labels, selectors, docs, and each type as a `scale-info` [`MetaType`]) and calls
//! [`generate`]; `rivet build` runs it in a small native program and adds the `source`
//! (the blob's hash, language, compiler) and `contract` (name, version, authors) sections.

use scale_info::{MetaType, PortableRegistry, Registry};
use serde_json::{json, Map, Value};

use crate::env::Environment;

/// The metadata version this module writes (ink! 5's).
pub const METADATA_VERSION: u64 = 5;

/// `T`'s type, for the specs below.
pub fn meta<T: scale_info::TypeInfo + 'static>() -> MetaType {
    MetaType::new::<T>()
}

/// A contract: what `#[ink::contract]` knows about it.
pub struct ContractSpec<'a> {
    /// Its crate, from cargo (`CARGO_PKG_*`).
    pub package: PackageInfo<'a>,
    /// The module's doc comment, one entry per line.
    pub docs: &'a [&'a str],
    /// The constructors, in source order.
    pub constructors: &'a [EntrySpec<'a>],
    /// The messages, in source order.
    pub messages: &'a [EntrySpec<'a>],
    /// The storage struct's layout.
    pub storage: StorageSpec<'a>,
}

/// The contract crate's package, as cargo gives it to the crate (`CARGO_PKG_NAME`, …;
/// workspace inheritance resolved): the metadata's `contract` section.
pub struct PackageInfo<'a> {
    /// `name`.
    pub name: &'a str,
    /// `version`.
    pub version: &'a str,
    /// `authors`, colon-separated (as `CARGO_PKG_AUTHORS`).
    pub authors: &'a str,
    /// `description` (empty: none).
    pub description: &'a str,
    /// `repository` (empty: none).
    pub repository: &'a str,
    /// `homepage` (empty: none).
    pub homepage: &'a str,
    /// `license` (empty: none).
    pub license: &'a str,
}

impl PackageInfo<'_> {
    fn to_json(&self) -> Value {
        let authors: Vec<&str> = self.authors.split(':').filter(|a| !a.is_empty()).collect();
        let mut out = Map::new();
        out.insert("name".into(), self.name.into());
        out.insert("version".into(), self.version.into());
        out.insert("authors".into(), json!(authors));
        let optional = [
            ("description", self.description),
            ("repository", self.repository),
            ("homepage", self.homepage),
            ("license", self.license),
        ];
        for (key, value) in optional {
            if !value.is_empty() {
                out.insert(key.into(), value.into());
            }
        }
        Value::Object(out)
    }
}

/// What `source.language` says: the ink! version whose source Rivet's SDK accepts, and
/// the SDK's own version.
pub const LANGUAGE: &str = concat!("ink! 5.1.1 (rivet-ink ", env!("CARGO_PKG_VERSION"), ")");

/// A constructor or message.
pub struct EntrySpec<'a> {
    /// Its name.
    pub label: &'a str,
    /// Its selector.
    pub selector: [u8; 4],
    /// Whether it accepts value.
    pub payable: bool,
    /// `#[ink(default)]`: what UIs pre-select.
    pub default: bool,
    /// Messages: whether it takes `&mut self` (constructors: `true`, not written).
    pub mutates: bool,
    /// Its doc comment, one entry per line.
    pub docs: &'a [&'a str],
    /// Its arguments.
    pub args: &'a [ArgSpec<'a>],
    /// What it returns, as encoded: `ink::MessageResult<T>` / `ink::ConstructorResult<_>`.
    pub returns: fn() -> MetaType,
    /// Whether it is compiled in (its `#[cfg]` holds in this build).
    pub present: bool,
}

impl EntrySpec<'_> {
    /// The place of an entry point its `#[cfg]` compiles out.
    pub fn absent() -> Self {
        EntrySpec {
            label: "",
            selector: [0; 4],
            payable: false,
            default: false,
            mutates: false,
            docs: &[],
            args: &[],
            returns: meta::<()>,
            present: false,
        }
    }
}

/// An argument (or an event field).
pub struct ArgSpec<'a> {
    /// Its name.
    pub label: &'a str,
    /// Its type's path as written (`["AccountId"]`, `["ink", "prelude", "vec", "Vec"]`;
    /// empty for tuples, arrays and references).
    pub display: &'a [&'a str],
    /// Its type.
    pub ty: fn() -> MetaType,
}

/// The storage struct: its name, type, and fields. A field of type `Mapping`, `Lazy` or
/// `StorageVec` lives under its own key; every other field is part of the root value.
pub struct StorageSpec<'a> {
    /// The struct's name.
    pub name: &'a str,
    /// Its type.
    pub ty: fn() -> MetaType,
    /// Its fields.
    pub fields: &'a [FieldSpec<'a>],
}

/// A field of the storage struct.
pub struct FieldSpec<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its type.
    pub ty: fn() -> MetaType,
    /// For a field stored under its own key: the key and the stored value's type.
    pub own_key: Option<(u32, fn() -> MetaType)>,
}

/// Every event linked into this program registers its spec here (`#[ink(event)]` and
/// `#[ink::event]` do it), as ink!'s metadata does.
#[linkme::distributed_slice]
pub static EVENTS: [fn() -> EventSpec];

#[doc(hidden)]
pub use linkme;

/// The specs of every event linked into this program, as `ink::metadata::collect_events`:
/// ordered by module path and name, so the metadata does not depend on link order.
pub fn collect_events() -> Vec<EventSpec> {
    let mut events: Vec<EventSpec> = EVENTS.iter().map(|spec| spec()).collect();
    events.sort_by_key(|e| (e.module_path, e.label));
    events
}

/// An event's spec: its name, signature topic and fields.
#[derive(Clone, Debug)]
pub struct EventSpec {
    label: &'static str,
    module_path: &'static str,
    signature_topic: Option<[u8; 32]>,
    docs: &'static [&'static str],
    args: Vec<EventParamSpec>,
}

/// A field of an event.
#[derive(Clone, Debug)]
pub struct EventParamSpec {
    label: &'static str,
    indexed: bool,
    type_name: &'static str,
    display: &'static [&'static str],
    docs: &'static [&'static str],
    ty: fn() -> MetaType,
}

/// A field of an event, as the event macros describe it.
pub struct EventField {
    /// Its name.
    pub label: &'static str,
    /// Whether it is a topic (`#[ink(topic)]`).
    pub indexed: bool,
    /// Its type as written.
    pub type_name: &'static str,
    /// Its type's path (see [`ArgSpec::display`]).
    pub display: &'static [&'static str],
    /// Its doc comment.
    pub docs: &'static [&'static str],
    /// Its type.
    pub ty: fn() -> MetaType,
}

impl EventSpec {
    /// A spec (what the event macros register).
    pub fn new(
        label: &'static str,
        module_path: &'static str,
        signature_topic: Option<[u8; 32]>,
        docs: &'static [&'static str],
        args: &[EventField],
    ) -> Self {
        let args = args
            .iter()
            .map(|f| EventParamSpec {
                label: f.label,
                indexed: f.indexed,
                type_name: f.type_name,
                display: f.display,
                docs: f.docs,
                ty: f.ty,
            })
            .collect();
        EventSpec { label, module_path, signature_topic, docs, args }
    }
    /// The event's name.
    pub fn label(&self) -> &&'static str {
        &self.label
    }
    /// The module that defines it.
    pub fn module_path(&self) -> &&'static str {
        &self.module_path
    }
    /// Its signature topic (`None` for an anonymous event).
    pub fn signature_topic(&self) -> Option<[u8; 32]> {
        self.signature_topic
    }
    /// Its doc comment.
    pub fn docs(&self) -> &[&'static str] {
        self.docs
    }
    /// Its fields.
    pub fn args(&self) -> &[EventParamSpec] {
        &self.args
    }
}

impl EventParamSpec {
    /// The field's name.
    pub fn label(&self) -> &&'static str {
        &self.label
    }
    /// Whether it is a topic.
    pub fn indexed(&self) -> bool {
        self.indexed
    }
    /// Its type, as written.
    pub fn type_name(&self) -> &&'static str {
        &self.type_name
    }
    /// Its doc comment.
    pub fn docs(&self) -> &[&'static str] {
        self.docs
    }
}

/// Hex with `0x`, as the metadata writes selectors, topics and keys.
fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + 2 * bytes.len());
    s.push_str("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Builds the metadata document while registering types.
struct Writer {
    registry: Registry,
}

impl Writer {
    fn id(&mut self, ty: fn() -> MetaType) -> Value {
        Value::from(self.registry.register_type(&ty()).id)
    }

    /// ink!'s `TypeSpec`: `{ "displayName": [...], "type": id }`.
    fn type_spec(&mut self, display: &[&str], ty: fn() -> MetaType) -> Value {
        json!({ "displayName": display, "type": self.id(ty) })
    }

    fn args(&mut self, args: &[ArgSpec<'_>]) -> Value {
        let args: Vec<Value> = args
            .iter()
            .map(|a| json!({ "label": a.label, "type": self.type_spec(a.display, a.ty) }))
            .collect();
        Value::from(args)
    }

    fn entry(&mut self, e: &EntrySpec<'_>, message: bool) -> Value {
        let display: &[&str] = if message {
            &["ink", "MessageResult"]
        } else {
            &["ink_primitives", "ConstructorResult"]
        };
        let mut out = Map::new();
        out.insert("args".into(), self.args(e.args));
        out.insert("default".into(), e.default.into());
        out.insert("docs".into(), json!(e.docs));
        out.insert("label".into(), e.label.into());
        if message {
            out.insert("mutates".into(), e.mutates.into());
        }
        out.insert("payable".into(), e.payable.into());
        out.insert("returnType".into(), self.type_spec(display, e.returns));
        out.insert("selector".into(), hex(&e.selector).into());
        Value::Object(out)
    }

    fn event(&mut self, e: &EventSpec) -> Value {
        let args: Vec<Value> = e
            .args
            .iter()
            .map(|a| {
                json!({
                    "docs": a.docs,
                    "indexed": a.indexed,
                    "label": a.label,
                    "type": self.type_spec(a.display, a.ty),
                })
            })
            .collect();
        json!({
            "args": args,
            "docs": e.docs,
            "label": e.label,
            "module_path": e.module_path,
            "signature_topic": e.signature_topic.map(|t| hex(&t)),
        })
    }

    /// ink!'s storage layout: the root struct under key 0, its plain fields as leaves of
    /// the root value, and `Mapping`/`Lazy`/`StorageVec` fields as roots of their own.
    fn storage(&mut self, s: &StorageSpec<'_>) -> Value {
        let root_key = hex(&0u32.to_le_bytes());
        let fields: Vec<Value> = s
            .fields
            .iter()
            .map(|f| {
                let layout = match f.own_key {
                    None => json!({ "leaf": { "key": root_key, "ty": self.id(f.ty) } }),
                    Some((key, value)) => {
                        let key = hex(&key.to_le_bytes());
                        json!({ "root": {
                            "layout": { "leaf": { "key": key, "ty": self.id(value) } },
                            "root_key": key,
                            "ty": self.id(f.ty),
                        } })
                    }
                };
                json!({ "layout": layout, "name": f.name })
            })
            .collect();
        json!({ "root": {
            "layout": { "struct": { "fields": fields, "name": s.name } },
            "root_key": root_key,
            "ty": self.id(s.ty),
        } })
    }
}

/// The contract's metadata (ink!'s version 5) for environment `E`. Of `source`, only the
/// `language` is known here: `rivet build` adds the code's `hash`, the `compiler` and
/// `build_info`, and, in the `.contract` bundle, the code itself.
pub fn generate<E>(spec: &ContractSpec<'_>) -> String
where
    E: Environment,
    E::AccountId: scale_info::TypeInfo,
    E::Balance: scale_info::TypeInfo,
    E::Hash: scale_info::TypeInfo,
    E::Timestamp: scale_info::TypeInfo,
    E::BlockNumber: scale_info::TypeInfo,
    E::ChainExtension: scale_info::TypeInfo + 'static,
{
    let mut w = Writer { registry: Registry::new() };
    let constructors: Vec<Value> =
        spec.constructors.iter().filter(|e| e.present).map(|e| w.entry(e, false)).collect();
    let messages: Vec<Value> =
        spec.messages.iter().filter(|e| e.present).map(|e| w.entry(e, true)).collect();
    let events: Vec<Value> = collect_events().iter().map(|e| w.event(e)).collect();
    let environment = json!({
        "accountId": w.type_spec(&["AccountId"], meta::<E::AccountId>),
        "balance": w.type_spec(&["Balance"], meta::<E::Balance>),
        "blockNumber": w.type_spec(&["BlockNumber"], meta::<E::BlockNumber>),
        "chainExtension": w.type_spec(&["ChainExtension"], meta::<E::ChainExtension>),
        "hash": w.type_spec(&["Hash"], meta::<E::Hash>),
        "maxEventTopics": E::MAX_EVENT_TOPICS,
        "staticBufferSize": crate::env::BUFFER_SIZE,
        "timestamp": w.type_spec(&["Timestamp"], meta::<E::Timestamp>),
    });
    let lang_error = w.type_spec(&["ink", "LangError"], meta::<crate::LangError>);
    let storage = w.storage(&spec.storage);
    let types = PortableRegistry::from(w.registry).types;
    let doc = json!({
        "contract": spec.package.to_json(),
        "source": { "language": LANGUAGE },
        "spec": {
            "constructors": constructors,
            "docs": spec.docs,
            "environment": environment,
            "events": events,
            "lang_error": lang_error,
            "messages": messages,
        },
        "storage": storage,
        "types": types,
        "version": METADATA_VERSION,
    });
    doc.to_string()
}
