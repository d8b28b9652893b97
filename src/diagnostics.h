/* diagnostics.h: diagnostics collected during a run.
 *
 * Stages add diagnostics and return -1 on failure; only main.c prints them,
 * in the order they were added, in one of three formats:
 *
 *   human   FILE:LINE:COLUMN: warning: TEXT [HB203]     (or error:)
 *   json    {"file":..,"line":..,"column":..,"severity":..,"code":..,"message":..,"count":..}
 *   github  ::warning file=FILE,line=LINE,col=COLUMN,title=HB203::TEXT
 *
 * Each message has a stable code found from its format string (the table in
 * diagnostics.c), so call sites never name codes.  Messages with the same file,
 * severity, code and text are printed once with their count.  Control
 * characters in file names and text are escaped the way each format needs,
 * so a file name can never forge a line of the log. */
#ifndef HANDBOOK_DIAGNOSTICS_H
#define HANDBOOK_DIAGNOSTICS_H

#include <stdio.h>

enum diag_sev { DIAG_WARNING, DIAG_ERROR, DIAG__MAX };

enum diag_format { DIAG_HUMAN, DIAG_JSON, DIAG_GITHUB, DIAG_FORMAT__MAX };

struct diag {
	enum diag_sev sev;
	char *file;       /* owned; NULL when the message concerns no file */
	int line;         /* 1-based; 0 when unknown */
	int col;          /* 1-based byte column in the line; 0 when unknown */
	const char *code; /* "HB203", static; "HB000" for a format the table lacks */
	char *text;       /* owned */
	int count;        /* times reported at this place (identical repeats merged) */
};

struct strmap;

struct diags {
	struct diag *v; /* owned array */
	int n, cap;
	int errors;     /* how many errors were reported (repeats included) */
	int warnings;   /* how many warnings were reported (repeats included) */
	int quiet_dups; /* internal: diagnostics past DIAG_MAX, counted only */
	struct strmap *seen; /* internal: identity -> index, made by diags_merge */
};

void diags_init(struct diags *d);
void diags_done(struct diags *d);

/* Adds a diagnostic at FILE:LINE:COL (0: unknown).  fmt must be a string
 * literal listed in diagnostics.c's code table (tests/e2e/ci.sh checks). */
void diag_add_at(struct diags *d, enum diag_sev sev, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define diag_add(d, sev, f, l, ...) diag_add_at((d), (sev), (f), (l), 0, __VA_ARGS__)
#define diag_warn(d, f, l, ...) diag_add_at((d), DIAG_WARNING, (f), (l), 0, __VA_ARGS__)
#define diag_error(d, f, l, ...) diag_add_at((d), DIAG_ERROR, (f), (l), 0, __VA_ARGS__)
#define diag_warn_at(d, f, l, c, ...) diag_add_at((d), DIAG_WARNING, (f), (l), (c), __VA_ARGS__)
#define diag_error_at(d, f, l, c, ...) diag_add_at((d), DIAG_ERROR, (f), (l), (c), __VA_ARGS__)

/* Copies into d every diagnostic of from that d does not hold yet (same
 * severity, place and text), with its code and count: for runs whose
 * messages overlap, such as one edition per role. */
void diags_merge(struct diags *d, const struct diags *from);

/* Appends every diagnostic of d to out as bytes diags_unpack reads back:
 * for a forked worker's messages (par_fork). */
struct buf;
void diags_pack(const struct diags *d, struct buf *out);
/* Adds to d the diagnostics packed at *p (moved past them), as diags_merge
 * would.  Returns 0, or -1 when the bytes up to end are not a pack. */
int diags_unpack(struct diags *d, const char **p, const char *end);
/* The code of a format string, "HB000" when the table lacks it. */
const char *diag_code(const char *fmt);

/* Writes every diagnostic to fp in the `FILE:LINE:COL: severity: text [CODE]` form. */
void diags_print(const struct diags *d, FILE *fp);
void diags_print_as(const struct diags *d, FILE *fp, enum diag_format f);

/* Writes s with its control characters escaped as format f needs (for
 * JSON: the inside of a string). */
void diag_fputs(FILE *fp, const char *s, enum diag_format f);

/* "human", "json" or "github" -> the format; -1 for any other name. */
int diag_format_named(const char *name);

#endif
