/* The one keymap: dispatch, the help screen and the status-line hints all
 * read the actions of actions.def and the keys bound to them. */
#include <string.h>

#include "gradus/text/i18n.h"
#include "tui_private.h"

/* A default key of an action: a key_binding without its action. */
struct default_key {
	int code;
	wint_t ch;
	const char *label;
};

/* One action as actions.def gives it. */
struct action_def {
	const char *name; /* in the config file's [keys] */
	enum keymap_scope scope;
	const char *description; /* msgid of its help text */
	const struct default_key *keys;
	size_t key_count;
};

#define KEYS(...) ((const struct default_key[]){ __VA_ARGS__ })
#define X(id, name, scope, description, ...)                                                              \
	[ACTION_##id] = { name, KEYMAP_##scope, description, KEYS(__VA_ARGS__),                            \
			  sizeof(KEYS(__VA_ARGS__)) / sizeof(struct default_key) },
static const struct action_def actions[ACTION_COUNT] = {
#include "actions.def"
};
#undef X
#undef KEYS

/* The bindings in use: the defaults, changed by the [keys] of the config. */
#define MAX_BINDINGS 200
static struct key_binding bindings[MAX_BINDINGS];
static size_t binding_count;


static void ensure(void)
{
	enum action action;
	size_t i;

	if (binding_count)
		return;
	for (action = ACTION_NONE + 1; action < ACTION_COUNT; action++)
		for (i = 0; i < actions[action].key_count && binding_count < MAX_BINDINGS; i++) {
			const struct default_key *key = &actions[action].keys[i];

			bindings[binding_count++] = (struct key_binding){ key->code, key->ch, key->label, action };
		}
}

const char *keymap_action_name(enum action action)
{
	return action > ACTION_NONE && action < ACTION_COUNT && actions[action].name ? actions[action].name : "";
}

bool keymap_action_named(const char *name, enum action *out)
{
	int i;

	for (i = ACTION_NONE + 1; i < ACTION_COUNT; i++)
		if (actions[i].name && !strcmp(actions[i].name, name)) {
			*out = (enum action)i;
			return true;
		}
	return false;
}

bool keymap_bind(enum action action, const struct key_binding *keys, size_t count)
{
	size_t i, j, kept = 0;

	ensure();
	for (i = 0; i < binding_count; i++) {
		bool taken = bindings[i].action == action;

		/* A key leaves another action of the same scope only. */
		for (j = 0; j < count && !taken; j++)
			taken = bindings[i].code == keys[j].code && bindings[i].ch == keys[j].ch &&
				actions[bindings[i].action].scope == actions[action].scope;
		if (!taken)
			bindings[kept++] = bindings[i];
	}
	if (kept + count > MAX_BINDINGS)
		return false;
	for (j = 0; j < count; j++) {
		bindings[kept] = keys[j];
		bindings[kept++].action = action;
	}
	binding_count = kept;
	return true;
}

void keymap_reset(void)
{
	binding_count = 0;
	ensure();
}

enum keymap_scope keymap_action_scope(enum action action)
{
	return action > ACTION_NONE && action < ACTION_COUNT ? actions[action].scope : KEYMAP_GLOBAL;
}

static enum action lookup(enum keymap_scope scope, int code, wint_t ch)
{
	size_t i;

	ensure();
	for (i = 0; i < binding_count; i++) {
		if (actions[bindings[i].action].scope != scope)
			continue;
		if (code && bindings[i].code == code)
			return bindings[i].action;
		if (!code && !bindings[i].code && bindings[i].ch == ch)
			return bindings[i].action;
	}
	return ACTION_NONE;
}

enum action keymap_action(int code, wint_t ch)
{
	return lookup(KEYMAP_GLOBAL, code, ch);
}

enum action keymap_action_in(enum keymap_scope scope, int code, wint_t ch)
{
	enum action action = scope == KEYMAP_GLOBAL ? ACTION_NONE : lookup(scope, code, ch);

	return action != ACTION_NONE ? action : lookup(KEYMAP_GLOBAL, code, ch);
}

const struct key_binding *keymap_bindings(size_t *count)
{
	ensure();
	*count = binding_count;
	return bindings;
}

const char *keymap_describe(enum action action)
{
	if (action <= ACTION_NONE || action >= ACTION_COUNT || !actions[action].description)
		return "";
	return _(actions[action].description);
}

const char *keymap_label(enum action action)
{
	size_t i;

	ensure();
	for (i = 0; i < binding_count; i++)
		if (bindings[i].action == action)
			return bindings[i].label;
	return "";
}
