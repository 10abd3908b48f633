/* Unit tests of the keymap read from actions.def: every action has a name
 * the config file can use, a help text and a default key; no two actions of
 * one screen share a default key; a rebinding keeps the other actions' keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tui/tui_private.h"

static void every_action_is_whole(void **state)
{
	enum action action, other, named;

	(void)state;
	for (action = ACTION_NONE + 1; action < ACTION_COUNT; action++) {
		const char *name = keymap_action_name(action);

		assert_true(*name);
		assert_true(keymap_action_named(name, &named));
		assert_int_equal(named, action);
		assert_true(*keymap_describe(action));
		assert_true(*keymap_label(action));
		for (other = action + 1; other < ACTION_COUNT; other++)
			assert_string_not_equal(name, keymap_action_name(other));
	}
	assert_false(keymap_action_named("no_such_action", &named));
	assert_string_equal(keymap_action_name(ACTION_NONE), "");
	assert_string_equal(keymap_action_name(ACTION_COUNT), "");
}

static void a_key_means_one_thing_on_a_screen(void **state)
{
	const struct key_binding *bindings;
	size_t count, i, j;

	(void)state;
	keymap_reset();
	bindings = keymap_bindings(&count);
	assert_true(count >= ACTION_COUNT - 1);
	for (i = 0; i < count; i++)
		for (j = i + 1; j < count; j++) {
			bool same_key = bindings[i].code == bindings[j].code &&
					(bindings[i].code || bindings[i].ch == bindings[j].ch);

			if (same_key && keymap_action_scope(bindings[i].action) == keymap_action_scope(bindings[j].action))
				assert_int_equal(bindings[i].action, bindings[j].action);
		}
	/* what the defaults give, as the help screen shows them */
	assert_int_equal(keymap_action(0, L'j'), ACTION_DOWN);
	assert_int_equal(keymap_action(KEY_UP, 0), ACTION_UP);
	assert_int_equal(keymap_action_in(KEYMAP_WALK, 0, L'n'), ACTION_ANSWER_NO);
	assert_int_equal(keymap_action(0, L'n'), ACTION_NEW);
	assert_string_equal(keymap_label(ACTION_HELP), "?");
}

static void a_rebinding_moves_one_key(void **state)
{
	const struct key_binding key = { 0, L'J', "J", ACTION_DOWN };

	(void)state;
	keymap_reset();
	assert_true(keymap_bind(ACTION_DOWN, &key, 1));
	assert_int_equal(keymap_action(0, L'J'), ACTION_DOWN);
	assert_int_equal(keymap_action(0, L'j'), ACTION_NONE);
	assert_int_equal(keymap_action(0, L'k'), ACTION_UP);
	keymap_reset();
	assert_int_equal(keymap_action(0, L'j'), ACTION_DOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_action_is_whole),
		cmocka_unit_test(a_key_means_one_thing_on_a_screen),
		cmocka_unit_test(a_rebinding_moves_one_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
