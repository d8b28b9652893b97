/* paginate.c: page breaking and page furniture.
 *
 * The walk is linear: each page scans forward from its first node until the
 * next box no longer fits, remembering the cheapest legal break; the next
 * page starts right after that break.  Breaking is "best so far", so a page
 * may end early to keep a heading with its text or to avoid a widow. */
#include "paginate.h"
#include "box.h"
#include "font.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weight of the empty space a break leaves, relative to a penalty: leaving
 * a tenth of the page empty costs as much as a penalty of 100. */
#define FILL_COST 10000.0

/* Items pg_decorate adds to a page at most: two running heads, the rule
 * under them and the folio. */
#define PAGE_FURNITURE 4

fx pg_text_width(const struct pg_opts *o)
{
	return o->g.width - o->g.inner - o->g.outer;
}

fx pg_text_height(const struct pg_opts *o)
{
	return o->g.height - o->g.top - o->g.bottom;
}

fx pg_left(const struct pg_opts *o, int folio)
{
	if (!o->duplex)
		return (o->g.inner + o->g.outer) / 2;
	return folio % 2 ? o->g.inner : o->g.outer;
}

static int discardable(const struct vnode *v)
{
	return v->kind == VN_GLUE || v->kind == VN_PENALTY;
}

static void place(struct page *pg, const struct vnode *v, fx left, fx y)
{
	if (v->deco)
		for (int i = 0; i < v->deco->n; i++) {
			struct dl_item *r = page_add(pg);
			r->kind = DL_RECT;
			r->x = left + v->deco->x[i];
			r->y = y;
			r->w = STYLE_QUOTE_BAR;
			r->h = v->h;
			r->rgb = STYLE_QUOTE_BAR_RGB;
		}
	if (v->kind != VN_BOX || v->n + v->npre == 0)
		return;
	page_reserve(pg, v->n + v->npre);
	struct dl_item *it = pg->items + pg->n;
	if (v->npre)
		memcpy(it, v->pre, sizeof(*it) * (size_t)v->npre);
	memcpy(it + v->npre, v->items, sizeof(*it) * (size_t)v->n);
	for (int i = 0; i < v->n + v->npre; i++) {
		it[i].x += left;
		it[i].y += y;
	}
	pg->n += v->n + v->npre;
}

/* Items the nodes [i, end) put on a page, with the repeated table head. */
static int page_items(const struct vlist *vl, int i, int end, const struct vnode *head)
{
	int n = head ? head->n + head->npre + (head->deco ? head->deco->n : 0) : 0;
	for (int k = i; k < end; k++) {
		const struct vnode *v = &vl->v[k];
		if (v->kind == VN_GLUE || v->kind == VN_BOX)
			n += (v->deco ? v->deco->n : 0) + (v->kind == VN_BOX ? v->n + v->npre : 0);
	}
	return n;
}

static struct page *new_page(struct pages *out, int folio, int roman, const char *chapter)
{
	struct page *pg = pages_add(out);
	pg->folio = folio;
	pg->roman = roman;
	pg->chapter = chapter;
	return pg;
}

/* Where the page that begins at node i ends: nodes [i, end) go on it, in
 * a text area avail high of which h is taken (a repeated table head).  The
 * cheapest legal break by penalty and empty space, or a forced break or a
 * chapter; with no legal break, before the box that does not fit (after it
 * when even one box is taller than the page, counted in st). */
