#!/usr/bin/env bash
# The man page (doc/capsearch.1) documents every subcommand and, in that subcommand's section, every
# option its --help prints (so this fails when an option is added without docs), plus the global
# options, the exit status and the query syntax; and man renders it without warnings.
source "$(dirname "$0")/common.bash"
page="$ROOT/doc/capsearch.1"
# The page's text with roff's \- as -, one section per subcommand.
sed 's/\\-/-/g' "$page" >"$WORK/page"

# section NAME... : the lines of `.SS capsearch NAME...` up to the next section.
section() {
  awk -v head=".SS capsearch $*" 'index($0, head) == 1 {on = 1; next} on && /^\.S[SH] / {exit} on' "$WORK/page"
}
# documents TEXTFILE OPTION : the option appears as a word (not as a prefix of a longer option).
documents() {
  grep -qE -- "(^|[^a-z0-9-])$2([^a-z0-9-]|$)" "$1"
}

for o in $(options_of); do
  documents "$WORK/page" "$o" || fail "the man page lacks the global option $o"
done
top=$(subcommands_of)
[ -n "$top" ] || fail "no subcommands in capsearch --help"
for c in $top; do
  subs=$(subcommands_of "$c")
  for s in ${subs:-""}; do
    name="$c${s:+ $s}"
    section $name >"$WORK/section"
    [ -s "$WORK/section" ] || { fail "no section '.SS capsearch $name' in the man page"; continue; }
    for o in $(options_of $name); do
      [ "$o" = -h ] || [ "$o" = --help ] && continue  # Documented once, under GLOBAL OPTIONS.
      documents "$WORK/section" "$o" || fail "the man page's section on '$name' lacks $o"
    done
    grep -qE "^\.(B|BR) .*$c" <(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$WORK/page") ||
      fail "EXIT STATUS does not name $c"
  done
done
for heading in "QUERY SYNTAX" "EXIT STATUS" "ENVIRONMENT" "FILES"; do
  grep -q "^\.SH $heading" "$WORK/page" || fail "the man page has no $heading section"
done
for env in CAPSEARCH_DB CAPSEARCH_CONFIG CAPSEARCH_LEXICON; do
  grep -q "$env" "$WORK/page" || fail "the man page does not mention $env"
done
if command -v man >/dev/null && command -v groff >/dev/null; then
  MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$WORK/rendered" 2>"$WORK/warnings" || fail "man failed"
  [ -s "$WORK/warnings" ] && fail "man warns: $(head -3 "$WORK/warnings")"
  grep -q "capsearch lexicon update" "$WORK/rendered" || fail "the rendered page lacks its text"
fi
finish
