#!/usr/bin/env bash
# Regenerates src/main/resources/io/bigr/discovery/scan/top-ports.txt: the 1,000 TCP ports most often found open,
# most frequent first, from the open-frequency column of Nmap's nmap-services (Debian package nmap).
set -euo pipefail
SERVICES=${1:-/usr/share/nmap/nmap-services}
OUT=$(dirname "$0")/../src/main/resources/io/bigr/discovery/scan/top-ports.txt
{
  echo "# TCP ports ordered by how often they are found open (most frequent first)."
  echo "# Source: the open-frequency column of $(basename "$SERVICES") from $(dpkg-query -W -f='nmap ${Version}' nmap 2>/dev/null || echo nmap)."
  echo "# Regenerate with bench/top-ports.sh. One port per line; --top-ports N takes the first N."
  grep -v '^#' "$SERVICES" | awk '$2 ~ /\/tcp$/ {split($2, a, "/"); print $3, a[1]}' \
    | sort -k1,1gr -k2,2n | awk '!seen[$2]++ {print $2}' | head -1000
} > "$OUT"
echo "wrote $OUT"
