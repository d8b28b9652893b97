/* objstm.c: object streams for libharu's output.
 *
 * Only the layout libharu produces is accepted: a header, objects "N 0 obj
 * ... endobj" at the offsets of one classic xref section, and a trailer
 * with /Root, /Info and perhaps /ID.  Anything else returns -1 and the
 * original file is kept, so the packer can never make a PDF worse. */
#include "objstm.h"
#include "util.h"

#include "flate.h"
#include "parallel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Objects per object stream: readers parse a whole stream to reach one
 * object, but a stream's objects compress against each other.  A tagged
 * book's objects are mostly small structure elements (20-60 bytes), so a
 * stream of 1,000 is still only 50-100 KB to parse; measured on the
 * handbook: 200 gives 138.6 KB, 400 136.6 KB, 1,000 135.7 KB, 5,000 136.0 KB. */
#define OBJSTM_PER_STREAM 1000

struct obj {
	size_t off;      /* offset of "N 0 obj" in the input */
	size_t body;     /* offset of the body after "obj" */
	size_t body_end; /* offset of "endobj" */
	int stream;      /* 1: a stream object, copied as it is */
	int in_use;      /* 'n' entry */
	int strm, idx;   /* output: object stream number and index, or strm 0 */
	size_t newoff;   /* output: offset when written directly */
};

static const char *find(const char *s, size_t n, size_t from, const char *what)
{
	size_t k = strlen(what);
	for (size_t i = from; i + k <= n; i++)
		if (s[i] == what[0] && !memcmp(s + i, what, k))
			return s + i;
	return NULL;
}

/* Finds the body of an object within its region [off, end): the bytes up
 * to the next object, so every search is bounded and the whole scan is
 * linear.  Stream data may hold any bytes, so "endobj" is sought from the
 * region's end backwards. */
