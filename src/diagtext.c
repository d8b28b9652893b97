/* diagtext.c: the text of the diagram's boxes: set in a style, fitted to
 * a box at the largest scale that fits (fit_scale, box_scales), abbreviated
 * when a title is too long (abbreviate), and remembered across the
 * editions of a run (struct dg_memo), so that --all-roles sets each box
 * once.  diagram.c lays out the grid and draws; diagtext.h is their
 * shared part. */
#include "diagtext.h"
#include "box.h"
#include "messages.h"
#include "style.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Sets s in one style at `width`, its lines counted in st (para.stats;
 * NULL: the book's) and messages naming file.  Returns the number of
 * lines, or -1 when a word is wider than the width (unless force, which
 * breaks it).  Trial settings count apart, so --stats counts what is drawn. */
int dt_set_text(struct lctx *L, const char *file, struct lstats *st, const char *s, int face, fx size,
                uint32_t rgb, fx width, enum align al, int force, struct pline **ln)
{
	struct span_style sp = { face, size, rgb, SP_NOHYPH, NULL };
	return para_set_string(L, file, st, s, &sp, width, al, !force, ln);
}

/* 1 when every text item of the lines lies within [0, width]. */
static int lines_fit(const struct pline *ln, int n, fx width)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ln[i].n; k++) {
			const struct dl_item *t = &ln[i].items[k];
			if (t->kind == DL_TEXT && (t->x < 0 || t->x + t->w > width))
				return 0;
		}
	return 1;
}

/* Copies a line's text items to out at (x, y), dropping any that would leave
 * [x, x + width]; returns how many were dropped. */
static int emit_line(struct dl_items *o, const struct pline *l, fx x, fx y, fx width)
{
	int dropped = 0;
	for (int k = 0; k < l->n; k++) {
		const struct dl_item *t = &l->items[k];
		if (t->kind == DL_TEXT && (t->x < 0 || t->x + t->w > width)) {
			dropped++;
			continue;
		}
		struct dl_item *c = dl_items_add(o, t->kind);
		*c = *t;
		c->x += x;
		c->y += y;
	}
	return dropped;
}

/* Sets s into the rectangle (x, y, w, h), top-aligned, at the largest scale
 * from 1000 down to min_scale (per mille) at which it fits, and returns the
 * height used.  When it does not fit even at min_scale: with clip, it is set
 * at min_scale and what does not fit is left out; without, nothing is set
 * and the result is -1. */
fx dt_fit_text(struct lctx *L, struct lstats *st, const char *s, int face, fx size, uint32_t rgb,
               enum align al, fx x, fx y, fx w, fx h, int min_scale, int clip, struct dl_items *out)
{
	struct pline *ln = NULL;
	int n = -1;
	for (int scale = 1000; scale >= min_scale; scale -= DG_SCALE_STEP) {
		struct lstats trial = { 0 };
		fx sz = (fx)((int64_t)size * scale / 1000);
		n = dt_set_text(L, NULL, &trial, s, face, sz, rgb, w, al, 0, &ln);
		if (n >= 0 && (fx)n * STYLE_LEADING(sz) <= h && lines_fit(ln, n, w)) {
			lstats_add(st ? st : &L->stats, &trial);
			break;
		}
		n = -1;
	}
	if (n < 0 && !clip)
		return -1;
	if (n < 0)
		n = dt_set_text(L, NULL, st, s, face, (fx)((int64_t)size * min_scale / 1000), rgb, w, al, 1, &ln);
	fx used = 0;
	for (int i = 0; i < n && used + ln[i].h <= h; i++) {
		emit_line(out, &ln[i], x, y + used, w);
		used += ln[i].h;
	}
	return used;
}


/* Sets a box's text at scale (per mille) in an inner area iw x ih.  Returns
 * 1 when it all fits; *need is the height it takes (-1 when some word is
 * too wide).  Appends the items at (0, 0) to out; with force, sets what
 * fits even when not all does.  *dropped counts text items left out; the
 * lines count in *st. */
