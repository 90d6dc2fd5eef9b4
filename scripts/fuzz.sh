#!/usr/bin/env bash
# Runs a fuzzing campaign: scripts/fuzz.sh [TARGET] [SECONDS] (default: differential for
# 3600 s), niced so that it can run beside a build, on its own target directory. Installs
# the nightly toolchain and cargo-fuzz first if they are missing. At the end it prints
# the row to add to FUZZING.md's campaign table (fill in the wall time's circumstances).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-differential}"
seconds="${2:-3600}"
# Which fuzz crate holds the target: the VM's (its own workspace), or the runtime's
# types' (a member of the root workspace).
case "$target" in
    differential | validate | link) crate=executor/fuzz ;;
    decode | host_calls) crate=pallet-riscv-contracts/fuzz ;;
    *)
        echo "unknown target '$target' (differential, validate, link, decode, host_calls)" >&2
        exit 2
        ;;
esac
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}/fuzz-campaigns"
# The runtime's types are all the pallet's targets need: not its Wasm build.
export SKIP_WASM_BUILD=1
commit="$(git rev-parse --short HEAD)"
started="$(date -u '+%Y-%m-%d %H:%M')"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The working corpus starts from the committed seeds and grows in the crate's corpus/.
mkdir -p "$crate/corpus/$target"
cd "$crate"
set +e
nice -n 19 cargo +nightly fuzz run -s none "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 2>&1 | tee "$log" |
    grep -a --line-buffered -E '^#[0-9]+ +pulse|^Done|ERROR|panicked'
status=${PIPESTATUS[0]}
set -e
last="$(grep -aE '^#[0-9]+' "$log" | tail -1)"
runs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")"
cov="$(sed -E 's/.* cov: ([0-9]+) ft: ([0-9]+).*/\1 \/ \2/' <<<"$last")"
corpus="$(sed -E 's/.* corp: ([0-9]+)\/([0-9A-Za-z]+).*/\1 inputs, \2/' <<<"$last")"
findings="none"
if grep -aqE 'ERROR|panicked' "$log"; then
    findings="see $crate/artifacts/$target"
fi
echo
echo "| $started | \`$target\` | $commit | \`scripts/fuzz.sh $target $seconds\` | $runs | ${seconds} s | $corpus | $cov | $findings |"
exit "$status"
