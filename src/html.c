/* html.c: raw HTML blocks turned into Markdown nodes, once per file right
 * after the parse (see html.h).  libxml2's HTML parser reads the HTML and
 * recovers from what browsers recover from; this file only maps the
 * elements it returns onto cmark nodes.
 *
 * A table is rebuilt through cmark-gfm itself: a skeleton `|x|x|` table of
 * the right shape is parsed with md_parse (only the table extension can
 * make table nodes with their private column data), then each cell's
 * placeholder is replaced by the HTML cell's content.  A table cell can hold
 * only inlines, so a break inside one is an inline `<br>` node, which every
 * stage reads as a line break (md_is_br). */
#include "html.h"
#include "diagnostics.h"
#include "dlib.h"
#include "md.h"
#include "util.h"

#include <cmark-gfm-core-extensions.h>
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libxml2 is opened with dlopen the first time a file holds raw HTML, not
 * linked: loading it and what it needs (ICU, liblzma, libstdc++) would add
 * about 10 ms of CPU to every run's start, for content most frameworks do
 * not have.  Without the library, raw HTML is left out with the one
 * warning (build.c).  The Makefile passes the soname it found. */
#ifndef HTML_LIBXML2
#define HTML_LIBXML2 "libxml2.so.2"
#endif

#define XML_FUNCS(X) \
	X(htmlReadMemory) X(xmlGetLineNo) X(xmlFreeDoc) X(xmlDocGetRootElement) X(xmlGetProp) \
	X(xmlHasProp) X(xmlNodeGetContent) X(xmlStrcasecmp) X(xmlMemSetup) X(xmlInitParser)
#define XML_DECLARE(f) static __typeof__(f) *dl_##f;
XML_FUNCS(XML_DECLARE)

/* Columns of an HTML table past this are left out with a warning, as
 * build.c does for a Markdown table: a page cannot show more, and the
 * skeleton parse of a row costs cmark-gfm more than its cells. */
#define HTML_MAX_COLS 64

/* Element nesting followed below a block; deeper content is taken as plain
 * text.  The walk recurses, and frameworks nest a few levels (div > table
 * > tr > td > ul > li > strong). */
#define HTML_MAX_DEPTH 32

struct hx {
	const char *path;
	struct diags *d;
	int warned;   /* the file's one warning for HTML shown as text was given */
	int line0;    /* the block's first source line, minus one */
	int line1;    /* the block's last source line */
	int col;      /* the block's first column */
	int other;    /* the block held something other than tables */
};

/* Inline content being built into a paragraph or a table cell. */
struct inl {
	struct hx *h;
	cmark_node *box; /* the paragraph or cell */
	int bol;         /* 1: nothing on the current line yet */
	int space;       /* 1: a space waits for the next text */
	int cell;        /* 1: in a table cell (images give their alt text) */
};

static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !dl_xmlStrcasecmp(n->name, (const xmlChar *)name);
}

static int is_one_of(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is_el(n, *names))
			return 1;
	return 0;
}

/* Elements that end the line they are on (in a cell: a break). */
static const char *const block_els[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "center",
	"section", "article", "aside", "header", "footer", "main", "nav", "figure", "figcaption",
	"details", "summary", "dl", "dt", "dd", "hr", "table", "tr", "caption", "form", "fieldset",
	"ul", "ol", "li", NULL
};

/* Elements whose content is not text a reader sees. */
static const char *const hidden_els[] = { "script", "style", "head", "template", "noscript", "title", NULL };

static int is_heading(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && (n->name[0] == 'h' || n->name[0] == 'H') &&
	       n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

static int line_of(const struct hx *h, const xmlNode *n)
{
	long l = dl_xmlGetLineNo(n);
	if (l <= 0 || l > h->line1 - h->line0)
		return h->line0 + 1;
	return h->line0 + (int)l;
}

static cmark_node *append(cmark_node *parent, cmark_node_type type)
{
	cmark_node *n = md_node_new(type);
	if (!cmark_node_append_child(parent, n)) {
		cmark_node_free(n);
		return NULL;
	}
	return n;
}

/* Appends t to parent with HTML's white-space rule: runs of spaces, tabs
 * and newlines are one space, and none at a line's start. */
static void add_text(struct inl *s, cmark_node *parent, const char *t)
{
	struct buf b;
	buf_init(&b);
	for (; *t; t++) {
		if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == '\f') {
			if (!s->bol)
				s->space = 1;
			continue;
		}
		if (s->space)
			buf_addc(&b, ' ');
		s->space = 0;
		s->bol = 0;
		buf_addc(&b, *t);
	}
	if (b.len) {
		cmark_node *n = append(parent, CMARK_NODE_TEXT);
		if (n)
			cmark_node_set_literal(n, buf_cstr(&b));
	}
	buf_done(&b);
}