static int box_text_in(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, int force,
                       struct dl_items *out, fx *need, int *dropped, struct lstats *st)
{
	const char *file = bt->role ? bt->role->file : NULL;
	fx cs = (fx)((int64_t)DG_CODE_SIZE * scale / 1000);
	fx ts = (fx)((int64_t)DG_TITLE_SIZE * scale / 1000);
	fx ps = (fx)((int64_t)DG_PAGE_SIZE * scale / 1000);
	ps = ps < DG_READ_SIZE ? DG_READ_SIZE : ps; /* the smallest box text; the title is larger */
	fx gap = (fx)((int64_t)PT(4) * scale / 1000);
	struct pline *cl = NULL, *pl = NULL, *tl = NULL;
	int nc = 0, np = 0, nt;
	int ok = 1;
	fx code_right = 0, page_left = iw;
	*need = -1;
	*dropped = 0;
	if (bt->code) {
		nc = dt_set_text(L, file, st, bt->code, FACE_BOLD, cs, STYLE_HEADING_RGB, iw, AL_LEFT, force, &cl);
		if (nc != 1 || !lines_fit(cl, nc, iw))
			ok = 0;
		for (int k = 0; nc > 0 && k < cl[0].n; k++)
			if (cl[0].items[k].kind == DL_TEXT && cl[0].items[k].x + cl[0].items[k].w > code_right)
				code_right = cl[0].items[k].x + cl[0].items[k].w;
	}
	if (bt->page) {
		np = dt_set_text(L, file, st, bt->page, FACE_REGULAR, ps, STYLE_MUTED_RGB, iw, AL_RIGHT, force, &pl);
		if (np != 1 || !lines_fit(pl, np, iw))
			ok = 0;
		for (int k = 0; np > 0 && k < pl[0].n; k++)
			if (pl[0].items[k].kind == DL_TEXT && pl[0].items[k].x < page_left)
				page_left = pl[0].items[k].x;
		if (bt->code && code_right + gap > page_left)
			ok = 0;
	}
	fx hh = bt->code ? STYLE_LEADING(cs) : bt->page ? STYLE_LEADING(ps) : 0;
	fx hgap = hh ? (fx)((int64_t)PT(1.5) * scale / 1000) : 0;
	nt = dt_set_text(L, file, st, bt->title, FACE_REGULAR, ts, STYLE_TEXT_RGB, iw, AL_LEFT, force, &tl);
	if (nt < 0 || !lines_fit(tl, nt, iw))
		ok = 0;
	if (ok)
		*need = hh + hgap + (fx)nt * STYLE_LEADING(ts);
	if (hh > ih || (ok && *need > ih))
		ok = 0;
	if (hh <= ih) {
		fx base = 0;
		if (nc > 0) {
			*dropped += emit_line(out, &cl[0], 0, 0, iw);
			for (int k = 0; k < cl[0].n; k++)
				if (cl[0].items[k].kind == DL_TEXT)
					base = cl[0].items[k].y;
		}
		if (np > 0 && (!bt->code || code_right + gap <= page_left)) {
			int first = out->n;
			*dropped += emit_line(out, &pl[0], 0, 0, iw);
			if (nc > 0) /* share the code's baseline */
				for (int k = first; k < out->n; k++)
					out->v[k].y = base;
		} else if (np > 0) {
			(*dropped)++;
		}
	}
	fx used = hh + hgap;
	for (int i = 0; i < nt; i++) {
		if (used + tl[i].h > ih) {
			*dropped += nt - i;
			break;
		}
		*dropped += emit_line(out, &tl[i], 0, used, iw);
		used += tl[i].h;
	}
	return ok;
}

/* One setting of a box's text, kept for the run. */
struct memo_entry {
	int scale, force;       /* the key, with iw, ih, title and page */
	fx iw, ih;
	const char *title;      /* memo-owned: abbreviated titles vary */
	const char *page;       /* memo-owned, or NULL */
	int ok, dropped;
	fx need;
	struct dl_item *items;  /* at (0, 0); memo-owned, strings too */
	int n;
	struct lstats st;       /* what setting it added to the line statistics */
};

/* The largest scale that fits, searched from `from` (fit_scale). */
struct memo_fit {
	int from, scale;
	fx iw, ih;
	const char *title;      /* memo-owned */
	const char *page;       /* memo-owned, or NULL */
};

enum abbr { ABBR_TRACK, ABBR_WORDS, ABBR__MAX };

/* What one role's box was set as. */
struct role_memo {
	struct memo_entry *v;
	int n, cap;
	struct memo_fit *f;
	int nf, capf;
	const char *abbr_of;          /* the title abbr[] shortens (memo arena), or NULL */
	const char *abbr[ABBR__MAX];  /* its abbreviations, NULL: none (memo arena) */
};

