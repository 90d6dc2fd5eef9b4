//! What the pallet stores: code (validated at upload) with its info, contracts with
//! their child tries, and the deposits both cost.

use alloc::format;
use alloc::vec::Vec;

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::storage::child::{self, ChildInfo};
use frame_support::traits::Get;
use frame_support::{BoundedVec, DefaultNoBound};
use rivet_executor::{Limits, Program};

use crate::limits::MAX_DELEGATE_DEPENDENCIES;
use rivet_host_api::HostFn;
use scale_info::TypeInfo;
use sp_core::ConstU32;
use sp_runtime::traits::Saturating;
use sp_runtime::DispatchError;

use crate::{BalanceOf, CodeHash, Config, ContractInfoOf, Error, TrieNonce};

/// Stored code's owner, deposit and users.
#[derive(Encode, Decode, TypeInfo, MaxEncodedLen, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(T))]
pub struct CodeInfo<T: Config> {
    /// Who uploaded it (and may remove it).
    pub owner: T::AccountId,
    /// The deposit held from the owner.
    pub deposit: BalanceOf<T>,
    /// How many contracts use it.
    pub refcount: u64,
    /// Its length in bytes.
    pub code_len: u32,
}

/// A deployed contract.
#[derive(Encode, Decode, TypeInfo, MaxEncodedLen, Clone, PartialEq, Eq, Debug, DefaultNoBound)]
#[scale_info(skip_type_params(T))]
pub struct ContractInfo<T: Config> {
    /// Its code.
    pub code_hash: CodeHash,
    /// Its child trie's id.
    pub trie_id: BoundedVec<u8, ConstU32<64>>,
    /// Bytes of keys and values in its storage.
    pub storage_bytes: u32,
    /// Entries in its storage.
    pub storage_items: u32,
    /// The storage deposit held on its account.
    pub storage_deposit: BalanceOf<T>,
    /// Code it delegates to and keeps from removal (`lock_delegate_dependency`); each
    /// holds a reference on the code, as the contract's own code does.
    pub delegate_dependencies: BoundedVec<CodeHash, ConstU32<MAX_DELEGATE_DEPENDENCIES>>,
}

impl<T: Config> ContractInfo<T> {
    /// A new contract's info with a fresh trie id.
    pub(crate) fn new(code_hash: CodeHash) -> ContractInfo<T> {
        let nonce = TrieNonce::<T>::mutate(|n| {
            *n += 1;
            *n
        });
        let mut id = b"rivet:".to_vec();
        id.extend_from_slice(&nonce.to_le_bytes());
        ContractInfo {
            code_hash,
            trie_id: id.try_into().expect("6 + 8 bytes fit in 64; qed"),
            ..Default::default()
        }
    }

    /// The child trie.
    pub fn child_info(&self) -> ChildInfo {
        ChildInfo::new_default(&self.trie_id)
    }

    /// The deposit its storage needs: one item for the contract itself, one per entry,
    /// and its bytes.
    pub fn required_deposit(&self) -> BalanceOf<T> {
        let items = BalanceOf::<T>::from(self.storage_items.saturating_add(1));
        T::DepositPerItem::get()
            .saturating_mul(items)
            .saturating_add(T::DepositPerByte::get().saturating_mul(self.storage_bytes.into()))
    }

    /// The value under `key`.
    pub fn read(&self, key: &[u8]) -> Option<Vec<u8>> {
        child::get_raw(&self.child_info(), key)
    }

    /// Stores (`Some`) or clears (`None`) `key`; returns the previous value's length and
    /// keeps the byte and item counts.
    pub fn write(&mut self, key: &[u8], value: Option<&[u8]>) -> Option<u32> {
        let info = self.child_info();
        let old = child::len(&info, key);
        match value {
            Some(v) => child::put_raw(&info, key, v),
            None => child::kill(&info, key),
        }
        let key_len = key.len() as u32;
        if let Some(old) = old {
            self.storage_bytes = self.storage_bytes.saturating_sub(old + key_len);
            self.storage_items = self.storage_items.saturating_sub(1);
        }
        if let Some(v) = value {
            self.storage_bytes = self.storage_bytes.saturating_add(v.len() as u32 + key_len);
            self.storage_items = self.storage_items.saturating_add(1);
        }
        old
    }

