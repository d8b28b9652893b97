/* book.c: the pipeline in order.  Each stage is a module; this file only
 * wires them: content -> model -> edition (what goes in) -> build (body)
 * -> paginate -> index -> front matter (now that page numbers are known)
 * -> decorate -> pdf.
 *
 * The three editions differ only in what the body and the front matter
 * hold:
 *
 *   handbook  body: levels at a glance, every chapter, the index
 *             front: title page, contents, career journey
 *   role      body: the README's public sections, the career journey with
 *             the role highlighted, the role's chapter
 *             front: a cover
 *   review    body: the role's chapter, the next level's, what changes, the
 *             worksheet
 *             front: a cover */
#include "book.h"
#include "build.h"
#include "compare.h"
#include "content.h"
#include "diagram.h"
#include "dump.h"
#include "font.h"
#include "hyph.h"
#include "index.h"
#include "model.h"
#include "paginate.h"
#include "pdf.h"
#include "toc.h"
#include "util.h"
#include "worksheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const month_names[12] = { "January", "February", "March", "April", "May", "June",
	                                         "July", "August", "September", "October", "November",
	                                         "December" };

/* Printed page number of each destination in pages [from, to). */
static struct strmap *folio_map(const struct pages *p, int from, int to)
{
	struct strmap *m = strmap_new();
	for (int i = from; i < to; i++)
		for (int k = 0; k < p->v[i].n; k++)
			if (p->v[i].items[k].kind == DL_DEST)
				strmap_put(m, p->v[i].items[k].str, p->v[i].folio);
	return m;
}

/* The page holding destination key, or -1. */
static int page_of(const struct pages *p, const char *key)
{
	for (int i = 0; i < p->n; i++)
		for (int k = 0; k < p->v[i].n; k++)
			if (p->v[i].items[k].kind == DL_DEST && !strcmp(p->v[i].items[k].str, key))
				return i;
	return -1;
}

