/* test_hyph.c: hyphenation points from the en-US patterns and the house rules. */
#include "test.h"

#include "hyph.h"

#include <string.h>

#define DIC "/usr/share/hyphen/hyph_en_US.dic"

/* The word with '=' at each point, e.g. "trou=bleshoot=ing". */
static void marked(struct hyph *h, const char *w, char *out)
{
	int pos[32];
	int n = hyph_points(h, w, strlen(w), pos, 32), at = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		strncat(out, w + at, (size_t)(pos[i] - at));
		strcat(out, "=");
		at = pos[i];
	}
	strcat(out, w + at);
}

static void known_words(void)
{
	struct hyph *h = hyph_new(DIC);
	CHECK(h != NULL);
	char s[128];
	marked(h, "troubleshooting", s);
	CHECK(!strcmp(s, "trou=bleshoot=ing"));
	marked(h, "responsibilities", s);
	CHECK(!strcmp(s, "re=spon=si=bil=i=ties"));
	marked(h, "organisational", s);
	CHECK(!strcmp(s, "or=gan=i=sa=tional"));
	/* UTF-8: offsets are bytes, the pattern vector is per character */
	marked(h, "r\xC3\xA9sistance", s);
	CHECK(!strcmp(s, "r\xC3\xA9=sis=tance"));
	hyph_free(h);
}

static void house_rules(void)
{
	struct hyph *h = hyph_new(DIC);
	int pos[8];
	CHECK_EQ(hyph_points(h, "ticket", 6, pos, 8) <= 1, 1);
	CHECK_EQ(hyph_points(h, "logs", 4, pos, 8), 0);             /* shorter than 6 letters */
	CHECK_EQ(hyph_points(h, "PowerShell", 10, pos, 8), 0);      /* capital inside */
	CHECK_EQ(hyph_points(h, "KUBERNETES", 10, pos, 8), 0);      /* all capitals */
	CHECK_EQ(hyph_points(h, "release2024", 11, pos, 8), 0);     /* digits */
	CHECK(hyph_points(h, "Documentation", 13, pos, 8) > 0);     /* a capital first letter is fine */
	/* at least 2 letters before and 3 after every point */
	int n = hyph_points(h, "responsibilities", 16, pos, 8);
	for (int i = 0; i < n; i++)
		CHECK(pos[i] >= 2 && pos[i] <= 16 - 3);
	hyph_free(h);
}

static void missing_dictionary(void)
{
	int pos[8];
	CHECK(hyph_new("/nonexistent/hyph_xx.dic") == NULL);
	CHECK_EQ(hyph_points(NULL, "troubleshooting", 15, pos, 8), 0);
}

void test_hyph(void)
{
	RUN(known_words);
	RUN(house_rules);
	RUN(missing_dictionary);
}
