/* compare.h: levels side by side.
 *
 * Two made chapters compare competency sections (edition.h) across levels:
 *
 *  - "Levels at a glance", in the handbook after the career journey: for
 *    each track a table whose rows are the competency sections of its roles
 *    and whose columns are its levels; each cell is the first sentence of
 *    that section at that level, linked to it, with its page.
 *  - "What changes", in the review packet: for each competency section two
 *    levels share, both texts side by side, laid out by build.c at half the
 *    measure and set in rows: a row pairs the n-th block (paragraph, list
 *    item, code block ...) of one level with the n-th of the other, so the
 *    columns start level with each other at every row and a page breaks
 *    only between rows.
 *
 * Both append to the caller's vertical list and add outline entries (level
 * 1 for the chapter, 2 for each track or section) whose strings live in
 * L->arena. */
#ifndef HANDBOOK_COMPARE_H
#define HANDBOOK_COMPARE_H

#include "build.h"
#include "content.h"
#include "framework.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"
#include "util.h"

/* Levels per glance table: more are continued in a second table, so a cell
 * keeps a readable measure on a portrait page. */
#define GLANCE_MAX_LEVELS 6

/* Lays out "Levels at a glance" for a text area `width` wide into out->vl
 * (VN_CHAPTER "Levels at a glance", destination "#levels-at-a-glance"),
 * its outline into out->ol.  folios maps destination keys to printed page
 * numbers.  Returns 0, or -1 when no track has a competency section:
 * nothing is appended. */
int compare_glance(struct lctx *L, const struct model *bk, const struct framework *fw,
                   const struct strmap *folios, fx width, struct build_out *out);

/* Lays out "What changes" from role a (a chapter) to its next level in
 * its track (destination "#what-changes") into out->vl, with the outline
 * in out->ol and any images in out->img.  When a tops its track the
 * chapter says so. */
void compare_changes(struct lctx *L, const struct model *bk, const struct content *c,
                     const struct framework *fw, int a, const struct build_opts *o,
                     struct build_out *out);

#endif
