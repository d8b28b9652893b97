/* stamp.h: what Git says about the content folder, read with libgit2.
 *
 * The title page shows the content's version (the short hash of HEAD, with
 * "+dirty" when the content folder has changes) and, when no date was
 * given, the edition is dated by the last commit that touched the folder.
 * libgit2 reads the repository; no git program runs, so nothing a
 * repository's configuration names (core.fsmonitor, hooks, filters) is
 * ever executed, whoever wrote the content.
 *
 *   struct stamp *s = stamp_start(dir, want_date);   a child process starts reading
 *   o.stamp = stamp_get; o.stamp_ctx = s;            book.c asks when it needs it
 *   stamp_free(s);                                    reaps the child
 *
 * stamp_start forks: call it before the program starts any thread.
 *
 * Never fails: outside a repository (or one libgit2 refuses, such as one
 * owned by another user) there is simply no version and no date. */
#ifndef HANDBOOK_STAMP_H
#define HANDBOOK_STAMP_H

struct stamp;

/* Starts reading the repository that holds dir (in a child process, or
 * later in stamp_get when none can be started).  want_date: also find the
 * last commit touching dir (a walk of the history; skipped when the date
 * is already known). */
struct stamp *stamp_start(const char *dir, int want_date);

/* book_opts.stamp: waits for the answer; fills in *year, *month, *day from
 * the last commit when *year is 0 and one was found; *version is the
 * version ("1a2b3c4", "1a2b3c4+dirty") or NULL, owned by the stamp. */
void stamp_get(void *ctx, int *year, int *month, int *day, const char **version);

void stamp_free(struct stamp *s);

/* The last second a PDF date (D:YYYYMMDD..., four-digit year) can hold:
 * 9999-12-31 23:59:59 UTC.  Later epochs are refused, not wrapped. */
#define STAMP_MAX_EPOCH 253402300799LL

/* The UTC calendar date of epoch second t.  Returns 0, or -1 when t is
 * before 1970 or after STAMP_MAX_EPOCH. */
int stamp_epoch_date(long long t, int *year, int *month, int *day);

#endif
