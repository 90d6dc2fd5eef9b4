//! Contracts of `contracts/` — ink!'s published examples (`upstream/`, unchanged but for
//! their `ink` dependency) and Rivet's own (`examples/`) — built with the toolchain as
//! `rivet build` does and run on the mock host on both engines: ink!'s
//! selectors, SCALE arguments, `Result<_, LangError>` returns, storage across calls,
//! events, the environment, payability, and unknown selectors. Each scenario runs once
//! per engine; what the engines leave behind (storage, events, transfers, gas) must be
//! identical.

use std::path::Path;
use std::sync::Arc;

use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{EngineKind, Instance, Limits, Module, Program};
use rivet_mock_host::{CallOutput, MockError, MockHost, World};
use rivet_toolchain::{GuestBuild, GuestTarget};

/// ink! 5.1.1's published examples.
const UPSTREAM: &str = "upstream/ink-5.1.1/public";

/// The blob of the contract at `contracts/<path>` (`upstream/…/erc20`, `examples/vault`),
/// built as `rivet build` does.
fn example_blob(path: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts").join(path);
    let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32emc))
        .unwrap_or_else(|e| panic!("{e}"));
    link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap().to_bytes()
}

fn example(name: &str) -> Arc<Program> {
    Arc::new(Program::from_bytes(&example_blob(name), &Limits::default()).unwrap())
}

fn blake2_256(data: &[u8]) -> [u8; 32] {
    Blake2b::<U32>::digest(data).into()
}

/// ink!'s selector of `name`: BLAKE2b-256 of it, first four bytes.
fn sel(name: &str) -> Vec<u8> {
    blake2_256(name.as_bytes())[..4].to_vec()
}

/// `selector ‖ args`.
fn msg(name: &str, args: &[&[u8]]) -> Vec<u8> {
    [&sel(name)[..]].into_iter().chain(args.iter().copied()).collect::<Vec<_>>().concat()
}

/// One deployment on one engine.
struct Session<'a> {
    host: MockHost,
    instance: &'a mut dyn Instance,
}

impl Session<'_> {
    fn try_call(&mut self, export: &str, input: Vec<u8>) -> Result<CallOutput, MockError> {
        self.host.call(self.instance, export, &input, 10_000_000)
    }
    /// A call that must end by returning (not revert, not fail); its output.
    fn ok(&mut self, export: &str, input: Vec<u8>) -> Vec<u8> {
        let out = self.try_call(export, input).unwrap();
        assert!(!out.reverted, "{out:?}");
        out.data
    }
    /// A call that must revert; its output.
    fn reverts(&mut self, export: &str, input: Vec<u8>) -> Vec<u8> {
        let out = self.try_call(export, input).unwrap();
        assert!(out.reverted, "{out:?}");
        out.data
    }
}

/// Runs `scenario` on a fresh deployment of the example on each engine and checks that
/// both leave the same storage, events, transfers and balance behind.
fn on_both_engines(name: &str, scenario: impl Fn(&mut Session)) {
    let program = example(name);
    let mut states = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let mut s = Session { host: MockHost::default(), instance: &mut *instance };
        scenario(&mut s);
        let h = &s.host;
        states.push((h.storage.clone(), h.events.clone(), h.transfers.clone(), h.balance));
    }
    assert_eq!(states[0], states[1], "the engines left different states");
}

