-- make bench: the statements gradus runs for each interaction, run again by
-- the sqlite3 shell for the lower bound. tests/unit/test_bench_sql.c plays
-- each interaction in gradus, records what it runs with sqlite3_trace_v2 and
-- fails (printing what gradus ran) when this file differs: when a statement
-- of gradus changes, paste the printed statements here.
--
-- "-- value NAME: SQL" is read on the database at hand; {NAME} in a
-- statement stands for it. Per interaction: "-- before:" keys typed first
-- (a gradus script line, not timed), "-- key:" the key timed (key to screen
-- written), "-- after:" keys that undo it (so it can be repeated). Start-up
-- has no key: the whole process, from start to quitting at the first screen.
-- "-- each NAME: SQL" ... "-- end": the statements between, once for each
-- row of SQL, {NAME} its first column (gradus's statements per row).
-- The start's sweep reads the system clock, not --today or GRADUS_TODAY:
-- {clock_today}. "-- rest:" ends an interaction whose further statements,
-- one or two per row of the last, are not written here (nor run by the
-- shell, so its figure is harsher on gradus). One statement a line. BENCH_SQL_PRINT=1
-- build/tests/test_bench_sql prints them all.
-- value clock_today: SELECT date('now', 'localtime')
-- value clock_two_years_ago: SELECT date('now', 'localtime', '-2 years')
-- value first_id: SELECT id FROM cases ORDER BY number LIMIT 1
-- value first_number: SELECT number FROM cases ORDER BY number LIMIT 1
-- value bottom_number: SELECT number FROM cases ORDER BY number LIMIT 1 OFFSET 21
-- value last_number: SELECT number FROM cases ORDER BY number DESC LIMIT 1
-- value first_by_enterprise: SELECT c.number FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id ORDER BY e.name_key, c.number LIMIT 1
-- value first_by_region: SELECT c.number FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id ORDER BY e.region, e.name_key, c.number LIMIT 1
-- value first_by_level: SELECT number FROM cases ORDER BY level, number LIMIT 1
-- value first_by_year: SELECT number FROM cases ORDER BY year, number LIMIT 1
-- value first_by_state: SELECT number FROM cases ORDER BY state, number LIMIT 1
-- value first_by_due: SELECT number FROM cases ORDER BY coalesce(next_due, '9999-12-31'), number LIMIT 1
-- value first_basic: SELECT number FROM cases WHERE level = 'basic' ORDER BY number LIMIT 1
-- value first_submitted: SELECT number FROM cases WHERE state = 'submitted' ORDER BY number LIMIT 1
-- value first_in_wuhan: SELECT number FROM cases WHERE region = 'wuhan' ORDER BY number LIMIT 1
-- value first_of_construction: SELECT number FROM cases WHERE id IN (SELECT case_id FROM scenario_cases WHERE scenario IN (1, 2, 3)) ORDER BY number LIMIT 1
-- value first_of_2025: SELECT number FROM cases WHERE year = 2025 ORDER BY number LIMIT 1
-- value first_due_in_30: SELECT number FROM cases WHERE next_due <= '2026-12-28' ORDER BY number LIMIT 1
-- value first_overdue: SELECT number FROM cases WHERE next_due < '2026-11-28' ORDER BY number LIMIT 1
-- value case_dues_forms: SELECT value FROM meta WHERE key = 'case_dues_forms'
-- value walk_stage: SELECT CASE WHEN count(*) < 1000 THEN 'c.id IN (SELECT case_id FROM scenario_cases WHERE scenario IN (SELECT value FROM json_each(''[1,2,3]'')))' ELSE 'EXISTS (SELECT 1 FROM scenario_cases s WHERE s.case_id = c.id AND s.scenario IN (SELECT value FROM json_each(''[1,2,3]'')))' END FROM (SELECT 1 FROM scenario_cases WHERE scenario IN (SELECT value FROM json_each('[1,2,3]')) LIMIT 1000)
-- value walk_common: SELECT CASE WHEN count(*) < 1000 THEN 'c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ''"精 密"'')' WHEN 20 * 100 < (1000.0 / max(r)) * (1000.0 / max(r)) * (SELECT max(rowid) FROM cases) THEN 'EXISTS (SELECT 1 FROM case_search s WHERE s.case_search MATCH ''"精 密"'' AND s.rowid = c.rowid)' ELSE '+c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ''"精 密"'')' END FROM (SELECT rowid AS r FROM case_search WHERE case_search MATCH '"精 密"' LIMIT 1000)
-- value walk_rare: SELECT CASE WHEN count(*) < 1000 THEN 'c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH ''"第4938号"'')' WHEN 20 * 100 < (1000.0 / max(r)) * (1000.0 / max(r)) * (SELECT max(rowid) FROM cases) THEN 'EXISTS (SELECT 1 FROM case_search3 s WHERE s.case_search3 MATCH ''"第4938号"'' AND s.rowid = c.rowid)' ELSE '+c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH ''"第4938号"'')' END FROM (SELECT rowid AS r FROM case_search3 WHERE case_search3 MATCH '"第4938号"' LIMIT 1000)
-- value walk_common4: SELECT CASE WHEN count(*) < 1000 THEN 'c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH ''"科技有限"'')' WHEN 20 * 100 < (1000.0 / max(r)) * (1000.0 / max(r)) * (SELECT max(rowid) FROM cases) THEN 'EXISTS (SELECT 1 FROM case_search3 s WHERE s.case_search3 MATCH ''"科技有限"'' AND s.rowid = c.rowid)' ELSE '+c.rowid IN (SELECT rowid FROM case_search3 WHERE case_search3 MATCH ''"科技有限"'')' END FROM (SELECT rowid AS r FROM case_search3 WHERE case_search3 MATCH '"科技有限"' LIMIT 1000)

-- interaction: start-up to first screen
SELECT count(*) FROM sqlite_master;
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
PRAGMA user_version;
SELECT value FROM meta WHERE key = 'sort_collation';
SELECT role FROM users WHERE login = 'root';
SELECT count(*) FROM users;
SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bundle_manifest';
SELECT coalesce((SELECT json_group_array(json_array(scenario, stage)) FROM (SELECT scenario, stage FROM scenario_stages ORDER BY scenario)) = json('[[1,"construction"],[2,"construction"],[3,"construction"],[4,"rnd"],[5,"rnd"],[6,"process"],[7,"process"],[8,"management"],[9,"management"],[10,"management"],[11,"management"],[12,"management"],[13,"management"],[14,"management"],[15,"management"],[16,"management"],[17,"management"],[18,"management"],[19,"management"],[20,"operations"],[21,"operations"],[22,"operations"],[23,"operations"],[24,"operations"],[25,"operations"],[26,"operations"],[27,"operations"],[28,"operations"],[29,"operations"],[30,"business"],[31,"business"],[32,"business"],[33,"business"],[34,"service"],[35,"service"],[36,"service"],[37,"supply"],[38,"supply"],[39,"supply"],[40,"supply"]]'), 0);
SELECT coalesce((SELECT value FROM meta WHERE key = 'case_dues_forms'), '') = '{case_dues_forms}';
WITH lapsed AS MATERIALIZED (SELECT id, next_due, number FROM cases WHERE +next_due < '{clock_today}' AND (next_due IS NOT NULL AND expires_on < '{clock_today}' OR next_due IS NOT NULL AND cultivation_starts_on <= '{clock_two_years_ago}' AND certified_on IS NULL AND state IN (SELECT value FROM json_each('["cultivating"]')))) SELECT id FROM lapsed ORDER BY next_due, number;
-- each id: WITH lapsed AS MATERIALIZED (SELECT id, next_due, number FROM cases WHERE +next_due < '{clock_today}' AND (next_due IS NOT NULL AND expires_on < '{clock_today}' OR next_due IS NOT NULL AND cultivation_starts_on <= '{clock_two_years_ago}' AND certified_on IS NULL AND state IN (SELECT value FROM json_each('["cultivating"]')))) SELECT id FROM lapsed ORDER BY next_due, number
SELECT id FROM cases WHERE number = upper('{id}');
SELECT id FROM cases WHERE id >= lower('{id}') AND id < lower('{id}') || 'g' LIMIT 2;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due, f.address, e.industry, e.contact, c.commitment_on, c.applied_by, c.applied_on, c.recommended_by, c.recommended_on, c.certified_by, c.certified_on, c.expires_on, c.cultivation_starts_on, c.note, coalesce(c.maturity_centi, -1), coalesce(c.maturity_level, 0) FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.id = '{id}';
SELECT value FROM json_each('[' || coalesce((SELECT scenarios FROM cases WHERE id = '{id}'), '') || ']');
SELECT step, from_state, to_state, kind, actor, on_date, note, document, unmet, override FROM events WHERE case_id = '{id}' ORDER BY on_date, created_at, rowid;
SELECT material, received_on FROM case_materials WHERE case_id = '{id}' ORDER BY material;
-- end
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: page down
-- before: <PageDown>
-- key: <PageDown>
-- after: g
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND (c.number ) > (SELECT c.number FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.number = '{bottom_number}') ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: jump to end
-- key: G
-- after: g
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.number DESC LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number DESC;

-- interaction: dashboard
-- key: d
-- after: q
SELECT level, state, sum(n) FROM case_counts GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2;
SELECT region, sum(n) FROM case_counts GROUP BY 1 HAVING sum(n) > 0 ORDER BY 2 DESC, 1;
SELECT scenario, n FROM scenario_counts WHERE n > 0;
SELECT count(*) FROM cases WHERE next_due < '2026-11-28';
SELECT count(*) FROM cases WHERE next_due <= '2026-11-30';
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;

-- interaction: agenda
-- key: a
-- after: q
SELECT (SELECT count(*) FROM case_dues WHERE due_on <= '2027-02-26') + (SELECT count(*) FROM findings f JOIN cases c ON c.id = f.case_id WHERE f.status = 'open' AND f.due_on <= '2027-02-26' AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]'))) + (SELECT count(*) FROM milestones m JOIN cases c ON c.id = m.case_id WHERE m.done_on IS NULL AND m.due_on <= '2027-02-26' AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]'))) + (SELECT count(*) FROM followups u JOIN cases c ON c.id = u.case_id WHERE u.done_on IS NULL AND u.due_on <= '2027-02-26' AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]')));
SELECT d.due_on, d.number, d.kind, d.case_id, d.case_id, d.provisional, NULL, e.name, c.level, c.state FROM case_dues d JOIN cases c ON c.id = d.case_id JOIN factories fa ON fa.id = c.factory_id JOIN enterprises e ON e.id = fa.enterprise_id WHERE d.due_on <= '2027-02-26' AND (d.due_on, d.number, d.kind, d.case_id) > ('', '', '', '') UNION ALL SELECT f.due_on, coalesce(k.number, p.number), 'finding', f.id, f.case_id, 0, CASE WHEN f.scenario = 0 THEN '#' || f.item ELSE f.scenario || '.' || f.item END || ' ' || f.severity || coalesce(': ' || f.action, ''), e.name, c.level, c.state FROM findings f LEFT JOIN checks k ON k.id = f.check_id LEFT JOIN panels p ON p.id = f.panel_id JOIN cases c ON c.id = f.case_id JOIN factories fa ON fa.id = c.factory_id JOIN enterprises e ON e.id = fa.enterprise_id WHERE f.status = 'open' AND f.due_on <= '2027-02-26' AND f.due_on >= '' AND (f.due_on, coalesce(k.number, p.number), 'finding', f.id) > ('', '', '', '') AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]')) UNION ALL SELECT m.due_on, c.number, 'milestone', m.id, m.case_id, 0, m.title, e.name, c.level, c.state FROM milestones m JOIN cases c ON c.id = m.case_id JOIN factories fa ON fa.id = c.factory_id JOIN enterprises e ON e.id = fa.enterprise_id WHERE m.done_on IS NULL AND m.due_on <= '2027-02-26' AND m.due_on >= '' AND (m.due_on, c.number, 'milestone', m.id) > ('', '', '', '') AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]')) UNION ALL SELECT u.due_on, c.number, 'followup', u.id, u.case_id, 0, u.action, e.name, c.level, c.state FROM followups u JOIN cases c ON c.id = u.case_id JOIN factories fa ON fa.id = c.factory_id JOIN enterprises e ON e.id = fa.enterprise_id WHERE u.done_on IS NULL AND u.due_on <= '2027-02-26' AND u.due_on >= '' AND (u.due_on, c.number, 'followup', u.id) > ('', '', '', '') AND c.level || ' ' || c.state NOT IN (SELECT value FROM json_each('["basic cancelled","basic rejected","basic revoked","basic withdrawn","advanced cancelled","advanced rejected","advanced revoked","advanced withdrawn","excellent cancelled","excellent rejected","excellent revoked","excellent withdrawn","leading cancelled","leading rejected","leading revoked","leading terminated","leading withdrawn"]')) ORDER BY 1, 2, 3, 4 LIMIT 21;