/* Box text settings kept across the editions of one run.  --all-roles draws
 * every box in every role's diagram, at several trial scales each: setting
 * them anew was most of its time, growing with the square of the roles.
 * A role is set at a few sizes only, so its settings are a short list. */
struct dg_memo {
	struct role_memo *r;    /* by role index */
	int nr;
	struct arena *arena;
};

struct dg_memo *diagram_memo_new(int roles)
{
	struct dg_memo *m = xcalloc(1, sizeof(*m));
	m->nr = roles;
	m->r = xcalloc((size_t)(roles ? roles : 1), sizeof(*m->r));
	m->arena = arena_new();
	return m;
}

void diagram_memo_free(struct dg_memo *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nr; i++) {
		free(m->r[i].v);
		free(m->r[i].f);
	}
	free(m->r);
	arena_free(m->arena);
	free(m);
}

/* 1 when two optional strings say the same. */
static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The memo of bt's role, or NULL when there is none. */
static struct role_memo *role_memo(const struct lctx *L, const struct boxtext *bt)
{
	struct dg_memo *m = L->dg_memo;
	return m && bt->idx >= 0 && bt->idx < m->nr ? &m->r[bt->idx] : NULL;
}

static const char *memo_page(struct lctx *L, const char *page)
{
	return page ? arena_strndup(L->dg_memo->arena, page, strlen(page)) : NULL;
}

/* 1 when nothing was added to the messages since the counts in c. */
static int quiet_since(const struct diags *d, const int c[3])
{
	return d->n == c[0] && d->errors == c[1] && d->warnings == c[2];
}

/* Sets the box text as box_text_in does, from the memo when this role's box
 * was set the same way before; keeps the setting when keep.  A setting that
 * drew a message is never kept, so each edition reports it as it did. */
static const struct memo_entry *box_text_memo(struct lctx *L, const struct boxtext *bt, int scale,
                                              fx iw, fx ih, int force, int keep,
                                              struct memo_entry *tmp, struct dl_items *scratch)
{
	struct role_memo *rm = role_memo(L, bt);
	for (int k = 0; rm && k < rm->n; k++) {
		const struct memo_entry *e = &rm->v[k];
		if (e->scale == scale && e->force == force && e->iw == iw && e->ih == ih &&
		    same_str(e->page, bt->page) && same_str(e->title, bt->title))
			return e;
	}
	int counts[3] = { L->d->n, L->d->errors, L->d->warnings };
	scratch->n = 0;
	*tmp = (struct memo_entry){ .scale = scale, .force = force, .iw = iw, .ih = ih };
	tmp->ok = box_text_in(L, bt, scale, iw, ih, force, scratch, &tmp->need, &tmp->dropped, &tmp->st);
	tmp->items = scratch->v;
	tmp->n = scratch->n;
	if (!rm || !keep || !quiet_since(L->d, counts))
		return tmp;
	struct arena *a = L->dg_memo->arena;
	GROW(rm->v, rm->cap, rm->n + 1);
	struct memo_entry *e = &rm->v[rm->n++];
	*e = *tmp;
	e->page = memo_page(L, bt->page);
	e->title = memo_page(L, bt->title);
	e->items = scratch->n ? arena_memdup(a, scratch->v, sizeof(*scratch->v) * (size_t)scratch->n) : NULL;
	for (int k = 0; k < e->n; k++)
		if (e->items[k].str)
			e->items[k].str = arena_strndup(a, e->items[k].str, (size_t)e->items[k].len);
	return e;
}

/* A box's text, measured (out NULL) or drawn at (x, y), with messages (a
 * word too wide, say) naming the role's file.  With keep, the setting is
 * kept for the editions to come (not for trial scales: fit_scale keeps
 * their outcome). */
int dt_box_text(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, fx x, fx y,
                int force, int keep, struct dl_items *out, fx *need)
{
	struct memo_entry tmp;
	struct dl_items scratch = { 0 };
	const struct memo_entry *e = box_text_memo(L, bt, scale, iw, ih, force, keep, &tmp, &scratch);
	*need = e->need;
	if (out) {
		for (int k = 0; k < e->n; k++) {
			struct dl_item *c = dl_items_add(out, e->items[k].kind);
			*c = e->items[k];
			c->x += x;
			c->y += y;
		}
		lstats_add(&L->stats, &e->st); /* drawn: its lines count */
		if (e->dropped)
			diag_warn_at(L->d, bt->role->file, bt->role->line, bt->role->column,
			             "career-journey diagram: the title '%s' does not fit its box; "
			             "part of it is left out", bt->title);
	}
	int ok = e->ok;
	dl_items_done(&scratch);
	return ok;
}

