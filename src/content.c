/* content.c: locating, reading and cleaning the Markdown files of a
 * framework.  It owns file I/O on the content folder; nothing else opens a
 * content file. */
#include "content.h"
#include "md.h"
#include "single.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static char *join(const char *dir, const char *name)
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

/* Reads a whole regular file, noting its identity in ids; on failure
 * returns NULL and a reason. */
static char *read_file(const char *path, size_t *len, size_t max, const char **why,
                       struct file_ids *ids)
{
	struct stat st;
	if (stat(path, &st) != 0) {
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
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		*why = strerror(errno);
		return NULL;
	}
	note_read(ids, &st);
	struct buf b;
	buf_init(&b);
	char tmp[65536];
	size_t k;
	while ((k = fread(tmp, 1, sizeof(tmp), fp)) > 0) {
		if (b.len + k > max) {
			*why = "is too large";
			buf_done(&b);
			fclose(fp);
			return NULL;
		}
		buf_add(&b, tmp, k);
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		*why = "could not be read";
		buf_done(&b);
		return NULL;
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
static char *clean_text(const char *s, size_t n, size_t *outlen, const char *path,
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

static struct source *add_source(struct content *c, const char *name)
{
	GROW(c->v, c->cap, c->n + 1);
	struct source *s = &c->v[c->n++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->path = join(c->dir, name);
	return s;
}

static int load_source(struct content *c, struct source *s, struct diags *d, const char *from,
                       int from_line)
{
	const char *why = "";
	size_t len = 0;
	char *raw = read_file(s->path, &len, CONTENT_MAX_FILE, &why, c->reads);
	if (!raw) {
		if (from)
			diag_error(d, from, from_line, "linked level file %s %s", s->path, why);
		else
			diag_error(d, s->path, 0, "cannot read: %s", why);
		return -1;
	}
	s->text = clean_text(raw, len, &s->len, s->path, d);
	free(raw);
	s->root = md_parse(s->text, s->len);
	if (!s->root) {
		diag_error(d, s->path, 0, "the Markdown parser failed");
		return -1;
	}
	return 0;
}

/* Percent-decodes a link path, dropping "./" prefixes and the fragment. */
static char *link_path(const char *url)
{
	struct buf b;
	buf_init(&b);
	while (url[0] == '.' && url[1] == '/')
		url += 2;
	for (const char *p = url; *p && *p != '#' && *p != '?'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], 0 };
			buf_addc(&b, (int)strtol(hex, NULL, 16));
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

int content_is_md_link(const char *url)
{
	if (!url || !*url || url[0] == '#')
		return 0;
	for (const char *p = url; *p && *p != '/' && *p != '#'; p++)
		if (*p == ':')
			return 0; /* a scheme */
	char *path = link_path(url);
	size_t n = strlen(path);
	int md = n > 3 && !strcasecmp(path + n - 3, ".md");
	free(path);
	return md;
}

int content_find(const struct content *c, const char *target)
{
	char *path = link_path(target);
	int found = -1;
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].name, path)) {
			found = i;
			break;
		}
	free(path);
	return found;
}

static int safe_rel(const char *rel)
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

char *content_read_rel(const struct content *c, const char *rel, size_t *len,
                       size_t max, const char **why)
{
	char *path = link_path(rel);
	if (!safe_rel(path)) {
		*why = "is outside the content folder";
		free(path);
		return NULL;
	}
	char *full = join(c->dir, path);
	char *data = read_file(full, len, max, why, c->reads);
	free(full);
	free(path);
	return data;
}

/* content_find over the names loaded so far, in constant time: the README
 * of a large framework lists thousands of files. */
static int loaded(const struct strmap *names, const char *target)
{
	char *path = link_path(target);
	int found = strmap_get(names, path, NULL);
	free(path);
	return found;
}

static struct source *add_loaded(struct content *c, struct strmap *names, const char *name)
{
	struct source *s = add_source(c, name);
	strmap_put(names, s->name, c->n - 1);
	return s;
}

/* Links from the README's lists to local Markdown files, in order. */
static int load_listed(struct content *c, struct strmap *names, struct diags *d)
{
	/* the README's path, not a pointer to its source: adding sources moves c->v */
	const char *readme = c->v[0].path;
	cmark_iter *it = cmark_iter_new(c->v[0].root);
	cmark_event_type ev;
	int rc = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		int in_list = 0;
		for (cmark_node *p = n; p; p = cmark_node_parent(p))
			if (cmark_node_get_type(p) == CMARK_NODE_ITEM)
				in_list = 1;
		if (!in_list || !content_is_md_link(url))
			continue;
		int line = md_line(n);
		char *path = link_path(url);
		if (!safe_rel(path)) {
			diag_error_at(d, readme, line, cmark_node_get_start_column(n),
			              "level link %s leads outside the content folder", url);
			rc = -1;
		} else if (!strcasecmp(path, "README.md")) {
			/* a link back to the overview is not a level */
		} else if (loaded(names, path)) {
			diag_warn_at(d, readme, line, cmark_node_get_start_column(n),
			             "%s is listed twice; the second link is ignored", path);
		} else {
			struct source *s = add_loaded(c, names, path);
			s->listed_line = line;
			if (load_source(c, s, d, readme, line) != 0)
				rc = -1;
		}
		free(path);
	}
	cmark_iter_free(it);
	return rc;
}

