/* test_textloss.c: nothing a paragraph holds is lost in layout, however
 * long its words (issue 20), and an overlong word costs items per line,
 * not per letter (issue 12). */
#include "test.h"

#include "font.h"
#include "paragraph.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

static struct fonts *fonts;
static struct diags diags;

/* Sets text at 10 pt into lines of width; checks every line stays inside
 * [0, width] and that the lines' text, joined, is the text itself.
 * Returns the number of lines; *items gets the paragraph's items. */
static int set_and_check(const char *text, size_t n, fx width, int *items)
{
	struct arena *a = arena_new();
	struct lctx L = { .fonts = fonts, .arena = a, .d = &diags };
	struct para p;
	para_init(&p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, 0, 0, NULL };
	para_text(&L, &p, text, n, &st, 3);
	struct pline *ln;
	int nl = para_set(&L, &p, width, AL_JUSTIFY, &ln);
	*items = p.n;
	struct buf out;
	buf_init(&out);
	int inside = 1;
	for (int i = 0; i < nl; i++)
		for (int k = 0; k < ln[i].n; k++) {
			const struct dl_item *t = &ln[i].items[k];
			if (t->kind != DL_TEXT)
				continue;
			inside &= t->x >= 0 && t->x + t->w <= width;
			if (out.len && (k == 0 || t->x > 0))
				buf_addc(&out, ' ');
			buf_add(&out, t->str, (size_t)t->len);
		}
	CHECK(inside);
	CHECK_EQ(L.stats.overfull, 0);
	/* the text again, without the line breaks inside the long word */
	size_t j = 0, i = 0;
	int same = 1;
	while (i < n && j < out.len && same) {
		if (out.data[j] == ' ' && text[i] != ' ') {
			j++;
			continue;
		}
		same = out.data[j++] == text[i++];
	}
	CHECK(same && i == n && j == out.len);
	buf_done(&out);
	para_done(&p);
	arena_free(a);
	return nl;
}

/* A word whose width passes 2^31 fx (382,796 "a"s at 10 pt, 5,610 fx
 * each) wrapped to a negative width and vanished off the page with the
 * words after it; up to 765,674 "a"s the wrapped width stayed below the
 * line's, so the word was not split and ran off the page.  382,795 and
 * 765,675 came out. */
static void huge_words_keep_every_letter(void)
{
	static const size_t sizes[] = { 382795, 382796, 600000, 765674, 765675, 1000000 };
	for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++) {
		size_t n = sizes[s];
		char *t = xmalloc(n + 32);
		memcpy(t, "Before ", 7);
		memset(t + 7, 'a', n);
		memcpy(t + 7 + n, " ENDMARK", 9);
		int items;
		int nl = set_and_check(t, n + 15, PT(450), &items);
		CHECK(nl > (int)(n / 81));
		/* chunks a line wide: a few items a line, never one per letter */
		CHECK(items < 3 * nl + 16);
		free(t);
	}
}

/* Chunks fill their lines: every line of the word but the last is within
 * one letter of the measure. */
static void word_chunks_fill_lines(void)
{
	char w[2001];
	memset(w, 'm', 2000);
	w[2000] = 0;
	int items;
	int nl = set_and_check(w, 2000, PT(200), &items);
	fx mw = font_width(fonts, FACE_REGULAR, STYLE_BODY_SIZE, "m", 1);
	CHECK_EQ(nl, (2000 + (int)(PT(200) / mw) - 1) / (int)(PT(200) / mw));
	/* a mixed run (a face change inside the word) is cut across its parts */
	char mixed[3000];
	size_t m = 0;
	for (int i = 0; i < 300; i++) {
		memcpy(mixed + m, "ab\xE2\x86\x92", 5); /* U+2192 comes from the fallback face */
		m += 5;
	}
	set_and_check(mixed, m, PT(100), &items);
}

/* A table column's widths come from these: a huge word no longer wraps
 * them negative. */
static void huge_word_measures_stay_positive(void)
{
	size_t n = 500000;
	char *t = xmalloc(n);
	memset(t, 'a', n);
	struct arena *a = arena_new();
	struct lctx L = { .fonts = fonts, .arena = a, .d = &diags };
	struct para p;
	para_init(&p, STYLE_BODY_SIZE);
	struct span_style st = { FACE_REGULAR, STYLE_BODY_SIZE, 0, 0, NULL };
	para_text(&L, &p, t, n, &st, 1);
	CHECK(para_min_width(&p) > PT(10000));
	CHECK(para_max_width(&p) > PT(10000));
	para_done(&p);
	arena_free(a);
	free(t);
}

void test_textloss(void)
{
	diags_init(&diags);
	fonts = fonts_new("fonts", &diags);
	if (!fonts) {
		fprintf(stderr, "test_textloss: run from the repository root (fonts/ missing)\n");
		tests_failed++;
		return;
	}
	RUN(huge_words_keep_every_letter);
	RUN(word_chunks_fill_lines);
	RUN(huge_word_measures_stay_positive);
	fonts_free(fonts);
	diags_done(&diags);
}
