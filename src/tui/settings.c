/* The case list's sort and filters: `:` commands, the title, the state file. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "gradus/store/safe_file.h"
#include "gradus/text/i18n.h"
#include "settings.h"

void settings_to_query(const struct list_settings *s, struct case_query *q)
{
	q->sort = s->sort;
	q->descending = s->descending;
	q->level = *s->level ? s->level : NULL;
	q->state = *s->state ? s->state : NULL;
	q->region = *s->region ? s->region : NULL;
	q->year = s->year;
	q->due_within = s->due_within;
	q->overdue = s->overdue;
	q->scenarios = *s->stage ? s->scenarios : NULL;
	q->stage = *s->stage ? s->stage : NULL;
}

void settings_set_stage(struct list_settings *s, const struct forms *forms, const char *stage)
{
	size_t i, used = 0;

	s->stage[0] = s->scenarios[0] = '\0';
	if (!stage || !forms_stage(forms, stage))
		return;
	snprintf(s->stage, sizeof(s->stage), "%s", stage);
	used = (size_t)snprintf(s->scenarios, sizeof(s->scenarios), "[");
	for (i = 0; i < forms->scenario_count && used < sizeof(s->scenarios); i++)
		if (!strcmp(forms->scenarios[i].stage->key, stage))
			used += (size_t)snprintf(s->scenarios + used, sizeof(s->scenarios) - used, "%s%d",
						 used > 1 ? "," : "", forms->scenarios[i].id);
	if (used < sizeof(s->scenarios))
		snprintf(s->scenarios + used, sizeof(s->scenarios) - used, "]");
}

/* The words of :filter and :sort as typed (the keys) and in the user's
 * words (the list's column headers, translated). */
static const struct {
	const char *key, *label;
} key_words[] = {
	{ "level", N_("Level") }, { "state", N_("State") }, { "region", N_("Region") },
	/* L10N: a filter key of :filter and the case list's title (stage=...) */
	{ "stage", N_("Stage") }, { "year", N_("Year") }, { "due", N_("Due") }, { "overdue", N_("Overdue") },
	/* L10N: in the case list's title: Sort COLUMN ↓ */
	{ "sort", N_("Sort") }, { "number", N_("Number") }, { "enterprise", N_("Enterprise") },
};

/* A key as the title shows it: translated under a Chinese locale, else as
 * typed. */
static const char *label(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(key_words) / sizeof(key_words[0]); i++)
		if (!strcmp(key_words[i].key, key))
			return i18n_chinese() ? _(key_words[i].label) : key;
	return key;
}

/* Whether word (key_len bytes) names the key: as typed or translated. */
static bool is_key(const char *word, size_t key_len, const char *key)
{
	size_t i;

	if (strlen(key) == key_len && !strncmp(word, key, key_len))
		return true;
	for (i = 0; i < sizeof(key_words) / sizeof(key_words[0]); i++)
		if (!strcmp(key_words[i].key, key)) {
			const char *shown = _(key_words[i].label);

			return strlen(shown) == key_len && !strncmp(word, shown, key_len);
		}
	return false;
}

/* A value named by its key, its Chinese or its English name (any case). */
static bool names(const char *value, const char *key, const char *zh, const char *en)
{
	return (key && !strcmp(value, key)) || (zh && !strcmp(value, zh)) || (en && !strcasecmp(value, en));
}

static const char *level_key(const struct forms *forms, const char *value)
{
	size_t i;

	for (i = 0; i < forms->level_count; i++)
		if (names(value, forms->levels[i].key, forms->levels[i].zh, forms->levels[i].en))
			return forms->levels[i].key;
	return NULL;
}

static const char *region_key(const struct forms *forms, const char *value)
{
	size_t i;

	for (i = 0; i < forms->region_count; i++)
		if (names(value, forms->regions[i].key, forms->regions[i].zh, forms->regions[i].en))
			return forms->regions[i].key;
	return NULL;
}

