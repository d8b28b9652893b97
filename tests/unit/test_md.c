/* test_md.c: md_bound, the pass that keeps cmark-gfm's work in proportion
 * to its input: what it leaves alone and what it escapes. */
#include "test.h"
#include "../../src/diagnostics.h"
#include "../../src/md.h"
#include "../../src/util.h"

#include <stdlib.h>
#include <string.h>

/* md_bound over s; returns the result (malloc'd) and the warnings made. */
static char *bound(const char *s, int *nwarn)
{
	struct diags d;
	diags_init(&d);
	char *t = xstrdup(s);
	size_t n = strlen(t);
	md_bound(&t, &n, "t.md", &d);
	CHECK_EQ(strlen(t), n);
	*nwarn = d.n;
	diags_done(&d);
	return t;
}

static char *repeat(const char *head, const char *s, int k, const char *tail)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, head);
	for (int i = 0; i < k; i++)
		buf_adds(&b, s);
	buf_adds(&b, tail);
	return buf_detach(&b);
}

static int count(const char *s, const char *what)
{
	int k = 0;
	for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
		k++;
	return k;
}

/* Ordinary Markdown, references, tables, comments and images included,
 * passes byte for byte and without a warning. */
static void test_bound_ordinary(void)
{
	static const char *const cases[] = {
		"# L1: Title\n\nSome [link][a] and [again][a] and ![img](x.png).\n\n[a]: https://example.com/x\n",
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n",
		"Text <!-- index: term --> more <![CDATA[ x ]]> and <?php x ?>.\n",
		"- item \"quoted\" and [x](y)\n- item ![a](b.png)\n",
		"",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int w;
		char *t = bound(cases[i], &w);
		CHECK(!strcmp(t, cases[i]));
		CHECK_EQ(w, 0);
		free(t);
	}
}

/* A reference whose target is copied past the budget becomes text from
 * there on; the first uses stay links. */
static void test_bound_refs(void)
{
	char *url = repeat("[a]: http://e.com/", "x", 2000, "\n\n");
	char *s = repeat(url, "[a] ", 400, "\n");
	int w;
	char *t = bound(s, &w);
	CHECK_EQ(w, 1);
	CHECK(!strncmp(t + strlen(url), "[a] [a] ", 8));
	CHECK(count(t, "\\[a]") > 300);
	CHECK_EQ(count(t, "[a]:"), 1); /* the definition itself is kept */
	free(t);
	free(s);
	free(url);
	/* labels match as cmark folds them: "[SS]" uses "[ß]" */
	url = repeat("[\xC3\x9F]: http://e.com/", "x", 2000, "\n\n");
	s = repeat(url, "[SS] ", 400, "\n");
	t = bound(s, &w);
	CHECK_EQ(w, 1);
	CHECK(count(t, "\\[SS]") > 300);
	free(t);
	free(s);
	free(url);
}

/* A row past MD_MAX_CELLS keeps 128 cells, the rest as text in the last;
 * its delimiter row is cut at the same place so it stays a table. */
static void test_bound_cells(void)
{
	char *head = repeat("", "|x", 300, "|\n");
	char *delim = repeat("", "|-", 300, "|\n");
	struct buf b;
	buf_init(&b);
	buf_adds(&b, head);
	buf_adds(&b, delim);
	buf_cstr(&b);
	int w;
	char *t = bound(b.data, &w);
	CHECK_EQ(w, 1);
	char *nl = strchr(t, '\n');
	int plain = 0;
	for (char *p = t; p < nl; p++)
		plain += *p == '|' && (p == t || p[-1] != '\\');
	CHECK_EQ(plain, 128);
	CHECK_EQ(count(t, "\\|"), 300 + 1 - 128);
	CHECK_EQ(strlen(nl + 1), 128 * 2 + 1); /* "|-" 128 times, then the cell before the cut */
	cmark_node *root = md_parse(t, strlen(t));
	CHECK(md_is(cmark_node_first_child(root), "table"));
	cmark_node_free(root);
	free(t);
	buf_done(&b);
	free(delim);
	free(head);
	/* "\\|" is an escaped backslash and a real cell separator */
	char *bs = repeat("", "\\\\|x", 300, "\n");
	t = bound(bs, &w);
	CHECK_EQ(w, 1);
	CHECK_EQ(count(t, "\\\\\\|"), 300 - 128);
	free(t);
	free(bs);
}

/* HTML openers that could make cmark rescan the paragraph past the budget
 * are escaped, a closer after another paragraph's start not counting;
 * openers closed nearby, or a few, are left. */
static void test_bound_html(void)
{
	struct { const char *unit, *tail; int k, escaped; } cases[] = {
		{ "a<![CDATA[", "\n", 200, 1 },
		{ "a<![CDATA[", "\n", 20, 0 },
		{ "a<![CDATA[", "]]>\n", 200, 1 }, /* which ones cmark skips is not known here */
		{ "a<![CDATA[ x ]]>", "\n", 200, 0 },
		{ "a<![CDATA[", "\n***\n]]>\n", 200, 1 }, /* the closer is in another paragraph */
		{ "a<?", "\n", 200, 1 },
		{ "a<!A ", "\n", 200, 1 },
		{ "a<!-- index: x -->", "\n", 200, 0 },
		{ "a<![CDATA[\n\n", "", 200, 0 }, /* one per paragraph */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *s = repeat("", cases[i].unit, cases[i].k, cases[i].tail);
		int w;
		char *t = bound(s, &w);
		if (cases[i].escaped)
			CHECK(count(t, "\\<") > cases[i].k / 2);
		else
			CHECK_EQ(count(t, "\\<"), 0);
		CHECK_EQ(w, cases[i].escaped);
		if (w != cases[i].escaped)
			fprintf(stderr, "  html case %zu\n", i);
		free(t);
		free(s);
	}
}

/* Image openers past MD_MAX_IMAGES in one paragraph lose their bracket;
 * paragraphs are told apart by blank lines, bullets, "1." and headings,
 * never by lines that may continue a paragraph ("2."). */
static void test_bound_images(void)
{
	struct { const char *unit; int k, escaped; } cases[] = {
		{ "![[]()", 300, 44 },
		{ "![a](b.png)\n\n", 300, 0 },
		{ "- ![a](b.png)\n", 300, 0 },
		{ "1. ![a](b.png)\n", 300, 0 },
		{ "# ![a](b.png)\n", 300, 0 },
		{ "2. ![a](b.png)\n", 300, 44 },
		{ "    - ![a](b.png)\n", 300, 44 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *s = repeat("", cases[i].unit, cases[i].k, "\n");
		int w;
		char *t = bound(s, &w);
		CHECK_EQ(count(t, "!\\["), cases[i].escaped);
		free(t);
		free(s);
	}
}

void test_md(void)
{
	RUN(test_bound_ordinary);
	RUN(test_bound_refs);
	RUN(test_bound_cells);
	RUN(test_bound_html);
	RUN(test_bound_images);
}
