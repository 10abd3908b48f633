/* Numbered migrations, applied in one transaction, tracked by user_version. */
#include <sqlite3.h>
#include <stddef.h>

#include "schema.h"

static const char *const migrations[] = {
	/* 1: the domain model of the foundation */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE users ("
	"  id TEXT PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','clerk','inspector','secretary')),"
	"  name TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE enterprises ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  credit_code TEXT NOT NULL,"
	"  region TEXT NOT NULL,"
	"  industry TEXT,"
	"  contact TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX enterprises_credit_code ON enterprises (credit_code);"
	"CREATE TABLE factories ("
	"  id TEXT PRIMARY KEY,"
	"  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),"
	"  name TEXT NOT NULL,"
	"  address TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX factories_enterprise ON factories (enterprise_id);"
	"CREATE TABLE cases ("
	"  id TEXT PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  factory_id TEXT NOT NULL REFERENCES factories (id),"
	"  level TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  state TEXT NOT NULL,"
	"  maturity_centi INTEGER,"
	"  maturity_level INTEGER,"
	"  commitment_on TEXT,"
	"  applied_by TEXT, applied_on TEXT,"
	"  recommended_by TEXT, recommended_on TEXT,"
	"  certified_by TEXT, certified_on TEXT,"
	"  expires_on TEXT,"
	"  cultivation_starts_on TEXT,"
	"  next_due TEXT,"
	"  note TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX cases_factory ON cases (factory_id);"
	"CREATE TABLE case_scenarios ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  scenario INTEGER NOT NULL CHECK (scenario BETWEEN 1 AND 40),"
	"  UNIQUE (case_id, scenario));"
	"CREATE TABLE case_materials ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  material TEXT NOT NULL,"
	"  received_on TEXT,"
	"  UNIQUE (case_id, material));"
	"CREATE TABLE events ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  step TEXT NOT NULL,"
	"  from_state TEXT, to_state TEXT NOT NULL,"
	"  kind TEXT,"
	"  actor TEXT NOT NULL,"
	"  on_date TEXT NOT NULL,"
	"  note TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX events_case ON events (case_id, on_date);"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  tbl TEXT NOT NULL,"
	"  row_id TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  old TEXT, new TEXT,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL);",
	/* 2: the last audited value of a field, for verify and conflict messages */
	"CREATE INDEX audit_row ON audit (tbl, row_id, field, seq);"
	"CREATE INDEX cases_next_due ON cases (next_due);"
	"CREATE INDEX audit_value ON audit (tbl, field, new);",
	/* 3: search over numbers, names, credit codes and notes (search.c) */
	"CREATE VIRTUAL TABLE case_search USING fts5(number, enterprise, credit_code, factory, note,"
	"  tokenize = 'unicode61');"
	"INSERT INTO meta VALUES ('search_rebuild', '1');",
	/* 4: the list's sorts and filters page through indexes */
	"CREATE INDEX cases_level ON cases (level, number);"
	"CREATE INDEX cases_state ON cases (state, number);"
	"CREATE INDEX cases_year ON cases (year, number);"
	"CREATE INDEX cases_due ON cases (coalesce(next_due, '9999-12-31'), number);",
	/* 5: sorts on the enterprise's name and region walk the enterprises in order */
	"CREATE INDEX enterprises_name ON enterprises (name, id);"
	"CREATE INDEX enterprises_region ON enterprises (region, name, id);"
	"CREATE INDEX factories_enterprise_id ON factories (enterprise_id, id);",
	/* 6: the enterprise's region kept on its cases (derived, like the search
	 * index: written by store/search.c, not audited) for the region filter */
	"ALTER TABLE cases ADD COLUMN region TEXT;"
	"UPDATE cases SET region = (SELECT e.region FROM factories f JOIN enterprises e ON e.id = f.enterprise_id"
	"  WHERE f.id = cases.factory_id);"
	"CREATE INDEX cases_region ON cases (region, number);",
	/* 7: spot checks: the plan, its inspectors and scenarios, the answers */
	"CREATE TABLE checks ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  planned_on TEXT NOT NULL,"
	"  draw_count INTEGER, draw_seed TEXT,"
	"  forms_hash TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX checks_case ON checks (case_id);"
	"CREATE TABLE check_inspectors ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  login TEXT NOT NULL,"
	"  UNIQUE (check_id, login));"
	"CREATE TABLE check_scenarios ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL CHECK (scenario BETWEEN 1 AND 40),"
	"  UNIQUE (check_id, scenario));"
	"CREATE TABLE answers ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL,"
	"  item INTEGER NOT NULL,"
	"  value TEXT, note TEXT,"
	"  answered_by TEXT, answered_at TEXT,"
	"  UNIQUE (check_id, scenario, item));",
	/* 8: a check's number, its own copy of the checklists, evidence,
	 * findings, signatures and amendments */
	"ALTER TABLE checks ADD COLUMN number TEXT;"
	"CREATE UNIQUE INDEX checks_number ON checks (number);"
	"ALTER TABLE check_scenarios ADD COLUMN version INTEGER;"
	"ALTER TABLE check_scenarios ADD COLUMN stage TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN stage_order INTEGER;"
	"ALTER TABLE check_scenarios ADD COLUMN stage_zh TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN stage_en TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN title_zh TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN title_en TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN text TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN activities TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN problems TEXT;"
	"ALTER TABLE check_scenarios ADD COLUMN technologies TEXT;"
	/* better: lower or higher for a measure; for a choice, the value of each
	 * choice in the order of choices, "1|0.5|0" (NULL: not scored). An
	 * answer's value of a measure is "BEFORE|AFTER" (a lone figure in
	 * answers kept before both were asked for). */
	"CREATE TABLE check_items ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL,"
	"  item INTEGER NOT NULL,"
	"  text TEXT NOT NULL, text_en TEXT,"
	"  kind TEXT NOT NULL, unit TEXT, better TEXT, choices TEXT,"
	"  required INTEGER NOT NULL, evidence TEXT, evidence_required INTEGER NOT NULL,"
	"  weight INTEGER NOT NULL,"
	"  UNIQUE (check_id, scenario, item));"
	"CREATE TABLE attachments ("
	"  id TEXT PRIMARY KEY,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL,"
	"  data BLOB,"
	"  added_by TEXT NOT NULL, added_at TEXT NOT NULL);"
	"CREATE TABLE evidence ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL, item INTEGER NOT NULL,"
	"  finding_id TEXT REFERENCES findings (id),"
	"  attachment_id TEXT NOT NULL REFERENCES attachments (id),"
	"  added_by TEXT NOT NULL, added_at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX evidence_item ON evidence (check_id, scenario, item, coalesce(finding_id, ''), attachment_id);"
	"CREATE TABLE findings ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT REFERENCES checks (id),"
	"  panel_id TEXT," /* a panel's rectification item (migration 9): scenario 0, item N */
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  scenario INTEGER NOT NULL, item INTEGER NOT NULL,"
	"  severity TEXT NOT NULL, action TEXT, due_on TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  closed_on TEXT, closed_by TEXT, closing_note TEXT);"
	"CREATE INDEX findings_check ON findings (check_id, scenario, item);"
	"CREATE INDEX findings_due ON findings (status, due_on);"
	"CREATE TABLE signatures ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  login TEXT NOT NULL, signed_at TEXT NOT NULL, hash TEXT NOT NULL,"
	"  UNIQUE (check_id, login));"
	"CREATE TABLE amendments ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL, item INTEGER NOT NULL,"
	"  old_value TEXT, old_note TEXT, new_value TEXT, new_note TEXT,"
	"  reason TEXT NOT NULL, amended_by TEXT NOT NULL, amended_at TEXT NOT NULL);"
	"CREATE INDEX amendments_check ON amendments (check_id, scenario, item);",
	/* 9: experts and their panels: members, notes, scores, the opinion */
	"CREATE TABLE experts ("
	"  id TEXT PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  fields TEXT NOT NULL," /* stage keys, comma-separated */
	"  affiliation TEXT NOT NULL, region TEXT, contact TEXT,"
	"  conflicts TEXT," /* enterprise names or credit codes, |-separated */
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX experts_name ON experts (name);"
	"CREATE TABLE panels ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  number TEXT NOT NULL UNIQUE,"
	"  purpose TEXT NOT NULL,"
	"  meeting_on TEXT NOT NULL,"
	"  chair_id TEXT REFERENCES experts (id),"
	"  status TEXT NOT NULL,"
	"  opinion TEXT, opinion_text TEXT, score TEXT,"
	"  signed_by TEXT, signed_at TEXT, hash TEXT, step TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX panels_case ON panels (case_id);"
	"CREATE TABLE panel_members ("
	"  id TEXT PRIMARY KEY,"
	"  panel_id TEXT NOT NULL REFERENCES panels (id),"
	"  expert_id TEXT NOT NULL REFERENCES experts (id),"
	"  score TEXT,"
	"  UNIQUE (panel_id, expert_id));"
	"CREATE TABLE panel_notes ("
	"  id TEXT PRIMARY KEY,"
	"  panel_id TEXT NOT NULL REFERENCES panels (id),"
	"  expert_id TEXT NOT NULL REFERENCES experts (id),"
	"  scenario INTEGER NOT NULL," /* 0: the case as a whole */
	"  criterion TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  written_by TEXT NOT NULL, written_at TEXT NOT NULL,"
	"  UNIQUE (panel_id, expert_id, scenario, criterion));"
	"CREATE INDEX findings_panel ON findings (panel_id);",
	/* 10: the cultivation of a leading-level factory */
	"CREATE TABLE cultivation_plans ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  version INTEGER NOT NULL,"
	"  title TEXT NOT NULL, body TEXT, change TEXT,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  UNIQUE (case_id, version));"
	"CREATE TABLE milestones ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  title TEXT NOT NULL, due_on TEXT NOT NULL, owner TEXT, done_on TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX milestones_case ON milestones (case_id, due_on);"
	"CREATE INDEX milestones_due ON milestones (done_on, due_on);"
	"CREATE TABLE guidance_sessions ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  held_on TEXT NOT NULL, experts TEXT NOT NULL, advice TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX guidance_sessions_case ON guidance_sessions (case_id, held_on);"
	"CREATE TABLE followups ("
	"  id TEXT PRIMARY KEY,"
	"  session_id TEXT NOT NULL REFERENCES guidance_sessions (id),"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  action TEXT NOT NULL, due_on TEXT NOT NULL, owner TEXT, done_on TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX followups_session ON followups (session_id, due_on);"
	"CREATE INDEX followups_due ON followups (done_on, due_on);"
	"CREATE TABLE progress_reports ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  period TEXT NOT NULL, received_on TEXT NOT NULL, summary TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (case_id, period));"
	"CREATE TABLE kpis ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kpi TEXT NOT NULL, baseline TEXT NOT NULL, target TEXT NOT NULL,"
	"  UNIQUE (case_id, kpi));"
	"CREATE TABLE kpi_values ("
	"  id TEXT PRIMARY KEY,"
	"  kpi_id TEXT NOT NULL REFERENCES kpis (id),"
	"  period TEXT NOT NULL, value TEXT NOT NULL,"
	"  UNIQUE (kpi_id, period));"
	"CREATE TABLE readiness ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  filed_on TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, position INTEGER NOT NULL);"
	"CREATE INDEX readiness_case ON readiness (case_id, filed_on, position);",
	/* 11: visit bundles applied at the office (bundle_in.c) and the fields
	 * changed on both sides, kept until a person picks a value */
	"CREATE TABLE bundles_applied ("
	"  id TEXT PRIMARY KEY,"
	"  bundle_hash TEXT NOT NULL," /* the bundle's manifest hash */
	"  source TEXT NOT NULL,"
	"  seq INTEGER NOT NULL," /* the recorded change (bundle_changes.seq) */
	"  sha256 TEXT NOT NULL,"
	"  applied_by TEXT NOT NULL, applied_at TEXT NOT NULL,"
	"  UNIQUE (bundle_hash, seq));"
	"CREATE TABLE conflicts ("
	"  id TEXT PRIMARY KEY,"
	"  bundle_hash TEXT NOT NULL,"
	"  tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL," /* field "-": a row deleted in the bundle */
	"  base TEXT, office TEXT, bundle TEXT,"
	"  status TEXT NOT NULL," /* open, resolved */
	"  resolved_value TEXT, resolved_by TEXT, resolved_at TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX conflicts_status ON conflicts (status, created_at);",
	/* 12: the enterprises' names sorted in the zh_CN collation (pinyin) by a
	 * key kept beside the name (sortkey.c: derived, written by the write
	 * path, not audited), filled for the rows there are by migrate(), in the
	 * same transaction, since SQLite cannot make the key itself */
	"ALTER TABLE enterprises ADD COLUMN name_key BLOB;"
	"CREATE INDEX enterprises_name_key ON enterprises (name_key, id);"
	"CREATE INDEX enterprises_region_name_key ON enterprises (region, name_key, id);"
	"DELETE FROM meta WHERE key = 'sort_collation';",
	/* 13: trust at the boundaries. Every bundle the office writes is
	 * recorded (bundle.c): its id (the manifest's bundle_id), the manifest's
	 * SHA-256, the cases and inspectors it was issued for and the audit head
	 * it was cut from; bundle_in.c applies only bundles found here. A check
	 * planned in a bundle keeps the number it had offline when the office
	 * gives it its own. A conflict may carry the reason a bundle's change
	 * was refused (NULL: a field changed on both sides). */
	"CREATE TABLE bundles_issued ("
	"  id TEXT PRIMARY KEY," /* the bundle's id, bundle_manifest.bundle_id */
	"  manifest_sha256 TEXT NOT NULL,"
	"  case_ids TEXT NOT NULL," /* comma-separated case ids */
	"  inspectors TEXT NOT NULL," /* comma-separated logins, may be empty */
	"  audit_head TEXT,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL);"
	"ALTER TABLE checks ADD COLUMN offline_number TEXT;"
	"CREATE INDEX checks_offline_number ON checks (offline_number) WHERE offline_number IS NOT NULL;"
	"ALTER TABLE conflicts ADD COLUMN reason TEXT;",
	/* 14: imports that can be undone (import_batch.c). Each import that
	 * wrote something is a batch: its number, what it read, its counts and
	 * the audit rows of its writes (first_seq..last_seq), which say what it
	 * created (rows first audited there) and what it changed; once undone,
	 * who undid it and the audit rows of the undo. */
	"CREATE TABLE import_batches ("
	"  id TEXT PRIMARY KEY,"
	"  number INTEGER NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL," /* cases, experts */
	"  source TEXT NOT NULL," /* the file's name as given */
	"  created INTEGER NOT NULL, unchanged INTEGER NOT NULL, changed INTEGER NOT NULL,"
	"  first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  undone_by TEXT, undone_at TEXT,"
	"  undo_first_seq INTEGER, undo_last_seq INTEGER);" /* the audit rows of its undo */
	"CREATE INDEX import_batches_seq ON import_batches (first_seq);"
	"CREATE INDEX import_batches_undo ON import_batches (undo_first_seq) WHERE undo_first_seq IS NOT NULL;"
	/* the undo looks up the rows referring to a case or an expert it would
	 * delete, by every foreign key: these were the ones without an index */
	"CREATE INDEX findings_case ON findings (case_id);"
	"CREATE INDEX followups_case ON followups (case_id);"
	"CREATE INDEX panels_chair ON panels (chair_id);"
	"CREATE INDEX panel_members_expert ON panel_members (expert_id);"
	"CREATE INDEX panel_notes_expert ON panel_notes (expert_id);",
	/* 15: dynamic management and the public notice (objections.c). A step
	 * taken by a document (a revocation) keeps its number (文号) on its
	 * event, dated by the event's on_date; the objections raised in a
	 * notice: who raised it, when and what, and who resolved it, when and
	 * how. */
	"ALTER TABLE events ADD COLUMN document TEXT;"
	"CREATE TABLE objections ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  raised_by TEXT NOT NULL, raised_on TEXT NOT NULL, text TEXT NOT NULL,"
	"  resolved_by TEXT, resolved_on TEXT, outcome TEXT,"
	"  recorded_by TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX objections_case ON objections (case_id, raised_on);",
	/* 16: a step taken though a precondition failed: what was not met
	 * (preconditions.c's codes, e.g. "late=7|panel=evaluation") and the
	 * admin's written reason for the override. */
	("ALTER TABLE events ADD COLUMN unmet TEXT;"
	 "ALTER TABLE events ADD COLUMN override TEXT;"),
	/* 17: a case's number series, for
	 * numbering by one index entry: the prefix (HB-year-level-), then the
	 * digits by length and value, so the series' last entry is its highest
	 * number (cases.c next_number). */
	"CREATE INDEX cases_number_series ON cases (rtrim(number, '0123456789'), length(number), number);",
	/* 18: the number of scenarios is the forms' (forms_scenario_count), not
	 * the schema's: case_scenarios and check_scenarios are made anew without
	 * CHECK (scenario BETWEEN 1 AND 40), the way SQLite documents it
	 * (lang_altertable.html, "other kinds of table schema changes"): a new
	 * table, the rows copied, the old one dropped, the new one renamed. Their
	 * only indexes are their UNIQUE constraints' (made again with them); no
	 * trigger or view names them and no table refers to them. A foreign key
	 * of the copied rows that does not hold stops the migration (the CHECK of
	 * temp.rebuilt_foreign_keys), so nothing is half done. */
	"CREATE TABLE new_case_scenarios ("
	"  id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  scenario INTEGER NOT NULL,"
	"  UNIQUE (case_id, scenario));"
	"INSERT INTO new_case_scenarios (id, case_id, scenario) SELECT id, case_id, scenario FROM case_scenarios;"
	"DROP TABLE case_scenarios;"
	"ALTER TABLE new_case_scenarios RENAME TO case_scenarios;"
	"CREATE TABLE new_check_scenarios ("
	"  id TEXT PRIMARY KEY,"
	"  check_id TEXT NOT NULL REFERENCES checks (id),"
	"  scenario INTEGER NOT NULL,"
	"  version INTEGER, stage TEXT, stage_order INTEGER, stage_zh TEXT, stage_en TEXT,"
	"  title_zh TEXT, title_en TEXT, text TEXT, activities TEXT, problems TEXT, technologies TEXT,"
	"  UNIQUE (check_id, scenario));"
	"INSERT INTO new_check_scenarios (id, check_id, scenario, version, stage, stage_order, stage_zh, stage_en,"
	"  title_zh, title_en, text, activities, problems, technologies)"
	"  SELECT id, check_id, scenario, version, stage, stage_order, stage_zh, stage_en,"
	"  title_zh, title_en, text, activities, problems, technologies FROM check_scenarios;"
	"DROP TABLE check_scenarios;"
	"ALTER TABLE new_check_scenarios RENAME TO check_scenarios;"
	"CREATE TEMP TABLE rebuilt_foreign_keys (broken INTEGER"
	"  CONSTRAINT \"a rebuilt table's foreign key does not hold\" CHECK (broken IS NULL));"
	"INSERT INTO temp.rebuilt_foreign_keys SELECT 1 FROM pragma_foreign_key_check('case_scenarios');"
	"INSERT INTO temp.rebuilt_foreign_keys SELECT 1 FROM pragma_foreign_key_check('check_scenarios');"
	"DROP TABLE temp.rebuilt_foreign_keys;",
	/* 19: the screens inside one frame. The dashboard's counts, kept
	 * (derived, not audited) so that its figures read a row per group, not
	 * every case (stats.c): the cases by level, state and kept region
	 * (search.c), and the cases declaring each scenario. Kept by triggers, so in the transaction of every
	 * write of a case, whichever path writes it; a group whose count
	 * falls to 0 stays, with 0. */
	"CREATE TABLE case_counts (level TEXT NOT NULL, state TEXT NOT NULL, region TEXT NOT NULL,"
	"  n INTEGER NOT NULL, PRIMARY KEY (level, state, region)) WITHOUT ROWID;"
	"CREATE TABLE scenario_counts (scenario INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
	"INSERT INTO case_counts SELECT level, state, coalesce(region, ''), count(*) FROM cases GROUP BY 1, 2, 3;"
	"INSERT INTO scenario_counts SELECT scenario, count(*) FROM case_scenarios GROUP BY 1;"
	"CREATE TRIGGER case_counts_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_counts VALUES (new.level, new.state, coalesce(new.region, ''), 1)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER case_counts_delete AFTER DELETE ON cases BEGIN"
	"  UPDATE case_counts SET n = n - 1"
	"  WHERE level = old.level AND state = old.state AND region = coalesce(old.region, ''); END;"
	"CREATE TRIGGER case_counts_update AFTER UPDATE OF level, state, region ON cases BEGIN"
	"  UPDATE case_counts SET n = n - 1"
	"  WHERE level = old.level AND state = old.state AND region = coalesce(old.region, '');"
	"  INSERT INTO case_counts VALUES (new.level, new.state, coalesce(new.region, ''), 1)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER scenario_counts_insert AFTER INSERT ON case_scenarios BEGIN"
	"  INSERT INTO scenario_counts VALUES (new.scenario, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER scenario_counts_delete AFTER DELETE ON case_scenarios BEGIN"
	"  UPDATE scenario_counts SET n = n - 1 WHERE scenario = old.scenario; END;"
	"CREATE TRIGGER scenario_counts_update AFTER UPDATE OF scenario ON case_scenarios BEGIN"
	"  UPDATE scenario_counts SET n = n - 1 WHERE scenario = old.scenario;"
	"  INSERT INTO scenario_counts VALUES (new.scenario, 1) ON CONFLICT DO UPDATE SET n = n + 1; END;"
	/* and the list's filters read an index of their own: the next
	 * deadlines with the number (overdue, due=N: the page is chosen in the
	 * index alone, not from every overdue case's row), the cases of a
	 * scenario (stage=) */
	"DROP INDEX cases_next_due;"
	"CREATE INDEX cases_next_due ON cases (next_due, number);"
	"CREATE INDEX case_scenarios_scenario ON case_scenarios (scenario, case_id);",
	/* 20: a compact audit (audit.c): one record per record written, not
	 * a row per field. An insert keeps no values (the row's now, rewound
	 * through the later records), an update the fields it changed with
	 * their old and new values and a delete the row's last values, as
	 * JSON {"field": [old, new]}; the time in seconds, the hash as 32
	 * bytes and no copy of the previous one. owner: the case, check or
	 * panel a deleted row belonged to (History). migrate() converts the
	 * rows of schema 17 (audit_v1) once their chain is verified, the new
	 * chain beginning at its head (meta audit_v1_head). audit_fields
	 * shows the fields updates and deletes wrote, one a row. */
	"DROP INDEX audit_value;"
	"DROP INDEX audit_row;"
	"ALTER TABLE audit RENAME TO audit_v1;"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  tbl TEXT NOT NULL,"
	"  row_id TEXT NOT NULL,"
	"  op INTEGER NOT NULL," /* 0 insert, 1 update, 2 delete */
	"  change TEXT,"
	"  owner TEXT,"
	"  hash BLOB NOT NULL);"
	"CREATE INDEX audit_row ON audit (row_id, seq);"
	"CREATE INDEX audit_owner ON audit (owner) WHERE owner IS NOT NULL;"
	"CREATE VIEW audit_fields AS SELECT a.seq, a.op, a.actor,"
	"  CASE WHEN typeof(a.at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%SZ', a.at, 'unixepoch') ELSE a.at END AS at,"
	"  a.tbl, a.row_id, j.key AS field, j.value ->> 0 AS old, j.value ->> 1 AS new"
	"  FROM audit a, json_each(a.change) j;"
	"INSERT INTO meta VALUES ('audit_convert', '1');",
	/* 21: the sweep at every start reads what may have lapsed, not every
	 * overdue case (steps.c): the live certifications by expiry, and the
	 * live uncertified cultivations by state and start (a lapsed one
	 * waiting for a decision is in another state: not read). A case
	 * leaves both when it is cancelled (no next_due). */
	"CREATE INDEX cases_expiry ON cases (expires_on)"
	"  WHERE next_due IS NOT NULL AND expires_on IS NOT NULL;"
	"CREATE INDEX cases_cultivation_start ON cases (state, cultivation_starts_on)"
	"  WHERE next_due IS NOT NULL AND certified_on IS NULL AND cultivation_starts_on IS NOT NULL;",
	/* 22: storage per case. Three indexes no query needs, each a copy of
	 * another's first columns: the enterprises' names and regions in
	 * code-point order (the list sorts and pages on name_key since
	 * migration 12) and the factories by enterprise alone (the index of
	 * migration 5 begins with enterprise_id). */
	"DROP INDEX enterprises_name;"
	"DROP INDEX enterprises_region;"
	"DROP INDEX factories_enterprise;"
	/* And the audit's record keeps its table and row more briefly: t, the
	 * table's number for the six tables written for every case (the
	 * same numbers as audit.c's record_insert), else its name; rid, a
	 * row id of 32 lowercase hex digits as its 16 bytes (written so from
	 * now on; the records there are keep their text, SQLite having no
	 * unhex before 3.41), else the id's text. tbl and row_id read them
	 * back as before (generated, not stored), so every reader, the
	 * hash and the index on row_id are unchanged. The table is made
	 * anew, its records copied. */
	"DROP VIEW audit_fields;"
	"DROP INDEX audit_row;"
	"DROP INDEX audit_owner;"
	"ALTER TABLE audit RENAME TO audit_v2;"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  t NOT NULL,"
	"  rid NOT NULL,"
	"  op INTEGER NOT NULL,"
	"  change TEXT,"
	"  owner TEXT,"
	"  hash BLOB NOT NULL,"
	"  tbl TEXT GENERATED ALWAYS AS (CASE t WHEN 1 THEN 'enterprises' WHEN 2 THEN 'factories' WHEN 3 THEN 'cases'"
	"   WHEN 4 THEN 'case_scenarios' WHEN 5 THEN 'case_materials' WHEN 6 THEN 'events' ELSE t END) VIRTUAL,"
	"  row_id TEXT GENERATED ALWAYS AS (CASE WHEN typeof(rid) = 'blob' THEN lower(hex(rid)) ELSE rid END) VIRTUAL);"
	"INSERT INTO audit (seq, at, actor, t, rid, op, change, owner, hash)"
	"  SELECT seq, at, actor, CASE tbl WHEN 'enterprises' THEN 1 WHEN 'factories' THEN 2 WHEN 'cases' THEN 3"
	"   WHEN 'case_scenarios' THEN 4 WHEN 'case_materials' THEN 5 WHEN 'events' THEN 6 ELSE tbl END,"
	"  row_id, op, change, owner, hash FROM audit_v2 ORDER BY seq;"
	"DROP TABLE audit_v2;"
	"CREATE INDEX audit_row ON audit (row_id, seq);"
	"CREATE INDEX audit_owner ON audit (owner) WHERE owner IS NOT NULL;"
	"CREATE VIEW audit_fields AS SELECT a.seq, a.op, a.actor,"
	"  CASE WHEN typeof(a.at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%SZ', a.at, 'unixepoch') ELSE a.at END AS at,"
	"  a.tbl, a.row_id, j.key AS field, j.value ->> 0 AS old, j.value ->> 1 AS new"
	"  FROM audit a, json_each(a.change) j;",
	/* 23: the case list's stage filter counts its cases in a kept row,
	 * not by reading every declaration of the stage's scenarios (list.c):
	 * stage_counts holds the cases declaring one scenario or more of each
	 * stage of scenario_stages, the forms' stage of each scenario, which
	 * the store writes from its forms when they differ (list.c
	 * store_stages_sync: the forms are not known here). Derived, not
	 * audited; kept by triggers in the transaction of every write of a
	 * declaration, whichever path writes it. */
	"CREATE TABLE scenario_stages (scenario INTEGER PRIMARY KEY, stage TEXT NOT NULL);"
	"CREATE TABLE stage_counts (stage TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TRIGGER stage_counts_insert AFTER INSERT ON case_scenarios BEGIN"
	"  INSERT INTO stage_counts SELECT t.stage, 1 FROM scenario_stages t WHERE t.scenario = new.scenario"
	"  AND NOT EXISTS (SELECT 1 FROM case_scenarios s JOIN scenario_stages u ON u.scenario = s.scenario"
	"   WHERE s.case_id = new.case_id AND s.rowid <> new.rowid AND u.stage = t.stage)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER stage_counts_delete AFTER DELETE ON case_scenarios BEGIN"
	"  UPDATE stage_counts SET n = n - 1"
	"  WHERE stage = (SELECT stage FROM scenario_stages WHERE scenario = old.scenario)"
	"  AND NOT EXISTS (SELECT 1 FROM case_scenarios s JOIN scenario_stages u ON u.scenario = s.scenario"
	"   WHERE s.case_id = old.case_id AND u.stage = stage_counts.stage); END;"
	"CREATE TRIGGER stage_counts_update AFTER UPDATE OF case_id, scenario ON case_scenarios BEGIN"
	"  UPDATE stage_counts SET n = n - 1"
	"  WHERE stage = (SELECT stage FROM scenario_stages WHERE scenario = old.scenario)"
	"  AND NOT EXISTS (SELECT 1 FROM case_scenarios s JOIN scenario_stages u ON u.scenario = s.scenario"
	"   WHERE s.case_id = old.case_id AND s.rowid <> new.rowid AND u.stage = stage_counts.stage);"
	"  INSERT INTO stage_counts SELECT t.stage, 1 FROM scenario_stages t WHERE t.scenario = new.scenario"
	"  AND NOT EXISTS (SELECT 1 FROM case_scenarios s JOIN scenario_stages u ON u.scenario = s.scenario"
	"   WHERE s.case_id = new.case_id AND s.rowid <> new.rowid AND u.stage = t.stage)"
	"  ON CONFLICT DO UPDATE SET n = n + 1; END;"
	/* and a search of three characters or more reads the trigrams of the
	 * searched characters (search.c), filled by the rebuild of the search
	 * index (search_rebuild) */
	"CREATE VIRTUAL TABLE case_search3 USING fts5(number, enterprise, credit_code, factory, note,"
	"  tokenize = 'trigram');"
	"INSERT OR REPLACE INTO meta VALUES ('search_rebuild', '1');",
	/* 24: storage per case (issue 18). The two search indexes keep one
	 * copy of their text, not one each: case_search_text holds each
	 * case's searched characters spaced (search.c), the content of
	 * case_search (one token a character); case_search3 reads the same
	 * text without its spaces through the view case_search_squeezed.
	 * Both are external-content tables, written by search.c (the old
	 * values deleted from the row before it changes), with no table of
	 * token counts (columnsize = 0: no query ranks); verify holds each
	 * index to the text with FTS5's integrity-check. Filled by the
	 * rebuild at the end of the migration (search_rebuild). */
	"DROP TABLE case_search;"
	"DROP TABLE case_search3;"
	"CREATE TABLE case_search_text (id INTEGER PRIMARY KEY, number, enterprise, credit_code, factory, note);"
	"CREATE VIEW case_search_squeezed AS SELECT id, replace(number, ' ', '') AS number,"
	"  replace(enterprise, ' ', '') AS enterprise, replace(credit_code, ' ', '') AS credit_code,"
	"  replace(factory, ' ', '') AS factory, replace(note, ' ', '') AS note FROM case_search_text;"
	"CREATE VIRTUAL TABLE case_search USING fts5(number, enterprise, credit_code, factory, note,"
	"  tokenize = 'unicode61', content = 'case_search_text', content_rowid = 'id', columnsize = 0);"
	"CREATE VIRTUAL TABLE case_search3 USING fts5(number, enterprise, credit_code, factory, note,"
	"  tokenize = 'trigram', content = 'case_search_squeezed', content_rowid = 'id', columnsize = 0);"
	"INSERT OR REPLACE INTO meta VALUES ('search_rebuild', '1');"
	/* And the audit's records of a row are found by rid, the row id as
	 * stored (16 bytes for an id of 32 hex digits), not by the generated
	 * row_id (its 32 characters in every entry of the index); the index
	 * ends with seq, the rowid, as audit_row did. Readers bind the id as
	 * audit.c stores it (rid_of). audit_fields shows rid too. The records
	 * written before migration 22 keep their row ids as text: migrate()
	 * (store.c) stores them as 16 bytes (audit_rid_convert), which the
	 * generated row_id reads back as the same text (their hashes hold). */
	"DROP VIEW audit_fields;"
	"DROP INDEX audit_row;"
	"CREATE INDEX audit_rid ON audit (rid);"
	"CREATE VIEW audit_fields AS SELECT a.seq, a.op, a.actor,"
	"  CASE WHEN typeof(a.at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%SZ', a.at, 'unixepoch') ELSE a.at END AS at,"
	"  a.tbl, a.row_id, j.key AS field, j.value ->> 0 AS old, j.value ->> 1 AS new, a.rid"
	"  FROM audit a, json_each(a.change) j;"
	"INSERT OR REPLACE INTO meta VALUES ('audit_rid_convert', '1');",
	/* 25: the deadlines of each case (agenda.c), kept beside next_due in
	 * the transaction that writes it, so that a page of the agenda reads
	 * that page's rows only, in its order (due_on, number, kind, case_id).
	 * Derived, not audited; verify checks them against the rules. Filled
	 * anew when the forms are known and are not those they were filled
	 * with (meta case_dues_forms, store_dues_sync): the rules and the
	 * holiday calendars are the forms'. */
	"CREATE TABLE case_dues (case_id TEXT NOT NULL, kind TEXT NOT NULL,"
	"  due_on TEXT NOT NULL, number TEXT NOT NULL, provisional INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (case_id, kind)) WITHOUT ROWID;"
	"CREATE INDEX case_dues_due ON case_dues (due_on, number, kind);"
	/* a case taken back (an import undone) takes its deadlines with it */
	"CREATE TRIGGER case_dues_delete AFTER DELETE ON cases BEGIN"
	"  DELETE FROM case_dues WHERE case_id = old.id; END;",
	/* 26: storage per case (issue 18). The scenarios a case declares are
	 * a field of the case, as the intake form edits them: "1,5,12", in
	 * ascending order, NULL for none; one audit record when they change,
	 * not a row with an id, an audit record and three indexes for each
	 * scenario (877 bytes a case of four). The list's filters and the
	 * counts read scenario_cases, derived from the field and kept by
	 * triggers on cases in the transaction of every write, whichever path
	 * writes it (scenario_counts and stage_counts with it, each change
	 * taking the old set away and adding the new). migrate() moves the
	 * rows of case_scenarios into the field, each row deleted and each
	 * case updated through the audit (meta scenarios_convert), so that
	 * History, log and verify keep them; case_scenarios stays, empty, for
	 * the records of its rows, and takes no writes (write.c). */
	"ALTER TABLE cases ADD COLUMN scenarios TEXT;"
	"CREATE TABLE scenario_cases (scenario INTEGER NOT NULL, case_id TEXT NOT NULL,"
	"  PRIMARY KEY (scenario, case_id)) WITHOUT ROWID;"
	"DROP TRIGGER scenario_counts_insert; DROP TRIGGER scenario_counts_delete; DROP TRIGGER scenario_counts_update;"
	"DROP TRIGGER stage_counts_insert; DROP TRIGGER stage_counts_delete; DROP TRIGGER stage_counts_update;"
	"DROP INDEX case_scenarios_scenario;"
	"UPDATE scenario_counts SET n = 0; UPDATE stage_counts SET n = 0;"
	"CREATE TRIGGER scenarios_insert AFTER INSERT ON cases WHEN new.scenarios IS NOT NULL BEGIN"
	"  INSERT INTO scenario_cases SELECT value, new.id FROM json_each('[' || new.scenarios || ']');"
	"  INSERT INTO scenario_counts SELECT value, 1 FROM json_each('[' || new.scenarios || ']') WHERE 1"
	"  ON CONFLICT DO UPDATE SET n = n + 1;"
	"  INSERT INTO stage_counts SELECT DISTINCT t.stage, 1 FROM json_each('[' || new.scenarios || ']') j"
	"  JOIN scenario_stages t ON t.scenario = j.value WHERE 1 ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER scenarios_delete AFTER DELETE ON cases WHEN old.scenarios IS NOT NULL BEGIN"
	"  DELETE FROM scenario_cases WHERE case_id = old.id"
	"  AND scenario IN (SELECT value FROM json_each('[' || old.scenarios || ']'));"
	"  UPDATE scenario_counts SET n = n - 1 WHERE scenario IN (SELECT value FROM json_each('[' || old.scenarios || ']'));"
	"  UPDATE stage_counts SET n = n - 1 WHERE stage IN (SELECT t.stage FROM json_each('[' || old.scenarios || ']') j"
	"  JOIN scenario_stages t ON t.scenario = j.value); END;"
	"CREATE TRIGGER scenarios_update AFTER UPDATE OF scenarios ON cases"
	"  WHEN old.scenarios IS NOT new.scenarios BEGIN"
	"  DELETE FROM scenario_cases WHERE case_id = old.id"
	"  AND scenario IN (SELECT value FROM json_each('[' || coalesce(old.scenarios, '') || ']'));"
	"  UPDATE scenario_counts SET n = n - 1"
	"  WHERE scenario IN (SELECT value FROM json_each('[' || coalesce(old.scenarios, '') || ']'));"
	"  UPDATE stage_counts SET n = n - 1 WHERE stage IN (SELECT t.stage"
	"  FROM json_each('[' || coalesce(old.scenarios, '') || ']') j JOIN scenario_stages t ON t.scenario = j.value);"
	"  INSERT INTO scenario_cases SELECT value, new.id FROM json_each('[' || coalesce(new.scenarios, '') || ']');"
	"  INSERT INTO scenario_counts SELECT value, 1 FROM json_each('[' || coalesce(new.scenarios, '') || ']') WHERE 1"
	"  ON CONFLICT DO UPDATE SET n = n + 1;"
	"  INSERT INTO stage_counts SELECT DISTINCT t.stage, 1 FROM json_each('[' || coalesce(new.scenarios, '') || ']') j"
	"  JOIN scenario_stages t ON t.scenario = j.value WHERE 1 ON CONFLICT DO UPDATE SET n = n + 1; END;"
	"INSERT OR REPLACE INTO meta VALUES ('scenarios_convert', '1');",
};

int schema_latest_version(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *schema_migration(int version)
{
	if (version < 1 || version > schema_latest_version())
		return NULL;
	return migrations[version - 1];
}

const char *schema_fresh_end(void)
{
	/* an empty database has no audit of schema 17 to convert (migration 20) */
	return "DROP TABLE audit_v1; DELETE FROM meta WHERE key IN ('audit_convert', 'audit_rid_convert', 'scenarios_convert');";
}

const char *schema_bundle_tables(void)
{
	return "CREATE TABLE bundle_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	       "CREATE TABLE bundle_changes (seq INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, data BLOB NOT NULL,"
	       "  actor TEXT NOT NULL);";
}

int schema_expected_open(sqlite3 **db, bool bundle)
{
	int version, rc = sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

	for (version = 1; rc == SQLITE_OK && version <= schema_latest_version(); version++)
		rc = sqlite3_exec(*db, schema_migration(version), NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, schema_fresh_end(), NULL, NULL, NULL);
	if (rc == SQLITE_OK && bundle)
		rc = sqlite3_exec(*db, schema_bundle_tables(), NULL, NULL, NULL);
	return rc;
}

/* Columns that the write path may touch, per table (NULL-terminated). */
static const char *const enterprise_fields[] = {
	"name", "credit_code", "region", "industry", "contact", "created_at", NULL };
static const char *const factory_fields[] = {
	"enterprise_id", "name", "address", "created_at", NULL };
static const char *const case_fields[] = {
	"number", "factory_id", "level", "year", "state", "maturity_centi", "maturity_level",
	"commitment_on", "applied_by", "applied_on", "recommended_by", "recommended_on",
	"certified_by", "certified_on", "expires_on", "cultivation_starts_on", "next_due",
	"note", "created_at", "scenarios", NULL };
/* Retired by migration 26 (the scenarios of cases.scenarios): the records of its rows are still read. */
static const char *const case_scenario_fields[] = { "case_id", "scenario", NULL };
static const char *const case_material_fields[] = { "case_id", "material", "received_on", NULL };
static const char *const event_fields[] = {
	"case_id", "step", "from_state", "to_state", "kind", "actor", "on_date", "note",
	"created_at", "document", "unmet", "override", NULL };
static const char *const objection_fields[] = {
	"case_id", "raised_by", "raised_on", "text", "resolved_by", "resolved_on", "outcome", "recorded_by",
	"created_at", NULL };
static const char *const user_fields[] = { "login", "role", "name", "created_at", NULL };

static const char *const check_fields[] = {
	"case_id", "number", "planned_on", "draw_count", "draw_seed", "forms_hash", "status", "created_at",
	"offline_number", NULL };
static const char *const check_inspector_fields[] = { "check_id", "login", NULL };
static const char *const check_scenario_fields[] = {
	"check_id", "scenario", "version", "stage", "stage_order", "stage_zh", "stage_en", "title_zh", "title_en",
	"text", "activities", "problems", "technologies", NULL };
static const char *const check_item_fields[] = {
	"check_id", "scenario", "item", "text", "text_en", "kind", "unit", "better", "choices", "required",
	"evidence", "evidence_required", "weight", NULL };
/* The file's bytes (data) are not audited: verify checks them by their SHA-256. */
static const char *const attachment_fields[] = { "sha256", "name", "type", "size", "added_by", "added_at", NULL };
static const char *const evidence_fields[] = {
	"check_id", "scenario", "item", "finding_id", "attachment_id", "added_by", "added_at", NULL };
static const char *const finding_fields[] = {
	"check_id", "panel_id", "case_id", "scenario", "item", "severity", "action", "due_on", "status", "created_at",
	"closed_on", "closed_by", "closing_note", NULL };
static const char *const signature_fields[] = { "check_id", "login", "signed_at", "hash", NULL };
static const char *const amendment_fields[] = {
	"check_id", "scenario", "item", "old_value", "old_note", "new_value", "new_note", "reason", "amended_by",
	"amended_at", NULL };
static const char *const answer_fields[] = {
	"check_id", "scenario", "item", "value", "note", "answered_by", "answered_at", NULL };

static const char *const expert_fields[] = {
	"code", "name", "fields", "affiliation", "region", "contact", "conflicts", "created_at", NULL };
static const char *const panel_fields[] = {
	"case_id", "number", "purpose", "meeting_on", "chair_id", "status", "opinion", "opinion_text", "score",
	"signed_by", "signed_at", "hash", "step", "created_at", NULL };
static const char *const panel_member_fields[] = { "panel_id", "expert_id", "score", NULL };
static const char *const panel_note_fields[] = {
	"panel_id", "expert_id", "scenario", "criterion", "note", "written_by", "written_at", NULL };

static const char *const cultivation_plan_fields[] = {
	"case_id", "version", "title", "body", "change", "created_by", "created_at", NULL };
static const char *const milestone_fields[] = { "case_id", "title", "due_on", "owner", "done_on", "created_at", NULL };
static const char *const session_fields[] = { "case_id", "held_on", "experts", "advice", "created_at", NULL };
static const char *const followup_fields[] = {
	"session_id", "case_id", "action", "due_on", "owner", "done_on", "created_at", NULL };
static const char *const progress_report_fields[] = {
	"case_id", "period", "received_on", "summary", "created_at", NULL };
static const char *const kpi_fields[] = { "case_id", "kpi", "baseline", "target", NULL };
static const char *const kpi_value_fields[] = { "kpi_id", "period", "value", NULL };
static const char *const readiness_fields[] = { "case_id", "filed_on", "kind", "text", "position", NULL };

static const char *const bundle_applied_fields[] = {
	"bundle_hash", "source", "seq", "sha256", "applied_by", "applied_at", NULL };
static const char *const conflict_fields[] = {
	"bundle_hash", "tbl", "row_id", "field", "base", "office", "bundle", "status", "resolved_value", "resolved_by",
	"resolved_at", "created_at", "reason", NULL };
static const char *const bundle_issued_fields[] = {
	"manifest_sha256", "case_ids", "inspectors", "audit_head", "created_by", "created_at", NULL };
static const char *const import_batch_fields[] = {
	"number", "kind", "source", "created", "unchanged", "changed", "first_seq", "last_seq", "created_by",
	"created_at", "undone_by", "undone_at", "undo_first_seq", "undo_last_seq", NULL };

static const struct schema_table tables[] = {
	{ "cultivation_plans", cultivation_plan_fields },
	{ "milestones", milestone_fields },
	{ "guidance_sessions", session_fields },
	{ "followups", followup_fields },
	{ "progress_reports", progress_report_fields },
	{ "kpis", kpi_fields },
	{ "kpi_values", kpi_value_fields },
	{ "readiness", readiness_fields },
	{ "experts", expert_fields },
	{ "panels", panel_fields },
	{ "panel_members", panel_member_fields },
	{ "panel_notes", panel_note_fields },
	{ "checks", check_fields },
	{ "check_inspectors", check_inspector_fields },
	{ "check_scenarios", check_scenario_fields },
	{ "answers", answer_fields },
	{ "check_items", check_item_fields },
	{ "attachments", attachment_fields },
	{ "evidence", evidence_fields },
	{ "findings", finding_fields },
	{ "signatures", signature_fields },
	{ "amendments", amendment_fields },
	{ "enterprises", enterprise_fields },
	{ "factories", factory_fields },
	{ "cases", case_fields },
	{ "case_scenarios", case_scenario_fields },
	{ "case_materials", case_material_fields },
	{ "events", event_fields },
	{ "objections", objection_fields },
	{ "users", user_fields },
	{ "bundles_applied", bundle_applied_fields },
	{ "conflicts", conflict_fields },
	{ "bundles_issued", bundle_issued_fields },
	{ "import_batches", import_batch_fields },
};

/* Fields of several lines: the only ones whose text may hold line feeds,
 * CR LF and tabs (every text written is UTF-8 without control characters). */
static const char *const multiline_fields[] = {
	"cases.note", "events.note", "answers.note", "amendments.old_note", "amendments.new_note",
	"amendments.reason", "findings.action", "findings.closing_note", "panels.opinion_text", "panel_notes.note",
	"cultivation_plans.body", "cultivation_plans.change", "guidance_sessions.advice", "followups.action",
	"progress_reports.summary", "readiness.text", "check_scenarios.text", "check_scenarios.activities",
	"check_scenarios.problems", "check_scenarios.technologies", "check_items.text", "check_items.text_en",
	"conflicts.base", "conflicts.office", "conflicts.bundle", "conflicts.resolved_value", "conflicts.reason",
	"objections.text", "objections.outcome", NULL,
};

bool schema_is_multiline(const char *table, const char *field)
{
	size_t i, n = strlen(table);

	for (i = 0; multiline_fields[i]; i++)
		if (!strncmp(multiline_fields[i], table, n) && multiline_fields[i][n] == '.' &&
		    !strcmp(multiline_fields[i] + n + 1, field))
			return true;
	return false;
}

const struct schema_table *schema_table(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (!strcmp_safe(tables[i].name, name))
			return &tables[i];
	return NULL;
}

const struct schema_table *schema_table_at(size_t i)
{
	return i < sizeof(tables) / sizeof(tables[0]) ? &tables[i] : NULL;
}

bool schema_has_field(const struct schema_table *table, const char *field)
{
	size_t i;

	for (i = 0; table->fields[i]; i++)
		if (!strcmp_safe(table->fields[i], field))
			return true;
	return false;
}
