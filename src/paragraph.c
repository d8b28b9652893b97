/* paragraph.c: from styled text to boxes, glue and penalties.
 *
 * Inside a word, breaks are offered as penalties (wordbreak.c finds them):
 * after explicit hyphens and dashes, after slashes, at hyphenation points
 * (with a hyphen drawn), after URL punctuation in links and code, and,
 * only for a word wider than the line, between pieces of it each as wide
 * as fits a line.  Characters no bundled face has are drawn as U+FFFD with
 * a warning, never left blank.  lineset.c sets the lines. */
#include "paraint.h"
#include "icu.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>


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
	free(p->sp);
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
		GROW(p->sp, p->pcap, p->pcap ? p->pcap * 2 : PARA_FIRST_CAP);
	struct span *sp = &p->sp[p->np];
	sp->st = *st;
	sp->st.face = face;
	sp->off = off;
	sp->len = len;
	sp->line = line;
	fx size = st->flags & SP_SUP ? st->size * 7 / 10 : st->size;
	struct item *it = add_item(p, IT_BOX);
	it->width = FX_EM(em, size);
	it->ref = p->np++;
	p->ends_space = 0;
}



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
	if (m->pkg)
		buf_addf(b, " (install the Debian package %s)", m->pkg);
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

void para_missing(struct lctx *L, const char *file, int line, int col, uint32_t cp)
{
	struct missing *m = NULL;
	for (int i = 0; i < L->nmissing && file && !m; i++)
		if (L->missing[i].file == file && L->missing[i].d == L->d)
			m = &L->missing[i];
	/* text of no file (the contents, a diagram box, a running head) is a
	 * copy of a heading or title: a character some file was warned about
	 * is not warned about again */
	for (int i = 0; i < L->nmissing && !file; i++)
		for (int k = 0; k < L->missing[i].distinct && k < MISSING_NAMED; k++)
			if (L->missing[i].cp[k] == cp && L->missing[i].d == L->d)
				return;
	if (!m) {
		/* the first in this file: a warning of its own, at its place */
		int before = L->d->n;
		if (font_package(cp))
			diag_warn_at(L->d, file, line, col, "character U+%04X is in none of the bundled or installed "
			             "fonts; shown as \xEF\xBF\xBD (install the Debian package %s)", cp, font_package(cp));
		else
			diag_warn_at(L->d, file, line, col, "character U+%04X is in none of the bundled or installed "
			             "fonts; shown as \xEF\xBF\xBD", cp);
		if (!file)
			return; /* no file to count for: each is its own warning */
		if (L->nmissing == L->capmissing)
			GROW(L->missing, L->capmissing, L->nmissing + 1);
		m = &L->missing[L->nmissing++];
		*m = (struct missing){ .file = file, .d = L->d, .n = 1, .pkg = font_package(cp), .distinct = 1 };
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
	if (!m->pkg)
		m->pkg = font_package(cp);
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
		if (cp >= 0x590 && bidi_is_rtl(cp))
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
			para_missing(L, p->file, line, col, cp);
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


void para_release(struct lctx *L)
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
	para_word_breaks(L, w, n, st->flags, &b);
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
static void add_part_box(struct para *p, const struct span *orig, size_t off, int len, int64_t em)
{
	fx size = orig->st.flags & SP_SUP ? orig->st.size * 7 / 10 : orig->st.size;
	GROW(p->sp, p->pcap, p->np + 1);
	struct span *sp = &p->sp[p->np];
	*sp = *orig;
	sp->off = off;
	sp->len = len;
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
		struct span orig = p->sp[old[k].ref];
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
		const struct span *orig = &p->sp[old[i].ref];
		/* once per file: a narrow table can do this in every cell */
		if (warned_line != orig->line && L->split_warned != p->file)
			diag_warn(L->d, p->file, orig->line,
			          "a word wider than the line (%.20s...) is broken between letters; "
			          "later cases in this file are not reported", p->text.data + orig->off);
		warned_line = orig->line;
		L->split_warned = p->file;
		split_run(L, p, old, i, wide_end[i], width);
		i = wide_end[i];
	}
	free(old);
	free(wide_end);
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

/* Ends the paragraph for setting at width: trailing glue gone, its last
 * word unbroken, a fill and a forced break at the end, words wider than
 * the line cut into pieces.  Setting it again does not add them twice. */
void para_finish(struct lctx *L, struct para *p, fx width)
{
	if (!para_ended(p)) {
		if (para_empty(p))
			p->n = 0;
		trim_glue(p);
		keep_last_word(p);
		add_fill_break(p);
	}
	split_wide(L, p, width);
}
