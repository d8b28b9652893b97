/* pdf.c: the display list to a PDF with libharu.  The only files that
 * include hpdf.h are this one, pdflink.c, pdfmeta.c and pdfobj.c
 * (pdfout.h holds what they share).
 *
 * libharu holds the document (pages, outline, labels, images, metadata)
 * and saves it; the page content is written here, compressed on all cores
 * and handed over as finished streams (pdfobj.c), with the fonts from
 * font.c's subsets.  libharu's errors are sticky and some calls fail
 * without calling the handler (docs/libharu.md §5), so the handler records
 * the first error, and the status is checked after each batch of pages and
 * before saving.  The document is saved into memory and written by
 * output.c, because libharu's own file save ignores fclose's result and
 * leaves partial files behind. */
#include "pdfout.h"
#include "build.h"
#include "messages.h"
#include "objstm.h"
#include "pdfobj.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct errctx *e = user;
	if (!e->err) {
		e->err = err;
		e->detail = detail;
	}
}

/* --- numbers and strings for content streams -------------------------- */

/* An 8-bit colour channel as a fraction with three decimals: enough to
 * give the same byte back. */
static void add_rgb(struct buf *b, uint32_t rgb, const char *op)
{
	for (int sh = 16; sh >= 0; sh -= 8)
		pdfobj_add_milli(b, (long)((((rgb >> sh) & 255) * 1000 + 127) / 255));
	buf_adds(b, op);
}

/* UTF-8 text as glyph codes (font.h: short codes) inside a literal
 * string, without its brackets. */
static void add_codes(struct buf *b, const struct font_subset *fs, const char *s, size_t n)
{
	/* at most two code bytes per character, each at most two when escaped */
	buf_reserve(b, 4 * n + 2);
	char *p = b->data + b->len;
	int short_codes = fs->nglyphs <= FONT_SHORT_CODES;
	for (size_t i = 0; i < n;) {
		unsigned char code[2];
		int k;
		unsigned g = (unsigned char)s[i] < 0x80 ? font_cid(fs, fs->gid[(unsigned char)s[i]]) : 0x80;
		if (short_codes && g < 0x80) {
			/* ASCII with a one-byte code: most of a Latin text's
			 * characters, without decoding or a call a character */
			code[0] = (unsigned char)g;
			k = 1;
			i++;
		} else {
			uint32_t cp;
			i += (size_t)utf8_decode(s + i, n - i, &cp);
			k = font_code(fs, font_glyph(fs, cp), code);
		}
		for (int j = 0; j < k; j++) {
			unsigned char c = code[j];
			if (c == '(' || c == ')' || c == '\\')
				*p++ = '\\';
			if (c == '\r') {
				*p++ = '\\';
				c = 'r';
			}
			*p++ = (char)c;
		}
	}
	b->len = (size_t)(p - b->data);
	b->data[b->len] = 0;
}

/* --- marked content ---------------------------------------------------- */

#define HY_FIRST 1  /* text before a hyphen the line break added */
#define HY_REST 2   /* the rest of that word, on the next line */

/* Brings the content stream into marked content m (an MCID, TT_ARTIFACT,
 * or TT_NONE to close): every painted item is inside one (PDF/UA 01-005).
 * actual, when not NULL, is the text m reads as (ActualText). */
static void mark(struct out *o, struct buf *b, int *cur, int m, const char *actual)
{
	if (*cur == m || !o->tagged)
		return;
	if (*cur != TT_NONE)
		buf_adds(b, o->span_open ? "EMC EMC\n" : "EMC\n");
	o->span_open = 0;
	if (m == TT_ARTIFACT) {
		buf_adds(b, "/Artifact BMC\n");
	} else if (m >= 0) {
		int owner = o->tt.owner[o->page_now][m];
		/* no printf: a book draws one of these per run of text */
		buf_addc(b, '/');
		buf_adds(b, tag_names[o->tt.e[owner].role]);
		/* no spaces: delimiters end a name and a dictionary (ISO
		 * 32000-1 §7.2.2), and a book has a thousand of these */
		buf_adds(b, "<</MCID ");
		pdfobj_add_uint(b, (unsigned long)m);
		buf_adds(b, ">>BDC\n");
		if (actual) {
			/* readers take ActualText from a Span (poppler from no other tag) */
			buf_adds(b, "/Span<</ActualText ");
			pdfobj_add_text(b, actual);
			buf_adds(b, ">>BDC\n");
			o->span_open = 1;
		}
	}
	*cur = m;
}

