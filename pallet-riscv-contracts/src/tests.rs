//! The pallet on a test runtime, every test on every engine (`on_all_engines`): the
//! interpreter in the runtime, and the client's recompiler and interpreter through the
//! host functions. Each test returns what it observed (results, gas, balances, events),
//! and the engines must agree on all of it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use codec::Encode;
use frame_support::assert_ok;
use frame_support::traits::fungible::{Inspect, InspectHold};
use frame_support::weights::Weight;
use sp_runtime::AccountId32;

use crate::mock::*;
use crate::primitives::Code;
use crate::{CodeHash, CodeInfoOf, ContractInfoOf, Error, Event, HoldReason, PristineCode};

/// The blob of a contract (`contracts/…`) or guest
/// (`executor/guests/<name>`), built once per test binary as `rivet build` does.
pub fn blob(path: &str) -> Vec<u8> {
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<u8>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(b) = cache.lock().unwrap().get(path) {
        return b.clone();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    let build = rivet_toolchain::GuestBuild::new(dir, rivet_toolchain::GuestTarget::Rv32emc);
    let elfs = rivet_toolchain::build(&build).unwrap_or_else(|e| panic!("{e}"));
    let elf = std::fs::read(&elfs[0].path).unwrap();
    let config = rivet_executor::linker::LinkerConfig::default();
    let blob = rivet_executor::linker::link(&elf, &config).unwrap().to_bytes();
    cache.lock().unwrap().insert(path.to_string(), blob.clone());
    blob
}

/// A gas limit that is plenty for every call here (10 M VM gas).
const GAS: Weight = Weight::from_parts(10_000_000 * REF_TIME_PER_GAS, 0);

/// ink!'s selector of `name`.
fn sel(name: &str) -> Vec<u8> {
    sp_io::hashing::blake2_256(name.as_bytes())[..4].to_vec()
}

/// `selector ‖ args`.
fn msg(name: &str, args: &[&[u8]]) -> Vec<u8> {
    [&sel(name)[..]].into_iter().chain(args.iter().copied()).collect::<Vec<_>>().concat()
}

fn upload(who: AccountId32, path: &str) -> CodeHash {
    let code = blob(path);
    assert_ok!(Contracts::upload_code(RuntimeOrigin::signed(who), code.clone(), None));
    sp_io::hashing::blake2_256(&code).into()
}

/// Deploys `path` with constructor input `input` from Alice; its address.
fn deploy(path: &str, input: Vec<u8>, salt: &[u8]) -> AccountId32 {
    deploy_with_value(path, input, salt, 0)
}

/// As [`deploy`], endowing the contract with `value`.
fn deploy_with_value(path: &str, input: Vec<u8>, salt: &[u8], value: u128) -> AccountId32 {
    let code = blob(path);
    let hash: CodeHash = sp_io::hashing::blake2_256(&code).into();
    let code = if PristineCode::<Test>::contains_key(hash) {
        Code::Existing(hash)
    } else {
        Code::Upload(code)
    };
    let r =
        Contracts::bare_instantiate(ALICE, value, GAS, None, code, input.clone(), salt.to_vec());
    let address = r.result.expect("the constructor runs").account_id;
    // The dry run's state changes are ours here (no overlay is discarded in tests), so
    // this is the deployment.
    address
}

/// A dry-run call from `who`: its output data (which must not have reverted).
fn read(who: AccountId32, dest: &AccountId32, input: Vec<u8>) -> Vec<u8> {
    let r = Contracts::bare_call(who, dest.clone(), 0, GAS, None, input);
    let v = r.result.expect("the call runs");
    assert!(!v.did_revert(), "{v:?}");
    v.data
}

/// Runs `f` and discards its state changes, as a runtime API call's are.
fn discarded<R>(f: impl FnOnce() -> R) -> R {
    use frame_support::storage::{with_transaction_unchecked, TransactionOutcome};
    with_transaction_unchecked(|| TransactionOutcome::Rollback(f()))
}

/// The data and emitter of every `ContractEmitted` so far.
fn contract_events() -> Vec<(AccountId32, Vec<u8>, Vec<sp_core::H256>)> {
    System::events()
        .into_iter()
        .filter_map(|r| match r.event {
            RuntimeEvent::Contracts(Event::ContractEmitted { contract, data }) => {
                Some((contract, data, r.topics))
            }
            _ => None,
        })
        .collect()
}

/// `Ok(value)` in ink!'s encoding.
fn ok_of(value: &[u8]) -> Vec<u8> {
    [&[0u8][..], value].concat()
}

#[test]
fn flipper_uploads_deploys_flips_and_reads() {
    on_all_engines(|| {
        let code_hash = upload(ALICE, "contracts/upstream/ink-5.1.1/public/flipper");
        let info = CodeInfoOf::<Test>::get(code_hash).unwrap();
        let held = Balances::balance_on_hold(&HoldReason::CodeUploadDepositReserve.into(), &ALICE);
        assert_eq!(held, info.deposit, "the code deposit is held from the uploader");
        assert_eq!(info.deposit, 100 + info.code_len as u128);
        assert_ok!(Contracts::instantiate(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            None,
            code_hash,
            msg("new", &[&[1]]),
            vec![],
        ));
        let address = ContractInfoOf::<Test>::iter_keys().next().unwrap();
        assert_eq!(CodeInfoOf::<Test>::get(code_hash).unwrap().refcount, 1);
        assert_eq!(read(BOB, &address, msg("get", &[])), ok_of(&[1]));
        let flip = Contracts::call(
            RuntimeOrigin::signed(BOB),
            address.clone(),
            0,
            GAS,
            None,
            msg("flip", &[]),
        );
        let weight = flip.unwrap().actual_weight.unwrap();
        assert!(weight.ref_time() < GAS.ref_time(), "only the gas used is charged");
        assert_eq!(read(BOB, &address, msg("get", &[])), ok_of(&[0]));
        // An unknown selector reverts with CouldNotReadInput; the extrinsic fails.
        let bad = Contracts::call(
            RuntimeOrigin::signed(BOB),
            address.clone(),
            0,
            GAS,
            None,
            vec![1, 2, 3, 4],
        );
        assert_eq!(bad.unwrap_err().error, Error::<Test>::ContractReverted.into());
        let dry = Contracts::bare_call(BOB, address.clone(), 0, GAS, None, vec![1, 2, 3, 4]);
        assert_eq!(dry.result.as_ref().unwrap().data, vec![1, 1]);
        (weight, dry.gas_consumed, Balances::balance(&address))
    });
}

#[test]
fn erc20_transfers_emit_events_and_revert_on_err() {
    on_all_engines(|| {
        let token = deploy(
            "contracts/upstream/ink-5.1.1/public/erc20",
            msg("new", &[&1000u128.to_le_bytes()]),
            &[],
        );
        let to = |a: &AccountId32| a.encode();
        let transfer = |amount: u128| msg("transfer", &[&to(&BOB), &amount.to_le_bytes()]);
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            token.clone(),
            0,
            GAS,
            None,
            transfer(100)
        ));
        assert_eq!(
            read(ALICE, &token, msg("balance_of", &[&to(&BOB)])),
            ok_of(&100u128.to_le_bytes())
        );
        // Too much: the message returns Err, which reverts; the extrinsic fails.
        let before = contract_events().len();
        let r = Contracts::call(
            RuntimeOrigin::signed(ALICE),
            token.clone(),
            0,
            GAS,
            None,
            transfer(5000),
        );
        assert_eq!(r.unwrap_err().error, Error::<Test>::ContractReverted.into());
        let dry = Contracts::bare_call(ALICE, token.clone(), 0, GAS, None, transfer(5000));
        assert_eq!(dry.result.unwrap().data, vec![0, 1, 0], "Ok(Err(InsufficientBalance))");
        assert_eq!(contract_events().len(), before);
        assert_eq!(
            read(ALICE, &token, msg("balance_of", &[&to(&ALICE)])),
            ok_of(&900u128.to_le_bytes())
        );
        // Events: mint and transfer, emitted by the token, with the signature topic first.
        let events = contract_events();
        assert_eq!(events.len(), 2);
        assert!(events.iter().all(|(c, _, topics)| c == &token && topics.len() == 3));
        let sig =
            sp_io::hashing::blake2_256(b"Transfer(Option<AccountId>,Option<AccountId>,Balance)");
        assert_eq!(events[1].2[0].0, sig);
        // Storage grew: the deposit is held on the token's account.
        let deposit = Balances::balance_on_hold(&HoldReason::StorageDepositReserve.into(), &token);
        assert_eq!(deposit, ContractInfoOf::<Test>::get(&token).unwrap().storage_deposit);
        assert!(deposit > 0);
        (events, deposit, Balances::balance(&ALICE))
    });
}

