/* model.c: titles, level codes, headings and anchors of the book.
 *
 * Anchors follow GitHub: the slug of the heading text, and "-1", "-2" ...
 * appended to repeats within one file. */
#include "model.h"
#include "level.h"
#include "md.h"
#include "util.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *heading_text(cmark_node *n)
{
	struct buf b;
	buf_init(&b);
	md_text(n, &b);
	struct buf o;
	buf_init(&o);
	buf_add_collapsed(&o, b.data ? b.data : "", b.len);
	buf_done(&b);
	buf_cstr(&o);
	return buf_detach(&o);
}

/* The level code, rank and role title of a level chapter (level.h). */
static void split_code(struct chapter *ch, const struct source *s, struct diags *d)
{
	struct level_code lc, fl;
	const char *start;
	size_t len;
	char *alloc;
	level_read(ch->title, s->name, &lc, &start, &len, &alloc);
	const char *declared = s->fm.v[FM_LEVEL];
	if (declared && level_parse_value(declared, &fl) == 0)
		lc = fl; /* the author's word over what the title suggests */
	else if (declared)
		diag_warn(d, s->path, s->fm.line[FM_LEVEL], "front matter: level '%.40s' is no level code "
		          "(write it as IC3, L2, 3 or 3a); it is ignored", declared);
	ch->code = lc.code[0] ? xstrdup(lc.code) : NULL;
	ch->rank = lc.rank;
	ch->rank_from = lc.from;
	memcpy(ch->ladder, lc.ladder, sizeof(ch->ladder));
	ch->role = len ? xstrndup(start, len) : xstrdup(ch->title);
	free(alloc);
}

static void add_headings(struct model *b, struct chapter *ch, const struct source *s)
{
	struct strmap *seen = strmap_new();
	int cap = 0;
	cmark_iter *it = cmark_iter_new(s->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		GROW(ch->h, cap, ch->nh + 1);
		struct heading *h = &ch->h[ch->nh++];
		h->node = n;
		h->level = cmark_node_get_heading_level(n);
		h->text = heading_text(n);
		struct buf slug;
		buf_init(&slug);
		md_slug(h->text, &slug);
		buf_cstr(&slug);
		int count = 0;
		struct buf key;
		buf_init(&key);
		if (strmap_get(seen, slug.data, &count)) {
			/* GitHub numbers repeats; a numbered slug may itself collide */
			for (;;) {
				buf_done(&key);
				buf_addf(&key, "%s-%d", slug.data, ++count);
				if (!strmap_get(seen, key.data, NULL))
					break;
			}
			strmap_put(seen, slug.data, count);
			strmap_put(seen, key.data, 0);
			char *suffixed = buf_detach(&key);
			buf_addf(&key, "%s#%s", s->name, suffixed);
			free(suffixed);
		} else {
			strmap_put(seen, slug.data, 0);
			buf_addf(&key, "%s#%s", s->name, slug.data);
		}
		buf_done(&slug);
		h->key = buf_detach(&key);
		strmap_put(b->keys, h->key, (int)(ch - b->ch));
	}
	cmark_iter_free(it);
	strmap_free(seen);
}

/* Capitalised words from p ("Acme Cloud Ltd"), up to a stop: their length,
 * or 0 when they hold a digit ("at L2" names a level, not a company). */
static size_t org_words(const char *p)
{
	const char *e = p;
	while (*e && *e != '.' && *e != ',' && *e != ';' && *e != ':' && *e != '\n' && *e != '(') {
		if (*e == ' ' && !isupper((unsigned char)e[1]))
			break;
		if (isdigit((unsigned char)*e))
			return 0;
		e++;
	}
	return e > p && e - p < 80 ? (size_t)(e - p) : 0;
}

/* A company's legal form, the word that ends its name. */
static int legal_form(const char *w, size_t n)
{
	static const char *const forms[] = { "GmbH", "AG", "SE", "Inc", "Ltd", "LLC", "LLP", "plc", "PLC", "BV",
		"NV", "Oy", "AB", "ApS", "SAS", "SARL", "SpA", "Srl", "Pty", "KK", "Corp", "Co" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i]) == n && !memcmp(w, forms[i], n))
			return 1;
	return 0;
}

