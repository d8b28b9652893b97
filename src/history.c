/* history.c: the content's Markdown files at an earlier revision, read
 * with libgit2 in a forked child (see history.h).
 *
 * The same reasons as stamp.c: libgit2 is opened with dlopen in the child
 * only, so its start-up cost and memory never reach the build, no program
 * a repository's configuration names is ever run, and a crash inside the
 * library is the child's.  The child writes its answer to a pipe:
 *
 *   E<sentence>                                  the revision cannot be read
 *   O<short hash>\n then per file: "<namelen> <len>\n" <name> <text>
 *
 * A revision that is neither revparse's nor a day is an error, as is a
 * content folder outside any work tree. */
#include "history.h"
#include "util.h"

#include <dlfcn.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef STAMP_LIBGIT2
#define STAMP_LIBGIT2 "libgit2.so.1.5"
#endif

#define HIST_FUNCS(X) \
	X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) X(git_blob_rawsize) \
	X(git_buf_dispose) X(git_commit_free) X(git_commit_lookup) X(git_commit_time) \
	X(git_commit_tree) X(git_libgit2_init) X(git_object_free) X(git_object_id) \
	X(git_object_short_id) X(git_repository_free) X(git_repository_open_ext) \
	X(git_repository_workdir) X(git_revparse_single) X(git_revwalk_free) X(git_revwalk_new) \
	X(git_revwalk_next) X(git_revwalk_push_head) X(git_revwalk_sorting) X(git_tree_entry_bypath) \
	X(git_tree_entry_free) X(git_tree_entry_id) X(git_tree_entry_name) X(git_tree_entry_type) \
	X(git_tree_entry_filemode) X(git_tree_free) X(git_tree_lookup) X(git_tree_walk)
#define HIST_DECLARE(f) static __typeof__(f) *dl_##f;
HIST_FUNCS(HIST_DECLARE)

