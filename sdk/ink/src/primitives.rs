//! The default environment's types, as ink! defines them.

/// A 32-byte account id.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, scale::Encode, scale::Decode,
)]
#[codec(crate = scale)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct AccountId(pub [u8; 32]);

impl From<[u8; 32]> for AccountId {
    fn from(b: [u8; 32]) -> Self {
        AccountId(b)
    }
}

/// A 32-byte hash.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, scale::Encode, scale::Decode,
)]
#[codec(crate = scale)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Hash(pub [u8; 32]);

/// Balances.
pub type Balance = u128;
/// Block numbers.
pub type BlockNumber = u32;
/// Timestamps (ms).
pub type Timestamp = u64;