/* "Roomle GmbH", "Acme Cloud Inc." in text t: up to four capitalised
 * words before a legal form, or NULL. */
static char *org_by_form(const char *t)
{
	for (const char *p = t; *p; p++) {
		if (!isupper((unsigned char)*p) || (p > t && isalnum((unsigned char)p[-1])))
			continue;
		const char *w = p, *start = p;
		for (int words = 0; words < 5 && *w; words++) {
			const char *e = w;
			while (isalpha((unsigned char)*e))
				e++;
			if (e == w || !isupper((unsigned char)*w))
				break;
			if (words > 0 && legal_form(w, (size_t)(e - w)))
				return xstrndup(start, (size_t)(e - start));
			if (*e != ' ')
				break;
			w = e + 1;
		}
	}
	return NULL;
}

/* The organisation the README's first paragraph names: "... team at
 * Octopus." (the first "at" before capitalised words with no digit), else
 * a name with its legal form ("the ladder for Roomle GmbH"). */
static char *find_org(const struct source *readme)
{
	for (cmark_node *n = cmark_node_first_child(readme->root); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		struct buf t;
		buf_init(&t);
		md_text(n, &t);
		buf_cstr(&t);
		char *org = NULL;
		for (const char *p = t.data; !org && (p = strstr(p, " at ")); p += 4) {
			size_t k = isupper((unsigned char)p[4]) ? org_words(p + 4) : 0;
			if (k)
				org = xstrndup(p + 4, k);
		}
		if (!org)
			org = org_by_form(t.data);
		buf_done(&t);
		return org;
	}
	return NULL;
}

/* The first block of a file that is not blank (an HTML comment counts). */
static cmark_node *first_block(cmark_node *root)
{
	return root ? cmark_node_first_child(root) : NULL;
}

int model_nav_heading(cmark_node *n)
{
	cmark_node *link = NULL;
	for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k)) {
		if (cmark_node_get_type(k) == CMARK_NODE_LINK && !link)
			link = k;
		else if (cmark_node_get_type(k) != CMARK_NODE_TEXT || strspn(cmark_node_get_literal(k), " \t") !=
		                                                           strlen(cmark_node_get_literal(k)))
			return 0;
	}
	return link && content_is_md_link(cmark_node_get_url(link));
}

/* Folder names that say where the Markdown lives, not whose it is: the
 * folder above names the book instead. */
static int generic_folder(const char *name, size_t n)
{
	static const char *const generic[] = { "content", "docs", "doc", "src", "site", "wiki", "pages", "md" };
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strlen(generic[i]) == n && !strncasecmp(name, generic[i], n))
			return 1;
	return 0;
}

/* "/src/acme/career-framework/docs" -> "Career Framework": the title of a
 * book whose README has no title of its own, from the folder that holds
 * it (a generic folder name passed over).  NULL when none is found.
 * malloc'd. */
