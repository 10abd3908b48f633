# The real binary in a real terminal (tmux): the list, help, resize, quit.
. "$(dirname "$0")/../lib.sh"
need_tmux
DB=$(demo_db)

term_start s 80x24 "env LC_ALL=C.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
expect_screen "tmux: the list opens" s "Cases (30)"
expect_screen "tmux: Chinese names are shown" s "黄石东贝压缩机"
term_keys s '?'
expect_screen "tmux: ? shows the keys" s "Help: all keys"
term_keys s q
expect_screen "tmux: q closes help" s "Cases (30)"
# drawn_at COLS TEXT: the pane is COLS wide and shows TEXT
drawn_at() { [ "$(term_tmux display -p -t s '#{pane_width}')" = "$1" ] && term_shows s "$2"; }
term_tmux resize-window -t s -x 60 -y 20
expect_soon "tmux: redrawn at 60x20" drawn_at 60 'Cases (30)'
[ "$(term_screen s | wc -L)" -le 60 ] && ok "tmux: nothing drawn past 60 columns" || fail "tmux: nothing drawn past 60 columns"
term_tmux resize-window -t s -x 80 -y 24
expect_soon "tmux: redrawn at 80x24" drawn_at 80 Due
term_keys s q
expect_exit "tmux: q exits with status 0" s 0
term_shows s "Cases (30)" && fail "tmux: the terminal is restored after exit" "$(term_screen s)" ||
	ok "tmux: the terminal is restored after exit"

# The same binary under zh_CN.UTF-8: the list, a case, the form and the help
# in Chinese, aligned by display cells (each screen line fits 80 cells).
term_start z 80x24 "env LC_ALL=zh_CN.UTF-8 '$GRADUS' --db '$DB' --today $TODAY"
fits() { [ "$(term_screen z | wc -L)" -le 80 ]; }
shows_fitting() { term_shows z "$1" && fits; }
expect_screen "tmux zh: the list in Chinese" z "案件（30）"
expect_soon "tmux zh: the list's columns fit 80 cells" shows_fitting "编号"
term_keys z Enter
expect_soon "tmux zh: a case in Chinese" shows_fitting "[概况]"
term_keys z e
expect_soon "tmux zh: the form in Chinese" shows_fitting "统一社会信用代码"
term_keys z Escape
term_keys z q
term_keys z '?'
expect_soon "tmux zh: the help in Chinese" shows_fitting "帮助：全部按键"
term_shows z "Help: all keys" && fail "tmux zh: no English left in the help" "$(term_screen z)" ||
	ok "tmux zh: no English left in the help"
term_keys z Q
expect_exit "tmux zh: Q exits with status 0" z 0
