/* topics.c: a ladder written as data in front matter, made one source per
 * level (see topics.h). */
#include "topics.h"
#include "content.h"
#include "md.h"
#include "util.h"
#include "yamltree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *scalar(const struct ynode *y)
{
	return y && y->kind == Y_SCALAR && y->s[0] ? y->s : NULL;
}

/* A content entry's level, or -1 when it names none in 1..TOPICS_MAX_LEVEL. */
static int entry_level(const struct ynode *e)
{
	const char *v = scalar(ynode_get(e, "level"));
	if (!v)
		return -1;
	char *end;
	long l = strtol(v, &end, 10);
	return *end || end == v || l < 1 || l > TOPICS_MAX_LEVEL ? -1 : (int)l;
}

/* 1 when code point u is a pictograph, a symbol or a joiner that titles
 * open with ("🛠️ Backend", "✨ Influence"), no letter. */
static int decoration(uint32_t u)
{
	return (u >= 0x2000 && u <= 0x2BFF) || (u >= 0xFE00 && u <= 0xFE0F) || (u >= 0x1F000 && u <= 0x1FFFF) ||
	       u == 0x200D || (u >= 0xE0000 && u <= 0xE007F);
}

/* A title without the pictographs and symbols before its first letter or
 * digit, and without a closing "Framework"; malloc'd, "" when nothing is
 * left. */
static char *clean_title(const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t u;
		int k = utf8_decode(s + i, n - i, &u);
		if (u < 0x80 ? isalnum((int)u) : !decoration(u))
			break;
		i += (size_t)(k > 0 ? k : 1);
	}
	struct buf b;
	buf_init(&b);
	buf_adds(&b, s + i);
	buf_cstr(&b);
	static const char tail[] = " framework";
	size_t t = sizeof(tail) - 1;
	if (b.len > t && !strcasecmp(b.data + b.len - t, tail))
		b.len -= t;
	while (b.len && isspace((unsigned char)b.data[b.len - 1]))
		b.len--;
	buf_cstr(&b);
	return buf_detach(&b);
}

/* A topic's heading: its title, else its name with a capital. */
static char *topic_title(const struct ynode *topic)
{
	const char *t = scalar(ynode_get(topic, "title"));
	char *r = t ? clean_title(t) : xstrdup("");
	if (!r[0]) {
		free(r);
		const char *name = scalar(ynode_get(topic, "name"));
		r = xstrdup(name ? name : "Topic");
		r[0] = (char)toupper((unsigned char)r[0]);
	}
	return r;
}

static cmark_node *node_at(cmark_node_type type, int line)
{
	cmark_node *n = md_node_new(type);
	md_set_lines(n, line, line);
	return n;
}

static cmark_node *text_node(const char *s, int line)
{
	cmark_node *t = node_at(CMARK_NODE_TEXT, line);
	cmark_node_set_literal(t, s);
	return t;
}

static cmark_node *heading(int level, const char *s, int line)
{
	cmark_node *h = node_at(CMARK_NODE_HEADING, line);
	cmark_node_set_heading_level(h, level);
	cmark_node_append_child(h, text_node(s, line));
	return h;
}

