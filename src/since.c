/* since.c: the content compared with an earlier revision, block by block
 * (see since.h for the rules).  since_new cuts both sides into blocks,
 * pairs the level files, then matches per section: equal keys first (their
 * order decides same or moved: a longest increasing run of old positions
 * stays, the rest moved), then unmatched blocks of one kind by shared
 * words (changed), then whatever is left is added or removed. */
#include "since.h"
#include "md.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct blk {
	cmark_node *node;  /* in its AST */
	int kind;          /* cmark node type, or -1 for a table row */
	int sect;          /* index of its section's heading block, -1 before any */
	char *key;         /* since_key of its text, owned */
	char *text;        /* plain text, owned */
	int match;         /* index of the block it matched on the other side, -1 none */
	enum since_kind how;
	char **words;      /* its words, keyed and sorted, made when first compared; owned */
	int nwords;        /* -1: not made yet */
};

struct side {
	struct blk *v;
	int n, cap;
};

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

static int is_space_or_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp <= 0x20 || cp == 0x7F || (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
		       (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
	return cp == 0xA0 || cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xB7 || cp == 0xBB ||
	       cp == 0xBF || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
	       cp == 0xFEFF;
}

void since_key(const char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(s + i, len - i, &cp);
		if (k <= 0)
			k = 1;
		if (!is_space_or_punct(cp))
			buf_add(out, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_cstr(out);
}

/* ---- blocks ---- */

static void add_blk(struct side *sd, cmark_node *n, int kind, int sect, struct buf *text)
{
	GROW(sd->v, sd->cap, sd->n + 1);
	struct blk *b = &sd->v[sd->n++];
	memset(b, 0, sizeof(*b));
	b->node = n;
	b->kind = kind;
	b->sect = sect;
	b->match = -1;
	b->nwords = -1;
	struct buf k;
	buf_init(&k);
	since_key(text->data ? text->data : "", text->len, &k);
	b->key = buf_detach(&k);
	if (!b->key)
		b->key = xstrdup("");
	buf_cstr(text);
	b->text = buf_detach(text);
	if (!b->text)
		b->text = xstrdup("");
}

/* Cuts the AST of one file into blocks, in document order. */
static void cut(cmark_node *root, struct side *sd)
{
	int sect = -1;
	int open[7] = { -1, -1, -1, -1, -1, -1, -1 }; /* the heading in force at each level */
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		cmark_node *parent = cmark_node_parent(n);
		struct buf text;
		buf_init(&text);
		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);
			md_text(n, &text);
			/* a heading belongs to the section around it: the nearest
			 * shallower heading of level 2 or deeper */
			int outer = -1;
			for (int l = level - 1; l >= 2 && outer < 0; l--)
				outer = open[l];
			add_blk(sd, n, t, outer, &text);
			for (int l = level; l <= 6; l++)
				open[l] = -1;
			if (level >= 2)
				open[level] = sd->n - 1;
			sect = level >= 2 ? sd->n - 1 : -1;
		} else if (t == CMARK_NODE_PARAGRAPH && parent && cmark_node_get_type(parent) != CMARK_NODE_ITEM) {
			md_text(n, &text);
			add_blk(sd, n, t, sect, &text);
		} else if (t == CMARK_NODE_ITEM) {
			for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
				if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
					if (text.len)
						buf_addc(&text, ' ');
					md_text(c, &text);
				}
			add_blk(sd, n, t, sect, &text);
		} else if (t == CMARK_NODE_CODE_BLOCK) {
			buf_adds(&text, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
			add_blk(sd, n, t, sect, &text);
		} else if (md_is(n, "table_row") || md_is(n, "table_header")) {
			for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
				if (c != cmark_node_first_child(n))
					buf_adds(&text, " | ");
				md_text(c, &text);
			}
			add_blk(sd, n, -1, sect, &text);
		}
		buf_done(&text);
	}
	cmark_iter_free(it);
}

static void side_done(struct side *sd)
{
	for (int i = 0; i < sd->n; i++) {
		free(sd->v[i].key);
		free(sd->v[i].text);
		for (int k = 0; k < sd->v[i].nwords; k++)
			free(sd->v[i].words[k]);
		free(sd->v[i].words);
	}
	free(sd->v);
	memset(sd, 0, sizeof(*sd));
}

/* ---- matching ---- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Words of a block's text, each keyed, in a sorted array. */
static int words_of(const char *text, char ***out)
{
	char **w = NULL;
	int n = 0, cap = 0;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *s = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (p == s)
			break;
		struct buf k;
		buf_init(&k);
		since_key(s, (size_t)(p - s), &k);
		if (k.len) {
			GROW(w, cap, n + 1);
			w[n++] = buf_detach(&k);
		} else {
			buf_done(&k);
		}
	}
	qsort(w, (size_t)n, sizeof(*w), cmp_str);
	*out = w;
	return n;
}

/* Shared words over the larger count, in percent (over the smaller
 * count a one-word block would be similar to anything holding it). */
