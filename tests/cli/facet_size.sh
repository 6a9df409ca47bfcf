#!/usr/bin/env bash
# --facet-size N: text facets of search and enrich, and the organism chart of stats, show the N values
# with the most figures and "(+K more)"; 0 shows all; JSON keeps every value.
source "$(dirname "$0")/common.bash"

mkdir -p "$WORK/records"
# 12 organisms, organism number i in i figures; years 2001..2012 likewise.
for i in $(seq 1 12); do
  for k in $(seq 1 "$i"); do
    printf -- '---\nfigid: F%s_%s\nfigtitle: Signaling figure\nyear: %s\norganisms:\n- Organism%02d species\n---\n' \
      "$i" "$k" $((2000 + i)) "$i" >"$WORK/records/F${i}_$k.md"
  done
done
DB="$WORK/db"
expect_status 0 "$CAPSEARCH" index --db "$DB" --quiet "$WORK/records"

expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --limit 0 signaling
expect_grep "$WORK/out" "(+2 more)" "default facet size 10"
expect_grep "$WORK/out" "Organism12 species" "largest organism shown"
expect_no_grep "$WORK/out" "Organism02 species" "small organism left out"
expect_no_grep "$WORK/out" "2002" "small year left out"

expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --facet-size 3 --limit 0 signaling
[ "$(grep -c 'more)' "$WORK/out")" = 2 ] || fail "two '(+K more)' lines with --facet-size 3"
expect_grep "$WORK/out" "(+9 more)" "--facet-size 3"
# Years stay in year order: 2010, 2011, 2012 are the three largest.
[ "$(grep -oE '^  20[0-9]{2}' "$WORK/out" | tr -d ' ' | tr '\n' ' ')" = "2010 2011 2012 " ] ||
  fail "years of --facet-size 3: $(grep -oE '^  20[0-9]{2}' "$WORK/out" | tr '\n' ' ')"

expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --facet-size 0 --limit 0 signaling
expect_no_grep "$WORK/out" "more)" "--facet-size 0 shows all"
expect_grep "$WORK/out" "Organism01 species" "--facet-size 0 shows the smallest"

expect_status 0 "$CAPSEARCH" search --db "$DB" --facets --facet-size 3 --format json --limit 0 signaling
json_check "$WORK/out" 'len(j["facets"]["organism"]) == 12 and len(j["facets"]["year"]) == 12'

expect_status 0 "$CAPSEARCH" stats --db "$DB" --facet-size 4
expect_grep "$WORK/out" "(+8 more)" "stats --facet-size 4"
expect_status 0 "$CAPSEARCH" stats --db "$DB"
expect_grep "$WORK/out" "(+2 more)" "stats default"

expect_status 2 "$CAPSEARCH" search --db "$DB" --facets --facet-size -1 signaling
finish
