/* book.c: the pipeline in order.  Each stage is a module; this file only
 * wires them: content -> model -> edition (what goes in) -> build (body)
 * -> paginate with the index (settle.c: page numbers settled) -> front matter
 * (bookfront.c, now that page numbers are known) -> decorate -> pdf
 * (bookout.c).  bookroles.c makes every role's edition, bookcheck.c the
 * runs that write no PDF; bookrun.h is what they share.
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
#include "bookrun.h"
#include "messages.h"
#include "compare.h"
#include "index.h"
#include "paragraph.h"
#include "since.h"
#include "settle.h"
#include "worksheet.h"

#include <stdlib.h>
#include <string.h>

/* Copies n outline entries (from may be NULL when n is 0) to to[at...];
 * returns the new count. */
int book_append_entries(struct outline_entry *to, int at, const struct outline_entry *from, int n)
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
struct pg_opts book_diagram_page(const struct pg_opts *po, int landscape)
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
struct dg_areas book_diagram_areas(const struct pg_opts *po)
{
	struct dg_areas a;
	for (int k = 0; k < 2; k++) {
		struct pg_opts dpo = book_diagram_page(po, k);
		a.w[k] = pg_text_width(&dpo);
		a.h[k] = pg_text_height(&dpo);
	}
	return a;
}

/* Resolves o->role; marks every chapter the edition leaves out.  Returns
 * 0, or BOOK_EROLE with r->roles filled and an error in d. */
static int select_edition(struct run *u, struct book_result *r)
{
	const struct book_opts *o = u->o;
	struct model *bk = u->bk;
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
	struct dg_areas a = book_diagram_areas(&u->po);
	vlist_done(vl);
	diagram_layout(&u->L, u->fw, u->role, u->bk, folios, &a, vl, &u->dg);
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

/* The chapters' pages, just broken: the index's marks on them become
 * destinations whose numbers the index's layout reads. */
static void index_paged(void *ctx, struct pages *pages)
{
	struct run *u = ctx;
	index_collect(u->ix, u->bk, pages, 0, pages->n, u->d);
}

/* The handbook's index, with the numbers of the pages its terms are on:
 * the settle loop's part after the chapters.  Its lines count once, as
 * the last layout set them. */
struct index_ctx {
	struct run *u;
	struct lstats lines; /* of the last layout */
};

static void index_relayout(void *ctx, const struct strmap *folios, struct vlist *vl)
{
	struct index_ctx *ic = ctx;
	struct run *u = ic->u;
	vlist_done(vl);
	memset(&ic->lines, 0, sizeof(ic->lines));
	index_resolve(u->ix, folios);
	index_layout(&u->L, u->ix, &ic->lines, u->bopt.width, u->bopt.height, vl);
}

/* The handbook's body pages: "Levels at a glance" first, right after the
 * journey, then the chapters (duplex: on a right-hand page), then the
 * index (duplex: on a right-hand page).  The chapters are paginated once;
 * the glance's length only renumbers them. */
static void body_handbook(struct run *u, struct build_out *gl, struct pages *body, struct pg_stats *st)
{
	struct settle_part p[3];
	memset(p, 0, sizeof(p));
	p[0] = (struct settle_part){ .layout = glance_relayout, .ctx = u, .vl = &gl->vl, .po = &u->po };
	p[1] = (struct settle_part){ .vl = &u->bo.vl, .po = &u->po, .odd = 1, .stats = 1 };
	struct index_ctx ic = { .u = u };
	p[2] = (struct settle_part){ .layout = index_relayout, .ctx = &ic, .vl = &u->iv, .po = &u->po, .odd = 1 };
	if (u->ix) {
		p[1].paged = index_paged;
		p[1].ctx = u;
	}
	u->L.ix = NULL; /* what is set from here on is not in the index */
	struct strmap *folios = strmap_new();
	int from = u->have_dg ? 0 : 1, to = u->ix ? 3 : 2; /* no roles: no glance; no terms read: no index */
	settle_run(p + from, to - from, 1, folios, st);
	lstats_add(&u->L.stats, &ic.lines);
	u->body_paginated = p[1].paginated;
	strmap_free(folios);
	u->glance_pages = p[0].pages.n;
	if (p[2].pages.n)
		add_outline(&u->bo, 1, msg(MSG_INDEX), "#index");
	settle_take(p + from, to - from, body);
	settle_done(p, 3);
}

/* ---- the editions as data ---- */

/* The handbook's index terms, read before the body is laid out: each
 * paragraph is marked with them as it is set (index_mark). */
static void read_index_terms(struct run *u)
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
	u->L.ix = u->ix;
}

