/* hyph.c: where a word may take a hyphen, from libhyphen's patterns.
 *
 * It owns the pattern dictionary and the typographic rules on top of it:
 * which words are hyphenated at all (Latin, Cyrillic or Greek letters only, at least
 * HYPH_MIN_WORD of them, no capital after the first letter) and how close to
 * either end a hyphen may fall.  It knows nothing of fonts or lines; the builder
 * (wordbreak.c) turns each point into a flagged penalty.
 *
 *     struct hyph *h = hyph_new("/usr/share/hyphen/hyph_en_US.dic");
 *     int pos[32];
 *     int k = hyph_points(h, word, len, pos, 32);
 *     ... a hyphen may go before byte pos[0], ..., pos[k - 1] ...
 *     hyph_free(h);
 *
 * libhyphen wants lower-case input and, for a UTF-8 dictionary, answers per
 * character, not per byte; this file lowers the word and maps the answer
 * back to byte offsets in the caller's original text.
 *
 * libhyphen's loader makes tens of thousands of small allocations, and the
 * book waits for it: a UTF-8 pattern file without NEXTLEVEL or replacement
 * patterns (en-US and most others) is read instead into one trie here and
 * matched as hnj_hyphen_hyphenate2 matches a word of letters, which is all
 * this wrapper ever asks about.  Other files (two levels, as German and
 * French have, or replacements) go to libhyphen's hyphenation with the
 * automaton hyphdict.c builds: libhyphen's own loader took 3.9 s of CPU on
 * German. */
#include "hyph.h"
#include "hyphdict.h"
#include "util.h"

#include <errno.h>
#include <hyphen.h>
#include <iconv.h>
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

/* Trie nodes at most: an edge's key holds the node number in 24 bits.  A
 * file that needs more (a hundred times en-US's) goes to libhyphen. */
#define HYPH_TRIE_MAX_NODES (1 << 23)

/* An edge of the pattern trie, in an open-addressing table: nodes are
 * numbered from the root, 0, and key is (node << 8 | byte) + 1, 0 empty. */
struct hyph_edge {
	uint32_t key;
	int child;
};

struct hyph {
	HyphenDict *dict;       /* libhyphen's patterns, owned; NULL when the trie holds them */
	int utf8;               /* 1: UTF-8 patterns, else an 8-bit charset */
	int *match;             /* per trie node (0 the root): offset in digits of the
	                         * pattern ending there, -1 none; owned */
	int nnode, capnode;
	struct hyph_edge *edge; /* the trie's edges; owned */
	int nedge, edgebits;    /* used, log2 of the slots */
	char *digits;           /* each pattern's digits, leading zeros dropped, NUL-ended; owned */
	int ndigits, capdigits; /* bytes */
	char lhmin, rhmin;      /* LEFTHYPHENMIN, RIGHTHYPHENMIN of the file (a char, as in
	                         * libhyphen); 0 unset */
	struct strmap *cache;   /* word -> index in pool, owned */
	int *pool;              /* per cached word: count, then that many offsets */
	int npool, cappool;
};

/* One decoded character of the word being hyphenated. */
struct hyph_char {
	uint32_t lower; /* the code point, lower-cased */
	int off;        /* byte offset of the character in the caller's word */
};

/* The slot of edge key in the table: where it is, or the empty slot where
 * it would go. */
static struct hyph_edge *trie_slot(const struct hyph *h, uint32_t key)
{
	uint32_t mask = (1u << h->edgebits) - 1, i = (key * 2654435761u) >> (32 - h->edgebits);
	while (h->edge[i].key && h->edge[i].key != key)
		i = (i + 1) & mask;
	return &h->edge[i];
}

static uint32_t trie_key(int k, unsigned char c)
{
	return ((uint32_t)k << 8 | c) + 1;
}

/* The child of node k for byte c, or 0. */
static int trie_child(const struct hyph *h, int k, unsigned char c)
{
	return trie_slot(h, trie_key(k, c))->child;
}

