#!/usr/bin/env bash
# Runs every test of the project: set-up first, then the whole workspace (this builds
# the RV32EM guest programs the tests need).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
# The VM core must build without std for the Wasm runtime.
cargo build --locked -p rivet-executor --no-default-features --target wasm32-unknown-unknown
cargo test --workspace --locked "$@"
