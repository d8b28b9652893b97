/* test_content.c: content_read_rel confines every read (issue 12): a table
 * of paths in a scratch repository, each read with openat2 and again with
 * the realpath fallback, and a folder swapped after it was opened. */
#include "test.h"
#include "content.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	FILE *fp = fopen(path, "wb");
	CHECK(fp != NULL);
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void link_to(const char *target, const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	CHECK_EQ(symlink(target, path), 0);
}

static void dir(const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	CHECK_EQ(mkdir(path, 0777), 0);
}

/* root/
 *   outside.md  outside/secret.md          the decoys
 *   repo/.git/  repo/charts/c.png          a work tree, a chart beside the docs
 *   repo/docs/  README.md, L1.md, pic.png  the content folder, with
 *     out.md -> ../../outside.md           links out of it,
 *     sub -> ../../outside                 a folder link out,
 *     env.md -> /proc/self/environ         a link to /proc,
 *     chart.png -> ../charts/c.png         one into the tree (not the folder),
 *     alias.md -> L1.md, fifo, big.md      one within, a FIFO, a big file,
 *     abs.md -> ROOT/repo/docs/L1.md       an absolute one within */
static int make_tree(void)
{
	strcpy(root, "/tmp/test_content_XXXXXX");
	if (!mkdtemp(root))
		return -1;
	put("outside.md", "SECRET outside\n");
	dir("outside");
	put("outside/secret.md", "SECRET in a folder\n");
	dir("repo");
	dir("repo/.git");
	dir("repo/charts");
	put("repo/charts/c.png", "chart bytes");
	dir("repo/docs");
	put("repo/docs/README.md", "# Book\n");
	put("repo/docs/L1.md", "# L1: One\n");
	put("repo/docs/pic.png", "picture bytes");
	put("repo/docs/big.md", "0123456789abcdef0123456789abcdef0123456789\n");
	link_to("../../outside.md", "repo/docs/out.md");
	link_to("../../outside", "repo/docs/sub");
	link_to("/proc/self/environ", "repo/docs/env.md");
	link_to("../charts/c.png", "repo/docs/chart.png");
	link_to("L1.md", "repo/docs/alias.md");
	char abs[160];
	snprintf(abs, sizeof(abs), "%s/repo/docs/L1.md", root);
	link_to(abs, "repo/docs/abs.md");
	char fifo[256];
	snprintf(fifo, sizeof(fifo), "%s/repo/docs/fifo", root);
	CHECK_EQ(mkfifo(fifo, 0600), 0);
	return 0;
}

static void remove_tree(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK_EQ(system(cmd), 0);
}

static const struct {
	const char *rel;
	enum content_scope scope;
	enum content_fail want;
	const char *text;   /* the bytes read, or a part of the reason */
} cases[] = {
	{ "README.md", SCOPE_FOLDER, CONTENT_READ_OK, "# Book\n" },
	{ "./L1.md#top", SCOPE_FOLDER, CONTENT_READ_OK, "# L1: One\n" },
	{ "alias.md", SCOPE_FOLDER, CONTENT_READ_OK, "# L1: One\n" },           /* a link within */
	{ "abs.md", SCOPE_FOLDER, CONTENT_READ_OK, "# L1: One\n" },             /* absolute, within */
	{ "abs.md", SCOPE_TREE, CONTENT_READ_OK, "# L1: One\n" },
	{ "out.md", SCOPE_FOLDER, CONTENT_ESCAPES, "through the symbolic link out.md" },
	{ "sub/secret.md", SCOPE_FOLDER, CONTENT_ESCAPES, "through the symbolic link sub" },
	{ "env.md", SCOPE_FOLDER, CONTENT_ESCAPES, "outside the content folder" },
	{ "../outside.md", SCOPE_FOLDER, CONTENT_OUTSIDE, "outside the content folder" },
	{ "/etc/passwd", SCOPE_FOLDER, CONTENT_OUTSIDE, "outside" },
	{ "missing.md", SCOPE_FOLDER, CONTENT_MISSING, "No such file" },
	{ "fifo", SCOPE_FOLDER, CONTENT_UNREADABLE, "not a regular file" },   /* and no hang */
	{ "big.md", SCOPE_FOLDER, CONTENT_UNREADABLE, "too large" },
	{ "chart.png", SCOPE_FOLDER, CONTENT_ESCAPES, "content folder" },     /* tree, not folder */
	{ "../charts/c.png", SCOPE_FOLDER, CONTENT_OUTSIDE, "outside" },
	/* images: beneath the work tree */
	{ "pic.png", SCOPE_TREE, CONTENT_READ_OK, "picture bytes" },
	{ "chart.png", SCOPE_TREE, CONTENT_READ_OK, "chart bytes" },
	{ "../charts/c.png", SCOPE_TREE, CONTENT_READ_OK, "chart bytes" },
	{ "x/../../charts/c.png", SCOPE_TREE, CONTENT_READ_OK, "chart bytes" },
	{ "../../outside.md", SCOPE_TREE, CONTENT_OUTSIDE, "outside the Git work tree" },
	{ "../../../etc/passwd", SCOPE_TREE, CONTENT_OUTSIDE, "outside the Git work tree" },
	{ "out.md", SCOPE_TREE, CONTENT_ESCAPES, "Git work tree through the symbolic link" },
	{ "env.md", SCOPE_TREE, CONTENT_ESCAPES, "Git work tree" },
	/* root-relative, as a site or GitHub reads it: from the folder's root,
	 * else the work tree's; never from the file system's */
	{ "/pic.png", SCOPE_TREE, CONTENT_READ_OK, "picture bytes" },
	{ "/charts/c.png", SCOPE_TREE, CONTENT_READ_OK, "chart bytes" },
	{ "/etc/passwd", SCOPE_TREE, CONTENT_MISSING, "No such file" },
	{ "/../../etc/passwd", SCOPE_TREE, CONTENT_OUTSIDE, "outside" },
};

