/* words.c: the text-preservation check (issue 20).  It owns the rule by
 * which "the words of the source appear in the book" is decided, and
 * nothing else; book.c calls it on the finished pages, the fuzzer through
 * the counts book_make returns.
 *
 * The rule, the same as tests/e2e/oracle.py applies to pdftotext's output:
 *  - Source words are the literals of the text, code and code-block nodes
 *    of each chapter's AST, split at white space.  Raw HTML (cmark-gfm's
 *    plain text leaves it out too) and image alt text (the image stands for
 *    it) are not words of the source.
 *  - Both sides keep ASCII letters and digits and every character past
 *    Latin-1 punctuation but general punctuation, symbols and arrows
 *    (U+2000-2BFF), CJK punctuation, variation selectors, U+FFFD and what
 *    lies beyond the BMP (see dropped()); ASCII and Latin-1 letters are
 *    folded to lower case.  Hyphens (drawn at a line end or not),
 *    punctuation, spaces and U+FFFD vanish, so "operat-" + "ing" on the
 *    next line reads "operating" and a word cut into chunks reads whole.
 *  - The pages' text is one string with no separators; each source word
 *    must be found in it after the previous one, within WORDS_WINDOW bytes
 *    of it, starting at its chapter's destination.  Front matter, running
 *    heads and made parts (glance, index) only add text, so they never
 *    fail a word.  Each cell of a table row is looked for from the row's
 *    start: a row cut over pages holds a slice of every cell on each, so
 *    a word not found whole is looked for in pieces of at least
 *    WORDS_PIECE_MIN bytes, each after the one before.
 *  - A word found more than WORDS_SKIP bytes ahead counts only when the
 *    next word follows within WORDS_NEAR of it (the chapter's last word,
 *    once one was found, only within WORDS_NEAR): a lost run of common
 *    words is not "found" pages later.
 *  - A word not found is "warned" when a warning for its file lies within
 *    its top-level block's lines; otherwise it is lost, and the block gets
 *    a warning now. */
#include "words.h"
#include "font.h"
#include "md.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* How far past the previous word the next one may be found, in bytes of
 * normalised text: running heads, folios and a repeated table header lie
 * between two words of a chapter, a few hundred bytes a page; 32 KB is
 * several pages of text.  It bounds the work for each word not found, so a
 * chapter of thousands of warned characters stays linear. */
#define WORDS_WINDOW (1 << 15)

/* How far ahead a word may be found without the next word confirming
 * it, in bytes of normalised text: a list number or a footnote mark may
 * lie between two words; more is a jump over text. */
#define WORDS_SKIP 16

/* How close the next word must follow a word found after a jump, in
 * bytes of normalised text: a repeated table header or two may lie
 * between. */
#define WORDS_NEAR 512

/* Words of a chapter looked for in all the pages' text before the first
 * is found; after that many misses the search is windowed from the
 * chapter's start, so a chapter whose words are all warned (every
 * character replaced) costs no more than one window each. */
#define WORDS_FREE_TRIES 16

/* The shortest piece of a word find_pieces accepts, so that a lost word
 * is not "found" as scattered letters. */
#define WORDS_PIECE_MIN 16

/* Bytes of a lost word quoted in the warning. */
#define WORDS_QUOTE_MAX 40

static int dropped(uint32_t cp)
{
	return cp < 0x80 ? !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
	       : cp <= 0xBF || cp == 0xD7 || cp == 0xF7 ||
	               (cp >= 0x2000 && cp <= 0x2BFF) ||  /* punctuation, arrows, symbols */
	               (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK punctuation */
	               (cp >= 0xFE00 && cp <= 0xFE0F) ||  /* variation selectors */
	               cp >= 0xFFF0;                      /* specials (U+FFFD) and beyond the BMP
	                                                   * (emoji, mathematical letters: symbols,
	                                                   * as tests/e2e/oracle.py has it) */
}

/* One character, as the rule above has it: appended to out when kept. */
static void normalise_cp(uint32_t cp, struct buf *out)
{
	if (font_presentation_form(cp)) {
		/* Arabic is drawn in its joining forms (paragraph.c): compared as its letters */
		uint32_t base[2];
		int nb = font_base_text(cp, base);
		for (int j = 0; j < nb; j++)
			buf_add_utf8(out, base[j]);
	} else if (!dropped(cp)) {
		if (cp < 0x80)
			buf_addc(out, cp >= 'A' && cp <= 'Z' ? (int)cp + 32 : (int)cp);
		else
			buf_add_utf8(out, cp >= 0xC0 && cp <= 0xDE ? cp + 0x20 : cp);
	}
}

size_t words_normalise_slow(const char *s, size_t n, struct buf *out)
{
	size_t before = out->len;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0)
			k = 1, cp = 0xFFFD;
		normalise_cp(cp, out);
		i += (size_t)k;
	}
	return out->len - before;
}

