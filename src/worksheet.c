/* worksheet.c: the review worksheet as rows of text, tick boxes and rules.
 *
 *	 12  You write PowerShell and Bash scripts ...    [ ]     [ ]     [ ]
 *	     - a nested item                            Not yet Sometimes Consistently
 *	     Evidence ____________________________________________________
 *	     _____________________________________________________________
 *
 * An expectation's text is set from its inlines with the body's paragraph
 * machinery: emphasis, strong and code keep their look; links are plain
 * text, since the sheet is for writing on.
 *
 * Each section's rows are tagged as a table (PDF/UA 7.5): a THead row of
 * TH cells (Expectation and the three ticks, each /Scope /Column), then a
 * TBody row per expectation: its number, text and evidence field in one
 * TD, each tick box's widget in a TD of its own; an introducing paragraph
 * is a row of one TD. */
#include "worksheet.h"
#include "messages.h"
#include "box.h"
#include "sections.h"
#include "paragraph.h"
#include "md.h"
#include "made.h"
#include "since.h"
#include "style.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WS_SIZE PT(9)            /* expectation text */
#define WS_SUB_SIZE PT(8.5)      /* nested items */
#define WS_LABEL_SIZE PT(7.5)    /* column heads, "Evidence", field names */
#define WS_NUM_W PT(22)          /* the number column, at least; wider for long numbers */
#define WS_TICK_W PT(54)         /* each tick column */
#define WS_BOX PT(9)             /* a tick box's side */
#define WS_PAD PT(6)             /* above and below a row's content */
#define WS_RULE_GAP PT(18)       /* between ruled lines to write on */
#define WS_SUB_INDENT PT(11)     /* per level of nesting */


struct sheet {
	struct lctx *L;
	fx width;          /* text area */
	fx numw;           /* the number column */
	fx maxh;           /* the tallest row kept whole */
	fx textw;          /* the expectation column */
	struct vlist *vl;
	int rows;          /* expectations so far */
	int flat;          /* 1: no form fields */
	int head;          /* the current section's column header node */
	const struct since *since; /* --since: expectations new since then are marked; or NULL */
	const char *file;  /* the role's file, for messages */
};

/* ---- an expectation's text ---- */

