/* book.h: one run of the whole pipeline, load -> parse -> layout -> PDF.
 *
 * book_make is what main.c, the tests and the fuzzer call.  It returns 0
 * when a PDF was written (warnings allowed) and -1 when none could be
 * (errors in d); an existing output file is then left untouched. */
#ifndef HANDBOOK_BOOK_H
#define HANDBOOK_BOOK_H

#include <stddef.h>

#include "diag.h"
#include "style.h"

struct book_opts {
	const char *content_dir;   /* the framework */
	const char *fonts_dir;     /* the faces named in font.c */
	const char *output;        /* PDF path; NULL: keep the bytes in memory only */
	const char *hyph_dict;     /* pattern file; NULL: no hyphenation */
	enum paper paper;
	int duplex;                /* mirrored margins, chapters on odd pages */
	const char *org;           /* organisation, overriding the README's */
	int year, month, day;      /* edition date; 0: today */
	const char *version;       /* content version line ("1a2b3c4+dirty"), or NULL */
	struct fonts *fonts;       /* faces already loaded (borrowed), or NULL: load from fonts_dir */
	struct hyph *hyph;         /* patterns already loaded (borrowed), or NULL: load hyph_dict */
};

struct book_result {
	int pages;              /* pages in the PDF */
	int chapters;           /* README and levels */
	size_t bytes;           /* size of the PDF */
	char *pdf;              /* with output NULL: the PDF bytes, malloc'd; else NULL */
	long lines;             /* lines set */
	long hyphenated;        /* lines ending in a hyphen */
	long overfull;          /* lines wider than their measure */
	double worst_spacing;   /* largest adjustment ratio of a justified line */
	int widows, orphans, stranded;
};

int book_make(const struct book_opts *o, struct diags *d, struct book_result *r);

/* The same from content already loaded (content_init/content_add_text);
 * o->content_dir is ignored.  The content stays the caller's. */
struct content;
int book_make_from(const struct book_opts *o, struct content *c, struct diags *d,
                   struct book_result *r);

/* The handbook's version, for --version and the PDF's Creator. */
#define HANDBOOK_VERSION "0.1.0"

#endif
