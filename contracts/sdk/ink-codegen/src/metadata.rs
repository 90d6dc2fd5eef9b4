//! The contract's metadata: a JSON document `#[ink::contract]` writes at compile time
//! into the `.rivet_metadata` section of on-chain builds (constructors, messages and
//! events with selectors, signature topics and Rust type names), and, in `std` builds,
//! `__rivet_generate_metadata`, which adds `scale-info` type ids and the type registry
//! (`ink::metadata::annotate`). `rivet build` writes the latter next to the blob.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use crate::Callable;

/// An `#[ink(event)]` in the metadata.
pub(crate) struct EventMeta {
    pub(crate) label: String,
    pub(crate) signature: [u8; 32],
    /// (name, type, whether it is a topic) of each field.
    pub(crate) fields: Vec<(String, Type, bool)>,
}

/// An event as [`metadata_json`] lists it: label, signature topic, and (field, type,
/// whether it is a topic) of each field.
pub type EventEntry = (String, [u8; 32], Vec<(String, String, bool)>);

/// A type as the metadata names it: as written, without spaces.
fn type_name(ty: &Type) -> String {
    quote!(#ty).to_string().replace(' ', "")
}

/// JSON string literal content.
pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One constructor or message in the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaEntry {
    /// Its name.
    pub label: String,
    /// Its selector.
    pub selector: [u8; 4],
    /// (name, Rust type) of each argument.
    pub args: Vec<(String, String)>,
    /// `None` for constructors; for messages, whether they take `&mut self`.
    pub mutates: Option<bool>,
    /// The return type of a message that returns something.
    pub returns: Option<String>,
    /// Whether it accepts value.
    pub payable: bool,
}

/// The contract's metadata as JSON: constructors and messages with their selectors,
/// arguments and return types (as Rust types), and events as `(label, signature topic,
/// [(field, type, is topic)])`; what `rivet` uses to encode calls and decode results.
pub fn metadata_json(contract: &str, entries: &[MetaEntry], events: &[EventEntry]) -> String {
    let entry = |e: &MetaEntry| {
        let args: Vec<String> = e
            .args
            .iter()
            .map(|(n, t)| format!("{{\"label\":{},\"type\":{}}}", json_str(n), json_str(t)))
            .collect();
        let [a, b, c, d] = e.selector;
        let mut s = format!(
            "{{\"label\":{},\"selector\":\"0x{a:02x}{b:02x}{c:02x}{d:02x}\",\"payable\":{},\"args\":[{}]",
            json_str(&e.label),
            e.payable,
            args.join(",")
        );
        if let Some(mutates) = e.mutates {
            s.push_str(&format!(",\"mutates\":{mutates}"));
        }
        s.push_str(&format!(
            ",\"returnType\":{}}}",
            e.returns.as_deref().map_or("null".to_string(), json_str)
        ));
        s
    };
    let ctors: Vec<String> = entries.iter().filter(|e| e.mutates.is_none()).map(entry).collect();
    let msgs: Vec<String> = entries.iter().filter(|e| e.mutates.is_some()).map(entry).collect();
    let events: Vec<String> = events
        .iter()
        .map(|(label, signature, fields)| {
            let fields: Vec<String> = fields
                .iter()
                .map(|(n, t, topic)| {
                    format!(
                        "{{\"label\":{},\"type\":{},\"indexed\":{topic}}}",
                        json_str(n),
                        json_str(t)
                    )
                })
                .collect();
            let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
            format!(
                "{{\"label\":{},\"signatureTopic\":\"0x{hex}\",\"fields\":[{}]}}",
                json_str(label),
                fields.join(",")
            )
        })
        .collect();
    format!(
        "{{\"rivetMetadata\":1,\"contract\":{},\"constructors\":[{}],\"messages\":[{}],\"events\":[{}]}}",
        json_str(contract),
        ctors.join(","),
        msgs.join(","),
        events.join(",")
    )
}

/// The metadata of the contract in `module`: the `.rivet_metadata` section (on-chain
/// builds) and the `std` builds' `__rivet_generate_metadata`.
pub(crate) fn metadata(
    module: &syn::Ident,
    callables: &[Callable],
    events: &[EventMeta],
) -> TokenStream {
    let list: Vec<_> = callables
        .iter()
        .map(|c| MetaEntry {
            label: c.name.to_string(),
            selector: c.selector,
            args: c.args.iter().map(|(n, t)| (n.to_string(), type_name(t))).collect(),
            mutates: c.receiver,
            returns: c.return_type.as_ref().map(type_name),
            payable: c.payable,
        })
        .collect();
    let event_list: Vec<_> = events
        .iter()
        .map(|e| {
            let fields = e.fields.iter().map(|(n, t, topic)| (n.clone(), type_name(t), *topic));
            (e.label.clone(), e.signature, fields.collect())
        })
        .collect();
    let json = metadata_json(&module.to_string(), &list, &event_list);
    let bytes = proc_macro2::Literal::byte_string(json.as_bytes());
    let len = json.len();
    // The generator lists types in the JSON's order: constructors, then messages.
    let ordered = callables
        .iter()
        .filter(|c| c.receiver.is_none())
        .chain(callables.iter().filter(|c| c.receiver.is_some()));
    let entries = ordered.map(|c| {
        let args = c.args.iter().map(|(_, t)| quote!(::ink::metadata::meta::<#t>));
        let returns = match &c.return_type {
            Some(t) => quote!(Some(::ink::metadata::meta::<#t>)),
            None => quote!(None),
        };
        // An entry point compiled out by its `#[cfg]` is left out of the metadata too.
        let predicates =
            c.cfgs.iter().filter_map(|a| a.meta.require_list().ok()).map(|l| &l.tokens);
        let present = quote!(::core::cfg!(all(#(#predicates),*)));
        quote!(::ink::metadata::EntryTypes {
            args: &[#(#args),*],
            returns: #returns,
            present: #present,
        })
    });
    let event_types = events.iter().map(|e| {
        let types = e.fields.iter().map(|(_, t, _)| quote!(::ink::metadata::meta::<#t>));
        quote!(&[#(#types),*])
    });
    quote! {
        #[cfg(not(any(feature = "std", feature = "ink-as-dependency")))]
        #[link_section = ".rivet_metadata"]
        #[used]
        static __RIVET_METADATA: [u8; #len] = *#bytes;

        /// The metadata with types (what `rivet build` writes), made off-chain.
        #[cfg(all(feature = "std", not(feature = "ink-as-dependency")))]
        #[no_mangle]
        pub fn __rivet_generate_metadata() -> ::std::string::String {
            let json = ::core::str::from_utf8(#bytes).expect("the macro writes UTF-8; qed");
            ::ink::metadata::annotate(json, &[#(#entries),*], &[#(#event_types),*])
        }
    }
}
