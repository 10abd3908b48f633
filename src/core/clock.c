/* UTC timestamps shown in local time; the system clock's today. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gradus/core/clock.h"

static bool parse_utc(const char *utc, time_t *out)
{
	struct tm tm;
	int year, month, day, hour, minute, second = 0, n = 0;
	char rest[4] = "";
	time_t t;

	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d%n", &year, &month, &day, &hour, &minute, &n) != 5 || n != 16)
		return false;
	if (utc[16] == ':' && sscanf(utc + 16, ":%2d%3s", &second, rest) < 1)
		return false;
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	if ((t = timegm(&tm)) == (time_t)-1)
		return false;
	*out = t;
	return true;
}

bool clock_local_text(const char *utc, bool with_zone, char *out, size_t size)
{
	struct tm tm;
	time_t t;

	if (!size)
		return false;
	tzset();
	if (!parse_utc(utc, &t) || !localtime_r(&t, &tm) ||
	    !strftime(out, size, with_zone ? "%Y-%m-%d %H:%M:%S %Z %z" : "%Y-%m-%d %H:%M", &tm)) {
		snprintf(out, size, "%s", utc ? utc : "");
		return false;
	}
	return true;
}

struct date clock_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm))
		gmtime_r(&now, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}
