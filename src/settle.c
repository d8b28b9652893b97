/* settle.c: the one loop that settles page-number references (settle.h).
 *
 * A first placement paginates the parts laid out already, as if the parts
 * that depend on numbers were empty, and collects their destinations.
 * Then each pass lays out the dependent parts with the numbers of the last
 * placement, places every part again and collects again; the run has
 * settled when no part's page count changed, because then every part
 * begins where it began when the numbers were collected.  A layout that
 * would read the same numbers again is skipped (strmap_log): the
 * handbook's index, laid out after the glance has its pages, is laid out
 * once, not twice. */
#include "settle.h"

#include <stdlib.h>
#include <string.h>

void settle_collect(const struct pages *p, int from, int to, struct strmap *m)
{
	for (int i = from; i < to; i++)
		for (int k = 0; k < p->v[i].n; k++)
			if (p->v[i].items[k].kind == DL_DEST)
				strmap_put(m, p->v[i].items[k].str, p->v[i].roman ? -p->v[i].folio : p->v[i].folio);
}

/* The part's pages from folio `at` on (its blank, when it needs one, at
 * `at`); before: pages precede it.  A part laid out once keeps its
 * pages and only renumbers them when its first page keeps its side. */
static void place(struct settle_part *p, int at, int before, int fresh)
{
	int duplex = p->po->duplex;
	p->blank = p->odd && duplex && before && at % 2 == 0;
	int first = at + p->blank;
	int delta = first - p->folio;
	if (!fresh && p->paginated && (!duplex || delta % 2 == 0)) {
		for (int i = 0; i < p->pages.n; i++)
			p->pages.v[i].folio += delta;
		p->folio = first;
		return;
	}
	pages_done(&p->pages);
	memset(&p->st, 0, sizeof(p->st));
	paginate(p->vl, p->po, first, p->roman, &p->pages, p->stats ? &p->st : NULL);
	p->folio = first;
	p->paginated++;
	if (p->paged)
		p->paged(p->ctx, &p->pages);
}

/* Places parts [0, n) in order from folio; dependent parts not laid out
 * yet take no pages.  Returns 1 when a part's page count changed. */
static int place_all(struct settle_part *p, int n, int folio)
{
	int changed = 0, before = 0;
	for (int i = 0; i < n; i++) {
		int had = p[i].pages.n;
		if (!p[i].layout || p[i].laid)
			place(&p[i], folio, before, p[i].layout != NULL);
		else
			p[i].folio = folio;
		changed |= p[i].pages.n != had;
		if (p[i].pages.n == 0) {
			p[i].blank = 0; /* nothing to begin on a right-hand page: the next begins here */
			continue;
		}
		folio = p[i].folio + p[i].pages.n;
		before += p[i].pages.n;
	}
	return changed;
}

static void collect_all(const struct settle_part *p, int n, struct strmap *folios)
{
	for (int i = 0; i < n; i++)
		settle_collect(&p[i].pages, 0, p[i].pages.n, folios);
}

int settle_run(struct settle_part *p, int n, int folio, struct strmap *folios, struct pg_stats *st)
{
	for (int i = 0; i < n; i++) {
		p[i].folio = folio;
		p[i].laid = 0;
	}
	place_all(p, n, folio);
	collect_all(p, n, folios);
	int pass = 0, dependent = 0;
	for (int i = 0; i < n; i++)
		dependent |= p[i].layout != NULL;
	while (dependent && pass < SETTLE_MAX_PASSES) {
		pass++;
		int changed = 0;
		for (int i = 0; i < n; i++) {
			if (!p[i].layout)
				continue;
			/* a layout is a function of the numbers it reads: when each
			 * reads the same again, so would the layout be (the index,
			 * laid out in the first pass with the glance's pages, reads
			 * the chapters' numbers, which the glance's second layout
			 * does not move) */
			if (p[i].laid && strmap_log_same(folios, &p[i].reads))
				continue;
			strmap_log_clear(&p[i].reads);
			strmap_watch(folios, &p[i].reads);
			p[i].layout(p[i].ctx, folios, p[i].vl);
			strmap_watch(folios, NULL);
			p[i].laid++;
			/* in the first pass a later part reads the numbers with this
			 * part's pages, not as if it had none */
			int later = 0;
			for (int k = i + 1; k < n; k++)
				later |= p[k].layout != NULL;
			if (pass == 1 && later) {
				changed |= place_all(p, n, folio);
				collect_all(p, n, folios);
			}
		}
		changed |= place_all(p, n, folio);
		collect_all(p, n, folios);
		if (!changed)
			break; /* every part begins where it did when folios were collected */
	}
	for (int i = 0; i < n; i++)
		strmap_log_done(&p[i].reads);
	if (st) {
		memset(st, 0, sizeof(*st));
		for (int i = 0; i < n; i++)
			if (p[i].stats) {
				st->widows += p[i].st.widows;
				st->orphans += p[i].st.orphans;
				st->stranded += p[i].st.stranded;
				st->overfull_pages += p[i].st.overfull_pages;
			}
	}
	return pass;
}

void settle_take(struct settle_part *p, int n, struct pages *out)
{
	for (int i = 0; i < n; i++) {
		if (p[i].blank && p[i].pages.n) {
			struct page *b = pages_add(out);
			b->blank = 1;
			b->roman = p[i].roman;
			b->folio = p[i].folio - 1;
		}
		for (int k = 0; k < p[i].pages.n; k++)
			*pages_add(out) = p[i].pages.v[k];
		free(p[i].pages.v);
		memset(&p[i].pages, 0, sizeof(p[i].pages));
	}
}

void settle_done(struct settle_part *p, int n)
{
	for (int i = 0; i < n; i++)
		pages_done(&p[i].pages);
}

void settle_cut(struct vlist *vl, int at, struct vlist *out)
{
	int k = vl->n - at, base = out->n;
	if (k <= 0)
		return;
	GROW(out->v, out->cap, out->n + k);
	memcpy(out->v + base, vl->v + at, sizeof(*vl->v) * (size_t)k);
	for (int i = base; i < base + k; i++)
		if (out->v[i].head >= 0)
			out->v[i].head += base - at;
	out->n += k;
	vl->n = at;
}
