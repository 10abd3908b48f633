# Two processes on one database: the intake form in a real terminal (tmux)
# and the CLI change the same field. The form's stale write is refused with
# the current value shown; nothing is lost; leaving the field again writes.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)
CASE=HB-2023-ADV-0001

# shows TEXT: the screen holds TEXT, its runs of blanks and rows folded to one blank
shows() { term_screen s | tr -s ' \n' ' ' | grep -qF -- "$1"; }
note_is() { "$GRADUS" --db "$DB" case show "$CASE" --format json | grep -qF "\"note\": $1"; }

term_start s 80x30 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
expect_screen "conflict: the list opens" s "Cases (30)"
term_keys s Enter
expect_screen "conflict: Enter opens the first case" s "$CASE"
term_keys s e
expect_screen "conflict: e opens its edit form" s "Edit $CASE"
# Down to the note: credit code, region, year, factory, address, industry,
# contact, maturity, commitment, scenarios, note (level and certified are skipped).
for i in 1 2 3 4 5 6 7 8 9 10 11; do term_keys s Down; done
expect_soon "conflict: the cursor reaches the note" term_matches s '^> Note'

run "$GRADUS" --db "$DB" case set "$CASE" note 'X'
expect "conflict: another clerk sets the note with the CLI" 0
term_keys s Enter
term_type s 'Y from the form'
term_keys s Enter
expect_soon "conflict: the form's write is refused naming the current value" \
	shows 'it is now "X"; your value "Y from the form" was not written'
expect_soon "conflict: the current value is loaded into the field" term_matches s '^> Note  *X$'
note_is '"X"' && ok "conflict: the CLI's value is still in the database" ||
	fail "conflict: the CLI's value is still in the database" "$("$GRADUS" --db "$DB" case show "$CASE" --format json)"

term_keys s Enter C-u
term_type s 'Z after X'
term_keys s Enter
expect_screen "conflict: leaving the field again writes it" s "✓ saved"
expect_soon "conflict: the new value is in the database" note_is '"Z after X"'
run "$GRADUS" --db "$DB" log "$CASE"
printf '%s\n' "$OUT" | grep -F 'note' | grep -qF 'X' && ok "conflict: the log keeps the CLI's write" ||
	fail "conflict: the log keeps the CLI's write" "$OUT"
term_keys s q q q
expect_exit "conflict: gradus exits with status 0" s 0