#[test]
fn delegator_instantiates_and_calls_across_contracts() {
    on_all_engines(|| {
        let counter_code = upload(ALICE, "contracts/examples/counter");
        let input = msg("new", &[counter_code.as_bytes(), &40i32.to_le_bytes()]);
        let delegator = deploy_with_value("contracts/examples/delegator", input, &[], 10);
        let counter: AccountId32 = {
            let out = read(ALICE, &delegator, msg("counter", &[]));
            AccountId32::new(out[1..33].try_into().unwrap())
        };
        assert!(ContractInfoOf::<Test>::contains_key(&counter), "the nested instantiation stuck");
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            delegator.clone(),
            0,
            GAS,
            None,
            msg("Forward::forward", &[&2i32.to_le_bytes()]),
        ));
        assert_eq!(read(ALICE, &delegator, msg("get", &[])), ok_of(&42i32.to_le_bytes()));
        // The counter's event was emitted by the counter, with the delegator as `by`.
        let (emitter, _, topics) = contract_events().pop().unwrap();
        assert_eq!((emitter, topics[1].0), (counter.clone(), *delegator.as_ref()));
        // Value through the call builder to the payable `add_two`.
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            delegator.clone(),
            5,
            GAS,
            None,
            msg("add_two_paid", &[&1i32.to_le_bytes(), &2i32.to_le_bytes()]),
        ));
        assert_eq!(Balances::balance(&counter), 1 + 5, "existential deposit + value");
        // A trapping callee is reported to the caller, which reverts: nothing changes.
        let r = Contracts::bare_call(
            ALICE,
            delegator.clone(),
            0,
            GAS,
            None,
            msg("pay_inc", &[&1i32.to_le_bytes()]),
        );
        assert_eq!(r.result.unwrap().data, vec![0, 1, 0], "Ok(Err(CalleeTrapped))");
        assert_eq!(read(ALICE, &delegator, msg("get", &[])), ok_of(&45i32.to_le_bytes()));
        // Re-entry, and the call-depth limit of five frames.
        let reenter = |allow: u8| {
            Contracts::bare_call(
                ALICE,
                delegator.clone(),
                0,
                GAS,
                None,
                msg("reenter", &[&[allow]]),
            )
        };
        assert_eq!(reenter(0).result.unwrap().data, vec![0, 1, 2], "ReentranceDenied");
        assert_eq!(reenter(1).result.unwrap().data, ok_of(&[0, 45, 0, 0, 0]));
        let recurse = |n: u32| {
            Contracts::bare_call(
                ALICE,
                delegator.clone(),
                0,
                GAS,
                None,
                msg("recurse", &[&n.to_le_bytes()]),
            )
        };
        assert_eq!(recurse(4).result.unwrap().data, ok_of(&[0, 4, 0, 0, 0]));
        assert_eq!(recurse(5).result.unwrap().data, vec![0, 1, 3], "CallDepthExceeded");
        (contract_events(), Balances::balance(&ALICE))
    });
}

