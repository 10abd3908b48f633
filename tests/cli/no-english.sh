# Chinese all the way through: under zh_CN.UTF-8 every screen the TUI
# scripts save, the printed reports of a check, a panel, a cultivation
# and a case, and the CLI's human output carry no English word other than proper
# nouns, case numbers, logins, units, key names and format names (the
# allow-list below, each with why).
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
mkdir -p screens reports

# Each script runs in its own folder on a fresh copy of the demo, after the
# same preparation as in its own test.
prepare() { # SCRIPT DB
	G() { "$GRADUS" --db "$2" "$@"; }
	case $1 in
	walk-finding) G check plan HB-2024-EXC-0001 --inspectors "$ME" --draw 2 --seed 42 >/dev/null ;;
	walk | walk-refused)
		mkdir -p ev && printf 'photo\n' >ev/看板照片.jpg ;;
	cultivation-refused) G user add spare.admin admin >/dev/null && G user add "$ME" inspector >/dev/null ;;
	panels-convene) G --script "$SCRIPTS/panels-experts.script" --size 80x24 ;;
	experts-edit)
		G --script "$SCRIPTS/panels-experts.script" --size 80x24
		G --script "$SCRIPTS/panels-convene.script" --size 80x24 ;;
	panel-clicks)
		G expert add 张伟 --fields rnd --affiliation 华中科技大学 --region wuhan >/dev/null
		G expert add 赵敏 --fields operations --affiliation 三峡大学 --region yichang >/dev/null
		G panel plan HB-2025-ADV-0002 --purpose evaluation --members E0001,E0002 --chair E0001 --on 2026-11-20 >/dev/null 2>&1
		G panel note HB-2025-ADV-0002-P1 E0002 0 总体评价 '建设内容与申报一致' ;;
	bundle-conflicts)
		G bundle out --cases HB-2024-EXC-0001 -o visit.db >/dev/null
		"$GRADUS" --db visit.db case set HB-2024-EXC-0001 note '现场备注 X'
		G case set HB-2024-EXC-0001 note '办公室备注 Y'
		G bundle in visit.db >/dev/null ;;
	esac
}
size_of() { case $1 in cultivation-refused) echo 120x40 ;; *) echo 80x24 ;; esac; }

