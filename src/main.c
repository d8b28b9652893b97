/* main.c: the command line.  The only file that prints or exits.
 *
 *   handbook [OPTIONS] [CONTENT_DIR]
 *
 * Exit status: 0 when the PDF was written (warnings allowed), 1 when it
 * could not be, 2 for a usage error. */
#include "book.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char usage_text[] =
	"usage: handbook [OPTIONS] [CONTENT_DIR]\n"
	"Turns a career framework written as Markdown (CONTENT_DIR, default ./content)\n"
	"into a print-quality PDF handbook, or one of its editions.\n"
	"\n"
	"Editions (default: the whole handbook):\n"
	"      --role ROLE       one role for a candidate: how the team works, the career\n"
	"                        journey with the role marked, the role's chapter\n"
	"      --all-roles DIR   a role edition for every role, written to DIR/NAME.pdf\n"
	"      --review ROLE     a review packet: the role and the next level, what changes,\n"
	"                        a worksheet; double-sided unless --simplex\n"
	"  ROLE is a level file's name (L4-Support-Manager), its title, or its level\n"
	"  code (L2) when only one role has it.\n"
	"\n"
	"  -o, --output FILE     where to write the PDF (default: handbook.pdf; for --role\n"
	"                        NAME.pdf, for --review NAME-review.pdf, NAME the level file's)\n"
	"      --paper a4|letter page size (default a4)\n"
	"      --duplex          double-sided: mirrored margins, chapters on right-hand pages\n"
	"      --simplex         single-sided (the default but for --review)\n"
	"      --date YYYY-MM-DD edition date (default: SOURCE_DATE_EPOCH, else the\n"
	"                        content's latest commit, else today)\n"
	"      --org NAME        organisation on the title page and in the metadata\n"
	"      --lang LANG       hyphenation patterns (default en-US)\n"
	"      --fonts DIR       folder of the bundled fonts\n"
	"      --stats           print typographic statistics after the summary\n"
	"      --dump            print the laid-out pages as text instead of writing a PDF\n"
	"                        (for tests: no Git version line; date from --date)\n"
	"  -q, --quiet           no summary line\n"
	"      --help            this text\n"
	"      --version         the program's version\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "handbook: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fputs("Try 'handbook --help'.\n", stderr);
	return 2;
}

/* A command running beside the build; its output is read when needed. */
struct child {
	pid_t pid;   /* 0: not running */
	int fd;      /* read end of its standard output */
};

/* Starts argv (no shell) with stdout to a pipe and stderr to /dev/null.
 * posix_spawn, not fork: the child shares our memory until it execs, so
 * starting it costs no copy of the page tables. */
static void spawn(struct child *c, char *const argv[])
{
	int fd[2];
	c->pid = 0;
	if (pipe(fd) != 0)
		return;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return;
	}
	c->pid = pid;
	c->fd = fd[0];
}

/* Waits for c and returns its first output line, or NULL when it failed. */
static char *reap(struct child *c)
{
	if (!c->pid)
		return NULL;
	struct buf b;
	buf_init(&b);
	char tmp[512];
	ssize_t k;
	while ((k = read(c->fd, tmp, sizeof(tmp))) > 0 || (k < 0 && errno == EINTR))
		if (k > 0 && b.len < 4096)
			buf_add(&b, tmp, (size_t)k);
	close(c->fd);
	int status = 0;
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	c->pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		buf_done(&b);
		return NULL;
	}
	buf_cstr(&b);
	char *nl = strchr(b.data, '\n');
	if (nl)
		*nl = 0;
	return buf_detach(&b);
}

/* What Git says about the content folder: asked when the run starts, read
 * only when the title page needs it, so Git runs while the book is laid out. */
struct stamp {
	struct child rev, status, log;
	int collected;
	char *version;         /* "1a2b3c4", "1a2b3c4+dirty", or NULL outside Git */
	int year, month, day;  /* the content's last commit; 0 when not asked or unknown */
};

static void date_from_epoch(long long t, int *y, int *m, int *d);

static void stamp_start(struct stamp *s, const char *dir, int want_date)
{
	memset(s, 0, sizeof(*s));
	char *rev[] = { "git", "-C", (char *)dir, "rev-parse", "--short", "HEAD", NULL };
	char *st[] = { "git", "-C", (char *)dir, "status", "--porcelain", "--", ".", NULL };
	char *log[] = { "git", "-C", (char *)dir, "log", "-1", "--format=%ct", "--", ".", NULL };
	spawn(&s->rev, rev);
	spawn(&s->status, st);
	if (want_date)
		spawn(&s->log, log);
}

static void stamp_collect(struct stamp *s)
{
	if (s->collected)
		return;
	s->collected = 1;
	char *h = reap(&s->rev), *dirty = reap(&s->status), *ct = reap(&s->log);
	if (h && *h) {
		s->version = xmalloc(strlen(h) + 8);
		sprintf(s->version, "%s%s", h, dirty && *dirty ? "+dirty" : "");
	}
	if (ct && *ct)
		date_from_epoch(strtoll(ct, NULL, 10), &s->year, &s->month, &s->day);
	free(h);
	free(dirty);
	free(ct);
}

