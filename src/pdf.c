/* pdf.c: the display list to a PDF with libharu.  The only files that
 * include hpdf.h are this one and pdfobj.c.
 *
 * libharu holds the document (pages, outline, labels, images, metadata)
 * and saves it; the page content is written here, compressed on all cores
 * and handed over as finished streams (pdfobj.c), with the fonts from
 * font.c's subsets.  libharu's errors are sticky and some calls fail
 * without calling the handler (docs/libharu.md §5), so the handler records
 * the first error, and the status is checked after each batch of pages and
 * before saving.  The document is saved into memory and written by
 * output.c, because libharu's own file save ignores fclose's result and
 * leaves partial files behind. */
#include "pdf.h"
#include "build.h"
#include "messages.h"
#include "flate.h"
#include "objstm.h"
#include "pdfobj.h"
#include "par.h"
#include "srgb.h"
#include "tagtree.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_streams.h>
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

/* Pages drawn, then compressed on all cores, then handed to libharu, this
 * many at a time: enough to share out, few enough to keep memory flat. */
#define PAGE_BATCH 32

/* What every object writer needs: the document and the compressors. */
struct out {
	HPDF_Doc pdf;
	struct flate *z[PAR_MAX_WORKERS]; /* per par_for worker; z[0] the main thread's */
	struct buf link;      /* one link annotation's entries, reused */
	struct buf ops[PAGE_BATCH];  /* content operators of a batch of pages */
	struct buf zops[PAGE_BATCH]; /* the same, compressed */
	struct fonts *f;
	int faces[FACE__MAX]; /* the faces drawn with */
	int nfaces;
	struct buf zfont[FACE__MAX]; /* per face, its compressed font file */
	int font_rc[FACE__MAX];      /* per face, font_subset's result */
	struct font_subset *sub; /* per face, for glyph ids */
	HPDF_Dict *fonts;     /* per face, NULL when unused */
	HPDF_Image *images;
	HPDF_Page *pages;
	const struct pdf_job *job;
	struct dest *dests;   /* where each destination key lands */
	struct strmap *destmap; /* key -> index in dests */
	struct strmap *uris;  /* long link key -> index in uri_obj */
	unsigned long *uri_obj; /* object number of each shared URI action */
	int nuri, uricap;
	struct tagtree tt;    /* the structure tree, grown page by page */
	int *mcid[PAGE_BATCH]; /* per page of a batch, per item: tagtree_page's mcid[] */
	int mcidcap[PAGE_BATCH];
	unsigned char *paints; /* per item of the page being drawn: 1 when it paints */
	int hycap;
	unsigned char *hy;    /* per item: HY_FIRST, HY_REST (a word broken with a hyphen) or 0 */
	struct buf word;      /* a broken word, whole */
	int paintcap;
	int page_now;         /* the page being drawn (for the BDC tag names) */
	int span_open;        /* 1: mark() opened an ActualText Span inside the current MCID */
	int tagged;           /* 0: --pdf-standard none, no marked content or structure */
	HPDF_MD5_CTX md5;     /* over every page's content: the file's /ID */
	struct form *form;    /* the worksheet's fields, or NULL before the first */
};

static HPDF_REAL X(fx v)
{
	return (HPDF_REAL)FX_TO_PT(v);
}

static fx page_height(const struct pdf_job *job, int i)
{
	return job->pages->v[i].h ? job->pages->v[i].h : job->page_h;
}

/* --- numbers and strings for content streams -------------------------- */

static void add_uint(struct buf *b, unsigned long v)
{
	char s[24];
	int n = 0;
	do
		s[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_reserve(b, (size_t)n);
	while (n > 0)
		b->data[b->len++] = s[--n];
	b->data[b->len] = 0;
}

/* v/1000 in shortest form ("12.5", "-3"), then a space. */
static void add_milli(struct buf *b, long v)
{
	if (v < 0) {
		buf_addc(b, '-');
		v = -v;
	}
	add_uint(b, (unsigned long)v / 1000);
	int frac = (int)(v % 1000);
	if (frac) {
		char s[4] = { '.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10), (char)('0' + frac % 10) };
		int n = 4;
		while (s[n - 1] == '0')
			n--;
		buf_add(b, s, (size_t)n);
	}
	buf_addc(b, ' ');
}

/* A length as PDF user-space units. */
static void add_num(struct buf *b, fx v)
{
	add_milli(b, v);
}

/* An 8-bit colour channel as a fraction with three decimals: enough to
 * give the same byte back. */
static void add_rgb(struct buf *b, uint32_t rgb, const char *op)
{
	for (int sh = 16; sh >= 0; sh -= 8)
		add_milli(b, (long)((((rgb >> sh) & 255) * 1000 + 127) / 255));
	buf_adds(b, op);
}

/* UTF-8 text as a literal string of glyph codes (font.h: short codes). */
static void add_glyphs(struct buf *b, const struct font_subset *fs, const char *s, size_t n)
{
	/* at most two code bytes per character, each at most two when escaped */
	buf_reserve(b, 4 * n + 2);
	char *p = b->data + b->len;
	*p++ = '(';
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		unsigned char code[2];
		int k = font_code(fs, font_glyph(fs, cp), code);
		for (int j = 0; j < k; j++) {
			unsigned char c = code[j];
			if (c == '(' || c == ')' || c == '\\')
				*p++ = '\\';
			if (c == '\r') {
				*p++ = '\\';
				c = 'r';
			}
			*p++ = (char)c;
		}
	}
	*p++ = ')';
	b->len = (size_t)(p - b->data);
	b->data[b->len] = 0;
}

/* --- marked content ---------------------------------------------------- */

#define HY_FIRST 1  /* text before a hyphen the line break added */
#define HY_REST 2   /* the rest of that word, on the next line */

static void add_text_string(struct buf *b, const char *s);

/* Brings the content stream into marked content m (an MCID, TT_ARTIFACT,
 * or TT_NONE to close): every painted item is inside one (PDF/UA 01-005).
 * actual, when not NULL, is the text m reads as (ActualText). */
static void mark(struct out *o, struct buf *b, int *cur, int m, const char *actual)
{
	if (*cur == m || !o->tagged)
		return;
	if (*cur != TT_NONE)
		buf_adds(b, o->span_open ? "EMC EMC\n" : "EMC\n");
	o->span_open = 0;
	if (m == TT_ARTIFACT) {
		buf_adds(b, "/Artifact BMC\n");
	} else if (m >= 0) {
		int owner = o->tt.owner[o->page_now][m];
		/* no printf: a book draws one of these per run of text */
		buf_addc(b, '/');
		buf_adds(b, tag_names[o->tt.e[owner].role]);
		/* no spaces: delimiters end a name and a dictionary (ISO
		 * 32000-1 §7.2.2), and a book has a thousand of these */
		buf_adds(b, "<</MCID ");
		add_uint(b, (unsigned long)m);
		buf_adds(b, ">>BDC\n");
		if (actual) {
			/* readers take ActualText from a Span (poppler from no other tag) */
			buf_adds(b, "/Span<</ActualText ");
			add_text_string(b, actual);
			buf_adds(b, ">>BDC\n");
			o->span_open = 1;
		}
	}
	*cur = m;
}

/* Four upper-case hex digits of v (a UTF-16 unit). */
static void add_hex4(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[4] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15] };
	buf_add(b, h, 4);
}

/* A text string for a PDF dictionary: printable ASCII as a literal
 * string (the common case, and half the size), anything else UTF-16BE
 * with a byte order mark, in hex, so any character survives. */
static void add_text_string(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = s[i] >= 0x20 && s[i] < 0x7F;
	if (ascii) {
		buf_addc(b, '(');
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
				buf_addc(b, '\\');
			buf_addc(b, s[i]);
		}
		buf_addc(b, ')');
		return;
	}
	buf_adds(b, "<FEFF");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			add_hex4(b, 0xD800 + (unsigned)(cp >> 10));
			add_hex4(b, 0xDC00 + (unsigned)(cp & 0x3FF));
		} else {
			add_hex4(b, (unsigned)cp);
		}
	}
	buf_addc(b, '>');
}

/* --- links and destinations ------------------------------------------- */

