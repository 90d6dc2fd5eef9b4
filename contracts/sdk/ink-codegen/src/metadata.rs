//! The contract's metadata. On-chain builds mark the ELF as a contract with a
//! `.rivet_metadata` section holding the contract's name (the linker drops it from the
//! blob); `std` builds define `__rivet_generate_metadata`, which describes the contract to
//! `ink::metadata::generate` (ink!'s metadata version 5, with `scale-info` types).
//! `rivet build` runs the latter and writes the result next to the blob.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use crate::{display_name, Callable};

/// A field of the storage struct, for the storage layout.
pub(crate) struct StorageField {
    pub(crate) name: String,
    /// Its type (with the key `#[ink::contract]` gave it).
    pub(crate) ty: Type,
    /// A `Mapping`, `Lazy` or `StorageVec` field: its key and the stored value's type.
    pub(crate) own_key: Option<(u32, Type)>,
}

/// One `ink::metadata::EntrySpec` (constructor or message).
fn entry(storage: &syn::Ident, c: &Callable) -> TokenStream {
    let label = c.name.to_string();
    let selector = c.selector;
    let (payable, default, mutates) = (c.payable, c.default, c.receiver.unwrap_or(true));
    let docs = &c.docs;
    let args = c.args.iter().map(|(name, ty)| {
        let (label, display) = (name.to_string(), display_name(ty));
        quote!(::ink::metadata::ArgSpec {
            label: #label,
            display: &[#(#display),*],
            ty: ::ink::metadata::meta::<#ty>,
        })
    });
    // What the entry point returns, as encoded: messages `MessageResult<T>`, constructors
    // `ConstructorResult<()>` or, when fallible, `ConstructorResult<Result<(), E>>`.
    let returns = match (c.receiver, &c.return_type) {
        (Some(_), Some(t)) => quote!(::ink::metadata::meta::<::ink::MessageResult<#t>>),
        (Some(_), None) => quote!(::ink::metadata::meta::<::ink::MessageResult<()>>),
        (None, _) if c.fallible => {
            let id = u32::from_be_bytes(c.selector);
            quote!(::ink::metadata::meta::<::ink::ConstructorResult<::core::result::Result<(),
                <#storage as ::ink::reflect::DispatchableConstructorInfo<#id>>::Error>>>)
        }
        (None, _) => quote!(::ink::metadata::meta::<::ink::ConstructorResult<()>>),
    };
    // An entry point compiled out by its `#[cfg]` is left out of the metadata too (its
    // types may not exist in this build, so they are not named either).
    let predicates: Vec<_> =
        c.cfgs.iter().filter_map(|a| a.meta.require_list().ok()).map(|l| &l.tokens).collect();
    let cfgs = &c.cfgs;
    quote! {{
        #(#cfgs)*
        let spec = ::ink::metadata::EntrySpec {
            label: #label,
            selector: [#(#selector),*],
            payable: #payable,
            default: #default,
            mutates: #mutates,
            docs: &[#(#docs),*],
            args: &[#(#args),*],
            returns: #returns,
            present: true,
        };
        #[cfg(not(all(#(#predicates),*)))]
        let spec = ::ink::metadata::EntrySpec::absent();
        spec
    }}
}

/// The metadata of the contract in `module`: the `.rivet_metadata` marker section
/// (on-chain builds) and the `std` builds' `__rivet_generate_metadata`.
pub(crate) fn metadata(
    module: &syn::Ident,
    docs: &[String],
    storage: &syn::Ident,
    fields: &[StorageField],
    callables: &[Callable],
) -> TokenStream {
    let name = module.to_string();
    let bytes = proc_macro2::Literal::byte_string(name.as_bytes());
    let len = name.len();
    let constructors = callables.iter().filter(|c| c.receiver.is_none()).map(|c| entry(storage, c));
    let messages = callables.iter().filter(|c| c.receiver.is_some()).map(|c| entry(storage, c));
    let storage_name = storage.to_string();
    let fields = fields.iter().map(|f| {
        let (name, ty) = (&f.name, &f.ty);
        let own_key = match &f.own_key {
            Some((key, value)) => quote!(Some((#key, ::ink::metadata::meta::<#value>))),
            None => quote!(None),
        };
        quote!(::ink::metadata::FieldSpec {
            name: #name,
            ty: ::ink::metadata::meta::<#ty>,
            own_key: #own_key,
        })
    });
    quote! {
        #[cfg(not(any(feature = "std", feature = "ink-as-dependency")))]
        #[link_section = ".rivet_metadata"]
        #[used]
        static __RIVET_METADATA: [u8; #len] = *#bytes;

        /// The contract's metadata (ink!'s version 5, what `rivet build` writes), made
        /// off-chain.
        #[cfg(all(feature = "std", not(feature = "ink-as-dependency")))]
        #[no_mangle]
        pub fn __rivet_generate_metadata() -> ::std::string::String {
            ::ink::metadata::generate::<Environment>(&::ink::metadata::ContractSpec {
                package: ::ink::metadata::PackageInfo {
                    name: ::core::env!("CARGO_PKG_NAME"),
                    version: ::core::env!("CARGO_PKG_VERSION"),
                    authors: ::core::env!("CARGO_PKG_AUTHORS"),
                    description: ::core::env!("CARGO_PKG_DESCRIPTION"),
                    repository: ::core::env!("CARGO_PKG_REPOSITORY"),
                    homepage: ::core::env!("CARGO_PKG_HOMEPAGE"),
                    license: ::core::env!("CARGO_PKG_LICENSE"),
                },
                docs: &[#(#docs),*],
                constructors: &[#(#constructors),*],
                messages: &[#(#messages),*],
                storage: ::ink::metadata::StorageSpec {
                    name: #storage_name,
                    ty: ::ink::metadata::meta::<#storage>,
                    fields: &[#(#fields),*],
                },
            })
        }
    }
}
