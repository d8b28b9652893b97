/* style.h: every typographic number of the book in one place.
 *
 * Sizes and spaces are in 1/1000 pt; colours are 0xRRGGBB.  The layout
 * stages read these and nothing else, so changing the look of the book is
 * an edit here. */
#ifndef HANDBOOK_STYLE_H
#define HANDBOOK_STYLE_H

#include <stdint.h>

#include "units.h"

enum paper { PAPER_A4, PAPER_LETTER, PAPER_A5, PAPER_B5, PAPER_CUSTOM, PAPER__MAX };

struct page_geom {
	fx width, height;       /* the sheet, 1/1000 pt */
	fx inner, outer;        /* side margins; inner is the binding side in duplex, else the left */
	fx top, bottom;         /* margins to the text area */
	fx head_gap;            /* running head baseline above the text area */
	fx foot_gap;            /* folio baseline below the text area */
};

/* The page geometry for a paper size. */
struct page_geom style_page(enum paper p);

/* Block styles, indexed by heading level 1..6 (0 unused). */
struct heading_style {
	fx size;        /* font size */
	fx before;      /* space above */
	fx after;       /* space below */
	int bold;       /* 1: bold face */
	uint32_t rgb;   /* colour */
};
extern struct heading_style style_heading[7];

#define STYLE_BODY_SIZE_DEFAULT PT(10)  /* body text */
#define STYLE_BODY_SIZE (style_theme.body_size)
#define STYLE_LEADING_PCT_DEFAULT 145   /* line height, percent of the font size */
#define STYLE_LEADING_PCT (style_theme.leading_pct)
#define STYLE_PARA_GAP PT(6)            /* between paragraphs */
#define STYLE_CODE_SIZE_DEFAULT PT(8.5) /* code blocks and inline code */
#define STYLE_CODE_SIZE (style_theme.code_size)
#define STYLE_CODE_PAD PT(6)            /* inside the code block shading */
#define STYLE_CODE_TAB 4                /* columns per tab stop */
#define STYLE_LIST_INDENT PT(16)        /* indent per list level */
#define STYLE_QUOTE_INDENT PT(14)       /* indent per quote level */
#define STYLE_QUOTE_BAR PT(2.5)         /* width of the quote rule */
#define STYLE_TABLE_SIZE PT(9)          /* table text */
#define STYLE_TABLE_PAD PT(4)           /* cell padding */
#define STYLE_NOTE_SIZE PT(8.5)         /* footnotes */
#define STYLE_HEAD_SIZE PT(8)           /* running heads and folios */
#define STYLE_MAX_INDENT_DEPTH 8        /* nesting past this stops indenting further */

/* The defaults; a theme (config.c) may replace the first five. */
#define STYLE_TEXT_RGB_DEFAULT 0x222222u
#define STYLE_HEADING_RGB_DEFAULT 0x1F3A5Fu
#define STYLE_LINK_RGB_DEFAULT 0x1F5FA8u
#define STYLE_RULE_RGB_DEFAULT 0xC8CDD3u
#define STYLE_TABLE_HEAD_BG_RGB_DEFAULT 0xE8EDF3u
#define STYLE_ACCENT_RGB_DEFAULT 0x1F5FA8u
#define STYLE_MUTED_RGB_DEFAULT 0x6B7280u
#define STYLE_CODE_BG_RGB 0xF3F4F6u
#define STYLE_CODE_RGB 0x1F2937u
#define STYLE_QUOTE_BAR_RGB 0xB8C4D6u

/* What a theme changes, read by the layout through the names below.  One
 * book is laid out at a time; book.c sets this before each (config.c's
 * config_apply_style) and style_theme_reset puts the defaults back. */
struct style_theme {
	uint32_t text, heading, link, accent, rule, table_head_bg, muted; /* 0xRRGGBB */
	fx body_size;    /* body text, 1/1000 pt */
	int leading_pct; /* line height, percent of the font size */
	int heading_pct; /* heading sizes, percent of the built-in ones */
	fx code_size;    /* code blocks and inline code, 1/1000 pt */
};
extern struct style_theme style_theme;
void style_theme_reset(void);
/* Copies the heading colours and scale of the theme into style_heading. */
void style_theme_update_headings(void);

#define STYLE_TEXT_RGB (style_theme.text)
#define STYLE_HEADING_RGB (style_theme.heading)
#define STYLE_LINK_RGB (style_theme.link)
#define STYLE_RULE_RGB (style_theme.rule)
#define STYLE_TABLE_HEAD_BG_RGB (style_theme.table_head_bg)
#define STYLE_ACCENT_RGB (style_theme.accent)
#define STYLE_MUTED_RGB (style_theme.muted)

/* Text colours that read on a dark background bg (a dark cover): set while
 * the cover is laid out, then the theme is put back from a saved copy. */
void style_theme_on_dark(uint32_t bg);
/* 1 when light text reads better than dark on bg. */
int style_is_dark(uint32_t bg);

/* --since change bars: in the outer margin (the right in simplex, the
 * fore-edge in duplex), this far from the text and this wide; a theme
 * may set them.  Removed text is summarised in the note size and muted. */
#define STYLE_BAR_RGB 0xD97706u
#define STYLE_BAR_GAP PT(9)
#define STYLE_BAR_WIDTH PT(2.5)

/* Leading for a font size. */
#define STYLE_LEADING(size) ((fx)((int64_t)(size) * STYLE_LEADING_PCT / 100))

#endif
