/* Creating cases: intake with its checks and warnings. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/clock.h"
#include "gradus/core/deadlines.h"
#include "gradus/core/uscc.h"
#include "gradus/forms/labels.h"
#include "gradus/store/cases.h"
#include "gradus/text/i18n.h"
#include "cases_private.h"
#include "store_private.h"

static void warn(struct case_warnings *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(struct case_warnings *w, const char *fmt, ...)
{
	va_list ap;

	if (!w || w->count == CASE_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(w->text[w->count++], sizeof(w->text[0]), fmt, ap);
	va_end(ap);
}

/* One integer from a query with two or three text parameters and maybe an integer. */
static int count_of(struct store *store, const char *sql, const char *a, const char *b, const char *c,
		    int d, struct error *err)
{
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	long n;
	int params;

	if (!stmt)
		return -1;
	params = sqlite3_bind_parameter_count(stmt);
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	if (params >= 3)
		sqlite3_bind_text(stmt, 3, c, -1, SQLITE_STATIC);
	if (params >= 4)
		sqlite3_bind_int(stmt, 4, d);
	return store_count(store, stmt, &n, err) ? -1 : (int)n;
}

/* The intake warnings reach a case through its enterprise's credit code,
 * then its factories, then their cases: a unary + keeps the planner off the
 * level and year indexes, whose entries grow with the office. */
static const char *const other_names_sql =
	"SELECT count(*) FROM enterprises WHERE credit_code = ?1 AND name <> ?2";
static const char *const prior_sql =
	"SELECT count(*) FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id"
	" WHERE e.credit_code = ?1 AND +c.level = ?2 AND c.certified_on IS NOT NULL AND +c.state <> 'cancelled'";
static const char *const twice_sql =
	"SELECT count(*) FROM enterprises e JOIN factories f ON f.enterprise_id = e.id JOIN cases c ON c.factory_id = f.id"
	" WHERE e.credit_code = ?1 AND f.name = ?2 AND +c.level = ?3 AND +c.year = ?4";

const char *case_level_name(const struct level *level)
{
	return i18n_chinese() ? level->zh : level->en;
}

/* Where a case falls short of the notices: warned, never refused. */
static void intake_warnings(struct store *store, const struct forms *forms, const struct level *level,
			    const struct new_case *in, struct case_warnings *w)
{
	struct error ignored;
	int mlevel = in->maturity_centi >= 0 ? maturity_level(forms->bands, 5, in->maturity_centi) : -1;
	const struct level *prior = level->prior_level ? forms_level(forms, level->prior_level) : NULL;

	if (mlevel >= 0 && mlevel < level->min_maturity)
		/* L10N: the maturity score, the maturity level it maps to, the level the notices ask for, the
		 * name of the level applied for (e.g. Leading) */
		warn(w, _("maturity %d.%02d is level %d, below level %d that notices usually ask for %s"),
		     in->maturity_centi / 100, in->maturity_centi % 100, mlevel, level->min_maturity,
		     case_level_name(level));
	if (prior && !in->certified_on &&
	    count_of(store, prior_sql, in->credit_code, prior->key, NULL, 0, &ignored) == 0)
		/* L10N: the enterprise's name and credit code, the level below (e.g. Excellent), the level applied
		 * for (e.g. Leading) */
		warn(w, _("%s (%s) holds no %s certification recorded here; notices ask %s applicants to hold it"),
		     in->enterprise_name, in->credit_code, case_level_name(prior), case_level_name(level));
	if (count_of(store, twice_sql, in->credit_code, in->factory_name, level->key, in->year, &ignored) > 0)
		/* L10N: the factory's name, the level's name (e.g. Basic), the year */
		warn(w, _("%s already has an application for %s in %d"), in->factory_name, case_level_name(level),
		     in->year);
	if (count_of(store, other_names_sql, in->credit_code, in->enterprise_name, NULL, 0, &ignored) > 0)
		warn(w, _("credit code %s is already recorded under another enterprise name"), in->credit_code);
}

/* A column's text, copied (NULL for NULL; *nomem set when out of memory). */
static char *optional_copy(sqlite3_stmt *stmt, int column, bool *nomem)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	char *copy = text ? strdup((const char *)text) : NULL;

	if (text && !copy)
		*nomem = true;
	return copy;
}

/* The enterprise's factory of this name: the same place applying again (a
 * basic case one year, an advanced one later) is one factory, not two. */
static enum status find_factory(struct store *store, const char *enterprise, const char *name, char id[33],
				char **address, struct error *err)
{
	static const char *const sql =
		"SELECT id, address FROM factories WHERE enterprise_id = ?1 AND name = ?2 ORDER BY id LIMIT 1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	int rc;

	id[0] = '\0';
	*address = NULL;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, enterprise, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		bool nomem = false;

		snprintf(id, 33, "%s", (const char *)sqlite3_column_text(stmt, 0));
		if (!(*address = optional_copy(stmt, 1, &nomem)) && nomem)
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	} else if (rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, _("factories"));
	}
	sqlite3_reset(stmt);
	return status;
}

