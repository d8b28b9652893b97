/* diagram.c: the career-journey diagram as rectangles, lines and text.
 *
 * diagram_model reads tracks, levels and phases from the book (see
 * diagram.h for the rules); diagram_layout draws them on one page:
 *
 *	Career journey                               title
 *	Arrows show progression; ...                 legend
 *	+--- Phase label ---+--- Phase label ---+    phase bands behind columns
 *	| track name        |                   |
 *	| [L1]->[L2]->[L3]  |                   |    one row per track
 *	|              :    | track name        |
 *	|              :...>| [L4]->[L5]        |    dashed branch: change of track
 *	+-------------------+-------------------+
 *
 * Every box has the same size.  Geometry comes first (columns share the
 * width, rows the height left under the legend); then one text scale for
 * all boxes is found by trying smaller sizes until every title fits its box,
 * wrapped.  An outlandish title that would drag every box below
 * DG_SCALE_UNIFORM shrinks alone instead.  Trial settings are undone from
 * the run's line statistics. */
#include "diagram.h"
#include "inline.h"
#include "md.h"
#include "style.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- model ---- */

/* Words that say how senior a role is, not what it does: dropped from a
 * title to name its track.  "head" also drops a following "of". */
static const char *const seniority_words[] = {
	"junior", "jr", "senior", "sr", "lead", "principal", "staff", "associate", "chief",
	"distinguished", "graduate", "trainee", "apprentice", "intern", "entry-level", "mid-level",
	"intermediate", "head",
};

/* Grade marks dropped only at the end of a title ("Engineer II", "Analyst 2"). */
static const char *const grade_words[] = { "i", "ii", "iii", "iv", "v", "vi" };

static int in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

/* Collapses white-space runs to one space and trims; malloc'd. */
static char *normalise(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	int sp = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = b.len > 0;
			continue;
		}
		if (sp)
			buf_addc(&b, ' ');
		sp = 0;
		buf_addc(&b, c);
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

/* A word lower-cased without trailing punctuation, into w (size n). */
static void word_core(const char *s, size_t len, char *w, size_t n)
{
	while (len > 0 && strchr(",.:;", s[len - 1]))
		len--;
	size_t k = 0;
	for (; k < len && k + 1 < n; k++)
		w[k] = (char)tolower((unsigned char)s[k]);
	w[k] = 0;
}

static int has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* Levels above this are taken as this: no framework has a million levels,
 * and it keeps sums of levels far from overflow. */
#define DG_LEVEL_MAX 1000000

/* Longest title word we compare; longer words are never seniority words. */
#define WORD_MAX 32
/* Words of a title considered; the rest are kept as they are. */
#define TITLE_WORDS_MAX 64

/* The track a role title names: the title without its seniority words.
 * Returns a malloc'd string; the whole title when nothing would be left. */
static char *track_from_title(const char *title)
{
	const char *ws[TITLE_WORDS_MAX];
	size_t wl[TITLE_WORDS_MAX];
	int keep[TITLE_WORDS_MAX];
	int n = 0;
	const char *p = title, *rest = NULL;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (n == TITLE_WORDS_MAX) {
			rest = p;
			break;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		ws[n] = p;
		wl[n] = (size_t)(e - p);
		keep[n] = 1;
		n++;
		p = e;
	}
	char w[WORD_MAX];
	for (int i = 0; i < n; i++) {
		word_core(ws[i], wl[i], w, sizeof(w));
		if (in_list(w, seniority_words, sizeof(seniority_words) / sizeof(*seniority_words))) {
			keep[i] = 0;
			if (!strcmp(w, "head") && i + 1 < n) {
				word_core(ws[i + 1], wl[i + 1], w, sizeof(w));
				if (!strcmp(w, "of"))
					keep[++i] = 0;
			}
		}
	}
	/* trailing grade marks, and dashes or stray "of" left at either end */
	for (int changed = 1; changed;) {
		changed = 0;
		int first = -1, last = -1;
		for (int i = 0; i < n; i++)
			if (keep[i]) {
				if (first < 0)
					first = i;
				last = i;
			}
		if (first < 0)
			break;
		for (int k = 0; k < 2; k++) {
			int i = k ? last : first;
			word_core(ws[i], wl[i], w, sizeof(w));
			int digits = w[0] != 0;
			for (const char *q = w; *q; q++)
				digits &= isdigit((unsigned char)*q) != 0;
			if (!has_alnum(ws[i], wl[i]) || !strcmp(w, "of") || !strcmp(w, "and") ||
			    (k && !rest && (digits || in_list(w, grade_words, sizeof(grade_words) / sizeof(*grade_words)))))
				keep[i] = 0, changed = 1;
			if (first == last)
				break;
		}
	}
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		if (b.len)
			buf_addc(&b, ' ');
		buf_add(&b, ws[i], wl[i]);
	}
	if (rest) {
		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, rest);
	}
	buf_cstr(&b);
	/* a comma or colon left hanging at the end */
	while (b.len && strchr(",:;", b.data[b.len - 1]))
		b.data[--b.len] = 0;
	if (!b.len) {
		buf_done(&b);
		return normalise(title, strlen(title));
	}
	char *r = normalise(b.data, b.len);
	buf_done(&b);
	return r;
}

/* The name in the first `<!-- track: NAME -->` of a file, or NULL; malloc'd. */
static char *track_comment(cmark_node *root)
{
	char *found = NULL;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		const char *lit = cmark_node_get_literal(n);
		for (const char *p = lit ? strstr(lit, "<!--") : NULL; p && !found; p = strstr(p + 4, "<!--")) {
			const char *q = p + 4;
			while (isspace((unsigned char)*q))
				q++;
			if (strncasecmp(q, "track", 5))
				continue;
			q += 5;
			while (isspace((unsigned char)*q))
				q++;
			if (*q != ':')
				continue;
			q++;
			const char *e = strstr(q, "-->");
			if (!e)
				continue;
			char *name = normalise(q, (size_t)(e - q));
			if (name[0])
				found = name;
			else
				free(name);
		}
	}
	cmark_iter_free(it);
	return found;
}

/* The levels a phase item's bold text names: "L1 to L3", "L4 and L5",
 * "L1–L3", "L6", or "Levels 1 to 3".  Returns 1 and the range, or 0. */
