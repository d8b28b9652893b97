/* watch.c: inotify on the content folder and its subfolders (see watch.h).
 * Folders, not files, are watched: an editor that saves by writing a new
 * file and renaming it over the old one leaves a watch on the old file
 * looking at nothing. */
#include "watch.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

/* Folders deeper than this are not watched: a content folder is flat or
 * nearly so, and a symlink loop must not recurse for ever. */
#define WATCH_MAX_DEPTH 8

#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | \
                      IN_DELETE_SELF | IN_MOVE_SELF)

struct watch {
	int fd;        /* the inotify instance */
	char **dirs;   /* watched folder of each watch descriptor, owned */
	int ndirs;     /* entries of dirs (indexed by descriptor) */
};

static void add_dir(struct watch *w, const char *path, int depth)
{
	int wd = inotify_add_watch(w->fd, path, WATCH_EVENTS | IN_ONLYDIR);
	if (wd < 0)
		return;
	if (wd >= w->ndirs) {
		int old = w->ndirs;
		GROW(w->dirs, w->ndirs, wd + 1);
		memset(w->dirs + old, 0, sizeof(*w->dirs) * (size_t)(w->ndirs - old));
	}
	free(w->dirs[wd]);
	w->dirs[wd] = xstrdup(path);
	if (depth >= WATCH_MAX_DEPTH)
		return;
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		struct buf b;
		buf_init(&b);
		buf_addf(&b, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(b.data, &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(w, b.data, depth + 1);
		buf_done(&b);
	}
	closedir(d);
}

struct watch *watch_new(const char *dir)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct watch *w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	add_dir(w, dir, 0);
	return w;
}

void watch_free(struct watch *w)
{
	if (!w)
		return;
	close(w->fd);
	for (int i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	free(w);
}

/* 1 when a change to this name can matter to the book. */
static int relevant(const char *name)
{
	size_t n = strlen(name);
	if (!n || name[0] == '.' || name[n - 1] == '~')
		return 0;
	if (n > 4 && !strcasecmp(name + n - 4, ".pdf"))
		return 0;
	return strcmp(name, "4913") != 0; /* vim's probe that the folder is writable */
}

/* Reads what is pending; returns 1 when any of it matters, -1 on failure. */
static int drain(struct watch *w)
{
	char tmp[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int hit = 0;
	for (;;) {
		ssize_t k = read(w->fd, tmp, sizeof(tmp));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN)
			return hit;
		if (k <= 0)
			return -1;
		for (char *p = tmp; p < tmp + k;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			p += sizeof(*ev) + ev->len;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_Q_OVERFLOW)) {
				hit = 1;
				continue;
			}
			if (!ev->len || !relevant(ev->name))
				continue;
			hit = 1;
			/* a new folder: watch it too, its files may be images */
			if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR) && ev->wd >= 0 &&
			    ev->wd < w->ndirs && w->dirs[ev->wd]) {
				struct buf b;
				buf_init(&b);
				buf_addf(&b, "%s/%s", w->dirs[ev->wd], ev->name);
				add_dir(w, b.data, 1);
				buf_done(&b);
			}
		}
	}
}

int watch_wait(struct watch *w, int settle_ms)
{
	struct pollfd p = { w->fd, POLLIN, 0 };
	int changed = 0;
	for (;;) {
		int r = poll(&p, 1, changed ? settle_ms : -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0; /* quiet for settle_ms after a change */
		int h = drain(w);
		if (h < 0)
			return -1;
		changed |= h;
	}
}
