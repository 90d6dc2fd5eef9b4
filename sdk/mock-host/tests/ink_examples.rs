//! The `ink-examples` (ink! 5 contracts with `ink` pointed at Rivet's SDK), built with
//! the toolchain as `rivet build` does and run on the mock host on both engines: ink!'s
//! selectors, SCALE arguments, `Result<_, LangError>` returns, storage across calls,
//! the environment, payability, and unknown selectors.

use std::path::Path;
use std::sync::Arc;

use rivet_executor::linker::{link, LinkerConfig};
use rivet_executor::{EngineKind, Instance, Limits, Module, Program};
use rivet_mock_host::MockHost;
use rivet_toolchain::{GuestBuild, GuestTarget};

fn example(name: &str) -> Arc<Program> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ink-examples").join(name);
    let elfs = rivet_toolchain::build(&GuestBuild::new(dir, GuestTarget::Rv32emc))
        .unwrap_or_else(|e| panic!("{e}"));
    let parts = link(&std::fs::read(&elfs[0].path).unwrap(), &LinkerConfig::default()).unwrap();
    Arc::new(Program::from_bytes(&parts.to_bytes(), &Limits::default()).unwrap())
}

/// ink!'s selectors: BLAKE2b-256 of the name, first four bytes.
const NEW: [u8; 4] = [0x9b, 0xae, 0x9d, 0x5e];
const FLIP: [u8; 4] = [0x63, 0x3a, 0xa5, 0x51];
const GET: [u8; 4] = [0x2f, 0x86, 0x5b, 0xd9];
const WHO: [u8; 4] = [0xaa, 0xe9, 0x74, 0xde];

#[test]
fn flipper_deploys_flips_and_answers() {
    let program = example("flipper");
    let mut gas_used = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let inst = &mut *instance as &mut dyn Instance;
        let mut host = MockHost::default();
        let mut call =
            |export: &str, input: Vec<u8>| host.call(inst, export, &input, 10_000_000).unwrap();
        let deployed = call("deploy", [&NEW[..], &[1]].concat());
        assert_eq!((deployed.data.as_slice(), deployed.reverted), (&[0u8][..], false), "Ok(())");
        assert_eq!(call("call", GET.to_vec()).data, [0, 1], "Ok(true)");
        assert_eq!(call("call", FLIP.to_vec()).data, [0], "Ok(())");
        let got = call("call", GET.to_vec());
        assert_eq!(got.data, [0, 0], "Ok(false) after the flip");
        // The environment: `who` returns the caller.
        let who = call("call", WHO.to_vec());
        assert_eq!(who.data, [&[0u8][..], &MockHost::default().caller[..]].concat(), "Ok(caller)");
        // Unknown selectors and undecodable arguments revert with LangError::CouldNotReadInput.
        let bad = call("call", vec![1, 2, 3, 4]);
        assert_eq!((bad.data.as_slice(), bad.reverted), (&[1u8, 1][..], true));
        let bad_args = call("deploy", NEW.to_vec());
        assert_eq!((bad_args.data.as_slice(), bad_args.reverted), (&[1u8, 1][..], true));
        gas_used.push(got.gas_used);
    }
    assert_eq!(gas_used[0], gas_used[1], "same gas on both engines");
}

/// ink!'s selector of `name`.
fn sel(name: &str) -> Vec<u8> {
    use blake2::digest::consts::U32;
    use blake2::{Blake2b, Digest};
    Blake2b::<U32>::digest(name.as_bytes())[..4].to_vec()
}

