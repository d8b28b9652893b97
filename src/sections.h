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
 * are not nested in another item.  Frameworks write competencies two more
 * ways, read the same: level-3 subsections with lists inside a level-2
 * section ("## Competencies" / "### Communication"), and paragraphs that
 * open with a bold lead ("**Communication:** Explains ...", two or more in
 * a section), each a competency with one expectation. */
#ifndef HANDBOOK_SECTIONS_H
#define HANDBOOK_SECTIONS_H

#include <cmark-gfm.h>

#include "content.h"
#include "model.h"
#include "util.h"

/* A competency of a level file: a level-2 section with lists, a level-3
 * subsection with lists when its level-2 section has them, or a paragraph
 * opening with a bold lead ("**Technical knowledge:** ...") among two or
 * more such paragraphs. */
struct section {
	char *title;              /* "Technical Proficiency", owned */
	const char *key;          /* destination: its heading's, else the nearest heading above */
	cmark_node **body;        /* its blocks, malloc'd */
	int n;                    /* blocks */
	cmark_node **exp;         /* expectations: the top-level items of its lists, or a
	                           * paragraph (a bold lead, or one whose following list is
	                           * fragments of its sentence: shown under it); malloc'd */
	int nexp;
	int lead;                 /* 1: a bold-lead paragraph, its title the lead */
	cmark_node *row;          /* a table row naming it in its first cell ("Scope | Tasks"), or NULL */
};

/* The competency sections of chapter chap, in document order; returns how
 * many.  Free *out with sections_free. */
int sections_competencies(const struct model *bk, const struct content *c, int chap,
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
void sections_public(const struct model *bk, const struct content *c, struct readme_public *out);
void sections_public_done(struct readme_public *p);

/* The same with the configuration's rule (config.h editions.leave_out and
 * leave_out_text): titles is a comma-separated list of title words (a
 * word starting with one, or a phrase of several, leaves the section out)
 * replacing the built-in list, NULL for the built-in, "" for none; text a
 * comma-separated list of phrases: a paragraph holding one is left out
 * wherever it stands, NULL or "" for none. */
void sections_public_rule(const struct model *bk, const struct content *c, const char *titles,
                          const char *text, struct readme_public *out);

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

/* 1 when p is a paragraph ending with a colon: it introduces what follows. */
int sections_ends_colon(cmark_node *p);

/* 1 when a list's items are fragments of the sentence its introducing
 * paragraph (ending in a colon) begins: they start in lower case and end in
 * ';' or ',' ("your bug report includes: / - the product version; / - the
 * exact steps; ...").  Such a list is one expectation with its paragraph,
 * not one per item. */
int sections_fragments(cmark_node *list);

/* Nesting past this is not searched for role lists: the recursion stays
 * bounded on hostile input (the same depth build.c lays out). */
#define SECTIONS_MAX_DEPTH 64

/* A bold lead longer than this is emphasis, not a competency's name. */
#define SECTIONS_MAX_LEAD 80

/* README paragraphs a role edition leaves out unless handbook.yml's
 * editions.leave_out_text says otherwise: talk of the repository is for
 * its contributors, not for a candidate reading an offer's attachment. */
#define SECTIONS_PUBLIC_TEXT "this repository, pull request"

#endif
