#!/usr/bin/env bash
# Fetches NCBI Gene's human names (org.Hs.eg.sqlite from Debian's r-bioc-org.hs.eg.db) without R.
# Usage: scripts/fetch-gene-data.sh [DEST_DIR]   (default: third_party/data)
set -euo pipefail
dest=${1:-"$(cd "$(dirname "$0")/.." && pwd)/third_party/data"}
out="$dest/org.Hs.eg.sqlite"
if [ -s "$out" ]; then echo "$out"; exit 0; fi
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download r-bioc-org.hs.eg.db >/dev/null 2>&1) || {
  [ "$(id -u)" -eq 0 ] || { echo "fetch-gene-data: apt-get download failed" >&2; exit 1; }
  apt-get update -qq && (cd "$tmp" && apt-get download r-bioc-org.hs.eg.db >/dev/null 2>&1)
}
dpkg -x "$tmp"/r-bioc-org.hs.eg.db_*.deb "$tmp/x"
mv "$(find "$tmp/x" -name org.Hs.eg.sqlite | head -n1)" "$out"
echo "$out"
