/* lang.c: a BCP 47 tag in canonical case, and the installed pattern file
 * (or the Debian package to install) for it.
 *
 *     char tag[LANG_TAG_MAX + 1];
 *     if (lang_normalize("ru", tag) == 0) {
 *         const char *pkg;
 *         char *path = lang_hyph_find(LANG_HYPH_DIR, tag, &pkg);
 *         ... path "/usr/share/hyphen/hyph_ru_RU.dic", or NULL and pkg "hyphen-ru" ...
 *         free(path);
 *     }
 *
 * Debian names pattern files after LibreOffice's locales (hyph_de_DE.dic,
 * hyph_pt_BR.dic) and adds a few bare languages as links (hyph_de.dic), but
 * not all (there is no hyph_ru.dic): a bare language goes to its usual
 * region, then to any region installed, in name order so that the choice
 * does not depend on the order of the directory. */
#include "lang.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A language's usual region, and the Debian package with its patterns.
 * The packages are those of Debian 12 (apt-cache search ^hyphen-). */
struct lang_info {
	const char *lang;    /* language subtag */
	const char *region;  /* its usual region, for a bare tag; NULL: none */
	const char *package; /* Debian package with its patterns */
};

static const struct lang_info lang_table[] = {
	{ "af", "ZA", "hyphen-af" }, { "as", "IN", "hyphen-as" }, { "be", "BY", "hyphen-be" },
	{ "bg", "BG", "hyphen-bg" }, { "bn", "IN", "hyphen-bn" }, { "ca", "ES", "hyphen-ca" },
	{ "cs", "CZ", "hyphen-cs" }, { "da", "DK", "hyphen-da" }, { "de", "DE", "hyphen-de" },
	{ "el", "GR", "hyphen-el" }, { "en", "US", "hyphen-en-us" }, { "es", "ES", "hyphen-es" },
	{ "fr", "FR", "hyphen-fr" }, { "gl", "ES", "hyphen-gl" }, { "gu", "IN", "hyphen-gu" },
	{ "hi", "IN", "hyphen-hi" }, { "hr", "HR", "hyphen-hr" }, { "hu", "HU", "hyphen-hu" },
	{ "id", "ID", "hyphen-id" }, { "is", "IS", "hyphen-is" }, { "it", "IT", "hyphen-it" },
	{ "kn", "IN", "hyphen-kn" }, { "lt", "LT", "hyphen-lt" }, { "lv", "LV", "hyphen-lv" },
	{ "ml", "IN", "hyphen-ml" }, { "mn", "MN", "hyphen-mn" }, { "mr", "IN", "hyphen-mr" },
	{ "nb", "NO", "hyphen-no" }, { "nl", "NL", "hyphen-nl" }, { "nn", "NO", "hyphen-no" },
	{ "no", "NO", "hyphen-no" }, { "or", "IN", "hyphen-or" }, { "pa", "IN", "hyphen-pa" },
	{ "pl", "PL", "hyphen-pl" }, { "pt", "PT", "hyphen-pt-pt" }, { "ro", "RO", "hyphen-ro" },
	{ "ru", "RU", "hyphen-ru" }, { "sk", "SK", "hyphen-sk" }, { "sl", "SI", "hyphen-sl" },
	{ "sr", "RS", "hyphen-sr" }, { "sv", "SE", "hyphen-sv" }, { "ta", "IN", "hyphen-ta" },
	{ "te", "IN", "hyphen-te" }, { "th", "TH", "hyphen-th" }, { "uk", "UA", "hyphen-uk" },
	{ "zu", "ZA", "hyphen-zu" },
};

/* Languages whose packages differ by region: the region's own package. */
static const struct lang_info lang_region_table[] = {
	{ "en", "GB", "hyphen-en-gb" },
	{ "pt", "BR", "hyphen-pt-br" },
};

/* Not hyphenated in print: CJK is broken between characters, Hebrew,
 * Arabic, Persian, Urdu and Yiddish are justified without hyphens. */
static const char *const lang_unhyphenated[] = { "ja", "zh", "ko", "he", "ar", "fa", "ur", "yi" };

