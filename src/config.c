/* config.c: handbook.yml, the organisation's configuration (config.h).
 *
 * The file is read into a tree of mappings, sequences and scalars with
 * their lines (yamltree.h), then walked against
 * the table of keys below: each key names its type and where its value
 * goes.  The same setter takes the command line's overrides, so a value
 * is checked one way wherever it comes from. */
#include "config.h"
#include "messages.h"
#include "util.h"
#include "yamltree.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A configuration is a page of settings; past this it is something else
 * (a log, a paste), and reading it all would only produce warnings. */
#define CFG_MAX_BYTES 65536

/* A template or text value longer than this is a paste, not a line. */
#define CFG_MAX_VALUE 1024

/* ---- the keys ---- */

enum ktype {
	K_MAP,      /* a section: its keys follow in the table */
	K_STR,      /* text (char *) */
	K_RGB,      /* #RRGGBB (an index into rgb[]) */
	K_LEN,      /* a length with a unit: mm, cm, in, pt (fx) */
	K_SIZE,     /* a font size in points (fx) */
	K_PCT,      /* leading: 1.45 or 145% (int percent) */
	K_SCALE,    /* a scale: 1.2 or 120% (int percent), 50% to 200% */
	K_BOOL,     /* yes/no, true/false (int) */
	K_PAPER,    /* a4, letter, a5, b5, WxH */
	K_DUPLEX,   /* duplex/simplex or a boolean */
	K_WORDS,    /* a list of words, or one comma-separated line (char *, commas) */
	K_MESSAGES, /* a mapping of message keys to text */
	K_WATERMARK, /* text for every edition, or a mapping handbook/role/review */
	K_FACE,     /* a font file (.ttf, beside the configuration) or a family name */
	K_FAMILY    /* a family name for the four text faces */
};

struct key {
	const char *name; /* dotted path from the top */
	enum ktype type;
	size_t off;       /* where the value goes in struct config */
	int arg;          /* K_RGB: the colour; K_LEN: the margin */
};

#define F(field) offsetof(struct config, field)
static const struct key keys[] = {
	{ "organisation", K_STR, F(org), 0 },
	{ "organization", K_STR, F(org), 0 },
	{ "title", K_STR, F(title), 0 },
	{ "subtitle", K_STR, F(subtitle), 0 },
	{ "language", K_STR, F(language), 0 },
	{ "date_format", K_STR, F(date_format), 0 },
	{ "theme", K_MAP, 0, 0 },
	{ "theme.colours", K_MAP, 0, 0 },
	{ "theme.colors", K_MAP, 0, 0 },
	{ "theme.colours.primary", K_RGB, F(rgb), CFG_PRIMARY },
	{ "theme.colours.accent", K_RGB, F(rgb), CFG_ACCENT },
	{ "theme.colours.text", K_RGB, F(rgb), CFG_TEXT },
	{ "theme.colours.rules", K_RGB, F(rgb), CFG_RULES },
	{ "theme.colours.table_header", K_RGB, F(rgb), CFG_TABLE_HEADER },
	{ "theme.colours.cover", K_RGB, F(rgb), CFG_COVER },
	{ "theme.fonts", K_MAP, 0, 0 },
	{ "theme.fonts.family", K_FAMILY, F(face), 0 },
	{ "theme.fonts.regular", K_FACE, F(face), 0 },
	{ "theme.fonts.bold", K_FACE, F(face), 1 },
	{ "theme.fonts.italic", K_FACE, F(face), 2 },
	{ "theme.fonts.bold_italic", K_FACE, F(face), 3 },
	{ "theme.fonts.mono", K_FACE, F(face), 4 },
	{ "theme.fonts.heading_scale", K_SCALE, F(heading_pct), 0 },
	{ "theme.fonts.mono_size", K_SIZE, F(mono_size), 0 },
	{ "theme.logo", K_STR, F(logo), 0 },
	{ "theme.logo_in_head", K_BOOL, F(logo_in_head), 0 },
	{ "page", K_MAP, 0, 0 },
	{ "page.paper", K_PAPER, F(paper), 0 },
	{ "page.margins", K_MAP, 0, 0 },
	{ "page.margins.inner", K_LEN, F(margin), CFG_INNER },
	{ "page.margins.outer", K_LEN, F(margin), CFG_OUTER },
	{ "page.margins.top", K_LEN, F(margin), CFG_TOP },
	{ "page.margins.bottom", K_LEN, F(margin), CFG_BOTTOM },
	{ "page.sides", K_DUPLEX, F(duplex), 0 },
	{ "page.base_size", K_SIZE, F(base_size), 0 },
	{ "page.leading", K_PCT, F(leading_pct), 0 },
	{ "head", K_STR, F(head), 0 },
	{ "foot", K_STR, F(foot), 0 },
	{ "confidential", K_STR, F(confidential), 0 },
	{ "watermark", K_WATERMARK, F(watermark), 0 },
	{ "editions", K_MAP, 0, 0 },
	{ "editions.leave_out", K_WORDS, F(leave_out), 0 },
	{ "editions.leave_out_text", K_WORDS, F(leave_out_text), 0 },
	{ "editions.file_name", K_STR, F(file_name), 0 },
	{ "review", K_MAP, 0, 0 },
	{ "review.person", K_STR, F(person), 0 },
	{ "review.reviewer", K_STR, F(reviewer), 0 },
	{ "messages", K_MESSAGES, 0, 0 },
};
#undef F

