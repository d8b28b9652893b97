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

#include "util.h"

/* Dictionaries made without libharu, numbered from first on: a tagged
 * book's structure elements, thousands of small objects that libharu
 * would allocate, number, write and free one by one only for this file
 * to read them back.  first must be the number after libharu's last
 * object, so nothing may be added to libharu's document once it is set. */
struct objstm_extra {
	long first;       /* object number of the first */
	int n;            /* objects */
	struct buf body;  /* their bodies ("<<...>>"), one after another */
	size_t *off;      /* n + 1 offsets into body: object k is [off[k], off[k+1]) */
	int cap;          /* entries allocated in off */
};

void objstm_extra_init(struct objstm_extra *x);
void objstm_extra_done(struct objstm_extra *x);

/* Appends object number x->first + x->n with body[0..n). */
void objstm_extra_add(struct objstm_extra *x, const char *body, size_t n);

/* Rewrites pdf[0..len) into a malloc'd *out of *outlen bytes, with the
 * objects of x (NULL for none) in its object streams.  Returns 0, or -1
 * when the input is not the classic-xref PDF libharu writes or x does
 * not follow its last object; without x the caller can then keep the
 * original, with x it cannot (x's objects are only here). */
int objstm_pack(const char *pdf, size_t len, const struct objstm_extra *x, char **out, size_t *outlen);

#endif
