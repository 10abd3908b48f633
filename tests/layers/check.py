#!/usr/bin/env python3
"""The layering check: which layer each object of gradus uses, read from the
objects themselves with nm (so it cannot drift from the code), against the
rule of ARCHITECTURE.md: arrows point down.

    check.py OBJ_DIR    (OBJ_DIR holds src/<layer>/*.o and src/main.o)

An object's undefined symbol defined by another layer's object is a use of
that layer. A use the rule does not allow fails, naming the object, the
symbol and where it is defined; so does a known exception (below) that the
code no longer needs, so the list only shrinks."""
import collections, os, subprocess, sys

# What each layer may use (itself always). Layers listed bottom-up.
ALLOWED = {
    "text": set(),
    "core": {"text"},
    "forms": {"core", "text"},
    "store": {"forms", "core", "text"},
    "report": {"forms", "core", "text"},  # renders the views it is given
    "tui": {"store", "report", "forms", "core", "text"},
    "cli": {"store", "report", "forms", "core", "text"},
    "main": {"cli", "tui", "store", "report", "forms", "core", "text"},
}

# Uses that break the rule today, each to go (issue 19, point 2):
# (object, symbol).
KNOWN = {
    ("text/sheet.o", "date_add_days"), ("text/sheet.o", "date_format"),
}


def symbols(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRCGSV":
            defined.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
    return defined, undefined


def main():
    root = os.path.join(sys.argv[1], "src")
    objects = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name.endswith(".o"):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                layer = rel.split("/")[0] if "/" in rel else "main"
                if layer not in ALLOWED:
                    print("not ok - %s is in no layer the rule knows (%s)" % (rel, ", ".join(ALLOWED)))
                    return 1
                objects[rel] = (layer,) + symbols(os.path.join(dirpath, name))
    where = {}
    for rel, (layer, defined, _) in objects.items():
        for symbol in defined:
            where[symbol] = (layer, rel)
    broken, used_known = [], set()
    for rel, (layer, _, undefined) in sorted(objects.items()):
        for symbol in sorted(undefined):
            if symbol not in where:
                continue
            other, at = where[symbol]
            if other == layer or other in ALLOWED[layer]:
                continue
            if (rel, symbol) in KNOWN:
                used_known.add((rel, symbol))
                continue
            broken.append("%s (%s) uses %s from %s (%s), which %s may not use" % (rel, layer, symbol, at, other, layer))
    stale = sorted(KNOWN - used_known)
    layers = collections.Counter(layer for layer, _, _ in objects.values())
    print("# %d objects in %d layers; %d known exceptions in use" % (len(objects), len(layers), len(used_known)))
    for line in broken:
        print("not ok - " + line)
    for rel, symbol in stale:
        print("not ok - %s no longer uses %s: remove it from KNOWN in tests/layers/check.py" % (rel, symbol))
    if not broken and not stale:
        print("ok - every object uses only the layers below it")
    return 1 if broken or stale else 0


sys.exit(main())
