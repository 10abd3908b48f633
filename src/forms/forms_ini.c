/* One forms file read with inih into sections and keys that remember their
 * line: inih does not pass line numbers to the handler, so our own reader
 * feeds it line by line and tells the handler which line it is on, whether
 * that line is indented (a continuation) and which section header it saw. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "gradus/text/utf8.h"
#include "forms_private.h"
#include "gradus/text/i18n.h"

struct parse {
	const char *path;
	const char *pos, *end;
	int line;
	bool indented;
	long section;     /* index in doc->sections, -1 before the first */
	struct ini_doc *doc;
	struct error *err;
	enum status status;
	int error_line;
	const char *last_section; /* stop at the header after this section (NULL: read to the end) */
	size_t block_size;        /* of the document's text blocks: the file's size and a little */
};

enum status forms_fail(struct error *err, const char *path, int line, const char *fmt, ...)
{
	char message[sizeof(err->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (line > 0)
		return error_set(err, STATUS_ERR_FORMS, "%s:%d: %s", path, line, message);
	return error_set(err, STATUS_ERR_FORMS, "%s: %s", path, message);
}

/* Keeps the first error only: inih goes on after a failed handler. */
static void parse_fail(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void parse_fail(struct parse *p, const char *fmt, ...)
{
	char message[sizeof(p->err->message)];
	va_list ap;

	if (p->status != STATUS_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	p->status = forms_fail(p->err, p->path, p->line, "%s", message);
	p->error_line = p->line;
}

/* The section names, keys and values of a document, one after another in
 * blocks of about the file's size (one block holds them all but for a
 * file that grew): a document is two allocations a section, not two an
 * entry, and is freed at once. */
struct ini_text {
	struct ini_text *older;
	size_t used, room;
	char bytes[];
};

static char *text_copy(struct ini_doc *doc, const char *s, size_t len, size_t want_room)
{
	struct ini_text *block = doc->text;
	char *copy;

	if (!block || block->room - block->used < len + 1) {
		size_t room = len + 1 > want_room ? len + 1 : want_room;

		if (!(block = malloc(sizeof(*block) + room)))
			return NULL;
		block->older = doc->text;
		block->used = 0;
		block->room = room;
		doc->text = block;
	}
	copy = block->bytes + block->used;
	memcpy(copy, s, len);
	copy[len] = '\0';
	block->used += len + 1;
	return copy;
}

/* value with more after it: in place when value is the last text copied
 * and its block has room, else as a new copy. */
static char *text_append(struct ini_doc *doc, char *value, const char *more, bool space, size_t want_room)
{
	struct ini_text *block = doc->text;
	size_t old = strlen(value), add = strlen(more) + space;
	char *joined;

	if (block && value + old + 1 == block->bytes + block->used && block->room - block->used >= add) {
		if (space)
			value[old++] = ' ';
		memcpy(value + old, more, add - space + 1);
		block->used += add;
		return value;
	}
	if (!(joined = text_copy(doc, value, old + add, want_room)))
		return NULL;
	if (space)
		joined[old++] = ' ';
	memcpy(joined + old, more, add - space + 1);
	return joined;
}

static void *grow(void *array, size_t *cap, size_t count, size_t size)
{
	size_t want = *cap ? *cap * 2 : 8;
	void *bigger;

	if (count < *cap)
		return array;
	bigger = realloc(array, want * size);
	if (bigger)
		*cap = want;
	return bigger;
}

void ini_doc_free(struct ini_doc *doc)
{
	struct ini_text *block, *older;
	size_t i;

	for (i = 0; i < doc->count; i++)
		free(doc->sections[i].entries);
	free(doc->sections);
	for (block = doc->text; block; block = older) {
		older = block->older;
		free(block);
	}
	doc->sections = NULL;
	doc->text = NULL;
	doc->count = doc->cap = 0;
}

const struct ini_section *ini_section_find(const struct ini_doc *doc, const char *name)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		if (!strcmp(doc->sections[i].name, name))
			return &doc->sections[i];
	}
	return NULL;
}

const struct ini_entry *ini_get(const struct ini_section *section, const char *key)
{
	size_t i;

	for (i = 0; i < section->count; i++) {
		if (!strcmp(section->entries[i].key, key))
			return &section->entries[i];
	}
	return NULL;
}

static void add_section(struct parse *p, const char *name, size_t len)
{
	struct ini_doc *doc = p->doc;
	struct ini_section *sections, *section;
	char *copy = text_copy(doc, name, len, p->block_size);

	if (!copy)
		goto nomem;
	section = (struct ini_section *)ini_section_find(doc, copy);
	if (section) {
		parse_fail(p, "duplicate section [%s] (first at line %d)", copy, section->line);
		return;
	}
	sections = grow(doc->sections, &doc->cap, doc->count, sizeof(*sections));
	if (!sections)
		goto nomem;
	doc->sections = sections;
	section = &sections[doc->count];
	memset(section, 0, sizeof(*section));
	section->name = copy;
	section->line = p->line;
	p->section = (long)doc->count++;
	return;
nomem:
	parse_fail(p, "out of memory");
}

/* A line that inih takes for a section header: '[' ... ']', not a continuation. */
static void note_section(struct parse *p, const char *line)
{
	const char *close;

	if (p->line == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
		line += 3;
	if (line[0] != '[')
		return;
	close = strchr(line, ']');
	if (close)
		add_section(p, line + 1, (size_t)(close - line - 1));
}

static bool check_line(struct parse *p, const char *line, size_t len, int room)
{
	if (len > (size_t)room) {
		parse_fail(p, "line longer than %d bytes; continue the value on an indented next line", room);
		return false;
	}
	if (memchr(line, '\0', len)) {
		parse_fail(p, "NUL byte: not a text file");
		return false;
	}
	if (!utf8_is_valid(line, len)) {
		parse_fail(p, "invalid UTF-8: save the file as UTF-8");
		return false;
	}
	return true;
}

/* Whether inih would continue a key on an indented line: the section
 * being read has a key already. */
static bool has_previous_key(const struct parse *p)
{
	return p->section >= 0 && p->doc->sections[p->section].count > 0;
}

/* A section header once last_section has been read: the end of what
 * ini_doc_parse_until() reads. */
static bool ends_read(const struct parse *p, const char *line)
{
	if (!p->last_section)
		return false;
	if (p->line == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
		line += 3;
	return line[0] == '[' && ini_section_find(p->doc, p->last_section);
}

/* fgets-like reader over the file's bytes that counts lines. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	const char *newline;
	size_t len;

	if (p->status != STATUS_OK || p->pos >= p->end || num < 2)
		return NULL;
	newline = memchr(p->pos, '\n', (size_t)(p->end - p->pos));
	len = newline ? (size_t)(newline - p->pos) : (size_t)(p->end - p->pos);
	p->line++;
	if (!check_line(p, p->pos, len, num - 1))
		return NULL;
	memcpy(str, p->pos, len);
	if (len && str[len - 1] == '\r')
		len--;
	str[len] = '\0';
	p->pos = newline ? newline + 1 : p->end;
	p->indented = str[0] == ' ' || str[0] == '\t';
	if (!p->indented || !has_previous_key(p)) {
		if (ends_read(p, str + strspn(str, " \t")))
			return NULL;
		note_section(p, str + strspn(str, " \t"));
	}
	return str;
}

static bool is_ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Continuation pieces join with nothing between them, or one space between
 * two ASCII letters/digits ("Digital factory" + "planning"). */
static void append_value(struct parse *p, struct ini_entry *entry, const char *more)
{
	size_t old = strlen(entry->value);
	bool space = old && is_ascii_alnum(entry->value[old - 1]) && is_ascii_alnum(more[0]);
	char *value = text_append(p->doc, entry->value, more, space, p->block_size);

	if (!value) {
		parse_fail(p, "out of memory");
		return;
	}
	entry->value = value;
}

static void add_entry(struct parse *p, struct ini_section *section, const char *name, const char *value)
{
	const struct ini_entry *first = ini_get(section, name);
	struct ini_entry *entries, *entry;

	if (first) {
		parse_fail(p, "duplicate key '%s' in [%s] (first at line %d)", name, section->name, first->line);
		return;
	}
	entries = grow(section->entries, &section->cap, section->count, sizeof(*entries));
	if (!entries) {
		parse_fail(p, "out of memory");
		return;
	}
	section->entries = entries;
	entry = &entries[section->count];
	entry->key = text_copy(p->doc, name, strlen(name), p->block_size);
	entry->value = entry->key ? text_copy(p->doc, value, strlen(value), p->block_size) : NULL;
	entry->line = p->line;
	if (!entry->key || !entry->value) {
		parse_fail(p, "out of memory");
		return;
	}
	section->count++;
}

static int handle(void *user, const char *section_name, const char *name, const char *value)
{
	struct parse *p = user;
	struct ini_section *section;

	if (p->status != STATUS_OK)
		return 0;
	if (p->section < 0) {
		parse_fail(p, "key '%s' before the first [section]", name);
		return 0;
	}
	section = &p->doc->sections[p->section];
	if (strcmp(section->name, section_name)) {
		parse_fail(p, "malformed section header [%s]", section_name);
		return 0;
	}
	/* inih continues the last key of the section on an indented line. */
	if (p->indented && section->count && !strcmp(section->entries[section->count - 1].key, name))
		append_value(p, &section->entries[section->count - 1], value);
	else
		add_entry(p, section, name, value);
	return p->status == STATUS_OK;
}

enum status ini_doc_parse(const struct forms_file *file, struct ini_doc *doc, struct error *err)
{
	return ini_doc_parse_until(file, NULL, doc, err);
}

enum status ini_doc_parse_until(const struct forms_file *file, const char *last_section, struct ini_doc *doc,
				struct error *err)
{
	struct parse p;
	int ret;

	memset(doc, 0, sizeof(*doc));
	doc->path = file->path;
	memset(&p, 0, sizeof(p));
	p.last_section = last_section;
	p.block_size = file->size + 64;
	p.path = file->path;
	p.pos = file->bytes;
	p.end = file->bytes + file->size;
	p.section = -1;
	p.doc = doc;
	p.err = err;
	ret = ini_parse_stream(read_line, &p, handle, &p);
	if (p.status != STATUS_OK && (ret <= 0 || p.error_line <= ret))
		goto fail;
	if (ret > 0) {
		p.status = forms_fail(err, file->path, ret,
				      _("malformed line: expected 'key = value' or '[section]'"));
		goto fail;
	}
	if (ret < 0) {
		p.status = forms_fail(err, file->path, 0, _("cannot parse (inih error %d)"), ret);
		goto fail;
	}
	return STATUS_OK;
fail:
	ini_doc_free(doc);
	return p.status;
}

void forms_join_words(const char *const *words, char *out, size_t size)
{
	size_t used = 0;
	int n;

	out[0] = '\0';
	for (; *words && used < size; words++) {
		n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", *words);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

enum status ini_check_keys(const struct ini_doc *doc, const struct ini_section *section,
			   const char *const *allowed, struct error *err)
{
	char expected[512];
	size_t i, k;

	for (i = 0; i < section->count; i++) {
		for (k = 0; allowed[k] && strcmp(allowed[k], section->entries[i].key); k++)
			;
		if (allowed[k])
			continue;
		forms_join_words(allowed, expected, sizeof(expected));
		return forms_fail(err, doc->path, section->entries[i].line,
				  _("unknown key '%s' in [%s]; expected one of %s"),
				  section->entries[i].key, section->name, expected);
	}
	return STATUS_OK;
}

enum status ini_require(const struct ini_doc *doc, const struct ini_section *section, const char *key,
			const struct ini_entry **out, struct error *err)
{
	*out = ini_get(section, key);
	if (!*out)
		return forms_fail(err, doc->path, section->line, _("missing key '%s' in [%s]"), key, section->name);
	return STATUS_OK;
}

enum status ini_string(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		       bool may_be_empty, char **out, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);

	if (status)
		return status;
	if (!may_be_empty && !entry->value[0])
		return forms_fail(err, doc->path, entry->line, _("'%s' is empty in [%s]"), key, section->name);
	free(*out);
	*out = strdup(entry->value);
	if (!*out)
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	return STATUS_OK;
}

enum status ini_int(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		    int min, int max, int *out, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);
	const char *text;
	char *end;
	long value;

	if (status)
		return status;
	text = entry->value;
	errno = 0;
	value = strtol(text, &end, 10);
	if (!*text || *end || errno || (text[0] < '0' || text[0] > '9') || value < min || value > max)
		return forms_fail(err, doc->path, entry->line, _("'%s' must be a whole number from %d to %d, not '%s'"),
				  key, min, max, text);
	*out = (int)value;
	return STATUS_OK;
}

int forms_word_index(const char *const *words, const char *text)
{
	int i;

	for (i = 0; words[i]; i++) {
		if (!strcmp(words[i], text))
			return i;
	}
	return -1;
}

enum status ini_word(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		     const char *const *words, int *out, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);
	char expected[512];

	if (status)
		return status;
	*out = forms_word_index(words, entry->value);
	if (*out >= 0)
		return STATUS_OK;
	*out = 0;
	forms_join_words(words, expected, sizeof(expected));
	return forms_fail(err, doc->path, entry->line, _("unknown %s '%s'; expected one of %s"),
			  key, entry->value, expected);
}

enum status ini_yes_no(const struct ini_doc *doc, const struct ini_section *section, const char *key,
		       bool *out, struct error *err)
{
	const struct ini_entry *entry;
	enum status status = ini_require(doc, section, key, &entry, err);

	if (status)
		return status;
	if (strcmp(entry->value, "yes") && strcmp(entry->value, "no"))
		return forms_fail(err, doc->path, entry->line, _("'%s' must be yes or no, not '%s'"),
				  key, entry->value);
	*out = !strcmp(entry->value, "yes");
	return STATUS_OK;
}

void forms_strings_free(char **strings, size_t count)
{
	size_t i;

	for (i = 0; strings && i < count; i++)
		free(strings[i]);
	free(strings);
}

static char *trimmed_copy(const char *start, const char *end)
{
	while (start < end && (*start == ' ' || *start == '\t'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return strndup(start, (size_t)(end - start));
}

enum status ini_split(const struct ini_doc *doc, const struct ini_entry *entry, char sep,
		      char ***out, size_t *count, struct error *err)
{
	const char *start = entry->value, *stop;
	char **pieces = NULL, **bigger;
	size_t n = 0, cap = 0;
	enum status status = STATUS_OK;

	do {
		stop = strchr(start, sep);
		if (!stop)
			stop = start + strlen(start);
		bigger = grow(pieces, &cap, n, sizeof(*pieces));
		if (bigger)
			pieces = bigger;
		if (!bigger || !(pieces[n] = trimmed_copy(start, stop))) {
			status = error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
			goto cleanup;
		}
		if (!pieces[n++][0]) {
			status = forms_fail(err, doc->path, entry->line, _("'%s' has an empty item between '%c'"),
					    entry->key, sep);
			goto cleanup;
		}
		start = *stop ? stop + 1 : stop;
	} while (*stop);
cleanup:
	if (status) {
		forms_strings_free(pieces, n);
		return status;
	}
	*out = pieces;
	*count = n;
	return STATUS_OK;
}

bool forms_is_key(const char *text)
{
	if (!(*text >= 'a' && *text <= 'z'))
		return false;
	for (; *text; text++) {
		if (!((*text >= 'a' && *text <= 'z') || (*text >= '0' && *text <= '9') || *text == '_'))
			return false;
	}
	return true;
}

int forms_section_number(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);
	long value = 0;

	if (strncmp(name, prefix, len) || name[len] != '.')
		return 0;
	name += len + 1;
	if (*name < '1' || *name > '9')
		return 0;
	for (; *name >= '0' && *name <= '9' && value < 100000; name++)
		value = value * 10 + (*name - '0');
	return *name ? 0 : (int)value;
}
