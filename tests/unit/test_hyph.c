/* test_hyph.c: hyphenation points from the en-US patterns and the house
 * rules on top of them.  Words are shown with '=' at each point, e.g.
 * "trou=bleshoot=ing".  test_hyph() runs them all. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, close, unlink */

#include "test.h"

#include "hyph.h"
#include "hyphdict.h"

#include <hyphen.h>
#include <iconv.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DIC "/usr/share/hyphen/hyph_en_US.dic"
#define MAX_POINTS 32      /* more than any test word has */
#define MARKED_SIZE 256    /* a test word with its '=' marks */

/* Writes w with '=' before each point into out (MARKED_SIZE bytes). */
static void marked(struct hyph *h, const char *w, char *out)
{
	int pos[MAX_POINTS];
	size_t len = strlen(w), o = 0, at = 0;
	int n = hyph_points(h, w, len, pos, MAX_POINTS);
	for (int i = 0; i < n && o + 2 < MARKED_SIZE; i++) {
		for (; at < (size_t)pos[i] && o + 2 < MARKED_SIZE; at++)
			out[o++] = w[at];
		out[o++] = '=';
	}
	for (; at < len && o + 1 < MARKED_SIZE; at++)
		out[o++] = w[at];
	out[o] = '\0';
}

static int marks_as(struct hyph *h, const char *w, const char *want)
{
	char got[MARKED_SIZE];
	marked(h, w, got);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "  %s: got %s, want %s\n", w, got, want);
	return strcmp(got, want) == 0;
}

static void known_words(void)
{
	struct hyph *h = hyph_new(DIC);
	CHECK(h != NULL);
	CHECK(marks_as(h, "troubleshooting", "trou=bleshoot=ing"));
	CHECK(marks_as(h, "responsibilities", "re=spon=si=bil=i=ties"));
	CHECK(marks_as(h, "organisational", "or=gan=i=sa=tional"));
	CHECK(marks_as(h, "documentation", "doc=u=men=ta=tion"));
	/* a capital first letter is lowered for the patterns (which would
	 * miss "Hy=" and "En=" otherwise) and kept in the word */
	CHECK(marks_as(h, "Troubleshooting", "Trou=bleshoot=ing"));
	CHECK(marks_as(h, "Hyphenation", "Hy=phen=ation"));
	CHECK(marks_as(h, "Engineering", "En=gi=neer=ing"));
	hyph_free(h);
}

/* The pattern vector counts characters; the points are bytes in the
 * caller's text, and always on a character boundary. */
static void utf8_offsets(void)
{
	struct hyph *h = hyph_new(DIC);
	int pos[MAX_POINTS];
	const char *w = "r\xC3\xA9sistance"; /* résistance: é is two bytes */
	int n = hyph_points(h, w, strlen(w), pos, MAX_POINTS);
	CHECK_EQ(n, 2);
	CHECK_EQ(pos[0], 3); /* ré=sis: after the second byte of é */
	CHECK_EQ(pos[1], 6);
	CHECK(marks_as(h, "R\xC3\xA9sistance", "R\xC3\xA9=sis=tance")); /* capital É first */
	CHECK(marks_as(h, "\xC3\x86rodynamics", "\xC3\x86ro=dy=nam=ics")); /* Æ */
	const char *words[] = { "r\xC3\xA9sistance", "\xC3\x86rodynamics", "\xC3\xBC" "bermensch",
	                        "co\xC3\xB6peration", "L\xC3\xB3" "d\xC5\xBA" "inski",
	                        "organisa\xC8\x9Bionale" /* ț, Latin Extended-B */ };
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		n = hyph_points(h, words[k], strlen(words[k]), pos, MAX_POINTS);
		CHECK(n > 0);
		for (int i = 0; i < n; i++)
			CHECK((words[k][pos[i]] & 0xC0) != 0x80); /* not a continuation byte */
	}
	hyph_free(h);
}

