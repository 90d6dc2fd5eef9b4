//! `rivet`: build guest programs for Rivet's RV32EM VM, link, inspect and run them; deploy
//! and call contracts on a node.

mod build;
mod chain;
mod inspect;
mod run;
mod style;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build, inspect and run RISC-V (RV32EM) programs for Rivet.
#[derive(Parser)]
#[command(name = "rivet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a guest crate for RV32EM and link each binary to a program blob.
    Build(build::BuildArgs),
    /// Link an RV32E ELF (built with --emit-relocs) to a program blob.
    Link {
        /// The ELF file.
        elf: PathBuf,
        /// Where to write the blob (default: the ELF's path with extension `.rvt`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Stack size in bytes.
        #[arg(long, default_value_t = 64 * 1024)]
        stack_size: u32,
    },
    /// Show a blob's (or ELF's) sizes, memory layout, exports, imports and disassembly.
    Inspect(inspect::InspectArgs),
    /// Run an export of a blob (or ELF) with a debug host (`--engine` chooses the VM).
    Run(run::RunArgs),
    /// Upload a contract's code to a chain.
    Upload(chain::UploadArgs),
    /// Deploy a contract (uploading its code if the chain lacks it) by a constructor.
    Instantiate(chain::InstantiateArgs),
    /// Call a contract's message: submit an extrinsic, or `--dry-run` it.
    Call(chain::CallArgs),
    /// Remove code that no contract uses, releasing its deposit.
    Remove(chain::RemoveArgs),
    /// Print a message's or constructor's call data (selector and SCALE-encoded arguments).
    Encode(chain::EncodeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::build(&args),
        Command::Link { elf, output, stack_size } => {
            build::link_file(&elf, output, stack_size).map(|(_, contract)| {
                // The metadata needs the contract's types, which only a native build of
                // its source gives.
                if let Some(name) = contract {
                    eprintln!(
                        "note: `{}` is a contract: `rivet build <its crate>` writes its \
                         metadata and .contract bundle",
                        String::from_utf8_lossy(&name)
                    );
                }
            })
        }
        Command::Inspect(args) => inspect::inspect(&args),
        Command::Run(args) => match run::run(&args) {
            Ok(status) => return status,
            Err(e) => Err(e),
        },
        Command::Upload(args) => chain::run(&args.submit.chain, chain::upload(&args)),
        Command::Instantiate(args) => {
            chain::run(&args.exec.submit.chain, chain::instantiate(&args))
        }
        Command::Call(args) => chain::run(&args.exec.submit.chain, chain::call(&args)),
        Command::Remove(args) => chain::run(&args.chain, chain::remove(&args)),
        Command::Encode(args) => chain::encode(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{} {e}", style::error("error:"));
            ExitCode::FAILURE
        }
    }
}
