/* wikilink.c: links as wikis and sites write them, made links to the
 * Markdown files they mean before anything reads a link (wikilink.h). */
#include "wikilink.h"
#include "contentint.h"
#include "md.h"
#include "util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest page name looked up: a wiki page's title, not a paragraph
 * caught between two pairs of brackets. */
#define WIKI_NAME_MAX 200

/* 1 when rel names a regular file beneath the content folder (fd). */
static int has_file(int fd, const char *rel)
{
	struct stat st;
	return fd >= 0 && content_safe_rel(rel) && fstatat(fd, rel, &st, 0) == 0 && S_ISREG(st.st_mode);
}

/* How deep and how wide a [[page]] is looked for by its name alone, as
 * Obsidian finds one anywhere in its vault: a vault's notes, not a
 * repository's dependencies. */
#define WIKI_FIND_DEPTH 4
#define WIKI_FIND_ENTRIES 20000

/* The Markdown files below the content folder by base name, made once a
 * file when a [[page]] is not found beside it: one walk, however many
 * links ask. */
struct vault {
	int built;
	struct strmap *by_name; /* "01 Junior.md" -> index in path (the first found) */
	char **path;            /* relative to the content folder, owned */
	int n, cap;
};

/* Adds the Markdown files of folder rel (of the content folder fd) and,
 * depth more deep, of its subfolders to v; symbolic links and dot folders
 * are not followed. */
static void vault_walk(struct vault *v, int fd, const char *rel, int depth, int *budget)
{
	int dfd = openat(fd, *rel ? rel : ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dp = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!dp) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	struct dirent *e;
	struct buf sub;
	buf_init(&sub);
	while (--*budget > 0 && (e = readdir(dp))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
			continue;
		sub.len = 0;
		buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		buf_cstr(&sub);
		unsigned char type = e->d_type;
		struct stat st;
		if (type == DT_UNKNOWN && fstatat(fd, sub.data, &st, AT_SYMLINK_NOFOLLOW) == 0)
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		size_t n = strlen(e->d_name);
		if (type == DT_REG && n > 3 && !strcasecmp(e->d_name + n - 3, ".md") && !strmap_get(v->by_name, e->d_name, NULL)) {
			GROW(v->path, v->cap, v->n + 1);
			v->path[v->n] = xstrdup(sub.data);
			strmap_put(v->by_name, e->d_name, v->n++);
		} else if (type == DT_DIR && depth > 0) {
			vault_walk(v, fd, sub.data, depth - 1, budget);
		}
	}
	buf_done(&sub);
	closedir(dp);
}

/* The path of the Markdown file named want anywhere below the content
 * folder, or NULL; the walk is made on the first question. */
static const char *vault_find(struct vault *v, int fd, const char *want)
{
	if (!v->built) {
		v->built = 1;
		v->by_name = strmap_new();
		int budget = WIKI_FIND_ENTRIES;
		vault_walk(v, fd, "", WIKI_FIND_DEPTH, &budget);
	}
	int k;
	return strmap_get(v->by_name, want, &k) ? v->path[k] : NULL;
}

static void vault_done(struct vault *v)
{
	for (int i = 0; i < v->n; i++)
		free(v->path[i]);
	free(v->path);
	strmap_free(v->by_name);
}

/* path (relative to the content folder) as a link from folder base reads
 * it: one "../" for each of base's folders; malloc'd. */
static char *link_from(const char *base, const char *path)
{
	struct buf r;
	buf_init(&r);
	for (const char *p = base; *p; p++)
		if (*p == '/')
			buf_adds(&r, "../");
	buf_adds(&r, path);
	return buf_detach(&r);
}

/* The Markdown file that page name (percent-decoded, no fragment) means
 * from folder base ("" or ending in '/'): base + name + ".md", with
 * spaces as dashes (GitHub's wiki files), then the same from the content
 * folder, then (anywhere: a [[page]]) a file of that name in any folder;
 * relative to base as a link is written; malloc'd, or NULL. */
