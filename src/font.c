/* font.c: faces, metrics, fallback and subsets.
 *
 * HarfBuzz reads the full faces for measuring and cuts each used face down
 * to the glyphs drawn (hb-subset).  The subset is handed to pdf.c as plain
 * data, glyphs renumbered from 0, with everything a PDF font descriptor
 * needs; libharu's own TrueType loader is bypassed (docs/libharu.md §1, §11:
 * a wrong /ToUnicode, a 65,536-entry map per font, and a save that fails
 * when its rebuilt font file is a multiple of 4 KiB). */
#include "font.h"
#include "dlib.h"
#include "icu.h"
#include "util.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const font_files[FACE__MAX] = {
	"NotoSans-Regular.ttf",
	"NotoSans-Bold.ttf",
	"NotoSans-Italic.ttf",
	"NotoSans-BoldItalic.ttf",
	"NotoSansMono-Regular.ttf",
	"NotoSansMath-Regular.ttf",
	"NotoSansSymbols2-Regular.ttf",
};

/* fontconfig is opened with dlopen the first time a character no bundled
 * face has, or a face named by family, needs it, not linked: loading it
 * (with expat) at every start cost the English book time for nothing.
 * Its soname has been .1 since fontconfig 2.0. */
#ifndef FONT_FONTCONFIG
#define FONT_FONTCONFIG "libfontconfig.so.1"
#endif
#define FC_FUNCS(X) \
	X(FcInit) X(FcFini) X(FcPatternBuild) X(FcConfigSubstitute) X(FcDefaultSubstitute) X(FcFontMatch) \
	X(FcPatternGetString) X(FcPatternDestroy) X(FcFontSetDestroy) X(FcConfigDestroy) \
	X(FcInitLoadConfigAndFonts) X(FcPatternCreate) X(FcPatternAddString) X(FcPatternAddInteger) \
	X(FcFontSort) X(FcPatternGetCharSet) X(FcCharSetHasChar) X(FcPatternGetInteger)
#define FC_DECLARE(f) static __typeof__(f) *dl_##f;
FC_FUNCS(FC_DECLARE)

/* Opens fontconfig once; returns 0, or -1 when it cannot be (no installed
 * face is then looked for). */
static int fc_load(void)
{
	static int state;
	static const char *const names[] = { FONT_FONTCONFIG, NULL };
#define FC_SYM(f) { #f, (void **)&dl_##f },
	static const struct dlib_sym syms[] = { FC_FUNCS(FC_SYM) };
	return dlib_open(&state, names, syms, DLIB_COUNT(syms)) < 0 ? -1 : 0;
}

#define BMP 0x10000
/* One past the last Unicode code point. */
#define CP_END 0x110000

/* A sorted set of code points beyond the BMP (emoji, mathematical
 * alphanumerics, historic scripts): a text holds a handful of distinct
 * ones, so a sorted array searched by halves is smaller than a bitset of
 * 1,114,112 bits per face and no slower. */
struct cpset {
	uint32_t *v;  /* sorted, distinct; owned */
	int n, cap;
};

