#!/usr/bin/env bash
# The Redis tier through a real balancer: one redis-server, two release `appbundle serve`
# instances on it, and nginx round-robin in front, once with one upstream and once with both,
# alternated (rounds) so both see the same machine. Each run is examples/load.rs's mix.
#   usage: api/bench/scale-out.sh [requests] [concurrency] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/appbundle-target}"
cargo build --release --quiet --bin appbundle --example load
bin="$CARGO_TARGET_DIR/release"
requests="${1:-20000}" concurrency="${2:-64}" rounds="${3:-2}"
work=$(mktemp -d /tmp/appbundle-scale-out.XXXX)
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

redis-server --port 16379 --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for port in 18081 18082; do
  "$bin/appbundle" serve --bind "127.0.0.1:$port" --rate-limit 0 \
    --redis-url redis://127.0.0.1:16379/ >"$work/serve-$port.log" 2>&1 &
  pids+=($!)
done
for port in 18081 18082; do
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
done

# nginx in the foreground with the given upstream ports; sets $nginx.
start_nginx() {
  local servers=""
  for port in "$@"; do servers+="server 127.0.0.1:$port; "; done
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes 2; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream appbundle { $servers keepalive 64; }
  server {
    listen 127.0.0.1:18090; client_max_body_size 2m;
    location / { proxy_pass http://appbundle; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:18090/healthz" && return 0; sleep 0.1; done
}

for round in $(seq 1 "$rounds"); do
  for upstreams in "18081" "18081 18082"; do
    # shellcheck disable=SC2086
    start_nginx $upstreams
    echo "== round $round, instances behind nginx: $(wc -w <<<"$upstreams")"
    "$bin/examples/load" "http://127.0.0.1:18090" "$requests" "$concurrency" | head -2
    kill -TERM "$nginx"; wait "$nginx" 2>/dev/null || true
  done
done
