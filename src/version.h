/* version.h: what --version reports beyond the program's own version: the
 * libraries it runs with and the fonts it embeds. */
#ifndef HANDBOOK_VERSION_H
#define HANDBOOK_VERSION_H

#include "util.h"

/* Appends one "NAME VERSION" line per library (libharu, cmark-gfm,
 * HarfBuzz, libhyphen) and per face found in fonts_dir ("NotoSans-Regular
 * Version 2.013"; "not found" when a file cannot be read) to out. */
void version_describe(struct buf *out, const char *fonts_dir);

#endif
