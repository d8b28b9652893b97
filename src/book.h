/* book.h: one run of the whole pipeline, load -> parse -> layout -> PDF.
 *
 * book_make is what main.c, the tests and the fuzzer call.  It returns 0
 * when a PDF was written (warnings allowed), -1 when none could be (errors
 * in d; an existing output file is then left untouched), and BOOK_EROLE
 * when the edition's ROLE names no single role: r->roles then lists the
 * roles to choose from, for a usage message. */
#ifndef HANDBOOK_BOOK_H
#define HANDBOOK_BOOK_H

#include <stddef.h>
#include <stdio.h>

#include "diagnostics.h"
#include "edition.h"
#include "style.h"

struct config;

#define BOOK_EROLE (-2)

struct history;

struct book_opts {
	const char *content_dir;   /* the framework */
	const char *fonts_dir;     /* the faces named in font.c */
	const char *output;        /* PDF path; NULL: out_dir, else keep the bytes in memory only */
	const char *out_dir;       /* with output NULL and an edition: write DIR/NAME.pdf, NAME the
	                            * role's level file name ("-review" added for the packet) */
	const char *lang;          /* the book's language, a BCP 47 tag ("de", "pt-BR") set by --lang
	                            * or a config file; NULL: the README's front matter `lang:`,
	                            * else LANG_DEFAULT (lang.h).  It picks the hyphenation patterns */
	const char *hyph_dict;     /* the pattern file of lang (of LANG_DEFAULT when lang is NULL),
	                            * when the caller found it (and maybe loaded it into hyph);
	                            * NULL: book.c finds it */
	int no_hyph;               /* no hyphenation at all (nothing is laid out) */
	int pdf_standard;          /* enum pdf_standard (pdf.h); 0: PDF/A-2a with PDF/UA-1 */
	enum paper paper;
	int duplex;                /* mirrored margins, chapters on odd pages */
	const char *org;           /* organisation, overriding the README's */
	int year, month, day;      /* edition date; 0: today */
	const char *version;       /* content version line ("1a2b3c4+dirty"), or NULL */
	/* or, when set, called once per book just before the front matter: it
	 * may fill in the date (when 0) and the version, so that finding them
	 * (main.c asks Git) runs while the book is laid out */
	void (*stamp)(void *ctx, int *year, int *month, int *day, const char **version);
	void *stamp_ctx;
	struct fonts *fonts;       /* faces already loaded (borrowed), or NULL: load from fonts_dir */
	struct hyph *hyph;         /* hyph_dict's patterns already loaded (borrowed), or NULL.  Unused
	                            * when the README's `lang:` asks for others */
	struct hyph_loader *hyph_loading; /* or patterns loading on another thread: book_make_from
	                            * waits for them only when layout begins, and frees them */
	enum edition_kind edition; /* ED_HANDBOOK (the default), ED_ROLE or ED_REVIEW */
	/* called as the run goes: files laid out of files, then pages written of
	 * pages (both 0 until pagination); may be NULL.  main.c shows it on a
	 * terminal. */
	void (*progress)(void *ctx, int files, int of, int written, int pages);
	void *progress_ctx;
	const char *role;          /* the role of an edition: a name edition_find_role knows */
	int role_chapter;         /* set by --all-roles: the role's chapter, found already (0: none) */
	int no_pdf;                /* lay every page out, then stop: no PDF is built or
	                            * written (--check); r->pages is still set */
	const struct history *since; /* --since: the content at the earlier revision, already
	                            * read (history_wait returned 0), borrowed; NULL: none */
	int flat;                  /* review packet: the worksheet without form fields (--flat) */
	const struct config *config; /* handbook.yml and the command line's overrides (config.h),
	                            * or NULL: the defaults and the fields above */
	int jobs;                  /* --all-roles: worker processes; 0: one per CPU (at most 4) */
	FILE *dump;                /* when set: the final pages as text (dump.h) go here instead of
	                            * a PDF, and no file is written (--dump, the golden tests) */
};

