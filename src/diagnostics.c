/* diagnostics.c: the diagnostic list, its codes and its three printed forms.
 * Identical messages (same file, line, column and text) are kept once with
 * a count, so a stage may report freely from inside a loop; messages that
 * differ only in their line are grouped when printed. */
#include "diagnostics.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Past this many diagnostics the rest are counted, not kept: a hostile file
 * must not make the run slow or its output unreadable. */
#define DIAG_MAX 500

/* A group names at most this many other lines: enough to find them, short
 * enough to stay one readable line. */
#define DIAG_GROUP_LINES 8

/* Every message format and its code.  Codes are stable: a CI script may
 * filter on them, so a code is never reused for another message, and a
 * message whose wording changes keeps its code.  The README lists them.
 * Keyed by the format string, so call sites stay as they are; the test in
 * tests/e2e/ci.sh fails when a diag_warn/diag_error format is missing here.
 *   HB1xx content files, HB2xx links, HB3xx layout, HB4xx images,
 *   HB5xx index terms, HB6xx editions, HB7xx fonts, patterns and output. */
static const struct {
	const char *fmt;
	const char *code;
} codes[] = {
	{ "%s, shown as \xEF\xBF\xBD", "HB101" },
	{ "linked level file %s %s", "HB102" },
	{ "cannot read: %s", "HB103" },
	{ "the Markdown parser failed", "HB104" },
	{ "level link %s leads outside the content folder", "HB105" },
	{ "%s is outside the content folder; it is not a chapter", "HB114" },
	{ "level link %s %s; not read", "HB115" },
	{ "%s %s; not read", "HB116" },
	{ "%s is listed twice; the second link is ignored", "HB106" },
	{ "level file is not listed in %s; appended after the listed levels", "HB107" },
	{ "links no level file; the %d Markdown files %s are read as levels, in name order (or as their front matter places them: sidebar_position, nav_order, weight, order)", "HB117" },
	{ "front matter: role '%.40s' is neither true nor false; it is ignored", "HB128" },
	{ "links no level file; the %d pages of mkdocs.yml's nav are read as levels, in its order", "HB118" },
	{ "content folder: %s", "HB108" },
	{ "content folder is not a directory", "HB109" },
	{ "no level files: link them from the README as .md files (in a list, a table or the text)", "HB110" },
	{ "no level files", "HB111" },
	{ "no level-1 heading; the file name is used as its title", "HB112" },
	{ "standard input holds no level: each level starts with a level-1 heading", "HB113" },
	{ "link with an empty target; set as text", "HB201" },
	{ "link to '%.*s:' is not a web address; set as text", "HB202" },
	{ "link to %s, which is not in the book; set as text", "HB203" },
	{ "link to %s cannot be followed in the PDF; set as text", "HB204" },
	{ "link to %s: no such heading; set as text", "HB205" },
	{ "wiki link [[%.60s]] names no page in the content folder; set as text", "HB206" },
	{ "character U+%04X is in none of the bundled or installed fonts; shown as \xEF\xBF\xBD", "HB301" },
	{ "character U+%04X is in none of the bundled or installed fonts; shown as \xEF\xBF\xBD "
	  "(install the Debian package %s)", "HB753" },
	{ "raw HTML is not interpreted; only its text is shown (reported once per file)", "HB302" },
	{ "a Mermaid diagram is not drawn (the career journey is drawn from the roles); it is left out", "HB316" },
	{ "nesting deeper than %d levels is shown flattened", "HB303" },
	{ "table has %d columns; only the first %d are shown", "HB304" },
	{ "a word wider than the line (%.20s...) is broken between letters; "
	  "later cases in this file are not reported", "HB305" },
	{ "career-journey diagram: the title '%s' does not fit its box; "
	  "part of it is left out", "HB306" },
	{ "career-journey diagram: the role title '%s' is too long "
	  "for its box; set at %d%% of its size", "HB307" },
	{ "image %s %s; its alt text is shown", "HB401" },
	{ "images in table cells are not shown; alt text used", "HB402" },
	{ "index term longer than %d bytes; ignored", "HB501" },
	{ "more than %d index terms; the rest are ignored", "HB502" },
	{ "index term line has no name before '|'; ignored", "HB503" },
	{ "index terms cannot be read: %s", "HB504" },
	{ "index terms cannot be read", "HB505" },
	{ "index terms file larger than 1 MiB; ignored", "HB506" },
	{ "index term \"%s\" never occurs in the body text", "HB507" },
	{ "'%s' matches more than one role", "HB601" },
	{ "no role is called '%s'", "HB602" },
	{ "the worker making this role's edition stopped; no PDF was written for it", "HB603" },
	{ "hyphenation patterns cannot be read; no hyphenation", "HB701" },
	{ "no hyphenation patterns for %s are installed; no hyphenation (install the Debian package %s)", "HB750" },
	{ "no hyphenation patterns for %s are installed, and no Debian package has them; no hyphenation",
	  "HB751" },
	{ "front matter: lang '%.40s' is not a language tag such as de or pt-BR; it is ignored", "HB752" },
	{ "font file cannot be opened", "HB702" },
	{ "font file cannot be read", "HB703" },
	{ "not a TrueType font with glyf outlines, or corrupt", "HB704" },
	{ "font subsetting failed", "HB705" },
	{ "font %s; the bundled face is used instead", "HB724" },
	{ "font file cannot be opened; %s is used in its place", "HB725" },
	{ "libharu could not embed the font", "HB706" },
	{ "cannot make the folder: %s", "HB707" },
	{ "is not a folder", "HB708" },
	{ "cannot create a file in its folder: %s", "HB709" },
	{ "cannot write: %s", "HB710" },
	{ "cannot replace: %s", "HB711" },
	{ "the PDF could not be made (libharu error 0x%04X, detail %u)", "HB712" },
	{ "the PDF could not be made: %s (libharu error 0x%04X, detail %u)", "HB719" },
	{ "standard output is an input of the book (%s); not overwritten", "HB713" },
	{ "is an input of the book (%s); not overwritten", "HB720" },
	{ "cannot be used as the output: %s", "HB714" },
	{ "cannot be used as the output: too many levels of symbolic links", "HB721" },
	{ "cannot be used as the output: the link cannot be read", "HB722" },
	{ "is a folder; -o takes a file name", "HB715" },
	{ "is a special file (not a regular file, a character device or a FIFO); not written", "HB716" },
	{ "cannot write the PDF to standard output: %s", "HB717" },
	{ "is no longer a device or FIFO; not written", "HB718" },
	{ "front matter is not valid YAML (%s); it is left out", "HB120" },
	{ "front matter nested deeper than %d levels; it is left out", "HB126" },
	{ "front matter is not a list of 'key: value' lines; it is left out", "HB125" },
	{ "front matter: '%s' takes a single value; it is ignored", "HB121" },
	{ "front matter: unknown key '%.40s' is ignored (did you mean '%s'?)", "HB122" },
	{ "front matter: unknown keys '%.40s' (did you mean '%s'?) and %d more like it are ignored", "HB127" },
	{ "front matter: level '%.40s' is no level code (write it as IC3, L2, 3 or 3a); it is ignored", "HB123" },
	{ "front matter: next '%.60s' %s; the next level is inferred", "HB124" },
	{ "configuration is not valid YAML (%s); it is left out", "HB140" },
	{ "configuration is not a mapping of 'key: value' lines; it is left out", "HB141" },
	{ "configuration nested deeper than %d levels; it is left out", "HB142" },
	{ "configuration: unknown key '%.60s' is ignored", "HB143" },
	{ "configuration: a key that is not text is ignored", "HB144" },
	{ "configuration: %s takes %s, not '%.60s'; it is ignored", "HB145" },
	{ "configuration: '%s' takes a single value; it is ignored", "HB146" },
	{ "configuration: '%s' is a section of keys, not a value; it is ignored", "HB147" },
	{ "configuration cannot be read: %s", "HB148" },
	{ "the logo %s %s; it is left out", "HB150" },
	{ "the logo %s %s; not read", "HB151" },
	{ "%s: landing pages nested deeper than %d are not followed", "HB152" },
	{ "linked page %s %s", "HB153" },
	{ "%s leads outside the content folder; not followed", "HB154" },
	{ "%d level-1 headings (a title is one): the book is titled '%s' after its "
	  "folder; set title: in handbook.yml or the README's front matter", "HB155" },
	{ "editions.file_name gives two roles the name '%.80s'; the level files' names are used", "HB149" },
	{ "a heading of %zu bytes; the PDF's bookmarks and metadata keep its first %d", "HB309" },
	{ "links by reference would copy more than %d bytes of link targets per byte of the file; %zu references "
	  "from here on are set as text", "HB310" },
	{ "a table row with %d cells (%zu such lines); cells past the %dth are set as text in the last one and "
	  "delimiter rows are cut there", "HB311" },
	{ "%zu HTML openers ('<![CDATA[', '<!--', '<?', '<!') in long paragraphs would be rescanned to the "
	  "paragraph's end; they are set as text", "HB312" },
	{ "more than %d image openers '![' in one paragraph; %zu later ones are set as text", "HB313" },
	{ "text left out of the PDF: \"%.*s%s\"%s%.0ld%s", "HB314" },
	{ "image %s %s; not read", "HB403" },
	{ "cannot write the dump: %s", "HB723" },
	{ "index-terms.txt %s; not read", "HB508" },
	{ "heading level %d follows level %d; it is tagged as level %d for screen readers", "HB315" },
};

