/* test_speed.c: every fast path gives the same answer as the slow one it
 * stands for (the speed package: words_normalise's ASCII runs). */
#include "test.h"

#include "box.h"
#include "pdfobj.h"
#include "settle.h"
#include "style.h"
#include "util.h"
#include "words.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* words_normalise and words_normalise_slow append the same bytes and
 * return the same count for s[0..n), also after text already there. */
static int same_normalise(const char *s, size_t n)
{
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	buf_adds(&a, "x1");
	buf_adds(&b, "x1");
	size_t ka = words_normalise(s, n, &a), kb = words_normalise_slow(s, n, &b);
	int same = ka == kb && a.len == b.len && !memcmp(a.data, b.data, a.len) && a.data[a.len] == 0;
	buf_done(&a);
	buf_done(&b);
	return same;
}

static void normalise_fast_is_slow(void)
{
	static const char *const cases[] = {
		"", "Operat-ing 42 ways: A-Z, a_z [x] {y} ~@#$%^&*()!?",
		"r\xC3\xA9sum\xC3\xA9 \xC3\x86RO \xC3\x97\xC3\xB7 \xC2\xA0\xC2\xBF \xC3\x9E\xC3\x9F\xC3\xBF", /* Latin-1 */
		"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80!",             /* Cyrillic */
		"\xEF\xBA\x8D\xEF\xBB\xBB \xEF\xAD\x90x\xEF\xBA\x91",  /* Arabic presentation forms */
		"a\x80" "b\xC3" "c\xE2\x82" "d\xC0\x80" "e\xF0\x9F\x98" "f\xFF\xFE",  /* invalid UTF-8 */
		"\xE2\x80\x94\xE2\x80\x90\xEF\xBF\xBD\xF0\x9F\x98\x80\xE3\x80\x81\xEF\xB8\x8F z", /* dropped */
		"ends in a cut character \xE2\x82",
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		CHECK(same_normalise(cases[k], strlen(cases[k])));
	/* every byte alone and after a letter, and NUL inside the text */
	for (int c = 0; c < 256; c++) {
		char s[3] = { (char)c, 'Q', (char)c };
		CHECK(same_normalise(s, 1));
		CHECK(same_normalise(s, 3));
	}
	/* pseudo-random byte strings, weighted to ASCII as text is */
	uint32_t r = 12345;
	char s[64];
	for (int t = 0; t < 2000; t++) {
		size_t n = (size_t)(t % 64);
		for (size_t i = 0; i < n; i++) {
			r = r * 1103515245u + 12345u;
			unsigned v = r >> 16;
			s[i] = (char)(v % 4 ? v % 128 : v % 256);
		}
		CHECK(same_normalise(s, n));
	}
	/* and what the rule says, not only that both agree */
	struct buf b;
	buf_init(&b);
	words_normalise("Operat-\xC3\x89ing 4-2!", 17, &b);
	CHECK(b.len == 13 && !strcmp(b.data, "operat\xC3\xA9ing42"));
	buf_done(&b);
}

/* The map keeps its keys in pooled chunks and their hashes in the slots:
 * every key put is found with its last value through regrowing, keys
 * longer than a chunk included, and a key never put is not found. */
static void strmap_pooled_keys(void)
{
	struct strmap *m = strmap_new();
	char key[6000];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, 64, "#section-%d", i);
		if (i % 1000 == 7) { /* a key longer than a chunk of the pool */
			memset(key + n, 'x', 5000);
			key[n + 5000] = 0;
		}
		CHECK(strmap_put(m, key, i) == 1);
	}
	CHECK(strmap_count(m) == 5000);
	CHECK(strmap_put(m, "#section-42", -42) == 0); /* a key put again keeps one slot */
	CHECK(strmap_count(m) == 5000);
	int ok = 1, v;
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, 64, "#section-%d", i);
		if (i % 1000 == 7) {
			memset(key + n, 'x', 5000);
			key[n + 5000] = 0;
		}
		ok &= strmap_get(m, key, &v) && v == (i == 42 ? -42 : i);
	}
	CHECK(ok);
	CHECK(!strmap_get(m, "#section-5000", &v) && !strmap_get(m, "", NULL) && !strmap_get(m, "#section-7", NULL));
	CHECK(strmap_put(m, "", 3) == 1 && strmap_get(m, "", &v) && v == 3);
	strmap_free(m);
}

/* A part of n pages, the first holding destination key. */
static void part_pages(struct vlist *vl, int n, const char *key, struct dl_item *dest)
{
	vlist_add(vl, VN_CHAPTER)->str = "Part";
	for (int i = 0; i < n; i++) {
		if (i)
			vlist_add(vl, VN_PENALTY)->penalty = -PEN_INF;
		struct vnode *v = vlist_add(vl, VN_BOX);
		v->h = PT(20);
		if (i == 0) {
			memset(dest, 0, sizeof(*dest));
			dest->kind = DL_DEST;
			dest->str = key;
			v->items = dest;
			v->n = 1;
		}
	}
}

/* A made-up part whose layout prints the page of "#target": `pages`
 * pages once it knows it (one before); it counts its layouts. */
struct reader {
	int pages, seen, laid;
	const char *key; /* its own destination */
	struct dl_item dest;
};