static const char *stage_key(const struct forms *forms, const char *value)
{
	size_t i;

	for (i = 0; i < forms->stage_count; i++)
		if (names(value, forms->stages[i].key, forms->stages[i].zh, forms->stages[i].en))
			return forms->stages[i].key;
	return NULL;
}

/* The first level's state of that key or name (states recur across levels). */
static const struct level_state *find_state(const struct forms *forms, const char *value)
{
	size_t i, j;

	for (i = 0; i < forms->level_count; i++)
		for (j = 0; j < forms->levels[i].state_count; j++) {
			const struct level_state *st = &forms->levels[i].states[j];

			if (names(value, st->key, st->zh, st->en))
				return st;
		}
	return NULL;
}

/* One KEY=VALUE (or "overdue") of a filter command; keys and values in
 * English or in the user's words (level=领航级, 级别=leading). */
static bool filter_word(struct list_settings *s, const struct forms *forms, const char *word, char *message,
			size_t size)
{
	const char *value = strchr(word, '='), *key;
	const struct level_state *st;
	size_t key_len = value ? (size_t)(value - word) : strlen(word);
	char extra;
	int n;

	if (!value && is_key(word, strlen(word), "overdue")) {
		s->overdue = true;
		return true;
	}
	if (!value)
		goto bad;
	value++;
	if (is_key(word, key_len, "level") && (key = level_key(forms, value)))
		snprintf(s->level, sizeof(s->level), "%s", key);
	else if (is_key(word, key_len, "state") && (st = find_state(forms, value)))
		snprintf(s->state, sizeof(s->state), "%s", st->key);
	else if (is_key(word, key_len, "region") && (key = region_key(forms, value)))
		snprintf(s->region, sizeof(s->region), "%s", key);
	else if (is_key(word, key_len, "stage") && (key = stage_key(forms, value)))
		settings_set_stage(s, forms, key);
	else if (is_key(word, key_len, "year") && sscanf(value, "%d%c", &n, &extra) == 1 && n >= 2000 && n <= 2100)
		s->year = n;
	else if (is_key(word, key_len, "due") && sscanf(value, "%d%c", &n, &extra) == 1 && n > 0 && n <= 3650)
		s->due_within = n;
	else
		goto bad;
	return true;
bad:
	/* L10N: a wrong word after :filter; keep the keys as they are */
	snprintf(message, size, _("filter %s: expected level=LEVEL, state=STATE, region=REGION, stage=STAGE, year=YYYY, due=DAYS or overdue"),
		 word);
	return false;
}

static bool filter_command(struct list_settings *s, const struct forms *forms, char *words, char *message,
			   size_t size)
{
	struct list_settings next = *s;
	char *word, *save = NULL;

	for (word = strtok_r(words, " \t", &save); word; word = strtok_r(NULL, " \t", &save))
		if (!filter_word(&next, forms, word, message, size))
			return false;
	*s = next;
	return true;
}

/* A sort column by its name as typed or in the user's words. */
static bool sort_parse(const char *name, enum case_sort *sort)
{
	int i;

	if (store_sort_parse(name, sort))
		return true;
	for (i = 0; i < SORT_COUNT; i++)
		if (is_key(name, strlen(name), store_sort_name((enum case_sort)i))) {
			*sort = (enum case_sort)i;
			return true;
		}
	return false;
}

static bool sort_command(struct list_settings *s, char *words, char *message, size_t size)
{
	char *save = NULL, *column = strtok_r(words, " \t", &save), *order = strtok_r(NULL, " \t", &save);
	enum case_sort sort;

	if (!column || !sort_parse(column, &sort) || (order && strcmp(order, "desc") && strcmp(order, "asc"))) {
		snprintf(message, size, "%s",
			 /* L10N: a wrong :sort command; keep the column names as they are */
			 _("sort: expected number, enterprise, region, level, year, state or due, then desc or asc"));
		return false;
	}
	s->sort = sort;
	s->descending = order && !strcmp(order, "desc");
	return true;
}

