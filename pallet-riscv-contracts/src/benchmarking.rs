//! Benchmarks of the extrinsics, of VM gas, and of the host functions whose cost depends
//! on what they touch. Contracts are assembled here (RV32EM, with the executor's
//! assembler), so the benchmarks run wherever the runtime does.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_support::weights::Weight;
use frame_system::RawOrigin;
use rivet_executor::asm::{contract_parts, touch_pages};
use rivet_executor::blob::{BlobParts, Import, MemoryLayout};
use rivet_executor::Outcome;
use rivet_host_api::{HostFn, MAX_BUFFER};
use rivet_runtime_interface::{Code, Engine, Interpreted, Native};

use sp_runtime::traits::Saturating;

use crate::{BalanceOf, Call, CodeHash, Config, ContractInfoOf, Pallet};

/// Code is assembled here; data lives in one read-write page.
const CODE_BASE: u32 = 0x10000;
const DATA_BASE: u32 = 0x30000;

/// A contract from `source` (labels `deploy` and `call`) that imports nothing and has
/// its data above the largest code the runtime takes.
fn code_only_contract(source: &str) -> Vec<u8> {
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: 0x10_0000,
        rw_size: 0x1000,
        stack_size: 0x1000,
    };
    contract_parts(source, CODE_BASE, layout, Vec::new())
        .expect("the benchmarks' assembly is valid; qed")
        .to_bytes()
}

/// Signature vectors, made with @polkadot/util-crypto from seed `[7; 32]`: an ECDSA
/// (secp256k1) signature `r ‖ s ‖ v` of a message hash and the compressed key it
/// recovers; an sr25519 signature of a 13-byte message and its public key.
pub mod vectors {
    /// `hex` as bytes.
    pub fn hex<const N: usize>(hex: &str) -> [u8; N] {
        let mut out = [0u8; N];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("valid hex; qed");
        }
        out
    }
    /// The ECDSA signature.
    pub const ECDSA_SIGNATURE: &str = "b35164a729b9ced915009644df56678ca3b41c41be07eab516a1902e4ab2c2bd1b38cc093ffabe7b80e1fcdcd63fbfa8515ed2e454a28b5c1632df6ab4ebe64700";
    /// The message hash it signs (BLAKE2b-256, twice, of `rivet ecdsa`).
    pub const ECDSA_MESSAGE_HASH: &str =
        "bcc43cec945d84c6203661c4eed8e3f9eb239c165fd9897c9f58f5ea241d48dc";
    /// The compressed public key.
    pub const ECDSA_PUBLIC: &str =
        "02989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f";
    /// Its Ethereum address.
    pub const ETH_ADDRESS: &str = "4a62316623ad457f02cdc5d997ded67a383ec569";
    /// The sr25519 signature.
    pub const SR25519_SIGNATURE: &str = "349a261e72ea3adfca34627ebfdda7d997a421757cc703d59199e7983375a2660c75ec8fb6779a319bc329ce76ac53646e31258fb15d63a7e900ae5fe4d09c84";
    /// The message (`rivet sr25519`).
    pub const SR25519_MESSAGE: &[u8] = b"rivet sr25519";
    /// The public key.
    pub const SR25519_PUBLIC: &str =
        "7c0f469d3bd340bae718203fa30ca071a5e37c751e891dbded837b213d45d91d";

    /// The initial data of a contract that uses them: the ECDSA signature at 0, its
    /// hash at 65, its key at 97; the sr25519 signature at 256, key at 320, message at
    /// 352 (offsets from `DATA_BASE`).
    pub fn data() -> alloc::vec::Vec<u8> {
        let mut d = alloc::vec![0u8; 512];
        d[..65].copy_from_slice(&hex::<65>(ECDSA_SIGNATURE));
        d[65..97].copy_from_slice(&hex::<32>(ECDSA_MESSAGE_HASH));
        d[97..130].copy_from_slice(&hex::<33>(ECDSA_PUBLIC));
        d[256..320].copy_from_slice(&hex::<64>(SR25519_SIGNATURE));
        d[320..352].copy_from_slice(&hex::<32>(SR25519_PUBLIC));
        d[352..352 + SR25519_MESSAGE.len()].copy_from_slice(SR25519_MESSAGE);
        d
    }
}