static char *page_file(int fd, const char *base, const char *name, struct vault *anywhere)
{
	char *dashed = xstrdup(name);
	for (char *p = dashed; *p; p++)
		if (*p == ' ')
			*p = '-';
	const char *forms[2] = { name, dashed };
	char *found = NULL;
	struct buf b;
	buf_init(&b);
	for (int root = 0; root < 2 && !found; root++)
		for (int k = 0; k < 2 && !found; k++) {
			b.len = 0;
			buf_addf(&b, "%s%s.md", root ? "" : base, forms[k]);
			if (has_file(fd, buf_cstr(&b)))
				found = root ? link_from(base, b.data) : xstrdup(b.data + strlen(base));
		}
	for (int k = 0; k < 2 && !found && anywhere && !strchr(name, '/'); k++) {
		b.len = 0;
		buf_addf(&b, "%s.md", forms[k]);
		const char *at = vault_find(anywhere, fd, buf_cstr(&b));
		if (at)
			found = link_from(base, at);
	}
	buf_done(&b);
	free(dashed);
	return found;
}

/* 1 when url is a relative link whose last segment has no extension
 * ("Engineer", "./software_engineer_I#Impact"): a wiki page or a site's
 * permalink, not a file, a folder or a web address. */
static int extensionless(const char *url)
{
	if (!*url || *url == '#' || *url == '/' || *url == '?')
		return 0;
	for (const char *p = url; *p && *p != '/' && *p != '#'; p++)
		if (*p == ':')
			return 0; /* a scheme: https:, mailto: */
	size_t n = strcspn(url, "#?");
	if (n == 0 || url[n - 1] == '/')
		return 0;
	const char *seg = url;
	for (size_t i = 0; i < n; i++)
		if (url[i] == '/')
			seg = url + i + 1;
	return !memchr(seg, '.', (size_t)(url + n - seg));
}

/* "[Engineer](Engineer)" made "[Engineer](Engineer.md)" when that file exists. */
static void fix_link(cmark_node *link, int fd, const char *base)
{
	const char *url = cmark_node_get_url(link);
	if (!url || !extensionless(url))
		return;
	size_t n = strcspn(url, "#?");
	char *head = xstrndup(url, n);
	char *name = content_link_path(head);
	char *file = page_file(fd, base, name, NULL);
	if (file) {
		struct buf u;
		buf_init(&u);
		buf_add(&u, head, n);
		buf_adds(&u, ".md");
		if (url[n] == '#')
			buf_adds(&u, url + n);
		cmark_node_set_url(link, buf_cstr(&u));
		buf_done(&u);
	}
	free(file);
	free(name);
	free(head);
}

/* A text node for s[0..n). */
static cmark_node *text_node(const char *s, size_t n)
{
	cmark_node *t = md_node_new(CMARK_NODE_TEXT);
	char *lit = xstrndup(s, n);
	cmark_node_set_literal(t, lit);
	free(lit);
	return t;
}

/* What "[[inner]]" stands for: a link node to the page it names ("Page",
 * "Text|Page" as GitHub's wiki writes it, "Page|Text" as Obsidian does,
 * either with "#Heading"), or its text alone when no such page exists. */
static cmark_node *wiki_node(const char *inner, size_t n, int fd, const char *base, struct vault *v,
                             const char *path, int line, struct diags *d)
{
	char *in = xstrndup(inner, n);
	char *bar = strchr(in, '|');
	const char *names[2] = { in, NULL }, *texts[2] = { in, in };
	if (bar) {
		*bar = 0;
		names[0] = bar + 1, texts[0] = in;      /* GitHub: [[Text|Page]] */
		names[1] = in, texts[1] = bar + 1;      /* Obsidian: [[Page|Text]] */
	}
	cmark_node *out = NULL;
	for (int k = 0; k < 2 && names[k] && !out; k++) {
		char *page = xstrdup(names[k]);
		char *hash = strchr(page, '#');
		if (hash)
			*hash = 0;
		char *file = *page ? page_file(fd, base, page, v) : NULL;
		if (file) {
			struct buf u;
			buf_init(&u);
			buf_adds(&u, file);
			if (hash)
				buf_addf(&u, "#%s", hash + 1);
			out = md_node_new(CMARK_NODE_LINK);
			cmark_node_set_url(out, buf_cstr(&u));
			cmark_node_append_child(out, text_node(texts[k], strlen(texts[k])));
			buf_done(&u);
		}
		free(file);
		free(page);
	}
	if (!out) {
		const char *shown = bar ? texts[0] : in;
		diag_warn(d, path, line, "wiki link [[%.60s]] names no page in the content folder; set as text", in);
		out = text_node(shown, strlen(shown));
	}
	free(in);
	return out;
}

