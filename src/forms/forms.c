/* forms/: read every file, hash them, build and validate the forms set.
 * Loading is all or nothing: on any error everything is freed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "gradus/forms/forms.h"
#include "forms_private.h"
#include "gradus/text/i18n.h"

#define FORMS_MAX_FILE_SIZE (1024 * 1024)

struct forms_file_set {
	struct forms_file *files;
	size_t count, cap;
};

static const char *const top_files[] = { "maturity.ini", "regions.ini", "stages.ini", NULL };

static void file_set_free(struct forms_file_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++) {
		free(set->files[i].rel);
		free(set->files[i].path);
		free(set->files[i].bytes);
	}
	free(set->files);
	memset(set, 0, sizeof(*set));
}

static char *path_join(const char *a, const char *b)
{
	size_t size = strlen(a) + strlen(b) + 2;
	char *path = malloc(size);

	if (path)
		snprintf(path, size, "%s/%s", a, b);
	return path;
}

/* The file's bytes in one read of the size fstat gave (and one more byte,
 * which a file that grew meanwhile fills: then read on to its end). */
static enum status read_bytes(int fd, const struct stat *st, struct forms_file *file, struct error *err)
{
	size_t cap = (size_t)st->st_size + 2;
	ssize_t got;
	char *bigger;

	if (st->st_size > FORMS_MAX_FILE_SIZE)
		return forms_fail(err, file->path, 0, _("larger than %d bytes: not a forms file"), FORMS_MAX_FILE_SIZE);
	file->bytes = malloc(cap);
	if (!file->bytes)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (;;) {
		got = read(fd, file->bytes + file->size, cap - file->size - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return forms_fail(err, file->path, 0, _("cannot read: %s"), strerror(errno));
		if (got == 0)
			break;
		file->size += (size_t)got;
		if (file->size > FORMS_MAX_FILE_SIZE)
			return forms_fail(err, file->path, 0, _("larger than %d bytes: not a forms file"),
					  FORMS_MAX_FILE_SIZE);
		if (file->size + 1 < cap) {
			if (file->size == (size_t)st->st_size)
				break; /* all fstat promised, and the read came short of the room: the end */
			continue;
		}
		bigger = realloc(file->bytes, cap * 2);
		if (!bigger)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		file->bytes = bigger;
		cap *= 2;
	}
	file->bytes[file->size] = '\0';
	return STATUS_OK;
}

static enum status add_file(struct forms_file_set *set, const char *dir, const char *rel, struct error *err)
{
	struct forms_file *files, *file;
	enum status status;
	struct stat st;
	int fd;

