/* main.c: the command line.  The only file that prints or exits.
 *
 *   handbook [OPTIONS] [CONTENT_DIR]
 *
 * Exit status: 0 when the PDF was written (warnings allowed), 1 when it
 * could not be (or, with --strict, when there were warnings; with --check,
 * when there were errors), 2 for a usage error. */
#include "book.h"
#include "cli.h"
#include "config.h"
#include "diagnostics.h"
#include "font.h"
#include "hyph.h"
#include "lang.h"
#include "messages.h"
#include "model.h"
#include "history.h"
#include "stamp.h"
#include "util.h"
#include "version.h"
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
	"      --all-reviews DIR a review packet for every role, written to DIR/NAME-review.pdf\n"
	"      --flat            the review worksheet without form fields (to print blank)\n"
	"      --jobs N          --all-roles/--all-reviews: N processes (default one per CPU, at most 4)\n"
	"  ROLE is a level file's name (L4-Support-Manager), its title, or its level\n"
	"  code (L2) when only one role has it.\n"
	"\n"
	"  -o, --output FILE     where to write the PDF (default: handbook.pdf; for --role\n"
	"                        NAME.pdf, for --review NAME-review.pdf, NAME the level file's)\n"
	"      --paper a4|letter|a5|b5  page size (default a4, or handbook.yml's)\n"
	"      --duplex          double-sided: mirrored margins, chapters on right-hand pages\n"
	"      --simplex         single-sided (the default but for --review)\n"
	"      --date YYYY-MM-DD edition date (default: SOURCE_DATE_EPOCH, else the\n"
	"                        content's latest commit, else today)\n"
	"      --since REV       change bars on what changed since REV (a commit, a tag\n"
	"                        or a day YYYY-MM-DD) and a list of the changes; the\n"
	"                        content must be in a Git checkout\n"
	"      --org NAME        organisation on the title page and in the metadata\n"
	"      --for NAME        \"Prepared for NAME, DATE\" on the cover and in the metadata\n"
	"      --config FILE     the configuration (default: CONTENT_DIR/handbook.yml)\n"
	"      --theme NAME      a bundled theme under the configuration: default, serif, dark\n"
	"      --print-config    print the effective configuration as YAML and stop\n"
	"      --lang LANG       the book's language, a BCP 47 tag: ru, de-DE, pt-BR (default:\n"
	"                        the README's front matter lang:, else en-US)\n"
	"      --pdf-standard a-2a|ua-1|none\n"
	"                        what the PDF conforms to: PDF/A-2a and PDF/UA-1 (the default),\n"
	"                        PDF/UA-1 alone, or an untagged PDF\n"
	"      --fonts DIR       folder of the bundled fonts\n"
	"      --stats           print typographic statistics after the summary\n"
	"      --explain         print what the framework model infers (tracks, roles,\n"
	"                        ranks, next levels, competencies) and why; write no PDF\n"
	"      --dump            print the laid-out pages as text instead of writing a PDF\n"
	"                        (for tests: no Git version line; date from --date)\n"
	"  -q, --quiet           no summary line\n"
	"\n"
	"In CI and scripts:\n"
	"      --check           run every edition's inputs (the handbook, each role's\n"
	"                        role edition and review packet) and write nothing;\n"
	"                        exit 1 when there are errors\n"
	"      --strict          any warning makes the exit status 1 (the PDF is still\n"
	"                        written unless --check); same as --fail-on warning\n"
	"      --fail-on error|warning  the least severity that fails the run\n"
	"      --diagnostics-format human|json|github\n"
	"                        messages as FILE:LINE:COL text, one JSON object per\n"
	"                        line, or GitHub workflow commands (annotations)\n"
	"      --list-roles      print the roles (file, code, title, track, rank, next);\n"
	"                        --json for a JSON array\n"
	"      --watch           rebuild whenever a file in the content folder changes\n"
	"  CONTENT_DIR '-' reads one Markdown document from standard input: each\n"
	"  level-1 heading after the first starts a level.\n"
	"\n"
	"  -h, --help            this text\n"
	"      --version         the program's version and those of its libraries and fonts\n";


/* --date: exactly YYYY-MM-DD, a real day (2026-02-31 is not), year 1
 * to 9999 (the PDF's dates have four digits). */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return -1;
	if (s[10])
		return -1;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1] || (*m == 2 && *d == 29 && !leap))
		return -1;
	return 0;
}