/* The position of cp in s, or where it would go: *found says which. */
static int cpset_find(const struct cpset *s, uint32_t cp, int *found)
{
	int lo = 0, hi = s->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->v[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < s->n && s->v[lo] == cp;
	return lo;
}

static int cpset_has(const struct cpset *s, uint32_t cp)
{
	int found;
	cpset_find(s, cp, &found);
	return found;
}

static void cpset_add(struct cpset *s, uint32_t cp)
{
	int found, at = cpset_find(s, cp, &found);
	if (found)
		return;
	if (s->n == s->cap)
		GROW(s->v, s->cap, s->n + 1);
	memmove(s->v + at + 1, s->v + at, sizeof(*s->v) * (size_t)(s->n - at));
	s->v[at] = cp;
	s->n++;
}

struct face_data {
	char *path;        /* owned, for messages */
	unsigned index;    /* the face's number in its file (a .ttc holds several) */
	hb_blob_t *blob;   /* the whole file */
	hb_face_t *face;
	hb_font_t *font;   /* scaled to units per em */
	unsigned upem;     /* font units per em */
	int ascender;      /* 1/1000 em */
	int descender;     /* 1/1000 em, negative */
	uint16_t *adv;     /* per BMP code point, advance + 2 in 1/1000 em: 1 missing, 0 not
	                    * looked up yet (so the table starts as untouched zero pages) */
	uint8_t *used;     /* bitset of BMP code points drawn */
	struct cpset hi_used; /* code points beyond the BMP drawn */
	int any_used;
	int subset_failed; /* 1: HarfBuzz failed to subset it (out of memory); HarfBuzz 6.0 can
	                    * then crash destroying the face, so fonts_free leaves it */
};

struct fonts {
	struct face_data face[FACE__MAX];
	int nextra;        /* extra faces loaded: FACE_EXTRA .. FACE_EXTRA + nextra - 1 */
	FcConfig *fc;      /* fontconfig, made at the first character no face has; owned */
	FcFontSet *fc_set; /* its fonts in order of preference (font_fc_init); owned */
	int fc_failed;     /* 1: fontconfig could not be set up; not tried again */
	uint8_t *fc_none;  /* bitset of BMP code points fontconfig found no face for; owned */
	struct cpset fc_none_hi; /* the same beyond the BMP */
};

/* Why a face could not be loaded, as the messages name it. */
enum face_fail { FF_OK, FF_OPEN, FF_READ, FF_NOT_TTF };

/* Loads face `index` of the font file at path (a .ttc holds several) into
 * fd.  Returns FF_OK, or why not with fd emptied again (its path kept for
 * the message). */
static enum face_fail load_face(struct face_data *fd, const char *path, unsigned index)
{
	free(fd->path);
	memset(fd, 0, sizeof(*fd));
	fd->path = xstrdup(path);
	fd->index = index;
	FILE *fp = fopen(fd->path, "rb");
	if (!fp)
		return FF_OPEN;
	fclose(fp);
	fd->blob = hb_blob_create_from_file_or_fail(fd->path);
	if (!fd->blob)
		return FF_READ;
	fd->face = hb_face_create(fd->blob, index);
	fd->upem = hb_face_get_upem(fd->face);
	/* libharu reads TrueType outlines only: refuse CFF and non-fonts early */
	hb_blob_t *glyf = hb_face_reference_table(fd->face, HB_TAG('g', 'l', 'y', 'f'));
	unsigned glyf_len = hb_blob_get_length(glyf);
	hb_blob_destroy(glyf);
	if (hb_face_get_glyph_count(fd->face) < 2 || glyf_len == 0 || fd->upem < 16) {
		hb_face_destroy(fd->face);
		hb_blob_destroy(fd->blob);
		fd->face = NULL;
		fd->blob = NULL;
		return FF_NOT_TTF;
	}
	fd->font = hb_font_create(fd->face);
	hb_font_set_scale(fd->font, (int)fd->upem, (int)fd->upem);
	hb_font_extents_t ext;
	hb_font_get_h_extents(fd->font, &ext);
	fd->ascender = (int)((long)ext.ascender * 1000 / (long)fd->upem);
	fd->descender = (int)((long)ext.descender * 1000 / (long)fd->upem);
	fd->adv = xcalloc(BMP, sizeof(*fd->adv));
	fd->used = xcalloc(BMP / 8, 1);
	return FF_OK;
}

static void face_fail_error(struct diags *d, const char *path, enum face_fail why)
{
	if (why == FF_OPEN)
		diag_error(d, path, 0, "font file cannot be opened");
	else if (why == FF_READ)
		diag_error(d, path, 0, "font file cannot be read");
	else
		diag_error(d, path, 0, "not a TrueType font with glyf outlines, or corrupt");
}

static const char *const face_fail_text[] = { "", "cannot be opened", "cannot be read",
	                                          "is not a TrueType font with glyf outlines" };

/* The face a missing bundled face is drawn with instead: bold italic by
 * bold, every other by the regular face (already loaded: faces load in
 * enum order). */
static enum face stand_in(enum face i)
{
	return i == FACE_BOLDITALIC ? FACE_BOLD : FACE_REGULAR;
}

static void face_done(struct face_data *fd)
{
	if (fd->subset_failed) {
		/* left to the exit that follows (see subset_failed) */
	} else {
		if (fd->font)
			hb_font_destroy(fd->font);
		if (fd->face)
			hb_face_destroy(fd->face);
		if (fd->blob)
			hb_blob_destroy(fd->blob);
	}
	free(fd->adv);
	free(fd->used);
	free(fd->hi_used.v);
	free(fd->path);
	memset(fd, 0, sizeof(*fd));
}

struct fonts *fonts_new(const char *dir, struct diags *d)
{
	return fonts_new_from(dir, NULL, d);
}

struct fonts *fonts_new_from(const char *dir, const char *const chosen[FACE__MAX], struct diags *d)
{
	struct fonts *f = xcalloc(1, sizeof(*f));
	/* fontconfig is started only for a family name, and shut down again
	 * here: its caches are not kept for the rest of the run */
	int fc = 0;
	for (int i = 0; i < FACE_BUNDLED && chosen; i++)
		if (chosen[i] && !strchr(chosen[i], '/') && !fc && fc_load() == 0)
			fc = dl_FcInit();
	for (int i = 0; i < FACE_BUNDLED; i++) {
		struct face_data *fd = &f->face[i];
		enum face_fail why;
		if (chosen && chosen[i]) {
			/* a configured face: a file, or a family fontconfig finds */
			char *path = strchr(chosen[i], '/') ? xstrdup(chosen[i])
			             : fc ? font_find_family(chosen[i], i == FACE_BOLD || i == FACE_BOLDITALIC,
			                                     i == FACE_ITALIC || i == FACE_BOLDITALIC)
			                  : NULL;
			why = path ? load_face(fd, path, 0) : FF_OPEN;
			if (why == FF_OK) {
				free(path);
				continue;
			}
			diag_warn(d, path ? path : chosen[i], 0, "font %s; the bundled face is used instead",
			          path ? face_fail_text[why] : "is no installed font family");
			free(path);
		}
		struct buf p;
		buf_init(&p);
		buf_addf(&p, "%s/%s", dir, font_files[i]);
		why = load_face(fd, buf_cstr(&p), 0);
		if (why == FF_OPEN && i != FACE_REGULAR) {
			/* a folder without one of the bundled faces still makes a book */
			diag_warn(d, buf_cstr(&p), 0, "font file cannot be opened; %s is used in its place",
			          font_files[stand_in((enum face)i)]);
			why = load_face(fd, f->face[stand_in((enum face)i)].path, 0);
		}
		buf_done(&p);
		if (why != FF_OK) {
			face_fail_error(d, fd->path, why);
			fonts_free(f);
			f = NULL;
			break;
		}
	}
	if (fc)
		dl_FcFini();
	return f;
}

/* fontconfig (started by the caller): the file of family's face, bold
 * and italic as asked, or NULL when no installed family has that name
 * (fontconfig would answer with its default face, so the name it found is
 * compared). */
char *font_find_family(const char *family, int bold, int italic)
{
	if (fc_load() != 0)
		return NULL;
	FcPattern *pat = dl_FcPatternBuild(NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)family, FC_WEIGHT, FcTypeInteger,
	                                bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR, FC_SLANT, FcTypeInteger,
	                                italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN, (char *)NULL);
	char *path = NULL;
	if (!pat)
		return NULL;
	dl_FcConfigSubstitute(NULL, pat, FcMatchPattern);
	dl_FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *m = dl_FcFontMatch(NULL, pat, &res);
	FcChar8 *file = NULL, *fam = NULL;
	if (m && dl_FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
	    dl_FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && !strcasecmp((const char *)fam, family))
		path = xstrdup((const char *)file);
	if (m)
		dl_FcPatternDestroy(m);
	dl_FcPatternDestroy(pat);
	return path;
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < FACE__MAX; i++)
		face_done(&f->face[i]);
	if (f->fc_set)
		dl_FcFontSetDestroy(f->fc_set);
	if (f->fc)
		dl_FcConfigDestroy(f->fc);
	free(f->fc_none);
	free(f->fc_none_hi.v);
	free(f);
}