static cmark_node *bullet_list(int line)
{
	cmark_node *l = node_at(CMARK_NODE_LIST, line);
	cmark_node_set_list_type(l, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(l, 1);
	return l;
}

/* Appends an item holding s to list l; returns the item. */
static cmark_node *add_item(cmark_node *l, const char *s, int line)
{
	cmark_node *it = node_at(CMARK_NODE_ITEM, line), *p = node_at(CMARK_NODE_PARAGRAPH, line);
	cmark_node_append_child(p, text_node(s, line));
	cmark_node_append_child(it, p);
	cmark_node_append_child(l, it);
	return it;
}

/* The criteria of one content entry as a list: `criteria` strings, then
 * each of `exampleCriteria` with its examples listed under it.  NULL when
 * it has none. */
static cmark_node *entry_list(const struct ynode *e)
{
	cmark_node *l = bullet_list(e->line);
	const struct ynode *cr = ynode_get(e, "criteria");
	for (int i = 0; cr && cr->kind == Y_SEQ && i < cr->n; i++)
		if (scalar(cr->kids[i]))
			add_item(l, cr->kids[i]->s, cr->kids[i]->line);
	const struct ynode *ex = ynode_get(e, "exampleCriteria");
	for (int i = 0; ex && ex->kind == Y_SEQ && i < ex->n; i++) {
		const struct ynode *c = ynode_get(ex->kids[i], "criteria");
		if (!scalar(c))
			continue;
		cmark_node *it = add_item(l, c->s, c->line);
		const struct ynode *eg = ynode_get(ex->kids[i], "examples");
		cmark_node *sub = NULL;
		for (int k = 0; eg && eg->kind == Y_SEQ && k < eg->n; k++) {
			if (!scalar(eg->kids[k]))
				continue;
			if (!sub)
				sub = bullet_list(eg->kids[k]->line);
			add_item(sub, eg->kids[k]->s, eg->kids[k]->line);
		}
		if (sub)
			cmark_node_append_child(it, sub);
	}
	if (!cmark_node_first_child(l)) {
		cmark_node_free(l);
		return NULL;
	}
	return l;
}

/* Level lvl's document: its title, then a section per topic that names
 * the level; NULL when none does. */
static cmark_node *level_doc(const struct ynode *topics, int lvl, const char *track)
{
	cmark_node *doc = md_node_new(CMARK_NODE_DOCUMENT), *title = NULL;
	int first = 0, last = 0;
	for (int t = 0; t < topics->n; t++) {
		const struct ynode *content = ynode_get(topics->kids[t], "content");
		for (int e = 0; content && content->kind == Y_SEQ && e < content->n; e++) {
			const struct ynode *en = content->kids[e];
			cmark_node *l = entry_level(en) == lvl ? entry_list(en) : NULL;
			if (!l)
				continue;
			if (!title) {
				struct buf b;
				buf_init(&b);
				buf_addf(&b, "L%d: %s", lvl, track);
				title = heading(1, buf_cstr(&b), en->line);
				buf_done(&b);
				cmark_node_append_child(doc, title);
				first = en->line;
			}
			char *name = topic_title(topics->kids[t]);
			cmark_node_append_child(doc, heading(2, name, topics->kids[t]->line));
			free(name);
			cmark_node_append_child(doc, l);
			last = en->line;
		}
	}
	if (!title) {
		cmark_node_free(doc);
		return NULL;
	}
	md_set_lines(doc, first, last);
	return doc;
}

/* "frameworks/backend.md" -> "frameworks/backend-L3.md"; malloc'd. */
static char *part_name(const char *file, int lvl)
{
	size_t n = strlen(file);
	if (n > 3 && !strcasecmp(file + n - 3, ".md"))
		n -= 3;
	struct buf b;
	buf_init(&b);
	buf_add(&b, file, n);
	buf_addf(&b, "-L%d.md", lvl);
	return buf_detach(&b);
}

int topics_cut(const struct source *s, struct source **out, int *n, int *cap)
{
	const struct ynode *topics = s->fm.topics;
	if (!topics || topics->kind != Y_SEQ)
		return 0;
	char *track = s->fm.v[FM_TITLE] ? clean_title(s->fm.v[FM_TITLE]) : xstrdup("");
	if (!track[0]) {
		free(track);
		track = content_name_title(s->name);
		track[0] = (char)toupper((unsigned char)track[0]);
	}
	/* the levels named, in order */
	char seen[TOPICS_MAX_LEVEL + 1] = { 0 };
	for (int t = 0; t < topics->n; t++) {
		const struct ynode *content = ynode_get(topics->kids[t], "content");
		for (int e = 0; content && content->kind == Y_SEQ && e < content->n; e++) {
			int l = entry_level(content->kids[e]);
			if (l > 0)
				seen[l] = 1;
		}
	}
	int parts = 0;
	for (int lvl = 1; lvl <= TOPICS_MAX_LEVEL; lvl++) {
		cmark_node *doc = seen[lvl] ? level_doc(topics, lvl, track) : NULL;
		if (!doc)
			continue;
		GROW(*out, *cap, *n + 1);
		struct source *p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		p->path = xstrdup(s->path);
		p->name = part_name(s->name, lvl);
		p->text = xstrdup("");
		p->root = doc;
		p->listed_line = s->listed_line ? s->listed_line : cmark_node_get_start_line(doc);
		p->in_listing = 1;
		p->part_of = xstrdup(s->name);
		p->track_of_file = s->fm.v[FM_TRACK] ? 0 : 1;
		p->fm.v[FM_TRACK] = xstrdup(s->fm.v[FM_TRACK] ? s->fm.v[FM_TRACK] : track);
		p->fm.line[FM_TRACK] = s->fm.v[FM_TRACK] ? s->fm.line[FM_TRACK] : s->fm.line[FM_TITLE];
		parts++;
	}
	free(track);
	return parts;
}