/* Makes the edge table 1 << bits slots, moving the edges over. */
static void trie_edges(struct hyph *h, int bits)
{
	struct hyph_edge *old = h->edge;
	int n = h->edgebits ? 1 << h->edgebits : 0;
	h->edgebits = bits;
	h->edge = xcalloc((size_t)1 << h->edgebits, sizeof(*h->edge));
	for (int i = 0; i < n; i++)
		if (old[i].key)
			*trie_slot(h, old[i].key) = old[i];
	free(old);
}

/* The pattern read before, as trie_pattern keeps it: patterns in a file
 * come nearly sorted, so a new one shares most of its letters with the
 * one before (two thirds of en-US's), whose nodes need no lookup. */
struct trie_prev {
	char word[MAX_CHARS]; /* its letters */
	int node[MAX_CHARS];  /* node[i]: the node for word[0..i] */
	int n;                /* letters */
};

/* The node for word[0..n), made with its prefixes when new; the first
 * `from` letters are prev's. */
static int trie_insert(struct hyph *h, const char *word, int n, struct trie_prev *prev, int from)
{
	int k = from ? prev->node[from - 1] : 0;
	for (int i = from; i < n; i++) {
		if (2 * (h->nedge + 1) > (1 << h->edgebits)) /* kept at most half full */
			trie_edges(h, h->edgebits + 1);
		uint32_t key = trie_key(k, (unsigned char)word[i]);
		struct hyph_edge *e = trie_slot(h, key);
		if (!e->key) {
			GROW(h->match, h->capnode, h->nnode + 1);
			h->match[h->nnode] = -1;
			*e = (struct hyph_edge){ key, h->nnode++ };
			h->nedge++;
		}
		k = e->child;
		prev->word[i] = word[i];
		prev->node[i] = k;
	}
	prev->n = n;
	return k;
}

/* A pattern line p[0..k) (one fgets piece, not NUL-ended; a NUL in it
 * ends it as it would end the C string), read as hnj_hyphen_load_line
 * reads it.  Returns -1 for a replacement pattern, which only libhyphen
 * applies, or when the trie is full. */
static int trie_pattern(struct hyph *h, const char *p, size_t k, struct trie_prev *prev)
{
	/* "a1b2c": letters "abc", digits "0120" (one before each letter, one after) */
	char word[MAX_CHARS], digit[MAX_CHARS + 1];
	int n = 0;
	size_t i = 0;
	digit[0] = '0';
	for (; i < k && (unsigned char)p[i] > ' '; i++) {
		if (p[i] == '/')
			return -1;
		if (p[i] >= '0' && p[i] <= '9')
			digit[n] = p[i];
		else {
			word[n] = p[i];
			digit[++n] = '0';
		}
	}
	for (; i < k && p[i]; i++) /* what follows the pattern, as strchr sees it */
		if (p[i] == '/')
			return -1;
	if (n == 0)
		return 0; /* no letters: the root, whose digits never apply */
	if (h->nnode + n > HYPH_TRIE_MAX_NODES)
		return -1;
	int z = 0;
	while (z <= n && digit[z] == '0')
		z++;
	int len = n + 1 - z;
	GROW(h->digits, h->capdigits, h->ndigits + len + 1);
	memcpy(h->digits + h->ndigits, digit + z, (size_t)len);
	h->digits[h->ndigits + len] = '\0';
	int same = 0;
	while (same < n && same < prev->n && word[same] == prev->word[same])
		same++;
	int node = trie_insert(h, word, n, prev, same); /* may move h->match */
	h->match[node] = h->ndigits; /* a repeated pattern: the last wins */
	h->ndigits += len + 1;
	return 0;
}

/* A line that starts with a capital, buf NUL-ended: a keyword, or a
 * pattern (trie_pattern's returns). */
static int trie_keyword(struct hyph *h, const char *buf, struct trie_prev *prev)
{
	if (!strncmp(buf, "LEFTHYPHENMIN", 13)) {
		h->lhmin = (char)atoi(buf + 13);
		return 0;
	}
	if (!strncmp(buf, "RIGHTHYPHENMIN", 14)) {
		h->rhmin = (char)atoi(buf + 14);
		return 0;
	}
	/* the compound minimums and NOHYPHEN bear on words with hyphens or
	 * apostrophes, which hyph_points never looks up */
	if (!strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21) || !strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22) ||
	    !strncmp(buf, "NOHYPHEN", 8))
		return 0;
	return trie_pattern(h, buf, strlen(buf), prev);
}

