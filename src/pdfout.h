/* pdfout.h: what the PDF stage's files share (pdf.c draws the pages and
 * saves; pdflink.c writes links and form fields; pdfmeta.c the outline,
 * the document information, the structure tree, XMP and PDF/A).  Private
 * to them: it includes libharu's headers, which no other stage sees. */
#ifndef HANDBOOK_PDFOUT_H
#define HANDBOOK_PDFOUT_H

#include "pdf.h"
#include "flate.h"
#include "objstm.h"
#include "parallel.h"
#include "tagtree.h"
#include "util.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

struct errctx {
	HPDF_STATUS err;     /* first error number, 0 for none */
	HPDF_STATUS detail;  /* its detail */
};

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
	int first_text;       /* the page's first item of structured text (draw_text's text_part) */
	int tagged;           /* 0: --pdf-standard none, no marked content or structure */
	HPDF_MD5_CTX md5;     /* over every page's content: the file's /ID */
	struct form *form;    /* the worksheet's fields, or NULL before the first */
	struct objstm_extra *extra; /* where pdfmeta_structure puts the elements */
};

static inline HPDF_REAL X(fx v)
{
	return (HPDF_REAL)FX_TO_PT(v);
}

static inline fx page_height(const struct pdf_job *job, int i)
{
	return job->pages->v[i].h ? job->pages->v[i].h : job->page_h;
}

/* --- pdflink.c --- */

/* Page pi's link annotations and form fields; mcid[] is tagtree_page's
 * for the page (each item's element), H the page height. */
void pdflink_page(struct out *o, int pi, const int *mcid, fx H);

/* Destination k as [page /XYZ left top null], for the outline; or NULL. */
HPDF_Array pdflink_dest(struct out *o, int k);

/* The document's /AcroForm, when the pages have fields. */
void pdflink_acroform(struct out *o);

/* Frees what pdflink_page kept between pages (shared URIs, the form). */
void pdflink_done(struct out *o);

/* --- pdfmeta.c --- */

/* The document information dictionary (title, author, dates...). */
void pdfmeta_info(HPDF_Doc pdf, const struct pdf_meta *m);

/* The bookmarks, chapters folded. */
void pdfmeta_outline(struct out *o);

/* The structure tree, its ParentTree and the catalog entries of a tagged
 * PDF; the elements go to o->extra, numbered after libharu's last object,
 * so this is the last thing added to the document.  Returns HPDF_OK or
 * libharu's error. */
HPDF_STATUS pdfmeta_structure(struct out *o);

/* XMP, and for PDF/A the output intent and /ID.  Returns 0, or -1 when
 * libharu ran out of memory. */
int pdfmeta_standard(struct out *o);

#endif
