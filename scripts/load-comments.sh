#!/usr/bin/env bash
# Comment load test: many members post comments while readers load the article page, then every
# acknowledged comment is looked up in the database after the server has stopped.
#
# 1. builds the release binary and starts `kiosque serve` on 127.0.0.1 (a free port picked by the
#    kernel) with a fresh data folder (demo content) and rate limits raised;
# 2. creates N verified members with `kiosque user create` beside the running server;
# 3. scripts/load_comments.py logs them in over HTTP, then for D seconds every member posts
#    comments (Accept: application/json, 201 = acknowledged) while wrk (or Python threads)
#    reads the article page;
# 4. stops the server (SIGTERM, waited for), checks in DIR/kiosque.db that every acknowledged
#    comment is there with the same body, prints a summary and exits non-zero if any is missing.
#
# Loopback only, bounded in count and time (a hard limit stops everything), and everything it
# starts is stopped by PID; the temporary folder is removed at exit (unless --keep).
#
# Usage: scripts/load-comments.sh [options]
#   --members N        members posting, one thread each (default 50)
#   --duration S       seconds of load (default 10)
#   --wrk-threads T    wrk threads (default 1)
#   --wrk-conns C      wrk connections (default 16)
#   --readers R        Python reader threads when wrk is missing or --no-wrk (default 4)
#   --read-timeout S   a read slower than this counts as a timeout (default 2)
#   --no-wrk           read with Python threads even if wrk is installed
#   --jobs J           parallel `user create` processes (default 4)
#   --port P           listen port (default 0: a free port chosen by the kernel)
#   --time-limit S     hard limit for everything after the build (default: duration + 180;
#                      the last 45 s are kept for stopping the server and checking)
#   --stop-signal SIG  signal that stops the server before the check: TERM (default) or KILL
#   --crash            kill the server with SIGKILL halfway through the posting (not after it),
#                      restart it on the same data and port, let the load go on, then check
#                      that every acknowledged comment is stored and that the site serves
#   --database DB      sqlite (default) or postgres (a throwaway server started with
#                      scripts/pg-start.sh, stopped at the end)
#   --no-build         use the existing binary in $CARGO_TARGET_DIR/release
#   --keep             keep the temporary folder (data, logs, results) and print its path
# Environment: CARGO_TARGET_DIR (default /var/cache/kiosque-target).
# shellcheck disable=SC2317  # functions run from traps
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
helper="$here/load_comments.py"

members=50
duration=10
wrk_threads=1
wrk_conns=16
readers=4
read_timeout=2
use_wrk=1
jobs=4
port=0
time_limit=""
stop_signal=TERM
crash=0
database=sqlite
build=1
keep=0
password="Mésange bleue sur le balcon 42"

usage() { sed -n '2,/^# Environment/p' "$0" | sed 's/^# \{0,1\}//'; }
need_int() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "load-comments: $1 needs a whole number, got '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --members) need_int "$1" "${2-}"; members=$2; shift 2 ;;
    --duration) need_int "$1" "${2-}"; duration=$2; shift 2 ;;
    --wrk-threads) need_int "$1" "${2-}"; wrk_threads=$2; shift 2 ;;
    --wrk-conns) need_int "$1" "${2-}"; wrk_conns=$2; shift 2 ;;
    --readers) need_int "$1" "${2-}"; readers=$2; shift 2 ;;
    --read-timeout) need_int "$1" "${2-}"; read_timeout=$2; shift 2 ;;
    --no-wrk) use_wrk=0; shift ;;
    --jobs) need_int "$1" "${2-}"; jobs=$2; shift 2 ;;
    --port) need_int "$1" "${2-}"; port=$2; shift 2 ;;
    --time-limit) need_int "$1" "${2-}"; time_limit=$2; shift 2 ;;
    --stop-signal) stop_signal=${2-}; shift 2 ;;
    --crash) crash=1; shift ;;
    --database) database=${2-}; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load-comments: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$stop_signal" in TERM|KILL) ;; *) echo "load-comments: --stop-signal is TERM or KILL" >&2; exit 2 ;; esac
case "$database" in sqlite|postgres) ;; *) echo "load-comments: --database is sqlite or postgres" >&2; exit 2 ;; esac
# Bounds: the test must stay a test.
if [ "$members" -lt 1 ] || [ "$members" -gt 1000 ]; then echo "load-comments: --members is 1..1000" >&2; exit 2; fi
if [ "$duration" -lt 1 ] || [ "$duration" -gt 600 ]; then echo "load-comments: --duration is 1..600" >&2; exit 2; fi
if [ "$jobs" -lt 1 ]; then jobs=1; fi
if [ "$read_timeout" -lt 1 ]; then read_timeout=1; fi
time_limit=${time_limit:-$((duration + 180))}

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
bin="$CARGO_TARGET_DIR/release/kiosque"

# ---- build (not counted in the time limit: it may wait on another build's cargo lock)
if [ "$build" = 1 ]; then
  echo "building: cargo build --release -p kiosque (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  (cd "$root" && cargo build --release -p kiosque)