	if (set->count == set->cap) {
		files = realloc(set->files, (set->cap ? set->cap * 2 : 64) * sizeof(*files));
		if (!files)
			return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		set->files = files;
		set->cap = set->cap ? set->cap * 2 : 64;
	}
	file = &set->files[set->count++];
	memset(file, 0, sizeof(*file));
	file->rel = strdup(rel);
	file->path = path_join(dir, rel);
	if (!file->rel || !file->path)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	/* Not blocking on a FIFO planted here: only a regular file is read. */
	fd = open(file->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return forms_fail(err, file->path, 0, _("cannot open: %s"), strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		/* L10N: a name in the forms folder that is a pipe, a device or a folder */
		return forms_fail(err, file->path, 0, _("not a regular file; the forms folder holds only files"));
	}
	status = read_bytes(fd, &st, file, err);
	close(fd);
	return status;
}

/* columns.ini may be absent (a forms folder from before it); a name there
 * that is not a file is still refused by add_file. */
static bool optional_file_exists(const char *dir, const char *rel)
{
	char *path = path_join(dir, rel);
	struct stat st;
	bool exists = path && lstat(path, &st) == 0;

	free(path);
	return exists;
}

static int is_ini_name(const struct dirent *entry)
{
	size_t len = strlen(entry->d_name);

	return entry->d_name[0] != '.' && len > 4 && !strcmp(entry->d_name + len - 4, ".ini");
}

/* Byte order, whatever the locale: the hash depends on it. */
static int name_compare(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static enum status add_directory(struct forms_file_set *set, const char *dir, const char *sub, bool required,
				 struct error *err)
{
	struct dirent **names = NULL;
	enum status status = STATUS_OK;
	char *path = NULL, *rel = NULL;
	int count, i;

	path = path_join(dir, sub);
	if (!path)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	count = scandir(path, &names, is_ini_name, name_compare);
	if (count < 0) {
		if (required || errno != ENOENT)
			status = forms_fail(err, path, 0, _("cannot open directory: %s"), strerror(errno));
		goto cleanup;
	}
	for (i = 0; i < count && !status; i++) {
		rel = path_join(sub, names[i]->d_name);
		if (!rel)
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		else
			status = add_file(set, dir, rel, err);
		free(rel);
		rel = NULL;
	}
cleanup:
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(path);
	return status;
}

static int file_compare(const void *a, const void *b)
{
	return strcmp(((const struct forms_file *)a)->rel, ((const struct forms_file *)b)->rel);
}

static enum status read_files(struct forms_file_set *set, const char *dir, struct error *err)
{
	static const char *const subdirs[] = { "holidays", "levels", "scenarios" };
	enum status status = STATUS_OK;
	struct stat st;
	size_t i;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		const char *why = stat(dir, &st) ? strerror(errno) : "not a folder";

		return forms_fail(err, dir, 0, _("no forms folder here (%s); gradus needs its scenarios, levels and "
				  "holidays: name the folder with --forms DIR or GRADUS_FORMS"), why);
	}
	for (i = 0; top_files[i] && !status; i++)
		status = add_file(set, dir, top_files[i], err);
	if (!status && optional_file_exists(dir, "columns.ini"))
		status = add_file(set, dir, "columns.ini", err);
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]) && !status; i++)
		status = add_directory(set, dir, subdirs[i], strcmp(subdirs[i], "holidays") != 0, err);
	if (!status)
		qsort(set->files, set->count, sizeof(set->files[0]), file_compare);
	return status;
}

static bool is_rule(const char *rel)
{
	return !strncmp(rel, "levels/", 7) || !strncmp(rel, "holidays/", 9);
}

/* SHA-256 over, for each file in path order (each for which take is true,
 * or every one): relative path, NUL, bytes. */
static void hash_files(const struct forms_file_set *set, bool (*take)(const char *rel), char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	size_t i;

	sha256_init(&ctx);
	for (i = 0; i < set->count; i++) {
		if (take && !take(set->files[i].rel))
			continue;
		sha256_update(&ctx, strlen(set->files[i].rel) + 1, (const uint8_t *)set->files[i].rel);
		sha256_update(&ctx, set->files[i].size, (const uint8_t *)set->files[i].bytes);
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
}

static enum status load_stage(const struct ini_doc *doc, const struct ini_section *section, struct stage *stage,
			      struct error *err)
{
	static const char *const keys[] = { "order", "zh", "en", NULL };
	enum status status;

	if (!forms_is_key(section->name))
		return forms_fail(err, doc->path, section->line,
				  _("stage key '%s' must be lower-case letters, digits and '_'"), section->name);
	stage->key = strdup(section->name);
	if (!stage->key)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, keys, err);
	if (!status)
		status = ini_int(doc, section, "order", 1, (int)doc->count, &stage->order, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &stage->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &stage->en, err);
	return status;
}

static int stage_compare(const void *a, const void *b)
{
	return ((const struct stage *)a)->order - ((const struct stage *)b)->order;
}

