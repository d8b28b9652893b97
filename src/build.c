/* build.c: block layout.  build_chapter walks one file's AST and appends
 * boxes, glue and penalties to the book's vertical list.
 *
 * Coordinates of items in a box are from the text area's left edge and the
 * box's top.  The builder keeps the current indent (lists, quotes), the
 * quote bars in force, and a list marker waiting for the first line of its
 * item.  Recursion follows block nesting and stops at BUILD_MAX_DEPTH. */
#include "build.h"
#include <cmark-gfm-core-extensions.h>
#include "inline.h"
#include "md.h"
#include "since.h"
#include "style.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

/* Columns past this are dropped with a warning: a page cannot show more. */
#define TABLE_MAX_COLS 64

/* Structure tags open at once at most: BUILD_MAX_DEPTH blocks, each
 * opening at most four (L, LI, LBody, P), and the chapter's Part; deeper
 * ones are counted but not written, so begins and ends stay balanced. */
#define TAG_MAX_OPEN (BUILD_MAX_DEPTH * 4 + 8)

struct builder {
	struct lctx *L;
	const struct book *bk;
	const struct content *c;
	const struct build_opts *o;
	struct build_out *out;
	int chap;               /* chapter index */
	const char *name;       /* file name, for destination keys */
	fx left;                /* indent from the text left, 1/1000 pt */
	const struct deco *deco;
	struct dl_item marker[4]; /* pending list marker items, y from the line top */
	int nmarker;
	int marker_art;         /* 1: the pending marker is a bullet or tick box: an Artifact
	                         * (its list's /ListNumbering says it), not an Lbl element */
	int bare_para;          /* 1: the next paragraph is a list item's only block: its
	                         * lines go straight into the LBody, without a P */
	int depth;              /* block nesting */
	int nhead;              /* next heading of the chapter model */
	int first;              /* 1: the next block is first in its container: no space before */
	int tight;              /* 1: inside a tight list */
	int html_warned;        /* raw HTML reported once per file */
	int depth_warned;
	const char *marks[8];   /* index markers waiting for the next box: "index:term > sub" */
	int nmarks;
	cmark_node **notes;     /* footnote definitions, in order */
	int nnotes, notescap;
	struct strmap *keys;    /* link key -> index in keyv: one arena copy per distinct key */
	const char **keyv;      /* arena strings */
	int nkeys, keycap;
	int bar;                /* --since: >0 while a changed or added block is built */
	/* structure tags (dlist.h) opened and not yet in a box: they join the
	 * next box, in front of its items, so that tagging never adds a node
	 * to the vertical list and pagination stays as it was */
	struct dl_item pend[TAG_MAX_OPEN];
	int npend;
	int pend_lbl;           /* pending tags before the list marker's Lbl */
	int pend_end;           /* elements closed after their last box: their ends open the
	                         * next box (the same place in item order, without copying
	                         * the last box to append them) */
	int placed[TAG_MAX_OPEN]; /* per open tag: 1 once it is in a box */
	int nopen;
	int last_level;         /* the last heading's tagged level (the chapter title is 1) */
	int warn_levels;        /* 1: a skipped heading level is reported (a whole file, not picked blocks) */
};

static void build_block(struct builder *b, cmark_node *n);

/* Opens a structure element of role r; alt is its /Alt (arena-owned) or NULL. */
static void tag_open(struct builder *b, enum tag_role r, const char *alt)
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
static void tag_close(struct builder *b)
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

static void vglue(struct builder *b, fx h)
{
	struct vnode *v = vlist_add(&b->out->vl, VN_GLUE);
	v->h = h;
	v->deco = b->deco;
}

static void vpen(struct builder *b, int pen)
{
	vlist_add(&b->out->vl, VN_PENALTY)->penalty = pen;
}

static void space_before(struct builder *b, fx h)
{
	if (!b->first)
		vglue(b, b->tight && h > PT(3) ? PT(3) : h);
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

static struct vnode *vbox(struct builder *b, fx h, const struct dl_item *items, int n, fx dx)
{
	return vbox_from(b, h, NULL, items, n, dx);
}

/* Paragraph lines as boxes, with no break after the first or before the
 * last line: no orphans, no widows. */
static void emit_lines(struct builder *b, struct pline *ln, int n, int keep_all)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			vpen(b, keep_all || i == 1 || i == n - 1 ? PEN_INF : 0);
		struct vnode *v = vbox_from(b, ln[i].h, ln[i].items, ln[i].items, ln[i].n, 0);
		v->flags |= VN_LINE | (i == 0 ? VN_FIRST : 0) | (i == n - 1 ? VN_LAST : 0);
	}
}

static fx avail(const struct builder *b)
{
	return b->o->width - b->left;
}

