/* test_linebreak.c: the optimal-fit breaker on hand-built paragraphs.
 *
 * Paragraphs are written as short strings in "characters" of EM units:
 * a number is a box that many characters wide, a space is a glue, '-' a
 * hyphenation point (flagged penalty with a hyphen one character wide) and
 * '|' a hard line break.  Expected breaks are item indices: in "6 5 2" the
 * boxes are items 0, 2, 4 and the glues 1, 3.  test_linebreak() runs them all. */
#include "test.h"

#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EM 1000                /* one character, 1/1000 pt */
#define SPACE_STRETCH (EM / 2) /* of each interword glue, 1/1000 pt */
#define SPACE_SHRINK (EM / 3)  /* of each interword glue, 1/1000 pt */
#define HYPHEN_PENALTY 50      /* TeX's \hyphenpenalty */
#define MAX_WORDS 64           /* words in one test paragraph written as a string */

/* A paragraph under construction. */
struct para {
	struct item *it; /* items, malloc'd */
	int n, cap;      /* items used, allocated */
};

static void add(struct para *p, enum item_type type, fx width, fx stretch,
                fx shrink, int penalty, int flagged)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->it = realloc(p->it, (size_t)p->cap * sizeof *p->it);
		if (!p->it)
			abort();
	}
	p->it[p->n++] = (struct item){ type, width, stretch, shrink, penalty, flagged, -1 };
}

static void box(struct para *p, fx w) { add(p, IT_BOX, w, 0, 0, 0, 0); }
static void space(struct para *p) { add(p, IT_GLUE, EM, SPACE_STRETCH, SPACE_SHRINK, 0, 0); }
static void hyphen(struct para *p) { add(p, IT_PENALTY, EM, 0, 0, HYPHEN_PENALTY, 1); }
static void forced(struct para *p) { add(p, IT_PENALTY, 0, 0, 0, -PEN_INF, 0); }

/* TeX's paragraph end: no break before the fill glue, then the final break. */
static void finish(struct para *p)
{
	add(p, IT_PENALTY, 0, 0, 0, PEN_INF, 0);
	add(p, IT_GLUE, 0, FX_FIL, 0, 0, 0);
	forced(p);
}

/* Builds a paragraph from the notation in the header comment. */
static struct para text(const char *s)
{
	struct para p = { NULL, 0, 0 };
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			char *end;
			long chars = strtol(s, &end, 10);
			box(&p, (fx)chars * EM);
			s = end;
			continue;
		}
		if (*s == ' ')
			space(&p);
		else if (*s == '-')
			hyphen(&p);
		else if (*s == '|')
			forced(&p);
		s++;
	}
	finish(&p);
	return p;
}

/* Natural width (with the hyphen when the line ends at one), stretch and
 * shrink of a chosen line, as the builder would set it. */
static void measure(const struct para *p, const struct lb_line *ln, long long *nat,
                    long long *str, long long *shr)
{
	*nat = *str = *shr = 0;
	for (int i = ln->start; i < ln->end && i < p->n; i++) {
		const struct item *x = &p->it[i];
		if (x->type != IT_PENALTY)
			*nat += x->width;
		if (x->type == IT_GLUE) {
			*str += x->stretch;
			*shr += x->shrink;
		}
	}
	if (ln->end < p->n && p->it[ln->end].type == IT_PENALTY)
		*nat += p->it[ln->end].width;
}

static int discardable(const struct item *x)
{
	return x->type == IT_GLUE || (x->type == IT_PENALTY && x->penalty > -PEN_INF);
}

/* What every result must satisfy: lines in order, each next line starting
 * at the first box or forced break after the previous break, the last one
 * ending at n, and each break a legal one. */
static void check_shape(const struct para *p, const struct lb_line *ln, int nl)
{
	CHECK(nl >= 1);
	if (nl < 1)
		return;
	CHECK_EQ(ln[0].start, 0);
	CHECK_EQ(ln[nl - 1].end, p->n);
	for (int l = 0; l < nl; l++) {
		CHECK(ln[l].start <= ln[l].end);
		if (l == nl - 1)
			break;
		int b = ln[l].end;
		const struct item *x = &p->it[b];
		CHECK(x->type != IT_BOX);
		if (x->type == IT_GLUE)
			CHECK(b > 0 && p->it[b - 1].type == IT_BOX);
		if (x->type == IT_PENALTY)
			CHECK(x->penalty < PEN_INF);
		int s = b + 1;
		while (s < p->n && discardable(&p->it[s]))
			s++;
		CHECK_EQ(ln[l + 1].start, s);
		CHECK(ln[l + 1].end > b);
	}
}

