//! Block authoring: instant seal (a block whenever the pool has ready transactions) or
//! manual seal on a timer, both through `sc-consensus-manual-seal`'s engine.
//!
//! Upstream's instant seal turns each pool import notification into one "seal a block"
//! command and gives up on a command when the pool reports nothing ready. Under a burst
//! that loses work: the notification for a transaction comes once, the pool's status is
//! that of its newest *processed* block (the fork-aware pool processes a block some time
//! after it is imported), so a command that runs right after a block sees the block's
//! transactions as still pending, or sees none, and transactions that arrived meanwhile
//! wait for the next notification, which may never come (the node stalls with a full
//! pool). [`instant_seal`] instead drives the engine itself: woken by imports, it waits
//! until the pool has processed the best block, seals a block on it if anything is ready
//! there, and repeats until nothing is, so every ready transaction is included, as many
//! per block as fit.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::channel::{mpsc, oneshot};
use futures::{FutureExt, SinkExt, StreamExt};
use rivet_runtime::opaque::Block;
use sc_client_api::BlockBackend;
use sc_consensus_manual_seal::EngineCommand;
use sc_service::TaskManager;
use sc_transaction_pool_api::{TransactionPool, TxHash};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use crate::pool::{ready_after_maintain, CATCH_UP_TIMEOUT};
use crate::service::{FullClient, Pool};

type Hash = <Block as BlockT>::Hash;

/// Starts block authoring on `task_manager`, with blocks built by `proposer`: a block
/// every `block_time` milliseconds (manual seal), or by instant seal.
pub fn start(
    task_manager: &TaskManager,
    block_time: Option<u64>,
    client: Arc<FullClient>,
    pool: Arc<Pool>,
    select_chain: sc_consensus::LongestChain<sc_service::TFullBackend<Block>, Block>,
    proposer: sc_basic_authorship::ProposerFactory<Pool, FullClient>,
) {
    let (sink, commands) = mpsc::channel(1024);
    match block_time {
        None => {
            let (wake, wakes) = mpsc::channel(0);
            let announced = Announced::default();
            let spawn = task_manager.spawn_handle();
            let waker = wake_on_imports(pool.clone(), announced.clone(), wake);
            spawn.spawn("instant-seal-wake", None, waker);
            let sealer = instant_seal(client.clone(), pool.clone(), announced, wakes, sink);
            spawn.spawn("instant-seal", None, sealer);
        }
        Some(block_time) => {
            let timer = timer(client.clone(), pool.clone(), block_time, sink);
            task_manager.spawn_handle().spawn("block-timer", None, timer)
        }
    }
    let timestamp =
        |_, ()| async move { Ok(sp_timestamp::InherentDataProvider::from_system_time()) };
    let params = sc_consensus_manual_seal::ManualSealParams {
        block_import: client.clone(),
        env: proposer,
        client,
        pool,
        select_chain,
        commands_stream: Box::pin(commands),
        consensus_data_provider: None,
        create_inherent_data_providers: timestamp,
    };
    let engine = sc_consensus_manual_seal::run_manual_seal(params).boxed();
    task_manager.spawn_essential_handle().spawn_blocking("seal", None, engine);
}

/// The transactions the pool announced that no sealed block holds yet.
type Announced = Arc<Mutex<HashSet<TxHash<Pool>>>>;

/// Turns the pool's import notifications into wake-ups for [`instant_seal`], at most one
/// pending, and notes each announced transaction. The notifications are read as they
/// come: the pool drops a listener whose (bounded) channel is full, which a sealer busy
/// with a block would let happen under a large burst. Should the pool drop the listener
/// anyway, this subscribes again.
async fn wake_on_imports(pool: Arc<Pool>, announced: Announced, mut wake: mpsc::Sender<()>) {
    loop {
        let mut imports = pool.import_notification_stream();
        while let Some(hash) = imports.next().await {
            announced.lock().expect("not poisoned").insert(hash);
            // Full: a wake-up is pending already, which covers this import too.
            if wake.try_send(()).is_err_and(|e| e.is_disconnected()) {
                return;
            }
        }
        log::debug!(target: "rivet", "the pool's import notifications ended; subscribing again");
        futures_timer::Delay::new(Duration::from_millis(100)).await;
    }
}

