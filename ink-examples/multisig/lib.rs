//! A multisig wallet written as an ink! 5 contract: a set of owners, `requirement` of
//! whom must confirm a transaction (a call for the wallet to make) before anyone may
//! invoke it. Changing the owners or the requirement is a transaction too: the
//! management messages accept only the wallet itself as their caller, so they run when
//! an invoked transaction calls back into the wallet (with re-entry allowed).
//!
//! Running inside a call to itself shapes two things:
//! - **Storage.** A `&mut self` message writes the contract's root value back when it
//!   returns (as ink! does), so `invoke_transaction` would overwrite with its stale copy
//!   whatever the nested `add_owner` changed in the root. Every field is therefore a
//!   `Lazy` or a `Mapping`, read and written when the code asks; the root holds nothing.
//! - **Failures.** A callee that returned `Err` reverted its changes, but the SDK's
//!   `try_invoke`, like ink! 5's, hands its output back as it does a successful one (the
//!   host's revert flag is not passed on). The wallet cannot tell the two apart for an
//!   arbitrary contract, so it returns the callee's output and leaves reading it to the
//!   owners; for a call to itself it knows which messages return a `Result`, and an
//!   `Err` from one of those fails the transaction.
//!
//! Every message checks everything it needs before it writes anything, so a message
//! that returns `Err` has changed nothing, even where no revert undoes its writes (the
//! off-chain tests).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod multisig {
    use ink::env::call::{build_call, ExecutionInput};
    use ink::env::{CallFlags, DefaultEnvironment};
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};

    /// A transaction's id; ids are handed out in order and never reused.
    pub type TransactionId = u32;

    /// The most owners a wallet may have: every owner check reads the whole list, and
    /// invoking or cancelling a transaction clears each owner's confirmation, so the
    /// list must stay short for those to stay cheap.
    pub const MAX_OWNERS: u32 = 32;

    /// The wallet's own messages that return a `Result` (all that change state). When a
    /// transaction calls one of them, output that starts with `Err`'s tag means it
    /// reverted.
    const FALLIBLE_MESSAGES: [[u8; 4]; 8] = [
        ink::selector_bytes!("submit_transaction"),
        ink::selector_bytes!("confirm_transaction"),
        ink::selector_bytes!("revoke_confirmation"),
        ink::selector_bytes!("cancel_transaction"),
        ink::selector_bytes!("invoke_transaction"),
        ink::selector_bytes!("add_owner"),
        ink::selector_bytes!("remove_owner"),
        ink::selector_bytes!("change_requirement"),
    ];

    /// A call for the wallet to make once enough owners confirmed it.
    #[derive(Clone, Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct Transaction {
        /// The contract to call (the wallet's own account for its management messages).
        pub callee: AccountId,
        /// The message's selector.
        pub selector: [u8; 4],
        /// The message's SCALE-encoded arguments.
        pub input: Vec<u8>,
        /// Value the wallet sends with the call.
        pub transferred_value: Balance,
        /// Gas the call may use (0: all that is left).
        pub gas_limit: u64,
        /// Whether the callee may call back into the wallet; a call to the wallet itself
        /// needs it.
        pub allow_reentry: bool,
    }

    /// The wallet's state. Nothing lives in the root value (see the module's docs).
    #[ink(storage)]
    pub struct Multisig {
        /// Who may submit, confirm and revoke.
        owners: Lazy<Vec<AccountId>>,
        /// How many owners must confirm a transaction before it can be invoked.
        requirement: Lazy<u32>,
        /// The transactions submitted and neither invoked nor cancelled yet.
        transactions: Mapping<TransactionId, Transaction>,
        /// `(transaction, owner)` pairs: the owner confirmed the transaction.
        confirmations: Mapping<(TransactionId, AccountId), ()>,
        /// How many owners confirmed each transaction.
        confirmation_count: Mapping<TransactionId, u32>,
        /// The ids in `transactions`, so that removing an owner can withdraw its
        /// confirmations.
        pending: Lazy<Vec<TransactionId>>,
        /// The id the next submission gets.
        next_id: Lazy<TransactionId>,
    }

    /// `submitter` submitted transaction `id`.
    #[ink(event)]
    pub struct Submission {
        #[ink(topic)]
        id: TransactionId,
        #[ink(topic)]
        submitter: AccountId,
    }

    /// `owner` confirmed transaction `id`, which now has `confirmations`.
    #[ink(event)]
    pub struct Confirmation {
        #[ink(topic)]
        id: TransactionId,
        #[ink(topic)]
        owner: AccountId,
        confirmations: u32,
    }

    /// `owner`'s confirmation of transaction `id` was withdrawn (by the owner, or by the
    /// owner's removal).
    #[ink(event)]
    pub struct Revocation {
        #[ink(topic)]
        id: TransactionId,
        #[ink(topic)]
        owner: AccountId,
    }

    /// The wallet cancelled transaction `id`.
    #[ink(event)]
    pub struct Cancellation {
        #[ink(topic)]
        id: TransactionId,
    }

    /// Transaction `id` was invoked: the callee's output, or why the call failed. A
    /// failure also makes `invoke_transaction` return `Err`, which reverts the message
    /// and this event with it, so on a chain only successful executions leave one.
    #[ink(event)]
    pub struct Execution {
        #[ink(topic)]
        id: TransactionId,
        result: Result<Vec<u8>, Error>,
    }

    /// The wallet made `owner` an owner.
    #[ink(event)]
    pub struct OwnerAddition {
        #[ink(topic)]
        owner: AccountId,
    }

    /// The wallet removed `owner`.
    #[ink(event)]
    pub struct OwnerRemoval {
        #[ink(topic)]
        owner: AccountId,
    }

    /// The wallet now needs `requirement` confirmations.
    #[ink(event)]
    pub struct RequirementChange {
        requirement: u32,
    }

    /// Why a call failed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The caller is not an owner (for `remove_owner`: the account is not).
        NotOwner,
        /// Only the wallet itself, through an invoked transaction, may do this.
        NotWallet,
        /// No pending transaction has that id.
        TransactionNotFound,
        /// The caller confirmed the transaction already.
        AlreadyConfirmed,
        /// The caller has not confirmed the transaction.
        NotConfirmed,
        /// Fewer owners than the requirement confirmed the transaction.
        NotEnoughConfirmations,
        /// The transaction's call trapped, could not run, or (into the wallet itself)
        /// returned `Err`.
        TransactionFailed,
        /// The requirement would be 0 or more than the number of owners.
        InvalidRequirement,
        /// The account is an owner already (or is listed twice).
        AlreadyOwner,
        /// More than [`MAX_OWNERS`] owners.
        TooManyOwners,
    }

    /// A callee's output as it is: the encoded value of the message, after the
    /// `Result<_, LangError>` tag that `try_invoke` decodes.
    struct RawOutput(Vec<u8>);

    impl ink::scale::Decode for RawOutput {
        fn decode<I: ink::scale::Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
            let len = input.remaining_len()?.ok_or("the output's length is unknown")?;
            let mut bytes = ink::prelude::vec![0; len];
            input.read(&mut bytes)?;
            Ok(RawOutput(bytes))
        }
    }

    /// Whether `owners` owners can meet `requirement`.
    fn check_requirement(owners: usize, requirement: u32) -> Result<(), Error> {
        if requirement == 0 || requirement as usize > owners {
            return Err(Error::InvalidRequirement);
        }
        Ok(())
    }

    impl Multisig {
        /// A wallet of `owners` (at most [`MAX_OWNERS`], each once) that needs
        /// `requirement` of them to confirm a transaction.
        #[ink(constructor)]
        pub fn new(owners: Vec<AccountId>, requirement: u32) -> Result<Self, Error> {
            if owners.len() > MAX_OWNERS as usize {
                return Err(Error::TooManyOwners);
            }
            if owners.iter().enumerate().any(|(i, owner)| owners[..i].contains(owner)) {
                return Err(Error::AlreadyOwner);
            }
            check_requirement(owners.len(), requirement)?;
            let mut wallet = Self {
                owners: Lazy::new(),
                requirement: Lazy::new(),
                transactions: Mapping::new(),
                confirmations: Mapping::new(),
                confirmation_count: Mapping::new(),
                pending: Lazy::new(),
                next_id: Lazy::new(),
            };
            wallet.owners.set(&owners);
            wallet.requirement.set(&requirement);
            Ok(wallet)
        }

        /// The owners, in the order they were added.
        #[ink(message)]
        pub fn owners(&self) -> Vec<AccountId> {
            self.owners.get_or_default()
        }

        /// How many confirmations a transaction needs.
        #[ink(message)]
        pub fn requirement(&self) -> u32 {
            self.requirement.get_or_default()
        }

        /// How many owners confirmed pending transaction `id` (0 if there is none).
        #[ink(message)]
        pub fn confirmations(&self, id: TransactionId) -> u32 {
            self.confirmation_count.get(id).unwrap_or_default()
        }

        /// Pending transaction `id`, if there is one.
        #[ink(message)]
        pub fn transaction(&self, id: TransactionId) -> Option<Transaction> {
            self.transactions.get(id)
        }

        /// Submits `transaction` (owners only) and confirms it for the submitter; its id.
        #[ink(message)]
        pub fn submit_transaction(
            &mut self,
            transaction: Transaction,
        ) -> Result<TransactionId, Error> {
            let submitter = self.ensure_owner()?;
            let id = self.next_id.get_or_default();
            // Reusing an id could resurrect old confirmations; 2^32 paid-for
            // submissions are out of reach, so running out is a bug worth a trap.
            let next = id.checked_add(1).expect("fewer than 2^32 transactions");
            let mut pending = self.pending.get_or_default();
            pending.push(id);
            self.transactions.insert(id, &transaction);
            self.pending.set(&pending);
            self.next_id.set(&next);
            self.env().emit_event(Submission { id, submitter });
            self.confirm(id, submitter);
            Ok(id)
        }

        /// Confirms pending transaction `id` for the caller (an owner).
        #[ink(message)]
        pub fn confirm_transaction(&mut self, id: TransactionId) -> Result<(), Error> {
            let owner = self.ensure_owner()?;
            self.ensure_pending(id)?;
            if self.confirmations.contains((id, owner)) {
                return Err(Error::AlreadyConfirmed);
            }
            self.confirm(id, owner);
            Ok(())
        }

        /// Withdraws the caller's confirmation of pending transaction `id`.
        #[ink(message)]
        pub fn revoke_confirmation(&mut self, id: TransactionId) -> Result<(), Error> {
            let owner = self.ensure_owner()?;
            self.ensure_pending(id)?;
            if !self.confirmations.contains((id, owner)) {
                return Err(Error::NotConfirmed);
            }
            self.unconfirm(id, owner);
            Ok(())
        }

        /// Drops pending transaction `id` (the wallet only).
        #[ink(message)]
        pub fn cancel_transaction(&mut self, id: TransactionId) -> Result<(), Error> {
            self.ensure_wallet()?;
            self.ensure_pending(id)?;
            self.forget(id);
            self.env().emit_event(Cancellation { id });
            Ok(())
        }

        /// Makes transaction `id`'s call, if at least `requirement` owners confirmed it;
        /// anyone may. Returns the callee's output: the SCALE encoding of what its
        /// message returned. If the call fails, so does this message, and the
        /// transaction stays pending; an `Err` from another contract's message does not
        /// count as failing, as the module's docs explain.
        #[ink(message)]
        pub fn invoke_transaction(&mut self, id: TransactionId) -> Result<Vec<u8>, Error> {
            let transaction = self.transactions.get(id).ok_or(Error::TransactionNotFound)?;
            if self.confirmations(id) < self.requirement() {
                return Err(Error::NotEnoughConfirmations);
            }
            // Forgotten before the call, so that a callee re-entering the wallet cannot
            // invoke it again.
            self.forget(id);
            let result = self.make_call(transaction);
            self.env().emit_event(Execution { id, result: result.clone() });
            result
        }

        /// Makes `owner` an owner (the wallet only).
        #[ink(message)]
        pub fn add_owner(&mut self, owner: AccountId) -> Result<(), Error> {
            self.ensure_wallet()?;
            let mut owners = self.owners();
            if owners.contains(&owner) {
                return Err(Error::AlreadyOwner);
            }
            if owners.len() >= MAX_OWNERS as usize {
                return Err(Error::TooManyOwners);
            }
            owners.push(owner);
            self.owners.set(&owners);
            self.env().emit_event(OwnerAddition { owner });
            Ok(())
        }

        /// Removes `owner`, withdrawing its confirmations of pending transactions (the
        /// wallet only). The owners left must still be able to meet the requirement:
        /// lower it first if they would not.
        #[ink(message)]
        pub fn remove_owner(&mut self, owner: AccountId) -> Result<(), Error> {
            self.ensure_wallet()?;
            let mut owners = self.owners();
            let index = owners.iter().position(|o| *o == owner).ok_or(Error::NotOwner)?;
            check_requirement(owners.len() - 1, self.requirement())?;
            owners.remove(index);
            self.owners.set(&owners);
            for id in self.pending.get_or_default() {
                if self.confirmations.contains((id, owner)) {
                    self.unconfirm(id, owner);
                }
            }
            self.env().emit_event(OwnerRemoval { owner });
            Ok(())
        }

        /// Sets how many confirmations a transaction needs (the wallet only).
        #[ink(message)]
        pub fn change_requirement(&mut self, requirement: u32) -> Result<(), Error> {
            self.ensure_wallet()?;
            check_requirement(self.owners().len(), requirement)?;
            self.requirement.set(&requirement);
            self.env().emit_event(RequirementChange { requirement });
            Ok(())
        }

        /// The caller, if it is an owner.
        fn ensure_owner(&self) -> Result<AccountId, Error> {
            let caller = self.env().caller();
            if !self.owners().contains(&caller) {
                return Err(Error::NotOwner);
            }
            Ok(caller)
        }

        /// Whether the caller is the wallet itself.
        fn ensure_wallet(&self) -> Result<(), Error> {
            if self.env().caller() != self.env().account_id() {
                return Err(Error::NotWallet);
            }
            Ok(())
        }

        /// Whether transaction `id` is pending.
        fn ensure_pending(&self, id: TransactionId) -> Result<(), Error> {
            if !self.transactions.contains(id) {
                return Err(Error::TransactionNotFound);
            }
            Ok(())
        }

        /// Records `owner`'s confirmation of `id` (which it has not confirmed).
        fn confirm(&mut self, id: TransactionId, owner: AccountId) {
            let confirmations = self.confirmations(id) + 1;
            self.confirmations.insert((id, owner), &());
            self.confirmation_count.insert(id, &confirmations);
            self.env().emit_event(Confirmation { id, owner, confirmations });
        }

        /// Withdraws `owner`'s confirmation of `id` (which it has confirmed).
        fn unconfirm(&mut self, id: TransactionId, owner: AccountId) {
            let confirmations = self.confirmations(id) - 1;
            self.confirmations.remove((id, owner));
            self.confirmation_count.insert(id, &confirmations);
            self.env().emit_event(Revocation { id, owner });
        }

        /// Removes pending transaction `id` and its confirmations. Only current owners
        /// can have confirmed it: a removed owner's confirmations went with it.
        fn forget(&mut self, id: TransactionId) {
            self.transactions.remove(id);
            self.confirmation_count.remove(id);
            for owner in self.owners() {
                self.confirmations.remove((id, owner));
            }
            let mut pending = self.pending.get_or_default();
            pending.retain(|p| *p != id);
            self.pending.set(&pending);
        }

        /// Makes `transaction`'s call; the callee's output, or `TransactionFailed`.
        fn make_call(&self, transaction: Transaction) -> Result<Vec<u8>, Error> {
            let Transaction {
                callee,
                selector,
                input,
                transferred_value,
                gas_limit,
                allow_reentry,
            } = transaction;
            let outcome = build_call::<DefaultEnvironment>()
                .call(callee)
                .gas_limit(gas_limit)
                .transferred_value(transferred_value)
                .call_flags(CallFlags::default().set_allow_reentry(allow_reentry))
                .exec_input(ExecutionInput::from_raw([&selector[..], &input].concat()))
                .returns::<RawOutput>()
                .try_invoke();
            // A trap, running out of gas, denied re-entry, too deep a call, no contract
            // at `callee`, too little balance for the value, or (`Ok(Err(LangError))`)
            // a selector or arguments the callee does not understand.
            let Ok(Ok(RawOutput(output))) = outcome else {
                return Err(Error::TransactionFailed);
            };
            let own_err = callee == self.env().account_id()
                && FALLIBLE_MESSAGES.contains(&selector)
                && output.first() == Some(&1);
            if own_err {
                return Err(Error::TransactionFailed);
            }
            Ok(output)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{
            default_accounts, recorded_events, set_callee, set_caller, DefaultAccounts,
        };
        use ink::scale::Decode;

        /// The wallet's own account in these tests.
        const WALLET: AccountId = AccountId([0xaa; 32]);

        /// Alice, Bob and Charlie's wallet needing two of them, deployed at `WALLET`.
        fn wallet() -> (Multisig, DefaultAccounts) {
            let accounts = default_accounts();
            set_callee(WALLET);
            let owners = vec![accounts.alice, accounts.bob, accounts.charlie];
            (Multisig::new(owners, 2).expect("a valid wallet"), accounts)
        }

        /// A call of the wallet's `message` with `args`.
        fn management(message: &str, args: &[u8]) -> Transaction {
            Transaction {
                callee: WALLET,
                selector: ink::env::hash_blake2_256(message.as_bytes())[..4]
                    .try_into()
                    .expect("four bytes; qed"),
                input: args.to_vec(),
                transferred_value: 0,
                gas_limit: 0,
                allow_reentry: true,
            }
        }

        /// The events emitted so far whose signature topic is that of `signature`, decoded.
        fn emitted<E: Decode>(signature: &str) -> Vec<E> {
            let topic = ink::env::hash_blake2_256(signature.as_bytes());
            recorded_events()
                .iter()
                .filter(|e| e.topics[0] == topic)
                .map(|e| E::decode(&mut &e.data[..]).expect("the event decodes"))
                .collect()
        }

        /// The `Confirmation` events so far, as `(id, owner, confirmations)`.
        fn confirmed() -> Vec<(TransactionId, AccountId, u32)> {
            emitted::<Confirmation>("Confirmation(TransactionId,AccountId,u32)")
                .into_iter()
                .map(|c| (c.id, c.owner, c.confirmations))
                .collect()
        }

        /// The `Revocation` events so far, as `(id, owner)`.
        fn revoked() -> Vec<(TransactionId, AccountId)> {
            emitted::<Revocation>("Revocation(TransactionId,AccountId)")
                .into_iter()
                .map(|r| (r.id, r.owner))
                .collect()
        }

        #[ink::test]
        fn new_checks_the_owners_and_the_requirement() {
            let a = default_accounts();
            let new =
                |owners: Vec<AccountId>, requirement| Multisig::new(owners, requirement).err();
            assert_eq!(new(vec![], 1), Some(Error::InvalidRequirement));
            assert_eq!(new(vec![a.alice, a.bob], 0), Some(Error::InvalidRequirement));
            assert_eq!(new(vec![a.alice, a.bob], 3), Some(Error::InvalidRequirement));
            assert_eq!(new(vec![a.alice, a.bob, a.alice], 1), Some(Error::AlreadyOwner));
            let many = (0..=MAX_OWNERS as u8).map(|i| AccountId([i; 32])).collect();
            assert_eq!(new(many, 1), Some(Error::TooManyOwners));
            let (wallet, a) = wallet();
            assert_eq!(wallet.owners(), vec![a.alice, a.bob, a.charlie]);
            assert_eq!(wallet.requirement(), 2);
            assert_eq!(wallet.transaction(0), None);
            assert_eq!(wallet.confirmations(0), 0);
            assert!(recorded_events().is_empty());
        }

        #[ink::test]
        fn owners_submit_and_confirm() {
            let (mut wallet, a) = wallet();
            let tx = management("add_owner", &a.eve.0);
            set_caller(a.eve);
            assert_eq!(wallet.submit_transaction(tx.clone()), Err(Error::NotOwner));
            set_caller(a.alice);
            assert_eq!(wallet.submit_transaction(tx.clone()), Ok(0));
            assert_eq!(wallet.transaction(0), Some(tx.clone()));
            assert_eq!(wallet.confirmations(0), 1, "the submitter confirms");
            assert_eq!(wallet.confirm_transaction(0), Err(Error::AlreadyConfirmed));
            assert_eq!(wallet.confirm_transaction(1), Err(Error::TransactionNotFound));
            set_caller(a.eve);
            assert_eq!(wallet.confirm_transaction(0), Err(Error::NotOwner));
            set_caller(a.bob);
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            assert_eq!(wallet.confirmations(0), 2);
            assert_eq!(wallet.submit_transaction(tx), Ok(1), "ids count up");
            assert_eq!(wallet.confirmations(1), 1);
            let submissions: Vec<_> = emitted::<Submission>("Submission(TransactionId,AccountId)")
                .into_iter()
                .map(|s| (s.id, s.submitter))
                .collect();
            assert_eq!(submissions, vec![(0, a.alice), (1, a.bob)]);
            assert_eq!(confirmed(), vec![(0, a.alice, 1), (0, a.bob, 2), (1, a.bob, 1)]);
            // Topics: the signature, the id zero-padded, the owner.
            let last = recorded_events().pop().expect("events were emitted");
            let mut one = [0; 32];
            one[0] = 1;
            assert_eq!(last.topics[1..], [one, a.bob.0]);
        }

        #[ink::test]
        fn owners_revoke_only_their_own_confirmations() {
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.submit_transaction(management("change_requirement", &[3])), Ok(0));
            set_caller(a.bob);
            assert_eq!(wallet.revoke_confirmation(0), Err(Error::NotConfirmed));
            assert_eq!(wallet.revoke_confirmation(4), Err(Error::TransactionNotFound));
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            set_caller(a.eve);
            assert_eq!(wallet.revoke_confirmation(0), Err(Error::NotOwner));
            set_caller(a.alice);
            assert_eq!(wallet.revoke_confirmation(0), Ok(()));
            assert_eq!(wallet.confirmations(0), 1, "Bob's confirmation stands");
            assert_eq!(wallet.revoke_confirmation(0), Err(Error::NotConfirmed));
            assert_eq!(wallet.confirm_transaction(0), Ok(()), "and again");
            assert_eq!(wallet.confirmations(0), 2);
            assert_eq!(revoked(), vec![(0, a.alice)]);
        }

        #[ink::test]
        fn invoking_needs_enough_confirmations() {
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.invoke_transaction(0), Err(Error::TransactionNotFound));
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(0));
            set_caller(a.eve);
            assert_eq!(wallet.invoke_transaction(0), Err(Error::NotEnoughConfirmations));
            assert_eq!(wallet.confirmations(0), 1);
            assert!(wallet.transaction(0).is_some(), "still pending");
            assert_eq!(wallet.owners().len(), 3);
        }

        #[ink::test]
        #[should_panic(expected = "does not support contract invocation")]
        fn a_confirmed_transaction_makes_its_call() {
            // Off-chain there is no contract to call (as in ink!): getting as far as the
            // call is what can be seen here; the execution is tested on-chain.
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(0));
            set_caller(a.charlie);
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            set_caller(a.eve);
            let _ = wallet.invoke_transaction(0);
        }

        #[ink::test]
        fn management_is_for_the_wallet_only() {
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(0));
            for caller in [a.alice, a.eve] {
                set_caller(caller);
                assert_eq!(wallet.add_owner(a.eve), Err(Error::NotWallet));
                assert_eq!(wallet.remove_owner(a.bob), Err(Error::NotWallet));
                assert_eq!(wallet.change_requirement(1), Err(Error::NotWallet));
                assert_eq!(wallet.cancel_transaction(0), Err(Error::NotWallet));
            }
            assert_eq!(wallet.owners(), vec![a.alice, a.bob, a.charlie]);
            assert_eq!(wallet.requirement(), 2);
            assert!(wallet.transaction(0).is_some());
            // What an invoked transaction calling back into the wallet sees.
            set_caller(WALLET);
            assert_eq!(wallet.add_owner(a.eve), Ok(()));
            assert_eq!(wallet.add_owner(a.eve), Err(Error::AlreadyOwner));
            assert_eq!(wallet.owners(), vec![a.alice, a.bob, a.charlie, a.eve]);
            assert_eq!(wallet.change_requirement(3), Ok(()));
            assert_eq!(wallet.requirement(), 3);
            assert_eq!(wallet.cancel_transaction(0), Ok(()));
            assert_eq!(wallet.transaction(0), None);
            assert_eq!(wallet.cancel_transaction(0), Err(Error::TransactionNotFound));
            assert_eq!(wallet.remove_owner(a.frank), Err(Error::NotOwner));
            assert_eq!(wallet.remove_owner(a.alice), Ok(()));
            assert_eq!(wallet.owners(), vec![a.bob, a.charlie, a.eve]);
            let added: Vec<_> = emitted::<OwnerAddition>("OwnerAddition(AccountId)");
            let removed: Vec<_> = emitted::<OwnerRemoval>("OwnerRemoval(AccountId)");
            assert_eq!((added[0].owner, removed[0].owner), (a.eve, a.alice));
            assert_eq!(emitted::<Cancellation>("Cancellation(TransactionId)").len(), 1);
        }

        #[ink::test]
        fn the_requirement_stays_within_the_owners() {
            let (mut wallet, a) = wallet();
            set_caller(WALLET);
            assert_eq!(wallet.change_requirement(0), Err(Error::InvalidRequirement));
            assert_eq!(wallet.change_requirement(4), Err(Error::InvalidRequirement));
            assert_eq!(wallet.change_requirement(3), Ok(()));
            // Three of three: removing one would leave the requirement out of reach.
            assert_eq!(wallet.remove_owner(a.charlie), Err(Error::InvalidRequirement));
            assert_eq!(wallet.change_requirement(1), Ok(()));
            assert_eq!(wallet.remove_owner(a.charlie), Ok(()));
            assert_eq!(wallet.remove_owner(a.bob), Ok(()));
            assert_eq!(wallet.remove_owner(a.alice), Err(Error::InvalidRequirement), "the last");
            assert_eq!(wallet.owners(), vec![a.alice]);
            let changes: Vec<_> = emitted::<RequirementChange>("RequirementChange(u32)")
                .into_iter()
                .map(|c| c.requirement)
                .collect();
            assert_eq!(changes, vec![3, 1]);
            // Up to MAX_OWNERS owners.
            for i in 1..MAX_OWNERS as u8 {
                assert_eq!(wallet.add_owner(AccountId([0x80 + i; 32])), Ok(()));
            }
            assert_eq!(wallet.owners().len(), MAX_OWNERS as usize);
            assert_eq!(wallet.add_owner(a.bob), Err(Error::TooManyOwners));
        }

        #[ink::test]
        fn a_removed_owner_takes_its_confirmations_along() {
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(0));
            set_caller(a.bob);
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            assert_eq!(wallet.submit_transaction(management("change_requirement", &[1])), Ok(1));
            set_caller(a.charlie);
            assert_eq!(wallet.submit_transaction(management("change_requirement", &[3])), Ok(2));
            set_caller(WALLET);
            assert_eq!(wallet.remove_owner(a.bob), Ok(()));
            assert_eq!(revoked(), vec![(0, a.bob), (1, a.bob)]);
            assert_eq!(wallet.confirmations(0), 1, "only Alice's is left");
            assert_eq!(wallet.confirmations(1), 0);
            assert_eq!(wallet.confirmations(2), 1, "Charlie's is untouched");
            assert_eq!(wallet.invoke_transaction(0), Err(Error::NotEnoughConfirmations));
            set_caller(a.bob);
            assert_eq!(wallet.confirm_transaction(0), Err(Error::NotOwner));
            // Back as an owner, Bob starts without confirmations.
            set_caller(WALLET);
            assert_eq!(wallet.add_owner(a.bob), Ok(()));
            set_caller(a.bob);
            assert_eq!(wallet.revoke_confirmation(0), Err(Error::NotConfirmed));
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            assert_eq!(wallet.confirmations(0), 2);
        }

        #[ink::test]
        fn cancelled_ids_are_not_reused() {
            let (mut wallet, a) = wallet();
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(0));
            set_caller(a.bob);
            assert_eq!(wallet.confirm_transaction(0), Ok(()));
            set_caller(WALLET);
            assert_eq!(wallet.cancel_transaction(0), Ok(()));
            assert_eq!((wallet.transaction(0), wallet.confirmations(0)), (None, 0));
            set_caller(a.bob);
            assert_eq!(wallet.confirm_transaction(0), Err(Error::TransactionNotFound));
            assert_eq!(wallet.invoke_transaction(0), Err(Error::TransactionNotFound));
            assert_eq!(wallet.submit_transaction(management("add_owner", &a.eve.0)), Ok(1));
            assert_eq!(wallet.confirmations(1), 1, "Alice's old confirmation is gone");
        }
    }
}
