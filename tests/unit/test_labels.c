/* Unit tests of the one table of labels (keys to words, in English and in
 * Chinese through zh_CN.po) and of local times. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "gradus/core/clock.h"
#include "gradus/forms/labels.h"
#include "gradus/text/i18n.h"
#include "store/schema.h"

static struct forms *forms;

static int setup(void **state)
{
	struct error err;

	(void)state;
	return forms_load(GRADUS_SOURCE_DIR "/forms", &forms, &err) == STATUS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	forms_free(&forms);
	return 0;
}

static void in_locale(const char *locale)
{
	setenv("LC_ALL", locale, 1);
	unsetenv("LANGUAGE");
	i18n_init();
}

static void test_english(void **state)
{
	(void)state;
	in_locale("C.UTF-8");
	assert_string_equal(label_level(forms, "excellent"), "Excellent");
	assert_string_equal(label_region(forms, "wuhan"), "Wuhan");
	assert_string_equal(label_severity("critical"), "critical");
	assert_string_equal(label_answer("na"), "n/a");
	assert_string_equal(label_field("enterprises", "name"), "Enterprise");
	assert_string_equal(label_value(forms, "excellent", "cases", "state", "certified"), "Certified");
	/* a key no table knows is shown as it is */
	assert_string_equal(label_role("auditor"), "auditor");
	assert_string_equal(label_field("cases", "colour"), "colour");
	assert_string_equal(label_value(forms, NULL, "cases", "note", "as typed"), "as typed");
}

static void test_chinese(void **state)
{
	(void)state;
	in_locale("zh_CN.UTF-8");
	if (!i18n_chinese())
		skip();
	assert_string_equal(label_level(forms, "excellent"), "卓越级");
	assert_string_equal(label_region(forms, "wuhan"), "武汉市");
	/* one set of severity words everywhere */
	assert_string_equal(label_severity("minor"), "轻微");
	assert_string_equal(label_severity("major"), "严重");
	assert_string_equal(label_severity("critical"), "重大");
	assert_string_equal(label_role("inspector"), "检查员");
	assert_string_equal(label_answer("partial"), "部分");
	/* the same English word, two things: an open finding, an open panel */
	assert_string_equal(label_finding_status("open"), "未关闭");
	assert_string_equal(label_panel_status("open"), "评审中");
	assert_string_equal(label_field("enterprises", "name"), "企业名称");
	assert_string_equal(label_value(forms, "excellent", "events", "to_state", "certified"), "已认定");
	assert_string_equal(label_value(forms, NULL, "enterprises", "region", "yichang"), "宜昌市");
	in_locale("C.UTF-8");
}

/* Every field the history names (one with an English label) has its
 * Chinese name as well (label_field under msgctxt "field"): none falls back
 * to English under zh_CN. */
static void test_every_named_field_in_chinese(void **state)
{
	const struct schema_table *table;
	size_t i, j, named = 0, english = 0;

	(void)state;
	in_locale("zh_CN.UTF-8");
	if (!i18n_chinese())
		skip();
	for (i = 0; (table = schema_table_at(i)); i++)
		for (j = 0; table->fields[j]; j++) {
			const char *label, *p;

			in_locale("C.UTF-8");
			label = label_field(table->name, table->fields[j]);
			if (!strcmp(label, table->fields[j]))
				continue; /* not named by the history */
			named++;
			in_locale("zh_CN.UTF-8");
			label = label_field(table->name, table->fields[j]);
			for (p = label; *p && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'); p++)
				;
			if (*p && ++english)
				print_error("%s.%s: \"%s\"\n", table->name, table->fields[j], label);
		}
	in_locale("C.UTF-8");
	assert_true(named > 100);
	assert_int_equal(english, 0);
}

static void test_local_time(void **state)
{
	char text[CLOCK_TEXT_SIZE];

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	assert_true(clock_local_text("2026-12-05T10:57:03Z", false, text, sizeof(text)));
	assert_string_equal(text, "2026-12-05 18:57");
	assert_true(clock_local_text("2026-12-05T20:57:03Z", true, text, sizeof(text)));
	assert_string_equal(text, "2026-12-06 04:57:03 CST +0800");
	setenv("TZ", "UTC", 1);
	assert_true(clock_local_text("2026-12-05T10:57:03Z", false, text, sizeof(text)));
	assert_string_equal(text, "2026-12-05 10:57");
	/* not a time: copied as it is */
	assert_false(clock_local_text("2026-12-05", false, text, sizeof(text)));
	assert_string_equal(text, "2026-12-05");
	assert_false(clock_local_text("李明的备注", false, text, sizeof(text)));
	assert_false(clock_local_text("2026-13-05T10:57:03Z", false, text, sizeof(text)));
}

/* i18n_chinese keeps its answer for the locale it was given, and follows
 * the locale when a program (or this test) sets another, without a new
 * i18n_init; a changed LANGUAGE counts from the next i18n_init. */
static void test_chinese_follows_locale(void **state)
{
	static const struct {
		const char *set;
		bool chinese;
	} steps[] = {
		{ "zh_CN.UTF-8", true }, { "zh_CN.UTF-8", true }, { "C.UTF-8", false },
		{ "zh_CN.GB18030", true }, { "C", false }, { "POSIX", false }, { "zh_CN.UTF-8", true },
	};
	size_t i;

	(void)state;
	in_locale("C.UTF-8");
	assert_false(i18n_chinese());
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (!setlocale(LC_MESSAGES, steps[i].set))
			continue; /* a locale this machine lacks */
		if (i18n_chinese() != steps[i].chinese)
			fail_msg("LC_MESSAGES=%s: i18n_chinese() %d, expected %d", steps[i].set, !steps[i].chinese,
				 steps[i].chinese);
	}
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_MESSAGES, "zh_CN.UTF-8");
	i18n_init();
	assert_false(i18n_chinese());
	in_locale("zh_CN.UTF-8");
	assert_true(i18n_chinese());
	in_locale("C.UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_chinese_follows_locale),
		cmocka_unit_test(test_every_named_field_in_chinese),
		cmocka_unit_test(test_local_time),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
