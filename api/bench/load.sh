#!/usr/bin/env bash
# Load run on loopback: starts `appbundle serve` (release, rate limit off), sends 20 000 mixed
# requests at concurrency 64 with examples/load.rs, and prints the server's RSS before and after
# (VmRSS) and its peak (VmHWM).
#   usage: api/bench/load.sh [requests] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle --example load
bin="$CARGO_TARGET_DIR/release"
port=18080
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-load-server.log
echo "server RSS at start:  $(rss)"
"$bin/examples/load" "http://127.0.0.1:$port" "${1:-20000}" "${2:-64}"
echo "server RSS after run: $(rss)"
kill -TERM $server
wait $server && echo "server stopped cleanly on SIGTERM"
