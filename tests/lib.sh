# Shared by the shell tests: each check prints "ok - NAME" or "not ok - NAME"
# with what differed; tests/run.sh counts them.
set -u
: "${BUILD:=build}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
GRADUS="$TOP/$BUILD/gradus"
TODAY=2026-11-28
export LC_ALL=C.UTF-8 GRADUS_TODAY=$TODAY NO_COLOR=1
unset LANGUAGE GRADUS_FORMS XDG_DATA_HOME
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gradus-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
mkdir -p "$HOME"

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

# wait_for DEADLINE_SECONDS CMD...: polls CMD until it succeeds or the deadline passes.
wait_for() {
	local deadline=$(( $(date +%s) + $1 )); shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.1
	done
}

demo_db() {
	local db=$WORK/${1:-demo}.db
	[ -f "$db" ] || "$GRADUS" --db "$db" init --demo >/dev/null || echo "# could not create $db" >&2
	echo "$db"
}
