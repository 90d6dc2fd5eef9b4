//! A network's consensus: blocks produced by Aura (each validator in turn, one slot of
//! [`rivet_runtime::SLOT_DURATION`] each) and finalized by GRANDPA (a block is final once
//! more than two thirds of the validators have voted for it or a descendant).
//!
//! Substrate's own engines, wired as a solo chain wires them: blocks are imported through
//! GRANDPA's block import (which tracks authority-set changes and justifications) behind
//! Aura's import queue (which checks each block's slot and its author's seal); the
//! validators' keys are the session keys in the node's keystore (`--alice` puts Alice's
//! there, `author_rotateKeys` makes new ones).

use std::sync::Arc;
use std::time::Duration;

use rivet_runtime::opaque::Block;
use sc_client_api::BlockBackend;
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_service::error::Error as ServiceError;
use sc_service::{Configuration, TaskManager};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair};
use sp_runtime::traits::Block as BlockT;

use crate::service::{FullBackend, FullClient, FullSelectChain, Pool};

/// GRANDPA's block import: every imported block goes through it.
pub type GrandpaBlockImport =
    sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;

/// What GRANDPA's voter needs from its block import.
pub type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// A justification (the votes that finalized a block) is kept for at least every
/// this many blocks, and for every block that changes the authority set: what a node
/// syncing from scratch checks finality with.
const JUSTIFICATION_PERIOD: u32 = 512;

/// The inherent data of a block made at `timestamp`: the timestamp and the slot it lies
/// in.
fn slot_and_timestamp(
    slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
    let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
    let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
        *timestamp,
        slot_duration,
    );
    (slot, timestamp)
}

/// Aura's import queue over GRANDPA's block import, with the parts GRANDPA's voter and
/// Aura's authoring need later.
pub fn import_queue(
    config: &Configuration,
    client: &Arc<FullClient>,
    select_chain: &FullSelectChain,
    task_manager: &TaskManager,
) -> Result<(sc_consensus::DefaultImportQueue<Block>, GrandpaBlockImport, GrandpaLink), ServiceError>
{
    let (block_import, link) = sc_consensus_grandpa::block_import(
        client.clone(),
        JUSTIFICATION_PERIOD,
        client,
        select_chain.clone(),
        None,
    )?;
    let slots = client.clone();
    let queue = sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
        block_import: block_import.clone(),
        justification_import: Some(Box::new(block_import.clone())),
        client: client.clone(),
        // A block's slot and timestamp are checked against the time here and now.
        create_inherent_data_providers: move |parent, ()| {
            let slots = slots.clone();
            async move {
                let duration = sc_consensus_aura::standalone::slot_duration_at(&*slots, parent)?;
                Ok(slot_and_timestamp(duration))
            }
        },
        spawner: &task_manager.spawn_essential_handle(),
        registry: config.prometheus_registry(),
        check_for_equivocation: Default::default(),
        telemetry: None,
        compatibility_mode: Default::default(),
    })?;
    Ok((queue, block_import, link))
}

/// GRANDPA's voter, configured, before the network starts.
pub struct Grandpa {
    config: sc_consensus_grandpa::Config,
    notifications: Box<dyn sc_network::NotificationService>,
    link: GrandpaLink,
    registry: Option<prometheus_endpoint::Registry>,
}

/// Configures GRANDPA's voter, and adds its gossip protocol to the network's
/// configuration. A validator (`keystore` given) votes with its GRANDPA key; any other
/// node follows the votes.
pub fn prepare_grandpa<Network: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
    config: &Configuration,
    client: &FullClient,
    link: GrandpaLink,
    keystore: Option<sp_keystore::KeystorePtr>,
    net_config: &mut sc_network::config::FullNetworkConfiguration<
        Block,
        <Block as BlockT>::Hash,
        Network,
    >,
    metrics: sc_network::service::NotificationMetrics,
) -> Grandpa {
    let genesis = client.block_hash(0).ok().flatten().expect("the genesis block exists; qed");
    let protocol_name = sc_consensus_grandpa::protocol_standard_name(&genesis, &config.chain_spec);
    let (protocol, notifications) = sc_consensus_grandpa::grandpa_peers_set_config::<_, Network>(
        protocol_name.clone(),
        metrics,
        net_config.peer_store_handle(),
    );
    net_config.add_notification_protocol(protocol);
    let voter = sc_consensus_grandpa::Config {
        gossip_duration: Duration::from_millis(333),
        justification_generation_period: JUSTIFICATION_PERIOD,
        name: Some(config.network.node_name.clone()),
        observer_enabled: false,
        keystore,
        local_role: config.role,
        telemetry: None,
        protocol_name,
    };
    let registry = config.prometheus_registry().cloned();
    Grandpa { config: voter, notifications, link, registry }
}

/// Starts GRANDPA's voter on `task_manager`.
pub fn start_grandpa(
    task_manager: &TaskManager,
    grandpa: Grandpa,
    network: Arc<dyn sc_network::service::traits::NetworkService>,
    sync: Arc<sc_network_sync::SyncingService<Block>>,
    pool: Arc<Pool>,
) -> Result<(), ServiceError> {
    let params = sc_consensus_grandpa::GrandpaParams {
        config: grandpa.config,
        link: grandpa.link,
        network,
        sync,
        notification_service: grandpa.notifications,
        voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
        prometheus_registry: grandpa.registry,
        shared_voter_state: sc_consensus_grandpa::SharedVoterState::empty(),
        telemetry: None,
        offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(pool),
    };
    let voter = sc_consensus_grandpa::run_grandpa_voter(params)?;
    task_manager.spawn_essential_handle().spawn_blocking("grandpa-voter", None, voter);
    Ok(())
}

/// Starts Aura's authoring on `task_manager`: a block in each of this validator's slots,
/// proposed by `proposer` within two thirds of the slot.
#[allow(clippy::too_many_arguments, reason = "the parts Aura's worker is made of")]
pub fn start_aura(
    task_manager: &TaskManager,
    force_authoring: bool,
    client: Arc<FullClient>,
    select_chain: FullSelectChain,
    block_import: GrandpaBlockImport,
    proposer: sc_basic_authorship::ProposerFactory<Pool, FullClient>,
    sync: Arc<sc_network_sync::SyncingService<Block>>,
    keystore: sp_keystore::KeystorePtr,
) -> Result<(), ServiceError> {
    let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;
    log::info!("⏱  Aura: a block every {} ms, GRANDPA finalizes them", slot_duration.as_millis());
    let aura =
        sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(StartAuraParams {
            slot_duration,
            client,
            select_chain,
            block_import,
            proposer_factory: proposer,
            create_inherent_data_providers: move |_, ()| async move {
                Ok(slot_and_timestamp(slot_duration))
            },
            force_authoring,
            backoff_authoring_blocks: None::<()>,
            keystore,
            sync_oracle: sync.clone(),
            justification_sync_link: sync,
            block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
            max_block_proposal_slot_portion: None,
            telemetry: None,
            compatibility_mode: Default::default(),
        })?;
    task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
    Ok(())
}
