/* srgb.c: the sRGB ICC profile of the PDF/A output intent, made here.
 *
 * PDF/A-2 needs an output intent whose profile is a valid ICC profile
 * with three components (/N 3); ISO 19005-2 §6.2.3.  Debian's sRGB
 * profile (ghostscript's, 2,576 bytes) carries its tone curve as a table
 * of 1,024 points, which compresses to 2.3 KB of every PDF and which
 * poppler inverts for every page it reads.  This one is an ICC v2.1
 * display profile of 528 bytes with the same primaries and white, and
 * the sRGB curve (IEC 61966-2-1) sampled at 32 points: read with linear
 * interpolation, as every colour engine does, it is within 0.1/255 of the
 * exact curve, below what 8-bit colour can show.
 *
 * Call srgb_profile(out) to append the profile's bytes. */
#include "srgb.h"

#include <math.h>
#include <string.h>

/* Points of the tone curve: 32 keeps the error under 0.1/255 (16 would
 * be 0.42/255, visible as a level step in a gradient). */
#define SRGB_CURVE_POINTS 32

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* An s15Fixed16Number (ICC.1 §5.1.11). */
static void put_fixed(unsigned char *p, double v)
{
	put32(p, (unsigned long)(long)lround(v * 65536.0));
}

/* An XYZType tag (ICC.1 §10.27): 'XYZ ', reserved, X, Y, Z. */
static size_t xyz_tag(unsigned char *p, double x, double y, double z)
{
	memcpy(p, "XYZ \0\0\0\0", 8);
	put_fixed(p + 8, x);
	put_fixed(p + 12, y);
	put_fixed(p + 16, z);
	return 20;
}

/* The sRGB transfer function: encoded value to linear light. */
static double srgb_linear(double v)
{
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Rounds n up to the 4-byte boundary tags start on (ICC.1 §7.3.1). */
static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

void srgb_profile(struct buf *out)
{
	/* the tags: signature, then the data written below */
	enum { T_DESC, T_CPRT, T_WTPT, T_RXYZ, T_GXYZ, T_BXYZ, T_RTRC, T_GTRC, T_BTRC, T__MAX };
	static const char sig[T__MAX][5] = { "desc", "cprt", "wtpt", "rXYZ", "gXYZ",
		                             "bXYZ", "rTRC", "gTRC", "bTRC" };
	static const char name[] = "sRGB";
	static const char copyright[] = "No copyright, use freely";
	unsigned char p[640];
	memset(p, 0, sizeof(p));
	size_t off[T__MAX], len[T__MAX];
	size_t at = 128 + 4 + 12 * T__MAX;

	/* desc (textDescriptionType, ICC.1:2001 §6.5.17): the ASCII name with
	 * its NUL, no Unicode name (language 0, count 0), no ScriptCode name
	 * (code 0, count 0, its 67 bytes zero) */
	off[T_DESC] = at;
	memcpy(p + at, "desc", 4);
	put32(p + at + 8, sizeof(name));
	memcpy(p + at + 12, name, sizeof(name));
	len[T_DESC] = 12 + sizeof(name) + 4 + 4 + 2 + 1 + 67;
	at = pad4(at + len[T_DESC]);

	/* cprt (textType): ASCII with its NUL */
	off[T_CPRT] = at;
	memcpy(p + at, "text", 4);
	memcpy(p + at + 8, copyright, sizeof(copyright));
	len[T_CPRT] = 8 + sizeof(copyright);
	at = pad4(at + len[T_CPRT]);

	/* wtpt: the media white, D65 as v2 display profiles give it; the
	 * colorants: sRGB's primaries adapted to the D50 connection space
	 * (Bradford), as IEC 61966-2-1's profiles have them */
	static const double xyz[4][3] = {
		{ 0.9504547, 1.0, 1.0890503 },
		{ 0.4360747, 0.2225045, 0.0139322 },
		{ 0.3850649, 0.7168786, 0.0971045 },
		{ 0.1430804, 0.0606169, 0.7141733 },
	};
	for (int k = 0; k < 4; k++) {
		off[T_WTPT + k] = at;
		len[T_WTPT + k] = xyz_tag(p + at, xyz[k][0], xyz[k][1], xyz[k][2]);
		at += len[T_WTPT + k];
	}

	/* rTRC, gTRC, bTRC: one curveType (§6.5.3) the three tags share */
	off[T_RTRC] = off[T_GTRC] = off[T_BTRC] = at;
	memcpy(p + at, "curv", 4);
	put32(p + at + 8, SRGB_CURVE_POINTS);
	for (int i = 0; i < SRGB_CURVE_POINTS; i++)
		put16(p + at + 12 + 2 * i,
		      (unsigned)lround(srgb_linear((double)i / (SRGB_CURVE_POINTS - 1)) * 65535.0));
	len[T_RTRC] = len[T_GTRC] = len[T_BTRC] = 12 + 2 * SRGB_CURVE_POINTS;
	at = pad4(at + len[T_RTRC]);

	/* the tag table */
	put32(p + 128, T__MAX);
	for (int k = 0; k < T__MAX; k++) {
		memcpy(p + 132 + 12 * k, sig[k], 4);
		put32(p + 136 + 12 * k, off[k]);
		put32(p + 140 + 12 * k, len[k]);
	}

	/* the header (§6.1): size; no preferred CMM; version 2.1; a display
	 * device ('mntr') in RGB with XYZ as connection space; a fixed date
	 * (2026-01-01) so the PDF is reproducible; 'acsp'; perceptual intent;
	 * the D50 illuminant */
	put32(p, at);
	put32(p + 8, 0x02100000UL);
	memcpy(p + 12, "mntrRGB XYZ ", 12);
	put16(p + 24, 2026);
	put16(p + 26, 1);
	put16(p + 28, 1);
	memcpy(p + 36, "acsp", 4);
	put_fixed(p + 68, 0.9642);
	put_fixed(p + 72, 1.0);
	put_fixed(p + 76, 0.8249);
	buf_add(out, (const char *)p, at);
}
