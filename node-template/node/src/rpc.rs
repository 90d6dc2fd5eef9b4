//! The node's JSON-RPC methods beyond Substrate's own: account nonces and fee queries.
//! Contract dry runs go through `state_call` (`ContractsApi_*`).
//!
//! `system_accountNextIndex` (alias `account_nextIndex`) is the node's own: the account's
//! nonce at the best block plus its ready transactions in the pool's view of that same
//! block. `substrate-frame-rpc-system`'s reads the best block and then the pool's newest
//! view, which can be a later block's: a transaction the newer block included is gone from
//! the pool but not counted in the older block's nonce, and the method returns a nonce
//! already used (polkadot.js then signs a transaction the pool refuses as outdated).

use std::sync::Arc;

use jsonrpsee::types::ErrorObjectOwned;
use jsonrpsee::RpcModule;
use rivet_runtime::opaque::Block;
use rivet_runtime::{AccountId, Balance, Nonce};
use sc_transaction_pool_api::InPoolTransaction;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_runtime::codec::Encode;

/// What the RPC methods need.
pub struct FullDeps<C, P> {
    /// The client.
    pub client: Arc<C>,
    /// The transaction pool.
    pub pool: Arc<P>,
}

/// The RPC module.
pub fn create_full<C, P>(
    deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
    C: ProvideRuntimeApi<Block>
        + HeaderBackend<Block>
        + HeaderMetadata<Block, Error = BlockChainError>
        + Send
        + Sync
        + 'static,
    C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
    C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
    C::Api: sp_block_builder::BlockBuilder<Block>,
    P: TransactionPool<Block = Block> + 'static,
{
    use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
    use substrate_frame_rpc_system::{System, SystemApiServer};

    let mut module = RpcModule::new(());
    let FullDeps { client, pool } = deps;
    // Substrate's `system_dryRun`; its nonce method is replaced below.
    let mut system = System::new(client.clone(), pool.clone()).into_rpc();
    for method in [NEXT_INDEX, NEXT_INDEX_ALIAS] {
        system.remove_method(method);
    }
    module.merge(system)?;
    module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
    module.register_async_method(NEXT_INDEX, move |params, _, _| {
        let (client, pool) = (client.clone(), pool.clone());
        async move {
            let account: AccountId = params.one()?;
            next_index(&*client, &*pool, account).await
        }
    })?;
    module.register_alias(NEXT_INDEX_ALIAS, NEXT_INDEX)?;
    Ok(module)
}

const NEXT_INDEX: &str = "system_accountNextIndex";
const NEXT_INDEX_ALIAS: &str = "account_nextIndex";

/// The nonce `account`'s next transaction needs: its nonce at the best block, plus one for
/// each of its transactions ready in the pool's view of that block, in nonce order.
async fn next_index<C, P>(
    client: &C,
    pool: &P,
    account: AccountId,
) -> Result<Nonce, ErrorObjectOwned>
where
    C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
    C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
    P: TransactionPool<Block = Block>,
{
    use substrate_frame_rpc_system::AccountNonceApi;

    let best = client.info().best_hash;
    let nonce = client
        .runtime_api()
        .account_nonce(best, account.clone())
        .map_err(|e| ErrorObjectOwned::owned(1, "Unable to query nonce.", Some(e.to_string())))?;
    // The ready transactions once the pool has processed `best` (as a submission waits
    // for, `crate::pool`); its newest view if it does not within the bound.
    let ready =
        match crate::pool::ready_after_maintain(pool, best, crate::pool::CATCH_UP_TIMEOUT).await {
            Some(ready) => ready,
            None => pool.ready(),
        };
    let mut next = nonce;
    for tx in ready {
        if tx.provides().first() == Some(&(&account, next).encode()) {
            next += 1;
        }
    }
    Ok(next)
}
