/* compare.c: "Levels at a glance" and "What changes".
 *
 * The glance tables go through table.c like a Markdown table.  The
 * side-by-side sections are laid out by build.c (build_blocks) once per
 * level at half the measure; the two vertical lists are then cut into
 * blocks at their glue (the space build.c puts between blocks) and paired
 * into rows.  A heading's block keeps the block after it. */
#include "compare.h"
#include "messages.h"
#include "box.h"
#include "paragraph.h"
#include "made.h"
#include "style.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GLANCE_SIZE PT(8)          /* glance table text */
#define GLANCE_HEAD_SIZE PT(8.5)   /* level codes in its header */
#define CHANGES_GUTTER PT(20)      /* between the two columns of What changes */
#define CHANGES_HEAD_SIZE PT(9)    /* the level names over the columns */

static const char *astr(struct lctx *L, const char *s)
{
	return arena_strndup(L->arena, s, strlen(s));
}

static void outline_add(struct build_out *out, int level, const char *title, const char *key, int chap)
{
	GROW(out->ol, out->olcap, out->nol + 1);
	out->ol[out->nol++] = (struct outline_entry){ level, title, key, chap };
}

static void text(struct lctx *L, struct para *p, const char *s, int face, fx size, uint32_t rgb,
                 const char *link)
{
	/* names (levels, roles, sections) are not hyphenated; sentences are */
	struct span_style st = { face, size, rgb, face == FACE_BOLD || rgb != STYLE_TEXT_RGB ? SP_NOHYPH : 0,
		                     link };
	para_text(L, p, s, strlen(s), &st, 0);
}

/* Table rows as boxes; the header row repeats after a page break. */
static void emit_table(struct vlist *out, const struct trow *tr, int rows)
{
	int head = -1;
	for (int r = 0; r < rows; r++) {
		if (r > 0)
			made_penalty(out, r == 1 ? PEN_INF : 0);
		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = tr[r].h;
		v->items = tr[r].items;
		v->n = tr[r].n;
		if (tr[r].header) {
			v->flags |= VN_TABLE_HEAD;
			head = out->n - 1;
		} else {
			v->head = head;
		}
	}
}

/* Each section's title key -> its index, for finding sections by title in
 * constant time (a hostile file may have tens of thousands). */
static struct strmap *title_map(const struct section *s, int n)
{
	struct strmap *m = strmap_new();
	for (int i = n - 1; i >= 0; i--) { /* the first of equal titles wins */
		char *k = sections_title_key(s[i].title);
		strmap_put(m, k, i);
		free(k);
	}
	return m;
}

/* One glance table: rows titled titles[r] (keys tkey[r]), one column per
 * role ch[k], whose sections secs[k] are indexed by title in idx[k]; a
 * column's text is its role's file's, for messages. */
static void glance_table(struct lctx *L, const struct model *bk, const struct framework *fw, const int *ch,
                         int n, struct section *const *secs, struct strmap *const *idx,
                         const char *const *titles, char *const *tkey, int nt,
                         const struct strmap *folios, fx width, struct vlist *out)
{
	int rows = nt + 1, cols = n + 1;
	struct para *cells = xcalloc((size_t)rows * (size_t)cols, sizeof(*cells));
	for (int i = 0; i < rows * cols; i++) {
		para_init(&cells[i], GLANCE_SIZE);
		const struct fw_role *ro = i % cols ? framework_role(fw, ch[i % cols - 1]) : NULL;
		cells[i].file = ro ? ro->file : NULL;
	}
	for (int k = 0; k < n; k++) {
		const struct chapter *c = &bk->ch[ch[k]];
		struct para *p = &cells[k + 1];
		if (c->code) {
			text(L, p, c->code, FACE_BOLD, GLANCE_HEAD_SIZE, STYLE_HEADING_RGB, c->key);
			para_break(p);
		}
		text(L, p, c->role, FACE_REGULAR, GLANCE_SIZE, STYLE_HEADING_RGB, c->key);
	}
	for (int r = 0; r < nt; r++) {
		text(L, &cells[(r + 1) * cols], titles[r], FACE_BOLD, GLANCE_SIZE, STYLE_HEADING_RGB, NULL);
		for (int k = 0; k < n; k++) {
			struct para *p = &cells[(r + 1) * cols + k + 1];
			int s;
			if (!strmap_get(idx[k], tkey[r], &s)) {
				text(L, p, "\xE2\x80\x94", FACE_REGULAR, GLANCE_SIZE, STYLE_MUTED_RGB, NULL);
				continue;
			}
			const char *key = secs[k][s].key;
			char *first = sections_first_sentence(&secs[k][s]);
			text(L, p, first[0] ? first : secs[k][s].title, FACE_REGULAR, GLANCE_SIZE, STYLE_TEXT_RGB,
			     key);
			free(first);
			int folio;
			if (folios && strmap_get(folios, key, &folio)) {
				char num[48];
				snprintf(num, sizeof(num), " %s\xC2\xA0%d", msg(MSG_PAGE_ABBREV), folio); /* no break inside "p. 7" */
				text(L, p, num, FACE_REGULAR, GLANCE_SIZE, STYLE_LINK_RGB, key);
			}
		}
	}
	struct trow *tr;
	table_layout(L, cells, rows, cols, NULL, 1, width, &tr);
	emit_table(out, tr, rows);
	for (int i = 0; i < rows * cols; i++)
		para_done(&cells[i]);
	free(cells);
}