bool settings_command(struct list_settings *s, const struct forms *forms, const char *line, char *message,
		      size_t size)
{
	char copy[256], *rest;
	bool ok;

	snprintf(copy, sizeof(copy), "%s", line);
	rest = copy + strspn(copy, " \t");
	message[0] = '\0';
	if (!strncmp(rest, "sort", 4) && (!rest[4] || rest[4] == ' '))
		ok = sort_command(s, rest + 4, message, size);
	else if (!strncmp(rest, "filter", 6) && (!rest[6] || rest[6] == ' '))
		ok = filter_command(s, forms, rest + 6, message, size);
	else if (!strcmp(rest, "clear")) {
		struct list_settings none = { .sort = s->sort, .descending = s->descending };

		*s = none;
		ok = true;
	} else {
		/* L10N: an unknown command after : */
		snprintf(message, size, _("%s: unknown command; try sort, filter or clear (Tab completes)"), rest);
		ok = false;
	}
	if (ok)
		settings_title(s, forms, NULL, message, size);
	return ok;
}

void settings_describe(const struct list_settings *s, char *out, size_t size)
{
	size_t used = 0;

#define PUT(...) used += (size_t)snprintf(out + used, used < size ? size - used : 0, __VA_ARGS__)
	out[0] = '\0';
	if (*s->level)
		PUT("level=%s ", s->level);
	if (*s->state)
		PUT("state=%s ", s->state);
	if (*s->region)
		PUT("region=%s ", s->region);
	if (*s->stage)
		PUT("stage=%s ", s->stage);
	if (s->year)
		PUT("year=%d ", s->year);
	if (s->due_within)
		PUT("due=%d ", s->due_within);
	if (s->overdue)
		PUT("overdue ");
	if (s->sort != SORT_NUMBER || s->descending)
		PUT("sort %s %s", store_sort_name(s->sort), s->descending ? "↓" : "↑");
#undef PUT
	while (used && used < size && out[used - 1] == ' ')
		out[--used] = '\0';
}

/* A filter's value in the user's words: the forms' Chinese name under a
 * Chinese locale, else the key (what an English user types). */
static const char *shown_value(const char *key, const char *zh)
{
	return i18n_chinese() && zh && *zh ? zh : key;
}

static const char *shown_state(const struct forms *forms, const char *key)
{
	const struct level_state *st = forms ? find_state(forms, key) : NULL;

	return shown_value(key, st ? st->zh : NULL);
}

void settings_title(const struct list_settings *s, const struct forms *forms, const char *search, char *out,
		    size_t size)
{
	const struct level *level = forms && *s->level ? forms_level(forms, s->level) : NULL;
	const struct region *region = forms && *s->region ? forms_region(forms, s->region) : NULL;
	const struct stage *stage = forms && *s->stage ? forms_stage(forms, s->stage) : NULL;
	size_t used = 0;

#define PUT(...) used += (size_t)snprintf(out + used, used < size ? size - used : 0, __VA_ARGS__)
	out[0] = '\0';
	if (search && *search) {
		/* L10N: a kept search in the case list's title */
		PUT(_("search: %s"), search);
		PUT("  ");
	}
	if (*s->level)
		PUT("%s=%s ", label("level"), shown_value(s->level, level ? level->zh : NULL));
	if (*s->state)
		PUT("%s=%s ", label("state"), shown_state(forms, s->state));
	if (*s->region)
		PUT("%s=%s ", label("region"), shown_value(s->region, region ? region->zh : NULL));
	if (*s->stage)
		PUT("%s=%s ", label("stage"), shown_value(s->stage, stage ? stage->zh : NULL));
	if (s->year)
		PUT("%s=%d ", label("year"), s->year);
	if (s->due_within)
		PUT("%s=%d ", label("due"), s->due_within);
	if (s->overdue)
		PUT("%s ", label("overdue"));
	if (s->sort != SORT_NUMBER || s->descending)
		PUT("%s %s %s", label("sort"), label(store_sort_name(s->sort)), s->descending ? "↓" : "↑");
#undef PUT
	while (used && used < size && out[used - 1] == ' ')
		out[--used] = '\0';
}

