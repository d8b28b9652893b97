/* stamp.c: the content's version and date from its Git repository, read
 * with libgit2 in a forked child while the book is laid out (see stamp.h).
 *
 * A child, not a thread: initialising libgit2 (its TLS and SSH back ends)
 * costs 3.3 MB of resident memory that the build itself would then carry
 * to its peak; the child exits as soon as it has written its answer to a
 * pipe.  It is forked before any thread of ours starts, and leaves with
 * _exit so that nothing of the parent's (stdio buffers) is flushed twice.
 *
 * It means what these commands meant, run in the content folder (they
 * were, until a planted .git/config with core.fsmonitor made `git status`
 * run a command of the content author's choosing):
 *
 *   git rev-parse --short HEAD           git_object_short_id (core.abbrev honoured)
 *   git status --porcelain -- .          a status list limited to the folder, untracked
 *                                        files included, ignored ones not
 *   git log -1 --format=%ct -- .         the newest commit (by commit time) whose
 *                                        tree for the folder differs from every
 *                                        parent's (a merge that kept one side's
 *                                        folder is not a change, as in git log)
 *
 * libgit2 runs no external programs for any of these: it has no fsmonitor
 * support, runs no hooks, and knows no filter drivers but its own. */
#include "stamp.h"
#include "gitchild.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Bytes of the child's answer read at most: a version line and a date. */
#define STAMP_MAX_ANSWER 512

struct stamp {
	char *dir;             /* the content folder, owned */
	int want_date;         /* 1: find the last commit touching dir */
	struct gitchild child;  /* the child reading the repository; pid 0: none */
	int done;              /* 1: the fields below are final */
	char *version;         /* "1a2b3c4", "1a2b3c4+dirty", or NULL outside Git; owned */
	int year, month, day;  /* the content's last commit; 0 when not asked or unknown */
};

int stamp_epoch_date(long long t, int *y, int *m, int *d)
{
	if (t < 0 || t > STAMP_MAX_EPOCH)
		return -1;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return -1;
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return 0;
}

static int is_dirty(git_repository *repo, const char *rel)
{
	git_status_options so;
	dl_git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED;
	char *spec[1] = { (char *)rel };
	if (*rel) {
		so.pathspec.strings = spec;
		so.pathspec.count = 1;
	}
	git_status_list *sl = NULL;
	if (dl_git_status_list_new(&sl, repo, &so) != 0)
		return 0;
	int dirty = dl_git_status_list_entrycount(sl) > 0;
	dl_git_status_list_free(sl);
	return dirty;
}

/* The id of folder rel in commit c.  Returns 1 with *id, or 0 when the
 * commit has no such folder. */
static int folder_id(const git_commit *c, const char *rel, git_oid *id)
{
	if (!*rel) {
		dl_git_oid_cpy(id, dl_git_commit_tree_id(c));
		return 1;
	}
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found = 0;
	if (dl_git_commit_tree(&tree, c) == 0 && dl_git_tree_entry_bypath(&e, tree, rel) == 0) {
		dl_git_oid_cpy(id, dl_git_tree_entry_id(e));
		found = 1;
	}
	dl_git_tree_entry_free(e);
	dl_git_tree_free(tree);
	return found;
}

/* 1 when commit c changed folder rel: differs from every parent (or, for
 * a root commit, has it). */
static int touches(const git_commit *c, const char *rel)
{
	git_oid mine, theirs;
	int has = folder_id(c, rel, &mine);
	unsigned np = dl_git_commit_parentcount(c);
	if (np == 0)
		return has;
	for (unsigned i = 0; i < np; i++) {
		git_commit *p = NULL;
		if (dl_git_commit_parent(&p, c, i) != 0)
			continue;
		int phas = folder_id(p, rel, &theirs);
		dl_git_commit_free(p);
		if (phas == has && (!has || dl_git_oid_equal(&mine, &theirs)))
			return 0;
	}
	return 1;
}

