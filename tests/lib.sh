# Shared by the shell tests: each check prints "ok - NAME" or "not ok - NAME"
# with what differed; tests/run.sh counts them.
set -u
: "${BUILD:=build}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
GRADUS="$TOP/$BUILD/gradus"
TODAY=2026-11-28
# gradus runs with the system clock at $TODAY noon (tests/gradus-at, through
# libfaketime): the sweep and the stamps never depend on the day the tests
# run. GRADUS_TODAY (below) only sets what is shown "as of". A test that needs
# another now runs: env TEST_CLOCK="YYYY-MM-DD HH:MM:SS" "$GRADUS" ...
TEST_FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 2>/dev/null | head -1)
if [ -n "$TEST_FAKETIME_LIB" ]; then
	export TEST_GRADUS="$GRADUS" TEST_FAKETIME_LIB TEST_CLOCK="$TODAY 12:00:00"
	GRADUS="$TOP/tests/gradus-at"
else
	echo "# no libfaketime (make test-deps installs faketime): gradus runs on the real clock"
fi
. "$TOP/tests/env.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gradus-test.XXXXXX")
# at_exit CMD: the shell command CMD runs when the test ends (the last one
# added first), after the test's tmux server is killed and before WORK is
# removed. A test adds to this instead of setting a trap of its own.
AT_EXIT=
at_exit() { AT_EXIT="$1; $AT_EXIT"; }
lib_exit() {
	[ -n "${TERM_SOCKET:-}" ] && tmux -L "$TERM_SOCKET" kill-server 2>/dev/null
	eval "$AT_EXIT"
	rm -rf "$WORK"
}
trap lib_exit EXIT
hermetic_env "$WORK"
export LC_ALL=C.UTF-8 GRADUS_TODAY=$TODAY NO_COLOR=1
ME=$(id -un)              # the login running the tests: gradus's user
SCRIPTS=$TOP/tests/tui    # the keystroke scripts (gradus --script FILE)

# at_clock DAY CMD...: CMD (a run of "$GRADUS", or a function running it)
# with the system clock at DAY noon; when libfaketime is missing, the check
# is skipped.
at_clock() {
	local day=$1; shift
	TEST_CLOCK="$day 12:00:00" "$@"
}
has_clock() { [ -n "$TEST_FAKETIME_LIB" ]; }

# uscc_of N [COUNT]: a valid credit code of its own for each number N (GB
# 32100's check character), one a line for N, N+1 ... (COUNT, default 1): an
# import matches a row to the case its code, level and year already have, so
# rows meant as new cases need codes of their own.
uscc_of() {
	python3 -c 'import sys
c = "0123456789ABCDEFGHJKLMNPQRTUWXY"
w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
for n in range(int(sys.argv[1]), int(sys.argv[1]) + int(sys.argv[2])):
    p = "91420300%09d" % n
    print(p + c[(31 - sum(c.index(x) * k for x, k in zip(p, w)) % 31) % 31])' "$1" "${2:-1}"
}

# answer_required DB CHECK: answers every required item of the check's
# scenarios with a value its kind takes, so an inspector may sign it.
answer_required() {
	local db=$1 check=$2 scen item kind v
	scen=$("$GRADUS" --db "$db" check show "$check" | sed -n 's/^scenarios\t//p')
	for item in $(sqlite3 "$db" "SELECT item FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$check' AND required ORDER BY item"); do
		kind=$(sqlite3 "$db" "SELECT kind FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$check' AND item = $item")
		case $kind in
		check) v=yes ;; number | measure) v=1 ;;
		choice) v=$(sqlite3 "$db" "SELECT substr(choices, 1, instr(choices || '|', '|') - 1) FROM check_items i JOIN checks k ON k.id = i.check_id WHERE k.number = '$check' AND item = $item") ;;
		*) v=文字 ;;
		esac
		"$GRADUS" --db "$db" check answer "$check" "$scen" "$item" "$v" >/dev/null || return 1
	done
}

# walk_case DB CASE STEP:DATE...: takes the steps in turn, as the admin
# who overrides what a test does not set up (materials, panels, spot
# checks: their own tests take them with their evidence); the first step
# refused fails the test and stops the walk.
walk_case() {
	local db=$1 c=$2 s
	shift 2
	for s in "$@"; do
		"$GRADUS" --db "$db" case advance "$c" "${s%%:*}" --on "${s#*:}" \
			--override "测试：前置条件由其他测试覆盖" >/dev/null 2>"$WORK/walk.err" ||
			{ fail "walk $c: ${s%%:*}" "$(cat "$WORK/walk.err")"; return 1; }
	done
}

