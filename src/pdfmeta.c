/* pdfmeta.c: the document-level objects of pdf.c's PDF (pdfout.h): the
 * information dictionary, the outline, and for a tagged PDF the structure
 * tree (tagtree.c's elements written as objects, the ParentTree, the
 * catalog's /MarkInfo, /Lang, /ViewerPreferences), the XMP metadata, and
 * for PDF/A the sRGB output intent (srgb.c) and the /ID.  Each runs once,
 * after the pages are drawn. */
#include "pdfout.h"
#include "build.h"
#include "pdfobj.h"
#include "srgb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* 1 when s is printable ASCII: a text string (Info, bookmark titles) of
 * it is written as it is, in PDFDocEncoding, a quarter of the UTF-16BE
 * hex libharu's UTF-8 encoder writes. */
static int plain_ascii(const char *s)
{
	while (*s >= 0x20 && *s < 0x7F)
		s++;
	return !*s;
}

/* libharu's UTF-8 encoder (pdf.c registered it), made when a string
 * first needs it: making it fills a 128 KB table a byte at a time (1.4 M
 * instructions), and a book whose titles are all ASCII never needs it. */
static HPDF_Encoder utf8_encoder(HPDF_Doc pdf)
{
	return HPDF_GetEncoder(pdf, "UTF-8");
}

/* One Info string, plain when it can be (plain_ascii).  Info strings use
 * the current encoder (docs/libharu.md §3): NULL writes the bytes as they
 * are. */
static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *s)
{
	HPDF_Encoder cur = pdf->cur_encoder;
	pdf->cur_encoder = plain_ascii(s) ? NULL : utf8_encoder(pdf);
	HPDF_SetInfoAttr(pdf, type, s);
	pdf->cur_encoder = cur;
}

