/* linebreak.c: chooses where the lines of one paragraph end, by Knuth and
 * Plass's optimal fit ("Breaking paragraphs into lines", 1981), as TeX does.
 *
 * It owns the choice of breaks and nothing else: it reads the item array that
 * build.c made and returns, for each line, the items it holds and how much
 * its glue must stretch or shrink.  It never draws or measures text.
 *
 *     struct lb_params p = lb_defaults(PT(400));
 *     struct lb_line *lines;
 *     int nlines = lb_break(items, nitems, &p, &lines);
 *     ... set each line ...
 *     free(lines);
 *
 * How: a break is legal at a penalty below PEN_INF or at glue that follows a
 * box.  Walking the items once, the breaker keeps an "active list" of the
 * breaks that could still start a line; at each legal break it measures the
 * line from every active break with prefix sums of width, stretch and shrink,
 * and remembers, per fitness class, the cheapest way (least total demerits)
 * to reach it.  A break whose line would be too long even at full shrink
 * leaves the list, so the list stays as small as the number of breaks that
 * fit on one line and the whole walk is linear in the paragraph.
 *
 * Passes: the first keeps every line within p->tolerance; if that is
 * impossible a second allows LB_SECOND_TOLERANCE; the last (emergency) pass
 * accepts any line that is not too long and, when every active break would
 * otherwise be lost, one overfull line.  So lb_break always returns lines. */
#include "linebreak.h"
#include "util.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Badness of a line that cannot be set acceptably (TeX's inf_bad). */
#define LB_INF_BAD 10000

/* Demerits of a line whose line_penalty plus badness reaches LB_INF_BAD;
 * squaring larger values would only rank hopeless lines among themselves. */
#define LB_INF_DEMERITS 100000000

/* Badness limits of the fitness classes, as in TeX: a stretched line with
 * badness above 99 is very loose, above 12 loose; a shrunk one above 12 tight. */
#define LB_DECENT_BAD 12
#define LB_LOOSE_BAD 99

/* Added when the last-but-one line ends with a hyphen (TeX's
 * \finalhyphendemerits): a hyphen just before a short last line looks odd. */
#define LB_FINAL_HYPHEN_DEMERITS 5000

/* Tolerance (largest adjustment ratio) of the second pass, used only when no
 * breaks meet the caller's tolerance.  Ratio 10 means glue may grow to ten
 * times its stretch: ugly, but better than an overfull line. */
#define LB_SECOND_TOLERANCE 10.0

/* In ragged mode a line is scored as if it had this fraction of the line
 * width as stretch (width / LB_RAGGED_STRETCH_DIV), so a line that leaves a
 * third of the measure empty has ratio 2. */
#define LB_RAGGED_STRETCH_DIV 6

/* Most breaks kept on the active list.  Ordinary text never comes near it:
 * a 400 pt line of 10 pt text keeps about 30, a 1200 pt one about 130.  It
 * bounds the work on degenerate input such as thousands of zero-width boxes,
 * where nothing is ever too long, to LB_MAX_ACTIVE steps per legal break.
 * The oldest breaks go first: they could only start the longest lines, and
 * the newer ones keep a path to the end. */
#define LB_MAX_ACTIVE 256

/* Nodes and active breaks kept in lb_break's frame before the heap is
 * needed: a paragraph of a few lines makes fewer, and most paragraphs are
 * that short, so they cost no allocation. */
#define LB_LOCAL 128

enum lb_fitness { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE, FIT__MAX };

/* A feasible break, reached by the cheapest path found to it in one class. */
struct lb_node {
	int pos;       /* index of the break item; -1 for the paragraph start */
	int start;     /* first item of the line after this break */
	int prev;      /* index in the node pool of the previous break, -1 none */
	int fitness;   /* enum lb_fitness of the line ending here */
	int flagged;   /* 1 when the line ending here ends with a hyphen */
	int64_t total; /* demerits of all lines up to this break */
};