/* A destination is [page /XYZ left top null]: it lands with the point at
 * the window's top-left at the current zoom.  Whole points, rounded so the
 * target stays in view. */
static void dest_point(const struct out *o, int k, long *left, long *top)
{
	const struct dest *dt = &o->dests[k];
	*left = (long)(dt->x / 1000);
	*top = (long)((page_height(o->job, dt->page) - dt->y + 999) / 1000);
}

/* The destination as a libharu array, for the outline. */
static HPDF_Array dest_array(struct out *o, int k)
{
	HPDF_Array a = HPDF_Array_New(o->pdf->mmgr);
	if (!a)
		return NULL;
	long left, top;
	dest_point(o, k, &left, &top);
	HPDF_Array_Add(a, o->pages[o->dests[k].page]);
	HPDF_Array_AddName(a, "XYZ");
	HPDF_Array_AddNumber(a, (HPDF_INT32)left);
	HPDF_Array_AddNumber(a, (HPDF_INT32)top);
	HPDF_Array_Add(a, HPDF_Null_New(o->pdf->mmgr));
	return a;
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

/* A rectangle edge in points, a quarter point outwards: short numbers,
 * never a smaller active area. */
static void add_quarter(struct buf *b, fx v, int up)
{
	long q = v >= 0 ? (long)(v / 250) : -(long)((-v + 249) / 250);
	if (up && (fx)(q * 250) < v)
		q++;
	add_milli(b, q * 250);
}

/* A URI this long or longer (in bytes before encoding) gets one action object that every annotation
 * to it refers to: a long target linked thousands of times would otherwise
 * be written (and held) once per annotation.  Shorter ones stay inline,
 * where they cost less than the reference and its object. */
#define PDF_URI_SHARED 128

/* The object number of the one URI action for a link key ("uri:..."),
 * made on first use; 0 if libharu fails. */
static unsigned long uri_action(struct out *o, const char *key)
{
	int k;
	if (!o->uris)
		o->uris = strmap_new();
	if (strmap_get(o->uris, key, &k))
		return o->uri_obj[k];
	char *u = uri_encode(key + 4);
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "/S /URI /URI (%s)\n", u);
	HPDF_Dict a = pdfobj_raw(o->pdf, b.data, b.len);
	buf_done(&b);
	free(u);
	if (!a)
		return 0;
	GROW(o->uri_obj, o->uricap, o->nuri + 1);
	o->uri_obj[o->nuri] = pdfobj_num(a);
	strmap_put(o->uris, key, o->nuri);
	return o->uri_obj[o->nuri++];
}

/* A borderless link annotation, to a destination (inline) or a URI.  It is
 * written as one string: a thousand-role book has tens of thousands. */
static void add_link(struct out *o, int pi, int elem, const struct dl_item *it, fx H)
{
	HPDF_Page page = o->pages[pi];
	struct buf *b = &o->link;
	b->len = 0;
	/* printed (PDF/A), and in the structure: its Link element's OBJR
	 * points here and /StructParent points back; /Contents says in words
	 * what the area is (PDF/UA 28-008) */
	int key = elem > 0 && o->tagged ? o->tt.npages + o->tt.nannot : -1;
	buf_adds(b, "/Type /Annot /Subtype /Link /F 4 /Border [0 0 0] ");
	if (key >= 0) {
		buf_adds(b, "/StructParent ");
		add_uint(b, (unsigned long)key);
		buf_adds(b, " /Contents ");
		const char *c = o->tt.e[elem].contents;
		add_text_string(b, c && *c ? c : !strncmp(it->str, "uri:", 4) ? it->str + 4 : "link");
		buf_addc(b, ' ');
	}
	buf_adds(b, "/Rect [");
	add_quarter(b, it->x, 0);
	add_quarter(b, H - it->y - it->h, 0);
	add_quarter(b, it->x + it->w, 1);
	add_quarter(b, H - it->y, 1);
	if (!strncmp(it->str, "uri:", 4)) {
		unsigned long num = strlen(it->str + 4) >= PDF_URI_SHARED ? uri_action(o, it->str) : 0;
		if (num) {
			buf_addf(b, "] /A %lu 0 R\n", num);
		} else {
			char *u = uri_encode(it->str + 4);
			buf_addf(b, "] /A << /S /URI /URI (%s) >>\n", u);
			free(u);
		}
	} else {
		int k;
		if (!strmap_get(o->destmap, it->str, &k))
			return;
		long left, top;
		dest_point(o, k, &left, &top);
		buf_adds(b, "] /Dest [");
		add_uint(b, pdfobj_num(o->pages[o->dests[k].page]));
		buf_adds(b, " 0 R /XYZ ");
		add_milli(b, left * 1000);
		add_milli(b, top * 1000);
		buf_adds(b, "null]\n");
	}
	HPDF_Dict a = pdfobj_raw(o->pdf, b->data, b->len);
	if (!a)
		return;
	if (key >= 0)
		tagtree_annot(&o->tt, elem, pi, pdfobj_num(a));
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = HPDF_Array_New(o->pdf->mmgr);
		if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
			return;
	}
	HPDF_Array_Add(annots, a);
}

static void add_field(struct out *o, int pi, int elem, const struct dl_item *it, fx H);

/* 1 when text of another element than elem lies under area u of page pi:
 * one annotation over u would then make that text a link too. */
static int covers_other(const struct out *o, int pi, const struct page *pg, const int *mcid, int elem,
                        const struct dl_item *u)
{
	for (int k = 0; k < pg->n; k++) {
		const struct dl_item *t = &pg->items[k];
		if (t->kind != DL_TEXT || t->len == 0 || (t->flags & DLF_ARTIFACT))
			continue;
		int owner = mcid[k] >= 0 && mcid[k] < o->tt.nmcid[pi] ? o->tt.owner[pi][mcid[k]] : -1;
		if (owner == elem)
			continue;
		if (t->x < u->x + u->w && t->x + t->w > u->x && t->y - t->size < u->y + u->h && t->y > u->y)
			return 1;
	}
	return 0;
}

/* Page pi's link annotations.  A link set over several lines has an area
 * per line; when the box around them all holds no other text (a table
 * cell that is one link, as in the glance), it is one annotation over
 * that box instead: a third of the handbook's annotations. */
static void add_links(struct out *o, int pi, const int *mcid, fx H)
{
	const struct page *pg = &o->job->pages->v[pi];
	unsigned char *done = xcalloc((size_t)pg->n + 1, 1);
	for (int m = 0; m < pg->n; m++) {
		const struct dl_item *it = &pg->items[m];
		int elem = mcid[m] >= 0 ? mcid[m] : -1;
		if (it->kind == DL_FIELD && it->str) {
			add_field(o, pi, elem, it, H);
			continue;
		}
		if (it->kind != DL_LINK || !it->str || done[m])
			continue;
		/* a repeated table head is an Artifact, which can hold no Link
		 * element: its copy of a link gets no annotation (PDF/UA 7.18.1) */
		if (o->tagged && (it->flags & DLF_ARTIFACT))
			continue;
		struct dl_item u = *it;
		int more = 0;
		for (int k = m + 1; elem > 0 && o->tagged && k < pg->n; k++) {
			const struct dl_item *l = &pg->items[k];
			if (l->kind != DL_LINK || !l->str || mcid[k] != elem || strcmp(l->str, it->str))
				continue;
			fx x1 = u.x + u.w > l->x + l->w ? u.x + u.w : l->x + l->w;
			fx y1 = u.y + u.h > l->y + l->h ? u.y + u.h : l->y + l->h;
			u.x = u.x < l->x ? u.x : l->x;
			u.y = u.y < l->y ? u.y : l->y;
			u.w = x1 - u.x;
			u.h = y1 - u.y;
			more = 1;
		}
		if (more && !covers_other(o, pi, pg, mcid, elem, &u)) {
			for (int k = m + 1; k < pg->n; k++)
				if (pg->items[k].kind == DL_LINK && pg->items[k].str && mcid[k] == elem &&
				    !strcmp(pg->items[k].str, it->str))
					done[k] = 1;
			add_link(o, pi, elem, &u, H);
		} else {
			add_link(o, pi, elem, it, H);
		}
	}
	free(done);
}

