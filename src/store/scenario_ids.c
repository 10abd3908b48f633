/* Which scenario numbers a write takes: those of the forms the store was
 * given (authority_use_forms). The database bounds none, so that a forms
 * set with more scenarios needs no new schema. */
#include "gradus/forms/forms.h"
#include "gradus/text/i18n.h"
#include "store_private.h"

size_t store_scenario_count(const struct store *store)
{
	return store->forms ? forms_scenario_count(store->forms) : 0;
}

enum status store_scenario_check(const struct store *store, int id, struct error *err)
{
	if (!store->forms)
		/* L10N: a write naming a scenario while no forms folder is loaded */
		return error_set(err, STATUS_ERR_INVALID, _("scenario %d: no forms are loaded to check it against"), id);
	if (!forms_scenario_exists(store->forms, id))
		/* L10N: %zu is the number of scenarios of the forms folder (the 2025 guide has forty) */
		return error_set(err, STATUS_ERR_INVALID, _("scenario %d: expected 1 to %zu, the scenarios of the forms"),
				 id, forms_scenario_count(store->forms));
	return STATUS_OK;
}