fn contract_with_data(source: &str, imports: &[HostFn], rw_data: Vec<u8>) -> Vec<u8> {
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: DATA_BASE,
        rw_size: 0x1000,
        stack_size: 0x1000,
    };
    let imports =
        imports.iter().map(|f| Import { number: *f as u32, name: f.name().into() }).collect();
    let parts = contract_parts(source, CODE_BASE, layout, imports)
        .expect("the benchmarks' assembly is valid; qed");
    BlobParts { rw_data, ..parts }.to_bytes()
}

/// A contract that does nothing, padded with `nops` instructions.
fn noop_contract(nops: u32) -> Vec<u8> {
    let mut s = String::from("deploy:\n  ret\ncall:\n");
    for _ in 0..nops {
        s.push_str("  addi x0, x0, 0\n");
    }
    s.push_str("  ret\n");
    code_only_contract(&s)
}

/// A contract of about `bytes` bytes of code that is as expensive to prepare as code
/// gets (a branch every instruction, each to a new block), made unique by `nonce` so
/// that no engine has it prepared already.
fn branchy_contract(bytes: u32, nonce: u32) -> Vec<u8> {
    let mut s = format!("deploy:\n  ret\ncall:\n  li a5, {nonce}\n");
    for i in 0..bytes / 4 {
        s.push_str(&format!("  beq a0, a1, b{i}\nb{i}:\n"));
    }
    s.push_str("  ret\n");
    code_only_contract(&s)
}

/// A branchy contract of about `bytes` bytes that no engine has seen (its nonce is the
/// time), and its code hash: what a cache miss prepares.
fn unseen_code(bytes: u32) -> (Vec<u8>, [u8; 32]) {
    let code = branchy_contract(bytes, frame_benchmarking::current_time() as u32);
    let hash = rivet_runtime_interface::code_hash(&code);
    (code, hash)
}

/// A contract whose `call` runs `body` `r` times in a loop (`s0` counts down; the body
/// may use `t0`, `a0`–`a5`).
fn loop_contract(r: u32, body: &str, imports: &[HostFn]) -> Vec<u8> {
    contract_with_data(&loop_source(r, body), imports, vectors::data())
}

/// The source of [`loop_contract`].
fn loop_source(r: u32, body: &str) -> String {
    format!(
        "deploy:\n  ret\ncall:\n  li s0, {r}\n  beqz s0, done\nloop:\n{body}\n  addi s0, s0, -1\n  bnez s0, loop\ndone:\n  ret\nfailed:\n  unimp\n"
    )
}

/// A contract whose `call` makes one call of host function `f` moving `n` bytes, with
/// `a0` pointing at its data (`MAX_BUFFER` bytes and a page more) and the other
/// arguments set by `args` (assembly, which may use `n` in `a1`–`a5` as it says); its
/// `deploy` runs `deploy` (assembly) first. At `DATA_BASE`: a 32-byte key (zeros), at
/// `+32` a word holding `MAX_BUFFER` (an output capacity), data from `+64`. With
/// `checked`, the contract traps unless the call returns `Success` (so that the path
/// measured is the one that does the work, and the benchmark's test checks it).
fn bytes_contract(
    f: HostFn,
    deploy: &str,
    args: &str,
    imports: &[HostFn],
    checked: bool,
) -> Vec<u8> {
    let check = if checked { "  bnez a0, failed\n" } else { "" };
    let source = format!(
        "deploy:\n{deploy}\n  ret\ncall:\n  li t0, {}\n  li a0, {DATA_BASE}\n{args}\n  ecall\n{check}  ret\nfailed:\n  unimp\n",
        f as u32
    );
    let layout = MemoryLayout {
        ro_base: 0,
        ro_size: 0,
        rw_base: DATA_BASE,
        rw_size: MAX_BUFFER + 0x1000,
        stack_size: 0x1000,
    };
    let imports =
        imports.iter().map(|f| Import { number: *f as u32, name: f.name().into() }).collect();
    let parts = contract_parts(&source, CODE_BASE, layout, imports)
        .expect("the benchmarks' assembly is valid; qed");
    let mut rw_data = vec![0u8; 36];
    rw_data[32..].copy_from_slice(&MAX_BUFFER.to_le_bytes());
    BlobParts { rw_data, ..parts }.to_bytes()
}

