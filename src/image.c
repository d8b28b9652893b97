/* image.c: the book's image table (image.h): reading each file once,
 * checking it by decoding it, and downscaling what is over the print
 * resolution.
 *
 * image_open reads the file and its header; image_fit decodes it within
 * the book's pixel budget, a row at a time.  A PNG is decoded with
 * libpng's row API to 8-bit RGB(A) (16-bit samples scaled to 8 as they
 * come), the form libharu made of it before, and handed on as compressed
 * colour and alpha planes: at its own size pixel for pixel, so the PDF is
 * unchanged, and over the print size area-averaged as the rows arrive.  A
 * JPEG is decoded with libjpeg (DCT scaling to the smallest scale still
 * above the target) to check it; one within the print size is passed
 * through as DCT data, a bigger one is averaged down and encoded again.
 * libpng and libjpeg report errors by longjmp; the state their handlers
 * need lives in a struct the caller holds, so nothing set after setjmp is
 * lost. */
#include "image.h"
#include "flate.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* JPEG quality of a downscaled JPEG: indistinguishable in print. */
#define IMAGE_JPEG_QUALITY 90

static const char WHY_BUDGET[] = "is past the image budget (" IMAGE_BUDGET_TEXT ")";
static const char WHY_PNG[] = "is a truncated or corrupt PNG";
static const char WHY_JPEG[] = "is a truncated or corrupt JPEG";
static const char WHY_JPEG_MEM[] = "needs more memory to decode than its file size allows (a progressive "
                                   "JPEG holds every coefficient)";
static const char WHY_SIDE[] = "is too large (over 65500 pixels wide or high)";

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

char *image_key(const char *url)
{
	struct buf b;
	buf_init(&b);
	while (url[0] == '.' && url[1] == '/')
		url += 2;
	buf_add_url_path(&b, url);
	buf_cstr(&b);
	/* "a//b" and "a/./b" name the file "a/b" does */
	char *s = b.data;
	size_t o = 0;
	for (size_t i = 0; s[i];) {
		size_t n = strcspn(s + i, "/");
		int skip = n == 0 || (n == 1 && s[i] == '.');
		if (!skip) {
			if (o)
				s[o++] = '/';
			memmove(s + o, s + i, n);
			o += n;
		}
		i += n + (s[i + n] == '/');
	}
	s[o] = 0;
	return buf_detach(&b);
}

/* ---- area averaging ---- */

/* Averages rows of sw x sh pixels of ch 8-bit channels (alpha last when
 * alpha is set) into tw x th, with tw <= sw and th <= sh: each source
 * pixel falls in one target pixel; colour is weighted by alpha so that
 * transparent pixels do not tint their neighbours.  Output goes to a
 * colour plane and an alpha plane. */
struct shrink {
	int sw, sh, tw, th;  /* pixels */
	int ch, alpha;       /* channels per source pixel; 1 when the last is alpha */
	uint64_t *sum;       /* tw * ch sums for the target row being built */
	uint32_t *cols;      /* source columns in each target column */
	int ty, rows;        /* target row being built, source rows in it */
	unsigned char *col;  /* tw * th * (ch - alpha) output samples */
	unsigned char *a;    /* tw * th alpha output samples, or NULL */
};

static void shrink_init(struct shrink *s, int sw, int sh, int tw, int th, int ch, int alpha)
{
	memset(s, 0, sizeof(*s));
	s->sw = sw, s->sh = sh, s->tw = tw, s->th = th, s->ch = ch, s->alpha = alpha;
	s->sum = xcalloc((size_t)tw * ch, sizeof(*s->sum));
	s->cols = xcalloc((size_t)tw, sizeof(*s->cols));
	for (int x = 0; x < sw; x++)
		s->cols[(int64_t)x * tw / sw]++;
	s->col = xmalloc((size_t)tw * th * (ch - alpha));
	if (alpha)
		s->a = xmalloc((size_t)tw * th);
}

static void shrink_flush(struct shrink *s)
{
	int nc = s->ch - s->alpha;
	unsigned char *col = s->col + (size_t)s->ty * s->tw * nc;
	unsigned char *a = s->a ? s->a + (size_t)s->ty * s->tw : NULL;
	for (int x = 0; x < s->tw; x++) {
		uint64_t *p = s->sum + (size_t)x * s->ch;
		uint64_t n = (uint64_t)s->cols[x] * s->rows;
		uint64_t wsum = s->alpha ? p[nc] : n;
		for (int c = 0; c < nc; c++)
			col[x * nc + c] = (unsigned char)(wsum ? (p[c] + wsum / 2) / wsum : 0);
		if (a)
			a[x] = (unsigned char)((p[nc] + n / 2) / n);
	}
	memset(s->sum, 0, (size_t)s->tw * s->ch * sizeof(*s->sum));
	s->rows = 0;
}