#[test]
fn vault_terminates_and_its_code_can_then_be_removed() {
    on_all_engines(|| {
        let vault = deploy("contracts/examples/vault", msg("new", &[]), &[]);
        let code_hash = ContractInfoOf::<Test>::get(&vault).unwrap().code_hash;
        // Code in use cannot be removed, and only by its owner.
        let r = Contracts::remove_code(RuntimeOrigin::signed(ALICE), code_hash);
        assert_eq!(r.unwrap_err(), Error::<Test>::CodeInUse.into());
        let r = Contracts::remove_code(RuntimeOrigin::signed(BOB), code_hash);
        assert_eq!(r.unwrap_err(), Error::<Test>::NotCodeOwner.into());
        let before = Balances::balance(&ALICE);
        let vault_balance = Balances::balance(&vault)
            + Balances::balance_on_hold(&HoldReason::StorageDepositReserve.into(), &vault);
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            vault.clone(),
            0,
            GAS,
            None,
            msg("close", &[])
        ));
        assert!(!ContractInfoOf::<Test>::contains_key(&vault));
        assert_eq!(Balances::balance(&vault), 0);
        assert_eq!(
            Balances::balance(&ALICE),
            before + vault_balance,
            "everything went to the owner"
        );
        assert_eq!(CodeInfoOf::<Test>::get(code_hash).unwrap().refcount, 0);
        assert_ok!(Contracts::remove_code(RuntimeOrigin::signed(ALICE), code_hash));
        assert!(!PristineCode::<Test>::contains_key(code_hash));
        assert_eq!(
            Balances::balance_on_hold(&HoldReason::CodeUploadDepositReserve.into(), &ALICE),
            0
        );
        Balances::balance(&ALICE)
    });
}

