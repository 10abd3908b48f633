# Dynamic management (动态管理) and the public notice (公示): a certification
# revoked by its document (文号) with a reason, or withdrawn, ends that day
# with nothing more due; an objection raised in a notice holds certification
# until it is resolved, and certification waits for the notice's end.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
json() { # ID KEY: one value of case show --format json
	G case show "$1" --format json | python3 -c "import json,sys; v=json.load(sys.stdin).get('$2'); print('' if v is None else v)"
}
U1=91420100MA4KXXXX0D   # valid credit codes (GB 32100 check character)
U2=91420100MA4K12345K
DOC='鄂经信智能〔2026〕12号'

# An excellent factory certified on 2025-01-10: valid to 2028-01-10, a
# review application due 2027-10-10, a spot check planned.
E=$(G case add --enterprise 武汉撤销测试有限公司 --uscc $U1 --region wuhan --level excellent --year 2025 \
	--certified-on 2025-01-10 --scenarios 1,5 2>/dev/null)
N=$(json "$E" number)
G user add insp1 inspector >/dev/null
CHECK=$(G check plan "$N" --inspectors insp1 2>/dev/null)
run G agenda --today 2027-09-01 --within 400
printf '%s\n' "$OUT" | grep -q "^2027-10-10	$N	review_application" && ok "before: the agenda has the review application" \
	|| fail "before: the agenda has the review application" "$OUT"

run G case advance "$N" revoke --on 2026-11-20
expect "revoke without reason or 文号 is refused, naming both" 1 "needs a reason (--note) and the issuing document's number, 文号 (--doc)"
run G case advance "$N" revoke --on 2026-11-20 --note 弄虚作假
expect "revoke without its 文号 is refused, naming it" 1 "needs the issuing document's number, 文号 (--doc)"
run G case advance "$N" revoke --on 2026-11-20 --doc "$DOC"
expect "revoke without a reason is refused, naming it" 1 "needs a reason (--note); none was given"
[ "$(json "$E" status)" = certified ] && ok "a refused revocation changes nothing" || fail "refused revocation" "$(json "$E" status)"

run G case advance "$N" revoke --on 2026-11-20 --doc "$DOC" --note "申报材料弄虚作假"
expect_line "revoke with its 文号 and reason" "$(printf '%s\trevoked' "$N")"
[ "$(json "$E" expires_on)" = 2026-11-20 ] && [ -z "$(json "$E" next_due)" ] \
	&& ok "validity ends on the revocation day, nothing more due" || fail "validity after revocation" "$(json "$E" expires_on) $(json "$E" next_due)"
run G case show "$N"
expect_line "case show lists the revocation with its reason and 文号" \
	"$(printf 'event\t2026-11-20\trevoke\trevoked\t%s\t申报材料弄虚作假\t%s' "$(id -un)" "$DOC")"
G case show "$N" --format json | python3 -c "
import json,sys; d=json.load(sys.stdin); e=d['events'][-1]
assert e['kind']=='revoked' and e['document']=='$DOC' and e['on']=='2026-11-20', e" \
	&& ok "json: the event has its document" || fail "json: the event has its document"
run G agenda --today 2027-09-01 --within 400
printf '%s\n' "$OUT" | grep -q "	$N	" && fail "after: the agenda no longer lists the case" "$OUT" || ok "after: the agenda no longer lists the case"
LC_ALL=zh_CN.UTF-8 run G export cases
printf '%s\n' "$OUT" | grep -q "^$N,武汉撤销测试有限公司,.*,已撤销认定,.*,2026-11-20,," \
	&& ok "the export in the office's words says 已撤销认定, valid to the revocation day" || fail "export zh" "$OUT"
run G export cases --keys
printf '%s\n' "$OUT" | grep -q "^$N,.*,revoked,.*,2026-11-20,," \
	&& ok "the export with keys says revoked, valid to the revocation day" || fail "export keys" "$OUT"
run G report check "$CHECK" --format md
expect "the spot-check report says the certification ended, by which document and why" 0 \
	"**Certification ended**: Revoke certification 2026-11-20, by document $DOC; reason: 申报材料弄虚作假"
run G case advance "$N" withdraw --on 2026-11-25
expect "a revoked case is closed" 1 "none (the case is closed)"

