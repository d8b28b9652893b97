/* image.h: images referenced by the content, read and checked before
 * layout so that layout knows their size and pdf.c gets bytes it can embed.
 *
 * The book keeps one table of images.  image_open reads a file and its
 * header once, however often the content refers to it (the key is the
 * normalised content-relative path), so the PDF embeds it once.  Once
 * layout knows the placed size, image_fit decodes it once: every PNG and
 * JPEG is decoded in full to check it, row by row, and one with more
 * pixels than IMAGE_DPI at its placed size is area-averaged down as the
 * rows arrive, so the full-size image never exists in memory.  PNGs reach
 * pdf.c as compressed samples (libharu would hold every PNG's pixels raw
 * until the file is saved); JPEGs as JPEG files. */
#ifndef HANDBOOK_IMAGE_H
#define HANDBOOK_IMAGE_H

#include <stddef.h>

#include "content.h"

enum img_type {
	IMG_PNG,   /* data is a PNG file, not yet fitted: image_fit makes it IMG_FLATE */
	IMG_JPEG,  /* data is a JPEG file, embedded as it is (DCT) */
	IMG_FLATE, /* data is zlib of 8-bit grey or RGB samples, mask of alpha */
	IMG__MAX
};

struct image {
	char *key;         /* normalised content-relative path, owned: the table's key */
	const char *why;   /* NULL while usable, else why not (static text or why_text) */
	char *why_text;    /* a reason composed for this file (content.c's), owned */
	int escapes;       /* 1: the link leads out of the repository through a symbolic
	                    * link: an error, and no PDF is written */
	int fitted;        /* 1 once image_fit ran: data is what pdf.c embeds */
	char *data;        /* see enum img_type; owned */
	size_t len;        /* bytes */
	char *mask;        /* IMG_FLATE: zlib of the alpha samples, or NULL; owned */
	size_t mlen;       /* bytes */
	enum img_type type;
	int w, h;          /* pixels the file states: layout sizes the image by these */
	int pw, ph;        /* pixels embedded (w, h unless downscaled) */
	int ncomp;         /* IMG_FLATE: samples per pixel without alpha, 1 or 3 */
};

struct strmap;

/* The book's images.  Zero it to start; DL_IMAGE items index v. */
struct image_table {
	struct image *v;       /* owned */
	int n, cap;
	struct strmap *keys;   /* key -> index in v, owned */
	long long pixels;      /* pixels decoded so far, against IMAGE_BUDGET_PIXELS */
};

/* Pixels decoded per book, all images together.  Decoding runs at about
 * 30 to 60 Mpx/s here, so this bounds a book's image work to a few
 * seconds, and it is eleven full A4 pages at 300 dpi (8.7 Mpx each): more
 * pictures than a handbook carries.  An image past it shows its alt text. */
#define IMAGE_BUDGET_PIXELS (100LL * 1000 * 1000)
#define IMAGE_BUDGET_TEXT "100 megapixels decoded per book"

/* Print resolution: pixels beyond this at the placed size are never seen,
 * so a bigger image is downscaled to it. */
#define IMAGE_DPI 300

/* Widest or tallest image, in pixels: JPEG's own limit, and it keeps a
 * PNG's row buffer (16-bit RGBA) under 512 KiB. */
#define IMAGE_MAX_SIDE 65500

/* Largest image file read. */
#define IMAGE_MAX_BYTES (32u << 20)

/* libjpeg's working memory for one image: a progressive JPEG keeps all
 * its coefficients (2 bytes per sample at full size) whatever the scale,
 * so a small file can ask for hundreds of MB.  The allowance grows with
 * the file, as the memory target does (40 bytes per input byte + 64 MB). */
#define IMAGE_JPEG_MEM_BASE (32L << 20)
#define IMAGE_JPEG_MEM_PER_BYTE 32

/* Finds the image url names in t, or reads the file and its header and
 * adds it.  Returns its index; when t->v[i].why is set it cannot be shown.
 * Returns -1 when the image is new and t already holds max images. */
int image_open(struct image_table *t, const struct content *c, const char *url, int max);

/* Makes image i ready to embed, at most tw x th pixels (its placed size
 * at IMAGE_DPI), within the book's pixel budget.  Runs once per image;
 * later calls return the first result.  Returns 0, or -1 with v[i].why. */
int image_fit(struct image_table *t, int i, int tw, int th);

void image_table_done(struct image_table *t);

/* The cache key for a link target: "./" prefixes, "#" and "?" parts
 * dropped, %XX decoded, empty and "." components removed.  Malloc'd. */
char *image_key(const char *url);

#endif
