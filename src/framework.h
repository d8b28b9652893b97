/* framework.h: the career framework the content describes, built once per
 * run from the book and the parsed files, and read-only afterwards.
 *
 * It holds the roles (a book chapter each, with its level code, rank,
 * track, next level and competency sections), the tracks they form, the
 * README's phases, and the relations between roles (the next level in a
 * track, the branches where one track leads into another).  Apart from
 * loading and block layout, it is the only reader of the ASTs: the
 * diagram, levels at a glance, what changes, the worksheet and the
 * editions ask it, never the tree.
 *
 * Inference, with nothing about one framework built in:
 *
 *  - role: every chapter but the README, unless its front matter says
 *    `role: false`, it is a landing page (source.landing), or, with no
 *    level code, no declared level and not cut from a track file: its
 *    title names a page rather than a job ("Glossary", "Career Ladder",
 *    "Performance Reviews": a page word and no job word such as engineer,
 *    manager, lead, or a word ending in -er, -or, -ist), it has nothing but
 *    front matter, it has no expectations and its title no job word, or
 *    the README mentions it only in its text.  `role: true`
 *    makes any page a role.  A chapter that is no role is in the book but
 *    has no box, no worksheet and no --all-roles edition.
 *
 *  - rank: the number of the chapter's code ("L3" -> 3; level.h); in a
 *    track of roles most of which have no code, the order the README lists
 *    them.  Roles without a rank go in one column after the last rank.  Columns are the distinct
 *    ranks in increasing order, so a framework with no L4 has no empty
 *    column.
 *  - track: the text of an HTML comment `<!-- track: NAME -->` anywhere in
 *    the level file; the title of the track file a level section was cut
 *    from (split.h, carried as its front matter's track); else its folder, when the roles live in two or more
 *    folders; else the ladder of its code, when the codes use several (IC
 *    and M); else the role title with its seniority words removed
 *    ("Senior Support Manager" -> "Support Manager").  Names compare
 *    without regard to case.  Rows: first the track holding the lowest
 *    rank (ties: the one with most roles, then the earlier in the book),
 *    then the others by their lowest rank, ties by order of appearance.
 *    When two roles of one track share a rank, the second goes in an extra
 *    row of that track, so no two roles ever share a cell.
 *  - branches: the first ranked role of a track that starts above the
 *    lowest column is reached from the role one column to its left in the
 *    first row holding one (a change of track, drawn dashed).
 *  - next level: the role of the same track with the lowest rank above
 *    (ties: the first in the book); none at the top of a track.
 *  - declared in a file's front matter (frontmatter.h), these win: `level`
 *    (the rank and code), `track`, `next` (a file or role name), `title`.
 *  - phases: README list items whose paragraph opens with bold text naming
 *    a level range ("**L1 to L3**", "**L4 and L5**", "**L1–L3**") and
 *    contains emphasis naming the phase; the last emphasis of the
 *    paragraph is the label, its first letter capitalised.
 *  - competency sections and the README's public sections: sections.h.
 *
 * Typical use:
 *
 *	struct framework fw;
 *	framework_build(&fw, &bk, &c);
 *	... diagram_layout(L, &fw, highlight, &bk, folios, w, h, &vl) ...
 *	framework_done(&fw);
 */
#ifndef HANDBOOK_FRAMEWORK_H
#define HANDBOOK_FRAMEWORK_H

#include <cmark-gfm.h>

#include "content.h"
#include "model.h"
#include "sections.h"
#include "util.h"

/* Past this many columns the diagram no longer fits a portrait text area
 * with readable boxes, so its page is turned to landscape. */
#define FRAMEWORK_PORTRAIT_MAX_COLS 6

/* Why a role is in its track (for --explain). */
enum fw_track_from { TRACK_TITLE, TRACK_COMMENT, TRACK_LADDER, TRACK_FRONT, TRACK_FOLDER, TRACK_FILE,
                     TRACK_SECTION, TRACK_JOB, TRACK__MAX };

/* What a chapter is: a role, or why it is none (for --explain). */
enum fw_chapter {
	CHAPTER_ROLE,      /* a role: a box in the diagram, a worksheet, an --all-roles edition */
	CHAPTER_DECLARED,  /* role: false in its front matter */
	CHAPTER_LANDING,   /* a landing page: its links list the levels */
	CHAPTER_TITLE,     /* its title names a page (Glossary, Overview, FAQ ...), no job */
	CHAPTER_EMPTY,     /* no text of its own (a site's section page) */
	CHAPTER_CONTENT,   /* no expectations, and its title names no job */
	CHAPTER_MENTIONED, /* linked from the README's text only, not its role list */
	CHAPTER_UNDECLARED, /* no level where every role declares one in its front matter */
	CHAPTER_COMPARISON, /* its title sets two roles side by side ("Tech Lead vs Engineering Manager") */
	CHAPTER__MAX
};

