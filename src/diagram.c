/* diagram.c: the career-journey diagram as rectangles, lines and text.
 *
 * diagram_layout draws the framework's roles, tracks and phases
 * (framework.h infers them) on one page:
 *
 *	Career journey                               title
 *	Arrows show progression; ...                 legend
 *	+--- Phase label ---+--- Phase label ---+    phase bands behind columns
 *	| track name        |                   |
 *	| [L1]->[L2]->[L3]  |                   |    one row per track
 *	|              :    | track name        |
 *	|              :...>| [L4]->[L5]        |    dashed branch: change of track
 *	+-------------------+-------------------+
 *
 * Every box has the same size.  Geometry comes first (columns share the
 * width, rows the height left under the legend); then one text scale for
 * all boxes is found by trying smaller sizes until every title fits its box,
 * wrapped.  An outlandish title that would drag every box below
 * DG_SCALE_UNIFORM shrinks alone instead, abbreviated first (abbreviate)
 * when that keeps it nearer the others' size.  Trial settings are undone from
 * the run's line statistics. */
#include "diagram.h"
#include "box.h"
#include "messages.h"
#include "paragraph.h"
#include "style.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DG_CODE_SIZE PT(10)       /* level code in a box */
#define DG_TITLE_SIZE PT(8.5)     /* role title in a box */
#define DG_PAGE_SIZE PT(7.5)      /* "p. 7" in a box */
#define DG_LEGEND_SIZE PT(9)      /* the legend under the title */
#define DG_PHASE_SIZE PT(8.5)     /* phase band labels */
#define DG_TRACK_SIZE PT(7.5)     /* track names above each track */
#define DG_PAD PT(5)              /* inside a box */
#define DG_EDGE PT(6)             /* bands beyond the outer columns */
#define DG_GAP_X PT(26)           /* between columns: room for an arrow */
#define DG_GAP_X_MIN PT(12)       /* narrowest column gap an arrow head fits */
#define DG_COL_MIN PT(62)         /* below this the gaps give way to the columns */
#define DG_COL_MAX PT(150)        /* wider boxes only spread the text */
#define DG_GAP_Y PT(26)           /* between tracks: room for a branch */
#define DG_GAP_Y_MIN PT(10)
#define DG_GAP_Y_MAX PT(56)       /* spare height beyond this centres the diagram */
#define DG_BOX_MIN PT(34)         /* shortest box, so short titles keep the grid even */
#define DG_BOX_FLOOR PT(14)       /* below this the rows squeeze their gaps and captions too */
#define DG_TITLE_LINES 5          /* boxes grow for titles up to this many lines; longer ones shrink */
#define DG_SCALE_STEP 25          /* text scale tried in steps of 2.5% */
#define DG_SCALE_MIN 250          /* box text never set below a quarter of its size */
#define DG_SCALE_UNIFORM 800      /* boxes needing less than this shrink alone, not all together */
#define DG_READ_SIZE PT(7)        /* smallest box text read in print without strain */
/* Next steps of a role an excerpt keeps the pages of (framework_next_steps). */
#define DG_EXCERPT_STEPS 8
#define DG_SCALE_READ 825         /* DG_TITLE_SIZE at this scale is DG_READ_SIZE (8.5 pt x 0.825):
                                   * below it the diagram turns landscape, then spreads over pages */
#define DG_LINE_W PT(1)           /* arrows */
#define DG_BOX_LINE_W PT(0.8)     /* box outlines */
#define DG_HEAD_LEN PT(5)         /* arrow head, along the shaft */
#define DG_HEAD_HALF PT(2.8)      /* arrow head, half its spread */
#define DG_DASH PT(3)             /* branch dashes */
#define DG_DASH_GAP PT(2)

#define DG_MARK_SIZE PT(7.5)      /* "This role", "Next step" under a box */
#define DG_NEXT_MAX 64            /* next steps marked from one box; a framework with more
                                   * branches from one role leaves the rest unmarked */
#define DG_HIGHLIGHT_W PT(2.4)    /* the edition's role: outline */
#define DG_NEXT_W PT(1.6)         /* its next steps: outline */
#define DG_HIGHLIGHT_RGB 0xD6E4F5u /* the edition's role: fill, the accent tinted */

#define DG_OUTLINE_RGB 0x374151u  /* box outlines: dark in any print */
#define DG_ARROW_RGB 0x4B5563u
#define DG_PHASE_TEXT_RGB 0x374151u

/* Band fills alternate so neighbouring phases stay apart in grey. */
static const uint32_t band_rgb[2] = { 0xEEF1F5u, 0xE4E8EEu };
/* Box fills by track: different lightness, all light enough for black text. */
static const uint32_t track_rgb[4] = { 0xFFFFFFu, 0xD9DFE8u, 0xF0EADCu, 0xE2ECDDu };

/* Sets s in one style at `width`, its lines counted in st (para.stats;
 * NULL: the book's) and messages naming file.  Returns the number of
 * lines, or -1 when a word is wider than the width (unless force, which
 * breaks it).  Trial settings count apart, so --stats counts what is drawn. */
static int set_text(struct lctx *L, const char *file, struct lstats *st, const char *s, int face, fx size,
                    uint32_t rgb, fx width, enum align al, int force, struct pline **ln)
{
	struct span_style sp = { face, size, rgb, SP_NOHYPH, NULL };
	return para_set_string(L, file, st, s, &sp, width, al, !force, ln);
}

/* 1 when every text item of the lines lies within [0, width]. */
static int lines_fit(const struct pline *ln, int n, fx width)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ln[i].n; k++) {
			const struct dl_item *t = &ln[i].items[k];
			if (t->kind == DL_TEXT && (t->x < 0 || t->x + t->w > width))
				return 0;
		}
	return 1;
}

/* Copies a line's text items to out at (x, y), dropping any that would leave
 * [x, x + width]; returns how many were dropped. */
static int emit_line(struct dl_items *o, const struct pline *l, fx x, fx y, fx width)
{
	int dropped = 0;
	for (int k = 0; k < l->n; k++) {
		const struct dl_item *t = &l->items[k];
		if (t->kind == DL_TEXT && (t->x < 0 || t->x + t->w > width)) {
			dropped++;
			continue;
		}
		struct dl_item *c = dl_items_add(o, t->kind);
		*c = *t;
		c->x += x;
		c->y += y;
	}
	return dropped;
}

/* Sets s into the rectangle (x, y, w, h), top-aligned, at the largest scale
 * from 1000 down to min_scale (per mille) at which it fits, and returns the
 * height used.  When it does not fit even at min_scale: with clip, it is set
 * at min_scale and what does not fit is left out; without, nothing is set
 * and the result is -1. */
