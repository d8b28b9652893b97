/* inline.c: from styled text to boxes, glue and penalties, and from the
 * breaker's chosen lines to positioned runs.
 *
 * Inside a word, breaks are offered as penalties: after explicit hyphens and
 * dashes, after slashes, at hyphenation points (with a hyphen drawn), after
 * URL punctuation in links and code, and, only for a word wider than the
 * line, between pieces of it each as wide as fits a line.  Characters no bundled face has are drawn
 * as U+FFFD with a warning, never left blank. */
#include "inline.h"
#include "index.h"
#include "icu.h"
#include "linebreak.h"
#include "style.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

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

int face_for(int bold, int italic)
{
	if (bold && italic)
		return FACE_BOLDITALIC;
	if (bold)
		return FACE_BOLD;
	return italic ? FACE_ITALIC : FACE_REGULAR;
}

void para_init(struct para *p, fx size)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->text);
	p->size = size;
}

void para_done(struct para *p)
{
	free(p->it);
	free(p->pt);
	buf_done(&p->text);
	memset(p, 0, sizeof(*p));
}

int para_empty(const struct para *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->it[i].type == IT_BOX)
			return 0;
	return 1;
}

/* Entries a paragraph's arrays start with: a paragraph holds a few dozen
 * boxes, and growing from grow's default of 8 cost a realloc every few
 * words. */
#define PARA_FIRST_CAP 64

static struct item *add_item(struct para *p, enum item_type t)
{
	if (p->n == p->cap)
		GROW(p->it, p->cap, p->cap ? p->cap * 2 : PARA_FIRST_CAP);
	struct item *it = &p->it[p->n++];
	memset(it, 0, sizeof(*it));
	it->type = t;
	it->ref = -1;
	return it;
}

static void add_penalty(struct para *p, int pen, int flagged, fx width)
{
	struct item *it = add_item(p, IT_PENALTY);
	it->penalty = pen;
	it->flagged = flagged;
	it->width = width;
}

/* A box drawing text[off..off+len) of the paragraph buffer in face; em is
 * the sum of its characters' advances (1/1000 em), as font_width adds them. */
static void add_box(struct para *p, const struct span_style *st, int face, size_t off, int len,
                    int64_t em, int line)
{
	if (p->np == p->pcap)
		GROW(p->pt, p->pcap, p->pcap ? p->pcap * 2 : PARA_FIRST_CAP);
	struct part *pt = &p->pt[p->np];
	pt->st = *st;
	pt->st.face = face;
	pt->off = off;
	pt->len = len;
	pt->line = line;
	fx size = st->flags & SP_SUP ? st->size * 7 / 10 : st->size;
	struct item *it = add_item(p, IT_BOX);
	it->width = FX_EM(em, size);
	it->ref = p->np++;
	p->ends_space = 0;
}

/* One character of s at i: its code point and length, ASCII without a call. */
static int next_cp(const char *s, size_t n, size_t i, uint32_t *cp)
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
static int is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

static int is_rtl(uint32_t cp);

/* The text of the file's warning about characters no face has: the first
 * distinct ones by code, whether there are others, and the package a CJK
 * one needs.  Occurrences are the warning's count. */
static void missing_text(const struct missing *m, struct buf *b)
{
	b->len = 0;
	if (m->distinct == 1)
		buf_addf(b, "character U+%04X is", (unsigned)m->cp[0]);
	else
		buf_adds(b, "characters");
	for (int i = 0; m->distinct > 1 && i < m->distinct; i++)
		buf_addf(b, "%s U+%04X", i ? (i + 1 < m->distinct || m->more ? "," : " and") : "", (unsigned)m->cp[i]);
	if (m->more)
		buf_adds(b, " and others");
	buf_adds(b, m->distinct > 1 ? " are" : "");
	buf_adds(b, " in none of the bundled or installed fonts; shown as \xEF\xBF\xBD here and further on in "
	            "this file");
	if (m->cjk)
		buf_adds(b, " (install the Debian package fonts-droid-fallback)");
}

