/* content.c: locating, reading and cleaning the Markdown files of a
 * framework.  It owns file I/O on the content folder; nothing else opens a
 * content file. */
#include "contentint.h"
#include "frontmatter.h"
#include "html.h"
#include "matrix.h"
#include "split.h"
#include "md.h"
#include "single.h"
#include "util.h"
#include "wikilink.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

char *content_join(const char *dir, const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, dir);
	if (b.len && b.data[b.len - 1] != '/')
		buf_addc(&b, '/');
	buf_adds(&b, name);
	return buf_detach(&b);
}

static void note_read(struct file_ids *ids, const struct stat *st)
{
	if (!ids)
		return;
	GROW(ids->v, ids->cap, ids->n + 1);
	ids->v[ids->n++] = (struct file_id){ (unsigned long long)st->st_dev, (unsigned long long)st->st_ino };
}

int content_has_read(const struct content *c, unsigned long long dev, unsigned long long ino)
{
	for (int i = 0; c->reads && i < c->reads->n; i++)
		if (c->reads->v[i].dev == dev && c->reads->v[i].ino == ino)
			return 1;
	return 0;
}

/* ---- confinement: every read resolves beneath the folder or its tree ----
 *
 * The folder is opened once (content_init) and every file is opened from
 * that descriptor, so a folder renamed or swapped during the run cannot
 * redirect a read.  openat2 with RESOLVE_BENEATH makes the kernel refuse
 * any path, symbolic link included, that resolves above the descriptor;
 * RESOLVE_NO_MAGICLINKS refuses /proc/self/fd-style links.  Where openat2
 * is missing (kernels before 5.6, seccomp filters), the path is resolved
 * with realpath and compared with the folder's real path: racy against a
 * link swapped in between, but still no escape by a link in place. */

int content_no_openat2;

/* Levels climbed from the folder looking for a .git entry: deeper paths
 * are pathological and the search just stops (images then stay in the
 * folder). */
#define CONTENT_MAX_CLIMB 256

struct content_fs {
	int dir;        /* O_PATH descriptor of the content folder, or -1 */
	int tree;       /* O_PATH descriptor of the Git work tree, or -1 (none: the folder) */
	char *real;     /* the folder's real path, or NULL when it could not be had */
	char *tree_real; /* the work tree's real path, or NULL */
	char *sub;      /* the folder relative to the tree, "" or ending in '/' */
	struct buf why; /* the last reason given, when it is composed */
};

