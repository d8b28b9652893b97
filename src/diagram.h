/* diagram.h: the career-journey diagram, one page of vector primitives.
 *
 * Two steps.  diagram_model reads the book and the README's AST and decides
 * what the diagram shows: every role (book chapters 1..n-1) in a grid whose
 * rows are tracks and whose columns are levels, and the README's phases as
 * column ranges.  diagram_layout turns that model into display-list items
 * for one page, once page numbers are known.  Nothing about a particular
 * framework is built in:
 *
 *  - level: the number of the chapter's code ("L3" -> 3); roles without a
 *    code go in one column after the last level.  Columns are the distinct
 *    levels in increasing order, so a framework with no L4 has no empty column.
 *  - track: the text of an HTML comment `<!-- track: NAME -->` anywhere in
 *    the level file; else the role title with its seniority words removed
 *    ("Senior Support Manager" -> "Support Manager").  Names compare without
 *    regard to case.  Rows: first the track holding the lowest level (ties:
 *    the one with most roles, then the earlier in the book), then the others
 *    by their lowest level, ties by order of appearance.  When two roles of
 *    one track share a level, the second goes in an extra row of that track,
 *    so no two roles ever share a cell.
 *  - phases: README list items whose paragraph opens with bold text naming a
 *    level range ("**L1 to L3**", "**L4 and L5**", "**L1–L3**") and contains
 *    emphasis naming the phase; the last emphasis of the paragraph is the
 *    label, its first letter capitalised.
 *
 * Typical use, after the body is paginated:
 *
 *	struct diagram dg;
 *	if (diagram_model(&bk, &c, &dg) == 0) {
 *		fx w = text width, h = text height;   (swapped when dg.landscape)
 *		diagram_layout(&L, &dg, &bk, folios, w, h, &vl);
 *		... paginate vl on portrait or landscape pages ...
 *		diagram_done(&dg);
 *	}
 */
#ifndef HANDBOOK_DIAGRAM_H
#define HANDBOOK_DIAGRAM_H

#include "content.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"
#include "units.h"
#include "util.h"

/* Past this many columns the diagram no longer fits a portrait text area
 * with readable boxes, so its page is turned to landscape. */
#define DIAGRAM_PORTRAIT_MAX_COLS 6

/* One role box of the diagram. */
struct diagram_role {
	int chapter;        /* index in book.ch (1..n-1) */
	const char *code;   /* level code "L3", or NULL; borrowed from the book */
	int level;          /* number of the code, -1 when the role has none */
	const char *title;  /* role title without its code; borrowed from the book */
	const char *track;  /* track name; borrowed from diagram.tracks[row] */
	int row, col;       /* grid cell: row 0 is the first track, col 0 the lowest level */
	const char *file;   /* the level file, for messages; borrowed from the content */
	int line, column;   /* where its title heading is (0: unknown), for messages */
}; /* computed model, exposed for tests */

struct diagram {
	struct diagram_role *roles; /* in book order, owned */
	int n;                      /* roles */
	int nrows, ncols;           /* grid size */
	char **tracks;              /* row names, nrows of them, owned; a track with
	                             * two roles at one level repeats its name */
	struct {
		int from_col, to_col; /* columns covered, inclusive; phases never overlap */
		char *label;          /* "Individual mastery", owned */
	} *phases;                  /* in column order, owned */
	int nphases;
	int landscape;              /* 1: more than DIAGRAM_PORTRAIT_MAX_COLS columns */
	int highlight;              /* chapter drawn as the edition's role, its next
	                             * steps marked; 0: none (the caller sets it) */
};

/* Builds the model from the book and its sources (c->v[0] is the README;
 * each chapter's file is c->v[bk->ch[i].src]).  The result borrows strings
 * from bk, which must outlive it.  Returns 0, or -1 when the book has no
 * roles (nothing to draw; *out is then empty and diagram_done is harmless).
 * Free with diagram_done. */
int diagram_model(const struct book *bk, const struct content *c, struct diagram *out);
void diagram_done(struct diagram *d);

/* The roles the arrows out of chapter chap's box lead to: the next box of
 * its row and the first boxes of the tracks that branch from it.  Stores
 * up to max chapter indices in out; returns how many. */
int diagram_next_steps(const struct diagram *d, int chap, int *out, int max);

/* The next level in chapter chap's track: the role of the same track with
 * the lowest level above chap's (ties: the first in the book), or 0 when
 * chap tops its track or has no level. */
int diagram_next_in_track(const struct diagram *d, int chap);

/* The track of chapter chap, or NULL when it is not in the diagram. */
const char *diagram_track(const struct diagram *d, int chap);

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
 * With d->highlight set, that role's box is filled with
 * the accent tint and outlined thickly, the boxes its arrows lead to are
 * outlined in the accent colour, and a label under each says "This role"
 * or "Next step"; the legend explains both. */
void diagram_layout(struct lctx *L, const struct diagram *d, const struct book *bk,
                    const struct strmap *folios, fx width, fx height, struct vlist *out);

/* Box text set smaller than this fraction (per mille) of its normal size
 * draws a warning: some role title is too long for the page. */
#define DIAGRAM_WARN_SCALE 600

#endif
