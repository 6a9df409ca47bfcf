#!/usr/bin/env bash
# The statistics oracle: scipy writes >= 10,000 cases, capsearch's computation must match them.
# Usage: hypergeom_oracle.sh CHECK_BINARY. Exit 77 (skipped) when Debian's python3-scipy is absent.
set -u
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/capsearch-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$py" "$(dirname "$0")/hypergeom_cases.py" "$work/cases.txt" 15
rc=$?
[ $rc -eq 0 ] || exit $rc
"$1" "$work/cases.txt"
