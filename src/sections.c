/* sections.c: which sections of a file are competencies, and which of the
 * README the public editions keep.  The rules are stated in sections.h. */
#include "sections.h"
#include "framework.h"
#include "md.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A name for loose comparison: lower-case letters and digits, every other
 * run of characters one space ("L4-Support-Manager.md" and "L4: Support
 * Manager" both become "l4 support manager"). */
static char *loose(const char *s)
{
	struct buf b;
	buf_init(&b);
	size_t n = strlen(s);
	if (n > 3 && !strcasecmp(s + n - 3, ".md"))
		n -= 3;
	int sep = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (isalnum(ch) || ch >= 0x80) {
			if (sep && b.len)
				buf_addc(&b, ' ');
			sep = 0;
			buf_addc(&b, tolower(ch));
		} else {
			sep = 1;
		}
	}
	buf_cstr(&b);
	return buf_detach(&b);
}

/* ---- the README rule ---- */

/* 1 when a word of the title starts with a stem, or the title holds a phrase. */
static int title_says(const char *title, const char *const *stems, int nstems,
                      const char *const *phrases, int nphrases)
{
	char *t = loose(title);
	int found = 0;
	for (int k = 0; k < nphrases && !found; k++) {
		size_t pl = strlen(phrases[k]);
		for (const char *p = strstr(t, phrases[k]); p && !found; p = strstr(p + 1, phrases[k]))
			found = (p == t || p[-1] == ' ') && (p[pl] == 0 || p[pl] == ' ');
	}
	for (const char *w = t; *w && !found; w = strchr(w, ' ') ? strchr(w, ' ') + 1 : "")
		for (int k = 0; k < nstems && !found; k++)
			found = !strncmp(w, stems[k], strlen(stems[k]));
	free(t);
	return found;
}

static int internal_title(const char *title)
{
	static const char *const stems[] = { "contribut", "licen", "changelog", "maintainer", "credit",
		                                 "acknowledg" };
	static const char *const phrases[] = { "change log", "code of conduct" };
	return title_says(title, stems, 6, phrases, 2);
}

/* 1 when a paragraph holds nothing but links to Markdown files, with
 * punctuation or spaces between them. */
static int only_md_links(cmark_node *para)
{
	int links = 0;
	for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK) {
			if (!content_is_md_link(cmark_node_get_url(n)))
				return 0;
			links++;
		} else if (t == CMARK_NODE_TEXT) {
			for (const char *p = cmark_node_get_literal(n); *p; p++)
				if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
					return 0;
		} else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
			return 0;
		}
	}
	return links > 0;
}

/* 1 when every item of the list (and of lists nested in it) is only links
 * to level files.  Nesting past SECTIONS_MAX_DEPTH is no role list: the
 * recursion stays bounded. */
static int link_list(cmark_node *list, int depth)
{
	int items = 0;
	if (depth >= SECTIONS_MAX_DEPTH)
		return 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		items++;
		for (cmark_node *b = cmark_node_first_child(it); b; b = cmark_node_next(b)) {
			cmark_node_type t = cmark_node_get_type(b);
			if (t == CMARK_NODE_PARAGRAPH ? !only_md_links(b)
			    : t == CMARK_NODE_LIST    ? !link_list(b, depth + 1)
			                              : 1)
				return 0;
		}
	}
	return items > 0;
}

static int starts_section(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 2;
}

/* The model's heading for node n.  Headings are asked for in document
 * order, so the search goes on from *cur, where the last one was found:
 * linear in all, however many headings a file has. */
static const struct heading *model_heading(const struct chapter *ch, cmark_node *n, int *cur)
{
	for (int k = *cur; k < ch->nh; k++)
		if (ch->h[k].node == n) {
			*cur = k + 1;
			return &ch->h[k];
		}
	return NULL;
}

/* Adds the keys of the headings in blocks [from, to) to p->omit; the
 * first is at or after ch->h[cur]. */
static void omit_headings(struct readme_public *p, int *cap, const struct chapter *ch, cmark_node *from,
                          cmark_node *to, int cur)
{
	for (cmark_node *n = from; n && n != to; n = cmark_node_next(n)) {
		cmark_iter *it = cmark_iter_new(n);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *h = cmark_iter_get_node(it);
			const struct heading *mh;
			if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(h) == CMARK_NODE_HEADING &&
			    (mh = model_heading(ch, h, &cur))) {
				GROW(p->omit, *cap, p->nomit + 1);
				p->omit[p->nomit++] = mh->key;
			}
		}
		cmark_iter_free(it);
	}
}

/* Words a configured list holds at most: a rule, not a dictionary. */
#define SECTIONS_MAX_RULE_WORDS 32

