/* test_dlib.c: the shared dlopen loader: the first soname that has every
 * symbol wins, and the outcome is remembered. */
#include "dlib.h"
#include "test.h"

#include <math.h>

typedef double cosfn(double);

/* A missing soname and one without the symbol are passed over; the next
 * call answers from the state without a search. */
static void first_soname_with_every_symbol(void)
{
	cosfn *c = NULL;
	const struct dlib_sym syms[] = { { "cos", (void **)&c } };
	/* libz has no cos: it is closed and libm tried */
	const char *const names[] = { "libhandbook-no-such.so.9", "libz.so.1", "libm.so.6", NULL };
	int state = 0;
	CHECK_EQ(dlib_open(&state, names, syms, DLIB_COUNT(syms)), 1);
	CHECK_EQ(state, 1);
	CHECK(c != NULL && c(0.0) == 1.0);
	CHECK_EQ(dlib_open(&state, names, syms, DLIB_COUNT(syms)), 0);
}

static void missing_is_remembered(void)
{
	void *p = NULL;
	const struct dlib_sym syms[] = { { "cos", &p }, { "handbook_no_such_symbol", &p } };
	const char *const names[] = { "libm.so.6", NULL };
	int state = 0;
	CHECK_EQ(dlib_open(&state, names, syms, DLIB_COUNT(syms)), -1);
	CHECK_EQ(state, -1);
	const char *const none[] = { NULL };
	state = 0;
	CHECK_EQ(dlib_open(&state, none, syms, DLIB_COUNT(syms)), -1);
	/* a state of -1 is not searched again, whatever the names */
	const char *const libm[] = { "libm.so.6", NULL };
	const struct dlib_sym cosonly[] = { { "cos", &p } };
	CHECK_EQ(dlib_open(&state, libm, cosonly, 1), -1);
}

void test_dlib(void)
{
	RUN(first_soname_with_every_symbol);
	RUN(missing_is_remembered);
}
