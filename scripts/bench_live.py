#!/usr/bin/env python3
"""Helper of scripts/bench-live.sh (Python 3 standard library only).

Against a running Kiosque (loopback only) whose demo has its live blog, and an editor account:

1. seeds the live blog up to POSTS posts through the desk's composer (as the newsroom would);
2. render cost: the server process's CPU time (utime + stime from /proc/PID/stat) over renders
   of the live blog's pages of 50 posts (`?page=N`: each number is its own cache entry, so each
   first GET is a render), after a post has dropped them all; then over GETs served from the
   page cache, whose ETag must not change between posts;
3. fan-out: STREAMS server-sent-events readers connect to the live blog's stream; while wrk
   loads the page, ROUNDS posts are written one second apart, and the time from each POST's
   start to each reader's receipt of that post is recorded. Prints the distribution, how many
   receipts took over a second, and the page's throughput during the fan-out.

Every socket has a timeout, every loop a bound; the only process it starts (wrk) is waited for.
"""

import argparse
import asyncio
import http.client
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
LIVE_LINK = re.compile(r'href="(/france/tempete-ilona[^"]*_(\d+)\.html)"')
REV = re.compile(r'data-rev="(\d+)"')
ETAG_OK = re.compile(r"^\"[0-9a-f]+\"$")
PASSWORD = os.environ.get("BENCH_PASSWORD", "")