/* Splits a comma-separated list (config.c keeps it lower-case) into
 * words (no space) and phrases; the strings point into the copy *hold. */
static void split_rule(const char *csv, char **hold, const char **stems, int *ns, const char **phrases,
                       int *np)
{
	*ns = *np = 0;
	*hold = NULL;
	if (!csv)
		return;
	*hold = xstrdup(csv);
	for (char *w = strtok(*hold, ","); w; w = strtok(NULL, ",")) {
		if (!*w)
			continue;
		if (strchr(w, ' ') && *np < SECTIONS_MAX_RULE_WORDS)
			phrases[(*np)++] = w;
		else if (!strchr(w, ' ') && *ns < SECTIONS_MAX_RULE_WORDS)
			stems[(*ns)++] = w;
	}
}

/* 1 when paragraph n's text holds one of the phrases as whole words. */
static int para_says(cmark_node *n, const char *const *phrases, int np)
{
	if (!np || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
		return 0;
	struct buf b;
	buf_init(&b);
	md_text(n, &b);
	char *t = loose(buf_cstr(&b));
	buf_done(&b);
	int found = 0;
	for (int k = 0; k < np && !found; k++) {
		char *ph = loose(phrases[k]);
		size_t pl = strlen(ph);
		for (const char *p = pl ? strstr(t, ph) : NULL; p && !found; p = strstr(p + 1, ph))
			found = (p == t || p[-1] == ' ') && (p[pl] == 0 || p[pl] == ' ');
		free(ph);
	}
	free(t);
	return found;
}

void sections_public(const struct model *bk, const struct content *c, struct readme_public *p)
{
	sections_public_rule(bk, c, NULL, NULL, p);
}

void sections_public_rule(const struct model *bk, const struct content *c, const char *titles,
                          const char *text, struct readme_public *p)
{
	const char *stems[SECTIONS_MAX_RULE_WORDS], *phrases[SECTIONS_MAX_RULE_WORDS];
	const char *tphr[SECTIONS_MAX_RULE_WORDS], *unused[SECTIONS_MAX_RULE_WORDS];
	int ns, np, ntp, nu;
	char *hold, *thold;
	split_rule(titles, &hold, stems, &ns, phrases, &np);
	split_rule(text ? text : SECTIONS_PUBLIC_TEXT, &thold, unused, &nu, tphr, &ntp);
	for (int k = 0; k < nu && ntp < SECTIONS_MAX_RULE_WORDS; k++)
		tphr[ntp++] = unused[k]; /* a one-word phrase is still a phrase here */
	cmark_node *root = c->v[bk->ch[0].src].root;
	const struct chapter *ch = &bk->ch[0];
	int cap = 0, ocap = 0, cur = 0;
	memset(p, 0, sizeof(*p));
	cmark_node *s = cmark_node_first_child(root);
	while (s) {
		/* [s, e): the preamble, or a section from its heading */
		cmark_node *e = cmark_node_next(s);
		while (e && !starts_section(e))
			e = cmark_node_next(e);
		int drop = 0, from = cur;
		if (starts_section(s) && cmark_node_get_heading_level(s) == 2) {
			const struct heading *h = model_heading(ch, s, &cur);
			from = h ? (int)(h - ch->h) : from;
			int lists = 0, all_links = 1;
			for (cmark_node *b = cmark_node_next(s); b != e; b = cmark_node_next(b))
				if (cmark_node_get_type(b) == CMARK_NODE_LIST) {
					lists++;
					all_links &= link_list(b, 0);
				}
			int internal = h && (titles ? title_says(h->text, stems, ns, phrases, np) : internal_title(h->text));
			drop = internal || (lists > 0 && all_links);
		}
		if (drop)
			omit_headings(p, &ocap, ch, s, e, from);
		for (cmark_node *b = s; b != e; b = cmark_node_next(b))
			if ((!drop && !para_says(b, tphr, ntp)) || md_is_footnote_def(b)) {
				GROW(p->keep, cap, p->n + 1);
				p->keep[p->n++] = b;
			}
		s = e;
	}
	free(hold);
	free(thold);
}

void sections_public_done(struct readme_public *p)
{
	free(p->keep);
	free(p->omit);
	memset(p, 0, sizeof(*p));
}

/* ---- competency sections ---- */

static int competency_title(const char *title)
{
	static const char *const stems[] = { "progress", "promot", "summary", "overview" };
	static const char *const phrases[] = { "next level" };
	return !title_says(title, stems, 4, phrases, 1);
}

/* The text of a paragraph's bold lead, "**Technical knowledge:** ..." or
 * "**Technical knowledge**: ...", without the colon; malloc'd, or NULL when
 * the paragraph does not open that way.  *bare is 1 when nothing follows
 * the label ("**Technical Skills:**" over a list). */
static char *bold_lead(cmark_node *para, int *bare)
{
	*bare = 0;
	if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *st = cmark_node_first_child(para);
	if (!st || cmark_node_get_type(st) != CMARK_NODE_STRONG)
		return NULL;
	struct buf t;
	buf_init(&t);
	md_text(st, &t);
	buf_cstr(&t);
	while (t.len && t.data[t.len - 1] == ' ')
		t.data[--t.len] = 0;
	int colon = t.len > 1 && t.data[t.len - 1] == ':';
	cmark_node *after = cmark_node_next(st);
	const char *lit = after && cmark_node_get_type(after) == CMARK_NODE_TEXT ? cmark_node_get_literal(after) : NULL;
	if (!colon && lit && lit[0] == ':')
		colon = 1;
	if (!colon || t.len > SECTIONS_MAX_LEAD) {
		buf_done(&t);
		return NULL;
	}
	/* bare: no node after the label, or only the colon and spaces */
	*bare = !after || (lit && !cmark_node_next(after) && lit[strspn(lit, ": \t")] == 0);
	while (t.len && (t.data[t.len - 1] == ':' || t.data[t.len - 1] == ' '))
		t.data[--t.len] = 0;
	if (!t.len) {
		buf_done(&t);
		return NULL;
	}
	return buf_detach(&t);
}

static int heading_level(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
}

struct comp_out {
	struct section *v;
	int n, cap;
};

static struct section *comp_add(struct comp_out *o, const char *title, const char *key)
{
	GROW(o->v, o->cap, o->n + 1);
	struct section *sec = &o->v[o->n++];
	memset(sec, 0, sizeof(*sec));
	sec->title = xstrdup(title);
	sec->key = key;
	return sec;
}

/* A competency of one block holding one expectation. */
static struct section *comp_one(struct comp_out *o, const char *title, const char *key, cmark_node *block,
                                cmark_node *exp)
{
	struct section *sec = comp_add(o, title, key);
	sec->body = xmalloc(sizeof(*sec->body));
	sec->body[0] = block;
	sec->n = 1;
	sec->exp = xmalloc(sizeof(*sec->exp));
	sec->exp[0] = exp;
	sec->nexp = 1;
	return sec;
}

static void body_add(struct section *sec, int *cap, cmark_node *b)
{
	GROW(sec->body, *cap, sec->n + 1);
	sec->body[sec->n++] = b;
}

int sections_ends_colon(cmark_node *p)
{
	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	struct buf t;
	buf_init(&t);
	md_text(p, &t);
	while (t.len && (t.data[t.len - 1] == ' ' || t.data[t.len - 1] == '\n'))
		t.len--;
	int colon = t.len && t.data[t.len - 1] == ':';
	buf_done(&t);
	return colon;
}

int sections_fragments(cmark_node *list)
{
	if (!list || cmark_node_get_type(list) != CMARK_NODE_LIST || !sections_ends_colon(cmark_node_previous(list)))
		return 0;
	int n = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), n++) {
		cmark_node *p = cmark_node_first_child(it);
		if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
			return 0;
		struct buf t;
		buf_init(&t);
		md_text(p, &t);
		buf_cstr(&t);
		while (t.len && t.data[t.len - 1] == ' ')
			t.data[--t.len] = 0;
		/* a fragment starts in lower case; all but the last end in ';' or ',' */
		int frag = t.len && islower((unsigned char)t.data[0]) &&
		           (!cmark_node_next(it) || t.data[t.len - 1] == ';' || t.data[t.len - 1] == ',' ||
		            (t.len > 4 && (!strcmp(t.data + t.len - 4, " and") || !strcmp(t.data + t.len - 3, " or"))));
		buf_done(&t);
		if (!frag)
			return 0;
	}
	return n >= 2;
}

