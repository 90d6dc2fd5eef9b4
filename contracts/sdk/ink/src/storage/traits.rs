//! `ink::storage::traits`: storage keys, what can be stored, and the layout derive.

/// A type-level storage key.
pub trait StorageKey {
    /// The key.
    const KEY: u32;
    /// The key (ink!'s method form).
    fn key(&self) -> u32 {
        Self::KEY
    }
}

/// The key `#[ink::contract]` assigns (what a field declared without one gets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoKey;

impl StorageKey for AutoKey {
    const KEY: u32 = 0;
}

/// An explicit storage key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ManualKey<const KEY: u32, ParentKey = ()>(core::marker::PhantomData<fn() -> ParentKey>);

impl<const K: u32, P> StorageKey for ManualKey<K, P> {
    const KEY: u32 = K;
}

/// A value that can be stored: everything SCALE-encodable, as ink!'s blanket
/// implementation for packed types gives.
pub trait Storable: Sized {
    /// Appends the encoding to `dest`.
    fn encode<T: scale::Output + ?Sized>(&self, dest: &mut T);
    /// Decodes from `input`.
    ///
    /// # Errors
    /// If the bytes do not decode.
    fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error>;
    /// The encoded size.
    fn encoded_size(&self) -> usize;
}

impl<P: scale::Encode + scale::Decode> Storable for P {
    fn encode<T: scale::Output + ?Sized>(&self, dest: &mut T) {
        scale::Encode::encode_to(self, dest)
    }
    fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
        <P as scale::Decode>::decode(input)
    }
    fn encoded_size(&self) -> usize {
        scale::Encode::encoded_size(self)
    }
}

/// A value stored whole, inside its parent's encoding.
pub trait Packed: scale::Encode + scale::Decode {}

impl<P: scale::Encode + scale::Decode> Packed for P {}

/// A type whose storage layout the metadata describes (`#[derive(StorageLayout)]`).
/// Rivet's metadata describes types through `scale_info`; the derive records that
/// the type asked for a layout and nothing else.
pub trait StorageLayout {}

pub use rivet_ink_macro::StorageLayout;
