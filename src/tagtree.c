/* tagtree.c: the structure tree from the display list (see tagtree.h).
 *
 * One walk per page, in item order, which is reading order: a tag item
 * opens or closes an element, a painted item joins the innermost open
 * element (or is an Artifact), and consecutive items of one element and
 * one kind of drawing share an MCID.  pdf.c draws shapes before text and
 * text Artifacts apart from the rest of the text, so an MCID never spans
 * two passes: each MCID's items are then contiguous in whichever pass draws
 * them, and each becomes one BDC ... EMC. */
#include "tagtree.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* How far from a link area its text may sit in the item list: lineset.c
 * puts the area right after the link's first word and widens it over the
 * rest of the link on that line, with at most a few items between words. */
#define TT_LINK_REACH 64

/* Kids an element's array starts with: most have one or two (a P its
 * MCID, an LI its Lbl and LBody). */
#define TT_FIRST_KIDS 4

void tagtree_init(struct tagtree *t, int npages)
{
	memset(t, 0, sizeof(*t));
	t->npages = npages;
	t->owner = xcalloc((size_t)npages + 1, sizeof(*t->owner));
	t->nmcid = xcalloc((size_t)npages + 1, sizeof(*t->nmcid));
	GROW(t->e, t->cap, 1);
	memset(&t->e[0], 0, sizeof(t->e[0]));
	t->e[0].role = TAG_DOCUMENT;
	t->e[0].parent = -1;
	t->e[0].page = -1;
	t->n = 1;
	t->depth = 1; /* stack[0] = 0, the Document */
	t->kids = arena_new();
}

void tagtree_done(struct tagtree *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->e[i].contents);
	arena_free(t->kids);
	free(t->e);
	for (int i = 0; i < t->npages; i++)
		free(t->owner[i]);
	free(t->owner);
	free(t->nmcid);
	free(t->annot);
	memset(t, 0, sizeof(*t));
}

static void add_kid(struct tagtree *t, int elem, int kind, int page, long val)
{
	struct tt_elem *e = &t->e[elem];
	if (e->nkid == e->kidcap) {
		/* from the arena, not a malloc per element: a tagged book has
		 * thousands of elements of one or two kids; a grown array leaves
		 * the old one behind, at most as much again */
		int cap = e->kidcap ? 2 * e->kidcap : TT_FIRST_KIDS;
		struct tt_kid *k = arena_alloc(t->kids, sizeof(*k) * (size_t)cap);
		if (e->nkid)
			memcpy(k, e->kid, sizeof(*k) * (size_t)e->nkid);
		e->kid = k;
		e->kidcap = cap;
	}
	e->kid[e->nkid++] = (struct tt_kid){ kind, page, val };
	if (kind != TT_ELEM && e->page < 0)
		e->page = page;
}

static int new_elem(struct tagtree *t, int role, int parent, const char *alt)
{
	GROW(t->e, t->cap, t->n + 1);
	struct tt_elem *e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->parent = parent;
	e->alt = alt;
	e->page = -1;
	add_kid(t, parent, TT_ELEM, -1, t->n);
	return t->n++;
}

static int top(const struct tagtree *t)
{
	return t->stack[t->depth - 1];
}

/* The innermost open Figure's index, or -1: shapes inside one are the
 * figure, shapes elsewhere (rules, boxes, leaders, bars) decoration. */
static int in_figure(const struct tagtree *t)
{
	for (int d = t->depth - 1; d > 0; d--)
		if (t->e[t->stack[d]].role == TAG_FIGURE)
			return 1;
	return 0;
}

static int inside(const struct dl_item *text, const struct dl_item *area)
{
	return text->x >= area->x && text->x < area->x + area->w && text->y >= area->y &&
	       text->y <= area->y + area->h;
}

/* The Link element for link area `area` (a DL_LINK item): the last one
 * made when it goes to the same place and is still the newest kid of the
 * open element, so one link's areas on consecutive lines are one element
 * with an OBJR per area; else a new one. */
static int link_elem_for(struct tagtree *t, const struct dl_item *area)
{
	const struct tt_elem *p = &t->e[top(t)];
	if (t->last_link > 0 && t->last_target && area->str && !strcmp(t->last_target, area->str) &&
	    p->nkid > 0 && p->kid[p->nkid - 1].kind == TT_ELEM && p->kid[p->nkid - 1].val == t->last_link)
		return t->last_link;
	t->last_link = new_elem(t, TAG_LINK, top(t), NULL);
	t->last_target = area->str;
	return t->last_link;
}

/* Appends a word of link text to the Link's /Contents. */
static void add_contents(struct tt_elem *e, const char *s, int len)
{
	size_t have = e->contents ? strlen(e->contents) : 0;
	e->contents = xrealloc(e->contents, have + (size_t)len + 2);
	if (have)
		e->contents[have++] = ' ';
	memcpy(e->contents + have, s, (size_t)len);
	e->contents[have + (size_t)len] = 0;
}