static int page_end(const struct vlist *vl, int i, fx avail, fx h, int keeps, struct pg_stats *st)
{
	int best = -1, n = vl->n;
	double best_cost = 0;
	int j = i, forced = 0;
	for (; j < n; j++) {
		const struct vnode *v = &vl->v[j];
		if (v->kind == VN_CHAPTER) {
			forced = 1;
			best = j;
			break;
		}
		if (v->kind == VN_PENALTY || (v->kind == VN_GLUE && j > i && vl->v[j - 1].kind == VN_BOX)) {
			int pen = v->kind == VN_PENALTY ? v->penalty : 0;
			if (pen <= -PEN_INF) {
				forced = 1;
				best = j;
				break;
			}
			if (!keeps && pen >= PEN_INF)
				pen = 0;
			if (pen < PEN_INF) {
				double d = (double)(avail - h) / avail;
				double cost = pen + FILL_COST * d * d;
				if (best < 0 || cost <= best_cost) {
					best = j;
					best_cost = cost;
				}
			}
		}
		if (v->kind == VN_BOX || v->kind == VN_GLUE) {
			if (h + v->h > avail && v->kind == VN_BOX)
				break;
			h += v->h;
		}
	}
	if (j >= n && !forced)
		return n;
	if (best >= 0)
		return best;
	int end = j > i ? j : i + 1;
	while (end > i + 1 && vl->v[end - 1].kind != VN_BOX)
		end--;
	if (j == i && st)
		st->overfull_pages++;
	return end;
}

int paginate(const struct vlist *vl, const struct pg_opts *o, int folio, int roman,
             struct pages *out, struct pg_stats *st)
{
	const fx avail = pg_text_height(o);
	/* a test hook: with HANDBOOK_TEST_NO_KEEPS set, the breaks that keep
	 * lines and headings together are allowed, so the tests can show that
	 * their PDF checks find the widows, orphans and stranded headings
	 * this makes (tests/e2e/keeps.sh) */
	const char *no_keeps = getenv("HANDBOOK_TEST_NO_KEEPS");
	const int keeps = !no_keeps || !*no_keeps;
	int first_page = out->n;
	const char *chapter = NULL;
	int i = 0, n = vl->n;
	int chapter_start = 0;
	while (i < n) {
		/* skip what a page top drops; open chapters */
		while (i < n && (discardable(&vl->v[i]) || vl->v[i].kind == VN_CHAPTER)) {
			if (vl->v[i].kind == VN_CHAPTER) {
				chapter = vl->v[i].str;
				chapter_start = 1;
			}
			i++;
		}
		if (i >= n)
			break;
		if (chapter_start && o->duplex && out->n > first_page && folio % 2 == 0) {
			struct page *blank = new_page(out, folio++, roman, NULL);
			blank->blank = 1;
		}
		/* the header row a continuing table repeats */
		const struct vnode *head = NULL;
		if (vl->v[i].kind == VN_BOX && vl->v[i].head >= 0 && !(vl->v[i].flags & VN_TABLE_HEAD))
			head = &vl->v[vl->v[i].head];
		int end = page_end(vl, i, avail, head ? head->h : 0, keeps, st); /* nodes [i, end) go on this page */
		struct page *pg = new_page(out, folio, roman, chapter);
		/* the page's items in one allocation, with room for what
		 * pg_decorate adds (running heads, rule, folio) */
		page_reserve(pg, page_items(vl, i, end, head) + PAGE_FURNITURE);
		pg->chapter_start = chapter_start;
		chapter_start = 0;
		fx left = pg_left(o, folio), y = o->g.top;
		if (head) {
			int from = pg->n;
			place(pg, head, left, y);
			/* the repeat is drawn, not read again: the first one is the THead */
			for (int k = from; k < pg->n; k++)
				pg->items[k].flags |= DLF_ARTIFACT;
			y += head->h;
		}
		int first_box = -1, last_box = -1;
		for (int k = i; k < end; k++) {
			const struct vnode *v = &vl->v[k];
			if (v->kind == VN_BOX || v->kind == VN_GLUE) {
				place(pg, v, left, y);
				y += v->h;
			}
			if (v->kind == VN_BOX) {
				if (first_box < 0)
					first_box = k;
				last_box = k;
			}
		}
		if (st && end < n && last_box >= 0) {
			int lf = vl->v[last_box].flags;
			if ((lf & VN_LINE) && (lf & VN_FIRST) && !(lf & VN_LAST))
				st->orphans++;
			if (lf & VN_HEADING)
				st->stranded++;
		}
		if (st && first_box >= 0 && pg != &out->v[first_page]) {
			int ff = vl->v[first_box].flags;
			if ((ff & VN_LINE) && (ff & VN_LAST) && !(ff & VN_FIRST))
				st->widows++;
		}
		folio++;
		i = end;
		if (i < n && vl->v[i].kind != VN_CHAPTER && discardable(&vl->v[i]))
			i++;
	}
	return out->n - first_page;
}

