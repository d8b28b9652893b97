/* gitchild.h: libgit2 in a forked child, for stamp.c and history.c.
 *
 * libgit2 is opened with dlopen in the child, never linked: loading it and
 * the libraries it needs (TLS, SSH, HTTP parsing) would cost every run's
 * start milliseconds and megabytes for an answer only the child needs; no
 * program a repository's configuration names is ever run; and a crash
 * inside the library is the child's.  The child writes its answer to a
 * pipe and leaves with _exit, so nothing of the parent's (stdio buffers)
 * is flushed twice.
 *
 *   struct gitchild c;
 *   if (gitchild_start(&c, answer, ctx) != 0) ... answer here instead
 *   gitchild_collect(&c, &in, max);                waits for the answer
 *
 * gitchild_start forks: call it before the program starts any thread. */
#ifndef HANDBOOK_GITCHILD_H
#define HANDBOOK_GITCHILD_H

#include "util.h"

#include <git2.h>
#include <stddef.h>
#include <sys/types.h>

/* The Makefile passes the soname it found. */
#ifndef STAMP_LIBGIT2
#define STAMP_LIBGIT2 "libgit2.so.1.5"
#endif

/* Every libgit2 function stamp.c and history.c call, as dl_<name>. */
#define GITCHILD_FUNCS(X) \
	X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) X(git_blob_rawsize) \
	X(git_buf_dispose) X(git_commit_free) X(git_commit_lookup) X(git_commit_parent) \
	X(git_commit_parentcount) X(git_commit_time) X(git_commit_tree) X(git_commit_tree_id) \
	X(git_libgit2_init) X(git_libgit2_shutdown) X(git_object_free) X(git_object_id) \
	X(git_object_short_id) X(git_oid_cpy) X(git_oid_equal) X(git_repository_free) \
	X(git_repository_is_bare) X(git_repository_open_ext) X(git_repository_workdir) \
	X(git_revparse_single) X(git_revwalk_free) X(git_revwalk_new) X(git_revwalk_next) \
	X(git_revwalk_push) X(git_revwalk_push_head) X(git_revwalk_sorting) \
	X(git_status_list_entrycount) X(git_status_list_free) X(git_status_list_new) \
	X(git_status_options_init) X(git_tree_entry_bypath) X(git_tree_entry_filemode) \
	X(git_tree_entry_free) X(git_tree_entry_id) X(git_tree_entry_name) X(git_tree_entry_type) \
	X(git_tree_free) X(git_tree_lookup) X(git_tree_walk)
#define GITCHILD_DECLARE(f) extern __typeof__(f) *dl_##f;
GITCHILD_FUNCS(GITCHILD_DECLARE)
#undef GITCHILD_DECLARE

/* Opens libgit2, finds every function above and initialises the library
 * (once per process).  Returns 0, or -1 when it cannot be loaded. */
int gitchild_open(void);

/* 0 when no folder from dir up to / holds a `.git` or is a repository
 * itself (HEAD, objects and refs), the places libgit2 looks without
 * GIT_DIR: then no repository can hold dir and nothing need be loaded or
 * forked.  1 when one might (libgit2 decides).  A few stat calls. */
int gitchild_maybe_repo(const char *dir);

/* dir relative to the repository's work tree ("" for its root), or NULL
 * when dir is not inside it.  Both are resolved first, so that a
 * symlinked path to the content still matches.  Owned by the caller. */
char *gitchild_relative_dir(git_repository *repo, const char *dir);

struct gitchild {
	pid_t pid; /* the child; 0: none */
	int fd;    /* read end of its pipe */
};

/* Writes the child's whole answer into out. */
typedef void gitchild_fn(void *ctx, struct buf *out);

/* Runs fn(ctx) in a forked child.  Returns 0, or -1 when no child could
 * be started (c->pid is then 0 and the caller answers in process). */
int gitchild_start(struct gitchild *c, gitchild_fn *fn, void *ctx);

/* Reads the child's answer (at most max bytes are kept) into in and reaps
 * it.  Returns 0, or -1 with in emptied when the child did not exit
 * cleanly. */
int gitchild_collect(struct gitchild *c, struct buf *in, size_t max);

#endif
