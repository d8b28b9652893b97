/* dlib.h: a library opened with dlopen on first use, not linked.
 *
 * Five optional libraries (fontconfig, libicuuc, libicui18n, libgit2,
 * libxml2) are opened the first time a run needs them, so that a run
 * without them starts no slower.  Each caller lists its functions once as
 * X(name) and keeps one state:
 *
 *     #define FOO_SYM(f) { #f, (void **)&dl_##f },
 *     static const struct dlib_sym syms[] = { FOO_FUNCS(FOO_SYM) };
 *     static const char *const names[] = { "libfoo.so.2", "libfoo.so.1", NULL };
 *     static int state;
 *     if (dlib_open(&state, names, syms, DLIB_COUNT(syms)) < 0) ... go on without it ...
 */
#ifndef HANDBOOK_DLIB_H
#define HANDBOOK_DLIB_H

#include <stddef.h>

/* One function to find: its symbol name and where its address goes (a
 * function pointer, written as POSIX dlsym's example writes one). */
struct dlib_sym {
	const char *name;
	void **addr;
};

#define DLIB_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Opens the first of sonames (NULL-ended) that loads and has every symbol
 * of syms[0..n), and fills their addresses; a soname missing a symbol is
 * closed and the next tried.  *state remembers the outcome for later
 * calls (0: not tried, 1: open, -1: missing), so the search runs once.
 * Returns 1 when this call opened it (the caller's one-time set-up goes
 * there; a set-up that fails sets *state to -1), 0 when it was open
 * already, -1 when no soname will do.  The library stays open for the
 * rest of the run, as a linked one would. */
int dlib_open(int *state, const char *const *sonames, const struct dlib_sym *syms, size_t n);

#endif
