# zh_CN.po is complete: every message marked in the sources (_, N_,
# ngettext, i18n_context and the reports' R_) has a Chinese translation, under some context,
# and the catalogue compiles cleanly.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
run msgfmt --check -o "$WORK/gradus.mo" locale/zh_CN.po
expect "zh_CN.po compiles with msgfmt --check" 0
find src include -name '*.c' -o -name '*.def' | sort >"$WORK/files"
run xgettext -o "$WORK/gradus.pot" -L C --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 -ki18n_context:2 -kR_ -f "$WORK/files"
expect "xgettext reads the sources" 0
run python3 - "$WORK/gradus.pot" locale/zh_CN.po <<'PY'
import sys
def entries(path):
    out = {}
    block = {}
    key = None
    def flush():
        if block.get("msgid"):
            out.setdefault(block["msgid"], []).append("".join(block.get("msgstr", [])))
    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if not line:
                flush(); block = {}; key = None
            continue
        if line.startswith("msgctxt "):
            flush(); block = {}; key = None
            continue
        if line.startswith("msgid ") and block.get("msgstr") is not None:
            flush(); block = {}
        word, _, rest = line.partition(" ")
        if word.startswith("msgstr"):
            block.setdefault("msgstr", []).append(eval(rest)); key = "msgstr"
        elif word == "msgid":
            block["msgid"] = eval(rest); key = "msgid"
        elif word == "msgid_plural":
            key = None
        elif line.startswith('"') and key == "msgid":
            block["msgid"] += eval(line)
        elif line.startswith('"') and key == "msgstr":
            block["msgstr"][-1] += eval(line)
    return out
pot, po = entries(sys.argv[1]), entries(sys.argv[2])
missing = [m for m in pot if not any(po.get(m, []))]
for m in missing:
    print("untranslated: %r" % m)
sys.exit(1 if missing else 0)
PY
expect "every message in the sources is translated in zh_CN.po" 0