/* --- form fields (the review worksheet) --------------------------------------
 *
 * libharu has no AcroForm API: each DL_FIELD becomes a widget annotation
 * written as our own objects.  A choice row is one radio-button field whose
 * kids are its boxes (one choice per row); a text field is multi-line.
 * Every widget has the print flag (/F 4) and a normal appearance, so a
 * value shows and prints in viewers that do not build their own, and the
 * document's /AcroForm lists every field, with Helvetica as the default
 * face for typed text. */

struct form {
	struct strmap *rows;   /* row name -> index in parent */
	HPDF_Dict *parent;     /* each choice row's field */
	int nrows, cap;
	HPDF_Array fields;     /* the AcroForm's /Fields */
	HPDF_Dict helv;        /* Helvetica, for /DA */
	HPDF_Dict on, off;     /* the tick box's appearances, for on_w x on_h */
	fx on_w, on_h;
};

static void form_free(struct form *f)
{
	if (!f)
		return;
	strmap_free(f->rows);
	free(f->parent);
	free(f);
}

/* An appearance: a form XObject of w x h drawing ops. */
static HPDF_Dict appearance(struct out *o, fx w, fx h, const char *ops)
{
	struct buf z;
	buf_init(&z);
	flate_add(o->z[0], ops, strlen(ops), &z);
	HPDF_Dict st = pdfobj_stream(o->pdf, z.data ? z.data : "", z.len);
	if (st) {
		HPDF_Dict_AddName(st, "Type", "XObject");
		HPDF_Dict_AddName(st, "Subtype", "Form");
		HPDF_Array bbox = HPDF_Array_New(o->pdf->mmgr);
		HPDF_Array_AddNumber(bbox, 0);
		HPDF_Array_AddNumber(bbox, 0);
		HPDF_Array_AddReal(bbox, X(w));
		HPDF_Array_AddReal(bbox, X(h));
		HPDF_Dict_Add(st, "BBox", bbox);
		if (o->form && o->form->helv) {
			HPDF_Dict res = HPDF_Dict_New(o->pdf->mmgr), fonts = HPDF_Dict_New(o->pdf->mmgr);
			HPDF_Dict_Add(fonts, "Helv", o->form->helv);
			HPDF_Dict_Add(res, "Font", fonts);
			HPDF_Dict_Add(st, "Resources", res);
		}
	}
	buf_done(&z);
	return st;
}

static struct form *form_get(struct out *o)
{
	if (o->form)
		return o->form;
	struct form *f = o->form = xcalloc(1, sizeof(*f));
	f->rows = strmap_new();
	f->fields = HPDF_Array_New(o->pdf->mmgr);
	static const char helv[] = "/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding\n";
	f->helv = pdfobj_raw(o->pdf, helv, sizeof(helv) - 1);
	return f;
}

/* The widget's common entries into b: rectangle, page, print flag. */
static void widget_head(struct buf *b, const struct dl_item *it, fx H, HPDF_Page page)
{
	buf_adds(b, "/Type /Annot /Subtype /Widget /F 4 /Rect [");
	add_num(b, it->x);
	add_num(b, H - it->y - it->h);
	add_num(b, it->x + it->w);
	add_num(b, H - it->y);
	buf_addf(b, "] /P %lu 0 R ", pdfobj_num(page));
}

static void annot_add(struct out *o, HPDF_Page page, HPDF_Dict a)
{
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = HPDF_Array_New(o->pdf->mmgr);
		if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
			return;
	}
	HPDF_Array_Add(annots, a);
}

/* What a field is for, in words (its /TU, PDF/UA 28-005), from its name. */
static void purpose(struct buf *t, const char *name, int len)
{
	if (len > 9 && !strncmp(name, "evidence.", 9))
		buf_addf(t, "%s, %s %.*s", msg(MSG_EVIDENCE), msg(MSG_EXPECTATION), len - 9, name + 9);
	else if (len > 12 && !strncmp(name, "expectation.", 12))
		buf_addf(t, "%s %.*s", msg(MSG_EXPECTATION), len - 12, name + 12);
	else
		buf_adds(t, msg(MSG_AGREED_NEXT_STEPS));
}

static void field_purpose(struct buf *b, const char *name, int len)
{
	struct buf t;
	buf_init(&t);
	purpose(&t, name, len);
	buf_adds(b, "/TU ");
	add_text_string(b, buf_cstr(&t));
	buf_addc(b, ' ');
	buf_done(&t);
}

/* The same as a libharu object (for a field made as a dictionary): a text
 * string in UTF-16BE with its byte order mark, which libharu writes as hex. */
static HPDF_Binary purpose_binary(struct out *o, const char *name, int len)
{
	struct buf t, u;
	buf_init(&t);
	buf_init(&u);
	purpose(&t, name, len);
	buf_add(&u, "\xFE\xFF", 2);
	for (size_t i = 0; i < t.len;) {
		uint32_t cp;
		i += (size_t)utf8_decode(t.data + i, t.len - i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
			char q[4] = { (char)(hi >> 8), (char)hi, (char)(lo >> 8), (char)lo };
			buf_add(&u, q, 4);
		} else {
			char q[2] = { (char)(cp >> 8), (char)cp };
			buf_add(&u, q, 2);
		}
	}
	HPDF_Binary bin = HPDF_Binary_New(o->pdf->mmgr, (HPDF_BYTE *)u.data, (HPDF_UINT)u.len);
	buf_done(&t);
	buf_done(&u);
	return bin;
}

static void add_field(struct out *o, int pi, int elem, const struct dl_item *it, fx H)
{
	HPDF_Page page = o->pages[pi];
	struct form *f = form_get(o);
	struct buf b;
	buf_init(&b);
	widget_head(&b, it, H, page);
	/* in the structure like a link: its Form element's OBJR points here */
	int key = elem > 0 && o->tagged ? o->tt.npages + o->tt.nannot : -1;
	if (key >= 0)
		buf_addf(&b, "/StructParent %d ", key);
	if (it->face == DL_FIELD_TEXT) {
		/* an empty appearance with the marked content a viewer fills */
		HPDF_Dict ap = appearance(o, it->w, it->h, "/Tx BMC EMC\n");
		field_purpose(&b, it->str, it->len);
		buf_adds(&b, "/FT /Tx /Ff 4096 /T (");
		buf_add(&b, it->str, (size_t)it->len);
		buf_addf(&b, ") /V () /DA (/Helv 9 Tf 0 g) /AP << /N %lu 0 R >>\n", ap ? pdfobj_num(ap) : 0);
		HPDF_Dict w = ap ? pdfobj_raw(o->pdf, b.data, b.len) : NULL;
		if (w) {
			annot_add(o, page, w);
			HPDF_Array_Add(f->fields, w);
			if (key >= 0)
				tagtree_annot(&o->tt, elem, pi, pdfobj_num(w));
		}
		buf_done(&b);
		return;
	}
	/* a choice: the row's field, made at its first box */
	int k;
	if (!strmap_get(f->rows, it->str, &k)) {
		HPDF_Dict p = HPDF_Dict_New(o->pdf->mmgr);
		if (!p || HPDF_Xref_Add(o->pdf->xref, p) != HPDF_OK) {
			buf_done(&b);
			return;
		}
		HPDF_Dict_AddName(p, "FT", "Btn");
		HPDF_Dict_AddNumber(p, "Ff", 1 << 15); /* radio */
		HPDF_Dict_Add(p, "T", HPDF_String_New(o->pdf->mmgr, it->str, NULL));
		HPDF_Dict_AddName(p, "V", "Off");
		HPDF_Binary tu = purpose_binary(o, it->str, it->len);
		if (tu)
			HPDF_Dict_Add(p, "TU", tu);
		HPDF_Dict_Add(p, "Kids", HPDF_Array_New(o->pdf->mmgr));
		GROW(f->parent, f->cap, f->nrows + 1);
		f->parent[f->nrows] = p;
		strmap_put(f->rows, it->str, k = f->nrows++);
		HPDF_Array_Add(f->fields, p);
	}
	if (!f->on || it->w != f->on_w || it->h != f->on_h) {
		/* a filled square inset in the box the page draws */
		fx in = it->w / 5;
		struct buf q;
		buf_init(&q);
		buf_adds(&q, "q 0.133 0.133 0.133 rg ");
		add_num(&q, in);
		add_num(&q, in);
		add_num(&q, it->w - 2 * in);
		add_num(&q, it->h - 2 * in);
		buf_adds(&q, "re f Q\n");
		f->on = appearance(o, it->w, it->h, buf_cstr(&q));
		f->off = appearance(o, it->w, it->h, "\n");
		buf_done(&q);
		f->on_w = it->w;
		f->on_h = it->h;
	}
	buf_addf(&b, "/Parent %lu 0 R /AS /Off /MK << >> /AP << /N << /c%d %lu 0 R /Off %lu 0 R >> >>\n",
	         pdfobj_num(f->parent[k]), it->face, f->on ? pdfobj_num(f->on) : 0, f->off ? pdfobj_num(f->off) : 0);
	HPDF_Dict w = f->on && f->off ? pdfobj_raw(o->pdf, b.data, b.len) : NULL;
	if (w) {
		annot_add(o, page, w);
		HPDF_Array_Add(HPDF_Dict_GetItem(f->parent[k], "Kids", HPDF_OCLASS_ARRAY), w);
		if (key >= 0)
			tagtree_annot(&o->tt, elem, pi, pdfobj_num(w));
	}
	buf_done(&b);
}

