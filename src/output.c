/* output.c: the finished PDF onto the path -o names (see output.h).
 *
 *   struct output out;
 *   if (output_init(&out, path, d) == 0 && !is_an_input(out.dev, out.ino))
 *       output_write(&out, data, len, d);
 *   output_done(&out);
 *
 * A regular file is never written in place: a reader (a viewer, a print
 * queue) must see the old PDF or the new one, never half of each, and a
 * failed run must leave the old one.  So the bytes go to a temporary file
 * in the target's folder, are flushed, and the file is renamed over the
 * target.  Where the file system has O_TMPFILE the temporary file has no
 * name until it is complete, so a run killed even by SIGKILL leaves
 * nothing behind; elsewhere (EOPNOTSUPP, EISDIR on old kernels) a
 * mkstemp name is used with the catchable signals blocked.
 *
 * A device or FIFO is not a file to replace: renaming over /dev/null
 * would turn the device into a regular file (as root it did), and a FIFO
 * would lose its reader.  Those are written in place. */
#include "output.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Fresh hidden names tried for the link of an O_TMPFILE file: a clash
 * means another run is writing beside us at the same moment. */
#define OUTPUT_NAME_TRIES 100

/* The folder part of path with its slash ("dir/"), or "" for a bare name. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup("");
}

int output_init(struct output *out, const char *path, struct diags *d)
{
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		out->kind = OUTPUT_STDOUT;
		out->target = xstrdup(path);
		struct stat st;
		/* "-o - >>content/README.md" must not append a PDF to an input */
		if (fstat(1, &st) == 0 && S_ISREG(st.st_mode)) {
			out->exists = 1;
			out->dev = st.st_dev;
			out->ino = st.st_ino;
		}
		return 0;
	}
	/* Follow the symlinks ourselves rather than with realpath: a link to a
	 * file not yet made (a dangling link) is a valid output. */
	char *cur = xstrdup(path);
	struct stat st;
	int links = 0;
	for (;;) {
		if (lstat(cur, &st) != 0) {
			if (errno == ENOENT) {
				out->target = cur;
				out->kind = OUTPUT_FILE;
				return 0;
			}
			diag_error(d, path, 0, "cannot be used as the output: %s", strerror(errno));
			free(cur);
			return -1;
		}
		if (!S_ISLNK(st.st_mode))
			break;
		if (++links > OUTPUT_MAX_LINKS) {
			diag_error(d, path, 0, "cannot be used as the output: too many levels of symbolic links");
			free(cur);
			return -1;
		}
		char to[4096];
		ssize_t n = readlink(cur, to, sizeof(to) - 1);
		if (n < 0 || n >= (ssize_t)sizeof(to) - 1) {
			diag_error(d, path, 0, "cannot be used as the output: the link cannot be read");
			free(cur);
			return -1;
		}
		to[n] = 0;
		struct buf b;
		buf_init(&b);
		if (to[0] != '/') {
			char *dir = dir_of(cur);
			buf_adds(&b, dir);
			free(dir);
		}
		buf_adds(&b, to);
		free(cur);
		cur = buf_detach(&b);
	}
	out->target = cur;
	out->exists = 1;
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	if (S_ISREG(st.st_mode)) {
		out->kind = OUTPUT_FILE;
	} else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		out->kind = OUTPUT_STREAM;
	} else if (S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, "is a folder; -o takes a file name");
		return -1;
	} else {
		diag_error(d, path, 0, "is a special file (not a regular file, a character device or a FIFO); "
		                       "not written");
		return -1;
	}
	return 0;
}

void output_done(struct output *out)
{
	free(out->path);
	free(out->target);
	memset(out, 0, sizeof(*out));
}

/* Writes all of data to fd.  Returns 0, or -1 with errno set (ENOSPC for
 * a write that takes nothing). */
static int write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t k = write(fd, data + off, len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0) {
			errno = ENOSPC;
			return -1;
		}
		off += (size_t)k;
	}
	return 0;
}

/* Writes data to fd and flushes it.  Returns 0, or -1 with an error
 * naming path. */
