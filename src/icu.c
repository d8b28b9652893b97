/* icu.c: opens libicuuc with dlopen and finds the functions icu.h lists.
 * ICU's names carry its major version (ubrk_open_72), which the headers'
 * renaming macros supply, so the soname and the symbols always match the
 * headers the program was built with. */
#include "icu.h"

#include "dlib.h"

#include <unicode/uvernum.h>

#define ICU_STR_(x) #x
#define ICU_STR(x) ICU_STR_(x)
#define ICU_SONAME "libicuuc.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM)

#define ICU_DEFINE(f) __typeof__(f) *icu_##f;
ICU_FUNCS(ICU_DEFINE)

static int state; /* 0: not tried, 1: loaded, -1: missing */

int icu_load(void)
{
	static const char *const names[] = { ICU_SONAME, NULL };
#define ICU_SYM(f) { ICU_STR(f), (void **)&icu_##f },
	static const struct dlib_sym syms[] = { ICU_FUNCS(ICU_SYM) };
	return dlib_open(&state, names, syms, DLIB_COUNT(syms)) < 0 ? -1 : 0;
}

int icu_loaded(void)
{
	return state > 0;
}
