/* md.c: the cmark-gfm parser set up once, and AST helpers.
 *
 * Footnotes are the one place we read cmark-gfm's private node layout: the
 * public API gives a reference no way to reach its definition. */
#include "md.h"
#include "diagnostics.h"
#include "icu.h"
#include "util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/node.h>
#include <cmark-gfm/utf8.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/utf16.h>

static const char *const md_extensions[] = { "table", "strikethrough", "autolink", "tasklist" };

/* cmark's allocations go through util.c's, so running out of memory ends
 * in the one exit main.c installs rather than cmark's abort.  Nodes keep a
 * pointer to this for as long as they live. */
static void *md_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *md_realloc(void *p, size_t n)
{
	return xrealloc(p, n);
}

static cmark_mem md_mem = { md_calloc, md_realloc, free };

cmark_node *md_parse(const char *text, size_t len)
{
	cmark_gfm_core_extensions_ensure_registered();
	/* no CMARK_OPT_VALIDATE_UTF8: content.c hands over text it has made
	 * valid, and checking it again cost a fifteenth of the parse */
	int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES;
	cmark_parser *p = cmark_parser_new_with_mem(opts, &md_mem);
	for (size_t i = 0; i < sizeof(md_extensions) / sizeof(*md_extensions); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(md_extensions[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, len);
	cmark_node *root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

cmark_node *md_node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, &md_mem);
}

int md_is(cmark_node *n, const char *type)
{
	return n && !strcmp(cmark_node_get_type_string(n), type);
}

void md_text(cmark_node *n, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_adds(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(out, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			if (md_is_br(c))
				buf_addc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

int md_is_br(cmark_node *n)
{
	if (!n || cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE)
		return 0;
	const char *h = cmark_node_get_literal(n);
	if (!h || strncasecmp(h, "<br", 3))
		return 0;
	for (h += 3; *h == ' ' || *h == '\t' || *h == '\n'; h++)
		;
	if (*h == '/')
		h++;
	return !strcmp(h, ">");
}

/* 1 when GitHub keeps cp (not ASCII) in an anchor: letters, marks and
 * numbers of any script, and the connector punctuation; other
 * punctuation, symbols (emoji among them) and spaces other than ' ' go. */
static int slug_keeps(UChar32 cp)
{
	if (!icu_loaded())
		return 1; /* without ICU's classes every other character stays */
	switch (icu_u_charType(cp)) {
	case U_UPPERCASE_LETTER:
	case U_LOWERCASE_LETTER:
	case U_TITLECASE_LETTER:
	case U_MODIFIER_LETTER:
	case U_OTHER_LETTER:
	case U_NON_SPACING_MARK:
	case U_ENCLOSING_MARK:
	case U_COMBINING_SPACING_MARK:
	case U_DECIMAL_DIGIT_NUMBER:
	case U_LETTER_NUMBER:
	case U_OTHER_NUMBER:
	case U_CONNECTOR_PUNCTUATION:
		return 1;
	default:
		return 0;
	}
}

/* text lowered into a malloc'd UTF-16 string; *m gets its length. */
static UChar *lowered(const char *text, int32_t *m)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = 0;
	size_t len = strlen(text);
	*m = 0;
	if (len > INT32_MAX / 4)
		return NULL;
	size_t ascii = 0;
	while (ascii < len && (unsigned char)text[ascii] < 0x80)
		ascii++;
	if (ascii == len || icu_load() != 0) {
		/* ASCII (most headings): lowered here, ICU not needed; without
		 * ICU, other characters are kept as they are */
		UChar *low = xmalloc(sizeof(UChar) * (len * 2 + 1));
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			i += (size_t)utf8_decode(text + i, len - i, &cp);
			if (cp < 0x10000) {
				low[(*m)++] = (UChar)(cp < 0x80 ? (uint32_t)tolower((int)cp) : cp);
			} else {
				low[(*m)++] = (UChar)U16_LEAD(cp);
				low[(*m)++] = (UChar)U16_TRAIL(cp);
			}
		}
		return low;
	}
	UChar *u = xmalloc(sizeof(UChar) * (len + 1));
	icu_u_strFromUTF8Lenient(u, (int32_t)len + 1, &n, text, (int32_t)len, &e);
	int32_t cap = n * 3 + 1; /* lowering never grows a string more than threefold */
	UChar *low = xmalloc(sizeof(UChar) * (size_t)cap);
	*m = U_SUCCESS(e) ? icu_u_strToLower(low, cap, u, n, "", &e) : 0;
	if (U_FAILURE(e))
		*m = 0;
	free(u);
	return low;
}

void md_lower(const char *text, struct buf *out)
{
	int32_t m;
	UChar *low = lowered(text, &m);
	for (int32_t i = 0; i < m;) {
		UChar32 cp;
		U16_NEXT(low, i, m, cp);
		buf_add_utf8(out, (uint32_t)cp);
	}
	free(low);
}

void md_slug(const char *text, struct buf *out)
{
	/* GitHub lowers the whole heading as JavaScript's toLowerCase does
	 * (full Unicode case mapping, final sigma included): ICU's
	 * u_strToLower with the root locale is the same mapping */
	int32_t m;
	UChar *low = lowered(text, &m);
	for (int32_t i = 0; i < m;) {
		UChar32 cp;
		U16_NEXT(low, i, m, cp);
		if (cp < 0x80) {
			unsigned char c = (unsigned char)cp;
			if (isalnum(c) || c == '-' || c == '_')
				buf_addc(out, c);
			else if (c == ' ')
				buf_addc(out, '-');
		} else if (slug_keeps(cp)) {
			buf_add_utf8(out, (uint32_t)cp);
		}
	}
	free(low);
}

int md_is_footnote_def(cmark_node *n)
{
	return n && n->type == CMARK_NODE_FOOTNOTE_DEFINITION;
}

int md_is_footnote_ref(cmark_node *n)
{
	return n && n->type == CMARK_NODE_FOOTNOTE_REFERENCE;
}

cmark_node *md_footnote_ref_def(cmark_node *ref)
{
	return md_is_footnote_ref(ref) ? ref->parent_footnote_def : NULL;
}

void md_set_lines(cmark_node *n, int first, int last)
{
	n->start_line = first;
	n->end_line = last;
}

int md_line(cmark_node *n)
{
	for (; n; n = cmark_node_parent(n)) {
		int l = cmark_node_get_start_line(n);
		if (l > 0)
			return l;
	}
	return 0;
}

/* ---- bounds on the parser's work ----------------------------------------
 *
 * cmark-gfm 0.29 takes time or memory out of proportion to its input in a
 * few shapes (docs/cmark-gfm.md §7).  md_bound finds them before the parse and
 * neutralises what goes past a limit with a backslash escape, so the text
 * stays visible; each limit sits far above what written prose reaches, so
 * ordinary text passes byte for byte. */

/* Bytes of link targets that references may make cmark copy, per byte of
 * the file: cmark copies a reference's target into every link that uses
 * it, so one 10 KB target used 100,000 times would cost a gigabyte. */
#define MD_REF_COPY_PER_BYTE 16
/* Longest link label cmark looks up (CommonMark: 999 characters). */
#define MD_MAX_LABEL 999
/* Table cells in one row: cmark-gfm finds the end of a row's cell list by
 * walking it, once per cell, and the layout shows only 64 columns. */
#define MD_MAX_CELLS 128
/* Bytes cmark-gfm may scan for the ends of HTML openers ("<![CDATA[",
 * "<!--", "<?", "<!X"), per byte of a paragraph: it scans from each opener
 * to its closer or, for an unclosed one, to the paragraph's end, so a run
 * of unclosed openers costs the square of its length. */
#define MD_HTML_SCAN_PER_BYTE 16
/* Image openers "![" in one paragraph: every link closed after them walks
 * back over all that are still open. */
#define MD_MAX_IMAGES 256

enum { MB_KEEP, MB_ESCAPE, MB_DROP }; /* what happens to a byte: md_bound's marks */

/* A label as cmark compares it: case folded (with cmark's own Unicode
 * folding when it is not ASCII: "ß" matches "ss"), white space runs made
 * one space. */
static void label_key(const char *s, size_t n, struct buf *out)
{
	cmark_strbuf fold;
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (!ascii) {
		cmark_strbuf_init(&md_mem, &fold, 0);
		cmark_utf8proc_case_fold(&fold, (const uint8_t *)s, (bufsize_t)n);
		s = (const char *)fold.ptr;
		n = (size_t)fold.size;
	}
	out->len = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_addc(out, ' ');
		space = 0;
		buf_addc(out, c < 0x80 ? tolower(c) : c);
	}
	buf_cstr(out);
	if (!ascii)
		cmark_strbuf_free(&fold);
}

/* The end of a label starting after the '[' at s[i]: the index of its ']',
 * or 0 when there is none within MD_MAX_LABEL bytes. */
static size_t label_end(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n && j <= i + 1 + MD_MAX_LABEL; j++) {
		if (s[j] == '\\')
			j++;
		else if (s[j] == '[')
			return 0;
		else if (s[j] == ']')
			return j;
	}
	return 0;
}

