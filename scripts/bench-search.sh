#!/usr/bin/env bash
# Search benchmark: builds an index of N generated French articles (default 1,000,000) and
# reports the build rate, index size, query latency p50/p95/p99 for a fixed mix, and peak memory.
# Usage: scripts/bench-search.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
cargo run --release --locked -q -p kiosque_search --example bench -- "${1:-1000000}"
