/* blockdiff.h: one role's text at two revisions, cut into blocks and
 * matched (for since.c).  Matching runs per section: equal keys first
 * (their order decides same or moved: a longest increasing run of old
 * positions stays, the rest moved), then unmatched blocks of one kind by
 * shared words (changed); whatever is left is added or removed. */
#ifndef HANDBOOK_BLOCKDIFF_H
#define HANDBOOK_BLOCKDIFF_H

#include "since.h"

#include <cmark-gfm.h>

struct blk {
	cmark_node *node;  /* in its AST */
	int kind;          /* cmark node type, or -1 for a table row */
	int sect;          /* index of its section's heading block, -1 before any */
	char *key;         /* since_key of its text, owned */
	char *text;        /* plain text, owned */
	int match;         /* index of the block it matched on the other side, -1 none */
	enum since_kind how;
	char **words;      /* its words, keyed and sorted, made when first compared; owned */
	int nwords;        /* -1: not made yet */
};

/* One revision of one file, as blocks in reading order. */
struct side {
	struct blk *v;
	int n, cap;
};

/* Cuts the AST under root into blocks, appended to sd. */
void bd_cut(cmark_node *root, struct side *sd);
void bd_side_done(struct side *sd);
/* Matches the blocks of nw against old: each block's match and how. */
void bd_match_role(struct side *nw, struct side *old);
/* The share of nw's blocks (percent) whose key old also has: how renamed
 * files are paired. */
int bd_file_overlap(const struct side *nw, const struct side *old);

#endif