/* The largest scale from `from` down, in DG_SCALE_STEP steps, at which the
 * box's text fits; below DG_SCALE_MIN when none does.  Kept in the memo
 * unless the search drew a message.  Smaller text fits at least as well
 * (each line's words shrink with it), so after `from` itself the steps
 * are searched by halving: a thousand small boxes tried every step cost
 * 23 settings each, a third of a --role on 1,000 level files. */
static int fit_scale(struct lctx *L, const struct boxtext *bt, int from, fx iw, fx ih)
{
	struct role_memo *rm = role_memo(L, bt);
	for (int k = 0; rm && k < rm->nf; k++) {
		const struct memo_fit *f = &rm->f[k];
		if (f->from == from && f->iw == iw && f->ih == ih && same_str(f->page, bt->page) &&
		    same_str(f->title, bt->title))
			return f->scale;
	}
	int counts[3] = { L->d->n, L->d->errors, L->d->warnings };
	fx need;
	int s = from;
	if (!dt_box_text(L, bt, s, iw, ih, 0, 0, 0, 0, NULL, &need)) {
		/* steps from `from`: hi does not fit; lo is the first step below
		 * DG_SCALE_MIN, which stands for "none fits" */
		int hi = 0, lo = (from - DG_SCALE_MIN) / DG_SCALE_STEP + 1;
		while (lo - hi > 1) {
			int mid = hi + (lo - hi) / 2;
			if (dt_box_text(L, bt, from - mid * DG_SCALE_STEP, iw, ih, 0, 0, 0, 0, NULL, &need))
				lo = mid;
			else
				hi = mid;
		}
		s = from - lo * DG_SCALE_STEP;
	}
	if (rm && quiet_since(L->d, counts)) {
		GROW(rm->f, rm->capf, rm->nf + 1);
		rm->f[rm->nf++] = (struct memo_fit){ from, s, iw, ih, memo_page(L, bt->title),
		                                     memo_page(L, bt->page) };
	}
	return s;
}

/* Abbreviations a title too long for its box is given, in order. */

/* Abbreviations a title too long for its box is given, in order. */
/* Words of a track name that its initials leave out. */
static int minor_word(const char *w, size_t n)
{
	static const char *const minor[] = { "and", "of", "the", "for", "&" };
	for (size_t i = 0; i < sizeof(minor) / sizeof(*minor); i++)
		if (strlen(minor[i]) == n && !strncasecmp(w, minor[i], n))
			return 1;
	return 0;
}

/* The words of s (runs between spaces): starts in w, lengths in len. */
static int split_words(const char *s, const char **w, size_t *len, int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		w[n] = s;
		len[n++] = (size_t)(e - s);
		s = e;
	}
	return n;
}

/* Words a title is abbreviated over: more make no box title. */
#define DG_ABBR_MAX_WORDS 32
/* ABBR_WORDS: words longer than this many characters keep DG_ABBR_KEEP and a period. */
#define DG_ABBR_LONG 8
#define DG_ABBR_KEEP 5

/* A shorter title, or NULL when the rule changes nothing (arena string).
 * ABBR_TRACK: the words the title shares with its track's name (set above
 * the row) become their initials ("Associate Machine Learning Research
 * Engineer" in "Machine Learning Research" -> "Associate MLR Engineer").
 * ABBR_WORDS: besides, long words are cut ("Infrastructure" -> "Infra.").
 * The full title stays in the chapter, the contents and the role list. */
