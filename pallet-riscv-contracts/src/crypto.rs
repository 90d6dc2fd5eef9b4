//! Signature helpers of the host functions that the runtime's `sp_io` lacks.

/// The Ethereum address of a compressed secp256k1 public key: the last 20 bytes of
/// Keccak-256 of its uncompressed form without the `0x04` prefix; `None` if the bytes are
/// not a point on the curve.
pub fn eth_address(compressed: &[u8; 33]) -> Option<[u8; 20]> {
    use k256::elliptic_curve::sec1::ToEncodedPoint;
    let key = k256::PublicKey::from_sec1_bytes(compressed).ok()?;
    let point = key.to_encoded_point(false);
    let hash = sp_io::hashing::keccak_256(&point.as_bytes()[1..]);
    let mut out = [0u8; 20];
    out.copy_from_slice(&hash[12..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    fn hex<const N: usize>(s: &str) -> [u8; N] {
        let bytes: Vec<u8> = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect();
        bytes.try_into().unwrap()
    }

    /// A key and address computed independently (@polkadot/util-crypto's
    /// `secp256k1Expand` and `keccakAsU8a`, seed `[7; 32]`).
    #[test]
    fn eth_address_of_a_known_key() {
        let key: [u8; 33] =
            hex("02989c0b76cb563971fdc9bef31ec06c3560f3249d6ee9e5d83c57625596e05f6f");
        let address: [u8; 20] = hex("4a62316623ad457f02cdc5d997ded67a383ec569");
        assert_eq!(super::eth_address(&key), Some(address));
        // An x coordinate past the field's modulus is no point.
        let mut not_a_point = [0xff; 33];
        not_a_point[0] = 2;
        assert_eq!(super::eth_address(&not_a_point), None);
    }
}