/* Subtags are short (BCP 47: at most 8 characters). */
#define LANG_SUBTAG_MAX 8

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int lang_normalize(const char *tag, char *out)
{
	size_t o = 0;
	int sub = 0;
	if (!tag || !*tag || strlen(tag) > LANG_TAG_MAX)
		return -1;
	for (const char *p = tag; *p;) {
		size_t n = strcspn(p, "-_");
		if (n == 0 || n > LANG_SUBTAG_MAX)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (!is_alpha(p[i]) && !(p[i] >= '0' && p[i] <= '9'))
				return -1;
		if (sub == 0) {
			if (n < 2 || n > 3 || !is_alpha(p[0]) || !is_alpha(p[1]) || (n == 3 && !is_alpha(p[2])))
				return -1;
		} else {
			out[o++] = '-';
		}
		for (size_t i = 0; i < n; i++) {
			char c = lower(p[i]);
			if (sub > 0 && n == 2 && is_alpha(p[0]))
				c = upper(c); /* region */
			else if (sub > 0 && n == 4 && i == 0 && is_alpha(p[0]))
				c = upper(c); /* script: Latn, Cyrl */
			out[o++] = c;
		}
		sub++;
		p += n;
		if (*p) {
			p++;
			if (!*p)
				return -1; /* "de-" */
		}
	}
	out[o] = 0;
	return 0;
}

/* The language subtag of a normalised tag into out (4 bytes), and its
 * two-letter region into region (3 bytes, "" when none). */
static void lang_split(const char *tag, char *out, char *region)
{
	size_t n = strcspn(tag, "-");
	memcpy(out, tag, n < 3 ? n : 3);
	out[n < 3 ? n : 3] = 0;
	region[0] = 0;
	for (const char *p = tag + n; *p == '-';) {
		p++;
		size_t k = strcspn(p, "-");
		if (k == 2 && is_alpha(p[0])) {
			memcpy(region, p, 2);
			region[2] = 0;
			return;
		}
		p += k;
	}
}

static const struct lang_info *lang_info_find(const char *lang)
{
	for (size_t i = 0; i < sizeof lang_table / sizeof lang_table[0]; i++)
		if (!strcmp(lang_table[i].lang, lang))
			return &lang_table[i];
	return NULL;
}

/* DIR/hyph_LL[_RR].dic when it can be read, malloc'd; else NULL. */
static char *lang_try(const char *dir, const char *lang, const char *region)
{
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "%s/hyph_%s%s%s.dic", dir, lang, region && *region ? "_" : "", region ? region : "");
	buf_cstr(&b);
	if (access(b.data, R_OK) == 0)
		return buf_detach(&b);
	buf_done(&b);
	return NULL;
}

/* The first DIR/hyph_LL_*.dic in name order, malloc'd, or NULL. */
static char *lang_any_region(const char *dir, const char *lang)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	char prefix[16], *best = NULL;
	snprintf(prefix, sizeof prefix, "hyph_%s_", lang);
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) || n < 4 || strcmp(e->d_name + n - 4, ".dic"))
			continue;
		if (!best || strcmp(e->d_name, best) < 0) {
			free(best);
			best = xstrdup(e->d_name);
		}
	}
	closedir(dp);
	if (!best)
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "%s/%s", dir, best);
	buf_cstr(&b);
	free(best);
	if (access(b.data, R_OK) == 0)
		return buf_detach(&b);
	buf_done(&b);
	return NULL;
}

char *lang_hyph_find(const char *dir, const char *tag, const char **package)
{
	char lang[4], region[3];
	lang_split(tag, lang, region);
	const struct lang_info *li = lang_info_find(lang);
	*package = li ? li->package : NULL;
	for (size_t i = 0; *region && i < sizeof lang_region_table / sizeof lang_region_table[0]; i++)
		if (!strcmp(lang_region_table[i].lang, lang) && !strcmp(lang_region_table[i].region, region))
			*package = lang_region_table[i].package;
	if (lang_needs_no_hyphens(tag))
		*package = NULL;
	char *p = NULL;
	if (*region)
		p = lang_try(dir, lang, region);
	if (!p)
		p = lang_try(dir, lang, NULL);
	if (!p && li && li->region)
		p = lang_try(dir, lang, li->region);
	if (!p)
		p = lang_any_region(dir, lang);
	return p;
}

int lang_needs_no_hyphens(const char *tag)
{
	for (size_t i = 0; i < sizeof lang_unhyphenated / sizeof lang_unhyphenated[0]; i++) {
		size_t n = strlen(lang_unhyphenated[i]);
		if (!strncmp(tag, lang_unhyphenated[i], n) && (tag[n] == 0 || tag[n] == '-'))
			return 1;
	}
	return 0;
}
