/* test_layout.c: the layout stage without a PDF: paragraphs, tables, pages
 * and whole chapters through build.c, asserting positions and breaks. */
#include "test.h"

#include "book.h"
#include "build.h"
#include "content.h"
#include "font.h"
#include "paragraph.h"
#include "model.h"
#include "paginate.h"
#include "style.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

static struct fonts *fonts;
static struct diags diags;

static struct lctx ctx(struct arena *a)
{
	struct lctx L = { .fonts = fonts, .arena = a, .d = &diags };
	return L;
}

static const char lorem[] =
	"Support engineers at every level read tickets carefully, reproduce problems in a test "
	"instance, and write answers customers can follow. They escalate early, share what they "
	"learn in the knowledge base, and improve the runbooks they use.";

static void paragraph_lines_fit_measure(void)
{
	struct arena *a = arena_new();
	struct lctx L = ctx(a);
	struct para p;
	para_init(&p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, 0, 0, NULL };
	para_text(&L, &p, lorem, strlen(lorem), &st, 1);
	struct pline *ln;
	fx width = PT(200);
	int n = para_set(&L, &p, width, AL_JUSTIFY, &ln);
	CHECK(n >= 4);
	for (int i = 0; i < n; i++) {
		fx right = 0;
		for (int k = 0; k < ln[i].n; k++)
			if (ln[i].items[k].kind == DL_TEXT) {
				CHECK(ln[i].items[k].x >= 0);
				fx r = ln[i].items[k].x + ln[i].items[k].w;
				right = r > right ? r : right;
			}
		CHECK(right <= width + PT(0.01));
		/* justified: every line but the last reaches the right edge */
		if (i < n - 1)
			CHECK(right > width - PT(0.5));
		CHECK_EQ(ln[i].h, STYLE_LEADING(STYLE_BODY_SIZE));
	}
	CHECK_EQ(L.stats.overfull, 0);
	para_done(&p);
	arena_free(a);
}

static void long_word_breaks_between_letters(void)
{
	struct arena *a = arena_new();
	struct lctx L = ctx(a);
	struct para p;
	para_init(&p, STYLE_BODY_SIZE);
	p.file = "test.md";
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, 0, 0, NULL };
	char word[401];
	memset(word, 'W', 400);
	word[400] = 0;
	para_text(&L, &p, word, 400, &st, 7);
	struct pline *ln;
	fx width = PT(150);
	int n = para_set(&L, &p, width, AL_JUSTIFY, &ln);
	CHECK(n > 10);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ln[i].n; k++)
			if (ln[i].items[k].kind == DL_TEXT)
				CHECK(ln[i].items[k].x + ln[i].items[k].w <= width);
	int warned = 0;
	for (int i = 0; i < diags.n; i++)
		warned |= diags.v[i].line == 7 && strstr(diags.v[i].text, "broken between letters") != NULL;
	CHECK(warned);
	para_done(&p);
	arena_free(a);
}

static void url_breaks_after_slash(void)
{
	struct arena *a = arena_new();
	struct lctx L = ctx(a);
	struct para p;
	para_init(&p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, 0, SP_URL, NULL };
	const char *url = "https://example.com/one/two/three/four/five/six/seven/eight/nine/ten";
	para_text(&L, &p, url, strlen(url), &st, 1);
	struct pline *ln;
	int n = para_set(&L, &p, PT(120), AL_LEFT, &ln);
	CHECK(n >= 2);
	/* the first line ends right after URL punctuation (no hyphen added) */
	const struct dl_item *last = NULL;
	for (int k = 0; k < ln[0].n; k++)
		if (ln[0].items[k].kind == DL_TEXT)
			last = &ln[0].items[k];
	CHECK(last && strchr("/.:", last->str[last->len - 1]));
	para_done(&p);
	arena_free(a);
}

static void table_widths_fit_content_then_page(void)
{
	fx minw[3] = { PT(40), PT(30), PT(20) }, maxw[3] = { PT(100), PT(60), PT(40) }, w[3];
	table_widths(minw, maxw, 3, PT(400), w); /* all fit: natural widths */
	CHECK_EQ(w[0], PT(100));
	CHECK_EQ(w[1], PT(60));
	CHECK_EQ(w[2], PT(40));
	table_widths(minw, maxw, 3, PT(150), w); /* share 60 pt over wants 60, 30, 20 */
	CHECK(w[0] + w[1] + w[2] <= PT(150) && w[0] + w[1] + w[2] >= PT(150) - 3);
	CHECK(w[0] > w[1] && w[1] > w[2]);
	CHECK(w[0] >= minw[0] && w[1] >= minw[1] && w[2] >= minw[2]);
	table_widths(minw, maxw, 3, PT(45), w); /* even minimums overflow: scaled */
	CHECK(w[0] + w[1] + w[2] <= PT(45));
}

/* ---- pages, from hand-built vertical lists ---- */

static struct pg_opts opts(void)
{
	struct pg_opts o = { style_page(PAPER_A4), 0, "Book", NULL };
	return o;
}

