/* diagtext.h: the diagram's box text, shared by diagram.c (geometry and
 * drawing) and diagtext.c (setting, fitting and scaling text in boxes).
 * Private to those two files; diagram.h is the interface. */
#ifndef HANDBOOK_DIAGTEXT_H
#define HANDBOOK_DIAGTEXT_H

#include "diagram.h"
#include "paragraph.h"

#include <stdint.h>

#define DG_CODE_SIZE PT(10)       /* level code in a box */
#define DG_TITLE_SIZE PT(8.5)     /* role title in a box */
#define DG_PAGE_SIZE PT(7.5)      /* "p. 7" in a box */
#define DG_LEGEND_SIZE PT(9)      /* the legend under the title */
#define DG_PHASE_SIZE PT(8.5)     /* phase band labels */
#define DG_TRACK_SIZE PT(7.5)     /* track names above each track */
#define DG_PAD PT(5)              /* inside a box */
#define DG_EDGE PT(6)             /* bands beyond the outer columns */
#define DG_GAP_X PT(26)           /* between columns: room for an arrow */
#define DG_GAP_X_MIN PT(12)       /* narrowest column gap an arrow head fits */
#define DG_COL_MIN PT(62)         /* below this the gaps give way to the columns */
#define DG_COL_MAX PT(150)        /* wider boxes only spread the text */
#define DG_GAP_Y PT(26)           /* between tracks: room for a branch */
#define DG_GAP_Y_MIN PT(10)
#define DG_GAP_Y_MAX PT(56)       /* spare height beyond this centres the diagram */
#define DG_BOX_MIN PT(34)         /* shortest box, so short titles keep the grid even */
#define DG_BOX_FLOOR PT(14)       /* below this the rows squeeze their gaps and captions too */
#define DG_TITLE_LINES 5          /* boxes grow for titles up to this many lines; longer ones shrink */
#define DG_SCALE_STEP 25          /* text scale tried in steps of 2.5% */
#define DG_SCALE_MIN 250          /* box text never set below a quarter of its size */
#define DG_SCALE_UNIFORM 800      /* boxes needing less than this shrink alone, not all together */
#define DG_READ_SIZE PT(7)        /* smallest box text read in print without strain */
/* Next steps of a role an excerpt keeps the pages of (framework_next_steps). */
#define DG_EXCERPT_STEPS 8
#define DG_SCALE_READ 825         /* DG_TITLE_SIZE at this scale is DG_READ_SIZE (8.5 pt x 0.825):
                                   * below it the diagram turns landscape, then spreads over pages */
#define DG_LINE_W PT(1)           /* arrows */
#define DG_BOX_LINE_W PT(0.8)     /* box outlines */
#define DG_HEAD_LEN PT(5)         /* arrow head, along the shaft */
#define DG_HEAD_HALF PT(2.8)      /* arrow head, half its spread */
#define DG_DASH PT(3)             /* branch dashes */
#define DG_DASH_GAP PT(2)

#define DG_MARK_SIZE PT(7.5)      /* "This role", "Next step" under a box */
#define DG_NEXT_MAX 64            /* next steps marked from one box; a framework with more
                                   * branches from one role leaves the rest unmarked */
#define DG_HIGHLIGHT_W PT(2.4)    /* the edition's role: outline */
#define DG_NEXT_W PT(1.6)         /* its next steps: outline */
#define DG_HIGHLIGHT_RGB 0xD6E4F5u /* the edition's role: fill, the accent tinted */

#define DG_OUTLINE_RGB 0x374151u  /* box outlines: dark in any print */
#define DG_ARROW_RGB 0x4B5563u
#define DG_PHASE_TEXT_RGB 0x374151u

/* What one role box says. */
struct boxtext {
	const char *code;   /* "L3" or NULL */
	const char *title;  /* role title */
	const char *page;   /* "p. 7" or NULL */
	const struct fw_role *role; /* whose box, for messages */
	int idx;            /* the role's index in the framework, for the memo */
};

/* Sets s in one style at `width`, its lines counted in st (para.stats;
 * NULL: the book's) and messages naming file.  Returns the number of
 * lines, or -1 when a word is wider than the width (unless force, which
 * breaks it). */
int dt_set_text(struct lctx *L, const char *file, struct lstats *st, const char *s, int face, fx size,
                uint32_t rgb, fx width, enum align al, int force, struct pline **ln);

/* Sets s into the rectangle (x, y, w, h), top-aligned, at the largest scale
 * down to min_scale (per mille) at which it fits, its lines counted in st
 * (NULL: the book's; trials count apart); with clip, what fits at
 * min_scale.  Returns the height used, or -1 when nothing fits. */
fx dt_fit_text(struct lctx *L, struct lstats *st, const char *s, int face, fx size, uint32_t rgb,
               enum align al, fx x, fx y, fx w, fx h, int min_scale, int clip, struct dl_items *out);

/* A box's text, measured (out NULL) or drawn at (x, y) (diagtext.c says more). */
int dt_box_text(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, fx x, fx y, int force,
                int keep, struct dl_items *out, fx *need);

/* The text scale of each of the n boxes (per mille), warning with warn. */
void dt_box_scales(struct lctx *L, struct boxtext *bt, int n, fx iw, fx ih, int warn, int *sc);

#endif