/* Adds source row y (rows come in order). */
static void shrink_row(struct shrink *s, int y, const unsigned char *row)
{
	if (s->tw == s->sw && s->th == s->sh) {
		/* at its own size: copied, even the colour under transparent pixels */
		int nc = s->ch - s->alpha;
		unsigned char *col = s->col + (size_t)y * s->tw * nc;
		unsigned char *a = s->a ? s->a + (size_t)y * s->tw : NULL;
		for (int x = 0; x < s->sw; x++) {
			memcpy(col + (size_t)x * nc, row + (size_t)x * s->ch, (size_t)nc);
			if (a)
				a[x] = row[(size_t)x * s->ch + nc];
		}
		return;
	}
	int ty = (int)((int64_t)y * s->th / s->sh);
	if (ty != s->ty && s->rows)
		shrink_flush(s);
	s->ty = ty;
	int ch = s->ch, nc = ch - s->alpha;
	int64_t acc = 0;
	int tx = 0;
	for (int x = 0; x < s->sw; x++) {
		/* tx = x * tw / sw, stepped without a division per pixel */
		uint64_t *p = s->sum + (size_t)tx * ch;
		const unsigned char *px = row + (size_t)x * ch;
		if (s->alpha) {
			unsigned al = px[nc];
			for (int c = 0; c < nc; c++)
				p[c] += (unsigned)px[c] * al;
			p[nc] += al;
		} else {
			for (int c = 0; c < ch; c++)
				p[c] += px[c];
		}
		acc += s->tw;
		if (acc >= s->sw) {
			acc -= s->sw;
			tx++;
		}
	}
	s->rows++;
}

static void shrink_finish(struct shrink *s)
{
	if (s->rows)
		shrink_flush(s);
}

static void shrink_done(struct shrink *s)
{
	free(s->sum);
	free(s->cols);
	free(s->col);
	free(s->a);
	memset(s, 0, sizeof(*s));
}

/* The target size for an image of w x h in a box of tw x th pixels: the
 * box scaled to the image's proportions, never larger than the image. */
static void fit_size(int w, int h, int tw, int th, int *ow, int *oh)
{
	double k = (double)tw / w;
	if ((double)th / h < k)
		k = (double)th / h;
	if (k > 1)
		k = 1;
	*ow = (int)(w * k + 0.5);
	*oh = (int)(h * k + 0.5);
	if (*ow < 1)
		*ow = 1;
	if (*oh < 1)
		*oh = 1;
}

static int budget(struct image_table *t, struct image *im, long long px)
{
	if (t->pixels + px > IMAGE_BUDGET_PIXELS) {
		im->why = WHY_BUDGET;
		return -1;
	}
	t->pixels += px;
	return 0;
}

/* ---- PNG ---- */

/* What the PNG decoder owns, reachable after a longjmp. */
struct pngdec {
	const unsigned char *p;  /* the file */
	size_t n, pos;           /* bytes, read so far */
	unsigned char *row;      /* one decoded row */
	unsigned char *whole;    /* an interlaced image kept at its size: all rows */
	struct shrink sh;        /* the output planes */
};

static void png_mem_read(png_structp png, png_bytep out, size_t len)
{
	struct pngdec *d = png_get_io_ptr(png);
	if (len > d->n - d->pos)
		png_error(png, "truncated");
	memcpy(out, d->p + d->pos, len);
	d->pos += len;
}

static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Decodes the PNG as 8-bit RGB or RGBA (the form libharu made of every
 * PNG, so pages look as before) into d->sh, fitted to tw x th.  Within
 * that size the pixels are copied exactly; over it, rows are averaged as
 * they come, and an interlaced image contributes its last pass only (the
 * odd rows, whole), as only an interlaced image at its own size must be
 * held whole. */
