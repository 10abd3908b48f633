# A bundle holds the bundled cases and nothing else. An office of the demo
# plus 400 imported enterprises whose names are made of characters found
# nowhere else, with credit codes and notes of their own: a bundle of 5 demo
# cases carries none of those characters, codes or notes (nor the other demo
# cases' names, codes and notes), holds only the 5 cases and what hangs from
# them (no expert off their panels), and is as large as the same bundle cut
# before the import. The bundle still works: a note written in it applies at
# the office. A symbolic link planted at PATH.part is not followed; one at
# PATH is not replaced.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
G() { "$GRADUS" --db "$DB" "$@"; }
q() { sqlite3 "$1" "$2"; }
CASES=HB-2024-EXC-0001,HB-2026-BAS-0003,HB-2025-LEA-0001,HB-2023-ADV-0001,HB-2026-ADV-0002
KEEP="'$(echo "$CASES" | sed "s/,/','/g")'"

G check plan HB-2024-EXC-0001 --inspectors "$ME" --draw 3 --seed 7 >/dev/null || fail "a check is planned"
G case set HB-2024-BAS-0001 note 'DEMO-OTHER-NOTE-qzx' >/dev/null || fail "a note on another demo case"
G bundle out --cases "$CASES" -o "$WORK/before.db" >/dev/null || fail "bundle out before the import"
# Every character the office holds before the import (forms, demo, users):
# the imported names' characters not among them occur only in those names.
sqlite3 "$DB" .dump >"$WORK/demo.sql"

