#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gradus/text/i18n.h"

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
	if (stat(GRADUS_BUILD_LOCALEDIR, &st) == 0 && S_ISDIR(st.st_mode))
		dir = GRADUS_BUILD_LOCALEDIR;
	bindtextdomain("gradus", dir);
	bind_textdomain_codeset("gradus", "UTF-8");
	textdomain("gradus");
}

bool i18n_chinese(void)
{
	const char *language = getenv("LANGUAGE");
	const char *messages = setlocale(LC_MESSAGES, NULL);

	if (messages && (!strcmp(messages, "C") || !strcmp(messages, "POSIX")))
		return false;
	if (language && *language)
		return !strncmp(language, "zh", 2);
	return messages && !strncmp(messages, "zh", 2);
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