/* 1 when a table row's cells after the first hold words, not only
 * numbers: "Ownership | Drives own work" is an expectation, "Delivery |
 * 25 %" or "Senior Engineer | 2.40 | 100 000" is data. */
static int row_has_words(cmark_node *row)
{
	cmark_node *cell = cmark_node_first_child(row);
	for (cell = cell ? cmark_node_next(cell) : NULL; cell; cell = cmark_node_next(cell)) {
		struct buf t;
		buf_init(&t);
		md_text(cell, &t);
		int run = 0, words = 0;
		for (size_t i = 0; i < t.len && !words; i++) {
			unsigned char c = (unsigned char)t.data[i];
			run = isalpha(c) || c >= 0x80 ? run + 1 : 0;
			words = run >= 3;
		}
		buf_done(&t);
		if (words)
			return 1;
	}
	return 0;
}

/* 1 when text names a header cell of a table in [from, to), as written. */
static int names_column(const char *text, cmark_node *from, cmark_node *to)
{
	for (cmark_node *b = from; b != to; b = cmark_node_next(b)) {
		cmark_node *head = md_is(b, "table") ? cmark_node_first_child(b) : NULL;
		for (cmark_node *cell = head ? cmark_node_first_child(head) : NULL; cell; cell = cmark_node_next(cell)) {
			struct buf t;
			buf_init(&t);
			md_text(cell, &t);
			buf_cstr(&t);
			int same = !strcasecmp(t.data, text);
			buf_done(&t);
			if (same)
				return 1;
		}
	}
	return 0;
}

