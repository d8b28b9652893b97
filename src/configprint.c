/* configprint.c: --print-config, the effective configuration written
 * back as YAML that config_load reads (config.h). */
#include "config.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/* A YAML double-quoted scalar. */
static void put_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(b, "\\x%02X", *p);
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

static void put_str(struct buf *b, const char *indent, const char *key, const char *v)
{
	buf_addf(b, "%s%s: ", indent, key);
	if (v)
		put_quoted(b, v);
	else
		buf_adds(b, "~");
	buf_addc(b, '\n');
}

static void put_len(struct buf *b, const char *indent, const char *key, fx v)
{
	if (v)
		buf_addf(b, "%s%s: %.3fpt\n", indent, key, FX_TO_PT(v));
	else
		buf_addf(b, "%s%s: ~\n", indent, key);
}

void config_print(const struct config *c, struct buf *b)
{
	static const char *const colour_keys[CFG_COLOUR__MAX] = { "primary", "accent", "text", "rules",
		                                                     "table_header", "cover" };
	struct page_geom g = config_page(c);
	const uint32_t defaults[CFG_COLOUR__MAX] = { STYLE_HEADING_RGB_DEFAULT, STYLE_ACCENT_RGB_DEFAULT,
		                                         STYLE_TEXT_RGB_DEFAULT, STYLE_RULE_RGB_DEFAULT,
		                                         STYLE_TABLE_HEAD_BG_RGB_DEFAULT, 0xFFFFFFu };
	buf_addf(b, "# the effective configuration%s%s\n", c->path ? " (read from " : "", c->path ? c->path : "");
	if (c->path)
		b->data[b->len - 1] = ')', buf_addc(b, '\n');
	put_str(b, "", "organisation", c->org);
	put_str(b, "", "title", c->title);
	put_str(b, "", "subtitle", c->subtitle);
	put_str(b, "", "language", c->language);
	put_str(b, "", "date_format", c->date_format);
	buf_adds(b, "theme:\n  colours:\n");
	for (int i = 0; i < CFG_COLOUR__MAX; i++)
		buf_addf(b, "    %s: \"#%06X\"\n", colour_keys[i], c->has_rgb >> i & 1 ? c->rgb[i] : defaults[i]);
	static const char *const face_keys[CFG_FACES] = { "regular", "bold", "italic", "bold_italic", "mono" };
	buf_adds(b, "  fonts:\n");
	for (int i = 0; i < CFG_FACES; i++)
		put_str(b, "    ", face_keys[i], c->face[i]);
	buf_addf(b, "    heading_scale: %d%%\n", c->heading_pct ? c->heading_pct : 100);
	put_len(b, "    ", "mono_size", c->mono_size ? c->mono_size : STYLE_CODE_SIZE_DEFAULT);
	put_str(b, "  ", "logo", c->logo);
	buf_addf(b, "  logo_in_head: %s\n", c->logo_in_head ? "yes" : "no");
	buf_adds(b, "page:\n");
	buf_addf(b, "  paper: %.3fptx%.3fpt\n", FX_TO_PT(g.width), FX_TO_PT(g.height));
	buf_adds(b, "  margins:\n");
	put_len(b, "    ", "inner", g.inner);
	put_len(b, "    ", "outer", g.outer);
	put_len(b, "    ", "top", g.top);
	put_len(b, "    ", "bottom", g.bottom);
	buf_addf(b, "  sides: %s\n", c->duplex < 0 ? "~" : c->duplex ? "duplex" : "simplex");
	put_len(b, "  ", "base_size", c->base_size ? c->base_size : STYLE_BODY_SIZE_DEFAULT);
	buf_addf(b, "  leading: %d%%\n", c->leading_pct ? c->leading_pct : STYLE_LEADING_PCT_DEFAULT);
	put_str(b, "", "head", c->head);
	put_str(b, "", "foot", c->foot);
	put_str(b, "", "confidential", c->confidential);
	buf_adds(b, "watermark:\n");
	for (int e = 0; e < CFG_ED__MAX; e++)
		put_str(b, "  ", config_edition_keys[e], c->watermark[e]);
	buf_adds(b, "editions:\n");
	put_str(b, "  ", "leave_out", c->leave_out);
	put_str(b, "  ", "leave_out_text", c->leave_out_text);
	put_str(b, "  ", "file_name", c->file_name);
	buf_adds(b, "review:\n");
	put_str(b, "  ", "person", c->person);
	put_str(b, "  ", "reviewer", c->reviewer);
	buf_adds(b, c->nmessages ? "messages:\n" : "messages: {}\n");
	for (int i = 0; i < c->nmessages; i++) {
		buf_adds(b, "  ");
		put_quoted(b, c->messages[i].key);
		buf_adds(b, ": ");
		put_quoted(b, c->messages[i].value);
		buf_addc(b, '\n');
	}
}

/* ---- what the layout reads ---- */
