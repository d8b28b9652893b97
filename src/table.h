/* table.h: GFM tables: column widths fitted to content and page, cells set
 * as ragged paragraphs, each row one unbreakable box of drawing items. */
#ifndef HANDBOOK_TABLE_H
#define HANDBOOK_TABLE_H

#include "paragraph.h"
#include "layout.h"

struct trow {
	fx h;                   /* row height, 1/1000 pt */
	struct dl_item *items;  /* arena-owned; x from the table's left, y from the row top */
	int n;
	int header;             /* 1: the header row */
};

/* Lays out rows x cols cells (row-major; cells[r * cols + c]), the first
 * `header` rows being header rows, with per-column alignment ('l', 'c', 'r'
 * or 0 for left) into `width`.  Returns the number of rows; *out is
 * arena-owned.  Column widths: each column gets its natural width if all
 * fit; otherwise at least its longest word and the rest shared in
 * proportion to how much more each would like. */
int table_layout(struct lctx *L, struct para *cells, int rows, int cols, const char *align,
                 int header, fx width, struct trow **out);

/* Exposed for tests: the column widths table_layout would choose. */
void table_widths(const fx *minw, const fx *maxw, int cols, fx avail, fx *out);

#endif
