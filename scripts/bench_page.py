#!/usr/bin/env python3
"""Driver of scripts/bench-page.sh (Python 3 standard library, wrk and nginx).

Serves one article page from Kiosque and the very same bytes from nginx, and loads them with
wrk on loopback, alternating the cases round after round so that both see the same machine:

  nginx static       the page from disk (the denominator of every ratio)
  nginx gzip_static  the page's .gz from disk (the denominator of the compressed case)
  anonymous          a visitor, no cookie
  member             a logged-in member (session cookie): the personal slots are filled
  compressed         a visitor whose client accepts br and gzip, against nginx gzip_static
  cold cache         every request a different article of a generated site (--site)
  two nodes (PG)     two Kiosque nodes on one PostgreSQL, half the connections each (--pg)

For each case: requests/s, p99, server CPU per request (utime+stime from /proc, all of the
server's processes) and resident memory, each as a ratio to nginx. Before the rounds, on a
fresh server: its start time (exec to "serving" line) and its memory after a crawl of 1,000
different articles.

Loopback only, every run bounded by wrk's duration, every process started here stopped by PID.
"""

import argparse
import gzip
import html
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

CLK_TCK = os.sysconf("SC_CLK_TCK")
ARTICLE = re.compile(r'href="(/monde/syrie-poutine[^"]*\.html)"')
LOC = re.compile(r"<loc>([^<]+)</loc>")
CSRF = re.compile(r'<input[^>]*name="csrf"[^>]*value="([^"]*)"')
PASSWORD = "Mésange bleue sur le balcon 42"


def die(msg):
    print(f"bench-page: {msg}", file=sys.stderr)
    sys.exit(1)


# ---- processes ---------------------------------------------------------------------------


