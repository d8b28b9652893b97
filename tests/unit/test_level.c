/* test_level.c: level codes read from titles and file names (level.h), the
 * forms real frameworks use and the words that only look like codes. */
#include "test.h"

#include "level.h"

#include <stdlib.h>
#include <string.h>

static void test_level_forms(void)
{
	static const struct {
		const char *title, *file;
		const char *code;  /* "" none */
		int rank;          /* -1 none */
		const char *role;  /* the title without its code */
		int from;
	} cases[] = {
		{ "L3: Senior DevOps Support Engineer", "L3-x.md", "L3", 300, "Senior DevOps Support Engineer", LEVEL_TITLE },
		{ "l2 - Engineer", NULL, "L2", 200, "Engineer", LEVEL_TITLE },
		{ "IC 3 - Senior Engineer", NULL, "IC3", 300, "Senior Engineer", LEVEL_TITLE },
		{ "IC-4: Staff Engineer", NULL, "IC4", 400, "Staff Engineer", LEVEL_TITLE },
		{ "EM5 \xE2\x80\x94 Director", NULL, "EM5", 500, "Director", LEVEL_TITLE },
		{ "Level 3: Senior Analyst", NULL, "Level 3", 300, "Senior Analyst", LEVEL_TITLE },
		{ "Engineer II (IC 3a)", NULL, "IC3a", 301, "Engineer II", LEVEL_TITLE_END },
		{ "Senior Engineer (L4)", NULL, "L4", 400, "Senior Engineer", LEVEL_TITLE_END },
		{ "Support Specialist - T1", NULL, "T1", 100, "Support Specialist", LEVEL_TITLE_END },
		{ "Data Engineer III", NULL, "", 300, "Data Engineer III", LEVEL_GRADE },
		{ "Tech Lead 6", NULL, "", 600, "Tech Lead 6", LEVEL_GRADE },
		{ "Data Scientist 12", NULL, "", 1200, "Data Scientist 12", LEVEL_GRADE },
		{ "Competency 3", NULL, "", -1, "Competency 3", LEVEL_NONE },   /* a topic, not a job */
		{ "Engineering Manager 2025", NULL, "", -1, "Engineering Manager 2025", LEVEL_NONE }, /* a year */
		{ "Senior Engineer", "docs/IC3-senior.md", "IC3", 300, "Senior Engineer", LEVEL_FILE },
		{ "L1", "L1-Junior-Analyst.md", "L1", 100, "Junior Analyst", LEVEL_TITLE },
		{ "P3b: Designer", NULL, "P3b", 302, "Designer", LEVEL_TITLE },
		/* look like codes, are not */
		{ "E2E Testing Lead", NULL, "", -1, "E2E Testing Lead", LEVEL_NONE },
		{ "API Design Guide", NULL, "", -1, "API Design Guide", LEVEL_NONE },
		{ "A11y Champion", NULL, "", -1, "A11y Champion", LEVEL_NONE },
		{ "Go Developer", "go.md", "", -1, "Go Developer", LEVEL_NONE },
		{ "I", NULL, "", -1, "I", LEVEL_NONE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct level_code lc;
		const char *start;
		size_t len;
		char *alloc;
		level_read(cases[i].title, cases[i].file, &lc, &start, &len, &alloc);
		int ok = !strcmp(lc.code, cases[i].code) && lc.rank == cases[i].rank &&
		         len == strlen(cases[i].role) && !strncmp(start, cases[i].role, len) &&
		         (int)lc.from == cases[i].from;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  '%s': code '%s' rank %d role '%.*s' from %d\n", cases[i].title, lc.code,
			        lc.rank, (int)len, start, lc.from);
		free(alloc);
	}
	char t[16];
	level_rank_text(302, t, sizeof(t));
	CHECK(!strcmp(t, "3b"));
	level_rank_text(-1, t, sizeof(t));
	CHECK(!strcmp(t, "-"));
}

void test_level(void)
{
	RUN(test_level_forms);
}
