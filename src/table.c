/* table.c: column widths and row boxes for tables.
 *
 * Widths follow the automatic table layout browsers use: natural widths
 * when they fit; otherwise every column its widest word, and the remaining
 * space shared in proportion to each column's (natural - minimum).  When
 * even the widest words do not fit, the columns whose widest word fits an
 * equal share keep it, the others share the rest, and paragraph.c breaks
 * their words into pieces. */
#include "table.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

void table_widths(const fx *minw, const fx *maxw, int cols, fx avail, fx *out)
{
	int64_t summin = 0, summax = 0;
	for (int c = 0; c < cols; c++) {
		summin += minw[c];
		summax += maxw[c] > minw[c] ? maxw[c] : minw[c];
	}
	if (summax <= avail) {
		for (int c = 0; c < cols; c++)
			out[c] = maxw[c] > minw[c] ? maxw[c] : minw[c];
		return;
	}
	if (summin >= avail) {
		/* columns whose widest word fits an equal share keep it; the
		 * others share what is left equally.  Scaling every minimum down
		 * instead let one huge word squeeze a neighbour to a sliver whose
		 * every letter overflowed it. */
		int left = cols, changed = 1;
		int64_t rest = avail;
		for (int c = 0; c < cols; c++)
			out[c] = -1;
		while (changed && left > 0) {
			changed = 0;
			for (int c = 0; c < cols; c++)
				if (out[c] < 0 && minw[c] <= rest / left) {
					out[c] = minw[c];
					rest -= minw[c];
					left--;
					changed = 1;
				}
		}
		for (int c = 0; c < cols; c++)
			if (out[c] < 0)
				out[c] = (fx)(rest / left);
		return;
	}
	int64_t extra = avail - summin, want = summax - summin;
	for (int c = 0; c < cols; c++) {
		fx mx = maxw[c] > minw[c] ? maxw[c] : minw[c];
		out[c] = minw[c] + (fx)(want > 0 ? (int64_t)(mx - minw[c]) * extra / want : 0);
	}
}

int table_layout(struct lctx *L, struct para *cells, int rows, int cols, const char *align,
                 int header, fx width, struct trow **out)
{
	fx pad = STYLE_TABLE_PAD;
	fx *minw = xcalloc((size_t)cols, sizeof(fx)), *maxw = xcalloc((size_t)cols, sizeof(fx));
	fx *w = xcalloc((size_t)cols, sizeof(fx));
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			struct para *p = &cells[r * cols + c];
			fx mn = para_min_width(p) + 2 * pad, mx = para_max_width(p) + 2 * pad;
			minw[c] = mn > minw[c] ? mn : minw[c];
			maxw[c] = mx > maxw[c] ? mx : maxw[c];
		}
	table_widths(minw, maxw, cols, width, w);
	fx total = 0;
	for (int c = 0; c < cols; c++)
		total += w[c];
	struct trow *tr = arena_alloc(L->arena, sizeof(*tr) * (size_t)(rows ? rows : 1));
	struct dl_items o = { 0 };
	for (int r = 0; r < rows; r++) {
		o.n = 0;
		fx h = 0, x = 0;
		struct pline *cl[512]; /* per column lines; cols is capped by the builder */
		int nl[512];
		for (int c = 0; c < cols; c++) {
			enum align al = AL_LEFT;
			if (align && align[c] == 'c')
				al = AL_CENTER;
			else if (align && align[c] == 'r')
				al = AL_RIGHT;
			fx cw = w[c] - 2 * pad;
			nl[c] = para_set(L, &cells[r * cols + c], cw > PT(4) ? cw : PT(4), al, &cl[c]);
			fx ch = 0;
			for (int i = 0; i < nl[c]; i++)
				ch += cl[c][i].h;
			h = ch > h ? ch : h;
		}
		h += 2 * pad;
		/* the structure (dlist.h): each row a TR, the rows in a THead and a
		 * TBody, all in one Table; a row is one box, so its tags go with it */
		if (r == 0)
			dl_items_add(&o, DL_TAG_BEGIN)->face = TAG_TABLE;
		if (r == 0 && header > 0)
			dl_items_add(&o, DL_TAG_BEGIN)->face = TAG_THEAD;
		if (r == header)
			dl_items_add(&o, DL_TAG_BEGIN)->face = TAG_TBODY;
		dl_items_add(&o, DL_TAG_BEGIN)->face = TAG_TR;
		if (r < header) {
			struct dl_item *bg = dl_items_add(&o, DL_RECT);
			bg->w = total;
			bg->h = h;
			bg->rgb = STYLE_TABLE_HEAD_BG_RGB;
		}
		for (int c = 0; c < cols; c++) {
			fx y = pad;
			/* each cell a TH or TD element (dlist.h) */
			dl_items_add(&o, DL_TAG_BEGIN)->face = r < header ? TAG_TH : TAG_TD;
			for (int i = 0; i < nl[c]; i++) {
				for (int k = 0; k < cl[c][i].n; k++) {
					struct dl_item *it = dl_items_add(&o, cl[c][i].items[k].kind);
					*it = cl[c][i].items[k];
					it->x += x + pad;
					it->y += y;
				}
				y += cl[c][i].h;
			}
			dl_items_add(&o, DL_TAG_END);
			x += w[c];
		}
		/* rule below each row; a stronger one below the header */
		struct dl_item *rule = dl_items_add(&o, DL_LINE);
		rule->y = h;
		rule->w = total;
		rule->size = r + 1 == header ? PT(0.9) : PT(0.4);
		rule->rgb = r + 1 == header ? STYLE_HEADING_RGB : STYLE_RULE_RGB;
		if (r == 0) {
			struct dl_item *top = dl_items_add(&o, DL_LINE);
			top->w = total;
			top->size = PT(0.9);
			top->rgb = STYLE_HEADING_RGB;
		}
		dl_items_add(&o, DL_TAG_END); /* TR */
		if (r + 1 == header || (r + 1 == rows && r >= header))
			dl_items_add(&o, DL_TAG_END); /* THead, TBody */
		if (r + 1 == rows)
			dl_items_add(&o, DL_TAG_END); /* Table */
		tr[r].h = h;
		tr[r].n = o.n;
		tr[r].items = arena_memdup(L->arena, o.v, sizeof(struct dl_item) * (size_t)o.n);
		tr[r].header = r < header;
	}
	dl_items_done(&o);
	free(minw);
	free(maxw);
	free(w);
	*out = tr;
	return rows;
}
