#!/bin/sh
# Runs every test: the cmocka unit tests, then the CLI and TUI shell tests.
# Ends with one line: "N passed, N failed".
: "${BUILD:=build}"
export BUILD
# The unit tests, and anything a shell test forgets, see a home of their own.
. "$(dirname "$0")/env.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/gradus-run.XXXXXX")
trap 'rm -rf "$home"' EXIT
hermetic_env "$home"
passed=0
failed=0
log=$(mktemp)
# SHELL_TESTS="tests/security/*.sh" runs only those (and no unit tests).
for t in "$BUILD"/tests/test_*; do
	[ -n "${SHELL_TESTS:-}" ] && break
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && { echo "FAIL $(basename "$t")"; grep -E 'FAIL|error|Error|assert' "$log" | head -20; }
	[ "$f" -eq 0 ] && echo "ok   $(basename "$t") ($p)"
	passed=$((passed + p))
	failed=$((failed + f))
done
for t in ${SHELL_TESTS:-tests/cli/*.sh tests/tui/*.sh tests/security/*.sh}; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "# $t exited $rc"; tail -5 "$log"; fi
	if [ "$f" -gt 0 ]; then echo "FAIL $t"; grep -B3 -A12 '^not ok' "$log" | head -60; else echo "ok   $t ($p)"; fi
	passed=$((passed + p))
	failed=$((failed + f))
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
