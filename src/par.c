/* par.c: items handed out by an atomic counter, so a slow item on one
 * thread never leaves the others idle. */
#include "par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct loop {
	atomic_int next;    /* the next item to take */
	int n;              /* items */
	void (*fn)(void *ctx, int i, int worker);
	void *ctx;
};

struct worker {
	struct loop *l;
	int w;              /* worker number */
	pthread_t t;
};

static void run(struct loop *l, int w)
{
	for (;;) {
		int i = atomic_fetch_add(&l->next, 1);
		if (i >= l->n)
			return;
		l->fn(l->ctx, i, w);
	}
}

static void *thread_main(void *arg)
{
	struct worker *wk = arg;
	run(wk->l, wk->w);
	return NULL;
}

int par_workers(void)
{
	static int cached;
	if (!cached) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		cached = c < 1 ? 1 : c > PAR_MAX_WORKERS ? PAR_MAX_WORKERS : (int)c;
	}
	return cached;
}

void par_for(int n, void (*fn)(void *ctx, int i, int worker), void *ctx)
{
	struct loop l = { 0, n, fn, ctx };
	struct worker wk[PAR_MAX_WORKERS];
	int started = 0;
	int want = par_workers() < n ? par_workers() : n;
	for (int w = 1; w < want; w++) {
		wk[started] = (struct worker){ &l, w, 0 };
		if (pthread_create(&wk[started].t, NULL, thread_main, &wk[started]) != 0)
			break;
		started++;
	}
	run(&l, 0);
	for (int k = 0; k < started; k++)
		pthread_join(wk[k].t, NULL);
}