/* How one candidate line sets. */
struct lb_measure {
	double r;       /* adjustment ratio; +INFINITY when it must stretch but cannot */
	int badness;    /* 0..LB_INF_BAD */
	int fitness;    /* enum lb_fitness */
	int overfull;   /* 1 when too long even with all its shrink */
	int hopeless;   /* 1 when no later break from the same start can fit either */
};

/* Everything one call of lb_break works on; it lives on lb_break's stack. */
struct lb_ctx {
	const struct item *items;
	int n;                     /* items */
	int fpos;                  /* the final break: n-1 when the last item is a forced penalty, else n */
	const struct lb_params *p;
	int64_t *w;                /* w[i]: natural width of items[0..i) (boxes and glue), 1/1000 pt */
	int64_t *y;                /* y[i]: stretch of the glue in items[0..i), 1/1000 pt */
	int64_t *z;                /* z[i]: shrink of the glue in items[0..i), 1/1000 pt */
	struct lb_node *nodes;     /* every node made in this pass; paths run through prev */
	int nnodes, capnodes;      /* nodes used, allocated */
	int *act;                  /* the active list: pool indices, oldest first */
	int nact, capact;          /* active nodes, allocated */
	struct lb_node local_nodes[LB_LOCAL]; /* nodes until they outgrow it */
	int local_act[LB_LOCAL];   /* act until it outgrows it */
};

/* The best way found, in one pass, to reach the break being tried. */
struct lb_best {
	int64_t total; /* demerits, INT64_MAX when the class was not reached */
	int prev;      /* pool index of the break that starts the line */
};

/* Running out of memory is not a layout condition: it goes to util.c's
 * one handler, as xmalloc does.  The memory is not cleared: every caller
 * sets what it reads. */
static void *lb_alloc(size_t nmemb, size_t size)
{
	return xmalloc((nmemb ? nmemb : 1) * size);
}

/* Doubles the array q of *cap elements; q may be the context's local
 * array, which is copied out, never freed. */
static void *lb_grow(void *q, const void *local, int *cap, size_t size)
{
	int ncap = *cap * 2;
	void *nq = q == local ? xmalloc((size_t)ncap * size) : xrealloc(q, (size_t)ncap * size);
	if (q == local)
		memcpy(nq, q, (size_t)*cap * size);
	*cap = ncap;
	return nq;
}

struct lb_params lb_defaults(fx width)
{
	struct lb_params p;
	p.width = width;
	p.tolerance = 2.0;
	p.line_penalty = 10;
	p.flagged_demerits = 3000;
	p.fitness_demerits = 3000;
	p.ragged = 0;
	return p;
}

static int lb_forced(const struct item *it)
{
	return it->type == IT_PENALTY && it->penalty <= -PEN_INF;
}

/* TeX's rule: glue is a break only right after a box, so a run of spaces or
 * glue after a penalty offers no extra breaks; a penalty breaks unless infinite. */
static int lb_legal(const struct item *items, int i)
{
	const struct item *it = &items[i];
	if (it->type == IT_GLUE)
		return i > 0 && items[i - 1].type == IT_BOX;
	if (it->type == IT_PENALTY)
		return it->penalty < PEN_INF;
	return 0;
}

/* The first item of the line after a break at pos: glue and optional
 * penalties vanish at a line start, so it is the next box or forced break. */
static int lb_line_start(const struct item *items, int n, int pos)
{
	int s = pos + 1;
	while (s < n && (items[s].type == IT_GLUE ||
	                 (items[s].type == IT_PENALTY && !lb_forced(&items[s]))))
		s++;
	return s;
}

/* TeX's badness, 100 r^3, capped; written so that r = inf gives the cap. */
static int lb_badness(double r)
{
	double b = 100.0 * r * r * r;
	if (!(b < LB_INF_BAD))
		return LB_INF_BAD;
	return (int)(b + 0.5);
}

static int lb_stretch_fitness(int badness)
{
	if (badness > LB_LOOSE_BAD)
		return FIT_VERY_LOOSE;
	if (badness > LB_DECENT_BAD)
		return FIT_LOOSE;
	return FIT_DECENT;
}

