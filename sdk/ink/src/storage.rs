//! `ink::storage`: storage types that are not stored inside the contract's root value.
//!
//! A `Mapping` field of the `#[ink(storage)]` struct stores each entry under its own
//! key: the field's 4-byte storage key (little-endian) followed by the SCALE encoding
//! of the entry's key. `#[ink::contract]` gives every `Mapping` field its storage key
//! (BLAKE2b-256 of `Struct::field`, first 4 bytes) by rewriting its type to
//! `Mapping<K, V, ManualKey<KEY>>`; the root value encodes nothing for it. A `Lazy`
//! field is one value under its own key, assigned the same way, read and written only
//! when the contract asks (`get`/`set`), so large or rarely used values do not cost on
//! every call.

use core::marker::PhantomData;

use alloc::vec::Vec;

/// A type-level storage key.
pub trait StorageKey {
    /// The key.
    const KEY: u32;
}

/// The key `#[ink::contract]` assigns (what a `Mapping` declared without one gets).
#[derive(Clone, Copy, Debug, Default)]
pub struct AutoKey;

impl StorageKey for AutoKey {
    const KEY: u32 = 0;
}

/// An explicit storage key.
#[derive(Clone, Copy, Debug, Default)]
pub struct ManualKey<const KEY: u32>;

impl<const K: u32> StorageKey for ManualKey<K> {
    const KEY: u32 = K;
}

/// Marks the types a `Mapping` is about without owning any of them.
type Marker<K, V, KeyType> = PhantomData<fn() -> (K, V, KeyType)>;

/// A key-value map in contract storage, each entry stored under its own key.
pub struct Mapping<K, V, KeyType: StorageKey = AutoKey> {
    _marker: Marker<K, V, KeyType>,
}

impl<K, V, KeyType: StorageKey> Default for Mapping<K, V, KeyType> {
    fn default() -> Self {
        Mapping { _marker: PhantomData }
    }
}

impl<K, V, KeyType: StorageKey> core::fmt::Debug for Mapping<K, V, KeyType> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Mapping(key {:#x})", KeyType::KEY)
    }
}

impl<K: scale::Encode, V: scale::Encode + scale::Decode, KeyType: StorageKey>
    Mapping<K, V, KeyType>
{
    /// A new, empty mapping.
    pub fn new() -> Self {
        Self::default()
    }

    fn storage_key(key: &K) -> Vec<u8> {
        let mut out = KeyType::KEY.to_le_bytes().to_vec();
        key.encode_to(&mut out);
        out
    }

    /// Stores `value` under `key`; returns the size of the previous value, if any.
    pub fn insert(&mut self, key: K, value: &V) -> Option<u32> {
        let previous = crate::env::get_storage(&Self::storage_key(&key)).map(|v| v.len() as u32);
        crate::env::set_storage(&Self::storage_key(&key), &value.encode());
        previous
    }

    /// The value under `key`.
    pub fn get(&self, key: K) -> Option<V> {
        let bytes = crate::env::get_storage(&Self::storage_key(&key))?;
        Some(V::decode(&mut &bytes[..]).unwrap_or_else(|_| crate::env::trap()))
    }

    /// Whether there is a value under `key`.
    pub fn contains(&self, key: K) -> bool {
        crate::env::get_storage(&Self::storage_key(&key)).is_some()
    }

    /// Removes the value under `key`.
    pub fn remove(&self, key: K) {
        crate::env::clear_storage(&Self::storage_key(&key));
    }

    /// Removes and returns the value under `key`.
    pub fn take(&self, key: K) -> Option<V> {
        let value = self.get_by_key(&key);
        crate::env::clear_storage(&Self::storage_key(&key));
        value
    }

    fn get_by_key(&self, key: &K) -> Option<V> {
        let bytes = crate::env::get_storage(&Self::storage_key(key))?;
        Some(V::decode(&mut &bytes[..]).unwrap_or_else(|_| crate::env::trap()))
    }
}

// The root value holds nothing for a mapping: its entries live under their own keys.
impl<K, V, KeyType: StorageKey> scale::Encode for Mapping<K, V, KeyType> {
    fn size_hint(&self) -> usize {
        0
    }
    fn encode_to<T: scale::Output + ?Sized>(&self, _dest: &mut T) {}
}

impl<K, V, KeyType: StorageKey> scale::Decode for Mapping<K, V, KeyType> {
    fn decode<I: scale::Input>(_input: &mut I) -> Result<Self, scale::Error> {
        Ok(Self::default())
    }
}

/// One value in contract storage under its own key, loaded only when asked for.
pub struct Lazy<V, KeyType: StorageKey = AutoKey> {
    _marker: PhantomData<fn() -> (V, KeyType)>,
}

impl<V, KeyType: StorageKey> Default for Lazy<V, KeyType> {
    fn default() -> Self {
        Lazy { _marker: PhantomData }
    }
}

impl<V, KeyType: StorageKey> core::fmt::Debug for Lazy<V, KeyType> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Lazy(key {:#x})", KeyType::KEY)
    }
}

impl<V: scale::Encode + scale::Decode, KeyType: StorageKey> Lazy<V, KeyType> {
    /// A new lazy value (nothing stored yet).
    pub fn new() -> Self {
        Self::default()
    }

    /// The stored value, if there is one.
    pub fn get(&self) -> Option<V> {
        let bytes = crate::env::get_storage(&KeyType::KEY.to_le_bytes())?;
        Some(V::decode(&mut &bytes[..]).unwrap_or_else(|_| crate::env::trap()))
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
        crate::env::set_storage(&KeyType::KEY.to_le_bytes(), &value.encode());
    }
}

// Like a mapping, the root value holds nothing for a lazy field.
impl<V, KeyType: StorageKey> scale::Encode for Lazy<V, KeyType> {
    fn size_hint(&self) -> usize {
        0
    }
    fn encode_to<T: scale::Output + ?Sized>(&self, _dest: &mut T) {}
}

impl<V, KeyType: StorageKey> scale::Decode for Lazy<V, KeyType> {
    fn decode<I: scale::Input>(_input: &mut I) -> Result<Self, scale::Error> {
        Ok(Self::default())
    }
}
