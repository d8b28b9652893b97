/* matrix.c: a competency matrix (rows: competencies, columns: levels)
 * spread into the level files it describes, once, right after loading
 * (see matrix.h for the rule).  It reads each file's title the way model.c
 * does (front matter, else the first heading, else the file name) only to
 * match the matrix's column headings; the book model is built afterwards
 * from the expanded trees, so every later stage sees ordinary sections. */
#include "matrix.h"
#include "content.h"
#include "level.h"
#include "md.h"
#include "sections.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Inline nesting copied from a cell; deeper emphasis is copied as its
 * text.  The copy recurses, and a cell's markup rarely nests past three. */
#define MATRIX_MAX_DEPTH 32

/* What a level file is called, for matching a column heading. */
struct ident {
	char *title;             /* the file's title as sections_title_key, malloc'd */
	char *role;              /* its title without the level code, likewise */
	struct level_code lc;
};

static void ident_of(const struct source *s, struct ident *id)
{
	const char *t = s->fm.v[FM_TITLE];
	struct buf b;
	buf_init(&b);
	if (!t) {
		for (cmark_node *n = s->root ? cmark_node_first_child(s->root) : NULL; n; n = cmark_node_next(n))
			if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
				md_text(n, &b);
				break;
			}
		t = buf_cstr(&b);
	}
	const char *start;
	size_t len;
	char *alloc;
	level_read(t, s->name, &id->lc, &start, &len, &alloc);
	/* keys made once: every header cell of every matrix is compared with every file */
	char *role = len ? xstrndup(start, len) : NULL;
	id->title = sections_title_key(t);
	id->role = sections_title_key(role ? role : t);
	free(role);
	free(alloc);
	buf_done(&b);
}

/* "IC 3" and "ic3" name the same level. */
static int same_code(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '-')
			a++;
		while (*b == ' ' || *b == '-')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		char x = *a >= 'a' && *a <= 'z' ? *a - 32 : *a, y = *b >= 'a' && *b <= 'z' ? *b - 32 : *b;
		if (x != y)
			return 0;
		a++;
		b++;
	}
}

/* The level file a header cell names, or -1: a link to it, else one file
 * whose code, title or role title the cell's text is. */
static int column_target(const struct content *c, const struct ident *ids, int from, cmark_node *cell)
{
	cmark_iter *it = cmark_iter_new(cell);
	cmark_event_type ev;
	int found = -1;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && found < 0) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		const char *url = cmark_node_get_url(n);
		if (!url || !content_is_md_link(url))
			continue;
		/* links resolve from the linking file's folder, as GitHub does */
		struct buf p;
		buf_init(&p);
		const char *slash = strrchr(c->v[from].name, '/');
		if (slash && url[0] != '/')
			buf_add(&p, c->v[from].name, (size_t)(slash - c->v[from].name + 1));
		buf_adds(&p, url);
		found = content_find(c, buf_cstr(&p));
		buf_done(&p);
	}
	cmark_iter_free(it);
	if (found > 0)
		return found == from ? -1 : found;
	struct buf t;
	buf_init(&t);
	md_text(cell, &t);
	const char *text = buf_cstr(&t);
	struct level_code lc;
	const char *start;
	size_t len;
	char *alloc;
	level_read(text, NULL, &lc, &start, &len, &alloc);
	free(alloc);
	int hits = 0;
	char *key = sections_title_key(text);
	int code_only = lc.code[0] && (len == 0 || same_code(text, lc.code));
	for (int i = 1; i < c->n; i++) {
		if (i == from || !*text)
			continue;
		if ((code_only && ids[i].lc.code[0] && same_code(lc.code, ids[i].lc.code)) ||
		    !strcmp(key, ids[i].title) || !strcmp(key, ids[i].role)) {
			found = i;
			hits++;
		}
	}
	free(key);
	buf_done(&t);
	return hits == 1 ? found : -1;
}

static int has_heading(cmark_node *root, const char *title)
{
	int has = 0;
	struct buf b;
	buf_init(&b);
	for (cmark_node *n = cmark_node_first_child(root); n && !has; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		b.len = 0;
		md_text(n, &b);
		has = sections_same_title(buf_cstr(&b), title);
	}
	buf_done(&b);
	return has;
}

static int is_break(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_LINEBREAK || md_is_br(n);
}

/* Appends to parent a copy of inline node n (and what it holds). */
static void copy_inline(cmark_node *parent, cmark_node *n, int depth)
{
	cmark_node_type t = cmark_node_get_type(n);
	cmark_node *m = NULL;
	if (depth >= MATRIX_MAX_DEPTH || md_is(n, "strikethrough")) {
		struct buf b;
		buf_init(&b);
		md_text(n, &b);
		m = md_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(m, buf_cstr(&b));
		buf_done(&b);
		cmark_node_append_child(parent, m);
		return;
	}
	switch (t) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		m = md_node_new(t);
		cmark_node_set_literal(m, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		m = md_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(m, " ");
		break;
	case CMARK_NODE_STRONG:
	case CMARK_NODE_EMPH:
		m = md_node_new(t);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		m = md_node_new(t);
		cmark_node_set_url(m, cmark_node_get_url(n));
		cmark_node_set_title(m, cmark_node_get_title(n));
		break;
	default:
		return; /* other inline HTML, footnote references: not carried */
	}
	if (!cmark_node_append_child(parent, m)) {
		cmark_node_free(m);
		return;
	}
	for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		copy_inline(m, k, depth + 1);
}

