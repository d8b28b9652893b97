/* pdf.h: the display list to the bytes of a PDF with libharu.
 *
 * pdf_build embeds the subset fonts, draws every page, adds link
 * annotations (without borders), named destinations at headings, the
 * outline, page labels and metadata; pdf_save hands over the finished
 * file in one buffer.  Writing it anywhere is output.c's job. */
#ifndef HANDBOOK_PDF_H
#define HANDBOOK_PDF_H

#include <stddef.h>

#include "diagnostics.h"
#include "dlist.h"
#include "font.h"
#include "style.h"

struct outline_entry; /* build.h */
struct image;         /* image.h */

struct pdf_label {
	int page;    /* first page index of the range */
	int roman;   /* 1: lower-case roman, else decimal */
	int start;   /* number of that first page */
};

struct pdf_meta {
	const char *title, *author, *subject, *keywords, *creator;
	int year, month, day;   /* creation and modification date */
	const char *lang;       /* language tag for /Lang ("en-US"); NULL: none written */
};

/* What the PDF claims to be; the zero value is the default.  Every level
 * but NONE is tagged (structure tree, marked content, XMP, pdfuaid). */
enum pdf_standard {
	PDF_STD_A2A,   /* PDF/A-2a and PDF/UA-1: also an sRGB output intent and /ID */
	PDF_STD_UA1,   /* PDF/UA-1 alone */
	PDF_STD_NONE,  /* untagged, as before issue 16 */
	PDF_STD__MAX
};

struct pdf_job {
	const struct pages *pages;
	const struct image *img;          /* images DL_IMAGE items index */
	int nimg;
	const struct outline_entry *ol;   /* outline in book order */
	int nol;
	const struct pdf_label *labels;   /* sorted by page */
	int nlabels;
	struct pdf_meta meta;
	fx page_w, page_h;                /* sheet size, 1/1000 pt */
	enum pdf_standard standard;
	/* called as pages are written (may be NULL) */
	void (*progress)(void *ctx, int written, int pages);
	void *progress_ctx;
};

/* Two halves, so that the caller can free the layout in between: once
 * pdf_build returns, the document holds everything it needs (pages drawn
 * and compressed, fonts embedded), and the job, its pages and the strings
 * they point to may go.  pdf_build returns NULL with an error in d (path
 * only names the file in messages).  pdf_save frees doc and returns 0
 * with the malloc'd bytes in *out (*outlen of them), or -1 with an error
 * in d. */
struct pdf_doc;
struct pdf_doc *pdf_build(const struct pdf_job *job, struct fonts *f, const char *path, struct diags *d);
int pdf_save(struct pdf_doc *doc, const char *path, struct diags *d, char **out, size_t *outlen);
void pdf_doc_free(struct pdf_doc *doc);

#endif
