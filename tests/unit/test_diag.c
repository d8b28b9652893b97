/* test_diag.c: message codes, repeats and the escaping of each format. */
#include "diagnostics.h"
#include "util.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* d printed in format f, malloc'd. */
static char *printed(const struct diags *d, enum diag_format f)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	diags_print_as(d, fp, f);
	fclose(fp);
	return s;
}

static void codes(void)
{
	CHECK(!strcmp(diag_code("link to %s: no such heading; set as text"), "HB205"));
	CHECK(!strcmp(diag_code("a message nobody listed"), "HB000"));
	struct diags d;
	diags_init(&d);
	diag_warn_at(&d, "a.md", 3, 7, "link to %s: no such heading; set as text", "#x");
	diag_warn_at(&d, "a.md", 3, 7, "link to %s: no such heading; set as text", "#x");
	CHECK_EQ(d.n, 1);
	CHECK_EQ(d.v[0].count, 2);
	CHECK_EQ(d.warnings, 2);
	char *s = printed(&d, DIAG_HUMAN);
	CHECK(!strcmp(s, "a.md:3:7: warning: link to #x: no such heading; set as text [HB205] (2 times)\n"));
	free(s);
	diags_done(&d);
}

static void escaping(void)
{
	struct diags d;
	diags_init(&d);
	/* a newline, ESC, a C1 CSI (U+009B), a right-to-left override, a stray byte, '%' and ',' */
	diag_error(&d, "a\nb\x1b" "c\xC2\x9B" "d\xE2\x80\xAE" "e\xFF" "f%,g.md", 0, "cannot read: %s", "x\ny");
	char *s = printed(&d, DIAG_HUMAN);
	CHECK(!strcmp(s, "a\\nb\\x1Bc\\u009bd\\u202ee\\xFFf%,g.md: error: cannot read: x\\ny [HB103]\n"));
	free(s);
	s = printed(&d, DIAG_JSON);
	CHECK(!strcmp(s, "{\"file\":\"a\\nb\\u001bc\\u009bd\\u202ee\\ufffdf%,g.md\",\"line\":0,\"column\":0,"
	                 "\"severity\":\"error\",\"code\":\"HB103\",\"message\":\"cannot read: x\\ny\",\"count\":1}\n"));
	free(s);
	s = printed(&d, DIAG_GITHUB);
	CHECK(!strcmp(s, "::error file=a%0Ab%1Bc%C2%9Bd%E2%80%AEe%FFf%25%2Cg.md,title=handbook HB103::cannot read: x%0Ay\n"));
	free(s);
	diags_done(&d);
}

/* A pack read back gives the same messages, codes, counts and places; a
 * cut pack is refused. */
static void pack_round_trip(void)
{
	struct diags a, b;
	diags_init(&a);
	diags_init(&b);
	diag_warn_at(&a, "x.md", 3, 7, "link to %s, which is not in the book; set as text", "y.md\nz");
	diag_warn_at(&a, "x.md", 3, 7, "link to %s, which is not in the book; set as text", "y.md\nz");
	diag_error(&a, NULL, 0, "cannot read: %s", "gone");
	struct buf p;
	buf_init(&p);
	diags_pack(&a, &p);
	const char *s = p.data, *end = p.data + p.len;
	CHECK(diags_unpack(&b, &s, end) == 0);
	CHECK(s == end);
	CHECK_EQ(b.n, 2);
	CHECK_EQ(b.warnings, 2);
	CHECK_EQ(b.errors, 1);
	if (b.n == 2) {
		CHECK(!strcmp(b.v[0].file, "x.md") && b.v[0].line == 3 && b.v[0].col == 7 && b.v[0].count == 2);
		CHECK(!strcmp(b.v[0].code, "HB203") && !strcmp(b.v[0].text, "link to y.md\nz, which is not in the book; set as text"));
		CHECK(!b.v[1].file && !strcmp(b.v[1].code, "HB103"));
	}
	s = p.data;
	CHECK(diags_unpack(&b, &s, end - 3) == -1);
	CHECK_EQ(b.n, 2); /* nothing added from a cut pack */
	buf_done(&p);
	diags_done(&a);
	diags_done(&b);
}

void test_diag(void)
{
	RUN(pack_round_trip);
	RUN(codes);
	RUN(escaping);
}
