/* md.c: the cmark-gfm parser set up once, and AST helpers.
 *
 * Footnotes are the one place we read cmark-gfm's private node layout: the
 * public API gives a reference no way to reach its definition. */
#include "md.h"
#include "util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/node.h>
#include <ctype.h>
#include <string.h>

static const char *const md_extensions[] = { "table", "strikethrough", "autolink", "tasklist" };

cmark_node *md_parse(const char *text, size_t len)
{
	cmark_gfm_core_extensions_ensure_registered();
	/* no CMARK_OPT_VALIDATE_UTF8: content.c hands over text it has made
	 * valid, and checking it again cost a fifteenth of the parse */
	int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES;
	cmark_parser *p = cmark_parser_new(opts);
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
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void md_slug(const char *text, struct buf *out)
{
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(text + i, n - i, &cp);
		if (cp < 0x80) {
			unsigned char c = (unsigned char)cp;
			if (isalnum(c) || c == '-' || c == '_')
				buf_addc(out, tolower(c));
			else if (c == ' ')
				buf_addc(out, '-');
		} else if (!(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x2190 && cp <= 0x2BFF) &&
		           cp != 0xA0 && !(cp >= 0xA1 && cp <= 0xBF) && cp != 0xD7 && cp != 0xF7) {
			/* letters outside ASCII stay (lower-cased for Latin-1 and Latin Extended-A) */
			if (cp >= 0xC0 && cp <= 0xDE)
				cp += 0x20;
			else if (cp >= 0x100 && cp <= 0x17F && !(cp & 1))
				cp += 1;
			buf_add_utf8(out, cp);
		}
		i += (size_t)k;
	}
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

int md_line(cmark_node *n)
{
	for (; n; n = cmark_node_parent(n)) {
		int l = cmark_node_get_start_line(n);
		if (l > 0)
			return l;
	}
	return 0;
}
