//! What `#[ink::contract]` expands to, as a plain `syn` library (so it is unit-tested
//! without a compiler in the loop). The proc-macro crate is a thin shim over [`contract`].
//!
//! Supported so far: one `#[ink(storage)]` struct; `#[ink(constructor)]` and
//! `#[ink(message)]` functions (with `payable` and `selector = N`) in `impl` blocks of
//! it; `Self::env()` / `self.env()`; ink!'s selectors (the first four bytes of
//! BLAKE2b-256 of the function name) and `Result<_, LangError>` return encoding.

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, ImplItem, Item, ItemMod, Pat, ReturnType, Type};

mod contract_ref;
mod metadata;

/// ink!'s selector of an inherent function: BLAKE2b-256 of its name, first 4 bytes.
pub fn selector(name: &str) -> [u8; 4] {
    let hash = Blake2b::<U32>::digest(name.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// What an `#[ink(...)]` attribute said.
#[derive(Default, Debug, PartialEq, Eq)]
struct InkAttr {
    storage: bool,
    event: bool,
    topic: bool,
    constructor: bool,
    message: bool,
    payable: bool,
    selector: Option<u32>,
    /// `selector = _`: the message that takes every selector no other one matches.
    wildcard: bool,
    /// `anonymous` (events): no signature topic.
    anonymous: bool,
    /// `signature_topic = "0x…"` (events): this signature topic instead of the derived one.
    signature_topic: Option<[u8; 32]>,
    /// `namespace = "…"` (impl blocks): prefixes the selectors of its messages.
    namespace: Option<String>,
    /// `default` (constructors and messages): what UIs pre-select (metadata only).
    default: bool,
}

/// The doc comment in `attrs`, one entry per line, as ink!'s metadata lists it.
fn docs(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value: syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }),
                ..
            }) => Some(s.value().trim().to_string()),
            _ => None,
        })
        .collect()
}

/// A type's path as written, for the metadata's `displayName` (`["AccountId"]`,
/// `["ink", "prelude", "vec", "Vec"]`); empty for tuples, arrays and references.
fn display_name(ty: &Type) -> Vec<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => {
            p.path.segments.iter().map(|s| s.ident.to_string()).collect()
        }
        Type::Group(g) => display_name(&g.elem),
        Type::Paren(p) => display_name(&p.elem),
        _ => Vec::new(),
    }
}

/// `"0x…"` (64 hex digits) as 32 bytes.
fn parse_topic(lit: &syn::LitStr) -> syn::Result<[u8; 32]> {
    let text = lit.value();
    let hex = text.strip_prefix("0x").unwrap_or(&text);
    let bad =
        || syn::Error::new(lit.span(), "expected a 32-byte hex string (\"0x\" and 64 digits)");
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

/// Removes `#[ink(...)]` attributes from `attrs` and returns what they said.
fn take_ink_attrs(attrs: &mut Vec<Attribute>) -> syn::Result<InkAttr> {
    let mut out = InkAttr::default();
    let mut error = None;
    attrs.retain(|a| {
        if !a.path().is_ident("ink") {
            return true;
        }
        let r = a.parse_nested_meta(|m| {
            if m.path.is_ident("storage") {
                out.storage = true;
            } else if m.path.is_ident("event") {
                out.event = true;
            } else if m.path.is_ident("topic") {
                out.topic = true;
            } else if m.path.is_ident("constructor") {
                out.constructor = true;
            } else if m.path.is_ident("message") {
                out.message = true;
            } else if m.path.is_ident("payable") {
                out.payable = true;
            } else if m.path.is_ident("default") {
                out.default = true;
            } else if m.path.is_ident("impl") {
                // An impl block ink! should look at even without messages (nothing to do).
            } else if m.path.is_ident("anonymous") {
                out.anonymous = true;
            } else if m.path.is_ident("signature_topic") {
                out.signature_topic = Some(parse_topic(&m.value()?.parse()?)?);
            } else if m.path.is_ident("namespace") {
                let lit: syn::LitStr = m.value()?.parse()?;
                out.namespace = Some(lit.value());
            } else if m.path.is_ident("selector") {
                let value = m.value()?;
                if value.peek(syn::Token![_]) {
                    value.parse::<syn::Token![_]>()?;
                    out.wildcard = true;
                } else if value.peek(syn::Token![@]) {
                    value.parse::<syn::Token![@]>()?;
                    // ink!'s wildcard complement: the one selector a wildcard contract
                    // keeps for itself.
                    out.selector = Some(0x9BAE_9D5E);
                } else {
                    let lit: syn::LitInt = value.parse()?;
                    out.selector = Some(lit.base10_parse()?);
                }
            } else {
                return Err(m.error("unknown ink! attribute (expected storage, event, anonymous, signature_topic, topic, constructor, message, payable, selector, namespace, impl or default)"));
            }
            Ok(())
        });
        if let Err(e) = r {
            error.get_or_insert(e);
        }
        false
    });
    match error {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// A constructor or message.
struct Callable {
    name: syn::Ident,
    selector: [u8; 4],
    args: Vec<(syn::Ident, Type)>,
    /// `None`: constructor; `Some(true)`: `&mut self`; `Some(false)`: `&self`.
    receiver: Option<bool>,
    returns: bool,
    return_type: Option<Type>,
    /// The declared return type (constructors: `Self` or `Result<Self, E>`).
    output: Option<Type>,
    /// Whether it returns a `Result` (an `Err` reverts, as in ink!).
    fallible: bool,
    payable: bool,
    /// `selector = _`: called for every selector no other message has.
    wildcard: bool,
    /// The function's `#[cfg(…)]` attributes, repeated on everything generated for it.
    cfgs: Vec<Attribute>,
    /// The trait of an `impl Trait for Storage` message, as written (dispatch calls it by
    /// this path, so the trait need not be in scope).
    trait_path: Option<syn::Path>,
    /// Its doc comment (metadata).
    docs: Vec<String>,
    /// `#[ink(default)]` (metadata).
    default: bool,
}

/// Whether `ty` is written as a `Result` (ink! decides this by type; a macro sees only
/// the name, which covers `Result<T, E>` and the usual `type Result<T> = …` aliases).
fn is_result(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Result"),
        _ => false,
    }
}

/// `trait_name`: the trait of an `impl Trait for Storage` block, whose messages' selectors
/// are ink!'s `Trait::message` ones.
fn callable(
    f: &syn::ImplItemFn,
    attr: &InkAttr,
    trait_name: Option<&syn::Ident>,
    namespace: Option<&str>,
) -> syn::Result<Callable> {
    let mut args = Vec::new();
    let mut receiver = None;
    for (i, input) in f.sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(r) => {
                if r.reference.is_none() {
                    return Err(syn::Error::new(
                        r.span(),
                        "ink! messages take `&self` or `&mut self`",
                    ));
                }
                receiver = Some(r.mutability.is_some());
            }
            FnArg::Typed(t) => {
                let name = match &*t.pat {
                    Pat::Ident(p) => p.ident.clone(),
                    _ => format_ident!("__ink_arg_{i}"),
                };
                args.push((name, (*t.ty).clone()));
            }
        }
    }
    if attr.message && receiver.is_none() {
        return Err(syn::Error::new(
            f.sig.ident.span(),
            "an ink! message must take `&self` or `&mut self`",
        ));
    }
    if attr.constructor && receiver.is_some() {
        return Err(syn::Error::new(
            f.sig.ident.span(),
            "an ink! constructor must not take `self`",
        ));
    }
    let selector = match (attr.selector, trait_name, namespace) {
        (Some(s), _, _) => s.to_be_bytes(),
        (None, Some(t), _) => selector(&format!("{t}::{}", f.sig.ident)),
        (None, None, Some(ns)) => selector(&format!("{ns}::{}", f.sig.ident)),
        (None, None, None) => selector(&f.sig.ident.to_string()),
    };
    let output = match &f.sig.output {
        ReturnType::Type(_, t) => Some((**t).clone()),
        ReturnType::Default => None,
    };
    Ok(Callable {
        name: f.sig.ident.clone(),
        selector,
        args,
        receiver,
        returns: !matches!(f.sig.output, ReturnType::Default),
        return_type: match &f.sig.output {
            ReturnType::Type(_, t) if attr.message => Some((**t).clone()),
            _ => None,
        },
        fallible: output.as_ref().is_some_and(is_result),
        output,
        payable: attr.payable,
        wildcard: attr.wildcard,
        cfgs: f.attrs.iter().filter(|a| a.path().is_ident("cfg")).cloned().collect(),
        trait_path: None,
        docs: docs(&f.attrs),
        default: attr.default,
    })
}