const char *diag_code(const char *fmt)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(codes[i].fmt, fmt))
			return codes[i].code;
	return "HB000";
}

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

void diags_done(struct diags *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].text);
	}
	free(d->v);
	strmap_free(d->seen);
	memset(d, 0, sizeof(*d));
}

/* What makes two diagnostics the same one, as a string key. */
static void identity(struct buf *b, enum diag_sev sev, const char *file, int line, int col,
                     const char *text)
{
	b->len = 0;
	buf_addf(b, "%d|%d|%d|%s|%s", (int)sev, line, col, file ? file : "\x01", text);
}

static void remember(struct diags *d, int i)
{
	struct buf b;
	buf_init(&b);
	identity(&b, d->v[i].sev, d->v[i].file, d->v[i].line, d->v[i].col, d->v[i].text);
	strmap_put(d->seen, b.data, i);
	buf_done(&b);
}

static int same_file(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Adds text (owned by the caller) unless a recent identical one exists. */
static void add(struct diags *d, enum diag_sev sev, const char *file, int line, int col,
                const char *code, const char *text, int count)
{
	if (sev == DIAG_ERROR)
		d->errors += count;
	else
		d->warnings += count;
	/* recent duplicates only: enough for per-line loops, linear overall */
	for (int i = d->n - 1; i >= 0 && i >= d->n - 16; i--) {
		struct diag *o = &d->v[i];
		if (o->sev == sev && o->line == line && o->col == col && !strcmp(o->text, text) &&
		    same_file(o->file, file)) {
			o->count += count;
			return;
		}
	}
	if (d->n >= DIAG_MAX) {
		d->quiet_dups += count;
		return;
	}
	GROW(d->v, d->cap, d->n + 1);
	d->v[d->n] = (struct diag){ sev, file ? xstrdup(file) : NULL, line, col, code, xstrdup(text), count };
	d->n++;
	if (d->seen)
		remember(d, d->n - 1);
}

void diag_add_at(struct diags *d, enum diag_sev sev, const char *file, int line, int col,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	add(d, sev, file, line, col, diag_code(fmt), tmp, 1);
}

void diags_merge(struct diags *d, const struct diags *from)
{
	/* by identity, not by scanning: --all-roles merges every role's messages */
	if (!d->seen) {
		d->seen = strmap_new();
		for (int i = 0; i < d->n; i++)
			remember(d, i);
	}
	struct buf b;
	buf_init(&b);
	for (int k = 0; k < from->n; k++) {
		const struct diag *g = &from->v[k];
		int at;
		identity(&b, g->sev, g->file, g->line, g->col, g->text);
		if (!strmap_get(d->seen, b.data, &at))
			add(d, g->sev, g->file, g->line, g->col, g->code, g->text, g->count);
	}
	buf_done(&b);
	d->quiet_dups += from->quiet_dups;
}

/* The table's own copy of a code read back from a pack, so that every
 * diag.code stays static. */
static const char *known_code(const char *code, size_t len)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strlen(codes[i].code) == len && !memcmp(codes[i].code, code, len))
			return codes[i].code;
	return "HB000";
}

