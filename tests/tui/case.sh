# The case screen (tabs, timeline, materials, history), taking a step with
# its form and confirmation, and the agenda: keystroke scripts against the off-screen
# terminal, screens compared as text with tests/tui/expected/.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2024-EXC-0001
# the demo's application arrived whole: its first material is made missing,
# and the review application's materials are in for the step taken below
"$GRADUS" --db "$DB" case material $CASE application_form --missing >/dev/null
for m in review_application review_summary; do "$GRADUS" --db "$DB" case material $CASE $m --received 2026-11-20 >/dev/null; done

# The history shows when (the wall clock), who (the login running the tests)
# and random row ids: mask them.
WHEN_WHO='s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/yyyy-mm-dd hh:mm/
s/^( yyyy-mm-dd hh:mm  )'"$ME"' */\1USER      /
s/[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}|T[0-9:]*Z?)$/TIME/; s/[0-9a-f]{12,}$/ID/'

cd "$WORK" || exit 1
cp "$DB" tabs.db
run "$GRADUS" --db tabs.db --script "$SCRIPTS/case-tabs.script"
expect "the tabs script runs to its end" 0
compare "overview: responsibility chain, maturity, commitment and computed dates" case-overview.screen
compare "materials: x ticks the one under the cursor, received today, counted" case-materials.screen
run "$GRADUS" --db tabs.db case show "$CASE" --format json
expect "the ticked material is in the database" 0 '{"key": "application_form", "name": "申报书", "received_on": "2026-11-28"}'
compare "scenarios grouped by the 8 stages with a count per stage" case-scenarios.screen
compare "timeline: axis with years, steps, deadlines and today, then the dated list" case-timeline.screen
mask_screens "$WHEN_WHO" case-history.screen case-history-top.screen
compare "history opens at its newest rows, the material ticked last" case-history.screen
compare "history scrolls to its first rows" case-history-top.screen
expect_same "S-Tab goes back to the timeline" "$WORK/case-timeline.screen" "$WORK/case-timeline-back.screen"

# The review's materials received, its filing on time: each precondition of
# review_filed holds (tests/tui/step.sh has those that do not).
cp "$DB" step.db
for m in review_application review_summary; do "$GRADUS" --db step.db case material "$CASE" $m >/dev/null; done
run "$GRADUS" --db step.db --script "$SCRIPTS/case-step-refused.script"
expect "the step menu script runs to its end" 0
compare "s lists the steps from the case's state, the system's dimmed, the preconditions of the first held" \
	case-step-menu.screen
compare "a step the role may not take is refused, naming who may" case-step-refused.screen
compare "Enter opens the step's form: today's date, a note" case-step-form.screen
compare "[ Take the step ] asks for confirmation on the status line" case-step-confirm.screen
compare "n cancels" case-step-cancelled.screen
expect_state "n and a refused step change nothing" step.db "$CASE" certified
run "$GRADUS" --db step.db --script "$SCRIPTS/case-step-take.script"
expect "the step script runs to its end" 0
compare "y takes the step, back on the case screen read anew" case-step-taken.screen
expect_state "the step is in the database" step.db "$CASE" review_filed

run "$GRADUS" --db "$DB" --script "$SCRIPTS/case-agenda.script"
expect "the agenda script runs to its end" 0
compare "a on the list opens the agenda: overdue first" agenda-list.screen
compare "Enter on the agenda opens the case, overdue expiry shown" agenda-case.screen

mkdir -p zh && cd zh || exit 1
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$SCRIPTS/case-zh.script"
expect "the case and agenda script runs in a zh_CN.UTF-8 locale" 0
compare "the case screen in Chinese" zh/case-zh-overview.screen case-zh-overview.screen
compare "the timeline in Chinese" zh/case-zh-timeline.screen case-zh-timeline.screen
compare "the agenda in Chinese" zh/agenda-zh.screen agenda-zh.screen
