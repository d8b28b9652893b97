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
#include "messages.h"
#include "build.h"
#include "compare.h"
#include "config.h"
#include "content.h"
#include "diagram.h"
#include "explain.h"
#include "framework.h"
#include "dump.h"
#include "font.h"
#include "hyph.h"
#include "lang.h"
#include "index.h"
#include "inline.h"
#include "level.h"
#include "model.h"
#include "output.h"
#include "par.h"
#include "paginate.h"
#include "pdf.h"
#include "since.h"
#include "sections.h"
#include "settle.h"
#include "toc.h"
#include "util.h"
#include "words.h"
#include "worksheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>


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
		if (!model_has_chapter(bk, i))
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
static struct pg_opts diagram_page(const struct pg_opts *po, int landscape)
{
	struct pg_opts dpo = *po;
	if (landscape) {
		fx t = dpo.g.width;
		dpo.g.width = dpo.g.height;
		dpo.g.height = t;
	}
	return dpo;
}

/* The text areas the diagram chooses from: portrait and landscape. */
static struct dg_areas diagram_areas(const struct pg_opts *po)
{
	struct dg_areas a;
	for (int k = 0; k < 2; k++) {
		struct pg_opts dpo = diagram_page(po, k);
		a.w[k] = pg_text_width(&dpo);
		a.h[k] = pg_text_height(&dpo);
	}
	return a;
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

struct edition_desc;

/* What one edition's run holds while the stages hand their results on. */
struct run {
	const struct book_opts *o;
	const struct edition_desc *ed;
	struct content *c;
	struct diags *d;
	struct book *bk;         /* the shared book; the edition marks what it leaves out */
	const struct framework *fw;
	struct lctx L;
	const char *hyph_path;   /* the patterns' file (sh->hyph_path), or NULL */
	const char *lang;        /* the book's language (sh->lang) */
	struct pg_opts po;
	struct build_opts bopt;
	int have_dg;             /* the framework has roles to draw */
	int role, next;          /* editions: the role's chapter and the next level's (0: none) */
	struct build_out bo;     /* the body */
	struct build_out gl;     /* the handbook's levels at a glance */
	int dg_in_body;          /* role edition: the diagram is a part of the body */
	struct dg_shape dg;      /* the diagram's pages and orientation */
	struct vlist dgv;        /* role edition: the diagram's nodes (laid out by the settle loop) */
	struct vlist chv;        /* role edition: the role's chapter, after the diagram */
	struct pages body, front, all;
	struct pg_stats st;      /* of the body */
	struct vlist iv;         /* the index */
	struct book_index *ix;
	struct strmap *folios;   /* destination key -> printed page number */
	struct arena *arena;     /* every layout object of this edition */
	int nfront;              /* pages of front matter */
	char edition[96];        /* "Edition of 1 December 2026" */
	char version[96];        /* "Version 1a2b3c4", or "" */
	char date[80];           /* the edition date as the configuration formats it */
	char prepared[MODEL_MAX_TITLE + 128]; /* --for: "Prepared for NAME, DATE", or "" */
	struct pg_marks marks;   /* the configuration's head, foot, confidentiality line, watermark */
	struct dl_item logo;     /* the configured logo at its cover size when kind is DL_IMAGE */
	int year, month, day;    /* the edition date */
	int expectations;        /* review packet: worksheet rows */
	int errors_before;       /* errors in d when the edition began */
	int glance_pages;        /* handbook: the body's first pages, levels at a glance */
	int body_paginated;      /* times the body's chapters were paginated (1: the settle loop
	                          * renumbered them when the pages before them changed) */
	struct since *since;     /* --since: the changes (the shared book's), or NULL */
	char since_title[160];   /* "What changed since REV" */
};

/* --since: the list of changes, the entries' page numbers from folios
 * (the body's, and the list's own as "#since"). */
static void since_list(struct run *u, const struct strmap *folios, struct vlist *sv)
{
	int n = 0;
	struct outline_entry *ol = since_outline(u->since, u->bk, folios, u->o->edition == ED_HANDBOOK, &n);
	struct buf intro;
	buf_init(&intro);
	if (n)
		buf_addf(&intro, "Every role and section that changed since %s (commit %s), each change linked to "
		         "its place. There, a bar in the outer margin marks what was added or changed, and a "
		         "note what was removed; the career journey and the levels at a glance mark the roles "
		         "and sections that changed. Edits to spacing or punctuation alone are not changes.",
		         since_rev(u->since), since_commit(u->since));
	else
		buf_addf(&intro, "Nothing in this document changed since %s (commit %s).", since_rev(u->since),
		         since_commit(u->since));
	toc_list(&u->L, u->since_title, "#since", buf_cstr(&intro), ol, n, folios, u->bopt.width, sv);
	buf_done(&intro);
	free(ol);
}

/* The since list's part of the settle loop. */
static void since_relayout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	vlist_done(vl);
	since_list(ctx, folios, vl);
}

/* An edition's --since list after its cover: its own page, where removed
 * roles link, is known before it is laid out. */
static void since_pages(struct run *u, struct strmap *folios, struct pages *out)
{
	int first = out->n ? out->v[out->n - 1].folio + 1 : 1;
	first += u->po.duplex && first % 2 == 0;
	strmap_put(folios, "#since", -first); /* the list's own page: where removed roles link */
	struct vlist sv = { 0 };
	since_list(u, folios, &sv);
	to_odd(out, u->po.duplex, 1);
	paginate(&sv, &u->po, out->n ? out->v[out->n - 1].folio + 1 : 1, 1, out, NULL);
	vlist_done(&sv);
}

/* --since: a bar by every link on pages [from, to) that leads to a key in
 * changed: along the foot of a career-journey box (foot), or left of a line
 * of the glance (its column head or a cell). */
static void mark_links(struct pages *p, int from, int to, const struct strmap *changed, int foot)
{
	for (int i = from; i < to; i++)
		for (int k = 0, n = p->v[i].n; k < n; k++) {
			struct dl_item it = p->v[i].items[k];
			if (it.kind != DL_LINK || !strmap_get(changed, it.str, NULL))
				continue;
			struct dl_item *r = page_add(&p->v[i]);
			memset(r, 0, sizeof(*r));
			r->kind = DL_RECT;
			r->rgb = STYLE_BAR_RGB;
			if (foot) {
				r->x = it.x + PT(3);
				r->y = it.y + it.h - STYLE_BAR_WIDTH - PT(3);
				r->w = it.w - PT(6);
				r->h = STYLE_BAR_WIDTH;
			} else {
				r->x = it.x - PT(4);
				r->y = it.y;
				r->w = PT(1.5);
				r->h = it.h;
			}
		}
}

/* --since: each change bar from the left margin, where build.c set it, to
 * the outer one: the right in simplex, the fore-edge in duplex. */
static void place_bars(const struct run *u, struct pages *p)
{
	fx shift = pg_text_width(&u->po) + 2 * STYLE_BAR_GAP + STYLE_BAR_WIDTH;
	for (int i = 0; i < p->n; i++) {
		if (u->po.duplex && p->v[i].folio % 2 == 0)
			continue;
		for (int k = 0; k < p->v[i].n; k++)
			if (p->v[i].items[k].kind == DL_RECT && (p->v[i].items[k].flags & DLF_BAR))
				p->v[i].items[k].x += shift;
	}
}

/* Resolves o->role; marks every chapter the edition leaves out.  Returns
 * 0, or BOOK_EROLE with r->roles filled and an error in d. */
