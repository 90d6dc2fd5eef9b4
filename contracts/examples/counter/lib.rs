//! A signed counter (ink!'s incrementer, extended): payable `inc` returning the new value,
//! the last caller, two arguments and a tuple result — what Rivet's delegator and the
//! pallet's tests call across contracts, which the upstream incrementer does not offer.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub use self::incrementer::{Incrementer, IncrementerRef};

#[ink::contract]
mod incrementer {
    /// The counter and who last changed it.
    #[ink(storage)]
    pub struct Incrementer {
        value: i32,
        last: Option<AccountId>,
    }

    /// Emitted by `inc`.
    #[ink(event)]
    pub struct Incremented {
        /// Who incremented.
        #[ink(topic)]
        by: AccountId,
        /// The new value.
        value: i32,
    }

    impl Incrementer {
        /// Starts at `init_value`.
        #[ink(constructor)]
        pub fn new(init_value: i32) -> Self {
            Self { value: init_value, last: None }
        }

        /// Starts at 0.
        #[ink(constructor)]
        pub fn new_default() -> Self {
            Self::new(0)
        }

        /// Adds `by` (which may be negative) and returns the new value.
        #[ink(message)]
        pub fn inc(&mut self, by: i32) -> i32 {
            self.value = self.value.wrapping_add(by);
            self.last = Some(self.env().caller());
            self.env().emit_event(Incremented { by: self.env().caller(), value: self.value });
            self.value
        }

        /// The value.
        #[ink(message)]
        pub fn get(&self) -> i32 {
            self.value
        }

        /// Who changed it last.
        #[ink(message)]
        pub fn last(&self) -> Option<AccountId> {
            self.last
        }

        /// Adds two numbers to the value, value may be paid in.
        #[ink(message, payable, selector = 0x0000_0042)]
        pub fn add_two(&mut self, a: i32, b: i32) -> (i32, Balance) {
            self.value = self.value.wrapping_add(a).wrapping_add(b);
            (self.value, self.env().transferred_value())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[ink::test]
        fn it_works() {
            let mut contract = Incrementer::new(42);
            assert_eq!(contract.get(), 42);
            assert_eq!(contract.inc(5), 47);
            assert_eq!(contract.inc(-50), -3);
            let alice = ink::env::test::default_accounts::<ink::env::DefaultEnvironment>().alice;
            assert_eq!(contract.last(), Some(alice));
            let events: Vec<_> = ink::env::test::recorded_events().collect();
            assert_eq!(events.len(), 2);
            assert_eq!(events[1].topics[1], alice.0, "the topic field, 32 bytes as encoded");
            assert_eq!(events[1].data, [&alice.0[..], &(-3i32).to_le_bytes()].concat());
        }

        #[ink::test]
        fn add_two_sees_the_value() {
            ink::env::test::set_value_transferred::<ink::env::DefaultEnvironment>(7);
            let mut contract = Incrementer::new_default();
            assert_eq!(contract.add_two(1, 2), (3, 7));
        }
    }
}
