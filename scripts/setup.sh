#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: the system packages and the Rust toolchain
# that rust-toolchain.toml names (with rust-src for building RV32EM guests). Each step
# is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v cc >/dev/null 2>&1 || apt_packages+=(gcc libc6-dev)
# libFuzzer, in the fuzz targets the test command runs, is C++.
command -v c++ >/dev/null 2>&1 || apt_packages+=(g++)
command -v git >/dev/null 2>&1 || apt_packages+=(git)
# The dev node's networking crates (litep2p) compile protobuf definitions.
command -v protoc >/dev/null 2>&1 || apt_packages+=(protobuf-compiler)
# The JavaScript end-to-end tests (e2e/: polkadot.js against the dev node).
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
if ((${#apt_packages[@]})); then
    echo "setup: installing ${apt_packages[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${apt_packages[@]}"
fi

if ! command -v rustup >/dev/null 2>&1; then
    echo "setup: rustup is required (https://rustup.rs); it is not installable from here" >&2
    exit 1
fi
# Installs the pinned toolchain, its components (rust-src, ...) and targets, or does
# nothing when they are present. Auto-install is off on these machines, so this is
# what makes `cargo` in this directory work at all.
rustup toolchain install >/dev/null 2>&1 || rustup toolchain install
rustup component add rust-src >/dev/null 2>&1

# The end-to-end tests' npm packages, exactly as e2e/package-lock.json pins them;
# reinstalled only when the lock file changed.
if [ ! -f e2e/node_modules/.package-lock.json ] ||
    [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    echo "setup: installing e2e/'s npm packages" >&2
    npm ci --prefix e2e --no-audit --no-fund --loglevel=error
fi
