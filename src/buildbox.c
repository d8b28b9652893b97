/* buildbox.c: the blocks set as whole boxes rather than broken lines:
 * images (scaled to the text area), code blocks and tables (table.c), the
 * last two sliced at page breaks where they are taller than a page. */
#include "buildint.h"
#include <cmark-gfm-core-extensions.h>
#include "md.h"
#include "style.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

/* Columns past this are dropped with a warning: a page cannot show more. */
#define TABLE_MAX_COLS 64

/* The most pixels image i can need: the biggest it is ever placed (the
 * full measure; an indented reference is placed smaller) at IMAGE_DPI. */
static void bld_image_target(const struct builder *b, const struct image *img, int *tw, int *th)
{
	double w = img->w * 0.75 * FX_PER_PT, h = img->h * 0.75 * FX_PER_PT;
	double k = 1;
	if (w * k > b->o->width)
		k = b->o->width / w;
	if (h * k > b->o->height * 0.7)
		k = b->o->height * 0.7 / h;
	double px = (double)IMAGE_DPI / 72 / FX_PER_PT;
	*tw = (int)(w * k * px + 0.999);
	*th = (int)(h * k * px + 0.999);
}

/* An image's address as the content folder sees it: a relative one is
 * relative to the folder of the file that shows it, as GitHub reads it
 * ("../charts/x.png" from docs/a.md is charts/x.png); a remote or absolute
 * one as it is.  Malloc'd. */
static char *image_url(const struct builder *b, const char *url)
{
	const char *name = b->c->v[b->bk->ch[b->chap].src].name;
	const char *slash = name ? strrchr(name, '/') : NULL;
	if (!slash || !*url || *url == '/' || strstr(url, "://"))
		return xstrdup(url);
	struct buf p;
	buf_init(&p);
	buf_add(&p, name, (size_t)(slash - name + 1));
	buf_adds(&p, url);
	return buf_detach(&p);
}

void bld_image(struct builder *b, cmark_node *n)
{
	struct buf alt;
	buf_init(&alt);
	md_text(n, &alt);
	buf_cstr(&alt);
	const char *url = cmark_node_get_url(n);
	int line = md_line(n);
	const char *why = "is past the most images a book holds";
	bld_space_before(b, STYLE_PARA_GAP);
	struct image_table *t = &b->out->img;
	char *rel = image_url(b, url);
	int i = image_open(t, b->c, rel, DL_MAX_IMAGES), escapes = 0;
	free(rel);
	if (i >= 0) {
		if (!t->v[i].why) {
			int tw, th;
			bld_image_target(b, &t->v[i], &tw, &th);
			image_fit(t, i, tw, th);
		}
		why = t->v[i].why;
		escapes = t->v[i].escapes;
	}
	if (why) {
		/* a link out of the repository is an error: no PDF is written */
		if (escapes)
			diag_error_at(b->L->d, b->path, line, cmark_node_get_start_column(n), "image %s %s; not read",
			              url, why);
		else
			diag_warn_at(b->L->d, b->path, line, cmark_node_get_start_column(n),
			             "image %s %s; its alt text is shown", url, why);
		struct para p;
		bld_para_init(b, &p, STYLE_BODY_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_BODY_SIZE, STYLE_MUTED_RGB, 0, NULL };
		para_text(b->L, &p, "[Image: ", 8, &st, line);
		para_text(b->L, &p, alt.len ? alt.data : url, alt.len ? alt.len : strlen(url), &st, line);
		para_text(b->L, &p, "]", 1, &st, line);
		struct pline *ln;
		int nl = para_set(b->L, &p, bld_avail(b), AL_LEFT, &ln);
		bld_tag_open(b, TAG_P, NULL);
		bld_emit_lines(b, ln, nl, 0);
		bld_tag_close(b);
		para_done(&p);
		buf_done(&alt);
		return;
	}
	const struct image *img = &t->v[i];
	/* 96 px to the inch, scaled down to the measure and to 70% of the page height */
	double w = img->w * 0.75 * FX_PER_PT, h = img->h * 0.75 * FX_PER_PT;
	double maxw = bld_avail(b), maxh = b->o->height * 0.7;
	double k = 1;
	if (w * k > maxw)
		k = maxw / w;
	if (h * k > maxh)
		k = maxh / h;
	struct dl_item it = { 0 };
	it.kind = DL_IMAGE;
	it.w = (fx)(w * k);
	it.h = (fx)(h * k);
	it.x = (bld_avail(b) - it.w) / 2;
	it.face = (int16_t)i;
	/* the alt text is the Figure's /Alt, for screen readers; what is
	 * printed under the image is its title, when it has one */
	bld_tag_open(b, TAG_FIGURE, arena_strndup(b->L->arena, alt.len ? alt.data : "", alt.len));
	bld_vbox(b, it.h, &it, 1, 0);
	const char *title = cmark_node_get_title(n);
	if (title && *title) {
		/* the caption stays with its image */
		bld_vpen(b, PEN_INF);
		bld_vglue(b, PT(3));
		struct para p;
		bld_para_init(b, &p, STYLE_NOTE_SIZE);
		struct span_style st = { FACE_ITALIC, STYLE_NOTE_SIZE, STYLE_MUTED_RGB, 0, NULL };
		para_text(b->L, &p, title, strlen(title), &st, line);
		struct pline *ln;
		int nl = para_set(b->L, &p, bld_avail(b), AL_CENTER, &ln);
		bld_tag_open(b, TAG_CAPTION, NULL);
		bld_emit_lines(b, ln, nl, 1);
		bld_tag_close(b);
		para_done(&p);
	}
	bld_tag_close(b);
	buf_done(&alt);
}

