# uscc and dates: the credit code check and the deadlines of the rules.
. "$(dirname "$0")/../lib.sh"

run "$GRADUS" uscc 91420100MA4K12345K
expect "a valid credit code" 0 "valid"
[ "$OUT" = valid ] && ok "uscc prints exactly 'valid'" || fail "uscc prints exactly 'valid'" "$OUT"
run "$GRADUS" uscc 91420100MA4K12345A
expect "a wrong check character names the expected one" 1 "'K'"
run "$GRADUS" uscc 91420100MA4K1234
expect "a short code is refused" 1 "18"
run "$GRADUS" uscc 91420100MA4K12345I
expect "a character outside the set is refused" 1 "I"
run "$GRADUS" uscc
expect "uscc without a code is a usage error" 2 "usage"

run "$GRADUS" dates --level excellent --certified 2024-02-29
expect "excellent dates" 0
expect_line "expires 3 years on, clamped to Feb 28" "expires_on	2027-02-28"
expect_line "review due 3 months before expiry" "review_due_by	2026-11-28"
expect_line "a passed review extends from the old expiry" "extended_expires_on	2030-02-28"

run "$GRADUS" dates --level leading --cultivation-start 2025-11-30
expect "leading dates" 0
expect_line "cultivation ends after 2 years" "cultivation_ends_on	2027-11-30"
expect_line "acceptance due 3 months before" "acceptance_due_by	2027-08-30"

run "$GRADUS" dates --level leading --cultivation-start 2024-02-29
expect_line "cultivation from Feb 29 ends Feb 28" "cultivation_ends_on	2026-02-28"
expect_line "and acceptance is due Nov 28" "acceptance_due_by	2025-11-28"

run "$GRADUS" dates --level excellent --notice-start 2026-09-29
expect "public notice over the National Day holiday" 0
expect_line "5 working days from Tue Sep 29 skip Oct 1-7 and count the make-up Saturday Oct 10" "notice_ends_on	2026-10-10"

run "$GRADUS" dates --level excellent --expires 2027-05-31
expect_line "review due clamps May 31 - 3 months to Feb 28" "review_due_by	2027-02-28"

for bad in 2025-02-30 2025-13-01 "" 2025-02-29 2025-2; do
	run "$GRADUS" dates --level excellent --certified "$bad"
	expect "bad date '$bad' exits 1 with a message naming the option" 1 "--certified: "
	[ -z "$OUT" ] && ok "bad date '$bad' prints no dates" || fail "bad date '$bad' prints no dates" "$OUT"
done
# A date typed as the office writes it (2025-2-1, 2025年2月1日) is taken.
run "$GRADUS" dates --level excellent --certified 2025年2月1日
expect_line "--certified 2025年2月1日 is 2025-02-01" "certified_on	2025-02-01"
run "$GRADUS" dates --level excellent --certified 2025-02-30
expect "February 2025 is named" 1 "February 2025 has 28 days"
run "$GRADUS" dates --level gold --certified 2025-01-01
expect "an unknown level" 1 "gold"
run "$GRADUS" --today 2025-02-30 dates --level excellent --certified 2024-01-01
expect "a bad --today" 2 "2025-02-30"
