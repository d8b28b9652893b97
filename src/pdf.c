/* pdf.c: libharu output.  The only file, with font.c, that includes hpdf.h.
 *
 * libharu's errors are sticky and some calls fail without calling the
 * handler (library-facts §5), so the handler records the first error, and
 * the status is checked after each page and before saving.  The document is
 * saved to a memory stream and written by us, because libharu's own file
 * save ignores fclose's result and leaves partial files behind. */
#include "pdf.h"
#include "objstm.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_doc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct errctx {
	HPDF_STATUS err;     /* first error number, 0 for none */
	HPDF_STATUS detail;  /* its detail */
};

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct errctx *e = user;
	if (!e->err) {
		e->err = err;
		e->detail = detail;
	}
}

struct dest {
	int page;   /* page index */
	fx x, y;    /* position on the page, from the top-left */
};

static HPDF_REAL X(fx v)
{
	return (HPDF_REAL)FX_TO_PT(v);
}

static void set_rgb_fill(HPDF_Page p, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(p, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f);
}

static void set_rgb_stroke(HPDF_Page p, uint32_t rgb)
{
	HPDF_Page_SetRGBStroke(p, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f);
}

/* A destination landing at (x, y) at the current zoom: /XYZ x y null.  The
 * public SetXYZ refuses a zero zoom and poisons the document (facts §3). */
static HPDF_Destination make_dest(HPDF_Doc pdf, HPDF_Page page, fx x, fx y, fx page_h)
{
	HPDF_Destination d = HPDF_Page_CreateDestination(page);
	if (!d)
		return NULL;
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, page);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_AddReal(d, X(x));
	HPDF_Array_AddReal(d, X(page_h - y));
	HPDF_Array_Add(d, HPDF_Null_New(pdf->mmgr));
	return d;
}

static fx page_height(const struct pdf_job *job, int i)
{
	return job->pages->v[i].h ? job->pages->v[i].h : job->page_h;
}

/* URIs are written as raw bytes: percent-encode what is not printable ASCII. */
static char *uri_encode(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7F || c == '(' || c == ')' || c == '\\')
			buf_addf(&b, "%%%02X", c);
		else
			buf_addc(&b, c);
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

/* A length as PDF user-space units, shortest form ("12.5", "-3"). */
static void add_num(struct buf *b, fx v)
{
	if (v < 0) {
		buf_addc(b, '-');
		v = -v;
	}
	buf_addf(b, "%d", v / 1000);
	int frac = v % 1000;
	if (frac) {
		char s[8];
		snprintf(s, sizeof(s), ".%03d", frac);
		size_t n = strlen(s);
		while (s[n - 1] == '0')
			n--;
		buf_add(b, s, n);
	}
	buf_addc(b, ' ');
}

/* UTF-8 as a literal string of two-byte CIDs (CID = code point, §1). */
static void add_cids(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '(');
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		unsigned char by[2] = { (unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF) };
		for (int k = 0; k < 2; k++) {
			unsigned char c = by[k];
			if (c == '(' || c == ')' || c == '\\')
				buf_addf(b, "\\%c", c);
			else if (c == '\r' || c == '\n')
				buf_addf(b, "\\%03o", c);
			else
				buf_addc(b, c);
		}
	}
	buf_addc(b, ')');
}

static void flush_ops(HPDF_Stream cs, struct buf *ops)
{
	if (ops->len)
		HPDF_Stream_Write(cs, (const HPDF_BYTE *)ops->data, (HPDF_UINT)ops->len);
	ops->len = 0;
}

