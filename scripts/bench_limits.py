#!/usr/bin/env python3
"""Abuse figures for issue 13, item 6, against a running Kiosque on loopback (bounded in time).

    python3 scripts/bench_limits.py http://127.0.0.1:PORT ARTICLE_ID [--streams 2000] [--half-open 300]

1. Opens `--streams` live-comment streams from this one address and counts the answers
   (200 kept open, 429 refused), then runs `wrk -t2 -c16 -d5s` on the front page while they
   are open.
2. Opens `--half-open` connections that send half a request's headers and times how long the
   server keeps them (the header-read timeout), with wrk on the front page meanwhile.
Prints one line per figure. Needs wrk on the PATH.
"""
import argparse
import asyncio
import re
import subprocess
import time
from urllib.parse import urlparse


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", "-d5s", "--latency", url],
        capture_output=True, text=True, timeout=30,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    return (rps.group(1) if rps else "?"), (p99.group(1) if p99 else "?")


async def open_stream(host, port, path):
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
        w.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await w.drain()
        line = await asyncio.wait_for(r.readline(), 10)
        status = int(line.split()[1]) if line else 0
        return status, (r, w)
    except Exception:
        return 0, None


async def half_open(host, port):
    start = time.monotonic()
    try:
        r, w = await asyncio.open_connection(host, port)
        w.write(f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Ag".encode())
        await w.drain()
        await asyncio.wait_for(r.read(), 60)
        return time.monotonic() - start
    except asyncio.TimeoutError:
        return None
    except Exception:
        return time.monotonic() - start


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("article", type=int)
    ap.add_argument("--streams", type=int, default=2000)
    ap.add_argument("--half-open", type=int, default=300)
    a = ap.parse_args()
    u = urlparse(a.base)
    host, port = u.hostname, u.port
    front = a.base.rstrip("/") + "/"

    rps, p99 = await asyncio.to_thread(wrk, front)
    print(f"baseline front page: {rps} req/s, p99 {p99}")

    path = f"/articles/{a.article}/commentaires/flux"
    results = await asyncio.gather(*(open_stream(host, port, path) for _ in range(a.streams)))
    counts = {}
    for status, _ in results:
        counts[status] = counts.get(status, 0) + 1
    print(f"{a.streams} streams from one address: {dict(sorted(counts.items()))}")
    rps, p99 = await asyncio.to_thread(wrk, front)
    print(f"front page with the streams open: {rps} req/s, p99 {p99}")
    for _, conn in results:
        if conn:
            conn[1].close()

    tasks = [asyncio.create_task(half_open(host, port)) for _ in range(a.half_open)]
    await asyncio.sleep(0.5)
    rps, p99 = await asyncio.to_thread(wrk, front)
    print(f"front page with {a.half_open} half-open connections: {rps} req/s, p99 {p99}")
    held = await asyncio.gather(*tasks)
    closed = [h for h in held if h is not None]
    print(
        f"{a.half_open} half-open connections: {len(closed)} closed by the server, "
        f"longest kept {max(closed) if closed else float('nan'):.1f} s, "
        f"{len(held) - len(closed)} still open after 60 s"
    )


asyncio.run(main())
