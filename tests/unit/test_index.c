/* test_index.c: the back-of-book index: page ranges, sort order, plural and
 * line-spanning matches on hand-built pages, markers, heading entries,
 * warnings naming the terms file's line, and the two-column layout. */
#include "test.h"

#include "box.h"
#include "font.h"
#include "index.h"
#include "paragraph.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SZ PT(10)                     /* text size of the hand-built pages */
#define LEAD STYLE_LEADING(PT(10))    /* their line pitch */

/* ---- helpers ---- */

static char *terms_file(const char *text)
{
	static char path[64];
	strcpy(path, "/tmp/test_index_XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	size_t n = strlen(text);
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

/* index_new over a file's bytes, as book.c reads it (none: no terms). */
static struct book_index *index_from(const char *path, struct diags *d)
{
	FILE *fp = path ? fopen(path, "rb") : NULL;
	if (!fp)
		return index_new(path, NULL, 0, d);
	static char text[1 << 16];
	size_t n = fread(text, 1, sizeof(text), fp);
	fclose(fp);
	return index_new(path, text, n, d);
}

static struct dl_item *text(struct page *pg, fx x, fx y, const char *s, int flags)
{
	struct dl_item *it = page_add(pg);
	it->kind = DL_TEXT;
	it->x = x;
	it->y = y;
	it->w = (fx)strlen(s) * PT(5);
	it->size = SZ;
	it->str = s;
	it->len = (int)strlen(s);
	it->flags = flags;
	return it;
}

/* Words of s (separated by single spaces) as one line of items at
 * baseline y, each followed by a 3 pt space.  Strings live in a static
 * pool so the items may point into them. */
static void line(struct page *pg, fx y, const char *s, int flags)
{
	static char pool[8192];
	static size_t used;
	size_t n = strlen(s);
	if (used + n + 1 > sizeof(pool))
		used = 0;
	char *w = memcpy(pool + used, s, n + 1);
	used += n + 1;
	fx x = PT(72);
	for (char *p = w; *p;) {
		char *e = strchr(p, ' ');
		if (e)
			*e = 0;
		struct dl_item *it = text(pg, x, y, p, flags);
		x += it->w + PT(3);
		if (!e)
			break;
		p = e + 1;
	}
}

/* The body as paragraphs would have been marked when set (index_mark):
 * here each page of pages [from, to) is one line of typeset text, its
 * items at their places on the page, so that the marks follow lines and
 * paragraph gaps as a page shows them. */
static void mark_pages(const struct book_index *ix, struct pages *p, int from, int to)
{
	struct arena *a = arena_new();
	for (int i = from; i < to; i++) {
		struct pline l = { 0, p->v[i].items, p->v[i].n };
		index_mark(ix, a, &l, 1);
		for (int k = p->v[i].n; k < l.n; k++)
			*page_add(&p->v[i]) = l.items[k];
	}
	arena_free(a);
}

static int count_dests(const struct page *pg, const char *prefix)
{
	int n = 0;
	for (int i = 0; i < pg->n; i++)
		if (pg->items[i].kind == DL_DEST && !strncmp(pg->items[i].str, prefix, strlen(prefix)))
			n++;
	return n;
}

static int has_warning(const struct diags *d, const char *path, int line, const char *word)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].file && !strcmp(d->v[i].file, path) && d->v[i].line == line &&
		    (!word || strstr(d->v[i].text, word)))
			return 1;
	return 0;
}

static int pages_are(const struct book_index *ix, const char *entry, const char *sub,
                     const char *want)
{
	struct buf b;
	buf_init(&b);
	int rc = index_pages(ix, entry, sub, &b);
	int ok = rc == 0 && !strcmp(buf_cstr(&b), want);
	if (!ok)
		fprintf(stderr, "  %s%s%s: got \"%s\" (rc %d), want \"%s\"\n", entry, sub ? " > " : "",
		        sub ? sub : "", rc == 0 ? b.data : "", rc, want);
	buf_done(&b);
	return ok;
}

/* ---- building blocks ---- */

