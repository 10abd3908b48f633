/* Names of forms keys for the screen: Chinese in a zh locale, else English;
 * the key itself when the forms do not know it. */
#include <string.h>

#include "gradus/i18n.h"
#include "tui_private.h"

const char *tui_level_name(const struct tui *tui, const char *key)
{
	const struct level *level = key ? forms_level(tui->forms, key) : NULL;

	if (!level)
		return key ? key : "";
	return i18n_chinese() ? level->zh : level->en;
}

const char *tui_state_name(const struct tui *tui, const char *level_key, const char *state_key)
{
	const struct level *level = level_key ? forms_level(tui->forms, level_key) : NULL;
	const struct level_state *state = level && state_key ? forms_level_state(level, state_key) : NULL;

	if (!state)
		return state_key ? state_key : "";
	return i18n_chinese() ? state->zh : state->en;
}

const char *tui_region_name(const struct tui *tui, const char *key)
{
	const struct region *region = key ? forms_region(tui->forms, key) : NULL;

	if (!region)
		return key ? key : "";
	return i18n_chinese() ? region->zh : region->en;
}
