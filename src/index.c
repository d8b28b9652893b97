/* index.c: the back-of-book index: the terms file, and the occurrences.
 *
 * Terms are marked as each paragraph is set (index_mark, called by
 * lineset.c's para_set): the DLF_INDEX text of its lines is flattened into
 * one folded character stream (lower case, accents dropped), with a byte
 * -> (line, item) map, and every term of the terms file is tried at every
 * word start.  Line ends become spaces, a word hyphenated across lines
 * becomes one "soft" byte that a term may read through, and text that is
 * not body text (inline code) a hard break no term crosses; a paragraph,
 * and so a table cell, is a stream of its own.  A mark is a DL_DEST item
 * flagged DLF_INDEX that paginate carries to its page; index_collect then
 * gives each entry's first occurrence on a page a destination there.
 *
 * This file reads the terms file and collects; indexsort.c folds, orders
 * and groups the entries, indexpages.c lays the index out (indexint.h is
 * what the three share).
 *
 *   ix = index_new(name, text, len, d); L->ix = ix; ... set the body ...
 *   as the settle loop breaks the chapters into pages: index_collect(ix, bk, &pages, 0, n, d);
 *   the index's layout: index_resolve(ix, folios); index_layout(L, ix, st, width, height, &vl);
 *   ... index_free(ix); */
#include "index.h"
#include "indexint.h"
#include "paragraph.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

/* Limits.  A term longer than INDEX_MAX_TERM bytes is a paragraph pasted
 * by mistake; past INDEX_MAX_TERMS lines the matcher, which tries every
 * term at every word start, would make a hostile terms file slow. */
#define INDEX_MAX_TERM 200
#define INDEX_MAX_TERMS 5000

/* ---- entries ---- */

static void loc_add(struct book_index *ix, struct locs *l, int folio, const char *key)
{
	GROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct loc){ folio, key, ix->seq++ };
}

/* Trimmed, white space runs made one space: a name as displayed. */
static char *clean_name(struct arena *a, const char *s, size_t n)
{
	struct buf o;
	buf_init(&o);
	buf_add_collapsed(&o, s, n);
	char *r = arena_strndup(a, o.data ? o.data : "", o.len);
	buf_done(&o);
	return r;
}

/* The entry named s[0..n) (found by its folded form), made if new.
 * Returns its index, or -1 for an empty name. */
static int entry_get(struct book_index *ix, const char *s, size_t n)
{
	char *f = ix_fold_name(s, n);
	int idx = -1;
	if (!*f)
		goto done;
	if (strmap_get(ix->byfold, f, &idx))
		goto done;
	GROW(ix->e, ix->ecap, ix->ne + 1);
	struct entry *e = &ix->e[ix->ne];
	memset(e, 0, sizeof(*e));
	e->name = clean_name(ix->arena, s, n);
	e->fold = arena_strndup(ix->arena, f, strlen(f));
	e->last_page = -1;
	idx = ix->ne++;
	strmap_put(ix->byfold, f, idx);
done:
	free(f);
	return idx;
}

/* The sub-entry s[0..n) of e, made if new; NULL for an empty name. */
static struct sub *sub_get(struct book_index *ix, struct entry *e, const char *s, size_t n)
{
	char *f = ix_fold_name(s, n);
	struct sub *r = NULL;
	struct buf key;
	buf_init(&key);
	if (!*f)
		goto done;
	/* a map, not a scan: a heading every level has ("Responsibilities")
	 * gets a sub-entry per role, a thousand in a large framework */
	buf_addf(&key, "%d\x01%s", (int)(e - ix->e), f);
	int k;
	if (strmap_get(ix->bysub, key.data, &k)) {
		r = &e->sub[k];
		goto done;
	}
	strmap_put(ix->bysub, key.data, e->nsub);
	GROW(e->sub, e->subcap, e->nsub + 1);
	r = &e->sub[e->nsub++];
	memset(r, 0, sizeof(*r));
	r->name = clean_name(ix->arena, s, n);
	r->fold = arena_strndup(ix->arena, f, strlen(f));
done:
	buf_done(&key);
	free(f);
	return r;
}

