#!/usr/bin/env bash
# Measures the dev runtime's weights on this machine, through the node, and writes them:
#   node-template/runtime/src/db_weights.rs   ParityDB's read and write weights
#                                              (`rivet-node benchmark storage`)
#   pallet-riscv-contracts/src/weights.rs      the pallet's benchmarks in the Wasm
#                                              runtime (`rivet-node benchmark pallet`)
# The pallet is measured with contracts on the client's interpreter, the slowest engine
# a dev node may run (ARCHITECTURE.md, "Pricing"); the VM-gas benchmarks are run on the
# recompiler too, and both tables are kept in $out for BENCHMARKS.md.
# Usage: scripts/weights.sh [steps] [repeat]   (defaults 20 and 10; takes ~30 min,
# most of it building the node with `--features runtime-benchmarks`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
steps="${1:-20}"
repeat="${2:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/node" cargo build --locked --release \
    --features runtime-benchmarks --manifest-path node-template/node/Cargo.toml
node="$CARGO_TARGET_DIR/node/release/rivet-node"
out="${RIVET_WEIGHTS_OUT:-$CARGO_TARGET_DIR/weights}"
mkdir -p "$out"
base="$(mktemp -d)"
trap 'rm -rf "$base"' EXIT

# ParityDB (the node's database) on a state of 100,000 accounts (the dev genesis has 31
# keys); writes committed 5,000 at a time, about what one full block commits.
"$node" export-chain-spec --chain dev --output "$base/dev.json"
node e2e/storage-bench-spec.mjs "$base/dev.json" "$base/bench.json" 100000
"$node" benchmark storage --chain "$base/bench.json" --base-path "$base/db" \
    --state-version 1 --batch-size 5000 \
    --template-path node-template/runtime/db-weight-template.hbs \
    --weight-path node-template/runtime/src/db_weights.rs 2>&1 | tee "$out/storage.txt"

# The pallet, in Wasm, contracts on the client's interpreter: the weights the runtime uses.
pallet() {
    local engine="$1" output="$2"
    shift 2
    "$node" benchmark pallet --rivet-engine "$engine" --chain dev \
        --pallet pallet_riscv_contracts --extrinsic "$@" \
        --steps "$steps" --repeat "$repeat" \
        --template pallet-riscv-contracts/weight-template.hbs --output "$output"
}
pallet interpreter pallet-riscv-contracts/src/weights.rs '*' 2>&1 | tee "$out/pallet-interpreter.txt"
# VM gas, code preparation and a call on the recompiler, for comparison.
pallet recompiler "$out/weights-recompiler.rs" 'vm_gas,code_load_native,call' 2>&1 \
    | tee "$out/pallet-recompiler.txt"
rustfmt --edition 2021 node-template/runtime/src/db_weights.rs pallet-riscv-contracts/src/weights.rs
echo "wrote node-template/runtime/src/db_weights.rs and pallet-riscv-contracts/src/weights.rs; tables in $out"
