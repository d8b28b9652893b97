/* parallel.h: a parallel loop over independent items, for the CPU-bound steps
 * of writing a PDF (font subsets, compressing page streams).
 *
 * par_for(n, fn, ctx) calls fn(ctx, i, w) once for every i in [0, n), on
 * up to PAR_MAX_WORKERS threads; w in [0, par_workers()) names the thread,
 * so fn can use per-thread state (a compressor).  The calling thread is
 * worker 0 and works too; it returns when every item is done.  Without
 * threads (none can be made, or one CPU) it runs the items itself, in order. */
#ifndef HANDBOOK_PARALLEL_H
#define HANDBOOK_PARALLEL_H

#include <stddef.h>

#define PAR_MAX_WORKERS 4

/* Threads par_for uses: the online CPUs, at most PAR_MAX_WORKERS. */
int par_workers(void);

void par_for(int n, void (*fn)(void *ctx, int i, int worker), void *ctx);

/* The same loop over forked processes, for items that are not thread-safe
 * (a whole edition: libharu and the layout caches are per process).  Each
 * child takes items from a shared counter, runs fn(ctx, i, out) and sends
 * what fn wrote to out; the parent calls take(ctx, i, answer, len) for
 * every item, in the order answers arrive, with answer NULL when the child
 * working on i died.  The children share everything the parent built
 * before the call (copy-on-write) and leave with _exit.  Returns 0, or -1
 * when no child could be started: nothing was done and the caller runs the
 * items itself.  Call it with no thread running. */
struct buf;
int par_fork(int n, int workers, void (*fn)(void *ctx, int i, struct buf *out),
             void (*take)(void *ctx, int i, const char *answer, size_t len), void *ctx);

#endif
