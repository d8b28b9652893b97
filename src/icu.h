/* icu.h: ICU's common library (libicuuc), opened with dlopen at the first
 * text that needs it, not linked.
 *
 * Loading libicuuc, its 30 MB data library and libstdc++ at every start
 * cost the English book about 5 ms of CPU for nothing: its text is ASCII
 * and Latin, which the callers handle without ICU.  A caller that meets
 * other text calls icu_load() and, when it returns 0, the functions below
 * through their icu_ pointers (icu_ubrk_open for ubrk_open); when it
 * returns -1 (the library is missing) the caller does without: no UAX #14
 * breaks, no Arabic joining forms, ASCII-only lower-casing.
 *
 *     if (icu_load() == 0) n = icu_u_strToLower(dst, cap, src, len, "", &e); */
#ifndef HANDBOOK_ICU_H
#define HANDBOOK_ICU_H

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ushape.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#define ICU_FUNCS(X) \
	X(u_charType) X(u_strFromUTF8Lenient) X(u_strToLower) X(u_strFromUTF8) X(u_strToUTF8) \
	X(u_shapeArabic) X(ubrk_open) X(ubrk_setUText) X(ubrk_first) X(ubrk_next) X(ubrk_close) \
	X(utext_openUTF8) X(utext_close) X(u_hasBinaryProperty) X(u_isalpha) X(u_toupper) \
	X(unorm2_getNFDInstance) X(unorm2_getDecomposition)
#define ICU_DECLARE(f) extern __typeof__(f) *icu_##f;
ICU_FUNCS(ICU_DECLARE)
#undef ICU_DECLARE

/* Opens libicuuc the first time (later calls answer at once).  Returns 0
 * when the icu_ functions may be called, -1 when the library or one of
 * them is missing. */
int icu_load(void);

/* 1 once icu_load has opened the library (for tests of laziness). */
int icu_loaded(void);

#endif