static void expand_tabs(const char *s, size_t n, struct buf *out)
{
	int col = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				buf_addc(out, ' ');
			while (++col % STYLE_CODE_TAB);
		} else {
			buf_addc(out, s[i]);
			if (((unsigned char)s[i] & 0xC0) != 0x80)
				col++;
		}
	}
}

void bld_code(struct builder *b, cmark_node *n, int face, fx size)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = strlen(lit);
	if (len && lit[len - 1] == '\n')
		len--;
	int fence_len = 0, fence_off = 0;
	char fence_ch = 0;
	int fenced = cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
	             cmark_node_get_fenced(n, &fence_len, &fence_off, &fence_ch);
	int line0 = md_line(n) + (fenced ? 1 : 0);
	bld_space_before(b, STYLE_PARA_GAP);
	fx lh = size * 135 / 100, pad = STYLE_CODE_PAD;
	fx w = bld_avail(b);
	fx mark_w = font_width(b->L->fonts, FACE_FALLBACK, size, "\xE2\x86\xAA", 3) + PT(2);
	fx textw = w - 2 * pad;
	int asc = font_ascender(b->L->fonts, face), desc = font_descender(b->L->fonts, face);
	fx base = (lh + FX_EM(asc + desc, size)) / 2;
	/* first collect the visual lines: source lines wrapped at the measure */
	struct seg { size_t off, len; int cont, line; } *segs = NULL;
	int nseg = 0, segcap = 0;
	struct buf all;
	buf_init(&all);
	int srcline = 0;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && lit[e] != '\n')
			e++;
		struct buf ln;
		buf_init(&ln);
		expand_tabs(lit + i, e - i, &ln);
		buf_cstr(&ln);
		size_t off = all.len;
		buf_add(&all, ln.data, ln.len);
		/* wrap: greedy by characters, continuation lines indented by the mark */
		size_t s = 0;
		int cont = 0;
		do {
			fx limit = cont ? textw - mark_w : textw, x = 0;
			size_t j = s, last_ok = s;
			while (j < ln.len) {
				uint32_t cp;
				int k = utf8_decode(ln.data + j, ln.len - j, &cp);
				int f = font_pick(b->L->fonts, face, cp);
				fx cw = font_width(b->L->fonts, f < 0 ? face : f, size, ln.data + j, (size_t)k);
				if (x + cw > limit && j > s)
					break;
				x += cw;
				j += (size_t)k;
				last_ok = j;
			}
			GROW(segs, segcap, nseg + 1);
			segs[nseg++] = (struct seg){ off + s, last_ok - s, cont, line0 + srcline };
			s = last_ok;
			cont = 1;
		} while (s < ln.len);
		buf_done(&ln);
		srcline++;
		if (e >= len)
			break;
		i = e + 1;
	}
	/* a line's text changes face at most once a byte: room for that, the
	 * background and the continuation mark (a fixed 64 dropped the rest of
	 * a line that switched faces more often, silently) */
	size_t most = 0;
	for (int i = 0; i < nseg; i++)
		most = segs[i].len > most ? segs[i].len : most;
	int max = (int)most + 8;
	struct dl_item *items = xmalloc(sizeof(*items) * (size_t)max);
	bld_tag_open(b, TAG_CODE, NULL);
	for (int i = 0; i < nseg; i++) {
		int first = i == 0, last = i == nseg - 1;
		fx top = first ? pad : 0, h = lh + top + (last ? pad : 0);
		int ni = 0;
		memset(&items[ni], 0, sizeof(items[0]));
		items[ni].kind = DL_RECT;
		items[ni].w = w;
		items[ni].h = h;
		items[ni].rgb = STYLE_CODE_BG_RGB;
		ni++;
		fx x = pad;
		if (segs[i].cont) {
			bld_text_items(b, items, &ni, max, x, top + base, "\xE2\x86\xAA", 3, FACE_FALLBACK, size,
			           STYLE_MUTED_RGB, segs[i].line);
			x += mark_w;
		}
		bld_text_items(b, items, &ni, max, x, top + base, all.data + segs[i].off, segs[i].len, face,
		           size, STYLE_CODE_RGB, segs[i].line);
		if (i > 0)
			bld_vpen(b, i == 1 || i == nseg - 1 ? PEN_INF : 0);
		bld_vbox(b, h, items, ni, 0);
	}
	bld_tag_close(b);
	free(items);
	free(segs);
	buf_done(&all);
}

