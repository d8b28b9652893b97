/* buildhead.c: a chapter's title and its headings: the level-1 title with
 * its accent rule (set from the title when no heading of the file shows
 * it), headings tagged H1-H6 without skipped levels, their destinations
 * and outline entries. */
#include "buildint.h"
#include "md.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

/* The accent rule under a chapter's title. */
static void title_rule(struct builder *b)
{
	bld_vpen(b, PEN_INF);
	struct dl_item rule = { 0 };
	rule.kind = DL_LINE;
	rule.y = PT(4);
	rule.w = bld_avail(b);
	rule.size = PT(1.2);
	rule.rgb = STYLE_ACCENT_RGB;
	bld_vbox(b, PT(8), &rule, 1, 0);
}

/* A chapter whose title no heading of its own shows (front matter's
 * title:, as site generators print it; or the file's name) gets it set
 * as its level-1 heading, as a title heading is. */
void build_title(struct builder *b, const struct chapter *ch)
{
	if (ch->title_h >= 0)
		return; /* the file shows it itself */
	for (int k = 0; k < ch->nh; k++)
		if (!strcmp(ch->h[k].text, ch->title))
			return;
	const struct heading_style *hs = &style_heading[1];
	struct span_style st = { hs->bold ? FACE_BOLD : FACE_ITALIC, hs->size, hs->rgb, SP_NOHYPH, NULL };
	struct pline *ln;
	int nl = para_set_string(b->L, b->path, NULL, ch->title, &st, bld_avail(b), AL_LEFT, 0, &ln);
	b->first = 0;
	bld_tag_open(b, TAG_H1, NULL);
	for (int i = 0; i < nl; i++) {
		if (i > 0)
			bld_vpen(b, PEN_INF);
		bld_vbox(b, ln[i].h, ln[i].items, ln[i].n, 0)->flags |= VN_HEADING;
	}
	bld_tag_close(b);
	title_rule(b);
}

void build_heading(struct builder *b, cmark_node *n)
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
	int is_title = h && ch->title_h >= 0 && h == &ch->h[ch->title_h] && b->first;
	struct para p;
	bld_para_init(b, &p, hs->size);
	struct span_style st = { hs->bold ? FACE_BOLD : FACE_ITALIC, hs->size, hs->rgb, SP_NOHYPH, NULL };
	cmark_node **images = NULL;
	int nimages = 0;
	bld_inlines(b, &p, n, &st, &images, &nimages);
	free(images);
	struct pline *ln;
	int nl = para_set(b->L, &p, bld_avail(b), AL_LEFT, &ln);
	if (!is_title) {
		/* a heading opening a page needs no space above it; paginate drops glue there */
		bld_space_before(b, hs->before);
	}
	b->first = 0;
	/* PDF/UA: levels never skip going down; the title is H1 */
	int tagged = is_title ? 1 : level;
	if (!is_title && tagged > b->last_level + 1) {
		tagged = b->last_level + 1;
		if (b->warn_levels)
			diag_warn_at(b->L->d, b->path, md_line(n), cmark_node_get_start_column(n),
		             "heading level %d follows level %d; it is tagged as level %d for screen readers",
			             level, b->last_level, tagged);
	}
	b->last_level = tagged;
	bld_tag_open(b, (enum tag_role)(TAG_H1 + tagged - 1), NULL);
	for (int i = 0; i < nl; i++) {
		if (i > 0)
			bld_vpen(b, PEN_INF);
		struct vnode *v = bld_vbox(b, ln[i].h, ln[i].items, ln[i].n, 0);
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
	bld_tag_close(b);
	if (is_title) {
		title_rule(b);
	} else if (h && level <= 2) {
		GROW(b->out->ol, b->out->olcap, b->out->nol + 1);
		b->out->ol[b->out->nol++] = (struct outline_entry){ 2, h->text, h->key, b->chap };
	}
	bld_vpen(b, PEN_INF);
	bld_vglue(b, hs->after);
	b->first = 1; /* the heading's own space below replaces the next block's space above */
	para_done(&p);
}