/// Runs `scenario` once per engine on the example `name` deployed where it can call other
/// contracts and itself: its own code is uploaded (as the session's code hash, so that
/// calls back into it find it), and so is the code of each of `others`, whose hashes the
/// scenario gets. Both engines must leave the same world (contracts, events, storage)
/// behind.
fn in_a_world(name: &str, others: &[&str], scenario: impl Fn(&mut Session, &[[u8; 32]])) {
    let other_blobs: Vec<_> = others.iter().map(|other| example_blob(other)).collect();
    let blob = example_blob(name);
    let program = Arc::new(Program::from_bytes(&blob, &Limits::default()).unwrap());
    let mut worlds = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let mut host = MockHost::default();
        host.world.engine = kind;
        let hashes: Vec<_> = other_blobs.iter().map(|b| host.world.upload(b).unwrap()).collect();
        // Its own code too, so that it can be re-entered.
        host.code_hash = host.world.upload(&blob).unwrap();
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let mut s = Session { host, instance: &mut *instance };
        scenario(&mut s, &hashes);
        let h = &s.host;
        worlds.push((h.world.contracts.clone(), h.events.clone(), h.storage.clone()));
    }
    assert_eq!(worlds[0], worlds[1], "the engines left different worlds");
}

/// `Ok(value)` in ink!'s `Result<T, LangError>` encoding.
fn ok_of(value: &[u8]) -> Vec<u8> {
    [&[0u8][..], value].concat()
}

/// `Err(LangError::CouldNotReadInput)`.
const COULD_NOT_READ_INPUT: [u8; 2] = [1, 1];

#[test]
fn flipper_deploys_flips_and_answers() {
    on_both_engines(&format!("{UPSTREAM}/flipper"), |s| {
        assert_eq!(s.ok("deploy", msg("new", &[&[1]])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&[1]));
        assert_eq!(s.ok("call", msg("flip", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&[0]), "false after the flip");
        // Unknown selectors and undecodable arguments revert with CouldNotReadInput.
        assert_eq!(s.reverts("call", vec![1, 2, 3, 4]), COULD_NOT_READ_INPUT);
        assert_eq!(s.reverts("deploy", sel("new")), COULD_NOT_READ_INPUT);
        // `new_default` (no arguments) stores `bool::default()`.
        assert_eq!(s.ok("deploy", msg("new_default", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&[0]));
    });
}

#[test]
fn counter_with_arguments_events_and_payability() {
    on_both_engines("examples/counter", |s| {
        let caller = s.host.caller;
        let i32_ = |v: i32| v.to_le_bytes();
        assert_eq!(s.ok("deploy", msg("new", &[&i32_(42)])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("inc", &[&i32_(5)])), ok_of(&i32_(47)));
        assert_eq!(s.ok("call", msg("inc", &[&i32_(-50)])), ok_of(&i32_(-3)));
        assert_eq!(
            s.ok("call", msg("last", &[])),
            ok_of(&[&[1u8][..], &caller].concat()),
            "Some(caller)"
        );
        // A payable message with an explicit selector sees the value; a non-payable
        // one traps (and its effects are rolled back).
        s.host.value_transferred = 9;
        let add_two = [&[0u8, 0, 0, 0x42][..], &i32_(1), &i32_(2)].concat();
        assert_eq!(s.ok("call", add_two), ok_of(&[&i32_(0)[..], &9u128.to_le_bytes()].concat()));
        assert!(s.try_call("call", msg("inc", &[&i32_(1)])).is_err());
        s.host.value_transferred = 0;
        // Trailing bytes after the arguments are a decoding error.
        assert_eq!(s.reverts("call", msg("inc", &[&[1, 2, 3, 4, 5]])), COULD_NOT_READ_INPUT);
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&i32_(0)));
        // The two successful `inc`s emitted `Incremented { by, value }`.
        let signature = blake2_256(b"Incremented(AccountId,i32)");
        assert_eq!(s.host.events.len(), 2);
        assert_eq!(s.host.events[1].topics, vec![signature, caller]);
        assert_eq!(s.host.events[1].data, [&caller[..], &i32_(-3)].concat());
    });
}

#[test]
fn incrementer_as_published() {
    on_both_engines(&format!("{UPSTREAM}/incrementer"), |s| {
        let i32_ = |v: i32| v.to_le_bytes();
        assert_eq!(s.ok("deploy", msg("new", &[&i32_(42)])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("inc", &[&i32_(-50)])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&i32_(-8)));
    });
}

