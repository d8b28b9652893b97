/* tagtree.h: the structure tree of a tagged PDF, from the display list.
 *
 * Layout brackets content with DL_TAG_BEGIN/DL_TAG_END items (dlist.h);
 * tagtree_page walks one page's items in order, opens and closes elements
 * at those items (an element may run over many pages), and gives every
 * painted item the marked-content id (MCID) it is drawn under.  pdf.c
 * writes the elements, the ParentTree and the BDC/EMC operators from the
 * result; nothing here knows libharu, so the unit tests read it directly. */
#ifndef HANDBOOK_TAGTREE_H
#define HANDBOOK_TAGTREE_H

#include "dlist.h"

/* Elements open at once at most: deeper tags still balance but attach
 * their content to the deepest element kept.  build.c nests far less. */
#define TT_MAX_DEPTH 256

enum tt_kid_kind {
	TT_ELEM,  /* val: a child element's index */
	TT_MCID,  /* val: a marked-content id on page `page` */
	TT_OBJR,  /* val: an annotation's object number, on page `page` */
};

struct tt_kid {
	int kind;    /* enum tt_kid_kind */
	int page;    /* page index (TT_MCID, TT_OBJR) */
	long val;
};

struct tt_elem {
	int role;            /* enum tag_role */
	int parent;          /* element index; -1 for the Document */
	const char *alt;     /* /Alt (Figure): arena-owned, not ours */
	char *contents;      /* a Link's text, for its annotation's /Contents: owned */
	int page;            /* first page it has content on, -1 none yet */
	struct tt_kid *kid;  /* in reading order; in the tree's kid arena */
	int nkid, kidcap;
};

/* Element 0 is the Document. */
struct tagtree {
	struct tt_elem *e;
	int n, cap;
	int stack[TT_MAX_DEPTH]; /* open elements, stack[0] the Document */
	int depth;
	int over;                /* tags opened past TT_MAX_DEPTH, not yet closed */
	int **owner;             /* per page: the element of each MCID (the ParentTree) */
	int *nmcid;              /* per page: MCIDs used */
	int npages;
	int *annot;              /* per annotation in the structure: its Link element */
	int nannot, annotcap;
	int last_link;           /* the Link element made last, 0 none */
	const char *last_target; /* its target (the link item's str), not ours */
	struct arena *kids;      /* every element's kid array; owned */
};

/* Marks for items tagtree_page gives in mcid[]. */
#define TT_ARTIFACT (-1)  /* drawn as an Artifact */
#define TT_NONE (-2)      /* not painted (tags, destinations) */

void tagtree_init(struct tagtree *t, int npages);
void tagtree_done(struct tagtree *t);

/* Page `page`'s n items: paints[i] is 1 when item i puts marks on the page.
 * Fills mcid[i] with the MCID item i is drawn under, TT_ARTIFACT or
 * TT_NONE; for a DL_LINK item, mcid[i] is instead the index of the Link
 * element made for it, which also owns the text under the link area.  A
 * link set over several lines (or pages) has one area per line but one
 * Link element: an area continues the last Link when it has the same
 * target and nothing else came into the parent element since.
 * Pages must come in order. */
void tagtree_page(struct tagtree *t, int page, const struct dl_item *items, int n,
                  const unsigned char *paints, int *mcid);

/* Records the annotation (object number obj) of Link element elem on
 * page; returns its /StructParent key. */
int tagtree_annot(struct tagtree *t, int elem, int page, unsigned long obj);

#endif
