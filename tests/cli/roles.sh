# Roles restrict every write in the store, whatever the screen or command:
# for each role (and a user with none) a table of writes, each allowed or
# refused, on a copy of one prepared database.
. "$(dirname "$0")/../lib.sh"
P=$WORK/prep.db
"$GRADUS" --db "$P" init --demo >/dev/null
"$GRADUS" --db "$P" expert add 张伟 --fields rnd --affiliation 华中科技大学 >/dev/null
"$GRADUS" --db "$P" panel plan HB-2026-ADV-0001 --purpose evaluation --members E0001 >/dev/null
"$GRADUS" --db "$P" check plan HB-2026-BAS-0001 --inspectors "$ME" --draw 2 --seed 42 >/dev/null ||
	fail "a check is planned with this user as its inspector"
printf 'enterprise,uscc,region,level,year\n角色测试有限公司,91420300MA9H9ETGN0,xianning,basic,2026\n' >"$WORK/one.csv"
# import batch 1, for undoing
printf 'enterprise,uscc,region,level,year\n撤销测试有限公司,%s,xianning,basic,2026\n' "$(uscc_of 7)" >"$WORK/batch.csv"
"$GRADUS" --db "$P" import cases "$WORK/batch.csv" >/dev/null || fail "import batch 1 is made"

# NAME|COMMAND, then the roles allowed to do it.
WRITES='case add|case add --enterprise 新企业有限公司 --uscc 91420200MA0DX6QEY5 --region huangshi --level basic --year 2026|admin clerk
case set|case set HB-2026-BAS-0003 note 改|admin clerk
case advance|case advance HB-2026-BAS-0004 recommend|admin clerk
import cases|import cases ONE_CSV|admin clerk
import undo|import undo 1|admin clerk
check plan|check plan HB-2026-BAS-0005 --inspectors li.ming --draw 1 --seed 1|admin clerk
check answer|check answer HB-2026-BAS-0001-C1 4 1 yes|admin inspector
expert add|expert add 李娜 --fields process --affiliation 三峡大学|admin clerk secretary
expert set|expert set E0001 affiliation 武汉大学|admin clerk secretary
panel plan|panel plan HB-2025-ADV-0002 --purpose evaluation --members E0001|admin clerk secretary
panel score|panel score HB-2026-ADV-0001-P1 E0001 80|admin secretary
cultivation milestone|cultivation milestone HB-2025-LEA-0001 方案评审 --due 2027-01-01|admin clerk secretary
bundle out|bundle out --cases HB-2026-BAS-0003 -o BUNDLE|admin clerk
user add|user add zhao.lei clerk|admin'

for role in admin clerk inspector secretary none; do
	R=$WORK/$role.db
	cp "$P" "$R"
	AS=""
	if [ "$role" = none ]; then
		# a user the database does not know: root runs it as nobody
		if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
			ok "a user with no role # SKIP needs root and setpriv"
			continue
		fi
		AS="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups env HOME=$WORK/nobody"
		chmod 711 "$WORK"
		mkdir "$WORK/nobody"
		R=$WORK/nobody/none.db
		mv "$WORK/none.db" "$R"
		chown nobody "$R" "$WORK/nobody"
	elif [ "$role" != admin ]; then
		# an admin may give itself another role, through the audited path,
		# once another is admin (the last admin cannot give up the role)
		"$GRADUS" --db "$R" user add spare.admin admin >/dev/null
		"$GRADUS" --db "$R" user add "$ME" "$role" >/dev/null || fail "$ME becomes $role"
	fi
	printf '%s\n' "$WRITES" | while IFS='|' read -r name cmd allowed; do
		cmd=$(printf '%s' "$cmd" | sed "s#ONE_CSV#$WORK/one.csv#; s#BUNDLE#$WORK/$role-bundle.db#")
		rm -f "$WORK/$role-bundle.db"
		[ -n "$AS" ] && cp "$WORK/one.csv" "$WORK/nobody/one.csv" && cmd=$(printf '%s' "$cmd" | sed "s#$WORK/one.csv#$WORK/nobody/one.csv#; s#$WORK/$role-bundle.db#$WORK/nobody/bundle.db#")
		before=$(sqlite3 "$R" 'SELECT count(*) FROM audit')
		# shellcheck disable=SC2086
		$AS "$GRADUS" --db "$R" $cmd >"$WORK/out" 2>"$WORK/err"
		rc=$?
		after=$(sqlite3 "$R" 'SELECT count(*) FROM audit')
		case " $allowed " in
		*" $role "*)
			[ "$rc" = 0 ] && ok "$role may: $name" || fail "$role may: $name" "exit $rc" "$(cat "$WORK/err")" ;;
		*)
			if [ "$rc" != 0 ] && [ "$before" = "$after" ] && [ ! -s "$WORK/$role-bundle.db" ] &&
			   grep -Eq 'may not|is for|not a user|not an inspector|role' "$WORK/err"; then
				ok "$role may not: $name"
			else
				fail "$role may not: $name" "exit $rc, audit rows $before -> $after" "$(cat "$WORK/out" "$WORK/err" | head -3)"
			fi ;;
		esac
	done
	run "$GRADUS" --db "$R" verify
	expect "$role: verify passes after the refused writes" 0 "ok"
done

# An inspector not named on a check is told so, by the check's number.
if [ -f "$WORK/nobody/none.db" ]; then
	R=$WORK/nobody/none.db
	"$GRADUS" --db "$R" user add nobody inspector >/dev/null
	chown nobody "$R"-* 2>/dev/null
	run setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$WORK/nobody" \
		"$GRADUS" --db "$R" check answer HB-2026-BAS-0001-C1 4 1 yes
	expect "an inspector not on the check is refused, naming the check" 1 "nobody is not an inspector of check HB-2026-BAS-0001-C1"
fi