static int level_range(const char *s, int *lo, int *hi)
{
	while (isspace((unsigned char)*s))
		s++;
	int bare = !strncasecmp(s, "level", 5);
	if (!bare && !((*s == 'L' || *s == 'l') && isdigit((unsigned char)s[1])))
		return 0;
	int n = 0;
	for (const char *p = s; *p; p++) {
		const char *d = NULL;
		if (bare && isdigit((unsigned char)*p) && (p == s || !isalnum((unsigned char)p[-1])))
			d = p;
		else if (!bare && (*p == 'L' || *p == 'l') && isdigit((unsigned char)p[1]) &&
		         (p == s || !isalnum((unsigned char)p[-1])))
			d = p + 1;
		if (!d)
			continue;
		char *end;
		long v = strtol(d, &end, 10);
		p = end - 1;
		v = v > DG_LEVEL_MAX ? DG_LEVEL_MAX : v;
		if (!n || v < *lo)
			*lo = (int)v;
		if (!n || v > *hi)
			*hi = (int)v;
		n++;
	}
	return n > 0;
}

/* The last emphasis of the inline nodes after `from` (its siblings and their
 * descendants), or NULL. */
static cmark_node *last_emph(cmark_node *from)
{
	cmark_node *last = NULL;
	for (cmark_node *s = cmark_node_next(from); s; s = cmark_node_next(s)) {
		cmark_iter *it = cmark_iter_new(s);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_EMPH)
				last = n;
		}
		cmark_iter_free(it);
	}
	return last;
}

/* A track while the model is built; tracks are numbered in order of appearance. */
struct track {
	char *name;   /* as first seen, owned */
	int lowest;   /* lowest level, INT_MAX when no role has one */
	int nroles;   /* roles in it */
	int nsub;     /* rows it needs */
	int row0;     /* its first row */
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Phases from the README's list items; appended to d in column order. */
static void find_phases(cmark_node *readme, const int *lv, int nlev, struct diagram *d)
{
	int cap = 0;
	cmark_iter *it = cmark_iter_new(readme);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *item = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(item) != CMARK_NODE_ITEM)
			continue;
		cmark_node *para = cmark_node_first_child(item);
		if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		cmark_node *strong = cmark_node_first_child(para);
		if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG)
			continue;
		struct buf t;
		buf_init(&t);
		md_text(strong, &t);
		buf_cstr(&t);
		int lo = 0, hi = 0, ok = t.len && level_range(t.data, &lo, &hi);
		buf_done(&t);
		cmark_node *em = ok ? last_emph(strong) : NULL;
		if (!em)
			continue;
		md_text(em, &t);
		char *label = normalise(t.data ? t.data : "", t.len);
		buf_done(&t);
		int from = 0, to = nlev - 1;
		while (from < nlev && lv[from] < lo)
			from++;
		while (to >= 0 && lv[to] > hi)
			to--;
		if (!label[0] || from > to) {
			free(label);
			continue;
		}
		label[0] = (char)toupper((unsigned char)label[0]);
		GROW(d->phases, cap, d->nphases + 1);
		d->phases[d->nphases].from_col = from;
		d->phases[d->nphases].to_col = to;
		d->phases[d->nphases].label = label;
		d->nphases++;
	}
	cmark_iter_free(it);
	/* column order (insertion sort: stable, and phases are few), then
	 * trim overlaps so bands never cover each other */
	for (int i = 1; i < d->nphases; i++)
		for (int k = i; k > 0 && d->phases[k].from_col < d->phases[k - 1].from_col; k--) {
			int f = d->phases[k].from_col, t = d->phases[k].to_col;
			char *l = d->phases[k].label;
			d->phases[k] = d->phases[k - 1];
			d->phases[k - 1].from_col = f;
			d->phases[k - 1].to_col = t;
			d->phases[k - 1].label = l;
		}
	int k = 0;
	for (int i = 0; i < d->nphases; i++) {
		if (k > 0 && d->phases[i].from_col <= d->phases[k - 1].to_col)
			d->phases[i].from_col = d->phases[k - 1].to_col + 1;
		if (d->phases[i].from_col > d->phases[i].to_col) {
			free(d->phases[i].label);
			continue;
		}
		d->phases[k++] = d->phases[i];
	}
	d->nphases = k;
}

