/* bookfront.c: the front matter, once the body's page numbers are known:
 * the handbook's title page, contents, --since list and career journey
 * (settled by settle.c's loop), an edition's cover, and the edition date,
 * logo and marks they show; then the body's pages decorated.  book.c calls
 * front_book or front_cover (the edition table's front) through
 * front_matter. */
#include "bookrun.h"
#include "messages.h"
#include "since.h"
#include "settle.h"
#include "frontpages.h"

#include <stdlib.h>
#include <string.h>
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

/* Moves pages of `from` to the end of `to`. */
static void append_pages(struct pages *to, struct pages *from)
{
	for (int i = 0; i < from->n; i++)
		*pages_add(to) = from->v[i];
	free(from->v);
	memset(from, 0, sizeof(*from));
}

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
	fp_list(&u->L, u->since_title, "#since", buf_cstr(&intro), ol, n, folios, u->bopt.width, sv);
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

/* Turns the landscape diagram pages and decorates the body. */
static void decorate_body(struct run *u, struct pages *body)
{
	int dp = u->have_dg && u->dg.landscape && u->dg_in_body ? page_of(body, "#career-journey") : -1;
	if (dp < 0) {
		pg_decorate(&u->L, &u->po, body, 0, body->n);
		return;
	}
	struct pg_opts dpo = book_diagram_page(&u->po, 1);
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
	fp_title_page(&u->L, cc->ti, u->bopt.width, u->bopt.height, vl);
	cover_end(u, &saved, NULL);
	fp_contents(&u->L, cc->fol, cc->nfol, folios, u->bopt.width, vl);
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
	nfol = book_append_entries(fol, nfol, gl->ol, gl->nol);
	nfol = book_append_entries(fol, nfol, u->bo.ol, u->bo.nol);
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
		struct dg_areas a = book_diagram_areas(po);
		diagram_layout(L, u->fw, 0, u->bk, folios, &a, &dv, &u->dg);
		dpo = book_diagram_page(po, u->dg.landscape);
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

/* An edition's front matter: its cover, page i (in duplex with its blank back). */
static void front_edition(struct run *u, const char *edition, const char *version,
                          struct strmap *folios, struct pages *front)
{
	const struct model *bk = u->bk;
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
	fp_cover(&u->L, &ci, u->bo.ol, u->bo.nol, folios, u->bopt.width, u->bopt.height, &fv);
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

void front_book(struct run *u)
{
	const struct config *cf = u->o->config;
	struct title_info ti = { u->bk->title, u->bk->org, u->edition, u->version[0] ? u->version : NULL,
		                     cf && cf->subtitle ? cf->subtitle : msg(MSG_SUBTITLE),
		                     u->prepared[0] ? u->prepared : NULL, u->logo.kind == DL_IMAGE ? &u->logo : NULL };
	front_handbook(u, &ti, u->folios, &u->front, &u->gl);
}

void front_cover(struct run *u)
{
	front_edition(u, u->edition, u->version[0] ? u->version : NULL, u->folios, &u->front);
}

/* The edition date and version, then the front matter, then every page decorated. */
void front_matter(struct run *u)
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
