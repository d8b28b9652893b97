/* bidi.c: a set line in visual order by the Unicode bidi algorithm
 * (UAX #9), at the grain of its text items. */
#include "paraint.h"

#include <stdlib.h>
#include <string.h>

/* Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, NKo,
 * Samaritan and their presentation forms. */
int bidi_is_rtl(uint32_t cp)
{
	return (cp >= 0x590 && cp <= 0x8FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

/* The direction of s[0..n) by its first strong character (UAX #9 rules
 * P2-P3, with letters and digits as the strong left-to-right ones): 1
 * right-to-left, 0 left-to-right, -1 none.  Only bytes from 0xD6 up can
 * start a right-to-left character, so other text is passed over quickly. */
int bidi_direction(const char *s, size_t n)
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
		if (bidi_is_rtl(cp))
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

/* The visual order ord[0..n) of n items whose directions lev[] are 1
 * (right to left), 0 (left to right) or -1 (neutral), in a paragraph of
 * direction base: neutrals between two of one direction take it, else the
 * paragraph's (N1-N2); right to left is level 1, left to right level 0,
 * or 2 in a right-to-left paragraph (I1-I2); every run at or above each
 * level is reversed (L2).  lev[] is overwritten with the levels. */
static void visual_order(signed char *lev, int *ord, int n, int base)
{
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
}

/* Shading, strike and link areas of bg and fg over the new places nx[]
 * of the n text items idx[] they covered; one over no word is mirrored
 * in lo..hi when the paragraph is right to left. */
static void move_decorations(struct dl_items *bg, struct dl_items *fg, const int *idx, const fx *nx, int n,
                             int base, fx lo, fx hi)
{
	for (int pass = 0; pass < 2; pass++) {
		struct dl_items *o = pass ? fg : bg;
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
}

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
void bidi_line(struct dl_items *bg, struct dl_items *fg, int base, fx lo, fx hi)
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
		lev[k] = (signed char)bidi_direction(it->str, (size_t)it->len); /* 1, 0 or -1 */
		if (lev[k] == 1) {
			it->flags |= DLF_RTL;
			any_rtl = 1;
		}
		k++;
	}
	if (!any_rtl && !base)
		goto done;
	visual_order(lev, ord, n, base);
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
	move_decorations(bg, fg, idx, nx, n, base, lo, hi);
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