static fx fit_text(struct lctx *L, struct lstats *st, const char *s, int face, fx size, uint32_t rgb,
                   enum align al, fx x, fx y, fx w, fx h, int min_scale, int clip, struct dl_items *out)
{
	struct pline *ln = NULL;
	int n = -1;
	for (int scale = 1000; scale >= min_scale; scale -= DG_SCALE_STEP) {
		struct lstats trial = { 0 };
		fx sz = (fx)((int64_t)size * scale / 1000);
		n = set_text(L, NULL, &trial, s, face, sz, rgb, w, al, 0, &ln);
		if (n >= 0 && (fx)n * STYLE_LEADING(sz) <= h && lines_fit(ln, n, w)) {
			lstats_add(st ? st : &L->stats, &trial);
			break;
		}
		n = -1;
	}
	if (n < 0 && !clip)
		return -1;
	if (n < 0)
		n = set_text(L, NULL, st, s, face, (fx)((int64_t)size * min_scale / 1000), rgb, w, al, 1, &ln);
	fx used = 0;
	for (int i = 0; i < n && used + ln[i].h <= h; i++) {
		emit_line(out, &ln[i], x, y + used, w);
		used += ln[i].h;
	}
	return used;
}

/* What one role box says. */
struct boxtext {
	const char *code;   /* "L3" or NULL */
	const char *title;  /* role title */
	const char *page;   /* "p. 7" or NULL */
	const struct fw_role *role; /* whose box, for messages */
	int idx;            /* the role's index in the framework, for the memo */
};

/* Sets a box's text at scale (per mille) in an inner area iw x ih.  Returns
 * 1 when it all fits; *need is the height it takes (-1 when some word is
 * too wide).  Appends the items at (0, 0) to out; with force, sets what
 * fits even when not all does.  *dropped counts text items left out; the
 * lines count in *st. */
static int box_text_in(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, int force,
                       struct dl_items *out, fx *need, int *dropped, struct lstats *st)
{
	const char *file = bt->role ? bt->role->file : NULL;
	fx cs = (fx)((int64_t)DG_CODE_SIZE * scale / 1000);
	fx ts = (fx)((int64_t)DG_TITLE_SIZE * scale / 1000);
	fx ps = (fx)((int64_t)DG_PAGE_SIZE * scale / 1000);
	ps = ps < DG_READ_SIZE ? DG_READ_SIZE : ps; /* the smallest box text; the title is larger */
	fx gap = (fx)((int64_t)PT(4) * scale / 1000);
	struct pline *cl = NULL, *pl = NULL, *tl = NULL;
	int nc = 0, np = 0, nt;
	int ok = 1;
	fx code_right = 0, page_left = iw;
	*need = -1;
	*dropped = 0;
	if (bt->code) {
		nc = set_text(L, file, st, bt->code, FACE_BOLD, cs, STYLE_HEADING_RGB, iw, AL_LEFT, force, &cl);
		if (nc != 1 || !lines_fit(cl, nc, iw))
			ok = 0;
		for (int k = 0; nc > 0 && k < cl[0].n; k++)
			if (cl[0].items[k].kind == DL_TEXT && cl[0].items[k].x + cl[0].items[k].w > code_right)
				code_right = cl[0].items[k].x + cl[0].items[k].w;
	}
	if (bt->page) {
		np = set_text(L, file, st, bt->page, FACE_REGULAR, ps, STYLE_MUTED_RGB, iw, AL_RIGHT, force, &pl);
		if (np != 1 || !lines_fit(pl, np, iw))
			ok = 0;
		for (int k = 0; np > 0 && k < pl[0].n; k++)
			if (pl[0].items[k].kind == DL_TEXT && pl[0].items[k].x < page_left)
				page_left = pl[0].items[k].x;
		if (bt->code && code_right + gap > page_left)
			ok = 0;
	}
	fx hh = bt->code ? STYLE_LEADING(cs) : bt->page ? STYLE_LEADING(ps) : 0;
	fx hgap = hh ? (fx)((int64_t)PT(1.5) * scale / 1000) : 0;
	nt = set_text(L, file, st, bt->title, FACE_REGULAR, ts, STYLE_TEXT_RGB, iw, AL_LEFT, force, &tl);
	if (nt < 0 || !lines_fit(tl, nt, iw))
		ok = 0;
	if (ok)
		*need = hh + hgap + (fx)nt * STYLE_LEADING(ts);
	if (hh > ih || (ok && *need > ih))
		ok = 0;
	if (hh <= ih) {
		fx base = 0;
		if (nc > 0) {
			*dropped += emit_line(out, &cl[0], 0, 0, iw);
			for (int k = 0; k < cl[0].n; k++)
				if (cl[0].items[k].kind == DL_TEXT)
					base = cl[0].items[k].y;
		}
		if (np > 0 && (!bt->code || code_right + gap <= page_left)) {
			int first = out->n;
			*dropped += emit_line(out, &pl[0], 0, 0, iw);
			if (nc > 0) /* share the code's baseline */
				for (int k = first; k < out->n; k++)
					out->v[k].y = base;
		} else if (np > 0) {
			(*dropped)++;
		}
	}
	fx used = hh + hgap;
	for (int i = 0; i < nt; i++) {
		if (used + tl[i].h > ih) {
			*dropped += nt - i;
			break;
		}
		*dropped += emit_line(out, &tl[i], 0, used, iw);
		used += tl[i].h;
	}
	return ok;
}

/* One setting of a box's text, kept for the run. */
struct memo_entry {
	int scale, force;       /* the key, with iw, ih, title and page */
	fx iw, ih;
	const char *title;      /* memo-owned: abbreviated titles vary */
	const char *page;       /* memo-owned, or NULL */
	int ok, dropped;
	fx need;
	struct dl_item *items;  /* at (0, 0); memo-owned, strings too */
	int n;
	struct lstats st;       /* what setting it added to the line statistics */
};

/* The largest scale that fits, searched from `from` (fit_scale). */
struct memo_fit {
	int from, scale;
	fx iw, ih;
	const char *title;      /* memo-owned */
	const char *page;       /* memo-owned, or NULL */
};

enum abbr { ABBR_TRACK, ABBR_WORDS, ABBR__MAX };

/* What one role's box was set as. */
struct role_memo {
	struct memo_entry *v;
	int n, cap;
	struct memo_fit *f;
	int nf, capf;
	const char *abbr_of;          /* the title abbr[] shortens (memo arena), or NULL */
	const char *abbr[ABBR__MAX];  /* its abbreviations, NULL: none (memo arena) */
};

/* Box text settings kept across the editions of one run.  --all-roles draws
 * every box in every role's diagram, at several trial scales each: setting
 * them anew was most of its time, growing with the square of the roles.
 * A role is set at a few sizes only, so its settings are a short list. */
struct dg_memo {
	struct role_memo *r;    /* by role index */
	int nr;
	struct arena *arena;
};

struct dg_memo *diagram_memo_new(int roles)
{
	struct dg_memo *m = xcalloc(1, sizeof(*m));
	m->nr = roles;
	m->r = xcalloc((size_t)(roles ? roles : 1), sizeof(*m->r));
	m->arena = arena_new();
	return m;
}

