/* framework.c: roles, ranks, tracks, phases and the relations between
 * roles, inferred from the book and its files (the rules are in
 * framework.h), and the queries every later stage asks of them. */
#include "framework.h"
#include "infer.h"
#include "level.h"
#include "md.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>



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
		v = v > INFER_LEVEL_MAX ? INFER_LEVEL_MAX : v;
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


static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Phases from the README's list items; appended to d in column order. */
static void find_phases(cmark_node *readme, const int *lv, int nlev, struct framework *d)
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
		char *label = infer_normalise(t.data ? t.data : "", t.len);
		buf_done(&t);
		int from = 0, to = nlev - 1;
		while (from < nlev && lv[from] < lo * LEVEL_SUB)
			from++;
		while (to >= 0 && lv[to] >= (hi + 1) * LEVEL_SUB)
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


/* "next: FILE-OR-ROLE" in a role's front matter names its next level
 * outright: the way out when ranks and tracks say otherwise. */
/* A declared next level as the name of a file: the target of a Markdown
 * link ("[Senior](senior.md)") or a path, read from the declaring file's
 * folder as GitHub reads its links ("./senior.md", "../mgmt/m1.md");
 * NULL when want is neither.  Malloc'd. */
static char *next_file(const char *want, const char *file)
{
	const char *t = want, *e = want + strlen(want);
	if (*want == '[') { /* [text](target) */
		const char *m = strstr(want, "](");
		if (!m || e[-1] != ')')
			return NULL;
		t = m + 2;
		e--;
	}
	const char *hash = memchr(t, '#', (size_t)(e - t));
	if (hash)
		e = hash;
	if (e - t < 4 || strncasecmp(e - 3, ".md", 3) || memchr(t, ' ', (size_t)(e - t)))
		return NULL;
	struct buf in, out;
	buf_init(&in);
	buf_init(&out);
	const char *slash = strrchr(file, '/');
	if (slash)
		buf_add(&in, file, (size_t)(slash - file + 1));
	char *target = xstrndup(t, (size_t)(e - t));
	buf_add_url_path(&in, target); /* "02%20Expert.md", as links are written */
	free(target);
	buf_cstr(&in);
	int ok = 1;
	for (const char *p = in.data; *p;) { /* "." and ".." applied as text */
		const char *q = strchr(p, '/');
		size_t k = q ? (size_t)(q - p) : strlen(p);
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			ok &= out.len > 0;
			while (out.len && out.data[out.len - 1] != '/')
				out.len--;
			if (out.len)
				out.len--;
		} else if (k && !(k == 1 && p[0] == '.')) {
			if (out.len)
				buf_addc(&out, '/');
			buf_add(&out, p, k);
		}
		p += k + (q ? 1 : 0);
	}
	buf_done(&in);
	if (!ok) {
		buf_done(&out);
		return NULL;
	}
	buf_cstr(&out);
	return buf_detach(&out);
}

static void declared_next(struct framework *fw, const struct model *bk, const struct content *c,
                          struct fw_role *r, int n, struct diags *d)
{
	int *cand = xcalloc((size_t)bk->n, sizeof(*cand));
	for (int i = 0; i < n; i++) {
		const struct source *s = &c->v[bk->ch[r[i].chapter].src];
		const char *want = s->fm.v[FM_NEXT];
		if (!want || !want[0])
			continue;
		int nc = 0, ch = 0;
		char *f = next_file(want, s->name);
		if (f)
			ch = framework_find_role(fw, bk, c, f, cand, &nc);
		free(f);
		if (ch <= 0)
			ch = framework_find_role(fw, bk, c, want, cand, &nc);
		if (ch > 0 && ch != r[i].chapter) {
			r[i].next = ch;
			r[i].next_declared = 1;
		} else if (d) {
			diag_warn(d, s->path, s->fm.line[FM_NEXT], "front matter: next '%.60s' %s; the next level "
			          "is inferred", want, ch == FRAMEWORK_AMBIGUOUS ? "matches more than one role"
			          : ch > 0 ? "is this role itself" : "names no role");
		}
	}
	free(cand);
	(void)fw;
}

static void index_grid(struct framework *d);

/* Numbers the tracks by first appearance (names compare without case):
 * tk[i] is role i's, t[k] gets the name (names[i] is taken or freed).
 * Returns how many. */
