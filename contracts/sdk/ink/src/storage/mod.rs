//! `ink::storage`: storage types that are not stored inside the contract's root value.
//!
//! A `Mapping` field of the `#[ink(storage)]` struct stores each entry under its own
//! key: the field's 4-byte storage key (little-endian) followed by the SCALE encoding
//! of the entry's key. `#[ink::contract]` gives every `Mapping`, `Lazy` and `StorageVec`
//! field its storage key (BLAKE2b-256 of `Struct::field`, first 4 bytes) by rewriting
//! its type to `Mapping<K, V, ManualKey<KEY>>`; the root value encodes nothing for it.
//! A `Lazy` field is one value under its own key, read and written only when the
//! contract asks (`get`/`set`), so large or rarely used values do not cost on every
//! call. A `StorageVec` keeps its length under its key and element `i` under
//! `(key, i)`.

use core::marker::PhantomData;

use alloc::vec::Vec;
use scale::{Encode, EncodeLike};

use crate::env::{Error, BUFFER_SIZE};

pub mod traits;
mod vec;

pub use traits::{AutoKey, ManualKey, StorageKey};
pub use vec::StorageVec;

/// The backend's storage functions for the types here.
mod raw {
    pub use crate::env::backend::{clear_storage, contains_storage, get_storage, set_storage};
    pub use crate::env::backend::{take_storage, trap};
}

/// Decodes a stored value; a value that does not decode traps (as ink!'s `get` panics).
fn decode_or_trap<V: scale::Decode>(bytes: &[u8]) -> V {
    V::decode(&mut &bytes[..]).unwrap_or_else(|_| raw::trap())
}

/// The error of a `try_` method for a key and value this large, if any.
fn check_size(key_len: usize, value_len: usize) -> Result<(), Error> {
    if key_len.saturating_add(value_len) > BUFFER_SIZE {
        Err(Error::BufferTooSmall)
    } else {
        Ok(())
    }
}

/// Marks the types a `Mapping` is about without owning any of them.
type Marker<K, V, KeyType> = PhantomData<fn() -> (K, V, KeyType)>;

/// A key-value map in contract storage, each entry stored under its own key.
pub struct Mapping<K, V, KeyType: StorageKey = AutoKey> {
    _marker: Marker<K, V, KeyType>,
}

impl<K: Encode, V: Encode + scale::Decode, KeyType: StorageKey> Mapping<K, V, KeyType> {
    /// A new, empty mapping.
    pub fn new() -> Self {
        Self::default()
    }

    fn storage_key<Q: EncodeLike<K>>(key: Q) -> Vec<u8> {
        let mut out = KeyType::KEY.to_le_bytes().to_vec();
        key.encode_to(&mut out);
        out
    }

    /// Stores `value` under `key`; the size of the value it replaced, if any.
    pub fn insert<Q: EncodeLike<K>, R: Encode + EncodeLike<V>>(
        &mut self,
        key: Q,
        value: &R,
    ) -> Option<u32> {
        raw::set_storage(&Self::storage_key(key), &value.encode())
    }

    /// [`Mapping::insert`], or `Err(BufferTooSmall)` if key and value are larger than
    /// [`BUFFER_SIZE`].
    ///
    /// # Errors
    /// `BufferTooSmall`; nothing is stored then.
    pub fn try_insert<Q: EncodeLike<K>, R: Encode + EncodeLike<V>>(
        &mut self,
        key: Q,
        value: &R,
    ) -> Result<Option<u32>, Error> {
        let key = Self::storage_key(key);
        let value = value.encode();
        check_size(key.len(), value.len())?;
        Ok(raw::set_storage(&key, &value))
    }

    /// The value under `key`.
    pub fn get<Q: EncodeLike<K>>(&self, key: Q) -> Option<V> {
        raw::get_storage(&Self::storage_key(key)).map(|bytes| decode_or_trap(&bytes))
    }

    /// The value under `key`, or why it cannot be read.
    pub fn try_get<Q: EncodeLike<K>>(&self, key: Q) -> Option<Result<V, Error>> {
        let key = Self::storage_key(key);
        if let Err(e) = check_size(key.len(), 0) {
            return Some(Err(e));
        }
        let bytes = raw::get_storage(&key)?;
        Some(check_size(key.len(), bytes.len()).and_then(|()| Ok(V::decode(&mut &bytes[..])?)))
    }

    /// Removes and returns the value under `key`.
    pub fn take<Q: EncodeLike<K>>(&self, key: Q) -> Option<V> {
        raw::take_storage(&Self::storage_key(key)).map(|bytes| decode_or_trap(&bytes))
    }

    /// [`Mapping::take`], or why the value cannot be read (it is left in place then).
    pub fn try_take<Q: EncodeLike<K>>(&self, key: Q) -> Option<Result<V, Error>> {
        let key = Self::storage_key(key);
        if let Err(e) = check_size(key.len(), 0) {
            return Some(Err(e));
        }
        let size = raw::contains_storage(&key)? as usize;
        if let Err(e) = check_size(key.len(), size) {
            return Some(Err(e));
        }
        let bytes = raw::take_storage(&key)?;
        Some(V::decode(&mut &bytes[..]).map_err(Error::from))
    }

    /// The encoded size of the value under `key`, if there is one.
    pub fn size<Q: EncodeLike<K>>(&self, key: Q) -> Option<u32> {
        raw::contains_storage(&Self::storage_key(key))
    }

