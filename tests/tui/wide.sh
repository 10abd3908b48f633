# A row wider than the line builder holds at once (256 characters,
# src/tui/draw.c): on a terminal 300 columns wide the list's row is handed
# to curses in pieces, and every piece lands where it belongs. The widest
# name mixes ASCII, Chinese, a character outside the BMP (𠀀, two cells)
# and an escape sequence, which shows as ␛ and never reaches the terminal.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/wide.db
two_cases_db "$DB" advanced
long=$(python3 -c 'print("A" * 120 + "武汉精密" * 5 + "𠀀" + "Z" * 20)')
# gradus refuses control characters in a name (an older one stored them),
# so the sequence is put there directly
sqlite3 "$DB" "UPDATE enterprises SET name = '$long' || char(27) || '[2J' || 'END' WHERE name = 'AlphaCo'"
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
printf '%s\n' ":save-screen wide.screen" ":save-attrs wide.attrs" "j" ":save-attrs cursor.attrs" >wide.script
run "$GRADUS" --db "$DB" --size 300x8 --script wide.script
expect "the script runs at 300 columns" 0
expect_width "no row is wider than the terminal's 300 cells" wide.screen 300
grep -qF "${long}␛[2JEND" wide.screen && ok "the widest name is drawn whole, its escape as ␛" ||
	fail "the widest name is drawn whole" "$(sed -n 3p wide.screen | cut -c1-120)"
! grep -q "$(printf '\033')" wide.screen && ok "no escape character reaches the screen" ||
	fail "no escape character reaches the screen"
# the columns after the name, past the first 256 characters of the row
# (some 280 here), stand where the header puts them
python3 - "$WORK/wide.screen" >"$WORK/columns" <<'PY' && ok "the level and state columns of both rows line up with their headers" || fail "the columns line up" "$(cat "$WORK/columns")"
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
header, rows = lines[1], [l for l in lines[2:] if l.startswith("HB-")]
def column_of(line, word):
    at = line.index(word)
    return w(line[:at])
for word, values in (("Level", ("Basic", "Advanced")), ("State", ("Draft",))):
    want = column_of(header, word)
    for row in rows:
        got = [column_of(row, v) for v in values if v in row]
        if not got or got[0] != want:
            print("%s at cell %s, %r at %s" % (word, want, values, got)); sys.exit(1)
if len(rows) != 2 or w(lines[1]) < 257:
    print("rows %d, header %d cells" % (len(rows), w(lines[1]))); sys.exit(1)
PY
# the cursor row's reverse (or its colour) runs across the whole 300 cells
sed -n 4p cursor.attrs | grep -q "0-299:" && ok "the cursor row's attribute covers all 300 cells" ||
	fail "the cursor row's attribute covers all 300 cells" "$(sed -n 4p cursor.attrs | cut -f2 | cut -c1-200)"