/* --- pages ---------------------------------------------------------------- */

/* Rules, boxes and images.  Returns the fill colour it leaves set. */
static uint32_t draw_shapes(struct out *o, struct buf *b, HPDF_Page page, const struct page *pg, fx H,
                            const int *mcid)
{
	uint32_t fill = 0, stroke = 0; /* black, the initial state */
	fx lw = PT(1);
	int cur = TT_NONE;
	for (int i = 0; i < pg->n; i++) {
		const struct dl_item *it = &pg->items[i];
		if (it->kind == DL_RECT || it->kind == DL_LINE || (it->kind == DL_IMAGE && o->images[it->face]))
			mark(o, b, &cur, mcid[i], NULL);
		if (it->kind == DL_RECT || it->kind == DL_LINE) {
			int stroked = it->kind == DL_LINE || it->size > 0;
			if (stroked && it->rgb != stroke)
				add_rgb(b, stroke = it->rgb, "RG\n");
			if (!stroked && it->rgb != fill)
				add_rgb(b, fill = it->rgb, "rg\n");
			if (stroked && it->size != lw) {
				pdfobj_add_milli(b, lw = it->size);
				buf_adds(b, "w\n");
			}
		}
		if (it->kind == DL_RECT) {
			pdfobj_add_milli(b, it->x);
			pdfobj_add_milli(b, H - it->y - it->h);
			pdfobj_add_milli(b, it->w);
			pdfobj_add_milli(b, it->h);
			buf_adds(b, it->size > 0 ? "re S\n" : "re f\n");
		} else if (it->kind == DL_LINE) {
			/* dots: zero-length dashes with round caps */
			if (it->face == DL_DOTTED) {
				buf_adds(b, "1 J [0 ");
				pdfobj_add_milli(b, DL_DOT_STEP);
				buf_adds(b, "] 0 d\n");
			}
			pdfobj_add_milli(b, it->x);
			pdfobj_add_milli(b, H - it->y);
			buf_adds(b, "m ");
			pdfobj_add_milli(b, it->x + it->w);
			pdfobj_add_milli(b, H - it->y - it->h);
			buf_adds(b, "l S\n");
			if (it->face == DL_DOTTED)
				buf_adds(b, "0 J [] 0 d\n");
		} else if (it->kind == DL_IMAGE && o->images[it->face]) {
			const char *name = HPDF_Page_GetXObjectName(page, o->images[it->face]);
			if (!name)
				continue;
			buf_adds(b, "q ");
			pdfobj_add_milli(b, it->w);
			buf_adds(b, "0 0 ");
			pdfobj_add_milli(b, it->h);
			pdfobj_add_milli(b, it->x);
			pdfobj_add_milli(b, H - it->y - it->h);
			buf_addf(b, "cm /%s Do Q\n", name);
		}
	}
	mark(o, b, &cur, TT_NONE, NULL);
	return fill;
}

/* The part of draw_text that draws text item k: 0 the Artifacts before
 * the page's first structured text (a watermark, under everything), 1
 * the structured text, 2 the other Artifacts (running heads, folios,
 * bullets, leaders), so no Artifact comes between the text of one
 * structure element (tagtree.c) and extraction in drawing order still
 * reads running heads and folios after the body, as before. */
static int text_part(const struct out *o, const int *mcid, int k)
{
	return mcid[k] != TT_ARTIFACT ? 1 : k < o->first_text ? 0 : 2;
}

/* 1 when item k is text drawn in the same part as item i, so it may join
 * i's run. */
static int in_run(const struct out *o, const struct page *pg, const int *mcid, int i, int k)
{
	const struct dl_item *t = &pg->items[k];
	return t->kind == DL_TEXT && t->len > 0 && text_part(o, mcid, k) == text_part(o, mcid, i);
}

/* Where the run of text from item i ends (the item after it): the words
 * drawn with one text operator, on one baseline in one style and one
 * marked-content sequence, left to right. */
static int run_end(const struct out *o, const struct page *pg, int i, const int *mcid)
{
	const struct dl_item *it = &pg->items[i];
	fx end = it->x;
	int j = i;
	for (; j < pg->n; j++) {
		const struct dl_item *t = &pg->items[j];
		if (!in_run(o, pg, mcid, i, j)) {
			/* the other part's text may come between, on this line */
			if (t->kind == DL_TEXT && t->len > 0 && t->y != it->y)
				break;
			continue;
		}
		if (t->face != it->face || t->size != it->size || t->rgb != it->rgb || t->y != it->y ||
		    t->x < end || mcid[j] != mcid[i] || (j > i && (o->hy[i] || o->hy[j])))
			break;
		end = t->x + t->w;
	}
	return j;
}