/* The document's /AcroForm, when the pages have fields. */
static void add_acroform(struct out *o)
{
	struct form *f = o->form;
	if (!f)
		return;
	HPDF_Dict af = HPDF_Dict_New(o->pdf->mmgr), dr = HPDF_Dict_New(o->pdf->mmgr),
	          fonts = HPDF_Dict_New(o->pdf->mmgr);
	if (!af || !dr || !fonts)
		return;
	HPDF_Dict_Add(af, "Fields", f->fields);
	HPDF_Dict_Add(fonts, "Helv", f->helv);
	HPDF_Dict_Add(dr, "Font", fonts);
	HPDF_Dict_Add(af, "DR", dr);
	HPDF_Dict_Add(af, "DA", HPDF_String_New(o->pdf->mmgr, "/Helv 0 Tf 0 g", NULL));
	HPDF_Dict_Add(o->pdf->catalog, "AcroForm", af);
}

/* --- pages ---------------------------------------------------------------- */

/* Rules, boxes and images.  Returns the fill colour it leaves set. */
static uint32_t draw_shapes(struct out *o, struct buf *b, HPDF_Page page, const struct page *pg, fx H,
                            const int *mcid)
{
	uint32_t fill = 0, stroke = 0; /* black, the initial state */
	fx lw = PT(1);
	int cur = TT_NONE;
	for (int i = 0; i < pg->n; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind == DL_RECT || it->kind == DL_LINE || (it->kind == DL_IMAGE && o->images[it->face]))
			mark(o, b, &cur, mcid[i], NULL);
		if (it->kind == DL_RECT || it->kind == DL_LINE) {
			int stroked = it->kind == DL_LINE || it->size > 0;
			if (stroked && it->rgb != stroke)
				add_rgb(b, stroke = it->rgb, "RG\n");
			if (!stroked && it->rgb != fill)
				add_rgb(b, fill = it->rgb, "rg\n");
			if (stroked && it->size != lw) {
				add_num(b, lw = it->size);
				buf_adds(b, "w\n");
			}
		}
		if (it->kind == DL_RECT) {
			add_num(b, it->x);
			add_num(b, H - it->y - it->h);
			add_num(b, it->w);
			add_num(b, it->h);
			buf_adds(b, it->size > 0 ? "re S\n" : "re f\n");
		} else if (it->kind == DL_LINE) {
			/* dots: zero-length dashes with round caps */
			if (it->face == DL_DOTTED) {
				buf_adds(b, "1 J [0 ");
				add_num(b, DL_DOT_STEP);
				buf_adds(b, "] 0 d\n");
			}
			add_num(b, it->x);
			add_num(b, H - it->y);
			buf_adds(b, "m ");
			add_num(b, it->x + it->w);
			add_num(b, H - it->y - it->h);
			buf_adds(b, "l S\n");
			if (it->face == DL_DOTTED)
				buf_adds(b, "0 J [] 0 d\n");
		} else if (it->kind == DL_IMAGE && o->images[it->face]) {
			const char *name = HPDF_Page_GetXObjectName(page, o->images[it->face]);
			if (!name)
				continue;
			buf_adds(b, "q ");
			add_num(b, it->w);
			buf_adds(b, "0 0 ");
			add_num(b, it->h);
			add_num(b, it->x);
			add_num(b, H - it->y - it->h);
			buf_addf(b, "cm /%s Do Q\n", name);
		}
	}
	mark(o, b, &cur, TT_NONE, NULL);
	return fill;
}

/* One TJ for a run of words on one baseline in one style: the spaces
 * become position adjustments (Tw does not apply to two-byte fonts). */
static void draw_text(struct out *o, struct buf *b, HPDF_Page page, const struct page *pg, fx H,
                      uint32_t fill, const int *mcid)
{
	buf_adds(b, "BT\n");
	int cur = TT_NONE;
	int cur_face = -1;
	fx cur_size = -1, lx = 0, ly = 0;
	fx prev_end = 0, prev_y = -1; /* where the last run ended, on which baseline */
	uint32_t cur_rgb = fill;
	for (int i = 0; i < pg->n;) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind != DL_TEXT || it->len == 0 || !o->fonts[it->face]) {
			i++;
			continue;
		}
		const struct font_subset *fs = &o->sub[it->face];
		unsigned char sp[2];
		int nsp = fs->gid[' '] ? font_code(fs, fs->gid[' '], sp) : 0;
		fx spw = nsp ? font_width(o->f, (enum face)it->face, it->size, " ", 1) : 0;
		/* word breaks are real spaces (ISO 32000-1 §14.8.2.5), so text read
		 * through the structure keeps its words apart: a run that follows
		 * another on its line starts with one, drawn in the gap, and so
		 * does a new line, in the margin (a space has no ink), unless it
		 * continues a broken word */
		int lead = nsp && o->tagged && prev_y >= 0 && !(it->flags & DLF_ARTIFACT) && o->hy[i] != HY_REST &&
		           (it->y != prev_y || it->x > prev_end);
		const char *actual = NULL;
		if (o->hy[i] && o->tagged) {
			/* the broken word reads whole from its first half (ActualText),
			 * its rest as nothing: "operating", not "operat-ing" */
			struct buf *w = &o->word;
			w->len = 0;
			if (lead)
				buf_addc(w, ' ');
			if (o->hy[i] == HY_FIRST) {
				buf_add(w, it->str, (size_t)it->len - 1);
				for (int m = i + 1; m < pg->n; m++)
					if (o->hy[m] == HY_REST) {
						buf_add(w, pg->items[m].str, (size_t)pg->items[m].len);
						break;
					} else if (pg->items[m].kind == DL_TEXT && o->paints[m] &&
					           !(pg->items[m].flags & DLF_ARTIFACT)) {
						break;
					}
			}
			actual = buf_cstr(w);
		}
		mark(o, b, &cur, mcid[i], actual);
		if (it->face != cur_face || it->size != cur_size) {
			const char *name = HPDF_Page_GetLocalFontName(page, o->fonts[it->face]);
			if (!name) {
				i++;
				continue;
			}
			buf_addf(b, "/%s ", name);
			add_num(b, it->size);
			buf_adds(b, "Tf\n");
			cur_face = it->face;
			cur_size = it->size;
		}
		if (it->rgb != cur_rgb)
			add_rgb(b, cur_rgb = it->rgb, "rg\n");
		fx x = it->x - (lead ? spw : 0), y = H - it->y;
		add_num(b, x - lx);
		add_num(b, y - ly);
		buf_adds(b, "Td[");
		if (lead)
			add_glyphs(b, fs, " ", 1);
		lx = x, ly = y;
		int j = i;
		fx end = it->x;
		for (; j < pg->n; j++) {
			const struct dl_item *t = &pg->items[j];
			if (t->kind != DL_TEXT || t->len == 0)
				continue;
			if (t->face != it->face || t->size != it->size || t->rgb != it->rgb || t->y != it->y ||
			    t->x < end || mcid[j] != mcid[i] || (j > i && (o->hy[i] || o->hy[j])))
				break;
			if (j > i) {
				/* the gap in thousandths of the font size, negative moves right;
				 * a space glyph takes its part of it */
				int64_t gap = (int64_t)(t->x - end);
				if (nsp && gap > 0) {
					add_glyphs(b, fs, " ", 1);
					gap -= spw;
				}
				long adj = (long)((gap * 1000 + (gap >= 0 ? t->size / 2 : -(t->size / 2))) / t->size);
				if (adj > 0) {
					buf_addc(b, '-');
					add_uint(b, (unsigned long)adj);
				} else if (adj < 0) {
					add_uint(b, (unsigned long)-adj);
				}
			}
			if (t->flags & DLF_RTL) { /* right-to-left: drawn in visual order */
				char *v = xmalloc((size_t)t->len + 1);
				dl_visual(t->str, (size_t)t->len, v);
				add_glyphs(b, fs, v, (size_t)t->len);
				free(v);
			} else {
				add_glyphs(b, fs, t->str, (size_t)t->len);
			}
			end = t->x + t->w;
		}
		buf_adds(b, "]TJ\n");
		prev_end = end;
		prev_y = it->y;
		i = j;
	}
	mark(o, b, &cur, TT_NONE, NULL);
	buf_adds(b, "ET\n");
}