static int select_edition(struct run *u, struct book_result *r)
{
	const struct book_opts *o = u->o;
	struct book *bk = u->bk;
	int *cand = xcalloc((size_t)bk->n, sizeof(*cand)), nc = 0;
	int role = o->role_chapter > 0 ? o->role_chapter
	                               : framework_find_role(u->fw, bk, u->c, o->role ? o->role : "", cand, &nc);
	if (role < 0) {
		r->ambiguous = role == FRAMEWORK_AMBIGUOUS;
		r->roles = xcalloc((size_t)nc, sizeof(*r->roles));
		for (int i = 0; i < nc; i++) {
			struct buf b;
			buf_init(&b);
			framework_role_name(bk, u->c, cand[i], &b);
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
	if (o->edition == ED_REVIEW)
		u->next = framework_role(u->fw, role)->next;
	for (int i = 0; i < bk->n; i++)
		if (i != role && i != u->next && (i > 0 || o->edition == ED_REVIEW))
			model_omit_chapter(bk, i);
	return 0;
}

/* The role edition's body: the README's public part, the journey, the role. */
static void body_role(struct run *u)
{
	const struct readme_public *pub = &u->fw->pub;
	for (int i = 0; i < pub->nomit; i++)
		model_omit_key(u->bk, pub->omit[i]); /* links to what is left out become text */
	build_blocks(&u->L, u->bk, u->c, 0, pub->keep, pub->n, &u->bopt, &u->bo);
	if (u->have_dg) { /* laid out by the settle loop, with page numbers */
		u->dg_in_body = 1;
		add_outline(&u->bo, 1, msg(MSG_CAREER_JOURNEY), "#career-journey");
	}
	int at = u->bo.vl.n;
	build_chapter(&u->L, u->bk, u->c, u->role, &u->bopt, &u->bo);
	if (u->dg_in_body)
		settle_cut(&u->bo.vl, at, &u->chv);
}

/* The role edition's diagram with the body's page numbers: the settle
 * loop's part between the README's sections and the role. */
static void diagram_relayout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct run *u = ctx;
	struct dg_areas a = diagram_areas(&u->po);
	vlist_done(vl);
	diagram_layout(&u->L, u->fw, u->role, u->bk, folios, &a, vl, &u->dg);
}

/* Turns the landscape diagram pages and decorates the body. */
static void decorate_body(struct run *u, struct pages *body)
{
	int dp = u->have_dg && u->dg.landscape && u->dg_in_body ? page_of(body, "#career-journey") : -1;
	if (dp < 0) {
		pg_decorate(&u->L, &u->po, body, 0, body->n);
		return;
	}
	struct pg_opts dpo = diagram_page(&u->po, 1);
	int end = dp + u->dg.pages < body->n ? dp + u->dg.pages : body->n;
	for (int i = dp; i < end; i++) {
		body->v[i].w = dpo.g.width;
		body->v[i].h = dpo.g.height;
	}
	pg_decorate(&u->L, &u->po, body, 0, dp);
	pg_decorate(&u->L, &dpo, body, dp, end);
	pg_decorate(&u->L, &u->po, body, end, body->n);
}

/* The edition date into y, m, dd, as text into date (the configuration's
 * date_format, else "1 December 2026") and as the edition line. */
static void edition_date(const struct book_opts *o, int *y, int *m, int *dd, char *edition, size_t n,
                         char *date, size_t dn)
{
	*y = o->year, *m = o->month, *dd = o->day;
	if (*y <= 0) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		*y = tm.tm_year + 1900, *m = tm.tm_mon + 1, *dd = tm.tm_mday;
	}
	const char *fmt = o->config ? o->config->date_format : NULL;
	if (fmt) {
		struct tm tm = { .tm_year = *y - 1900, .tm_mon = *m - 1, .tm_mday = *dd, .tm_hour = 12 };
		timegm(&tm); /* fills in the weekday for %A */
		char tmp[80];
		if (strftime(tmp, sizeof(tmp), fmt, &tm) > 0) {
			snprintf(date, dn, "%s", tmp);
			snprintf(edition, n, "%s %s", msg(MSG_EDITION), date);
			return;
		}
	}
	msg_date(date, dn, *y, *m, *dd);
	msg_edition(edition, n, *y, *m, *dd);
}

/* The largest the logo stands on a cover, and its height in a running
 * head: a mark, not a picture. */
#define LOGO_MAX_W MM(60)
#define LOGO_MAX_H MM(20)
#define LOGO_HEAD_H PT(10)

/* Reads the configured logo (a path in the content folder, confined as
 * the content's images are) into the edition's image table and sizes it
 * for the cover in u->logo.  A logo that cannot be shown is a warning. */
static void load_logo(struct run *u, const struct config *cf)
{
	struct image_table *t = &u->bo.img;
	int i = image_open(t, u->c, cf->logo, DL_MAX_IMAGES);
	const char *why = i < 0 ? "is past the most images a book holds" : t->v[i].why;
	double w = 0, h = 0;
	if (!why) {
		w = t->v[i].w, h = t->v[i].h;
		double k = LOGO_MAX_W / w < LOGO_MAX_H / h ? LOGO_MAX_W / w : LOGO_MAX_H / h;
		w *= k, h *= k;
		double px = (double)IMAGE_DPI / 72 / FX_PER_PT;
		if (image_fit(t, i, (int)(w * px + 0.999), (int)(h * px + 0.999)) != 0)
			why = t->v[i].why;
	}
	if (why) {
		if (i >= 0 && t->v[i].escapes)
			diag_error(u->d, cf->path, 0, "the logo %s %s; not read", cf->logo, why);
		else
			diag_warn(u->d, cf->path, 0, "the logo %s %s; it is left out", cf->logo, why);
		return;
	}
	memset(&u->logo, 0, sizeof(u->logo));
	u->logo.kind = DL_IMAGE;
	u->logo.w = (fx)w;
	u->logo.h = (fx)h;
	u->logo.face = (int16_t)i;
}

/* What handbook.yml puts on every page, and --for's line, once the date
 * and version are known.  Without a configuration nothing changes. */
static void set_marks(struct run *u, const char *version)
{
	const struct config *cf = u->o->config;
	if (!cf)
		return;
	if (cf->logo)
		load_logo(u, cf);
	if (u->logo.kind == DL_IMAGE && cf->logo_in_head) {
		u->marks.logo = u->logo;
		u->marks.logo.w = (fx)((int64_t)u->logo.w * LOGO_HEAD_H / u->logo.h);
		u->marks.logo.h = LOGO_HEAD_H;
		u->po.marks = &u->marks;
	}
	if (cf->prepared_for)
		snprintf(u->prepared, sizeof(u->prepared), "%s %s, %s", msg(MSG_PREPARED_FOR), cf->prepared_for,
		         u->date);
	const char *wm = cf->watermark[u->o->edition];
	if (!cf->head && !cf->foot && !cf->confidential && !wm)
		return;
	static const char *const kind[ED__MAX] = { "Handbook", "Role description", "Review packet" };
	struct pg_marks *m = &u->marks;
	m->head = cf->head;
	m->foot = cf->foot;
	m->confidential = cf->confidential;
	m->watermark = wm;
	m->vals[CFG_F_ORG] = u->bk->org;
	m->vals[CFG_F_TITLE] = u->bk->title;
	m->vals[CFG_F_DATE] = u->date;
	m->vals[CFG_F_VERSION] = version;
	m->vals[CFG_F_EDITION] = kind[u->o->edition];
	if (u->o->edition != ED_HANDBOOK) {
		m->vals[CFG_F_TRACK] = framework_track(u->fw, u->role);
		m->vals[CFG_F_CODE] = u->bk->ch[u->role].code;
		m->vals[CFG_F_NAME] = u->bk->ch[u->role].role;
	}
	m->pages = u->body.n ? u->body.v[u->body.n - 1].folio : 0;
	u->po.marks = m;
}

