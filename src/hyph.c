/* hyph.c: hyphenation points from libhyphen patterns, with the house rules.
 *
 * libhyphen marks break points with odd digits in a vector indexed by
 * character (not byte) for UTF-8 dictionaries; this wrapper lower-cases the
 * word, maps the digits back to byte offsets, and refuses words the
 * typographic rules exclude: short words, words with capitals after the
 * first letter (product names, acronyms), words with digits. */
#include "hyph.h"
#include "util.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

/* Letters kept before and after a break: "re-", not "r-"; "-ing", not "-ng". */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3
/* Longest word looked up, in bytes: longer strings are not words. */
#define HYPH_MAX_BYTES 128

struct hyph {
	HyphenDict *dict; /* owned */
};

struct hyph *hyph_new(const char *path)
{
	if (!path)
		return NULL;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	fclose(fp);
	HyphenDict *dict = hnj_hyphen_load(path);
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
	free(h);
}

static int is_upper(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	       (cp >= 0x100 && cp <= 0x17F && !(cp & 1));
}

static int is_lower(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
	       (cp >= 0x100 && cp <= 0x17F && (cp & 1));
}

static uint32_t to_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F && !(cp & 1))
		return cp + 1;
	return cp;
}

int hyph_points(struct hyph *h, const char *w, size_t len, int *pos, int max)
{
	if (!h || len == 0 || len > HYPH_MAX_BYTES || max <= 0)
		return 0;
	/* lower-case copy, and the byte offset of each character */
	struct buf low;
	buf_init(&low);
	int offs[HYPH_MAX_BYTES + 1];
	int nch = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(w + i, len - i, &cp);
		if (!is_upper(cp) && !is_lower(cp)) {
			buf_done(&low);
			return 0; /* digits, punctuation: not a plain word */
		}
		if (nch > 0 && is_upper(cp)) {
			buf_done(&low);
			return 0; /* CamelCase, ALLCAPS */
		}
		offs[nch++] = (int)i;
		buf_add_utf8(&low, to_lower(cp));
		i += (size_t)k;
	}
	offs[nch] = (int)len;
	if (nch < HYPH_MIN_WORD) {
		buf_done(&low);
		return 0;
	}
	const char *word = buf_cstr(&low);
	int wl = (int)low.len;
	char *digits = xcalloc((size_t)wl + 5, 1);
	char **rep = NULL;
	int *rpos = NULL, *rcut = NULL;
	int n = 0;
	if (hnj_hyphen_hyphenate2(h->dict, word, wl, digits, NULL, &rep, &rpos, &rcut) == 0) {
		/* UTF-8 dictionaries index the vector by character */
		int units = h->dict->utf8 ? nch : wl;
		for (int i = HYPH_LEFT_MIN - 1; i < units - HYPH_RIGHT_MIN && n < max; i++) {
			if (!(digits[i] & 1))
				continue;
			if (rep && rep[i])
				continue; /* non-standard breaks (spelling changes) are not ours */
			int ch = i + 1; /* the break comes after unit i */
			if (!h->dict->utf8) {
				/* byte-indexed: only at character boundaries */
				int found = -1;
				for (int c = 0; c <= nch; c++)
					if (offs[c] == ch)
						found = c;
				if (found < 0)
					continue;
				ch = found;
			}
			pos[n++] = offs[ch];
		}
	}
	if (rep) {
		for (int i = 0; i < wl; i++)
			free(rep[i]);
		free(rep);
	}
	free(rpos);
	free(rcut);
	free(digits);
	buf_done(&low);
	return n;
}