static const char *new_key(struct book_index *ix)
{
	char k[32];
	int n = snprintf(k, sizeof(k), "idx:%d", ix->nkeys++);
	return arena_strndup(ix->arena, k, (size_t)n);
}

/* ---- the terms file ---- */

static void add_pattern(struct book_index *ix, int term, const char *base, size_t n,
                        const char *suffix)
{
	size_t sl = strlen(suffix);
	char *s = arena_alloc(ix->arena, n + sl + 1);
	memcpy(s, base, n);
	memcpy(s + n, suffix, sl + 1);
	GROW(ix->pat, ix->patcap, ix->npat + 1);
	ix->pat[ix->npat++] = (struct pattern){ s, n + sl, term };
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A name and its plurals: +s, +es, and y -> ies after a consonant. */
static void add_name(struct book_index *ix, int term, const char *s, size_t n, int line,
                     struct diags *d)
{
	char *f = ix_fold_name(s, n);
	size_t len = strlen(f);
	if (len > INDEX_MAX_TERM) {
		diag_warn(d, ix->path, line, "index term longer than %d bytes; ignored", INDEX_MAX_TERM);
	} else if (len > 0) {
		add_pattern(ix, term, f, len, "");
		char last = f[len - 1];
		if (last >= 'a' && last <= 'z') {
			add_pattern(ix, term, f, len, "s");
			add_pattern(ix, term, f, len, "es");
			if (last == 'y' && len > 1 && f[len - 2] >= 'a' && f[len - 2] <= 'z' &&
			    !is_vowel(f[len - 2]))
				add_pattern(ix, term, f, len - 1, "ies");
		}
	}
	free(f);
}

static void parse_line(struct book_index *ix, const char *s, size_t n, int line, struct diags *d)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || *s == '#')
		return;
	if (ix->nt >= INDEX_MAX_TERMS) {
		diag_warn(d, ix->path, line, "more than %d index terms; the rest are ignored",
		          INDEX_MAX_TERMS);
		return;
	}
	const char *bar = memchr(s, '|', n);
	size_t n0 = bar ? (size_t)(bar - s) : n;
	int e = entry_get(ix, s, n0);
	if (e < 0) {
		diag_warn(d, ix->path, line, "index term line has no name before '|'; ignored");
		return;
	}
	GROW(ix->t, ix->tcap, ix->nt + 1);
	int t = ix->nt++;
	ix->t[t] = (struct term){ e, line, clean_name(ix->arena, s, n0), 0 };
	const char *p = s, *end = s + n;
	while (p <= end) {
		const char *q = memchr(p, '|', (size_t)(end - p));
		if (!q)
			q = end;
		add_name(ix, t, p, (size_t)(q - p), line, d);
		p = q + 1;
	}
}

static int cmp_pattern(const void *a, const void *b)
{
	const struct pattern *x = a, *y = b;
	unsigned char cx = (unsigned char)x->s[0], cy = (unsigned char)y->s[0];
	if (cx != cy)
		return cx - cy;
	return (x->term > y->term) - (x->term < y->term);
}

/* Parses the terms file's bytes, one term a line. */
static void read_terms(struct book_index *ix, const char *text, size_t bytes, struct diags *d)
{
	const char *s = text;
	size_t n = bytes;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3, n -= 3;
	int line = 1;
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		parse_line(ix, s, len, line++, d);
		s += len, n -= len;
		if (nl)
			s++, n--;
	}
}

static void cand_add(struct book_index *ix, int k)
{
	GROW(ix->cand, ix->candcap, ix->ncand + 1);
	ix->cand[ix->ncand++] = k;
}

