/* indexpages.c: the index's pages.  Each entry is set as a small ragged
 * paragraph (paragraph.c), the lines stacked into one column stream, and that
 * stream cut into page boxes of two columns each, the last page balanced:
 * the paginator, which knows one column, then only places whole pages. */
#include "indexint.h"
#include "icu.h"
#include "messages.h"
#include "paragraph.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

/* The look of the index; see style.h for the book's other numbers. */
#define IX_SIZE PT(9)            /* entry text */
#define IX_LETTER_SIZE PT(11)    /* letter headings */
#define IX_GUTTER PT(18)         /* between the two columns */
#define IX_SUB_INDENT PT(10)     /* a sub-entry's first line */
#define IX_TURN_INDENT PT(22)    /* the turnover lines of any entry: deeper than sub-entries */
#define IX_LETTER_GAP PT(9)      /* above a letter heading, dropped at a column top */
#define IX_LETTER_AFTER PT(2)    /* below a letter heading */
#define IX_TITLE_GAP PT(14)      /* below the title */
#define IX_KEEP_LINES 8          /* an entry of up to this many lines is never split */
#define IX_MAX_OPEN 3            /* structure elements a line opens: a first sub-entry's L, LI, LBody */

/* ---- layout ---- */

/* One line of the column stream. */
struct cline {
	fx gap;                /* space above, dropped at a column top */
	fx h;                  /* height */
	fx x;                  /* indent from the column's left edge */
	struct dl_item *items; /* L->arena, relative to the line's top-left */
	int n;
	int keep;              /* 1: no column break after this line */
	uint8_t open[IX_MAX_OPEN]; /* structure elements (enum tag_role) opening before the line */
	int nopen;
	int nclose;            /* structure elements closing after it */
};

struct cstream {
	struct cline *v;
	int n, cap;
};

/* The index is tagged as lists (PDF/UA 7.6): each letter group an L whose
 * Caption is the letter, each entry an LI whose LBody holds its name and
 * its page ranges' Links, sub-entries a nested L in that LBody.  A line
 * opens these before its items and closes them after. */
static void cl_open(struct cstream *cs, int line, const uint8_t *roles, int n)
{
	struct cline *c = &cs->v[line];
	for (int i = 0; i < n && c->nopen < IX_MAX_OPEN; i++)
		c->open[c->nopen++] = roles[i];
}

