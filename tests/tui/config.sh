# $XDG_CONFIG_HOME/gradus/config.ini: keys and colours change, the help and
# the status line follow the keymap, a bad line is reported with its file
# and line while the rest applies.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
export XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state"
mkdir -p "$XDG_CONFIG_HOME/gradus"
cat >"$XDG_CONFIG_HOME/gradus/config.ini" <<'INI'
; a clerk's keys
[keys]
open = o Enter
search = ^S
[colours]
cursor = black green
due = magenta default
INI
printf '%s\n' ":save-screen start.screen" "jo" ":save-screen opened.screen" "q<C-s>武汉" ":save-screen search.screen" \
	"<Esc>?" ":save-screen help.screen" "q" "q" >"$WORK/keys.script"
run "$GRADUS" --db "$DB" --script "$WORK/keys.script"
expect "the script with a config runs to its end" 0
second=$(sqlite3 "$DB" "SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET 1")
head -1 opened.screen | grep -qF "$second" && ok "a key set in the config opens the case" || fail "o opens" "$(head -1 opened.screen)"
head -1 search.screen | grep -qF "Cases (4)" && ok "^S searches as the config says" || fail "^S search" "$(head -1 search.screen)"
grep -qE "^ +o Enter +Open" help.screen && grep -qE "^ +\^S +Search" help.screen && ok "the help shows the configured keys" ||
	fail "help" "$(cat help.screen)"
tail -1 start.screen | grep -qF "o Open" && ok "and so does the status line" || fail "hints" "$(tail -1 start.screen)"
! grep -qE "^ +/ +Search" help.screen && ok "setting search to ^S replaces its default /" ||
	fail "old key kept" "$(grep Search help.screen)"

printf '[keys]\nopen = o\nsideways = x\n[colours]\ncursor = pink black\n' >"$XDG_CONFIG_HOME/gradus/config.ini"
printf '%s\n' ":save-screen bad.screen" "jo" ":save-screen bad-open.screen" "q" "q" >"$WORK/bad.script"
run "$GRADUS" --db "$DB" --script "$WORK/bad.script"
expect "a bad config still opens" 0
tail -1 bad.screen | grep -qF "config.ini:3: unknown action 'sideways'" && ok "a bad line is reported with its file and line" ||
	fail "bad line" "$(tail -1 bad.screen)"
head -1 bad-open.screen | grep -qF "$second" && ok "the good lines still apply" || fail "good lines" "$(head -1 bad-open.screen)"

# The config's first bad line, on the status line at start (cut at 80
# columns): config_says NAME TEXT LINES...
printf '%s\n' ":save-screen status.screen" "q" >"$WORK/status.script"
config_says() {
	name=$1 want=$2
	shift 2
	printf '%s\n' "$@" >"$XDG_CONFIG_HOME/gradus/config.ini"
	run "$GRADUS" --db "$DB" --script "$WORK/status.script"
	tail -1 status.screen | grep -qF "$want" && ok "$name" || fail "$name" "$(tail -1 status.screen)"
}
long=$(printf '%0250d' 0)
config_says "a line too long for inih is one bad line, with its own number" \
	"config.ini:3: line longer than 199 bytes:" \
	'[keys]' 'open = o' "search = ^S $long" 'quit = Q'
config_says "a line without = says what was expected" \
	"config.ini:2: expected [section], name = v" '[keys]' 'open o'
config_says "an unknown setting names its section and key" "config.ini:4: [display] wide: unknown sett" \
	'[keys]' 'open = o' '[display]' 'wide = yes'
config_says "a syntax error before a bad value is the one reported" \
	"config.ini:2: expected [section], name = v" '[keys]' 'open o' 'sideways = x'

# A file saved with a byte-order mark, and keys that are Chinese characters.
printf '\357\273\277[keys]\n; 开 opens, as Enter does\nopen = 开 Enter\n' >"$XDG_CONFIG_HOME/gradus/config.ini"
printf '%s\n' ":save-screen zh-start.screen" "j开" ":save-screen zh-open.screen" "q" "?" ":save-screen zh-help.screen" "q" "q" \
	>"$WORK/zh.script"
run "$GRADUS" --db "$DB" --script "$WORK/zh.script"
expect "a config with a byte-order mark and Chinese keys runs" 0
! tail -1 zh-start.screen | grep -qF "config.ini" && ok "the byte-order mark is not a bad line" ||
	fail "BOM" "$(tail -1 zh-start.screen)"
head -1 zh-open.screen | grep -qF "$second" && ok "a Chinese character set as a key opens the case" ||
	fail "开 opens" "$(head -1 zh-open.screen)"
grep -qE "^ +开 Enter +Open" zh-help.screen && ok "and the help shows it" || fail "zh help" "$(grep Open zh-help.screen)"

# ambiguous_wide = yes: a terminal that draws ○ and ① two cells wide. gradus
# counts them so, and each is placed at its own cell (curses, counting one,
# would run the next character into the second): the enterprise's name
# keeps a cell after each, and the columns after it stay where they were.
cp "$DB" "$WORK/wide.db"
first=$(sqlite3 "$WORK/wide.db" "SELECT number FROM cases ORDER BY number LIMIT 1")
sqlite3 "$WORK/wide.db" "UPDATE enterprises SET name = '○○精密①有限公司' WHERE id = (SELECT f.enterprise_id FROM cases c JOIN factories f ON f.id = c.factory_id WHERE c.number = '$first')"
printf ':save-screen wide.screen\nq\n' >"$WORK/wide.script"
for mode in no yes; do
	printf '[display]\nambiguous_wide = %s\n' "$mode" >"$XDG_CONFIG_HOME/gradus/config.ini"
	LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$WORK/wide.db" --script "$WORK/wide.script"
	expect "the list with ambiguous_wide = $mode" 0
	mv wide.screen "wide-$mode.screen"
done
grep -F "$first" wide-no.screen | grep -qF '○○精密①有限' && ok "drawn narrow, the name's characters are side by side" ||
	fail "narrow" "$(grep -F "$first" wide-no.screen)"
grep -F "$first" wide-yes.screen | grep -qF '○ ○ 精密① 有' && ok "drawn wide, each keeps its second cell" ||
	fail "wide" "$(grep -F "$first" wide-yes.screen)"
column_of() { grep -F "$first" "$1" | python3 -c 'import sys,unicodedata; l=sys.stdin.read(); i=l.index("91"); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l[:i]))'; }
[ "$(column_of wide-yes.screen)" = "$(column_of wide-no.screen)" ] && ok "and the credit code after the name starts in the same column" ||
	fail "column" "$(column_of wide-no.screen) $(column_of wide-yes.screen)"