/* Line k, or a line that matches nothing when there are fewer, so that
 * after a failed line count the checks that follow fail instead of reading
 * past the array. */
static struct lb_line at(const struct lb_line *ln, int nl, int k)
{
	struct lb_line none = { -1, -1, NAN, 0, 0 };
	return k < nl ? ln[k] : none;
}

/* Breaks the paragraph and checks the shape; the caller frees *ln. */
static int run(const struct para *p, const struct lb_params *prm, struct lb_line **ln)
{
	int nl = lb_break(p->it, p->n, prm, ln);
	check_shape(p, *ln, nl);
	return nl;
}

/* First fit at natural width over single-glue words (`words` widths in
 * characters): each line takes words while they fit.  Writes the glue index
 * ending each full line, returns how many. */
static int greedy(const int *words, int nwords, int width_chars, int *ends)
{
	int count = 0, line = words[0]; /* characters on the current line */
	for (int w = 1; w < nwords; w++) {
		if (line + 1 + words[w] > width_chars) {
			ends[count++] = 2 * (w - 1) + 1; /* the glue after word w - 1 */
			line = words[w];
		} else {
			line += 1 + words[w];
		}
	}
	return count;
}

/* Ratio the builder would use for items [start, end) at the given width. */
static double ratio_of(const struct para *p, int start, int end, fx width)
{
	struct lb_line ln = { start, end, 0, 0, 0 };
	long long nat, str, shr;
	measure(p, &ln, &nat, &str, &shr);
	if (nat < width)
		return str ? (double)(width - nat) / (double)str : INFINITY;
	return shr ? -(double)(nat - width) / (double)shr : (nat == width ? 0 : -INFINITY);
}

static void defaults_are_texs(void)
{
	struct lb_params p = lb_defaults(PT(300));
	CHECK_EQ(p.width, PT(300));
	CHECK(p.tolerance == 2.0);
	CHECK_EQ(p.line_penalty, 10);
	CHECK_EQ(p.flagged_demerits, 3000);
	CHECK_EQ(p.fitness_demerits, 3000);
	CHECK_EQ(p.ragged, 0);
}

/* Width 20.  First fit takes "6 5 2 2" (18, ratio 1.33) and then "2 7 7"
 * (18, ratio 2.0): two very loose lines.  The optimum shrinks the first line
 * a little, "6 5 2 2 2" (21 at ratio -0.75), so that "7 7 4" fills the
 * second exactly: far fewer demerits over the paragraph. */
static void optimal_beats_greedy(void)
{
	static const int words[] = { 6, 5, 2, 2, 2, 7, 7, 4, 2 };
	int nwords = (int)(sizeof words / sizeof words[0]);
	struct para p = text("6 5 2 2 2 7 7 4 2");
	struct lb_params prm = lb_defaults(20 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);

	CHECK_EQ(nl, 3);
	CHECK_EQ(at(ln, nl, 0).end, 9);
	CHECK_EQ(at(ln, nl, 1).start, 10);
	CHECK_EQ(at(ln, nl, 1).end, 15);
	CHECK(fabs(at(ln, nl, 0).ratio - (-1000.0 / 1332.0)) < 1e-9);
	CHECK(at(ln, nl, 1).ratio == 0.0);

	int ends[MAX_WORDS];
	int ng = greedy(words, nwords, 20, ends);
	CHECK_EQ(ng, 2);
	CHECK_EQ(ends[0], 7);
	CHECK_EQ(ends[1], 13);
	CHECK(ends[0] != at(ln, nl, 0).end);
	/* the greedy lines are both loose; the optimal ones are not */
	CHECK(ratio_of(&p, 0, ends[0], prm.width) > 1.3);
	CHECK(ratio_of(&p, ends[0] + 1, ends[1], prm.width) > 1.9);
	for (int l = 0; l < nl - 1; l++)
		CHECK(fabs(ln[l].ratio) < 1.0);
	free(ln);
	free(p.it);
}

