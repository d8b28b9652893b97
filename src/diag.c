/* diag.c: the diagnostic list.  Identical messages (same file, line and text)
 * are kept once, so a stage may report freely from inside a loop. */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Past this many diagnostics the rest are counted, not kept: a hostile file
 * must not make the run slow or its output unreadable. */
#define DIAG_MAX 500

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void diags_done(struct diags *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].text);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void diag_add(struct diags *d, enum diag_sev sev, const char *file, int line,
              const char *fmt, ...)
{
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_adds(&b, tmp);
	if (sev == DIAG_ERROR)
		d->errors++;
	/* recent duplicates only: enough for per-line loops, linear overall */
	for (int i = d->n - 1; i >= 0 && i >= d->n - 16; i--) {
		struct diag *o = &d->v[i];
		if (o->sev == sev && o->line == line && !strcmp(o->text, b.data) &&
		    ((!o->file && !file) || (o->file && file && !strcmp(o->file, file)))) {
			buf_done(&b);
			return;
		}
	}
	if (d->n >= DIAG_MAX) {
		d->quiet_dups++;
		buf_done(&b);
		return;
	}
	GROW(d->v, d->cap, d->n + 1);
	d->v[d->n].sev = sev;
	d->v[d->n].file = file ? xstrdup(file) : NULL;
	d->v[d->n].line = line;
	d->v[d->n].text = buf_detach(&b);
	d->n++;
}

void diags_print(const struct diags *d, FILE *fp)
{
	static const char *sevname[DIAG__MAX] = { "warning", "error" };
	for (int i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		if (g->file && g->line > 0)
			fprintf(fp, "%s:%d: %s: %s\n", g->file, g->line, sevname[g->sev], g->text);
		else if (g->file)
			fprintf(fp, "%s: %s: %s\n", g->file, sevname[g->sev], g->text);
		else
			fprintf(fp, "handbook: %s: %s\n", sevname[g->sev], g->text);
	}
	if (d->quiet_dups)
		fprintf(fp, "handbook: %d more diagnostics not shown\n", d->quiet_dups);
}
