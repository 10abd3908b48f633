/* The fair draw of scenarios for a spot check, and the scores by weight. */
#include <stdlib.h>
#include <string.h>

#include "gradus/i18n.h"
#include "gradus/spotcheck.h"

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
	int deck[64];
	uint64_t state = seed ? seed : 0x9e3779b97f4a7c15ULL; /* xorshift must not start at 0 */
	size_t i;

	if (pool_count > 64)
		return error_set(err, STATUS_ERR_INVALID, _("a pool of %zu scenarios: at most 64"), pool_count);
	if (count == 0 || count > pool_count)
		/* L10N: how many scenarios were to be drawn, of how many declared; then that number again */
		return error_set(err, STATUS_ERR_INVALID, _("draw %zu of %zu scenarios: expected 1 to %zu"), count,
				 pool_count, pool_count);
	memcpy(deck, pool, pool_count * sizeof(*deck));
	qsort(deck, pool_count, sizeof(*deck), ascending); /* the draw does not depend on the pool's order */
	for (i = pool_count - 1; i > 0; i--) {
		size_t j = (size_t)(next(&state) % (i + 1));
		int t = deck[i];

		deck[i] = deck[j];
		deck[j] = t;
	}
	memcpy(out, deck, count * sizeof(*out));
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
	if (answer == ANSWER_NONE || answer == ANSWER_NA || weight <= 0)
		return;
	score->possible2 += 2L * weight;
	score->earned2 += answer == ANSWER_YES ? 2L * weight : answer == ANSWER_PARTIAL ? weight : 0;
}

void score_merge(struct score *into, const struct score *from)
{
	into->earned2 += from->earned2;
	into->possible2 += from->possible2;
}

void score_finish(struct score *score)
{
	score->scored = score->possible2 > 0;
	score->percent = score->scored ? 100.0 * (double)score->earned2 / (double)score->possible2 : 0.0;
}