static struct cline *cs_add(struct cstream *cs)
{
	GROW(cs->v, cs->cap, cs->n + 1);
	struct cline *c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* An entry or sub-entry: the name, then ", " and each range linked to its
 * destination; turnover lines hang at IX_TURN_INDENT. */
static void add_entry(struct lctx *L, struct lstats *lst, struct cstream *cs, const char *name,
                      const struct locs *l, fx indent, fx colw, int keep_last)
{
	struct para p;
	para_init(&p, IX_SIZE);
	p.stats = lst;
	struct span_style st = { FACE_REGULAR, IX_SIZE, STYLE_TEXT_RGB, SP_NOHYPH, NULL };
	para_text(L, &p, name, strlen(name), &st, 0);
	struct range *r;
	int nr = ix_make_ranges(l->v, l->n, &r);
	for (int i = 0; i < nr; i++) {
		char t[48];
		ix_range_text(&r[i], t, sizeof(t));
		para_text(L, &p, ", ", 2, &st, 0);
		/* SP_URL: breaks only after URL punctuation, so never inside "12–14" */
		struct span_style ns = st;
		ns.flags = SP_NOHYPH | SP_URL;
		ns.link = arena_strndup(L->arena, r[i].key, strlen(r[i].key));
		para_text(L, &p, t, strlen(t), &ns, 0);
	}
	free(r);
	struct pline *ln;
	int n = para_set(L, &p, colw - IX_TURN_INDENT, AL_LEFT, &ln);
	para_done(&p);
	for (int i = 0; i < n; i++) {
		struct cline *c = cs_add(cs);
		c->h = ln[i].h;
		c->x = i == 0 ? indent : IX_TURN_INDENT;
		c->items = ln[i].items;
		c->n = ln[i].n;
		c->keep = i < n - 1 || keep_last;
	}
}

static void add_letter(struct lctx *L, struct lstats *lst, struct cstream *cs, const char *text, fx colw,
                       int first)
{
	struct span_style st = { FACE_BOLD, IX_LETTER_SIZE, STYLE_ACCENT_RGB, SP_NOHYPH, NULL };
	struct pline *ln;
	int n = para_set_string(L, NULL, lst, text, &st, colw, AL_LEFT, 0, &ln);
	for (int i = 0; i < n; i++) {
		struct cline *c = cs_add(cs);
		c->gap = i == 0 && !first ? IX_LETTER_GAP : 0;
		c->h = ln[i].h + (i == n - 1 ? IX_LETTER_AFTER : 0);
		c->items = ln[i].items;
		c->n = ln[i].n;
		c->keep = 1; /* with the first entry: never at a column bottom */
	}
}

/* The group an entry files under: 'a'..'z', '0' for digits, '#' for
 * symbols, '~' for other scripts. */
static int group_of(const char *fold)
{
	unsigned char c = (unsigned char)*ix_skip_punct(fold);
	if (c >= 'a' && c <= 'z')
		return c;
	if (c >= '0' && c <= '9')
		return '0';
	return c >= 0x80 ? '~' : '#';
}

static void group_text(int g, char *s, size_t size)
{
	if (g >= 'a' && g <= 'z')
		snprintf(s, size, "%c", g - 'a' + 'A');
	else
		snprintf(s, size, "%s", g == '0' ? "0" EN_DASH "9" : g == '~' ? msg(MSG_INDEX_OTHER) : msg(MSG_INDEX_SYMBOLS));
}

/* The rows of the kana table (gojuon) an index groups Japanese under:
 * each row's first hiragana, U+3041 up; a katakana is its hiragana
 * U+0060 below, a voiced kana (ga) its plain one by decomposition. */
static const struct {
	uint32_t last;      /* the row's last hiragana */
	const char *label;  /* its first */
} kana_rows[] = {
	{ 0x304A, "\xE3\x81\x82" }, { 0x3054, "\xE3\x81\x8B" }, { 0x305E, "\xE3\x81\x95" },
	{ 0x3069, "\xE3\x81\x9F" }, { 0x306E, "\xE3\x81\xAA" }, { 0x307D, "\xE3\x81\xAF" },
	{ 0x3082, "\xE3\x81\xBE" }, { 0x3088, "\xE3\x82\x84" }, { 0x308D, "\xE3\x82\x89" },
	{ 0x3096, "\xE3\x82\x8F" },
};

/* The initial consonants of Hangul syllables, (cp - U+AC00) / 588, each
 * as the letter an index files it under (the doubled ones with their
 * single). */
static const char *const hangul_initials[19] = {
	"\xE3\x84\xB1", "\xE3\x84\xB1", "\xE3\x84\xB4", "\xE3\x84\xB7", "\xE3\x84\xB7",
	"\xE3\x84\xB9", "\xE3\x85\x81", "\xE3\x85\x82", "\xE3\x85\x82", "\xE3\x85\x85",
	"\xE3\x85\x85", "\xE3\x85\x87", "\xE3\x85\x88", "\xE3\x85\x88", "\xE3\x85\x8A",
	"\xE3\x85\x8B", "\xE3\x85\x8C", "\xE3\x85\x8D", "\xE3\x85\x8E",
};

/* The letter heading an entry files under, into s: A-Z, 0-9 and symbols
 * for Latin (group_of); for another script the first letter without its
 * marks in capitals (Greek, Cyrillic, Hebrew, Arabic: Ё with Е, Ά with
 * Α), the kana row for Japanese kana, the initial consonant for Hangul,
 * and one heading for Chinese characters (ICU's C API gives no reading
 * to file them by). */
static void group_label(const char *fold, const char *lang, char *s, size_t size)
{
	const char *f = ix_skip_punct(fold);
	if ((unsigned char)*f < 0x80) {
		group_text(group_of(fold), s, size);
		return;
	}
	uint32_t cp;
	utf8_decode(f, strlen(f), &cp);
	if (icu_load() != 0) {
		snprintf(s, size, "%s", msg(MSG_INDEX_OTHER));
		return;
	}
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60; /* katakana -> hiragana */
	UErrorCode e = U_ZERO_ERROR;
	UChar d[8];
	const UNormalizer2 *nfd = icu_unorm2_getNFDInstance(&e);
	int32_t nd = U_SUCCESS(e) ? icu_unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &e) : 0;
	if (U_SUCCESS(e) && nd > 0 && !U16_IS_SURROGATE(d[0]))
		cp = d[0]; /* the base letter, its marks dropped */
	if (cp >= 0x3041 && cp <= 0x3096) {
		for (size_t i = 0; i < sizeof(kana_rows) / sizeof(kana_rows[0]); i++)
			if (cp <= kana_rows[i].last) {
				snprintf(s, size, "%s", kana_rows[i].label);
				return;
			}
	}
	if (cp >= 0xAC00 && cp <= 0xD7A3) {
		snprintf(s, size, "%s", hangul_initials[(cp - 0xAC00) / 588]);
		return;
	}
	if (icu_u_hasBinaryProperty((UChar32)cp, UCHAR_IDEOGRAPHIC)) {
		/* "kanji" / "hanzi" in the book's own script */
		snprintf(s, size, "%s", lang && !strncmp(lang, "zh", 2) ? "\xE6\xB1\x89\xE5\xAD\x97"
		                                                         : "\xE6\xBC\xA2\xE5\xAD\x97");
		return;
	}
	if (!icu_u_isalpha((UChar32)cp)) {
		snprintf(s, size, "%s", msg(MSG_INDEX_OTHER));
		return;
	}
	struct buf b;
	buf_init(&b);
	buf_add_utf8(&b, (uint32_t)icu_u_toupper((UChar32)cp));
	snprintf(s, size, "%s", buf_cstr(&b));
	buf_done(&b);
}

