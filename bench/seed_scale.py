#!/usr/bin/env python3
"""Seeds a migrated BİGR database with N assets and S scans of history for bench/scale.sh, by bulk SQL (SQLite) or
COPY (PostgreSQL through psql), in a few minutes instead of S saves through the API.

    seed_scale.py sqlite PATH [N] [S]          PATH: a migrated SQLite file
    seed_scale.py postgres DBNAME [N] [S]      DBNAME: a migrated database on 127.0.0.1:5432 (user postgres)

The data looks like a real network's (deterministic, seed 15): /24 subnets of 10.0.0.0/8, device kinds with their
vendors, MAC prefixes, host names, ports, banners, device types, products and OS, category and confidence; one scan a
day for S days up to an hour ago; 99% of the assets seen from the first scan, 1% appearing later, 0.5% leaving
(missed, then gone after three misses), 0.2% missed once per scan; field changes (hostname, vendor, category,
confidence, OS hint), ports opened and closed; the change rows a save writes for each of these (docs/DOMAIN.md
§3.4, §3.15); labelled subnets, certificates on TLS ports, switches with assets placed on their ports. Rows land as
the application writes them (timestamps as epoch milliseconds on SQLite, timestamptz on PostgreSQL; JSON text
columns). Prints what it wrote.
"""
import csv
import io
import json
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

