/* test_par.c: par_fork hands every item to a child and every answer back,
 * and reports an item whose child died. */
#include "test.h"

#include "parallel.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ITEMS 40
#define DYING 17 /* the item whose child exits without answering */

struct seen {
	int answers[ITEMS];  /* times each item was answered */
	int lost[ITEMS];     /* times each item was reported lost */
	int wrong;           /* answers that were not the item's own */
};

static void square(void *ctx, int i, struct buf *out)
{
	(void)ctx;
	if (i == DYING)
		_exit(3);
	buf_addf(out, "%d", i * i);
}

static void take(void *ctx, int i, const char *answer, size_t len)
{
	struct seen *s = ctx;
	if (!answer) {
		s->lost[i]++;
		return;
	}
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%d", i * i);
	if (len != strlen(tmp) || memcmp(answer, tmp, len))
		s->wrong++;
	s->answers[i]++;
}

static void fork_loop(void)
{
	struct seen s;
	memset(&s, 0, sizeof(s));
	CHECK(par_fork(ITEMS, 3, square, take, &s) == 0);
	CHECK_EQ(s.wrong, 0);
	CHECK_EQ(s.lost[DYING], 1);
	CHECK_EQ(s.answers[DYING], 0);
	int others = 0;
	for (int i = 0; i < ITEMS; i++)
		if (i != DYING)
			others += s.answers[i] == 1 && s.lost[i] == 0;
	/* the dying child took only its own item: the others finished the rest */
	CHECK_EQ(others, ITEMS - 1);
}

void test_par(void)
{
	RUN(fork_loop);
}