/* Words the house rules keep whole, whatever the patterns say. */
static void words_left_whole(void)
{
	struct hyph *h = hyph_new(DIC);
	const char *whole[] = {
		"table",               /* five letters: patterns say ta=ble */
		"logs",
		"PowerShell",          /* capital inside: a name */
		"iPhones",
		"KUBERNETES",          /* all capitals: an acronym */
		"R\xC3\x89SISTANCE",   /* RÉSISTANCE */
		"r\xC3\x89sistance",   /* capital É inside */
		"abc\310\230defgh",       /* capital Ș (Latin Extended-B, C8 98) inside */
		"release2024",         /* digits */
		"organisation's",      /* apostrophe */
		"well-being",          /* the builder breaks after the hyphen itself */
		"troubleshooting-guide",
		"\xCE\xB1\xCE\xBB\xCF\x86\xCE\xB1\xCE\xB2\xCE\xB7\xCF\x84\xCE\xBF", /* Greek */
		"trouble\xC3(shooting", /* malformed UTF-8 */
		"troubl\xC0\xA5shooting", /* overlong encoding */
	};
	int pos[MAX_POINTS];
	for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++) {
		int n = hyph_points(h, whole[k], strlen(whole[k]), pos, MAX_POINTS);
		if (n != 0)
			fprintf(stderr, "  %s: %d points, want 0\n", whole[k], n);
		CHECK_EQ(n, 0);
	}
	/* a word longer than any the wrapper hyphenates */
	char longw[400] = "";
	for (int i = 0; i < 20; i++)
		strcat(longw, "organisational");
	CHECK_EQ(hyph_points(h, longw, strlen(longw), pos, MAX_POINTS), 0);
	hyph_free(h);
}

/* Points are increasing, at least two letters from the start and three
 * from the end, at most `max` of them, and only the first len bytes count. */
static void points_respect_limits(void)
{
	struct hyph *h = hyph_new(DIC);
	int pos[MAX_POINTS];
	const char *words[] = { "responsibilities", "hyphenation", "organisational", "abolition",
	                        "characteristically", "incomprehensibilities", "education" };
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		int len = (int)strlen(words[k]);
		int n = hyph_points(h, words[k], (size_t)len, pos, MAX_POINTS);
		CHECK(n > 0);
		for (int i = 0; i < n; i++) {
			CHECK(pos[i] >= 2 && pos[i] <= len - 3);
			if (i)
				CHECK(pos[i] > pos[i - 1]);
		}
	}
	CHECK_EQ(hyph_points(h, "responsibilities", 16, pos, 2), 2);
	CHECK_EQ(pos[0], 2);
	CHECK_EQ(pos[1], 6);
	CHECK_EQ(hyph_points(h, "responsibilities", 16, pos, 0), 0);
	/* the caller passes the word without its trailing punctuation */
	int n = hyph_points(h, "troubleshooting, and", 15, pos, MAX_POINTS);
	CHECK_EQ(n, 2);
	CHECK_EQ(pos[0], 4);
	CHECK_EQ(pos[1], 12);
	hyph_free(h);
}

/* Writes a pattern file that allows a break after every letter, with the
 * given charset line and é in that charset; returns its path in `path`. */
static int write_permissive(char *path, const char *charset, const char *e_acute)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return -1;
	}
	fprintf(f, "%s\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n", charset);
	for (char c = 'a'; c <= 'z'; c++)
		fprintf(f, "%c1\n", c);
	fprintf(f, "%s1\n", e_acute);
	return fclose(f) == 0 ? 0 : -1;
}

/* With patterns that allow every break, only the house rules limit them:
 * two letters before, three after.  The same holds for an 8-bit pattern
 * file, which the wrapper converts to UTF-8 when it loads it. */
