/* gettext: user-facing strings are _("English") with L10N notes. */
#ifndef GRADUS_I18N_H
#define GRADUS_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(text) gettext(text)
#define N_(text) (text)

/* Binds the "gradus" text domain to the build tree's or the installed
 * translations and reads the locale's character set and language of
 * messages from the environment (its other categories stay C). */
void i18n_init(void);
/* Whether messages are Chinese (zh_* locale): forms data is then shown in
 * its Chinese names, else in English. */
bool i18n_chinese(void);
/* gettext with a context: msgctxt context in the .po; english when the
 * catalogue has no translation. */
const char *i18n_context(const char *context, const char *english) __attribute__((format_arg(2)));

#endif