/* The first "cc" in s[from..len), or NULL: memchr, not strstr, whose
 * sanitizer interceptor measures the whole rest of the string each call. */
static char *pair_at(char *s, size_t from, size_t len, char c)
{
	while (from + 1 < len) {
		char *p = memchr(s + from, c, len - from - 1);
		if (!p)
			return NULL;
		if (p[1] == c)
			return p;
		from = (size_t)(p - s) + 1;
	}
	return NULL;
}

/* Every "[[...]]" in text node t split out into links; an embed "![[...]]"
 * is left as written. */
static void split_wiki(cmark_node *t, int fd, const char *base, struct vault *v, const char *path,
                       struct diags *d)
{
	const char *lit = cmark_node_get_literal(t);
	if (!lit || !strstr(lit, "[["))
		return;
	char *s = xstrdup(lit);
	int line = md_line(t);
	size_t from = 0, done = 0, len = strlen(s);
	int changed = 0;
	char *close = NULL; /* the next "]]": found once for every "[[" before it, so
	                     * "[[[[..." stays linear */
	while (from < len) {
		char *open = pair_at(s, from, len, '[');
		if (!open)
			break;
		if (!close || close < open + 2)
			close = pair_at(s, (size_t)(open - s) + 2, len, ']');
		if (!close)
			break;
		size_t at = (size_t)(open - s);
		if (close - open - 2 > WIKI_NAME_MAX || close == open + 2 ||
		    memchr(open + 2, '[', (size_t)(close - open - 2)) || (at > 0 && s[at - 1] == '!')) {
			from = at + 2;
			continue;
		}
		if (at > done)
			cmark_node_insert_before(t, text_node(s + done, at - done));
		cmark_node_insert_before(t, wiki_node(open + 2, (size_t)(close - open - 2), fd, base, v, path, line, d));
		done = from = (size_t)(close - s) + 2;
		changed = 1;
	}
	if (changed) {
		if (done < len)
			cmark_node_insert_before(t, text_node(s + done, len - done));
		cmark_node_free(t);
	}
	free(s);
}

void wikilink_rewrite(const struct content *c, struct source *s, struct diags *d)
{
	if (!s->root || !strchr(s->text, '[')) /* cheap: no link of any kind */
		return;
	int fd = content_open_folder(c, ".");
	if (fd < 0)
		return;
	const char *slash = strrchr(s->name, '/');
	char *base = xstrndup(s->name, slash ? (size_t)(slash - s->name) + 1 : 0);
	int wiki = strstr(s->text, "[[") != NULL;
	if (wiki) /* cmark splits text at brackets: "[[", "Page", "]]" made one node */
		cmark_consolidate_text_nodes(s->root);
	/* collected first: splitting text nodes while iterating would upset the iterator */
	cmark_node **texts = NULL;
	int nt = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(s->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			fix_link(n, fd, base);
		else if (wiki && cmark_node_get_type(n) == CMARK_NODE_TEXT && strstr(cmark_node_get_literal(n), "[[")) {
			GROW(texts, cap, nt + 1);
			texts[nt++] = n;
		}
	}
	cmark_iter_free(it);
	struct vault v = { 0 };
	for (int i = 0; i < nt; i++)
		split_wiki(texts[i], fd, base, &v, s->path, d);
	if (v.built)
		vault_done(&v);
	free(texts);
	free(base);
	close(fd);
}
