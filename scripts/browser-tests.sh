#!/usr/bin/env bash
# Runs the browser tests (tests/browser/): Debian's Chromium driven by playwright-core under
# node's test runner, against the Kiosque binary.
#   KIOSQUE_BIN: the binary to test (default: $CARGO_TARGET_DIR/debug/kiosque, the target
#   folder defaulting to /var/cache/kiosque-target). Build it first: cargo build -p kiosque.
# Installs Chromium (the Debian package, never a downloaded browser) if it is missing, and the
# tests' npm packages from the lock file. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export KIOSQUE_BIN=${KIOSQUE_BIN:-${CARGO_TARGET_DIR:-/var/cache/kiosque-target}/debug/kiosque}
if [ ! -x "$KIOSQUE_BIN" ]; then
  echo "no Kiosque binary at $KIOSQUE_BIN: run cargo build -p kiosque first, or set KIOSQUE_BIN" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "==> installing Chromium and ChromeDriver (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "==> installing Node.js and npm (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm
fi

echo "==> npm packages of the browser tests"
(
  cd tests/browser
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
)

echo "==> the site's scripts parse"
# A syntax error stops a whole script; the browser tests would only see its features missing.
for js in crates/kiosque_web/static/*.js; do node --check "$js"; done

echo "==> browser tests (node --test tests/browser/, binary $KIOSQUE_BIN)"
node --test tests/browser/
