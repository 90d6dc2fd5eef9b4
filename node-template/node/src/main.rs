//! `rivet-node`: Rivet's node. A Substrate node (ParityDB, JSON-RPC; instant or manual
//! seal on a dev chain, Aura and GRANDPA on a network of validators) running
//! `rivet-runtime`, with Rivet's VM registered as host functions and an externalities
//! extension, so contracts run on the client's recompiler (`--rivet-engine` chooses).
#![allow(
    clippy::result_large_err,
    reason = "the node passes on sc-cli's and sc-service's error types, which are large"
)]

mod aura;
mod chain_spec;
mod cli;
mod command;
mod pool;
mod rpc;
mod seal;
mod service;

fn main() -> sc_cli::Result<()> {
    command::run()
}
