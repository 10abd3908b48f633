/* Spot checks (现场抽查): the fair draw of scenarios and the scores, pure. */
#ifndef GRADUS_SPOTCHECK_H
#define GRADUS_SPOTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gradus/text/status.h"

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
	double earned, possible; /* in weights */
	bool scored;
	double percent;
};
void score_add(struct score *score, enum answer answer, int weight);
/* An item met to a degree: value 0 (not met) to 1 (met) of its weight, e.g.
 * a choice's value or a measure that improved (1) or not (0). */
void score_add_value(struct score *score, double value, int weight);
void score_merge(struct score *into, const struct score *from);
void score_finish(struct score *score);

/* A measure (应用前后): the figure before and after, kept in an answer as
 * "BEFORE|AFTER" (18|12). A lone figure, as answers were kept before both
 * were asked for, has no before: it is shown alone and not scored. */
struct measure {
	double before, after;
	bool has_before;
};
/* "18|12" or "12" (decimals, a sign); false when it is neither. */
bool measure_parse(const char *text, struct measure *out);

/* The change of a measure with both figures: after - before, the percent
 * of before (none when before is 0), and whether it went the better way:
 * strictly lower (lower_is_better) or strictly higher than before. The
 * score counts an improved measure as met, one that stayed or went the
 * other way as not met. */
struct measure_change {
	double delta;
	bool has_percent;
	double percent;
	bool improved;
};
/* false (and nothing set) when the measure has no before. */
bool measure_compare(const struct measure *m, bool lower_is_better, struct measure_change *out);
/* "18 → 12 个月 (-6, -33%), better" as the user's language says it; a lone
 * figure "12 个月". unit may be NULL or "". Minus signs are U+2212. */
void measure_text(const struct measure *m, const char *unit, bool lower_is_better, char *out, size_t size);
/* Where there is little room: "-33% better" (the change when before is 0);
 * a lone figure as measure_text says it. */
void measure_short(const struct measure *m, const char *unit, bool lower_is_better, char *out, size_t size);

#endif
