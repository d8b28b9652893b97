/* indexsort.c: the index's order: names folded (case and accents
 * dropped), compared letter by letter, by ICU's collation for names in
 * other scripts (libicui18n opened with dlopen when first needed), grouped
 * under letters; page numbers merged into ranges; the index as text. */
#include "dlib.h"
#include "indexint.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uvernum.h>

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
char *ix_fold_name(const char *s, size_t n)
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

const char *ix_skip_punct(const char *f)
{
	while (*f && (unsigned char)*f < 0x80 && !is_alnum((unsigned char)*f))
		f++;
	return f;
}

/* Compares folded keys fa, fb; ties broken by the names a, b. */
static int cmp_folded(const char *fa, const char *a, const char *fb, const char *b)
{
	const unsigned char *x = (const unsigned char *)ix_skip_punct(fa);
	const unsigned char *y = (const unsigned char *)ix_skip_punct(fb);
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
	char *fa = ix_fold_name(a, strlen(a)), *fb = ix_fold_name(b, strlen(b));
	int c = cmp_folded(fa, a, fb, b);
	free(fa);
	free(fb);
	return c;
}

/* ---- page lists ---- */

static int cmp_loc(const void *a, const void *b)
{
	const struct loc *x = a, *y = b;
	if (x->folio != y->folio)
		return x->folio < y->folio ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sorted, repeats dropped, runs merged.  Returns the number of ranges;
 * *out is malloc'd (NULL when there are none). */
int ix_make_ranges(const struct loc *v, int n, struct range **out)
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

void ix_range_text(const struct range *r, char *s, size_t size)
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
		ix_range_text(&r[i], t, sizeof(t));
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
	int nr = ix_make_ranges(v, n, &r);
	add_ranges(r, nr, out);
	free(r);
	free(v);
	return nr;
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
const struct entry **ix_sorted_entries(const struct book_index *ix, const char *lang, int *n)
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

const struct sub **ix_sorted_subs(const struct entry *e, const char *lang)
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
	int nr = ix_make_ranges(l->v, l->n, &r);
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
	const struct entry **v = ix_sorted_entries(ix, NULL, &n);
	for (int i = 0; i < n; i++) {
		dump_line("", v[i]->name, &v[i]->at, out);
		const struct sub **s = ix_sorted_subs(v[i], NULL);
		for (int k = 0; k < v[i]->nsub; k++)
			dump_line("  ", s[k]->name, &s[k]->at, out);
		free(s);
	}
	free(v);
	buf_cstr(out);
}

int index_pages(const struct book_index *ix, const char *entry, const char *sub, struct buf *out)
{
	char *f = ix_fold_name(entry, strlen(entry));
	int e, rc = -1;
	if (!strmap_get(ix->byfold, f, &e))
		goto done;
	const struct locs *l = &ix->e[e].at;
	if (sub) {
		char *fs = ix_fold_name(sub, strlen(sub));
		l = NULL;
		for (int i = 0; i < ix->e[e].nsub && !l; i++)
			if (!strcmp(ix->e[e].sub[i].fold, fs))
				l = &ix->e[e].sub[i].at;
		free(fs);
		if (!l)
			goto done;
	}
	struct range *r;
	int nr = ix_make_ranges(l->v, l->n, &r);
	add_ranges(r, nr, out);
	buf_cstr(out);
	free(r);
	rc = 0;
done:
	free(f);
	return rc;
}

