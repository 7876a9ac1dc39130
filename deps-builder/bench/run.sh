#!/usr/bin/env bash
# Compares `appbundle build-deps` (rolldown, in process, release build) with esbuild (npm) on the
# same category entries in the same run: per category, time ratio and gzip size ratio.
#   usage: deps-builder/bench/run.sh [esbuild runs per category, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# A fresh output folder: every category is built, none reused.
"$CARGO_TARGET_DIR/release/appbundle" build-deps --out "$out" --report "$out/report.json" >/dev/null 2>&1
(cd deps-builder/bench && npm ci --ignore-scripts --no-audit --no-fund --silent)
node deps-builder/bench/esbuild-compare.mjs "$out/report.json" "${1:-3}"
