#!/usr/bin/env python3
"""Helper of scripts/load-comments.sh (Python 3 standard library only).

Two subcommands:

  load    logs members in over HTTP, then for a fixed duration has every member post comments
          concurrently (one thread per member) while readers load the article page (wrk if it
          is installed, Python reader threads otherwise). Writes every acknowledged comment
          (id, body) and the counters to a JSON file.
  verify  after the server has stopped, looks up every acknowledged comment in the SQLite
          database, prints the summary table and exits non-zero if any is missing or changed.

Loopback only: `load` refuses any base URL that is not http://127.0.0.1:PORT/. Every HTTP call
has a timeout, every loop is bounded by the duration and by an absolute deadline, and the only
process it starts (wrk) is stopped by its PID.
"""

import argparse
import html
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

ARTICLE_LINK = re.compile(r'href="(/monde/syrie-poutine[^"]*\.html)"')
HIDDEN_CSRF = re.compile(r'<input[^>]*name="csrf"[^>]*>')
COMMENT_FORM = re.compile(r"<form[^>]*data-comment-form[^>]*>(.*?)</form>", re.S)
INPUT_TAG = re.compile(r"<input\b[^>]*>")
ATTR = re.compile(r'([a-zA-Z_-]+)="([^"]*)"')

# Sentences a reader might write under an article on Syria; bodies are built from them.
SENTENCES = [
    "Merci pour cet article très clair sur la situation.",
    "On oublie trop souvent le sort des civils restés à Alep.",
    "La diplomatie russe joue ici une partie à plusieurs coups d’avance.",
    "Je ne suis pas sûr que l’Europe ait encore les moyens de peser.",
    "Le rôle de la Turquie mériterait un article à lui seul.",
    "Qu’en pensent les habitants eux-mêmes ? On les entend rarement.",
    "Les chiffres cités sont effrayants, et pourtant probablement sous-estimés.",
    "Il faudrait rappeler la chronologie depuis 2011 pour bien comprendre.",
    "Belle analyse, même si je ne partage pas la conclusion.",
    "Les négociations d’Astana changeront-elles vraiment quelque chose ?",
    "Où en est l’aide humanitaire promise l’an dernier ?",
    "Un reportage sur place serait le bienvenu, avec des témoignages.",
    "La question des réfugiés reste entière, ici comme ailleurs.",
    "On aimerait connaître la position des pays du Golfe.",
    "Très instructif : je partage avec mes élèves de terminale.",
]


def die(msg):
    print(f"load_comments: {msg}", file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------------------------------------
# HTTP: one keep-alive connection per client, a timeout on every call, cookies by hand.


class Client:
    """A browser-like client on one keep-alive connection, with its own cookies."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = None
        self.cookies = {}

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None

    def request(self, method, path, form=None, headers=None):
        """Returns (status, headers, body bytes). Raises OSError / HTTPException on failure,
        after dropping the connection so that the next call opens a fresh one."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        hdrs = {"User-Agent": "kiosque-load-comments"}
        if headers:
            hdrs.update(headers)
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=hdrs)
            resp = self.conn.getresponse()
            data = resp.read()
        except Exception:
            self.close()
            raise
        for raw in resp.headers.get_all("Set-Cookie") or []:
            self._set_cookie(raw)
        if resp.will_close:
            self.close()
        return resp.status, resp.headers, data

    def _set_cookie(self, raw):
        parts = [p.strip() for p in raw.split(";")]
        if "=" not in parts[0]:
            return
        name, value = parts[0].split("=", 1)
        attrs = {p.split("=", 1)[0].lower(): (p.split("=", 1)[1] if "=" in p else "") for p in parts[1:]}
        if value == "" or attrs.get("max-age") == "0":
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