static void ranges_merge(void)
{
	static const struct {
		int v[8];
		int n;
		const char *want;
		int nr;
	} cases[] = {
		{ { 3, 4, 5, 7 }, 4, "3\xE2\x80\x93" "5, 7", 2 },
		{ { 7, 5, 3, 4, 4 }, 5, "3\xE2\x80\x93" "5, 7", 2 },
		{ { 12, 13, 14 }, 3, "12\xE2\x80\x93" "14", 1 },
		{ { 9 }, 1, "9", 1 },
		{ { 1, 3, 5 }, 3, "1, 3, 5", 3 },
		{ { 2, 3, 9, 10, 11, 20 }, 6, "2\xE2\x80\x93" "3, 9\xE2\x80\x93" "11, 20", 3 },
		{ { 0 }, 0, "", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b;
		buf_init(&b);
		int nr = index_ranges(cases[i].v, cases[i].n, &b);
		CHECK_EQ(nr, cases[i].nr);
		CHECK(!strcmp(buf_cstr(&b), cases[i].want));
		buf_done(&b);
	}
}

static void fold_drops_case_and_accents(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\xC3\x89" "clair", "eclair" },                  /* Éclair */
		{ "Stra\xC3\x9F" "e", "strasse" },                 /* Straße */
		{ "\xC5\x92" "uvre \xC5\x81\xC3\xB3" "d\xC5\xBA", "oeuvre lodz" }, /* Œuvre Łódź */
		{ "team\xE2\x80\x99s", "team's" },                 /* typographic apostrophe */
		{ "SLA", "sla" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b;
		buf_init(&b);
		index_fold(cases[i].in, strlen(cases[i].in), &b);
		CHECK(!strcmp(buf_cstr(&b), cases[i].want));
		buf_done(&b);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return index_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_ignores_case_and_accents(void)
{
	const char *v[] = { "Zeta", "\xC3\xA9" "clair", "alpha", "Eclipse", "eclair",
		                "eclat", "\xC3\x89" "cu", "Beta", "ecla", "on-call", "on call", "oncall" };
	const char *want[] = { "alpha", "Beta", "ecla", "eclair", "\xC3\xA9" "clair", "eclat",
		                   "Eclipse", "\xC3\x89" "cu", "on call", "on-call", "oncall", "Zeta" };
	size_t n = sizeof(v) / sizeof(v[0]);
	qsort(v, n, sizeof(v[0]), cmp_str);
	for (size_t i = 0; i < n; i++) {
		CHECK(!strcmp(v[i], want[i]));
		if (strcmp(v[i], want[i]))
			fprintf(stderr, "  sort[%zu]: %s, want %s\n", i, v[i], want[i]);
	}
	CHECK(index_cmp("Zeta", "alpha") > 0);
	CHECK(index_cmp("\xC3\xA9" "clair", "eclair") > 0);  /* equal folds: a stable tie-break */
	CHECK(index_cmp("\xC3\xA9" "clair", "eclat") < 0);
	CHECK(index_cmp("\xE2\x80\x9C" "Quoted\xE2\x80\x9D", "queue") > 0); /* leading quote ignored */
	CHECK_EQ(index_cmp("same", "same"), 0);
}

/* ---- collecting from pages ---- */

static const char terms[] =
	"# Index terms\n"                            /* 1 */
	"\n"                                         /* 2 */
	"runbook|playbook\n"                         /* 3 */
	"post-incident review\n"                     /* 4 */
	"customer satisfaction | CSAT\n"             /* 5 */
	"|orphan alias\n"                            /* 6: no name */
	"priority\n"                                 /* 7 */
	"never mentioned\n"                          /* 8: never occurs */
	"troubleshooting\n"                          /* 9 */
	"   # an indented comment\n"                 /* 10 */
	"log\n"                                      /* 11: only inside "log-ical": never */
	"heading only\r\n"                           /* 12: only in non-index text */
	"deployment\n";                              /* 13 */

struct fixture {
	struct pages p;
	struct model bk;
	struct chapter ch[2];
	struct heading h[2];
};

/* Four body pages, folios 3, 4, 5 and 7. */
static void make_pages(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	int folios[] = { 3, 4, 5, 7 };
	for (int i = 0; i < 4; i++)
		pages_add(&f->p)->folio = folios[i];
	struct page *p0 = &f->p.v[0], *p1 = &f->p.v[1], *p2 = &f->p.v[2], *p3 = &f->p.v[3];
	fx y = PT(100);

	/* folio 3: a plural, a repeat, a term across a line-end hyphen */
	line(p0, y, "Heading only", 0); /* a heading: never searched */
	line(p0, y += 2 * LEAD, "Write Runbooks for every incident,", DLF_INDEX);
	line(p0, y += LEAD, "keep the runbook current, and hold a post-", DLF_INDEX);
	line(p0, y += LEAD, "incident review after each deployment.", DLF_INDEX);

	/* folio 4: a term across a line break, a hyphenated word, ies plural,
	 * a word split into two runs by a face change, a marker, a heading */
	line(p1, y = PT(100), "Measure customer", DLF_INDEX);
	line(p1, y += LEAD, "satisfaction and set priorities when trou-", DLF_INDEX);
	line(p1, y += LEAD, "bleshooting the log-", DLF_INDEX);
	line(p1, y += LEAD, "ical play", DLF_INDEX); /* "log-" + "ical" is not the term "log" */
	struct dl_item *a = text(p1, PT(72), y += LEAD, "run", DLF_INDEX);
	text(p1, a->x + a->w, y, "book", DLF_INDEX); /* "**run**book": no space between */
	struct dl_item *m = page_add(p1);
	m->kind = DL_DEST;
	m->str = "index:Escalation > severity";
	struct dl_item *h = page_add(p1);
	h->kind = DL_DEST;
	h->str = "L1.md#troubleshooting";

	/* folio 5: an alias */
	line(p2, y = PT(100), "Track CSAT and the runbook.", DLF_INDEX);

	/* folio 7: the entry's last page; a term split by a paragraph break,
	 * by inline code (not DLF_INDEX) and by table cells: no match */
	line(p3, y = PT(100), "A playbook.", DLF_INDEX);
	line(p3, y += 3 * LEAD, "Ask the customer", DLF_INDEX);
	line(p3, y += LEAD + STYLE_PARA_GAP, "satisfaction questions.", DLF_INDEX);
	line(p3, y += 2 * LEAD, "customer", DLF_INDEX);
	text(p3, PT(200), y, "code", 0);
	text(p3, PT(300), y, "satisfaction", DLF_INDEX);
	text(p3, PT(72), y += 2 * LEAD, "nothing", DLF_INDEX);
	text(p3, PT(72), y + LEAD, "customer", DLF_INDEX); /* a cell's last line */
	text(p3, PT(300), y, "satisfaction", DLF_INDEX);   /* the next cell: back up */
	m = page_add(p3);
	m->kind = DL_DEST;
	m->str = "index:Escalation > severity";
	m = page_add(p3);
	m->kind = DL_DEST;
	m->str = "index:Escalation";

	/* the book: README, one level with a level-2 heading on folio 4 */
	f->h[0] = (struct heading){ NULL, 1, "L1: Junior Engineer", "L1.md" };
	f->h[1] = (struct heading){ NULL, 2, "Troubleshooting", "L1.md#troubleshooting" };
	f->ch[1].role = "Junior Engineer";
	f->ch[1].title = "L1: Junior Engineer";
	f->ch[1].h = f->h;
	f->ch[1].nh = 2;
	f->bk.ch = f->ch;
	f->bk.n = 2;
}

static void collect_finds_terms(void)
{
	struct diags d;
	diags_init(&d);
	char *path = terms_file(terms);
	CHECK(path != NULL);
	if (!path)
		return;
	struct book_index *ix = index_from(path, &d);
	CHECK(has_warning(&d, path, 6, "no name"));
	int before = d.n;
	struct fixture f;
	make_pages(&f);
	mark_pages(ix, &f.p, 0, f.p.n);
	index_collect(ix, &f.bk, &f.p, 0, f.p.n, &d);

	CHECK(pages_are(ix, "runbook", NULL, "3\xE2\x80\x93" "5, 7"));
	CHECK(pages_are(ix, "Runbook", NULL, "3\xE2\x80\x93" "5, 7")); /* names fold */
	CHECK(pages_are(ix, "post-incident review", NULL, "3"));
	CHECK(pages_are(ix, "customer satisfaction", NULL, "4\xE2\x80\x93" "5")); /* 5: CSAT */
	CHECK(pages_are(ix, "priority", NULL, "4"));
	CHECK(pages_are(ix, "troubleshooting", NULL, "4"));
	CHECK(pages_are(ix, "Troubleshooting", "Junior Engineer", "4"));
	CHECK(pages_are(ix, "deployment", NULL, "3"));
	CHECK(pages_are(ix, "Escalation", "severity", "4, 7"));
	CHECK(pages_are(ix, "Escalation", NULL, "7"));
	CHECK(pages_are(ix, "log", NULL, ""));
	CHECK(index_pages(ix, "no such entry", NULL, &(struct buf){ 0 }) == -1);

	/* warnings: exactly the never-occurring lines, by line number */
	CHECK(has_warning(&d, path, 8, "never mentioned"));
	CHECK(has_warning(&d, path, 11, "log"));
	CHECK(has_warning(&d, path, 12, "heading only"));
	CHECK_EQ(d.n - before, 3);

	/* destinations: one per entry per page, at the occurrence */
	CHECK_EQ(count_dests(&f.p.v[0], "idx:"), 3); /* runbook, post-incident review, deployment */
	CHECK_EQ(count_dests(&f.p.v[1], "idx:"), 5); /* customer satisfaction, priority,
	                                               troubleshooting, runbook, the marker */
	CHECK_EQ(count_dests(&f.p.v[3], "idx:"), 3); /* runbook, two markers */
	for (int i = 0; i < f.p.n; i++)
		CHECK_EQ(count_dests(&f.p.v[i], "index:"), 0); /* markers renamed */
	const struct page *p0 = &f.p.v[0];
	const struct dl_item *runbooks = NULL, *dest = NULL;
	for (int i = 0; i < p0->n; i++) {
		if (p0->items[i].kind == DL_TEXT && !strcmp(p0->items[i].str, "Runbooks"))
			runbooks = &p0->items[i];
		if (p0->items[i].kind == DL_DEST && !dest)
			dest = &p0->items[i];
	}
	CHECK(runbooks && dest);
	if (runbooks && dest) {
		CHECK_EQ(dest->x, runbooks->x);
		CHECK_EQ(dest->y, runbooks->y - runbooks->size);
	}

	struct buf b;
	buf_init(&b);
	index_dump(ix, &b);
	CHECK(strstr(b.data, "Escalation, 7\n  severity, 4, 7\n") != NULL);
	/* the terms file names the entry; the heading joins it as a sub-entry */
	CHECK(strstr(b.data, "troubleshooting, 4\n  Junior Engineer, 4\n") != NULL);
	CHECK(!strstr(b.data, "never mentioned"));
	/* sorted: customer < deployment < escalation < post... < priority < runbook */
	const char *order[] = { "customer satisfaction", "deployment", "Escalation", "post-incident",
		                    "priority", "runbook", "troubleshooting" };
	const char *at = b.data;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *q = strstr(at, order[i]);
		CHECK(q != NULL);
		if (q)
			at = q;
	}
	buf_done(&b);
	CHECK_EQ(index_count(ix), 7);

	index_free(ix);
	pages_done(&f.p);
	unlink(path);
	diags_done(&d);
}

static void missing_terms_file_is_quiet(void)
{
	struct diags d;
	diags_init(&d);
	struct book_index *ix = index_from("/nonexistent/index-terms.txt", &d);
	CHECK_EQ(d.n, 0);
	struct fixture f;
	make_pages(&f);
	mark_pages(ix, &f.p, 0, f.p.n);
	index_collect(ix, NULL, &f.p, 0, f.p.n, &d);
	CHECK_EQ(d.n, 0);
	CHECK(pages_are(ix, "Escalation", "severity", "4, 7")); /* markers still count */
	CHECK_EQ(index_count(ix), 1);
	index_free(ix);
	pages_done(&f.p);
	diags_done(&d);
}

/* Only pages [from, to) are searched. */
static void collect_respects_range(void)
{
	struct diags d;
	diags_init(&d);
	char *path = terms_file("runbook\n");
	struct book_index *ix = index_from(path, &d);
	struct fixture f;
	make_pages(&f);
	mark_pages(ix, &f.p, 1, 3);
	index_collect(ix, NULL, &f.p, 1, 3, &d);
	CHECK(pages_are(ix, "runbook", NULL, "4\xE2\x80\x93" "5"));
	CHECK_EQ(count_dests(&f.p.v[0], "idx:"), 0);
	CHECK_EQ(d.n, 0);
	index_free(ix);
	pages_done(&f.p);
	unlink(path);
	diags_done(&d);
}

/* ---- layout ---- */

/* Lays ix out at width x height and checks the page boxes: each fits its
 * page (the first beside the title), every entry appears once, no letter
 * heading ends a column, and the last page's columns are balanced. */
static void check_layout(struct fonts *fonts, const struct book_index *ix, fx width, fx height,
                         int entries)
{
	struct diags d;
	diags_init(&d);
	struct arena *a = arena_new();
	struct lctx L = { .fonts = fonts, .arena = a, .d = &d };
	struct vlist vl = { 0 };
	index_layout(&L, ix, NULL, width, height, &vl);
	CHECK(vl.n > 4);
	CHECK_EQ(vl.v[0].kind, VN_CHAPTER);
	CHECK(vl.v[0].str && !strcmp(vl.v[0].str, "Index"));
	CHECK_EQ(d.n, 0);
	fx colw = (width - PT(18)) / 2;
	int links = 0, pages = 0, names = 0, bad_letter = 0;
	fx used = 0; /* title and the space under it */
	fx lb[2] = { 0, 0 };
	for (int i = 0; i < vl.n; i++) {
		const struct vnode *v = &vl.v[i];
		if (v->kind == VN_PENALTY && v->penalty <= -PEN_INF)
			CHECK(pages > 0 && i + 1 < vl.n && vl.v[i + 1].kind == VN_BOX);
		if (v->kind == VN_GLUE && !pages)
			used += v->h;
		if (v->kind != VN_BOX)
			continue;
		int is_cols = 0;
		for (int k = 0; k < v->n; k++)
			if (v->items[k].kind == DL_LINK)
				is_cols = 1;
		if (!is_cols) {
			CHECK(!pages); /* only the title precedes the columns */
			used += v->h;
			continue;
		}
		CHECK(v->h <= (pages ? height : height - used));
		pages++;
		fx bottom[2] = { -1, -1 };
		uint32_t bottom_rgb[2] = { 0, 0 };
		for (int k = 0; k < v->n; k++) {
			const struct dl_item *it = &v->items[k];
			if (it->kind == DL_LINK) {
				links++;
				CHECK(!strncmp(it->str, "idx:", 4));
			}
			if (it->kind != DL_TEXT)
				continue;
			char c;
			int num;
			if (sscanf(it->str, "%cterm%d", &c, &num) == 2)
				names++;
			CHECK(it->x >= 0 && it->x + it->w <= width + PT(0.01));
			CHECK(it->y > 0 && it->y <= v->h);
			int col = it->x >= colw;
			if (col == 0)
				CHECK(it->x + it->w <= colw + PT(0.01));
			if (it->y > bottom[col]) {
				bottom[col] = it->y;
				bottom_rgb[col] = it->rgb;
			}
		}
		bad_letter += bottom_rgb[0] == STYLE_ACCENT_RGB || bottom_rgb[1] == STYLE_ACCENT_RGB;
		lb[0] = bottom[0], lb[1] = bottom[1];
	}
	CHECK_EQ(bad_letter, 0);
	CHECK_EQ(names, entries);
	CHECK(links >= entries);
	CHECK(pages >= 2);
	/* the last page is balanced: its columns end within a few lines */
	CHECK(lb[1] > 0);
	fx tol = 9 * STYLE_LEADING(PT(9)); /* an unsplittable entry of 8 lines, a letter */
	CHECK(lb[0] - lb[1] <= tol && lb[1] - lb[0] <= tol);
	vlist_done(&vl);
	arena_free(a);
	diags_done(&d);
}

static void layout_two_columns(struct fonts *fonts)
{
	struct diags d;
	diags_init(&d);
	/* 240 terms "aterm0".."jterm23", each on its own page, some on two */
	struct buf t;
	buf_init(&t);
	static char words[240][16];
	for (int i = 0; i < 240; i++) {
		snprintf(words[i], sizeof(words[i]), "%cterm%d", 'a' + i / 24, i % 24);
		buf_addf(&t, "%s\n", words[i]);
	}
	char *path = terms_file(buf_cstr(&t));
	buf_done(&t);
	struct book_index *ix = index_from(path, &d);
	struct pages p = { 0 };
	static char marks[12][32];
	for (int i = 0; i < 240; i++) {
		text(pages_add(&p), PT(72), PT(100), words[i], DLF_INDEX);
		if (i % 5 == 0) /* the next page too: a range */
			text(pages_add(&p), PT(72), PT(100), words[i], DLF_INDEX);
		if (i % 20 == 0) { /* one entry with 12 sub-entries: too long to keep whole */
			snprintf(marks[i / 20], sizeof(marks[0]), "index:cterm5 > part %d", i / 20);
			struct dl_item *m = page_add(&p.v[p.n - 1]);
			m->kind = DL_DEST;
			m->str = marks[i / 20];
		}
	}
	for (int i = 0; i < p.n; i++)
		p.v[i].folio = i + 1;
	mark_pages(ix, &p, 0, p.n);
	index_collect(ix, NULL, &p, 0, p.n, &d);
	CHECK_EQ(d.n, 0);
	CHECK_EQ(index_count(ix), 240);

	struct buf b;
	buf_init(&b);
	CHECK(index_pages(ix, "aterm0", NULL, &b) == 0);
	CHECK(!strcmp(buf_cstr(&b), "1\xE2\x80\x93" "2"));
	buf_done(&b);

	/* many page heights, so that breaks fall everywhere */
	for (fx h = PT(200); h <= PT(700); h += PT(7.3))
		check_layout(fonts, ix, PT(450), h, 240);
	check_layout(fonts, ix, PT(300), PT(500), 240);

	index_free(ix);
	pages_done(&p);
	unlink(path);
	diags_done(&d);
}

static void layout_empty_index_adds_nothing(struct fonts *fonts)
{
	struct diags d;
	diags_init(&d);
	struct book_index *ix = index_from(NULL, &d);
	struct pages p = { 0 };
	index_collect(ix, NULL, &p, 0, 0, &d);
	struct arena *a = arena_new();
	struct lctx L = { .fonts = fonts, .arena = a, .d = &d };
	struct vlist vl = { 0 };
	index_layout(&L, ix, NULL, PT(400), PT(600), &vl);
	CHECK_EQ(vl.n, 0);
	CHECK_EQ(d.n, 0);
	vlist_done(&vl);
	arena_free(a);
	index_free(ix);
	diags_done(&d);
}

static struct fonts *test_fonts;
static void layout_two_columns_run(void) { layout_two_columns(test_fonts); }
static void layout_empty_run(void) { layout_empty_index_adds_nothing(test_fonts); }

void test_index(void)
{
	RUN(ranges_merge);
	RUN(fold_drops_case_and_accents);
	RUN(sort_ignores_case_and_accents);
	RUN(collect_finds_terms);
	RUN(missing_terms_file_is_quiet);
	RUN(collect_respects_range);
	struct diags d;
	diags_init(&d);
	test_fonts = fonts_new("fonts", &d);
	if (!test_fonts) {
		fprintf(stderr, "test_index: run from the repository root (fonts/ missing)\n");
		tests_failed++;
	} else {
		RUN(layout_two_columns_run);
		RUN(layout_empty_run);
	}
	fonts_free(test_fonts);
	test_fonts = NULL;
	diags_done(&d);
}