/// `raw-contract` modes (see its source): 8 spins, 9 reads an address, 10 writes one.
fn raw(mode: u8, addr: u32) -> Vec<u8> {
    [&[mode][..], &addr.to_le_bytes()].concat()
}

#[test]
fn endless_loops_run_out_of_gas_and_charge_the_caller() {
    on_all_engines(|| {
        let c = deploy("executor/guests/raw-contract", 5u32.to_le_bytes().to_vec(), &[]);
        let limit = Weight::from_parts(200_000 * REF_TIME_PER_GAS, 0);
        let before = read(ALICE, &c, vec![0]);
        let r = Contracts::call(RuntimeOrigin::signed(ALICE), c.clone(), 0, limit, None, raw(8, 0));
        let e = r.unwrap_err();
        assert_eq!(e.error, Error::<Test>::OutOfGas.into());
        let charged = e.post_info.actual_weight.unwrap();
        assert!(charged.ref_time() >= limit.ref_time(), "the whole gas limit is charged");
        assert_eq!(read(ALICE, &c, vec![0]), before, "the store before the loop was rolled back");
        let dry = Contracts::bare_call(ALICE, c.clone(), 0, limit, None, raw(8, 0));
        assert_eq!(dry.gas_consumed, limit);
        (charged, before)
    });
}

#[test]
fn contracts_cannot_touch_memory_outside_their_own() {
    on_all_engines(|| {
        let c = deploy("executor/guests/raw-contract", 5u32.to_le_bytes().to_vec(), &[]);
        let mut results = Vec::new();
        // Unmapped low memory, the code (not data), the top of the address space, and the
        // read-only data region's start (the linker script puts .rodata after .text).
        for addr in [0u32, 0x10000, 0xffff_fffc, 0xffff_0000] {
            for mode in [9, 10] {
                let r = Contracts::call(
                    RuntimeOrigin::signed(ALICE),
                    c.clone(),
                    0,
                    GAS,
                    None,
                    raw(mode, addr),
                );
                assert_eq!(
                    r.unwrap_err().error,
                    Error::<Test>::ContractTrapped.into(),
                    "mode {mode} at {addr:#x}"
                );
                results.push(
                    Contracts::bare_call(ALICE, c.clone(), 0, GAS, None, raw(mode, addr))
                        .gas_consumed,
                );
            }
        }
        assert_eq!(read(ALICE, &c, vec![0]), 5u32.to_le_bytes().to_vec(), "nothing was stored");
        results
    });
}