static void house_minimums_over_any_patterns(void)
{
	static const struct {
		const char *charset; /* first line of the pattern file */
		const char *e_acute; /* é in that charset */
	} dicts[] = { { "UTF-8", "\xC3\xA9" }, { "ISO8859-1", "\xE9" } };
	for (size_t d = 0; d < sizeof dicts / sizeof dicts[0]; d++) {
		char path[] = "/tmp/handbook-test-hyph-XXXXXX";
		CHECK(write_permissive(path, dicts[d].charset, dicts[d].e_acute) == 0);
		struct hyph *h = hyph_new(path);
		unlink(path);
		CHECK(h != NULL);
		int pos[MAX_POINTS];
		int n = hyph_points(h, "abcdefgh", 8, pos, MAX_POINTS);
		CHECK_EQ(n, 4);
		for (int i = 0; i < n && i < 4; i++)
			CHECK_EQ(pos[i], 2 + i); /* ab=c=d=e=fgh */
		/* résumés: seven letters, nine bytes; points before s, u, m */
		n = hyph_points(h, "r\xC3\xA9sum\xC3\xA9s", 9, pos, MAX_POINTS);
		CHECK_EQ(n, 3);
		for (int i = 0; i < n && i < 3; i++)
			CHECK_EQ(pos[i], 3 + i);
		/* an 8-bit dictionary is read as UTF-8 (hyph.c converts it), so a
		 * letter beyond its charset is a letter like any other */
		n = hyph_points(h, "abc\xC5\x82" "defgh", 10, pos, MAX_POINTS); /* ł */
		CHECK_EQ(n, 4);
		hyph_free(h);
	}
}

static void missing_dictionary(void)
{
	int pos[MAX_POINTS];
	CHECK(hyph_new("/nonexistent/hyph_xx.dic") == NULL);
	CHECK(hyph_new(NULL) == NULL);
	CHECK_EQ(hyph_points(NULL, "troubleshooting", 15, pos, MAX_POINTS), 0);
	struct hyph *h = hyph_new(DIC);
	CHECK_EQ(hyph_points(h, NULL, 15, pos, MAX_POINTS), 0);
	CHECK_EQ(hyph_points(h, "troubleshooting", 0, pos, MAX_POINTS), 0);
	hyph_free(h);
	hyph_free(NULL);
}

/* The points libhyphen itself gives a lower-case word of letters, with the
 * wrapper's rules: two letters before a point, three after. */
static int libhyphen_points(HyphenDict *d, const char *w, int len, int *pos)
{
	char vec[512];
	char **rep = NULL;
	int *rpos = NULL, *rcut = NULL, off[256], n = 0, count = 0;
	for (int i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80)
			off[n++] = i;
	if (n < HYPH_MIN_WORD)
		return 0;
	memset(vec, '0', sizeof(vec));
	hnj_hyphen_hyphenate2(d, w, len, vec, NULL, &rep, &rpos, &rcut);
	for (int i = 1; i + 3 < n; i++)
		if (((vec[i] - '0') & 1) && !(rep && rep[i]))
			pos[count++] = off[i + 1];
	if (rep)
		for (int i = 0; i < len; i++)
			free(rep[i]);
	free(rep);
	free(rpos);
	free(rcut);
	return count;
}

/* Pseudo-random words over `letters` (UTF-8, separated by spaces), 6 to
 * 20 letters, reproducible from *seed. */
static void random_word(uint32_t *seed, const char *const *letters, int nletters, char *out)
{
	int k = 0;
	*seed = *seed * 1664525u + 1013904223u;
	int len = 6 + (int)(*seed >> 16) % 15;
	for (int i = 0; i < len; i++) {
		*seed = *seed * 1664525u + 1013904223u;
		const char *l = letters[(*seed >> 16) % (uint32_t)nletters];
		memcpy(out + k, l, strlen(l));
		k += (int)strlen(l);
	}
	out[k] = '\0';
}