int diagram_model(const struct book *bk, const struct content *c, struct diagram *out)
{
	memset(out, 0, sizeof(*out));
	int n = bk->n - 1;
	if (n <= 0)
		return -1;
	struct diagram_role *r = xcalloc((size_t)n, sizeof(*r));
	int *tk = xcalloc((size_t)n, sizeof(*tk));     /* role -> track */
	int *sub = xcalloc((size_t)n, sizeof(*sub));   /* role -> row within its track */
	int *lv = xcalloc((size_t)n, sizeof(*lv));     /* distinct levels */
	struct track *t = xcalloc((size_t)n, sizeof(*t));
	int *order = xcalloc((size_t)n, sizeof(*order));
	int nt = 0, nlev = 0, nocode = 0;
	struct strmap *byname = strmap_new();
	for (int i = 0; i < n; i++) {
		const struct chapter *ch = &bk->ch[i + 1];
		r[i].chapter = i + 1;
		r[i].code = ch->code;
		r[i].title = ch->role ? ch->role : ch->title;
		r[i].file = c->v[ch->src].path; /* a title too long for its box is reported there */
		for (int k = 0; k < ch->nh && !r[i].line; k++)
			if (ch->h[k].level == 1) {
				r[i].line = md_line(ch->h[k].node);
				r[i].column = cmark_node_get_start_column(ch->h[k].node);
			}
		r[i].level = -1;
		if (ch->code && isdigit((unsigned char)ch->code[1])) {
			long v = strtol(ch->code + 1, NULL, 10);
			r[i].level = v > DG_LEVEL_MAX ? DG_LEVEL_MAX : (int)v;
		}
		char *name = NULL;
		if (ch->src >= 0 && ch->src < c->n && c->v[ch->src].root)
			name = track_comment(c->v[ch->src].root);
		if (!name)
			name = track_from_title(r[i].title);
		char *key = xstrdup(name);
		for (char *p = key; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		int k;
		if (!strmap_get(byname, key, &k)) {
			k = nt++;
			strmap_put(byname, key, k);
			t[k].name = name;
			t[k].lowest = INT_MAX;
		} else {
			free(name);
		}
		free(key);
		tk[i] = k;
		t[k].nroles++;
		if (r[i].level >= 0) {
			if (r[i].level < t[k].lowest)
				t[k].lowest = r[i].level;
			lv[nlev++] = r[i].level;
		} else {
			nocode = 1;
		}
	}
	strmap_free(byname);

	/* columns: the distinct levels in order, then one for roles without a code */
	qsort(lv, (size_t)nlev, sizeof(*lv), cmp_int);
	int u = 0;
	for (int i = 0; i < nlev; i++)
		if (!u || lv[i] != lv[u - 1])
			lv[u++] = lv[i];
	nlev = u;
	for (int i = 0; i < n; i++) {
		if (r[i].level < 0) {
			r[i].col = nlev;
			continue;
		}
		int *at = bsearch(&r[i].level, lv, (size_t)nlev, sizeof(*lv), cmp_int);
		r[i].col = (int)(at - lv);
	}
	out->ncols = nlev + nocode;

	/* rows: the track holding the lowest level (most roles, then earliest)
	 * first, then by lowest level, ties by order of appearance */
	int best = 0;
	for (int k = 1; k < nt; k++)
		if (t[k].lowest < t[best].lowest ||
		    (t[k].lowest == t[best].lowest && t[k].nroles > t[best].nroles))
			best = k;
	int no = 0;
	order[no++] = best;
	for (int k = 0; k < nt; k++)
		if (k != best)
			order[no++] = k;
	for (int i = 2; i < no; i++) /* tracks were numbered by appearance: stable insertion sort */
		for (int k = i; k > 1 && t[order[k]].lowest < t[order[k - 1]].lowest; k--) {
			int tmp = order[k];
			order[k] = order[k - 1];
			order[k - 1] = tmp;
		}

	/* a role whose cell its track already fills goes one row further down:
	 * the k-th role of a track at one level takes the track's k-th row */
	for (int i = 0; i < n; i++) {
		sub[i] = 0;
		for (int j = 0; j < i; j++)
			sub[i] += tk[j] == tk[i] && r[j].col == r[i].col;
		if (sub[i] + 1 > t[tk[i]].nsub)
			t[tk[i]].nsub = sub[i] + 1;
	}
	int rows = 0;
	for (int i = 0; i < no; i++) {
		t[order[i]].row0 = rows;
		rows += t[order[i]].nsub;
	}
	out->nrows = rows;
	out->tracks = xcalloc((size_t)rows, sizeof(*out->tracks));
	for (int i = 0; i < no; i++)
		for (int s = 0; s < t[order[i]].nsub; s++)
			out->tracks[t[order[i]].row0 + s] = xstrdup(t[order[i]].name);
	for (int i = 0; i < n; i++) {
		r[i].row = t[tk[i]].row0 + sub[i];
		r[i].track = out->tracks[r[i].row];
	}
	out->roles = r;
	out->n = n;
	if (c->n > 0 && c->v[0].root)
		find_phases(c->v[0].root, lv, nlev, out);
	out->landscape = out->ncols > DIAGRAM_PORTRAIT_MAX_COLS;

	for (int k = 0; k < nt; k++)
		free(t[k].name);
	free(t);
	free(order);
	free(lv);
	free(sub);
	free(tk);
	return 0;
}

void diagram_done(struct diagram *d)
{
	for (int i = 0; i < d->nrows; i++)
		free(d->tracks[i]);
	free(d->tracks);
	for (int i = 0; i < d->nphases; i++)
		free(d->phases[i].label);
	free(d->phases);
	free(d->roles);
	memset(d, 0, sizeof(*d));
}

static int role_of(const struct diagram *d, int chap)
{
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].chapter == chap)
			return i;
	return -1;
}

const char *diagram_track(const struct diagram *d, int chap)
{
	int r = role_of(d, chap);
	return r < 0 ? NULL : d->roles[r].track;
}

int diagram_next_in_track(const struct diagram *d, int chap)
{
	int r = role_of(d, chap), best = -1;
	if (r < 0 || d->roles[r].level < 0)
		return 0;
	for (int i = 0; i < d->n; i++)
		if (strcasecmp(d->roles[i].track, d->roles[r].track) == 0 &&
		    d->roles[i].level > d->roles[r].level &&
		    (best < 0 || d->roles[i].level < d->roles[best].level))
			best = i;
	return best < 0 ? 0 : d->roles[best].chapter;
}

static int row_first(const struct diagram *d, int row, int levelled);
static int branch_from(const struct diagram *d, int row);

/* The role the in-row arrow from role a leads to, or -1. */
static int row_next(const struct diagram *d, int a)
{
	int b = -1;
	if (d->roles[a].level < 0)
		return -1;
	for (int k = 0; k < d->n; k++)
		if (d->roles[k].row == d->roles[a].row && d->roles[k].col > d->roles[a].col &&
		    d->roles[k].level >= 0 && (b < 0 || d->roles[k].col < d->roles[b].col))
			b = k;
	return b;
}

int diagram_next_steps(const struct diagram *d, int chap, int *out, int max)
{
	int a = role_of(d, chap), n = 0;
	if (a < 0)
		return 0;
	int b = row_next(d, a);
	if (b >= 0 && n < max)
		out[n++] = d->roles[b].chapter;
	for (int r = 0; r < d->nrows; r++) {
		int f = row_first(d, r, 1);
		if (branch_from(d, r) == a && f >= 0 && n < max)
			out[n++] = d->roles[f].chapter;
	}
	return n;
}

/* ---- layout ---- */