static int png_decode(png_structp png, png_infop info, struct pngdec *d, int tw, int th)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_read_fn(png, d, png_mem_read);
	png_set_user_limits(png, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
	png_read_info(png, info);
	png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	int interlaced = png_get_interlace_type(png, info) == PNG_INTERLACE_ADAM7;
	int exact = (int)w <= tw && (int)h <= th;
	png_set_scale_16(png);
	png_set_expand(png); /* palette to RGB, grey to 8 bits, tRNS to alpha */
	png_set_gray_to_rgb(png);
	int passes = interlaced && exact ? png_set_interlace_handling(png) : interlaced ? 7 : 1;
	png_read_update_info(png, info);
	int ch = png_get_channels(png, info);
	int alpha = ch == 4;
	size_t rowbytes = png_get_rowbytes(png, info);
	int sh = interlaced && !exact ? (int)(h / 2) : (int)h;
	if ((ch != 3 && ch != 4) || sh < 1)
		return -1;
	int ow = (int)w, oh = sh;
	if (!exact)
		fit_size((int)w, sh, tw, th, &ow, &oh);
	shrink_init(&d->sh, (int)w, sh, ow, oh, ch, alpha);
	if (exact && interlaced) {
		d->whole = xmalloc(rowbytes * h);
		for (int pass = 0; pass < passes; pass++)
			for (png_uint_32 y = 0; y < h; y++)
				png_read_row(png, d->whole + rowbytes * y, NULL);
		for (png_uint_32 y = 0; y < h; y++)
			shrink_row(&d->sh, (int)y, d->whole + rowbytes * y);
	} else {
		d->row = xmalloc(rowbytes);
		for (int pass = 0; pass < passes; pass++) {
			png_uint_32 rows = interlaced ? PNG_PASS_ROWS(h, pass) : h;
			if (interlaced && PNG_PASS_COLS(w, pass) == 0)
				continue;
			for (png_uint_32 y = 0; y < rows; y++) {
				png_read_row(png, d->row, NULL);
				if (pass == passes - 1)
					shrink_row(&d->sh, (int)y, d->row);
			}
		}
	}
	shrink_finish(&d->sh);
	return 0;
}

/* Any PNG, to IMG_FLATE: compressed samples, and alpha apart. */
static int png_fit(struct image_table *t, struct image *img, int tw, int th)
{
	if (budget(t, img, (long long)img->w * img->h) != 0)
		return -1;
	struct pngdec d;
	memset(&d, 0, sizeof(d));
	d.p = (const unsigned char *)img->data;
	d.n = img->len;
	int rc = -1;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info || png_decode(png, info, &d, tw, th) != 0) {
		img->why = WHY_PNG;
		goto done;
	}
	free(d.whole);
	d.whole = NULL;
	struct shrink *s = &d.sh;
	int nc = s->ch - s->alpha;
	struct flate *z = flate_new();
	struct buf out;
	buf_init(&out);
	flate_add(z, s->col, (size_t)s->tw * s->th * nc, &out);
	free(img->data);
	img->len = out.len;
	img->data = buf_detach(&out);
	if (s->alpha) {
		buf_init(&out);
		flate_add(z, s->a, (size_t)s->tw * s->th, &out);
		img->mlen = out.len;
		img->mask = buf_detach(&out);
	}
	flate_free(z);
	img->type = IMG_FLATE;
	img->ncomp = nc;
	img->pw = s->tw;
	img->ph = s->th;
	rc = 0;
done:
	png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
	free(d.row);
	free(d.whole);
	shrink_done(&d.sh);
	return rc;
}

/* ---- JPEG ---- */

struct jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
};

static void jpeg_fail(j_common_ptr ci)
{
	longjmp(((struct jerr *)ci->err)->jb, 1);
}

/* libjpeg warns and carries on over corrupt data (filling it grey); such a
 * file is refused.  Warnings about metadata only are let through. */
static void jpeg_message(j_common_ptr ci, int level)
{
	int code = ci->err->msg_code;
	if (level < 0 && code != JWRN_JFIF_MAJOR && code != JWRN_ADOBE_XFORM && code != JWRN_EXTRANEOUS_DATA &&
	    code != JWRN_BOGUS_ICC)
		longjmp(((struct jerr *)ci->err)->jb, 1);
}

/* What the JPEG decoder owns, reachable after a longjmp. */
struct jpegdec {
	struct jpeg_decompress_struct ci;
	struct jpeg_compress_struct co;
	struct jerr err, cerr;
	int have_ci, have_co;
	unsigned char *row;     /* one decoded row */
	struct shrink sh;
	unsigned char *out;     /* a re-encoded JPEG (libjpeg's malloc) */
	unsigned long outlen;
	int ow, oh;             /* pixels of the shrunk image, 0 when not shrunk */
	int scaled_w, scaled_h; /* pixels decoded */
};