/* An advance in font units as 1/1000 em, truncated: layout measures and the
 * PDF's /W (font_subset) must agree to the unit. */
static int advance_per_mille(const struct face_data *fd, long units)
{
	long a = units * 1000 / (long)fd->upem;
	return (int)(a < 0 ? 0 : a > 60000 ? 60000 : a);
}

/* The advance of cp beyond the BMP, asked of HarfBuzz each time: such
 * characters are rare enough in a book that a cache would cost more. */
static int advance_hi(struct face_data *fd, uint32_t cp)
{
	hb_codepoint_t g;
	if (cp >= CP_END || !hb_font_get_nominal_glyph(fd->font, cp, &g) || g == 0)
		return -1;
	return advance_per_mille(fd, hb_font_get_glyph_h_advance(fd->font, g));
}

int font_advance(struct fonts *f, enum face face, uint32_t cp)
{
	struct face_data *fd = &f->face[face];
	if (!fd->font)
		return -1; /* an extra face not loaded */
	if (cp >= BMP)
		return advance_hi(fd, cp);
	if (fd->adv[cp])
		return fd->adv[cp] - 2;
	int a;
	hb_codepoint_t g;
	if (!hb_font_get_nominal_glyph(fd->font, cp, &g) || g == 0) {
		a = -1;
	} else {
		a = advance_per_mille(fd, hb_font_get_glyph_h_advance(fd->font, g));
	}
	fd->adv[cp] = (uint16_t)(a + 2);
	return a;
}

