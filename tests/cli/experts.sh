# Editing an expert from the CLI (gradus expert set): each field written
# through the audited path, checked as expert add checks it, refused when
# another user changed it since (--expect), and by role; a conflict
# declared after a panel was convened is written with a warning naming the
# open panel, which then is not signed.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
audit() { sqlite3 "$DB" "SELECT count(*) FROM audit"; }
CASE=HB-2025-ADV-0002 # advanced, under evaluation; 宜昌船舶重工装备有限公司 in yichang

G expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan --contact 027-8754 >/dev/null
G expert add 赵敏 --fields operations --affiliation 三峡大学 --region yichang >/dev/null

run G expert set E0001 affiliation 武汉大学
expect "expert set changes a field" 0
run G expert list
expect_line "the list shows the new affiliation" "$(printf 'E0001\t张伟\trnd,process\t武汉大学\twuhan\t027-8754\t')"
[ "$(sqlite3 "$DB" "SELECT old || '>' || new FROM audit_fields WHERE tbl = 'experts' AND field = 'affiliation' ORDER BY seq DESC LIMIT 1")" = "华中科技大学>武汉大学" ] &&
	ok "the change is in the audit log, old and new" || fail "audit row of the change" "$(sqlite3 "$DB" "SELECT * FROM audit WHERE tbl = 'experts' ORDER BY seq DESC LIMIT 2")"
run G expert set 张伟 fields rnd,process,management
expect "an expert is found by name too" 0
run G expert set E0001 contact ''
expect "an empty value clears the contact" 0
[ "$(sqlite3 "$DB" "SELECT contact IS NULL FROM experts WHERE code = 'E0001'")" = 1 ] && ok "stored as none" || fail "contact cleared"

before=$(audit)
run G expert set E0001 region mars
expect "a bad region is refused, naming the regions expected" 1 "region 'mars': expected one of wuhan, huangshi,"
run G expert set E0001 fields rnd,cooking
expect "a field of expertise is a stage" 1 "field 'cooking': expected stages among"
run G expert set E0001 affiliation ''
expect "an affiliation is required" 1 "needs an affiliation"
run G expert set E0001 age 50
expect "an unknown field is refused, naming the fields" 1 "expected name, fields, affiliation, region, contact or conflicts"
run G expert set E0099 affiliation 武汉大学
expect "an unknown expert is refused" 1 "no expert 'E0099'"
run G expert set E0001 affiliation 湖北大学 --expect 华中科技大学
expect "a stale --expect is refused, naming the current value" 1 'it is now "武汉大学"; your value "湖北大学" was not written'
[ "$(audit)" = "$before" ] && ok "the refused writes wrote nothing" || fail "refused writes" "audit rows $before -> $(audit)"
run G expert set E0001 affiliation 湖北大学 --expect 武汉大学
expect "an --expect that holds writes" 0
run G expert set E0001
expect "too few arguments: the usage" 2 "gradus expert set CODE"

# A conflict declared after the panel was convened: written, with a
# warning naming the open panel; the panel is not signed while it stands.
G panel plan "$CASE" --purpose evaluation --members E0001,E0002 --chair E0001 >/dev/null 2>&1
P=$CASE-P1
run G expert set E0002 conflicts '宜昌船舶重工|91420100MA4K12345K'
expect "a conflict with an open panel's applicant is written" 0
expect "with a warning naming the panel" 0 "warning: panel $P, still open: 赵敏 (E0002) declared a conflict of interest with 宜昌船舶重工"
G panel opinion "$P" pass '同意通过评价' >/dev/null
G panel score "$P" E0001 86 >/dev/null
G panel score "$P" E0002 80 >/dev/null
run G panel sign "$P"
expect "the panel is not signed with a conflicted member" 1 "not signed: 赵敏 (E0002) declared a conflict of interest with 宜昌船舶重工"
run G panel show "$P"
expect_line "the panel stays open" "$(printf 'status\topen')"
run G expert set E0002 affiliation 宜昌船舶重工装备有限公司
expect "an affiliation that is the applicant is warned of too" 0 "赵敏 (E0002) works for 宜昌船舶重工装备有限公司, the applicant"
run G expert set E0001 contact 027-1111
[ "$RC" = 0 ] && [ -z "$ERR" ] && ok "a change that touches no conflict warns of nothing" || fail "no warning" "$ERR"
run G verify
expect "verify passes after the edits" 0

# A role that may not: an inspector (once another is admin).
G user add spare.admin admin >/dev/null
G user add "$(id -un)" inspector >/dev/null
before=$(audit)
run G expert set E0001 affiliation 武汉理工大学
expect "an inspector may not edit experts" 1 "may not edit experts: that is for a clerk, a secretary or an admin (inspector)"
[ "$(audit)" = "$before" ] && ok "and nothing is written" || fail "inspector wrote" "audit rows $before -> $(audit)"
