/* bookrun.h: what book.c and its helpers (bookfront.c, bookout.c,
 * bookroles.c, bookcheck.c) share: one edition's run, the book every
 * edition of a content folder shares, and the edition table's row.
 * Private to those files. */
#ifndef HANDBOOK_BOOKRUN_H
#define HANDBOOK_BOOKRUN_H

#include "book.h"
#include "build.h"
#include "diagram.h"
#include "dlist.h"
#include "framework.h"
#include "lang.h"
#include "layout.h"
#include "model.h"
#include "paginate.h"
#include "util.h"

struct book_index;
struct since;

struct edition_desc;

/* What one edition's run holds while the stages hand their results on. */
struct run {
	const struct book_opts *o;
	const struct edition_desc *ed;
	struct content *c;
	struct diags *d;
	struct model *bk;         /* the shared book; the edition marks what it leaves out */
	const struct framework *fw;
	struct lctx L;
	const char *hyph_path;   /* the patterns' file (sh->hyph_path), or NULL */
	const char *lang;        /* the book's language (sh->lang) */
	struct pg_opts po;
	struct build_opts bopt;
	int have_dg;             /* the framework has roles to draw */
	int role, next;          /* editions: the role's chapter and the next level's (0: none) */
	struct build_out bo;     /* the body */
	struct build_out gl;     /* the handbook's levels at a glance */
	int dg_in_body;          /* role edition: the diagram is a part of the body */
	struct dg_shape dg;      /* the diagram's pages and orientation */
	struct vlist dgv;        /* role edition: the diagram's nodes (laid out by the settle loop) */
	struct vlist chv;        /* role edition: the role's chapter, after the diagram */
	struct pages body, front, all;
	struct pg_stats st;      /* of the body */
	struct vlist iv;         /* the index */
	struct book_index *ix;
	struct strmap *folios;   /* destination key -> printed page number */
	struct arena *arena;     /* every layout object of this edition */
	int nfront;              /* pages of front matter */
	char edition[96];        /* "Edition of 1 December 2026" */
	char version[96];        /* "Version 1a2b3c4", or "" */
	char date[80];           /* the edition date as the configuration formats it */
	char prepared[MODEL_MAX_TITLE + 128]; /* --for: "Prepared for NAME, DATE", or "" */
	struct pg_marks marks;   /* the configuration's head, foot, confidentiality line, watermark */
	struct dl_item logo;     /* the configured logo at its cover size when kind is DL_IMAGE */
	int year, month, day;    /* the edition date */
	int expectations;        /* review packet: worksheet rows */
	int errors_before;       /* errors in d when the edition began */
	int glance_pages;        /* handbook: the body's first pages, levels at a glance */
	int body_paginated;      /* times the body's chapters were paginated (1: the settle loop
	                          * renumbered them when the pages before them changed) */
	struct since *since;     /* --since: the changes (the shared book's), or NULL */
	char since_title[160];   /* "What changed since REV" */
};

/* One row per edition: what it holds and how it is laid out.  A new
 * edition is a row here and the functions it names. */
struct edition_desc {
	int per_role;              /* 1: the edition is about one role (o->role) */
	int contents;              /* 1: contents, journey and glance open the outline; an index closes the book */
	const char *title_kind;    /* the PDF title: the book's alone (NULL), or this, the role's and the book's */
	const char *subject;       /* the PDF's subject */
	const char *suffix;        /* its file: DIR/ROLE-NAME + suffix when no -o is given */
	void (*body)(struct run *u);     /* lays out the body into u->bo */
	void (*paginate)(struct run *u); /* u->bo onto u->body */
	void (*front)(struct run *u);    /* the front matter into u->front, page numbers known */
};

/* The book, its framework, the faces and the patterns: made once, for one
 * edition or for every role's. */
struct shared {
	struct content *c;
	struct model bk;
	struct framework fw;
	int have_fw;               /* the framework has roles to draw */
	struct dg_memo *dg_memo;   /* diagram box text, set once for every edition */
	struct since *since;       /* --since: the changes, or NULL */
	struct fonts *fonts;       /* o->fonts, or loaded here */
	struct hyph *hyph;         /* o->hyph, or loaded here; NULL: no hyphenation */
	char *hyph_path;           /* the file hyph came from (an input of the book), owned; or NULL */
	char lang[LANG_TAG_MAX + 1]; /* the book's language, normalised (lang.h) */
	const struct book_opts *o; /* what the borrowed fonts and patterns came from */
	int waited;                /* o->hyph_loading joined */
	int ready;                 /* everything above made */
};

/* book.c */
/* One edition from the shared book: select, lay out the body, paginate,
 * index, front matter, PDF.  last_use: the content may go before the PDF
 * is assembled.  Returns 0, -1 or BOOK_EROLE (book_make's). */
int book_run(const struct book_opts *o, struct shared *sh, int last_use, struct diags *d,
             struct book_result *r);
/* Frees what the edition's run holds; the next edition starts from the
 * whole book.  Called once the PDF document holds the layout, and again
 * (harmless) at the end. */
void book_run_done(struct run *u);
/* The book, framework, faces and patterns for o's editions of c; 0 or -1. */
int book_shared_init(struct shared *sh, const struct book_opts *o, struct content *c, struct diags *d);
void book_shared_done(struct shared *sh);
/* The page options of the diagram: landscape when it asks. */
struct pg_opts book_diagram_page(const struct pg_opts *po, int landscape);
/* The text areas the diagram chooses from: portrait and landscape. */
struct dg_areas book_diagram_areas(const struct pg_opts *po);
/* Copies n outline entries (from may be NULL when n is 0) to to[at...];
 * returns the new count. */
int book_append_entries(struct outline_entry *to, int at, const struct outline_entry *from, int n);

/* bookfront.c: the edition table's front matter, and then every page decorated */
void front_book(struct run *u);
void front_cover(struct run *u);
void front_matter(struct run *u);

/* bookout.c */
/* The pages to a PDF (or --dump, or nothing under --check): 0 or -1. */
int bookout_write(struct run *u, int last_use, struct book_result *r);
/* Frees the layout (it is in the PDF document once pdf_build returns). */
void bookout_release(struct run *u, struct arena **arena, struct book_index **ix, struct pages *pp[3],
                     struct build_out *gl, struct vlist *iv, struct strmap **folios);
/* The file name of role chapter chap's edition without its suffix. */
void bookout_file_name(const struct book_opts *o, const struct model *bk, const struct framework *fw,
                       const struct content *c, int chap, struct buf *out);

#endif