/* A page's content stream, into ops; its items' marked content into
 * mcid (tagtree.h), which the page's links read after. */
static void draw_page(struct out *o, int i, struct buf *ops, int **mcid, int *mcidcap)
{
	const struct page *pg = &o->job->pages->v[i];
	HPDF_Page page = o->pages[i];
	fx H = pg->h ? pg->h : o->job->page_h;
	ops->len = 0;
	GROW(o->paints, o->paintcap, pg->n + 1);
	GROW(*mcid, *mcidcap, pg->n + 1);
	for (int k = 0; k < pg->n; k++) {
		const struct dl_item *it = &pg->items[k];
		o->paints[k] = it->kind == DL_RECT || it->kind == DL_LINE ||
		               (it->kind == DL_IMAGE && o->images[it->face]) ||
		               (it->kind == DL_TEXT && it->len > 0 && o->fonts[it->face]);
	}
	GROW(o->hy, o->hycap, pg->n + 1);
	memset(o->hy, 0, (size_t)pg->n);
	for (int k = 0; k < pg->n; k++) {
		if (pg->items[k].kind != DL_TEXT || !(pg->items[k].flags & DLF_HYPHEN) || !o->paints[k])
			continue;
		o->hy[k] = HY_FIRST;
		for (int m = k + 1; m < pg->n; m++)
			if (pg->items[m].kind == DL_TEXT && o->paints[m] && !(pg->items[m].flags & DLF_ARTIFACT)) {
				if (pg->items[m].y != pg->items[k].y)
					o->hy[m] = HY_REST;
				break;
			}
	}
	if (o->tagged)
		tagtree_page(&o->tt, i, pg->items, pg->n, o->paints, *mcid);
	else
		memset(*mcid, 0, sizeof(**mcid) * (size_t)pg->n); /* one run of text as before */
	o->page_now = i;
	/* shapes first, then text, so shading never covers glyphs */
	uint32_t fill = draw_shapes(o, ops, page, pg, H, *mcid);
	draw_text(o, ops, page, pg, H, fill, *mcid);
}

static void compress_page(void *ctx, int k, int w)
{
	struct out *o = ctx;
	o->zops[k].len = 0;
	flate_add(o->z[w], o->ops[k].data, o->ops[k].len, &o->zops[k]);
}

/* Every page: drawn a batch at a time (libharu is not thread-safe, so on
 * this thread), compressed on all cores, then handed to libharu as is. */
static HPDF_STATUS draw_pages(struct out *o)
{
	int n = o->job->pages->n;
	for (int first = 0; first < n; first += PAGE_BATCH) {
		int k = n - first < PAGE_BATCH ? n - first : PAGE_BATCH;
		for (int j = 0; j < k; j++)
			draw_page(o, first + j, &o->ops[j], &o->mcid[j], &o->mcidcap[j]);
		par_for(k, compress_page, o);
		for (int j = 0; j < k; j++) {
			int i = first + j;
			/* the /ID hashes the compressed pages: the same content
			 * gives the same bytes, and there are a third as many */
			if (o->tagged)
				HPDF_MD5Update(&o->md5, (const HPDF_BYTE *)o->zops[j].data, (HPDF_UINT32)o->zops[j].len);
			const struct page *pg = &o->job->pages->v[i];
			HPDF_PageAttr attr = (HPDF_PageAttr)o->pages[i]->attr;
			if (pdfobj_set_stream(attr->contents, o->zops[j].data, o->zops[j].len) != HPDF_OK)
				return HPDF_FAILD_TO_ALLOC_MEM;
			attr->stream = attr->contents->stream;
			add_links(o, i, o->mcid[j], pg->h ? pg->h : o->job->page_h);
		}
		if (o->job->progress)
			o->job->progress(o->job->progress_ctx, first + k, n);
	}
	return HPDF_OK;
}


/* s, or its first MODEL_MAX_TITLE bytes (whole characters) in tmp:
 * libharu refuses any string over 65,535 bytes with an error that would
 * lose the whole book.  model.c warns, naming the heading, when it cuts. */
static const char *clip(const char *s, struct buf *tmp)
{
	size_t n = strlen(s);
	if (n <= MODEL_MAX_TITLE)
		return s;
	n = MODEL_MAX_TITLE;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* not inside a UTF-8 sequence */
	tmp->len = 0;
	buf_add(tmp, s, n);
	return buf_cstr(tmp);
}

/* 1 when y-m-d is a day libharu accepts (it checks days per month). */
static int valid_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] &&
	       !(m == 2 && d == 29 && !leap);
}

static void set_info(HPDF_Doc pdf, const struct pdf_meta *m)
{
	struct buf tmp;
	buf_init(&tmp);
	HPDF_SetCurrentEncoder(pdf, "UTF-8"); /* Info strings use the current encoder (docs/libharu.md §3) */
	if (m->title)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, clip(m->title, &tmp));
	if (m->author)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, clip(m->author, &tmp));
	if (m->subject)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, clip(m->subject, &tmp));
	if (m->keywords)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, clip(m->keywords, &tmp));
	buf_done(&tmp);
	if (m->creator) {
		HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, m->creator);
		HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, m->creator);
	}
	/* main.c refuses bad dates; a library caller's are dropped, not fatal */
	if (valid_date(m->year, m->month, m->day)) {
		HPDF_Date dt = { m->year, m->month, m->day, 0, 0, 0, '+', 0, 0 };
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

static void add_outline(struct out *o)
{
	const struct pdf_job *job = o->job;
	HPDF_Encoder enc = HPDF_GetEncoder(o->pdf, "UTF-8");
	HPDF_Outline parent = NULL;
	struct buf tmp;
	buf_init(&tmp);
	for (int i = 0; i < job->nol; i++) {
		const struct outline_entry *e = &job->ol[i];
		int k;
		if (!strmap_get(o->destmap, e->key, &k))
			continue;
		HPDF_Outline ol =
		    HPDF_CreateOutline(o->pdf, e->level == 1 ? NULL : parent, clip(e->title, &tmp), enc);
		if (!ol)
			continue;
		HPDF_Array d = dest_array(o, k);
		if (d)
			HPDF_Dict_Add(ol, "Dest", d);
		/* sections stay folded under their chapter */
		HPDF_Outline_SetOpened(ol, HPDF_FALSE);
		if (e->level == 1)
			parent = ol;
	}
	buf_done(&tmp);
}

static void subset_face(void *ctx, int k, int w)
{
	struct out *o = ctx;
	int face = o->faces[k];
	o->font_rc[face] = font_subset(o->f, (enum face)face, &o->sub[face]);
	if (o->font_rc[face] == 0)
		flate_add(o->z[w], o->sub[face].data, o->sub[face].len, &o->zfont[face]);
}

/* Subsets every face the pages draw with (on all cores) and embeds it.
 * Returns 0, or -1 with an error naming the font. */
static int embed_fonts(struct out *o, struct diags *d)
{
	const struct pages *pp = o->job->pages;
	int used[FACE__MAX] = { 0 };
	font_reset_use(o->f);
	for (int i = 0; i < pp->n; i++)
		for (int k = 0; k < pp->v[i].n; k++) {
			const struct dl_item *it = &pp->v[i].items[k];
			if (it->kind == DL_TEXT) {
				font_use(o->f, (enum face)it->face, it->str, (size_t)it->len);
				used[it->face] = 1;
			}
		}
	o->nfaces = 0;
	for (int i = 0; i < FACE__MAX; i++)
		if (used[i]) {
			font_use(o->f, (enum face)i, " ", 1); /* the word spaces draw_text writes */
			o->faces[o->nfaces++] = i;
		}
	par_for(o->nfaces, subset_face, o);
	HPDF_Dict cmap = NULL;
	for (int k = 0; k < o->nfaces; k++) {
		int i = o->faces[k];
		if (o->font_rc[i] != 0) {
			diag_error(d, font_path(o->f, (enum face)i), 0, "font subsetting failed");
			return -1;
		}
		if (!(o->fonts[i] = pdfobj_font(o->pdf, o->z[0], &o->sub[i], &o->zfont[i], &cmap))) {
			diag_error(d, font_path(o->f, (enum face)i), 0, "libharu could not embed the font");
			return -1;
		}
	}
	return 0;
}

/* Where every destination key lands. */
static struct dest *collect_dests(const struct pages *pp, struct strmap *map)
{
	struct dest *v = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < pp->n; i++)
		for (int k = 0; k < pp->v[i].n; k++) {
			const struct dl_item *it = &pp->v[i].items[k];
			if (it->kind != DL_DEST)
				continue;
			GROW(v, cap, n + 1);
			v[n] = (struct dest){ i, it->x, it->y };
			if (strmap_put(map, it->str, n))
				n++;
		}
	return v;
}

