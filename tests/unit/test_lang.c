/* test_lang.c: language tags, the pattern file each finds, and 8-bit
 * pattern files of other scripts (KOI8-R, ISO8859-7) converted at load.
 * test_lang() runs them all. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, mkstemp */

#include "test.h"

#include "hyph.h"
#include "lang.h"
#include "md.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_POINTS 32 /* more than any test word has */

static void tags_normalised(void)
{
	static const struct {
		const char *in, *out; /* out NULL: refused */
	} cases[] = {
		{ "ru", "ru" }, { "ru-RU", "ru-RU" }, { "ru_ru", "ru-RU" }, { "PT-br", "pt-BR" },
		{ "en-GB", "en-GB" }, { "sr-latn-rs", "sr-Latn-RS" }, { "de-CH-1996", "de-CH-1996" },
		{ "", NULL }, { "r", NULL }, { "russian", NULL }, { "de-", NULL }, { "de--DE", NULL },
		{ "de DE", NULL }, { "../etc", NULL }, { "1a", NULL }, { "de-toolongsubtag", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[LANG_TAG_MAX + 1];
		int rc = lang_normalize(cases[i].in, out);
		if (!cases[i].out) {
			CHECK_EQ(rc, -1);
		} else {
			CHECK_EQ(rc, 0);
			CHECK(rc != 0 || !strcmp(out, cases[i].out));
		}
	}
	char longtag[64];
	memset(longtag, 'a', sizeof longtag - 1);
	longtag[sizeof longtag - 1] = 0;
	char out[LANG_TAG_MAX + 1];
	CHECK_EQ(lang_normalize(longtag, out), -1);
}

static void touch(const char *dir, const char *name)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
}

/* Ends with a check that the path found is dir/want (want NULL: none). */
static int finds(const char *dir, const char *tag, const char *want, const char *want_pkg)
{
	const char *pkg = "unset";
	char *p = lang_hyph_find(dir, tag, &pkg);
	int ok = want ? p && !strcmp(p + strlen(dir) + 1, want) : !p;
	if (!want)
		ok = ok && (want_pkg ? pkg && !strcmp(pkg, want_pkg) : !pkg);
	if (!ok)
		fprintf(stderr, "  %s: got %s (package %s), want %s\n", tag, p ? p : "none", pkg ? pkg : "none",
		        want ? want : want_pkg ? want_pkg : "none");
	free(p);
	return ok;
}

/* Debian's names: regions for most, a bare language for a few, no bare
 * "ru"; a missing language names its package. */
static void dictionaries_found(void)
{
	char dir[] = "/tmp/handbook-test-lang-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	const char *files[] = { "hyph_ru_RU.dic", "hyph_de.dic", "hyph_de_DE.dic", "hyph_de_CH.dic",
		                "hyph_pt_BR.dic", "hyph_en_US.dic", "hyph_en_GB.dic", "hyph_el_GR.dic",
		                "hyph_sv_FI.dic", "hyph_sv_SE.dic", "hyph_nl_BE.dic", "hyph_nl_AW.dic" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		touch(dir, files[i]);
	CHECK(finds(dir, "ru", "hyph_ru_RU.dic", NULL));
	CHECK(finds(dir, "ru-RU", "hyph_ru_RU.dic", NULL));
	CHECK(finds(dir, "ru-UA", "hyph_ru_RU.dic", NULL));
	CHECK(finds(dir, "de", "hyph_de.dic", NULL));
	CHECK(finds(dir, "de-CH", "hyph_de_CH.dic", NULL));
	CHECK(finds(dir, "pt-BR", "hyph_pt_BR.dic", NULL));
	CHECK(finds(dir, "pt", "hyph_pt_BR.dic", NULL)); /* only Brazil's installed */
	CHECK(finds(dir, "en", "hyph_en_US.dic", NULL));
	CHECK(finds(dir, "en-GB", "hyph_en_GB.dic", NULL));
	CHECK(finds(dir, "el", "hyph_el_GR.dic", NULL));
	CHECK(finds(dir, "sv", "hyph_sv_SE.dic", NULL));   /* the usual region before name order */
	CHECK(finds(dir, "nl", "hyph_nl_AW.dic", NULL));   /* else the first in name order */
	CHECK(finds(dir, "it", NULL, "hyphen-it"));
	CHECK(finds(dir, "uk-UA", NULL, "hyphen-uk"));
	CHECK(finds(dir, "nb", NULL, "hyphen-no"));
	CHECK(finds(dir, "ja", NULL, NULL));
	CHECK(finds(dir, "zh-Hans-CN", NULL, NULL));
	CHECK(finds(dir, "xx", NULL, NULL));
	CHECK(lang_needs_no_hyphens("ja") && lang_needs_no_hyphens("zh-TW") && !lang_needs_no_hyphens("jam"));
	char rm[512];
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	CHECK(system(rm) == 0);
}

/* Writes text to a new temporary file; its name goes to path. */
static int write_file(char *path, const char *text)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	size_t n = strlen(text);
	int ok = write(fd, text, n) == (ssize_t)n;
	return close(fd) == 0 && ok ? 0 : -1;
}

/* Writes w with '=' before each point into out (128 bytes). */
static void marked(struct hyph *h, const char *w, char *out)
{
	int pos[MAX_POINTS];
	size_t len = strlen(w), o = 0, at = 0;
	int n = hyph_points(h, w, len, pos, MAX_POINTS);
	for (int i = 0; i < n; i++) {
		for (; at < (size_t)pos[i]; at++)
			out[o++] = w[at];
		out[o++] = '=';
	}
	for (; at < len; at++)
		out[o++] = w[at];
	out[o] = 0;
}

