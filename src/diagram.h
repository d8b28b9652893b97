/* diagram.h: the career-journey diagram, a page or a few of vector primitives.
 *
 * diagram_layout draws the framework (framework.h: roles in a grid whose
 * rows are tracks and whose columns are ranks, the README's phases as
 * column ranges) once page numbers are known.  Typical use, after the body
 * is paginated:
 *
 *	struct dg_areas a = { { portrait w, landscape w }, { portrait h, landscape h } };
 *	struct dg_shape sh;
 *	diagram_layout(&L, &fw, highlight, &bk, folios, &a, &vl, &sh);
 *	... paginate vl, turning its sh.pages pages when sh.landscape ...
 */
#ifndef HANDBOOK_DIAGRAM_H
#define HANDBOOK_DIAGRAM_H

#include "framework.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"
#include "units.h"
#include "util.h"

/* The text areas the diagram may take: [0] on a portrait page, [1] on a
 * landscape one. */
struct dg_areas {
	fx w[2], h[2];      /* width, height, 1/1000 pt */
};

/* What diagram_layout chose. */
struct dg_shape {
	int landscape;      /* 1: its pages are turned */
	int pages;          /* VN_BOX nodes, one page each */
};

/* Lays the diagram out: appends a VN_CHAPTER (str "Career journey") and
 * one VN_BOX per page (a box must not split), with a forced VN_PENALTY
 * between two, to out.  The first box's first item is DL_DEST
 * "#career-journey" at its top; every page repeats the title, and its
 * legend claims only what that page draws.  All the boxes together are one
 * Figure.  folios maps chapter key -> printed page number (may be NULL or
 * lack a key: the box then shows no page).
 *
 * The diagram takes one page in the orientation the framework asks
 * (d->landscape) when every role box's text is readable there (title at
 * 7 pt or more); else one landscape page; else the fewest landscape pages,
 * rows of tracks shared evenly, on which it is.  A branch between two pages
 * leaves the grid's bottom edge on one and comes in at the top edge of the
 * other, where the role it comes from is named.  *shape says which.
 *
 * Each role box is emitted as a run of items: a filled DL_RECT, a stroked
 * DL_RECT (size > 0) of the same geometry, its DL_TEXT items, and a DL_LINK
 * over the same rectangle to the chapter's key when the chapter is in the
 * edition; the labels of a highlight come after every box.  Every text item of the run
 * lies inside that rectangle, and no two boxes overlap: titles wrap, then
 * the text of all boxes shrinks together until every box fits; a title that
 * would take all boxes below 80% shrinks alone, abbreviated first (the full
 * title stays in the chapter, the contents and the role list), and one that
 * fits at no size is cut (both with a warning in L->d).  A box's height
 * never exceeds the page's.  Items are arena-owned.
 *
 * With highlight (a chapter; 0 for none) set, that role's box is filled with
 * the accent tint and outlined thickly, the boxes its arrows lead to are
 * outlined in the accent colour, and a label under each says "This role"
 * or "Next step"; the legend explains both. */
void diagram_layout(struct lctx *L, const struct framework *d, int highlight, const struct model *bk,
                    const struct strmap *folios, const struct dg_areas *area, struct vlist *out,
                    struct dg_shape *shape);

/* Box text settings kept for every edition of one run (set L->dg_memo):
 * --all-roles then sets each box's text once, not once per role. */
struct dg_memo *diagram_memo_new(int roles);
void diagram_memo_free(struct dg_memo *m);

/* Box text set smaller than this fraction (per mille) of its normal size
 * draws a warning: some role title is too long for the page. */
#define DIAGRAM_WARN_SCALE 600

#endif