for s in "$SCRIPTS"/*.script; do
	name=$(basename "$s" .script)
	mkdir -p "run/$name" && cd "run/$name" || exit 1
	cp "$DB" s.db
	prepare "$name" s.db >/dev/null 2>&1
	LC_ALL=zh_CN.UTF-8 "$GRADUS" --db s.db --script "$s" --size "$(size_of "$name")" >/dev/null 2>"$WORK/run/$name.err" ||
		echo "# $name: $(head -2 "$WORK/run/$name.err")"
	for f in *.screen; do [ -f "$f" ] && cp "$f" "$WORK/screens/$name--$f"; done
	cd "$WORK" || exit 1
done

# The reports of the demo's check (signed), a panel and the cultivation case.
R() { LC_ALL=zh_CN.UTF-8 "$GRADUS" --db rep.db "$@"; }
cp "$DB" rep.db
C=HB-2024-EXC-0002-C1
R check sign "$C" >/dev/null 2>&1
R expert add 张伟 --fields rnd,process --affiliation 华中科技大学 --region wuhan >/dev/null
R expert add 刘芳 --fields operations --affiliation 武汉理工大学 >/dev/null
R expert add 陈刚 --fields management --affiliation 湖北省智能制造研究院 >/dev/null
P=$(R panel plan HB-2025-LEA-0002 --purpose preliminary --members E0001,E0002,E0003 --chair E0002 --on 2026-11-20)
R panel note "$P" E0001 21 应用成效 "$(printf '能耗下降12%%\n数据可追溯')" >/dev/null
R panel opinion "$P" rectify '整改后初验达标。' --item '补充能耗数据采集点' --due 2027-01-31 >/dev/null
R panel score "$P" E0001 90 && R panel score "$P" E0002 85 && R panel score "$P" E0003 70
R panel sign "$P" >/dev/null
for f in txt md html; do
	R report check "$C" --format $f >"reports/check.$f" || fail "report check --format $f" "$(cat "$WORK/err")"
	R report panel "$P" --format $f >"reports/panel.$f" || fail "report panel --format $f"
	R report cultivation HB-2025-LEA-0001 --format $f >"reports/cultivation.$f" || fail "report cultivation --format $f"
	R report case HB-2023-EXC-0001 --format $f >"reports/case.$f" || fail "report case --format $f"
done
# HTML: the words a reader sees, not the markup.
for f in reports/*.html; do
	perl -0pe 's/<style>.*?<\/style>//s; s/<[^>]*>/ /g; s/&[a-z#0-9]*;/ /g' "$f" >"$f.text"
	rm "$f"
done

# Messages of the store and the CLI that name a role, a side or a region.
M() { LC_ALL=zh_CN.UTF-8 "$GRADUS" --db msg.db "$@" >>messages/out 2>&1; }
mkdir -p messages
cp "$DB" msg.db
M user add li.ming inspector
M expert add 张伟 --fields rnd --affiliation 华中科技大学 --region yichang
M expert add 赵敏 --fields operations --affiliation 三峡大学 --region wuhan
M expert add 李强 --fields management --affiliation 湖北大学 --region wuhan
M panel plan HB-2025-ADV-0002 --purpose evaluation --members E0001,E0002,E0003 --chair E0002 --on 2026-11-20
M case advance HB-2024-BAS-0001 recommend
M bundle out --cases HB-2024-EXC-0001 -o visit.db
LC_ALL=zh_CN.UTF-8 "$GRADUS" --db visit.db case set HB-2024-EXC-0001 note '现场备注' >/dev/null 2>&1
M case set HB-2024-EXC-0001 note '办公室备注'
M bundle in visit.db
M conflicts resolve "$(sqlite3 msg.db "SELECT id FROM conflicts LIMIT 1")" bundle
"$GRADUS" --db msg.db user add spare.admin admin >/dev/null # the last admin cannot step down
M user add "$ME" inspector
M case set HB-2024-EXC-0001 note '检查员不能改'
M case advance HB-2024-EXC-0001 file_review
grep -q '检查员' messages/out && grep -q '同属一个地区（宜昌市）' messages/out && grep -q '保留现场包的值' messages/out &&
	ok "messages name roles, regions and sides in words" || fail "messages in words" "$(cat messages/out)"

# Times in local time: the History tab under TZ=Asia/Shanghai shows the
# audit log's UTC time eight hours on; the reports name the zone.
mkdir -p tz && cd tz || exit 1
cp "$DB" tz.db
LC_ALL=zh_CN.UTF-8 TZ=Asia/Shanghai "$GRADUS" --db tz.db --script "$SCRIPTS/case-tabs.script" >/dev/null 2>&1
LAST=$(sqlite3 tz.db "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch') FROM audit WHERE tbl = 'case_materials' ORDER BY seq DESC LIMIT 1")
WANT=$(TZ=Asia/Shanghai date -d "$LAST" '+%Y-%m-%d %H:%M')
grep -q "^ $WANT  $ME  *材料收到日期" case-history.screen && ok "History shows the time in the local zone ($WANT)" ||
	fail "History in local time" "want $WANT" "$(sed -n 23p case-history.screen)"
cd "$WORK" || exit 1
TZ=Asia/Shanghai R report panel "$P" >tz/panel.txt
grep -qE '^时间 +[0-9-]{10} [0-9:]{8} CST \+0800$' tz/panel.txt && ok "a report names the zone of its times" ||
	fail "report time zone" "$(grep 时间 tz/panel.txt)"
grep -q '能耗下降12%$' reports/panel.txt && grep -q '^ *数据可追溯$' reports/panel.txt &&
	grep -q '能耗下降12%<br>数据可追溯' reports/panel.md && ok "a note's line break is a line break in text and Markdown" ||
	fail "line break in a note" "$(grep -A1 能耗 reports/panel.txt reports/panel.md)"

# Markdown's line break in a table cell is markup, not a word.
sed -i 's/<br>/ /g' reports/*.md

# Every ASCII word of two letters or more, with where it was seen.
words() { # FILE...
	grep -oHE '[A-Za-z][A-Za-z0-9_.@/+-]*[A-Za-z0-9]' "$@" | sed -E 's|^[^:]*/||'
}