-- interaction: sort by number, descending
-- before: <Colon>sort number desc
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.number DESC LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number DESC;

-- interaction: sort by enterprise
-- before: <Colon>sort enterprise
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM enterprises e CROSS JOIN factories f ON f.enterprise_id = e.id CROSS JOIN cases c ON c.factory_id = f.id WHERE 1 ORDER BY e.name_key , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY e.name_key , c.number;

-- interaction: sort by region
-- before: <Colon>sort region
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM enterprises e CROSS JOIN factories f ON f.enterprise_id = e.id CROSS JOIN cases c ON c.factory_id = f.id WHERE 1 ORDER BY e.region , e.name_key , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY e.region , e.name_key , c.number;

-- interaction: sort by level
-- before: <Colon>sort level
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.level , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.level , c.number;

-- interaction: sort by year
-- before: <Colon>sort year
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.year , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.year , c.number;

-- interaction: sort by state
-- before: <Colon>sort state
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY c.state , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.state , c.number;

-- interaction: sort by due date
-- before: <Colon>sort due
-- key: <Enter>
-- after: <Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 ORDER BY coalesce(c.next_due, '9999-12-31') , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY coalesce(c.next_due, '9999-12-31') , c.number;

-- interaction: filter level=basic
-- before: <Colon>filter level=basic
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1 AND level = 'basic';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.level = 'basic' ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter state=submitted
-- before: <Colon>filter state=submitted
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1 AND state = 'submitted';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.state = 'submitted' ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter region=wuhan
-- before: <Colon>filter region=wuhan
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1 AND region = 'wuhan';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.region = 'wuhan' ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter stage=construction
-- before: <Colon>filter stage=construction
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT coalesce((SELECT n FROM stage_counts WHERE stage = 'construction'), 0);
SELECT count(*) FROM (SELECT 1 FROM scenario_cases WHERE scenario IN (SELECT value FROM json_each('[1,2,3]')) LIMIT 1000);
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND {walk_stage} ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter year=2025
-- before: <Colon>filter year=2025
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT count(*) FROM cases c WHERE 1 AND c.year = 2025;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.year = 2025 ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter due=30
-- before: <Colon>filter due=30
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT count(*) FROM cases c WHERE 1 AND c.next_due IS NOT NULL AND c.next_due <= '2026-12-28';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.next_due IS NOT NULL AND c.next_due <= '2026-12-28' ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter overdue
-- before: <Colon>filter overdue
-- key: <Enter>
-- after: <Colon>clear<Enter>
SELECT count(*) FROM cases c WHERE 1 AND c.next_due IS NOT NULL AND c.next_due < '2026-11-28';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND c.next_due IS NOT NULL AND c.next_due < '2026-11-28' ORDER BY c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: search, a common term (精密)
-- before: /精
-- key: 密
-- after: <Esc>
SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH '"精 密"' LIMIT 10001);
SELECT count(*), max(r), (SELECT max(rowid) FROM cases) FROM (SELECT rowid AS r FROM case_search WHERE case_search MATCH '"精 密"' LIMIT 1000);
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND {walk_common} ORDER BY c.number LIMIT 20) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: search, a rare term (第4938号)
-- before: /第4938
-- key: 号
-- after: <Esc>
SELECT count(*) FROM (SELECT 1 FROM case_search3 WHERE case_search3 MATCH '"第4938号"' LIMIT 10001);
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND {walk_rare} ORDER BY c.number LIMIT 20) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: filter state=submitted, sorted by level
-- before: <Colon>sort level<Enter><Colon>filter state=submitted
-- key: <Enter>
-- after: <Colon>clear<Enter><Colon>sort number<Enter>
SELECT coalesce(sum(n), 0) FROM case_counts WHERE 1 AND state = 'submitted';
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND +c.state = 'submitted' ORDER BY c.level , c.number LIMIT 21) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.level , c.number;

