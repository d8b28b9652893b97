/* single.c: one Markdown document as a whole framework (see single.h).
 * It only cuts the text and hands each part to content_add_text, so the
 * parts are cleaned and parsed exactly as files are. */
#include "single.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 when the line at s (up to its end e) is an ATX level-1 heading. */
static int is_h1(const char *s, const char *e)
{
	int sp = 0;
	while (s < e && *s == ' ' && sp < 4)
		s++, sp++;
	return sp < 4 && s < e && *s == '#' && (s + 1 == e || s[1] == ' ' || s[1] == '\t' || s[1] == '\r');
}

/* The fence a line opens or closes ("```" or "~~~" and longer), or 0. */
static int fence_len(const char *s, const char *e, char *ch)
{
	int sp = 0;
	while (s < e && *s == ' ' && sp < 4)
		s++, sp++;
	if (sp >= 4 || s >= e || (*s != '`' && *s != '~'))
		return 0;
	int n = 0;
	while (s + n < e && s[n] == *s)
		n++;
	if (n < 3)
		return 0;
	*ch = *s;
	return n;
}

/* "# L2: Engineer {#x}" -> "L2-Engineer.md": letters and digits kept, each
 * run of anything else one '-'. */
static char *level_name(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '#'))
		s++;
	struct buf b;
	buf_init(&b);
	int dash = 0;
	for (; s < e; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c >= 0x80) {
			if (dash && b.len)
				buf_addc(&b, '-');
			buf_addc(&b, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (!b.len)
		buf_adds(&b, "Level");
	buf_adds(&b, ".md");
	return buf_detach(&b);
}

/* Adds text[from, to) as a source named name, padded with the blank lines
 * that keep its line numbers the document's. */
static int add_part(struct content *c, const char *name, const char *text, size_t from, size_t to,
                    int first_line, const char *label, struct diags *d)
{
	struct buf b;
	buf_init(&b);
	for (int i = 1; i < first_line; i++)
		buf_addc(&b, '\n');
	buf_add(&b, text + from, to - from);
	buf_cstr(&b);
	int rc = content_add_text(c, name, b.data, b.len, d);
	buf_done(&b);
	struct source *s = &c->v[c->n - 1];
	free(s->path);
	s->path = xstrdup(label);
	if (rc != 0)
		diag_error(d, label, first_line, "the Markdown parser failed");
	return rc;
}

int single_load_text(struct content *c, const char *text, size_t len, const char *label,
                     struct diags *d)
{
	content_init(c, ".");
	size_t start = 0;  /* the current part begins here */
	int start_line = 1, line = 1, h1s = 0, fence = 0, rc = 0;
	char fch = 0;
	char *name = xstrdup("README.md");
	struct strmap *names = strmap_new();
	for (size_t i = 0; i <= len;) {
		const char *s = text + i, *e = memchr(s, '\n', len - i);
		size_t next = e ? (size_t)(e - text) + 1 : len + 1;
		if (!e)
			e = text + len;
		char ch;
		int f = fence_len(s, e, &ch);
		if (fence && f >= fence && ch == fch) {
			fence = 0;
		} else if (!fence && f) {
			fence = f;
			fch = ch;
		} else if (!fence && is_h1(s, e) && h1s++ > 0) {
			if (add_part(c, name, text, start, i, start_line, label, d) != 0)
				rc = -1;
			free(name);
			name = level_name(s, e);
			/* two levels of one name: the second gets a number */
			for (int k = 2; !strmap_put(names, name, 1); k++) {
				struct buf b;
				buf_init(&b);
				buf_add(&b, name, strlen(name) - 3);
				buf_addf(&b, "-%d.md", k);
				free(name);
				name = buf_detach(&b);
			}
			start = i;
			start_line = line;
		}
		i = next;
		line++;
	}
	if (add_part(c, name, text, start, len, start_line, label, d) != 0)
		rc = -1;
	free(name);
	strmap_free(names);
	if (rc == 0 && c->n < 2) {
		diag_error(d, label, 0, "standard input holds no level: each level starts with a level-1 heading");
		rc = -1;
	}
	return rc;
}

int single_load_stdin(struct content *c, struct diags *d)
{
	struct buf b;
	buf_init(&b);
	char tmp[65536];
	ssize_t k;
	int rc = -1;
	while ((k = read(0, tmp, sizeof(tmp))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			content_init(c, ".");
			diag_error(d, "<stdin>", 0, "cannot read: %s", strerror(errno));
			goto done;
		}
		if (b.len + (size_t)k > CONTENT_MAX_FILE) {
			content_init(c, ".");
			diag_error(d, "<stdin>", 0, "cannot read: %s", "is too large");
			goto done;
		}
		buf_add(&b, tmp, (size_t)k);
	}
	buf_cstr(&b);
	rc = single_load_text(c, b.data, b.len, "<stdin>", d);
done:
	buf_done(&b);
	return rc;
}