/* 1 when every item of a list opens with bold text naming a column of a
 * table beside it ("**Min Progress** - Minimum progress required"): a
 * legend of the table, not expectations. */
static int table_legend(cmark_node *list, cmark_node *from, cmark_node *to)
{
	int n = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), n++) {
		cmark_node *p = cmark_node_first_child(it);
		cmark_node *st = p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH ? cmark_node_first_child(p) : NULL;
		if (!st || cmark_node_get_type(st) != CMARK_NODE_STRONG)
			return 0;
		struct buf t;
		buf_init(&t);
		md_text(st, &t);
		buf_cstr(&t);
		int col = names_column(t.data, from, to);
		buf_done(&t);
		if (!col)
			return 0;
	}
	return n > 0;
}

/* The blocks [from, to) as one competency: the body without footnote
 * definitions, the expectations the top-level items of its lists (or the
 * introducing paragraph, when the items are fragments of its sentence). */
static void comp_blocks(struct comp_out *o, const char *title, const char *key, cmark_node *from,
                        cmark_node *to)
{
	struct section *sec = comp_add(o, title, key);
	int bcap = 0, ecap = 0, lists = 0;
	for (cmark_node *b = from; b != to; b = cmark_node_next(b))
		lists += cmark_node_get_type(b) == CMARK_NODE_LIST;
	for (cmark_node *b = from; b != to; b = cmark_node_next(b)) {
		if (md_is_footnote_def(b))
			continue;
		body_add(sec, &bcap, b);
		if (sections_fragments(b)) {
			GROW(sec->exp, ecap, sec->nexp + 1);
			sec->exp[sec->nexp++] = cmark_node_previous(b);
		} else if ((cmark_node_get_type(b) == CMARK_NODE_LIST && !table_legend(b, from, to)) ||
		           (!lists && md_is(b, "table"))) {
			/* with no list, a table's body rows are the expectations ("Responsibility |
			 * Key behaviours"); beside lists a table is a reference (metrics, a scale) */
			for (cmark_node *it = cmark_node_first_child(b); it; it = cmark_node_next(it)) {
				if (md_is(it, "table_header") || (md_is(b, "table") && it == cmark_node_first_child(b)))
					continue; /* the header row */
				if (md_is(b, "table") && !row_has_words(it))
					continue; /* a row of numbers: data, not a behaviour */
				GROW(sec->exp, ecap, sec->nexp + 1);
				sec->exp[sec->nexp++] = it;
			}
		}
	}
}

/* 1 when b holds expectations as comp_blocks reads them: a list or a table. */
static int expectation_block(cmark_node *b)
{
	return cmark_node_get_type(b) == CMARK_NODE_LIST || md_is(b, "table");
}

/* The block after bold-lead paragraph b where its competency ends: the
 * next bold lead, or to.  A bare lead ("**Technical Skills:**") takes the
 * lists and tables after it; one with text of its own is one paragraph. */
static cmark_node *lead_end(cmark_node *b, int bare, cmark_node *to)
{
	cmark_node *e = cmark_node_next(b);
	if (!bare)
		return e;
	int other;
	while (e != to) {
		char *t = bold_lead(e, &other);
		free(t);
		if (t || heading_level(e))
			break;
		e = cmark_node_next(e);
	}
	return e;
}

/* 1 when [from, to) holds a list or a table: what a bare lead needs. */
static int has_expectation_block(cmark_node *from, cmark_node *to)
{
	for (cmark_node *b = from; b != to; b = cmark_node_next(b))
		if (expectation_block(b))
			return 1;
	return 0;
}

/* Bold-lead paragraphs in [from, to), two or more: each a competency whose
 * one expectation is the paragraph, or, for a bare lead over lists
 * ("**Technical Skills:**" / "- Writes ..."), whose expectations are their
 * items.  Returns how many were added. */