static void draw_page(HPDF_Doc pdf, HPDF_Page page, const struct page *pg, HPDF_Font *fonts,
                      HPDF_Image *images, const struct pdf_job *job, HPDF_Page *pages,
                      const struct dest *dests, const struct strmap *destmap)
{
	fx H = pg->h ? pg->h : job->page_h;
	/* shapes first, then text, so shading never covers glyphs */
	for (int i = 0; i < pg->n; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind == DL_RECT) {
			/* colours are graphics state: set before the path begins */
			if (it->size > 0) {
				set_rgb_stroke(page, it->rgb);
				HPDF_Page_SetLineWidth(page, X(it->size));
			} else {
				set_rgb_fill(page, it->rgb);
			}
			HPDF_Page_Rectangle(page, X(it->x), X(H - it->y - it->h), X(it->w), X(it->h));
			if (it->size > 0)
				HPDF_Page_Stroke(page);
			else
				HPDF_Page_Fill(page);
		} else if (it->kind == DL_LINE) {
			set_rgb_stroke(page, it->rgb);
			HPDF_Page_SetLineWidth(page, X(it->size));
			/* dots: zero-length dashes with round caps (libharu's
			 * SetDash takes integers and refuses zero) */
			HPDF_Stream gs = ((HPDF_PageAttr)page->attr)->stream;
			if (it->face == DL_DOTTED) {
				char d[48];
				snprintf(d, sizeof(d), "1 J [0 %.3f] 0 d\n", FX_TO_PT(DL_DOT_STEP));
				HPDF_Stream_WriteStr(gs, d);
			}
			HPDF_Page_MoveTo(page, X(it->x), X(H - it->y));
			HPDF_Page_LineTo(page, X(it->x + it->w), X(H - it->y - it->h));
			HPDF_Page_Stroke(page);
			if (it->face == DL_DOTTED)
				HPDF_Stream_WriteStr(gs, "0 J [] 0 d\n");
		} else if (it->kind == DL_IMAGE && images[it->face]) {
			HPDF_Page_DrawImage(page, images[it->face], X(it->x), X(H - it->y - it->h), X(it->w),
			                    X(it->h));
		}
	}
	HPDF_Page_BeginText(page);
	HPDF_Stream cs = ((HPDF_PageAttr)page->attr)->stream;
	struct buf ops;
	buf_init(&ops);
	int cur_face = -1;
	fx cur_size = -1, lx = 0, ly = 0;
	uint32_t cur_rgb = 0xFFFFFFFFu;
	for (int i = 0; i < pg->n;) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind != DL_TEXT || it->len == 0) {
			i++;
			continue;
		}
		if (it->face != cur_face || it->size != cur_size) {
			flush_ops(cs, &ops);
			HPDF_Page_SetFontAndSize(page, fonts[it->face], X(it->size));
			cur_face = it->face;
			cur_size = it->size;
		}
		if (it->rgb != cur_rgb) {
			flush_ops(cs, &ops);
			set_rgb_fill(page, it->rgb);
			cur_rgb = it->rgb;
		}
		/* one TJ for a run of words on one baseline in one style: the
		 * spaces become position adjustments (Tw does not apply to
		 * two-byte fonts) */
		fx x = it->x, y = H - it->y;
		add_num(&ops, x - lx);
		add_num(&ops, y - ly);
		buf_adds(&ops, "Td[");
		lx = x, ly = y;
		int j = i;
		fx end = x;
		for (; j < pg->n; j++) {
			const struct dl_item *t = &pg->items[j];
			if (t->kind != DL_TEXT || t->len == 0)
				continue;
			if (t->face != it->face || t->size != it->size || t->rgb != it->rgb || t->y != it->y ||
			    t->x < end)
				break;
			if (j > i) {
				/* the gap in thousandths of the font size, negative moves right */
				long adj = -(long)(((int64_t)(t->x - end) * 1000 + t->size / 2) / t->size);
				if (adj)
					buf_addf(&ops, "%ld", adj);
			}
			add_cids(&ops, t->str, (size_t)t->len);
			end = t->x + t->w;
		}
		buf_adds(&ops, "]TJ\n");
		if (ops.len > 16384)
			flush_ops(cs, &ops);
		i = j;
	}
	flush_ops(cs, &ops);
	buf_done(&ops);
	HPDF_Page_EndText(page);
	for (int i = 0; i < pg->n; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind != DL_LINK || !it->str)
			continue;
		HPDF_Rect r = { X(it->x), X(H - it->y - it->h), X(it->x + it->w), X(H - it->y) };
		HPDF_Annotation a = NULL;
		if (!strncmp(it->str, "uri:", 4)) {
			char *u = uri_encode(it->str + 4);
			a = HPDF_Page_CreateURILinkAnnot(page, r, u);
			free(u);
		} else {
			int k;
			if (!strmap_get(destmap, it->str, &k))
				continue;
			HPDF_Destination d = make_dest(pdf, pages[dests[k].page], dests[k].x, dests[k].y,
			                               page_height(job, dests[k].page));
			if (d)
				a = HPDF_Page_CreateLinkAnnot(page, r, d);
		}
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

