/* icu.c: opens libicuuc with dlopen and finds the functions icu.h lists.
 * ICU's names carry its major version (ubrk_open_72), which the headers'
 * renaming macros supply, so the soname and the symbols always match the
 * headers the program was built with. */
#include "icu.h"

#include <dlfcn.h>
#include <unicode/uvernum.h>

#define ICU_STR_(x) #x
#define ICU_STR(x) ICU_STR_(x)
#define ICU_SONAME "libicuuc.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM)

#define ICU_DEFINE(f) __typeof__(f) *icu_##f;
ICU_FUNCS(ICU_DEFINE)

static int state; /* 0: not tried, 1: loaded, -1: missing */

int icu_load(void)
{
	if (state)
		return state > 0 ? 0 : -1;
	state = -1;
	/* kept open for the rest of the run, as a linked library would be */
	void *h = dlopen(ICU_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -1;
#define ICU_FIND(f) \
	if (!(icu_##f = (__typeof__(f) *)dlsym(h, ICU_STR(f)))) \
		return -1;
	ICU_FUNCS(ICU_FIND)
	state = 1;
	return 0;
}

int icu_loaded(void)
{
	return state > 0;
}
