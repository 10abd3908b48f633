#!/usr/bin/env python3
"""make bench: gradus beside the sqlite3 shell on databases of 10,000 and
100,000 cases. Interaction figures are measured inside gradus's script mode
(GRADUS_TIMING: from the key to the screen written); the sqlite3 figures are
the shell's own `.timer` for the equivalent query on the same database, in
the same run. Each figure is the median of RUNS runs."""
import os, re, statistics, subprocess, sys, time, unicodedata

BUILD = os.environ.get("BUILD", "build")
GRADUS = os.path.join(BUILD, "gradus")
GENERATE = os.path.join(BUILD, "bench", "generate")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000 100000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ENV = dict(os.environ, LC_ALL="C.UTF-8", GRADUS_TODAY="2026-11-28", NO_COLOR="1", HOME=os.path.join(BUILD, "bench"))

COLUMNS = ("SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due"
           " FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id ")
ROWS = 21  # an 80x24 screen


def page(where="1", order="c.number", direction=""):
    """The page as gradus reads it: chosen on the cases, then joined (store/list.c)."""
    return ("SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due"
            " FROM (SELECT c.rowid AS r FROM cases c WHERE %s ORDER BY %s %s, c.number %s LIMIT %d) k"
            " CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id"
            " CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY %s %s, c.number %s;"
            % (where, order, direction, direction, ROWS, order, direction, direction))


def search(query):
    """Count the matches, then the first page (walking the number index when
    the matches are many, as gradus does)."""
    match = '\'"' + " ".join(query) + '"\''
    count = "SELECT count(*) FROM case_search WHERE case_search MATCH %s;" % match
    return lambda db: count * 2 + page("%sc.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH %s)" % (
        "+" if int(sql_value(db, count)) >= 1000 else "", match))


def detail(db):
    number = sql_value(db, "SELECT number FROM cases ORDER BY number LIMIT 1")
    case = "(SELECT id FROM cases WHERE number = '%s')" % number
    return (COLUMNS + "WHERE c.number = '%s';"
            " SELECT step, from_state, to_state, kind, actor, on_date, note FROM events"
            "  WHERE case_id = %s ORDER BY on_date, created_at, rowid;"
            " SELECT scenario FROM case_scenarios WHERE case_id = %s;"
            " SELECT material, received_on FROM case_materials WHERE case_id = %s;"
            % (number, case, case, case))


def sql_value(db, sql):
    return subprocess.run(["sqlite3", db, sql], capture_output=True, text=True, check=True).stdout.strip()


# (label, gradus script, sqlite3 equivalent (db -> SQL): the statements gradus runs for it)
# (label, keys, keys that undo them, sqlite3 equivalent (db -> SQL): the
# statements gradus runs for it). Each interaction is repeated REPEAT_KEYS
# times in one run (keys, then the undoing keys); its figure is the median of
# the last key of each repetition, the first one included.
MEASURES = [
    ("start to first screen", [], [], lambda db: "SELECT count(*) FROM cases;" + page()),
    ("page down", ["<PageDown>"], ["<PageUp>"], lambda db: page("(c.number, c.number) >= ('%s', '%s')" % ((sql_value(
        db, "SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET %d" % (ROWS - 1)),) * 2))),
    ("jump to end", ["G"], ["g"], lambda db: page(direction="DESC")),
    ("search, 1 character (武)", ["/", "武"], ["<Esc>"], search("武")),
    ("search, 2 characters (武汉)", ["/", "武", "汉"], ["<Esc>"], search("武汉")),
    ("search, 4 characters (精密智能)", ["/", "精", "密", "智", "能"], ["<Esc>"], search("精密智能")),
    ("open a case", ["<Enter>"], ["q"], detail),
]
REPEAT_KEYS = 5


def gradus_run(db, keys, reset, workdir):
    """Start time, the figure of each repetition of keys, peak memory."""
    script = os.path.join(workdir, "bench.script")
    timing = os.path.join(workdir, "timing")
    with open(script, "w") as f:
        for _ in range(REPEAT_KEYS if keys else 0):
            f.write("\n".join(keys + reset) + "\n")
        f.write("Q\n")
    subprocess.run([GRADUS, "--db", db, "--script", script], env=dict(ENV, GRADUS_TIMING=timing),
                   check=True, stdout=subprocess.DEVNULL)
    start, keys_us, peak = None, [], None
    for line in open(timing):
        name, value = line.split("\t")
        if name == "start":
            start = float(value)
        elif name == "key":
            keys_us.append(float(value))
        elif name == "peak_kb":
            peak = int(value)
    step = len(keys) + len(reset)
    measured = [keys_us[i * step + len(keys) - 1] for i in range(REPEAT_KEYS)] if keys else []
    return start, measured, peak


