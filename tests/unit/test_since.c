/* test_since.c: the --since comparison rules (since.h), table-driven: an
 * old and a new level file in memory, and the kinds of change expected in
 * document order, the removed ones where they are summarised. */
#include "test.h"

#include "content.h"
#include "history.h"
#include "md.h"
#include "model.h"
#include "since.h"
#include "util.h"

#include <string.h>

static const char readme[] = "# Roles\n\n- [L1: One](L1-One.md)\n";

struct since_case {
	const char *name;
	const char *old_name;  /* the level file at REV */
	const char *old_text;
	const char *new_text;  /* L1-One.md now */
	const char *expect;    /* each entry's kind letter: A added, C changed, M moved, R removed,
	                        * N new role, X removed role; "" none */
};

static const struct since_case cases[] = {
	{ "unchanged", "L1-One.md", "# L1: One\n\n## Skills\n\nA paragraph here.\n",
	  "# L1: One\n\n## Skills\n\nA paragraph here.\n", "" },
	{ "reflowed and repunctuated", "L1-One.md",
	  "# L1: One\n\n## Skills\n\nYou write scripts, test them, and share them.\n\n- \"quoted\" item -- dash\n",
	  "# L1: One\n\n## Skills\n\nYou write scripts\ntest them and share them\n\n- \xE2\x80\x9Cquoted\xE2\x80\x9D "
	  "item \xE2\x80\x94 dash.\n",
	  "" },
	{ "bold only", "L1-One.md", "# L1: One\n\nYou write scripts.\n", "# L1: One\n\nYou **write** scripts.\n", "" },
	{ "a letter is a change", "L1-One.md", "# L1: One\n\nYou write four scripts a day.\n",
	  "# L1: One\n\nYou write five scripts a day.\n", "C" },
	{ "case is a change", "L1-One.md", "# L1: One\n\nYou write scripts every day.\n",
	  "# L1: One\n\nYou write Scripts every day.\n", "C" },
	{ "list reordered", "L1-One.md", "# L1: One\n\n- alpha one\n- beta two\n- gamma three\n",
	  "# L1: One\n\n- beta two\n- gamma three\n- alpha one\n", "M" },
	{ "added and removed", "L1-One.md", "# L1: One\n\n- alpha one\n- beta two\n",
	  "# L1: One\n\n- alpha one\n- totally different words here\n", "RA" },
	{ "table row changed", "L1-One.md", "# L1: One\n\n| a | b |\n|---|---|\n| one | two three |\n",
	  "# L1: One\n\n| a | b |\n|---|---|\n| one | two four |\n", "C" },
	{ "moved to another section", "L1-One.md",
	  "# L1: One\n\n## First\n\nA wandering paragraph.\n\n## Second\n\nStays here.\n",
	  "# L1: One\n\n## First\n\n## Second\n\nStays here.\n\nA wandering paragraph.\n", "M" },
	{ "renamed heading keeps its section", "L1-One.md",
	  "# L1: One\n\n## Team work skills\n\nA paragraph under it.\n",
	  "# L1: One\n\n## Team work abilities\n\nA paragraph under it.\n", "C" },
	{ "renamed file followed", "L1-Old-Name.md", "# L1: One\n\nFirst.\n\nSecond.\n\nThird.\n",
	  "# L1: One\n\nFirst.\n\nSecond.\n\nThird.\n\nFourth.\n", "A" },
	{ "new role", "L9-Other.md", "# L9: Other\n\nNothing alike.\n", "# L1: One\n\nFirst.\n", "NAAX" },
};

static void run_case(const struct since_case *k)
{
	struct content c;
	struct diags d;
	struct model bk;
	diags_init(&d);
	content_init(&c, ".");
	content_add_text(&c, "README.md", readme, strlen(readme), &d);
	content_add_text(&c, "L1-One.md", k->new_text, strlen(k->new_text), &d);
	model_build(&bk, &c, NULL, NULL, &d);
	struct history *h = history_new("v1");
	history_add(h, "README.md", readme, strlen(readme));
	history_add(h, k->old_name, k->old_text, strlen(k->old_text));
	struct since *s = since_new(h, &c, &bk);
	char got[64];
	int n = 0;
	for (int i = 0; i < since_count(s) && n < 63; i++)
		got[n++] = "SACMRNX"[since_entry(s, i)->kind];
	got[n] = 0;
	if (strcmp(got, k->expect)) {
		fprintf(stderr, "since case '%s': got \"%s\", expected \"%s\"\n", k->name, got, k->expect);
		CHECK(0);
	}
	since_free(s);
	history_free(h);
	model_done(&bk);
	content_done(&c);
	diags_done(&d);
}

static void test_since_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

static void test_since_key(void)
{
	struct buf b;
	buf_init(&b);
	static const char in[] = "It\xE2\x80\x99s  a \xE2\x80\x9Ctest\xE2\x80\x9D\xC2\xA0\xE2\x80\x94 ok!";
	since_key(in, strlen(in), &b);
	CHECK(!strcmp(b.data, "Itsatestok"));
	buf_done(&b);
}

/* A removed block's note follows the block before it, and the changed
 * block's entry names its section. */
static void test_since_anchor(void)
{
	static const char o[] = "# L1: One\n\n## Skills\n\nKeep me.\n\nDrop me now.\n\nLast one.\n";
	static const char n[] = "# L1: One\n\n## Skills\n\nKeep me.\n\nLast one.\n";
	struct content c;
	struct diags d;
	struct model bk;
	diags_init(&d);
	content_init(&c, ".");
	content_add_text(&c, "README.md", readme, strlen(readme), &d);
	content_add_text(&c, "L1-One.md", n, strlen(n), &d);
	model_build(&bk, &c, NULL, NULL, &d);
	struct history *h = history_new("v1");
	history_add(h, "L1-One.md", o, strlen(o));
	history_add(h, "README.md", readme, strlen(readme));
	struct since *s = since_new(h, &c, &bk);
	CHECK_EQ(since_count(s), 1);
	const struct since_entry *e = since_entry(s, 0);
	CHECK_EQ(e->kind, SINCE_REMOVED);
	CHECK(e->section && !strcmp(e->section, "Skills"));
	CHECK(e->anchor != NULL);
	int first = -1;
	CHECK_EQ(since_removed_after(s, e->anchor, &first), 1);
	CHECK_EQ(first, 0);
	/* the anchor is the paragraph "Keep me." */
	struct buf t;
	buf_init(&t);
	md_text(e->anchor, &t);
	CHECK(t.data && !strcmp(buf_cstr(&t), "Keep me."));
	buf_done(&t);
	CHECK(since_chapter_changed(s, 1));
	CHECK(!since_chapter_changed(s, 0));
	since_free(s);
	history_free(h);
	model_done(&bk);
	content_done(&c);
	diags_done(&d);
}

void test_since(void)
{
	RUN(test_since_key);
	RUN(test_since_cases);
	RUN(test_since_anchor);
}
