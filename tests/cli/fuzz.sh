# Every fuzz target (tests/fuzz/) for a few seconds on its corpus under
# AddressSanitizer and UndefinedBehaviorSanitizer: any crash, leak or
# undefined behaviour fails. `make fuzz FUZZ_SECONDS=N` runs them longer.
. "$(dirname "$0")/../lib.sh"
# A fixed seed: what make check tries is the same on every run.
FUZZ_SEED=${FUZZ_SEED:-1} FUZZ_OUT= sh "$TOP/tests/fuzz/run.sh" "${GRADUS_FUZZ_SECONDS:-3}"