#[test]
fn incrementer_with_arguments_and_payability() {
    let program = example("incrementer");
    let mut results = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let inst = &mut *instance as &mut dyn Instance;
        let mut host = MockHost::default();
        let caller = host.caller;
        let mut run = |host: &mut MockHost, export: &str, input: Vec<u8>| {
            host.call(inst, export, &input, 10_000_000)
        };
        let ok = |r: Result<rivet_mock_host::CallOutput, rivet_mock_host::MockError>| {
            let out = r.unwrap();
            assert!(!out.reverted, "{out:?}");
            out.data
        };
        assert_eq!(
            ok(run(&mut host, "deploy", [sel("new"), 42i32.to_le_bytes().to_vec()].concat())),
            [0]
        );
        assert_eq!(
            ok(run(&mut host, "call", [sel("inc"), 5i32.to_le_bytes().to_vec()].concat())),
            [&[0u8][..], &47i32.to_le_bytes()].concat()
        );
        assert_eq!(
            ok(run(&mut host, "call", [sel("inc"), (-50i32).to_le_bytes().to_vec()].concat())),
            [&[0u8][..], &(-3i32).to_le_bytes()].concat()
        );
        // Ok(Some(caller))
        assert_eq!(ok(run(&mut host, "call", sel("last"))), [&[0u8, 1][..], &caller[..]].concat());
        // A payable message with an explicit selector sees the value; a non-payable one traps.
        host.value_transferred = 9;
        let add_two =
            [vec![0, 0, 0, 0x42], 1i32.to_le_bytes().to_vec(), 2i32.to_le_bytes().to_vec()]
                .concat();
        assert_eq!(
            ok(run(&mut host, "call", add_two)),
            [&[0u8][..], &0i32.to_le_bytes(), &9u128.to_le_bytes()].concat()
        );
        assert!(run(&mut host, "call", [sel("inc"), 1i32.to_le_bytes().to_vec()].concat()).is_err());
        host.value_transferred = 0;
        // Trailing bytes after the arguments are a decoding error.
        let bad = run(&mut host, "call", [sel("inc"), vec![1, 2, 3, 4, 5]].concat()).unwrap();
        assert_eq!((bad.data.as_slice(), bad.reverted), (&[1u8, 1][..], true));
        assert_eq!(
            ok(run(&mut host, "call", sel("get"))),
            [&[0u8][..], &0i32.to_le_bytes()].concat()
        );
        // Two successful `inc`s emitted `Incremented { by, value }` (the trapped one did not).
        let signature = {
            use blake2::digest::consts::U32;
            use blake2::{Blake2b, Digest};
            <[u8; 32]>::from(Blake2b::<U32>::digest(b"Incremented(AccountId,i32)"))
        };
        assert_eq!(host.events.len(), 2);
        assert_eq!(host.events[1].topics, vec![signature, caller]);
        assert_eq!(host.events[1].data, [&caller[..], &(-3i32).to_le_bytes()].concat());
        results.push((host.storage.clone(), host.events.clone()));
    }
    assert_eq!(results[0], results[1]);
}

#[test]
fn erc20_balances_allowances_and_events() {
    use blake2::digest::consts::U32;
    use blake2::{Blake2b, Digest};
    let blake = |b: &[u8]| <[u8; 32]>::from(Blake2b::<U32>::digest(b));
    let program = example("erc20");
    let bob = [9u8; 32];
    let mut all = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let inst = &mut *instance as &mut dyn Instance;
        let mut host = MockHost::default();
        let alice = host.caller;
        let mut ok = |host: &mut MockHost, export: &str, input: Vec<u8>| {
            let out = host.call(inst, export, &input, 10_000_000).unwrap();
            assert!(!out.reverted, "{out:?}");
            out.data
        };
        let balance = 1000u128.to_le_bytes();
        assert_eq!(ok(&mut host, "deploy", [sel("new"), balance.to_vec()].concat()), [0]);
        let balance_of = |who: [u8; 32]| [sel("balance_of"), who.to_vec()].concat();
        assert_eq!(
            ok(&mut host, "call", balance_of(alice)),
            [&[0u8][..], &1000u128.to_le_bytes()].concat()
        );
        // transfer(bob, 100) → Ok(Ok(()))
        let transfer = |to: [u8; 32], v: u128| {
            [sel("transfer"), to.to_vec(), v.to_le_bytes().to_vec()].concat()
        };
        assert_eq!(ok(&mut host, "call", transfer(bob, 100)), [0, 0]);
        assert_eq!(
            ok(&mut host, "call", balance_of(bob)),
            [&[0u8][..], &100u128.to_le_bytes()].concat()
        );
        // Too much → Ok(Err(InsufficientBalance)), nothing moves.
        assert_eq!(ok(&mut host, "call", transfer(bob, 901)), [0, 1, 0]);
        assert_eq!(
            ok(&mut host, "call", balance_of(alice)),
            [&[0u8][..], &900u128.to_le_bytes()].concat()
        );
        // Events: the mint and the transfer, with hashed Option<AccountId> topics.
        let sig = blake(b"Transfer(Option<AccountId>,Option<AccountId>,Balance)");
        let some = |a: [u8; 32]| blake(&[&[1u8][..], &a[..]].concat());
        assert_eq!(host.events.len(), 2);
        assert_eq!(host.events[1].topics, vec![sig, some(alice), some(bob)]);
        assert_eq!(host.events[0].topics[1], [0u8; 32], "None encodes to one zero byte, padded");
        all.push((host.storage.clone(), host.events.clone()));
    }
    assert_eq!(all[0], all[1]);
}