-- interaction: search, a rare term (第4938号), sorted by region
-- before: <Colon>sort region<Enter>/第4938
-- key: 号
-- after: <Esc><Colon>sort number<Enter>
SELECT count(*) FROM (SELECT 1 FROM case_search3 WHERE case_search3 MATCH '"第4938号"' LIMIT 10001);
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id WHERE 1 AND {walk_rare} ORDER BY e.region , e.name_key , c.number LIMIT 20) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY e.region , e.name_key , c.number;

-- interaction: search, a common term of four characters (科技有限)
-- before: /科技有
-- key: 限
-- after: <Esc>
SELECT count(*) FROM (SELECT 1 FROM case_search3 WHERE case_search3 MATCH '"科技有限"' LIMIT 10001);
SELECT count(*), max(r), (SELECT max(rowid) FROM cases) FROM (SELECT rowid AS r FROM case_search3 WHERE case_search3 MATCH '"科技有限"' LIMIT 1000);
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due FROM (SELECT c.rowid AS r FROM cases c WHERE 1 AND {walk_common4} ORDER BY c.number LIMIT 20) k CROSS JOIN cases c ON c.rowid = k.r CROSS JOIN factories f ON f.id = c.factory_id CROSS JOIN enterprises e ON e.id = f.enterprise_id ORDER BY c.number;

