//! The mock's world as `rivet-host-env`'s [`Ext`]: the host-function table decodes,
//! checks, charges and moves memory exactly as on the chain; this answers from the
//! in-memory state.

use blake2::digest::consts::{U16, U32};
use blake2::{Blake2b, Digest};
use rivet_executor::engine::Instance;
use rivet_host_api::{crypto, ReturnCode};
use rivet_host_env::{Bytes32, Ext, Fault, HashFn, HostCost, Nested};

use crate::world::{Frame, World};
use crate::{Event, MockHost};

/// One host call of the contract `host` runs.
pub(crate) struct Ctx<'a> {
    pub(crate) host: &'a mut MockHost,
    pub(crate) inst: &'a mut dyn Instance,
    pub(crate) input: &'a [u8],
}

impl Ext for Ctx<'_> {
    /// The mock prices the call and the bytes moved ([`crate::HostCosts`]); it has no
    /// database, so storage, hashing and signatures cost nothing more.
    fn gas(&self, cost: HostCost) -> u64 {
        let costs = self.host.costs;
        match cost {
            HostCost::Base => costs.base,
            HostCost::Bytes(n) => costs.per_byte * n as u64,
            _ => 0,
        }
    }

    fn instance(&mut self) -> &mut dyn Instance {
        &mut *self.inst
    }

    fn input(&self) -> &[u8] {
        self.input
    }

    fn caller(&self) -> Bytes32 {
        self.host.caller
    }

    fn address(&self) -> Bytes32 {
        self.host.address
    }

    fn caller_is_origin(&self) -> bool {
        self.host.caller == self.host.origin
    }

    fn value_transferred(&self) -> u128 {
        self.host.value_transferred
    }

    fn balance(&mut self) -> u128 {
        // Spendable: the existential deposit stays, as on the chain.
        self.host.balance.saturating_sub(self.host.minimum_balance)
    }

    fn minimum_balance(&self) -> u128 {
        self.host.minimum_balance
    }

    fn block_number(&self) -> u32 {
        self.host.block_number
    }

    fn now(&self) -> u64 {
        self.host.now
    }

    fn own_code_hash(&self) -> Bytes32 {
        self.host.code_hash
    }

    fn debug_messages(&self) -> bool {
        true
    }

    fn debug_message(&mut self, message: &[u8]) {
        self.host.debug_messages.push(String::from_utf8_lossy(message).into_owned());
    }

    fn get_storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        self.host.storage.get(key).cloned()
    }

    fn set_storage(&mut self, key: &[u8], value: Option<&[u8]>) -> Option<u32> {
        let old = match value {
            Some(v) => self.host.storage.insert(key.to_vec(), v.to_vec()),
            None => self.host.storage.remove(key),
        };
        old.map(|v| v.len() as u32)
    }

    fn storage_len(&mut self, key: &[u8]) -> Option<u32> {
        self.host.storage.get(key).map(|v| v.len() as u32)
    }

    fn transfer(&mut self, to: &Bytes32, value: u128) -> bool {
        if !self.host.can_send(value) {
            return false;
        }
        self.host.balance -= value;
        self.host.world.credit(to, value);
        self.host.transfers.push((*to, value));
        true
    }

    fn code_hash(&mut self, account: &Bytes32) -> Option<Bytes32> {
        self.host.code_of(account)
    }

    fn is_contract(&mut self, account: &Bytes32) -> bool {
        self.host.code_of(account).is_some()
    }

    fn set_code_hash(&mut self, hash: &Bytes32) -> ReturnCode {
        if !self.host.world.codes.contains_key(hash) {
            return ReturnCode::CodeNotFound;
        }
        self.host.code_hash = *hash;
        ReturnCode::Success
    }

    /// The mock never removes code, so a lock only needs the code to exist.
    fn lock_delegate_dependency(
        &mut self,
        hash: &Bytes32,
        lock: bool,
    ) -> Result<ReturnCode, Fault> {
        Ok(if !lock || self.host.world.codes.contains_key(hash) {
            ReturnCode::Success
        } else {
            ReturnCode::CodeNotFound
        })
    }

    fn may_terminate(&self) -> bool {
        !self.host.world.is_active(&self.host.address)
    }

    fn call(
        &mut self,
        callee: Bytes32,
        value: u128,
        input: Vec<u8>,
        gas: u64,
        allow_reentry: bool,
    ) -> Nested {
        let Some(code_hash) = self.host.code_of(&callee) else {
            return Nested::refused(ReturnCode::NotCallable);
        };
        // Re-entry into a contract is allowed only if its own outgoing call said so.
        let host = &self.host;
        let denied = (callee == host.address && !allow_reentry)
            || host.world.stack().iter().any(|(a, allowed)| *a == callee && !allowed);
        if denied {
            return Nested::refused(ReturnCode::ReentranceDenied);
        }
        self.host.nested(Frame {
            address: callee,
            code_hash,
            value,
            export: "call",
            input,
            gas,
            allow_reentry,
            delegate: false,
        })
    }

    fn delegate_call(&mut self, code_hash: Bytes32, input: Vec<u8>, gas: u64) -> Nested {
        if !self.host.world.codes.contains_key(&code_hash) {
            return Nested::refused(ReturnCode::CodeNotFound);
        }
        self.host.nested(Frame {
            address: self.host.address,
            code_hash,
            value: 0,
            export: "call",
            input,
            gas,
            allow_reentry: false,
            delegate: true,
        })
    }

    fn instantiate(
        &mut self,
        code_hash: Bytes32,
        value: u128,
        input: Vec<u8>,
        salt: Vec<u8>,
        gas: u64,
    ) -> (Nested, Bytes32) {
        let address = World::contract_address(&self.host.address, &code_hash, &input, &salt);
        if !self.host.world.codes.contains_key(&code_hash) {
            return (Nested::refused(ReturnCode::CodeNotFound), address);
        }
        if self.host.code_of(&address).is_some() {
            return (Nested::refused(ReturnCode::DuplicateContractAddress), address);
        }
        let frame = Frame {
            address,
            code_hash,
            value,
            export: "deploy",
            input,
            gas,
            allow_reentry: false,
            delegate: false,
        };
        (self.host.nested(frame), address)
    }

    fn deposit_event(&mut self, topics: Vec<Bytes32>, data: Vec<u8>) {
        self.host.events.push(Event { contract: self.host.address, topics, data });
    }

    fn hash(&self, hash: HashFn, data: &[u8]) -> Vec<u8> {
        match hash {
            HashFn::Blake2_256 => Blake2b::<U32>::digest(data).to_vec(),
            HashFn::Blake2_128 => Blake2b::<U16>::digest(data).to_vec(),
            HashFn::Keccak256 => sha3::Keccak256::digest(data).to_vec(),
            HashFn::Sha2_256 => sha2::Sha256::digest(data).to_vec(),
        }
    }

    fn ecdsa_recover(&self, signature: &[u8; 65], message_hash: &[u8; 32]) -> Option<[u8; 33]> {
        crypto::ecdsa_recover(signature, message_hash)
    }

    fn ecdsa_to_eth_address(&self, key: &[u8; 33]) -> Option<[u8; 20]> {
        crypto::ecdsa_to_eth_address(key)
    }

    fn sr25519_verify(&self, signature: &[u8; 64], message: &[u8], key: &[u8; 32]) -> bool {
        crypto::sr25519_verify(signature, message, key)
    }
}
