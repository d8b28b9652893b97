/* build.c: block layout.  build_chapter walks one file's AST and appends
 * boxes, glue and penalties to the book's vertical list.
 *
 * Coordinates of items in a box are from the text area's left edge and the
 * box's top.  The builder keeps the current indent (lists, quotes), the
 * quote bars in force, and a list marker waiting for the first line of its
 * item.  Recursion follows block nesting and stops at BUILD_MAX_DEPTH. */
#include "buildint.h"
#include <cmark-gfm-core-extensions.h>
#include "md.h"
#include "since.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

static void build_block(struct builder *b, cmark_node *n);

/* Opens a structure element of role r; alt is its /Alt (arena-owned) or NULL. */
void bld_tag_open(struct builder *b, enum tag_role r, const char *alt)
{
	if (b->nopen >= TAG_MAX_OPEN) {
		b->nopen++;
		return;
	}
	struct dl_item *t = &b->pend[b->npend++];
	memset(t, 0, sizeof(*t));
	t->kind = DL_TAG_BEGIN;
	t->face = (int16_t)r;
	t->str = alt;
	b->placed[b->nopen++] = 0;
}

static struct vnode *last_box(struct builder *b)
{
	for (int i = b->out->vl.n - 1; i >= 0; i--)
		if (b->out->vl.v[i].kind == VN_BOX)
			return &b->out->vl.v[i];
	return NULL;
}

/* Closes the innermost element: its end waits for the next box (or
 * tag_flush), or, when no box came since it opened, the element is
 * dropped as empty. */
void bld_tag_close(struct builder *b)
{
	if (b->nopen == 0)
		return;
	if (--b->nopen >= TAG_MAX_OPEN)
		return;
	if (!b->placed[b->nopen]) {
		b->npend--;
		if (b->pend_lbl > b->npend)
			b->pend_lbl = b->npend;
		return;
	}
	b->pend_end++;
}

/* Appends the waiting ends to the last box: the chapter is over. */
static void tag_flush(struct builder *b)
{
	struct vnode *v = last_box(b);
	if (!b->pend_end || !v)
		return;
	struct dl_item *d = arena_alloc(b->L->arena, sizeof(*d) * (size_t)(v->n + b->pend_end));
	memcpy(d, v->items, sizeof(*d) * (size_t)v->n);
	memset(&d[v->n], 0, sizeof(*d) * (size_t)b->pend_end);
	for (int i = 0; i < b->pend_end; i++)
		d[v->n + i].kind = DL_TAG_END;
	v->items = d;
	v->n += b->pend_end;
	b->pend_end = 0;
}

void bld_vglue(struct builder *b, fx h)
{
	struct vnode *v = vlist_add(&b->out->vl, VN_GLUE);
	v->h = h;
	v->deco = b->deco;
}

void bld_vpen(struct builder *b, int pen)
{
	vlist_add(&b->out->vl, VN_PENALTY)->penalty = pen;
}

void bld_space_before(struct builder *b, fx h)
{
	if (!b->first)
		bld_vglue(b, b->tight && h > PT(3) ? PT(3) : h);
	b->first = 0;
}

/* A box from items positioned relative to the indent; a waiting list marker
 * joins its first line.  Waiting structure tags go in front of the items
 * (vnode.pre), so a set line's items are still used in place. */