static enum status next_number(struct store *store, const struct level *level, int year,
			       char number[32], struct error *err)
{
	/* The last number of the series is the last entry of the series index
	 * (its prefix, then the longest and greatest digits): one entry read. */
	static const char *const sql =
		"SELECT CAST(substr(number, length(?1) + 1) AS INTEGER) FROM cases"
		" WHERE rtrim(number, '0123456789') = ?1 ORDER BY length(number) DESC, number DESC LIMIT 1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	char prefix[24];
	int rc, next = 1;

	if (!stmt)
		return STATUS_ERR_DB;
	snprintf(prefix, sizeof(prefix), "HB-%04d-%.8s-", year % 10000, level->code);
	sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		next = sqlite3_column_int(stmt, 0) + 1;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, rc, err, _("numbering cases"));
	snprintf(number, 32, "%.20s%04d", prefix, next % 100000);
	return STATUS_OK;
}

void case_recorded_enterprise_clear(struct recorded_enterprise *r)
{
	free(r->region);
	free(r->industry);
	free(r->contact);
	free(r->factory);
	free(r->address);
	memset(r, 0, sizeof(*r));
}

enum status case_recorded_enterprise(struct store *store, const char *credit_code, const char *name,
				     struct recorded_enterprise *out, bool *found, struct error *err)
{
	/* through the credit code's index, then the enterprise's factories */
	static const char *const sql =
		"SELECT e.id, e.region, e.industry, e.contact, f.name, f.address FROM enterprises e"
		" LEFT JOIN factories f ON f.enterprise_id = e.id"
		" AND (SELECT count(*) FROM factories g WHERE g.enterprise_id = e.id) = 1"
		" WHERE e.credit_code = ?1 AND e.name = ?2 LIMIT 1";
	sqlite3_stmt *stmt = store_prepare(store, sql, err);
	enum status status = STATUS_OK;
	bool nomem = false;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = false;
	if (!stmt)
		return STATUS_ERR_DB;
	sqlite3_bind_text(stmt, 1, credit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*found = true;
		snprintf(out->id, sizeof(out->id), "%s", (const char *)sqlite3_column_text(stmt, 0));
		out->region = optional_copy(stmt, 1, &nomem);
		out->industry = optional_copy(stmt, 2, &nomem);
		out->contact = optional_copy(stmt, 3, &nomem);
		out->factory = optional_copy(stmt, 4, &nomem);
		out->address = optional_copy(stmt, 5, &nomem);
		if (nomem)
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	} else if (rc != SQLITE_DONE) {
		status = store_fail(store, rc, err, _("enterprises"));
	}
	sqlite3_reset(stmt);
	if (status) {
		case_recorded_enterprise_clear(out);
		*found = false;
	}
	return status;
}

/* A value given for a record intake reuses that differs from it: the
 * record is kept (a case's screen or `case edit` changes it), and said. */
static bool differs(const char *given, const char *recorded)
{
	return given && *given && strcmp(given, recorded ? recorded : "") != 0;
}

static const char *region_name(const struct forms *forms, const char *key)
{
	const struct region *region = key ? forms_region_find(forms, key) : NULL;

	return !region ? (key ? key : "—") : i18n_chinese() ? region->zh : region->en;
}

/* The enterprise of this credit code and name, and its factory of this
 * name, when they are recorded; else new ones. What the input says of a
 * recorded one that differs from the record is not written over it: each
 * such field is a warning. */
static enum status insert_enterprise_factory(struct store *store, const struct forms *forms,
					     const struct new_case *in, const struct recorded_enterprise *k,
					     char factory[33], const char *now, struct case_warnings *w,
					     struct error *err)
{
	bool found = k->id[0] != '\0';
	char enterprise[33];
	enum status status = STATUS_OK;
	char *address = NULL;

