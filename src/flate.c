/* flate.c: one libdeflate compressor, reused for every stream of a document. */
#include "flate.h"

#include <libdeflate.h>
#include <stdlib.h>

struct flate {
	struct libdeflate_compressor *c;
};

struct flate *flate_new(void)
{
	struct flate *z = xmalloc(sizeof(*z));
	z->c = libdeflate_alloc_compressor(FLATE_LEVEL);
	if (!z->c)
		xoom(); /* only fails when out of memory */
	return z;
}

void flate_free(struct flate *z)
{
	if (!z)
		return;
	libdeflate_free_compressor(z->c);
	free(z);
}

void flate_add(struct flate *z, const void *in, size_t n, struct buf *out)
{
	size_t cap = libdeflate_zlib_compress_bound(z->c, n);
	buf_reserve(out, cap);
	size_t k = libdeflate_zlib_compress(z->c, in, n, out->data + out->len, cap);
	/* the bound is never exceeded, so libdeflate cannot fail here */
	out->len += k;
}
