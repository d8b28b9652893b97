/* indexint.h: what the index's three files share (index.c reads the
 * terms file and collects occurrences, indexsort.c folds, orders and
 * groups, indexpages.c lays the index out): its data and their helpers.
 * Private to those files; index.h is the interface. */
#ifndef HANDBOOK_INDEXINT_H
#define HANDBOOK_INDEXINT_H

#include "index.h"

/* Bytes of the folded stream besides folded text. */
#define PUNCT '\x02' /* punctuation the fold does not keep: a word boundary */
#define SOFT '\x03'  /* a hyphen ending a line: read through or as '-' */
#define HARD '\n'    /* a paragraph or cell boundary: no term crosses it */

#define EN_DASH "\xE2\x80\x93"

/* ---- the index's data ---- */

struct loc {
	int folio;        /* printed page number: index_resolve's, else the page's when collected */
	const char *key;  /* destination the number links to, ix->arena */
	int seq;          /* order found: a page's first key wins */
};

struct locs {
	struct loc *v;
	int n, cap;
};

struct sub {
	char *name;       /* ix->arena */
	char *fold;       /* index_fold of name, ix->arena */
	struct locs at;
};

struct entry {
	char *name;       /* as displayed, ix->arena */
	char *fold;       /* index_fold of name: the identity and the sort key */
	struct locs at;   /* the entry's own pages */
	struct sub *sub;  /* owned */
	int nsub, subcap;
	int last_page;    /* page index of the latest term hit recorded, -1 none */
};

struct term {
	int entry;        /* in ix->e */
	int line;         /* line of the terms file */
	const char *name; /* the first name, for the warning */
	int hits;         /* occurrences of any of its names */
};

struct pattern {
	const char *s;    /* folded name with a plural ending or none, ix->arena */
	size_t len;       /* bytes */
	int term;         /* in ix->t */
};

struct book_index {
	struct arena *arena;   /* names, keys, patterns */
	char *path;            /* the terms file, for warnings; NULL none */
	struct entry *e;       /* owned */
	int ne, ecap;
	struct strmap *byfold; /* entry fold -> index in e */
	struct strmap *bysub;  /* "ENTRY\x01SUBFOLD" (entry's index) -> index in its sub */
	struct term *t;        /* owned */
	int nt, tcap;
	struct pattern *pat;   /* owned, sorted by first byte */
	int npat, patcap;
	int first[257];        /* pat[first[c] .. first[c + 1]) start with byte c */
	int *cand;             /* lists of pattern indices, see candidates(); owned */
	int ncand, candcap;
	int *cand_at;          /* per bucket and next byte: where its list starts in cand; owned */
	int bucket[256];       /* per first byte: its bucket's row in cand_at, -1 none */
	int nkeys;             /* "idx:N" keys made */
	int warned;            /* 1: the terms that never occur were warned about */
	int seq;               /* locations recorded */
};


/* The one page range of an entry's page list, as the index prints it. */
struct range {
	int first, last;  /* folios */
	const char *key;  /* the first page's destination */
};


/* indexsort.c */
/* The folded form of s[0..n) (index_fold's), malloc'd. */
char *ix_fold_name(const char *s, size_t n);
/* f past leading ASCII punctuation: what the order and the letter
 * groups start from. */
const char *ix_skip_punct(const char *f);
/* The entries with pages or sub-entries in the index's order (ICU's
 * collation for lang when a name needs it); malloc'd array of *n. */
const struct entry **ix_sorted_entries(const struct book_index *ix, const char *lang, int *n);
/* The entry's sub-entries in that order, malloc'd, e->nsub of them. */
const struct sub **ix_sorted_subs(const struct entry *e, const char *lang);
/* The locations v[0..n) sorted, repeats dropped, runs merged: returns the
 * number of ranges; *out is malloc'd (NULL when there are none). */
int ix_make_ranges(const struct loc *v, int n, struct range **out);
/* A range as text: "7" or "3–5". */
void ix_range_text(const struct range *r, char *s, size_t size);

#endif
