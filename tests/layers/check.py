#!/usr/bin/env python3
"""The layering check: which layer each object of gradus uses, read from the
objects themselves with nm (so it cannot drift from the code), against the
rule of ARCHITECTURE.md: arrows point down.

    check.py OBJ_DIR [SRC_DIR]
        (OBJ_DIR holds src/<layer>/*.o and src/main.o; SRC_DIR, by default
        the tree's src/, holds the private headers src/<layer>/*.h)

An object's undefined symbol defined by another layer's object is a use of
that layer. A use the rule does not allow fails, naming the object, the
symbol and where it is defined; so does a known exception (below) that the
code no longer needs, so the list only shrinks.

A layer's private headers (src/<layer>/*.h, beside its sources) declare what
only that layer may use: a function a private header names and the layer
defines (e.g. the store's one write path, store_insert, and its raw handle
store_db) used by an object of another layer fails too, whatever the rule."""
import collections, os, re, subprocess, sys

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

# Uses that break the rule, each to go: (object, symbol). None is left; an
# exception added here must be used by the objects, or the check fails.
KNOWN = set([
])


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


def private_names(src, layer):
    """Every identifier called like a function in src/<layer>/*.h."""
    names = set()
    folder = os.path.join(src, layer)
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".h"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    names |= set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", f.read()))
    return names


def main():
    root = os.path.join(sys.argv[1], "src")
    src = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src")
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
    private = {layer: private_names(src, layer) for layer in ALLOWED}
    broken, used_known = [], set()
    for rel, (layer, _, undefined) in sorted(objects.items()):
        for symbol in sorted(undefined):
            if symbol not in where:
                continue
            other, at = where[symbol]
            if other != layer and symbol in private[other]:
                broken.append("%s (%s) uses %s, private to %s (declared in src/%s/*.h, defined in %s)"
                              % (rel, layer, symbol, other, other, at))
                continue
            if other == layer or other in ALLOWED[layer]:
                continue
            if (rel, symbol) in KNOWN:
                used_known.add((rel, symbol))
                continue
            broken.append("%s (%s) uses %s from %s (%s), which %s may not use" % (rel, layer, symbol, at, other, layer))
    stale = sorted(KNOWN - used_known)
    layers = collections.Counter(layer for layer, _, _ in objects.values())
    print("# %d objects in %d layers; %d known exceptions in use; %d private functions"
          % (len(objects), len(layers), len(used_known),
             sum(len(private[l] & {s for r, (m, d, _) in objects.items() if m == l for s in d}) for l in private)))
    for line in broken:
        print("not ok - " + line)
    for rel, symbol in stale:
        print("not ok - %s no longer uses %s: remove it from KNOWN in tests/layers/check.py" % (rel, symbol))
    if not broken and not stale:
        print("ok - every object uses only the layers below it")
    return 1 if broken or stale else 0


sys.exit(main())