static int group_tracks(char **names, int n, int *tk, struct fw_track *t)
{
	struct strmap *byname = strmap_new();
	int nt = 0;
	for (int i = 0; i < n; i++) {
		char *key = xstrdup(names[i]);
		for (char *p = key; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		int k;
		if (!strmap_get(byname, key, &k)) {
			k = nt++;
			strmap_put(byname, key, k);
			t[k].name = names[i];
		} else {
			free(names[i]);
		}
		free(key);
		tk[i] = k;
		t[k].nroles++;
	}
	strmap_free(byname);
	return nt;
}

/* Each track's lowest rank, and the ranks of all roles in lv (with
 * repeats); *nocode is 1 when some role has none.  Returns how many. */
static int track_levels(const struct fw_role *r, int n, const int *tk, struct fw_track *t, int nt, int *lv,
                        int *nocode)
{
	int nlev = 0;
	*nocode = 0;
	for (int k = 0; k < nt; k++)
		t[k].lowest = INT_MAX;
	for (int i = 0; i < n; i++) {
		if (r[i].level < 0) {
			*nocode = 1;
			continue;
		}
		if (r[i].level < t[tk[i]].lowest)
			t[tk[i]].lowest = r[i].level;
		lv[nlev++] = r[i].level;
	}
	return nlev;
}

/* Columns: the distinct ranks in order (lv is sorted and made unique in
 * place), then one for roles without a rank.  Returns the distinct ranks. */
static int place_columns(struct fw_role *r, int n, int *lv, int nlev)
{
	qsort(lv, (size_t)nlev, sizeof(*lv), cmp_int);
	int u = 0;
	for (int i = 0; i < nlev; i++)
		if (!u || lv[i] != lv[u - 1])
			lv[u++] = lv[i];
	for (int i = 0; i < n; i++) {
		if (r[i].level < 0) {
			r[i].col = u;
			continue;
		}
		int *at = bsearch(&r[i].level, lv, (size_t)u, sizeof(*lv), cmp_int);
		r[i].col = (int)(at - lv);
	}
	return u;
}

/* Rows: the track holding the lowest rank (most roles, then earliest)
 * first, then by lowest rank, ties by order of appearance; a role whose
 * cell its track already fills goes one row further down (the k-th role
 * of a track at one rank takes the track's k-th row).  Fills out->tracks,
 * nrows and each role's row and track. */
static void place_rows(struct framework *out, struct fw_role *r, int n, const int *tk, struct fw_track *t,
                       int nt)
{
	int *order = xcalloc((size_t)nt, sizeof(*order));
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
	int *sub = xcalloc((size_t)n, sizeof(*sub)); /* role -> row within its track */
	for (int i = 0; i < n; i++) {
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
	free(sub);
	free(order);
}

/* The next level: same track, the lowest rank above (ties: the first in
 * the book). */
static void infer_next(struct fw_role *r, int n, const int *tk)
{
	for (int i = 0; i < n; i++) {
		int best = -1;
		for (int j = 0; j < n && r[i].level >= 0; j++)
			if (tk[j] == tk[i] && r[j].level > r[i].level && (best < 0 || r[j].level < r[best].level))
				best = j;
		r[i].next = best < 0 ? 0 : r[best].chapter;
	}
}

int framework_build(struct framework *out, const struct model *bk, const struct content *c,
                    struct diags *d)
{
	memset(out, 0, sizeof(*out));
	int *chap = xcalloc((size_t)bk->n + 1, sizeof(*chap)), n = 0;
	out->kind = xcalloc((size_t)bk->n + 1, sizeof(*out->kind));
	for (int i = 1; i < bk->n; i++)
		if ((out->kind[i] = infer_chapter_kind(bk, c, i, d)) == CHAPTER_ROLE)
			chap[n++] = i;
	/* no page looks like a job: the inference is wrong, not the book */
	for (int i = 1; n == 0 && i < bk->n; i++)
		if (out->kind[i] == CHAPTER_TITLE || out->kind[i] == CHAPTER_EMPTY || out->kind[i] == CHAPTER_CONTENT)
			chap[n++] = i, out->kind[i] = CHAPTER_ROLE;
	if (n <= 0) {
		free(chap);
		free(out->kind);
		out->kind = NULL;
		return -1;
	}
	struct fw_role *r = xcalloc((size_t)n, sizeof(*r));
	int *tk = xcalloc((size_t)n, sizeof(*tk));     /* role -> track */
	int *lv = xcalloc((size_t)n, sizeof(*lv));     /* distinct levels */
	struct fw_track *t = xcalloc((size_t)n, sizeof(*t));
	char **names = infer_track_names(bk, c, r, n, chap);
	int nt = group_tracks(names, n, tk, t), nocode = 0;
	free(names);
	int nlev = track_levels(r, n, tk, t, nt, lv, &nocode);
	if (infer_rank_by_order(r, n, tk, t, nt)) /* the levels again, from the ranks the order gave */
		nlev = track_levels(r, n, tk, t, nt, lv, &nocode);
	nlev = place_columns(r, n, lv, nlev);
	out->ncols = nlev + nocode;
	place_rows(out, r, n, tk, t, nt);
	out->roles = r;
	out->n = n;
	if (c->n > 0 && c->v[0].root)
		find_phases(c->v[0].root, lv, nlev, out);
	out->landscape = out->ncols > FRAMEWORK_PORTRAIT_MAX_COLS;
	infer_next(r, n, tk);
	declared_next(out, bk, c, r, n, d);
	out->nchap = bk->n;
	out->role_of = xmalloc(sizeof(*out->role_of) * (size_t)bk->n);
	for (int i = 0; i < bk->n; i++)
		out->role_of[i] = -1;
	for (int i = 0; i < n; i++) {
		out->role_of[r[i].chapter] = i;
		r[i].nsec = sections_competencies(bk, c, r[i].chapter, &r[i].sec);
		for (int k = 0; k < r[i].nsec; k++)
			r[i].nexpect += r[i].sec[k].nexp;
	}
	sections_public(bk, c, &out->pub);
	index_grid(out);
	free(chap);
	for (int k = 0; k < nt; k++)
		free(t[k].name);
	free(t);
	free(lv);
	free(tk);
	return 0;
}

void framework_done(struct framework *d)
{
	for (int i = 0; i < d->nrows; i++)
		free(d->tracks[i]);
	free(d->tracks);
	for (int i = 0; i < d->nphases; i++)
		free(d->phases[i].label);
	free(d->phases);
	for (int i = 0; i < d->n; i++)
		sections_free(d->roles[i].sec, d->roles[i].nsec);
	free(d->roles);
	free(d->role_of);
	free(d->kind);
	free(d->grid_next);
	free(d->grid_first);
	sections_public_done(&d->pub);
	memset(d, 0, sizeof(*d));
}

static int role_of(const struct framework *d, int chap)
{
	return d->role_of && chap >= 0 && chap < d->nchap ? d->role_of[chap] : -1;
}

int framework_chapter_kind(const struct framework *fw, int chap)
{
	return fw->kind && chap > 0 && chap < fw->nchap ? fw->kind[chap] : CHAPTER_ROLE;
}

const struct fw_role *framework_role(const struct framework *fw, int chap)
{
	int r = role_of(fw, chap);
	return r < 0 ? NULL : &fw->roles[r];
}

const char *framework_track(const struct framework *d, int chap)
{
	int r = role_of(d, chap);
	return r < 0 ? NULL : d->roles[r].track;
}


/* The role the in-row arrow from role a leads to, or -1. */
static int scan_row_next(const struct framework *d, int a)
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

int framework_next_steps(const struct framework *d, int chap, int *out, int max)
{
	int a = role_of(d, chap), n = 0;
	if (a < 0)
		return 0;
	int b = framework_row_next(d, a);
	if (b >= 0 && n < max)
		out[n++] = d->roles[b].chapter;
	for (int r = 0; r < d->nrows; r++) {
		int f = framework_row_first(d, r, 1);
		if (framework_branch_from(d, r) == a && f >= 0 && n < max)
			out[n++] = d->roles[f].chapter;
	}
	return n;
}

/* The leftmost role of a row (with a level, when levelled), or -1. */
static int scan_row_first(const struct framework *d, int row, int levelled)
{
	int f = -1;
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].row == row && (!levelled || d->roles[i].level >= 0) &&
		    (f < 0 || d->roles[i].col < d->roles[f].col))
			f = i;
	return f;
}