KIND_TABLE = [
    # weight, device_type, category, vendors, mac prefixes, ports, os_hint, os, products, host prefix
    (22, "workstation", "tasinabilir", ["Dell", "HP", "Lenovo"], ["a4:bb:6d", "3c:52:82", "54:e1:ad"],
     [135, 139, 445, 3389], "Windows", "Windows", ["Windows 11 Pro", "Windows 10 Enterprise"], "ws"),
    (12, "laptop", "tasinabilir", ["Apple", "Lenovo", "Dell"], ["f0:18:98", "8c:85:90", "98:fa:9b"],
     [22, 5000, 7000], "macOS", "macOS", ["MacBook Pro", "ThinkPad X1"], "lt"),
    (10, "phone", "tasinabilir", ["Apple", "Samsung", "Xiaomi"], ["ac:bc:32", "84:25:19", "64:cc:2e"],
     [62078], None, "iOS", ["iPhone", "Galaxy S23"], "phone"),
    (9, "server", "ag_ve_sistemler", ["Dell", "HPE", "Supermicro"], ["b0:83:fe", "94:40:c9", "0c:c4:7a"],
     [22, 80, 443, 9100], "Linux", "Linux", ["PowerEdge R650", "ProLiant DL380"], "srv"),
    (6, "web_server", "uygulamalar", ["Dell", "HPE"], ["b0:83:fe", "94:40:c9"],
     [22, 80, 443, 8080], "Linux", "Ubuntu", ["nginx", "Apache httpd"], "web"),
    (3, "database_server", "uygulamalar", ["Dell", "HPE"], ["b0:83:fe", "94:40:c9"],
     [22, 3306, 5432], "Linux", "Debian", ["PostgreSQL", "MySQL"], "db"),
    (4, "switch", "ag_ve_sistemler", ["Cisco", "Juniper", "Aruba"], ["00:1e:bd", "3c:61:04", "94:b4:0f"],
     [22, 23, 80, 161, 443], "Cisco IOS", "IOS", ["Catalyst 9300", "EX2300"], "sw"),
    (2, "router", "ag_ve_sistemler", ["Cisco", "MikroTik", "Ubiquiti"], ["00:1e:bd", "48:8f:5a", "24:5a:4c"],
     [22, 53, 80, 443], "RouterOS", "RouterOS", ["RB4011", "ISR 4331"], "rtr"),
    (4, "access_point", "ag_ve_sistemler", ["Ubiquiti", "Aruba", "Ruckus"], ["24:5a:4c", "94:b4:0f", "58:b6:33"],
     [22, 80, 443], "Linux", "Linux", ["UniFi U6", "AP-515"], "ap"),
    (7, "printer", "iot", ["HP", "Brother", "Canon"], ["3c:2a:f4", "00:80:77", "00:1e:8f"],
     [80, 443, 515, 631, 9100], None, None, ["LaserJet M404", "HL-L2350"], "prn"),
    (8, "camera", "iot", ["Hikvision", "Dahua", "Axis"], ["a4:14:37", "3c:ef:8c", "ac:cc:8e"],
     [80, 554, 8000], "Linux", "Linux", ["DS-2CD2143", "IPC-HDW2431"], "cam"),
    (2, "nvr", "iot", ["Hikvision", "Dahua"], ["a4:14:37", "3c:ef:8c"],
     [80, 443, 554, 8000], "Linux", "Linux", ["DS-7608NI", "NVR4108"], "nvr"),
    (3, "tv", "iot", ["Samsung", "LG", "Sony"], ["8c:79:f5", "a8:23:fe", "fc:f1:52"],
     [8001, 8008, 9080], None, "Tizen", ["QLED TV", "webOS TV"], "tv"),
    (3, "voip_phone", "iot", ["Yealink", "Polycom", "Cisco"], ["80:5e:c0", "00:04:f2", "00:1e:bd"],
     [80, 443, 5060], None, None, ["T46S", "VVX 450"], "voip"),
    (2, "smart_plug", "iot", ["TP-Link", "Espressif"], ["50:c7:bf", "24:0a:c4"],
     [80, 1883, 9999], None, None, ["Kasa HS110", "ESP32"], "plug"),
    (1, "ups", "iot", ["APC", "Eaton"], ["00:c0:b7", "00:20:85"],
     [80, 161, 443], None, None, ["Smart-UPS 1500", "5PX"], "ups"),
    (2, "nas", "uygulamalar", ["Synology", "QNAP"], ["00:11:32", "24:5e:be"],
     [22, 80, 443, 445, 5000, 5001], "Linux", "DSM", ["DS920+", "TS-453D"], "nas"),
    (6, None, "unclassified", [None], ["02:00:5e", "0a:1b:2c"],
     [], None, None, [None], None),
]
BANNERS = {
    22: {"service": "ssh", "banner": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6", "protocol": "SSH-2.0"},
    23: {"service": "telnet", "banner": "User Access Verification", "protocol": "telnet"},
    80: {"service": "http", "server": "nginx/1.18.0", "title": "Login", "protocol": "HTTP/1.1"},
    443: {"service": "https", "server": "Apache/2.4.52", "title": "Dashboard", "protocol": "HTTP/1.1"},
    554: {"service": "rtsp", "server": "Hikvision-Webs", "protocol": "RTSP/1.0"},
    3306: {"service": "mysql", "banner": "8.0.35", "protocol": "mysql 10"},
    5432: {"service": "postgresql", "banner": "S", "protocol": "postgresql"},
    8080: {"service": "http", "server": "Jetty(9.4.51)", "title": "App", "protocol": "HTTP/1.1"},
    9100: {"service": "pjl", "banner": "HP LaserJet M404", "protocol": "PJL"},
    3389: {"service": "rdp", "banner": "CredSSP", "protocol": "X.224"},
}
EXTRA_PORTS = [21, 25, 53, 110, 143, 161, 993, 1883, 5900, 8443, 8888, 9000]
HOUR, DAY = 3600_000, 86400_000


def pick(rng, weights):
    return rng.choices(range(len(weights)), weights=weights)[0]


class Asset:
    __slots__ = ("id", "ip", "mac", "kind", "hostname", "vendor", "os_hint", "category", "confidence", "device_type",
                 "product", "os", "os_version", "ports", "first_seen", "last_seen", "status", "misses", "arrive",
                 "leave", "switch", "evidence", "ports_text")


def make_assets(rng, n):
    weights = [k[0] for k in KIND_TABLE]
    assets = []
    for i in range(n):
        k = KIND_TABLE[pick(rng, weights)]
        a = Asset()
        a.id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        block, host = divmod(i, 250)
        a.ip = "10.%d.%d.%d" % (block >> 8 & 255, block & 255, host + 1)
        a.mac = "%s:%02x:%02x:%02x" % (rng.choice(k[4]), i >> 16 & 255, i >> 8 & 255, i & 255)
        a.kind = k
        a.vendor = rng.choice(k[3])
        a.hostname = ("%s-%05d" % (k[9], i)) if k[9] and rng.random() < 0.8 else None
        a.os_hint = k[6]
        a.category = k[2]
        a.confidence = round(rng.uniform(0.55, 1.0), 4) if k[2] != "unclassified" else 0.0
        a.device_type = k[1]
        a.product = rng.choice(k[8])
        a.os = k[7]
        a.os_version = ("%d.%d" % (rng.randint(1, 15), rng.randint(0, 9))) if k[7] else None
        a.ports = sorted(p for p in k[5] if rng.random() < 0.85) or list(k[5][:1])
        if rng.random() < 0.1:
            a.ports = sorted(set(a.ports) | {rng.choice(EXTRA_PORTS)})
        a.status, a.misses, a.first_seen, a.last_seen = "online", 0, None, None
        a.switch = None
        a.evidence = a.ports_text = None
        assets.append(a)
    return assets


def evidence(a):
    if a.evidence is None:
        ev = {}
        if a.ports:
            ev["port_rules"] = ["port_%d" % p for p in a.ports[:3]]
        if a.vendor:
            ev["vendor_rule"] = a.vendor
        if a.hostname:
            ev["hostname_rules"] = [a.hostname.split("-")[0]]
        if a.category != "unclassified":
            ev["evidence_weights"] = {a.category: a.confidence}
        banners = {str(p): BANNERS[p] for p in a.ports if p in BANNERS}
        if banners:
            ev["banners"] = banners
        a.evidence = json.dumps(ev, separators=(",", ":"))
        a.ports_text = json.dumps(a.ports)
    return a.evidence


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, timezone.utc).isoformat()


