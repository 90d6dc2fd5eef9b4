//! Proc-macro shim of Rivet's ink!-compatible SDK: the logic is in `rivet-ink-codegen`.

use proc_macro::TokenStream;

/// `#[ink::contract]` on a contract module.
#[proc_macro_attribute]
pub fn contract(attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::contract(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[ink::scale_derive(Encode, Decode, TypeInfo)]`.
#[proc_macro_attribute]
pub fn scale_derive(attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::scale_derive(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[ink::test]`: an off-chain unit test (a `#[test]` on the host that starts from
/// ink!'s initial off-chain state).
#[proc_macro_attribute]
pub fn test(_attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::test(item.into()).unwrap_or_else(|e| e.to_compile_error()).into()
}

/// `#[ink::trait_definition]` on a trait whose methods are `#[ink(message)]`s.
#[proc_macro_attribute]
pub fn trait_definition(_attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::trait_definition(item.into()).unwrap_or_else(|e| e.to_compile_error()).into()
}

/// `ink::selector_bytes!("name")`: ink!'s selector of `name` as `[u8; 4]`.
#[proc_macro]
pub fn selector_bytes(input: TokenStream) -> TokenStream {
    rivet_ink_codegen::selector_macro(input.into(), false)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `ink::selector_id!("name")`: ink!'s selector of `name` as a big-endian `u32`.
#[proc_macro]
pub fn selector_id(input: TokenStream) -> TokenStream {
    rivet_ink_codegen::selector_macro(input.into(), true)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[ink::event]` on a struct defined outside a contract.
#[proc_macro_attribute]
pub fn event(attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::event_item(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[ink::storage_item]` on a type stored inside the contract's storage.
#[proc_macro_attribute]
pub fn storage_item(attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::storage_item(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `ink::blake2x256!("text")`: BLAKE2b-256 of the text as `[u8; 32]`.
#[proc_macro]
pub fn blake2x256(input: TokenStream) -> TokenStream {
    rivet_ink_codegen::blake2x256_macro(input.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[derive(StorageLayout)]` (as `ink::storage::traits::StorageLayout`).
#[proc_macro_derive(StorageLayout)]
pub fn storage_layout(item: TokenStream) -> TokenStream {
    rivet_ink_codegen::storage_layout_derive(item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// `#[ink::chain_extension]`: not on Rivet, whose pallet has no chain extensions.
#[proc_macro_attribute]
pub fn chain_extension(_attr: TokenStream, item: TokenStream) -> TokenStream {
    rivet_ink_codegen::chain_extension(item.into()).into()
}
