/* pdfobj.h: PDF objects made from bytes we already have.
 *
 * libharu's object tree costs about 150 bytes per dictionary key and
 * copies stream data a byte at a time into 4 KiB chunks: a thousand-role
 * book spent most of its memory there.  These helpers add objects that
 * libharu numbers, cross-references and saves like its own, but whose
 * contents it only copies: a stream over bytes compressed here, and a
 * dictionary whose entries are one preformatted string.  Everything else
 * in the document (catalog, pages, outline, labels, images) stays
 * libharu's.  Only the PDF stage (pdf*.c) uses this. */
#ifndef HANDBOOK_PDFOBJ_H
#define HANDBOOK_PDFOBJ_H

#include <hpdf.h>
#include <stddef.h>

#include "font.h"
#include "util.h"

/* The object number of an indirect libharu object ("N 0 R"). */
unsigned long pdfobj_num(const void *obj);

/* Makes st's data the n bytes at z (compressed with flate.c), copied, and
 * writes /Filter /FlateDecode for it. */
HPDF_STATUS pdfobj_set_stream(HPDF_Dict st, const char *z, size_t n);

/* A new indirect stream holding the n FlateDecode bytes at z, or NULL. */
HPDF_Dict pdfobj_stream(HPDF_Doc pdf, const char *z, size_t n);

/* A new indirect dictionary whose entries are body[0..n) ("/Type /Annot
 * /Rect [...]"), written as they are, or NULL.  Entries libharu adds to
 * it later are written before them. */
HPDF_Dict pdfobj_raw(HPDF_Doc pdf, const char *body, size_t n);

/* Replaces the entries of a dictionary made by pdfobj_raw: objects that
 * point at each other (a structure tree) are made first, empty, for their
 * numbers, and filled in after.  Returns HPDF_OK. */
HPDF_STATUS pdfobj_raw_set(HPDF_Dict d, const char *body, size_t n);

/* A stream that appends everything written to it to out: give it to
 * HPDF_SaveToStream as pdf->stream to receive the file in one piece. */
HPDF_Stream pdfobj_collector(HPDF_Doc pdf, struct buf *out);

/* Type0 -> CIDFontType2 -> FontDescriptor -> FontFile2 for a subset, with
 * CID = glyph id and text in font.h's short codes; zfile is the subset's
 * TrueType file compressed, and z compresses the CMaps.  *cmap is the
 * document's short-code encoding, made by the first font that needs it
 * (start with NULL).  Returns the Type0 font, or NULL. */
struct flate;
HPDF_Dict pdfobj_font(HPDF_Doc pdf, struct flate *z, const struct font_subset *s,
                      const struct buf *zfile, HPDF_Dict *cmap);

/* v in decimal, no printf (content streams hold thousands of numbers). */
void pdfobj_add_uint(struct buf *b, unsigned long v);

/* v/1000 in shortest form ("12.5", "-3"), then a space: a length in fx
 * as points. */
void pdfobj_add_milli(struct buf *b, long v);

/* A text string for a PDF dictionary: printable ASCII as a literal
 * string, anything else UTF-16BE with a byte order mark, in hex. */
void pdfobj_add_text(struct buf *b, const char *s);

#endif