#[test]
fn malformed_and_oversized_code_is_rejected_with_the_precise_error() {
    on_all_engines(|| {
        let flipper = blob("contracts/upstream/ink-5.1.1/public/flipper");
        let mut bad_magic = flipper.clone();
        bad_magic[0] ^= 0xff;
        let r = Contracts::upload_code(RuntimeOrigin::signed(ALICE), bad_magic.clone(), None);
        assert_eq!(r.unwrap_err(), Error::<Test>::InvalidCode.into());
        let (e, detail) = Contracts::bare_upload_code(ALICE, bad_magic, None).unwrap_err();
        assert_eq!(e, Error::<Test>::InvalidCode.into());
        let detail = String::from_utf8(detail).unwrap();
        assert!(detail.contains("bad magic") && detail.contains("offset 0"), "{detail}");
        // Truncated in the middle.
        let truncated = flipper[..flipper.len() / 2].to_vec();
        let (_, detail) = Contracts::bare_upload_code(ALICE, truncated, None).unwrap_err();
        assert!(String::from_utf8(detail).unwrap().contains("offset"));
        // Over MaxCodeLen.
        let huge = vec![0u8; 128 * 1024 + 1];
        let r = Contracts::upload_code(RuntimeOrigin::signed(ALICE), huge, None);
        assert_eq!(r.unwrap_err(), Error::<Test>::CodeTooLarge.into());
        // A program that is not a contract (no `deploy`/`call`).
        let guest = blob("executor/guests/test-guest");
        let r = Contracts::upload_code(RuntimeOrigin::signed(ALICE), guest, None);
        assert_eq!(r.unwrap_err(), Error::<Test>::MissingExport.into());
        // Twice the same code; a deposit limit below the deposit.
        assert_ok!(Contracts::upload_code(RuntimeOrigin::signed(ALICE), flipper.clone(), None));
        let r = Contracts::upload_code(RuntimeOrigin::signed(BOB), flipper.clone(), None);
        assert_eq!(r.unwrap_err(), Error::<Test>::CodeAlreadyExists.into());
        // Nothing was held for the failures.
        let held = Balances::balance_on_hold(&HoldReason::CodeUploadDepositReserve.into(), &BOB);
        assert_eq!(held, 0);
        held
    });
}

#[test]
fn failed_instantiations_and_calls_change_nothing() {
    on_all_engines(|| {
        let code_hash = upload(ALICE, "contracts/upstream/ink-5.1.1/public/flipper");
        let new_flipper = |who: AccountId32, value: u128, limit: Option<u128>, salt: &[u8]| {
            let input = msg("new", &[&[1]]);
            let origin = RuntimeOrigin::signed(who);
            Contracts::instantiate(origin, value, GAS, limit, code_hash, input, salt.to_vec())
        };
        let alice = Balances::balance(&ALICE);
        // A constructor that gets value although it is not payable traps.
        let r = new_flipper(ALICE, 7, None, &[]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::ContractTrapped.into());
        assert_eq!(ContractInfoOf::<Test>::iter().count(), 0);
        assert_eq!(Balances::balance(&ALICE), alice);
        assert_eq!(CodeInfoOf::<Test>::get(code_hash).unwrap().refcount, 0);
        // No such contract; no such code; a deposit limit too low; an empty account.
        let r = Contracts::call(RuntimeOrigin::signed(ALICE), CHARLIE, 0, GAS, None, vec![]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::ContractNotFound.into());
        let origin = RuntimeOrigin::signed(ALICE);
        let r = Contracts::instantiate(origin, 0, GAS, None, CodeHash::zero(), vec![], vec![]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::CodeNotFound.into());
        let r = new_flipper(ALICE, 0, Some(1), &[]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::StorageDepositLimitExhausted.into());
        let r = new_flipper(CHARLIE, 0, None, &[]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::StorageDepositNotEnoughFunds.into());
        assert_eq!(ContractInfoOf::<Test>::iter().count(), 0, "none of them left a contract");
        // The same deployment twice: the address is taken.
        assert_ok!(new_flipper(ALICE, 0, None, &[9]));
        let r = new_flipper(ALICE, 0, None, &[9]);
        assert_eq!(r.unwrap_err().error, Error::<Test>::DuplicateContract.into());
        Balances::balance(&ALICE)
    });
}

