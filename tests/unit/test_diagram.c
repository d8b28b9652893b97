/* test_diagram.c: the career-journey model (tracks, rows, columns, phases)
 * and the laid-out page (boxes apart, text inside its box), for the real
 * content, the six-level fixture and small frameworks made in memory.
 * Runs with the working directory at the project root (fonts/ and
 * tests/fixtures/support, a frozen copy of the sample content). */
#include "test.h"

#include "content.h"
#include "diagram.h"
#include "box.h"
#include "font.h"
#include "level.h"
#include "md.h"
#include "model.h"
#include "style.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static struct fonts *fonts;
static struct diags diags;

/* The text area of an A4 page, turned when landscape. */
static void area(int landscape, fx *w, fx *h)
{
	struct page_geom g = style_page(PAPER_A4);
	fx pw = landscape ? g.height : g.width, ph = landscape ? g.width : g.height;
	*w = pw - g.inner - g.outer;
	*h = ph - g.top - g.bottom;
}

static int find_role(const struct framework *d, const char *title)
{
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->roles[i].title, title))
			return i;
	return -1;
}

struct laid {
	fx x[128], y[128], w[128], h[128]; /* role boxes, in emission order */
	int page[128];                     /* the diagram page each is on, from 0 */
	const char *key[128];              /* their links */
	char text[128][256];               /* their text, concatenated */
	int n;
	fx min_size;                       /* the smallest text in a box */
	int landscape, pages;              /* what diagram_layout chose */
};

/* Lays d out and checks what diagram.h promises about its pages; fills out. */
static void check_page(const struct framework *d, const struct model *bk, const struct strmap *folios,
                       struct laid *out)
{
	struct dg_areas a;
	area(0, &a.w[0], &a.h[0]);
	area(1, &a.w[1], &a.h[1]);
	struct arena *arena = arena_new();
	struct lctx L = { .fonts = fonts, .arena = arena, .d = &diags };
	struct vlist vl = { 0 };
	struct dg_shape sh = { -1, -1 };
	diagram_layout(&L, d, 0, bk, folios, &a, &vl, &sh);
	memset(out, 0, sizeof(*out));
	out->min_size = INT32_MAX;
	out->landscape = sh.landscape;
	out->pages = sh.pages;
	fx width = a.w[sh.landscape ? 1 : 0], height = a.h[sh.landscape ? 1 : 0];
	CHECK(sh.landscape >= d->landscape); /* turned when the framework asks, or more */
	CHECK(sh.pages >= 1);
	CHECK_EQ(vl.n, 2 * sh.pages); /* its start, the pages and a break between two */
	CHECK(vl.n >= 1 && vl.v[0].kind == VN_CHAPTER && vl.v[0].str && !strcmp(vl.v[0].str, "Career journey"));
	int open = -1, lines = 0, page = 0;
	for (int k = 1; k < vl.n; k++) {
		const struct vnode *v = &vl.v[k];
		if (k % 2 == 0) {
			CHECK(v->kind == VN_PENALTY && v->penalty <= -PEN_INF);
			continue;
		}
		CHECK(v->kind == VN_BOX);
		if (v->kind != VN_BOX)
			break;
		CHECK(v->h > 0 && v->h <= height);
		CHECK(k > 1 || (v->items[0].kind == DL_DEST && !strcmp(v->items[0].str, "#career-journey")));
		for (int i = 0; i < v->n; i++) {
			const struct dl_item *it = &v->items[i];
			/* nothing leaves the text area */
			if (it->kind == DL_TEXT || it->kind == DL_RECT) {
				CHECK(it->x >= 0 && it->x + it->w <= width);
				CHECK(it->y >= 0 && it->y <= v->h);
			}
			if (it->kind == DL_LINE) {
				lines++;
				CHECK(it->x >= 0 && it->x + it->w <= width && it->x + it->w >= 0);
				fx y0 = it->h < 0 ? it->y + it->h : it->y, y1 = it->h < 0 ? it->y : it->y + it->h;
				CHECK(y0 >= 0 && y1 <= v->h);
			}
			if (it->kind == DL_RECT && it->size > 0) {
				CHECK(open < 0);
				CHECK(out->n < 128);
				if (out->n >= 128)
					break;
				open = out->n;
				out->x[open] = it->x, out->y[open] = it->y, out->w[open] = it->w, out->h[open] = it->h;
				out->page[open] = page;
			} else if (it->kind == DL_TEXT && open >= 0) {
				/* inside its box: left, right, and the baseline */
				CHECK(it->x >= out->x[open]);
				CHECK(it->x + it->w <= out->x[open] + out->w[open]);
				CHECK(it->y > out->y[open] && it->y <= out->y[open] + out->h[open]);
				if (it->size < out->min_size)
					out->min_size = it->size;
				size_t l = strlen(out->text[open]);
				snprintf(out->text[open] + l, sizeof(out->text[open]) - l, "%s%.*s", l ? " " : "", it->len,
				         it->str);
			} else if (it->kind == DL_LINK && open >= 0) {
				CHECK(it->x == out->x[open] && it->y == out->y[open] && it->w == out->w[open] &&
				      it->h == out->h[open]);
				out->key[open] = it->str;
				out->n++;
				open = -1;
			}
		}
		page++;
	}
	CHECK_EQ(page, sh.pages);
	CHECK(open < 0);
	CHECK_EQ(out->n, d->n);
	/* a row with two levelled roles has an arrow between them */
	int want_arrows = 0;
	for (int a = 0; a < d->n; a++)
		for (int b = a + 1; b < d->n; b++)
			want_arrows |= d->roles[a].row == d->roles[b].row && d->roles[a].level >= 0 &&
			               d->roles[b].level >= 0;
	CHECK(lines > 0 || !want_arrows);
	/* boxes on one page never overlap */
	for (int a = 0; a < out->n; a++)
		for (int b = a + 1; b < out->n; b++) {
			int apart = out->x[a] + out->w[a] <= out->x[b] || out->x[b] + out->w[b] <= out->x[a] ||
			            out->y[a] + out->h[a] <= out->y[b] || out->y[b] + out->h[b] <= out->y[a] ||
			            out->page[a] != out->page[b];
			CHECK(apart);
		}
	/* boxes in the grid: same row, same page and top; a lower row, a later
	 * page or further down; higher column, further right */
	for (int a = 0; a < d->n && a < out->n; a++)
		for (int b = 0; b < d->n && b < out->n; b++) {
			const struct fw_role *ra = &d->roles[a], *rb = &d->roles[b];
			CHECK(!strcmp(out->key[a], bk->ch[ra->chapter].key));
			if (ra->row == rb->row)
				CHECK(out->y[a] == out->y[b] && out->page[a] == out->page[b]);
			if (ra->row < rb->row)
				CHECK(out->page[a] < out->page[b] || (out->page[a] == out->page[b] && out->y[a] < out->y[b]));
			if (ra->col < rb->col)
				CHECK(out->x[a] < out->x[b]);
		}
	vlist_done(&vl);
	arena_free(arena);
}

