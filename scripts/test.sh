#!/usr/bin/env bash
# Runs every check and test of Kiosque, installing what it needs on a fresh Debian machine.
#   formatting, clippy, the crate layering rules, then all tests on SQLite and on a real
#   PostgreSQL that this script starts on a loopback port and stops at the end.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# A build cache outside the clone keeps repeated runs fast; the suite also passes from nothing.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/var/cache/kiosque-target}
mkdir -p "$CARGO_TARGET_DIR" 2>/dev/null || export CARGO_TARGET_DIR="$PWD/target"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
cargo --version
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "layering: crates depend only downward, no import circles between files"
python3 scripts/check-layers.py --self-test
python3 scripts/check-layers.py

step "layering: the domain and the importer do no I/O"
for crate in kiosque_domain kiosque_import; do
  for io in sqlx axum tokio; do
    if cargo tree -p "$crate" -e normal --prefix none --locked 2>/dev/null | grep -q "^$io v"; then
      echo "$crate must not depend on $io" >&2
      exit 1
    fi
  done
done
echo ok

step "PostgreSQL for the tests"
pgdir=$(mktemp -d /tmp/kiosque-test-pg.XXXXXX)
chmod 755 "$pgdir"
pgport=${KIOSQUE_TEST_PG_PORT:-$((40000 + RANDOM % 20000))}
s3dir=$(mktemp -d /tmp/kiosque-test-s3.XXXXXX)
cleanup() { scripts/pg-stop.sh "$pgdir"; scripts/s3-stop.sh "$s3dir"; }
trap cleanup EXIT
TEST_DATABASE_URL=$(scripts/pg-start.sh "$pgdir" "$pgport")
export TEST_DATABASE_URL
export KIOSQUE_REQUIRE_PG=1
echo "$TEST_DATABASE_URL"

step "an S3-compatible server for the media tests (moto, from PyPI, in /var/cache/kiosque-moto)"
s3port=${KIOSQUE_TEST_S3_PORT:-$((40000 + RANDOM % 20000))}
TEST_S3_ENDPOINT=$(scripts/s3-start.sh "$s3dir" "$s3port")
export TEST_S3_ENDPOINT
echo "$TEST_S3_ENDPOINT"

step "the demo's photographs (Debian package mate-backgrounds)"
# The tests of the demo's pictures need them; without them those tests say they are skipped.
if [ ! -d /usr/share/backgrounds/mate/nature ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mate-backgrounds
fi
echo ok

step "cargo test (SQLite and PostgreSQL)"
cargo test --workspace --locked --no-fail-fast

step "browser tests (Debian Chromium, playwright-core)"
# cargo test built the binary for the integration tests; a separate `cargo build` would
# rebuild much of the workspace with other feature sets.
[ -x "$CARGO_TARGET_DIR/debug/kiosque" ] || cargo build --locked -p kiosque
KIOSQUE_BIN="$CARGO_TARGET_DIR/debug/kiosque" scripts/browser-tests.sh