void pg_roman(int n, char *s, size_t size)
{
	static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	static const char *const sym[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
	size_t k = 0;
	s[0] = 0;
	if (n <= 0 || n >= 4000) {
		snprintf(s, size, "%d", n);
		return;
	}
	for (int i = 0; i < 13; i++)
		while (n >= val[i] && k + 3 < size) {
			size_t l = strlen(sym[i]);
			memcpy(s + k, sym[i], l);
			k += l;
			s[k] = 0;
			n -= val[i];
		}
}

static void head_text(struct lctx *L, struct page *pg, const char *s, fx x, fx y, int right,
                      int face, uint32_t rgb)
{
	size_t len = strlen(s);
	fx w = font_width(L->fonts, face, STYLE_HEAD_SIZE, s, len);
	struct dl_item *t = page_add(pg);
	t->kind = DL_TEXT;
	t->x = right ? x - w : x;
	t->y = y;
	t->w = w;
	t->size = STYLE_HEAD_SIZE;
	t->face = face;
	t->rgb = rgb;
	t->str = s;
	t->len = (int)len;
	t->flags = DLF_ARTIFACT; /* pagination, not content */
}

/* A template of the configuration expanded for page pg, in the arena. */
static const char *expand(struct lctx *L, const struct pg_marks *m, const char *tmpl, const struct page *pg,
                          const char *num)
{
	const char *vals[CFG_F__MAX];
	char pages[16];
	memcpy(vals, m->vals, sizeof(vals));
	snprintf(pages, sizeof(pages), "%d", m->pages);
	vals[CFG_F_CHAPTER] = pg->chapter;
	vals[CFG_F_PAGE] = num;
	vals[CFG_F_PAGES] = pages;
	struct buf b;
	buf_init(&b);
	config_expand(tmpl, vals, &b);
	const char *s = arena_strndup(L->arena, b.data ? b.data : "", b.len);
	buf_done(&b);
	return s;
}

/* The configuration's watermark: one line of light text across the
 * middle of the sheet, first in the page's list so the text lies over it. */
#define PG_WATERMARK_RGB 0xE3E6EBu   /* light enough to read black text over it */
#define PG_WATERMARK_MAX PT(72)      /* its size when it fits the measure */

static void watermark(struct lctx *L, const struct pg_opts *o, struct page *pg, fx left, const char *s)
{
	size_t len = strlen(s);
	fx tw = pg_text_width(o), size = PG_WATERMARK_MAX;
	fx w = font_width(L->fonts, FACE_BOLD, size, s, len);
	if (w > tw) {
		size = (fx)((int64_t)size * tw / w);
		w = font_width(L->fonts, FACE_BOLD, size, s, len);
	}
	struct dl_item *t = page_add(pg);
	t->kind = DL_TEXT;
	t->x = left + (tw - w) / 2;
	t->y = o->g.height / 2 + size / 3;
	t->w = w;
	t->size = size;
	t->face = FACE_BOLD;
	t->rgb = PG_WATERMARK_RGB;
	t->flags = DLF_ARTIFACT; /* a pagination Artifact (ISO 32000-1 §14.8.2.2), not content */
	t->str = arena_strndup(L->arena, s, len);
	t->len = (int)len;
	struct dl_item keep = *t; /* to the front: drawn first, under everything */
	memmove(pg->items + 1, pg->items, (size_t)(pg->n - 1) * sizeof(*pg->items));
	pg->items[0] = keep;
}

void pg_decorate(struct lctx *L, const struct pg_opts *o, struct pages *p, int from, int to)
{
	fx tw = pg_text_width(o);
	const struct pg_marks *m = o->marks;
	for (int i = from; i < to; i++) {
		struct page *pg = &p->v[i];
		if (pg->blank)
			continue;
		fx left = pg_left(o, pg->folio), right = left + tw;
		int odd = pg->folio % 2;
		char num[32];
		if (pg->roman)
			pg_roman(pg->folio, num, sizeof(num));
		else
			snprintf(num, sizeof(num), "%d", pg->folio);
		if (m && m->watermark)
			watermark(L, o, pg, left, m->watermark);
		if (!pg->chapter_start && pg->chapter) {
			fx y = o->g.top - o->g.head_gap;
			/* book title on the left (outer side in duplex), chapter on the right */
			const char *book = m && m->head ? expand(L, m, m->head, pg, num)
			                                : o->book_title ? o->book_title : "";
			fx cw = font_width(L->fonts, FACE_ITALIC, STYLE_HEAD_SIZE, pg->chapter, strlen(pg->chapter));
			fx bw = font_width(L->fonts, FACE_REGULAR, STYLE_HEAD_SIZE, book, strlen(book));
			/* the configured logo at the outer edge, the text beside it */
			fx lw = 0;
			if (m && m->logo.kind == DL_IMAGE) {
				struct dl_item *im = page_add(pg);
				*im = m->logo;
				lw = m->logo.w + PT(6);
				im->x = o->duplex && odd ? right - m->logo.w : left;
				im->y = y - m->logo.h + PT(1.5);
				if (o->duplex && odd)
					right -= lw;
				else
					left += lw;
				tw -= lw;
			}
			int both = cw + bw + PT(24) <= tw && strcmp(book, pg->chapter) != 0;
			if (o->duplex && !odd) {
				head_text(L, pg, both ? book : pg->chapter, left, y, 0, both ? FACE_REGULAR : FACE_ITALIC,
				          STYLE_MUTED_RGB);
			} else if (o->duplex) {
				head_text(L, pg, pg->chapter, right, y, 1, FACE_ITALIC, STYLE_MUTED_RGB);
			} else {
				if (both)
					head_text(L, pg, book, left, y, 0, FACE_REGULAR, STYLE_MUTED_RGB);
				head_text(L, pg, pg->chapter, right, y, 1, FACE_ITALIC, STYLE_MUTED_RGB);
			}
			if (lw) { /* the rule and folio keep the text area's width */
				tw += lw;
				if (o->duplex && odd)
					right += lw;
				else
					left -= lw;
			}
			struct dl_item *r = page_add(pg);
			r->kind = DL_LINE;
			r->x = left;
			r->y = y + PT(4);
			r->w = tw;
			r->size = PT(0.4);
			r->rgb = STYLE_RULE_RGB;
			r->flags = DLF_ARTIFACT;
		}
		const char *s = m && m->foot ? expand(L, m, m->foot, pg, num) : arena_strndup(L->arena, num, strlen(num));
		fx y = o->g.height - o->g.bottom + o->g.foot_gap;
		if (m && m->confidential) {
			const char *c = expand(L, m, m->confidential, pg, num);
			head_text(L, pg, c, left + (tw - font_width(L->fonts, FACE_ITALIC, STYLE_HEAD_SIZE, c, strlen(c))) / 2,
			          y + STYLE_LEADING(STYLE_HEAD_SIZE) + PT(2), 0, FACE_ITALIC, STYLE_MUTED_RGB);
		}
		if (o->duplex)
			head_text(L, pg, s, odd ? right : left, y, odd, FACE_REGULAR, STYLE_MUTED_RGB);
		else
			head_text(L, pg, s, left + (tw - font_width(L->fonts, FACE_REGULAR, STYLE_HEAD_SIZE, s,
			                                           strlen(s))) / 2,
			          y, 0, FACE_REGULAR, STYLE_MUTED_RGB);
	}
}