static enum status load_stages(struct forms *forms, const struct ini_doc *doc, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i, k;

	if (!doc->count)
		return forms_fail(err, doc->path, 0, _("no stages: expected one [section] per stage"));
	forms->stages = calloc(doc->count, sizeof(*forms->stages));
	if (!forms->stages)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	forms->stage_count = doc->count;
	for (i = 0; i < doc->count && !status; i++) {
		status = load_stage(doc, &doc->sections[i], &forms->stages[i], err);
		for (k = 0; k < i && !status; k++) {
			if (forms->stages[k].order == forms->stages[i].order)
				status = forms_fail(err, doc->path, ini_get(&doc->sections[i], "order")->line,
						    _("order %d already used by stage '%s'"),
						    forms->stages[i].order, forms->stages[k].key);
		}
	}
	if (!status)
		qsort(forms->stages, forms->stage_count, sizeof(*forms->stages), stage_compare);
	return status;
}

static bool is_region_code(const char *code)
{
	size_t i;

	for (i = 0; i < 6; i++) {
		if (code[i] < '0' || code[i] > '9')
			return false;
	}
	return code[6] == '\0';
}

static enum status load_region(const struct ini_doc *doc, const struct ini_section *section,
			       struct region *region, struct error *err)
{
	static const char *const keys[] = { "zh", "en", "code", "short", NULL };
	enum status status;

	if (!forms_is_key(section->name))
		return forms_fail(err, doc->path, section->line,
				  _("region key '%s' must be lower-case letters, digits and '_'"), section->name);
	region->key = strdup(section->name);
	if (!region->key)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, keys, err);
	if (!status)
		status = ini_string(doc, section, "zh", false, &region->zh, err);
	if (!status)
		status = ini_string(doc, section, "en", false, &region->en, err);
	if (!status)
		status = ini_string(doc, section, "code", false, &region->code, err);
	if (!status && !is_region_code(region->code))
		status = forms_fail(err, doc->path, ini_get(section, "code")->line,
				    _("region code '%s' must be 6 digits (GB/T 2260), e.g. 420100"), region->code);
	if (!status && ini_get(section, "short"))
		status = ini_split(doc, ini_get(section, "short"), ',', &region->short_names, &region->short_count,
				   err);
	return status;
}

static enum status load_regions(struct forms *forms, const struct ini_doc *doc, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i, k;

	if (!doc->count)
		return forms_fail(err, doc->path, 0, _("no regions: expected one [section] per region"));
	forms->regions = calloc(doc->count, sizeof(*forms->regions));
	if (!forms->regions)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	forms->region_count = doc->count;
	for (i = 0; i < doc->count && !status; i++) {
		status = load_region(doc, &doc->sections[i], &forms->regions[i], err);
		for (k = 0; k < i && !status; k++) {
			if (!strcmp(forms->regions[k].code, forms->regions[i].code))
				status = forms_fail(err, doc->path, ini_get(&doc->sections[i], "code")->line,
						    _("code %s already used by region '%s'"),
						    forms->regions[i].code, forms->regions[k].key);
		}
	}
	return status;
}

/* Files without a loader of their own: stages.ini and regions.ini. */
static enum status load_table(struct forms *forms, const struct forms_file *file, struct error *err)
{
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);

	if (status)
		return status;
	if (!strcmp(file->rel, "stages.ini"))
		status = load_stages(forms, &doc, err);
	else
		status = load_regions(forms, &doc, err);
	ini_doc_free(&doc);
	return status;
}

static enum status load_file(struct forms *forms, const struct forms_file *file, bool lazy, struct error *err)
{
	if (!strncmp(file->rel, "holidays/", 9))
		return forms_load_holidays(forms, file, err);
	if (!strncmp(file->rel, "levels/", 7))
		return forms_load_level(forms, file, err);
	if (!strncmp(file->rel, "scenarios/", 10))
		return lazy ? forms_load_scenario_head(forms, file, err) : forms_load_scenario(forms, file, err);
	if (!strcmp(file->rel, "maturity.ini"))
		return forms_load_maturity(forms, file, err);
	if (!strcmp(file->rel, "columns.ini"))
		return forms_load_columns(forms, file, err);
	return load_table(forms, file, err);
}