#[test]
fn erc20_balances_allowances_and_events() {
    on_both_engines(&format!("{UPSTREAM}/erc20"), |s| {
        let (alice, bob) = (s.host.caller, [9u8; 32]);
        let u128_ = |v: u128| v.to_le_bytes();
        assert_eq!(s.ok("deploy", msg("new", &[&u128_(1000)])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("total_supply", &[])), ok_of(&u128_(1000)));
        assert_eq!(s.ok("call", msg("balance_of", &[&alice])), ok_of(&u128_(1000)));
        assert_eq!(s.ok("call", msg("transfer", &[&bob, &u128_(100)])), ok_of(&[0]), "Ok(Ok(()))");
        assert_eq!(s.ok("call", msg("balance_of", &[&bob])), ok_of(&u128_(100)));
        // Too much: Ok(Err(InsufficientBalance)), reverted, nothing moves.
        assert_eq!(s.reverts("call", msg("transfer", &[&bob, &u128_(901)])), ok_of(&[1, 0]));
        assert_eq!(s.ok("call", msg("balance_of", &[&alice])), ok_of(&u128_(900)));
        // Allowances.
        assert_eq!(s.ok("call", msg("approve", &[&bob, &u128_(50)])), ok_of(&[0]));
        s.host.caller = bob;
        assert_eq!(
            s.reverts("call", msg("transfer_from", &[&alice, &bob, &u128_(60)])),
            ok_of(&[1, 1]),
            "Ok(Err(InsufficientAllowance))"
        );
        assert_eq!(s.ok("call", msg("transfer_from", &[&alice, &bob, &u128_(20)])), ok_of(&[0]));
        assert_eq!(s.ok("call", msg("allowance", &[&alice, &bob])), ok_of(&u128_(30)));
        // Events: mint, transfer, approval, transfer. As in ink! 5, an `Option` topic
        // publishes its inner value (an account id is its own 32 bytes) and `None` the
        // zero topic.
        let sig = blake2_256(b"Transfer(Option<AccountId>,Option<AccountId>,Balance)");
        assert_eq!(s.host.events.len(), 4);
        assert_eq!(s.host.events[0].topics, vec![sig, [0u8; 32], alice], "the mint");
        assert_eq!(s.host.events[0].data, [&[0u8, 1][..], &alice, &u128_(1000)].concat());
        assert_eq!(s.host.events[1].topics, vec![sig, alice, bob]);
    });
}

#[test]
fn vault_transfers_hashes_and_terminates() {
    on_both_engines("examples/vault", |s| {
        let owner = s.host.caller;
        s.host.value_transferred = 5; // the constructor is payable
        assert_eq!(s.ok("deploy", msg("new", &[])), ok_of(&[]));
        s.host.value_transferred = 0;
        let withdraw = |v: u128| msg("withdraw", &[&v.to_le_bytes()]);
        assert_eq!(s.ok("call", withdraw(300)), ok_of(&[0]), "Ok(Ok(()))");
        assert_eq!(s.host.balance, 1_000_000 - 300);
        assert_eq!(
            s.reverts("call", withdraw(u128::MAX)),
            ok_of(&[1, 1]),
            "Ok(Err(TransferFailed))"
        );
        s.host.caller = [7; 32];
        assert_eq!(s.reverts("call", withdraw(1)), ok_of(&[1, 0]), "Ok(Err(NotOwner))");
        s.host.caller = owner;
        // fingerprint(Vec<u8>): a SCALE compact length, then the bytes.
        assert_eq!(
            s.ok("call", msg("fingerprint", &[&[3 << 2], b"abc"])),
            ok_of(&blake2_256(b"abc"))
        );
        assert_eq!(s.ok("call", msg("about", &[])), ok_of(&[1, 1]));
        let closed = s.try_call("call", msg("close", &[])).unwrap();
        assert_eq!(closed.terminated, Some(owner));
        assert_eq!(s.host.balance, 0);
    });
}