    /// Whether there is a value under `key`.
    pub fn contains<Q: EncodeLike<K>>(&self, key: Q) -> bool {
        raw::contains_storage(&Self::storage_key(key)).is_some()
    }

    /// Removes the value under `key`.
    pub fn remove<Q: EncodeLike<K>>(&self, key: Q) {
        raw::clear_storage(&Self::storage_key(key));
    }
}

/// One value in contract storage under its own key, loaded only when asked for.
pub struct Lazy<V, KeyType: StorageKey = AutoKey> {
    _marker: PhantomData<fn() -> (V, KeyType)>,
}

impl<V: Encode + scale::Decode, KeyType: StorageKey> Lazy<V, KeyType> {
    /// A new lazy value (nothing stored yet).
    pub fn new() -> Self {
        Self::default()
    }

    fn key() -> [u8; 4] {
        KeyType::KEY.to_le_bytes()
    }

    /// The stored value, if there is one.
    pub fn get(&self) -> Option<V> {
        raw::get_storage(&Self::key()).map(|bytes| decode_or_trap(&bytes))
    }

    /// The stored value, or why it cannot be read.
    pub fn try_get(&self) -> Option<Result<V, Error>> {
        let bytes = raw::get_storage(&Self::key())?;
        Some(check_size(4, bytes.len()).and_then(|()| Ok(V::decode(&mut &bytes[..])?)))
    }

    /// The stored value, or `V::default()`.
    pub fn get_or_default(&self) -> V
    where
        V: Default,
    {
        self.get().unwrap_or_default()
    }

    /// Stores `value`.
    pub fn set(&mut self, value: &V) {
        raw::set_storage(&Self::key(), &value.encode());
    }

    /// [`Lazy::set`], or `Err(BufferTooSmall)` if the value is larger than
    /// [`BUFFER_SIZE`].
    ///
    /// # Errors
    /// `BufferTooSmall`; nothing is stored then.
    pub fn try_set(&mut self, value: &V) -> Result<(), Error> {
        let value = value.encode();
        check_size(4, value.len())?;
        raw::set_storage(&Self::key(), &value);
        Ok(())
    }
}

/// What every field type here shares: it holds no data of its own (its values live under
/// their own keys), so it is `Default`, `Clone`, `Debug` (its key), and encodes to
/// nothing in the contract's root value.
macro_rules! lazy_field {
    ($name:ident<$($param:ident),*>) => {
        impl<$($param,)* KeyType: $crate::storage::StorageKey> Default for $name<$($param,)* KeyType> {
            fn default() -> Self {
                $name { _marker: core::marker::PhantomData }
            }
        }
        impl<$($param,)* KeyType: $crate::storage::StorageKey> Clone for $name<$($param,)* KeyType> {
            fn clone(&self) -> Self {
                Self::default()
            }
        }
        impl<$($param,)* KeyType: $crate::storage::StorageKey> core::fmt::Debug
            for $name<$($param,)* KeyType>
        {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, concat!(stringify!($name), "(key {:#x})"), KeyType::KEY)
            }
        }
        impl<$($param,)* KeyType: $crate::storage::StorageKey> scale::Encode
            for $name<$($param,)* KeyType>
        {
            fn size_hint(&self) -> usize {
                0
            }
            fn encode_to<T: scale::Output + ?Sized>(&self, _dest: &mut T) {}
        }
        impl<$($param,)* KeyType: $crate::storage::StorageKey> scale::Decode
            for $name<$($param,)* KeyType>
        {
            fn decode<I: scale::Input>(_input: &mut I) -> Result<Self, scale::Error> {
                Ok(Self::default())
            }
        }
    };
}
pub(crate) use lazy_field;

lazy_field!(Mapping<K, V>);
lazy_field!(Lazy<V>);

/// Type information for the storage types (off-chain, for the metadata's storage layout):
/// a named type with the key's and value's types as parameters and no fields, since the
/// values live under keys of their own, not in the struct's encoding.
#[cfg(feature = "std")]
mod type_info {
    use scale_info::{build::Fields, meta_type, Path, Type, TypeInfo, TypeParameter};

    use super::{Lazy, Mapping, StorageKey, StorageVec};

    fn storage_type(name: &'static str, params: Vec<TypeParameter>) -> Type {
        Type::builder()
            .path(Path::new(name, "ink::storage"))
            .type_params(params)
            .composite(Fields::unit())
    }

    impl<K: TypeInfo + 'static, V: TypeInfo + 'static, KeyType: StorageKey + 'static> TypeInfo
        for Mapping<K, V, KeyType>
    {
        type Identity = Self;
        fn type_info() -> Type {
            let params = vec![
                TypeParameter::new("K", Some(meta_type::<K>())),
                TypeParameter::new("V", Some(meta_type::<V>())),
            ];
            storage_type("Mapping", params)
        }
    }

    impl<V: TypeInfo + 'static, KeyType: StorageKey + 'static> TypeInfo for Lazy<V, KeyType> {
        type Identity = Self;
        fn type_info() -> Type {
            storage_type("Lazy", vec![TypeParameter::new("V", Some(meta_type::<V>()))])
        }
    }

    impl<V: TypeInfo + 'static, KeyType: StorageKey + 'static> TypeInfo for StorageVec<V, KeyType> {
        type Identity = Self;
        fn type_info() -> Type {
            storage_type("StorageVec", vec![TypeParameter::new("V", Some(meta_type::<V>()))])
        }
    }
}
