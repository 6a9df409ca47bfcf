#!/usr/bin/env bash
# The README's pasted examples are what the program prints: every `$ build/capsearch ...` (and
# `$ cat /tmp/...`) line of README.md is run again, in README order, on ../shared/corpus/pfocr with
# the NCBI lexicon the README shows, and its output must equal the lines pasted under it. A README
# that drifted from the program fails here instead of misleading a reader.
source "$(dirname "$0")/common.bash"
need_shared
# The examples show the NCBI lexicon's expansions; with another lexicon they cannot be reproduced.
want_lexicon=$(grep -oE '^lexicon: +lex1-[0-9a-f]+' "$ROOT/README.md" | head -1 | awk '{print $2}')
if ! "$CAPSEARCH" synonyms HER2 | grep -q "^lexicon: *$want_lexicon "; then
  echo "SKIPPED: the README's examples were taken with lexicon $want_lexicon, which is not beside $CAPSEARCH"
  exit 77
fi

mkdir -p "$WORK/cache"
/usr/bin/python3 - "$ROOT/README.md" "$CAPSEARCH" "$ROOT" "$SHARED" "$WORK" <<'PY' || fail "README examples"
import os, re, subprocess, sys

readme, capsearch, root, shared, work = sys.argv[1:6]
capsearch, shared = os.path.abspath(capsearch), os.path.abspath(shared)  # the examples run in `root`
tmp = os.path.join(work, "tmp")
os.makedirs(tmp)
build = os.path.dirname(os.path.abspath(capsearch)) + "/"

def examples(text):
    """(line number, command, pasted output lines) of each `$ ` command the check runs."""
    lines = text.split("\n")
    out, in_block = [], False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            in_block = not in_block
            continue
        if not in_block or not line.startswith("$ "):
            continue
        command = line[2:]
        if not (command.startswith("build/capsearch ") or command.startswith("cat /tmp/")):
            continue  # set-up steps the prose describes (cd, fixtures)
        if "remote" in command:
            continue  # needs xapian-tcpsrv servers: tests/cli/remote_*.sh
        j, pasted = i + 1, []
        while j < len(lines) and not lines[j].startswith("$ ") and not lines[j].startswith("```"):
            pasted.append(lines[j])
            j += 1
        while pasted and pasted[-1] == "":
            pasted.pop()
        out.append((i + 1, command, pasted))
    return out

def normalize(line):
    line = re.sub(r" in \d+\.\d+ s\b", " in T s", line)     # run times
    return re.sub(r"\b\d+(\.\d+)? (KiB|MiB|GiB)\b", "N MiB", line)  # sizes vary with Xapian's layout

def line_matches(want, got):
    if want.endswith(", ..."):  # a long line cut short in the README
        return got.startswith(want[:-3])
    return want == got

def matches(want, got, i=0, j=0):
    """Whether `got` is `want`, where a "..." line of `want` stands for any lines (or none) left out."""
    if i == len(want):
        return j == len(got)
    if want[i].strip() == "...":
        return any(matches(want, got, i + 1, k) for k in range(j, len(got) + 1))
    return j < len(got) and line_matches(want[i], got[j]) and matches(want, got, i + 1, j + 1)

failed = 0
env = dict(os.environ, NO_COLOR="1")
env.pop("COLUMNS", None)
env.pop("CAPSEARCH_DB", None)
env["XDG_CACHE_HOME"] = os.path.join(work, "cache")
ran = 0
for number, command, pasted in examples(open(readme, encoding="utf-8").read()):
    # The README's /tmp paths first: the program and ../shared may themselves be under /tmp.
    run = command.replace("/tmp/", tmp + "/").replace("build/capsearch", capsearch, 1)
    run = run.replace("../shared", shared)
    result = subprocess.run(["bash", "-c", "(" + run + ") 2>&1"], cwd=root, env=env, stdout=subprocess.PIPE,
                            text=True)
    got = result.stdout.replace(tmp + "/", "/tmp/").replace(build, "build/").rstrip("\n").split("\n")
    ran += 1
    if not matches([normalize(l) for l in pasted], [normalize(l) for l in got]):
        failed += 1
        print(f"README.md:{number}: {command}", file=sys.stderr)
        print("  pasted:", *pasted[:12], sep="\n    ", file=sys.stderr)
        print("  printed now:", *got[:12], sep="\n    ", file=sys.stderr)
print(f"{ran} README examples run, {failed} differ")
sys.exit(1 if failed or ran < 15 else 0)
PY
finish
