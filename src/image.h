/* image.h: images referenced by the content, read and checked before
 * layout so that layout knows their size and pdf.c gets bytes it can embed. */
#ifndef HANDBOOK_IMAGE_H
#define HANDBOOK_IMAGE_H

#include <stddef.h>

#include "content.h"

enum img_type { IMG_PNG, IMG_JPEG, IMG__MAX };

struct image {
	char *data;          /* the file (a 16-bit PNG re-encoded at 8 bits), owned */
	size_t len;          /* bytes */
	enum img_type type;
	int w, h;            /* pixels */
};

/* Largest image accepted, in pixels: libharu decodes a PNG whole, so this
 * bounds memory (40 Mpx of RGBA is 160 MB). */
#define IMAGE_MAX_PIXELS (40L * 1000 * 1000)
#define IMAGE_MAX_BYTES (32u << 20)

/* Reads a content-relative image (content_read_rel's SCOPE_TREE: beneath
 * the Git work tree holding the folder).  Returns 0, or -1 with a reason in
 * *why and its kind in *fail: CONTENT_ESCAPES (a symbolic link leads
 * outside) is an error, anything else a warning with the alt text shown. */
int image_load(const struct content *c, const char *url, struct image *img, const char **why,
               enum content_fail *fail);
void image_done(struct image *img);

#endif