static struct vnode *vbox_from(struct builder *b, fx h, struct dl_item *owned,
                               const struct dl_item *items, int n, fx dx)
{
	struct vnode *v = vlist_add(&b->out->vl, VN_BOX);
	v->h = h;
	v->deco = b->deco;
	int lbl = b->nmarker && !b->marker_art; /* the marker is an Lbl element */
	int nbegin = b->npend ? b->npend + (b->nmarker ? (lbl ? 2 : 0) + b->nmarker : 0) : 0;
	if (b->pend_end + nbegin) {
		/* ends of what closed, the open tags, and the marker (as the Lbl,
		 * or an Artifact) before the LBody */
		struct dl_item *o = arena_alloc(b->L->arena, sizeof(*o) * (size_t)(b->pend_end + nbegin));
		v->pre = o;
		v->npre = b->pend_end + nbegin;
		memset(o, 0, sizeof(*o) * (size_t)b->pend_end);
		for (int i = 0; i < b->pend_end; i++)
			o++->kind = DL_TAG_END;
		b->pend_end = 0;
		if (nbegin) {
			int k = b->nmarker ? b->pend_lbl : b->npend;
			memcpy(o, b->pend, sizeof(*o) * (size_t)k);
			o += k;
			if (b->nmarker) {
				if (lbl) {
					memset(o, 0, sizeof(*o));
					o->kind = DL_TAG_BEGIN;
					o->face = TAG_LBL;
					o++;
				}
				memcpy(o, b->marker, sizeof(struct dl_item) * (size_t)b->nmarker);
				o += b->nmarker;
				if (lbl) {
					memset(o, 0, sizeof(*o));
					o->kind = DL_TAG_END;
					o++;
				}
				memcpy(o, b->pend + k, sizeof(*o) * (size_t)(b->npend - k));
				b->nmarker = 0; /* it went in front */
			}
			for (int i = 0; i < b->nopen && i < TAG_MAX_OPEN; i++)
				b->placed[i] = 1;
			b->npend = 0;
			b->pend_lbl = 0;
		}
	}
	int bar = b->bar > 0 && h > 0;
	v->n = n + b->nmarker + b->nmarks + bar;
	if (owned && v->n == n) {
		/* arena items of a set line: shifted in place, not copied */
		v->items = owned;
		for (int i = 0; i < n; i++)
			owned[i].x += b->left + dx;
		return v;
	}
	v->items = arena_alloc(b->L->arena, sizeof(struct dl_item) * (size_t)(v->n ? v->n : 1));
	for (int i = 0; i < n; i++) {
		v->items[i] = items[i];
		v->items[i].x += b->left + dx;
	}
	memcpy(v->items + n, b->marker, sizeof(struct dl_item) * (size_t)b->nmarker);
	for (int i = 0; i < b->nmarks; i++) {
		struct dl_item *d = &v->items[n + b->nmarker + i];
		memset(d, 0, sizeof(*d));
		d->kind = DL_DEST;
		d->x = b->left;
		d->str = b->marks[i];
	}
	if (bar) {
		/* beside the whole box, left of the text; book.c moves it to the outer margin */
		struct dl_item *r = &v->items[v->n - 1];
		memset(r, 0, sizeof(*r));
		r->kind = DL_RECT;
		r->x = -STYLE_BAR_GAP - STYLE_BAR_WIDTH;
		r->w = STYLE_BAR_WIDTH;
		r->h = h;
		r->rgb = STYLE_BAR_RGB;
		r->flags = DLF_BAR;
	}
	b->nmarker = 0;
	b->marker_art = 0;
	b->nmarks = 0;
	return v;
}

struct vnode *bld_vbox(struct builder *b, fx h, const struct dl_item *items, int n, fx dx)
{
	return vbox_from(b, h, NULL, items, n, dx);
}

/* Paragraph lines as boxes, with no break after the first or before the
 * last line: no orphans, no widows. */
void bld_emit_lines(struct builder *b, struct pline *ln, int n, int keep_all)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			bld_vpen(b, keep_all || i == 1 || i == n - 1 ? PEN_INF : 0);
		struct vnode *v = vbox_from(b, ln[i].h, ln[i].items, ln[i].items, ln[i].n, 0);
		v->flags |= VN_LINE | (i == 0 ? VN_FIRST : 0) | (i == n - 1 ? VN_LAST : 0);
	}
}

fx bld_avail(const struct builder *b)
{
	return b->o->width - b->left;
}

void bld_para_init(struct builder *b, struct para *p, fx size)
{
	para_init(p, size);
	p->file = b->path;
	p->stats = b->o->stats;
}

/* The arena's copy of a link key, made once per distinct key: a target
 * used a thousand times (a reference, a long URL) is stored once, and every
 * span and link item points at it.  Frees key. */
const char *bld_arena_key(struct builder *b, char *key)
{
	if (!key)
		return NULL;
	if (!b->keys)
		b->keys = strmap_new();
	int i;
	if (!strmap_get(b->keys, key, &i)) {
		GROW(b->keyv, b->keycap, b->nkeys + 1);
		b->keyv[i = b->nkeys++] = arena_strndup(b->L->arena, key, strlen(key));
		strmap_put(b->keys, key, i);
	}
	free(key);
	return b->keyv[i];
}

/* Text items for a string in one style, split where the face changes;
 * returns the advance.  Missing characters become U+FFFD with a warning. */
