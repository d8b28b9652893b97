/* md.h: Markdown parsing with cmark-gfm and the few AST questions every
 * later stage asks.  The parse keeps the AST's meaning: no node is changed
 * (html.c and matrix.c rewrite raw HTML and matrices right after it). */
#ifndef HANDBOOK_MD_H
#define HANDBOOK_MD_H

#include <stddef.h>
#include <cmark-gfm.h>

/* Parses UTF-8 text with the table, strikethrough, autolink and tasklist
 * extensions, smart punctuation and footnotes.  The caller frees the root
 * with cmark_node_free.  Returns NULL only if cmark itself fails. */
cmark_node *md_parse(const char *text, size_t len);

/* A new node with md_parse's allocator: cmark refuses to put a node under
 * a parent from another allocator (cmark_node_new's default one). */
cmark_node *md_node_new(cmark_node_type type);

/* Rewrites text (malloc'd, *len bytes, NUL-terminated) before md_parse so
 * that cmark-gfm's time and memory stay in proportion to it: link
 * references past a budget of copied targets, table rows past 128 cells
 * (a delimiter row is cut there), HTML openers past a budget of rescanning
 * and image openers past 256 in one paragraph are neutralised with
 * backslash escapes (the text stays visible), each kind with one warning
 * naming path and line in d.  Returns 1 when it replaced
 * *text (the old one freed), 0 when the text needed nothing. */
struct diags;
int md_bound(char **text, size_t *len, const char *path, struct diags *d);

/* What a site generator reads and a reader never sees, blanked in place
 * (each line keeps its number): a line that is one Liquid tag alone
 * ("{% raw %}", Jekyll's), and a Mermaid diagram written as HTML (<div
 * class="mermaid"> to its </div>), which would print its source; one
 * warning a file for the diagrams.  Returns 1 when it blanked any. */
int md_site_markup(char *text, size_t len, const char *path, struct diags *d);

/* Extension node types are registered at run time and cannot be switch
 * cases: compare type strings. */
int md_is(cmark_node *n, const char *type);

/* Appends the plain text of n's inline content (code spans included, markup
 * dropped, soft breaks as spaces) to out; iterative, so any depth is safe. */
struct buf;
void md_text(cmark_node *n, struct buf *out);

/* 1 when n is an inline `<br>` (`<br/>`, `<BR />`): a line break, the
 * one way GFM has to break a line inside a table cell, so it is read as one
 * everywhere (html.c makes them for the breaks of HTML table cells). */
int md_is_br(cmark_node *n);

/* GitHub's heading anchor: lower case, punctuation other than '-' and '_'
 * dropped, spaces to hyphens.  Appends to out. */
void md_slug(const char *text, struct buf *out);

/* Appends text lower-cased as md_slug lowers it (full Unicode case
 * mapping), nothing dropped: for matching a link's #fragment. */
void md_lower(const char *text, struct buf *out);

/* Footnote label of a definition, and the definition a reference points to
 * (both through cmark-gfm's private node layout; see docs/cmark-gfm.md §7). */
int md_is_footnote_def(cmark_node *n);
int md_is_footnote_ref(cmark_node *n);
cmark_node *md_footnote_ref_def(cmark_node *ref);

/* The line a node starts on, walking up to a parent when cmark has none
 * (soft breaks report 0). */
int md_line(cmark_node *n);

/* Sets the source lines of a node made after the parse (html.c), so that
 * diagnostics and the text check place it; the public API has no setter. */
void md_set_lines(cmark_node *n, int first, int last);

#endif
