/* font.h: the faces of the book, their metrics, fallback and embedding.
 *
 * fonts_new loads every face from a folder once per run.  Layout measures
 * with font_advance/font_width (HarfBuzz's nominal advances, truncated to
 * 1/1000 em exactly as the PDF's /W array will be).  As text is drawn,
 * font_use records code points; font_subset then cuts each face down to
 * just those (hb-subset) for pdf.c to embed. */
#ifndef HANDBOOK_FONT_H
#define HANDBOOK_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "diagnostics.h"
#include "units.h"

enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLDITALIC,
	FACE_MONO,
	FACE_FALLBACK, /* arrows and mathematical symbols the text faces lack */
	FACE_SYMBOLS,  /* geometric shapes, check marks, dingbats */
	/* faces found through fontconfig for characters no bundled face has
	 * (CJK, Hebrew, ...), in the order the text first needed them */
	FACE_EXTRA,
	FACE_EXTRA_LAST = FACE_EXTRA + 7,
	FACE__MAX
};

/* Faces bundled with the program: those before FACE_EXTRA. */
#define FACE_BUNDLED FACE_EXTRA

/* File names inside the fonts folder, indexed by enum face; NULL past the
 * bundled faces. */
extern const char *const font_files[FACE__MAX];

struct fonts;

/* Loads all faces from dir.  Returns NULL with an error naming the file
 * when one is missing or not a usable TrueType (glyf) font. */
struct fonts *fonts_new(const char *dir, struct diags *d);

/* The same with the configuration's faces: chosen[i] (NULL, or chosen
 * itself NULL, for the bundled one) is a file path (holding a '/') or a
 * font family fontconfig knows.  A chosen face that cannot be used, and a
 * bundled face other than the regular one that is missing, is a warning:
 * the bundled face, or the regular one, stands in.  Returns NULL with an
 * error only when no regular face loads, or a bundled one is corrupt. */
struct fonts *fonts_new_from(const char *dir, const char *const chosen[FACE__MAX], struct diags *d);

/* The file of an installed family's face (fontconfig, opened with dlopen
 * if need be and started with FcInit by fonts_new_from), malloc'd, or NULL
 * when no family of that name is installed or fontconfig is missing. */
char *font_find_family(const char *family, int bold, int italic);
void fonts_free(struct fonts *f);

/* Advance of cp in face, 1/1000 em; -1 when the face has no glyph for it.
 * Code points beyond the BMP (emoji, U+1D400 ...) are measured like the rest. */
int font_advance(struct fonts *f, enum face face, uint32_t cp);

/* The face that draws cp when the text is in `face`: itself, else the
 * first bundled fallback face that has it, else the first installed face
 * found for the run that has it (fontconfig is asked only here, when no
 * face loaded so far has the character), else -1 (no face has it). */
int font_pick(struct fonts *f, enum face face, uint32_t cp);

/* Width of UTF-8 text set entirely in one face at size, 1/1000 pt. */
fx font_width(struct fonts *f, enum face face, fx size, const char *s, size_t n);

/* Ascender and descender of a face, 1/1000 em (descender negative). */
int font_ascender(struct fonts *f, enum face face);
int font_descender(struct fonts *f, enum face face);

/* Records that s will be drawn in face, so the subset keeps its glyphs. */
void font_use(struct fonts *f, enum face face, const char *s, size_t n);

/* One face cut down to the glyphs drawn, renumbered from 0: what pdf.c
 * needs to embed it as a CIDFontType2 with CID = glyph id.
 *
 * Text is written in FONT_SHORT_CODES: glyphs below 0x80 (most of a Latin
 * text's, since hb-subset keeps the font's glyph order) take one byte,
 * the others two bytes from 0x8000 up; a subset too big for that uses
 * plain two-byte codes (Identity-H). */
struct font_subset {
	char *data;          /* the TrueType file */
	size_t len;          /* its bytes */
	int nglyphs;         /* glyphs in the subset */
	int *width;          /* per glyph, advance in 1/1000 em, as layout measured */
	uint32_t *unicode;   /* per glyph, the code point it was drawn for; 0 none */
	uint16_t *gid;       /* per BMP code point, its glyph; 0 when not drawn */
	uint32_t *hi_cp;     /* the code points beyond the BMP drawn, ascending ... */
	uint16_t *hi_gid;    /* ... and their glyphs */
	int nhi;             /* entries of hi_cp and hi_gid */
	unsigned space;      /* the space's glyph when it trades CIDs with glyph 32 (font_cid), 0 none */
	char name[64];       /* "ABCDEF+PostScriptName", a PDF name needing no escapes */
	int flags;           /* font descriptor flags (PDF 32000 table 123) */
	int italic_angle;    /* degrees, counter-clockwise */
	int bbox[4];         /* xmin ymin xmax ymax, 1/1000 em */
	int ascent, descent; /* 1/1000 em, descent negative */
	int cap_height;      /* 1/1000 em */
	int stem_v;          /* vertical stem width, 1/1000 em (estimated) */
};

/* The glyph of s that draws cp (any plane), 0 when it was not drawn. */
unsigned font_glyph(const struct font_subset *s, uint32_t cp);

/* 1 for an Arabic presentation form (U+FB50-FDFF, U+FE70-FEFF): the
 * joining forms paragraph.c draws Arabic letters with. */
static inline int font_presentation_form(uint32_t cp)
{
	return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

/* The text a glyph drawn for cp stands for, into out: cp itself, or for a
 * presentation form the letters it joins (one, or lam and alef for their
 * ligature).  Returns how many, 1 or 2. */
int font_base_text(uint32_t cp, uint32_t out[2]);

/* Glyphs a subset may have to be written in short codes. */
#define FONT_SHORT_CODES 0x8000

/* In short codes the space and glyph 32 trade CIDs (and so codes): the
 * space is then the one-byte code 32, the only code word spacing (Tw)
 * applies to (ISO 32000-1 §9.3.3), so a justified line is one string
 * under one Tw instead of a position adjustment per word; and it is CID
 * 32, which poppler's text extraction takes Tw off (a letter there read
 * as a word break).  pdfobj.c writes the CIDToGIDMap and /W to match. */
static inline unsigned font_cid(const struct font_subset *s, unsigned g)
{
	return !s->space ? g : g == s->space ? 32 : g == 32 ? s->space : g;
}

/* The code of glyph g of s in out: returns its length, 1 or 2 bytes. */
int font_code(const struct font_subset *s, unsigned g, unsigned char out[2]);

/* Subsets `face` to the code points font_use recorded.  Returns 0 or -1.
 * Free with font_subset_done.  Faces may be subset on different threads
 * at once (nothing else may run on f meanwhile). */
int font_subset(struct fonts *f, enum face face, struct font_subset *s);

/* The face's file, for messages; NULL for an extra face not loaded. */
const char *font_path(const struct fonts *f, enum face face);
void font_subset_done(struct font_subset *s);

/* Clears the used code points, for writing another document with the same fonts. */
void font_reset_use(struct fonts *f);

#endif