/* Reads the pattern text data[0..n) into the trie, line by line as
 * hnj_hyphen_load_file does (split as fgets into MAX_CHARS bytes would).
 * Returns -1 when only libhyphen can take it: NEXTLEVEL (two levels of
 * patterns) or replacements.  The text is UTF-8 (hyph_new converted it).
 * Pattern lines are read where they lie: copying each, and a call per
 * line to split it, was a third of the load. */
static int trie_load(struct hyph *h, const char *data, size_t n)
{
	char cset[MAX_NAME], buf[MAX_CHARS];
	size_t at = 0;
	util_next_line(data, n, &at, cset, sizeof(cset)); /* "UTF-8" */
	h->utf8 = 1;
	/* a node or a digit per byte of the file at most: no regrowing */
	int most = n < HYPH_TRIE_MAX_NODES ? (int)n : HYPH_TRIE_MAX_NODES;
	GROW(h->match, h->capnode, most + 1);
	GROW(h->digits, h->capdigits, most + 1);
	h->match[h->nnode++] = -1; /* the root */
	/* patterns make about a node per three bytes: a slot per two bytes of
	 * the file keeps the table under half full without regrowing */
	int bits = 12;
	while (bits < 24 && ((size_t)1 << bits) < n / 2)
		bits++;
	trie_edges(h, bits);
	struct trie_prev prev;
	prev.n = 0;
	while (at < n) {
		const char *p = data + at;
		size_t k = n - at < sizeof(buf) - 1 ? n - at : sizeof(buf) - 1;
		const char *nl = memchr(p, '\n', k);
		if (nl)
			k = (size_t)(nl - p) + 1;
		at += k;
		if (p[0] >= 'A' && p[0] <= 'Z') {
			memcpy(buf, p, k);
			buf[k] = 0;
			if (!strncmp(buf, "NEXTLEVEL", 9) || trie_keyword(h, buf, &prev) != 0)
				return -1;
		} else if (p[0] != '%' && trie_pattern(h, p, k, &prev) != 0) {
			return -1;
		}
	}
	return 0;
}

/* The charset a pattern file names on its first line ("UTF-8", "KOI8-R",
 * "ISO8859-1") into cset (MAX_NAME bytes); *body gets the offset of the
 * second line. */
static void hyph_charset(const char *data, size_t n, char *cset, size_t *body)
{
	*body = 0;
	memset(cset, 0, MAX_NAME);
	util_next_line(data, n, body, cset, MAX_NAME);
	cset[strcspn(cset, "\r\n \t")] = 0;
}

/* Replaces the 8-bit pattern text in *data by the same in UTF-8, its first
 * line "UTF-8": Debian still ships Russian in KOI8-R, German in ISO8859-1
 * and Greek in ISO8859-7, and libhyphen matches such a file byte for byte,
 * so UTF-8 words would never match it.  Returns -1 when iconv knows no such
 * charset or the text is not in it. */
static int hyph_to_utf8(struct buf *data, const char *cset, size_t body)
{
	iconv_t cd = iconv_open("UTF-8", cset);
	if (cd == (iconv_t)-1)
		return -1;
	struct buf out;
	buf_init(&out);
	buf_adds(&out, "UTF-8\n");
	char *in = data->data + body;
	size_t left = data->len - body;
	int rc = 0;
	while (left > 0) {
		char chunk[4096], *o = chunk;
		size_t room = sizeof chunk;
		size_t k = iconv(cd, &in, &left, &o, &room);
		buf_add(&out, chunk, sizeof chunk - room);
		if (k == (size_t)-1 && errno != E2BIG) {
			rc = -1;
			break;
		}
	}
	iconv_close(cd);
	if (rc == 0) {
		buf_done(data);
		*data = out;
	} else {
		buf_done(&out);
	}
	return rc;
}

