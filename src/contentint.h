/* contentint.h: what content.c (files, confinement, cleaning) and
 * listing.c (which files a README's links make the book) share.  Not for
 * other stages: they read struct content through content.h. */
#ifndef HANDBOOK_CONTENTINT_H
#define HANDBOOK_CONTENTINT_H

#include "content.h"
#include "util.h"

/* dir + '/' + name; malloc'd. */
char *content_join(const char *dir, const char *name);

/* Appends an empty source named name (relative to the folder); the
 * pointer is valid until the next append. */
struct source *content_add_source(struct content *c, const char *name);

/* Reads, cleans and parses s->name; an error in d naming from:from_line
 * (the linking file, may be NULL) and url.  0 or -1. */
int content_load_source(struct content *c, struct source *s, struct diags *d, const char *from,
                        int from_line, const char *url);

/* Text made safe for cmark (content.h); malloc'd, its length in *outlen. */
char *content_clean_text(const char *s, size_t n, size_t *outlen, const char *path, struct diags *d);

/* A link's path: percent-decoded, "./" and the fragment dropped; malloc'd. */
char *content_link_path(const char *url);

/* 1 when rel is relative and has no ".." component. */
int content_safe_rel(const char *rel);

/* sub + rel with "." and ".." applied as text, or NULL above the root;
 * malloc'd. */
char *content_tree_path(const char *sub, const char *rel);

/* The folder rel opened (O_RDONLY) beneath the content folder, or -1
 * (errno EXDEV when it leads outside). */
int content_open_folder(const struct content *c, const char *rel);

/* listing.c: the README's role list and the files it leads to.  names
 * maps each loaded source's name to its index.  0 or -1 (errors in d). */
struct source *listing_add_loaded(struct content *c, struct strmap *names, const char *name);
int listing_load(struct content *c, struct strmap *names, struct diags *d);
/* Level files beside the README that it does not link (any: the README
 * links none, so every Markdown file beside it, or in its subfolders). */
int listing_unlisted(struct content *c, const struct strmap *seen, int any, struct diags *d);

/* The overview's file name: README.md, or the first of its other
 * spellings that exists (readme.md, Readme.md, README.markdown); in a
 * folder without one (a site's docs/, a GitHub wiki), its home page:
 * index.md, _index.md, Home.md, then a numbered overview ("00
 * Overview.md"); README.md when there is none (the error names it).
 * malloc'd. */
char *listing_overview_name(const struct content *c);

/* Sources that are levels: all but the README and landing pages. */
int listing_levels(const struct content *c);

#endif
