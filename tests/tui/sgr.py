"""What `tmux capture-pane -p -e` shows, row by row: the text and the runs of
cells that carry attributes (SGR state), for the attribute tests.

  sgr.py rows FILE          each row as "TEXT<TAB>FIRST-LAST:CODES ..."
  sgr.py changed A B        the rows (from 0) whose attributes differ
  sgr.py marked FILE TEXT   "MARKED UNMARKED": rows where TEXT's cells carry
                            attributes, and rows where they do not
"""
import re
import sys
import unicodedata

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def apply(state, params):
    """The SGR state (a dict) after one escape's parameters."""
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c in (1, 2, 3, 4, 5, 7, 8, 9):
            state[c] = True
        elif c == 22:
            state.pop(1, None)
            state.pop(2, None)
        elif c in (23, 24, 25, 27, 28, 29):
            state.pop(c - 20, None)
        elif c in (38, 48):
            kind = "fg" if c == 38 else "bg"
            if i + 2 < len(codes) and codes[i + 1] == 5:
                state[kind] = str(codes[i + 2])
                i += 2
            elif i + 4 < len(codes) and codes[i + 1] == 2:
                state[kind] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                i += 4
        elif c == 39:
            state.pop("fg", None)
        elif c == 49:
            state.pop("bg", None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = str(c - 30 if c < 90 else c - 82)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = str(c - 40 if c < 100 else c - 92)
        i += 1


def describe(state):
    names = {1: "B", 2: "D", 3: "I", 4: "U", 5: "K", 7: "R", 8: "H", 9: "S"}
    text = "".join(names[k] for k in sorted(k for k in state if isinstance(k, int)))
    if "fg" in state:
        text += "f" + state["fg"]
    if "bg" in state:
        text += "b" + state["bg"]
    return text


def rows(path):
    """[(text, [(first, last, codes)], cells)] for each row of the capture."""
    state = {}
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        text, cells, at = "", [], 0
        for piece in SGR.split(line):
            if at % 2:
                apply(state, piece)
            else:
                for ch in piece:
                    w = width(ch)
                    text += ch
                    cells.extend([describe(state)] * w)
            at += 1
        runs, start = [], 0
        for x in range(1, len(cells) + 1):
            if x == len(cells) or cells[x] != cells[start]:
                if cells[start]:
                    runs.append((start, x - 1, cells[start]))
                start = x
        out.append((text, runs, cells))
    return out


def main(argv):
    if argv[1] == "rows":
        for text, runs, _ in rows(argv[2]):
            print(text.rstrip() + "\t" + " ".join("%d-%d:%s" % r for r in runs))
    elif argv[1] == "changed":
        a, b = rows(argv[2]), rows(argv[3])
        for y in range(max(len(a), len(b))):
            ra = a[y][1] if y < len(a) else []
            rb = b[y][1] if y < len(b) else []
            if ra != rb:
                print(y)
    elif argv[1] == "marked":
        marked = unmarked = 0
        for text, _, cells in rows(argv[2]):
            at = text.find(argv[3])
            if at < 0:
                continue
            first = sum(width(ch) for ch in text[:at])
            span = cells[first:first + sum(width(ch) for ch in argv[3])]
            if all(span):
                marked += 1
            else:
                unmarked += 1
        print(marked, unmarked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
