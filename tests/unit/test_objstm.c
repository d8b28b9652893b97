/* test_objstm.c: object streams over a hand-made file of libharu's shape:
 * objects made outside libharu (objstm_extra) land in the object streams
 * after libharu's own, written as given; extra objects whose numbers do
 * not follow libharu's last are refused, as is a file of another shape. */
#include "test.h"

#include "objstm.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* %PDF-1.3, objects 1 (catalog) and 2 (pages), a classic xref and trailer. */
static void classic(struct buf *b)
{
	size_t off[3];
	buf_adds(b, "%PDF-1.3\n");
	off[1] = b->len;
	buf_adds(b, "1 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n/StructTreeRoot 3 0 R\n>>\nendobj\n");
	off[2] = b->len;
	buf_adds(b, "2 0 obj\n<<\n/Type /Pages\n/Kids [ ]\n/Count 0\n>>\nendobj\n");
	size_t x = b->len;
	buf_adds(b, "xref\n0 3\n0000000000 65535 f\r\n");
	for (int i = 1; i < 3; i++)
		buf_addf(b, "%010zu 00000 n\r\n", off[i]);
	buf_addf(b, "trailer\n<<\n/Root 1 0 R\n/Info 2 0 R\n/Size 3\n>>\nstartxref\n%zu\n%%%%EOF\n", x);
}

/* The first object stream's data, inflated, and its /N. */
static int first_objstm(const char *p, size_t n, struct buf *out)
{
	const char *s = memmem(p, n, "/Type /ObjStm /N ", 17);
	if (!s)
		return -1;
	int objs = atoi(s + 17);
	const char *d = memmem(s, n - (size_t)(s - p), "stream\r\n", 8);
	if (!d)
		return -1;
	d += 8;
	char tmp[4096];
	uLongf tl = sizeof(tmp);
	if (uncompress((Bytef *)tmp, &tl, (const Bytef *)d, (uLong)(n - (size_t)(d - p))) != Z_OK)
		return -1;
	buf_add(out, tmp, tl);
	return objs;
}

static void extra_objects(void)
{
	struct buf in, got;
	buf_init(&in);
	buf_init(&got);
	classic(&in);
	struct objstm_extra x;
	objstm_extra_init(&x);
	x.first = 3;
	static const char el[] = "<</S/Document/P 1 0 R>>";
	objstm_extra_add(&x, el, sizeof(el) - 1);
	char *out = NULL;
	size_t len = 0;
	CHECK_EQ(objstm_pack(in.data, in.len, &x, &out, &len), 0);
	if (out) {
		CHECK(len > 9 && !memcmp(out, "%PDF-1.5", 8));
		CHECK_EQ(first_objstm(out, len, &got), 3); /* the catalog, the pages, the element */
		CHECK(memmem(got.data, got.len, el, sizeof(el) - 1) != NULL);
		/* libharu's own dictionary without its blank lines */
		CHECK(memmem(got.data, got.len, "<</Type /Pages", 14) != NULL);
		/* objects 0-3, the object stream, the xref stream */
		CHECK(memmem(out, len, "/Type /XRef /Size 6 ", 20) != NULL);
	}
	free(out);
	out = NULL;
	x.first = 5; /* not after libharu's last object */
	CHECK_EQ(objstm_pack(in.data, in.len, &x, &out, &len), -1);
	free(out);
	out = NULL;
	CHECK_EQ(objstm_pack("%PDF-1.3\nnot a pdf\n", 19, NULL, &out, &len), -1);
	free(out);
	objstm_extra_done(&x);
	buf_done(&got);
	buf_done(&in);
}

void test_objstm(void)
{
	RUN(extra_objects);
}