bool settings_filtered(const struct list_settings *s)
{
	return *s->level || *s->state || *s->region || *s->stage || s->year || s->due_within || s->overdue;
}

/* The values of a filter key: under a Chinese locale the Chinese names
 * first (those Tab offers), then the keys (accepted as well); else the keys.
 * *offered: how many of them Tab goes through on an empty value. */
static size_t filter_values(const struct forms *forms, const char *key, size_t key_len, const char **out,
			    size_t max, size_t *offered)
{
	bool zh = i18n_chinese();
	size_t n = 0, i, j, pass;

	for (pass = zh ? 0 : 1; pass < 2; pass++) {
		if (is_key(key, key_len, "level"))
			for (i = 0; i < forms->level_count && n < max; i++)
				out[n++] = pass ? forms->levels[i].key : forms->levels[i].zh;
		else if (is_key(key, key_len, "region"))
			for (i = 0; i < forms->region_count && n < max; i++)
				out[n++] = pass ? forms->regions[i].key : forms->regions[i].zh;
		else if (is_key(key, key_len, "stage"))
			for (i = 0; i < forms->stage_count && n < max; i++)
				out[n++] = pass ? forms->stages[i].key : forms->stages[i].zh;
		else if (is_key(key, key_len, "state"))
			for (i = 0; i < forms->level_count; i++)
				for (j = 0; j < forms->levels[i].state_count && n < max; j++) {
					const struct level_state *st = &forms->levels[i].states[j];

					if (find_state(forms, st->key) == st) /* each state once */
						out[n++] = pass ? st->key : st->zh;
				}
		if (!pass)
			*offered = n;
	}
	if (!zh)
		*offered = n;
	return n;
}

/* The candidates for the last word of line. */
static size_t candidates(const struct forms *forms, const char *line, const char **out, size_t max,
			 size_t *offered)
{
	static const char *const commands[] = { "sort", "filter", "clear" };
	static const char *const sorts[] = { "number", "enterprise", "region", "level", "year", "state", "due" };
	static const char *const keys[] = { "level=", "state=", "region=", "stage=", "year=", "due=", "overdue" };
	size_t n = 0, i;

	if (!strchr(line, ' ')) {
		for (i = 0; i < 3 && n < max; i++)
			out[n++] = commands[i];
	} else if (!strncmp(line, "sort ", 5)) {
		for (i = 0; i < 7 && n < max; i++)
			out[n++] = sorts[i];
	} else if (!strncmp(line, "filter ", 7)) {
		const char *word = strrchr(line, ' ') + 1, *eq = strchr(word, '=');

		if (eq)
			return filter_values(forms, word, (size_t)(eq - word), out, max, offered);
		for (i = 0; i < 7 && n < max; i++)
			out[n++] = keys[i];
	}
	*offered = n;
	return n;
}

/* Completes the last word: the one candidate it begins; else the longest
 * beginning its candidates share; an empty value, or one that is a whole
 * candidate already, becomes the next value offered (Tab again goes on). */
