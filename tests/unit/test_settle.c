/* test_settle.c: the settle loop (settle.h) on made-up parts: a "contents"
 * whose length depends on the page of a destination in the part after it,
 * and that part, laid out once; an "index" after the chapters whose
 * destination the chapters make when they are paginated. */
#include "test.h"

#include "box.h"
#include "settle.h"
#include "style.h"

#include <string.h>

static struct pg_opts opts(int duplex)
{
	struct pg_opts o = { style_page(PAPER_A4), duplex, "Book", NULL };
	return o;
}

/* n pages, the first opening a chapter and holding destination key (or none). */
static void add_pages(struct vlist *vl, int n, const char *key, struct dl_item *dest)
{
	vlist_add(vl, VN_CHAPTER)->str = "Part";
	for (int i = 0; i < n; i++) {
		if (i)
			vlist_add(vl, VN_PENALTY)->penalty = -PEN_INF;
		struct vnode *v = vlist_add(vl, VN_BOX);
		v->h = PT(20);
		if (i == 0 && key) {
			memset(dest, 0, sizeof(*dest));
			dest->kind = DL_DEST;
			dest->str = key;
			v->items = dest;
			v->n = 1;
		}
	}
}

/* The "contents": one page while it knows no page of "#target", then
 * `grown` pages; it remembers the number it printed. */
struct toc {
	int grown;
	int seen;            /* the folio of #target at the last layout, or 0 */
	struct dl_item dest;
};

static void toc_layout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct toc *t = ctx;
	int f = 0;
	vlist_done(vl);
	t->seen = strmap_get(folios, "#target", &f) ? f : 0;
	add_pages(vl, t->seen ? t->grown : 1, "#toc", &t->dest);
}

/* A part before the chapters grows by two pages: the chapters' numbers
 * follow, the contents print the final one, and the chapters are
 * paginated once. */
static void fixed_part_paginated_once(void)
{
	struct pg_opts o = opts(0);
	struct toc t = { .grown = 3 };
	struct vlist tv = { 0 }, cv = { 0 };
	struct dl_item cdest;
	add_pages(&cv, 4, "#target", &cdest);
	struct settle_part p[2];
	memset(p, 0, sizeof(p));
	p[0] = (struct settle_part){ .layout = toc_layout, .ctx = &t, .vl = &tv, .po = &o };
	p[1] = (struct settle_part){ .vl = &cv, .po = &o, .stats = 1 };
	struct strmap *folios = strmap_new();
	int passes = settle_run(p, 2, 1, folios, NULL);
	int f = 0;
	CHECK(strmap_get(folios, "#target", &f));
	CHECK_EQ(f, 4);
	CHECK_EQ(t.seen, 4);            /* the contents print the settled number */
	CHECK_EQ(p[0].pages.n, 3);
	CHECK_EQ(p[1].folio, 4);
	CHECK_EQ(p[1].pages.v[3].folio, 7);
	CHECK_EQ(p[1].paginated, 1);    /* renumbered, not broken again */
	CHECK(passes >= 2 && passes <= SETTLE_MAX_PASSES);
	struct pages all = { 0 };
	settle_take(p, 2, &all);
	CHECK_EQ(all.n, 7);
	for (int i = 0; i < all.n; i++)
		CHECK_EQ(all.v[i].folio, i + 1);
	pages_done(&all);
	settle_done(p, 2);
	strmap_free(folios);
	vlist_done(&tv);
	vlist_done(&cv);
}

/* In duplex a shift by an odd number of pages moves the chapters to the
 * other side: paginated again, unless they begin on a right-hand page
 * anyway (a blank before them keeps the shift even). */
static void duplex_odd_shift(void)
{
	struct pg_opts o = opts(1);
	for (int odd = 0; odd < 2; odd++) {
		struct toc t = { .grown = 3 };
		struct vlist tv = { 0 }, cv = { 0 };
		struct dl_item cdest;
		add_pages(&cv, 2, "#target", &cdest);
		struct settle_part p[2];
		memset(p, 0, sizeof(p));
		p[0] = (struct settle_part){ .layout = toc_layout, .ctx = &t, .vl = &tv, .po = &o };
		p[1] = (struct settle_part){ .vl = &cv, .po = &o, .odd = odd };
		struct strmap *folios = strmap_new();
		settle_run(p, 2, 1, folios, NULL);
		CHECK_EQ(p[1].blank, odd);
		CHECK_EQ(p[1].folio, odd ? 5 : 4); /* contents i-iii, (a blank 4,) the chapters */
		CHECK_EQ(t.seen, p[1].folio);
		CHECK_EQ(p[1].paginated, odd ? 1 : 2);
		struct pages all = { 0 };
		settle_take(p, 2, &all);
		CHECK_EQ(all.n, odd ? 6 : 5);
		CHECK(!odd || (all.v[3].blank && all.v[3].folio == 4));
		pages_done(&all);
		settle_done(p, 2);
		strmap_free(folios);
		vlist_done(&tv);
		vlist_done(&cv);
	}
}