/* A pseudo-random paragraph of words with hyphenation points. */
static struct para random_text(unsigned seed, int nwords, fx char_width)
{
	struct para p = { NULL, 0, 0 };
	for (int w = 0; w < nwords; w++) {
		seed = seed * 1103515245u + 12345u;
		int chars = 2 + (int)((seed >> 16) % 10);
		if (w)
			add(&p, IT_GLUE, char_width, char_width / 2, char_width / 3, 0, 0);
		if (chars >= 7) {
			box(&p, (fx)(chars / 2) * char_width);
			add(&p, IT_PENALTY, char_width, 0, 0, HYPHEN_PENALTY, 1);
			box(&p, (fx)(chars - chars / 2) * char_width);
		} else {
			box(&p, (fx)chars * char_width);
		}
	}
	finish(&p);
	return p;
}

static void justified_lines_fit(void)
{
	struct para p = random_text(7, 400, 5 * EM);
	struct lb_params prm = lb_defaults(PT(300));
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK(nl > 10);
	for (int l = 0; l < nl; l++) {
		long long nat, str, shr;
		measure(&p, &ln[l], &nat, &str, &shr);
		CHECK(nat - shr <= prm.width);
		CHECK(!ln[l].overfull);
		CHECK(ln[l].ratio >= -1.0 && ln[l].ratio <= prm.tolerance);
		/* the ratio is what sets the line to the measure */
		if (l < nl - 1) {
			double set = (double)nat + ln[l].ratio * (double)(ln[l].ratio > 0 ? str : shr);
			CHECK(fabs(set - prm.width) < 1.0);
		}
		CHECK_EQ(ln[l].hyphenated, p.it[ln[l].end < p.n ? ln[l].end : p.n - 1].flagged);
	}
	free(ln);
	free(p.it);
}

/* A hard break in the middle ends the line there even though the line is
 * short and could take the next words; that line keeps natural spacing. */
