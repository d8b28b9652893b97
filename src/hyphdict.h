/* hyphdict.h: libhyphen's HyphenDict built from pattern text by our own
 * loader (hyphdict.c says why: libhyphen's takes seconds on German). */
#ifndef HANDBOOK_HYPHDICT_H
#define HANDBOOK_HYPHDICT_H

#include <hyphen.h>
#include <stddef.h>

/* Builds the dictionary hnj_hyphen_load_file would build from the bytes
 * data[0..n) of a pattern file (first line the charset).  Free it with
 * hnj_hyphen_free.  Returns NULL when a level has more states than the
 * loader can number; libhyphen's own loader can still take the file. */
HyphenDict *hyphdict_load(const char *data, size_t n);

#endif
