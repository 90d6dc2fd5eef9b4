//! The classic ink! flipper, unchanged but for where `ink` comes from.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod flipper {
    /// The contract's storage: one boolean.
    #[ink(storage)]
    pub struct Flipper {
        value: bool,
    }

    impl Flipper {
        /// Starts with `init_value`.
        #[ink(constructor)]
        pub fn new(init_value: bool) -> Self {
            Self { value: init_value }
        }

        /// Starts with `false`.
        #[ink(constructor)]
        pub fn default() -> Self {
            Self::new(Default::default())
        }

        /// Flips the value.
        #[ink(message)]
        pub fn flip(&mut self) {
            self.value = !self.value;
        }

        /// Returns the value.
        #[ink(message)]
        pub fn get(&self) -> bool {
            self.value
        }

        /// Returns the caller (to exercise the environment).
        #[ink(message)]
        pub fn who(&self) -> AccountId {
            self.env().caller()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[ink::test]
        fn default_works() {
            let flipper = Flipper::default();
            assert!(!flipper.get());
        }

        #[ink::test]
        fn it_works() {
            let mut flipper = Flipper::new(false);
            assert!(!flipper.get());
            flipper.flip();
            assert!(flipper.get());
        }

        #[ink::test]
        fn caller_is_settable() {
            let accounts = ink::env::test::default_accounts();
            ink::env::test::set_caller(accounts.bob);
            assert_eq!(Flipper::default().who(), accounts.bob);
        }
    }
}
