# A factory that applies again (basic one year, advanced later) is one
# factory of one enterprise: the second case reuses both records, and what
# the second application says differently of them (region, industry,
# contact, address) is a warning naming the recorded value, which stays.
# The same through `import cases` and in another language.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/office.db
G() { "$GRADUS" --db "$DB" "$@"; }
q() { sqlite3 "$DB" "$1"; }
err_line() { # NAME LINE: the last run's stderr has exactly this line
	if printf '%s\n' "$ERR" | grep -qxF -- "$2"; then ok "$1"; else fail "$1" "no line: $2" "got: $(echo "$ERR" | head -8)"; fi
}
U=91420100MA4K12345K

run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region tianmen --industry 纺织机械 \
	--contact '办公室 0728-1234' --factory 岳口纺机工厂 --address 天门市岳口镇 --level basic --year 2024
expect "the first application" 0
FIRST=$OUT
BEFORE=$(q "SELECT region || '|' || industry || '|' || contact FROM enterprises")

# The same factory, the same words: no warning, no second record.
run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region 天门市 --factory 岳口纺机工厂 \
	--level advanced --year 2026
expect "the second application of the same factory" 0
printf '%s\n' "$ERR" | grep -q "warning" && fail "the same words give no warning" "$ERR" || ok "the same words give no warning"
SECOND=$OUT
[ "$(q 'SELECT count(*) FROM enterprises')/$(q 'SELECT count(*) FROM factories')" = 1/1 ] &&
	ok "one enterprise, one factory for both cases" ||
	fail "one enterprise, one factory for both cases" "$(q 'SELECT name, address FROM factories')"
[ "$(q "SELECT count(DISTINCT factory_id) FROM cases WHERE id IN ('$FIRST', '$SECOND')")" = 1 ] &&
	ok "both cases are the factory's" || fail "both cases are the factory's"

# Other words for the recorded enterprise and factory: warned, the record kept.
run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region wuhan --industry 机械 --contact 张三 \
	--factory 岳口纺机工厂 --address 武汉市洪山区 --level excellent --year 2026
expect "a third application, saying other things of the records" 0
err_line "the region given is a warning naming both" \
	"gradus: warning: 天门纺机制造有限公司 is recorded in Tianmen: the case is filed there, not in Wuhan (a case's screen changes the enterprise's region)"
err_line "the industry given is a warning" \
	"gradus: warning: 天门纺机制造有限公司 is recorded in the industry 纺织机械, kept; not 机械"
err_line "the contact given is a warning" \
	"gradus: warning: 天门纺机制造有限公司 is recorded with the contact 办公室 0728-1234, kept; not 张三"
err_line "the address given is a warning" \
	"gradus: warning: 岳口纺机工厂 is recorded at 天门市岳口镇, kept; not 武汉市洪山区"
[ "$(q "SELECT region || '|' || industry || '|' || contact FROM enterprises")" = "$BEFORE" ] &&
	ok "the enterprise's record is unchanged" || fail "the enterprise's record is unchanged" "$(q 'SELECT * FROM enterprises')"
[ "$(q 'SELECT count(*) FROM factories')/$(q 'SELECT address FROM factories')" = "1/天门市岳口镇" ] &&
	ok "the factory and its address are unchanged" || fail "the factory and its address are unchanged" "$(q 'SELECT * FROM factories')"
[ "$(G case show "$OUT" | sed -n 's/^region\t//p')" = tianmen ] &&
	ok "the case is filed under the recorded region" || fail "the case is filed under the recorded region" "$(G case show "$OUT")"

# No factory named: the enterprise's one recorded factory, not one of its name.
run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region tianmen --level basic --year 2027
expect "an application naming no factory" 0
[ "$(q 'SELECT count(*) FROM factories')" = 1 ] && [ "$(G case show "$OUT" | sed -n 's/^factory\t//p')" = 岳口纺机工厂 ] &&
	ok "naming no factory, the case is the enterprise's one factory's" ||
	fail "naming no factory, the case is the enterprise's one factory's" "$(q 'SELECT name FROM factories')" "$(G case show "$OUT")"

# Another factory of the enterprise is a factory of its own.
run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region tianmen --factory 皂市纺机二厂 --level basic --year 2026
expect "an application of another factory of the enterprise" 0
[ "$(q 'SELECT count(*) FROM enterprises')/$(q 'SELECT count(*) FROM factories')" = 1/2 ] &&
	ok "another factory's name makes a factory of the enterprise" || fail "another factory" "$(q 'SELECT name FROM factories')"

# An import row of the recorded factory: the same, warnings by line, in Chinese.
# (The enterprise has two factories now: a row naming none would make a third.)
cat >"$WORK/sheet.csv" <<'EOF'
企业名称,统一社会信用代码,地区,级别,年度,工厂名称,工厂地址
天门纺机制造有限公司,91420100MA4K12345K,武汉市,领航级,2026,岳口纺机工厂,天门市岳口镇
EOF
LC_ALL=zh_CN.UTF-8 run G import cases "$WORK/sheet.csv"
expect "an import row of the recorded factory is taken" 0 "新增 1"
printf '%s\n' "$OUT$ERR" | grep -q "登记在天门市：案件归在该地区，不是武汉市" &&
	ok "the import says so in Chinese, naming both regions" || fail "the import says so in Chinese" "$OUT" "$ERR"
[ "$(q 'SELECT count(*) FROM factories')/$(q "SELECT count(*) FROM cases c JOIN factories f ON f.id = c.factory_id WHERE f.name = '岳口纺机工厂'")" = 2/5 ] &&
	ok "the imported case is the recorded factory's too" || fail "the imported case is the recorded factory's" "$(q 'SELECT name FROM factories')"
run G verify
expect "verify passes" 0

# From a zh_CN.GB18030 shell: the names typed in GB18030 find the record, and
# the warning comes back in GB18030, naming both regions.
if locale -a | grep -qi '^zh_CN.gb18030$'; then
	E=$(printf '天门纺机制造有限公司' | iconv -t GB18030); R=$(printf '武汉市' | iconv -t GB18030)
	LC_ALL=zh_CN.GB18030 run G case add --enterprise "$E" --uscc $U --region "$R" --factory "$(printf '岳口纺机工厂' | iconv -t GB18030)" \
		--level basic --year 2028
	expect "a GB18030 shell takes in a case of the recorded factory" 0
	printf '%s\n' "$ERR" | iconv -f GB18030 -t UTF-8 | grep -q "天门纺机制造有限公司登记在天门市：案件归在该地区，不是武汉市" &&
		ok "GB18030: the warning in the shell's own characters" || fail "GB18030: the warning" "$ERR"
	[ "$(q 'SELECT count(*) FROM factories')" = 2 ] && ok "GB18030: no factory more" || fail "GB18030: no factory more"
else
	fail "the zh_CN.GB18030 locale is installed (make deps)"
fi

# A contact with an escape sequence: refused, naming it, and nothing written.
CASES=$(q 'SELECT count(*) FROM cases')
run G case add --enterprise 天门纺机制造有限公司 --uscc $U --region tianmen --contact "$(printf 'x\033[31m')" --level basic --year 2029
expect "a contact with a control character is refused" 2 "U+001B"
[ "$(q 'SELECT count(*) FROM cases')" = "$CASES" ] && ok "the refused case wrote nothing" || fail "the refused case wrote nothing"
