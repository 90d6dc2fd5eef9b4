//! A vault that holds value for its owner: payable entry points, transfers out,
//! termination, hashing and the other environment functions, as an ink! 5 contract.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod vault {
    use ink::env::hash::Blake2x256;
    use ink::prelude::vec::Vec;

    /// Whose vault it is.
    #[ink(storage)]
    pub struct Vault {
        owner: AccountId,
    }

    /// Why a call failed.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// Only the owner may do that.
        NotOwner,
        /// The vault does not hold that much.
        TransferFailed,
        /// No code is stored under that hash.
        CodeNotFound,
    }

    impl Vault {
        /// The caller owns the new vault (and may endow it).
        #[ink(constructor, payable)]
        pub fn new() -> Self {
            Self { owner: Self::env().caller() }
        }

        /// Accepts value; returns the vault's balance.
        #[ink(message, payable)]
        pub fn deposit(&mut self) -> Balance {
            self.env().balance()
        }

        /// Sends `value` to the owner.
        #[ink(message)]
        pub fn withdraw(&mut self, value: Balance) -> Result<(), Error> {
            if self.env().caller() != self.owner {
                return Err(Error::NotOwner);
            }
            self.env().transfer(self.owner, value).map_err(|_| Error::TransferFailed)
        }

        /// Closes the vault, sending everything to the owner.
        #[ink(message)]
        pub fn close(&mut self) -> Result<(), Error> {
            if self.env().caller() != self.owner {
                return Err(Error::NotOwner);
            }
            self.env().terminate_contract(self.owner)
        }

        /// Replaces the vault's code (from its next call on) with the code under
        /// `code_hash` (owner only).
        #[ink(message)]
        pub fn upgrade(&mut self, code_hash: Hash) -> Result<(), Error> {
            if self.env().caller() != self.owner {
                return Err(Error::NotOwner);
            }
            self.env().set_code_hash(&code_hash).map_err(|_| Error::CodeNotFound)
        }

        /// BLAKE2b-256 of `data`.
        #[ink(message)]
        pub fn fingerprint(&self, data: Vec<u8>) -> [u8; 32] {
            self.env().hash_bytes::<Blake2x256>(&data)
        }

        /// (is this account a contract, is the caller the origin)
        #[ink(message)]
        pub fn about(&self) -> (bool, bool) {
            (self.env().is_contract(&self.env().account_id()), self.env().caller_is_origin())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        type Env = ink::env::DefaultEnvironment;

        #[ink::test]
        fn owner_withdraws_others_may_not() {
            let accounts = ink::env::test::default_accounts::<Env>();
            let me = AccountId::from([0xc0; 32]);
            ink::env::test::set_callee::<Env>(me);
            ink::env::test::set_contract::<Env>(me);
            // ink!'s off-chain existential deposit is 1,000,000.
            ink::env::test::set_account_balance::<Env>(me, 1_000_300);
            let mut vault = Vault::new();
            assert_eq!(vault.withdraw(300), Ok(()));
            assert_eq!(vault.deposit(), 1_000_000);
            assert_eq!(vault.withdraw(1_000_001), Err(Error::TransferFailed));
            ink::env::test::set_caller::<Env>(accounts.bob);
            assert_eq!(vault.withdraw(1), Err(Error::NotOwner));
            assert_eq!(vault.close(), Err(Error::NotOwner));
            assert_eq!(vault.about(), (true, true));
        }

        #[ink::test]
        fn close_terminates() {
            let accounts = ink::env::test::default_accounts::<Env>();
            // The contract's account is Alice's off-chain, as in ink!: it holds 1,000,000.
            let mut vault = Vault::new();
            ink::env::test::assert_contract_termination::<Env, _>(
                move || {
                    let _ = vault.close();
                },
                accounts.alice,
                1_000_000,
            );
        }
    }
}
