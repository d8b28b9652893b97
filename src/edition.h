/* edition.h: what each edition of the book holds.
 *
 * One content folder makes three editions, for the three ways people use a
 * career framework:
 *
 *   ED_HANDBOOK  everything: the new hire's week-one read;
 *   ED_ROLE      one role for a candidate: the README's public sections,
 *                the career journey with the role highlighted, its chapter;
 *   ED_REVIEW    a role and the step after it, for a review conversation:
 *                both chapters, what changes between them, a worksheet.
 *
 * An edition is a selection fed through the same stages as the handbook.
 * This module answers the selection's questions from the model and the
 * ASTs: which role a name means, which README sections are public, which
 * sections of a level file are competencies.  edition_build lays out a
 * chosen part of one file with build.c by detaching the rest of its AST
 * for the call; the AST is whole again when it returns.
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
#ifndef HANDBOOK_EDITION_H
#define HANDBOOK_EDITION_H

#include <cmark-gfm.h>

#include "build.h"
#include "content.h"
#include "layout.h"
#include "model.h"
#include "util.h"

enum edition_kind { ED_HANDBOOK, ED_ROLE, ED_REVIEW, ED__MAX };

/* What edition_find_role found when it found no single role. */
#define EDITION_UNKNOWN (-1)
#define EDITION_AMBIGUOUS (-2)

/* The chapter a ROLE names: a level file's name with or without ".md"
 * ("L4-Support-Manager"), its title ("L4: Support Manager") or role
 * ("Support Manager"), compared without regard to case or punctuation, or
 * its level code ("L2") when one chapter has it.  Returns the chapter
 * (1..n-1), EDITION_AMBIGUOUS with the matching chapters in cand, or
 * EDITION_UNKNOWN with every level chapter in cand.  cand has room for
 * bk->n entries; *ncand is set. */
int edition_find_role(const struct book *bk, const struct content *c, const char *name, int *cand,
                      int *ncand);

/* The name a role goes by on the command line and in file names: its level
 * file's name without ".md" and without any folder.  Appends to out. */
void edition_role_name(const struct book *bk, const struct content *c, int chap, struct buf *out);

/* The README's top-level blocks that the public editions keep, by the rule
 * above, in document order; returns how many.  *keep is malloc'd.  Keys of
 * the headings left out are marked omitted in bk, so links to them become
 * plain text. */
int edition_readme_public(struct book *bk, const struct content *c, cmark_node ***keep);

/* Lays out chapter chap with build_chapter as if its file held only the
 * top-level blocks keep[0..n) (in document order), appending to out. */
void edition_build(struct lctx *L, const struct book *bk, const struct content *c, int chap,
                   cmark_node *const *keep, int n, const struct build_opts *o, struct build_out *out);

/* A level-2 section of a level file. */
struct section {
	const struct heading *h;  /* its heading in the model (text, key) */
	cmark_node **body;        /* the blocks after the heading, malloc'd */
	int n;                    /* blocks */
};

/* The competency sections of chapter chap, in document order; returns how
 * many.  Free *out with edition_sections_free. */
int edition_sections(const struct book *bk, const struct content *c, int chap, struct section **out);
void edition_sections_free(struct section *s, int n);

/* A section title without case, spacing and punctuation: titles with the
 * same key are the same section.  malloc'd. */
char *edition_title_key(const char *title);

/* 1 when two section titles are the same but for case, spacing and
 * punctuation. */
int edition_same_title(const char *a, const char *b);

/* The section of s[0..n) whose title matches title (edition_same_title),
 * or -1. */
int edition_section_find(const struct section *s, int n, const char *title);

/* The first sentence of a section: of its first paragraph, else of its
 * first list item; malloc'd, "" when it has no text. */
char *edition_first_sentence(const struct section *s);

#endif