/* 1 when line:col was counted before in this file; else records it. */
static int missing_seen(struct missing *m, int line, int col)
{
	uint64_t key = (uint64_t)(uint32_t)line << 32 | (uint32_t)col;
	int lo = 0, hi = m->nseen;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (m->at_seen[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nseen && m->at_seen[lo] == key)
		return 1;
	if (m->nseen == m->capseen)
		GROW(m->at_seen, m->capseen, m->nseen + 1);
	memmove(m->at_seen + lo + 1, m->at_seen + lo, sizeof(*m->at_seen) * (size_t)(m->nseen - lo));
	m->at_seen[lo] = key;
	m->nseen++;
	return 0;
}

void inline_missing(struct lctx *L, int line, int col, uint32_t cp)
{
	struct missing *m = NULL;
	for (int i = 0; i < L->nmissing && L->file && !m; i++)
		if (L->missing[i].file == L->file && L->missing[i].d == L->d)
			m = &L->missing[i];
	if (!m) {
		/* the first in this file: a warning of its own, at its place */
		int before = L->d->n;
		if (is_cjk(cp))
			diag_warn_at(L->d, L->file, line, col, "character U+%04X is in none of the bundled or installed "
			             "fonts; shown as \xEF\xBF\xBD (install the Debian package fonts-droid-fallback)", cp);
		else
			diag_warn_at(L->d, L->file, line, col, "character U+%04X is in none of the bundled or installed "
			             "fonts; shown as \xEF\xBF\xBD", cp);
		if (!L->file)
			return; /* no file to count for: each is its own warning */
		if (L->nmissing == L->capmissing)
			GROW(L->missing, L->capmissing, L->nmissing + 1);
		m = &L->missing[L->nmissing++];
		*m = (struct missing){ .file = L->file, .d = L->d, .n = 1, .cjk = is_cjk(cp), .distinct = 1 };
		m->cp[0] = cp;
		missing_seen(m, line, col);
		/* kept only while the list's identity map (diags_merge) cannot hold the old text */
		m->at = L->d->n > before && !L->d->seen ? L->d->n - 1 : -1;
		return;
	}
	/* later ones in the same file: the one warning counts them, each
	 * place once (copies in made parts, which have no line, not at all) */
	if (line <= 0 || missing_seen(m, line, col))
		return;
	m->n++;
	int known = 0;
	for (int i = 0; i < m->distinct && i < MISSING_NAMED; i++)
		known |= m->cp[i] == cp;
	if (!known && m->distinct < MISSING_NAMED)
		m->cp[m->distinct++] = cp;
	else if (!known)
		m->more = 1; /* past the named ones: "and others" */
	m->cjk |= is_cjk(cp);
	if (m->at < 0) {
		L->d->warnings++;
		return;
	}
	struct diag *g = &L->d->v[m->at];
	struct buf b;
	buf_init(&b);
	missing_text(m, &b);
	free(g->text);
	g->text = xstrdup(buf_cstr(&b));
	g->count++;
	L->d->warnings++;
	buf_done(&b);
}

/* Advance of cp in face for measuring: a missing glyph adds nothing. */
static int advance(struct lctx *L, int face, uint32_t cp)
{
	int a = font_advance(L->fonts, face, cp);
	return a > 0 ? a : 0;
}

/* font_pick, with the advance of cp in the face picked (*a >= 0) when it
 * is the text's own: one lookup for the common case. */
static int pick(struct lctx *L, int face, uint32_t cp, int *a)
{
	*a = font_advance(L->fonts, face, cp);
	if (*a >= 0)
		return face;
	return font_pick(L->fonts, face, cp);
}

/* Widest box add_piece makes, in 1/1000 em: 100 em is wider than any
 * line at any size the styles use, so a longer piece is split by
 * split_wide anyway; the cap keeps a box's width (an fx, int32) far from
 * overflow.  Without it a word of 382,796 "a"s (5,610 fx each at 10 pt)
 * wrapped to a negative width, was never split, and was drawn off the
 * page with the rest of its line. */
#define PIECE_MAX_EM 100000

/* Appends one piece of a word to the text buffer, splitting it into boxes
 * where the face that can draw the characters changes, and where a box
 * would pass PIECE_MAX_EM: the boxes follow each other with no break
 * between them.  Characters go over in runs, each measured as it is read. */
static void add_piece(struct lctx *L, struct para *p, const char *s, size_t n,
                      const struct span_style *st, int line)
{
	size_t start = p->text.len, from = 0; /* s[from..i) is still to copy */
	int cur = -1;
	int64_t em = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int a;
		int k = next_cp(s, n, i, &cp);
		if (cp >= 0x590 && is_rtl(cp))
			p->rtl = 1;
		int f = pick(L, st->face, cp, &a), full = 0;
		if (f >= 0 && f == cur) {
			int adv = a >= 0 ? a : advance(L, f, cp);
			full = em + adv > PIECE_MAX_EM;
			if (!full) {
				em += adv;
				i += (size_t)k;
				continue;
			}
		}
		if (i > from)
			buf_add(&p->text, s + from, i - from);
		const char *bytes = s + i;
		int nb = k;
		if (f < 0) {
			int col = L->col && s + i >= L->col_text ? L->col + (int)(s + i - L->col_text) : 0;
			inline_missing(L, line, col, cp);
			f = font_pick(L->fonts, st->face, 0xFFFD);
			bytes = f >= 0 ? "\xEF\xBF\xBD" : "?";
			nb = f >= 0 ? 3 : 1;
			cp = f >= 0 ? 0xFFFD : '?';
			if (f < 0)
				f = st->face;
		}
		if (cur >= 0 && (f != cur || full)) {
			add_box(p, st, cur, start, (int)(p->text.len - start), em, line);
			start = p->text.len;
			em = 0;
		}
		cur = f;
		em += advance(L, f, cp);
		buf_add(&p->text, bytes, (size_t)nb);
		i += (size_t)k;
		from = i;
	}
	if (n > from)
		buf_add(&p->text, s + from, n - from);
	if (cur >= 0 && p->text.len > start)
		add_box(p, st, cur, start, (int)(p->text.len - start), em, line);
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

void inline_done(struct lctx *L)
{
	if (L->ubrk)
		icu_ubrk_close(L->ubrk);
	L->ubrk = NULL;
	for (int i = 0; i < L->nmissing; i++)
		free(L->missing[i].at_seen);
	free(L->missing);
	L->missing = NULL;
	L->nmissing = L->capmissing = 0;
}

/* Break opportunities inside one word (no white space in it), in one scan
 * from the left, so they come out in order: a letter run's hyphenation
 * points lie inside it, the explicit breaks between runs.  Letters are
 * never break characters, so a run is passed over whole. */
static void word_breaks(struct lctx *L, const char *w, size_t n, int flags, struct wbreaks *out)
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
#define ARABIC_WORD_MAX 256

/* 1 when w[0..n) holds an Arabic letter (U+0620-06FF, after the signs). */
static int has_arabic(const char *w, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if ((c == 0xD8 && (unsigned char)w[i + 1] >= 0xA0) || c == 0xD9 || c == 0xDA || c == 0xDB)
			return 1;
	}
	return 0;
}

