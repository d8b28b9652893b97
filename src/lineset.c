/* lineset.c: from the breaker's chosen lines to positioned runs: glue
 * stretched or shrunk by each line's adjustment ratio (the breaker's own,
 * the one its tolerance judged), text in runs of one style, hyphens drawn
 * at hyphenated breaks, shading, strike-out and link areas, and right-to-
 * left lines put in visual order (bidi.c). */
#include "paraint.h"
#include "index.h"
#include "linebreak.h"
#include "style.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

struct run {
	int first, last;   /* parts */
	fx x, w;           /* 1/1000 pt from the line start */
};

static int same_run(const struct para *p, int a, int b)
{
	const struct span *x = &p->sp[a], *y = &p->sp[b];
	return x->off + (size_t)x->len == y->off && x->st.face == y->st.face &&
	       x->st.size == y->st.size && x->st.rgb == y->st.rgb && x->st.flags == y->st.flags &&
	       x->st.link == y->st.link;
}

/* Draws one run: shading, text, strike-out and link area. */
static void emit_run(struct lctx *L, const struct para *p, const struct run *r, fx base,
                     fx lh, int hyphen, struct dl_items *bg, struct dl_items *fg)
{
	const struct span *sp = &p->sp[r->first];
	const struct span_style *st = &sp->st;
	fx size = st->flags & SP_SUP ? st->size * 7 / 10 : st->size;
	fx y = st->flags & SP_SUP ? base - st->size * 35 / 100 : base;
	size_t len = p->sp[r->last].off + (size_t)p->sp[r->last].len - sp->off;
	const char *s = p->text.data + sp->off;
	fx w = r->w;
	if (st->flags & SP_CODE) {
		struct dl_item *b = dl_items_add(bg, DL_RECT);
		b->x = r->x - PT(1);
		b->y = base - size * 85 / 100;
		b->w = w + PT(2);
		b->h = size * 112 / 100;
		b->rgb = STYLE_CODE_BG_RGB;
	}
	struct dl_item *t = dl_items_add(fg, DL_TEXT);
	int ti = fg->n - 1; /* t's index: adding the strike-out line may move fg->v */
	if (hyphen) {
		char *h = arena_strndup(L->arena, s, len + 1); /* s[len] is in the text buffer */
		h[len] = '-';
		t->str = h;
		t->len = (int)len + 1;
		w += font_width(L->fonts, st->face, size, "-", 1);
	} else {
		t->str = arena_strndup(L->arena, s, len);
		t->len = (int)len;
	}
	t->x = r->x;
	t->y = y;
	t->w = w;
	t->size = size;
	t->face = st->face;
	t->rgb = st->rgb;
	t->flags = (st->flags & SP_INDEX ? DLF_INDEX : 0) | (hyphen ? DLF_HYPHEN : 0);
	if (st->flags & SP_STRIKE) {
		struct dl_item *l = dl_items_add(fg, DL_LINE);
		l->x = r->x;
		l->y = base - size * 30 / 100;
		l->w = w;
		l->size = size / 16;
		l->rgb = st->rgb;
	}
	if (st->link) {
		/* extend the line's latest area of the same link over the space,
		 * unless text outside it came between: build.c gives every link
		 * to one target the same key string */
		struct dl_item *prev = NULL;
		int apart = 0;
		for (int i = ti - 1; i >= 0 && !prev; i--)
			if (fg->v[i].kind == DL_LINK)
				prev = &fg->v[i];
		for (int i = prev ? (int)(prev - fg->v) + 1 : ti; i < ti; i++)
			if (fg->v[i].kind == DL_TEXT && fg->v[i].x >= prev->x + prev->w)
				apart = 1;
		if (prev && !apart && prev->str == st->link) {
			prev->w = r->x + w - prev->x;
		} else {
			struct dl_item *a = dl_items_add(fg, DL_LINK);
			a->x = r->x;
			a->y = 0;
			a->w = w;
			a->h = lh;
			a->str = st->link;
		}
	}
}