/* Counts the words on which hyph_points and libhyphen disagree. */
static int disagreements(const char *dic, const char *const *letters, int nletters, int nwords)
{
	struct hyph *h = hyph_new(dic);
	HyphenDict *d = hnj_hyphen_load(dic);
	CHECK(h != NULL && d != NULL);
	if (!h || !d)
		return -1;
	uint32_t seed = 12345;
	int bad = 0, some = 0;
	for (int t = 0; t < nwords; t++) {
		char w[128];
		random_word(&seed, letters, nletters, w);
		int a[64], b[64], len = (int)strlen(w);
		int na = hyph_points(h, w, (size_t)len, a, 64), nb = libhyphen_points(d, w, len, b);
		some += nb > 0;
		if (na != nb || memcmp(a, b, sizeof(int) * (size_t)na)) {
			if (bad++ < 5)
				fprintf(stderr, "  %s: %d points, libhyphen %d\n", w, na, nb);
		}
	}
	CHECK(some > nwords / 10); /* the words do reach the patterns */
	hyph_free(h);
	hnj_hyphen_free(d);
	return bad;
}

static const char *const latin[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
	                                 "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
	                                 "a", "e", "i", "o", "u", "e", "\xC3\xA9", "\xC3\xBC" };

/* hyph.c reads UTF-8 pattern files into a trie of its own: on the en-US
 * patterns it must answer exactly as libhyphen does. */
static void trie_agrees_with_libhyphen(void)
{
	CHECK_EQ(disagreements(DIC, latin, (int)(sizeof(latin) / sizeof(latin[0])), 20000), 0);
}

/* The same over a pattern file of odd lines: all-zero patterns, anchors,
 * two digits in a row, a line longer than libhyphen's buffer, CR line
 * ends, comments, trailing words, minimums; and over files that go to
 * libhyphen (two levels, replacements).  (No repeated pattern: libhyphen
 * leaks the first one's digits, and the leak check would fail.) */
static void trie_agrees_on_odd_pattern_files(void)
{
	static const char *const files[] = {
		"UTF-8\nLEFTHYPHENMIN 3\nRIGHTHYPHENMIN 1\nNOHYPHEN x\nCOMPOUNDLEFTHYPHENMIN 1\n"
		"a1b\nb1c\nc2d1\n.ab4\nbe5d.\n1ca\n1b2d\nd3e\ndd0\n000\n% b1a\na12e\n"
		"\xC3\xA9" "1b\nb3\xC3\xA9\ncab1 junk\nea3d\r\ne1c\r\n"
		"ababababababababababababababababababababababababababababababababababababababababababababababababab1c\n",
		"UTF-8\nRIGHTHYPHENMIN 0\na1\nb1\nc1\nd1\ne1\n2ea\n.a2\n",
		"UTF-8\na1b\nb1c\nNEXTLEVEL\nc1d\nd1e\n",
		"UTF-8\na1b\nb1c\nc1d/c=d,1,1\n",
		/* patterns sharing letters with the one before (trie_load continues
		 * from its nodes): longer, shorter, diverging, unrelated */
		("UTF-8\nabc1d\nab1c\nabc1d2e\na1\nab3cde\n2bcd\nb1c4d\nbc1de\nabd3\n"
		 "ababababababababababababababababababababababababababababababababababababababababababababababababa1b\n"),
		"UTF-8\nab1c x/y\nb1c\n", /* a slash after the pattern: still a replacement line */
	};
	static const char *const letters[] = { "a", "b", "c", "d", "e", "\xC3\xA9" };
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		char path[] = "/tmp/handbook-test-hyph-XXXXXX";
		int fd = mkstemp(path);
		CHECK(fd >= 0);
		FILE *f = fdopen(fd, "w");
		fputs(files[k], f);
		fclose(f);
		CHECK_EQ(disagreements(path, letters, 6, 3000), 0);
		unlink(path);
	}
}


/* A pattern file's text in UTF-8 with "UTF-8" as its first line, as hyph.c
 * hands it over (Debian ships German in ISO8859-1, Russian in KOI8-R).
 * Returns a malloc'd text and its length in *n, or NULL. */