/* A line break, unless the line is empty. */
static void add_break(struct inl *s)
{
	if (s->bol)
		return;
	cmark_node *n = s->cell ? append(s->box, CMARK_NODE_HTML_INLINE) : append(s->box, CMARK_NODE_LINEBREAK);
	if (n && s->cell)
		cmark_node_set_literal(n, "<br>");
	s->bol = 1;
	s->space = 0;
}

static void inl_children(struct inl *s, cmark_node *parent, const xmlNode *n, int depth);

static void inl_node(struct inl *s, cmark_node *parent, const xmlNode *c, int depth)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		add_text(s, parent, (const char *)c->content);
		return;
	}
	if (c->type != XML_ELEMENT_NODE || is_one_of(c, hidden_els))
		return;
	if (depth >= HTML_MAX_DEPTH) {
		xmlChar *t = dl_xmlNodeGetContent(c);
		if (t)
			add_text(s, parent, (const char *)t);
		free(t);
		return;
	}
	if (is_el(c, "br")) {
		add_break(s);
	} else if (is_el(c, "ul") || is_el(c, "ol")) {
		int k = 1, ordered = is_el(c, "ol");
		add_break(s);
		for (const xmlNode *li = c->children; li; li = li->next) {
			if (!is_el(li, "li")) {
				inl_node(s, parent, li, depth + 1);
				continue;
			}
			add_break(s);
			char mark[16];
			snprintf(mark, sizeof(mark), ordered ? "%d." : "\xE2\x80\xA2", k++);
			add_text(s, parent, mark);
			s->space = 1;
			inl_children(s, parent, li, depth + 1);
			add_break(s);
		}
	} else if (is_one_of(c, block_els)) {
		add_break(s);
		inl_children(s, parent, c, depth + 1);
		add_break(s);
	} else if (is_el(c, "strong") || is_el(c, "b") || is_el(c, "em") || is_el(c, "i")) {
		int strong = is_el(c, "strong") || is_el(c, "b");
		cmark_node *e = append(parent, strong ? CMARK_NODE_STRONG : CMARK_NODE_EMPH);
		inl_children(s, e ? e : parent, c, depth + 1);
		if (e && !cmark_node_first_child(e))
			cmark_node_free(e);
	} else if (is_el(c, "code") || is_el(c, "kbd") || is_el(c, "tt") || is_el(c, "samp")) {
		xmlChar *t = dl_xmlNodeGetContent(c);
		struct buf b;
		buf_init(&b);
		buf_add_collapsed(&b, t ? (const char *)t : "", t ? strlen((const char *)t) : 0);
		free(t);
		if (b.len) {
			if (s->space) {
				cmark_node *sp = append(parent, CMARK_NODE_TEXT);
				if (sp)
					cmark_node_set_literal(sp, " ");
			}
			cmark_node *code = append(parent, CMARK_NODE_CODE);
			if (code)
				cmark_node_set_literal(code, buf_cstr(&b));
			s->space = 0;
			s->bol = 0;
		}
		buf_done(&b);
	} else if (is_el(c, "a") && dl_xmlHasProp(c, (const xmlChar *)"href")) {
		xmlChar *href = dl_xmlGetProp(c, (const xmlChar *)"href");
		if (s->space && !s->bol) {
			cmark_node *sp = append(parent, CMARK_NODE_TEXT);
			if (sp)
				cmark_node_set_literal(sp, " ");
			s->space = 0;
		}
		cmark_node *a = append(parent, CMARK_NODE_LINK);
		if (a)
			cmark_node_set_url(a, href ? (const char *)href : "");
		free(href);
		inl_children(s, a ? a : parent, c, depth + 1);
		if (a && !cmark_node_first_child(a))
			cmark_node_free(a);
	} else if (is_el(c, "img")) {
		xmlChar *alt = dl_xmlGetProp(c, (const xmlChar *)"alt"), *src = dl_xmlGetProp(c, (const xmlChar *)"src");
		if (!s->cell && src && *src) {
			cmark_node *im = append(parent, CMARK_NODE_IMAGE);
			if (im) {
				cmark_node_set_url(im, (const char *)src);
				if (alt && *alt) {
					struct inl t = { s->h, im, 1, 0, 0 };
					add_text(&t, im, (const char *)alt);
				}
			}
			s->bol = 0;
		} else if (alt && *alt) {
			add_text(s, parent, (const char *)alt);
		}
		free(alt);
		free(src);
	} else {
		inl_children(s, parent, c, depth + 1);
	}
}

