# SIGKILL at random points of a spot check walked in the TUI (a keystroke
# script on the off-screen terminal answering all 21 items of a check in
# order), many times, each on a fresh copy: afterwards verify passes and the
# answers stored are exactly the first answers of the script, none later
# without the ones before, each whole (its value, its audit rows and the
# finding that "no" and "partial" open, together).
# GRADUS_KILL_ROUNDS sets the number of rounds (default 70).
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
N=${GRADUS_KILL_ROUNDS:-70}
CASE=HB-2024-EXC-0001
CHECK=$CASE-C1
export XDG_STATE_HOME="$WORK/state"
cd "$WORK" || exit 1
cp "$DB" base.db
"$GRADUS" --db base.db check plan "$CASE" --inspectors "$ME" --draw 3 --seed 1 >/dev/null ||
	fail "a check of 3 scenarios is planned"

# The walk: the 7th case, its checks, the first; then every item in order,
# scenario by scenario: y p n x on yes/no items ("no" and "partial" only
# where no evidence is required), a digit for a choice, Enter and the
# figures before and after for a measure, Enter and a value for the rest.
# want.tsv has the answers the script gives, in order.
sqlite3 -separator '	' base.db "SELECT i.scenario, i.item, i.kind, i.evidence_required, coalesce(i.choices, '')
	FROM check_items i JOIN checks c ON c.id = i.check_id WHERE c.number = '$CHECK' ORDER BY i.scenario, i.item" |
	awk -F '\t' -v keys=keys -v want=want.tsv '
	BEGIN { split("yes partial no na", answer, " "); split("y p n x", key, " ") }
	{
		n++
		if ($3 == "check") {
			k = n % 4 + 1
			if ($4 == 1 && (k == 2 || k == 3)) k = 1
			print key[k] >keys; v = answer[k]
		} else if ($3 == "choice") {
			c = split($5, choice, "|"); k = n % c + 1
			print k >keys; v = choice[k]
		} else if ($3 == "measure") {
			printf "<Enter>%s<Enter>%s<Enter>\n", n, n ".5" >keys; v = n "|" n ".5"
		} else {
			v = $3 == "text" ? "文本" n : n ".5"
			printf "<Enter>%s<Enter>\n", v >keys
		}
		printf "%s\t%s\t%s\n", $1, $2, v >want
	}'
ITEMS=$(grep -c . want.tsv)
{ printf 'jjjjjj<Enter>\nc\n<Enter>\n'; cat keys; printf 'q\nq\nq\nq\n'; } >walk.script

answers() { # DB: the check's answers in the order of the walk
	sqlite3 -separator '	' "$1" "SELECT a.scenario, a.item, a.value FROM answers a JOIN checks c ON c.id = a.check_id
		WHERE c.number = '$CHECK' ORDER BY a.scenario, a.item"
}
# "no" and "partial" answers, and the check's findings (all of them, then
# those open with the severity of their item's answer): three numbers the same.
findings() {
	sqlite3 -separator ' ' "$1" "SELECT
		(SELECT count(*) FROM answers a WHERE a.check_id = c.id AND a.value IN ('no', 'partial')),
		(SELECT count(*) FROM findings f WHERE f.check_id = c.id),
		(SELECT count(*) FROM findings f JOIN answers a ON a.check_id = f.check_id AND a.scenario = f.scenario
			AND a.item = f.item WHERE f.check_id = c.id AND f.status = 'open'
			AND f.severity = CASE a.value WHEN 'no' THEN 'major' WHEN 'partial' THEN 'minor' END)
		FROM checks c WHERE c.number = '$CHECK'"
}

cp base.db whole.db
run "$GRADUS" --db whole.db --script walk.script --size 80x24
expect "the walk answers every item un-killed" 0
answers whole.db >got.tsv
expect_same "all $ITEMS answers are stored as the script gives them" want.tsv got.tsv
cp base.db probe.db
rm -rf state
MAX=$(( $(duration_ms "$GRADUS" --db probe.db --script walk.script --size 80x24) * 11 / 10 + 2 ))

: >rounds
: >bad
for i in $(seq 1 "$N"); do
	rm -f round.db round.db-wal round.db-shm
	cp base.db round.db
	rm -rf state
	kill_at_random "$MAX" "$GRADUS" --db round.db --script walk.script --size 80x24
	rc=$?
	answers round.db >got.tsv
	k=$(grep -c . got.tsv)
	echo "$i $rc $k" >>rounds
	head -n "$k" want.tsv | cmp -s - got.tsv ||
		echo "round $i: the $k answers stored are not the script's first $k: $(head -n "$k" want.tsv | diff - got.tsv | head -4)" >>bad
	[ "$rc" = 0 ] && [ "$k" != "$ITEMS" ] && echo "round $i: the walk ended, but only $k answers are stored" >>bad
	[ "$rc" != 0 ] && [ "$rc" != 137 ] && echo "round $i: exit status $rc" >>bad
	set -- $(findings round.db)
	[ "$1 $1" = "$2 $3" ] || echo "round $i: $1 answers no or partial, $2 findings, $3 open to match" >>bad
	"$GRADUS" --db round.db verify >verify.out 2>&1 || echo "round $i: verify: $(cat verify.out)" >>bad
done

awk -v max="$MAX" -v items="$ITEMS" '{ n++; if ($2 == 137) { killed++; mid += $3 > 0 && $3 < items } }
	END { printf "# walk: %d of %d killed, at random in 0-%d ms; %d with part of the check answered\n",
		killed, n, max, mid }' rounds
[ ! -s bad ] && ok "after each of $N walks killed at random: verify passes, the answers are the script's first, each whole" ||
	fail "each walk killed at random leaves the script's first answers" "$(head -5 bad)"