static void jpeg_begin(struct jpegdec *d, const struct image *img)
{
	d->ci.err = jpeg_std_error(&d->err.pub);
	d->err.pub.error_exit = jpeg_fail;
	d->err.pub.emit_message = jpeg_message;
	jpeg_create_decompress(&d->ci);
	d->have_ci = 1;
	d->ci.mem->max_memory_to_use = IMAGE_JPEG_MEM_BASE + (long)img->len * IMAGE_JPEG_MEM_PER_BYTE;
	jpeg_mem_src(&d->ci, (const unsigned char *)img->data, (unsigned long)img->len);
	jpeg_read_header(&d->ci, TRUE);
}

static int jpeg_header(struct jpegdec *d, struct image *img)
{
	if (setjmp(d->err.jb))
		return -1;
	jpeg_begin(d, img);
	img->w = (int)d->ci.image_width;
	img->h = (int)d->ci.image_height;
	return 0;
}

/* Decodes every row (which is the check), into d->sh when the image is
 * over tw x th.  Stops before decoding when the budget says no (*over). */
static int jpeg_decode(struct jpegdec *d, struct image_table *t, struct image *img, int tw, int th,
                       int *over)
{
	if (setjmp(d->err.jb))
		return -1;
	jpeg_begin(d, img);
	J_COLOR_SPACE cs = d->ci.jpeg_color_space;
	int cmyk = cs == JCS_CMYK || cs == JCS_YCCK;
	int shrink = !cmyk && (img->w > tw || img->h > th);
	if (shrink) {
		/* the smallest DCT scale still at least the target */
		int ow, oh, den = 8;
		fit_size(img->w, img->h, tw, th, &ow, &oh);
		while (den > 1 && ((img->w + den - 1) / den < ow || (img->h + den - 1) / den < oh))
			den /= 2;
		d->ci.scale_num = 1;
		d->ci.scale_denom = (unsigned)den;
		d->ci.out_color_space = cs == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
		d->ow = ow;
		d->oh = oh;
	}
	jpeg_calc_output_dimensions(&d->ci);
	d->scaled_w = (int)d->ci.output_width;
	d->scaled_h = (int)d->ci.output_height;
	if (budget(t, img, (long long)d->scaled_w * d->scaled_h) != 0) {
		*over = 1;
		return -1;
	}
	jpeg_start_decompress(&d->ci);
	int ch = d->ci.output_components;
	d->row = xmalloc((size_t)d->ci.output_width * ch);
	if (shrink) {
		/* DCT scaling rounds up: never below the target */
		if (d->ow > (int)d->ci.output_width)
			d->ow = (int)d->ci.output_width;
		if (d->oh > (int)d->ci.output_height)
			d->oh = (int)d->ci.output_height;
		shrink_init(&d->sh, (int)d->ci.output_width, (int)d->ci.output_height, d->ow, d->oh, ch, 0);
	}
	while (d->ci.output_scanline < d->ci.output_height) {
		int y = (int)d->ci.output_scanline;
		JSAMPROW r = d->row;
		jpeg_read_scanlines(&d->ci, &r, 1);
		if (shrink)
			shrink_row(&d->sh, y, d->row);
	}
	jpeg_finish_decompress(&d->ci);
	if (shrink)
		shrink_finish(&d->sh);
	else
		d->ow = d->oh = 0;
	return 0;
}

/* Encodes d->sh's output as a JPEG into d->out. */
static int jpeg_encode(struct jpegdec *d)
{
	if (setjmp(d->cerr.jb))
		return -1;
	d->co.err = jpeg_std_error(&d->cerr.pub);
	d->cerr.pub.error_exit = jpeg_fail;
	jpeg_create_compress(&d->co);
	d->have_co = 1;
	jpeg_mem_dest(&d->co, &d->out, &d->outlen);
	d->co.image_width = (JDIMENSION)d->sh.tw;
	d->co.image_height = (JDIMENSION)d->sh.th;
	d->co.input_components = d->sh.ch;
	d->co.in_color_space = d->sh.ch == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&d->co);
	jpeg_set_quality(&d->co, IMAGE_JPEG_QUALITY, TRUE);
	jpeg_start_compress(&d->co, TRUE);
	while (d->co.next_scanline < d->co.image_height) {
		JSAMPROW r = d->sh.col + (size_t)d->co.next_scanline * d->sh.tw * d->sh.ch;
		jpeg_write_scanlines(&d->co, &r, 1);
	}
	jpeg_finish_compress(&d->co);
	return 0;
}