/* The configured cover colour (theme.colours.cover): its text colours
 * while the cover is laid out (light on a dark cover), and the sheet
 * filled with it under everything once the cover is on its page. */
static int cover_set(const struct run *u)
{
	const struct config *cf = u->o->config;
	return cf && (cf->has_rgb >> CFG_COVER & 1);
}

static void cover_begin(const struct run *u, struct style_theme *saved)
{
	*saved = style_theme;
	if (cover_set(u) && style_is_dark(u->o->config->rgb[CFG_COVER]))
		style_theme_on_dark(u->o->config->rgb[CFG_COVER]);
}

static void cover_end(const struct run *u, const struct style_theme *saved, struct page *cover)
{
	style_theme = *saved;
	style_theme_update_headings();
	if (!cover_set(u) || !cover)
		return;
	struct dl_item *r = page_add(cover);
	memset(r, 0, sizeof(*r));
	r->kind = DL_RECT;
	r->w = cover->w ? cover->w : u->po.g.width;
	r->h = cover->h ? cover->h : u->po.g.height;
	r->rgb = u->o->config->rgb[CFG_COVER];
	struct dl_item keep = *r; /* first: drawn under the cover's text and logo */
	memmove(cover->items + 1, cover->items, (size_t)(cover->n - 1) * sizeof(*cover->items));
	cover->items[0] = keep;
}

/* The handbook's title page and contents: the settle loop's first part
 * of the front matter. */
struct contents_ctx {
	struct run *u;
	const struct title_info *ti;
	const struct outline_entry *fol; /* the entries the contents list */
	int nfol;
};

static void contents_relayout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	const struct contents_ctx *cc = ctx;
	struct run *u = cc->u;
	struct style_theme saved;
	vlist_done(vl);
	cover_begin(u, &saved);
	toc_title_page(&u->L, cc->ti, u->bopt.width, u->bopt.height, vl);
	cover_end(u, &saved, NULL);
	toc_contents(&u->L, cc->fol, cc->nfol, folios, u->bopt.width, vl);
}

/* The handbook's front matter: title page, contents, what changed
 * (--since) and the career journey, numbered i, ii, ... (duplex: each on
 * a right-hand page).  The contents list the pages after them, so the
 * settle loop lays them out until their length settles. */
static void front_handbook(struct run *u, const struct title_info *ti, struct strmap *folios,
                           struct pages *front, const struct build_out *gl)
{
	struct lctx *L = &u->L;
	const struct pg_opts *po = &u->po;
	struct outline_entry *fol = xcalloc((size_t)(u->bo.nol + gl->nol) + 2, sizeof(*fol));
	int nfol = 0;
	if (u->since)
		fol[nfol++] = (struct outline_entry){ 1, u->since_title, "#since", -1 };
	if (u->have_dg)
		fol[nfol++] = (struct outline_entry){ 1, msg(MSG_CAREER_JOURNEY), "#career-journey", -1 };
	nfol = append_entries(fol, nfol, gl->ol, gl->nol);
	nfol = append_entries(fol, nfol, u->bo.ol, u->bo.nol);
	struct contents_ctx cc = { u, ti, fol, nfol };
	struct vlist fv = { 0 }, sv = { 0 }, dv = { 0 };
	struct pg_opts dpo = *po;
	struct settle_part p[3];
	memset(p, 0, sizeof(p));
	int n = 0;
	p[n++] = (struct settle_part){ .layout = contents_relayout, .ctx = &cc, .vl = &fv, .po = po, .roman = 1 };
	if (u->since)
		p[n++] = (struct settle_part){ .layout = since_relayout, .ctx = u, .vl = &sv, .po = po, .roman = 1,
		                               .odd = 1 };
	int dp = n;
	if (u->have_dg) { /* its numbers are the body's: laid out once */
		struct dg_areas a = diagram_areas(po);
		diagram_layout(L, u->fw, 0, u->bk, folios, &a, &dv, &u->dg);
		dpo = diagram_page(po, u->dg.landscape);
		p[n++] = (struct settle_part){ .vl = &dv, .po = &dpo, .roman = 1, .odd = 1 };
	}
	settle_run(p, n, 1, folios, NULL);
	settle_take(p, dp, front);
	int first = front->n + (dp < n && p[dp].blank && p[dp].pages.n); /* the journey's first page */
	settle_take(p + dp, n - dp, front);
	if (front->n) {
		front->v[0].blank = 1; /* the title page carries no running head or folio */
		if (cover_set(u)) {
			struct style_theme saved;
			cover_begin(u, &saved);
			cover_end(u, &saved, &front->v[0]);
		}
	}
	pg_decorate(L, po, front, 0, first);
	for (int i = first; i < front->n; i++)
		if (u->dg.landscape) {
			front->v[i].w = dpo.g.width;
			front->v[i].h = dpo.g.height;
		}
	pg_decorate(L, &dpo, front, first, front->n);
	to_odd(front, po->duplex, 1);
	settle_done(p, n);
	free(fol);
	vlist_done(&fv);
	vlist_done(&sv);
	vlist_done(&dv);
}

/* The handbook's levels at a glance: each section's page, so the settle
 * loop's part before the chapters. */
static void glance_relayout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct run *u = ctx;
	build_out_done(&u->gl);
	if (compare_glance(&u->L, u->bk, u->fw, folios, u->bopt.width, &u->gl) != 0)
		vlist_done(vl); /* no roles to list: no pages */
}

/* The handbook's body pages: "Levels at a glance" first, right after the
 * journey, then the chapters (duplex: on a right-hand page).  The
 * chapters are paginated once; the glance's length only renumbers them. */
static void body_handbook(struct run *u, struct build_out *gl, struct pages *body, struct pg_stats *st)
{
	struct settle_part p[2];
	memset(p, 0, sizeof(p));
	p[0] = (struct settle_part){ .layout = glance_relayout, .ctx = u, .vl = &gl->vl, .po = &u->po };
	p[1] = (struct settle_part){ .vl = &u->bo.vl, .po = &u->po, .odd = 1, .stats = 1 };
	struct strmap *folios = strmap_new();
	int from = u->have_dg ? 0 : 1; /* no roles: no glance */
	settle_run(p + from, 2 - from, 1, folios, st);
	u->body_paginated = p[1].paginated;
	strmap_free(folios);
	u->glance_pages = p[0].pages.n;
	settle_take(p + from, 2 - from, body);
	settle_done(p, 2);
}

/* An edition's front matter: its cover, page i (in duplex with its blank back). */
static void front_edition(struct run *u, const char *edition, const char *version,
                          struct strmap *folios, struct pages *front)
{
	const struct book *bk = u->bk;
	const struct chapter *ch = &bk->ch[u->role];
	const char *track = framework_track(u->fw, u->role);
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
	ci.prepared = u->prepared[0] ? u->prepared : NULL;
	ci.logo = u->logo.kind == DL_IMAGE ? &u->logo : NULL;
	struct vlist fv = { 0 };
	struct style_theme saved;
	cover_begin(u, &saved);
	toc_cover(&u->L, &ci, u->bo.ol, u->bo.nol, folios, u->bopt.width, u->bopt.height, &fv);
	cover_end(u, &saved, NULL);
	paginate(&fv, &u->po, 1, 1, front, NULL);
	if (front->n && cover_set(u)) {
		cover_begin(u, &saved);
		cover_end(u, &saved, &front->v[0]);
	}
	for (int i = 0; i < front->n; i++)
		front->v[i].blank = i == 0; /* the cover carries no running head or folio */
	if (u->since)
		since_pages(u, folios, front);
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
	vlist_done(&u->dgv);
	vlist_done(&u->chv);
	build_out_done(&u->bo);
	build_out_done(gl);
	strmap_free(*folios);
	*folios = NULL;
	index_free(*ix); /* after the pages: they hold its destination keys */
	*ix = NULL;
	arena_free(*arena);
	*arena = NULL;
}

