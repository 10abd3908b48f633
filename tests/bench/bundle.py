"""make bench, second part: `gradus bundle out` of 5 cases at each size,
beside the size of the office, and what of the office the bundle carries.

A bundle is built from its cases' rows into a fresh database, so its time
and size must not grow with the office; and it must hold no other case's
name, credit code or note: every character that occurs only in other cases'
enterprise or factory names, notes or contacts is looked for in its bytes.
The bench databases are made by tests/bench/bench.py (first part)."""
import os
import pwd
import sqlite3
import statistics
import subprocess
import sys
import time

BUILD = os.environ.get("BUILD", "build")
GRADUS = os.path.join(BUILD, "gradus")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000 100000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORK = os.path.join(BUILD, "bench")
ENV = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1", HOME=WORK)


def leaks(office, bundle):
    o, b = sqlite3.connect(office), sqlite3.connect(bundle)
    kept = {r[0] for r in b.execute("SELECT id FROM cases")}
    rows = o.execute("SELECT c.id, e.name || f.name || coalesce(c.note, '') || coalesce(e.contact, ''), e.name,"
                     " e.credit_code FROM cases c JOIN factories f ON f.id = c.factory_id"
                     " JOIN enterprises e ON e.id = f.enterprise_id").fetchall()
    inside = set("".join(r[1] for r in rows if r[0] in kept))
    only = sorted(c for c in set("".join(r[1] for r in rows if r[0] not in kept)) - inside if ord(c) > 127)
    data = open(bundle, "rb").read()
    return (len(only), sum(c.encode() in data for c in only),
            sum(r[3].encode() in data for r in rows if r[0] not in kept),
            sum(r[2].encode() in data for r in rows if r[0] not in kept))


def main():
    me = pwd.getpwuid(os.geteuid()).pw_name
    print("%-8s | %12s %10s %10s | %s" % ("cases", "bundle out", "file", "office", "of the other cases in the bundle"))
    for n in SIZES:
        office = os.path.join(WORK, "cases-%d.db" % n)
        if not os.path.exists(office):
            print("%-8s | not generated (make bench makes it)" % "{:,}".format(n))
            continue
        # the bench's own set-up: whoever runs it is an admin of the bench database
        with sqlite3.connect(office) as db:
            db.execute("INSERT INTO users (id, login, role, created_at) SELECT lower(hex(randomblob(16))), ?, 'admin',"
                       " '2026-11-28T00:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM users WHERE login = ?)", (me, me))
            cases = ",".join(r[0] for r in db.execute("SELECT number FROM cases ORDER BY id LIMIT 5"))
        times = []
        for i in range(RUNS):
            out = os.path.join(WORK, "bundle-%d-%d.db" % (n, i))
            if os.path.exists(out):
                os.unlink(out)
            start = time.monotonic()
            subprocess.run([GRADUS, "--db", office, "bundle", "out", "--cases", cases, "-o", out], check=True, env=ENV,
                           stdout=subprocess.DEVNULL)
            times.append(time.monotonic() - start)
        chars, present, codes, names = leaks(office, out)
        print("%-8s | %10.0f ms %8.0f KB %8.0f MB | %d of %d characters only theirs, %d credit codes, %d names" % (
            "{:,}".format(n), 1000 * statistics.median(times), os.path.getsize(out) / 1024,
            os.path.getsize(office) / 1048576, present, chars, codes, names))
        for i in range(RUNS):
            os.unlink(os.path.join(WORK, "bundle-%d-%d.db" % (n, i)))


main()
