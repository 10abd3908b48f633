# One table of commands (include/gradus/cli/commands.def) drives dispatch,
# --help and the man page's SYNOPSIS: each synopsis of the table is a line of
# --help in the table's order, in English and in Chinese, and a line of the
# SYNOPSIS; each command of the table runs (none is "unknown").
. "$(dirname "$0")/../lib.sh"
DEF=$TOP/include/gradus/cli/commands.def

# The table's synopses and commands, as the preprocessor reads them.
python3 - "$DEF" "$WORK" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
def strings(s):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s)).encode().decode("unicode_escape").encode("latin-1").decode()
usage = [strings(m.group(1)) for m in re.finditer(r'USAGE\(N_\(((?:\s*"(?:[^"\\]|\\.)*")+)\)', text)]
commands = re.findall(r"COMMAND\((\w+),", text)
open(sys.argv[2] + "/table", "w", encoding="utf-8").write("\n".join(usage) + "\n")
open(sys.argv[2] + "/commands", "w").write("\n".join(commands) + "\n")
PY
[ -s "$WORK/table" ] && ok "the table has synopses ($(wc -l <"$WORK/table"))" || fail "the table has synopses"

# --help: its command lines, the synopsis before two spaces or a line's end.
synopses() {
	awk '/^(Commands|命令)/ { on = 1; next } on && /^  [^ ]/ { sub(/^  /, ""); sub(/  +.*/, ""); print }'
}
LC_ALL=C.UTF-8 LANGUAGE= "$GRADUS" --help | synopses >"$WORK/help"
expect_same "--help lists the table's synopses in its order" "$WORK/table" "$WORK/help"
LC_ALL=zh_CN.UTF-8 LANGUAGE= "$GRADUS" --help >"$WORK/help-zh"
synopses <"$WORK/help-zh" >"$WORK/help-zh-synopses"
[ "$(wc -l <"$WORK/help-zh-synopses")" = "$(wc -l <"$WORK/table")" ] &&
	ok "the Chinese --help has as many synopses" || fail "the Chinese --help has as many synopses" "$(cat "$WORK/help-zh-synopses")"
grep -q "^  init \[--demo\] *创建数据库" "$WORK/help-zh" && ok "the Chinese --help is translated" ||
	fail "the Chinese --help is translated" "$(head -20 "$WORK/help-zh")"
# descriptions line up in display cells, Chinese or not
awk '/^(Commands|命令)/ { on = 1; next } on' "$WORK/help-zh" | grep -v '^  [^ ]' | grep -v '^ \{32\}[^ ]' >"$WORK/misaligned"
[ ! -s "$WORK/misaligned" ] && ok "continuation lines start at column 33" || fail "continuation lines start at column 33" "$(cat "$WORK/misaligned")"

# man/gradus.1's SYNOPSIS, read as text.
sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$TOP/man/gradus.1" | grep -v '^\.' |
	sed -n 's/^\\fBgradus\\fR \[\\fIoptions\\fR\] //p' | sed 's/\\f[BRI]//g; s/\\-/-/g; s/\\e/\\/g' >"$WORK/man"
expect_same "the man page's SYNOPSIS lists the table's synopses" "$WORK/table" "$WORK/man"

# Every command of the table is dispatched.
DB=$WORK/usage.db
while read -r command; do
	run "$GRADUS" --db "$DB" "$command" </dev/null
	if printf '%s\n' "$ERR" | grep -q "unknown command"; then
		fail "gradus $command is dispatched" "$ERR"
	else
		ok "gradus $command is dispatched"
	fi
done <"$WORK/commands"
run "$GRADUS" --db "$DB" frobnicate
expect "a command outside the table is unknown" 2 "unknown command 'frobnicate'"