	factory[0] = '\0';
	snprintf(enterprise, sizeof(enterprise), "%s", k->id);
	if (found) {
		if (differs(in->region, k->region))
			/* L10N: the enterprise's name, the region it is recorded in, the region given for the new
			 * case (both as 武汉市) */
			warn(w, _("%s is recorded in %s: the case is filed there, not in %s (a case's screen changes "
				  "the enterprise's region)"),
			     in->enterprise_name, region_name(forms, k->region), region_name(forms, in->region));
		if (differs(in->industry, k->industry))
			/* L10N: the enterprise's name, its recorded industry, the industry given for the new case */
			warn(w, _("%s is recorded in the industry %s, kept; not %s"), in->enterprise_name,
			     k->industry && *k->industry ? k->industry : "—", in->industry);
		if (differs(in->contact, k->contact))
			/* L10N: the enterprise's name, its recorded contact, the contact given for the new case */
			warn(w, _("%s is recorded with the contact %s, kept; not %s"), in->enterprise_name,
			     k->contact && *k->contact ? k->contact : "—", in->contact);
		status = find_factory(store, enterprise, in->factory_name, factory, &address, err);
		if (!status && factory[0] && differs(in->address, address))
			/* L10N: the factory's name, its recorded address, the address given for the new case */
			warn(w, _("%s is recorded at %s, kept; not %s"), in->factory_name,
			     address && *address ? address : "—", in->address);
	}
	if (!status && !found && !(status = store_new_ordered_id(enterprise))) {
		struct field_value fields[] = {
			{ "name", in->enterprise_name }, { "credit_code", in->credit_code },
			{ "region", in->region }, { "industry", in->industry }, { "contact", in->contact },
			{ "created_at", now },
		};
		status = store_insert(store, "enterprises", enterprise, fields, 6, err);
	}
	if (!status && !factory[0] && !(status = store_new_ordered_id(factory))) {
		struct field_value fields[] = {
			{ "enterprise_id", enterprise }, { "name", in->factory_name },
			{ "address", in->address }, { "created_at", now },
		};
		status = store_insert(store, "factories", factory, fields, 4, err);
	}
	free(address);
	return status;
}

/* A case's scenarios as cases.scenarios keeps them (migration 26): in
 * ascending order, each once, between commas; "" for none. Numbers out of
 * 1..9999 are left out (the callers check them against the forms). */
void store_scenarios_text(const int *scenarios, size_t count, char *out, size_t size)
{
	size_t used = 0, i;
	int last = 0;

	out[0] = '\0';
	for (;;) {
		int next = 10000;

		for (i = 0; i < count; i++)
			if (scenarios[i] > last && scenarios[i] < next)
				next = scenarios[i];
		if (next == 10000 || used + 6 >= size)
			break;
		used += (size_t)snprintf(out + used, size - used, "%s%d", used ? "," : "", next);
		last = next;
	}
}

static enum status insert_case_parts(struct store *store, const struct forms *forms, const struct level *level,
				     const struct new_case *in, const struct recorded_enterprise *recorded, char id[33],
				     char number[32], struct case_warnings *w, struct error *err)
{
	char factory[33], now[STORE_TIMESTAMP_SIZE], year[8], centi[8], mlevel[4], scenarios[STORE_SCENARIOS_SIZE];
	enum status status;

	store_timestamp(now);
	status = insert_enterprise_factory(store, forms, in, recorded, factory, now, w, err);
	if (!status)
		status = next_number(store, level, in->year, number, err);
	if (status || (status = store_new_ordered_id(id)))
		return status;
	snprintf(year, sizeof(year), "%d", in->year);
	snprintf(centi, sizeof(centi), "%d", in->maturity_centi);
	snprintf(mlevel, sizeof(mlevel), "%d", maturity_level(forms->bands, 5, in->maturity_centi));
	store_scenarios_text(in->scenarios, in->scenario_count, scenarios, sizeof(scenarios));
	{
		struct field_value fields[] = {
			{ "number", number }, { "factory_id", factory }, { "level", level->key },
			{ "year", year }, { "state", level->initial_state },
			{ "maturity_centi", in->maturity_centi >= 0 ? centi : NULL },
			{ "maturity_level", in->maturity_centi >= 0 ? mlevel : NULL },
			{ "commitment_on", in->commitment_on }, { "note", in->note }, { "created_at", now },
			{ "scenarios", *scenarios ? scenarios : NULL },
		};
		status = store_insert(store, "cases", id, fields, 11, err);
	}
	return status;
}

/* A refusal of the new case's input `field` (its key, in *about). */
#define REFUSE(field, ...) (*about = (field), error_set(err, STATUS_ERR_INVALID, __VA_ARGS__))

static enum status check_date(const char *text, const char *field, const char *what, const char **about,
			      struct error *err)
{
	struct date d;
	struct error why;

	if (!text || (date_parse_named(what, text, &d, &why) == STATUS_OK &&
		      date_check_range(what, d, clock_today(), &why) == STATUS_OK))
		return STATUS_OK;
	return REFUSE(field, "%s", why.message);
}

/* The new case's input as the forms and the rules want it; *about is the
 * key of the field refused (NULL when none is). */