/// A funded account.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
    let who: T::AccountId = account(name, 0, 0);
    let amount = T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into());
    T::Currency::set_balance(&who, amount);
    who
}

/// Uploads and instantiates `code` from a funded account; the contract's address.
fn deployed<T: Config>(code: Vec<u8>) -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
    let caller = funded::<T>("caller");
    let (code_hash, _) = Pallet::<T>::store_code(&caller, code, None)?;
    let zero: BalanceOf<T> = 0u32.into();
    let r =
        Pallet::<T>::run_instantiate(caller.clone(), zero, gas(), None, code_hash, vec![], vec![]);
    let address = r.result?.account_id;
    Ok((caller, address))
}

/// A contract calling host function `f` `r` times, with `a0` pointing at its data page
/// and the other arguments set by `args` (assembly).
fn host_fn_loop<T: Config>(
    r: u32,
    f: HostFn,
    args: &str,
) -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
    let body = format!("  li t0, {}\n  li a0, {DATA_BASE}\n{args}\n  ecall", f as u32);
    deployed::<T>(loop_contract(r, &body, &[f]))
}

/// As [`host_fn_loop`], for a host function that returns a `ReturnCode`: the contract
/// traps unless every call returns `Success` (so the benchmark measures the path that
/// succeeds, and its test checks that it does).
fn checked_host_fn_loop<T: Config>(
    r: u32,
    f: HostFn,
    args: &str,
) -> Result<(T::AccountId, T::AccountId), BenchmarkError> {
    let body =
        format!("  li t0, {}\n  li a0, {DATA_BASE}\n{args}\n  ecall\n  bnez a0, failed", f as u32);
    deployed::<T>(loop_contract(r, &body, &[f]))
}

/// Calls the contract at `address` once; it must succeed.
fn call_once<T: Config>(caller: T::AccountId, address: T::AccountId) {
    call_with::<T>(caller, address, vec![]);
}

/// Calls the contract at `address` once with `input`; it must succeed.
fn call_with<T: Config>(caller: T::AccountId, address: T::AccountId, input: Vec<u8>) {
    let zero: BalanceOf<T> = 0u32.into();
    let res = Pallet::<T>::bare_call(caller, address, zero, gas(), None, input);
    assert!(res.result.is_ok_and(|r| !r.did_revert()), "the benchmark's contract ran");
}

/// The largest a host call moves, as a benchmark component's bound.
const MAX_BYTES: u32 = MAX_BUFFER;

/// A gas limit no benchmark reaches.
fn gas() -> Weight {
    Weight::from_parts(u64::MAX / 4, u64::MAX / 4)
}

#[benchmarks]
#[allow(missing_docs, reason = "the items #[benchmarks] generates")]
pub mod benchmarks {
    use super::*;