static int cmp_fx_pair(const void *x, const void *y)
{
	const fx *a = x, *c = y;
	return (a[0] > c[0]) - (a[0] < c[0]);
}

/* A table row taller than a page cannot be kept whole: it is cut into
 * slices at heights where no text line is crossed, each at most maxh tall.
 * Returns the number of boxes added. */
static int emit_sliced(struct builder *b, const struct dl_item *items, int n, fx h, fx maxh, int head)
{
	/* busy intervals: each text line's extent */
	fx (*iv)[2] = xcalloc((size_t)(n ? n : 1), sizeof(*iv));
	int ni = 0;
	for (int i = 0; i < n; i++)
		if (items[i].kind == DL_TEXT) {
			iv[ni][0] = items[i].y - items[i].size;
			iv[ni][1] = items[i].y + items[i].size * 4 / 10;
			ni++;
		}
	qsort(iv, (size_t)ni, sizeof(*iv), cmp_fx_pair);
	struct dl_item *tmp = xcalloc((size_t)(n ? n : 1), sizeof(*tmp));
	/* tags: cells (TH, TD) are cut across boxes, so their text stays in
	 * the row's TR; the row's other tags open in the first slice and
	 * close in the last */
	char *cell = xcalloc((size_t)(n ? n : 1), 1);
	{
		char open[TAG_MAX_OPEN];
		int depth = 0;
		for (int i = 0; i < n; i++) {
			if (items[i].kind == DL_TAG_BEGIN) {
				cell[i] = items[i].face == TAG_TH || items[i].face == TAG_TD;
				if (depth < TAG_MAX_OPEN)
					open[depth] = cell[i];
				depth++;
			} else if (items[i].kind == DL_TAG_END && depth > 0) {
				depth--;
				cell[i] = depth < TAG_MAX_OPEN ? open[depth] : 1;
			}
		}
	}
	int boxes = 0;
	for (fx a = 0; a < h;) {
		fx limit = a + maxh, cut = limit >= h ? h : -1;
		if (cut < 0) {
			/* the last gap between lines before the limit */
			fx reach = a;
			for (int i = 0; i < ni; i++) {
				if (iv[i][0] > reach && reach > a && reach <= limit)
					cut = reach;
				if (iv[i][0] > limit)
					break;
				reach = iv[i][1] > reach ? iv[i][1] : reach;
			}
			if (cut < 0)
				cut = limit; /* one line taller than a page: cut anyway */
		}
		int k = 0;
		for (int i = 0; i < n; i++) {
			struct dl_item it = items[i];
			if (it.kind == DL_TAG_BEGIN || it.kind == DL_TAG_END) {
				if (!cell[i] && (it.kind == DL_TAG_BEGIN ? a == 0 : cut >= h))
					tmp[k++] = it;
				continue;
			}
			fx top = it.kind == DL_RECT ? it.y : it.y, bottom = it.kind == DL_RECT ? it.y + it.h : it.y;
			if (it.kind == DL_RECT) {
				if (bottom <= a || top >= cut)
					continue;
				it.y = top > a ? top : a;
				it.h = (bottom < cut ? bottom : cut) - it.y;
			} else if (top < a || top >= cut || (it.kind == DL_LINE && top == cut && cut < h)) {
				continue;
			}
			it.y -= a;
			tmp[k++] = it;
		}
		if (boxes > 0)
			bld_vpen(b, 0);
		bld_vbox(b, cut - a, tmp, k, 0)->head = head;
		boxes++;
		a = cut;
	}
	free(cell);
	free(tmp);
	free(iv);
	return boxes;
}