static void reader_layout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct reader *r = ctx;
	int f = 0;
	vlist_done(vl);
	r->seen = strmap_get(folios, "#target", &f) ? f : 0;
	r->laid++;
	part_pages(vl, r->seen ? r->pages : 1, r->key, &r->dest);
}

/* The handbook's shape: a glance that grows, the chapters, an index.  The
 * index reads the chapters' numbers once the glance has its pages, so
 * its first layout is its last: the second pass would read the same
 * numbers and is skipped.  The glance, whose numbers moved, is laid out
 * again; both print the settled number. */
static void settle_skips_same_reads(void)
{
	struct pg_opts o = { style_page(PAPER_A4), 0, "Book", NULL };
	struct reader glance = { .pages = 3, .key = "#glance" }, index = { .pages = 2, .key = "#index" };
	struct vlist gv = { 0 }, cv = { 0 }, iv = { 0 };
	struct dl_item cdest;
	part_pages(&cv, 4, "#target", &cdest);
	struct settle_part p[3];
	memset(p, 0, sizeof(p));
	p[0] = (struct settle_part){ .layout = reader_layout, .ctx = &glance, .vl = &gv, .po = &o };
	p[1] = (struct settle_part){ .vl = &cv, .po = &o };
	p[2] = (struct settle_part){ .layout = reader_layout, .ctx = &index, .vl = &iv, .po = &o };
	struct strmap *folios = strmap_new();
	settle_run(p, 3, 1, folios, NULL);
	int f = 0;
	CHECK(strmap_get(folios, "#target", &f) && f == 4);
	CHECK_EQ(glance.seen, 4);
	CHECK_EQ(index.seen, 4);
	CHECK_EQ(glance.laid, 2);
	CHECK_EQ(index.laid, 1);
	CHECK_EQ(p[2].laid, 1);
	CHECK_EQ(p[2].folio, 8);
	CHECK_EQ(p[2].pages.n, 2);
	settle_done(p, 3);
	strmap_free(folios);
	vlist_done(&gv);
	vlist_done(&cv);
	vlist_done(&iv);
}

/* The log of lookups: the same answers, a changed value, a key now found. */
static void strmap_log_answers(void)
{
	struct strmap *m = strmap_new();
	strmap_put(m, "a", 1);
	struct strmap_log log = { 0 };
	strmap_watch(m, &log);
	char key[8] = "a";
	CHECK(strmap_get(m, key, NULL));
	key[0] = 'b'; /* the log keeps its own copy of the key */
	CHECK(!strmap_get(m, key, NULL));
	strmap_watch(m, NULL);
	CHECK(!strmap_get(m, "c", NULL) && log.n == 2); /* not watched: not logged */
	CHECK(strmap_log_same(m, &log));
	strmap_put(m, "c", 3);
	CHECK(strmap_log_same(m, &log));
	strmap_put(m, "a", 2);
	CHECK(!strmap_log_same(m, &log));
	strmap_put(m, "a", 1);
	CHECK(strmap_log_same(m, &log));
	strmap_put(m, "b", 0);
	CHECK(!strmap_log_same(m, &log));
	strmap_log_done(&log);
	strmap_free(m);
}

/* Numbers written two digits at a time read as printf writes them. */
static void uint_as_printf(void)
{
	unsigned long v[] = { 0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 99999, 100000, 654321,
	                      4294967295ul, 4294967296ul, ULONG_MAX };
	struct buf b;
	buf_init(&b);
	char want[32];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		b.len = 0;
		pdfobj_add_uint(&b, v[i]);
		snprintf(want, sizeof want, "%lu", v[i]);
		CHECK(!strcmp(b.data, want));
	}
	int ok = 1;
	for (unsigned long k = 0; k < 200000; k += 7) {
		b.len = 0;
		buf_addc(&b, 'x'); /* after text already there */
		pdfobj_add_uint(&b, k);
		snprintf(want, sizeof want, "x%lu", k);
		ok &= b.len == strlen(want) && !strcmp(b.data, want);
	}
	CHECK(ok);
	buf_done(&b);
}

/* v/1000 in shortest form and a space, as the slow way has it. */
static void milli_as_printf(void)
{
	struct buf b;
	buf_init(&b);
	char want[48];
	int ok = 1;
	for (long v = -100000; v <= 100000; v += 37) {
		long a = v < 0 ? -v : v;
		int n = snprintf(want, sizeof want, "%s%ld.%03ld", v < 0 ? "-" : "", a / 1000, a % 1000);
		while (want[n - 1] == '0')
			n--;
		if (want[n - 1] == '.')
			n--;
		want[n++] = ' ';
		want[n] = 0;
		b.len = 0;
		buf_addc(&b, 'x');
		pdfobj_add_milli(&b, v);
		ok &= b.len == (size_t)n + 1 && !strcmp(b.data + 1, want);
	}
	CHECK(ok);
	b.len = 0;
	pdfobj_add_milli(&b, 12500);
	pdfobj_add_milli(&b, -3000);
	pdfobj_add_milli(&b, 0);
	pdfobj_add_milli(&b, 7);
	CHECK(!strcmp(b.data, "12.5 -3 0 0.007 "));
	buf_done(&b);
}

void test_speed(void)
{
	RUN(milli_as_printf);
	RUN(uint_as_printf);
	RUN(settle_skips_same_reads);
	RUN(strmap_log_answers);
	RUN(normalise_fast_is_slow);
	RUN(strmap_pooled_keys);
}