ok() { echo "ok - $1"; }
fail() { echo "not ok - $1"; shift; for line in "$@"; do echo "#   $line"; done; }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# expect NAME RC [PATTERN_IN_OUTPUT]: the last run's exit status and output (stdout+stderr).
expect() {
	local name=$1 rc=$2 pattern=${3-}
	if [ "$RC" != "$rc" ]; then
		fail "$name" "exit status $RC, expected $rc" "stdout: $(echo "$OUT" | head -5)" "stderr: $(echo "$ERR" | head -5)"
	elif [ -n "$pattern" ] && ! printf '%s\n%s\n' "$OUT" "$ERR" | grep -qF -- "$pattern"; then
		fail "$name" "output lacks: $pattern" "stdout: $(echo "$OUT" | head -5)" "stderr: $(echo "$ERR" | head -5)"
	else
		ok "$name"
	fi
}

# expect_line NAME LINE: the last run's stdout has exactly this line.
expect_line() {
	if printf '%s\n' "$OUT" | grep -qxF -- "$2"; then ok "$1"; else fail "$1" "no line: $2" "got: $(echo "$OUT" | head -8)"; fi
}

# expect_same NAME EXPECTED_FILE ACTUAL_FILE
expect_same() {
	if diff -u "$2" "$3" >"$WORK/diff" 2>&1; then ok "$1"; else fail "$1" "$(head -40 "$WORK/diff")"; fi
}

# compare NAME SCREEN [EXPECTED_NAME]: $WORK/SCREEN against tests/tui/expected/
# (GRADUS_BLESS=1 writes the expected screen instead).
EXPECTED=$TOP/tests/tui/expected
compare() {
	local want=$EXPECTED/${3:-$2}
	[ -n "${GRADUS_BLESS:-}" ] && cp "$WORK/$2" "$want"
	if [ -f "$want" ]; then expect_same "$1" "$want" "$WORK/$2"; else fail "$1" "no expected screen $want"; fi
}

# compare_screens: compare for each line of its input, SCREEN (a file in
# $WORK: NAME.screen, or NAME.attrs), a tab, then the check's NAME; a
# test's screens as one table.
compare_screens() {
	local screen name
	while IFS='	' read -r screen name; do compare "$name" "$screen" </dev/null; done
}

# mask_screens SED SCREEN...: the sed script SED (extended regular
# expressions) run in place over each $WORK/SCREEN, to hide what differs
# between runs (the login, the wall clock, a hash) before compare.
mask_screens() {
	local script=$1 screen
	shift
	for screen in "$@"; do sed -E -i -e "$script" "$WORK/$screen" || return 1; done
}

# Waiting. A test never sleeps for a fixed time: it polls for what it
# expects (a text on the screen, a row in the database, a file) with a
# deadline, and goes on as soon as it is there. POLL is the pause between
# two looks; WAIT the default deadline in seconds, generous because a
# passing poll ends early and the machine may be loaded (TEST_WAIT sets it).
POLL=0.05
WAIT=${TEST_WAIT:-20}

# wait_for DEADLINE_SECONDS CMD...: polls CMD (its output dropped) until it
# succeeds, or fails once the deadline has passed.
wait_for() {
	local deadline=$(( $(date +%s) + $1 )); shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep "$POLL"
	done
}

# expect_soon NAME CMD...: ok when CMD succeeds within WAIT seconds; the
# failure shows the command and the screen of the last terminal started.
expect_soon() {
	local name=$1; shift
	if wait_for "$WAIT" "$@"; then ok "$name"; else fail "$name" "waited ${WAIT}s for: $*" "$(term_last_screen)"; fi
}

demo_db() {
	local db=$WORK/${1:-demo}.db
	[ -f "$db" ] || "$GRADUS" --db "$db" init --demo >/dev/null || echo "# could not create $db" >&2
	echo "$db"
}

