# The command line in a GB18030 terminal (zh_CN.GB18030): arguments typed in
# GB18030 are stored as UTF-8, output and errors come out in GB18030 and say
# what they say under zh_CN.UTF-8, arguments that are not GB18030 are refused
# with nothing written, and files with an encoding of their own keep it.
. "$(dirname "$0")/../lib.sh"
have() { locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d -- - | grep -qx "$1"; }
if ! have zh_cn.gb18030 || ! have zh_cn.utf8 || ! command -v sqlite3 >/dev/null 2>&1; then
	ok "the command line under zh_CN.GB18030 # SKIP no zh_CN.GB18030 or zh_CN.UTF-8 locale, or no sqlite3"
	exit 0
fi
CASE=HB-2023-ADV-0001
CHECKED=HB-2024-EXC-0001
U1=91420100MA4KXXXX0D
BASE=$(demo_db)
"$GRADUS" --db "$BASE" user add insp1 inspector >/dev/null
C=$("$GRADUS" --db "$BASE" check plan $CHECKED --inspectors insp1 --draw 2 --seed 42)
cp "$BASE" "$WORK/utf8.db"
cp "$BASE" "$WORK/gb.db"
U() { LC_ALL=zh_CN.UTF-8 "$GRADUS" --db "$WORK/utf8.db" "$@"; }
B() { LC_ALL=zh_CN.GB18030 "$GRADUS" --db "$WORK/gb.db" "$@"; }
gb() { printf '%s' "$1" | iconv -f UTF-8 -t GB18030; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F'; }
stored() { sqlite3 "$WORK/gb.db" "$1"; }
audit_rows() { stored 'SELECT count(*) FROM audit'; }

# pair NAME ARGS...: the command under zh_CN.UTF-8, then under zh_CN.GB18030
# with its arguments in GB18030: the same exit status, and the same output
# and errors once the GB18030 run's are converted back (MASK, a sed script,
# hides what differs by right, e.g. a new id). Text that is not ASCII must
# come out in GB18030, not in UTF-8.
MASK=
pair() {
	local name=$1 count
	shift
	U "$@" >"$WORK/u.out" 2>"$WORK/u.err"
	URC=$?
	count=$#
	while [ "$count" -gt 0 ]; do
		set -- "$@" "$(gb "$1")"
		shift
		count=$((count - 1))
	done
	B "$@" >"$WORK/b.out" 2>"$WORK/b.err"
	BRC=$?
	for f in out err; do
		iconv -f GB18030 -t UTF-8 <"$WORK/b.$f" | sed "$MASK" >"$WORK/b8.$f" 2>&1
		sed "$MASK" "$WORK/u.$f" >"$WORK/u8.$f"
	done
	if [ "$URC" != "$BRC" ]; then
		fail "$name" "status $BRC under GB18030, $URC under UTF-8" "$(cat "$WORK/b8.err")"
	elif ! cmp -s "$WORK/u8.out" "$WORK/b8.out" || ! cmp -s "$WORK/u8.err" "$WORK/b8.err"; then
		fail "$name" "$(diff "$WORK/u8.out" "$WORK/b8.out" | head -6)" "$(diff "$WORK/u8.err" "$WORK/b8.err" | head -6)"
	elif LC_ALL=C grep -q '[^ -~	]' "$WORK/u.out" "$WORK/u.err" && cmp -s "$WORK/u.out" "$WORK/b.out" &&
		cmp -s "$WORK/u.err" "$WORK/b.err"; then
		fail "$name" "the GB18030 run printed UTF-8"
	else
		ok "$name"
	fi
}

# Intake: the enterprise's name, with 𠮷 (four bytes in GB18030 too).
NAME=武汉𠮷祥智造有限公司
MASK='s/^[0-9a-f]\{32\}$/ID/'
pair "case add with a GB18030 name prints what it prints under UTF-8" \
	case add --enterprise $NAME --uscc $U1 --region wuhan --level excellent --year 2024
MASK=
got=$(stored "SELECT hex(name) FROM enterprises WHERE credit_code = '$U1'")
[ "$got" = "$(hex $NAME)" ] && ok "case add stores the GB18030 name as UTF-8" ||
	fail "case add stores UTF-8" "stored $got" "UTF-8   $(hex $NAME)" "GB18030 $(hex "$(gb $NAME)")"
pair "case list --search with a GB18030 word finds the new case" case list --search 𠮷祥智造
grep -q "$NAME" "$WORK/b8.out" && ok "the search's row shows the name through GB18030" ||
	fail "search row" "$(cat "$WORK/b8.out")"

# A note with 𠮷, stored as UTF-8 and shown back in GB18030.
NOTE='备注：𠮷字四字节'
pair "case set note with a GB18030 value" case set $CASE note "$NOTE"
got=$(stored "SELECT hex(note) FROM cases WHERE number = '$CASE'")
[ "$got" = "$(hex "$NOTE")" ] && ok "case set stores the GB18030 note as UTF-8" ||
	fail "case set stores UTF-8" "stored $got" "UTF-8 $(hex "$NOTE")"
pair "case list --search finds a word of the note" case list --search 四字节
MASK='s/[0-9-]*T[0-9:]*Z/TIME/g'
pair "the case's history shows the note in GB18030" log $CASE
MASK=
grep -q "cases.note	∅	$NOTE" "$WORK/b8.out" &&
	ok "𠮷 round-trips: typed in GB18030, stored in UTF-8, shown in GB18030" ||
	fail "𠮷 round trip" "$(grep note "$WORK/b8.out")"
pair "case show in GB18030" case show $CASE

# A spot check's answer with a note.
CHECK_NOTE='现场演示：碳排放核算覆盖全部产线𠮷'
pair "check answer --note with a GB18030 note" check answer "$C" 17 1 yes --note "$CHECK_NOTE"
got=$(stored "SELECT hex(note) FROM answers WHERE check_id = (SELECT id FROM checks WHERE number = '$C') AND scenario = 17 AND item = 1")
[ "$got" = "$(hex "$CHECK_NOTE")" ] && ok "check answer stores the GB18030 note as UTF-8" ||
	fail "check answer stores UTF-8" "stored $got" "UTF-8 $(hex "$CHECK_NOTE")"
pair "check show prints the answer's note in GB18030" check show "$C"
pair "a choice given in GB18030 is matched" check answer "$C" 21 4 覆盖部分关键工序

# Errors come out in GB18030 too, and in Chinese.
pair "a refused choice is told in GB18030" check answer "$C" 21 4 全部
grep -q "覆盖全部关键工序" "$WORK/b8.err" && ok "the refusal names the choices in Chinese" || fail "refusal" "$(cat "$WORK/b8.err")"
pair "a missing case is told in GB18030" case show 没有这个案件
grep -q "没有案件“没有这个案件”" "$WORK/b8.err" && ok "the missing case is named in the error" ||
	fail "missing case error" "$(cat "$WORK/b8.err")"
pair "usage is printed in GB18030" --help
pair "the agenda in GB18030" agenda
run B verify
expect "verify passes after the GB18030 writes" 0

# JSON stays ASCII outside UTF-8 (\u escapes), the same values.
U case show $CASE --format json >"$WORK/u.json"
B case show $CASE --format json >"$WORK/b.json"
if LC_ALL=C grep -q '[^ -~]' "$WORK/b.json"; then
	fail "JSON under GB18030 is ASCII" "$(head -c 200 "$WORK/b.json")"
elif python3 -c 'import json, sys; a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:]); sys.exit(a != b)' \
	"$WORK/u.json" "$WORK/b.json"; then
	ok "case show --format json under GB18030: ASCII with \\u escapes, the same values as under UTF-8"
else
	fail "JSON values" "$(head -c 300 "$WORK/b.json")"
fi

# Arguments that are not GB18030 are refused, nothing written.
before=$(audit_rows)
note_before=$(stored "SELECT hex(note) FROM cases WHERE number = '$CASE'")
# runb ARGS...: run under GB18030, its errors converted back to UTF-8.
runb() { run B "$@"; ERR=$(printf '%s\n' "$ERR" | iconv -f GB18030 -t UTF-8); }
runb case set $CASE note "$(gb 备注)$(printf '\201')"
expect "a lone 0x81 at the end of an argument is refused, named by its place" 2 \
	'第 7 个参数“备注\x81”不是 GB18030 文本：第 5 个字节 0x81：在末尾被截断；应为完整的 GB18030 字符；未做任何操作'
[ -z "$OUT" ] && ok "nothing printed on stdout for the refused argument" || fail "stdout" "$OUT"
runb case add --enterprise "$(printf 'a\200b')$(gb 公司)" --uscc 91420100MA4K12345K --region wuhan --level basic --year 2026
expect "a 0x80 in an argument is refused" 2 '第 6 个参数“a\x80b公司”不是 GB18030 文本：第 2 个字节 0x80：应为 GB18030 字符'
runb check answer "$C" 17 2 yes --note "$(printf '\377')"
expect "a 0xFF in check answer --note is refused" 2 '第 10 个参数“\xFF”不是 GB18030 文本'
runb case list --search "$(printf '\201')"
expect "a search for a cut character is refused" 2 '第 6 个参数“\x81”不是 GB18030 文本'
[ "$(audit_rows)" = "$before" ] && ok "the audit has no new row after the refusals" ||
	fail "audit rows" "$before before, $(audit_rows) after"
[ "$(stored "SELECT hex(note) FROM cases WHERE number = '$CASE'")" = "$note_before" ] &&
	ok "the note is unchanged after the refusal" || fail "note changed"
[ "$(stored "SELECT count(*) FROM enterprises WHERE name LIKE 'a%'")" = 0 ] &&
	ok "no enterprise from the refused case add" || fail "refused case add stored"

# Under zh_CN.UTF-8 the same: bytes that are not UTF-8 are refused.
before=$(sqlite3 "$WORK/utf8.db" 'SELECT count(*) FROM audit')
run U case set $CASE note "$(gb 备注)"
expect "GB18030 bytes typed under zh_CN.UTF-8 are refused" 2 "不是 UTF-8 文本：第 1 个字节 0xB1"
[ "$(sqlite3 "$WORK/utf8.db" 'SELECT count(*) FROM audit')" = "$before" ] &&
	ok "nothing written for the argument that is not UTF-8" || fail "audit rows under UTF-8"

# Files with an encoding of their own keep it: CSV export (UTF-8 unless
# --encoding), iCalendar (UTF-8) and the HTML report, to stdout too.
U export cases >"$WORK/u.csv"
B export cases >"$WORK/b.csv"
cmp -s "$WORK/u.csv" "$WORK/b.csv" && ok "export cases to stdout is UTF-8 under GB18030 as under UTF-8" ||
	fail "export to stdout" "$(cmp "$WORK/u.csv" "$WORK/b.csv")"
B export cases --encoding gb18030 >"$WORK/b18030.csv"
iconv -f GB18030 -t UTF-8 <"$WORK/b18030.csv" | cmp -s - "$WORK/u.csv" &&
	ok "export --encoding gb18030 to stdout is GB18030, once" || fail "export --encoding gb18030"
U agenda --format ics | sed '/^DTSTAMP/d' >"$WORK/u.ics"
B agenda --format ics | sed '/^DTSTAMP/d' >"$WORK/b.ics"
cmp -s "$WORK/u.ics" "$WORK/b.ics" && ok "agenda --format ics is UTF-8 under GB18030" || fail "ics" "$(cmp "$WORK/u.ics" "$WORK/b.ics")"
# (the audit chain's head differs: the two databases were written apart)
U report check "$C" --format html | sed 's/[0-9a-f]\{64\}/HASH/g' >"$WORK/u.html"
B report check "$C" --format html | sed 's/[0-9a-f]\{64\}/HASH/g' >"$WORK/b.html"
cmp -s "$WORK/u.html" "$WORK/b.html" && ok "an HTML report to stdout stays UTF-8 under GB18030" ||
	fail "html report" "$(cmp "$WORK/u.html" "$WORK/b.html")"
MASK='s/[0-9a-f]\{64\}/HASH/g'
pair "a text report to stdout follows the locale" report check "$C"
MASK=

# Export, then import from standard input, under GB18030: the note survives.
B export cases | LC_ALL=zh_CN.GB18030 "$GRADUS" --db "$WORK/again.db" import cases - >"$WORK/import.out" 2>&1
got=$(sqlite3 "$WORK/again.db" "SELECT hex(note) FROM cases WHERE number = '$CASE'")
[ "$got" = "$(hex "$NOTE")" ] && ok "export | import - under GB18030 keeps the note in UTF-8" ||
	fail "export | import -" "stored $got" "$(iconv -f GB18030 -t UTF-8 <"$WORK/import.out" | tail -3)"
gb "$(cat "$WORK/u.csv")" | LC_ALL=zh_CN.GB18030 "$GRADUS" --db "$WORK/again-gb.db" import cases - >/dev/null 2>&1
got=$(sqlite3 "$WORK/again-gb.db" "SELECT hex(note) FROM cases WHERE number = '$CASE'")
[ "$got" = "$(hex "$NOTE")" ] && ok "a GB18030 CSV on standard input is stored as UTF-8" || fail "GB18030 stdin" "stored $got"

# A file named in GB18030 is opened by that name.
mkdir -p "$WORK/named"
B backup "$WORK/named/$(gb 备份).db" >/dev/null 2>&1
[ -f "$WORK/named/$(gb 备份).db" ] && ok "backup to a file named in GB18030 writes that name" ||
	fail "GB18030 file name" "$(ls "$WORK/named" | od -c | head -3)"

# To a terminal (a pseudo-terminal from script(1)), an escape in data (left
# by an older gradus: today's refuses it) is still a placeholder, and the
# placeholder is in GB18030 too.
if command -v script >/dev/null 2>&1; then
	stored "UPDATE enterprises SET name = 'x' || char(27) || '[2J𠮷' WHERE id = (SELECT f.enterprise_id
		FROM cases c JOIN factories f ON f.id = c.factory_id WHERE c.number = '$CHECKED')"
	script -qc "LC_ALL=zh_CN.GB18030 '$GRADUS' --db '$WORK/gb.db' case show $CHECKED" /dev/null </dev/null |
		iconv -f GB18030 -t UTF-8 >"$WORK/tty.txt" 2>&1
	grep -q 'enterprise	x␛\[2J𠮷' "$WORK/tty.txt" && ! grep -q "$(printf '\033')" "$WORK/tty.txt" &&
		ok "on a GB18030 terminal an escape is shown as ␛, converted with the rest" ||
		fail "GB18030 terminal" "$(grep note "$WORK/tty.txt" | cat -v | tail -2)"
else
	ok "on a GB18030 terminal an escape is shown as ␛ # SKIP no script(1)"
fi