/* 1 when a row continues the track above it (two roles at one level). */
int framework_extra_row(const struct framework *d, int row)
{
	return row > 0 && !strcmp(d->tracks[row], d->tracks[row - 1]);
}

/* The branch into the first box of each track that starts above the lowest
 * level: from the box, in the first row holding it, of the level just
 * below.  Returns the role index, or -1. */
static int scan_branch_from(const struct framework *d, int row)
{
	int b = scan_row_first(d, row, 1);
	if (b < 0 || d->roles[b].col == 0 || framework_extra_row(d, row))
		return -1;
	int a = -1;
	for (int i = 0; i < d->n; i++)
		if (d->roles[i].col == d->roles[b].col - 1 && d->roles[i].row != row &&
		    (a < 0 || d->roles[i].row < d->roles[a].row))
			a = i;
	return a;
}


/* The grid's neighbours, found once: the diagram asks for them for every
 * box of every role's edition, and each scan is linear in the roles. */
static void index_grid(struct framework *d)
{
	d->grid_next = xmalloc(sizeof(*d->grid_next) * (size_t)d->n);
	for (int i = 0; i < d->n; i++)
		d->grid_next[i] = scan_row_next(d, i);
	int nr = d->nrows ? d->nrows : 1;
	d->grid_first = xmalloc(sizeof(*d->grid_first) * 3 * (size_t)nr);
	for (int r = 0; r < d->nrows; r++) {
		d->grid_first[3 * r] = scan_row_first(d, r, 0);
		d->grid_first[3 * r + 1] = scan_row_first(d, r, 1);
		d->grid_first[3 * r + 2] = scan_branch_from(d, r);
	}
}

