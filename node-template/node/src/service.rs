//! The node's service: client (ParityDB, the runtime in Wasm with Rivet's host
//! functions), Rivet's VM extension for every runtime call, transaction pool, network,
//! RPC, and consensus: instant or manual seal on a dev chain (`seal.rs`), Aura and
//! GRANDPA on a network (`aura.rs`).

use std::sync::Arc;

use rivet_executor::EngineKind;
use rivet_runtime::opaque::Block;
use rivet_runtime::RuntimeApi;
use rivet_runtime_interface::ext::{ModuleCache, RivetVmExt};
use sc_client_api::execution_extensions::ExtensionsFactory;
use sc_client_api::ExecutorProvider;
use sc_executor::WasmExecutor;
use sc_service::error::Error as ServiceError;
use sc_service::{Configuration, TaskManager};
use sp_runtime::traits::{Block as BlockT, NumberFor};

use crate::cli::Consensus;

/// Rivet's host functions, the ones a runtime needs beyond Substrate's.
pub type RivetHostFunctions = rivet_runtime_interface::rivet_vm::HostFunctions;

/// The host functions the runtime may call: Substrate's and Rivet's VM.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = (sp_io::SubstrateHostFunctions, RivetHostFunctions);

/// The host functions the runtime may call: Substrate's, Rivet's VM, and the
/// benchmarks' (a runtime built with `runtime-benchmarks` imports them).
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions = (
    sp_io::SubstrateHostFunctions,
    RivetHostFunctions,
    frame_benchmarking::benchmarking::HostFunctions,
);

/// The client.
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, WasmExecutor<HostFunctions>>;
/// The client's database.
pub type FullBackend = sc_service::TFullBackend<Block>;
/// The best chain: the longest.
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;

/// The transaction pool that the node's RPC, network and authoring use.
pub type Pool =
    crate::pool::SyncedPool<sc_transaction_pool::TransactionPoolHandle<Block, FullClient>>;

/// Compiled contract modules kept across runtime calls (a cache hit never changes what
/// is charged).
pub const MODULE_CACHE_SIZE: usize = 256;

/// Gives every runtime call (block import, authoring, RPC dry runs) a fresh
/// [`RivetVmExt`] on the chosen engine, sharing one module cache.
struct RivetVm {
    engine: EngineKind,
    cache: ModuleCache,
}

impl<B: BlockT> ExtensionsFactory<B> for RivetVm {
    fn extensions_for(
        &self,
        _hash: B::Hash,
        _number: NumberFor<B>,
    ) -> sp_externalities::Extensions {
        let mut extensions = sp_externalities::Extensions::new();
        extensions.register(RivetVmExt::new(self.engine, self.cache.clone()));
        extensions
    }
}

/// The parts of a node.
pub type Service = sc_service::PartialComponents<
    FullClient,
    FullBackend,
    FullSelectChain,
    sc_consensus::DefaultImportQueue<Block>,
    sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
    Option<(crate::aura::GrandpaBlockImport, crate::aura::GrandpaLink)>,
>;

/// Client, backend, pool and import queue (for Aura, with GRANDPA's block import and
/// link).
pub fn new_partial(
    config: &Configuration,
    engine: EngineKind,
    consensus: Consensus,
) -> Result<Service, ServiceError> {
    let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
    let (client, backend, keystore_container, task_manager) =
        sc_service::new_full_parts::<Block, RuntimeApi, _>(config, None, executor, Vec::new())?;
    let client = Arc::new(client);
    client
        .execution_extensions()
        .set_extensions_factory(RivetVm { engine, cache: ModuleCache::new(MODULE_CACHE_SIZE) });
    let select_chain = sc_consensus::LongestChain::new(backend.clone());
    let transaction_pool = Arc::from(
        sc_transaction_pool::Builder::new(
            crate::pool::PoolTasks(task_manager.spawn_essential_handle()),
            client.clone(),
            config.role.is_authority().into(),
        )
        .with_options(config.transaction_pool.clone())
        .with_prometheus(config.prometheus_registry())
        .build(),
    );
    let (import_queue, grandpa) = if let Consensus::Aura = consensus {
        let (queue, block_import, link) =
            crate::aura::import_queue(config, &client, &select_chain, &task_manager)?;
        (queue, Some((block_import, link)))
    } else {
        let queue = sc_consensus_manual_seal::import_queue(
            Box::new(client.clone()),
            &task_manager.spawn_essential_handle(),
            config.prometheus_registry(),
        );
        (queue, None)
    };
    Ok(sc_service::PartialComponents {
        client,
        backend,
        task_manager,
        import_queue,
        keystore_container,
        select_chain,
        transaction_pool,
        other: grandpa,
    })
}

