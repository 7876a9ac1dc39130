#!/usr/bin/env bash
# Preview timing in real Chromium against the release server: runs the preview end-to-end
# script (tests/node-runtime/preview-e2e.mjs) and prints its ten timed loads (from the host's
# load message to the first frame painted after React's commit, dependency bundles warm, each
# app new to the server so it is bundled on the way).
#   usage: api/bench/preview.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle
(cd tests/node-runtime && npm ci --ignore-scripts --no-audit --no-fund --silent)
port=18081
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-preview-bench.log
cases='{"apps":["ok-counter","ok-lucide-icons","ok-date-fns-calendar"]}'
(cd tests/node-runtime && node preview-e2e.mjs "http://localhost:$port" "http://127.0.0.1:$port" ../../bundler/tests/fixtures "$cases") |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).timing;const o=[...t].sort((a,b)=>a-b);console.log("load to first paint (ms):",t.join(" "));console.log("median",o[4],"ms, max",o[9],"ms")})'
