//! A name registry in the spirit of ink!'s DNS example: names (hashes) map to owners
//! and addresses; owners can transfer names and set where they point.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod dns {
    use ink::storage::Mapping;

    /// The registry.
    #[ink(storage)]
    #[derive(Default)]
    pub struct Dns {
        owners: Mapping<Hash, AccountId>,
        addresses: Mapping<Hash, AccountId>,
        registered: u32,
    }

    /// A name was registered.
    #[ink(event)]
    pub struct Registered {
        #[ink(topic)]
        name: Hash,
        #[ink(topic)]
        owner: AccountId,
    }

    /// A name now points somewhere else.
    #[ink(event)]
    pub struct AddressChanged {
        #[ink(topic)]
        name: Hash,
        address: AccountId,
    }

    /// Why a call failed.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// Someone has that name already.
        NameTaken,
        /// Only the name's owner may do that.
        NotOwner,
    }

    impl Dns {
        /// An empty registry.
        #[ink(constructor)]
        pub fn new() -> Self {
            Default::default()
        }

        /// Registers `name` to the caller.
        #[ink(message)]
        pub fn register(&mut self, name: Hash) -> Result<(), Error> {
            if self.owners.contains(name) {
                return Err(Error::NameTaken);
            }
            let owner = self.env().caller();
            self.owners.insert(name, &owner);
            self.registered += 1;
            self.env().emit_event(Registered { name, owner });
            Ok(())
        }

        /// Points `name` at `address`.
        #[ink(message)]
        pub fn set_address(&mut self, name: Hash, address: AccountId) -> Result<(), Error> {
            self.only_owner(name)?;
            self.addresses.insert(name, &address);
            self.env().emit_event(AddressChanged { name, address });
            Ok(())
        }

        /// Gives `name` to `to`.
        #[ink(message)]
        pub fn transfer(&mut self, name: Hash, to: AccountId) -> Result<(), Error> {
            self.only_owner(name)?;
            self.owners.insert(name, &to);
            Ok(())
        }

        /// Where `name` points.
        #[ink(message)]
        pub fn get_address(&self, name: Hash) -> Option<AccountId> {
            self.addresses.get(name)
        }

        /// Who owns `name`.
        #[ink(message)]
        pub fn get_owner(&self, name: Hash) -> Option<AccountId> {
            self.owners.get(name)
        }

        /// How many names were registered.
        #[ink(message)]
        pub fn count(&self) -> u32 {
            self.registered
        }

        fn only_owner(&self, name: Hash) -> Result<(), Error> {
            match self.owners.get(name) {
                Some(owner) if owner == self.env().caller() => Ok(()),
                _ => Err(Error::NotOwner),
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[ink::test]
        fn register_point_and_transfer() {
            let accounts = ink::env::test::default_accounts();
            let name = Hash([7; 32]);
            let mut dns = Dns::new();
            assert_eq!(dns.register(name), Ok(()));
            assert_eq!(dns.register(name), Err(Error::NameTaken));
            assert_eq!(dns.set_address(name, accounts.charlie), Ok(()));
            assert_eq!(dns.get_address(name), Some(accounts.charlie));
            assert_eq!(dns.transfer(name, accounts.bob), Ok(()));
            assert_eq!(dns.set_address(name, accounts.eve), Err(Error::NotOwner));
            ink::env::test::set_caller(accounts.bob);
            assert_eq!(dns.set_address(name, accounts.eve), Ok(()));
            assert_eq!(dns.get_owner(name), Some(accounts.bob));
            assert_eq!(dns.count(), 1);
            assert_eq!(ink::env::test::recorded_events().len(), 3);
        }
    }
}