/* The word spacing (Tw) for the run of items [i, j): what its first gap
 * holds beyond a space, so a justified line needs no adjustment between
 * words; cur when it has no gap; 0 when a word holds a space of its own
 * (code, running heads), which Tw would widen too. */
static fx run_spacing(const struct out *o, const struct page *pg, int i, int j, const int *mcid, fx spw,
                      fx cur)
{
	fx tw = cur, end = 0;
	int gaps = 0;
	for (int k = i; k < j; k++) {
		const struct dl_item *t = &pg->items[k];
		if (!in_run(o, pg, mcid, i, k))
			continue;
		if (memchr(t->str, ' ', (size_t)t->len))
			return 0;
		if (k > i && !gaps && t->x > end) {
			tw = t->x - end - spw;
			gaps = 1;
		}
		end = t->x + t->w;
	}
	return tw;
}

/* One TJ (or Tj) for a run of words on one baseline in one style: the
 * gaps are space glyphs, widened by Tw where the space is the one-byte
 * code 32 and by position adjustments where it is not (two-byte fonts)
 * or where a gap differs from the run's first. */
static void draw_text(struct out *o, struct buf *b, HPDF_Page page, const struct page *pg, fx H,
                      uint32_t fill, const int *mcid)
{
	buf_adds(b, "BT\n");
	int cur = TT_NONE;
	int cur_face = -1;
	fx cur_size = -1, lx = 0, ly = 0;
	fx cur_tw = 0; /* word spacing set, points/1000 (a content stream starts at 0) */
	fx prev_end = 0, prev_y = -1; /* where the last run ended, on which baseline */
	uint32_t cur_rgb = fill;
	/* in three parts (text_part) */
	o->first_text = pg->n;
	for (int k = 0; k < pg->n && o->tagged; k++)
		if (mcid[k] >= 0 && pg->items[k].kind == DL_TEXT) {
			o->first_text = k;
			break;
		}
	for (int part = o->tagged ? 0 : 1; part <= (o->tagged ? 2 : 1); part++) {
		for (int i = 0; i < pg->n;) {
			const struct dl_item *it = &pg->items[i];
			if (it->kind != DL_TEXT || it->len == 0 || !o->fonts[it->face] || text_part(o, mcid, i) != part) {
				i++;
				continue;
			}
			const struct font_subset *fs = &o->sub[it->face];
			unsigned char sp[2];
			int nsp = fs->gid[' '] ? font_code(fs, fs->gid[' '], sp) : 0;
			fx spw = nsp ? font_width(o->f, (enum face)it->face, it->size, " ", 1) : 0;
			/* word breaks are real spaces (ISO 32000-1 §14.8.2.5), so text read
			 * through the structure keeps its words apart: a run that follows
			 * another on its line starts with one, drawn in the gap, and so
			 * does a new line, in the margin (a space has no ink), unless it
			 * continues a broken word */
			int lead = nsp && o->tagged && prev_y >= 0 && !(it->flags & DLF_ARTIFACT) && o->hy[i] != HY_REST &&
			           (it->y != prev_y || it->x > prev_end);
			const char *actual = NULL;
			if (o->hy[i] && o->tagged) {
				/* the broken word reads whole from its first half (ActualText),
				 * its rest as nothing: "operating", not "operat-ing" */
				struct buf *w = &o->word;
				w->len = 0;
				if (lead)
					buf_addc(w, ' ');
				if (o->hy[i] == HY_FIRST) {
					buf_add(w, it->str, (size_t)it->len - 1);
					for (int m = i + 1; m < pg->n; m++)
						if (o->hy[m] == HY_REST) {
							buf_add(w, pg->items[m].str, (size_t)pg->items[m].len);
							break;
						} else if (pg->items[m].kind == DL_TEXT && o->paints[m] &&
						           !(pg->items[m].flags & DLF_ARTIFACT)) {
							break;
						}
				}
				actual = buf_cstr(w);
			}
			mark(o, b, &cur, mcid[i], actual);
			if (it->face != cur_face || it->size != cur_size) {
				const char *name = HPDF_Page_GetLocalFontName(page, o->fonts[it->face]);
				if (!name) {
					i++;
					continue;
				}
				buf_addf(b, "/%s ", name);
				pdfobj_add_milli(b, it->size);
				buf_adds(b, "Tf\n");
				cur_face = it->face;
				cur_size = it->size;
			}
			if (it->rgb != cur_rgb)
				add_rgb(b, cur_rgb = it->rgb, "rg\n");
			int j = run_end(o, pg, i, mcid);
			/* Tw, where the space is code 32, else none: code 32 is another
			 * glyph then (font.h: font_cid) */
			fx tw = nsp == 1 && sp[0] == ' ' ? run_spacing(o, pg, i, j, mcid, spw, cur_tw) : 0;
			if (tw != cur_tw) {
				pdfobj_add_milli(b, cur_tw = tw);
				buf_adds(b, "Tw\n");
			}
			/* a leading space is widened by Tw too, to the left of the
			 * line; past a space's width (a stretched line of few words)
			 * an adjustment takes that back, so it does not reach far
			 * into the margin (text extraction counts it in the line's
			 * first word) */
			long back = lead && tw > spw ? (long)(((int64_t)tw * 1000 + (tw >= 0 ? it->size / 2 : -(it->size / 2))) /
			                                 it->size)
			                       : 0;
			fx x = it->x - (lead ? spw + tw - (fx)((int64_t)back * it->size / 1000) : 0), y = H - it->y;
			pdfobj_add_milli(b, x - lx);
			pdfobj_add_milli(b, y - ly);
			lx = x, ly = y;
			/* one string while no adjustment comes between words; Tj when
			 * none comes at all */
			buf_adds(b, "Td[");
			size_t open_at = b->len - 1;
			int in_str = 0, nums = 0;
			if (lead) {
				buf_addc(b, '(');
				add_codes(b, fs, " ", 1);
				in_str = 1;
				if (back) {
					buf_addc(b, ')');
					if (back < 0)
						buf_addc(b, '-');
					pdfobj_add_uint(b, (unsigned long)(back < 0 ? -back : back));
					in_str = 0, nums = 1;
				}
			}
			fx end = it->x;
			for (int k = i; k < j; k++) {
				const struct dl_item *t = &pg->items[k];
				if (!in_run(o, pg, mcid, i, k))
					continue;
				if (k > i) {
					/* the gap in thousandths of the font size, negative moves right;
					 * a space glyph and the word spacing take their part of it */
					int64_t gap = (int64_t)(t->x - end);
					if (nsp && gap > 0) {
						if (!in_str)
							buf_addc(b, '(');
						in_str = 1;
						add_codes(b, fs, " ", 1);
						gap -= spw + tw;
					}
					long adj = (long)((gap * 1000 + (gap >= 0 ? t->size / 2 : -(t->size / 2))) / t->size);
					if (adj && in_str)
						buf_addc(b, ')');
					if (adj)
						in_str = 0, nums = 1;
					if (adj > 0) {
						buf_addc(b, '-');
						pdfobj_add_uint(b, (unsigned long)adj);
					} else if (adj < 0) {
						pdfobj_add_uint(b, (unsigned long)-adj);
					}
				}
				if (!in_str)
					buf_addc(b, '(');
				in_str = 1;
				if (t->flags & DLF_RTL) { /* right-to-left: drawn in visual order */
					char *v = xmalloc((size_t)t->len + 1);
					dl_visual(t->str, (size_t)t->len, v);
					add_codes(b, fs, v, (size_t)t->len);
					free(v);
				} else {
					add_codes(b, fs, t->str, (size_t)t->len);
				}
				end = t->x + t->w;
			}
			if (in_str)
				buf_addc(b, ')');
			if (nums) {
				buf_adds(b, "]TJ\n");
			} else {
				memmove(b->data + open_at, b->data + open_at + 1, b->len - open_at - 1);
				b->len--;
				buf_adds(b, "Tj\n");
			}
			prev_end = end;
			prev_y = it->y;
			i = j;
		}
	}
	mark(o, b, &cur, TT_NONE, NULL);
	buf_adds(b, "ET\n");
}

