/* infer.c: what the framework model infers from the shapes authors write
 * (framework.h has the rules): the track of each role (front matter, a
 * track comment, folders, code ladders, the title without its seniority
 * words), ranks from the README's order, and which chapters are no roles.
 * framework.c builds the grid and the relations from these answers. */
#include "infer.h"
#include "level.h"
#include "md.h"
#include "titlewords.h"

#include <ctype.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
char *infer_normalise(const char *s, size_t n)
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
		w[k] = s[k];
	while (k < len && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--; /* a long word is cut before a whole character */
	w[k] = 0;
	titlewords_lower(w);
}

static int has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}


/* Longest title word we compare; longer words are never seniority words. */
#define WORD_MAX 32
/* Words of a title considered; the rest are kept as they are. */
#define TITLE_WORDS_MAX 64

/* The track a role title names: the title without its seniority words.
 * Returns a malloc'd string; the whole title when nothing would be left. */
static char *track_from_title(const char *title)
{
	return framework_title_track(title);
}

char *framework_title_track(const char *title)
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
	/* the last word before any grade is the job's noun: "Tech Lead 6" is
	 * the track Tech Lead, where "Lead Engineer" is Engineer */
	int noun = n - 1;
	for (; noun > 0 && !rest; noun--) {
		word_core(ws[noun], wl[noun], w, sizeof(w));
		int digits = w[0] != 0;
		for (const char *q = w; *q; q++)
			digits &= isdigit((unsigned char)*q) != 0;
		if (!digits && !in_list(w, grade_words, sizeof(grade_words) / sizeof(*grade_words)))
			break;
	}
	for (int i = 0; i < n; i++) {
		word_core(ws[i], wl[i], w, sizeof(w));
		if (i == noun && i > 0 && !rest)
			continue;
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
		return infer_normalise(title, strlen(title));
	}
	char *r = infer_normalise(b.data, b.len);
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
			char *name = infer_normalise(q, (size_t)(e - q));
			if (name[0])
				found = name;
			else
				free(name);
		}
	}
	cmark_iter_free(it);
	return found;
}

/* "backend-engineering/senior.md" -> "Backend engineering"; malloc'd, or
 * NULL for a file at the top. */
static char *folder_name(const char *file)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		return NULL;
	const char *from = file;
	for (const char *p = file; p < slash; p++)
		if (*p == '/')
			from = p + 1;
	struct buf b;
	buf_init(&b);
	for (const char *p = from; p < slash; p++)
		buf_addc(&b, *p == '-' || *p == '_' ? ' ' : *p);
	buf_cstr(&b);
	if (b.len)
		b.data[0] = (char)toupper((unsigned char)b.data[0]);
	return buf_detach(&b);
}

/* When the roles live in two or more folders (one folder per track or
 * stack), a role in a folder is in the track the folder names. */
/* 1 when a title is only seniority words ("Senior", "Staff"): a rung of
 * a ladder whose track its folder or file names. */
static int bare_title(const char *title)
{
	char w[WORD_MAX];
	const char *e = title;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	word_core(title, (size_t)(e - title), w, sizeof(w));
	char *t = framework_title_track(title), *whole = infer_normalise(title, strlen(title));
	int bare = !strcmp(t, whole) && in_list(w, seniority_words, sizeof(seniority_words) / sizeof(*seniority_words));
	free(t);
	free(whole);
	return bare;
}

/* Roles of one folder (or one list) with no level code whose titles all
 * name different jobs ("Data Analyst", "Agile Coach", "QA Engineer") are
 * no ladder: each is a track of its own (TRACK_JOB).  Marks them in
 * commented so no folder name is given them. */