int framework_row_next(const struct framework *d, int a)
{
	return d->grid_next ? d->grid_next[a] : scan_row_next(d, a);
}

int framework_row_first(const struct framework *d, int row, int levelled)
{
	return d->grid_first ? d->grid_first[3 * row + !!levelled] : scan_row_first(d, row, levelled);
}

int framework_branch_from(const struct framework *d, int row)
{
	return d->grid_first ? d->grid_first[3 * row + 2] : scan_branch_from(d, row);
}


/* The file name of chapter chap without ".md", its folders joined by '-'. */
static void role_stem(const struct model *bk, const struct content *c, int chap, struct buf *out)
{
	const char *name = c->v[bk->ch[chap].src].name;
	size_t n = strlen(name);
	if (n > 3 && !strcasecmp(name + n - 3, ".md"))
		n -= 3;
	for (size_t i = 0; i < n; i++)
		buf_addc(out, name[i] == '/' ? '-' : name[i]);
	buf_cstr(out);
}

void framework_role_name(const struct model *bk, const struct content *c, int chap, struct buf *out)
{
	/* the folders stay in the name, joined by '-': two tracks' folders may
	 * both hold a senior.md, and --all-roles must not write one over the
	 * other.  Names that still meet ("backend/senior.md" and
	 * "backend-senior.md", or "Senior.md" and "senior.md" on a file system
	 * that ignores case) are told apart by a number after the first. */
	struct buf me, other;
	buf_init(&me);
	buf_init(&other);
	role_stem(bk, c, chap, &me);
	int same = 0;
	for (int i = 1; i < chap; i++) {
		other.len = 0;
		role_stem(bk, c, i, &other);
		same += !strcasecmp(me.data, other.data);
	}
	buf_add(out, me.data, me.len);
	if (same)
		buf_addf(out, "-%d", same + 1);
	buf_cstr(out);
	buf_done(&me);
	buf_done(&other);
}

int framework_find_role(const struct framework *fw, const struct model *bk, const struct content *c,
                        const char *name, int *cand, int *ncand)
{
	*ncand = 0;
	for (int k = 0; k < fw->n; k++) { /* a level file's exact name is never ambiguous */
		int i = fw->roles[k].chapter;
		if (!strcmp(c->v[bk->ch[i].src].name, name))
			return cand[(*ncand)++] = i;
	}
	char *want = sections_title_key(name);
	/* names and titles first; a bare level code only when nothing else matched */
	for (int k = 0; k < fw->n && want[0]; k++) {
		int i = fw->roles[k].chapter;
		struct buf stem;
		buf_init(&stem);
		framework_role_name(bk, c, i, &stem);
		const char *file = c->v[bk->ch[i].src].name, *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		char *a = sections_title_key(stem.data ? stem.data : ""), *t = sections_title_key(bk->ch[i].title),
		     *r = sections_title_key(bk->ch[i].role), *p = sections_title_key(file),
		     *q = sections_title_key(base);
		if (!strcmp(want, a) || !strcmp(want, t) || !strcmp(want, r) || !strcmp(want, p) || !strcmp(want, q))
			cand[(*ncand)++] = i;
		free(a);
		free(t);
		free(r);
		free(p);
		free(q);
		buf_done(&stem);
	}
	if (*ncand == 0 && want[0])
		for (int k = 0; k < fw->n; k++) {
			int i = fw->roles[k].chapter;
			if (bk->ch[i].code && !strcasecmp(bk->ch[i].code, want))
				cand[(*ncand)++] = i;
		}
	free(want);
	if (*ncand == 1)
		return cand[0];
	if (*ncand > 1)
		return FRAMEWORK_AMBIGUOUS;
	for (int k = 0; k < fw->n; k++)
		cand[(*ncand)++] = fw->roles[k].chapter;
	return FRAMEWORK_UNKNOWN;
}

