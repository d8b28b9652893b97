/* frontmatter.c: YAML front matter read with libyaml's event parser and
 * blanked out of the Markdown (frontmatter.h). */
#include "frontmatter.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Front matter longer than this is no front matter: a file that opens with
 * a thematic break and has another far below is Markdown, and a value that
 * long is a paste, not a title. */
#define FM_MAX_BYTES 16384

const char *const fm_key_names[FM__MAX] = { "title", "level", "track", "next", "summary", "lang" };

/* The end of the line starting at p (the '\n', or the end of the text). */
static const char *line_end(const char *p, const char *end)
{
	const char *e = memchr(p, '\n', (size_t)(end - p));
	return e ? e : end;
}

/* 1 when [p, e) is the fence `mark` ("---" or "...") with only spaces after. */
static int fence(const char *p, const char *e, const char *mark)
{
	if (e - p < 3 || memcmp(p, mark, 3))
		return 0;
	for (p += 3; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static int key_of(const char *k)
{
	for (int i = 0; i < FM__MAX; i++)
		if (!strcmp(k, fm_key_names[i]))
			return i;
	return -1;
}

/* Parses the YAML between the fences; first_line is its first line's
 * number in the file.  Returns 0, or -1 (a warning given) when it is not a
 * flat mapping of scalars. */
static int parse(const char *y, size_t n, int first_line, const char *path, struct front_matter *fm,
                 struct diags *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)y, n);
	int rc = 0, depth = 0, want_key = 1, key = -1, done = 0;
	char *pending = NULL;
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			diag_warn(d, path, first_line + (int)p.problem_mark.line,
			          "front matter is not valid YAML (%s); it is left out",
			          p.problem ? p.problem : "parse error");
			rc = -1;
			break;
		}
		int line = first_line + (int)ev.start_mark.line;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth++ == 0 && ev.type == YAML_MAPPING_START_EVENT)
				break;
			if (depth == 2 && !want_key && key >= 0)
				diag_warn(d, path, line, "front matter: '%s' takes a single value; it is ignored",
				          fm_key_names[key]);
			if (depth == 1) {
				diag_warn(d, path, line, "front matter is not a list of 'key: value' lines; it is left out");
				rc = -1;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (--depth == 1) {
				want_key = 1; /* a nested value has ended */
				key = -1;
			}
			break;
		case YAML_SCALAR_EVENT:
			if (depth != 1)
				break;
			if (want_key) {
				free(pending);
				pending = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
				key = key_of(pending);
				if (key < 0)
					diag_warn(d, path, line, "front matter: unknown key '%.40s' is ignored (known: title, "
					          "level, track, next, summary, lang)", pending);
				want_key = 0;
			} else {
				if (key >= 0) {
					free(fm->v[key]);
					fm->v[key] = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
					fm->line[key] = line;
				}
				want_key = 1;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	free(pending);
	yaml_parser_delete(&p);
	return rc;
}

int fm_read(char *text, size_t len, const char *path, struct front_matter *fm, struct diags *d)
{
	memset(fm, 0, sizeof(*fm));
	const char *end = text + len, *e = line_end(text, end);
	if (!fence(text, e, "---") || e == end)
		return 0;
	const char *body = e + 1, *p = body;
	int lines = 1;
	while (p < end) {
		const char *le = line_end(p, end);
		lines++;
		if (fence(p, le, "---") || fence(p, le, "...")) {
			if (p - body > FM_MAX_BYTES)
				return 0;
			parse(body, (size_t)(p - body), 2, path, fm, d);
			/* blank the block, newlines kept, so every line keeps its number */
			for (char *q = text; q < le; q++)
				if (*q != '\n')
					*q = ' ';
			return 1;
		}
		if (le == end)
			break;
		p = le + 1;
	}
	return 0;
}

void fm_done(struct front_matter *fm)
{
	for (int i = 0; i < FM__MAX; i++)
		free(fm->v[i]);
	memset(fm, 0, sizeof(*fm));
}
