#!/usr/bin/env bash
# Memory against the cache bound: the release server with its default --cache-bytes (256 MiB),
# 10 000 unique 302-line bundles at concurrency 16 (examples/bundle_bench.rs), the server's
# RSS (VmRSS, VmHWM) before, after, and 10 s and 30 s after the run.
#   usage: api/bench/memory.sh [bundles]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle --example bundle_bench
bin="$CARGO_TARGET_DIR/release"
port=18110
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-memory-server.log
echo "server at start:        $(rss)"
BENCH_APP=inventory BENCH_CONCURRENCY=16 "$bin/examples/bundle_bench" "${1:-10000}" 1 \
  "appbundle=http://127.0.0.1:$port" | grep '^|'
echo "after ${1:-10000} bundles: $(rss)"
sleep 10
echo "10 s later:             $(rss)"
sleep 20
echo "30 s later:             $(rss)"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^appbundle_bundle_cache_(total|size)' || true
