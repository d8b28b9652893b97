/* pdfobj.c: our bytes as libharu objects (see pdfobj.h). */
#include "pdfobj.h"
#include "flate.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>

unsigned long pdfobj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFu;
}

/* --- a stream over bytes in memory ---------------------------------------- */

struct bytes {
	size_t len, pos;  /* bytes held; where the next read starts */
	char data[];
};

static HPDF_STATUS bytes_read(HPDF_Stream s, HPDF_BYTE *p, HPDF_UINT *n)
{
	struct bytes *b = s->attr;
	size_t k = b->len - b->pos;
	if (k > *n)
		k = *n;
	memcpy(p, b->data + b->pos, k);
	b->pos += k;
	*n = (HPDF_UINT)k;
	return b->pos == b->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS bytes_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct bytes *b = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)b->pos + pos : mode == HPDF_SEEK_END ? (long)b->len - pos : pos;
	if (at < 0 || (size_t)at > b->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	b->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32 bytes_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct bytes *)s->attr)->pos;
}

static HPDF_UINT32 bytes_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct bytes *)s->attr)->len;
}

static void bytes_free(HPDF_Stream s)
{
	free(s->attr);
	s->attr = NULL;
}

/* libharu drops /Filter from any stream it did not compress itself, so the
 * filter of one compressed here is written by this dictionary hook. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream s)
{
	(void)dict;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

HPDF_STATUS pdfobj_set_stream(HPDF_Dict st, const char *z, size_t n)
{
	struct bytes *b = xmalloc(sizeof(*b) + n);
	b->len = n;
	b->pos = 0;
	memcpy(b->data, z, n);
	HPDF_Stream s = HPDF_CallbackReader_New(st->mmgr, bytes_read, bytes_seek, bytes_tell, bytes_size, b);
	if (!s) {
		free(b);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	s->free_fn = bytes_free;
	HPDF_Stream_Free(st->stream);
	st->stream = s;
	st->write_fn = write_flate_filter;
	return HPDF_OK;
}

HPDF_Dict pdfobj_stream(HPDF_Doc pdf, const char *z, size_t n)
{
	HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!st || pdfobj_set_stream(st, z, n) != HPDF_OK)
		return NULL;
	return st;
}

/* --- a dictionary written as one string ----------------------------------- */

static HPDF_STATUS raw_write(HPDF_Dict d, HPDF_Stream s)
{
	const struct bytes *b = d->attr;
	return HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
}

static void raw_free(HPDF_Dict d)
{
	free(d->attr);
	d->attr = NULL;
}

HPDF_Dict pdfobj_raw(HPDF_Doc pdf, const char *body, size_t n)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d)
		return NULL;
	struct bytes *b = xmalloc(sizeof(*b) + n);
	b->len = n;
	b->pos = 0;
	memcpy(b->data, body, n);
	d->attr = b;
	d->write_fn = raw_write;
	d->free_fn = raw_free;
	if (HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL; /* libharu has freed it */
	return d;
}

HPDF_STATUS pdfobj_raw_set(HPDF_Dict d, const char *body, size_t n)
{
	struct bytes *b = xmalloc(sizeof(*b) + n);
	b->len = n;
	b->pos = 0;
	memcpy(b->data, body, n);
	free(d->attr);
	d->attr = b;
	return HPDF_OK;
}

/* --- numbers and strings -------------------------------------------------- */

/* "00" to "99": a number is written two digits a division (offsets and
 * object numbers, tens of thousands a book, have five or six). */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void pdfobj_add_uint(struct buf *b, unsigned long v)
{
	char s[24], *p = s + sizeof s;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		p[0] = digit_pairs[2 * r];
		p[1] = digit_pairs[2 * r + 1];
	}
	if (v >= 10) {
		p -= 2;
		p[0] = digit_pairs[2 * v];
		p[1] = digit_pairs[2 * v + 1];
	} else {
		*--p = (char)('0' + v);
	}
	size_t n = (size_t)(s + sizeof s - p);
	buf_reserve(b, n);
	char *o = b->data + b->len;
	for (size_t i = 0; i < n; i++)
		o[i] = p[i];
	b->len += n;
	b->data[b->len] = 0;
}