/* match_at reads the byte after a pattern's first against its second
 * (unless the text has a line-end hyphen there, SOFT), so at a word start
 * only the patterns whose second byte is the text's next can match, and
 * the one-byte ones.  For each first byte and next byte this makes that
 * list, in the bucket's order (by term), ended by -1; for SOFT the whole
 * bucket.  Next bytes no pattern has share the list of one-byte ones. */
static void candidates(struct book_index *ix)
{
	int rows = 0;
	for (int c = 0; c < 256; c++)
		ix->bucket[c] = ix->first[c] < ix->first[c + 1] ? rows++ : -1;
	ix->cand_at = xmalloc(sizeof(int) * (size_t)(rows ? rows * 256 : 1));
	for (int c = 0; c < 256; c++) {
		if (ix->bucket[c] < 0)
			continue;
		int *at = ix->cand_at + ix->bucket[c] * 256, lo = ix->first[c], hi = ix->first[c + 1];
		char has[256] = { 0 }; /* second bytes of the bucket's patterns */
		for (int k = lo; k < hi; k++)
			if (ix->pat[k].len > 1)
				has[(unsigned char)ix->pat[k].s[1]] = 1;
		has[SOFT] = 1;
		int single = -1;
		for (int next = 0; next < 256; next++) {
			if (!has[next] && single >= 0) {
				at[next] = single;
				continue;
			}
			at[next] = ix->ncand;
			if (!has[next])
				single = ix->ncand;
			for (int k = lo; k < hi; k++)
				if (next == SOFT || ix->pat[k].len == 1 || (unsigned char)ix->pat[k].s[1] == next)
					cand_add(ix, k);
			cand_add(ix, -1);
		}
	}
}

struct book_index *index_new(const char *terms_path, const char *text, size_t len,
                             struct diags *d)
{
	struct book_index *ix = xcalloc(1, sizeof(*ix));
	ix->arena = arena_new();
	ix->byfold = strmap_new();
	ix->bysub = strmap_new();
	if (terms_path && text) {
		ix->path = xstrdup(terms_path);
		read_terms(ix, text, len, d);
	}
	if (ix->npat)
		qsort(ix->pat, (size_t)ix->npat, sizeof(*ix->pat), cmp_pattern);
	int c = 0;
	for (int i = 0; i <= 256; i++) {
		while (c < ix->npat && (unsigned char)ix->pat[c].s[0] < i)
			c++;
		ix->first[i] = c;
	}
	candidates(ix);
	return ix;
}

void index_free(struct book_index *ix)
{
	if (!ix)
		return;
	for (int i = 0; i < ix->ne; i++) {
		free(ix->e[i].at.v);
		for (int k = 0; k < ix->e[i].nsub; k++)
			free(ix->e[i].sub[k].at.v);
		free(ix->e[i].sub);
	}
	free(ix->e);
	free(ix->t);
	free(ix->pat);
	free(ix->cand);
	free(ix->cand_at);
	strmap_free(ix->byfold);
	strmap_free(ix->bysub);
	arena_free(ix->arena);
	free(ix->path);
	free(ix);
}

/* ---- collecting ---- */

/* Bytes of the stream that came from one item: a run of the stream. */
struct seg {
	size_t from;    /* first byte */
	int page, item; /* where the bytes came from */
};

/* The folded text of the pages, each run of bytes mapped to the item it
 * came from. */
struct stream {
	struct buf s;
	struct seg *seg;   /* increasing from; owned */
	int nseg, segcap;
};

/* Maps the bytes written since `from` to (page, item). */
static void stream_mark(struct stream *st, size_t from, int page, int item)
{
	if (st->s.len == from)
		return;
	GROW(st->seg, st->segcap, st->nseg + 1);
	st->seg[st->nseg++] = (struct seg){ from, page, item };
}

/* A character that continues a word: grep -w's idea, plus other scripts
 * and the soft line-end hyphen (a term never ends or starts beside one:
 * "log-" + "ical" must not be the term "log"). */
static int is_word(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u >= 0x80 || c == SOFT;
}

