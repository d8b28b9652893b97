/* frontpages.c: title page and contents, set with the same paragraph machinery as
 * the body. */
#include "frontpages.h"
#include "messages.h"
#include "paginate.h"
#include "paragraph.h"
#include "style.h"

#include <stdio.h>
#include <string.h>

static void add_lines(struct vlist *out, struct pline *ln, int n, fx dx)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = ln[i].h;
		v->items = ln[i].items;
		v->n = ln[i].n;
		for (int k = 0; k < v->n; k++)
			v->items[k].x += dx;
	}
}

static void text_block(struct lctx *L, struct vlist *out, const char *s, int face, fx size,
                       uint32_t rgb, fx width)
{
	struct span_style st = { face, size, rgb, SP_NOHYPH, NULL };
	struct pline *ln;
	int n = para_set_string(L, NULL, NULL, s, &st, width, AL_LEFT, 0, &ln);
	add_lines(out, ln, n, 0);
}

static void glue(struct vlist *out, fx h)
{
	vlist_add(out, VN_BOX)->h = 0; /* glue at a page top is dropped: anchor it */
	vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(out, VN_GLUE)->h = h;
}

/* The short accent rule above a title page's title. */
static void accent_bar(struct lctx *L, struct vlist *out)
{
	struct dl_item bar = { 0 };
	bar.kind = DL_RECT;
	bar.w = PT(48);
	bar.h = PT(4);
	bar.rgb = STYLE_ACCENT_RGB;
	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = PT(20);
	v->items = arena_memdup(L->arena, &bar, sizeof(bar));
	v->n = 1;
}

/* The logo, flush left, with space below it. */
static void logo_box(struct lctx *L, struct vlist *out, const struct dl_item *logo)
{
	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = logo->h;
	v->items = arena_memdup(L->arena, logo, sizeof(*logo));
	v->items[0].x = 0;
	v->items[0].y = 0;
	v->n = 1;
	vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(out, VN_GLUE)->h = PT(18);
}

void fp_title_page(struct lctx *L, const struct title_info *t, fx width, fx height, struct vlist *out)
{
	vlist_add(out, VN_CHAPTER)->str = NULL;
	glue(out, t->logo ? height / 4 - t->logo->h - PT(18) : height / 4);
	if (t->logo)
		logo_box(L, out, t->logo);
	accent_bar(L, out);
	/* each block a paragraph of its own: the title is the document's
	 * /Title, and the chapters' titles are its H1s */
	int from = out->n;
	text_block(L, out, t->title, FACE_BOLD, PT(30), STYLE_HEADING_RGB, width);
	vlist_tag(out, from, TAG_P, NULL, L->arena);
	if (t->subtitle) {
		glue(out, PT(8));
		from = out->n;
		text_block(L, out, t->subtitle, FACE_REGULAR, PT(14), STYLE_MUTED_RGB, width);
		vlist_tag(out, from, TAG_P, NULL, L->arena);
	}
	if (t->org) {
		glue(out, PT(28));
		from = out->n;
		text_block(L, out, t->org, FACE_BOLD, PT(13), STYLE_TEXT_RGB, width);
		vlist_tag(out, from, TAG_P, NULL, L->arena);
	}
	if (t->prepared) {
		glue(out, PT(10));
		text_block(L, out, t->prepared, FACE_ITALIC, PT(12), STYLE_TEXT_RGB, width);
	}
	glue(out, height / 3);
	from = out->n;
	if (t->edition)
		text_block(L, out, t->edition, FACE_REGULAR, PT(10), STYLE_MUTED_RGB, width);
	vlist_tag(out, from, TAG_P, NULL, L->arena);
	from = out->n;
	if (t->version)
		text_block(L, out, t->version, FACE_REGULAR, PT(10), STYLE_MUTED_RGB, width);
	vlist_tag(out, from, TAG_P, NULL, L->arena);
}

/* One contents entry: the title set ragged in the space left of the page
 * number, leaders from its last line to the number, one link over it all. */
