/* test_linebreak.c: the optimal-fit breaker on hand-built paragraphs. */
#include "test.h"

#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

static int n;
static struct item it[600000];

static void box(fx w)
{
	it[n++] = (struct item){ IT_BOX, w, 0, 0, 0, 0, -1 };
}

static void glue(fx w, fx st, fx sh)
{
	it[n++] = (struct item){ IT_GLUE, w, st, sh, 0, 0, -1 };
}

static void penalty(int p, int flagged, fx w)
{
	it[n++] = (struct item){ IT_PENALTY, w, 0, 0, p, flagged, -1 };
}

static void finish(void)
{
	penalty(PEN_INF, 0, 0);
	glue(0, FX_FIL, 0);
	penalty(-PEN_INF, 0, 0);
}

/* "aaa bb cc ddddd" in a measure of six characters: a greedy breaker fills
 * the first line ("aaa bb") and leaves "cc" alone; the optimum balances
 * the lines ("aaa" / "bb cc"), as in Knuth and Plass's own example. */
static void optimal_differs_from_greedy(void)
{
	n = 0;
	box(30);
	glue(10, 10, 0);
	box(20);
	glue(10, 10, 0);
	box(20);
	glue(10, 10, 0);
	box(50);
	finish();
	struct lb_params p = lb_defaults(60);
	p.ragged = 1;
	struct lb_line *ln;
	int nl = lb_break(it, n, &p, &ln);
	CHECK_EQ(nl, 3);
	CHECK_EQ(ln[0].end, 1);
	CHECK_EQ(ln[1].start, 2);
	CHECK_EQ(ln[1].end, 5);
	CHECK_EQ(ln[2].start, 6);
	/* greedy first fit would end the first line at item 3 */
	fx w = 0;
	int greedy_end = -1;
	for (int i = 0; i < n; i++) {
		if (it[i].type == IT_GLUE && w <= 60)
			greedy_end = i;
		if (w > 60)
			break;
		w += it[i].width;
	}
	CHECK_EQ(greedy_end, 3);
	free(ln);
}

static void justified_lines_fit(void)
{
	n = 0;
	srand(7);
	for (int i = 0; i < 400; i++) {
		if (i)
			glue(3000, 1500, 1000);
		box(8000 + rand() % 30000);
	}
	finish();
	fx width = PT(300);
	struct lb_params p = lb_defaults(width);
	struct lb_line *ln;
	int nl = lb_break(it, n, &p, &ln);
	CHECK(nl > 10);
	for (int l = 0; l < nl; l++) {
		fx nat = 0, shr = 0;
		for (int i = ln[l].start; i < ln[l].end; i++) {
			if (it[i].type != IT_PENALTY)
				nat += it[i].width;
			if (it[i].type == IT_GLUE)
				shr += it[i].shrink;
		}
		CHECK(nat - shr <= width);
		CHECK(!ln[l].overfull);
		if (l < nl - 1)
			CHECK(ln[l].ratio >= -1.0 && ln[l].ratio <= p.tolerance + 1e-9);
		if (l > 0)
			CHECK(ln[l].start > ln[l - 1].end);
	}
	free(ln);
}

static void forced_break_is_taken(void)
{
	n = 0;
	box(1000);
	glue(300, 100, 100);
	box(1000);
	penalty(PEN_INF, 0, 0);
	glue(0, FX_FIL, 0);
	penalty(-PEN_INF, 0, 0); /* a hard line break */
	box(1000);
	finish();
	struct lb_params p = lb_defaults(PT(100));
	struct lb_line *ln;
	int nl = lb_break(it, n, &p, &ln);
	CHECK_EQ(nl, 2);
	CHECK_EQ(ln[0].end, 5);
	free(ln);
}

static void overfull_box_is_marked(void)
{
	n = 0;
	box(1000);
	glue(300, 100, 100);
	box(PT(500)); /* wider than the line */
	glue(300, 100, 100);
	box(1000);
	finish();
	struct lb_params p = lb_defaults(PT(100));
	struct lb_line *ln;
	int nl = lb_break(it, n, &p, &ln);
	CHECK(nl >= 2);
	int over = 0;
	for (int l = 0; l < nl; l++)
		over += ln[l].overfull;
	CHECK_EQ(over, 1);
	CHECK(ln[nl - 1].end >= n - 1); /* the final forced break */
	free(ln);
}

/* Two hyphenated lines in a row cost flagged_demerits: with a hyphen-free
 * alternative of similar quality, the breaker avoids the pair. */
static void consecutive_hyphens_avoided(void)
{
	int hyph_lines_with = 0, hyph_lines_without = 0;
	for (int pass = 0; pass < 2; pass++) {
		n = 0;
		srand(11);
		for (int i = 0; i < 300; i++) {
			if (i)
				glue(3000, 1500, 1000);
			fx w = 10000 + rand() % 20000;
			box(w / 2);
			penalty(50, 1, 3000);
			box(w / 2);
		}
		finish();
		struct lb_params p = lb_defaults(PT(200));
		if (pass == 1)
			p.flagged_demerits = 0;
		struct lb_line *ln;
		int nl = lb_break(it, n, &p, &ln);
		int pairs = 0;
		for (int l = 1; l < nl; l++)
			pairs += ln[l].hyphenated && ln[l - 1].hyphenated;
		if (pass == 0)
			hyph_lines_with = pairs;
		else
			hyph_lines_without = pairs;
		free(ln);
	}
	CHECK(hyph_lines_with < hyph_lines_without);
}

static void huge_paragraph_completes(void)
{
	n = 0;
	for (int i = 0; i < 200000; i++) {
		if (i)
			glue(3000, 1500, 1000);
		box(5000 + (i * 7919) % 25000);
	}
	finish();
	struct lb_params p = lb_defaults(PT(400));
	struct lb_line *ln;
	int nl = lb_break(it, n, &p, &ln);
	CHECK(nl > 1000);
	int ok = 1;
	for (int l = 1; l < nl; l++)
		ok &= ln[l].end > ln[l - 1].end;
	CHECK(ok);
	free(ln);
}

void test_linebreak(void)
{
	RUN(optimal_differs_from_greedy);
	RUN(justified_lines_fit);
	RUN(forced_break_is_taken);
	RUN(overfull_box_is_marked);
	RUN(consecutive_hyphens_avoided);
	RUN(huge_paragraph_completes);
}
