//! `StorageVec`: a vector in contract storage whose elements are loaded one by one.

use core::marker::PhantomData;

use scale::{Encode, EncodeLike};

use super::{check_size, decode_or_trap, raw, AutoKey, StorageKey};
use crate::env::Error;

/// A vector in contract storage: its length under the field's key, element `i` under
/// `(key, i)`, each read and written only when the contract asks.
pub struct StorageVec<V, KeyType: StorageKey = AutoKey> {
    _marker: PhantomData<fn() -> (V, KeyType)>,
}

impl<V: Encode + scale::Decode, KeyType: StorageKey> StorageVec<V, KeyType> {
    /// A new vector (nothing stored yet).
    pub fn new() -> Self {
        Self::default()
    }

    fn len_key() -> [u8; 4] {
        KeyType::KEY.to_le_bytes()
    }

    fn element_key(index: u32) -> [u8; 8] {
        let mut key = [0u8; 8];
        key[..4].copy_from_slice(&KeyType::KEY.to_le_bytes());
        key[4..].copy_from_slice(&index.to_le_bytes());
        key
    }

    fn set_len(&mut self, len: u32) {
        raw::set_storage(&Self::len_key(), &len.encode());
    }

    /// The number of elements.
    pub fn len(&self) -> u32 {
        raw::get_storage(&Self::len_key()).map_or(0, |bytes| decode_or_trap(&bytes))
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends `value`.
    ///
    /// # Panics
    /// If the vector holds `u32::MAX` elements.
    pub fn push<T: Encode + EncodeLike<V>>(&mut self, value: &T) {
        let len = self.len();
        let new_len = len.checked_add(1).expect("a StorageVec holds at most u32::MAX elements");
        raw::set_storage(&Self::element_key(len), &value.encode());
        self.set_len(new_len);
    }

    /// [`StorageVec::push`], or `Err(BufferTooSmall)` if the value is too large.
    ///
    /// # Errors
    /// `BufferTooSmall`; nothing is stored then.
    pub fn try_push<T: Encode + EncodeLike<V>>(&mut self, value: &T) -> Result<(), Error> {
        check_size(8, value.encoded_size())?;
        self.push(value);
        Ok(())
    }

    /// Removes and returns the last element.
    pub fn pop(&mut self) -> Option<V> {
        let len = self.len().checked_sub(1)?;
        let value = raw::take_storage(&Self::element_key(len)).map(|b| decode_or_trap(&b));
        self.set_len(len);
        value
    }

    /// [`StorageVec::pop`], or why the last element cannot be read (it stays then).
    pub fn try_pop(&mut self) -> Option<Result<V, Error>> {
        let len = self.len().checked_sub(1)?;
        let value = self.try_get(len)?;
        if value.is_ok() {
            raw::clear_storage(&Self::element_key(len));
            self.set_len(len);
        }
        Some(value)
    }

    /// The last element.
    pub fn peek(&self) -> Option<V> {
        self.get(self.len().checked_sub(1)?)
    }

    /// [`StorageVec::peek`], or why the last element cannot be read.
    pub fn try_peek(&self) -> Option<Result<V, Error>> {
        self.try_get(self.len().checked_sub(1)?)
    }

    /// Element `index`, if there is one.
    pub fn get(&self, index: u32) -> Option<V> {
        raw::get_storage(&Self::element_key(index)).map(|b| decode_or_trap(&b))
    }

    /// Element `index`, or why it cannot be read.
    pub fn try_get(&self, index: u32) -> Option<Result<V, Error>> {
        let bytes = raw::get_storage(&Self::element_key(index))?;
        Some(check_size(8, bytes.len()).and_then(|()| Ok(V::decode(&mut &bytes[..])?)))
    }

    /// Replaces element `index`; the size of the value it replaced, if any.
    ///
    /// # Panics
    /// If `index` is not below the length.
    pub fn set<T: Encode + EncodeLike<V>>(&mut self, index: u32, value: &T) -> Option<u32> {
        assert!(index < self.len(), "index out of bounds");
        raw::set_storage(&Self::element_key(index), &value.encode())
    }

    /// [`StorageVec::set`], or `Err(BufferTooSmall)` if the value is too large.
    ///
    /// # Errors
    /// `BufferTooSmall`; nothing is stored then.
    ///
    /// # Panics
    /// If `index` is not below the length.
    pub fn try_set<T: Encode + EncodeLike<V>>(
        &mut self,
        index: u32,
        value: &T,
    ) -> Result<Option<u32>, Error> {
        check_size(8, value.encoded_size())?;
        Ok(self.set(index, value))
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        for index in 0..self.len() {
            raw::clear_storage(&Self::element_key(index));
        }
        self.set_len(0);
    }

    /// Removes element `index`'s value, leaving the length as it is (`get` then
    /// returns `None` for it).
    pub fn clear_at(&mut self, index: u32) {
        raw::clear_storage(&Self::element_key(index));
    }
}

super::lazy_field!(StorageVec<V>);
