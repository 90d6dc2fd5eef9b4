//! Contract-shaped work done by published crates, used as they are: RustCrypto's
//! SHA-256, Keccak-256 and BLAKE2b, `k256`'s ECDSA (secp256k1) verification and
//! `parity-scale-codec`'s encoding and decoding of a large structure. Each kernel returns
//! a checksum of its result so that every engine's answer can be compared with native.

use alloc::vec::Vec;

use blake2::Blake2b512;
use k256::ecdsa::signature::{Signer, Verifier};
use k256::ecdsa::{Signature, SigningKey, VerifyingKey};
use parity_scale_codec::{Decode, Encode};
use sha2::{Digest, Sha256};
use sha3::Keccak256;

/// Bytes hashed per round by the hash kernels.
const HASH_INPUT: usize = 4096;

fn first_word(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// `rounds` hashes of a 4 KiB buffer with `D`, each round's digest fed into the next.
fn chained<D: Digest>(rounds: u32) -> u32 {
    let mut input: Vec<u8> = (0..HASH_INPUT).map(|i| (i * 7 + i / 251) as u8).collect();
    for _ in 0..rounds {
        let digest = D::digest(&input);
        input[..digest.len()].copy_from_slice(&digest);
    }
    first_word(&input)
}

/// SHA-256 (`sha2`) of `rounds` × 4 KiB.
pub fn sha256(rounds: u32) -> u32 {
    chained::<Sha256>(rounds)
}

/// Keccak-256 (`sha3`) of `rounds` × 4 KiB: 64-bit lanes.
pub fn keccak256(rounds: u32) -> u32 {
    chained::<Keccak256>(rounds)
}

/// BLAKE2b-512 (`blake2`) of `rounds` × 4 KiB: 64-bit words.
pub fn blake2b(rounds: u32) -> u32 {
    chained::<Blake2b512>(rounds)
}

/// Signs one message with `k256` (ECDSA over secp256k1, SHA-256 prehash) and verifies
/// `count` signatures: the message and a copy with one bit flipped alternately. Returns
/// how many verified, with the signature's first word mixed in.
pub fn ecdsa_verify(count: u32) -> u32 {
    let key = SigningKey::from_bytes(&[0x5a; 32].into()).expect("a valid scalar");
    let public = VerifyingKey::from(&key);
    let message = *b"transfer 1000 units from alice to bob, nonce 42";
    let signature: Signature = key.sign(&message);
    let mut tampered = message;
    tampered[9] ^= 1;
    let mut valid = 0;
    for i in 0..count {
        let m: &[u8] = if i % 2 == 0 { &message } else { &tampered };
        valid += public.verify(m, &signature).is_ok() as u32;
    }
    valid ^ first_word(&signature.to_bytes())
}

/// A ledger entry, shaped like what contracts keep.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
struct Entry {
    id: u64,
    owner: [u8; 32],
    balance: u128,
    memo: Vec<u8>,
    lock: Option<u32>,
    kind: Kind,
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
enum Kind {
    Plain,
    Vesting { start: u32, period: u32 },
    Named(Vec<u8>),
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
struct Ledger {
    entries: Vec<Entry>,
    #[codec(compact)]
    total: u128,
}

/// Builds a ledger of `entries` entries, SCALE-encodes it, decodes it back and compares.
/// Returns the encoding's length mixed with a checksum of its bytes (0 on a mismatch).
pub fn scale_codec(entries: u32) -> u32 {
    let entries: Vec<Entry> = (0..entries)
        .map(|i| Entry {
            id: (i as u64) << 20 | 0x5eed,
            owner: [i as u8; 32],
            balance: (i as u128 + 1) * 1_000_000_000_000,
            memo: (0..i % 24).map(|j| (i + j) as u8).collect(),
            lock: (i % 3 == 0).then_some(i * 10),
            kind: match i % 3 {
                0 => Kind::Plain,
                1 => Kind::Vesting { start: i, period: 100 },
                _ => Kind::Named((0..i % 8).map(|j| b'a' + j as u8).collect()),
            },
        })
        .collect();
    let total = entries.iter().map(|e| e.balance).sum();
    let ledger = Ledger { entries, total };
    let bytes = ledger.encode();
    let decoded = Ledger::decode(&mut &bytes[..]);
    match decoded {
        Ok(d) if d == ledger => {
            bytes.iter().fold(bytes.len() as u32, |h, &b| h.rotate_left(5) ^ b as u32)
        }
        _ => 0,
    }
}
