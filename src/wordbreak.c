/* wordbreak.c: where a word may break.  One scan from the left finds
 * explicit breaks (after hyphens, dashes, slashes, URL punctuation) between
 * letter runs and libhyphen's points inside them; text without spaces
 * (CJK, Thai) breaks where ICU's line-break iterator (UAX #14) allows. */
#include "paraint.h"
#include "hyph.h"
#include "icu.h"

#include <stdlib.h>
#include <string.h>

static void wb_add(struct wbreaks *w, struct wbreak b)
{
	if (w->n == w->cap) {
		struct wbreak *v = xmalloc(sizeof(*v) * (size_t)w->cap * 2);
		memcpy(v, w->v, sizeof(*v) * (size_t)w->n);
		if (w->v != w->local)
			free(w->v);
		w->v = v;
		w->cap *= 2;
	}
	w->v[w->n++] = b;
}

static int is_letter(uint32_t cp)
{
	/* Latin, then Greek (without the ano teleia) and Cyrillic (without its
	 * signs and combining marks): the scripts hyph.c has patterns for */
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x386 && cp <= 0x3CE && cp != 0x387) || (cp >= 0x400 && cp <= 0x52F && (cp < 0x482 || cp > 0x489));
}

static int url_char(char c)
{
	return c == '/' || c == '.' || c == '-' || c == '_' || c == '?' || c == '&' || c == '=' ||
	       c == ':' || c == '#' || c == ',' || c == ';' || c == '\\' || c == '(' || c == ')';
}

/* The explicit break after byte i of w, if any: after hyphens, slashes and
 * dashes, or after URL punctuation in links and code.  *len gets the bytes
 * of the character at i that the scan steps over. */
static int explicit_break(const char *w, size_t n, size_t i, int flags, struct wbreak *b,
                          size_t *len)
{
	unsigned char c = (unsigned char)w[i];
	int pen = -1, fl = 0;
	*len = 1;
	if (flags & (SP_URL | SP_CODE)) {
		if (url_char((char)c))
			pen = PEN_URL;
	} else if (c == '-' && i > 0) {
		pen = PEN_EXPLICIT, fl = 1;
	} else if (c == '/' && i > 0) {
		pen = PEN_URL;
	} else if (i + 3 < n && c == 0xE2 && (unsigned char)w[i + 1] == 0x80 &&
	           ((unsigned char)w[i + 2] == 0x93 || (unsigned char)w[i + 2] == 0x94)) {
		*len = 3; /* after an en or em dash */
		pen = PEN_EXPLICIT;
	}
	if (pen < 0)
		return 0;
	*b = (struct wbreak){ i + *len, pen, 0, fl, 0 };
	return 1;
}

/* Hyphenation points of the letters w[s..e), a whole word of its own. */
static void hyphen_breaks(struct lctx *L, const char *w, size_t s, size_t e, struct wbreaks *out)
{
	int pos[HYPH_MAX_POINTS];
	int np = hyph_points(L->hyph, w + s, e - s, pos, HYPH_MAX_POINTS);
	for (int j = 0; j < np; j++)
		wb_add(out, (struct wbreak){ s + (size_t)pos[j], PEN_HYPHEN, 1, 1, 0 });
}

/* 1 when w[0..n) holds a character of a script written without spaces
 * between words (CJK, Thai, Lao, Myanmar, Khmer): its breaks come from
 * UAX #14.  Only a 3-byte UTF-8 sequence can be one, so Latin, Greek and
 * Cyrillic text is passed over a byte at a time. */
static int needs_uax14(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)w[i] < 0xE0)
			continue;
		uint32_t cp;
		int k = utf8_decode(w + i, n - i, &cp);
		if (is_cjk(cp) || (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
		    (cp >= 0x1780 && cp <= 0x17FF))
			return 1;
		i += (size_t)(k > 0 ? k : 1) - 1;
	}
	return 0;
}

/* The line break opportunities of UAX #14 inside w[0..n), from ICU's line
 * break iterator in the book's language (so Japanese gets its kinsoku
 * rules: no break before 。、」 or small kana, none after 「): a break
 * costs nothing and draws no hyphen, and no space is invented. */
static void uax14_breaks(struct lctx *L, const char *w, size_t n, struct wbreaks *out)
{
	UErrorCode e = U_ZERO_ERROR;
	if (icu_load() != 0)
		return;
	if (!L->ubrk) {
		L->ubrk = icu_ubrk_open(UBRK_LINE, L->lang ? L->lang : "", NULL, 0, &e);
		if (U_FAILURE(e)) {
			L->ubrk = NULL;
			return;
		}
	}
	UText *ut = icu_utext_openUTF8(NULL, w, (int64_t)n, &e);
	icu_ubrk_setUText(L->ubrk, ut, &e); /* a shallow clone: w must stay, ut need not */
	if (U_SUCCESS(e))
		for (int32_t b = icu_ubrk_first(L->ubrk); (b = icu_ubrk_next(L->ubrk)) != UBRK_DONE;)
			if (b > 0 && (size_t)b < n)
				wb_add(out, (struct wbreak){ (size_t)b, PEN_UAX14, 0, 0, 1 });
	icu_utext_close(ut);
}


/* Break opportunities inside one word (no white space in it), in one scan
 * from the left, so they come out in order: a letter run's hyphenation
 * points lie inside it, the explicit breaks between runs.  Letters are
 * never break characters, so a run is passed over whole. */
void para_word_breaks(struct lctx *L, const char *w, size_t n, int flags, struct wbreaks *out)
{
	if (!(flags & (SP_CODE | SP_URL)) && needs_uax14(w, n)) {
		uax14_breaks(L, w, n, out);
		return;
	}
	int hyph = L->hyph && !(flags & (SP_CODE | SP_URL | SP_NOHYPH));
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int k = next_cp(w, n, i, &cp);
		if (hyph && is_letter(cp)) {
			size_t s = i;
			for (i += (size_t)k; i < n; i += (size_t)k) {
				k = next_cp(w, n, i, &cp);
				if (!is_letter(cp))
					break;
			}
			/* "don’t", "team’s": letters after an apostrophe belong to the word */
			if (!(i < n && (w[i] == '\'' || !strncmp(w + i, "\xE2\x80\x99", 3))))
				hyphen_breaks(L, w, s, i, out);
			continue;
		}
		struct wbreak b;
		size_t len = 1;
		if (i + 1 < n && explicit_break(w, n, i, flags, &b, &len))
			wb_add(out, b);
		i += len;
	}
}

/* Longest word, in UTF-16 units, given Arabic joining forms; a longer
 * one (no real word) is set with its letters apart. */
