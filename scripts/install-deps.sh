#!/usr/bin/env bash
# Installs capsearch's build and run dependencies from Debian's packages (run as root, or with sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs=(build-essential cmake pkg-config
      libxapian-dev xapian-tools libyaml-cpp-dev libicu-dev libcli11-dev catch2
      libsqlite3-dev nlohmann-json3-dev wamerican python3 python3-numpy python3-scipy
      python3-dev pybind11-dev python3-pytest
      sqlite3 python3-yaml  # the benchmark peers, also tested by tests/cli/bench_peers.sh
      clang-14 libclang-rt-14-dev)  # clang and libFuzzer: scripts/fuzz.sh
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "capsearch: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