#[test]
fn storage_deposits_are_charged_as_storage_grows_and_refunded_as_it_shrinks() {
    on_all_engines(|| {
        let nft = deploy("contracts/upstream/ink-5.1.1/public/erc721", msg("new", &[]), &[]);
        let held = || Balances::balance_on_hold(&HoldReason::StorageDepositReserve.into(), &nft);
        let at_deploy = held();
        let mint = |id: u32| msg("mint", &[&id.to_le_bytes()]);
        let alice_before = Balances::balance(&ALICE);
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            nft.clone(),
            0,
            GAS,
            None,
            mint(7)
        ));
        let after_mint = held();
        assert!(after_mint > at_deploy, "minting stores an owner and a balance entry");
        assert_eq!(Balances::balance(&ALICE), alice_before - (after_mint - at_deploy));
        // A dry run reports the charge it would make (and, as the runtime API's overlay
        // is, its changes are discarded).
        let dry = discarded(|| Contracts::bare_call(ALICE, nft.clone(), 0, GAS, None, mint(8)));
        assert!(matches!(dry.storage_deposit, crate::StorageDeposit::Charge(c) if c > 0));
        // A limit below the charge refuses the call and changes nothing.
        let r =
            Contracts::call(RuntimeOrigin::signed(ALICE), nft.clone(), 0, GAS, Some(1), mint(9));
        assert_eq!(r.unwrap_err().error, Error::<Test>::StorageDepositLimitExhausted.into());
        assert_eq!(held(), after_mint);
        // Burning removes the owner entry (and the balance entry, now zero): a refund.
        let before_burn = Balances::balance(&ALICE);
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            nft.clone(),
            0,
            GAS,
            None,
            msg("burn", &[&7u32.to_le_bytes()])
        ));
        let refunded = after_mint - held();
        assert!(refunded > 0, "burning frees storage");
        assert_eq!(
            Balances::balance(&ALICE),
            before_burn + refunded,
            "the refund went to the origin"
        );
        let refunds: Vec<_> = System::events()
            .into_iter()
            .filter_map(|r| match r.event {
                RuntimeEvent::Contracts(Event::StorageDepositTransferred { from, to, amount })
                    if from == nft =>
                {
                    Some((to, amount))
                }
                _ => None,
            })
            .collect();
        assert_eq!(refunds, vec![(ALICE, refunded)]);
        (at_deploy, after_mint, refunded)
    });
}

#[test]
fn contract_storage_lives_in_its_own_child_trie() {
    on_all_engines(|| {
        let a = deploy("executor/guests/raw-contract", 5u32.to_le_bytes().to_vec(), &[1]);
        let b = deploy("executor/guests/raw-contract", 9u32.to_le_bytes().to_vec(), &[2]);
        assert_ne!(a, b, "the salt makes the address");
        let (ia, ib) =
            (ContractInfoOf::<Test>::get(&a).unwrap(), ContractInfoOf::<Test>::get(&b).unwrap());
        assert_ne!(ia.trie_id, ib.trie_id);
        assert_eq!(ia.read(b"count"), Some(5u32.to_le_bytes().to_vec()));
        assert_eq!(ib.read(b"count"), Some(9u32.to_le_bytes().to_vec()));
        assert_eq!((ia.storage_items, ia.storage_bytes), (1, 5 + 4), "one entry: key and value");
        // `inc` on one leaves the other alone; the event and debug message are recorded.
        let inc = [&[1u8][..], &3u32.to_le_bytes()].concat();
        let dry = Contracts::bare_call(BOB, a.clone(), 0, GAS, None, inc.clone());
        assert_eq!(dry.result.unwrap().data, 8u32.to_le_bytes().to_vec());
        assert_eq!(String::from_utf8(dry.debug_message).unwrap(), "incremented\n");
        assert_eq!(dry.events.len(), 1);
        let bob: &[u8; 32] = BOB.as_ref();
        assert_eq!(dry.events[0].topics, vec![*bob]);
        assert_eq!(read(BOB, &b, vec![0]), 9u32.to_le_bytes().to_vec());
        // The environment a contract sees: caller, value, block number, timestamp.
        let env = read(BOB, &a, vec![3]);
        assert_eq!(&env[..32], BOB.as_ref() as &[u8]);
        assert_eq!(&env[48..52], &1u32.to_le_bytes());
        assert_eq!(&env[52..60], &NOW.to_le_bytes());
        env
    });
}

