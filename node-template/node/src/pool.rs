//! The transaction pool as the node's RPC and network see it: a submission is validated
//! at the block the client saw.
//!
//! The fork-aware pool validates a new transaction against its *views*, one per block it
//! has processed, and ignores the block the RPC names. It builds a view for a block only
//! when its maintenance task gets to that block's import notification, which is after
//! the block is visible over RPC. With instant seal a client sees block N, signs a mortal
//! transaction with N as its birth block (polkadot.js anchors at the finalized head,
//! which instant seal moves with every block) and submits it while the pool's newest
//! view is still at N − 1: there `CheckEra` finds no hash for block N and the pool
//! refuses the transaction ("ancient birth block"), and transactions built on the
//! client's view of nonces and state are judged against an older one. [`SyncedPool`]
//! waits, before a submission, until the pool has processed the block the submission
//! names (the RPC's best block), with a bound, and otherwise passes everything through.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use futures::FutureExt;
use sc_transaction_pool_api::{
    ChainEvent, ImportNotificationStream, LocalTransactionFor, LocalTransactionPool,
    MaintainedTransactionPool, PoolStatus, ReadyTransactions, TransactionFor, TransactionPool,
    TransactionSource, TransactionStatusStreamFor, TxHash, TxInvalidityReportMap,
};
use sp_core::traits::SpawnEssentialNamed;
use sp_runtime::traits::Block as BlockT;

/// How long a submission waits for the pool to process the block it names before it is
/// validated anyway (a block the pool never builds a view for, on a fork, say). Long,
/// because validating early is what loses transactions: under CPU starvation the pool's
/// maintenance lags the chain by seconds, and a mortal transaction validated in a view
/// that does not know its birth block is refused as "ancient" — which a
/// `transaction_v1_broadcast` submission drops silently, leaving the sender's later
/// nonces stuck behind the gap. A submission only waits this long when the pool is that
/// far behind.
pub const CATCH_UP_TIMEOUT: Duration = Duration::from_secs(30);

/// The ready transactions of a pool.
pub type ReadyIterator<P> =
    Box<dyn ReadyTransactions<Item = Arc<<P as TransactionPool>::InPoolTransaction>> + Send>;

/// The ready transactions at `at` once the pool has processed that block, or `None` if
/// it has not within `timeout`.
pub async fn ready_after_maintain<P: TransactionPool + ?Sized>(
    pool: &P,
    at: <P::Block as BlockT>::Hash,
    timeout: Duration,
) -> Option<ReadyIterator<P>> {
    futures::select! {
        ready = pool.ready_at(at).fuse() => Some(ready),
        () = futures_timer::Delay::new(timeout).fuse() => None,
    }
}

/// A pool whose submissions wait until it has caught up with the block they name.
pub struct SyncedPool<P> {
    inner: Arc<P>,
}

impl<P: TransactionPool> SyncedPool<P> {
    /// Wraps `inner`.
    pub fn new(inner: Arc<P>) -> Self {
        SyncedPool { inner }
    }

    async fn catch_up(&self, at: <P::Block as BlockT>::Hash) {
        if ready_after_maintain(&*self.inner, at, CATCH_UP_TIMEOUT).await.is_none() {
            log::warn!(
                target: "rivet",
                "the transaction pool has not processed {at:?} after {CATCH_UP_TIMEOUT:?}; \
                 validating a submission anyway (a mortal one may be refused)"
            );
        }
    }
}

/// Transactions the node makes itself (GRANDPA's equivocation reports, say) go straight
/// to the pool: they are made at a block the pool has processed.
impl<P: LocalTransactionPool> LocalTransactionPool for SyncedPool<P> {
    type Block = P::Block;
    type Hash = P::Hash;
    type Error = P::Error;

    fn submit_local(
        &self,
        at: <Self::Block as BlockT>::Hash,
        xt: LocalTransactionFor<Self>,
    ) -> Result<Self::Hash, Self::Error> {
        self.inner.submit_local(at, xt)
    }
}

