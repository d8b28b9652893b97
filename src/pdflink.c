/* pdflink.c: link annotations, their destinations, and the review
 * worksheet's form fields, for pdf.c's pages (pdfout.h).
 *
 * A link is one annotation written as one preformatted dictionary
 * (pdfobj_raw): a thousand-role book has tens of thousands.  When tagged,
 * each points to its Link (or Form) element through /StructParent and
 * says what it is in /Contents (PDF/UA 28-008); the element's OBJR points
 * back (tagtree_annot).  pdflink_page runs once per page, after the page
 * is drawn; pdflink_done frees what it keeps between pages. */
#include "pdfout.h"
#include "messages.h"
#include "pdfobj.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
HPDF_Array pdflink_dest(struct out *o, int k)
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
	pdfobj_add_milli(b, q * 250);
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

/* Adds annotation a to the page's /Annots, made on first use. */
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
	/* no space beside a delimiter: a book has thousands of these */
	buf_adds(b, "/Type/Annot/Subtype/Link/F 4/Border[0 0 0]");
	if (key >= 0) {
		buf_adds(b, "/StructParent ");
		pdfobj_add_uint(b, (unsigned long)key);
		buf_adds(b, "/Contents");
		const char *c = o->tt.e[elem].contents;
		pdfobj_add_text(b, c && *c ? c : !strncmp(it->str, "uri:", 4) ? it->str + 4 : "link");
	}
	buf_adds(b, "/Rect[");
	add_quarter(b, it->x, 0);
	add_quarter(b, H - it->y - it->h, 0);
	add_quarter(b, it->x + it->w, 1);
	add_quarter(b, H - it->y, 1);
	if (!strncmp(it->str, "uri:", 4)) {
		unsigned long num = strlen(it->str + 4) >= PDF_URI_SHARED ? uri_action(o, it->str) : 0;
		if (num) {
			buf_addf(b, "]/A %lu 0 R\n", num);
		} else {
			char *u = uri_encode(it->str + 4);
			buf_addf(b, "]/A<</S/URI/URI(%s)>>\n", u);
			free(u);
		}
	} else {
		int k;
		if (!strmap_get(o->destmap, it->str, &k))
			return;
		long left, top;
		dest_point(o, k, &left, &top);
		buf_adds(b, "]/Dest[");
		pdfobj_add_uint(b, pdfobj_num(o->pages[o->dests[k].page]));
		buf_adds(b, " 0 R/XYZ ");
		pdfobj_add_milli(b, left * 1000);
		pdfobj_add_milli(b, top * 1000);
		buf_adds(b, "null]\n");
	}
	HPDF_Dict a = pdfobj_raw(o->pdf, b->data, b->len);
	if (!a)
		return;
	if (key >= 0)
		tagtree_annot(&o->tt, elem, pi, pdfobj_num(a));
	annot_add(o, page, a);
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
void pdflink_page(struct out *o, int pi, const int *mcid, fx H)
{
	const struct page *pg = &o->job->pages->v[pi];
	unsigned char *done = xcalloc((size_t)pg->n + 1, 1);
	/* the page's link areas: the search for a link's other lines walks
	 * these, not every item (an index page has hundreds of links) */
	int *links = xmalloc(sizeof(int) * (size_t)(pg->n + 1));
	int nl = 0, li = 0;
	for (int m = 0; m < pg->n; m++)
		if (pg->items[m].kind == DL_LINK && pg->items[m].str)
			links[nl++] = m;
	for (int m = 0; m < pg->n; m++) {
		const struct dl_item *it = &pg->items[m];
		int elem = mcid[m] >= 0 ? mcid[m] : -1;
		if (it->kind == DL_FIELD && it->str) {
			add_field(o, pi, elem, it, H);
			continue;
		}
		if (it->kind != DL_LINK || !it->str)
			continue;
		int here = li++; /* m == links[here] */
		if (done[m])
			continue;
		/* a repeated table head is an Artifact, which can hold no Link
		 * element: its copy of a link gets no annotation (PDF/UA 7.18.1) */
		if (o->tagged && (it->flags & DLF_ARTIFACT))
			continue;
		struct dl_item u = *it;
		int more = 0;
		for (int j = here + 1; elem > 0 && o->tagged && j < nl; j++) {
			int k = links[j];
			const struct dl_item *l = &pg->items[k];
			if (mcid[k] != elem || strcmp(l->str, it->str))
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
			for (int j = here + 1; j < nl; j++)
				if (mcid[links[j]] == elem && !strcmp(pg->items[links[j]].str, it->str))
					done[links[j]] = 1;
			add_link(o, pi, elem, &u, H);
		} else {
			add_link(o, pi, elem, it, H);
		}
	}
	free(links);
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
	pdfobj_add_milli(b, it->x);
	pdfobj_add_milli(b, H - it->y - it->h);
	pdfobj_add_milli(b, it->x + it->w);
	pdfobj_add_milli(b, H - it->y);
	buf_addf(b, "] /P %lu 0 R ", pdfobj_num(page));
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
	pdfobj_add_text(b, buf_cstr(&t));
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
		pdfobj_add_milli(&q, in);
		pdfobj_add_milli(&q, in);
		pdfobj_add_milli(&q, it->w - 2 * in);
		pdfobj_add_milli(&q, it->h - 2 * in);
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
void pdflink_acroform(struct out *o)
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

void pdflink_done(struct out *o)
{
	strmap_free(o->uris);
	free(o->uri_obj);
	form_free(o->form);
}
