/* index.c: the back-of-book index, from the pages paginate made.
 *
 * Collecting works on the body's display list, so page numbers are final:
 * the DLF_INDEX text of the pages is flattened into one folded character
 * stream (lower case, accents dropped), with a byte -> (page, item) map,
 * and every term of the terms file is tried at every word start.  Line
 * ends become spaces, a word hyphenated across lines becomes one "soft"
 * byte that a term may read through, and a paragraph or table-cell
 * boundary becomes a hard break no term crosses.  Each entry's first
 * occurrence on a page gets a destination item there.
 *
 * Layout sets each entry as a small ragged paragraph (inline.c), stacks the
 * lines into one column stream, and cuts that stream into page boxes of two
 * columns each, the last page balanced: the paginator, which knows one
 * column, then only places whole pages.
 *
 *   ix = index_new(name, text, len, d); index_collect(ix, bk, &body, 0, body.n, d);
 *   index_layout(L, ix, width, height, &vl); ... index_free(ix); */
#include "index.h"
#include "dlib.h"
#include "icu.h"
#include "messages.h"
#include "box.h"
#include "inline.h"
#include "style.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uvernum.h>

/* Limits.  A term longer than INDEX_MAX_TERM bytes is a paragraph pasted
 * by mistake; past INDEX_MAX_TERMS lines the matcher, which tries every
 * term at every word start, would make a hostile terms file slow. */
#define INDEX_MAX_TERM 200
#define INDEX_MAX_TERMS 5000

/* The look of the index; see style.h for the book's other numbers. */
#define IX_SIZE PT(9)            /* entry text */
#define IX_LETTER_SIZE PT(11)    /* letter headings */
#define IX_GUTTER PT(18)         /* between the two columns */
#define IX_SUB_INDENT PT(10)     /* a sub-entry's first line */
#define IX_TURN_INDENT PT(22)    /* the turnover lines of any entry: deeper than sub-entries */
#define IX_LETTER_GAP PT(9)      /* above a letter heading, dropped at a column top */
#define IX_LETTER_AFTER PT(2)    /* below a letter heading */
#define IX_TITLE_GAP PT(14)      /* below the title */
#define IX_KEEP_LINES 8          /* an entry of up to this many lines is never split */
#define IX_MAX_OPEN 3            /* structure elements a line opens: a first sub-entry's L, LI, LBody */

/* Bytes of the folded stream besides folded text. */
#define PUNCT '\x02' /* punctuation the fold does not keep: a word boundary */
#define SOFT '\x03'  /* a hyphen ending a line: read through or as '-' */
#define HARD '\n'    /* a paragraph or cell boundary: no term crosses it */

#define EN_DASH "\xE2\x80\x93"

/* ---- the index's data ---- */

struct loc {
	int folio;        /* printed page number */
	const char *key;  /* destination the number links to, ix->arena */
	int seq;          /* order found: a page's first key wins */
};

struct locs {
	struct loc *v;
	int n, cap;
};

struct sub {
	char *name;       /* ix->arena */
	char *fold;       /* index_fold of name, ix->arena */
	struct locs at;
};

struct entry {
	char *name;       /* as displayed, ix->arena */
	char *fold;       /* index_fold of name: the identity and the sort key */
	struct locs at;   /* the entry's own pages */
	struct sub *sub;  /* owned */
	int nsub, subcap;
	int last_page;    /* page index of the latest term hit recorded, -1 none */
};

struct term {
	int entry;        /* in ix->e */
	int line;         /* line of the terms file */
	const char *name; /* the first name, for the warning */
	int hits;         /* occurrences of any of its names */
};

struct pattern {
	const char *s;    /* folded name with a plural ending or none, ix->arena */
	size_t len;       /* bytes */
	int term;         /* in ix->t */
};

struct book_index {
	struct arena *arena;   /* names, keys, patterns */
	char *path;            /* the terms file, for warnings; NULL none */
	struct entry *e;       /* owned */
	int ne, ecap;
	struct strmap *byfold; /* entry fold -> index in e */
	struct strmap *bysub;  /* "ENTRY\x01SUBFOLD" (entry's index) -> index in its sub */
	struct term *t;        /* owned */
	int nt, tcap;
	struct pattern *pat;   /* owned, sorted by first byte */
	int npat, patcap;
	int first[257];        /* pat[first[c] .. first[c + 1]) start with byte c */
	int *cand;             /* lists of pattern indices, see candidates(); owned */
	int ncand, candcap;
	int *cand_at;          /* per bucket and next byte: where its list starts in cand; owned */
	int bucket[256];       /* per first byte: its bucket's row in cand_at, -1 none */
	int nkeys;             /* "idx:N" keys made */
	int seq;               /* locations recorded */
};

/* ---- folding ---- */

