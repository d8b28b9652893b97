/* edition.c: the selections behind the role and review editions: role
 * names, the README's public sections, competency sections, and building a
 * part of a file.  The rules are stated in edition.h. */
#include "edition.h"
#include "md.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A name for loose comparison: lower-case letters and digits, every other
 * run of characters one space ("L4-Support-Manager.md" and "L4: Support
 * Manager" both become "l4 support manager"). */
static char *loose(const char *s)
{
	struct buf b;
	buf_init(&b);
	size_t n = strlen(s);
	if (n > 3 && !strcasecmp(s + n - 3, ".md"))
		n -= 3;
	int sep = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (isalnum(ch) || ch >= 0x80) {
			if (sep && b.len)
				buf_addc(&b, ' ');
			sep = 0;
			buf_addc(&b, tolower(ch));
		} else {
			sep = 1;
		}
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

void edition_role_name(const struct book *bk, const struct content *c, int chap, struct buf *out)
{
	const char *name = c->v[bk->ch[chap].src].name;
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	size_t n = strlen(name);
	if (n > 3 && !strcasecmp(name + n - 3, ".md"))
		n -= 3;
	buf_add(out, name, n);
	buf_cstr(out);
}

int edition_find_role(const struct book *bk, const struct content *c, const char *name, int *cand,
                      int *ncand)
{
	*ncand = 0;
	for (int i = 1; i < bk->n; i++) /* a level file's exact name is never ambiguous */
		if (!strcmp(c->v[bk->ch[i].src].name, name))
			return cand[(*ncand)++] = i;
	char *want = loose(name);
	/* names and titles first; a bare level code only when nothing else matched */
	for (int i = 1; i < bk->n && want[0]; i++) {
		struct buf stem;
		buf_init(&stem);
		edition_role_name(bk, c, i, &stem);
		char *a = loose(stem.data ? stem.data : ""), *t = loose(bk->ch[i].title),
		     *r = loose(bk->ch[i].role), *p = loose(c->v[bk->ch[i].src].name);
		if (!strcmp(want, a) || !strcmp(want, t) || !strcmp(want, r) || !strcmp(want, p))
			cand[(*ncand)++] = i;
		free(a);
		free(t);
		free(r);
		free(p);
		buf_done(&stem);
	}
	if (*ncand == 0 && want[0])
		for (int i = 1; i < bk->n; i++)
			if (bk->ch[i].code && !strcasecmp(bk->ch[i].code, want))
				cand[(*ncand)++] = i;
	free(want);
	if (*ncand == 1)
		return cand[0];
	if (*ncand > 1)
		return EDITION_AMBIGUOUS;
	for (int i = 1; i < bk->n; i++)
		cand[(*ncand)++] = i;
	return EDITION_UNKNOWN;
}

/* ---- the README rule ---- */

/* 1 when a word of the title starts with a stem, or the title holds a phrase. */
static int title_says(const char *title, const char *const *stems, int nstems,
                      const char *const *phrases, int nphrases)
{
	char *t = loose(title);
	int found = 0;
	for (int k = 0; k < nphrases && !found; k++) {
		size_t pl = strlen(phrases[k]);
		for (const char *p = strstr(t, phrases[k]); p && !found; p = strstr(p + 1, phrases[k]))
			found = (p == t || p[-1] == ' ') && (p[pl] == 0 || p[pl] == ' ');
	}
	for (const char *w = t; *w && !found; w = strchr(w, ' ') ? strchr(w, ' ') + 1 : "")
		for (int k = 0; k < nstems && !found; k++)
			found = !strncmp(w, stems[k], strlen(stems[k]));
	free(t);
	return found;
}

static int internal_title(const char *title)
{
	static const char *const stems[] = { "contribut", "licen", "changelog", "maintainer", "credit",
		                                 "acknowledg" };
	static const char *const phrases[] = { "change log", "code of conduct" };
	return title_says(title, stems, 6, phrases, 2);
}

/* 1 when a paragraph holds nothing but links to Markdown files, with
 * punctuation or spaces between them. */
static int only_md_links(cmark_node *para)
{
	int links = 0;
	for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK) {
			if (!content_is_md_link(cmark_node_get_url(n)))
				return 0;
			links++;
		} else if (t == CMARK_NODE_TEXT) {
			for (const char *p = cmark_node_get_literal(n); *p; p++)
				if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
					return 0;
		} else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
			return 0;
		}
	}
	return links > 0;
}

/* 1 when every item of the list (and of lists nested in it) is only links
 * to level files.  Nesting past BUILD_MAX_DEPTH is no role list: the
 * recursion stays bounded. */