    /// Upload of `c` bytes of code (validation and hashing are linear in it).
    #[benchmark]
    fn upload_code(c: Linear<0, { 32 * 1024 }>) -> Result<(), BenchmarkError> {
        let caller = funded::<T>("caller");
        let code = noop_contract(c / 4);
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), code, None);
        Ok(())
    }

    #[benchmark]
    fn remove_code() -> Result<(), BenchmarkError> {
        let caller = funded::<T>("caller");
        let (hash, _) = Pallet::<T>::store_code(&caller, noop_contract(0), None)?;
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), hash);
        assert!(!crate::PristineCode::<T>::contains_key(hash));
        Ok(())
    }

    /// Upload of `c` bytes of code and instantiation with `i` bytes of constructor input.
    #[benchmark]
    fn instantiate_with_code(
        c: Linear<0, { 32 * 1024 }>,
        i: Linear<0, 1024>,
    ) -> Result<(), BenchmarkError> {
        let caller = funded::<T>("caller");
        let code = noop_contract(c / 4);
        let zero: BalanceOf<T> = 0u32.into();
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), zero, gas(), None, code, vec![0u8; i as usize], vec![]);
        assert_eq!(ContractInfoOf::<T>::iter().count(), 1);
        Ok(())
    }

    /// Instantiation with `i` bytes of constructor input (the constructor does nothing).
    #[benchmark]
    fn instantiate(i: Linear<0, 1024>) -> Result<(), BenchmarkError> {
        let caller = funded::<T>("caller");
        let (hash, _): (CodeHash, _) = Pallet::<T>::store_code(&caller, noop_contract(0), None)?;
        let zero: BalanceOf<T> = 0u32.into();
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), zero, gas(), None, hash, vec![0u8; i as usize], vec![]);
        assert_eq!(ContractInfoOf::<T>::iter().count(), 1);
        Ok(())
    }

    /// A call with `i` bytes of input to a contract that does nothing.
    #[benchmark]
    fn call(i: Linear<0, 1024>) -> Result<(), BenchmarkError> {
        let (caller, address) = deployed::<T>(noop_contract(0))?;
        let zero: BalanceOf<T> = 0u32.into();
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), address, zero, gas(), None, vec![0u8; i as usize]);
        Ok(())
    }

    /// `r` thousand iterations of a three-instruction loop block (three gas each): the
    /// slope over the gas used is the weight of one unit of VM gas on this engine.
    #[benchmark]
    fn vm_gas(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let (caller, address) = deployed::<T>(loop_contract(r * 1000, "  addi a0, a0, 1", &[]))?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// As `vm_gas`, on the interpreter compiled into the runtime (`Interpreted`), whatever
    /// engine the runtime's contracts use: the weight of VM gas on a chain whose nodes may
    /// run that fallback.
    #[benchmark]
    fn vm_gas_interpreted(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let code = loop_contract(r * 1000, "  addi a0, a0, 1", &[]);
        let limits = crate::limits::call();
        #[block]
        {
            let mut programs = Default::default();
            let mut instance = Interpreted::instantiate(&mut programs, Code::Bytes(&code), &limits)
                .map_err(|_| BenchmarkError::Stop("the loop contract validates"))?;
            let exit = instance
                .call("call", &[], u64::MAX / 4)
                .map_err(|_| BenchmarkError::Stop("the loop contract exports `call`"))?;
            assert!(matches!(exit.outcome, Outcome::Finished { .. }), "{exit:?}");
        }
        Ok(())
    }

    /// `d` instances of a program that maps the most memory the call limits allow, live
    /// at once as in a call stack `d` frames deep, on the interpreter compiled into the
    /// runtime, each writing every page of its memory: what the runtime's own memory (the
    /// Wasm heap) must hold, and the time it takes, on a chain whose contracts run on that
    /// fallback, at the dev runtime's `MaxCallDepth` (5).
    #[benchmark]
    fn interpreted_memory(d: Linear<1, 5>) -> Result<(), BenchmarkError> {
        let limits = crate::limits::call();
        let (stack, rw_base) = (limits.max_stack, 0x10_0000u32);
        let rw = limits.max_memory - stack;
        let stack_base = 0xffff_0000 - stack;
        let source = format!(
            "deploy:\n  ret\ncall:\n{}{}  ret\n",
            touch_pages("data", rw_base, rw_base + rw),
            touch_pages("stack", stack_base, 0xffff_0000)
        );
        let layout =
            MemoryLayout { ro_base: 0, ro_size: 0, rw_base, rw_size: rw, stack_size: stack };
        let code = contract_parts(&source, CODE_BASE, layout, Vec::new())
            .expect("the benchmarks' assembly is valid; qed")
            .to_bytes();
        #[block]
        {
            let mut programs = Default::default();
            let mut live = Vec::new();
            for _ in 0..d {
                let mut instance =
                    Interpreted::instantiate(&mut programs, Code::Bytes(&code), &limits)
                        .map_err(|_| BenchmarkError::Stop("the memory contract validates"))?;
                let exit = instance
                    .call("call", &[], u64::MAX / 4)
                    .map_err(|_| BenchmarkError::Stop("the memory contract exports `call`"))?;
                assert!(matches!(exit.outcome, Outcome::Finished { .. }), "{exit:?}");
                live.push(instance);
            }
        }
        Ok(())
    }

    /// Preparing `c` bytes of code no engine has seen, on the interpreter compiled into
    /// the runtime: validating and pre-decoding it in Wasm. What `CodeLoad` must cover
    /// on a chain whose contracts run on that fallback (the code is handed over as the
    /// pallet hands stored code over: with its hash; reading it is priced apart).
    #[benchmark]
    fn code_load_interpreted(c: Linear<0, { 256 * 1024 }>) -> Result<(), BenchmarkError> {
        let (code, hash) = unseen_code(c);
        let limits = crate::limits::call();
        #[block]
        {
            let mut programs = Default::default();
            let load = || Some(code.clone());
            Interpreted::instantiate(&mut programs, Code::Stored { hash, load: &load }, &limits)
                .map_err(|_| BenchmarkError::Stop("the branchy contract validates"))?;
        }
        Ok(())
    }

    /// As `code_load_interpreted`, on the client's engine (`Native`, the node's
    /// `--rivet-engine`): handing the code over, validating, compiling and instantiating.
    #[benchmark]
    fn code_load_native(c: Linear<0, { 256 * 1024 }>) -> Result<(), BenchmarkError> {
        let (code, hash) = unseen_code(c);
        let limits = crate::limits::call();
        #[block]
        {
            let load = || Some(code.clone());
            Native::instantiate(&mut (), Code::Stored { hash, load: &load }, &limits)
                .map_err(|_| BenchmarkError::Stop("the branchy contract validates"))?;
        }
        Ok(())
    }

    /// `r` storage writes of a 32-byte key and a 32-byte value.
    #[benchmark]
    fn seal_set_storage(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 32\n  li a2, {}\n  li a3, 32", DATA_BASE + 64);
        let (caller, address) = host_fn_loop::<T>(r, HostFn::SetStorage, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` calls of the cheapest host function, `block_number`: what a host call costs
    /// beyond its work (the exit from the VM, the runtime serving it, the resumption),
    /// which `BASE` gas must cover for every host function.
    #[benchmark]
    fn seal_block_number(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let (caller, address) = host_fn_loop::<T>(r, HostFn::BlockNumber, "")?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` hashes of 1 KiB with BLAKE2b-256.
    #[benchmark]
    fn seal_hash_blake2_256(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 1024\n  li a2, {}", DATA_BASE + 2048);
        let (caller, address) = host_fn_loop::<T>(r, HostFn::HashBlake2_256, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` events with two topics and 64 bytes of data.
    #[benchmark]
    fn seal_deposit_event(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 2\n  li a2, {}\n  li a3, 64", DATA_BASE + 256);
        let (caller, address) = host_fn_loop::<T>(r, HostFn::DepositEvent, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` recoveries of a valid ECDSA signature.
    #[benchmark]
    fn seal_ecdsa_recover(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, {}\n  li a2, {}", DATA_BASE + 65, DATA_BASE + 2048);
        let (caller, address) = checked_host_fn_loop::<T>(r, HostFn::EcdsaRecover, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` Ethereum addresses of a valid compressed key.
    #[benchmark]
    fn seal_ecdsa_to_eth_address(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a0, {}\n  li a1, {}", DATA_BASE + 97, DATA_BASE + 2048);
        let (caller, address) = checked_host_fn_loop::<T>(r, HostFn::EcdsaToEthAddress, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` verifications of a valid sr25519 signature of 13 bytes.
    #[benchmark]
    fn seal_sr25519_verify(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!(
            "  li a0, {}\n  li a1, {}\n  li a2, {}\n  li a3, {}",
            DATA_BASE + 256,
            DATA_BASE + 320,
            DATA_BASE + 352,
            vectors::SR25519_MESSAGE.len()
        );
        let (caller, address) = checked_host_fn_loop::<T>(r, HostFn::Sr25519Verify, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` hashes of 1 KiB with Keccak-256.
    #[benchmark]
    fn seal_hash_keccak_256(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 1024\n  li a2, {}", DATA_BASE + 2048);
        let (caller, address) = host_fn_loop::<T>(r, HostFn::HashKeccak256, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` hashes of 1 KiB with SHA2-256.
    #[benchmark]
    fn seal_hash_sha2_256(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 1024\n  li a2, {}", DATA_BASE + 2048);
        let (caller, address) = host_fn_loop::<T>(r, HostFn::HashSha2_256, &args)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// `r` calls of a contract that returns at once: a nested frame's cost (with its
    /// code loaded from the cache, its instance and its memory).
    #[benchmark]
    fn seal_call(r: Linear<0, 100>) -> Result<(), BenchmarkError> {
        let (_, callee) = deployed::<T>(code_only_contract("deploy:\n  ret\ncall:\n  ret\n"))?;
        // `CallArgs` at +512: the callee at +1024, all the gas, value 0 at +1056, no
        // input, no output.
        let callee_bytes = callee.encode();
        let body = format!(
            "  li t0, {}\n  li a0, {}\n  ecall\n  bnez a0, failed",
            HostFn::Call as u32,
            DATA_BASE + 512
        );
        let mut data = vectors::data();
        data.resize(1088, 0);
        // flags, callee_ptr, gas_limit (two words), value_ptr, input_ptr, input_len,
        // output_ptr, output_len_ptr, reserved.
        let words = [0, DATA_BASE + 1024, 0, 0, DATA_BASE + 1056, DATA_BASE, 0, 0, 0, 0];
        for (i, w) in words.iter().enumerate() {
            data[512 + 4 * i..516 + 4 * i].copy_from_slice(&w.to_le_bytes());
        }
        data[1024..1024 + callee_bytes.len().min(32)]
            .copy_from_slice(&callee_bytes[..callee_bytes.len().min(32)]);
        let (caller, address) =
            deployed::<T>(contract_with_data(&loop_source(r, &body), &[HostFn::Call], data))?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// One storage write of a 32-byte key and an `n`-byte value.
    #[benchmark]
    fn seal_set_storage_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 32\n  li a2, {}\n  li a3, {n}", DATA_BASE + 64);
        let code = bytes_contract(HostFn::SetStorage, "", &args, &[HostFn::SetStorage], false);
        let (caller, address) = deployed::<T>(code)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// One storage read of an `n`-byte value (written when the contract was deployed).
    #[benchmark]
    fn seal_get_storage_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let set = format!(
            "  li t0, {}\n  li a0, {DATA_BASE}\n  li a1, 32\n  li a2, {}\n  li a3, {n}\n  ecall",
            HostFn::SetStorage as u32,
            DATA_BASE + 64
        );
        let args = format!("  li a1, 32\n  li a2, {}\n  li a3, {}", DATA_BASE + 64, DATA_BASE + 32);
        let imports = [HostFn::GetStorage, HostFn::SetStorage];
        let (caller, address) =
            deployed::<T>(bytes_contract(HostFn::GetStorage, &set, &args, &imports, true))?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// One event with four topics and `n` bytes of data.
    #[benchmark]
    fn seal_deposit_event_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let args = format!("  li a1, 4\n  li a2, {}\n  li a3, {n}", DATA_BASE + 256);
        let code = bytes_contract(HostFn::DepositEvent, "", &args, &[HostFn::DepositEvent], false);
        let (caller, address) = deployed::<T>(code)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// One debug message of `n` bytes (kept where the runtime keeps them).
    #[benchmark]
    fn seal_debug_message_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let args = format!("  li a0, {}\n  li a1, {n}", DATA_BASE + 64);
        let code = bytes_contract(HostFn::DebugMessage, "", &args, &[HostFn::DebugMessage], true);
        let (caller, address) = deployed::<T>(code)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    /// A call with `n` bytes of input, which the contract copies in.
    #[benchmark]
    fn seal_input_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let args = format!("  li a0, {}\n  li a1, {}", DATA_BASE + 64, DATA_BASE + 32);
        let code = bytes_contract(HostFn::Input, "", &args, &[HostFn::Input], true);
        let (caller, address) = deployed::<T>(code)?;
        let input = vec![7u8; n as usize];
        #[block]
        {
            call_with::<T>(caller, address, input);
        }
        Ok(())
    }

    /// A call that returns `n` bytes of output.
    #[benchmark]
    fn seal_return_per_byte(n: Linear<0, MAX_BYTES>) -> Result<(), BenchmarkError> {
        let args = format!("  li a0, 0\n  li a1, {}\n  li a2, {n}", DATA_BASE + 64);
        let code = bytes_contract(HostFn::SealReturn, "", &args, &[HostFn::SealReturn], false);
        let (caller, address) = deployed::<T>(code)?;
        #[block]
        {
            call_once::<T>(caller, address);
        }
        Ok(())
    }

    impl_benchmark_test_suite!(
        Pallet,
        crate::mock::new_test_ext(crate::mock::TestEngine::Interpreted),
        crate::mock::Test
    );
}
