# Every rule of forms/levels/*.ini names its source: the comment block
# directly above it cites an article of the supplement (五、…, or 第…条) or
# says it is office practice. The words quoted after an article number are
# that article's words (tests/cli/data/supplement-articles.txt, the ten
# articles word for word), and the checker itself is shown to catch a
# missing citation, a wrong article and words the article does not have.
. "$(dirname "$0")/../lib.sh"
LEVELS=$TOP/forms/levels
ARTICLES=$TOP/tests/cli/data/supplement-articles.txt

# sources FILE...: prints FILE:LINE: PROBLEM for each rule without its
# source and each citation the supplement does not bear out; exits 1 if any.
sources() {
	python3 - "$ARTICLES" "$@" <<'EOF'
import os, re, sys

ORDINAL = re.compile(r"(?<![\u4e00-\u9fff])([一二三四五六七八九十]+)、")
CLAUSE = re.compile(r"第[一二三四五六七八九十百0-9]+条")
# Quoted words run on while they are Chinese, digits or spaces; …
# separates the pieces of one quotation.
QUOTE = re.compile(r"(?:[^\x00-\x7f；（]|[0-9 ])*")
# [level] keys that name the level rather than set a rule.
NAMES = {"key", "order", "zh", "en", "code", "initial_state"}

articles = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = ORDINAL.match(line)
    if m:
        articles[m.group(1)] = line[m.end():].strip()

problems = []
def report(path, number, what):
    problems.append("%s:%d: %s" % (os.path.basename(path), number, what))

for path in sys.argv[2:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    section = ""
    previous = ""
    for number, line in enumerate(lines, 1):
        if line.startswith(";"):
            for m in ORDINAL.finditer(line):
                if m.group(1) not in articles:
                    report(path, number, "%s、: the supplement has no such article" % m.group(1))
                    continue
                quote = QUOTE.match(line, m.end()).group(0)
                for piece in quote.split("…"):
                    piece = piece.strip()
                    if piece and piece not in articles[m.group(1)]:
                        report(path, number, "%s、%s: not the words of article %s" % (m.group(1), piece, m.group(1)))
            continue
        rule = None
        header = re.match(r"\[([^\]]*)\]", line)
        if header:
            section = header.group(1)
            kind = section.split(".")[0]
            if section == "materials" or kind in ("step", "panel") or (kind == "kpi" and previous != "kpi"):
                rule = "[%s]" % section
            previous = kind
        elif section == "level" and "=" in line and line[:1] not in " \t":
            key = line.split("=")[0].strip()
            if key not in NAMES:
                rule = key
        if rule is None:
            continue
        above = number - 1
        cited = False
        while above >= 1 and lines[above - 1].startswith(";"):
            text = lines[above - 1]
            if ORDINAL.search(text) or CLAUSE.search(text) or "office practice" in text.lower():
                cited = True
            above -= 1
        if not cited:
            report(path, number, "%s: no article cited and not marked office practice" % rule)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
}

set -- "$LEVELS"/*.ini
[ $# = 4 ] && ok "four level files" || fail "four level files" "$*"
[ "$(grep -c '^[一二三四五六七八九十]*、' "$ARTICLES")" = 10 ] && ok "the supplement's ten articles are at hand" \
	|| fail "the supplement's ten articles are at hand" "$(grep -c '、' "$ARTICLES") lines"

run sources "$LEVELS"/*.ini
expect "every rule of forms/levels cites its article or says office practice" 0
for f in "$LEVELS"/*.ini; do
	n=$(grep -ci '^;.*office practice' "$f")
	[ "$n" -gt 0 ] && ok "$(basename "$f") marks its office practice ($n)" || fail "$(basename "$f") marks its office practice" "none"
done
awk '/^;/ { block = block $0 "\n"; next } /^notice_days = 5$/ { print block } { block = "" }' "$LEVELS/basic.ini" \
	| grep -q 'office practice' && ok "the 5-working-day notice is office practice" \
	|| fail "the 5-working-day notice is office practice" "$(grep -n -B3 '^notice_days' "$LEVELS/basic.ini")"

# A copy with one citation stripped, each way a source can go wrong.
copy() { rm -rf "$WORK/levels"; cp -R "$LEVELS" "$WORK/levels"; }
# strip FILE KEY_OR_HEADER: removes the comment block directly above it.
strip() {
	awk -v rule="$2" '
		/^;/ { held = held $0 "\n"; next }
		index($0, rule) == 1 { held = "" }
		{ printf "%s", held; held = ""; print }
		END { printf "%s", held }' "$WORK/levels/$1" >"$WORK/stripped" && mv "$WORK/stripped" "$WORK/levels/$1"
}
line_of() { grep -n -F -- "$2" "$WORK/levels/$1" | head -1 | cut -d: -f1; }

copy
strip excellent.ini "validity_years ="
run sources "$WORK"/levels/*.ini
expect "a [level] rule without its comment is reported with file, line and key" 1 \
	"excellent.ini:$(line_of excellent.ini 'validity_years =' ): validity_years: no article cited"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] && ok "and nothing else is" || fail "and nothing else is" "$OUT"

copy
strip basic.ini "[step.submit]"
run sources "$WORK"/levels/*.ini
expect "a step without its comment is reported" 1 \
	"basic.ini:$(line_of basic.ini '[step.submit]'): [step.submit]: no article cited"

copy
strip leading.ini "[panel.preliminary]"
strip advanced.ini "[materials]"
run sources "$WORK"/levels/*.ini
expect "a panel without its comment is reported" 1 \
	"leading.ini:$(line_of leading.ini '[panel.preliminary]'): [panel.preliminary]: no article cited"
expect "a materials list without its comment is reported" 1 \
	"advanced.ini:$(line_of advanced.ini '[materials]'): [materials]: no article cited"

copy
sed 's/^; 五、卓越级智能工厂有效期为3年$/; 九、卓越级智能工厂有效期为3年/' "$LEVELS/excellent.ini" >"$WORK/levels/excellent.ini"
run sources "$WORK"/levels/*.ini
expect "words quoted under the wrong article are reported" 1 \
	"excellent.ini:$(line_of excellent.ini '; 九、卓越级'): 九、卓越级智能工厂有效期为3年: not the words of article 九"

copy
printf '; 十一、卓越级智能工厂有效期为3年\n' >>"$WORK/levels/excellent.ini"
printf '; 九、有效期满前复核\n' >>"$WORK/levels/leading.ini"
run sources "$WORK"/levels/*.ini
expect "an article the supplement does not have is reported" 1 "excellent.ini:$(wc -l <"$WORK/levels/excellent.ini"): 十一、: the supplement has no such article"
expect "words no article has are reported" 1 "leading.ini:$(wc -l <"$WORK/levels/leading.ini"): 九、有效期满前复核: not the words of article 九"

copy
printf '[kpi.extra]\nzh = 额外\n' >>"$WORK/levels/basic.ini"
run sources "$WORK"/levels/*.ini
expect "a KPI group without its comment is reported" 1 "basic.ini:$(line_of basic.ini '[kpi.extra]'): [kpi.extra]: no article cited"
