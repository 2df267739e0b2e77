#!/usr/bin/env bash
# Page benchmark: Kiosque against nginx serving the same bytes, every case alternated in one run.
#
# Cases: nginx static, nginx gzip_static, anonymous visitor, logged-in member, compressed
# (Accept-Encoding: br, gzip; against nginx gzip_static), cold cache (every request a different
# article of a generated site), and two nodes on one PostgreSQL. Reports requests/s, p99, server
# CPU per request (from /proc) and RSS, each as a ratio to nginx, plus the start time and the
# memory after a crawl of 1,000 articles. The driver is scripts/bench_page.py.
#
# The generated site (`kiosque generate`, 100,000 articles by default) is built once and kept in
# $KIOSQUE_BENCH_CACHE (default /var/cache/kiosque-bench); each run works on a copy.
# Loopback only, bounded in time; everything started is stopped by PID.
#
# Usage: scripts/bench-page.sh [--rounds 3] [--secs 5] [--conns 64] [--articles 100000]
#                              [--no-pg] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 secs=5 conns=64 articles=100000 pg=1 json=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --secs) secs=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --articles) articles=$2; shift 2 ;;
    --no-pg) pg=0; shift ;;
    --json) json=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-page: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rounds" "$secs" "$conns" "$articles"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench-page: '$n' is not a whole number" >&2; exit 2; }
done

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx-light wrk >/dev/null
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
cargo build --release --locked -q -p kiosque
bin="$CARGO_TARGET_DIR/release/kiosque"

# ---- the generated site, once: the demo (a first start), then the generated articles
cache=${KIOSQUE_BENCH_CACHE:-/var/cache/kiosque-bench}
site="$cache/site-$articles"
if [ ! -f "$site/.complete" ]; then
  rm -rf "$site" && mkdir -p "$site"
  echo "generating a site of $articles articles in $site (once)"
  KIOSQUE_LOG=warn "$bin" --data-dir "$site" serve --listen 127.0.0.1:0 >"$site.out" 2>&1 &
  spid=$!
  for _ in $(seq 600); do grep -q "serving on" "$site.out" 2>/dev/null && break; sleep 0.1; done
  kill "$spid"; wait "$spid" || true
  KIOSQUE_LOG=warn "$bin" --data-dir "$site" generate --articles "$articles" --comments 3
  touch "$site/.complete"
fi

pg_dir="" pg_url=""
cleanup() { [ -n "$pg_dir" ] && bash scripts/pg-stop.sh "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [ "$pg" = 1 ]; then
  pg_dir=$(mktemp -d /tmp/kiosque-bench-pg.XXXXXX)
  chmod 755 "$pg_dir"  # PostgreSQL runs as its own user when this script runs as root
  pg_url=$(bash scripts/pg-start.sh "$pg_dir" $((40000 + RANDOM % 10000)))
fi
python3 scripts/bench_page.py --bin "$bin" --rounds "$rounds" --secs "$secs" --conns "$conns" \
  --site "$site" ${pg_url:+--pg "$pg_url"} ${json:+--json "$json"}
