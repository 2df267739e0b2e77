#!/usr/bin/env bash
# Live-blog benchmark (issue 11, item 1): render cost of a live blog with 2,000 posts, the page
# cache between posts, and the fan-out of new posts to 1,000 server-sent-events readers while
# the page keeps being served.
#
# Starts `kiosque serve` (release build, fresh SQLite data folder with the demo and its live
# blog) on loopback, creates an editor, then runs scripts/bench_live.py: it seeds the live blog
# to 2,000 posts through the newsroom's composer, measures the server's CPU time per render of a
# 50-post page (from /proc/PID/stat) and per GET served from the cache, then connects 1,000
# readers to the stream and posts 10 times, one second apart, under wrk load on the page. The
# server is stopped by its pid at the end. Loopback only, bounded in time (a few minutes).
#
# Usage: [KIOSQUE_BIN=…/release/kiosque] scripts/bench-live.sh [POSTS=2000] [STREAMS=1000] [ROUNDS=10]
#
# Every reader connects from 127.0.0.1, so the per-address stream limit (8 by default) is
# raised to the number of readers for this run.
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-2000}
streams=${2:-1000}
rounds=${3:-10}

if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
# KIOSQUE_BIN: a release binary already built (the build is skipped).
if [ -n "${KIOSQUE_BIN:-}" ]; then
  bin=$KIOSQUE_BIN
else
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
  cargo build --release --locked -q -p kiosque
  bin="$CARGO_TARGET_DIR/release/kiosque"
fi
# Two sockets per reader (theirs and the server's), both in this session's processes.
ulimit -n 8192

work=$(mktemp -d /tmp/kiosque-bench-live.XXXXXX)
port=$((20000 + RANDOM % 10000))
kpid=""
cleanup() {
  if [ -n "$kpid" ]; then
    kill "$kpid" 2>/dev/null || true
    wait "$kpid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export BENCH_PASSWORD="Mesure du direct $RANDOM$RANDOM"
printf '%s\n' "$BENCH_PASSWORD" | KIOSQUE_LOG=warn "$bin" --data-dir "$work/data" user create \
  --email bench@kiosque.test --name "Banc d'essai" --role editor >/dev/null
KIOSQUE_LOG=warn KIOSQUE_DEMO_PHOTOS="$work/none" "$bin" --data-dir "$work/data" serve \
  --listen "127.0.0.1:$port" --rate-limit-factor 1000 \
  --max-streams-per-address $((streams + 16)) >"$work/kiosque.out" 2>&1 &
kpid=$!
for _ in $(seq 150); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/direct" >/dev/null || { echo "the server did not start" >&2; cat "$work/kiosque.out" >&2; exit 1; }

echo "kiosque $(git rev-parse --short HEAD) release build, SQLite, $(nproc) cores, loopback"
timeout 600 python3 scripts/bench_live.py --base "http://127.0.0.1:$port" --pid "$kpid" \
  --email bench@kiosque.test --posts "$posts" --streams "$streams" --rounds "$rounds"