static void job_tracks(const struct model *bk, const struct content *c, struct fw_role *r, int n,
                       const int *chap, char **names, int *commented)
{
	for (int i = 0; i < n; i++) {
		char *fi = folder_name(c->v[bk->ch[chap[i]].src].name);
		int members = 0, jobs = 1, first = 1;
		struct strmap *seen = strmap_new();
		for (int j = 0; j < n && jobs; j++) {
			char *fj = folder_name(c->v[bk->ch[chap[j]].src].name);
			int same = (!fi && !fj) || (fi && fj && !strcmp(fi, fj));
			free(fj);
			if (!same || commented[j])
				continue;
			first &= j >= i;
			members++;
			char *key = infer_normalise(names[j], strlen(names[j]));
			for (char *p = key; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			jobs = bk->ch[chap[j]].rank < 0 && !bare_title(r[j].title) && !strmap_get(seen, key, NULL);
			strmap_put(seen, key, 1);
			free(key);
		}
		strmap_free(seen);
		free(fi);
		if (!first || members < 2 || !jobs)
			continue; /* each folder once, from its first role */
		for (int j = i; j < n; j++) {
			char *fj = folder_name(c->v[bk->ch[chap[j]].src].name);
			char *f2 = folder_name(c->v[bk->ch[chap[i]].src].name);
			int same = (!f2 && !fj) || (f2 && fj && !strcmp(f2, fj));
			free(fj);
			free(f2);
			if (same && !commented[j]) {
				free(names[j]); /* the job's whole title: "Data Science Team Lead" */
				names[j] = infer_normalise(r[j].title, strlen(r[j].title));
				commented[j] = 1;
				r[j].track_from = TRACK_JOB;
			}
		}
	}
}

static void folder_tracks(const struct model *bk, const struct content *c, struct fw_role *r, int n,
                          const int *chap, char **names, int *commented)
{
	job_tracks(bk, c, r, n, chap, names, commented);
	struct strmap *folders = strmap_new();
	for (int i = 0; i < n; i++) {
		char *f = folder_name(c->v[bk->ch[chap[i]].src].name);
		strmap_put(folders, f ? f : "", 0);
		free(f);
	}
	for (int i = 0; strmap_count(folders) >= 2 && i < n; i++) {
		char *f = folder_name(c->v[bk->ch[chap[i]].src].name);
		if (!commented[i] && f && f[0]) {
			free(names[i]);
			names[i] = f;
			commented[i] = 1;
			r[i].track_from = TRACK_FOLDER;
		} else {
			free(f);
		}
	}
	strmap_free(folders);
}

/* The track of each role, by the rules in framework.h: a track comment,
 * else the ladder of its code when the codes use several ladders (IC and
 * M: each ladder is a track, named by what most of its titles say), else
 * the title without its seniority words.  Fills r[i]'s chapter, code,
 * title and rank; returns a malloc'd array of n malloc'd names. */
char **infer_track_names(const struct model *bk, const struct content *c, struct fw_role *r, int n,
                          const int *chap)
{
	char **names = xcalloc((size_t)n, sizeof(*names));
	int *commented = xcalloc((size_t)n, sizeof(*commented));
	struct strmap *ladders = strmap_new();
	for (int i = 0; i < n; i++) {
		const struct chapter *ch = &bk->ch[chap[i]];
		r[i].chapter = chap[i];
		r[i].file = c->v[ch->src].path; /* a title too long for its box is reported there */
		for (int k = 0; k < ch->nh && !r[i].line; k++)
			if (ch->h[k].level == 1) {
				r[i].line = md_line(ch->h[k].node);
				r[i].column = cmark_node_get_start_column(ch->h[k].node);
			}
		r[i].code = ch->code;
		r[i].title = ch->role ? ch->role : ch->title;
		r[i].level = ch->rank;
		r[i].rank_from = ch->rank_from;
		const struct source *src = ch->src >= 0 && ch->src < c->n ? &c->v[ch->src] : NULL;
		if (src && src->fm.v[FM_TRACK] && src->fm.v[FM_TRACK][0]) {
			names[i] = infer_normalise(src->fm.v[FM_TRACK], strlen(src->fm.v[FM_TRACK]));
			/* a key's value, often lower case (track: technical): a heading in the book */
			if (names[i][0] >= 'a' && names[i][0] <= 'z')
				names[i][0] = (char)(names[i][0] - 'a' + 'A');
			r[i].track_from = src->track_of_file == 2 ? TRACK_SECTION : src->track_of_file ? TRACK_FILE : TRACK_FRONT;
		} else if (src && src->root && (names[i] = track_comment(src->root)) != NULL) {
			r[i].track_from = TRACK_COMMENT;
		}
		commented[i] = names[i] != NULL;
		if (!names[i])
			names[i] = track_from_title(r[i].title);
		if (ch->ladder[0])
			strmap_put(ladders, ch->ladder, 0);
	}
	folder_tracks(bk, c, r, n, chap, names, commented);
	if (strmap_count(ladders) >= 2) {
		/* per ladder, the title-derived name most of its roles share (ties:
		 * the first in the book): counted under "LADDER\x01name" */
		struct strmap *count = strmap_new();
		int *best = xcalloc((size_t)n, sizeof(*best)); /* per role: its ladder's best so far */
		struct strmap *ladder_best = strmap_new();     /* ladder -> role holding its best name */
		for (int i = 0; i < n; i++) {
			const char *lad = bk->ch[chap[i]].ladder;
			if (commented[i] || !lad[0])
				continue;
			struct buf k;
			buf_init(&k);
			buf_addf(&k, "%s\x01", lad);
			for (const char *p = names[i]; *p; p++)
				buf_addc(&k, tolower((unsigned char)*p));
			int cnt = 0, b = -1, bcnt = 0;
			strmap_get(count, k.data, &cnt);
			strmap_put(count, k.data, ++cnt);
			buf_done(&k);
			if (strmap_get(ladder_best, lad, &b))
				bcnt = best[b];
			if (b < 0 || cnt > bcnt) {
				strmap_put(ladder_best, lad, i);
				best[i] = cnt;
			} else if (!strcasecmp(names[b], names[i])) {
				best[b] = cnt;
			}
		}
		for (int i = 0; i < n; i++) {
			int b;
			const char *lad = bk->ch[chap[i]].ladder;
			if (commented[i] || !lad[0] || !strmap_get(ladder_best, lad, &b) || b == i)
				continue;
			free(names[i]);
			names[i] = xstrdup(names[b]);
		}
		for (int i = 0; i < n; i++)
			if (!commented[i] && bk->ch[chap[i]].ladder[0])
				r[i].track_from = TRACK_LADDER;
		free(best);
		strmap_free(ladder_best);
		strmap_free(count);
	}
	strmap_free(ladders);
	free(commented);
	return names;
}

/* A track of two or more roles most of which have no level code ("Engineer",
 * "Engineer II", "Senior Engineer") is ranked by the order the README lists
 * them, which is how such frameworks write their ladders.  Returns 1 when
 * some track was. */
int infer_rank_by_order(struct fw_role *r, int n, const int *tk, const struct fw_track *t, int nt)
{
	int *ranked = xcalloc((size_t)nt + 1, sizeof(*ranked)), *pos = xcalloc((size_t)nt + 1, sizeof(*pos));
	int any = 0;
	for (int i = 0; i < n; i++)
		ranked[tk[i]] += r[i].level >= 0 && r[i].rank_from != LEVEL_FRONT;
	for (int i = 0; i < n; i++) {
		int k = tk[i];
		if (t[k].nroles < 2 || ranked[k] * 2 >= t[k].nroles || r[i].rank_from == LEVEL_FRONT)
			continue;
		r[i].level = ++pos[k] * LEVEL_SUB;
		r[i].rank_from = LEVEL_ORDER;
		any = 1;
	}
	/* most are ranked: one without a code after a ranked role of its
	 * track ("Senior Platform Engineer" after "Platform Engineer II")
	 * takes the next rank */
	int *last = pos;
	memset(last, 0, sizeof(*last) * ((size_t)nt + 1));
	for (int i = 0; i < n; i++) {
		int k = tk[i];
		if (ranked[k] * 2 < t[k].nroles)
			continue;
		if (r[i].level >= 0) {
			last[k] = r[i].level / LEVEL_SUB > last[k] ? r[i].level / LEVEL_SUB : last[k];
		} else if (last[k] > 0 && last[k] < INFER_LEVEL_MAX) {
			r[i].level = ++last[k] * LEVEL_SUB;
			r[i].rank_from = LEVEL_AFTER;
			any = 1;
		}
	}
	free(ranked);
	free(pos);
	return any;
}

/* The next word of a title from *p into cur (word_core's form), *p past
 * it; 0 at the end.  Words are runs of letters, digits, '-' and non-ASCII
 * bytes. */
static int next_word(const char **p, char *cur, size_t n)
{
	const char *s = *p;
	while (*s && !isalnum((unsigned char)*s) && (unsigned char)*s < 0x80)
		s++;
	const char *e = s;
	while (*e && (isalnum((unsigned char)*e) || *e == '-' || (unsigned char)*e >= 0x80))
		e++;
	*p = e;
	if (e == s)
		return 0;
	word_core(s, (size_t)(e - s), cur, n);
	return 1;
}

const char *infer_page_word(const char *title, char *w, size_t n)
{
	char cur[WORD_MAX];
	int found = 0, job;
	const char *cjk = titlewords_cjk(title, &job);
	if (job)
		return NULL;
	if (cjk) {
		snprintf(w, n, "%s", cjk);
		return w;
	}
	for (const char *p = title; next_word(&p, cur, sizeof(cur));) {
		if (titlewords_job(cur))
			return NULL;
		if (!found && titlewords_page(cur)) {
			snprintf(w, n, "%s", cur);
			found = 1;
		}
	}
	return found ? w : NULL;
}

/* 1 when a file has nothing but its front matter: a site's section page
 * (just-the-docs has_children) whose children hold the text.  A file with
 * a heading alone is a role still to be written. */
static int empty_page(cmark_node *root)
{
	return !root || !cmark_node_first_child(root);
}

int framework_title_senior(const char *title)
{
	char cur[WORD_MAX];
	for (const char *p = title; next_word(&p, cur, sizeof(cur));)
		if (in_list(cur, seniority_words, sizeof(seniority_words) / sizeof(*seniority_words)))
			return 1;
	return 0;
}

int infer_job_title(const char *title)
{
	char cur[WORD_MAX];
	int job;
	titlewords_cjk(title, &job);
	for (const char *p = title; !job && next_word(&p, cur, sizeof(cur));)
		job = titlewords_job(cur);
	return job;
}

/* The expectations of chapter i's competency sections (sections.h). */
static int expectations(const struct model *bk, const struct content *c, int i)
{
	struct section *sec = NULL;
	int nsec = sections_competencies(bk, c, i, &sec), n = 0;
	for (int k = 0; k < nsec; k++)
		n += sec[k].nexp;
	sections_free(sec, nsec);
	return n;
}

/* A front-matter yes or no: 1, 0, or -1 for neither. */
static int yes_no(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on" }, *const no[] = { "false", "no", "off" };
	for (size_t i = 0; i < 3; i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

static int declares_level(const struct source *s)
{
	return s->fm.v[FM_LEVEL] && s->fm.v[FM_LEVEL][0];
}

/* 1 when the authors list the ladder in the front matter: two or more
 * chapters are ranked, and every ranked one declares its level there. */
/* 1 when a title sets two things side by side ("Tech Lead vs Engineering
 * Manager", "IC versus manager"): a page comparing roles, no job of its own. */
static int compares_roles(const char *title)
{
	char cur[WORD_MAX];
	int words = 0, at = -1;
	for (const char *p = title; next_word(&p, cur, sizeof(cur)); words++)
		if (at < 0 && (!strcmp(cur, "vs") || !strcmp(cur, "versus")))
			at = words;
	return at > 0 && at < words - 1;
}

static int ladder_declared(const struct model *bk, const struct content *c)
{
	int ranked = 0;
	for (int i = 1; i < bk->n; i++) {
		if (bk->ch[i].rank < 0)
			continue;
		if (!declares_level(&c->v[bk->ch[i].src]))
			return 0;
		ranked++;
	}
	return ranked >= 2;
}

int infer_chapter_kind(const struct model *bk, const struct content *c, int i, struct diags *d)
{
	const struct chapter *ch = &bk->ch[i];
	const struct source *s = &c->v[ch->src];
	const char *say = s->fm.v[FM_ROLE];
	int said = say ? yes_no(say) : -1;
	if (say && said < 0 && d)
		diag_warn(d, s->path, s->fm.line[FM_ROLE], "front matter: role '%.40s' is neither true nor false; "
		          "it is ignored", say);
	if (said >= 0)
		return said ? CHAPTER_ROLE : CHAPTER_DECLARED;
	if (s->landing && !declares_level(s))
		return CHAPTER_LANDING;
	if (ch->rank >= 0 || s->part_of || s->matrix_in || s->track_of_file)
		return CHAPTER_ROLE;
	if (!s->in_listing && s->listed_line != 0)
		return CHAPTER_MENTIONED;
	char w[WORD_MAX];
	const char *title = ch->role ? ch->role : ch->title;
	if (compares_roles(title))
		return CHAPTER_COMPARISON;
	if (infer_page_word(title, w, sizeof(w)))
		return CHAPTER_TITLE;
	if (empty_page(s->root))
		return CHAPTER_EMPTY;
	if (!infer_job_title(title) && !expectations(bk, c, i))
		return CHAPTER_CONTENT;
	/* every level says level: in its front matter, and this file has
	 * neither that nor a code: a page about the ladder ("Executive
	 * leadership: outside the ladder"), not a rung of it */
	if (ladder_declared(bk, c))
		return CHAPTER_UNDECLARED;
	return CHAPTER_ROLE;
}