static void trie_done(struct hyph *h)
{
	free(h->match);
	free(h->edge);
	free(h->digits);
	h->match = NULL;
	h->edge = NULL;
	h->digits = NULL;
	h->nnode = h->capnode = h->nedge = h->edgebits = h->ndigits = h->capdigits = 0;
}

struct hyph *hyph_new(const char *path)
{
	/* Opening the file here rather than in hnj_hyphen_load keeps libhyphen
	 * from printing its own complaint; the caller warns through diag. */
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f)
		return NULL;
	struct buf data;
	buf_init(&data);
	char chunk[65536], cset[MAX_NAME];
	size_t k, body;
	struct hyph *h = NULL;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&data, chunk, k);
	if (ferror(f) || data.len == 0)
		goto done;
	hyph_charset(data.data, data.len, cset, &body);
	if (strcmp(cset, "UTF-8") && hyph_to_utf8(&data, cset, body) != 0)
		goto done;
	h = xcalloc(1, sizeof(*h));
	if (trie_load(h, data.data, data.len) != 0) {
		trie_done(h);
		/* two levels or replacements: libhyphen's automaton, built here
		 * (hyphdict.c) or, past its limits, by libhyphen, which reads
		 * only files: it gets the converted text as one */
		h->dict = hyphdict_load(data.data, data.len);
		FILE *m = h->dict ? NULL : fmemopen(data.data, data.len, "r");
		if (m) {
			h->dict = hnj_hyphen_load_file(m);
			fclose(m);
		}
		if (!h->dict) {
			free(h);
			h = NULL;
		} else {
			h->utf8 = h->dict->utf8;
		}
	}
done:
	fclose(f);
	buf_done(&data);
	return h;
}

void hyph_free(struct hyph *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	trie_done(h);
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
	out[0] = (char)(0xE0 | (c >> 12)); /* letters here are all below U+10000 */
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

/* Cyrillic runs where capitals and small letters alternate (Ѡ ѡ ...). */
static const struct hyph_case_run hyph_cyrillic_runs[] = {
	{ 0x460, 0x481, 0 }, { 0x48A, 0x4BF, 0 }, { 0x4C1, 0x4CE, 1 }, { 0x4D0, 0x52F, 0 },
};

/* Case of the Cyrillic and Greek letters (the scripts Debian's Russian,
 * Ukrainian, Bulgarian, Serbian and Greek patterns are written in), as
 * hyph_latin_case says it for Latin. */
static int hyph_other_case(uint32_t c, uint32_t *lower)
{
	*lower = c;
	if (c >= 0x400 && c <= 0x40F) { /* Ѐ..Џ */
		*lower = c + 0x50;
		return 1;
	}
	if (c >= 0x410 && c <= 0x42F) { /* А..Я */
		*lower = c + 0x20;
		return 1;
	}
	if (c >= 0x430 && c <= 0x45F) /* а..џ */
		return 0;
	for (size_t k = 0; k < sizeof hyph_cyrillic_runs / sizeof hyph_cyrillic_runs[0]; k++) {
		const struct hyph_case_run *r = &hyph_cyrillic_runs[k];
		if (c >= r->first && c <= r->last) {
			if ((c & 1) != r->capital_bit)
				return 0;
			*lower = c + 1;
			return 1;
		}
	}
	if (c == 0x4C0) /* Ӏ palochka: its small letter is far away */
		return 0;
	if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) { /* Α..Ϋ */
		*lower = c + 0x20;
		return 1;
	}
	if (c == 0x386) { /* Ά */
		*lower = 0x3AC;
		return 1;
	}
	if (c >= 0x388 && c <= 0x38A) { /* Έ Ή Ί */
		*lower = c + 0x25;
		return 1;
	}
	if (c == 0x38C) { /* Ό */
		*lower = 0x3CC;
		return 1;
	}
	if (c == 0x38E || c == 0x38F) { /* Ύ Ώ */
		*lower = c + 0x3F;
		return 1;
	}
	if (c == 0x390 || (c >= 0x3AC && c <= 0x3CE)) /* ΐ, ά..ώ with ς */
		return 0;
	return -1;
}