/* One role: a level chapter of the book. */
struct fw_role {
	int chapter;        /* index in book.ch (1..n-1) */
	const char *code;   /* level code "L3", or NULL; borrowed from the book */
	int level;          /* rank: the number of the code, -1 when the role has none */
	int rank_from;      /* enum level_from: where the rank came from */
	const char *title;  /* role title without its code; borrowed from the book */
	const char *track;  /* track name; borrowed from framework.tracks[row] */
	int row, col;       /* grid cell: row 0 is the first track, col 0 the lowest rank */
	int next;           /* chapter of the next level in its track, 0 at the top or unranked */
	int track_from;     /* enum fw_track_from: why it is in its track */
	int next_declared;  /* 1: next comes from the role's front matter */
	struct section *sec; /* competency sections in document order, owned */
	int nsec;
	int nexpect;        /* expectations: top-level items of the sections' lists */
	const char *file;   /* the level file, for messages; borrowed from the content */
	int line, column;   /* where its title heading is (0: unknown), for messages */
};

struct framework {
	struct fw_role *roles;      /* in book order, owned */
	int n;                      /* roles */
	int nrows, ncols;           /* grid size */
	char **tracks;              /* row names, nrows of them, owned; a track with
	                             * two roles at one rank repeats its name */
	struct {
		int from_col, to_col; /* columns covered, inclusive; phases never overlap */
		char *label;          /* "Individual mastery", owned */
	} *phases;                  /* in column order, owned */
	int nphases;
	int landscape;              /* 1: more than FRAMEWORK_PORTRAIT_MAX_COLS columns */
	int *role_of;               /* chapter -> index in roles, -1 for the README; owned */
	int *kind;                  /* chapter -> enum fw_chapter (the README: CHAPTER_ROLE); owned */
	int nchap;                  /* chapters of the book: entries of role_of */
	struct readme_public pub;   /* what the public editions keep of the README */
	int *grid_next;             /* role -> framework_row_next; owned */
	int *grid_first;            /* per row: first role, first levelled, branch_from; owned */
};

/* Builds the framework from the book and its sources (c->v[0] is the
 * README; each chapter's file is c->v[bk->ch[i].src]).  The result borrows
 * strings and AST nodes from bk and c, which must outlive it.  Returns 0,
 * or -1 when the book has no roles (then *fw is empty and framework_done
 * is harmless).  Declarations that name nothing are warnings in d (may be
 * NULL). */
int framework_build(struct framework *fw, const struct model *bk, const struct content *c,
                    struct diags *d);
void framework_done(struct framework *fw);

/* A role title without its seniority words and trailing grade
 * ("Senior Platform Engineer", "Platform Engineer II" -> "Platform
 * Engineer"): the track a title names.  Malloc'd; the whole title when
 * nothing would be left. */
char *framework_title_track(const char *title);

/* 1 when a title holds a seniority word ("Senior", "Staff", "Junior" ...),
 * not only a grade: what tells "Senior Engineer" from "Engineer 2". */
int framework_title_senior(const char *title);

/* enum fw_chapter of chapter chap (CHAPTER_ROLE for the README). */
int framework_chapter_kind(const struct framework *fw, int chap);

/* The role of chapter chap, or NULL when chap is no role (the README). */
const struct fw_role *framework_role(const struct framework *fw, int chap);

/* The track of chapter chap, or NULL when it is not a role. */
const char *framework_track(const struct framework *fw, int chap);

/* The roles the arrows out of chapter chap's box lead to: the next box of
 * its row and the first boxes of the tracks that branch from it.  Stores
 * up to max chapter indices in out; returns how many. */
int framework_next_steps(const struct framework *fw, int chap, int *out, int max);

/* The first ranked role of a row, or -1 (levelled: only roles with a
 * rank). */
int framework_row_first(const struct framework *fw, int row, int levelled);

/* 1 when a row continues the track above it (two roles at one rank). */
int framework_extra_row(const struct framework *fw, int row);

/* The role a row's track branches from, or -1 (see the rules above). */
int framework_branch_from(const struct framework *fw, int row);

/* The role the in-row arrow from role a leads to, or -1. */
int framework_row_next(const struct framework *fw, int a);

/* The chapter a ROLE names: a level file's name with or without ".md"
 * ("L4-Support-Manager"), its title ("L4: Support Manager") or role
 * ("Support Manager"), compared without regard to case or punctuation, or
 * its level code ("L2") when one chapter has it.  Returns the chapter
 * of a role, FRAMEWORK_AMBIGUOUS with the matching chapters in cand, or
 * FRAMEWORK_UNKNOWN with every role's chapter in cand.  cand has room for
 * bk->n entries; *ncand is set. */
#define FRAMEWORK_UNKNOWN (-1)
#define FRAMEWORK_AMBIGUOUS (-2)
int framework_find_role(const struct framework *fw, const struct model *bk, const struct content *c,
                        const char *name, int *cand, int *ncand);

/* The name a role goes by on the command line and in file names: its level
 * file's name without ".md", any folders joined with '-' ("backend/senior.md"
 * -> "backend-senior").  Appends to out. */
void framework_role_name(const struct model *bk, const struct content *c, int chap, struct buf *out);

#endif