/* The word w[0..n) with its Arabic letters in their joining forms
 * (initial, medial, final, isolated; lam-alef as its ligature), the
 * presentation forms the installed faces map, into out; ICU's rules of
 * Unicode's ArabicShaping.txt.  Returns 0, or -1 (out untouched) when
 * shaping fails.  The glyphs' /ToUnicode and the words check read the
 * forms back as their letters (font_base_text). */
static int shape_arabic(const char *w, size_t n, struct buf *out)
{
	UChar in[ARABIC_WORD_MAX], shaped[ARABIC_WORD_MAX];
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;
	if (icu_load() != 0)
		return -1;
	icu_u_strFromUTF8(in, ARABIC_WORD_MAX, &len, w, (int32_t)n, &e);
	if (U_FAILURE(e) || len >= ARABIC_WORD_MAX)
		return -1;
	int32_t m = icu_u_shapeArabic(in, len, shaped, ARABIC_WORD_MAX,
	                          U_SHAPE_LETTERS_SHAPE | U_SHAPE_LENGTH_GROW_SHRINK | U_SHAPE_TEXT_DIRECTION_LOGICAL,
	                          &e);
	if (U_FAILURE(e))
		return -1;
	char u8[ARABIC_WORD_MAX * 3];
	int32_t nb = 0;
	icu_u_strToUTF8(u8, (int32_t)sizeof(u8), &nb, shaped, m, &e);
	if (U_FAILURE(e))
		return -1;
	buf_add(out, u8, (size_t)nb);
	return 0;
}

static void add_word(struct lctx *L, struct para *p, const char *w, size_t n,
                     const struct span_style *st, int line)
{
	struct buf shaped;
	buf_init(&shaped);
	int col = L->col;
	if (has_arabic(w, n) && !(st->flags & SP_CODE) && shape_arabic(w, n, &shaped) == 0) {
		w = shaped.data;
		n = shaped.len;
		L->col = 0; /* the shaped copy has no column in the source */
	}
	struct wbreaks b;
	b.v = b.local;
	b.n = 0;
	b.cap = WORD_BREAKS_LOCAL;
	word_breaks(L, w, n, st->flags, &b);
	fx hyphen = -1; /* measured when a break first needs it */
	size_t at = 0;
	for (int i = 0; i < b.n; i++) {
		if (b.v[i].off <= at || b.v[i].off >= n)
			continue;
		add_piece(L, p, w + at, b.v[i].off - at, st, line);
		if (b.v[i].glue) {
			struct item *g = add_item(p, IT_GLUE); /* zero wide: no space is invented */
			g->stretch = st->size / STRETCH_UAX14;
			at = b.v[i].off;
			continue;
		}
		if (b.v[i].hyphen && hyphen < 0)
			hyphen = font_width(L->fonts, st->face, st->size, "-", 1);
		add_penalty(p, b.v[i].pen, b.v[i].flagged, b.v[i].hyphen ? hyphen : 0);
		at = b.v[i].off;
	}
	add_piece(L, p, w + at, n - at, st, line);
	if (b.v != b.local)
		free(b.v);
	buf_done(&shaped);
	L->col = col;
}