/* The arena's copy of a link key, made once per distinct key: a target
 * used a thousand times (a reference, a long URL) is stored once, and every
 * span and link item points at it.  Frees key. */
static const char *arena_key(struct builder *b, char *key)
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
static fx text_items(struct builder *b, struct dl_item *out, int *n, int max, fx x, fx y,
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
				inline_missing(b->L, line, 0, cp);
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

/* ---- inlines ---- */

struct image_at {
	cmark_node *node;
};

struct inl_state {
	int bold, italic, strike, url;
	const char *links[BUILD_MAX_DEPTH]; /* link keys, innermost last */
	int nlinks;
};

static int is_autolink(cmark_node *link)
{
	cmark_node *t = cmark_node_first_child(link);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	const char *url = cmark_node_get_url(link), *txt = cmark_node_get_literal(t);
	if (!strncmp(url, "mailto:", 7))
		url += 7;
	return !strcmp(url, txt) || strstr(txt, "://") || !strncmp(txt, "www.", 4);
}

static int is_comment(const char *html)
{
	while (*html == ' ' || *html == '\t' || *html == '\n')
		html++;
	if (strncmp(html, "<!--", 4))
		return 0;
	const char *e = strstr(html + 4, "-->");
	if (!e)
		return 1;
	for (e += 3; *e; e++)
		if (*e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			return is_comment(e);
	return 1;
}

/* `<!-- index: term -->` or `<!-- index: term > sub-term -->`: queued for
 * the next box as a destination the index finds (index.c). */
static void index_marker(struct builder *b, const char *html)
{
	const char *p = strstr(html, "<!--");
	if (!p)
		return;
	p += 4;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (strncmp(p, "index:", 6))
		return;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *e = strstr(p, "-->");
	if (!e)
		e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	if (e == p || b->nmarks >= (int)(sizeof(b->marks) / sizeof(b->marks[0])))
		return;
	struct buf k;
	buf_init(&k);
	buf_adds(&k, "index:");
	buf_add(&k, p, (size_t)(e - p));
	b->marks[b->nmarks++] = arena_strndup(b->L->arena, k.data, k.len);
	buf_done(&k);
}

static void warn_html(struct builder *b, cmark_node *n)
{
	if (!b->html_warned)
		diag_warn_at(b->L->d, b->L->file, md_line(n), cmark_node_get_start_column(n),
		          "raw HTML is not interpreted; only its text is shown (reported once per file)");
	b->html_warned = 1;
}

/* Feeds the inline children of n into p; images are collected for the
 * caller to place after the text.  Iterative: emphasis may nest deeply. */
static int inlines(struct builder *b, struct para *p, cmark_node *n, const struct span_style *base,
                   cmark_node ***images, int *nimages)
{
	struct inl_state s = { 0 };
	int icap = 0;
	cmark_node *skip = NULL;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (c == n)
			continue;
		if (skip) {
			if (c == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		int enter = ev == CMARK_EVENT_ENTER;
		int line = md_line(c);
		struct span_style st = *base;
		st.face = face_for(base->face == FACE_BOLD || base->face == FACE_BOLDITALIC || s.bold > 0,
		                   base->face == FACE_ITALIC || base->face == FACE_BOLDITALIC || s.italic > 0);
		if (s.strike > 0)
			st.flags |= SP_STRIKE;
		if (s.url > 0)
			st.flags |= SP_URL;
		if (s.nlinks > 0 && s.links[s.nlinks - 1]) {
			st.link = s.links[s.nlinks - 1];
			st.rgb = STYLE_LINK_RGB;
		}
		if (md_is(c, "strikethrough")) {
			s.strike += enter ? 1 : -1;
			continue;
		}
		if (md_is_footnote_ref(c)) {
			struct buf k;
			buf_init(&k);
			buf_addf(&k, "%s#fn-%s", b->name, cmark_node_get_literal(c));
			st.link = arena_strndup(b->L->arena, k.data, k.len);
			st.rgb = STYLE_LINK_RGB;
			st.flags |= SP_SUP;
			st.face = FACE_REGULAR;
			buf_done(&k);
			para_text(b->L, p, cmark_node_get_literal(c), strlen(cmark_node_get_literal(c)), &st, line);
			continue;
		}
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT: {
			const char *t = cmark_node_get_literal(c);
			b->L->col_text = t; /* a missing character is reported at its column */
			b->L->col = cmark_node_get_start_column(c);
			para_text(b->L, p, t, strlen(t), &st, line);
			b->L->col = 0;
			break;
		}
		case CMARK_NODE_CODE: {
			const char *t = cmark_node_get_literal(c);
			st.face = FACE_MONO;
			st.size = base->size * 9 / 10;
			st.flags |= SP_CODE;
			if (!st.link)
				st.rgb = STYLE_CODE_RGB;
			para_text(b->L, p, t, strlen(t), &st, line);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			para_text(b->L, p, " ", 1, &st, line);
			break;
		case CMARK_NODE_LINEBREAK:
			para_break(p);
			break;
		case CMARK_NODE_STRONG:
			s.bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			s.italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (enter) {
				const char *key = arena_key(b, model_link_key_at(b->bk, b->c, b->chap, cmark_node_get_url(c),
				                                                 line, cmark_node_get_start_column(c), b->L->d));
				if (s.nlinks < BUILD_MAX_DEPTH)
					s.links[s.nlinks++] = key;
				if (is_autolink(c))
					s.url++;
			} else {
				if (s.nlinks > 0)
					s.nlinks--;
				if (is_autolink(c))
					s.url--;
			}
			break;
		case CMARK_NODE_IMAGE:
			if (enter) {
				GROW(*images, icap, *nimages + 1);
				(*images)[(*nimages)++] = c;
				skip = c;
			}
			break;
		case CMARK_NODE_HTML_INLINE: {
			const char *h = cmark_node_get_literal(c);
			/* a tag's text is the Markdown around it; the tag itself is
			 * never shown.  <br> is GFM's line break in a table cell. */
			if (is_comment(h))
				index_marker(b, h);
			else if (md_is_br(c))
				para_break(p);
			else
				warn_html(b, c);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return 0;
}

/* ---- blocks ---- */

/* The most pixels image i can need: the biggest it is ever placed (the
 * full measure; an indented reference is placed smaller) at IMAGE_DPI. */
static void image_target(const struct builder *b, const struct image *img, int *tw, int *th)
{
	double w = img->w * 0.75 * FX_PER_PT, h = img->h * 0.75 * FX_PER_PT;
	double k = 1;
	if (w * k > b->o->width)
		k = b->o->width / w;
	if (h * k > b->o->height * 0.7)
		k = b->o->height * 0.7 / h;
	double px = (double)IMAGE_DPI / 72 / FX_PER_PT;
	*tw = (int)(w * k * px + 0.999);
	*th = (int)(h * k * px + 0.999);
}

static void build_image(struct builder *b, cmark_node *n)
{
	struct buf alt;
	buf_init(&alt);
	md_text(n, &alt);
	buf_cstr(&alt);
	const char *url = cmark_node_get_url(n);
	int line = md_line(n);
	const char *why = "is past the most images a book holds";
	space_before(b, STYLE_PARA_GAP);
	struct image_table *t = &b->out->img;
	int i = image_open(t, b->c, url, DL_MAX_IMAGES), escapes = 0;
	if (i >= 0) {
		if (!t->v[i].why) {
			int tw, th;
			image_target(b, &t->v[i], &tw, &th);
			image_fit(t, i, tw, th);
		}
		why = t->v[i].why;
		escapes = t->v[i].escapes;
	}
	if (why) {
		/* a link out of the repository is an error: no PDF is written */
		if (escapes)
			diag_error_at(b->L->d, b->L->file, line, cmark_node_get_start_column(n), "image %s %s; not read",
			              url, why);
		else
			diag_warn_at(b->L->d, b->L->file, line, cmark_node_get_start_column(n),
			             "image %s %s; its alt text is shown", url, why);
		struct para p;
		para_init(&p, STYLE_BODY_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_BODY_SIZE, STYLE_MUTED_RGB, 0, NULL };
		para_text(b->L, &p, "[Image: ", 8, &st, line);
		para_text(b->L, &p, alt.len ? alt.data : url, alt.len ? alt.len : strlen(url), &st, line);
		para_text(b->L, &p, "]", 1, &st, line);
		struct pline *ln;
		int nl = para_set(b->L, &p, avail(b), AL_LEFT, &ln);
		tag_open(b, TAG_P, NULL);
		emit_lines(b, ln, nl, 0);
		tag_close(b);
		para_done(&p);
		buf_done(&alt);
		return;
	}
	const struct image *img = &t->v[i];
	/* 96 px to the inch, scaled down to the measure and to 70% of the page height */
	double w = img->w * 0.75 * FX_PER_PT, h = img->h * 0.75 * FX_PER_PT;
	double maxw = avail(b), maxh = b->o->height * 0.7;
	double k = 1;
	if (w * k > maxw)
		k = maxw / w;
	if (h * k > maxh)
		k = maxh / h;
	struct dl_item it = { 0 };
	it.kind = DL_IMAGE;
	it.w = (fx)(w * k);
	it.h = (fx)(h * k);
	it.x = (avail(b) - it.w) / 2;
	it.face = (int16_t)i;
	/* the alt text is the Figure's /Alt, for screen readers; what is
	 * printed under the image is its title, when it has one */
	tag_open(b, TAG_FIGURE, arena_strndup(b->L->arena, alt.len ? alt.data : "", alt.len));
	vbox(b, it.h, &it, 1, 0);
	const char *title = cmark_node_get_title(n);
	if (title && *title) {
		/* the caption stays with its image */
		vpen(b, PEN_INF);
		vglue(b, PT(3));
		struct para p;
		para_init(&p, STYLE_NOTE_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_NOTE_SIZE, STYLE_MUTED_RGB, 0, NULL };
		para_text(b->L, &p, title, strlen(title), &st, line);
		struct pline *ln;
		int nl = para_set(b->L, &p, avail(b), AL_CENTER, &ln);
		tag_open(b, TAG_CAPTION, NULL);
		emit_lines(b, ln, nl, 1);
		tag_close(b);
		para_done(&p);
	}
	tag_close(b);
	buf_done(&alt);
}

static void build_paragraph(struct builder *b, cmark_node *n, fx size, int face, uint32_t rgb)
{
	struct para p;
	para_init(&p, size);
	struct span_style st = { face, size, rgb, SP_INDEX, NULL };
	cmark_node **images = NULL;
	int nimages = 0;
	/* a list item's only paragraph is its LBody's text: a P around it
	 * would be one more element per item and say nothing */
	int bare = b->bare_para;
	b->bare_para = 0;
	inlines(b, &p, n, &st, &images, &nimages);
	if (!para_empty(&p) || b->nmarker) {
		struct pline *ln;
		int nl = para_set(b->L, &p, avail(b), b->o->ragged ? AL_LEFT : AL_JUSTIFY, &ln);
		space_before(b, STYLE_PARA_GAP);
		if (!bare)
			tag_open(b, TAG_P, NULL);
		emit_lines(b, ln, nl, 0);
		if (!bare)
			tag_close(b);
	}
	for (int i = 0; i < nimages; i++)
		build_image(b, images[i]);
	free(images);
	para_done(&p);
}

static void build_heading(struct builder *b, cmark_node *n)
{
	const struct chapter *ch = &b->bk->ch[b->chap];
	const struct heading *h = NULL;
	while (b->nhead < ch->nh && !h) {
		if (ch->h[b->nhead].node == n)
			h = &ch->h[b->nhead];
		b->nhead++;
	}
	int level = cmark_node_get_heading_level(n);
	const struct heading_style *hs = &style_heading[level];
	int is_title = h && h->level == 1 && !strcmp(h->text, ch->title) && b->first;
	struct para p;
	para_init(&p, hs->size);
	struct span_style st = { hs->bold ? FACE_BOLD : FACE_ITALIC, hs->size, hs->rgb, SP_NOHYPH, NULL };
	cmark_node **images = NULL;
	int nimages = 0;
	inlines(b, &p, n, &st, &images, &nimages);
	free(images);
	struct pline *ln;
	int nl = para_set(b->L, &p, avail(b), AL_LEFT, &ln);
	if (!is_title) {
		/* a heading opening a page needs no space above it; paginate drops glue there */
		space_before(b, hs->before);
	}
	b->first = 0;
	/* PDF/UA: levels never skip going down; the title is H1 */
	int tagged = is_title ? 1 : level;
	if (!is_title && tagged > b->last_level + 1) {
		tagged = b->last_level + 1;
		if (b->warn_levels)
			diag_warn_at(b->L->d, b->L->file, md_line(n), cmark_node_get_start_column(n),
		             "heading level %d follows level %d; it is tagged as level %d for screen readers",
			             level, b->last_level, tagged);
	}
	b->last_level = tagged;
	tag_open(b, (enum tag_role)(TAG_H1 + tagged - 1), NULL);
	for (int i = 0; i < nl; i++) {
		if (i > 0)
			vpen(b, PEN_INF);
		struct vnode *v = vbox(b, ln[i].h, ln[i].items, ln[i].n, 0);
		v->flags |= VN_HEADING;
		if (i == 0 && h) {
			/* the destination: this box's top, where a link should land */
			struct dl_item *d = arena_alloc(b->L->arena, sizeof(*d) * (size_t)(v->n + 1));
			memcpy(d, v->items, sizeof(*d) * (size_t)v->n);
			memset(&d[v->n], 0, sizeof(*d));
			d[v->n].kind = DL_DEST;
			d[v->n].str = h->key;
			d[v->n].x = b->left;
			v->items = d;
			v->n++;
		}
	}
	tag_close(b);
	if (is_title) {
		vpen(b, PEN_INF);
		struct dl_item rule = { 0 };
		rule.kind = DL_LINE;
		rule.y = PT(4);
		rule.w = avail(b);
		rule.size = PT(1.2);
		rule.rgb = STYLE_ACCENT_RGB;
		vbox(b, PT(8), &rule, 1, 0);
	} else if (h && level <= 2) {
		GROW(b->out->ol, b->out->olcap, b->out->nol + 1);
		b->out->ol[b->out->nol++] = (struct outline_entry){ 2, h->text, h->key, b->chap };
	}
	vpen(b, PEN_INF);
	vglue(b, hs->after);
	b->first = 1; /* the heading's own space below replaces the next block's space above */
	para_done(&p);
}

/* --since: a changed block's destination joins its first box, and an
 * added or changed one is barred until change_end.  Returns 1 when a bar
 * began. */
static int change_begin(struct builder *b, cmark_node *n)
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

static void change_end(struct builder *b, int began)
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
		para_init(&p, STYLE_NOTE_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_NOTE_SIZE, STYLE_MUTED_RGB, SP_NOHYPH, NULL };
		para_text(b->L, &p, t.data, t.len, &st, md_line(n));
		struct pline *ln;
		int nl = para_set(b->L, &p, avail(b), AL_LEFT, &ln);
		space_before(b, PT(3));
		if (b->nmarks < (int)(sizeof(b->marks) / sizeof(b->marks[0])))
			b->marks[b->nmarks++] = se->key;
		b->bar++;
		emit_lines(b, ln, nl, 1);
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
	text_items(b, b->marker, &n, 2, b->left - gap - w, base, s, strlen(s), face, size, rgb, md_line(item));
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
	space_before(b, STYLE_PARA_GAP);
	b->first = 1;
	fx left = b->left;
	int was_tight = b->tight;
	/* /ListNumbering (ISO 32000-1 Table 347) names the bullets, which are
	 * Artifacts, or the numbers, which are each item's Lbl */
	static const char *const numbering[] = { "Disc", "Disc", "Circle" };
	tag_open(b, TAG_L, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "Decimal" : numbering[level % 3]);
	for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it), number++) {
		if (it != cmark_node_first_child(n))
			vglue(b, tight ? PT(2.5) : STYLE_PARA_GAP);
		if (b->depth < STYLE_MAX_INDENT_DEPTH)
			b->left = left + STYLE_LIST_INDENT;
		tag_open(b, TAG_LI, NULL);
		make_marker(b, n, it, number, level);
		b->pend_lbl = b->npend; /* the marker is the Lbl, before the LBody */
		tag_open(b, TAG_LBODY, NULL);
		b->first = 1;
		b->tight = tight;
		int barred = change_begin(b, it);
		cmark_node *only = cmark_node_first_child(it);
		b->bare_para = only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_PARAGRAPH;
		build_children(b, it);
		b->bare_para = 0;
		if (b->nmarker) {
			/* an empty item still shows its marker */
			struct dl_item none = { 0 };
			vbox(b, STYLE_LEADING(STYLE_BODY_SIZE), &none, 0, 0);
		}
		change_end(b, barred);
		removed_notes(b, it);
		tag_close(b);
		tag_close(b);
		b->left = left;
		b->tight = was_tight;
	}
	tag_close(b);
	b->first = 0;
}

static void build_quote(struct builder *b, cmark_node *n)
{
	space_before(b, STYLE_PARA_GAP);
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
	tag_open(b, TAG_BLOCKQUOTE, NULL);
	build_children(b, n);
	tag_close(b);
	b->left = left;
	b->deco = saved;
	b->first = 0;
}

/* Expands tabs to STYLE_CODE_TAB columns. */
static void expand_tabs(const char *s, size_t n, struct buf *out)
{
	int col = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				buf_addc(out, ' ');
			while (++col % STYLE_CODE_TAB);
		} else {
			buf_addc(out, s[i]);
			if (((unsigned char)s[i] & 0xC0) != 0x80)
				col++;
		}
	}
}

static void build_code(struct builder *b, cmark_node *n, int face, fx size)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = strlen(lit);
	if (len && lit[len - 1] == '\n')
		len--;
	int fence_len = 0, fence_off = 0;
	char fence_ch = 0;
	int fenced = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
	             cmark_node_get_fenced(n, &fence_len, &fence_off, &fence_ch);
	int line0 = md_line(n) + (fenced ? 1 : 0);
	space_before(b, STYLE_PARA_GAP);
	fx lh = size * 135 / 100, pad = STYLE_CODE_PAD;
	fx w = avail(b);
	fx mark_w = font_width(b->L->fonts, FACE_FALLBACK, size, "\xE2\x86\xAA", 3) + PT(2);
	fx textw = w - 2 * pad;
	int asc = font_ascender(b->L->fonts, face), desc = font_descender(b->L->fonts, face);
	fx base = (lh + FX_EM(asc + desc, size)) / 2;
	/* first collect the visual lines: source lines wrapped at the measure */
	struct seg { size_t off, len; int cont, line; } *segs = NULL;
	int nseg = 0, segcap = 0;
	struct buf all;
	buf_init(&all);
	int srcline = 0;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && lit[e] != '\n')
			e++;
		struct buf ln;
		buf_init(&ln);
		expand_tabs(lit + i, e - i, &ln);
		buf_cstr(&ln);
		size_t off = all.len;
		buf_add(&all, ln.data, ln.len);
		/* wrap: greedy by characters, continuation lines indented by the mark */
		size_t s = 0;
		int cont = 0;
		do {
			fx limit = cont ? textw - mark_w : textw, x = 0;
			size_t j = s, last_ok = s;
			while (j < ln.len) {
				uint32_t cp;
				int k = utf8_decode(ln.data + j, ln.len - j, &cp);
				int f = font_pick(b->L->fonts, face, cp);
				fx cw = font_width(b->L->fonts, f < 0 ? face : f, size, ln.data + j, (size_t)k);
				if (x + cw > limit && j > s)
					break;
				x += cw;
				j += (size_t)k;
				last_ok = j;
			}
			GROW(segs, segcap, nseg + 1);
			segs[nseg++] = (struct seg){ off + s, last_ok - s, cont, line0 + srcline };
			s = last_ok;
			cont = 1;
		} while (s < ln.len);
		buf_done(&ln);
		srcline++;
		if (e >= len)
			break;
		i = e + 1;
	}
	/* a line's text changes face at most once a byte: room for that, the
	 * background and the continuation mark (a fixed 64 dropped the rest of
	 * a line that switched faces more often, silently) */
	size_t most = 0;
	for (int i = 0; i < nseg; i++)
		most = segs[i].len > most ? segs[i].len : most;
	int max = (int)most + 8;
	struct dl_item *items = xmalloc(sizeof(*items) * (size_t)max);
	tag_open(b, TAG_CODE, NULL);
	for (int i = 0; i < nseg; i++) {
		int first = i == 0, last = i == nseg - 1;
		fx top = first ? pad : 0, h = lh + top + (last ? pad : 0);
		int ni = 0;
		memset(&items[ni], 0, sizeof(items[0]));
		items[ni].kind = DL_RECT;
		items[ni].w = w;
		items[ni].h = h;
		items[ni].rgb = STYLE_CODE_BG_RGB;
		ni++;
		fx x = pad;
		if (segs[i].cont) {
			text_items(b, items, &ni, max, x, top + base, "\xE2\x86\xAA", 3, FACE_FALLBACK, size,
			           STYLE_MUTED_RGB, segs[i].line);
			x += mark_w;
		}
		text_items(b, items, &ni, max, x, top + base, all.data + segs[i].off, segs[i].len, face,
		           size, STYLE_CODE_RGB, segs[i].line);
		if (i > 0)
			vpen(b, i == 1 || i == nseg - 1 ? PEN_INF : 0);
		vbox(b, h, items, ni, 0);
	}
	tag_close(b);
	free(items);
	free(segs);
	buf_done(&all);
}