/* The run holding byte i. */
static const struct seg *stream_at(const struct stream *st, size_t i)
{
	int lo = 0, hi = st->nseg - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (st->seg[mid].from <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	return &st->seg[lo];
}

static void stream_sep(struct stream *st, char c, int page, int item)
{
	size_t at = st->s.len;
	buf_addc(&st->s, c);
	stream_mark(st, at, page, item);
}

/* The folded text of units [from, to) of p (one paragraph's lines, as
 * pages: index_mark), each run of bytes mapped to its item. */
static void build_stream(const struct pages *p, int from, int to, struct stream *st)
{
	const struct dl_item *prev = NULL;
	int prev_page = -1, hard = 0;
	for (int i = from; i < to; i++) {
		const struct page *pg = &p->v[i];
		for (int k = 0; k < pg->n; k++) {
			const struct dl_item *it = &pg->items[k];
			if (it->kind != DL_TEXT)
				continue;
			if (!(it->flags & DLF_INDEX)) {
				hard = 1;
				continue;
			}
			if (prev) {
				fx big = it->size > prev->size ? it->size : prev->size;
				fx dy = it->y - prev->y;
				int newline = 0;
				char sep = ' ';
				if (hard) {
					sep = HARD;
				} else if (i != prev_page) {
					newline = 1;
				} else if (dy > -big * 6 / 10 && dy < big * 6 / 10) {
					/* same line: adjacent runs (a face change) join */
					if (it->x < prev->x)
						sep = HARD;
					else if (it->x - (prev->x + prev->w) <= big / 20)
						sep = 0;
				} else if (dy > 0 && dy <= STYLE_LEADING(big) * 5 / 4) {
					newline = 1;
				} else {
					sep = HARD;
				}
				size_t n = st->s.len;
				if (newline && n >= 2 && st->s.data[n - 1] == '-' && is_word(st->s.data[n - 2])) {
					st->s.data[n - 1] = SOFT; /* "trou-" + "bleshooting" */
					sep = 0;
				}
				if (sep)
					stream_sep(st, sep, i, k);
			}
			size_t at = st->s.len;
			index_fold(it->str, (size_t)it->len, &st->s);
			stream_mark(st, at, i, k);
			prev = it;
			prev_page = i;
			hard = 0;
		}
	}
}

/* The end of a match of pattern m[0..mn) at s[i..], or 0. */
static size_t match_at(const char *s, size_t n, size_t i, const char *m, size_t mn)
{
	size_t k = i;
	for (size_t j = 0; j < mn; j++) {
		char c = m[j];
		if (c == ' ') {
			if (k >= n || s[k] != ' ')
				return 0;
			while (k < n && s[k] == ' ')
				k++;
			continue;
		}
		if (c == '-') {
			if (k >= n || (s[k] != '-' && s[k] != SOFT))
				return 0;
			k++;
			continue;
		}
		if (k + 1 < n && s[k] == SOFT && j > 0 && is_word(m[j - 1]) && is_word(c))
			k++; /* a word hyphenated across lines */
		if (k >= n || s[k] != c)
			return 0;
		k++;
	}
	if (k < n && is_word(s[k]))
		return 0;
	return k;
}

/* A term's occurrence in a stream: where its first byte came from. */
struct hit {
	int page, item; /* in the stream's units (a paragraph's lines) */
	int term;       /* in ix->t */
};

struct hits {
	struct hit *v;
	int n, cap;
};

/* Every occurrence of a term in the stream, in stream order (several
 * terms at one place in pattern order), appended to h. */
static void match_terms(const struct book_index *ix, const struct stream *st, struct hits *h)
{
	const char *s = st->s.data;
	size_t n = st->s.len;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && is_word(s[i - 1]))
			continue;
		unsigned char c = (unsigned char)s[i];
		if (ix->bucket[c] < 0)
			continue;
		int last_term = -1;
		unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		for (const int *k = ix->cand + ix->cand_at[ix->bucket[c] * 256 + next]; *k >= 0; k++) {
			const struct pattern *pt = &ix->pat[*k];
			if (pt->term == last_term || !match_at(s, n, i, pt->s, pt->len))
				continue;
			last_term = pt->term;
			const struct seg *g = stream_at(st, i);
			GROW(h->v, h->cap, h->n + 1);
			h->v[h->n++] = (struct hit){ g->page, g->item, pt->term };
		}
	}
}

