//! The `ContractRef` of a contract (`FlipperRef` for `Flipper`): what another contract
//! holds to instantiate and call it. Its constructors return an `ink::env::call`
//! create builder preloaded with the selector and arguments; its messages make the
//! call (`invoke`), and `call()`/`call_mut()` give builders to adjust first (gas,
//! value, flags) as in ink! 5.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::Callable;

/// `ExecutionInput::new(selector).push_arg(&a)…` for `c`.
fn exec_input(c: &Callable) -> TokenStream {
    let sel = c.selector;
    let names = c.args.iter().map(|a| &a.0);
    quote! {
        ::ink::env::call::ExecutionInput::new(::ink::env::call::Selector::new([#(#sel),*]))
            #(.push_arg(&#names))*
    }
}

/// The reference type, its trait impls, its constructors and messages.
pub(crate) fn contract_ref(storage: &syn::Ident, callables: &[Callable]) -> TokenStream {
    let name = format_ident!("{storage}Ref");
    let calls = format_ident!("{storage}RefCalls");
    let doc = format!("A reference to a deployed `{storage}`, to instantiate and call it.");
    let calls_doc = format!("Call builders for the messages of a `{name}`.");
    let ctors = callables.iter().filter(|c| c.receiver.is_none()).map(|c| {
        let (f, input) = (&c.name, exec_input(c));
        let cfgs = &c.cfgs;
        let params = c.args.iter().map(|(n, t)| quote!(#n: #t));
        let ret = c.output.as_ref().map_or_else(|| quote!(Self), |t| quote!(#t));
        quote! {
            #(#cfgs)*
            #[doc = concat!("Instantiates with the `", stringify!(#f), "` constructor.")]
            #[allow(clippy::new_ret_no_self, reason = "ink!'s shape: constructors return a create builder")]
            pub fn #f(#(#params),*) -> ::ink::env::call::CreateBuilder<Self, #ret> {
                ::ink::env::call::build_create::<Self>().exec_input(#input).returns::<#ret>()
            }
        }
    });
    let msgs: Vec<_> = callables.iter().filter(|c| c.receiver.is_some()).collect();
    let invokers = msgs.iter().map(|c| {
        let f = &c.name;
        let try_f = format_ident!("try_{f}");
        let cfgs = &c.cfgs;
        let params: Vec<_> = c.args.iter().map(|(n, t)| quote!(#n: #t)).collect();
        let names: Vec<_> = c.args.iter().map(|a| &a.0).collect();
        let ret = c.output.as_ref().map_or_else(|| quote!(()), |t| quote!(#t));
        let (receiver, builder) = if c.receiver == Some(true) {
            (quote!(&mut self), quote!(call_mut))
        } else {
            (quote!(&self), quote!(call))
        };
        quote! {
            #(#cfgs)*
            #[doc = concat!("Calls `", stringify!(#f), "`; traps if the call fails.")]
            pub fn #f(#receiver, #(#params),*) -> #ret {
                <Self as ::ink::codegen::TraitCallBuilder>::#builder(self).#f(#(#names),*).invoke()
            }
            #(#cfgs)*
            #[doc = concat!("Calls `", stringify!(#f), "`; `Err` if the callee did not understand the call, traps if it failed.")]
            pub fn #try_f(#receiver, #(#params),*) -> ::ink::MessageResult<#ret> {
                <Self as ::ink::codegen::TraitCallBuilder>::#builder(self)
                    .#f(#(#names),*)
                    .try_invoke()
                    .unwrap_or_else(|_| ::ink::env::backend::trap())
            }
        }
    });
    let builders = msgs.iter().map(|c| {
        let (f, input) = (&c.name, exec_input(c));
        let cfgs = &c.cfgs;
        let params = c.args.iter().map(|(n, t)| quote!(#n: #t));
        let ret = c.output.as_ref().map_or_else(|| quote!(()), |t| quote!(#t));
        quote! {
            #(#cfgs)*
            #[doc = concat!("A call of `", stringify!(#f), "`, to adjust and `invoke`.")]
            pub fn #f(self, #(#params),*)
                -> ::ink::env::call::CallBuilder<Environment, #ret>
            {
                ::ink::env::call::build_call::<Environment>()
                    .call(self.account_id)
                    .exec_input(#input)
                    .returns::<#ret>()
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ::ink::scale::Encode, ::ink::scale::Decode)]
        #[codec(crate = ::ink::scale)]
        #[cfg_attr(feature = "std", derive(::ink::scale_info::TypeInfo))]
        #[cfg_attr(feature = "std", scale_info(crate = ::ink::scale_info))]
        #[allow(dead_code, reason = "used by contracts that depend on this one")]
        pub struct #name {
            account_id: AccountId,
        }

        #[doc = #calls_doc]
        #[derive(Clone, Copy, Debug)]
        #[allow(dead_code, reason = "used by contracts that depend on this one")]
        pub struct #calls {
            account_id: AccountId,
        }

        impl ::ink::env::ContractEnv for #name {
            type Env = Environment;
        }

        impl ::ink::env::call::FromAccountId<Environment> for #name {
            fn from_account_id(account_id: AccountId) -> Self {
                Self { account_id }
            }
        }

        impl ::ink::ToAccountId<Environment> for #name {
            fn to_account_id(&self) -> AccountId {
                ::core::clone::Clone::clone(&self.account_id)
            }
        }

        #[allow(dead_code, reason = "used by contracts that depend on this one")]
        impl #name {
            #(#ctors)*
            #(#invokers)*
        }

        impl ::ink::codegen::TraitCallBuilder for #name {
            type Builder = #calls;
            fn call(&self) -> #calls {
                #calls { account_id: ::core::clone::Clone::clone(&self.account_id) }
            }
            fn call_mut(&mut self) -> #calls {
                #calls { account_id: ::core::clone::Clone::clone(&self.account_id) }
            }
        }

        #[allow(dead_code, reason = "used by contracts that depend on this one")]
        impl #calls {
            #(#builders)*
        }
    }
}