/* book_opts.stamp: the edition date when none was given, and the version. */
static void stamp_get(void *ctx, int *y, int *m, int *d, const char **version)
{
	struct stamp *s = ctx;
	stamp_collect(s);
	if (!*y && s->year) {
		*y = s->year;
		*m = s->month;
		*d = s->day;
	}
	*version = s->version;
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3)
		return -1;
	return *y >= 1900 && *y <= 9999 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31 ? 0 : -1;
}

static void date_from_epoch(long long t, int *y, int *m, int *d)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* The folder of the bundled fonts: --fonts, $HANDBOOK_FONTS, next to the
 * program (build/handbook and build/asan/handbook -> fonts/), where make
 * install puts them, ./fonts. */
static char *find_fonts(const char *opt)
{
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("HANDBOOK_FONTS");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			static const char *const rel[] = { "/../fonts", "/../share/handbook/fonts", "/fonts",
				                               "/../../fonts" };
			for (int i = 0; i < 4; i++) {
				struct buf b;
				buf_init(&b);
				buf_adds(&b, exe);
				buf_adds(&b, rel[i]);
				buf_adds(&b, "/NotoSans-Regular.ttf");
				if (access(b.data, R_OK) == 0) {
					b.len -= strlen("/NotoSans-Regular.ttf");
					b.data[b.len] = 0;
					return buf_detach(&b);
				}
				buf_done(&b);
			}
		}
	}
	return xstrdup("fonts");
}

static char *hyph_path(const char *lang)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "/usr/share/hyphen/hyph_");
	for (const char *p = lang; *p; p++)
		buf_addc(&b, *p == '-' ? '_' : *p);
	buf_adds(&b, ".dic");
	return buf_detach(&b);
}

/* A closed stdout or a file-size limit must end in a message, not a kill:
 * with these ignored, the write fails and pdf.c reports it. */
static void ignore_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

enum { OPT_PAPER = 256, OPT_DUPLEX, OPT_SIMPLEX, OPT_DATE, OPT_ORG, OPT_LANG, OPT_FONTS, OPT_STATS,
       OPT_HELP, OPT_VERSION, OPT_ROLE, OPT_ALL_ROLES, OPT_REVIEW };
enum { OPT_DUMP = 512 };

/* The roles to choose from after a ROLE that names none or several. */
static int role_error(const char *opt, const struct book_result *r)
{
	fprintf(stderr, "handbook: %s takes one of%s:\n", opt, r->ambiguous ? " the roles it matches" : "");
	int w = 0;
	for (int i = 0; i < r->nroles; i++)
		if ((int)strlen(r->roles[i].name) > w)
			w = (int)strlen(r->roles[i].name);
	for (int i = 0; i < r->nroles; i++)
		fprintf(stderr, "  %-*s  %s\n", w, r->roles[i].name, r->roles[i].title);
	fputs("Try 'handbook --help'.\n", stderr);
	return 2;
}

static void summary(const char *path, const struct book_result *r, double ms, int quiet, int stats)
{
	if (!quiet) {
		printf("handbook: wrote %s: %d pages, %d chapters, %zu bytes, %.0f ms\n", path, r->pages,
		       r->chapters, r->bytes, ms);
		if (r->expectations)
			printf("handbook: the worksheet has %d expectations\n", r->expectations);
	}
	if (stats) {
		printf("pages: %d\n", r->pages);
		printf("lines: %ld\n", r->lines);
		printf("hyphenated lines: %ld\n", r->hyphenated);
		printf("overfull lines: %ld\n", r->overfull);
		printf("widows: %d\n", r->widows);
		printf("orphans: %d\n", r->orphans);
		printf("stranded headings: %d\n", r->stranded);
		printf("worst spacing: %.2f\n", r->worst_spacing);
	}
}

/* The progress line: on a terminal only, and only once a run has taken a
 * second, so quick runs and logs stay clean. */
struct progress {
	struct timespec t0; /* start of the run */
	double after;       /* seconds before the line appears */
	int shown;          /* 1: a line is on the screen and must be cleared */
};

static void show_progress(void *ctx, int files, int of, int written, int pages)
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
	p->shown = 1;
}

