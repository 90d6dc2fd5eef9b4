//! An ERC-20 token written as an ink! 5 contract: balances and allowances in
//! `Mapping`s, `Transfer`/`Approval` events with topics, `Result` errors.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod erc20 {
    use ink::storage::Mapping;

    /// Token state.
    #[ink(storage)]
    #[derive(Default)]
    pub struct Erc20 {
        total_supply: Balance,
        balances: Mapping<AccountId, Balance>,
        allowances: Mapping<(AccountId, AccountId), Balance>,
    }

    /// Tokens moved (`from` is `None` when minted).
    #[ink(event)]
    pub struct Transfer {
        #[ink(topic)]
        from: Option<AccountId>,
        #[ink(topic)]
        to: Option<AccountId>,
        value: Balance,
    }

    /// An allowance was set.
    #[ink(event)]
    pub struct Approval {
        #[ink(topic)]
        owner: AccountId,
        #[ink(topic)]
        spender: AccountId,
        value: Balance,
    }

    /// Why a call failed.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The sender does not have that much.
        InsufficientBalance,
        /// The spender may not move that much.
        InsufficientAllowance,
    }

    /// The token's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    impl Erc20 {
        /// Mints `total_supply` to the caller.
        #[ink(constructor)]
        pub fn new(total_supply: Balance) -> Self {
            let caller = Self::env().caller();
            let mut balances = Mapping::default();
            balances.insert(caller, &total_supply);
            Self::env().emit_event(Transfer { from: None, to: Some(caller), value: total_supply });
            Self { total_supply, balances, allowances: Default::default() }
        }

        /// All tokens.
        #[ink(message)]
        pub fn total_supply(&self) -> Balance {
            self.total_supply
        }

        /// `owner`'s balance.
        #[ink(message)]
        pub fn balance_of(&self, owner: AccountId) -> Balance {
            self.balances.get(owner).unwrap_or_default()
        }

        /// How much `spender` may move from `owner`.
        #[ink(message)]
        pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.allowances.get((owner, spender)).unwrap_or_default()
        }

        /// Moves `value` from the caller to `to`.
        #[ink(message)]
        pub fn transfer(&mut self, to: AccountId, value: Balance) -> Result<()> {
            let from = self.env().caller();
            self.move_tokens(from, to, value)
        }

        /// Lets `spender` move up to `value` of the caller's tokens.
        #[ink(message)]
        pub fn approve(&mut self, spender: AccountId, value: Balance) -> Result<()> {
            let owner = self.env().caller();
            self.allowances.insert((owner, spender), &value);
            self.env().emit_event(Approval { owner, spender, value });
            Ok(())
        }

        /// Moves `value` from `from` to `to` on the caller's allowance.
        #[ink(message)]
        pub fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> Result<()> {
            let spender = self.env().caller();
            let allowance = self.allowance(from, spender);
            if allowance < value {
                return Err(Error::InsufficientAllowance);
            }
            self.move_tokens(from, to, value)?;
            self.allowances.insert((from, spender), &(allowance - value));
            Ok(())
        }

        fn move_tokens(&mut self, from: AccountId, to: AccountId, value: Balance) -> Result<()> {
            let from_balance = self.balance_of(from);
            if from_balance < value {
                return Err(Error::InsufficientBalance);
            }
            self.balances.insert(from, &(from_balance - value));
            let to_balance = self.balance_of(to);
            self.balances.insert(to, &(to_balance + value));
            self.env().emit_event(Transfer { from: Some(from), to: Some(to), value });
            Ok(())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[ink::test]
        fn new_mints_to_the_caller() {
            let accounts = ink::env::test::default_accounts();
            let token = Erc20::new(100);
            assert_eq!(token.total_supply(), 100);
            assert_eq!(token.balance_of(accounts.alice), 100);
            assert_eq!(token.balance_of(accounts.bob), 0);
            assert_eq!(ink::env::test::recorded_events().len(), 1);
        }

        #[ink::test]
        fn transfer_moves_and_fails_cleanly() {
            let accounts = ink::env::test::default_accounts();
            let mut token = Erc20::new(100);
            assert_eq!(token.transfer(accounts.bob, 30), Ok(()));
            assert_eq!(token.balance_of(accounts.alice), 70);
            assert_eq!(token.balance_of(accounts.bob), 30);
            assert_eq!(token.transfer(accounts.bob, 71), Err(Error::InsufficientBalance));
            assert_eq!(ink::env::test::recorded_events().len(), 2);
        }

        #[ink::test]
        fn allowances() {
            let accounts = ink::env::test::default_accounts();
            let mut token = Erc20::new(100);
            assert_eq!(token.approve(accounts.bob, 20), Ok(()));
            ink::env::test::set_caller(accounts.bob);
            assert_eq!(
                token.transfer_from(accounts.alice, accounts.eve, 25),
                Err(Error::InsufficientAllowance)
            );
            assert_eq!(token.transfer_from(accounts.alice, accounts.eve, 15), Ok(()));
            assert_eq!(token.allowance(accounts.alice, accounts.bob), 5);
            assert_eq!(token.balance_of(accounts.eve), 15);
        }
    }
}