static int same_file(int fd1, int fd2)
{
	struct stat a, b;
	return fstat(fd1, &a) == 0 && fstat(fd2, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Opens rel beneath dirfd: the descriptor, -1 with errno (EXDEV when the
 * path or a link in it leaves dirfd), or -2 when the kernel has no openat2. */
static int open_beneath(int dirfd, const char *rel, int flags)
{
#ifdef SYS_openat2
	static int missing; /* openat2 answered ENOSYS once: do not ask again */
	if (!content_no_openat2 && !missing) {
		struct open_how how;
		memset(&how, 0, sizeof(how));
		how.flags = (unsigned long long)(flags | O_CLOEXEC);
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
		long fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
		if (fd >= 0)
			return (int)fd;
		/* EPERM: older container seccomp filters answer so for unknown calls */
		if (errno != ENOSYS && errno != EPERM && errno != E2BIG)
			return -1;
		if (errno == ENOSYS)
			missing = 1;
	}
#else
	(void)dirfd, (void)rel, (void)flags;
#endif
	return -2;
}

/* 1 when path is base or beneath it; both are real paths. */
static int beneath(const char *path, const char *base)
{
	size_t n = strlen(base);
	if (n == 1 && base[0] == '/')
		return 1;
	return !strncmp(path, base, n) && (path[n] == '/' || path[n] == 0);
}

/* The real path of an open folder now, malloc'd, or NULL: what /proc
 * says of its descriptor (it follows a rename), else the path found at
 * the start; either only when it still names that folder. */
static char *fd_real(int fd, const char *stored)
{
	char link[64], buf[PATH_MAX];
	struct stat a, b;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);
	if (n > 0 && buf[0] == '/') {
		buf[n] = 0;
		stored = buf;
	}
	if (!stored || fstat(fd, &a) != 0 || stat(stored, &b) != 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino)
		return NULL;
	return xstrdup(stored);
}

/* The fallback: rel (already free of ".." leaving the scope) resolved by
 * realpath from dirfd's real path, refused with EXDEV when it lands
 * outside it, else opened without following a last link.  stored is the
 * real path found at the start, for when /proc is not there. */
static int open_resolved(int dirfd, const char *stored, const char *rel, int flags)
{
	char *base = fd_real(dirfd, stored);
	if (!base) {
		errno = ENOENT;
		return -1;
	}
	char *full = content_join(base, rel);
	char *res = realpath(full, NULL);
	free(full);
	int fd = -1;
	if (res && !beneath(res, base))
		errno = EXDEV;
	else if (res)
		fd = open(res, flags | O_NOFOLLOW | O_CLOEXEC);
	free(res);
	free(base);
	return fd;
}

/* rel, which openat2 refused beneath dirfd, resolved with realpath: when
 * that lands beneath dirfd's real path (an absolute link naming a file
 * inside), the resolved path opened beneath dirfd, so the kernel still
 * has the last word; else -1 with EXDEV. */
static int open_absolute_inside(int dirfd, const char *stored, const char *rel, int flags)
{
	int fd = -1;
	char *base = fd_real(dirfd, stored);
	char *full = base ? content_join(base, rel) : NULL;
	char *res = full ? realpath(full, NULL) : NULL;
	if (res && beneath(res, base) && strlen(res) > strlen(base)) {
		const char *inside = res + strlen(base);
		while (*inside == '/')
			inside++;
		fd = open_beneath(dirfd, inside, flags);
	}
	free(res);
	free(full);
	free(base);
	if (fd < 0)
		errno = EXDEV;
	return fd;
}

/* Finds the Git work tree holding the folder: the nearest of the folder
 * and its ancestors that has a .git entry (a folder, or a file in linked
 * work trees and submodules).  Git itself is not run and nothing under
 * .git is read.  Climbs by descriptors, then checks that the tree's real
 * path and the folder's agree (a bind mount or a concurrent rename could
 * make them differ: then there is no tree). */
static void find_tree(struct content_fs *fs)
{
	if (fs->dir < 0 || !fs->real)
		return;
	int cur = openat(fs->dir, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	int up_levels = 0;
	struct stat st;
	while (cur >= 0 && up_levels < CONTENT_MAX_CLIMB) {
		if (fstatat(cur, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0)
			break;
		int up = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (up < 0 || same_file(cur, up)) { /* the file system's root: no tree */
			if (up >= 0)
				close(up);
			close(cur);
			cur = -1;
			break;
		}
		close(cur);
		cur = up;
		up_levels++;
	}
	if (cur < 0)
		return;
	if (up_levels >= CONTENT_MAX_CLIMB) {
		close(cur);
		return;
	}
	/* the tree's real path: the folder's, less up_levels components */
	char *real = xstrdup(fs->real);
	size_t n = strlen(real);
	for (int i = 0; i < up_levels; i++) {
		while (n > 1 && real[n - 1] != '/')
			n--;
		if (n > 1)
			n--;
	}
	real[n] = 0;
	const char *sub = fs->real + n;
	while (*sub == '/')
		sub++;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, sub);
	buf_cstr(&b);
	int check = openat(cur, b.len ? b.data : ".", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (b.len)
		buf_addc(&b, '/');
	buf_cstr(&b);
	if (check >= 0 && same_file(check, fs->dir)) {
		fs->tree = cur;
		fs->tree_real = real;
		fs->sub = buf_detach(&b);
	} else {
		close(cur);
		free(real);
		buf_done(&b);
	}
	if (check >= 0)
		close(check);
}

static struct content_fs *fs_open(const char *dir)
{
	struct content_fs *fs = xcalloc(1, sizeof(*fs));
	fs->tree = -1;
	buf_init(&fs->why);
	fs->dir = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fs->dir < 0)
		return fs;
	/* the real path serves the fallback and the work tree's search; it
	 * must name the folder that was opened */
	struct stat a, b;
	char *real = realpath(dir, NULL);
	if (real && stat(real, &a) == 0 && fstat(fs->dir, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		fs->real = real;
	else
		free(real);
	find_tree(fs);
	return fs;
}

static void fs_close(struct content_fs *fs)
{
	if (!fs)
		return;
	if (fs->dir >= 0)
		close(fs->dir);
	if (fs->tree >= 0)
		close(fs->tree);
	free(fs->real);
	free(fs->tree_real);
	free(fs->sub);
	buf_done(&fs->why);
	free(fs);
}

/* The first component of rel (a path beneath the folder, no "..") that is
 * a symbolic link, or NULL: to name the link in a message.  Malloc'd. */
static char *first_link(int dirfd, const char *rel)
{
	struct stat st;
	for (const char *p = rel;;) {
		const char *e = strchr(p, '/');
		char *prefix = xstrndup(rel, e ? (size_t)(e - rel) : strlen(rel));
		if (fstatat(dirfd, prefix, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			return prefix;
		free(prefix);
		if (!e)
			return NULL;
		p = e + 1;
	}
}

/* Reads an opened file whole, noting its identity in ids. */
static char *read_fd(int fd, size_t *len, size_t max, const char **why, struct file_ids *ids)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory, not a file";
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = "is not a regular file";
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		*why = "is too large";
		return NULL;
	}
	note_read(ids, &st);
	struct buf b;
	buf_init(&b);
	char tmp[65536];
	for (;;) {
		ssize_t k = read(fd, tmp, sizeof(tmp));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			*why = "could not be read";
			buf_done(&b);
			return NULL;
		}
		if (k == 0)
			break;
		/* st_size is 0 for some files (/proc) and a file may grow */
		if (b.len + (size_t)k > max) {
			*why = "is too large";
			buf_done(&b);
			return NULL;
		}
		buf_add(&b, tmp, (size_t)k);
	}
	buf_cstr(&b);
	*len = b.len;
	return buf_detach(&b);
}

/* Printable ASCII and the white space cmark reads: copied as it is. */
static int plain_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Replaces what cmark would silently mangle or drop, naming each line once. */
char *content_clean_text(const char *s, size_t n, size_t *outlen, const char *path,
                        struct diags *d)
{
	struct buf b;
	buf_init(&b);
	size_t i = 0, bol = 0; /* bol: where the line starts, for the column */
	int line = 1, warned_line = 0;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = bol = 3;
	while (i < n) {
		/* runs of plain bytes go over in one copy */
		size_t j = i;
		while (j < n && plain_byte((unsigned char)s[j]))
			if (s[j++] == '\n') {
				line++;
				bol = j;
			}
		if (j > i) {
			buf_add(&b, s + i, j - i);
			i = j;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		const char *what = NULL;
		if (cp == 0xFFFD && !(k == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3)))
			what = "invalid UTF-8";
		else if (c == 0)
			what = "a NUL byte";
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			what = "a control character";
		if (what) {
			if (warned_line != line)
				diag_warn_at(d, path, line, (int)(i - bol) + 1, "%s, shown as \xEF\xBF\xBD", what);
			warned_line = line;
			buf_add_utf8(&b, 0xFFFD);
		} else {
			buf_add(&b, s + i, (size_t)k);
		}
		i += (size_t)k;
	}
	buf_cstr(&b);
	*outlen = b.len;
	return buf_detach(&b);
}

struct source *content_add_source(struct content *c, const char *name)
{
	GROW(c->v, c->cap, c->n + 1);
	struct source *s = &c->v[c->n++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->path = content_join(c->dir, name);
	return s;
}

int content_load_source(struct content *c, struct source *s, struct diags *d, const char *from,
                       int from_line, const char *url)
{
	const char *why = "";
	size_t len = 0;
	enum content_fail fail;
	char *raw = content_read_rel(c, s->name, SCOPE_FOLDER, &len, CONTENT_MAX_FILE, &why, &fail);
	if (!raw) {
		/* a link that escapes names the line that referenced it, or the file */
		if (fail == CONTENT_ESCAPES && from)
			diag_error(d, from, from_line, "level link %s %s; not read", url, why);
		else if (fail == CONTENT_ESCAPES)
			diag_error(d, s->path, 0, "%s %s; not read", s->name, why);
		else if (from)
			diag_error(d, from, from_line, "linked level file %s %s", s->path, why);
		else
			diag_error(d, s->path, 0, "cannot read: %s", why);
		return -1;
	}
	s->text = content_clean_text(raw, len, &s->len, s->path, d);
	free(raw);
	fm_read(s->text, s->len, s->path, &s->fm, d);
	md_site_markup(s->text, s->len, s->path, d);
	md_bound(&s->text, &s->len, s->path, d);
	s->root = md_parse(s->text, s->len);
	if (s->root) {
		html_rewrite(s->root, s->path, d);
		wikilink_rewrite(c, s, d);
	}
	if (!s->root) {
		diag_error(d, s->path, 0, "the Markdown parser failed");
		return -1;
	}
	return 0;
}

/* Percent-decodes a link path, dropping "./" prefixes and the fragment. */
char *content_link_path(const char *url)
{
	struct buf b;
	buf_init(&b);
	while (url[0] == '.' && url[1] == '/')
		url += 2;
	buf_add_url_path(&b, url);
	buf_cstr(&b);
	return buf_detach(&b);
}

/* "makers/senior_engineer.md" -> "senior engineer": the title a file with
 * no heading gets.  malloc'd. */
char *content_name_title(const char *name)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".md"))
		n -= 3;
	char *t = xstrndup(base, n);
	for (char *p = t; *p; p++)
		if (*p == '_' || *p == '-')
			*p = ' ';
	return t;
}

int content_is_md_link(const char *url)
{
	if (!url || !*url || url[0] == '#')
		return 0;
	for (const char *p = url; *p && *p != '/' && *p != '#'; p++)
		if (*p == ':')
			return 0; /* a scheme */
	char *path = content_link_path(url);
	size_t n = strlen(path);
	int md = n > 3 && !strcasecmp(path + n - 3, ".md");
	free(path);
	return md;
}

int content_followed(const struct content *c, const char *name)
{
	return c->followed && strmap_get(c->followed, name, NULL);
}

int content_find(const struct content *c, const char *target)
{
	char *path = content_link_path(target);
	int found = -1;
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].name, path)) {
			found = i;
			break;
		}
	free(path);
	return found;
}

