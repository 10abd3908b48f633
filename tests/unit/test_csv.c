/* Unit tests of src/text/csv.c: decoding UTF-8, GBK and GB18030, RFC 4180
 * records, writing, formula neutralisation and round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testkit.h"
#include "gradus/text/csv.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_decode(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		enum csv_encoding encoding;
		enum status status;
		const char *text;         /* when OK */
		enum csv_encoding used;   /* when OK */
		const char *message;      /* part of the error */
	} cases[] = {
		{ "a,b\r\n", 5, CSV_AUTO, STATUS_OK, "a,b\r\n", CSV_UTF8, NULL },
		{ "", 0, CSV_AUTO, STATUS_OK, "", CSV_UTF8, NULL },
		{ "\xef\xbb\xbf" "a", 4, CSV_AUTO, STATUS_OK, "a", CSV_UTF8, NULL },
		{ "\xef\xbb\xbf" "a", 4, CSV_UTF8, STATUS_OK, "a", CSV_UTF8, NULL },
		{ ZW_UTF8, 6, CSV_AUTO, STATUS_OK, ZW_UTF8, CSV_UTF8, NULL },
		{ ZW_GB, 4, CSV_AUTO, STATUS_OK, ZW_UTF8, CSV_GB18030, NULL },
		{ ZW_GB, 4, CSV_GBK, STATUS_OK, ZW_UTF8, CSV_GBK, NULL },
		{ ZW_GB, 4, CSV_GB18030, STATUS_OK, ZW_UTF8, CSV_GB18030, NULL },
		{ JI_GB "," ZHE_GB, 9, CSV_GB18030, STATUS_OK, JI_UTF8 "," ZHE_UTF8, CSV_GB18030, NULL },
		{ JI_GB "," ZHE_GB, 9, CSV_AUTO, STATUS_OK, JI_UTF8 "," ZHE_UTF8, CSV_GB18030, NULL },
		/* GBK has no four-byte characters */
		{ JI_GB, 4, CSV_GBK, STATUS_ERR_PARSE, NULL, 0, "1:1: byte 0x95" },
		/* GB18030's own byte order mark */
		{ "\x84\x31\x95\x33" ZW_GB, 8, CSV_GB18030, STATUS_OK, ZW_UTF8, CSV_GB18030, NULL },
		{ "a\nb\nc\xff", 6, CSV_UTF8, STATUS_ERR_PARSE, NULL, 0, "3:2: byte 0xFF: expected a UTF-8" },
		{ "a\n" ZW_GB "\n" ZW_GB "x\xff", 13, CSV_GB18030, STATUS_ERR_PARSE, NULL, 0,
		  "3:4: byte 0xFF: expected a GB18030 character" },
		{ "1\n2\n3\n4\n5\n6\n" ZW_GB "\x80\n8", 20, CSV_AUTO, STATUS_ERR_PARSE, NULL, 0, "7:3: byte 0x80" },
		/* a UTF-8 file with one broken byte late is reported as UTF-8 */
		{ ZW_UTF8 "\n" ZW_UTF8 "\n" ZW_UTF8 "\xff", 21, CSV_AUTO, STATUS_ERR_PARSE, NULL, 0,
		  "3:3: byte 0xFF: expected a UTF-8 character" },
		/* one line in UTF-8, the next in GBK, or the other way: refused at the second */
		{ "h\n" ZW_UTF8 ",1\r\n" ZW_GB ",2\r\n", 19, CSV_AUTO, STATUS_ERR_PARSE, NULL, 0,
		  "3:1: byte 0xD6: expected a UTF-8 character (line 2 is in UTF-8" },
		{ "h\n" ZW_GB ",1\r\nx\r\n" ZW_UTF8 ",2\r\n", 22, CSV_AUTO, STATUS_ERR_PARSE, NULL, 0,
		  "4: this line is in UTF-8 while line 2 is in GB18030" },
		{ ZW_GB "\n" JI_UTF8 "\n", 10, CSV_AUTO, STATUS_ERR_PARSE, NULL, 0,
		  "2: this line is in UTF-8 while line 1 is in GB18030" },
		/* --encoding is the file's encoding as its sender says (GBK that passes for UTF-8) */
		{ "a\n" ZW_UTF8, 8, CSV_GB18030, STATUS_OK, "a\n\xe6\xb6\x93\xee\x85\x9f\xe6\x9e\x83", CSV_GB18030, NULL },
		/* ASCII lines agree with either */
		{ "a\n" ZW_GB "\nb\n" JI_GB "\n", 14, CSV_AUTO, STATUS_OK, "a\n" ZW_UTF8 "\nb\n" JI_UTF8 "\n", CSV_GB18030,
		  NULL },
		{ "a\0b", 3, CSV_UTF8, STATUS_ERR_PARSE, NULL, 0, "1:2: byte 0x00" },
		{ "a\0b", 3, CSV_GB18030, STATUS_ERR_PARSE, NULL, 0, "1:2: byte 0x00" },
		{ ZW_GB "\xd6", 5, CSV_GB18030, STATUS_ERR_PARSE, NULL, 0, "cut off at the end of the file" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		enum csv_encoding used = CSV_AUTO;
		char *text = NULL;
		size_t len = 0;
		enum status status = csv_decode(cases[i].bytes, cases[i].len, cases[i].encoding, &text, &len, &used, &err);

		if (status != cases[i].status)
			fail_msg("case %zu: status %d, expected %d (%s)", i, status, cases[i].status, err.message);
		if (cases[i].text) {
			assert_string_equal(text, cases[i].text);
			assert_int_equal(len, strlen(cases[i].text));
			assert_int_equal(used, cases[i].used);
		} else {
			assert_null(text);
			if (!strstr(err.message, cases[i].message))
				fail_msg("case %zu: '%s' lacks '%s'", i, err.message, cases[i].message);
		}
		free(text);
	}
}

