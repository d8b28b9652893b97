/* book.c: the pipeline in order.  Each stage is a module; this file only
 * wires them: content -> model -> build (body) -> paginate -> toc (front
 * matter, now that page numbers are known) -> decorate -> pdf. */
#include "book.h"
#include "build.h"
#include "content.h"
#include "diagram.h"
#include "font.h"
#include "hyph.h"
#include "index.h"
#include "model.h"
#include "paginate.h"
#include "pdf.h"
#include "toc.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const month_names[12] = { "January", "February", "March", "April", "May", "June",
	                                         "July", "August", "September", "October", "November",
	                                         "December" };

/* Printed page number of each destination in the body. */
static struct strmap *folio_map(const struct pages *p, int from, int to)
{
	struct strmap *m = strmap_new();
	for (int i = from; i < to; i++)
		for (int k = 0; k < p->v[i].n; k++)
			if (p->v[i].items[k].kind == DL_DEST)
				strmap_put(m, p->v[i].items[k].str, p->v[i].folio);
	return m;
}

static char *keywords(const struct book *bk)
{
	struct buf b;
	buf_init(&b);
	for (int i = 1; i < bk->n; i++) {
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, bk->ch[i].role);
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

/* Moves pages of `from` to the end of `to`. */
static void append_pages(struct pages *to, struct pages *from)
{
	for (int i = 0; i < from->n; i++)
		*pages_add(to) = from->v[i];
	free(from->v);
	memset(from, 0, sizeof(*from));
}

int book_make(const struct book_opts *o, struct diags *d, struct book_result *r)
{
	struct content c;
	memset(r, 0, sizeof(*r));
	int rc = -1;
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors)
		rc = book_make_from(o, &c, d, r);
	content_done(&c);
	return rc;
}

int book_make_from(const struct book_opts *o, struct content *cp, struct diags *d,
                   struct book_result *r)
{
	memset(r, 0, sizeof(*r));
	struct content c = *cp;
	struct book bk;
	struct fonts *fonts = NULL;
	struct hyph *hyph = NULL;
	struct arena *arena = arena_new();
	struct build_out bo;
	struct pages body = { 0 }, front = { 0 }, all = { 0 };
	struct vlist fv = { 0 }, iv = { 0 };
	struct book_index *ix = NULL;
	struct strmap *folios = NULL;
	char *kw = NULL;
	int rc = -1;
	memset(&bo, 0, sizeof(bo));
	memset(&bk, 0, sizeof(bk));
	if (c.n < 2) {
		diag_error(d, c.n ? c.v[0].path : c.dir, 0, "no level files");
		goto done;
	}
	if (o->fonts)
		fonts = o->fonts;
	else if (!(fonts = fonts_new(o->fonts_dir, d)))
		goto done;
	model_build(&bk, &c, o->org, d);
	if (o->hyph)
		hyph = o->hyph;
	else if (o->hyph_dict && !(hyph = hyph_new(o->hyph_dict)))
		diag_warn(d, o->hyph_dict, 0, "hyphenation patterns cannot be read; no hyphenation");

	struct pg_opts po = { style_page(o->paper), o->duplex, bk.title };
	struct lctx L = { .fonts = fonts, .hyph = hyph, .arena = arena, .d = d };
	struct build_opts bopt = { pg_text_width(&po), pg_text_height(&po) };
	for (int i = 0; i < bk.n; i++)
		build_chapter(&L, &bk, &c, i, &bopt, &bo);
	struct pg_stats st = { 0 };
	paginate(&bo.vl, &po, 1, 0, &body, &st);

	/* the index: occurrences found on the laid-out pages, then its own pages */
	struct buf tp;
	buf_init(&tp);
	buf_addf(&tp, "%s/index-terms.txt", c.dir);
	ix = index_new(tp.data, d);
	buf_done(&tp);
	index_collect(ix, &bk, &body, 0, body.n, d);
	index_layout(&L, ix, bopt.width, bopt.height, &iv);
	if (iv.n) {
		int next = body.n ? body.v[body.n - 1].folio + 1 : 1;
		if (o->duplex && next % 2 == 0) {
			struct page *b = pages_add(&body);
			b->blank = 1;
			b->folio = next++;
		}
		paginate(&iv, &po, next, 0, &body, NULL);
		GROW(bo.ol, bo.olcap, bo.nol + 1);
		bo.ol[bo.nol++] = (struct outline_entry){ 1, "Index", "#index", bk.n };
	}
	folios = folio_map(&body, 0, body.n);

