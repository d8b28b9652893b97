/* par.h: a parallel loop over independent items, for the CPU-bound steps
 * of writing a PDF (font subsets, compressing page streams).
 *
 * par_for(n, fn, ctx) calls fn(ctx, i, w) once for every i in [0, n), on
 * up to PAR_MAX_WORKERS threads; w in [0, par_workers()) names the thread,
 * so fn can use per-thread state (a compressor).  The calling thread is
 * worker 0 and works too; it returns when every item is done.  Without
 * threads (none can be made, or one CPU) it runs the items itself, in order. */
#ifndef HANDBOOK_PAR_H
#define HANDBOOK_PAR_H

#define PAR_MAX_WORKERS 4

/* Threads par_for uses: the online CPUs, at most PAR_MAX_WORKERS. */
int par_workers(void);

void par_for(int n, void (*fn)(void *ctx, int i, int worker), void *ctx);

#endif
