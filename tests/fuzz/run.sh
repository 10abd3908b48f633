#!/bin/sh
# Runs each fuzz target (or those named) for SECONDS on its corpus in
# tests/fuzz/corpus/NAME, printing "ok - fuzz NAME" or "not ok - fuzz NAME"
# with the crashing input. New inputs go to $FUZZ_OUT/corpus/NAME and crashes
# to $FUZZ_OUT/crashes/NAME/ (FUZZ_OUT unset: a directory removed at the end).
# FUZZ_SEED fixes libFuzzer's random seed (0, the default: a new one);
# FUZZ_RUNS bounds the inputs tried (SECONDS still caps the time).
#   sh tests/fuzz/run.sh SECONDS [NAME...]
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${FUZZ_BUILD:=build/fuzz}"
case $FUZZ_BUILD in /*) ;; *) FUZZ_BUILD=$TOP/$FUZZ_BUILD ;; esac
seconds=${1:-3}
[ $# -gt 0 ] && shift
names=$*
[ -n "$names" ] || names=$(cd "$TOP/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
scratch=""
if [ -z "${FUZZ_OUT:-}" ]; then
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/gradus-fuzz.XXXXXX")
	FUZZ_OUT=$scratch
fi
case $FUZZ_OUT in /*) ;; *) FUZZ_OUT=$(pwd)/$FUZZ_OUT ;; esac
. "$TOP/tests/env.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/gradus-fuzz-home.XXXXXX")
trap 'rm -rf "$home"; [ -n "$scratch" ] && rm -rf "$scratch"' EXIT
hermetic_env "$home"
failed=0
for name in $names; do
	bin=$FUZZ_BUILD/fuzz/fuzz_$name
	corpus=$TOP/tests/fuzz/corpus/$name
	if [ ! -x "$bin" ]; then
		echo "not ok - fuzz $name"
		echo "#   $bin is not built: make fuzz-targets"
		failed=1
		continue
	fi
	mkdir -p "$FUZZ_OUT/corpus/$name" "$FUZZ_OUT/crashes/$name"
	log=$FUZZ_OUT/crashes/$name/log
	if (cd "$FUZZ_OUT" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_OUT/crashes/$name/" "$FUZZ_OUT/corpus/$name" "$corpus") >"$log" 2>&1; then
		echo "ok - fuzz $name ($(sed -n 's/^stat::number_of_executed_units: *//p' "$log") runs)"
	else
		echo "not ok - fuzz $name"
		grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -8 | sed 's/^/#   /'
		grep -E '^    #[0-9]' "$log" | head -12 | sed 's/^/#   /'
		for crash in "$FUZZ_OUT/crashes/$name"/crash-* "$FUZZ_OUT/crashes/$name"/leak-* \
			"$FUZZ_OUT/crashes/$name"/timeout-* "$FUZZ_OUT/crashes/$name"/oom-*; do
			[ -f "$crash" ] || continue
			echo "#   input ($(basename "$crash")): $(head -c 200 "$crash" | od -An -c | tr -s ' ' | head -4 | tr '\n' ' ')"
			[ -n "$scratch" ] || echo "#   kept in $crash"
		done
		failed=1
	fi
done
exit $failed
