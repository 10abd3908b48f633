# The agenda screen reads a window of a screen's rows a page at a time: on
# a terminal of nine lines (six rows) the demo's eight items are walked
# with G, g, PageDown, PageUp, and j and k past the window's edges; each
# screen shows the rows gradus agenda prints, in its order, the cursor
# where the key leaves it. Then a milestone done, a finding closed and a
# case's step change what ^R shows.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1

"$GRADUS" --db "$DB" agenda | cut -f1,2 >all.tsv
[ "$(wc -l <all.tsv)" = 8 ] && ok "the demo's agenda holds eight items" || fail "eight items" "$(cat all.tsv)"
run "$GRADUS" --db "$DB" --script "$SCRIPTS/agenda-pages.script" --size 80x9
expect "the script runs to its end" 0

# rows NAME: the rows of a saved screen, "date TAB number", the cursor's marked with >
rows() {
	sed -n 's/^\([> ]\)\([0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\)  .*  \(HB-[A-Z0-9-]*\)  .*/\1\2	\3/p' "p-$1.screen"
}
# window NAME FIRST CURSOR: the screen shows the items FIRST..FIRST+5 of the
# agenda's, the cursor on item CURSOR
window() {
	sed -n "$2,$(($2 + 5))p" all.tsv | awk -v c=$(($3 - $2 + 1)) '{ print (NR == c ? ">" : " ") $0 }' >"want-$1.tsv"
	rows "$1" >"got-$1.tsv"
	expect_same "$1: items $2 to $(($2 + 5)), the cursor on $3" "want-$1.tsv" "got-$1.tsv"
}
window first 1 1
window end 3 8
window home 1 1
window pgdn1 1 6
window pgdn2 3 8
window pgup1 3 3
window pgup2 1 1
window j7 3 8
window k7 1 1
grep -q "^gradus  Agenda (8)" p-first.screen && ok "the title counts the whole agenda" || fail "title" "$(head -1 p-first.screen)"

# A milestone done, a finding closed, a lapsed cultivation extended: the
# agenda follows, its kept deadlines with it (schema 24).
G() { "$GRADUS" --db "$DB" "$@"; }
M=$(G cultivation show HB-2025-LEA-0001 | awk -F'\t' '$1 == "milestone" && $3 == "2026-09-30" { print $2 }')
G cultivation milestone-done "$M" --on 2026-11-20 >/dev/null || fail "milestone done"
F=$(G check show HB-2024-EXC-0002-C1 | awk -F'\t' '$1 == "finding" && $6 == "open" { print $2 }')
printf 'photo' >evidence.jpg
G check finding "$F" --close '已整改，见附件' --file evidence.jpg >/dev/null || fail "finding closed"
G case advance HB-2024-LEA-0001 extend_cultivation --note 延期 >/dev/null || fail "cultivation extended"
[ "$(sqlite3 "$DB" "SELECT group_concat(kind || ' ' || due_on, ', ') FROM (SELECT kind, due_on FROM case_dues
	WHERE case_id = (SELECT id FROM cases WHERE number = 'HB-2024-LEA-0001') ORDER BY due_on)")" = \
	"acceptance_application 2026-04-24, cultivation_end 2026-07-24" ] &&
	ok "the step keeps the case's new deadlines, the decision gone" ||
	fail "kept deadlines" "$(sqlite3 "$DB" "SELECT * FROM case_dues")"
G agenda | cut -f1,2 >all.tsv
grep -q "2026-09-30	HB-2025-LEA-0001" all.tsv && fail "the milestone done leaves the agenda" "$(cat all.tsv)" ||
	ok "the milestone done leaves the agenda"
grep -q "HB-2024-EXC-0002-C1" all.tsv && fail "the closed finding leaves the agenda" "$(cat all.tsv)" ||
	ok "the closed finding leaves the agenda"
printf 'a\n:save-screen p-after.screen\nG\n:save-screen p-after-end.screen\nq\nq\n' >after.script
run "$GRADUS" --db "$DB" --script after.script --size 80x9
expect "the script runs to its end" 0
window after 1 1
window after-end 2 7
grep -q "^gradus  Agenda (7)" p-after.screen && ok "the title counts what is left" || fail "title" "$(head -1 p-after.screen)"
run G verify
expect "verify holds the kept deadlines to the rules" 0 "ok"