void diagram_memo_free(struct dg_memo *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nr; i++) {
		free(m->r[i].v);
		free(m->r[i].f);
	}
	free(m->r);
	arena_free(m->arena);
	free(m);
}

/* 1 when two optional strings say the same. */
static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The memo of bt's role, or NULL when there is none. */
static struct role_memo *role_memo(const struct lctx *L, const struct boxtext *bt)
{
	struct dg_memo *m = L->dg_memo;
	return m && bt->idx >= 0 && bt->idx < m->nr ? &m->r[bt->idx] : NULL;
}

static const char *memo_page(struct lctx *L, const char *page)
{
	return page ? arena_strndup(L->dg_memo->arena, page, strlen(page)) : NULL;
}

/* 1 when nothing was added to the messages since the counts in c. */
static int quiet_since(const struct diags *d, const int c[3])
{
	return d->n == c[0] && d->errors == c[1] && d->warnings == c[2];
}

/* Sets the box text as box_text_in does, from the memo when this role's box
 * was set the same way before; keeps the setting when keep.  A setting that
 * drew a message is never kept, so each edition reports it as it did. */
static const struct memo_entry *box_text_memo(struct lctx *L, const struct boxtext *bt, int scale,
                                              fx iw, fx ih, int force, int keep,
                                              struct memo_entry *tmp, struct dl_items *scratch)
{
	struct role_memo *rm = role_memo(L, bt);
	for (int k = 0; rm && k < rm->n; k++) {
		const struct memo_entry *e = &rm->v[k];
		if (e->scale == scale && e->force == force && e->iw == iw && e->ih == ih &&
		    same_str(e->page, bt->page) && same_str(e->title, bt->title))
			return e;
	}
	int counts[3] = { L->d->n, L->d->errors, L->d->warnings };
	scratch->n = 0;
	*tmp = (struct memo_entry){ .scale = scale, .force = force, .iw = iw, .ih = ih };
	tmp->ok = box_text_in(L, bt, scale, iw, ih, force, scratch, &tmp->need, &tmp->dropped, &tmp->st);
	tmp->items = scratch->v;
	tmp->n = scratch->n;
	if (!rm || !keep || !quiet_since(L->d, counts))
		return tmp;
	struct arena *a = L->dg_memo->arena;
	GROW(rm->v, rm->cap, rm->n + 1);
	struct memo_entry *e = &rm->v[rm->n++];
	*e = *tmp;
	e->page = memo_page(L, bt->page);
	e->title = memo_page(L, bt->title);
	e->items = scratch->n ? arena_memdup(a, scratch->v, sizeof(*scratch->v) * (size_t)scratch->n) : NULL;
	for (int k = 0; k < e->n; k++)
		if (e->items[k].str)
			e->items[k].str = arena_strndup(a, e->items[k].str, (size_t)e->items[k].len);
	return e;
}

/* A box's text, measured (out NULL) or drawn at (x, y), with messages (a
 * word too wide, say) naming the role's file.  With keep, the setting is
 * kept for the editions to come (not for trial scales: fit_scale keeps
 * their outcome). */
static int box_text(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, fx x, fx y,
                    int force, int keep, struct dl_items *out, fx *need)
{
	struct memo_entry tmp;
	struct dl_items scratch = { 0 };
	const struct memo_entry *e = box_text_memo(L, bt, scale, iw, ih, force, keep, &tmp, &scratch);
	*need = e->need;
	if (out) {
		for (int k = 0; k < e->n; k++) {
			struct dl_item *c = dl_items_add(out, e->items[k].kind);
			*c = e->items[k];
			c->x += x;
			c->y += y;
		}
		lstats_add(&L->stats, &e->st); /* drawn: its lines count */
		if (e->dropped)
			diag_warn_at(L->d, bt->role->file, bt->role->line, bt->role->column,
			             "career-journey diagram: the title '%s' does not fit its box; "
			             "part of it is left out", bt->title);
	}
	int ok = e->ok;
	dl_items_done(&scratch);
	return ok;
}

static void line(struct dl_items *o, fx x1, fx y1, fx x2, fx y2, fx w, uint32_t rgb)
{
	struct dl_item *l = dl_items_add(o, DL_LINE);
	l->x = x1;
	l->y = y1;
	l->w = x2 - x1;
	l->h = y2 - y1;
	l->size = w;
	l->rgb = rgb;
}

/* An axis-parallel dashed line. */
static void dashed(struct dl_items *o, fx x1, fx y1, fx x2, fx y2)
{
	fx len = abs(x2 - x1) + abs(y2 - y1);
	int sx = (x2 > x1) - (x2 < x1), sy = (y2 > y1) - (y2 < y1);
	for (fx t = 0; t < len; t += DG_DASH + DG_DASH_GAP) {
		fx e = t + DG_DASH < len ? t + DG_DASH : len;
		line(o, x1 + sx * t, y1 + sy * t, x1 + sx * e, y1 + sy * e, DG_LINE_W, DG_ARROW_RGB);
	}
}

/* An arrow head pointing right with its tip at (x, y). */
static void head(struct dl_items *o, fx x, fx y, fx len)
{
	fx half = (fx)((int64_t)DG_HEAD_HALF * len / DG_HEAD_LEN);
	line(o, x - len, y - half, x, y, DG_LINE_W, DG_ARROW_RGB);
	line(o, x - len, y + half, x, y, DG_LINE_W, DG_ARROW_RGB);
}

static void rect(struct dl_items *o, fx x, fx y, fx w, fx h, fx stroke, uint32_t rgb)
{
	struct dl_item *r = dl_items_add(o, DL_RECT);
	r->x = x;
	r->y = y;
	r->w = w;
	r->h = h;
	r->size = stroke;
	r->rgb = rgb;
}

/* Where everything goes: worked out once, read by each drawing step. */
struct grid {
	fx x0, colw, gapx;  /* first column's left edge, column width, gap between columns */
	fx gridw;           /* all columns and gaps */
	fx top;             /* top of the bands and their label strip */
	fx strip;           /* phase label strip; 0 without phases */
	fx capt;            /* track name strip above a row's boxes */
	fx boxh, gapy;      /* box height; gap below a row */
	fx pad;             /* inside a box */
	fx band_pad;        /* bands below the last row */
	fx mark;            /* label strip under a marked box; 0 without a highlight */
	fx headlen;         /* arrow heads */
	int row0, rows;     /* the rows on this page: row0 .. row0 + rows - 1 */
};

/* 1 when row r is drawn on the page g lays out. */
static int on_page(const struct grid *g, int r)
{
	return r >= g->row0 && r < g->row0 + g->rows;
}

static fx col_x(const struct grid *g, int c)
{
	return g->x0 + (fx)c * (g->colw + g->gapx);
}

/* A row's box top (rows on the page; others give where they would be). */
static fx row_y(const struct grid *g, int r)
{
	return g->top + g->strip + (fx)(r - g->row0) * (g->capt + g->boxh + g->gapy) + g->capt;
}