static int write_blocked(const char *path, const char *data, size_t len, struct diags *d)
{
	struct buf tmp;
	buf_init(&tmp);
	const char *slash = strrchr(path, '/');
	if (slash)
		buf_add(&tmp, path, (size_t)(slash - path) + 1);
	buf_adds(&tmp, ".handbook-XXXXXX");
	char *t = buf_detach(&tmp);
	int fd = mkstemp(t);
	if (fd < 0) {
		diag_error(d, path, 0, "cannot create a file in its folder: %s", strerror(errno));
		free(t);
		return -1;
	}
	size_t off = 0;
	int rc = 0;
	while (off < len) {
		ssize_t k = write(fd, data + off, len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			diag_error(d, path, 0, "cannot write: %s", k < 0 ? strerror(errno) : "disk full");
			rc = -1;
			break;
		}
		off += (size_t)k;
	}
	if (rc == 0 && fsync(fd) != 0 && errno != EINVAL) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	if (close(fd) != 0 && rc == 0) {
		diag_error(d, path, 0, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0) {
		/* the result is readable like any file the user makes */
		mode_t um = umask(0);
		umask(um);
		chmod(t, 0666 & ~um);
		if (rename(t, path) != 0) {
			diag_error(d, path, 0, "cannot replace: %s", strerror(errno));
			rc = -1;
		}
	}
	if (rc != 0)
		unlink(t);
	free(t);
	return rc;
}

/* Writes data to a temporary file beside path, flushes it and renames it
 * over path.  Interrupting signals wait until the temporary file is renamed
 * or removed, so an interrupted run never leaves one behind. */
static int write_atomic(const char *path, const char *data, size_t len, struct diags *d)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);
	int rc = write_blocked(path, data, len, d);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void set_info(HPDF_Doc pdf, const struct pdf_meta *m)
{
	HPDF_SetCurrentEncoder(pdf, "UTF-8"); /* Info strings use the current encoder (facts §3) */
	if (m->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, m->title);
	if (m->author)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->author);
	if (m->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, m->subject);
	if (m->keywords)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, m->keywords);
	if (m->creator) {
		HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, m->creator);
		HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, m->creator);
	}
	if (m->year > 0) {
		HPDF_Date dt = { m->year, m->month, m->day, 0, 0, 0, '+', 0, 0 };
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

static void add_outline(HPDF_Doc pdf, const struct pdf_job *job, HPDF_Page *pages,
                        const struct dest *dests, const struct strmap *destmap)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline parent = NULL;
	for (int i = 0; i < job->nol; i++) {
		const struct outline_entry *e = &job->ol[i];
		int k;
		if (!strmap_get(destmap, e->key, &k))
			continue;
		HPDF_Outline o = HPDF_CreateOutline(pdf, e->level == 1 ? NULL : parent, e->title, enc);
		if (!o)
			continue;
		HPDF_Destination d = make_dest(pdf, pages[dests[k].page], dests[k].x, dests[k].y,
		                               page_height(job, dests[k].page));
		if (d)
			HPDF_Outline_SetDestination(o, d);
		/* sections stay folded under their chapter */
		HPDF_Outline_SetOpened(o, HPDF_FALSE);
		if (e->level == 1)
			parent = o;
	}
}

/* Builds the whole document in memory.  Returns 0 with the bytes in
 * *data, or -1 with libharu's error in *e.  `salt` adds a few glyphs to
 * every subset: see pdf_write. */