/* The same as words_normalise_slow, a run of ASCII bytes at a time: the
 * check normalises every character of the book, nearly all of them ASCII,
 * and decoding each one was a tenth of a run's instructions. */
size_t words_normalise(const char *s, size_t n, struct buf *out)
{
	size_t before = out->len;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (u[i] < 0x80) {
			/* an ASCII byte adds at most one byte: room for the rest */
			buf_reserve(out, n - i);
			char *o = out->data + out->len;
			for (; i < n && u[i] < 0x80; i++) {
				unsigned c = u[i], lower = c | 0x20;
				if (lower - 'a' < 26u)
					*o++ = (char)lower;
				else if (c - '0' < 10u)
					*o++ = (char)c;
			}
			out->len = (size_t)(o - out->data);
			out->data[out->len] = 0;
			continue;
		}
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0)
			k = 1, cp = 0xFFFD;
		normalise_cp(cp, out);
		i += (size_t)k;
	}
	return out->len - before;
}

/* What a chapter's AST gives the check, in order. */
enum tok_kind { TOK_WORD, TOK_BLOCK, TOK_ROW, TOK_ENDROW, TOK_CELL, TOK_ENDCELL };

struct tok {
	int kind;       /* enum tok_kind */
	const char *s;  /* TOK_WORD: the word in its literal (the AST's) */
	size_t n;       /* its bytes */
	int l0, l1;     /* TOK_BLOCK: the top-level block's lines */
};

struct toks {
	struct tok *v;  /* owned */
	int n, cap;
};

static void tok_add(struct toks *t, int kind, const char *s, size_t n, int l0, int l1)
{
	GROW(t->v, t->cap, t->n + 1);
	t->v[t->n++] = (struct tok){ kind, s, n, l0, l1 };
}

