/* Spot checks (现场抽查): the fair draw of scenarios and the scores, pure. */
#ifndef GRADUS_SPOTCHECK_H
#define GRADUS_SPOTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gradus/status.h"

/* Draws count of the pool (scenario ids) with a recorded seed: the same
 * seed and pool draw the same scenarios again, in ascending order. A
 * Fisher-Yates shuffle over a 64-bit xorshift generator, so the draw can be
 * shown to be fair and repeated with any implementation of both. */
enum status spotcheck_draw(const int *pool, size_t pool_count, size_t count, uint64_t seed, int *out,
			   struct error *err);

/* An answer of a check item: yes, partial, no, not applicable. */
enum answer { ANSWER_NONE, ANSWER_YES, ANSWER_PARTIAL, ANSWER_NO, ANSWER_NA };
/* "yes" "partial" "no" "na" (and y p n -); ANSWER_NONE when it is not one. */
enum answer spotcheck_answer_parse(const char *text);
const char *spotcheck_answer_name(enum answer answer);

/* A score out of 100 by item weight: yes counts whole, partial half, no
 * nothing; not applicable and unanswered items are left out. `scored` is
 * false when nothing counted (all not applicable or unanswered). */
struct score {
	long earned2, possible2; /* in half weights */
	bool scored;
	double percent;
};
void score_add(struct score *score, enum answer answer, int weight);
void score_merge(struct score *into, const struct score *from);
void score_finish(struct score *score);

#endif