static char *keywords(const struct book *bk)
{
	struct buf b;
	buf_init(&b);
	for (int i = 1; i < bk->n; i++) {
		if (!model_has_key(bk, bk->ch[i].key))
			continue;
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

/* In duplex, a blank page so that the next page is odd. */
static void to_odd(struct pages *p, int duplex, int roman)
{
	if (!duplex || p->n == 0 || (p->v[p->n - 1].folio + 1) % 2 == 1)
		return;
	struct page *b = pages_add(p);
	b->blank = 1;
	b->roman = roman;
	b->folio = p->v[p->n - 2].folio + 1;
}

/* Copies n outline entries (from may be NULL when n is 0) to to[at...];
 * returns the new count. */
static int append_entries(struct outline_entry *to, int at, const struct outline_entry *from, int n)
{
	if (n > 0)
		memcpy(to + at, from, sizeof(*to) * (size_t)n);
	return at + (n > 0 ? n : 0);
}

static void add_outline(struct build_out *bo, int level, const char *title, const char *key)
{
	GROW(bo->ol, bo->olcap, bo->nol + 1);
	bo->ol[bo->nol++] = (struct outline_entry){ level, title, key, -1 };
}

/* The page options of the diagram: landscape when it asks. */
static struct pg_opts diagram_page(const struct pg_opts *po, const struct diagram *dg)
{
	struct pg_opts dpo = *po;
	if (dg->landscape) {
		fx t = dpo.g.width;
		dpo.g.width = dpo.g.height;
		dpo.g.height = t;
	}
	return dpo;
}

static int make(const struct book_opts *o, struct content *cp, int last_use, struct diags *d,
                struct book_result *r);

int book_make(const struct book_opts *o, struct diags *d, struct book_result *r)
{
	struct content c;
	memset(r, 0, sizeof(*r));
	int rc = -1;
	/* the patterns load on a second core while the content, fonts and model do */
	struct book_opts oo = *o;
	if (!o->hyph && !o->hyph_loading && o->hyph_dict)
		oo.hyph_loading = hyph_load_async(o->hyph_dict);
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors)
		rc = make(&oo, &c, 1, d, r);
	else
		hyph_free(hyph_wait(oo.hyph_loading));
	content_done(&c);
	return rc;
}

void book_result_done(struct book_result *r)
{
	free(r->pdf);
	free(r->path);
	for (int i = 0; i < r->nroles; i++) {
		free(r->roles[i].name);
		free(r->roles[i].title);
	}
	free(r->roles);
	memset(r, 0, sizeof(*r));
}

/* What one run holds while the stages hand their results on. */
struct run {
	const struct book_opts *o;
	struct content *c;
	struct diags *d;
	struct book bk;
	struct lctx L;
	struct pg_opts po;
	struct build_opts bopt;
	struct diagram dg;
	int have_dg;
	int role, next;          /* editions: the role's chapter and the next level's (0: none) */
	struct build_out bo;     /* the body */
	int dg_node;             /* role edition: the diagram's box in bo.vl, or -1 */
	int release_content;     /* the content is not needed after this book: free it early */
};

/* Resolves o->role; marks every chapter the edition leaves out.  Returns
 * 0, or BOOK_EROLE with r->roles filled and an error in d. */
static int select_edition(struct run *u, struct book_result *r)
{
	const struct book_opts *o = u->o;
	struct book *bk = &u->bk;
	int *cand = xcalloc((size_t)bk->n, sizeof(*cand)), nc = 0;
	int role = edition_find_role(bk, u->c, o->role ? o->role : "", cand, &nc);
	if (role < 0) {
		r->ambiguous = role == EDITION_AMBIGUOUS;
		r->roles = xcalloc((size_t)nc, sizeof(*r->roles));
		for (int i = 0; i < nc; i++) {
			struct buf b;
			buf_init(&b);
			edition_role_name(bk, u->c, cand[i], &b);
			r->roles[r->nroles].name = buf_detach(&b);
			r->roles[r->nroles++].title = xstrdup(bk->ch[cand[i]].title);
		}
		if (r->ambiguous)
			diag_error(u->d, NULL, 0, "'%s' matches more than one role", o->role ? o->role : "");
		else
			diag_error(u->d, NULL, 0, "no role is called '%s'", o->role ? o->role : "");
		free(cand);
		return BOOK_EROLE;
	}
	free(cand);
	u->role = role;
	if (o->edition == ED_REVIEW && u->have_dg)
		u->next = diagram_next_in_track(&u->dg, role);
	for (int i = 0; i < bk->n; i++)
		if (i != role && i != u->next && (i > 0 || o->edition == ED_REVIEW))
			model_omit_chapter(bk, i);
	return 0;
}

/* The role edition's body: the README's public part, the journey, the role. */
static void body_role(struct run *u)
{
	cmark_node **keep;
	int n = edition_readme_public(&u->bk, u->c, &keep);
	edition_build(&u->L, &u->bk, u->c, 0, keep, n, &u->bopt, &u->bo);
	free(keep);
	if (u->have_dg) {
		u->dg.highlight = u->role;
		struct pg_opts dpo = diagram_page(&u->po, &u->dg);
		diagram_layout(&u->L, &u->dg, &u->bk, NULL, pg_text_width(&dpo), pg_text_height(&dpo), &u->bo.vl);
		u->dg_node = u->bo.vl.n - 1;
		add_outline(&u->bo, 1, "Career journey", "#career-journey");
	}
	build_chapter(&u->L, &u->bk, u->c, u->role, &u->bopt, &u->bo);
}

/* Sets the diagram's page numbers now that they are known, and paginates again. */
static void relayout_diagram(struct run *u, struct pages *body, struct pg_stats *st)
{
	struct strmap *folios = folio_map(body, 0, body->n);
	struct pg_opts dpo = diagram_page(&u->po, &u->dg);
	struct vlist dv = { 0 };
	diagram_layout(&u->L, &u->dg, &u->bk, folios, pg_text_width(&dpo), pg_text_height(&dpo), &dv);
	u->bo.vl.v[u->dg_node] = dv.v[dv.n - 1]; /* one box either way: the pages stay the same */
	vlist_done(&dv);
	strmap_free(folios);
	pages_done(body);
	memset(st, 0, sizeof(*st));
	paginate(&u->bo.vl, &u->po, 1, 0, body, st);
}

/* Turns the landscape diagram page and decorates the body. */
static void decorate_body(struct run *u, struct pages *body)
{
	int dp = u->have_dg && u->dg.landscape && u->dg_node >= 0 ? page_of(body, "#career-journey") : -1;
	if (dp < 0) {
		pg_decorate(&u->L, &u->po, body, 0, body->n);
		return;
	}
	struct pg_opts dpo = diagram_page(&u->po, &u->dg);
	body->v[dp].w = dpo.g.width;
	body->v[dp].h = dpo.g.height;
	pg_decorate(&u->L, &u->po, body, 0, dp);
	pg_decorate(&u->L, &dpo, body, dp, dp + 1);
	pg_decorate(&u->L, &u->po, body, dp + 1, body->n);
}

static void edition_date(const struct book_opts *o, int *y, int *m, int *dd, char *edition, size_t n)
{
	*y = o->year, *m = o->month, *dd = o->day;
	if (*y <= 0) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		*y = tm.tm_year + 1900, *m = tm.tm_mon + 1, *dd = tm.tm_mday;
	}
	snprintf(edition, n, "Edition of %d %s %d", *dd, month_names[(*m - 1) % 12], *y);
}