def die(msg):
    print(f"bench_live: {msg}", file=sys.stderr)
    sys.exit(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """A browser: cookies kept, redirects not followed (the 303 is the answer)."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)

    def post(self, path, form):
        data = urllib.parse.urlencode(form).encode()
        req = urllib.request.Request(self.base + path, data=data)
        req.add_header("Origin", self.base)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 (1-based) of the whole line.
    return int(fields[11]) + int(fields[12])


TICK = os.sysconf("SC_CLK_TCK")


def seed(editor, desk, posts):
    status, body, _ = editor.get(desk)
    m = re.search(r"(\d+) posts en ligne", body)
    have = int(m.group(1)) if m else 0
    csrf = CSRF.search(body).group(1)
    t0 = time.monotonic()
    for i in range(have, posts):
        s = editor.post(
            desk,
            {
                "csrf": csrf,
                "title": f"Point de situation n° {i + 1}",
                "body": f"Les secours signalent {i % 97} nouvelles interventions.\n\n"
                "> « La situation reste tendue » — la préfecture",
            },
        )
        if s != 303:
            die(f"seeding post {i + 1}: HTTP {s}")
    return posts - have, time.monotonic() - t0


def get_all(conn, paths):
    for p in paths:
        conn.request("GET", p)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            die(f"{p}: HTTP {resp.status}")


def render_cost(editor, desk, csrf, pid, page, pages, rounds):
    """CPU ms per uncached render of the first page (50 posts), of any page, and per cached GET.

    A post drops every page of the live blog; the CPU is read after it (and after the
    follower's work) and around the GETs only. The first page is rendered under seven cache
    keys (no query, `?page=1`, `?page=01` … `?page=000001`), each a full render.
    """
    reader = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    first_paths = [page] + [f"{page}?page={'0' * z}1" for z in range(6)]
    all_paths = [f"{page}?page={n}" for n in range(2, pages + 1)]
    firsts = ticks_first = 0
    others = ticks_other = 0
    for r in range(rounds):
        if editor.post(desk, {"csrf": csrf, "title": f"Mesure {r}", "body": "Mesure."}) != 303:
            die("measure post refused")
        time.sleep(0.15)  # the post's own work (cache, followers) is done before measuring
        before = cpu_ticks(pid)
        get_all(reader, first_paths)
        ticks_first += cpu_ticks(pid) - before
        firsts += len(first_paths)
        if r < 5:
            before = cpu_ticks(pid)
            get_all(reader, all_paths)
            ticks_other += cpu_ticks(pid) - before
            others += len(all_paths)
    first_ms = ticks_first * 1000 / TICK / firsts
    other_ms = ticks_other * 1000 / TICK / max(1, others)
    # Served from the cache: the same ETag, a fraction of the cost.
    reader.request("GET", page)
    first = reader.getresponse()
    first.read()
    etag = first.getheader("etag")
    hits = 2000
    before = cpu_ticks(pid)
    for _ in range(hits):
        reader.request("GET", page)
        resp = reader.getresponse()
        resp.read()
        if resp.getheader("etag") != etag:
            die("the page changed between posts: not served from the cache")
    hit_ms = (cpu_ticks(pid) - before) * 1000 / TICK / hits
    return (firsts, first_ms), (others, other_ms), hit_ms, etag


async def sse_reader(port, path, marks, results, ready, idx, deadline):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    except Exception as e:  # noqa: BLE001 - counted, reported
        results["failed"] += 1
        ready.append(False)
        return
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = await asyncio.wait_for(reader.read(4096), 10)
        if not chunk:
            results["failed"] += 1
            ready.append(False)
            return
        head += chunk
    if not head.startswith(b"HTTP/1.1 200"):
        results["refused"] += 1
        ready.append(False)
        writer.close()
        return
    ready.append(True)
    buf = head.split(b"\r\n\r\n", 1)[1]
    try:
        while time.monotonic() < deadline:
            for mark, sent in list(marks.items()):
                if mark.encode() in buf and (idx, mark) not in results["seen"]:
                    results["seen"].add((idx, mark))
                    results["lat"].append(time.monotonic() - sent)
            if len(buf) > 1 << 20:
                buf = buf[-4096:]
            chunk = await asyncio.wait_for(reader.read(65536), max(0.1, deadline - time.monotonic()))
            if not chunk:
                break
            buf += chunk
    except asyncio.TimeoutError:
        pass
    writer.close()


async def fan_out(editor, desk, csrf, blog_id, rev, page, streams, rounds, wrk_conns):
    results = {"lat": [], "seen": set(), "failed": 0, "refused": 0}
    marks = {}
    ready = []
    deadline = time.monotonic() + 30 + rounds * 1.5
    path = f"/direct/{blog_id}/flux?depuis={rev}"
    tasks = []
    for i in range(streams):
        tasks.append(asyncio.create_task(sse_reader(PORT, path, marks, results, ready, i, deadline)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    t0 = time.monotonic()
    while len(ready) < streams and time.monotonic() - t0 < 30:
        await asyncio.sleep(0.05)
    connected = sum(ready)
    wrk_secs = int(rounds * 1.0 + 3)
    wrk = subprocess.Popen(
        ["wrk", "-t1", f"-c{wrk_conns}", f"-d{wrk_secs}s", "--latency", f"http://127.0.0.1:{PORT}{page}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    await asyncio.sleep(1.0)
    loop = asyncio.get_running_loop()
    for r in range(rounds):
        mark = f"Diffusion {r} {time.time_ns()}"
        marks[mark] = time.monotonic()
        status = await loop.run_in_executor(
            None, lambda m=mark: editor.post(desk, {"csrf": csrf, "title": m, "body": "Fan-out."})
        )
        if status != 303:
            die(f"fan-out post: HTTP {status}")
        await asyncio.sleep(1.0)
    await asyncio.sleep(1.5)
    out, _ = await loop.run_in_executor(None, lambda: wrk.communicate(timeout=wrk_secs + 30))
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    return connected, results, rps.group(1) if rps else "?", p99.group(1) if p99 else "?"


def main():
    global PORT
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--email", required=True)
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--streams", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--render-rounds", type=int, default=40)
    a = ap.parse_args()
    m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)", a.base)
    if not m:
        die("loopback only: --base http://127.0.0.1:PORT")
    PORT = int(m.group(1))

    editor = Session(a.base)
    _, body, _ = editor.get("/compte/connexion")
    csrf = CSRF.search(body).group(1)
    if editor.post("/compte/connexion", {"csrf": csrf, "email": a.email, "password": PASSWORD, "retour": "/"}) != 303:
        die("log-in refused")
    _, body, _ = editor.get("/direct")
    link = LIVE_LINK.search(body)
    if not link:
        die("no demo live blog on /direct")
    page, blog_id = link.group(1), link.group(2)
    desk = f"/admin/articles/{blog_id}/direct"

    added, secs = seed(editor, desk, a.posts)
    print(f"live blog {page}: {a.posts} posts ({added} written through the composer in {secs:.1f} s, "
          f"{added / secs if secs else 0:.0f} posts/s)")
    _, body, _ = editor.get(desk)
    csrf = CSRF.search(body).group(1)

    pages = (a.posts + 49) // 50
    first, other, hit_ms, etag = render_cost(editor, desk, csrf, a.pid, page, pages, a.render_rounds)
    print(f"render of the first page (50 posts), uncached: {first[1]:.2f} ms CPU ({first[0]} renders; "
          f"whole server process incl. SQLite; target < 5 ms)")
    print(f"render of the older pages 2-{pages} (OFFSET up to {a.posts - 50}), uncached: {other[1]:.2f} ms CPU "
          f"({other[0]} renders)")
    print(f"served from the page cache between posts: {hit_ms:.3f} ms CPU per GET (2000 GETs, ETag {etag} unchanged)")

    status, body, _ = editor.get(page)
    rev = REV.search(body).group(1)
    connected, res, rps, p99 = asyncio.run(
        fan_out(editor, desk, csrf, blog_id, rev, page, a.streams, a.rounds, 16)
    )
    lat = sorted(res["lat"])
    expected = connected * a.rounds
    print(f"fan-out: {connected}/{a.streams} streams connected ({res['refused']} refused, {res['failed']} failed), "
          f"{a.rounds} posts one second apart")
    if lat:
        q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
        late = sum(1 for x in lat if x > 1.0)
        print(f"  receipts {len(lat)}/{expected}; latency POST start -> reader (ms): "
              f"p50 {q(0.50):.0f}, p90 {q(0.90):.0f}, p99 {q(0.99):.0f}, max {lat[-1] * 1000:.0f}, "
              f"mean {statistics.mean(lat) * 1000:.0f}; over 1 s: {late}")
    print(f"  page during the fan-out (wrk -t1 -c16): {rps} requests/s, p99 {p99}")
    if connected < a.streams:
        die(f"only {connected} of {a.streams} readers could connect")
    if not lat or len(lat) < expected:
        die("some readers did not get every post")


if __name__ == "__main__":
    main()
