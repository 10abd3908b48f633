/* Names of forms keys for the screen, from the one table of labels
 * (gradus/labels.h): Chinese in a zh locale, else English; the key itself
 * when the forms do not know it. */
#include "gradus/forms/labels.h"
#include "tui_private.h"

const char *tui_level_name(const struct tui *tui, const char *key)
{
	return label_level(tui->forms, key);
}

const char *tui_state_name(const struct tui *tui, const char *level_key, const char *state_key)
{
	return label_state(tui->forms, level_key, state_key);
}

const char *tui_region_name(const struct tui *tui, const char *key)
{
	return label_region(tui->forms, key);
}