# two_cases_db DB [LEVEL2]: a new office with two cases imported, AlphaCo
# (Huangshi, basic) and BetaCo (Xianning, LEVEL2, basic by default), for a
# test that then puts what gradus refuses straight into their rows.
two_cases_db() {
	"$GRADUS" --db "$1" init >/dev/null
	printf 'enterprise,uscc,region,level,year,note\nAlphaCo,91420200MA0DX6QEY5,huangshi,basic,2026,plain\nBetaCo,91420300MA9H9ETGN0,xianning,%s,2026,plain\n' \
		"${2:-basic}" >"$WORK/two-cases.csv"
	run "$GRADUS" --db "$1" import cases "$WORK/two-cases.csv"
	expect "two cases import" 0 "cases: 2 new"
}

# expect_expected NAME EXPECTED_FILE ACTUAL_FILE TO_VALUES TO_PLACEHOLDERS: a
# printed report compared whole with its expected text, whose volatile values
# are @PLACEHOLDERS@ (the two filter functions swap them); GRADUS_BLESS=1
# rewrites the expected text.
expect_expected() {
	local name=$1 want=$2 got=$3
	if [ -n "${GRADUS_BLESS:-}" ]; then
		mkdir -p "$(dirname "$want")"
		"$5" <"$got" >"$want"
	fi
	if [ -f "$want" ]; then
		"$4" <"$want" >"$WORK/want.txt"
		expect_same "$name" "$WORK/want.txt" "$got"
	else
		fail "$name" "no $want (GRADUS_BLESS=1 writes it)"
	fi
}

# expect_width NAME FILE [CELLS]: no line of FILE is wider than CELLS (80)
# display cells; East Asian wide and fullwidth characters are two.
expect_width() {
	python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
long = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if w(l) > int(sys.argv[2])]
print("\n".join(long)); sys.exit(1 if long else 0)' "$2" "${3:-80}" >"$WORK/long" &&
		ok "$1" || fail "$1" "$(head -3 "$WORK/long")"
}

# expect_self_contained NAME HTML: an HTML page that refers to nothing
# outside itself and runs no script.
expect_self_contained() {
	if grep -Eqi 'https?://|src=|href=|@import|url\(|<script' "$2"; then
		fail "$1" "$(grep -Eio '.{20}(https?://|src=|href=|@import|url\(|<script).{20}' "$2" | head -3)"
	else
		ok "$1"
	fi
}

# state_of DB NUMBER: prints the case's state (as `case show` names it).
state_of() { "$GRADUS" --db "$1" case show "$2" | sed -n 's/^status\t//p'; }

# expect_state NAME DB NUMBER STATE: the case is in STATE.
expect_state() {
	local got
	got=$(state_of "$2" "$3")
	[ "$got" = "$4" ] && ok "$1" || fail "$1" "$3 is $got, expected $4"
}

# expect_html_report HTML CMD...: CMD --format html -o HTML writes a
# report (through HTML.tmp): it succeeds, the file is there and no .tmp is
# left; an A4 page in UTF-8 that refers to nothing outside itself; and the
# markup a test typed in a note, <script>alert("x")</script> & 碳排放..., is
# escaped.
expect_html_report() {
	local html=$1
	shift
	run "$@" --format html -o "$html"
	expect "$* --format html -o FILE" 0
	[ -f "$html" ] && [ ! -e "$html.tmp" ] && ok "the file is written and no .tmp is left" || fail "-o FILE" "$(ls "$(dirname "$html")")"
	head -1 "$html" | grep -qx '<!doctype html>' && grep -q '<meta charset="utf-8">' "$html" &&
		grep -q '@page { size: A4; margin: 18mm }' "$html" && ok "HTML: doctype, UTF-8, A4 page" || fail "HTML head" "$(head -5 "$html")"
	expect_self_contained "HTML refers to nothing outside itself and runs no script" "$html"
	grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 碳排放' "$html" &&
		ok "HTML: markup typed in a note is escaped" || fail "HTML escaping" "$(grep -i script "$html")"
}

