/* buildinline.c: a block's inline children into a paragraph (paragraph.h):
 * text, emphasis, code spans, links with their destination keys, footnote
 * references, line breaks, index comments and raw HTML.  Images met
 * inline are handed back for the block builder to place as figures. */
#include "buildint.h"
#include <cmark-gfm-core-extensions.h>
#include "md.h"
#include "style.h"

#include <stdlib.h>
#include <string.h>

struct image_at {
	cmark_node *node;
};

struct inl_state {
	int bold, italic, strike, url;
	const char *links[BUILD_MAX_DEPTH]; /* link keys, innermost last */
	int nlinks;
};

static int is_autolink(cmark_node *link)
{
	cmark_node *t = cmark_node_first_child(link);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	const char *url = cmark_node_get_url(link), *txt = cmark_node_get_literal(t);
	if (!strncmp(url, "mailto:", 7))
		url += 7;
	return !strcmp(url, txt) || strstr(txt, "://") || !strncmp(txt, "www.", 4);
}

int bld_is_comment(const char *html)
{
	while (*html == ' ' || *html == '\t' || *html == '\n')
		html++;
	if (strncmp(html, "<!--", 4))
		return 0;
	const char *e = strstr(html + 4, "-->");
	if (!e)
		return 1;
	for (e += 3; *e; e++)
		if (*e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			return bld_is_comment(e);
	return 1;
}

/* `<!-- index: term -->` or `<!-- index: term > sub-term -->`: queued for
 * the next box as a destination the index finds (index.c). */
void bld_index_marker(struct builder *b, const char *html)
{
	const char *p = strstr(html, "<!--");
	if (!p)
		return;
	p += 4;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (strncmp(p, "index:", 6))
		return;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *e = strstr(p, "-->");
	if (!e)
		e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	if (e == p || b->nmarks >= (int)(sizeof(b->marks) / sizeof(b->marks[0])))
		return;
	struct buf k;
	buf_init(&k);
	buf_adds(&k, "index:");
	buf_add(&k, p, (size_t)(e - p));
	b->marks[b->nmarks++] = arena_strndup(b->L->arena, k.data, k.len);
	buf_done(&k);
}

void bld_warn_html(struct builder *b, cmark_node *n)
{
	if (!b->html_warned)
		diag_warn_at(b->L->d, b->path, md_line(n), cmark_node_get_start_column(n),
		          "raw HTML is not interpreted; only its text is shown (reported once per file)");
	b->html_warned = 1;
}

/* Feeds the inline children of n into p; images are collected for the
 * caller to place after the text.  Iterative: emphasis may nest deeply. */
int bld_inlines(struct builder *b, struct para *p, cmark_node *n, const struct span_style *base,
                cmark_node ***images, int *nimages)
{
	struct inl_state s = { 0 };
	int icap = 0;
	cmark_node *skip = NULL;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (c == n)
			continue;
		if (skip) {
			if (c == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		int enter = ev == CMARK_EVENT_ENTER;
		int line = md_line(c);
		struct span_style st = *base;
		st.face = face_for(base->face == FACE_BOLD || base->face == FACE_BOLDITALIC || s.bold > 0,
		                   base->face == FACE_ITALIC || base->face == FACE_BOLDITALIC || s.italic > 0);
		if (s.strike > 0)
			st.flags |= SP_STRIKE;
		if (s.url > 0)
			st.flags |= SP_URL;
		if (s.nlinks > 0 && s.links[s.nlinks - 1]) {
			st.link = s.links[s.nlinks - 1];
			st.rgb = STYLE_LINK_RGB;
		}
		if (md_is(c, "strikethrough")) {
			s.strike += enter ? 1 : -1;
			continue;
		}
		if (md_is_footnote_ref(c)) {
			struct buf k;
			buf_init(&k);
			buf_addf(&k, "%s#fn-%s", b->name, cmark_node_get_literal(c));
			st.link = arena_strndup(b->L->arena, k.data, k.len);
			st.rgb = STYLE_LINK_RGB;
			st.flags |= SP_SUP;
			st.face = FACE_REGULAR;
			buf_done(&k);
			para_text(b->L, p, cmark_node_get_literal(c), strlen(cmark_node_get_literal(c)), &st, line);
			continue;
		}
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT: {
			const char *t = cmark_node_get_literal(c);
			b->L->col_text = t; /* a missing character is reported at its column */
			b->L->col = cmark_node_get_start_column(c);
			para_text(b->L, p, t, strlen(t), &st, line);
			b->L->col = 0;
			break;
		}
		case CMARK_NODE_CODE: {
			const char *t = cmark_node_get_literal(c);
			st.face = FACE_MONO;
			st.size = base->size * 9 / 10;
			st.flags |= SP_CODE;
			if (!st.link)
				st.rgb = STYLE_CODE_RGB;
			para_text(b->L, p, t, strlen(t), &st, line);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			para_text(b->L, p, " ", 1, &st, line);
			break;
		case CMARK_NODE_LINEBREAK:
			para_break(p);
			break;
		case CMARK_NODE_STRONG:
			s.bold += enter ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			s.italic += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (enter) {
				const char *key = bld_arena_key(b, model_link_key_at(b->bk, b->c, b->chap, cmark_node_get_url(c),
				                                                 line, cmark_node_get_start_column(c), b->L->d));
				if (s.nlinks < BUILD_MAX_DEPTH)
					s.links[s.nlinks++] = key;
				if (is_autolink(c))
					s.url++;
			} else {
				if (s.nlinks > 0)
					s.nlinks--;
				if (is_autolink(c))
					s.url--;
			}
			break;
		case CMARK_NODE_IMAGE:
			if (enter) {
				GROW(*images, icap, *nimages + 1);
				(*images)[(*nimages)++] = c;
				skip = c;
			}
			break;
		case CMARK_NODE_HTML_INLINE: {
			const char *h = cmark_node_get_literal(c);
			/* a tag's text is the Markdown around it; the tag itself is
			 * never shown.  <br> is GFM's line break in a table cell. */
			if (bld_is_comment(h))
				bld_index_marker(b, h);
			else if (md_is_br(c))
				para_break(p);
			else
				bld_warn_html(b, c);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return 0;
}
