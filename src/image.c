/* image.c: PNG and JPEG headers, and the one conversion libharu needs:
 * 16-bit PNGs, whose soft masks it writes short (docs/libharu.md §6), are
 * re-encoded at 8 bits per channel with libpng's simplified API. */
#include "image.h"
#include "util.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static int jpeg_size(const unsigned char *d, size_t n, int *w, int *h)
{
	size_t i = 2;
	while (i + 9 < n) {
		if (d[i] != 0xFF)
			return -1;
		unsigned m = d[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		size_t seglen = (size_t)(d[i + 2] << 8 | d[i + 3]);
		if ((m >= 0xC0 && m <= 0xC3) || (m >= 0xC5 && m <= 0xC7) || (m >= 0xC9 && m <= 0xCB) ||
		    (m >= 0xCD && m <= 0xCF)) {
			*h = d[i + 5] << 8 | d[i + 6];
			*w = d[i + 7] << 8 | d[i + 8];
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += 2 + seglen;
	}
	return -1;
}

/* Decodes and re-encodes a PNG at 8 bits per channel, keeping alpha. */
static int png_to_8bit(struct image *img, const char **why)
{
	png_image pi;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, img->data, img->len)) {
		*why = "is not a readable PNG";
		return -1;
	}
	pi.format = (pi.format & PNG_FORMAT_FLAG_ALPHA) ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	size_t stride = PNG_IMAGE_ROW_STRIDE(pi);
	png_bytep px = malloc(PNG_IMAGE_BUFFER_SIZE(pi, stride));
	if (!px || !png_image_finish_read(&pi, NULL, px, (png_int_32)stride, NULL)) {
		free(px);
		png_image_free(&pi);
		*why = "is a truncated or corrupt PNG";
		return -1;
	}
	png_alloc_size_t outlen = 0;
	if (!png_image_write_to_memory(&pi, NULL, &outlen, 0, px, (png_int_32)stride, NULL)) {
		free(px);
		*why = "could not be converted";
		return -1;
	}
	char *out = xmalloc(outlen);
	int ok = png_image_write_to_memory(&pi, out, &outlen, 0, px, (png_int_32)stride, NULL);
	free(px);
	if (!ok) {
		free(out);
		*why = "could not be converted";
		return -1;
	}
	free(img->data);
	img->data = out;
	img->len = outlen;
	return 0;
}

int image_load(const struct content *c, const char *url, struct image *img, const char **why)
{
	memset(img, 0, sizeof(*img));
	if (strstr(url, "://") || !strncmp(url, "data:", 5)) {
		*why = "is remote and is not fetched";
		return -1;
	}
	img->data = content_read_rel(c, url, &img->len, IMAGE_MAX_BYTES, why);
	if (!img->data)
		return -1;
	const unsigned char *d = (const unsigned char *)img->data;
	int rc = -1;
	if (img->len >= 33 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		img->type = IMG_PNG;
		img->w = (int)be32(d + 16);
		img->h = (int)be32(d + 20);
		rc = 0;
		if (img->w <= 0 || img->h <= 0) {
			*why = "has no size";
			rc = -1;
		} else if ((long)img->w * img->h > IMAGE_MAX_PIXELS) {
			*why = "is too large (over 40 megapixels)";
			rc = -1;
		} else {
			/* validate fully (libharu reports a truncated PNG only at save);
			 * re-encoding also fixes 16-bit depth and interlacing */
			rc = png_to_8bit(img, why);
		}
	} else if (img->len >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
		img->type = IMG_JPEG;
		rc = jpeg_size(d, img->len, &img->w, &img->h);
		if (rc != 0)
			*why = "is not a readable JPEG";
		else if ((long)img->w * img->h > IMAGE_MAX_PIXELS) {
			*why = "is too large (over 40 megapixels)";
			rc = -1;
		}
	} else {
		*why = "is not a PNG or JPEG image";
	}
	if (rc != 0)
		image_done(img);
	return rc;
}

void image_done(struct image *img)
{
	free(img->data);
	memset(img, 0, sizeof(*img));
}