#[test]
fn vault_transfers_hashes_and_terminates() {
    use blake2::digest::consts::U32;
    use blake2::{Blake2b, Digest};
    let program = example("vault");
    let mut all = Vec::new();
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let inst = &mut *instance as &mut dyn Instance;
        let mut host = MockHost::default();
        let owner = host.caller;
        let mut run = |host: &mut MockHost, export: &str, input: Vec<u8>| {
            host.call(inst, export, &input, 10_000_000).unwrap()
        };
        host.value_transferred = 5; // the constructor is payable
        assert_eq!(run(&mut host, "deploy", sel("new")).data, [0]);
        host.value_transferred = 0;
        let withdraw = |v: u128| [sel("withdraw"), v.to_le_bytes().to_vec()].concat();
        assert_eq!(run(&mut host, "call", withdraw(300)).data, [0, 0], "Ok(Ok(()))");
        assert_eq!(host.balance, 1_000_000 - 300);
        assert_eq!(
            run(&mut host, "call", withdraw(u128::MAX)).data,
            [0, 1, 1],
            "Ok(Err(TransferFailed))"
        );
        // A stranger may not.
        host.caller = [7; 32];
        assert_eq!(run(&mut host, "call", withdraw(1)).data, [0, 1, 0], "Ok(Err(NotOwner))");
        host.caller = owner;
        // fingerprint(Vec<u8>): SCALE compact length prefix, then the bytes.
        let fp =
            run(&mut host, "call", [sel("fingerprint"), vec![3 << 2], b"abc".to_vec()].concat());
        assert_eq!(fp.data[1..], Blake2b::<U32>::digest(b"abc")[..]);
        assert_eq!(run(&mut host, "call", sel("about")).data, [0, 1, 1]);
        let closed = run(&mut host, "call", sel("close"));
        assert_eq!(closed.terminated, Some(owner));
        assert_eq!(host.balance, 0);
        all.push(host.transfers.clone());
    }
    assert_eq!(all[0], all[1]);
}

#[test]
fn dns_registers_and_resolves() {
    let program = example("dns");
    for kind in [EngineKind::Interpreter, EngineKind::Recompiler] {
        let module = Module::new(program.clone(), kind).unwrap();
        let mut instance = module.instantiate().unwrap();
        let inst = &mut *instance as &mut dyn Instance;
        let mut host = MockHost::default();
        let mut run = |host: &mut MockHost, input: Vec<u8>, export: &str| {
            host.call(inst, export, &input, 10_000_000).unwrap().data
        };
        let name = [7u8; 32];
        assert_eq!(run(&mut host, sel("new"), "deploy"), [0]);
        assert_eq!(run(&mut host, [sel("register"), name.to_vec()].concat(), "call"), [0, 0]);
        assert_eq!(
            run(&mut host, [sel("register"), name.to_vec()].concat(), "call"),
            [0, 1, 0],
            "NameTaken"
        );
        let target = [3u8; 32];
        assert_eq!(
            run(&mut host, [sel("set_address"), name.to_vec(), target.to_vec()].concat(), "call"),
            [0, 0]
        );
        assert_eq!(
            run(&mut host, [sel("get_address"), name.to_vec()].concat(), "call"),
            [&[0u8, 1][..], &target[..]].concat()
        );
        assert_eq!(run(&mut host, sel("count"), "call"), [0, 1, 0, 0, 0]);
        assert_eq!(host.events.len(), 2);
    }
}