void pdfmeta_info(HPDF_Doc pdf, const struct pdf_meta *m)
{
	struct buf tmp;
	buf_init(&tmp);
	if (m->title)
		set_info(pdf, HPDF_INFO_TITLE, clip(m->title, &tmp));
	if (m->author)
		set_info(pdf, HPDF_INFO_AUTHOR, clip(m->author, &tmp));
	if (m->subject)
		set_info(pdf, HPDF_INFO_SUBJECT, clip(m->subject, &tmp));
	if (m->keywords)
		set_info(pdf, HPDF_INFO_KEYWORDS, clip(m->keywords, &tmp));
	buf_done(&tmp);
	if (m->creator) {
		set_info(pdf, HPDF_INFO_CREATOR, m->creator);
		set_info(pdf, HPDF_INFO_PRODUCER, m->creator);
	}
	/* main.c refuses bad dates; a library caller's are dropped, not fatal */
	if (valid_date(m->year, m->month, m->day)) {
		HPDF_Date dt = { m->year, m->month, m->day, 0, 0, 0, '+', 0, 0 };
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

void pdfmeta_outline(struct out *o)
{
	const struct pdf_job *job = o->job;
	HPDF_Outline parent = NULL;
	struct buf tmp;
	buf_init(&tmp);
	for (int i = 0; i < job->nol; i++) {
		const struct outline_entry *e = &job->ol[i];
		int k;
		if (!strmap_get(o->destmap, e->key, &k))
			continue;
		const char *title = clip(e->title, &tmp);
		HPDF_Outline ol =
		    HPDF_CreateOutline(o->pdf, e->level == 1 ? NULL : parent, title,
		                       plain_ascii(title) ? NULL : utf8_encoder(o->pdf));
		if (!ol)
			continue;
		HPDF_Array d = pdflink_dest(o, k);
		if (d)
			HPDF_Dict_Add(ol, "Dest", d);
		/* sections stay folded under their chapter */
		HPDF_Outline_SetOpened(ol, HPDF_FALSE);
		if (e->level == 1)
			parent = ol;
	}
	buf_done(&tmp);
}

/* --- the structure tree --------------------------------------------------- */

static void add_ref(struct buf *b, unsigned long num)
{
	pdfobj_add_uint(b, num);
	buf_adds(b, " 0 R ");
}

/* Appends one element's entries: its type, parent, page, kids in reading order.
 * A book has thousands of elements, so each is written as tightly as the
 * syntax allows (no space next to a delimiter, a lone kid without an
 * array, no /Type, which is optional, and an OBJR on the element's own
 * page without /Pg, which it then inherits: ISO 32000-1 Table 325): most
 * are then "/S/P/P 12 0 R/Pg 3 0 R/K 7". */
static void elem_body(struct out *o, const unsigned long *num, unsigned long root, int i, struct buf *b)
{
	const struct tt_elem *e = &o->tt.e[i];
	buf_adds(b, "/S/");
	buf_adds(b, tag_names[e->role]);
	buf_adds(b, "/P ");
	pdfobj_add_uint(b, e->parent < 0 ? root : num[e->parent]);
	buf_adds(b, " 0 R");
	if (e->page >= 0) {
		buf_adds(b, "/Pg ");
		pdfobj_add_uint(b, pdfobj_num(o->pages[e->page]));
		buf_adds(b, " 0 R");
	}
	if (e->role == TAG_FIGURE) {
		/* PDF/UA 13-004: every figure has a text alternative */
		buf_adds(b, "/Alt");
		pdfobj_add_text(b, e->alt && *e->alt ? e->alt : "Image");
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
			pdfobj_add_uint(b, num[c->val]);
			buf_adds(b, " 0 R");
		} else if (c->kind == TT_MCID && c->page == e->page) {
			pdfobj_add_uint(b, (unsigned long)c->val);
		} else if (c->kind == TT_MCID) {
			buf_adds(b, "<</Type/MCR/Pg ");
			pdfobj_add_uint(b, pdfobj_num(o->pages[c->page]));
			buf_adds(b, " 0 R/MCID ");
			pdfobj_add_uint(b, (unsigned long)c->val);
			buf_adds(b, ">>");
		} else {
			buf_adds(b, "<</Type/OBJR");
			if (c->page != e->page) {
				buf_adds(b, "/Pg ");
				pdfobj_add_uint(b, pdfobj_num(o->pages[c->page]));
				buf_adds(b, " 0 R");
			}
			buf_adds(b, "/Obj ");
			pdfobj_add_uint(b, (unsigned long)c->val);
			buf_adds(b, " 0 R>>");
		}
	}
	buf_adds(b, e->nkid == 1 ? "\n" : "]\n");
}

/* The StructTreeRoot, its elements and ParentTree, the pages' back
 * pointers and the catalog entries a tagged PDF needs (ISO 32000-1
 * §14.7-14.8; PDF/UA 01-002, 07-001, 11-001).  Returns HPDF_OK or
 * libharu's error. */
HPDF_STATUS pdfmeta_structure(struct out *o)
{
	struct tagtree *t = &o->tt;
	HPDF_STATUS rc = HPDF_FAILD_TO_ALLOC_MEM;
	unsigned long *num = xcalloc((size_t)t->n + 1, sizeof(*num));
	struct buf b;
	buf_init(&b);
	HPDF_Dict root = pdfobj_raw(o->pdf, "", 0), ptree = pdfobj_raw(o->pdf, "", 0);
	if (!root || !ptree)
		goto done;
	/* the elements are not libharu's objects (objstm.h): numbered from
	 * the one after its last, written straight into the object streams */
	HPDF_Xref xr = o->pdf->xref;
	o->extra->first = (long)(xr->start_offset + xr->entries->count);
	for (int i = 0; i < t->n; i++)
		num[i] = (unsigned long)o->extra->first + (unsigned long)i;
	for (int i = 0; i < t->n; i++) {
		b.len = 0;
		buf_adds(&b, "<<");
		elem_body(o, num, pdfobj_num(root), i, &b);
		b.len--; /* its newline */
		buf_adds(&b, ">>");
		objstm_extra_add(o->extra, b.data, b.len);
	}
	b.len = 0;
	buf_adds(&b, "/Nums [");
	for (int p = 0; p < t->npages; p++) {
		pdfobj_add_uint(&b, (unsigned long)p);
		buf_adds(&b, " [");
		for (int m = 0; m < t->nmcid[p]; m++)
			add_ref(&b, num[t->owner[p][m]]);
		buf_adds(&b, "]\n");
	}
	for (int a = 0; a < t->nannot; a++) {
		pdfobj_add_uint(&b, (unsigned long)(t->npages + a));
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
int pdfmeta_standard(struct out *o)
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
