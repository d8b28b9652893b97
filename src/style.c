/* style.c: page geometry and heading styles. */
#include "style.h"

const struct heading_style style_heading[7] = {
	{ 0, 0, 0, 0, 0 },
	{ PT(22), PT(0), PT(12), 1, STYLE_HEADING_RGB },
	{ PT(15), PT(18), PT(6), 1, STYLE_HEADING_RGB },
	{ PT(12.5), PT(14), PT(4), 1, STYLE_HEADING_RGB },
	{ PT(11), PT(12), PT(3), 1, STYLE_TEXT_RGB },
	{ PT(10), PT(10), PT(2), 1, STYLE_TEXT_RGB },
	{ PT(10), PT(10), PT(2), 0, STYLE_MUTED_RGB },
};

struct page_geom style_page(enum paper p)
{
	struct page_geom g;
	if (p == PAPER_LETTER) {
		g.width = PT(612);
		g.height = PT(792);
	} else {
		g.width = MM(210);
		g.height = MM(297);
	}
	g.inner = MM(25);
	g.outer = MM(20);
	g.top = MM(25);
	g.bottom = MM(25);
	g.head_gap = MM(10);
	g.foot_gap = MM(12);
	return g;
}