static void entry(struct lctx *L, struct vlist *out, const struct outline_entry *e,
                  const char *num, fx width)
{
	int chapter = e->level == 1;
	fx size = chapter ? PT(10.5) : PT(9.5);
	int face = chapter ? FACE_BOLD : FACE_REGULAR;
	uint32_t rgb = chapter ? STYLE_HEADING_RGB : STYLE_TEXT_RGB;
	fx indent = chapter ? 0 : PT(14);
	fx numw = PT(28);
	struct span_style st = { face, size, rgb, SP_NOHYPH, NULL };
	struct pline *ln;
	fx textw = width - indent - numw - PT(8);
	int n = para_set_string(L, NULL, NULL, e->title, &st, textw, AL_LEFT, 0, &ln);
	int from = out->n;
	for (int i = 0; i < n; i++) {
		struct dl_item items[256];
		int k = 0;
		for (int j = 0; j < ln[i].n && k < 250; j++) {
			items[k] = ln[i].items[j];
			items[k].x += indent;
			k++;
		}
		if (i == n - 1) {
			/* leaders: dots on a fixed grid so the columns line up */
			fx end = indent;
			fx base = 0;
			for (int j = 0; j < ln[i].n; j++)
				if (ln[i].items[j].kind == DL_TEXT) {
					fx e2 = indent + ln[i].items[j].x + ln[i].items[j].w;
					end = e2 > end ? e2 : end;
					base = ln[i].items[j].y;
				}
			fx fw = font_width(L->fonts, FACE_REGULAR, size, num, strlen(num));
			fx step = DL_DOT_STEP;
			fx x0 = ((end + PT(6)) / step + 1) * step;
			/* a dotted rule, not text: extraction reads "Title 12" */
			fx x1 = width - fw - PT(6);
			if (x1 > x0) {
				struct dl_item *l = &items[k++];
				memset(l, 0, sizeof(*l));
				l->kind = DL_LINE;
				l->x = x0;
				l->y = base;
				/* half a step past the last dot, so rounding in a viewer
				 * can neither drop it nor add one */
				l->w = (x1 - x0) / step * step + step / 2;
				l->size = PT(0.9);
				l->face = DL_DOTTED;
				l->rgb = STYLE_MUTED_RGB;
			}
			struct dl_item *t = &items[k++];
			memset(t, 0, sizeof(*t));
			t->kind = DL_TEXT;
			t->x = width - fw;
			t->y = base;
			t->str = arena_strndup(L->arena, num, strlen(num));
			t->len = (int)strlen(num);
			t->size = size;
			t->face = face;
			t->rgb = rgb;
			t->w = fw;
		}
		struct dl_item *a = &items[k++];
		memset(a, 0, sizeof(*a));
		a->kind = DL_LINK;
		a->x = indent;
		a->w = width - indent;
		a->h = ln[i].h;
		a->str = e->key;
		if (i > 0)
			vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = ln[i].h;
		v->items = arena_memdup(L->arena, items, sizeof(struct dl_item) * (size_t)k);
		v->n = k;
	}
	vlist_tag(out, from, TAG_TOCI, NULL, L->arena);
}

void fp_contents(struct lctx *L, const struct outline_entry *ol, int nol,
                 const struct strmap *folios, fx width, struct vlist *out)
{
	fp_list(L, msg(MSG_CONTENTS), "#contents", NULL, ol, nol, folios, width, out);
}

void fp_list(struct lctx *L, const char *title, const char *key, const char *intro,
             const struct outline_entry *ol, int nol, const struct strmap *folios, fx width,
             struct vlist *out)
{
	vlist_add(out, VN_CHAPTER)->str = title;
	struct dl_item dest = { 0 };
	dest.kind = DL_DEST;
	dest.str = key;
	struct vnode *v = vlist_add(out, VN_BOX);
	v->items = arena_memdup(L->arena, &dest, sizeof(dest));
	v->n = 1;
	int from = out->n;
	text_block(L, out, title, FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB, width);
	vlist_tag(out, from, TAG_H1, NULL, L->arena);
	vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(out, VN_GLUE)->h = PT(14);
	if (intro) {
		from = out->n;
		text_block(L, out, intro, FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width);
		vlist_tag(out, from, TAG_P, NULL, L->arena);
		vlist_add(out, VN_GLUE)->h = PT(10);
	}
	from = out->n;
	for (int i = 0; i < nol; i++) {
		const struct outline_entry *e = &ol[i];
		int folio = 0;
		if (e->level > 2 || !strmap_get(folios, e->key, &folio))
			continue;
		char num[16];
		if (folio < 0)
			pg_roman(-folio, num, sizeof(num)); /* front matter */
		else
			snprintf(num, sizeof(num), "%d", folio);
		if (e->level == 1 && i > 0) {
			vlist_add(out, VN_GLUE)->h = PT(7);
		} else if (i > 0) {
			vlist_add(out, VN_GLUE)->h = PT(1);
		}
		entry(L, out, e, num, width);
		/* a chapter entry stays with its first section */
		if (e->level == 1)
			vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	}
	vlist_tag(out, from, TAG_TOC, NULL, L->arena);
}

