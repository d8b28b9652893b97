/* test_tagtree.c: the structure tree from hand-built display lists: a link
 * set over two lines is one Link element with an OBJR per line, two links
 * to one place with other text between stay two. */
#include "test.h"

#include "tagtree.h"

#include <string.h>

#define LINE PT(12) /* line pitch of the hand-built pages */

static struct dl_item text(fx x, fx y, const char *s)
{
	return (struct dl_item){ .kind = DL_TEXT, .x = x, .y = y, .w = PT(20), .size = PT(10),
	                         .str = s, .len = (int)strlen(s) };
}

static struct dl_item area(fx x, fx y, const char *to)
{
	return (struct dl_item){ .kind = DL_LINK, .x = x, .y = y - PT(9), .w = PT(20), .h = PT(12),
	                         .str = to, .len = (int)strlen(to) };
}

static struct dl_item tag(int role)
{
	return (struct dl_item){ .kind = DL_TAG_BEGIN, .face = (int16_t)role };
}

static struct dl_item endtag(void)
{
	return (struct dl_item){ .kind = DL_TAG_END };
}

static int count_role(const struct tagtree *t, int role)
{
	int n = 0;
	for (int i = 0; i < t->n; i++)
		n += t->e[i].role == role;
	return n;
}

/* Builds one page of items into t and records an annotation per link area. */
static void run_page(struct tagtree *t, int page, const struct dl_item *it, int n)
{
	unsigned char paints[32];
	int mcid[32];
	for (int i = 0; i < n; i++)
		paints[i] = it[i].kind == DL_TEXT;
	tagtree_page(t, page, it, n, paints, mcid);
	for (int i = 0; i < n; i++)
		if (it[i].kind == DL_LINK)
			tagtree_annot(t, mcid[i], page, (unsigned long)(100 + i));
}

static void link_over_two_lines(void)
{
	struct tagtree t;
	tagtree_init(&t, 2);
	struct dl_item it[] = {
		tag(TAG_P),
		text(0, LINE, "see"),
		text(PT(30), LINE, "the"), area(PT(30), LINE, "#x"),
		text(PT(30), 2 * LINE, "guide"), area(PT(30), 2 * LINE, "#x"),
		text(PT(60), 2 * LINE, "now"),
		endtag(),
	};
	run_page(&t, 0, it, (int)(sizeof(it) / sizeof(it[0])));
	CHECK_EQ(count_role(&t, TAG_LINK), 1);
	int l = -1;
	for (int i = 0; i < t.n; i++)
		if (t.e[i].role == TAG_LINK)
			l = i;
	int objr = 0, mc = 0;
	for (int k = 0; l >= 0 && k < t.e[l].nkid; k++) {
		objr += t.e[l].kid[k].kind == TT_OBJR;
		mc += t.e[l].kid[k].kind == TT_MCID;
	}
	CHECK_EQ(objr, 2);
	CHECK_EQ(mc, 1); /* both lines' words under one marked-content sequence */
	CHECK(l >= 0 && t.e[l].contents && !strcmp(t.e[l].contents, "the guide"));
	tagtree_done(&t);
}

static void two_links_to_one_place(void)
{
	struct tagtree t;
	tagtree_init(&t, 1);
	struct dl_item it[] = {
		tag(TAG_P),
		text(0, LINE, "one"), area(0, LINE, "#x"),
		text(PT(30), LINE, "and"),
		text(PT(60), LINE, "two"), area(PT(60), LINE, "#x"),
		endtag(),
		tag(TAG_P),
		text(0, 2 * LINE, "three"), area(0, 2 * LINE, "#x"),
		endtag(),
	};
	run_page(&t, 0, it, (int)(sizeof(it) / sizeof(it[0])));
	CHECK_EQ(count_role(&t, TAG_LINK), 3);
	tagtree_done(&t);
}

void test_tagtree(void)
{
	RUN(link_over_two_lines);
	RUN(two_links_to_one_place);
}