static void clear_progress(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "paper", required_argument, NULL, OPT_PAPER },
		{ "duplex", no_argument, NULL, OPT_DUPLEX },
		{ "simplex", no_argument, NULL, OPT_SIMPLEX },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "all-roles", required_argument, NULL, OPT_ALL_ROLES },
		{ "review", required_argument, NULL, OPT_REVIEW },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "org", required_argument, NULL, OPT_ORG },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "fonts", required_argument, NULL, OPT_FONTS },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "dump", no_argument, NULL, OPT_DUMP },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct book_opts o;
	memset(&o, 0, sizeof(o));
	o.output = "handbook.pdf";
	o.paper = PAPER_A4;
	const char *lang = "en-US", *fonts_opt = NULL, *all_dir = NULL, *edition_opt = NULL;
	int quiet = 0, stats = 0, c, sides = -1, output_given = 0;
	ignore_signals();
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!*optarg)
				return usage_error("--output needs a file name", NULL);
			o.output = optarg;
			output_given = 1;
			break;
		case OPT_ROLE:
		case OPT_REVIEW:
		case OPT_ALL_ROLES:
			if (edition_opt)
				return usage_error("--role, --review and --all-roles exclude each other", NULL);
			if (!*optarg)
				return usage_error(c == OPT_ALL_ROLES ? "--all-roles needs a folder"
				                                      : "--role and --review need a ROLE", NULL);
			edition_opt = c == OPT_ROLE ? "--role" : c == OPT_REVIEW ? "--review" : "--all-roles";
			if (c == OPT_ALL_ROLES) {
				all_dir = optarg;
			} else {
				o.edition = c == OPT_ROLE ? ED_ROLE : ED_REVIEW;
				o.role = optarg;
			}
			break;
		case OPT_PAPER:
			if (!strcmp(optarg, "a4") || !strcmp(optarg, "A4"))
				o.paper = PAPER_A4;
			else if (!strcmp(optarg, "letter"))
				o.paper = PAPER_LETTER;
			else
				return usage_error("--paper takes a4 or letter, not", optarg);
			break;
		case OPT_DUPLEX:
			sides = 2;
			break;
		case OPT_SIMPLEX:
			sides = 1;
			break;
		case OPT_DATE:
			if (parse_date(optarg, &o.year, &o.month, &o.day) != 0)
				return usage_error("--date takes YYYY-MM-DD, not", optarg);
			break;
		case OPT_ORG:
			o.org = optarg;
			break;
		case OPT_LANG:
			lang = optarg;
			break;
		case OPT_FONTS:
			fonts_opt = optarg;
			break;
		case OPT_STATS:
			stats = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_DUMP: /* the dump is the output: no summary line in it */
			o.dump = stdout;
			quiet = 1;
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 0;
		case OPT_VERSION:
			printf("handbook %s\n", HANDBOOK_VERSION);
			return 0;
		case ':':
			return usage_error("option needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error("more than one content folder given", argv[optind + 1]);
	if (all_dir && output_given)
		return usage_error("--all-roles names its files itself; it takes no --output", NULL);
	/* a review packet is printed for a meeting: double-sided unless asked otherwise */
	o.duplex = sides < 0 ? o.edition == ED_REVIEW : sides == 2;
	if (o.edition != ED_HANDBOOK && !output_given) {
		o.output = NULL;
		o.out_dir = ".";
	}
	o.content_dir = optind < argc ? argv[optind] : "content";
	for (const char *p = lang; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '_'))
			return usage_error("--lang takes a language tag such as en-US, not", lang);

	/* edition date: --date, SOURCE_DATE_EPOCH, the content's last commit, today */
	if (!o.year) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		char *end;
		if (sde && *sde) {
			long long t = strtoll(sde, &end, 10);
			if (*end || t < 0)
				return usage_error("SOURCE_DATE_EPOCH is not a number of seconds", sde);
			date_from_epoch(t, &o.year, &o.month, &o.day);
		}
	}
	/* Git answers while the book is laid out (the content's last commit
	 * dates it when nothing above did) */
	struct stamp stamp;
	memset(&stamp, 0, sizeof(stamp));
	/* a dump (the golden tests) never asks: it depends on the content, the
	 * fonts and the date alone, not on the state of a Git checkout */
	if (!o.dump) {
		stamp_start(&stamp, o.content_dir, !o.year);
		o.stamp = stamp_get;
	}
	o.stamp_ctx = &stamp;
	char *fonts = find_fonts(fonts_opt);
	o.fonts_dir = fonts;
	char *hp = hyph_path(lang);
	o.hyph_dict = hp;

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* the progress line waits a second; the tests shorten the wait */
	const char *after = getenv("HANDBOOK_PROGRESS_AFTER");
	struct progress prog = { t0, after && *after ? atof(after) : 1.0, 0 };
	o.progress = show_progress;
	o.progress_ctx = &prog;
	struct diags d;
	diags_init(&d);
	int rc, exit_code;
	if (all_dir) {
		struct book_result *res;
		int n;
		rc = book_make_all_roles(&o, all_dir, &d, &res, &n);
		clear_progress(&prog);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		diags_print(&d, stderr);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		for (int i = 0; i < n; i++) {
			if (res[i].path)
				summary(res[i].path, &res[i], ms / n, quiet, stats);
			book_result_done(&res[i]);
		}
		free(res);
		exit_code = rc == 0 ? 0 : 1;
	} else {
		struct book_result r;
		rc = book_make(&o, &d, &r);
		clear_progress(&prog);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		diags_print(&d, stderr);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (rc == 0)
			summary(r.path ? r.path : o.output, &r, ms, quiet, stats);
		exit_code = rc == BOOK_EROLE ? role_error(edition_opt, &r) : rc == 0 ? 0 : 1;
		book_result_done(&r);
	}
	diags_done(&d);
	stamp_collect(&stamp);
	free(stamp.version);
	free(fonts);
	free(hp);
	return exit_code;
}
