/* srgb.h: the sRGB ICC profile embedded in the PDF/A output intent. */
#ifndef HANDBOOK_SRGB_H
#define HANDBOOK_SRGB_H

#include "util.h"

/* Appends an ICC v2.1 sRGB display profile (528 bytes) to out.
 * The bytes are the same every run. */
void srgb_profile(struct buf *out);

#endif