/* One diagnostic per record: "sev line col count filelen textlen code\n"
 * then the file's bytes (none for filelen -1: no file) and the text's. */
void diags_pack(const struct diags *d, struct buf *out)
{
	buf_addf(out, "%d %d\n", d->n, d->quiet_dups);
	for (int k = 0; k < d->n; k++) {
		const struct diag *g = &d->v[k];
		long fl = g->file ? (long)strlen(g->file) : -1;
		buf_addf(out, "%d %d %d %d %ld %zu %s\n", (int)g->sev, g->line, g->col, g->count, fl, strlen(g->text),
		         g->code);
		if (g->file)
			buf_adds(out, g->file);
		buf_adds(out, g->text);
	}
}

int diags_unpack(struct diags *d, const char **p, const char *end)
{
	struct diags from;
	diags_init(&from);
	int n, dups, rc = -1;
	const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl || sscanf(s, "%d %d", &n, &dups) != 2 || n < 0)
		return -1;
	s = nl + 1;
	for (int k = 0; k < n; k++) {
		int sev, line, col, count;
		long fl;
		size_t tl;
		char code[8];
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl || sscanf(s, "%d %d %d %d %ld %zu %7s", &sev, &line, &col, &count, &fl, &tl, code) != 7 ||
		    sev < 0 || sev >= DIAG__MAX || fl < -1 || (size_t)(end - nl - 1) < (fl > 0 ? (size_t)fl : 0) + tl)
			goto done;
		s = nl + 1;
		char *file = fl >= 0 ? xstrndup(s, (size_t)fl) : NULL;
		s += fl > 0 ? fl : 0;
		char *text = xstrndup(s, tl);
		s += tl;
		add(&from, (enum diag_sev)sev, file, line, col, known_code(code, strlen(code)), text, count);
		free(file);
		free(text);
	}
	from.quiet_dups = dups;
	diags_merge(d, &from);
	*p = s;
	rc = 0;
