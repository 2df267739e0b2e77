#!/usr/bin/env bash
# Starts a throwaway S3-compatible server (moto's standalone server, from PyPI) on a loopback
# port for the tests, installing it in a virtual environment that survives between runs.
# Creates the bucket `kiosque-test` and prints the endpoint URL (TEST_S3_ENDPOINT) on stdout.
# Usage: scripts/s3-start.sh DIR [PORT]   — stop with: scripts/s3-stop.sh DIR
set -euo pipefail
dir=${1:?usage: s3-start.sh DIR [PORT]}
port=${2:-59000}
venv=${KIOSQUE_S3_VENV:-/var/cache/kiosque-moto}

if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  echo "installing python3-venv from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq python3-venv >&2
fi
if [ ! -x "$venv/bin/moto_server" ]; then
  echo "installing moto's server in $venv..." >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q 'moto[server]==5.*' >&2
fi

rm -rf "$dir"
mkdir -p "$dir"
"$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
echo $! >"$dir/pid"
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if "$venv/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('$endpoint/', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
# Creating a bucket is one anonymous PUT on moto.
"$venv/bin/python" - "$endpoint" <<'PY' >&2
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/kiosque-test", method="PUT")
urllib.request.urlopen(req, timeout=5)
PY
echo "$endpoint"