/* Columns share the width; gaps give way first, down to DG_GAP_X_MIN. */
static void grid_columns(struct grid *g, int nc, fx width)
{
	fx avail = width - 2 * DG_EDGE;
	g->gapx = nc > 1 ? DG_GAP_X : 0;
	g->colw = (avail - (nc - 1) * g->gapx) / nc;
	if (g->colw < DG_COL_MIN && nc > 1) {
		g->gapx = (avail - nc * DG_COL_MIN) / (nc - 1);
		g->gapx = g->gapx < DG_GAP_X_MIN ? DG_GAP_X_MIN : g->gapx;
		g->colw = (avail - (nc - 1) * g->gapx) / nc;
	}
	if (g->colw < 2 * g->gapx) { /* very many levels: gaps and columns shrink together */
		g->gapx = avail / (3 * nc - 1);
		g->colw = (avail - (nc - 1) * g->gapx) / nc;
	}
	if (g->colw > DG_COL_MAX)
		g->colw = DG_COL_MAX;
	g->gridw = nc * g->colw + (nc - 1) * g->gapx;
	g->x0 = (width - g->gridw) / 2;
	g->pad = DG_PAD < g->colw / 10 ? DG_PAD : g->colw / 10;
	g->headlen = DG_HEAD_LEN < g->gapx / 3 ? DG_HEAD_LEN : g->gapx / 3;
}

/* Rows share the height from y down: boxes as tall as the tallest text
 * needs (up to DG_TITLE_LINES of title), gaps between DG_GAP_Y_MIN and
 * DG_GAP_Y_MAX, what is left above and below.  So many tracks that even
 * DG_BOX_FLOOR boxes do not fit squeeze captions, gaps and boxes alike, so
 * the page never overflows.  Sets top, capt, boxh, gapy and maybe pad. */
static void grid_rows(struct grid *g, int nr, fx y, fx height, fx nat)
{
	fx most = STYLE_LEADING(DG_CODE_SIZE) + PT(1.5) + DG_TITLE_LINES * STYLE_LEADING(DG_TITLE_SIZE);
	if (nat <= 0 || nat > most) /* one outlandish title shrinks rather than stretching every box */
		nat = most;
	fx boxh = nat + 2 * g->pad;
	boxh = boxh < DG_BOX_MIN ? DG_BOX_MIN : boxh;
	fx region = height - y - g->strip - g->band_pad; /* for the rows */
	region = region > 0 ? region : 0;
	fx gmin = DG_GAP_Y_MIN > g->mark ? DG_GAP_Y_MIN : g->mark;
	fx floor = nr * (g->capt + DG_BOX_FLOOR) + (nr - 1) * gmin;
	if (floor > region) {
		g->capt = (fx)((int64_t)g->capt * region / floor);
		gmin = (fx)((int64_t)gmin * region / floor);
	}
	fx gapy = nr > 1 ? DG_GAP_Y : 0;
	fx cap = (region - nr * g->capt - (nr - 1) * gapy) / nr;
	if (cap < boxh && nr > 1) {
		gapy = gmin;
		cap = (region - nr * g->capt - (nr - 1) * gapy) / nr;
	}
	if (boxh > cap)
		boxh = cap > 0 ? cap : 0;
	if (boxh < 4 * g->pad)
		g->pad = boxh / 4;
	fx spare = region - nr * (g->capt + boxh) - (nr - 1) * gapy;
	if (nr > 1 && spare > 0) {
		fx gy = gapy + spare / (nr - 1);
		gy = gy > DG_GAP_Y_MAX ? DG_GAP_Y_MAX : gy;
		spare -= (gy - gapy) * (nr - 1);
		gapy = gy;
	}
	g->top = y + (spare > 0 ? spare / 3 : 0); /* optical centre: a little above the middle */
	g->boxh = boxh;
	g->gapy = gapy;
}

/* What a page of the diagram draws, for its legend to claim. */
struct claims {
	int arrow, branch, page, marks;
	int excerpt; /* 1: a role edition's pages of a longer journey */
};

/* 1 when the page of rows row0 .. row0 + rows - 1 holds the highlighted
 * role or one of its next steps. */
static int page_wanted(const struct framework *d, int highlight, int row0, int rows)
{
	int want[DG_EXCERPT_STEPS + 1];
	int n = framework_next_steps(d, highlight, want, DG_EXCERPT_STEPS);
	want[n++] = highlight;
	for (int k = 0; k < n; k++) {
		const struct fw_role *r = framework_role(d, want[k]);
		if (r && r->row >= row0 && r->row < row0 + rows)
			return 1;
	}
	return 0;
}

/* The title and the legend; returns the height they take. */
static fx title_legend(struct lctx *L, struct lstats *st, const struct claims *c, fx width, struct dl_items *o)
{
	fx y = fit_text(L, st, msg(MSG_CAREER_JOURNEY), FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB,
	                AL_LEFT, 0, 0, width, STYLE_LEADING(style_heading[1].size) * 2, 500, 1, o);
	y += PT(2);
	struct buf legend;
	buf_init(&legend);
	/* the legend claims only what is drawn */
	buf_adds(&legend, msg(c->branch ? MSG_JOURNEY_BRANCH : c->arrow ? MSG_JOURNEY_TRACKS : MSG_JOURNEY_BOXES));
	if (c->page)
		buf_adds(&legend, msg(MSG_JOURNEY_PAGES));
	if (c->marks)
		buf_adds(&legend, msg(MSG_JOURNEY_MARKS));
	if (c->excerpt)
		buf_adds(&legend, msg(MSG_JOURNEY_EXCERPT));
	buf_cstr(&legend);
	/* one line if shrinking a little will do; else wrapped */
	fx lh = STYLE_LEADING(DG_LEGEND_SIZE);
	fx used = fit_text(L, st, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0, y,
	                   width, lh, 800, 0, o);
	if (used < 0)
		used = fit_text(L, st, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0,
		                y, width, 4 * lh, 500, 1, o);
	buf_done(&legend);
	return y + used;
}

/* Each phase band's left and right edge (bx[2i], bx[2i+1]); returns the
 * height of the label strip: one line, or two when some label needs them. */
static fx band_edges(struct lctx *L, const struct framework *d, const struct grid *g, fx width, fx *bx)
{
	int lines = 1;
	for (int i = 0; i < d->nphases; i++) {
		fx l = col_x(g, d->phases[i].from_col) - g->gapx / 2 + PT(1.5);
		fx r = col_x(g, d->phases[i].to_col) + g->colw + g->gapx / 2 - PT(1.5);
		if (d->phases[i].from_col == 0 || g->gapx == 0)
			l = g->x0 - DG_EDGE;
		if (d->phases[i].to_col == d->ncols - 1 || g->gapx == 0)
			r = g->x0 + g->gridw + DG_EDGE;
		bx[2 * i] = l < 0 ? 0 : l;
		bx[2 * i + 1] = r > width ? width : r;
		struct lstats trial = { 0 };
		struct pline *ln;
		int n = set_text(L, NULL, &trial, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB,
		                 bx[2 * i + 1] - bx[2 * i] - 2 * PT(4), AL_CENTER, 0, &ln);
		if (n != 1)
			lines = 2;
	}
	return d->nphases ? lines * STYLE_LEADING(DG_PHASE_SIZE) + PT(6) : 0;
}