/* Height of column lines [a, b): P holds prefix sums of gap + h. */
static fx col_h(const struct cline *c, const fx *P, int a, int b)
{
	return a >= b ? 0 : P[b] - P[a] - c[a].gap;
}

/* The end of the column that starts at line s and holds at most C: the
 * last legal break that fits, else as many lines as fit (at least one). */
static int col_fill(const struct cline *c, const fx *P, int n, int s, fx C)
{
	int j, best = -1;
	for (j = s; j < n; j++) {
		if (col_h(c, P, s, j + 1) > C)
			break;
		if (!c[j].keep || j == n - 1)
			best = j + 1;
	}
	if (j == n)
		return n;
	if (best < 0)
		best = j > s ? j : s + 1;
	return best;
}

/* The split of [s, n) into two columns of at most C whose taller is
 * lowest, the left the taller on a tie; fallback when none is legal. */
static int col_balance(const struct cline *c, const fx *P, int n, int s, fx C, int fallback)
{
	int best = -1;
	fx besth = 0;
	for (int k = s + 1; k <= n; k++) {
		if (k < n && c[k - 1].keep)
			continue;
		fx l = col_h(c, P, s, k), r = col_h(c, P, k, n);
		if (l > C || r > C)
			continue;
		fx m = l > r ? l : r;
		if (best < 0 || m <= besth)
			best = k, besth = m;
	}
	return best < 0 ? fallback : best;
}

static void emit_page(struct lctx *L, const struct cline *c, const fx *P, int s, int k, int e,
                      fx colw, struct vlist *out)
{
	int ni = 0;
	for (int j = s; j < e; j++)
		ni += c[j].nopen + c[j].n + c[j].nclose;
	struct dl_item *items = arena_alloc(L->arena, sizeof(*items) * (size_t)(ni ? ni : 1));
	int at = 0;
	for (int col = 0; col < 2; col++) {
		int a = col ? k : s, b = col ? e : k;
		fx x0 = col ? colw + IX_GUTTER : 0, y = 0;
		for (int j = a; j < b; j++) {
			if (j > a)
				y += c[j].gap;
			for (int q = 0; q < c[j].nopen; q++) {
				memset(&items[at], 0, sizeof(items[at]));
				items[at].kind = DL_TAG_BEGIN;
				items[at++].face = c[j].open[q];
			}
			for (int q = 0; q < c[j].n; q++) {
				items[at] = c[j].items[q];
				items[at].x += x0 + c[j].x;
				items[at].y += y;
				at++;
			}
			for (int q = 0; q < c[j].nclose; q++) {
				memset(&items[at], 0, sizeof(items[at]));
				items[at++].kind = DL_TAG_END;
			}
			y += c[j].h;
		}
	}
	fx hl = col_h(c, P, s, k), hr = col_h(c, P, k, e);
	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = hl > hr ? hl : hr;
	v->items = items;
	v->n = ni;
}

void index_layout(struct lctx *L, const struct book_index *ix, struct lstats *lst, fx width, fx height,
                  struct vlist *out)
{
	if (!index_count(ix))
		return;
	vlist_add(out, VN_CHAPTER)->str = msg(MSG_INDEX);
	struct dl_item dest = { 0 };
	dest.kind = DL_DEST;
	dest.str = "#index";
	dest.len = 6;
	struct vnode *dv = vlist_add(out, VN_BOX);
	dv->items = arena_memdup(L->arena, &dest, sizeof(dest));
	dv->n = 1;

