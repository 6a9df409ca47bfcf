#!/usr/bin/env bash
# Behaviour that depends on a terminal, run under a pseudo-terminal with script(1): the progress bar
# appears on a terminal and not with --quiet; colour appears on a terminal unless NO_COLOR is set.
source "$(dirname "$0")/common.bash"
if ! script -qc true /dev/null >/dev/null 2>&1; then
  echo "SKIPPED (script(1) cannot open a pseudo-terminal here)"
  exit 77
fi
# Runs the command line in $1 on a pseudo-terminal; its whole output (stdout and stderr) in $WORK/tty.
on_tty() {
  script -qec "$1" /dev/null >"$WORK/tty" 2>&1 </dev/null
}

on_tty "'$CAPSEARCH' index --db '$WORK/db' '$ROOT'/corpus/*.txt"
expect_grep "$WORK/tty" "2/2 records" "progress bar on a terminal"
expect_grep "$WORK/tty" "ETA" "progress bar ETA"
on_tty "'$CAPSEARCH' index --quiet --db '$WORK/db' '$ROOT'/corpus/*.txt"
expect_no_grep "$WORK/tty" "records" "no progress bar with --quiet"

on_tty "env -u NO_COLOR '$CAPSEARCH' search --db '$WORK/db' HER2"
expect_grep "$WORK/tty" $'\e[1;31m' "colour on a terminal"
on_tty "NO_COLOR=1 '$CAPSEARCH' search --db '$WORK/db' HER2"
expect_no_grep "$WORK/tty" $'\e[' "NO_COLOR honoured"
expect_grep "$WORK/tty" "2 figures match" "plain output"
on_tty "'$CAPSEARCH' search --color never --db '$WORK/db' HER2"
expect_no_grep "$WORK/tty" $'\e[' "--color never honoured"
finish
