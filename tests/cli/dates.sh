# Every command that takes a date refuses one that is not a day of the
# calendar (0000-00-00, 2026-02-30, 2026-13-01, 2025-02-29, an empty one),
# saying which option and that YYYY-MM-DD is expected, and writes nothing
# (the audit log keeps its length); the store refuses such a date too.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
CASE=HB-2024-EXC-0001 # excellent, certified
L=HB-2025-LEA-0001    # leading, mid-cultivation
A=HB-2025-ADV-0002    # advanced, under evaluation
U=91420100MA4K12345K
G user add insp1 inspector >/dev/null
G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 >/dev/null
N=$(G check plan "$CASE" --inspectors insp1 --draw 2 --seed 42)
S17=$(G check show "$N" | awk -F'\t' '$1 == "scenarios" { split($2, s, ","); print s[1] }')
G check answer "$N" "$S17" 1 no --note 未见记录 >/dev/null
F=$(G check show "$N" | awk -F'\t' '$1 == "finding" { print $2; exit }')
P=$(G panel plan "$A" --purpose evaluation --members E0001 --on 2026-11-20)
M=$(G cultivation show "$L" | awk -F'\t' '$1 == "milestone" { print $2; exit }')
S=$(G cultivation session "$L" --on 2026-11-20 --experts 陈立新 --advice 准备验收材料)
FU=$(G cultivation followup "$S" 整理材料 --due 2027-01-15)
for id in N S17 F P M S FU; do eval "[ -n \"\$$id\" ]" || fail "setting up: no $id"; done

# Each line: the option named in the refusal, then the command with DATE
# where the date goes; a ? after the option: an empty date clears the
# field, and is not refused.
COMMANDS="--today|--today DATE case list
--today|agenda --today DATE
--today|sweep --today DATE
--on|case advance $CASE review_filed --on DATE
--received|case material $CASE construction_plan --received DATE
commitment_on?|case set $CASE commitment_on DATE
--commitment-on|case add --enterprise 某某智造 --uscc $U --region wuhan --level basic --year 2026 --commitment-on DATE
--certified-on|case add --enterprise 某某智造 --uscc $U --region wuhan --level excellent --year 2024 --certified-on DATE
--on|check plan $CASE --inspectors insp1 --on DATE
--due|check finding $F --due DATE
--on|panel plan $A --purpose evaluation --members E0001 --on DATE
--due|panel opinion $P rectify 补充数据 --item 补充数据 --due DATE
--due|cultivation milestone $L 方案评审 --due DATE
--on|cultivation milestone-done $M --on DATE
--on|cultivation session $L --on DATE --experts 陈立新 --advice 准备
--due|cultivation followup $S 整理 --due DATE
--on|cultivation followup-done $FU --on DATE
--received|cultivation report $L 2026-H2 --summary 进展 --received DATE
--certified|dates --level excellent --certified DATE
--expires|dates --level excellent --expires DATE
--cultivation-start|dates --level leading --cultivation-start DATE
--notice-start|dates --level excellent --notice-start DATE"

for bad in 0000-00-00 2026-02-30 2026-13-01 2025-02-29 ''; do
	printf '%s\n' "$COMMANDS" | while IFS='|' read -r option cmd; do
		case $option in *\?) [ -z "$bad" ] && continue; option=${option%\?} ;; esac
		before=$(audit_rows)
		set -f
		# shellcheck disable=SC2086 # the command's words, the date one of them
		set -- $(printf '%s\n' "$cmd" | sed 's/DATE/@DATE@/')
		set +f
		args=""
		for word in "$@"; do [ "$word" = @DATE@ ] && word=$bad; args="$args '$word'"; done
		eval "run G $args"
		if [ "$RC" = 0 ] || ! printf '%s\n' "$ERR" | grep -qF -- "$option"; then
			fail "'$bad' refused by: $cmd" "exit $RC" "stderr: $ERR" "stdout: $OUT"
		elif ! printf '%s\n' "$ERR" | grep -qF -- "YYYY-MM-DD"; then
			fail "'$bad' refused by $cmd, saying YYYY-MM-DD is expected" "stderr: $ERR"
		elif [ "$(audit_rows)" != "$before" ]; then
			fail "'$bad' refused by $cmd and nothing written" "audit rows $before -> $(audit_rows)"
		else
			ok "'$bad' refused by: $cmd"
		fi
	done