/* Drops a bullet a cell's line starts with ("• ", "- ", "* "): the list
 * item draws its own. */
static void drop_bullet(cmark_node *para)
{
	cmark_node *f = cmark_node_first_child(para);
	if (!f || cmark_node_get_type(f) != CMARK_NODE_TEXT)
		return;
	const char *s = cmark_node_get_literal(f);
	size_t k = 0;
	if (!strncmp(s, "\xE2\x80\xA2", 3))
		k = 3;
	else if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
		k = 1;
	if (!k)
		return;
	while (s[k] == ' ')
		k++;
	if (!s[k]) {
		cmark_node_free(f);
		return;
	}
	char *rest = xstrdup(s + k);
	cmark_node_set_literal(f, rest);
	free(rest);
}

static int has_text(cmark_node *n)
{
	struct buf b;
	buf_init(&b);
	md_text(n, &b);
	int any = 0;
	for (size_t i = 0; i < b.len && !any; i++)
		any = b.data[i] != ' ' && b.data[i] != '-' && b.data[i] != '\t';
	buf_done(&b);
	return any;
}

/* A list of the cell's lines, or NULL when it has no text. */
static cmark_node *cell_list(cmark_node *cell, int line)
{
	cmark_node *list = md_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	cmark_node *k = cmark_node_first_child(cell);
	while (k) {
		cmark_node *item = md_node_new(CMARK_NODE_ITEM), *para = md_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(item, para);
		for (; k && !is_break(k); k = cmark_node_next(k))
			copy_inline(para, k, 0);
		if (k)
			k = cmark_node_next(k);
		drop_bullet(para);
		if (has_text(para)) {
			md_set_lines(item, line, line);
			md_set_lines(para, line, line);
			cmark_node_append_child(list, item);
		} else {
			cmark_node_free(item);
		}
	}
	if (!cmark_node_first_child(list)) {
		cmark_node_free(list);
		return NULL;
	}
	md_set_lines(list, line, line);
	return list;
}

/* Expands one table of file `from` when it is a matrix; returns the
 * sections added. */
static int expand_table(struct content *c, const struct ident *ids, int from, cmark_node *tbl)
{
	cmark_node *head = cmark_node_first_child(tbl);
	if (!head)
		return 0;
	int cols = 0, matched = 0, added = 0;
	for (cmark_node *x = cmark_node_first_child(head); x; x = cmark_node_next(x))
		cols++;
	int *target = xcalloc((size_t)cols, sizeof(*target));
	int ci = 0;
	for (cmark_node *x = cmark_node_first_child(head); x; x = cmark_node_next(x), ci++) {
		target[ci] = ci ? column_target(c, ids, from, x) : -1;
		for (int k = 1; k < ci && target[ci] >= 0; k++)
			if (target[k] == target[ci])
				target[ci] = -1; /* a level named twice: the first column is it */
		matched += target[ci] >= 0;
	}
	if (matched < 2)
		goto done;
	for (cmark_node *r = cmark_node_next(head); r; r = cmark_node_next(r)) {
		cmark_node *first = cmark_node_first_child(r);
		struct buf name;
		buf_init(&name);
		if (first)
			md_text(first, &name);
		/* trimmed: "**Delivery**" and " Delivery " are one name */
		size_t a = 0, e = name.len;
		while (a < e && name.data[a] == ' ')
			a++;
		while (e > a && name.data[e - 1] == ' ')
			e--;
		char *title = xstrndup(name.data ? name.data + a : "", e - a);
		buf_done(&name);
		/* a row named by a number ("| 4 | Yes | [D4](...) |") is a level of a
		 * table of levels by track, not a competency */
		unsigned char t0 = (unsigned char)title[0];
		if (!isalpha(t0) && t0 < 0x80)
			title[0] = 0;
		ci = 0;
		for (cmark_node *x = first; x && *title; x = cmark_node_next(x), ci++) {
			if (ci >= cols || target[ci] < 0)
				continue;
			struct source *t = &c->v[target[ci]];
			if (!t->root || has_heading(t->root, title))
				continue;
			int line = cmark_node_get_start_line(r);
			cmark_node *list = cell_list(x, line);
			if (!list)
				continue;
			cmark_node *h = md_node_new(CMARK_NODE_HEADING), *txt = md_node_new(CMARK_NODE_TEXT);
			cmark_node_set_heading_level(h, 2);
			cmark_node_set_literal(txt, title);
			cmark_node_append_child(h, txt);
			md_set_lines(h, line, line);
			cmark_node_append_child(t->root, h);
			cmark_node_append_child(t->root, list);
			if (!t->matrix_in)
				t->matrix_in = xstrdup(c->v[from].name);
			added++;
		}
		free(title);
	}
done:
	free(target);
	return added;
}

int matrix_expand(struct content *c)
{
	if (c->n < 3)
		return 0;
	struct ident *ids = xcalloc((size_t)c->n, sizeof(*ids));
	for (int i = 0; i < c->n; i++)
		ident_of(&c->v[i], &ids[i]);
	int added = 0;
	for (int i = 0; i < c->n; i++) {
		if (!c->v[i].root)
			continue;
		/* collected first: expanding appends to other files' trees only,
		 * but a file's own list stays as it was when the walk began */
		for (cmark_node *n = cmark_node_first_child(c->v[i].root); n; n = cmark_node_next(n))
			if (md_is(n, "table"))
				added += expand_table(c, ids, i, n);
	}
	for (int i = 0; i < c->n; i++) {
		free(ids[i].title);
		free(ids[i].role);
	}
	free(ids);
	return added;
}