/* Ragged lines keep natural spacing: only the empty space at the end counts,
 * scored against a notional stretch so short lines cost more. */
static struct lb_measure lb_measure_ragged(const struct lb_ctx *c, int64_t nat,
                                           int64_t nat_nopen, int64_t str, int forced)
{
	struct lb_measure m = { 0.0, 0, FIT_DECENT, 0, 0 };
	int64_t width = c->p->width;
	int64_t notional = width / LB_RAGGED_STRETCH_DIV;
	if (notional < 1)
		notional = 1;
	m.hopeless = nat_nopen > width;
	if (nat > width) {
		m.overfull = 1;
		m.r = -INFINITY;
		m.badness = LB_INF_BAD;
		m.fitness = FIT_TIGHT;
		return m;
	}
	if (forced || str >= FX_FIL)
		return m; /* a last line or hard break may end anywhere */
	m.r = (double)(width - nat) / (double)notional;
	m.badness = lb_badness(m.r);
	m.fitness = lb_stretch_fitness(m.badness);
	return m;
}

/* Sets the line items[start..end) broken at item `end` (end may be n for a
 * paragraph without a final penalty).  A line ending at a forced break never
 * stretches: a hard break leaves the rest of the line empty, as if fill glue
 * stood before it. */
static struct lb_measure lb_measure(const struct lb_ctx *c, int start, int end)
{
	struct lb_measure m = { 0.0, 0, FIT_DECENT, 0, 0 };
	const struct item *b = end < c->n ? &c->items[end] : NULL;
	int forced = !b || lb_forced(b);
	int64_t nat_nopen = c->w[end] - c->w[start];
	int64_t nat = nat_nopen + (b && b->type == IT_PENALTY ? b->width : 0);
	int64_t str = c->y[end] - c->y[start];
	int64_t shr = c->z[end] - c->z[start];
	int64_t width = c->p->width;

	if (c->p->ragged)
		return lb_measure_ragged(c, nat, nat_nopen, str, forced);
	/* The penalty's width (a hyphen) belongs to this break only; a later
	 * break from the same start may still fit, so it does not count here. */
	m.hopeless = nat_nopen - shr > width;
	if (nat < width) {
		if (str >= FX_FIL) {
			/* Fill glue takes the slack; finite glue moves by a negligible
			 * ratio, so glue + r * stretch is right for every glue. */
			m.r = (double)(width - nat) / (double)str;
		} else if (forced) {
			m.r = 0.0;
		} else if (str > 0) {
			m.r = (double)(width - nat) / (double)str;
			m.badness = lb_badness(m.r);
			m.fitness = lb_stretch_fitness(m.badness);
		} else {
			m.r = INFINITY;
			m.badness = LB_INF_BAD;
			m.fitness = FIT_VERY_LOOSE;
		}
	} else if (nat > width) {
		if (nat - width > shr) {
			m.overfull = 1;
			m.r = -INFINITY;
			m.badness = LB_INF_BAD;
			m.fitness = FIT_TIGHT;
		} else {
			m.r = -(double)(nat - width) / (double)shr;
			m.badness = lb_badness(-m.r);
			m.fitness = m.badness > LB_DECENT_BAD ? FIT_TIGHT : FIT_DECENT;
		}
	}
	return m;
}

/* TeX's demerits of one line: (line_penalty + badness)^2, plus the square of
 * a positive penalty, minus that of a negative one (forced breaks cost
 * nothing extra), plus the hyphen and fitness surcharges against the line
 * before. */
static int64_t lb_demerits(const struct lb_ctx *c, const struct lb_measure *m,
                           const struct lb_node *from, int end)
{
	const struct lb_params *p = c->p;
	const struct item *b = end < c->n ? &c->items[end] : NULL;
	int64_t l = (int64_t)p->line_penalty + m->badness;
	int64_t d = (l >= LB_INF_BAD || l <= -LB_INF_BAD) ? LB_INF_DEMERITS : l * l;

	if (b && b->type == IT_PENALTY && b->penalty != 0) {
		int64_t pi = b->penalty;
		if (pi > 0)
			d += pi * pi;
		else if (pi > -PEN_INF)
			d -= pi * pi;
	}
	if (from->flagged) {
		if (end == c->fpos)
			d += LB_FINAL_HYPHEN_DEMERITS;
		else if (b && b->type == IT_PENALTY && b->flagged)
			d += p->flagged_demerits;
	}
	if (abs(m->fitness - from->fitness) > 1)
		d += p->fitness_demerits;
	return d;
}