static int line_at(const char *s, size_t pos)
{
	int line = 1;
	for (size_t i = 0; i < pos; i++)
		line += s[i] == '\n';
	return line;
}

/* Link reference definitions ("[label]: target" at a line start) and the
 * length of their targets; then every later "[label]" costs its target's
 * length, and past the budget its '[' is escaped. */
static void bound_refs(const char *s, size_t n, unsigned char *mark, const char *path,
                       struct diags *d)
{
	struct strmap *defs = strmap_new();
	int *cost = NULL, ncost = 0, cap = 0;
	struct buf key;
	buf_init(&key);
	for (size_t i = 0; i < n;) {
		size_t j = i, e;
		while (j < n && j < i + 3 && s[j] == ' ')
			j++;
		if (j < n && s[j] == '[' && (e = label_end(s, n, j)) && e + 1 < n && s[e + 1] == ':') {
			size_t u = e + 2;
			while (u < n && (s[u] == ' ' || s[u] == '\t'))
				u++;
			if (u < n && s[u] == '\n')
				u++;
			while (u < n && (s[u] == ' ' || s[u] == '\t'))
				u++;
			size_t v = u;
			while (v < n && s[v] != ' ' && s[v] != '\t' && s[v] != '\n' && s[v] != '\r')
				v++;
			label_key(s + j + 1, e - j - 1, &key);
			int k;
			if (!strmap_get(defs, key.data, &k)) {
				GROW(cost, cap, ncost + 1);
				cost[k = ncost++] = 0;
				strmap_put(defs, key.data, k);
			}
			if ((int)(v - u) > cost[k])
				cost[k] = (int)(v - u);
		}
		const char *nl = memchr(s + i, '\n', n - i);
		i = nl ? (size_t)(nl - s) + 1 : n;
	}
	double spent = 0, budget = (double)MD_REF_COPY_PER_BYTE * (double)n;
	size_t first = 0, escaped = 0;
	for (size_t i = 0; ncost && i < n; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		size_t e;
		if (s[i] != '[' || !(e = label_end(s, n, i)))
			continue;
		int k;
		label_key(s + i + 1, e - i - 1, &key);
		if (!strmap_get(defs, key.data, &k) || (e + 1 < n && s[e + 1] == ':'))
			continue;
		spent += cost[k];
		if (spent > budget) {
			if (!escaped++)
				first = i;
			mark[i] = MB_ESCAPE;
		}
	}
	if (escaped)
		diag_warn(d, path, line_at(s, first),
		          "links by reference would copy more than %d bytes of link targets per byte of "
		          "the file; %zu references from here on are set as text",
		          MD_REF_COPY_PER_BYTE, escaped);
	buf_done(&key);
	free(cost);
	strmap_free(defs);
}