done:
	diags_done(&from);
	return rc;
}

int diag_format_named(const char *name)
{
	static const char *const names[DIAG_FORMAT__MAX] = { "human", "json", "github" };
	for (int i = 0; i < DIAG_FORMAT__MAX; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

/* Code points a terminal or log viewer may act on rather than show: C0 and
 * C1 controls, DEL, the line and paragraph separators and the bidi
 * overrides and isolates (which can make a log line read as another). */
static int unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Writes s escaped for format f; prop: a GitHub property value (file,
 * title), which also escapes ':' and ','. */
static void put_escaped(FILE *fp, const char *s, enum diag_format f, int prop)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		int invalid = cp == 0xFFFD && !(k == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3));
		if (f == DIAG_GITHUB) {
			/* GitHub decodes %25, %0D, %0A (and %3A, %2C in properties); any
			 * other byte written as %XX stays visible as such, harmless */
			if (c == '%' || c < 0x20 || c == 0x7F || (prop && (c == ':' || c == ','))) {
				fprintf(fp, "%%%02X", c);
				i++;
			} else if (invalid || unsafe_cp(cp)) {
				for (int j = 0; j < (invalid ? 1 : k); j++)
					fprintf(fp, "%%%02X", (unsigned char)s[i + j]);
				i += invalid ? 1 : (size_t)k;
			} else {
				fwrite(s + i, 1, (size_t)k, fp);
				i += (size_t)k;
			}
			continue;
		}
		if (f == DIAG_JSON && (c == '"' || c == '\\')) {
			fprintf(fp, "\\%c", c);
		} else if (invalid) {
			/* JSON must be UTF-8: a stray byte becomes U+FFFD there */
			if (f == DIAG_JSON)
				fputs("\\ufffd", fp);
			else
				fprintf(fp, "\\x%02X", c);
			i++;
			continue;
		} else if (c == '\n') {
			fputs("\\n", fp);
		} else if (c == '\t') {
			fputs("\\t", fp);
		} else if (c == '\r') {
			fputs("\\r", fp);
		} else if (unsafe_cp(cp)) {
			if (f == DIAG_HUMAN && cp < 0x80)
				fprintf(fp, "\\x%02X", (unsigned)cp);
			else
				fprintf(fp, "\\u%04x", (unsigned)cp);
		} else {
			fwrite(s + i, 1, (size_t)k, fp);
		}
		i += (size_t)k;
	}
}