/* A page's content stream, into ops; its items' marked content into
 * mcid (tagtree.h), which the page's links read after. */
static void draw_page(struct out *o, int i, struct buf *ops, int **mcid, int *mcidcap)
{
	const struct page *pg = &o->job->pages->v[i];
	HPDF_Page page = o->pages[i];
	fx H = pg->h ? pg->h : o->job->page_h;
	ops->len = 0;
	GROW(o->paints, o->paintcap, pg->n + 1);
	GROW(*mcid, *mcidcap, pg->n + 1);
	for (int k = 0; k < pg->n; k++) {
		const struct dl_item *it = &pg->items[k];
		o->paints[k] = it->kind == DL_RECT || it->kind == DL_LINE ||
		               (it->kind == DL_IMAGE && o->images[it->face]) ||
		               (it->kind == DL_TEXT && it->len > 0 && o->fonts[it->face]);
	}
	GROW(o->hy, o->hycap, pg->n + 1);
	memset(o->hy, 0, (size_t)pg->n);
	for (int k = 0; k < pg->n; k++) {
		if (pg->items[k].kind != DL_TEXT || !(pg->items[k].flags & DLF_HYPHEN) || !o->paints[k])
			continue;
		o->hy[k] = HY_FIRST;
		for (int m = k + 1; m < pg->n; m++)
			if (pg->items[m].kind == DL_TEXT && o->paints[m] && !(pg->items[m].flags & DLF_ARTIFACT)) {
				if (pg->items[m].y != pg->items[k].y)
					o->hy[m] = HY_REST;
				break;
			}
	}
	if (o->tagged)
		tagtree_page(&o->tt, i, pg->items, pg->n, o->paints, *mcid);
	else
		memset(*mcid, 0, sizeof(**mcid) * (size_t)pg->n); /* one run of text as before */
	o->page_now = i;
	/* shapes first, then text, so shading never covers glyphs */
	uint32_t fill = draw_shapes(o, ops, page, pg, H, *mcid);
	draw_text(o, ops, page, pg, H, fill, *mcid);
}