static char *title_of_folder(const char *dir)
{
	char path[PATH_MAX];
	if (!realpath(dir, path))
		return NULL;
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(path, '/');
		if (!slash || !slash[1])
			return NULL;
		const char *base = slash + 1;
		if (!generic_folder(base, strlen(base))) {
			char *t = xstrdup(base);
			for (char *p = t; *p; p++) {
				if (*p == '_' || *p == '-')
					*p = ' ';
				if ((p == t || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			}
			return t;
		}
		*slash = 0;
	}
	return NULL;
}

/* The book's title: the README's front matter title, else its level-1
 * heading when it has exactly one.  Several are its sections (a README of
 * "# Announcement", "# Motivation", "# How it works"), none leaves only a
 * section heading: then the folder names the book, with a warning that
 * says how to name it. */
static char *book_title(const struct chapter *readme, const struct content *c, struct diags *d)
{
	const struct source *s = &c->v[0];
	if (s->fm.v[FM_TITLE] && s->fm.v[FM_TITLE][0])
		return xstrdup(readme->title);
	int n1 = 0;
	for (int k = 0; k < readme->nh; k++)
		n1 += readme->h[k].level == 1;
	if (n1 == 1)
		return xstrdup(readme->title);
	char *t = title_of_folder(c->dir);
	if (!t)
		return xstrdup(readme->title);
	diag_warn(d, s->path, 0, "%d level-1 headings (a title is one): the book is titled '%s' after its "
	          "folder; set title: in handbook.yml or the README's front matter", n1, t);
	return t;
}

int model_build(struct model *b, const struct content *c, const char *org, const char *title,
                struct diags *d)
{
	memset(b, 0, sizeof(*b));
	b->keys = strmap_new();
	b->ch = xcalloc((size_t)c->n, sizeof(*b->ch));
	b->left_out = xcalloc((size_t)c->n + 1, 1);
	b->n = c->n;
	for (int i = 0; i < c->n; i++) {
		const struct source *s = &c->v[i];
		struct chapter *ch = &b->ch[i];
		ch->src = i;
		ch->key = xstrdup(s->name);
		strmap_put(b->keys, ch->key, i);
		add_headings(b, ch, s);
		for (int k = 0; k < ch->nh; k++)
			if (ch->h[k].level <= 2 && strlen(ch->h[k].text) > MODEL_MAX_TITLE)
				diag_warn(d, s->path, cmark_node_get_start_line(ch->h[k].node),
				          "a heading of %zu bytes; the PDF's bookmarks and metadata keep its first %d",
				          strlen(ch->h[k].text), MODEL_MAX_TITLE);
		for (int k = 0; k < ch->nh; k++)
			if (ch->h[k].level == 1 && ch->h[k].text[0] && !model_nav_heading(ch->h[k].node)) {
				ch->title = xstrdup(ch->h[k].text);
				break;
			}
		if (s->fm.v[FM_TITLE] && s->fm.v[FM_TITLE][0]) {
			free(ch->title);
			ch->title = xstrdup(s->fm.v[FM_TITLE]);
		}
		/* no level-1 heading: a file that opens with another heading
		 * ("Engineer" underlined with dashes) is titled by it */
		if (!ch->title && ch->nh && ch->h[0].text[0] && ch->h[0].node == first_block(s->root) &&
		    !model_nav_heading(ch->h[0].node))
			ch->title = xstrdup(ch->h[0].text);
		if (!ch->title) {
			diag_warn(d, s->path, 0, "no level-1 heading; the file name is used as its title");
			ch->title = content_name_title(s->name);
		}
		ch->title_h = -1;
		for (int k = 0; k < ch->nh && ch->title_h < 0; k++)
			if (ch->h[k].level == 1 && !strcmp(ch->h[k].text, ch->title))
				ch->title_h = k;
		if (ch->title_h < 0 && s->fm.v[FM_TITLE] && s->fm.v[FM_TITLE][0] && ch->nh && ch->h[0].level == 1 &&
		    ch->h[0].node == first_block(s->root))
			ch->title_h = 0;
		ch->rank = -1;
		if (i > 0)
			split_code(ch, s, d);
		else
			ch->role = xstrdup(ch->title);
	}
	b->title = title ? xstrdup(title) : book_title(&b->ch[0], c, d);
	b->org = org ? xstrdup(org) : find_org(&c->v[0]);
	return 0;
}

void model_done(struct model *b)
{
	for (int i = 0; i < b->n; i++) {
		struct chapter *ch = &b->ch[i];
		for (int k = 0; k < ch->nh; k++) {
			free(ch->h[k].text);
			free(ch->h[k].key);
		}
		free(ch->h);
		free(ch->title);
		free(ch->code);
		free(ch->role);
		free(ch->key);
	}
	free(b->ch);
	free(b->title);
	free(b->org);
	strmap_free(b->keys);
	strmap_free(b->omitted);
	free(b->left_out);
	memset(b, 0, sizeof(*b));
}

/* The path a relative link in file `from` names, from the content root,
 * as GitHub reads it: from the linking file's own folder, "." and ".."
 * resolved, percent escapes decoded, the #fragment and ?query dropped.
 * NULL when it climbs above the root.  malloc'd. */
static char *resolve_link(const char *from, const char *url)
{
	struct buf b;
	buf_init(&b);
	const char *slash = strrchr(from, '/');
	if (url[0] != '/' && slash)
		buf_add(&b, from, (size_t)(slash - from) + 1);
	while (*url == '/')
		url++;
	buf_add_url_path(&b, url);
	buf_cstr(&b);
	/* segments: "." dropped, ".." removes the one before */
	char *out = xmalloc(b.len + 1), *o = out;
	int bad = 0;
	for (char *seg = b.data ? b.data : ""; *seg && !bad;) {
		char *e = strchr(seg, '/');
		size_t n = e ? (size_t)(e - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.')) {
			/* nothing */
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (o == out)
				bad = 1;
			else {
				o--;
				while (o > out && o[-1] != '/')
					o--;
			}
		} else {
			memcpy(o, seg, n);
			o += n;
			if (e)
				*o++ = '/';
		}
		seg += n + (e ? 1 : 0);
	}
	*o = 0;
	buf_done(&b);
	if (bad) {
		free(out);
		return NULL;
	}
	return out;
}

/* The chapter of the file a Markdown link from file `from` names, or -1:
 * through the book's map of keys, in constant time (a large framework's
 * levels link to each other thousands of times). */
static int link_chapter(const struct model *b, const char *from, const char *url)
{
	char *name = resolve_link(from, url);
	int i = name ? model_chapter_named(b, name) : -1;
	free(name);
	return i;
}

/* 1 when url, read from the file from, names a landing page or folder
 * the role list was read through (content_followed). */
static int followed(const struct content *c, const char *from, const char *url)
{
	if (!c->followed)
		return 0;
	char *name = resolve_link(from, url);
	size_t n = name ? strlen(name) : 0;
	while (n > 1 && name[n - 1] == '/')
		name[--n] = 0; /* a folder is followed under its name alone */
	int f = name && content_followed(c, name);
	free(name);
	return f;
}

static int has_scheme(const char *url, const char **colon)
{
	const char *p = url;
	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':')
		return 0;
	*colon = p;
	return 1;
}