static int link_list(cmark_node *list, int depth)
{
	int items = 0;
	if (depth >= BUILD_MAX_DEPTH)
		return 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		items++;
		for (cmark_node *b = cmark_node_first_child(it); b; b = cmark_node_next(b)) {
			cmark_node_type t = cmark_node_get_type(b);
			if (t == CMARK_NODE_PARAGRAPH ? !only_md_links(b)
			    : t == CMARK_NODE_LIST    ? !link_list(b, depth + 1)
			                              : 1)
				return 0;
		}
	}
	return items > 0;
}

static int starts_section(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 2;
}

/* The model's heading for node n.  Headings are asked for in document
 * order, so the search goes on from *cur, where the last one was found:
 * linear in all, however many headings a file has. */
static const struct heading *model_heading(const struct chapter *ch, cmark_node *n, int *cur)
{
	for (int k = *cur; k < ch->nh; k++)
		if (ch->h[k].node == n) {
			*cur = k + 1;
			return &ch->h[k];
		}
	return NULL;
}

/* Marks the keys of the headings in blocks [from, to) omitted; the first
 * is at or after ch->h[cur]. */
static void omit_headings(struct book *bk, const struct chapter *ch, cmark_node *from, cmark_node *to,
                          int cur)
{
	for (cmark_node *n = from; n && n != to; n = cmark_node_next(n)) {
		cmark_iter *it = cmark_iter_new(n);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *h = cmark_iter_get_node(it);
			const struct heading *mh;
			if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(h) == CMARK_NODE_HEADING &&
			    (mh = model_heading(ch, h, &cur)))
				model_omit_key(bk, mh->key);
		}
		cmark_iter_free(it);
	}
}

int edition_readme_public(struct book *bk, const struct content *c, cmark_node ***keep)
{
	cmark_node *root = c->v[bk->ch[0].src].root;
	const struct chapter *ch = &bk->ch[0];
	int n = 0, cap = 0, cur = 0;
	*keep = NULL;
	cmark_node *s = cmark_node_first_child(root);
	while (s) {
		/* [s, e): the preamble, or a section from its heading */
		cmark_node *e = cmark_node_next(s);
		while (e && !starts_section(e))
			e = cmark_node_next(e);
		int drop = 0, from = cur;
		if (starts_section(s) && cmark_node_get_heading_level(s) == 2) {
			const struct heading *h = model_heading(ch, s, &cur);
			from = h ? (int)(h - ch->h) : from;
			int lists = 0, all_links = 1;
			for (cmark_node *b = cmark_node_next(s); b != e; b = cmark_node_next(b))
				if (cmark_node_get_type(b) == CMARK_NODE_LIST) {
					lists++;
					all_links &= link_list(b, 0);
				}
			drop = (h && internal_title(h->text)) || (lists > 0 && all_links);
		}
		if (drop)
			omit_headings(bk, ch, s, e, from);
		for (cmark_node *b = s; b != e; b = cmark_node_next(b))
			if (!drop || md_is_footnote_def(b)) {
				GROW(*keep, cap, n + 1);
				(*keep)[n++] = b;
			}
		s = e;
	}
	return n;
}

void edition_build(struct lctx *L, const struct book *bk, const struct content *c, int chap,
                   cmark_node *const *keep, int n, const struct build_opts *o, struct build_out *out)
{
	/* The kept blocks move under a document of their own, which a copy of
	 * the content names as the file's AST; then each goes back after the
	 * block it followed.  The cost is the selection's, not the file's: a
	 * file of many sections is built section by section in linear time. */
	int src = bk->ch[chap].src;
	cmark_node *root = c->v[src].root, *part = md_node_new(CMARK_NODE_DOCUMENT);
	cmark_node **prev = xcalloc((size_t)(n ? n : 1), sizeof(*prev));
	for (int i = 0; i < n; i++) {
		prev[i] = cmark_node_previous(keep[i]);
		cmark_node_unlink(keep[i]);
		cmark_node_append_child(part, keep[i]);
	}
	struct content cc = *c;
	cc.v = xmalloc(sizeof(*cc.v) * (size_t)c->n);
	memcpy(cc.v, c->v, sizeof(*cc.v) * (size_t)c->n);
	cc.v[src].root = part;
	build_chapter(L, bk, &cc, chap, o, out);
	free(cc.v);
	for (int i = n - 1; i >= 0; i--) {
		cmark_node_unlink(keep[i]);
		if (prev[i])
			cmark_node_insert_after(prev[i], keep[i]);
		else
			cmark_node_prepend_child(root, keep[i]);
	}
	free(prev);
	cmark_node_free(part);
}