static void add_glue(struct lctx *L, struct para *p, const struct span_style *st)
{
	if (p->n == 0 || p->ends_space)
		return;
	fx space = FX_EM(advance(L, st->face, ' '), st->size);
	struct item *g = add_item(p, IT_GLUE);
	g->width = space;
	if (!(st->flags & SP_CODE)) {
		g->stretch = space / 2;
		g->shrink = space / 3;
	}
	p->ends_space = 1;
}

void para_text(struct lctx *L, struct para *p, const char *s, size_t n,
               const struct span_style *st, int line)
{
	buf_reserve(&p->text, n); /* the words' bytes (rarely more): one growth at most */
	size_t i = 0;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			add_glue(L, p, st);
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			j++;
		add_word(L, p, s + i, j - i, st, line);
		i = j;
	}
}

static void trim_glue(struct para *p)
{
	while (p->n > 0 && p->it[p->n - 1].type == IT_GLUE)
		p->n--;
	p->ends_space = 0;
}

static void add_fill_break(struct para *p)
{
	trim_glue(p);
	add_penalty(p, PEN_INF, 0, 0);
	struct item *g = add_item(p, IT_GLUE);
	g->stretch = FX_FIL;
	add_penalty(p, -PEN_INF, 0, 0);
	p->ends_space = 1; /* no glue right after a forced break */
}

void para_break(struct para *p)
{
	if (p->n > 0)
		add_fill_break(p);
}

static int para_ended(const struct para *p)
{
	return p->n > 0 && p->it[p->n - 1].type == IT_PENALTY && p->it[p->n - 1].penalty <= -PEN_INF;
}

/* The widest a paragraph measure reports: the sum of boxes of a huge word
 * is held in 64 bits and clamped here, so a table column built from it
 * stays a sane int32 width. */
#define PARA_WIDTH_MAX ((fx)1 << 30)

/* The larger of two 64-bit widths, clamped to PARA_WIDTH_MAX. */
static fx clamp_width(int64_t a, int64_t b)
{
	int64_t m = a > b ? a : b;
	return m > PARA_WIDTH_MAX ? PARA_WIDTH_MAX : (fx)m;
}

fx para_max_width(const struct para *p)
{
	int64_t best = 0, cur = 0;
	for (int i = 0; i < p->n; i++) {
		const struct item *it = &p->it[i];
		if (it->type == IT_PENALTY && it->penalty <= -PEN_INF) {
			best = cur > best ? cur : best;
			cur = 0;
		} else if (it->type == IT_BOX || (it->type == IT_GLUE && it->stretch < FX_FIL)) {
			cur += it->width;
		}
	}
	return clamp_width(cur, best);
}

fx para_min_width(const struct para *p)
{
	/* a column should hold its longest word whole: hyphenation points
	 * and impossible breaks do not shorten it */
	int64_t best = 0, cur = 0;
	for (int i = 0; i < p->n; i++) {
		const struct item *it = &p->it[i];
		int breaks = it->type == IT_GLUE ||
		             (it->type == IT_PENALTY && it->width == 0 && it->penalty < PEN_INF);
		if (it->type == IT_BOX) {
			cur += it->width;
		} else if (breaks) {
			best = cur > best ? cur : best;
			cur = 0;
		}
	}
	return clamp_width(cur, best);
}

/* Appends to p a box for text[off..off+len) of part orig, whose advances
 * add up to em (1/1000 em). */
static void add_part_box(struct para *p, const struct part *orig, size_t off, int len, int64_t em)
{
	fx size = orig->st.flags & SP_SUP ? orig->st.size * 7 / 10 : orig->st.size;
	GROW(p->pt, p->pcap, p->np + 1);
	struct part *pt = &p->pt[p->np];
	*pt = *orig;
	pt->off = off;
	pt->len = len;
	struct item *it = add_item(p, IT_BOX);
	it->width = FX_EM(em, size);
	it->ref = p->np++;
}

/* Cuts the run of boxes old[i..j) (with any unbreakable penalties between
 * them) into chunks each as wide as fits the line, with a costly break
 * between chunks: so the text all comes out, in order, inside the margin,
 * and a word of N bytes costs a few items per line, not per letter.  A
 * chunk always takes at least one character, even one wider than the line. */
static void split_run(struct lctx *L, struct para *p, const struct item *old, int i, int j, fx width)
{
	int64_t used = 0; /* width of the chunk's pieces before this part's, 1/1000 pt */
	for (int k = i; k < j; k++) {
		if (old[k].type != IT_BOX)
			continue; /* a kept-word penalty inside the run gives way to the chunk breaks */
		struct part orig = p->pt[old[k].ref];
		fx size = orig.st.flags & SP_SUP ? orig.st.size * 7 / 10 : orig.st.size;
		const char *s = p->text.data + orig.off;
		int from = 0;   /* s[from..c) is this part's piece of the current chunk */
		int64_t em = 0; /* its advances, 1/1000 em */
		for (int c = 0; c < orig.len;) {
			uint32_t cp;
			int cl = utf8_decode(s + c, (size_t)(orig.len - c), &cp);
			int a = advance(L, orig.st.face, cp);
			if ((used > 0 || c > from) && used + FX_EM(em + a, size) > width) {
				if (c > from)
					add_part_box(p, &orig, orig.off + (size_t)from, c - from, em);
				add_penalty(p, PEN_LETTER, 0, 0);
				from = c;
				em = 0;
				used = 0;
			}
			em += a;
			c += cl;
		}
		if (orig.len > from) {
			add_part_box(p, &orig, orig.off + (size_t)from, orig.len - from, em);
			used += FX_EM(em, size);
		}
	}
}