#[test]
fn dns_registers_and_resolves() {
    on_both_engines(&format!("{UPSTREAM}/dns"), |s| {
        let (name, target) = ([7u8; 32], [3u8; 32]);
        assert_eq!(s.ok("deploy", msg("new", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("register", &[&name])), ok_of(&[0]));
        assert_eq!(
            s.reverts("call", msg("register", &[&name])),
            ok_of(&[1, 0]),
            "Ok(Err(NameAlreadyExists))"
        );
        assert_eq!(s.ok("call", msg("set_address", &[&name, &target])), ok_of(&[0]));
        assert_eq!(s.ok("call", msg("get_address", &[&name])), ok_of(&target));
        s.host.caller = [5; 32];
        assert_eq!(
            s.reverts("call", msg("set_address", &[&name, &[5; 32]])),
            ok_of(&[1, 1]),
            "Ok(Err(CallerIsNotOwner))"
        );
        // An unknown name resolves to the default address.
        assert_eq!(s.ok("call", msg("get_address", &[&[8u8; 32]])), ok_of(&[0; 32]));
        assert_eq!(s.host.events.len(), 2, "Register and SetAddress");
    });
}

#[test]
fn erc721_mints_approves_and_transfers() {
    on_both_engines(&format!("{UPSTREAM}/erc721"), |s| {
        let (alice, bob, carol) = (s.host.caller, [9u8; 32], [7u8; 32]);
        let id = |v: u32| v.to_le_bytes();
        let some = |a: [u8; 32]| [&[1u8][..], &a[..]].concat();
        // Ok(Ok(())), and Ok(Err(e)) with e the index of the contract's Error variant.
        let done = ok_of(&[0]);
        let err = |variant: u8| ok_of(&[1, variant]);
        let (not_owner, not_approved, exists) = (err(0), err(1), err(2));
        let (not_found, not_allowed) = (err(3), err(6));
        assert_eq!(s.ok("deploy", msg("new", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("mint", &[&id(1)])), done);
        assert_eq!(s.ok("call", msg("mint", &[&id(2)])), done);
        assert_eq!(s.ok("call", msg("owner_of", &[&id(1)])), ok_of(&some(alice)));
        assert_eq!(s.ok("call", msg("owner_of", &[&id(3)])), ok_of(&[0]), "None");
        assert_eq!(s.ok("call", msg("balance_of", &[&alice])), ok_of(&id(2)));
        assert_eq!(s.ok("call", msg("approve", &[&bob, &id(1)])), done);
        assert_eq!(s.ok("call", msg("get_approved", &[&id(1)])), ok_of(&some(bob)));
        // Failures revert with Ok(Err(e)) and change nothing.
        let before = (s.host.storage.clone(), s.host.events.len());
        assert_eq!(s.reverts("call", msg("mint", &[&id(1)])), exists);
        s.host.caller = carol;
        assert_eq!(
            s.reverts("call", msg("transfer_from", &[&alice, &carol, &id(1)])),
            not_approved
        );
        assert_eq!(s.reverts("call", msg("approve", &[&carol, &id(2)])), not_allowed);
        assert_eq!(s.reverts("call", msg("burn", &[&id(1)])), not_owner);
        assert_eq!(s.reverts("call", msg("transfer", &[&carol, &id(9)])), not_found);
        assert_eq!((s.host.storage.clone(), s.host.events.len()), before);
        // The approved account moves the token; that clears the approval.
        s.host.caller = bob;
        assert_eq!(s.reverts("call", msg("transfer_from", &[&carol, &bob, &id(1)])), not_owner);
        assert_eq!(s.ok("call", msg("transfer_from", &[&alice, &bob, &id(1)])), done);
        assert_eq!(s.ok("call", msg("owner_of", &[&id(1)])), ok_of(&some(bob)));
        assert_eq!(s.ok("call", msg("get_approved", &[&id(1)])), ok_of(&[0]));
        // An operator moves any of the owner's tokens, but only the owner's.
        s.host.caller = alice;
        assert_eq!(s.reverts("call", msg("set_approval_for_all", &[&alice, &[1]])), not_allowed);
        assert_eq!(s.ok("call", msg("set_approval_for_all", &[&carol, &[1]])), done);
        assert_eq!(s.ok("call", msg("is_approved_for_all", &[&alice, &carol])), ok_of(&[1]));
        assert_eq!(s.ok("call", msg("is_approved_for_all", &[&carol, &alice])), ok_of(&[0]));
        s.host.caller = carol;
        assert_eq!(s.ok("call", msg("transfer_from", &[&alice, &carol, &id(2)])), done);
        assert_eq!(s.reverts("call", msg("transfer_from", &[&bob, &carol, &id(1)])), not_approved);
        // Burning.
        s.host.caller = bob;
        assert_eq!(s.ok("call", msg("burn", &[&id(1)])), done);
        assert_eq!(s.reverts("call", msg("burn", &[&id(1)])), not_found);
        assert_eq!(s.ok("call", msg("owner_of", &[&id(1)])), ok_of(&[0]));
        for (who, n) in [(alice, 0u32), (bob, 0), (carol, 1)] {
            assert_eq!(s.ok("call", msg("balance_of", &[&who])), ok_of(&id(n)));
        }
        // A bool that is neither 0 nor 1 does not decode.
        assert_eq!(
            s.reverts("call", msg("set_approval_for_all", &[&bob, &[2]])),
            COULD_NOT_READ_INPUT
        );
        // Events: mint, mint, approval, transfer, operator, transfer, burn. As in ink! 5,
        // an `Option` topic publishes its inner value: a minted token comes from
        // `Some(zero account)`, a burnt one goes to it.
        let padded = |v: u32| {
            let mut t = [0u8; 32];
            t[..4].copy_from_slice(&id(v));
            t
        };
        let transfer = blake2_256(b"Transfer(Option<AccountId>,Option<AccountId>,TokenId)");
        let approval = blake2_256(b"Approval(AccountId,AccountId,TokenId)");
        let for_all = blake2_256(b"ApprovalForAll(AccountId,AccountId,bool)");
        let e = &s.host.events;
        assert_eq!(e.len(), 7);
        assert_eq!(e[0].topics, vec![transfer, [0; 32], alice, padded(1)]);
        assert_eq!(e[0].data, [&some([0; 32])[..], &some(alice), &id(1)].concat());
        assert_eq!(e[2].topics, vec![approval, alice, bob, padded(1)]);
        assert_eq!(e[3].topics, vec![transfer, alice, bob, padded(1)]);
        assert_eq!(e[4].topics, vec![for_all, alice, carol]);
        assert_eq!(e[4].data, [&alice[..], &carol, &[1]].concat());
        assert_eq!(e[5].topics, vec![transfer, alice, carol, padded(2)]);
        assert_eq!(e[6].topics, vec![transfer, bob, [0; 32], padded(1)]);
    });
}

/// `delegator` deploys a `counter` from its code hash and calls it: through the
/// `IncrementerRef`, the call builder (value, explicit selector), an unknown selector, a
/// trapping callee, re-entry into itself with and without the flag, and the call-depth
/// limit. Both engines must leave the same world behind.
#[test]
fn delegator_instantiates_and_calls_a_counter() {
    in_a_world("examples/delegator", &["examples/counter"], |s, hashes| {
        let code_hash = hashes[0];
        let i32_ = |v: i32| v.to_le_bytes();
        let me = s.host.address;

        // The (payable) constructor instantiates the counter with 40.
        s.host.value_transferred = 7;
        assert_eq!(s.ok("deploy", msg("new", &[&code_hash, &i32_(40)])), ok_of(&[]));
        s.host.value_transferred = 0;
        let counter =
            World::contract_address(&me, &code_hash, &msg("new", &[&i32_(40)]), &i32_(40));
        assert_eq!(s.ok("call", msg("counter", &[])), ok_of(&counter));
        assert_eq!(s.host.world.contracts[&counter].balance, 0);
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&i32_(40)));

        // A trait message (selector of `Forward::forward`) through the reference; the
        // counter's event names the delegator as the caller.
        assert_eq!(s.ok("call", msg("Forward::forward", &[&i32_(2)])), ok_of(&i32_(42)));
        assert_eq!(s.ok("call", msg("forwarded", &[])), ok_of(&1u32.to_le_bytes()));
        let event = s.host.events.last().unwrap().clone();
        assert_eq!(event.contract, counter);
        assert_eq!(event.topics[1], me, "Incremented.by is the delegator");

        // Value through the call builder to the explicit selector 0x42.
        s.host.value_transferred = 5;
        let paid = s.ok("call", msg("add_two_paid", &[&i32_(1), &i32_(2)]));
        assert_eq!(paid, ok_of(&[&i32_(45)[..], &5u128.to_le_bytes()].concat()));
        s.host.value_transferred = 0;
        assert_eq!(s.host.world.contracts[&counter].balance, 5);
        assert_eq!(s.host.balance, 1_000_000 - 5);

        // An unknown selector reverts in the callee: the caller decodes CouldNotReadInput
        // (and, returning Err itself, reverts too).
        assert_eq!(s.reverts("call", msg("call_unknown", &[])), ok_of(&[1, 1]));
        // A callee that traps (value to a non-payable message) changes nothing.
        let before = s.host.world.contracts[&counter].clone();
        assert_eq!(s.reverts("call", msg("pay_inc", &[&i32_(1)])), ok_of(&[1, 0]));
        assert_eq!(s.host.world.contracts[&counter], before);

        // Re-entry: denied without the flag, allowed with it.
        assert_eq!(s.reverts("call", msg("reenter", &[&[0]])), ok_of(&[1, 2]));
        assert_eq!(s.ok("call", msg("reenter", &[&[1]])), ok_of(&[0, 45, 0, 0, 0]));
        // Depth: the outermost call and four nested ones fit in the limit of five.
        assert_eq!(s.ok("call", msg("recurse", &[&4u32.to_le_bytes()])), ok_of(&[0, 4, 0, 0, 0]));
        assert_eq!(s.reverts("call", msg("recurse", &[&5u32.to_le_bytes()])), ok_of(&[1, 3]));
    });
}