/* Lines with more than MD_MAX_CELLS unescaped '|': later pipes are escaped
 * (their cells join the last one as text), and a delimiter row, which is
 * only markup, is cut at the same cell so header and delimiter still
 * agree. */
static void bound_cells(const char *s, size_t n, unsigned char *mark, const char *path,
                        struct diags *d)
{
	size_t first = 0, lines = 0;
	int most = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		int pipes = 0, delim = 1, dash = 0;
		for (size_t j = i; j < end; j++) {
			if (s[j] == '\\') {
				delim = 0;
				j++;
			} else if (s[j] == '|') {
				pipes++;
			} else if (s[j] == '-') {
				dash = 1;
			} else if (s[j] != ':' && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') {
				delim = 0;
			}
		}
		if (pipes > MD_MAX_CELLS) {
			if (!lines++)
				first = i;
			if (pipes > most)
				most = pipes;
			int k = 0;
			for (size_t j = i; j < end; j++) {
				if (k > MD_MAX_CELLS && delim && dash)
					mark[j] = MB_DROP;
				else if (s[j] == '\\')
					j++;
				else if (s[j] == '|' && ++k > MD_MAX_CELLS)
					mark[j] = delim && dash ? MB_DROP : MB_ESCAPE;
			}
		}
		i = end + 1;
	}
	if (lines)
		diag_warn(d, path, line_at(s, first),
		          "a table row with %d cells (%zu such lines); cells past the %dth are set as text "
		          "in the last one and delimiter rows are cut there",
		          most, lines, MD_MAX_CELLS);
}

