#!/usr/bin/env bash
# The main job: builds the example guest program for RV32EM with `rivet build`,
# shows what is in the blob and runs its exports on the recompiler and the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
cargo build --locked --release -p rivet-cli
rivet="$CARGO_TARGET_DIR/release/rivet"
out="$CARGO_TARGET_DIR/rivet-demo"
"$rivet" build executor/guests/bench-guest --output "$out"
"$rivet" inspect "$out/bench-guest.rvt"
"$rivet" run "$out/bench-guest.rvt" prime_sieve 100000
# The same call on both engines: same result, same gas.
"$rivet" run "$out/bench-guest.rvt" emulator 100000 --engine recompiler
"$rivet" run "$out/bench-guest.rvt" emulator 100000 --engine interpreter
# A contract written against the host-call interface, run against the in-memory mock
# host: increment the counter by 3 (input: selector 1, then 3 as u32 little-endian).
"$rivet" build executor/guests/raw-contract --output "$out"
"$rivet" run "$out/raw-contract.rvt" call --input 0103000000
# An ink! contract (ink!'s flipper, `ink` pointed at Rivet's SDK): blob + metadata, then
# its constructor `new(true)` (selector 0x9bae9d5e) on the mock host.
"$rivet" build contracts/upstream/ink-5.1.1/public/flipper --output "$out"
"$rivet" run "$out/flipper.rvt" deploy --input 9bae9d5e01