static void read_cases(int fallback)
{
	if (make_tree() != 0) {
		CHECK(!"mkdtemp");
		return;
	}
	content_no_openat2 = fallback;
	char docs[128];
	snprintf(docs, sizeof(docs), "%s/repo/docs", root);
	struct content c;
	content_init(&c, docs);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = 0;
		const char *why = "";
		enum content_fail fail = CONTENT_FAIL__MAX;
		char *data = content_read_rel(&c, cases[i].rel, cases[i].scope, &len, 32, &why, &fail);
		int ok = fail == cases[i].want &&
		         (data ? !strcmp(data, cases[i].text) && !strstr(data, "SECRET")
		               : strstr(why, cases[i].text) != NULL);
		if (!ok)
			fprintf(stderr, "  %s (scope %d, fallback %d): fail %d, %s\n", cases[i].rel,
			        cases[i].scope, fallback, fail, data ? data : why);
		CHECK(ok);
		free(data);
	}
	content_done(&c);
	content_no_openat2 = 0;
	remove_tree();
}

static void reads_confined_openat2(void)
{
	read_cases(0);
}

static void reads_confined_realpath(void)
{
	read_cases(1);
}

/* The folder is opened once: renamed and replaced after content_init, its
 * files still come from the folder that was opened; and every read is
 * recorded by device and inode. */
static void swapped(int fallback)
{
	if (make_tree() != 0) {
		CHECK(!"mkdtemp");
		return;
	}
	content_no_openat2 = fallback;
	char docs[128], old[128];
	snprintf(docs, sizeof(docs), "%s/repo/docs", root);
	snprintf(old, sizeof(old), "%s/repo/old", root);
	struct content c;
	content_init(&c, docs);
	CHECK_EQ(rename(docs, old), 0);
	CHECK_EQ(symlink("../../outside", docs), 0);
	size_t len = 0;
	const char *why = "";
	char *data = content_read_rel(&c, "README.md", SCOPE_FOLDER, &len, 1000, &why, NULL);
	CHECK(data && !strcmp(data, "# Book\n"));
	free(data);
	data = content_read_rel(&c, "secret.md", SCOPE_FOLDER, &len, 1000, &why, NULL);
	CHECK(data == NULL);
	free(data);
	char readme[160];
	snprintf(readme, sizeof(readme), "%s/README.md", old);
	struct stat st;
	CHECK(stat(readme, &st) == 0 && content_has_read(&c, st.st_dev, st.st_ino));
	content_done(&c);
	content_no_openat2 = 0;
	remove_tree();
}

static void folder_swapped_openat2(void)
{
	swapped(0);
}

static void folder_swapped_realpath(void)
{
	swapped(1);
}

void test_content(void)
{
	RUN(reads_confined_openat2);
	RUN(reads_confined_realpath);
	RUN(folder_swapped_openat2);
	RUN(folder_swapped_realpath);
}
