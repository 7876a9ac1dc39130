#!/usr/bin/env bash
# `POST /bundle` against its peers, side by side on this machine: appbundle (release, rate
# limit off), the seed's design on esbuild 0.28.2 in Node, and on Bun 1.4.5's bundler (both in
# api/bench/peers, same JSON contract). examples/bundle_bench.rs sends unique bodies, three
# apps, concurrency 1 and 16, the targets alternating within each round.
#   usage: api/bench/bundle-peers.sh [requests per run] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle --example bundle_bench
npm ci --prefix api/bench/peers --no-audit --no-fund --loglevel=error
bin="$CARGO_TARGET_DIR/release"
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null || true' EXIT
"$bin/appbundle" serve --bind 127.0.0.1:18100 --rate-limit 0 >/tmp/appbundle-bench-serve.log 2>&1 &
pids+=($!)
(cd api/bench/peers && exec node esbuild-server.mjs 18101) >/dev/null &
pids+=($!)
(cd api/bench/peers && exec node_modules/@oven/bun-linux-x64/bin/bun bun-server.js 18102) >/dev/null &
pids+=($!)
for _ in $(seq 1 600); do curl -sf http://127.0.0.1:18100/readyz >/dev/null && break; sleep 0.5; done
sleep 1
"$bin/examples/bundle_bench" "${1:-300}" "${2:-3}" \
  appbundle=http://127.0.0.1:18100 esbuild=http://127.0.0.1:18101 bun=http://127.0.0.1:18102