static void inl_children(struct inl *s, cmark_node *parent, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		inl_node(s, parent, c, depth);
}

/* Removes the breaks that close a cell or paragraph's last line. */
static void trim_breaks(cmark_node *box)
{
	cmark_node *l;
	while ((l = cmark_node_last_child(box)) &&
	       (cmark_node_get_type(l) == CMARK_NODE_LINEBREAK || md_is_br(l)))
		cmark_node_free(l);
}

/* ---- tables ---- */

struct hrow {
	const xmlNode *tr;
	int head;  /* 1: in <thead>, or every cell is a <th> */
};

static int colspan(const xmlNode *cell)
{
	xmlChar *v = dl_xmlGetProp(cell, (const xmlChar *)"colspan");
	int k = v ? atoi((const char *)v) : 1;
	free(v);
	return k < 1 ? 1 : k > HTML_MAX_COLS ? HTML_MAX_COLS : k;
}

static void collect_rows(const xmlNode *t, int in_head, struct hrow **rows, int *n, int *cap)
{
	for (const xmlNode *c = t->children; c; c = c->next) {
		if (is_el(c, "thead") || is_el(c, "tbody") || is_el(c, "tfoot")) {
			collect_rows(c, is_el(c, "thead"), rows, n, cap);
		} else if (is_el(c, "tr")) {
			int cells = 0, ths = 0;
			for (const xmlNode *d = c->children; d; d = d->next) {
				cells += is_el(d, "td") || is_el(d, "th");
				ths += is_el(d, "th");
			}
			if (!cells)
				continue;
			GROW(*rows, *cap, *n + 1);
			(*rows)[*n].tr = c;
			(*rows)[*n].head = in_head || ths == cells;
			(*n)++;
		}
	}
}

/* 1 when element n holds a <ul> or <ol> (within HTML_MAX_DEPTH). */
static int holds_list(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < HTML_MAX_DEPTH; c = c->next)
		if (is_el(c, "ul") || is_el(c, "ol") || (c->type == XML_ELEMENT_NODE && holds_list(c, depth + 1)))
			return 1;
	return 0;
}

/* The table node for <table> t, or NULL when it has no cells. */
static cmark_node *table_node(struct hx *h, const xmlNode *t, int depth)
{
	struct hrow *rows = NULL;
	int nrows = 0, cap = 0, cols = 0;
	cmark_node *doc = NULL, *tbl = NULL;
	collect_rows(t, 0, &rows, &nrows, &cap);
	for (int r = 0; r < nrows; r++) {
		int k = 0;
		for (const xmlNode *d = rows[r].tr->children; d; d = d->next)
			if (is_el(d, "td") || is_el(d, "th"))
				k += colspan(d);
		if (k > cols)
			cols = k;
	}
	if (!nrows || !cols)
		goto done;
	if (cols > HTML_MAX_COLS) {
		diag_warn_at(h->d, h->path, line_of(h, t), 0, "table has %d columns; only the first %d are shown",
		             cols, HTML_MAX_COLS);
		cols = HTML_MAX_COLS;
	}
	struct buf sk;
	buf_init(&sk);
	for (int r = 0; r < nrows; r++) {
		buf_addc(&sk, '|');
		for (int c = 0; c < cols; c++)
			buf_adds(&sk, "x|");
		buf_addc(&sk, '\n');
		if (r == 0) {
			buf_addc(&sk, '|');
			for (int c = 0; c < cols; c++)
				buf_adds(&sk, "-|");
			buf_addc(&sk, '\n');
		}
	}
	doc = md_parse(sk.data, sk.len);
	buf_done(&sk);
	tbl = doc ? cmark_node_first_child(doc) : NULL;
	if (!md_is(tbl, "table")) {
		tbl = NULL;
		goto done;
	}
	cmark_node_unlink(tbl);
	md_set_lines(tbl, line_of(h, t), h->line1);
	cmark_node *row = cmark_node_first_child(tbl);
	for (int r = 0; r < nrows && row; r++, row = cmark_node_next(row)) {
		int line = line_of(h, rows[r].tr);
		md_set_lines(row, line, line);
		if (r == 0 && !rows[r].head)
			cmark_gfm_extensions_set_table_row_is_header(row, 0);
		cmark_node *cell = cmark_node_first_child(row);
		for (cmark_node *x = cell; x; x = cmark_node_next(x)) {
			md_set_lines(x, line, line);
			while (cmark_node_first_child(x))
				cmark_node_free(cmark_node_first_child(x));
		}
		for (const xmlNode *d = rows[r].tr->children; d && cell; d = d->next) {
			if (!is_el(d, "td") && !is_el(d, "th"))
				continue;
			cmark_node *into = cell;
			/* a row heading of a body row (a matrix's competency) stands
			 * out; a <th> holding a list is a cell of text, not a heading */
			if (is_el(d, "th") && !(r == 0 && rows[r].head) && !holds_list(d, depth))
				into = append(cell, CMARK_NODE_STRONG);
			/* breaks go where the text goes, so items stay on their lines */
			struct inl s = { h, into ? into : cell, 1, 0, 1 };
			inl_children(&s, into ? into : cell, d, depth + 1);
			trim_breaks(into ? into : cell);
			if (into && into != cell && !cmark_node_first_child(into))
				cmark_node_free(into);
			for (int k = colspan(d); k > 0 && cell; k--)
				cell = cmark_node_next(cell);
		}
	}
done:
	free(rows);
	if (doc)
		cmark_node_free(doc);
	return tbl;
}