/* The handbook's front matter: title page, contents and the career
 * journey, numbered i, ii, ...  The contents list the journey's page after
 * them, so they are laid out until their length settles. */
static void front_handbook(struct run *u, const struct title_info *ti, struct strmap *folios,
                           struct pages *front, const struct build_out *gl)
{
	struct lctx *L = &u->L;
	const struct pg_opts *po = &u->po;
	int duplex = u->po.duplex;
	struct outline_entry *fol = xcalloc((size_t)(u->bo.nol + gl->nol) + 1, sizeof(*fol));
	int nfol = 0;
	if (u->have_dg)
		fol[nfol++] = (struct outline_entry){ 1, "Career journey", "#career-journey", -1 };
	nfol = append_entries(fol, nfol, gl->ol, gl->nol);
	nfol = append_entries(fol, nfol, u->bo.ol, u->bo.nol);
	struct vlist fv = { 0 };
	int toc_pages = 1;
	for (int pass = 0; pass < 4; pass++) {
		pages_done(front);
		vlist_done(&fv);
		/* title page i, contents from ii, then the diagram (duplex: on odd) */
		int dfolio = 2 + toc_pages;
		dfolio += duplex && dfolio % 2 == 0;
		if (u->have_dg)
			strmap_put(folios, "#career-journey", -dfolio);
		toc_title_page(L, ti, u->bopt.width, u->bopt.height, &fv);
		toc_contents(L, fol, nfol, folios, u->bopt.width, &fv);
		paginate(&fv, po, 1, 1, front, NULL);
		if (front->n - 1 == toc_pages)
			break;
		toc_pages = front->n - 1;
	}
	free(fol);
	vlist_done(&fv);
	if (front->n)
		front->v[0].blank = 1; /* the title page carries no running head or folio */
	pg_decorate(L, po, front, 0, front->n);
	if (u->have_dg) {
		struct pg_opts dpo = diagram_page(po, &u->dg);
		struct vlist dv = { 0 };
		diagram_layout(L, &u->dg, &u->bk, folios, pg_text_width(&dpo), pg_text_height(&dpo), &dv);
		to_odd(front, duplex, 1);
		int first = front->n;
		paginate(&dv, &dpo, front->v[front->n - 1].folio + 1, 1, front, NULL);
		for (int i = first; i < front->n; i++)
			if (u->dg.landscape) {
				front->v[i].w = dpo.g.width;
				front->v[i].h = dpo.g.height;
			}
		pg_decorate(L, &dpo, front, first, front->n);
		vlist_done(&dv);
	}
	to_odd(front, duplex, 1);
}

/* The handbook's body pages: "Levels at a glance" first, right after the
 * journey, then the chapters.  The glance gives each section's page, and
 * its own length moves them, so the two are paginated until it settles. */
static void body_handbook(struct run *u, struct build_out *gl, struct pages *body, struct pg_stats *st)
{
	struct pages gp = { 0 }, cp = { 0 };
	int glance = u->have_dg, gpages = 0;
	for (int pass = 0; pass < 4; pass++) {
		int start = gpages + 1;
		start += u->po.duplex && gpages && start % 2 == 0;
		pages_done(&cp);
		memset(st, 0, sizeof(*st));
		paginate(&u->bo.vl, &u->po, start, 0, &cp, st);
		if (!glance)
			break;
		struct strmap *folios = folio_map(&cp, 0, cp.n);
		build_out_done(gl);
		glance = compare_glance(&u->L, &u->bk, u->c, &u->dg, folios, u->bopt.width, gl) == 0;
		strmap_free(folios);
		pages_done(&gp);
		if (glance)
			paginate(&gl->vl, &u->po, 1, 0, &gp, NULL);
		if (gp.n == gpages)
			break;
		gpages = gp.n;
	}
	append_pages(body, &gp);
	if (cp.n && body->n)
		to_odd(body, u->po.duplex, 0);
	append_pages(body, &cp);
}