REPEAT = 50  # the shell's timer counts whole milliseconds: time the query REPEAT times over


def sqlite_wall(db, sql):
    began = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-f", "peak_kb %M", "sqlite3", db, sql], capture_output=True, text=True)
    ms = (time.monotonic() - began) * 1000
    if proc.returncode:
        raise SystemExit("sqlite3 failed: " + proc.stderr)
    return ms, int(re.search(r"peak_kb (\d+)", proc.stderr).group(1))


def sqlite_run(db, sql, repeat=REPEAT):
    """Per query: the shell running it REPEAT times less the shell running as
    many empty statements, over REPEAT (the shell's start and the file's
    opening taken out); and the shell's peak memory (GNU time's %M: its own,
    not that of the process that started it)."""
    ms, peak = sqlite_wall(db, sql * repeat)
    empty, _ = sqlite_wall(db, "SELECT 1;" * repeat)
    return max(ms - empty, 0.0) / repeat, peak


def sqlite_start(db, sql):
    return sqlite_wall(db, sql)


def measure(db, workdir):
    results = {}
    gradus_peak = 0
    sqlite_peak = 0
    for label, keys, reset, equivalent in MEASURES:
        sql = equivalent(db)
        ours, theirs = [], []
        for _ in range(RUNS):
            start, measured, peak = gradus_run(db, keys, reset, workdir)
            gradus_peak = max(gradus_peak, peak or 0)
            ours.extend([start / 1000] if not keys else [us / 1000 for us in measured])
            ms, speak = sqlite_start(db, sql) if not keys else sqlite_run(db, sql)
            sqlite_peak = max(sqlite_peak, speak)
            theirs.append(ms)
        results[label] = (statistics.median(ours), statistics.median(theirs))
    results["peak memory (MB)"] = (gradus_peak / 1024, sqlite_peak / 1024)
    return results


def cells(text, width):
    """text padded to width terminal cells (Chinese characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def main():
    workdir = os.path.join(BUILD, "bench")
    os.makedirs(workdir, exist_ok=True)
    table = {}
    for n in SIZES:
        db = os.path.join(workdir, "cases-%d.db" % n)
        if not os.path.exists(db):
            print("# generating %s (%d cases; once, then kept)" % (db, n), file=sys.stderr, flush=True)
            subprocess.run([GENERATE, "forms", db + ".part", str(n)], check=True, env=ENV, stdout=subprocess.DEVNULL)
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + ".part" + suffix):
                    os.rename(db + ".part" + suffix, db + suffix)
        table[n] = measure(db, workdir)
    labels = [m[0] for m in MEASURES] + ["peak memory (MB)"]
    head = "%-32s" % ("ms (median of %d runs)" % RUNS)
    for n in SIZES:
        head += " | %9s %8s %8s %6s" % ("{:,}".format(n), "gradus", "sqlite3", "ratio")
    print(head)
    print("-" * len(head))
    for label in labels:
        row = cells(label, 32)
        for n in SIZES:
            ours, theirs = table[n][label]
            row += " | %9s %8.1f %8.1f %6.2f" % ("", ours, theirs, ours / theirs if theirs else float("nan"))
        print(row)
    big, small = max(SIZES), min(SIZES)
    print()
    worst = max(table[big][m[0]][0] for m in MEASURES[1:])
    ratio = max(table[big][m[0]][0] / max(table[big][m[0]][1], 0.05) for m in MEASURES[1:])
    peak_big, peak_small = table[big]["peak memory (MB)"][0], table[small]["peak memory (MB)"][0]
    print("at {:,}: slowest interaction {:.1f} ms (goal < 50), worst ratio to sqlite3 {:.2f} (goal <= 3), "
          "peak memory {:.1f} MB (goal < 32), {:+.0f}% of the {:,} figure (goal within 10%)".format(
              big, worst, ratio, peak_big, 100 * (peak_big - peak_small) / peak_small, small))


main()
