/* test_font.c: subsets as pdf.c embeds them, and the glyph codes text is
 * written in. */
#include "test.h"
#include "../../src/font.h"

#include <stdlib.h>
#include <string.h>

static struct fonts *fonts;

static unsigned be(const char *p, int n)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | (unsigned char)p[i];
	return v;
}

/* Short codes: one byte below 0x80, two from 0x8000, the space and glyph
 * 32 trading CIDs; a subset too big for them is written in plain two-byte
 * codes. */
static void test_font_codes(void)
{
	struct font_subset small = { .nglyphs = 300, .space = 1 }, big = { .nglyphs = FONT_SHORT_CODES + 1 };
	unsigned char c[2];
	CHECK_EQ(font_code(&small, 0x41, c), 1);
	CHECK_EQ(c[0], 0x41);
	CHECK_EQ(font_code(&small, 0x7F, c), 1);
	CHECK_EQ(font_code(&small, 0x80, c), 2);
	CHECK_EQ(c[0], 0x80);
	CHECK_EQ(c[1], 0x80);
	CHECK_EQ(font_code(&small, 0x12B, c), 2);
	CHECK_EQ(c[0], 0x81);
	CHECK_EQ(c[1], 0x2B);
	/* the space (here glyph 1) is CID and code 32, where Tw applies, and
	 * glyph 32 CID and code 1; a two-byte font keeps its glyph ids */
	CHECK_EQ(font_code(&small, 1, c), 1);
	CHECK_EQ(c[0], 0x20);
	CHECK_EQ(font_code(&small, 0x20, c), 1);
	CHECK_EQ(c[0], 0x01);
	CHECK_EQ(font_code(&big, 1, c), 2);
	CHECK_EQ(c[1], 0x01);
	CHECK_EQ(font_code(&big, 0x41, c), 2);
	CHECK_EQ(c[0], 0x00);
	CHECK_EQ(c[1], 0x41);
	CHECK_EQ(font_code(&big, 0x8001, c), 2);
	CHECK_EQ(c[0], 0x80);
	CHECK_EQ(c[1], 0x01);
}

/* A subset holds what was drawn, renumbered, with the widths layout
 * measured, and only the tables a PDF reader uses. */
static void test_font_subset(void)
{
	font_reset_use(fonts);
	const char *text = "Hello, caf\xC3\xA9";
	font_use(fonts, FACE_REGULAR, text, strlen(text));
	struct font_subset s;
	CHECK_EQ(font_subset(fonts, FACE_REGULAR, &s), 0);
	CHECK(s.nglyphs > 8 && s.nglyphs < 40);
	const uint32_t drawn[] = { 'H', 'e', 'l', 'o', ',', ' ', 'c', 'a', 'f', 0xE9 };
	for (size_t i = 0; i < sizeof(drawn) / sizeof(drawn[0]); i++) {
		unsigned g = s.gid[drawn[i]];
		CHECK(g > 0 && (int)g < s.nglyphs);
		CHECK_EQ(s.unicode[g], drawn[i]);
		CHECK_EQ(s.width[g], font_advance(fonts, FACE_REGULAR, drawn[i]));
	}
	CHECK_EQ(s.gid['Z'], 0); /* not drawn */
	/* ABCDEF+Name */
	CHECK(strlen(s.name) > 7 && s.name[6] == '+');
	for (int i = 0; i < 6; i++)
		CHECK(s.name[i] >= 'A' && s.name[i] <= 'Z');
	CHECK(strstr(s.name, "NotoSans") != NULL);
	CHECK(s.flags & 4);
	CHECK(s.ascent > 0 && s.descent < 0 && s.cap_height > 0 && s.bbox[2] > s.bbox[0]);
	/* a TrueType file: version 1.0, then only the tables PDF readers use */
	CHECK(s.len > 12 && be(s.data, 4) == 0x00010000);
	unsigned n = s.len > 12 ? be(s.data + 4, 2) : 0;
	int glyf = 0;
	for (unsigned i = 0; i < n && 12 + 16 * (i + 1) <= s.len; i++) {
		const char *tag = s.data + 12 + 16 * i;
		CHECK(memcmp(tag, "GSUB", 4) && memcmp(tag, "GPOS", 4) && memcmp(tag, "name", 4));
		glyf += !memcmp(tag, "glyf", 4);
	}
	CHECK_EQ(glyf, 1);
	/* the same text gives the same subset tag: files are reproducible */
	struct font_subset again;
	CHECK_EQ(font_subset(fonts, FACE_REGULAR, &again), 0);
	CHECK(!strcmp(s.name, again.name) && again.len == s.len && !memcmp(again.data, s.data, s.len));
	font_subset_done(&again);
	font_subset_done(&s);
}

void test_font(void)
{
	struct diags d;
	diags_init(&d);
	fonts = fonts_new("fonts", &d);
	CHECK(fonts != NULL);
	RUN(test_font_codes);
	if (fonts) {
		RUN(test_font_subset);
		fonts_free(fonts);
	}
	diags_done(&d);
}
