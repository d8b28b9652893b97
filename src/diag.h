/* diag.h: diagnostics collected during a run.
 *
 * Stages add diagnostics and return -1 on failure; only main.c prints them,
 * as `FILE:LINE: warning: TEXT` (or `error:`), in the order they were added. */
#ifndef HANDBOOK_DIAG_H
#define HANDBOOK_DIAG_H

enum diag_sev { DIAG_WARNING, DIAG_ERROR, DIAG__MAX };

struct diag {
	enum diag_sev sev;
	char *file; /* owned; NULL when the message concerns no file */
	int line;   /* 1-based; 0 when unknown */
	char *text; /* owned */
};

struct diags {
	struct diag *v; /* owned array */
	int n, cap;
	int errors;     /* how many of v are errors */
	int quiet_dups; /* internal: suppressed duplicates */
};

void diags_init(struct diags *d);
void diags_done(struct diags *d);
void diag_add(struct diags *d, enum diag_sev sev, const char *file, int line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define diag_warn(d, f, l, ...) diag_add((d), DIAG_WARNING, (f), (l), __VA_ARGS__)
#define diag_error(d, f, l, ...) diag_add((d), DIAG_ERROR, (f), (l), __VA_ARGS__)

/* Writes every diagnostic to fp in the `FILE:LINE: severity: text` form. */
#include <stdio.h>
void diags_print(const struct diags *d, FILE *fp);

#endif
