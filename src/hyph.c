/* hyph.c: where a word may take a hyphen, from libhyphen's patterns.
 *
 * It owns the pattern dictionary and the typographic rules on top of it:
 * which words are hyphenated at all (Latin letters only, at least
 * HYPH_MIN_WORD of them, no capital after the first letter) and how close to
 * either end a hyphen may fall.  It knows nothing of fonts or lines; the builder
 * (inline.c) turns each point into a flagged penalty.
 *
 *     struct hyph *h = hyph_new("/usr/share/hyphen/hyph_en_US.dic");
 *     int pos[32];
 *     int k = hyph_points(h, word, len, pos, 32);
 *     ... a hyphen may go before byte pos[0], ..., pos[k - 1] ...
 *     hyph_free(h);
 *
 * libhyphen wants lower-case input and, for a UTF-8 dictionary, answers per
 * character, not per byte; this file lowers the word and maps the answer
 * back to byte offsets in the caller's original text. */
#include "hyph.h"
#include "util.h"

#include <hyphen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest word, in bytes, that is hyphenated at all.  English words are far
 * shorter; a longer "word" is a hash, a URL fragment or a run of letters that
 * patterns would only guess at, and the bound keeps the buffers on the stack. */
#define HYPH_MAX_BYTES 128

/* Fewest letters before and after a hyphen.  The en_US patterns say the same,
 * but other pattern files may allow less. */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3

/* Room libhyphen needs past the word in its hyphen vector (hyphen.h). */
#define HYPH_VECTOR_SLACK 5

/* Words remembered with their points: a book repeats its words, and the
 * patterns cost far more than a hash lookup.  Past this many the cache
 * stops growing (memory stays bounded on hostile input). */
#define HYPH_CACHE_MAX 100000

struct hyph {
	HyphenDict *dict;     /* owned; freed by hyph_free */
	struct strmap *cache; /* word -> index in pool, owned */
	int *pool;            /* per cached word: count, then that many offsets */
	int npool, cappool;
};

/* One decoded character of the word being hyphenated. */
struct hyph_char {
	uint32_t lower; /* the code point, lower-cased */
	int off;        /* byte offset of the character in the caller's word */
};

struct hyph *hyph_new(const char *path)
{
	/* Opening the file here rather than in hnj_hyphen_load keeps libhyphen
	 * from printing its own complaint; the caller warns through diag. */
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f)
		return NULL;
	HyphenDict *dict = hnj_hyphen_load_file(f);
	fclose(f);
	if (!dict)
		return NULL;
	struct hyph *h = xcalloc(1, sizeof(*h));
	h->dict = dict;
	return h;
}

void hyph_free(struct hyph *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	strmap_free(h->cache);
	free(h->pool);
	free(h);
}

/* Decodes one UTF-8 character at s[0..len); returns its length in bytes, or
 * 0 when the bytes are not well-formed (such a word is not hyphenated). */
static int hyph_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	int need;
	uint32_t c = s[0], min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		need = 1, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		need = 2, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		need = 3, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)need >= len)
		return 0;
	for (int i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return need + 1;
}

static int hyph_utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (c >> 12)); /* letters here are all below U+0800 */
	out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* A run of Latin Extended-A or -B where capitals and small letters
 * alternate (U+0100 A-macron, U+0101 a-macron, ...). */
struct hyph_case_run {
	uint32_t first, last; /* code points, inclusive */
	uint32_t capital_bit; /* value of the lowest bit on the capitals */
};

static const struct hyph_case_run hyph_case_runs[] = {
	{ 0x100, 0x137, 0 }, { 0x139, 0x148, 1 }, { 0x14A, 0x177, 0 }, { 0x179, 0x17E, 1 },
	{ 0x1CD, 0x1DC, 1 }, { 0x1DE, 0x1EF, 0 }, { 0x1F8, 0x21F, 0 }, { 0x222, 0x233, 0 },
	{ 0x246, 0x24F, 0 },
};

/* Case of the Latin letters (ASCII, Latin-1, Latin Extended-A and -B, the
 * letters build.c hands over).  Returns 1 for a capital, 0 for a small
 * letter, -1 for anything else: digits, punctuation, apostrophes, hyphens
 * and other scripts, where English patterns would only guess.  *lower gets
 * the small letter for the patterns.  Extended-B letters outside the runs
 * count as small: no English pattern names them anyway. */
static int hyph_latin_case(uint32_t c, uint32_t *lower)
{
	*lower = c;
	if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7)) /* ß..ÿ without ÷ */
		return 0;
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) { /* À..Þ without × */
		*lower = c + 32;
		return 1;
	}
	if (c < 0x100 || c > 0x24F)
		return -1;
	if (c == 0x130) { /* İ: its small letter is the plain i */
		*lower = 'i';
		return 1;
	}
	if (c == 0x178) { /* Ÿ pairs with ÿ in Latin-1 */
		*lower = 0xFF;
		return 1;
	}
	for (size_t k = 0; k < sizeof hyph_case_runs / sizeof hyph_case_runs[0]; k++) {
		const struct hyph_case_run *r = &hyph_case_runs[k];
		if (c >= r->first && c <= r->last && (c & 1) == r->capital_bit) {
			*lower = c + 1;
			return 1;
		}
	}
	return 0;
}

/* Decodes and lowers the word into chars[].  Returns the number of
 * characters, or 0 when the word is not one to hyphenate. */