static enum status check_new_case(const struct forms *forms, const struct level *level,
				  const struct new_case *in, const char **about, struct error *err)
{
	struct error why;
	size_t i;

	*about = NULL;
	if (!level)
		return REFUSE("level", _("level '%s': expected basic, advanced, excellent or leading"),
			      in->level ? in->level : "");
	if (!in->enterprise_name || !*in->enterprise_name)
		return REFUSE("enterprise", _("enterprise: the name is empty"));
	if (uscc_check(in->credit_code ? in->credit_code : "", NULL, &why))
		return REFUSE("credit_code", _("credit code: %s"), why.message);
	if (!forms_region_find(forms, in->region))
		return REFUSE("region", _("region '%s': expected one of the 17 (gradus forms list --regions)"),
			      in->region ? in->region : "");
	if (in->year < 2000 || in->year > 2100)
		return REFUSE("year", _("year %d: expected 2000 to 2100"), in->year);
	for (i = 0; i < in->scenario_count; i++)
		if (!forms_scenario_exists(forms, in->scenarios[i]))
			/* L10N: %zu is the number of scenarios of the forms folder (the 2025 guide has forty) */
			return REFUSE("scenarios", _("scenario %d: expected 1 to %zu, the scenarios of the forms"),
				      in->scenarios[i], forms_scenario_count(forms));
	if (in->cultivation_starts_on && level->rules.cultivation_years == 0)
		/* L10N: %s is the level's name (e.g. Basic) */
		return REFUSE("cultivation_starts_on", _("cultivation start: %s has no cultivation period"),
			      case_level_name(level));
	if (check_date(in->commitment_on, "commitment_on", _("commitment date"), about, err) ||
	    check_date(in->certified_on, "certified_on", _("certified on"), about, err) ||
	    check_date(in->cultivation_starts_on, "cultivation_starts_on", _("cultivation start"), about, err))
		return STATUS_ERR_INVALID;
	return STATUS_OK;
}

#undef REFUSE

const char *case_input_refused(const struct forms *forms, const struct new_case *in)
{
	const char *about = NULL;

	check_new_case(forms, forms_level_find(forms, in->level), in, &about, NULL);
	return about;
}

/* The step whose event is `kind`, e.g. the level's certification. */
static const struct level_step *step_with_event(const struct level *level, const char *kind)
{
	size_t i;

	for (i = 0; i < level->step_count; i++)
		if (level->steps[i].event && !strcmp(level->steps[i].event, kind))
			return &level->steps[i];
	return NULL;
}

/* An already certified (or cultivating) factory from an office's spreadsheet:
 * the case stands where that step leads, recorded as an entry event. */
static enum status enter_at(struct store *store, const struct forms *forms, const struct level *level,
			    const char *id, const char *kind, const char *on, struct error *err)
{
	const struct level_step *step = step_with_event(level, kind);
	struct date d;

	if (!step)
		/* L10N: the level's name (e.g. Basic), then the kind of event (a key such as certified) */
		return error_set(err, STATUS_ERR_INVALID, _("%s has no step recording '%s'"), case_level_name(level),
				 kind);
	date_parse(on, &d, NULL);
	return case_record_step(store, forms, level, id, "entered", step->to, kind, d,
				"entered from an existing record", err);
}

enum status case_create(struct store *store, const struct forms *forms, const struct new_case *input,
			char id[33], char number[32], struct case_warnings *warnings, struct error *err)
{
	const struct level *level = forms_level_find(forms, input->level);
	const struct region *region = forms_region_find(forms, input->region);
	struct new_case copy = *input, *in = &copy;
	struct recorded_enterprise recorded = { "", NULL, NULL, NULL, NULL, NULL };
	const char *about;
	enum status status;
	bool named, found = false;

	/* A level or region as an office writes it (卓越级, 武汉市, 420100) is kept by its key. */
	if (level)
		in->level = level->key;
	if (region)
		in->region = region->key;

	/* A factory not named is the enterprise's own: its one recorded factory
	 * (read below, once the transaction holds the office), else one of its
	 * name. */
	named = in->factory_name && *in->factory_name;
	if (!named)
		in->factory_name = in->enterprise_name;

	if (warnings)
		warnings->count = 0;
	status = check_new_case(forms, level, in, &about, err);
	if (status)
		return status;
	if ((status = authority_check(store, AUTHORITY_CASE_ADD, NULL, err)))
		return status;
	status = store_begin(store, err);
	if (status)
		return status;
	/* the recorded enterprise, read once: a factory not named is its one factory */
	status = case_recorded_enterprise(store, in->credit_code, in->enterprise_name, &recorded, &found, err);
	if (!status && !named && found && recorded.factory)
		in->factory_name = recorded.factory;
	if (!status) {
		intake_warnings(store, forms, level, in, warnings);
		status = insert_case_parts(store, forms, level, in, &recorded, id, number, warnings, err);
	}
	if (!status && in->cultivation_starts_on)
		status = enter_at(store, forms, level, id, "cultivation_started", in->cultivation_starts_on, err);
	if (!status && in->certified_on)
		status = enter_at(store, forms, level, id, "certified", in->certified_on, err);
	status = store_finish(store, status, err);
	case_recorded_enterprise_clear(&recorded);
	return status;
}