const char *const config_edition_keys[CFG_ED__MAX] = { "handbook", "role", "review" };

static const struct key *key_find(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

void config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->duplex = -1;
	c->paper = PAPER_A4;
}

static void free_messages(struct config *c)
{
	for (int i = 0; i < c->nmessages; i++) {
		free(c->messages[i].key);
		free(c->messages[i].value);
	}
	free(c->messages);
	c->messages = NULL;
	c->nmessages = 0;
}

void config_done(struct config *c)
{
	char **s[] = { &c->path, &c->org, &c->title, &c->subtitle, &c->language, &c->date_format,
		           &c->prepared_for, &c->logo, &c->head, &c->foot, &c->confidential, &c->leave_out, &c->leave_out_text, &c->person, &c->reviewer,
		           &c->file_name };
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		free(*s[i]);
	for (int e = 0; e < CFG_ED__MAX; e++)
		free(c->watermark[e]);
	for (int i = 0; i < CFG_FACES; i++)
		free(c->face[i]);
	free_messages(c);
	memset(c, 0, sizeof(*c));
}

/* ---- values ---- */

static int parse_rgb(const char *s, uint32_t *rgb)
{
	if (*s == '#')
		s++;
	if (strlen(s) != 6)
		return -1;
	uint32_t v = 0;
	for (int i = 0; i < 6; i++) {
		int ch = s[i], h = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
		                   : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
		if (h < 0)
			return -1;
		v = v << 4 | (uint32_t)h;
	}
	*rgb = v;
	return 0;
}

/* A number and a unit ("20mm", "1.5 in", "72pt") from *s, in fx; *s moves
 * past it.  Returns -1 when there is none or it is past `max`. */
static int parse_length(const char **s, fx max, fx *out)
{
	char *end;
	errno = 0;
	double v = strtod(*s, &end);
	if (end == *s || errno || v < 0)
		return -1;
	while (*end == ' ')
		end++;
	double v1000; /* in fx, computed as units.h's MM() and PT() do */
	if (!strncmp(end, "mm", 2))
		v1000 = v * 72.0 / 25.4 * FX_PER_PT, end += 2;
	else if (!strncmp(end, "cm", 2))
		v1000 = v * 10 * 72.0 / 25.4 * FX_PER_PT, end += 2;
	else if (!strncmp(end, "in", 2))
		v1000 = v * 72.0 * FX_PER_PT, end += 2;
	else if (!strncmp(end, "pt", 2))
		v1000 = v * FX_PER_PT + 1e-6, end += 2;
	else
		return -1;
	if (v1000 > (double)max)
		return -1;
	*out = (fx)v1000;
	*s = end;
	return 0;
}

/* The largest sheet a PDF viewer must show (200 inches, PDF 1.3's limit is
 * 14,400 units), and a margin that still leaves a text area on A7. */
#define CFG_MAX_SHEET PT(14400)
#define CFG_MAX_MARGIN MM(40)