static int hyph_decode_word(const char *w, size_t len, struct hyph_char *chars)
{
	const unsigned char *s = (const unsigned char *)w;
	int n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = hyph_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			return 0;
		int capital = hyph_latin_case(cp, &chars[n].lower);
		/* A capital after the first letter marks a name (iPhone, GitHub)
		 * or an acronym; neither takes a hyphen. */
		if (capital < 0 || (capital == 1 && n > 0))
			return 0;
		chars[n].off = (int)i;
		n++;
		i += (size_t)k;
	}
	return n;
}

/* Writes the lowered word in the dictionary's encoding.  Returns its length
 * in bytes, or 0 when a letter cannot be written (an 8-bit dictionary and a
 * letter beyond Latin-1).  In both encodings libhyphen's answer is indexed
 * by character. */
static int hyph_encode_word(const struct hyph_char *chars, int n, int utf8, char *out)
{
	int len = 0;
	for (int i = 0; i < n; i++) {
		if (utf8) {
			len += hyph_utf8_encode(chars[i].lower, out + len);
		} else {
			if (chars[i].lower > 0xFF)
				return 0;
			out[len++] = (char)chars[i].lower;
		}
	}
	out[len] = '\0';
	return len;
}

/* Frees the replacement arrays libhyphen allocates (zeroed, one slot per
 * byte of the word) when a pattern file has non-standard hyphenation
 * (Schiffahrt -> Schiff-fahrt). */
static void hyph_free_rep(char **rep, int *pos, int *cut, int nbytes)
{
	if (rep)
		for (int i = 0; i < nbytes; i++)
			free(rep[i]);
	free(rep);
	free(pos);
	free(cut);
}

static int hyph_points_raw(struct hyph *h, const char *w, size_t len, int *pos, int max)
{
	struct hyph_char chars[HYPH_MAX_BYTES];
	char word[HYPH_MAX_BYTES * 3 + 1]; /* a lowered letter is at most 3 bytes in UTF-8 */
	char vec[HYPH_MAX_BYTES * 3 + HYPH_VECTOR_SLACK];
	char **rep = NULL;
	int *rpos = NULL, *rcut = NULL;
	int count = 0;

	if (!h || !w || !pos || max <= 0 || len == 0 || len > HYPH_MAX_BYTES)
		return 0;
	int n = hyph_decode_word(w, len, chars);
	if (n < HYPH_MIN_WORD)
		return 0;
	int nbytes = hyph_encode_word(chars, n, h->dict->utf8, word);
	if (nbytes == 0)
		return 0;
	memset(vec, '0', sizeof vec);
	if (hnj_hyphen_hyphenate2(h->dict, word, nbytes, vec, NULL, &rep, &rpos, &rcut) != 0)
		goto done;
	/* vec[i] odd: a hyphen may follow character i, i.e. precede i + 1.
	 * A point that needs a spelling change (rep[i]) cannot be a plain
	 * hyphen, so it is skipped. */
	for (int i = HYPH_LEFT_MIN - 1; i + HYPH_RIGHT_MIN < n && count < max; i++) {
		if (((vec[i] - '0') & 1) && !(rep && rep[i]))
			pos[count++] = chars[i + 1].off;
	}
done:
	hyph_free_rep(rep, rpos, rcut, nbytes);
	return count;
}

int hyph_points(struct hyph *h, const char *w, size_t len, int *pos, int max)
{
	/* fewer bytes than HYPH_MIN_WORD are fewer letters: no lookup needed */
	if (!h || !w || !pos || max <= 0 || len < HYPH_MIN_WORD || len > HYPH_MAX_BYTES)
		return 0;
	char key[HYPH_MAX_BYTES + 1];
	memcpy(key, w, len);
	key[len] = 0;
	int at;
	if (h->cache && strmap_get(h->cache, key, &at)) {
		int n = h->pool[at] < max ? h->pool[at] : max;
		memcpy(pos, h->pool + at + 1, sizeof(int) * (size_t)n);
		return n;
	}
	int all[HYPH_MAX_BYTES];
	int n = hyph_points_raw(h, w, len, all, HYPH_MAX_BYTES);
	if (!h->cache)
		h->cache = strmap_new();
	if (strmap_count(h->cache) < HYPH_CACHE_MAX) {
		GROW(h->pool, h->cappool, h->npool + n + 1);
		strmap_put(h->cache, key, h->npool);
		h->pool[h->npool] = n;
		memcpy(h->pool + h->npool + 1, all, sizeof(int) * (size_t)n);
		h->npool += n + 1;
	}
	n = n < max ? n : max;
	memcpy(pos, all, sizeof(int) * (size_t)n);
	return n;
}

struct hyph_loader {
	pthread_t thread;
	char *path;          /* owned */
	struct hyph *result; /* set by the thread */
	int started;         /* 0: no thread could be made; hyph_wait loads itself */
};

static void *load_thread(void *arg)
{
	struct hyph_loader *l = arg;
	l->result = hyph_new(l->path);
	return NULL;
}

struct hyph_loader *hyph_load_async(const char *path)
{
	if (!path)
		return NULL;
	struct hyph_loader *l = xcalloc(1, sizeof(*l));
	l->path = xstrdup(path);
	l->started = pthread_create(&l->thread, NULL, load_thread, l) == 0;
	return l;
}

struct hyph *hyph_wait(struct hyph_loader *l)
{
	if (!l)
		return NULL;
	if (l->started)
		pthread_join(l->thread, NULL);
	else
		l->result = hyph_new(l->path);
	struct hyph *h = l->result;
	free(l->path);
	free(l);
	return h;
}
