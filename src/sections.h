/* sections.h: what the sections of a file are.  Part of the framework
 * model (framework.h), and like it a reader of the AST.
 *
 * The README rule (also in README.md, "Editions"): the text before the
 * first section heading is kept; each section (a level-2 heading and what
 * follows it up to the next heading of level 1 or 2) is kept unless
 *  - its title names an internal matter: a word starting with "contribut",
 *    "licen", "changelog", "maintainer", "credit" or "acknowledg", or the
 *    words "change log" or "code of conduct"; or
 *  - it is the role list: it has lists, and every item of them is nothing
 *    but links to level files (its introducing sentence goes with it).
 * Footnote definitions are always kept, since kept text may cite them.
 *
 * A competency section is a level-2 section of a level file that holds a
 * list, unless its title says it is a summary or about progression: it
 * contains "summary", "overview" or "next level", or a word starting with
 * "progress" or "promot".  Its expectations are the items of its lists that
 * are not nested in another item. */
#ifndef HANDBOOK_SECTIONS_H
#define HANDBOOK_SECTIONS_H

#include <cmark-gfm.h>

#include "content.h"
#include "model.h"
#include "util.h"

/* A level-2 section of a level file. */
struct section {
	const struct heading *h;  /* its heading in the model (text, key) */
	cmark_node **body;        /* the blocks after the heading, malloc'd */
	int n;                    /* blocks */
};

/* The competency sections of chapter chap, in document order; returns how
 * many.  Free *out with sections_free. */
int sections_competencies(const struct book *bk, const struct content *c, int chap,
                          struct section **out);
void sections_free(struct section *s, int n);

/* What the public editions keep of the README. */
struct readme_public {
	cmark_node **keep;        /* top-level blocks kept, in document order, malloc'd */
	int n;
	const char **omit;        /* keys of the headings left out (borrowed from the book), malloc'd */
	int nomit;
};

/* Applies the README rule above.  Free with sections_public_done. */
void sections_public(const struct book *bk, const struct content *c, struct readme_public *out);
void sections_public_done(struct readme_public *p);

/* A section title without case, spacing and punctuation: titles with the
 * same key are the same section ("L4-Support-Manager.md" and "L4: Support
 * Manager" both become "l4 support manager").  malloc'd. */
char *sections_title_key(const char *title);

/* 1 when two section titles are the same but for case, spacing and
 * punctuation. */
int sections_same_title(const char *a, const char *b);

/* The section of s[0..n) whose title matches title, or -1. */
int sections_find(const struct section *s, int n, const char *title);

/* The first sentence of a section: of its first paragraph, else of its
 * first list item; malloc'd, "" when it has no text. */
char *sections_first_sentence(const struct section *s);

/* The expectations of a section: the items of its lists, not nested in
 * another item, in document order.  Returns how many; *out is malloc'd. */
int sections_expectations(const struct section *s, cmark_node ***out);

/* Nesting past this is not searched for role lists: the recursion stays
 * bounded on hostile input (the same depth build.c lays out). */
#define SECTIONS_MAX_DEPTH 64

#endif