#[async_trait::async_trait]
impl<P: TransactionPool> TransactionPool for SyncedPool<P> {
    type Block = P::Block;
    type Hash = P::Hash;
    type InPoolTransaction = P::InPoolTransaction;
    type Error = P::Error;

    async fn submit_at(
        &self,
        at: <Self::Block as BlockT>::Hash,
        source: TransactionSource,
        xts: Vec<TransactionFor<Self>>,
    ) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
        self.catch_up(at).await;
        self.inner.submit_at(at, source, xts).await
    }

    async fn submit_one(
        &self,
        at: <Self::Block as BlockT>::Hash,
        source: TransactionSource,
        xt: TransactionFor<Self>,
    ) -> Result<TxHash<Self>, Self::Error> {
        self.catch_up(at).await;
        self.inner.submit_one(at, source, xt).await
    }

    async fn submit_and_watch(
        &self,
        at: <Self::Block as BlockT>::Hash,
        source: TransactionSource,
        xt: TransactionFor<Self>,
    ) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
        self.catch_up(at).await;
        self.inner.submit_and_watch(at, source, xt).await
    }

    async fn ready_at(&self, at: <Self::Block as BlockT>::Hash) -> ReadyIterator<Self> {
        self.inner.ready_at(at).await
    }

    fn ready(&self) -> ReadyIterator<Self> {
        self.inner.ready()
    }

    async fn report_invalid(
        &self,
        at: Option<<Self::Block as BlockT>::Hash>,
        invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
    ) -> Vec<Arc<Self::InPoolTransaction>> {
        self.inner.report_invalid(at, invalid_tx_errors).await
    }

    fn futures(&self) -> Vec<Self::InPoolTransaction> {
        self.inner.futures()
    }

    fn status(&self) -> PoolStatus {
        self.inner.status()
    }

    fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
        self.inner.import_notification_stream()
    }

    fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
        self.inner.on_broadcasted(propagations)
    }

    fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
        self.inner.hash_of(xt)
    }

    fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
        self.inner.ready_transaction(hash)
    }

    async fn ready_at_with_timeout(
        &self,
        at: <Self::Block as BlockT>::Hash,
        timeout: Duration,
    ) -> ReadyIterator<Self> {
        self.inner.ready_at_with_timeout(at, timeout).await
    }
}

#[async_trait::async_trait]
impl<P: MaintainedTransactionPool> MaintainedTransactionPool for SyncedPool<P> {
    async fn maintain(&self, event: ChainEvent<Self::Block>) {
        self.inner.maintain(event).await
    }
}

/// Spawns the pool's background tasks as essential tasks (a panic in one stops the
/// node), except that a task which ends by itself waits to be stopped with the rest.
///
/// The pool's tasks end by themselves only when their channels close, that is when the
/// pool is dropped as the node shuts down. An essential task that ends is reported as
/// "Essential task `txpool-background` failed. Shutting down service." even then (its
/// blocking worker cannot notice the stop signal first), so every clean stop of the node
/// logged an error. With this spawner a clean stop logs nothing of the sort, and a
/// panicking task still takes the node down.
#[derive(Clone)]
pub struct PoolTasks(pub sc_service::SpawnEssentialTaskHandle);

impl PoolTasks {
    fn until_panic(task: BoxFuture<'static, ()>) -> BoxFuture<'static, ()> {
        async move {
            if std::panic::AssertUnwindSafe(task).catch_unwind().await.is_ok() {
                futures::future::pending::<()>().await;
            }
        }
        .boxed()
    }
}

impl SpawnEssentialNamed for PoolTasks {
    fn spawn_essential_blocking(
        &self,
        name: &'static str,
        group: Option<&'static str>,
        task: BoxFuture<'static, ()>,
    ) {
        self.0.spawn_essential_blocking(name, group, Self::until_panic(task))
    }

    fn spawn_essential(
        &self,
        name: &'static str,
        group: Option<&'static str>,
        task: BoxFuture<'static, ()>,
    ) {
        self.0.spawn_essential(name, group, Self::until_panic(task))
    }
}
