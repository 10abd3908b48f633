# The case list moves through its window the way a reader expects, read a
# page at a time: 120 keys drawn at random (j, k, PageDown, PageUp, G, g and
# the wheel) are played in several orders on a terminal of nine lines (six
# rows, five under a search), and in one order on a terminal of four (a
# window of one row); after each key the rows and the cursor are those a
# model of the list gives: a move within the window moves the cursor; past
# its edge the window follows, the cursor on its last (down) or first (up)
# row; G and g show the end and the start. The whole order is read from one
# tall screen of the same list.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
cd "$WORK" || exit 1

# order SETUP: the numbers of the list after SETUP, top to bottom, from a
# screen tall enough for all of them
order() {
	printf '%s\n' "$1" ":save-screen full.screen" q >full.script
	"$GRADUS" --db "$DB" --script full.script --size 100x60 >/dev/null 2>&1
	sed -n '3,$p' full.screen | grep -o '^HB-[A-Z0-9-]*'
}

# the keys, the same each run
awk 'BEGIN { srand(20261206); split("j k <PageDown> <PageUp> G g :wheel_down :wheel_up j j k k", k, " ");
	for (i = 1; i <= 120; i++) print k[int(rand() * 12) + 1] }' | sed 's/_/ /' >keys

# model N: for each key, the six rows "KEY# MARK NUMBER-INDEX" (MARK > on the cursor, . on the others)
model() {
	awk -v n="$1" -v h="$H" '
	function down(m) { t = cur + m; if (t > n - 1) t = n - 1; if (t > top + h - 1) top = t - h + 1; cur = t }
	function up(m) { t = cur - m; if (t < 0) t = 0; if (t < top) top = t; cur = t }
	{
		if ($0 == "j") down(1); else if ($0 == "k") up(1)
		else if ($0 == "<PageDown>") down(h); else if ($0 == "<PageUp>") up(h)
		else if ($0 == ":wheel down") down(3); else if ($0 == ":wheel up") up(3)
		else if ($0 == "G") { cur = n - 1; top = n > h ? n - h : 0 } else if ($0 == "g") { cur = 0; top = 0 }
		for (r = top; r < top + h && r < n; r++) print NR, (r == cur ? ">" : "."), r + 1
	}' keys
}

# played SETUP: the same rows as gradus shows them after each key
played() {
	{ echo "$1"; awk '{ print; printf ":save-attrs k-%d.attrs\n", NR }' keys; echo q; } >moves.script
	rm -f k-*.attrs
	run "$GRADUS" --db "$DB" --script moves.script --size "80x$LINES_OF"
	i=1
	while [ $i -le 120 ]; do
		sed -n "3,$((LINES_OF - 1))p" "k-$i.attrs" 2>/dev/null | awk -F'\t' -v k=$i '/^HB-/ {
			split($1, f, " "); print k, ($2 ~ /(^| )0-[0-9]+:[A-Z]*R/ ? ">" : "."), f[1] }'
		i=$((i + 1))
	done
}

# check SETUP LINES: the moves on a terminal of LINES lines
check() {
	LINES_OF=$2
	H=$(($2 - 3))
	case $1 in /*) H=$((H - 1)) ;; esac # a search keeps its line above the hints
	order "$1" >order.txt
	n=$(wc -l <order.txt)
	model "$n" | awk 'NR == FNR { number[FNR] = $0; next } { print $1, $2, number[$3] }' order.txt - >want.txt
	played "$1" >got.txt
	[ "$n" -gt 0 ] && [ "$RC" = 0 ] && expect_same "$1 on $2 lines: $n cases, the $H rows and the cursor after each of 120 keys" \
		want.txt got.txt || fail "$1 on $2 lines" "exit $RC, $n cases" "$ERR"
}
for setup in "<Colon>sort number<Enter>" "<Colon>sort enterprise desc<Enter>" "<Colon>sort region<Enter>" \
	"<Colon>sort due desc<Enter>" "/有限<Enter>" "<Colon>filter level=excellent<Enter>"; do
	check "$setup" 9
done
# a window of one row (four lines) moves too
check "<Colon>sort number<Enter>" 4
