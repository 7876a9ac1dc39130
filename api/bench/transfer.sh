#!/usr/bin/env bash
# Transfer size of typical apps (issue #5, target ≤ 250 KB gzip) against the release server:
# dependency bundles from manifest.json plus each app's own script.
#   usage: api/bench/transfer.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle
port=18082
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-transfer-bench.log
node api/bench/transfer.mjs "http://127.0.0.1:$port" bundler/tests/fixtures \
  ok-counter ok-dnd-kit-kanban ok-form-rhf-zod ok-lucide-icons ok-zustand-todo \
  ok-recharts-dashboard ok-date-fns-calendar ok-react-icons-subpath ok-sonner \
  ok-kit-dashboard ok-kit-own-button