void index_mark(const struct book_index *ix, struct arena *a, struct pline *lines, int nl)
{
	if (!ix || !ix->npat || nl <= 0)
		return;
	/* the lines as the units build_stream reads: a line break is what a
	 * page break is there, a place where a word may continue */
	struct pages units = { 0 };
	units.v = xcalloc((size_t)nl, sizeof(*units.v));
	units.n = units.cap = nl;
	for (int i = 0; i < nl; i++) {
		units.v[i].items = lines[i].items;
		units.v[i].n = lines[i].n;
	}
	struct stream st;
	memset(&st, 0, sizeof(st));
	buf_init(&st.s);
	/* a run per item and a separator before it at most, and about its
	 * bytes: sized once, not grown a run at a time for every paragraph */
	int items = 0;
	size_t bytes = 0;
	for (int i = 0; i < nl; i++)
		for (int k = 0; k < lines[i].n; k++)
			if (lines[i].items[k].kind == DL_TEXT) {
				items++;
				bytes += (size_t)lines[i].items[k].len + 1;
			}
	GROW(st.seg, st.segcap, 2 * items + 1);
	buf_reserve(&st.s, bytes);
	build_stream(&units, 0, nl, &st);
	struct hits h = { 0 };
	if (st.s.len)
		match_terms(ix, &st, &h);
	/* each line's marks after its items, in the order found */
	for (int i = 0, at = 0; i < nl && at < h.n; i++) {
		int k = at;
		while (k < h.n && h.v[k].page == i)
			k++;
		if (k == at)
			continue;
		struct pline *l = &lines[i];
		struct dl_item *v = arena_alloc(a, sizeof(*v) * (size_t)(l->n + k - at));
		memcpy(v, l->items, sizeof(*v) * (size_t)l->n);
		for (int j = at; j < k; j++) {
			const struct dl_item *t = &l->items[h.v[j].item];
			struct dl_item *m = &v[l->n + j - at];
			memset(m, 0, sizeof(*m));
			m->kind = DL_DEST;
			m->flags = DLF_INDEX;
			m->x = t->x;
			m->y = t->y - t->size;
			m->str = "";
			m->len = h.v[j].term;
		}
		l->items = v;
		l->n += k - at;
		at = k;
	}
	free(h.v);
	free(st.seg);
	buf_done(&st.s);
	free(units.v);
}

/* The marks index_mark left on pages [from, to): each entry's first on a
 * page becomes a destination there, after the page's items; the marks go. */
static void take_marks(struct book_index *ix, struct pages *p, int from, int to)
{
	struct dl_item *dests = NULL;
	int cap = 0;
	for (int i = from; i < to; i++) {
		struct page *pg = &p->v[i];
		int nd = 0, w = 0;
		for (int k = 0; k < pg->n; k++) {
			struct dl_item *it = &pg->items[k];
			if (it->kind != DL_DEST || !(it->flags & DLF_INDEX)) {
				pg->items[w++] = *it;
				continue;
			}
			struct term *t = &ix->t[it->len];
			struct entry *en = &ix->e[t->entry];
			t->hits++;
			if (en->last_page == i)
				continue;
			en->last_page = i;
			const char *key = new_key(ix);
			GROW(dests, cap, nd + 1);
			dests[nd] = (struct dl_item){ .kind = DL_DEST, .x = it->x, .y = it->y, .str = key,
			                              .len = (int)strlen(key) };
			nd++;
			loc_add(ix, &en->at, pg->folio, key);
		}
		pg->n = w;
		for (int k = 0; k < nd; k++)
			*page_add(pg) = dests[k];
	}
	free(dests);
}

