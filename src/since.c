/* since.c: the content compared with an earlier revision, block by block
 * (see since.h for the rules).  since_new cuts both sides into blocks and
 * pairs the level files; blockdiff.c matches each pair's blocks; this file
 * turns the matches into the list's entries and answers the layout's
 * questions (is this block changed, was something removed after it). */
#include "since.h"
#include "blockdiff.h"
#include "md.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct node_ix {
	const cmark_node *node;
	int entry;
};

struct since {
	char *rev;                 /* as given, owned */
	char *commit;              /* its short hash, owned */
	struct since_entry *v;     /* owned */
	int n, cap;
	struct node_ix *blocks;    /* new block -> entry, sorted by node */
	int nblocks;
	struct node_ix *anchors;   /* anchor -> first removed entry, sorted by node then entry */
	int nanchors;
	char *changed;             /* per chapter: 1 changed */
	int nchap;
	char **titles;             /* since_outline's titles, owned */
	int ntitles;
};

/* ---- entries ---- */

/* The first words of text, cut at SINCE_SUMMARY bytes on a character boundary. */
static char *summary(const char *text)
{
	struct buf b;
	buf_init(&b);
	buf_add_collapsed(&b, text, strlen(text));
	buf_cstr(&b);
	if (b.len > SINCE_SUMMARY) {
		size_t cut = SINCE_SUMMARY;
		while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
			cut--;
		b.len = cut;
		while (b.len && b.data[b.len - 1] == ' ')
			b.len--;
		buf_adds(&b, "\xE2\x80\xA6");
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

static struct since_entry *add_entry(struct since *s, enum since_kind k, int chap, const struct side *sd,
                                     const struct blk *b)
{
	GROW(s->v, s->cap, s->n + 1);
	struct since_entry *e = &s->v[s->n];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->chap = chap;
	if (b) {
		e->text = summary(b->text);
		if (b->sect >= 0)
			e->section = xstrdup(sd->v[b->sect].text);
	}
	struct buf key;
	buf_init(&key);
	buf_addf(&key, "since:%d", s->n);
	e->key = buf_detach(&key);
	s->n++;
	return e;
}

static int is_row(cmark_node *n)
{
	return md_is(n, "table_row") || md_is(n, "table_header");
}

/* Where each removed old block is summarised: after the new side of the
 * nearest matched block before it (a table row: after its table's last
 * row), else after the role's first block.  Returns, per new block i, the
 * removed blocks to summarise after it: idx[start[i] .. start[i + 1]), in
 * old order.  Linear; both arrays malloc'd. */
static int *removed_by_anchor(const struct side *nw, const struct side *old, int **start)
{
	int *at = xcalloc((size_t)old->n + 1, sizeof(int));
	int *st = xcalloc((size_t)nw->n + 2, sizeof(int)), *idx = xcalloc((size_t)old->n + 1, sizeof(int));
	for (int j = 0, last = 0; j < old->n; j++) {
		at[j] = -1;
		if (old->v[j].match >= 0)
			last = old->v[j].match;
		else if (old->v[j].how == SINCE_REMOVED && nw->n) {
			int k = last;
			if (is_row(nw->v[k].node))
				while (k + 1 < nw->n && cmark_node_parent(nw->v[k + 1].node) == cmark_node_parent(nw->v[k].node))
					k++;
			at[j] = k;
			st[k + 1]++;
		}
	}
	for (int i = 1; i <= nw->n + 1; i++)
		st[i] += st[i - 1];
	int *fill = xcalloc((size_t)nw->n + 2, sizeof(int));
	memcpy(fill, st, sizeof(int) * ((size_t)nw->n + 1));
	for (int j = 0; j < old->n; j++)
		if (at[j] >= 0)
			idx[fill[at[j]]++] = j;
	free(fill);
	free(at);
	*start = st;
	return idx;
}

/* The book's key of heading node n of chapter chap, or NULL. */
static const char *heading_key(const struct model *bk, int chap, const cmark_node *n)
{
	for (int k = 0; k < bk->ch[chap].nh; k++)
		if (bk->ch[chap].h[k].node == n)
			return bk->ch[chap].h[k].key;
	return NULL;
}

/* The section key of block b of side sd (old: through its heading's match). */
static const char *section_key(const struct model *bk, int chap, const struct side *nw, const struct side *sd,
                               const struct blk *b)
{
	if (b->sect < 0)
		return NULL;
	if (sd == nw)
		return heading_key(bk, chap, nw->v[b->sect].node);
	int m = sd->v[b->sect].match;
	return m >= 0 ? heading_key(bk, chap, nw->v[m].node) : NULL;
}

/* The entries of one role, in its new document order, each removed block
 * after the block it is summarised after. */
static void role_entries(struct since *s, const struct model *bk, int chap, const struct side *nw,
                         const struct side *old)
{
	int *st, *idx = removed_by_anchor(nw, old, &st);
	for (int i = 0; i < nw->n; i++) {
		const struct blk *a = &nw->v[i];
		if (a->how != SINCE_SAME) {
			struct since_entry *e = add_entry(s, a->how, chap, nw, a);
			e->node = a->node;
			e->section_key = section_key(bk, chap, nw, nw, a);
		}
		/* a table's removed rows follow the table */
		cmark_node *at = is_row(a->node) ? cmark_node_parent(a->node) : a->node;
		for (int k = st[i]; k < st[i + 1]; k++) {
			const struct blk *r = &old->v[idx[k]];
			struct since_entry *e = add_entry(s, SINCE_REMOVED, chap, old, r);
			e->anchor = at;
			e->section_key = section_key(bk, chap, nw, old, r);
		}
	}
	for (int j = 0; j < old->n && !nw->n; j++) /* nothing new to hang them on: listed only */
		if (old->v[j].how == SINCE_REMOVED)
			add_entry(s, SINCE_REMOVED, chap, old, &old->v[j]);
	free(idx);
	free(st);
}

static int cmp_ix(const void *x, const void *y)
{
	const struct node_ix *a = x, *b = y;
	if (a->node != b->node)
		return (uintptr_t)a->node < (uintptr_t)b->node ? -1 : 1;
	return a->entry - b->entry;
}

static void index_entries(struct since *s)
{
	s->blocks = xcalloc((size_t)s->n + 1, sizeof(*s->blocks));
	s->anchors = xcalloc((size_t)s->n + 1, sizeof(*s->anchors));
	for (int i = 0; i < s->n; i++) {
		if (s->v[i].node && s->v[i].kind != SINCE_NEW_ROLE)
			s->blocks[s->nblocks++] = (struct node_ix){ s->v[i].node, i };
		if (s->v[i].anchor)
			s->anchors[s->nanchors++] = (struct node_ix){ s->v[i].anchor, i };
	}
	qsort(s->blocks, (size_t)s->nblocks, sizeof(*s->blocks), cmp_ix);
	qsort(s->anchors, (size_t)s->nanchors, sizeof(*s->anchors), cmp_ix);
}

struct since *since_new(const struct history *h, const struct content *c, const struct model *bk)
{
	struct since *s = xcalloc(1, sizeof(*s));
	s->rev = xstrdup(history_rev(h));
	s->commit = xstrdup(history_commit(h));
	s->nchap = bk->n;
	s->changed = xcalloc((size_t)bk->n + 1, 1);
	/* the old files, cleaned and parsed as the content is; their messages are not the reader's */
	struct content old;
	struct diags quiet;
	diags_init(&quiet);
	content_init(&old, c->dir);
	int nold = history_count(h);
	for (int i = 0; i < nold; i++) {
		const char *name, *text;
		size_t len;
		history_file(h, i, &name, &text, &len);
		content_add_text(&old, name, text, len, &quiet);
	}
	struct side *os = xcalloc((size_t)old.n + 1, sizeof(*os));
	for (int j = 0; j < old.n; j++)
		if (old.v[j].root)
			bd_cut(old.v[j].root, &os[j]);
	int *pair = xcalloc((size_t)bk->n + 1, sizeof(int));
	char *claimed = xcalloc((size_t)old.n + 1, 1);
	struct side *ns = xcalloc((size_t)bk->n + 1, sizeof(*ns));
	for (int i = 0; i < bk->n; i++) {
		const struct source *src = &c->v[bk->ch[i].src];
		bd_cut(src->root, &ns[i]);
		pair[i] = -1;
		for (int j = 0; j < old.n; j++)
			if (!claimed[j] && !strcmp(old.v[j].name, src->name)) {
				pair[i] = j;
				claimed[j] = 1;
				break;
			}
	}
	/* renamed files: an unclaimed old file holding most of a new file's blocks */
	for (int i = 1; i < bk->n; i++) {
		if (pair[i] >= 0)
			continue;
		int bj = -1, bo = 49;
		for (int j = 0; j < old.n; j++) {
			if (claimed[j])
				continue;
			int o = bd_file_overlap(&ns[i], &os[j]);
			if (o > bo) {
				bo = o;
				bj = j;
			}
		}
		if (bj >= 0) {
			pair[i] = bj;
			claimed[bj] = 1;
		}
	}
	for (int i = 0; i < bk->n; i++) {
		int before = s->n;
		if (pair[i] < 0) {
			struct since_entry *e = add_entry(s, SINCE_NEW_ROLE, i, NULL, NULL);
			e->text = xstrdup(bk->ch[i].title);
			free(e->key);
			e->key = xstrdup(bk->ch[i].key);
			for (int k = 0; k < ns[i].n; k++)
				add_entry(s, SINCE_ADDED, i, &ns[i], &ns[i].v[k])->node = ns[i].v[k].node;
		} else {
			bd_match_role(&ns[i], &os[pair[i]]);
			role_entries(s, bk, i, &ns[i], &os[pair[i]]);
		}
		s->changed[i] = s->n > before;
	}
	/* old level files with no new counterpart (the old README is the README's) */
	for (int j = 0; j < old.n; j++) {
		if (claimed[j] || !os[j].n || strchr(old.v[j].name, '/') || !strncasecmp(old.v[j].name, "readme", 6))
			continue;
		struct since_entry *e = add_entry(s, SINCE_REMOVED_ROLE, -1, NULL, NULL);
		e->text = xstrdup(os[j].v[0].kind == CMARK_NODE_HEADING ? os[j].v[0].text : old.v[j].name);
		free(e->key);
		e->key = NULL;
	}
	index_entries(s);
	for (int i = 0; i < bk->n; i++)
		bd_side_done(&ns[i]);
	for (int j = 0; j < old.n; j++)
		bd_side_done(&os[j]);
	free(ns);
	free(os);
	free(pair);
	free(claimed);
	content_done(&old);
	diags_done(&quiet);
	return s;
}

void since_free(struct since *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		free(s->v[i].section);
		free(s->v[i].text);
		free(s->v[i].key);
	}
	for (int i = 0; i < s->ntitles; i++)
		free(s->titles[i]);
	free(s->titles);
	free(s->v);
	free(s->blocks);
	free(s->anchors);
	free(s->changed);
	free(s->rev);
	free(s->commit);
	free(s);
}

const char *since_rev(const struct since *s)
{
	return s->rev;
}

const char *since_commit(const struct since *s)
{
	return s->commit;
}

int since_count(const struct since *s)
{
	return s->n;
}

const struct since_entry *since_entry(const struct since *s, int i)
{
	return &s->v[i];
}

/* The first index of node in ix[0..n), or -1. */
static int find_first(const struct node_ix *ix, int n, const cmark_node *node)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if ((uintptr_t)ix[mid].node < (uintptr_t)node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ix[lo].node == node ? lo : -1;
}

int since_block(const struct since *s, const cmark_node *n)
{
	if (!s)
		return -1;
	int i = find_first(s->blocks, s->nblocks, n);
	return i < 0 ? -1 : s->blocks[i].entry;
}

int since_removed_after(const struct since *s, const cmark_node *n, int *first)
{
	if (!s)
		return 0;
	int i = find_first(s->anchors, s->nanchors, n);
	if (i < 0)
		return 0;
	int k = i;
	while (k < s->nanchors && s->anchors[k].node == n)
		k++;
	*first = s->anchors[i].entry; /* anchored entries are consecutive (role_entries) */
	return k - i;
}

int since_chapter_changed(const struct since *s, int chap)
{
	return s && chap >= 0 && chap < s->nchap && s->changed[chap];
}

void since_keys(const struct since *s, const struct model *bk, struct strmap *m)
{
	for (int i = 0; s && i < s->n; i++) {
		const struct since_entry *e = &s->v[i];
		if (e->chap >= 0)
			strmap_put(m, bk->ch[e->chap].key, 1);
		if (e->section_key)
			strmap_put(m, e->section_key, 1);
	}
}

static const char *const kind_names[SINCE__MAX] = {
	[SINCE_SAME] = "Same", [SINCE_ADDED] = "Added", [SINCE_CHANGED] = "Changed", [SINCE_MOVED] = "Moved",
	[SINCE_REMOVED] = "Removed", [SINCE_NEW_ROLE] = "New role", [SINCE_REMOVED_ROLE] = "Removed role",
};

struct outline_entry *since_outline(struct since *s, const struct model *bk, const struct strmap *folios,
                                    int whole, int *n)
{
	struct outline_entry *ol = xcalloc((size_t)s->n * 2 + 2, sizeof(*ol));
	int k = 0, chap = -2;
	for (int i = 0; i < s->ntitles; i++)
		free(s->titles[i]);
	free(s->titles);
	s->titles = xcalloc((size_t)s->n + 1, sizeof(*s->titles));
	s->ntitles = 0;
	for (int i = 0; i < s->n; i++) {
		const struct since_entry *e = &s->v[i];
		if (e->kind == SINCE_REMOVED_ROLE || !strmap_get(folios, e->key, NULL))
			continue; /* removed roles close the list; other editions' changes are not listed */
		if (e->chap != chap) {
			chap = e->chap;
			ol[k++] = (struct outline_entry){ 1, bk->ch[chap].title, bk->ch[chap].key, chap };
		}
		if (e->kind == SINCE_NEW_ROLE) {
			struct buf t;
			buf_init(&t);
			buf_adds(&t, "New role");
			buf_cstr(&t);
			s->titles[s->ntitles] = buf_detach(&t);
			ol[k++] = (struct outline_entry){ 2, s->titles[s->ntitles++], e->key, chap };
			while (i + 1 < s->n && s->v[i + 1].chap == chap && s->v[i + 1].kind == SINCE_ADDED)
				i++; /* its blocks are all new: one line says so */
			continue;
		}
		struct buf t;
		buf_init(&t);
		if (e->section)
			buf_addf(&t, "%s \xE2\x80\xBA ", e->section);
		buf_addf(&t, "%s: %s", kind_names[e->kind], e->text && *e->text ? e->text : "(empty)");
		s->titles[s->ntitles] = buf_detach(&t);
		ol[k++] = (struct outline_entry){ 2, s->titles[s->ntitles++], e->key, chap };
	}
	/* roles no longer in the book: nowhere to link to but the list itself */
	for (int i = 0; whole && i < s->n; i++) {
		const struct since_entry *e = &s->v[i];
		if (e->kind != SINCE_REMOVED_ROLE || !strmap_get(folios, "#since", NULL))
			continue;
		if (chap != -1) {
			chap = -1;
			ol[k++] = (struct outline_entry){ 1, "Removed roles", "#since", -1 };
		}
		s->titles[s->ntitles] = xstrdup(e->text);
		ol[k++] = (struct outline_entry){ 2, s->titles[s->ntitles++], "#since", -1 };
	}
	*n = k;
	return ol;
}
