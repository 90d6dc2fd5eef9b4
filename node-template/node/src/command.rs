//! Runs the command line.

use sc_cli::SubstrateCli;

use crate::cli::{Cli, Subcommand};
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
        None => {
            let runner = cli.create_runner(&cli.run)?;
            let (consensus, engine) = (cli.consensus, cli.rivet_engine);
            runner.run_node_until_exit(|config| async move {
                service::new_full::<sc_network::Litep2pNetworkBackend>(config, consensus, engine)
                    .map_err(sc_cli::Error::Service)
            })
        }
    }
}