static enum status load_all(struct forms *forms, const struct forms_file_set *set, bool lazy, struct error *err)
{
	enum status status = STATUS_OK;
	size_t i, scenarios = 0;

	/* As many scenarios as there are files of scenarios/ (ids 1..n). */
	for (i = 0; i < set->count; i++)
		scenarios += !strncmp(set->files[i].rel, "scenarios/", 10);
	status = forms_scenario_slots(forms, scenarios, err);
	/* Scenarios name stages: stages.ini goes first. */
	for (i = 0; i < set->count && !status; i++) {
		if (!strcmp(set->files[i].rel, "stages.ini"))
			status = load_table(forms, &set->files[i], err);
	}
	for (i = 0; i < set->count && !status; i++) {
		if (strcmp(set->files[i].rel, "stages.ini"))
			status = load_file(forms, &set->files[i], lazy, err);
	}
	if (!status)
		status = forms_check_scenarios(forms, err);
	if (!status)
		status = forms_check_levels(forms, err);
	return status;
}

static char *dir_copy(const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	return strndup(dir, len);
}

static enum status load(const char *dir, bool lazy, struct forms **out, struct error *err)
{
	struct forms_file_set set = { NULL, 0, 0 };
	struct forms *forms;
	enum status status;

	*out = NULL;
	forms = calloc(1, sizeof(*forms));
	if (!forms || !(forms->dir = dir_copy(dir))) {
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
		goto cleanup;
	}
	status = read_files(&set, forms->dir, err);
	if (!status)
		status = load_all(forms, &set, lazy, err);
	if (!status && !(forms->files = malloc(sizeof(*forms->files))))
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	if (!status) {
		*forms->files = set;
		memset(&set, 0, sizeof(set));
	}
cleanup:
	file_set_free(&set);
	if (status)
		forms_free(&forms);
	*out = forms;
	return status;
}

enum status forms_load(const char *dir, struct forms **out, struct error *err)
{
	return load(dir, false, out, err);
}

enum status forms_load_lazy(const char *dir, struct forms **out, struct error *err)
{
	return load(dir, true, out, err);
}

const char *forms_hash(const struct forms *forms)
{
	/* a cache of what the loaded bytes hash to: forms stay const to their readers */
	struct forms *f = (struct forms *)forms;

	if (!f->hash[0] && f->files)
		hash_files(f->files, NULL, f->hash);
	return f->hash;
}

const char *forms_rules_hash(const struct forms *forms)
{
	struct forms *f = (struct forms *)forms;

	if (!f->rules_hash[0] && f->files)
		hash_files(f->files, is_rule, f->rules_hash);
	return f->rules_hash;
}

static void stages_free(struct forms *forms)
{
	size_t i;

	for (i = 0; i < forms->stage_count; i++) {
		free(forms->stages[i].key);
		free(forms->stages[i].zh);
		free(forms->stages[i].en);
	}
	free(forms->stages);
}

static void regions_free(struct forms *forms)
{
	size_t i;

	for (i = 0; i < forms->region_count; i++) {
		free(forms->regions[i].key);
		free(forms->regions[i].zh);
		free(forms->regions[i].en);
		free(forms->regions[i].code);
		forms_strings_free(forms->regions[i].short_names, forms->regions[i].short_count);
	}
	free(forms->regions);
}

void forms_free(struct forms **forms)
{
	struct forms *f;
	size_t i;

	if (!forms || !*forms)
		return;
	f = *forms;
	stages_free(f);
	for (i = 0; i < f->scenario_count; i++)
		forms_scenario_free(&f->scenarios[i]);
	free(f->scenarios);
	free(f->unread_checklists);
	for (i = 0; i < f->level_count; i++)
		forms_level_free(&f->levels[i]);
	free(f->levels);
	regions_free(f);
	if (f->files)
		file_set_free(f->files);
	free(f->files);
	forms_columns_free(f);
	forms_calendar_free(f);
	free(f->dir);
	free(f);
	*forms = NULL;
}

