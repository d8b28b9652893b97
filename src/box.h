/* box.h: the horizontal material of a paragraph, as Knuth and Plass model it.
 *
 * A paragraph is an array of items: boxes (unbreakable, fixed width), glue
 * (a breakable space that stretches and shrinks) and penalties (a possible
 * break with a cost).  build.c makes them, linebreak.c chooses breaks, and
 * build.c again turns each chosen line into positioned runs. */
#ifndef HANDBOOK_BOX_H
#define HANDBOOK_BOX_H

#include "units.h"

enum item_type { IT_BOX, IT_GLUE, IT_PENALTY, IT__MAX };

/* A penalty at or above PEN_INF never breaks; at or below -PEN_INF always does. */
#define PEN_INF 10000

struct item {
	enum item_type type;
	fx width;    /* natural width (box, glue) or width added if broken here (penalty: the hyphen), 1/1000 pt */
	fx stretch;  /* glue: how far it may grow, 1/1000 pt; >= FX_FIL means unlimited */
	fx shrink;   /* glue: how far it may shrink, 1/1000 pt */
	int penalty; /* penalty: cost of breaking here, -PEN_INF..PEN_INF */
	int flagged; /* penalty: 1 when breaking here shows a hyphen */
	int ref;     /* opaque to linebreak.c: the builder's index of what the item draws, -1 none */
};

/* Stretch that no finite total reaches: the fill glue ending a paragraph. */
#define FX_FIL ((fx)1 << 28)

#endif