static int fill(int fd, const char *path, const char *data, size_t len, struct diags *d)
{
	if (write_all(fd, data, len) != 0 || (fsync(fd) != 0 && errno != EINVAL)) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Closes fd; a failure is a failed write (NFS reports them here). */
static int close_checked(int fd, const char *path, int rc, struct diags *d)
{
	if (close(fd) != 0 && rc == 0) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Blocks the signals a user sends to stop a run, so that a run stopped
 * between naming the temporary file and renaming it cleans up first. */
static void block_signals(sigset_t *old)
{
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, old);
}

/* The fallback: a named temporary file, removed on any failure.  The
 * catchable signals are blocked for the whole write; only SIGKILL (or a
 * crash) can leave the .handbook-XXXXXX file. */
static int write_named(const struct output *out, const char *data, size_t len, struct diags *d)
{
	sigset_t old;
	block_signals(&old);
	char *dir = dir_of(out->target);
	struct buf tmp;
	buf_init(&tmp);
	buf_adds(&tmp, dir);
	buf_adds(&tmp, ".handbook-XXXXXX");
	char *t = buf_detach(&tmp);
	int rc = -1;
	int fd = mkstemp(t);
	if (fd < 0) {
		diag_error(d, out->path, 0, "cannot create a file in its folder: %s", strerror(errno));
		goto done;
	}
	if (close_checked(fd, out->path, fill(fd, out->path, data, len, d), d) != 0) {
		unlink(t);
		goto done;
	}
	/* the result is readable like any file the user makes */
	mode_t um = umask(0);
	umask(um);
	chmod(t, 0666 & ~um);
	if (rename(t, out->target) != 0) {
		diag_error(d, out->path, 0, "cannot replace: %s", strerror(errno));
		unlink(t);
		goto done;
	}
	rc = 0;
done:
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(dir);
	free(t);
	return rc;
}

/* Gives the unnamed file fd the name `name`.  Through /proc first (any
 * user may), then AT_EMPTY_PATH (needs CAP_DAC_READ_SEARCH, so mostly
 * root, but works without /proc).  Returns 0 or -1 with errno. */
static int link_tmpfile(int fd, const char *name)
{
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	return linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
}

/* O_TMPFILE: the bytes go to a file without a name, which gets one only
 * when complete.  linkat cannot replace an existing name, so the file is
 * linked to a fresh hidden name and renamed over the target.  A SIGKILL
 * between those two calls (microseconds) is the only way to leave the
 * hidden name behind; the catchable signals are blocked across them.
 * Returns 0, -1 with an error in d, or 1 when O_TMPFILE or the link is
 * not available here (nothing reported, nothing left: use write_named). */
static int write_unnamed(const struct output *out, const char *data, size_t len, struct diags *d)
{
	char *dir = dir_of(out->target);
	struct buf name;
	buf_init(&name);
	int rc = -1;
	int fd = open(*dir ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0) {
		/* EOPNOTSUPP: the file system lacks it; EISDIR: the kernel does */
		if (errno == EOPNOTSUPP || errno == EISDIR)
			rc = 1;
		else
			diag_error(d, out->path, 0, "cannot create a file in its folder: %s", strerror(errno));
		goto done;
	}
	if (fill(fd, out->path, data, len, d) != 0)
		goto done;
	sigset_t old;
	block_signals(&old);
	static unsigned serial; /* --all-roles links several files per process */
	int linked = -1;
	for (int i = 0; i < OUTPUT_NAME_TRIES && linked != 0; i++) {
		name.len = 0;
		unsigned r = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL) ^ (serial++ * 40503u);
		buf_addf(&name, "%s.handbook-%06x", dir, r & 0xffffffu);
		linked = link_tmpfile(fd, buf_cstr(&name));
		if (linked != 0 && errno != EEXIST)
			break;
	}
	if (linked != 0) {
		rc = 1; /* no /proc and no CAP_DAC_READ_SEARCH: the named way works */
	} else if (rename(name.data, out->target) != 0) {
		diag_error(d, out->path, 0, "cannot replace: %s", strerror(errno));
		unlink(name.data);
	} else {
		rc = 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
done:
	if (fd >= 0)
		rc = close_checked(fd, out->path, rc, d);
	buf_done(&name);
	free(dir);
	return rc;
}

int output_write(const struct output *out, const char *data, size_t len, struct diags *d)
{
	if (out->kind == OUTPUT_STDOUT) {
		if (write_all(1, data, len) != 0) {
			diag_error(d, NULL, 0, "cannot write the PDF to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (out->kind == OUTPUT_STREAM) {
		/* O_NOFOLLOW and no O_CREAT: if the device or FIFO was swapped for
		 * something else since output_init, refuse rather than make a file */
		int fd = open(out->target, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
		struct stat st;
		if (fd < 0) {
			diag_error(d, out->path, 0, "cannot write: %s", strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
			close(fd);
			diag_error(d, out->path, 0, "is no longer a device or FIFO; not written");
			return -1;
		}
		return close_checked(fd, out->path, fill(fd, out->path, data, len, d), d);
	}
	int rc = write_unnamed(out, data, len, d);
	return rc == 1 ? write_named(out, data, len, d) : rc;
}
