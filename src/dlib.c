/* dlib.c: opens an optional library on first use (dlib.h says why). */
#include "dlib.h"

#include <dlfcn.h>

/* 0 when every symbol was found in h. */
static int dlib_find(void *h, const struct dlib_sym *syms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(*syms[i].addr = dlsym(h, syms[i].name)))
			return -1;
	return 0;
}

int dlib_open(int *state, const char *const *sonames, const struct dlib_sym *syms, size_t n)
{
	if (*state)
		return *state > 0 ? 0 : -1;
	*state = -1;
	for (const char *const *s = sonames; *s; s++) {
		void *h = dlopen(*s, RTLD_NOW | RTLD_LOCAL);
		if (!h)
			continue;
		if (dlib_find(h, syms, n) == 0) {
			*state = 1;
			return 1;
		}
		dlclose(h);
	}
	return -1;
}
