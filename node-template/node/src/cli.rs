//! Command line: the standard Substrate node commands, how blocks are sealed, and which
//! engine runs contracts in the client.

use rivet_executor::EngineKind;

/// How blocks are made.
#[derive(Debug, Clone, Copy)]
pub enum Consensus {
    /// A block as soon as a transaction arrives.
    InstantSeal,
    /// A block every so many milliseconds.
    ManualSeal(u64),
}

impl std::str::FromStr for Consensus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "instant-seal" {
            return Ok(Consensus::InstantSeal);
        }
        match s.strip_prefix("manual-seal-").map(str::parse) {
            Some(Ok(ms)) => Ok(Consensus::ManualSeal(ms)),
            _ => Err(format!("`{s}`: expected instant-seal or manual-seal-<milliseconds>")),
        }
    }
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
    /// A subcommand; without one, the node runs.
    #[command(subcommand)]
    pub subcommand: Option<Subcommand>,

    /// How blocks are sealed: `instant-seal` or `manual-seal-<ms>`.
    #[arg(long, default_value = "instant-seal")]
    pub consensus: Consensus,

    /// The engine that runs contracts in this node: `auto` (the recompiler where it
    /// runs, else the interpreter), `recompiler` or `interpreter`. Every choice gives
    /// the same results and gas. Also what `benchmark pallet` measures `Native` on.
    #[arg(long, default_value = "auto", global = true)]
    pub rivet_engine: EngineKind,

    /// The standard node options (`--dev`, `--rpc-port`, `--base-path`, …).
    #[clap(flatten)]
    pub run: sc_cli::RunCmd,
}

/// Subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Key management.
    #[command(subcommand)]
    Key(sc_cli::KeySubcommand),
    /// Export the chain specification.
    ExportChainSpec(sc_cli::ExportChainSpecCmd),
    /// Remove the whole chain.
    PurgeChain(sc_cli::PurgeChainCmd),
    /// FRAME's benchmarks: `pallet` (the runtime's, in Wasm, contracts on
    /// `--rivet-engine`), `storage` (this database's read and write weights), `machine`.
    #[cfg(feature = "runtime-benchmarks")]
    #[command(subcommand)]
    Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
