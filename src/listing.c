/* listing.c: which files make the book.  It follows the README's links
 * (a list or table of links, links in paragraphs, landing pages, folders)
 * from each linking file's own folder, and finds level files no link
 * names.  Reads go through content.c's confined reads. */
#include "contentint.h"
#include "frontmatter.h"
#include "html.h"
#include "md.h"
#include "sitenav.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ctype.h>

/* content_find over the names loaded so far, in constant time: the README
 * of a large framework lists thousands of files. */
static int listing_loaded(const struct strmap *names, const char *target)
{
	if (!names)
		return 0;
	char *path = content_link_path(target);
	int found = strmap_get(names, path, NULL);
	free(path);
	return found;
}

struct source *listing_add_loaded(struct content *c, struct strmap *names, const char *name)
{
	struct source *s = content_add_source(c, name);
	strmap_put(names, s->name, c->n - 1);
	return s;
}

/* Markdown a framework's README links to that is about the repository, not
 * the framework: never a chapter.  Compared with the file's base name,
 * without case and extension. */
static const char *const repo_files[] = { "contributing", "license", "licence", "changelog",
	                                      "code_of_conduct", "code-of-conduct", "security", "authors",
	                                      "_sidebar", "_footer", "_header" /* a GitHub wiki's frame */ };

static int repo_file(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".md"))
		n -= 3;
	for (size_t i = 0; i < sizeof(repo_files) / sizeof(*repo_files); i++)
		if (strlen(repo_files[i]) == n && !strncasecmp(base, repo_files[i], n))
			return 1;
	return 0;
}

/* 1 when the link stands in a list item or a table cell: the places a role
 * list is written in. */
static int in_listing(cmark_node *n)
{
	for (cmark_node *p = n; p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_ITEM || md_is(p, "table_cell"))
			return 1;
	return 0;
}

/* What kind of role list holds link n: 'L' a list, 'T' a table. */
static char listing_kind(cmark_node *n)
{
	for (cmark_node *p = n; p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_ITEM)
			return 'L';
		else if (md_is(p, "table_cell"))
			return 'T';
	return 0;
}

