/* test_pdfobj.c: text strings for PDF dictionaries: PDFDocEncoding when
 * every character has a code there (curly quotes, dashes, Latin-1
 * letters, a no-break space as a space), UTF-16BE in hex otherwise. */
#include "test.h"

#include "pdfobj.h"

#include <string.h>

static int text_is(const char *in, const char *want, size_t wlen)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "x");
	pdfobj_add_text(&b, in);
	int ok = b.len == wlen + 1 && !memcmp(b.data + 1, want, wlen);
	if (!ok)
		fprintf(stderr, "pdfobj_add_text(\"%s\") gave %.*s\n", in, (int)b.len - 1, b.data + 1);
	buf_done(&b);
	return ok;
}

#define TEXT_IS(in, want) CHECK(text_is(in, want, sizeof(want) - 1))

static void text_strings(void)
{
	TEXT_IS("plain", "(plain)");
	TEXT_IS("a(b)\\c", "(a\\(b\\)\\\\c)");
	TEXT_IS("", "()");
	TEXT_IS("it\xE2\x80\x99s 24\xE2\x80\x93" "25", "(it\x90s 24\x85" "25)");       /* ’ and – */
	TEXT_IS("\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\xA2 \xE2\x82\xAC", "(\x8Dq\x8E \x80 \xA0)"); /* “ ” • € */
	TEXT_IS("caf\xC3\xA9 \xC5\x81\xC3\xB3" "dka", "(caf\xE9 \x95\xF3" "dka)"); /* é Ł ó */
	TEXT_IS("\xC5\x81\xC3\xB3" "d\xC5\xBA", "<FEFF014100F30064017A>");     /* ź has no code */
	TEXT_IS("p.\xC2\xA0" "5", "(p. 5)"); /* no-break space */
	TEXT_IS("\xE6\x97\xA5", "<FEFF65E5>");  /* no code: UTF-16 */
	TEXT_IS("a\tb", "<FEFF006100090062>");   /* a control: UTF-16 */
	TEXT_IS("\xC2\xAD", "<FEFF00AD>");       /* soft hyphen: undefined there */
}

void test_pdfobj(void)
{
	RUN(text_strings);
}
