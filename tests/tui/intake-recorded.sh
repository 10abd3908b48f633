# A new case of an enterprise already recorded, through the form: once its
# name and credit code are typed, the empty entries take what the record
# holds (region, industry, contact, and its one factory with its address),
# the case is the same factory's and nothing is warned; a region chosen
# otherwise is kept as recorded, and the created form's warning says so.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1
q() { sqlite3 "$DB" "$1"; }
NAME=天门纺机制造有限公司
CODE=$(q "SELECT credit_code FROM enterprises WHERE name = '$NAME'")
[ -n "$CODE" ] && ok "the demo office has $NAME" || fail "the demo office has $NAME"
factories() { q "SELECT count(*) FROM factories f JOIN enterprises e ON e.id = f.enterprise_id WHERE e.name = '$NAME'"; }
FACTORY=$(q "SELECT f.name || '|' || f.address FROM factories f JOIN enterprises e ON e.id = f.enterprise_id WHERE e.name = '$NAME'")

# script KEYS: a new advanced case of the recorded enterprise; KEYS from the
# region (where the credit code's Enter leaves the focus) to the level picked
script() {
	cat <<EOF
n
<Enter>$NAME<Enter>
<Enter>$CODE<Enter>
:save-screen recorded-filled.screen
$1
:save-screen recorded-picked.screen
G<Enter>
:save-screen recorded-created.screen
q
q
EOF
}

script "<Down><Enter><Down><Enter>" >recorded.script
run "$GRADUS" --db "$DB" --script recorded.script
expect "the form runs to its end" 0
for row in "Region              Tianmen" "Factory             ${FACTORY%|*}" "Address             ${FACTORY#*|}" \
	"Industry            纺织机械"; do
	grep -qF "$row" recorded-filled.screen && ok "the recorded value fills the empty entry: $row" ||
		fail "the recorded value fills the empty entry: $row" "$(cat recorded-filled.screen)"
done
grep -qF "✓ valid; recorded: its fields filled in" recorded-filled.screen &&
	ok "the credit code's message says the record filled them" || fail "the message" "$(cat recorded-filled.screen)"
grep -q "Created HB-2026-ADV-" recorded-created.screen && ok "the case is created" ||
	fail "the case is created" "$(cat recorded-created.screen)"
grep -q "^  ! " recorded-created.screen && fail "nothing is warned" "$(cat recorded-created.screen)" ||
	ok "nothing is warned: the form said what the record says"
[ "$(factories)" = 1 ] && ok "the case is the recorded factory's: still one factory" ||
	fail "the case is the recorded factory's" "$(factories) factories"

# The region picked otherwise: kept as recorded, and said.
script "<Enter>/武汉<Enter><Enter><Enter><Down><Enter>" >recorded-region.script
run "$GRADUS" --db "$DB" --script recorded-region.script
expect "the form with another region runs to its end" 0
grep -qF "Region              Wuhan" recorded-picked.screen && ok "the region picked instead of the record's is shown" ||
	fail "the region picked" "$(cat recorded-picked.screen)"
tr -d '\n' <recorded-created.screen | tr -s ' ' | grep -qF "$NAME is recorded in Tianmen: the case is filed there, not in Wuhan" &&
	ok "created: the warning names the recorded region and the one picked" ||
	fail "created: the warning names both regions" "$(cat recorded-created.screen)"
[ "$(q "SELECT DISTINCT region FROM enterprises WHERE name = '$NAME'")" = tianmen ] &&
	ok "the enterprise's region is unchanged" || fail "the enterprise's region is unchanged"
[ "$(factories)" = 1 ] && ok "still one factory after a third case" || fail "still one factory" "$(factories) factories"
