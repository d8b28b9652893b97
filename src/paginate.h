/* paginate.h: the vertical list onto pages.
 *
 * Page breaks are chosen page by page among the legal breakpoints (a
 * penalty below PEN_INF, or glue after a box): the cheapest by penalty plus
 * a cost for the space left empty.  Glue and penalties at a page top are
 * dropped; a table continuing on a new page repeats its header row; a
 * chapter starts a new page, on the right-hand side in duplex. */
#ifndef HANDBOOK_PAGINATE_H
#define HANDBOOK_PAGINATE_H

#include "config.h"
#include "dlist.h"
#include "layout.h"
#include "style.h"

struct pg_marks;

struct pg_opts {
	struct page_geom g;      /* sheet and margins */
	int duplex;              /* 1: mirrored margins, chapters on odd pages */
	const char *book_title;  /* left running head */
	const struct pg_marks *marks; /* the configuration's running head and foot, confidentiality
	                          * line and watermark, or NULL: the book title and page number */
};

/* What handbook.yml adds to each page (config.h's head, foot, confidential
 * and watermark); the strings stay the caller's. */
struct pg_marks {
	const char *head;         /* the running head's outer part, a template; NULL: the book title */
	const char *foot;         /* the folio line, a template; NULL: the page number */
	const char *confidential; /* a line below the folio on every page, or NULL */
	const char *watermark;    /* large light text behind every page's text, or NULL */
	const char *vals[CFG_F__MAX]; /* config.h's fields; chapter, page and pages are set per page */
	int pages;                /* the last folio of the body, for {pages} */
	struct dl_item logo;      /* DL_IMAGE at its running-head size; any other kind: none */
};

struct pg_stats {
	int widows;            /* pages opening with a paragraph's last line */
	int orphans;           /* pages closing with a paragraph's first line */
	int stranded;          /* pages closing with a heading */
	int overfull_pages;    /* boxes taller than a page, placed anyway */
};

/* Text area width and height for the options. */
fx pg_text_width(const struct pg_opts *o);
fx pg_text_height(const struct pg_opts *o);
/* The text area's left edge on a page with this folio. */
fx pg_left(const struct pg_opts *o, int folio);

/* Appends pages for vl to out, numbering from `folio` (roman when roman is
 * set).  Returns the number of pages added. */
int paginate(const struct vlist *vl, const struct pg_opts *o, int folio, int roman,
             struct pages *out, struct pg_stats *st);

/* Adds running heads and folios to pages [from, to): the book title and the
 * chapter title above the text, the page number below; none on blank pages
 * or on a chapter's first page (its folio stays). */
void pg_decorate(struct lctx *L, const struct pg_opts *o, struct pages *p, int from, int to);

/* Writes the lower-case roman numeral of n (1..3999) into s. */
void pg_roman(int n, char *s, size_t size);

#endif
