#!/usr/bin/env bash
# Publish → first 200 through the proxy (issue #6, target ≤ 2 s) against the release server and
# the local Docker engine: the first publish builds the app image (once per appbundle build),
# then five new apps and five republishes of one app are timed from the publish request to the
# first 200 of the app's page through /apps/<appId>/.
#   usage: api/bench/publish.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle
port=18083
state=$(mktemp -d)
export APPBUNDLE_API_KEYS="bench-key=bench" APPBUNDLE_STATE_DIR="$state"
. api/bench/release-server.sh
start_release_server "$port" /tmp/appbundle-publish-bench.log
base="http://127.0.0.1:$port"
body='{"files":{"App.tsx":"import { useAppData } from \"@appbundle/runtime\";\nexport default function App() { const notes = useAppData(\"notes\"); return <p>{notes.items.length} notes</p>; }\n"}}'
cleanup() {
  for app in bench-0 bench-1 bench-2 bench-3 bench-4 bench-5; do
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer bench-key" "$base/apps/$app?purge=true" || true
  done
  kill -TERM "$server" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
publish_to_200() {
  local start; start=$(date +%s%N)
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer bench-key" -H "content-type: application/json" \
    --data "$body" "$base/apps/$1/publish"
  until curl -sf -o /dev/null "$base/apps/$1/"; do sleep 0.01; done
  ms "$start"
}
echo "first publish (builds the app image): $(publish_to_200 bench-0) ms"
new=(); for i in 1 2 3 4 5; do new+=("$(publish_to_200 "bench-$i")"); done
again=(); for _ in 1 2 3 4 5; do again+=("$(publish_to_200 bench-1)"); done
echo "new app, publish to first 200 (ms): ${new[*]}"
echo "republish, publish to first 200 (ms): ${again[*]}"