/* 1 when the link is in a table's header row. */
static int in_table_header(cmark_node *n)
{
	for (cmark_node *p = n; p; p = cmark_node_parent(p))
		if (md_is(p, "table_header"))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a folder scan keeps. */
enum scan_keep {
	SCAN_LEVELS,   /* level files by name: L<digit>... */
	SCAN_MARKDOWN, /* any Markdown file but a repository page and landing pages */
	SCAN__MAX
};

/* Folders below the content folder searched for level files when the
 * README links none: a ladder kept in docs/levels/ or one folder per
 * track is two deep; deeper trees are a site's sources, not a ladder. */
#define LISTING_MAX_SCAN_DEPTH 3

static int is_level_name(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && !strcasecmp(name + n - 3, ".md") && (name[0] == 'L' || name[0] == 'l') &&
	       isdigit((unsigned char)name[1]);
}

/* The one folder scan: the files of folder rel ("" the content folder)
 * that keep takes and seen does not hold, as paths relative to the
 * content folder in name order; with subs, its subfolders (no dot
 * folders) too, in *subs.  Returns how many files (malloc'd array of
 * malloc'd names in *out). */
static int scan_folder(const struct content *c, const char *rel, enum scan_keep keep,
                       const struct strmap *seen, char ***out, char ***subs, int *nsubs)
{
	/* a new open of the folder each time: a DIR moves its descriptor's offset */
	int fd = content_open_folder(c, *rel ? rel : ".");
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	int n = 0, cap = 0, scap = 0;
	*out = NULL;
	if (subs)
		*subs = NULL, *nsubs = 0;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	struct buf b;
	buf_init(&b);
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		const char *nm = e->d_name;
		size_t len = strlen(nm);
		b.len = 0;
		if (*rel)
			buf_addf(&b, "%s/", rel);
		buf_adds(&b, nm);
		buf_cstr(&b);
		struct stat st;
		if (nm[0] == '.')
			continue;
		if (subs && fstatat(dirfd(dir), nm, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
			/* a site generator's own folders (_layouts, _site) and
			 * installed packages hold no level */
			if (nm[0] != '_' && strcmp(nm, "node_modules") && strcmp(nm, "vendor")) {
				GROW(*subs, scap, *nsubs + 1);
				(*subs)[(*nsubs)++] = xstrdup(b.data);
			}
			continue;
		}
		int md = len > 3 && !strcasecmp(nm + len - 3, ".md") && !repo_file(nm) &&
		         strcasecmp(nm, "index.md") && strcasecmp(nm, "readme.md");
		if (!(keep == SCAN_MARKDOWN ? md : is_level_name(nm)) || listing_loaded(seen, b.data))
			continue;
		GROW(*out, cap, n + 1);
		(*out)[n++] = xstrdup(b.data);
	}
	closedir(dir);
	buf_done(&b);
	if (n > 1)
		qsort(*out, (size_t)n, sizeof(**out), cmp_str);
	if (subs && *nsubs > 1)
		qsort(*subs, (size_t)*nsubs, sizeof(**subs), cmp_str);
	return n;
}

/* Landing pages (index.md, a folder's README) followed from the README
 * through each other: deeper chains are not a role list. */
#define CONTENT_MAX_LANDING 8

/* 1 when a file, by its name, is a landing page: index.md or a README in
 * a subfolder, whose links list the levels. */
static int landing_name(const char *path)
{
	const char *base = strrchr(path, '/');
	if (!base) /* the root's README is the overview itself; its index.md a site's home page */
		return !strcasecmp(path, "index.md");
	base++;
	return !strcasecmp(base, "index.md") || !strcasecmp(base, "readme.md");
}

/* A link that names no file but may name a folder: no scheme, no
 * fragment only, and no ".md" (a folder named so is not followed). */
static int folder_link(const char *url)
{
	if (!url || !*url || url[0] == '#' || content_is_md_link(url))
		return 0;
	for (const char *p = url; *p && *p != '/' && *p != '#'; p++)
		if (*p == ':')
			return 0;
	char *path = content_link_path(url);
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	/* "docs/levels/" or "levels"; not "chart.png" */
	int ok = *path && (path[strlen(path) - 1] == '/' || !dot || (slash && dot < slash));
	free(path);
	return ok;
}


struct listing {
	struct strmap *names;   /* loaded sources: name -> index */
	struct strmap *listed;  /* linked from a list or table so far */
	struct strmap *landing; /* landing pages and folders followed */
	struct diags *d;
};

static int load_links(struct content *c, struct listing *ls, cmark_node *root, const char *from,
                      const char *base, int depth);

/* Follows a landing page: its links list the levels, read from its own
 * folder.  Its own text is a chapter before them (source.landing: never a
 * role). */
static int load_landing(struct content *c, struct listing *ls, const char *rel, const char *from,
                        int line, const char *url, int depth)
{
	if (strmap_get(ls->landing, rel, NULL))
		return 0;
	strmap_put(ls->landing, rel, 1);
	if (depth >= CONTENT_MAX_LANDING) {
		diag_warn(ls->d, from, line, "%s: landing pages nested deeper than %d are not followed", url,
		          CONTENT_MAX_LANDING);
		return 0;
	}
	const char *why = "";
	size_t len = 0;
	enum content_fail fail;
	char *raw = content_read_rel(c, rel, SCOPE_FOLDER, &len, CONTENT_MAX_FILE, &why, &fail);
	if (!raw) {
		char *path = content_join(c->dir, rel);
		diag_error(ls->d, from, line, "linked page %s %s", path, why);
		free(path);
		return -1;
	}
	struct source *s = listing_add_loaded(c, ls->names, rel);
	s->listed_line = line;
	s->landing = 1;
	s->text = content_clean_text(raw, len, &s->len, s->path, ls->d);
	free(raw);
	fm_read(s->text, s->len, s->path, &s->fm, ls->d);
	md_site_markup(s->text, s->len, s->path, ls->d);
	md_bound(&s->text, &s->len, s->path, ls->d);
	s->root = md_parse(s->text, s->len);
	if (!s->root) {
		diag_error(ls->d, s->path, 0, "the Markdown parser failed");
		return -1;
	}
	html_rewrite(s->root, s->path, ls->d);
	/* c->v moves as the links add sources: the page's path and tree first */
	char *path = xstrdup(s->path), *dir = xstrdup(rel);
	cmark_node *root = s->root;
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[1] = 0;
	else
		dir[0] = 0; /* the root's index.md */
	int rc = load_links(c, ls, root, path, dir, depth + 1);
	free(dir);
	free(path);
	return rc;
}

/* Bytes of name's folder, its last '/' included ("docs/a.md" -> 5). */
static size_t folder_len(const char *name)
{
	const char *s = strrchr(name, '/');
	return s ? (size_t)(s - name + 1) : 0;
}

static int same_folder(const char *a, const char *b)
{
	size_t n = folder_len(a);
	return n == folder_len(b) && !strncmp(a, b, n);
}

/* 1 when the page s goes before t: a place in its front matter
 * (sidebar_position, nav_order, weight, order) before a larger one or none. */
static int goes_before(const struct source *s, const struct source *t)
{
	return s->fm.has_order && (!t->fm.has_order || s->fm.order < t->fm.order);
}

/* c->v[from..to), read from folders in name order: within each folder,
 * the pages a site places by their front matter first, in that order,
 * then the others in name order (a stable insertion sort; runs of one
 * folder are short). */
static void sort_by_place(struct content *c, int from, int to)
{
	for (int start = from; start < to;) {
		int end = start + 1;
		while (end < to && same_folder(c->v[start].name, c->v[end].name))
			end++;
		for (int i = start + 1; i < end; i++) {
			struct source s = c->v[i];
			int j = i;
			for (; j > start && goes_before(&s, &c->v[j - 1]); j--)
				c->v[j] = c->v[j - 1];
			c->v[j] = s;
		}
		start = end;
	}
}

/* Follows a link to a folder: its README.md, readme.md or index.md as a
 * landing page, else its Markdown files in name order as levels. */
static int load_folder(struct content *c, struct listing *ls, const char *rel, const char *from, int line,
                       const char *url, int in_list, int depth)
{
	static const char *const landing[] = { "README.md", "readme.md", "index.md" };
	int fd = content_open_folder(c, rel);
	if (fd < 0) {
		if (errno == EXDEV)
			diag_warn(ls->d, from, line, "%s leads outside the content folder; not followed", url);
		return 0; /* a link to anything else is no concern of the role list */
	}
	if (strmap_get(ls->landing, rel, NULL)) {
		close(fd);
		return 0;
	}
	strmap_put(ls->landing, rel, 1);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < sizeof(landing) / sizeof(*landing); i++) {
		struct stat st;
		if (fstatat(fd, landing[i], &st, 0) == 0 && S_ISREG(st.st_mode)) {
			close(fd);
			buf_addf(&b, "%s/%s", rel, landing[i]);
			int rc = load_landing(c, ls, buf_cstr(&b), from, line, url, depth);
			buf_done(&b);
			return rc;
		}
	}
	close(fd);
	char **names;
	int n = scan_folder(c, rel, SCAN_MARKDOWN, NULL, &names, NULL, NULL), rc = 0, first = c->n;
	for (int i = 0; i < n; i++) {
		const char *name = names[i];
		if (!listing_loaded(ls->names, name)) {
			struct source *s = listing_add_loaded(c, ls->names, name);
			s->listed_line = line;
			if (content_load_source(c, s, ls->d, from, line, url) != 0)
				rc = -1;
		}
		int k;
		if (in_list && strmap_get(ls->names, name, &k))
			c->v[k].in_listing = 1;
		free(names[i]);
	}
	free(names);
	buf_done(&b);
	sort_by_place(c, first, c->n);
	for (int k = first; k < c->n; k++)
		strmap_put(ls->names, c->v[k].name, k);
	return rc;
}