    /// Removes the whole child trie.
    pub fn remove_storage(&self) {
        // The trie has at most `storage_items` keys; remove them all.
        let _ = child::clear_storage(&self.child_info(), Some(self.storage_items + 1), None);
    }
}

/// The contract at `address`.
pub fn contract<T: Config>(address: &T::AccountId) -> Option<ContractInfo<T>> {
    ContractInfoOf::<T>::get(address)
}

/// Validated code: its hash and the bounded blob, or the error and the validator's
/// message.
pub type Validated<T> =
    Result<(CodeHash, BoundedVec<u8, <T as Config>::MaxCodeLen>), (DispatchError, Vec<u8>)>;

/// Checks `code` as `upload_code` does: its length, the blob, the exports contracts
/// need and the imports this chain provides. Its hash and the bounded code, or the error
/// and the validator's message.
pub fn validate_code<T: Config>(code: Vec<u8>) -> Validated<T> {
    let fail = |e: Error<T>, msg: alloc::string::String| (e.into(), msg.into_bytes());
    let code: BoundedVec<u8, T::MaxCodeLen> = code.try_into().map_err(|c: Vec<u8>| {
        fail(Error::CodeTooLarge, format!("{} bytes (at most {})", c.len(), T::MaxCodeLen::get()))
    })?;
    let program = Program::from_bytes(&code, &crate::limits::upload::<T>())
        .map_err(|e| fail(Error::InvalidCode, format!("{e}")))?;
    for export in ["deploy", "call"] {
        if program.export(export).is_none() {
            return Err(fail(Error::MissingExport, format!("no `{export}` export")));
        }
    }
    for import in &program.parts().imports {
        let known = HostFn::from_u32(import.number).is_some_and(|f| f.name() == import.name);
        if !known {
            let msg = format!("unknown import {} `{}`", import.number, import.name);
            return Err(fail(Error::UnknownImport, msg));
        }
    }
    Ok((sp_io::hashing::blake2_256(&code).into(), code))
}

/// The pages of memory a stored code's program maps, from the first bytes of its blob
/// (the memory layout comes first): read without loading the code, within the read
/// that `CodeLoad` charges for.
///
/// # Errors
/// `CodeNotFound` if no code is stored under the hash.
pub fn memory_pages<T: Config>(code_hash: CodeHash) -> Result<u32, Error<T>> {
    use rivet_executor::validate::LAYOUT_PREFIX;
    let key = crate::PristineCode::<T>::hashed_key_for(code_hash);
    // The stored value is a SCALE `Vec<u8>`: a compact length (at most 5 bytes), then
    // the blob.
    let mut buf = [0u8; LAYOUT_PREFIX + 5];
    let len = sp_io::storage::read(&key, &mut buf, 0).ok_or(Error::<T>::CodeNotFound)?;
    let mut value = &buf[..(len as usize).min(buf.len())];
    codec::Compact::<u32>::decode(&mut value).map_err(|_| Error::<T>::CodeNotFound)?;
    // Validated at upload: only the layout is wanted here, whatever the limits are now.
    let any = Limits { max_memory: u32::MAX, max_stack: u32::MAX, ..crate::limits::call() };
    let layout = Program::memory_layout(value, &any).map_err(|_| Error::<T>::InvalidCode)?;
    Ok((layout.mapped_bytes() / rivet_executor::blob::PAGE_SIZE as u64) as u32)
}

/// The deposit for storing `len` bytes of code.
pub fn code_deposit<T: Config>(len: u32) -> BalanceOf<T> {
    T::DepositPerItem::get().saturating_add(T::DepositPerByte::get().saturating_mul(len.into()))
}