/* The largest scale from `from` down, in DG_SCALE_STEP steps, at which the
 * box's text fits; below DG_SCALE_MIN when none does.  Kept in the memo
 * unless the search drew a message.  Smaller text fits at least as well
 * (each line's words shrink with it), so after `from` itself the steps
 * are searched by halving: a thousand small boxes tried every step cost
 * 23 settings each, a third of a --role on 1,000 level files. */
static int fit_scale(struct lctx *L, const struct boxtext *bt, int from, fx iw, fx ih)
{
	struct role_memo *rm = role_memo(L, bt);
	for (int k = 0; rm && k < rm->nf; k++) {
		const struct memo_fit *f = &rm->f[k];
		if (f->from == from && f->iw == iw && f->ih == ih && same_str(f->page, bt->page) &&
		    same_str(f->title, bt->title))
			return f->scale;
	}
	int counts[3] = { L->d->n, L->d->errors, L->d->warnings };
	fx need;
	int s = from;
	if (!box_text(L, bt, s, iw, ih, 0, 0, 0, 0, NULL, &need)) {
		/* steps from `from`: hi does not fit; lo is the first step below
		 * DG_SCALE_MIN, which stands for "none fits" */
		int hi = 0, lo = (from - DG_SCALE_MIN) / DG_SCALE_STEP + 1;
		while (lo - hi > 1) {
			int mid = hi + (lo - hi) / 2;
			if (box_text(L, bt, from - mid * DG_SCALE_STEP, iw, ih, 0, 0, 0, 0, NULL, &need))
				lo = mid;
			else
				hi = mid;
		}
		s = from - lo * DG_SCALE_STEP;
	}
	if (rm && quiet_since(L->d, counts)) {
		GROW(rm->f, rm->capf, rm->nf + 1);
		rm->f[rm->nf++] = (struct memo_fit){ from, s, iw, ih, memo_page(L, bt->title),
		                                     memo_page(L, bt->page) };
	}
	return s;
}

/* Abbreviations a title too long for its box is given, in order. */
/* Words of a track name that its initials leave out. */
static int minor_word(const char *w, size_t n)
{
	static const char *const minor[] = { "and", "of", "the", "for", "&" };
	for (size_t i = 0; i < sizeof(minor) / sizeof(*minor); i++)
		if (strlen(minor[i]) == n && !strncasecmp(w, minor[i], n))
			return 1;
	return 0;
}

/* The words of s (runs between spaces): starts in w, lengths in len. */
static int split_words(const char *s, const char **w, size_t *len, int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		w[n] = s;
		len[n++] = (size_t)(e - s);
		s = e;
	}
	return n;
}

/* Words a title is abbreviated over: more make no box title. */
#define DG_ABBR_MAX_WORDS 32
/* ABBR_WORDS: words longer than this many characters keep DG_ABBR_KEEP and a period. */
#define DG_ABBR_LONG 8
#define DG_ABBR_KEEP 5

/* A shorter title, or NULL when the rule changes nothing (arena string).
 * ABBR_TRACK: the words the title shares with its track's name (set above
 * the row) become their initials ("Associate Machine Learning Research
 * Engineer" in "Machine Learning Research" -> "Associate MLR Engineer").
 * ABBR_WORDS: besides, long words are cut ("Infrastructure" -> "Infra.").
 * The full title stays in the chapter, the contents and the role list. */
static const char *abbreviate_title(struct arena *a, const char *title, const char *track, enum abbr how)
{
	const char *tw[DG_ABBR_MAX_WORDS], *kw[DG_ABBR_MAX_WORDS];
	size_t tl[DG_ABBR_MAX_WORDS], kl[DG_ABBR_MAX_WORDS];
	int nt = split_words(title, tw, tl, DG_ABBR_MAX_WORDS);
	int nk = track ? split_words(track, kw, kl, DG_ABBR_MAX_WORDS) : 0;
	int at = -1;
	for (int i = 0; nk > 1 && i + nk <= nt && at < 0; i++) {
		int same = 1;
		for (int k = 0; k < nk && same; k++)
			same = tl[i + k] == kl[k] && !strncasecmp(tw[i + k], kw[k], kl[k]);
		if (same)
			at = i;
	}
	struct buf b;
	buf_init(&b);
	int changed = 0;
	for (int i = 0; i < nt; i++) {
		if (b.len)
			buf_addc(&b, ' ');
		if (i == at) {
			for (int k = 0; k < nk; k++)
				if (!minor_word(kw[k], kl[k])) {
					uint32_t cp;
					int m = utf8_decode(kw[k], kl[k], &cp);
					if (cp < 0x80)
						buf_addc(&b, toupper((unsigned char)cp));
					else
						buf_add(&b, kw[k], (size_t)m);
				}
			i += nk - 1;
			changed = 1;
			continue;
		}
		size_t chars = utf8_count(tw[i], tl[i]);
		if (how == ABBR_WORDS && chars > DG_ABBR_LONG) {
			size_t off = 0;
			for (int k = 0; k < DG_ABBR_KEEP; k++) {
				uint32_t cp;
				off += (size_t)utf8_decode(tw[i] + off, tl[i] - off, &cp);
			}
			buf_add(&b, tw[i], off);
			buf_addc(&b, '.');
			changed = 1;
			continue;
		}
		buf_add(&b, tw[i], tl[i]);
	}
	const char *r = changed && nt <= DG_ABBR_MAX_WORDS ? arena_strndup(a, b.data, b.len) : NULL;
	buf_done(&b);
	return r;
}

/* abbreviate_title for the box of bt, kept in its role's memo: every
 * edition of --all-roles asks it for the same boxes. */
static const char *abbreviate(struct lctx *L, const struct boxtext *bt, enum abbr how)
{
	const char *track = bt->role ? bt->role->track : NULL;
	struct role_memo *rm = role_memo(L, bt);
	if (!rm)
		return abbreviate_title(L->arena, bt->title, track, how);
	if (!same_str(rm->abbr_of, bt->title)) {
		struct arena *a = L->dg_memo->arena;
		rm->abbr_of = arena_strndup(a, bt->title, strlen(bt->title));
		for (int h = 0; h < ABBR__MAX; h++)
			rm->abbr[h] = abbreviate_title(a, bt->title, track, (enum abbr)h);
	}
	return rm->abbr[how];
}

/* The text scale of each box (per mille; below DG_SCALE_MIN: even that
 * does not fit).  One scale for all, the largest at which every box fits,
 * unless that is below DG_SCALE_UNIFORM: then the boxes that need it
 * shrink alone. */
