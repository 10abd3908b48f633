# make install / uninstall honour PREFIX and DESTDIR.
. "$(dirname "$0")/../lib.sh"
STAGE=$WORK/stage
run make -s -C "$TOP" install PREFIX=/opt/gradus DESTDIR="$STAGE" BUILD="$WORK/build"
expect "make install PREFIX=/opt/gradus DESTDIR=..." 0
for f in bin/gradus share/man/man1/gradus.1 share/man/man5/gradus-forms.5 \
	share/locale/zh_CN/LC_MESSAGES/gradus.mo share/gradus/forms/stages.ini share/gradus/forms/levels/leading.ini; do
	[ -f "$STAGE/opt/gradus/$f" ] && ok "installed $f" || fail "installed $f"
done
[ "$(ls "$STAGE"/opt/gradus/share/gradus/forms/scenarios/*.ini | wc -l)" = 40 ] && ok "installed the 40 scenarios" || fail "installed the 40 scenarios"
strings "$STAGE/opt/gradus/bin/gradus" | grep -q '^/opt/gradus/share/gradus/forms$' && ok "the binary looks for forms under PREFIX" || fail "the binary looks for forms under PREFIX"
run "$STAGE/opt/gradus/bin/gradus" --forms "$STAGE/opt/gradus/share/gradus/forms" forms check
expect "the installed forms check" 0 "40 scenarios"
run make -s -C "$TOP" uninstall PREFIX=/opt/gradus DESTDIR="$STAGE" BUILD="$WORK/build"
expect "make uninstall" 0
[ -z "$(find "$STAGE" -type f)" ] && ok "uninstall removes every installed file" || fail "uninstall removes every installed file" "$(find "$STAGE" -type f | head)"