/* The inlines of n into p: emphasis, strong and code styled, the rest as text. */
static void inlines(struct lctx *L, struct para *p, cmark_node *n, fx size, int italic)
{
	int bold = 0;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER, line = md_line(c);
		struct span_style st = { face_for(bold > 0, italic > 0), size, STYLE_TEXT_RGB, 0, NULL };
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_STRONG:
			bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_TEXT: {
			const char *t = cmark_node_get_literal(c);
			para_text(L, p, t, strlen(t), &st, line);
			break;
		}
		case CMARK_NODE_CODE: {
			const char *t = cmark_node_get_literal(c);
			st.face = FACE_MONO;
			st.size = size * 9 / 10;
			st.flags |= SP_CODE;
			st.rgb = STYLE_CODE_RGB;
			para_text(L, p, t, strlen(t), &st, line);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			para_text(L, p, " ", 1, &st, line);
			break;
		case CMARK_NODE_LINEBREAK:
			para_break(p);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Sets p (text of the role's file) at (x, y) in width into o; returns the height. */
static fx set_para(struct lctx *L, const char *file, struct para *p, fx x, fx y, fx width, struct dl_items *o)
{
	if (para_empty(p))
		return 0;
	p->file = file;
	struct pline *ln;
	int n = para_set(L, p, width, AL_LEFT, &ln);
	return made_put_lines(o, ln, n, x, y);
}

/* An item's blocks at (x, y): paragraphs (and code) run together, nested
 * lists one indented line group per item, up to BUILD_MAX_DEPTH levels;
 * deeper ones join their parent's text, so the recursion stays bounded.
 * Returns the height. */
static fx item_text(struct lctx *L, const char *file, cmark_node *item, int level, fx x, fx y, fx width,
                    struct dl_items *o)
{
	int depth = level < WORKSHEET_MAX_DEPTH ? level : WORKSHEET_MAX_DEPTH - 1;
	fx size = depth ? WS_SUB_SIZE : WS_SIZE, used = 0;
	struct para p;
	para_init(&p, size);
	fx tx = x, tw = width; /* the text; nested items indent from x */
	if (depth) {
		/* an en dash hanging in front of the text */
		fx dw = font_width(L->fonts, FACE_REGULAR, size, "\xE2\x80\x93 ", 4);
		made_set(L, o, "\xE2\x80\x93", FACE_REGULAR, size, STYLE_ACCENT_RGB, NULL, x, y, dw, AL_LEFT);
		tx += dw;
		tw -= dw;
	}
	/* a paragraph is an expectation of its own (a bold lead), or with the
	 * list of fragments that completes its sentence */
	int single = cmark_node_get_type(item) == CMARK_NODE_PARAGRAPH;
	cmark_node *tail = single && sections_fragments(cmark_node_next(item)) ? cmark_node_next(item) : NULL;
	for (cmark_node *b = single ? item : cmark_node_first_child(item); b;
	     b = single ? (b == item ? tail : NULL) : cmark_node_next(b)) {
		cmark_node_type t = cmark_node_get_type(b);
		if (t == CMARK_NODE_LIST && level + 1 < BUILD_MAX_DEPTH) {
			used += set_para(L, file, &p, tx, y + used, tw, o);
			para_done(&p);
			para_init(&p, size);
			fx in = depth + 1 < WORKSHEET_MAX_DEPTH ? WS_SUB_INDENT : 0;
			for (cmark_node *s = cmark_node_first_child(b); s; s = cmark_node_next(s))
				used += item_text(L, file, s, level + 1, x + in, y + used, width - in, o);
			continue;
		}
		if (!para_empty(&p)) {
			/* a table row's cells read "Ownership: Drives own work", its name first */
			int cell_after_name = md_is(item, "table_row") && cmark_node_previous(b) == cmark_node_first_child(item);
			struct span_style st = { FACE_REGULAR, size, STYLE_TEXT_RGB, 0, NULL };
			para_text(L, &p, cell_after_name ? ": " : " ", cell_after_name ? 2 : 1, &st, md_line(b));
		}
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			inlines(L, &p, b, size, 0);
		} else {
			/* code, quotes, tables: their words, plainly */
			struct buf w;
			buf_init(&w);
			if (t == CMARK_NODE_CODE_BLOCK)
				buf_adds(&w, cmark_node_get_literal(b));
			else
				md_text(b, &w);
			struct span_style st = { t == CMARK_NODE_CODE_BLOCK ? FACE_MONO : FACE_REGULAR, size,
				                     STYLE_TEXT_RGB, 0, NULL };
			if (w.len)
				para_text(L, &p, w.data, w.len, &st, md_line(b));
			buf_done(&w);
		}
	}
	used += set_para(L, file, &p, tx, y + used, tw, o);
	para_done(&p);
	return used;
}

/* ---- rows ---- */

static fx tick_x(const struct sheet *s, int k)
{
	return s->width - (3 - k) * WS_TICK_W;
}

/* A ruled line to write on, with an optional label at its left end. */
static void rule(struct lctx *L, struct dl_items *o, const char *label, fx x, fx y, fx x1)
{
	if (label) {
		made_set(L, o, label, FACE_ITALIC, WS_LABEL_SIZE, STYLE_MUTED_RGB, NULL, x, y - PT(10), PT(80),
		         AL_LEFT);
		x += font_width(L->fonts, FACE_ITALIC, WS_LABEL_SIZE, label, strlen(label)) + PT(4);
	}
	struct dl_item *r = dl_items_add(o, DL_LINE);
	r->x = x;
	r->y = y;
	r->w = x1 - x;
	r->size = PT(0.5);
	r->rgb = STYLE_MUTED_RGB;
}

static void column_header(struct sheet *s)
{
	struct lctx *L = s->L;
	struct dl_items o = { 0 };
	made_tag(&o, TAG_TR);
	made_tag(&o, TAG_TH);
	fx h = made_set(L, &o, msg(MSG_EXPECTATION), FACE_BOLD, WS_LABEL_SIZE, STYLE_MUTED_RGB, NULL, s->numw, 0,
	                s->textw, AL_LEFT);
	made_tag(&o, -1);
	for (int k = 0; k < 3; k++) {
		made_tag(&o, TAG_TH);
		made_set(L, &o, msg(MSG_NOT_YET + k), FACE_BOLD, WS_LABEL_SIZE, STYLE_MUTED_RGB, NULL, tick_x(s, k),
		         0, WS_TICK_W, AL_CENTER);
		made_tag(&o, -1);
	}
	made_tag(&o, -1);
	struct dl_item *r = dl_items_add(&o, DL_LINE);
	r->y = h + PT(2);
	r->w = s->width;
	r->size = PT(0.9);
	r->rgb = STYLE_HEADING_RGB;
	made_box(L, s->vl, &o, h + PT(3))->flags |= VN_TABLE_HEAD;
	s->head = s->vl->n - 1;
	vlist_tag(s->vl, s->head, TAG_THEAD, NULL, L->arena);
	dl_items_done(&o);
}

/* The introduction a list's rows get: the paragraph just before it, when
 * it ends with a colon. */
static cmark_node *lead_in(cmark_node *list)
{
	cmark_node *p = cmark_node_previous(list);
	return sections_ends_colon(p) ? p : NULL;
}

static void lead_row(struct sheet *s, cmark_node *para)
{
	struct dl_items o = { 0 };
	struct para p;
	para_init(&p, WS_SIZE);
	inlines(s->L, &p, para, WS_SIZE, 1); /* italic: it introduces the rows, it is not one */
	made_tag(&o, TAG_TR);
	made_tag(&o, TAG_TD);
	fx h = set_para(s->L, s->file, &p, s->numw, WS_PAD, s->width - s->numw, &o);
	made_tag(&o, -1);
	made_tag(&o, -1);
	para_done(&p);
	made_penalty(s->vl, 0);
	made_box(s->L, s->vl, &o, h + WS_PAD)->head = s->head;
	made_penalty(s->vl, PEN_INF); /* with its first row */
	dl_items_done(&o);
}

/* A form field over (x, y, w, h) of o's box, named name (copied). */
static void field(struct sheet *s, struct dl_items *o, const char *name, int face, fx x, fx y, fx w, fx h)
{
	if (s->flat)
		return;
	struct dl_item *f = dl_items_add(o, DL_FIELD);
	f->x = x;
	f->y = y;
	f->w = w;
	f->h = h;
	f->face = (int16_t)face;
	f->str = arena_strndup(s->L->arena, name, strlen(name));
	f->len = (int)strlen(name);
}

static void expectation_row(struct sheet *s, cmark_node *item, int first)
{
	struct lctx *L = s->L;
	struct dl_items o = { 0 };
	char num[16];
	snprintf(num, sizeof(num), "%d.", ++s->rows);
	made_tag(&o, TAG_TR);
	made_tag(&o, TAG_TD);
	made_set(L, &o, num, FACE_BOLD, WS_SIZE, STYLE_MUTED_RGB, NULL, 0, WS_PAD, s->numw - PT(6), AL_RIGHT);
	fx h = item_text(L, s->file, item, 0, s->numw, WS_PAD, s->textw, &o);
	fx lh = STYLE_LEADING(WS_SIZE);
	if (h < lh)
		h = lh;
	fx y = WS_PAD + h + WS_RULE_GAP;
	rule(L, &o, msg(MSG_EVIDENCE), s->numw, y, s->width);
	char ename[32];
	snprintf(ename, sizeof(ename), "evidence.%d", s->rows);
	field(s, &o, ename, DL_FIELD_TEXT, s->numw + PT(40), y - WS_RULE_GAP + PT(4), s->width - s->numw - PT(40),
	      2 * WS_RULE_GAP - PT(2));
	y += WS_RULE_GAP;
	rule(L, &o, NULL, s->numw, y, s->width);
	made_tag(&o, -1);
	for (int k = 0; k < 3; k++) {
		made_tag(&o, TAG_TD);
		struct dl_item *b = dl_items_add(&o, DL_RECT);
		b->x = tick_x(s, k) + (WS_TICK_W - WS_BOX) / 2;
		b->y = WS_PAD + (lh - WS_BOX) / 2;
		b->w = b->h = WS_BOX;
		b->size = PT(0.8);
		b->rgb = STYLE_TEXT_RGB;
		/* one choice per row: the three boxes are one field's options;
		 * names number the expectations, stable while the content is */
		char name[32];
		snprintf(name, sizeof(name), "expectation.%d", s->rows);
		field(s, &o, name, k + 1, b->x, b->y, b->w, b->h);
		made_tag(&o, -1);
	}
	made_tag(&o, -1);
	y += WS_PAD;
	int e = since_block(s->since, item);
	if (e >= 0 && since_entry(s->since, e)->kind == SINCE_ADDED) {
		/* new since REV: said under the number, and barred in the margin as in the chapters */
		made_set(L, &o, "NEW", FACE_BOLD, PT(6), STYLE_BAR_RGB, NULL, 0, WS_PAD + lh, s->numw - PT(6),
		         AL_RIGHT);
		struct dl_item *bar = dl_items_add(&o, DL_RECT);
		bar->x = -STYLE_BAR_GAP - STYLE_BAR_WIDTH;
		bar->w = STYLE_BAR_WIDTH;
		bar->h = y;
		bar->rgb = STYLE_BAR_RGB;
		bar->flags = DLF_BAR;
	}
	struct dl_item *sep = dl_items_add(&o, DL_LINE);
	sep->y = y;
	sep->w = s->width;
	sep->size = PT(0.4);
	sep->rgb = STYLE_RULE_RGB;
	if (!first)
		made_penalty(s->vl, 0);
	made_box_sliced(L, s->vl, &o, y, s->maxh, s->head);
	dl_items_done(&o);
}

static void section_rows(struct sheet *s, const struct section *sec)
{
	cmark_node **exp = sec->exp;
	int n = sec->nexp, first = 1;
	for (int i = 0; i < n; i++) {
		/* a list's first item: the paragraph before the list may introduce it */
		cmark_node *intro = cmark_node_get_type(exp[i]) != CMARK_NODE_ITEM || cmark_node_previous(exp[i])
		                        ? NULL
		                        : lead_in(cmark_node_parent(exp[i]));
		if (intro) {
			lead_row(s, intro);
			first = 1;
		}
		expectation_row(s, exp[i], first);
		first = 0;
	}
}

/* Who is reviewed: the configured noun, else "manager" for a role whose
 * title says it manages (manager, director, head), else "engineer". */
static const char *person_of(const struct model *bk, int chap, const struct build_opts *o)
{
	if (o->person && *o->person)
		return o->person;
	static const char *const stems[] = { "manager", "director", "head" };
	const char *t = bk->ch[chap].role ? bk->ch[chap].role : bk->ch[chap].title;
	for (const char *w = t; w && *w; w++) {
		if (w != t && (w[-1] != ' ' && w[-1] != '-'))
			continue;
		for (int k = 0; k < 3; k++)
			if (!strncasecmp(w, stems[k], strlen(stems[k])))
				return "manager";
	}
	return "engineer";
}

/* Who reviews: the configured noun, else the person's manager, or a
 * reviewer when the person is a manager. */
static const char *reviewer_of(const char *person, const struct build_opts *o)
{
	if (o->reviewer && *o->reviewer)
		return o->reviewer;
	return strcasecmp(person, "manager") ? "manager" : "reviewer";
}

/* A label from a noun: its first letter upper-case (ASCII). */
static const char *capital(struct lctx *L, const char *noun)
{
	char *s = arena_strndup(L->arena, noun, strlen(noun));
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 32);
	return s;
}

/* A signature label from a noun: the catalogue's word for the nouns it
 * knows, else the noun with its first letter upper-case. */
static const char *noun_label(struct lctx *L, const char *noun)
{
	static const struct { const char *noun; enum msg_id id; } known[] = {
		{ "engineer", MSG_ENGINEER }, { "manager", MSG_MANAGER }, { "reviewer", MSG_REVIEWER },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++)
		if (!strcmp(noun, known[i].noun))
			return msg(known[i].id);
	return capital(L, noun);
}

/* text with {person} and {reviewer} replaced, into b. */
static void fill_nouns(struct buf *b, const char *text, const char *person, const char *reviewer)
{
	for (const char *p = text; *p;) {
		if (!strncmp(p, "{person}", 8)) {
			buf_adds(b, person);
			p += 8;
		} else if (!strncmp(p, "{reviewer}", 10)) {
			buf_adds(b, reviewer);
			p += 10;
		} else {
			buf_addc(b, *p++);
		}
	}
}

/* Name, signature and date for each of the two people. */
static void signatures(struct sheet *s, const char *person, const char *reviewer)
{
	struct lctx *L = s->L;
	struct dl_items o = { 0 };
	fx colw = (s->width - PT(24)) / 2;
	const char *const who[2] = { noun_label(L, person), noun_label(L, reviewer) };
	const enum msg_id fields[3] = { MSG_NAME, MSG_SIGNATURE, MSG_DATE };
	fx y = 0;
	for (int k = 0; k < 2; k++) {
		fx x = k ? colw + PT(24) : 0;
		made_tag(&o, TAG_P); /* who, then the lines to fill in */
		fx h = made_set(L, &o, who[k], FACE_BOLD, WS_SIZE, STYLE_HEADING_RGB, NULL, x, 0, colw, AL_LEFT);
		for (int f = 0; f < 3; f++)
			rule(L, &o, msg(fields[f]), x, h + (f + 1) * (WS_RULE_GAP + PT(8)), x + colw);
		made_tag(&o, -1);
		y = h + 3 * (WS_RULE_GAP + PT(8)) + PT(4);
	}
	made_box(L, s->vl, &o, y);
	dl_items_done(&o);
}

static void outline_add(struct build_out *out, int level, const char *title, const char *key)
{
	GROW(out->ol, out->olcap, out->nol + 1);
	out->ol[out->nol++] = (struct outline_entry){ level, title, key, -1 };
}

int worksheet_layout(struct lctx *L, const struct model *bk, const struct content *c,
                     const struct framework *fw, int chap, const struct build_opts *o,
                     struct build_out *out)
{
	fx width = o->width;
	const struct fw_role *ro = framework_role(fw, chap);
	const struct section *sec = ro->sec;
	int n = ro->nsec, total = ro->nexpect; /* the widest number sets the number column */
	char widest[16];
	snprintf(widest, sizeof(widest), "%d.", total);
	fx numw = font_width(L->fonts, FACE_BOLD, WS_SIZE, widest, strlen(widest)) + PT(8);
	numw = numw > WS_NUM_W ? numw : WS_NUM_W;
	struct sheet s = { L, width, numw, (fx)((int64_t)o->height * MADE_MAX_ROW_PCT / 100),
		               width - numw - 3 * WS_TICK_W - PT(8), &out->vl, 0, o->flat, -1, o->since,
		               c->v[bk->ch[chap].src].path };
	made_chapter(L, s.vl, msg(MSG_WORKSHEET), msg(MSG_WORKSHEET), "#worksheet", width);
	outline_add(out, 1, msg(MSG_WORKSHEET), "#worksheet");
	struct buf t;
	buf_init(&t);
	buf_addf(&t, "For each expectation of %s, tick how consistently it is met and note the "
	         "evidence: tickets, feedback, examples. Each of you can fill in a copy before the "
	         "conversation; agree on one together.",
	         bk->ch[chap].title);
	made_text(L, s.vl, t.data, FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
	buf_done(&t);
	for (int i = 0; i < n; i++) {
		if (!sec[i].nexp)
			continue; /* a section of reference (a weights table, a legend): nothing to tick */
		char key[32];
		snprintf(key, sizeof(key), "#worksheet-%d", i + 1);
		const char *k = arena_strndup(L->arena, key, strlen(key));
		made_heading(L, s.vl, sec[i].title, 2, k, width);
		outline_add(out, 2, sec[i].title, k);
		int table = s.vl->n;
		column_header(&s);
		made_penalty(s.vl, PEN_INF); /* the header stays with the first row */
		int body = s.vl->n;
		section_rows(&s, &sec[i]);
		vlist_tag(s.vl, body, TAG_TBODY, NULL, L->arena);
		vlist_tag(s.vl, table, TAG_TABLE, NULL, L->arena);
	}
	if (!total) {
		made_glue(s.vl, STYLE_PARA_GAP);
		made_text(L, s.vl, "This role\xE2\x80\x99s chapter lists no expectations in competency "
		          "sections; use the space below.", FACE_ITALIC, STYLE_BODY_SIZE, STYLE_MUTED_RGB,
		          width, AL_LEFT);
	}

	made_heading(L, s.vl, msg(MSG_AGREED_NEXT_STEPS), 2, "#worksheet-next-steps", width);
	outline_add(out, 2, msg(MSG_AGREED_NEXT_STEPS), "#worksheet-next-steps");
	const char *person = person_of(bk, chap, o), *reviewer = reviewer_of(person, o);
	buf_init(&t);
	fill_nouns(&t, msg(MSG_NEXT_STEPS_NOTE), person, reviewer);
	made_text(L, s.vl, buf_cstr(&t), FACE_REGULAR, STYLE_BODY_SIZE, STYLE_TEXT_RGB, width, AL_LEFT);
	buf_done(&t);
	struct dl_items lines = { 0 };
	for (int i = 0; i < WORKSHEET_NEXT_LINES; i++) { /* on one page, with the heading */
		if (i == 0) /* the field over all the lines, carried by the first */
			field(&s, &lines, "next_steps", DL_FIELD_TEXT, 0, PT(6), width,
			      WORKSHEET_NEXT_LINES * (WS_RULE_GAP + PT(4)) - PT(2));
		rule(L, &lines, NULL, 0, WS_RULE_GAP + PT(4), width);
		made_penalty(s.vl, PEN_INF);
		made_box(L, s.vl, &lines, WS_RULE_GAP + PT(4));
	}
	dl_items_done(&lines);
	made_heading(L, s.vl, "Names, signatures and dates", 2, "#worksheet-signatures", width);
	outline_add(out, 2, "Names, signatures and dates", "#worksheet-signatures");
	signatures(&s, person, reviewer);
	return s.rows;
}