static void compress_page(void *ctx, int k, int w)
{
	struct out *o = ctx;
	o->zops[k].len = 0;
	flate_add(o->z[w], o->ops[k].data, o->ops[k].len, &o->zops[k]);
}

/* Every page: drawn a batch at a time (libharu is not thread-safe, so on
 * this thread), compressed on all cores, then handed to libharu as is. */
static HPDF_STATUS draw_pages(struct out *o)
{
	int n = o->job->pages->n;
	for (int first = 0; first < n; first += PAGE_BATCH) {
		int k = n - first < PAGE_BATCH ? n - first : PAGE_BATCH;
		for (int j = 0; j < k; j++)
			draw_page(o, first + j, &o->ops[j], &o->mcid[j], &o->mcidcap[j]);
		par_for(k, compress_page, o);
		for (int j = 0; j < k; j++) {
			int i = first + j;
			/* the /ID hashes the compressed pages: the same content
			 * gives the same bytes, and there are a third as many */
			if (o->tagged)
				HPDF_MD5Update(&o->md5, (const HPDF_BYTE *)o->zops[j].data, (HPDF_UINT32)o->zops[j].len);
			const struct page *pg = &o->job->pages->v[i];
			HPDF_PageAttr attr = (HPDF_PageAttr)o->pages[i]->attr;
			if (pdfobj_set_stream(attr->contents, o->zops[j].data, o->zops[j].len) != HPDF_OK)
				return HPDF_FAILD_TO_ALLOC_MEM;
			attr->stream = attr->contents->stream;
			pdflink_page(o, i, o->mcid[j], pg->h ? pg->h : o->job->page_h);
		}
		if (o->job->progress)
			o->job->progress(o->job->progress_ctx, first + k, n);
	}
	return HPDF_OK;
}

static void subset_face(void *ctx, int k, int w)
{
	struct out *o = ctx;
	int face = o->faces[k];
	o->font_rc[face] = font_subset(o->f, (enum face)face, &o->sub[face]);
	if (o->font_rc[face] == 0)
		flate_add(o->z[w], o->sub[face].data, o->sub[face].len, &o->zfont[face]);
}

/* Subsets every face the pages draw with (on all cores) and embeds it.
 * Returns 0, or -1 with an error naming the font. */