/* ---- competency sections ---- */

static int competency_title(const char *title)
{
	static const char *const stems[] = { "progress", "promot", "summary", "overview" };
	static const char *const phrases[] = { "next level" };
	return !title_says(title, stems, 4, phrases, 1);
}

int edition_sections(const struct book *bk, const struct content *c, int chap, struct section **out)
{
	const struct chapter *ch = &bk->ch[chap];
	cmark_node *root = c->v[ch->src].root;
	int n = 0, cap = 0, cur = 0;
	*out = NULL;
	for (cmark_node *s = cmark_node_first_child(root); s;) {
		cmark_node *e = cmark_node_next(s);
		while (e && !starts_section(e))
			e = cmark_node_next(e);
		const struct heading *h = NULL;
		if (starts_section(s) && cmark_node_get_heading_level(s) == 2)
			h = model_heading(ch, s, &cur);
		int lists = 0;
		for (cmark_node *b = cmark_node_next(s); h && b != e; b = cmark_node_next(b))
			lists += cmark_node_get_type(b) == CMARK_NODE_LIST;
		if (h && lists && competency_title(h->text)) {
			GROW(*out, cap, n + 1);
			struct section *sec = &(*out)[n++];
			sec->h = h;
			sec->n = 0;
			sec->body = NULL;
			int bcap = 0;
			for (cmark_node *b = cmark_node_next(s); b != e; b = cmark_node_next(b))
				if (!md_is_footnote_def(b)) {
					GROW(sec->body, bcap, sec->n + 1);
					sec->body[sec->n++] = b;
				}
		}
		s = e;
	}
	return n;
}

void edition_sections_free(struct section *s, int n)
{
	for (int i = 0; i < n; i++)
		free(s[i].body);
	free(s);
}

char *edition_title_key(const char *title)
{
	return loose(title);
}

int edition_same_title(const char *a, const char *b)
{
	char *x = loose(a), *y = loose(b);
	int same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

int edition_section_find(const struct section *s, int n, const char *title)
{
	for (int i = 0; i < n; i++)
		if (edition_same_title(s[i].h->text, title))
			return i;
	return -1;
}

/* The end of the first sentence of s: after a '.', '!' or '?' (and any
 * closing quote or bracket) followed by a space and an upper-case letter,
 * a digit or an opening quote; else the end of s. */
static size_t sentence_end(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		size_t j = i + 1;
		while (j < n && (s[j] == '"' || s[j] == ')' || s[j] == '\''))
			j++;
		if (j + 3 <= n && !memcmp(s + j, "\xE2\x80\x9D", 3)) /* closing curly quote */
			j += 3;
		if (j < n && s[j] != ' ')
			continue;
		size_t k = j;
		while (k < n && s[k] == ' ')
			k++;
		if (k >= n)
			return j;
		unsigned char f = (unsigned char)s[k];
		/* "e.g. the" is no end; so is a single letter before the dot ("J. Smith") */
		if ((isupper(f) || isdigit(f) || f == '"' || f >= 0x80) && !(i >= 2 && s[i - 2] == ' ') &&
		    !(i >= 3 && !strncmp(s + i - 3, "e.g", 3)) && !(i >= 3 && !strncmp(s + i - 3, "i.e", 3)))
			return j;
	}
	return n;
}

char *edition_first_sentence(const struct section *s)
{
	cmark_node *from = NULL;
	for (int i = 0; i < s->n && !from; i++)
		if (cmark_node_get_type(s->body[i]) == CMARK_NODE_PARAGRAPH)
			from = s->body[i];
	for (int i = 0; i < s->n && !from; i++)
		if (cmark_node_get_type(s->body[i]) == CMARK_NODE_LIST) {
			cmark_node *it = cmark_node_first_child(s->body[i]);
			cmark_node *p = it ? cmark_node_first_child(it) : NULL;
			if (p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH)
				from = p;
		}
	struct buf t;
	buf_init(&t);
	if (from)
		md_text(from, &t);
	buf_cstr(&t);
	/* collapse white space */
	size_t k = 0;
	for (size_t i = 0; i < t.len; i++) {
		char ch = t.data[i] == '\n' || t.data[i] == '\t' ? ' ' : t.data[i];
		if (ch == ' ' && (k == 0 || t.data[k - 1] == ' '))
			continue;
		t.data[k++] = ch;
	}
	while (k > 0 && t.data[k - 1] == ' ')
		k--;
	t.data[k] = 0;
	t.len = k;
	size_t e = sentence_end(t.data);
	char *r = xstrndup(t.data, e);
	buf_done(&t);
	return r;
}
