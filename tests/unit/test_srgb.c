/* test_srgb.c: the made sRGB profile is a well-formed ICC v2 display
 * profile (header, tag table inside the file, tags on 4-byte boundaries,
 * the tags a v2 RGB display profile needs) and its tone curve is sRGB's. */
#include "test.h"

#include "srgb.h"

#include <math.h>
#include <string.h>

static unsigned long get32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static long find_tag(const unsigned char *p, const char *sig, unsigned long *len)
{
	unsigned long n = get32(p + 128);
	for (unsigned long k = 0; k < n; k++)
		if (!memcmp(p + 132 + 12 * k, sig, 4)) {
			*len = get32(p + 140 + 12 * k);
			return (long)get32(p + 136 + 12 * k);
		}
	return -1;
}

static void header_and_tags(void)
{
	struct buf b;
	buf_init(&b);
	srgb_profile(&b);
	const unsigned char *p = (const unsigned char *)b.data;
	CHECK(b.len >= 132 && b.len < 1024); /* Debian's is 2,576 bytes */
	CHECK_EQ(get32(p), b.len);
	CHECK_EQ(get32(p + 8), 0x02100000UL);
	CHECK(!memcmp(p + 12, "mntrRGB XYZ ", 12));
	CHECK(!memcmp(p + 36, "acsp", 4));
	CHECK_EQ(get32(p + 68), 0xF6D6); /* D50 X, s15Fixed16 */
	static const char *const need[] = { "desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC" };
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		unsigned long len = 0;
		long off = find_tag(p, need[i], &len);
		CHECK(off >= 132);
		CHECK(off % 4 == 0);
		CHECK(off >= 0 && (size_t)off + len <= b.len);
	}
	unsigned long len = 0;
	long c = find_tag(p, "rTRC", &len);
	CHECK(c > 0 && !memcmp(p + c, "curv", 4));
	if (c > 0) {
		unsigned long n = get32(p + c + 8);
		CHECK(n >= 16 && 12 + 2 * n == len);
		const unsigned char *v = p + c + 12;
		CHECK_EQ(v[0] << 8 | v[1], 0);
		CHECK_EQ(v[2 * (n - 1)] << 8 | v[2 * (n - 1) + 1], 65535);
		/* the middle point: sRGB 0.5 is 21.4 % of linear light */
		unsigned long mid = n / 2;
		double x = (double)mid / (double)(n - 1), y = (v[2 * mid] << 8 | v[2 * mid + 1]) / 65535.0;
		double want = pow((x + 0.055) / 1.055, 2.4);
		CHECK(y > want - 0.0001 && y < want + 0.0001);
	}
	struct buf b2;
	buf_init(&b2);
	srgb_profile(&b2);
	CHECK(b2.len == b.len && !memcmp(b2.data, b.data, b.len)); /* reproducible */
	buf_done(&b2);
	buf_done(&b);
}

void test_srgb(void)
{
	RUN(header_and_tags);
}
