#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a loopback port for the tests, installing Debian's
# package if the machine has none. Prints the admin URL (TEST_DATABASE_URL) on stdout.
# Usage: scripts/pg-start.sh DIR [PORT]   — stop with: scripts/pg-stop.sh DIR
set -euo pipefail
dir=${1:?usage: pg-start.sh DIR [PORT]}
port=${2:-55432}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
  echo "installing postgresql from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: run it as the 'postgres' system user when we are root.
run() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
run "$pgbin/initdb" -D "$dir/data" -U kiosque --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || run "$pgbin/initdb" -D "$dir/data" -U kiosque --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
# Tests favour speed over durability: this cluster is thrown away after the run.
run "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >&2
echo "postgres://kiosque@127.0.0.1:$port/postgres"
