/* cli.h: what the command line prints and the runs it makes besides a
 * PDF (--check, --list-roles, --watch, --version), for main.c.  These and
 * main.c are the only functions that print or decide the exit status. */
#ifndef HANDBOOK_CLI_H
#define HANDBOOK_CLI_H

#include "book.h"
#include "diagnostics.h"

#include <stdio.h>
#include <time.h>

/* The options for CI and scripts, kept together so that main only hands
 * them on. */
struct ci_opts {
	enum diag_format format; /* --diagnostics-format */
	int fail_on_warning;     /* --strict, --fail-on warning */
	int check;               /* --check */
	int list_roles, json;    /* --list-roles [--json] */
	int watch;               /* --watch */
	int version;             /* --version */
};

/* The progress line: on a terminal only, and only once a run has taken a
 * second, so quick runs and logs stay clean. */
struct progress {
	struct timespec t0; /* start of the run */
	double after;       /* seconds before the line appears */
	int shown;          /* 1: a line is on the screen and must be cleared */
};

/* Prints "handbook: MSG[: ARG]" and the hint to --help; returns exit status 2. */
int usage_error(const char *msg, const char *arg);
/* Prints text to stdout (help, version); returns the exit status. */
int print_info(const char *text, int stdout_closed);
/* The roles to choose from after a ROLE that names none or several; returns 2. */
int role_error(const char *opt, const struct book_result *r);
/* The summary line of one PDF written, with --stats its typography. */
void summary(FILE *fp, const char *path, const struct book_result *r, double ms, int quiet, int stats);
/* book_opts.progress: the progress line on a terminal. */
void show_progress(void *ctx, int files, int of, int written, int pages);
void clear_progress(struct progress *p);
/* --version, --check, --list-roles and --watch: returns the exit status. */
int ci_run(const struct ci_opts *ci, struct book_opts *o, const char *all_dir, int output_given, int quiet,
           int stdout_closed);

#endif
