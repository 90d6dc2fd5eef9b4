#!/usr/bin/env bash
# Runs every test of the project: set-up first, then the whole workspace (this builds
# the RV32EM guest programs the tests need).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
cargo test --workspace --locked "$@"