/* v/1000 in shortest form ("12.5", "-3"), then a space. */
void pdfobj_add_milli(struct buf *b, long v)
{
	if (v < 0) {
		buf_addc(b, '-');
		v = -v;
	}
	pdfobj_add_uint(b, (unsigned long)v / 1000);
	int frac = (int)(v % 1000);
	buf_reserve(b, 5); /* ".ddd " */
	char *o = b->data + b->len;
	if (frac) {
		o[0] = '.';
		o[1] = (char)('0' + frac / 100);
		o[2] = (char)('0' + frac / 10 % 10);
		o[3] = (char)('0' + frac % 10);
		int n = 4;
		while (o[n - 1] == '0')
			n--;
		o += n;
	}
	*o++ = ' ';
	*o = 0;
	b->len = (size_t)(o - b->data);
}

/* Four upper-case hex digits of v (a UTF-16 unit). */
static void add_hex4(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[4] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15] };
	buf_add(b, h, 4);
}

/* PDFDocEncoding's codes 0x80-0xA0 (ISO 32000-1 Annex D.2): the
 * typographic characters text holds (quotes, dashes, bullet, ellipsis,
 * euro); 0 where the code is undefined.  0xA1-0xFF are Latin-1 but 0xAD. */
static const uint16_t pdfdoc_high[0x21] = {
	0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
	0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
	0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0, 0x20AC,
};

/* cp's byte in PDFDocEncoding, or 0 when it has none (controls and
 * the codes 0x18-0x1F, accents there but controls in Unicode, are left
 * out). */
static int pdfdoc_code(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return (int)cp;
	/* a no-break space (between "p." and its number) has no code; in
	 * alternative and actual text it reads and extracts as a space */
	if (cp == 0xA0)
		return ' ';
	if (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)
		return (int)cp;
	for (int k = 0; k < 0x21; k++)
		if (pdfdoc_high[k] && pdfdoc_high[k] == cp)
			return 0x80 + k;
	return 0;
}

/* A text string for a PDF dictionary: a literal string in PDFDocEncoding
 * when every character has a code there (text with curly quotes, dashes
 * or accented Latin letters included: a link's /Contents is then a
 * quarter of its UTF-16 size), anything else UTF-16BE with a byte order
 * mark, in hex, so any character survives. */
void pdfobj_add_text(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	size_t start = b->len;
	buf_addc(b, '(');
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		int c = pdfdoc_code(cp);
		if (!c) {
			b->len = start;
			goto utf16;
		}
		if (c == '(' || c == ')' || c == '\\')
			buf_addc(b, '\\');
		buf_addc(b, (char)c);
	}
	buf_addc(b, ')');
	return;
utf16:
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

/* --- the file, collected ---------------------------------------------------- */

static HPDF_STATUS collect(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	buf_add(s->attr, (const char *)p, n);
	return HPDF_OK;
}

HPDF_Stream pdfobj_collector(HPDF_Doc pdf, struct buf *out)
{
	return HPDF_CallbackWriter_New(pdf->mmgr, collect, out);
}

/* --- fonts ------------------------------------------------------------------ */

/* The code spaces of short codes (font.h): one byte below 0x80, else two. */
static const char short_space[] = "2 begincodespacerange\n<00> <7F>\n<8000> <FFFF>\nendcodespacerange\n";

/* The code of glyph g, as hex digits of one or two bytes. */
static void add_code(struct buf *b, const struct font_subset *s, unsigned g)
{
	unsigned char c[2];
	if (font_code(s, g, c) == 1)
		buf_addf(b, "<%02X>", c[0]);
	else
		buf_addf(b, "<%02X%02X>", c[0], c[1]);
}

/* /ToUnicode: each glyph's code back to the code point it was drawn for,
 * so text can be searched and copied. */