/* U+00C0..U+00FF and U+0100..U+017F without accents; '*' marks letters
 * that fold to two (see fold_cp), '.' the two signs among them. */
static const char fold_latin1[] = "aaaaaa*ceeeeiiiidnooooo.ouuuuy**"
                                  "aaaaaa*ceeeeiiiidnooooo.ouuuuy*y";
static const char fold_ext_a[] = "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
                                 "iiiiiiiiii" "**" "jj" "kkk" "llllllllll" "nnnnnnnnn"
                                 "oooooo" "**" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
                                 "ww" "yyy" "zzzzzz" "s";
_Static_assert(sizeof(fold_latin1) == 65, "one letter per code point U+00C0..U+00FF");
_Static_assert(sizeof(fold_ext_a) == 129, "one letter per code point U+0100..U+017F");

static inline char fold_ascii(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)c; /* most of the text: first */
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return ' ';
	if (c < 0x20 || c == 0x7F)
		return PUNCT;
	return (char)c;
}

static void fold_cp(uint32_t cp, struct buf *out)
{
	if (cp < 0x80) {
		buf_addc(out, fold_ascii((unsigned char)cp));
		return;
	}
	const char *two = NULL;
	char one = 0;
	if (cp == 0xA0)
		one = ' ';
	else if (cp == 0xAD)
		return; /* soft hyphen: invisible */
	else if (cp < 0xC0)
		one = PUNCT;
	else if (cp < 0x100) {
		one = fold_latin1[cp - 0xC0];
		if (cp == 0xC6 || cp == 0xE6)
			two = "ae";
		else if (cp == 0xDE || cp == 0xFE)
			two = "th";
		else if (cp == 0xDF)
			two = "ss";
	} else if (cp < 0x180) {
		one = fold_ext_a[cp - 0x100];
		if (cp == 0x132 || cp == 0x133)
			two = "ij";
		else if (cp == 0x152 || cp == 0x153)
			two = "oe";
	} else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032) {
		one = '\'';
	} else if (cp == 0x201C || cp == 0x201D) {
		one = '"';
	} else if (cp == 0x2010 || cp == 0x2011) {
		one = '-';
	} else if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
		one = ' ';
	} else if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) {
		return; /* zero-width */
	} else if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
	           (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD) {
		one = PUNCT; /* punctuation, arrows, symbols */
	}
	if (two)
		buf_adds(out, two);
	else if (one == '.')
		buf_addc(out, PUNCT);
	else if (one)
		buf_addc(out, one);
	else
		buf_add_utf8(out, cp); /* another script: kept as it is */
}

void index_fold(const char *s, size_t n, struct buf *out)
{
	if (n == 0)
		return;
	/* a character never folds to more bytes than it has: ASCII is stored
	 * straight into the room made here */
	buf_reserve(out, n);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			out->data[out->len++] = fold_ascii(c);
			i++;
			continue;
		}
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		fold_cp(cp, out);
	}
	out->data[out->len] = 0;
}

/* Folded, with runs of white space made one space and both ends trimmed:
 * the form of names and patterns.  Returns a malloc'd string. */