static int scan_obj(const char *p, size_t end, struct obj *o, long num)
{
	/* "N 0 obj" without printf: a tagged book has thousands of objects */
	char head[32];
	int hl = 0;
	char d[24];
	int nd = 0;
	unsigned long v = (unsigned long)num;
	do
		d[nd++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (nd > 0)
		head[hl++] = d[--nd];
	memcpy(head + hl, " 0 obj", 6);
	hl += 6;
	if (o->off + (size_t)hl > end || memcmp(p + o->off, head, (size_t)hl))
		return -1;
	o->body = o->off + (size_t)hl;
	size_t e = end;
	while (e >= o->body + 6 && memcmp(p + e - 6, "endobj", 6))
		e--;
	if (e < o->body + 6)
		return -1;
	o->body_end = e - 6;
	/* libharu writes "\nstream\r\n" after a stream's dictionary */
	o->stream = find(p, o->body_end, o->body, "\nstream\r\n") != NULL;
	return 0;
}

static int cmp_off(const void *a, const void *b)
{
	const struct obj *const *x = a, *const *y = b;
	return ((*x)->off > (*y)->off) - ((*x)->off < (*y)->off);
}

/* True when object k holds nothing but a number: a /Length libharu wrote
 * as an object of its own, which a direct /Length makes unneeded. */
static int is_bare_number(const char *p, const struct obj *o)
{
	size_t i = o->body, e = o->body_end;
	while (i < e && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r'))
		i++;
	while (e > i && (p[e - 1] == ' ' || p[e - 1] == '\n' || p[e - 1] == '\r'))
		e--;
	if (i == e)
		return 0;
	for (; i < e; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/* Copies a stream object with a direct /Length.  One libharu left
 * uncompressed (pdf.c turns its compression off, so every stream is
 * compressed once, by libdeflate) is compressed and gets /Filter
 * /FlateDecode; one with a filter (pdf.c's own, images) is copied as it
 * is.  The object that held the indirect length is freed. */
static int copy_stream(struct flate *z, const char *p, struct obj *o, long count, long num,
                       struct buf *res)
{
	struct obj *ob = &o[num];
	const char *body = p + ob->body, *end = p + ob->body_end;
	const char *st = find(p, ob->body_end, ob->body, "\nstream\r\n");
	const char *es = end;
	while (es > st && memcmp(es - 9, "endstream", 9))
		es--;
	es -= 9;
	/* libharu ends the data with "\nendstream" */
	if (es > st + 9 && es[-1] == '\n')
		es--;
	const char *len = find(p, (size_t)(st - p), ob->body, "\n/Length ");
	if (!st || !len || es < st + 9) {
		buf_add(res, p + ob->off, ob->body_end + 6 - ob->off);
		buf_addc(res, '\n');
		return 0;
	}
	/* the XMP packet stays plain text: PDF/A (ISO 19005-1 6.7.2, kept by
	 * -2 and -3) wants the document's metadata stream unfiltered, so tools
	 * that do not parse PDF can still find it */
	int filtered = find(p, (size_t)(st - p), ob->body, "/Filter") != NULL ||
	               find(p, (size_t)(st - p), ob->body, "/Type /Metadata") != NULL;
	const char *len_end = memchr(len + 1, '\n', (size_t)(st - len - 1));
	if (!len_end)
		len_end = st;
	char *after;
	long ref = strtol(len + 9, &after, 10);
	if (!strncmp(after, " 0 R", 4) && ref > 0 && ref < count && ref != num && o[ref].in_use &&
	    !o[ref].stream && is_bare_number(p, &o[ref]))
		o[ref].in_use = 0;
	const char *data = st + 9;
	size_t n = (size_t)(es - data);
	struct buf zd;
	buf_init(&zd);
	if (!filtered)
		flate_add(z, data, n, &zd);
	buf_addf(res, "%ld 0 obj", num);
	buf_add(res, body, (size_t)(len - body));
	buf_addf(res, "\n/Length %zu", filtered ? n : zd.len);
	if (!filtered)
		buf_adds(res, "\n/Filter /FlateDecode");
	buf_add(res, len_end, (size_t)(st - len_end));
	buf_adds(res, "\nstream\r\n");
	buf_add(res, filtered ? data : zd.data, filtered ? n : zd.len);
	buf_adds(res, "\r\nendstream\nendobj\n");
	buf_done(&zd);
	return 0;
}

/* One object stream being made. */
struct group {
	long num;          /* its object number */
	int n;             /* objects in it */
	size_t first;      /* offset of the first object, after the index */
	struct buf body;   /* index and objects */
	struct buf z;      /* body compressed */
};

struct packing {
	struct group *g;
	struct flate *z[PAR_MAX_WORKERS]; /* per par_for worker */
};

static void compress_group(void *ctx, int i, int w)
{
	struct packing *pk = ctx;
	flate_add(pk->z[w], pk->g[i].body.data, pk->g[i].body.len, &pk->g[i].z);
}

/* The value of a trailer key ("/Root 1 0 R" -> "1 0 R"), copied to out. */
static int trailer_value(const char *t, size_t n, const char *key, struct buf *out)
{
	const char *k = find(t, n, 0, key);
	if (!k)
		return -1;
	k += strlen(key);
	const char *e = k;
	while ((size_t)(e - t) < n && *e != '\n' && *e != '\r')
		e++;
	while (k < e && *k == ' ')
		k++;
	buf_add(out, k, (size_t)(e - k));
	return 0;
}

static void put_be(unsigned char *p, unsigned long v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 255);
}

/* The classic file as read: where its cross-reference table and trailer are. */
struct xref {
	size_t xoff;        /* the "xref" keyword */
	const char *rows;   /* first 20-byte row */
	long count;         /* objects, 0 included */
	const char *tr;     /* "trailer" */
	size_t trn;         /* bytes of the trailer, up to "startxref" */
};

/* Finds libharu's cross-reference table and trailer; -1 when the file is
 * not the shape we write. */
static int read_xref(const char *p, size_t n, struct xref *x)
{
	const char *sx = NULL;
	for (size_t i = n > 64 ? n - 64 : 0; i + 9 <= n; i++)
		if (!memcmp(p + i, "startxref", 9))
			sx = p + i;
	if (!sx || memcmp(p, "%PDF-1.", 7))
		return -1;
	x->xoff = (size_t)strtoul(sx + 9, NULL, 10);
	if (x->xoff >= n || memcmp(p + x->xoff, "xref", 4))
		return -1;
	const char *q = p + x->xoff + 4;
	while (*q == '\n' || *q == '\r' || *q == ' ')
		q++;
	char *end;
	long first = strtol(q, &end, 10);
	x->count = strtol(end, &end, 10);
	if (first != 0 || x->count < 2 || x->count > 10000000)
		return -1;
	while (*end == '\n' || *end == '\r' || *end == ' ')
		end++;
	x->rows = end;
	if ((size_t)(end - p) + (size_t)x->count * 20 > n)
		return -1;
	x->tr = find(p, n, (size_t)(end - p) + (size_t)x->count * 20, "trailer");
	if (!x->tr)
		return -1;
	x->trn = (size_t)(sx - x->tr);
	return 0;
}

/* Each object's offset from the table, and where its body ends: where the
 * next one (or the table) begins.  -1 when an object is out of place. */
static int read_objects(const char *p, const struct xref *x, struct obj *o)
{
	for (long i = 0; i < x->count; i++) {
		const char *e = x->rows + i * 20;
		o[i].off = (size_t)strtoul(e, NULL, 10);
		o[i].in_use = e[17] == 'n';
		if (i > 0 && o[i].in_use && o[i].off >= x->xoff)
			return -1;
	}
	struct obj **by = xcalloc((size_t)x->count, sizeof(*by));
	long nb = 0;
	for (long i = 1; i < x->count; i++)
		if (o[i].in_use)
			by[nb++] = &o[i];
	qsort(by, (size_t)nb, sizeof(*by), cmp_off);
	int bad = 0;
	for (long k = 0; k < nb && !bad; k++)
		bad = scan_obj(p, k + 1 < nb ? by[k + 1]->off : x->xoff, by[k], (long)(by[k] - o)) != 0;
	free(by);
	return bad ? -1 : 0;
}

void objstm_extra_init(struct objstm_extra *x)
{
	memset(x, 0, sizeof(*x));
	buf_init(&x->body);
}

void objstm_extra_done(struct objstm_extra *x)
{
	buf_done(&x->body);
	free(x->off);
}

void objstm_extra_add(struct objstm_extra *x, const char *body, size_t n)
{
	GROW(x->off, x->cap, x->n + 2);
	x->off[x->n] = x->body.len;
	buf_add(&x->body, body, n);
	x->off[++x->n] = x->body.len;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r';
}

/* v in decimal, without printf: the index has two numbers an object. */
static void add_ulong(struct buf *b, unsigned long v)
{
	char d[24];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		buf_addc(b, d[--n]);
}

/* Gathers the dictionaries into groups of up to OBJSTM_PER_STREAM,
 * numbered from *next on, and compresses the groups on all cores.
 * Returns the groups (*ng of them), owned by the caller. */
static struct group *pack_groups(const char *p, struct obj *o, long count, const struct objstm_extra *x,
                                 long *next, struct flate *zc, int *ng)
{
	struct group *g = NULL;
	int gcap = 0;
	struct buf data, idx;
	buf_init(&data);
	buf_init(&idx);
	*ng = 0;
	long total = count + (x ? x->n : 0);
	for (long i = 1; i < total;) {
		data.len = idx.len = 0;
		int k = 0;
		for (; i < total && k < OBJSTM_PER_STREAM; i++) {
			if (i >= count) {
				/* made without libharu: stored as they are */
				long j = i - count;
				add_ulong(&idx, (unsigned long)i);
				buf_addc(&idx, ' ');
				add_ulong(&idx, (unsigned long)data.len);
				buf_addc(&idx, ' ');
				buf_add(&data, x->body.data + x->off[j], x->off[j + 1] - x->off[j]);
				buf_addc(&data, '\n');
				o[i].in_use = 1;
				o[i].strm = (int)*next;
				o[i].idx = k++;
				continue;
			}
			if (!o[i].in_use || o[i].stream)
				continue;
			/* libharu's blank lines around a body are dropped: a
			 * tagged book has thousands of small objects */
			size_t b = o[i].body, e = o[i].body_end;
			while (b < e && is_space(p[b]))
				b++;
			while (e > b && is_space(p[e - 1]))
				e--;
			/* and the newlines libharu puts inside a dictionary's
			 * brackets, where no string can be */
			int open_nl = e - b >= 6 && !memcmp(p + b, "<<\n", 3);
			int close_nl = e - b >= 6 && !memcmp(p + e - 3, "\n>>", 3);
			add_ulong(&idx, (unsigned long)i);
			buf_addc(&idx, ' ');
			add_ulong(&idx, (unsigned long)data.len);
			buf_addc(&idx, ' ');
			if (open_nl && close_nl) {
				buf_add(&data, "<<", 2);
				buf_add(&data, p + b + 3, e - b - 6);
				buf_add(&data, ">>", 2);
			} else {
				buf_add(&data, p + b, e - b);
			}
			buf_addc(&data, '\n');
			o[i].strm = (int)*next;
			o[i].idx = k++;
		}
		if (!k)
			break;
		GROW(g, gcap, *ng + 1);
		struct group *gr = &g[(*ng)++];
		memset(gr, 0, sizeof(*gr));
		gr->num = (*next)++;
		gr->n = k;
		gr->first = idx.len;
		buf_add(&gr->body, idx.data, idx.len);
		buf_add(&gr->body, data.data, data.len);
	}
	buf_done(&data);
	buf_done(&idx);
	struct packing pk = { g, { zc } };
	for (int w = 1; w < par_workers(); w++)
		pk.z[w] = flate_new();
	par_for(*ng, compress_group, &pk);
	for (int w = 1; w < par_workers(); w++)
		flate_free(pk.z[w]);
	return g;
}

/* Bytes needed to write v big-endian (at least one). */
static int width_of(unsigned long v)
{
	int w = 1;
	while (w < 4 && v >> (8 * w))
		w++;
	return w;
}

/* Appends the cross-reference stream (type, offset or stream, index per
 * object; /Root, /Info and /ID from the old trailer) and the file's end.
 * o has room for `size` objects, the stream itself the last.  Its fields
 * are as narrow as the largest value allows, and each row is stored as
 * its difference from the row above (PNG "Up" predictor, ISO 32000-1
 * §7.4.4.4): rows of one object stream differ only in their index, so a
 * book's ten thousand rows compress to a few hundred bytes instead of
 * several kilobytes. */
static int write_xref_stream(struct flate *zc, struct obj *o, long size, const struct xref *x,
                             struct buf *res)
{
	long xref_num = size - 1;
	memset(&o[xref_num], 0, sizeof(*o));
	o[xref_num].in_use = 1;
	o[xref_num].stream = 1;
	o[xref_num].newoff = res->len;
	struct buf rows, z, xs;
	buf_init(&rows);
	buf_init(&z);
	buf_init(&xs);
	unsigned long max2 = res->len, max3 = 65535; /* the free list's head has generation 65535 */
	for (long i = 1; i < size; i++)
		if (o[i].in_use && o[i].strm) {
			if ((unsigned long)o[i].strm > max2)
				max2 = (unsigned long)o[i].strm;
			if ((unsigned long)o[i].idx > max3)
				max3 = (unsigned long)o[i].idx;
		}
	int w2 = width_of(max2), w3 = width_of(max3), cols = 1 + w2 + w3;
	unsigned char prev[9] = { 0 }, r[9];
	for (long i = 0; i < size; i++) {
		memset(r, 0, sizeof(r));
		if (i == 0 || !o[i].in_use) {
			put_be(r + 1 + w2, i == 0 ? 65535 : 0, w3);
		} else if (o[i].strm) {
			r[0] = 2;
			put_be(r + 1, (unsigned long)o[i].strm, w2);
			put_be(r + 1 + w2, (unsigned long)o[i].idx, w3);
		} else {
			r[0] = 1;
			put_be(r + 1, (unsigned long)o[i].newoff, w2);
		}
		buf_addc(&rows, 2); /* PNG filter type: Up */
		for (int c = 0; c < cols; c++)
			buf_addc(&rows, (char)(unsigned char)(r[c] - prev[c]));
		memcpy(prev, r, sizeof(r));
	}
	flate_add(zc, rows.data, rows.len, &z);
	buf_done(&rows);
	int rc = -1;
	buf_addf(&xs, "%ld 0 obj\n<< /Type /XRef /Size %ld /W [1 %d %d] /Root ", xref_num, size, w2, w3);
	if (trailer_value(x->tr, x->trn, "/Root", &xs) != 0)
		goto done;
	buf_adds(&xs, " /Info ");
	if (trailer_value(x->tr, x->trn, "/Info", &xs) != 0)
		goto done;
	if (find(x->tr, x->trn, 0, "/ID")) {
		buf_adds(&xs, " /ID ");
		trailer_value(x->tr, x->trn, "/ID", &xs);
	}
	buf_addf(&xs, " /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >> /Length %zu >>\nstream\r\n",
	         cols, z.len);
	size_t xref_off = res->len;
	buf_add(res, xs.data, xs.len);
	buf_add(res, z.data, z.len);
	buf_adds(res, "\r\nendstream\nendobj\n");
	buf_addf(res, "startxref\n%zu\n%%%%EOF\n", xref_off);
	rc = 0;
done:
	buf_done(&z);
	buf_done(&xs);
	return rc;
}

int objstm_pack(const char *p, size_t n, const struct objstm_extra *extra, char **out, size_t *outlen)
{
	struct xref x;
	if (read_xref(p, n, &x) != 0)
		return -1;
	long count = x.count;
	if (extra && extra->n && extra->first != count)
		return -1;
	long nx = extra ? extra->n : 0;
	struct obj *o = xcalloc((size_t)(count + nx), sizeof(*o));
	struct flate *zc = flate_new();
	struct buf res;
	buf_init(&res);
	int rc = -1;
	if (read_objects(p, &x, o) != 0)
		goto done;
	/* header: object streams need PDF 1.5; streams stay as they are */
	buf_adds(&res, "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n");
	for (long i = 1; i < count; i++)
		if (o[i].in_use && o[i].stream) {
			o[i].newoff = res.len;
			if (copy_stream(zc, p, o, count, i, &res) != 0)
				goto done;
		}
	long next = count + nx; /* new object numbers follow the old ones and extra's */
	int ng;
	struct group *g = pack_groups(p, o, count, extra, &next, zc, &ng);
	o = xrealloc(o, sizeof(*o) * (size_t)(next + 1));
	for (int j = 0; j < ng; j++) {
		struct group *gr = &g[j];
		/* object streams are objects too: numbered after the originals */
		memset(&o[gr->num], 0, sizeof(*o));
		o[gr->num].in_use = 1;
		o[gr->num].stream = 1;
		o[gr->num].newoff = res.len;
		buf_addf(&res, "%ld 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter /FlateDecode /Length %zu >>\nstream\r\n",
		         gr->num, gr->n, gr->first, gr->z.len);
		buf_add(&res, gr->z.data, gr->z.len);
		buf_adds(&res, "\r\nendstream\nendobj\n");
		buf_done(&gr->body);
		buf_done(&gr->z);
	}
	free(g);
	/* the cross-reference stream is the last object */
	if (write_xref_stream(zc, o, next + 1, &x, &res) != 0)
		goto done;
	*outlen = res.len;
	*out = buf_detach(&res);
	rc = 0;
done:
	flate_free(zc);
	free(o);
	buf_done(&res);
	return rc;
}