static int embed_fonts(struct out *o, struct diags *d)
{
	const struct pages *pp = o->job->pages;
	int used[FACE__MAX] = { 0 };
	font_reset_use(o->f);
	for (int i = 0; i < pp->n; i++)
		for (int k = 0; k < pp->v[i].n; k++) {
			const struct dl_item *it = &pp->v[i].items[k];
			if (it->kind == DL_TEXT) {
				font_use(o->f, (enum face)it->face, it->str, (size_t)it->len);
				used[it->face] = 1;
			}
		}
	o->nfaces = 0;
	for (int i = 0; i < FACE__MAX; i++)
		if (used[i]) {
			font_use(o->f, (enum face)i, " ", 1); /* the word spaces draw_text writes */
			o->faces[o->nfaces++] = i;
		}
	par_for(o->nfaces, subset_face, o);
	HPDF_Dict cmap = NULL;
	for (int k = 0; k < o->nfaces; k++) {
		int i = o->faces[k];
		if (o->font_rc[i] != 0) {
			diag_error(d, font_path(o->f, (enum face)i), 0, "font subsetting failed");
			return -1;
		}
		if (!(o->fonts[i] = pdfobj_font(o->pdf, o->z[0], &o->sub[i], &o->zfont[i], &cmap))) {
			diag_error(d, font_path(o->f, (enum face)i), 0, "libharu could not embed the font");
			return -1;
		}
	}
	return 0;
}

/* Where every destination key lands. */
static struct dest *collect_dests(const struct pages *pp, struct strmap *map)
{
	struct dest *v = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < pp->n; i++)
		for (int k = 0; k < pp->v[i].n; k++) {
			const struct dl_item *it = &pp->v[i].items[k];
			if (it->kind != DL_DEST)
				continue;
			GROW(v, cap, n + 1);
			v[n] = (struct dest){ i, it->x, it->y };
			if (strmap_put(map, it->str, n))
				n++;
		}
	return v;
}

/* An image's entries after /Length, preformatted: libharu would drop a
 * /Filter it did not apply (docs/libharu.md §11), and this way they come out in the
 * order libharu wrote a PNG's, with /Filter where objstm.c puts it for
 * libharu's own streams, so a PNG embeds byte for byte as before. */
static HPDF_STATUS image_entries_write(HPDF_Dict d, HPDF_Stream s)
{
	return HPDF_Stream_WriteStr(s, d->attr);
}

static void image_entries_free(HPDF_Dict d)
{
	free(d->attr);
	d->attr = NULL;
}

static HPDF_Dict flate_stream(HPDF_Doc pdf, const char *z, size_t n)
{
	HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!st || pdfobj_set_stream(st, z, n) != HPDF_OK)
		return NULL;
	return st;
}

static void set_entries(HPDF_Dict d, struct buf *b)
{
	d->attr = buf_detach(b);
	d->write_fn = image_entries_write;
	d->free_fn = image_entries_free;
}

/* An image XObject over samples image.c compressed, and its soft mask:
 * libharu only copies them, so no image is held uncompressed here. */
static HPDF_Image flate_image(HPDF_Doc pdf, const struct image *im)
{
	HPDF_Dict img = flate_stream(pdf, im->data, im->len);
	HPDF_Dict mask = img && im->mask ? flate_stream(pdf, im->mask, im->mlen) : NULL;
	if (!img || (im->mask && !mask))
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "/Filter /FlateDecode\n/Type /XObject\n/Subtype /Image\n/ColorSpace /%s\n/Width %d\n"
	             "/Height %d\n/BitsPerComponent 8\n",
	         im->ncomp == 1 ? "DeviceGray" : "DeviceRGB", im->pw, im->ph);
	if (mask)
		buf_addf(&b, "/SMask %lu 0 R\n", pdfobj_num(mask));
	set_entries(img, &b);
	if (mask) {
		buf_addf(&b, "/Filter /FlateDecode\n/Type /XObject\n/Subtype /Image\n/Width %d\n/Height %d\n"
		             "/ColorSpace /DeviceGray\n/BitsPerComponent 8\n",
		         im->pw, im->ph);
		set_entries(mask, &b);
	}
	return img;
}

static void load_images(struct out *o, struct errctx *e)
{
	for (int i = 0; i < o->job->nimg; i++) {
		const struct image *im = &o->job->img[i];
		if (!im->data || im->type == IMG_PNG)
			continue; /* image.c refused it, or never fitted it; its alt text is shown */
		o->images[i] = im->type == IMG_JPEG
		                   ? HPDF_LoadJpegImageFromMem(o->pdf, (const HPDF_BYTE *)im->data, (HPDF_UINT)im->len)
		                   : flate_image(o->pdf, im);
		if (!o->images[i] || e->err) {
			/* already checked by image.c; a failure here is libharu's, so drop the image */
			HPDF_ResetError(o->pdf);
			e->err = 0;
			o->images[i] = NULL;
			continue;
		}
	}
}