# print_pdf NAME HTML PDF: headless Chromium prints the page to PDF; then
# the pages must be A4 and the PDF's text is left in PDF.txt. False (with
# the reason reported) when it could not be checked.
print_pdf() {
	local name=$1 html=$2 pdf=$3 size
	if ! command -v chromium >/dev/null 2>&1; then
		fail "$name" "chromium is not installed (make deps installs it)"
		return 1
	fi
	mkdir -p "$WORK/chromium"
	HOME="$WORK/chromium" timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$pdf" "file://$html" >"$WORK/chromium.log" 2>&1
	if [ ! -s "$pdf" ] || [ "$(head -c 4 "$pdf")" != "%PDF" ]; then
		fail "$name" "$(tail -5 "$WORK/chromium.log")"
		return 1
	fi
	ok "$name"
	if ! command -v pdfinfo >/dev/null 2>&1; then
		ok "PDF page size and text # SKIP no pdfinfo (poppler-utils)"
		return 1
	fi
	size=$(pdfinfo "$pdf" | awk '/^Page size:/ { printf "%.0f x %.0f", $3, $5 }')
	[ "$size" = "595 x 842" ] && ok "the PDF's pages are A4 (595 x 842 pts)" || fail "A4 pages" "$size"
	pdftotext "$pdf" "$pdf.txt"
}

# duration_ms CMD...: how long CMD took, in milliseconds (its output dropped).
duration_ms() {
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1
	end=$(date +%s%N)
	echo $(( (end - start) / 1000000 ))
}

# kill_at_random MAX_MS CMD...: starts CMD (an executable, not a shell
# function, so that the kill reaches it), has timeout(1) send it SIGKILL
# after a random 1 to MAX_MS milliseconds, and returns its exit status: 137
# when the kill came before it ended.
kill_at_random() {
	local max=$1 delay
	shift
	[ "$max" -gt 999 ] && max=999
	[ "$max" -lt 1 ] && max=1
	delay=$(printf '0.%03d' "$(shuf -i 1-"$max" -n 1)") # 0 would mean no limit to timeout
	timeout --signal=KILL "$delay" "$@" >/dev/null 2>"$WORK/killed.err" # what it said, for a failure
}

# ---- Real terminals (tmux) ----------------------------------------------
# A tmux test runs programs in terminals of a given size on a tmux server of
# its own (socket gradus-test-PID, no configuration file), which the first
# term_start starts and the end of the test kills. Panes stay when their
# program ends (remain-on-exit): the screen it left can still be read and
# its exit status is in a file, so nothing keeps a pane alive with a timed
# wait. Typical use:
#
#	need_tmux
#	term_start s 80x24 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
#	expect_screen "the list opens" s "Cases (30)"
#	term_keys s Enter                  # tmux key names: Enter Tab Down C-u ...
#	term_type s '备注'                  # text typed as it is
#	expect_screen "a case opens" s "[Overview]"
#	term_keys s q q
#	expect_exit "q exits with status 0" s 0

# need_tmux: ends the test, with one failure, when tmux is not installed.
# preload_build NAME SOURCE: builds a preloaded counter (tests/tui/
# countwrites.c, countrenames.c; the count left by counter.h) as
# WORK/NAME.so; false, the compiler's words in WORK/cc.err, when it cannot.
preload_build() {
	cc -shared -fPIC -I"$TOP/tests/tui" -o "$WORK/$1.so" "$2" -ldl 2>"$WORK/cc.err"
}

# preload_count NAME DB SCRIPT: plays SCRIPT on DB with the counter NAME
# preloaded and prints what it counted (nothing when it could not count).
preload_count() {
	rm -f "$WORK/$1.count"
	COUNT_FILE="$WORK/$1.count" LD_PRELOAD="$WORK/$1.so" "$GRADUS" --db "$2" --script "$3" >/dev/null 2>&1
	cat "$WORK/$1.count" 2>/dev/null
}

need_tmux() { command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }; }

# term_tmux ARGS...: tmux on the test's server, for what the helpers below
# do not cover (resize-window, display -p '#{pane_title}', select-pane ...).
term_tmux() {
	if [ -z "${TERM_SOCKET:-}" ]; then
		TERM_SOCKET=gradus-test-$$
		export TERM=xterm-256color # the tmux client's; a pane's is tmux's own
		# the server stays up with no session, and panes stay when their program ends
		tmux -L "$TERM_SOCKET" -f /dev/null start-server \; set-option -g exit-empty off \; \
			set-option -gw remain-on-exit on
	fi
	tmux -L "$TERM_SOCKET" "$@"
}

