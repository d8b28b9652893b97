/* objstm.h: compresses a finished PDF: every stream with libdeflate, and
 * the dictionaries into object streams with a cross-reference stream
 * (PDF 1.5).
 *
 * libharu writes every dictionary (pages, link annotations, bookmarks,
 * destinations) uncompressed with a plain xref table: a third of a small
 * handbook.  This rewrites the file: streams are copied as they are, every
 * other object goes into /ObjStm streams, and the xref becomes a stream. */
#ifndef HANDBOOK_OBJSTM_H
#define HANDBOOK_OBJSTM_H

#include <stddef.h>

/* Rewrites pdf[0..len) into a malloc'd *out of *outlen bytes.  Returns 0,
 * or -1 when the input is not the classic-xref PDF libharu writes; the
 * caller then keeps the original. */
int objstm_pack(const char *pdf, size_t len, char **out, size_t *outlen);

#endif