static int lb_feasible(const struct lb_measure *m, double tolerance)
{
	return !m->overfull && m->r <= tolerance;
}

static void lb_add_node(struct lb_ctx *c, const struct lb_node *nd)
{
	if (c->nnodes == c->capnodes)
		c->nodes = lb_grow(c->nodes, c->local_nodes, &c->capnodes, sizeof *c->nodes);
	if (c->nact == c->capact)
		c->act = lb_grow(c->act, c->local_act, &c->capact, sizeof *c->act);
	c->nodes[c->nnodes] = *nd;
	c->act[c->nact++] = c->nnodes++;
}

/* Makes the breaks at item i found by lb_try (one per fitness class).  A
 * class more than fitness_demerits dearer than the cheapest cannot win later:
 * the next line can make up at most that much. */
static void lb_record(struct lb_ctx *c, int i, const struct lb_best best[FIT__MAX])
{
	int64_t least = INT64_MAX;
	for (int k = 0; k < FIT__MAX; k++)
		if (best[k].total < least)
			least = best[k].total;
	if (least == INT64_MAX)
		return;
	for (int k = 0; k < FIT__MAX; k++) {
		if (best[k].total == INT64_MAX ||
		    best[k].total - least > (int64_t)c->p->fitness_demerits)
			continue;
		struct lb_node nd;
		nd.pos = i;
		nd.start = lb_line_start(c->items, c->n, i);
		nd.prev = best[k].prev;
		nd.fitness = k;
		nd.flagged = i < c->n && c->items[i].type == IT_PENALTY && c->items[i].flagged;
		nd.total = best[k].total;
		lb_add_node(c, &nd);
	}
	if (c->nact > LB_MAX_ACTIVE) {
		int drop = c->nact - LB_MAX_ACTIVE;
		memmove(c->act, c->act + drop, (size_t)LB_MAX_ACTIVE * sizeof *c->act);
		c->nact = LB_MAX_ACTIVE;
	}
}

/* Tries a break at item i from every active break, drops the active breaks
 * that can no longer start a fitting line (all of them at a forced break),
 * and adds the new breaks.  In the emergency pass, the last active break
 * about to be dropped with nothing found yet makes an overfull line instead,
 * so the list is never empty. */
static void lb_try(struct lb_ctx *c, int i, double tolerance, int emergency)
{
	struct lb_best best[FIT__MAX];
	int forced = i == c->fpos || lb_forced(&c->items[i]);
	int found = 0, keep = 0;

	for (int k = 0; k < FIT__MAX; k++) {
		best[k].total = INT64_MAX;
		best[k].prev = -1;
	}
	for (int j = 0; j < c->nact; j++) {
		int a = c->act[j];
		const struct lb_node *from = &c->nodes[a];
		/* A break still inside the discardables after `from` cannot end a
		 * line from it; an empty line is allowed only before a hard break. */
		if (from->start > i || (from->start == i && !forced)) {
			c->act[keep++] = a;
			continue;
		}
		struct lb_measure m = lb_measure(c, from->start, i);
		int drop = forced || m.hopeless;
		int take = lb_feasible(&m, tolerance);
		if (!take && emergency && drop && keep == 0 && j == c->nact - 1 && !found)
			take = 1; /* the overfull line, else nothing reaches the end */
		if (take) {
			int64_t total = from->total + lb_demerits(c, &m, from, i);
			if (total < best[m.fitness].total) {
				best[m.fitness].total = total;
				best[m.fitness].prev = a;
			}
			found = 1;
		}
		if (!drop)
			c->act[keep++] = a;
	}
	c->nact = keep;
	lb_record(c, i, best);
}