/* The links of a role list (the README's, or a landing page's, read from
 * its folder base: "" or ending in '/') to local Markdown files, in order:
 * in its role list (a list or a table of links), in paragraphs, into
 * subfolders; links to folders and landing pages are followed.  Each file
 * is loaded once; one listed twice (in a list or table, without a
 * #fragment) is a warning.  A link that leaves the folder, to the README
 * itself or to a repository page (CONTRIBUTING, LICENSE ...) is no
 * chapter. */
static int load_links(struct content *c, struct listing *ls, cmark_node *root, const char *from,
                      const char *base, int depth)
{
	struct diags *d = ls->d;
	struct buf key; /* from and path: what listed is keyed by */
	buf_init(&key);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int rc = 0;
	/* a folder linked from a paragraph is followed only when the page has
	 * no role list of its own: "[our decisions](docs/adr/)" beside one is
	 * no ladder */
	int has_list = 0;
	while (!has_list && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		has_list = ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK &&
		           content_is_md_link(cmark_node_get_url(n)) && in_listing(n);
	}
	cmark_iter_reset(it, root, CMARK_EVENT_ENTER);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		int md = content_is_md_link(url);
		if (!md && !folder_link(url))
			continue;
		int line = md_line(n);
		char *lpath = content_link_path(url);
		/* from the linking file's folder, as GitHub reads it */
		char *path;
		if (*base) {
			path = content_tree_path(base, lpath);
			free(lpath);
			if (!path)
				path = xstrdup("../"); /* climbs above the content folder */
		} else {
			path = lpath;
		}
		int in_list = in_listing(n), listing = in_list && !strchr(url, '#');
		/* twice in one page's list: a README's contents list and a landing
		 * page may each list a level once, and a table may sum up the
		 * levels a list gave ("Track split": Senior L2 | [tech] | [people]) */
		key.len = 0;
		buf_addf(&key, "%s%c%c%s", from, 1, listing_kind(n), path);
		if (!content_safe_rel(path)) {
			if (listing)
				diag_warn_at(d, from, line, cmark_node_get_start_column(n),
				             "%s is outside the content folder; it is not a chapter", url);
		} else if (!md && !in_list && has_list) {
			/* beside a role list: not followed */
		} else if (!md) {
			size_t k = strlen(path);
			while (k > 1 && path[k - 1] == '/')
				path[--k] = 0;
			if (load_folder(c, ls, path, from, line, url, in_list, depth) != 0)
				rc = -1;
		} else if (!strcasecmp(path, c->v[0].name) || repo_file(path)) {
			/* the overview itself, or a page about the repository */
		} else if (landing_name(path) && !listing_loaded(ls->names, path)) {
			if (load_landing(c, ls, path, from, line, url, depth) != 0)
				rc = -1;
		} else if (listing_loaded(ls->names, path)) {
			/* a matrix's column heading names a level listed already (matrix.h) */
			if (listing && strmap_get(ls->listed, key.data, NULL) && !in_table_header(n))
				diag_warn_at(d, from, line, cmark_node_get_start_column(n),
				             "%s is listed twice; the second link is ignored", path);
		} else {
			struct source *s = listing_add_loaded(c, ls->names, path);
			s->listed_line = line;
			if (content_load_source(c, s, d, from, line, url) != 0)
				rc = -1;
		}
		if (listing && md)
			strmap_put(ls->listed, key.data, 1);
		int k;
		if (in_list && md && strmap_get(ls->names, path, &k))
			c->v[k].in_listing = 1;
		free(path);
	}
	cmark_iter_free(it);
	buf_done(&key);
	return rc;
}