static char *utf8_text(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *raw = NULL;
	size_t len = 0, cap = 0, k;
	char chunk[65536];
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + k + 1 > cap) {
			cap = 2 * (len + k + 1);
			raw = realloc(raw, cap);
		}
		memcpy(raw + len, chunk, k);
		len += k;
	}
	fclose(f);
	if (!raw)
		return NULL;
	raw[len] = '\0';
	size_t first = strcspn(raw, "\n");
	char cset[32];
	snprintf(cset, sizeof cset, "%.*s", (int)strcspn(raw, "\r\n \t"), raw);
	if (!strcmp(cset, "UTF-8")) {
		*n = len;
		return raw;
	}
	iconv_t cd = iconv_open("UTF-8", cset);
	if (cd == (iconv_t)-1) {
		free(raw);
		return NULL;
	}
	size_t room = 3 * len + 8;
	char *out = malloc(room), *o = out + 6, *in = raw + first + 1;
	size_t left = len - first - 1, oroom = room - 6;
	memcpy(out, "UTF-8\n", 6);
	size_t rc = iconv(cd, &in, &left, &o, &oroom);
	iconv_close(cd);
	free(raw);
	if (rc == (size_t)-1) {
		free(out);
		return NULL;
	}
	*n = (size_t)(o - out);
	return out;
}

/* 1 when the two automata are the same up to the numbering of their
 * states: paired from the empty prefix along equal transitions, each pair
 * with the same digits, replacement and paired fallback, the same keywords,
 * and the next levels the same. */
static int same_dict(const HyphenDict *a, const HyphenDict *b)
{
	if (!a || !b)
		return a == b;
	if (a->num_states != b->num_states || a->lhmin != b->lhmin || a->rhmin != b->rhmin ||
	    a->clhmin != b->clhmin || a->crhmin != b->crhmin || a->utf8 != b->utf8 ||
	    strcmp(a->cset, b->cset) || a->nohyphenl != b->nohyphenl || !a->nohyphen != !b->nohyphen) {
		fprintf(stderr, "  dictionaries differ: %d/%d states\n", a->num_states, b->num_states);
		return 0;
	}
	for (int i = 0, at = 0; a->nohyphen && i <= a->nohyphenl; i++) {
		if (strcmp(a->nohyphen + at, b->nohyphen + at))
			return 0;
		at += (int)strlen(a->nohyphen + at) + 1;
	}
	int n = a->num_states, *to = malloc(sizeof(int) * (size_t)n), *queue = malloc(sizeof(int) * (size_t)n);
	int head = 0, tail = 0, same = 1;
	for (int i = 0; i < n; i++)
		to[i] = -1;
	to[0] = 0;
	queue[tail++] = 0;
	while (same && head < tail) {
		int u = queue[head++];
		const HyphenState *x = &a->states[u], *y = &b->states[to[u]];
		same = x->num_trans == y->num_trans && !x->match == !y->match &&
		       (!x->match || !strcmp(x->match, y->match)) && !x->repl == !y->repl &&
		       (!x->repl || (!strcmp(x->repl, y->repl) && x->replindex == y->replindex)) &&
		       (!x->match || x->replcut == y->replcut); /* libhyphen leaves it unset on a prefix */
		for (int t = 0; same && t < x->num_trans; t++) {
			int k = 0;
			while (k < y->num_trans && y->trans[k].ch != x->trans[t].ch)
				k++;
			same = k < y->num_trans && to[x->trans[t].new_state] < 0 && tail < n;
			if (same) {
				to[x->trans[t].new_state] = y->trans[k].new_state;
				queue[tail++] = x->trans[t].new_state;
			}
		}
	}
	same = same && tail == n;
	for (int i = 0; same && i < n; i++) {
		int fa = a->states[i].fallback_state, fb = b->states[to[i]].fallback_state;
		same = fa < 0 ? fb < 0 : fb >= 0 && to[fa] == fb;
	}
	if (!same)
		fprintf(stderr, "  automata differ after %d of %d states\n", head, n);
	free(to);
	free(queue);
	return same && same_dict(a->nextlevel, b->nextlevel);
}

