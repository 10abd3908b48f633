/* UTF-8 decoding (RFC 3629), display width and sanitising for the terminal. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "gradus/text/utf8.h"

#define UTF8_MAX_CP 0x10FFFF

struct cp_range {
	uint32_t first;
	uint32_t last;
};

/* East Asian Width "A" (ambiguous), Unicode 14 EastAsianWidth.txt, without
 * U+FFFD: it is the 1-cell placeholder for invalid bytes. Combining marks
 * in it are kept at 0 by wcwidth(). */
static const struct cp_range ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 }, { 0x00AA, 0x00AA },
	{ 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 }, { 0x00B6, 0x00BA }, { 0x00BC, 0x00BF },
	{ 0x00C6, 0x00C6 }, { 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED }, { 0x00F0, 0x00F0 },
	{ 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA }, { 0x00FC, 0x00FC }, { 0x00FE, 0x00FE },
	{ 0x0101, 0x0101 }, { 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011B, 0x011B },
	{ 0x0126, 0x0127 }, { 0x012B, 0x012B }, { 0x0131, 0x0133 }, { 0x0138, 0x0138 },
	{ 0x013F, 0x0142 }, { 0x0144, 0x0144 }, { 0x0148, 0x014B }, { 0x014D, 0x014D },
	{ 0x0152, 0x0153 }, { 0x0166, 0x0167 }, { 0x016B, 0x016B }, { 0x01CE, 0x01CE },
	{ 0x01D0, 0x01D0 }, { 0x01D2, 0x01D2 }, { 0x01D4, 0x01D4 }, { 0x01D6, 0x01D6 },
	{ 0x01D8, 0x01D8 }, { 0x01DA, 0x01DA }, { 0x01DC, 0x01DC }, { 0x0251, 0x0251 },
	{ 0x0261, 0x0261 }, { 0x02C4, 0x02C4 }, { 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB },
	{ 0x02CD, 0x02CD }, { 0x02D0, 0x02D0 }, { 0x02D8, 0x02DB }, { 0x02DD, 0x02DD },
	{ 0x02DF, 0x02DF }, { 0x0300, 0x036F }, { 0x0391, 0x03A1 }, { 0x03A3, 0x03A9 },
	{ 0x03B1, 0x03C1 }, { 0x03C3, 0x03C9 }, { 0x0401, 0x0401 }, { 0x0410, 0x044F },
	{ 0x0451, 0x0451 }, { 0x2010, 0x2010 }, { 0x2013, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201C, 0x201D }, { 0x2020, 0x2022 }, { 0x2024, 0x2027 }, { 0x2030, 0x2030 },
	{ 0x2032, 0x2033 }, { 0x2035, 0x2035 }, { 0x203B, 0x203B }, { 0x203E, 0x203E },
	{ 0x2074, 0x2074 }, { 0x207F, 0x207F }, { 0x2081, 0x2084 }, { 0x20AC, 0x20AC },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 }, { 0x2113, 0x2113 },
	{ 0x2116, 0x2116 }, { 0x2121, 0x2122 }, { 0x2126, 0x2126 }, { 0x212B, 0x212B },
	{ 0x2153, 0x2154 }, { 0x215B, 0x215E }, { 0x2160, 0x216B }, { 0x2170, 0x2179 },
	{ 0x2189, 0x2189 }, { 0x2190, 0x2199 }, { 0x21B8, 0x21B9 }, { 0x21D2, 0x21D2 },
	{ 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 }, { 0x2200, 0x2200 }, { 0x2202, 0x2203 },
	{ 0x2207, 0x2208 }, { 0x220B, 0x220B }, { 0x220F, 0x220F }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221A, 0x221A }, { 0x221D, 0x2220 }, { 0x2223, 0x2223 },
	{ 0x2225, 0x2225 }, { 0x2227, 0x222C }, { 0x222E, 0x222E }, { 0x2234, 0x2237 },
	{ 0x223C, 0x223D }, { 0x2248, 0x2248 }, { 0x224C, 0x224C }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226A, 0x226B }, { 0x226E, 0x226F },
	{ 0x2282, 0x2283 }, { 0x2286, 0x2287 }, { 0x2295, 0x2295 }, { 0x2299, 0x2299 },
	{ 0x22A5, 0x22A5 }, { 0x22BF, 0x22BF }, { 0x2312, 0x2312 }, { 0x2460, 0x24E9 },
	{ 0x24EB, 0x254B }, { 0x2550, 0x2573 }, { 0x2580, 0x258F }, { 0x2592, 0x2595 },
	{ 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 }, { 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 },
	{ 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 }, { 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB },
	{ 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 }, { 0x25EF, 0x25EF }, { 0x2605, 0x2606 },
	{ 0x2609, 0x2609 }, { 0x260E, 0x260F }, { 0x261C, 0x261C }, { 0x261E, 0x261E },
	{ 0x2640, 0x2640 }, { 0x2642, 0x2642 }, { 0x2660, 0x2661 }, { 0x2663, 0x2665 },
	{ 0x2667, 0x266A }, { 0x266C, 0x266D }, { 0x266F, 0x266F }, { 0x269E, 0x269F },
	{ 0x26BF, 0x26BF }, { 0x26C6, 0x26CD }, { 0x26CF, 0x26D3 }, { 0x26D5, 0x26E1 },
	{ 0x26E3, 0x26E3 }, { 0x26E8, 0x26E9 }, { 0x26EB, 0x26F1 }, { 0x26F4, 0x26F4 },
	{ 0x26F6, 0x26F9 }, { 0x26FB, 0x26FC }, { 0x26FE, 0x26FF }, { 0x273D, 0x273D },
	{ 0x2776, 0x277F }, { 0x2B56, 0x2B59 }, { 0x3248, 0x324F }, { 0xE000, 0xF8FF },
	{ 0xFE00, 0xFE0F }, { 0x1F100, 0x1F10A }, { 0x1F110, 0x1F12D }, { 0x1F130, 0x1F169 },
	{ 0x1F170, 0x1F18D }, { 0x1F18F, 0x1F190 }, { 0x1F19B, 0x1F1AC }, { 0xE0100, 0xE01EF },
	{ 0xF0000, 0xFFFFD }, { 0x100000, 0x10FFFD },
};