/* An edition's front matter: its cover, page i (in duplex with its blank back). */
static void front_edition(struct run *u, const char *edition, const char *version,
                          struct strmap *folios, struct pages *front)
{
	const struct book *bk = &u->bk;
	const struct chapter *ch = &bk->ch[u->role];
	const char *track = u->have_dg ? diagram_track(&u->dg, u->role) : NULL;
	struct buf kicker, l1, l2;
	buf_init(&kicker);
	buf_init(&l1);
	buf_init(&l2);
	struct cover_info ci;
	memset(&ci, 0, sizeof(ci));
	int nl = 0;
	if (u->o->edition == ED_ROLE) {
		buf_addf(&kicker, "%s \xC2\xB7 Role description", bk->title);
		ci.title = ch->role;
		if (ch->code)
			buf_addf(&l1, "Level %s", ch->code);
		if (track)
			buf_addf(&l1, "%s%s track", l1.len ? " \xC2\xB7 " : "", track);
		if (l1.len)
			ci.lines[nl++] = buf_cstr(&l1);
	} else {
		buf_addf(&kicker, "%s \xC2\xB7 Review packet", bk->title);
		ci.title = ch->title;
		if (track)
			buf_addf(&l1, "%s track", track);
		if (l1.len)
			ci.lines[nl++] = buf_cstr(&l1);
		if (u->next)
			buf_addf(&l2, "Next level: %s", bk->ch[u->next].title);
		else
			buf_addf(&l2, "The top of its track: no next level");
		ci.lines[nl++] = buf_cstr(&l2);
	}
	ci.kicker = buf_cstr(&kicker);
	ci.org = bk->org;
	ci.edition = edition;
	ci.version = version;
	struct vlist fv = { 0 };
	toc_cover(&u->L, &ci, u->bo.ol, u->bo.nol, folios, u->bopt.width, u->bopt.height, &fv);
	paginate(&fv, &u->po, 1, 1, front, NULL);
	for (int i = 0; i < front->n; i++)
		front->v[i].blank = i == 0; /* the cover carries no running head or folio */
	pg_decorate(&u->L, &u->po, front, 0, front->n);
	to_odd(front, u->po.duplex, 1);
	vlist_done(&fv);
	buf_done(&kicker);
	buf_done(&l1);
	buf_done(&l2);
}

/* The layout is in the PDF document once pdf_build returns: free it
 * before the file is assembled, which is when a big book peaks. */
static void release_layout(struct run *u, struct arena **arena, struct book_index **ix,
                           struct pages *pp[3], struct build_out *gl, struct vlist *iv,
                           struct strmap **folios)
{
	for (int i = 0; i < 3; i++)
		pages_done(pp[i]);
	vlist_done(iv);
	build_out_done(&u->bo);
	build_out_done(gl);
	strmap_free(*folios);
	*folios = NULL;
	index_free(*ix); /* after the pages: they hold its destination keys */
	*ix = NULL;
	arena_free(*arena);
	*arena = NULL;
}

int book_make_from(const struct book_opts *o, struct content *cp, struct diags *d,
                   struct book_result *r)
{
	return make(o, cp, 0, d, r);
}

/* pdf_job.progress, passed on to the caller's with the files all laid out. */
struct pages_progress {
	const struct book_opts *o;
	int files;
};

static void pages_written(void *ctx, int written, int pages)
{
	const struct pages_progress *p = ctx;
	p->o->progress(p->o->progress_ctx, p->files, p->files, written, pages);
}