-- interaction: open a case
-- key: <Enter>
-- after: q
SELECT id FROM cases WHERE number = upper('{first_id}');
SELECT id FROM cases WHERE id >= lower('{first_id}') AND id < lower('{first_id}') || 'g' LIMIT 2;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due, f.address, e.industry, e.contact, c.commitment_on, c.applied_by, c.applied_on, c.recommended_by, c.recommended_on, c.certified_by, c.certified_on, c.expires_on, c.cultivation_starts_on, c.note, coalesce(c.maturity_centi, -1), coalesce(c.maturity_level, 0) FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.id = '{first_id}';
SELECT value FROM json_each('[' || coalesce((SELECT scenarios FROM cases WHERE id = '{first_id}'), '') || ']');
SELECT step, from_state, to_state, kind, actor, on_date, note, document, unmet, override FROM events WHERE case_id = '{first_id}' ORDER BY on_date, created_at, rowid;
SELECT material, received_on FROM case_materials WHERE case_id = '{first_id}' ORDER BY material;
SELECT id FROM cases WHERE number = upper('{first_id}');
SELECT id FROM cases WHERE id >= lower('{first_id}') AND id < lower('{first_id}') || 'g' LIMIT 2;
SELECT id, raised_by, raised_on, text, resolved_by, resolved_on, outcome FROM objections WHERE case_id = '{first_id}' ORDER BY raised_on, created_at, rowid;

