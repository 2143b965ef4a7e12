#!/usr/bin/env python3
"""Times every route given on stdin (one "label<TAB>path" a line) against a running server, for bench/scale.sh:
first rendered afresh (Cache-Control: no-cache, so the read cache does not hide the work), then rendered afresh for a
client that takes gzip (what a browser sends: the body comes compressed), then as a repeated read (the read cache may
answer). One keep-alive connection, requests one after another, each timed to its last byte.
Per route and mode: up to COUNT requests or SECONDS seconds (at least MIN). Prints p50, p99 (with fewer than 100
requests the worst) and the body size; asserts nothing.

    latency.py BASE_URL [DB_LABEL]      env: COUNT_COMPUTED=10 COUNT_CACHED=50 SECONDS=15 MIN=3 WARM=1 TIMEOUT=120
                                        TOKEN=...   (a request over TIMEOUT seconds ends the route's timing: ">120 s")
"""
import http.client
import os
import sys
import time
import urllib.parse

base = urllib.parse.urlsplit(sys.argv[1])
label_db = sys.argv[2] if len(sys.argv) > 2 else ""
token = os.environ.get("TOKEN")
limits = {"computed": int(os.environ.get("COUNT_COMPUTED", "10")), "cached": int(os.environ.get("COUNT_CACHED", "50"))}
limits["gzip"] = limits["computed"]
seconds = float(os.environ.get("SECONDS", "15"))
minimum = int(os.environ.get("MIN", "3"))
timeout = float(os.environ.get("TIMEOUT", "120"))
conn = http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)


class TimedOut(Exception):
    pass


def get(path, fresh, encoding="identity"):
    """(seconds, status, bytes) of one request read to its last byte; TimedOut after TIMEOUT seconds in all."""
    global conn
    headers = {"Accept-Encoding": encoding}
    if fresh:
        headers["Cache-Control"] = "no-cache"
    if token:
        headers["Authorization"] = "Bearer " + token
    t = time.perf_counter()
    try:
        conn.request("GET", path, headers=headers)
        r = conn.getresponse()
        size = 0
        while True:
            chunk = r.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if time.perf_counter() - t > timeout:
                raise TimedOut()
    except (TimedOut, OSError):
        conn.close()  # the server may still be rendering; a new connection for the next request
        conn = http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)
        raise TimedOut()
    return time.perf_counter() - t, r.status, size


def pct(times, p):
    s = sorted(times)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


def fmt(sec):
    if sec == float("inf"):
        return ">%.0f s" % timeout
    return "%.0f ms" % (sec * 1000) if sec < 10 else "%.1f s" % sec


ROW = "%-8s %-52s %5s %10s %10s %10s %4s %10s %10s %4s %10s %10s %4s"
print(ROW % ("db", "route", "code", "bytes", "computed", "p99", "n", "gzip", "p99", "n", "cached", "p99", "n"),
      flush=True)
routes = [tuple(line.rstrip("\n").split("\t")) for line in sys.stdin if line.strip() and not line.startswith("#")]
slow = set()
if os.environ.get("WARM", "1") != "0":  # one rendering of every route first: the JIT's warm-up is not measured
    for _, path in routes:
        try:
            get(path, True)
        except TimedOut:
            slow.add(path)
worst = []
for name, path in routes:
    cols = []
    status = size = None
    for mode in ("computed", "gzip", "cached"):
        times = []
        try:
            if path in slow:
                raise TimedOut()
            if mode == "cached":
                get(path, False)  # the read that fills the cache
            start = time.perf_counter()
            while len(times) < limits[mode] and (len(times) < minimum or time.perf_counter() - start < seconds):
                if mode == "gzip":
                    t, _, _ = get(path, True, "gzip")
                else:
                    t, status, size = get(path, mode == "computed")
                times.append(t)
        except TimedOut:
            slow.add(path)
            times = [float("inf")]
        cols += [fmt(pct(times, 50)), fmt(pct(times, 99)), str(len(times))]
        if mode != "cached":
            worst.append((pct(times, 99), name, mode))
    print(ROW % (label_db, name[:52], status, size, *cols), flush=True)
for mode in ("computed", "gzip"):
    over = [n for t, n, m in worst if m == mode and t >= 1.0]
    print("%-8s routes with a %s p99 of 1 s or more: %s" % (label_db, "computed" if mode == "computed"
          else "computed gzip", ", ".join(over) if over else "none"))