# term_start SESSION COLSxROWS CMD: runs the shell command CMD in a new
# terminal of that size named SESSION; its exit status goes to
# WORK/SESSION.status when it ends (term_exited). The helpers below take
# the session's name first. CMD is followed by "; echo $? >FILE", so it
# must not end the shell itself (no `exit`). What a command prints in its
# first instant can be lost while tmux sets up the pane: one that prints
# and ends at once waits for a key first ("read go; ...", then
# term_keys SESSION Enter; see tests/tui/escapes.sh).
TERM_LAST=
term_start() {
	rm -f "$WORK/$1.status"
	TERM_LAST=$1
	term_tmux new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" "$3; echo \$? >'$WORK/$1.status'"
}

# term_respawn SESSION CMD: kills what runs in the session's pane and runs
# CMD there instead, its exit status kept as term_start's.
term_respawn() {
	rm -f "$WORK/$1.status"
	term_tmux respawn-pane -k -t "$1" "$2; echo \$? >'$WORK/$1.status'"
}

# term_kill SESSION: closes the terminal, killing what runs in it.
term_kill() { term_tmux kill-session -t "$1"; }

# term_keys SESSION KEY...: presses the keys in turn (tmux key names; a
# word that is no key name is typed as text).
term_keys() { local s=$1; shift; term_tmux send-keys -t "$s" "$@"; }

# term_type SESSION TEXT: types TEXT literally, even a word like "Enter".
term_type() { term_tmux send-keys -t "$1" -l "$2"; }

# term_screen SESSION [OPTION...]: what the terminal shows, one line a row;
# with -e its SGR attributes too (tests/tui/sgr.py reads them).
term_screen() { local s=$1; shift; term_tmux capture-pane -p "$@" -t "$s"; }
term_last_screen() { [ -n "$TERM_LAST" ] && term_screen "$TERM_LAST" 2>/dev/null; }

# term_shows SESSION TEXT: the terminal shows TEXT (a fixed string) now.
# term_matches SESSION REGEX: a row of the screen matches REGEX (grep's).
term_shows() { term_screen "$1" | grep -qF -- "$2"; }
term_matches() { term_screen "$1" | grep -q -- "$2"; }

# term_wait SESSION TEXT [SECONDS]: waits until the terminal shows TEXT
# (WAIT seconds at the most); false if it never does.
term_wait() { wait_for "${3:-$WAIT}" term_shows "$1" "$2"; }

# expect_screen NAME SESSION TEXT [SECONDS]: ok once the terminal shows
# TEXT; the failure shows the screen.
expect_screen() {
	if term_wait "$2" "$3" "${4:-$WAIT}"; then ok "$1"; else fail "$1" "no $3 on the screen:" "$(term_screen "$2")"; fi
}

# term_pid SESSION: the process id of the program the session runs (the
# child of the pane's shell).
term_pid() { pgrep -P "$(term_tmux display -p -t "$1" '#{pane_pid}')" | head -1; }

# term_exited SESSION [STATUS]: the session's command has ended (with
# STATUS, when given). term_status SESSION prints its exit status.
term_status() { cat "$WORK/$1.status" 2>/dev/null; }
term_exited() { [ -n "$(term_status "$1")" ] && [ -z "${2-}" -o "$(term_status "$1")" = "${2-}" ]; }

# expect_exit NAME SESSION STATUS: ok once the session's command has ended
# with STATUS; the failure shows the status and the screen.
expect_exit() {
	if wait_for "$WAIT" term_exited "$2" "$3"; then ok "$1"
	else fail "$1" "exit status: $(term_status "$2"), expected $3" "$(term_screen "$2")"; fi
}

# verify_attack NAME SQL RC PATTERN...: a backup of the office $DB edited
# with sqlite3 (as someone outside gradus would) verifies with exit status
# RC, its output naming each PATTERN (tests/cli/verify-chain.sh,
# tests/security/verify.sh).
verify_attack() {
	local name=$1 sql=$2 rc=$3 copy
	shift 3
	VERIFY_ATTACKS=$((${VERIFY_ATTACKS:-0} + 1))
	copy=$WORK/attack$VERIFY_ATTACKS.db
	"$GRADUS" --db "$DB" backup "$copy" >/dev/null || fail "backup for $name"
	sqlite3 "$copy" "$sql" || fail "$name: sqlite3"
	run "$GRADUS" --db "$copy" verify
	for pattern in "$@"; do
		expect "$name: verify says $pattern" "$rc" "$pattern"
	done
}