/// A block (finalized at once, so clients waiting for finality return promptly) whenever
/// transactions are ready at the best block, until none are.
///
/// A transaction that reaches the pool while it builds its view of a new block can land
/// in the older view and miss the new one; it then waits in the pool's mempool for the
/// next block's view, and its one notification is spent. So when nothing is ready but an
/// announced transaction is in no sealed block, one empty block is sealed: the pool
/// builds that block's view from its mempool, and the transaction is sealed next.
async fn instant_seal(
    client: Arc<FullClient>,
    pool: Arc<Pool>,
    announced: Announced,
    mut wakes: mpsc::Receiver<()>,
    mut engine: mpsc::Sender<EngineCommand<Hash>>,
) {
    while wakes.next().await.is_some() {
        let mut sealed_empty = false;
        loop {
            // Whatever was imported up to here is served by the blocks this loop seals:
            // each one takes every ready transaction that fits.
            while wakes.try_recv().is_ok() {}
            let best = client.info().best_hash;
            let has_ready = match ready_after_maintain(&*pool, best, CATCH_UP_TIMEOUT).await {
                Some(mut ready) => ready.next().is_some(),
                None => {
                    log::warn!(
                        target: "rivet",
                        "the pool has not processed block {best:?} after {CATCH_UP_TIMEOUT:?}"
                    );
                    pool.status().ready > 0
                }
            };
            let create_empty = if has_ready {
                false
            } else if !sealed_empty && !announced.lock().expect("not poisoned").is_empty() {
                // Announced, not sealed, not ready: in the mempool, or dropped since.
                sealed_empty = true;
                true
            } else {
                // Whatever is still announced was dropped or found invalid.
                announced.lock().expect("not poisoned").clear();
                break;
            };
            match seal(&mut engine, best, create_empty).await {
                Some(Ok(block)) => forget_sealed(&client, &pool, &announced, block),
                // Nothing in the ready set could be included (the proposer drops what
                // fails); wait for the next import rather than retry at once.
                Some(Err(e)) => {
                    log::debug!(target: "rivet", "instant seal: {e}");
                    break;
                }
                None => return,
            }
        }
    }
}

/// Drops the transactions of the sealed `block` from the announced ones.
fn forget_sealed(client: &FullClient, pool: &Pool, announced: &Announced, block: Hash) {
    let body = client.block_body(block).ok().flatten().unwrap_or_default();
    let mut announced = announced.lock().expect("not poisoned");
    for xt in &body {
        announced.remove(&pool.hash_of(xt));
    }
}

/// Seals one block on `parent` and waits for it: its hash, or `None` when the engine has
/// stopped.
async fn seal(
    engine: &mut mpsc::Sender<EngineCommand<Hash>>,
    parent: Hash,
    create_empty: bool,
) -> Option<Result<Hash, String>> {
    let (sender, created) = oneshot::channel();
    let command = EngineCommand::SealNewBlock {
        create_empty,
        finalize: true,
        parent_hash: Some(parent),
        sender: Some(sender),
    };
    engine.send(command).await.ok()?;
    Some(created.await.ok()?.map(|block| block.hash).map_err(|e| e.to_string()))
}

/// A block `block_time` milliseconds after the last, empty or not, each on a best block
/// the pool has processed.
///
/// The proposer asks the pool for the transactions ready at the parent, and if the pool
/// has not built that block's view in time it gets an older view's: transactions the
/// parent already holds among them. Applying those fails (`Stale`), the proposer reports
/// them, and the pool removes them *and every transaction that depends on them* from
/// the parent's view — valid later nonces of the same sender, which then wait for the
/// next view to take them from the mempool again. Under a burst that happened a dozen
/// times a run. Waiting (bounded) for the pool to catch up first avoids it.
async fn timer(
    client: Arc<FullClient>,
    pool: Arc<Pool>,
    block_time: u64,
    mut engine: mpsc::Sender<EngineCommand<Hash>>,
) {
    loop {
        futures_timer::Delay::new(Duration::from_millis(block_time)).await;
        let best = client.info().best_hash;
        if ready_after_maintain(&*pool, best, CATCH_UP_TIMEOUT).await.is_none() {
            log::warn!(
                target: "rivet",
                "the pool has not processed block {best:?} after {CATCH_UP_TIMEOUT:?}"
            );
        }
        // One block at a time, each sealed before the next tick is counted: ticks that
        // queued up behind a slow block would seal on a stale parent.
        match seal(&mut engine, best, true).await {
            Some(Ok(_)) => {}
            Some(Err(e)) => log::warn!(target: "rivet", "manual seal: {e}"),
            None => break,
        }
    }
}