/* Records of a text joined for comparison: fields by '|', records by '/'
 * each with its starting line, e.g. "1:a|b/2:c". */
static enum status read_all(const char *text, char *out, size_t size, struct error *err)
{
	struct csv_reader reader;
	struct csv_record record = { 0 };
	enum status status;
	size_t used = 0, i;
	bool done;

	out[0] = '\0';
	csv_reader_init(&reader, text, strlen(text));
	while (!(status = csv_read(&reader, &record, &done, err)) && !done) {
		used += (size_t)snprintf(out + used, size - used, "%s%ld:", used ? "/" : "", record.line);
		for (i = 0; i < record.count; i++)
			used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "|" : "", record.fields[i]);
	}
	csv_record_clear(&record);
	return status;
}

static void test_read(void **state)
{
	static const struct {
		const char *text, *records, *message;
	} cases[] = {
		{ "a,b,c", "1:a|b|c", NULL },
		{ "a,b\r\nc,d\r\n", "1:a|b/2:c|d", NULL },
		{ "a,b\nc,d\n", "1:a|b/2:c|d", NULL },
		{ "a,,\n,\n", "1:a||/2:|", NULL },
		{ "\n\r\na\n\n\nb\n", "3:a/6:b", NULL },
		{ "\"a,b\",\"say \"\"hi\"\"\"\r\n", "1:a,b|say \"hi\"", NULL },
		{ "\"one\r\ntwo\nthree\",x\r\nnext\r\n", "1:one\ntwo\nthree|x/4:next", NULL },
		{ "\"\",\"\"", "1:|", NULL },
		{ JI_UTF8 "," ZHE_UTF8 "\n", "1:" JI_UTF8 "|" ZHE_UTF8, NULL },
		{ "a\rb,c", "1:a\rb|c", NULL },
		{ "a,\"b\n\nc", NULL, "1: the quoted field begun on this line is not closed" },
		{ "x\ny\n\"b\n\nc", NULL, "3: the quoted field begun" },
		{ "a,b\"c\n", NULL, "1:4: a quote inside a field not in quotes" },
		{ ZW_UTF8 ",\"x\"y\n", NULL, "1:7: expected a comma or the end of the line" },
		{ "\"a\nb\",\"c\"d", NULL, "2:7: expected a comma" },
	};
	char out[512];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct error err = { "" };
		enum status status = read_all(cases[i].text, out, sizeof(out), &err);

		if (cases[i].records) {
			if (status)
				fail_msg("case %zu: %s", i, err.message);
			assert_string_equal(out, cases[i].records);
		} else {
			assert_int_equal(status, STATUS_ERR_PARSE);
			if (!strstr(err.message, cases[i].message))
				fail_msg("case %zu: '%s' lacks '%s'", i, err.message, cases[i].message);
		}
	}
}

