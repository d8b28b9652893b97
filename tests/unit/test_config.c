/* test_config.c: handbook.yml values (config.h): each type read the way
 * the README says, bad values and unknown keys warned about by line, the
 * command line's overrides, templates and the printed form read back. */
#include "test.h"

#include "config.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_config_values(void)
{
	static const struct {
		const char *key, *value;
		int ok;
	} cases[] = {
		{ "theme.colours.primary", "#AA0000", 1 },
		{ "theme.colours.primary", "AA00", 0 },
		{ "theme.colours.accent", "#00aa00", 1 },
		{ "theme.colours.accent", "#GG0000", 0 },
		{ "page.paper", "a5", 1 },
		{ "page.paper", "B5", 1 },
		{ "page.paper", "170x240mm", 1 },
		{ "page.paper", "6in x 9in", 1 },
		{ "page.paper", "10x10mm", 0 },
		{ "page.paper", "tabloid", 0 },
		{ "page.margins.inner", "20mm", 1 },
		{ "page.margins.inner", "20", 0 },
		{ "page.margins.inner", "2m", 0 },
		{ "page.margins.top", "1in", 1 },
		{ "page.margins.top", "3in", 0 },
		{ "page.sides", "duplex", 1 },
		{ "page.sides", "maybe", 0 },
		{ "page.base_size", "11", 1 },
		{ "page.base_size", "60", 0 },
		{ "page.leading", "1.3", 1 },
		{ "page.leading", "130%", 1 },
		{ "page.leading", "9", 0 },
		{ "theme.logo_in_head", "yes", 1 },
		{ "theme.logo_in_head", "sometimes", 0 },
		{ "colour", "red", 0 },
		{ "messages.prepared_for", "F\xC3\xBCr", 1 },
		{ "messages.no_such_message", "x", 0 },
		{ "watermark.review", "DRAFT", 1 },
		{ "watermark.poster", "DRAFT", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config c;
		struct diags d;
		config_init(&c);
		diags_init(&d);
		int rc = config_set(&c, cases[i].key, cases[i].value, "x.yml", 7, &d);
		if ((rc == 0) != cases[i].ok || d.warnings != !cases[i].ok)
			fprintf(stderr, "case %s: %s\n", cases[i].key, cases[i].value);
		CHECK_EQ(rc == 0, cases[i].ok);
		CHECK_EQ(d.warnings, !cases[i].ok);
		if (d.n)
			CHECK_EQ(d.v[0].line, 7);
		diags_done(&d);
		config_done(&c);
	}
}

static void test_config_geometry(void)
{
	struct config c;
	struct diags d;
	config_init(&c);
	diags_init(&d);
	config_set(&c, "page.paper", "170x240mm", NULL, 0, &d);
	config_set(&c, "page.margins.outer", "12mm", NULL, 0, &d);
	struct page_geom g = config_page(&c);
	CHECK_EQ(g.width, MM(170));
	CHECK_EQ(g.height, MM(240));
	CHECK_EQ(g.outer, MM(12));
	CHECK_EQ(g.inner, style_page(PAPER_A4).inner);
	CHECK_EQ(d.n, 0);
	config_set(&c, "page.paper", "letter", NULL, 0, &d);
	g = config_page(&c);
	CHECK_EQ(g.width, PT(612));
	diags_done(&d);
	config_done(&c);
}

static void test_config_file(void)
{
	char path[] = "/tmp/handbook-config-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	static const char yml[] =
		"organisation: Acme\n"
		"theme:\n"
		"  colours:\n"
		"    primary: \"#123456\"\n"
		"  shape: round\n"
		"page: a4\n"
		"editions:\n"
		"  leave_out: [Contributing, Licence]\n"
		"messages:\n"
		"  toc.title: Inhalt\n";
	CHECK_EQ(write(fd, yml, sizeof(yml) - 1), (long)sizeof(yml) - 1);
	close(fd);
	struct config c;
	struct diags d;
	config_init(&c);
	diags_init(&d);
	CHECK_EQ(config_load(&c, path, 0, &d), 0);
	CHECK(c.org && !strcmp(c.org, "Acme"));
	CHECK_EQ(c.rgb[CFG_PRIMARY], 0x123456);
	CHECK(c.leave_out && !strcmp(c.leave_out, "contributing,licence"));
	CHECK(config_message(&c, "toc.title") && !strcmp(config_message(&c, "toc.title"), "Inhalt"));
	CHECK(!config_message(&c, "nothing"));
	/* theme.shape (line 5) unknown, page (line 6) not a section */
	CHECK_EQ(d.warnings, 2);
	CHECK_EQ(d.n > 0 ? d.v[0].line : 0, 5);
	CHECK_EQ(d.n > 1 ? d.v[1].line : 0, 6);
	/* the printed configuration reads back to the same values, silently */
	struct buf b;
	buf_init(&b);
	config_print(&c, &b);
	FILE *f = fopen(path, "w");
	fputs(buf_cstr(&b), f);
	fclose(f);
	struct config c2;
	struct diags d2;
	config_init(&c2);
	diags_init(&d2);
	CHECK_EQ(config_load(&c2, path, 0, &d2), 0);
	CHECK_EQ(d2.n, 0);
	CHECK_EQ(c2.rgb[CFG_PRIMARY], 0x123456);
	CHECK(c2.org && !strcmp(c2.org, "Acme"));
	CHECK(config_message(&c2, "toc.title") && !strcmp(config_message(&c2, "toc.title"), "Inhalt"));
	struct page_geom g1 = config_page(&c), g2 = config_page(&c2);
	CHECK(labs((long)g1.width - g2.width) <= 1 && labs((long)g1.top - g2.top) <= 1);
	buf_done(&b);
	diags_done(&d2);
	config_done(&c2);
	/* a missing optional file is no warning; a missing named one is */
	unlink(path);
	diags_done(&d);
	diags_init(&d);
	CHECK_EQ(config_load(&c, path, 1, &d), 0);
	CHECK_EQ(d.n, 0);
	CHECK_EQ(config_load(&c, path, 0, &d), -1);
	CHECK_EQ(d.warnings, 1);
	diags_done(&d);
	config_done(&c);
}

static void test_config_expand(void)
{
	const char *vals[CFG_F__MAX] = { "Acme", "Handbook", "L2: Engineer", "7", "30", NULL, NULL, NULL };
	struct buf b;
	buf_init(&b);
	config_expand("{org} · {chapter} · {page}/{pages} {date}{nope}", vals, &b);
	CHECK(!strcmp(buf_cstr(&b), "Acme · L2: Engineer · 7/30 {nope}"));
	buf_done(&b);
}

void test_config(void)
{
	RUN(test_config_values);
	RUN(test_config_geometry);
	RUN(test_config_file);
	RUN(test_config_expand);
}
