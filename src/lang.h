/* lang.h: the language of the book, as a BCP 47 tag ("ru", "de-DE",
 * "pt-BR", "en-GB"), and what follows from it that the system provides: the
 * hyphenation patterns Debian installs under /usr/share/hyphen.
 *
 * The tag comes from --lang, else the README's front matter (`lang: de`),
 * else LANG_DEFAULT; book.c decides, through struct book_opts.lang. */
#ifndef HANDBOOK_LANG_H
#define HANDBOOK_LANG_H

#include <stddef.h>

#define LANG_DEFAULT "en-US"
#define LANG_HYPH_DIR "/usr/share/hyphen" /* where Debian's hyphen-* packages put their patterns */

/* Longest tag kept, in bytes: language, script, region and a variant fit
 * well within it ("sr-Latn-RS" is 10); a longer one is not a tag we can use. */
#define LANG_TAG_MAX 35

/* Writes tag in its canonical case into out (LANG_TAG_MAX + 1 bytes):
 * language lower-case, script title-case, region upper-case, '_' read as
 * '-' ("pt_br" -> "pt-BR").  Returns 0, or -1 when tag is not a language tag
 * (empty, too long, or anything but letters, digits, '-' and '_'; the
 * language subtag 2 or 3 letters). */
int lang_normalize(const char *tag, char *out);

/* The pattern file in dir (LANG_HYPH_DIR outside the tests) for the tag:
 * LL_RR, else LL, else LL with the language's usual region (ru -> ru_RU,
 * de -> de_DE), else the first LL_* in name order.  Returns a malloc'd path,
 * or NULL when none is installed; then *package names the Debian package
 * that has it (static), or is NULL when the language is hyphenated by no
 * package (Japanese, Chinese and Korean need none; an unknown language has
 * none).  tag must be normalised. */
char *lang_hyph_find(const char *dir, const char *tag, const char **package);

/* 1 when the language's text is not hyphenated at all (CJK: lines break
 * between characters; Hebrew and Arabic), so a missing pattern file is no
 * loss. */
int lang_needs_no_hyphens(const char *tag);

#endif
