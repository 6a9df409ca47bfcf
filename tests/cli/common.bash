# Sourced by the tests/cli/*.sh scripts (CTest runs only *.sh, so this file is not a test itself).
# Each test is run as: bash TEST CAPSEARCH_BINARY REPO_ROOT SHARED_DIR.
set -u
CAPSEARCH=$1
ROOT=$2
SHARED=${CAPSEARCH_SHARED_DIR:-$3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/capsearch-cli-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
unset CAPSEARCH_LEXICON

fail() {
  echo "FAIL: $*" >&2
  FAILURES=$((FAILURES + 1))
}

# expect_status WANT CMD... : runs CMD with stdout in $WORK/out and stderr in $WORK/err.
expect_status() {
  local want=$1
  shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "exit $got (wanted $want): $*"
    sed 's/^/  stdout: /' "$WORK/out" | head -5 >&2
    sed 's/^/  stderr: /' "$WORK/err" | head -5 >&2
  fi
}

# expect_grep FILE PATTERN WHAT : FILE must contain the fixed string PATTERN.
expect_grep() {
  grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 400 "$1")"
}

# expect_no_grep FILE PATTERN WHAT
expect_no_grep() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' unexpectedly in $(basename "$1")"; fi
}

# json_check FILE PYTHON_EXPR : evaluates EXPR with `j` bound to the JSON on FILE's last line.
json_check() {
  python3 -c '
import json, sys
j = json.loads(open(sys.argv[1]).read().splitlines()[-1])
ok = eval(sys.argv[2])
if not ok:
    print("json check failed:", sys.argv[2], "on", json.dumps(j)[:400], file=sys.stderr)
sys.exit(0 if ok else 1)
' "$1" "$2" || fail "json: $2"
}

# need_shared : exits 77 (skipped) without ../shared, or fails when CAPSEARCH_REQUIRE_SHARED=1.
need_shared() {
  if [ ! -d "$SHARED/corpus/pfocr" ]; then
    if [ "${CAPSEARCH_REQUIRE_SHARED:-0}" = 1 ]; then
      echo "FAIL: ../shared is required (CAPSEARCH_REQUIRE_SHARED=1) but not found at $SHARED" >&2
      exit 1
    fi
    echo "SKIPPED (no ../shared at $SHARED)"
    exit 77
  fi
}

# subcommands_of [SUBCOMMAND...] : the subcommands a --help lists (the words under "Subcommands:").
subcommands_of() {
  "$CAPSEARCH" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'
}

# options_of [SUBCOMMAND...] : the options (long and short) a --help prints, one a line.
options_of() {
  "$CAPSEARCH" "$@" --help | grep -oE '(^|[ ,])--?[a-z][a-z0-9-]*' | sed 's/^[ ,]//' | sort -u
}

# finish : the test's exit status.
finish() {
  if [ "$FAILURES" -gt 0 ]; then
    echo "$FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "ok"
  exit 0
}
