/* split.c: a file whose sections are levels, cut into one source per
 * level right after loading (see split.h for the rule).  It moves the
 * file's top-level nodes into new document roots; no text is parsed again,
 * so every node keeps its line in the real file. */
#include "split.h"
#include "content.h"
#include "framework.h"
#include "infer.h"
#include "level.h"
#include "md.h"
#include "topics.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Reads heading h's level code into *lc and, when title is not NULL, its
 * title without the code into *title (malloc'd). */
static void heading_code(cmark_node *h, struct level_code *lc, char **title)
{
	struct buf b;
	buf_init(&b);
	md_text(h, &b);
	const char *start;
	size_t len;
	char *alloc;
	level_read(buf_cstr(&b), NULL, lc, &start, &len, &alloc);
	if (title)
		*title = alloc ? xstrdup(alloc) : xstrndup(start, len);
	free(alloc);
	buf_done(&b);
}

/* 1 when heading h names a level: a code in its title, or a roman grade. */
static int names_level(cmark_node *h)
{
	struct level_code lc;
	heading_code(h, &lc, NULL);
	return lc.rank >= 0 && (lc.from == LEVEL_TITLE || lc.from == LEVEL_TITLE_END || lc.from == LEVEL_GRADE);
}

static int heading_level(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
}

/* The track heading h's title names, its level code left out (malloc'd). */
static char *heading_track(cmark_node *h)
{
	struct level_code lc;
	char *title;
	heading_code(h, &lc, &title);
	char *t = framework_title_track(title);
	free(title);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

/* The tracks of a ladder written without level codes, in the headings at
 * level lvl: a track two or more of them name, at least one with
 * seniority words ("Software Engineer", "Senior Software Engineer", "Staff
 * Software Engineer"); NULL-terminated, malloc'd.  *n: how many. */
static char **job_tracks(cmark_node *root, int lvl, int *count)
{
	char **all = NULL, **v = NULL;
	int *senior = NULL, *seen = NULL;
	int na = 0, acap = 0, scap = 0, ncap = 0, n = 0, cap = 0;
	struct strmap *index = strmap_new(); /* track -> its place in all: 50,000 headings stay linear */
	for (cmark_node *h = cmark_node_first_child(root); h; h = cmark_node_next(h)) {
		if (heading_level(h) != lvl)
			continue;
		struct buf t;
		buf_init(&t);
		md_text(h, &t);
		char *tr = heading_track(h);
		int i;
		if (!strmap_get(index, tr, &i)) {
			i = na;
			strmap_put(index, tr, i);
			GROW(all, acap, na + 1);
			GROW(senior, scap, na + 1);
			GROW(seen, ncap, na + 1);
			all[na] = tr, senior[na] = 0, seen[na] = 0, na++;
		} else {
			free(tr);
		}
		seen[i]++;
		senior[i] |= framework_title_senior(buf_cstr(&t));
		buf_done(&t);
	}
	strmap_free(index);
	for (int i = 0; i < na; i++) {
		/* each track once in all: none is repeated; a job's ("Heading
		 * number 3" beside "Heading number 4" is no ladder) */
		if (seen[i] >= 2 && senior[i] && infer_job_title(all[i])) {
			GROW(v, cap, n + 1);
			v[n++] = all[i];
		} else {
			free(all[i]);
		}
	}
	free(all);
	free(senior);
	free(seen);
	GROW(v, cap, n + 1);
	v[n] = NULL;
	*count = n;
	return v;
}

/* The tracks the level headings of a file cut at heading level lvl name
 * (heading_track), taken before any is cut, with those of a ladder
 * written without codes (job_tracks); NULL-terminated, malloc'd. */
static char **level_tracks(cmark_node *root, int lvl)
{
	int n;
	char **v = job_tracks(root, lvl, &n);
	int cap = n + 1;
	struct strmap *have = strmap_new(); /* each track once, in linear time */
	for (int i = 0; i < n; i++)
		strmap_put(have, v[i], 1);
	for (cmark_node *h = cmark_node_first_child(root); h; h = cmark_node_next(h))
		if (heading_level(h) == lvl && names_level(h)) {
			char *t = heading_track(h);
			if (!strmap_put(have, t, 1)) {
				free(t);
				continue;
			}
			GROW(v, cap, n + 2);
			v[n++] = t;
		}
	strmap_free(have);
	v[n] = NULL;
	return v;
}

static void tracks_free(char **v)
{
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

/* 1 when heading h, of a file cut at its level, is a level section: it
 * names a level, or its title is one of theirs (tracks) with seniority
 * words ("Senior Platform Engineer" beside "Platform Engineer I", "II"). */
static int is_level_section(cmark_node *h, char **tracks)
{
	if (names_level(h))
		return 1;
	char *mine = heading_track(h);
	int same = 0;
	for (char **p = tracks; *p && !same; p++)
		same = !strcmp(*p, mine);
	free(mine);
	return same;
}

/* split_level's answer for a file whose front matter holds its levels as
 * data (topics.h). */
#define SPLIT_TOPICS 9

/* The heading level whose headings are levels (1, 2 or 3), or 0 when the
 * file holds at most one level.  The README's level-1 heading is its title;
 * levels at level 3 sit under level-2 track headings ("## Management
 * Track" over "### Level 4: Engineering Manager"). */
static int split_level(cmark_node *root, int readme)
{
	int count[4] = { 0 };
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		int l = heading_level(n);
		if (l >= 1 && l <= 3 && names_level(n))
			count[l]++;
	}
	if (!readme && count[1] >= 2)
		return 1;
	if (count[2] >= 2)
		return 2;
	if (count[3] >= 2 && !count[2])
		return 3;
	if (count[1] + count[2] + count[3])
		return 0;
	/* no codes: job titles with seniority words, one track's levels */
	for (int l = readme ? 2 : 1; l <= 3; l++) {
		int n;
		char **v = job_tracks(root, l, &n);
		tracks_free(v);
		if (n)
			return l;
	}
	return 0;
}

/* The track a level-2 heading over level-3 levels names: its text without
 * a closing "Track", "Path" or "Ladder" ("Individual Contributor Track" ->
 * "Individual Contributor"); NULL when it names a level or is empty.
 * malloc'd. */
static char *section_track(cmark_node *h)
{
	if (names_level(h))
		return NULL;
	struct buf b;
	buf_init(&b);
	md_text(h, &b);
	static const char *const tails[] = { " track", " path", " ladder", " career path" };
	for (size_t i = 0; i < sizeof(tails) / sizeof(*tails); i++) {
		size_t n = strlen(tails[i]);
		if (b.len > n && !strcasecmp(buf_cstr(&b) + b.len - n, tails[i])) {
			b.len -= n;
			break;
		}
	}
	while (b.len && strchr(" :-", b.data[b.len - 1]))
		b.len--;
	char *t = b.len ? xstrndup(b.data, b.len) : NULL;
	buf_done(&b);
	return t;
}

/* How many level-2 headings have level sections (level 3) under them:
 * two or more are tracks ("## Individual Contributor Track", "##
 * Management Track"); one alone is a list's caption ("## Levels"). */
static int track_sections(cmark_node *root, char **tracks)
{
	int n = 0, under = 0;
	for (cmark_node *h = cmark_node_first_child(root); h; h = cmark_node_next(h)) {
		if (heading_level(h) == 2 || heading_level(h) == 1) {
			under = 0;
		} else if (heading_level(h) == 3 && !under && is_level_section(h, tracks)) {
			under = 1;
			n++;
		}
	}
	return n;
}

/* 1 when heading h is followed by nothing but a heading of its level or
 * above (or the end): a track heading whose levels were all cut out. */
static int heading_left_empty(cmark_node *h)
{
	cmark_node *n = cmark_node_next(h);
	int l = heading_level(h);
	return !n || (heading_level(n) >= 1 && heading_level(n) <= l);
}

/* "backend.md" + "L1: Junior Engineer" -> "backend-L1-Junior-Engineer.md";
 * the README's parts are named by their titles alone ("L1-Junior-
 * Engineer.md"), as the level files of such a framework would be. */
static char *part_name(const char *file, cmark_node *h, int readme)
{
	struct buf t, b;
	buf_init(&t);
	buf_init(&b);
	md_text(h, &t);
	size_t n = strlen(file);
	if (readme) {
		const char *slash = strrchr(file, '/');
		n = slash ? (size_t)(slash - file + 1) : 0;
	} else if (n > 3 && !strcasecmp(file + n - 3, ".md")) {
		n -= 3;
	}
	buf_add(&b, file, n);
	int dash = !readme || (n && file[n - 1] != '/');
	for (size_t i = 0; i < t.len; i++) {
		unsigned char c = (unsigned char)t.data[i];
		if (isalnum(c) || c >= 0x80) {
			if (dash)
				buf_addc(&b, '-');
			buf_addc(&b, (char)c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	buf_adds(&b, ".md");
	buf_done(&t);
	return buf_detach(&b);
}

/* The names taken, so that each part gets its own: the content's files
 * and the parts named so far, with the next suffix to try for a name
 * taken already (5,000 sections of one title stay linear). */
struct namer {
	struct strmap *taken, *next;
};

/* name, or name with "-2", "-3" ... before its ".md" when it is taken;
 * takes name and returns the one kept, taken from now on. */
static char *unique_name(struct namer *nm, char *name)
{
	if (strmap_put(nm->taken, name, 1))
		return name;
	int i = 2;
	strmap_get(nm->next, name, &i);
	struct buf b;
	buf_init(&b);
	for (;; i++) {
		b.len = 0;
		buf_add(&b, name, strlen(name) - 3);
		buf_addf(&b, "-%d.md", i);
		if (strmap_put(nm->taken, buf_cstr(&b), 1))
			break;
	}
	strmap_put(nm->next, name, i + 1);
	free(name);
	return buf_detach(&b);
}

/* Raises every heading under root one level (## -> #). */
static void raise_headings(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int l = heading_level(n);
		if (ev == CMARK_EVENT_ENTER && l > 1)
			cmark_node_set_heading_level(n, l - 1);
	}
	cmark_iter_free(it);
}

/* The file's title as a track name: its first heading's text without a
 * level code, else NULL.  malloc'd. */
static char *file_track(cmark_node *root, int lvl)
{
	if (lvl == 1)
		return NULL; /* its first heading is its first level: no title of the file's own */
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		if (heading_level(n) != 1)
			continue;
		struct buf b;
		buf_init(&b);
		md_text(n, &b);
		char *t = b.len ? xstrdup(buf_cstr(&b)) : NULL;
		buf_done(&b);
		return t;
	}
	return NULL;
}

/* 1 when root holds more than headings. */
static int has_body(cmark_node *root)
{
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			return 1;
	return 0;
}

/* Moves the level sections of s into new sources appended to out; s keeps
 * the rest.  Returns how many parts were made. */
static int cut(const struct content *c, struct namer *nm, struct source *s, int lvl, const char *track,
               struct source **out, int *n, int *cap)
{
	int parts = 0;
	char **tracks = level_tracks(s->root, lvl);
	char *section = NULL; /* lvl 3: the track the level-2 heading above names */
	int by_section = lvl == 3 && track_sections(s->root, tracks) >= 2;
	cmark_node *k = cmark_node_first_child(s->root);
	while (k) {
		if (by_section && heading_level(k) <= 2) {
			free(section);
			section = heading_level(k) == 2 ? section_track(k) : NULL;
		}
		if (!(heading_level(k) == lvl && is_level_section(k, tracks))) {
			k = cmark_node_next(k);
			continue;
		}
		cmark_node *doc = md_node_new(CMARK_NODE_DOCUMENT);
		char *name = unique_name(nm, part_name(s->name, k, s == &c->v[0]));
		int line = cmark_node_get_start_line(k);
		/* the section: its heading and what follows up to a heading of its level or above */
		cmark_node *e = k;
		do {
			cmark_node *next = cmark_node_next(e);
			cmark_node_unlink(e);
			cmark_node_append_child(doc, e);
			e = next;
		} while (e && !(heading_level(e) >= 1 && heading_level(e) <= lvl));
		k = e;
		for (int r = 1; r < lvl; r++)
			raise_headings(doc);
		md_set_lines(doc, line, cmark_node_get_end_line(cmark_node_last_child(doc)));
		GROW(*out, *cap, *n + 1);
		struct source *p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		p->path = xstrdup(s->path);
		p->name = name;
		p->text = xstrdup("");
		p->root = doc;
		p->listed_line = s->listed_line ? s->listed_line : line;
		p->in_listing = 1;
		p->part_of = xstrdup(s->name);
		const char *tr = section ? section : track;
		p->track_of_file = s->fm.v[FM_TRACK] || !tr ? 0 : section ? 2 : 1;
		if (s->fm.v[FM_TRACK] || tr) {
			p->fm.v[FM_TRACK] = xstrdup(s->fm.v[FM_TRACK] ? s->fm.v[FM_TRACK] : tr);
			p->fm.line[FM_TRACK] = s->fm.v[FM_TRACK] ? s->fm.line[FM_TRACK] : line;
		}
		parts++;
	}
	free(section);
	tracks_free(tracks);
	/* track headings whose levels all went: nothing of their own is left */
	for (cmark_node *h = cmark_node_first_child(s->root); lvl == 3 && h;) {
		cmark_node *next = cmark_node_next(h);
		if (heading_level(h) == 2 && heading_left_empty(h))
			cmark_node_free(h);
		h = next;
	}
	return parts;
}

int split_levels(struct content *c, struct diags *d)
{
	(void)d;
	int *lvl = xcalloc((size_t)c->n, sizeof(*lvl)), files = 0;
	for (int i = 0; i < c->n; i++) {
		/* the README is the whole ladder only when it links no level */
		if (c->v[i].root && !c->v[i].landing && (i > 0 || c->n == 1))
			lvl[i] = c->v[i].fm.topics ? SPLIT_TOPICS : split_level(c->v[i].root, i == 0);
		files += lvl[i] > 0;
	}
	if (!files) {
		free(lvl);
		return 0;
	}
	struct source *out = NULL;
	int n = 0, cap = 0;
	struct namer nm = { strmap_new(), strmap_new() };
	for (int i = 0; i < c->n; i++)
		strmap_put(nm.taken, c->v[i].name, 1);
	for (int i = 0; i < c->n; i++) {
		struct source *s = &c->v[i];
		if (!lvl[i]) {
			GROW(out, cap, n + 1);
			out[n++] = *s;
			continue;
		}
		/* several split files are several tracks, each named by its title */
		char *track = files >= 2 && i > 0 ? file_track(s->root, lvl[i]) : NULL;
		struct source *parts = NULL;
		int np = 0, pcap = 0;
		if (lvl[i] == SPLIT_TOPICS) {
			topics_cut(s, &parts, &np, &pcap);
			for (int k = 0; k < np; k++)
				parts[k].name = unique_name(&nm, parts[k].name);
		} else {
			cut(c, &nm, s, lvl[i], track, &parts, &np, &pcap);
		}
		free(track);
		if (!np) { /* topics naming no level: the file as it is */
			free(parts);
			GROW(out, cap, n + 1);
			out[n++] = *s;
			continue;
		}
		if (i == 0 || has_body(s->root)) {
			/* what is left is a chapter, no role */
			s->in_listing = i == 0 ? s->in_listing : 0;
			GROW(out, cap, n + 1);
			out[n++] = *s;
		} else {
			free(s->path);
			free(s->name);
			free(s->text);
			free(s->part_of);
			free(s->matrix_in);
			fm_done(&s->fm);
			cmark_node_free(s->root);
			memset(s, 0, sizeof(*s)); /* later files' parts still look at its name */
		}
		for (int k = 0; k < np; k++) {
			GROW(out, cap, n + 1);
			out[n++] = parts[k];
		}
		free(parts);
	}
	free(c->v);
	c->v = out;
	c->n = n;
	c->cap = cap;
	strmap_free(nm.taken);
	strmap_free(nm.next);
	free(lvl);
	return files;
}