/* An image's entries after /Length, preformatted: libharu would drop a
 * /Filter it did not apply (docs/libharu.md §11), and this way they come out in the
 * order libharu wrote a PNG's, with /Filter where objstm.c puts it for
 * libharu's own streams, so a PNG embeds byte for byte as before. */
static HPDF_STATUS image_entries_write(HPDF_Dict d, HPDF_Stream s)
{
	return HPDF_Stream_WriteStr(s, d->attr);
}

static void image_entries_free(HPDF_Dict d)
{
	free(d->attr);
	d->attr = NULL;
}

static HPDF_Dict flate_stream(HPDF_Doc pdf, const char *z, size_t n)
{
	HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!st || pdfobj_set_stream(st, z, n) != HPDF_OK)
		return NULL;
	return st;
}

static void set_entries(HPDF_Dict d, struct buf *b)
{
	d->attr = buf_detach(b);
	d->write_fn = image_entries_write;
	d->free_fn = image_entries_free;
}

/* An image XObject over samples image.c compressed, and its soft mask:
 * libharu only copies them, so no image is held uncompressed here. */
static HPDF_Image flate_image(HPDF_Doc pdf, const struct image *im)
{
	HPDF_Dict img = flate_stream(pdf, im->data, im->len);
	HPDF_Dict mask = img && im->mask ? flate_stream(pdf, im->mask, im->mlen) : NULL;
	if (!img || (im->mask && !mask))
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "/Filter /FlateDecode\n/Type /XObject\n/Subtype /Image\n/ColorSpace /%s\n/Width %d\n"
	             "/Height %d\n/BitsPerComponent 8\n",
	         im->ncomp == 1 ? "DeviceGray" : "DeviceRGB", im->pw, im->ph);
	if (mask)
		buf_addf(&b, "/SMask %lu 0 R\n", pdfobj_num(mask));
	set_entries(img, &b);
	if (mask) {
		buf_addf(&b, "/Filter /FlateDecode\n/Type /XObject\n/Subtype /Image\n/Width %d\n/Height %d\n"
		             "/ColorSpace /DeviceGray\n/BitsPerComponent 8\n",
		         im->pw, im->ph);
		set_entries(mask, &b);
	}
	return img;
}

static void load_images(struct out *o, struct errctx *e)
{
	for (int i = 0; i < o->job->nimg; i++) {
		const struct image *im = &o->job->img[i];
		if (!im->data || im->type == IMG_PNG)
			continue; /* image.c refused it, or never fitted it; its alt text is shown */
		o->images[i] = im->type == IMG_JPEG
		                   ? HPDF_LoadJpegImageFromMem(o->pdf, (const HPDF_BYTE *)im->data, (HPDF_UINT)im->len)
		                   : flate_image(o->pdf, im);
		if (!o->images[i] || e->err) {
			/* already checked by image.c; a failure here is libharu's, so drop the image */
			HPDF_ResetError(o->pdf);
			e->err = 0;
			o->images[i] = NULL;
			continue;
		}
	}
}

/* --- the structure tree --------------------------------------------------- */

static void add_ref(struct buf *b, unsigned long num)
{
	add_uint(b, num);
	buf_adds(b, " 0 R ");
}

/* One element's entries: its type, parent, page, kids in reading order.
 * A book has thousands of elements, so each is written as tightly as the
 * syntax allows (no space next to a delimiter, a lone kid without an
 * array, no /Type, which is optional, and an OBJR on the element's own
 * page without /Pg, which it then inherits: ISO 32000-1 Table 325): most
 * are then "/S/P/P 12 0 R/Pg 3 0 R/K 7". */
static void elem_body(struct out *o, const unsigned long *num, unsigned long root, int i, struct buf *b)
{
	const struct tt_elem *e = &o->tt.e[i];
	b->len = 0;
	buf_adds(b, "/S/");
	buf_adds(b, tag_names[e->role]);
	buf_adds(b, "/P ");
	add_uint(b, e->parent < 0 ? root : num[e->parent]);
	buf_adds(b, " 0 R");
	if (e->page >= 0) {
		buf_adds(b, "/Pg ");
		add_uint(b, pdfobj_num(o->pages[e->page]));
		buf_adds(b, " 0 R");
	}
	if (e->role == TAG_FIGURE) {
		/* PDF/UA 13-004: every figure has a text alternative */
		buf_adds(b, "/Alt");
		add_text_string(b, e->alt && *e->alt ? e->alt : "Image");
	}
	if (e->role == TAG_TH)
		buf_adds(b, "/A<</O/Table/Scope/Column>>");
	if (e->role == TAG_L && e->alt) {
		buf_adds(b, "/A<</O/List/ListNumbering/");
		buf_adds(b, e->alt);
		buf_adds(b, ">>");
	}
	if (e->role == TAG_NOTE)
		buf_addf(b, "/ID(note-%d)", i); /* PDF/UA 19-003: each Note has a unique ID */
	buf_adds(b, e->nkid == 1 ? "/K" : "/K[");
	for (int k = 0; k < e->nkid; k++) {
		const struct tt_kid *c = &e->kid[k];
		if (k > 0 || e->nkid == 1)
			buf_addc(b, ' ');
		if (c->kind == TT_ELEM) {
			add_uint(b, num[c->val]);
			buf_adds(b, " 0 R");
		} else if (c->kind == TT_MCID && c->page == e->page) {
			add_uint(b, (unsigned long)c->val);
		} else if (c->kind == TT_MCID) {
			buf_adds(b, "<</Type/MCR/Pg ");
			add_uint(b, pdfobj_num(o->pages[c->page]));
			buf_adds(b, " 0 R/MCID ");
			add_uint(b, (unsigned long)c->val);
			buf_adds(b, ">>");
		} else {
			buf_adds(b, "<</Type/OBJR");
			if (c->page != e->page) {
				buf_adds(b, "/Pg ");
				add_uint(b, pdfobj_num(o->pages[c->page]));
				buf_adds(b, " 0 R");
			}
			buf_adds(b, "/Obj ");
			add_uint(b, (unsigned long)c->val);
			buf_adds(b, " 0 R>>");
		}
	}
	buf_adds(b, e->nkid == 1 ? "\n" : "]\n");
}

/* The StructTreeRoot, its elements and ParentTree, the pages' back
 * pointers and the catalog entries a tagged PDF needs (ISO 32000-1
 * §14.7-14.8; PDF/UA 01-002, 07-001, 11-001).  Returns HPDF_OK or
 * libharu's error. */
