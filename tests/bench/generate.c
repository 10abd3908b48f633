/* Generates a database of N cases for `make bench`: made-up enterprises
 * across the 17 regions and 4 levels, declared scenarios, and workflow steps
 * in realistic proportions, all through the one write path (audit chain and
 * search index included). Deterministic for a given N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gradus/core/uscc.h"
#include "gradus/store/cases.h"
#include "gradus/store/preconditions.h"
#include "../unit/testkit.h"
#include "store/store_private.h"

static const char *const cities[] = { "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州",
				      "黄冈", "咸宁", "随州", "恩施", "仙桃", "潜江", "天门", "神农架" };
static const char *const words[] = { "精密", "智能", "光电", "汽车", "新材料", "重工", "电子", "化工", "纺织",
				     "食品", "医药", "装备", "机械", "能源", "钢铁", "船舶", "环保", "数控" };
static const char *const kinds[] = { "有限公司", "股份有限公司", "集团有限公司", "科技有限公司" };
static const char *const levels[] = { "basic", "basic", "basic", "advanced", "advanced", "excellent", "leading" };

static unsigned long next_random(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

/* A case made, and how many steps it is to take. */
struct made {
	char id[33];
	const struct level *level;
	int year;
	unsigned long steps;
};

static enum status one_case(struct store *store, const struct forms *forms, long i, unsigned long *seed,
			    struct made *out, struct error *err)
{
	const struct region *region = &forms->regions[next_random(seed) % forms->region_count];
	const char *level = levels[next_random(seed) % 7];
	char name[160], factory[160], code[USCC_LENGTH + 1], number[32];
	int scenarios[6];
	struct new_case in;
	size_t n = 2 + next_random(seed) % 5, k;

	snprintf(name, sizeof(name), "%s%s%s%s%ld号%s", cities[i % 17], words[next_random(seed) % 18],
		 words[next_random(seed) % 18], i % 3 ? "" : "第", i, kinds[next_random(seed) % 4]);
	snprintf(factory, sizeof(factory), "%s%s工厂", cities[(i / 17) % 17], words[i % 18]);
	testkit_credit_code(region->code, (unsigned long)i * 2654435761UL + 12345, code);
	for (k = 0; k < n; k++) /* distinct, in 1..36 */
		scenarios[k] = (int)(1 + next_random(seed) % 6 + 6 * k);
	memset(&in, 0, sizeof(in));
	in.enterprise_name = name;
	in.credit_code = code;
	in.region = region->key;
	in.factory_name = factory;
	in.level = level;
	in.year = 2022 + (int)(i % 5);
	in.maturity_centi = 100 + (int)(next_random(seed) % 380);
	in.scenarios = scenarios;
	in.scenario_count = n;
	if (case_create(store, forms, &in, out->id, number, NULL, err))
		return (fprintf(stderr, "generate: case %ld: %s\n", i, err->message), STATUS_ERR_INVALID);
	out->level = forms_level(forms, level);
	out->year = in.year;
	out->steps = next_random(seed) % 5;
	return STATUS_OK;
}

/* A few steps forward: the first step of each state that is not final (a
 * step refused ends the case's walk). */
static void walk(struct store *store, const struct forms *forms, const struct made *m)
{
	struct error err = { "" };
	unsigned long steps;

	for (steps = m->steps; steps > 0; steps--) {
		struct case_detail d;
		const struct level_step *from[16];
		size_t count, j;
		struct date on = { m->year, 3, 1 + (int)steps };
		struct step_request request;

		if (store_case_detail(store, m->id, &d, &err))
			return;
		count = case_steps_from(m->level, d.row.state, from, 16);
		case_detail_clear(&d);
		for (j = 0; j < count && j < 16; j++) {
			const struct level_state *to = forms_level_state(m->level, from[j]->to);

			if (to && !to->final && strcmp(from[j]->key, "return_for_revision"))
				break;
		}
		if (j >= count || j >= 16)
			return;
		/* the ministry's decision is recorded with its document's number; the
		 * materials the bench does not make are overridden, as an admin may */
		request = (struct step_request){ from[j]->key, on, NULL,
						 from[j]->ministry ? "工信厅通装函〔2026〕1号" : NULL,
						 "bench: materials not generated", NULL };
		if (case_take(store, forms, m->id, &request, &err))
			return;
	}
}

int main(int argc, char **argv)
{
	struct forms *forms = NULL;
	struct store *store = NULL;
	struct error err = { "" };
	struct date today = { 2026, 11, 28 };
	unsigned long seed = 42;
	static struct made chunk[1000];
	long n, i, made = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: generate FORMS_DIR DATABASE N\n");
		return 2;
	}
	n = atol(argv[3]);
	if (forms_load(argv[1], &forms, &err) || store_open(argv[2], STORE_OPEN_OR_CREATE, "bench", today, &store, &err)) {
		fprintf(stderr, "generate: %s\n", err.message);
		return 1;
	}
	/* the page cache an import of n rows would have (about 100 bytes a row) */
	if (store_cache_for(store, (size_t)n * 100, &err)) {
		fprintf(stderr, "generate: %s\n", err.message);
		return 1;
	}
	/* By a thousand: the cases made as an import makes them, in a
	 * transaction kept as a whole, then their steps (some refused). */
	for (i = 0; i < n; i += 1000) {
		long want = n - i < 1000 ? n - i : 1000, j, count = 0;

		if (store_begin_whole(store, &err))
			break;
		while (count < want && !one_case(store, forms, i + count, &seed, &chunk[count], &err))
			count++;
		if (count < want) {
			store_rollback(store);
			break;
		}
		if (store_commit(store, &err) || store_begin(store, &err))
			break;
		for (j = 0; j < count; j++)
			walk(store, forms, &chunk[j]);
		if (store_commit(store, &err))
			break;
		made += count;
	}
	store_close(&store);
	forms_free(&forms);
	printf("%ld cases\n", made);
	if (made != n)
		fprintf(stderr, "generate: %s\n", err.message);
	return made == n ? 0 : 1;
}
