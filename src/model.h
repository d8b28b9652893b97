/* model.h: what the book is, read from the ASTs: its title, organisation,
 * chapters (the README, then each level) with their headings and anchors.
 *
 * model_build runs before layout so every link can be checked against every
 * heading of every file, whichever order the files are laid out in. */
#ifndef HANDBOOK_MODEL_H
#define HANDBOOK_MODEL_H

#include <cmark-gfm.h>

#include "content.h"
#include "diagnostics.h"

struct heading {
	cmark_node *node;  /* the heading in its file's AST */
	int level;         /* 1..6 */
	char *text;        /* plain text, owned */
	char *key;         /* destination key "FILE#slug", owned */
};

struct chapter {
	int src;            /* index in content.v */
	char *title;        /* the first H1's text, or the file name */
	char *code;         /* level code ("L3", "IC3a"), or NULL (README, unnumbered) */
	int rank;           /* its rank (level.h: major * LEVEL_SUB + minor), -1 none */
	int rank_from;      /* enum level_from: where the code was found */
	char ladder[8];     /* the code's letters ("L", "IC", "M"), "" none */
	char *role;         /* the title without its code */
	char *key;          /* destination key of the chapter's first page: the file name */
	struct heading *h;  /* headings in document order, owned */
	int nh;
	int title_h;        /* the heading that shows the title (set as it, no
	                     * contents entry of its own): the first H1 saying it,
	                     * or the H1 opening a file that front matter titles
	                     * ("Junior" over "# 01 Junior"); -1 none */
};

struct model {
	char *title;             /* the README's first H1 */
	char *org;               /* organisation, or NULL */
	struct chapter *ch;      /* ch[0] is the README */
	int n;
	struct strmap *keys;     /* every destination key -> chapter index */
	char *left_out;          /* per chapter, 1 when the edition leaves it out; owned */
	struct strmap *omitted;  /* single keys the edition leaves out (README sections),
	                          * or NULL */
};

/* Bytes of a heading, the book's title or the organisation that the PDF's
 * bookmarks and metadata keep: libharu refuses strings over 65,535 bytes
 * (error 0x105B, and no PDF), and no viewer shows more than a line of a
 * bookmark anyway.  model_build warns, naming the heading, when it will
 * be cut; pdf.c cuts. */
#define MODEL_MAX_TITLE 8192

/* org and title: the configured ones (--org, handbook.yml), or NULL for
 * what the README says. */
int model_build(struct model *b, const struct content *c, const char *org, const char *title,
                struct diags *d);
void model_done(struct model *b);

/* The key a Markdown link from chapter `from` leads to, or NULL (with a
 * warning naming file and line) when the target does not exist.  For web
 * links the key is "uri:URL".  A target that exists but that the edition
 * leaves out (model_omit) is also NULL, without a warning: the link is set
 * as plain text because its chapter is simply not in this PDF.  Returns a
 * malloc'd string. */
char *model_link_key(const struct model *b, const struct content *c, int from,
                     const char *url, int line, struct diags *d);
/* The same, the link at column col of its line (0: unknown) for messages. */
char *model_link_key_at(const struct model *b, const struct content *c, int from,
                        const char *url, int line, int col, struct diags *d);

/* Editions (edition.h) leave parts of the book out.  model_omit_chapter
 * leaves out a chapter's key and every heading's (in constant time);
 * model_omit_key one destination.  model_has_key is 1 when key is a
 * destination of the edition: it exists and is not left out.
 * model_include_all undoes every omission, for the next edition made from
 * the same book. */
void model_omit_chapter(struct model *b, int chap);
void model_omit_key(struct model *b, const char *key);
int model_has_key(const struct model *b, const char *key);
/* model_has_key for chapter chap's own key, without looking the key up:
 * the diagram asks it for every box of every role's edition. */
int model_has_chapter(const struct model *b, int chap);
void model_include_all(struct model *b);

/* The chapter whose level file is `name` ("L2-Engineer.md"), or -1. */
int model_chapter_named(const struct model *b, const char *name);

/* 1 when heading n holds nothing but a link to a Markdown file ("####
 * [README](README.md)" over a file's list of its sibling pages): a way
 * back, neither the file's title nor one of its sections. */
int model_nav_heading(cmark_node *n);

#endif
