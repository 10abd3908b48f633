# SIGKILL at random points of writes (notes, imports and workflow steps),
# many times: afterwards verify passes, every write that reported success is
# there, and no case is half-stepped: each step's event, the case's state and
# the dates the step sets are there together or not at all.
# GRADUS_KILL_ROUNDS sets the number of rounds (default 300).
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
N=${GRADUS_KILL_ROUNDS:-300}
q() { sqlite3 "$DB" "$1"; }
# Two excellent cases go round review_filed -> review_passed (certified, the
# expiry 3 years on) -> review_filed; a basic one round submit (applied_on
# set from --on) -> return_for_revision.
EXC1=HB-2023-EXC-0001
EXC2=HB-2023-EXC-0002
BAS=HB-2026-BAS-0005
STEPPED="$EXC1 $EXC2 $BAS"
START_SEQ=$(q 'SELECT max(seq) FROM audit')
for c in $STEPPED; do
	q "SELECT state, coalesce(expires_on, '') FROM cases WHERE number = '$c'" >"$WORK/start.$c"
done

# How long each kind of write takes here, un-killed on a copy: the kills
# fall anywhere from the start to a little past the end.
cp "$DB" "$WORK/probe.db"
{ echo enterprise,uscc,region,level,year
  uscc_of 1 10 | awk '{ print "探测" NR "有限公司," $1 ",xianning,basic,2026" }'; } >"$WORK/probe.csv"
MDOC=工信厅通装函〔2027〕12号
margin() { echo $(($1 * 11 / 10 + 2)); }
"$GRADUS" --db "$WORK/probe.db" verify >/dev/null # the first run reads the program from disk
MAX_note=$(margin "$(duration_ms "$GRADUS" --db "$WORK/probe.db" case set "$BAS" note probe)")
MAX_import=$(margin "$(duration_ms "$GRADUS" --db "$WORK/probe.db" import cases "$WORK/probe.csv")")
MAX_step=$(margin "$(duration_ms "$GRADUS" --db "$WORK/probe.db" case advance "$EXC1" review_passed --doc "$MDOC")")

# The step a case can take next, with its options.
next_step() {
	case $(q "SELECT state FROM cases WHERE number = '$1'") in
	review_filed) echo review_passed --doc "$MDOC" ;; # the ministry's decision, with its 文号
	certified) echo review_filed ;;
	submitted) echo return_for_revision ;;
	draft) printf 'submit --on 2026-02-%02d' $(($2 % 28 + 1)) ;;
	*) echo none ;;
	esac
}

: >"$WORK/done"
: >"$WORK/rounds"
for i in $(seq 1 "$N"); do
	case $((i % 6)) in
	0) kind=note; set -- case set HB-2026-BAS-0003 note "kill round $i" ;;
	1) kind=import
	   { echo enterprise,uscc,region,level,year
	     uscc_of "$((i * 100 + 1))" 10 | awk -v i="$i" '{ print "杀" i "-" NR "有限公司," $1 ",xianning,basic,2026" }'; } >"$WORK/k.csv"
	   set -- import cases "$WORK/k.csv" ;;
	2) kind=note; set -- case set HB-2026-BAS-0004 note "kill round $i" ;;
	3) kind=step; set -- case advance "$EXC1" $(next_step "$EXC1" "$i") --note "step round $i" ;;
	4) kind=step; set -- case advance "$EXC2" $(next_step "$EXC2" "$i") --note "step round $i" ;;
	5) kind=step; set -- case advance "$BAS" $(next_step "$BAS" "$i") --note "step round $i" ;;
	esac
	eval "max=\$MAX_$kind"
	kill_at_random "$max" "$GRADUS" --db "$DB" "$@"
	rc=$?
	echo "$i $kind $rc" >>"$WORK/rounds"
	[ "$rc" = 0 ] || [ "$rc" = 137 ] || echo "$i $kind $rc $(head -c 300 "$WORK/killed.err")" >>"$WORK/odd"
	[ "$rc" = 0 ] && echo "$i" >>"$WORK/done"
done

run "$GRADUS" --db "$DB" verify
expect "verify passes after $N writes killed at random" 0 "ok"
for kind in note import step; do
	awk -v k=$kind -v max="$(eval "echo \$MAX_$kind")" '$2 == k { n++; killed += $3 == 137 }
		END { printf "# %s: %d of %d killed, at random in 0-%d ms\n", k, killed, n, max }' "$WORK/rounds"
done
odd=$(cat "$WORK/odd" 2>/dev/null)
[ -z "$odd" ] && ok "each write either succeeded or was killed: none refused or failed" ||
	fail "each write either succeeded or was killed" "$(echo "$odd" | head -5)"