/* Builds the text's dictionary both ways: hyphdict_load's and libhyphen's. */
static int dicts_agree(const char *text, size_t n)
{
	HyphenDict *ours = hyphdict_load(text, n);
	char *copy = malloc(n + 1); /* fmemopen wants a writable buffer */
	memcpy(copy, text, n);
	FILE *m = fmemopen(copy, n, "r");
	HyphenDict *ref = m ? hnj_hyphen_load_file(m) : NULL;
	if (m)
		fclose(m);
	int same = ours && ref && same_dict(ours, ref);
	if (ours)
		hnj_hyphen_free(ours);
	if (ref)
		hnj_hyphen_free(ref);
	free(copy);
	return same;
}

/* hyphdict.c builds libhyphen's automaton itself: on odd files (two
 * levels, replacements, NOHYPHEN, comments with a slash, repeated and
 * long patterns, CR line ends) and on Debian's files it must build the
 * same one.  German is taken in part (1,500 lines of its level 1, then
 * NEXTLEVEL and 3,000 of level 2): libhyphen's loader needs 3.9 s for the
 * whole file (the whole agreed when this was written), and under ASan each
 * of its many small allocations is slow. */
static void hyphdict_agrees_with_libhyphen(void)
{
	static const char *const odd[] = {
		"UTF-8\nLEFTHYPHENMIN 3\nNOHYPHEN -,',x\nCOMPOUNDLEFTHYPHENMIN 1\nCOMPOUNDRIGHTHYPHENMIN 4\n"
		"# a comment/with a slash\na1b\nb1c\n1b1c\nc2d1\n.ab4\nbe5d.\n% b1a\n\xC3\xA9" "1b\r\n"
		"NEXTLEVEL\nRIGHTHYPHENMIN 2\nc1d\nd1e\nd1e\nab1c/a=c,1,2\n.\xC3\xA9" "b1c/\xC3\xA9" "b=c,2,2\n"
		"zz1zz/z=z\n"
		"ababababababababababababababababababababababababababababababababababababababababababababababababab1c\n",
		"UTF-8\na1b\nb1c\nc1d/c=d,1,1\nNOHYPHEN x\n",
		"UTF-8 \na1b\n",
		"ISO8859-1\na1b\nb1c\n",
		"UTF-8",
	};
	for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
		if (!dicts_agree(odd[k], strlen(odd[k])))
			fprintf(stderr, "  odd file %zu\n", k);
		CHECK(dicts_agree(odd[k], strlen(odd[k])));
	}
	/* (one-level files, en-US among them, go to hyph.c's trie, and the odd
	 * files above cover the default level hyphdict.c adds to them) */
	static const char *const files[] = { "hyph_fr.dic", "hyph_ru_RU.dic", "hyph_el_GR.dic",
	                                     "hyph_de_DE.dic" };
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		char path[256];
		size_t n;
		snprintf(path, sizeof path, "/usr/share/hyphen/%s", files[k]);
		char *text = utf8_text(path, &n);
		if (!text)
			continue; /* not installed */
		char *next = strstr(text, "\nNEXTLEVEL\n");
		if (!strcmp(files[k], "hyph_de_DE.dic") && next) {
			/* lines 1 to 1500, then the first 3000 of the second level */
			char *cut = text;
			for (int line = 0; line < 1500 && cut < next; line++)
				cut = strchr(cut, '\n') + 1;
			memmove(cut, next + 1, n - (size_t)(next + 1 - text));
			n -= (size_t)(next + 1 - cut);
			char *end = cut;
			for (int line = 0; line < 3001 && end && end < text + n; line++)
				end = strchr(end, '\n') ? strchr(end, '\n') + 1 : NULL;
			if (end)
				n = (size_t)(end - text);
		}
		if (!dicts_agree(text, n))
			fprintf(stderr, "  %s\n", files[k]);
		CHECK(dicts_agree(text, n));
		free(text);
	}
}

void test_hyph(void)
{
	RUN(known_words);
	RUN(utf8_offsets);
	RUN(words_left_whole);
	RUN(points_respect_limits);
	RUN(house_minimums_over_any_patterns);
	RUN(missing_dictionary);
	RUN(trie_agrees_with_libhyphen);
	RUN(trie_agrees_on_odd_pattern_files);
	RUN(hyphdict_agrees_with_libhyphen);
}
