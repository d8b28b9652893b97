/* level.c: level codes in titles and file names (the forms are listed in
 * level.h).  Pure string work: no AST, no allocation but the role name a
 * file name gives. */
#include "level.h"
#include "infer.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Digits of a level number read at most: more is no level. */
#define LEVEL_DIGITS 6

static int is_sep(unsigned char c)
{
	return c == ' ' || c == ':' || c == '-' || c == '.' || c == ')' || c == '_' || c == '\t' || c == ',';
}

/* An en or em dash at s (3 bytes), used between a code and a title. */
static int dash_at(const char *s)
{
	return (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	       ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94);
}

/* Reads "NUMBER[a-e]" at s; returns the bytes read (0: none) and the rank. */
static size_t read_number(const char *s, int *rank, char *sub)
{
	size_t k = 0;
	long v = 0;
	while (isdigit((unsigned char)s[k]) && k < LEVEL_DIGITS)
		v = v * 10 + (s[k++] - '0');
	if (k == 0 || isdigit((unsigned char)s[k]))
		return 0;
	*sub = 0;
	if (s[k] >= 'a' && s[k] <= 'e' && !isalnum((unsigned char)s[k + 1]))
		*sub = s[k++];
	if (v > LEVEL_MAX_MAJOR)
		v = LEVEL_MAX_MAJOR;
	*rank = (int)v * LEVEL_SUB + (*sub ? *sub - 'a' + 1 : 0);
	return k;
}

/* A code at the start of s: "L3", "IC 3", "IC-3a", "Level 3".  With
 * need_sep, what follows must be a separator or the end (so "E2E" is no
 * code).  Returns the bytes of the code (0: none). */
static size_t code_at(const char *s, int need_sep, struct level_code *out)
{
	struct level_code tmp = *out, *lc = &tmp;
	size_t i = 0, k;
	char sub;
	int rank;
	if (!strncasecmp(s, "level", 5) && (s[5] == ' ' || s[5] == '\t')) {
		i = 5;
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (!(k = read_number(s + i, &rank, &sub)))
			return 0;
		snprintf(lc->code, sizeof(lc->code), "Level %.*s", (int)k, s + i);
		lc->ladder[0] = 0;
		i += k;
	} else {
		/* one to three capitals, or the lone lower-case "l" of "l3" */
		while (i < 3 && isupper((unsigned char)s[i]))
			i++;
		if (i == 0 && s[0] == 'l')
			i = 1;
		if (i == 0 || isalpha((unsigned char)s[i]))
			return 0;
		size_t j = i;
		if ((s[j] == ' ' || s[j] == '-') && isdigit((unsigned char)s[j + 1]))
			j++;
		if (!(k = read_number(s + j, &rank, &sub)))
			return 0;
		for (size_t m = 0; m < i && m < sizeof(lc->ladder) - 1; m++)
			lc->ladder[m] = (char)toupper((unsigned char)s[m]);
		lc->ladder[i < sizeof(lc->ladder) ? i : sizeof(lc->ladder) - 1] = 0;
		snprintf(lc->code, sizeof(lc->code), "%s%.*s", lc->ladder, (int)k, s + j);
		i = j + k;
	}
	if (need_sep && s[i] && !is_sep((unsigned char)s[i]) && !dash_at(s + i))
		return 0;
	lc->rank = rank;
	*out = tmp;
	return i;
}

/* Separators between a code and the title: spaces, ':', '-', '.', dashes. */
static const char *skip_seps(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == ':' || *p == '-' || *p == '.' || *p == '\t')
			p++;
		else if (dash_at(p))
			p += 3;
		else
			return p;
	}
}

static int roman_value(const char *w, size_t n)
{
	static const char *const grades[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X" };
	for (int i = 0; i < 10; i++)
		if (strlen(grades[i]) == n && !strncmp(w, grades[i], n))
			return i + 1;
	return 0;
}

/* A code in parentheses anywhere in the title: "Engineer II (IC 3a)". */
static int code_in_parens(const char *t, struct level_code *lc, const char **open, const char **close)
{
	for (const char *p = strchr(t, '('); p; p = strchr(p + 1, '(')) {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		size_t k = code_at(q, 1, lc);
		if (!k)
			continue;
		const char *e = q + k;
		while (*e == ' ')
			e++;
		if (*e != ')')
			continue;
		*open = p;
		*close = e + 1;
		return 1;
	}
	return 0;
}

/* A code ending the title after a dash or comma: "Senior Engineer — L4". */
static int code_at_end(const char *t, struct level_code *lc, size_t *title_len)
{
	size_t n = strlen(t);
	for (size_t i = n; i-- > 0;) {
		if (t[i] != ' ')
			continue;
		const char *q = t + i + 1;
		struct level_code c = *lc;
		size_t k = code_at(q, 1, &c);
		if (!k || q[k])
			continue;
		size_t e = i;
		while (e > 0 && t[e - 1] == ' ')
			e--;
		int sep = 0;
		if (e > 0 && (t[e - 1] == '-' || t[e - 1] == ',' || t[e - 1] == ':'))
			sep = 1, e--;
		else if (e >= 3 && dash_at(t + e - 3))
			sep = 1, e -= 3;
		if (!sep)
			return 0;
		while (e > 0 && t[e - 1] == ' ')
			e--;
		if (e == 0)
			return 0;
		*lc = c;
		*title_len = e;
		return 1;
	}
	return 0;
}

/* Highest grade read from a bare number closing a title ("Data Scientist
 * 4"): past it the number is a year or a count, not a grade. */
#define LEVEL_GRADE_NUMBER_MAX 30

/* A number 1..LEVEL_GRADE_NUMBER_MAX as written (no sign, no leading
 * zero), or 0. */
static int number_value(const char *w, size_t n)
{
	if (n == 0 || n > 2 || w[0] == '0')
		return 0;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)w[i]))
			return 0;
		v = v * 10 + (w[i] - '0');
	}
	return v <= LEVEL_GRADE_NUMBER_MAX ? v : 0;
}