static int cmp_fx_pair(const void *x, const void *y)
{
	const fx *a = x, *c = y;
	return (a[0] > c[0]) - (a[0] < c[0]);
}

/* A table row taller than a page cannot be kept whole: it is cut into
 * slices at heights where no text line is crossed, each at most maxh tall.
 * Returns the number of boxes added. */
static int emit_sliced(struct builder *b, const struct dl_item *items, int n, fx h, fx maxh, int head)
{
	/* busy intervals: each text line's extent */
	fx (*iv)[2] = xcalloc((size_t)(n ? n : 1), sizeof(*iv));
	int ni = 0;
	for (int i = 0; i < n; i++)
		if (items[i].kind == DL_TEXT) {
			iv[ni][0] = items[i].y - items[i].size;
			iv[ni][1] = items[i].y + items[i].size * 4 / 10;
			ni++;
		}
	qsort(iv, (size_t)ni, sizeof(*iv), cmp_fx_pair);
	struct dl_item *tmp = xcalloc((size_t)(n ? n : 1), sizeof(*tmp));
	/* tags: cells (TH, TD) are cut across boxes, so their text stays in
	 * the row's TR; the row's other tags open in the first slice and
	 * close in the last */
	char *cell = xcalloc((size_t)(n ? n : 1), 1);
	{
		char open[TAG_MAX_OPEN];
		int depth = 0;
		for (int i = 0; i < n; i++) {
			if (items[i].kind == DL_TAG_BEGIN) {
				cell[i] = items[i].face == TAG_TH || items[i].face == TAG_TD;
				if (depth < TAG_MAX_OPEN)
					open[depth] = cell[i];
				depth++;
			} else if (items[i].kind == DL_TAG_END && depth > 0) {
				depth--;
				cell[i] = depth < TAG_MAX_OPEN ? open[depth] : 1;
			}
		}
	}
	int boxes = 0;
	for (fx a = 0; a < h;) {
		fx limit = a + maxh, cut = limit >= h ? h : -1;
		if (cut < 0) {
			/* the last gap between lines before the limit */
			fx reach = a;
			for (int i = 0; i < ni; i++) {
				if (iv[i][0] > reach && reach > a && reach <= limit)
					cut = reach;
				if (iv[i][0] > limit)
					break;
				reach = iv[i][1] > reach ? iv[i][1] : reach;
			}
			if (cut < 0)
				cut = limit; /* one line taller than a page: cut anyway */
		}
		int k = 0;
		for (int i = 0; i < n; i++) {
			struct dl_item it = items[i];
			if (it.kind == DL_TAG_BEGIN || it.kind == DL_TAG_END) {
				if (!cell[i] && (it.kind == DL_TAG_BEGIN ? a == 0 : cut >= h))
					tmp[k++] = it;
				continue;
			}
			fx top = it.kind == DL_RECT ? it.y : it.y, bottom = it.kind == DL_RECT ? it.y + it.h : it.y;
			if (it.kind == DL_RECT) {
				if (bottom <= a || top >= cut)
					continue;
				it.y = top > a ? top : a;
				it.h = (bottom < cut ? bottom : cut) - it.y;
			} else if (top < a || top >= cut || (it.kind == DL_LINE && top == cut && cut < h)) {
				continue;
			}
			it.y -= a;
			tmp[k++] = it;
		}
		if (boxes > 0)
			vpen(b, 0);
		vbox(b, cut - a, tmp, k, 0)->head = head;
		boxes++;
		a = cut;
	}
	free(cell);
	free(tmp);
	free(iv);
	return boxes;
}

