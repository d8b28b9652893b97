/* font.c: faces, metrics, fallback and subset embedding.
 *
 * HarfBuzz reads the full faces for measuring; libharu only ever sees the
 * subset made at embedding time.  libharu cannot load a font from memory
 * through its public API, so font_embed repeats what its file loader does
 * (parse the TrueType, register the font definition, give it a subset tag)
 * on a memory stream.  library-facts.md §1 and §5 explain the two libharu
 * traps handled here: a /ToUnicode that is really an encoding CMap, and a
 * truncated font that loads as an empty name. */
#include "font.h"
#include "util.h"

#include <hb.h>
#include <hb-subset.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const font_files[FACE__MAX] = {
	"NotoSans-Regular.ttf",
	"NotoSans-Bold.ttf",
	"NotoSans-Italic.ttf",
	"NotoSans-BoldItalic.ttf",
	"NotoSansMono-Regular.ttf",
	"NotoSansMath-Regular.ttf",
	"NotoSansSymbols2-Regular.ttf",
};

#define BMP 0x10000
#define ADV_UNKNOWN (-2) /* not looked up yet */

struct face_data {
	char *path;        /* owned, for messages */
	hb_blob_t *blob;   /* the whole file */
	hb_face_t *face;
	hb_font_t *font;   /* scaled to units per em */
	unsigned upem;     /* font units per em */
	int ascender;      /* 1/1000 em */
	int descender;     /* 1/1000 em, negative */
	int16_t *adv;      /* BMP_SIZE advances, 1/1000 em; -1 missing, ADV_UNKNOWN not yet read */
	uint8_t *used;     /* bitset of BMP code points drawn */
	int any_used;
};

struct fonts {
	struct face_data face[FACE__MAX];
};

static int load_face(struct face_data *fd, const char *dir, const char *file, struct diags *d)
{
	struct buf p;
	buf_init(&p);
	buf_adds(&p, dir);
	buf_addc(&p, '/');
	buf_adds(&p, file);
	fd->path = buf_detach(&p);
	FILE *fp = fopen(fd->path, "rb");
	if (!fp) {
		diag_error(d, fd->path, 0, "font file cannot be opened");
		return -1;
	}
	fclose(fp);
	fd->blob = hb_blob_create_from_file_or_fail(fd->path);
	if (!fd->blob) {
		diag_error(d, fd->path, 0, "font file cannot be read");
		return -1;
	}
	fd->face = hb_face_create(fd->blob, 0);
	fd->upem = hb_face_get_upem(fd->face);
	/* libharu reads TrueType outlines only: refuse CFF and non-fonts early */
	hb_blob_t *glyf = hb_face_reference_table(fd->face, HB_TAG('g', 'l', 'y', 'f'));
	unsigned glyf_len = hb_blob_get_length(glyf);
	hb_blob_destroy(glyf);
	if (hb_face_get_glyph_count(fd->face) < 2 || glyf_len == 0 || fd->upem < 16) {
		diag_error(d, fd->path, 0, "not a TrueType font with glyf outlines, or corrupt");
		return -1;
	}
	fd->font = hb_font_create(fd->face);
	hb_font_set_scale(fd->font, (int)fd->upem, (int)fd->upem);
	hb_font_extents_t ext;
	hb_font_get_h_extents(fd->font, &ext);
	fd->ascender = (int)((long)ext.ascender * 1000 / (long)fd->upem);
	fd->descender = (int)((long)ext.descender * 1000 / (long)fd->upem);
	fd->adv = xmalloc(BMP * sizeof(int16_t));
	for (int i = 0; i < BMP; i++)
		fd->adv[i] = ADV_UNKNOWN;
	fd->used = xcalloc(BMP / 8, 1);
	return 0;
}

struct fonts *fonts_new(const char *dir, struct diags *d)
{
	struct fonts *f = xcalloc(1, sizeof(*f));
	for (int i = 0; i < FACE__MAX; i++) {
		if (load_face(&f->face[i], dir, font_files[i], d) != 0) {
			fonts_free(f);
			return NULL;
		}
	}
	return f;
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < FACE__MAX; i++) {
		struct face_data *fd = &f->face[i];
		if (fd->font)
			hb_font_destroy(fd->font);
		if (fd->face)
			hb_face_destroy(fd->face);
		if (fd->blob)
			hb_blob_destroy(fd->blob);
		free(fd->adv);
		free(fd->used);
		free(fd->path);
	}
	free(f);
}

int font_advance(struct fonts *f, enum face face, uint32_t cp)
{
	if (cp >= BMP)
		return -1;
	struct face_data *fd = &f->face[face];
	int16_t a = fd->adv[cp];
	if (a != ADV_UNKNOWN)
		return a;
	hb_codepoint_t g;
	if (!hb_font_get_nominal_glyph(fd->font, cp, &g) || g == 0) {
		a = -1;
	} else {
		long u = hb_font_get_glyph_h_advance(fd->font, g);
		a = (int16_t)(u * 1000 / (long)fd->upem); /* truncated, as libharu's /W */
	}
	fd->adv[cp] = a;
	return a;
}