/* A document built and not yet saved: libharu's, with its error record. */
struct pdf_doc {
	HPDF_Doc pdf;
	struct errctx e;
	struct objstm_extra extra; /* the structure elements, written by pdfmeta.c */
};

void pdf_doc_free(struct pdf_doc *doc)
{
	if (!doc)
		return;
	HPDF_Free(doc->pdf);
	objstm_extra_done(&doc->extra);
	free(doc);
}

static void out_init(struct out *o, HPDF_Doc pdf, const struct pdf_job *job, struct fonts *f,
                     struct font_subset *sub, HPDF_Dict *fonts)
{
	memset(o, 0, sizeof(*o));
	o->pdf = pdf;
	o->job = job;
	o->f = f;
	for (int w = 0; w < par_workers(); w++)
		o->z[w] = flate_new();
	o->sub = sub;
	o->fonts = fonts;
	o->pages = xcalloc((size_t)job->pages->n + 1, sizeof(*o->pages));
	o->images = xcalloc((size_t)job->nimg + 1, sizeof(*o->images));
	o->destmap = strmap_new();
	o->dests = collect_dests(job->pages, o->destmap);
	buf_init(&o->link);
	buf_init(&o->word);
	for (int k = 0; k < PAGE_BATCH; k++) {
		buf_init(&o->ops[k]);
		buf_init(&o->zops[k]);
	}
	for (int i = 0; i < FACE__MAX; i++)
		buf_init(&o->zfont[i]);
	tagtree_init(&o->tt, job->pages->n);
	o->tagged = job->standard != PDF_STD_NONE;
	HPDF_MD5Init(&o->md5);
}

static void out_done(struct out *o)
{
	for (int i = 0; i < FACE__MAX; i++) {
		font_subset_done(&o->sub[i]);
		buf_done(&o->zfont[i]);
	}
	free(o->pages);
	free(o->images);
	free(o->dests);
	strmap_free(o->destmap);
	pdflink_done(o);
	buf_done(&o->link);
	tagtree_done(&o->tt);
	free(o->paints);
	free(o->hy);
	buf_done(&o->word);
	for (int k = 0; k < PAGE_BATCH; k++)
		free(o->mcid[k]);
	for (int k = 0; k < PAGE_BATCH; k++) {
		buf_done(&o->ops[k]);
		buf_done(&o->zops[k]);
	}
	for (int w = 0; w < PAR_MAX_WORKERS; w++)
		flate_free(o->z[w]);
}

/* One page per display-list page, sized, empty. */
static void add_pages(struct out *o)
{
	const struct pdf_job *job = o->job;
	for (int i = 0; i < job->pages->n; i++) {
		const struct page *pg = &job->pages->v[i];
		o->pages[i] = HPDF_AddPage(o->pdf);
		HPDF_Page_SetWidth(o->pages[i], X(pg->w ? pg->w : job->page_w));
		HPDF_Page_SetHeight(o->pages[i], X(pg->h ? pg->h : job->page_h));
	}
}

static void add_labels(struct out *o)
{
	const struct pdf_job *job = o->job;
	for (int i = 0; i < job->nlabels; i++)
		HPDF_AddPageLabel(o->pdf, (HPDF_UINT)job->labels[i].page,
		                  job->labels[i].roman ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL,
		                  (HPDF_UINT)job->labels[i].start, "");
}

/* Everything but saving.  Returns 0, or -1 with libharu's error in
 * doc->e, or with doc->e.err 0 when the error is already in d. */
