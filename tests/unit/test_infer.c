/* test_infer.c: which titles name a page rather than a job (infer.c,
 * titlewords.c), in several languages. */
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
		{ "Leitung", NULL },                  /* a job word (de) */
		{ "Engineering Ladders", "ladders" }, /* the plural of a word that names no person */
		{ "Glossar", "glossar" },
		{ "Vergütung und Stufen", "vergütung" },
		{ "Softwareentwicklerin", NULL },     /* -erin names a person */
		{ "\xC3\x89valuation des comp\xC3\xA9tences", "\xC3\xA9valuation" }, /* É lower-cased */
		{ "D\xC3\xA9veloppeuse", NULL },
		{ "Evaluaci\xC3\xB3n del desempe\xC3\xB1o", "evaluaci\xC3\xB3n" },
		{ "\xD0\x93\xD0\x9B\xD0\x9E\xD0\xA1\xD0\xA1\xD0\x90\xD0\xA0\xD0\x98\xD0\x99",
		  "\xD0\xB3\xD0\xBB\xD0\xBE\xD1\x81\xD1\x81\xD0\xB0\xD1\x80\xD0\xB8\xD0\xB9" }, /* ГЛОССАРИЙ */
		{ "Оценка эффективности", "оценка" },
		{ "Старший разработчик", NULL },
		{ "Αξιολόγηση", "αξιολόγηση" },
		{ "用語集", "用語集" },
		{ "シニアエンジニア", NULL },          /* no spaces: looked for inside */
		{ "评估流程", "评估" },
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

/* Titles of roles with nothing written yet are roles by their words. */
static void test_infer_job_titles(void)
{
	static const struct {
		const char *title;
		int job;
	} cases[] = {
		{ "Ingenieurin", 1 }, { "Разработчик", 1 }, { "バックエンドエンジニア", 1 }, { "高级工程师", 1 },
		{ "Chef de projet", 1 }, { "Desarrolladora", 1 }, { "Glossar", 0 }, { "Оценка", 0 },
		{ "Data Analyst", 1 }, { "Overview", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int got = infer_job_title(cases[i].title);
		CHECK(got == cases[i].job);
		if (got != cases[i].job)
			fprintf(stderr, "  '%s': got %d\n", cases[i].title, got);
	}
}

void test_infer(void)
{
	RUN(test_infer_page_words);
	RUN(test_infer_job_titles);
}
