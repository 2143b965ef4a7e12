#!/usr/bin/env python3
"""The first read after a change, for bench/scale.sh (AFTER_CHANGE=1): reads each route given on stdin (one
"label<TAB>path" a line) once, as a dashboard would, so the server knows them as read lately; runs the change command
(another process writing: a CLI tag), then, WAIT seconds after the change, reads each route once more, one after
another, and prints how long each took and whether it shows the new version (its ETag moved). With the read cache's
refresh-ahead (docs/DOMAIN.md §6.14) the server renders the routes again after the change on its own; without it the
first reader renders. Asserts nothing.

    after_change.py BASE_URL DB_LABEL CHANGE_COMMAND      env: WAIT=20 TOKEN=... TIMEOUT=120
"""
import http.client
import os
import subprocess
import sys
import time
import urllib.parse

base = urllib.parse.urlsplit(sys.argv[1])
label_db, change = sys.argv[2], sys.argv[3]
token = os.environ.get("TOKEN")
wait = float(os.environ.get("WAIT", "20"))
timeout = float(os.environ.get("TIMEOUT", "120"))


def get(path):
    """(seconds, status, etag) of one identity request read to its last byte, on a new connection."""
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)
    headers = {"Accept-Encoding": "identity"}
    if token:
        headers["Authorization"] = "Bearer " + token
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    while r.read(1 << 16):
        pass
    took = time.perf_counter() - t
    conn.close()
    return took, r.status, r.getheader("ETag")


routes = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
before = {}
for label, path in routes:
    before[label] = get(path)
t = time.perf_counter()
subprocess.run(change, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
changed = time.perf_counter()
print(f"{label_db:8} change ({change.split()[0]}...) took {changed - t:.1f} s; reads start {wait:.0f} s after it")
time.sleep(max(0.0, wait))
print(f"{label_db:8} {'route':45} {'before':>10} {'after':>10}  new version")
for label, path in routes:
    took, status, etag = get(path)
    print(f"{label_db:8} {label:45} {before[label][0] * 1000:8.0f} ms {took * 1000:8.0f} ms  "
          f"{'yes' if etag != before[label][2] else 'NO'} ({status})")
