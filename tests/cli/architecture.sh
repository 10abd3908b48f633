# ARCHITECTURE.md is a map that cannot drift: every path it names under
# src/, include/, tests/, forms/, man/ or locale/ exists (a * matches as in
# the shell), every `name()` in backticks is a function or macro defined in
# src/ or include/ (in the file named right after it, when one is), and
# every commit it cites is in the history. README links to it. The checker
# is shown to catch a missing path, function, misplaced function and commit.
. "$(dirname "$0")/../lib.sh"
DOC=$TOP/ARCHITECTURE.md

# check_map FILE: prints one line per name FILE gives that the tree does
# not have; exits 1 if any.
check_map() {
	python3 - "$TOP" "$1" <<'PY'
import glob, os, re, subprocess, sys

top, doc = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
problems = []

# Paths: a top-level folder of the tree, then names, / and * (a trailing
# slash or full stop is the sentence's).
for path in sorted(set(re.findall(r"(?<![\w/.-])((?:src|include|tests|forms|man|locale)/[\w.*/-]*[\w*])", text))):
    if not glob.glob(os.path.join(top, path)):
        problems.append("no such path: " + path)

sources = {}
for pattern in ("src/**/*.c", "src/**/*.h", "src/**/*.def", "include/**/*.h", "include/**/*.def"):
    for f in glob.glob(os.path.join(top, pattern), recursive=True):
        sources[os.path.relpath(f, top)] = open(f, encoding="utf-8", errors="replace").read()

def defines(name, body):
    # A definition or declaration starts its line (calls are indented); a
    # macro is a #define.
    return re.search(r"(?m)^(?:[A-Za-z_][\w \*]*[ \*])?" + re.escape(name) + r"\(", body) or \
        re.search(r"(?m)^#\s*define\s+" + re.escape(name) + r"\(", body)

# Library functions the map names: called in the tree, defined outside it.
external = {"get_wch", "doupdate"}
for name in sorted(set(re.findall(r"`([A-Za-z_]\w*)\(\)`", text))):
    if name in external:
        if not any(re.search(r"\b" + re.escape(name) + r"\(", b) for b in sources.values()):
            problems.append("library function no longer called: %s()" % name)
    elif not any(defines(name, b) for b in sources.values()):
        problems.append("no such function: %s()" % name)

# `f()` (`src/x.c`): f is defined in that file.
for name, path in re.findall(r"`([A-Za-z_]\w*)\(\)`\s*\(`((?:src|include)/[\w./-]+\.[ch])`", text):
    if path in sources and not defines(name, sources[path]):
        problems.append("%s() is not in %s" % (name, path))

# Commits, when the tree is a whole git history.
git = ["git", "-C", top]
shallow = subprocess.run(git + ["rev-parse", "--is-shallow-repository"], capture_output=True, text=True)
if shallow.returncode == 0 and shallow.stdout.strip() == "false":
    for commit in sorted(set(re.findall(r"`([0-9a-f]{7,40})`", text))):
        if subprocess.run(git + ["cat-file", "-e", commit + "^{commit}"], capture_output=True).returncode:
            problems.append("no such commit: " + commit)
else:
    print("# not a whole git checkout: commits not checked")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

[ -f "$DOC" ] && ok "ARCHITECTURE.md exists" || { fail "ARCHITECTURE.md exists"; exit 1; }
if out=$(check_map "$DOC" 2>&1); then
	ok "every path, function and commit ARCHITECTURE.md names exists"
else
	fail "every path, function and commit ARCHITECTURE.md names exists" "$out"
fi
grep -q '](ARCHITECTURE.md)' "$TOP/README.md" && ok "README links ARCHITECTURE.md" ||
	fail "README links ARCHITECTURE.md"

# The checker catches what is gone: a copy naming a missing file, function
# and commit, and a function put in the wrong file.
cp "$DOC" "$WORK/map.md"
cat >>"$WORK/map.md" <<'MD'
`src/core/nowhere.c`, `tests/cli/*.nothing`, `no_such_function()`, `case_take()` (`src/tui/view.c`), `deadbee`.
MD
out=$(check_map "$WORK/map.md" 2>&1)
for want in "no such path: src/core/nowhere.c" "no such path: tests/cli/*.nothing" \
	"no such function: no_such_function()" "case_take() is not in src/tui/view.c"; do
	printf '%s\n' "$out" | grep -qxF -- "$want" && ok "the checker reports: $want" ||
		fail "the checker reports: $want" "$out"
done
if git -C "$TOP" rev-parse --is-shallow-repository 2>/dev/null | grep -q false; then
	printf '%s\n' "$out" | grep -q '^no such commit: deadbee$' && ok "the checker reports a missing commit" ||
		fail "the checker reports a missing commit" "$out"
fi
