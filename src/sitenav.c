/* sitenav.c: a site's page order from mkdocs.yml (see sitenav.h). */
#include "sitenav.h"
#include "content.h"
#include "contentint.h"
#include "diagnostics.h"
#include "util.h"
#include "yamltree.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes of mkdocs.yml read at most: a site's configuration is small. */
#define SITENAV_MAX_FILE (1u << 20)

struct walk {
	const struct content *c;
	const struct strmap *seen;
	struct strmap *taken;
	char *docs;         /* docs_dir without a closing '/', "" for the content folder itself; owned */
	char **v;
	int n, cap;
};

/* 1 when rel is a regular file beneath the content folder. */
static int page_exists(const struct content *c, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup(".");
	int fd = content_open_folder(c, dir);
	free(dir);
	if (fd < 0)
		return 0;
	struct stat st;
	int ok = fstatat(fd, slash ? slash + 1 : rel, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
	close(fd);
	return ok;
}

/* A nav entry's page ("levels/senior.md"): a Markdown file, not a site's
 * home or a README, not a web address, beneath the docs folder. */
static void add_page(struct walk *w, const char *page)
{
	size_t n = strlen(page);
	if (w->n >= SITENAV_MAX_PAGES || n < 4 || strcasecmp(page + n - 3, ".md") || strstr(page, "://") ||
	    page[0] == '/')
		return;
	const char *base = strrchr(page, '/');
	base = base ? base + 1 : page;
	if (!strcasecmp(base, "index.md") || !strcasecmp(base, "readme.md"))
		return;
	struct buf b;
	buf_init(&b);
	if (w->docs[0])
		buf_addf(&b, "%s/", w->docs);
	buf_adds(&b, page[0] == '.' && page[1] == '/' ? page + 2 : page);
	buf_cstr(&b);
	if (!strstr(b.data, "..") && !strmap_get(w->taken, b.data, NULL) &&
	    !(w->seen && strmap_get(w->seen, b.data, NULL)) && page_exists(w->c, b.data)) {
		strmap_put(w->taken, b.data, 1);
		GROW(w->v, w->cap, w->n + 1);
		w->v[w->n++] = buf_detach(&b);
		return;
	}
	buf_done(&b);
}

/* The pages of nav entry e, depth first: "page.md", "Title: page.md",
 * "Section: [entries]". */
static void walk(struct walk *w, const struct ynode *e, int depth)
{
	if (!e || depth > SITENAV_MAX_DEPTH)
		return;
	if (e->kind == Y_SCALAR) {
		add_page(w, e->s);
	} else if (e->kind == Y_SEQ) {
		for (int i = 0; i < e->n; i++)
			walk(w, e->kids[i], depth + 1);
	} else {
		for (int i = 1; i < e->n; i += 2)
			walk(w, e->kids[i], depth + 1);
	}
}

int sitenav_pages(const struct content *c, const struct strmap *seen, char ***out)
{
	*out = NULL;
	size_t len;
	const char *why;
	char *text = content_read_rel(c, "mkdocs.yml", SCOPE_FOLDER, &len, SITENAV_MAX_FILE, &why, NULL);
	if (!text)
		return 0;
	struct diags quiet; /* the site's file: its flaws are not the framework's */
	diags_init(&quiet);
	struct ynode *root = yaml_tree(text, len, "mkdocs.yml", 1, YT_CONFIG, &quiet);
	diags_done(&quiet);
	free(text);
	const struct ynode *nav = ynode_get(root, "nav"), *dd = ynode_get(root, "docs_dir");
	struct walk w = { .c = c, .seen = seen, .taken = strmap_new() };
	w.docs = xstrdup(dd && dd->kind == Y_SCALAR ? dd->s : "docs");
	size_t dl = strlen(w.docs);
	while (dl && w.docs[dl - 1] == '/')
		w.docs[--dl] = 0;
	if (!strcmp(w.docs, ".") || !strcmp(w.docs, "./"))
		w.docs[0] = 0;
	if (nav && nav->kind == Y_SEQ)
		walk(&w, nav, 0);
	strmap_free(w.taken);
	free(w.docs);
	ynode_free(root);
	*out = w.v;
	return w.n;
}
