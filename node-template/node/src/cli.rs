//! Command line: the standard Substrate node commands, how blocks are made, and which
//! engine runs contracts in the client.

use rivet_executor::EngineKind;

/// How blocks are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consensus {
    /// A block as soon as a transaction arrives (this node alone makes blocks).
    InstantSeal,
    /// A block every so many milliseconds (this node alone makes blocks).
    ManualSeal(u64),
    /// Aura's slots among the chain's validators, and GRANDPA's finality.
    Aura,
}

impl Consensus {
    /// A chain's own: instant seal for a development chain, Aura and GRANDPA for any
    /// other (`local`, a chain spec from a file).
    pub fn of_chain(chain_type: sc_service::ChainType) -> Consensus {
        match chain_type {
            sc_service::ChainType::Development => Consensus::InstantSeal,
            _ => Consensus::Aura,
        }
    }
}

impl std::str::FromStr for Consensus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "instant-seal" => return Ok(Consensus::InstantSeal),
            "aura" => return Ok(Consensus::Aura),
            _ => {}
        }
        match s.strip_prefix("manual-seal-").map(str::parse) {
            Some(Ok(ms)) => Ok(Consensus::ManualSeal(ms)),
            _ => Err(format!("`{s}`: expected instant-seal, manual-seal-<milliseconds> or aura")),
        }
    }
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
    /// A subcommand; without one, the node runs.
    #[command(subcommand)]
    pub subcommand: Option<Subcommand>,

    /// How blocks are made: `instant-seal`, `manual-seal-<ms>` (this node alone seals
    /// blocks), or `aura` (the chain's validators take turns, GRANDPA finalizes). By
    /// default the chain's own: instant seal on `--dev`, Aura on `--chain local`.
    #[arg(long)]
    pub consensus: Option<Consensus>,

    /// The engine that runs contracts in this node: `auto` (the recompiler where it
    /// runs, else the interpreter), `recompiler` or `interpreter`. Every choice gives
    /// the same results and gas. Also what `benchmark pallet` measures `Native` on.
    #[arg(long, default_value = "auto", global = true)]
    pub rivet_engine: EngineKind,

    /// The standard node options (`--dev`, `--chain local`, `--alice`, `--rpc-port`,
    /// `--base-path`, `--bootnodes`, …).
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
