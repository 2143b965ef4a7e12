#!/usr/bin/env python3
"""Writes a docs/DOMAIN.md §2.7 scan result with N assets (10.x.y.z, distinct MACs) to stdout, for bench/api.sh."""
import json
import sys

n = int(sys.argv[1])
cats = ["ag_ve_sistemler", "uygulamalar", "iot", "tasinabilir", "unclassified"]
labels = ["Ağ ve Sistemler", "Uygulamalar", "IoT", "Taşınabilir Cihazlar", "Sınıflandırılmamış"]
vendors = ["Cisco", "Hikvision", "Apple", "Dell", "HP", "Ubiquiti", "Samsung"]
out = sys.stdout
out.write('{"target": "10.0.0.0/8", "scan_method": "hybrid", "started_at": "2026-01-15T10:00:00+00:00", '
          '"completed_at": "2026-01-15T10:05:00+00:00", "is_root": true, "assets": [')
for i in range(n):
    a = {"ip": "10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255),
         "mac": "02:00:00:%02x:%02x:%02x" % (i >> 16 & 255, i >> 8 & 255, i & 255),
         "hostname": "host-%d" % i, "vendor": vendors[i % 7], "open_ports": [22, 80, 443][: 1 + i % 3],
         "os_hint": "Linux" if i % 2 else None, "bigr_category": cats[i % 5], "bigr_category_tr": labels[i % 5],
         "confidence_score": (i % 10) / 10.0, "scan_method": "active",
         "first_seen": "2026-01-15T10:00:00+00:00", "last_seen": "2026-01-15T10:00:01+00:00",
         "raw_evidence": {"port_rules": ["ssh"], "vendor_rules": [vendors[i % 7]]}}
    if i:
        out.write(",")
    out.write(json.dumps(a, ensure_ascii=False))
out.write("]}\n")
