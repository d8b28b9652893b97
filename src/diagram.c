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
 * when that keeps it nearer the others' size.  Trial settings count apart
 * (para.stats), so --stats counts the lines drawn; diagtext.c sets the text. */
#include "diagram.h"
#include "diagtext.h"
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


/* Band fills alternate so neighbouring phases stay apart in grey. */
static const uint32_t band_rgb[2] = { 0xEEF1F5u, 0xE4E8EEu };
/* Box fills by track: different lightness, all light enough for black text. */
static const uint32_t track_rgb[4] = { 0xFFFFFFu, 0xD9DFE8u, 0xF0EADCu, 0xE2ECDDu };

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
	int next;    /* 1: a box is marked "Next step" */
	int excerpt; /* 1: a role edition's pages of a longer journey */
	int jobs;    /* 1: boxes of one-role tracks in rows (compact_view) */
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
	fx y = dt_fit_text(L, st, msg(MSG_CAREER_JOURNEY), FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB,
	                   AL_LEFT, 0, 0, width, STYLE_LEADING(style_heading[1].size) * 2, 500, 1, o);
	y += PT(2);
	struct buf legend;
	buf_init(&legend);
	/* the legend claims only what is drawn */
	buf_adds(&legend, msg(c->branch ? MSG_JOURNEY_BRANCH : c->arrow ? MSG_JOURNEY_TRACKS : c->jobs ? MSG_JOURNEY_JOBS : MSG_JOURNEY_BOXES));
	if (c->page)
		buf_adds(&legend, msg(MSG_JOURNEY_PAGES));
	if (c->marks) /* "Next step" only where one is marked */
		buf_adds(&legend, msg(c->next ? MSG_JOURNEY_MARKS : MSG_JOURNEY_SELF));
	if (c->excerpt)
		buf_adds(&legend, msg(MSG_JOURNEY_EXCERPT));
	buf_cstr(&legend);
	/* one line if shrinking a little will do; else wrapped */
	fx lh = STYLE_LEADING(DG_LEGEND_SIZE);
	fx used = dt_fit_text(L, st, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0, y,
	                      width, lh, 800, 0, o);
	if (used < 0)
		used = dt_fit_text(L, st, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0,
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
		int n = dt_set_text(L, NULL, &trial, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB,
		                    bx[2 * i + 1] - bx[2 * i] - 2 * PT(4), AL_CENTER, 0, &ln);
		if (n != 1)
			lines = 2;
	}
	return d->nphases ? lines * STYLE_LEADING(DG_PHASE_SIZE) + PT(6) : 0;
}

/* How much of a role's title its box shows: all of it, but for a closing
 * parenthesis that only names the track the box is drawn in ("Senior L2
 * (Technical Track)" in the row captioned Technical says "Senior L2"). */