	/* front matter: title page, contents; numbered i, ii, ... */
	char edition[96], version[96];
	int y = o->year, m = o->month, dd = o->day;
	if (y <= 0) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		y = tm.tm_year + 1900, m = tm.tm_mon + 1, dd = tm.tm_mday;
	}
	snprintf(edition, sizeof(edition), "Edition of %d %s %d", dd, month_names[(m - 1) % 12], y);
	if (o->version)
		snprintf(version, sizeof(version), "Version %s", o->version);
	struct title_info ti = { bk.title, bk.org, edition, o->version ? version : NULL,
		                     "Roles, expectations and growth" };
	/* the diagram follows the contents; its roman page number is in the
	 * contents, so the contents are laid out until their length settles */
	struct diagram dg;
	int have_dg = diagram_model(&bk, &c, &dg) == 0 && dg.n > 0;
	struct outline_entry *fol = xcalloc((size_t)bo.nol + 1, sizeof(*fol));
	int nfol = 0;
	if (have_dg)
		fol[nfol++] = (struct outline_entry){ 1, "Career journey", "#career-journey", -1 };
	memcpy(fol + nfol, bo.ol, sizeof(*fol) * (size_t)bo.nol);
	nfol += bo.nol;
	int toc_pages = 1;
	for (int pass = 0; pass < 4; pass++) {
		pages_done(&front);
		vlist_done(&fv);
		/* title page i, contents from ii, then the diagram (duplex: on odd) */
		int dfolio = 2 + toc_pages;
		if (o->duplex && dfolio % 2 == 0)
			dfolio++;
		strmap_put(folios, "#career-journey", -dfolio);
		toc_title_page(&L, &ti, bopt.width, bopt.height, &fv);
		toc_contents(&L, fol, nfol, folios, bopt.width, &fv);
		paginate(&fv, &po, 1, 1, &front, NULL);
		if (front.n - 1 == toc_pages)
			break;
		toc_pages = front.n - 1;
	}
	free(fol);
	if (front.n)
		front.v[0].blank = 1; /* the title page carries no running head or folio */
	pg_decorate(&L, &po, &front, 0, front.n);
	if (have_dg) {
		struct pg_opts dpo = po;
		if (dg.landscape) {
			fx t = dpo.g.width;
			dpo.g.width = dpo.g.height;
			dpo.g.height = t;
		}
		struct vlist dv = { 0 };
		diagram_layout(&L, &dg, &bk, folios, pg_text_width(&dpo), pg_text_height(&dpo), &dv);
		int first = front.n;
		paginate(&dv, &dpo, front.v[front.n - 1].folio + 1, 1, &front, NULL);
		for (int i = first; i < front.n; i++)
			if (dg.landscape) {
				front.v[i].w = dpo.g.width;
				front.v[i].h = dpo.g.height;
			}
		pg_decorate(&L, &dpo, &front, first, front.n);
		vlist_done(&dv);
	}
	diagram_done(&dg);
	if (o->duplex && front.n % 2) {
		struct page *b = pages_add(&front);
		b->blank = 1;
		b->roman = 1;
		b->folio = front.v[front.n - 2].folio + 1;
	}
	pg_decorate(&L, &po, &body, 0, body.n);
	int nfront = front.n;
	append_pages(&all, &front);
	append_pages(&all, &body);

	/* the outline: the contents, then the chapters and their sections */
	struct outline_entry *ol = xcalloc((size_t)bo.nol + 2, sizeof(*ol));
	int nol = 0;
	ol[nol++] = (struct outline_entry){ 1, "Contents", "#contents", -1 };
	if (strmap_get(folios, "#career-journey", NULL))
		ol[nol++] = (struct outline_entry){ 1, "Career journey", "#career-journey", -1 };
	memcpy(ol + nol, bo.ol, sizeof(*ol) * (size_t)bo.nol);
	nol += bo.nol;
	struct pdf_label labels[2] = { { 0, 1, 1 }, { nfront, 0, 1 } };
	kw = keywords(&bk);
	struct pdf_job job;
	memset(&job, 0, sizeof(job));
	job.pages = &all;
	job.img = bo.img;
	job.nimg = bo.nimg;
	job.ol = ol;
	job.nol = nol;
	job.labels = labels;
	job.nlabels = nfront > 0 ? 2 : 1;
	if (nfront == 0)
		job.labels = &labels[1];
	job.meta.title = bk.title;
	job.meta.author = bk.org;
	job.meta.subject = "Career framework: roles, expectations and growth";
	job.meta.keywords = kw;
	job.meta.creator = "handbook " HANDBOOK_VERSION;
	job.meta.year = y;
	job.meta.month = m;
	job.meta.day = dd;
	job.page_w = po.g.width;
	job.page_h = po.g.height;
	int wrc = pdf_write(&job, fonts, o->output, d, o->output ? NULL : &r->pdf, &r->bytes);
	free(ol);
	if (wrc != 0)
		goto done;
	if (o->output) {
		FILE *fp = fopen(o->output, "rb");
		if (fp) {
			fseek(fp, 0, SEEK_END);
			r->bytes = (size_t)ftell(fp);
			fclose(fp);
		}
	}
	r->pages = all.n;
	r->chapters = bk.n;
	r->lines = L.stat_lines;
	r->hyphenated = L.stat_hyphenated;
	r->overfull = L.stat_overfull;
	r->worst_spacing = L.stat_worst;
	r->widows = st.widows;
	r->orphans = st.orphans;
	r->stranded = st.stranded;
	rc = 0;
done:
	free(kw);
	strmap_free(folios);
	vlist_done(&fv);
	vlist_done(&iv);
	pages_done(&front);
	pages_done(&body);
	pages_done(&all);
	build_out_done(&bo);
	model_done(&bk);
	if (hyph != o->hyph)
		hyph_free(hyph);
	if (fonts != o->fonts)
		fonts_free(fonts);
	index_free(ix); /* after pdf_write: the pages hold its destination keys */
	arena_free(arena);
	return rc;
}
