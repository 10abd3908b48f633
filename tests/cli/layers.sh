# The layering check (tests/layers/check.py) on the objects of this build:
# each layer uses only the layers below it (ARCHITECTURE.md). It reads the
# symbols from the objects with nm, so a deliberate violation added to a copy
# of the objects (core calling the store) must fail it, naming the call.
. "$(dirname "$0")/../lib.sh"
CHECK=$TOP/tests/layers/check.py
OBJ=$TOP/$BUILD/obj
case $BUILD in /*) OBJ=$BUILD/obj ;; esac

run python3 "$CHECK" "$OBJ"
expect "every object of gradus uses only the layers below it" 0 "ok - every object uses only the layers below it"

# A throw-away copy with core calling a store function.
mkdir -p "$WORK/copy"
cp -R "$OBJ/src" "$WORK/copy/"
cat >"$WORK/evil.c" <<'C'
struct store;
void store_close(struct store **store);
void core_evil(struct store *store) { store_close(&store); }
C
cc -c -o "$WORK/copy/src/core/evil.o" "$WORK/evil.c"
run python3 "$CHECK" "$WORK/copy"
expect "core calling the store fails the check" 1 "core/evil.o (core) uses store_close from store/"

# tui and cli never use each other.
rm "$WORK/copy/src/core/evil.o"
cat >"$WORK/sibling.c" <<'C'
int cli_case(void *cli, int argc, char **argv);
int tui_evil(void) { return cli_case(0, 0, 0); }
C
cc -c -o "$WORK/copy/src/tui/sibling.o" "$WORK/sibling.c"
run python3 "$CHECK" "$WORK/copy"
expect "the TUI calling the CLI fails the check" 1 "tui/sibling.o (tui) uses cli_case from cli/"

# The store's write path and raw handle are private to store/: the TUI
# calling store_insert or store_db fails, although the TUI may use the store.
cat >"$WORK/private.c" <<'C'
struct store;
void *store_db(struct store *store);
void *tui_evil_db(struct store *store) { return store_db(store); }
C
cc -c -o "$WORK/copy/src/tui/private.o" "$WORK/private.c"
run python3 "$CHECK" "$WORK/copy"
expect "the TUI using the store's raw handle fails the check" 1 "tui/private.o (tui) uses store_db, private to store"
rm "$WORK/copy/src/tui/private.o"

# A known exception the code no longer needs must leave the list: a copy of
# the check that lists one no object needs.
sed 's/^KNOWN = set(\[$/KNOWN = set([\n    ("core\/dates.o", "store_begin"),/' "$CHECK" >"$WORK/check.py"
grep -q '("core/dates.o", "store_begin")' "$WORK/check.py" || fail "the copy of the check lists the exception"
run python3 "$WORK/check.py" "$OBJ" "$TOP/src"
expect "an exception no longer needed fails until removed" 1 "core/dates.o no longer uses store_begin"