/* 1 when a and b are one message at (maybe) different places. */
static int same_group(const struct diag *a, const struct diag *b)
{
	return a->sev == b->sev && a->code == b->code && !strcmp(a->text, b->text) && same_file(a->file, b->file);
}

static void print_one(const struct diags *d, int i, FILE *fp, enum diag_format f, int count)
{
	static const char *sevname[DIAG__MAX] = { "warning", "error" };
	const struct diag *g = &d->v[i];
	if (f == DIAG_JSON) {
		fputs("{\"file\":", fp);
		if (g->file) {
			fputc('"', fp);
			put_escaped(fp, g->file, f, 0);
			fputc('"', fp);
		} else {
			fputs("null", fp);
		}
		fprintf(fp, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"code\":\"%s\",\"message\":\"", g->line,
		        g->col, sevname[g->sev], g->code);
		put_escaped(fp, g->text, f, 0);
		fprintf(fp, "\",\"count\":%d}\n", count);
		return;
	}
	if (f == DIAG_GITHUB) {
		fprintf(fp, "::%s ", sevname[g->sev]);
		if (g->file) {
			fputs("file=", fp);
			put_escaped(fp, g->file, f, 1);
			if (g->line > 0)
				fprintf(fp, ",line=%d", g->line);
			if (g->col > 0)
				fprintf(fp, ",col=%d", g->col);
			fputc(',', fp);
		}
		fprintf(fp, "title=handbook %s::", g->code);
		put_escaped(fp, g->text, f, 0);
		if (count > 1)
			fprintf(fp, " (%d times)", count);
		fputc('\n', fp);
		return;
	}
	if (g->file) {
		put_escaped(fp, g->file, f, 0);
		if (g->line > 0)
			fprintf(fp, ":%d", g->line);
		if (g->line > 0 && g->col > 0)
			fprintf(fp, ":%d", g->col);
	} else {
		fputs("handbook", fp);
	}
	fprintf(fp, ": %s: ", sevname[g->sev]);
	put_escaped(fp, g->text, f, 0);
	fprintf(fp, " [%s]", g->code);
	if (count > 1) {
		fprintf(fp, " (%d times", count);
		int shown = 0;
		for (int j = i + 1; j < d->n; j++) {
			if (!same_group(g, &d->v[j]) || d->v[j].line == g->line || d->v[j].line <= 0)
				continue;
			if (shown == DIAG_GROUP_LINES) {
				fputs(", ...", fp);
				break;
			}
			fprintf(fp, "%s%d", shown ? ", " : "; also line ", d->v[j].line);
			shown++;
		}
		fputc(')', fp);
	}
	fputc('\n', fp);
}

void diags_print_as(const struct diags *d, FILE *fp, enum diag_format f)
{
	/* each group prints once, where its first member was added; the
	 * quadratic scan is bounded by DIAG_MAX */
	for (int i = 0; i < d->n; i++) {
		int first = 1, count = 0;
		for (int j = 0; j < i && first; j++)
			first = !same_group(&d->v[j], &d->v[i]);
		if (!first)
			continue;
		for (int j = i; j < d->n; j++)
			if (same_group(&d->v[i], &d->v[j]))
				count += d->v[j].count;
		print_one(d, i, fp, f, count);
	}
	if (d->quiet_dups && f == DIAG_HUMAN)
		fprintf(fp, "handbook: %d more diagnostics not shown\n", d->quiet_dups);
	else if (d->quiet_dups && f == DIAG_JSON)
		fprintf(fp, "{\"file\":null,\"line\":0,\"column\":0,\"severity\":\"warning\",\"code\":\"HB001\","
		            "\"message\":\"%d more diagnostics not shown\",\"count\":%d}\n",
		        d->quiet_dups, d->quiet_dups);
	else if (d->quiet_dups)
		fprintf(fp, "::warning title=handbook HB001::%d more diagnostics not shown\n", d->quiet_dups);
}

void diag_fputs(FILE *fp, const char *s, enum diag_format f)
{
	put_escaped(fp, s, f, 0);
}

void diags_print(const struct diags *d, FILE *fp)
{
	diags_print_as(d, fp, DIAG_HUMAN);
}
