/* paraint.h: what paragraph.c (boxes, glue and penalties), wordbreak.c
 * (break opportunities inside a word), lineset.c (the breaker's lines to
 * positioned items) and bidi.c (right-to-left lines) share.  Not for other
 * modules: they use paragraph.h. */
#ifndef HANDBOOK_PARAINT_H
#define HANDBOOK_PARAINT_H

#include "paragraph.h"

#define PEN_HYPHEN 50      /* a hyphenation point (TeX \hyphenpenalty) */
#define PEN_EXPLICIT 50    /* after an explicit hyphen or dash (TeX \exhyphenpenalty) */
#define PEN_URL 100        /* after punctuation in a URL or code */
#define PEN_LETTER 3000    /* between line-wide pieces of a word wider than the line: last resort */
#define PEN_UAX14 0        /* between characters of CJK or Thai text, where UAX #14 allows it */
/* Stretch of the glue between such characters, in 1/STRETCH_UAX14 of the
 * font size: text without spaces can only be justified there, and a tenth
 * of an em per character keeps the gaps too small to read as spaces. */
#define STRETCH_UAX14 10
#define HYPH_MAX_POINTS 64 /* hyphenation points considered per word */

/* One character of s at i: its code point and length, ASCII without a call. */
static inline int next_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	return utf8_decode(s + i, n - i, cp);
}

/* Chinese, Japanese and Korean characters: a face for them is one Debian
 * package away (fonts-droid-fallback: TrueType outlines, which pdfobj.c
 * embeds; fonts-noto-cjk's are CFF). */
static inline int is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* The Debian package whose TrueType face has cp, for the warning that no
 * face has it, or NULL: Hangul is in fonts-nanum (Droid Sans Fallback has
 * the ideographs and kana, no Hangul syllables). */
static inline const char *font_package(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xAC00 && cp <= 0xD7FF))
		return "fonts-nanum";
	return is_cjk(cp) ? "fonts-droid-fallback" : NULL;
}

struct wbreak {
	size_t off;   /* byte offset in the word where a break may come */
	int pen;      /* penalty */
	int hyphen;   /* 1: draw a hyphen when broken here */
	int flagged;  /* 1: a hyphen shows at the line end (drawn or already there) */
	int glue;     /* 1: a stretchable break between characters of CJK or Thai text
	               * (UAX #14), not a penalty */
};

/* Breaks a word keeps on the stack; a word with more (a long URL) moves
 * them to the heap. */
#define WORD_BREAKS_LOCAL 32

/* The break opportunities of one word, in order. */
struct wbreaks {
	struct wbreak *v;  /* local, or malloc'd once it outgrows it */
	int n, cap;
	struct wbreak local[WORD_BREAKS_LOCAL];
};

/* Break opportunities inside one word w[0..n) (no white space in it), in
 * order, into out (wordbreak.c). */
void para_word_breaks(struct lctx *L, const char *w, size_t n, int flags, struct wbreaks *out);
/* See para_finish in paragraph.c. */
void para_finish(struct lctx *L, struct para *p, fx width);

/* Strong right-to-left characters (bidi.c). */
int bidi_is_rtl(uint32_t cp);
/* The direction of s[0..n) by its first strong character: 1 right to
 * left, 0 left to right, -1 none. */
int bidi_direction(const char *s, size_t n);
/* Puts a set line in visual order (UAX #9); see bidi.c. */
void bidi_line(struct dl_items *bg, struct dl_items *fg, int base, fx lo, fx hi);

#endif