fx bld_text_items(struct builder *b, struct dl_item *out, int *n, int max, fx x, fx y,
                   const char *s, size_t len, int face, fx size, uint32_t rgb, int line)
{
	fx x0 = x;
	size_t i = 0;
	while (i < len && *n < max) {
		uint32_t cp;
		size_t s0 = i;
		int f = -1;
		while (i < len) {
			int k = utf8_decode(s + i, len - i, &cp);
			int g = font_pick(b->L->fonts, face, cp);
			if (g < 0) {
				g = font_pick(b->L->fonts, face, 0xFFFD);
				if (g < 0)
					g = face;
			}
			if (f >= 0 && g != f)
				break;
			f = g;
			i += (size_t)k;
		}
		/* characters no face has are replaced, with a warning */
		struct buf t;
		buf_init(&t);
		for (size_t j = s0; j < i;) {
			int k = utf8_decode(s + j, i - j, &cp);
			if (font_pick(b->L->fonts, face, cp) < 0) {
				para_missing(b->L, b->path, line, 0, cp);
				buf_adds(&t, "\xEF\xBF\xBD");
			} else {
				buf_add(&t, s + j, (size_t)k);
			}
			j += (size_t)k;
		}
		buf_cstr(&t);
		struct dl_item *it = &out[(*n)++];
		memset(it, 0, sizeof(*it));
		it->kind = DL_TEXT;
		it->x = x;
		it->y = y;
		it->face = f;
		it->size = size;
		it->rgb = rgb;
		it->len = (int)t.len;
		it->str = arena_strndup(b->L->arena, t.data, t.len);
		it->w = font_width(b->L->fonts, f, size, t.data, t.len);
		x += it->w;
		buf_done(&t);
	}
	return x - x0;
}

static void build_paragraph(struct builder *b, cmark_node *n, fx size, int face, uint32_t rgb)
{
	struct para p;
	bld_para_init(b, &p, size);
	struct span_style st = { face, size, rgb, SP_INDEX, NULL };
	cmark_node **images = NULL;
	int nimages = 0;
	/* a list item's only paragraph is its LBody's text: a P around it
	 * would be one more element per item and say nothing */
	int bare = b->bare_para;
	b->bare_para = 0;
	bld_inlines(b, &p, n, &st, &images, &nimages);
	if (!para_empty(&p) || b->nmarker) {
		struct pline *ln;
		int nl = para_set(b->L, &p, bld_avail(b), b->o->ragged ? AL_LEFT : AL_JUSTIFY, &ln);
		bld_space_before(b, STYLE_PARA_GAP);
		if (!bare)
			bld_tag_open(b, TAG_P, NULL);
		bld_emit_lines(b, ln, nl, 0);
		if (!bare)
			bld_tag_close(b);
	}
	for (int i = 0; i < nimages; i++)
		bld_image(b, images[i]);
	free(images);
	para_done(&p);
}

/* --since: a changed block's destination joins its first box, and an
 * added or changed one is barred until change_end.  Returns 1 when a bar
 * began. */
int bld_change_begin(struct builder *b, cmark_node *n)
{
	int e = since_block(b->o->since, n);
	if (e < 0)
		return 0;
	const struct since_entry *se = since_entry(b->o->since, e);
	if (b->nmarks < (int)(sizeof(b->marks) / sizeof(b->marks[0])))
		b->marks[b->nmarks++] = se->key;
	if (se->kind != SINCE_ADDED && se->kind != SINCE_CHANGED)
		return 0;
	b->bar++;
	return 1;
}

void bld_change_end(struct builder *b, int began)
{
	b->bar -= began;
}

/* --since: the blocks removed after n, each a barred note in small
 * muted italics where it was, a destination for the list of changes. */
static void removed_notes(struct builder *b, cmark_node *n)
{
	int first = 0, k = since_removed_after(b->o->since, n, &first);
	for (int i = first; i < first + k; i++) {
		const struct since_entry *se = since_entry(b->o->since, i);
		struct buf t;
		buf_init(&t);
		buf_addf(&t, "Removed since %s: \xE2\x80\x9C%s\xE2\x80\x9D", since_rev(b->o->since), se->text);
		struct para p;
		bld_para_init(b, &p, STYLE_NOTE_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_NOTE_SIZE, STYLE_MUTED_RGB, SP_NOHYPH, NULL };
		para_text(b->L, &p, t.data, t.len, &st, md_line(n));
		struct pline *ln;
		int nl = para_set(b->L, &p, bld_avail(b), AL_LEFT, &ln);
		bld_space_before(b, PT(3));
		if (b->nmarks < (int)(sizeof(b->marks) / sizeof(b->marks[0])))
			b->marks[b->nmarks++] = se->key;
		b->bar++;
		bld_emit_lines(b, ln, nl, 1);
		b->bar--;
		para_done(&p);
		buf_done(&t);
	}
}

