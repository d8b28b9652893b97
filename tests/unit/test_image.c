/* test_image.c: the image table: cache keys, area averaging (alpha
 * weighted), one entry per file, and the book's pixel budget.  Images are
 * written as PNGs into a temporary folder with libpng's simplified API.
 * test_image() runs them all. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include "test.h"

#include "content.h"
#include "image.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static void test_key(void)
{
	static const struct {
		const char *url, *key;
	} cases[] = {
		{ "pic.png", "pic.png" },
		{ "./pic.png", "pic.png" },
		{ "././img//pic.png", "img/pic.png" },
		{ "img/./pic.png#frag", "img/pic.png" },
		{ "p%69c.png?x=1", "pic.png" },
		{ "a%2Fb.png", "a/b.png" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *k = image_key(cases[i].url);
		if (strcmp(k, cases[i].key))
			fprintf(stderr, "image_key(%s) = %s, want %s\n", cases[i].url, k, cases[i].key);
		CHECK(!strcmp(k, cases[i].key));
		free(k);
	}
}

static int write_png(const char *dir, const char *name, int w, int h, int alpha, const unsigned char *px)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	png_image pi;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)w;
	pi.height = (png_uint_32)h;
	pi.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	return png_image_write_to_file(&pi, path, 0, px, 0, NULL) ? 0 : -1;
}

/* The samples of an IMG_FLATE stream. */
static unsigned char *inflate_all(const char *z, size_t n, size_t want)
{
	unsigned char *out = malloc(want);
	uLongf len = want;
	if (uncompress(out, &len, (const Bytef *)z, n) != Z_OK || len != want) {
		free(out);
		return NULL;
	}
	return out;
}

/* the temporary folder the images are written to */
static const char *dir;

static void test_shrink(void)
{
	/* 40 x 20 RGB: left half (0, 0, 200), right half (100, 50, 0) */
	unsigned char px[40 * 20 * 3];
	for (int y = 0; y < 20; y++)
		for (int x = 0; x < 40; x++) {
			unsigned char *p = px + (y * 40 + x) * 3;
			p[0] = x < 20 ? 0 : 100, p[1] = x < 20 ? 0 : 50, p[2] = x < 20 ? 200 : 0;
		}
	CHECK(write_png(dir, "rgb.png", 40, 20, 0, px) == 0);
	/* 2 x 1 RGBA: opaque red beside transparent green */
	unsigned char rgba[8] = { 255, 0, 0, 255, 0, 255, 0, 0 };
	CHECK(write_png(dir, "rgba.png", 2, 1, 1, rgba) == 0);
	struct content c;
	content_init(&c, dir);
	struct image_table t;
	memset(&t, 0, sizeof(t));

	int i = image_open(&t, &c, "rgb.png", 100);
	CHECK(i == 0 && !t.v[i].why && t.v[i].w == 40 && t.v[i].h == 20);
	CHECK(image_fit(&t, i, 4, 100) == 0); /* the width limits: 4 x 2 */
	CHECK(t.v[i].type == IMG_FLATE && t.v[i].ncomp == 3 && !t.v[i].mask);
	CHECK(t.v[i].pw == 4 && t.v[i].ph == 2);
	unsigned char *s = inflate_all(t.v[i].data, t.v[i].len, 4 * 2 * 3);
	CHECK(s != NULL);
	if (s) {
		CHECK(s[0] == 0 && s[2] == 200);               /* left column, first row */
		CHECK(s[3 * 3] == 100 && s[3 * 3 + 1] == 50);  /* right column */
		CHECK(s[4 * 3 + 2] == 200);                    /* second row, left */
		free(s);
	}
	CHECK_EQ(t.pixels, 40 * 20);
	/* the same file under other spellings is the same entry, fitted once */
	CHECK_EQ(image_open(&t, &c, "./rgb.png#top", 100), i);
	CHECK_EQ(image_open(&t, &c, "r%67b.png", 100), i);
	CHECK(image_fit(&t, i, 4, 100) == 0);
	CHECK_EQ(t.pixels, 40 * 20);
	CHECK_EQ(t.n, 1);

	/* alpha-weighted: the transparent green does not tint the red */
	int j = image_open(&t, &c, "rgba.png", 100);
	CHECK(image_fit(&t, j, 1, 1) == 0);
	CHECK(t.v[j].type == IMG_FLATE && t.v[j].mask && t.v[j].pw == 1 && t.v[j].ph == 1);
	unsigned char *col = inflate_all(t.v[j].data, t.v[j].len, 3);
	unsigned char *a = t.v[j].mask ? inflate_all(t.v[j].mask, t.v[j].mlen, 1) : NULL;
	CHECK(col && col[0] == 255 && col[1] == 0 && col[2] == 0);
	CHECK(a && a[0] == 128);
	free(col);
	free(a);

	/* within the print size: every pixel as it was, even under alpha 0 */
	image_table_done(&t);
	j = image_open(&t, &c, "rgba.png", 100);
	CHECK(image_fit(&t, j, 400, 200) == 0);
	CHECK(t.v[j].type == IMG_FLATE && t.v[j].pw == 2 && t.v[j].ph == 1);
	col = inflate_all(t.v[j].data, t.v[j].len, 6);
	CHECK(col && !memcmp(col, "\xff\0\0\0\xff\0", 6));
	free(col);
	i = image_open(&t, &c, "rgb.png", 100);
	CHECK(image_fit(&t, i, 400, 200) == 0);
	CHECK(t.v[i].type == IMG_FLATE && t.v[i].pw == 40 && t.v[i].ph == 20);

	/* the budget: what is left is too little for the next image */
	image_table_done(&t);
	i = image_open(&t, &c, "rgb.png", 100);
	t.pixels = IMAGE_BUDGET_PIXELS - 1;
	j = image_open(&t, &c, "rgba.png", 100);
	CHECK(image_fit(&t, j, 1, 1) == -1);
	CHECK(t.v[j].why && strstr(t.v[j].why, "budget") && !t.v[j].data);
	CHECK(image_fit(&t, j, 1, 1) == -1); /* the answer is kept */
	/* the table is full: no new entry, an old one is still found */
	CHECK_EQ(image_open(&t, &c, "other.png", 2), -1);
	CHECK_EQ(image_open(&t, &c, "rgb.png", 2), i);
	image_table_done(&t);
	content_done(&c);
}

void test_image(void)
{
	char tmp[] = "/tmp/handbook-test-image-XXXXXX";
	dir = mkdtemp(tmp);
	RUN(test_key);
	if (!dir) {
		CHECK(!"mkdtemp");
		return;
	}
	RUN(test_shrink);
	char path[512];
	snprintf(path, sizeof(path), "%s/rgb.png", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rgba.png", dir);
	unlink(path);
	rmdir(dir);
}