const struct stage *forms_stage(const struct forms *forms, const char *key)
{
	size_t i;

	for (i = 0; key && i < forms->stage_count; i++) {
		if (!strcmp(forms->stages[i].key, key))
			return &forms->stages[i];
	}
	return NULL;
}

const struct scenario *forms_scenario(const struct forms *forms, int id)
{
	/* the ids run 1..scenario_count without a gap (forms_check_scenarios) */
	if (id < 1 || (size_t)id > forms->scenario_count || forms->scenarios[id - 1].id != id)
		return NULL;
	return &forms->scenarios[id - 1];
}

enum status forms_scenario_checklist(const struct forms *forms, int id, const struct scenario **out,
				     struct error *err)
{
	/* read on first use, a cache as forms_hash's: forms stay const to their readers */
	struct forms *f = (struct forms *)forms;
	const struct forms_file *file;
	enum status status;

	*out = NULL;
	if (!forms_scenario(forms, id))
		return error_set(err, STATUS_ERR_INVALID, _("scenario %d is not in the forms"), id);
	file = f->unread_checklists[id - 1];
	if (file && (status = forms_read_checklist(&f->scenarios[id - 1], file, err)))
		return status;
	f->unread_checklists[id - 1] = NULL;
	*out = &f->scenarios[id - 1];
	return STATUS_OK;
}

size_t forms_scenario_count(const struct forms *forms)
{
	return forms->scenario_count;
}

bool forms_scenario_exists(const struct forms *forms, int id)
{
	return forms_scenario(forms, id) != NULL;
}

const struct level *forms_level(const struct forms *forms, const char *key)
{
	size_t i;

	for (i = 0; key && i < forms->level_count; i++) {
		if (forms->levels[i].key && !strcmp(forms->levels[i].key, key))
			return &forms->levels[i];
	}
	return NULL;
}

const struct region *forms_region(const struct forms *forms, const char *key)
{
	size_t i;

	for (i = 0; key && i < forms->region_count; i++) {
		if (!strcmp(forms->regions[i].key, key))
			return &forms->regions[i];
	}
	return NULL;
}

const struct level_step *forms_level_step(const struct level *level, const char *key)
{
	size_t i;

	for (i = 0; key && i < level->step_count; i++) {
		if (!strcmp(level->steps[i].key, key))
			return &level->steps[i];
	}
	return NULL;
}

const struct level_state *forms_level_state(const struct level *level, const char *key)
{
	size_t i;

	for (i = 0; key && i < level->state_count; i++) {
		if (!strcmp(level->states[i].key, key))
			return &level->states[i];
	}
	return NULL;
}

size_t forms_level_material_group(const struct level *level, const char *group, char *const **keys)
{
	if (!strcmp(group, "application")) {
		*keys = level->application_materials;
		return level->application_material_count;
	}
	if (!strcmp(group, "acceptance")) {
		*keys = level->acceptance_materials;
		return level->acceptance_material_count;
	}
	*keys = level->review_materials;
	return !strcmp(group, "review") ? level->review_material_count : 0;
}

const struct level_panel *forms_level_panel(const struct level *level, const char *key)
{
	size_t i;

	for (i = 0; key && i < level->panel_count; i++)
		if (!strcmp(level->panels[i].key, key))
			return &level->panels[i];
	return NULL;
}

const struct level_kpi *forms_level_kpi(const struct level *level, const char *key)
{
	size_t i;

	for (i = 0; key && i < level->kpi_count; i++)
		if (!strcmp(level->kpis[i].key, key))
			return &level->kpis[i];
	return NULL;
}
