# Every fuzz target (tests/fuzz/) for a few seconds on its corpus under
# AddressSanitizer and UndefinedBehaviorSanitizer: any crash, leak or
# undefined behaviour fails. `make fuzz FUZZ_SECONDS=N` runs them longer.
. "$(dirname "$0")/../lib.sh"
FUZZ_OUT= sh "$TOP/tests/fuzz/run.sh" "${GRADUS_FUZZ_SECONDS:-3}"