static int build(struct pdf_doc *doc, const struct pdf_job *job, struct fonts *f, struct diags *d)
{
	struct out o;
	struct errctx *e = &doc->e;
	struct font_subset sub[FACE__MAX] = { 0 };
	HPDF_Dict fonts[FACE__MAX] = { 0 };
	out_init(&o, doc->pdf, job, f, sub, fonts);
	int rc = -1;
	/* every stream is compressed by flate.c or objstm.c, once */
	HPDF_SetCompressionMode(o.pdf, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(o.pdf); /* made when a string needs it (pdfmeta.c utf8_encoder) */
	if (embed_fonts(&o, d) != 0) {
		e->err = 0; /* reported, naming the font */
		goto done;
	}
	load_images(&o, e);
	add_pages(&o);
	if (e->err || draw_pages(&o) != HPDF_OK || e->err)
		goto done;
	pdfmeta_outline(&o);
	pdflink_acroform(&o);
	HPDF_SetPageMode(o.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	add_labels(&o);
	pdfmeta_info(o.pdf, &job->meta);
	/* the structure last: its elements are numbered after libharu's
	 * last object (objstm.h) */
	o.extra = &doc->extra;
	if (o.tagged && (pdfmeta_standard(&o) != 0 || e->err || pdfmeta_structure(&o) != HPDF_OK || e->err))
		goto done;
	rc = e->err ? -1 : 0;
done:
	out_done(&o);
	return rc;
}

/* What went wrong, in words: the code alone tells a user nothing.  The
 * inputs that used to cause these (bad dates, strings over 64 KB) are
 * checked before they reach libharu; this is for what remains. */
static void report(const struct errctx *e, const char *path, struct diags *d)
{
	const char *what = e->err == HPDF_FAILD_TO_ALLOC_MEM      ? "out of memory"
	                   : e->err == HPDF_STRING_OUT_OF_RANGE   ? "a text is too long for a PDF string"
	                   : e->err == HPDF_INVALID_DATE_TIME     ? "the date is not a valid PDF date"
	                   : e->err == HPDF_INVALID_DOCUMENT      ? "the document came out incomplete"
	                   : e->err                               ? "the PDF library refused the document"
	                   /* some of libharu's allocations fail without calling the handler */
	                                                          : "an object could not be made (out of memory)";
	diag_error(d, path, 0, "the PDF could not be made: %s (libharu error 0x%04X, detail %u)", what,
	           (unsigned)e->err, (unsigned)e->detail);
}

struct pdf_doc *pdf_build(const struct pdf_job *job, struct fonts *f, const char *path, struct diags *d)
{
	struct pdf_doc *doc = xcalloc(1, sizeof(*doc));
	objstm_extra_init(&doc->extra);
	int errors = d->errors;
	doc->pdf = HPDF_New(on_error, &doc->e);
	if (!doc->pdf) {
		doc->e.err = HPDF_FAILD_TO_ALLOC_MEM;
	} else if (build(doc, job, f, d) == 0) {
		return doc;
	}
	if (doc->e.err || d->errors == errors) /* every failure says why, once */
		report(&doc->e, path, d);
	pdf_doc_free(doc);
	return NULL;
}

/* Saves the document into memory: the file arrives in one buffer rather
 * than in libharu's 4 KiB chunks.  libharu's memory is released at once. */
static char *save(struct pdf_doc *doc, size_t *len)
{
	struct buf file;
	buf_init(&file);
	doc->pdf->stream = pdfobj_collector(doc->pdf, &file);
	if (!doc->pdf->stream || HPDF_SaveToStream(doc->pdf) != HPDF_OK || doc->e.err) {
		if (!doc->e.err)
			doc->e.err = HPDF_GetError(doc->pdf); /* some failures skip the handler */
		buf_done(&file);
		return NULL;
	}
	HPDF_Free(doc->pdf);
	doc->pdf = NULL;
	if (file.len < 16 || memcmp(file.data, "%PDF-", 5) || !memmem(file.data + file.len - 16, 16, "%%EOF", 5)) {
		buf_done(&file);
		doc->e.err = HPDF_INVALID_DOCUMENT;
		return NULL;
	}
	*len = file.len;
	return buf_detach(&file);
}

int pdf_save(struct pdf_doc *doc, const char *path, struct diags *d, char **out, size_t *outlen)
{
	size_t size = 0;
	char *data = save(doc, &size);
	if (!data) {
		report(&doc->e, path, d);
		pdf_doc_free(doc);
		return -1;
	}
	char *packed = NULL;
	size_t plen = 0;
	if (objstm_pack(data, size, &doc->extra, &packed, &plen) == 0) {
		free(data);
		data = packed;
		size = plen;
	} else if (doc->extra.n) {
		/* the structure elements are only in doc->extra: without them
		 * libharu's file points at objects it does not have */
		free(data);
		doc->e.err = HPDF_INVALID_DOCUMENT;
		report(&doc->e, path, d);
		pdf_doc_free(doc);
		return -1;
	}
	pdf_doc_free(doc);
	*out = data;
	*outlen = size;
	return 0;
}
