/* gitchild.c: libgit2 in a forked child (see gitchild.h). */
#include "gitchild.h"
#include "dlib.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define GITCHILD_DEFINE(f) __typeof__(f) *dl_##f;
GITCHILD_FUNCS(GITCHILD_DEFINE)

int gitchild_open(void)
{
	static int state;
	static const char *const names[] = { STAMP_LIBGIT2, NULL };
#define GITCHILD_SYM(f) { #f, (void **)&dl_##f },
	static const struct dlib_sym syms[] = { GITCHILD_FUNCS(GITCHILD_SYM) };
	int rc = dlib_open(&state, names, syms, DLIB_COUNT(syms));
	if (rc == 1)
		dl_git_libgit2_init();
	return rc < 0 ? -1 : 0;
}

/* 1 when path/name exists (of any type). */
static int exists_in(const char *path, const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	int n = snprintf(p, sizeof(p), "%s/%s", strcmp(path, "/") ? path : "", name);
	return n > 0 && (size_t)n < sizeof(p) && stat(p, &st) == 0;
}

int gitchild_maybe_repo(const char *dir)
{
	char p[PATH_MAX];
	if (!realpath(dir, p))
		return 1; /* cannot tell: let libgit2 say */
	for (;;) {
		if (exists_in(p, ".git") ||
		    (exists_in(p, "HEAD") && exists_in(p, "objects") && exists_in(p, "refs")))
			return 1;
		char *slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = 0;
	}
	return exists_in("/", ".git");
}

char *gitchild_relative_dir(git_repository *repo, const char *dir)
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

/* Writes all of out to fd; a reader that went away ends it. */
static void write_all(int fd, const struct buf *out)
{
	for (size_t off = 0; off < out->len;) {
		ssize_t k = write(fd, out->data + off, out->len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
}

int gitchild_start(struct gitchild *c, gitchild_fn *fn, void *ctx)
{
	c->pid = 0;
	c->fd = -1;
	int p[2];
	if (pipe(p) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		struct buf out;
		buf_init(&out);
		fn(ctx, &out);
		write_all(p[1], &out);
		_exit(0);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -1;
	}
	c->pid = pid;
	c->fd = p[0];
	return 0;
}

int gitchild_collect(struct gitchild *c, struct buf *in, size_t max)
{
	char chunk[65536];
	ssize_t k;
	/* Read to the end even past max, so the child never blocks on a full pipe. */
	while ((k = read(c->fd, chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
		if (k > 0 && in->len < max)
			buf_add(in, chunk, (size_t)k < max - in->len ? (size_t)k : max - in->len);
	close(c->fd);
	int status = 0;
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	c->pid = 0;
	c->fd = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		in->len = 0;
		return -1;
	}
	return 0;
}