static bool ambiguous_wide;

/* C0 control pictures U+2400..U+241F ("␀".."␟"), in UTF-8. */
static const char *const c0_pictures[32] = {
	"\xe2\x90\x80", "\xe2\x90\x81", "\xe2\x90\x82", "\xe2\x90\x83",
	"\xe2\x90\x84", "\xe2\x90\x85", "\xe2\x90\x86", "\xe2\x90\x87",
	"\xe2\x90\x88", "\xe2\x90\x89", "\xe2\x90\x8a", "\xe2\x90\x8b",
	"\xe2\x90\x8c", "\xe2\x90\x8d", "\xe2\x90\x8e", "\xe2\x90\x8f",
	"\xe2\x90\x90", "\xe2\x90\x91", "\xe2\x90\x92", "\xe2\x90\x93",
	"\xe2\x90\x94", "\xe2\x90\x95", "\xe2\x90\x96", "\xe2\x90\x97",
	"\xe2\x90\x98", "\xe2\x90\x99", "\xe2\x90\x9a", "\xe2\x90\x9b",
	"\xe2\x90\x9c", "\xe2\x90\x9d", "\xe2\x90\x9e", "\xe2\x90\x9f",
};
static const char delete_picture[] = "\xe2\x90\xa1"; /* U+2421 "␡" */
static const char replacement[] = "\xef\xbf\xbd";    /* U+FFFD "�" */

static bool is_continuation(unsigned char byte)
{
	return (byte & 0xC0) == 0x80;
}

/* Sequence length announced by a lead byte and the smallest code point it
 * may carry (anything less is overlong); 0 for a byte that cannot lead. */
static size_t sequence_length(unsigned char lead, uint32_t *min, uint32_t *bits)
{
	if (lead < 0x80) {
		*min = 0;
		*bits = lead;
		return 1;
	}
	if (lead >= 0xC2 && lead <= 0xDF) {
		*min = 0x80;
		*bits = lead & 0x1F;
		return 2;
	}
	if (lead >= 0xE0 && lead <= 0xEF) {
		*min = 0x800;
		*bits = lead & 0x0F;
		return 3;
	}
	if (lead >= 0xF0 && lead <= 0xF4) {
		*min = 0x10000;
		*bits = lead & 0x07;
		return 4;
	}
	return 0;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp, bool *valid)
{
	const unsigned char *bytes = (const unsigned char *)s;
	uint32_t min, value;
	size_t need = sequence_length(bytes[0], &min, &value), i;

	*cp = UTF8_REPLACEMENT;
	*valid = false;
	if (!need || need > len)
		return 1;
	for (i = 1; i < need; i++) {
		if (!is_continuation(bytes[i]))
			return 1;
		value = value << 6 | (bytes[i] & 0x3F);
	}
	if (value < min || value > UTF8_MAX_CP || (value >= 0xD800 && value <= 0xDFFF))
		return 1;
	*cp = value;
	*valid = true;
	return need;
}

/* Code points that cannot be encoded become U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp > UTF8_MAX_CP || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_is_valid(const char *s, size_t len)
{
	const unsigned char *bytes = (const unsigned char *)s;
	size_t at = 0;

	while (at < len) {
		uint32_t cp;
		bool valid;

		if (bytes[at] < 0x80) { /* ASCII: most of a form's keys and markup, 8 bytes at a time */
			uint64_t word;

			while (len - at >= 8 && (memcpy(&word, bytes + at, 8), !(word & 0x8080808080808080u)))
				at += 8;
			while (at < len && bytes[at] < 0x80)
				at++;
			continue;
		}
		if ((bytes[at] & 0xF0) == 0xE0 && len - at >= 3 && is_continuation(bytes[at + 1]) &&
		    is_continuation(bytes[at + 2])) { /* three bytes: the Chinese of the text */
			cp = (uint32_t)(bytes[at] & 0x0F) << 12 | (uint32_t)(bytes[at + 1] & 0x3F) << 6 |
			     (bytes[at + 2] & 0x3F);
			if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
				return false;
			at += 3;
			continue;
		}
		at += utf8_decode(s + at, len - at, &cp, &valid);
		if (!valid)
			return false;
	}
	return true;
}

