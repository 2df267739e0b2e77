#!/usr/bin/env bash
# Newsletter send benchmark: one digest to many confirmed subscribers through a local SMTP sink,
# and the site's page throughput before and during the send.
#
# Starts an SMTP sink (scripts/smtp_sink.py, Python standard library) and `kiosque serve`
# (release build unless KIOSQUE_BIN names a binary; fresh data folder with the demo; SQLite
# unless DATABASE_URL is set) on loopback, seeds N confirmed subscribers of the daily digest
# directly in SQL, measures the front page with wrk (a curl loop without wrk), queues a special
# edition with `kiosque newsletter send daily --queue-only` and lets the server's mail queue send
# it while measuring the front page again. Prints messages per second (from the sink's clock)
# and requests per second before and during. Everything it starts is stopped by pid; bounded
# by TIMEOUT seconds for the send.
#
# Usage: scripts/bench-newsletter.sh [SUBSCRIBERS=100000] [MAIL_RATE=0 (no limit)] [SECONDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-100000}
rate=${2:-0}
secs=${3:-5}
timeout_s=${TIMEOUT:-900}

if [ -n "${KIOSQUE_BIN:-}" ]; then
  bin=$KIOSQUE_BIN
else
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
  cargo build --release --locked -q -p kiosque
  bin="$CARGO_TARGET_DIR/release/kiosque"
fi

work=$(mktemp -d /tmp/kiosque-bench-nl.XXXXXX)
sport=$((30000 + RANDOM % 10000))
kport=$((sport + 1))
spid=""
kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
  [ -n "$spid" ] && kill "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The newsroom's clock says 06:00 in Paris, before the daily send time: only the edition this
# script queues goes out (otherwise the schedule would send the day's edition on its own).
mkdir -p "$work"
python3 -c "import datetime,zoneinfo; print(int(datetime.datetime.now(zoneinfo.ZoneInfo('Europe/Paris')).replace(hour=6, minute=0).timestamp()*1000))" >"$work/clock"
python3 scripts/smtp_sink.py "$sport" "$work/sink.stats" &
spid=$!
for _ in $(seq 50); do [ -s "$work/sink.stats" ] && break; sleep 0.1; done
[ -s "$work/sink.stats" ] || { echo "the SMTP sink did not start on port $sport" >&2; exit 1; }
KIOSQUE_LOG=warn "$bin" --data-dir "$work/data" serve --listen "127.0.0.1:$kport" \
  --smtp-url "smtp://127.0.0.1:$sport" --mail-rate "$rate" --rate-limit-factor 1000 \
  --demo-photos "$work/no-photos" --test-clock "$work/clock" \
  --public-url "http://127.0.0.1:$kport" --replace-public-url >"$work/kiosque.out" 2>&1 &
kpid=$!
for _ in $(seq 200); do
  curl -fs "http://127.0.0.1:$kport/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$kport/healthz" >/dev/null || { cat "$work/kiosque.out" >&2; exit 1; }

# Seeding: one multi-row insert per 5,000 addresses, straight into the tables the double opt-in
# fills (confirmed subscriptions of the daily digest, newsletter 1).
seed_sql() {
  python3 - "$subscribers" <<'PY'
import sys, secrets
n = int(sys.argv[1])
print("begin;")
for start in range(0, n, 5000):
    rows = ",".join(
        f"('bench{i}@example.test','{secrets.token_hex(16)}',0)" for i in range(start, min(n, start + 5000))
    )
    print(f"insert into newsletter_subscribers (email, token, created_at) values {rows};")
print("insert into newsletter_subscriptions (subscriber_id, newsletter_id, state, requested_at, confirmed_at) "
      "select id, 1, 'confirmed', 0, 0 from newsletter_subscribers where email like 'bench%';")
print("commit;")
PY
}
t0=$(date +%s.%N)
if [ -n "${DATABASE_URL:-}" ]; then
  seed_sql | psql -q "$DATABASE_URL" >/dev/null
else
  seed_sql >"$work/seed.sql"
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.close()" \
    "$work/data/kiosque.db" "$work/seed.sql"
fi
t1=$(date +%s.%N)
printf 'seeded %d confirmed subscribers in %.1f s\n' "$subscribers" "$(echo "$t1 - $t0" | bc)"

url="http://127.0.0.1:$kport/"
load() {
  if command -v wrk >/dev/null; then
    wrk -t1 -c8 -d"${secs}s" "$url" 2>/dev/null | awk '/Requests\/sec/ { print $2 }'
  else
    local n=0 end=$(( $(date +%s) + secs ))
    while [ "$(date +%s)" -lt "$end" ]; do curl -fs -o /dev/null "$url"; n=$((n + 1)); done
    echo "$n $secs" | awk '{ printf "%.1f\n", $1 / $2 }'
  fi
}
curl -fs -o /dev/null "$url"
before=$(load)

"$bin" --data-dir "$work/data" newsletter send daily --queue-only \
  --public-url "http://127.0.0.1:$kport" | sed 's/^/  /'
during=$(load)

deadline=$(( $(date +%s) + timeout_s ))
while :; do
  read -r got span <"$work/sink.stats" || { got=0; span=0; }
  [ "$got" -ge "$subscribers" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "timeout: $got of $subscribers messages after ${timeout_s}s" >&2
    break
  fi
  sleep 0.5
done
sleep 0.6
read -r got span <"$work/sink.stats"
echo "messages received by the sink: $got in ${span} s ($(echo "$got $span" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2; else print "n/a" }') messages/s)"
echo "front page: $before requests/s before the send, $during requests/s during it"
