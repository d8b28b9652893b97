/* html.h: raw HTML in the Markdown, read with libxml2's HTML parser.
 *
 * GitHub shows a raw HTML table as a table, and public frameworks write
 * their competency matrices that way.  html_rewrite runs once per file,
 * right after md_parse, and replaces each raw HTML node in place, so every
 * later stage (the model, block layout, the text check) sees only Markdown
 * nodes:
 *  - a block holding <table> becomes a GFM table node (rows, cells; <br>,
 *    <p>, <ul>/<ol>, <strong>/<b>, <em>/<i>, <code>, <a href> inside map to
 *    line breaks, bullets, emphasis, code and links);
 *  - <h1> to <h6> standing in a block of the document's own (not inside a
 *    list, a quote or another element) become headings of that level, so
 *    a level file's sections written so are found;
 *  - any other block becomes its text: paragraphs, lists (<ul>, <ol>) and
 *    images (<img src alt>), with one warning per file;
 *  - inline <br> becomes a line break; other inline tags vanish (their
 *    text is Markdown around them), with the same one warning.
 * Comments stay as they are: index markers and `<!-- track: -->` read them.
 * No HTML source ever reaches the page. */
#ifndef HANDBOOK_HTML_H
#define HANDBOOK_HTML_H

#include <cmark-gfm.h>

struct diags;

/* Rewrites the raw HTML under root (md_parse's document of path); warnings
 * go to d.  Returns how many HTML nodes were replaced.  Never fails:
 * running out of memory ends in util.c's one exit. */
int html_rewrite(cmark_node *root, const char *path, struct diags *d);

#endif
