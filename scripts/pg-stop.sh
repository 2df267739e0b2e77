#!/usr/bin/env bash
# Stops the server scripts/pg-start.sh started in DIR and removes it.
set -uo pipefail
dir=${1:?usage: pg-stop.sh DIR}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -f "$dir/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  else
    "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$dir"
