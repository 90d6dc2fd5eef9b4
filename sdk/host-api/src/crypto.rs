//! What the signature host functions compute ([`HostFn::EcdsaRecover`],
//! [`HostFn::EcdsaToEthAddress`], [`HostFn::Sr25519Verify`]), for hosts that run contracts
//! off-chain: the mock host and the SDK's off-chain environment. (The pallet computes
//! the same through `sp_io`, the runtime's own cryptography.)
//!
//! [`HostFn::EcdsaRecover`]: crate::HostFn::EcdsaRecover
//! [`HostFn::EcdsaToEthAddress`]: crate::HostFn::EcdsaToEthAddress
//! [`HostFn::Sr25519Verify`]: crate::HostFn::Sr25519Verify

use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use k256::elliptic_curve::sec1::ToEncodedPoint;
use sha3::Digest;

/// The compressed secp256k1 public key whose signature `r ‖ s ‖ v` (v: 0–3 or 27–30)
/// of `message_hash` this is; `None` if it recovers none.
pub fn ecdsa_recover(signature: &[u8; 65], message_hash: &[u8; 32]) -> Option<[u8; 33]> {
    let v = match signature[64] {
        v @ 0..=3 => v,
        v @ 27..=30 => v - 27,
        _ => return None,
    };
    let id = RecoveryId::from_byte(v)?;
    let mut sig = Signature::from_slice(&signature[..64]).ok()?;
    let mut id_byte = id.to_byte();
    // A high-s signature is as valid as its low-s twin (with the other parity).
    if let Some(low) = sig.normalize_s() {
        sig = low;
        id_byte ^= 1;
    }
    let id = RecoveryId::from_byte(id_byte)?;
    let key = VerifyingKey::recover_from_prehash(message_hash, &sig, id).ok()?;
    key.to_encoded_point(true).as_bytes().try_into().ok()
}

/// The Ethereum address of a compressed secp256k1 public key: the last 20 bytes of
/// Keccak-256 of its uncompressed form without the `0x04` prefix; `None` if it is not a
/// point on the curve.
pub fn ecdsa_to_eth_address(compressed: &[u8; 33]) -> Option<[u8; 20]> {
    let key = k256::PublicKey::from_sec1_bytes(compressed).ok()?;
    let point = key.to_encoded_point(false);
    let hash = sha3::Keccak256::digest(&point.as_bytes()[1..]);
    hash[12..].try_into().ok()
}

/// Whether `signature` is `public_key`'s sr25519 signature of `message` (signing context
/// `substrate`, as Substrate's).
pub fn sr25519_verify(signature: &[u8; 64], message: &[u8], public_key: &[u8; 32]) -> bool {
    let (Ok(key), Ok(signature)) = (
        schnorrkel::PublicKey::from_bytes(public_key),
        schnorrkel::Signature::from_bytes(signature),
    ) else {
        return false;
    };
    key.verify_simple(b"substrate", message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex<const N: usize>(s: &str) -> [u8; N] {
        let mut out = [0u8; N];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    // Made with @polkadot/util-crypto from seed [7; 32] (the pallet's benchmarks use the
    // same vectors).
    const SIG: &str = "b35164a729b9ced915009644df56678ca3b41c41be07eab516a1902e4ab2c2bd1b38cc093ffabe7b80e1fcdcd63fbfa8515ed2e454a28b5c1632df6ab4ebe64700";
    const HASH: &str = "bcc43cec945d84c6203661c4eed8e3f9eb239c165fd9897c9f58f5ea241d48dc";
    const KEY: &str = "02989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f";

    #[test]
    fn ecdsa_recovers_the_signer_and_its_eth_address() {
        let (sig, hash) = (hex::<65>(SIG), hex::<32>(HASH));
        assert_eq!(ecdsa_recover(&sig, &hash), Some(hex(KEY)));
        let mut v27 = sig;
        v27[64] += 27;
        assert_eq!(ecdsa_recover(&v27, &hash), Some(hex(KEY)));
        let mut other = hash;
        other[0] ^= 1;
        assert_ne!(ecdsa_recover(&sig, &other), Some(hex(KEY)));
        let mut bad_v = sig;
        bad_v[64] = 9;
        assert_eq!(ecdsa_recover(&bad_v, &hash), None);
        assert_eq!(
            ecdsa_to_eth_address(&hex(KEY)),
            Some(hex("4a62316623ad457f02cdc5d997ded67a383ec569"))
        );
        let mut not_a_point = [0xff; 33];
        not_a_point[0] = 2;
        assert_eq!(ecdsa_to_eth_address(&not_a_point), None);
    }

    #[test]
    fn sr25519_verifies_its_signatures_only() {
        let sig = hex::<64>("349a261e72ea3adfca34627ebfdda7d997a421757cc703d59199e7983375a2660c75ec8fb6779a319bc329ce76ac53646e31258fb15d63a7e900ae5fe4d09c84");
        let key = hex::<32>("7c0f469d3bd340bae718203fa30ca071a5e37c751e891dbded837b213d45d91d");
        assert!(sr25519_verify(&sig, b"rivet sr25519", &key));
        assert!(!sr25519_verify(&sig, b"rivet sr25518", &key));
        let mut other = sig;
        other[0] ^= 1;
        assert!(!sr25519_verify(&other, b"rivet sr25519", &key));
    }
}