static int make(const struct book_opts *o, struct content *cp, int last_use, struct diags *d,
                struct book_result *r)
{
	memset(r, 0, sizeof(*r));
	struct run u;
	memset(&u, 0, sizeof(u));
	u.o = o;
	u.c = cp;
	u.release_content = last_use;
	u.d = d;
	u.dg_node = -1;
	struct content *c = cp;
	struct fonts *fonts = NULL;
	struct hyph *hyph = NULL;
	int waited = 0; /* o->hyph_loading joined */
	struct arena *arena = arena_new();
	struct build_out gl;
	struct pages body = { 0 }, front = { 0 }, all = { 0 };
	struct vlist iv = { 0 };
	struct book_index *ix = NULL;
	struct strmap *folios = NULL;
	char *kw = NULL, *path = NULL;
	struct buf title;
	buf_init(&title);
	int rc = -1;
	memset(&gl, 0, sizeof(gl));
	if (c->n < 2) {
		diag_error(d, c->n ? c->v[0].path : c->dir, 0, "no level files");
		goto done;
	}
	if (o->fonts)
		fonts = o->fonts;
	else if (!(fonts = fonts_new(o->fonts_dir, d)))
		goto done;
	model_build(&u.bk, c, o->org, d);
	if (o->hyph)
		hyph = o->hyph;
	else if (o->hyph_loading)
		hyph = hyph_wait(o->hyph_loading);
	else if (o->hyph_dict)
		hyph = hyph_new(o->hyph_dict);
	waited = 1;
	if (!hyph && !o->hyph && o->hyph_dict)
		diag_warn(d, o->hyph_dict, 0, "hyphenation patterns cannot be read; no hyphenation");

	struct book *bk = &u.bk;
	u.po = (struct pg_opts){ style_page(o->paper), o->duplex, bk->title };
	u.L = (struct lctx){ .fonts = fonts, .hyph = hyph, .arena = arena, .d = d };
	u.bopt = (struct build_opts){ .width = pg_text_width(&u.po), .height = pg_text_height(&u.po) };
	u.have_dg = diagram_model(bk, c, &u.dg) == 0 && u.dg.n > 0;
	if (o->edition != ED_HANDBOOK && (rc = select_edition(&u, r)) != 0)
		goto done;
	rc = -1;

	/* the body */
	if (o->edition == ED_ROLE) {
		body_role(&u);
	} else if (o->edition == ED_REVIEW) {
		build_chapter(&u.L, bk, c, u.role, &u.bopt, &u.bo);
		if (u.next)
			build_chapter(&u.L, bk, c, u.next, &u.bopt, &u.bo);
		compare_changes(&u.L, bk, c, u.role, u.next, u.have_dg ? diagram_track(&u.dg, u.role) : NULL,
		                &u.bopt, &u.bo);
		r->expectations = worksheet_layout(&u.L, bk, c, u.role, &u.bopt, &u.bo);
	} else {
		for (int i = 0; i < bk->n; i++) {
			build_chapter(&u.L, bk, c, i, &u.bopt, &u.bo);
			if (o->progress)
				o->progress(o->progress_ctx, i + 1, bk->n, 0, 0);
		}
	}
	struct pg_stats st = { 0 };
	if (o->edition == ED_HANDBOOK)
		body_handbook(&u, &gl, &body, &st);
	else
		paginate(&u.bo.vl, &u.po, 1, 0, &body, &st);
	if (u.dg_node >= 0)
		relayout_diagram(&u, &body, &st);

	/* the handbook's index: occurrences found on the laid-out pages, then its own pages */
	if (o->edition == ED_HANDBOOK) {
		struct buf tp;
		buf_init(&tp);
		buf_addf(&tp, "%s/index-terms.txt", c->dir);
		ix = index_new(tp.data, d);
		buf_done(&tp);
		index_collect(ix, bk, &body, 0, body.n, d);
		index_layout(&u.L, ix, u.bopt.width, u.bopt.height, &iv);
		if (iv.n) {
			int next = body.n ? body.v[body.n - 1].folio + 1 : 1;
			if (o->duplex && next % 2 == 0) {
				struct page *b = pages_add(&body);
				b->blank = 1;
				b->folio = next++;
			}
			paginate(&iv, &u.po, next, 0, &body, NULL);
			add_outline(&u.bo, 1, "Index", "#index");
		}
	}
	folios = folio_map(&body, 0, body.n);