#[test]
fn a_contract_can_replace_its_code() {
    on_all_engines(|| {
        let vault = deploy("contracts/examples/vault", msg("new", &[]), &[]);
        let old = ContractInfoOf::<Test>::get(&vault).unwrap().code_hash;
        let new = upload(ALICE, "executor/guests/raw-contract");
        let upgrade = |hash: CodeHash| msg("upgrade", &[hash.as_bytes()]);
        // Not the owner; no such code: refused, nothing changes.
        let r =
            Contracts::call(RuntimeOrigin::signed(BOB), vault.clone(), 0, GAS, None, upgrade(new));
        assert_eq!(r.unwrap_err().error, Error::<Test>::ContractReverted.into());
        let dry = discarded(|| {
            Contracts::bare_call(ALICE, vault.clone(), 0, GAS, None, upgrade(CodeHash::zero()))
        });
        assert_eq!(dry.result.unwrap().data, vec![0, 1, 2], "Ok(Err(CodeNotFound))");
        assert_ok!(Contracts::call(
            RuntimeOrigin::signed(ALICE),
            vault.clone(),
            0,
            GAS,
            None,
            upgrade(new)
        ));
        assert_eq!(ContractInfoOf::<Test>::get(&vault).unwrap().code_hash, new);
        assert_eq!(CodeInfoOf::<Test>::get(old).unwrap().refcount, 0);
        assert_eq!(CodeInfoOf::<Test>::get(new).unwrap().refcount, 1);
        assert!(System::events().iter().any(|r| matches!(
            &r.event,
            RuntimeEvent::Contracts(Event::ContractCodeUpdated { contract, new_code_hash, old_code_hash })
                if contract == &vault && *new_code_hash == new && *old_code_hash == old
        )));
        // The next call runs the new code: raw-contract's `get` (mode 0) of a count it
        // never stored.
        assert_eq!(read(ALICE, &vault, vec![0]), 0u32.to_le_bytes().to_vec());
        // The old code is free to go; the new one is in use.
        assert_ok!(Contracts::remove_code(RuntimeOrigin::signed(ALICE), old));
        let r = Contracts::remove_code(RuntimeOrigin::signed(ALICE), new);
        assert_eq!(r.unwrap_err(), Error::<Test>::CodeInUse.into());
        (old, new)
    });
}

#[test]
fn delegate_calls_run_stored_code_as_the_contract_and_lock_it() {
    const DELEGATOR: &str = "contracts/upstream/ink-5.1.1/public/upgradeable-contracts/delegator";
    on_all_engines(|| {
        let delegatee = upload(ALICE, &format!("{DELEGATOR}/delegatee"));
        // ink!'s delegator: `new` locks the delegatee's code as a dependency.
        let new = msg("new", &[&7i32.encode(), delegatee.as_bytes()]);
        let delegator = deploy(DELEGATOR, new, &[]);
        let info = ContractInfoOf::<Test>::get(&delegator).unwrap();
        assert_eq!(info.delegate_dependencies.to_vec(), vec![delegatee]);
        assert_eq!(CodeInfoOf::<Test>::get(delegatee).unwrap().refcount, 1);
        let r = Contracts::remove_code(RuntimeOrigin::signed(ALICE), delegatee);
        assert_eq!(r.unwrap_err(), Error::<Test>::CodeInUse.into(), "the lock holds the code");
        // `inc_delegate` runs the delegatee's `inc` (counter += 2) on the delegator's
        // storage, as a tail call; `add_entry_delegate` its `append_address_value`.
        for m in ["inc_delegate", "add_entry_delegate"] {
            assert_ok!(Contracts::call(
                RuntimeOrigin::signed(ALICE),
                delegator.clone(),
                0,
                GAS,
                None,
                msg(m, &[])
            ));
        }
        assert_eq!(read(BOB, &delegator, msg("get_counter", &[])), ok_of(&9i32.encode()));
        // The delegated code saw the delegator's caller (ALICE), not the delegator.
        let value = read(BOB, &delegator, msg("get_value", &[ALICE.as_ref()]));
        assert_eq!(value, ok_of(&(BOB, Some(9i32)).encode()));
        let delegated = System::events()
            .iter()
            .filter(|r| {
                matches!(
                    &r.event,
                    RuntimeEvent::Contracts(Event::DelegateCalled { contract, code_hash })
                        if contract == &delegator && *code_hash == delegatee
                )
            })
            .count();
        assert_eq!(delegated, 2);
        (info.code_hash, delegated)
    });
}