/* The first of the folders that stand where a build or an install puts
 * `what` beside the program (bin/../what, share/handbook/what, ...) that
 * holds `probe`; NULL when none does. */
static char *beside_program(const char *what, const char *probe)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	static const char *const rel[] = { "/../", "/../share/handbook/", "/", "/../../" };
	for (int i = 0; i < 4; i++) {
		struct buf b;
		buf_init(&b);
		buf_addf(&b, "%s%s%s/%s", exe, rel[i], what, probe);
		if (access(b.data, R_OK) == 0) {
			b.len -= strlen(probe) + 1;
			b.data[b.len] = 0;
			return buf_detach(&b);
		}
		buf_done(&b);
	}
	return NULL;
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
	char *dir = beside_program("fonts", "NotoSans-Regular.ttf");
	return dir ? dir : xstrdup("fonts");
}

/* The folder of the bundled themes: $HANDBOOK_THEMES, next to the program
 * (build/handbook -> themes/), where make install puts them, ./themes. */
static char *find_themes(void)
{
	const char *env = getenv("HANDBOOK_THEMES");
	if (env && *env)
		return xstrdup(env);
	char *dir = beside_program("themes", "default.yml");
	return dir ? dir : xstrdup("themes");
}

/* A closed stdout or a file-size limit must end in a message, not a kill:
 * with these ignored, the write fails and pdf.c reports it. */
/* Every allocation failure (ours and cmark's, through util.c) ends here:
 * one line and exit 1.  _exit, because another thread may be running and
 * exit's handlers could allocate; no PDF has been replaced, since the
 * temporary file is written after the last allocation that matters. */
static void out_of_memory(void)
{
	static const char msg[] = "handbook: error: out of memory\n";
	ssize_t k = write(2, msg, sizeof(msg) - 1);
	(void)k;
	_exit(1);
}

static void ignore_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

/* Opens /dev/null on whichever of fds 0-2 are closed, so that the files
 * this run opens never get those numbers (a PDF on fd 1 would then take
 * the summary line).  Returns a bit mask of the fds that were closed. */
static int open_std_fds(void)
{
	int closed = 0;
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		closed |= 1 << fd;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n >= 0 && n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
	return closed;
}


/* --jobs: more processes than this only add memory on any machine we know. */
#define MAX_JOBS 64

enum { OPT_PAPER = 256, OPT_DUPLEX, OPT_SIMPLEX, OPT_DATE, OPT_ORG, OPT_SINCE, OPT_LANG, OPT_FONTS, OPT_STATS,
       OPT_HELP, OPT_VERSION, OPT_ROLE, OPT_ALL_ROLES, OPT_REVIEW, OPT_EXPLAIN, OPT_CHECK, OPT_STRICT,
       OPT_FAIL_ON, OPT_DIAG_FORMAT, OPT_LIST_ROLES, OPT_JSON, OPT_WATCH, OPT_DUMP,
       OPT_PDF_STANDARD, OPT_CONFIG, OPT_THEME, OPT_PRINT_CONFIG, OPT_FOR, OPT_ALL_REVIEWS, OPT_FLAT, OPT_JOBS };

static int ci_option(struct ci_opts *ci, int c, const char *arg)
{
	switch (c) {
	case OPT_CHECK:
		ci->check = 1;
		break;
	case OPT_STRICT:
		ci->fail_on_warning = 1;
		break;
	case OPT_FAIL_ON:
		if (strcmp(arg, "warning") && strcmp(arg, "error"))
			return -1;
		ci->fail_on_warning = !strcmp(arg, "warning");
		break;
	case OPT_DIAG_FORMAT: {
		int f = diag_format_named(arg);
		if (f < 0)
			return -1;
		ci->format = (enum diag_format)f;
		break;
	}
	case OPT_LIST_ROLES:
		ci->list_roles = 1;
		break;
	case OPT_JSON:
		ci->json = 1;
		break;
	case OPT_WATCH:
		ci->watch = 1;
		break;
	}
	return 0;
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
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "all-reviews", required_argument, NULL, OPT_ALL_REVIEWS },
		{ "review", required_argument, NULL, OPT_REVIEW },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "org", required_argument, NULL, OPT_ORG },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "pdf-standard", required_argument, NULL, OPT_PDF_STANDARD },
		{ "fonts", required_argument, NULL, OPT_FONTS },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "dump", no_argument, NULL, OPT_DUMP },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT },
		{ "list-roles", no_argument, NULL, OPT_LIST_ROLES },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "watch", no_argument, NULL, OPT_WATCH },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
		{ "for", required_argument, NULL, OPT_FOR },
		{ "flat", no_argument, NULL, OPT_FLAT },
		{ NULL, 0, NULL, 0 },
	};
	/* stderr is unbuffered: messages escaped a byte at a time were one
	 * system call each (130 per line); a line at a time still shows each
	 * message as soon as it is complete */
	setvbuf(stderr, NULL, _IOLBF, 0);
	struct book_opts o;
	memset(&o, 0, sizeof(o));
	o.output = "handbook.pdf";
	o.paper = PAPER_A4;
	const char *lang = NULL, *fonts_opt = NULL, *all_dir = NULL, *edition_opt = NULL, *since_rev = NULL;
	const char *config_opt = NULL, *theme_opt = NULL, *for_opt = NULL;
	int quiet = 0, stats = 0, c, sides = -1, output_given = 0, explain = 0, print_config = 0;
	int lang_given = 0, paper_given = 0;
	int closed = open_std_fds();
	struct ci_opts ci = { DIAG_HUMAN, 0, 0, 0, 0, 0, 0 };