int font_pick(struct fonts *f, enum face face, uint32_t cp)
{
	if (font_advance(f, face, cp) >= 0)
		return (int)face;
	if (font_advance(f, FACE_FALLBACK, cp) >= 0)
		return FACE_FALLBACK;
	if (font_advance(f, FACE_SYMBOLS, cp) >= 0)
		return FACE_SYMBOLS;
	return -1;
}

fx font_width(struct fonts *f, enum face face, fx size, const char *s, size_t n)
{
	int64_t em = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		int a = font_advance(f, face, cp);
		em += a > 0 ? a : 0;
	}
	return (fx)(em * size / 1000);
}

int font_ascender(struct fonts *f, enum face face)
{
	return f->face[face].ascender;
}

int font_descender(struct fonts *f, enum face face)
{
	return f->face[face].descender;
}

void font_use(struct fonts *f, enum face face, const char *s, size_t n)
{
	struct face_data *fd = &f->face[face];
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp < BMP)
			fd->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
	fd->any_used = 1;
}

void font_salt(struct fonts *f, enum face face, int n)
{
	struct face_data *fd = &f->face[face];
	for (uint32_t cp = 0x21; cp < BMP && n > 0; cp++)
		if (!(fd->used[cp >> 3] & (1u << (cp & 7))) && font_advance(f, face, cp) >= 0) {
			fd->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
			n--;
		}
}

void font_reset_use(struct fonts *f)
{
	for (int i = 0; i < FACE__MAX; i++) {
		memset(f->face[i].used, 0, BMP / 8);
		f->face[i].any_used = 0;
	}
}

/* The subset as a TrueType file in memory; the caller destroys the blob. */
static hb_blob_t *subset_face(struct face_data *fd)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_set_add(u, ' ');
	for (uint32_t cp = 0; cp < BMP; cp++)
		if (fd->used[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(u, cp);
	/* hinting is for screens at small pixel sizes; PDF viewers ignore most of it */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_face_t *sub = hb_subset_or_fail(fd->face, in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	return blob;
}

/* Registers a TrueType font held in memory, as HPDF_LoadTTFontFromFile
 * does for a file.  Returns the font's name in the document, or NULL. */
static const char *load_ttf_memory(HPDF_Doc pdf, const char *data, unsigned len)
{
	/* libharu seeks to each table's offset, and refuses to seek to the
	 * very end of a memory stream: an empty table placed last (a 'glyf'
	 * holding only blank glyphs) would fail the save.  Zero padding, as
	 * TrueType's 4-byte table alignment allows, keeps every offset inside. */
	static const HPDF_BYTE pad[16];
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, len + sizeof(pad));
	if (!s || HPDF_Stream_Write(s, (const HPDF_BYTE *)data, len) != HPDF_OK ||
	    HPDF_Stream_Write(s, pad, sizeof(pad)) != HPDF_OK)
		return NULL;
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def)
		return NULL;
	if (HPDF_Doc_FindFontDef(pdf, def->base_font)) {
		const char *name = def->base_font;
		HPDF_FontDef_Free(def);
		return name; /* already registered in this document */
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	/* the subset tag (ABCDEF+Name) libharu's loader would give */
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i] += 1;
			if (pdf->ttfont_tag[i] > 'Z')
				pdf->ttfont_tag[i] = 'A';
			else
				break;
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	/* libharu embeds only glyphs it saw measured; pdf.c writes text itself,
	 * and the subset holds just the glyphs drawn, so keep them all */
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	for (unsigned i = 0; i < attr->num_glyphs; i++)
		attr->glyph_tbl.flgs[i] = 1;
	return def->base_font;
}

/* libharu's /ToUnicode is an encoding CMap; with CID = Unicode, an identity
 * bfrange map is the true one (library-facts §1). */
static int fix_tounicode(HPDF_Doc pdf, HPDF_Font font)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!s)
		return -1;
	if (pdf->compression_mode & HPDF_COMP_TEXT)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	             "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* 256 rows less the 8 surrogate rows D8..DF, at most 100 per block */
	int rows[256], nrows = 0;
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			rows[nrows++] = hi;
	for (int i = 0; i < nrows; i += 100) {
		int k = nrows - i < 100 ? nrows - i : 100;
		buf_addf(&b, "%d beginbfrange\n", k);
		for (int j = i; j < i + k; j++)
			buf_addf(&b, "<%02X00> <%02XFF> <%02X00>\n", rows[j], rows[j], rows[j]);
		buf_adds(&b, "endbfrange\n");
	}
	buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_STATUS st = HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	buf_done(&b);
	if (st != HPDF_OK)
		return -1;
	return HPDF_Dict_Add(font, "ToUnicode", s) == HPDF_OK ? 0 : -1;
}

void *font_embed(struct fonts *f, enum face face, struct _HPDF_Doc_Rec *pdf, struct diags *d)
{
	struct face_data *fd = &f->face[face];
	hb_blob_t *blob = subset_face(fd);
	if (!blob) {
		diag_error(d, fd->path, 0, "font subsetting failed");
		return NULL;
	}
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	const char *name = load_ttf_memory(pdf, data, len);
	hb_blob_destroy(blob);
	if (!name || !*name) {
		diag_error(d, fd->path, 0, "libharu could not load the font");
		return NULL;
	}
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	if (!font || fix_tounicode(pdf, font) != 0) {
		diag_error(d, fd->path, 0, "libharu could not use the font");
		return NULL;
	}
	return font;
}
