#!/bin/sh
# Checks the examples in deploy/: nginx's syntax (`nginx -t`, with a throwaway certificate in
# place of the real ones), the systemd unit (`systemd-analyze verify`), and the Caddyfile
# (`caddy validate`) when caddy is installed. A tool that is missing is reported and skipped.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

if command -v nginx >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=www.example.org \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  sed -e "s#/etc/letsencrypt/live/www.example.org/fullchain.pem#$work/cert.pem#" \
      -e "s#/etc/letsencrypt/live/www.example.org/privkey.pem#$work/key.pem#" \
      -e "s#/var/cache/nginx/kiosque-media#$work/cache#" \
      "$root/deploy/nginx.conf" >"$work/site.conf"
  cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  include $work/site.conf;
}
CONF
  nginx -t -q -c "$work/nginx.conf" -e "$work/error.log" && echo "deploy/nginx.conf: syntax ok" || failed=1
else
  echo "nginx not installed: deploy/nginx.conf not checked"
fi

if command -v systemd-analyze >/dev/null; then
  # verify wants the ExecStart binary to exist: point it at a stand-in.
  mkdir -p "$work/units"
  sed "s#/usr/local/bin/kiosque#/bin/true#" "$root/deploy/kiosque.service" >"$work/units/kiosque.service"
  systemd-analyze verify "$work/units/kiosque.service" && echo "deploy/kiosque.service: ok" || failed=1
else
  echo "systemd-analyze not available: deploy/kiosque.service not checked"
fi

if command -v caddy >/dev/null; then
  caddy validate --adapter caddyfile --config "$root/deploy/Caddyfile" && echo "deploy/Caddyfile: ok" || failed=1
else
  echo "caddy not installed: deploy/Caddyfile not checked"
fi
exit $failed
