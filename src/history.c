/* history.c: the content's Markdown files at an earlier revision, read
 * with libgit2 in a forked child (see history.h).
 *
 * gitchild.h says why a child, and why dlopen.  The child's answer:
 *
 *   E<sentence>                                  the revision cannot be read
 *   O<short hash>\n then per file: "<namelen> <len>\n" <name> <text>
 *
 * A revision that is neither revparse's nor a day is an error, as is a
 * content folder outside any work tree. */
#include "history.h"
#include "gitchild.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Bytes of framing (names and lengths) an answer may carry beyond its texts. */
#define HISTORY_SLACK (1u << 20)

struct hist_file {
	char *name;   /* relative to the content folder, owned */
	char *text;   /* the blob, NUL-terminated, owned */
	size_t len;   /* bytes of text */
};

struct history {
	char *dir;              /* the content folder, owned */
	char *rev;              /* the revision as given, owned */
	struct gitchild child;  /* the reading child; pid 0: none */
	int done;               /* 1: the fields below are final */
	char *why;              /* the error, or NULL; owned */
	char *commit;           /* short hash of the commit read, owned */
	struct hist_file *v;    /* owned */
	int n, cap;
};

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
	if (dl_git_repository_open_ext(&repo, dir, 0, NULL) != 0 || !(rel = gitchild_relative_dir(repo, dir))) {
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
static void answer(void *ctx, struct buf *out)
{
	struct history *h = ctx;
	if (gitchild_open() != 0) {
		buf_addf(out, "Elibgit2 (%s) cannot be loaded; --since needs it", STAMP_LIBGIT2);
		return;
	}
	read_rev(h->dir, h->rev, out);
}

struct history *history_start(const char *dir, const char *rev)
{
	struct history *h = xcalloc(1, sizeof(*h));
	h->dir = xstrdup(dir);
	h->rev = xstrdup(rev);
	gitchild_start(&h->child, answer, h); /* without a child, history_wait answers here */
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
		if (h->child.pid)
			gitchild_collect(&h->child, &in, HISTORY_MAX_BYTES + HISTORY_SLACK);
		else
			answer(h, &in);
		parse(h, in.data, in.len);
		buf_done(&in);
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
