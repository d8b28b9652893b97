/* style.c: page geometry and heading styles. */
#include "style.h"

struct heading_style style_heading[7] = {
	{ 0, 0, 0, 0, 0 },
	{ PT(22), PT(0), PT(12), 1, STYLE_HEADING_RGB_DEFAULT },
	{ PT(15), PT(18), PT(6), 1, STYLE_HEADING_RGB_DEFAULT },
	{ PT(12.5), PT(14), PT(4), 1, STYLE_HEADING_RGB_DEFAULT },
	{ PT(11), PT(12), PT(3), 1, STYLE_TEXT_RGB_DEFAULT },
	{ PT(10), PT(10), PT(2), 1, STYLE_TEXT_RGB_DEFAULT },
	{ PT(10), PT(10), PT(2), 0, STYLE_MUTED_RGB_DEFAULT },
};

static const struct style_theme theme_default = {
	STYLE_TEXT_RGB_DEFAULT, STYLE_HEADING_RGB_DEFAULT, STYLE_LINK_RGB_DEFAULT, STYLE_ACCENT_RGB_DEFAULT,
	STYLE_RULE_RGB_DEFAULT, STYLE_TABLE_HEAD_BG_RGB_DEFAULT, STYLE_MUTED_RGB_DEFAULT, STYLE_BODY_SIZE_DEFAULT,
	STYLE_LEADING_PCT_DEFAULT, 100, STYLE_CODE_SIZE_DEFAULT
};

struct style_theme style_theme = {
	STYLE_TEXT_RGB_DEFAULT, STYLE_HEADING_RGB_DEFAULT, STYLE_LINK_RGB_DEFAULT, STYLE_ACCENT_RGB_DEFAULT,
	STYLE_RULE_RGB_DEFAULT, STYLE_TABLE_HEAD_BG_RGB_DEFAULT, STYLE_MUTED_RGB_DEFAULT, STYLE_BODY_SIZE_DEFAULT,
	STYLE_LEADING_PCT_DEFAULT, 100, STYLE_CODE_SIZE_DEFAULT
};

/* The built-in heading sizes, which a theme's heading_pct scales. */
static const fx heading_size[7] = { 0, PT(22), PT(15), PT(12.5), PT(11), PT(10), PT(10) };

void style_theme_update_headings(void)
{
	for (int i = 1; i <= 6; i++)
		style_heading[i].size = (fx)((int64_t)heading_size[i] * style_theme.heading_pct / 100);
	for (int i = 1; i <= 3; i++)
		style_heading[i].rgb = style_theme.heading;
	for (int i = 4; i <= 5; i++)
		style_heading[i].rgb = style_theme.text;
}

void style_theme_reset(void)
{
	style_theme = theme_default;
	style_theme_update_headings();
}

struct page_geom style_page(enum paper p)
{
	struct page_geom g;
	if (p == PAPER_LETTER) {
		g.width = PT(612);
		g.height = PT(792);
	} else if (p == PAPER_A5) {
		g.width = MM(148);
		g.height = MM(210);
	} else if (p == PAPER_B5) {
		g.width = MM(176);
		g.height = MM(250);
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
	if (p == PAPER_A5) { /* A4's margins would leave A5 a 103 mm measure */
		g.inner = MM(18);
		g.outer = MM(14);
		g.top = MM(18);
		g.bottom = MM(20);
		g.head_gap = MM(8);
		g.foot_gap = MM(10);
	}
	return g;
}

int style_is_dark(uint32_t bg)
{
	/* relative luminance, Rec. 709 weights, in 0..255000 */
	long y = 2126L * (bg >> 16 & 255) + 7152L * (bg >> 8 & 255) + 722L * (bg & 255);
	return y < 128L * 10000;
}

/* A channel mixed toward white: t thousandths of the way. */
static uint32_t tint(uint32_t rgb, int t)
{
	uint32_t out = 0;
	for (int sh = 16; sh >= 0; sh -= 8) {
		uint32_t c = rgb >> sh & 255;
		out |= (c + (255 - c) * (uint32_t)t / 1000) << sh;
	}
	return out;
}

void style_theme_on_dark(uint32_t bg)
{
	style_theme.text = 0xFFFFFFu;
	style_theme.heading = 0xFFFFFFu;
	style_theme.link = 0xFFFFFFu;
	style_theme.muted = tint(bg, 700);
	style_theme.rule = tint(bg, 400);
	style_theme_update_headings();
}
