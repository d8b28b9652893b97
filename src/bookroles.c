/* bookroles.c: --all-roles and --all-reviews: every role's edition from
 * one shared book, in forked workers (par_fork) when there are enough. */
#include "book.h"
#include "bookrun.h"
#include "parallel.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* --all-roles forks workers only with at least this many roles for each:
 * a fork and its copied pages cost about as much as a small role. */
#define ROLES_PER_WORKER 4

/* --all-roles: every role's edition, made here or in a forked worker. */
struct roles_job {
	struct book_opts *ro;
	struct shared *sh;
	struct content *c;
	struct diags *d;           /* every role's messages, merged */
	struct book_result *res;   /* one per role */
	int failed;                /* 1: some role's PDF was not written */
};

static int make_role(struct roles_job *j, int i, struct diags *d, struct book_result *r)
{
	const struct fw_role *role = &j->sh->fw.roles[i];
	j->ro->role = j->c->v[j->sh->bk.ch[role->chapter].src].name; /* the exact file name: never ambiguous */
	j->ro->role_chapter = role->chapter;                          /* no search by name: linear */
	return book_run(j->ro, j->sh, 0, d, r);
}

/* par_fork: role i made in a worker, its result and messages packed as
 * "rc pages chapters bytes lines hyphenated overfull worst widows orphans
 * stranded expectations words_in words_out words_warned words_lost pathlen\n"
 * then the path and diags_pack's bytes. */
static void role_in_child(void *ctx, int i, struct buf *out)
{
	struct roles_job *j = ctx;
	struct book_result r;
	struct diags one;
	diags_init(&one);
	int rc = make_role(j, i, &one, &r);
	buf_addf(out, "%d %d %d %zu %ld %ld %ld %.17g %d %d %d %d %ld %ld %ld %ld %zu\n", rc, r.pages, r.chapters,
	         r.bytes, r.lines, r.hyphenated, r.overfull, r.worst_spacing, r.widows, r.orphans, r.stranded,
	         r.expectations, r.words_in, r.words_out, r.words_warned, r.words_lost, r.path ? strlen(r.path) : 0);
	if (r.path)
		buf_adds(out, r.path);
	diags_pack(&one, out);
	diags_done(&one);
	book_result_done(&r);
}

/* par_fork: a worker's answer for role i, read back into the job. */
static void role_taken(void *ctx, int i, const char *s, size_t len)
{
	struct roles_job *j = ctx;
	struct book_result *r = &j->res[i];
	const char *end = s + len, *nl = s ? memchr(s, '\n', len) : NULL;
	int rc = -1;
	size_t pl = 0;
	if (!nl || sscanf(s, "%d %d %d %zu %ld %ld %ld %lg %d %d %d %d %ld %ld %ld %ld %zu", &rc, &r->pages,
	                  &r->chapters, &r->bytes, &r->lines, &r->hyphenated, &r->overfull, &r->worst_spacing,
	                  &r->widows, &r->orphans, &r->stranded, &r->expectations, &r->words_in, &r->words_out,
	                  &r->words_warned, &r->words_lost, &pl) != 17 ||
	    pl > (size_t)(end - nl - 1)) {
		const struct fw_role *role = &j->sh->fw.roles[i];
		diag_error(j->d, j->c->v[j->sh->bk.ch[role->chapter].src].name, 0,
		           "the worker making this role's edition stopped; no PDF was written for it");
		j->failed = 1;
		return;
	}
	s = nl + 1;
	if (pl)
		r->path = xstrndup(s, pl);
	s += pl;
	if (rc != 0)
		j->failed = 1;
	if (diags_unpack(j->d, &s, end) != 0)
		j->failed = 1;
}

int book_make_all_roles(const struct book_opts *o, const char *dir, struct diags *d,
                        struct book_result **res, int *nres)
{
	struct content c;
	struct shared sh;
	struct book_opts ro = *o;
	struct config cfg_plain; /* the configuration without its file-name template */
	*res = NULL;
	*nres = 0;
	memset(&sh, 0, sizeof(sh));
	int rc = -1;
	if (content_load(&c, o->content_dir, d) != 0 || d->errors)
		goto done;
	struct stat st;
	/* a dump writes no file, so it needs no folder */
	if (!o->dump && mkdir(dir, 0777) != 0 && errno != EEXIST) {
		diag_error(d, dir, 0, "cannot make the folder: %s", strerror(errno));
		goto done;
	}
	if (!o->dump && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		diag_error(d, dir, 0, "is not a folder");
		goto done;
	}
	/* the book, the framework, the faces and the patterns: once for every role */
	if (book_shared_init(&sh, o, &c, d) != 0)
		goto done;
	ro.edition = o->edition == ED_REVIEW ? ED_REVIEW : ED_ROLE; /* --all-reviews, --all-roles */
	ro.output = NULL;
	ro.out_dir = dir;
	if (o->config && o->config->file_name) {
		/* a template that names two roles alike would write one file twice:
		 * then every file keeps its level file's name */
		struct strmap *seen = strmap_new();
		int clash = 0;
		for (int i = 0; i < sh.fw.n && !clash; i++) {
			struct buf b;
			buf_init(&b);
			bookout_file_name(o, &sh.bk, &sh.fw, &c, sh.fw.roles[i].chapter, &b);
			clash = strmap_get(seen, buf_cstr(&b), NULL);
			if (clash)
				diag_warn(d, o->config->path, 0, "editions.file_name gives two roles the name '%.80s'; the "
				          "level files' names are used", buf_cstr(&b));
			strmap_put(seen, buf_cstr(&b), i);
			buf_done(&b);
		}
		strmap_free(seen);
		if (clash) {
			cfg_plain = *o->config;
			cfg_plain.file_name = NULL;
			ro.config = &cfg_plain;
		}
	}
	*res = xcalloc((size_t)(sh.fw.n ? sh.fw.n : 1), sizeof(**res));
	struct roles_job job = { &ro, &sh, &c, d, *res, 0 };
	*nres = sh.fw.n;
	int workers = o->jobs > 0 ? o->jobs : par_workers();
	if (workers > sh.fw.n / ROLES_PER_WORKER)
		workers = sh.fw.n / ROLES_PER_WORKER;
	if (o->stamp) { /* read once here: workers would each wait on the one stamp child */
		struct book_opts so = *o;
		o->stamp(o->stamp_ctx, &so.year, &so.month, &so.day, &so.version);
	}
	/* a dump is one ordered stream: made here, in order */
	if (o->dump || workers < 2 || par_fork(sh.fw.n, workers, role_in_child, role_taken, &job) != 0)
		for (int i = 0; i < sh.fw.n; i++) {
			struct diags one;
			diags_init(&one);
			if (make_role(&job, i, &one, &(*res)[i]) != 0)
				job.failed = 1;
			diags_merge(d, &one);
			diags_done(&one);
		}
	rc = job.failed ? -1 : 0;
done:
	book_shared_done(&sh);
	content_done(&c);
	return rc;
}