/* One pass over the paragraph.  Returns the pool index of the cheapest
 * final break, or -1 when no breaks meet the tolerance. */
static int lb_pass(struct lb_ctx *c, double tolerance, int emergency)
{
	struct lb_node first = { -1, 0, -1, FIT_DECENT, 0, 0 };
	c->nnodes = 0;
	c->nact = 0;
	lb_add_node(c, &first);
	for (int i = 0; i <= c->fpos; i++) {
		if (i < c->fpos && !lb_legal(c->items, i))
			continue;
		lb_try(c, i, tolerance, emergency);
		if (c->nact == 0)
			return -1;
	}
	/* The final break is forced, so only breaks made at it remain. */
	int best = -1;
	for (int j = 0; j < c->nact; j++) {
		int a = c->act[j];
		if (c->nodes[a].pos == c->fpos &&
		    (best < 0 || c->nodes[a].total < c->nodes[best].total))
			best = a;
	}
	return best;
}

/* Follows the path back from the final break and describes each line. */
static int lb_collect(const struct lb_ctx *c, int last, struct lb_line **lines)
{
	int count = 0;
	for (int k = last; c->nodes[k].prev >= 0; k = c->nodes[k].prev)
		count++;
	struct lb_line *out = lb_alloc((size_t)count, sizeof *out);
	int li = count;
	for (int k = last; c->nodes[k].prev >= 0; k = c->nodes[k].prev) {
		const struct lb_node *nd = &c->nodes[k];
		const struct lb_node *from = &c->nodes[nd->prev];
		struct lb_measure m = lb_measure(c, from->start, nd->pos);
		struct lb_line *ln = &out[--li];
		ln->start = from->start;
		ln->end = nd->pos == c->fpos ? c->n : nd->pos;
		ln->hyphenated = nd->flagged && nd->pos != c->fpos;
		ln->overfull = m.overfull;
		if (c->p->ragged)
			ln->ratio = 0.0;
		else if (m.overfull)
			ln->ratio = -1.0; /* all the shrink is used and still too long */
		else if (isinf(m.r))
			ln->ratio = 0.0; /* nothing on the line can stretch */
		else
			ln->ratio = m.r;
	}
	*lines = out;
	return count;
}

int lb_break(const struct item *items, int n, const struct lb_params *p,
             struct lb_line **lines)
{
	struct lb_ctx c;
	if (n < 0)
		n = 0;
	c.items = items;
	c.n = n;
	c.fpos = n > 0 && lb_forced(&items[n - 1]) ? n - 1 : n;
	c.p = p;
	c.nodes = c.local_nodes;
	c.act = c.local_act;
	c.nnodes = c.nact = 0;
	c.capnodes = c.capact = LB_LOCAL;
	/* the three prefix sums in one block */
	c.w = lb_alloc(3 * ((size_t)n + 1), sizeof *c.w);
	c.y = c.w + n + 1;
	c.z = c.y + n + 1;
	c.w[0] = c.y[0] = c.z[0] = 0;
	for (int i = 0; i < n; i++) {
		const struct item *it = &items[i];
		int glue = it->type == IT_GLUE;
		c.w[i + 1] = c.w[i] + (it->type == IT_PENALTY ? 0 : it->width);
		c.y[i + 1] = c.y[i] + (glue ? it->stretch : 0);
		c.z[i + 1] = c.z[i] + (glue ? it->shrink : 0);
	}

	int last = lb_pass(&c, p->tolerance, 0);
	if (last < 0 && !(p->tolerance >= LB_SECOND_TOLERANCE))
		last = lb_pass(&c, LB_SECOND_TOLERANCE, 0);
	if (last < 0)
		last = lb_pass(&c, INFINITY, 1);
	assert(last >= 0); /* the emergency pass always reaches the end */

	int count = lb_collect(&c, last, lines);
	free(c.w);
	if (c.nodes != c.local_nodes)
		free(c.nodes);
	if (c.act != c.local_act)
		free(c.act);
	return count;
}
