//! Runs the command line.

use sc_cli::SubstrateCli;

use crate::cli::{Cli, Consensus, Subcommand};
use crate::{chain_spec, service};

impl SubstrateCli for Cli {
    fn impl_name() -> String {
        "Rivet Node".into()
    }
    fn impl_version() -> String {
        env!("CARGO_PKG_VERSION").into()
    }
    fn description() -> String {
        env!("CARGO_PKG_DESCRIPTION").into()
    }
    fn author() -> String {
        "Rivet".into()
    }
    fn support_url() -> String {
        "https://example.invalid/rivet/issues".into()
    }
    fn copyright_start_year() -> i32 {
        2026
    }
    fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
        Ok(match id {
            "dev" | "" => Box::new(chain_spec::development()?),
            "local" => Box::new(chain_spec::local_testnet()?),
            path => Box::new(chain_spec::ChainSpec::from_json_file(path.into())?),
        })
    }
}

/// Parses the command line and runs it.
pub fn run() -> sc_cli::Result<()> {
    let cli = Cli::from_args();
    match &cli.subcommand {
        Some(Subcommand::Key(cmd)) => cmd.run(&cli),
        Some(Subcommand::ExportChainSpec(cmd)) => {
            let spec = cli.load_spec(&cmd.chain)?;
            cmd.run(spec)
        }
        Some(Subcommand::PurgeChain(cmd)) => {
            let runner = cli.create_runner(cmd)?;
            runner.sync_run(|config| cmd.run(config.database))
        }
        #[cfg(feature = "runtime-benchmarks")]
        Some(Subcommand::Benchmark(cmd)) => benchmark(&cli, cmd),
        None => {
            let runner = cli.create_runner(&cli.run)?;
            let engine = cli.rivet_engine;
            runner.run_node_until_exit(|config| async move {
                let consensus = cli
                    .consensus
                    .unwrap_or_else(|| Consensus::of_chain(config.chain_spec.chain_type()));
                service::new_full::<sc_network::Litep2pNetworkBackend>(config, consensus, engine)
                    .map_err(sc_cli::Error::Service)
            })
        }
    }
}

/// Runs a benchmark subcommand.
#[cfg(feature = "runtime-benchmarks")]
fn benchmark(cli: &Cli, cmd: &frame_benchmarking_cli::BenchmarkCmd) -> sc_cli::Result<()> {
    use frame_benchmarking_cli::BenchmarkCmd;
    use rivet_runtime_interface::ext::{set_default, ModuleCache};
    use sp_runtime::traits::HashingFor;

    let runner = cli.create_runner(cmd)?;
    match cmd {
        // The benchmark CLI runs the runtime with its own externalities: their
        // contracts get the default VM, on the engine asked for.
        BenchmarkCmd::Pallet(cmd) => runner.sync_run(|config| {
            set_default(cli.rivet_engine, ModuleCache::new(service::MODULE_CACHE_SIZE));
            cmd.run_with_spec::<HashingFor<rivet_runtime::opaque::Block>, service::RivetHostFunctions>(
                Some(config.chain_spec),
            )
        }),
        BenchmarkCmd::Storage(cmd) => runner.sync_run(|config| {
            let parts = service::new_partial(&config, cli.rivet_engine, Consensus::InstantSeal)?;
            let db = parts.backend.expose_db();
            let storage = parts.backend.expose_storage();
            let trie_cache = parts.backend.expose_shared_trie_cache();
            cmd.run(config, parts.client, db, storage, trie_cache)
        }),
        BenchmarkCmd::Machine(cmd) => runner.sync_run(|config| {
            cmd.run(&config, frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone())
        }),
        _ => Err("rivet-node runs `benchmark pallet`, `storage` and `machine`".into()),
    }
}