void bld_table(struct builder *b, cmark_node *n)
{
	int cols = cmark_gfm_extensions_get_table_columns(n);
	const uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
	int line = md_line(n);
	if (cols > TABLE_MAX_COLS) {
		diag_warn_at(b->L->d, b->path, line, cmark_node_get_start_column(n),
		             "table has %d columns; only the first %d are shown", cols, TABLE_MAX_COLS);
		cols = TABLE_MAX_COLS;
	}
	if (cols <= 0)
		return;
	char align[TABLE_MAX_COLS];
	for (int c = 0; c < cols; c++)
		align[c] = al ? (char)al[c] : 0;
	int rows = 0, header = 0;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r))
		rows++;
	struct para *cells = xcalloc((size_t)rows * (size_t)cols, sizeof(*cells));
	int ri = 0;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r), ri++) {
		int is_head = md_is(r, "table_header") || cmark_gfm_extensions_get_table_row_is_header(r);
		if (is_head && ri == header)
			header++;
		int ci = 0;
		for (int c = 0; c < cols; c++)
			bld_para_init(b, &cells[ri * cols + c], STYLE_TABLE_SIZE);
		for (cmark_node *cell = cmark_node_first_child(r); cell && ci < cols;
		     cell = cmark_node_next(cell), ci++) {
			struct span_style st = { is_head ? FACE_BOLD : FACE_REGULAR, STYLE_TABLE_SIZE,
			                         is_head ? STYLE_HEADING_RGB : STYLE_TEXT_RGB, SP_INDEX, NULL };
			cmark_node **images = NULL;
			int nimages = 0;
			bld_inlines(b, &cells[ri * cols + ci], cell, &st, &images, &nimages);
			for (int i = 0; i < nimages; i++)
				diag_warn_at(b->L->d, b->path, md_line(images[i]), cmark_node_get_start_column(images[i]),
				             "images in table cells are not shown; alt text used");
			free(images);
		}
	}
	struct trow *tr;
	table_layout(b->L, cells, rows, cols, align, header, bld_avail(b), &tr);
	bld_space_before(b, STYLE_PARA_GAP);
	int head_node = -1;
	fx maxh = b->o->height * 8 / 10;
	cmark_node *row = cmark_node_first_child(n);
	for (int r = 0; r < rows; r++, row = cmark_node_next(row)) {
		if (r > 0)
			bld_vpen(b, r == header ? PEN_INF : 0);
		int barred = bld_change_begin(b, row);
		if (tr[r].h > maxh && !tr[r].header) {
			emit_sliced(b, tr[r].items, tr[r].n, tr[r].h, maxh, head_node);
			bld_change_end(b, barred);
			continue;
		}
		struct vnode *v = bld_vbox(b, tr[r].h, tr[r].items, tr[r].n, 0);
		bld_change_end(b, barred);
		if (tr[r].header) {
			v->flags |= VN_TABLE_HEAD;
			if (r == 0)
				head_node = b->out->vl.n - 1;
		} else {
			v->head = head_node;
		}
	}
	for (int i = 0; i < rows * cols; i++)
		para_done(&cells[i]);
	free(cells);
}