static struct strmap *folio_map(const struct model *bk)
{
	struct strmap *m = strmap_new();
	for (int i = 0; i < bk->n; i++)
		strmap_put(m, bk->ch[i].key, 3 + 4 * i);
	return m;
}

static void test_diagram_content(void)
{
	struct content c;
	struct model bk;
	struct framework d;
	CHECK_EQ(content_load(&c, "tests/fixtures/support", &diags), 0);
	model_build(&bk, &c, NULL, NULL, &diags);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.n, 7);
	CHECK_EQ(d.nrows, 2);
	CHECK_EQ(d.ncols, 5);
	CHECK_EQ(d.landscape, 0);
	CHECK(!strcmp(d.tracks[0], "DevOps Support Engineer"));
	CHECK(!strcmp(d.tracks[1], "Support Manager"));
	static const struct { const char *title; int row, col, level; } want[] = {
		{ "Junior DevOps Support Engineer", 0, 0, 1 },
		{ "DevOps Support Engineer", 0, 1, 2 },
		{ "Senior DevOps Support Engineer", 0, 2, 3 },
		{ "Lead DevOps Support Engineer", 0, 3, 4 },
		{ "Principal DevOps Support Engineer", 0, 4, 5 },
		{ "Support Manager", 1, 3, 4 },
		{ "Senior Support Manager", 1, 4, 5 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		int k = find_role(&d, want[i].title);
		CHECK(k >= 0);
		if (k < 0)
			continue;
		CHECK_EQ(d.roles[k].row, want[i].row);
		CHECK_EQ(d.roles[k].col, want[i].col);
		CHECK_EQ(d.roles[k].level, want[i].level * LEVEL_SUB);
		CHECK(!strcmp(d.roles[k].track, d.tracks[want[i].row]));
	}
	CHECK_EQ(d.nphases, 2);
	if (d.nphases == 2) {
		CHECK_EQ(d.phases[0].from_col, 0);
		CHECK_EQ(d.phases[0].to_col, 2);
		CHECK(!strcmp(d.phases[0].label, "Individual mastery"));
		CHECK_EQ(d.phases[1].from_col, 3);
		CHECK_EQ(d.phases[1].to_col, 4);
		CHECK(!strcmp(d.phases[1].label, "Organisational impact"));
	}
	struct strmap *folios = folio_map(&bk);
	struct laid lo;
	check_page(&d, &bk, folios, &lo);
	/* each box names its level and its chapter's page */
	for (int i = 0; i < lo.n && i < d.n; i++) {
		char page[32];
		int folio = 0;
		strmap_get(folios, bk.ch[d.roles[i].chapter].key, &folio);
		snprintf(page, sizeof(page), "%d", folio);
		CHECK(strstr(lo.text[i], d.roles[i].code) == lo.text[i]);
		CHECK(strstr(lo.text[i], page) != NULL);
	}
	strmap_free(folios);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

static void test_diagram_six_levels(void)
{
	struct content c;
	struct model bk;
	struct framework d;
	CHECK_EQ(content_load(&c, "tests/fixtures/six-levels", &diags), 0);
	model_build(&bk, &c, NULL, NULL, &diags);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.n, 6);
	CHECK_EQ(d.nrows, 3);
	CHECK_EQ(d.ncols, 6);
	CHECK_EQ(d.landscape, 0);
	if (d.nrows == 3) {
		CHECK(!strcmp(d.tracks[0], "Platform Engineer"));
		CHECK(!strcmp(d.tracks[1], "Engineering Manager"));
		CHECK(!strcmp(d.tracks[2], "Executive leadership")); /* from the HTML comment */
	}
	for (int i = 0; i < d.n; i++) {
		CHECK_EQ(d.roles[i].level, (i + 1) * LEVEL_SUB);
		CHECK_EQ(d.roles[i].col, i);
		CHECK_EQ(d.roles[i].row, i < 4 ? 0 : i - 3);
	}
	CHECK_EQ(d.nphases, 3);
	static const struct { int from, to; const char *label; } ph[] = {
		{ 0, 1, "Foundations" }, { 2, 3, "Technical depth" }, { 4, 5, "Leadership" },
	};
	for (int i = 0; i < d.nphases && i < 3; i++) {
		CHECK_EQ(d.phases[i].from_col, ph[i].from);
		CHECK_EQ(d.phases[i].to_col, ph[i].to);
		CHECK(!strcmp(d.phases[i].label, ph[i].label));
	}
	struct strmap *folios = folio_map(&bk);
	struct laid lo;
	check_page(&d, &bk, folios, &lo);
	/* without page numbers the boxes still lay out */
	check_page(&d, &bk, NULL, &lo);
	strmap_free(folios);
	framework_done(&d);

	/* the same framework with a README that names no phases */
	static const char readme[] =
		"# Platform Engineering Careers\n\n## Role levels\n\n"
		"- **Start here**: read your level, then the next.\n"
		"- [L1: Associate Platform Engineer](./L1-Associate-Platform-Engineer.md)\n";
	cmark_node_free(c.v[0].root);
	c.v[0].root = md_parse(readme, sizeof(readme) - 1);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.nphases, 0);
	CHECK_EQ(d.nrows, 3);
	check_page(&d, &bk, NULL, &lo);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

