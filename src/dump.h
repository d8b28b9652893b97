/* dump.h: the pages' display lists as text, for tests.
 *
 * A golden test compares this text with an expected file: one line per
 * page and per item, positions in points with three decimals (the layout's
 * unit is 1/1000 pt, so the figures are exact, not rounded).  The dump
 * knows nothing of the PDF library; it reads the pages as pdf.c would. */
#ifndef HANDBOOK_DUMP_H
#define HANDBOOK_DUMP_H

#include <stdio.h>

#include "dlist.h"
#include "units.h"

/* Writes pages to fp.  page_w and page_h are the document's sheet size,
 * used for pages whose own size is 0.  Flushes fp; returns 0, or -1 when
 * a write failed (errno says why). */
int dump_pages(FILE *fp, const struct pages *p, fx page_w, fx page_h);

#endif
