# Another program holds the write lock past the busy timeout (5 s): the
# screen still opens, and a step taken on it says plainly on the status
# line that the database is busy, nothing was written and to try again;
# the command line says the same. Once the lock is gone the step goes in.
. "$(dirname "$0")/../lib.sh"
DB=$(demo_db)
CASE=HB-2024-EXC-0001
cd "$WORK" || exit 1
# A long path, as $XDG_DATA_HOME's is, in front of the message must not
# push "try again" off the status line.
mkdir -p "$WORK/home/a-login/.local/share/gradus"
cp "$DB" "$WORK/home/a-login/.local/share/gradus/gradus.db"
DB=$WORK/home/a-login/.local/share/gradus/gradus.db
# the review application's materials are in: the step needs them
for m in review_application review_summary; do "$GRADUS" --db "$DB" case material $CASE $m --received 2026-11-20 >/dev/null; done
sed 's/case-step-taken.screen/busy.screen/' "$SCRIPTS/case-step-take.script" >busy.script
# The review's materials received: the step's preconditions hold.
for m in review_application review_summary; do "$GRADUS" --db "$DB" case material "$CASE" $m >/dev/null; done

state_now() { sqlite3 "$DB" "SELECT state FROM cases WHERE number = '$CASE'"; }

mkfifo hold
sqlite3 "$DB" <hold >held 2>&1 &
HOLDER=$!
exec 3>hold
echo "BEGIN IMMEDIATE; SELECT 'held';" >&3
wait_for "$WAIT" grep -q held held || fail "the lock is taken" "$(cat held)"

run "$GRADUS" --db "$DB" --script busy.script
expect "the screen opens and the script runs to its end while another writes" 0
tail -1 busy.screen >busy.status
if grep -qx "the database is busy (another user is writing); nothing was written, try again *" busy.status; then
	ok "the status line says the database is busy, nothing was written, try again"
else
	fail "the status line says the database is busy" "$(cat busy.status)"
fi
run "$GRADUS" --db "$DB" case set "$CASE" note "while locked"
expect "the command line says it too" 1 "the database is busy (another user is writing); nothing was written, try again"

echo "ROLLBACK;" >&3
exec 3>&-
wait "$HOLDER"
[ "$(state_now)" = certified ] && ok "the refused step is not in the database" || fail "the refused step is not in the database" "$(state_now)"
run "$GRADUS" --db "$DB" --script busy.script
expect "with the lock gone the script runs again" 0
grep -q "the case is now Review filed" busy.screen && [ "$(state_now)" = review_filed ] &&
	ok "and the step goes in" || fail "the step goes in once the lock is gone" "$(tail -1 busy.screen)" "$(state_now)"