static void tok_text(struct toks *t, const char *s)
{
	size_t i = 0;
	while (s[i]) {
		while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			i++;
		size_t j = i;
		while (s[j] && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			j++;
		if (j > i)
			tok_add(t, TOK_WORD, s + i, j - i, 0, 0);
		i = j;
	}
}

/* The words of a chapter, with its top-level blocks and table rows and
 * cells, in document order. */
static void tok_chapter(struct toks *t, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *skip = NULL;
	int in_block = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (skip) {
			if (n == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		int enter = ev == CMARK_EVENT_ENTER;
		if (md_is(n, "table_row") || md_is(n, "table_header"))
			tok_add(t, enter ? TOK_ROW : TOK_ENDROW, NULL, 0, 0, 0);
		else if (md_is(n, "table_cell"))
			tok_add(t, enter ? TOK_CELL : TOK_ENDCELL, NULL, 0, 0, 0);
		if (!enter)
			continue;
		if (cmark_node_parent(n) == root) {
			int l0 = cmark_node_get_start_line(n), l1 = cmark_node_get_end_line(n);
			tok_add(t, TOK_BLOCK, NULL, 0, l0, l1 < l0 ? l0 : l1);
			in_block = 1;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			skip = n;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (in_block)
				tok_text(t, cmark_node_get_literal(n));
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* One pass over a chapter's words. */
struct wscan {
	const char *text;        /* the pages' normalised text */
	size_t len, at;          /* its bytes; where the next word is looked for */
	int anchored;            /* 1 once a word was found: searches are windowed */
	int tries;               /* words looked for while not anchored */
	const struct diags *d;   /* warnings made before the check */
	int nd;
	const char *file;        /* the chapter's source, as diagnostics name it */
	int l0, l1;              /* the current top-level block's lines */
	int block_warned;        /* a warning lies within them: 1, 0, or -1 not yet known */
	const char *lost_word;   /* the block's first lost word, or NULL */
	size_t lost_len;
	long lost;               /* words lost in the block */
	struct words_count *wc;
};

/* 1 for a warning about characters no font has: one per file, at the
 * first (para_missing), it covers every block from there on. */
static int covers_rest(const struct diag *g)
{
	return !strcmp(g->code, "HB301") || !strcmp(g->code, "HB753");
}

static int warned_at(const struct wscan *w)
{
	for (int i = 0; i < w->nd; i++) {
		const struct diag *g = &w->d->v[i];
		if (g->sev == DIAG_WARNING && g->file && !strcmp(g->file, w->file) &&
		    (g->line >= w->l0 || covers_rest(g)) && g->line <= w->l1 &&
		    strncmp(g->text, WORDS_LOST_TEXT, sizeof(WORDS_LOST_TEXT) - 1))
			return 1;
	}
	return 0;
}

/* A word not found whole may be on the pages in pieces: a table row cut
 * over pages puts the other cells' slices between the pieces of a long
 * word.  Looks for s[0..n) as pieces of at least WORDS_PIECE_MIN bytes
 * (but the last), each the longest found within `window` after the one
 * before; *at gets the end.  Returns 1 when all of it was found. */
static int find_pieces(const struct wscan *w, const char *s, size_t n, size_t window, size_t *at)
{
	size_t cur = *at;
	while (n > 0) {
		size_t end = cur + window + n < w->len ? cur + window + n : w->len;
		if (end <= cur)
			return 0;
		/* the longest prefix found: a prefix of a prefix found is found */
		size_t lo = 0, hi = n, pos = 0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo + 1) / 2;
			const char *h = memmem(w->text + cur, end - cur, s, mid);
			if (h) {
				lo = mid;
				pos = (size_t)(h - w->text);
			} else {
				hi = mid - 1;
			}
		}
		if (lo == 0 || (lo < n && lo < WORDS_PIECE_MIN))
			return 0;
		cur = pos + lo;
		s += lo;
		n -= lo;
	}
	*at = cur;
	return 1;
}

/* Finds the normalised word s[0..n) from `from`, within window bytes
 * (or anywhere when window is 0): whole, else in pieces.  Sets *pos to
 * where it starts and *end past it; returns 1 when found. */
static int find_word(const struct wscan *w, const char *s, size_t n, size_t from, size_t window,
                     size_t *pos, size_t *end)
{
	size_t lim = w->len;
	if (window && from + window + n < lim)
		lim = from + window + n;
	const char *hit = lim > from ? memmem(w->text + from, lim - from, s, n) : NULL;
	if (hit) {
		*pos = (size_t)(hit - w->text);
		*end = *pos + n;
		return 1;
	}
	*end = from;
	if (window && find_pieces(w, s, n, window, end)) {
		*pos = from;
		return 1;
	}
	return 0;
}

static void miss(struct wscan *w, const struct tok *t, const char *norm, size_t n)
{
	/* not where the in-order scan looked, but on the pages all the same
	 * (the scan lost its place, or the text stands twice, as in a review
	 * packet's worksheet): not lost.  A loss this lets through is of a word
	 * the edition also shows elsewhere; one that is nowhere is still found. */
	if (n && w->len >= n && memmem(w->text, w->len, norm, n)) {
		w->wc->out++;
		return;
	}
	if (!w->anchored && ++w->tries >= WORDS_FREE_TRIES)
		w->anchored = 1;
	if (w->block_warned < 0)
		w->block_warned = warned_at(w);
	if (w->block_warned) {
		w->wc->warned++;
	} else {
		w->wc->lost++;
		if (!w->lost++) {
			w->lost_word = t->s;
			w->lost_len = t->n;
		}
	}
}

/* Ends a top-level block: its unwarned losses get their warning. */
static void end_block(struct wscan *w, struct diags *d)
{
	if (w->lost) {
		int q = w->lost_len > WORDS_QUOTE_MAX ? WORDS_QUOTE_MAX : (int)w->lost_len;
		while (q > 0 && q < (int)w->lost_len && ((unsigned char)w->lost_word[q] & 0xC0) == 0x80)
			q--; /* never cut a character */
		diag_warn(d, w->file, w->l0, "text left out of the PDF: \"%.*s%s\"%s%.0ld%s", q, w->lost_word,
		          q < (int)w->lost_len ? "..." : "", w->lost > 1 ? " and " : "",
		          w->lost > 1 ? w->lost - 1 : 0, w->lost > 1 ? " more words" : "");
	}
	w->lost = 0;
	w->lost_word = NULL;
	w->block_warned = -1;
}

/* The next word token after t[i]; -1 at a row or cell bound (a cell's
 * next piece may be far), -2 at the chapter's end. */
static int next_word(const struct toks *t, int i)
{
	for (int k = i + 1; k < t->n; k++) {
		if (t->v[k].kind == TOK_WORD)
			return k;
		if (t->v[k].kind != TOK_BLOCK)
			return -1;
	}
	return -2;
}

static void scan_chapter(struct wscan *w, const struct toks *t, struct diags *d, struct buf *a,
                         struct buf *b)
{
	size_t row_start = 0, row_end = 0; /* the table row's text on the pages, so far */
	for (int i = 0; i < t->n; i++) {
		const struct tok *k = &t->v[i];
		switch (k->kind) {
		case TOK_BLOCK:
			end_block(w, d);
			w->l0 = k->l0;
			w->l1 = k->l1;
			continue;
		/* a row taller than a page is cut into slices, each with a piece
		 * of every cell: each cell is looked for from the row's start */
		case TOK_ROW:
			row_start = row_end = w->at;
			continue;
		case TOK_ENDROW:
			w->at = row_end;
			continue;
		case TOK_CELL:
			w->at = row_start;
			continue;
		case TOK_ENDCELL:
			row_end = w->at > row_end ? w->at : row_end;
			continue;
		default:
			break;
		}
		a->len = 0;
		if (!words_normalise(k->s, k->n, a))
			continue;
		w->wc->in++;
		size_t pos, end;
		if (!find_word(w, a->data, a->len, w->at, w->anchored ? WORDS_WINDOW : 0, &pos, &end)) {
			miss(w, k, a->data, a->len);
			continue;
		}
		/* a match far ahead stands only if the next word follows it
		 * closely: a lost run of common words would otherwise be "found"
		 * pages on and take the text between with it */
		int nx = pos - w->at > WORDS_SKIP ? next_word(t, i) : -1;
		if (nx == -2 && w->anchored && pos - w->at > WORDS_NEAR) {
			miss(w, k, a->data, a->len); /* the chapter's last word: nothing confirms it */
			continue;
		}
		if (nx >= 0) {
			b->len = 0;
			size_t p2, e2;
			if (words_normalise(t->v[nx].s, t->v[nx].n, b) &&
			    !find_word(w, b->data, b->len, end, WORDS_NEAR, &p2, &e2)) {
				miss(w, k, a->data, a->len);
				continue;
			}
		}
		w->wc->out++;
		w->at = end;
		w->anchored = 1;
	}
	end_block(w, d);
}

/* Text a reader sees in the page's text area: on the sheet, not in the
 * margins above and below where the running heads and folios stand. */
static int in_text_area(const struct page *pg, const struct page_geom *g, const struct dl_item *it)
{
	int64_t w = pg->w ? pg->w : g->width, h = pg->h ? pg->h : g->height;
	return it->x >= 0 && (int64_t)it->x + it->w <= w && it->y >= g->top && it->y <= h - g->bottom;
}

void words_check(const struct model *bk, const struct content *c, const int *chap, int nchap,
                 const struct pages *pages, const struct page_geom *g, struct diags *d,
                 struct words_count *out)
{
	memset(out, 0, sizeof(*out));
	struct buf text, tmp;
	buf_init(&text);
	buf_init(&tmp);
	size_t *dest_at = NULL;              /* where each destination falls in the text */
	struct strmap *dests = strmap_new(); /* destination key -> index in dest_at */
	int ndest = 0, destcap = 0;
	for (int i = 0; i < pages->n; i++)
		for (int j = 0; j < pages->v[i].n; j++) {
			const struct dl_item *it = &pages->v[i].items[j];
			if (it->kind == DL_TEXT && in_text_area(&pages->v[i], g, it)) {
				words_normalise(it->str, (size_t)it->len, &text);
			} else if (it->kind == DL_DEST && !strmap_get(dests, it->str, NULL)) {
				GROW(dest_at, destcap, ndest + 1);
				dest_at[ndest] = text.len;
				strmap_put(dests, it->str, ndest++);
			}
		}
	struct wscan w;
	memset(&w, 0, sizeof(w));
	w.text = text.data ? text.data : "";
	w.len = text.len;
	w.d = d;
	w.nd = d->n; /* the check's own warnings excuse nothing */
	w.wc = out;
	w.block_warned = -1;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < nchap; i++) {
		const struct chapter *ch = &bk->ch[chap[i]];
		const struct source *s = &c->v[ch->src];
		if (!s->root)
			continue;
		int k;
		if (ch->key && strmap_get(dests, ch->key, &k))
			w.at = dest_at[k];
		w.anchored = 0; /* the chapter's first word may be anywhere after it */
		w.tries = 0;
		w.file = s->path;
		struct toks t = { 0 };
		tok_chapter(&t, s->root);
		scan_chapter(&w, &t, d, &tmp, &b);
		free(t.v);
	}
	buf_done(&b);
	free(dest_at);
	strmap_free(dests);
	buf_done(&text);
	buf_done(&tmp);
}
