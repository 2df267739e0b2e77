#!/usr/bin/env python3
"""Reset-form timing (issue 14, finding 5): does the answer's time tell which accounts exist?

Starts `kiosque serve` (the binary given by KIOSQUE_BIN, default the debug build of
CARGO_TARGET_DIR) on a fresh SQLite data folder on loopback, creates one account with
`kiosque user create`, then sends the password-reset form ROUNDS times for that address and for
an unknown one, interleaved, each from a fresh cookie jar (its CSRF token read from the form
first, outside the timing), and prints the median and quartiles of the POST's answer time for
each. The server is stopped by its pid at the end. Python 3 standard library only.

Usage: [KIOSQUE_BIN=…/kiosque] scripts/reset-timing.py [ROUNDS=40]
"""

import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 40
TARGET = os.environ.get("CARGO_TARGET_DIR", "/var/cache/kiosque-target")
BIN = os.environ.get("KIOSQUE_BIN", os.path.join(TARGET, "debug", "kiosque"))
KNOWN, UNKNOWN = "claire@exemple.fr", "personne@exemple.fr"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answer_ms(base, email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect()
    )
    form = opener.open(base + "/compte/mot-de-passe-oublie", timeout=10).read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "email": email}).encode()
    req = urllib.request.Request(
        base + "/compte/mot-de-passe-oublie",
        data=body,
        headers={"Origin": base, "Sec-Fetch-Site": "same-origin"},
    )
    started = time.perf_counter()
    with opener.open(req, timeout=10) as res:
        res.read()
        assert res.status == 200, res.status
    return (time.perf_counter() - started) * 1000


def main():
    data = tempfile.mkdtemp(prefix="kiosque-reset-")
    env = dict(os.environ, KIOSQUE_LOG="warn", KIOSQUE_DEMO_SOUNDS="false",
               KIOSQUE_DEMO_PHOTOS=os.path.join(data, "none"))
    env.pop("DATABASE_URL", None)
    base_cmd = [BIN, "--data-dir", os.path.join(data, "data")]
    server = subprocess.Popen(
        base_cmd + ["serve", "--listen", "127.0.0.1:0", "--rate-limit-factor", "1000"],
        stdout=subprocess.PIPE, env=env, text=True,
    )
    try:
        line = server.stdout.readline().strip()
        base = line.removeprefix("Kiosque is serving on ").rstrip("/")
        subprocess.run(
            base_cmd + ["user", "create", "--email", KNOWN, "--name", "Claire"],
            input="un mot de passe assez long 42\n", env=env, text=True, check=True,
            capture_output=True, timeout=60,
        )
        for email in (KNOWN, UNKNOWN):  # warm-up
            answer_ms(base, email)
        known, unknown = [], []
        for _ in range(ROUNDS):
            known.append(answer_ms(base, KNOWN))
            unknown.append(answer_ms(base, UNKNOWN))
        for name, v in (("known", known), ("unknown", unknown)):
            q = statistics.quantiles(v, n=4)
            print(f"{name:8} median {statistics.median(v):7.2f} ms  "
                  f"(quartiles {q[0]:.2f}–{q[2]:.2f} ms, {len(v)} requests)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