/* Case of the Latin letters (ASCII, Latin-1, Latin Extended-A and -B, the
 * letters build.c hands over).  Returns 1 for a capital, 0 for a small
 * letter, -1 for anything else: digits, punctuation, apostrophes, hyphens
 * and other scripts, where the patterns would only guess.  *lower gets
 * the small letter for the patterns.  Extended-B letters outside the runs
 * count as small: no pattern names them anyway.  Cyrillic and Greek go to
 * hyph_other_case. */
static int hyph_latin_case(uint32_t c, uint32_t *lower)
{
	*lower = c;
	if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7)) /* ß..ÿ without ÷ */
		return 0;
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) { /* À..Þ without × */
		*lower = c + 32;
		return 1;
	}
	if (c >= 0x370 && c <= 0x52F)
		return hyph_other_case(c, lower);
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

/* What hnj_hyphen_hyphenate2 leaves in vec for w[0..n), a lower-case word
 * of letters in UTF-8: vec[i] is the digit after character i.  At each byte
 * of ".word." libhyphen's state machine stands on the trie node of the
 * longest suffix read so far, and only that node's digits apply; then the
 * file's minimums clear both ends, and the digits go from bytes to
 * characters (each character takes its last byte's). */
static void trie_hyphenate(const struct hyph *h, const char *w, int n, char *vec)
{
	const unsigned char *u = (const unsigned char *)w;
	unsigned char prep[HYPH_MAX_BYTES * 3 + 2];
	int best[HYPH_MAX_BYTES * 3 + 2]; /* per byte of prep: the node ending there, 0 none */
	char d[HYPH_MAX_BYTES * 3 + 2];   /* per byte of prep: the digit after it */
	char r[HYPH_MAX_BYTES * 3];       /* per byte of w: the digit after it */
	int m = n + 2;
	prep[0] = '.';
	memcpy(prep + 1, w, (size_t)n);
	prep[m - 1] = '.';
	memset(best, 0, sizeof(int) * (size_t)m);
	memset(d, '0', (size_t)m);
	/* the longest suffix ending at e starts earliest: the first start to reach e wins */
	for (int s = 0; s < m; s++)
		for (int e = s, k = trie_child(h, 0, prep[s]); k; k = ++e < m ? trie_child(h, k, prep[e]) : 0)
			if (!best[e])
				best[e] = k;
	for (int e = 0; e < m; e++) {
		if (!best[e] || h->match[best[e]] < 0)
			continue;
		const char *dg = h->digits + h->match[best[e]];
		int len = (int)strlen(dg), at = e + 1 - len;
		for (int k = 0; k < len; k++)
			if (at + k >= 0 && d[at + k] < dg[k])
				d[at + k] = dg[k];
	}
	for (int b = 0; b < n; b++)
		r[b] = b < n - 1 ? d[b + 1] : '0';
	/* hnj_hyphen_lhmin and _rhmin: whole characters at either end, never byte 0 from the right */
	int lh = h->lhmin > 0 ? h->lhmin : 2, rh = h->rhmin > 0 ? h->rhmin : 2;
	for (int c = 1, b = 0; c < lh && b < n; c++)
		do
			r[b++] = '0';
		while (b < n && (u[b] & 0xC0) == 0x80);
	for (int c = 0, b = n - 1; c < rh && b > 0; b--) {
		r[b] = '0';
		c += (u[b] & 0xC0) != 0x80;
	}
	for (int b = 0, c = -1; b < n; b++) {
		c += (u[b] & 0xC0) != 0x80;
		vec[c] = r[b];
	}
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
	int nbytes = hyph_encode_word(chars, n, h->utf8, word);
	if (nbytes == 0)
		return 0;
	memset(vec, '0', sizeof vec);
	if (!h->dict)
		trie_hyphenate(h, word, nbytes, vec);
	else if (hnj_hyphen_hyphenate2(h->dict, word, nbytes, vec, NULL, &rep, &rpos, &rcut) != 0)
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
