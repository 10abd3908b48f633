# Eight processes write to one database at once (notes, workflow steps,
# check answers, imports): every write lands, none is told the database
# is locked, and verify passes.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
ME=$(id -un)
"$GRADUS" --db "$DB" check plan HB-2026-BAS-0001 --inspectors "$ME" --draw 2 --seed 42 >/dev/null
CASES=$(sqlite3 "$DB" 'SELECT number FROM cases ORDER BY number LIMIT 6')
ROUNDS=40

writer() { # N CASE: notes on its own case, answers or an import between
	local n=$1 c=$2 i
	for i in $(seq 1 $ROUNDS); do
		if "$GRADUS" --db "$DB" case set "$c" note "writer $n round $i" >>"$WORK/w$n.out" 2>&1; then
			echo "$c writer $n round $i" >>"$WORK/w$n.done"
		else
			echo "FAILED $c $i" >>"$WORK/w$n.out"
		fi
		case $n in
		7) "$GRADUS" --db "$DB" check answer HB-2026-BAS-0001-C1 4 1 "$(echo yes no | cut -d" " -f$((i % 2 + 1)))" --note "round $i" \
			>>"$WORK/w$n.out" 2>&1 || echo "FAILED answer $i" >>"$WORK/w$n.out" ;;
		8) printf 'enterprise,uscc,region,level,year\n并发%s有限公司,91420300MA9H9ETGN0,xianning,basic,2026\n' "$i" >"$WORK/c$i.csv"
		   "$GRADUS" --db "$DB" import cases "$WORK/c$i.csv" >>"$WORK/w$n.out" 2>&1 || echo "FAILED import $i" >>"$WORK/w$n.out" ;;
		esac
	done
}
n=0
for c in $CASES HB-2026-BAS-0001 HB-2026-BAS-0002; do
	n=$((n + 1))
	writer "$n" "$c" &
done
wait
failures=$(cat "$WORK"/w*.out | grep -c FAILED)
[ "$failures" = 0 ] && ok "eight writers: no write failed" || fail "eight writers: no write failed" "$(grep -h -A1 FAILED "$WORK"/w*.out | head -5)"
cat "$WORK"/w*.out | grep -qi "locked\|busy" && fail "no one is told the database is locked" "$(grep -hi 'locked\|busy' "$WORK"/w*.out | head -3)" ||
	ok "no one is told the database is locked or busy"
landed=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE field = 'note' AND new LIKE 'writer % round %'")
[ "$landed" = $((8 * ROUNDS)) ] && ok "all $((8 * ROUNDS)) notes are in the audit log" || fail "all notes landed" "$landed of $((8 * ROUNDS))"
last=0
n=0
for c in $CASES HB-2026-BAS-0001 HB-2026-BAS-0002; do
	n=$((n + 1))
	[ "$(sqlite3 "$DB" "SELECT note FROM cases WHERE number = '$c'")" = "writer $n round $ROUNDS" ] || last=$((last + 1))
done
[ "$last" = 0 ] && ok "each case holds its writer's last note" || fail "each case holds its writer's last note" "$last wrong"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM enterprises WHERE name LIKE '并发%'")" = "$ROUNDS" ] && ok "every import landed" ||
	fail "every import landed"
run "$GRADUS" --db "$DB" verify
expect "verify passes after the eight writers" 0 "ok"