/* ---- blocks ---- */

/* The paragraph being filled from inline content between blocks. */
struct pend {
	struct inl s;
	cmark_node *before;  /* the HTML block: new blocks go before it */
	int line;
	int top;             /* 1: the block is the document's own, where a heading may stand */
	int summary_level;   /* the heading level a <details>' <summary> takes: one below the
	                      * heading before the block */
};

static void flush(struct pend *p)
{
	if (!p->s.box)
		return;
	trim_breaks(p->s.box);
	if (cmark_node_first_child(p->s.box)) {
		md_set_lines(p->s.box, p->line, p->s.h->line1);
		cmark_node_insert_before(p->before, p->s.box);
	} else {
		cmark_node_free(p->s.box);
	}
	p->s.box = NULL;
}

static void open_para(struct pend *p, const xmlNode *at)
{
	if (p->s.box)
		return;
	p->s.box = md_node_new(CMARK_NODE_PARAGRAPH);
	p->s.bol = 1;
	p->s.space = 0;
	p->line = line_of(p->s.h, at);
}

static int is_blank(const char *t)
{
	for (; *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r' && *t != '\f')
			return 0;
	return 1;
}

/* A heading of level lvl holding element c's inline content, before the
 * HTML block; none when c holds no text. */
static void add_heading(struct pend *p, const xmlNode *c, int lvl, int depth)
{
	struct hx *h = p->s.h;
	cmark_node *hd = md_node_new(CMARK_NODE_HEADING);
	cmark_node_set_heading_level(hd, lvl);
	struct inl s = { h, hd, 1, 0, 0 };
	inl_children(&s, hd, c, depth + 1);
	trim_breaks(hd);
	int line = line_of(h, c);
	md_set_lines(hd, line, line);
	if (cmark_node_first_child(hd))
		cmark_node_insert_before(p->before, hd);
	else
		cmark_node_free(hd);
}

/* How many images element n is (<img>, a <picture> of <source>s and an
 * <img>, a <p> holding only images and white space), or -1 when it holds
 * more than images.  libxml2 knows no <source> and puts the <img> after
 * one inside it. */
static int image_count(const xmlNode *n, int depth)
{
	if (n->type != XML_ELEMENT_NODE || depth > HTML_MAX_DEPTH)
		return -1;
	if (is_el(n, "img"))
		return 1;
	if (!is_el(n, "picture") && !is_el(n, "source") && !is_el(n, "p"))
		return -1;
	int images = 0;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && is_blank((const char *)k->content))
			continue;
		int i = image_count(k, depth + 1);
		if (i < 0)
			return -1;
		images += i;
	}
	return images;
}

static int only_images(const xmlNode *n)
{
	return image_count(n, 0) > 0;
}