/* 1 when the README holds nothing but its title (a ladder cut out of it
 * whole, split.h): a chapter of one heading would be an empty page. */
static int readme_bare(const struct run *u)
{
	if (u->bk->n < 2)
		return 0;
	for (cmark_node *n = cmark_node_first_child(u->c->v[u->bk->ch[0].src].root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) != 1)
			return 0;
	return 1;
}

static void body_handbook_chapters(struct run *u)
{
	read_index_terms(u);
	if (readme_bare(u))
		model_omit_chapter(u->bk, 0);
	for (int i = 0; i < u->bk->n; i++) {
		if (!model_has_chapter(u->bk, i))
			continue;
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

int book_shared_init(struct shared *sh, const struct book_opts *o, struct content *c, struct diags *d)
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
	/* the configured title over the README's */
	model_build(&sh->bk, c, o->org, o->config ? o->config->title : NULL, d);
	if (o->since)
		sh->since = since_new(o->since, c, &sh->bk);
	shared_lang(sh, o, d);
	msg_set_lang(sh->lang); /* the book's own words: headings, labels, the edition date */
	sh->have_fw = framework_build(&sh->fw, &sh->bk, c, d) == 0 && sh->fw.n > 0;
	sh->dg_memo = diagram_memo_new(sh->fw.n);
	if (o->config && (o->config->leave_out || o->config->leave_out_text)) {
		/* the configured README rule over the built-in one */
		sections_public_done(&sh->fw.pub);
		sections_public_rule(&sh->bk, c, o->config->leave_out, o->config->leave_out_text, &sh->fw.pub);
	}
	sh->ready = 1;
	return 0;
}

void book_shared_done(struct shared *sh)
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
void book_run_done(struct run *u)
{
	struct pages *pp[3] = { &u->front, &u->body, &u->all };
	bookout_release(u, &u->arena, &u->ix, pp, &u->gl, &u->iv, &u->folios);
	para_release(&u->L);
	model_include_all(u->bk); /* the next edition starts from the whole book */
}

/* One edition from the shared book: select, lay out the body, paginate
 * (with the index), front matter, PDF. */
int book_run(const struct book_opts *o, struct shared *sh, int last_use, struct diags *d,
                struct book_result *r)
{
	struct run u;
	memset(r, 0, sizeof(*r));
	run_init(&u, o, sh, d);
	int rc = u.ed->per_role ? select_edition(&u, r) : 0;
	if (rc == 0) {
		u.ed->body(&u);
		u.ed->paginate(&u);
		u.folios = strmap_new();
		settle_collect(&u.body, 0, u.body.n, u.folios);
		front_matter(&u);
		rc = bookout_write(&u, last_use, r);
	}
	book_run_done(&u);
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
	if (content_load(&c, o->content_dir, d) == 0 && !d->errors && book_shared_init(&sh, &oo, &c, d) == 0)
		rc = book_run(&oo, &sh, 1, d, r);
	book_shared_done(&sh);
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
	if (book_shared_init(&sh, o, c, d) == 0)
		rc = book_run(o, &sh, 0, d, r);
	book_shared_done(&sh);
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

