/* fuzz_book.c: libFuzzer target for the whole pipeline, Markdown bytes to
 * PDF bytes in memory.  The input is one level file under a fixed README;
 * an input starting with "README\n" is the README itself, with the level
 * fixed, so both the role list and the chapters are exercised.  The input's
 * length picks the edition (handbook, role, review), so all three stay
 * covered without changing what the bytes mean.  A word of the input
 * missing from the pages with no warning naming its place aborts, so
 * fuzzing finds silent text loss as it finds crashes.
 *
 *   make fuzz            (runs from the repository root: fonts/ is needed) */
#include "book.h"
#include "content.h"
#include "diagnostics.h"
#include "font.h"
#include "hyph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char readme[] = "# Fuzz Handbook\n\nThe team at Fuzz.\n\n- [L1: Fuzz](./L1-Fuzz.md)\n";
static const char level[] = "# L1: Fuzz\n\n## Section\n\nText with a [link](#section).\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content c;
	struct diags d;
	diags_init(&d);
	content_init(&c, "tests/fuzz");
	if (size >= 7 && !memcmp(data, "README\n", 7)) {
		content_add_text(&c, "README.md", (const char *)data + 7, size - 7, &d);
		content_add_text(&c, "L1-Fuzz.md", level, sizeof(level) - 1, &d);
	} else {
		content_add_text(&c, "README.md", readme, sizeof(readme) - 1, &d);
		content_add_text(&c, "L1-Fuzz.md", (const char *)data, size, &d);
	}
	static struct fonts *fonts; /* loaded once: the fuzzer's time goes to our code */
	if (!fonts) {
		struct diags fd;
		diags_init(&fd);
		fonts = fonts_new("fonts", &fd);
		diags_done(&fd);
		if (!fonts)
			abort();
	}
	static struct hyph *hyph;
	if (!hyph)
		hyph = hyph_new("/usr/share/hyphen/hyph_en_US.dic");
	struct book_opts o;
	memset(&o, 0, sizeof(o));
	o.fonts_dir = "fonts";
	o.fonts = fonts;
	o.hyph = hyph;
	o.hyph_dict = "/usr/share/hyphen/hyph_en_US.dic";
	o.year = 2026, o.month = 1, o.day = 1;
	static const enum edition_kind kinds[] = { ED_HANDBOOK, ED_ROLE, ED_REVIEW };
	o.edition = kinds[size % 3];
	if (o.edition != ED_HANDBOOK)
		o.role = "L1-Fuzz.md";
	struct book_result r;
	book_make_from(&o, &c, &d, &r);
	/* silent text loss is a bug as a crash is: the check (words.c) ran on
	 * the pages before the PDF was written */
	if (r.words_lost > 0)
		abort();
	free(r.pdf);
	content_done(&c);
	diags_done(&d);
	return 0;
}
