/* units.h: the one length type of the layout stages.
 *
 * Every length from font metrics to page positions is an integer count of
 * 1/1000 point, so layout is exact and reproducible; only pdf.c converts to
 * floating point for libharu.  A4 height is 841,890 units, far inside int32. */
#ifndef HANDBOOK_UNITS_H
#define HANDBOOK_UNITS_H

#include <stdint.h>

typedef int32_t fx; /* length, 1/1000 pt */

#define FX_PER_PT 1000
#define PT(x) ((fx)((x) * FX_PER_PT))
#define FX_TO_PT(v) ((double)(v) / FX_PER_PT)
#define MM(x) ((fx)((x) * 72.0 / 25.4 * FX_PER_PT))

/* Width in fx of `em1000` thousandths of an em at font size `size` (fx). */
#define FX_EM(em1000, size) ((fx)(((int64_t)(em1000) * (size)) / 1000))

#endif