static int marks_as(struct hyph *h, const char *w, const char *want)
{
	char got[128];
	marked(h, w, got);
	if (strcmp(got, want))
		fprintf(stderr, "  %s: got %s, want %s\n", w, got, want);
	return !strcmp(got, want);
}

/* KOI8-R patterns (Debian's Russian): "а1", "о1" and ".ком1" in KOI8-R
 * bytes, a break after each а and о and after a word's opening "ком".  Read as they are, they would never match a
 * UTF-8 word; converted, they do, and a capital first letter is lowered. */
static void koi8r_converted(void)
{
	char path[] = "/tmp/handbook-test-koi8-XXXXXX";
	/* KOI8-R: а = 0xC1, о = 0xCF */
	CHECK(write_file(path, "KOI8-R\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n\xC1" "1\n\xCF" "1\n.\xCB\xCF\xCD" "1\n") == 0);
	struct hyph *h = hyph_new(path);
	unlink(path);
	CHECK(h != NULL);
	if (!h)
		return;
	/* работать: points after а and о, but not in the first two letters
	 * or the last three (the house minimums) */
	CHECK(marks_as(h, "\xD1\x80\xD0\xB0\xD0\xB1\xD0\xBE\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C",
	               "\xD1\x80\xD0\xB0=\xD0\xB1\xD0\xBE=\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C")); /* ра=бо=тать */
	/* Командами: ".ком1" matches only with К lowered; as in libhyphen,
	 * the longest pattern ending at a letter ("ко" of ".ком") hides "о1" */
	CHECK(marks_as(h, "\xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB0\xD0\xBD\xD0\xB4\xD0\xB0\xD0\xBC\xD0\xB8",
	               "\xD0\x9A\xD0\xBE\xD0\xBC=\xD0\xB0=\xD0\xBD\xD0\xB4\xD0\xB0\xD0\xBC\xD0\xB8")); /* Ком=а=ндами */
	/* a capital inside the word (an acronym) is never hyphenated */
	CHECK(marks_as(h, "\xD1\x80\xD0\xB0\xD0\x91\xD0\xBE\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C",
	               "\xD1\x80\xD0\xB0\xD0\x91\xD0\xBE\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C"));
	hyph_free(h);
}

/* ISO8859-7 (Debian's Greek): ".έλ1" is 0x2E 0xDD 0xEB 0x31.  It matches
 * only when the word's capital Έ is lowered to έ, and its bytes only once
 * converted to UTF-8. */
static void greek_converted(void)
{
	char path[] = "/tmp/handbook-test-el-XXXXXX";
	CHECK(write_file(path, "ISO8859-7\n.\xDD\xEB" "1\n") == 0);
	struct hyph *h = hyph_new(path);
	unlink(path);
	CHECK(h != NULL);
	if (!h)
		return;
	/* Έλεγχος -> Έλ=εγχος */
	CHECK(marks_as(h, "\xCE\x88\xCE\xBB\xCE\xB5\xCE\xB3\xCF\x87\xCE\xBF\xCF\x82",
	               "\xCE\x88\xCE\xBB=\xCE\xB5\xCE\xB3\xCF\x87\xCE\xBF\xCF\x82"));
	/* έλεγχος, all small, the same */
	CHECK(marks_as(h, "\xCE\xAD\xCE\xBB\xCE\xB5\xCE\xB3\xCF\x87\xCE\xBF\xCF\x82",
	               "\xCE\xAD\xCE\xBB=\xCE\xB5\xCE\xB3\xCF\x87\xCE\xBF\xCF\x82"));
	hyph_free(h);
}

/* A charset iconv does not know: the file cannot be read (the caller warns). */
static void unknown_charset_refused(void)
{
	char path[] = "/tmp/handbook-test-cs-XXXXXX";
	CHECK(write_file(path, "NO-SUCH-CHARSET-42\na1\n") == 0);
	struct hyph *h = hyph_new(path);
	unlink(path);
	CHECK(h == NULL);
	hyph_free(h);
}


/* GitHub's anchors for headings in any script: Unicode lower case (final
 * sigma included), punctuation and emoji dropped, spaces to hyphens. */
static void anchors_every_script(void)
{
	static const struct {
		const char *heading, *slug;
	} cases[] = {
		{ "Обзор", "обзор" },
		{ "Ωmega Σ", "ωmega-σ" },
		{ "ΟΔΟΣ", "οδος" }, /* final sigma, as JavaScript lowers it */
		{ "\xF0\x9F\x9A\x80 Delivery", "-delivery" },
		{ "\xE2\x80\x94 Delivery", "-delivery" },
		{ "Überblick & Ziele", "überblick--ziele" },
		{ "概要（はじめに）", "概要はじめに" },
		{ "סקירה כללית", "סקירה-כללית" },
		{ "What's new? (v2.0)", "whats-new-v20" },
		{ "snake_case-Name", "snake_case-name" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		buf_init(&b);
		md_slug(cases[i].heading, &b);
		buf_cstr(&b);
		if (strcmp(b.data, cases[i].slug))
			fprintf(stderr, "  %s: got %s, want %s\n", cases[i].heading, b.data, cases[i].slug);
		CHECK(!strcmp(b.data, cases[i].slug));
		buf_done(&b);
	}
}

void test_lang(void)
{
	RUN(tags_normalised);
	RUN(dictionaries_found);
	RUN(koi8r_converted);
	RUN(greek_converted);
	RUN(unknown_charset_refused);
	RUN(anchors_every_script);
}
