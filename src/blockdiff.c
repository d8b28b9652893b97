/* blockdiff.c: blocks cut from a role's AST and matched across two
 * revisions (blockdiff.h). */
#include "blockdiff.h"
#include "md.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
void bd_cut(cmark_node *root, struct side *sd)
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

void bd_side_done(struct side *sd)
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
void bd_match_role(struct side *nw, struct side *old)
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
int bd_file_overlap(const struct side *nw, const struct side *old)
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