fi
[ -x "$bin" ] || { echo "load-comments: no binary at $bin" >&2; exit 1; }

# ---- readers: wrk if present (installed from Debian if missing), else Python threads
wrk_bin=""
[ "$use_wrk" = 1 ] && wrk_bin=$(command -v wrk || true)
if [ "$use_wrk" = 1 ] && [ -z "$wrk_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing wrk (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  if timeout 300 apt-get update -qq && timeout 300 apt-get install -y -qq wrk >/dev/null; then
    wrk_bin=$(command -v wrk || true)
  fi
fi
[ -n "$wrk_bin" ] || echo "readers: $readers Python threads (wrk not used)"

# ---- everything below is bounded by the hard time limit and cleaned up at exit
# Every step is given at most the time left (`timeout`, bounded polls), so no signal has to
# interrupt this shell; the cleanup on exit stops what is still running, each by its PID.
started=$(date +%s)
hard_deadline=$((started + time_limit))
# The load helper must be done by then: the rest is for stopping the server and checking.
helper_deadline=$((hard_deadline - 45))
work=$(mktemp -d /tmp/kiosque-load.XXXXXX)
data="$work/data"
server_pid=""
helper_pid=""
pg_dir=""
db_args=()
creator_pids=()

left=0
time_left() {  # sets $left to the seconds before the hard limit; exits 124 when none remain
  left=$((hard_deadline - $(date +%s)))
  if [ "$left" -le 0 ]; then
    echo "load-comments: hard time limit of ${time_limit}s reached, stopping" >&2
    exit 124
  fi
}

alive() {  # alive PID: running (a zombie waiting to be reaped does not count)
  local st
  st=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

stop_pid() {  # stop_pid PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 5)
  local pid=$1 n=$((${2:-5} * 20)) i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < n; i++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
  echo "load-comments: pid $pid ignored SIGTERM for ${2:-5} s: SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {  # no `wait` here: children left as zombies are reaped when this shell exits
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$helper_pid" ] && stop_pid "$helper_pid"
  for p in "${creator_pids[@]}"; do stop_pid "$p"; done
  [ -n "$server_pid" ] && stop_pid "$server_pid"
  [ -n "$pg_dir" ] && bash "$here/pg-stop.sh" "$pg_dir" >/dev/null 2>&1
  if [ "$keep" = 1 ]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "load-comments: interrupted" >&2; exit 130' INT TERM

# ---- the database: the data folder's SQLite file, or a throwaway PostgreSQL
if [ "$database" = postgres ]; then
  pg_dir="$work/pg"
  chmod 755 "$work"  # PostgreSQL runs as its own user when this script runs as root
  time_left
  pg_admin=$(timeout "$left" bash "$here/pg-start.sh" "$pg_dir" $((40000 + RANDOM % 10000)))
  psql "$pg_admin" -qc "create database kiosque_load" >/dev/null
  db_args=(--database-url "${pg_admin%/*}/kiosque_load")
  # No proxy in front: the links use the listen address, as on SQLite.
  export KIOSQUE_PUBLIC_URL_FROM_LISTEN=true
fi

# ---- start the server and read the address from its first line
start_server() {  # start_server PORT OUT: starts it, sets $server_pid and $base
  KIOSQUE_LOG=warn "$bin" --data-dir "$data" "${db_args[@]}" serve --listen "127.0.0.1:$1" \
    --rate-limit-factor 100000 >"$2" 2>>"$work/server.err" &
  server_pid=$!
  base=""
  local line
  for _ in $(seq 600); do  # up to 60 s (the first start loads the demo)
    line=$(head -n 1 "$2" 2>/dev/null || true)
    if [[ "$line" =~ ^Kiosque\ is\ serving\ on\ (http://127\.0\.0\.1:[0-9]+/)$ ]]; then
      base=${BASH_REMATCH[1]}
      return 0
    fi
    if ! alive "$server_pid"; then
      echo "load-comments: the server exited at start:" >&2
      tail -n 20 "$work/server.err" >&2
      exit 1
    fi
    time_left
    sleep 0.02
  done
  echo "load-comments: the server did not announce its address" >&2
  exit 1
}
start_server "$port" "$work/server.out"
echo "server: $base (pid $server_pid, data $data, database $database)"

# ---- create the members, $jobs at a time (each hashes a password with argon2)
t0=$(date +%s.%N)
failed=()
create_batch() {  # create_batch K...: one `user create` per K in parallel, failures in $failed
  local k pids=() ks=() i t
  time_left
  t=$((left < 60 ? left : 60))
  for k in "$@"; do
    timeout -k 2 "$t" "$bin" --data-dir "$data" "${db_args[@]}" user create --email "member$k@exemple.fr" \
      --name "Membre $k" <<<"$password" >"$work/create-$k.log" 2>&1 &
    pids+=("$!")
    ks+=("$k")
  done
  creator_pids=("${pids[@]}")
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${ks[$i]}")
  done
  creator_pids=()
}
batch=()
for k in $(seq "$members"); do
  batch+=("$k")
  if [ "${#batch[@]}" -ge "$jobs" ]; then create_batch "${batch[@]}"; batch=(); fi
done
if [ "${#batch[@]}" -gt 0 ]; then create_batch "${batch[@]}"; fi
retried=${#failed[@]}
if [ "$retried" -gt 0 ]; then  # one more try each, one at a time
  echo "user create failed for ${retried} member(s), retrying: e.g. $(tail -n 1 "$work/create-${failed[0]}.log")" >&2
  again=("${failed[@]}")
  failed=()
  for k in "${again[@]}"; do create_batch "$k"; done
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "load-comments: could not create member(s) ${failed[*]}:" >&2
  cat "$work/create-${failed[0]}.log" >&2
  exit 1
fi
echo "members: $members created in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s ($jobs parallel, $retried retried)"

# ---- the load: the helper stops by its deadline; `timeout` is the backstop
time_left
if [ "$helper_deadline" -le "$(date +%s)" ]; then
  echo "load-comments: no time left for the load within the ${time_limit}s limit" >&2
  exit 124
fi
LOAD_PASSWORD=$password timeout -k 5 "$((helper_deadline + 10 - $(date +%s)))" \
  python3 "$helper" load --base "$base" --members "$members" --duration "$duration" \
  --deadline "$helper_deadline" --wrk "$wrk_bin" --wrk-threads "$wrk_threads" \
  --wrk-conns "$wrk_conns" --readers "$readers" --read-timeout "$read_timeout" \
  --out "$work/results.json" --started-file "$work/started" &
helper_pid=$!
crash_note=""
if [ "$crash" = 1 ]; then
  # Halfway through the posting: SIGKILL, then the same data and port again.
  while [ ! -s "$work/started" ] && alive "$helper_pid"; do time_left; sleep 0.05; done
  sleep "$(awk -v d="$duration" 'BEGIN { printf "%.2f", d / 2 }')"
  kill -KILL "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  killed_at=$(date +%s.%N)
  crash_port=${base%/}
  crash_port=${crash_port##*:}
  start_server "$crash_port" "$work/server-restarted.out"
  restart_s=$(awk -v a="$killed_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  front=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base" || true)
  crash_note="SIGKILL at $(awk -v d="$duration" 'BEGIN { printf "%.1f", d / 2 }') s of posting; serving again after ${restart_s} s (front page: $front)"
  echo "crash: $crash_note"
fi
load_rc=0
wait "$helper_pid" || load_rc=$?
helper_pid=""
if [ ! -s "$work/results.json" ]; then
  echo "load-comments: the load phase failed (exit $load_rc) and recorded nothing" >&2
  exit 1
fi

after=200
if [ "$crash" = 1 ]; then  # after the load, on the restarted server: the site serves
  article=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["article_path"])' "$work/results.json")
  after=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${base%/}$article" || true)
  crash_note="$crash_note; after the load the article answers $after"
  [ "$after" = 200 ] || echo "load-comments: the restarted server does not serve the article ($after)" >&2
fi

# ---- stop the server, waited for (SIGKILL if SIGTERM has not stopped it within 30 s)
t0=$(date +%s.%N)
kill "-$stop_signal" "$server_pid"
for ((i = 0; i < 600; i++)); do
  alive "$server_pid" || break
  sleep 0.05
done
if alive "$server_pid"; then
  echo "load-comments: the server did not stop within 30 s of SIG$stop_signal: SIGKILL" >&2
  kill -KILL "$server_pid" 2>/dev/null || true
fi
server_rc=0
wait "$server_pid" 2>/dev/null || server_rc=$?
server_pid=""
stop_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
# The log may carry colour codes: strip them before looking for levels.
sed 's/\x1b\[[0-9;]*m//g' "$work/server.err" | grep -E '^[^ ]+ +(WARN|ERROR) ' >"$work/server.warn" || true
warnings=$(wc -l <"$work/server.warn")
if [ "$warnings" -gt 0 ]; then
  echo "server log (warnings and errors, last 5 of $warnings):"
  tail -n 5 "$work/server.warn" | cut -c1-300
fi

# ---- durability check and summary
time_left
verify_rc=0
if [ "$database" = postgres ]; then where=(--pg-url "${db_args[1]}"); else where=(--db "$data/kiosque.db"); fi
timeout -k 2 "$left" python3 "$helper" verify "${where[@]}" --crash "$crash_note" \
  --results "$work/results.json" --stop-signal "$stop_signal" --server-exit "$server_rc" \
  --stop-seconds "$stop_s" --server-warnings "$warnings" || verify_rc=$?
if [ "$crash" = 1 ] && [ "$verify_rc" -eq 0 ] && [ "$after" != 200 ]; then verify_rc=1; fi
if [ "$load_rc" -ne 0 ] && [ "$verify_rc" -eq 0 ]; then
  echo "load-comments: the load phase exited $load_rc" >&2
  exit 1
fi
exit "$verify_rc"
