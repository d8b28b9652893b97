/* diagram.h: the career-journey diagram, one page of vector primitives.
 *
 * diagram_layout draws the framework (framework.h: roles in a grid whose
 * rows are tracks and whose columns are ranks, the README's phases as
 * column ranges) once page numbers are known.  Typical use, after the body
 * is paginated:
 *
 *	fx w = text width, h = text height;   (swapped when fw.landscape)
 *	diagram_layout(&L, &fw, highlight, &bk, folios, w, h, &vl);
 *	... paginate vl on portrait or landscape pages ...
 */
#ifndef HANDBOOK_DIAGRAM_H
#define HANDBOOK_DIAGRAM_H

#include "framework.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"
#include "units.h"
#include "util.h"

/* Lays the diagram out as one page: appends a VN_CHAPTER (str "Career
 * journey") and one VN_BOX (the diagram must not split) to out, for a text
 * area width x height (already swapped for landscape by the caller when
 * d->landscape).  folios maps chapter key -> printed page number (may be
 * NULL or lack a key: the box then shows no page).  The box's first item is
 * DL_DEST "#career-journey" at its top.
 *
 * Each role box is emitted as a run of items: a filled DL_RECT, a stroked
 * DL_RECT (size > 0) of the same geometry, its DL_TEXT items, and a DL_LINK
 * over the same rectangle to the chapter's key when the chapter is in the
 * edition; the labels of a highlight come after every box.  Every text item of the run
 * lies inside that rectangle, and no two boxes overlap: titles wrap, then
 * the text of all boxes shrinks together until every box fits; a title that
 * would take all boxes below 80% shrinks alone, and one that fits at no
 * size is cut (both with a warning in L->d).  The box's height never
 * exceeds `height`.  Items are arena-owned.
 *
 * With highlight (a chapter; 0 for none) set, that role's box is filled with
 * the accent tint and outlined thickly, the boxes its arrows lead to are
 * outlined in the accent colour, and a label under each says "This role"
 * or "Next step"; the legend explains both. */
void diagram_layout(struct lctx *L, const struct framework *d, int highlight, const struct book *bk,
                    const struct strmap *folios, fx width, fx height, struct vlist *out);

/* Box text settings kept for every edition of one run (set L->dg_memo):
 * --all-roles then sets each box's text once, not once per role. */
struct dg_memo *diagram_memo_new(int roles);
void diagram_memo_free(struct dg_memo *m);

/* Box text set smaller than this fraction (per mille) of its normal size
 * draws a warning: some role title is too long for the page. */
#define DIAGRAM_WARN_SCALE 600

#endif