static const char *abbreviate_title(struct arena *a, const char *title, const char *track, enum abbr how)
{
	const char *tw[DG_ABBR_MAX_WORDS], *kw[DG_ABBR_MAX_WORDS];
	size_t tl[DG_ABBR_MAX_WORDS], kl[DG_ABBR_MAX_WORDS];
	int nt = split_words(title, tw, tl, DG_ABBR_MAX_WORDS);
	int nk = track ? split_words(track, kw, kl, DG_ABBR_MAX_WORDS) : 0;
	int at = -1;
	for (int i = 0; nk > 1 && i + nk <= nt && at < 0; i++) {
		int same = 1;
		for (int k = 0; k < nk && same; k++)
			same = tl[i + k] == kl[k] && !strncasecmp(tw[i + k], kw[k], kl[k]);
		if (same)
			at = i;
	}
	struct buf b;
	buf_init(&b);
	int changed = 0;
	for (int i = 0; i < nt; i++) {
		if (b.len)
			buf_addc(&b, ' ');
		if (i == at) {
			for (int k = 0; k < nk; k++)
				if (!minor_word(kw[k], kl[k])) {
					uint32_t cp;
					int m = utf8_decode(kw[k], kl[k], &cp);
					if (cp < 0x80)
						buf_addc(&b, toupper((unsigned char)cp));
					else
						buf_add(&b, kw[k], (size_t)m);
				}
			i += nk - 1;
			changed = 1;
			continue;
		}
		size_t chars = utf8_count(tw[i], tl[i]);
		if (how == ABBR_WORDS && chars > DG_ABBR_LONG) {
			size_t off = 0;
			for (int k = 0; k < DG_ABBR_KEEP; k++) {
				uint32_t cp;
				off += (size_t)utf8_decode(tw[i] + off, tl[i] - off, &cp);
			}
			buf_add(&b, tw[i], off);
			buf_addc(&b, '.');
			changed = 1;
			continue;
		}
		buf_add(&b, tw[i], tl[i]);
	}
	const char *r = changed && nt <= DG_ABBR_MAX_WORDS ? arena_strndup(a, b.data, b.len) : NULL;
	buf_done(&b);
	return r;
}

/* abbreviate_title for the box of bt, kept in its role's memo: every
 * edition of --all-roles asks it for the same boxes. */
static const char *abbreviate(struct lctx *L, const struct boxtext *bt, enum abbr how)
{
	const char *track = bt->role ? bt->role->track : NULL;
	struct role_memo *rm = role_memo(L, bt);
	if (!rm)
		return abbreviate_title(L->arena, bt->title, track, how);
	if (!same_str(rm->abbr_of, bt->title)) {
		struct arena *a = L->dg_memo->arena;
		rm->abbr_of = arena_strndup(a, bt->title, strlen(bt->title));
		for (int h = 0; h < ABBR__MAX; h++)
			rm->abbr[h] = abbreviate_title(a, bt->title, track, (enum abbr)h);
	}
	return rm->abbr[how];
}

/* The text scale of each box (per mille; below DG_SCALE_MIN: even that
 * does not fit).  One scale for all, the largest at which every box fits,
 * unless that is below DG_SCALE_UNIFORM: then the boxes that need it
 * shrink alone. */
void dt_box_scales(struct lctx *L, struct boxtext *bt, int n, fx iw, fx ih, int warn, int *sc)
{
	int common = 1000;
	for (int i = 0; i < n; i++) {
		sc[i] = fit_scale(L, &bt[i], 1000, iw, ih);
		common = sc[i] < common ? sc[i] : common;
	}
	common = common < DG_SCALE_UNIFORM ? DG_SCALE_UNIFORM : common;
	for (int i = 0; i < n; i++) {
		if (sc[i] < common)
			continue;
		sc[i] = fit_scale(L, &bt[i], common, iw, ih); /* smaller text almost always fits too; check */
	}
	/* a title that would shrink far below its neighbours (where the
	 * warning begins) is abbreviated first, when that lets it stay larger;
	 * never larger than the common scale */
	for (int i = 0; i < n; i++)
		for (int how = 0; how < ABBR__MAX && sc[i] < DIAGRAM_WARN_SCALE; how++) {
			const char *a = abbreviate(L, &bt[i], how);
			if (!a)
				continue;
			struct boxtext t = bt[i];
			t.title = a;
			int s = fit_scale(L, &t, common, iw, ih);
			if (s > sc[i]) {
				bt[i].title = a;
				sc[i] = s;
			}
		}
	for (int i = 0; i < n && warn; i++)
		if (sc[i] >= DG_SCALE_MIN && sc[i] < DIAGRAM_WARN_SCALE)
			diag_warn_at(L->d, bt[i].role->file, bt[i].role->line, bt[i].role->column,
			             "career-journey diagram: the role title '%s' is too long "
			             "for its box; set at %d%% of its size", bt[i].title, sc[i] / 10);
}
