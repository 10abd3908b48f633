# Every fuzz target (tests/fuzz/) for a few seconds on its corpus under
# AddressSanitizer and UndefinedBehaviorSanitizer: any crash, leak or
# undefined behaviour fails. `make fuzz FUZZ_SECONDS=N` runs them longer.
. "$(dirname "$0")/../lib.sh"
# A fixed seed and a fixed number of inputs: make check tries the same
# inputs on every machine, however fast (the bundle reader is the slow one).
for name in bundle config csv dates forms script sheet uscc; do
	runs=20000
	[ "$name" = bundle ] && runs=800
	FUZZ_SEED=${FUZZ_SEED:-1} FUZZ_RUNS=$runs FUZZ_OUT= sh "$TOP/tests/fuzz/run.sh" "${GRADUS_FUZZ_SECONDS:-30}" "$name"
done
