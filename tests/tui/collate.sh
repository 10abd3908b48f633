# :sort enterprise orders names as a Chinese reader expects (pinyin, the
# zh_CN.UTF-8 collation), whatever the user's own locale: the key is kept in
# the database beside the name.
. "$(dirname "$0")/../lib.sh"
DB=$WORK/pinyin.db
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8'; then
	echo "# no zh_CN.UTF-8 locale (make deps makes it): skipped"
	exit 0
fi

# A valid credit code ending in digit $1 (the check character computed by gradus).
uscc() {
	want=$("$GRADUS" uscc "91420100MA4K1234${1}0" 2>&1 | sed -n "s/.*expected '\(.\)'.*/\1/p")
	echo "91420100MA4K1234${1}${want:-0}"
}
i=0
for name in 咸宁新材料有限公司 黄石精密机械有限公司 襄阳数控装备有限公司 东风汽车零部件有限公司 \
	仙桃纺织有限公司 宜昌化工有限公司 十堰重工有限公司 武汉光电科技有限公司; do
	"$GRADUS" --db "$DB" case add --enterprise "$name" --uscc "$(uscc $i)" --region wuhan --level basic \
		--year 2025 >/dev/null 2>"$WORK/add.err" || echo "# case add $name: $(cat "$WORK/add.err")"
	i=$((i + 1))
done
firsts() { sed -n '3,10p' "$WORK/$1" | cut -c18-20 | tr -d '\n'; }

printf '%s\n' "<Colon>sort enterprise<Enter>" ":save-screen pinyin.screen" "<Colon>sort enterprise desc<Enter>" \
	":save-screen pinyin-desc.screen" "q" >"$WORK/pinyin.script"
LC_ALL=zh_CN.UTF-8 run "$GRADUS" --db "$DB" --script "$WORK/pinyin.script"
expect "the sort script runs in a zh_CN.UTF-8 locale" 0
[ "$(firsts pinyin.screen)" = "东黄十武仙咸襄宜" ] && ok ":sort enterprise orders names in pinyin: 东 黄 十 武 仙 咸 襄 宜" ||
	fail "pinyin" "$(firsts pinyin.screen)" "$(head -11 "$WORK/pinyin.screen")"
[ "$(firsts pinyin-desc.screen)" = "宜襄咸仙武十黄东" ] && ok "and backwards with desc" ||
	fail "pinyin desc" "$(firsts pinyin-desc.screen)"

rm -rf "$XDG_STATE_HOME"
run "$GRADUS" --db "$DB" --script "$WORK/pinyin.script"
[ "$(firsts pinyin.screen)" = "东黄十武仙咸襄宜" ] && ok "the same order in a C.UTF-8 locale (the key is kept, not the user's)" ||
	fail "pinyin in C.UTF-8" "$(firsts pinyin.screen)"

# A renamed enterprise moves to its new name's place.
"$GRADUS" --db "$DB" case set "$(sed -n '3p' "$WORK/pinyin.screen" | cut -c1-16)" enterprise 周口机电有限公司 >/dev/null
rm -rf "$XDG_STATE_HOME"
run "$GRADUS" --db "$DB" --script "$WORK/pinyin.script"
[ "$(firsts pinyin.screen)" = "黄十武仙咸襄宜周" ] && ok "a renamed enterprise sorts by its new name" ||
	fail "renamed" "$(firsts pinyin.screen)"
run "$GRADUS" --db "$DB" verify
expect "and verify still holds (the key is derived, not audited)" 0
