/* test_messages.c: the catalogue in each language, the edition date's
 * order and month names, and an author's overrides.  test_messages() runs
 * them all. */
#include "test.h"

#include "messages.h"

#include <string.h>

static int is(const char *got, const char *want)
{
	if (strcmp(got, want))
		fprintf(stderr, "  got \"%s\", want \"%s\"\n", got, want);
	return !strcmp(got, want);
}

static void every_language(void)
{
	static const struct {
		const char *tag, *contents, *edition;
	} cases[] = {
		{ NULL, "Contents", "Edition of 1 December 2026" },
		{ "en-GB", "Contents", "Edition of 1 December 2026" },
		{ "de-CH", "Inhalt", "Ausgabe vom 1. Dezember 2026" },
		{ "fr", "Sommaire", "\xC3\x89" "dition du 1er d\xC3\xA9" "cembre 2026" },
		{ "es", "Contenido", "Edici\xC3\xB3n del 1 de diciembre de 2026" },
		{ "pt-BR", "Sum\xC3\xA1rio", "Edi\xC3\xA7\xC3\xA3o de 1 de dezembro de 2026" },
		{ "nl", "Inhoud", "Editie van 1 december 2026" },
		{ "ru", "Содержание", "Издание от 1 декабря 2026\xC2\xA0г." },
		{ "ja", "目次", "2026年12月1日版" },
		{ "zh-Hans", "目录", "2026年12月1日版" },
		{ "el", "Περιεχόμενα", "Έκδοση 1 Δεκεμβρίου 2026" },
		{ "el-GR", "Περιεχόμενα", "Έκδοση 1 Δεκεμβρίου 2026" },
		{ "he", "תוכן העניינים", "מהדורה מיום 1 בדצמבר 2026" },
		{ "xx", "Contents", "Edition of 1 December 2026" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char ed[128];
		msg_set_lang(cases[i].tag);
		msg_edition(ed, sizeof ed, 2026, 12, 1);
		CHECK(is(msg(MSG_CONTENTS), cases[i].contents));
		CHECK(is(ed, cases[i].edition));
		for (int m = 0; m < MSG__MAX; m++)
			CHECK(msg((enum msg_id)m)[0] != 0); /* every message has a text, English at worst */
	}
	msg_set_lang(NULL);
}

static void overrides(void)
{
	msg_set_lang("de");
	CHECK(msg_override("contents", "\xC3\x9C" "bersicht") == 0);
	CHECK(is(msg(MSG_CONTENTS), "\xC3\x9C" "bersicht"));
	msg_set_lang("fr");
	CHECK(is(msg(MSG_CONTENTS), "\xC3\x9C" "bersicht")); /* in every language */
	CHECK(msg_override("no_such_key", "x") == -1);
	CHECK(msg_override("edition", "Stand") == 0);
	msg_set_lang("ja");
	char ed[128];
	msg_edition(ed, sizeof ed, 2026, 3, 9);
	CHECK(is(ed, "Stand 2026年3月9日"));
	CHECK(is(msg_key(MSG_NEXT_STEP), "next_step"));
	CHECK(msg_override("contents", NULL) == 0);
	CHECK(is(msg(MSG_CONTENTS), "目次"));
	msg_reset();
	msg_set_lang(NULL);
	CHECK(is(msg(MSG_CONTENTS), "Contents"));
}

void test_messages(void)
{
	RUN(every_language);
	RUN(overrides);
}