/* Characters that are no text of their own (controls, the replacement
 * character, private use): never looked for among the installed faces. */
static int font_not_text(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) ||
	       (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xF0000 || (cp & 0xFFFE) == 0xFFFE;
}

/* fontconfig's fonts in its order of preference for sans-serif text, the
 * TrueType ones with glyf outlines only (the only kind pdfobj.c embeds):
 * sorted once, at the first character no loaded face has, then searched
 * for each such character (a bitmap test per font), so a text of many
 * missing characters costs one sort.  Returns -1 when fontconfig fails. */
static int font_fc_init(struct fonts *f)
{
	if (f->fc_set)
		return 0;
	if (f->fc_failed || fc_load() != 0 || !(f->fc = dl_FcInitLoadConfigAndFonts())) {
		f->fc_failed = 1;
		return -1;
	}
	FcPattern *pat = dl_FcPatternCreate();
	FcResult res;
	if (pat) {
		dl_FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
		dl_FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
		dl_FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
		dl_FcConfigSubstitute(f->fc, pat, FcMatchPattern);
		dl_FcDefaultSubstitute(pat);
		f->fc_set = dl_FcFontSort(f->fc, pat, FcFalse, NULL, &res);
		dl_FcPatternDestroy(pat);
	}
	if (!f->fc_set) {
		f->fc_failed = 1;
		return -1;
	}
	return 0;
}

/* The first installed face (font_fc_init's order) that has cp, loaded as
 * the next extra face.  Returns the face, or -1; a character found in
 * none is remembered. */