/* The row a spreadsheet shows a record on: its line less the line breaks
 * inside quoted fields above it (blank lines are rows). */
static void test_rows(void **state)
{
	static const struct {
		const char *text, *rows; /* "LINE=ROW " for each record */
	} cases[] = {
		{ "a\nb\nc\n", "1=1 2=2 3=3 " },
		{ "h\n\"one\ntwo\",x\nbad\n", "1=1 2=2 4=3 " },
		{ "h\r\n\"a\r\nb\r\nc\"\r\n\r\n\"d\ne\"\nz\n", "1=1 2=2 6=4 8=5 " },
		{ "\n\nh\n\"a\rb\"\n", "3=3 4=4 " },
	};
	struct csv_reader reader;
	struct csv_record record = { 0 };
	struct error err = { "" };
	char out[128];
	size_t i, used;
	bool done;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		used = 0;
		out[0] = '\0';
		csv_reader_init(&reader, cases[i].text, strlen(cases[i].text));
		while (!csv_read(&reader, &record, &done, &err) && !done)
			used += (size_t)snprintf(out + used, sizeof(out) - used, "%ld=%ld ", record.line, record.row);
		assert_string_equal(out, cases[i].rows);
	}
	csv_record_clear(&record);
}

static void test_huge_field(void **state)
{
	size_t size = 3 * 1024 * 1024, i;
	char *text = malloc(size + 16), *got;
	struct csv_reader reader;
	struct csv_record record = { 0 };
	struct error err = { "" };
	bool done;

	(void)state;
	assert_non_null(text);
	text[0] = '"';
	for (i = 1; i <= size; i++)
		text[i] = i % 1000 == 0 ? '\n' : 'x';
	strcpy(text + size + 1, "\",end\n");
	csv_reader_init(&reader, text, strlen(text));
	assert_int_equal(csv_read(&reader, &record, &done, &err), STATUS_OK);
	assert_false(done);
	assert_int_equal(record.count, 2);
	got = record.fields[0];
	assert_int_equal(strlen(got), size);
	assert_memory_equal(got, text + 1, size);
	assert_string_equal(record.fields[1], "end");
	assert_int_equal(csv_read(&reader, &record, &done, &err), STATUS_OK);
	assert_true(done);
	csv_record_clear(&record);
	free(text);
}

static char *write_row(const char *const *fields, size_t count, bool bom, enum csv_encoding encoding, size_t *len)
{
	struct csv_writer writer;
	struct error err = { "" };
	char *out = NULL;
	size_t i;

	csv_writer_init(&writer, bom);
	for (i = 0; i < count; i++)
		csv_write_field(&writer, fields[i]);
	csv_end_row(&writer);
	assert_int_equal(csv_writer_finish(&writer, encoding, &out, len, &err), STATUS_OK);
	return out;
}

