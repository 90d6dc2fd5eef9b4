#!/usr/bin/env bash
# The main job: set-up, then build and start Rivet's dev node (`rivet-node --dev`:
# instant seal, the dev accounts funded, JSON-RPC on ws://127.0.0.1:9944) and build the
# `rivet` command that deploys and calls contracts on it. Extra arguments go to the
# node (`scripts/dev-node.sh --rivet-engine interpreter`, `--consensus manual-seal-3000`).
# Both are built in the profile the test command uses, so after a test run nothing is
# rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/node" cargo build --locked \
    --manifest-path node-template/node/Cargo.toml
cargo build --locked -p rivet-cli
cat >&2 <<TEXT

  The dev node is starting; JSON-RPC on ws://127.0.0.1:9944 once it logs
  "Running JSON-RPC server". In another terminal:

    alias rivet=$CARGO_TARGET_DIR/debug/rivet
    rivet build contracts/upstream/ink-5.1.1/public/flipper --output /tmp/rivet
    rivet instantiate /tmp/rivet/flipper.rvt --args false
    rivet call /tmp/rivet/flipper.rvt --contract <the address it printed> --message flip

  (README.md, "Deploy and call a contract", walks through it.) Ctrl-C stops the node;
  its chain lives in a temporary directory and goes with it.

TEXT
exec "$CARGO_TARGET_DIR/node/debug/rivet-node" --dev "$@"
