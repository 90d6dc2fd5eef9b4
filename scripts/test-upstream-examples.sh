#!/usr/bin/env bash
# Checks contracts/upstream/README.md's table against ink!'s published examples: every
# `pass`, `library` and `off-chain` row compiles unchanged and passes its off-chain tests; every `missing` row fails
# to compile and every `fails upstream` row fails its tests, each with its `Check` text
# in the output. `--update-lockfiles` refreshes the workspaces' lock files instead.
set -euo pipefail
cd "$(dirname "$0")/../contracts/upstream"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rivet/target}"
# The workspaces (each with its lock file), longest path first so that a row belongs
# to the innermost one.
roots=(
    ink-5.1.1/public/upgradeable-contracts/set-code-hash-migration
    ink-5.1.1/public/upgradeable-contracts/set-code-hash
    ink-5.1.1/public/trait-dyn-cross-contract-calls
    ink-5.1.1/public/multi-contract-caller
    ink-examples-5.x/workspace-contracts
    ink-examples-5.x
    ink-5.1.1
)
if [ "${1:-}" = "--update-lockfiles" ]; then
    for root in "${roots[@]}"; do cargo metadata --format-version 1 --manifest-path "$root/Cargo.toml" >/dev/null; done
    exit 0
fi
root_of() {
    local r
    for r in "${roots[@]}"; do
        case "$1/" in "$r"/*) echo "$r"; return;; esac
    done
    echo "no workspace for $1" >&2; exit 1
}
# Rows: | path | package | status | `check` | detail |
mapfile -t rows < <(grep -E '^\| (ink-5\.1\.1|ink-examples-5\.x)/' README.md)
declare -A excludes
failures=0
checked=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for row in "${rows[@]}"; do
    IFS='|' read -r _ path package status check _ <<<"$row"
    path=$(echo $path); package=$(echo $package); status=$(echo $status)
    check=$(echo "$check" | sed -E 's/^ *`?//; s/`? *$//')
    [ -d "$path" ] || { echo "upstream: $path is in the table but not here" >&2; failures=$((failures + 1)); continue; }
    root=$(root_of "$path")
    case "$status" in
        pass | library | off-chain) ;;
        missing|"fails upstream")
            excludes[$root]+=" --exclude $package"
            if [ "$status" = missing ]; then
                cmd=(cargo test --locked --no-run --manifest-path "$root/Cargo.toml" -p "$package")
            else
                cmd=(cargo test --locked --manifest-path "$root/Cargo.toml" -p "$package")
            fi
            if "${cmd[@]}" >"$out" 2>&1; then
                echo "upstream: $path is '$status' in the table but now works: update the table" >&2
                failures=$((failures + 1))
            elif ! grep -qF -- "$check" "$out"; then
                echo "upstream: $path failed, but its output lacks '$check':" >&2
                tail -20 "$out" >&2
                failures=$((failures + 1))
            else
                echo "upstream: $path: $status, as the table says"
            fi
            checked=$((checked + 1))
            ;;
        "not run") ;; # not a member of any workspace here
        *) echo "upstream: $path has an unknown status '$status'" >&2; failures=$((failures + 1)) ;;
    esac
done
for root in "${roots[@]}"; do
    # shellcheck disable=SC2086 # the excludes are separate words
    cargo test --locked --manifest-path "$root/Cargo.toml" --workspace ${excludes[$root]:-} || failures=$((failures + 1))
done
echo "upstream: ${#rows[@]} examples in the table, $checked expected failures checked, $failures problems"
[ "$failures" -eq 0 ]