#define DG_CODE_SIZE PT(10)       /* level code in a box */
#define DG_TITLE_SIZE PT(8.5)     /* role title in a box */
#define DG_PAGE_SIZE PT(7.5)      /* "p. 7" in a box */
#define DG_LEGEND_SIZE PT(9)      /* the legend under the title */
#define DG_PHASE_SIZE PT(8.5)     /* phase band labels */
#define DG_TRACK_SIZE PT(7.5)     /* track names above each track */
#define DG_PAD PT(5)              /* inside a box */
#define DG_EDGE PT(6)             /* bands beyond the outer columns */
#define DG_GAP_X PT(26)           /* between columns: room for an arrow */
#define DG_GAP_X_MIN PT(12)       /* narrowest column gap an arrow head fits */
#define DG_COL_MIN PT(62)         /* below this the gaps give way to the columns */
#define DG_COL_MAX PT(150)        /* wider boxes only spread the text */
#define DG_GAP_Y PT(26)           /* between tracks: room for a branch */
#define DG_GAP_Y_MIN PT(10)
#define DG_GAP_Y_MAX PT(56)       /* spare height beyond this centres the diagram */
#define DG_BOX_MIN PT(34)         /* shortest box, so short titles keep the grid even */
#define DG_BOX_FLOOR PT(14)       /* below this the rows squeeze their gaps and captions too */
#define DG_TITLE_LINES 5          /* boxes grow for titles up to this many lines; longer ones shrink */
#define DG_SCALE_STEP 25          /* text scale tried in steps of 2.5% */
#define DG_SCALE_MIN 250          /* box text never set below a quarter of its size */
#define DG_SCALE_UNIFORM 800      /* boxes needing less than this shrink alone, not all together */
#define DG_LINE_W PT(1)           /* arrows */
#define DG_BOX_LINE_W PT(0.8)     /* box outlines */
#define DG_HEAD_LEN PT(5)         /* arrow head, along the shaft */
#define DG_HEAD_HALF PT(2.8)      /* arrow head, half its spread */
#define DG_DASH PT(3)             /* branch dashes */
#define DG_DASH_GAP PT(2)

#define DG_MARK_SIZE PT(7.5)      /* "This role", "Next step" under a box */
#define DG_NEXT_MAX 64            /* next steps marked from one box; a framework with more
                                   * branches from one role leaves the rest unmarked */
#define DG_HIGHLIGHT_W PT(2.4)    /* the edition's role: outline */
#define DG_NEXT_W PT(1.6)         /* its next steps: outline */
#define DG_HIGHLIGHT_RGB 0xD6E4F5u /* the edition's role: fill, the accent tinted */

#define DG_OUTLINE_RGB 0x374151u  /* box outlines: dark in any print */
#define DG_ARROW_RGB 0x4B5563u
#define DG_PHASE_TEXT_RGB 0x374151u

/* Band fills alternate so neighbouring phases stay apart in grey. */
static const uint32_t band_rgb[2] = { 0xEEF1F5u, 0xE4E8EEu };
/* Box fills by track: different lightness, all light enough for black text. */
static const uint32_t track_rgb[4] = { 0xFFFFFFu, 0xD9DFE8u, 0xF0EADCu, 0xE2ECDDu };

struct items {
	struct dl_item *v;
	int n, cap;
};