static void blocks(struct pend *p, const xmlNode *n, int depth)
{
	struct hx *h = p->s.h;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && is_blank((const char *)c->content) && !p->s.box)
			continue;
		if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		if (is_one_of(c, hidden_els))
			continue;
		if (is_el(c, "table") && depth < HTML_MAX_DEPTH) {
			flush(p);
			for (const xmlNode *cap = c->children; cap; cap = cap->next)
				if (is_el(cap, "caption")) {
					h->other = 1;
					open_para(p, cap);
					inl_children(&p->s, p->s.box, cap, depth + 1);
					flush(p);
				}
			cmark_node *t = table_node(h, c, depth + 1);
			if (t)
				cmark_node_insert_before(p->before, t);
			continue;
		}
		if (is_el(c, "summary") && depth == 1 && p->top && n->type == XML_ELEMENT_NODE && is_el(n, "details")) {
			/* GitHub's collapsible section: its summary is the heading of
			 * what it folds, a section as "## Technical skills" would be */
			flush(p);
			add_heading(p, c, p->summary_level, depth);
			continue;
		}
		if (is_heading(c) && depth == 0 && p->top) {
			/* <h2>Delivery</h2> written as a level file's section heading:
			 * a heading, so the sections under it are found */
			flush(p);
			add_heading(p, c, c->name[1] - '0', depth);
			continue;
		}
		int container = c->type == XML_ELEMENT_NODE && is_one_of(c, block_els) && depth < HTML_MAX_DEPTH &&
		                !is_el(c, "p") && !is_el(c, "li") && !is_heading(c) && !is_el(c, "pre") &&
		                !is_el(c, "dt") && !is_el(c, "dd") && !is_el(c, "hr") && !is_el(c, "ul") &&
		                !is_el(c, "ol");
		/* a container (<div align="center"> around a table) is no text of
		 * its own: what it holds says whether anything was not interpreted */
		/* <picture> (its <source>s the dark and light variants) and <img>
		 * become an image, also in the paragraph libxml2 puts around them:
		 * nothing of them is lost */
		int blank = c->type == XML_TEXT_NODE && is_blank((const char *)c->content);
		if (!container && !blank && !only_images(c))
			h->other = 1;
		if ((is_el(c, "ul") || is_el(c, "ol")) && depth < HTML_MAX_DEPTH) {
			flush(p);
			cmark_node *list = md_node_new(CMARK_NODE_LIST);
			cmark_node_set_list_type(list, is_el(c, "ol") ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST);
			cmark_node_set_list_tight(list, 1);
			if (is_el(c, "ol"))
				cmark_node_set_list_start(list, 1);
			for (const xmlNode *li = c->children; li; li = li->next) {
				if (!is_el(li, "li"))
					continue;
				cmark_node *item = append(list, CMARK_NODE_ITEM);
				cmark_node *para = item ? append(item, CMARK_NODE_PARAGRAPH) : NULL;
				if (!para)
					continue;
				struct inl s = { h, para, 1, 0, 0 };
				inl_children(&s, para, li, depth + 1);
				trim_breaks(para);
				int line = line_of(h, li);
				md_set_lines(item, line, line);
				md_set_lines(para, line, line);
			}
			md_set_lines(list, line_of(h, c), h->line1);
			if (cmark_node_first_child(list))
				cmark_node_insert_before(p->before, list);
			else
				cmark_node_free(list);
		} else if (container) {
			/* a container: its children are blocks of their own */
			flush(p);
			blocks(p, c, depth + 1);
			flush(p);
		} else if (is_el(c, "p") || is_el(c, "li") || (c->type == XML_ELEMENT_NODE && is_one_of(c, block_els))) {
			flush(p);
			open_para(p, c);
			inl_children(&p->s, p->s.box, c, depth + 1);
			flush(p);
		} else {
			open_para(p, c);
			inl_node(&p->s, p->s.box, c, depth + 1);
		}
	}
}

/* 1 when the block is only comments: they stay, for index markers and
 * `<!-- track: -->` (build.c, framework.c). */
static int is_comment(const char *html)
{
	for (;;) {
		while (*html == ' ' || *html == '\t' || *html == '\n' || *html == '\r')
			html++;
		if (!*html)
			return 1;
		if (strncmp(html, "<!--", 4))
			return 0;
		const char *e = strstr(html + 4, "-->");
		if (!e)
			return 1;
		html = e + 3;
	}
}

/* libxml2 allocates through util.c, so running out of memory ends in the
 * one exit main.c installs, as for cmark; what it returns is freed with
 * free. */
static char *html_strdup(const char *s)
{
	return xstrdup(s);
}

