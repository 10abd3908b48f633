# The real binary in a real terminal (tmux): the list, help, resize, quit.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || { fail "tmux is installed"; exit 0; }
DB=$(demo_db)
SOCKET=gradus-test-$$
T="tmux -L $SOCKET"
trap '$T kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export TERM=xterm-256color

screen() { $T capture-pane -p -t s; }
shows() { screen | grep -qF -- "$1"; }

$T -f /dev/null new-session -d -s s -x 80 -y 24 \
	"env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
wait_for 10 shows "Cases (30)" && ok "tmux: the list opens" || fail "tmux: the list opens" "$(screen)"
wait_for 5 shows "黄石东贝压缩机" && ok "tmux: Chinese names are shown" || fail "tmux: Chinese names are shown" "$(screen)"
$T send-keys -t s '?'
wait_for 5 shows "Help: all keys" && ok "tmux: ? shows the keys" || fail "tmux: ? shows the keys" "$(screen)"
$T send-keys -t s q
wait_for 5 shows "Cases (30)" && ok "tmux: q closes help" || fail "tmux: q closes help" "$(screen)"
$T resize-window -t s -x 60 -y 20
wait_for 5 sh -c "$T capture-pane -p -t s | head -1 | grep -q 'Cases' && [ \$($T display -p -t s '#{pane_width}') = 60 ]" \
	&& ok "tmux: redrawn at 60x20" || fail "tmux: redrawn at 60x20" "$(screen)"
screen >"$WORK/small"
[ "$(wc -L <"$WORK/small")" -le 60 ] && ok "tmux: nothing drawn past 60 columns" || fail "tmux: nothing drawn past 60 columns"
$T resize-window -t s -x 80 -y 24
wait_for 5 sh -c "[ \$($T display -p -t s '#{pane_width}') = 80 ] && $T capture-pane -p -t s | grep -q 'Due'" \
	&& ok "tmux: redrawn at 80x24" || fail "tmux: redrawn at 80x24" "$(screen)"
$T send-keys -t s q
wait_for 5 shows "EXITED 0" && ok "tmux: q exits with status 0" || fail "tmux: q exits with status 0" "$(screen)"
shows "Cases (30)" && fail "tmux: the terminal is restored after exit" "$(screen)" || ok "tmux: the terminal is restored after exit"

# The same binary under zh_CN.UTF-8: the list, a case, the form and the help
# in Chinese, aligned by display cells (each screen line fits 80 cells).
$T new-session -d -s z -x 80 -y 24 \
	"env LC_ALL=zh_CN.UTF-8 '$GRADUS' --db '$DB' --today $TODAY; echo EXITED \$?; sleep 30"
zscreen() { $T capture-pane -p -t z; }
zshows() { zscreen | grep -qF -- "$1"; }
fits() { [ "$(zscreen | wc -L)" -le 80 ]; }
wait_for 10 zshows "案件（30）" && ok "tmux zh: the list in Chinese" || fail "tmux zh: the list in Chinese" "$(zscreen)"
wait_for 5 zshows "编号" && fits && ok "tmux zh: the list's columns fit 80 cells" || fail "tmux zh: the list fits" "$(zscreen)"
$T send-keys -t z Enter
wait_for 5 zshows "[概况]" && fits && ok "tmux zh: a case in Chinese" || fail "tmux zh: a case in Chinese" "$(zscreen)"
$T send-keys -t z e
wait_for 5 zshows "统一社会信用代码" && fits && ok "tmux zh: the form in Chinese" || fail "tmux zh: the form" "$(zscreen)"
$T send-keys -t z Escape
$T send-keys -t z q
$T send-keys -t z '?'
wait_for 5 zshows "帮助：全部按键" && fits && ok "tmux zh: the help in Chinese" || fail "tmux zh: the help" "$(zscreen)"
zscreen | grep -q "Help: all keys" && fail "tmux zh: no English left in the help" "$(zscreen)" || ok "tmux zh: no English left in the help"
$T send-keys -t z Q
wait_for 5 zshows "EXITED 0" && ok "tmux zh: Q exits with status 0" || fail "tmux zh: Q exits" "$(zscreen)"