class Procs:
    """Every process started here, stopped at exit by PID."""

    def __init__(self):
        self.procs = []
        # Processes that detach themselves (nginx's master): known by PID only.
        self.pids = []

    def start(self, argv, **kw):
        p = subprocess.Popen(argv, **kw)
        self.procs.append(p)
        return p

    def adopt(self, pid):
        self.pids.append(pid)

    def stop(self, p, sig=signal.SIGTERM):
        if p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)

    def stop_all(self):
        for p in reversed(self.procs):
            self.stop(p)
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGTERM)  # nginx: fast shutdown, workers included
            except ProcessLookupError:
                pass
            for _ in range(50):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_kb(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def start_kiosque(procs, binary, data, port, extra=(), env_extra=None, args=()):
    """Starts `kiosque serve`; returns (process, base URL, seconds from exec to its first line)."""
    out = open(os.path.join(data + ".out"), "w+")
    env = dict(os.environ, KIOSQUE_LOG="warn", **(env_extra or {}))
    t0 = time.monotonic()
    p = procs.start(
        [binary, "--data-dir", data, *args, "serve", "--listen", f"127.0.0.1:{port}",
         "--rate-limit-factor", "100000", *extra],
        stdout=out, stderr=open(data + ".err", "w"), env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        out.seek(0)
        line = out.readline()
        if line.startswith("Kiosque is serving on "):
            return p, line.split()[-1].rstrip("/"), time.monotonic() - t0
        if p.poll() is not None:
            die(f"kiosque exited at start:\n{open(data + '.err').read()[-2000:]}")
        time.sleep(0.005)
    die("kiosque did not announce its address within 120 s")


def get(base, path, headers=None, timeout=30):
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        return r.status, r.headers, r.read()
    finally:
        c.close()


def member_cookie(binary, data, base, db_args):
    """Creates a member with the CLI beside the running server and logs in over HTTP."""
    email = "lecteur.banc@exemple.fr"
    subprocess.run([binary, "--data-dir", data, *db_args, "user", "create", "--email", email,
                    "--name", "Lecteur du banc"], input=PASSWORD.encode(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request("GET", "/compte/connexion")
    r = c.getresponse()
    page = r.read().decode("utf-8", "replace")
    cookies = {}

    def keep(resp):
        for raw in resp.headers.get_all("Set-Cookie") or []:
            name, value = raw.split(";", 1)[0].split("=", 1)
            cookies[name] = value

    keep(r)
    m = CSRF.search(page)
    if not m:
        die("the log-in page has no CSRF token")
    form = urllib.parse.urlencode({"csrf": html.unescape(m.group(1)), "email": email,
                                   "password": PASSWORD, "retour": "/"})
    c.request("POST", "/compte/connexion", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    r = c.getresponse()
    r.read()
    keep(r)
    c.close()
    if not any("session" in k for k in cookies):
        die(f"log-in failed ({r.status})")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def article_paths(base, limit):
    """Article paths from the sitemaps, up to `limit`."""
    status, _, body = get(base, "/sitemap.xml")
    if status != 200:
        die(f"/sitemap.xml answered {status}")
    paths = []
    for loc in LOC.findall(body.decode()):
        sub = urllib.parse.urlsplit(loc).path
        s, _, b = get(base, sub)
        if s != 200:
            continue
        for l in LOC.findall(b.decode()):
            p = urllib.parse.urlsplit(l).path
            if p.endswith(".html"):
                paths.append(p)
        if len(paths) >= limit:
            break
    return paths[:limit]


# ---- wrk ---------------------------------------------------------------------------------

COLD_LUA = r"""
local paths, n = {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do n = n + 1; paths[n] = line end
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
local threads, id, k = 0, 0, 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function request()
  k = k + 1
  -- The two threads take every other path from the round's offset: no page asked twice.
  local i = (offset + 2 * k + id) % n + 1
  return wrk.format(nil, paths[i])
end
"""


def parse_wrk(text):
    r = {"rps": 0.0, "p99_ms": 0.0, "requests": 0, "errors": 0, "bytes": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        r["rps"] = float(m.group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if m:
        r["p99_ms"] = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    m = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", text)
    if m:
        r["requests"] = int(m.group(1))
        r["bytes"] = float(m.group(2)) * {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9}[m.group(3)]
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        r["errors"] += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        r["errors"] += sum(int(x) for x in m.groups())
    return r


def wrk(urls, conns, secs, headers=(), script=None, env=None, pids=()):
    """Runs one wrk per URL in parallel (connections split between them); returns the summed
    figures and the server CPU ticks of `pids` spent meanwhile."""
    before = cpu_ticks(pids)
    procs = []
    for url in urls:
        cmd = ["wrk", "-t2", f"-c{max(2, conns // len(urls))}", f"-d{secs}s", "--latency"]
        for h in headers:
            cmd += ["-H", h]
        if script:
            cmd += ["-s", script]
        procs.append(subprocess.Popen(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True, env=dict(os.environ, **(env or {}))))
    outs = [p.communicate(timeout=secs + 60)[0] for p in procs]
    ticks = cpu_ticks(pids) - before
    parsed = [parse_wrk(o) for o in outs]
    return {
        "rps": sum(p["rps"] for p in parsed),
        "p99_ms": max(p["p99_ms"] for p in parsed),
        "requests": sum(p["requests"] for p in parsed),
        "errors": sum(p["errors"] for p in parsed),
        "cpu_ms_per_req": ticks * 1000.0 / CLK_TCK / max(1, sum(p["requests"] for p in parsed)),
        "rss_mb": rss_kb(pids) / 1024.0,
    }


# ---- main --------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--secs", type=int, default=5)
    ap.add_argument("--conns", type=int, default=64)
    ap.add_argument("--site", help="a data folder to copy (e.g. one filled by `kiosque generate`)")
    ap.add_argument("--pg", help="admin URL of a PostgreSQL server for the two-node case")
    ap.add_argument("--json", help="write the figures to this file too")
    a = ap.parse_args()
    if a.rounds < 1 or a.rounds > 20 or a.secs < 1 or a.secs > 60:
        die("rounds 1..20, seconds 1..60")

    work = tempfile.mkdtemp(prefix="kiosque-bench.")
    os.chmod(work, 0o755)  # nginx workers run as www-data
    procs = Procs()
    try:
        return run(a, work, procs)
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(a, work, procs):
    data = os.path.join(work, "data")
    if a.site:
        shutil.copytree(a.site, data)
    kiosque, base, start_s = start_kiosque(procs, a.bin, data, free_port())
    kpids = [kiosque.pid]
    figures = {"start_s": start_s}
    print(f"kiosque: {base} (pid {kiosque.pid}), started in {start_s * 1000:.0f} ms"
          + (f" on a copy of {a.site}" if a.site else " (demo site)"))

    # ---- memory after a crawl of 1,000 articles, on the fresh server
    paths = article_paths(base, 200_000 if a.site else 1000)
    crawl = paths[:1000]
    t0 = time.monotonic()
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    bad = 0
    for p in crawl:
        c.request("GET", p)
        r = c.getresponse()
        r.read()
        bad += r.status != 200
    c.close()
    figures["crawl"] = {"pages": len(crawl), "seconds": time.monotonic() - t0, "not_200": bad,
                        "rss_mb": rss_kb(kpids) / 1024.0}
    print(f"crawl: {len(crawl)} articles in {figures['crawl']['seconds']:.1f} s ({bad} not 200); "
          f"RSS after: {figures['crawl']['rss_mb']:.0f} MB")

    status, _, front = get(base, "/")
    m = ARTICLE.search(front.decode("utf-8", "replace"))
    if not m:
        die("the founding article is not on the front page")
    path = m.group(1)
    cookie = member_cookie(a.bin, data, base, [])

    # ---- nginx serves the very bytes Kiosque renders (and their gzip -9, for gzip_static)
    www = os.path.join(work, "www")
    os.makedirs(www + os.path.dirname(path), exist_ok=True)
    _, _, page = get(base, path)
    with open(www + path, "wb") as f:
        f.write(page)
    with open(www + path + ".gz", "wb") as f:
        f.write(gzip.compress(page, 9))
    sizes = {"identity": len(page), "nginx_gz": len(gzip.compress(page, 9))}
    for enc in ("gzip", "br"):
        _, h, body = get(base, path, {"Accept-Encoding": enc})
        sizes[enc] = len(body) if h.get("Content-Encoding") == enc else None
    figures["sizes"] = sizes
    nport = free_port()
    os.makedirs(os.path.join(work, "logs"), exist_ok=True)
    os.makedirs(os.path.join(work, "tmp"), exist_ok=True)
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;
  client_body_temp_path {work}/tmp;
  proxy_temp_path {work}/tmp;
  fastcgi_temp_path {work}/tmp;
  uwsgi_temp_path {work}/tmp;
  scgi_temp_path {work}/tmp;
  server {{ listen 127.0.0.1:{nport}; root {www}; }}
}}
""")
    subprocess.run(["nginx", "-c", conf, "-p", work, "-e", f"{work}/logs/error.log"], check=True)
    time.sleep(0.3)
    with open(f"{work}/nginx.pid") as f:
        nginx_master = int(f.read().strip())
    procs.adopt(nginx_master)
    npids = [nginx_master] + children(nginx_master)
    nbase = f"http://127.0.0.1:{nport}"
    if get(nbase, path)[2] != page:
        die("nginx does not serve the page")

    # ---- two nodes on PostgreSQL
    nodes = []
    if a.pg:
        db = f"kiosque_bench_{os.getpid()}"
        subprocess.run(["psql", a.pg, "-qc", f"create database {db}"], check=True)
        url = a.pg.rsplit("/", 1)[0] + "/" + db
        media = os.path.join(work, "shared-media")
        os.makedirs(media)
        for k in range(2):
            port = free_port()
            node_data = os.path.join(work, f"node{k}")
            p, b, _ = start_kiosque(procs, a.bin, node_data, port,
                                    extra=["--public-url", "http://127.0.0.1:8080/"],
                                    args=["--database-url", url, "--media-url", f"file://{media}"])
            nodes.append((p, b))
        for _, b in nodes:
            if get(b, path)[0] != 200:
                die("a PostgreSQL node does not serve the article")

    cold_file = os.path.join(work, "paths.txt")
    lua = os.path.join(work, "cold.lua")
    with open(lua, "w") as f:
        f.write(COLD_LUA)
    cold = [p for p in paths if p != path]
    with open(cold_file, "w") as f:
        f.write("\n".join(cold) + "\n")

    cases = [
        ("nginx static", lambda r: wrk([nbase + path], a.conns, a.secs, pids=npids)),
        ("nginx gzip_static", lambda r: wrk([nbase + path], a.conns, a.secs,
                                            headers=["Accept-Encoding: gzip"], pids=npids)),
        ("anonymous", lambda r: wrk([base + path], a.conns, a.secs, pids=kpids)),
        ("member", lambda r: wrk([base + path], a.conns, a.secs, headers=[f"Cookie: {cookie}"],
                                 pids=kpids)),
        ("compressed", lambda r: wrk([base + path], a.conns, a.secs,
                                     headers=["Accept-Encoding: gzip, deflate, br"], pids=kpids)),
        ("cold cache", lambda r: wrk([base + "/"], a.conns, a.secs, script=lua, pids=kpids,
                                     env={"BENCH_PATHS": cold_file,
                                          "BENCH_OFFSET": str(r * len(cold) // a.rounds)})),
    ]
    if nodes:
        cases.append(("two nodes (PG)", lambda r: wrk([b + path for _, b in nodes], a.conns, a.secs,
                                                      pids=[p.pid for p, _ in nodes])))
    results = {name: [] for name, _ in cases}
    print(f"page: {path} ({len(page)} bytes), wrk -t2 -c{a.conns} -d{a.secs}s, "
          f"{a.rounds} rounds alternated; {len(cold)} articles for the cold case")
    for r in range(a.rounds):
        for name, run_case in cases:
            res = run_case(r)
            results[name].append(res)
            print(f"  round {r + 1} {name:<18} {res['rps']:>10.0f} req/s  p99 {res['p99_ms']:>7.2f} ms  "
                  f"cpu {res['cpu_ms_per_req']:.4f} ms/req  rss {res['rss_mb']:.0f} MB"
                  + (f"  ERRORS {res['errors']}" if res["errors"] else ""))

    def med(name, key):
        return statistics.median(x[key] for x in results[name])

    print()
    print(f"{'case':<18} {'req/s':>10} {'vs nginx':>9} {'p99 ms':>8} {'vs':>6} "
          f"{'cpu ms/req':>11} {'vs':>6} {'RSS MB':>7}")
    summary = {}
    for name, _ in cases:
        ref = "nginx gzip_static" if name == "compressed" else "nginx static"
        row = {k: med(name, k) for k in ("rps", "p99_ms", "cpu_ms_per_req", "rss_mb", "errors")}
        row["ratio_rps"] = row["rps"] / max(1e-9, med(ref, "rps"))
        row["ratio_p99"] = row["p99_ms"] / max(1e-9, med(ref, "p99_ms"))
        row["ratio_cpu"] = row["cpu_ms_per_req"] / max(1e-9, med(ref, "cpu_ms_per_req"))
        summary[name] = row
        print(f"{name:<18} {row['rps']:>10.0f} {row['ratio_rps']:>9.2f} {row['p99_ms']:>8.2f} "
              f"{row['ratio_p99']:>6.2f} {row['cpu_ms_per_req']:>11.4f} {row['ratio_cpu']:>6.2f} "
              f"{row['rss_mb']:>7.0f}")
    print()
    print(f"bytes on the wire: identity {sizes['identity']}, gzip {sizes['gzip']}, br {sizes['br']}, "
          f"nginx .gz (gzip -9) {sizes['nginx_gz']}")
    figures.update({"summary": summary, "rounds": results, "page": path})
    if a.json:
        with open(a.json, "w") as f:
            json.dump(figures, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