void tagtree_page(struct tagtree *t, int page, const struct dl_item *items, int n,
                  const unsigned char *paints, int *mcid)
{
	/* which link area each text lies under */
	int *link_of = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	int *link_elem = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		link_of[i] = link_elem[i] = -1;
	for (int l = 0; l < n; l++) {
		if (items[l].kind != DL_LINK || (items[l].flags & DLF_ARTIFACT))
			continue;
		int from = l > TT_LINK_REACH ? l - TT_LINK_REACH : 0;
		int to = l + TT_LINK_REACH < n ? l + TT_LINK_REACH : n;
		for (int k = from; k < to; k++)
			if (items[k].kind == DL_TEXT && link_of[k] < 0 && !(items[k].flags & DLF_ARTIFACT) &&
			    inside(&items[k], &items[l]))
				link_of[k] = l;
	}
	/* per pass (0 text, 1 shapes and images): the owner of the last
	 * MCID and the MCID */
	int last_owner[2] = { -3, -3 }, cur[2] = { -1, -1 };
	int last_hy = 0; /* the last text: 1 ended with an added hyphen, 2 followed one */
	int **own = &t->owner[page];
	int cap = 0;
	for (int i = 0; i < n; i++) {
		const struct dl_item *it = &items[i];
		mcid[i] = TT_NONE;
		int art = (it->flags & DLF_ARTIFACT) != 0;
		if (it->kind == DL_TAG_BEGIN) {
			if (art)
				continue;
			if (t->depth >= TT_MAX_DEPTH) {
				t->over++;
				continue;
			}
			int role = it->face >= 0 && it->face < TAG__MAX ? it->face : TAG_P;
			t->stack[t->depth] = new_elem(t, role, top(t), it->str);
			t->depth++;
			/* the parent's content after this child follows it in /K */
			last_owner[0] = last_owner[1] = -3;
			continue;
		}
		if (it->kind == DL_TAG_END) {
			if (art)
				continue;
			if (t->over)
				t->over--;
			else if (t->depth > 1)
				t->depth--;
			continue;
		}
		if (it->kind == DL_LINK) {
			if (art || !it->str)
				continue;
			if (link_elem[i] < 0)
				link_elem[i] = link_elem_for(t, it);
			mcid[i] = link_elem[i];
			continue;
		}
		if (it->kind == DL_FIELD) {
			/* a form widget: a Form element of its own (PDF/UA 28-010) */
			if (!art && it->str)
				mcid[i] = new_elem(t, TAG_FORM, top(t), NULL);
			continue;
		}
		if (!paints[i])
			continue;
		int shape = it->kind == DL_RECT || it->kind == DL_LINE;
		int owner;
		if (art || (shape && !in_figure(t))) {
			owner = TT_ARTIFACT;
		} else if (it->kind == DL_TEXT && link_of[i] >= 0) {
			int l = link_of[i];
			if (link_elem[l] < 0)
				link_elem[l] = link_elem_for(t, &items[l]);
			owner = link_elem[l];
			add_contents(&t->e[owner], it->str, it->len);
		} else {
			owner = top(t);
		}
		/* shapes and images are drawn in one pass, text in another, so
		 * one owner's items in item order share an MCID while nothing of
		 * that pass comes between; text Artifacts are drawn apart from
		 * the rest of the text (pdf.c), so only a shape Artifact comes
		 * between.  The two halves of a hyphenated word have MCIDs of
		 * their own, which pdf.c gives the whole word as ActualText. */
		int pass = it->kind == DL_TEXT ? 0 : 1;
		if (owner == TT_ARTIFACT) {
			mcid[i] = TT_ARTIFACT;
			if (pass == 1)
				last_owner[1] = -3;
			continue;
		}
		int hy = it->kind != DL_TEXT ? 0 : (it->flags & DLF_HYPHEN) ? 1 : last_hy == 1 ? 2 : 0;
		if (owner != last_owner[pass] || (pass == 0 && (hy || last_hy))) {
			cur[pass] = t->nmcid[page]++;
			GROW(*own, cap, cur[pass] + 1);
			(*own)[cur[pass]] = owner;
			add_kid(t, owner, TT_MCID, page, cur[pass]);
			last_owner[pass] = owner;
		}
		mcid[i] = cur[pass];
		if (it->kind == DL_TEXT)
			last_hy = hy;
	}
	free(link_of);
	free(link_elem);
}

int tagtree_annot(struct tagtree *t, int elem, int page, unsigned long obj)
{
	GROW(t->annot, t->annotcap, t->nannot + 1);
	t->annot[t->nannot] = elem;
	add_kid(t, elem, TT_OBJR, page, (long)obj);
	return t->npages + t->nannot++;
}
