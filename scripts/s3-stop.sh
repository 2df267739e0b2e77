#!/usr/bin/env bash
# Stops the S3-compatible server that scripts/s3-start.sh started in DIR, by its pid.
set -euo pipefail
dir=${1:?usage: s3-stop.sh DIR}
if [ -f "$dir/pid" ]; then
  kill "$(cat "$dir/pid")" 2>/dev/null || true
  rm -f "$dir/pid"
fi