int para_set(struct lctx *L, struct para *p, fx width, enum align al, struct pline **out)
{
	para_finish(L, p, width);
	struct lstats *st = p->stats ? p->stats : &L->stats;
	struct lb_params prm = lb_defaults(width);
	prm.ragged = al != AL_JUSTIFY;
	struct lb_line *ln = NULL;
	int nl = lb_break(p->it, p->n, &prm, &ln);
	struct pline *lines = arena_alloc(L->arena, sizeof(*lines) * (size_t)(nl > 0 ? nl : 1));
	fx lh = STYLE_LEADING(p->size);
	int asc = font_ascender(L->fonts, FACE_REGULAR), desc = font_descender(L->fonts, FACE_REGULAR);
	fx base = (lh + FX_EM(asc + desc, p->size)) / 2;
	struct dl_items bg = { 0 }, fg = { 0 };
	/* -1: no right-to-left text; else the paragraph's direction */
	int dir = p->rtl ? bidi_direction(p->text.data, p->text.len) == 1 : -1;
	for (int li = 0; li < nl; li++) {
		const struct lb_line *l = &ln[li];
		int end = l->end < p->n ? l->end : p->n;
		/* totals over the line, to place glue */
		fx nat = 0, str = 0, shr = 0;
		int last_box = -1;
		for (int i = l->start; i < end; i++)
			if (p->it[i].type == IT_BOX)
				last_box = i;
		for (int i = l->start; i <= last_box; i++) {
			const struct item *it = &p->it[i];
			if (it->type == IT_BOX || it->type == IT_GLUE)
				nat += it->width;
			if (it->type == IT_GLUE) {
				str += it->stretch < FX_FIL ? it->stretch : 0;
				shr += it->shrink;
			}
		}
		if (l->end < p->n && p->it[l->end].type == IT_PENALTY)
			nat += p->it[l->end].width;
		double ratio = 0;
		int last = li == nl - 1 || (l->end < p->n && p->it[l->end].penalty <= -PEN_INF);
		if (al == AL_JUSTIFY && !last) {
			/* the breaker's own ratio: the one its tolerance judged */
			ratio = isfinite(l->ratio) ? l->ratio : 0;
			if (ratio < -1)
				ratio = -1;
			if (ratio > st->worst)
				st->worst = ratio;
		} else if (nat > width && shr > 0) {
			ratio = -(double)(nat - width) / shr;
			if (ratio < -1)
				ratio = -1;
		}
		fx setw = nat;
		if (ratio > 0)
			setw += (fx)(ratio * str);
		else if (ratio < 0)
			setw += (fx)(ratio * shr);
		fx x = 0;
		if (al == AL_CENTER && setw < width)
			x = (width - setw) / 2;
		else if (al == AL_RIGHT && setw < width)
			x = width - setw;
		/* a right-to-left line is mirrored about the measure, so it starts
		 * at the right; a centred or right-aligned one (a page number in a
		 * diagram box) about its own extent, so it stays where it was put */
		fx mirror_lo = al == AL_CENTER || al == AL_RIGHT ? x : 0;
		fx mirror_hi = al == AL_CENTER || al == AL_RIGHT ? x + setw : width;
		bg.n = fg.n = 0;
		struct run r = { -1, -1, 0, 0 };
		for (int i = l->start; i <= last_box; i++) {
			const struct item *it = &p->it[i];
			if (it->type == IT_BOX) {
				if (r.first >= 0 && same_run(p, r.last, it->ref)) {
					r.last = it->ref;
					r.w += it->width;
				} else {
					if (r.first >= 0)
						emit_run(L, p, &r, base, lh, 0, &bg, &fg);
					r = (struct run){ it->ref, it->ref, x, it->width };
				}
				x += it->width;
			} else if (it->type == IT_GLUE) {
				if (r.first >= 0)
					emit_run(L, p, &r, base, lh, 0, &bg, &fg);
				r.first = -1;
				fx gw = it->width;
				if (ratio > 0 && it->stretch < FX_FIL)
					gw += (fx)(ratio * it->stretch);
				else if (ratio < 0)
					gw += (fx)(ratio * it->shrink);
				x += gw;
			}
		}
		/* a hyphen is drawn only where the break adds one (not after "-") */
		int draw_hyphen = l->hyphenated && l->end < p->n && p->it[l->end].width > 0;
		if (r.first >= 0)
			emit_run(L, p, &r, base, lh, draw_hyphen, &bg, &fg);
		if (dir >= 0) {
			bidi_line(&bg, &fg, dir, mirror_lo, mirror_hi);
		}
		struct pline *pl = &lines[li];
		pl->h = lh;
		pl->n = bg.n + fg.n;
		pl->items = arena_alloc(L->arena, sizeof(struct dl_item) * (size_t)(pl->n ? pl->n : 1));
		if (bg.n)
			memcpy(pl->items, bg.v, sizeof(struct dl_item) * (size_t)bg.n);
		if (fg.n)
			memcpy(pl->items + bg.n, fg.v, sizeof(struct dl_item) * (size_t)fg.n);
		st->lines++;
		st->hyphenated += l->hyphenated;
		if (l->overfull && setw > width)
			st->overfull++;
	}
	dl_items_done(&bg);
	dl_items_done(&fg);
	free(ln);
	index_mark(L->ix, L->arena, lines, nl); /* the index's terms, while the words are at hand */
	*out = lines;
	return nl;
}


int para_set_string(struct lctx *L, const char *file, struct lstats *stats, const char *s,
                    const struct span_style *st, fx width, enum align al, int strict, struct pline **out)
{
	struct para p;
	para_init(&p, st->size);
	p.file = file;
	p.stats = stats;
	para_text(L, &p, s, strlen(s), st, 0);
	int n = -1;
	if (!strict || para_min_width(&p) <= width)
		n = para_set(L, &p, width, al, out);
	para_done(&p);
	return n;
}
