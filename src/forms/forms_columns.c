/* forms/columns.ini: the headers an office writes for each field of an
 * import ([cases.uscc] headers = 统一社会信用代码, 信用代码), the row number
 * columns an import passes over ([skip]), and the lookups of a region or a
 * level as an office writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/forms/forms.h"
#include "forms_private.h"
#include "gradus/text/i18n.h"

static const char *const column_kinds[] = { "cases", "experts", NULL };

char *forms_trim(char *text)
{
	static const char wide_space[] = "\xe3\x80\x80";
	size_t start = 0, len = strlen(text);

	for (;;) {
		if (text[start] == ' ' || text[start] == '\t')
			start++;
		else if (!strncmp(text + start, wide_space, 3))
			start += 3;
		else
			break;
	}
	for (;;) {
		if (len > start && (text[len - 1] == ' ' || text[len - 1] == '\t'))
			len--;
		else if (len >= start + 3 && !strncmp(text + len - 3, wide_space, 3))
			len -= 3;
		else
			break;
	}
	memmove(text, text + start, len - start);
	text[len - start] = '\0';
	return text;
}

/* A header already named for the same kind is refused: the import could
 * not tell which field it means. alias is the last of forms->columns. */
static enum status check_repeated(const struct forms *forms, const struct ini_doc *doc, int line,
				  const struct column_alias *alias, struct error *err)
{
	size_t i, k, j;

	for (i = 0; i < alias->header_count; i++) {
		for (k = 0; k + 1 < forms->column_count; k++)
			for (j = 0; j < forms->columns[k].header_count; j++)
				if (!strcmp(forms->columns[k].kind, alias->kind) &&
				    !strcasecmp(forms->columns[k].headers[j], alias->headers[i]))
					return forms_fail(err, doc->path, line,
							  _("header '%s' already names %s.%s"), alias->headers[i],
							  forms->columns[k].kind, forms->columns[k].field);
		for (j = 0; j < i; j++)
			if (!strcasecmp(alias->headers[j], alias->headers[i]))
				return forms_fail(err, doc->path, line, _("header '%s' is listed twice"),
						  alias->headers[i]);
	}
	return STATUS_OK;
}

static enum status load_alias(struct forms *forms, const struct ini_doc *doc, const struct ini_section *section,
			      struct error *err)
{
	static const char *const keys[] = { "headers", NULL };
	struct column_alias *alias = &forms->columns[forms->column_count];
	const char *dot = strchr(section->name, '.');
	const struct ini_entry *entry;
	enum status status;
	char kind[16];

	if (!dot || !forms_is_key(dot + 1) || (size_t)(dot - section->name) >= sizeof(kind) ||
	    (snprintf(kind, sizeof(kind), "%.*s", (int)(dot - section->name), section->name),
	     forms_word_index(column_kinds, kind) < 0))
		/* L10N: a section of forms/columns.ini; keep the bracketed names as they are */
		return forms_fail(err, doc->path, section->line,
				  _("section [%s]: expected [cases.FIELD], [experts.FIELD] or [skip]"), section->name);
	memset(alias, 0, sizeof(*alias));
	forms->column_count++;
	if (!(alias->kind = strdup(kind)) || !(alias->field = strdup(dot + 1)))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	status = ini_check_keys(doc, section, keys, err);
	if (!status)
		status = ini_require(doc, section, "headers", &entry, err);
	if (!status)
		status = ini_split(doc, entry, ',', &alias->headers, &alias->header_count, err);
	if (!status)
		status = check_repeated(forms, doc, entry->line, alias, err);
	return status;
}

static enum status load_skip(struct forms *forms, const struct ini_doc *doc, const struct ini_section *section,
			     struct error *err)
{
	static const char *const keys[] = { "headers", NULL };
	const struct ini_entry *entry;
	enum status status = ini_check_keys(doc, section, keys, err);

	if (!status)
		status = ini_require(doc, section, "headers", &entry, err);
	if (!status)
		status = ini_split(doc, entry, ',', &forms->skip_headers, &forms->skip_count, err);
	return status;
}

enum status forms_load_columns(struct forms *forms, const struct forms_file *file, struct error *err)
{
	struct ini_doc doc;
	enum status status = ini_doc_parse(file, &doc, err);
	size_t i;

	if (status)
		return status;
	forms->columns = calloc(doc.count ? doc.count : 1, sizeof(*forms->columns));
	if (!forms->columns)
		status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	for (i = 0; i < doc.count && !status; i++) {
		if (!strcmp(doc.sections[i].name, "skip"))
			status = load_skip(forms, &doc, &doc.sections[i], err);
		else
			status = load_alias(forms, &doc, &doc.sections[i], err);
	}
	ini_doc_free(&doc);
	return status;
}

void forms_columns_free(struct forms *forms)
{
	size_t i;

	for (i = 0; i < forms->column_count; i++) {
		free(forms->columns[i].kind);
		free(forms->columns[i].field);
		forms_strings_free(forms->columns[i].headers, forms->columns[i].header_count);
	}
	free(forms->columns);
	forms_strings_free(forms->skip_headers, forms->skip_count);
}

const char *forms_column_field(const struct forms *forms, const char *kind, const char *header)
{
	size_t i, k;

	for (i = 0; forms && i < forms->column_count; i++)
		for (k = 0; k < forms->columns[i].header_count; k++)
			if (!strcmp(forms->columns[i].kind, kind) && !strcasecmp(forms->columns[i].headers[k], header))
				return forms->columns[i].field;
	return NULL;
}

bool forms_column_skipped(const struct forms *forms, const char *header)
{
	size_t i;

	for (i = 0; forms && i < forms->skip_count; i++)
		if (!strcasecmp(forms->skip_headers[i], header))
			return true;
	return false;
}

/* 武汉市 written as 武汉: the Chinese name less its final 市. */
static bool is_name_without_city(const char *zh, const char *text, size_t len)
{
	static const char city[] = "\xe5\xb8\x82"; /* 市 */
	size_t zh_len = strlen(zh);

	return zh_len > 3 && !strcmp(zh + zh_len - 3, city) && len == zh_len - 3 && !strncmp(zh, text, len);
}

static bool region_matches(const struct region *r, const char *text, size_t len)
{
	size_t i;

	if (!strcasecmp(r->key, text) || !strcmp(r->code, text) || !strcmp(r->zh, text) || !strcasecmp(r->en, text) ||
	    is_name_without_city(r->zh, text, len))
		return true;
	for (i = 0; i < r->short_count; i++)
		if (!strcmp(r->short_names[i], text))
			return true;
	return false;
}

const struct region *forms_region_find(const struct forms *forms, const char *text)
{
	const struct region *found = NULL;
	char *copy = text ? strdup(text) : NULL;
	size_t i, len;

	if (!copy)
		return NULL;
	forms_trim(copy);
	len = strlen(copy);
	for (i = 0; len && !found && i < forms->region_count; i++)
		if (region_matches(&forms->regions[i], copy, len))
			found = &forms->regions[i];
	free(copy);
	return found;
}

const struct level *forms_level_find(const struct forms *forms, const char *text)
{
	const struct level *found = NULL;
	char *copy = text ? strdup(text) : NULL;
	size_t i;

	if (!copy)
		return NULL;
	forms_trim(copy);
	for (i = 0; *copy && !found && i < forms->level_count; i++) {
		const struct level *l = &forms->levels[i];

		if (!strcasecmp(l->key, copy) || !strcmp(l->zh, copy) || !strcasecmp(l->en, copy) ||
		    !strcasecmp(l->code, copy))
			found = l;
	}
	free(copy);
	return found;
}