bool settings_complete(const struct forms *forms, char *line, size_t size)
{
	const char *found[256], *match = NULL;
	const char *word = strrchr(line, ' ') ? strrchr(line, ' ') + 1 : line;
	const char *eq = strchr(word, '=');
	const char *part = eq ? eq + 1 : word;
	size_t offered = 0, n = candidates(forms, line, found, 256, &offered), i, hits = 0, common = 0;
	size_t at = (size_t)(part - line), typed = strlen(part);
	bool whole = false;

	for (i = 0; i < n; i++)
		if (found[i] && !strncmp(found[i], part, typed)) {
			if (!strcmp(found[i], part) && i < offered && eq) { /* go on to the next value */
				match = found[(i + 1) % offered];
				whole = true;
				break;
			}
			if (!hits++) {
				match = found[i];
				common = strlen(match);
			}
			while (common > typed && strncmp(found[i], match, common))
				common--;
		}
	if (!whole && eq && !typed && offered) {
		match = found[0];
		whole = true;
	}
	if (!match)
		return false;
	if (whole) { /* one value of several: no space after it, so Tab may go on */
		if (at + strlen(match) + 1 > size)
			return false;
		snprintf(line + at, size - at, "%s", match);
		return true;
	}
	if (hits > 1) {
		/* whole UTF-8 characters only */
		while (common > typed && ((unsigned char)match[common] & 0xc0) == 0x80)
			common--;
		if (common <= typed || at + common + 1 > size)
			return false;
		memcpy(line + at, match, common);
		line[at + common] = '\0';
		return true;
	}
	if (at + strlen(match) + 2 > size)
		return false;
	snprintf(line + at, size - at, "%s%s", match, match[strlen(match) - 1] == '=' ? "" : " ");
	return true;
}

static char *state_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *path = NULL;

	if (xdg && *xdg == '/')
		return asprintf(&path, "%s/gradus/state.ini", xdg) < 0 ? NULL : path;
	if (home && *home)
		return asprintf(&path, "%s/.local/state/gradus/state.ini", home) < 0 ? NULL : path;
	return NULL;
}

struct loading {
	struct list_settings *s;
	const struct forms *forms;
};

static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct loading *l = user;
	char line[256], message[256];

	if (strcmp(section, "list"))
		return 1;
	if (!strcmp(name, "sort"))
		snprintf(line, sizeof(line), "sort %s", value);
	else if (!strcmp(name, "filter"))
		snprintf(line, sizeof(line), "filter %s", value);
	else
		return 1;
	settings_command(l->s, l->forms, line, message, sizeof(message)); /* a bad value is left out */
	return 1;
}

void settings_load(struct list_settings *s, const struct forms *forms)
{
	struct loading l = { s, forms };
	char *path = state_path();

	if (path)
		ini_parse(path, on_value, &l);
	free(path);
}

static void make_dirs(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
}

/* The state file's sections, each under a line that says what it keeps. */
static const struct {
	const char *name, *comment;
} state_sections[] = {
	{ "list", "the case list as you left it" },
	{ "walk", "where each spot check's walk stood (scenario item)" },
};

static void section_header(FILE *out, const char *section)
{
	size_t i;

	fprintf(out, "[%s]\n", section);
	for (i = 0; i < sizeof(state_sections) / sizeof(state_sections[0]); i++)
		if (!strcmp(state_sections[i].name, section))
			fprintf(out, "; gradus: %s\n", state_sections[i].comment);
}

/* Copies the state file's other sections, as inih reads them, to out. */
struct other_sections {
	FILE *out;
	const char *rewritten;
	char last[64]; /* the section copied last */
};

static int copy_other(void *user, const char *section, const char *name, const char *value)
{
	struct other_sections *o = user;

	if (!strcmp(section, o->rewritten))
		return 1;
	if (strcmp(section, o->last)) {
		section_header(o->out, section);
		snprintf(o->last, sizeof(o->last), "%s", section);
	}
	fprintf(o->out, "%s = %s\n", name, value);
	return 1;
}

/* Rewrites one section of the state file, keeping the others' values:
 * written beside it and renamed (safe_file.h). body is the section's lines. */
static bool write_section(const char *path, const char *section, const char *body)
{
	struct other_sections others = { NULL, section, "" };
	struct safe_file out;

	make_dirs((char *)path);
	if (safe_file_open(&out, path, SAFE_FILE_PREFERENCE, 0600, NULL))
		return false;
	others.out = out.stream;
	ini_parse(path, copy_other, &others);
	section_header(out.stream, section);
	fputs(body, out.stream);
	return safe_file_commit(&out, NULL) == STATUS_OK;
}

