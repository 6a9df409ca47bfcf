#!/usr/bin/env bash
# The default index: $CAPSEARCH_DB, else `db = PATH` in the config file ($CAPSEARCH_CONFIG,
# $XDG_CONFIG_HOME/capsearch/config, ~/.capsearch-config); --db always wins; a bad config line is
# named with its file and line.
source "$(dirname "$0")/common.bash"
unset CAPSEARCH_DB CAPSEARCH_CONFIG XDG_CONFIG_HOME
export HOME="$WORK/home"
mkdir -p "$HOME/.config/capsearch" "$WORK/records"
cp "$ROOT"/corpus/*.txt "$WORK/records/"
"$CAPSEARCH" index --db "$WORK/a" --quiet --ext .txt "$WORK/records" 2>/dev/null || fail "index a"
rm "$WORK"/records/004_*.txt
"$CAPSEARCH" index --db "$WORK/b" --quiet --ext .txt "$WORK/records" 2>/dev/null || fail "index b"

expect_status 2 "$CAPSEARCH" search HER2
expect_grep "$WORK/err" "no index given" "no default index: a hint"
expect_status 0 env CAPSEARCH_DB="$WORK/a" "$CAPSEARCH" search --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
# The config file, with ~/ and a path relative to the home folder; --db and CAPSEARCH_DB win over it.
cp -r "$WORK/b" "$HOME/idx"
printf '# my index\n\ndb = ~/idx   # trailing comment\n' >"$HOME/.config/capsearch/config"
expect_status 0 "$CAPSEARCH" stats --format json
json_check "$WORK/out" 'j["documents"] == 1'
printf 'db = idx\n' >"$HOME/.config/capsearch/config"
expect_status 0 "$CAPSEARCH" search --format json HER2
json_check "$WORK/out" 'j["total"] == 1'
expect_status 0 "$CAPSEARCH" search --db "$WORK/a" --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
expect_status 0 env CAPSEARCH_DB="$WORK/a" "$CAPSEARCH" search --format json HER2
json_check "$WORK/out" 'j["total"] == 2'
# ~/.capsearch-config when there is no XDG file; $CAPSEARCH_CONFIG names another file.
rm "$HOME/.config/capsearch/config"
printf 'db = %s\n' "$WORK/a" >"$HOME/.capsearch-config"
expect_status 0 "$CAPSEARCH" check
printf 'db = %s\n' "$WORK/b" >"$WORK/other-config"
expect_status 0 env CAPSEARCH_CONFIG="$WORK/other-config" "$CAPSEARCH" stats --format json
json_check "$WORK/out" 'j["documents"] == 1'
expect_status 2 env CAPSEARCH_CONFIG="$WORK/no-such-config" "$CAPSEARCH" stats
expect_grep "$WORK/err" "no-such-config" "a missing named config file is named"
# A malformed line: file and line named, exit 2.
printf '# ok\nthis is not a setting\n' >"$HOME/.capsearch-config"
expect_status 2 "$CAPSEARCH" search HER2
expect_grep "$WORK/err" ".capsearch-config:2:" "the bad config line is named"
finish