static int parse_paper(const char *s, enum paper *p, fx *w, fx *h)
{
	static const struct {
		const char *name;
		enum paper p;
	} named[] = { { "a4", PAPER_A4 }, { "letter", PAPER_LETTER }, { "a5", PAPER_A5 }, { "b5", PAPER_B5 } };
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcasecmp(s, named[i].name)) {
			*p = named[i].p;
			return 0;
		}
	/* W x H with units on each or on the second only: "170mm x 240mm", "170x240mm" */
	const char *q = s;
	char *end;
	double wv = strtod(q, &end);
	if (end == q || wv <= 0)
		return -1;
	const char *unit = end;
	while (*unit == ' ')
		unit++;
	const char *x = unit;
	if (*x != 'x' && *x != 'X' && *x != '*') {
		if (parse_length(&q, CFG_MAX_SHEET, w) != 0)
			return -1;
		while (*q == ' ')
			q++;
		if (*q != 'x' && *q != 'X' && *q != '*')
			return -1;
		q++;
		while (*q == ' ')
			q++;
		if (parse_length(&q, CFG_MAX_SHEET, h) != 0 || *q)
			return -1;
	} else {
		q = x + 1;
		while (*q == ' ')
			q++;
		if (parse_length(&q, CFG_MAX_SHEET, h) != 0 || *q)
			return -1;
		/* the width takes the height's unit */
		char buf[64];
		const char *u = q - 2;
		snprintf(buf, sizeof(buf), "%g%.2s", wv, u);
		const char *b = buf;
		if (parse_length(&b, CFG_MAX_SHEET, w) != 0)
			return -1;
	}
	/* a sheet smaller than a business card cannot hold a text area */
	if (*w < MM(50) || *h < MM(50))
		return -1;
	*p = PAPER_CUSTOM;
	return 0;
}

static int parse_bool(const char *s, int *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" }, *const no[] = { "no", "false", "off", "0" };
	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(s, yes[i]))
			return *v = 1, 0;
		if (!strcasecmp(s, no[i]))
			return *v = 0, 0;
	}
	return -1;
}

/* What a type takes, for the warning. */
static const char *type_wants(enum ktype t)
{
	switch (t) {
	case K_RGB:
		return "a colour as #RRGGBB";
	case K_LEN:
		return "a length with a unit (mm, cm, in, pt) up to 40mm";
	case K_SIZE:
		return "a size in points from 6 to 24";
	case K_PCT:
		return "a line height from 1.0 to 2.5 (or 100% to 250%)";
	case K_SCALE:
		return "a scale from 0.5 to 2.0 (or 50% to 200%)";
	case K_BOOL:
		return "yes or no";
	case K_PAPER:
		return "a4, letter, a5, b5 or WIDTHxHEIGHT with units (170x240mm)";
	case K_DUPLEX:
		return "duplex or simplex";
	case K_FAMILY:
		return "a font family name";
	default:
		return "text of at most 1024 bytes";
	}
}

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = *v ? xstrdup(v) : NULL;
}

static void bad_value(struct diags *d, const char *file, int line, const char *key, enum ktype t,
                      const char *v)
{
	diag_warn(d, file, line, "configuration: %s takes %s, not '%.60s'; it is ignored", key, type_wants(t), v);
}


/* A list of words: kept as lower-case words between commas, spaces
 * around them dropped; an empty list is "" (leave nothing out). */
static void set_words(char **slot, const char *v)
{
	struct buf b;
	buf_init(&b);
	for (const char *p = v; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *e = p;
		while (*e && *e != ',')
			e++;
		const char *t = e;
		while (t > p && t[-1] == ' ')
			t--;
		if (t > p) {
			if (b.len)
				buf_addc(&b, ',');
			for (const char *q = p; q < t; q++)
				buf_addc(&b, *q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		}
		p = e;
	}
	free(*slot);
	*slot = b.len ? buf_detach(&b) : NULL;
	if (!*slot) {
		buf_done(&b);
		*slot = xstrdup("");
	}
}

/* A face: a family name, or a file named by its extension or a '/',
 * relative to the configuration file's folder (as the logo is to the
 * content's), kept absolute so --print-config's output names the same
 * file anywhere. */
static void set_face(char **slot, const char *v, const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	const char *file_dir = file ? (slash ? file : "./") : NULL;
	size_t file_dir_len = slash ? (size_t)(slash - file + 1) : 2;
	size_t n = strlen(v);
	int is_file = strchr(v, '/') || (n > 4 && !strcasecmp(v + n - 4, ".ttf"));
	if (!is_file || v[0] == '/' || !file_dir) {
		set_str(slot, v);
		return;
	}
	struct buf b;
	buf_init(&b);
	char cwd[4096];
	if (file_dir[0] != '/' && getcwd(cwd, sizeof(cwd)))
		buf_addf(&b, "%s/", cwd);
	buf_addf(&b, "%.*s%s", (int)file_dir_len, file_dir, v);
	free(*slot);
	*slot = buf_detach(&b);
}

/* "1.45" or "145%" as a whole percent within [lo, hi], or -1. */
static int percent(const char *v, int lo, int hi)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v)
		return -1;
	if (*end == '%' && !end[1])
		x /= 100;
	else if (*end)
		return -1;
	return x * 100 >= lo && x * 100 <= hi ? (int)(x * 100 + 0.5) : -1;
}

