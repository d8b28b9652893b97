/* parallel.c: items handed out by an atomic counter, so a slow item on one
 * thread never leaves the others idle. */
#include "parallel.h"

#include "util.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
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

/* A forked worker: its pipe, and the bytes read from it not yet parsed. */
struct child {
	pid_t pid;
	int fd;          /* read end; -1 once at its end */
	struct buf in;
};

/* In a child: items from the shared counter until none are left, each
 * answer framed as "<i> <len>\n<bytes>". */
static void child_loop(atomic_int *next, int n, int fd, void (*fn)(void *, int, struct buf *), void *ctx)
{
	struct buf out, rec;
	buf_init(&out);
	buf_init(&rec);
	for (int i; (i = atomic_fetch_add(next, 1)) < n;) {
		out.len = 0;
		fn(ctx, i, &out);
		rec.len = 0;
		buf_addf(&rec, "%d %zu\n", i, out.len);
		buf_add(&rec, out.data ? out.data : "", out.len);
		for (size_t off = 0; off < rec.len;) {
			ssize_t k = write(fd, rec.data + off, rec.len - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
	}
	_exit(0);
}

/* Hands every whole record in c->in to take; keeps a partial one. */
static void parse_records(struct child *c, int n, char *done,
                          void (*take)(void *, int, const char *, size_t), void *ctx)
{
	size_t at = 0;
	for (;;) {
		const char *s = c->in.data + at, *nl = memchr(s, '\n', c->in.len - at);
		int i;
		size_t len;
		if (!nl || sscanf(s, "%d %zu", &i, &len) != 2 || len > c->in.len - at - (size_t)(nl + 1 - s))
			break;
		if (i >= 0 && i < n && !done[i]) {
			done[i] = 1;
			take(ctx, i, nl + 1, len);
		}
		at += (size_t)(nl + 1 - s) + len;
	}
	memmove(c->in.data, c->in.data + at, c->in.len - at);
	c->in.len -= at;
}

int par_fork(int n, int workers, void (*fn)(void *ctx, int i, struct buf *out),
             void (*take)(void *ctx, int i, const char *answer, size_t len), void *ctx)
{
	atomic_int *next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED)
		return -1;
	atomic_init(next, 0);
	struct child *ch = xcalloc((size_t)workers, sizeof(*ch));
	int started = 0;
	fflush(NULL); /* a child must not write the parent's buffered output again */
	for (int w = 0; w < workers; w++) {
		int p[2];
		if (pipe(p) != 0)
			break;
		pid_t pid = fork();
		if (pid == 0) {
			close(p[0]);
			for (int k = 0; k < started; k++)
				close(ch[k].fd);
			child_loop(next, n, p[1], fn, ctx);
		}
		close(p[1]);
		if (pid < 0) {
			close(p[0]);
			break;
		}
		ch[started] = (struct child){ pid, p[0], { 0 } };
		buf_init(&ch[started].in);
		started++;
	}
	if (!started) {
		free(ch);
		munmap(next, sizeof(*next));
		return -1;
	}
	char *done = xcalloc((size_t)n + 1, 1);
	struct pollfd *pf = xcalloc((size_t)started, sizeof(*pf));
	for (int open = started; open > 0;) {
		for (int k = 0; k < started; k++)
			pf[k] = (struct pollfd){ ch[k].fd, POLLIN, 0 };
		if (poll(pf, (nfds_t)started, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int k = 0; k < started; k++) {
			if (ch[k].fd < 0 || !(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char chunk[65536];
			ssize_t got = read(ch[k].fd, chunk, sizeof(chunk));
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				close(ch[k].fd);
				ch[k].fd = -1;
				open--;
				continue;
			}
			buf_add(&ch[k].in, chunk, (size_t)got);
			parse_records(&ch[k], n, done, take, ctx);
		}
	}
	for (int k = 0; k < started; k++) {
		if (ch[k].fd >= 0)
			close(ch[k].fd);
		while (waitpid(ch[k].pid, NULL, 0) < 0 && errno == EINTR)
			;
		buf_done(&ch[k].in);
	}
	for (int i = 0; i < n; i++) /* a child that died took its item with it */
		if (!done[i])
			take(ctx, i, NULL, 0);
	free(pf);
	free(done);
	free(ch);
	munmap(next, sizeof(*next));
	return 0;
}