static void box_scales(struct lctx *L, struct boxtext *bt, int n, fx iw, fx ih, int warn, int *sc)
{
	int common = 1000;
	for (int i = 0; i < n; i++) {
		sc[i] = fit_scale(L, &bt[i], 1000, iw, ih);
		common = sc[i] < common ? sc[i] : common;
	}
	common = common < DG_SCALE_UNIFORM ? DG_SCALE_UNIFORM : common;
	for (int i = 0; i < n; i++) {
		if (sc[i] < common)
			continue;
		sc[i] = fit_scale(L, &bt[i], common, iw, ih); /* smaller text almost always fits too; check */
	}
	/* a title that would shrink far below its neighbours (where the
	 * warning begins) is abbreviated first, when that lets it stay larger;
	 * never larger than the common scale */
	for (int i = 0; i < n; i++)
		for (int how = 0; how < ABBR__MAX && sc[i] < DIAGRAM_WARN_SCALE; how++) {
			const char *a = abbreviate(L, &bt[i], how);
			if (!a)
				continue;
			struct boxtext t = bt[i];
			t.title = a;
			int s = fit_scale(L, &t, common, iw, ih);
			if (s > sc[i]) {
				bt[i].title = a;
				sc[i] = s;
			}
		}
	for (int i = 0; i < n && warn; i++)
		if (sc[i] >= DG_SCALE_MIN && sc[i] < DIAGRAM_WARN_SCALE)
			diag_warn_at(L->d, bt[i].role->file, bt[i].role->line, bt[i].role->column,
			             "career-journey diagram: the role title '%s' is too long "
			             "for its box; set at %d%% of its size", bt[i].title, sc[i] / 10);
}

/* A role as the description names it: "L2 Platform Engineer". */
static void say_role(const struct fw_role *r, struct buf *b)
{
	if (r->code)
		buf_addf(b, "%s ", r->code);
	buf_adds(b, r->title);
}

/* Track names above each track's first box, running right until the first
 * branch line that crosses their strip (kept at a readable size: past the
 * line when it leaves too little room).  A branch from a role on another
 * page names that role in the empty cell left of where its line comes in. */
static void draw_captions(struct lctx *L, const struct framework *d, const struct grid *g,
                          const int *from, struct dl_items *o)
{
	for (int r = g->row0; r < g->row0 + g->rows; r++) {
		int f = framework_row_first(d, r, 0);
		if (f < 0 || framework_extra_row(d, r))
			continue;
		fx cx = col_x(g, d->roles[f].col), lim = g->x0 + g->gridw;
		for (int q = 0; q < d->nrows; q++) {
			int a = from[q];
			if (a < 0 || !(d->roles[a].row < r && r <= q))
				continue;
			fx gx = col_x(g, d->roles[a].col) + g->colw + g->gapx / 2 - DG_LINE_W;
			if (gx > cx && gx - PT(2) < lim)
				lim = gx - PT(2);
		}
		int min = g->rows < d->nrows ? DG_READ_SIZE * 1000 / DG_TRACK_SIZE + 1 : 700;
		struct dl_items scratch = { 0 };
		struct lstats trial = { 0 };
		if (g->rows < d->nrows &&
		    fit_text(L, &trial, d->tracks[r], FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_LEFT, cx,
		             row_y(g, r) - g->capt, lim - cx, g->capt, min, 0, &scratch) < 0)
			lim = g->x0 + g->gridw;
		dl_items_done(&scratch);
		fit_text(L, NULL, d->tracks[r], FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_LEFT, cx,
		         row_y(g, r) - g->capt, lim - cx, g->capt, min, 1, o);
		int a = from[r];
		if (a < 0 || on_page(g, d->roles[a].row))
			continue;
		/* the role it branches from, in the empty cell left of the track's
		 * first box, beside the line coming in */
		struct buf b;
		buf_init(&b);
		say_role(&d->roles[a], &b);
		buf_cstr(&b);
		fit_text(L, NULL, b.data, FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_RIGHT,
		         col_x(g, d->roles[a].col), row_y(g, r), g->colw - PT(2), g->boxh, min, 1, o);
		buf_done(&b);
	}
}

/* Progression within each row, mid-height from box to box; then each
 * branch: out of the lower part of its box, down the column gap, into the
 * new track's first box, dashed. */
static void draw_arrows(const struct framework *d, const struct grid *g, const int *from,
                        struct dl_items *o)
{
	for (int i = 0; i < d->n; i++) {
		const struct fw_role *a = &d->roles[i];
		int b = framework_row_next(d, i);
		if (b < 0 || !on_page(g, a->row))
			continue;
		fx ym = row_y(g, a->row) + g->boxh / 2;
		fx xa = col_x(g, a->col) + g->colw, xb = col_x(g, d->roles[b].col);
		line(o, xa, ym, xb, ym, DG_LINE_W, DG_ARROW_RGB);
		head(o, xb, ym, g->headlen);
	}
	/* a branch between pages: out of the grid's bottom edge on the page of
	 * its role, in at the top edge on the page of the track it leads to */
	fx top = g->top + g->strip, bottom = row_y(g, g->row0 + g->rows - 1) + g->boxh + g->band_pad;
	for (int r = 0; r < d->nrows; r++) {
		int a = from[r], b = framework_row_first(d, r, 1);
		if (a < 0 || b < 0)
			continue;
		int sa = on_page(g, d->roles[a].row), sb = on_page(g, r);
		if (!sa && !sb)
			continue;
		fx xa = col_x(g, d->roles[a].col) + g->colw, ya = row_y(g, d->roles[a].row) + g->boxh * 3 / 4;
		fx xb = col_x(g, d->roles[b].col), yb = row_y(g, r) + g->boxh / 2;
		fx gx = xa + g->gapx / 2;
		if (!sa)
			ya = d->roles[a].row < r ? top : bottom;
		if (!sb)
			yb = r > d->roles[a].row ? bottom : top;
		if (sa)
			dashed(o, xa, ya, gx, ya);
		dashed(o, gx, ya, gx, yb);
		if (sb) {
			dashed(o, gx, yb, xb, yb);
			head(o, xb, yb, g->headlen);
		}
	}
}

/* "This role" under the highlighted box, "Next step" under where it leads. */
static void draw_marks(struct lctx *L, const struct framework *d, int highlight, const struct grid *g,
                       struct dl_items *o)
{
	int next[DG_NEXT_MAX];
	int nnext = highlight ? framework_next_steps(d, highlight, next, DG_NEXT_MAX) : 0;
	for (int i = 0; i < d->n && g->mark > 0; i++) {
		const struct fw_role *ro = &d->roles[i];
		int self = ro->chapter == highlight, step = 0;
		for (int k = 0; k < nnext; k++)
			step |= next[k] == ro->chapter;
		if ((!self && !step) || !on_page(g, ro->row))
			continue;
		fx x = col_x(g, ro->col), y = row_y(g, ro->row) + g->boxh + PT(2);
		fit_text(L, NULL, msg(self ? MSG_THIS_ROLE : MSG_NEXT_STEP), self ? FACE_BOLD : FACE_REGULAR, DG_MARK_SIZE,
		         STYLE_ACCENT_RGB, AL_CENTER, x, y, g->colw, g->mark - PT(2), 500, 1, o);
	}
}