/* A grade closing a title of two words or more: roman, "Engineer II", or a
 * number, "Tech Lead 6". */
static int grade_at_end(const char *t, struct level_code *lc)
{
	const char *sp = strrchr(t, ' ');
	if (!sp || sp == t)
		return 0;
	int v = roman_value(sp + 1, strlen(sp + 1));
	if (!v && (v = number_value(sp + 1, strlen(sp + 1)))) {
		/* a number is a grade after a job ("Data Scientist 4"), not after
		 * a topic ("Competency 3", "Step 2") */
		char *words = xstrndup(t, (size_t)(sp - t));
		if (!infer_job_title(words))
			v = 0;
		free(words);
	}
	if (!v)
		return 0;
	lc->rank = v * LEVEL_SUB;
	return 1;
}

/* "L1-Junior-DevOps-Engineer.md" without its code: "Junior DevOps Engineer". */
static char *words_of_file(const char *file, size_t skip)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".md"))
		n -= 3;
	struct buf b;
	buf_init(&b);
	size_t i = skip < n ? skip : n;
	while (i < n && (base[i] == '-' || base[i] == '_' || base[i] == ' ' || base[i] == '.'))
		i++;
	for (; i < n; i++)
		buf_addc(&b, base[i] == '-' || base[i] == '_' ? ' ' : base[i]);
	buf_cstr(&b);
	return buf_detach(&b);
}

void level_read(const char *title, const char *file, struct level_code *lc, const char **role_start,
                size_t *role_len, char **role_alloc)
{
	memset(lc, 0, sizeof(*lc));
	lc->rank = -1;
	*role_alloc = NULL;
	const char *t = title ? title : "";
	*role_start = t;
	*role_len = strlen(t);
	const char *open, *close;
	size_t k = code_at(t, 1, lc), len;
	if (k) {
		lc->from = LEVEL_TITLE;
		const char *rest = skip_seps(t + k);
		if (*rest) {
			*role_start = rest;
			*role_len = strlen(rest);
		} else if (file) {
			/* a heading that is only a code: the role is named by its file */
			struct level_code fc;
			size_t fk = code_at(strrchr(file, '/') ? strrchr(file, '/') + 1 : file, 1, &fc);
			*role_alloc = words_of_file(file, fk);
			if (**role_alloc) {
				*role_start = *role_alloc;
				*role_len = strlen(*role_alloc);
			}
		}
		return;
	}
	if (code_in_parens(t, lc, &open, &close)) {
		lc->from = LEVEL_TITLE_END;
		/* the title without the parenthesis, when the rest is the title */
		if (!*skip_seps(close) || *close == 0) {
			size_t e = (size_t)(open - t);
			while (e > 0 && t[e - 1] == ' ')
				e--;
			if (e > 0)
				*role_len = e;
		}
		return;
	}
	if (code_at_end(t, lc, &len)) {
		lc->from = LEVEL_TITLE_END;
		*role_len = len;
		return;
	}
	if (file) {
		const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		if (code_at(base, 1, lc)) {
			lc->from = LEVEL_FILE;
			return;
		}
		lc->code[0] = 0;
		lc->ladder[0] = 0;
		lc->rank = -1;
	}
	if (grade_at_end(t, lc))
		lc->from = LEVEL_GRADE;
}

int level_parse_value(const char *value, struct level_code *lc)
{
	memset(lc, 0, sizeof(*lc));
	lc->rank = -1;
	while (*value == ' ')
		value++;
	char sub;
	int rank;
	size_t k = code_at(value, 1, lc);
	if (!k && (k = read_number(value, &rank, &sub)) != 0)
		lc->rank = rank;
	if (!k || *skip_seps(value + k))
		return -1;
	lc->from = LEVEL_FRONT;
	return 0;
}

void level_rank_text(int rank, char *out, size_t n)
{
	if (rank < 0)
		snprintf(out, n, "-");
	else if (rank % LEVEL_SUB)
		snprintf(out, n, "%d%c", rank / LEVEL_SUB, 'a' + rank % LEVEL_SUB - 1);
	else
		snprintf(out, n, "%d", rank / LEVEL_SUB);
}
