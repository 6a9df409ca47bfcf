#!/usr/bin/env bash
# The bash completion (doc/capsearch.bash-completion) offers every subcommand of `capsearch --help`
# and every option of each subcommand's --help, so it fails when an option is added without it.
source "$(dirname "$0")/common.bash"
source "$ROOT/doc/capsearch.bash-completion"

# complete_words WORD... : the completions bash offers after the words (the last one being typed).
complete_words() {
    COMP_WORDS=(capsearch "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _capsearch
    printf '%s\n' "${COMPREPLY[@]}"
}


top=$(subcommands_of)
[ -n "$top" ] || fail "no subcommands found in capsearch --help"
offered=$(complete_words "")
for c in $top; do
  grep -qx -- "$c" <<<"$offered" || fail "completion does not offer the subcommand $c"
done
for c in $top; do
  subs=$(subcommands_of "$c")
  if [ -n "$subs" ]; then
    offered=$(complete_words "$c" "")
    for s in $subs; do
      grep -qx -- "$s" <<<"$offered" || fail "completion does not offer $c $s"
      opts=$(complete_words "$c" "$s" "-")
      for o in $(options_of "$c" "$s"); do
        grep -qx -- "$o" <<<"$opts" || fail "completion of '$c $s' lacks $o"
      done
    done
  else
    opts=$(complete_words "$c" "-")
    for o in $(options_of "$c"); do
      grep -qx -- "$o" <<<"$opts" || fail "completion of '$c' lacks $o"
    done
  fi
done
# Values: formats and sort orders.
grep -qx json <<<"$(complete_words search --format "")" || fail "completion of --format values"
grep -qx year <<<"$(complete_words search --sort y)" || fail "completion of --sort values"
finish