/* Splits runs of boxes wider than the line into chunks that fit it (see
 * split_run): the last resort that keeps text inside the margins. */
static void split_wide(struct lctx *L, struct para *p, fx width)
{
	/* mark the first and end of runs (boxes with no break between them,
	 * plus the hyphen a following break would add) wider than the line */
	int *wide_end = NULL; /* made at the first wide run: most paragraphs have none */
	for (int i = 0; i < p->n;) {
		if (p->it[i].type != IT_BOX) {
			i++;
			continue;
		}
		/* penalties of PEN_INF do not break a run */
		int j = i;
		int64_t w = 0;
		while (j < p->n && (p->it[j].type == IT_BOX ||
		                    (p->it[j].type == IT_PENALTY && p->it[j].penalty >= PEN_INF && j + 1 < p->n &&
		                     p->it[j + 1].type == IT_BOX)))
			w += p->it[j].type == IT_BOX ? p->it[j++].width : (j++, 0);
		if (j < p->n && p->it[j].type == IT_PENALTY)
			w += p->it[j].width;
		if (w > width) {
			if (!wide_end) {
				wide_end = xmalloc(sizeof(*wide_end) * ((size_t)p->n + 1));
				for (int k = 0; k <= p->n; k++)
					wide_end[k] = -1;
			}
			wide_end[i] = j;
		}
		i = j;
	}
	if (!wide_end)
		return;
	struct item *old = p->it;
	int n = p->n;
	p->it = NULL;
	p->n = p->cap = 0;
	int warned_line = -1;
	for (int i = 0; i < n;) {
		if (wide_end[i] < 0) {
			*add_item(p, old[i].type) = old[i];
			i++;
			continue;
		}
		const struct part *orig = &p->pt[old[i].ref];
		/* once per file: a narrow table can do this in every cell */
		if (warned_line != orig->line && L->split_warned != L->file)
			diag_warn(L->d, L->file, orig->line,
			          "a word wider than the line (%.20s...) is broken between letters; "
			          "later cases in this file are not reported", p->text.data + orig->off);
		warned_line = orig->line;
		L->split_warned = L->file;
		split_run(L, p, old, i, wide_end[i], width);
		i = wide_end[i];
	}
	free(old);
	free(wide_end);
}

struct run {
	int first, last;   /* parts */
	fx x, w;           /* 1/1000 pt from the line start */
};

static int same_run(const struct para *p, int a, int b)
{
	const struct part *x = &p->pt[a], *y = &p->pt[b];
	return x->off + (size_t)x->len == y->off && x->st.face == y->st.face &&
	       x->st.size == y->st.size && x->st.rgb == y->st.rgb && x->st.flags == y->st.flags &&
	       x->st.link == y->st.link;
}

struct line_out {
	struct dl_item *v;
	int n, cap;
};