static size_t box_title_len(const char *title, const char *track)
{
	size_t n = strlen(title), tl = track ? strlen(track) : 0;
	const char *open = strrchr(title, '(');
	if (!tl || n < 2 || title[n - 1] != ')' || !open || open < title + 2 || open[-1] != ' ')
		return n;
	const char *in = open + 1;
	size_t inner = (size_t)(title + n - 1 - in);
	if (inner < tl || strncasecmp(in, track, tl) || (inner != tl && (inner != tl + 6 ||
	                                                                 strncasecmp(in + tl, " track", 6))))
		return n;
	return (size_t)(open - 1 - title);
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
	for (int r = g->row0; r < g->row0 + g->rows && d->tracks; r++) {
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
		    dt_fit_text(L, &trial, d->tracks[r], FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_LEFT, cx,
		                row_y(g, r) - g->capt, lim - cx, g->capt, min, 0, &scratch) < 0)
			lim = g->x0 + g->gridw;
		dl_items_done(&scratch);
		dt_fit_text(L, NULL, d->tracks[r], FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_LEFT, cx,
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
		dt_fit_text(L, NULL, b.data, FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_RIGHT,
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
		dt_fit_text(L, NULL, msg(self ? MSG_THIS_ROLE : MSG_NEXT_STEP), self ? FACE_BOLD : FACE_REGULAR, DG_MARK_SIZE,
		            STYLE_ACCENT_RGB, AL_CENTER, x, y, g->colw, g->mark - PT(2), 500, 1, o);
	}
}

/* The boxes: fill, outline, text, link, in the order diagram.h promises. */
static void draw_boxes(struct lctx *L, const struct framework *d, int highlight, const struct model *bk,
                       const struct grid *g, const struct boxtext *bt, const int *sc,
                       struct dl_items *o)
{
	fx iw = g->colw - 2 * g->pad, ih = g->boxh - 2 * g->pad;
	int next[DG_NEXT_MAX];
	int nnext = highlight ? framework_next_steps(d, highlight, next, DG_NEXT_MAX) : 0;
	int *track_of = xcalloc((size_t)(d->nrows ? d->nrows : 1), sizeof(*track_of));
	for (int r = 1; r < d->nrows && d->tracks; r++) /* the track's position among tracks, for its fill */
		track_of[r] = track_of[r - 1] + !framework_extra_row(d, r);
	for (int i = 0; i < d->n; i++) {
		const struct fw_role *ro = &d->roles[i];
		if (!on_page(g, ro->row))
			continue;
		fx x = col_x(g, ro->col), y = row_y(g, ro->row);
		int ti = d->tracks ? track_of[ro->row] : ro->row * d->ncols + ro->col; /* compact: a track a box */
		int self = highlight && ro->chapter == highlight, step = 0;
		for (int k = 0; k < nnext; k++)
			step |= next[k] == ro->chapter;
		/* a thick outline is stroked half outside the box: the gaps leave room */
		fx lw = self ? DG_HIGHLIGHT_W : step ? DG_NEXT_W : DG_BOX_LINE_W;
		rect(o, x, y, g->colw, g->boxh, 0, self ? DG_HIGHLIGHT_RGB : track_rgb[ti % 4]);
		rect(o, x, y, g->colw, g->boxh, lw, self || step ? STYLE_ACCENT_RGB : DG_OUTLINE_RGB);
		fx need;
		int force = sc[i] < DG_SCALE_MIN;
		dt_box_text(L, &bt[i], force ? DG_SCALE_MIN : sc[i], iw, ih, x + g->pad, y + g->pad, force, 1, o,
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
	c.jobs = !d->tracks;
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
			c.next |= next[k] == ro->chapter;
	}
	c.marks |= c.next;
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
	g->capt = d->tracks ? STYLE_LEADING(DG_TRACK_SIZE) + PT(1) : 0; /* no names: no captions */
	g->mark = highlight ? STYLE_LEADING(DG_MARK_SIZE) + PT(3) : 0;
	g->band_pad = (d->nphases ? PT(8) : 0) + g->mark;
	fx nat = 0, need;
	for (int i = 0; i < d->n; i++)
		if (dt_box_text(L, &bt[i], 1000, g->colw - 2 * g->pad, INT32_MAX / 2, 0, 0, 0, 1, NULL, &need) &&
		    need > nat)
			nat = need;
	grid_rows(g, per, y, height, nat);
	g->rows = per;
	dt_box_scales(L, bt, d->n, g->colw - 2 * g->pad, g->boxh - 2 * g->pad, warn, sc);
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

/* Boxes a row of a journey of one-role tracks holds (fewer when two or
 * four boxes make a square). */
#define DG_COMPACT_COLS 3

/* A journey of one-role tracks and no ranks (jobs listed without level
 * codes: Mews lists 23) is a set of boxes, not a ladder: a row each would
 * take four pages of one column, each box under a caption repeating its
 * title.  Such a journey is drawn from v, a view of d whose roles, in d's
 * row order, fill rows of DG_COMPACT_COLS boxes with no captions (tracks
 * NULL) and no arrows.  Returns 1 with *v set (diagram_view_done frees
 * it), or 0 when d is not such a journey. */
static int compact_view(const struct framework *d, struct framework *v)
{
	if (d->ncols != 1 || d->nrows != d->n || d->n < 2 || d->nphases)
		return 0;
	int k = d->n == 2 || d->n == 4 ? 2 : DG_COMPACT_COLS;
	*v = *d;
	v->roles = xmalloc(sizeof(*v->roles) * (size_t)d->n);
	memcpy(v->roles, d->roles, sizeof(*v->roles) * (size_t)d->n);
	v->nrows = (d->n + k - 1) / k;
	v->ncols = k;
	v->tracks = NULL;
	v->grid_next = xmalloc(sizeof(int) * (size_t)d->n);
	v->grid_first = xmalloc(sizeof(int) * 3 * (size_t)v->nrows);
	for (int r = 0; r < v->nrows; r++)
		v->grid_first[3 * r] = v->grid_first[3 * r + 1] = v->grid_first[3 * r + 2] = -1;
	for (int i = 0; i < d->n; i++) {
		struct fw_role *ro = &v->roles[i];
		int at = d->roles[i].row; /* one role a row: its place in the journey */
		ro->row = at / k;
		ro->col = at % k;
		ro->track = NULL;
		v->grid_next[i] = -1;
		if (ro->col == 0) {
			v->grid_first[3 * ro->row] = i;
			if (ro->level >= 0)
				v->grid_first[3 * ro->row + 1] = i;
		}
	}
	return 1;
}

static void compact_view_done(struct framework *v)
{
	free(v->roles);
	free(v->grid_next);
	free(v->grid_first);
}

void diagram_layout(struct lctx *L, const struct framework *d, int highlight, const struct model *bk,
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
	const struct framework *whole = d; /* the /Alt describes its tracks */
	struct framework view;
	int compact = compact_view(d, &view);
	if (compact)
		d = &view;

	/* what each box says, and what the legend must explain */
	for (int i = 0; i < d->n; i++) {
		bt[i].code = d->roles[i].code;
		bt[i].role = &d->roles[i];
		bt[i].idx = i;
		const char *t = d->roles[i].title;
		size_t tn = box_title_len(t, compact ? NULL : d->roles[i].track);
		bt[i].title = tn == strlen(t) ? t : arena_strndup(L->arena, t, tn);
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
			dt_fit_text(L, NULL, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB, AL_CENTER,
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
	vlist_tag(out, first, TAG_FIGURE, describe(L, whole), L->arena);
	if (compact)
		compact_view_done(&view);
	free(bx);
	free(from);
	free(best);
	free(sc);
	free(tb);
	free(bt);
}