static void test_write(void **state)
{
	static const struct {
		const char *fields[3];
		size_t count;
		bool bom;
		const char *bytes;
	} cases[] = {
		{ { "a", "b", "c" }, 3, false, "a,b,c\r\n" },
		{ { "a", NULL, "" }, 3, false, "a,,\r\n" },
		{ { "a,b", "say \"hi\"", "x\ny" }, 3, false, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n" },
		{ { "a\rb" }, 1, false, "\"a\rb\"\r\n" },
		{ { "=HYPERLINK(\"http://x\",\"y\")" }, 1, false, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n" },
		{ { "+1", "-2", "@SUM(A1)" }, 3, false, "'+1,'-2,'@SUM(A1)\r\n" },
		{ { "\tx", "'=x", "it's" }, 3, false, "'\tx,''=x,it's\r\n" },
		{ { "a" }, 1, true, "\xef\xbb\xbf" "a\r\n" },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char *out = write_row(cases[i].fields, cases[i].count, cases[i].bom, CSV_UTF8, &len);

		assert_string_equal(out, cases[i].bytes);
		assert_int_equal(len, strlen(cases[i].bytes));
		free(out);
	}
}

static void test_gb18030_output(void **state)
{
	static const char *const fields[] = { JI_UTF8 ZHE_UTF8, ZW_UTF8 };
	size_t len;
	char *out;

	(void)state;
	out = write_row(fields, 2, false, CSV_GB18030, &len);
	assert_int_equal(len, 15);
	assert_memory_equal(out, JI_GB ZHE_GB "," ZW_GB "\r\n", 15);
	free(out);
	out = write_row(fields, 2, true, CSV_GB18030, &len);
	assert_memory_equal(out, "\x84\x31\x95\x33" JI_GB, 8);
	free(out);
}

static void test_restore_formula(void **state)
{
	static const struct {
		const char *read, *value;
	} cases[] = {
		{ "'=HYPERLINK(1)", "=HYPERLINK(1)" }, { "''=x", "'=x" }, { "'+86", "+86" }, { "'\tx", "\tx" },
		{ "'hello", "'hello" }, { "it's", "it's" }, { "'", "'" }, { "", "" }, { "=x", "=x" },
	};
	char copy[64];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		snprintf(copy, sizeof(copy), "%s", cases[i].read);
		csv_restore_formula(copy);
		assert_string_equal(copy, cases[i].value);
	}
}

/* What a spreadsheet would run as a formula gets the apostrophe, whatever
 * it hides behind; what it would not, does not. */
static void test_neutralise(void **state)
{
	static const struct {
		const char *text;
		bool needs;
	} cases[] = {
		{ "=1+1", true }, { "+86", true }, { "-2", true }, { "@SUM(A1)", true },
		/* full-width ＝ ＋ － ＠ */
		{ "\xef\xbc\x9dHYPERLINK(1)", true }, { "\xef\xbc\x8b" "1", true }, { "\xef\xbc\x8d" "1", true },
		{ "\xef\xbc\xa0SUM(A1)", true },
		/* after white space: ASCII, no-break, ideographic U+3000 */
		{ " =1", true }, { "   +1", true }, { "\xc2\xa0=1", true }, { "\xe3\x80\x80=1", true },
		{ "\xe3\x80\x80\xef\xbc\x9d" "1", true },
		/* a leading line feed, tab or carriage return, alone too */
		{ "\n=1", true }, { "\nplain", true }, { "\tx", true }, { "\rx", true },
		/* a byte order mark, zero-width space, joiners, word joiner */
		{ "\xef\xbb\xbf=1", true }, { "\xe2\x80\x8b+1", true }, { "\xe2\x80\x8c-1", true },
		{ "\xe2\x80\x8d@x", true }, { "\xe2\x81\xa0=1", true },
		{ "\xef\xbb\xbf \xe2\x80\x8b\xe3\x80\x80\xef\xbc\x9d" "1", true },
		/* apostrophes first: one more is added */
		{ "'=x", true }, { "' =x", true }, { "''\xef\xbc\x9dx", true },
		/* text */
		{ "", false }, { "plain", false }, { " plain", false }, { "\xe3\x80\x80中文", false },
		{ "\xef\xbb\xbf" "a", false }, { "\xe2\x80\x8b", false }, { "a=b", false }, { "中=1", false },
		{ "it's", false }, { "'", false }, { "'hello", false }, { "\xef\xbc\x9e" "1", false },
	};
	size_t i, len;

	(void)state;
	assert_false(csv_needs_neutralising(NULL));
	for (i = 0; i < COUNT(cases); i++) {
		const char *fields[1] = { cases[i].text };
		char *out = write_row(fields, 1, false, CSV_UTF8, &len), copy[64];
		const char *cell = out[0] == '"' ? out + 1 : out;

		if (csv_needs_neutralising(cases[i].text) != cases[i].needs)
			fail_msg("case %zu: expected %s", i, cases[i].needs ? "neutralised" : "as it is");
		/* written with the apostrophe exactly when needed, and read back as it was */
		snprintf(copy, sizeof(copy), "%s%s", cases[i].needs ? "'" : "", cases[i].text);
		assert_memory_equal(cell, copy, strlen(copy));
		csv_restore_formula(copy);
		assert_string_equal(copy, cases[i].text);
		free(out);
	}
}

/* Written in each encoding, decoded with auto and read: the same fields. */
static void test_round_trip(void **state)
{
	static const char *const fields[] = {
		JI_UTF8 "田" ZHE_UTF8 "公司", "a,b", "say \"hi\"", "line 1\nline 2\n", "", "=1+1", "'=x", "'plain",
		"  spaced  ", "-", "@", "x\r\ny",
	};
	static const enum csv_encoding encodings[] = { CSV_UTF8, CSV_GB18030 };
	size_t e, len, text_len, i;

	(void)state;
	for (e = 0; e < COUNT(encodings); e++) {
		struct csv_reader reader;
		struct csv_record record = { 0 };
		struct error err = { "" };
		char *bytes = write_row(fields, COUNT(fields), e == 1, encodings[e], &len), *text = NULL;
		enum csv_encoding used;
		bool done;

		assert_int_equal(csv_decode(bytes, len, CSV_AUTO, &text, &text_len, &used, &err), STATUS_OK);
		assert_int_equal(used, encodings[e]);
		csv_reader_init(&reader, text, text_len);
		assert_int_equal(csv_read(&reader, &record, &done, &err), STATUS_OK);
		assert_int_equal(record.count, COUNT(fields));
		for (i = 0; i < COUNT(fields); i++) {
			csv_restore_formula(record.fields[i]);
			/* a CRLF inside quotes is read as LF */
			assert_string_equal(record.fields[i], i == 11 ? "x\ny" : fields[i]);
		}
		csv_record_clear(&record);
		free(text);
		free(bytes);
	}
}

static void test_encoding_names(void **state)
{
	static const struct {
		const char *name;
		bool known;
		enum csv_encoding encoding;
	} cases[] = {
		{ "auto", true, CSV_AUTO }, { "UTF-8", true, CSV_UTF8 }, { "utf8", true, CSV_UTF8 },
		{ "gbk", true, CSV_GBK }, { "GB18030", true, CSV_GB18030 }, { "latin1", false, CSV_AUTO },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		enum csv_encoding got = CSV_AUTO;

		assert_int_equal(csv_encoding_parse(cases[i].name, &got), cases[i].known);
		assert_int_equal(got, cases[i].encoding);
	}
	assert_string_equal(csv_encoding_name(CSV_GB18030), "gb18030");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),        cmocka_unit_test(test_read),
		cmocka_unit_test(test_huge_field),    cmocka_unit_test(test_write),
		cmocka_unit_test(test_gb18030_output), cmocka_unit_test(test_restore_formula),
		cmocka_unit_test(test_round_trip),    cmocka_unit_test(test_encoding_names),
		cmocka_unit_test(test_neutralise),    cmocka_unit_test(test_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