/* What the existing file out names among the book's inputs (a content
 * file, an image, the index terms, a font, the patterns), or NULL: -o
 * onto an input would destroy the source. */
static const char *input_named(const struct output *out, const struct content *c,
                               const struct fonts *f, const char *hyph_dict)
{
	if (content_has_read(c, out->dev, out->ino))
		return "one of the content's files";
	struct stat st;
	struct buf terms;
	buf_init(&terms);
	buf_addf(&terms, "%s/index-terms.txt", c->dir); /* index.c reads it by name */
	int same = stat(buf_cstr(&terms), &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino;
	buf_done(&terms);
	if (same)
		return "the content's index terms";
	for (int i = 0; i < FACE__MAX; i++)
		if (font_path(f, (enum face)i) && stat(font_path(f, (enum face)i), &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino)
			return "a font file";
	if (hyph_dict && stat(hyph_dict, &st) == 0 && st.st_dev == out->dev && st.st_ino == out->ino)
		return "the hyphenation patterns";
	return NULL;
}

/* Writes the finished PDF to path (output.c decides how), unless path is
 * one of the book's inputs.  Returns 0 or -1 with an error in d. */
static int write_output(const char *path, const struct content *c, const struct fonts *f,
                     const char *hyph_dict, const char *data, size_t len, struct diags *d)
{
	struct output out;
	int rc = -1;
	if (output_init(&out, path, d) != 0)
		goto done;
	const char *input = out.exists ? input_named(&out, c, f, hyph_dict) : NULL;
	if (input && out.kind == OUTPUT_STDOUT)
		diag_error(d, NULL, 0, "standard output is an input of the book (%s); not overwritten", input);
	else if (input)
		diag_error(d, path, 0, "is an input of the book (%s); not overwritten", input);
	else
		rc = output_write(&out, data, len, d);
done:
	output_done(&out);
	return rc;
}

/* ---- the editions as data ---- */

static void body_handbook_chapters(struct run *u)
{
	for (int i = 0; i < u->bk->n; i++) {
		build_chapter(&u->L, u->bk, u->c, i, &u->bopt, &u->bo);
		if (u->o->progress)
			u->o->progress(u->o->progress_ctx, i + 1, u->bk->n, 0, 0);
	}
}

/* The review packet's body: the role, the next level, what changes, the worksheet. */
static void body_review(struct run *u)
{
	build_chapter(&u->L, u->bk, u->c, u->role, &u->bopt, &u->bo);
	if (u->next)
		build_chapter(&u->L, u->bk, u->c, u->next, &u->bopt, &u->bo);
	compare_changes(&u->L, u->bk, u->c, u->fw, u->role, &u->bopt, &u->bo);
	u->expectations = worksheet_layout(&u->L, u->bk, u->c, u->fw, u->role, &u->bopt, &u->bo);
}

static void pages_handbook(struct run *u)
{
	body_handbook(u, &u->gl, &u->body, &u->st);
}

/* The role and review editions' body.  The role edition's journey gives
 * the role's pages, after it: the settle loop lays it out with them. */
static void pages_plain(struct run *u)
{
	struct settle_part p[3];
	memset(p, 0, sizeof(p));
	int n = 0;
	p[n++] = (struct settle_part){ .vl = &u->bo.vl, .po = &u->po, .stats = 1 };
	if (u->dg_in_body) {
		p[n++] = (struct settle_part){ .layout = diagram_relayout, .ctx = u, .vl = &u->dgv, .po = &u->po,
		                               .odd = 1, .stats = 1 };
		p[n++] = (struct settle_part){ .vl = &u->chv, .po = &u->po, .odd = 1, .stats = 1 };
	}
	struct strmap *folios = strmap_new();
	settle_run(p, n, 1, folios, &u->st);
	u->body_paginated = p[n - 1].paginated; /* the role's chapter, or the whole body */
	strmap_free(folios);
	settle_take(p, n, &u->body);
	settle_done(p, n);
}

static void front_book(struct run *u)
{
	const struct config *cf = u->o->config;
	struct title_info ti = { u->bk->title, u->bk->org, u->edition, u->version[0] ? u->version : NULL,
		                     cf && cf->subtitle ? cf->subtitle : msg(MSG_SUBTITLE),
		                     u->prepared[0] ? u->prepared : NULL, u->logo.kind == DL_IMAGE ? &u->logo : NULL };
	front_handbook(u, &ti, u->folios, &u->front, &u->gl);
}

static void front_cover(struct run *u)
{
	front_edition(u, u->edition, u->version[0] ? u->version : NULL, u->folios, &u->front);
}

/* One row per edition: what it holds and how it is laid out.  A new
 * edition is a row here and the functions it names. */
struct edition_desc {
	int per_role;              /* 1: the edition is about one role (o->role) */
	int contents;              /* 1: contents, journey and glance open the outline; an index closes the book */
	const char *title_kind;    /* the PDF title: the book's alone (NULL), or this, the role's and the book's */
	const char *subject;       /* the PDF's subject */
	const char *suffix;        /* its file: DIR/ROLE-NAME + suffix when no -o is given */
	void (*body)(struct run *u);     /* lays out the body into u->bo */
	void (*paginate)(struct run *u); /* u->bo onto u->body */
	void (*front)(struct run *u);    /* the front matter into u->front, page numbers known */
};

static const struct edition_desc editions[ED__MAX] = {
	[ED_HANDBOOK] = { 0, 1, NULL, "Career framework: roles, expectations and growth", ".pdf",
	                  body_handbook_chapters, pages_handbook, front_book },
	[ED_ROLE] = { 1, 0, "", "Role description", ".pdf", body_role, pages_plain, front_cover },
	[ED_REVIEW] = { 1, 0, "Review packet: ", "Review packet: the role, the next level, a worksheet",
	                "-review.pdf", body_review, pages_plain, front_cover },
};

/* ---- what every edition of one content folder shares ---- */

_Static_assert(FACE_MONO + 1 == CFG_FACES, "theme.fonts names font.h's faces up to mono");

struct fonts *book_fonts(const struct book_opts *o, struct diags *d)
{
	const char *chosen[FACE__MAX] = { 0 };
	for (int i = 0; o->config && i < CFG_FACES; i++)
		chosen[i] = o->config->face[i];
	return fonts_new_from(o->fonts_dir, chosen, d);
}

/* The book, its framework, the faces and the patterns: made once, for one
 * edition or for every role's. */
struct shared {
	struct content *c;
	struct book bk;
	struct framework fw;
	int have_fw;               /* the framework has roles to draw */
	struct dg_memo *dg_memo;   /* diagram box text, set once for every edition */
	struct since *since;       /* --since: the changes, or NULL */
	struct fonts *fonts;       /* o->fonts, or loaded here */
	struct hyph *hyph;         /* o->hyph, or loaded here; NULL: no hyphenation */
	char *hyph_path;           /* the file hyph came from (an input of the book), owned; or NULL */
	char lang[LANG_TAG_MAX + 1]; /* the book's language, normalised (lang.h) */
	const struct book_opts *o; /* what the borrowed fonts and patterns came from */
	int waited;                /* o->hyph_loading joined */
	int ready;                 /* everything above made */
};

/* The book's language (o->lang, else the README's `lang:`, else
 * LANG_DEFAULT) and its patterns: those o loaded or is loading when they
 * are the language's, else loaded here.  A language with no patterns
 * installed is a warning naming the Debian package that has them. */
static void shared_lang(struct shared *sh, const struct book_opts *o, struct diags *d)
{
	const struct source *readme = &sh->c->v[0];
	const char *fm = readme->fm.v[FM_LANG];
	const char *where = NULL; /* the file that named the language, for messages */
	int line = 0;
	if (!o->lang && fm && lang_normalize(fm, sh->lang) == 0) {
		where = readme->path;
		line = readme->fm.line[FM_LANG];
	} else {
		if (!o->lang && fm)
			diag_warn(d, readme->path, readme->fm.line[FM_LANG],
			          "front matter: lang '%.40s' is not a language tag such as de or pt-BR; it is ignored", fm);
		if (lang_normalize(o->lang ? o->lang : LANG_DEFAULT, sh->lang) != 0)
			lang_normalize(LANG_DEFAULT, sh->lang); /* main.c refuses such a tag */
	}
	const char *pkg = NULL;
	if (!o->no_hyph)
		sh->hyph_path = !where && o->hyph_dict ? xstrdup(o->hyph_dict)
		                                      : lang_hyph_find(LANG_HYPH_DIR, sh->lang, &pkg);
	int same = sh->hyph_path && o->hyph_dict && !strcmp(sh->hyph_path, o->hyph_dict);
	struct hyph *loaded = o->hyph_loading ? hyph_wait(o->hyph_loading) : NULL;
	sh->waited = 1;
	if (same && o->hyph)
		sh->hyph = o->hyph;
	else if (same && o->hyph_loading)
		sh->hyph = loaded, loaded = NULL;
	else if (sh->hyph_path)
		sh->hyph = hyph_new(sh->hyph_path);
	hyph_free(loaded); /* another language's */
	if (!sh->hyph && sh->hyph_path)
		diag_warn(d, sh->hyph_path, 0, "hyphenation patterns cannot be read; no hyphenation");
	else if (!o->no_hyph && !sh->hyph_path && !lang_needs_no_hyphens(sh->lang) && pkg)
		diag_warn(d, where, line, "no hyphenation patterns for %s are installed; no hyphenation "
		          "(install the Debian package %s)", sh->lang, pkg);
	else if (!o->no_hyph && !sh->hyph_path && !lang_needs_no_hyphens(sh->lang))
		diag_warn(d, where, line, "no hyphenation patterns for %s are installed, and no Debian "
		          "package has them; no hyphenation", sh->lang);
}

static int shared_init(struct shared *sh, const struct book_opts *o, struct content *c, struct diags *d)
{
	memset(sh, 0, sizeof(*sh));
	sh->c = c;
	sh->o = o;
	if (c->n < 2) {
		diag_error(d, c->n ? c->v[0].path : c->dir, 0, "no level files");
		return -1;
	}
	if (o->fonts)
		sh->fonts = o->fonts;
	else if (!(sh->fonts = book_fonts(o, d)))
		return -1;
	model_build(&sh->bk, c, o->org, d);
	if (o->since)
		sh->since = since_new(o->since, c, &sh->bk);
	shared_lang(sh, o, d);
	msg_set_lang(sh->lang); /* the book's own words: headings, labels, the edition date */
	sh->have_fw = framework_build(&sh->fw, &sh->bk, c, d) == 0 && sh->fw.n > 0;
	sh->dg_memo = diagram_memo_new(sh->fw.n);
	if (o->config && o->config->title) { /* the configured title over the README's */
		free(sh->bk.title);
		sh->bk.title = xstrdup(o->config->title);
	}
	if (o->config && (o->config->leave_out || o->config->leave_out_text)) {
		/* the configured README rule over the built-in one */
		sections_public_done(&sh->fw.pub);
		sections_public_rule(&sh->bk, c, o->config->leave_out, o->config->leave_out_text, &sh->fw.pub);
	}
	sh->ready = 1;
	return 0;
}

static void shared_done(struct shared *sh)
{
	const struct book_opts *o = sh->o;
	diagram_memo_free(sh->dg_memo);
	since_free(sh->since);
	if (sh->ready) {
		framework_done(&sh->fw);
		model_done(&sh->bk);
	}
	if (!sh->waited && o && o->hyph_loading)
		sh->hyph = hyph_wait(o->hyph_loading);
	if (o && sh->hyph != o->hyph)
		hyph_free(sh->hyph);
	free(sh->hyph_path);
	if (o && sh->fonts != o->fonts)
		fonts_free(sh->fonts);
	memset(sh, 0, sizeof(*sh));
}

/* ---- one edition ---- */

static void run_init(struct run *u, const struct book_opts *o, struct shared *sh, struct diags *d)
{
	memset(u, 0, sizeof(*u));
	u->o = o;
	u->ed = &editions[o->edition];
	u->c = sh->c;
	u->d = d;
	u->bk = &sh->bk;
	u->fw = &sh->fw;
	u->have_dg = sh->have_fw;
	u->errors_before = d->errors;
	u->arena = arena_new();
	config_apply_style(o->config);
	u->po = (struct pg_opts){ o->config ? config_page(o->config) : style_page(o->paper), o->duplex, u->bk->title,
		                      NULL };
	u->L = (struct lctx){ .fonts = sh->fonts, .hyph = sh->hyph, .arena = u->arena, .d = d,
	                     .dg_memo = sh->dg_memo };
	u->hyph_path = sh->hyph_path;
	u->lang = sh->lang;
	u->L.lang = sh->lang;
	u->bopt = (struct build_opts){ .width = pg_text_width(&u->po), .height = pg_text_height(&u->po),
		                           .since = sh->since,
		                           .person = o->config ? o->config->person : NULL,
		                           .reviewer = o->config ? o->config->reviewer : NULL, .flat = o->flat };
	u->since = sh->since;
	if (u->since)
		snprintf(u->since_title, sizeof(u->since_title), "%s %s", msg(MSG_CHANGED_SINCE),
		         since_rev(u->since));
}

/* The layout is in the PDF document once pdf_build returns, and the
 * stages' leftovers go after the edition: free what is left either way. */
static void run_done(struct run *u)
{
	struct pages *pp[3] = { &u->front, &u->body, &u->all };
	release_layout(u, &u->arena, &u->ix, pp, &u->gl, &u->iv, &u->folios);
	inline_done(&u->L);
	model_include_all(u->bk); /* the next edition starts from the whole book */
}

/* The handbook's index: occurrences found on the laid-out pages, then its own pages. */
static void add_index(struct run *u)
{
	struct buf tp;
	buf_init(&tp);
	buf_addf(&tp, "%s/index-terms.txt", u->c->dir);
	size_t tlen = 0;
	const char *why = "";
	enum content_fail fail;
	char *terms = content_read_rel(u->c, "index-terms.txt", SCOPE_FOLDER, &tlen, INDEX_MAX_FILE, &why,
	                               &fail);
	/* no file means no terms; a link out of the folder is an error, and
	 * not one of its lines is echoed */
	if (fail == CONTENT_ESCAPES)
		diag_error(u->d, tp.data, 0, "index-terms.txt %s; not read", why);
	else if (!terms && fail != CONTENT_MISSING)
		diag_warn(u->d, tp.data, 0, "index terms cannot be read: %s", why);
	u->ix = index_new(tp.data, terms, tlen, u->d);
	free(terms);
	buf_done(&tp);
	index_collect(u->ix, u->bk, &u->body, 0, u->body.n, u->d);
	index_layout(&u->L, u->ix, u->bopt.width, u->bopt.height, &u->iv);
	if (!u->iv.n)
		return;
	int next = u->body.n ? u->body.v[u->body.n - 1].folio + 1 : 1;
	if (u->o->duplex && next % 2 == 0) {
		struct page *b = pages_add(&u->body);
		b->blank = 1;
		b->folio = next++;
	}
	paginate(&u->iv, &u->po, next, 0, &u->body, NULL);
	add_outline(&u->bo, 1, msg(MSG_INDEX), "#index");
}

/* The edition date and version, then the front matter, then every page decorated. */
static void front_matter(struct run *u)
{
	struct book_opts so = *u->o;
	if (u->o->stamp)
		u->o->stamp(u->o->stamp_ctx, &so.year, &so.month, &so.day, &so.version);
	edition_date(&so, &u->year, &u->month, &u->day, u->edition, sizeof(u->edition), u->date, sizeof(u->date));
	if (so.version)
		snprintf(u->version, sizeof(u->version), "%s %s", msg(MSG_VERSION), so.version);
	set_marks(u, so.version);
	u->ed->front(u);
	decorate_body(u, &u->body);
	if (u->since)
		place_bars(u, &u->body);
	u->nfront = u->front.n;
	append_pages(&u->all, &u->front);
	append_pages(&u->all, &u->body);
	if (u->since) { /* changed roles on the journey and the glance */
		struct strmap *changed = strmap_new();
		since_keys(u->since, u->bk, changed);
		int dp = page_of(&u->all, "#career-journey");
		if (dp >= 0)
			mark_links(&u->all, dp, dp + u->dg.pages < u->all.n ? dp + u->dg.pages : u->all.n, changed, 1);
		mark_links(&u->all, u->nfront, u->nfront + u->glance_pages, changed, 0);
		strmap_free(changed);
	}
}

/* Every word of the chapters the edition holds whole is on the pages, or
 * a warning says where it is not: checked before the content goes. */
static void check_words(struct run *u, struct book_result *r)
{
	const struct book *bk = u->bk;
	int *chap = xcalloc((size_t)bk->n + 1, sizeof(*chap)), nchap = 0;
	if (!u->ed->per_role) {
		for (int i = 0; i < bk->n; i++)
			if (model_has_chapter(bk, i))
				chap[nchap++] = i;
	} else {
		chap[nchap++] = u->role;
		if (u->o->edition == ED_REVIEW && u->next)
			chap[nchap++] = u->next;
	}
	struct words_count wc;
	words_check(bk, u->c, chap, nchap, &u->all, &u->po.g, u->d, &wc);
	r->words_in = wc.in;
	r->words_out = wc.out;
	r->words_warned = wc.warned;
	r->words_lost = wc.lost;
	free(chap);
}

/* The outline: the front matter's parts, then the chapters and their
 * sections.  Returns a malloc'd array of *n entries. */
static struct outline_entry *job_outline(struct run *u, int *n)
{
	struct outline_entry *ol = xcalloc((size_t)(u->bo.nol + u->gl.nol) + 3, sizeof(*ol));
	int nol = 0;
	if (u->ed->contents)
		ol[nol++] = (struct outline_entry){ 1, msg(MSG_CONTENTS), "#contents", -1 };
	if (u->since)
		ol[nol++] = (struct outline_entry){ 1, u->since_title, "#since", -1 };
	if (u->ed->contents) {
		if (strmap_get(u->folios, "#career-journey", NULL))
			ol[nol++] = (struct outline_entry){ 1, msg(MSG_CAREER_JOURNEY), "#career-journey", -1 };
		nol = append_entries(ol, nol, u->gl.ol, u->gl.nol);
	}
	*n = append_entries(ol, nol, u->bo.ol, u->bo.nol);
	return ol;
}

/* Where the PDF goes: -o, else DIR/NAME.pdf for an edition of one role,
 * else memory (NULL).  malloc'd. */
/* The file name of role chapter `chap`'s edition without its suffix: the
 * level file's name, or the configuration's editions.file_name template
 * ({track}-{code}, {name}, {title}, {org}) made safe for any file system:
 * letters, digits and '_' kept (and every non-ASCII byte), any other run
 * of characters one '-' between them, so no '/', '.' or leading '-'. */
static void role_file_name(const struct book_opts *o, const struct book *bk, const struct framework *fw,
                           const struct content *c, int chap, struct buf *out)
{
	const char *tmpl = o->config ? o->config->file_name : NULL;
	if (!tmpl) {
		framework_role_name(bk, c, chap, out);
		return;
	}
	struct buf name, raw;
	buf_init(&name);
	buf_init(&raw);
	framework_role_name(bk, c, chap, &name);
	const char *vals[CFG_F__MAX] = { 0 };
	vals[CFG_F_ORG] = bk->org;
	vals[CFG_F_TITLE] = bk->ch[chap].role;
	vals[CFG_F_TRACK] = framework_track(fw, chap);
	vals[CFG_F_CODE] = bk->ch[chap].code;
	vals[CFG_F_NAME] = buf_cstr(&name);
	config_expand(tmpl, vals, &raw);
	size_t start = out->len;
	int dash = 0;
	for (const char *p = buf_cstr(&raw); *p; p++) {
		unsigned char ch = (unsigned char)*p;
		int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		           ch == '_' || ch >= 0x80;
		if (keep && ch != '-') {
			if (dash)
				buf_addc(out, '-');
			buf_addc(out, (char)ch);
			dash = 0;
		} else if (out->len > start) {
			dash = 1;
		}
	}
	if (out->len == start) /* nothing usable: the level file's name */
		buf_adds(out, buf_cstr(&name));
	buf_done(&name);
	buf_done(&raw);
}

static char *output_path(const struct run *u)
{
	if (u->o->output)
		return xstrdup(u->o->output);
	if (!u->o->out_dir || !u->ed->per_role)
		return NULL;
	struct buf p;
	buf_init(&p);
	if (strcmp(u->o->out_dir, "."))
		buf_addf(&p, "%s/", u->o->out_dir);
	role_file_name(u->o, u->bk, u->fw, u->c, u->role, &p);
	buf_adds(&p, u->ed->suffix);
	return buf_detach(&p);
}

static void fill_result(const struct run *u, struct book_result *r)
{
	r->chapters = 0;
	for (int i = 0; i < u->bk->n; i++)
		r->chapters += model_has_chapter(u->bk, i);
	r->expectations = u->expectations;
	r->lines = u->L.stat_lines;
	r->hyphenated = u->L.stat_hyphenated;
	r->overfull = u->L.stat_overfull;
	r->worst_spacing = u->L.stat_worst;
	r->widows = u->st.widows;
	r->orphans = u->st.orphans;
	r->stranded = u->st.stranded;
	r->body_paginations = u->body_paginated;
}

/* --dump: the final pages as text (dump.h) instead of a PDF. */
static int dump_edition(struct run *u, struct book_result *r)
{
	char *path = output_path(u);
	if (!u->o->output && path) /* --all-roles: which edition each part of the stream is */
		fprintf(u->o->dump, "file %s\n", strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	free(path);
	r->pages = u->all.n;
	fill_result(u, r);
	if (dump_pages(u->o->dump, &u->all, u->po.g.width, u->po.g.height) != 0) {
		diag_error(u->d, NULL, 0, "cannot write the dump: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The pages to a PDF: built, the layout freed, then saved.  last_use: the
 * content's text and trees may go before the document is built, when a big
 * book peaks. */
static int write_pdf(struct run *u, int last_use, struct book_result *r)
{
	const struct book *bk = u->bk;
	check_words(u, r);
	if (u->o->no_pdf) { /* --check: everything a message can come from has run */
		r->pages = u->all.n;
		fill_result(u, r);
		return 0;
	}
	if (u->o->dump)
		return dump_edition(u, r);
	struct pdf_label labels[2] = { { 0, 1, 1 }, { u->nfront, 0, 1 } };
	struct pdf_job job;
	memset(&job, 0, sizeof(job));
	job.pages = &u->all;
	job.img = u->bo.img.v;
	job.nimg = u->bo.img.n;
	job.ol = job_outline(u, &job.nol);
	job.labels = u->nfront > 0 ? labels : &labels[1];
	job.nlabels = u->nfront > 0 ? 2 : 1;
	struct buf title;
	buf_init(&title);
	if (u->ed->title_kind)
		buf_addf(&title, "%s%s \xE2\x80\x94 %s", u->ed->title_kind, bk->ch[u->role].title, bk->title);
	else
		buf_adds(&title, bk->title);
	char *kw = keywords(bk), *path = output_path(u);
	struct buf subject; /* --for names the reader in the metadata too */
	buf_init(&subject);
	buf_adds(&subject, u->ed->subject);
	if (u->prepared[0])
		buf_addf(&subject, " \xE2\x80\x94 %s", u->prepared);
	job.meta = (struct pdf_meta){ buf_cstr(&title), bk->org, buf_cstr(&subject), kw,
		                          "handbook " HANDBOOK_VERSION, u->year, u->month, u->day,
		                          u->lang ? u->lang : "en-US" };
	job.standard = (enum pdf_standard)u->o->pdf_standard;
	job.page_w = u->po.g.width;
	job.page_h = u->po.g.height;
	struct pages_progress pgp = { u->o, bk->n };
	if (u->o->progress) {
		job.progress = pages_written;
		job.progress_ctx = &pgp;
	}
	if (last_use)
		content_release(u->c);
	int rc = -1;
	/* an error while laying out (an image linked out of the repository)
	 * means the PDF cannot be trusted: none is written */
	struct pdf_doc *doc = u->d->errors > u->errors_before ? NULL : pdf_build(&job, u->L.fonts, path, u->d);
	free((void *)job.ol);
	r->pages = u->all.n;
	fill_result(u, r);
	char *bytes = NULL;
	if (doc) {
		run_done(u);
		rc = pdf_save(doc, path, u->d, &bytes, &r->bytes);
	}
	if (rc == 0 && !path) {
		r->pdf = bytes;
		bytes = NULL;
	} else if (rc == 0) {
		rc = write_output(path, u->c, u->L.fonts, u->hyph_path, bytes, r->bytes, u->d);
	}
	free(bytes);
	if (rc == 0 && path) {
		r->path = path;
		path = NULL;
	}
	free(kw);
	free(path);
	buf_done(&title);
	buf_done(&subject);
	return rc;
}

/* One edition from the shared book: select, lay out the body, paginate,
 * index, front matter, PDF. */
static int make(const struct book_opts *o, struct shared *sh, int last_use, struct diags *d,
                struct book_result *r)
{
	struct run u;
	memset(r, 0, sizeof(*r));
	run_init(&u, o, sh, d);
	int rc = u.ed->per_role ? select_edition(&u, r) : 0;
	if (rc == 0) {
		u.ed->body(&u);
		u.ed->paginate(&u);
		if (u.ed->contents)
			add_index(&u);
		u.folios = strmap_new();
		settle_collect(&u.body, 0, u.body.n, u.folios);
		front_matter(&u);
		rc = write_pdf(&u, last_use, r);
	}
	run_done(&u);
	return rc;
}

int book_make(const struct book_opts *o, struct diags *d, struct book_result *r)
{
	struct content c;
	struct shared sh;
	memset(r, 0, sizeof(*r));
	int rc = -1;
	/* the patterns load on a second core while the content, fonts and model
	 * do: those of o->lang, or of LANG_DEFAULT, which the README's `lang:`
	 * (read with the content) may yet replace */
	struct book_opts oo = *o;
	char *guess = NULL;
	if (!o->hyph && !o->hyph_loading && !o->no_hyph) {
		char tag[LANG_TAG_MAX + 1];
		const char *pkg;
		if (!o->hyph_dict && lang_normalize(o->lang ? o->lang : LANG_DEFAULT, tag) == 0)
			oo.hyph_dict = guess = lang_hyph_find(LANG_HYPH_DIR, tag, &pkg);
		if (oo.hyph_dict)
			oo.hyph_loading = hyph_load_async(oo.hyph_dict);
	}
	memset(&sh, 0, sizeof(sh));
	sh.o = &oo;
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors && shared_init(&sh, &oo, &c, d) == 0)
		rc = make(&oo, &sh, 1, d, r);
	shared_done(&sh);
	content_done(&c);
	free(guess);
	return rc;
}

int book_make_from(const struct book_opts *o, struct content *c, struct diags *d,
                   struct book_result *r)
{
	struct shared sh;
	int rc = -1;
	memset(r, 0, sizeof(*r));
	if (shared_init(&sh, o, c, d) == 0)
		rc = make(o, &sh, 0, d, r);
	shared_done(&sh);
	return rc;
}

/* --all-roles forks workers only with at least this many roles for each:
 * a fork and its copied pages cost about as much as a small role. */
#define ROLES_PER_WORKER 4

/* --all-roles: every role's edition, made here or in a forked worker. */
struct roles_job {
	struct book_opts *ro;
	struct shared *sh;
	struct content *c;
	struct diags *d;           /* every role's messages, merged */
	struct book_result *res;   /* one per role */
	int failed;                /* 1: some role's PDF was not written */
};

static int make_role(struct roles_job *j, int i, struct diags *d, struct book_result *r)
{
	const struct fw_role *role = &j->sh->fw.roles[i];
	j->ro->role = j->c->v[j->sh->bk.ch[role->chapter].src].name; /* the exact file name: never ambiguous */
	j->ro->role_chapter = role->chapter;                          /* no search by name: linear */
	return make(j->ro, j->sh, 0, d, r);
}

/* par_fork: role i made in a worker, its result and messages packed as
 * "rc pages chapters bytes lines hyphenated overfull worst widows orphans
 * stranded expectations words_in words_out words_warned words_lost pathlen\n"
 * then the path and diags_pack's bytes. */
static void role_in_child(void *ctx, int i, struct buf *out)
{
	struct roles_job *j = ctx;
	struct book_result r;
	struct diags one;
	diags_init(&one);
	int rc = make_role(j, i, &one, &r);
	buf_addf(out, "%d %d %d %zu %ld %ld %ld %.17g %d %d %d %d %ld %ld %ld %ld %zu\n", rc, r.pages, r.chapters,
	         r.bytes, r.lines, r.hyphenated, r.overfull, r.worst_spacing, r.widows, r.orphans, r.stranded,
	         r.expectations, r.words_in, r.words_out, r.words_warned, r.words_lost, r.path ? strlen(r.path) : 0);
	if (r.path)
		buf_adds(out, r.path);
	diags_pack(&one, out);
	diags_done(&one);
	book_result_done(&r);
}

/* par_fork: a worker's answer for role i, read back into the job. */
static void role_taken(void *ctx, int i, const char *s, size_t len)
{
	struct roles_job *j = ctx;
	struct book_result *r = &j->res[i];
	const char *end = s + len, *nl = s ? memchr(s, '\n', len) : NULL;
	int rc = -1;
	size_t pl = 0;
	if (!nl || sscanf(s, "%d %d %d %zu %ld %ld %ld %lg %d %d %d %d %ld %ld %ld %ld %zu", &rc, &r->pages,
	                  &r->chapters, &r->bytes, &r->lines, &r->hyphenated, &r->overfull, &r->worst_spacing,
	                  &r->widows, &r->orphans, &r->stranded, &r->expectations, &r->words_in, &r->words_out,
	                  &r->words_warned, &r->words_lost, &pl) != 17 ||
	    pl > (size_t)(end - nl - 1)) {
		const struct fw_role *role = &j->sh->fw.roles[i];
		diag_error(j->d, j->c->v[j->sh->bk.ch[role->chapter].src].name, 0,
		           "the worker making this role's edition stopped; no PDF was written for it");
		j->failed = 1;
		return;
	}
	s = nl + 1;
	if (pl)
		r->path = xstrndup(s, pl);
	s += pl;
	if (rc != 0)
		j->failed = 1;
	if (diags_unpack(j->d, &s, end) != 0)
		j->failed = 1;
}

int book_make_all_roles(const struct book_opts *o, const char *dir, struct diags *d,
                        struct book_result **res, int *nres)
{
	struct content c;
	struct shared sh;
	struct book_opts ro = *o;
	struct config cfg_plain; /* the configuration without its file-name template */
	*res = NULL;
	*nres = 0;
	memset(&sh, 0, sizeof(sh));
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
	/* the book, the framework, the faces and the patterns: once for every role */
	if (shared_init(&sh, o, &c, d) != 0)
		goto done;
	ro.edition = o->edition == ED_REVIEW ? ED_REVIEW : ED_ROLE; /* --all-reviews, --all-roles */
	ro.output = NULL;
	ro.out_dir = dir;
	if (o->config && o->config->file_name) {
		/* a template that names two roles alike would write one file twice:
		 * then every file keeps its level file's name */
		struct strmap *seen = strmap_new();
		int clash = 0;
		for (int i = 0; i < sh.fw.n && !clash; i++) {
			struct buf b;
			buf_init(&b);
			role_file_name(o, &sh.bk, &sh.fw, &c, sh.fw.roles[i].chapter, &b);
			clash = strmap_get(seen, buf_cstr(&b), NULL);
			if (clash)
				diag_warn(d, o->config->path, 0, "editions.file_name gives two roles the name '%.80s'; the "
				          "level files' names are used", buf_cstr(&b));
			strmap_put(seen, buf_cstr(&b), i);
			buf_done(&b);
		}
		strmap_free(seen);
		if (clash) {
			cfg_plain = *o->config;
			cfg_plain.file_name = NULL;
			ro.config = &cfg_plain;
		}
	}
	*res = xcalloc((size_t)(sh.fw.n ? sh.fw.n : 1), sizeof(**res));
	struct roles_job job = { &ro, &sh, &c, d, *res, 0 };
	*nres = sh.fw.n;
	int workers = o->jobs > 0 ? o->jobs : par_workers();
	if (workers > sh.fw.n / ROLES_PER_WORKER)
		workers = sh.fw.n / ROLES_PER_WORKER;
	if (o->stamp) { /* read once here: workers would each wait on the one stamp child */
		struct book_opts so = *o;
		o->stamp(o->stamp_ctx, &so.year, &so.month, &so.day, &so.version);
	}
	/* a dump is one ordered stream: made here, in order */
	if (o->dump || workers < 2 || par_fork(sh.fw.n, workers, role_in_child, role_taken, &job) != 0)
		for (int i = 0; i < sh.fw.n; i++) {
			struct diags one;
			diags_init(&one);
			if (make_role(&job, i, &one, &(*res)[i]) != 0)
				job.failed = 1;
			diags_merge(d, &one);
			diags_done(&one);
		}
	rc = job.failed ? -1 : 0;
done:
	shared_done(&sh);
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

int book_explain(const struct book_opts *o, struct diags *d, char **text)
{
	struct content c;
	struct shared sh;
	struct buf b;
	buf_init(&b);
	memset(&sh, 0, sizeof(sh));
	*text = NULL;
	int rc = -1;
	struct book_opts oo = *o;
	oo.no_hyph = 1; /* nothing is laid out */
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors && shared_init(&sh, &oo, &c, d) == 0) {
		explain_write(&sh.bk, &c, &sh.fw, &b);
		buf_cstr(&b);
		*text = buf_detach(&b);
		rc = 0;
	}
	shared_done(&sh);
	content_done(&c);
	buf_done(&b);
	return rc;
}

/* One edition laid out for book_check, its messages kept once. */
static int check_one(const struct book_opts *o, struct shared *sh, struct diags *d)
{
	struct diags one;
	struct book_result r;
	diags_init(&one);
	int rc = make(o, sh, 0, &one, &r);
	book_result_done(&r);
	diags_merge(d, &one);
	diags_done(&one);
	return rc;
}

int book_check(const struct book_opts *o, struct diags *d, int *editions)
{
	struct content c;
	struct shared sh;
	struct book_opts ro = *o;
	memset(&sh, 0, sizeof(sh));
	*editions = 0;
	int rc = -1;
	ro.output = NULL;
	ro.out_dir = NULL;
	ro.no_pdf = 1;
	ro.progress = NULL;
	/* the book, framework, fonts and patterns once, for every edition */
	if (content_load(&c, o->content_dir, d) != 0 || d->errors || shared_init(&sh, &ro, &c, d) != 0)
		goto done;
	ro.edition = ED_HANDBOOK;
	rc = check_one(&ro, &sh, d);
	(*editions)++;
	for (int i = 0; i < sh.fw.n; i++) {
		ro.role = c.v[sh.bk.ch[sh.fw.roles[i].chapter].src].name; /* the exact name: never ambiguous */
		for (int e = ED_ROLE; e <= ED_REVIEW; e++) {
			ro.edition = (enum edition_kind)e;
			if (check_one(&ro, &sh, d) != 0)
				rc = -1;
			(*editions)++;
		}
	}
done:
	shared_done(&sh);
	content_done(&c);
	return rc;
}

int book_list_roles(const char *content_dir, struct diags *d, struct book_role_info **v, int *n)
{
	struct content c;
	struct shared sh;
	struct book_opts o;
	memset(&o, 0, sizeof(o));
	memset(&sh, 0, sizeof(sh));
	o.content_dir = content_dir;
	o.fonts = NULL;
	*v = NULL;
	*n = 0;
	int rc = -1;
	if (content_load(&c, content_dir, d) != 0 || d->errors)
		goto done;
	/* the model alone: no fonts, no patterns */
	model_build(&sh.bk, &c, NULL, d);
	framework_build(&sh.fw, &sh.bk, &c, d);
	*v = xcalloc((size_t)(sh.fw.n ? sh.fw.n : 1), sizeof(**v));
	for (int i = 0; i < sh.fw.n; i++) {
		const struct fw_role *ro = &sh.fw.roles[i];
		const struct chapter *ch = &sh.bk.ch[ro->chapter];
		struct book_role_info *ri = &(*v)[(*n)++];
		ri->file = xstrdup(c.v[ch->src].name);
		ri->code = ch->code ? xstrdup(ch->code) : NULL;
		ri->title = xstrdup(ch->role ? ch->role : ch->title);
		ri->track = ro->track ? xstrdup(ro->track) : NULL;
		ri->rank = ro->level < 0 ? -1 : ro->level / LEVEL_SUB; /* the level number: 3 for 3a */
		ri->next = ro->next > 0 ? xstrdup(c.v[sh.bk.ch[ro->next].src].name) : NULL;
	}
	rc = 0;
	framework_done(&sh.fw);
	model_done(&sh.bk);
done:
	content_done(&c);
	return rc;
}

void book_roles_free(struct book_role_info *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].code);
		free(v[i].title);
		free(v[i].track);
		free(v[i].next);
	}
	free(v);
}