static void make_marker(struct builder *b, cmark_node *list, cmark_node *item, int number, int level)
{
	fx size = STYLE_BODY_SIZE, lh = STYLE_LEADING(size);
	int asc = font_ascender(b->L->fonts, FACE_REGULAR), desc = font_descender(b->L->fonts, FACE_REGULAR);
	fx base = (lh + FX_EM(asc + desc, size)) / 2;
	fx gap = PT(5);
	b->nmarker = 0;
	b->marker_art = 0;
	if (md_is(item, "tasklist")) {
		b->marker_art = 1; /* shapes: an Artifact by rule (tagtree.c) */
		fx box = PT(7.5);
		struct dl_item *r = &b->marker[b->nmarker++];
		memset(r, 0, sizeof(*r));
		r->kind = DL_RECT;
		r->x = b->left - gap - box;
		r->y = base - box + PT(0.5);
		r->w = r->h = box;
		r->size = PT(0.7);
		r->rgb = STYLE_TEXT_RGB;
		if (cmark_gfm_extensions_get_tasklist_item_checked(item)) {
			struct dl_item *t1 = &b->marker[b->nmarker++], *t2 = &b->marker[b->nmarker++];
			memset(t1, 0, sizeof(*t1));
			t1->kind = DL_LINE;
			t1->x = r->x + box * 2 / 10;
			t1->y = r->y + box * 55 / 100;
			t1->w = box * 2 / 10;
			t1->h = box * 25 / 100;
			t1->size = PT(1.1);
			t1->rgb = STYLE_ACCENT_RGB;
			*t2 = *t1;
			t2->x = t1->x + t1->w;
			t2->y = t1->y + t1->h;
			t2->w = box * 4 / 10;
			t2->h = -box * 6 / 10;
		}
		return;
	}
	char s[32];
	int face = FACE_REGULAR;
	uint32_t rgb = STYLE_TEXT_RGB;
	if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		snprintf(s, sizeof(s), "%d%c", number,
		         cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
	} else {
		static const char *const bullets[] = { "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x97\xA6" };
		snprintf(s, sizeof(s), "%s", bullets[level % 3]);
		rgb = STYLE_ACCENT_RGB;
	}
	fx w = font_width(b->L->fonts, face, size, s, strlen(s));
	int n = 0;
	bld_text_items(b, b->marker, &n, 2, b->left - gap - w, base, s, strlen(s), face, size, rgb, md_line(item));
	b->nmarker = n;
	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		/* a bullet says nothing its list's /ListNumbering does not: an
		 * Artifact rather than an Lbl element and a marked-content
		 * sequence per item (a third of a handbook's elements) */
		b->marker_art = 1;
		for (int i = 0; i < n; i++)
			b->marker[i].flags |= DLF_ARTIFACT;
	}
}

static void build_children(struct builder *b, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		build_block(b, c);
}

static void build_list(struct builder *b, cmark_node *n)
{
	int tight = cmark_node_get_list_tight(n);
	int number = cmark_node_get_list_start(n);
	int level = 0;
	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LIST)
			level++;
	bld_space_before(b, STYLE_PARA_GAP);
	b->first = 1;
	fx left = b->left;
	int was_tight = b->tight;
	/* /ListNumbering (ISO 32000-1 Table 347) names the bullets, which are
	 * Artifacts, or the numbers, which are each item's Lbl */
	static const char *const numbering[] = { "Disc", "Disc", "Circle" };
	bld_tag_open(b, TAG_L, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "Decimal" : numbering[level % 3]);
	for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it), number++) {
		if (it != cmark_node_first_child(n))
			bld_vglue(b, tight ? PT(2.5) : STYLE_PARA_GAP);
		if (b->depth < STYLE_MAX_INDENT_DEPTH)
			b->left = left + STYLE_LIST_INDENT;
		bld_tag_open(b, TAG_LI, NULL);
		make_marker(b, n, it, number, level);
		b->pend_lbl = b->npend; /* the marker is the Lbl, before the LBody */
		bld_tag_open(b, TAG_LBODY, NULL);
		b->first = 1;
		b->tight = tight;
		int barred = bld_change_begin(b, it);
		cmark_node *only = cmark_node_first_child(it);
		b->bare_para = only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_PARAGRAPH;
		build_children(b, it);
		b->bare_para = 0;
		if (b->nmarker) {
			/* an empty item still shows its marker */
			struct dl_item none = { 0 };
			bld_vbox(b, STYLE_LEADING(STYLE_BODY_SIZE), &none, 0, 0);
		}
		bld_change_end(b, barred);
		removed_notes(b, it);
		bld_tag_close(b);
		bld_tag_close(b);
		b->left = left;
		b->tight = was_tight;
	}
	bld_tag_close(b);
	b->first = 0;
}

