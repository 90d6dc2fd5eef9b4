//! A contract that instantiates and calls another, written as an ink! 5 contract: its
//! constructor deploys an `incrementer` from a code hash (`IncrementerRef`), and its
//! messages call it through the reference and through ink!'s call builder — with
//! value, with an explicit selector, with an unknown one, into a callee that traps, and
//! back into itself (re-entry and the call-depth limit). It also shows
//! `#[ink::trait_definition]` and `ink::storage::Lazy`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

/// Forwarding to the counter, as an ink! trait.
#[ink::trait_definition]
pub trait Forward {
    /// Adds `by` to the counter; its new value.
    #[ink(message)]
    fn forward(&mut self, by: i32) -> i32;
}

#[ink::contract]
mod delegator {
    use super::Forward;
    use counter::IncrementerRef;
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment, ReturnErrorCode};
    use ink::storage::Lazy;

    /// The counter this contract deployed, and how many calls it forwarded.
    #[ink(storage)]
    pub struct Delegator {
        counter: IncrementerRef,
        forwarded: Lazy<u32>,
    }

    /// Why a cross-contract call failed.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The callee trapped (or ran out of gas).
        CalleeTrapped,
        /// The callee did not understand the input.
        CouldNotReadInput,
        /// The call would have re-entered a contract that did not allow it.
        ReentranceDenied,
        /// Too many nested calls.
        CallDepthExceeded,
        /// Anything else.
        Other,
    }

    impl From<ink::env::Error> for Error {
        fn from(e: ink::env::Error) -> Self {
            match e {
                ink::env::Error::ReturnError(ReturnErrorCode::CalleeTrapped) => {
                    Error::CalleeTrapped
                }
                ink::env::Error::ReturnError(ReturnErrorCode::ReentranceDenied) => {
                    Error::ReentranceDenied
                }
                ink::env::Error::ReturnError(ReturnErrorCode::CallDepthExceeded) => {
                    Error::CallDepthExceeded
                }
                _ => Error::Other,
            }
        }
    }

    /// A call's outcome as this contract's `Result`.
    fn flatten<T>(r: Result<ink::MessageResult<T>, ink::env::Error>) -> Result<T, Error> {
        match r {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(ink::LangError::CouldNotReadInput)) => Err(Error::CouldNotReadInput),
            Err(e) => Err(e.into()),
        }
    }

    impl Delegator {
        /// Deploys an incrementer from `code_hash`, starting at `init` (its constructor
        /// is not payable, so it gets no endowment: that would trap it).
        #[ink(constructor, payable)]
        pub fn new(code_hash: Hash, init: i32) -> Self {
            let counter = IncrementerRef::new(init)
                .code_hash(code_hash)
                .endowment(0)
                .salt_bytes(init.to_le_bytes())
                .instantiate();
            Self { counter, forwarded: Lazy::new() }
        }

        /// The counter's account.
        #[ink(message)]
        pub fn counter(&self) -> AccountId {
            ink::ToAccountId::to_account_id(&self.counter)
        }

        /// The counter's value (through the reference).
        #[ink(message)]
        pub fn get(&self) -> i32 {
            self.counter.get()
        }

        /// Calls the counter's payable `add_two` (explicit selector 0x42) with the value
        /// paid in, through the call builder.
        #[ink(message, payable)]
        pub fn add_two_paid(&mut self, a: i32, b: i32) -> (i32, Balance) {
            build_call::<DefaultEnvironment>()
                .call(self.counter())
                .transferred_value(self.env().transferred_value())
                .exec_input(
                    ExecutionInput::new(Selector::new([0, 0, 0, 0x42])).push_arg(a).push_arg(b),
                )
                .returns::<(i32, Balance)>()
                .invoke()
        }

        /// Calls a message the counter does not have.
        #[ink(message)]
        pub fn call_unknown(&self) -> Result<(), Error> {
            let call = build_call::<DefaultEnvironment>()
                .call(self.counter())
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("nope"))))
                .returns::<()>();
            flatten(call.try_invoke())
        }

        /// Sends value to the counter's non-payable `inc`, which traps.
        #[ink(message, payable)]
        pub fn pay_inc(&mut self, by: i32) -> Result<i32, Error> {
            let call = self.counter.call_mut().inc(by).transferred_value(1).gas_limit(1_000_000);
            flatten(call.try_invoke())
        }

        /// Calls this contract's own `get` (re-entry), allowed or not.
        #[ink(message)]
        pub fn reenter(&self, allow: bool) -> Result<i32, Error> {
            let call = build_call::<DefaultEnvironment>()
                .call(self.env().account_id())
                .call_flags(CallFlags::default().set_allow_reentry(allow))
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("get"))))
                .returns::<i32>();
            flatten(call.try_invoke())
        }

        /// Calls itself `n` levels deep; the depth reached.
        #[ink(message)]
        pub fn recurse(&self, n: u32) -> Result<u32, Error> {
            if n == 0 {
                return Ok(0);
            }
            let call = build_call::<DefaultEnvironment>()
                .call(self.env().account_id())
                .call_flags(CallFlags::default().set_allow_reentry(true))
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!("recurse")))
                        .push_arg(n - 1),
                )
                .returns::<Result<u32, Error>>();
            Ok(flatten(call.try_invoke())?? + 1)
        }

        /// How many calls `forward` made.
        #[ink(message)]
        pub fn forwarded(&self) -> u32 {
            self.forwarded.get_or_default()
        }
    }

    impl Forward for Delegator {
        #[ink(message)]
        fn forward(&mut self, by: i32) -> i32 {
            self.forwarded.set(&(self.forwarded.get_or_default() + 1));
            self.counter.inc(by)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[ink::test]
        fn lazy_counts_without_a_chain() {
            // Off-chain there are no other contracts (as in ink!), but the storage types
            // work: a `Lazy` reads its default until set.
            let mut lazy: Lazy<u32> = Lazy::new();
            assert_eq!(lazy.get(), None);
            lazy.set(&7);
            assert_eq!(lazy.get_or_default(), 7);
        }

        #[ink::test]
        fn errors_from_the_environment_map_to_the_contracts() {
            assert_eq!(
                Error::from(ink::env::Error::ReturnError(ReturnErrorCode::CalleeTrapped)),
                Error::CalleeTrapped
            );
            assert_eq!(
                flatten::<u8>(Ok(Err(ink::LangError::CouldNotReadInput))),
                Err(Error::CouldNotReadInput)
            );
            assert_eq!(
                flatten::<u8>(Err(ink::env::Error::ReturnError(
                    ReturnErrorCode::CallDepthExceeded
                ))),
                Err(Error::CallDepthExceeded)
            );
            assert_eq!(flatten(Ok(Ok(3u8))), Ok(3));
        }

        #[ink::test]
        #[should_panic(expected = "does not support contract invocation")]
        fn calls_need_a_chain() {
            let accounts = ink::env::test::default_accounts::<DefaultEnvironment>();
            build_call::<DefaultEnvironment>()
                .call(accounts.bob)
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("get"))))
                .returns::<i32>()
                .invoke();
        }
    }
}