static void build_table(struct builder *b, cmark_node *n)
{
	int cols = cmark_gfm_extensions_get_table_columns(n);
	const uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
	int line = md_line(n);
	if (cols > TABLE_MAX_COLS) {
		diag_warn_at(b->L->d, b->L->file, line, cmark_node_get_start_column(n),
		             "table has %d columns; only the first %d are shown", cols, TABLE_MAX_COLS);
		cols = TABLE_MAX_COLS;
	}
	if (cols <= 0)
		return;
	char align[TABLE_MAX_COLS];
	for (int c = 0; c < cols; c++)
		align[c] = al ? (char)al[c] : 0;
	int rows = 0, header = 0;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r))
		rows++;
	struct para *cells = xcalloc((size_t)rows * (size_t)cols, sizeof(*cells));
	int ri = 0;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r), ri++) {
		int is_head = md_is(r, "table_header") || cmark_gfm_extensions_get_table_row_is_header(r);
		if (is_head && ri == header)
			header++;
		int ci = 0;
		for (int c = 0; c < cols; c++)
			para_init(&cells[ri * cols + c], STYLE_TABLE_SIZE);
		for (cmark_node *cell = cmark_node_first_child(r); cell && ci < cols;
		     cell = cmark_node_next(cell), ci++) {
			struct span_style st = { is_head ? FACE_BOLD : FACE_REGULAR, STYLE_TABLE_SIZE,
			                         is_head ? STYLE_HEADING_RGB : STYLE_TEXT_RGB, SP_INDEX, NULL };
			cmark_node **images = NULL;
			int nimages = 0;
			inlines(b, &cells[ri * cols + ci], cell, &st, &images, &nimages);
			for (int i = 0; i < nimages; i++)
				diag_warn_at(b->L->d, b->L->file, md_line(images[i]), cmark_node_get_start_column(images[i]),
				             "images in table cells are not shown; alt text used");
			free(images);
		}
	}
	struct trow *tr;
	table_layout(b->L, cells, rows, cols, align, header, avail(b), &tr);
	space_before(b, STYLE_PARA_GAP);
	int head_node = -1;
	fx maxh = b->o->height * 8 / 10;
	cmark_node *row = cmark_node_first_child(n);
	for (int r = 0; r < rows; r++, row = cmark_node_next(row)) {
		if (r > 0)
			vpen(b, r == header ? PEN_INF : 0);
		int barred = change_begin(b, row);
		if (tr[r].h > maxh && !tr[r].header) {
			emit_sliced(b, tr[r].items, tr[r].n, tr[r].h, maxh, head_node);
			change_end(b, barred);
			continue;
		}
		struct vnode *v = vbox(b, tr[r].h, tr[r].items, tr[r].n, 0);
		change_end(b, barred);
		if (tr[r].header) {
			v->flags |= VN_TABLE_HEAD;
			if (r == 0)
				head_node = b->out->vl.n - 1;
		} else {
			v->head = head_node;
		}
	}
	for (int i = 0; i < rows * cols; i++)
		para_done(&cells[i]);
	free(cells);
}