static HPDF_Dict to_unicode(HPDF_Doc pdf, struct flate *z, const struct font_subset *s)
{
	int short_codes = s->nglyphs <= FONT_SHORT_CODES;
	struct buf b, zb;
	buf_init(&b);
	buf_init(&zb);
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	buf_adds(&b, short_codes ? short_space : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int g = 0;
	while (g < s->nglyphs) {
		int k = 0;
		for (int h = g; h < s->nglyphs && k < 100; h++)
			k += s->unicode[h] != 0;
		if (!k)
			break;
		buf_addf(&b, "%d beginbfchar\n", k);
		for (; k > 0; g++)
			if (s->unicode[g]) {
				add_code(&b, s, (unsigned)g);
				/* a joining form reads as its letters */
				uint32_t u[2];
				int nu = font_base_text(s->unicode[g], u);
				buf_adds(&b, " <");
				for (int j = 0; j < nu; j++)
					if (u[j] >= 0x10000) /* UTF-16BE: a surrogate pair */
						buf_addf(&b, "%04X%04X", 0xD800 + (unsigned)((u[j] - 0x10000) >> 10),
						         0xDC00 + (unsigned)((u[j] - 0x10000) & 0x3FF));
					else
						buf_addf(&b, "%04X", (unsigned)u[j]);
				buf_adds(&b, ">\n");
				k--;
			}
		buf_adds(&b, "endbfchar\n");
	}
	buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	flate_add(z, b.data, b.len, &zb);
	HPDF_Dict st = pdfobj_stream(pdf, zb.data, zb.len);
	buf_done(&b);
	buf_done(&zb);
	return st;
}

/* CIDs of s: its glyphs, and CID 32 for the space where it moved there (font_cid). */
static int cid_count(const struct font_subset *s)
{
	return s->space && s->nglyphs <= 32 ? 33 : s->nglyphs;
}

/* The width of CID c, 0 for one that draws nothing. */
static int cid_width(const struct font_subset *s, int c)
{
	unsigned g = font_cid(s, (unsigned)c);
	return g < (unsigned)s->nglyphs ? s->width[g] : 0;
}

/* /W: the widths layout used, per CID, as runs of one width (c1 c2 w)
 * where a font is monospaced and as lists (c [w1 w2 ...]) otherwise. */
static void add_widths(struct buf *b, const struct font_subset *s)
{
	buf_adds(b, "/W [");
	int g = 0, n = cid_count(s);
	while (g < n) {
		int e = g;
		while (e + 1 < n && cid_width(s, e + 1) == cid_width(s, g))
			e++;
		if (e - g >= 3) {
			buf_addf(b, "%d %d %d ", g, e, cid_width(s, g));
			g = e + 1;
			continue;
		}
		/* a list up to the next run of four */
		buf_addf(b, "%d [", g);
		for (; g < n; g++) {
			int r = g;
			while (r + 1 < n && cid_width(s, r + 1) == cid_width(s, g) && r - g < 3)
				r++;
			if (r - g >= 3)
				break;
			buf_addf(b, "%d ", cid_width(s, g));
		}
		buf_adds(b, "] ");
	}
	buf_adds(b, "]\n");
}

/* /CIDToGIDMap for a font whose space moved to CID 32 (font_cid): two
 * bytes a CID, stored as differences from the row above (PNG Up, ISO
 * 32000-1 §7.4.4.4), so the ramp of unmoved glyphs compresses to almost
 * nothing. */
static HPDF_Dict cid_to_gid(HPDF_Doc pdf, struct flate *z, const struct font_subset *s)
{
	struct buf rows, zb;
	buf_init(&rows);
	buf_init(&zb);
	unsigned prev = 0;
	for (int c = 0; c < cid_count(s); c++) {
		unsigned g = font_cid(s, (unsigned)c);
		if (g >= (unsigned)s->nglyphs)
			g = 0;
		buf_addc(&rows, 2); /* PNG filter type: Up */
		buf_addc(&rows, (char)(unsigned char)((g >> 8) - (prev >> 8)));
		buf_addc(&rows, (char)(unsigned char)((g & 255) - (prev & 255)));
		prev = g;
	}
	flate_add(z, rows.data, rows.len, &zb);
	HPDF_Dict st = pdfobj_stream(pdf, zb.data, zb.len);
	HPDF_Dict parms = st ? HPDF_Dict_New(pdf->mmgr) : NULL;
	if (parms) {
		HPDF_Dict_AddNumber(parms, "Predictor", 12);
		HPDF_Dict_AddNumber(parms, "Columns", 2);
		HPDF_Dict_Add(st, "DecodeParms", parms);
	}
	buf_done(&rows);
	buf_done(&zb);
	return parms ? st : NULL;
}

static HPDF_Dict raw_buf(HPDF_Doc pdf, const struct buf *b)
{
	return pdfobj_raw(pdf, b->data, b->len);
}

/* The encoding of short codes: codes to CIDs (= glyph ids), one CMap
 * shared by every font of the document. */
static HPDF_Dict short_cmap(HPDF_Doc pdf, struct flate *z)
{
	struct buf b, zb;
	buf_init(&b);
	buf_init(&zb);
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
	             "/CMapName /Handbook-Short-H def\n/CMapType 1 def\n");
	buf_adds(&b, short_space);
	buf_adds(&b, "2 begincidrange\n<00> <7F> 0\n<8000> <FFFF> 0\nendcidrange\n"
	             "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	flate_add(z, b.data, b.len, &zb);
	HPDF_Dict st = pdfobj_stream(pdf, zb.data, zb.len);
	if (st) {
		HPDF_Dict_AddName(st, "Type", "CMap");
		HPDF_Dict_AddName(st, "CMapName", "Handbook-Short-H");
		HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
		if (info) {
			HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
			HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
			HPDF_Dict_AddNumber(info, "Supplement", 0);
			HPDF_Dict_Add(st, "CIDSystemInfo", info);
		}
	}
	buf_done(&b);
	buf_done(&zb);
	return st;
}

HPDF_Dict pdfobj_font(HPDF_Doc pdf, struct flate *z, const struct font_subset *s,
                      const struct buf *zfile, HPDF_Dict *cmap)
{
	int short_codes = s->nglyphs <= FONT_SHORT_CODES;
	if (short_codes && !*cmap && !(*cmap = short_cmap(pdf, z)))
		return NULL;
	HPDF_Dict file = pdfobj_stream(pdf, zfile->data, zfile->len);
	HPDF_Dict tu = to_unicode(pdf, z, s);
	if (!file || !tu)
		return NULL;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)s->len);
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "/Type /FontDescriptor\n/FontName /%s\n/Flags %d\n/FontBBox [%d %d %d %d]\n"
	             "/ItalicAngle %d\n/Ascent %d\n/Descent %d\n/CapHeight %d\n/StemV %d\n"
	             "/FontFile2 %lu 0 R\n",
	         s->name, s->flags, s->bbox[0], s->bbox[1], s->bbox[2], s->bbox[3], s->italic_angle,
	         s->ascent, s->descent, s->cap_height, s->stem_v, pdfobj_num(file));
	HPDF_Dict desc = raw_buf(pdf, &b);
	HPDF_Dict map = s->space ? cid_to_gid(pdf, z, s) : NULL;
	HPDF_Dict cid = NULL, font = NULL;
	if (desc && (map || !s->space)) {
		b.len = 0;
		buf_addf(&b, "/Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n"
		             "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n"
		             "/FontDescriptor %lu 0 R\n",
		         s->name, pdfobj_num(desc));
		if (map)
			buf_addf(&b, "/CIDToGIDMap %lu 0 R\n", pdfobj_num(map));
		else
			buf_adds(&b, "/CIDToGIDMap /Identity\n");
		add_widths(&b, s);
		cid = raw_buf(pdf, &b);
	}
	if (cid) {
		b.len = 0;
		buf_addf(&b, "/Type /Font\n/Subtype /Type0\n/BaseFont /%s\n", s->name);
		if (short_codes)
			buf_addf(&b, "/Encoding %lu 0 R\n", pdfobj_num(*cmap));
		else
			buf_adds(&b, "/Encoding /Identity-H\n");
		buf_addf(&b, "/DescendantFonts [%lu 0 R]\n/ToUnicode %lu 0 R\n", pdfobj_num(cid), pdfobj_num(tu));
		font = raw_buf(pdf, &b);
	}
	buf_done(&b);
	return font;
}