int content_safe_rel(const char *rel)
{
	if (!*rel || rel[0] == '/')
		return 0;
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p += n + (e ? 1 : 0);
	}
	return 1;
}

/* sub + rel (a folder relative to the root, "" or ending in '/', and a
 * path relative to that folder) with "." and ".." applied as text, as a
 * browser reads a link: the path relative to the root, or NULL when ".."
 * climbs above it.  Malloc'd. */
char *content_tree_path(const char *sub, const char *rel)
{
	struct buf in, out;
	buf_init(&in);
	buf_init(&out);
	buf_adds(&in, sub);
	buf_adds(&in, rel);
	buf_cstr(&in);
	int ok = 1;
	for (const char *p = in.data; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!out.len) {
				ok = 0;
				break;
			}
			while (out.len && out.data[out.len - 1] != '/')
				out.len--;
			if (out.len)
				out.len--; /* the '/' before it */
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (out.len)
				buf_addc(&out, '/');
			buf_add(&out, p, n);
		}
		p += n + (e ? 1 : 0);
	}
	buf_done(&in);
	if (!ok || !out.len) {
		buf_done(&out);
		return NULL;
	}
	buf_cstr(&out);
	return buf_detach(&out);
}

/* The reason for a link that escapes, naming it when it can be found. */
static const char *escape_why(struct content_fs *fs, int dirfd, const char *rel, const char *where)
{
	char *link = dirfd >= 0 ? first_link(dirfd, rel) : NULL;
	fs->why.len = 0;
	buf_addf(&fs->why, "leads outside the %s through %s%s", where,
	         link ? "the symbolic link " : "a symbolic link",
	         link ? link : "");
	free(link);
	return buf_cstr(&fs->why);
}