static int build_pdf(const struct pdf_job *job, struct fonts *f, int salt, struct diags *d,
                     char **out, size_t *outlen, struct errctx *ep)
{
	struct errctx e = { 0, 0 };
	HPDF_Doc pdf = HPDF_New(on_error, &e);
	if (!pdf) {
		ep->err = HPDF_FAILD_TO_ALLOC_MEM;
		return -1;
	}
	int rc = -1;
	HPDF_Page *pages = xcalloc((size_t)job->pages->n + 1, sizeof(*pages));
	HPDF_Image *images = xcalloc((size_t)job->nimg + 1, sizeof(*images));
	struct dest *dests = NULL;
	int ndest = 0, destcap = 0;
	struct strmap *destmap = strmap_new();
	char *data = NULL;
	/* no compression here: objstm.c compresses every stream once, with
	 * libdeflate, faster and smaller than libharu's zlib */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");

	/* fonts: subset to what is drawn */
	font_reset_use(f);
	int used[FACE__MAX] = { 0 };
	for (int i = 0; i < job->pages->n; i++) {
		const struct page *pg = &job->pages->v[i];
		for (int k = 0; k < pg->n; k++)
			if (pg->items[k].kind == DL_TEXT) {
				font_use(f, (enum face)pg->items[k].face, pg->items[k].str, (size_t)pg->items[k].len);
				used[pg->items[k].face] = 1;
			} else if (pg->items[k].kind == DL_DEST) {
				GROW(dests, destcap, ndest + 1);
				dests[ndest] = (struct dest){ i, pg->items[k].x, pg->items[k].y };
				if (strmap_put(destmap, pg->items[k].str, ndest))
					ndest++;
			}
	}
	HPDF_Font fonts[FACE__MAX] = { 0 };
	for (int i = 0; i < FACE__MAX; i++) {
		if (used[i] && salt)
			font_salt(f, (enum face)i, salt);
		if (used[i] && !(fonts[i] = font_embed(f, (enum face)i, pdf, d)))
			goto done;
	}
	for (int i = 0; i < job->nimg; i++) {
		const struct image *im = &job->img[i];
		images[i] = im->type == IMG_PNG
		                ? HPDF_LoadPngImageFromMem(pdf, (const HPDF_BYTE *)im->data, (HPDF_UINT)im->len)
		                : HPDF_LoadJpegImageFromMem(pdf, (const HPDF_BYTE *)im->data, (HPDF_UINT)im->len);
		if (!images[i] || e.err) {
			/* already checked by image.c; a failure here is libharu's, so drop the image */
			HPDF_ResetError(pdf);
			e.err = 0;
			images[i] = NULL;
			continue;
		}
		/* libharu's uncompressed soft mask (facts §6) is compressed by objstm.c */
	}
	for (int i = 0; i < job->pages->n; i++) {
		const struct page *pg = &job->pages->v[i];
		pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[i], X(pg->w ? pg->w : job->page_w));
		HPDF_Page_SetHeight(pages[i], X(pg->h ? pg->h : job->page_h));
	}
	if (e.err)
		goto done;
	for (int i = 0; i < job->pages->n; i++) {
		draw_page(pdf, pages[i], &job->pages->v[i], fonts, images, job, pages, dests, destmap);
		if (e.err)
			goto done;
	}
	add_outline(pdf, job, pages, dests, destmap);
	HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	for (int i = 0; i < job->nlabels; i++)
		HPDF_AddPageLabel(pdf, (HPDF_UINT)job->labels[i].page,
		                  job->labels[i].roman ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL,
		                  (HPDF_UINT)job->labels[i].start, "");
	set_info(pdf, &job->meta);
	if (e.err)
		goto done;
	if (HPDF_SaveToStream(pdf) != HPDF_OK || e.err) {
		if (!e.err)
			e.err = HPDF_GetError(pdf); /* some failures skip the handler */
		goto done;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	data = xmalloc(size ? size : 1);
	HPDF_UINT32 got = size;
	if (HPDF_GetContents(pdf, (HPDF_BYTE *)data, &got) != HPDF_OK || got != size || size < 16 ||
	    memcmp(data, "%PDF-", 5) || !memmem(data + size - 16, 16, "%%EOF", 5)) {
		if (!e.err)
			e.err = HPDF_INVALID_DOCUMENT;
		goto done;
	}
	*out = data;
	*outlen = size;
	data = NULL;
	rc = 0;
done:
	*ep = e;
	free(data);
	free(pages);
	free(images);
	free(dests);
	strmap_free(destmap);
	HPDF_Free(pdf);
	return rc;
}

/* How many times a save is retried with salted subsets.  libharu 2.3.0
 * fails to save (HPDF_INVALID_OBJECT) when a rebuilt font file is an exact
 * multiple of its 4 KiB stream buffer: its final seek to the end lands on a
 * buffer that does not exist.  A few more glyphs change the size. */
#define PDF_SAVE_TRIES 6

int pdf_write(const struct pdf_job *job, struct fonts *f, const char *path, struct diags *d,
              char **out, size_t *outlen)
{
	char *data = NULL;
	size_t size = 0;
	struct errctx e = { 0, 0 };
	int rc = -1;
	for (int salt = 0; salt < PDF_SAVE_TRIES && rc != 0; salt++) {
		rc = build_pdf(job, f, salt, d, &data, &size, &e);
		if (rc != 0 && e.err != HPDF_INVALID_OBJECT)
			break;
	}
	if (rc != 0) {
		diag_error(d, path, 0, "the PDF could not be made (libharu error 0x%04X, detail %u)",
		           (unsigned)e.err, (unsigned)e.detail);
		return -1;
	}
	char *packed = NULL;
	size_t plen = 0;
	if (objstm_pack(data, size, &packed, &plen) == 0) {
		free(data);
		data = packed;
		size = plen;
	}
	if (path && write_atomic(path, data, size, d) != 0) {
		free(data);
		return -1;
	}
	if (out) {
		*out = data;
		*outlen = size;
	} else {
		free(data);
	}
	return 0;
}