class Sink:
    """Rows into SQLite (executemany in one transaction) or PostgreSQL (psql \\copy FROM STDIN, CSV)."""

    def __init__(self, kind, target):
        self.kind, self.target = kind, target
        if kind == "sqlite":
            self.db = sqlite3.connect(target, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=OFF")
            # the data-version row triggers (one UPDATE per inserted row) are dropped for the bulk load and put back
            self.triggers = self.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND name LIKE 'dv_%'").fetchall()
            for name, _ in self.triggers:
                self.db.execute("DROP TRIGGER %s" % name)
            self.db.execute("BEGIN")

    def ts(self, ms):
        return ms if self.kind == "sqlite" or ms is None else iso(ms)

    def rows(self, table, columns, rows):
        if self.kind == "sqlite":
            self.db.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(columns),
                                                                      ", ".join("?" * len(columns))), rows)
            return
        p = subprocess.Popen(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", self.target, "-qAt", "-v",
                              "ON_ERROR_STOP=1", "-c", "\\copy %s (%s) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
                              % (table, ", ".join(columns))], stdin=subprocess.PIPE)
        out = io.TextIOWrapper(p.stdin, encoding="utf-8", write_through=False)
        w = csv.writer(out, lineterminator="\n")
        for r in rows:
            w.writerow(["\\N" if v is None else ("true" if v is True else "false" if v is False else v) for v in r])
        out.close()
        if p.wait() != 0:
            sys.exit("psql \\copy into %s failed" % table)

    def execute(self, sql):
        if self.kind == "sqlite":
            self.db.execute(sql)
        else:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", self.target, "-qAt", "-v",
                            "ON_ERROR_STOP=1", "-c", sql], check=True)

    def close(self):
        if self.kind == "sqlite":
            self.db.execute("COMMIT")
            for _, sql in self.triggers:
                self.db.execute(sql)
            self.db.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")
            self.db.close()
        else:
            # What autovacuum does soon after a load this size (PostgreSQL 13+ vacuums insert-only tables too): fresh
            # statistics, and a visibility map, without which an index-only scan still reads every heap page.
            self.execute("VACUUM ANALYZE")