/* The boxes: fill, outline, text, link, in the order diagram.h promises. */
static void draw_boxes(struct lctx *L, const struct framework *d, int highlight, const struct book *bk,
                       const struct grid *g, const struct boxtext *bt, const int *sc,
                       struct dl_items *o)
{
	fx iw = g->colw - 2 * g->pad, ih = g->boxh - 2 * g->pad;
	int next[DG_NEXT_MAX];
	int nnext = highlight ? framework_next_steps(d, highlight, next, DG_NEXT_MAX) : 0;
	int *track_of = xcalloc((size_t)(d->nrows ? d->nrows : 1), sizeof(*track_of));
	for (int r = 1; r < d->nrows; r++) /* the track's position among tracks, for its fill */
		track_of[r] = track_of[r - 1] + !framework_extra_row(d, r);
	for (int i = 0; i < d->n; i++) {
		const struct fw_role *ro = &d->roles[i];
		if (!on_page(g, ro->row))
			continue;
		fx x = col_x(g, ro->col), y = row_y(g, ro->row);
		int ti = track_of[ro->row];
		int self = highlight && ro->chapter == highlight, step = 0;
		for (int k = 0; k < nnext; k++)
			step |= next[k] == ro->chapter;
		/* a thick outline is stroked half outside the box: the gaps leave room */
		fx lw = self ? DG_HIGHLIGHT_W : step ? DG_NEXT_W : DG_BOX_LINE_W;
		rect(o, x, y, g->colw, g->boxh, 0, self ? DG_HIGHLIGHT_RGB : track_rgb[ti % 4]);
		rect(o, x, y, g->colw, g->boxh, lw, self || step ? STYLE_ACCENT_RGB : DG_OUTLINE_RGB);
		fx need;
		int force = sc[i] < DG_SCALE_MIN;
		box_text(L, &bt[i], force ? DG_SCALE_MIN : sc[i], iw, ih, x + g->pad, y + g->pad, force, 1, o,
		         &need);
		const char *key = bk->ch[ro->chapter].key;
		if (!model_has_chapter(bk, ro->chapter))
			continue; /* its chapter is not in this edition */
		struct dl_item *ln = dl_items_add(o, DL_LINK);
		ln->x = x;
		ln->y = y;
		ln->w = g->colw;
		ln->h = g->boxh;
		ln->len = (int)strlen(key);
		ln->str = arena_strndup(L->arena, key, (size_t)ln->len);
	}
	free(track_of);
}

/* The code or title of a role in column col, for naming a phase's ends. */
static void say_col(const struct framework *d, int col, struct buf *b)
{
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].col == col) {
			buf_adds(b, d->roles[i].code ? d->roles[i].code : d->roles[i].title);
			return;
		}
}

/* The diagram in words, the Figure's /Alt for screen readers (PDF/UA
 * 13-004): each track's roles in order of progression, where a track
 * branches off, and the phases.  Arena-owned. */
static const char *describe(struct lctx *L, const struct framework *d)
{
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "Career journey diagram: %d role%s", d->n, d->n == 1 ? "" : "s");
	for (int r = 0; r < d->nrows; r++) {
		if (framework_extra_row(d, r))
			continue;
		buf_addf(&b, ". Track %s", d->tracks[r]);
		int br = framework_branch_from(d, r);
		if (br >= 0) {
			buf_adds(&b, ", reached from ");
			say_role(&d->roles[br], &b);
		}
		buf_adds(&b, ":");
		int said = 0;
		/* this row and the extra rows under it, column by column */
		for (int c = 0; c < d->ncols; c++)
			for (int rr = r; rr < d->nrows && (rr == r || framework_extra_row(d, rr)); rr++)
				for (int i = 0; i < d->n; i++)
					if (d->roles[i].row == rr && d->roles[i].col == c) {
						buf_adds(&b, said++ ? ", then " : " ");
						say_role(&d->roles[i], &b);
					}
	}
	if (d->nphases) {
		buf_adds(&b, ". Phases:");
		for (int i = 0; i < d->nphases; i++) {
			buf_addf(&b, "%s %s (", i ? ";" : "", d->phases[i].label);
			say_col(d, d->phases[i].from_col, &b);
			if (d->phases[i].to_col != d->phases[i].from_col) {
				buf_adds(&b, " to ");
				say_col(d, d->phases[i].to_col, &b);
			}
			buf_adds(&b, ")");
		}
	}
	buf_adds(&b, ".");
	const char *s = arena_strndup(L->arena, b.data, b.len);
	buf_done(&b);
	return s;
}

/* Which claims the legend of a page makes: only what the page draws. */
/* What the page of rows row0 .. row0 + rows - 1 draws. */
static struct claims page_claims(const struct framework *d, const struct boxtext *bt, int highlight,
                                 const int *from, int row0, int rows)
{
	struct claims c = { 0 };
	int next[DG_NEXT_MAX];
	int nnext = highlight ? framework_next_steps(d, highlight, next, DG_NEXT_MAX) : 0;
	for (int i = 0; i < d->n; i++) {
		const struct fw_role *ro = &d->roles[i];
		if (ro->row < row0 || ro->row >= row0 + rows)
			continue;
		c.arrow |= framework_row_next(d, i) >= 0;
		c.page |= bt[i].page != NULL;
		c.marks |= highlight > 0 && ro->chapter == highlight;
		for (int k = 0; k < nnext; k++)
			c.marks |= next[k] == ro->chapter;
	}
	for (int r = 0; r < d->nrows; r++)
		if (from[r] >= 0 && ((r >= row0 && r < row0 + rows) ||
		                     (d->roles[from[r]].row >= row0 && d->roles[from[r]].row < row0 + rows)))
			c.branch = 1;
	return c;
}

/* The height the title and legend take (nothing drawn). */
static fx header_height(struct lctx *L, const struct claims *c, fx width)
{
	struct dl_items scratch = { 0 };
	struct lstats trial = { 0 };
	fx y = title_legend(L, &trial, c, width, &scratch) + PT(16);
	dl_items_done(&scratch);
	return y;
}

/* The grid of a page holding per rows under a header of height y in a text
 * area width x height, and the text scale of every box (bt's titles may
 * be abbreviated; warnings only with warn).  Returns how many boxes are
 * set below DG_SCALE_READ. */