/// Expands `#[ink::contract] mod name { ... }`.
///
/// # Errors
/// Misuse, with the user's span: no or several storage structs, a message without
/// `self`, an unknown attribute, anything but a module.
pub fn contract(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut env_path: syn::Path = syn::parse_quote!(::ink::env::DefaultEnvironment);
    let args = syn::parse::Parser::parse2(
        syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated,
        attr,
    )?;
    for arg in args {
        if arg.path.is_ident("env") {
            let syn::Expr::Path(p) = &arg.value else {
                return Err(syn::Error::new(
                    arg.value.span(),
                    "expected `env = path::to::Environment`",
                ));
            };
            env_path = p.path.clone();
        } else if !arg.path.is_ident("keep_attr") {
            return Err(syn::Error::new(
                arg.path.span(),
                "unknown #[ink::contract] argument (expected `env` or `keep_attr`)",
            ));
        }
    }
    let mut module: ItemMod = syn::parse2(item)?;
    let Some((_, items)) = module.content.as_mut() else {
        return Err(syn::Error::new(
            module.span(),
            "#[ink::contract] needs an inline module: `mod name { ... }`",
        ));
    };
    let mut storage: Option<syn::Ident> = None;
    let mut storage_fields = Vec::new();
    let mut callables = Vec::new();
    let mut events = Vec::new();
    for item in items.iter_mut() {
        match item {
            Item::Struct(s) => {
                let attr = take_ink_attrs(&mut s.attrs)?;
                if attr.event {
                    events.push(event(s, &attr)?);
                    continue;
                }
                let is_storage = attr.storage;
                if is_storage && storage.is_some() {
                    return Err(syn::Error::new(
                        s.ident.span(),
                        "only one #[ink(storage)] struct is allowed",
                    ));
                }
                if is_storage {
                    storage_fields = assign_storage_keys(s);
                    storage = Some(s.ident.clone());
                    s.attrs.push(
                        syn::parse_quote!(#[derive(::ink::scale::Encode, ::ink::scale::Decode)]),
                    );
                    s.attrs.push(syn::parse_quote!(#[codec(crate = ::ink::scale)]));
                    // As ink!'s: the storage layout in the metadata names the struct's type.
                    s.attrs.push(syn::parse_quote!(
                        #[cfg_attr(feature = "std", derive(::ink::scale_info::TypeInfo))]
                    ));
                    s.attrs.push(syn::parse_quote!(
                        #[cfg_attr(feature = "std", scale_info(crate = ::ink::scale_info))]
                    ));
                }
            }
            Item::Impl(imp) => {
                let impl_attr = take_ink_attrs(&mut imp.attrs)?;
                let trait_name = imp
                    .trait_
                    .as_ref()
                    .and_then(|(_, path, _)| path.segments.last())
                    .map(|s| s.ident.clone());
                for it in imp.items.iter_mut() {
                    if let ImplItem::Fn(f) = it {
                        let attr = take_ink_attrs(&mut f.attrs)?;
                        if attr.constructor || attr.message {
                            let mut c = callable(
                                f,
                                &attr,
                                trait_name.as_ref(),
                                impl_attr.namespace.as_deref(),
                            )?;
                            c.trait_path = imp.trait_.as_ref().map(|(_, path, _)| path.clone());
                            callables.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let Some(storage) = storage else {
        return Err(syn::Error::new(
            module.ident.span(),
            "an ink! contract needs one #[ink(storage)] struct",
        ));
    };
    let env = quote! {
        impl ::ink::env::ContractEnv for #storage {
            type Env = #env_path;
        }
        // The storage struct is the root value, under ink!'s root key.
        impl ::ink::storage::traits::StorageKey for #storage {
            const KEY: u32 = 0;
        }
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type Environment = <#storage as ::ink::env::ContractEnv>::Env;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type AccountId = <Environment as ::ink::env::Environment>::AccountId;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type Balance = <Environment as ::ink::env::Environment>::Balance;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type Hash = <Environment as ::ink::env::Environment>::Hash;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type Timestamp = <Environment as ::ink::env::Environment>::Timestamp;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type BlockNumber = <Environment as ::ink::env::Environment>::BlockNumber;
        #[allow(dead_code, reason = "what ink! brings into every contract module")]
        type ChainExtension = <Environment as ::ink::env::Environment>::ChainExtension;
        impl ::ink::codegen::StaticEnv for #storage {
            type EnvAccess = ::ink::EnvAccess<'static, Environment>;
            fn env() -> Self::EnvAccess { ::core::default::Default::default() }
        }
        impl<'a> ::ink::codegen::Env for &'a #storage {
            type EnvAccess = ::ink::EnvAccess<'a, Environment>;
            fn env(self) -> Self::EnvAccess { ::core::default::Default::default() }
        }
        #[allow(unused_imports, reason = "so that `Self::env()` and `self.env()` resolve")]
        use ::ink::codegen::{Env as _, StaticEnv as _};
    };
    let dispatch = dispatch(&storage, &callables);
    let metadata = metadata::metadata(
        &module.ident,
        &docs(&module.attrs),
        &storage,
        &storage_fields,
        &callables,
    );
    let contract_ref = contract_ref::contract_ref(&storage, &callables);
    let reflect = reflect(&storage, &callables);
    let items = &mut module.content.as_mut().expect("checked above; qed").1;
    items.push(Item::Verbatim(env));
    items.push(Item::Verbatim(dispatch));
    items.push(Item::Verbatim(metadata));
    items.push(Item::Verbatim(contract_ref));
    items.push(Item::Verbatim(reflect));
    for e in events {
        items.push(Item::Verbatim(e));
    }
    Ok(quote!(#module))
}

/// `ink::reflect::DispatchableConstructorInfo<SELECTOR>` for each constructor: whether it
/// returns a `Result`, its error type, its selector and whether it is payable.
fn reflect(storage: &syn::Ident, callables: &[Callable]) -> TokenStream {
    let impls = callables.iter().filter(|c| c.receiver.is_none()).map(|c| {
        let id = u32::from_be_bytes(c.selector);
        let sel = c.selector;
        let (label, payable, cfgs) = (c.name.to_string(), c.payable, &c.cfgs);
        let output = c.output.as_ref().map_or_else(|| quote!(Self), |t| quote!(#t));
        quote! {
            #(#cfgs)*
            impl ::ink::reflect::DispatchableConstructorInfo<#id> for #storage {
                type Output = #output;
                const IS_RESULT: bool = <::ink::reflect::ConstructorOutputValue<#output>
                    as ::ink::reflect::ConstructorOutput<#storage>>::IS_RESULT;
                type Error = <::ink::reflect::ConstructorOutputValue<#output>
                    as ::ink::reflect::ConstructorOutput<#storage>>::Error;
                const PAYABLE: bool = #payable;
                const SELECTOR: [u8; 4] = [#(#sel),*];
                const LABEL: &'static str = #label;
            }
        }
    });
    quote!(#(#impls)*)
}

/// Gives every `Mapping<K, V>`, `Lazy<V>` and `StorageVec<V>` field of the storage struct
/// its own storage key: BLAKE2b-256 of `Struct::field`, first 4 bytes (little-endian), as
/// `Mapping<K, V, ::ink::storage::ManualKey<KEY>>` (`Lazy<V, ManualKey<KEY>>`). Returns
/// every field for the metadata's storage layout.
fn assign_storage_keys(s: &mut syn::ItemStruct) -> Vec<metadata::StorageField> {
    let name = s.ident.to_string();
    let mut out = Vec::new();
    for (i, field) in s.fields.iter_mut().enumerate() {
        let field_name = field.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
        let own_key = own_storage_key(&name, &field_name, &mut field.ty);
        out.push(metadata::StorageField { name: field_name, ty: field.ty.clone(), own_key });
    }
    out
}

/// For a `Mapping`, `Lazy` or `StorageVec` field without an explicit key: adds its key to
/// the type and returns the key and the stored value's type.
fn own_storage_key(name: &str, field: &str, ty: &mut Type) -> Option<(u32, Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last_mut()?;
    let (arity, value) = match last.ident.to_string().as_str() {
        "Mapping" => (2, 1),
        "Lazy" | "StorageVec" => (1, 0),
        _ => return None,
    };
    let syn::PathArguments::AngleBracketed(args) = &mut last.arguments else { return None };
    let syn::GenericArgument::Type(value) = args.args.get(value)?.clone() else { return None };
    if args.args.len() == arity + 1 {
        // An explicit `ManualKey<KEY>`.
        let syn::GenericArgument::Type(Type::Path(key)) = &args.args[arity] else { return None };
        let key = key.path.segments.last().filter(|s| s.ident == "ManualKey")?;
        let syn::PathArguments::AngleBracketed(k) = &key.arguments else { return None };
        let syn::GenericArgument::Const(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n), ..
        })) = k.args.first()?
        else {
            return None;
        };
        return Some((n.base10_parse().ok()?, value));
    }
    if args.args.len() != arity {
        return None;
    }
    let hash = blake2_256(format!("{name}::{field}").as_bytes());
    let key = u32::from_le_bytes([hash[0], hash[1], hash[2], hash[3]]);
    args.args.push(syn::parse_quote!(::ink::storage::ManualKey<#key>));
    Some((key, value))
}

/// Expands `#[ink::trait_definition]`: the trait as written, without its `#[ink(...)]`
/// attributes. Contracts implement it in an `impl Trait for Storage` block whose
/// `#[ink(message)]`s get ink!'s trait selectors (BLAKE2b-256 of `Trait::message`).
///
/// # Errors
/// If the item is not a trait, or a method lacks `#[ink(message)]` or takes no `self`.
pub fn trait_definition(item: TokenStream) -> syn::Result<TokenStream> {
    let mut t: syn::ItemTrait = syn::parse2(item)?;
    let mut forwarders = Vec::new();
    for it in t.items.iter_mut() {
        let syn::TraitItem::Fn(f) = it else {
            return Err(syn::Error::new(
                it.span(),
                "an ink! trait definition holds only #[ink(message)] methods",
            ));
        };
        let attr = take_ink_attrs(&mut f.attrs)?;
        if !attr.message {
            return Err(syn::Error::new(
                f.sig.ident.span(),
                "methods of an ink! trait definition must be #[ink(message)]",
            ));
        }
        if !matches!(f.sig.inputs.first(), Some(FnArg::Receiver(_))) {
            return Err(syn::Error::new(
                f.sig.ident.span(),
                "an ink! message must take `&self` or `&mut self`",
            ));
        }
        forwarders.push(trait_forwarder(&t.ident, f, &attr));
    }
    let name = &t.ident;
    let vis = &t.vis;
    let reference = format_ident!("__ink_{name}Ref");
    let doc = format!(
        "A reference to a contract that implements `{name}`: `ink::contract_ref!({name})`."
    );
    Ok(quote! {
        #t

        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ::ink::scale::Encode, ::ink::scale::Decode)]
        #[codec(crate = ::ink::scale)]
        #[cfg_attr(feature = "std", derive(::ink::scale_info::TypeInfo))]
        #[cfg_attr(feature = "std", scale_info(crate = ::ink::scale_info))]
        #vis struct #reference {
            account_id: ::ink::primitives::AccountId,
        }

        impl ::core::convert::From<::ink::primitives::AccountId> for #reference {
            fn from(account_id: ::ink::primitives::AccountId) -> Self {
                Self { account_id }
            }
        }

        impl ::ink::ToAccountId<::ink::env::DefaultEnvironment> for #reference {
            fn to_account_id(&self) -> ::ink::primitives::AccountId {
                self.account_id
            }
        }

        impl ::ink::env::call::FromAccountId<::ink::env::DefaultEnvironment> for #reference {
            fn from_account_id(account_id: ::ink::primitives::AccountId) -> Self {
                Self { account_id }
            }
        }

        impl ::ink::codegen::TraitRef for dyn #name {
            type Ref = #reference;
        }

        impl #name for #reference {
            #(#forwarders)*
        }
    })
}

/// A trait message on the trait's reference type: a call of the message's trait
/// selector (`Trait::message`, or its own `selector = N`) with the arguments; traps if
/// the call fails, as the methods of a `ContractRef` do.
fn trait_forwarder(trait_name: &syn::Ident, f: &syn::TraitItemFn, attr: &InkAttr) -> TokenStream {
    let sig = &f.sig;
    let sel = match attr.selector {
        Some(s) => s.to_be_bytes(),
        None => selector(&format!("{trait_name}::{}", sig.ident)),
    };
    let args = sig.inputs.iter().filter_map(|a| match a {
        FnArg::Typed(t) => Some(&t.pat),
        FnArg::Receiver(_) => None,
    });
    let ret = match &sig.output {
        ReturnType::Type(_, t) => quote!(#t),
        ReturnType::Default => quote!(()),
    };
    let cfgs = f.attrs.iter().filter(|a| a.path().is_ident("cfg"));
    quote! {
        #(#cfgs)*
        #sig {
            ::ink::env::call::build_call::<::ink::env::DefaultEnvironment>()
                .call(self.account_id)
                .exec_input(
                    ::ink::env::call::ExecutionInput::new(::ink::env::call::Selector::new([#(#sel),*]))
                        #(.push_arg(&#args))*
                )
                .returns::<#ret>()
                .invoke()
        }
    }
}

/// `ink::selector_bytes!("name")` (`as_id`: `ink::selector_id!`, a big-endian `u32`).
///
/// # Errors
/// If the input is not one string literal.
pub fn selector_macro(input: TokenStream, as_id: bool) -> syn::Result<TokenStream> {
    let name: syn::LitStr = syn::parse2(input)?;
    let bytes = selector(&name.value());
    Ok(if as_id {
        let id = u32::from_be_bytes(bytes);
        quote!(#id)
    } else {
        quote!([#(#bytes),*])
    })
}

/// Expands `#[ink::scale_derive(Encode, Decode, TypeInfo)]` into SCALE derives through
/// the SDK's re-export (`TypeInfo` in `std` builds only: it is for metadata).
///
/// # Errors
/// If the list names anything else.
pub fn scale_derive(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let names = syn::parse::Parser::parse2(
        syn::punctuated::Punctuated::<syn::Ident, syn::Token![,]>::parse_terminated,
        attr,
    )?;
    let mut derives = Vec::new();
    let mut type_info = false;
    for n in names {
        match n.to_string().as_str() {
            "Encode" => derives.push(quote!(::ink::scale::Encode)),
            "Decode" => derives.push(quote!(::ink::scale::Decode)),
            "TypeInfo" => type_info = true,
            _ => return Err(syn::Error::new(n.span(), "expected Encode, Decode or TypeInfo")),
        }
    }
    // Type information is only for metadata, made off-chain: on-chain builds skip it.
    let type_info = type_info.then(|| {
        quote! {
            #[cfg_attr(feature = "std", derive(::ink::scale_info::TypeInfo))]
            #[cfg_attr(feature = "std", scale_info(crate = ::ink::scale_info))]
        }
    });
    // `#[codec]` only where a codec derive introduces it.
    let codec = (!derives.is_empty()).then(|| {
        quote! {
            #[derive(#(#derives),*)]
            #[codec(crate = ::ink::scale)]
        }
    });
    Ok(quote! {
        #codec
        #type_info
        #item
    })
}

/// Expands `#[ink::test] fn name() { body }`: a `#[test]` that resets the off-chain
/// chain to ink!'s initial state and runs the body (whose value, as in ink!, is
/// dropped); a test that declares a return type keeps it.
///
/// # Errors
/// If the item is not a function.
pub fn test(item: TokenStream) -> syn::Result<TokenStream> {
    let f: syn::ItemFn = syn::parse2(item)?;
    let (attrs, vis, sig, block) = (&f.attrs, &f.vis, &f.sig, &f.block);
    let reset = quote! {
        ::ink::env::test::run_test::<::ink::env::DefaultEnvironment, _>(|_| ::core::result::Result::Ok(()))
            .expect("resetting the off-chain environment does not fail");
    };
    Ok(match &sig.output {
        ReturnType::Default => quote! {
            #[test]
            #(#attrs)*
            #vis #sig {
                #reset
                #[allow(clippy::redundant_closure_call, reason = "the body's value is dropped")]
                let _ = (|| #block)();
            }
        },
        ReturnType::Type(..) => quote! {
            #[test]
            #(#attrs)*
            #vis #sig {
                #reset
                #block
            }
        },
    })
}

/// `#[ink::chain_extension]`: a compile error at the item, since Rivet's pallet has no
/// chain extensions.
pub fn chain_extension(item: TokenStream) -> TokenStream {
    let span = item.into_iter().next().map_or_else(proc_macro2::Span::call_site, |t| t.span());
    syn::Error::new(
        span,
        "Rivet's contracts pallet has no chain extensions: `#[ink::chain_extension]` needs runtime support Rivet does not have",
    )
    .to_compile_error()
}

/// `ink::blake2x256!("text")`: BLAKE2b-256 of the string's bytes, as `[u8; 32]`.
///
/// # Errors
/// If the input is not one string literal.
pub fn blake2x256_macro(input: TokenStream) -> syn::Result<TokenStream> {
    let text: syn::LitStr = syn::parse2(input)?;
    let hash = blake2_256(text.value().as_bytes());
    Ok(quote!([#(#hash),*]))
}

/// Expands `#[ink::storage_item]`: a type stored inside the contract's storage, with
/// SCALE derives (unless `derive = false`) and its own keys for the `Mapping`, `Lazy`
/// and `StorageVec` fields it holds (BLAKE2b-256 of `Type::field`, as for the storage
/// struct).
///
/// # Errors
/// If the item is not a struct or enum, or an argument is unknown.
pub fn storage_item(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut derive = true;
    let parser = syn::meta::parser(|m| {
        if m.path.is_ident("derive") {
            let lit: syn::LitBool = m.value()?.parse()?;
            derive = lit.value;
            Ok(())
        } else {
            Err(m.error("unknown #[ink::storage_item] argument (expected `derive`)"))
        }
    });
    syn::parse::Parser::parse2(parser, attr)?;
    let mut item: Item = syn::parse2(item)?;
    let attrs = match &mut item {
        Item::Struct(s) => {
            assign_storage_keys(s);
            &mut s.attrs
        }
        Item::Enum(e) => &mut e.attrs,
        other => {
            return Err(syn::Error::new(
                other.span(),
                "#[ink::storage_item] takes a struct or an enum",
            ))
        }
    };
    if derive {
        attrs.push(syn::parse_quote!(#[derive(::ink::scale::Encode, ::ink::scale::Decode)]));
        attrs.push(syn::parse_quote!(#[codec(crate = ::ink::scale)]));
    }
    Ok(quote!(#item))
}

/// `#[derive(StorageLayout)]`: marks the type as having a storage layout.
///
/// # Errors
/// If the input is not a type definition.
pub fn storage_layout_derive(item: TokenStream) -> syn::Result<TokenStream> {
    let input: syn::DeriveInput = syn::parse2(item)?;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::ink::storage::traits::StorageLayout for #name #ty_generics #where_clause {}
    })
}

/// BLAKE2b-256.
fn blake2_256(data: &[u8]) -> [u8; 32] {
    Blake2b::<U32>::digest(data).into()
}

/// An `#[ink(event)]` (or `#[ink::event]`) struct: SCALE derives, and
/// `ink::codegen::Event` whose topics are the signature topic (BLAKE2b-256 of
/// `Name(type,…)` with the field types as written, or `signature_topic = "…"`; none if
/// `anonymous`) followed by each `#[ink(topic)]` field (its SCALE encoding zero-padded
/// to 32 bytes, or its BLAKE2b-256 if longer; an `Option` field's inner value, `None` as
/// zeros).
fn event(s: &mut syn::ItemStruct, attr: &InkAttr) -> syn::Result<TokenStream> {
    let name = &s.ident;
    let mut types = Vec::new();
    let mut topics = Vec::new();
    let mut spec_fields = Vec::new();
    for (i, field) in s.fields.iter_mut().enumerate() {
        let attr = take_ink_attrs(&mut field.attrs)?;
        let ty = &field.ty;
        let type_name = quote!(#ty).to_string().replace(' ', "");
        types.push(type_name.clone());
        let label = field.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
        let (indexed, display, docs) = (attr.topic, display_name(ty), docs(&field.attrs));
        spec_fields.push(quote!(::ink::metadata::EventField {
            label: #label,
            indexed: #indexed,
            type_name: #type_name,
            display: &[#(#display),*],
            docs: &[#(#docs),*],
            ty: ::ink::metadata::meta::<#ty>,
        }));
        if attr.topic {
            let member = match &field.ident {
                Some(id) => quote!(#id),
                None => {
                    let index = syn::Index::from(i);
                    quote!(#index)
                }
            };
            topics.push(member);
        }
    }
    s.attrs.push(syn::parse_quote!(#[derive(::ink::scale::Encode, ::ink::scale::Decode)]));
    s.attrs.push(syn::parse_quote!(#[codec(crate = ::ink::scale)]));
    let signature = attr
        .signature_topic
        .unwrap_or_else(|| blake2_256(format!("{name}({})", types.join(",")).as_bytes()));
    let (signature_const, push_signature) = if attr.anonymous {
        (quote!(::core::option::Option::None), quote!())
    } else {
        (
            quote!(::core::option::Option::Some([#(#signature),*])),
            quote!(topics.push([#(#signature),*]);),
        )
    };
    let (impl_generics, ty_generics, where_clause) = s.generics.split_for_impl();
    let cfgs: Vec<_> = s.attrs.iter().filter(|a| a.path().is_ident("cfg")).collect();
    let label = name.to_string();
    let spec_signature = if attr.anonymous {
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some([#(#signature),*]))
    };
    let event_docs = docs(&s.attrs);
    let code = quote! {
        #(#cfgs)*
        ::ink::__register_event!(::ink::metadata::EventSpec::new(
            #label,
            ::core::module_path!(),
            #spec_signature,
            &[#(#event_docs),*],
            &[#(#spec_fields),*],
        ));
        #(#cfgs)*
        impl #impl_generics ::ink::codegen::Event for #name #ty_generics #where_clause {
            const SIGNATURE_TOPIC: ::core::option::Option<[u8; 32]> = #signature_const;
            fn topics(&self) -> ::ink::codegen::Vec<[u8; 32]> {
                #[allow(unused_imports, reason = "for the fields that are not options")]
                use ::ink::codegen::AsOptionFallback as _;
                let mut topics = ::ink::codegen::Vec::new();
                #push_signature
                #(topics.push(::ink::codegen::topic_of(
                    ::ink::codegen::AsOption(&self.#topics).value(),
                ));)*
                topics
            }
        }
    };
    Ok(code)
}

/// Expands `#[ink::event]` (an event defined outside a contract, for several
/// contracts to emit): as `#[ink(event)]`, with `anonymous` and
/// `signature_topic = "0x…"` as arguments.
///
/// # Errors
/// If the item is not a struct, or an argument is unknown.
pub fn event_item(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut s: syn::ItemStruct = syn::parse2(item)?;
    let mut event_attr = InkAttr::default();
    let parser = syn::meta::parser(|m| {
        if m.path.is_ident("anonymous") {
            event_attr.anonymous = true;
        } else if m.path.is_ident("signature_topic") {
            event_attr.signature_topic = Some(parse_topic(&m.value()?.parse()?)?);
        } else {
            return Err(m.error(
                "unknown #[ink::event] argument (expected `anonymous` or `signature_topic`)",
            ));
        }
        Ok(())
    });
    syn::parse::Parser::parse2(parser, attr)?;
    let code = event(&mut s, &event_attr)?;
    Ok(quote!(#s #code))
}

/// The `deploy` and `call` entry points (on-chain builds only).
fn dispatch(storage: &syn::Ident, callables: &[Callable]) -> TokenStream {
    let arm = |c: &Callable| {
        let sel = c.selector;
        let name = &c.name;
        let arg_names: Vec<_> = c.args.iter().map(|a| &a.0).collect();
        let arg_types: Vec<_> = c.args.iter().map(|a| &a.1).collect();
        let payable = if c.payable { quote!() } else { quote!(::ink::codegen::deny_payment();) };
        let decode = quote! {
            let (#(#arg_names,)*): (#(#arg_types,)*) = ::ink::codegen::decode_args(input);
        };
        let body = match c.receiver {
            None if c.fallible => quote! {
                let result = #storage::#name(#(#arg_names),*)
                    .map(|contract| ::ink::codegen::store_root(&contract));
                ::ink::codegen::return_message(&result, result.is_err())
            },
            None => quote! {
                let contract = #storage::#name(#(#arg_names),*);
                ::ink::codegen::store_root(&contract);
                ::ink::codegen::return_ok(&())
            },
            Some(mutable) => {
                // A trait message is called through its trait's path, so that the trait
                // need not be in scope (`impl other_crate::Flip for Flipper`).
                let (call_mut, call_ref) = match &c.trait_path {
                    Some(path) => (
                        quote!(<#storage as #path>::#name(&mut contract, #(#arg_names),*)),
                        quote!(<#storage as #path>::#name(&contract, #(#arg_names),*)),
                    ),
                    None => (
                        quote!(contract.#name(#(#arg_names),*)),
                        quote!(contract.#name(#(#arg_names),*)),
                    ),
                };
                let call = if mutable {
                    quote! {
                        let mut contract: #storage = ::ink::codegen::load_root();
                        let result = #call_mut;
                        ::ink::codegen::store_root(&contract);
                    }
                } else {
                    quote! {
                        let contract: #storage = ::ink::codegen::load_root();
                        let result = #call_ref;
                    }
                };
                let ret = if c.fallible {
                    quote!(::ink::codegen::return_message(&result, result.is_err()))
                } else if c.returns {
                    quote!(::ink::codegen::return_ok(&result))
                } else {
                    quote!(::ink::codegen::return_ok(&()))
                };
                quote! { #call #ret }
            }
        };
        let cfgs = &c.cfgs;
        let pattern = if c.wildcard { quote!(_) } else { quote!([#(#sel),*]) };
        quote! { #(#cfgs)* #pattern => { #payable #decode #body } }
    };
    // The wildcard arm, if any, goes last: it takes every selector no other one does.
    let arms = |constructors: bool| -> Vec<TokenStream> {
        let of_kind = callables.iter().filter(|c| c.receiver.is_none() == constructors);
        let (wild, exact): (Vec<&Callable>, Vec<&Callable>) = of_kind.partition(|c| c.wildcard);
        let mut out: Vec<TokenStream> = exact.into_iter().map(arm).collect();
        match wild.first() {
            Some(w) => out.push(arm(w)),
            None => out.push(quote!(_ => ::ink::codegen::return_unknown_selector(),)),
        }
        out
    };
    let ctors = arms(true);
    let msgs = arms(false);
    quote! {
        // A contract built as another's dependency (`ink-as-dependency`) contributes its
        // `ContractRef`, not its entry points.
        #[cfg(not(any(feature = "std", feature = "ink-as-dependency")))]
        const _: () = {
            #[no_mangle]
            extern "C" fn deploy() {
                let (selector, input) = ::ink::codegen::read_call();
                let input: &[u8] = &input;
                match selector {
                    #(#ctors)*
                }
            }
            #[no_mangle]
            extern "C" fn call() {
                let (selector, input) = ::ink::codegen::read_call();
                let input: &[u8] = &input;
                match selector {
                    #(#msgs)*
                }
            }
            ::ink::export!(deploy, call);
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_inks() {
        // ink! 5's documented selector of `flip` and of `get`.
        assert_eq!(selector("flip"), [0x63, 0x3a, 0xa5, 0x51]);
        assert_eq!(selector("get"), [0x2f, 0x86, 0x5b, 0xd9]);
    }

    #[test]
    fn expands_a_flipper() {
        let input = quote! {
            mod flipper {
                #[ink(storage)]
                pub struct Flipper { value: bool }
                impl Flipper {
                    #[ink(constructor)]
                    pub fn new(init: bool) -> Self { Self { value: init } }
                    #[ink(message, payable, selector = 0xCAFEBABE)]
                    pub fn flip(&mut self) { self.value = !self.value; }
                    #[ink(message)]
                    pub fn get(&self) -> bool { self.value }
                }
            }
        };
        let out = contract(TokenStream::new(), input).unwrap().to_string();
        assert!(out.contains("extern \"C\" fn deploy"), "{out}");
        assert!(out.contains("202u8 , 254u8 , 186u8 , 190u8"), "explicit selector: {out}");
        assert!(!out.contains("# [ink"), "ink attributes are removed: {out}");
        assert!(out.contains("rivet_metadata"), "{out}");
    }

    #[test]
    fn metadata_names_types_and_docs_as_ink_does() {
        let ty: Type = syn::parse_quote!(ink::prelude::vec::Vec<u8>);
        assert_eq!(display_name(&ty), ["ink", "prelude", "vec", "Vec"]);
        let ty: Type = syn::parse_quote!((u8, bool));
        assert!(display_name(&ty).is_empty());
        let f: syn::ItemFn = syn::parse_quote! {
            /// Flips the value.
            ///
            ///   Indented.
            #[inline]
            fn flip() {}
        };
        assert_eq!(docs(&f.attrs), ["Flips the value.", "", "Indented."]);
    }

    #[test]
    fn storage_fields_get_keys_or_keep_their_own() {
        let mut s: syn::ItemStruct = syn::parse_quote! {
            pub struct Token {
                total: u128,
                balances: Mapping<AccountId, u128>,
                fixed: Lazy<u32, ManualKey<7>>,
            }
        };
        let fields = assign_storage_keys(&mut s);
        let keys: Vec<Option<u32>> =
            fields.iter().map(|f| f.own_key.as_ref().map(|k| k.0)).collect();
        let hash = blake2_256(b"Token::balances");
        let balances = u32::from_le_bytes([hash[0], hash[1], hash[2], hash[3]]);
        assert_eq!(keys, [None, Some(balances), Some(7)]);
        let ty = &fields[1].ty;
        assert!(quote!(#ty).to_string().contains("ManualKey"), "the key is in the type");
    }

    #[test]
    fn events_get_a_signature_topic_and_field_topics() {
        let input = quote! {
            mod c {
                #[ink(storage)] pub struct S;
                #[ink(event)] pub struct Moved { #[ink(topic)] from: AccountId, value: u128 }
                impl S { #[ink(message)] pub fn m(&self) {} }
            }
        };
        let out = contract(TokenStream::new(), input).unwrap().to_string();
        assert!(out.contains("impl :: ink :: codegen :: Event for Moved"), "{out}");
        assert!(out.contains("AsOption (& self . from)"), "{out}");
        let sig = blake2_256(b"Moved(AccountId,u128)");
        assert!(out.contains(&format!("{}u8", sig[0])), "{out}");
    }

    #[test]
    fn mapping_fields_get_their_own_keys() {
        let input = quote! {
            mod c {
                #[ink(storage)] pub struct Erc20 { total: u128, balances: Mapping<AccountId, u128> }
                impl Erc20 { #[ink(message)] pub fn m(&self) {} }
            }
        };
        let out = contract(TokenStream::new(), input).unwrap().to_string();
        let hash = blake2_256(b"Erc20::balances");
        let key = u32::from_le_bytes([hash[0], hash[1], hash[2], hash[3]]);
        assert!(out.contains(&format!("ManualKey < {key}u32 >")), "{out}");
    }

    #[test]
    fn trait_messages_get_trait_selectors_and_results_revert() {
        let input = quote! {
            mod c {
                #[ink(storage)] pub struct S;
                impl S {
                    #[ink(constructor)] pub fn new() -> Result<Self, Error> { Ok(Self) }
                    #[ink(message)] pub fn plain(&self) -> u8 { 1 }
                }
                impl Flip for S { #[ink(message)] fn flip(&mut self) -> Result<(), Error> { Ok(()) } }
            }
        };
        let out = contract(TokenStream::new(), input).unwrap().to_string();
        let [a, b, c, d] = selector("Flip::flip");
        assert!(out.contains(&format!("[{a}u8 , {b}u8 , {c}u8 , {d}u8] =>")), "{out}");
        // Fallible entry points pass `is_err()` as the revert flag; plain ones return Ok.
        assert_eq!(
            out.matches("return_message (& result , result . is_err ())").count(),
            2,
            "{out}"
        );
        assert!(out.contains("return_ok (& result)"), "{out}");
    }

    #[test]
    fn the_contract_ref_builds_calls_and_instantiations() {
        let input = quote! {
            mod c {
                #[ink(storage)] pub struct Counter;
                impl Counter {
                    #[ink(constructor)] pub fn new(start: u32) -> Self { Self }
                    #[ink(message)] pub fn inc(&mut self, by: u32) -> u32 { by }
                    #[ink(message)] pub fn get(&self) -> u32 { 0 }
                }
            }
        };
        let out = contract(TokenStream::new(), input).unwrap().to_string();
        assert!(out.contains("pub struct CounterRef"), "{out}");
        assert!(
            out.contains("pub fn new (start : u32) -> :: ink :: env :: call :: CreateBuilder < Self , Self >"),
            "{out}"
        );
        assert!(out.contains("pub fn inc (& mut self , by : u32) -> u32"), "{out}");
        assert!(
            out.contains(
                "< Self as :: ink :: codegen :: TraitCallBuilder > :: call_mut (self) . inc (by) . invoke ()"
            ),
            "{out}"
        );
        assert!(out.contains(". push_arg (& by)"), "{out}");
        // Entry points and the metadata section are left out when built as a dependency.
        assert_eq!(out.matches("feature = \"ink-as-dependency\"").count(), 3, "{out}");
    }

    #[test]
    fn trait_definitions_lose_their_ink_attributes_and_check_methods() {
        let ok = quote! { pub trait Flip { #[ink(message)] fn flip(&mut self); } };
        let out = trait_definition(ok).unwrap().to_string();
        let (declared, generated) = out.split_once("pub struct").unwrap();
        assert!(
            declared.contains("fn flip (& mut self) ;") && !declared.contains("# [ink"),
            "{out}"
        );
        // The reference type `contract_ref!(Flip)` names calls `Flip::flip`'s selector.
        let [a, b, c, d] = selector("Flip::flip");
        assert!(generated.contains("impl :: ink :: codegen :: TraitRef for dyn Flip"), "{out}");
        assert!(generated.contains(&format!("[{a}u8 , {b}u8 , {c}u8 , {d}u8]")), "{out}");
        let no_attr = quote! { pub trait Flip { fn flip(&mut self); } };
        let e = trait_definition(no_attr).unwrap_err().to_string();
        assert!(e.contains("must be #[ink(message)]"), "{e}");
        let no_self = quote! { pub trait Flip { #[ink(message)] fn flip(); } };
        assert!(trait_definition(no_self).unwrap_err().to_string().contains("`&self`"));
        assert_eq!(
            selector_macro(quote!("flip"), false).unwrap().to_string(),
            "[99u8 , 58u8 , 165u8 , 81u8]"
        );
        assert_eq!(selector_macro(quote!("flip"), true).unwrap().to_string(), "1664787793u32");
    }

    #[test]
    fn misuse_points_at_the_users_code() {
        let no_storage = quote! { mod c { impl X { #[ink(message)] fn m(&self) {} } } };
        assert!(contract(TokenStream::new(), no_storage)
            .unwrap_err()
            .to_string()
            .contains("needs one #[ink(storage)]"));
        let static_message =
            quote! { mod c { #[ink(storage)] struct S; impl S { #[ink(message)] fn m() {} } } };
        assert!(contract(TokenStream::new(), static_message)
            .unwrap_err()
            .to_string()
            .contains("must take `&self`"));
        let unknown =
            quote! { mod c { #[ink(storage)] struct S; impl S { #[ink(mesage)] fn m(&self) {} } } };
        assert!(contract(TokenStream::new(), unknown)
            .unwrap_err()
            .to_string()
            .contains("unknown ink! attribute"));
    }
}
