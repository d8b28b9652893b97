/* flate.h: zlib-format (FlateDecode) compression with libdeflate.
 *
 * Every stream in the PDF is compressed here exactly once: page contents
 * and font files as pdf.c writes them, the object and cross-reference
 * streams in objstm.c.  libharu's own zlib pass is switched off. */
#ifndef HANDBOOK_FLATE_H
#define HANDBOOK_FLATE_H

#include <stddef.h>

#include "util.h"

/* libdeflate's level: 6 is as small as zlib's 9 and three times as fast as its own 9. */
#define FLATE_LEVEL 6

struct flate;

struct flate *flate_new(void);
void flate_free(struct flate *z);

/* Appends the compressed form of in[0..n) to out. */
void flate_add(struct flate *z, const void *in, size_t n, struct buf *out);

#endif
