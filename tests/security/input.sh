# Input is valid text or refused (issue 15): control characters and bytes
# that are not UTF-8 never reach the database, by argument, CSV or the
# screens; a CSV in two encodings is refused at the line that disagrees;
# formulas hidden behind full-width signs, spaces, a BOM or zero-width
# characters are neutralised on export; messages and listings written to a
# file carry no raw escape or bell.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
audit_rows() { sqlite3 "$DB" 'SELECT count(*) FROM audit'; }
note_of() { sqlite3 "$DB" "SELECT hex(note) FROM cases WHERE number = '$1'"; }
raw_controls() { LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" "$1"; }
CASE=$(G case list | awk -F'\t' 'NR == 2 { print $1 }')
before=$(audit_rows)
note_before=$(note_of "$CASE")

# Arguments: an escape sequence, a bell, a C1 control, a noncharacter.
run G case set "$CASE" note "$(printf 'a\033[31mb')"
expect "case set note with an escape sequence is refused naming the argument" 2 'argument 7 "a\x1B[31mb": U+001B'
run G case set "$CASE" note "$(printf 'ding\a')"
expect "a bell in a note is refused" 2 "U+0007 at character 5"
run G case set "$CASE" note "$(printf 'a\302\233b')"
expect "a C1 control (U+009B, CSI) is refused" 2 "U+009B"
run G case set "$CASE" note "$(printf 'a\357\277\276')"
expect "a noncharacter U+FFFE is refused" 2 "U+FFFE"
run G case set "$CASE" note "$(printf 'a\377b')"
expect "bytes that are not UTF-8 are refused" 2 "is not UTF-8 text"
LC_ALL=C run G case set "$CASE" note "$(printf 'a\377b')"
expect "under the C locale too" 2 "is not UTF-8 text"
[ "$(audit_rows)" = "$before" ] && [ "$(note_of "$CASE")" = "$note_before" ] &&
	ok "nothing was stored: the audit and the note are as before" || fail "stored" "audit $before -> $(audit_rows)"

# Line breaks: text in a note, refused in a one-line field (named).
run G case set "$CASE" note "$(printf 'line 1\nline 2\tend')"
expect "a note of two lines with a tab is stored" 0
run G case set "$CASE" enterprise "$(printf 'two\nlines')"
expect "a line break in an enterprise name is refused naming the field" 1 "enterprises.name: line break or tab U+000A"
run G case set "$CASE" contact "$(printf 'a\tb')"
expect "a tab in a one-line field is refused" 1 "U+0009 at character 2"
after=$(audit_rows)

# The write path itself refuses, whatever comes to it: answers, panels,
# experts (the CLI check is only the first).
run G expert add --name "$(printf 'x\033]0;pwned\a')" --fields 1 --affiliation a
expect "an expert's name with an OSC sequence is refused" 2 "U+001B"
[ "$(audit_rows)" = "$after" ] && ok "and nothing written" || fail "expert written"

# CSV cells: refused with FILE:LINE and the column.
printf 'enterprise,uscc,region,level,year,note\n荆州,91421000MAGEEUF318,jingzhou,basic,2026,ok\n宜昌,91420500MABRKDPYBW,yichang,basic,2026,"a\033[2Jb"\n' >"$WORK/esc.csv"
run G import cases "$WORK/esc.csv"
expect "a CSV cell with an escape is refused at its line and column" 1 "esc.csv: row 3, column F (note): 'a␛[2Jb': control character U+001B at character 2"
printf 'enterprise,uscc,region,level,year\n"荆州\n一号",91421000MAGEEUF318,jingzhou,basic,2026\n' >"$WORK/nl.csv"
run G import cases "$WORK/nl.csv"
expect "a line break in a CSV enterprise name is refused" 1 "nl.csv: row 2, column A (enterprise): '荆州␊一号': line break or tab"
printf 'enterprise,uscc,region,level,year,note\n荆州,91421000MAGEEUF318,jingzhou,basic,2026,"第一行\n第二行"\n' >"$WORK/note.csv"
run G import cases "$WORK/note.csv" --dry-run
expect "a note of two lines in a CSV is text" 0 "dry run: nothing written"
[ "$(audit_rows)" = "$after" ] && ok "no refused CSV wrote anything" || fail "a refused CSV wrote"

# A CSV in two encodings: refused at the first line that disagrees.
{
	printf 'enterprise,uscc,region,level,year\n'
	printf '荆州长江石化装备有限公司,91421000MAGEEUF318,jingzhou,basic,2026\n'
	printf '宜昌三峡磷化工集团有限公司,91420500MABRKDPYBW,yichang,basic,2026\n' | iconv -f UTF-8 -t GBK
} >"$WORK/mixed.csv"
run G import cases "$WORK/mixed.csv"
expect "UTF-8 then GBK: refused at line 3" 1 "mixed.csv:3:1: byte 0xD2: expected a UTF-8 character (line 2 is in UTF-8"
{
	printf 'enterprise,uscc,region,level,year\n'
	printf '荆州长江石化装备有限公司,91421000MAGEEUF318,jingzhou,basic,2026\n' | iconv -f UTF-8 -t GBK
	printf '宜昌三峡磷化工集团有限公司,91420500MABRKDPYBW,yichang,basic,2026\n'
} >"$WORK/mixed2.csv"
run G import cases "$WORK/mixed2.csv"
expect "GBK then UTF-8: refused at line 3" 1 "mixed2.csv:3: this line is in UTF-8 while line 2 is in GB18030"
[ "$(audit_rows)" = "$after" ] && ok "nothing imported from a file in two encodings" || fail "mixed imported"

# Formulas hidden from a simple check are neutralised on export.
n=0
for text in '＝HYPERLINK("http://x")' ' =1+1' '　＋1' "$(printf '\357\273\277=1')" "$(printf '\342\200\213+1')" \
	"$(printf '\342\201\240@SUM(A1)')" "$(printf '\nplain')" '－2'; do
	n=$((n + 1))
	G case set "$CASE" note "$text" >/dev/null 2>"$WORK/setup.err" || fail "formula $n could not be stored" "$(cat "$WORK/setup.err")"
	G export cases -o "$WORK/f.csv"
	cell=$(awk -v number="$CASE" 'index($0, number) == 1' "$WORK/f.csv" | awk -F, '{ print $NF }' | tr -d '\r"')
	case "$cell" in
	"'"*) ok "formula $n is neutralised on export" ;;
	*) fail "formula $n is neutralised on export" "cell: $cell" ;;
	esac
