/* The fair draw of scenarios for a spot check, the scores by weight, and
 * measures before and after. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/spotcheck.h"
#include "gradus/text/i18n.h"

static uint64_t next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

static int ascending(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

enum status spotcheck_draw(const int *pool, size_t pool_count, size_t count, uint64_t seed, int *out,
			   struct error *err)
{
	uint64_t state = seed ? seed : 0x9e3779b97f4a7c15ULL; /* xorshift must not start at 0 */
	int *deck;
	size_t i;

	if (count == 0 || count > pool_count)
		/* L10N: how many scenarios were to be drawn, of how many declared; then that number again */
		return error_set(err, STATUS_ERR_INVALID, _("draw %zu of %zu scenarios: expected 1 to %zu"), count,
				 pool_count, pool_count);
	if (!(deck = malloc(pool_count * sizeof(*deck))))
		return error_set(err, STATUS_ERR_NOMEM, _("out of memory"));
	memcpy(deck, pool, pool_count * sizeof(*deck));
	qsort(deck, pool_count, sizeof(*deck), ascending); /* the draw does not depend on the pool's order */
	for (i = pool_count - 1; i > 0; i--) {
		size_t j = (size_t)(next(&state) % (i + 1));
		int t = deck[i];

		deck[i] = deck[j];
		deck[j] = t;
	}
	memcpy(out, deck, count * sizeof(*out));
	free(deck);
	qsort(out, count, sizeof(*out), ascending);
	return STATUS_OK;
}

enum answer spotcheck_answer_parse(const char *text)
{
	static const struct {
		const char *name;
		enum answer answer;
	} names[] = {
		{ "yes", ANSWER_YES }, { "y", ANSWER_YES }, { "partial", ANSWER_PARTIAL }, { "p", ANSWER_PARTIAL },
		{ "no", ANSWER_NO }, { "n", ANSWER_NO }, { "na", ANSWER_NA }, { "-", ANSWER_NA },
	};
	size_t i;

	for (i = 0; text && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(text, names[i].name))
			return names[i].answer;
	return ANSWER_NONE;
}

const char *spotcheck_answer_name(enum answer answer)
{
	switch (answer) {
	case ANSWER_YES: return "yes";
	case ANSWER_PARTIAL: return "partial";
	case ANSWER_NO: return "no";
	case ANSWER_NA: return "na";
	default: return "";
	}
}

void score_add(struct score *score, enum answer answer, int weight)
{
	if (answer == ANSWER_NONE || answer == ANSWER_NA)
		return;
	score_add_value(score, answer == ANSWER_YES ? 1.0 : answer == ANSWER_PARTIAL ? 0.5 : 0.0, weight);
}

void score_add_value(struct score *score, double value, int weight)
{
	if (weight <= 0 || !(value >= 0.0 && value <= 1.0))
		return;
	score->possible += weight;
	score->earned += value * weight;
}

void score_merge(struct score *into, const struct score *from)
{
	into->earned += from->earned;
	into->possible += from->possible;
}

void score_finish(struct score *score)
{
	score->scored = score->possible > 0;
	score->percent = score->scored ? 100.0 * score->earned / score->possible : 0.0;
}

/* One figure: all of text, a finite number. */
static bool figure(const char *text, size_t length, double *out)
{
	char buffer[64], *end;

	if (!length || length >= sizeof(buffer))
		return false;
	memcpy(buffer, text, length);
	buffer[length] = '\0';
	*out = strtod(buffer, &end);
	return end != buffer && !*end && isfinite(*out) && !isspace((unsigned char)buffer[0]);
}

bool measure_parse(const char *text, struct measure *out)
{
	const char *bar = text ? strchr(text, '|') : NULL;
	struct measure m = { 0 };

	if (!text)
		return false;
	if (bar) {
		m.has_before = true;
		if (!figure(text, (size_t)(bar - text), &m.before) || !figure(bar + 1, strlen(bar + 1), &m.after))
			return false;
	} else if (!figure(text, strlen(text), &m.after)) {
		return false;
	}
	*out = m;
	return true;
}

bool measure_compare(const struct measure *m, bool lower_is_better, struct measure_change *out)
{
	if (!m->has_before)
		return false;
	out->delta = m->after - m->before;
	out->has_percent = m->before != 0.0;
	out->percent = out->has_percent ? 100.0 * out->delta / fabs(m->before) : 0.0;
	out->improved = lower_is_better ? m->after < m->before : m->after > m->before;
	return true;
}

/* A figure as people write it: no exponent for everyday sizes, no
 * trailing zeros, a true minus sign; `sign` adds + to a positive one. */
static void put_figure(char *out, size_t size, double value, bool sign, int decimals)
{
	char text[64];

	if (decimals < 0)
		snprintf(text, sizeof(text), "%.10g", fabs(value));
	else
		snprintf(text, sizeof(text), "%.*f", decimals, fabs(value));
	if (strchr(text, '.') && !strchr(text, 'e')) {
		size_t n = strlen(text);

		while (n && text[n - 1] == '0')
			text[--n] = '\0';
		if (n && text[n - 1] == '.')
			text[--n] = '\0';
	}
	/* a figure that rounds to zero has no sign */
	snprintf(out, size, "%s%s", !strcmp(text, "0") ? "" : value < 0 ? "−" : sign && value > 0 ? "+" : "", text);
}

void measure_text(const struct measure *m, const char *unit, bool lower_is_better, char *out, size_t size)
{
	char before[64], after[64], delta[64], percent[64], figures[256], change[160];
	const char *space = unit && *unit ? " " : "";
	struct measure_change c;

	put_figure(after, sizeof(after), m->after, false, -1);
	if (!measure_compare(m, lower_is_better, &c)) {
		snprintf(out, size, "%s%s%s", after, space, unit && *unit ? unit : "");
		return;
	}
	put_figure(before, sizeof(before), m->before, false, -1);
	put_figure(delta, sizeof(delta), c.delta, true, -1);
	put_figure(percent, sizeof(percent), c.percent, true, fabs(c.percent) < 10 ? 1 : 0);
	snprintf(figures, sizeof(figures), "%s → %s%s%s", before, after, space, unit && *unit ? unit : "");
	if (c.has_percent)
		/* L10N: the change of a measure: after - before, then the percent of before */
		snprintf(change, sizeof(change), _("%s, %s%%"), delta, percent);
	else
		snprintf(change, sizeof(change), "%s", delta);
	/* L10N: a measure: "18 → 12 months", its change, then better or not better */
	snprintf(out, size, _("%s (%s), %s"), figures, change,
		 /* L10N: a measure went the better way (lower or higher, as the item says), or it did not */
		 c.improved ? _("better") : _("not better"));
}

void measure_short(const struct measure *m, const char *unit, bool lower_is_better, char *out, size_t size)
{
	char change[64];
	struct measure_change c;

	if (!measure_compare(m, lower_is_better, &c)) {
		measure_text(m, unit, lower_is_better, out, size);
		return;
	}
	if (c.has_percent) {
		put_figure(change, sizeof(change) - 1, c.percent, true, fabs(c.percent) < 10 ? 1 : 0);
		strcat(change, "%");
	} else {
		put_figure(change, sizeof(change), c.delta, true, -1);
	}
	snprintf(out, size, "%s %s", change, c.improved ? _("better") : _("not better"));
}