static HPDF_STATUS write_structure(struct out *o)
{
	struct tagtree *t = &o->tt;
	HPDF_STATUS rc = HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Dict *d = xcalloc((size_t)t->n, sizeof(*d));
	unsigned long *num = xcalloc((size_t)t->n, sizeof(*num));
	struct buf b;
	buf_init(&b);
	HPDF_Dict root = pdfobj_raw(o->pdf, "", 0), ptree = pdfobj_raw(o->pdf, "", 0);
	if (!root || !ptree)
		goto done;
	for (int i = 0; i < t->n; i++) {
		if (!(d[i] = pdfobj_raw(o->pdf, "", 0)))
			goto done;
		num[i] = pdfobj_num(d[i]);
	}
	for (int i = 0; i < t->n; i++) {
		elem_body(o, num, pdfobj_num(root), i, &b);
		pdfobj_raw_set(d[i], b.data, b.len);
	}
	b.len = 0;
	buf_adds(&b, "/Nums [");
	for (int p = 0; p < t->npages; p++) {
		add_uint(&b, (unsigned long)p);
		buf_adds(&b, " [");
		for (int m = 0; m < t->nmcid[p]; m++)
			add_ref(&b, num[t->owner[p][m]]);
		buf_adds(&b, "]\n");
	}
	for (int a = 0; a < t->nannot; a++) {
		add_uint(&b, (unsigned long)(t->npages + a));
		buf_addc(&b, ' ');
		add_ref(&b, num[t->annot[a]]);
		buf_addc(&b, '\n');
	}
	buf_adds(&b, "]\n");
	pdfobj_raw_set(ptree, b.data, b.len);
	b.len = 0;
	buf_adds(&b, "/Type /StructTreeRoot /K ");
	add_ref(&b, num[0]);
	buf_adds(&b, "/ParentTree ");
	add_ref(&b, pdfobj_num(ptree));
	buf_addf(&b, "/ParentTreeNextKey %d\n", t->npages + t->nannot);
	pdfobj_raw_set(root, b.data, b.len);
	for (int p = 0; p < t->npages; p++) {
		HPDF_Dict_AddNumber(o->pages[p], "StructParents", p);
		HPDF_Dict_AddName(o->pages[p], "Tabs", "S"); /* tab order follows the structure */
	}
	HPDF_Dict cat = o->pdf->catalog;
	HPDF_Dict mi = HPDF_Dict_New(o->pdf->mmgr), vp = HPDF_Dict_New(o->pdf->mmgr);
	if (!mi || !vp)
		goto done;
	HPDF_Dict_AddBoolean(mi, "Marked", HPDF_TRUE);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE); /* the title, not the file name */
	HPDF_Dict_Add(cat, "StructTreeRoot", root);
	HPDF_Dict_Add(cat, "MarkInfo", mi);
	HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	if (o->job->meta.lang)
		HPDF_Dict_Add(cat, "Lang", HPDF_String_New(o->pdf->mmgr, o->job->meta.lang, NULL));
	rc = HPDF_OK;
done:
	buf_done(&b);
	free(num);
	free(d);
	return rc;
}

/* --- metadata and PDF/A ------------------------------------------------------ */


static void add_xml(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
			buf_addc(b, *s);
	}
}

/* The XMP packet (ISO 16684-1): title, author, dates, producer, and the
 * PDF/UA and PDF/A identification; the dates and title equal /Info's
 * (PDF/A-2 6.6.3, PDF/UA 06-003).  pdfuaid is no predefined schema in
 * PDF/A-2, so a PDF/A file also declares it (pdfaExtension). */
