#!/usr/bin/env bash
# Runs the site from a fresh Debian machine: installs the demo's photographs (the Debian package
# mate-backgrounds, nature pictures under the GPL-2+) if they are missing, then builds and
# serves. Without the package, or without the right to install it, the demo has no pictures.
# Extra arguments go to `kiosque serve`: scripts/run.sh --listen 0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d /usr/share/backgrounds/mate/nature ] && command -v apt-get >/dev/null; then
  echo "==> installing the demo's photographs (Debian package mate-backgrounds)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! { DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq mate-backgrounds; }; then
    echo "could not install mate-backgrounds: the demo will have no pictures" >&2
  fi
fi

exec cargo run --release -- "$@"