static char *fold_name(const char *s, size_t n)
{
	struct buf f, o;
	buf_init(&f);
	buf_init(&o);
	index_fold(s, n, &f);
	int sp = 0;
	for (size_t i = 0; i < f.len; i++) {
		if (f.data[i] == ' ') {
			sp = o.len > 0;
			continue;
		}
		if (sp)
			buf_addc(&o, ' ');
		sp = 0;
		buf_addc(&o, f.data[i]);
	}
	buf_done(&f);
	buf_cstr(&o);
	return buf_detach(&o);
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A character that continues a word: grep -w's idea, plus other scripts
 * and the soft line-end hyphen (a term never ends or starts beside one:
 * "log-" + "ical" must not be the term "log"). */
static int is_word(char c)
{
	unsigned char u = (unsigned char)c;
	return is_alnum(u) || u == '_' || u >= 0x80 || c == SOFT;
}

/* Sorting weight of a folded byte: space, then hyphen, then other
 * punctuation, digits, letters, other scripts (word-by-word order). */
static int rank(unsigned char c)
{
	if (c == ' ')
		return 1;
	if (c == '-')
		return 2;
	if (c >= '0' && c <= '9')
		return 300 + c;
	if (c >= 'a' && c <= 'z')
		return 400 + c;
	if (c >= 0x80)
		return 600 + c;
	return 3 + c;
}

static const char *skip_punct(const char *f)
{
	while (*f && (unsigned char)*f < 0x80 && !is_alnum((unsigned char)*f))
		f++;
	return f;
}

/* Compares folded keys fa, fb; ties broken by the names a, b. */
static int cmp_folded(const char *fa, const char *a, const char *fb, const char *b)
{
	const unsigned char *x = (const unsigned char *)skip_punct(fa);
	const unsigned char *y = (const unsigned char *)skip_punct(fb);
	for (; *x && *y; x++, y++)
		if (*x != *y)
			return rank(*x) - rank(*y);
	if (*x || *y)
		return *x ? 1 : -1;
	int c = strcmp(fa, fb);
	return c ? c : strcmp(a, b);
}

int index_cmp(const char *a, const char *b)
{
	char *fa = fold_name(a, strlen(a)), *fb = fold_name(b, strlen(b));
	int c = cmp_folded(fa, a, fb, b);
	free(fa);
	free(fb);
	return c;
}

/* ---- page lists ---- */

struct range {
	int first, last;  /* folios */
	const char *key;  /* the first page's destination */
};

static int cmp_loc(const void *a, const void *b)
{
	const struct loc *x = a, *y = b;
	if (x->folio != y->folio)
		return x->folio < y->folio ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sorted, repeats dropped, runs merged.  Returns the number of ranges;
 * *out is malloc'd (NULL when there are none). */
static int make_ranges(const struct loc *v, int n, struct range **out)
{
	*out = NULL;
	if (n <= 0)
		return 0;
	struct loc *s = xmalloc(sizeof(*s) * (size_t)n);
	memcpy(s, v, sizeof(*s) * (size_t)n);
	qsort(s, (size_t)n, sizeof(*s), cmp_loc);
	struct range *r = xmalloc(sizeof(*r) * (size_t)n);
	int nr = 0;
	for (int i = 0; i < n; i++) {
		if (nr > 0 && s[i].folio <= r[nr - 1].last + 1) {
			if (s[i].folio > r[nr - 1].last)
				r[nr - 1].last = s[i].folio;
			continue;
		}
		r[nr++] = (struct range){ s[i].folio, s[i].folio, s[i].key };
	}
	free(s);
	*out = r;
	return nr;
}

static void range_text(const struct range *r, char *s, size_t size)
{
	if (r->first == r->last)
		snprintf(s, size, "%d", r->first);
	else
		snprintf(s, size, "%d" EN_DASH "%d", r->first, r->last);
}

static void add_ranges(const struct range *r, int nr, struct buf *out)
{
	for (int i = 0; i < nr; i++) {
		char t[48];
		range_text(&r[i], t, sizeof(t));
		if (i)
			buf_adds(out, ", ");
		buf_adds(out, t);
	}
}

int index_ranges(const int *folios, int n, struct buf *out)
{
	struct loc *v = xmalloc(sizeof(*v) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		v[i] = (struct loc){ folios[i], NULL, i };
	struct range *r;
	int nr = make_ranges(v, n, &r);
	add_ranges(r, nr, out);
	free(r);
	free(v);
	return nr;
}

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
	char *f = fold_name(s, n);
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
	char *f = fold_name(s, n);
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
	char *f = fold_name(s, n);
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

/* The first occurrence of entry e on a page gets a destination there. */
static void record_hit(struct book_index *ix, struct pages *p, int page, int item, int e)
{
	struct entry *en = &ix->e[e];
	if (en->last_page == page)
		return;
	en->last_page = page;
	const struct dl_item *t = &p->v[page].items[item];
	fx x = t->x, y = t->y - t->size;
	const char *key = new_key(ix);
	struct dl_item *dst = page_add(&p->v[page]);
	dst->kind = DL_DEST;
	dst->x = x;
	dst->y = y;
	dst->str = key;
	dst->len = (int)strlen(key);
	loc_add(ix, &en->at, p->v[page].folio, key);
}

static void match_terms(struct book_index *ix, struct pages *p, const struct stream *st)
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
			struct term *t = &ix->t[pt->term];
			t->hits++;
			const struct seg *g = stream_at(st, i);
			record_hit(ix, p, g->page, g->item, t->entry);
		}
	}
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

void index_collect(struct book_index *ix, const struct book *bk, struct pages *p, int from,
                   int to, struct diags *d)
{
	if (from < 0)
		from = 0;
	if (to > p->n)
		to = p->n;
	if (ix->npat) { /* no terms file: no text to search */
		struct stream st;
		memset(&st, 0, sizeof(st));
		buf_init(&st.s);
		build_stream(p, from, to, &st);
		if (st.s.len)
			match_terms(ix, p, &st);
		free(st.seg);
		buf_done(&st.s);
	}

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

	for (int i = 0; i < ix->nt; i++)
		if (ix->t[i].hits == 0)
			diag_warn(d, ix->path, ix->t[i].line, "index term \"%s\" never occurs in the body text",
			          ix->t[i].name);
}

/* ---- order and text ---- */

static int has_content(const struct entry *e)
{
	return e->at.n > 0 || e->nsub > 0;
}

int index_count(const struct book_index *ix)
{
	int n = 0;
	for (int i = 0; i < ix->ne; i++)
		n += has_content(&ix->e[i]);
	return n;
}

/* ICU's collation lives in libicui18n, which is opened with dlopen the
 * first time an index holds a name in another script than Latin, not
 * linked: loading it (and libstdc++) at every start would cost the English
 * book time for nothing.  Its functions carry ICU's version suffix
 * (ucol_open_72), which the headers' renaming macros supply. */
#define IX_STR_(x) #x
#define IX_STR(x) IX_STR_(x)
#define IX_ICUI18N "libicui18n.so." IX_STR(U_ICU_VERSION_MAJOR_NUM)
#define COLL_FUNCS(X) X(ucol_open) X(ucol_close) X(ucol_strcollUTF8)
#define COLL_DECLARE(f) static __typeof__(f) *dl_##f;
COLL_FUNCS(COLL_DECLARE)

/* Opens libicui18n once; returns 0, or -1 when it cannot be (the index
 * then keeps the folded order). */
static int coll_setup(void)
{
	static int state;
	static const char *const names[] = { IX_ICUI18N, NULL };
#define COLL_SYM(f) { IX_STR(f), (void **)&dl_##f },
	static const struct dlib_sym syms[] = { COLL_FUNCS(COLL_SYM) };
	return dlib_open(&state, names, syms, DLIB_COUNT(syms)) < 0 ? -1 : 0;
}

/* The collator of the sort under way (qsort passes no context; layout
 * runs on one thread), or NULL: folded byte order (cmp_folded). */
static UCollator *sort_coll;

/* Names in the language's order (ICU's collation: Cyrillic in its
 * alphabet, kana in gojuon order, Greek accents as secondary), leading
 * ASCII punctuation aside as cmp_folded has it; what the collator finds
 * equal falls back on the folded order, so the sort stays total. */
static int cmp_names(const char *fa, const char *a, const char *fb, const char *b)
{
	if (sort_coll) {
		UErrorCode e = U_ZERO_ERROR;
		while (*a && (unsigned char)*a < 0x80 && !is_alnum((unsigned char)*a))
			a++;
		while (*b && (unsigned char)*b < 0x80 && !is_alnum((unsigned char)*b))
			b++;
		UCollationResult r = dl_ucol_strcollUTF8(sort_coll, a, -1, b, -1, &e);
		if (U_SUCCESS(e) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	return cmp_folded(fa, a, fb, b);
}

static int cmp_entry_p(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a, *y = *(const struct entry *const *)b;
	return cmp_names(x->fold, x->name, y->fold, y->name);
}

static int cmp_sub_p(const void *a, const void *b)
{
	const struct sub *x = *(const struct sub *const *)a, *y = *(const struct sub *const *)b;
	return cmp_names(x->fold, x->name, y->fold, y->name);
}

/* 1 when the folded name keeps a character of another script than Latin
 * (accented Latin letters fold to ASCII). */
static int folds_non_latin(const char *fold)
{
	for (const unsigned char *p = (const unsigned char *)fold; *p; p++)
		if (*p >= 0x80)
			return 1;
	return 0;
}

/* The collator for lang (a BCP 47 tag; NULL the root order), or NULL when
 * ICU has none.  The caller closes it. */
static UCollator *open_collator(const char *lang)
{
	char loc[32];
	snprintf(loc, sizeof(loc), "%s", lang ? lang : "");
	for (char *p = loc; *p; p++)
		if (*p == '-')
			*p = '_';
	if (coll_setup() != 0)
		return NULL;
	UErrorCode e = U_ZERO_ERROR;
	UCollator *c = dl_ucol_open(loc, &e);
	if (U_FAILURE(e)) {
		if (c)
			dl_ucol_close(c);
		return NULL;
	}
	return c;
}

/* The entries with content in index order; malloc'd.  An index whose
 * names are all Latin keeps the folded order (and never opens ICU's
 * collator); one with another script is sorted by the collation of lang. */
static const struct entry **sorted_entries(const struct book_index *ix, const char *lang, int *n)
{
	const struct entry **v = xmalloc(sizeof(*v) * (size_t)(ix->ne + 1));
	int k = 0, other = 0;
	for (int i = 0; i < ix->ne; i++)
		if (has_content(&ix->e[i])) {
			v[k++] = &ix->e[i];
			other |= folds_non_latin(ix->e[i].fold);
		}
	sort_coll = other ? open_collator(lang) : NULL;
	qsort(v, (size_t)k, sizeof(*v), cmp_entry_p);
	if (sort_coll)
		dl_ucol_close(sort_coll);
	sort_coll = NULL;
	*n = k;
	return v;
}

static const struct sub **sorted_subs(const struct entry *e, const char *lang)
{
	const struct sub **v = xmalloc(sizeof(*v) * (size_t)(e->nsub + 1));
	int other = 0;
	for (int i = 0; i < e->nsub; i++) {
		v[i] = &e->sub[i];
		other |= folds_non_latin(e->sub[i].fold);
	}
	sort_coll = other ? open_collator(lang) : NULL;
	qsort(v, (size_t)e->nsub, sizeof(*v), cmp_sub_p);
	if (sort_coll)
		dl_ucol_close(sort_coll);
	sort_coll = NULL;
	return v;
}

static void dump_line(const char *indent, const char *name, const struct locs *l, struct buf *out)
{
	buf_adds(out, indent);
	buf_adds(out, name);
	struct range *r;
	int nr = make_ranges(l->v, l->n, &r);
	if (nr) {
		buf_adds(out, ", ");
		add_ranges(r, nr, out);
	}
	free(r);
	buf_addc(out, '\n');
}

void index_dump(const struct book_index *ix, struct buf *out)
{
	int n;
	const struct entry **v = sorted_entries(ix, NULL, &n);
	for (int i = 0; i < n; i++) {
		dump_line("", v[i]->name, &v[i]->at, out);
		const struct sub **s = sorted_subs(v[i], NULL);
		for (int k = 0; k < v[i]->nsub; k++)
			dump_line("  ", s[k]->name, &s[k]->at, out);
		free(s);
	}
	free(v);
	buf_cstr(out);
}

int index_pages(const struct book_index *ix, const char *entry, const char *sub, struct buf *out)
{
	char *f = fold_name(entry, strlen(entry));
	int e, rc = -1;
	if (!strmap_get(ix->byfold, f, &e))
		goto done;
	const struct locs *l = &ix->e[e].at;
	if (sub) {
		char *fs = fold_name(sub, strlen(sub));
		l = NULL;
		for (int i = 0; i < ix->e[e].nsub && !l; i++)
			if (!strcmp(ix->e[e].sub[i].fold, fs))
				l = &ix->e[e].sub[i].at;
		free(fs);
		if (!l)
			goto done;
	}
	struct range *r;
	int nr = make_ranges(l->v, l->n, &r);
	add_ranges(r, nr, out);
	buf_cstr(out);
	free(r);
	rc = 0;
done:
	free(f);
	return rc;
}

/* ---- layout ---- */

/* One line of the column stream. */
struct cline {
	fx gap;                /* space above, dropped at a column top */
	fx h;                  /* height */
	fx x;                  /* indent from the column's left edge */
	struct dl_item *items; /* L->arena, relative to the line's top-left */
	int n;
	int keep;              /* 1: no column break after this line */
	uint8_t open[IX_MAX_OPEN]; /* structure elements (enum tag_role) opening before the line */
	int nopen;
	int nclose;            /* structure elements closing after it */
};

struct cstream {
	struct cline *v;
	int n, cap;
};

/* The index is tagged as lists (PDF/UA 7.6): each letter group an L whose
 * Caption is the letter, each entry an LI whose LBody holds its name and
 * its page ranges' Links, sub-entries a nested L in that LBody.  A line
 * opens these before its items and closes them after. */
static void cl_open(struct cstream *cs, int line, const uint8_t *roles, int n)
{
	struct cline *c = &cs->v[line];
	for (int i = 0; i < n && c->nopen < IX_MAX_OPEN; i++)
		c->open[c->nopen++] = roles[i];
}

static struct cline *cs_add(struct cstream *cs)
{
	GROW(cs->v, cs->cap, cs->n + 1);
	struct cline *c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* An entry or sub-entry: the name, then ", " and each range linked to its
 * destination; turnover lines hang at IX_TURN_INDENT. */
static void add_entry(struct lctx *L, struct cstream *cs, const char *name, const struct locs *l,
                      fx indent, fx colw, int keep_last)
{
	struct para p;
	para_init(&p, IX_SIZE);
	struct span_style st = { FACE_REGULAR, IX_SIZE, STYLE_TEXT_RGB, SP_NOHYPH, NULL };
	para_text(L, &p, name, strlen(name), &st, 0);
	struct range *r;
	int nr = make_ranges(l->v, l->n, &r);
	for (int i = 0; i < nr; i++) {
		char t[48];
		range_text(&r[i], t, sizeof(t));
		para_text(L, &p, ", ", 2, &st, 0);
		/* SP_URL: breaks only after URL punctuation, so never inside "12–14" */
		struct span_style ns = st;
		ns.flags = SP_NOHYPH | SP_URL;
		ns.link = arena_strndup(L->arena, r[i].key, strlen(r[i].key));
		para_text(L, &p, t, strlen(t), &ns, 0);
	}
	free(r);
	struct pline *ln;
	int n = para_set(L, &p, colw - IX_TURN_INDENT, AL_LEFT, &ln);
	para_done(&p);
	for (int i = 0; i < n; i++) {
		struct cline *c = cs_add(cs);
		c->h = ln[i].h;
		c->x = i == 0 ? indent : IX_TURN_INDENT;
		c->items = ln[i].items;
		c->n = ln[i].n;
		c->keep = i < n - 1 || keep_last;
	}
}

static void add_letter(struct lctx *L, struct cstream *cs, const char *text, fx colw, int first)
{
	struct para p;
	para_init(&p, IX_LETTER_SIZE);
	struct span_style st = { FACE_BOLD, IX_LETTER_SIZE, STYLE_ACCENT_RGB, SP_NOHYPH, NULL };
	para_text(L, &p, text, strlen(text), &st, 0);
	struct pline *ln;
	int n = para_set(L, &p, colw, AL_LEFT, &ln);
	para_done(&p);
	for (int i = 0; i < n; i++) {
		struct cline *c = cs_add(cs);
		c->gap = i == 0 && !first ? IX_LETTER_GAP : 0;
		c->h = ln[i].h + (i == n - 1 ? IX_LETTER_AFTER : 0);
		c->items = ln[i].items;
		c->n = ln[i].n;
		c->keep = 1; /* with the first entry: never at a column bottom */
	}
}

/* The group an entry files under: 'a'..'z', '0' for digits, '#' for
 * symbols, '~' for other scripts. */
static int group_of(const char *fold)
{
	unsigned char c = (unsigned char)*skip_punct(fold);
	if (c >= 'a' && c <= 'z')
		return c;
	if (c >= '0' && c <= '9')
		return '0';
	return c >= 0x80 ? '~' : '#';
}

static void group_text(int g, char *s, size_t size)
{
	if (g >= 'a' && g <= 'z')
		snprintf(s, size, "%c", g - 'a' + 'A');
	else
		snprintf(s, size, "%s", g == '0' ? "0" EN_DASH "9" : g == '~' ? msg(MSG_INDEX_OTHER) : msg(MSG_INDEX_SYMBOLS));
}

/* The rows of the kana table (gojuon) an index groups Japanese under:
 * each row's first hiragana, U+3041 up; a katakana is its hiragana
 * U+0060 below, a voiced kana (ga) its plain one by decomposition. */
static const struct {
	uint32_t last;      /* the row's last hiragana */
	const char *label;  /* its first */
} kana_rows[] = {
	{ 0x304A, "\xE3\x81\x82" }, { 0x3054, "\xE3\x81\x8B" }, { 0x305E, "\xE3\x81\x95" },
	{ 0x3069, "\xE3\x81\x9F" }, { 0x306E, "\xE3\x81\xAA" }, { 0x307D, "\xE3\x81\xAF" },
	{ 0x3082, "\xE3\x81\xBE" }, { 0x3088, "\xE3\x82\x84" }, { 0x308D, "\xE3\x82\x89" },
	{ 0x3096, "\xE3\x82\x8F" },
};

/* The initial consonants of Hangul syllables, (cp - U+AC00) / 588, each
 * as the letter an index files it under (the doubled ones with their
 * single). */
static const char *const hangul_initials[19] = {
	"\xE3\x84\xB1", "\xE3\x84\xB1", "\xE3\x84\xB4", "\xE3\x84\xB7", "\xE3\x84\xB7",
	"\xE3\x84\xB9", "\xE3\x85\x81", "\xE3\x85\x82", "\xE3\x85\x82", "\xE3\x85\x85",
	"\xE3\x85\x85", "\xE3\x85\x87", "\xE3\x85\x88", "\xE3\x85\x88", "\xE3\x85\x8A",
	"\xE3\x85\x8B", "\xE3\x85\x8C", "\xE3\x85\x8D", "\xE3\x85\x8E",
};

/* The letter heading an entry files under, into s: A-Z, 0-9 and symbols
 * for Latin (group_of); for another script the first letter without its
 * marks in capitals (Greek, Cyrillic, Hebrew, Arabic: Ё with Е, Ά with
 * Α), the kana row for Japanese kana, the initial consonant for Hangul,
 * and one heading for Chinese characters (ICU's C API gives no reading
 * to file them by). */
static void group_label(const char *fold, const char *lang, char *s, size_t size)
{
	const char *f = skip_punct(fold);
	if ((unsigned char)*f < 0x80) {
		group_text(group_of(fold), s, size);
		return;
	}
	uint32_t cp;
	utf8_decode(f, strlen(f), &cp);
	if (icu_load() != 0) {
		snprintf(s, size, "%s", msg(MSG_INDEX_OTHER));
		return;
	}
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60; /* katakana -> hiragana */
	UErrorCode e = U_ZERO_ERROR;
	UChar d[8];
	const UNormalizer2 *nfd = icu_unorm2_getNFDInstance(&e);
	int32_t nd = U_SUCCESS(e) ? icu_unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &e) : 0;
	if (U_SUCCESS(e) && nd > 0 && !U16_IS_SURROGATE(d[0]))
		cp = d[0]; /* the base letter, its marks dropped */
	if (cp >= 0x3041 && cp <= 0x3096) {
		for (size_t i = 0; i < sizeof(kana_rows) / sizeof(kana_rows[0]); i++)
			if (cp <= kana_rows[i].last) {
				snprintf(s, size, "%s", kana_rows[i].label);
				return;
			}
	}
	if (cp >= 0xAC00 && cp <= 0xD7A3) {
		snprintf(s, size, "%s", hangul_initials[(cp - 0xAC00) / 588]);
		return;
	}
	if (icu_u_hasBinaryProperty((UChar32)cp, UCHAR_IDEOGRAPHIC)) {
		/* "kanji" / "hanzi" in the book's own script */
		snprintf(s, size, "%s", lang && !strncmp(lang, "zh", 2) ? "\xE6\xB1\x89\xE5\xAD\x97"
		                                                         : "\xE6\xBC\xA2\xE5\xAD\x97");
		return;
	}
	if (!icu_u_isalpha((UChar32)cp)) {
		snprintf(s, size, "%s", msg(MSG_INDEX_OTHER));
		return;
	}
	struct buf b;
	buf_init(&b);
	buf_add_utf8(&b, (uint32_t)icu_u_toupper((UChar32)cp));
	snprintf(s, size, "%s", buf_cstr(&b));
	buf_done(&b);
}

/* Height of column lines [a, b): P holds prefix sums of gap + h. */
static fx col_h(const struct cline *c, const fx *P, int a, int b)
{
	return a >= b ? 0 : P[b] - P[a] - c[a].gap;
}

/* The end of the column that starts at line s and holds at most C: the
 * last legal break that fits, else as many lines as fit (at least one). */
static int col_fill(const struct cline *c, const fx *P, int n, int s, fx C)
{
	int j, best = -1;
	for (j = s; j < n; j++) {
		if (col_h(c, P, s, j + 1) > C)
			break;
		if (!c[j].keep || j == n - 1)
			best = j + 1;
	}
	if (j == n)
		return n;
	if (best < 0)
		best = j > s ? j : s + 1;
	return best;
}

/* The split of [s, n) into two columns of at most C whose taller is
 * lowest, the left the taller on a tie; fallback when none is legal. */
static int col_balance(const struct cline *c, const fx *P, int n, int s, fx C, int fallback)
{
	int best = -1;
	fx besth = 0;
	for (int k = s + 1; k <= n; k++) {
		if (k < n && c[k - 1].keep)
			continue;
		fx l = col_h(c, P, s, k), r = col_h(c, P, k, n);
		if (l > C || r > C)
			continue;
		fx m = l > r ? l : r;
		if (best < 0 || m <= besth)
			best = k, besth = m;
	}
	return best < 0 ? fallback : best;
}

static void emit_page(struct lctx *L, const struct cline *c, const fx *P, int s, int k, int e,
                      fx colw, struct vlist *out)
{
	int ni = 0;
	for (int j = s; j < e; j++)
		ni += c[j].nopen + c[j].n + c[j].nclose;
	struct dl_item *items = arena_alloc(L->arena, sizeof(*items) * (size_t)(ni ? ni : 1));
	int at = 0;
	for (int col = 0; col < 2; col++) {
		int a = col ? k : s, b = col ? e : k;
		fx x0 = col ? colw + IX_GUTTER : 0, y = 0;
		for (int j = a; j < b; j++) {
			if (j > a)
				y += c[j].gap;
			for (int q = 0; q < c[j].nopen; q++) {
				memset(&items[at], 0, sizeof(items[at]));
				items[at].kind = DL_TAG_BEGIN;
				items[at++].face = c[j].open[q];
			}
			for (int q = 0; q < c[j].n; q++) {
				items[at] = c[j].items[q];
				items[at].x += x0 + c[j].x;
				items[at].y += y;
				at++;
			}
			for (int q = 0; q < c[j].nclose; q++) {
				memset(&items[at], 0, sizeof(items[at]));
				items[at++].kind = DL_TAG_END;
			}
			y += c[j].h;
		}
	}
	fx hl = col_h(c, P, s, k), hr = col_h(c, P, k, e);
	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = hl > hr ? hl : hr;
	v->items = items;
	v->n = ni;
}

void index_layout(struct lctx *L, const struct book_index *ix, fx width, fx height,
                  struct vlist *out)
{
	if (!index_count(ix))
		return;
	const char *file = L->file;
	L->file = NULL; /* messages about entries concern no one source file */
	vlist_add(out, VN_CHAPTER)->str = msg(MSG_INDEX);
	struct dl_item dest = { 0 };
	dest.kind = DL_DEST;
	dest.str = "#index";
	dest.len = 6;
	struct vnode *dv = vlist_add(out, VN_BOX);
	dv->items = arena_memdup(L->arena, &dest, sizeof(dest));
	dv->n = 1;

	/* the title, as the contents sets its own */
	fx used = 0;
	struct para tp;
	para_init(&tp, style_heading[1].size);
	struct span_style ts = { FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB, SP_NOHYPH, NULL };
	para_text(L, &tp, msg(MSG_INDEX), strlen(msg(MSG_INDEX)), &ts, 0);
	struct pline *tl;
	int ntl = para_set(L, &tp, width, AL_LEFT, &tl);
	para_done(&tp);
	int from = out->n;
	for (int i = 0; i < ntl; i++) {
		if (i > 0)
			vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = tl[i].h;
		v->items = tl[i].items;
		v->n = tl[i].n;
		used += tl[i].h;
	}
	vlist_tag(out, from, TAG_H1, NULL, L->arena);
	vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(out, VN_GLUE)->h = IX_TITLE_GAP;
	used += IX_TITLE_GAP;

	/* the column stream */
	fx colw = (width - IX_GUTTER) / 2;
	struct cstream cs = { 0 };
	int ne;
	const struct entry **v = sorted_entries(ix, L->lang, &ne);
	char group[32] = "";
	static const uint8_t group_tags[] = { TAG_L, TAG_CAPTION }, item_tags[] = { TAG_L, TAG_LI, TAG_LBODY };
	for (int i = 0; i < ne; i++) {
		const struct entry *e = v[i];
		char t[32];
		group_label(e->fold, L->lang, t, sizeof(t));
		if (i == 0 || strcmp(t, group)) {
			if (i > 0)
				cs.v[cs.n - 1].nclose++; /* the last group's L */
			int l0 = cs.n;
			add_letter(L, &cs, t, colw, i == 0);
			cl_open(&cs, l0, group_tags, 2);
			cs.v[cs.n - 1].nclose++; /* the Caption */
			snprintf(group, sizeof(group), "%s", t);
		}
		int b0 = cs.n;
		add_entry(L, &cs, e->name, &e->at, 0, colw, e->nsub > 0);
		cl_open(&cs, b0, item_tags + 1, 2);
		const struct sub **s = sorted_subs(e, L->lang);
		for (int k = 0; k < e->nsub; k++) {
			int s0 = cs.n;
			add_entry(L, &cs, s[k]->name, &s[k]->at, IX_SUB_INDENT, colw, 0);
			cl_open(&cs, s0, item_tags + (k > 0), k > 0 ? 2 : 3);
			/* its LI and LBody; after the last, the sub-entries' L too */
			cs.v[cs.n - 1].nclose += 2 + (k == e->nsub - 1);
		}
		cs.v[cs.n - 1].nclose += 2; /* the entry's LI and LBody */
		free(s);
		/* a short entry with sub-entries stays whole; a long one leaves at
		 * least two lines at either side of a column break */
		int b1 = cs.n;
		if (b1 - b0 <= IX_KEEP_LINES)
			for (int j = b0; j < b1 - 1; j++)
				cs.v[j].keep = 1;
		else if (e->nsub > 0)
			cs.v[b0 + 1].keep = cs.v[b1 - 2].keep = 1;
	}
	free(v);
	if (cs.n)
		cs.v[cs.n - 1].nclose++; /* the last group's L */

	/* pages of two columns; the last page balanced */
	int n = cs.n;
	fx *P = xmalloc(sizeof(*P) * (size_t)(n + 1));
	P[0] = 0;
	for (int j = 0; j < n; j++)
		P[j + 1] = P[j] + cs.v[j].gap + cs.v[j].h;
	fx cap1 = height - used;
	for (int s = 0, first = 1; s < n; first = 0) {
		fx C = first ? cap1 : height;
		int e1 = col_fill(cs.v, P, n, s, C);
		int e2 = e1 < n ? col_fill(cs.v, P, n, e1, C) : n;
		int k = e1, e = e2;
		if (e2 >= n) {
			k = col_balance(cs.v, P, n, s, C, e1);
			e = n;
		}
		if (!first)
			vlist_add(out, VN_PENALTY)->penalty = -PEN_INF;
		emit_page(L, cs.v, P, s, k, e, colw, out);
		s = e;
	}
	free(P);
	free(cs.v);
	L->file = file;
}