-- interaction: History of a case
-- before: <Enter><Tab><Tab><Tab>
-- key: <Tab>
-- after: q
SELECT id FROM cases WHERE number = upper('{first_id}');
SELECT id FROM cases WHERE id >= lower('{first_id}') AND id < lower('{first_id}') || 'g' LIMIT 2;
SELECT c.id, c.number, e.name, e.credit_code, f.name, e.region, c.level, c.state, c.year, c.next_due, f.address, e.industry, e.contact, c.commitment_on, c.applied_by, c.applied_on, c.recommended_by, c.recommended_on, c.certified_by, c.certified_on, c.expires_on, c.cultivation_starts_on, c.note, coalesce(c.maturity_centi, -1), coalesce(c.maturity_level, 0) FROM cases c JOIN factories f ON f.id = c.factory_id JOIN enterprises e ON e.id = f.enterprise_id WHERE c.id = '{first_id}';
SELECT value FROM json_each('[' || coalesce((SELECT scenarios FROM cases WHERE id = '{first_id}'), '') || ']');
SELECT step, from_state, to_state, kind, actor, on_date, note, document, unmet, override FROM events WHERE case_id = '{first_id}' ORDER BY on_date, created_at, rowid;
SELECT material, received_on FROM case_materials WHERE case_id = '{first_id}' ORDER BY material;
SELECT id FROM cases WHERE number = upper('{first_id}');
SELECT id FROM cases WHERE id >= lower('{first_id}') AND id < lower('{first_id}') || 'g' LIMIT 2;
WITH c AS (SELECT c.id, c.factory_id, f.enterprise_id FROM cases c JOIN factories f ON f.id = c.factory_id WHERE c.id = '{first_id}'), checks_of (id) AS (SELECT id FROM checks WHERE case_id = '{first_id}' UNION SELECT row_id FROM audit WHERE owner = '{first_id}' AND op = 2 AND tbl = 'checks'), panels_of (id) AS (SELECT id FROM panels WHERE case_id = '{first_id}' UNION SELECT row_id FROM audit WHERE owner = '{first_id}' AND op = 2 AND tbl = 'panels'), rows (tbl, id) AS ( SELECT 'cases', id FROM c UNION SELECT 'factories', factory_id FROM c UNION SELECT 'enterprises', enterprise_id FROM c UNION SELECT 'events', id FROM events WHERE case_id = '{first_id}' UNION SELECT 'case_materials', id FROM case_materials WHERE case_id = '{first_id}' UNION SELECT 'findings', id FROM findings WHERE case_id = '{first_id}' UNION SELECT 'checks', id FROM checks_of UNION SELECT 'panels', id FROM panels_of UNION SELECT tbl, row_id FROM audit WHERE owner = '{first_id}' AND op = 2 AND tbl IN ('events', 'case_scenarios', 'case_materials', 'findings') UNION SELECT 'check_inspectors', id FROM check_inspectors WHERE check_id IN checks_of UNION SELECT 'answers', id FROM answers WHERE check_id IN checks_of UNION SELECT 'evidence', id FROM evidence WHERE check_id IN checks_of UNION SELECT 'findings', id FROM findings WHERE check_id IN checks_of UNION SELECT 'signatures', id FROM signatures WHERE check_id IN checks_of UNION SELECT 'amendments', id FROM amendments WHERE check_id IN checks_of UNION SELECT tbl, row_id FROM audit WHERE owner IN checks_of AND op = 2 AND tbl IN ('check_inspectors', 'answers', 'evidence', 'findings', 'signatures', 'amendments') UNION SELECT 'panel_members', id FROM panel_members WHERE panel_id IN panels_of UNION SELECT 'panel_notes', id FROM panel_notes WHERE panel_id IN panels_of UNION SELECT 'findings', id FROM findings WHERE panel_id IN panels_of UNION SELECT tbl, row_id FROM audit WHERE owner IN panels_of AND op = 2 AND tbl IN ('panel_members', 'panel_notes', 'findings')) SELECT tbl, id FROM rows;
-- rest: a statement or two for each row above (its audit records, then the row now when its insert is
-- rewound): gradus runs them, the shell does not, so this figure is harsher on gradus than its SQL.