int listing_levels(const struct content *c)
{
	int n = 0;
	for (int i = 1; i < c->n; i++)
		n += !c->v[i].landing;
	return n;
}

/* The README's role list (load_links). */
int listing_load(struct content *c, struct strmap *names, struct diags *d)
{
	/* the README's path, not a pointer to its source: adding sources moves c->v */
	char *readme = xstrdup(c->v[0].path);
	struct listing ls = { names, strmap_new(), strmap_new(), d };
	int rc = load_links(c, &ls, c->v[0].root, readme, "", 0);
	/* a README that links nothing beside a site's home page (index.md, as
	 * GitHub Pages sites have): the home page is the landing page, its
	 * text a chapter and its links the levels */
	if (rc == 0 && listing_levels(c) == 0 && !strmap_get(ls.landing, "index.md", NULL)) {
		struct stat st;
		int fd = content_open_folder(c, ".");
		int home = fd >= 0 && fstatat(fd, "index.md", &st, 0) == 0 && S_ISREG(st.st_mode);
		if (fd >= 0)
			close(fd);
		if (home)
			rc = load_landing(c, &ls, "index.md", readme, 0, "index.md", 1);
	}
	strmap_free(ls.listed);
	c->followed = ls.landing;
	free(readme);
	return rc;
}

/* The Markdown files of folder rel and, below the content folder, its
 * subfolders down to LISTING_MAX_SCAN_DEPTH: each folder's files in name
 * order, then its subfolders in name order.  Appends to *v. */