static int font_find_installed(struct fonts *f, uint32_t cp)
{
	if (cp >= CP_END || font_not_text(cp) || f->nextra >= FACE__MAX - FACE_EXTRA)
		return -1;
	if (!f->fc_none)
		f->fc_none = xcalloc(BMP / 8, 1);
	if (cp < BMP ? (f->fc_none[cp >> 3] >> (cp & 7)) & 1 : cpset_has(&f->fc_none_hi, cp))
		return -1;
	if (font_fc_init(f) != 0)
		return -1;
	int found = -1;
	FcFontSet *set = f->fc_set;
	for (int i = 0; i < set->nfont && found < 0; i++) {
		FcCharSet *cs;
		FcChar8 *file, *format;
		int index = 0;
		if (dl_FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch || !dl_FcCharSetHasChar(cs, cp) ||
		    dl_FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
		    dl_FcPatternGetString(set->fonts[i], FC_FONTFORMAT, 0, &format) != FcResultMatch ||
		    strcmp((const char *)format, "TrueType"))
			continue;
		dl_FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
		/* a face already loaded for another character lacks this one */
		int loaded = 0;
		for (int k = 0; k < f->nextra; k++)
			loaded |= !strcmp(f->face[FACE_EXTRA + k].path, (const char *)file) &&
			          f->face[FACE_EXTRA + k].index == (unsigned)index;
		if (loaded)
			continue;
		struct face_data *fd = &f->face[FACE_EXTRA + f->nextra];
		if (load_face(fd, (const char *)file, (unsigned)index) != FF_OK) {
			face_done(fd);
			continue;
		}
		if (font_advance(f, (enum face)(FACE_EXTRA + f->nextra), cp) < 0) {
			face_done(fd); /* fontconfig's charset and the cmap disagree */
			continue;
		}
		found = FACE_EXTRA + f->nextra++;
	}
	if (found < 0 && cp < BMP)
		f->fc_none[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	else if (found < 0)
		cpset_add(&f->fc_none_hi, cp);
	return found;
}

int font_pick(struct fonts *f, enum face face, uint32_t cp)
{
	if (font_advance(f, face, cp) >= 0)
		return (int)face;
	if (font_advance(f, FACE_FALLBACK, cp) >= 0)
		return FACE_FALLBACK;
	if (font_advance(f, FACE_SYMBOLS, cp) >= 0)
		return FACE_SYMBOLS;
	for (int i = 0; i < f->nextra; i++)
		if (font_advance(f, (enum face)(FACE_EXTRA + i), cp) >= 0)
			return FACE_EXTRA + i;
	return font_find_installed(f, cp);
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
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* most of a book: no decoding */
			fd->used[c >> 3] |= (uint8_t)(1u << (c & 7));
			i++;
			continue;
		}
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp < BMP)
			fd->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		else
			cpset_add(&fd->hi_used, cp);
	}
	fd->any_used = 1;
}

void font_reset_use(struct fonts *f)
{
	for (int i = 0; i < FACE__MAX; i++) {
		if (f->face[i].used)
			memset(f->face[i].used, 0, BMP / 8);
		f->face[i].hi_used.n = 0;
		f->face[i].any_used = 0;
	}
}

static int is_used(const struct face_data *fd, uint32_t cp)
{
	return (fd->used[cp >> 3] >> (cp & 7)) & 1;
}

/* The first used code point from cp on, or BMP: the set is sparse (a few
 * hundred of 65,536), so empty bytes are skipped eight code points at a time. */
static uint32_t next_used(const struct face_data *fd, uint32_t cp)
{
	while (cp < BMP) {
		if (!(cp & 7) && !fd->used[cp >> 3]) {
			cp += 8;
			continue;
		}
		if (is_used(fd, cp))
			return cp;
		cp++;
	}
	return BMP;
}

/* Tables a PDF reader uses from an embedded TrueType font; the rest
 * (layout, colour, MATH, names beyond the basics) are dropped. */
static int pdf_needs(hb_tag_t t)
{
	static const hb_tag_t keep[] = {
		HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
		HB_TAG('m', 'a', 'x', 'p'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('g', 'l', 'y', 'f'),
		HB_TAG('c', 'm', 'a', 'p'), HB_TAG('p', 'o', 's', 't'), HB_TAG('O', 'S', '/', '2'),
	};
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (keep[i] == t)
			return 1;
	return 0;
}

/* The subset as a TrueType file in memory; the caller destroys the blob. */
static hb_blob_t *subset_blob(struct face_data *fd)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_set_add(u, ' ');
	for (uint32_t cp = next_used(fd, 0); cp < BMP; cp = next_used(fd, cp + 1))
		hb_set_add(u, cp);
	for (int i = 0; i < fd->hi_used.n; i++)
		hb_set_add(u, fd->hi_used.v[i]);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_tag_t tags[64];
	unsigned start = 0, n;
	do {
		n = sizeof(tags) / sizeof(tags[0]);
		hb_face_get_table_tags(fd->face, start, &n, tags);
		for (unsigned i = 0; i < n; i++)
			if (!pdf_needs(tags[i]))
				hb_set_add(drop, tags[i]);
		start += n;
	} while (n == sizeof(tags) / sizeof(tags[0]));
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

/* A big-endian field of one of the face's tables, 0 when the table is short. */
static long table_field(hb_face_t *face, hb_tag_t tag, unsigned off, int bytes, int is_signed)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	unsigned len = 0;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &len);
	unsigned long v = 0;
	if (p && off + (unsigned)bytes <= len)
		for (int i = 0; i < bytes; i++)
			v = v << 8 | p[off + (unsigned)i];
	hb_blob_destroy(b);
	if (is_signed && bytes < 8 && (v >> (bytes * 8 - 1)) & 1)
		return (long)v - (1L << (bytes * 8));
	return (long)v;
}