# What may stay, and why:
allowed='('
allowed=$allowed'gradus'                              # the program's name, in the title bar
allowed=$allowed'|HB-[0-9]{4}-[A-Z]{3}-[0-9]{4}(-[CP][0-9]+)?(\.[a-z]+)?' # case, check and panel numbers
allowed=$allowed"|root|demo|system|li\\.ming|wang\\.fang|$ME"  # logins (the demo's, the sweep's and the user running the tests)
allowed=$allowed'|E[0-9]{4}'                          # expert codes
allowed=$allowed'|MA[0-9A-Z]{8}'                      # the tail of unified social credit codes
allowed=$allowed'|[0-9a-f]*[0-9][0-9a-f]*'            # hashes and row ids (keys)
allowed=$allowed'|Q[1-4]|v[0-9]+'                     # quarters (2026-Q3) and plan versions (v2)
allowed=$allowed'|AI|MES|CAD|CAE|PLM|CCUS|CO2|KPI'    # technical terms in the forms and the demo's data
allowed=$allowed'|SHA-256|UTC|CST'                    # the hash's and the time zones' names
allowed=$allowed'|U\+[0-9A-F]{4,6}'                    # a code point named (a control character refused)
allowed=$allowed'|Enter|Esc|Tab|S-Tab|Space|Home|End|PgUp|PgDn|F[0-9]+|A-Z|y/n' # key names in hints
allowed=$allowed'|txt|md|html|pdf|jpg|ev'             # format names and file names in the scripts
allowed=$allowed'|(walk|case)-report\.(txt|pdf)|visit\.db'    # file names typed in the scripts and commands
allowed=$allowed'|db|conflicts'                       # a command to run, quoted in a message (gradus --db F, gradus conflicts)
allowed=$allowed'|recommend|file_review|start_notice|review_filed|cancelled|withdraw|revoke' # step keys typed to case advance, quoted with their names
allowed=$allowed'|CSV|xlsx|UTF-8|GB18030|gbk'          # file formats and encodings, as the import form offers them
allowed=$allowed'|(new|changed|bad|gbk)\.csv|import|cases' # files typed in the import scripts; :import cases, a command quoted
allowed=$allowed')$'

words screens/* reports/* messages/* | sort -u >words.txt
# NO_ENGLISH_DUMP=FILE keeps every word found, to review the allow-list.
if [ -n "${NO_ENGLISH_DUMP:-}" ]; then cp words.txt "$NO_ENGLISH_DUMP"; fi
grep -vE ":$allowed" words.txt >offenders.txt
n=$(ls screens | wc -l)
[ "$n" -ge 60 ] && ok "the TUI scripts saved $n screens under zh_CN.UTF-8" || fail "screens saved" "only $n"
[ "$(ls reports | wc -l)" -eq 12 ] && ok "the check, panel, cultivation and case reports in txt, md and html" ||
	fail "reports" "$(ls reports)"
if [ -s offenders.txt ]; then
	fail "no English word on a screen or in a report under zh_CN.UTF-8" "$(head -30 offenders.txt)"
else
	ok "no English word on a screen or in a report under zh_CN.UTF-8"
fi
# NO_ENGLISH_KEEP=DIR keeps the screens, reports and messages to look at.
if [ -n "${NO_ENGLISH_KEEP:-}" ]; then rm -rf "$NO_ENGLISH_KEEP"; cp -r "$WORK" "$NO_ENGLISH_KEEP"; fi