bool settings_save(const struct list_settings *s, char *message, size_t size)
{
	char *path = state_path(), *body = NULL, filter[256];
	struct list_settings only_filters = *s;
	bool ok = false;

	if (!path)
		return false;
	only_filters.sort = SORT_NUMBER;
	only_filters.descending = false;
	settings_describe(&only_filters, filter, sizeof(filter));
	if (asprintf(&body, "sort = %s %s\nfilter = %s\n",
		     store_sort_name(s->sort), s->descending ? "desc" : "asc", filter) >= 0)
		ok = write_section(path, "list", body);
	if (!ok)
		/* L10N: the state file (sort and filters of the list) could not be written */
		snprintf(message, size, _("%s: not saved (%s)"), path, strerror(errno));
	free(body);
	free(path);
	return ok;
}

/* The walk positions of the state file, oldest first. */
struct walk_positions {
	char ids[WALK_REMEMBERED + 1][33];
	int scenario[WALK_REMEMBERED + 1], item[WALK_REMEMBERED + 1];
	size_t count;
};

static int on_walk(void *user, const char *section, const char *name, const char *value)
{
	struct walk_positions *w = user;
	int scenario, item;

	if (strcmp(section, "walk") || strlen(name) != 32 || sscanf(value, "%d %d", &scenario, &item) != 2)
		return 1;
	if (w->count == WALK_REMEMBERED) {
		memmove(w->ids, w->ids + 1, sizeof(w->ids[0]) * (WALK_REMEMBERED - 1));
		memmove(w->scenario, w->scenario + 1, sizeof(int) * (WALK_REMEMBERED - 1));
		memmove(w->item, w->item + 1, sizeof(int) * (WALK_REMEMBERED - 1));
		w->count--;
	}
	snprintf(w->ids[w->count], sizeof(w->ids[0]), "%s", name);
	w->scenario[w->count] = scenario;
	w->item[w->count++] = item;
	return 1;
}

static void walk_positions_read(const char *path, struct walk_positions *w)
{
	memset(w, 0, sizeof(*w));
	ini_parse(path, on_walk, w);
}

bool settings_walk_load(const char *check_id, int *scenario, int *item)
{
	struct walk_positions w;
	char *path = state_path();
	size_t i;
	bool found = false;

	if (!path)
		return false;
	walk_positions_read(path, &w);
	for (i = 0; i < w.count; i++)
		if (!strcmp(w.ids[i], check_id)) {
			*scenario = w.scenario[i];
			*item = w.item[i];
			found = true;
		}
	free(path);
	return found;
}

bool settings_walk_save(const char *check_id, int scenario, int item)
{
	struct walk_positions w;
	char *path = state_path(), body[WALK_REMEMBERED * 64 + 128];
	size_t i, others = 0, skip, used;

	if (!path)
		return false;
	walk_positions_read(path, &w);
	for (i = 0; i < w.count; i++)
		others += strcmp(w.ids[i], check_id) != 0;
	skip = others >= WALK_REMEMBERED ? others - WALK_REMEMBERED + 1 : 0; /* the oldest go */
	used = 0;
	body[0] = '\0';
	for (i = 0; i < w.count && used < sizeof(body); i++) {
		if (!strcmp(w.ids[i], check_id))
			continue;
		if (skip) {
			skip--;
			continue;
		}
		used += (size_t)snprintf(body + used, sizeof(body) - used, "%s = %d %d\n", w.ids[i], w.scenario[i],
					 w.item[i]);
	}
	if (used < sizeof(body))
		snprintf(body + used, sizeof(body) - used, "%s = %d %d\n", check_id, scenario, item);
	{
		bool ok = write_section(path, "walk", body);

		free(path);
		return ok;
	}
}