/* A framework made in memory: texts[0] is the README, the rest level files. */
static void synth(struct content *c, struct model *bk, const char *const *texts, int n)
{
	memset(c, 0, sizeof(*c));
	c->dir = xstrdup("mem");
	c->v = xcalloc((size_t)n, sizeof(*c->v));
	c->n = c->cap = n;
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), i ? "f%d.md" : "README.md", i);
		c->v[i].name = xstrdup(name);
		c->v[i].path = xstrdup(name);
		c->v[i].text = xstrdup(texts[i]);
		c->v[i].len = strlen(texts[i]);
		c->v[i].root = md_parse(texts[i], strlen(texts[i]));
	}
	model_build(bk, c, NULL, NULL, &diags);
}

static void test_diagram_tracks(void)
{
	static const char *const texts[] = {
		"# Data careers\n\n- **L1 to L3** grow *craft*.\n- **Levels 4 to 8** have *reach*.\n",
		"# L1: Junior Data Analyst\n",
		"# L2: Data Analyst II\n",
		"# L3: Senior Data Analyst\n",
		"# L3: Lead Data Analyst\n",      /* the same cell as Senior: an extra row */
		"# L4: Head of Data\n",
		"# L5: Principal Data Analyst\n",
		"# L6: Distinguished Data Analyst\n",
		"# L7: Staff Scientist\n\nText <!-- track: data ANALYST --> here.\n",
		"# L8: Chief Data Officer\n",
		"# Data Mentor\n",                /* no level: the column after the last */
	};
	struct content c;
	struct model bk;
	struct framework d;
	synth(&c, &bk, texts, (int)(sizeof(texts) / sizeof(*texts)));
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.n, 10);
	CHECK_EQ(d.ncols, 9);
	CHECK_EQ(d.landscape, 1);
	CHECK_EQ(d.nrows, 5);
	static const char *const rows[] = { "Data Analyst", "Data Analyst", "Data", "Data Officer", "Data Mentor" };
	for (int r = 0; r < d.nrows && r < 5; r++)
		CHECK(!strcmp(d.tracks[r], rows[r]));
	static const struct { const char *title; int row, col; } want[] = {
		{ "Junior Data Analyst", 0, 0 },  { "Data Analyst II", 0, 1 },
		{ "Senior Data Analyst", 0, 2 },  { "Lead Data Analyst", 1, 2 },
		{ "Head of Data", 2, 3 },         { "Principal Data Analyst", 0, 4 },
		{ "Staff Scientist", 0, 6 },      { "Chief Data Officer", 3, 7 },
		{ "Data Mentor", 4, 8 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		int k = find_role(&d, want[i].title);
		CHECK(k >= 0);
		if (k < 0)
			continue;
		CHECK_EQ(d.roles[k].row, want[i].row);
		CHECK_EQ(d.roles[k].col, want[i].col);
	}
	CHECK_EQ(d.roles[find_role(&d, "Data Mentor")].level, -1);
	CHECK_EQ(d.nphases, 2);
	if (d.nphases == 2) {
		CHECK(!strcmp(d.phases[0].label, "Craft"));
		CHECK_EQ(d.phases[0].to_col, 2);
		CHECK_EQ(d.phases[1].from_col, 3);
		CHECK_EQ(d.phases[1].to_col, 7);
	}
	struct strmap *folios = folio_map(&bk);
	struct laid lo;
	check_page(&d, &bk, folios, &lo);
	strmap_free(folios);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

/* Rows: the track with the lowest level and most roles first, the rest by
 * lowest level, ties by appearance. */
static void test_diagram_order(void)
{
	static const char *const texts[] = {
		"# Careers\n",
		"# L1: Designer\n",
		"# L3: Support Manager\n",
		"# L1: Junior Developer\n",
		"# L2: Developer\n",
		"# L2: Senior Designer\n",
		"# L3: Researcher\n",
	};
	struct content c;
	struct model bk;
	struct framework d;
	synth(&c, &bk, texts, (int)(sizeof(texts) / sizeof(*texts)));
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.nrows, 4);
	CHECK_EQ(d.nphases, 0);
	static const char *const rows[] = { "Designer", "Developer", "Support Manager", "Researcher" };
	for (int r = 0; r < d.nrows && r < 4; r++)
		CHECK(!strcmp(d.tracks[r], rows[r]));
	framework_done(&d);
	model_done(&bk);
	content_done(&c);

	/* equal lowest level: the track with more roles goes first */
	static const char *const texts2[] = {
		"# Careers\n", "# L1: Designer\n", "# L1: Junior Developer\n", "# L2: Developer\n",
	};
	synth(&c, &bk, texts2, 4);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.nrows, 2);
	if (d.nrows == 2)
		CHECK(!strcmp(d.tracks[0], "Developer"));
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

