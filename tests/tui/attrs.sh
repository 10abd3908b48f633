# What the user sees in a real terminal (tmux, 80x24), attributes included:
# with colours (TERM=xterm-256color), with NO_COLOR=1 and on a monochrome
# terminal (TERM=vt100), moving the cursor on the case list, the agenda,
# the dashboard, the experts, the conflicts, a case's checks and panels
# changes the attributes of the cursor rows and of no other row; an overdue
# date carries a mark in each mode. `capture-pane -e` keeps the SGR
# attributes; sgr.py reads them per row.
. "$(dirname "$0")/../lib.sh"
need_tmux
command -v python3 >/dev/null || { fail "python3 is installed"; exit 0; }
SGR="python3 $TOP/tests/tui/sgr.py"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
CASE=HB-2023-ADV-0001
OVERDUE=2026-07-24 # HB-2023-EXC-0001's expiry, before $TODAY

# Two rows on every list: experts, panels and checks of the first case,
# two conflicts from a visit bundle.
{
	G expert add 张伟 --fields rnd --affiliation 华中科技大学 --region wuhan
	G expert add 赵敏 --fields operations --affiliation 三峡大学 --region yichang
	G panel plan "$CASE" --purpose evaluation --members E0001,E0002 --chair E0001
	G panel plan "$CASE" --purpose evaluation --members E0001 --chair E0001
	G user add insp1 inspector
	G check plan "$CASE" --inspectors insp1 --draw 2 --seed 1
	G check plan "$CASE" --inspectors insp1 --draw 2 --seed 2
	G bundle out --cases "$CASE" -o "$WORK/visit.db"
	"$GRADUS" --db "$WORK/visit.db" case set "$CASE" note 'bundle note'
	"$GRADUS" --db "$WORK/visit.db" case set "$CASE" contact 'bundle contact'
	G case set "$CASE" note 'office note'
	G case set "$CASE" contact 'office contact'
	G bundle in "$WORK/visit.db"
} >"$WORK/setup" 2>&1 || fail "the experts, panels, checks and conflicts are set up" "$(cat "$WORK/setup")"

# Off-screen (a keystroke script, :save-attrs), with colours and without:
# the screens' text with their attribute runs, compared whole.
cd "$WORK" || exit 1
for mode in colours no-color; do
	if [ $mode = colours ]; then run env -u NO_COLOR "$GRADUS" --db "$DB" --script "$TOP/tests/tui/attrs.script"
	else run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/attrs.script"; fi
	expect "$mode: the attributes script runs to its end" 0
	compare "$mode: the list's attributes: the cursor row, overdue dates" list.attrs $mode-list.attrs
	compare "$mode: the agenda's attributes: the cursor row, overdue items" agenda.attrs $mode-agenda.attrs
done
# Four days before a deadline (2026-12-28), its agenda item is due soon:
# bold, not underlined as an overdue one.
run env -u NO_COLOR "$GRADUS" --db "$DB" --today 2026-12-24 --script "$TOP/tests/tui/attrs.script"
grep -q "^ 2026-12-28 .*	1-79:Bf[0-9]*\$\|^ 2026-12-28 .*	1-79:B\$" agenda.attrs &&
	ok "a deadline within 7 days is bold on the agenda" || fail "due soon is bold" "$(cat agenda.attrs)"

# The colours of the config file are the colours drawn: the cursor row
# black on green, the due dates magenta.
mkdir -p "$HOME/.config/gradus"
printf '[colours]\ncursor = black green\ndue = magenta default\n' >"$HOME/.config/gradus/config.ini"
run env -u NO_COLOR "$GRADUS" --db "$DB" --script "$TOP/tests/tui/attrs.script"
grep -q "^HB-2023-EXC-0001 .*	0-69:f0b2 70-79:BUf0b2\$" list.attrs &&
	ok "config: the cursor row in the configured colours" || fail "config: the cursor row's colours" "$(cat list.attrs)"
grep -q "^HB-2023-EXC-0002 .*	70-79:BUf5\$" list.attrs &&
	ok "config: an overdue date in the configured colour" || fail "config: the due colour" "$(cat list.attrs)"
rm "$HOME/.config/gradus/config.ini"

# settled FILE TEXT: the pane holds TEXT and is the same twice running
# (drawn whole), kept in FILE.
settled() {
	term_screen s -e >"$1.1" && grep -qF -- "$2" "$1.1" &&
		term_screen s -e >"$1" && cmp -s "$1" "$1.1"
}
# differs FILE OLD: the pane differs from OLD and is settled, kept in FILE.
differs() {
	term_screen s -e >"$1.1" && ! cmp -s "$1.1" "$2" &&
		term_screen s -e >"$1" && cmp -s "$1" "$1.1"
}

# cursor_moves MODE SCREEN TEXT: on the screen showing TEXT, j moves the
# cursor: exactly two rows change attributes (the one the cursor left, the
# one it is on), and the cursor row has attributes.
cursor_moves() {
	local name="$1: j on the $2 changes the attributes of the cursor rows only" before=$WORK/$1-$2-0 after=$WORK/$1-$2-1
	if ! wait_for "$WAIT" settled "$before" "$3"; then
		fail "$name" "the $2 does not show: $3" "$(term_screen s)"
		return
	fi
	term_keys s j
	if ! wait_for "$WAIT" differs "$after" "$before"; then
		fail "$name" "nothing changed on the screen" "$($SGR rows "$before")"
		return
	fi
	set -- $($SGR changed "$before" "$after")
	if [ $# -eq 2 ] && $SGR rows "$after" | sed -n "$(($2 + 1))p" | grep -q "	."; then
		ok "$name"
	else
		fail "$name" "rows changed: $*" "before:" "$($SGR rows "$before")" "after:" "$($SGR rows "$after")"
	fi
}

# overdue_marked MODE SCREEN FILE: every row with the overdue date shows it
# with attributes (at least two rows: one not under the cursor).
overdue_marked() {
	set -- "$1" "$2" "$3" $($SGR marked "$3" "$OVERDUE")
	[ "$4" -ge 2 ] && [ "$5" -eq 0 ] && ok "$1: the overdue date is marked on the $2" ||
		fail "$1: the overdue date is marked on the $2" "marked $4, unmarked $5" "$($SGR rows "$3")"
}

run_mode() {
	local mode=$1; shift
	term_start s 80x24 "env $* LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
	cursor_moves "$mode" list "Cases (30)"
	overdue_marked "$mode" list "$WORK/$mode-list-0"
	term_keys s a
	cursor_moves "$mode" agenda "Agenda ("
	overdue_marked "$mode" agenda "$WORK/$mode-agenda-0"
	term_keys s q d
	cursor_moves "$mode" dashboard "Cases by region"
	term_keys s q X
	cursor_moves "$mode" experts "赵敏"
	term_keys s q C
	cursor_moves "$mode" conflicts "office note"
	term_keys s q g Enter c
	cursor_moves "$mode" checks "$CASE-C2"
	term_keys s q p
	cursor_moves "$mode" panels "$CASE-P2"
	term_kill s
}

run_mode colours -u NO_COLOR TERM=xterm-256color
run_mode no-color NO_COLOR=1 TERM=xterm-256color
run_mode monochrome -u NO_COLOR TERM=vt100