/* The first chapter cut from the file url names (split.h), when that file
 * was cut whole into level sections and is no chapter itself; else -1. */
static int first_part(const struct model *b, const struct content *c, const char *from, const char *url)
{
	char *name = resolve_link(from, url);
	int at = -1;
	for (int i = 0; name && i < b->n && at < 0; i++) {
		const char *part = c->v[b->ch[i].src].part_of;
		if (part && !strcmp(part, name))
			at = i;
	}
	free(name);
	return at;
}

/* "track.md#e2-senior-engineer" when track.md was cut into level sections
 * (split.h): the heading went with its section, so k (a key with its
 * #fragment) becomes that section's chapter key with the fragment, when
 * one of them has it. */
static void split_anchor(const struct model *b, const struct content *c, struct buf *k)
{
	char *h = strchr(k->data, '#');
	int at;
	*h = 0;
	int found = strmap_get(b->keys, k->data, &at);
	*h = '#';
	if (!found || at < 0 || at >= b->n)
		return;
	const char *file = c->v[b->ch[at].src].name;
	struct buf t;
	buf_init(&t);
	for (int i = 0; i < b->n; i++) {
		const char *part = c->v[b->ch[i].src].part_of;
		if (!part || strcmp(part, file))
			continue;
		t.len = 0;
		buf_addf(&t, "%s%s", b->ch[i].key, h);
		if (strmap_get(b->keys, buf_cstr(&t), NULL)) {
			k->len = 0;
			buf_adds(k, t.data);
			buf_cstr(k);
			break;
		}
	}
	buf_done(&t);
}