/* Opens libgit2 and finds every function used here.  Returns 0 or -1. */
static int open_libgit2(void)
{
	static int state; /* 0: not tried, 1: loaded, -1: missing */
	if (state)
		return state > 0 ? 0 : -1;
	state = -1;
	void *h = dlopen(STAMP_LIBGIT2, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -1;
#define HIST_LOAD(f) \
	if (!(dl_##f = (__typeof__(f) *)dlsym(h, #f))) \
		return -1;
	HIST_FUNCS(HIST_LOAD)
	state = 1;
	return 0;
}

struct hist_file {
	char *name;   /* relative to the content folder, owned */
	char *text;   /* the blob, NUL-terminated, owned */
	size_t len;   /* bytes of text */
};

struct history {
	char *dir;              /* the content folder, owned */
	char *rev;              /* the revision as given, owned */
	pid_t pid;              /* the reading child; 0: none */
	int fd;                 /* read end of its pipe */
	int done;               /* 1: the fields below are final */
	char *why;              /* the error, or NULL; owned */
	char *commit;           /* short hash of the commit read, owned */
	struct hist_file *v;    /* owned */
	int n, cap;
};

/* dir relative to the repository's work tree ("" for its root), or NULL. */
static char *relative_dir(git_repository *repo, const char *dir)
{
	const char *wd = dl_git_repository_workdir(repo);
	char rd[PATH_MAX], rw[PATH_MAX];
	if (!wd || !realpath(dir, rd) || !realpath(wd, rw))
		return NULL;
	size_t n = strlen(rw);
	if (strncmp(rd, rw, n) != 0 || (rd[n] != 0 && rd[n] != '/' && strcmp(rw, "/") != 0))
		return NULL;
	const char *rest = rd + n;
	while (*rest == '/')
		rest++;
	return xstrdup(rest);
}

/* The epoch second a day YYYY-MM-DD begins (UTC), or -1 when s is not one. */
static long long day_start(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	time_t t = timegm(&tm);
	return t < 0 ? -1 : (long long)t;
}

/* The newest commit reachable from HEAD made before epoch second t. */
static git_commit *commit_before(git_repository *repo, long long t)
{
	git_revwalk *w = NULL;
	git_commit *found = NULL;
	if (dl_git_revwalk_new(&w, repo) != 0)
		return NULL;
	dl_git_revwalk_sorting(w, GIT_SORT_TIME);
	git_oid id;
	if (dl_git_revwalk_push_head(w) == 0)
		while (!found && dl_git_revwalk_next(&id, w) == 0) {
			git_commit *c = NULL;
			if (dl_git_commit_lookup(&c, repo, &id) != 0)
				break;
			if ((long long)dl_git_commit_time(c) < t)
				found = c;
			else
				dl_git_commit_free(c);
		}
	dl_git_revwalk_free(w);
	return found;
}

/* The commit rev names, or NULL (*day set when rev is a day). */
static git_commit *resolve(git_repository *repo, const char *rev, int *day)
{
	git_object *o = NULL;
	git_commit *c = NULL;
	struct buf spec;
	buf_init(&spec);
	buf_addf(&spec, "%s^{commit}", rev);
	/* an option-like or empty revision is never a name */
	if (*rev && *rev != '-' && dl_git_revparse_single(&o, repo, buf_cstr(&spec)) == 0) {
		dl_git_commit_lookup(&c, repo, dl_git_object_id(o));
		dl_git_object_free(o);
	} else {
		long long t = day_start(rev);
		*day = t >= 0;
		if (t >= 0)
			c = commit_before(repo, t);
	}
	buf_done(&spec);
	return c;
}

/* git_tree_walk's state: the answer being written. */
struct walk {
	git_repository *repo;
	struct buf *out;
	size_t total;      /* bytes of text so far */
	int over;          /* 1: past HISTORY_MAX_BYTES */
};

static int ends_md(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && !strcasecmp(name + n - 3, ".md")) || (n > 9 && !strcasecmp(name + n - 9, ".markdown"));
}

static int walk_entry(const char *root, const git_tree_entry *e, void *ctx)
{
	struct walk *w = ctx;
	const char *name = dl_git_tree_entry_name(e);
	if (dl_git_tree_entry_type(e) != GIT_OBJECT_BLOB || !ends_md(name) ||
	    dl_git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
		return 0;
	git_blob *b = NULL;
	if (dl_git_blob_lookup(&b, w->repo, dl_git_tree_entry_id(e)) != 0)
		return 0;
	size_t len = (size_t)dl_git_blob_rawsize(b);
	if (w->total + len > HISTORY_MAX_BYTES) {
		w->over = 1;
		dl_git_blob_free(b);
		return -1;
	}
	w->total += len;
	size_t nl = strlen(root) + strlen(name);
	buf_addf(w->out, "%zu %zu\n%s%s", nl, len, root, name);
	buf_add(w->out, dl_git_blob_rawcontent(b), len);
	dl_git_blob_free(b);
	return 0;
}

/* The answer (see the top of the file) for dir at rev, into out. */
static void read_rev(const char *dir, const char *rev, struct buf *out)
{
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	git_buf hash = { 0 };
	char *rel = NULL;
	if (dl_git_repository_open_ext(&repo, dir, 0, NULL) != 0 || !(rel = relative_dir(repo, dir))) {
		buf_addf(out, "E%s is not in a Git checkout (--since reads its history)", dir);
		goto done;
	}
	int day = 0;
	if (!(c = resolve(repo, rev, &day))) {
		if (day)
			buf_addf(out, "Eno commit before %s in the repository of %s", rev, dir);
		else
			buf_addf(out, "Eno commit, tag or date '%s' in the repository of %s", rev, dir);
		goto done;
	}
	if (dl_git_object_short_id(&hash, (git_object *)c) != 0 || dl_git_commit_tree(&tree, c) != 0) {
		buf_addf(out, "E'%s' cannot be read from the repository of %s", rev, dir);
		goto done;
	}
	buf_addf(out, "O%s\n", hash.ptr);
	git_tree *root = tree;
	if (*rel) {
		if (dl_git_tree_entry_bypath(&te, tree, rel) != 0 || dl_git_tree_entry_type(te) != GIT_OBJECT_TREE ||
		    dl_git_tree_lookup(&sub, repo, dl_git_tree_entry_id(te)) != 0)
			goto done; /* no such folder then: every file is new */
		root = sub;
	}
	struct walk w = { repo, out, 0, 0 };
	dl_git_tree_walk(root, GIT_TREEWALK_PRE, walk_entry, &w);
	if (w.over) {
		out->len = 0;
		buf_addf(out, "Ethe Markdown of '%s' holds more than %u MiB", rev, HISTORY_MAX_BYTES >> 20);
	}
done:
	free(rel);
	dl_git_buf_dispose(&hash);
	dl_git_tree_entry_free(te);
	dl_git_tree_free(sub);
	dl_git_tree_free(tree);
	dl_git_commit_free(c);
	dl_git_repository_free(repo);
}

/* The whole answer, here: for the child, or when none can be started. */
static void answer(const char *dir, const char *rev, struct buf *out)
{
	if (open_libgit2() != 0) {
		buf_addf(out, "Elibgit2 (%s) cannot be loaded; --since needs it", STAMP_LIBGIT2);
		return;
	}
	dl_git_libgit2_init();
	read_rev(dir, rev, out);
}

struct history *history_start(const char *dir, const char *rev)
{
	struct history *h = xcalloc(1, sizeof(*h));
	h->dir = xstrdup(dir);
	h->rev = xstrdup(rev);
	int p[2];
	if (pipe(p) != 0)
		return h;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		struct buf out;
		buf_init(&out);
		answer(dir, rev, &out);
		for (size_t off = 0; off < out.len;) {
			ssize_t k = write(p[1], out.data + off, out.len - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		_exit(0);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return h;
	}
	h->pid = pid;
	h->fd = p[0];
	return h;
}

/* Parses an answer into h. */
static void parse(struct history *h, const char *s, size_t len)
{
	if (!len) {
		h->why = xstrdup("the history reader stopped without an answer");
		return;
	}
	if (s[0] == 'E') {
		h->why = xmalloc(len);
		memcpy(h->why, s + 1, len - 1);
		h->why[len - 1] = 0;
		return;
	}
	const char *end = s + len, *nl = memchr(s, '\n', len);
	if (s[0] != 'O' || !nl) {
		h->why = xstrdup("the history reader gave an answer that cannot be read");
		return;
	}
	h->commit = xmalloc((size_t)(nl - s));
	memcpy(h->commit, s + 1, (size_t)(nl - s - 1));
	h->commit[nl - s - 1] = 0;
	for (const char *p = nl + 1; p < end;) {
		size_t nn, tl;
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e || sscanf(p, "%zu %zu", &nn, &tl) != 2 || nn > (size_t)(end - e - 1) ||
		    tl > (size_t)(end - e - 1) - nn)
			break;
		GROW(h->v, h->cap, h->n + 1);
		struct hist_file *f = &h->v[h->n++];
		f->name = xmalloc(nn + 1);
		memcpy(f->name, e + 1, nn);
		f->name[nn] = 0;
		f->text = xmalloc(tl + 1);
		memcpy(f->text, e + 1 + nn, tl);
		f->text[tl] = 0;
		f->len = tl;
		p = e + 1 + nn + tl;
	}
}

int history_wait(struct history *h, const char **why)
{
	if (!h->done) {
		struct buf in;
		buf_init(&in);
		if (h->pid) {
			char chunk[65536];
			ssize_t k;
			while ((k = read(h->fd, chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
				if (k > 0 && in.len < HISTORY_MAX_BYTES + (64u << 10) * 4)
					buf_add(&in, chunk, (size_t)k);
			close(h->fd);
			int status = 0;
			while (waitpid(h->pid, &status, 0) < 0 && errno == EINTR)
				;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				in.len = 0;
		} else {
			answer(h->dir, h->rev, &in);
		}
		parse(h, in.data, in.len);
		buf_done(&in);
		h->pid = 0;
		h->done = 1;
	}
	*why = h->why;
	return h->why ? -1 : 0;
}

const char *history_rev(const struct history *h)
{
	return h->rev;
}

const char *history_commit(const struct history *h)
{
	return h->commit ? h->commit : "";
}

int history_count(const struct history *h)
{
	return h->n;
}

void history_file(const struct history *h, int i, const char **name, const char **text, size_t *len)
{
	*name = h->v[i].name;
	*text = h->v[i].text;
	*len = h->v[i].len;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	const char *why;
	history_wait(h, &why);
	for (int i = 0; i < h->n; i++) {
		free(h->v[i].name);
		free(h->v[i].text);
	}
	free(h->v);
	free(h->why);
	free(h->commit);
	free(h->dir);
	free(h->rev);
	free(h);
}

struct history *history_new(const char *rev)
{
	struct history *h = xcalloc(1, sizeof(*h));
	h->dir = xstrdup("");
	h->rev = xstrdup(rev);
	h->commit = xstrdup("0000000");
	h->done = 1;
	return h;
}

void history_add(struct history *h, const char *name, const char *text, size_t len)
{
	GROW(h->v, h->cap, h->n + 1);
	struct hist_file *f = &h->v[h->n++];
	f->name = xstrdup(name);
	f->text = xmalloc(len + 1);
	memcpy(f->text, text, len);
	f->text[len] = 0;
	f->len = len;
}
