/* cli.c: the command line's messages and summary, and its runs that make
 * no PDF of their own (cli.h). */
#include "cli.h"
#include "config.h"
#include "font.h"
#include "hyph.h"
#include "lang.h"
#include "messages.h"
#include "model.h"
#include "util.h"
#include "version.h"
#include "watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "handbook: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fputs("Try 'handbook --help'.\n", stderr);
	return 2;
}

/* --help and --version: their output is all they do, so failing to write
 * it (stdout closed, /dev/full) is a failure. */
int print_info(const char *text, int stdout_closed)
{
	if (!stdout_closed) {
		fputs(text, stdout);
		if (fflush(stdout) == 0 && !ferror(stdout))
			return 0;
	}
	fprintf(stderr, "handbook: cannot write to standard output: %s\n",
	        stdout_closed ? "it is closed" : strerror(errno));
	return 1;
}

/* The roles to choose from after a ROLE that names none or several. */
int role_error(const char *opt, const struct book_result *r)
{
	fprintf(stderr, "handbook: %s takes one of%s:\n", opt, r->ambiguous ? " the roles it matches" : "");
	int w = 0;
	for (int i = 0; i < r->nroles; i++)
		if ((int)strlen(r->roles[i].name) > w)
			w = (int)strlen(r->roles[i].name);
	for (int i = 0; i < r->nroles; i++) { /* names come from files: escaped like every message */
		fputs("  ", stderr);
		diag_fputs(stderr, r->roles[i].name, DIAG_HUMAN);
		fprintf(stderr, "%*s  ", w - (int)strlen(r->roles[i].name), "");
		diag_fputs(stderr, r->roles[i].title, DIAG_HUMAN);
		fputc('\n', stderr);
	}
	fputs("Try 'handbook --help'.\n", stderr);
	return 2;
}

/* The summary and --stats go to fp: stdout, or stderr when the PDF itself
 * went to stdout (-o -), which must then hold nothing else. */
void summary(FILE *fp, const char *path, const struct book_result *r, double ms, int quiet,
                    int stats)
{
	if (!quiet) {
		fputs("handbook: wrote ", fp); /* --all-roles names files after levels: escaped */
		diag_fputs(fp, strcmp(path, "-") ? path : "standard output", DIAG_HUMAN);
		fprintf(fp, ": %d pages, %d chapters, %zu bytes, %.0f ms\n", r->pages, r->chapters, r->bytes, ms);
		if (r->expectations)
			fprintf(fp, "handbook: the worksheet has %d expectations\n", r->expectations);
	}
	if (stats) {
		fprintf(fp, "pages: %d\n", r->pages);
		fprintf(fp, "lines: %ld\n", r->lines);
		fprintf(fp, "hyphenated lines: %ld\n", r->hyphenated);
		fprintf(fp, "overfull lines: %ld\n", r->overfull);
		fprintf(fp, "widows: %d\n", r->widows);
		fprintf(fp, "orphans: %d\n", r->orphans);
		fprintf(fp, "stranded headings: %d\n", r->stranded);
		fprintf(fp, "worst spacing: %.2f\n", r->worst_spacing);
		fprintf(fp, "body paginations: %d\n", r->body_paginations);
		fprintf(fp, "words in: %ld\n", r->words_in);
		fprintf(fp, "words out: %ld\n", r->words_out);
		fprintf(fp, "words left out (warned): %ld\n", r->words_warned);
		if (r->words_lost)
			fprintf(fp, "words left out (unwarned until checked): %ld\n", r->words_lost);
	}
}

void show_progress(void *ctx, int files, int of, int written, int pages)
{
	struct progress *p = ctx;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double s = (double)(now.tv_sec - p->t0.tv_sec) + (now.tv_nsec - p->t0.tv_nsec) / 1e9;
	if (s < p->after || !isatty(2))
		return;
	if (pages)
		fprintf(stderr, "\rhandbook: %d of %d files laid out, %d of %d pages written\033[K", files, of,
		        written, pages);
	else
		fprintf(stderr, "\rhandbook: %d of %d files laid out\033[K", files, of);
	fflush(stderr); /* line-buffered (main.c): a progress line has no newline */
	p->shown = 1;
}

void clear_progress(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = 0;
}

/* A JSON string, or null. */
static void put_json(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	diag_fputs(stdout, s, DIAG_JSON);
	putchar('"');
}

