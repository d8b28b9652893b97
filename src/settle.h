/* settle.h: page-number references, settled by one loop.
 *
 * A run of pages (the body, the front matter) is a sequence of parts.  A
 * part whose layout prints page numbers (the contents, the levels at a
 * glance, the career journey, the index) gives a layout callback: folio
 * map in, vertical list out.  A part that prints none (the chapters)
 * gives its vertical list once.  settle_run paginates the parts in order,
 * collects every destination's printed page number, lays out again the
 * parts that depend on numbers, and repeats until no part's page count
 * changes.  In the first pass each dependent part reads the numbers with
 * the pages of the dependent parts before it; a part whose every lookup
 * in folios would answer as at its last layout is not laid out again (a
 * layout is a function of the numbers it reads).
 *
 * A part that marks where its page numbers are read (the index's terms on
 * the chapters) gives a `paged` callback, which turns the marks on its
 * fresh pages into destinations.
 *
 * A part laid out once is paginated once where its first folio keeps the
 * page's side (always in simplex; an even shift in duplex): when a part
 * before it grows, its pages are renumbered, not broken again.
 *
 * Usage:
 *   struct settle_part p[2] = { 0 };
 *   p[0].layout = glance_layout, p[0].ctx = u, p[0].vl = &gl.vl, p[0].po = &po;
 *   p[1].vl = &chapters, p[1].po = &po, p[1].odd = 1, p[1].stats = 1;
 *   settle_run(p, 2, 1, folios, &st);     then p[i].pages, p[i].folio
 *   settle_done(p, 2);                    frees the parts' pages */
#ifndef HANDBOOK_SETTLE_H
#define HANDBOOK_SETTLE_H

#include "dlist.h"
#include "paginate.h"
#include "util.h"

/* Passes of the loop at most: a part's numbers change its length by a
 * line at a time, and each pass lays out with the lengths of the last; two
 * passes settle every content seen, four leave room for a length that
 * tips back (the old contents and glance loops used four).  An unsettled
 * run keeps the last pass's numbers. */
#define SETTLE_MAX_PASSES 4

struct settle_part {
	/* Lays the part out into *vl (emptied first by the callback) with
	 * folios: destination key -> printed page number, negative on a roman
	 * page.  NULL: *vl is laid out already and depends on no number. */
	void (*layout)(void *ctx, const struct strmap *folios, struct vlist *vl);
	/* Called each time the part's nodes are broken into pages (not when
	 * they are only renumbered), before their destinations are collected:
	 * the chapters' index marks become destinations here, so that the
	 * index's layout finds their numbers in folios.  NULL: nothing. */
	void (*paged)(void *ctx, struct pages *pages);
	void *ctx;                 /* of layout and paged */
	struct vlist *vl;          /* the part's nodes; the caller's */
	const struct pg_opts *po;  /* its page options (the journey's may be landscape) */
	int roman;                 /* 1: numbered i, ii, ... */
	int odd;                   /* duplex: begins on a right-hand page, after a blank when needed */
	int stats;                 /* 1: counted in settle_run's pg_stats */
	/* set by settle_run */
	struct pages pages;        /* its pages, a blank before it included */
	int blank;                 /* 1: a blank page before it (duplex), at folio - 1 */
	int folio;                 /* the folio of its first page */
	int paginated;             /* times it was paginated (the test of "once") */
	struct pg_stats st;        /* of its last pagination */
	int laid;                  /* times layout was called */
	struct strmap_log reads;   /* the numbers its last layout read (freed by settle_run) */
};

/* Paginates parts p[0..n) from folio `folio` until their page numbers
 * settle (at most SETTLE_MAX_PASSES), adding every destination of their
 * pages to folios (which may hold others' already, e.g. the body's for the
 * front matter).  The parts' layouts are called with folios.  When st is
 * not NULL it receives the sum of the stats of the parts with stats set.
 * Returns the passes it took. */
int settle_run(struct settle_part *p, int n, int folio, struct strmap *folios, struct pg_stats *st);

/* Moves the parts' pages, in order, to the end of out. */
void settle_take(struct settle_part *p, int n, struct pages *out);

/* Frees what settle_run made (the parts' pages). */
void settle_done(struct settle_part *p, int n);

/* Adds each destination on pages [from, to) of p to m: key -> printed page
 * number, negative on a roman page. */
void settle_collect(const struct pages *p, int from, int to, struct strmap *m);

/* Moves the nodes vl[at..] to the end of out (a table row's header index
 * follows them): the nodes a part owns, cut from a list built in one go. */
void settle_cut(struct vlist *vl, int at, struct vlist *out);

#endif
