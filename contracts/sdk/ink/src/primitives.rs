//! `ink::primitives`: the default environment's account id and hash, and the language's
//! own result types, as ink! 5 defines them.

/// A 32-byte account id.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, scale::Encode, scale::Decode,
)]
#[codec(crate = scale)]
pub struct AccountId(pub [u8; 32]);

/// A 32-byte hash.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, scale::Encode, scale::Decode,
)]
#[codec(crate = scale)]
pub struct Hash(pub [u8; 32]);

/// `AccountId` and `Hash` under ink!'s type paths (`ink_primitives::types::…`), which
/// tools key on: `@polkadot/api-contract` shows an `AccountId` in SS58 by its path.
#[cfg(feature = "std")]
mod type_info {
    use scale_info::{build::Fields, Path, Type, TypeInfo};

    fn bytes32(name: &'static str) -> Type {
        Type::builder()
            .path(Path::new(name, "ink_primitives::types"))
            .composite(Fields::unnamed().field(|f| f.ty::<[u8; 32]>().type_name("[u8; 32]")))
    }

    impl TypeInfo for super::AccountId {
        type Identity = Self;
        fn type_info() -> Type {
            bytes32("AccountId")
        }
    }

    impl TypeInfo for super::Hash {
        type Identity = Self;
        fn type_info() -> Type {
            bytes32("Hash")
        }
    }
}

macro_rules! bytes32 {
    ($name:ident) => {
        impl From<[u8; 32]> for $name {
            fn from(b: [u8; 32]) -> Self {
                $name(b)
            }
        }
        impl From<$name> for [u8; 32] {
            fn from(v: $name) -> Self {
                v.0
            }
        }
        impl<'a> TryFrom<&'a [u8]> for $name {
            type Error = core::array::TryFromSliceError;
            fn try_from(b: &'a [u8]) -> Result<Self, Self::Error> {
                Ok($name(<[u8; 32]>::try_from(b)?))
            }
        }
        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }
        impl AsMut<[u8]> for $name {
            fn as_mut(&mut self) -> &mut [u8] {
                &mut self.0
            }
        }
        impl scale::MaxEncodedLen for $name {
            fn max_encoded_len() -> usize {
                32
            }
        }
    };
}

bytes32!(AccountId);
bytes32!(Hash);

// As in ink!, an account id also converts to its array; a hash only to a slice (so that
// `hash.as_ref()` needs no annotation).
impl AsRef<[u8; 32]> for AccountId {
    fn as_ref(&self) -> &[u8; 32] {
        &self.0
    }
}

impl AsMut<[u8; 32]> for AccountId {
    fn as_mut(&mut self) -> &mut [u8; 32] {
        &mut self.0
    }
}

/// A value with a distinguished "cleared" state (all zeros for hashes).
pub trait Clear {
    /// The cleared value.
    const CLEAR_HASH: Self;
    /// Whether this is the cleared value.
    fn is_clear(&self) -> bool;
}

impl Clear for [u8; 32] {
    const CLEAR_HASH: Self = [0; 32];
    fn is_clear(&self) -> bool {
        self == &Self::CLEAR_HASH
    }
}

impl Clear for Hash {
    const CLEAR_HASH: Self = Hash([0; 32]);
    fn is_clear(&self) -> bool {
        self.0.is_clear()
    }
}

/// A storage key (ink!'s `Key`: 4 bytes).
pub type Key = u32;

/// Errors of the language itself, returned as `Err` in a message's
/// `Result<_, LangError>` encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, scale::Encode, scale::Decode)]
#[codec(crate = scale)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(feature = "std", scale_info(crate = scale_info))]
pub enum LangError {
    /// The input could not be decoded, or the selector is unknown.
    CouldNotReadInput = 1,
}

/// What a message call returns to its caller: the message's value, or the language
/// error that kept it from running.
pub type MessageResult<T> = Result<T, LangError>;

/// What a constructor returns to its instantiator.
pub type ConstructorResult<T> = Result<T, LangError>;
