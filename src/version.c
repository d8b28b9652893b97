/* version.c: the versions --version prints.  The libraries are asked at run
 * time where they can say (the shared library in use may be newer than the
 * headers); libhyphen has no such call, so its package version is recorded
 * when the program is built.  Font versions come from each file's name
 * table (name ID 5), read with HarfBuzz.  This reads the libharu version
 * only: the PDF stage still owns every other libharu call. */
#include "version.h"
#include "font.h"

#include <cmark-gfm.h>
#include <hb-ot.h>
#include <hb.h>
#include <hpdf.h>
#include <string.h>

#ifndef HANDBOOK_HYPHEN_VERSION
#define HANDBOOK_HYPHEN_VERSION "unknown"
#endif

/* A font's version string is one short line; longer is cut. */
#define VERSION_MAX_NAME 128

static void font_version(struct buf *out, const char *dir, const char *file)
{
	struct buf path;
	buf_init(&path);
	buf_addf(&path, "%s/%s", dir, file);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path.data);
	size_t stem = strlen(file) - (strlen(file) > 4 ? 4 : 0);
	buf_addf(out, "font %.*s ", (int)stem, file);
	if (!blob) {
		buf_adds(out, "not found\n");
		buf_done(&path);
		return;
	}
	hb_face_t *face = hb_face_create(blob, 0);
	char name[VERSION_MAX_NAME] = "";
	unsigned int len = sizeof(name);
	unsigned int n = hb_ot_name_get_utf8(face, HB_OT_NAME_ID_VERSION_STRING, HB_LANGUAGE_INVALID,
	                                     &len, name);
	if (n == 0)
		buf_adds(out, "(no version)");
	/* "Version 2.004; ttfautohint (...)": the version only, on one line */
	for (unsigned int i = 0; i < len && name[i] && name[i] != ';'; i++)
		buf_addc(out, (unsigned char)name[i] < 0x20 ? ' ' : name[i]);
	buf_addc(out, '\n');
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	buf_done(&path);
}

void version_describe(struct buf *out, const char *fonts_dir)
{
	buf_addf(out, "libharu %s\n", HPDF_GetVersion());
	buf_addf(out, "cmark-gfm %s\n", cmark_version_string());
	buf_addf(out, "HarfBuzz %s\n", hb_version_string());
	buf_addf(out, "libhyphen %s\n", HANDBOOK_HYPHEN_VERSION);
	for (int i = 0; i < FACE_BUNDLED; i++)
		font_version(out, fonts_dir, font_files[i]);
}