	/* front matter */
	char edition[96], version[96];
	int y, m, dd;
	struct book_opts so = *o;
	if (o->stamp)
		o->stamp(o->stamp_ctx, &so.year, &so.month, &so.day, &so.version);
	edition_date(&so, &y, &m, &dd, edition, sizeof(edition));
	if (so.version)
		snprintf(version, sizeof(version), "Version %s", so.version);
	const char *vline = so.version ? version : NULL;
	if (o->edition == ED_HANDBOOK) {
		struct title_info ti = { bk->title, bk->org, edition, vline, "Roles, expectations and growth" };
		front_handbook(&u, &ti, folios, &front, &gl);
	} else {
		front_edition(&u, edition, vline, folios, &front);
	}
	decorate_body(&u, &body);
	int nfront = front.n;
	append_pages(&all, &front);
	append_pages(&all, &body);

	/* the outline: the front matter's parts, then the chapters and their sections */
	struct outline_entry *ol = xcalloc((size_t)(u.bo.nol + gl.nol) + 2, sizeof(*ol));
	int nol = 0;
	if (o->edition == ED_HANDBOOK) {
		ol[nol++] = (struct outline_entry){ 1, "Contents", "#contents", -1 };
		if (strmap_get(folios, "#career-journey", NULL))
			ol[nol++] = (struct outline_entry){ 1, "Career journey", "#career-journey", -1 };
		nol = append_entries(ol, nol, gl.ol, gl.nol);
	}
	nol = append_entries(ol, nol, u.bo.ol, u.bo.nol);
	struct pdf_label labels[2] = { { 0, 1, 1 }, { nfront, 0, 1 } };
	kw = keywords(bk);
	if (o->edition == ED_ROLE)
		buf_addf(&title, "%s \xE2\x80\x94 %s", bk->ch[u.role].title, bk->title);
	else if (o->edition == ED_REVIEW)
		buf_addf(&title, "Review packet: %s \xE2\x80\x94 %s", bk->ch[u.role].title, bk->title);
	else
		buf_adds(&title, bk->title);
	/* where it goes: -o, else DIR/NAME.pdf for an edition, else memory */
	if (o->output) {
		path = xstrdup(o->output);
	} else if (o->out_dir && o->edition != ED_HANDBOOK) {
		struct buf p;
		buf_init(&p);
		if (strcmp(o->out_dir, "."))
			buf_addf(&p, "%s/", o->out_dir);
		edition_role_name(bk, c, u.role, &p);
		buf_adds(&p, o->edition == ED_REVIEW ? "-review.pdf" : ".pdf");
		path = buf_detach(&p);
	}
	struct pdf_job job;
	memset(&job, 0, sizeof(job));
	job.pages = &all;
	job.img = u.bo.img;
	job.nimg = u.bo.nimg;
	job.ol = ol;
	job.nol = nol;
	job.labels = labels;
	job.nlabels = nfront > 0 ? 2 : 1;
	if (nfront == 0)
		job.labels = &labels[1];
	job.meta.title = buf_cstr(&title);
	job.meta.author = bk->org;
	job.meta.subject = o->edition == ED_ROLE     ? "Role description"
	                   : o->edition == ED_REVIEW ? "Review packet: the role, the next level, a worksheet"
	                                             : "Career framework: roles, expectations and growth";
	job.meta.keywords = kw;
	job.meta.creator = "handbook " HANDBOOK_VERSION;
	job.meta.year = y;
	job.meta.month = m;
	job.meta.day = dd;
	job.page_w = u.po.g.width;
	job.page_h = u.po.g.height;
	struct pages_progress pgp = { o, bk->n };
	if (o->progress) {
		job.progress = pages_written;
		job.progress_ctx = &pgp;
	}
	/* the sources are all laid out: their text and trees can go before the
	 * document is built, when a big book peaks */
	if (u.release_content)
		content_release(c);
	if (o->dump) {
		/* --all-roles: which edition each part of the stream is */
		if (!o->output && path)
			fprintf(o->dump, "file %s\n", strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
		free(ol);
		if (dump_pages(o->dump, &all, u.po.g.width, u.po.g.height) != 0) {
			diag_error(d, NULL, 0, "cannot write the dump: %s", strerror(errno));
			goto done;
		}
		r->pages = all.n;
		goto counted;
	}
	struct pdf_doc *doc = pdf_build(&job, fonts, path, d);
	free(ol);
	if (!doc)
		goto done;
	r->pages = all.n;
	struct pages *pp[3] = { &front, &body, &all };
	release_layout(&u, &arena, &ix, pp, &gl, &iv, &folios);
	if (pdf_save(doc, path, d, path ? NULL : &r->pdf, &r->bytes) != 0)
		goto done;
	if (path) {
		FILE *fp = fopen(path, "rb");
		if (fp) {
			fseek(fp, 0, SEEK_END);
			r->bytes = (size_t)ftell(fp);
			fclose(fp);
		}
		r->path = path;
		path = NULL;
	}
counted:
	r->chapters = 0;
	for (int i = 0; i < bk->n; i++)
		r->chapters += model_has_key(bk, bk->ch[i].key);
	r->lines = u.L.stat_lines;
	r->hyphenated = u.L.stat_hyphenated;
	r->overfull = u.L.stat_overfull;
	r->worst_spacing = u.L.stat_worst;
	r->widows = st.widows;
	r->orphans = st.orphans;
	r->stranded = st.stranded;
	rc = 0;
done:
	free(kw);
	free(path);
	buf_done(&title);
	strmap_free(folios);
	vlist_done(&iv);
	pages_done(&front);
	pages_done(&body);
	pages_done(&all);
	build_out_done(&u.bo);
	build_out_done(&gl);
	diagram_done(&u.dg);
	model_done(&u.bk);
	if (!waited && o->hyph_loading)
		hyph = hyph_wait(o->hyph_loading);
	if (hyph != o->hyph)
		hyph_free(hyph);
	if (fonts != o->fonts)
		fonts_free(fonts);
	index_free(ix); /* after pdf_write: the pages hold its destination keys */
	arena_free(arena);
	return rc;
}

int book_make_all_roles(const struct book_opts *o, const char *dir, struct diags *d,
                        struct book_result **res, int *nres)
{
	struct content c;
	struct book_opts ro = *o;
	*res = NULL;
	*nres = 0;
	int rc = -1;
	if (content_load(&c, o->content_dir, d) != 0 || d->errors)
		goto done;
	struct stat st;
	/* a dump writes no file, so it needs no folder */
	if (!o->dump && mkdir(dir, 0777) != 0 && errno != EEXIST) {
		diag_error(d, dir, 0, "cannot make the folder: %s", strerror(errno));
		goto done;
	}
	if (!o->dump && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		diag_error(d, dir, 0, "is not a folder");
		goto done;
	}
	/* loaded once, shared by every run */
	if (!ro.fonts && !(ro.fonts = fonts_new(o->fonts_dir, d)))
		goto done;
	if (!ro.hyph && o->hyph_dict && !(ro.hyph = hyph_new(o->hyph_dict)))
		diag_warn(d, o->hyph_dict, 0, "hyphenation patterns cannot be read; no hyphenation");
	ro.edition = ED_ROLE;
	ro.output = NULL;
	ro.out_dir = dir;
	ro.hyph_dict = NULL; /* reported once above, not once per role */
	*res = xcalloc((size_t)(c.n > 1 ? c.n - 1 : 1), sizeof(**res));
	rc = c.n > 1 ? 0 : -1;
	if (c.n < 2)
		diag_error(d, c.n ? c.v[0].path : c.dir, 0, "no level files");
	for (int i = 1; i < c.n; i++) {
		ro.role = c.v[i].name; /* the exact file name: never ambiguous */
		struct diags one;
		diags_init(&one);
		if (book_make_from(&ro, &c, &one, &(*res)[(*nres)++]) != 0)
			rc = -1;
		/* what the runs share (the README, the diagram) is reported once */
		for (int k = 0; k < one.n; k++) {
			const struct diag *g = &one.v[k];
			int seen = 0;
			for (int j = 0; j < d->n && !seen; j++)
				seen = d->v[j].sev == g->sev && d->v[j].line == g->line && !strcmp(d->v[j].text, g->text) &&
				       (d->v[j].file ? g->file && !strcmp(d->v[j].file, g->file) : !g->file);
			if (!seen)
				diag_add(d, g->sev, g->file, g->line, "%s", g->text);
		}
		diags_done(&one);
	}
done:
	if (ro.hyph != o->hyph)
		hyph_free(ro.hyph);
	if (ro.fonts != o->fonts)
		fonts_free(ro.fonts);
	content_done(&c);
	return rc;
}
