/* words.h: the text-preservation check.  Every word of the source (the
 * text of cmark-gfm's nodes) must appear, in order, in the text the pages
 * draw, or a warning must name the place where it was left out.
 *
 *     struct words_count wc;
 *     words_check(bk, c, chapters, n, &pages, d, &wc);
 *
 * It runs on the display list, before any PDF is written, so the fuzzer
 * can run it on every input. */
#ifndef HANDBOOK_WORDS_H
#define HANDBOOK_WORDS_H

#include "content.h"
#include "diagnostics.h"
#include "dlist.h"
#include "model.h"
#include "style.h"
#include "util.h"

struct words_count {
	long in;      /* words of the source chapters checked */
	long out;     /* of them, found in order on the pages */
	long warned;  /* not found, where a warning names the place */
	long lost;    /* not found and not warned about: a bug */
};

/* The words of a normalised string: letters and digits only, ASCII folded
 * to lower case, everything else (spaces, punctuation, hyphens, U+FFFD)
 * dropped.  Appends to out; returns the bytes added. */
size_t words_normalise(const char *s, size_t n, struct buf *out);

/* The same, a character at a time: the definition words_normalise's ASCII
 * fast path must agree with (tests/unit/test_words.c). */
size_t words_normalise_slow(const char *s, size_t n, struct buf *out);

/* Checks chapters chap[0..nchap) (indices in bk, in the order the pages
 * hold them) against the DL_TEXT items of pages that lie on the sheet
 * (g, or the page's own size) and between its top and bottom margins:
 * running heads and folios would cut a word that runs over a page.  A word not found counts
 * as warned when d already holds a warning for its file within its
 * top-level block's lines; each block with words lost unwarned gets a
 * warning now (WORDS_LOST_TEXT), so nothing is dropped silently. */
void words_check(const struct model *bk, const struct content *c, const int *chap, int nchap,
                 const struct pages *pages, const struct page_geom *g, struct diags *d,
                 struct words_count *out);

/* The start of the warning words_check adds for unwarned losses: a test
 * must not count it as a deliberate omission. */
#define WORDS_LOST_TEXT "text left out of the PDF" /* the start of words.c's own warning */

#endif