static void build_quote(struct builder *b, cmark_node *n)
{
	bld_space_before(b, STYLE_PARA_GAP);
	const struct deco *saved = b->deco;
	fx left = b->left;
	struct deco *d = arena_alloc(b->L->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	if (saved)
		*d = *saved;
	if (d->n < (int)(sizeof(d->x) / sizeof(d->x[0])))
		d->x[d->n++] = b->left + PT(1);
	b->deco = d;
	if (b->depth < STYLE_MAX_INDENT_DEPTH)
		b->left += STYLE_QUOTE_INDENT;
	b->first = 1;
	bld_tag_open(b, TAG_BLOCKQUOTE, NULL);
	build_children(b, n);
	bld_tag_close(b);
	b->left = left;
	b->deco = saved;
	b->first = 0;
}

/* Expands tabs to STYLE_CODE_TAB columns. */
static void build_rule(struct builder *b)
{
	bld_space_before(b, STYLE_PARA_GAP);
	struct dl_item r = { 0 };
	r.kind = DL_LINE;
	r.x = bld_avail(b) / 4;
	r.y = PT(8);
	r.w = bld_avail(b) / 2;
	r.size = PT(0.6);
	r.rgb = STYLE_RULE_RGB;
	bld_vbox(b, PT(16), &r, 1, 0);
}

static void build_html(struct builder *b, cmark_node *n)
{
	const char *h = cmark_node_get_literal(n);
	if (bld_is_comment(h)) {
		bld_index_marker(b, h);
		return;
	}
	/* html.c replaced every other block; the source is never shown */
	bld_warn_html(b, n);
}

/* Content nested past BUILD_MAX_DEPTH: its text as one plain paragraph. */
static void build_flat(struct builder *b, cmark_node *n)
{
	if (!b->depth_warned)
		diag_warn_at(b->L->d, b->path, md_line(n), cmark_node_get_start_column(n),
		             "nesting deeper than %d levels is shown flattened", BUILD_MAX_DEPTH);
	b->depth_warned = 1;
	struct buf t;
	buf_init(&t);
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(c) == CMARK_NODE_TEXT ||
		                                cmark_node_get_type(c) == CMARK_NODE_CODE ||
		                                cmark_node_get_type(c) == CMARK_NODE_CODE_BLOCK)) {
			buf_adds(&t, cmark_node_get_literal(c));
			buf_addc(&t, ' ');
		}
	}
	cmark_iter_free(it);
	struct para p;
	bld_para_init(b, &p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, 0, NULL };
	para_text(b->L, &p, t.data ? t.data : "", t.len, &st, md_line(n));
	if (!para_empty(&p)) {
		struct pline *ln;
		int nl = para_set(b->L, &p, bld_avail(b), AL_JUSTIFY, &ln);
		bld_space_before(b, STYLE_PARA_GAP);
		bld_emit_lines(b, ln, nl, 0);
	}
	para_done(&p);
	buf_done(&t);
}