static struct dl_item *item_add(struct items *o, enum dl_kind k)
{
	GROW(o->v, o->cap, o->n + 1);
	struct dl_item *it = &o->v[o->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	return it;
}

struct lstats {
	long lines, hyph, overfull;
	double worst;
};

static struct lstats stats_save(const struct lctx *L)
{
	struct lstats s = { L->stat_lines, L->stat_hyphenated, L->stat_overfull, L->stat_worst };
	return s;
}

static void stats_restore(struct lctx *L, const struct lstats *s)
{
	L->stat_lines = s->lines;
	L->stat_hyphenated = s->hyph;
	L->stat_overfull = s->overfull;
	L->stat_worst = s->worst;
}

/* Sets s in one style at `width`.  Returns the number of lines, or -1 when
 * a word is wider than the width (unless force, which breaks it). */
static int set_text(struct lctx *L, const char *s, int face, fx size, uint32_t rgb, fx width,
                    enum align al, int force, struct pline **ln)
{
	struct para p;
	para_init(&p, size);
	struct span_style st = { face, size, rgb, SP_NOHYPH, NULL };
	para_text(L, &p, s, strlen(s), &st, 0);
	int n = -1;
	if (force || para_min_width(&p) <= width)
		n = para_set(L, &p, width, al, ln);
	para_done(&p);
	return n;
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
static int emit_line(struct items *o, const struct pline *l, fx x, fx y, fx width)
{
	int dropped = 0;
	for (int k = 0; k < l->n; k++) {
		const struct dl_item *t = &l->items[k];
		if (t->kind == DL_TEXT && (t->x < 0 || t->x + t->w > width)) {
			dropped++;
			continue;
		}
		struct dl_item *c = item_add(o, t->kind);
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
static fx fit_text(struct lctx *L, const char *s, int face, fx size, uint32_t rgb, enum align al,
                   fx x, fx y, fx w, fx h, int min_scale, int clip, struct items *out)
{
	struct pline *ln = NULL;
	int n = -1;
	for (int scale = 1000; scale >= min_scale; scale -= DG_SCALE_STEP) {
		struct lstats st = stats_save(L);
		fx sz = (fx)((int64_t)size * scale / 1000);
		n = set_text(L, s, face, sz, rgb, w, al, 0, &ln);
		if (n >= 0 && (fx)n * STYLE_LEADING(sz) <= h && lines_fit(ln, n, w))
			break;
		stats_restore(L, &st);
		n = -1;
	}
	if (n < 0 && !clip)
		return -1;
	if (n < 0)
		n = set_text(L, s, face, (fx)((int64_t)size * min_scale / 1000), rgb, w, al, 1, &ln);
	fx used = 0;
	for (int i = 0; i < n && used + ln[i].h <= h; i++) {
		emit_line(out, &ln[i], x, y + used, w);
		used += ln[i].h;
	}
	return used;
}

/* What one role box says. */
struct boxtext {
	const char *code;   /* "L3" or NULL */
	const char *title;  /* role title */
	const char *page;   /* "p. 7" or NULL */
	const struct diagram_role *role; /* whose box, for messages */
};

/* Sets a box's text at scale (per mille) in an inner area iw x ih.  Returns
 * 1 when it all fits; *need is the height it takes (-1 when some word is
 * too wide).  With out, appends the items at (x, y); with force, sets what
 * fits even when not all does. */
static int box_text_in(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, fx x, fx y,
                       int force, struct items *out, fx *need)
{
	fx cs = (fx)((int64_t)DG_CODE_SIZE * scale / 1000);
	fx ts = (fx)((int64_t)DG_TITLE_SIZE * scale / 1000);
	fx ps = (fx)((int64_t)DG_PAGE_SIZE * scale / 1000);
	fx gap = (fx)((int64_t)PT(4) * scale / 1000);
	struct pline *cl = NULL, *pl = NULL, *tl = NULL;
	int nc = 0, np = 0, nt;
	int ok = 1;
	fx code_right = 0, page_left = iw;
	*need = -1;
	if (bt->code) {
		nc = set_text(L, bt->code, FACE_BOLD, cs, STYLE_HEADING_RGB, iw, AL_LEFT, force, &cl);
		if (nc != 1 || !lines_fit(cl, nc, iw))
			ok = 0;
		for (int k = 0; nc > 0 && k < cl[0].n; k++)
			if (cl[0].items[k].kind == DL_TEXT && cl[0].items[k].x + cl[0].items[k].w > code_right)
				code_right = cl[0].items[k].x + cl[0].items[k].w;
	}
	if (bt->page) {
		np = set_text(L, bt->page, FACE_REGULAR, ps, STYLE_MUTED_RGB, iw, AL_RIGHT, force, &pl);
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
	nt = set_text(L, bt->title, FACE_REGULAR, ts, STYLE_TEXT_RGB, iw, AL_LEFT, force, &tl);
	if (nt < 0 || !lines_fit(tl, nt, iw))
		ok = 0;
	if (ok)
		*need = hh + hgap + (fx)nt * STYLE_LEADING(ts);
	if (hh > ih || (ok && *need > ih))
		ok = 0;
	if (!out)
		return ok;
	int dropped = 0;
	if (hh <= ih) {
		fx base = 0;
		if (nc > 0) {
			dropped += emit_line(out, &cl[0], x, y, iw);
			for (int k = 0; k < cl[0].n; k++)
				if (cl[0].items[k].kind == DL_TEXT)
					base = cl[0].items[k].y;
		}
		if (np > 0 && (!bt->code || code_right + gap <= page_left)) {
			int first = out->n;
			dropped += emit_line(out, &pl[0], x, y, iw);
			if (nc > 0) /* share the code's baseline */
				for (int k = first; k < out->n; k++)
					out->v[k].y = y + base;
		} else if (np > 0) {
			dropped++;
		}
	}
	fx used = hh + hgap;
	for (int i = 0; i < nt; i++) {
		if (used + tl[i].h > ih) {
			dropped += nt - i;
			break;
		}
		dropped += emit_line(out, &tl[i], x, y + used, iw);
		used += tl[i].h;
	}
	if (dropped)
		diag_warn_at(L->d, bt->role->file, bt->role->line, bt->role->column,
		             "career-journey diagram: the title '%s' does not fit its box; "
		             "part of it is left out", bt->title);
	return ok;
}

/* box_text_in, with messages (a word too wide, say) naming the role's file. */
static int box_text(struct lctx *L, const struct boxtext *bt, int scale, fx iw, fx ih, fx x, fx y,
                    int force, struct items *out, fx *need)
{
	const char *file = L->file;
	L->file = bt->role ? bt->role->file : NULL;
	int ok = box_text_in(L, bt, scale, iw, ih, x, y, force, out, need);
	L->file = file;
	return ok;
}

static void line(struct items *o, fx x1, fx y1, fx x2, fx y2, fx w, uint32_t rgb)
{
	struct dl_item *l = item_add(o, DL_LINE);
	l->x = x1;
	l->y = y1;
	l->w = x2 - x1;
	l->h = y2 - y1;
	l->size = w;
	l->rgb = rgb;
}

/* An axis-parallel dashed line. */
static void dashed(struct items *o, fx x1, fx y1, fx x2, fx y2)
{
	fx len = abs(x2 - x1) + abs(y2 - y1);
	int sx = (x2 > x1) - (x2 < x1), sy = (y2 > y1) - (y2 < y1);
	for (fx t = 0; t < len; t += DG_DASH + DG_DASH_GAP) {
		fx e = t + DG_DASH < len ? t + DG_DASH : len;
		line(o, x1 + sx * t, y1 + sy * t, x1 + sx * e, y1 + sy * e, DG_LINE_W, DG_ARROW_RGB);
	}
}

/* An arrow head pointing right with its tip at (x, y). */
static void head(struct items *o, fx x, fx y, fx len)
{
	fx half = (fx)((int64_t)DG_HEAD_HALF * len / DG_HEAD_LEN);
	line(o, x - len, y - half, x, y, DG_LINE_W, DG_ARROW_RGB);
	line(o, x - len, y + half, x, y, DG_LINE_W, DG_ARROW_RGB);
}

static void rect(struct items *o, fx x, fx y, fx w, fx h, fx stroke, uint32_t rgb)
{
	struct dl_item *r = item_add(o, DL_RECT);
	r->x = x;
	r->y = y;
	r->w = w;
	r->h = h;
	r->size = stroke;
	r->rgb = rgb;
}

/* The leftmost role of a row (with a level, when levelled), or -1. */
static int row_first(const struct diagram *d, int row, int levelled)
{
	int f = -1;
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].row == row && (!levelled || d->roles[i].level >= 0) &&
		    (f < 0 || d->roles[i].col < d->roles[f].col))
			f = i;
	return f;
}

/* 1 when a row continues the track above it (two roles at one level). */
static int extra_row(const struct diagram *d, int row)
{
	return row > 0 && !strcmp(d->tracks[row], d->tracks[row - 1]);
}

/* The branch into the first box of each track that starts above the lowest
 * level: from the box, in the first row holding it, of the level just
 * below.  Returns the role index, or -1. */
static int branch_from(const struct diagram *d, int row)
{
	int b = row_first(d, row, 1);
	if (b < 0 || d->roles[b].col == 0 || extra_row(d, row))
		return -1;
	int a = -1;
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].col == d->roles[b].col - 1 && d->roles[i].row != row &&
		    (a < 0 || d->roles[i].row < d->roles[a].row))
			a = i;
	return a;
}

/* Where everything goes: worked out once, read by each drawing step. */
struct grid {
	fx x0, colw, gapx;  /* first column's left edge, column width, gap between columns */
	fx gridw;           /* all columns and gaps */
	fx top;             /* top of the bands and their label strip */
	fx strip;           /* phase label strip; 0 without phases */
	fx capt;            /* track name strip above a row's boxes */
	fx boxh, gapy;      /* box height; gap below a row */
	fx pad;             /* inside a box */
	fx band_pad;        /* bands below the last row */
	fx mark;            /* label strip under a marked box; 0 without a highlight */
	fx headlen;         /* arrow heads */
};

static fx col_x(const struct grid *g, int c)
{
	return g->x0 + (fx)c * (g->colw + g->gapx);
}

/* A row's box top. */
static fx row_y(const struct grid *g, int r)
{
	return g->top + g->strip + (fx)r * (g->capt + g->boxh + g->gapy) + g->capt;
}

/* Columns share the width; gaps give way first, down to DG_GAP_X_MIN. */
static void grid_columns(struct grid *g, int nc, fx width)
{
	fx avail = width - 2 * DG_EDGE;
	g->gapx = nc > 1 ? DG_GAP_X : 0;
	g->colw = (avail - (nc - 1) * g->gapx) / nc;
	if (g->colw < DG_COL_MIN && nc > 1) {
		g->gapx = (avail - nc * DG_COL_MIN) / (nc - 1);
		g->gapx = g->gapx < DG_GAP_X_MIN ? DG_GAP_X_MIN : g->gapx;
		g->colw = (avail - (nc - 1) * g->gapx) / nc;
	}
	if (g->colw < 2 * g->gapx) { /* very many levels: gaps and columns shrink together */
		g->gapx = avail / (3 * nc - 1);
		g->colw = (avail - (nc - 1) * g->gapx) / nc;
	}
	if (g->colw > DG_COL_MAX)
		g->colw = DG_COL_MAX;
	g->gridw = nc * g->colw + (nc - 1) * g->gapx;
	g->x0 = (width - g->gridw) / 2;
	g->pad = DG_PAD < g->colw / 10 ? DG_PAD : g->colw / 10;
	g->headlen = DG_HEAD_LEN < g->gapx / 3 ? DG_HEAD_LEN : g->gapx / 3;
}

/* Rows share the height from y down: boxes as tall as the tallest text
 * needs (up to DG_TITLE_LINES of title), gaps between DG_GAP_Y_MIN and
 * DG_GAP_Y_MAX, what is left above and below.  So many tracks that even
 * DG_BOX_FLOOR boxes do not fit squeeze captions, gaps and boxes alike, so
 * the page never overflows.  Sets top, capt, boxh, gapy and maybe pad. */
static void grid_rows(struct grid *g, int nr, fx y, fx height, fx nat)
{
	fx most = STYLE_LEADING(DG_CODE_SIZE) + PT(1.5) + DG_TITLE_LINES * STYLE_LEADING(DG_TITLE_SIZE);
	if (nat <= 0 || nat > most) /* one outlandish title shrinks rather than stretching every box */
		nat = most;
	fx boxh = nat + 2 * g->pad;
	boxh = boxh < DG_BOX_MIN ? DG_BOX_MIN : boxh;
	fx region = height - y - g->strip - g->band_pad; /* for the rows */
	region = region > 0 ? region : 0;
	fx gmin = DG_GAP_Y_MIN > g->mark ? DG_GAP_Y_MIN : g->mark;
	fx floor = nr * (g->capt + DG_BOX_FLOOR) + (nr - 1) * gmin;
	if (floor > region) {
		g->capt = (fx)((int64_t)g->capt * region / floor);
		gmin = (fx)((int64_t)gmin * region / floor);
	}
	fx gapy = nr > 1 ? DG_GAP_Y : 0;
	fx cap = (region - nr * g->capt - (nr - 1) * gapy) / nr;
	if (cap < boxh && nr > 1) {
		gapy = gmin;
		cap = (region - nr * g->capt - (nr - 1) * gapy) / nr;
	}
	if (boxh > cap)
		boxh = cap > 0 ? cap : 0;
	if (boxh < 4 * g->pad)
		g->pad = boxh / 4;
	fx spare = region - nr * (g->capt + boxh) - (nr - 1) * gapy;
	if (nr > 1 && spare > 0) {
		fx gy = gapy + spare / (nr - 1);
		gy = gy > DG_GAP_Y_MAX ? DG_GAP_Y_MAX : gy;
		spare -= (gy - gapy) * (nr - 1);
		gapy = gy;
	}
	g->top = y + (spare > 0 ? spare / 3 : 0); /* optical centre: a little above the middle */
	g->boxh = boxh;
	g->gapy = gapy;
}

/* The title and the legend; returns the height they take. */
static fx title_legend(struct lctx *L, int any_branch, int any_page, int marks, fx width,
                       struct items *o)
{
	fx y = fit_text(L, "Career journey", FACE_BOLD, style_heading[1].size, STYLE_HEADING_RGB,
	                AL_LEFT, 0, 0, width, STYLE_LEADING(style_heading[1].size) * 2, 500, 1, o);
	y += PT(2);
	struct buf legend;
	buf_init(&legend);
	buf_adds(&legend, any_branch ? "Arrows show progression; the dashed branch marks a change of track."
	                             : "Arrows show progression within a track.");
	if (any_page)
		buf_adds(&legend, " Page numbers refer to each role\xE2\x80\x99s chapter.");
	if (marks)
		buf_adds(&legend, " The highlighted box is the role this document describes; "
		                  "\xE2\x80\x9CNext step\xE2\x80\x9D marks where it leads.");
	buf_cstr(&legend);
	/* one line if shrinking a little will do; else wrapped */
	fx lh = STYLE_LEADING(DG_LEGEND_SIZE);
	fx used = fit_text(L, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0, y,
	                   width, lh, 800, 0, o);
	if (used < 0)
		used = fit_text(L, legend.data, FACE_REGULAR, DG_LEGEND_SIZE, STYLE_MUTED_RGB, AL_LEFT, 0,
		                y, width, 4 * lh, 500, 1, o);
	buf_done(&legend);
	return y + used;
}

/* Each phase band's left and right edge (bx[2i], bx[2i+1]); returns the
 * height of the label strip: one line, or two when some label needs them. */
static fx band_edges(struct lctx *L, const struct diagram *d, const struct grid *g, fx width, fx *bx)
{
	int lines = 1;
	for (int i = 0; i < d->nphases; i++) {
		fx l = col_x(g, d->phases[i].from_col) - g->gapx / 2 + PT(1.5);
		fx r = col_x(g, d->phases[i].to_col) + g->colw + g->gapx / 2 - PT(1.5);
		if (d->phases[i].from_col == 0 || g->gapx == 0)
			l = g->x0 - DG_EDGE;
		if (d->phases[i].to_col == d->ncols - 1 || g->gapx == 0)
			r = g->x0 + g->gridw + DG_EDGE;
		bx[2 * i] = l < 0 ? 0 : l;
		bx[2 * i + 1] = r > width ? width : r;
		struct lstats st = stats_save(L);
		struct pline *ln;
		int n = set_text(L, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB,
		                 bx[2 * i + 1] - bx[2 * i] - 2 * PT(4), AL_CENTER, 0, &ln);
		stats_restore(L, &st);
		if (n != 1)
			lines = 2;
	}
	return d->nphases ? lines * STYLE_LEADING(DG_PHASE_SIZE) + PT(6) : 0;
}

/* The text scale of each box (per mille; below DG_SCALE_MIN: even that
 * does not fit).  One scale for all, the largest at which every box fits,
 * unless that is below DG_SCALE_UNIFORM: then the boxes that need it
 * shrink alone. */
static void box_scales(struct lctx *L, const struct boxtext *bt, int n, fx iw, fx ih, int *sc)
{
	struct lstats st = stats_save(L);
	int common = 1000;
	fx need;
	for (int i = 0; i < n; i++) {
		int s = 1000;
		while (s >= DG_SCALE_MIN && !box_text(L, &bt[i], s, iw, ih, 0, 0, 0, NULL, &need))
			s -= DG_SCALE_STEP;
		sc[i] = s;
		common = s < common ? s : common;
	}
	common = common < DG_SCALE_UNIFORM ? DG_SCALE_UNIFORM : common;
	for (int i = 0; i < n; i++) {
		if (sc[i] < common)
			continue;
		int s = common; /* smaller text almost always fits too; check */
		while (s >= DG_SCALE_MIN && !box_text(L, &bt[i], s, iw, ih, 0, 0, 0, NULL, &need))
			s -= DG_SCALE_STEP;
		sc[i] = s;
	}
	stats_restore(L, &st);
	for (int i = 0; i < n; i++)
		if (sc[i] >= DG_SCALE_MIN && sc[i] < DIAGRAM_WARN_SCALE)
			diag_warn_at(L->d, bt[i].role->file, bt[i].role->line, bt[i].role->column,
			             "career-journey diagram: the role title '%s' is too long "
			             "for its box; set at %d%% of its size", bt[i].title, sc[i] / 10);
}

/* Track names above each track's first box, running right until the first
 * branch line that crosses their strip. */
static void draw_captions(struct lctx *L, const struct diagram *d, const struct grid *g,
                          const int *from, struct items *o)
{
	for (int r = 0; r < d->nrows; r++) {
		int f = row_first(d, r, 0);
		if (f < 0 || extra_row(d, r))
			continue;
		fx cx = col_x(g, d->roles[f].col), lim = g->x0 + g->gridw;
		for (int q = 0; q < d->nrows; q++) {
			int a = from[q];
			if (a < 0 || !(d->roles[a].row < r && r <= q))
				continue;
			fx gx = col_x(g, d->roles[a].col) + g->colw + g->gapx / 2 - DG_LINE_W;
			if (gx > cx && gx - PT(2) < lim)
				lim = gx - PT(2);
		}
		fit_text(L, d->tracks[r], FACE_ITALIC, DG_TRACK_SIZE, STYLE_MUTED_RGB, AL_LEFT, cx,
		         row_y(g, r) - g->capt, lim - cx, g->capt, 700, 1, o);
	}
}

/* Progression within each row, mid-height from box to box; then each
 * branch: out of the lower part of its box, down the column gap, into the
 * new track's first box, dashed. */
static void draw_arrows(const struct diagram *d, const struct grid *g, const int *from,
                        struct items *o)
{
	for (int i = 0; i < d->n; i++) {
		const struct diagram_role *a = &d->roles[i];
		int b = row_next(d, i);
		if (b < 0)
			continue;
		fx ym = row_y(g, a->row) + g->boxh / 2;
		fx xa = col_x(g, a->col) + g->colw, xb = col_x(g, d->roles[b].col);
		line(o, xa, ym, xb, ym, DG_LINE_W, DG_ARROW_RGB);
		head(o, xb, ym, g->headlen);
	}
	for (int r = 0; r < d->nrows; r++) {
		int a = from[r], b = row_first(d, r, 1);
		if (a < 0 || b < 0)
			continue;
		fx xa = col_x(g, d->roles[a].col) + g->colw, ya = row_y(g, d->roles[a].row) + g->boxh * 3 / 4;
		fx xb = col_x(g, d->roles[b].col), yb = row_y(g, r) + g->boxh / 2;
		fx gx = xa + g->gapx / 2;
		dashed(o, xa, ya, gx, ya);
		dashed(o, gx, ya, gx, yb);
		dashed(o, gx, yb, xb, yb);
		head(o, xb, yb, g->headlen);
	}
}

/* "This role" under the highlighted box, "Next step" under where it leads. */
static void draw_marks(struct lctx *L, const struct diagram *d, const struct grid *g,
                       struct items *o)
{
	int next[DG_NEXT_MAX];
	int nnext = d->highlight ? diagram_next_steps(d, d->highlight, next, DG_NEXT_MAX) : 0;
	for (int i = 0; i < d->n && g->mark > 0; i++) {
		const struct diagram_role *ro = &d->roles[i];
		int self = ro->chapter == d->highlight, step = 0;
		for (int k = 0; k < nnext; k++)
			step |= next[k] == ro->chapter;
		if (!self && !step)
			continue;
		fx x = col_x(g, ro->col), y = row_y(g, ro->row) + g->boxh + PT(2);
		fit_text(L, self ? "This role" : "Next step", self ? FACE_BOLD : FACE_REGULAR, DG_MARK_SIZE,
		         STYLE_ACCENT_RGB, AL_CENTER, x, y, g->colw, g->mark - PT(2), 500, 1, o);
	}
}

/* The boxes: fill, outline, text, link, in the order diagram.h promises. */
static void draw_boxes(struct lctx *L, const struct diagram *d, const struct book *bk,
                       const struct grid *g, const struct boxtext *bt, const int *sc,
                       struct items *o)
{
	fx iw = g->colw - 2 * g->pad, ih = g->boxh - 2 * g->pad;
	int next[DG_NEXT_MAX];
	int nnext = d->highlight ? diagram_next_steps(d, d->highlight, next, DG_NEXT_MAX) : 0;
	for (int i = 0; i < d->n; i++) {
		const struct diagram_role *ro = &d->roles[i];
		fx x = col_x(g, ro->col), y = row_y(g, ro->row);
		int ti = 0; /* the track's position among tracks, for its fill */
		for (int r = 1; r <= ro->row; r++)
			ti += !extra_row(d, r);
		int self = d->highlight && ro->chapter == d->highlight, step = 0;
		for (int k = 0; k < nnext; k++)
			step |= next[k] == ro->chapter;
		/* a thick outline is stroked half outside the box: the gaps leave room */
		fx lw = self ? DG_HIGHLIGHT_W : step ? DG_NEXT_W : DG_BOX_LINE_W;
		rect(o, x, y, g->colw, g->boxh, 0, self ? DG_HIGHLIGHT_RGB : track_rgb[ti % 4]);
		rect(o, x, y, g->colw, g->boxh, lw, self || step ? STYLE_ACCENT_RGB : DG_OUTLINE_RGB);
		fx need;
		int force = sc[i] < DG_SCALE_MIN;
		box_text(L, &bt[i], force ? DG_SCALE_MIN : sc[i], iw, ih, x + g->pad, y + g->pad, force, o,
		         &need);
		const char *key = bk->ch[ro->chapter].key;
		if (!model_has_key(bk, key))
			continue; /* its chapter is not in this edition */
		struct dl_item *ln = item_add(o, DL_LINK);
		ln->x = x;
		ln->y = y;
		ln->w = g->colw;
		ln->h = g->boxh;
		ln->len = (int)strlen(key);
		ln->str = arena_strndup(L->arena, key, (size_t)ln->len);
	}
}

void diagram_layout(struct lctx *L, const struct diagram *d, const struct book *bk,
                    const struct strmap *folios, fx width, fx height, struct vlist *out)
{
	const char *file = L->file;
	L->file = NULL; /* messages here concern the diagram, not the last file laid out */
	int n1 = d->n ? d->n : 1;
	struct items o = { 0 };
	struct boxtext *bt = xcalloc((size_t)n1, sizeof(*bt));
	int *sc = xcalloc((size_t)n1, sizeof(*sc));
	int *from = xcalloc((size_t)(d->nrows ? d->nrows : 1), sizeof(*from));
	fx *bx = xcalloc((size_t)(d->nphases ? d->nphases : 1), 2 * sizeof(*bx));
	vlist_add(out, VN_CHAPTER)->str = "Career journey";
	item_add(&o, DL_DEST)->str = "#career-journey";

	/* what each box says, and what the legend must explain */
	int any_page = 0, any_branch = 0;
	for (int i = 0; i < d->n; i++) {
		bt[i].code = d->roles[i].code;
		bt[i].title = d->roles[i].title;
		bt[i].role = &d->roles[i];
		int folio;
		if (folios && strmap_get(folios, bk->ch[d->roles[i].chapter].key, &folio)) {
			char num[24];
			snprintf(num, sizeof(num), "p.\xC2\xA0%d", folio); /* no break inside "p. 7" */
			bt[i].page = arena_strndup(L->arena, num, strlen(num));
			any_page = 1;
		}
	}
	for (int r = 0; r < d->nrows; r++)
		if ((from[r] = branch_from(d, r)) >= 0)
			any_branch = 1;
	fx y = title_legend(L, any_branch, any_page, d->highlight > 0, width, &o) + PT(16);

	/* geometry: columns, bands, then rows from the tallest box text */
	struct grid g;
	memset(&g, 0, sizeof(g));
	int nr = d->nrows > 0 ? d->nrows : 1;
	grid_columns(&g, d->ncols > 0 ? d->ncols : 1, width);
	g.strip = band_edges(L, d, &g, width, bx);
	g.capt = STYLE_LEADING(DG_TRACK_SIZE) + PT(1);
	g.mark = d->highlight ? STYLE_LEADING(DG_MARK_SIZE) + PT(3) : 0;
	g.band_pad = (d->nphases ? PT(8) : 0) + g.mark;
	fx nat = 0, need;
	struct lstats st = stats_save(L);
	for (int i = 0; i < d->n; i++)
		if (box_text(L, &bt[i], 1000, g.colw - 2 * g.pad, INT32_MAX / 2, 0, 0, 0, NULL, &need) &&
		    need > nat)
			nat = need;
	stats_restore(L, &st);
	grid_rows(&g, nr, y, height, nat);
	box_scales(L, bt, d->n, g.colw - 2 * g.pad, g.boxh - 2 * g.pad, sc);
	fx bottom = row_y(&g, nr - 1) + g.boxh + g.band_pad;

	/* back to front: bands, their labels, track names, arrows, boxes */
	for (int i = 0; i < d->nphases; i++) {
		fx bw = bx[2 * i + 1] - bx[2 * i];
		rect(&o, bx[2 * i], g.top, bw, bottom - g.top, 0, band_rgb[i % 2]);
		fit_text(L, d->phases[i].label, FACE_BOLD, DG_PHASE_SIZE, DG_PHASE_TEXT_RGB, AL_CENTER,
		         bx[2 * i] + PT(4), g.top + PT(3), bw - 2 * PT(4), g.strip - PT(3), 600, 1, &o);
	}
	draw_captions(L, d, &g, from, &o);
	draw_arrows(d, &g, from, &o);
	draw_boxes(L, d, bk, &g, bt, sc, &o);
	draw_marks(L, d, &g, &o);

	struct vnode *v = vlist_add(out, VN_BOX);
	v->h = bottom;
	v->items = arena_memdup(L->arena, o.v, sizeof(*o.v) * (size_t)o.n);
	v->n = o.n;
	free(o.v);
	free(bx);
	free(from);
	free(sc);
	free(bt);
	L->file = file;
}