static int jpeg_fit(struct image_table *t, struct image *img, int tw, int th)
{
	struct jpegdec *d = xcalloc(1, sizeof(*d));
	int over = 0, rc = -1;
	if (jpeg_decode(d, t, img, tw, th, &over) != 0) {
		int code = d->err.pub.msg_code;
		if (!over)
			img->why = code == JERR_NO_BACKING_STORE || code == JERR_OUT_OF_MEMORY ? WHY_JPEG_MEM : WHY_JPEG;
		goto done;
	}
	if (d->ow) {
		if (jpeg_encode(d) != 0) {
			img->why = "could not be converted";
			goto done;
		}
		free(img->data);
		img->data = xmalloc(d->outlen);
		memcpy(img->data, d->out, d->outlen);
		img->len = d->outlen;
		img->pw = d->ow;
		img->ph = d->oh;
	} else {
		img->pw = img->w;
		img->ph = img->h;
	}
	rc = 0;
done:
	if (d->have_ci)
		jpeg_destroy_decompress(&d->ci);
	if (d->have_co)
		jpeg_destroy_compress(&d->co);
	free(d->out);
	free(d->row);
	shrink_done(&d->sh);
	free(d);
	return rc;
}

/* ---- the table ---- */

static const char *read_header(struct image *img, const struct content *c, const char *url)
{
	const char *why = NULL;
	if (strstr(url, "://") || !strncmp(url, "data:", 5))
		return "is remote and is not fetched";
	/* images may come from beside the folder in its repository (../charts) */
	enum content_fail fail = CONTENT_UNREADABLE;
	img->data = content_read_rel(c, url, SCOPE_TREE, &img->len, IMAGE_MAX_BYTES, &why, &fail);
	if (!img->data) {
		/* the reason may be composed for this file: the entry keeps a copy */
		img->escapes = fail == CONTENT_ESCAPES;
		img->why_text = xstrdup(why ? why : "cannot be read");
		return img->why_text;
	}
	const unsigned char *d = (const unsigned char *)img->data;
	if (img->len >= 33 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		img->type = IMG_PNG;
		unsigned w = be32(d + 16), h = be32(d + 20);
		if (w == 0 || h == 0)
			return "has no size";
		if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
			return WHY_SIDE;
		img->w = (int)w;
		img->h = (int)h;
		return NULL;
	}
	if (img->len >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
		img->type = IMG_JPEG;
		struct jpegdec *j = xcalloc(1, sizeof(*j));
		int rc = jpeg_header(j, img);
		if (j->have_ci)
			jpeg_destroy_decompress(&j->ci);
		free(j);
		return rc == 0 ? NULL : WHY_JPEG;
	}
	return "is not a PNG or JPEG image";
}

int image_open(struct image_table *t, const struct content *c, const char *url, int max)
{
	char *key = image_key(url);
	int i;
	if (t->keys && strmap_get(t->keys, key, &i)) {
		free(key);
		return i;
	}
	if (t->n >= max) {
		free(key);
		return -1;
	}
	if (!t->keys)
		t->keys = strmap_new();
	GROW(t->v, t->cap, t->n + 1);
	struct image *img = &t->v[t->n];
	memset(img, 0, sizeof(*img));
	img->key = key;
	img->why = read_header(img, c, url);
	if (img->why) {
		free(img->data);
		img->data = NULL;
		img->len = 0;
	}
	strmap_put(t->keys, key, t->n);
	return t->n++;
}

int image_fit(struct image_table *t, int i, int tw, int th)
{
	struct image *img = &t->v[i];
	if (img->fitted || img->why)
		return img->why ? -1 : 0;
	img->fitted = 1;
	if (tw < 1)
		tw = 1;
	if (th < 1)
		th = 1;
	int rc = img->type == IMG_PNG ? png_fit(t, img, tw, th) : jpeg_fit(t, img, tw, th);
	if (rc != 0) {
		free(img->data);
		img->data = NULL;
		img->len = 0;
	}
	return rc;
}

void image_table_done(struct image_table *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].key);
		free(t->v[i].data);
		free(t->v[i].mask);
		free(t->v[i].why_text);
	}
	free(t->v);
	strmap_free(t->keys);
	memset(t, 0, sizeof(*t));
}
