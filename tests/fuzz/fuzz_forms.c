/* The forms loader, one file at a time in memory: the first byte picks the
 * file it stands for (its loader and the name it must match), the rest is
 * its bytes. Scenarios see the stages of the forms in the source tree and
 * have one slot, id 1; each is read whole, then as forms_load_lazy() reads
 * it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms/forms_private.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"stages.ini", "scenarios/01-digital-planning.ini", "levels/basic.ini", "levels/advanced.ini",
	"levels/excellent.ini", "levels/leading.ini", "holidays/2025.ini", "holidays/2026.ini", "maturity.ini",
};
#define NAME_COUNT (sizeof(names) / sizeof(names[0]))

static struct forms *real;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct error err;

	(void)argc;
	(void)argv;
	if (forms_load(GRADUS_SOURCE_DIR "/forms", &real, &err))
		abort();
	return 0;
}

/* A forms set with the real stages and one scenario slot (id 1). */
static struct forms *scratch_forms(void)
{
	struct forms *forms = calloc(1, sizeof(*forms));
	struct error err;

	if (!forms || !(forms->dir = strdup("forms")) || forms_scenario_slots(forms, 1, &err)) {
		forms_free(&forms);
		return NULL;
	}
	forms->stages = real->stages;
	forms->stage_count = real->stage_count;
	return forms;
}

static void scratch_free(struct forms *forms)
{
	if (!forms)
		return;
	forms->stages = NULL;
	forms->stage_count = 0;
	forms_free(&forms);
}

/* A scenario file read as forms_load_lazy() does: its head, then its
 * checklist from the same bytes. */
static void load_lazily(const struct forms_file *file)
{
	struct forms *forms = scratch_forms();
	struct error err;

	if (forms && !forms_load_scenario_head(forms, file, &err) && forms->unread_checklists[0])
		forms_read_checklist(&forms->scenarios[0], forms->unread_checklists[0], &err);
	scratch_free(forms);
}

static void load_one(struct forms *forms, const struct forms_file *file, size_t kind)
{
	struct ini_doc doc;
	struct error err;

	if (kind == 0) {
		if (!ini_doc_parse(file, &doc, &err))
			ini_doc_free(&doc);
	} else if (kind == 1) {
		if (!forms_load_scenario(forms, file, &err))
			forms_check_scenarios(forms, &err);
		load_lazily(file);
	} else if (kind <= 5) {
		if (!forms_load_level(forms, file, &err))
			forms_check_levels(forms, &err);
	} else if (kind <= 7) {
		forms_load_holidays(forms, file, &err);
	} else {
		forms_load_maturity(forms, file, &err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct forms *forms = NULL;
	struct forms_file file;
	size_t kind;

	if (size < 1 || !(forms = scratch_forms()))
		return 0;
	kind = data[0] % NAME_COUNT;
	file.rel = (char *)names[kind];
	file.path = (char *)names[kind];
	file.size = size - 1;
	file.bytes = malloc(size);
	if (file.bytes) {
		memcpy(file.bytes, data + 1, size - 1);
		file.bytes[size - 1] = '\0';
		load_one(forms, &file, kind);
	}
	free(file.bytes);
	scratch_free(forms);
	return 0;
}
