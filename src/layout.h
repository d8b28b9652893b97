/* layout.h: what every layout stage shares for one run: the fonts, the
 * hyphenator, the arena that owns all layout objects, the diagnostics and
 * the counts of the lines set (--stats).  Which file a paragraph comes
 * from, and whether its lines count, is the paragraph's own (paragraph.h). */
#ifndef HANDBOOK_LAYOUT_H
#define HANDBOOK_LAYOUT_H

#include "diagnostics.h"
#include "font.h"
#include "hyph.h"
#include "util.h"

struct dg_memo;

/* Distinct missing characters a warning names; the rest are counted. */
#define MISSING_NAMED 6

/* A file's characters no face has: one warning, at the first, counting
 * the rest (para_missing). */
struct missing {
	const char *file;  /* the file (the paragraphs' file pointer) */
	struct diags *d;   /* the list its warning is in */
	int at;            /* that warning's index in d->v, -1 when it could not be kept */
	int n;             /* occurrences in the file */
	const char *pkg;   /* the package one of them needs (the warning names it), or NULL */
	int distinct;      /* distinct characters in cp */
	int more;          /* 1: others besides those in cp */
	uint64_t *at_seen; /* line << 32 | column of each counted, ascending: text laid out
	                    * twice (a second pass, the glance) is counted once; owned */
	int nseen, capseen;
	uint32_t cp[MISSING_NAMED]; /* the first distinct ones, named in the warning */
};

struct book_index;

/* Lines set, for --stats. */
struct lstats {
	long lines;       /* lines set */
	long hyphenated;  /* lines ending in a hyphen */
	long overfull;    /* lines wider than their measure */
	double worst;     /* largest adjustment ratio of a justified line */
};

static inline void lstats_add(struct lstats *to, const struct lstats *from)
{
	to->lines += from->lines;
	to->hyphenated += from->hyphenated;
	to->overfull += from->overfull;
	if (from->worst > to->worst)
		to->worst = from->worst;
}

struct lctx {
	struct fonts *fonts;   /* borrowed */
	struct hyph *hyph;     /* borrowed; NULL: no hyphenation */
	struct arena *arena;   /* borrowed: owns every vnode item and string */
	struct diags *d;       /* borrowed */
	const char *col_text;  /* text being fed that starts at column col of its line */
	int col;               /* 1-based byte column of col_text, for messages; 0: unknown */
	struct lstats stats;   /* the lines of every counted paragraph (para.uncounted) */
	const char *split_warned; /* file already warned about words broken between letters */
	struct dg_memo *dg_memo;  /* borrowed: diagram box text kept across editions; NULL: none */
	const char *lang;      /* the book's language tag, for ICU's line breaking; NULL: root */
	void *ubrk;            /* ICU's line break iterator, made at the first text without
	                        * spaces (CJK, Thai); owned, closed by para_release */
	struct missing *missing;  /* per file, its characters no face has (para_missing):
	                           * owned, freed by para_release */
	int nmissing, capmissing;
	const struct book_index *ix; /* borrowed: the index whose terms paragraphs are marked with
	                           * as they are set (index_mark); NULL: none */
};

#endif
