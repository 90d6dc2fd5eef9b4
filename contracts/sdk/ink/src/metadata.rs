//! The contract metadata with types, made off-chain (`std`): `#[ink::contract]` writes
//! the metadata JSON (constructors, messages, events, selectors, Rust type names) at
//! compile time and, in `std` builds, a `__rivet_generate_metadata` function that adds
//! what only the compiler knows — each argument's, return value's and event field's
//! type as an id into a `scale-info` type registry, and the registry itself under
//! `"types"`. `rivet build` runs that function in a small native program; `rivet call`
//! encodes arguments and decodes results from it.

use scale_info::{MetaType, PortableRegistry, Registry};
use serde_json::Value;

/// The types of one constructor or message, in the order of the metadata's entries.
pub struct EntryTypes {
    /// Each argument's type.
    pub args: &'static [fn() -> MetaType],
    /// The message's declared return type (`None` for constructors and `()` messages).
    pub returns: Option<fn() -> MetaType>,
    /// Whether the entry point is compiled in (its `#[cfg]` holds in this build).
    pub present: bool,
}

/// `T`'s type for [`EntryTypes`].
pub fn meta<T: scale_info::TypeInfo + 'static>() -> MetaType {
    MetaType::new::<T>()
}

/// Adds `typeId`s and the type registry to `json` (the metadata `#[ink::contract]`
/// wrote): `entries` has one element per constructor, then per message; `events` the
/// field types of each event, in the metadata's order.
///
/// # Panics
/// If `json` is not the metadata `#[ink::contract]` writes, or the lists do not match
/// it; both are generated together, so neither happens.
pub fn annotate(json: &str, entries: &[EntryTypes], events: &[&[fn() -> MetaType]]) -> String {
    let mut meta: Value = serde_json::from_str(json).expect("the macro writes valid JSON; qed");
    let mut registry = Registry::new();
    let mut id = |t: fn() -> MetaType| Value::from(registry.register_type(&t()).id);
    let mut types = entries.iter();
    for section in ["constructors", "messages"] {
        let list = meta[section].as_array_mut().expect("the macro writes both lists; qed");
        let mut kept = Vec::new();
        for mut entry in list.drain(..) {
            let t = types.next().expect("one EntryTypes per entry; qed");
            if !t.present {
                continue;
            }
            let args = entry["args"].as_array_mut().expect("every entry has args; qed");
            for (arg, ty) in args.iter_mut().zip(t.args) {
                arg["typeId"] = id(*ty);
            }
            entry["returnTypeId"] = t.returns.map_or(Value::Null, &mut id);
            kept.push(entry);
        }
        *list = kept;
    }
    let list = meta["events"].as_array_mut().expect("the macro writes the events; qed");
    for (event, fields) in list.iter_mut().zip(events) {
        let slots = event["fields"].as_array_mut().expect("every event has fields; qed");
        for (field, ty) in slots.iter_mut().zip(fields.iter()) {
            field["typeId"] = id(*ty);
        }
    }
    let portable = PortableRegistry::from(registry);
    // The registry serializes as `{"types": [...]}`; the metadata keeps the list.
    let mut registry = serde_json::to_value(&portable).expect("registries serialize; qed");
    meta["types"] = registry["types"].take();
    meta.to_string()
}

/// Every event linked into this program registers its spec here (`#[ink(event)]` and
/// `#[ink::event]` do it), as ink!'s metadata does.
#[linkme::distributed_slice]
pub static EVENTS: [fn() -> EventSpec];

#[doc(hidden)]
pub use linkme;

/// The specs of every event linked into this program, as `ink::metadata::collect_events`.
pub fn collect_events() -> Vec<EventSpec> {
    EVENTS.iter().map(|spec| spec()).collect()
}

/// An event's spec: its name, signature topic and fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSpec {
    label: &'static str,
    module_path: &'static str,
    signature_topic: Option<[u8; 32]>,
    args: Vec<EventParamSpec>,
}

/// A field of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventParamSpec {
    label: &'static str,
    indexed: bool,
    type_name: &'static str,
}

impl EventSpec {
    /// A spec (what the event macros register).
    pub fn new(
        label: &'static str,
        module_path: &'static str,
        signature_topic: Option<[u8; 32]>,
        args: &[(&'static str, bool, &'static str)],
    ) -> Self {
        let args = args
            .iter()
            .map(|&(label, indexed, type_name)| EventParamSpec { label, indexed, type_name })
            .collect();
        EventSpec { label, module_path, signature_topic, args }
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
}