char *content_read_rel(const struct content *c, const char *rel, enum content_scope scope,
                       size_t *len, size_t max, const char **why, enum content_fail *fail)
{
	enum content_fail dummy;
	if (!fail)
		fail = &dummy;
	*fail = CONTENT_UNREADABLE;
	struct content_fs *fs = c->fs;
	char *path = content_link_path(rel), *tpath = NULL, *data = NULL;
	char *fpath = NULL; /* SCOPE_TREE: the path relative to the folder, when inside it */
	/* SCOPE_TREE's root: the work tree, or the folder when there is none */
	int in_tree = scope == SCOPE_TREE && fs && fs->tree >= 0, root_rel = 0;
	const char *where = in_tree && *fs->sub ? "Git work tree" : "content folder";
	int fd = -1;
	if (!fs || fs->dir < 0) {
		*why = "cannot be read: the content folder cannot be opened";
		goto done;
	}
	if (scope == SCOPE_TREE) {
		/* ".." may lead to a sibling of the folder, never above the root;
		 * a link's ".." is read as text, as a browser reads it */
		if (*path == '/') {
			/* "/charts/x.png": from the site's root, the content folder
			 * (a Pages site in docs/), else from the repository's, as
			 * GitHub shows it */
			const char *r = path + strspn(path, "/");
			tpath = content_tree_path("", r);
			fpath = content_tree_path("", r);
			root_rel = 1;
		} else {
			fpath = content_tree_path("", path);
			tpath = content_tree_path(in_tree ? fs->sub : "", path);
		}
		if (!tpath) {
			*why = in_tree && *fs->sub ? "is outside the Git work tree"
			                           : "is outside the content folder";
			*fail = CONTENT_OUTSIDE;
			goto done;
		}
	} else if (!content_safe_rel(path)) {
		*why = "is outside the content folder";
		*fail = CONTENT_OUTSIDE;
		goto done;
	}
	int flags = O_RDONLY | O_NOCTTY | O_NONBLOCK;
	/* from the folder first: the common case, immune to a swapped parent */
	int rootfd = fs->dir;
	const char *rpath = scope == SCOPE_TREE ? fpath : path;
	if (rpath) {
		fd = open_beneath(rootfd, rpath, flags);
	} else {
		fd = -1;
		errno = EXDEV; /* ".." above the folder: from the tree */
	}
	if (fd == -1 && (errno == EXDEV || (root_rel && errno == ENOENT)) && in_tree) {
		rootfd = fs->tree;
		rpath = tpath;
		fd = open_beneath(rootfd, rpath, flags);
	}
	if (fd == -2 && root_rel) { /* the folder's root, then the tree's */
		rootfd = fs->dir;
		rpath = fpath;
		fd = open_resolved(rootfd, fs->real, rpath, flags);
		if (fd == -1 && errno == ENOENT && in_tree) {
			rootfd = fs->tree;
			rpath = tpath;
			fd = open_resolved(rootfd, fs->tree_real, rpath, flags);
		}
	} else if (fd == -2) {
		rootfd = in_tree ? fs->tree : fs->dir;
		rpath = tpath ? tpath : path;
		fd = open_resolved(rootfd, in_tree ? fs->tree_real : fs->real, rpath, flags);
	} else if (fd == -1 && errno == EXDEV) {
		/* RESOLVE_BENEATH refuses every absolute link, even one that
		 * names a file inside: resolved, that file opens beneath again */
		const char *base = rootfd == fs->tree ? fs->tree_real : fs->real;
		fd = open_absolute_inside(rootfd, base, rpath, flags);
	}
	if (fd < 0) {
		if (errno == EXDEV) {
			*fail = CONTENT_ESCAPES;
			*why = escape_why(fs, rootfd, rpath, where);
		} else if (errno == ENOENT || errno == ENOTDIR) {
			*fail = CONTENT_MISSING;
			*why = strerror(errno);
		} else {
			*why = strerror(errno);
		}
		goto done;
	}
	data = read_fd(fd, len, max, why, c->reads);
	if (data)
		*fail = CONTENT_READ_OK;
done:
	if (fd >= 0)
		close(fd);
	free(tpath);
	free(fpath);
	free(path);
	return data;
}