static int comp_bold_leads(struct comp_out *o, const char *key, cmark_node *from, cmark_node *to)
{
	int leads = 0, bare;
	for (cmark_node *b = from; b != to; b = cmark_node_next(b)) {
		char *t = bold_lead(b, &bare);
		leads += t && competency_title(t) &&
		         (!bare || has_expectation_block(cmark_node_next(b), lead_end(b, bare, to)));
		free(t);
	}
	if (leads < 2)
		return 0;
	for (cmark_node *b = from; b != to; b = cmark_node_next(b)) {
		char *t = bold_lead(b, &bare);
		cmark_node *e = t ? lead_end(b, bare, to) : NULL;
		if (!t || !competency_title(t) || (bare && !has_expectation_block(cmark_node_next(b), e))) {
			free(t);
			continue;
		}
		if (bare) {
			/* the label's paragraph and its lists, as a section's blocks */
			int before = o->n;
			comp_blocks(o, t, key, b, e);
			if (o->n > before)
				o->v[before].lead = 1;
			free(t);
			continue;
		}
		comp_one(o, t, key, b, b)->lead = 1;
		free(t);
	}
	return leads;
}

/* One level-2 section [s, e) of a level file: its level-3 subsections with
 * lists when it has them, else itself when it has lists, else its
 * bold-lead paragraphs. */
static void comp_section(struct comp_out *o, const struct chapter *ch, const struct heading *h,
                         cmark_node *s, cmark_node *e, int *cur)
{
	int lists = 0, subs = 0;
	for (cmark_node *b = cmark_node_next(s); b != e; b = cmark_node_next(b)) {
		lists += expectation_block(b);
		subs += heading_level(b) == 3;
	}
	if (subs) {
		int before = o->n;
		/* lists under the level-2 heading before its first subsection */
		cmark_node *first = cmark_node_next(s);
		while (first != e && heading_level(first) != 3)
			first = cmark_node_next(first);
		int early = 0;
		for (cmark_node *b = cmark_node_next(s); b != first; b = cmark_node_next(b))
			early += expectation_block(b);
		if (early && competency_title(h->text))
			comp_blocks(o, h->text, h->key, cmark_node_next(s), first);
		for (cmark_node *b = first; b != e;) {
			cmark_node *f = cmark_node_next(b);
			while (f != e && !(heading_level(f) && heading_level(f) <= 3))
				f = cmark_node_next(f);
			const struct heading *sh = heading_level(b) == 3 ? model_heading(ch, b, cur) : NULL;
			int sl = 0;
			for (cmark_node *x = cmark_node_next(b); sh && x != f; x = cmark_node_next(x))
				sl += expectation_block(x);
			if (sh && competency_title(sh->text)) {
				if (sl)
					comp_blocks(o, sh->text, sh->key, cmark_node_next(b), f);
				else
					comp_bold_leads(o, sh->key, cmark_node_next(b), f);
			}
			b = f;
		}
		if (o->n > before)
			return;
	}
	if (lists)
		comp_blocks(o, h->text, h->key, cmark_node_next(s), e);
	else
		comp_bold_leads(o, h->key, cmark_node_next(s), e);
}

/* A level file with no level-2 sections, its competencies level-3
 * headings right under the title ("# Engineer II" / "### Should have"):
 * each level-3 section with lists. */
static void comp_top_subsections(struct comp_out *o, const struct chapter *ch, cmark_node *root, int level)
{
	int cur = 0;
	for (cmark_node *b = cmark_node_first_child(root); b;) {
		cmark_node *f = cmark_node_next(b);
		while (f && !(heading_level(f) && heading_level(f) <= level))
			f = cmark_node_next(f);
		const struct heading *sh = heading_level(b) == level ? model_heading(ch, b, &cur) : NULL;
		if (sh && model_nav_heading(b))
			sh = NULL;
		int lists = 0;
		for (cmark_node *x = cmark_node_next(b); sh && x != f; x = cmark_node_next(x))
			lists += expectation_block(x);
		if (sh && lists && competency_title(sh->text))
			comp_blocks(o, sh->text, sh->key, cmark_node_next(b), f);
		b = f;
	}
}

/* The level-1 heading a level file opens with (in *t) and the model's
 * entry for it, or NULL: where the competencies of a file without
 * sections start. */
static const struct heading *title_heading(const struct chapter *ch, cmark_node *root, cmark_node **t)
{
	*t = cmark_node_first_child(root);
	while (*t && heading_level(*t) != 1)
		*t = cmark_node_next(*t);
	int cur = 0;
	return *t ? model_heading(ch, *t, &cur) : NULL;
}