/* One scalar value for key k.  Returns 0, or -1 with a warning. */
static int set_scalar(struct config *c, const struct key *k, const char *v, const char *file, int line,
                      struct diags *d)
{
	char *base = (char *)c + k->off;
	if (strlen(v) > CFG_MAX_VALUE) {
		bad_value(d, file, line, k->name, K_STR, v);
		return -1;
	}
	switch (k->type) {
	case K_STR:
		set_str((char **)base, v);
		return 0;
	case K_RGB: {
		uint32_t rgb;
		if (parse_rgb(v, &rgb) != 0)
			break;
		c->rgb[k->arg] = rgb;
		c->has_rgb |= 1u << k->arg;
		return 0;
	}
	case K_LEN: {
		const char *s = v;
		fx len;
		if (parse_length(&s, CFG_MAX_MARGIN, &len) != 0 || *s || len < MM(5))
			break;
		c->margin[k->arg] = len;
		return 0;
	}
	case K_SIZE: {
		char *end;
		double pt = strtod(v, &end);
		if (end == v || (*end && strcmp(end, "pt")) || pt < 6 || pt > 24)
			break;
		*(fx *)((char *)c + k->off) = PT(pt);
		return 0;
	}
	case K_PCT: {
		int pct = percent(v, 100, 250);
		if (pct < 0)
			break;
		c->leading_pct = pct;
		return 0;
	}
	case K_SCALE: {
		int pct = percent(v, 50, 200);
		if (pct < 0)
			break;
		*(int *)((char *)c + k->off) = pct;
		return 0;
	}
	case K_BOOL:
		if (parse_bool(v, (int *)base) != 0)
			break;
		return 0;
	case K_PAPER: {
		enum paper p;
		fx w = 0, h = 0;
		if (parse_paper(v, &p, &w, &h) != 0)
			break;
		c->paper = p;
		c->paper_w = w;
		c->paper_h = h;
		c->paper_set = 1;
		return 0;
	}
	case K_DUPLEX: {
		int b;
		if (!strcasecmp(v, "duplex") || !strcasecmp(v, "double"))
			c->duplex = 1;
		else if (!strcasecmp(v, "simplex") || !strcasecmp(v, "single"))
			c->duplex = 0;
		else if (parse_bool(v, &b) == 0)
			c->duplex = b;
		else
			break;
		return 0;
	}
	case K_WORDS:
		set_words((char **)base, v);
		return 0;
	case K_WATERMARK:
		for (int e = 0; e < CFG_ED__MAX; e++)
			set_str(&c->watermark[e], v);
		return 0;
	case K_FAMILY:
		if (strchr(v, '/'))
			break;
		for (int i = 0; i < 4; i++)
			set_str(&c->face[i], v);
		return 0;
	case K_FACE:
		set_face(&c->face[k->arg], v, file);
		return 0;
	case K_MAP:
	case K_MESSAGES:
		diag_warn(d, file, line, "configuration: '%s' is a section of keys, not a value; it is ignored",
		          k->name);
		return -1;
	}
	bad_value(d, file, line, k->name, k->type, v);
	return -1;
}

static void set_message(struct config *c, const char *key, const char *value)
{
	for (int i = 0; i < c->nmessages; i++)
		if (!strcmp(c->messages[i].key, key)) {
			free(c->messages[i].value);
			c->messages[i].value = xstrdup(value);
			return;
		}
	c->messages = xrealloc(c->messages, (size_t)(c->nmessages + 1) * sizeof(*c->messages));
	c->messages[c->nmessages].key = xstrdup(key);
	c->messages[c->nmessages++].value = xstrdup(value);
}