	/* the title, as the contents sets its own */
	fx used = 0;
	struct span_style ts = { FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB, SP_NOHYPH, NULL };
	struct pline *tl;
	int ntl = para_set_string(L, NULL, lst, msg(MSG_INDEX), &ts, width, AL_LEFT, 0, &tl);
	int from = out->n;
	for (int i = 0; i < ntl; i++) {
		if (i > 0)
			vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
		struct vnode *v = vlist_add(out, VN_BOX);
		v->h = tl[i].h;
		v->items = tl[i].items;
		v->n = tl[i].n;
		used += tl[i].h;
	}
	vlist_tag(out, from, TAG_H1, NULL, L->arena);
	vlist_add(out, VN_PENALTY)->penalty = PEN_INF;
	vlist_add(out, VN_GLUE)->h = IX_TITLE_GAP;
	used += IX_TITLE_GAP;

	/* the column stream */
	fx colw = (width - IX_GUTTER) / 2;
	struct cstream cs = { 0 };
	int ne;
	const struct entry **v = ix_sorted_entries(ix, L->lang, &ne);
	char group[32] = "";
	static const uint8_t group_tags[] = { TAG_L, TAG_CAPTION }, item_tags[] = { TAG_L, TAG_LI, TAG_LBODY };
	for (int i = 0; i < ne; i++) {
		const struct entry *e = v[i];
		char t[32];
		group_label(e->fold, L->lang, t, sizeof(t));
		if (i == 0 || strcmp(t, group)) {
			if (i > 0)
				cs.v[cs.n - 1].nclose++; /* the last group's L */
			int l0 = cs.n;
			add_letter(L, lst, &cs, t, colw, i == 0);
			cl_open(&cs, l0, group_tags, 2);
			cs.v[cs.n - 1].nclose++; /* the Caption */
			snprintf(group, sizeof(group), "%s", t);
		}
		int b0 = cs.n;
		add_entry(L, lst, &cs, e->name, &e->at, 0, colw, e->nsub > 0);
		cl_open(&cs, b0, item_tags + 1, 2);
		const struct sub **s = ix_sorted_subs(e, L->lang);
		for (int k = 0; k < e->nsub; k++) {
			int s0 = cs.n;
			add_entry(L, lst, &cs, s[k]->name, &s[k]->at, IX_SUB_INDENT, colw, 0);
			cl_open(&cs, s0, item_tags + (k > 0), k > 0 ? 2 : 3);
			/* its LI and LBody; after the last, the sub-entries' L too */
			cs.v[cs.n - 1].nclose += 2 + (k == e->nsub - 1);
		}
		cs.v[cs.n - 1].nclose += 2; /* the entry's LI and LBody */
		free(s);
		/* a short entry with sub-entries stays whole; a long one leaves at
		 * least two lines at either side of a column break */
		int b1 = cs.n;
		if (b1 - b0 <= IX_KEEP_LINES)
			for (int j = b0; j < b1 - 1; j++)
				cs.v[j].keep = 1;
		else if (e->nsub > 0)
			cs.v[b0 + 1].keep = cs.v[b1 - 2].keep = 1;
	}
	free(v);
	if (cs.n)
		cs.v[cs.n - 1].nclose++; /* the last group's L */

	/* pages of two columns; the last page balanced */
	int n = cs.n;
	fx *P = xmalloc(sizeof(*P) * (size_t)(n + 1));
	P[0] = 0;
	for (int j = 0; j < n; j++)
		P[j + 1] = P[j] + cs.v[j].gap + cs.v[j].h;
	fx cap1 = height - used;
	for (int s = 0, first = 1; s < n; first = 0) {
		fx C = first ? cap1 : height;
		int e1 = col_fill(cs.v, P, n, s, C);
		int e2 = e1 < n ? col_fill(cs.v, P, n, e1, C) : n;
		int k = e1, e = e2;
		if (e2 >= n) {
			k = col_balance(cs.v, P, n, s, C, e1);
			e = n;
		}
		if (!first)
			vlist_add(out, VN_PENALTY)->penalty = -PEN_INF;
		emit_page(L, cs.v, P, s, k, e, colw, out);
		s = e;
	}
	free(P);
	free(cs.v);
}

