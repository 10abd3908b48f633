/* Calendar dates in the proleptic Gregorian calendar, years 1..9999. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "gradus/core/dates.h"
#include "gradus/text/i18n.h"
#include "gradus/text/status.h"

#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

bool date_is_valid(struct date d)
{
	return d.year >= DATE_MIN_YEAR && d.year <= DATE_MAX_YEAR &&
	       d.month >= 1 && d.month <= 12 &&
	       d.day >= 1 && d.day <= date_days_in_month(d.year, d.month);
}

/* Whether text has the shape DDDD-DD-DD, nothing before or after. */
static bool has_date_shape(const char *text)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? text[i] < '0' || text[i] > '9' : text[i] != shape[i])
			return false;
	}
	return text[i] == '\0';
}

static int digits_value(const char *text, size_t count)
{
	int value = 0;
	size_t i;

	for (i = 0; i < count; i++)
		value = value * 10 + (text[i] - '0');
	return value;
}

/* Whether d, read from text, is a calendar day; the message names text. */
static enum status day_check(const char *text, struct date d, struct error *err)
{
	int days;

	if (d.year < DATE_MIN_YEAR)
		return error_set(err, STATUS_ERR_INVALID, _("%s: year 0 is not 1-9999"), text);
	if (d.month < 1 || d.month > 12)
		return error_set(err, STATUS_ERR_INVALID, _("%s: month %d is not 1-12"), text, d.month);
	days = date_days_in_month(d.year, d.month);
	if (d.day < 1 || d.day > days)
		/* L10N: the date typed, then the name of its month, its year and the days that month has,
		 * e.g. "2026-02-30: February 2026 has 28 days" */
		return error_set(err, STATUS_ERR_INVALID, _("%s: %s %d has %d days"), text,
				 _(month_names[d.month - 1]), d.year, days);
	return STATUS_OK;
}

enum status date_parse(const char *text, struct date *out, struct error *err)
{
	struct date d;
	enum status status;

	if (!text || !*text)
		return error_set(err, STATUS_ERR_INVALID, _("empty date: expected YYYY-MM-DD"));
	if (!has_date_shape(text))
		/* L10N: %s is the date as typed (a form shows the message beside it without "DATE: ") */
		return error_set(err, STATUS_ERR_INVALID, _("%s: expected YYYY-MM-DD"), text);
	d.year = digits_value(text, 4);
	d.month = digits_value(text + 5, 2);
	d.day = digits_value(text + 8, 2);
	if ((status = day_check(text, d, err)))
		return status;
	*out = d;
	return STATUS_OK;
}

/* Reads 1 to max digits at *p (advancing it); -1 when there is none. */
static int read_digits(const char **p, int max)
{
	int value = 0, count = 0;

	while (count < max && **p >= '0' && **p <= '9') {
		value = value * 10 + (*(*p)++ - '0');
		count++;
	}
	return count ? value : -1;
}

/* Reads sep at *p (advancing it). */
static bool read_separator(const char **p, const char *sep)
{
	size_t len = strlen(sep);

	if (strncmp(*p, sep, len))
		return false;
	*p += len;
	return true;
}

/* The separators of an office's dates: after year, month and day. */
static const char *const office_forms[][3] = {
	{ "-", "-", "" }, { "/", "/", "" }, { ".", ".", "" },
	{ "\xe5\xb9\xb4", "\xe6\x9c\x88", "\xe6\x97\xa5" }, /* 年 月 日 */
	{ "\xe5\xb9\xb4", "\xe6\x9c\x88", "" },                  /* 年 月, 日 left off */
};

static bool read_office_form(const char *text, const char *const sep[3], struct date *d)
{
	const char *p = text;
	const char *year_start = p;

	d->year = read_digits(&p, 4);
	if (p - year_start != 4 || !read_separator(&p, sep[0]))
		return false;
	d->month = read_digits(&p, 2);
	if (d->month < 0 || !read_separator(&p, sep[1]))
		return false;
	d->day = read_digits(&p, 2);
	return d->day >= 0 && read_separator(&p, sep[2]) && *p == '\0';
}

enum status date_parse_office(const char *text, struct date *out, struct error *err)
{
	struct error why = { "" };
	struct date d = { 0, 0, 0 };
	size_t i;

	if (!text || !*text)
		return error_set(err, STATUS_ERR_INVALID, _("empty date: expected YYYY-MM-DD"));
	for (i = 0; i < sizeof(office_forms) / sizeof(office_forms[0]); i++)
		if (read_office_form(text, office_forms[i], &d))
			break;
	if (i == sizeof(office_forms) / sizeof(office_forms[0]))
		/* L10N: the date as written in a file; keep the examples as they are */
		return error_set(err, STATUS_ERR_INVALID,
				 _("%s: expected YYYY-MM-DD, e.g. 2026-03-05, or 2026/3/5, 2026.3.5, 2026年3月5日"), text);
	if (day_check(text, d, &why))
		return error_set(err, STATUS_ERR_INVALID, _("%s; expected YYYY-MM-DD"), why.message);
	*out = d;
	return STATUS_OK;
}

