/* index.h: the back-of-book index.
 *
 * Entries come from three sources:
 *  - the level-2 headings of every level chapter (ch[1..n-1]), each as an
 *    entry whose sub-entry is the chapter's role, linked to the heading;
 *  - a terms file (one term a line, aliases after '|', '#' comments), whose
 *    whole-word, case-, accent- and plural-insensitive occurrences in body
 *    text (DL_TEXT items with DLF_INDEX) are indexed;
 *  - markers: DL_DEST items whose key is "index:TERM" or "index:TERM > SUB",
 *    which build.c emits for <!-- index: ... --> comments.
 *
 * The index is a part of the settle loop (settle.h), after the chapters:
 * its page numbers are read from the folio map like the contents' are.
 * Call order, once per run:
 *   ix = index_new(name, text, len, d);           before laying out the body
 *   L->ix = ix;                                   paragraphs are marked as they are set
 *   ... lay out the body; L->ix = NULL ...
 *   the chapters' `paged` callback, on their fresh pages:
 *     index_collect(ix, bk, &pages, 0, pages.n, d);  marks become destinations "idx:N"
 *   the index's `layout` callback, with the loop's folio map:
 *     index_resolve(ix, folios); index_layout(L, ix, &lines, width, height, &vl);
 *   ... write the PDF ...
 *   index_free(ix);
 * The destination keys index_collect writes into the pages ("idx:N") are
 * owned by ix: free it only after the pages have been written. */
#ifndef HANDBOOK_INDEX_H
#define HANDBOOK_INDEX_H

#include <stddef.h>

#include "diagnostics.h"
#include "dlist.h"
#include "layout.h"
#include "model.h"
#include "units.h"
#include "util.h"

struct book_index;
struct pline;

/* Parses the terms file's bytes text[0..len), which the caller read
 * (book.c, through content.c: index.c opens no file); terms_path names the
 * file in messages.  NULL text (no file) means no terms.  A line without
 * a name or an over-long term is a warning naming the file and line.
 * Never returns NULL; free with index_free. */
struct book_index *index_new(const char *terms_path, const char *text, size_t len,
                             struct diags *d);

/* Largest terms file read, in bytes: a terms file is a few KB. */
#define INDEX_MAX_FILE (1u << 20)
void index_free(struct book_index *ix);

/* Scans body pages [from, to) of p: the term occurrences index_mark
 * marked (the marks are removed), "index:" marker destinations and the
 * level-2 headings of chapters 1..bk->n-1 (bk may be NULL: no heading
 * entries).  Adds a DL_DEST item "idx:N" to a page for the first
 * occurrence of each entry there, and renames each marker's destination
 * to such a key, so that no two destinations share a name.  Each entry
 * records the keys of its pages (and, until index_resolve, the pages'
 * folios).  Warns, naming the terms file's line, for every term line none
 * of whose names occurs, the first time.  Called again (the pages were
 * broken again), it forgets what it found before. */
void index_collect(struct book_index *ix, const struct model *bk, struct pages *p, int from,
                   int to, struct diags *d);

/* Marks the terms' occurrences in one paragraph's lines[0..nl) as it is
 * set (lineset.c para_set, when L->ix is set): a DL_DEST item flagged
 * DLF_INDEX (len: the term) after each line's items, where the word
 * begins.  Only body text (DLF_INDEX items) is searched; a word hyphenated
 * at a line end is read whole.  New item arrays live in a. */
void index_mark(const struct book_index *ix, struct arena *a, struct pline *lines, int nl);

/* Reads every entry's page numbers from folios (destination key ->
 * printed page number, settle_collect's): the numbers index_layout
 * prints.  A key folios lacks keeps the folio index_collect read. */
void index_resolve(struct book_index *ix, const struct strmap *folios);

/* Number of entries that have a page or a sub-entry: 0 means no index. */
int index_count(const struct book_index *ix);

/* Lays the index out for a text area of width x height (1/1000 pt), its
 * lines counted in lst (NULL: L->stats; the settle loop lays it out more
 * than once and counts only the last):
 * appends to out a VN_CHAPTER "Index", a destination "#index", the title,
 * and then one box per page holding two columns of entries (the last
 * page's columns balanced), separated by forced page breaks.  The first
 * box is short enough to share its page with the title.  Appends nothing
 * when index_count is 0.  Items and strings live in L->arena. */
void index_layout(struct lctx *L, const struct book_index *ix, struct lstats *lst, fx width, fx height,
                  struct vlist *out);

/* The index as text, one line per entry and sub-entry (sub-entries
 * indented by two spaces): "Runbook, 3–5, 7".  For tests and dumps. */
void index_dump(const struct book_index *ix, struct buf *out);

/* The pages of entry (and sub-entry sub, or NULL for the entry's own) as
 * index_dump prints them ("3–5, 7"), into out.  Returns 0, or -1 when
 * there is no such entry.  Names compare as the sort does (folded). */
int index_pages(const struct book_index *ix, const char *entry, const char *sub,
                struct buf *out);

/* --- building blocks, exposed for tests --- */

/* Appends the folded form of s[0..n): ASCII and Latin-1/Latin Extended-A
 * letters lower-cased without accents ("Éé" -> "ee", "ß" -> "ss"), white
 * space as ' ', typographic apostrophes as '\'', other punctuation kept
 * or as byte 0x02; letters of other scripts unchanged. */
void index_fold(const char *s, size_t n, struct buf *out);

/* The index's order: folded, letter by letter with a space sorting first
 * (word by word), leading punctuation ignored, ties broken by the exact
 * bytes.  Returns <0, 0, >0 like strcmp. */
int index_cmp(const char *a, const char *b);

/* Appends the page list of folios[0..n) (any order, repeats allowed):
 * sorted, consecutive pages merged ("3, 4, 5, 7" -> "3–5, 7", en dash).
 * Returns the number of ranges written. */
int index_ranges(const int *folios, int n, struct buf *out);

#endif