int config_set(struct config *c, const char *key, const char *value, const char *file, int line,
               struct diags *d)
{
	const struct key *k = key_find(key);
	if (!strncmp(key, "messages.", 9) && key[9]) {
		int known = 0;
		for (int i = 0; i < MSG__MAX && !known; i++)
			known = !strcmp(msg_key((enum msg_id)i), key + 9);
		if (!known) {
			diag_warn(d, file, line, "configuration: unknown key '%.60s' is ignored", key);
			return -1;
		}
		set_message(c, key + 9, value);
		return 0;
	}
	if (!strncmp(key, "watermark.", 10))
		for (int e = 0; e < CFG_ED__MAX; e++)
			if (!strcmp(key + 10, config_edition_keys[e])) {
				set_str(&c->watermark[e], value);
				return 0;
			}
	if (!k) {
		diag_warn(d, file, line, "configuration: unknown key '%.60s' is ignored", key);
		return -1;
	}
	return set_scalar(c, k, value, file, line, d);
}

/* Joins a sequence of scalars with commas (editions.leave_out). */
static int seq_text(const struct ynode *y, struct buf *b)
{
	for (int i = 0; i < y->n; i++) {
		if (y->kids[i]->kind != Y_SCALAR)
			return -1;
		if (i)
			buf_addc(b, ',');
		buf_adds(b, y->kids[i]->s);
	}
	return 0;
}

/* Walks a mapping whose keys sit under prefix ("" at the top). */
static void walk(struct config *c, const struct ynode *map, const char *prefix, const char *file,
                 struct diags *d)
{
	for (int i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *kn = map->kids[i], *vn = map->kids[i + 1];
		if (kn->kind != Y_SCALAR) {
			diag_warn(d, file, kn->line, "configuration: a key that is not text is ignored");
			continue;
		}
		struct buf name;
		buf_init(&name);
		buf_addf(&name, "%s%s%s", prefix, *prefix ? "." : "", kn->s);
		const char *full = buf_cstr(&name);
		const struct key *k = key_find(full);
		if (!k && strncmp(full, "watermark.", 10)) {
			diag_warn(d, file, kn->line, "configuration: unknown key '%.60s' is ignored", full);
		} else if (k && k->type == K_MESSAGES) {
			if (vn->kind != Y_MAP)
				diag_warn(d, file, vn->line, "configuration: '%s' is a section of keys, not a value; it is "
				          "ignored", full);
			else
				for (int m = 0; m + 1 < vn->n; m += 2) {
					if (vn->kids[m]->kind == Y_SCALAR && vn->kids[m + 1]->kind == Y_SCALAR)
						set_message(c, vn->kids[m]->s, vn->kids[m + 1]->s);
					else
						diag_warn(d, file, vn->kids[m]->line,
						          "configuration: '%s' takes a single value; it is ignored", "messages");
				}
		} else if (k && k->type == K_MAP) {
			if (vn->kind == Y_MAP)
				walk(c, vn, full, file, d);
			else
				diag_warn(d, file, vn->line, "configuration: '%s' is a section of keys, not a value; it is "
				          "ignored", full);
		} else if (k && k->type == K_WATERMARK && vn->kind == Y_MAP) {
			walk(c, vn, full, file, d);
		} else if (k && k->type == K_WORDS && vn->kind == Y_SEQ) {
			struct buf b;
			buf_init(&b);
			if (seq_text(vn, &b) == 0)
				set_scalar(c, k, buf_cstr(&b), file, vn->line, d);
			else
				diag_warn(d, file, vn->line, "configuration: '%s' takes a single value; it is ignored", full);
			buf_done(&b);
		} else if (vn->kind != Y_SCALAR) {
			diag_warn(d, file, vn->line, "configuration: '%s' takes a single value; it is ignored", full);
		} else if (!strcmp(vn->s, "~") || !strcmp(vn->s, "null") || !*vn->s) {
			/* YAML's null: the key is left at its default (--print-config writes these) */
		} else {
			config_set(c, full, vn->s, file, kn->line, d);
		}
		buf_done(&name);
	}
}