bool utf8_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

static bool is_ambiguous(uint32_t cp)
{
	size_t low = 0, high = sizeof(ambiguous) / sizeof(ambiguous[0]);

	while (low < high) {
		size_t mid = low + (high - low) / 2;

		if (cp < ambiguous[mid].first)
			high = mid;
		else if (cp > ambiguous[mid].last)
			low = mid + 1;
		else
			return true;
	}
	return false;
}

/* Whether a code point is drawn as itself: not a surrogate, in range, and
 * known to the locale as printable. */
static bool is_drawable(uint32_t cp)
{
	return cp <= UTF8_MAX_CP && !(cp >= 0xD800 && cp <= 0xDFFF) && !utf8_is_unsafe(cp) &&
	       wcwidth((wchar_t)cp) >= 0;
}

int utf8_cp_width(uint32_t cp)
{
	int width;

	if (cp >= 0x20 && cp < 0x7F) /* printable ASCII, most of any screen */
		return 1;
	if (cp > UTF8_MAX_CP || (cp >= 0xD800 && cp <= 0xDFFF) || utf8_is_unsafe(cp))
		return 1;
	width = wcwidth((wchar_t)cp);
	if (width < 0)
		return 1;
	return utf8_cp_width_of(cp, width);
}

int utf8_cp_width_of(uint32_t cp, int locale_width)
{
	if (locale_width == 1 && ambiguous_wide && is_ambiguous(cp))
		return 2;
	return locale_width;
}

/* Cells of the first len bytes of s. */
static int utf8_width_of(const char *s, size_t len)
{
	size_t at = 0;
	int width = 0;

	while (at < len) {
		uint32_t cp;
		bool valid;

		if ((unsigned char)s[at] < 0x80) { /* ASCII: one cell, a control's placeholder too */
			at++;
			width++;
			continue;
		}
		at += utf8_decode(s + at, len - at, &cp, &valid);
		width += utf8_cp_width(cp);
	}
	return width;
}

int utf8_width(const char *s)
{
	return s ? utf8_width_of(s, strlen(s)) : 0;
}

void utf8_set_ambiguous_wide(bool wide)
{
	ambiguous_wide = wide;
}

const char *utf8_placeholder(uint32_t cp)
{
	if (cp < 0x20)
		return c0_pictures[cp];
	if (cp == 0x7F)
		return delete_picture;
	return replacement;
}

/* Each input byte becomes at most 3 output bytes (a placeholder), and a
 * 4-byte character stays 4 bytes. */
char *utf8_sanitize(const char *s)
{
	size_t len = s ? strlen(s) : 0, at = 0, used = 0;
	char *out;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(s + at, len - at, &cp, &valid);

		if (valid && is_drawable(cp)) {
			memcpy(out + used, s + at, n);
			used += n;
		} else {
			const char *p = utf8_placeholder(valid ? cp : UTF8_REPLACEMENT);
			size_t size = strlen(p);

			memcpy(out + used, p, size);
			used += size;
		}
		at += n;
	}
	out[used] = '\0';
	return out;
}

/* Zero-width characters after the last one that fits are kept with it. */
size_t utf8_prefix_for_width(const char *s, int cells, int *used)
{
	size_t len = s ? strlen(s) : 0, at = 0;
	int width = 0;

	if (cells < 0)
		cells = 0;
	while (at < len) {
		uint32_t cp;
		bool valid;
		size_t n = utf8_decode(s + at, len - at, &cp, &valid);
		int w = utf8_cp_width(cp);

		if (width + w > cells)
			break;
		width += w;
		at += n;
	}
	if (used)
		*used = width;
	return at;
}

size_t utf8_wrap(const char *s, int cells)
{
	size_t len = s ? strlen(s) : 0, fits = utf8_prefix_for_width(s, cells, NULL), at;

	if (fits == len || s[fits] == ' ')
		return fits;
	if (fits == 0)
		return utf8_next(s, len, 0);
	for (at = fits; at > 0 && s[at - 1] != ' '; at--)
		;
	if (at > 1 && utf8_width_of(s, at - 1) * 2 >= cells)
		return at - 1;
	return fits;
}

/* The previous character as utf8_decode reads forward: a lead byte and its
 * continuation bytes ending at `at`, else the single byte before `at`. */
size_t utf8_prev(const char *s, size_t at)
{
	size_t start;
	uint32_t cp;
	bool valid;

	if (at == 0)
		return 0;
	start = at - 1;
	while (start > 0 && at - start < 4 && is_continuation((unsigned char)s[start]))
		start--;
	if (utf8_decode(s + start, at - start, &cp, &valid) == at - start)
		return start;
	return at - 1;
}

size_t utf8_next(const char *s, size_t len, size_t at)
{
	uint32_t cp;
	bool valid;

	if (at >= len)
		return len;
	return at + utf8_decode(s + at, len - at, &cp, &valid);
}
