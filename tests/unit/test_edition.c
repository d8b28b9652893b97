/* test_edition.c: the selections behind the editions (role names, the
 * README rule, competency sections, first sentences, next levels), that
 * building a part leaves the AST whole, and the made chapters (worksheet,
 * what changes, levels at a glance) inside their measure.  Runs with the
 * working directory at the project root (fonts/ and tests/fixtures/support,
 * a frozen copy of the sample content: editing content/ leaves them be). */
#include "test.h"

#include "build.h"
#include "compare.h"
#include "content.h"
#include "diagram.h"
#include "framework.h"
#include "sections.h"
#include "font.h"
#include "model.h"
#include "style.h"
#include "util.h"
#include "worksheet.h"

#include <stdlib.h>
#include <string.h>

static struct fonts *fonts;
static struct diags diags;

/* The chapter of a level file, by name. */
static int chap(const struct model *bk, const struct content *c, const char *name)
{
	for (int i = 0; i < bk->n; i++)
		if (!strcmp(c->v[bk->ch[i].src].name, name))
			return i;
	return -1;
}

static void load(struct content *c, struct model *bk)
{
	CHECK_EQ(content_load(c, "tests/fixtures/support", &diags), 0);
	model_build(bk, c, NULL, NULL, &diags);
}

/* A framework in memory: texts[0] the README, then f1.md, f2.md ... */
static void synth(struct content *c, struct model *bk, const char *const *texts, int n)
{
	content_init(c, "mem");
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), i ? "f%d.md" : "README.md", i);
		content_add_text(c, name, texts[i], strlen(texts[i]), &diags);
	}
	model_build(bk, c, NULL, NULL, &diags);
}

static void test_edition_find_role(void)
{
	static const struct {
		const char *name;
		const char *want;  /* the level file, or NULL */
		int rc;            /* when want is NULL */
		int ncand;
	} cases[] = {
		{ "L2", "L2-DevOps-Support-Engineer.md", 0, 1 },
		{ "l2", "L2-DevOps-Support-Engineer.md", 0, 1 },
		{ "L4-Support-Manager", "L4-Support-Manager.md", 0, 1 },
		{ "L4-Support-Manager.md", "L4-Support-Manager.md", 0, 1 },
		{ "L4: Support Manager", "L4-Support-Manager.md", 0, 1 },
		{ "  l4 support   MANAGER ", "L4-Support-Manager.md", 0, 1 },
		{ "Support Manager", "L4-Support-Manager.md", 0, 1 },
		{ "Senior Support Manager", "L5-Senior-Support-Manager.md", 0, 1 },
		{ "Principal DevOps Support Engineer", "L5-Principal-DevOps-Support-Engineer.md", 0, 1 },
		{ "L4", NULL, FRAMEWORK_AMBIGUOUS, 2 },
		{ "L5", NULL, FRAMEWORK_AMBIGUOUS, 2 },
		{ "L9", NULL, FRAMEWORK_UNKNOWN, 7 },
		{ "Nobody", NULL, FRAMEWORK_UNKNOWN, 7 },
		{ "", NULL, FRAMEWORK_UNKNOWN, 7 },
		{ "README", NULL, FRAMEWORK_UNKNOWN, 7 },
	};
	struct content c;
	struct model bk;
	struct framework fw;
	load(&c, &bk);
	CHECK_EQ(framework_build(&fw, &bk, &c, NULL), 0);
	int cand[16], nc;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int r = framework_find_role(&fw, &bk, &c, cases[i].name, cand, &nc);
		if (cases[i].want)
			CHECK_EQ(r, chap(&bk, &c, cases[i].want));
		else
			CHECK_EQ(r, cases[i].rc);
		CHECK_EQ(nc, cases[i].ncand);
		if (r != chap(&bk, &c, cases[i].want ? cases[i].want : "") && cases[i].want)
			fprintf(stderr, "  role %s\n", cases[i].name);
	}
	/* the candidates of an ambiguous code are the roles that have it */
	CHECK_EQ(framework_find_role(&fw, &bk, &c, "L4", cand, &nc), FRAMEWORK_AMBIGUOUS);
	CHECK(nc == 2 && !strcmp(bk.ch[cand[0]].code, "L4") && !strcmp(bk.ch[cand[1]].code, "L4"));
	struct buf b;
	buf_init(&b);
	framework_role_name(&bk, &c, chap(&bk, &c, "L4-Support-Manager.md"), &b);
	CHECK(!strcmp(b.data, "L4-Support-Manager"));
	buf_done(&b);
	framework_done(&fw);
	model_done(&bk);
	content_done(&c);
}