/* "index:TERM" or "index:TERM > SUB": recorded, and the destination
 * renamed to a key of its own (the same marker text may occur twice). */
static void take_marker(struct book_index *ix, struct dl_item *it, int folio)
{
	const char *s = it->str + 6;
	size_t n = strlen(s);
	const char *gt = memchr(s, '>', n);
	size_t n0 = gt ? (size_t)(gt - s) : n;
	int e = entry_get(ix, s, n0);
	if (e < 0)
		return;
	struct locs *l = &ix->e[e].at;
	if (gt) {
		struct sub *sb = sub_get(ix, &ix->e[e], gt + 1, n - n0 - 1);
		if (sb)
			l = &sb->at;
	}
	const char *key = new_key(ix);
	it->str = key;
	it->len = (int)strlen(key);
	loc_add(ix, l, folio, key);
}

/* Forgets what an earlier index_collect found: the pages it read were
 * broken again. */
static void forget_locations(struct book_index *ix)
{
	for (int i = 0; i < ix->ne; i++) {
		ix->e[i].at.n = 0;
		ix->e[i].last_page = -1;
		for (int k = 0; k < ix->e[i].nsub; k++)
			ix->e[i].sub[k].at.n = 0;
	}
	for (int i = 0; i < ix->nt; i++)
		ix->t[i].hits = 0;
	ix->nkeys = ix->seq = 0;
}

void index_collect(struct book_index *ix, const struct model *bk, struct pages *p, int from,
                   int to, struct diags *d)
{
	if (from < 0)
		from = 0;
	if (to > p->n)
		to = p->n;
	forget_locations(ix);
	take_marks(ix, p, from, to);

	struct strmap *dest = strmap_new(); /* destination key -> page index */
	for (int i = from; i < to; i++)
		for (int k = 0; k < p->v[i].n; k++) {
			struct dl_item *it = &p->v[i].items[k];
			if (it->kind != DL_DEST || !it->str)
				continue;
			if (!strncmp(it->str, "index:", 6))
				take_marker(ix, it, p->v[i].folio);
			else if (strncmp(it->str, "idx:", 4) && !strmap_get(dest, it->str, &(int){ 0 }))
				strmap_put(dest, it->str, i);
		}
	for (int c = 1; bk && c < bk->n; c++) {
		const struct chapter *ch = &bk->ch[c];
		const char *role = ch->role ? ch->role : ch->title;
		for (int h = 0; h < ch->nh; h++) {
			const struct heading *hd = &ch->h[h];
			int page;
			if (hd->level != 2 || !hd->key || !strmap_get(dest, hd->key, &page))
				continue;
			int e = entry_get(ix, hd->text, strlen(hd->text));
			struct sub *sb = e >= 0 && role ? sub_get(ix, &ix->e[e], role, strlen(role)) : NULL;
			if (sb)
				loc_add(ix, &sb->at, p->v[page].folio,
				        arena_strndup(ix->arena, hd->key, strlen(hd->key)));
		}
	}
	strmap_free(dest);

	for (int i = 0; i < ix->nt && !ix->warned; i++)
		if (ix->t[i].hits == 0)
			diag_warn(d, ix->path, ix->t[i].line, "index term \"%s\" never occurs in the body text",
			          ix->t[i].name);
	ix->warned = 1;
}

static void resolve_locs(struct locs *l, const struct strmap *folios)
{
	for (int i = 0; i < l->n; i++)
		strmap_get(folios, l->v[i].key, &l->v[i].folio);
}

void index_resolve(struct book_index *ix, const struct strmap *folios)
{
	for (int i = 0; i < ix->ne; i++) {
		resolve_locs(&ix->e[i].at, folios);
		for (int k = 0; k < ix->e[i].nsub; k++)
			resolve_locs(&ix->e[i].sub[k].at, folios);
	}
}

