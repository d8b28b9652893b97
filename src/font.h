/* font.h: the faces of the book, their metrics, fallback and embedding.
 *
 * fonts_new loads every face from a folder once per run.  Layout measures
 * with font_advance/font_width (HarfBuzz's nominal advances, truncated to
 * 1/1000 em exactly as the PDF's /W array will be).  As text is drawn,
 * font_use records code points; font_embed then subsets each face to just
 * those (hb-subset) and loads the subset into the libharu document. */
#ifndef HANDBOOK_FONT_H
#define HANDBOOK_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "units.h"

enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLDITALIC,
	FACE_MONO,
	FACE_FALLBACK, /* arrows and mathematical symbols the text faces lack */
	FACE_SYMBOLS,  /* geometric shapes, check marks, dingbats */
	FACE__MAX
};

/* File names inside the fonts folder, indexed by enum face. */
extern const char *const font_files[FACE__MAX];

struct fonts;

/* Loads all faces from dir.  Returns NULL with an error naming the file
 * when one is missing or not a usable TrueType (glyf) font. */
struct fonts *fonts_new(const char *dir, struct diags *d);
void fonts_free(struct fonts *f);

/* Advance of cp in face, 1/1000 em; -1 when the face has no glyph for it.
 * Code points above U+FFFF are always missing (libharu cannot encode them). */
int font_advance(struct fonts *f, enum face face, uint32_t cp);

/* The face that draws cp when the text is in `face`: itself, else the
 * first fallback face that has it, else -1 (no bundled face has it). */
int font_pick(struct fonts *f, enum face face, uint32_t cp);

/* Width of UTF-8 text set entirely in one face at size, 1/1000 pt. */
fx font_width(struct fonts *f, enum face face, fx size, const char *s, size_t n);

/* Ascender and descender of a face, 1/1000 em (descender negative). */
int font_ascender(struct fonts *f, enum face face);
int font_descender(struct fonts *f, enum face face);

/* Records that s will be drawn in face, so the subset keeps its glyphs. */
void font_use(struct fonts *f, enum face face, const char *s, size_t n);

/* Subsets `face` to the used code points and loads it into the libharu
 * document `pdf` (an HPDF_Doc).  Returns the HPDF_Font, or NULL with an
 * error in d.  Call once per face per document. */
struct _HPDF_Doc_Rec;
void *font_embed(struct fonts *f, enum face face, struct _HPDF_Doc_Rec *pdf, struct diags *d);

/* Marks up to n more code points that the face has and that are not yet
 * used, so its subset (and the font file libharu rebuilds) changes size. */
void font_salt(struct fonts *f, enum face face, int n);

/* Clears the used code points, for writing another document with the same fonts. */
void font_reset_use(struct fonts *f);

#endif
