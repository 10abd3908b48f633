/* Shared by the files of src/forms/: one INI file read whole into sections
 * and keys with their line numbers, typed accessors that report
 * "FILE:LINE: message", and the builders of each kind of form file. */
#ifndef GRADUS_FORMS_PRIVATE_H
#define GRADUS_FORMS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/forms/forms.h"
#include "gradus/text/status.h"

#define FORMS_MIN_ITEMS 4

/* One file of the forms set, read whole. */
struct forms_file {
	char *rel;   /* "scenarios/04-product-design.ini" */
	char *path;  /* as the user names it: DIR/rel */
	char *bytes; /* NUL-terminated */
	size_t size;
};

struct ini_entry {
	char *key, *value;
	int line;
};

struct ini_section {
	char *name;
	int line;
	struct ini_entry *entries;
	size_t count, cap;
};

struct ini_text;

struct ini_doc {
	const char *path;
	struct ini_section *sections;
	size_t count, cap;
	struct ini_text *text; /* where the names, keys and values are kept (forms_ini.c) */
};

/* "PATH:LINE: message" into err (LINE 0: "PATH: message"); returns STATUS_ERR_FORMS. */
enum status forms_fail(struct error *err, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Parses file with inih; on failure doc is freed and err says where. */
enum status ini_doc_parse(const struct forms_file *file, struct ini_doc *doc, struct error *err);
/* The same up to the header of the first section after last_section (the
 * whole file when none follows it): a scenario's head without its items. */
enum status ini_doc_parse_until(const struct forms_file *file, const char *last_section, struct ini_doc *doc,
				struct error *err);
void ini_doc_free(struct ini_doc *doc);

const struct ini_entry *ini_get(const struct ini_section *section, const char *key);
const struct ini_section *ini_section_find(const struct ini_doc *doc, const char *name);
/* Every key of section must be in allowed (NULL-terminated). */
enum status ini_check_keys(const struct ini_doc *doc, const struct ini_section *section,
			   const char *const *allowed, struct error *err);
/* The entry for key; a missing key is an error at the section's line. */
enum status ini_require(const struct ini_doc *doc, const struct ini_section *section, const char *key,
			const struct ini_entry **out, struct error *err);
/* A copy of a required value; empty is an error unless may_be_empty. */
enum status ini_string(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		       bool may_be_empty, char **out, struct error *err);
enum status ini_int(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		    int min, int max, int *out, struct error *err);
enum status ini_yes_no(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		       bool *out, struct error *err);
/* Index of text in words (NULL-terminated), -1 if absent. */
int forms_word_index(const char *const *words, const char *text);
/* Index in words (NULL-terminated) of a required value; else an error naming them. */
enum status ini_word(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		     const char *const *words, int *out, struct error *err);
/* Splits value at sep into trimmed copies; an empty piece is an error. */
enum status ini_split(const struct ini_doc *doc, const struct ini_entry *entry, char sep,
		      char ***out, size_t *count, struct error *err);
void forms_strings_free(char **strings, size_t count);
/* "a, b, c" of words (NULL-terminated), for messages. */
void forms_join_words(const char *const *words, char *out, size_t size);
/* A key made of a-z, 0-9 and '_', starting with a letter. */
bool forms_is_key(const char *text);
/* Integer of a section name "prefix.N" (N >= 1, no leading zero), else 0. */
int forms_section_number(const char *name, const char *prefix);

/* Room for count scenarios (the files of scenarios/), before any is loaded. */
enum status forms_scenario_slots(struct forms *forms, size_t count, struct error *err);
enum status forms_load_scenario(struct forms *forms, const struct forms_file *file, struct error *err);
/* Its [scenario] section only (forms_load_lazy): the file is kept as the
 * scenario's unread checklist, which forms_read_checklist() reads. */
enum status forms_load_scenario_head(struct forms *forms, const struct forms_file *file, struct error *err);
/* The items of a scenario whose head alone was read, from the same bytes;
 * on failure the scenario has none and err says where. */
enum status forms_read_checklist(struct scenario *scenario, const struct forms_file *file, struct error *err);
enum status forms_check_scenarios(const struct forms *forms, struct error *err);
void forms_scenario_free(struct scenario *scenario);

enum status forms_load_level(struct forms *forms, const struct forms_file *file, struct error *err);
enum status forms_check_levels(struct forms *forms, struct error *err);
void forms_level_free(struct level *level);

enum status forms_load_holidays(struct forms *forms, const struct forms_file *file, struct error *err);
enum status forms_load_maturity(struct forms *forms, const struct forms_file *file, struct error *err);
void forms_calendar_free(struct forms *forms);

/* The [panel.KEY] sections of a level file (forms_panels.c), read after its
 * states and steps; and freeing them. */
enum status forms_load_panels(const struct ini_doc *doc, struct level *level, struct error *err);
void forms_panels_free(struct level *level);
/* The [kpi.KEY] sections of a level file (forms_kpis.c). */
enum status forms_load_kpis(const struct ini_doc *doc, struct level *level, struct error *err);
void forms_kpis_free(struct level *level);
/* The part of a section name after prefix, or NULL. */
const char *forms_suffix(const char *name, const char *prefix);

/* forms/columns.ini: the headers an import takes for its fields. */
enum status forms_load_columns(struct forms *forms, const struct forms_file *file, struct error *err);
void forms_columns_free(struct forms *forms);

#endif
