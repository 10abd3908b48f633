/* Private to tui/: the case list's sort and filters, set with `:` commands,
 * shown in the title and kept in the user's state file
 * ($XDG_STATE_HOME/gradus/state.ini) across restarts. */
#ifndef GRADUS_TUI_SETTINGS_H
#define GRADUS_TUI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "gradus/forms/forms.h"
#include "gradus/store/store.h"

struct list_settings {
	enum case_sort sort;
	bool descending;
	char level[16], state[32], region[32], stage[32];
	int year, due_within;
	bool overdue;
	char scenarios[128]; /* the stage's scenario ids as a JSON array, for the query */
};

/* Points query's fields at the settings' (match and today are left alone). */
void settings_to_query(const struct list_settings *s, struct case_query *query);
/* Sets the stage filter (NULL: none), with its scenario ids. */
void settings_set_stage(struct list_settings *s, const struct forms *forms, const char *stage);
/* Runs one command line: "sort COLUMN [desc]", "filter KEY=VALUE ... | overdue",
 * "clear". False with a message naming what was expected; true with what
 * was done in message. */
bool settings_command(struct list_settings *s, const struct forms *forms, const char *line, char *message,
		      size_t size);
/* "level=excellent overdue sort due ↓" in keys, as the state file keeps
 * them (empty for every case by number). */
void settings_describe(const struct list_settings *s, char *out, size_t size);
/* The same in the user's words for the list's title, after the kept search
 * (NULL: none): "级别=领航级 地区=武汉市 排序 期限 ↓" under a Chinese
 * locale, the keys otherwise. */
void settings_title(const struct list_settings *s, const struct forms *forms, const char *search, char *out,
		    size_t size);
/* Whether any filter is set (not the sort). */
bool settings_filtered(const struct list_settings *s);
/* Completes the word the line ends in: commands, sort columns, filter keys
 * and values (by key, or by Chinese name under a Chinese locale). One
 * candidate is completed whole, several to the beginning they share; after
 * KEY= an empty value or a whole one becomes the next value (Tab again goes
 * on through them). Returns true when it rewrote line. */
bool settings_complete(const struct forms *forms, char *line, size_t size);
/* The state file: read at start (a bad line is skipped), written after each
 * change (write to a temporary file, then rename). */
void settings_load(struct list_settings *s, const struct forms *forms);
bool settings_save(const struct list_settings *s, char *message, size_t size);
/* Where the walk through a spot check stood ([walk] of the state file, the
 * last WALK_REMEMBERED checks): written on every move, so a check killed at
 * any point reopens where it was. Load: false when none is remembered. */
#define WALK_REMEMBERED 20
bool settings_walk_save(const char *check_id, int scenario, int item);
bool settings_walk_load(const char *check_id, int *scenario, int *item);

#endif