/* The glance for the roles of one track: a heading, then its tables. */
static void glance_track(struct lctx *L, const struct model *bk, const struct framework *fw,
                         const char *track, const int *ch, int n, const struct strmap *folios,
                         fx width, struct build_out *out, int *made)
{
	struct section **secs = xcalloc((size_t)n, sizeof(*secs));
	int *nsec = xcalloc((size_t)n, sizeof(*nsec));
	struct strmap **idx = xcalloc((size_t)n, sizeof(*idx)), *seen = strmap_new();
	const char **titles = NULL;
	char **tkey = NULL;
	int nt = 0, tcap = 0, kcap = 0;
	for (int k = 0; k < n; k++) {
		const struct fw_role *ro = framework_role(fw, ch[k]);
		secs[k] = ro->sec;
		nsec[k] = ro->nsec;
		idx[k] = title_map(secs[k], nsec[k]);
		for (int s = 0; s < nsec[k]; s++) {
			char *key = sections_title_key(secs[k][s].title);
			if (strmap_put(seen, key, nt)) {
				GROW(titles, tcap, nt + 1);
				GROW(tkey, kcap, nt + 1);
				titles[nt] = secs[k][s].title;
				tkey[nt++] = key;
			} else {
				free(key);
			}
		}
	}
	if (nt > 0) {
		if (!*made) {
			made_chapter(L, &out->vl, msg(MSG_LEVELS_AT_A_GLANCE), msg(MSG_LEVELS_AT_A_GLANCE),
			             "#levels-at-a-glance", width);
			outline_add(out, 1, msg(MSG_LEVELS_AT_A_GLANCE), "#levels-at-a-glance", -1);
			made_text(L, &out->vl,
			          "Each competency section, level by level: the first sentence of the section in "
			          "each role\xE2\x80\x99s chapter, with a link to the whole of it.",
			          FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
		}
		char key[32];
		snprintf(key, sizeof(key), "#glance-%d", ++*made);
		const char *k = astr(L, key), *title = astr(L, track);
		made_heading(L, &out->vl, title, 2, k, width);
		outline_add(out, 2, title, k, -1);
		for (int from = 0; from < n; from += GLANCE_MAX_LEVELS) {
			int m = n - from < GLANCE_MAX_LEVELS ? n - from : GLANCE_MAX_LEVELS;
			if (from > 0)
				made_glue(&out->vl, PT(12));
			glance_table(L, bk, fw, ch + from, m, secs + from, idx + from, titles, tkey, nt, folios,
			             width, &out->vl);
		}
	}
	for (int k = 0; k < n; k++)
		strmap_free(idx[k]);
	for (int t = 0; t < nt; t++)
		free(tkey[t]);
	free(tkey);
	free(secs);
	free(nsec);
	free(idx);
	strmap_free(seen);
	free(titles);
}

int compare_glance(struct lctx *L, const struct model *bk, const struct framework *dg,
                   const struct strmap *folios, fx width, struct build_out *out)
{
	int made = 0;
	int *ch = xcalloc((size_t)(dg->n ? dg->n : 1), sizeof(*ch));
	/* a track's rows are consecutive; its roles go by column, then row */
	for (int r = 0; r < dg->nrows;) {
		int r2 = r + 1;
		while (r2 < dg->nrows && !strcmp(dg->tracks[r2], dg->tracks[r]))
			r2++;
		int n = 0;
		for (int col = 0; col < dg->ncols; col++)
			for (int row = r; row < r2; row++)
				for (int i = 0; i < dg->n; i++)
					if (dg->roles[i].row == row && dg->roles[i].col == col)
						ch[n++] = dg->roles[i].chapter;
		glance_track(L, bk, dg, dg->tracks[r], ch, n, folios, width, out, &made);
		r = r2;
	}
	free(ch);
	return made ? 0 : -1;
}

/* ---- what changes ---- */

/* A block of one column: its items from the block's top, its height, and
 * the space build.c put above it. */
struct block {
	fx lead, h;               /* 1/1000 pt */
	fx indent;                /* left edge of its first line's text, markers included */
	struct dl_items it;
};

struct column {
	struct block *b;          /* owned */
	int n, cap;
};

static struct block *new_block(struct column *col, fx lead)
{
	GROW(col->b, col->cap, col->n + 1);
	struct block *b = &col->b[col->n++];
	memset(b, 0, sizeof(*b));
	b->lead = col->n > 1 ? lead : 0;
	return b;
}

/* The left edge of a box's text, or INT32_MAX when it has none. */
static fx box_indent(const struct vnode *v)
{
	fx x = INT32_MAX;
	for (int k = 0; k < v->n; k++)
		if (v->items[k].kind == DL_TEXT && v->items[k].x < x)
			x = v->items[k].x;
	for (int k = 0; k < v->npre; k++) /* a list marker in front */
		if (v->pre[k].kind == DL_TEXT && v->pre[k].x < x)
			x = v->pre[k].x;
	return x;
}

/* Cuts a laid-out column into blocks at its glue: paragraphs, list items,
 * code blocks.  What is indented further than the block before it (a
 * nested list, an item's second paragraph) joins that block, and so does
 * what follows a heading, so a block is a unit of meaning.  Items move
 * right by dx, image numbers by img_base; destinations are dropped (the
 * packet's chapters hold the same headings); quote bars become rectangles. */
static void column_blocks(const struct vlist *vl, fx dx, int img_base, struct column *col)
{
	struct block *cur = NULL;
	fx pending = 0;
	int after_heading = 0, boundary = 0;
	for (int i = 0; i < vl->n; i++) {
		const struct vnode *v = &vl->v[i];
		if (v->kind == VN_GLUE) {
			if (cur && cur->h > 0)
				boundary = 1;
			pending += v->h;
			continue;
		}
		if (v->kind != VN_BOX)
			continue;
		fx indent = box_indent(v);
		if (cur && boundary && !after_heading && !(indent != INT32_MAX && indent > cur->indent))
			cur = NULL;
		if (!cur) {
			cur = new_block(col, pending);
			cur->indent = indent;
		} else {
			cur->h += pending;
			if (cur->indent == INT32_MAX)
				cur->indent = indent;
		}
		pending = 0;
		boundary = 0;
		for (int k = 0; k < v->npre + v->n; k++) {
			/* a list marker may sit in pre; structure tags are dropped: two
			 * columns paired row by row would interleave them */
			const struct dl_item *src = k < v->npre ? &v->pre[k] : &v->items[k - v->npre];
			if (src->kind == DL_DEST || src->kind == DL_TAG_BEGIN || src->kind == DL_TAG_END)
				continue;
			struct dl_item *it = dl_items_add(&cur->it, src->kind);
			*it = *src;
			it->x += dx;
			it->y += cur->h;
			if (it->kind == DL_IMAGE)
				it->face += img_base;
		}
		for (int k = 0; v->deco && k < v->deco->n; k++) {
			struct dl_item *r = dl_items_add(&cur->it, DL_RECT);
			r->x = dx + v->deco->x[k];
			r->y = cur->h;
			r->w = STYLE_QUOTE_BAR;
			r->h = v->h;
			r->rgb = STYLE_QUOTE_BAR_RGB;
		}
		cur->h += v->h;
		after_heading = (v->flags & VN_HEADING) != 0;
	}
}

static void column_done(struct column *col)
{
	for (int i = 0; i < col->n; i++)
		dl_items_done(&col->b[i].it);
	free(col->b);
	memset(col, 0, sizeof(*col));
}

/* One level's section laid out at the column width, as blocks. */
static void section_column(struct lctx *L, const struct model *bk, const struct content *c, int chap,
                           const struct section *s, fx dx, const struct build_opts *o,
                           struct build_out *out, struct column *col)
{
	/* the chapters count their own lines; these are the same lines again */
	struct lstats apart = { 0 };
	struct build_opts co = *o;
	co.stats = &apart;
	struct build_out tmp;
	memset(&tmp, 0, sizeof(tmp));
	/* the packet's image table is lent to the column: one table per book
	 * embeds each file once and keeps one pixel budget */
	tmp.img = out->img;
	memset(&out->img, 0, sizeof(out->img));
	build_blocks(L, bk, c, chap, s->body, s->n, &co, &tmp);
	column_blocks(&tmp.vl, dx, 0, col);
	out->img = tmp.img;
	memset(&tmp.img, 0, sizeof(tmp.img));
	build_out_done(&tmp);
}

static void changes_header(struct lctx *L, const struct model *bk, int a, int b, fx colw, fx dx,
                           struct vlist *out)
{
	struct dl_items o = { 0 };
	made_tag(&o, TAG_TR);
	made_tag(&o, TAG_TH);
	fx hl = made_set(L, &o, bk->ch[a].title, FACE_BOLD, CHANGES_HEAD_SIZE, STYLE_HEADING_RGB, NULL, 0,
	                 0, colw, AL_LEFT);
	made_tag(&o, -1);
	made_tag(&o, TAG_TH);
	fx hr = made_set(L, &o, bk->ch[b].title, FACE_BOLD, CHANGES_HEAD_SIZE, STYLE_HEADING_RGB, NULL, dx,
	                 0, colw, AL_LEFT);
	made_tag(&o, -1);
	made_tag(&o, -1);
	fx h = (hl > hr ? hl : hr) + PT(3);
	for (int k = 0; k < 2; k++) {
		struct dl_item *r = dl_items_add(&o, DL_LINE);
		r->x = k ? dx : 0;
		r->y = h;
		r->w = colw;
		r->size = PT(0.9);
		r->rgb = STYLE_ACCENT_RGB;
	}
	made_box(L, out, &o, h + PT(6))->flags |= VN_TABLE_HEAD;
	vlist_tag(out, out->n - 1, TAG_THEAD, NULL, L->arena);
	dl_items_done(&o);
}

/* One shared section: heading, the column heads, the rows. */
static void changes_section(struct lctx *L, const struct model *bk, const struct content *c, int a,
                            int b, const struct section *sa, const struct section *sb, int no,
                            const struct build_opts *o, struct build_out *out)
{
	fx width = o->width, colw = (width - CHANGES_GUTTER) / 2, dx = colw + CHANGES_GUTTER;
	/* half-width columns read better ragged than justified */
	struct build_opts co = { .width = colw, .height = o->height, .ragged = 1 }; /* no change bars between columns */
	struct column left = { 0 }, right = { 0 };
	section_column(L, bk, c, a, sa, 0, &co, out, &left);
	section_column(L, bk, c, b, sb, dx, &co, out, &right);

	char key[40];
	snprintf(key, sizeof(key), "#what-changes-%d", no);
	const char *k = astr(L, key);
	made_heading(L, &out->vl, sa->title, 2, k, width);
	outline_add(out, 2, sa->title, k, -1);
	/* a table (PDF/UA 7.5): the two titles its THead, each row's two
	 * blocks the TDs of a TR */
	int table = out->vl.n;
	changes_header(L, bk, a, b, colw, dx, &out->vl);
	int head = out->vl.n - 1;
	fx maxh = (fx)((int64_t)o->height * MADE_MAX_ROW_PCT / 100);
	int rows = left.n > right.n ? left.n : right.n;
	struct dl_items row = { 0 };
	int body = -1;
	for (int r = 0; r < rows; r++) {
		const struct block *l = r < left.n ? &left.b[r] : NULL, *q = r < right.n ? &right.b[r] : NULL;
		fx gap = 0, h = 0;
		if (r > 0) {
			gap = l ? l->lead : 0;
			gap = q && q->lead > gap ? q->lead : gap;
		}
		made_tag(&row, TAG_TR);
		for (int side = 0; side < 2; side++) {
			const struct block *bl = side ? q : l;
			made_tag(&row, TAG_TD);
			for (int i = 0; bl && i < bl->it.n; i++) {
				struct dl_item *it = dl_items_add(&row, bl->it.v[i].kind);
				*it = bl->it.v[i];
				it->y += gap;
			}
			made_tag(&row, -1);
			if (bl)
				h = bl->h > h ? bl->h : h;
		}
		made_tag(&row, -1);
		h += gap;
		struct dl_item *div = dl_items_add(&row, DL_LINE); /* the divider, row after row */
		div->x = colw + CHANGES_GUTTER / 2;
		div->h = h;
		div->size = PT(0.5);
		div->rgb = STYLE_RULE_RGB;
		made_penalty(&out->vl, r == 0 ? PEN_INF : 0);
		if (r == 0)
			body = out->vl.n;
		made_box_sliced(L, &out->vl, &row, h, maxh, head);
	}
	if (body >= 0)
		vlist_tag(&out->vl, body, TAG_TBODY, NULL, L->arena);
	vlist_tag(&out->vl, table, TAG_TABLE, NULL, L->arena);
	dl_items_done(&row);
	column_done(&left);
	column_done(&right);
}

/* The section of other (indexed by title in m) with s's title, or -1. */
static int match(const struct strmap *m, const struct section *s)
{
	char *k = sections_title_key(s->title);
	int i;
	if (!strmap_get(m, k, &i))
		i = -1;
	free(k);
	return i;
}

/* "Only L3 has: Mentoring, Hiring." for sections one level has alone. */
static void only_in(struct lctx *L, const struct model *bk, int chap, const struct section *s, int n,
                    const struct strmap *other, fx width, struct vlist *out)
{
	struct buf t;
	buf_init(&t);
	for (int i = 0; i < n; i++)
		if (match(other, &s[i]) < 0)
			buf_addf(&t, "%s%s", t.len ? ", " : "", s[i].title);
	if (t.len) {
		struct buf p;
		buf_init(&p);
		buf_addf(&p, "Only %s has: %s.", bk->ch[chap].title, t.data);
		made_glue(out, STYLE_PARA_GAP);
		made_text(L, out, p.data, FACE_ITALIC, STYLE_BODY_SIZE, STYLE_MUTED_RGB, width, AL_LEFT);
		buf_done(&p);
	}
	buf_done(&t);
}

void compare_changes(struct lctx *L, const struct model *bk, const struct content *c,
                     const struct framework *fw, int a, const struct build_opts *o,
                     struct build_out *out)
{
	int b = framework_role(fw, a)->next;
	const char *track = framework_track(fw, a);
	fx width = o->width;
	made_chapter(L, &out->vl, msg(MSG_WHAT_CHANGES), msg(MSG_WHAT_CHANGES), "#what-changes", width);
	outline_add(out, 1, msg(MSG_WHAT_CHANGES), "#what-changes", -1);
	struct buf t;
	buf_init(&t);
	if (!b) {
		buf_addf(&t, "%s is the top of %s%s%s: there is no next level in it to compare with. The "
		         "conversation is about growing within the role; the worksheet that follows covers "
		         "its expectations.",
		         bk->ch[a].title, track ? "the " : "its track", track ? track : "", track ? " track" : "");
		made_text(L, &out->vl, t.data, FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
		buf_done(&t);
		return;
	}
	const struct fw_role *ra = framework_role(fw, a), *rb = framework_role(fw, b);
	const struct section *sa = ra->sec, *sb = rb->sec;
	int na = ra->nsec, nb = rb->nsec;
	buf_addf(&t, "From %s, on the left, to %s, on the right: each competency section both levels "
	         "describe, side by side.",
	         bk->ch[a].title, bk->ch[b].title);
	made_text(L, &out->vl, t.data, FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
	buf_done(&t);
	struct strmap *ma = title_map(sa, na), *mb = title_map(sb, nb);
	only_in(L, bk, a, sa, na, mb, width, &out->vl);
	only_in(L, bk, b, sb, nb, ma, width, &out->vl);
	int shared = 0;
	for (int i = 0; i < na; i++) {
		int j = match(mb, &sa[i]);
		if (j >= 0)
			changes_section(L, bk, c, a, b, &sa[i], &sb[j], ++shared, o, out);
	}
	strmap_free(ma);
	strmap_free(mb);
	if (!shared) {
		made_glue(&out->vl, STYLE_PARA_GAP);
		made_text(L, &out->vl, "The two levels have no competency section in common; compare the "
		          "chapters themselves.", FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
	}
}
