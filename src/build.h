/* build.h: the AST of each chapter to the vertical list of the book.
 *
 * One switch over node types (cmark's renderers are the model) turns blocks
 * into boxes, glue and penalties; paragraphs go through paragraph.c and the
 * optimal-fit breaker, tables through table.c.  Keeps are expressed as
 * penalties: a heading stays with two lines of what follows it; a
 * paragraph, list item or code block leaves at least two lines on each
 * side of a page break. */
#ifndef HANDBOOK_BUILD_H
#define HANDBOOK_BUILD_H

#include "content.h"
#include "dlist.h"
#include "image.h"
#include "layout.h"
#include "model.h"

struct outline_entry {
	int level;          /* 1 chapter, 2 section */
	const char *title;  /* borrowed from the model */
	const char *key;    /* destination key, borrowed from the model */
	int chapter;        /* chapter index */
};

struct build_out {
	struct vlist vl;             /* the body, every chapter */
	struct outline_entry *ol;    /* owned */
	int nol, olcap;
	struct image_table img;      /* owned images; DL_IMAGE items index img.v */
};

struct build_opts {
	fx width;         /* text area width, 1/1000 pt */
	fx height;        /* text area height, 1/1000 pt: the tallest a box may be */
	int ragged;       /* 1: paragraphs ragged right (narrow columns), else justified */
	const struct since *since; /* --since: changed blocks get bars and destinations, removed
	                   * ones a note (since.h); NULL: none */
	const char *person;   /* review worksheet: who is reviewed ("engineer"), or NULL: from the role */
	const char *reviewer; /* and who reviews ("manager"), or NULL: from the person */
	int flat;         /* review worksheet: 1: boxes and lines only, no form fields (--flat) */
	struct lstats *stats; /* where the lines count (para.stats): NULL, the book's; else
	                   * apart (a column of "what changes": the chapters count them) */
};

/* Appends chapter `chap` of the book to out.  Returns 0; problems in the
 * content are warnings in L->d. */
int build_chapter(struct lctx *L, const struct model *bk, const struct content *c, int chap,
                  const struct build_opts *o, struct build_out *out);
/* The same, as if chapter chap's file held only its top-level blocks
 * blocks[0..n) (in document order): the chapter's opening and footnotes,
 * and those blocks.  The AST is only read. */
int build_blocks(struct lctx *L, const struct model *bk, const struct content *c, int chap,
                 cmark_node *const *blocks, int n, const struct build_opts *o, struct build_out *out);
void build_out_done(struct build_out *out);

/* Nesting deeper than this is laid out flat, as plain paragraphs, with a
 * warning: deeper recursion would risk the stack on hostile input, and no
 * reader can follow more. */
#define BUILD_MAX_DEPTH 64

#endif