static int similarity(struct blk *a, struct blk *b)
{
	if (a->nwords < 0)
		a->nwords = words_of(a->text, &a->words);
	if (b->nwords < 0)
		b->nwords = words_of(b->text, &b->words);
	int na = a->nwords, nb = b->nwords, common = 0;
	for (int i = 0, j = 0; i < na && j < nb;) {
		int c = strcmp(a->words[i], b->words[j]);
		if (c == 0)
			common++, i++, j++;
		else if (c < 0)
			i++;
		else
			j++;
	}
	int most = na > nb ? na : nb;
	return most ? common * 100 / most : 100;
}

/* The positions in seq[0..m) of a longest strictly increasing run, marked
 * 1 in keep (patience sorting: m log m, for any section length). */
static void longest_run(const int *seq, int m, char *keep)
{
	int *tail = xcalloc((size_t)m + 1, sizeof(int)), *prev = xcalloc((size_t)m + 1, sizeof(int));
	int len = 0;
	for (int i = 0; i < m; i++) {
		int lo = 0, hi = len;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (seq[tail[mid]] < seq[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : -1;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (int i = len ? tail[len - 1] : -1; i >= 0; i = prev[i])
		keep[i] = 1;
	free(tail);
	free(prev);
}

/* Among new blocks nb[0..nn) and old ob[0..no) of one section, in
 * document order: equal keys, then order, then similar blocks. */
static void match_group(struct side *nw, int *nb, int nn, struct side *old, int *ob, int no)
{
	/* equal keys, the first unused old one in order: each key's old blocks
	 * chained in order, the chain's head in a map */
	struct strmap *head = strmap_new();
	int *next = xcalloc((size_t)no + 1, sizeof(int));
	for (int j = no - 1; j >= 0; j--) {
		int h = -1;
		if (old->v[ob[j]].match >= 0)
			continue;
		next[j] = strmap_get(head, old->v[ob[j]].key, &h) ? h : -1;
		strmap_put(head, old->v[ob[j]].key, j);
	}
	for (int i = 0; i < nn; i++) {
		struct blk *a = &nw->v[nb[i]];
		int j;
		if (a->match >= 0 || !strmap_get(head, a->key, &j) || j < 0)
			continue;
		struct blk *b = &old->v[ob[j]];
		a->match = ob[j];
		b->match = nb[i];
		a->how = b->how = SINCE_SAME;
		strmap_put(head, a->key, next[j]);
	}
	free(next);
	strmap_free(head);
	/* order: the longest run of increasing old positions stays, the rest moved */
	int *seq = xcalloc((size_t)nn + 1, sizeof(int)), *who = xcalloc((size_t)nn + 1, sizeof(int));
	int m = 0;
	for (int i = 0; i < nn; i++)
		if (nw->v[nb[i]].match >= 0) {
			seq[m] = nw->v[nb[i]].match;
			who[m++] = nb[i];
		}
	char *keep = xcalloc((size_t)m + 1, 1);
	longest_run(seq, m, keep);
	for (int i = 0; i < m; i++)
		if (!keep[i]) {
			nw->v[who[i]].how = SINCE_MOVED;
			old->v[seq[i]].how = SINCE_MOVED;
		}
	free(keep);
	free(seq);
	free(who);
	/* similar blocks of one kind: changed */
	int un = 0, uo = 0;
	for (int i = 0; i < nn; i++)
		un += nw->v[nb[i]].match < 0;
	for (int j = 0; j < no; j++)
		uo += old->v[ob[j]].match < 0;
	if ((long long)un * uo > SINCE_MAX_PAIRS)
		return;
	for (int i = 0; i < nn; i++) {
		struct blk *a = &nw->v[nb[i]];
		if (a->match >= 0)
			continue;
		int bj = -1, bs = 49;
		for (int j = 0; j < no; j++) {
			struct blk *b = &old->v[ob[j]];
			if (b->match >= 0 || b->kind != a->kind)
				continue;
			int s = similarity(a, b);
			if (s > bs) {
				bs = s;
				bj = j;
			}
		}
		if (bj >= 0) {
			a->match = ob[bj];
			old->v[ob[bj]].match = nb[i];
			a->how = old->v[ob[bj]].how = SINCE_CHANGED;
		}
	}
}

/* The blocks of sd other than headings, grouped by section: the blocks
 * of the section whose heading is block h (-1: before any heading) are
 * v[(*start)[h + 1] .. (*start)[h + 2]), in document order.  Both arrays
 * malloc'd. */
static int *by_section(const struct side *sd, int **start)
{
	int *st = xcalloc((size_t)sd->n + 3, sizeof(int)), *v = xcalloc((size_t)sd->n + 1, sizeof(int));
	for (int i = 0; i < sd->n; i++)
		if (sd->v[i].kind != CMARK_NODE_HEADING)
			st[sd->v[i].sect + 2]++;
	for (int k = 1; k <= sd->n + 2; k++)
		st[k] += st[k - 1];
	int *at = xcalloc((size_t)sd->n + 3, sizeof(int));
	memcpy(at, st, sizeof(int) * ((size_t)sd->n + 2));
	for (int i = 0; i < sd->n; i++)
		if (sd->v[i].kind != CMARK_NODE_HEADING)
			v[at[sd->v[i].sect + 1]++] = i;
	free(at);
	*start = st;
	return v;
}

/* Matches one role's blocks: headings first, then each section's. */
static void match_role(struct side *nw, struct side *old)
{
	int *nb = xcalloc((size_t)nw->n + 1, sizeof(int)), *ob = xcalloc((size_t)old->n + 1, sizeof(int));
	int nn = 0, no = 0;
	for (int i = 0; i < nw->n; i++)
		if (nw->v[i].kind == CMARK_NODE_HEADING)
			nb[nn++] = i;
	for (int j = 0; j < old->n; j++)
		if (old->v[j].kind == CMARK_NODE_HEADING)
			ob[no++] = j;
	match_group(nw, nb, nn, old, ob, no);
	/* sections: the new section's heading and the one it matched; blocks
	 * before any heading together.  Each side's other blocks are grouped
	 * by section first (in document order), so this is linear. */
	int *ns0, *os0;
	int *nbs = by_section(nw, &ns0), *obs = by_section(old, &os0);
	for (int s = -1; s < nw->n; s++) {
		if (s >= 0 && nw->v[s].kind != CMARK_NODE_HEADING)
			continue;
		int os = s < 0 ? -1 : nw->v[s].match; /* -1 for a new section: nothing old to match */
		int *nbv = nbs + ns0[s + 1], *obv = obs + os0[os + 1];
		int nnv = ns0[s + 2] - ns0[s + 1], nov = s >= 0 && os < 0 ? 0 : os0[os + 2] - os0[os + 1];
		match_group(nw, nbv, nnv, old, obv, nov);
	}
	free(nbs);
	free(ns0);
	free(obs);
	free(os0);
	/* equal text in another section of the role: moved, not added and
	 * removed (each key's unmatched old blocks chained in order) */
	struct strmap *left = strmap_new();
	int *chain = xcalloc((size_t)old->n + 1, sizeof(int));
	for (int j = old->n - 1; j >= 0; j--) {
		int h;
		if (old->v[j].match >= 0 || !old->v[j].key[0])
			continue;
		chain[j] = strmap_get(left, old->v[j].key, &h) ? h : -1;
		strmap_put(left, old->v[j].key, j);
	}
	for (int i = 0; i < nw->n; i++) {
		int j;
		struct blk *a = &nw->v[i];
		if (a->match < 0 && a->key[0] && strmap_get(left, a->key, &j) && j >= 0) {
			a->match = j;
			old->v[j].match = i;
			a->how = old->v[j].how = SINCE_MOVED;
			strmap_put(left, a->key, chain[j]);
		}
	}
	free(chain);
	strmap_free(left);
	for (int i = 0; i < nw->n; i++)
		if (nw->v[i].match < 0)
			nw->v[i].how = SINCE_ADDED;
	for (int j = 0; j < old->n; j++)
		if (old->v[j].match < 0)
			old->v[j].how = SINCE_REMOVED;
	free(nb);
	free(ob);
}

/* Block matches as a share of the new file's blocks, percent. */
static int file_overlap(const struct side *nw, const struct side *old)
{
	if (!nw->n)
		return 0;
	struct strmap *keys = strmap_new();
	for (int j = 0; j < old->n; j++)
		strmap_put(keys, old->v[j].key, j);
	int hit = 0;
	for (int i = 0; i < nw->n; i++)
		hit += strmap_get(keys, nw->v[i].key, NULL);
	strmap_free(keys);
	return hit * 100 / nw->n;
}

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
static const char *heading_key(const struct book *bk, int chap, const cmark_node *n)
{
	for (int k = 0; k < bk->ch[chap].nh; k++)
		if (bk->ch[chap].h[k].node == n)
			return bk->ch[chap].h[k].key;
	return NULL;
}

/* The section key of block b of side sd (old: through its heading's match). */
static const char *section_key(const struct book *bk, int chap, const struct side *nw, const struct side *sd,
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
static void role_entries(struct since *s, const struct book *bk, int chap, const struct side *nw,
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

struct since *since_new(const struct history *h, const struct content *c, const struct book *bk)
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
			cut(old.v[j].root, &os[j]);
	int *pair = xcalloc((size_t)bk->n + 1, sizeof(int));
	char *claimed = xcalloc((size_t)old.n + 1, 1);
	struct side *ns = xcalloc((size_t)bk->n + 1, sizeof(*ns));
	for (int i = 0; i < bk->n; i++) {
		const struct source *src = &c->v[bk->ch[i].src];
		cut(src->root, &ns[i]);
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
			int o = file_overlap(&ns[i], &os[j]);
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
			match_role(&ns[i], &os[pair[i]]);
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
		side_done(&ns[i]);
	for (int j = 0; j < old.n; j++)
		side_done(&os[j]);
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

void since_keys(const struct since *s, const struct book *bk, struct strmap *m)
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

struct outline_entry *since_outline(struct since *s, const struct book *bk, const struct strmap *folios,
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