static int plan_grid(struct lctx *L, const struct framework *d, struct boxtext *bt, int highlight, fx y,
                     fx width, fx height, int per, int warn, struct grid *g, fx *bx, int *sc)
{
	memset(g, 0, sizeof(*g));
	grid_columns(g, d->ncols > 0 ? d->ncols : 1, width);
	g->strip = band_edges(L, d, g, width, bx);
	g->capt = STYLE_LEADING(DG_TRACK_SIZE) + PT(1);
	g->mark = highlight ? STYLE_LEADING(DG_MARK_SIZE) + PT(3) : 0;
	g->band_pad = (d->nphases ? PT(8) : 0) + g->mark;
	fx nat = 0, need;
	for (int i = 0; i < d->n; i++)
		if (box_text(L, &bt[i], 1000, g->colw - 2 * g->pad, INT32_MAX / 2, 0, 0, 0, 1, NULL, &need) &&
		    need > nat)
			nat = need;
	grid_rows(g, per, y, height, nat);
	g->rows = per;
	box_scales(L, bt, d->n, g->colw - 2 * g->pad, g->boxh - 2 * g->pad, warn, sc);
	int low = 0;
	for (int i = 0; i < d->n; i++)
		low += sc[i] < DG_SCALE_READ;
	return low;
}

/* 1 when every box is set at DG_SCALE_READ or more, but those that are
 * smaller even with a page to each row (best). */
static int readable(const int *sc, const int *best, int n)
{
	for (int i = 0; i < n; i++)
		if (sc[i] < DG_SCALE_READ && best[i] >= DG_SCALE_READ)
			return 0;
	return 1;
}

void diagram_layout(struct lctx *L, const struct framework *d, int highlight, const struct book *bk,
                    const struct strmap *folios, const struct dg_areas *area, struct vlist *out,
                    struct dg_shape *shape)
{
	int n1 = d->n ? d->n : 1;
	struct boxtext *bt = xcalloc((size_t)n1, sizeof(*bt));
	struct boxtext *tb = xcalloc((size_t)n1, sizeof(*tb));
	int *sc = xcalloc((size_t)n1, sizeof(*sc));
	int *best = xcalloc((size_t)n1, sizeof(*best));
	int *from = xcalloc((size_t)(d->nrows ? d->nrows : 1), sizeof(*from));
	fx *bx = xcalloc((size_t)(d->nphases ? d->nphases : 1), 2 * sizeof(*bx));
	vlist_add(out, VN_CHAPTER)->str = msg(MSG_CAREER_JOURNEY);

	/* what each box says, and what the legend must explain */
	for (int i = 0; i < d->n; i++) {
		bt[i].code = d->roles[i].code;
		bt[i].role = &d->roles[i];
		bt[i].idx = i;
		bt[i].title = d->roles[i].title;
		int folio;
		if (folios && strmap_get(folios, bk->ch[d->roles[i].chapter].key, &folio)) {
			char num[24];
			snprintf(num, sizeof(num), "%s\xC2\xA0%d", msg(MSG_PAGE_ABBREV), folio); /* no break inside "p. 7" */
			bt[i].page = arena_strndup(L->arena, num, strlen(num));
		}
	}
	for (int r = 0; r < d->nrows; r++)
		from[r] = framework_branch_from(d, r);
	int nr = d->nrows > 0 ? d->nrows : 1;
	struct claims all = page_claims(d, bt, highlight, from, 0, nr);
	all.marks = highlight > 0;

	/* one page as it comes when every box is readable on it; else
	 * landscape; else the fewest pages of rows on which they are */
	struct grid g;
	int land = d->landscape;
	fx y = header_height(L, &all, area->w[land]);
	memcpy(tb, bt, sizeof(*bt) * (size_t)n1);
	int low = plan_grid(L, d, tb, highlight, y, area->w[land], area->h[land], nr, 0, &g, bx, sc);
	if (low && !land) {
		land = 1;
		y = header_height(L, &all, area->w[land]);
		memcpy(tb, bt, sizeof(*bt) * (size_t)n1);
		low = plan_grid(L, d, tb, highlight, y, area->w[land], area->h[land], nr, 0, &g, bx, sc);
	}
	int per = nr;
	if (low && nr > 1) {
		memcpy(tb, bt, sizeof(*bt) * (size_t)n1);
		plan_grid(L, d, tb, highlight, y, area->w[land], area->h[land], 1, 0, &g, bx, best);
		int lo = 1, hi = nr - 1; /* the most rows a page holds readably */
		while (lo < hi) {
			int mid = (lo + hi + 1) / 2;
			memcpy(tb, bt, sizeof(*bt) * (size_t)n1);
			plan_grid(L, d, tb, highlight, y, area->w[land], area->h[land], mid, 0, &g, bx, sc);
			if (readable(sc, best, d->n))
				lo = mid;
			else
				hi = mid - 1;
		}
		int pages = (nr + lo - 1) / lo;
		per = (nr + pages - 1) / pages; /* as many rows on each page */
	}
	fx width = area->w[land];
	/* a role's edition keeps, of a journey longer than a page, the pages
	 * holding the role and its next steps: an offer letter's attachment
	 * does not carry twenty pages of boxes (the handbook has them all);
	 * its legend says so */
	int excerpt = highlight > 0 && per < nr;
	if (excerpt) {
		all.excerpt = 1;
		y = header_height(L, &all, width);
	}
	plan_grid(L, d, bt, highlight, y, width, area->h[land], per, 1, &g, bx, sc);

	int first = out->n;
	shape->pages = 0;
	for (int row0 = 0; row0 < nr; row0 += per) {
		struct dl_items o = { 0 };
		g.row0 = row0;
		g.rows = nr - row0 < per ? nr - row0 : per;
		if (excerpt && !page_wanted(d, highlight, row0, g.rows))
			continue;
		if (!shape->pages)
			dl_items_add(&o, DL_DEST)->str = "#career-journey";
		else
			vlist_add(out, VN_PENALTY)->penalty = -PEN_INF;
		struct claims c = page_claims(d, bt, highlight, from, g.row0, g.rows);
		if (per == nr)
			c = all;
		c.excerpt = excerpt;
		title_legend(L, NULL, &c, width, &o);
		fx bottom = row_y(&g, g.row0 + g.rows - 1) + g.boxh + g.band_pad;

		/* back to front: bands, their labels, track names, arrows, boxes */
		for (int i = 0; i < d->nphases; i++) {
			fx bw = bx[2 * i + 1] - bx[2 * i];
			rect(&o, bx[2 * i], g.top, bw, bottom - g.top, 0, band_rgb[i % 2]);
			fit_text(L, NULL, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB, AL_CENTER,
			         bx[2 * i] + PT(4), g.top + PT(3), bw - 2 * PT(4), g.strip - PT(3), 600, 1, &o);
		}
		draw_captions(L, d, &g, from, &o);
		draw_arrows(d, &g, from, &o);
		draw_boxes(L, d, highlight, bk, &g, bt, sc, &o);
		draw_marks(L, d, highlight, &g, &o);

		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = bottom;
		v->items = arena_memdup(L->arena, o.v, sizeof(*o.v) * (size_t)o.n);
		v->n = o.n;
		dl_items_done(&o);
		shape->pages++;
	}
	shape->landscape = land;
	vlist_tag(out, first, TAG_FIGURE, describe(L, d), L->arena);
	free(bx);
	free(from);
	free(best);
	free(sc);
	free(tb);
	free(bt);
}
