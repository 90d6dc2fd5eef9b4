#!/usr/bin/env bash
# Copies ink!'s example contracts into contracts/upstream/ as published, changing only
# their `ink` dependency line (pointed at Rivet's SDK) and dropping the `ink_e2e`
# dev-dependency (ink!'s end-to-end framework drives a pallet-contracts node; Rivet's
# end-to-end tests are its own). Run it again to take a newer release.
#
#   scripts/import-upstream-examples.sh <ink checkout at v5.1.1> <ink-examples checkout at v5.x.x>
set -euo pipefail
ink=${1:?usage: $0 <ink checkout> <ink-examples checkout>}
examples=${2:?usage: $0 <ink checkout> <ink-examples checkout>}
cd "$(dirname "$0")/.."
out=contracts/upstream
# Rivet's own files there (the table, the two workspace manifests, the lock files) are
# kept across a new import.
keep=$(mktemp)
trap 'rm -f "$keep"' EXIT
(cd "$out" && find . \( -name Cargo.lock -o -path ./README.md -o -path ./ink-5.1.1/Cargo.toml \
    -o -path ./ink-examples-5.x/Cargo.toml \) -print0 | tar -cf "$keep" --null -T -)
rm -rf "$out/ink-5.1.1" "$out/ink-examples-5.x"
mkdir -p "$out/ink-5.1.1" "$out/ink-examples-5.x"
cp -r "$ink/integration-tests/public" "$ink/integration-tests/internal" "$out/ink-5.1.1/"
cp "$ink/LICENSE" "$out/ink-5.1.1/LICENSE"
# From ink-examples, the contracts integration-tests does not have (the others are the
# same sources).
for name in "$examples"/*/; do
    name=$(basename "$name")
    [ -f "$examples/$name/Cargo.toml" ] || continue
    [ -d "$out/ink-5.1.1/public/$name" ] && continue
    cp -r "$examples/$name" "$out/ink-examples-5.x/$name"
done
cp "$examples/LICENSE" "$out/ink-examples-5.x/LICENSE"
sdk=$(realpath contracts/sdk/ink)
# The `ink` line (a workspace member's `ink = { workspace = true }` stays: its
# workspace's line is the one changed); its `features` are kept.
find "$out" -name Cargo.toml | while read -r manifest; do
    rel=$(realpath --relative-to="$(dirname "$manifest")" "$sdk")
    sed -i -E "/^ink = \{ *workspace = true *\}/b; \
        s|^ink = \{[^}]*(features = \[[^]]*\])[^}]*\}|ink = { package = \"rivet-ink\", path = \"$rel\", default-features = false, \1 }|; t; \
        s|^ink = \{[^}]*\}|ink = { package = \"rivet-ink\", path = \"$rel\", default-features = false }|; \
        /^ink_e2e = /d" "$manifest"
done
tar -xf "$keep" -C "$out"
echo "imported into $out; now run: scripts/test-upstream-examples.sh --update-lockfiles" >&2
