/* made.c: titles, headings and text for the chapters editions make.  The
 * spacing and keeps copy what build.c does for Markdown, from style.h. */
#include "made.h"
#include "box.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

struct vnode *made_box(struct lctx *L, struct vlist *out, struct dl_items *o, fx h)
{
	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = h;
	v->n = o->n;
	v->items = o->n ? arena_memdup(L->arena, o->v, sizeof(*o->v) * (size_t)o->n) : NULL;
	o->n = 0;
	return v;
}

void made_glue(struct vlist *out, fx h)
{
	vlist_add(out, VN_GLUE)->h = h;
}

void made_penalty(struct vlist *out, int pen)
{
	vlist_add(out, VN_PENALTY)->penalty = pen;
}

fx made_put_lines(struct dl_items *o, const struct pline *ln, int n, fx x, fx y)
{
	fx used = 0;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < ln[i].n; k++) {
			struct dl_item *it = dl_items_add(o, ln[i].items[k].kind);
			*it = ln[i].items[k];
			it->x += x;
			it->y += y + used;
		}
		used += ln[i].h;
	}
	return used;
}

fx made_set(struct lctx *L, struct dl_items *o, const char *s, int face, fx size, uint32_t rgb,
            const char *link, fx x, fx y, fx width, enum align al)
{
	struct pline *ln;
	struct span_style st = { face, size, rgb, 0, link };
	int n = para_set_string(L, NULL, NULL, s, &st, width, al, 0, &ln);
	return made_put_lines(o, ln, n, x, y);
}

/* A heading's lines as boxes kept together, the first carrying its destination. */
static void heading_lines(struct lctx *L, struct vlist *out, struct dl_items *o,
                          const struct pline *ln, int n, const char *key)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			made_penalty(out, PEN_INF);
		if (i == 0 && key)
			dl_items_add(o, DL_DEST)->str = key;
		for (int k = 0; k < ln[i].n; k++)
			*dl_items_add(o, ln[i].items[k].kind) = ln[i].items[k];
		made_box(L, out, o, ln[i].h)->flags |= VN_HEADING;
	}
}

void made_chapter(struct lctx *L, struct vlist *out, const char *title, const char *head,
                  const char *key, fx width)
{
	vlist_add(out, VN_CHAPTER)->str = head;
	const struct heading_style *hs = &style_heading[1];
	struct pline *ln;
	struct span_style st = { FACE_BOLD, hs->size, hs->rgb, SP_NOHYPH, NULL };
	int n = para_set_string(L, NULL, NULL, title, &st, width, AL_LEFT, 0, &ln);
	struct dl_items o = { 0 };
	int from = out->n;
	heading_lines(L, out, &o, ln, n, key);
	vlist_tag(out, from, TAG_H1, NULL, L->arena);
	made_penalty(out, PEN_INF);
	struct dl_item *rule = dl_items_add(&o, DL_LINE);
	rule->y = PT(4);
	rule->w = width;
	rule->size = PT(1.2);
	rule->rgb = STYLE_ACCENT_RGB;
	made_box(L, out, &o, PT(8));
	made_penalty(out, PEN_INF);
	made_glue(out, hs->after);
	dl_items_done(&o);
}

void made_heading(struct lctx *L, struct vlist *out, const char *text, int level, const char *key,
                  fx width)
{
	level = level < 2 ? 2 : level > 6 ? 6 : level;
	const struct heading_style *hs = &style_heading[level];
	struct pline *ln;
	struct span_style st = { hs->bold ? FACE_BOLD : FACE_ITALIC, hs->size, hs->rgb, SP_NOHYPH, NULL };
	int n = para_set_string(L, NULL, NULL, text, &st, width, AL_LEFT, 0, &ln);
	struct dl_items o = { 0 };
	/* a box before the glue: glue at a page top is dropped, glue after a box is a break */
	made_box(L, out, &o, 0);
	made_glue(out, hs->before);
	int from = out->n;
	heading_lines(L, out, &o, ln, n, key);
	vlist_tag(out, from, TAG_H1 + level - 1, NULL, L->arena);
	made_penalty(out, PEN_INF);
	made_glue(out, hs->after);
	made_penalty(out, PEN_INF);
	dl_items_done(&o);
}

