/* test_indexmark.c: index terms marked as a paragraph is set (index_mark),
 * then turned into destinations by index_collect once the lines are on
 * pages. */
#include "test.h"

#include "index.h"
#include "paragraph.h"
#include "style.h"

#include <string.h>

static struct dl_item word(fx x, const char *s, int flags)
{
	struct dl_item it = { 0 };
	it.kind = DL_TEXT;
	it.x = x;
	it.y = PT(8);
	it.w = (fx)strlen(s) * PT(5);
	it.size = PT(10);
	it.str = s;
	it.len = (int)strlen(s);
	it.flags = (uint8_t)flags;
	return it;
}

static int marks(const struct pline *l, int term)
{
	int n = 0;
	for (int i = 0; i < l->n; i++)
		n += l->items[i].kind == DL_DEST && (l->items[i].flags & DLF_INDEX) && l->items[i].len == term;
	return n;
}

/* A word hyphenated at a line end is found whole, on the line where it
 * begins; text that is not body text (inline code) is not searched and
 * breaks a term; the marks become one destination per entry and page. */
static void paragraph_marked_as_set(void)
{
	struct diags d;
	diags_init(&d);
	const char *terms = "troubleshooting\nticket\non call\n";
	struct book_index *ix = index_new("terms", terms, strlen(terms), &d);
	struct dl_item l0[] = { word(0, "When", DLF_INDEX), word(PT(30), "trou-", DLF_INDEX | DLF_HYPHEN) };
	struct dl_item l1[] = { word(0, "bleshooting", DLF_INDEX), word(PT(70), "a", DLF_INDEX),
		                    word(PT(80), "ticket,", DLF_INDEX), word(PT(130), "on", DLF_INDEX),
		                    word(PT(145), "call", 0) };
	struct pline lines[2] = { { PT(12), l0, 2 }, { PT(12), l1, 5 } };
	struct arena *a = arena_new();
	index_mark(ix, a, lines, 2);
	CHECK_EQ(lines[0].n, 3);
	CHECK_EQ(marks(&lines[0], 0), 1);          /* troubleshooting, where "trou-" is */
	CHECK_EQ(lines[0].items[2].x, PT(30));
	CHECK_EQ(lines[0].items[2].y, PT(8) - PT(10));
	CHECK_EQ(lines[1].n, 6);
	CHECK_EQ(marks(&lines[1], 1), 1);          /* ticket */
	CHECK_EQ(marks(&lines[1], 2), 0);          /* "on" + code "call": no */
	CHECK(lines[0].items != l0);               /* the caller's items untouched */

	/* on a page, twice: one destination, the marks gone */
	struct pages p = { 0 };
	struct page *pg = pages_add(&p);
	pg->folio = 9;
	for (int r = 0; r < 2; r++)
		for (int li = 0; li < 2; li++)
			for (int k = 0; k < lines[li].n; k++)
				*page_add(pg) = lines[li].items[k];
	index_collect(ix, NULL, &p, 0, p.n, &d);
	int dests = 0, left = 0;
	for (int k = 0; k < pg->n; k++) {
		dests += pg->items[k].kind == DL_DEST && !strncmp(pg->items[k].str, "idx:", 4);
		left += pg->items[k].kind == DL_DEST && (pg->items[k].flags & DLF_INDEX);
	}
	CHECK_EQ(dests, 2);
	CHECK_EQ(left, 0);
	struct buf b;
	buf_init(&b);
	CHECK(index_pages(ix, "troubleshooting", NULL, &b) == 0 && !strcmp(buf_cstr(&b), "9"));
	buf_done(&b);
	CHECK_EQ(d.n, 1); /* "on call" never occurs */
	pages_done(&p);
	arena_free(a);
	index_free(ix);
	diags_done(&d);
}

/* The index prints the numbers of the settle loop's folio map (index_resolve),
 * not those of the pages when they were collected; pages broken again are
 * collected again without doubling an entry's pages or a warning. */
static void numbers_from_folio_map(void)
{
	struct diags d;
	diags_init(&d);
	const char *terms = "ticket\nnever\n";
	struct book_index *ix = index_new("terms", terms, strlen(terms), &d);
	struct dl_item l0[] = { word(0, "a", DLF_INDEX), word(PT(20), "ticket", DLF_INDEX) };
	struct pline line = { PT(12), l0, 2 };
	struct arena *a = arena_new();
	index_mark(ix, a, &line, 1);
	struct buf b;
	buf_init(&b);
	for (int round = 0; round < 2; round++) {
		struct pages p = { 0 };
		for (int i = 0; i < 2; i++) {
			struct page *pg = pages_add(&p);
			pg->folio = 3 + 2 * i;
			for (int k = 0; k < line.n; k++)
				*page_add(pg) = line.items[k];
		}
		index_collect(ix, NULL, &p, 0, p.n, &d);
		b.len = 0;
		CHECK(index_pages(ix, "ticket", NULL, &b) == 0 && !strcmp(buf_cstr(&b), "3, 5"));
		pages_done(&p);
	}
	CHECK_EQ(d.n, 1); /* "never", once */
	struct strmap *folios = strmap_new();
	strmap_put(folios, "idx:0", 12);
	strmap_put(folios, "idx:1", 14);
	index_resolve(ix, folios);
	b.len = 0;
	CHECK(index_pages(ix, "ticket", NULL, &b) == 0 && !strcmp(buf_cstr(&b), "12, 14"));
	strmap_free(folios);
	buf_done(&b);
	arena_free(a);
	index_free(ix);
	diags_done(&d);
}

/* Without an index (every edition but the handbook) nothing is marked. */
static void no_index_no_marks(void)
{
	struct dl_item l0[] = { word(0, "ticket", DLF_INDEX) };
	struct pline l = { PT(12), l0, 1 };
	index_mark(NULL, NULL, &l, 1);
	CHECK_EQ(l.n, 1);
	CHECK(l.items == l0);
}

void test_indexmark(void)
{
	RUN(paragraph_marked_as_set);
	RUN(no_index_no_marks);
	RUN(numbers_from_folio_map);
}