static int is_level_name(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && !strcasecmp(name + n - 3, ".md") && (name[0] == 'L' || name[0] == 'l') &&
	       isdigit((unsigned char)name[1]);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Level files on disk that the README does not list: appended, sorted. */
static int load_unlisted(struct content *c, const struct strmap *seen, struct diags *d)
{
	DIR *dir = opendir(c->dir);
	if (!dir)
		return 0;
	char **names = NULL;
	int n = 0, cap = 0, rc = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (!is_level_name(e->d_name) || loaded(seen, e->d_name))
			continue;
		GROW(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(names, (size_t)n, sizeof(*names), cmp_str);
	for (int i = 0; i < n; i++) {
		struct source *s = add_source(c, names[i]);
		diag_warn(d, s->path, 0, "level file is not listed in %s; appended after the listed levels",
		          c->v[0].path);
		if (load_source(c, s, d, NULL, 0) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

void content_init(struct content *c, const char *dir)
{
	memset(c, 0, sizeof(*c));
	c->dir = xstrdup(dir);
	c->reads = xcalloc(1, sizeof(*c->reads));
}

int content_add_text(struct content *c, const char *name, const char *text, size_t len,
                     struct diags *d)
{
	struct source *s = add_source(c, name);
	s->text = clean_text(text, len, &s->len, s->path, d);
	s->root = md_parse(s->text, s->len);
	return s->root ? 0 : -1;
}

int content_load(struct content *c, const char *dir, struct diags *d)
{
	if (!strcmp(dir, "-")) /* a single-file framework on standard input */
		return single_load_stdin(c, d);
	content_init(c, dir);
	struct stat st;
	if (stat(dir, &st) != 0) {
		diag_error(d, dir, 0, "content folder: %s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, dir, 0, "content folder is not a directory");
		return -1;
	}
	struct strmap *names = strmap_new();
	struct source *readme = add_loaded(c, names, "README.md");
	int rc = load_source(c, readme, d, NULL, 0);
	if (rc != 0)
		goto done;
	rc = load_listed(c, names, d);
	if (load_unlisted(c, names, d) != 0)
		rc = -1;
	if (rc == 0 && c->n < 2) {
		diag_error(d, c->v[0].path, 0, "no level files: list them as links to .md files in a list");
		rc = -1;
	}
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
		if (c->v[i].root)
			cmark_node_free(c->v[i].root);
	}
	free(c->v);
	free(c->dir);
	if (c->reads)
		free(c->reads->v);
	free(c->reads);
	memset(c, 0, sizeof(*c));
}