/* A role to choose from, for the message of a BOOK_EROLE run. */
struct book_role {
	char *name;   /* the level file's name without ".md", owned */
	char *title;  /* "L4: Support Manager", owned */
};

struct book_result {
	int pages;              /* pages in the PDF */
	int chapters;           /* chapters in the PDF (README and levels, made ones not counted) */
	size_t bytes;           /* size of the PDF */
	char *pdf;              /* with no file written: the PDF bytes, malloc'd; else NULL */
	char *path;             /* the file written, malloc'd, or NULL */
	long lines;             /* lines set */
	long hyphenated;        /* lines ending in a hyphen */
	long overfull;          /* lines wider than their measure */
	double worst_spacing;   /* largest adjustment ratio of a justified line */
	int widows, orphans, stranded;
	int body_paginations;   /* times the body's chapters were paginated: 1, as the settle loop
	                         * renumbers them when the pages before them change (settle.h) */
	int expectations;       /* review packet: worksheet rows */
	long words_in;          /* words of the chapters the edition holds whole (words.h) */
	long words_out;         /* of them, found in order on the pages */
	long words_warned;      /* left out where a warning names the place */
	long words_lost;        /* left out unwarned until the check warned: a bug; the fuzzer aborts */
	struct book_role *roles; /* BOOK_EROLE: the roles that matched (ambiguous) or all (unknown) */
	int nroles;
	int ambiguous;          /* BOOK_EROLE: 1 when several roles matched */
};

int book_make(const struct book_opts *o, struct diags *d, struct book_result *r);

/* The same from content already loaded (content_init/content_add_text);
 * o->content_dir is ignored.  The content stays the caller's; its ASTs are
 * the same after the call as before. */
struct content;
int book_make_from(const struct book_opts *o, struct content *c, struct diags *d,
                   struct book_result *r);

/* One role edition per level into dir (made when missing), each named
 * after its level file, from one load of the content, fonts and patterns.
 * Returns 0 when every PDF was written, else -1 (errors in d).  *res is a
 * malloc'd array of *nres results, one per role attempted, each with its
 * path; free each with book_result_done, then the array. */
int book_make_all_roles(const struct book_opts *o, const char *dir, struct diags *d,
                        struct book_result **res, int *nres);

/* What the framework model infers from the content (explain.h), as text
 * in *text (malloc'd).  Returns 0, or -1 with errors in d. */
int book_explain(const struct book_opts *o, struct diags *d, char **text);

/* --check: every edition's inputs, from one load of the content, fonts and
 * patterns: the handbook, then each role's role edition and review packet,
 * each laid out in full but never made into a PDF.  o->output, out_dir and
 * edition are ignored.  Returns 0 when no edition had an error, else -1;
 * *editions is how many were laid out. */
int book_check(const struct book_opts *o, struct diags *d, int *editions);

/* One role as --list-roles shows it. */
struct book_role_info {
	char *file;    /* level file name, "L4-Support-Manager.md", owned */
	char *code;    /* level code "L4", or NULL, owned */
	char *title;   /* role title without its code, owned */
	char *track;   /* track name, or NULL, owned */
	int rank;      /* the level number (L4 -> 4), -1 when the role has no code */
	char *next;    /* the next level's file in the track, or NULL, owned */
};

/* The roles of the framework in book order, with what the career journey
 * knows of them.  Returns 0 with a malloc'd array in *v (free with
 * book_roles_free), or -1 with errors in d. */
int book_list_roles(const char *content_dir, struct diags *d, struct book_role_info **v, int *n);
void book_roles_free(struct book_role_info *v, int n);

/* The faces of o: the bundled ones from o->fonts_dir, or those
 * o->config chooses (font.h fonts_new_from).  NULL with an error in d. */
struct fonts;
struct fonts *book_fonts(const struct book_opts *o, struct diags *d);

/* Frees what a result owns. */
void book_result_done(struct book_result *r);

/* The handbook's version, for --version and the PDF's Creator. */
#define HANDBOOK_VERSION "0.1.0"

#endif