/* Roman pages give negative numbers; a part cut from a list keeps its
 * table rows' header. */
static void collect_and_cut(void)
{
	struct pages p = { 0 };
	struct page *pg = pages_add(&p);
	pg->folio = 3;
	pg->roman = 1;
	struct dl_item *d = page_add(pg);
	d->kind = DL_DEST;
	d->str = "#front";
	struct strmap *m = strmap_new();
	settle_collect(&p, 0, p.n, m);
	int f = 0;
	CHECK(strmap_get(m, "#front", &f) && f == -3);
	strmap_free(m);
	pages_done(&p);

	struct vlist vl = { 0 }, out = { 0 };
	vlist_add(&vl, VN_BOX);
	vlist_add(&vl, VN_BOX);
	vlist_add(&vl, VN_BOX)->flags = VN_TABLE_HEAD;
	vlist_add(&vl, VN_BOX)->head = 2;
	vlist_add(&out, VN_CHAPTER);
	settle_cut(&vl, 2, &out);
	CHECK_EQ(vl.n, 2);
	CHECK_EQ(out.n, 3);
	CHECK_EQ(out.v[2].head, 1);
	CHECK_EQ(out.v[1].head, -1);
	vlist_done(&vl);
	vlist_done(&out);
}

/* The chapters' marks (the index's terms) become a destination when they
 * are broken into pages, before the loop collects: the index after them
 * prints their settled number, and begins on a right-hand page in duplex. */
struct marker {
	int calls; /* times the chapters were broken into pages */
	int seen;  /* the folio of #marked at the index's last layout, or 0 */
};

static void mark_paged(void *ctx, struct pages *pg)
{
	struct marker *m = ctx;
	m->calls++;
	struct dl_item *d = page_add(&pg->v[pg->n - 1]);
	memset(d, 0, sizeof(*d));
	d->kind = DL_DEST;
	d->str = "#marked";
}

static void index_like_layout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct marker *m = ctx;
	int f = 0;
	vlist_done(vl);
	m->seen = strmap_get(folios, "#marked", &f) ? f : 0;
	add_pages(vl, 1, NULL, NULL);
}

static void marks_paged_then_read(void)
{
	for (int duplex = 0; duplex < 2; duplex++) {
		struct pg_opts o = opts(duplex);
		struct toc t = { .grown = 3 };
		struct marker m = { 0 };
		struct vlist tv = { 0 }, cv = { 0 }, iv = { 0 };
		struct dl_item cdest;
		add_pages(&cv, 3, "#target", &cdest);
		struct settle_part p[3];
		memset(p, 0, sizeof(p));
		p[0] = (struct settle_part){ .layout = toc_layout, .ctx = &t, .vl = &tv, .po = &o };
		p[1] = (struct settle_part){ .paged = mark_paged, .ctx = &m, .vl = &cv, .po = &o, .odd = 1 };
		p[2] = (struct settle_part){ .layout = index_like_layout, .ctx = &m, .vl = &iv, .po = &o, .odd = 1 };
		struct strmap *folios = strmap_new();
		settle_run(p, 3, 1, folios, NULL);
		/* simplex: contents 1-3, chapters 4-6, index 7; duplex: contents
		 * 1-3, a blank 4, chapters 5-7, a blank 8, index 9 */
		CHECK_EQ(m.calls, 1);
		CHECK_EQ(m.seen, duplex ? 7 : 6);
		CHECK_EQ(p[2].blank, duplex);
		CHECK_EQ(p[2].folio, duplex ? 9 : 7);
		settle_done(p, 3);
		strmap_free(folios);
		vlist_done(&tv);
		vlist_done(&cv);
		vlist_done(&iv);
	}
}

void test_settle(void)
{
	RUN(marks_paged_then_read);
	RUN(fixed_part_paginated_once);
	RUN(duplex_odd_shift);
	RUN(collect_and_cut);
}
