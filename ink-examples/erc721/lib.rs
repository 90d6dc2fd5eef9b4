//! An ERC-721 non-fungible token written as an ink! 5 contract: each `u32` id has at most
//! one owner; owners approve one account per token or make accounts operators of all
//! their tokens; `Transfer`/`Approval`/`ApprovalForAll` events with topics.
//!
//! Every message checks everything it needs before it writes anything, so a message
//! that returns `Err` has changed nothing, even where no revert undoes its writes (the
//! off-chain tests).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod erc721 {
    use ink::storage::Mapping;

    /// A token's id.
    pub type TokenId = u32;

    /// Token state.
    #[ink(storage)]
    #[derive(Default)]
    pub struct Erc721 {
        /// Who owns each minted token.
        owners: Mapping<TokenId, AccountId>,
        /// How many tokens each account owns.
        balances: Mapping<AccountId, u32>,
        /// The one account, besides its owner, that may move a token.
        approvals: Mapping<TokenId, AccountId>,
        /// `(owner, operator)` pairs: the operator may move and approve all of the
        /// owner's tokens.
        operators: Mapping<(AccountId, AccountId), ()>,
    }

    /// A token changed hands (`from` is `None` when minted, `to` when burnt).
    #[ink(event)]
    pub struct Transfer {
        #[ink(topic)]
        from: Option<AccountId>,
        #[ink(topic)]
        to: Option<AccountId>,
        #[ink(topic)]
        id: u32,
    }

    /// `owner` let `approved` move token `id`.
    #[ink(event)]
    pub struct Approval {
        #[ink(topic)]
        owner: AccountId,
        #[ink(topic)]
        approved: AccountId,
        #[ink(topic)]
        id: u32,
    }

    /// `owner` made `operator` an operator of all its tokens, or stopped it being one.
    #[ink(event)]
    pub struct ApprovalForAll {
        #[ink(topic)]
        owner: AccountId,
        #[ink(topic)]
        operator: AccountId,
        approved: bool,
    }

    /// Why a call failed.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The caller (or, for `transfer_from`, `from`) does not own the token.
        NotOwner,
        /// The caller is neither the owner, the token's approved account nor an operator.
        NotApproved,
        /// A token with that id exists already.
        TokenExists,
        /// No token has that id.
        TokenNotFound,
        /// Approving oneself, or approving for someone else's token without being their
        /// operator.
        NotAllowed,
    }

    /// The token's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    impl Erc721 {
        /// No tokens yet.
        #[ink(constructor)]
        pub fn new() -> Self {
            Default::default()
        }

        /// How many tokens `owner` has.
        #[ink(message)]
        pub fn balance_of(&self, owner: AccountId) -> u32 {
            self.balances.get(owner).unwrap_or_default()
        }

        /// Who owns token `id`, if it exists.
        #[ink(message)]
        pub fn owner_of(&self, id: TokenId) -> Option<AccountId> {
            self.owners.get(id)
        }

        /// The account approved to move token `id`, if any.
        #[ink(message)]
        pub fn get_approved(&self, id: TokenId) -> Option<AccountId> {
            self.approvals.get(id)
        }

        /// Whether `operator` may move and approve all of `owner`'s tokens.
        #[ink(message)]
        pub fn is_approved_for_all(&self, owner: AccountId, operator: AccountId) -> bool {
            self.operators.contains((owner, operator))
        }

        /// Creates token `id`, owned by the caller.
        #[ink(message)]
        pub fn mint(&mut self, id: TokenId) -> Result<()> {
            if self.owners.contains(id) {
                return Err(Error::TokenExists);
            }
            let to = self.env().caller();
            self.owners.insert(id, &to);
            self.balances.insert(to, &(self.balance_of(to) + 1));
            self.env().emit_event(Transfer { from: None, to: Some(to), id });
            Ok(())
        }

        /// Destroys the caller's token `id`.
        #[ink(message)]
        pub fn burn(&mut self, id: TokenId) -> Result<()> {
            let owner = self.owners.get(id).ok_or(Error::TokenNotFound)?;
            if owner != self.env().caller() {
                return Err(Error::NotOwner);
            }
            self.owners.remove(id);
            self.approvals.remove(id);
            self.balances.insert(owner, &(self.balance_of(owner) - 1));
            self.env().emit_event(Transfer { from: Some(owner), to: None, id });
            Ok(())
        }

        /// Gives the caller's token `id` to `to`.
        #[ink(message)]
        pub fn transfer(&mut self, to: AccountId, id: TokenId) -> Result<()> {
            let owner = self.owners.get(id).ok_or(Error::TokenNotFound)?;
            if owner != self.env().caller() {
                return Err(Error::NotOwner);
            }
            self.move_token(owner, to, id);
            Ok(())
        }

        /// Moves `from`'s token `id` to `to`; the caller must be `from`, the token's
        /// approved account or an operator of `from`.
        #[ink(message)]
        pub fn transfer_from(&mut self, from: AccountId, to: AccountId, id: TokenId) -> Result<()> {
            let owner = self.owners.get(id).ok_or(Error::TokenNotFound)?;
            if owner != from {
                return Err(Error::NotOwner);
            }
            let caller = self.env().caller();
            let approved = self.approvals.get(id) == Some(caller);
            if caller != owner && !approved && !self.is_approved_for_all(owner, caller) {
                return Err(Error::NotApproved);
            }
            self.move_token(owner, to, id);
            Ok(())
        }

        /// Lets `to` move token `id` (replacing any earlier approval); the caller must
        /// own the token or be an operator of its owner.
        #[ink(message)]
        pub fn approve(&mut self, to: AccountId, id: TokenId) -> Result<()> {
            let owner = self.owners.get(id).ok_or(Error::TokenNotFound)?;
            let caller = self.env().caller();
            if to == owner || (caller != owner && !self.is_approved_for_all(owner, caller)) {
                return Err(Error::NotAllowed);
            }
            self.approvals.insert(id, &to);
            self.env().emit_event(Approval { owner, approved: to, id });
            Ok(())
        }

        /// Makes `operator` an operator of all the caller's tokens (`approved`), or
        /// stops it being one.
        #[ink(message)]
        pub fn set_approval_for_all(&mut self, operator: AccountId, approved: bool) -> Result<()> {
            let owner = self.env().caller();
            if operator == owner {
                return Err(Error::NotAllowed);
            }
            if approved {
                self.operators.insert((owner, operator), &());
            } else {
                self.operators.remove((owner, operator));
            }
            self.env().emit_event(ApprovalForAll { owner, operator, approved });
            Ok(())
        }

        /// Moves token `id` from its owner `from` to `to`, clearing its approval; the
        /// caller has checked that it may.
        fn move_token(&mut self, from: AccountId, to: AccountId, id: TokenId) {
            self.approvals.remove(id);
            self.balances.insert(from, &(self.balance_of(from) - 1));
            self.balances.insert(to, &(self.balance_of(to) + 1));
            self.owners.insert(id, &to);
            self.env().emit_event(Transfer { from: Some(from), to: Some(to), id });
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{default_accounts, recorded_events, set_caller};
        use ink::scale::{Decode, Encode};

        const TRANSFER: &str = "Transfer(Option<AccountId>,Option<AccountId>,u32)";
        const APPROVAL_FOR_ALL: &str = "ApprovalForAll(AccountId,AccountId,bool)";

        /// The events emitted so far whose signature topic is that of `signature`, decoded.
        fn emitted<E: Decode>(signature: &str) -> Vec<E> {
            let topic = ink::env::hash_blake2_256(signature.as_bytes());
            recorded_events()
                .iter()
                .filter(|e| e.topics[0] == topic)
                .map(|e| E::decode(&mut &e.data[..]).expect("the event decodes"))
                .collect()
        }

        /// The `Transfer` events emitted so far, as `(from, to, id)`.
        fn transfers() -> Vec<(Option<AccountId>, Option<AccountId>, u32)> {
            emitted::<Transfer>(TRANSFER).into_iter().map(|t| (t.from, t.to, t.id)).collect()
        }

        #[ink::test]
        fn mint_gives_the_caller_a_new_token() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.owner_of(1), None);
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.mint(7), Ok(()));
            assert_eq!(token.owner_of(1), Some(accounts.alice));
            assert_eq!(token.balance_of(accounts.alice), 2);
            assert_eq!(token.balance_of(accounts.bob), 0);
            set_caller(accounts.bob);
            assert_eq!(token.mint(1), Err(Error::TokenExists), "ids are unique");
            assert_eq!(token.owner_of(1), Some(accounts.alice));
            assert_eq!(token.balance_of(accounts.bob), 0);
            assert_eq!(
                transfers(),
                vec![(None, Some(accounts.alice), 1), (None, Some(accounts.alice), 7)]
            );
        }

        #[ink::test]
        fn transfer_moves_only_the_callers_tokens() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.transfer(accounts.bob, 2), Err(Error::TokenNotFound));
            assert_eq!(token.transfer(accounts.bob, 1), Ok(()));
            assert_eq!(token.owner_of(1), Some(accounts.bob));
            assert_eq!(token.balance_of(accounts.alice), 0);
            assert_eq!(token.balance_of(accounts.bob), 1);
            // Alice no longer owns it.
            assert_eq!(token.transfer(accounts.charlie, 1), Err(Error::NotOwner));
            set_caller(accounts.bob);
            assert_eq!(token.transfer(accounts.bob, 1), Ok(()), "to oneself");
            assert_eq!(token.balance_of(accounts.bob), 1);
            assert_eq!(recorded_events().len(), 3);
            assert_eq!(transfers()[1], (Some(accounts.alice), Some(accounts.bob), 1));
        }

        #[ink::test]
        fn approved_account_may_transfer_once() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.get_approved(1), None);
            assert_eq!(token.approve(accounts.bob, 1), Ok(()));
            assert_eq!(token.get_approved(1), Some(accounts.bob));
            // Someone else is not approved.
            set_caller(accounts.charlie);
            assert_eq!(
                token.transfer_from(accounts.alice, accounts.charlie, 1),
                Err(Error::NotApproved)
            );
            set_caller(accounts.bob);
            // `from` must be the owner, even for the approved account.
            assert_eq!(token.transfer_from(accounts.eve, accounts.bob, 1), Err(Error::NotOwner));
            assert_eq!(token.transfer_from(accounts.alice, accounts.eve, 1), Ok(()));
            assert_eq!(token.owner_of(1), Some(accounts.eve));
            assert_eq!(token.get_approved(1), None, "a transfer clears the approval");
            assert_eq!(token.balance_of(accounts.alice), 0);
            assert_eq!(token.balance_of(accounts.eve), 1);
            // Bob's approval went with the transfer.
            assert_eq!(token.transfer_from(accounts.eve, accounts.bob, 1), Err(Error::NotApproved));
            // Mint, approval, transfer.
            assert_eq!(recorded_events().len(), 3);
        }

        #[ink::test]
        fn only_owners_and_operators_approve() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.approve(accounts.bob, 1), Err(Error::TokenNotFound));
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.approve(accounts.alice, 1), Err(Error::NotAllowed), "the owner");
            set_caller(accounts.bob);
            assert_eq!(token.approve(accounts.bob, 1), Err(Error::NotAllowed));
            assert_eq!(token.get_approved(1), None);
            set_caller(accounts.alice);
            assert_eq!(token.approve(accounts.bob, 1), Ok(()));
            assert_eq!(token.approve(accounts.charlie, 1), Ok(()), "replaces Bob");
            assert_eq!(token.get_approved(1), Some(accounts.charlie));
            // The approved account may move the token but not approve others.
            set_caller(accounts.charlie);
            assert_eq!(token.approve(accounts.django, 1), Err(Error::NotAllowed));
            set_caller(accounts.bob);
            assert_eq!(
                token.transfer_from(accounts.alice, accounts.bob, 1),
                Err(Error::NotApproved)
            );
            assert_eq!(recorded_events().len(), 3);
        }

        #[ink::test]
        fn operators_move_and_approve_all_tokens() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.mint(2), Ok(()));
            assert!(!token.is_approved_for_all(accounts.alice, accounts.bob));
            assert_eq!(token.set_approval_for_all(accounts.alice, true), Err(Error::NotAllowed));
            assert_eq!(token.set_approval_for_all(accounts.bob, true), Ok(()));
            assert!(token.is_approved_for_all(accounts.alice, accounts.bob));
            assert!(!token.is_approved_for_all(accounts.bob, accounts.alice), "one way");
            set_caller(accounts.bob);
            assert_eq!(token.transfer_from(accounts.alice, accounts.charlie, 1), Ok(()));
            assert_eq!(token.approve(accounts.django, 2), Ok(()));
            assert_eq!(token.get_approved(2), Some(accounts.django));
            // Operating for Alice gives no rights over Charlie's token.
            assert_eq!(
                token.transfer_from(accounts.charlie, accounts.bob, 1),
                Err(Error::NotApproved)
            );
            set_caller(accounts.alice);
            assert_eq!(token.set_approval_for_all(accounts.bob, false), Ok(()));
            assert!(!token.is_approved_for_all(accounts.alice, accounts.bob));
            set_caller(accounts.bob);
            assert_eq!(
                token.transfer_from(accounts.alice, accounts.bob, 2),
                Err(Error::NotApproved)
            );
            // The approval Bob gave as operator still stands.
            set_caller(accounts.django);
            assert_eq!(token.transfer_from(accounts.alice, accounts.django, 2), Ok(()));
            assert_eq!(token.balance_of(accounts.alice), 0);
            // 2 mints, 2 operator changes, 2 transfers, 1 approval.
            let events = recorded_events();
            assert_eq!(events.len(), 7);
            let operator_events: Vec<_> = emitted::<ApprovalForAll>(APPROVAL_FOR_ALL)
                .into_iter()
                .map(|e| (e.owner, e.operator, e.approved))
                .collect();
            assert_eq!(
                operator_events,
                vec![(accounts.alice, accounts.bob, true), (accounts.alice, accounts.bob, false)]
            );
        }

        #[ink::test]
        fn burn_destroys_only_the_callers_token() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.burn(1), Err(Error::TokenNotFound));
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.approve(accounts.bob, 1), Ok(()));
            set_caller(accounts.bob);
            assert_eq!(token.burn(1), Err(Error::NotOwner), "approval is not ownership");
            set_caller(accounts.alice);
            assert_eq!(token.burn(1), Ok(()));
            assert_eq!(token.owner_of(1), None);
            assert_eq!(token.get_approved(1), None);
            assert_eq!(token.balance_of(accounts.alice), 0);
            assert_eq!(token.burn(1), Err(Error::TokenNotFound));
            // A burnt id can be minted again.
            set_caller(accounts.bob);
            assert_eq!(token.mint(1), Ok(()));
            assert_eq!(token.owner_of(1), Some(accounts.bob));
            assert_eq!(
                transfers(),
                vec![
                    (None, Some(accounts.alice), 1),
                    (Some(accounts.alice), None, 1),
                    (None, Some(accounts.bob), 1)
                ]
            );
        }

        #[ink::test]
        fn events_carry_a_signature_and_field_topics() {
            let accounts = default_accounts();
            let mut token = Erc721::new();
            assert_eq!(token.mint(5), Ok(()));
            assert_eq!(token.approve(accounts.bob, 5), Ok(()));
            let events = recorded_events();
            assert_eq!(events.len(), 2);
            let mint = &events[0];
            assert_eq!(mint.topics.len(), 4, "signature, from, to, id");
            assert_eq!(mint.topics[0], ink::env::hash_blake2_256(TRANSFER.as_bytes()));
            assert_eq!(mint.topics[1], [0; 32], "None is one zero byte, zero-padded");
            // Some(account) encodes to 33 bytes, so its topic is their hash.
            let alice = ink::env::hash_blake2_256(&Some(accounts.alice).encode());
            assert_eq!(mint.topics[2], alice);
            let mut five = [0; 32];
            five[0] = 5;
            assert_eq!(mint.topics[3], five, "the id, zero-padded");
            let approval = &events[1];
            assert_eq!(approval.topics.len(), 4, "signature, owner, approved, id");
            let signature = ink::env::hash_blake2_256(b"Approval(AccountId,AccountId,u32)");
            assert_eq!(approval.topics, vec![signature, accounts.alice.0, accounts.bob.0, five]);
        }
    }
}