/* Commit time of the newest commit from head that touched rel, or -1. */
static long long last_touch(git_repository *repo, const git_oid *head, const char *rel)
{
	git_revwalk *w = NULL;
	long long t = -1;
	if (dl_git_revwalk_new(&w, repo) != 0)
		return -1;
	dl_git_revwalk_sorting(w, GIT_SORT_TIME);
	git_oid id;
	if (dl_git_revwalk_push(w, head) == 0)
		while (t < 0 && dl_git_revwalk_next(&id, w) == 0) {
			git_commit *c = NULL;
			if (dl_git_commit_lookup(&c, repo, &id) != 0)
				break;
			if (touches(c, rel))
				t = (long long)dl_git_commit_time(c);
			dl_git_commit_free(c);
		}
	dl_git_revwalk_free(w);
	return t;
}

static void read_repo(struct stamp *s)
{
	git_repository *repo = NULL;
	git_object *head = NULL;
	git_buf hash = { 0 };
	char *rel = NULL;
	if (dl_git_repository_open_ext(&repo, s->dir, 0, NULL) != 0)
		goto done;
	if (dl_git_revparse_single(&head, repo, "HEAD^{commit}") != 0 || dl_git_object_short_id(&hash, head) != 0)
		goto done;
	rel = gitchild_relative_dir(repo, s->dir);
	int dirty = rel && !dl_git_repository_is_bare(repo) && is_dirty(repo, rel);
	s->version = xmalloc(hash.size + 8);
	snprintf(s->version, hash.size + 8, "%s%s", hash.ptr, dirty ? "+dirty" : "");
	if (s->want_date && rel) {
		long long t = last_touch(repo, dl_git_object_id(head), rel);
		if (t >= 0 && stamp_epoch_date(t, &s->year, &s->month, &s->day) != 0)
			s->year = s->month = s->day = 0; /* a commit dated past 9999 dates nothing */
	}
done:
	free(rel);
	dl_git_buf_dispose(&hash);
	dl_git_object_free(head);
	dl_git_repository_free(repo);
}

/* In the child: reads the repository and answers "VERSION\nY M D\n" (an
 * empty line for no version). */
static void answer(void *ctx, struct buf *out)
{
	struct stamp *s = ctx;
	if (gitchild_open() != 0)
		return;
	read_repo(s);
	buf_addf(out, "%s\n%d %d %d\n", s->version ? s->version : "", s->year, s->month, s->day);
}

struct stamp *stamp_start(const char *dir, int want_date)
{
	struct stamp *s = xcalloc(1, sizeof(*s));
	s->dir = xstrdup(dir);
	s->want_date = want_date;
	if (!gitchild_maybe_repo(dir)) {
		s->done = 1; /* outside Git: no version, no date, nothing to load */
		return s;
	}
	gitchild_start(&s->child, answer, s); /* without a child, finish() reads the repository itself */
	return s;
}

/* The child's answer, parsed into s. */
static void collect(struct stamp *s)
{
	struct buf in;
	buf_init(&in);
	int ok = gitchild_collect(&s->child, &in, STAMP_MAX_ANSWER) == 0;
	char *nl = ok && in.len ? strchr(buf_cstr(&in), '\n') : NULL;
	if (nl) {
		*nl = 0;
		if (*in.data)
			s->version = xstrdup(in.data);
		int y, m, d;
		if (sscanf(nl + 1, "%d %d %d", &y, &m, &d) == 3 && y > 0) {
			s->year = y;
			s->month = m;
			s->day = d;
		}
	}
	buf_done(&in);
}

/* The answer: the child's, or read here when no child could be started. */
static void finish(struct stamp *s)
{
	if (s->done)
		return;
	if (s->child.pid)
		collect(s);
	else if (gitchild_open() == 0)
		read_repo(s);
	s->done = 1;
}

void stamp_get(void *ctx, int *y, int *m, int *d, const char **version)
{
	struct stamp *s = ctx;
	finish(s);
	if (!*y && s->year) {
		*y = s->year;
		*m = s->month;
		*d = s->day;
	}
	*version = s->version;
}

void stamp_free(struct stamp *s)
{
	if (!s)
		return;
	finish(s);
	free(s->version);
	free(s->dir);
	free(s);
}