/* A level file with no sections, its competencies bold-lead paragraphs
 * right under the title ("# L2: Engineer" / "**Delivery:** Ships ..."), as
 * a level section of a file holding several levels often is (split.h). */
static void comp_top_leads(struct comp_out *o, const struct chapter *ch, cmark_node *root)
{
	cmark_node *t;
	const struct heading *th = title_heading(ch, root, &t);
	if (!th)
		return;
	cmark_node *to = cmark_node_next(t);
	while (to && !starts_section(to))
		to = cmark_node_next(to);
	comp_bold_leads(o, th->key, cmark_node_next(t), to);
}

/* A level with no sections, its expectations a list right under its title
 * ("# Senior Engineer" / "- Leads ..."), as one file holding a ladder
 * often writes each level (split.h): one competency named by its track. */
static void comp_top_lists(struct comp_out *o, const struct chapter *ch, cmark_node *root)
{
	cmark_node *t;
	int lists = 0;
	const struct heading *th = title_heading(ch, root, &t);
	if (!th)
		return;
	cmark_node *to = cmark_node_next(t);
	while (to && !starts_section(to)) {
		lists += cmark_node_get_type(to) == CMARK_NODE_LIST;
		to = cmark_node_next(to);
	}
	if (!lists)
		return;
	/* named by the track, the same at every level of it, so that levels
	 * are compared side by side ("D1 - Developer 1" -> "Developer") */
	char *name = framework_title_track(ch->role ? ch->role : th->text);
	comp_blocks(o, name, th->key, cmark_node_next(t), to);
	free(name);
}

/* Most columns of a table whose rows are competencies: "Area | Typical
 * expectation", maybe a third of notes or examples; wider, it is a matrix
 * or data. */
#define ROW_TABLE_COLUMNS_MAX 3

static int table_columns(cmark_node *table)
{
	int n = 0;
	cmark_node *head = cmark_node_first_child(table);
	for (cmark_node *c = head ? cmark_node_first_child(head) : NULL; c; c = cmark_node_next(c))
		n++;
	return n;
}

/* 1 when a table cell names an area: it starts with a letter, in words. */
static int names_area(cmark_node *cell)
{
	struct buf t;
	buf_init(&t);
	md_text(cell, &t);
	buf_cstr(&t);
	const unsigned char *p = (const unsigned char *)t.data;
	while (*p == ' ')
		p++;
	int ok = *p && (isalpha(*p) || *p >= 0x80);
	buf_done(&t);
	return ok;
}

/* A level with no sections, list or bold leads, its expectations a table
 * right under its title whose rows each name an area in the first cell
 * ("| Scope | Tasks or smaller projects |"): each row a competency, so
 * that levels are compared area by area. */
static void comp_top_table(struct comp_out *o, const struct chapter *ch, cmark_node *root)
{
	cmark_node *t, *table = NULL;
	const struct heading *th = title_heading(ch, root, &t);
	if (!th)
		return;
	for (cmark_node *b = cmark_node_next(t); b && !starts_section(b); b = cmark_node_next(b))
		if (md_is(b, "table")) {
			if (table)
				return; /* two tables: not one per level */
			table = b;
		}
	if (!table || table_columns(table) < 2 || table_columns(table) > ROW_TABLE_COLUMNS_MAX)
		return;
	int rows = 0;
	for (cmark_node *r = cmark_node_next(cmark_node_first_child(table)); r; r = cmark_node_next(r)) {
		if (!names_area(cmark_node_first_child(r)))
			return; /* "| 1 | row 1 | ... |": numbered data, no areas */
		rows += row_has_words(r);
	}
	if (rows < 2)
		return;
	for (cmark_node *r = cmark_node_next(cmark_node_first_child(table)); r; r = cmark_node_next(r)) {
		struct buf name;
		buf_init(&name);
		md_text(cmark_node_first_child(r), &name);
		buf_cstr(&name);
		if (row_has_words(r) && name.len && name.len <= SECTIONS_MAX_LEAD) {
			comp_one(o, name.data, th->key, table, r)->row = r;
		}
		buf_done(&name);
	}
}

/* Fewest plain paragraphs that make a level's expectations when it has no
 * list, table or section: fewer are a description, not a list of duties. */
#define PARAGRAPH_EXPECTATIONS_MIN 3

/* 1 when paragraph b is wholly in italics or bold: an aside ("_At this
 * point, a person masters ..._", "__Experience: 5 years.__"), no duty. */
static int aside(cmark_node *b)
{
	cmark_node *k = cmark_node_first_child(b);
	cmark_node_type t = k ? cmark_node_get_type(k) : CMARK_NODE_NONE;
	return (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG) && !cmark_node_next(k);
}

