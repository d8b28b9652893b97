/* sitenav.h: the page order a site generator's configuration gives, for a
 * README that links no level file.  MkDocs keeps it in mkdocs.yml:
 *
 *	docs_dir: docs            (the default)
 *	nav:
 *	  - Home: index.md
 *	  - Engineering:
 *	      - Engineer I: levels/engineer-1.md
 *	      - Senior Engineer: levels/senior.md
 *
 * The pages it names, depth first, are read in that order instead of the
 * folders' name order: the site's own order is the ladder's. */
#ifndef HANDBOOK_SITENAV_H
#define HANDBOOK_SITENAV_H

struct content;
struct strmap;

/* Pages of a nav deeper than this, or more than this many, are not read. */
#define SITENAV_MAX_DEPTH 8
#define SITENAV_MAX_PAGES 4096

/* The Markdown pages the content folder's mkdocs.yml lists in its nav, as
 * paths relative to the content folder, in order: each once, existing
 * regular files beneath the folder only, neither an index.md or README nor
 * one seen holds.  Returns how many (malloc'd array of malloc'd names in
 * *out, NULL when none); 0 when there is no such file or nav.  The file is
 * the site's, not ours: a flaw in it is no warning, only no order. */
int sitenav_pages(const struct content *c, const struct strmap *seen, char ***out);

#endif