#[test]
fn a_host_call_crosses_into_the_client_once() {
    new_test_ext(TestEngine::NativeRecompiler).execute_with(|| {
        let token = deploy(
            "contracts/upstream/ink-5.1.1/public/erc20",
            msg("new", &[&1000u128.to_le_bytes()]),
            &[],
        );
        let transfer = msg("transfer", &[&BOB.encode(), &100u128.to_le_bytes()]);
        let counters = counters();
        let (crossings, host_calls) = (counters.crossings(), counters.host_calls());
        assert_ok!(Contracts::call(RuntimeOrigin::signed(ALICE), token, 0, GAS, None, transfer));
        let crossings = counters.crossings() - crossings;
        let host_calls = counters.host_calls() - host_calls;
        // input, caller, two reads and two writes of balances, the event, the return...
        assert!(host_calls >= 8, "{host_calls} host calls");
        // The frame: prepare, call, destroy. Each host call: one resumption, which
        // carries the gas, results and memory writes; the memory it reads comes with
        // its exit (the last, `seal_return`, ends the frame without resuming).
        eprintln!("{crossings} crossings for {host_calls} host calls");
        assert_eq!(crossings, 3 + host_calls - 1, "one crossing per host call");
    });
}

#[test]
fn a_frame_is_charged_for_every_page_of_memory_its_program_maps() {
    use crate::gas::{price, HostCost};
    use rivet_executor::{BlobParts, Limits, Program};
    // raw-contract, and the same code declaring 100 more pages of stack.
    let small = blob("executor/guests/raw-contract");
    let program = Program::from_bytes(&small, &Limits::default()).unwrap();
    let mut parts = BlobParts::from(&program);
    parts.layout.stack_size += 100 * 4096;
    let large = parts.to_bytes();
    let pages = |code: &[u8]| {
        let layout = Program::from_bytes(code, &Limits::default()).unwrap();
        (layout.layout().mapped_bytes() / 4096) as u32
    };
    let (small_pages, large_pages) = (pages(&small), pages(&large));
    assert_eq!(large_pages, small_pages + 100);
    on_all_engines(|| {
        let mut consumed = Vec::new();
        for (code, n) in [(&small, small_pages), (&large, large_pages)] {
            let hash: CodeHash = sp_io::hashing::blake2_256(code).into();
            let r = Contracts::bare_instantiate(
                ALICE,
                0,
                GAS,
                None,
                Code::Upload(code.clone()),
                5u32.to_le_bytes().to_vec(),
                vec![],
            );
            let c = r.result.expect("deployed").account_id;
            // Read from the stored blob's first bytes, as the layout says.
            assert_eq!(crate::storage::memory_pages::<Test>(hash).ok(), Some(n));
            let r = Contracts::bare_call(ALICE, c, 0, GAS, None, vec![0]);
            assert_eq!(r.result.expect("runs").data, 5u32.to_le_bytes());
            consumed.push(r.gas_consumed.ref_time() / REF_TIME_PER_GAS);
        }
        // The same code and the same work: the difference is the memory charge alone.
        let instance = |n| price::<Test>(HostCost::Instance(n));
        assert_eq!(consumed[1] - consumed[0], instance(large_pages) - instance(small_pages));
        // An instance costs something even without memory (its window), and each page more.
        assert!(instance(0) > 0 && instance(100) > instance(0));
        consumed
    });
}
