/* Calendar dates: ISO 8601 parsing, formatting and arithmetic (pure). */
#ifndef GRADUS_DATES_H
#define GRADUS_DATES_H

#include <stdbool.h>

#include "gradus/text/status.h"

struct date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

#define DATE_TEXT_SIZE 11 /* "YYYY-MM-DD" and NUL */

bool date_is_leap_year(int year);
int date_days_in_month(int year, int month);
bool date_is_valid(struct date d);

/* Parses exactly "YYYY-MM-DD" (no spaces, real calendar day).
 * On failure err says what was wrong, e.g. "2025-02-30: February 2025 has 28 days". */
enum status date_parse(const char *text, struct date *out, struct error *err);
/* date_parse for a date that has a name (an option, a field): the message
 * names it and always says what is expected, e.g.
 * "--due: 2026-02-30: February 2026 has 28 days; expected YYYY-MM-DD".
 * name NULL (a form, whose label names the date): without the name. */
enum status date_parse_named(const char *name, const char *text, struct date *out, struct error *err);
/* A date as a spreadsheet writes it: 2026-03-05, 2026-3-5, 2026/3/5,
 * 2026.3.5 or 2026年3月5日 (one separator throughout; month and day of one
 * or two digits; a real calendar day). Spaces around are the caller's to
 * trim. On failure err says what was wrong and what is expected, e.g.
 * "2026/2/30: February 2026 has 28 days; expected YYYY-MM-DD" or "5.3.2026:
 * expected YYYY-MM-DD, e.g. 2026-03-05, or 2026/3/5, 2026.3.5, 2026年3月5日".
 * date_parse stays strict where YYYY-MM-DD is the contract. */
enum status date_parse_office(const char *text, struct date *out, struct error *err);
void date_format(struct date d, char out[DATE_TEXT_SIZE]);
/* The dates a record may carry: from DATE_EARLIEST (the programme's first
 * year) to ten years after today (the system clock's, clock_today). A date
 * outside, such as a certification in 9999 that would never lapse, is
 * refused with a message naming it (name: an option or a field). */
#define DATE_EARLIEST ((struct date){ 2015, 1, 1 })
#define DATE_YEARS_AHEAD 10
enum status date_check_range(const char *name, struct date d, struct date today, struct error *err);

/* <0, 0, >0 like strcmp. */
int date_compare(struct date a, struct date b);
/* Days since 1970-01-01 (negative before) and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
/* 1 = Monday .. 7 = Sunday. */
int date_weekday(struct date d);

struct date date_add_days(struct date d, long n);
/* Calendar arithmetic clamped to the month's last day:
 * 2024-02-29 + 3 years = 2027-02-28; 2027-05-31 - 3 months = 2027-02-28. */
struct date date_add_months(struct date d, int n);
struct date date_add_years(struct date d, int n);
/* Whole days from a to b (b - a). */
long date_days_between(struct date a, struct date b);

#endif
