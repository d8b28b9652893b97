/* test_speed.c: every fast path gives the same answer as the slow one it
 * stands for (the speed package: words_normalise's ASCII runs). */
#include "test.h"

#include "util.h"
#include "words.h"

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

void test_speed(void)
{
	RUN(normalise_fast_is_slow);
	RUN(strmap_pooled_keys);
}