# An enterprise withdraws after certification: validity ends that day.
W=$(G case add --enterprise 黄石退出测试有限公司 --uscc $U2 --region huangshi --level excellent --year 2025 \
	--certified-on 2025-03-01 2>/dev/null)
run G case advance "$W" withdraw --on 2026-11-26 --note 企业申请退出
expect "withdraw is allowed after certification" 0 "withdrawn"
[ "$(json "$W" expires_on)" = 2026-11-26 ] && [ -z "$(json "$W" next_due)" ] \
	&& ok "withdrawal ends validity that day, nothing more due" || fail "withdrawal" "$(json "$W" expires_on)"

# A basic case's notice: 5 working days from Monday 2026-11-02, through Friday 2026-11-06.
B=$(G case add --enterprise 襄阳公示测试有限公司 --uscc $U1 --region xiangyang --level basic --year 2026 2>/dev/null)
walk_case "$DB" "$B" submit:2026-09-01 recommend:2026-09-02 start_evaluation:2026-09-03 pass_evaluation:2026-10-20
run G case objection "$B" add --by 张三 --on 2026-10-21 "质疑"
expect "no objection before the notice starts" 1 "is not in public notice"
G case advance "$B" start_notice --on 2026-11-02 >/dev/null
[ "$(json "$B" notice_ends_on)" = 2026-11-06 ] && ok "the notice runs through 2026-11-06" || fail "notice end" "$(json "$B" notice_ends_on)"
run G case advance "$B" certified --on 2026-11-02
expect "certification on the notice's first day is refused" 1 "the public notice runs through 2026-11-06"
run G case advance "$B" certified --on 2026-11-06
expect "certification on the notice's last day is refused, naming the first day allowed" 1 "may be taken from 2026-11-07"
run G case objection "$B" add --by 张三 --on 2026-11-04 "该企业近三年发生过安全生产事故"
expect_line "an objection is recorded, numbered" "1"
run G case advance "$B" certified --on 2026-11-09
expect "an open objection holds certification" 1 "1 objection raised in the public notice is not resolved"
run G case objection "$B" resolve 1 --on 2026-11-03 --outcome 不成立
expect "a resolution before the objection is refused" 1 "before the objection was raised on 2026-11-04"
run G case objection "$B" resolve 2 --on 2026-11-06 --outcome 不成立
expect "an objection that is not there is refused" 1 "has no objection 2"
run G case objection "$B" resolve 1 --on 2026-11-06 --by 李四 --outcome "经核实，事故已结案，异议不成立"
expect "the objection is resolved" 0
run G case show "$B"
expect_line "case show lists the objection and its resolution" \
	"$(printf 'objection\t1\t2026-11-04\t张三\t该企业近三年发生过安全生产事故\t2026-11-06\t李四\t经核实，事故已结案，异议不成立')"
run G case objection "$B" resolve 1 --on 2026-11-06 --outcome 再次
expect "an objection is resolved once" 1 "was resolved on 2026-11-06"
run G case advance "$B" certified --on 2026-11-09
expect "after the notice, every objection resolved, certification passes" 0 "certified"
# one record made, one for the resolution's three fields
[ "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM audit WHERE tbl = 'objections' AND op = 0) || ' '
	|| (SELECT group_concat(field) FROM audit_fields WHERE tbl = 'objections')")" = "1 resolved_by,resolved_on,outcome" ] \
	&& ok "objections are audited" || fail "objections audited" "$(sqlite3 "$DB" "SELECT * FROM audit WHERE tbl = 'objections'")"
run G verify
expect "the audit chain holds" 0

# The demo: a revoked case and a notice with a resolved objection.
D=$(demo_db)
"$GRADUS" --db "$D" case show HB-2024-ADV-0001 | grep -q "^status	revoked" && ok "demo: HB-2024-ADV-0001 is revoked" || fail "demo revoked"
"$GRADUS" --db "$D" case show HB-2024-ADV-0001 | grep -q "^event	.*	revoke	revoked	.*〔2026〕18号" \
	&& ok "demo: revoked by its 文号" || fail "demo 文号"
"$GRADUS" --db "$D" case show HB-2025-ADV-0001 | grep -qE "^objection	1	.*	.*	.*	20[0-9-]+	demo	.+" \
	&& ok "demo: a notice with a resolved objection" || fail "demo objection" "$("$GRADUS" --db "$D" case show HB-2025-ADV-0001)"