def inputs_of(fragment):
    """name -> value of the <input> tags of an HTML fragment."""
    out = {}
    for tag in INPUT_TAG.findall(fragment):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs:
            out[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return out


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


# ---------------------------------------------------------------------------------------------
# load


def log_in(host, port, timeout, email, password, article_path):
    """Logs one member in; returns (client, csrf, article_id) or raises RuntimeError."""
    c = Client(host, port, timeout)
    status, _, page = c.request("GET", "/compte/connexion")
    if status != 200:
        raise RuntimeError(f"GET /compte/connexion answered {status}")
    m = HIDDEN_CSRF.search(page.decode("utf-8", "replace"))
    token = inputs_of(m.group(0)).get("csrf") if m else None
    if not token or "kiosque_csrf" not in c.cookies:
        raise RuntimeError("the log-in page has no csrf token or cookie")
    form = {"csrf": token, "email": email, "password": password, "retour": "/"}
    status, _, _ = c.request("POST", "/compte/connexion", form=form)
    if status != 303 or "kiosque_session" not in c.cookies:
        raise RuntimeError(f"log-in answered {status} (session cookie: {'kiosque_session' in c.cookies})")
    status, _, page = c.request("GET", article_path)
    if status != 200:
        raise RuntimeError(f"GET {article_path} answered {status}")
    m = COMMENT_FORM.search(page.decode("utf-8", "replace"))
    if not m:
        raise RuntimeError("the article page shows no comment form to this member")
    fields = inputs_of(m.group(1))
    if not fields.get("csrf") or not fields.get("article_id"):
        raise RuntimeError("the comment form lacks csrf or article_id")
    return c, fields["csrf"], fields["article_id"]


def make_body(rng, member, seq):
    """A unique comment of 100 to 400 characters: "load-<member>-<seq> " and sentences."""
    target = rng.randint(100, 400)
    text = f"load-{member}-{seq} "
    while True:
        s = rng.choice(SENTENCES)
        sep = "\n\n" if rng.random() < 0.15 else " "
        candidate = text + s if text.endswith(" ") else text + sep + s
        if len(candidate) > target and len(text) >= 100:
            break
        if len(candidate) > 400:
            candidate = candidate[:400].rstrip()
            text = candidate
            break
        text = candidate
    return text.strip()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.acked = []  # [id, body, status, member]
        self.errors = {}  # kind -> count
        self.latencies = []  # seconds, acknowledged posts only
        self.acked_at = {}  # id -> monotonic time of the acknowledgement

    def error(self, kind):
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def poster(idx, client, csrf, article_id, start_evt, stop_at, hard_stop, stats, seed):
    rng = random.Random(seed * 1000 + idx)
    seq = 0
    start_evt.wait()
    while time.monotonic() < stop_at and time.time() < hard_stop:
        seq += 1
        body = make_body(rng, idx, seq)
        form = {"csrf": csrf, "article_id": article_id, "body": body}
        t0 = time.monotonic()
        try:
            status, _, data = client.request(
                "POST", "/commentaires", form=form, headers={"Accept": "application/json"}
            )
        except TimeoutError:
            stats.error("timeout")
            continue
        except (OSError, http.client.HTTPException) as e:
            stats.error(f"connection: {type(e).__name__}")
            time.sleep(0.05)
            continue
        dt = time.monotonic() - t0
        if status != 201:
            stats.error(f"HTTP {status}")
            if status == 429:
                time.sleep(0.2)
            continue
        try:
            doc = json.loads(data)
            cid = int(doc["id"])
        except (ValueError, KeyError, TypeError):
            stats.error("201 without a JSON id")
            continue
        with stats.lock:
            stats.acked.append([cid, body, doc.get("status"), idx])
            stats.latencies.append(dt)
            stats.acked_at[cid] = time.monotonic()
    client.close()


def reader(host, port, timeout, path, start_evt, stop_at, hard_stop, out):
    """Fallback reader when wrk is missing: GETs the article page in a loop."""
    c = Client(host, port, timeout)
    lat, errors = [], {}
    start_evt.wait()
    while time.monotonic() < stop_at and time.time() < hard_stop:
        t0 = time.monotonic()
        try:
            status, _, _ = c.request("GET", path)
        except (OSError, http.client.HTTPException) as e:
            k = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
            errors[k] = errors.get(k, 0) + 1
            continue
        if status == 200:
            lat.append(time.monotonic() - t0)
        else:
            errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
    c.close()
    out.append((lat, errors))


def probe(host, port, timeout, path, start_evt, stop_at, hard_stop, out):
    """One GET of the article page at a time, for the whole phase: the longest wait a reader
    had, including a request still blocked when the load stops (wrk counts only completed ones)."""
    c = Client(host, port, timeout)
    worst, n, timeouts = 0.0, 0, 0
    start_evt.wait()
    while time.monotonic() < stop_at and time.time() < hard_stop:
        t0 = time.monotonic()
        try:
            c.request("GET", path)
            n += 1
        except TimeoutError:
            timeouts += 1
        except (OSError, http.client.HTTPException):
            pass
        worst = max(worst, time.monotonic() - t0)
        time.sleep(0.05)
    c.close()
    out.update({"probe_requests": n, "probe_worst_s": worst, "probe_timeouts": timeouts})


def watcher(host, port, timeout, article_id, start_evt, stop_at, hard_stop, out):
    """Another reader's open page: the article's live comment stream (server-sent events).
    Records when each comment id arrives, to measure accepted-to-visible; reconnects after
    the last id it saw when the connection drops (a server restarted by --crash)."""
    seen, last, reconnects = {}, 0, 0
    start_evt.wait()
    while time.monotonic() < stop_at and time.time() < hard_stop:
        conn = http.client.HTTPConnection(host, port, timeout=1.0)
        try:
            vu = int(time.time() * 1000)
            conn.request("GET", f"/articles/{article_id}/commentaires/flux?depuis={last}&vu={vu}",
                         headers={"Accept": "text/event-stream"})
            resp = conn.getresponse()
            if resp.status != 200:
                raise OSError(f"stream answered {resp.status}")
            while time.monotonic() < stop_at and time.time() < hard_stop:
                try:
                    line = resp.fp.readline()
                except TimeoutError:
                    continue
                if not line:
                    raise OSError("stream closed")
                if line.startswith(b"id:"):
                    try:
                        cid = int(line[3:].strip())
                    except ValueError:
                        continue
                    seen.setdefault(cid, time.monotonic())
                    last = max(last, cid)
        except (OSError, http.client.HTTPException):
            reconnects += 1
            time.sleep(0.1)
        finally:
            conn.close()
    out.update({"seen": seen, "reconnects": reconnects})


def parse_wrk(text):
    """Requests/s, p99 (ms), total requests, non-2xx/3xx and socket errors from wrk --latency."""
    res = {"rps": None, "p99_ms": None, "requests": None, "non_2xx": 0, "socket_errors": 0, "timeouts": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        res["rps"] = float(m.group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if m:
        res["p99_ms"] = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    m = re.search(r"(\d+) requests in", text)
    if m:
        res["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        res["non_2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        connect, read, write, timeout = (int(x) for x in m.groups())
        res["socket_errors"] = connect + read + write
        res["timeouts"] = timeout
    return res


def cmd_load(a):
    u = urllib.parse.urlsplit(a.base)
    if u.scheme != "http" or u.hostname != "127.0.0.1" or not u.port:
        die(f"refusing a non-loopback target: {a.base}")
    host, port = "127.0.0.1", u.port
    hard_stop = a.deadline  # absolute (epoch seconds); nothing starts past it
    password = os.environ.get("LOAD_PASSWORD", "")
    if not password:
        die("LOAD_PASSWORD is not set")

    # SIGTERM from the shell script: unwind through `finally` so that wrk is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    front = Client(host, port, a.timeout)
    status, _, page = front.request("GET", "/")
    front.close()
    m = ARTICLE_LINK.search(page.decode("utf-8", "replace")) if status == 200 else None
    if not m:
        die(f"the fixture article is not on the front page (GET / answered {status})")
    path = m.group(1)
    print(f"article: {path}")

    # ---- log every member in (a few at a time: each log-in verifies an argon2 hash)
    t0 = time.monotonic()
    sessions, failures = [None] * a.members, []
    todo = list(range(a.members))
    lock = threading.Lock()

    def login_worker():
        while time.time() < hard_stop:
            with lock:
                if not todo:
                    return
                i = todo.pop(0)
            email = f"member{i + 1}@exemple.fr"
            try:
                sessions[i] = log_in(host, port, a.timeout, email, password, path)
            except (RuntimeError, OSError, http.client.HTTPException) as e:
                with lock:
                    failures.append(f"{email}: {e}")

    workers = [threading.Thread(target=login_worker, daemon=True) for _ in range(min(a.login_jobs, a.members))]
    for w in workers:
        w.start()
    for w in workers:
        w.join(max(0.0, hard_stop - time.time()))
    ready = [(i, s) for i, s in enumerate(sessions) if s is not None]
    login_s = time.monotonic() - t0
    print(f"logged in: {len(ready)}/{a.members} members in {login_s:.1f} s")
    for f in failures[:5]:
        print(f"  log-in failure: {f}", file=sys.stderr)
    if not ready:
        die("no member could log in")
    article_ids = {s[2] for _, s in ready}
    if len(article_ids) != 1:
        die(f"members see different article ids: {sorted(article_ids)}")

    # ---- the measured phase
    stats = Stats()
    start_evt = threading.Event()
    wrk_proc, reader_out, reader_threads = None, [], []
    url = f"http://127.0.0.1:{port}{path}"
    result = {
        "members": a.members,
        "logged_in": len(ready),
        "login_failures": failures,
        "login_seconds": login_s,
        "duration": a.duration,
        "read_timeout": max(1, int(a.read_timeout)) if a.wrk else a.read_timeout,
        "timeout": a.timeout,
        "article_path": path,
        "article_id": next(iter(article_ids)),
    }
    try:
        duration = min(a.duration, max(1.0, hard_stop - time.time() - 2 * a.timeout))
        # The stop time is only known at the start: pass it through a mutable holder.
        holder = {}

        def run_poster(i, c, csrf, aid):
            start_evt.wait()
            poster(i, c, csrf, aid, start_evt, holder["stop_at"], hard_stop, stats, a.seed)

        threads = [
            threading.Thread(target=run_poster, args=(i + 1, c, csrf, aid), daemon=True)
            for i, (c, csrf, aid) in ready
        ]
        for t in threads:
            t.start()
        if a.wrk:
            cmd = [a.wrk, f"-t{a.wrk_threads}", f"-c{a.wrk_conns}", f"-d{int(round(duration))}s",
                   "--latency", "--timeout", f"{max(1, int(a.read_timeout))}s", url]
            result["readers"] = " ".join(cmd[:-1])
        else:
            result["readers"] = f"{a.readers} Python reader threads"
        print(f"load: {len(ready)} posters for {duration:.0f} s; readers: {result['readers']}")
        t_start = time.monotonic()
        holder["stop_at"] = t_start + duration
        stop_at = holder["stop_at"]
        if a.wrk:
            wrk_proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        else:
            reader_threads = [
                threading.Thread(
                    target=reader,
                    args=(host, port, a.read_timeout, path, start_evt, stop_at, hard_stop, reader_out),
                    daemon=True,
                )
                for _ in range(a.readers)
            ]
            for t in reader_threads:
                t.start()
        probe_out = {}
        probe_thread = threading.Thread(
            target=probe,
            args=(host, port, a.timeout, path, start_evt, stop_at, hard_stop, probe_out),
            daemon=True,
        )
        probe_thread.start()
        watch_out = {}
        watch_thread = threading.Thread(
            target=watcher,
            args=(host, port, a.timeout, result["article_id"], start_evt, stop_at, hard_stop, watch_out),
            daemon=True,
        )
        watch_thread.start()
        start_evt.set()
        if a.started_file:
            with open(a.started_file, "w", encoding="utf-8") as f:
                f.write(str(time.time()))
        join_until = min(hard_stop, time.time() + duration + 2 * a.timeout + 5)
        for t in threads + reader_threads + [probe_thread, watch_thread]:
            t.join(max(0.0, join_until - time.time()))
        elapsed = time.monotonic() - t_start
        stuck = sum(t.is_alive() for t in threads + reader_threads + [probe_thread])
        if wrk_proc is not None:
            try:
                out, _ = wrk_proc.communicate(timeout=max(1.0, min(duration + a.timeout + 10, hard_stop - time.time())))
            except subprocess.TimeoutExpired:
                wrk_proc.kill()
                out, _ = wrk_proc.communicate(timeout=5)
            result["wrk_output"] = out
            result["reads"] = parse_wrk(out)
            result["reads"]["exit"] = wrk_proc.returncode
        else:
            lat = [x for l, _ in reader_out for x in l]
            errs = {}
            for _, e in reader_out:
                for k, v in e.items():
                    errs[k] = errs.get(k, 0) + v
            result["reads"] = {
                "rps": len(lat) / elapsed if elapsed > 0 else 0.0,
                "p99_ms": (percentile(lat, 99) or 0) * 1000,
                "requests": len(lat),
                "non_2xx": sum(v for k, v in errs.items() if k.startswith("HTTP")),
                "socket_errors": sum(v for k, v in errs.items() if not k.startswith("HTTP") and k != "timeout"),
                "timeouts": errs.get("timeout", 0),
            }
        with stats.lock:
            acked = list(stats.acked)
            lat = list(stats.latencies)
            errors = dict(stats.errors)
            acked_at = dict(stats.acked_at)
        seen = watch_out.get("seen", {})
        published = [c[0] for c in acked if c[2] in (None, "published")]
        visible = [max(0.0, seen[cid] - acked_at[cid]) for cid in published if cid in seen and cid in acked_at]
        result["visibility"] = {
            "published_acked": len(published),
            "seen": len(visible),
            "p50_ms": (percentile(visible, 50) or 0) * 1000,
            "p99_ms": (percentile(visible, 99) or 0) * 1000,
            "max_ms": max(visible, default=0) * 1000,
            "reconnects": watch_out.get("reconnects", 0),
        }
        result.update(
            {
                "elapsed": elapsed,
                "stuck_threads": stuck,
                "acked": acked,
                "errors": errors,
                "post_p50_ms": (percentile(lat, 50) or 0) * 1000,
                "post_p99_ms": (percentile(lat, 99) or 0) * 1000,
                "probe": probe_out,
            }
        )
    finally:
        if wrk_proc is not None and wrk_proc.poll() is None:
            wrk_proc.kill()
            wrk_proc.wait(5)
        if "acked" not in result:  # interrupted: keep what was acknowledged so far
            with stats.lock:
                result.update({"acked": list(stats.acked), "errors": dict(stats.errors), "interrupted": True})
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False)
    print(f"posted: {len(result['acked'])} acknowledged in {result.get('elapsed', 0):.1f} s")
    return 0


# ---------------------------------------------------------------------------------------------
# verify


def stored_comments(a, ids):
    """{id: (body, status)} of the acknowledged ids, and how many 'load-' comments are stored,
    from the SQLite file (--db) or PostgreSQL (--pg-url, through psql)."""
    rows = {}
    if a.pg_url:
        # Unit and record separators: bodies hold newlines and tabs.
        out = subprocess.run(
            ["psql", a.pg_url, "-At", "-F", "\x1f", "-R", "\x1e", "-c",
             "select id, body, status from comments where body like 'load-%'"],
            check=True, capture_output=True, timeout=120,
        ).stdout.decode()
        wanted = set(ids)
        stored = 0
        for rec in out.split("\x1e"):
            if not rec.strip("\n"):
                continue
            cid, body, status = rec.strip("\n").split("\x1f")
            stored += 1
            if int(cid) in wanted:
                rows[int(cid)] = (body, status)
        return rows, stored
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True, timeout=10)
    try:
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            q = f"select id, body, status from comments where id in ({','.join('?' * len(chunk))})"
            for cid, body, status in db.execute(q, chunk):
                rows[cid] = (body, status)
        # Comments the server stored but never acknowledged (e.g. the client timed out).
        stored = db.execute("select count(*) from comments where body like 'load-%'").fetchone()[0]
    finally:
        db.close()
    return rows, stored


def cmd_verify(a):
    with open(a.results, encoding="utf-8") as f:
        r = json.load(f)
    acked = r.get("acked", [])
    ids = [c[0] for c in acked]
    rows, stored_load = stored_comments(a, ids)
    missing, changed, status_diff = [], [], 0
    for cid, body, status, _member in acked:
        if cid not in rows:
            missing.append(cid)
        elif rows[cid][0] != body:
            changed.append(cid)
        elif status and rows[cid][1] != status:
            status_diff += 1
    found = len(acked) - len(missing) - len(changed)
    dup_ids = len(ids) - len(set(ids))

    elapsed = r.get("elapsed") or r.get("duration") or 1
    reads = r.get("reads") or {}
    errors = r.get("errors") or {}
    statuses = {}
    for c in acked:
        statuses[c[2]] = statuses.get(c[2], 0) + 1

    def fmt(v, spec):
        return "n/a" if v is None else format(v, spec)

    rows_out = [
        ("members logged in", f"{r.get('logged_in', 0)}/{r.get('members', 0)} ({fmt(r.get('login_seconds'), '.1f')} s)"),
        ("posting time", f"{elapsed:.1f} s"),
        ("comments acknowledged", f"{len(acked)} ({', '.join(f'{k}: {v}' for k, v in sorted(statuses.items(), key=str)) or 'none'})"),
        ("comments/s accepted", f"{len(acked) / elapsed:.1f}"),
        ("post latency p50 / p99", f"{fmt(r.get('post_p50_ms'), '.1f')} / {fmt(r.get('post_p99_ms'), '.1f')} ms"),
        ("post errors", ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "none"),
        ("readers", r.get("readers", "n/a")),
        ("reads/s held", fmt(reads.get("rps"), ".1f")),
        ("read p99 (completed)", f"{fmt(reads.get('p99_ms'), '.2f')} ms"),
        ("read errors", f"non-2xx/3xx: {reads.get('non_2xx', 'n/a')}, socket: {reads.get('socket_errors', 'n/a')}, "
                        f"timeouts (> {r.get('read_timeout', '?')} s): {reads.get('timeouts', 'n/a')}"),
        ("longest read (probe)", f"{fmt((r.get('probe') or {}).get('probe_worst_s'), '.2f')} s over "
                                 f"{(r.get('probe') or {}).get('probe_requests', 'n/a')} sequential GETs, "
                                 f"{(r.get('probe') or {}).get('probe_timeouts', 'n/a')} timed out (> {r.get('timeout', '?')} s)"),
        ("accepted-to-visible", (lambda v: f"p50 {v.get('p50_ms', 0):.1f} ms, p99 {v.get('p99_ms', 0):.1f} ms, "
                                            f"max {v.get('max_ms', 0):.1f} ms ({v.get('seen', 0)} of "
                                            f"{v.get('published_acked', 0)} published seen on another "
                                            f"reader's live stream, {v.get('reconnects', 0)} reconnects)")(
            r.get("visibility") or {})),
        ("server stop", f"SIG{a.stop_signal}, exit {a.server_exit}, {a.stop_seconds:.2f} s"),
        ("server warnings/errors", str(a.server_warnings)),
        ("stored 'load-' comments", f"{stored_load} (acknowledged {len(acked)})"),
    ]
    if changed:
        rows_out.append(("bodies changed", f"{len(changed)} (ids {changed[:10]})"))
    if status_diff:
        rows_out.append(("status differs from ack", str(status_diff)))
    if dup_ids:
        rows_out.append(("duplicate acknowledged ids", str(dup_ids)))
    if r.get("interrupted"):
        rows_out.append(("load phase", "INTERRUPTED"))
    if a.crash:
        rows_out.append(("crash", a.crash))
    if r.get("stuck_threads"):
        rows_out.append(("threads still running", str(r["stuck_threads"])))

    width = max(len(k) for k, _ in rows_out)
    print()
    print("== Kiosque comment load test: summary ==")
    for k, v in rows_out:
        print(f"{k:<{width}}  {v}")
    print()
    print(f"durability: {found}/{len(acked)} acknowledged comments found")
    ok = not missing and not changed and not dup_ids and len(acked) > 0 and not r.get("interrupted")
    if missing:
        print(f"MISSING ids (first 20): {missing[:20]}", file=sys.stderr)
    if not acked:
        print("no comment was acknowledged: nothing was tested", file=sys.stderr)
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    l = sub.add_parser("load", help="log members in and post comments under read load")
    l.add_argument("--base", required=True, help="http://127.0.0.1:PORT/")
    l.add_argument("--members", type=int, default=50)
    l.add_argument("--duration", type=float, default=10.0)
    l.add_argument("--deadline", type=float, required=True, help="absolute epoch seconds: stop by then")
    l.add_argument("--timeout", type=float, default=10.0, help="seconds, per HTTP call")
    l.add_argument("--login-jobs", type=int, default=6)
    l.add_argument("--wrk", default="", help="path to wrk; empty: Python reader threads")
    l.add_argument("--wrk-threads", type=int, default=1)
    l.add_argument("--wrk-conns", type=int, default=16)
    l.add_argument("--readers", type=int, default=4, help="Python reader threads without wrk")
    l.add_argument("--read-timeout", type=float, default=2.0, help="seconds: a slower read is an error")
    l.add_argument("--seed", type=int, default=1)
    l.add_argument("--out", required=True)
    l.add_argument("--started-file", default="", help="written when the posting starts")
    v = sub.add_parser("verify", help="check acknowledged comments in the SQLite database")
    v.add_argument("--db", default="", help="the SQLite file")
    v.add_argument("--pg-url", default="", help="or the PostgreSQL database")
    v.add_argument("--crash", default="", help="what the crash mode saw, to print")
    v.add_argument("--results", required=True)
    v.add_argument("--stop-signal", default="TERM")
    v.add_argument("--server-exit", default="?")
    v.add_argument("--stop-seconds", type=float, default=0.0)
    v.add_argument("--server-warnings", type=int, default=0)
    a = p.parse_args()
    sys.exit(cmd_load(a) if a.cmd == "load" else cmd_verify(a))


if __name__ == "__main__":
    main()