/* The folder rel (relative to the content folder) opened beneath it, or -1
 * (errno EXDEV when it leads outside). */
int content_open_folder(const struct content *c, const char *rel)
{
	if (!c->fs || c->fs->dir < 0)
		return -1;
	int flags = O_RDONLY | O_DIRECTORY;
	int fd = open_beneath(c->fs->dir, rel, flags);
	if (fd == -2)
		fd = open_resolved(c->fs->dir, c->fs->real, rel, flags);
	return fd;
}

void content_init(struct content *c, const char *dir)
{
	memset(c, 0, sizeof(*c));
	c->dir = xstrdup(dir);
	c->reads = xcalloc(1, sizeof(*c->reads));
	c->fs = fs_open(dir);
}

int content_add_text(struct content *c, const char *name, const char *text, size_t len,
                     struct diags *d)
{
	struct source *s = content_add_source(c, name);
	s->text = content_clean_text(text, len, &s->len, s->path, d);
	fm_read(s->text, s->len, s->path, &s->fm, d);
	md_site_markup(s->text, s->len, s->path, d);
	md_bound(&s->text, &s->len, s->path, d);
	s->root = md_parse(s->text, s->len);
	if (s->root)
		html_rewrite(s->root, s->path, d);
	return s->root ? 0 : -1;
}

