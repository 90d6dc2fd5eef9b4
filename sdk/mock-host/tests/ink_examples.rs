//! The `ink-examples` (ink! 5 contracts with `ink` pointed at Rivet's SDK), built with
//! the toolchain as `rivet build` does and run on the mock host on both engines: ink!'s
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
use rivet_mock_host::{CallOutput, MockError, MockHost};
use rivet_toolchain::{GuestBuild, GuestTarget};

fn example(name: &str) -> Arc<Program> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ink-examples").join(name);
    let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32emc))
        .unwrap_or_else(|e| panic!("{e}"));
    let parts = link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap();
    Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap())
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

/// `Ok(value)` in ink!'s `Result<T, LangError>` encoding.
fn ok_of(value: &[u8]) -> Vec<u8> {
    [&[0u8][..], value].concat()
}

/// `Err(LangError::CouldNotReadInput)`.
const COULD_NOT_READ_INPUT: [u8; 2] = [1, 1];

#[test]
fn flipper_deploys_flips_and_answers() {
    on_both_engines("flipper", |s| {
        let caller = s.host.caller;
        assert_eq!(s.ok("deploy", msg("new", &[&[1]])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&[1]));
        assert_eq!(s.ok("call", msg("flip", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("get", &[])), ok_of(&[0]), "false after the flip");
        assert_eq!(s.ok("call", msg("who", &[])), ok_of(&caller), "the environment's caller");
        // Unknown selectors and undecodable arguments revert with CouldNotReadInput.
        assert_eq!(s.reverts("call", vec![1, 2, 3, 4]), COULD_NOT_READ_INPUT);
        assert_eq!(s.reverts("deploy", sel("new")), COULD_NOT_READ_INPUT);
    });
}

#[test]
fn incrementer_with_arguments_events_and_payability() {
    on_both_engines("incrementer", |s| {
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
fn erc20_balances_allowances_and_events() {
    on_both_engines("erc20", |s| {
        let (alice, bob) = (s.host.caller, [9u8; 32]);
        let u128_ = |v: u128| v.to_le_bytes();
        assert_eq!(s.ok("deploy", msg("new", &[&u128_(1000)])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("balance_of", &[&alice])), ok_of(&u128_(1000)));
        assert_eq!(s.ok("call", msg("transfer", &[&bob, &u128_(100)])), ok_of(&[0]), "Ok(Ok(()))");
        assert_eq!(s.ok("call", msg("balance_of", &[&bob])), ok_of(&u128_(100)));
        // Too much: Ok(Err(InsufficientBalance)), nothing moves.
        assert_eq!(s.ok("call", msg("transfer", &[&bob, &u128_(901)])), ok_of(&[1, 0]));
        assert_eq!(s.ok("call", msg("balance_of", &[&alice])), ok_of(&u128_(900)));
        // Allowances.
        assert_eq!(s.ok("call", msg("approve", &[&bob, &u128_(50)])), ok_of(&[0]));
        s.host.caller = bob;
        assert_eq!(s.ok("call", msg("transfer_from", &[&alice, &bob, &u128_(60)])), ok_of(&[1, 1]));
        assert_eq!(s.ok("call", msg("transfer_from", &[&alice, &bob, &u128_(20)])), ok_of(&[0]));
        assert_eq!(s.ok("call", msg("allowance", &[&alice, &bob])), ok_of(&u128_(30)));
        // Events: mint, transfer, approval, transfer — Option<AccountId> topics hashed.
        let some = |a: [u8; 32]| blake2_256(&[&[1u8][..], &a[..]].concat());
        let sig = blake2_256(b"Transfer(Option<AccountId>,Option<AccountId>,Balance)");
        assert_eq!(s.host.events.len(), 4);
        assert_eq!(s.host.events[1].topics, vec![sig, some(alice), some(bob)]);
        assert_eq!(s.host.events[0].topics[1], [0u8; 32], "None encodes to one zero byte, padded");
    });
}

#[test]
fn vault_transfers_hashes_and_terminates() {
    on_both_engines("vault", |s| {
        let owner = s.host.caller;
        s.host.value_transferred = 5; // the constructor is payable
        assert_eq!(s.ok("deploy", msg("new", &[])), ok_of(&[]));
        s.host.value_transferred = 0;
        let withdraw = |v: u128| msg("withdraw", &[&v.to_le_bytes()]);
        assert_eq!(s.ok("call", withdraw(300)), ok_of(&[0]), "Ok(Ok(()))");
        assert_eq!(s.host.balance, 1_000_000 - 300);
        assert_eq!(s.ok("call", withdraw(u128::MAX)), ok_of(&[1, 1]), "Ok(Err(TransferFailed))");
        s.host.caller = [7; 32];
        assert_eq!(s.ok("call", withdraw(1)), ok_of(&[1, 0]), "Ok(Err(NotOwner))");
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
    on_both_engines("dns", |s| {
        let (name, target) = ([7u8; 32], [3u8; 32]);
        assert_eq!(s.ok("deploy", msg("new", &[])), ok_of(&[]));
        assert_eq!(s.ok("call", msg("register", &[&name])), ok_of(&[0]));
        assert_eq!(s.ok("call", msg("register", &[&name])), ok_of(&[1, 0]), "NameTaken");
        assert_eq!(s.ok("call", msg("set_address", &[&name, &target])), ok_of(&[0]));
        assert_eq!(
            s.ok("call", msg("get_address", &[&name])),
            ok_of(&[&[1u8][..], &target].concat())
        );
        assert_eq!(s.ok("call", msg("count", &[])), ok_of(&1u32.to_le_bytes()));
        assert_eq!(s.host.events.len(), 2);
    });
}
