# The cultivation of a leading factory from the CLI: the demo case
# mid-cultivation, plan versions, milestones, guidance sessions and
# follow-ups, progress reports, KPIs by period, the agenda, and the
# readiness list before the acceptance application (kept when it is filed).
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
L=HB-2025-LEA-0001

run G cultivation show "$L"
expect_line "the demo case is mid-cultivation" "$(printf 'starts_on\t2025-07-24')"
expect_line "the acceptance is due 3 months before the end" "$(printf 'acceptance_due_by\t2027-04-24')"
[ "$(printf '%s\n' "$OUT" | grep -c '^session	')" = 2 ] && ok "two guidance sessions" || fail "sessions" "$OUT"
[ "$(printf '%s\n' "$OUT" | grep -c '^kpi	')" = 8 ] && ok "the eight default KPIs" || fail "kpis" "$OUT"
printf '%s\n' "$OUT" | grep -qP '^kpi\tenergy\t单位产值能耗\t吨标煤/万元\t0.62\t0.5\tmet\t2025-Q4=0.6\t2026-Q1=0.56\t2026-Q2=0.53\t2026-Q3=0.49$' &&
	ok "a KPI over four periods, lower is better, met" || fail "energy kpi" "$(printf '%s\n' "$OUT" | grep energy)"
printf '%s\n' "$OUT" | grep -qP '^report\t2026-Q3\t2026-10-15\t' && ok "a progress report" || fail "report"
expect_line "the plan's second version names what changed" \
	"$(printf 'plan\t2\t三峡磷化工领航级智能工厂建设方案（修订）\t按专家委2025-10-15意见增加能碳管理内容和量化目标\tdemo')"

run G cultivation show HB-2024-EXC-0001
expect "only leading factories are cultivated" 1 "only leading-level factories are cultivated"
run G cultivation milestone HB-2026-LEA-0001 '方案评审' --due 2027-01-01
expect "a case not yet cultivating takes no milestone" 1 "its cultivation has not started"
run G cultivation kpi "$L" speed 1 2
expect "a KPI is one of the level's" 1 "KPI 'speed': expected one of efficiency, rnd_cycle"
run G cultivation value "$L" efficiency 2026-Q4 abc
expect "a value is a number" 2 "expected a number"

# The readiness list names each unmet item.
run G cultivation readiness "$L"
expect_line "an open milestone" "$(printf 'unmet\tmilestone\t磷化工工艺数字孪生上线 (due 2026-09-30)')"
expect_line "a KPI below target" "$(printf 'unmet\tkpi\tProduction efficiency gain: 26 %% in 2026-Q3, target 30')"
expect_line "an open follow-up" "$(printf 'unmet\tfollowup\t提交AI质检推广计划 (session 2026-06-18, due 2026-12-31)')"
expect_line "a missing document" "$(printf 'unmet\tmaterial\t验收申请书: not received')"
run G agenda --today 2026-11-28 --within 60
expect_line "an overdue milestone in the agenda" "$(printf '2026-09-30\t%s\tmilestone\toverdue\tleading\t宜昌三峡磷化工集团有限公司\t磷化工工艺数字孪生上线' "$L")"
expect_line "a follow-up in the agenda" "$(printf '2026-12-31\t%s\tfollowup\tdue\tleading\t宜昌三峡磷化工集团有限公司\t提交AI质检推广计划' "$L")"

# Meet them all: the list empties.
for id in $(G cultivation show "$L" | awk -F'\t' '$1 == "milestone" && $4 == "open" { print $2 }'); do
	G cultivation milestone-done "${id%????????????????????????}" --on 2026-11-20 || fail "milestone done $id"
done
for id in $(G cultivation show "$L" | awk -F'\t' '$1 == "followup" && $4 == "open" { print $2 }'); do
	G cultivation followup-done "$id" || fail "follow-up done $id"
done
G cultivation show "$L" | awk -F'\t' '$1 == "kpi" && $7 == "not met" { print $2, $6 }' | while read -r k target; do
	G cultivation value "$L" "$k" 2026-Q4 "$target" || echo "not ok - value $k"
done
for m in construction_plan acceptance_application scenario_evidence; do G case material "$L" "$m" --received 2026-11-25; done
run G cultivation readiness "$L"
expect "once everything is met" 0
[ -z "$OUT" ] && ok "the readiness list is empty" || fail "readiness not empty" "$OUT"
G cultivation value "$L" ai_share 2026-Q4 38
run G cultivation milestone-done "$(G cultivation show "$L" | awk -F'\t' '$1 == "milestone" { print $2; exit }')" --reopen
expect "a milestone can be reopened" 0
run G case advance "$L" file_acceptance --on 2026-11-28
expect "with items not met, the application is refused, naming them" 1 "2 readiness items are not met"
run G case advance "$L" file_acceptance --on 2026-11-28 --override '专家委同意带条件受理，一个月内补齐'
expect "an admin files it anyway, with a written reason" 0 "taken with an override: 2 readiness items not met"
run G cultivation readiness "$L"
expect_line "the list is kept with the application: a KPI" "$(printf 'filed\t2026-11-28\tkpi\tShare of scenarios using AI: 38 %% in 2026-Q4, target 40')"
expect_line "and the reopened milestone" "$(printf 'filed\t2026-11-28\tmilestone\t建设方案通过专家委评审 (due 2025-09-30)')"

# Writing: versions number themselves; sessions take follow-ups.
run G cultivation plan "$L" '建设方案第三版' --change '按验收要求补充' --body '三阶段实施'
expect_line "a new plan version" "3"
run G cultivation session "$L" --on 2026-12-01 --experts '陈立新' --advice '准备验收材料'
expect "a guidance session" 0
S=$OUT
run G cultivation followup "${S%??????????????????????}" '整理验收佐证材料' --due 2027-01-15 --owner 规划发展部
expect "a follow-up of the session (by an id prefix)" 0
G cultivation show "$L" | grep -qP "^followup\t$OUT\t2027-01-15\topen\t整理验收佐证材料\t规划发展部$" && ok "the follow-up is listed under its session" ||
	fail "follow-up" "$(G cultivation show "$L" | grep followup)"
run G verify
expect "verify passes with a cultivation" 0
