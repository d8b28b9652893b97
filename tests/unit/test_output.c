/* test_output.c: what output_init makes of each kind of path, output_write
 * onto a regular file and through a symlink, and the date limits of
 * stamp_epoch_date.  test_output() runs them all. */
#include "test.h"

#include "output.h"
#include "stamp.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir; /* the scratch folder of this run */

/* dir/name in a static buffer (one at a time). */
static const char *in(const char *name)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

/* output_init's verdict on path: its kind, or -1 for an error. */
static int kind_of(const char *path)
{
	struct output o;
	struct diags d;
	diags_init(&d);
	int k = output_init(&o, path, &d) == 0 ? (int)o.kind : -1;
	CHECK(k == -1 ? d.errors == 1 : d.errors == 0);
	output_done(&o);
	diags_done(&d);
	return k;
}

static void test_kinds(void)
{
	CHECK_EQ(kind_of("-"), OUTPUT_STDOUT);
	CHECK_EQ(kind_of(in("new.pdf")), OUTPUT_FILE);
	FILE *fp = fopen(in("old.pdf"), "w");
	fclose(fp);
	CHECK_EQ(kind_of(in("old.pdf")), OUTPUT_FILE);
	CHECK_EQ(kind_of(dir), -1);
	CHECK(mkfifo(in("fifo"), 0600) == 0);
	CHECK_EQ(kind_of(in("fifo")), OUTPUT_STREAM);
	CHECK_EQ(kind_of("/dev/null"), OUTPUT_STREAM); /* classified only, never written here */
	CHECK(symlink("loop", in("loop")) == 0);
	CHECK_EQ(kind_of(in("loop")), -1);
	CHECK(symlink(".", in("dirlink")) == 0);
	CHECK_EQ(kind_of(in("dirlink")), -1);
}

/* A symlink is followed to its target, relative to the link's folder. */
static void test_symlink_write(void)
{
	CHECK(mkdir(in("sub"), 0700) == 0);
	CHECK(symlink("sub/target.pdf", in("link.pdf")) == 0);
	struct output o;
	struct diags d;
	diags_init(&d);
	char link[512];
	snprintf(link, sizeof(link), "%s", in("link.pdf"));
	CHECK(output_init(&o, link, &d) == 0);
	CHECK(o.kind == OUTPUT_FILE && !o.exists);
	CHECK(strcmp(o.target, in("sub/target.pdf")) == 0);
	CHECK(output_write(&o, "%PDF-1.5 x", 10, &d) == 0);
	output_done(&o);
	struct stat st;
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat(in("sub/target.pdf"), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 10);
	/* written again: replaced, the link still a link, nothing else in sub */
	CHECK(output_init(&o, link, &d) == 0 && o.exists);
	CHECK(output_write(&o, "%PDF-1.5 yy", 11, &d) == 0);
	output_done(&o);
	CHECK(stat(in("sub/target.pdf"), &st) == 0 && st.st_size == 11);
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK_EQ(d.errors, 0);
	diags_done(&d);
}

static void test_epoch_dates(void)
{
	int y = 0, m = 0, d = 0;
	CHECK(stamp_epoch_date(0, &y, &m, &d) == 0 && y == 1970 && m == 1 && d == 1);
	CHECK(stamp_epoch_date(STAMP_MAX_EPOCH, &y, &m, &d) == 0 && y == 9999 && m == 12 && d == 31);
	CHECK(stamp_epoch_date(STAMP_MAX_EPOCH + 1, &y, &m, &d) == -1);
	CHECK(stamp_epoch_date(9223372036854775807LL, &y, &m, &d) == -1);
	CHECK(stamp_epoch_date(-1, &y, &m, &d) == -1);
}

void test_output(void)
{
	static char tmp[] = "/tmp/handbook-unit-XXXXXX";
	if (!mkdtemp(tmp)) {
		CHECK(!"mkdtemp");
		return;
	}
	dir = tmp;
	RUN(test_kinds);
	RUN(test_symlink_write);
	RUN(test_epoch_dates);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_output: %s left behind\n", dir);
}