done

# A rectification item given no date is due 30 days from today, from the
# store (the screen's opinion form gets the same); never 0000-00-00.
run G panel opinion "$P" rectify 补充数据 --item 补充能耗数据 --item 完善台账 --due 2027-03-01
expect "an opinion with an undated item" 0
dues=$(sqlite3 "$DB" "SELECT group_concat(f.due_on, ' ') FROM findings f JOIN panels p ON p.id = f.panel_id
	WHERE p.number = '$P' ORDER BY f.item")
[ "$dues" = "2026-12-28 2027-03-01" ] && ok "the undated item is due today + 30 days, the dated one on its date" ||
	fail "item due dates" "$dues"
run G agenda --within 60
expect_line "and the agenda lists it as due on that day, not overdue" \
	"$(printf '2026-12-28\t%s\tfinding\tdue\tadvanced\t宜昌船舶重工装备有限公司\t#1 major: 补充能耗数据' "$P")"

# A CSV import with a date that is not a day imports nothing.
for bad in 0000-00-00 2026-02-30; do
	printf '%s\n' "enterprise,uscc,region,level,year,commitment_on" "某某智造有限公司,$U,wuhan,basic,2026,$bad" >"$WORK/bad.csv"
	before=$(audit_rows)
	run G import cases "$WORK/bad.csv"
	expect "import cases refuses commitment_on $bad" 1 "$bad"
	printf '%s\n' "$ERR" | grep -qF "YYYY-MM-DD" && [ "$(audit_rows)" = "$before" ] &&
		ok "saying YYYY-MM-DD is expected; nothing imported" || fail "import $bad" "$ERR" "audit $before -> $(audit_rows)"
done

# Dates typed as the office writes them: an option or a date field of case
# set takes 2026/3/5, 2026.3.5 and 2026年3月5日 and keeps YYYY-MM-DD; a day that
# is not one is still refused naming the option (issue 16).
run G case add --enterprise 某某装备有限公司 --uscc 91421000MAGEEUF318 --region 荆州市 --level basic --year 2026 \
	--commitment-on 2026年3月5日
expect "case add --commitment-on 2026年3月5日" 0
ID=$OUT
[ "$(sqlite3 "$DB" "SELECT commitment_on FROM cases WHERE id = '$ID'")" = 2026-03-05 ] &&
	ok "kept as 2026-03-05" || fail "commitment_on kept" "$(sqlite3 "$DB" "SELECT commitment_on FROM cases WHERE id = '$ID'")"
run G case set "$ID" commitment_on 2026.4.1
expect "case set commitment_on 2026.4.1" 0
[ "$(sqlite3 "$DB" "SELECT commitment_on FROM cases WHERE id = '$ID'")" = 2026-04-01 ] &&
	ok "kept as 2026-04-01" || fail "commitment_on set" "$(sqlite3 "$DB" "SELECT commitment_on FROM cases WHERE id = '$ID'")"
run G case advance "$ID" withdraw --on 2026/11/20
expect "case advance --on 2026/11/20" 0
[ "$(sqlite3 "$DB" "SELECT on_date FROM events WHERE case_id = '$ID' AND step = 'withdraw'")" = 2026-11-20 ] &&
	ok "the step is dated 2026-11-20" || fail "step date" "$(sqlite3 "$DB" "SELECT step, on_date FROM events WHERE case_id = '$ID'")"
run G case add --enterprise 某某装备有限公司 --uscc 91421000MAGEEUF318 --region 荆州市 --level basic --year 2026 \
	--commitment-on 2026/2/30
expect "case add --commitment-on 2026/2/30 is refused" 2 "--commitment-on: 2026/2/30: February 2026 has 28 days"
