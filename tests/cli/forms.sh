# forms list / forms check, against the guide and against broken copies.
. "$(dirname "$0")/../lib.sh"
FORMS=$TOP/forms
DATA=$TOP/tests/cli/data

run "$GRADUS" forms list
expect "forms list exits 0" 0
[ "$(printf '%s\n' "$OUT" | wc -l)" = 40 ] && ok "forms list prints 40 lines" || fail "forms list prints 40 lines" "$(printf '%s\n' "$OUT" | wc -l) lines"
printf '%s\n' "$OUT" | cut -f1,3 >"$WORK/titles"
expect_same "scenario ids 1-40 and titles exactly as in the guide" "$DATA/guide-titles.tsv" "$WORK/titles"
printf '%s\n' "$OUT" | awk -F '\t' 'NF != 4 || $4 == "" { bad = 1 } END { exit bad }' \
	&& ok "every line is ID, stage, Chinese title, English title" || fail "every line is ID, stage, Chinese title, English title" "$OUT"

run "$GRADUS" forms list --stages
expect "forms list --stages exits 0" 0
[ "$(printf '%s\n' "$OUT" | wc -l)" = 8 ] && ok "8 stages" || fail "8 stages" "$OUT"
expect_line "stage 1 is factory construction" "construction	工厂建设	Factory construction"
expect_line "stage 8 is supply chain management" "supply	供应链管理	Supply chain management"

run "$GRADUS" forms list --regions
[ "$(printf '%s\n' "$OUT" | wc -l)" = 17 ] && ok "forms list --regions: the 17 regions" || fail "17 regions" "$OUT"
expect_line "a region with its key, code and names" "xianning	421200	咸宁市	Xianning"
run "$GRADUS" forms list --towns
expect "forms list names what it takes" 2 "expected --stages or --regions"

run "$GRADUS" forms check "$FORMS"
expect "forms check forms exits 0" 0 "40 scenarios"
run "$GRADUS" --forms "$FORMS" forms check
expect "forms check with --forms exits 0" 0 "8 stages"
GRADUS_FORMS=$FORMS run "$GRADUS" forms list --stages
expect "GRADUS_FORMS is honoured" 0 "工厂建设"
run "$GRADUS" --forms "$WORK/nowhere" forms list
expect "a missing forms folder is a clear error" 1 "nowhere"

# broken copies: each must exit 1 with FILE:LINE: message and load nothing
broken() { rm -rf "$WORK/f"; cp -R "$FORMS" "$WORK/f"; }
check_broken() { # NAME FILE_LINE_PREFIX WORDS
	run "$GRADUS" forms check "$WORK/f"
	if [ "$RC" = 1 ] && printf '%s\n' "$ERR" | grep -qF -- "$2" && printf '%s\n' "$ERR" | grep -qF -- "$3"; then
		ok "$1"
	else
		fail "$1" "exit $RC" "stderr: $ERR" "expected: $2 ... $3"
	fi
}

broken
sed 's/^id = 5$/id = 4/' "$FORMS"/scenarios/05-*.ini >"$WORK/f/scenarios/05-virtual-verification.ini"
line=$(grep -n '^id = ' "$WORK"/f/scenarios/05-*.ini | cut -d: -f1)
check_broken "duplicate scenario id" "$WORK/f/scenarios/05-virtual-verification.ini:$line:" "already defined"

broken
sed -i 's/^stage = rnd$/stage = marketing/' "$WORK"/f/scenarios/04-*.ini
line=$(grep -n '^stage = ' "$WORK"/f/scenarios/04-*.ini | cut -d: -f1)
check_broken "unknown stage" "$(ls "$WORK"/f/scenarios/04-*.ini):$line:" "marketing"

broken
file=$(ls "$WORK"/f/scenarios/07-*.ini)
awk 'BEGIN { s = 0 } /^\[item\.2\]/ { s = 1; print; next } /^\[/ { s = 0 } s && /^text = / { skip = 1; next } skip && /^  / { next } { skip = 0; print }' \
	"$FORMS"/scenarios/07-*.ini >"$file"
line=$(grep -n '^\[item\.2\]' "$file" | cut -d: -f1)
check_broken "item without text" "$file:$line:" "text"

broken
file=$WORK/f/levels/excellent.ini
printf 'this is not ini\n' >>"$file"
line=$(wc -l <"$file")
check_broken "malformed line" "$file:$line:" "malformed"