#ifdef __GLIBC__
	/* Blocks of 128 KB and more (a face's advance table, a subset's glyph
	 * map, the PDF's buffers) always come zeroed from the kernel and grow
	 * with mremap: glibc otherwise raises the threshold after the first
	 * such block is freed, and then zeroes each new one and copies each
	 * grown one itself. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	ignore_signals();
	util_on_oom(out_of_memory);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
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
		case OPT_ALL_REVIEWS:
			if (edition_opt)
				return usage_error("--role, --review, --all-roles and --all-reviews exclude each other", NULL);
			if (!*optarg)
				return usage_error(c == OPT_ALL_ROLES || c == OPT_ALL_REVIEWS ? "--all-roles and --all-reviews need a folder"
				                                      : "--role and --review need a ROLE", NULL);
			edition_opt = c == OPT_ROLE ? "--role" : c == OPT_REVIEW ? "--review"
			            : c == OPT_ALL_ROLES ? "--all-roles" : "--all-reviews";
			if (c == OPT_ALL_ROLES || c == OPT_ALL_REVIEWS) {
				all_dir = optarg;
				if (c == OPT_ALL_REVIEWS)
					o.edition = ED_REVIEW; /* book_make_all_roles makes review packets */
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
			else if (!strcasecmp(optarg, "a5"))
				o.paper = PAPER_A5;
			else if (!strcasecmp(optarg, "b5"))
				o.paper = PAPER_B5;
			else
				return usage_error("--paper takes a4, letter, a5 or b5, not", optarg);
			paper_given = 1;
			break;
		case OPT_CONFIG:
			config_opt = optarg;
			break;
		case OPT_THEME:
			if (!*optarg || strchr(optarg, '/') || optarg[0] == '.')
				return usage_error("--theme takes the name of a bundled theme (see --help), not", optarg);
			theme_opt = optarg;
			break;
		case OPT_PRINT_CONFIG:
			print_config = 1;
			break;
		case OPT_FLAT:
			o.flat = 1;
			break;
		case OPT_FOR:
			if (!*optarg || strlen(optarg) > MODEL_MAX_TITLE)
				return usage_error("--for takes a name of 1 to 200 bytes", NULL);
			for_opt = optarg;
			break;
		case OPT_JOBS: {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || end == optarg || j < 1 || j > MAX_JOBS)
				return usage_error("--jobs takes a number of processes from 1 to 64, not", optarg);
			o.jobs = (int)j;
			break;
		}
		case OPT_DUPLEX:
			sides = 2;
			break;
		case OPT_SIMPLEX:
			sides = 1;
			break;
		case OPT_DATE:
			if (parse_date(optarg, &o.year, &o.month, &o.day) != 0)
				return usage_error("--date takes a day that exists as YYYY-MM-DD (years 0001 to 9999), not",
				                   optarg);
			break;
		case OPT_SINCE:
			if (!*optarg)
				return usage_error("--since needs a commit, tag or date", NULL);
			since_rev = optarg;
			break;
		case OPT_ORG:
			if (strlen(optarg) > MODEL_MAX_TITLE) {
				char msg[80];
				snprintf(msg, sizeof(msg), "--org takes a name of at most %d bytes, not %zu", MODEL_MAX_TITLE,
				         strlen(optarg));
				return usage_error(msg, NULL);
			}
			o.org = optarg;
			break;
		case OPT_LANG:
			lang = optarg;
			lang_given = 1;
			break;
		case OPT_PDF_STANDARD: {
			/* indexed by enum pdf_standard (pdf.h) */
			static const char *const stds[] = { "a-2a", "ua-1", "none" };
			int k = 0;
			while (k < 3 && strcmp(optarg, stds[k]))
				k++;
			if (k == 3)
				return usage_error("--pdf-standard takes a-2a, ua-1 or none, not", optarg);
			o.pdf_standard = k;
			break;
		}
		case OPT_FONTS:
			fonts_opt = optarg;
			break;
		case OPT_STATS:
			stats = 1;
			break;
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_DUMP: /* the dump is the output: no summary line in it */
			o.dump = stdout;
			quiet = 1;
			break;
		case 'h':
		case OPT_HELP:
			return print_info(usage_text, closed & 2);
		case OPT_VERSION:
			ci.version = 1;
			break;
		case OPT_CHECK:
		case OPT_STRICT:
		case OPT_FAIL_ON:
		case OPT_DIAG_FORMAT:
		case OPT_LIST_ROLES:
		case OPT_JSON:
		case OPT_WATCH:
			if (ci_option(&ci, c, optarg) != 0)
				return usage_error(c == OPT_FAIL_ON ? "--fail-on takes error or warning, not"
				                                    : "--diagnostics-format takes human, json or github, not",
				                   optarg);
			break;
		case ':':
			return usage_error("option needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error("more than one content folder given", argv[optind + 1]);
	if (!strcmp(o.output, "-") && (closed & 2)) {
		fputs("handbook: -o - writes the PDF to standard output, which is closed\n", stderr);
		return 1;
	}
	if (all_dir && output_given)
		return usage_error("--all-roles names its files itself; it takes no --output", NULL);
	/* the configuration: a bundled theme, then the content's handbook.yml
	 * (or --config), then the command line over both */
	struct config cfg;
	config_init(&cfg);
	struct diags cd;
	diags_init(&cd);
	const char *dir = optind < argc ? argv[optind] : "content";
	if (theme_opt) {
		char *td = find_themes();
		struct buf tp;
		buf_init(&tp);
		buf_addf(&tp, "%s/%s.yml", td, theme_opt);
		free(td);
		if (access(buf_cstr(&tp), R_OK) != 0) {
			buf_done(&tp);
			config_done(&cfg);
			return usage_error("--theme names no bundled theme (default, serif, dark), not", theme_opt);
		}
		config_load(&cfg, buf_cstr(&tp), 0, &cd);
		buf_done(&tp);
	}
	if (config_opt) {
		config_load(&cfg, config_opt, 0, &cd);
	} else if (strcmp(dir, "-")) {
		struct buf cp;
		buf_init(&cp);
		buf_addf(&cp, "%s/handbook.yml", dir);
		config_load(&cfg, buf_cstr(&cp), 1, &cd);
		buf_done(&cp);
	}
	if (paper_given) {
		cfg.paper = o.paper;
		cfg.paper_set = 1;
	}
	if (o.org)
		config_set(&cfg, "organisation", o.org, NULL, 0, &cd);
	if (lang_given)
		config_set(&cfg, "language", lang, NULL, 0, &cd);
	lang = cfg.language; /* NULL: the README's front matter, else en-US (book.c) */
	if (sides > 0)
		cfg.duplex = sides == 2;
	if (for_opt) {
		free(cfg.prepared_for);
		cfg.prepared_for = xstrdup(for_opt);
	}
	o.paper = cfg.paper;
	o.org = cfg.org;
	o.config = &cfg;
	for (int i = 0; i < cfg.nmessages; i++) /* the book's own words, as the author wants them */
		msg_override(cfg.messages[i].key, cfg.messages[i].value);
	diags_print_as(&cd, stderr, ci.format);
	int config_warnings = cd.warnings;
	diags_done(&cd);
	if (print_config) {
		struct buf pb;
		buf_init(&pb);
		config_print(&cfg, &pb);
		int rc = print_info(buf_cstr(&pb), closed & 2);
		buf_done(&pb);
		config_done(&cfg);
		return rc;
	}
	/* a review packet is printed for a meeting: double-sided unless asked otherwise */
	o.duplex = cfg.duplex >= 0 ? cfg.duplex : o.edition == ED_REVIEW;
	if (o.edition != ED_HANDBOOK && !output_given) {
		o.output = NULL;
		o.out_dir = ".";
	}
	o.content_dir = optind < argc ? argv[optind] : "content";
	char lang_tag[LANG_TAG_MAX + 1];
	if (lang && lang_normalize(lang, lang_tag) != 0) {
		int rc = usage_error("--lang takes a language tag such as en-US, de or pt-BR, not", lang);
		config_done(&cfg);
		return rc;
	}
	o.lang = lang ? lang_tag : NULL;
	/* edition date: --date, SOURCE_DATE_EPOCH, the content's last commit, today */
	if (!o.year) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		char *end;
		if (sde && *sde) {
			errno = 0;
			long long t = strtoll(sde, &end, 10);
			if (*end || errno || t < 0) {
				int rc = usage_error("SOURCE_DATE_EPOCH is not a number of seconds", sde);
				config_done(&cfg);
				return rc;
			}
			if (stamp_epoch_date(t, &o.year, &o.month, &o.day) != 0) {
				int rc = usage_error("SOURCE_DATE_EPOCH is after 9999-12-31, the last date a PDF holds", sde);
				config_done(&cfg);
				return rc;
			}
		}
	}
	/* Git is read while the book is laid out (the content's last commit
	 * dates it when nothing above did) */
	/* a dump (the golden tests) never asks Git: it depends on the content,
	 * the fonts and the date alone, not on the state of a checkout */
	struct stamp *stamp = o.dump ? NULL : stamp_start(o.content_dir, !o.year);
	o.stamp = stamp ? stamp_get : NULL;
	o.stamp_ctx = stamp;
	/* --since: the old files are needed before the book is compared, and
	 * a revision that names nothing is the caller's mistake */
	struct history *since = NULL;
	if (since_rev) {
		const char *why = NULL;
		if (!strcmp(o.content_dir, "-")) {
			stamp_free(stamp);
			config_done(&cfg);
			return usage_error("--since reads the content's Git history; standard input has none", NULL);
		}
		since = history_start(o.content_dir, since_rev);
		if (history_wait(since, &why) != 0) {
			int code = usage_error("--since", why);
			history_free(since);
			stamp_free(stamp);
			config_done(&cfg);
			return code;
		}
		o.since = since;
	}
	char *fonts = find_fonts(fonts_opt);
	o.fonts_dir = fonts;
	if (ci.version || ci.check || ci.list_roles || ci.watch) {
		int code = ci_run(&ci, &o, all_dir, output_given, quiet, closed & 2);
		history_free(since);
		if (code == 0 && ci.check && ci.fail_on_warning && config_warnings)
			code = 1;
		config_done(&cfg);
		stamp_free(stamp);
		free(fonts);
		return code;
	}

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
	if (explain) {
		char *text = NULL;
		rc = book_explain(&o, &d, &text);
		diags_print_as(&d, stderr, ci.format);
		if (text)
			fputs(text, stdout);
		free(text);
		exit_code = rc == 0 && fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	} else if (all_dir) {
		struct book_result *res;
		int n;
		rc = book_make_all_roles(&o, all_dir, &d, &res, &n);
		clear_progress(&prog);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		diags_print_as(&d, stderr, ci.format);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		for (int i = 0; i < n; i++) {
			if (res[i].path)
				summary(stdout, res[i].path, &res[i], ms / n, quiet, stats);
			book_result_done(&res[i]);
		}
		free(res);
		exit_code = rc == 0 ? 0 : 1;
	} else {
		struct book_result r;
		rc = book_make(&o, &d, &r);
		clear_progress(&prog);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		diags_print_as(&d, stderr, ci.format);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (rc == 0)
			summary(o.output && !strcmp(o.output, "-") ? stderr : stdout, r.path ? r.path : o.output, &r,
			        ms, quiet, stats);
		exit_code = rc == BOOK_EROLE ? role_error(edition_opt, &r) : rc == 0 ? 0 : 1;
		book_result_done(&r);
	}
	if (exit_code == 0 && ci.fail_on_warning && (d.warnings || config_warnings))
		exit_code = 1; /* --strict: the PDF is written, the build still fails */
	diags_done(&d);
	history_free(since);
	config_done(&cfg);
	stamp_free(stamp);
	free(fonts);
	return exit_code;
}