static char *heading_list(const struct model *bk, cmark_node *const *keep, int n)
{
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++)
		if (cmark_node_get_type(keep[i]) == CMARK_NODE_HEADING)
			for (int k = 0; k < bk->ch[0].nh; k++)
				if (bk->ch[0].h[k].node == keep[i])
					buf_addf(&b, "%s|", bk->ch[0].h[k].text);
	buf_cstr(&b);
	return buf_detach(&b);
}

static void test_edition_readme(void)
{
	struct content c;
	struct model bk;
	load(&c, &bk);
	struct readme_public pub;
	sections_public(&bk, &c, &pub);
	for (int i = 0; i < pub.nomit; i++)
		model_omit_key(&bk, pub.omit[i]);
	char *h = heading_list(&bk, pub.keep, pub.n);
	CHECK(!strcmp(h, "DevOps Support Roles|Purpose|How We Work in Support|Your Career Journey in Support|"));
	if (strcmp(h, "DevOps Support Roles|Purpose|How We Work in Support|Your Career Journey in Support|"))
		fprintf(stderr, "  kept: %s\n", h);
	free(h);
	sections_public_done(&pub);
	/* links into what is left out are plain text, without a warning */
	int before = diags.n;
	char *k = model_link_key(&bk, &c, 1, "./README.md#contributing", 1, &diags);
	CHECK(k == NULL);
	k = model_link_key(&bk, &c, 1, "./README.md#role-levels", 1, &diags);
	CHECK(k == NULL);
	CHECK_EQ(diags.n, before);
	k = model_link_key(&bk, &c, 1, "./README.md#purpose", 1, &diags);
	CHECK(k && !strcmp(k, "README.md#purpose"));
	free(k);
	CHECK(model_has_key(&bk, "README.md#purpose") && !model_has_key(&bk, "README.md#contributing"));
	model_done(&bk);
	content_done(&c);

	/* the rule on made-up READMEs */
	static const struct {
		const char *readme;
		const char *kept;
	} cases[] = {
		{ "# T\n\nIntro.\n\n## License\n\nMIT.\n\n## How we work\n\nText.\n", "T|How we work|" },
		{ "# T\n\n## Changelog\n\n- v1\n\n## Code of Conduct\n\nBe kind.\n\n## Licence\n\nx\n", "T|" },
		{ "# T\n\n## Our contributors\n\nThanks.\n\n## Maintainers\n\nUs.\n\n## Growth\n\nYes.\n",
		  "T|Growth|" },
		/* a list of links with more to say is no role list */
		{ "# T\n\n## Levels\n\n- [L1](./f1.md) is where everyone starts.\n", "T|Levels|" },
		/* a bare list of links, nested too, is */
		{ "# T\n\n## Levels\n\nThese:\n\n- [L1](./f1.md)\n  - [again](./f1.md), [and](f1.md)\n\n## After\n\nx\n",
		  "T|After|" },
		/* a list of web links is not a list of level files */
		{ "# T\n\n## Links\n\n- [site](https://example.com)\n", "T|Links|" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *texts[2] = { cases[i].readme, "# L1: One\n\nText.\n" };
		synth(&c, &bk, texts, 2);
		sections_public(&bk, &c, &pub);
		h = heading_list(&bk, pub.keep, pub.n);
		CHECK(!strcmp(h, cases[i].kept));
		if (strcmp(h, cases[i].kept))
			fprintf(stderr, "  case %zu kept %s\n", i, h);
		free(h);
		sections_public_done(&pub);
		model_done(&bk);
		content_done(&c);
	}
}

/* The top-level children of a node, for comparing an AST before and after. */
static int children(cmark_node *root, cmark_node **out, int max)
{
	int n = 0;
	for (cmark_node *b = cmark_node_first_child(root); b && n < max; b = cmark_node_next(b))
		out[n++] = b;
	return n;
}

static void test_edition_sections(void)
{
	struct content c;
	struct model bk;
	load(&c, &bk);
	struct section *s;
	int l2 = chap(&bk, &c, "L2-DevOps-Support-Engineer.md");
	int n = sections_competencies(&bk, &c, l2, &s);
	static const char *const want[] = { "Technical Proficiency", "Troubleshooting", "Communication",
		                                "Product and Domain Expertise", "Collaboration", "Initiative" };
	CHECK_EQ(n, 6);
	for (int i = 0; i < n && i < 6; i++)
		CHECK(!strcmp(s[i].title, want[i]));
	char *first = sections_first_sentence(&s[0]);
	CHECK(!strcmp(first, "You have a broad, practical toolkit and use it to get to the bottom of problems quickly."));
	free(first);
	CHECK_EQ(sections_find(s, n, "product AND domain-expertise"), 3);
	CHECK_EQ(sections_find(s, n, "Summary"), -1);

	/* building a part leaves the file's AST as it was */
	cmark_node *root = c.v[bk.ch[l2].src].root, *before[64], *after[64];
	int nb = children(root, before, 64);
	struct arena *arena = arena_new();
	struct lctx L = { .fonts = fonts, .arena = arena, .d = &diags };
	struct build_opts o = { .width = PT(200), .height = PT(700) };
	struct build_out out;
	memset(&out, 0, sizeof(out));
	build_blocks(&L, &bk, &c, l2, s[1].body, s[1].n, &o, &out);
	int na = children(root, after, 64);
	CHECK_EQ(na, nb);
	CHECK(!memcmp(before, after, sizeof(*before) * (size_t)(na < nb ? na : nb)));
	CHECK(out.vl.n > 10);
	build_out_done(&out);
	arena_free(arena);
	sections_free(s, n);
	model_done(&bk);
	content_done(&c);

	/* first sentences */
	static const struct {
		const char *body;
		const char *first;
	} cases[] = {
		{ "You do X, e.g. this. Then Z.\n\n- a\n", "You do X, e.g. this." },
		{ "Ask J. Smith. Then go.\n\n- a\n", "Ask J. Smith." },
		{ "Ask **why**. Then ask again.\n\n- a\n", "Ask why." },
		{ "Version 2.5 ships. Then 3.\n\n- a\n", "Version 2.5 ships." },
		{ "No full stop at all\n\n- a\n", "No full stop at all" },
		{ "- First item. Second sentence.\n", "First item." },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct buf t;
		buf_init(&t);
		buf_addf(&t, "# L1: One\n\n## Skill\n\n%s", cases[i].body);
		const char *texts[2] = { "# T\n", t.data };
		synth(&c, &bk, texts, 2);
		n = sections_competencies(&bk, &c, 1, &s);
		CHECK_EQ(n, 1);
		if (n == 1) {
			first = sections_first_sentence(&s[0]);
			CHECK(!strcmp(first, cases[i].first));
			if (strcmp(first, cases[i].first))
				fprintf(stderr, "  first sentence %zu: %s\n", i, first);
			free(first);
		}
		sections_free(s, n);
		model_done(&bk);
		content_done(&c);
		buf_done(&t);
	}
	/* competency or not, by title and by having a list */
	const char *texts[2] = { "# T\n",
		                     "# L1: One\n\n## Summary\n\n- a\n\n## Overview\n\n- b\n\n## Reaching the Next Level\n\n"
		                     "- c\n\n## Progression\n\n- d\n\n## Prose only\n\nText.\n\n## Craft\n\nIntro.\n\n- e\n" };
	synth(&c, &bk, texts, 2);
	n = sections_competencies(&bk, &c, 1, &s);
	CHECK(n == 1 && !strcmp(s[0].title, "Craft"));
	sections_free(s, n);
	model_done(&bk);
	content_done(&c);
}

static void test_edition_next(void)
{
	struct content c;
	struct model bk;
	struct framework d;
	load(&c, &bk);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	static const struct {
		const char *role, *next;
	} cases[] = {
		{ "L1-Junior-DevOps-Support-Engineer.md", "L2-DevOps-Support-Engineer.md" },
		{ "L3-Senior-DevOps-Support-Engineer.md", "L4-Lead-DevOps-Support-Engineer.md" },
		{ "L4-Support-Manager.md", "L5-Senior-Support-Manager.md" },
		{ "L5-Principal-DevOps-Support-Engineer.md", NULL },
		{ "L5-Senior-Support-Manager.md", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int got = framework_role(&d, chap(&bk, &c, cases[i].role))->next;
		CHECK_EQ(got, cases[i].next ? chap(&bk, &c, cases[i].next) : 0);
	}
	int steps[8];
	int n = framework_next_steps(&d, chap(&bk, &c, "L3-Senior-DevOps-Support-Engineer.md"), steps, 8);
	CHECK_EQ(n, 2);
	CHECK(n == 2 && steps[0] == chap(&bk, &c, "L4-Lead-DevOps-Support-Engineer.md") &&
	      steps[1] == chap(&bk, &c, "L4-Support-Manager.md"));
	CHECK(!strcmp(framework_track(&d, chap(&bk, &c, "L4-Support-Manager.md")), "Support Manager"));
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

/* Every text, rectangle and line of the list inside [0, width]; boxes no
 * taller than height. */
static int inside(const struct vlist *vl, fx width, fx height)
{
	int ok = 1;
	for (int i = 0; i < vl->n; i++) {
		const struct vnode *v = &vl->v[i];
		if (v->kind != VN_BOX)
			continue;
		ok &= v->h <= height;
		for (int k = 0; k < v->n; k++) {
			const struct dl_item *it = &v->items[k];
			if (it->kind == DL_TEXT || it->kind == DL_RECT || it->kind == DL_LINE)
				ok &= it->x >= 0 && it->x + (it->w > 0 ? it->w : 0) <= width + PT(0.01);
		}
	}
	return ok;
}

static void test_edition_made_chapters(void)
{
	struct content c;
	struct model bk;
	struct framework d;
	load(&c, &bk);
	CHECK_EQ(framework_build(&d, &bk, &c, NULL), 0);
	struct page_geom g = style_page(PAPER_A4);
	struct build_opts o = { .width = g.width - g.inner - g.outer, .height = g.height - g.top - g.bottom };
	struct arena *arena = arena_new();
	struct lctx L = { .fonts = fonts, .arena = arena, .d = &diags };
	int l2 = chap(&bk, &c, "L2-DevOps-Support-Engineer.md"), l3 = chap(&bk, &c, "L3-Senior-DevOps-Support-Engineer.md");
	struct build_out out;

	memset(&out, 0, sizeof(out));
	CHECK_EQ(worksheet_layout(&L, &bk, &c, &d, l2, &o, &out), 31); /* counted in the file: the four fragments of the bug report are one */
	CHECK(inside(&out.vl, o.width, o.height));
	CHECK(out.nol >= 1 && !strcmp(out.ol[0].key, "#worksheet"));
	build_out_done(&out);

	memset(&out, 0, sizeof(out));
	CHECK_EQ(framework_role(&d, l2)->next, l3);
	compare_changes(&L, &bk, &c, &d, l2, &o, &out);
	CHECK(inside(&out.vl, o.width, o.height));
	CHECK_EQ(out.nol, 1 + 6); /* the chapter and the six shared sections */
	/* no destination of the chapters is repeated in the comparison */
	for (int i = 0; i < out.vl.n; i++)
		for (int k = 0; k < out.vl.v[i].n; k++)
			if (out.vl.v[i].items[k].kind == DL_DEST)
				CHECK(out.vl.v[i].items[k].str[0] == '#');
	build_out_done(&out);

	memset(&out, 0, sizeof(out));
	CHECK_EQ(compare_glance(&L, &bk, &d, NULL, o.width, &out), 0);
	CHECK(inside(&out.vl, o.width, o.height));
	CHECK_EQ(out.nol, 3); /* the chapter and two tracks */
	build_out_done(&out);

	arena_free(arena);
	framework_done(&d);
	model_done(&bk);
	content_done(&c);
}

void test_edition(void)
{
	diags_init(&diags);
	fonts = fonts_new("fonts", &diags);
	CHECK(fonts != NULL);
	if (!fonts) {
		diags_done(&diags);
		return;
	}
	RUN(test_edition_find_role);
	RUN(test_edition_readme);
	RUN(test_edition_sections);
	RUN(test_edition_next);
	RUN(test_edition_made_chapters);
	fonts_free(fonts);
	diags_done(&diags);
}
