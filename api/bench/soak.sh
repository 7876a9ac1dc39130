#!/usr/bin/env bash
# Soak (issue #19): the release server with its defaults (256 MiB bundle cache) and the local
# Docker engine, a mixed load for SECONDS (default 600) at CONCURRENCY (default 16) with
# examples/soak.rs: new bundles, cache hits, runtime deps, bundled files, the preview page and
# two published apps (pages, data API, a republish every 2 minutes). The server's RSS, peak,
# file descriptors and threads are printed every 10 s; any 5xx, 429 or transport error fails it.
#   usage: api/bench/soak.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle --example soak
port=18120
state=$(mktemp -d)
export APPBUNDLE_API_KEYS="soak-key=soak" APPBUNDLE_STATE_DIR="$state" SOAK_API_KEY=soak-key
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-soak-server.log
base="http://127.0.0.1:$port"
cleanup() {
  for app in soak-notes soak-board; do
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer soak-key" "$base/apps/$app?purge=true" || true
  done
  kill -TERM "$server" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT
"$CARGO_TARGET_DIR/release/examples/soak" "$base" "$server" "${1:-600}" "${2:-16}"