static void build_rule(struct builder *b)
{
	space_before(b, STYLE_PARA_GAP);
	struct dl_item r = { 0 };
	r.kind = DL_LINE;
	r.x = avail(b) / 4;
	r.y = PT(8);
	r.w = avail(b) / 2;
	r.size = PT(0.6);
	r.rgb = STYLE_RULE_RGB;
	vbox(b, PT(16), &r, 1, 0);
}

static void build_html(struct builder *b, cmark_node *n)
{
	const char *h = cmark_node_get_literal(n);
	if (is_comment(h)) {
		index_marker(b, h);
		return;
	}
	/* html.c replaced every other block; the source is never shown */
	warn_html(b, n);
}

/* Content nested past BUILD_MAX_DEPTH: its text as one plain paragraph. */
static void build_flat(struct builder *b, cmark_node *n)
{
	if (!b->depth_warned)
		diag_warn_at(b->L->d, b->L->file, md_line(n), cmark_node_get_start_column(n),
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
	para_init(&p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, 0, NULL };
	para_text(b->L, &p, t.data ? t.data : "", t.len, &st, md_line(n));
	if (!para_empty(&p)) {
		struct pline *ln;
		int nl = para_set(b->L, &p, avail(b), AL_JUSTIFY, &ln);
		space_before(b, STYLE_PARA_GAP);
		emit_lines(b, ln, nl, 0);
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
	int barred = change_begin(b, n);
	if (md_is_footnote_def(n)) {
		GROW(b->notes, b->notescap, b->nnotes + 1);
		b->notes[b->nnotes++] = n;
	} else if (md_is(n, "table")) {
		build_table(b, n);
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
			build_code(b, n, FACE_MONO, STYLE_CODE_SIZE);
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
	change_end(b, barred);
	removed_notes(b, n);
	b->depth--;
}

/* Footnotes close their chapter: a short rule, then each note numbered,
 * each a destination its references link to. */
static void build_notes(struct builder *b)
{
	if (!b->nnotes)
		return;
	space_before(b, STYLE_PARA_GAP * 2);
	struct dl_item r = { 0 };
	r.kind = DL_LINE;
	r.y = PT(4);
	r.w = avail(b) / 3;
	r.size = PT(0.6);
	r.rgb = STYLE_RULE_RGB;
	vbox(b, PT(8), &r, 1, 0);
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
		text_items(b, b->marker, &nm, 2, b->left - PT(4) - w, base, num, strlen(num), FACE_REGULAR,
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
		tag_open(b, TAG_NOTE, NULL);
		b->pend_lbl = b->npend;
		for (cmark_node *c = cmark_node_first_child(def); c; c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
				space_before(b, PT(2));
				int barred = change_begin(b, c);
				build_paragraph(b, c, STYLE_NOTE_SIZE, FACE_REGULAR, STYLE_TEXT_RGB);
				change_end(b, barred);
				removed_notes(b, c);
			} else {
				build_block(b, c);
			}
		}
		tag_close(b);
		b->left = left;
		b->first = 0;
	}
}

int build_chapter(struct lctx *L, const struct book *bk, const struct content *c, int chap,
                  const struct build_opts *o, struct build_out *out)
{
	return build_blocks(L, bk, c, chap, NULL, -1, o, out);
}

int build_blocks(struct lctx *L, const struct book *bk, const struct content *c, int chap,
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
	L->file = c->v[bk->ch[chap].src].path;
	const struct chapter *ch = &bk->ch[chap];
	struct vnode *v = vlist_add(&out->vl, VN_CHAPTER);
	v->str = ch->title;
	b.last_level = 1;
	b.warn_levels = n < 0;
	tag_open(&b, TAG_PART, NULL);
	struct dl_item dest = { 0 };
	dest.kind = DL_DEST;
	dest.str = ch->key;
	vbox(&b, 0, &dest, 1, 0);
	GROW(out->ol, out->olcap, out->nol + 1);
	out->ol[out->nol++] = (struct outline_entry){ 1, ch->title, ch->key, chap };
	if (n < 0)
		build_children(&b, c->v[ch->src].root);
	for (int i = 0; i < n; i++)
		build_block(&b, blocks[i]);
	build_notes(&b);
	while (b.nopen > 0)
		tag_close(&b);
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