python3 - "$WORK/import.csv" <<'EOF'
import sys
charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(i):
    body = "91420100MA" + "".join(charset[(i * 7919 + 104729) // 31 ** k % 31] for k in range(7))
    check = (31 - sum(charset.index(c) * w for c, w in zip(body, weights)) % 31) % 31
    return body + charset[check]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("enterprise,uscc,region,level,year,factory,note\n")
    for i in range(400):
        name = "测" + chr(0x9E00 + i) + chr(0x9E00 + (i * 7 + 3) % 400) + "工业有限公司"
        f.write("%s,%s,wuhan,basic,2026,%s一厂,SECRET-NOTE-%04d-plugh\n" % (name, uscc(i), name, i))
        if i == 5:
            conflict = name + "|" + uscc(i)
with open(sys.argv[1].replace("import.csv", "experts.csv"), "w", encoding="utf-8") as f:
    f.write('name,fields,affiliation,conflicts\n专家甲,rnd,EXPERT-AFFIL-wombat,"%s"\n' % conflict)
EOF
run G import cases "$WORK/import.csv"
expect "400 enterprises imported" 0
run G import experts "$WORK/experts.csv"
expect "an expert whose conflicts name another enterprise" 0
[ "$(q "$DB" 'SELECT count(*) FROM cases')" -gt 400 ] && ok "the office holds over 400 cases" || fail "cases in the office"

B=$WORK/visit.db
run G bundle out --cases "$CASES" -o "$B"
expect "5 cases bundled from the larger office" 0 "bundle written"

# What belongs to the other cases: their enterprises' names, credit codes,
# factories' names and notes, and each character found only in those names.
sqlite3 -separator '	' "$DB" "SELECT e.name, e.credit_code, f.name, coalesce(c.note, '') FROM cases c
	JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
	WHERE c.number NOT IN ($KEEP)" >"$WORK/others"
sqlite3 -separator '	' "$DB" "SELECT e.name, e.credit_code, f.name, coalesce(c.note, '') FROM cases c
	JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id
	WHERE c.number IN ($KEEP)" >"$WORK/kept"
python3 - "$WORK/others" "$WORK/kept" "$WORK/demo.sql" "$B" "$DB" >"$WORK/leaks" <<'EOF'
import sys
others, kept, demo, bundle, office = sys.argv[1:6]
kept_text = open(kept, encoding="utf-8").read()
known = set(open(demo, encoding="utf-8").read()) | set(kept_text)
data, whole = open(bundle, "rb").read(), open(office, "rb").read()
needles, chars = set(), set()
for line in open(others, encoding="utf-8"):
    name, code, factory, note = line.rstrip("\n").split("\t")
    # A distinctive substring of each: the whole value, unless a kept case shares it.
    needles |= {v for v in (name, code, factory, note) if len(v) >= 6 and v not in kept_text}
    chars |= set(name) - known
print("# %d values, %d characters only in other cases' names" % (len(needles), len(chars)))
missing = [c for c in sorted(chars) if c.encode() not in whole]
if len(chars) < 300 or missing:
    print("the test sees too few characters, or the office lacks them: %d, %r" % (len(chars), missing[:5]))
for v in sorted(needles) + sorted(chars):
    if v.encode() in data:
        print("in the bundle: %s" % v)
EOF
head -1 "$WORK/leaks"
[ "$(grep -vc '^#' "$WORK/leaks")" = 0 ] &&
	ok "no name, credit code, factory or note of another case, nor a character only in their names, is in the bundle" ||
	fail "other cases' text in the bundle" "$(grep -v '^#' "$WORK/leaks" | head -5)" "$(grep -vc '^#' "$WORK/leaks") in all"
grep -qa 'SECRET-NOTE-0042-plugh' "$DB" && ! grep -qa 'plugh' "$B" && ! grep -qa 'DEMO-OTHER-NOTE' "$B" &&
	ok "the other cases' notes are in the office, not in the bundle" || fail "notes in the bundle"

[ "$(q "$B" 'SELECT count(*) FROM cases')/$(q "$B" 'SELECT count(*) FROM enterprises')/$(q "$B" 'SELECT count(*) FROM factories')/$(q "$B" 'SELECT count(*) FROM case_search')" = 5/5/5/5 ] &&
	ok "the bundle holds 5 cases, their enterprises, factories and search rows" ||
	fail "rows in the bundle" "$(q "$B" 'SELECT count(*) FROM cases') cases, $(q "$B" 'SELECT count(*) FROM case_search') search rows"
[ "$(q "$B" "SELECT count(*) FROM cases WHERE number NOT IN ($KEEP)")" = 0 ] && ok "and only the cases asked for" ||
	fail "other cases in the bundle"
[ "$(q "$B" 'SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM conflicts) + (SELECT count(*) FROM bundles_applied)
	+ (SELECT count(*) FROM bundles_issued)')" = 0 ] && ok "no audit, conflicts, bundles applied or issued" ||
	fail "office records in the bundle"
[ "$(q "$B" 'SELECT count(*) FROM checks')" = "$(q "$DB" "SELECT count(*) FROM checks k JOIN cases c ON c.id = k.case_id WHERE c.number IN ($KEEP)")" ] &&
	[ "$(q "$B" 'SELECT count(*) FROM check_items')" -gt 0 ] && [ "$(q "$B" 'SELECT count(*) FROM events')" = "$(q "$DB" "SELECT count(*) FROM events v JOIN cases c ON c.id = v.case_id WHERE c.number IN ($KEEP)")" ] &&
	ok "the cases' checks, checklists and events are all there" || fail "checks or events missing"
[ "$(q "$B" 'SELECT count(*) FROM experts')" = 0 ] && ! grep -qa wombat "$B" && ok "no expert who sits on none of their panels" ||
	fail "experts in the bundle"
[ "$(q "$B" 'PRAGMA user_version')" = "$(q "$DB" 'PRAGMA user_version')" ] &&
	[ "$(q "$B" "SELECT group_concat(key || '=' || value) FROM meta")" = "$(q "$DB" "SELECT group_concat(key || '=' || value) FROM meta")" ] &&
	ok "the schema version and meta rows are the office's" || fail "user_version or meta"
[ "$(q "$B" "SELECT type, name, sql FROM sqlite_master WHERE tbl_name NOT IN ('bundle_manifest', 'bundle_changes') ORDER BY name")" = "$(q "$DB" "SELECT type, name, sql FROM sqlite_master ORDER BY name")" ] &&
	ok "and the office's schema" || fail "the schema differs"
size_before=$(stat -c %s "$WORK/before.db") size=$(stat -c %s "$B")
[ "$size" -le $((size_before + 8192)) ] && ok "the bundle is as large as before the import ($size, $size_before bytes)" ||
	fail "bundle size" "$size bytes, $size_before before 400 cases were imported"

"$GRADUS" --db "$B" case set HB-2026-BAS-0003 note '现场备注' >/dev/null || fail "a note in the bundle"
[ "$(q "$B" 'SELECT count(*) FROM bundle_changes')" = 1 ] && ok "the bundle records its change" || fail "changes recorded"
run G bundle in "$B"
expect "the office applies it" 0
[ "$(q "$DB" "SELECT note FROM cases WHERE number = 'HB-2026-BAS-0003'")" = '现场备注' ] && ok "the note lands" ||
	fail "note at the office"
run G verify
expect "the office verifies" 0

# Symbolic links at the temporary and the final path.
echo victim >"$WORK/victim"
ln -s "$WORK/victim" "$WORK/a.db.part"
run G bundle out --cases HB-2024-EXC-0001 -o "$WORK/a.db"
expect "a link at PATH.part: the bundle is written" 0
[ "$(cat "$WORK/victim")" = victim ] && [ -f "$WORK/a.db" ] && [ ! -L "$WORK/a.db" ] && [ -L "$WORK/a.db.part" ] &&
	ok "and the link's target is untouched" || fail "the link at PATH.part was followed"
ln -s "$WORK/victim" "$WORK/b.db"
run G bundle out --cases HB-2024-EXC-0001 -o "$WORK/b.db"
expect "a link at PATH is not replaced" 1 "is a symbolic link: not written through it"
[ "$(cat "$WORK/victim")" = victim ] && [ -L "$WORK/b.db" ] && ok "its target is untouched" || fail "the link at PATH"
ln -s "$WORK/nowhere" "$WORK/c.db"
run G bundle out --cases HB-2024-EXC-0001 -o "$WORK/c.db"
expect "a dangling link at PATH is not replaced" 1 "is a symbolic link: not written through it"
[ -L "$WORK/c.db" ] && [ ! -e "$WORK/nowhere" ] && [ ! -e "$WORK/c.db.part" ] && ok "nothing is written through it" ||
	fail "the dangling link at PATH"
[ "$(q "$DB" 'SELECT count(*) FROM bundles_issued')" = 3 ] && ok "the office records the bundles written, only" ||
	fail "bundles issued: $(q "$DB" 'SELECT count(*) FROM bundles_issued')"