static void scan_tree(const struct content *c, const char *rel, const struct strmap *seen, int depth,
                      char ***v, int *n, int *cap)
{
	char **names, **subs;
	int nsubs = 0;
	int k = scan_folder(c, rel, SCAN_MARKDOWN, seen, &names, depth < LISTING_MAX_SCAN_DEPTH ? &subs : NULL,
	                    &nsubs);
	for (int i = 0; i < k; i++) {
		GROW(*v, *cap, *n + 1);
		(*v)[(*n)++] = names[i];
	}
	free(names);
	for (int i = 0; i < nsubs; i++) {
		scan_tree(c, subs[i], seen, depth + 1, v, n, cap);
		free(subs[i]);
	}
	if (depth < LISTING_MAX_SCAN_DEPTH)
		free(subs);
}

/* Level files beside the README that it does not link, in name order.
 * any: the README links no level at all, so every Markdown file beside it
 * (repository files such as CONTRIBUTING.md aside) is read as a level,
 * with one warning for them all; when there is none beside it, those of
 * its subfolders (docs/levels/, one folder per track). */
int listing_unlisted(struct content *c, const struct strmap *seen, int any, struct diags *d)
{
	char **names = NULL;
	int n = any ? sitenav_pages(c, seen, &names) : 0, rc = 0;
	if (n) { /* the site's own order */
		diag_warn(d, c->v[0].path, 0, "links no level file; the %d pages of mkdocs.yml's nav are read as levels, "
		          "in its order", n);
		for (int i = 0; i < n; i++) {
			if (content_load_source(c, content_add_source(c, names[i]), d, NULL, 0, NULL) != 0)
				rc = -1;
			free(names[i]);
		}
		free(names);
		return rc;
	}
	n = scan_folder(c, "", any ? SCAN_MARKDOWN : SCAN_LEVELS, seen, &names, NULL, NULL);
	int cap = n, deep = 0;
	if (any && n == 0) {
		scan_tree(c, "", seen, 0, &names, &n, &cap);
		deep = n > 0;
	}
	if (any && n)
		diag_warn(d, c->v[0].path, 0, "links no level file; the %d Markdown files %s are read as levels, "
		          "in name order (or as their front matter places them: sidebar_position, nav_order, weight, order)", n, deep ? "in its subfolders" : "beside it");
	int from = c->n;
	for (int i = 0; i < n; i++) {
		struct source *s = content_add_source(c, names[i]);
		if (!any)
			diag_warn(d, s->path, 0, "level file is not listed in %s; appended after the listed levels",
			          c->v[0].path);
		if (content_load_source(c, s, d, NULL, 0, NULL) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	if (any)
		sort_by_place(c, from, c->n);
	return rc;
}

/* 1 when name is a numbered overview ("00 Overview.md", "0-intro.md"): a
 * Markdown file whose name opens with zeros before a separator, the page a
 * folder of numbered pages starts with. */
static int numbered_overview(const char *name)
{
	size_t n = strlen(name), z = 0;
	while (name[z] == '0')
		z++;
	return z > 0 && (name[z] == ' ' || name[z] == '-' || name[z] == '_' || name[z] == '.') && n > 3 &&
	       !strcasecmp(name + n - 3, ".md");
}

/* The first numbered overview in the folder fd, by name, or NULL; fd is
 * closed. */
static char *first_numbered(int fd)
{
	DIR *dp = fdopendir(fd);
	if (!dp) {
		close(fd);
		return NULL;
	}
	char *best = NULL;
	struct dirent *e;
	while ((e = readdir(dp)))
		if (e->d_type != DT_DIR && numbered_overview(e->d_name) && (!best || strcmp(e->d_name, best) < 0)) {
			free(best);
			best = xstrdup(e->d_name);
		}
	closedir(dp);
	return best;
}

char *listing_overview_name(const struct content *c)
{
	static const char *const names[] = { "README.md", "readme.md", "Readme.md", "README.markdown",
		                                 "readme.markdown", "index.md", "_index.md", "Home.md", "home.md" };
	int fd = content_open_folder(c, ".");
	if (fd < 0)
		return xstrdup("README.md");
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct stat st;
		if (fstatat(fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode)) {
			close(fd);
			return xstrdup(names[i]);
		}
	}
	char *numbered = first_numbered(fd);
	return numbered ? numbered : xstrdup("README.md"); /* missing: the error names the usual one */
}
