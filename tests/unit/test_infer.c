/* test_infer.c: which titles name a page rather than a job (infer.c). */
#include "test.h"
#include "infer.h"

#include <string.h>

static void test_infer_page_words(void)
{
	static const struct {
		const char *title;
		const char *word; /* NULL: the title may be a role */
	} cases[] = {
		{ "Glossary", "glossary" },
		{ "Performance Reviews", "performance" },
		{ "Competency Assessment", "competency" },
		{ "What is Impact?", "what" },
		{ "Engineering Career Ladder", "ladder" },
		{ "Performance Engineer", NULL },     /* a job word wins */
		{ "Review Coordinator", NULL },       /* -or names a person */
		{ "Data Scientist", NULL },           /* -ist */
		{ "Agile Coach", NULL },
		{ "Product Team Lead", NULL },
		{ "Senior Engineer", NULL },
		{ "Career Ladder Overview", "ladder" }, /* "ladder" and "career" end in -er but are no people */
		{ "Leitung", NULL },                  /* no page word: inference leaves it a role */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char w[32];
		const char *got = infer_page_word(cases[i].title, w, sizeof(w));
		int ok = cases[i].word ? got && !strcmp(got, cases[i].word) : !got;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  '%s': got '%s'\n", cases[i].title, got ? got : "(none)");
	}
}

void test_infer(void)
{
	RUN(test_infer_page_words);
}