lost=0
for i in $(cat "$WORK/done"); do
	case $((i % 6)) in
	1) [ "$(q "SELECT count(*) FROM enterprises WHERE name LIKE '杀$i-%有限公司'")" = 10 ] || lost=$((lost + 1)) ;;
	0|2) [ "$(q "SELECT count(*) FROM audit_fields WHERE field = 'note' AND new = 'kill round $i'")" = 1 ] || lost=$((lost + 1)) ;;
	*) [ "$(q "SELECT count(*) FROM events WHERE note = 'step round $i'")/$(q "SELECT count(*) FROM audit a
		JOIN events e ON e.id = a.row_id WHERE a.tbl = 'events' AND a.op = 0 AND e.note = 'step round $i'")" = 1/1 ] || lost=$((lost + 1)) ;;
	esac
done
[ "$lost" = 0 ] && ok "every write reported done is there" || fail "every write reported done is there" "$lost lost"
# An import of ten is there whole or not at all, each enterprise with its factory and case.
half=$(q "SELECT count(*) || ' ' || coalesce(group_concat(round || ': ' || n), '') FROM
	(SELECT substr(e.name, 2, instr(e.name, '-') - 2) AS round, count(c.id) AS n FROM enterprises e
	LEFT JOIN factories f ON f.enterprise_id = e.id LEFT JOIN cases c ON c.factory_id = f.id
	WHERE e.name LIKE '杀%-%有限公司' GROUP BY round HAVING n != 10)")
[ "$half" = "0 " ] && ok "each import is whole: ten enterprises, each with its factory and case, or none" ||
	fail "each import is whole" "rounds with part of an import: $half"

# A case's steps taken here, in the order written: from, to, step, date.
steps_of() {
	q "SELECT e.from_state, e.to_state, e.step, e.on_date FROM events e
		JOIN audit a ON a.row_id = e.id AND a.tbl = 'events' AND a.op = 0
		WHERE e.case_id = (SELECT id FROM cases WHERE number = '$1') AND e.note LIKE 'step round %' ORDER BY a.seq"
}
# The case stands where its last step led; each step starts where the one
# before ended; the state changed once per step; the dates are the steps'.
whole_steps() {
	local c=$1 state expires from to step on prev last_on="" passed=0 count=0 changes due want_due
	IFS='|' read -r prev expires <"$WORK/start.$c"
	steps_of "$c" >"$WORK/steps.$c"
	while IFS='|' read -r from to step on; do
		[ "$from" = "$prev" ] || { echo "step $step from $from after a step to $prev"; return; }
		prev=$to
		count=$((count + 1))
		[ "$step" = review_passed ] && passed=$((passed + 1))
		[ "$step" = submit ] && last_on=$on
	done <"$WORK/steps.$c"
	state=$(q "SELECT state FROM cases WHERE number = '$c'")
	[ "$state" = "$prev" ] || { echo "state $state, but its last step led to $prev"; return; }
	changes=$(q "SELECT count(*) FROM audit_fields WHERE tbl = 'cases' AND field = 'state' AND seq > $START_SEQ
		AND row_id = (SELECT id FROM cases WHERE number = '$c')")
	[ "$changes" = "$count" ] || { echo "$changes state changes for $count steps"; return; }
	if [ -n "$expires" ]; then
		expires=$(q "SELECT date('$expires', '+$((3 * passed)) years')")
		[ "$state" = certified ] && want_due=$(q "SELECT date('$expires', '-3 months')") || want_due=$expires
		due=$(q "SELECT expires_on || ' ' || next_due FROM cases WHERE number = '$c'")
		[ "$due" = "$expires $want_due" ] ||
			{ echo "expires and next due $due after $passed reviews passed; expected $expires $want_due"; return; }
	elif [ -n "$last_on" ]; then
		on=$(q "SELECT applied_on FROM cases WHERE number = '$c'")
		[ "$on" = "$last_on" ] || { echo "applied_on $on, the last submit was on $last_on"; return; }
	fi
	echo "$count"
}
for c in $STEPPED; do
	got=$(whole_steps "$c")
	case $got in
	''|*[!0-9]*) fail "$c is not half-stepped" "$got" ;;
	*) ok "$c is not half-stepped: $got steps, each with its event, state and dates" ;;
	esac
done

run "$GRADUS" --db "$DB" case set HB-2026-BAS-0003 note "after the kills"
expect "writing works after the kills" 0
run "$GRADUS" --db "$DB" case advance "$EXC1" $(next_step "$EXC1" 0)
expect "stepping works after the kills" 0
