/* hyph.h: where a word may be hyphenated, from libhyphen's patterns.
 *
 * The wrapper owns the typographic rules on top of the patterns: no breaks in
 * words shorter than HYPH_MIN_WORD letters, none in words with a capital after
 * the first letter (product names, acronyms), none in words with digits. */
#ifndef HANDBOOK_HYPH_H
#define HANDBOOK_HYPH_H

#include <stddef.h>

#define HYPH_MIN_WORD 6 /* letters; shorter words are never hyphenated */

struct hyph;

/* Loads a pattern file (e.g. /usr/share/hyphen/hyph_en_US.dic).  Returns NULL
 * when it cannot be read; the caller warns and goes on without hyphenation. */
struct hyph *hyph_new(const char *path);
void hyph_free(struct hyph *h);

/* Loads patterns on a second thread while the caller goes on (the parse
 * takes a few milliseconds); hyph_wait joins it and returns what hyph_new
 * would have.  The loader is freed by hyph_wait. */
struct hyph_loader;
struct hyph_loader *hyph_load_async(const char *path);
struct hyph *hyph_wait(struct hyph_loader *l);

/* Finds the hyphenation points of the UTF-8 word w[0..len).  Writes to pos[]
 * the byte offsets (0 < pos < len, increasing) before which a hyphen may be
 * inserted, at most `max` of them, and returns how many.  A word that
 * contains anything but letters (and a trailing/leading apostrophe-free body)
 * gets 0.  h may be NULL: returns 0. */
int hyph_points(struct hyph *h, const char *w, size_t len, int *pos, int max);

#endif