static void add_lines(struct vlist *vl, int n, fx h, int flags_first)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			vlist_add(vl, VN_PENALTY)->penalty = (i == 1 || i == n - 1) ? PEN_INF : 0;
		struct vnode *v = vlist_add(vl, VN_BOX);
		v->h = h;
		v->flags = VN_LINE | (i == 0 ? VN_FIRST | flags_first : 0) | (i == n - 1 ? VN_LAST : 0);
	}
}

static void heading_never_stranded(void)
{
	struct pg_opts o = opts();
	fx avail = pg_text_height(&o), lh = PT(14);
	struct vlist vl = { 0 };
	int fill = (int)(avail / lh) - 1; /* leaves room for exactly one more line */
	add_lines(&vl, fill, lh, 0);
	vlist_add(&vl, VN_GLUE)->h = 0;
	struct vnode *h = vlist_add(&vl, VN_BOX);
	h->h = lh;
	h->flags = VN_HEADING;
	vlist_add(&vl, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(&vl, VN_GLUE)->h = PT(4);
	add_lines(&vl, 5, lh, 0);
	struct pages p = { 0 };
	struct pg_stats st = { 0 };
	paginate(&vl, &o, 1, 0, &p, &st);
	CHECK_EQ(p.n, 2);
	CHECK_EQ(st.stranded, 0);
	CHECK_EQ(st.widows, 0);
	CHECK_EQ(st.orphans, 0);
	pages_done(&p);
	vlist_done(&vl);
}

static void two_line_paragraph_kept_whole(void)
{
	struct pg_opts o = opts();
	fx avail = pg_text_height(&o), lh = PT(14);
	struct vlist vl = { 0 };
	int fill = (int)(avail / lh) - 1;
	add_lines(&vl, fill, lh, 0);
	vlist_add(&vl, VN_GLUE)->h = 0;
	add_lines(&vl, 2, lh, 0); /* only its first line would fit */
	struct pages p = { 0 };
	struct pg_stats st = { 0 };
	paginate(&vl, &o, 1, 0, &p, &st);
	CHECK_EQ(p.n, 2);
	CHECK_EQ(st.orphans, 0);
	CHECK_EQ(st.widows, 0);
	pages_done(&p);
	vlist_done(&vl);
}

static void table_header_repeats(void)
{
	struct pg_opts o = opts();
	struct vlist vl = { 0 };
	struct dl_item mark = { 0 };
	mark.kind = DL_TEXT;
	mark.str = "HEAD";
	mark.len = 4;
	struct vnode *h = vlist_add(&vl, VN_BOX);
	h->h = PT(20);
	h->flags = VN_TABLE_HEAD;
	h->items = &mark;
	h->n = 1;
	for (int r = 0; r < 100; r++) {
		vlist_add(&vl, VN_PENALTY)->penalty = r == 0 ? PEN_INF : 0;
		struct vnode *v = vlist_add(&vl, VN_BOX);
		v->h = PT(20);
		v->head = 0;
	}
	struct pages p = { 0 };
	paginate(&vl, &o, 1, 0, &p, NULL);
	CHECK(p.n >= 3);
	for (int i = 0; i < p.n; i++) {
		int heads = 0;
		for (int k = 0; k < p.v[i].n; k++)
			heads += p.v[i].items[k].kind == DL_TEXT && !strcmp(p.v[i].items[k].str, "HEAD");
		CHECK_EQ(heads, 1);
	}
	pages_done(&p);
	vlist_done(&vl);
}

static void chapters_start_pages_and_odd_in_duplex(void)
{
	struct pg_opts o = opts();
	struct vlist vl = { 0 };
	for (int c = 0; c < 3; c++) {
		vlist_add(&vl, VN_CHAPTER)->str = "Chapter";
		add_lines(&vl, 3, PT(14), 0);
	}
	struct pages p = { 0 };
	paginate(&vl, &o, 1, 0, &p, NULL);
	CHECK_EQ(p.n, 3);
	pages_done(&p);
	o.duplex = 1;
	paginate(&vl, &o, 1, 0, &p, NULL);
	CHECK_EQ(p.n, 5); /* 1, blank 2, 3, blank 4, 5 */
	CHECK(p.v[1].blank && p.v[3].blank);
	CHECK(p.v[2].chapter_start && p.v[2].folio == 3);
	/* mirrored margins: odd pages have the inner margin on the left */
	CHECK(pg_left(&o, 1) == o.g.inner && pg_left(&o, 2) == o.g.outer);
	pages_done(&p);
	vlist_done(&vl);
}

static void roman_numerals(void)
{
	char s[16];
	pg_roman(4, s, sizeof(s));
	CHECK(!strcmp(s, "iv"));
	pg_roman(1994, s, sizeof(s));
	CHECK(!strcmp(s, "mcmxciv"));
}

/* A whole chapter through build.c: a long code block splits only with at
 * least two lines on each side, every box fits the text area. */
static void code_block_splits_between_lines(void)
{
	struct arena *a = arena_new();
	struct lctx L = ctx(a);
	struct content c;
	struct model bk;
	struct diags d;
	diags_init(&d);
	char dir[] = "/tmp/hb-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof(path), "%s/README.md", dir);
	FILE *fp = fopen(path, "w");
	fputs("# Book\n\n- [L1: One](./L1-One.md)\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/L1-One.md", dir);
	fp = fopen(path, "w");
	fputs("# L1: One\n\nIntro.\n\n```\n", fp);
	for (int i = 0; i < 300; i++)
		fprintf(fp, "line %d\n", i);
	fputs("```\n\n- a\n  - b\n", fp);
	fclose(fp);
	CHECK_EQ(content_load(&c, dir, &d), 0);
	model_build(&bk, &c, NULL, NULL, &d);
	struct pg_opts o = opts();
	struct build_opts bo = { .width = pg_text_width(&o), .height = pg_text_height(&o) };
	struct build_out out;
	memset(&out, 0, sizeof(out));
	for (int i = 0; i < bk.n; i++)
		build_chapter(&L, &bk, &c, i, &bo, &out);
	struct pages p = { 0 };
	paginate(&out.vl, &o, 1, 0, &p, NULL);
	CHECK(p.n >= 6);
	/* on every page the code lines form one run of at least two */
	for (int i = 1; i < p.n; i++) {
		int lines = 0;
		for (int k = 0; k < p.v[i].n; k++) {
			const struct dl_item *it = &p.v[i].items[k];
			if (it->kind == DL_TEXT && it->face == FACE_MONO)
				lines++;
			if (it->kind == DL_TEXT) {
				CHECK(it->x >= pg_left(&o, p.v[i].folio));
				CHECK(it->x + it->w <= pg_left(&o, p.v[i].folio) + bo.width);
				CHECK(it->y <= o.g.height - o.g.bottom);
			}
		}
		if (lines)
			CHECK(lines >= 2);
	}
	/* nested list: the inner marker sits right of the outer one */
	fx outer = -1, inner = -1;
	const struct page *last = &p.v[p.n - 1];
	for (int k = 0; k < last->n; k++)
		if (last->items[k].kind == DL_TEXT && last->items[k].rgb == STYLE_ACCENT_RGB) {
			if (outer < 0)
				outer = last->items[k].x;
			else
				inner = last->items[k].x;
		}
	CHECK(outer > 0 && inner > outer);
	pages_done(&p);
	build_out_done(&out);
	model_done(&bk);
	content_done(&c);
	diags_done(&d);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	CHECK_EQ(system(path), 0);
	arena_free(a);
}

/* More level files than content.c's first allocation holds: every listed
 * one loads in order, a repeated link is reported once, unlisted files
 * come last, sorted.  (Run under ASan: adding sources moves c.v.) */
static void many_levels_load_in_order(void)
{
	struct content c;
	struct diags d;
	diags_init(&d);
	char dir[] = "/tmp/hb-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof(path), "%s/README.md", dir);
	FILE *fp = fopen(path, "w");
	fputs("# Book\n\n", fp);
	for (int i = 0; i < 20; i++)
		fprintf(fp, "- [L%d: Role %d](./L%d-Role-%02d.md)\n", i % 9 + 1, i, i % 9 + 1, i);
	fputs("- [again](./L1-Role-00.md)\n", fp);
	fclose(fp);
	for (int i = 0; i < 22; i++) {
		snprintf(path, sizeof(path), "%s/L%d-Role-%02d.md", dir, i % 9 + 1, i);
		fp = fopen(path, "w");
		fprintf(fp, "# L%d: Role %d\n\nText.\n", i % 9 + 1, i);
		fclose(fp);
	}
	CHECK_EQ(content_load(&c, dir, &d), 0);
	CHECK_EQ(c.n, 23);
	for (int i = 0; i < 22 && i + 1 < c.n; i++) {
		char want[64];
		snprintf(want, sizeof(want), "L%d-Role-%02d.md", i % 9 + 1, i);
		CHECK(!strcmp(c.v[i + 1].name, want));
		CHECK(c.v[i + 1].root != NULL);
	}
	int twice = 0, unlisted = 0;
	for (int i = 0; i < d.n; i++) {
		twice += strstr(d.v[i].text, "listed twice") != NULL;
		unlisted += strstr(d.v[i].text, "not listed") != NULL;
	}
	CHECK_EQ(twice, 1);
	CHECK_EQ(unlisted, 2);
	content_done(&c);
	diags_done(&d);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	CHECK_EQ(system(path), 0);
}

void test_layout(void)
{
	diags_init(&diags);
	fonts = fonts_new("fonts", &diags);
	if (!fonts) {
		fprintf(stderr, "test_layout: run from the repository root (fonts/ missing)\n");
		tests_failed++;
		return;
	}
	RUN(paragraph_lines_fit_measure);
	RUN(long_word_breaks_between_letters);
	RUN(many_levels_load_in_order);
	RUN(url_breaks_after_slash);
	RUN(table_widths_fit_content_then_page);
	RUN(heading_never_stranded);
	RUN(two_line_paragraph_kept_whole);
	RUN(table_header_repeats);
	RUN(chapters_start_pages_and_odd_in_duplex);
	RUN(roman_numerals);
	RUN(code_block_splits_between_lines);
	fonts_free(fonts);
	diags_done(&diags);
}