void made_text(struct lctx *L, struct vlist *out, const char *s, int face, fx size, uint32_t rgb,
               fx width, enum align al)
{
	struct pline *ln;
	struct span_style st = { face, size, rgb, 0, NULL };
	int n = para_set_string(L, NULL, NULL, s, &st, width, al, 0, &ln);
	struct dl_items o = { 0 };
	int from = out->n;
	for (int i = 0; i < n; i++) {
		if (i > 0)
			made_penalty(out, i == 1 || i == n - 1 ? PEN_INF : 0);
		for (int k = 0; k < ln[i].n; k++)
			*dl_items_add(&o, ln[i].items[k].kind) = ln[i].items[k];
		struct vnode *v = made_box(L, out, &o, ln[i].h);
		v->flags |= VN_LINE | (i == 0 ? VN_FIRST : 0) | (i == n - 1 ? VN_LAST : 0);
	}
	vlist_tag(out, from, TAG_P, NULL, L->arena);
	dl_items_done(&o);
}

void made_tag(struct dl_items *o, int role)
{
	struct dl_item *t = dl_items_add(o, role < 0 ? DL_TAG_END : DL_TAG_BEGIN);
	t->face = (int16_t)(role < 0 ? 0 : role);
}

/* The top of a slice: a text item's is its ascent above the baseline. */
static fx item_top(const struct dl_item *it)
{
	return it->kind == DL_TEXT ? it->y - it->size : it->y;
}

static fx item_bottom(const struct dl_item *it)
{
	if (it->kind == DL_TEXT)
		return it->y + it->size * 35 / 100;
	return it->h > 0 ? it->y + it->h : it->y;
}

/* 1 when y falls inside a line of text or an image of the row. */
static int crosses(const struct dl_item *v, int n, fx y)
{
	for (int i = 0; i < n; i++)
		if ((v[i].kind == DL_TEXT || v[i].kind == DL_IMAGE) && item_top(&v[i]) < y && item_bottom(&v[i]) > y)
			return 1;
	return 0;
}

void made_box_sliced(struct lctx *L, struct vlist *out, struct dl_items *row, fx h, fx maxh,
                     int head)
{
	struct dl_items s = { 0 };
	for (fx a = 0; a < h;) {
		fx cut = a + maxh >= h ? h : -1;
		if (cut < 0) {
			/* the lowest gap between lines within reach */
			for (int i = 0; i < row->n; i++) {
				fx y = item_bottom(&row->v[i]);
				if (y > a && y <= a + maxh && y > cut && !crosses(row->v, row->n, y))
					cut = y;
			}
			if (cut <= a)
				cut = a + maxh; /* one line taller than a page: cut anyway */
		}
		for (int i = 0; i < row->n; i++) {
			struct dl_item it = row->v[i];
			if ((it.kind == DL_RECT || (it.kind == DL_LINE && it.w == 0)) && it.h > 0) {
				/* shading, bars and the divider: clipped to the slice */
				fx top = it.y > a ? it.y : a, bot = it.y + it.h < cut ? it.y + it.h : cut;
				if (bot <= top)
					continue;
				it.y = top;
				it.h = bot - top;
			} else if ((a > 0 && item_top(&it) < a) || (item_top(&it) >= cut && cut < h)) {
				continue; /* another slice's (the last takes what sits on its bottom edge) */
			}
			it.y -= a;
			*dl_items_add(&s, it.kind) = it;
		}
		if (a > 0)
			made_penalty(out, 0);
		made_box(L, out, &s, cut - a)->head = head;
		a = cut;
	}
	dl_items_done(&s);
	row->n = 0;
}

