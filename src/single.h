/* single.h: a framework written as one Markdown document (content folder
 * "-": standard input).
 *
 * The document is cut at its level-1 headings (ATX "# ", outside fenced
 * code): the text before the second one is the README, and each further
 * one starts a level, named after its heading as a level file would be
 * ("# L2: Engineer" -> L2-Engineer.md).  Every part keeps the document's
 * line numbers, and messages name the document as label ("<stdin>").
 * Images and index-terms.txt are looked up in the current folder. */
#ifndef HANDBOOK_SINGLE_H
#define HANDBOOK_SINGLE_H

#include <stddef.h>

#include "content.h"
#include "diagnostics.h"

/* Fills c (content_init'ed here) from text.  Returns 0, or -1 with an error in d. */
int single_load_text(struct content *c, const char *text, size_t len, const char *label,
                     struct diags *d);

/* The same from standard input, read to its end (at most CONTENT_MAX_FILE bytes). */
int single_load_stdin(struct content *c, struct diags *d);

#endif