int content_load(struct content *c, const char *dir, struct diags *d)
{
	if (!strcmp(dir, "-")) { /* a single-file framework on standard input */
		int rc = single_load_stdin(c, d);
		if (rc == 0)
			matrix_expand(c);
		return rc;
	}
	content_init(c, dir);
	if (c->fs->dir < 0) {
		if (errno == ENOTDIR)
			diag_error(d, dir, 0, "content folder is not a directory");
		else
			diag_error(d, dir, 0, "content folder: %s", strerror(errno));
		return -1;
	}
	struct strmap *names = strmap_new();
	char *rname = listing_overview_name(c);
	struct source *readme = listing_add_loaded(c, names, rname);
	free(rname);
	int rc = content_load_source(c, readme, d, NULL, 0, NULL);
	if (rc != 0)
		goto done;
	rc = listing_load(c, names, d);
	if (listing_unlisted(c, names, 0, d) != 0)
		rc = -1;
	if (rc == 0 && listing_levels(c) == 0 && listing_unlisted(c, names, 1, d) != 0)
		rc = -1;
	if (rc == 0)
		split_levels(c, d);
	if (rc == 0 && c->n < 2) {
		diag_error(d, c->v[0].path, 0, "no level files: link them from the README as .md files (in a list, a table or the text)");
		rc = -1;
	}
	if (rc == 0)
		matrix_expand(c);
done:
	strmap_free(names);
	return rc;
}

void content_release(struct content *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->v[i].text);
		c->v[i].text = NULL;
		c->v[i].len = 0;
		if (c->v[i].root)
			cmark_node_free(c->v[i].root);
		c->v[i].root = NULL;
	}
}

void content_done(struct content *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].name);
		free(c->v[i].text);
		free(c->v[i].part_of);
		free(c->v[i].matrix_in);
		fm_done(&c->v[i].fm);
		if (c->v[i].root)
			cmark_node_free(c->v[i].root);
	}
	free(c->v);
	free(c->dir);
	strmap_free(c->followed);
	if (c->reads)
		free(c->reads->v);
	free(c->reads);
	fs_close(c->fs);
	memset(c, 0, sizeof(*c));
}