/* A level of a ladder file written as plain paragraphs under its title,
 * nothing else ("# OSPO Engineer II" / "Writes technical posts ..." /
 * "Represents the technology ..."): one competency named by the title without its
 * seniority ("OSPO Engineer", the same at every level of the track, so
 * that what changes between two is set side by side), each paragraph but
 * an aside an expectation. */
static void comp_top_paragraphs(struct comp_out *o, const struct chapter *ch, cmark_node *root)
{
	cmark_node *t;
	int duties = 0;
	const struct heading *th = title_heading(ch, root, &t);
	if (!th)
		return;
	cmark_node *to = cmark_node_next(t);
	for (; to && !starts_section(to); to = cmark_node_next(to)) {
		if (cmark_node_get_type(to) != CMARK_NODE_PARAGRAPH)
			return;
		duties += !aside(to);
	}
	if (duties < PARAGRAPH_EXPECTATIONS_MIN)
		return;
	char *name = framework_title_track(th->text);
	struct section *sec = comp_add(o, name, th->key);
	free(name);
	int bcap = 0, ecap = 0;
	for (cmark_node *b = cmark_node_next(t); b != to; b = cmark_node_next(b)) {
		body_add(sec, &bcap, b);
		if (!aside(b)) {
			GROW(sec->exp, ecap, sec->nexp + 1);
			sec->exp[sec->nexp++] = b;
		}
	}
}

/* "Senior SRE Responsibilities" in the level Senior SRE -> "Responsibilities":
 * a competency named after its level would be named differently at every
 * level, and levels are compared competency by competency.  In place. */
static void drop_level_title(char *title, const char *level)
{
	size_t n = level ? strlen(level) : 0;
	if (!n || strncasecmp(title, level, n))
		return;
	const char *rest = title + n;
	if (*rest != ' ' && *rest != ':' && *rest != '-' && *rest != ',')
		return;
	while (*rest == ' ' || *rest == ':' || *rest == '-' || *rest == ',')
		rest++;
	if (*rest)
		memmove(title, rest, strlen(rest) + 1);
}

int sections_competencies(const struct model *bk, const struct content *c, int chap, struct section **out)
{
	const struct chapter *ch = &bk->ch[chap];
	cmark_node *root = c->v[ch->src].root;
	struct comp_out o = { 0 };
	int cur = 0;
	for (cmark_node *s = cmark_node_first_child(root); s;) {
		cmark_node *e = cmark_node_next(s);
		while (e && !starts_section(e))
			e = cmark_node_next(e);
		const struct heading *h = NULL;
		if (starts_section(s) && cmark_node_get_heading_level(s) == 2)
			h = model_heading(ch, s, &cur);
		if (h && competency_title(h->text))
			comp_section(&o, ch, h, s, e, &cur);
		s = e;
	}
	/* no level-2 section: the shallowest level of headings over lists
	 * ("### Delivery", or "#### Masters: ..." in a file with no title) */
	for (int level = 3; o.n == 0 && level <= 4; level++)
		comp_top_subsections(&o, ch, root, level);
	if (o.n == 0)
		comp_top_leads(&o, ch, root);
	if (o.n == 0)
		comp_top_lists(&o, ch, root);
	if (o.n == 0)
		comp_top_table(&o, ch, root);
	/* a file holding a ladder, one level to a level-1 heading, each a few
	 * plain paragraphs (split.h); a single file of prose is a description */
	if (o.n == 0 && c->v[ch->src].part_of)
		comp_top_paragraphs(&o, ch, root);
	for (int i = 0; i < o.n; i++)
		drop_level_title(o.v[i].title, ch->title);
	*out = o.v;
	return o.n;
}

void sections_free(struct section *s, int n)
{
	for (int i = 0; i < n; i++) {
		free(s[i].title);
		free(s[i].body);
		free(s[i].exp);
	}
	free(s);
}

char *sections_title_key(const char *title)
{
	return loose(title);
}

int sections_same_title(const char *a, const char *b)
{
	char *x = loose(a), *y = loose(b);
	int same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

int sections_find(const struct section *s, int n, const char *title)
{
	for (int i = 0; i < n; i++)
		if (sections_same_title(s[i].title, title))
			return i;
	return -1;
}

/* The end of the first sentence of s: after a '.', '!' or '?' (and any
 * closing quote or bracket) followed by a space and an upper-case letter,
 * a digit or an opening quote; else the end of s. */
static size_t sentence_end(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		size_t j = i + 1;
		while (j < n && (s[j] == '"' || s[j] == ')' || s[j] == '\''))
			j++;
		if (j + 3 <= n && !memcmp(s + j, "\xE2\x80\x9D", 3)) /* closing curly quote */
			j += 3;
		if (j < n && s[j] != ' ')
			continue;
		size_t k = j;
		while (k < n && s[k] == ' ')
			k++;
		if (k >= n)
			return j;
		unsigned char f = (unsigned char)s[k];
		/* "e.g. the" is no end; so is a single letter before the dot ("J. Smith") */
		if ((isupper(f) || isdigit(f) || f == '"' || f >= 0x80) && !(i >= 2 && s[i - 2] == ' ') &&
		    !(i >= 3 && !strncmp(s + i - 3, "e.g", 3)) && !(i >= 3 && !strncmp(s + i - 3, "i.e", 3)))
			return j;
	}
	return n;
}