static struct dl_item *out_add(struct line_out *o, enum dl_kind k)
{
	if (o->n == o->cap)
		GROW(o->v, o->cap, o->n + 1);
	struct dl_item *it = &o->v[o->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	return it;
}

/* Draws one run: shading, text, strike-out and link area. */
static void emit_run(struct lctx *L, const struct para *p, const struct run *r, fx base,
                     fx lh, int hyphen, struct line_out *bg, struct line_out *fg)
{
	const struct part *pt = &p->pt[r->first];
	const struct span_style *st = &pt->st;
	fx size = st->flags & SP_SUP ? st->size * 7 / 10 : st->size;
	fx y = st->flags & SP_SUP ? base - st->size * 35 / 100 : base;
	size_t len = p->pt[r->last].off + (size_t)p->pt[r->last].len - pt->off;
	const char *s = p->text.data + pt->off;
	fx w = r->w;
	if (st->flags & SP_CODE) {
		struct dl_item *b = out_add(bg, DL_RECT);
		b->x = r->x - PT(1);
		b->y = base - size * 85 / 100;
		b->w = w + PT(2);
		b->h = size * 112 / 100;
		b->rgb = STYLE_CODE_BG_RGB;
	}
	struct dl_item *t = out_add(fg, DL_TEXT);
	int ti = fg->n - 1; /* t's index: adding the strike-out line may move fg->v */
	if (hyphen) {
		char *h = arena_strndup(L->arena, s, len + 1); /* s[len] is in the text buffer */
		h[len] = '-';
		t->str = h;
		t->len = (int)len + 1;
		w += font_width(L->fonts, st->face, size, "-", 1);
	} else {
		t->str = arena_strndup(L->arena, s, len);
		t->len = (int)len;
	}
	t->x = r->x;
	t->y = y;
	t->w = w;
	t->size = size;
	t->face = st->face;
	t->rgb = st->rgb;
	t->flags = (st->flags & SP_INDEX ? DLF_INDEX : 0) | (hyphen ? DLF_HYPHEN : 0);
	if (st->flags & SP_STRIKE) {
		struct dl_item *l = out_add(fg, DL_LINE);
		l->x = r->x;
		l->y = base - size * 30 / 100;
		l->w = w;
		l->size = size / 16;
		l->rgb = st->rgb;
	}
	if (st->link) {
		/* extend the line's latest area of the same link over the space,
		 * unless text outside it came between: build.c gives every link
		 * to one target the same key string */
		struct dl_item *prev = NULL;
		int apart = 0;
		for (int i = ti - 1; i >= 0 && !prev; i--)
			if (fg->v[i].kind == DL_LINK)
				prev = &fg->v[i];
		for (int i = prev ? (int)(prev - fg->v) + 1 : ti; i < ti; i++)
			if (fg->v[i].kind == DL_TEXT && fg->v[i].x >= prev->x + prev->w)
				apart = 1;
		if (prev && !apart && prev->str == st->link) {
			prev->w = r->x + w - prev->x;
		} else {
			struct dl_item *a = out_add(fg, DL_LINK);
			a->x = r->x;
			a->y = 0;
			a->w = w;
			a->h = lh;
			a->str = st->link;
		}
	}
}

/* The last word of a paragraph is never hyphenated: its hyphenation
 * points (penalties that would draw a hyphen) after the last space become
 * impossible breaks. */
static void keep_last_word(struct para *p)
{
	for (int i = p->n - 1; i >= 0 && p->it[i].type != IT_GLUE; i--)
		if (p->it[i].type == IT_PENALTY && p->it[i].width > 0)
			p->it[i].penalty = PEN_INF;
}

/* Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, NKo,
 * Samaritan and their presentation forms. */
static int is_rtl(uint32_t cp)
{
	return (cp >= 0x590 && cp <= 0x8FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

/* The direction of s[0..n) by its first strong character (UAX #9 rules
 * P2-P3, with letters and digits as the strong left-to-right ones): 1
 * right-to-left, 0 left-to-right, -1 none.  Only bytes from 0xD6 up can
 * start a right-to-left character, so other text is passed over quickly. */
static int text_direction(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
				return 0;
			i++;
			continue;
		}
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (is_rtl(cp))
			return 1;
		if ((cp >= 0xC0 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xFB1D))
			return 0;
		i += (size_t)(k > 0 ? k : 1);
	}
	return -1;
}

/* Lines of text items a line reorders on the stack; a longer one (a
 * paragraph of one-letter words in a table cell) goes to the heap. */
#define BIDI_LOCAL 64

/* Puts a line in visual order by the Unicode bidi algorithm (UAX #9) at
 * the grain of its text items (words, or parts of a word in another
 * face): each item's direction is that of its first strong character
 * (DLF_RTL when right to left: its text stays in logical order, for the
 * words check and the index, and pdf.c draws it reversed), a neutral item
 * takes its neighbours' direction when they agree and the paragraph's
 * otherwise (rules N1-N2), the levels follow (I1-I2: a left-to-right word
 * in a right-to-left paragraph is level 2), and every run at or above
 * each level is reversed (L2).  The items are then set side by side in
 * that order over the line's extent, mirrored when the paragraph is right
 * to left: lo..hi is the space the line is mirrored in.  Shading, strike
 * and link areas move with the words under them. */
static void bidi_line(struct line_out *bg, struct line_out *fg, int base, fx lo, fx hi)
{
	int local_idx[BIDI_LOCAL], local_ord[BIDI_LOCAL];
	fx local_nx[BIDI_LOCAL];
	signed char local_lev[BIDI_LOCAL];
	int n = 0;
	for (int i = 0; i < fg->n; i++)
		n += fg->v[i].kind == DL_TEXT;
	if (n == 0)
		return;
	int *idx = n <= BIDI_LOCAL ? local_idx : xmalloc(sizeof(int) * (size_t)n);
	int *ord = n <= BIDI_LOCAL ? local_ord : xmalloc(sizeof(int) * (size_t)n);
	fx *nx = n <= BIDI_LOCAL ? local_nx : xmalloc(sizeof(fx) * (size_t)n);
	signed char *lev = n <= BIDI_LOCAL ? local_lev : xmalloc((size_t)n);
	int k = 0, any_rtl = 0;
	for (int i = 0; i < fg->n; i++) {
		struct dl_item *it = &fg->v[i];
		if (it->kind != DL_TEXT)
			continue;
		idx[k] = i;
		lev[k] = (signed char)text_direction(it->str, (size_t)it->len); /* 1, 0 or -1 */
		if (lev[k] == 1) {
			it->flags |= DLF_RTL;
			any_rtl = 1;
		}
		k++;
	}
	if (!any_rtl && !base)
		goto done;
	/* neutrals between two of one direction take it, else the paragraph's */
	for (int i = 0; i < n; i++) {
		if (lev[i] >= 0)
			continue;
		int a = base, b = base;
		for (int j = i - 1; j >= 0; j--)
			if (lev[j] >= 0 && lev[j] <= 1) {
				a = lev[j];
				break;
			}
		for (int j = i + 1; j < n; j++)
			if (lev[j] >= 0) {
				b = lev[j];
				break;
			}
		lev[i] = (signed char)(a == b ? a : base);
	}
	/* levels: right to left odd, left to right even and above the base */
	int maxlev = 0;
	for (int i = 0; i < n; i++) {
		lev[i] = (signed char)(lev[i] == 1 ? 1 : base ? 2 : 0);
		maxlev = lev[i] > maxlev ? lev[i] : maxlev;
	}
	for (int i = 0; i < n; i++)
		ord[i] = i;
	for (int l = maxlev; l >= 1; l--)
		for (int i = 0; i < n;) {
			if (lev[ord[i]] < l) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && lev[ord[j]] >= l)
				j++;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				int t = ord[a];
				ord[a] = ord[b];
				ord[b] = t;
			}
			i = j;
		}
	/* side by side in visual order, each gap that of the two words when
	 * they were neighbours, else the line's mean gap */
	const struct dl_item *first = &fg->v[idx[0]], *last = &fg->v[idx[n - 1]];
	fx x0 = first->x, xe = last->x + last->w;
	fx sum_w = 0;
	for (int i = 0; i < n; i++)
		sum_w += fg->v[idx[i]].w;
	fx mean_gap = n > 1 ? (xe - x0 - sum_w) / (n - 1) : 0;
	fx cur = base ? lo + hi - xe : x0;
	for (int v = 0; v < n; v++) {
		int i = ord[v];
		nx[i] = cur;
		cur += fg->v[idx[i]].w;
		if (v + 1 < n) {
			int j = ord[v + 1];
			int a = i < j ? i : j;
			const struct dl_item *p = &fg->v[idx[a]], *q = &fg->v[idx[a + 1]];
			cur += i - j == 1 || j - i == 1 ? q->x - (p->x + p->w) : mean_gap;
		}
	}
	/* decorations: over the new places of the words they covered */
	for (int pass = 0; pass < 2; pass++) {
		struct line_out *o = pass ? fg : bg;
		for (int d = 0; d < o->n; d++) {
			struct dl_item *it = &o->v[d];
			if (it->kind == DL_TEXT)
				continue;
			fx dx0 = it->x, dx1 = it->x + it->w;
			fx ox0 = 0, ox1 = 0, mx0 = 0, mx1 = 0;
			int hit = 0;
			for (int i = 0; i < n; i++) {
				const struct dl_item *t = &fg->v[idx[i]];
				if (t->x + t->w <= dx0 || t->x >= dx1)
					continue;
				if (!hit || t->x < ox0)
					ox0 = t->x;
				if (!hit || t->x + t->w > ox1)
					ox1 = t->x + t->w;
				if (!hit || nx[i] < mx0)
					mx0 = nx[i];
				if (!hit || nx[i] + t->w > mx1)
					mx1 = nx[i] + t->w;
				hit = 1;
			}
			if (hit) {
				it->x = mx0 - (ox0 - dx0);
				it->w = mx1 + (dx1 - ox1) - it->x;
			} else if (base) {
				it->x = lo + hi - it->x - it->w;
			}
		}
	}
	for (int i = 0; i < n; i++)
		fg->v[idx[i]].x = nx[i];