done
grep -q 'note' "$WORK/f.csv" || fail "the export has a note column"
G case set "$CASE" note 'plain text' >/dev/null
G export cases -o "$WORK/f.csv"
awk -v number="$CASE" 'index($0, number) == 1' "$WORK/f.csv" | grep -q ',plain text' &&
	ok "plain text is not neutralised" || fail "plain text neutralised"

# Messages and listings to a file: escapes and bells shown, never raw.
G case set "$(printf 'x\033[2J\a')" note y 2>"$WORK/err1" >/dev/null
printf 'enterprise,uscc,region,level,year,\033[31mcolour\n' >"$WORK/head.csv"
G import cases "$WORK/head.csv" 2>"$WORK/err2" >/dev/null
G case set "$CASE" "$(printf 'no\033te')" x 2>"$WORK/err3" >/dev/null
for f in err1 err2 err3; do
	[ -s "$WORK/$f" ] && [ "$(raw_controls "$WORK/$f")" = 0 ] && ok "$f: the message to a file has no raw control character" ||
		fail "$f: raw control characters" "$(cat -v "$WORK/$f")"
done
grep -qF "'␛[31mcolour'" "$WORK/err2" && ok "the CSV header's escape is shown as ␛ in the message" ||
	fail "no ␛ in" "$(cat -v "$WORK/err2")"
# Data written by an older gradus (or the sqlite3 shell) is escaped too.
sqlite3 "$DB" "UPDATE cases SET note = 'old' || char(27) || '[31m' || char(7) WHERE number = '$CASE';
	UPDATE enterprises SET name = name || char(27) || '[2J' WHERE id = (SELECT f.enterprise_id FROM cases c
	JOIN factories f ON f.id = c.factory_id WHERE c.number = '$CASE')"
G case list >"$WORK/list.tsv"
G case show "$CASE" >"$WORK/show.tsv"
G log "$CASE" >"$WORK/log.tsv"
for f in list.tsv show.tsv log.tsv; do
	[ "$(raw_controls "$WORK/$f")" = 0 ] && ok "$f to a file has no raw escape" || fail "$f" "$(cat -v "$WORK/$f" | grep -m2 '\^\[')"
done
grep -qF '␛[2J' "$WORK/list.tsv" && ok "the listing shows ␛ where the escape was" || fail "no ␛ in the listing"
G case show "$CASE" --format json >"$WORK/show.json"
grep -qF 'old\u001b[31m\u0007' "$WORK/show.json" && ok "JSON keeps its own escaping (\\u001b)" ||
	fail "JSON" "$(grep -o '"note": "[^"]*"' "$WORK/show.json")"
G export cases >"$WORK/raw.csv"
[ "$(raw_controls "$WORK/raw.csv")" != 0 ] && ok "CSV to a file is written as it is (its own escaping)" ||
	fail "CSV changed by the guard"

# The screens: a bell typed (or pasted) into a field is not typed, and named.
cd "$WORK" || exit 1
run "$GRADUS" --db "$DB" --script "$TOP/tests/tui/input-refused.script"
expect "the field script runs to its end" 0
tail -1 "$WORK/input-bell.screen" | grep -qF 'U+0007 is not text' && ok "the status line names the refused bell" ||
	fail "no message" "$(tail -1 "$WORK/input-bell.screen")"
G case show "$(G case list | awk -F'\t' 'NR == 2 { print $1 }')" --format json | grep -qF '"industry": "高端装备制造"' &&
	ok "the rest of the typing is written, without the bell and the noncharacter" || fail "industry not written"