static int list_roles(const struct ci_opts *ci, const char *dir)
{
	struct diags d;
	diags_init(&d);
	struct book_role_info *v;
	int n, rc = book_list_roles(dir, &d, &v, &n);
	diags_print_as(&d, stderr, ci->format);
	diags_done(&d);
	if (rc != 0)
		return 1;
	if (ci->json)
		putchar('[');
	for (int i = 0; i < n; i++) {
		if (ci->json) {
			fputs(i ? ",\n {\"file\":" : "\n {\"file\":", stdout);
			put_json(v[i].file);
			fputs(",\"code\":", stdout);
			put_json(v[i].code);
			fputs(",\"title\":", stdout);
			put_json(v[i].title);
			fputs(",\"track\":", stdout);
			put_json(v[i].track);
			if (v[i].rank >= 0)
				printf(",\"rank\":%d,\"next\":", v[i].rank);
			else
				fputs(",\"rank\":null,\"next\":", stdout);
			put_json(v[i].next);
			putchar('}');
		} else {
			/* one role a line, tab-separated, "-" for nothing: for cut and while read */
			const char *f[] = { v[i].file, v[i].code, v[i].title, v[i].track };
			for (int k = 0; k < 4; k++) {
				diag_fputs(stdout, f[k] ? f[k] : "-", DIAG_HUMAN);
				putchar('\t');
			}
			if (v[i].rank >= 0)
				printf("%d\t", v[i].rank);
			else
				fputs("-\t", stdout);
			diag_fputs(stdout, v[i].next ? v[i].next : "-", DIAG_HUMAN);
			putchar('\n');
		}
	}
	if (ci->json)
		fputs(n ? "\n]\n" : "]\n", stdout);
	book_roles_free(v, n);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

static int check(const struct ci_opts *ci, const struct book_opts *o, int quiet)
{
	struct diags d;
	diags_init(&d);
	int editions;
	int rc = book_check(o, &d, &editions);
	diags_print_as(&d, stderr, ci->format);
	int failed = rc != 0 || (ci->fail_on_warning && d.warnings);
	if (!quiet && ci->format == DIAG_HUMAN)
		printf("handbook: checked %d editions: %d errors, %d warnings%s\n", editions, d.errors, d.warnings,
		       failed ? "" : ", nothing written");
	diags_done(&d);
	return failed;
}

static void clock_line(char *s, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(s, n, "%H:%M:%S", &tm);
}

/* --watch: builds, then rebuilds after every change, one line each; the
 * fonts and patterns are loaded once.  A failed build leaves the last good
 * PDF in place (pdf.c writes only a complete file).  Runs until killed. */
static int watch(const struct ci_opts *ci, struct book_opts *o, int quiet)
{
	if (!strcmp(o->content_dir, "-")) {
		fputs("handbook: --watch needs a content folder, not standard input\n", stderr);
		return 2;
	}
	struct diags d;
	diags_init(&d);
	struct watch *w = watch_new(o->content_dir);
	if (!w) {
		fprintf(stderr, "handbook: --watch: cannot watch %s: %s\n", o->content_dir, strerror(errno));
		return 1;
	}
	struct fonts *fonts = book_fonts(o, &d);
	if (!fonts) {
		diags_print_as(&d, stderr, ci->format);
		diags_done(&d);
		watch_free(w);
		return 1;
	}
	o->fonts = fonts;
	/* the patterns of --lang (or the default language) once; book.c loads
	 * others when the README's `lang:` asks for them */
	char tag[LANG_TAG_MAX + 1];
	const char *pkg;
	char *hp = lang_normalize(o->lang ? o->lang : LANG_DEFAULT, tag) == 0 ? lang_hyph_find(LANG_HYPH_DIR, tag, &pkg)
	                                                                      : NULL;
	o->hyph = hp ? hyph_new(hp) : NULL;
	o->hyph_dict = o->hyph ? hp : NULL;
	o->progress = NULL;
	for (int n = 0;; n++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		struct book_result r;
		diags_init(&d);
		int rc = book_make(o, &d, &r);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		diags_print_as(&d, stderr, ci->format);
		char now[16];
		clock_line(now, sizeof(now));
		if (rc == 0 && !quiet)
			printf("handbook: %s %s %s: %d pages, %d warnings, %.0f ms\n", now, n ? "rebuilt" : "built",
			       r.path ? r.path : o->output, r.pages, d.warnings, ms);
		else if (rc != 0)
			printf("handbook: %s %d errors; kept the last good PDF\n", now, d.errors);
		fflush(stdout);
		book_result_done(&r);
		diags_done(&d);
		if (watch_wait(w, WATCH_SETTLE_MS) != 0)
			break;
	}
	fprintf(stderr, "handbook: --watch: watching %s failed: %s\n", o->content_dir, strerror(errno));
	watch_free(w);
	hyph_free(o->hyph);
	free(hp);
	fonts_free(fonts);
	return 1;
}

/* --version, --check, --list-roles and --watch: returns the exit status. */
int ci_run(const struct ci_opts *ci, struct book_opts *o, const char *all_dir, int output_given,
                  int quiet, int stdout_closed)
{
	if (ci->version) {
		struct buf b;
		buf_init(&b);
		buf_addf(&b, "handbook %s\n", HANDBOOK_VERSION);
		version_describe(&b, o->fonts_dir);
		int rc = print_info(buf_cstr(&b), stdout_closed);
		buf_done(&b);
		return rc;
	}
	if (ci->check + ci->list_roles + ci->watch > 1)
		return usage_error("--check, --list-roles and --watch exclude each other", NULL);
	if ((ci->check || ci->list_roles) && (all_dir || o->edition != ED_HANDBOOK || output_given))
		return usage_error("--check and --list-roles write no PDF; they take no edition or --output", NULL);
	if (ci->watch && all_dir)
		return usage_error("--watch makes one PDF; it does not take --all-roles", NULL);
	if (ci->check)
		return check(ci, o, quiet);
	if (ci->list_roles)
		return list_roles(ci, o->content_dir);
	return watch(ci, o, quiet);
}