enum status date_parse_named(const char *name, const char *text, struct date *out, struct error *err)
{
	struct error why = { "" };
	enum status status = date_parse(text, out, &why);

	if (!status)
		return STATUS_OK;
	if (!name) /* a form, which shows the field's label beside the message */
		return text && *text && has_date_shape(text) ?
			/* L10N: what is wrong with a date in a form, beside the field's label */
			error_set(err, status, _("%s; expected YYYY-MM-DD"), why.message) :
			error_set(err, status, "%s", why.message);
	if (text && *text && has_date_shape(text))
		/* L10N: the date's name (an option such as --due, a field), then what is wrong with it */
		return error_set(err, status, _("%s: %s; expected YYYY-MM-DD"), name, why.message);
	return error_set(err, status, _("%s: %s"), name, why.message);
}

enum status date_check_range(const char *name, struct date d, struct date today, struct error *err)
{
	struct date latest = date_add_years(today, DATE_YEARS_AHEAD);
	char text[DATE_TEXT_SIZE], from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];

	if (date_compare(d, DATE_EARLIEST) >= 0 && date_compare(d, latest) <= 0)
		return STATUS_OK;
	date_format(d, text);
	date_format(DATE_EARLIEST, from);
	date_format(latest, to);
	/* L10N: a date's name (an option such as --on, a field), the date, the first and last dates taken */
	return error_set(err, STATUS_ERR_INVALID, _("%s: %s is outside the dates gradus takes, %s to %s (ten years after today)"),
			 name ? name : _("date"), text, from, to);
}

void date_format(struct date d, char out[DATE_TEXT_SIZE])
{
	int year = d.year < 0 || d.year > DATE_MAX_YEAR ? 0 : d.year;
	int month = d.month < 0 || d.month > 99 ? 0 : d.month;
	int day = d.day < 0 || d.day > 99 ? 0 : d.day;

	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Howard Hinnant's days_from_civil: eras of 400 years (146097 days),
 * years starting on March 1 so that the leap day comes last. */
long date_to_days(struct date d)
{
	long year = (long)d.year - (d.month <= 2);
	long era = (year >= 0 ? year : year - 399) / 400;
	long year_of_era = year - era * 400;
	long month_from_march = d.month > 2 ? d.month - 3 : d.month + 9;
	long day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1;
	long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - 719468;
}

static long clamp_days(long days)
{
	static const struct date first = { DATE_MIN_YEAR, 1, 1 };
	static const struct date last = { DATE_MAX_YEAR, 12, 31 };
	long min = date_to_days(first), max = date_to_days(last);

	return days < min ? min : days > max ? max : days;
}

/* The inverse of date_to_days; days outside 0001-01-01..9999-12-31 are
 * clamped to those bounds. */
struct date date_from_days(long days)
{
	long z = clamp_days(days) + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long day_of_era = z - era * 146097;
	long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long month_from_march = (5 * day_of_year + 2) / 153;
	struct date d;

	d.day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
	d.month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
	d.year = (int)(year_of_era + era * 400 + (d.month <= 2));
	return d;
}

int date_weekday(struct date d)
{
	long days = date_to_days(d) + 3; /* 1970-01-01 was a Thursday */
	long mod = days % 7;

	return (int)(mod < 0 ? mod + 7 : mod) + 1;
}

/* Results are clamped to 0001-01-01..9999-12-31. */
struct date date_add_days(struct date d, long n)
{
	long days = date_to_days(d);
	long limit = 4000000; /* more than the whole range of dates */

	if (n > limit)
		n = limit;
	else if (n < -limit)
		n = -limit;
	return date_from_days(days + n);
}

/* Adds whole months to d, keeping the day unless the month is shorter. */
static struct date add_months_long(struct date d, long n)
{
	long limit = 12L * DATE_MAX_YEAR;
	long months, year;
	int days;

	if (n > limit)
		n = limit;
	else if (n < -limit)
		n = -limit;
	months = (long)d.year * 12 + (d.month - 1) + n;
	year = months >= 0 ? months / 12 : (months - 11) / 12;
	if (year < DATE_MIN_YEAR)
		return (struct date){ DATE_MIN_YEAR, 1, 1 };
	if (year > DATE_MAX_YEAR)
		return (struct date){ DATE_MAX_YEAR, 12, 31 };
	d.year = (int)year;
	d.month = (int)(months - year * 12) + 1;
	days = date_days_in_month(d.year, d.month);
	if (d.day > days)
		d.day = days;
	return d;
}

struct date date_add_months(struct date d, int n)
{
	return add_months_long(d, n);
}

struct date date_add_years(struct date d, int n)
{
	return add_months_long(d, 12L * n);
}

long date_days_between(struct date a, struct date b)
{
	return date_to_days(b) - date_to_days(a);
}