/* Longest label ("tldr;", "TL;DR:", "In short:") taken as no part of the
 * sentence it heads. */
#define LABEL_MAX_BYTES 24

/* 1 when paragraph p opens with a label in bold or italics that ends in ':'
 * or ';' ("**tldr;** A Junior applies ..."), text following it. */
static int opens_with_label(cmark_node *p)
{
	cmark_node *f = cmark_node_first_child(p);
	cmark_node_type t = f ? cmark_node_get_type(f) : CMARK_NODE_NONE;
	if ((t != CMARK_NODE_STRONG && t != CMARK_NODE_EMPH) || !cmark_node_next(f))
		return 0;
	struct buf b;
	buf_init(&b);
	md_text(f, &b);
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	int label = b.len > 1 && b.len <= LABEL_MAX_BYTES && (b.data[b.len - 1] == ':' || b.data[b.len - 1] == ';');
	buf_done(&b);
	return label;
}

/* The paragraph of the first item of the first list in s's body, or NULL. */
static cmark_node *first_item_para(const struct section *s)
{
	for (int i = 0; i < s->n; i++)
		if (cmark_node_get_type(s->body[i]) == CMARK_NODE_LIST) {
			cmark_node *it = cmark_node_first_child(s->body[i]);
			cmark_node *p = it ? cmark_node_first_child(it) : NULL;
			return p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH ? p : NULL;
		}
	return NULL;
}

/* 1 when paragraph p holds images and white space only: a chart, no
 * sentence. */
static int images_only(cmark_node *p)
{
	int images = 0;
	for (cmark_node *k = cmark_node_first_child(p); k; k = cmark_node_next(k)) {
		cmark_node_type t = cmark_node_get_type(k);
		const char *lit = t == CMARK_NODE_TEXT ? cmark_node_get_literal(k) : NULL;
		if (t == CMARK_NODE_IMAGE)
			images++;
		else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK && !(lit && !lit[strspn(lit, " \t")]))
			return 0;
	}
	return images > 0;
}

char *sections_first_sentence(const struct section *s)
{
	cmark_node *from = NULL;
	for (int i = 0; i < s->n && !from; i++)
		if (cmark_node_get_type(s->body[i]) == CMARK_NODE_PARAGRAPH && !images_only(s->body[i]))
			from = s->body[i];
	if (!from)
		from = first_item_para(s);
	struct buf t;
	buf_init(&t);
	if (s->row) { /* the row's cells after the one naming it */
		for (cmark_node *c = cmark_node_next(cmark_node_first_child(s->row)); c; c = cmark_node_next(c)) {
			if (t.len)
				buf_adds(&t, "; ");
			md_text(c, &t);
		}
	} else if (from && (s->lead || opens_with_label(from))) {
		/* the lead is the title, or a label: the sentence is what follows it */
		for (cmark_node *x = cmark_node_next(cmark_node_first_child(from)); x; x = cmark_node_next(x))
			md_text(x, &t);
		size_t k = 0;
		while (k < t.len && (t.data[k] == ':' || t.data[k] == ' '))
			k++;
		memmove(t.data, t.data + k, t.len - k + 1);
		t.len -= k;
		cmark_node *item = t.len ? NULL : first_item_para(s);
		if (item) /* a bare label over a list: its first item */
			md_text(item, &t);
	} else if (from) {
		md_text(from, &t);
	}
	buf_cstr(&t);
	/* collapse white space */
	size_t k = 0;
	for (size_t i = 0; i < t.len; i++) {
		char ch = t.data[i] == '\n' || t.data[i] == '\t' ? ' ' : t.data[i];
		if (ch == ' ' && (k == 0 || t.data[k - 1] == ' '))
			continue;
		t.data[k++] = ch;
	}
	while (k > 0 && t.data[k - 1] == ' ')
		k--;
	t.data[k] = 0;
	t.len = k;
	size_t e = sentence_end(t.data);
	char *r = xstrndup(t.data, e);
	buf_done(&t);
	return r;
}

