/* linebreak.h: optimal-fit paragraph breaking (Knuth and Plass, 1981).
 *
 * lb_break chooses the breakpoints of a paragraph that minimise total
 * demerits over the whole paragraph, not line by line as a greedy breaker
 * does.  The item array must end with a forced break (penalty -PEN_INF),
 * normally preceded by fill glue (stretch FX_FIL) so the last line is ragged. */
#ifndef HANDBOOK_LINEBREAK_H
#define HANDBOOK_LINEBREAK_H

#include "box.h"

struct lb_params {
	fx width;              /* line width, 1/1000 pt; the same for every line */
	double tolerance;      /* largest adjustment ratio of the first pass (TeX's tolerance/100), e.g. 2.0 */
	int line_penalty;      /* added to every line's badness before squaring (TeX \linepenalty), e.g. 10 */
	int flagged_demerits;  /* two hyphenated lines in a row (TeX \doublehyphendemerits), e.g. 3000 */
	int fitness_demerits;  /* adjacent lines whose tightness classes differ by more than one, e.g. 3000 */
	int ragged;            /* 1: lines are set at natural width (ragged right); only slack at the line end counts */
};

/* One chosen line: items [start, end) are on it; end is the index of the
 * break item (glue or penalty), or n for the final forced break. Discardable
 * items (glue, penalties) after a break are skipped: the next line's start
 * is the first box after it (or the next forced penalty). */
struct lb_line {
	int start;       /* first item on the line */
	int end;         /* the break item; not drawn unless it is a flagged penalty */
	double ratio;    /* adjustment ratio: >0 stretched, <0 shrunk, 0 natural; ragged lines report 0 */
	int hyphenated;  /* 1 when the line ends at a flagged penalty */
	int overfull;    /* 1 when no break made the line fit: its natural width minus shrink exceeds width */
};

/* Breaks `n` items.  On return *lines is a malloc'd array of *nlines lines,
 * owned by the caller (free()).  Never fails: when no set of breaks meets the
 * tolerance it retries with a looser one, and as a last resort accepts
 * overfull lines, marking them.  Returns the number of lines. */
int lb_break(const struct item *items, int n, const struct lb_params *p,
             struct lb_line **lines);

/* The default parameters for justified text of the given width. */
struct lb_params lb_defaults(fx width);

#endif