/// A full node.
pub fn new_full<Network: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
    config: Configuration,
    consensus: Consensus,
    engine: EngineKind,
) -> Result<TaskManager, ServiceError> {
    let sc_service::PartialComponents {
        client,
        backend,
        mut task_manager,
        import_queue,
        keystore_container,
        select_chain,
        transaction_pool,
        other: grandpa,
    } = new_partial(&config, engine, consensus)?;
    // Submissions (RPC, network) are validated at the block the client saw.
    let transaction_pool = Arc::new(Pool::new(transaction_pool));
    log::info!("🧩 Contracts run on the client's VM: engine {engine:?} (--rivet-engine)");

    let mut net_config = sc_network::config::FullNetworkConfiguration::<
        Block,
        <Block as BlockT>::Hash,
        Network,
    >::new(
        &config.network,
        config.prometheus_config.as_ref().map(|cfg| cfg.registry.clone()),
    );
    let metrics = Network::register_notification_metrics(
        config.prometheus_config.as_ref().map(|cfg| &cfg.registry),
    );
    let is_authority = config.role.is_authority();
    let keystore = keystore_container.keystore();
    // Aura's block import and GRANDPA's voter, on a network (`None`: sealed blocks).
    let aura = grandpa.map(|(block_import, link)| {
        // Every node runs GRANDPA: validators vote, the others follow the votes.
        let voter_keys = is_authority.then(|| keystore.clone());
        let grandpa = crate::aura::prepare_grandpa(
            &config,
            &client,
            link,
            voter_keys,
            &mut net_config,
            metrics.clone(),
        );
        (block_import, grandpa)
    });
    let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
        sc_service::build_network(sc_service::BuildNetworkParams {
            config: &config,
            net_config,
            client: client.clone(),
            transaction_pool: transaction_pool.clone(),
            spawn_handle: task_manager.spawn_handle(),
            spawn_essential_handle: task_manager.spawn_essential_handle(),
            import_queue,
            block_announce_validator_builder: None,
            warp_sync_config: None,
            block_relay: None,
            metrics,
            gap_sync_body_policy: None,
        })?;

    let rpc_builder = {
        let client = client.clone();
        let pool = transaction_pool.clone();
        Box::new(move |_| {
            let deps = crate::rpc::FullDeps { client: client.clone(), pool: pool.clone() };
            crate::rpc::create_full(deps).map_err(Into::into)
        })
    };
    let prometheus_registry = config.prometheus_registry().cloned();
    let force_authoring = config.force_authoring;
    sc_service::spawn_tasks(sc_service::SpawnTasksParams {
        network: network.clone(),
        client: client.clone(),
        keystore: keystore.clone(),
        task_manager: &mut task_manager,
        transaction_pool: transaction_pool.clone(),
        rpc_builder,
        backend,
        system_rpc_tx,
        tx_handler_controller,
        sync_service: sync_service.clone(),
        config,
        telemetry: None,
        tracing_execute_block: None,
    })?;
    let proposer = is_authority.then(|| {
        sc_basic_authorship::ProposerFactory::new(
            task_manager.spawn_handle(),
            client.clone(),
            transaction_pool.clone(),
            prometheus_registry.as_ref(),
            None,
        )
    });
    match aura {
        Some((block_import, grandpa)) => {
            if let Some(proposer) = proposer {
                crate::aura::start_aura(
                    &task_manager,
                    force_authoring,
                    client.clone(),
                    select_chain,
                    block_import,
                    proposer,
                    sync_service.clone(),
                    keystore,
                )?;
            }
            crate::aura::start_grandpa(
                &task_manager,
                grandpa,
                network,
                sync_service,
                transaction_pool,
            )?;
        }
        // A syncing node (another engine, say) of a dev chain only imports.
        None => {
            if let Some(proposer) = proposer {
                let block_time = match consensus {
                    Consensus::ManualSeal(ms) => Some(ms),
                    _ => None,
                };
                crate::seal::start(
                    &task_manager,
                    block_time,
                    client,
                    transaction_pool,
                    select_chain,
                    proposer,
                );
            }
        }
    }
    Ok(task_manager)
}