static void forced_break_is_taken(void)
{
	struct para p = text("3 4|5 2 6 3 4 2 5 6 3");
	struct lb_params prm = lb_defaults(20 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK(nl >= 2);
	CHECK_EQ(at(ln, nl, 0).end, 3);
	CHECK(at(ln, nl, 0).ratio == 0.0);
	CHECK_EQ(at(ln, nl, 1).start, 4);
	free(ln);
	free(p.it);

	/* two hard breaks in a row make an empty line between them */
	p = text("3 4||5 2");
	nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	CHECK_EQ(at(ln, nl, 0).end, 3);
	CHECK_EQ(at(ln, nl, 1).start, 4);
	CHECK_EQ(at(ln, nl, 1).end, 4);
	free(ln);
	free(p.it);
}

/* A box wider than the line cannot fit anywhere: its line is marked
 * overfull, the others are not, and the breaker still reaches the end. */
static void overfull_box_is_marked(void)
{
	struct para p = text("3 4 5 2 6 40 3 4 2 5 6 3");
	struct lb_params prm = lb_defaults(20 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	int over = 0;
	for (int l = 0; l < nl; l++) {
		long long nat, str, shr;
		measure(&p, &ln[l], &nat, &str, &shr);
		CHECK_EQ(ln[l].overfull, nat - shr > prm.width);
		if (ln[l].overfull) {
			over++;
			CHECK(ln[l].start <= 10 && ln[l].end > 10); /* the 40 is item 10 */
			CHECK(ln[l].ratio == -1.0);
		}
	}
	CHECK_EQ(over, 1);
	free(ln);
	free(p.it);

	/* a line narrower than any box: every line overfull, still terminates */
	p = text("3 4 5");
	prm = lb_defaults(EM);
	nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	for (int l = 0; l < nl; l++)
		CHECK(ln[l].overfull);
	free(ln);
	free(p.it);
}

/* Width 30.  With flagged_demerits 0 the cheapest breaks end the first two
 * lines with hyphens (ratio 0.5 each); at the default 3000 the breaker
 * takes a tighter first line and no hyphens at all. */
static void consecutive_hyphens_avoided(void)
{
	struct para p = text("3 6 5 2-3 5-3 2-4 3 3-6 3-5 7-5 6-5 5 5-3");
	struct lb_params prm = lb_defaults(30 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 4);
	for (int l = 0; l < nl; l++)
		CHECK(!ln[l].hyphenated);
	CHECK_EQ(at(ln, nl, 0).end, 13);
	free(ln);

	prm.flagged_demerits = 0;
	nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 4);
	CHECK(at(ln, nl, 0).hyphenated && at(ln, nl, 1).hyphenated);
	CHECK_EQ(at(ln, nl, 0).end, 11);
	CHECK_EQ(at(ln, nl, 1).end, 25);
	free(ln);
	free(p.it);
}

/* Width 30.  The first line is very loose (ratio 1.0) whatever happens.
 * Without fitness demerits the second line would be the cheapest on its
 * own, slightly shrunk (ratio -0.43, decent); with them the breaker keeps
 * it loose (ratio 0.67) so that neighbours differ by one class at most. */
static void fitness_classes_kept_adjacent(void)
{
	struct para p = text("6 6 3 5 4 3 5 3 2 2 4 3 2 5 3");
	struct lb_params prm = lb_defaults(30 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	CHECK_EQ(at(ln, nl, 0).end, 9);
	CHECK(fabs(at(ln, nl, 0).ratio - 1.0) < 1e-9);
	CHECK_EQ(at(ln, nl, 1).end, 23);
	CHECK(at(ln, nl, 1).ratio > 0.5);
	free(ln);

	prm.fitness_demerits = 0;
	nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	CHECK_EQ(at(ln, nl, 0).end, 9);
	CHECK_EQ(at(ln, nl, 1).end, 25);
	CHECK(at(ln, nl, 1).ratio < 0);
	free(ln);
	free(p.it);
}

/* Width 30.  The same text breaks its last-but-one line at a penalty of 50
 * when that penalty shows no hyphen, but avoids it when it does: the final
 * hyphen demerits outweigh a tighter line. */
static void final_hyphen_discouraged(void)
{
	struct para p = text("3-5 6 2-4 6 4 5 4 4-4 3-3 5 2-4 5");
	struct lb_params prm = lb_defaults(30 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	CHECK(!at(ln, nl, 1).hyphenated);
	CHECK_EQ(at(ln, nl, 1).end, 25);
	free(ln);

	CHECK(p.it[23].type == IT_PENALTY && p.it[23].flagged);
	for (int i = 0; i < p.n; i++)
		p.it[i].flagged = 0;
	nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 3);
	CHECK_EQ(at(ln, nl, 1).end, 23);
	free(ln);
	free(p.it);
}

/* The hyphen's width belongs to the line it ends: "5 4-" is 11 wide and
 * does not fit 10 even shrunk, though "5 4" alone would. */
static void hyphen_width_counts(void)
{
	struct para p = text("5 4-6 3");
	struct lb_params prm = lb_defaults(10 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	for (int l = 0; l < nl; l++) {
		CHECK(ln[l].end != 3);
		CHECK(!ln[l].overfull);
	}
	free(ln);
	free(p.it);
}

/* TeX's legal breaks: glue after a penalty or after glue is not a break, and
 * a penalty of PEN_INF never breaks, even when every line is then overfull. */
static void illegal_breaks_never_taken(void)
{
	struct para p = { NULL, 0, 0 };
	box(&p, 8 * EM);
	add(&p, IT_PENALTY, 0, 0, 0, PEN_INF, 0); /* item 1: a tie */
	space(&p);                                /* item 2: follows a penalty */
	box(&p, 8 * EM);
	space(&p); /* item 4: a legal break */
	space(&p); /* item 5: follows glue */
	box(&p, 8 * EM);
	finish(&p);
	struct lb_params prm = lb_defaults(10 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 2);
	CHECK_EQ(at(ln, nl, 0).end, 4);
	CHECK(at(ln, nl, 0).overfull);
	CHECK_EQ(at(ln, nl, 1).start, 6);
	free(ln);
	free(p.it);
}

/* An empty paragraph (only the fill glue and the final break) is one line. */
static void empty_paragraph(void)
{
	struct para p = { NULL, 0, 0 };
	add(&p, IT_GLUE, 0, FX_FIL, 0, 0, 0);
	forced(&p);
	struct lb_params prm = lb_defaults(PT(300));
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 1);
	CHECK_EQ(at(ln, nl, 0).start, 0);
	CHECK_EQ(at(ln, nl, 0).end, 2);
	CHECK(!at(ln, nl, 0).overfull && !at(ln, nl, 0).hyphenated);
	free(ln);
	free(p.it);

	nl = lb_break(NULL, 0, &prm, &ln);
	CHECK_EQ(nl, 1);
	CHECK_EQ(at(ln, nl, 0).end, 0);
	free(ln);
}

/* Ragged right, width 20.  First fit leaves 0, 1 and 8 characters empty;
 * the breaker evens that to 3, 3, 3.  Spacing is never changed, so no line
 * is longer than the measure even where shrinking would have let it fit. */
static void ragged_balances_lines(void)
{
	static const int words[] = { 2, 9, 4, 2, 3, 10, 4, 9, 2, 8 };
	struct para p = text("2 9 4 2 3 10 4 9 2 8");
	struct lb_params prm = lb_defaults(20 * EM);
	prm.ragged = 1;
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK_EQ(nl, 4);
	CHECK_EQ(at(ln, nl, 0).end, 5);
	CHECK_EQ(at(ln, nl, 1).end, 11);
	CHECK_EQ(at(ln, nl, 2).end, 17);
	int ends[MAX_WORDS];
	CHECK_EQ(greedy(words, (int)(sizeof words / sizeof words[0]), 20, ends), 3);
	CHECK_EQ(ends[0], 7);
	for (int l = 0; l < nl; l++) {
		long long nat, str, shr;
		measure(&p, &ln[l], &nat, &str, &shr);
		CHECK(ln[l].ratio == 0.0);
		if (l < nl - 1)
			CHECK_EQ(nat, 17 * EM);
	}
	free(ln);
	free(p.it);

	p = random_text(3, 500, 5 * EM);
	prm = lb_defaults(PT(250));
	prm.ragged = 1;
	nl = run(&p, &prm, &ln);
	for (int l = 0; l < nl; l++) {
		long long nat, str, shr;
		measure(&p, &ln[l], &nat, &str, &shr);
		CHECK(ln[l].ratio == 0.0);
		CHECK(nat <= prm.width);
		if (l < nl - 1) /* within tolerance: at most a third of the line empty */
			CHECK(prm.width - nat <= prm.width / 3);
	}
	free(ln);
	free(p.it);
}

/* Width 20: "8 9" has one glue and must stretch it four times over, past
 * the first pass's tolerance; "8 9 8" is too long.  The second pass sets
 * the loose line rather than anything overfull. */
static void loose_pass_before_overfull(void)
{
	struct para p = text("8 9 8 9");
	struct lb_params prm = lb_defaults(20 * EM);
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	int loose = 0;
	for (int l = 0; l < nl; l++) {
		CHECK(!ln[l].overfull);
		loose |= ln[l].ratio > prm.tolerance;
	}
	CHECK(loose);
	CHECK_EQ(nl, 2);
	CHECK(fabs(at(ln, nl, 0).ratio - 4.0) < 1e-9);
	free(ln);
	free(p.it);
}

/* 200,000 words (about 1.3 MB of text): completes, every line in order and
 * none overfull.  Time is not asserted; the breaker is linear. */
static void huge_paragraph_completes(void)
{
	struct para p = random_text(42, 200000, 5 * EM);
	struct lb_params prm = lb_defaults(PT(400));
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK(nl > 1000);
	int ordered = 1, over = 0;
	for (int l = 1; l < nl; l++)
		ordered &= ln[l].end > ln[l - 1].end && ln[l].start > ln[l - 1].end;
	for (int l = 0; l < nl; l++)
		over += ln[l].overfull;
	CHECK(ordered);
	CHECK_EQ(over, 0);
	free(ln);
	free(p.it);
}

/* Degenerate input where no line is ever too long (zero-width boxes, glue
 * with a little stretch, so any line of 150 or more glues is feasible) must
 * not make the active list, and with it the time, grow without bound. */
static void zero_width_items_terminate(void)
{
	struct para p = { NULL, 0, 0 };
	for (int i = 0; i < 20000; i++) {
		box(&p, 0);
		add(&p, IT_GLUE, 0, EM, 0, 0, 0);
	}
	finish(&p);
	struct lb_params prm = lb_defaults(PT(300));
	struct lb_line *ln;
	int nl = run(&p, &prm, &ln);
	CHECK(nl > 1);
	for (int l = 0; l < nl; l++)
		CHECK(!ln[l].overfull && ln[l].ratio <= prm.tolerance);
	free(ln);
	free(p.it);
}

void test_linebreak(void)
{
	RUN(defaults_are_texs);
	RUN(optimal_beats_greedy);
	RUN(justified_lines_fit);
	RUN(forced_break_is_taken);
	RUN(overfull_box_is_marked);
	RUN(consecutive_hyphens_avoided);
	RUN(fitness_classes_kept_adjacent);
	RUN(final_hyphen_discouraged);
	RUN(hyphen_width_counts);
	RUN(illegal_breaks_never_taken);
	RUN(empty_paragraph);
	RUN(ragged_balances_lines);
	RUN(loose_pass_before_overfull);
	RUN(huge_paragraph_completes);
	RUN(zero_width_items_terminate);
}