static int per_mille(const struct face_data *fd, long units)
{
	return (int)(units * 1000 / (long)fd->upem);
}

/* The PostScript name, reduced to characters a PDF name needs no escape for. */
static void ps_name(const struct face_data *fd, char *out, size_t cap)
{
	char raw[64];
	unsigned len = sizeof(raw);
	if (!hb_ot_name_get_utf8(fd->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, raw))
		snprintf(raw, sizeof(raw), "%s", strrchr(fd->path, '/') ? strrchr(fd->path, '/') + 1 : fd->path);
	size_t k = 0;
	for (const char *s = raw; *s && *s != '.' && k + 1 < cap; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')
			out[k++] = *s;
	if (!k)
		out[k++] = 'F';
	out[k] = 0;
}

/* Descriptor values from the full face: they describe the design, not the subset. */
static void describe(const struct face_data *fd, struct font_subset *s)
{
	hb_face_t *fc = fd->face;
	hb_tag_t head = HB_TAG('h', 'e', 'a', 'd'), post = HB_TAG('p', 'o', 's', 't');
	for (int i = 0; i < 4; i++)
		s->bbox[i] = per_mille(fd, table_field(fc, head, 36 + 2 * (unsigned)i, 2, 1));
	s->italic_angle = (int)(table_field(fc, post, 4, 4, 1) / 65536);
	s->ascent = fd->ascender;
	s->descent = fd->descender;
	hb_position_t cap = 0;
	s->cap_height = hb_ot_metrics_get_position(fd->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap)
	                    ? per_mille(fd, cap)
	                    : fd->ascender;
	/* no table records stem widths; this common estimate from the weight class will do */
	long weight = table_field(fc, HB_TAG('O', 'S', '/', '2'), 4, 2, 0);
	s->stem_v = weight ? (int)(10 + 220 * (weight - 50) / 900) : 80;
	if (s->stem_v < 10)
		s->stem_v = 10;
	/* Symbolic: CIDs, not a standard Latin encoding, pick the glyphs */
	s->flags = 4;
	if (table_field(fc, post, 12, 4, 0))
		s->flags |= 1; /* FixedPitch */
	if (s->italic_angle)
		s->flags |= 64; /* Italic */
}

/* Six capitals naming this subset (PDF's "ABCDEF+Name"), from what it holds,
 * so the same text always gives the same file. */
static void subset_tag(const struct face_data *fd, char tag[7])
{
	uint64_t h = 1469598103934665603ULL;
	/* the file's name, not its folder: the same book gives the same bytes
	 * wherever it is built */
	const char *base = strrchr(fd->path, '/') ? strrchr(fd->path, '/') + 1 : fd->path;
	for (const char *p = base; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (size_t i = 0; i < BMP / 8; i++)
		h = (h ^ fd->used[i]) * 1099511628211ULL;
	for (int i = 0; i < fd->hi_used.n; i++)
		h = (h ^ fd->hi_used.v[i]) * 1099511628211ULL;
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = 0;
}

const char *font_path(const struct fonts *f, enum face face)
{
	return f->face[face].path;
}

/* Records the subset's glyph for cp, and cp as that glyph's text; a code
 * point beyond the BMP goes in hi_gid, in the order of hi_cp. */
static void map_glyph(struct font_subset *s, hb_font_t *font, uint32_t cp)
{
	hb_codepoint_t g;
	if ((cp < BMP && s->gid[cp]) || !hb_font_get_nominal_glyph(font, cp, &g) || g >= (unsigned)s->nglyphs)
		return;
	if (cp < BMP) {
		s->gid[cp] = (uint16_t)g;
	} else {
		s->hi_cp[s->nhi] = cp;
		s->hi_gid[s->nhi++] = (uint16_t)g;
	}
	if (!s->unicode[g])
		s->unicode[g] = cp;
}

unsigned font_glyph(const struct font_subset *s, uint32_t cp)
{
	if (cp < BMP)
		return s->gid[cp];
	int lo = 0, hi = s->nhi;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->hi_cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nhi && s->hi_cp[lo] == cp ? s->hi_gid[lo] : 0;
}

int font_subset(struct fonts *f, enum face face, struct font_subset *s)
{
	struct face_data *fd = &f->face[face];
	memset(s, 0, sizeof(*s));
	hb_blob_t *blob = subset_blob(fd);
	hb_face_t *sub = blob ? hb_face_create(blob, 0) : NULL;
	unsigned n = sub ? hb_face_get_glyph_count(sub) : 0;
	if (n == 0 || n > 0xFFFF) {
		if (sub)
			hb_face_destroy(sub);
		hb_blob_destroy(blob);
		fd->subset_failed = 1;
		return -1;
	}
	hb_font_t *font = hb_font_create(sub);
	hb_font_set_scale(font, (int)fd->upem, (int)fd->upem);
	s->nglyphs = (int)n;
	s->width = xcalloc(n, sizeof(*s->width));
	s->unicode = xcalloc(n, sizeof(*s->unicode));
	s->gid = xcalloc(BMP, sizeof(*s->gid));
	s->hi_cp = xcalloc((size_t)fd->hi_used.n + 1, sizeof(*s->hi_cp));
	s->hi_gid = xcalloc((size_t)fd->hi_used.n + 1, sizeof(*s->hi_gid));
	for (unsigned g = 0; g < n; g++)
		s->width[g] = advance_per_mille(fd, hb_font_get_glyph_h_advance(font, g));
	/* the space first (subset_blob always keeps it): a glyph drawn for
	 * several code points reads back as the first one mapped */
	map_glyph(s, font, ' ');
	for (uint32_t cp = next_used(fd, 0); cp < BMP; cp = next_used(fd, cp + 1))
		map_glyph(s, font, cp);
	for (int i = 0; i < fd->hi_used.n; i++) /* in order: font_glyph searches them by halves */
		map_glyph(s, font, fd->hi_used.v[i]);
	hb_font_destroy(font);
	hb_face_destroy(sub);
	/* the space to CID 32 (font_cid), in short codes */
	if (n <= FONT_SHORT_CODES && s->gid[' '] > 0 && s->gid[' '] < 0x80 && s->gid[' '] != 32)
		s->space = s->gid[' '];
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	s->data = xmalloc(len ? len : 1);
	memcpy(s->data, data, len);
	s->len = len;
	hb_blob_destroy(blob);
	char tag[7], name[48];
	subset_tag(fd, tag);
	ps_name(fd, name, sizeof(name));
	snprintf(s->name, sizeof(s->name), "%s+%s", tag, name);
	describe(fd, s);
	return 0;
}

int font_code(const struct font_subset *s, unsigned g, unsigned char out[2])
{
	int short_codes = s->nglyphs <= FONT_SHORT_CODES;
	g = font_cid(s, g);
	if (short_codes && g < 0x80) {
		out[0] = (unsigned char)g;
		return 1;
	}
	out[0] = (unsigned char)((g >> 8) | (short_codes ? 0x80 : 0));
	out[1] = (unsigned char)(g & 0xFF);
	return 2;
}

void font_subset_done(struct font_subset *s)
{
	free(s->data);
	free(s->width);
	free(s->unicode);
	free(s->gid);
	free(s->hi_cp);
	free(s->hi_gid);
	memset(s, 0, sizeof(*s));
}

int font_base_text(uint32_t cp, uint32_t out[2])
{
	out[0] = cp;
	if (!font_presentation_form(cp) || icu_load() != 0)
		return 1;
	UChar in[1] = { (UChar)cp }, base[4];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = icu_u_shapeArabic(in, 1, base, 4, U_SHAPE_LETTERS_UNSHAPE | U_SHAPE_LENGTH_GROW_SHRINK, &e);
	if (U_FAILURE(e) || n < 1 || n > 2)
		return 1;
	for (int i = 0; i < n; i++)
		out[i] = base[i];
	return (int)n;
}
