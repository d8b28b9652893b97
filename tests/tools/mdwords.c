/* mdwords.c: the source side of the text-preservation oracle
 * (tests/e2e/oracle.py).  Loads a content folder as handbook does (the same
 * cleaning, the same cmark-gfm parse) and prints, for every file in book
 * order, each text, code and code-block literal, one a line:
 *
 *     PATH <TAB> FIRST <TAB> LAST <TAB> TEXT
 *
 * FIRST..LAST are the lines of its top-level block, where a warning may
 * name the place it was left out; new lines in TEXT become spaces.  Lines
 * "#row", "#cell", "#endcell" and "#endrow" mark the bounds of table rows
 * and cells.  Raw
 * HTML and image alt text are not text of the source (see src/words.c).
 *
 *     build/mdwords CONTENT_DIR */
#include "content.h"
#include "diagnostics.h"

#include <stdio.h>
#include <string.h>

static void put_literal(const char *path, int l0, int l1, const char *s)
{
	printf("%s\t%d\t%d\t", path, l0, l1);
	for (; *s; s++)
		putchar(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	putchar('\n');
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mdwords CONTENT_DIR\n");
		return 2;
	}
	struct content c;
	struct diags d;
	diags_init(&d);
	if (content_load(&c, argv[1], &d) != 0) {
		diags_print(&d, stderr);
		content_done(&c);
		diags_done(&d);
		return 1;
	}
	for (int i = 0; i < c.n; i++) {
		cmark_node *root = c.v[i].root, *skip = NULL;
		int l0 = 0, l1 = 0;
		cmark_iter *it = cmark_iter_new(root);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			if (skip) {
				if (n == skip && ev == CMARK_EVENT_EXIT)
					skip = NULL;
				continue;
			}
			/* the row and cell bounds: oracle.py looks for each cell's
			 * words from its row's start */
			const char *ts = cmark_node_get_type_string(n);
			if (!strcmp(ts, "table_row") || !strcmp(ts, "table_header"))
				printf(ev == CMARK_EVENT_ENTER ? "#row\n" : "#endrow\n");
			else if (!strcmp(ts, "table_cell"))
				printf(ev == CMARK_EVENT_ENTER ? "#cell\n" : "#endcell\n");
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (cmark_node_parent(n) == root) {
				l0 = cmark_node_get_start_line(n);
				l1 = cmark_node_get_end_line(n);
				l1 = l1 < l0 ? l0 : l1;
			}
			cmark_node_type t = cmark_node_get_type(n);
			if (t == CMARK_NODE_IMAGE)
				skip = n;
			else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)
				put_literal(c.v[i].path, l0, l1, cmark_node_get_literal(n));
		}
		cmark_iter_free(it);
	}
	content_done(&c);
	diags_done(&d);
	return 0;
}
