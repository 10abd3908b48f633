/* [kpi.KEY] sections of a level file: the KPIs a cultivation follows by
 * default, each with its unit and which way is better. */
#include <stdlib.h>
#include <string.h>

#include "forms_private.h"
#include "gradus/text/i18n.h"

static const char *const kpi_keys[] = { "zh", "en", "unit", "better", NULL };
static const char *const betters[] = { "lower", "higher", NULL };

void forms_kpis_free(struct level *level)
{
	size_t i;

	for (i = 0; i < level->kpi_count; i++) {
		free(level->kpis[i].key);
		free(level->kpis[i].zh);
		free(level->kpis[i].en);
		free(level->kpis[i].unit);
	}
	free(level->kpis);
	level->kpis = NULL;
	level->kpi_count = 0;
}

static enum status load_kpi(const struct ini_doc *doc, const struct ini_section *section, struct level_kpi *kpi,
			    struct error *err)
{
	const char *key = forms_suffix(section->name, "kpi.");
	enum status status;
	int better = 0;

	if (!forms_is_key(key) || strlen(key) > 30)
		return forms_fail(err, doc->path, section->line,
				  _("kpi key '%s' must be lower-case letters, digits and '_' (at most 30)"), key);
	if (!(kpi->key = strdup(key)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, kpi_keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &kpi->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &kpi->en, err);
	if (!status)
		status = ini_string(doc, section, "unit", false, &kpi->unit, err);
	if (!status && strlen(kpi->unit) > 30)
		status = forms_fail(err, doc->path, ini_get(section, "unit")->line, _("unit: at most 30 bytes"));
	if (!status)
		status = ini_word(doc, section, "better", betters, &better, err);
	kpi->lower_is_better = better == 0;
	return status;
}

enum status forms_load_kpis(const struct ini_doc *doc, struct level *level, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i, count = 0;

	for (i = 0; i < doc->count; i++)
		count += forms_suffix(doc->sections[i].name, "kpi.") != NULL;
	if (!count)
		return STATUS_OK;
	if (!(level->kpis = calloc(count, sizeof(*level->kpis))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < doc->count && !status; i++)
		if (forms_suffix(doc->sections[i].name, "kpi."))
			status = load_kpi(doc, &doc->sections[i], &level->kpis[level->kpi_count++], err);
	return status;
}
