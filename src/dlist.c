/* dlist.c: growth of vertical lists and pages; the items themselves are
 * arena-owned and never freed one by one. */
#include "dlist.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *const tag_names[TAG__MAX] = {
	"Document", "Part", "H1", "H2", "H3", "H4", "H5", "H6", "P",
	"L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR", "TH",
	"TD", "Code", "BlockQuote", "Note", "Link", "Figure", "TOC", "TOCI",
	"Caption", "Form",
};

void vlist_done(struct vlist *vl)
{
	free(vl->v);
	memset(vl, 0, sizeof(*vl));
}

struct vnode *vlist_add(struct vlist *vl, enum vn_kind kind)
{
	GROW(vl->v, vl->cap, vl->n + 1);
	struct vnode *v = &vl->v[vl->n++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->head = -1;
	return v;
}

void vlist_tag(struct vlist *vl, int from, int r, const char *alt, struct arena *a)
{
	int first = -1, last = -1;
	for (int i = from; i < vl->n; i++)
		if (vl->v[i].kind == VN_BOX) {
			first = first < 0 ? i : first;
			last = i;
		}
	if (first < 0)
		return;
	/* the begin in front of the tags already there: an element tagged
	 * after the ones inside it encloses them */
	struct vnode *f = &vl->v[first];
	struct dl_item *p = arena_alloc(a, sizeof(*p) * (size_t)(f->npre + 1));
	if (f->npre)
		memcpy(p + 1, f->pre, sizeof(*p) * (size_t)f->npre);
	memset(p, 0, sizeof(*p));
	p->kind = DL_TAG_BEGIN;
	p->face = (int16_t)r;
	p->str = alt;
	f->pre = p;
	f->npre++;
	struct vnode *l = &vl->v[last];
	struct dl_item *d = arena_alloc(a, sizeof(*d) * (size_t)(l->n + 1));
	memcpy(d, l->items, sizeof(*d) * (size_t)l->n);
	memset(&d[l->n], 0, sizeof(*d));
	d[l->n].kind = DL_TAG_END;
	l->items = d;
	l->n++;
}

void pages_done(struct pages *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i].items);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

struct page *pages_add(struct pages *p)
{
	GROW(p->v, p->cap, p->n + 1);
	struct page *pg = &p->v[p->n++];
	memset(pg, 0, sizeof(*pg));
	return pg;
}

struct dl_item *dl_items_add(struct dl_items *o, enum dl_kind k)
{
	GROW(o->v, o->cap, o->n + 1);
	struct dl_item *it = &o->v[o->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	return it;
}

void dl_items_done(struct dl_items *o)
{
	free(o->v);
	memset(o, 0, sizeof(*o));
}

struct dl_item *page_add(struct page *pg)
{
	/* pages hold most of a large book's memory: grow by a quarter, not double */
	if (pg->n + 1 > pg->cap) {
		pg->cap = pg->cap < 16 ? 32 : pg->cap + pg->cap / 4;
		pg->items = xrealloc(pg->items, sizeof(*pg->items) * (size_t)pg->cap);
	}
	struct dl_item *it = &pg->items[pg->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

void page_reserve(struct page *pg, int n)
{
	if (pg->n + n <= pg->cap)
		return;
	int cap = pg->cap + pg->cap / 4;
	pg->cap = pg->n + n > cap ? pg->n + n : cap;
	pg->items = xrealloc(pg->items, sizeof(*pg->items) * (size_t)pg->cap);
}

/* The mirrored bracket of cp, or cp (the pairs that occur in prose). */
static uint32_t dl_mirrored(uint32_t cp)
{
	static const uint32_t pairs[][2] = { { '(', ')' }, { '[', ']' }, { '{', '}' }, { '<', '>' },
		                             { 0xAB, 0xBB }, { 0x2039, 0x203A } };
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (cp == pairs[i][0])
			return pairs[i][1];
		if (cp == pairs[i][1])
			return pairs[i][0];
	}
	return cp;
}

/* Hebrew points and Arabic harakat: they stay after their letter. */
static int dl_combining(uint32_t cp)
{
	return (cp >= 0x591 && cp <= 0x5C7 && cp != 0x5BE && cp != 0x5C0 && cp != 0x5C3 && cp != 0x5C6) ||
	       (cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
	       (cp >= 0x300 && cp <= 0x36F);
}

void dl_visual(const char *s, size_t n, char *out)
{
	size_t at = n;
	for (size_t i = 0; i < n;) {
		/* a cluster: one character and the marks after it */
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		size_t len = (size_t)(k > 0 ? k : 1);
		while (i + len < n) {
			uint32_t m;
			int km = utf8_decode(s + i + len, n - i - len, &m);
			if (km <= 0 || !dl_combining(m))
				break;
			len += (size_t)km;
		}
		uint32_t mc = dl_mirrored(cp);
		at -= len;
		memcpy(out + at, s + i, len);
		/* each pair's two brackets take the same bytes: rewrite in place */
		if (mc != cp && mc < 0x80) {
			out[at] = (char)mc;
		} else if (mc != cp && mc < 0x800) {
			out[at] = (char)(0xC0 | (mc >> 6));
			out[at + 1] = (char)(0x80 | (mc & 0x3F));
		} else if (mc != cp) {
			out[at] = (char)(0xE0 | (mc >> 12));
			out[at + 1] = (char)(0x80 | ((mc >> 6) & 0x3F));
			out[at + 2] = (char)(0x80 | (mc & 0x3F));
		}
		i += len;
	}
}