/// ink!'s `multisig` with owners Alice, Bob and Charlie, two of whom must confirm: a
/// transaction calling the wallet's own `add_owner` (re-entry allowed) runs only once
/// confirmed twice, and only through the wallet; one whose callee fails (an unknown
/// selector, denied re-entry) fails the invocation with `TransactionFailed` and changes
/// nothing. Upstream checks its preconditions with `assert!`, so misuse traps.
#[test]
fn multisig_confirms_and_invokes_through_itself() {
    in_a_world(&format!("{UPSTREAM}/multisig"), &[], |s, _| {
        let (alice, wallet) = (s.host.caller, s.host.address);
        let (bob, charlie, eve, frank) = ([9u8; 32], [7u8; 32], [5u8; 32], [6u8; 32]);
        let id = |v: u32| v.to_le_bytes();
        // SCALE's compact length prefix, for the short lengths here.
        let len = |n: usize| [u8::try_from(n).unwrap() << 2];
        // A transaction for the wallet to call `selector` on `callee` with `args`.
        let tx = |callee: [u8; 32], selector: &[u8], args: &[u8], reentry: bool| {
            let (value, gas) = (0u128.to_le_bytes(), 0u64.to_le_bytes());
            [&callee[..], selector, &len(args.len()), args, &value, &gas, &[u8::from(reentry)]]
                .concat()
        };
        let submit = |t: &[u8]| msg("submit_transaction", &[t]);
        // ConfirmationStatus: Confirmed, or ConfirmationsNeeded(n).
        let confirmed = ok_of(&[0]);
        let needed = |n: u32| [&[1u8][..], &id(n)].concat();

        let owners = [&len(3)[..], &alice, &bob, &charlie].concat();
        assert_eq!(s.ok("deploy", msg("new", &[&id(2), &owners])), ok_of(&[]));

        // Alice submits a call of the wallet's own `add_owner(eve)`: transaction 0, with
        // her confirmation. One is not enough: invoking it traps.
        let add_eve = tx(wallet, &sel("add_owner"), &eve, true);
        assert_eq!(s.ok("call", submit(&add_eve)), ok_of(&[&id(0)[..], &needed(1)].concat()));
        assert!(s.try_call("call", msg("invoke_transaction", &[&id(0)])).is_err());
        // Bob confirms; now anyone may invoke it.
        s.host.caller = bob;
        assert_eq!(s.ok("call", msg("confirm_transaction", &[&id(0)])), confirmed);
        s.host.caller = frank;
        assert_eq!(s.ok("call", msg("invoke_transaction", &[&id(0)])), ok_of(&[0]), "Ok(Ok(()))");
        // Invoked transactions are gone.
        assert!(s.try_call("call", msg("invoke_transaction", &[&id(0)])).is_err());

        // Events: submission, two confirmations, then the nested call's OwnerAddition and
        // the Execution, both from the wallet.
        let padded = |v: u32| {
            let mut t = [0u8; 32];
            t[..4].copy_from_slice(&id(v));
            t
        };
        let e = &s.host.events;
        assert_eq!(e.len(), 5);
        assert!(e.iter().all(|e| e.contract == wallet));
        assert_eq!(e[0].topics, vec![blake2_256(b"Submission(TransactionId)"), padded(0)]);
        let confirmation = blake2_256(b"Confirmation(TransactionId,AccountId,ConfirmationStatus)");
        assert_eq!(e[2].topics, vec![confirmation, padded(0), bob, padded(0)]);
        assert_eq!(e[3].topics, vec![blake2_256(b"OwnerAddition(AccountId)"), eve]);
        let execution = blake2_256(b"Execution(TransactionId,Result<Option<Vec<u8>>,Error>)");
        // `Ok(None)` encodes as two zero bytes, padded.
        assert_eq!(e[4].topics, vec![execution, padded(0), [0; 32]]);

        // Called directly rather than through the wallet, management traps.
        s.host.caller = alice;
        assert!(s.try_call("call", msg("add_owner", &[&frank])).is_err());
        assert!(s.try_call("call", msg("change_requirement", &[&id(1)])).is_err());

        // Transactions whose call fails in the callee: an unknown selector, a call back
        // into the wallet without re-entry allowed. Each fails the invocation with
        // Ok(Err(TransactionFailed)), which reverts: the transaction stays pending.
        let failing = [
            tx(wallet, &[0xde, 0xad, 0xbe, 0xef], &[], true),
            tx(wallet, &sel("add_owner"), &frank, false),
        ];
        for (n, t) in (1u32..).zip(&failing) {
            s.host.caller = alice;
            assert_eq!(s.ok("call", submit(t)), ok_of(&[&id(n)[..], &needed(1)].concat()));
            s.host.caller = charlie;
            assert_eq!(s.ok("call", msg("confirm_transaction", &[&id(n)])), confirmed);
            let before = (s.host.storage.clone(), s.host.events.len());
            assert_eq!(s.reverts("call", msg("invoke_transaction", &[&id(n)])), ok_of(&[1, 0]));
            assert_eq!((s.host.storage.clone(), s.host.events.len()), before);
        }
    });
}