/* Height of the boxes and glue of out from node `from` on. */
static fx vheight(const struct vlist *out, int from)
{
	fx h = 0;
	for (int i = from; i < out->n; i++)
		if (out->v[i].kind == VN_BOX || out->v[i].kind == VN_GLUE)
			h += out->v[i].h;
	return h;
}

/* A text block tagged as one element of role r. */
static void tagged_block(struct lctx *L, struct vlist *out, const char *s, int face, fx size, uint32_t rgb,
                         fx width, int r)
{
	int from = out->n;
	text_block(L, out, s, face, size, rgb, width);
	vlist_tag(out, from, r, NULL, L->arena);
}

void fp_cover(struct lctx *L, const struct cover_info *ci, const struct outline_entry *ol, int nol,
              const struct strmap *folios, fx width, fx height, struct vlist *out)
{
	vlist_add(out, VN_CHAPTER)->str = NULL;
	int from = out->n;
	glue(out, height / 8);
	if (ci->logo)
		logo_box(L, out, ci->logo);
	/* tagged like a chapter: the title an H1, each line a P, the
	 * chapters listed a TOC */
	if (ci->kicker) {
		tagged_block(L, out, ci->kicker, FACE_REGULAR, PT(11), STYLE_MUTED_RGB, width, TAG_P);
		glue(out, PT(10));
	}
	accent_bar(L, out);
	tagged_block(L, out, ci->title, FACE_BOLD, PT(28), STYLE_HEADING_RGB, width, TAG_H1);
	for (int i = 0; i < 4 && ci->lines[i]; i++) {
		glue(out, PT(i ? 2 : 8));
		tagged_block(L, out, ci->lines[i], FACE_REGULAR, PT(13), STYLE_MUTED_RGB, width, TAG_P);
	}
	if (ci->org) {
		glue(out, PT(24));
		tagged_block(L, out, ci->org, FACE_BOLD, PT(13), STYLE_TEXT_RGB, width, TAG_P);
	}
	if (ci->prepared) {
		glue(out, PT(10));
		tagged_block(L, out, ci->prepared, FACE_ITALIC, PT(12), STYLE_TEXT_RGB, width, TAG_P);
	}
	glue(out, PT(48));
	tagged_block(L, out, msg(MSG_IN_THIS_DOCUMENT), FACE_BOLD, PT(10.5), STYLE_MUTED_RGB, width, TAG_P);
	glue(out, PT(8));
	int toc = out->n;
	for (int i = 0; i < nol; i++) {
		int folio = 0;
		if (ol[i].level != 1 || !strmap_get(folios, ol[i].key, &folio))
			continue;
		char num[16];
		if (folio < 0)
			pg_roman(-folio, num, sizeof(num));
		else
			snprintf(num, sizeof(num), "%d", folio);
		vlist_add(out, VN_GLUE)->h = PT(5);
		entry(L, out, &ol[i], num, width);
	}
	vlist_tag(out, toc, TAG_TOC, NULL, L->arena);
	/* the date at the foot: whatever height is left goes above it */
	struct vlist foot = { 0 };
	if (ci->edition)
		tagged_block(L, &foot, ci->edition, FACE_REGULAR, PT(10), STYLE_MUTED_RGB, width, TAG_P);
	if (ci->version)
		tagged_block(L, &foot, ci->version, FACE_REGULAR, PT(10), STYLE_MUTED_RGB, width, TAG_P);
	fx left = height - vheight(out, from) - vheight(&foot, 0) - PT(1);
	glue(out, left > PT(12) ? left : PT(12));
	for (int i = 0; i < foot.n; i++)
		*vlist_add(out, foot.v[i].kind) = foot.v[i];
	vlist_done(&foot);
}
