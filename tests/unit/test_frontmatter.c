/* test_frontmatter.c: which front-matter keys are read, and which unknown
 * keys are warned about (frontmatter.c): a slip for one of ours is, another
 * tool's key is not. */
#include "test.h"
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

/* Reads text as a file's front matter; returns the warnings' count and
 * leaves the first's text in first (or ""). */
static int warnings_of(const char *text, struct front_matter *fm, char *first, size_t n)
{
	struct diags d;
	diags_init(&d);
	char *copy = strdup(text);
	memset(fm, 0, sizeof(*fm));
	fm_read(copy, strlen(copy), "a.md", fm, &d);
	snprintf(first, n, "%s", d.n ? d.v[0].text : "");
	int w = d.warnings;
	diags_done(&d);
	free(copy);
	return w;
}

static void test_frontmatter_slips(void)
{
	static const struct {
		const char *key;
		const char *meant; /* NULL: another tool's key, no warning */
	} cases[] = {
		{ "Title", "title" }, { "titel", "title" }, { "levels", "level" }, { "lvl", "level" },
		{ "trak", "track" }, { "tracks", "track" }, { "sumary", "summary" }, { "roles", "role" },
		{ "owner", NULL }, { "it_kv", NULL }, { "counterpart", NULL }, { "confluence-page-id", NULL },
		{ "grade", NULL }, { "type", NULL }, { "name", NULL }, { "note", NULL }, { "subtitle", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[128], first[256], want[128];
		snprintf(text, sizeof(text), "---\nlevel: 2\n%s: x\n---\n# A\n", cases[i].key);
		struct front_matter fm;
		int w = warnings_of(text, &fm, first, sizeof(first));
		CHECK(fm.v[FM_LEVEL] && !strcmp(fm.v[FM_LEVEL], "2"));
		if (cases[i].meant) {
			snprintf(want, sizeof(want), "unknown key '%s' is ignored (did you mean '%s'?)", cases[i].key,
			         cases[i].meant);
			CHECK_EQ(w, 1);
			CHECK(strstr(first, want) != NULL);
		} else {
			CHECK_EQ(w, 0);
		}
		if ((w != 0) != (cases[i].meant != NULL))
			fprintf(stderr, "  key '%s': %d warnings, first '%s'\n", cases[i].key, w, first);
		fm_done(&fm);
	}
}

/* A site's place for the page, read from the keys sites order pages by;
 * a value that is no number is none. */
static void test_frontmatter_order(void)
{
	static const struct {
		const char *line;
		int has;
		double order;
	} cases[] = {
		{ "sidebar_position: 3", 1, 3 }, { "nav_order: 2.5", 1, 2.5 }, { "weight: -10", 1, -10 },
		{ "order: 7", 1, 7 }, { "weight: heavy", 0, 0 }, { "position: 4", 0, 0 }, { "order: nan", 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[128], first[256];
		snprintf(text, sizeof(text), "---\n%s\n---\n# A\n", cases[i].line);
		struct front_matter fm;
		CHECK_EQ(warnings_of(text, &fm, first, sizeof(first)), 0);
		CHECK_EQ(fm.has_order, cases[i].has);
		CHECK(!cases[i].has || fm.order == cases[i].order);
		fm_done(&fm);
	}
}

/* The progression-framework template's topics are kept as a tree, and its
 * `levels:` beside them is no slip for `level`. */
static void test_frontmatter_topics(void)
{
	struct front_matter fm;
	char first[256];
	CHECK_EQ(warnings_of("---\nlevels: 2\ntopics:\n  - name: a\n    content:\n      - level: 1\n---\n", &fm,
	                     first, sizeof(first)),
	         0);
	CHECK(fm.topics != NULL);
	fm_done(&fm);
	CHECK_EQ(warnings_of("---\nlevels: 2\n---\n", &fm, first, sizeof(first)), 1);
	CHECK(fm.topics == NULL);
	fm_done(&fm);
}

/* An alias is an empty value: the keys after it keep their values. */
static void test_frontmatter_alias(void)
{
	struct front_matter fm;
	char first[256];
	warnings_of("---\ntrack: &t Platform\nsummary: *t\nlevel: L3\ntitle: Engineer\n---\n", &fm, first,
	            sizeof(first));
	CHECK(fm.v[FM_LEVEL] && !strcmp(fm.v[FM_LEVEL], "L3"));
	CHECK(fm.v[FM_TITLE] && !strcmp(fm.v[FM_TITLE], "Engineer"));
	CHECK(fm.v[FM_TRACK] && !strcmp(fm.v[FM_TRACK], "Platform"));
	fm_done(&fm);
}

void test_frontmatter(void)
{
	RUN(test_frontmatter_alias);
	RUN(test_frontmatter_slips);
	RUN(test_frontmatter_order);
	RUN(test_frontmatter_topics);
}