/* Line [i, e) is blank. */
static int blank_line(const char *s, size_t i, size_t e)
{
	for (; i < e; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Line [i, e) surely starts a new paragraph: a bullet item, an ordered item
 * numbered 1 or a heading, at most three spaces in (then no container can
 * take it as a continuation line).  Other lines may continue one. */
static int opens_block(const char *s, size_t i, size_t e)
{
	size_t j = i;
	while (j < e && j < i + 3 && s[j] == ' ')
		j++;
	if (j >= e)
		return 0;
	size_t m = j;
	if (s[m] == '-' || s[m] == '*' || s[m] == '+') {
		m++;
	} else if (s[m] == '1' && m + 1 < e && (s[m + 1] == '.' || s[m + 1] == ')')) {
		m += 2;
	} else if (s[m] == '#') {
		while (m < e && m < j + 6 && s[m] == '#')
			m++;
		return m == e || s[m] == ' ' || s[m] == '\t';
	} else {
		return 0;
	}
	if (m >= e || (s[m] != ' ' && s[m] != '\t'))
		return 0;
	return !blank_line(s, m, e);
}

/* The end of the paragraph-sized block that starts at line i: up to a
 * blank line or a line that surely opens a new block.  A block may hold
 * several of cmark's paragraphs, never part of one. */
static size_t block_end(const char *s, size_t n, size_t i)
{
	for (int firstline = 1; i < n; firstline = 0) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		if (!firstline && (blank_line(s, i, e) || opens_block(s, i, e)))
			return i;
		i = e + 1;
	}
	return n;
}

struct html_kind {
	const char *open, *close; /* the scan for an opener stops at its close */
	size_t min;  /* bytes from the opener's start to where its close may start */
};

/* cmark-gfm 0.29's inline HTML that scans ahead.  A comment's scan stops at
 * the first "--" (a comment holds none); a declaration needs upper-case
 * letters and a space before its scan. */
enum { HK_CDATA, HK_COMMENT, HK_PI, HK_DECL, HK__MAX };
static const struct html_kind html_kinds[HK__MAX] = {
	[HK_CDATA] = { "<![CDATA[", "]]>", 9 },
	[HK_COMMENT] = { "<!--", "--", 4 },
	[HK_PI] = { "<?", "?>", 2 },
	[HK_DECL] = { "<!", ">", 3 },
};

static int html_opener(const char *s, size_t i, size_t e)
{
	for (int k = 0; k < HK__MAX; k++) {
		size_t l = strlen(html_kinds[k].open);
		if (i + l > e || memcmp(s + i, html_kinds[k].open, l))
			continue;
		if (k == HK_DECL) {
			size_t j = i + 2;
			while (j < e && s[j] >= 'A' && s[j] <= 'Z')
				j++;
			if (j == i + 2 || j >= e || !isspace((unsigned char)s[j]))
				continue;
		}
		return k;
	}
	return -1;
}

/* Where cmark's scan for the end of opener kind k at s[j] stops at the
 * latest: after the first close that may follow it in [j, e), else at e.
 * The bytes up to a close are not taken as skipped: a paragraph may end
 * before it, or a code span take the opener, and then cmark scans them
 * again for the next opener.  *next caches the last close found (e when
 * none is left, (size_t)-1 before the first search). */
static size_t html_scan_end(const char *s, size_t j, size_t e, int k, size_t *next)
{
	const struct html_kind *h = &html_kinds[k];
	size_t l = strlen(h->close), from = j + h->min;
	if (*next == (size_t)-1 || *next < from) { /* not searched yet, or passed */
		*next = e;
		const char *c = from < e ? memmem(s + from, e - from, h->close, l) : NULL;
		if (c)
			*next = (size_t)(c - s);
	}
	return *next >= e ? e : *next + l + (k == HK_COMMENT);
}

/* Per block: once cmark could scan more than MD_HTML_SCAN_PER_BYTE times
 * the block for the ends of HTML openers, later openers are escaped (an
 * unclosed one reads the same: cmark shows it as text; a closed one is shown
 * as text by build.c anyway, but for a comment); image openers past
 * MD_MAX_IMAGES lose their bracket.  The block may hold several of cmark's
 * paragraphs, so both counts can only be too high. */
static void bound_blocks(const char *s, size_t n, unsigned char *mark, const char *path,
                         struct diags *d)
{
	size_t html_first = 0, html_n = 0, img_first = 0, img_n = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - s) : n;
		if (blank_line(s, i, le)) {
			i = le + 1;
			continue;
		}
		size_t e = block_end(s, n, i);
		size_t next[HK__MAX];
		for (int k = 0; k < HK__MAX; k++)
			next[k] = (size_t)-1;
		double scan = 0, budget = (double)MD_HTML_SCAN_PER_BYTE * (double)(e - i);
		size_t images = 0;
		for (size_t j = i; j < e; j++) {
			if (s[j] == '\\') {
				j++;
				continue;
			}
			int k;
			if (s[j] == '<' && (k = html_opener(s, j, e)) >= 0) {
				size_t end = html_scan_end(s, j, e, k, &next[k]);
				scan += (double)(end - j);
				if (scan > budget) {
					if (!html_n++)
						html_first = j;
					mark[j] = MB_ESCAPE;
				}
			}
			if (s[j] == '!' && j + 1 < e && s[j + 1] == '[' && ++images > MD_MAX_IMAGES) {
				if (!img_n++)
					img_first = j;
				mark[j + 1] = MB_ESCAPE;
			}
		}
		i = e;
	}
	if (html_n)
		diag_warn(d, path, line_at(s, html_first),
		          "%zu HTML openers ('<![CDATA[', '<!--', '<?', '<!') in long paragraphs would be "
		          "rescanned to the paragraph's end; they are set as text", html_n);
	if (img_n)
		diag_warn(d, path, line_at(s, img_first),
		          "more than %d image openers '![' in one paragraph; %zu later ones are set as text",
		          MD_MAX_IMAGES, img_n);
}