/* Opens libxml2 once; returns 0, or -1 when it cannot be. */
static int html_setup(void)
{
	static int state;
	static const char *const names[] = { HTML_LIBXML2, NULL };
#define XML_SYM(f) { #f, (void **)&dl_##f },
	static const struct dlib_sym syms[] = { XML_FUNCS(XML_SYM) };
	int rc = dlib_open(&state, names, syms, DLIB_COUNT(syms));
	if (rc == 1 && dl_xmlMemSetup(free, xmalloc, xrealloc, html_strdup) != 0)
		state = rc = -1;
	else if (rc == 1)
		dl_xmlInitParser();
	return rc < 0 ? -1 : 0;
}

/* 1 when a parsed block holds nothing but elements never shown (a
 * <style> sheet, a <script>) and white space. */
static int only_hidden(const xmlNode *root)
{
	if (!root)
		return 0;
	for (const xmlNode *c = root->children; c; c = c->next)
		for (const xmlNode *k = c->children; k; k = k->next)
			if (!(k->type == XML_ELEMENT_NODE && is_one_of(k, hidden_els)) &&
			    !(k->type == XML_TEXT_NODE && is_blank((const char *)k->content)))
				return 0;
	return 1;
}

/* 1 when html is nothing but end tags and white space ("</details>",
 * "</div>"): the close of a block opened before, nothing to show. */
static int only_end_tags(const char *html)
{
	for (;;) {
		while (*html == ' ' || *html == '\t' || *html == '\n' || *html == '\r')
			html++;
		if (!*html)
			return 1;
		if (html[0] != '<' || html[1] != '/')
			return 0;
		const char *e = strchr(html, '>');
		if (!e)
			return 0;
		for (const char *q = html + 2; q < e; q++)
			if (!isalnum((unsigned char)*q) && *q != ' ')
				return 0;
		html = e + 1;
	}
}

/* The level of a heading that opens a section at block n: one below the
 * nearest heading before it in the document (level 2 under the title). */
static int next_heading_level(cmark_node *n)
{
	for (cmark_node *b = cmark_node_previous(n); b; b = cmark_node_previous(b))
		if (cmark_node_get_type(b) == CMARK_NODE_HEADING) {
			int l = cmark_node_get_heading_level(b) + 1;
			return l > 6 ? 6 : l;
		}
	return 2;
}

/* Replaces one HTML block; returns 1 when it was replaced. */
static int rewrite_block(struct hx *h, cmark_node *n)
{
	const char *src = cmark_node_get_literal(n);
	if (!src || is_comment(src))
		return 0;
	if (only_end_tags(src)) {
		cmark_node_free(n);
		return 1;
	}
	h->line0 = cmark_node_get_start_line(n) - 1;
	h->line1 = cmark_node_get_end_line(n);
	h->col = cmark_node_get_start_column(n);
	h->other = 0;
	int len = (int)strlen(src);
	/* XML_PARSE_HUGE: past 256 nested elements libxml2 would stop and
	 * drop the rest of the block; the block is bounded by the file's size
	 * limit, and the walk here by HTML_MAX_DEPTH */
	htmlDocPtr doc = dl_htmlReadMemory(src, len, NULL, "UTF-8",
	                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
	xmlNode *root = doc ? dl_xmlDocGetRootElement(doc) : NULL;
	const xmlNode *body = NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (is_el(c, "body"))
			body = c;
	cmark_node *parent = cmark_node_parent(n);
	struct pend p = { { h, NULL, 1, 0, 0 }, n, h->line0 + 1,
		              parent && cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT, next_heading_level(n) };
	if (body)
		blocks(&p, body, 0);
	else if (!only_hidden(root))
		h->other = 1; /* a style sheet or script alone is no text the reader misses */
	flush(&p);
	if (h->other && !h->warned) {
		diag_warn_at(h->d, h->path, h->line0 + 1, h->col,
		             "raw HTML is not interpreted; only its text is shown (reported once per file)");
		h->warned = 1;
	}
	if (doc)
		dl_xmlFreeDoc(doc);
	cmark_node_free(n);
	return 1;
}

int html_rewrite(cmark_node *root, const char *path, struct diags *d)
{
	cmark_node **blocks_v = NULL;
	int n = 0, cap = 0, done = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK) {
			GROW(blocks_v, cap, n + 1);
			blocks_v[n++] = c;
		}
	}
	cmark_iter_free(it);
	struct hx h = { path, d, 0, 0, 0, 0, 0 };
	for (int i = 0; i < n; i++)
		if (html_setup() == 0)
			done += rewrite_block(&h, blocks_v[i]);
	free(blocks_v);
	return done;
}