char *model_link_key(const struct model *b, const struct content *c, int from,
                     const char *url, int line, struct diags *d)
{
	return model_link_key_at(b, c, from, url, line, 0, d);
}

char *model_link_key_at(const struct model *b, const struct content *c, int from,
                        const char *url, int line, int col, struct diags *d)
{
	const char *path = c->v[b->ch[from].src].path;
	const char *colon;
	struct buf k;
	buf_init(&k);
	if (!url || !*url) {
		diag_warn_at(d, path, line, col, "link with an empty target; set as text");
		return NULL;
	}
	if (has_scheme(url, &colon)) {
		size_t n = (size_t)(colon - url);
		if ((n == 4 && !strncasecmp(url, "http", 4)) || (n == 5 && !strncasecmp(url, "https", 5)) ||
		    (n == 6 && !strncasecmp(url, "mailto", 6))) {
			buf_adds(&k, "uri:");
			buf_adds(&k, url);
			return buf_detach(&k);
		}
		diag_warn_at(d, path, line, col, "link to '%.*s:' is not a web address; set as text", (int)n, url);
		return NULL;
	}
	const char *hash = strchr(url, '#');
	if (url[0] == '#') {
		buf_addf(&k, "%s%s", b->ch[from].key, url);
	} else if (followed(c, c->v[b->ch[from].src].name, url) &&
	           link_chapter(b, c->v[b->ch[from].src].name, url) < 0) {
		return NULL; /* a folder the role list was read through: text */
	} else if (content_is_md_link(url)) {
		int idx = link_chapter(b, c->v[b->ch[from].src].name, url);
		if (idx < 0)
			idx = first_part(b, c, c->v[b->ch[from].src].name, url);
		if (idx < 0) {
			diag_warn_at(d, path, line, col, "link to %s, which is not in the book; set as text", url);
			return NULL;
		}
		buf_adds(&k, b->ch[idx].key);
		if (hash && hash[1])
			buf_adds(&k, hash);
	} else {
		diag_warn_at(d, path, line, col, "link to %s cannot be followed in the PDF; set as text", url);
		return NULL;
	}
	buf_cstr(&k);
	/* GitHub anchors are case-insensitive in practice: match on lower
	 * case, in any script (#Обзор finds #обзор) */
	char *h = strchr(k.data, '#');
	if (h) {
		char *frag = xstrdup(h);
		k.len = (size_t)(h - k.data);
		md_lower(frag, &k);
		free(frag);
		buf_cstr(&k);
	}
	if (!strmap_get(b->keys, k.data, NULL) && h)
		split_anchor(b, c, &k);
	if (!strmap_get(b->keys, k.data, NULL)) {
		diag_warn_at(d, path, line, col, "link to %s: no such heading; set as text", url);
		buf_done(&k);
		return NULL;
	}
	if (!model_has_key(b, k.data)) {
		buf_done(&k);
		return NULL;
	}
	return buf_detach(&k);
}

void model_omit_key(struct model *b, const char *key)
{
	if (!b->omitted)
		b->omitted = strmap_new();
	strmap_put(b->omitted, key, 1);
}

void model_omit_chapter(struct model *b, int chap)
{
	b->left_out[chap] = 1;
}

int model_has_key(const struct model *b, const char *key)
{
	int chap;
	return strmap_get(b->keys, key, &chap) && !b->left_out[chap] &&
	       !(b->omitted && strmap_get(b->omitted, key, NULL));
}

int model_has_chapter(const struct model *b, int chap)
{
	return !b->left_out[chap] && !(b->omitted && strmap_get(b->omitted, b->ch[chap].key, NULL));
}

void model_include_all(struct model *b)
{
	memset(b->left_out, 0, (size_t)b->n);
	strmap_free(b->omitted);
	b->omitted = NULL;
}

int model_chapter_named(const struct model *b, const char *name)
{
	int i;
	return strmap_get(b->keys, name, &i) && !strchr(name, '#') && !strcmp(b->ch[i].key, name) ? i : -1;
}
