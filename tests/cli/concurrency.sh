# Eight processes write to one database for a minute (notes, workflow
# steps, check answers, imports; GRADUS_CONCURRENCY_SECONDS changes the
# minute): every write a command reports done is in the database, no
# command fails or is told the database is locked or busy, and verify
# passes.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
LENGTH=${GRADUS_CONCURRENCY_SECONDS:-60}
CHECK=HB-2026-BAS-0001-C1
"$GRADUS" --db "$DB" check plan HB-2026-BAS-0001 --inspectors "$ME" --draw 2 --seed 42 >/dev/null

# Eight fresh draft cases, one for each writer to note and to step through
# (submit, return for revision, submit ...).
{
	echo enterprise,uscc,region,level,year
	uscc_of 1 8 | awk '{ print "并发起点" NR "有限公司," $1 ",xianning,basic,2026" }'
} >"$WORK/fresh.csv"
"$GRADUS" --db "$DB" import cases "$WORK/fresh.csv" >/dev/null 2>"$WORK/setup.err" || fail "the writers' cases are imported" "$(cat "$WORK/setup.err")"
for n in 1 2 3 4 5 6 7 8; do
	sqlite3 "$DB" "SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id
		JOIN enterprises e ON e.id = f.enterprise_id WHERE e.name = '并发起点${n}有限公司'" >"$WORK/case.$n"
	[ -s "$WORK/case.$n" ] || fail "writer $n has a case"
	# submit needs the application's materials
	for m in application_form self_assessment commitment financial_statements safety_environment scenario_evidence; do
		"$GRADUS" --db "$DB" case material "$(cat "$WORK/case.$n")" $m --received 2026-11-01 >/dev/null || fail "material $n $m"
	done
done

# The check's items the writers answer, one each: scenario and item; the
# last two are measures (days), the others yes or no.
ITEMS='4 1,4 2,4 4,4 5,9 1,9 3,4 6,9 5'
answer() { # ITEM ROUND: a value the item takes, changing each round
	case $1 in
	'4 6' | '9 5') echo "$2" ;;
	*) [ $(($2 % 2)) = 0 ] && echo yes || echo no ;;
	esac
}

# writer N CASE: until the deadline, in turn a note, a step and an answer
# on its own case and item, and an import of a new enterprise; the tag of
# each write that exits 0 goes to $WORK/done.KIND.N, a failure to $WORK/w.N.
writer() {
	local n=$1 c=$2 i=0 kind tag next=submit state=draft item
	item=$(echo "$ITEMS" | cut -d, -f"$n")
	while [ "$(date +%s)" -lt "$DEADLINE" ]; do
		i=$((i + 1))
		case $(((i + n) % 4)) in
		0) kind=note tag="note w$n r$i"
		   set -- case set "$c" note "$tag" ;;
		1) kind=step tag="step w$n r$i"
		   set -- case advance "$c" "$next" --note "$tag" ;;
		2) kind=answer tag="answer w$n r$i"
		   set -- check answer $CHECK $item "$(answer "$item" "$i")" --note "$tag" ;;
		3) kind=import tag="并发w${n}r${i}有限公司"
		   printf 'enterprise,uscc,region,level,year\n%s,%s,xianning,basic,2026\n' "$tag" "$(uscc_of "$((n * 100000 + i))")" \
			>"$WORK/i$n.csv"
		   set -- import cases "$WORK/i$n.csv" ;;
		esac
		if "$GRADUS" --db "$DB" "$@" >>"$WORK/w.$n" 2>&1; then
			echo "$tag" >>"$WORK/done.$kind.$n"
			[ $kind = step ] && if [ $next = submit ]; then next=return_for_revision state=submitted; else next=submit state=draft; fi
		else
			echo "FAILED ($?): $*" >>"$WORK/w.$n"
		fi
	done
	echo "$state" >"$WORK/state.$n"
}

START=$(date +%s)
DEADLINE=$((START + LENGTH))
for n in 1 2 3 4 5 6 7 8; do
	writer "$n" "$(cat "$WORK/case.$n")" &
done
wait
TOOK=$(($(date +%s) - START))
for kind in note step answer import; do
	cat "$WORK"/done.$kind.* 2>/dev/null | sort >"$WORK/done.$kind"
done

failures=$(cat "$WORK"/w.* | grep -c FAILED)
[ "$failures" = 0 ] && ok "eight writers for $TOOK s: no command failed" ||
	fail "eight writers: no command failed" "$failures failed" "$(grep -h -A1 FAILED "$WORK"/w.* | head -6)"
grep -hi "locked\|busy" "$WORK"/w.* >"$WORK/busy"
[ -s "$WORK/busy" ] && fail "no one is told the database is locked or busy" "$(head -3 "$WORK/busy")" ||
	ok "no one is told the database is locked or busy"

# landed KIND SQL: the tags the database holds for KIND are the ones done.
landed() {
	sqlite3 "$DB" "$2" | sort >"$WORK/landed.$1"
	local count=$(wc -l <"$WORK/done.$1")
	if [ "$count" -gt 0 ] && cmp -s "$WORK/done.$1" "$WORK/landed.$1"; then
		ok "all $count ${1}s done are in the database"
	else
		fail "every $1 done is in the database" "$count done, $(wc -l <"$WORK/landed.$1") found" \
			"$(diff "$WORK/done.$1" "$WORK/landed.$1" | head -4)"
	fi
}
landed note "SELECT new FROM audit_fields WHERE tbl = 'cases' AND field = 'note' AND new LIKE 'note w% r%'"
landed step "SELECT note FROM events WHERE note LIKE 'step w% r%'"
# an answer's notes: its updates', and the one it was made with (its first
# update's old value, or its note now)
landed answer "SELECT new FROM audit_fields WHERE tbl = 'answers' AND field = 'note' AND new LIKE 'answer w% r%'
	UNION ALL SELECT v FROM (SELECT coalesce((SELECT f.old FROM audit_fields f WHERE f.row_id = a.id
	AND f.tbl = 'answers' AND f.field = 'note' ORDER BY f.seq LIMIT 1), a.note) AS v FROM answers a)
	WHERE v LIKE 'answer w% r%'"
landed import "SELECT name FROM enterprises WHERE name LIKE '并发w%'"

wrong=
for n in 1 2 3 4 5 6 7 8; do
	c=$(cat "$WORK/case.$n")
	got=$(sqlite3 "$DB" "SELECT note || ' ' || state FROM cases WHERE number = '$c'")
	want="$(tail -1 "$WORK/done.note.$n" 2>/dev/null) $(cat "$WORK/state.$n")"
	[ "$got" = "$want" ] || wrong="$wrong $c: $got (wanted $want);"
done
[ -z "$wrong" ] && ok "each writer's case holds its last note and state" || fail "each writer's case holds its last note and state" "$wrong"
echo "# in $TOOK s: $(wc -l <"$WORK/done.note") notes, $(wc -l <"$WORK/done.step") steps," \
	"$(wc -l <"$WORK/done.answer") answers, $(wc -l <"$WORK/done.import") imports"
run "$GRADUS" --db "$DB" verify
expect "verify passes after the eight writers" 0 "ok"
