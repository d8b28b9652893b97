/* worksheet.h: the review packet's worksheet.
 *
 * One row per expectation of a role: every item of the lists in its
 * competency sections (edition.h) that is not nested in another item, in
 * document order, numbered from 1 across the sheet.  A row holds the
 * number, the expectation's text (its nested items as indented lines),
 * three tick boxes (Not yet, Sometimes, Consistently) and two ruled lines
 * for evidence, and never splits.  A paragraph ending in a colon just
 * before a list introduces its rows and is kept with the first.  Each
 * section's rows go under its heading and a column header that repeats
 * after a page break.  Space for agreed next steps, and for the names,
 * signatures and dates of both people, closes the sheet. */
#ifndef HANDBOOK_WORKSHEET_H
#define HANDBOOK_WORKSHEET_H

#include "build.h"
#include "content.h"
#include "framework.h"
#include "layout.h"
#include "model.h"

/* Appends the worksheet for chapter chap, for the text area o, to out->vl
 * (VN_CHAPTER "Worksheet", destination "#worksheet") with its outline in
 * out->ol.  A row taller than a page (a hostile list) is cut between
 * lines.  Returns the number of expectation rows. */
int worksheet_layout(struct lctx *L, const struct model *bk, const struct content *c,
                     const struct framework *fw, int chap, const struct build_opts *o,
                     struct build_out *out);

/* Ruled lines for the agreed next steps. */
#define WORKSHEET_NEXT_LINES 8

/* Nested items are indented one step per level up to this depth; deeper
 * ones are set at this depth. */
#define WORKSHEET_MAX_DEPTH 4

#endif
