"""make bench, third part: a sheet of 100 rows imported into the office at
each size, as a clerk repeats it: new (100 cases created), again (every row
matched and unchanged), changed (a note changed on every row), then
`import undo` of the first batch (which undoes the changed one first).
Beside each, the sqlite3 shell's lower bound: reading the same CSV with
.import and finding each row's case by the same join. A repeated import
and an undo must cost what their own rows cost, not what the office holds:
the figures at 10,000 and 100,000 cases should be alike.
The bench databases are made by tests/bench/bench.py (first part)."""
import csv
import os
import pwd
import sqlite3
import statistics
import subprocess
import time

BUILD = os.environ.get("BUILD", "build")
GRADUS = os.path.join(BUILD, "gradus")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000 100000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ROWS = 100
WORK = os.path.join(BUILD, "bench")
ENV = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1", HOME=WORK)
LOOKUP = ("SELECT count(*) FROM sheet s JOIN enterprises e ON e.credit_code = s.uscc"
          " JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id"
          " AND c.level = s.level AND c.year = CAST(s.year AS INTEGER)")


def sheet(office, path, note):
    """100 enterprises of the office applying for the same level in 2031."""
    with sqlite3.connect(office) as db:
        rows = db.execute("SELECT e.name, e.credit_code, e.region, c.level FROM cases c"
                          " JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id"
                          " GROUP BY e.credit_code ORDER BY e.credit_code LIMIT ?", (ROWS,)).fetchall()
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["enterprise", "uscc", "region", "level", "year", "note"])
        for name, code, region, level in rows:
            w.writerow([name, code, region, level, 2031, note])


def gradus(office, *args):
    start = time.monotonic()
    out = subprocess.run([GRADUS, "--db", office] + list(args), check=True, env=ENV, capture_output=True, text=True)
    return (time.monotonic() - start) * 1000, out.stdout


def shell(office, path):
    start = time.monotonic()
    subprocess.run(["sqlite3", office, "-cmd", "CREATE TEMP TABLE sheet (enterprise, uscc, region, level, year, note)",
                    "-cmd", ".import --csv --skip 1 %s sheet" % path, LOOKUP],
                   check=True, env=ENV, stdout=subprocess.DEVNULL)
    return (time.monotonic() - start) * 1000


def batch_of(text):
    for word in text.split():
        if word.isdigit():
            return word
    raise SystemExit("no batch in: " + text)


def main():
    me = pwd.getpwuid(os.geteuid()).pw_name
    print("%-32s" % ("ms, %d rows (median of %d)" % (ROWS, RUNS))
          + "".join(" | %9s %8s %8s" % ("{:,}".format(n), "gradus", "sqlite3") for n in SIZES))
    table = {}
    for n in SIZES:
        office = os.path.join(WORK, "cases-%d.db" % n)
        if not os.path.exists(office):
            table[n] = None
            continue
        with sqlite3.connect(office) as db:  # the bench's own set-up: whoever runs it is an admin
            db.execute("INSERT INTO users (id, login, role, created_at) SELECT lower(hex(randomblob(16))), ?, 'admin',"
                       " '2026-11-28T00:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM users WHERE login = ?)", (me, me))
        first, changed = os.path.join(WORK, "import-%d.csv" % n), os.path.join(WORK, "import-%d-b.csv" % n)
        sheet(office, first, "甲")
        sheet(office, changed, "乙")
        times = {k: [] for k in ("new", "again", "changed", "undo", "shell")}
        for _ in range(RUNS):
            t, out = gradus(office, "import", "cases", first)
            assert "%d new" % ROWS in out, out
            times["new"].append(t)
            batch = batch_of(out.splitlines()[-1])
            t, out = gradus(office, "import", "cases", first)
            assert "%d unchanged" % ROWS in out, out
            times["again"].append(t)
            t, out = gradus(office, "import", "cases", changed)
            assert "%d changed" % ROWS in out, out
            times["changed"].append(t)
            t, out = gradus(office, "import", "undo", batch)
            times["undo"].append(t)
            times["shell"].append(shell(office, first))
        table[n] = {k: statistics.median(v) for k, v in times.items()}
    for key, label in (("new", "import, 100 new cases"), ("again", "import again, all unchanged"),
                       ("changed", "import, a note changed a row"), ("undo", "import undo (both batches)")):
        row = "%-32s" % label
        for n in SIZES:
            row += " | %9s %8s %8s" % ("", "%.0f" % table[n][key] if table[n] else "-",
                                       "%.0f" % table[n]["shell"] if table[n] else "-")
        print(row)
    done = [n for n in SIZES if table[n]]
    if len(done) > 1:
        small, big = min(done), max(done)
        print("\nfrom {:,} to {:,} cases: ".format(small, big) + ", ".join(
            "%s ×%.1f" % (k, table[big][k] / table[small][k]) for k in ("new", "again", "changed", "undo")))


if __name__ == "__main__":
    main()