int config_load(struct config *c, const char *path, int optional, struct diags *d)
{
	int rc = -1;
	char *text = NULL;
	struct ynode *root = NULL;
	/* a content folder's file is read as it is, never through a link
	 * (the folder's other inputs are confined the same way) */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (optional ? O_NOFOLLOW : 0));
	struct stat st;
	if (fd < 0) {
		if (optional && errno == ENOENT)
			rc = 0;
		else
			diag_warn(d, path, 0, "configuration cannot be read: %s", errno == ELOOP ? "it is a symbolic link"
			                                                                      : strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CFG_MAX_BYTES) {
		diag_warn(d, path, 0, "configuration cannot be read: %s",
		          st.st_size > CFG_MAX_BYTES ? "it is larger than 64 KB" : "it is not a regular file");
		goto done;
	}
	text = xmalloc((size_t)st.st_size + 1);
	ssize_t got = 0;
	while (got < st.st_size) {
		ssize_t k = read(fd, text + got, (size_t)(st.st_size - got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += k;
	}
	if (got != st.st_size) {
		diag_warn(d, path, 0, "configuration cannot be read: %s", "short read");
		goto done;
	}
	text[got] = 0;
	if (!(root = yaml_tree(text, (size_t)got, path, 1, YT_CONFIG, d)))
		goto done;
	if (root->kind != Y_MAP) {
		diag_warn(d, path, root->line, "configuration is not a mapping of 'key: value' lines; it is left out");
		goto done;
	}
	free(c->path);
	c->path = xstrdup(path);
	walk(c, root, "", path, d);
	rc = 0;
done:
	if (fd >= 0)
		close(fd);
	ynode_free(root);
	free(text);
	return rc;
}

const char *config_message(const struct config *c, const char *key)
{
	for (int i = 0; i < c->nmessages; i++)
		if (!strcmp(c->messages[i].key, key))
			return c->messages[i].value;
	return NULL;
}

/* ---- printing ---- */

struct page_geom config_page(const struct config *c)
{
	struct page_geom g = style_page(c->paper == PAPER_CUSTOM ? PAPER_A4 : c->paper);
	if (c->paper == PAPER_CUSTOM) {
		/* margins in proportion to A4's for a sheet of another size */
		g.width = c->paper_w;
		g.height = c->paper_h;
		fx shorter = g.width < g.height ? g.width : g.height;
		if (shorter < MM(148)) {
			g.inner = g.outer = g.top = g.bottom = MM(15);
			g.head_gap = MM(7);
			g.foot_gap = MM(9);
		}
	}
	fx *m[CFG_MARGIN__MAX] = { &g.inner, &g.outer, &g.top, &g.bottom };
	for (int i = 0; i < CFG_MARGIN__MAX; i++)
		if (c->margin[i])
			*m[i] = c->margin[i];
	/* a text area narrower than this cannot set a table or the journey */
	if (g.width - g.inner - g.outer < MM(60) || g.height - g.top - g.bottom < MM(60)) {
		struct page_geom s = style_page(PAPER_A4);
		g.inner = g.outer = g.top = g.bottom = MM(15);
		(void)s;
	}
	return g;
}

void config_apply_style(const struct config *c)
{
	style_theme_reset();
	if (!c)
		return;
	if (c->has_rgb >> CFG_PRIMARY & 1)
		style_theme.heading = c->rgb[CFG_PRIMARY];
	if (c->has_rgb >> CFG_ACCENT & 1)
		style_theme.accent = style_theme.link = c->rgb[CFG_ACCENT];
	if (c->has_rgb >> CFG_TEXT & 1)
		style_theme.text = c->rgb[CFG_TEXT];
	if (c->has_rgb >> CFG_RULES & 1)
		style_theme.rule = c->rgb[CFG_RULES];
	if (c->has_rgb >> CFG_TABLE_HEADER & 1)
		style_theme.table_head_bg = c->rgb[CFG_TABLE_HEADER];
	if (c->base_size)
		style_theme.body_size = c->base_size;
	if (c->leading_pct)
		style_theme.leading_pct = c->leading_pct;
	if (c->heading_pct)
		style_theme.heading_pct = c->heading_pct;
	if (c->mono_size)
		style_theme.code_size = c->mono_size;
	style_theme_update_headings();
}

void config_expand(const char *tmpl, const char *const vals[CFG_F__MAX], struct buf *out)
{
	static const char *const names[CFG_F__MAX] = { "org", "title", "chapter", "page", "pages", "date",
		                                           "version", "edition", "track", "code", "name" };
	for (const char *p = tmpl; *p;) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			int f = -1;
			for (int i = 0; e && i < CFG_F__MAX; i++)
				if ((size_t)(e - p - 1) == strlen(names[i]) && !strncmp(p + 1, names[i], (size_t)(e - p - 1)))
					f = i;
			if (f >= 0) {
				if (vals[f])
					buf_adds(out, vals[f]);
				p = e + 1;
				continue;
			}
		}
		buf_addc(out, *p++);
	}
}
