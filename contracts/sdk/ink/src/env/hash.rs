//! Hash functions, as `ink::env::hash`: on-chain the host hashes, off-chain the
//! RustCrypto crates do.

/// A hash function's output type.
pub trait HashOutput {
    /// The output.
    type Type: Default + Copy + AsRef<[u8]> + AsMut<[u8]>;
}

/// A hash function.
pub trait CryptoHash: HashOutput {
    /// Hashes `input` into `output`.
    fn hash(input: &[u8], output: &mut <Self as HashOutput>::Type);
}

macro_rules! hashes {
    ($($name:ident, $len:literal, $host:ident, $native:expr;)*) => {$(
        #[doc = concat!("`", stringify!($name), "`.")]
        #[derive(Clone, Copy, Debug)]
        pub enum $name {}
        impl HashOutput for $name {
            type Type = [u8; $len];
        }
        impl CryptoHash for $name {
            fn hash(input: &[u8], output: &mut [u8; $len]) {
                #[cfg(all(not(feature = "std"), target_arch = "riscv32"))]
                super::backend::hash(rivet_host_api::HostFn::$host, input, output);
                #[cfg(not(all(not(feature = "std"), target_arch = "riscv32")))]
                output.copy_from_slice(&($native)(input));
            }
        }
    )*};
}

hashes! {
    Blake2x256, 32, HashBlake2_256, |i: &[u8]| { use blake2::Digest; blake2::Blake2b::<blake2::digest::consts::U32>::digest(i).to_vec() };
    Blake2x128, 16, HashBlake2_128, |i: &[u8]| { use blake2::Digest; blake2::Blake2b::<blake2::digest::consts::U16>::digest(i).to_vec() };
    Sha2x256, 32, HashSha2_256, |i: &[u8]| { use sha2::Digest; sha2::Sha256::digest(i).to_vec() };
    Keccak256, 32, HashKeccak256, |i: &[u8]| { use sha3::Digest; sha3::Keccak256::digest(i).to_vec() };
}