class Walk:
    """The S scans over the assets, in order; run twice with the same seed (the same walk): once for the scan and
    asset rows and the change rows (which the snapshot rows' foreign keys need first), once streaming the snapshots."""

    def __init__(self, n, s, now, ts):
        self.rng = random.Random(15)
        self.n, self.s, self.ts = n, s, ts
        self.assets = make_assets(self.rng, n)
        for a in self.assets:
            r = self.rng.random()
            a.arrive = self.rng.randint(1, s - 1) if r < 0.01 and s > 1 else 0
            a.leave = self.rng.randint(max(a.arrive + 1, s // 2), s - 1) if 0.01 <= r < 0.015 and s > 2 else None
        self.starts = [now - HOUR - (s - 1 - k) * DAY for k in range(s)]
        self.scans, self.changes, self.snapshots = [], [], 0

    def rows(self):
        rng, changes = self.rng, self.changes
        for k in range(self.s):
            sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            start = self.starts[k]
            detected = start + 10 * 60_000  # the save, when the scan completed
            seen = 0
            for a in self.assets:
                if k < a.arrive:
                    continue
                if (a.leave is not None and k >= a.leave) or (k > 0 and rng.random() < 0.002):
                    if a.status != "gone" and a.first_seen is not None:
                        a.misses += 1
                        changes.append((a.id, sid, "asset_missed", "consecutive_misses", str(a.misses - 1),
                                        str(a.misses), detected))
                        if a.misses >= 3:
                            changes.append((a.id, sid, "asset_gone", "status", a.status, "gone", detected))
                            a.status = "gone"
                        else:
                            a.status = "missed"
                    continue
                if a.first_seen is None:
                    a.first_seen = start + rng.randint(0, 300_000)
                    changes.append((a.id, sid, "new_asset", None, None, None, detected))
                else:
                    if a.status != "online":
                        changes.append((a.id, sid, "asset_returned", "status", a.status, "online", detected))
                    self.change(a, k, sid, detected)
                a.status, a.misses = "online", 0
                a.last_seen = start + rng.randint(0, 600_000)
                seen += 1
                ev = evidence(a)
                yield (sid, a.id, a.ports_text, a.confidence, a.category, ev, a.device_type, a.product, a.os,
                       a.os_version)
            self.scans.append((sid, "10.0.0.0/8", "hybrid", self.ts(start), self.ts(start + 10 * 60_000), seen))
            self.snapshots += seen

    def change(self, a, k, sid, detected):
        rng, changes = self.rng, self.changes
        r = rng.random()
        if r < 0.003 and a.hostname:
            old, a.hostname = a.hostname, a.hostname.split(".")[0] + ".v%d" % k
            changes.append((a.id, sid, "field_changed", "hostname", old, a.hostname, detected))
        elif r < 0.004:
            old = a.confidence
            a.confidence = round(min(1.0, max(0.0, old + rng.choice((-0.1, 0.1)))), 4)
            changes.append((a.id, sid, "field_changed", "confidence_score", str(old), str(a.confidence), detected))
        elif r < 0.0045 and a.category == "unclassified":
            old, a.category, a.confidence = a.category, "iot", 0.6
            changes.append((a.id, sid, "field_changed", "bigr_category", old, "iot", detected))
        elif r < 0.014:
            p = rng.choice(EXTRA_PORTS + list(a.kind[5]))
            if p in a.ports and len(a.ports) > 1:
                a.ports = [x for x in a.ports if x != p]
                changes.append((a.id, sid, "port_closed", "open_ports", str(p), None, detected))
            elif p not in a.ports:
                a.ports = sorted(a.ports + [p])
                changes.append((a.id, sid, "port_opened", "open_ports", None, str(p), detected))
        else:
            return
        a.evidence = None


def main():
    kind, target = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    s = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    t0 = time.time()
    now = int(time.time() * 1000)
    sink = Sink(kind, target)
    first = Walk(n, s, now, sink.ts)
    for _ in first.rows():
        pass
    assets, starts = first.assets, first.starts
    pg = kind == "postgres"
    sink.rows("scans", ["id", "target", "scan_method", "started_at", "completed_at", "total_assets", "is_root",
                        "status"], (r + (True if pg else 1, "completed") for r in first.scans))
    switch_hosts = ["10.250.0.%d" % i for i in range(1, 41)]
    for i, a in enumerate(assets):
        if a.kind[1] in ("workstation", "printer", "camera", "voip_phone", "server") and i % 3 == 0:
            a.switch = (switch_hosts[i % len(switch_hosts)], "Gi1/0/%d" % (i % 48 + 1), i % 48 + 1)
    sink.rows("assets", ["id", "ip", "mac", "hostname", "vendor", "os_hint", "bigr_category", "confidence_score",
                         "scan_method", "first_seen", "last_seen", "is_ignored", "switch_host", "switch_port",
                         "switch_port_index", "status", "device_type", "product", "os", "os_version"],
              ((a.id, a.ip, a.mac, a.hostname, a.vendor, a.os_hint, a.category, a.confidence, "active",
                sink.ts(a.first_seen), sink.ts(a.last_seen), 0, *(a.switch or (None, None, None)), a.status,
                a.device_type, a.product, a.os, a.os_version) for a in assets if a.first_seen is not None))
    second = Walk(n, s, now, sink.ts)
    sink.rows("scan_assets", ["scan_id", "asset_id", "open_ports", "confidence_score", "bigr_category",
                              "raw_evidence", "device_type", "product", "os", "os_version"], second.rows())
    # Each asset's latest open ports (the application writes them with every save; the walk ends in that state).
    sink.rows("asset_ports", ["asset_id", "port"],
              ((a.id, p) for a in assets if a.first_seen is not None for p in sorted(set(a.ports))))
    sink.rows("asset_changes", ["asset_id", "scan_id", "change_type", "field_name", "old_value", "new_value",
                                "detected_at"], ((*c[:6], sink.ts(c[6])) for c in first.changes))
    sink.rows("subnets", ["cidr", "label", "vlan_id", "last_scanned", "asset_count"],
              (("10.%d.%d.0/24" % (b >> 8, b & 255), "floor-%d" % b, 100 + b % 3000, sink.ts(starts[-1]), 250)
               for b in range(0, (n + 249) // 250, 10)))
    sink.rows("switches", ["host", "community", "version", "label", "last_polled", "mac_count"],
              ((h, "enc:v1:AAAA", "2c", "access-%d" % i, sink.ts(starts[-1]), n // 120)
               for i, h in enumerate(switch_hosts)))
    rng = random.Random(16)
    certs = []
    for i, a in enumerate(assets):
        if 443 in a.ports and a.first_seen is not None and i % 4 == 0:
            valid_to = now + rng.randint(-30, 700) * DAY
            name = (a.hostname or a.ip) + ".corp.example"
            certs.append((a.ip, 443, name, "CN=Corp CA,O=Example", "Example", sink.ts(valid_to - 365 * DAY),
                          sink.ts(valid_to), "%x" % rng.getrandbits(64), 2048, "RSA", "SHA256withRSA",
                          False if pg else 0, (valid_to < now) if pg else int(valid_to < now),
                          (valid_to - now) // DAY, json.dumps([name]), sink.ts(starts[-1])))
    sink.rows("certificates", ["ip", "port", "cn", "issuer", "issuer_org", "valid_from", "valid_to", "serial",
                               "key_size", "key_algorithm", "signature_algorithm", "is_self_signed", "is_expired",
                               "days_until_expiry", "san", "last_checked"], certs)
    sink.close()
    print("seeded %s: %d assets, %d scans, %d snapshot rows, %d change rows, %d certificates in %.0f s"
          % (kind, sum(1 for a in assets if a.first_seen is not None), s, second.snapshots, len(first.changes),
             len(certs), time.time() - t0))


if __name__ == "__main__":
    main()
