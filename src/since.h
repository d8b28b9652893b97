/* since.h: what changed in the framework since an earlier revision
 * (--since REV), block by block.
 *
 * The old files (history.h) go through the same cleaning and parser as
 * the content (content_add_text), and both sides are cut into blocks:
 * headings, paragraphs, list items (their own paragraphs, not nested
 * lists), table rows and code blocks.  Blocks are matched by content
 * within the same role (the level file, followed through a rename: an old
 * file no current file is named after, holding at least half of a new
 * file's blocks) and the same section (the nearest heading of level 2 or
 * deeper, itself matched first):
 *
 *   same      equal text, in the same order as its neighbours
 *   moved     equal text, out of order (a reordered list), or in another
 *             section of the same role
 *   changed   no equal block, but an unmatched old one of the same kind
 *             sharing at least half of its words
 *   added / removed   the rest
 *
 * "Equal text" is the block's plain text (markup dropped) with every
 * whitespace and punctuation character removed (since_key): reflowing a
 * paragraph, fixing a comma, curling quotes or making a word bold is no
 * change; changing a letter, a digit or a case is.
 *
 *   struct since *s = since_new(h, c, bk);   after model_build; reads the ASTs
 *   since_block(s, node)                     layout: the entry of a block, or -1
 *   since_free(s);
 *
 * The ASTs must outlive the layout that asks (entries point at nodes). */
#ifndef HANDBOOK_SINCE_H
#define HANDBOOK_SINCE_H

#include <cmark-gfm.h>

#include "build.h"
#include "content.h"
#include "history.h"
#include "model.h"

enum since_kind {
	SINCE_SAME,
	SINCE_ADDED,
	SINCE_CHANGED,
	SINCE_MOVED,
	SINCE_REMOVED,
	SINCE_NEW_ROLE,      /* a level file with no old counterpart */
	SINCE_REMOVED_ROLE,  /* an old level file with no new counterpart */
	SINCE__MAX
};

/* One change, as the "What changed" page lists it. */
struct since_entry {
	enum since_kind kind;
	int chap;               /* chapter index in the book; -1 for a removed role */
	char *section;          /* the section's title, or NULL; owned */
	const char *section_key; /* the section heading's destination key in the book, or NULL
	                         * (a removed section); borrowed from the model */
	char *text;             /* the block's first words; owned */
	char *key;              /* destination key "since:N" (for a new role: the chapter's), owned */
	cmark_node *node;       /* the new block; NULL when removed */
	cmark_node *anchor;     /* removed: the new block it is summarised after */
};

struct since;

/* Compares the content with h's files.  Never fails: old files that do not
 * parse are simply absent (everything in their role is new). */
struct since *since_new(const struct history *h, const struct content *c, const struct model *bk);
void since_free(struct since *s);

const char *since_rev(const struct since *s);
const char *since_commit(const struct since *s); /* the short hash REV named */
int since_count(const struct since *s);
const struct since_entry *since_entry(const struct since *s, int i);

/* The entry of a new block (added, changed or moved), or -1. */
int since_block(const struct since *s, const cmark_node *n);
/* The removed blocks summarised after block n: entries [*first, *first + return). */
int since_removed_after(const struct since *s, const cmark_node *n, int *first);
/* 1 when chapter chap has any change (a new role counts). */
int since_chapter_changed(const struct since *s, int chap);

/* Adds to m (value 1) the destination key of every chapter and every
 * section with a change: what the career journey and the glance mark. */
struct strmap;
void since_keys(const struct since *s, const struct model *bk, struct strmap *m);

/* The "What changed since REV" list as outline entries for fp_list:
 * level 1 a role, level 2 a change, only those whose destination is in
 * folios; with whole set (the whole book) then "Removed roles", each
 * linked to the list itself ("#since", which folios must then hold).
 * Returns a malloc'd array of *n entries; titles live in s until the next
 * call. */
struct outline_entry *since_outline(struct since *s, const struct model *bk, const struct strmap *folios,
                                    int whole, int *n);

/* Appends to out the key of text: its plain text without whitespace or
 * punctuation (ASCII punctuation, U+00A1-U+00BF's marks, the General
 * Punctuation block U+2000-U+206F, U+3000-U+303F, and Unicode spaces). */
struct buf;
void since_key(const char *text, size_t len, struct buf *out);

/* A block summary is cut to this many bytes (then "…"): a line of the list. */
#define SINCE_SUMMARY 90

/* Candidate pairs compared for "changed" in one section at most: past
 * this, unmatched blocks are simply added and removed (a section of
 * thousands of blocks would otherwise cost their square). */
#define SINCE_MAX_PAIRS 200000

#endif
