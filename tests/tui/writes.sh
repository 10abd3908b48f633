# A screen goes to the terminal in one write: ncurses 6.4 flushes at every
# cursor jump of an update until its screen has once been left (endwin) and
# drawn again, some 25 writes for a page of the list, each a system call and
# a wake-up of sshd on the office's server. gradus leaves it once before the
# first draw. Counted with a preloaded write() on the script's off-screen
# terminal (/dev/null): 200 pages of the list and 200 of the case's History.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
preload_build countwrites "$HERE/countwrites.c" || { fail "the write counter builds" "$(cat "$WORK/cc.err")"; exit 0; }
count_writes() { preload_count countwrites "$DB" "$1"; } # SCRIPT: the writes to the off-screen terminal
: >list.script
i=0
while [ $i -lt 100 ]; do
	printf '%s\n' "<PageDown>" "g" >>list.script
	i=$((i + 1))
done
number=$(sqlite3 "$DB" "SELECT number FROM cases ORDER BY number LIMIT 1")
printf '%s\n' "<Enter>" "H" >history.script
i=0
while [ $i -lt 100 ]; do
	printf '%s\n' "<PageDown>" "g" >>history.script
	i=$((i + 1))
done
: >empty.script
base=$(count_writes empty.script)
list=$(count_writes list.script)
history=$(count_writes history.script)
if [ -z "$base" ] || [ -z "$list" ] || [ -z "$history" ]; then
	fail "the writes are counted" "start: '$base', list: '$list', history: '$history'"
	exit 0
fi
[ $((list - base)) -le 200 ] && ok "200 pages of the list: $((list - base)) writes, one a screen at most" ||
	fail "one write a screen in the list" "200 screens took $((list - base)) writes"
[ $((history - base)) -le 202 ] && ok "200 pages of $number's History: $((history - base)) writes" ||
	fail "one write a screen in History" "202 screens took $((history - base)) writes"
