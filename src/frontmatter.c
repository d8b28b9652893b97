/* frontmatter.c: YAML front matter read as a tree (yamltree.h) and
 * blanked out of the Markdown (frontmatter.h). */
#include "frontmatter.h"
#include "util.h"
#include "yamltree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Front matter longer than this is no front matter: a file that opens with
 * a thematic break and has another far below is Markdown, and a value that
 * long is a paste, not a title. */
#define FM_MAX_BYTES (512 * 1024) /* the progression-framework template keeps every level in it */

const char *const fm_key_names[FM__MAX] = { "title", "level", "track", "next", "summary", "lang", "role" };

/* The end of the line starting at p (the '\n', or the end of the text). */
static const char *line_end(const char *p, const char *end)
{
	const char *e = memchr(p, '\n', (size_t)(end - p));
	return e ? e : end;
}

/* 1 when [p, e) is the fence `mark` ("---" or "...") with only spaces after. */
static int fence(const char *p, const char *e, const char *mark)
{
	if (e - p < 3 || memcmp(p, mark, 3))
		return 0;
	for (p += 3; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static int key_of(const char *k)
{
	for (int i = 0; i < FM__MAX; i++)
		if (!strcmp(k, fm_key_names[i]))
			return i;
	return -1;
}

/* Keys that site generators (Jekyll, just-the-docs, Hugo, MkDocs,
 * Docusaurus) and wiki exporters put in front matter for their own pages:
 * not ours to read, and no mistake of the author's, so never a warning. */
static int site_key(const char *k)
{
	static const char *const keys[] = { "layout", "permalink", "grand_parent", "nav_order", "nav_exclude",
		"has_children", "has_toc", "tags", "categories", "category", "aliases", "date", "lastmod", "weight",
		"draft", "description", "slug", "sidebar_position", "sidebar_label", "toc", "menu", "author",
		"authors", "keywords", "type", "url", "redirect_from", "search_exclude", "hide", "template", "id",
		"prev", "previous", "order", "image", "excerpt", "published", "status" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcasecmp(k, keys[i]))
			return 1;
	return 0;
}

/* 1 when k is a key sites order their pages by (Docusaurus, Just the Docs,
 * Hugo, Jekyll collections): where the page goes among those beside it. */
static int order_key(const char *k)
{
	return !strcasecmp(k, "sidebar_position") || !strcasecmp(k, "nav_order") || !strcasecmp(k, "weight") ||
	       !strcasecmp(k, "order");
}

/* Edits (insert, delete, replace one character, case ignored) from a to b,
 * counted up to limit + 1: enough to tell a slip from another word. */
static int edits(const char *a, const char *b, int limit)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 32 || nb > 32 || (na > nb ? na - nb : nb - na) > (size_t)limit)
		return limit + 1;
	int row[33];
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			int best = diag + !same;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/* The key of ours that k is likely a slip for ("Title", "levels", "titel",
 * "trak"), or -1: a key another tool reads (it_kv, owner, confluence-page-id)
 * is none of the author's mistakes and goes by without a word. */
static int near_key(const char *k)
{
	for (int i = 0; i < FM__MAX; i++) {
		int allowed = strlen(fm_key_names[i]) <= 4 ? 1 : 2;
		if (edits(k, fm_key_names[i], allowed) <= allowed)
			return i;
	}
	return -1;
}

/* YAML's null (`next: null`, `next: ~`, `next:`): the key given, no value. */
static int null_scalar(const char *v)
{
	return !*v || !strcmp(v, "~") || !strcasecmp(v, "null");
}

/* The value of key from node v: a scalar, or a list's first scalar for
 * next (`next: [a.md, b.md]`: the first is the track's next level, the
 * other a branch the model finds itself).  NULL, with a warning, for
 * anything else. */
static const struct ynode *value_of(int key, const struct ynode *v, const char *path, struct diags *d)
{
	if (v->kind == Y_SCALAR)
		return v;
	if (key == FM_NEXT && v->kind == Y_SEQ && v->n > 0 && v->kids[0]->kind == Y_SCALAR)
		return v->kids[0];
	diag_warn(d, path, v->line, "front matter: '%s' takes a single value; it is ignored", fm_key_names[key]);
	return NULL;
}

/* Reads the YAML between the fences; first_line is its first line's
 * number in the file.  Returns 0, or -1 (a warning given) when it is not a
 * mapping.  Unknown keys are one warning for the file, naming the first. */
static int parse(const char *y, size_t n, int first_line, const char *path, struct front_matter *fm,
                 struct diags *d)
{
	struct ynode *root = yaml_tree(y, n, path, first_line, YT_FRONT_MATTER, d);
	if (!root)
		return -1;
	int rc = 0, unknown = 0, meant = -1, topics = -1;
	const struct ynode *first_unknown = NULL, *parent = NULL;
	if (root->kind != Y_MAP) {
		diag_warn(d, path, root->line, "front matter is not a list of 'key: value' lines; it is left out");
		rc = -1;
	}
	for (int i = 0; rc == 0 && i + 1 < root->n; i += 2)
		if (root->kids[i]->kind == Y_SCALAR && !strcmp(root->kids[i]->s, "topics") &&
		    root->kids[i + 1]->kind == Y_SEQ)
			topics = i + 1;
	for (int i = 0; rc == 0 && i + 1 < root->n; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1], *val;
		if (k->kind != Y_SCALAR)
			continue;
		int key = key_of(k->s);
		if (key < 0 && !strcasecmp(k->s, "parent")) {
			parent = v; /* just-the-docs files a page under its parent: the track, unless track says */
		} else if (key < 0 && order_key(k->s) && v->kind == Y_SCALAR) {
			char *end;
			double o = strtod(v->s, &end);
			if (end != v->s && !*end && o == o)
				fm->order = o, fm->has_order = 1;
		} else if (key < 0) {
			/* the template's own keys (levels: 6 beside topics:) are no slips */
			int near = site_key(k->s) || topics >= 0 ? -1 : near_key(k->s);
			if (near >= 0 && !unknown++)
				first_unknown = k, meant = near;
		} else if ((val = value_of(key, v, path, d))) {
			free(fm->v[key]);
			fm->v[key] = xstrdup(null_scalar(val->s) ? "" : val->s);
			fm->line[key] = val->line;
		}
	}
	if (parent && parent->kind == Y_SCALAR && !null_scalar(parent->s) && !fm->v[FM_TRACK]) {
		fm->v[FM_TRACK] = xstrdup(parent->s);
		fm->line[FM_TRACK] = parent->line;
	}
	if (topics >= 0) { /* kept for topics.c */
		ynode_free(fm->topics);
		fm->topics = root->kids[topics];
		root->kids[topics] = NULL;
	}
	if (unknown == 1)
		diag_warn(d, path, first_unknown->line, "front matter: unknown key '%.40s' is ignored (did you mean "
		          "'%s'?)", first_unknown->s, fm_key_names[meant]);
	else if (unknown > 1)
		diag_warn(d, path, first_unknown->line, "front matter: unknown keys '%.40s' (did you mean '%s'?) and %d "
		          "more like it are ignored", first_unknown->s, fm_key_names[meant], unknown - 1);
	ynode_free(root);
	return rc;
}

int fm_read(char *text, size_t len, const char *path, struct front_matter *fm, struct diags *d)
{
	memset(fm, 0, sizeof(*fm));
	const char *end = text + len, *e = line_end(text, end);
	if (!fence(text, e, "---") || e == end)
		return 0;
	const char *body = e + 1, *p = body;
	int lines = 1;
	while (p < end) {
		const char *le = line_end(p, end);
		lines++;
		if (fence(p, le, "---") || fence(p, le, "...")) {
			if (p - body > FM_MAX_BYTES)
				return 0;
			parse(body, (size_t)(p - body), 2, path, fm, d);
			/* blank the block, newlines kept, so every line keeps its number */
			for (char *q = text; q < le; q++)
				if (*q != '\n')
					*q = ' ';
			return 1;
		}
		if (le == end)
			break;
		p = le + 1;
	}
	return 0;
}

void fm_done(struct front_matter *fm)
{
	ynode_free(fm->topics);
	for (int i = 0; i < FM__MAX; i++)
		free(fm->v[i]);
	memset(fm, 0, sizeof(*fm));
}
