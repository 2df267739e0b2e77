#!/usr/bin/env bash
# Article-page benchmark: Kiosque against nginx serving the same bytes from disk.
#
# Starts `kiosque serve` (release build, fresh data folder with the demo) and nginx on loopback,
# saves Kiosque's rendering of the fixture article to disk for nginx, then loads both with wrk,
# alternating, a few seconds each, and prints requests/s and p99 latency for both and their
# ratio. Both servers are stopped at the end. Loopback only, bounded in time.
#
# Usage: scripts/bench-page.sh [ROUNDS=3] [SECONDS=5] [CONNECTIONS=64]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
secs=${2:-5}
conns=${3:-64}

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx-light wrk >/dev/null
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
cargo build --release --locked -q -p kiosque
bin="$CARGO_TARGET_DIR/release/kiosque"

work=$(mktemp -d /tmp/kiosque-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
kport=$((20000 + RANDOM % 10000))
nport=$((kport + 1))
kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT

KIOSQUE_LOG=warn "$bin" --data-dir "$work/data" serve --listen "127.0.0.1:$kport" >"$work/kiosque.out" 2>&1 &
kpid=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$kport/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
path=$(curl -fs "http://127.0.0.1:$kport/" | grep -o 'href="/monde/syrie-poutine[^"]*\.html"' | head -n 1 | cut -d'"' -f2)
[ -n "$path" ] || { echo "the fixture article is not on the front page" >&2; exit 1; }

# nginx serves the very bytes Kiosque renders for that path.
mkdir -p "$work/www$(dirname "$path")" "$work/logs"
curl -fs "http://127.0.0.1:$kport$path" >"$work/www$path"
bytes=$(wc -c <"$work/www$path")
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log"
sleep 0.3
curl -fs "http://127.0.0.1:$nport$path" | cmp -s - "$work/www$path" || { echo "nginx does not serve the page" >&2; exit 1; }

# "Requests/sec: 12345.67" and the "99%" line of --latency, in microseconds.
run_wrk() {
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$1" 2>/dev/null | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                  if (u == "us") p = v; else if (u == "ms") p = v * 1000; else if (u == "s") p = v * 1000000 }
    END { printf "%.0f %.0f\n", rps, p }'
}

echo "page: $path ($bytes bytes), wrk -t2 -c$conns -d${secs}s, $rounds rounds alternated"
printf '%-7s %-8s %12s %12s\n' round server "requests/s" "p99 (us)"
ks=0; ns=0; kp=0; np=0
for r in $(seq "$rounds"); do
  read -r k_rps k_p99 < <(run_wrk "http://127.0.0.1:$kport$path")
  printf '%-7s %-8s %12s %12s\n' "$r" kiosque "$k_rps" "$k_p99"
  read -r n_rps n_p99 < <(run_wrk "http://127.0.0.1:$nport$path")
  printf '%-7s %-8s %12s %12s\n' "$r" nginx "$n_rps" "$n_p99"
  ks=$((ks + k_rps)); ns=$((ns + n_rps)); kp=$((kp + k_p99)); np=$((np + n_p99))
done
awk -v ks="$ks" -v ns="$ns" -v kp="$kp" -v np="$np" -v r="$rounds" 'BEGIN {
  printf "mean    kiosque %12.0f %12.0f\n", ks / r, kp / r
  printf "mean    nginx   %12.0f %12.0f\n", ns / r, np / r
  printf "ratio kiosque/nginx: throughput %.2f, p99 %.2f\n", ks / ns, kp / np
}'