static void make_xmp(struct buf *b, const struct pdf_meta *m, int pdfa)
{
	struct buf tmp;
	buf_init(&tmp);
	buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
	if (pdfa)
		buf_adds(b, "\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
	buf_adds(b, ">\n<dc:format>application/pdf</dc:format>\n");
	if (m->title) {
		buf_adds(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		add_xml(b, clip(m->title, &tmp));
		buf_adds(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (m->author) {
		buf_adds(b, "<dc:creator><rdf:Seq><rdf:li>");
		add_xml(b, clip(m->author, &tmp));
		buf_adds(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (m->subject) {
		buf_adds(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		add_xml(b, clip(m->subject, &tmp));
		buf_adds(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (m->keywords) {
		buf_adds(b, "<pdf:Keywords>");
		add_xml(b, clip(m->keywords, &tmp));
		buf_adds(b, "</pdf:Keywords>\n");
	}
	if (m->creator) {
		buf_adds(b, "<xmp:CreatorTool>");
		add_xml(b, m->creator);
		buf_adds(b, "</xmp:CreatorTool>\n<pdf:Producer>");
		add_xml(b, m->creator);
		buf_adds(b, "</pdf:Producer>\n");
	}
	if (valid_date(m->year, m->month, m->day))
		buf_addf(b, "<xmp:CreateDate>%04d-%02d-%02dT00:00:00+00:00</xmp:CreateDate>\n"
		            "<xmp:ModifyDate>%04d-%02d-%02dT00:00:00+00:00</xmp:ModifyDate>\n",
		         m->year, m->month, m->day, m->year, m->month, m->day);
	buf_adds(b, "<pdfuaid:part>1</pdfuaid:part>\n");
	if (pdfa)
		buf_adds(b, "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n");
	buf_adds(b, "</rdf:Description>\n");
	if (pdfa)
		buf_adds(b, "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		            " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		            " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
		            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
		            "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
		            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
		            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
		            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
		            "<pdfaProperty:name>part</pdfaProperty:name>\n"
		            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
		            "<pdfaProperty:category>internal</pdfaProperty:category>\n"
		            "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
		            "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
		            "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
		            "</rdf:Description>\n");
	buf_adds(b, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	buf_done(&tmp);
}

/* An uncompressed stream of n bytes at data (XMP must stay readable
 * without decoding; libharu writes it as it is, compression being off). */
static HPDF_Dict plain_stream(HPDF_Doc pdf, const char *data, size_t n)
{
	HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!st || HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)data, (HPDF_UINT)n) != HPDF_OK)
		return NULL;
	return st;
}

/* XMP, and for PDF/A the output intent (its profile made by srgb.c, so
 * no installed file is needed) and /ID.  Returns 0, or -1 when libharu
 * ran out of memory. */
static int write_standard(struct out *o)
{
	int pdfa = o->job->standard == PDF_STD_A2A;
	struct buf b;
	buf_init(&b);
	int rc = -1;
	if (pdfa) {
		srgb_profile(&b);
		struct buf z;
		buf_init(&z);
		flate_add(o->z[0], b.data, b.len, &z);
		HPDF_Dict icc = pdfobj_stream(o->pdf, z.data, z.len);
		buf_done(&z);
		HPDF_Dict oi = HPDF_Dict_New(o->pdf->mmgr);
		HPDF_Array ois = HPDF_Array_New(o->pdf->mmgr);
		if (!icc || !oi || !ois)
			goto done;
		HPDF_Dict_AddNumber(icc, "N", 3);
		HPDF_Dict_AddName(oi, "Type", "OutputIntent");
		HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
		HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(o->pdf->mmgr, "sRGB", NULL));
		HPDF_Dict_Add(oi, "Info", HPDF_String_New(o->pdf->mmgr, "sRGB IEC61966-2.1", NULL));
		HPDF_Dict_Add(oi, "DestOutputProfile", icc);
		HPDF_Array_Add(ois, oi);
		HPDF_Dict_Add(o->pdf->catalog, "OutputIntents", ois);
		/* the same pages give the same /ID: the build stays reproducible */
		HPDF_BYTE id[16];
		HPDF_MD5Final(id, &o->md5);
		HPDF_Array ida = HPDF_Array_New(o->pdf->mmgr);
		if (!ida)
			goto done;
		HPDF_Array_Add(ida, HPDF_Binary_New(o->pdf->mmgr, id, 16));
		HPDF_Array_Add(ida, HPDF_Binary_New(o->pdf->mmgr, id, 16));
		HPDF_Dict_Add(o->pdf->trailer, "ID", ida);
	}
	b.len = 0;
	make_xmp(&b, &o->job->meta, pdfa);
	HPDF_Dict x = plain_stream(o->pdf, b.data, b.len);
	if (!x)
		goto done;
	HPDF_Dict_AddName(x, "Type", "Metadata");
	HPDF_Dict_AddName(x, "Subtype", "XML");
	HPDF_Dict_Add(o->pdf->catalog, "Metadata", x);
	rc = 0;
done:
	buf_done(&b);
	return rc;
}

/* A document built and not yet saved: libharu's, with its error record. */
struct pdf_doc {
	HPDF_Doc pdf;
	struct errctx e;
};

void pdf_doc_free(struct pdf_doc *doc)
{
	if (!doc)
		return;
	HPDF_Free(doc->pdf);
	free(doc);
}

static void out_init(struct out *o, HPDF_Doc pdf, const struct pdf_job *job, struct fonts *f,
                     struct font_subset *sub, HPDF_Dict *fonts)
{
	memset(o, 0, sizeof(*o));
	o->pdf = pdf;
	o->job = job;
	o->f = f;
	for (int w = 0; w < par_workers(); w++)
		o->z[w] = flate_new();
	o->sub = sub;
	o->fonts = fonts;
	o->pages = xcalloc((size_t)job->pages->n + 1, sizeof(*o->pages));
	o->images = xcalloc((size_t)job->nimg + 1, sizeof(*o->images));
	o->destmap = strmap_new();
	o->dests = collect_dests(job->pages, o->destmap);
	buf_init(&o->link);
	buf_init(&o->word);
	for (int k = 0; k < PAGE_BATCH; k++) {
		buf_init(&o->ops[k]);
		buf_init(&o->zops[k]);
	}
	for (int i = 0; i < FACE__MAX; i++)
		buf_init(&o->zfont[i]);
	tagtree_init(&o->tt, job->pages->n);
	o->tagged = job->standard != PDF_STD_NONE;
	HPDF_MD5Init(&o->md5);
}

static void out_done(struct out *o)
{
	for (int i = 0; i < FACE__MAX; i++) {
		font_subset_done(&o->sub[i]);
		buf_done(&o->zfont[i]);
	}
	free(o->pages);
	free(o->images);
	free(o->dests);
	strmap_free(o->destmap);
	strmap_free(o->uris);
	free(o->uri_obj);
	form_free(o->form);
	buf_done(&o->link);
	tagtree_done(&o->tt);
	free(o->paints);
	free(o->hy);
	buf_done(&o->word);
	for (int k = 0; k < PAGE_BATCH; k++)
		free(o->mcid[k]);
	for (int k = 0; k < PAGE_BATCH; k++) {
		buf_done(&o->ops[k]);
		buf_done(&o->zops[k]);
	}
	for (int w = 0; w < PAR_MAX_WORKERS; w++)
		flate_free(o->z[w]);
}

/* One page per display-list page, sized, empty. */
static void add_pages(struct out *o)
{
	const struct pdf_job *job = o->job;
	for (int i = 0; i < job->pages->n; i++) {
		const struct page *pg = &job->pages->v[i];
		o->pages[i] = HPDF_AddPage(o->pdf);
		HPDF_Page_SetWidth(o->pages[i], X(pg->w ? pg->w : job->page_w));
		HPDF_Page_SetHeight(o->pages[i], X(pg->h ? pg->h : job->page_h));
	}
}

static void add_labels(struct out *o)
{
	const struct pdf_job *job = o->job;
	for (int i = 0; i < job->nlabels; i++)
		HPDF_AddPageLabel(o->pdf, (HPDF_UINT)job->labels[i].page,
		                  job->labels[i].roman ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL,
		                  (HPDF_UINT)job->labels[i].start, "");
}

/* Everything but saving.  Returns 0, or -1 with libharu's error in
 * doc->e, or with doc->e.err 0 when the error is already in d. */
static int build(struct pdf_doc *doc, const struct pdf_job *job, struct fonts *f, struct diags *d)
{
	struct out o;
	struct errctx *e = &doc->e;
	struct font_subset sub[FACE__MAX] = { 0 };
	HPDF_Dict fonts[FACE__MAX] = { 0 };
	out_init(&o, doc->pdf, job, f, sub, fonts);
	int rc = -1;
	/* every stream is compressed by flate.c or objstm.c, once */
	HPDF_SetCompressionMode(o.pdf, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(o.pdf);
	HPDF_SetCurrentEncoder(o.pdf, "UTF-8");
	if (embed_fonts(&o, d) != 0) {
		e->err = 0; /* reported, naming the font */
		goto done;
	}
	load_images(&o, e);
	add_pages(&o);
	if (e->err || draw_pages(&o) != HPDF_OK || e->err)
		goto done;
	if (o.tagged && (write_structure(&o) != HPDF_OK || e->err || write_standard(&o) != 0 || e->err))
		goto done;
	add_outline(&o);
	add_acroform(&o);
	HPDF_SetPageMode(o.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	add_labels(&o);
	set_info(o.pdf, &job->meta);
	rc = e->err ? -1 : 0;
done:
	out_done(&o);
	return rc;
}

/* What went wrong, in words: the code alone tells a user nothing.  The
 * inputs that used to cause these (bad dates, strings over 64 KB) are
 * checked before they reach libharu; this is for what remains. */
static void report(const struct errctx *e, const char *path, struct diags *d)
{
	const char *what = e->err == HPDF_FAILD_TO_ALLOC_MEM      ? "out of memory"
	                   : e->err == HPDF_STRING_OUT_OF_RANGE   ? "a text is too long for a PDF string"
	                   : e->err == HPDF_INVALID_DATE_TIME     ? "the date is not a valid PDF date"
	                   : e->err == HPDF_INVALID_DOCUMENT      ? "the document came out incomplete"
	                   : e->err                               ? "the PDF library refused the document"
	                   /* some of libharu's allocations fail without calling the handler */
	                                                          : "an object could not be made (out of memory)";
	diag_error(d, path, 0, "the PDF could not be made: %s (libharu error 0x%04X, detail %u)", what,
	           (unsigned)e->err, (unsigned)e->detail);
}

struct pdf_doc *pdf_build(const struct pdf_job *job, struct fonts *f, const char *path, struct diags *d)
{
	struct pdf_doc *doc = xcalloc(1, sizeof(*doc));
	int errors = d->errors;
	doc->pdf = HPDF_New(on_error, &doc->e);
	if (!doc->pdf) {
		doc->e.err = HPDF_FAILD_TO_ALLOC_MEM;
	} else if (build(doc, job, f, d) == 0) {
		return doc;
	}
	if (doc->e.err || d->errors == errors) /* every failure says why, once */
		report(&doc->e, path, d);
	pdf_doc_free(doc);
	return NULL;
}

/* Saves the document into memory: the file arrives in one buffer rather
 * than in libharu's 4 KiB chunks.  libharu's memory is released at once. */
static char *save(struct pdf_doc *doc, size_t *len)
{
	struct buf file;
	buf_init(&file);
	doc->pdf->stream = pdfobj_collector(doc->pdf, &file);
	if (!doc->pdf->stream || HPDF_SaveToStream(doc->pdf) != HPDF_OK || doc->e.err) {
		if (!doc->e.err)
			doc->e.err = HPDF_GetError(doc->pdf); /* some failures skip the handler */
		buf_done(&file);
		return NULL;
	}
	HPDF_Free(doc->pdf);
	doc->pdf = NULL;
	if (file.len < 16 || memcmp(file.data, "%PDF-", 5) || !memmem(file.data + file.len - 16, 16, "%%EOF", 5)) {
		buf_done(&file);
		doc->e.err = HPDF_INVALID_DOCUMENT;
		return NULL;
	}
	*len = file.len;
	return buf_detach(&file);
}

int pdf_save(struct pdf_doc *doc, const char *path, struct diags *d, char **out, size_t *outlen)
{
	size_t size = 0;
	char *data = save(doc, &size);
	if (!data) {
		report(&doc->e, path, d);
		pdf_doc_free(doc);
		return -1;
	}
	pdf_doc_free(doc);
	char *packed = NULL;
	size_t plen = 0;
	if (objstm_pack(data, size, &packed, &plen) == 0) {
		free(data);
		data = packed;
		size = plen;
	}
	*out = data;
	*outlen = size;
	return 0;
}