static void build_block(struct builder *b, cmark_node *n)
{
	if (b->depth >= BUILD_MAX_DEPTH) {
		build_flat(b, n);
		return;
	}
	b->depth++;
	int barred = bld_change_begin(b, n);
	if (md_is_footnote_def(n)) {
		GROW(b->notes, b->notescap, b->nnotes + 1);
		b->notes[b->nnotes++] = n;
	} else if (md_is(n, "table")) {
		bld_table(b, n);
	} else {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			build_paragraph(b, n, STYLE_BODY_SIZE, FACE_REGULAR, STYLE_TEXT_RGB);
			break;
		case CMARK_NODE_HEADING:
			build_heading(b, n);
			break;
		case CMARK_NODE_LIST:
			build_list(b, n);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			build_quote(b, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			bld_code(b, n, FACE_MONO, STYLE_CODE_SIZE);
			break;
		case CMARK_NODE_HTML_BLOCK:
			build_html(b, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			build_rule(b);
			break;
		default:
			build_children(b, n);
			break;
		}
	}
	bld_change_end(b, barred);
	removed_notes(b, n);
	b->depth--;
}

/* Footnotes close their chapter: a short rule, then each note numbered,
 * each a destination its references link to. */
static void build_notes(struct builder *b)
{
	if (!b->nnotes)
		return;
	bld_space_before(b, STYLE_PARA_GAP * 2);
	struct dl_item r = { 0 };
	r.kind = DL_LINE;
	r.y = PT(4);
	r.w = bld_avail(b) / 3;
	r.size = PT(0.6);
	r.rgb = STYLE_RULE_RGB;
	bld_vbox(b, PT(8), &r, 1, 0);
	for (int i = 0; i < b->nnotes; i++) {
		cmark_node *def = b->notes[i];
		fx left = b->left;
		b->left += STYLE_LIST_INDENT;
		char num[16];
		snprintf(num, sizeof(num), "%d.", i + 1);
		fx size = STYLE_NOTE_SIZE, lh = STYLE_LEADING(size);
		int asc = font_ascender(b->L->fonts, FACE_REGULAR), desc = font_descender(b->L->fonts, FACE_REGULAR);
		fx base = (lh + FX_EM(asc + desc, size)) / 2;
		fx w = font_width(b->L->fonts, FACE_REGULAR, size, num, strlen(num));
		int nm = 0;
		bld_text_items(b, b->marker, &nm, 2, b->left - PT(4) - w, base, num, strlen(num), FACE_REGULAR,
		           size, STYLE_MUTED_RGB, md_line(def));
		struct dl_item *d = &b->marker[nm++];
		memset(d, 0, sizeof(*d));
		d->kind = DL_DEST;
		d->x = left;
		struct buf k;
		buf_init(&k);
		buf_addf(&k, "%s#fn-%d", b->name, i + 1);
		d->str = arena_strndup(b->L->arena, k.data, k.len);
		buf_done(&k);
		b->nmarker = nm;
		b->first = 1;
		bld_tag_open(b, TAG_NOTE, NULL);
		b->pend_lbl = b->npend;
		for (cmark_node *c = cmark_node_first_child(def); c; c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
				bld_space_before(b, PT(2));
				int barred = bld_change_begin(b, c);
				build_paragraph(b, c, STYLE_NOTE_SIZE, FACE_REGULAR, STYLE_TEXT_RGB);
				bld_change_end(b, barred);
				removed_notes(b, c);
			} else {
				build_block(b, c);
			}
		}
		bld_tag_close(b);
		b->left = left;
		b->first = 0;
	}
}

int build_chapter(struct lctx *L, const struct model *bk, const struct content *c, int chap,
                  const struct build_opts *o, struct build_out *out)
{
	return build_blocks(L, bk, c, chap, NULL, -1, o, out);
}

int build_blocks(struct lctx *L, const struct model *bk, const struct content *c, int chap,
                 cmark_node *const *blocks, int n, const struct build_opts *o, struct build_out *out)
{
	struct builder b;
	memset(&b, 0, sizeof(b));
	b.L = L;
	b.bk = bk;
	b.c = c;
	b.o = o;
	b.out = out;
	b.chap = chap;
	b.name = bk->ch[chap].key;
	b.first = 1;
	b.path = c->v[bk->ch[chap].src].path;
	const struct chapter *ch = &bk->ch[chap];
	struct vnode *v = vlist_add(&out->vl, VN_CHAPTER);
	v->str = ch->title;
	b.last_level = 1;
	b.warn_levels = n < 0;
	bld_tag_open(&b, TAG_PART, NULL);
	struct dl_item dest = { 0 };
	dest.kind = DL_DEST;
	dest.str = ch->key;
	bld_vbox(&b, 0, &dest, 1, 0);
	GROW(out->ol, out->olcap, out->nol + 1);
	out->ol[out->nol++] = (struct outline_entry){ 1, ch->title, ch->key, chap };
	if (n < 0) {
		build_title(&b, ch);
		build_children(&b, c->v[ch->src].root);
	}
	for (int i = 0; i < n; i++)
		build_block(&b, blocks[i]);
	build_notes(&b);
	while (b.nopen > 0)
		bld_tag_close(&b);
	tag_flush(&b);
	free(b.notes);
	strmap_free(b.keys);
	free(b.keyv);
	return 0;
}

void build_out_done(struct build_out *out)
{
	vlist_done(&out->vl);
	free(out->ol);
	image_table_done(&out->img);
	memset(out, 0, sizeof(*out));
}
