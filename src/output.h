/* output.h: where the finished PDF goes, and how it gets there.
 *
 * output_init decides what kind of thing -o names, before anything is
 * written:
 *
 *   "-"                     standard output (OUTPUT_STDOUT)
 *   a character device or   written directly, in place (OUTPUT_STREAM):
 *   a FIFO                  /dev/null stays a device, a FIFO a FIFO
 *   a regular file, or      replaced atomically (OUTPUT_FILE): a
 *   nothing yet             temporary file beside it, renamed over it
 *   a symlink               followed to its target, which is then one of
 *                           the above (the link itself stays a link)
 *   a folder or any other   an error
 *   special file
 *
 * output_write then writes the bytes.  A failed write leaves an existing
 * file as it was and no temporary file behind; where the file system has
 * O_TMPFILE, not even a SIGKILL mid-write leaves one.
 *
 * Neither prints: errors are diags naming the path. */
#ifndef HANDBOOK_OUTPUT_H
#define HANDBOOK_OUTPUT_H

#include <stddef.h>

#include "diagnostics.h"

enum output_kind {
	OUTPUT_FILE,    /* a regular file, replaced atomically */
	OUTPUT_STREAM,  /* a character device or FIFO, written in place */
	OUTPUT_STDOUT,  /* "-": file descriptor 1 */
	OUTPUT__MAX
};

struct output {
	char *path;        /* as given, for messages; owned */
	char *target;      /* the file written: path with its symlinks followed; owned */
	enum output_kind kind;
	int exists;        /* 1: target exists (for "-": fd 1 is a regular file); dev, ino valid */
	unsigned long long dev, ino; /* its identity, to compare with the inputs */
};

/* Resolves and classifies path.  Returns 0, or -1 with an error naming
 * path (a folder, a socket, a symlink loop, a folder that cannot be
 * read).  Call output_done either way. */
int output_init(struct output *out, const char *path, struct diags *d);
void output_done(struct output *out);

/* Writes len bytes of data to out.  Returns 0, or -1 with an error in d;
 * an OUTPUT_FILE is then untouched.  A stream may have received part of
 * the bytes (a closed pipe, a full disk behind a device). */
int output_write(const struct output *out, const char *data, size_t len, struct diags *d);

/* Symlinks followed from -o before giving up: the kernel's own limit
 * (MAXSYMLINKS), so that a loop is an error rather than a hang. */
#define OUTPUT_MAX_LINKS 40

#endif
