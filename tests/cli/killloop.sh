# SIGKILL at random points of writes (a note, a workflow step and an
# import), many times: afterwards verify passes and every write that
# reported success is there.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
N=${GRADUS_KILL_ROUNDS:-80}
: >"$WORK/done"
for i in $(seq 1 "$N"); do
	case $((i % 3)) in
	0) set -- case set HB-2026-BAS-0003 note "kill round $i" ;;
	1) printf 'enterprise,uscc,region,level,year\n杀%s有限公司,91420300MA9H9ETGN0,xianning,basic,2026\n' "$i" >"$WORK/k.csv"
	   set -- import cases "$WORK/k.csv" ;;
	2) set -- case set HB-2026-BAS-0004 note "kill round $i" ;;
	esac
	( "$GRADUS" --db "$DB" "$@" >/dev/null 2>&1 && echo "$i" >>"$WORK/done" ) &
	pid=$!
	sleep "0.00$(shuf -i 1-9 -n 1)"
	pkill -KILL -P "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
run "$GRADUS" --db "$DB" verify
expect "verify passes after $N writes killed at random" 0 "ok"
killed=$((N - $(wc -l <"$WORK/done")))
echo "# $killed of $N writes were killed"
lost=0
for i in $(cat "$WORK/done"); do
	case $((i % 3)) in
	1) [ "$(sqlite3 "$DB" "SELECT count(*) FROM enterprises WHERE name = '杀${i}有限公司'")" = 1 ] || lost=$((lost + 1)) ;;
	*) [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE field = 'note' AND new = 'kill round $i'")" = 1 ] || lost=$((lost + 1)) ;;
	esac
done
[ "$lost" = 0 ] && ok "every write reported done is there" || fail "every write reported done is there" "$lost lost"
run "$GRADUS" --db "$DB" case set HB-2026-BAS-0003 note "after the kills"
expect "writing works after the kills" 0
