#!/usr/bin/env bash
# Runs every test of the project: set-up first, then the whole workspace (this builds
# the RV32EM guest programs the tests need).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
# Tests find their fixtures through `env!("CARGO_MANIFEST_DIR")`, which cargo bakes in
# without rebuilding when the same sources are built from another checkout (CI's clone
# vs a working tree sharing this target dir). When the checkout moved, touch the files
# that use it so those crates are rebuilt here.
mkdir -p "$CARGO_TARGET_DIR"
marker="$CARGO_TARGET_DIR/.rivet-checkout"
if [ "$(cat "$marker" 2>/dev/null)" != "$PWD" ]; then
    git ls-files -z '*.rs' | xargs -0 grep -l 'env!("CARGO_MANIFEST_DIR")' | xargs -r touch
    echo "$PWD" > "$marker"
fi
# The VM core must build without std for the Wasm runtime (the runtime itself, with the
# pallet and the runtime interface, is built to Wasm by rivet-runtime's tests).
cargo build --locked -p rivet-executor --no-default-features --target wasm32-unknown-unknown
# Formatting and lints are part of the tests: a diff or a warning fails the run. Two
# workspaces: the host side here, the contract side (SDK, guest runtime, Rivet's example
# contracts) in contracts/. ink!'s published examples (contracts/upstream/) are kept as
# published: neither formatted nor linted here.
cargo fmt --all --check
cargo fmt --manifest-path contracts/Cargo.toml --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --manifest-path contracts/Cargo.toml --workspace --all-targets -- -D warnings
cargo clippy --locked -p pallet-riscv-contracts --features runtime-benchmarks --all-targets -- -D warnings
# The dev node (its own workspace, and its own target directory: sharing the root
# workspace's made builds fail on two copies of the same sp-runtime). The end-to-end
# tests in cli/tests/chain.rs start it.
cargo fmt --manifest-path node-template/node/Cargo.toml --all --check
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/node" cargo clippy --locked \
    --manifest-path node-template/node/Cargo.toml --all-targets -- -D warnings
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/node" cargo build --locked \
    --manifest-path node-template/node/Cargo.toml
export RIVET_NODE="$CARGO_TARGET_DIR/node/debug/rivet-node"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Everything in the root workspace, the end-to-end tests against dev nodes included.
cargo test --workspace --locked "$@" 2>&1 | tee "$log"
# The fuzz targets (their own workspace; stable toolchain, no coverage instrumentation)
# run once over their committed seeds, so that they cannot rot: the differential target
# over a minimised corpus of its campaigns (every input through both engines in
# lockstep), the validator over valid blobs, the linker over real ELFs, the runtime's
# SCALE decoding over valid extrinsics and runtime-API arguments, random host calls
# through the pallet over inputs of a campaign. Campaigns: FUZZING.md.
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" cargo build --locked --release \
    --manifest-path executor/fuzz/Cargo.toml
for target in differential validate link; do
    "$CARGO_TARGET_DIR/fuzz/release/$target" -runs=0 -artifact_prefix="$CARGO_TARGET_DIR/fuzz/" \
        "executor/fuzz/seeds/$target" 2>&1 |
        grep -E '^Done|ERROR|panicked' | sed "s/^/fuzz $target: /"
done
# The runtime's decoding, and random host calls through the pallet on every engine (a
# root workspace member: it shares the runtime and pallet builds).
cargo build --locked -p rivet-pallet-fuzz --bins
for target in decode host_calls; do
    "$CARGO_TARGET_DIR/debug/$target" -runs=0 -artifact_prefix="$CARGO_TARGET_DIR/fuzz/" \
        "pallet-riscv-contracts/fuzz/seeds/$target" 2>&1 |
        grep -E '^Done|ERROR|panicked' | sed "s/^/fuzz $target: /"
done
# The pallet's benchmarks, each run once with its checks (scripts/weights.sh measures
# them in the Wasm runtime through the node).
cargo test --locked -p pallet-riscv-contracts --features runtime-benchmarks "$@" 2>&1 | tee -a "$log"
# The contracts workspace: the SDK's unit and compile-fail tests and Rivet's example
# contracts' off-chain #[ink::test] tests (the on-chain builds are exercised by
# sdk/mock-host's tests and the pallet's).
cargo test --manifest-path contracts/Cargo.toml --locked "$@" 2>&1 | tee -a "$log"
# ink!'s published examples against contracts/upstream/README.md's table: each compiles
# unchanged and passes its off-chain tests, or fails as its row says.
scripts/test-upstream-examples.sh 2>&1 | tee -a "$log"
# polkadot.js (from npm) against a dev node: addresses, fees, a fast client's
# transactions, a clean stop; and @polkadot/api-contract deploying and calling ink!'s
# flipper and erc20 from the `.contract` bundles `rivet build` writes.
export RIVET="$CARGO_TARGET_DIR/debug/rivet"
(cd e2e && node --test --test-reporter=tap) 2>&1 | tee -a "$log"
# One closing line for the whole run (cargo prints one per test binary, and the last
# of those is often a binary without tests).
awk '/^test result:/ { p += $4; f += $6 } /^# pass [0-9]+$/ { p += $3 } /^# fail [0-9]+$/ { f += $3 } END { printf "%d passed, %d failed\n", p, f; if (p == 0) exit 1 }' "$log"
