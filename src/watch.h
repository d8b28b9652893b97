/* watch.h: waiting for the content to change, for --watch (Linux inotify).
 *
 *	struct watch *w = watch_new(dir);      NULL: errno says why
 *	while (watch_wait(w, WATCH_SETTLE_MS) == 0)
 *		rebuild;
 *	watch_free(w);
 *
 * The content folder and every folder under it are watched, so any file the
 * book reads from it (the README, levels, images, index terms) counts,
 * whether an editor rewrites it in place or saves a new file over it.
 * Hidden files, backups ending in '~' and PDFs are ignored: editors' swap
 * files and the book's own output must not start a rebuild. */
#ifndef HANDBOOK_WATCH_H
#define HANDBOOK_WATCH_H

/* After a change, further changes within this many milliseconds join the
 * same rebuild: a save is often a write and a rename, and a checkout many
 * files.  Short, because a save should show in under 100 ms. */
#define WATCH_SETTLE_MS 10

struct watch;

struct watch *watch_new(const char *dir);
/* Blocks until something under the folder changed and settle_ms passed
 * with no further change.  Returns 0, or -1 when watching failed. */
int watch_wait(struct watch *w, int settle_ms);
void watch_free(struct watch *w);

#endif
