#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gradus/text/i18n.h"

/* i18n_chinese's answer for the messages locale named here (-1: none
 * yet): a screen asks it for every label it draws, and LANGUAGE is read
 * from the environment only when the locale changes or i18n_init runs. */
static int chinese = -1;
static char chinese_for[64];

void i18n_init(void)
{
	struct stat st;
	const char *dir = GRADUS_LOCALEDIR;

	/* Only the two categories gradus reads from the environment: the
	 * character set (LC_CTYPE: terminal, iconv, widths) and the language
	 * of messages (LC_MESSAGES). glibc loads each category by itself, and a
	 * locale outside /usr/lib/locale/locale-archive (C.UTF-8 there) from a
	 * file of its own, tried as C.UTF-8 then as C.utf8: 24 files opened
	 * for LC_ALL's twelve. Numbers stay C's (strtod reads the forms' 0.5
	 * in any locale), times are written in numbers only, and sort keys
	 * name their own locale (store/sortkey.c). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	chinese = -1;
	if (stat(GRADUS_BUILD_LOCALEDIR, &st) == 0 && S_ISDIR(st.st_mode))
		dir = GRADUS_BUILD_LOCALEDIR;
	bindtextdomain("gradus", dir);
	bind_textdomain_codeset("gradus", "UTF-8");
	textdomain("gradus");
}

static bool chinese_now(const char *messages)
{
	const char *language = getenv("LANGUAGE");

	if (messages && (!strcmp(messages, "C") || !strcmp(messages, "POSIX")))
		return false;
	if (language && *language)
		return !strncmp(language, "zh", 2);
	return messages && !strncmp(messages, "zh", 2);
}

bool i18n_chinese(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);

	if (chinese >= 0 && messages && !strcmp(messages, chinese_for))
		return chinese;
	chinese = chinese_now(messages);
	if (!messages || strlen(messages) >= sizeof(chinese_for)) {
		bool answer = chinese;

		chinese = -1;
		return answer;
	}
	strcpy(chinese_for, messages);
	return chinese;
}

const char *i18n_context(const char *context, const char *english)
{
	char id[512];
	const char *text;

	if (snprintf(id, sizeof(id), "%s\004%s", context, english) >= (int)sizeof(id))
		return english;
	text = gettext(id);
	return text == id ? english : text;
}