done:
	if (n > BIDI_LOCAL) {
		free(idx);
		free(ord);
		free(nx);
		free(lev);
	}
}

int para_set(struct lctx *L, struct para *p, fx width, enum align al, struct pline **out)
{
	if (!para_ended(p)) {
		if (para_empty(p))
			p->n = 0;
		trim_glue(p);
		keep_last_word(p);
		add_fill_break(p);
	}
	split_wide(L, p, width);
	struct lb_params prm = lb_defaults(width);
	prm.ragged = al != AL_JUSTIFY;
	struct lb_line *ln = NULL;
	int nl = lb_break(p->it, p->n, &prm, &ln);
	struct pline *lines = arena_alloc(L->arena, sizeof(*lines) * (size_t)(nl > 0 ? nl : 1));
	fx lh = STYLE_LEADING(p->size);
	int asc = font_ascender(L->fonts, FACE_REGULAR), desc = font_descender(L->fonts, FACE_REGULAR);
	fx base = (lh + FX_EM(asc + desc, p->size)) / 2;
	struct line_out bg = { 0 }, fg = { 0 };
	/* -1: no right-to-left text; else the paragraph's direction */
	int dir = p->rtl ? text_direction(p->text.data, p->text.len) == 1 : -1;
	for (int li = 0; li < nl; li++) {
		const struct lb_line *l = &ln[li];
		int end = l->end < p->n ? l->end : p->n;
		/* totals over the line, to place glue */
		fx nat = 0, str = 0, shr = 0;
		int last_box = -1;
		for (int i = l->start; i < end; i++)
			if (p->it[i].type == IT_BOX)
				last_box = i;
		for (int i = l->start; i <= last_box; i++) {
			const struct item *it = &p->it[i];
			if (it->type == IT_BOX || it->type == IT_GLUE)
				nat += it->width;
			if (it->type == IT_GLUE) {
				str += it->stretch < FX_FIL ? it->stretch : 0;
				shr += it->shrink;
			}
		}
		if (l->end < p->n && p->it[l->end].type == IT_PENALTY)
			nat += p->it[l->end].width;
		double ratio = 0;
		int last = li == nl - 1 || (l->end < p->n && p->it[l->end].penalty <= -PEN_INF);
		if (al == AL_JUSTIFY && !last) {
			/* the breaker's own ratio: the one its tolerance judged */
			ratio = isfinite(l->ratio) ? l->ratio : 0;
			if (ratio < -1)
				ratio = -1;
			if (ratio > L->stat_worst)
				L->stat_worst = ratio;
		} else if (nat > width && shr > 0) {
			ratio = -(double)(nat - width) / shr;
			if (ratio < -1)
				ratio = -1;
		}
		fx setw = nat;
		if (ratio > 0)
			setw += (fx)(ratio * str);
		else if (ratio < 0)
			setw += (fx)(ratio * shr);
		fx x = 0;
		if (al == AL_CENTER && setw < width)
			x = (width - setw) / 2;
		else if (al == AL_RIGHT && setw < width)
			x = width - setw;
		/* a right-to-left line is mirrored about the measure, so it starts
		 * at the right; a centred or right-aligned one (a page number in a
		 * diagram box) about its own extent, so it stays where it was put */
		fx mirror_lo = al == AL_CENTER || al == AL_RIGHT ? x : 0;
		fx mirror_hi = al == AL_CENTER || al == AL_RIGHT ? x + setw : width;
		bg.n = fg.n = 0;
		struct run r = { -1, -1, 0, 0 };
		for (int i = l->start; i <= last_box; i++) {
			const struct item *it = &p->it[i];
			if (it->type == IT_BOX) {
				if (r.first >= 0 && same_run(p, r.last, it->ref)) {
					r.last = it->ref;
					r.w += it->width;
				} else {
					if (r.first >= 0)
						emit_run(L, p, &r, base, lh, 0, &bg, &fg);
					r = (struct run){ it->ref, it->ref, x, it->width };
				}
				x += it->width;
			} else if (it->type == IT_GLUE) {
				if (r.first >= 0)
					emit_run(L, p, &r, base, lh, 0, &bg, &fg);
				r.first = -1;
				fx gw = it->width;
				if (ratio > 0 && it->stretch < FX_FIL)
					gw += (fx)(ratio * it->stretch);
				else if (ratio < 0)
					gw += (fx)(ratio * it->shrink);
				x += gw;
			}
		}
		/* a hyphen is drawn only where the break adds one (not after "-") */
		int draw_hyphen = l->hyphenated && l->end < p->n && p->it[l->end].width > 0;
		if (r.first >= 0)
			emit_run(L, p, &r, base, lh, draw_hyphen, &bg, &fg);
		if (dir >= 0) {
			bidi_line(&bg, &fg, dir, mirror_lo, mirror_hi);
		}
		struct pline *pl = &lines[li];
		pl->h = lh;
		pl->n = bg.n + fg.n;
		pl->items = arena_alloc(L->arena, sizeof(struct dl_item) * (size_t)(pl->n ? pl->n : 1));
		if (bg.n)
			memcpy(pl->items, bg.v, sizeof(struct dl_item) * (size_t)bg.n);
		if (fg.n)
			memcpy(pl->items + bg.n, fg.v, sizeof(struct dl_item) * (size_t)fg.n);
		L->stat_lines++;
		L->stat_hyphenated += l->hyphenated;
		if (l->overfull && setw > width)
			L->stat_overfull++;
	}
	free(bg.v);
	free(fg.v);
	free(ln);
	index_mark(L->ix, L->arena, lines, nl); /* the index's terms, while the words are at hand */
	*out = lines;
	return nl;
}
