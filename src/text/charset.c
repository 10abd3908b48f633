/* The locale's character set at the edges: iconv both ways, strict in,
 * placeholders out. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gradus/text/charset.h"
#include "gradus/text/i18n.h"
#include "gradus/text/utf8.h"

struct charset {
	char *name;
	iconv_t decode; /* name -> UTF-8 */
	iconv_t encode; /* UTF-8 -> name */
};

struct buffer {
	char *data;
	size_t len, capacity; /* capacity keeps a byte for the NUL */
};

bool charset_is_utf8(const char *name)
{
	return name && (!strcasecmp(name, "UTF-8") || !strcasecmp(name, "UTF8"));
}

enum status charset_open(const char *name, struct charset **out, struct error *err)
{
	struct charset *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || !(c->name = strdup(name))) {
		free(c);
		return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
	}
	c->decode = iconv_open("UTF-8", name);
	c->encode = iconv_open(name, "UTF-8");
	if (c->decode == (iconv_t)-1 || c->encode == (iconv_t)-1) {
		charset_close(&c);
		return error_set(err, STATUS_ERR_INVALID, _("no conversion from %s to %s in this system's iconv"), name,
				 "UTF-8");
	}
	*out = c;
	return STATUS_OK;
}

void charset_close(struct charset **charset)
{
	struct charset *c = *charset;

	if (!c)
		return;
	if (c->decode != (iconv_t)-1 && c->decode)
		iconv_close(c->decode);
	if (c->encode != (iconv_t)-1 && c->encode)
		iconv_close(c->encode);
	free(c->name);
	free(c);
	*charset = NULL;
}

const char *charset_name(const struct charset *charset)
{
	return charset->name;
}

/* Room for `more` bytes and the NUL. */
static bool reserve(struct buffer *b, size_t more)
{
	size_t want = b->len + more + 1, capacity = b->capacity ? b->capacity : 64;
	char *grown;

	if (want < more)
		return false;
	if (want <= b->capacity)
		return true;
	while (capacity < want)
		capacity *= 2;
	if (!(grown = realloc(b->data, capacity)))
		return false;
	b->data = grown;
	b->capacity = capacity;
	return true;
}

static bool append(struct buffer *b, const char *s, size_t len)
{
	if (!reserve(b, len))
		return false;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return true;
}

/* Converts as much of *in as the descriptor takes; false when out of
 * memory, else errno-like *failure (0 when all was converted). */
static bool convert(iconv_t cd, char **in, size_t *left, struct buffer *out, int *failure)
{
	*failure = 0;
	while (*left > 0) {
		char *put;
		size_t room;

		if (!reserve(out, *left * 2 + 16))
			return false;
		put = out->data + out->len;
		room = out->capacity - out->len - 1;
		if (iconv(cd, in, left, &put, &room) == (size_t)-1 && errno != E2BIG)
			*failure = errno;
		out->len = (size_t)(put - out->data);
		out->data[out->len] = '\0';
		if (*failure)
			return true;
	}
	return true;
}

static enum status finish(struct buffer *out, char **result, size_t *result_len)
{
	if (!reserve(out, 0))
		return STATUS_ERR_NOMEM;
	out->data[out->len] = '\0';
	*result = out->data;
	*result_len = out->len;
	return STATUS_OK;
}

enum status charset_to_utf8(struct charset *charset, const char *bytes, size_t len, char **text, size_t *text_len,
			    size_t *bad_at, struct error *err)
{
	struct buffer out = { 0 };
	char *in = (char *)bytes;
	size_t left = len;
	int failure;

	*text = NULL;
	*text_len = 0;
	iconv(charset->decode, NULL, NULL, NULL, NULL);
	if (!convert(charset->decode, &in, &left, &out, &failure) || (!failure && finish(&out, text, text_len))) {
		free(out.data);
		return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
	}
	if (!failure)
		return STATUS_OK;
	free(out.data);
	if (bad_at)
		*bad_at = (size_t)(in - bytes);
	if (failure == EINVAL)
		/* L10N: the byte, its place (counted from 1), the character set (e.g. GB18030) */
		return error_set(err, STATUS_ERR_PARSE,
				 _("byte 0x%02X at byte %zu: cut off at the end; expected a whole %s character"),
				 (unsigned char)*in, (size_t)(in - bytes) + 1, charset->name);
	/* L10N: the byte, its place (counted from 1), the character set (e.g. GB18030) */
	return error_set(err, STATUS_ERR_PARSE, _("byte 0x%02X at byte %zu: expected a %s character"),
			 (unsigned char)*in, (size_t)(in - bytes) + 1, charset->name);
}

/* What stands for a character the character set cannot show, or for a byte
 * that is not UTF-8 (U+FFFD, itself as <U+FFFD> when it cannot be shown). */
static bool placeholder(struct charset *charset, uint32_t cp, bool valid, struct buffer *out)
{
	char text[16], *in = (char *)"\xEF\xBF\xBD";
	size_t left = 3;
	int failure;

	if (!valid) {
		size_t before = out->len;

		if (!convert(charset->encode, &in, &left, out, &failure))
			return false;
		if (!failure)
			return true;
		out->len = before;
		iconv(charset->encode, NULL, NULL, NULL, NULL);
		cp = UTF8_REPLACEMENT;
	}
	snprintf(text, sizeof(text), "<U+%04X>", (unsigned)cp);
	return append(out, text, strlen(text));
}

enum status charset_from_utf8(struct charset *charset, const char *text, size_t len, char **bytes, size_t *bytes_len,
			      struct error *err)
{
	struct buffer out = { 0 };
	char *in = (char *)text;
	size_t left = len;
	int failure = 0;

	*bytes = NULL;
	*bytes_len = 0;
	iconv(charset->encode, NULL, NULL, NULL, NULL);
	do {
		uint32_t cp;
		bool valid;
		size_t step;

		if (!convert(charset->encode, &in, &left, &out, &failure))
			goto no_memory;
		if (!failure)
			break;
		step = utf8_decode(in, left, &cp, &valid);
		iconv(charset->encode, NULL, NULL, NULL, NULL);
		if (!placeholder(charset, cp, valid, &out))
			goto no_memory;
		in += step;
		left -= step;
	} while (left > 0);
	if (finish(&out, bytes, bytes_len))
		goto no_memory;
	return STATUS_OK;
no_memory:
	free(out.data);
	return error_set(err, STATUS_ERR_NOMEM, "%s", _("out of memory"));
}
