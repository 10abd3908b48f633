# Files from a bundle: an attachment named ../../../PWNED.sh lands as the
# plain name PWNED.sh (and exporting it by that name writes nothing
# outside the folder); a file whose bytes do not match its SHA-256 is
# refused; a bundle replacing the bytes of a file the office holds is
# refused, the office's bytes as they were, verify passing.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/security/bundle.lib"
C=$(G check plan "$CASE" --inspectors "$ME" --draw 1 --seed 1 2>"$WORK/plan.err") || fail "a check" "$(cat "$WORK/plan.err")"
head -c 3000 /dev/urandom >"$WORK/photo.jpg"
G check attach "$C" 21 1 "$WORK/photo.jpg" >/dev/null || fail "a photo at the office"
PHOTO=$(sha256sum <"$WORK/photo.jpg" | cut -d' ' -f1)
B=$WORK/visit.db
G bundle out --cases "$CASE" --inspector "$ME" -o "$B" >/dev/null || fail "bundle out"
CHECK=$(q "$B" "SELECT id FROM checks WHERE number = '$C'")
hex() { od -An -v -tx1 | tr -d ' \n'; }

# A file named ../../../PWNED.sh, its bytes and SHA-256 right.
printf '#!/bin/sh\necho pwned\n' >"$WORK/pwned"
PWNED=$(sha256sum <"$WORK/pwned" | cut -d' ' -f1)
"$FORGE" "$B" --actor "$ME" --sql "INSERT INTO attachments VALUES ('aaaa0000aaaa0000aaaa0000aaaa0000', '$PWNED',
	'../../../PWNED.sh', 'text/plain', $(wc -c <"$WORK/pwned"), X'$(hex <"$WORK/pwned")', '$ME', $NOW);
	INSERT INTO evidence VALUES ($NEW_ID, '$CHECK', 21, 2, NULL, 'aaaa0000aaaa0000aaaa0000aaaa0000', '$ME', $NOW)" ||
	fail "forged: PWNED.sh"
# A file whose bytes are not those of its SHA-256.
"$FORGE" "$B" --actor "$ME" --sql "INSERT INTO attachments VALUES ('bbbb0000bbbb0000bbbb0000bbbb0000', '$PWNED',
	'other.txt', 'text/plain', 5, X'6f74686572', '$ME', $NOW)" 2>/dev/null ||
	"$FORGE" "$B" --actor "$ME" --sql "INSERT INTO attachments VALUES ('bbbb0000bbbb0000bbbb0000bbbb0000',
	'$(printf x | sha256sum | cut -d' ' -f1)', 'other.txt', 'text/plain', 5, X'6f74686572', '$ME', $NOW)" ||
	fail "forged: a file with the wrong SHA-256"
# The office's photo, its bytes replaced (with and without its SHA-256).
"$FORGE" "$B" --actor "$ME" --sql "UPDATE attachments SET data = X'00112233' WHERE sha256 = '$PHOTO'" &&
	"$FORGE" "$B" --actor "$ME" --sql "UPDATE attachments SET data = X'$(hex <"$WORK/pwned")', sha256 = '$PWNED' || 'x'
		WHERE sha256 = '$PHOTO'" || fail "forged: the photo's bytes replaced"
audit_before=$(q "$DB" "SELECT count(*) FROM audit WHERE tbl = 'attachments'")

run G bundle in "$B"
expect "bundle in applies what it may" 0 "changes refused"
printf '%s\n' "$OUT" | grep -qF "the file's bytes do not match its SHA-256" && ok "a file not matching its SHA-256 is refused" ||
	fail "sha refusal" "$OUT"
[ "$(printf '%s\n' "$OUT" | grep -c "a file is kept by its SHA-256: a bundle does not replace it")" -ge 2 ] &&
	ok "replacing a file's bytes is refused, both times" || fail "replace refusal" "$OUT"
[ "$(q "$DB" "SELECT name FROM attachments WHERE sha256 = '$PWNED'")" = PWNED.sh ] &&
	ok "../../../PWNED.sh is stored as PWNED.sh" || fail "name" "$(q "$DB" "SELECT name FROM attachments")"
G check show "$C" | grep -q '\.\./' && fail "check show names no ../" || ok "check show names no ../"
mkdir -p "$WORK/x/y/z"
(cd "$WORK/x/y/z" && "$GRADUS" --db "$DB" check export "$PWNED" "./$(q "$DB" "SELECT name FROM attachments WHERE sha256 = '$PWNED'")") ||
	fail "export by its name"
[ -f "$WORK/x/y/z/PWNED.sh" ] && [ ! -e "$WORK/PWNED.sh" ] && [ ! -e "$WORK/x/PWNED.sh" ] &&
	ok "exported by its name, it stays in the folder" || fail "PWNED.sh outside"
run G check export "$PHOTO" "$WORK/back.jpg"
cmp -s "$WORK/back.jpg" "$WORK/photo.jpg" && ok "the office's photo keeps its bytes" || fail "photo bytes"
[ "$(q "$DB" "SELECT count(*) FROM attachments WHERE sha256 = '$PHOTO'")" = 1 ] && ok "and its SHA-256" || fail "photo sha"
[ "$(q "$DB" "SELECT count(*) FROM audit WHERE tbl = 'attachments'")" -gt "$audit_before" ] &&
	ok "the new file is in the audit" || fail "audit of the new file"
[ "$(q "$DB" "SELECT count(*) FROM attachments WHERE hex(data) = '00112233'")" = 0 ] && ok "no replaced bytes at the office" ||
	fail "bytes replaced"
run G verify
expect "the office verifies" 0 "ok,"