/* Titles far too long for their boxes still stay inside them. */
static void test_diagram_long_titles(void)
{
	static const char *const texts[] = {
		"# Careers\n\n- **L1 and L2** are the *first phase of a very long and winding journey*.\n",
		"# L1: Junior Supercalifragilisticexpialidociousnessengineeringpractitioner\n",
		("# L2: Senior Engineer of Extremely Many Words Which Go On And On Without Any End In Sight "
		 "Whatsoever And Then Some More Words For Good Measure\n"),
		"# L3: Staff Engineer\n",
		"# L4: Manager\n",
		"# L5: Senior Manager\n",
		"# L6: Director\n",
		"# L7: Senior Director\n",
	};
	struct content c;
	struct model bk;
	struct framework d;
	synth(&c, &bk, texts, (int)(sizeof(texts) / sizeof(*texts)));
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.landscape, 1);
	CHECK_EQ(d.nrows, 5);
	struct strmap *folios = folio_map(&bk);
	struct laid lo;
	check_page(&d, &bk, folios, &lo);
	strmap_free(folios);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

/* Twelve tracks of eight levels: landscape pages of rows, every box's
 * text at 7 pt or more, each page's boxes inside it. */
static void test_diagram_pages(void)
{
	static const char *const track[12] = {
		"Backend", "Frontend", "Mobile", "Site Reliability", "Machine Learning Research", "Data",
		"Security", "Quality", "Developer Experience", "Infrastructure Platform", "Payments", "Design",
	};
	static const char *const pre[8] = { "Associate ", "", "Senior ", "Staff ", "Senior Staff ",
		                                "Principal ", "Distinguished ", "Fellow and Chief " };
	char *texts[97];
	texts[0] = xstrdup("# Careers\n");
	for (int t = 0; t < 12; t++)
		for (int l = 0; l < 8; l++) {
			char b[256];
			snprintf(b, sizeof(b), "# L%d: %s%s Engineer\n\n<!-- track: %s -->\n", l + 1, pre[l], track[t],
			         track[t]);
			texts[1 + t * 8 + l] = xstrdup(b);
		}
	struct content c;
	struct model bk;
	struct framework d;
	synth(&c, &bk, (const char *const *)texts, 97);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	CHECK_EQ(d.n, 96);
	CHECK_EQ(d.nrows, 12);
	CHECK_EQ(d.ncols, 8);
	struct strmap *folios = folio_map(&bk);
	struct laid lo;
	check_page(&d, &bk, folios, &lo);
	CHECK_EQ(lo.landscape, 1);
	CHECK_EQ(lo.pages, 3);
	CHECK(lo.min_size >= PT(7));
	/* four tracks on each page */
	for (int i = 0; i < lo.n && i < d.n; i++)
		CHECK_EQ(lo.page[i], d.roles[i].row / 4);
	/* and without page numbers, the same pages */
	check_page(&d, &bk, NULL, &lo);
	CHECK_EQ(lo.pages, 3);
	CHECK(lo.min_size >= PT(7));
	strmap_free(folios);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
	for (int i = 0; i < 97; i++)
		free(texts[i]);

	/* six levels in three tracks: one landscape page, not three portrait */
	CHECK_EQ(content_load(&c, "tests/fixtures/six-levels", &diags), 0);
	model_build(&bk, &c, NULL, NULL, &diags);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	check_page(&d, &bk, NULL, &lo);
	CHECK_EQ(lo.landscape, 1);
	CHECK_EQ(lo.pages, 1);
	CHECK(lo.min_size >= PT(7));
	framework_done(&d);
	model_done(&bk);
	content_done(&c);

	/* the sample's two tracks stay on one portrait page */
	CHECK_EQ(content_load(&c, "tests/fixtures/support", &diags), 0);
	model_build(&bk, &c, NULL, NULL, &diags);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	check_page(&d, &bk, NULL, &lo);
	CHECK_EQ(lo.landscape, 0);
	CHECK_EQ(lo.pages, 1);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

void test_diagram(void)
{
	diags_init(&diags);
	fonts = fonts_new("fonts", &diags);
	CHECK(fonts != NULL);
	if (!fonts) {
		diags_done(&diags);
		return;
	}
	RUN(test_diagram_content);
	RUN(test_diagram_six_levels);
	RUN(test_diagram_tracks);
	RUN(test_diagram_order);
	RUN(test_diagram_long_titles);
	RUN(test_diagram_pages);
	fonts_free(fonts);
	diags_done(&diags);
}