int md_bound(char **text, size_t *len, const char *path, struct diags *d)
{
	const char *s = *text;
	size_t n = *len;
	unsigned char *mark = xcalloc(n ? n : 1, 1);
	bound_refs(s, n, mark, path, d);
	bound_cells(s, n, mark, path, d);
	bound_blocks(s, n, mark, path, d);
	/* nearly every file has nothing marked: memchr finds that a word at a time */
	if (!memchr(mark, MB_ESCAPE, n) && !memchr(mark, MB_DROP, n)) {
		free(mark);
		return 0;
	}
	size_t extra = 0;
	for (size_t i = 0; i < n; i++)
		extra += mark[i] == MB_ESCAPE;
	struct buf b;
	buf_init(&b);
	buf_reserve(&b, n + extra);
	for (size_t i = 0; i < n; i++) {
		if (mark[i] == MB_DROP)
			continue;
		if (mark[i] == MB_ESCAPE)
			buf_addc(&b, '\\');
		buf_addc(&b, s[i]);
	}
	buf_cstr(&b);
	free(mark);
	free(*text);
	*len = b.len;
	*text = buf_detach(&b);
	return 1;
}

/* 1 when line [s, e) is one Liquid tag alone ("{% raw %}", "{% include
 * nav.html %}"), white space around it allowed. */
static int liquid_line(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (e - s < 5 || memcmp(s, "{%", 2) || memcmp(e - 2, "%}", 2))
		return 0;
	for (const char *p = s + 2; p < e - 2; p++)
		if (*p == '\n' || (*p == '%' && p[1] == '}'))
			return 0;
	return 1;
}

/* 1 when line [s, e) opens a Mermaid diagram written as HTML (<div
 * class="mermaid">, <pre class="mermaid">); *close is its closing tag. */
static int mermaid_open(const char *s, const char *e, const char **close)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	size_t n = (size_t)(e - s);
	const char *tag = n > 4 && !strncasecmp(s, "<div", 4) ? "</div>" :
	                  n > 4 && !strncasecmp(s, "<pre", 4) ? "</pre>" : NULL;
	if (!tag || !memmem(s, n, "mermaid", 7))
		return 0;
	*close = tag;
	return 1;
}

int md_site_markup(char *text, size_t len, const char *path, struct diags *d)
{
	int line = 1, changed = 0, warned = 0;
	const char *close = NULL;
	for (char *s = text, *end = text + len; s < end; line++) {
		char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		int blank = 0;
		if (close) {
			blank = 1;
			for (char *p = s; p + 6 <= e; p++)
				if (!strncasecmp(p, close, 6))
					close = NULL;
		} else if (mermaid_open(s, e, &close)) {
			blank = 1;
			if (!warned)
				diag_warn(d, path, line, "a Mermaid diagram is not drawn (the career journey is drawn "
				          "from the roles); it is left out");
			warned = 1;
			for (char *p = s; p + 6 <= e; p++)
				if (!strncasecmp(p, close, 6))
					close = NULL;
		} else {
			blank = liquid_line(s, e);
		}
		if (blank) { /* spaces, not nothing: every line keeps its number */
			memset(s, ' ', (size_t)(e - s));
			changed = 1;
		}
		s = e + 1;
	}
	return changed;
}
