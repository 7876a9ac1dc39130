# Sourced by the bench scripts: starts the release `appbundle serve` on loopback port $1 with
# the rate limit off, logs to $2, sets $server to its pid (stopped on exit), waits until ready;
# `rss` prints the server's resident memory now and at its peak.
start_release_server() {
  "$CARGO_TARGET_DIR/release/appbundle" serve --bind "127.0.0.1:$1" --rate-limit 0 >"$2" 2>&1 &
  server=$!
  trap 'kill -TERM $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0
    sleep 0.5
  done
  echo "the server did not become ready; see $2" >&2
  return 1
}

rss() { grep -E "^(VmRSS|VmHWM)" "/proc/$server/status" | tr -s ' ' | tr '\n' ' '; echo; }
